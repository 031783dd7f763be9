"""What a pull request can make a help centre run (issue 21, items 3, 4, 5 and 12): file names, raw HTML, settings."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import AUTHORS, MATERIAL, load_content, run_build, write_site

from lanterne import settings
from lanterne.content import sources
from lanterne.deploy import nginx
from lanterne.health import edit

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


# Issue 21.5: settings that land in attributes. Columns: mkdocs.yml's keys as written, the one error expected.
HOSTILE_SETTINGS = [
    (
        {"repo_url": 'https://git.example/aide"><script>alert(1)</script>'},
        "mkdocs.yml: repo_url: 'https://git.example/aide\"><script>alert(1)</script>' is not a link a page can carry safely; "
        "expected an http(s) URL, such as https://git.example.com/support/aide",
    ),
    (
        {"site_url": 'https://aide.example/"><svg onload=alert(1)>'},
        "mkdocs.yml: site_url: 'https://aide.example/\"><svg onload=alert(1)>/' is not a link a page can carry safely; "
        "expected an address of scheme, host and path only, such as https://aide.example.com/",
    ),
    (
        {"repo_url": "https://git.example/aide", "edit_uri": "javascript:alert(1)//"},
        "mkdocs.yml: edit_uri: 'javascript:alert(1)//' is not a link a page can carry safely; "
        "expected a path relative to repo_url, such as edit/main/docs/, or an http(s) URL",
    ),
    (
        {"repo_url": "https://git.example/aide", "edit_uri": "//evil.example/"},
        "mkdocs.yml: edit_uri: '//evil.example/' is not a link a page can carry safely; "
        "expected a path relative to repo_url, such as edit/main/docs/, or an http(s) URL",
    ),
    # Issue 21.12: a CR and a NUL in the name went into nginx's auth_basic and out in WWW-Authenticate.
    (
        {"site_name": "Aide\r\n\x00interne"},
        "mkdocs.yml: site_name: 'Aide\\r\\n\\x00interne' holds control characters or line breaks; "
        "expected text without control characters or line breaks",
    ),
    (
        {"site_description": "Aide\u2028interne"},
        "mkdocs.yml: site_description: 'Aide\\u2028interne' holds control characters or line breaks; "
        "expected text without control characters or line breaks",
    ),
]


@pytest.mark.parametrize(
    ("config", "message"), HOSTILE_SETTINGS, ids=["repo_url", "site_url", "edit_uri", "edit_uri-host", "cr-nul", "u2028"]
)
def test_a_setting_that_would_break_out_of_an_attribute_or_a_line_stops_the_build(make_site, config, message):
    built = make_site(config=config)
    assert not built.ok
    assert built.errors()[0] == message


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ("//evil.example/", "'//evil.example/' is not a link"),
        ("/\\evil.example/", "'/\\\\evil.example/' is not a link"),
        ('https://aide.example/c" onmouseover="alert(1)', "'https://aide.example/c\" onmouseover=\"alert(1)' is not a link"),
    ],
    ids=["slash-slash", "slash-backslash", "quote"],
)
def test_a_contact_url_that_leads_to_another_host_is_refused(contact, message):
    with pytest.raises(settings.SettingsError) as caught:
        settings.parse({"contact": {"url": contact}}, site_url=None, theme_language="fr")
    assert caught.value.problems == [
        f"mkdocs.yml: extra.lanterne.contact.url: {message}; expected https://..., mailto:support@example.com or /a/path/"
    ]


def test_a_control_character_in_extra_lanterne_is_refused_with_its_key():
    with pytest.raises(settings.SettingsError) as caught:
        settings.parse({"contact": {"url": "/contact/", "label": {"fr": "Écrire\r\nSet-Cookie: x"}}}, site_url=None, theme_language="fr")
    assert caught.value.problems == [
        "mkdocs.yml: extra.lanterne.contact.label.fr: holds control characters or line breaks; "
        "expected text without control characters or line breaks"
    ]


@pytest.mark.parametrize("value", ["https://app.example\n", "https://app.example/\n"])
def test_an_origin_is_matched_whole_not_up_to_a_line_break(value):
    # `$` matches before a final newline: the origin and colour checks match the whole text (issue 21.12).
    with pytest.raises(ValueError, match="is not an origin"):
        settings._check_origin(value)
    assert not settings.is_color("#fff\n")


def test_an_avatar_that_would_add_an_attribute_is_refused_and_the_author_shown_with_initials(make_site):
    authors = AUTHORS.replace("assets/authors/sophie.svg", "'https://cdn.example/a.png\" data-pwn=\"1'")
    built = make_site({".authors.yml": authors})
    assert (
        "docs/.authors.yml:5: authors.sophie.avatar: 'https://cdn.example/a.png\" data-pwn=\"1' is neither an https:// URL nor "
        "a path under docs/ a page can carry safely; expected an image file such as assets/authors/sophie.svg, or an https:// URL"
    ) in built.errors()
    page = built.html("factures/envoyer/")
    assert page.select("[data-pwn]") == [] and page.select_one(".lt-byline .lt-avatar--initials").get_text() == "SM"


@pytest.mark.parametrize(
    "avatar", ["http://cdn.example/a.png", "//cdn.example/a.png", "data:image/svg+xml,<svg onload=alert(1)>", "/etc/x.png"]
)
def test_an_avatar_is_an_https_url_or_a_file_of_docs(avatar):
    build = load_content({".authors.yml": AUTHORS.replace("assets/authors/sophie.svg", f"'{avatar}'")})
    assert [problem.key for problem in build.problems] == ["authors.sophie.avatar"]
    assert build.centre.authors["sophie"].avatar is None
    assert load_content({".authors.yml": AUTHORS.replace("assets/authors/sophie.svg", "https://cdn.example/a.png")}).problems == []


def test_an_edit_link_that_is_not_http_never_reaches_the_health_downloads():
    # The settings check refuses it first; the health pages' own link maker is the second net.
    assert edit.edit_links("https://git.example/aide", "javascript:alert(1)//", None)("factures/envoyer.md") is None
    link = edit.edit_links("https://git.example/aide", "-/edit/main/docs/", None)
    assert link("factures/envoyer.md") == "https://git.example/aide/-/edit/main/docs/factures/envoyer.md"


def _material_partial(name: str, **context) -> BeautifulSoup:
    """Render one of the theme's partials as MkDocs would find it: Lanterne's theme first, then Material's."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME), str(MATERIAL / "templates")]))
    lang = type("Lang", (), {"t": staticmethod(lambda key: key)})()
    return BeautifulSoup(env.get_template(name).render(lang=lang, **context), "lxml")


