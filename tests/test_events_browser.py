"""What readers did, in Chromium, end to end: a built site, its script, the real feedback service and its report."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup
from conftest import loopback_socket, run_build, write_site

from lanterne.check.browser import serve
from lanterne.feedback.config import Config

CONTACT = "https://ardoise.example/contact"
FILES = {
    "factures/relances.md": """\
        ---
        title: Mettre en place les relances automatiques
        description: Programmer des relances par email avant et après l'échéance.
        author: sophie
        updated: 2024-09-13
        ---

        Relancez vos clients sans y penser.
        """,
    "factures/acompte.md": """\
        ---
        title: Demander un acompte
        description: Facturer une part du montant avant la prestation.
        author: sophie
        updated: 2024-09-13
        ---

        Un acompte se facture comme une facture.
        """,
}


@pytest.fixture(scope="module")
def help_centre(tmp_path_factory, feedback_service):
    """A help centre served on loopback, sending what readers do to a real service on SQLite; (site URL, database path)."""
    root = tmp_path_factory.mktemp("events")
    site = root / "site"
    with serve(site) as site_url:
        sock = loopback_socket()
        endpoint = f"http://127.0.0.1:{sock.getsockname()[1]}/reactions"
        extra = {"feedback": {"endpoint": endpoint}, "contact": {"url": CONTACT}}
        built = run_build(write_site(root, FILES, extra=extra, config={"site_url": site_url}))
        assert built.ok, built.errors()
        database = str(root / "feedback.sqlite3")
        feedback_service(Config(database=database, manifests=(str(site / "lanterne/feedback-manifest.json"),)), sock)
        yield site_url, database


def _report(database: str) -> dict:
    command = [sys.executable, "-m", "lanterne.feedback", "report", "--database", database, "--format", "json"]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _figures(database: str, until: int) -> dict:
    """The report once it counts `until` events (the last batch leaves with the last page), at most 10 s later."""
    deadline = time.monotonic() + 10
    while True:
        data = _report(database)
        counted = sum(a["views"] + a["contact_clicks"] for a in data["articles"]) + sum(q["searches"] for q in data["queries"])
        if counted >= until or time.monotonic() > deadline:
            return data
        time.sleep(0.2)


def test_views_a_contact_click_and_a_search_click_reach_the_report_and_no_cookie_is_set(browser, help_centre):
    site_url, database = help_centre
    context = browser.new_context()
    context.route(f"{CONTACT}**", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Support</p>"))
    page = context.new_page()
    page.goto(site_url + "factures/relances/")
    page.goto(site_url + "factures/acompte/")
    page.locator(".lt-contact__link").click()
    page.wait_for_url(f"{CONTACT}**")
    page.goto(site_url)
    page.fill("#lt-search-hero-input", "relances automatiques")
    first = page.locator("#lt-search-hero .lt-search__result a").first
    first.wait_for()
    first.click()
    page.wait_for_url("**/factures/relances/")
    page.goto("about:blank")  # leaving the last page sends its batch
    data = _figures(database, until=5)
    views = {(a["article"], a["lang"]): (a["views"], a["contact_clicks"]) for a in data["articles"]}
    assert views == {("factures/relances", "fr"): (2, 0), ("factures/acompte", "fr"): (1, 1)}
    assert [(q["query"], q["searches"], q["clicks"], q["articles"]) for q in data["queries"]] == [
        ("relances automatiques", 1, 1, {"factures/relances": 1})
    ]
    assert data["visits"] == {"visits": 1, "found_answer": 0, "share": 0.0}  # the reader wrote to support
    assert context.cookies() == []
    context.close()


def test_a_browser_that_asks_not_to_be_tracked_sends_nothing(browser, help_centre):
    site_url, database = help_centre
    before = _report(database)["articles"]
    context = browser.new_context(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script("Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true})")
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.url.endswith("/events") else None)
    page.goto(site_url + "factures/acompte/")
    page.goto("about:blank")
    time.sleep(0.5)
    assert sent == []
    assert _report(database)["articles"] == before
    context.close()


def test_analytics_false_leaves_the_script_out(tmp_path):
    extra = {"feedback": {"endpoint": "https://retours.example/reactions"}, "analytics": False}
    built = run_build(write_site(tmp_path, FILES, extra=extra))
    assert built.ok, built.errors()
    page = (built.site / "factures/acompte/index.html").read_text(encoding="utf-8")
    embed = (built.site / "embed/factures/acompte/index.html").read_text(encoding="utf-8")
    assert "lanterne-events.js" not in page and "lanterne-events.js" not in embed
    assert "lanterne-reactions.js" in page  # votes still go
    config = json.loads(BeautifulSoup(page, "html.parser").select_one("#lt-config").string)
    assert config["events"] is None


def test_an_embed_page_sends_its_view_with_the_apps_page(browser, help_centre):
    site_url, database = help_centre
    context = browser.new_context()
    page = context.new_page()
    # The widget opens the panel's home on the app's page (?path=); the reader goes on to an article from there.
    page.goto(site_url + "embed/factures/acompte/", referer=site_url + "embed/?path=/billing/invoices%3Fcustomer%3D42")
    page.goto("about:blank")
    deadline = time.monotonic() + 10
    query = "SELECT article, surface, context FROM event WHERE surface = 'embed'"
    while not (rows := sqlite3.connect(database).execute(query).fetchall()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert rows == [("factures/acompte", "embed", "/billing/invoices")]
    context.close()
