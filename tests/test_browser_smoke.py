"""The built help centre opens in a real Chromium and renders the home page's collections."""

from __future__ import annotations


def test_home_renders_in_chromium(make_site, browser, serve_dir):
    built = make_site()
    base = serve_dir(built.site)
    page = browser.new_page()
    page.goto(base)
    assert page.locator(".lt-card__title a").first.inner_text() == "Factures"
    page.close()
