"""Aliases: an article's old paths redirect to it in both builds and under embed/; collisions are errors."""

from __future__ import annotations

import pytest
import requests
from conftest import load_content, run_build, running_feedback, write_site

from lanterne.check.browser import serve
from lanterne.feedback import report
from lanterne.feedback.config import Config
from lanterne.feedback.manifest import Manifests
from lanterne.feedback.store.opener import open_store
from lanterne.outputs import redirects

MOVED = (
    "---\ntitle: Relancer\nauthor: lea\nupdated: 2024-09-13\nid: factures/relance\naliases: [factures/relance.md, factures/rappel]\n---\n"
)


def article(body: str, path: str = "factures/relancer.md") -> dict[str, str]:
    """An extra article whose front matter is `body` (between the --- lines)."""
    return {path: f"---\n{body}---\n\nTexte.\n"}


HEAD = "title: Relancer\nauthor: lea\nupdated: 2024-09-13\nid: factures/relance\n"

# Columns: files to add or replace, the exact message expected.
CASES = [
    pytest.param(
        article(HEAD + "aliases: [/factures/relance]\n"),
        "docs/factures/relancer.md:6: aliases: item 1 '/factures/relance' is not a path relative to docs/; expected an old path "
        "of this article relative to docs/, such as factures/ancien-nom.md",
        id="absolute-path",
    ),
    pytest.param(
        article(HEAD + "aliases:\n  - factures/ok\n  - ../../etc/relance\n"),
        "docs/factures/relancer.md:8: aliases: item 2 '../../etc/relance' is not a path relative to docs/; expected an old path "
        "of this article relative to docs/, such as factures/ancien-nom.md",
        id="leaves-docs",
    ),
    pytest.param(
        article(HEAD + "aliases: ['factures/\"><script>']\n"),
        "docs/factures/relancer.md:6: aliases: item 1 'factures/\"><script>' is not a path relative to docs/; expected an old path "
        "of this article relative to docs/, such as factures/ancien-nom.md",
        id="markup",
    ),
    pytest.param(
        article(HEAD + "aliases: [factures/envoyer.md]\n"),
        "docs/factures/relancer.md:6: aliases: 'factures/envoyer.md' leads to docs/factures/envoyer.md, which is published; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="published-article",
    ),
    pytest.param(
        article(HEAD + "aliases: [factures/index.md]\n"),
        "docs/factures/relancer.md:6: aliases: 'factures/index.md' leads to docs/factures/index.md, which is published; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="published-collection",
    ),
    pytest.param(
        article(HEAD + "aliases: [tags]\n"),
        "docs/factures/relancer.md:6: aliases: 'tags' leads to the generated tag page, which is published; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="tag-page",
    ),
    pytest.param(
        article(HEAD + "aliases: [factures/relancer]\n"),
        "docs/factures/relancer.md:6: aliases: 'factures/relancer' is this article's own path; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="own-path",
    ),
    pytest.param(
        {
            **article(HEAD + "aliases: [factures/ancien]\n"),
            **article("title: Autre\nauthor: lea\nid: x\naliases:\n  - factures/ancien\n", "factures/autre.md"),
        },
        "docs/factures/relancer.md:6: aliases: 'factures/ancien' is already an alias of docs/factures/autre.md; "
        "expected an alias unique to one article",
        id="another-alias",
    ),
    pytest.param(
        article(HEAD + "aliases: [factures/ancien, factures/ancien.md]\n"),
        "docs/factures/relancer.md:6: aliases: 'factures/ancien.md' is listed twice; expected each old path once",
        id="twice",
    ),
    pytest.param(
        article(HEAD + "aliases: [api/relance]\n"),
        "docs/factures/relancer.md:6: aliases: 'api/relance' is in api/, where the build writes its own files; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="reserved-folder",
    ),
    # Issue 21.11: files the build writes itself, on the URL the alias computes to; a docs/ file the build copies.
    *(
        pytest.param(
            article(HEAD + f"aliases: [{name}]\n"),
            f"docs/factures/relancer.md:6: aliases: '{name}' is the build's own {name}, which its redirect page would replace; "
            "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
            id=name,
        )
        for name in ("sitemap.xml", "404.html", "index.html", "robots.txt")
    ),
    pytest.param(
        article(HEAD + "aliases: [embed/index]\n"),
        "docs/factures/relancer.md:6: aliases: 'embed/index' is in embed/, where the build writes its own files; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="embed-index",
    ),
    pytest.param(
        {**article(HEAD + "aliases: [images/logo.png/vieux]\n"), "images/logo.png": "png"},
        "docs/factures/relancer.md:6: aliases: 'images/logo.png/vieux' is the file docs/images/logo.png, which the build copies; "
        "expected an old path of this article relative to docs/, such as factures/ancien-nom.md",
        id="docs-file",
    ),
    pytest.param(
        article(HEAD + "aliases: [en/factures/relance]\n"),
        "docs/factures/relancer.md:6: aliases: 'en/factures/relance' starts with the language folder en/; "
        "expected the default language's path: its translations follow",
        id="language-folder",
    ),
    pytest.param(
        article("title: Relancer\nauthor: lea\nupdated: 2024-09-13\naliases: [factures/relance]\n"),
        "docs/factures/relancer.md:5: aliases: the article has moved but has no id, so its id is now 'factures/relancer' and the "
        "reactions collected as 'factures/relance' stay behind; expected id: factures/relance (the id it had before the move), "
        "or id: factures/relancer to start afresh",
        id="moved-without-id",
    ),
    pytest.param(
        {**article(MOVED[4:-4]), "factures/relancer.en.md": "---\ntitle: Remind\naliases: [factures/autre]\n---\n"},
        "docs/factures/relancer.en.md:3: aliases: ['factures/autre'] differs from the source's ['factures/relance.md', "
        "'factures/rappel']; a translation inherits aliases, so remove it or make it equal",
        id="translation-changes-aliases",
    ),
]


