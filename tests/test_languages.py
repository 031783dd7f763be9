"""Language variants over a French, English and German help centre: URLs, hreflang, switcher, counts, backlog."""

from __future__ import annotations

import posixpath
import string
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Built, run_build, write_site

from lanterne.views.strings import LOCALES

SITE = "https://aide.example/"
THREE = {"languages": ["fr", "en", "de"]}

# French first; English and German translate part of it. envoyer.en.md (2024-09-10) is older than its source (2024-09-13).
FILES = {
    "index.de.md": "---\nhero:\n  title: Wie können wir helfen?\n---\n",
    "factures/index.de.md": "---\ntitle: Rechnungen\n---\n",
    "factures/envoyer.en.md": (
        "---\ntitle: Send an invoice\nupdated: 2024-09-10\ntags: [email]\n---\n\n"
        "See [reminders](relancer.md), [by email](envoi/email.md#steps) and [the home page](../index.md).\n"
    ),
    "factures/envoyer.de.md": "---\ntitle: Eine Rechnung senden\nupdated: 2024-09-20\ntags: [email]\n---\n\nText.\n",
    "factures/relancer.md": "---\ntitle: Relancer un client\nauthor: lea\nupdated: 2024-09-01\n---\n\nTexte.\n",
    "factures/envoi/index.md": "---\ntitle: Envoi\n---\n",
    "factures/envoi/index.en.md": "---\ntitle: Sending\n---\n",
    "factures/envoi/email.md": "---\ntitle: Par email\nauthor: sophie\nupdated: 2024-09-02\n---\n\n## Étapes\n\nTexte.\n",
    "factures/envoi/email.en.md": "---\ntitle: By email\nupdated: 2024-09-03\n---\n\n## Steps\n\nText.\n",
    "devis/index.md": "---\ntitle: Devis\norder: 2\n---\n",
    "devis/index.en.md": "---\ntitle: Quotes\n---\n",
    "devis/creer.md": "---\ntitle: Créer un devis\nauthor: sophie\nupdated: 2024-09-05\n---\n\nTexte.\n",
    "interne/index.md": "---\ntitle: Interne\n---\n",
    "interne/secret.md": "---\ntitle: Procédure interne\nauthor: sophie\nupdated: 2024-09-05\naudience: internal\n---\n\nTexte.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Built:
    built = run_build(write_site(tmp_path_factory.mktemp("three"), FILES, extra=THREE))
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def internal(tmp_path_factory) -> Built:
    built = run_build(write_site(tmp_path_factory.mktemp("three-internal"), FILES, extra={**THREE, "audience": "internal"}))
    assert built.ok, built.errors()
    return built


# Columns: source file, URL where it is published.
PLACES = [
    ("index.md", ""),
    ("index.en.md", "en/"),
    ("index.de.md", "de/"),
    ("factures/index.de.md", "de/factures/"),
    ("factures/envoyer.md", "factures/envoyer/"),
    ("factures/envoyer.en.md", "en/factures/envoyer/"),
    ("factures/envoyer.de.md", "de/factures/envoyer/"),
    ("factures/envoi/email.en.md", "en/factures/envoi/email/"),
]


@pytest.mark.parametrize(("src", "url"), PLACES)
def test_each_variant_is_published_at_its_url_in_its_language(site, src, url):
    lang = src.split(".")[-2] if src.count(".") == 2 else "fr"
    assert site.html(url).html["lang"] == lang


def test_every_page_has_lang_and_canonical_and_no_alternate_link(site):
    # Embed pages (embed/) are noindex and canonical to the full page: they have no alternates of their own.
    pages = sorted(p for p in site.site.rglob("index.html") if p.relative_to(site.site).parts[0] != "embed")
    assert len(pages) > 10
    for path in pages:
        url = path.parent.relative_to(site.site).as_posix().removeprefix(".")
        url = f"{url}/" if url else ""
        page = site.html(url)
        prefix = url.split("/", 1)[0]
        assert page.html["lang"] == (prefix if prefix in ("en", "de") else "fr"), url
        assert page.select_one("link[rel=canonical]")["href"] == SITE + url
        # Material fetches sitemap.xml relative to every <link rel=alternate>: <page>/sitemap.xml, a 404 per view (22.15).
        assert page.select("link[rel=alternate]") == [], url


def test_hreflang_lists_existing_translations_only_with_x_default(site):
    entries = _sitemap(site)
    assert entries[SITE + "de/factures/envoyer/"] == {
        "fr": SITE + "factures/envoyer/",
        "en": SITE + "en/factures/envoyer/",
        "de": SITE + "de/factures/envoyer/",
        "x-default": SITE + "factures/envoyer/",
    }
    assert entries[SITE + "factures/relancer/"] == {}, "an article without translations needs no alternates"

    page = BeautifulSoup((site.site / "404.html").read_text(encoding="utf-8"), "lxml")
    sections = {section["lang"]: section.select_one("a")["href"] for section in page.select(".lt-not-found")}
    assert sections == {"fr": "/", "en": "/en/", "de": "/de/"}
    assert page.select_one(".lt-not-found[lang=de] h2").get_text(strip=True) == "Seite nicht gefunden"


def _sitemap(site: Built) -> dict[str, dict[str, str]]:
    """The sitemap's pages, each with its hreflang alternates."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.site / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }


def test_a_page_view_requests_no_sitemap(browser, serve_dir, site):
    # Material's language script fetched <page>/sitemap.xml for each alternate of the page: two or three 404s per view.
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        base = serve_dir(site.site)
        for url in ("", "de/factures/envoyer/", "en/factures/envoi/email/"):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert len(requested) > 10
    assert [url for url in requested if "sitemap" in url] == []


def test_sitemap_lists_each_page_with_its_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.site / "sitemap.xml").getroot()
    entries = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
    article = entries[SITE + "en/factures/envoyer/"]
    links = {link.get("hreflang"): link.get("href") for link in article.findall("x:link", ns)}
    assert links == {
        "fr": SITE + "factures/envoyer/",
        "en": SITE + "en/factures/envoyer/",
        "de": SITE + "de/factures/envoyer/",
        "x-default": SITE + "factures/envoyer/",
    }
    assert SITE + "en/devis/" not in entries


def _unprefixed(url: str) -> str:
    """A site-relative URL without its language prefix."""
    first, _, rest = url.partition("/")
    return rest if first in ("en", "de") else url


def _site_path(page_url: str, href: str) -> str:
    """Resolve a relative link found on a page to a site-relative directory URL."""
    path = posixpath.normpath(posixpath.join(page_url, href.split("#")[0]))
    return "" if path == "." else f"{path}/"


# Columns: files to add or replace (over the two-language base), the exact message expected.
INVALID = [
    pytest.param(
        {"factures/envoyer.fr.md": "---\ntitle: Envoyer\nauthor: sophie\nupdated: 2024-09-13\n---\n"},
        "docs/factures/envoyer.fr.md:1: language: '.fr' is the default language, which has no suffix; expected docs/factures/envoyer.md",
        id="default-language-suffix",
    ),
    pytest.param(
        {
            "devis/index.md": "---\ntitle: Devis\n---\n",
            "devis/creer.md": "---\ntitle: Créer\nauthor: sophie\nupdated: 2024-09-13\n---\n",
            "devis/creer.en.md": "---\ntitle: Create\nupdated: 2024-09-13\n---\n",
        },
        "docs/devis/index.en.md:1: collection: folder docs/devis/ has no en index, so docs/devis/creer.en.md is left out; "
        "expected docs/devis/index.en.md with at least a title, so that the collection appears in en",
        id="translation-outside-translated-collection",
    ),
    pytest.param(
        {"aide.en.md": "---\ntitle: Help\n---\n"},
        "docs/aide.en.md:1: translation: no source docs/aide.md; expected the fr file beside its translation",
        id="page-translation-without-source",
    ),
    pytest.param(
        {"factures/envoyer.en.md": "---\ntitle: Send\nid: envoi\nupdated: 2024-09-13\n---\n"},
        "docs/factures/envoyer.en.md:3: id: 'envoi' differs from the source's 'factures/envoyer'; a translation inherits id, "
        "so remove it or make it equal",
        id="translation-changes-id",
    ),
    pytest.param(
        {"factures/envoyer.en.md": "---\ntitle: Send\naudience: internal\nupdated: 2024-09-13\n---\n"},
        "docs/factures/envoyer.en.md:3: audience: 'internal' differs from the source's 'public'; a translation inherits audience, "
        "so remove it or make it equal",
        id="translation-changes-audience",
    ),
]


@pytest.mark.parametrize(("files", "message"), INVALID)
def test_translation_mistakes_fail_the_build(make_site, files, message):
    built = make_site(files)
    assert not built.ok
    assert message in built.errors()


# Columns: extra.lanterne settings, the exact message expected.
BAD_SETTINGS = [
    pytest.param(
        {"languages": ["fr", "en", "de"]},
        "docs/index.de.md:1: language: 'de' is in extra.lanterne.languages (fr, en, de) but has no home page; expected docs/index.de.md",
        id="language-without-home",
    ),
    pytest.param(
        {"languages": ["fr", "en", "zz"]},
        "mkdocs.yml: extra.lanterne.languages: 'zz' is not a language code Babel knows; expected a code such as fr, en, de",
        id="unknown-language-code",
    ),
    pytest.param(
        {"languages": ["fr", "en"], "default_language": "de"},
        "mkdocs.yml: extra.lanterne.default_language: 'de' is not in languages (fr, en); expected one of them",
        id="default-not-in-languages",
    ),
]


@pytest.mark.parametrize(("extra", "message"), BAD_SETTINGS)
def test_language_settings_mistakes_fail_the_build(make_site, extra, message):
    built = make_site(extra=extra)
    assert not built.ok
    assert message in built.errors()


def test_switcher_in_chromium_on_a_translated_then_an_untranslated_article(site, browser, serve_dir):
    base = serve_dir(site.site)
    page = browser.new_page()
    page.goto(base + "factures/envoyer/")
    _switch(page, "English")
    assert page.url == base + "en/factures/envoyer/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Send an invoice"
    page.goto(base + "factures/relancer/")
    _switch(page, "Deutsch")
    assert page.url == base + "de/factures/"
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").first.inner_text() == "Rechnungen"
    page.close()


def _switch(page, language: str) -> None:
    """Open the header's language menu and pick a language, as a reader does."""
    page.locator(".lt-languages button").click()
    with page.expect_navigation():
        page.locator(".lt-languages a", has_text=language).click()


def _placeholders(value) -> set[str]:
    """The {names} a string, or every plural form of one, expects."""
    texts = value.values() if isinstance(value, dict) else [value]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(str(text)) if name}