def test_materials_repository_and_edit_links_are_escaped_in_lanternes_partials():
    hostile = 'https://git.example/aide"><script>alert(1)</script>'
    config = {"repo_url": hostile, "repo_name": "<b>aide</b>", "theme": {"icon": {}}}
    source = _material_partial("partials/source.html", config=config)
    assert [a["href"] for a in source.select("a")] == [hostile] and source.select("script, b") == []
    page = {"edit_url": hostile}
    actions = _material_partial("partials/actions.html", config=config, page=page, features=["content.action.edit", "content.action.view"])
    assert [a["href"] for a in actions.select("a")] == [hostile, hostile.replace("edit", "raw")] and actions.select("script") == []


def test_the_nginx_realm_refuses_control_characters_instead_of_sending_them_in_a_header():
    with pytest.raises(nginx.DeployError, match=r"site_name: 'Aide\\r\\x00' holds control characters or line breaks"):
        nginx._quoted("Aide\r\x00")
    assert nginx._quoted('Aide "interne"') == "Aide interne"


# Issue 21.12: tags and ids a reader cannot tell apart. Columns: the front-matter lines, the one error expected.
def _tagged(lines: str, path: str = "factures/piege.md") -> dict[str, str]:
    """An article of factures/ with these front-matter lines."""
    return {path: f"---\ntitle: Piège\nauthor: sophie\nupdated: 2024-09-13\n{lines}---\n\nCorps.\n"}


HIDDEN = "expected visible letters, digits and punctuation"
ID_RULE = "expected ASCII letters, digits, '-', '_' and '.' in segments separated by '/', such as factures/envoyer"
CYRILLIC_ID = "factures/\u0456mpayes"  # the i is Cyrillic, as in the issue
ODD_TAGS_AND_IDS = [
    pytest.param(
        'tags: [email, "e\\u200bmail"]\n', f"tags: item 2 'e\\u200bmail' holds U+200B, which readers cannot see; {HIDDEN}", id="zero-width"
    ),
    pytest.param('tags: ["\\u202eliame"]\n', f"tags: item 1 '\\u202eliame' holds U+202E, which readers cannot see; {HIDDEN}", id="bidi"),
    pytest.param(
        'keywords: ["fac\\u00adture"]\n',
        f"keywords: item 1 'fac\\xadture' holds U+00AD, which readers cannot see; {HIDDEN}",
        id="soft-hyphen",
    ),
    pytest.param(
        f"id: {CYRILLIC_ID}\n",
        f"id: '{CYRILLIC_ID}' holds CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I (U+0456), which is not ASCII; {ID_RULE}",
        id="cyrillic",
    ),
    pytest.param(
        'id: "factures/x\\u200b"\n', f"id: 'factures/x\\u200b' holds ZERO WIDTH SPACE (U+200B), which is not ASCII; {ID_RULE}", id="id-zw"
    ),
    pytest.param("id: ../factures/x\n", f"id: '../factures/x' is not an id; {ID_RULE}", id="dots"),
    pytest.param('id: "factures/x\\n"\n', f"id: 'factures/x\\n' is not an id; {ID_RULE}", id="newline"),
]


@pytest.mark.parametrize(("lines", "message"), ODD_TAGS_AND_IDS)
def test_a_tag_or_id_with_hidden_or_look_alike_characters_is_refused(lines, message):
    build = load_content(_tagged(lines))
    assert [str(problem) for problem in build.problems] == [f"docs/factures/piege.md:5: {message}"]
    assert ("factures/piege", "fr") not in build.centre.articles  # left out, never silently half-published


def test_tags_whose_addresses_on_the_tag_page_collide_are_refused_naming_the_other():
    build = load_content({**_tagged("tags: [C]\n", "factures/a.md"), **_tagged("tags: [facture, C++]\n", "factures/b.md")})
    assert [str(problem) for problem in build.problems] == [
        "docs/factures/b.md:5: tags: item 2 'C++' has the same address on the tag page (tag:c) as the tag 'C' in docs/factures/a.md; "
        "expected one spelling of a tag, or tags that differ in their letters or digits"
    ]
    assert ("factures/a", "fr") in build.centre.articles and ("factures/b", "fr") not in build.centre.articles


def test_tags_are_composed_so_that_nfc_and_nfd_spellings_are_one_tag(make_site):
    composed, decomposed = "d\u00e9pannage", "de\u0301pannage"
    built = make_site({**_tagged(f"tags: [{composed}]\n", "factures/a.md"), **_tagged(f"tags: [{decomposed}]\n", "factures/b.md")})
    assert built.ok, built.errors()
    page = built.html("tags/")
    anchors = [element["id"] for element in page.select("[id^='tag:']")]
    assert len(anchors) == len(set(anchors)) and anchors.count(f"tag:{composed}") == 1
    assert decomposed not in (built.site / "tags" / "index.html").read_text(encoding="utf-8")
