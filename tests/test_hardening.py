"""What a hostile author, translator or contributor tried (issue 13, items 1, 2, 5 and 10): each is refused."""

from __future__ import annotations

import os
import time

import pytest
from conftest import load_content, run_build, write_site

SCRIPT = "<script>alert(1)</script>"
HOSTILE_HOME = '---\ntitle: "Help</title><script>alert(1)</script>\\" x=\\"y"\nhero:\n  title: How can we help?\n---\n'


def test_a_hostile_home_title_is_escaped_everywhere_it_lands(make_site):
    built = make_site({"index.en.md": HOSTILE_HOME}, config={"site_name": 'Aide "<b>gras</b>'})
    assert built.ok, built.errors()
    for url in ("en/", "en/factures/envoyer/", "", "factures/envoyer/", "embed/en/factures/envoyer/"):
        html = (built.site / url / "index.html").read_text(encoding="utf-8")
        assert SCRIPT not in html and "<b>gras</b>" not in html, url
    page = built.html("en/factures/envoyer/")
    logo = page.select_one("a.md-logo")
    assert logo["aria-label"] == 'Help</title><script>alert(1)</script>" x="y'
    assert page.title.get_text() == 'Send an invoice - Help</title><script>alert(1)</script>" x="y'
    assert built.html("factures/envoyer/").select_one("a.md-logo")["aria-label"] == 'Aide "<b>gras</b>'


@pytest.fixture
def outside(tmp_path):
    """A file and a folder outside the site, as a contributor's pull request might link to them."""
    secret = tmp_path / "secret"
    (secret / "folder").mkdir(parents=True)
    (secret / "passwd").write_text("root:x:0:0:zqxsecret\n", encoding="utf-8")
    (secret / "folder" / "notes.txt").write_text("zqxsecret\n", encoding="utf-8")
    return secret


def test_links_that_leave_docs_are_refused_and_never_published(tmp_path, outside):
    config = write_site(tmp_path / "site", {})
    docs = tmp_path / "site" / "docs"
    os.symlink(outside / "passwd", docs / "leak.png")
    os.symlink(outside / "folder", docs / "assets" / "linked")
    built = run_build(config)
    assert not built.ok
    assert f"docs/leak.png:1: path: a link to {outside / 'passwd'}, outside docs/; expected a file inside docs/" in built.errors()
    assert any(message.startswith("docs/assets/linked/notes.txt:1: path: a link to") for message in built.errors())
    published = [path.read_bytes() for path in built.site.rglob("*") if path.is_file()]
    assert not any(b"zqxsecret" in data for data in published)


def test_a_link_inside_docs_is_published(tmp_path):
    config = write_site(tmp_path, {})
    os.symlink(tmp_path / "docs" / "assets" / "authors" / "sophie.svg", tmp_path / "docs" / "assets" / "logo.svg")
    built = run_build(config)
    assert built.ok, built.errors()
    assert (built.site / "assets" / "logo.svg").is_file()


ARTICLE = "factures/relancer.md"
HEAD = "---\ntitle: Relancer\nauthor: sophie\nupdated: 2024-09-13\n"
LAUGHS = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else 'x, x, x, x, x, x, x, x, x'}]\n" for n in range(8))

# Columns: front matter after the required keys, the problem reported.
SHAPES = [
    pytest.param(
        "search:\n" + LAUGHS,
        f"docs/{ARTICLE}:9: front matter: expands to more than 5,000 values; expected plain keys and short lists",
        id="alias-bomb",
    ),
    pytest.param(
        "search: " + "[" * 5000 + "]" * 5000 + "\n",
        f"docs/{ARTICLE}:5: front matter: nested more than 20 levels deep; expected plain keys and short lists",
        id="deep-flow-nesting",
    ),
    pytest.param(
        "tags: [" + ", ".join(f"t{n}" for n in range(10_000)) + "]\n",
        f"docs/{ARTICLE}:5: front matter: holds more than 5,000 values; expected plain keys and short lists",
        id="ten-thousand-tags",
    ),
    pytest.param(
        "tags: [" + ", ".join(f"t{n}" for n in range(30)) + "]\n",
        f"docs/{ARTICLE}:5: tags: has 30 items; expected at most 20",
        id="too-many-tags",
    ),
    pytest.param(
        "keywords: [" + "x" * 500 + "]\n",
        f"docs/{ARTICLE}:5: keywords: item 1 has 500 characters; expected at most 80",
        id="huge-keyword",
    ),
]


@pytest.mark.parametrize(("front", "message"), SHAPES)
def test_front_matter_that_would_exhaust_the_build_is_refused_at_once(front, message):
    started = time.perf_counter()
    problems = [str(p) for p in load_content({ARTICLE: HEAD + front + "---\n\nTexte.\n"}).problems]
    assert problems == [message]
    assert time.perf_counter() - started < 5, "refused before walking the expanded tree"


def test_an_article_too_big_to_read_is_refused():
    problems = [str(p) for p in load_content({ARTICLE: HEAD + "---\n\n" + "Texte. " * 50_000}).problems]
    assert problems == [f"docs/{ARTICLE}:1: size: 350,060 characters; expected at most 200,000: split the article"]
