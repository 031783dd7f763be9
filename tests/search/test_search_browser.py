"""Search in Chromium: the search box's behaviour (the query set of docs/.search-queries.yml runs in `lanterne check`)."""

from __future__ import annotations

import json

FEEDBACK = "https://retours.example/api"  # the service; reactions go to /reactions, misses to /searches
ARTICLE = """\
---
title: Mettre en place les relances automatiques
description: Programmer des relances par email avant et après l'échéance.
author: sophie
updated: 2024-09-13
keywords: [impayé]
---

Relancez vos clients sans y penser.
"""


def test_results_show_title_path_and_highlighted_description(make_site, browser, serve_dir):
    built = make_site({"factures/relances.md": ARTICLE})
    page = browser.new_page()
    page.goto(serve_dir(built.site) + "factures/envoyer/")
    page.fill("#lt-search-header-input", "relanser echeance")
    first = page.locator("#lt-search-header .lt-search__result a").first
    first.wait_for()
    assert first.get_attribute("href") == "/factures/relances/"
    assert first.locator(".lt-list__title").inner_text() == "Mettre en place les relances automatiques"
    assert first.locator(".lt-list__path").inner_text() == "Factures"
    marked = first.locator(".lt-list__description mark").all_inner_texts()
    assert marked == ["relances", "échéance"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/factures/relances/"
    page.close()


def test_no_result_offers_contact_and_reports_the_query_once(make_site, browser, serve_dir):
    extra = {"contact": {"url": "mailto:aide@example.com"}, "feedback": {"endpoint": f"{FEEDBACK}/reactions"}}
    built = make_site({"factures/relances.md": ARTICLE}, extra=extra)
    page = browser.new_page()
    sent: list[dict] = []

    def answer(route):
        if route.request.method == "POST":
            sent.append(json.loads(route.request.post_data))
        route.fulfill(status=204, headers={"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "content-type"})

    page.route(f"{FEEDBACK}/**", answer)
    page.goto(serve_dir(built.site))
    box = page.locator("#lt-search-hero-input")
    with page.expect_request(f"{FEEDBACK}/searches"):
        box.fill("hélicoptère violet")
        empty = page.locator("#lt-search-hero .lt-search__empty")
        empty.wait_for()
    assert "hélicoptère violet" in empty.inner_text()
    assert page.locator("#lt-search-hero .lt-search__contact").get_attribute("href") == "mailto:aide@example.com"
    box.fill("")
    box.fill("helicoptere  violet")
    empty.wait_for()
    page.wait_for_timeout(2000)
    assert sent == [{"query": "hélicoptère violet", "lang": "fr", "audience": "public"}]
    page.close()


def test_embed_panel_searches_with_the_same_engine(make_site, browser, serve_dir):
    built = make_site({"factures/relances.md": ARTICLE})
    page = browser.new_page()
    page.goto(serve_dir(built.site) + "embed/")
    page.fill("#lt-search-compact-input", "relanser")
    first = page.locator("#lt-search-compact .lt-search__result a").first
    first.wait_for()
    assert first.get_attribute("data-id") == "factures/relances"
    assert first.get_attribute("href").endswith("embed/factures/relances/")
    page.close()
