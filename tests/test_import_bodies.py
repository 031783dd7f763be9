"""Article bodies from the old tools as Markdown: their markup mapped, and nothing they hold able to run in the new site.

Each row: the HTML of a body, what its Markdown must contain, and what the import reports dropping."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from lanterne.importer import body

LINKS = body.Links(
    here="billing/send.md",
    base_url="https://old.example/hc/en-us/articles/1-send",
    article=lambda url: "billing/remind.md" if "/articles/2" in url else None,
    old_site=lambda url: url.startswith("https://old.example/"),
    asset=lambda url: "assets/zendesk/0123456789-" + url.rsplit("/", 1)[-1],
)
CASES = [
    # Text that looks like HTML or like a Markdown link stays text.
    ("<p>Type &lt;script&gt;alert(1)&lt;/script&gt;</p>", "Type &lt;script>alert(1)&lt;/script>", []),
    ("<p>[click](javascript:alert(1))</p>", "\\[click](javascript:alert(1))", []),
    ("<p>&lt;img src=x onerror=alert(1)&gt;</p>", "&lt;img src=x onerror=alert(1)>", []),
    # What can run is dropped, and said.
    ('<p><a href=" JaVaScRiPt:alert(1)">t</a></p>', "t", ["href=javascript: link"]),
    ('<p onclick="steal()">Done.</p><script>x()</script><style>p{}</style>', "Done.", ["<script>", "<style>", "onclick attribute"]),
    ('<svg onload="x()"><circle/></svg><p>After</p>', "After", ["<svg>"]),
    ('<iframe src="javascript:alert(1)"></iframe><p>After</p>', "After", ["<iframe>"]),
    ('<object data="x.swf"></object><embed src="y.swf"><p>After</p>', "After", ["<embed>", "<object>"]),
    ("<p><font color=red>Red</font></p>", "Red", ["<font> (kept its text)"]),
    # The tools' own markup.
    ('<div class="callout callout--danger"><p>Careful</p></div>', '!!! danger ""\n    Careful', []),
    ('<section class="callout-green"><p>Tip</p></section>', '!!! tip ""\n    Tip', []),
    ('<div class="intercom-interblocks-callout" style="background-color: #fdc7c480"><p>Stop</p></div>', '!!! danger ""\n    Stop', []),
    ('<iframe src="https://player.vimeo.com/video/76979871" title="Tour"></iframe>', "[▶ Tour](https://vimeo.com/76979871)", []),
    ("<h1>Big</h1><h2>Small</h2>", "## Big\n\n### Small", []),
    ("<h2>Already small</h2>", "## Already small", []),
    # Links: another imported article, the old help centre left behind, a file, an anchor of the old page.
    ('<p><a href="/hc/en-us/articles/2-remind">remind</a></p>', "[remind](remind.md)", []),
    ('<p><a href="/hc/en-us/community/posts/9">forum</a></p>', "[forum](https://old.example/hc/en-us/community/posts/9)", []),
    ('<p><a href="/hc/article_attachments/7/form.pdf">form</a></p>', "[form](../assets/zendesk/0123456789-form.pdf)", []),
    ('<p><a href="#h_01">above</a></p>', "above", []),
]


@pytest.mark.parametrize(("html", "expected", "dropped"), CASES)
def test_a_body_becomes_markdown_that_keeps_its_text_and_runs_nothing(html, expected, dropped):
    converted = body.convert(html, LINKS)
    assert expected in converted.markdown
    assert sorted(converted.dropped) == sorted(dropped)
    rendered = BeautifulSoup(markdown.markdown(converted.markdown, extensions=["admonition", "tables"]), "html.parser")
    assert not rendered.find_all(["script", "style", "iframe", "svg", "object", "embed", "img"]) or rendered.find_all("img", src=True)
    assert not [tag for tag in rendered.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    assert not [a for a in rendered.find_all("a") if a["href"].lower().lstrip().startswith("javascript")]


def test_a_link_to_the_old_help_centre_that_was_not_imported_is_reported():
    converted = body.convert('<p><a href="https://old.example/hc/en-us/community/posts/9">forum</a></p>', LINKS)
    assert converted.warnings == [
        "links to https://old.example/hc/en-us/community/posts/9, a page of the old help centre that was not imported"
    ]