@pytest.mark.parametrize(("files", "message"), CASES)
def test_violation_is_reported(files, message):
    problems = [str(problem) for problem in load_content(files).problems]
    assert message in problems, problems


def test_a_collision_fails_the_strict_build_in_both_audiences(tmp_path):
    files = {**article(HEAD + "aliases: [factures/envoyer]\n"), "interne/index.md": "---\ntitle: Interne\n---\n"}
    for audience in ("public", "internal"):
        built = run_build(write_site(tmp_path / audience, files, extra={"audience": audience}))
        assert not built.ok
        assert any(
            m.startswith("docs/factures/relancer.md:6: aliases: 'factures/envoyer' leads to docs/factures/envoyer.md")
            for m in built.errors()
        )


@pytest.mark.parametrize("name", ["embedindex", "apiindex", "pagefindindex", "fooindex"])
def test_an_alias_ending_in_index_keeps_its_whole_name_and_leaves_the_builds_files_alone(name):
    # url_of stripped any trailing "index": embedindex became embed/ and its redirect replaced the widget's home (issue 21.11).
    build = load_content(article(HEAD + f"aliases: [{name}]\n"))
    assert build.problems == []
    site, embedded = redirects.of(build.articles(), default_language="fr")[:2]
    assert (site.url, embedded.url) == (f"{name}/", f"embed/{name}/")


@pytest.mark.parametrize("name", ["sitemap.xml", "robots.txt"])
def test_an_alias_onto_a_file_the_build_writes_fails_the_build_cleanly(tmp_path, name):
    files = {**article(HEAD + f"aliases: [{name}]\n"), "interne/index.md": "---\ntitle: Interne\n---\n"}
    built = run_build(write_site(tmp_path, files, extra={"audience": "internal"}))
    assert not built.ok
    assert f"docs/factures/relancer.md:6: aliases: '{name}' is the build's own {name}" in "\n".join(built.errors())
    assert not any("Traceback" in message for message in built.messages)
    assert not (built.site / name).is_dir() and not (built.site / "embed" / name).exists()


TITLE = 'Relancer <b>"vite"</b> & bien'
FILES = {
    "factures/relancer.md": MOVED.replace("title: Relancer", f"title: '{TITLE}'") + "\n## Étapes\n\nTexte.\n",
    "factures/relancer.en.md": "---\ntitle: Remind\nupdated: 2024-09-13\n---\n\nText.\n",
    "interne/index.md": "---\ntitle: Interne\n---\n",
    "interne/procedure.md": (
        "---\ntitle: Procédure\nauthor: lea\nupdated: 2024-09-01\naudience: internal\nid: interne/vieille-procedure\n"
        "aliases: [interne/vieille-procedure]\n---\n\nÉtapes.\n"
    ),
}


