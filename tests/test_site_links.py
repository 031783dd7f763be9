"""Every internal link, asset and anchor of both built sample sites resolves."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SAMPLE_CONFIGS
from mkdocs.config import load_config

# Attributes that make the browser fetch or navigate.
LINKING = {
    "href": "a[href], link[href], area[href]",
    "src": "img[src], script[src], iframe[src], source[src], audio[src], video[src]",
}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


def test_strict_builds_fail_on_unresolved_links_and_anchors():
    links = load_config(config_file=str(ROOT / "mkdocs.yml"))["validation"]["links"]
    assert links["not_found"] == logging.WARNING
    assert links["anchors"] == logging.WARNING


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_internal_link_and_anchor_resolves(sample_site, audience):
    site = sample_site(audience)
    # Pages are checked as if served from site_url, so that absolute links to it (canonical, hreflang) count too.
    site_url = load_config(config_file=str(ROOT / SAMPLE_CONFIGS[audience]))["site_url"]
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20, "the sample should build dozens of pages"
    for page in pages:
        page_url = urljoin(site_url, page.relative_to(site).as_posix())
        soup = _parse(page)
        for attribute, selector in LINKING.items():
            for element in soup.select(selector):
                problem = _check(site, site_url, page_url, element[attribute])
                if problem:
                    broken.append(f"{page.relative_to(site)}: {attribute}={element[attribute]!r}: {problem}")
    assert broken == []


def _check(site: Path, site_url: str, page_url: str, reference: str) -> str | None:
    """Say what is wrong with one reference from a page, or None when it resolves."""
    target = urlsplit(urljoin(page_url, reference.strip()))
    if target.scheme in SKIPPED_SCHEMES or not reference.strip():
        return None
    root = urlsplit(site_url)
    if (target.scheme, target.netloc) != (root.scheme, root.netloc) or not target.path.startswith(root.path):
        return None  # another site
    path = site / unquote(target.path[len(root.path) :])
    if path.is_dir() or target.path.endswith("/"):
        path = path / "index.html"
    if not path.is_file():
        return f"no file {path.relative_to(site)}"
    fragment = unquote(target.fragment)
    if fragment and path.suffix == ".html" and fragment not in _anchors(path):
        return f"no element with id {fragment!r} in {path.relative_to(site)}"
    return None


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


@cache
def _anchors(path: Path) -> frozenset[str]:
    soup = _parse(path)
    return frozenset([*(e["id"] for e in soup.select("[id]")), *(e["name"] for e in soup.select("a[name]"))])