def test_locale_tables_match_english_keys_and_placeholders():
    english = yaml.safe_load((LOCALES / "en.yml").read_text(encoding="utf-8"))
    tables = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in LOCALES.glob("*.yml")}
    assert {"fr", "en", "de"} <= set(tables)
    assert set(tables["fr"]) == set(english), "the default language's table is complete"
    for lang, table in tables.items():
        assert set(table) <= set(english), f"{lang}.yml has keys en.yml lacks"
        for key, value in table.items():
            assert _placeholders(value) == _placeholders(english[key]), f"{lang}.yml: {key}"


def test_a_translated_collection_index_takes_its_sources_icon_and_order(make_site):
    built = make_site(
        {
            "devis/index.md": "---\ntitle: Devis\nicon: material/file-document\norder: 0\n---\n",
            "devis/index.en.md": "---\ntitle: Quotes\n---\n",
            "devis/creer.md": "---\ntitle: Créer un devis\nauthor: sophie\nupdated: 2024-09-05\n---\n\nTexte.\n",
            "devis/creer.en.md": "---\ntitle: Create a quote\nupdated: 2024-09-05\n---\n\nText.\n",
        }
    )
    assert built.ok, built.errors()
    for url, titles in (("", ["Devis", "Factures"]), ("en/", ["Quotes", "Invoices"])):
        cards = built.html(url).select(".lt-card")
        # order 0 before order 1 in both languages (alphabetical would put Invoices before Quotes)
        assert [card.select_one(".lt-card__title").get_text(strip=True) for card in cards] == titles, url
        assert all(card.select_one(".lt-card__icon svg") for card in cards), url


