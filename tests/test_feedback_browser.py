"""Reactions in Chromium, end to end: the page, the script, a real feedback service and its database."""

from __future__ import annotations

import pytest
from conftest import loopback_socket, run_build, write_site

from lanterne.check.browser import serve
from lanterne.feedback.config import Config

ARTICLE = "factures/envoyer/"


@pytest.fixture(scope="module")
def help_centre(tmp_path_factory, feedback_service, feedback_store):
    """A help centre served on loopback, its reactions posting to a feedback service on each store; returns (site URL, database)."""
    root = tmp_path_factory.mktemp("reactions")
    site = root / "site"
    with serve(site) as site_url:
        sock = loopback_socket()
        endpoint = f"http://127.0.0.1:{sock.getsockname()[1]}/reactions"
        extra = {"feedback": {"endpoint": endpoint}, "contact": {"url": "https://ardoise.example/contact"}}
        built = run_build(write_site(root, {}, extra=extra, config={"site_url": site_url}))
        assert built.ok, built.errors()
        database = feedback_store.database(root)
        feedback_service(Config(database=database.location, manifests=(str(site / "lanterne/feedback-manifest.json"),)), sock)
        yield site_url, database


@pytest.fixture
def page(browser, help_centre):
    """A fresh browser context (empty localStorage) on the French article."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(help_centre[0] + ARTICLE)
    yield tab
    context.close()


def _row(database, visitor: str) -> tuple | None:
    rows = database.rows("SELECT article, lang, reaction, reasons, comment FROM reaction WHERE visitor = ?", (visitor,))
    return rows[0] if rows else None


def _visitor(page) -> str:
    return page.evaluate("localStorage.getItem('lanterne.visitor')")


def test_a_sad_reader_picks_a_reason_and_writes_a_comment(page, help_centre):
    page.get_by_role("button", name="Non, déçu").click()
    page.get_by_text("Merci pour votre retour !").wait_for()
    assert page.get_by_role("group", name="Avez-vous trouvé la réponse à votre question ?").is_hidden()
    assert page.locator(".lt-reactions").get_by_role("link", name="Contacter le support").is_visible()
    page.get_by_text("Difficile à comprendre").click()
    page.get_by_label("Un commentaire pour nous aider").fill("Il manque une capture d'écran.")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Merci, votre commentaire nous a bien été transmis.").wait_for()
    assert _row(help_centre[1], _visitor(page)) == ("factures/envoyer", "fr", "sad", '["unclear"]', "Il manque une capture d'écran.")


def test_a_reader_votes_with_the_keyboard_alone_and_changes_their_mind(page, help_centre):
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "sad":
            break
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip().endswith("Oui, merci")
    page.keyboard.press("Enter")
    page.get_by_text("Merci pour votre retour !").wait_for()
    assert page.evaluate("document.activeElement.id") == "lt-reactions-thanks"
    assert page.locator("[data-lt-more]").is_hidden()
    assert _row(help_centre[1], _visitor(page))[2] == "happy"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Changer ma réponse" gives the faces back, focus on the chosen one
    assert page.evaluate("document.activeElement.value") == "happy"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.get_by_text("Qu'est-ce qui n'allait pas ? (facultatif)").wait_for()
    assert _row(help_centre[1], _visitor(page))[2] == "neutral"


def test_when_the_service_is_down_the_reader_is_told_and_keeps_what_they_typed(page, help_centre):
    page.route("**/reactions", lambda route: route.abort("connectionrefused"))
    page.get_by_role("button", name="En partie").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == FAILURES["down"]
    assert page.get_by_role("button", name="En partie").is_visible()
    page.unroute("**/reactions")
    page.get_by_role("button", name="En partie").click()
    page.get_by_text("Merci pour votre retour !").wait_for()
    assert alert.is_hidden()
    page.route("**/reactions", lambda route: route.abort("connectionrefused"))
    page.get_by_text("Information incorrecte ou obsolète").click()
    page.get_by_label("Un commentaire pour nous aider").fill("Le tarif a changé.")
    page.get_by_role("button", name="Envoyer").click()
    alert.wait_for()
    assert page.get_by_label("Un commentaire pour nous aider").input_value() == "Le tarif a changé."
    assert page.get_by_label("Information incorrecte ou obsolète").is_checked()
    assert _row(help_centre[1], _visitor(page))[3:] == ("[]", "")


FAILURES = {
    "signed out": "Vous n'êtes plus connecté. Reconnectez-vous (dans un nouvel onglet, par exemple), puis renvoyez : "
    "ce que vous avez écrit est conservé.",
    "limit": "Trop de réponses sont venues de votre connexion en peu de temps. Patientez quelques minutes, puis renvoyez : "
    "ce que vous avez écrit est conservé.",
    "down": "Le service des retours ne répond pas pour le moment. Réessayez dans quelques minutes : ce que vous avez écrit est conservé.",
    "other": "Désolé, nous n'avons pas pu envoyer votre réponse. Réessayez : ce que vous avez écrit est conservé.",
}


# The status the service (or the proxy in front of it) answers, and what the reader is told; never their connection.
@pytest.mark.parametrize(
    ("status", "told"),
    [(401, "signed out"), (403, "signed out"), (429, "limit"), (502, "down"), (503, "down"), (500, "down"), (400, "other")],
)
def test_a_refused_vote_says_what_happened(page, status, told):
    page.route("**/reactions", lambda route: route.fulfill(status=status, headers={"Access-Control-Allow-Origin": "*"}, body="{}"))
    page.get_by_role("button", name="Oui, merci").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == FAILURES[told]


def test_without_javascript_the_form_posts_and_comes_back_to_the_thank_you_note(browser, help_centre):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(help_centre[0] + ARTICLE)
    tab.get_by_role("button", name="Oui, merci").click()
    tab.wait_for_url(f"**/{ARTICLE}#lt-reactions-thanks")
    assert tab.get_by_text("Merci pour votre retour !").is_visible()
    assert help_centre[1].rows("SELECT count(*) FROM reaction WHERE visitor LIKE ? AND reaction = 'happy'", ("nojs-%",)) == [(1,)]
    context.close()
