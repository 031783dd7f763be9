"""Every published article, collection and home also exists under embed/, compact and self-contained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lanterne.outputs import embed

FILES = {
    "factures/envoyer.md": (
        "---\ntitle: Envoyer une facture\ndescription: Par email\nauthor: sophie\nupdated: 2024-09-13\ntags: [email]\n"
        "related: [factures/relancer.md]\ncontext: [/factures/*]\n---\n\n"
        "Voir [les relances](relancer.md#quand), [la page légale](../mentions-legales.md), "
        "[le site des impôts](https://www.impots.gouv.fr/) et [nous écrire](mailto:aide@example.com), "
        "ou <support@example.com>.\n\n"
        "![logo](../assets/authors/sophie.svg)\n"
    ),
    "factures/relancer.md": "---\ntitle: Relancer\nauthor: lea\nupdated: 2024-09-02\n---\n\n## Quand\n\nTexte.\n",
    "factures/procedure.md": "---\ntitle: Procédure\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nÉtapes.\n",
    "mentions-legales.md": "---\ntitle: Mentions légales\n---\n\nTexte.\n",
}


def _html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def _embedded(site: Path) -> set[str]:
    return {str(p.parent.relative_to(site / "embed")) for p in (site / "embed").rglob("index.html")}


def test_every_article_collection_and_home_is_embedded(public, internal):
    expected = {".", "en", "factures", "en/factures", "factures/envoyer", "en/factures/envoyer", "factures/relancer"}
    assert _embedded(public) == expected
    assert _embedded(internal) == expected | {"factures/procedure"}


def test_embed_page_is_compact(public):
    page = _html(public, "embed/factures/envoyer/")
    assert page.select(".md-header, .md-footer, .md-nav, .md-sidebar, body > header, body > footer") == []
    scripts = [s["src"] for s in page.select("script[src]")]
    assert scripts == ["../../../assets/javascripts/lanterne-shared.js", "../../../assets/javascripts/lanterne-embed.js"]
    assert [link["href"] for link in page.select('link[rel="stylesheet"]')] == [
        "../../../assets/stylesheets/lanterne-tokens.css",
        "../../../assets/stylesheets/lanterne-embed.css",
        "../../../assets/stylesheets/lanterne-lists.css",
    ]
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('link[rel="canonical"]')["href"] == "https://aide.example/factures/envoyer/"


def test_embed_page_keeps_breadcrumb_author_date_and_body(public):
    page = _html(public, "embed/factures/envoyer/")
    assert [a.get_text(strip=True) for a in page.select(".lt-breadcrumb a")] == ["Toutes les collections", "Factures"]
    assert [a["href"] for a in page.select(".lt-breadcrumb a")] == ["../..", "../"]
    assert "Sophie Martin" in page.select_one(".lt-byline").get_text()
    assert page.select_one(".lt-byline time")["datetime"] == "2024-09-13"
    assert page.select_one("h1").get_text(strip=True) == "Envoyer une facture"


def test_links_stay_inside_embed_and_external_ones_open_a_new_tab(public):
    links = {a.get_text(strip=True): a for a in _html(public, "embed/factures/envoyer/").select(".lt-article__body a")}
    assert links["les relances"]["href"] == "../relancer/#quand" and not links["les relances"].get("target")
    assert links["la page légale"]["href"] == "../../../mentions-legales/"
    assert links["la page légale"]["target"] == "_blank" and links["la page légale"]["rel"] == ["noopener"]
    assert links["le site des impôts"]["target"] == "_blank" and links["le site des impôts"]["rel"] == ["noopener"]
    assert not links["nous écrire"].get("target")
    # Python-Markdown writes an autolinked address as HTML entities: it is still a mailto: link, not a page path.
    assert links["support@example.com"]["href"] == "mailto:support@example.com" and not links["support@example.com"].get("target")
    assert _html(public, "embed/factures/envoyer/").select_one(".lt-article__body img")["src"] == "../../../assets/authors/sophie.svg"


def test_embed_home_lists_collections_and_context_rules(public):
    home = _html(public, "embed/")
    assert [a["href"] for a in home.select(".lt-embed__collections a")] == ["factures/"]
    assert home.select_one("form[data-lt-search] input[type=search]")
    rules = home.select_one(".lt-embed__contexts").get_text()
    assert '"context": ["/factures/*"]' in rules and '"href": "factures/envoyer/"' in rules


def test_embed_pages_name_the_origins_that_may_talk_to_them(public, make_site):
    """The site's address comes first (its origin, or the page's own without site_url), then embed_origins."""
    assert json.loads(_html(public, "embed/factures/envoyer/").body["data-lt-origins"]) == ["https://aide.example/"]
    built = make_site(extra={"embed_origins": ["https://app.example.com", "http://localhost:3000"]}, config={"site_url": None})
    assert built.ok, built.errors()
    assert json.loads(built.html("embed/").body["data-lt-origins"]) == [None, "https://app.example.com", "http://localhost:3000"]


def test_internal_embed_pages_carry_the_banner_and_badge(internal):
    page = _html(internal, "embed/factures/procedure/")
    assert page.select_one(".lt-internal-banner").get_text(strip=True) == "Référence interne : ne pas partager avec les clients"
    assert page.select_one(".lt-badge--internal")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


# Columns: link in the embed page of factures/envoyer/, the link after rewriting, opens a new tab.
REWRITE = [
    ("../relancer/", "../relancer/", False),
    ("../../", "../../", False),
    ("../../mentions-legales/", "../../../mentions-legales/", True),
    ("../../assets/x.svg", "../../../assets/x.svg", False),
    ("https://example.com/", "https://example.com/", True),
    ("#titre", "#titre", False),
]


@pytest.mark.parametrize(("ref", "expected", "new_tab"), REWRITE)
def test_rewrite(ref, expected, new_tab):
    tag = "a" if not ref.endswith(".svg") else "img"
    html = embed.rewrite(f'<{tag} href="{ref}">', "factures/envoyer/", {"", "factures/", "factures/envoyer/", "factures/relancer/"})
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    assert html == f'<{tag} href="{expected}"{target}>'


def test_context_must_be_a_list_of_app_paths(make_site):
    built = make_site(
        {"factures/envoyer.md": "---\ntitle: Envoyer\nauthor: sophie\nupdated: 2024-09-13\ncontext:\n  - /factures/*\n  - factures\n---\n"}
    )
    assert not built.ok
    assert (
        "docs/factures/envoyer.md:7: context: item 2 'factures' is not a path glob; "
        "expected a path of your app starting with /, such as /factures/*"
    ) in built.errors()
