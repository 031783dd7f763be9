"""The help-centre pages in Chromium: relative dates on a fixed clock, skip link, phone width, screenshots."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, Built, run_build, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

FILES = {
    "factures/envoyer.md": "---\ntitle: Envoyer une facture\nauthor: sophie\nupdated: 2024-09-13\n---\n\n## Étape\n\nTexte.\n",
    "factures/envoyer.en.md": "---\ntitle: Send an invoice\nupdated: 2024-09-13\n---\n\nBody.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Built:
    built = run_build(write_site(tmp_path_factory.mktemp("small"), FILES))
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("sample")
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


# columns: the reader's clock (local time), the French text, the English text; the article was updated 2024-09-13
BUCKETS = [
    (datetime(2024, 9, 13, 23, 30), "Mis à jour aujourd'hui", "Updated today"),
    (datetime(2024, 9, 14, 0, 10), "Mis à jour hier", "Updated yesterday"),
    (datetime(2024, 9, 19, 12), "Mis à jour cette semaine", "Updated this week"),
    (datetime(2024, 9, 22, 12), "Mis à jour il y a plus d'une semaine", "Updated over a week ago"),
    (datetime(2024, 10, 2, 12), "Mis à jour il y a plus de 2 semaines", "Updated over 2 weeks ago"),
    (datetime(2024, 10, 20, 12), "Mis à jour il y a plus d'un mois", "Updated over a month ago"),
    (datetime(2025, 2, 20, 12), "Mis à jour il y a plus de 5 mois", "Updated over 5 months ago"),
    (datetime(2025, 10, 1, 12), "Mis à jour il y a plus d'un an", "Updated over a year ago"),
]


@pytest.mark.parametrize(("now", "french", "english"), BUCKETS)
def test_relative_update_date(small, browser, serve_dir, now, french, english):
    base = serve_dir(small.site)
    page = browser.new_page()
    page.clock.set_fixed_time(now)
    for url, expected in (("factures/envoyer/", french), ("en/factures/envoyer/", english)):
        page.goto(base + url, wait_until="domcontentloaded")
        time = page.locator(".lt-updated time")
        assert time.inner_text() == expected
        assert page.locator(".lt-updated").inner_text() == expected
        assert time.get_attribute("title") in ("13 septembre 2024", "September 13, 2024")
    page.close()


def test_absolute_date_without_javascript(small, browser, serve_dir):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_dir(small.site) + "factures/envoyer/")
    assert " ".join(page.locator(".lt-updated").inner_text().split()) == "Mis à jour le 13 septembre 2024"
    context.close()


def test_skip_link_is_the_first_focusable_element(small, browser, serve_dir):
    page = browser.new_page()
    page.goto(serve_dir(small.site) + "factures/envoyer/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused == ["Passer au contenu principal", "#lt-main"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lt-main"
    page.close()


@pytest.mark.parametrize("url", ["", "factures/", "factures/envoi/envoyer-par-email/", "tags/", "en/"])
def test_no_horizontal_scroll_on_a_phone(sample, browser, serve_dir, url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(serve_dir(sample) + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_home_and_article(sample, browser, serve_dir, width):
    ARTIFACTS.mkdir(exist_ok=True)
    base = serve_dir(sample)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for url, name in (("", "home"), ("factures/envoi/envoyer-par-email/", "article")):
        page.goto(base + url)
        path = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
    page.close()