def redirect(site, url: str) -> dict:
    """What a redirect page says: its refresh target, canonical link, plain link, script and title."""
    page = site.html(url)
    return {
        "refresh": page.select_one('meta[http-equiv="refresh"]')["content"],
        "canonical": page.select_one('link[rel="canonical"]')["href"],
        "link": (page.select_one("body a")["href"], page.select_one("body a").get_text()),
        "script": page.select_one("script").string,
        "title": page.title.string,
        "lang": page.html["lang"],
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The public and internal builds of FILES."""
    found = {}
    for audience in ("public", "internal"):
        built = run_build(write_site(tmp_path_factory.mktemp(audience), FILES, extra={"audience": audience}))
        assert built.ok, built.errors()
        found[audience] = built
    return found


def test_each_old_path_redirects_to_the_article_at_once(builds):
    assert redirect(builds["public"], "factures/relance/") == {
        "refresh": "0; url=../relancer/",
        "canonical": "https://aide.example/factures/relancer/",
        "link": ("../relancer/", TITLE),
        "script": redirects.SCRIPT,
        "title": TITLE,
        "lang": "fr",
    }
    assert redirect(builds["public"], "factures/rappel/")["link"] == ("../relancer/", TITLE)


def test_every_redirect_page_runs_the_same_script_so_that_a_policy_allows_it_with_one_hash(builds):
    pages = [p for p in builds["public"].site.rglob("index.html") if b'http-equiv="refresh"' in p.read_bytes()]
    assert len(pages) == 8  # two aliases, in French and in English, in the site and under embed/
    assert {(p.read_text(encoding="utf-8").split("<script>")[1].split("</script>")[0]) for p in pages} == {redirects.SCRIPT}


def test_what_the_author_wrote_is_escaped(builds):
    html = (builds["public"].site / "factures/relance/index.html").read_text(encoding="utf-8")
    assert "<b>" not in html and "&lt;b&gt;&quot;vite&quot;&lt;/b&gt; &amp; bien" in html


def test_translations_and_embed_pages_redirect_too(builds):
    site = builds["public"]
    english = redirect(site, "en/factures/relance/")
    assert (english["link"], english["canonical"], english["lang"]) == (
        ("../relancer/", "Remind"),
        "https://aide.example/en/factures/relancer/",
        "en",
    )
    assert english["refresh"] == "0; url=../relancer/"
    embedded = redirect(site, "embed/factures/relance/")
    assert (embedded["refresh"], embedded["canonical"]) == ("0; url=../relancer/", "https://aide.example/factures/relancer/")
    assert (site.site / "embed/factures/relancer/index.html").is_file()


def test_internal_aliases_exist_only_in_the_internal_build(builds):
    assert redirect(builds["internal"], "interne/vieille-procedure/")["link"] == ("../procedure/", "Procédure")
    assert redirect(builds["internal"], "embed/interne/vieille-procedure/")["link"] == ("../procedure/", "Procédure")
    public = builds["public"].site
    assert not (public / "interne").exists() and not (public / "embed/interne").exists()
    leaked = [p for p in public.rglob("*") if p.is_file() and b"vieille-procedure" in p.read_bytes()]
    assert leaked == []


def test_a_reader_on_an_old_link_lands_on_the_article_and_its_section(builds, browser):
    with serve(builds["public"].site) as base:
        tab = browser.new_page()
        tab.goto(base + "factures/relance/?ref=mail#etapes")
        tab.wait_for_url(base + "factures/relancer/?ref=mail#etapes")
        assert tab.locator("h1").first.inner_text() == TITLE
        tab.close()


SITE = "https://aide.example"


def _vote(base: str, article: str, page: str, visitor: str) -> requests.Response:
    body = {"article": article, "lang": "fr", "audience": "public", "page": f"{SITE}/{page}", "reaction": "sad", "visitor": visitor}
    return requests.post(f"{base}/reactions", json=body, headers={"Origin": SITE}, timeout=10)


def test_an_article_that_moves_keeps_its_reactions(tmp_path):
    extra = {"feedback": {"endpoint": f"{SITE}/feedback/reactions"}}
    config = write_site(tmp_path, {}, extra=extra)
    assert run_build(config).ok
    manifest = tmp_path / "site/lanterne/feedback-manifest.json"
    database = tmp_path / "feedback.sqlite3"
    with running_feedback(Config(database=str(database), manifests=(str(manifest),))) as (host, port):
        base = f"http://{host}:{port}"
        assert _vote(base, "factures/envoyer", "factures/envoyer/", "reader-0000000000001").status_code == 200
        # The article moves to another collection, with its old path as an alias and its id kept.
        (tmp_path / "docs/factures/envoyer.md").unlink()
        (tmp_path / "docs/factures/envoyer.en.md").unlink()
        moved = (
            "---\ntitle: Envoyer une facture\nauthor: sophie\nupdated: 2024-09-13\nid: factures/envoyer\naliases: [factures/envoyer]\n---\n"
        )
        files = {"envoi/index.md": "---\ntitle: Envoi\n---\n", "envoi/envoyer.md": moved + "\nCorps.\n", "factures/envoyer.md": None}
        built = run_build(write_site(tmp_path, {**files, "factures/envoyer.en.md": None}, extra=extra))
        assert built.ok, built.errors()
        assert redirect(built, "factures/envoyer/")["link"] == ("../../envoi/envoyer/", "Envoyer une facture")
        assert _vote(base, "factures/envoyer", "envoi/envoyer/", "reader-0000000000002").status_code == 200
        assert _vote(base, "envoi/envoyer", "envoi/envoyer/", "reader-0000000000003").status_code != 200
    manifests = Manifests([str(manifest)])
    manifests.load()
    store = open_store(database)
    lines = report.summarize(store.reactions(), titles=manifests.published.titles)
    store.close()
    assert [(line.article, line.lang, line.title, line.votes, line.sad) for line in lines] == [
        ("factures/envoyer", "fr", "Envoyer une facture", 2, 2)
    ]
