"""What a pull request can make a help centre run (issue 21, items 3, 4, 5 and 12): file names, raw HTML, settings."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from conftest import load_content, run_build, write_site

from lanterne.content import sources

THEME = Path(sources.__file__).parents[1] / "theme"
ARTICLE = "---\ntitle: Piège\nauthor: sophie\nupdated: 2024-09-13\ntags: [email]\n---\n\nCorps.\n"
SCRIPT_FOLDER = "q\"><script>alert('pwn')</script>"
SEGMENT_RULE = (
    "expected ASCII letters, digits, '-', '_' and '.' (not first) in each file and folder name, such as factures/envoyer-une-facture.md"
)


def _published(site: Path) -> list[str]:
    """Every text file of a built site."""
    return [path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*") if path.suffix in (".html", ".json", ".xml")]


def test_a_folder_named_like_html_is_refused_with_the_characters_it_may_use(make_site):
    built = make_site({f"{SCRIPT_FOLDER}/index.md": "---\ntitle: Pwn\n---\n", f"{SCRIPT_FOLDER}/a.md": ARTICLE})
    assert not built.ok
    segment = SCRIPT_FOLDER.split("/")[0]  # the folder's name holds a slash: the first folder is what is wrong
    for name in ("index.md", "a.md"):
        assert f"docs/{SCRIPT_FOLDER}/{name}:1: path: {segment!r} cannot be part of a URL; {SEGMENT_RULE}" in built.errors()
    # The tag page, related lists, embed copies and the API list other articles: none names the folder.
    assert not any("alert('pwn')" in text for text in _published(built.site))
    assert built.html("tags/").select("script:-soup-contains('pwn')") == []


def test_a_file_named_like_an_attribute_is_refused(make_site):
    name = 'q"><svg onload=alert(1)>.md'
    built = make_site({f"factures/{name}": ARTICLE})
    assert f"docs/factures/{name}:1: path: {name!r} cannot be part of a URL; {SEGMENT_RULE}" in built.errors()
    assert not any("onload" in text for text in _published(built.site))


def test_the_names_the_help_centre_uses_stay_accepted():
    build = load_content({"Factures_2024/index.md": "---\ntitle: F\n---\n", "Factures_2024/envoyer-v2.1.md": ARTICLE})
    assert build.problems == []
    assert build.centre.articles[("Factures_2024/envoyer-v2.1", "fr")].url == "Factures_2024/envoyer-v2.1/"


@pytest.mark.parametrize(
    ("raw", "shown", "what"),
    [(b"\xff\xfe.md", "\\xff\\xfe.md", "is not UTF-8"), (b"a\nb.md", "a\\nb.md", "has control characters or line breaks")],
    ids=["not-utf-8", "newline"],
)
def test_a_file_name_that_is_not_utf8_or_has_a_newline_is_refused_clearly(tmp_path, raw, shown, what):
    config = write_site(tmp_path, {})
    (tmp_path / "docs" / "factures" / os.fsdecode(raw)).write_text(ARTICLE, encoding="utf-8")
    built = run_build(config)
    assert not built.ok
    assert f"docs/factures/{shown}:1: path: the file name {what}; {SEGMENT_RULE}" in built.errors()
    # Never published, neither as a page of the default language nor anywhere else.
    assert not (built.site / "factures" / "a").exists() and not (built.site / "b").exists()
    assert not any("Piège" in text for text in _published(built.site))


def test_an_asset_whose_name_is_not_utf8_is_left_out(tmp_path):
    config = write_site(tmp_path, {})
    (tmp_path / "docs" / "assets" / os.fsdecode(b"\xff.png")).write_bytes(b"x")
    built = run_build(config)
    assert f"docs/assets/\\xff.png:1: path: the file name is not UTF-8; {SEGMENT_RULE}" in built.errors()
    assert [path.name for path in (built.site / "assets").iterdir() if path.name.endswith(".png")] == []


def _filters(node: jinja2.nodes.Node, parent: jinja2.nodes.Node | None = None):
    """Every filter call of a template, with the node around it."""
    if isinstance(node, jinja2.nodes.Filter):
        yield node, parent
    for child in node.iter_child_nodes():
        yield from _filters(child, node)


@pytest.mark.parametrize("template", sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html")))
def test_every_url_a_template_prints_is_escaped_as_an_attribute(template):
    # MkDocs' `url` filter makes a path relative and escapes nothing: each use must go through `| e` as well.
    tree = jinja2.Environment().parse((THEME / template).read_text(encoding="utf-8"))
    for node, parent in _filters(tree):
        if node.name == "url":
            assert isinstance(parent, jinja2.nodes.Filter) and parent.name in ("e", "escape"), f"{template}:{node.lineno}"