def test_a_translations_link_to_a_section_of_another_translation_keeps_its_anchor(make_site):
    built = make_site(
        {
            "factures/email.md": "---\ntitle: Par email\nauthor: sophie\nupdated: 2024-09-02\n---\n\n## Étapes\n\nTexte.\n",
            "factures/email.en.md": "---\ntitle: By email\nupdated: 2024-09-03\n---\n\n## Steps\n\nText.\n",
            "factures/relancer.md": (
                "---\ntitle: Relancer\nauthor: sophie\nupdated: 2024-09-02\n---\n\nVoir [les étapes](email.md#etapes).\n"
            ),
            "factures/relancer.en.md": "---\ntitle: Remind\nupdated: 2024-09-03\n---\n\nSee [the steps](email.md#steps).\n",
        }
    )
    assert built.ok, built.errors()  # strict: the English anchor is checked against the English page
    assert built.html("en/factures/relancer/").select_one(".md-content a[href$='#steps']")["href"] == "../email/#steps"
    assert built.html("factures/relancer/").select_one(".md-content a[href$='#etapes']")["href"] == "../email/#etapes"


def test_a_translations_link_to_a_missing_anchor_of_the_translation_still_fails_strict(make_site):
    built = make_site(
        {
            "factures/email.md": "---\ntitle: Par email\nauthor: sophie\nupdated: 2024-09-02\n---\n\n## Étapes\n\nTexte.\n",
            "factures/email.en.md": "---\ntitle: By email\nupdated: 2024-09-03\n---\n\n## Steps\n\nText.\n",
            "factures/relancer.en.md": "---\ntitle: Remind\nupdated: 2024-09-03\n---\n\nSee [the steps](email.md#etapes).\n",
            "factures/relancer.md": "---\ntitle: Relancer\nauthor: sophie\nupdated: 2024-09-02\n---\n\nTexte.\n",
        }
    )
    assert not built.ok
    assert any("email.en.md" in message and "etapes" in message for message in built.errors()), built.errors()


def test_callouts_without_a_title_of_their_own_are_titled_in_the_pages_language(make_site):
    body = '!!! tip\n    Astuce.\n\n??? warning\n    Plié.\n\n!!! note "Bon à savoir"\n    Titre choisi.\n'
    built = make_site(
        {
            "factures/astuces.md": "---\ntitle: Astuces\nauthor: sophie\nupdated: 2024-09-02\n---\n\n" + body,
            "factures/astuces.en.md": "---\ntitle: Tips\nupdated: 2024-09-03\n---\n\n!!! tip\n    A tip.\n",
        },
        config={"markdown_extensions": ["admonition", "pymdownx.details", "attr_list", "md_in_html", {"toc": {"permalink": True}}]},
    )
    assert built.ok, built.errors()
    french = built.html("factures/astuces/")
    assert [t.get_text(strip=True) for t in french.select(".admonition-title")] == ["Astuce", "Bon à savoir"]
    assert french.select_one("details.warning summary").get_text(strip=True) == "Attention"
    assert built.html("en/factures/astuces/").select_one(".admonition-title").get_text(strip=True) == "Tip"
