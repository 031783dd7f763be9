"""The widget on a host app (one origin, listed in embed_origins) opens the help panel (another origin) and drives it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_build, write_site

from lanterne.check.browser import serve

FILES = {
    "factures/envoyer.md": (
        "---\ntitle: Envoyer une facture\ndescription: Par email\nauthor: sophie\nupdated: 2024-09-13\n"
        "keywords: [courriel]\ncontext: [/factures/*]\n---\n\n" + "Un paragraphe assez long pour la hauteur.\n\n" * 30
    ),
    "factures/relancer.md": "---\ntitle: Relancer un client\nid: relances\nauthor: lea\nupdated: 2024-09-02\n---\n\nCourt.\n",
    "factures/relancer.en.md": "---\ntitle: Remind a customer\nupdated: 2024-09-02\n---\n\nShort.\n",
}

HOST_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Ardoise</title></head>
<body><h1>Facture 42</h1>
<script src="{help}assets/lanterne-widget.js" data-lang="{lang}"></script>
</body></html>
"""
PAGES = {"fr": "factures/42/", "en": "factures/43/"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The host app, served on its own port for the whole module, so that the help centre can allow its origin."""
    folder = tmp_path_factory.mktemp("app")
    with serve(folder) as url:
        yield folder, url.rstrip("/")


@pytest.fixture(scope="module")
def help_site(tmp_path_factory, app) -> Path:
    """The help centre, built to let the app's origin frame embed/ and talk to it."""
    built = run_build(write_site(tmp_path_factory.mktemp("help"), FILES, extra={"embed_origins": [app[1]]}))
    assert built.ok, built.errors()
    return built.site


@pytest.fixture
def host(help_site, app, serve_dir, browser):
    """Serve the help centre and a host app on two origins; return a function opening a host page."""
    help_url = serve_dir(help_site)
    folder, app_url = app
    for lang, path in PAGES.items():
        (folder / path).mkdir(parents=True, exist_ok=True)
        (folder / path / "index.html").write_text(HOST_PAGE.format(lang=lang, help=help_url), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    context.set_default_timeout(10_000)

    def _open(lang: str = "fr"):
        page = context.new_page()
        page.goto(f"{app_url}/{PAGES[lang]}")
        return page

    yield _open
    context.close()


def _frame_height(page) -> int:
    return page.locator("[data-lanterne] iframe").evaluate("frame => frame.getBoundingClientRect().height")


def _panel_listens(page) -> None:
    """Wait for the panel page's script: its heading shows first, and a message sent before would find no one."""
    page.frames[1].wait_for_load_state()


def test_panel_opens_with_suggestions_then_shows_an_article_and_resizes(host):
    page = host()
    page.get_by_role("button", name="Aide").click()
    frame = page.frame_locator("[data-lanterne] iframe")
    suggestion = frame.locator(".lt-embed__suggested li a")
    suggestion.first.wait_for()
    assert suggestion.all_inner_texts() == ["Envoyer une facture"]
    page.wait_for_function(
        "() => { const f = document.querySelector('[data-lanterne]').shadowRoot.querySelector('iframe'); return f.style.height !== '' }"
    )
    home_height = _frame_height(page)
    inner_home = frame.locator("html").evaluate("html => Math.ceil(html.getBoundingClientRect().height)")
    assert home_height == inner_home

    page.evaluate("Lanterne.open('factures/envoyer')")
    frame.locator("h1", has_text="Envoyer une facture").wait_for()
    page.wait_for_function(
        f"() => document.querySelector('[data-lanterne]').shadowRoot.querySelector('iframe').offsetHeight > {home_height + 200}"
    )

    page.evaluate("Lanterne.open('relances')")
    frame.locator("h1", has_text="Relancer un client").wait_for()
    _panel_listens(page)

    page.get_by_role("button", name="Retour").click()
    frame.locator("h1", has_text="Envoyer une facture").wait_for()
    page.close()


def test_the_panel_has_a_header_in_the_brand_colour_with_the_name_and_a_back_button(host):
    page = host()
    page.get_by_role("button", name="Aide").click()
    bar = page.locator("[data-lanterne] .bar")
    page.frame_locator("[data-lanterne] iframe").locator(".lt-embed__collections").wait_for()
    back = page.get_by_role("button", name="Retour")
    assert bar.evaluate("bar => getComputedStyle(bar).backgroundColor") == "rgb(15, 110, 92)"
    assert bar.locator(".title").inner_text() == "Aide"
    assert page.get_by_role("dialog", name="Aide").is_visible()
    assert not back.is_visible(), "no way back from the panel's home"
    page.evaluate("Lanterne.open('relances')")
    page.frame_locator("[data-lanterne] iframe").locator("h1", has_text="Relancer un client").wait_for()
    back.wait_for()
    assert page.get_by_role("button", name="Fermer l'aide").is_visible()
    page.close()


def _slow_script(route) -> None:
    """Serve an embed page whose script starts 1.5 s after its content shows, as on a slow connection."""
    response = route.fetch()
    html = re.sub(
        r'<script src="([^"]+lanterne-embed\.js)" defer></script>',
        r'<script>setTimeout(() => document.body.append(Object.assign(document.createElement("script"), {src: "\1"})), 1500);</script>',
        response.text(),
    )
    route.fulfill(response=response, body=html)


def test_a_request_sent_while_the_panels_page_loads_is_not_lost(host):
    page = host()
    page.get_by_role("button", name="Aide").click()
    frame = page.frame_locator("[data-lanterne] iframe")
    frame.locator(".lt-embed__collections").wait_for()
    _panel_listens(page)
    page.route("**/embed/factures/", _slow_script)
    frame.locator(".lt-embed__collections a", has_text="Factures").click()
    frame.locator("h1", has_text="Factures").wait_for()
    # The collection shows but does not listen yet: the widget must not drop this request.
    page.evaluate("Lanterne.suggest('/factures/7')")
    frame.locator(".lt-embed__suggested li a", has_text="Envoyer une facture").wait_for()
    page.close()


def test_api_before_the_panel_was_opened_and_search(host):
    page = host()
    page.evaluate("Lanterne.search('courriel')")
    frame = page.frame_locator("[data-lanterne] iframe")
    result = frame.locator(".lt-search__result a", has_text="Envoyer une facture")
    result.wait_for()
    result.click()
    frame.locator("h1", has_text="Envoyer une facture").wait_for()
    assert page.frames[1].url.split("/", 3)[3] == "embed/factures/envoyer/"
    _panel_listens(page)
    page.evaluate("Lanterne.suggest('/devis/3/envoyer')")
    frame.locator(".lt-embed__collections").wait_for()
    assert frame.locator(".lt-embed__suggested").is_hidden()
    page.evaluate("Lanterne.suggest('/factures/7')")
    frame.locator(".lt-embed__suggested li a", has_text="Envoyer une facture").wait_for()
    page.close()


def test_panel_follows_the_host_language(host):
    page = host("en")
    page.get_by_role("button", name="Help").click()
    frame = page.frame_locator("[data-lanterne] iframe")
    frame.locator("html[lang=en] .lt-embed__collections a", has_text="Invoices").wait_for()
    page.evaluate("Lanterne.open('relances')")
    frame.locator("h1", has_text="Remind a customer").wait_for()
    page.close()


def test_embed_page_reads_well_in_a_360px_panel(help_site, serve_dir, browser):
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.goto(serve_dir(help_site) + "embed/factures/envoyer/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lt-article__body p')).fontSize)") >= 14
    page.close()
