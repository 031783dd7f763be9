"""The sample help centre builds strictly, public and internal, and has what the demo promises."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Built
from lanterne.loader import load
from lanterne.model import Settings
from mkdocs.commands.build import build
from mkdocs.config import load_config


def _build(config_name: str, site_dir: Path) -> Built:
    config = load_config(config_file=str(ROOT / config_name), site_dir=str(site_dir), strict=True)
    build(config)
    return Built(ok=True, site=site_dir)


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Built:
    return _build("mkdocs.yml", tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def internal(tmp_path_factory) -> Built:
    return _build("mkdocs.internal.yml", tmp_path_factory.mktemp("internal"))


@pytest.fixture(scope="module")
def sample():
    docs = ROOT / "docs"
    texts = {str(p.relative_to(docs)): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    loaded = load(texts, authors_text=(docs / ".authors.yml").read_text(encoding="utf-8"), settings=Settings(audience="internal"))
    assert loaded.problems == []
    return loaded.centre


def test_sample_is_big_enough_to_be_a_demo(sample):
    articles = [a for a in sample.articles.values() if a.lang == "fr"]
    top = {c.path for c in sample.collections.values() if c.parent is None}
    subs = {c.path for c in sample.collections.values() if c.parent}
    assert len(top) >= 4 and subs
    assert len(articles) >= 16
    assert len(sample.authors) >= 3 and any(a.avatar is None for a in sample.authors.values())
    assert len([a for a in sample.articles.values() if a.lang == "en"]) >= 5
    assert len([a for a in articles if a.audience == "internal"]) >= 2
    with_notes = [a for a in articles if a.audience == "public" and "!!! internal" in (ROOT / "docs" / a.src_path).read_text()]
    assert len(with_notes) >= 3


def test_troubleshooting_guide_has_checks_outcomes_and_fallback(public):
    page = public.html("factures/email-non-recu/")
    headings = [h.get_text(" ", strip=True) for h in page.select("article h2")]
    assert sum(1 for h in headings if h[:2] in ("1.", "2.", "3.")) == 3
    text = page.select_one("article").get_text(" ")
    assert "✅" in text and "❌" in text and "PDF" in text


def test_public_build_has_articles_at_their_urls(public):
    assert public.html("factures/email-non-recu/").find("h1").get_text(strip=True).startswith("Mon client")
    english = public.html("en/factures/email-non-recu/")
    assert english.html["lang"] == "en"
    assert not (public.site / "factures" / "email-non-recu.en").exists()


def test_public_build_has_no_internal_content(public, sample):
    internal = [a for a in sample.articles.values() if a.audience == "internal"]
    for article in internal:
        assert not (public.site / article.url).exists()
    outputs = []
    for path in public.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            outputs.append(gzip.decompress(data) if path.suffix == ".gz" else data)
    blob = b"\n".join(outputs).decode("utf-8", errors="replace")
    for article in internal:
        assert article.title not in blob
    assert "Console support" not in blob  # the sample's internal note in email-non-recu
    assert 'class="admonition internal' not in blob


def test_internal_build_has_internal_articles_and_notes(internal, sample):
    for article in (a for a in sample.articles.values() if a.audience == "internal"):
        assert (internal.site / article.url / "index.html").exists()
    page = internal.html("factures/email-non-recu/")
    assert page.select(".admonition.internal, details.internal")


def test_home_lists_collections_in_order_with_counts(public):
    page: BeautifulSoup = public.html("")
    titles = [a.get_text(strip=True) for a in page.select(".lt-card__title a")]
    assert titles[:3] == ["Premiers pas", "Devis", "Factures"]
    assert "Compte et abonnement" in titles
