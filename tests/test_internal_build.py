"""The internal build announces itself on every page, marks internal articles and hides from crawlers."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_build, write_site

from lanterne.views.audience import internal_only_assets, references

FILES = {
    "factures/procedure.md": ("---\ntitle: Procédure interne\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nÉtapes.\n"),
    "factures/envoyer.md": (
        '---\ntitle: Envoyer une facture\nauthor: sophie\nupdated: 2024-09-13\n---\n\nCorps.\n\n!!! internal "Pour le support"\n    Note.\n'
    ),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    sites = {}
    for audience in ("public", "internal"):
        built = run_build(write_site(tmp_path_factory.mktemp(audience), FILES, extra={"audience": audience}))
        assert built.ok, built.errors()
        sites[audience] = built.site
    return sites


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "embed" not in p.relative_to(site).parts)


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_every_internal_page_has_the_banner_and_noindex(builds):
    pages = _pages(builds["internal"])
    assert len(pages) >= 6
    for path in pages:
        page = _html(path)
        assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow", path
        if page.select_one("meta[http-equiv=refresh]"):
            continue  # a redirect page (an old address) shows nothing, so no banner either
        banner = page.select_one(".lt-internal-banner").get_text(strip=True)
        expected = (
            "Internal reference: do not share with customers"
            if "/en/" in f"/{path.relative_to(builds['internal'])}"
            else ("Référence interne : ne pas partager avec les clients")
        )
        assert banner == expected, path
        assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow", path


def test_internal_build_has_no_sitemap_and_forbids_crawling(builds):
    site = builds["internal"]
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_internal_articles_carry_a_badge_and_notes_their_style(builds):
    site = builds["internal"]
    assert _html(site / "factures/procedure/index.html").select_one("h1 + .lt-badge--internal").get_text() == "Interne"
    listing = {
        a.select_one(".lt-list__title").get_text(" ", strip=True) for a in _html(site / "factures/index.html").select(".lt-list__item")
    }
    assert listing == {"Envoyer une facture", "Procédure interne Interne"}
    assert _html(site / "factures/envoyer/index.html").select_one(".admonition.internal .admonition-title").get_text() == "Pour le support"


def test_public_build_has_none_of_it(builds):
    site = builds["public"]
    for path in _pages(site):
        page = _html(path)
        assert page.select_one(".lt-internal-banner, .lt-badge--internal, .admonition.internal") is None, path
        assert page.select_one('meta[name="robots"]') is None, path
    assert (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()


# Columns: source path, Markdown, the docs/-relative paths it refers to.
REFERENCES = [
    ("a/b.md", "![x](img/c.png)", {"a/img/c.png"}),
    ("a/b.md", "[pdf](../files/d.pdf#page=2 'titre')", {"files/d.pdf"}),
    ("a/b.md", '<img src="/assets/e.svg" alt="">', {"assets/e.svg"}),
    ("a/b.md", "[ref]: ../f.png\n\n![x][ref]", {"f.png"}),
    ("a/b.md", "[web](https://example.com/x.png) [mail](mailto:a@b.c) [ici](#titre)", set()),
]


@pytest.mark.parametrize(("src", "markdown", "expected"), REFERENCES)
def test_references(src, markdown, expected):
    assert references(src, markdown) == expected


def test_assets_only_internal_content_uses_are_left_out():
    texts = {
        "a/internal.md": "![x](only-internal.png) ![y](shared.png)",
        "a/public.md": "![y](shared.png)\n\n!!! internal\n    ![z](note.png)\n",
    }
    assets = {"a/only-internal.png", "a/shared.png", "a/note.png", "a/unused.png"}
    assert internal_only_assets(texts, published={"a/public.md"}, assets=assets) == {"a/only-internal.png", "a/note.png"}
