"""The help-centre pages in Chromium: relative dates on a fixed clock, skip link, phone width, screenshots."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import ARTIFACTS, Built, run_build, write_site

FILES = {
    "factures/envoyer.md": "---\ntitle: Envoyer une facture\nauthor: sophie\nupdated: 2024-09-13\n---\n\n## Étape\n\nTexte.\n",
    "factures/envoyer.en.md": "---\ntitle: Send an invoice\nupdated: 2024-09-13\n---\n\nBody.\n",
}
# What makes a phone page overflow: long words and URLs, a wide table, a long code line, an image, a note, tags.
WIDE_ARTICLE = """\
---
title: Télécharger toutes ses factures au format PDF ou ZIP depuis l'espace comptabilité
description: Un export complet, pour votre expert-comptable
author: sophie
updated: 2024-09-13
tags: [pdf, comptabilité, export-comptable-annuel]
---

## Exporter

Ouvrez https://app.ardoise.example/comptabilite/exports/factures?periode=2024-01-01..2024-12-31&format=zip puis validez.

| Numéro | Client | Date d'émission | Échéance | Montant HT | TVA | Montant TTC | Statut |
|---|---|---|---|---|---|---|---|
| F-2024-0001 | Boulangerie Dupont-Lefèvre | 2024-01-05 | 2024-02-05 | 1 250,00 € | 250,00 € | 1 500,00 € | Payée |

```
curl -H "Authorization: Bearer $ARDOISE_TOKEN" https://api.ardoise.example/v1/invoices/export?format=zip&year=2024
```

!!! tip "Astuce"
    Anticonstitutionnellement, le fichier peut être volumineux.

![Logo](../assets/authors/sophie.svg)
"""
SAMPLE_LIKE = {
    **FILES,
    "factures/telecharger.md": WIDE_ARTICLE,
    "devis/index.md": "---\ntitle: Devis et propositions commerciales\ndescription: Créer, envoyer, signer\norder: 2\n---\n",
    "devis/creer.md": "---\ntitle: Créer un devis\nauthor: lea\nupdated: 2024-09-02\ntags: [devis]\n---\n\nTexte.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Built:
    built = run_build(write_site(tmp_path_factory.mktemp("small"), FILES))
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A site with two collections, tags, and an article made to overflow a phone screen if anything can."""
    built = run_build(write_site(tmp_path_factory.mktemp("sample"), SAMPLE_LIKE))
    assert built.ok, built.errors()
    return built.site


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


@pytest.mark.parametrize("url", ["", "factures/", "factures/telecharger/", "tags/", "en/", "embed/factures/telecharger/"])
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
    for url, name in (("", "home"), ("factures/telecharger/", "article")):
        page.goto(base + url)
        path = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
    page.close()
