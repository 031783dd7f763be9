"""Content health end to end: votes and empty searches sent through the running feedback service, read back by the
internal build (from GET /report with its token, and from the CLI's JSON files), shown exactly on the article block,
the collection lists and the health page; never in the public build."""

from __future__ import annotations

import http.server
import json
import logging
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import requests
from bs4 import BeautifulSoup
from conftest import Built, feedback_config, loopback_socket, run_build, write_site

from lanterne.feedback.config import REPORT_TOKEN
from lanterne.health.fetch import REPORT_URL

TOKEN = "t0ken-for-the-health-tests-0123456789"
SITE = "https://aide.example"
ENDPOINT = "https://feedback.example/reactions"
REPO = {"repo_url": "https://git.example/support/aide", "edit_uri": "-/edit/main/docs/"}
SOURCE = "https://git.example/support/aide/-/edit/main/docs/factures/envoyer.md"
FILES = {
    "factures/envoyer.md": (
        "---\ntitle: Envoyer une facture\ndescription: Par email\nkeywords: [email]\nauthor: sophie\nowner: sophie\n"
        "updated: 2024-09-13\nreview_by: 2024-10-01\n---\n\nCorps de l'article.\n"
    ),
    "factures/relancer.md": (
        "---\ntitle: Relancer un client\ndescription: Par email\nkeywords: [relance]\nauthor: lea\nupdated: 2024-09-01\n"
        "review_by: 2999-01-01\n---\n\nTexte.\n"
    ),
}
# Columns: article, lang, reaction, reasons, comment. A reader can write markup and formulas: both must stay text.
VOTES = [
    ("factures/envoyer", "fr", "sad", ["unanswered", "unclear"], "<script>alert('x')</script> Et Chorus Pro ?"),
    ("factures/envoyer", "fr", "sad", ["unanswered"], ""),
    ("factures/envoyer", "fr", "neutral", ["unclear"], "Il manque l'étape 3"),
    ("factures/envoyer", "fr", "happy", [], ""),
    ("factures/envoyer", "en", "happy", [], ""),
]
SEARCHES = [("chorus pro", "fr"), ("chorus pro", "fr"), ("=sum(a1)", "fr")]
# What three readers did, one batch each: the first reads both articles and clicks contact under the second, the second
# reads one and opens a search result, the third searches and opens nothing.
ENVOYER, RELANCER = ({"type": "view", "article": f"factures/{name}", "lang": "fr"} for name in ("envoyer", "relancer"))
EVENTS = [
    [ENVOYER, ENVOYER, RELANCER, {"type": "contact", "article": "factures/relancer", "lang": "fr"}],
    [ENVOYER, {"type": "search", "query": "relancer", "lang": "fr", "article": "factures/relancer"}],
    [{"type": "search", "query": "facture", "lang": "fr"}],
]


def _internal(root: Path, feedback: dict, *, config: dict | None = None) -> Path:
    return write_site(root, FILES, extra={"audience": "internal", "feedback": {"endpoint": ENDPOINT, **feedback}}, config=config)


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Built:
    """The public build; its report setting points nowhere, and it must never try it."""
    config = write_site(
        tmp_path_factory.mktemp("public"), FILES, extra={"feedback": {"endpoint": ENDPOINT, "report": "http://127.0.0.1:9/report"}}
    )
    built = _build(config)
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def service(tmp_path_factory, public, feedback_service) -> tuple[str, Path]:
    """The real service, rating the public build's articles, with the votes and searches above; (base URL, database)."""
    root = tmp_path_factory.mktemp("service")
    manifest = json.loads((public.site / "lanterne/feedback-manifest.json").read_text(encoding="utf-8"))
    # Behind the proxy, as in production: each search comes from its own reader (a query counts once per reader).
    base = feedback_service(feedback_config(root, {"public": manifest}, rate_limit=0, report_token=TOKEN, proxy=True))
    for number, (article, lang, reaction, reasons, comment) in enumerate(VOTES):
        body = {"article": article, "lang": lang, "reaction": reaction, "reasons": reasons, "comment": comment}
        body |= {"visitor": f"visitor-{number:012d}", "page": f"{SITE}/{'' if lang == 'fr' else lang + '/'}{article}/"}
        answer = requests.post(f"{base}/reactions", json=body, timeout=10)
        assert answer.status_code == 200, answer.text
    for number, (query, lang) in enumerate(SEARCHES):
        reader = {"X-Forwarded-For": f"198.51.100.{number + 1}"}
        assert requests.post(f"{base}/searches", json={"query": query, "lang": lang}, headers=reader, timeout=10).status_code == 200
    for number, batch in enumerate(EVENTS):
        reader = {"X-Forwarded-For": f"198.51.100.{number + 50}"}
        assert requests.post(f"{base}/events", json={"events": batch}, headers=reader, timeout=10).status_code == 200
    return base, root / "feedback.sqlite3"


@pytest.fixture(scope="module")
def from_service(tmp_path_factory, service) -> Built:
    """The internal build reading GET /report with the token from the environment."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(REPORT_TOKEN, TOKEN)
        patch.setenv(REPORT_URL, f"{service[0]}/report")
        built = _build(_internal(tmp_path_factory.mktemp("internal"), {"report": f"{service[0]}/report"}, config=REPO))
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def from_files(tmp_path_factory, service) -> Built:
    """The internal build reading the files `report --format json` and `searches --format json` wrote."""
    root = tmp_path_factory.mktemp("files")
    for command, name in (("report", "report.json"), ("searches", "searches.json")):
        run = [sys.executable, "-m", "lanterne.feedback", command, "--database", str(service[1]), "--format", "json"]
        (root / name).write_text(subprocess.run(run, check=True, capture_output=True, text=True).stdout, encoding="utf-8")
    built = _build(_internal(root, {"report": "report.json", "searches": "searches.json"}, config=REPO))
    assert built.ok, built.errors()
    return built


def test_the_article_block_shows_exactly_the_votes_sent(from_service):
    block = from_service.html("factures/envoyer/").select_one("aside.lt-health")
    assert block.h2.get_text(strip=True) == "Santé de l'article"
    assert block.select_one(".lt-health__score").get_text(" ", strip=True) == "38/100 · 4 votes"
    assert [li.get_text(" ", strip=True) for li in block.select(".lt-health__reactions li")] == [
        "😞 2 Non, déçu",
        "😐 1 En partie",
        "😃 1 Oui, merci",
    ]
    assert [li.get_text(strip=True) for li in block.select(".lt-health__reasons li")] == [
        "Ne répond pas à ma question (2)",
        "Difficile à comprendre (2)",
    ]
    comments = [li.q.get_text() for li in block.select(".lt-health__comments li")]
    assert comments == ["Il manque l'étape 3", "<script>alert('x')</script> Et Chorus Pro ?"]
    assert block.select("script") == []
    assert [emoji["aria-label"] for emoji in block.select(".lt-health__comments [role=img]")] == ["En partie", "Non, déçu"]
    assert [(a.get_text(), a["href"]) for a in block.select(".lt-health__links a")] == [
        ("Modifier cet article", SOURCE),
        ("Santé du contenu", "../../sante-du-contenu/"),
    ]


def test_the_translation_block_counts_its_own_votes(from_service):
    block = from_service.html("en/factures/envoyer/").select_one("aside.lt-health")
    assert block.h2.get_text(strip=True) == "Article health"
    assert block.select_one(".lt-health__score").get_text(" ", strip=True) == "100/100 · 1 vote"


def test_an_article_without_votes_says_so_and_shows_its_dates(from_service):
    block = from_service.html("factures/relancer/").select_one("aside.lt-health")
    assert block.select_one(".lt-health__note").get_text(strip=True) == "Aucun vote pour le moment."
    facts = {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in block.select(".lt-health__facts div")}
    assert facts["Dernière mise à jour"] == "1 septembre 2024"


def test_the_block_shows_the_owner_and_an_overdue_review_in_words(from_service):
    block = from_service.html("factures/envoyer/").select_one("aside.lt-health")
    facts = {
        div.dt.get_text(strip=True): (div.dd.get_text(" ", strip=True), div.get("class")) for div in block.select(".lt-health__facts div")
    }
    late = (date.today() - date(2024, 10, 1)).days
    assert facts == {
        "Dernière mise à jour": ("13 septembre 2024", None),
        "Révision prévue": (f"1 octobre 2024 (en retard de {late} jours)", ["lt-health--alert"]),
        "Responsable": ("Sophie Martin", None),
    }


def test_the_health_page_lists_overdue_reviews_and_missing_owners(from_service):
    page = from_service.html("sante-du-contenu/")
    late = (date.today() - date(2024, 10, 1)).days
    overdue = [f"en retard de {late} jours", "Modifier"]
    assert _rows(page, "revisions") == [
        ["Send an invoice", "en", "Sophie Martin", "1 octobre 2024", *overdue],
        ["Envoyer une facture", "fr", "Sophie Martin", "1 octobre 2024", *overdue],
    ]
    assert page.select_one("#revisions ~ .lt-health__scroll td.lt-health--alert") is not None
    assert ["Relancer un client", "fr", "responsable", "Modifier"] in _rows(page, "metadonnees")


def test_collection_lists_show_each_article_score(from_service):
    page = from_service.html("factures/")
    badges = {
        li.select_one(".lt-list__title").get_text(strip=True): li.select_one(".lt-health-badge__score").get_text()
        for li in page.select(".lt-list__item")
    }
    assert badges == {"Envoyer une facture": "38/100 · 4 votes", "Relancer un client": "Pas de vote"}
    state = page.select_one(".lt-list__item .lt-health-badge__state")
    assert (state.get_text(strip=True), state["class"]) == ("Révision en retard", ["lt-health-badge__state", "lt-health--alert"])


def test_the_health_page_lists_the_worst_articles_and_the_searches_sent(from_service):
    page = from_service.html("sante-du-contenu/")
    worst = _rows(page, "notes")
    assert worst == [
        ["Envoyer une facture", "fr", "38", "😞 2 · 😐 1 · 😃 1", "Ne répond pas à ma question (2), Difficile à comprendre (2)", "Modifier"]
    ]
    assert page.select_one("#notes ~ .lt-health__scroll tbody th a")["href"] == "../factures/envoyer/"
    assert page.select_one("#notes ~ .lt-health__scroll tbody td a")["href"] == SOURCE
    assert [row[:3] for row in _rows(page, "recherches")] == [["chorus pro", "fr", "2"], ["=sum(a1)", "fr", "1"]]


def test_the_health_page_shows_what_readers_did_with_exact_numbers(from_service):
    page = from_service.html("sante-du-contenu/")
    visits = page.select_one(".lt-health__visits").get_text(strip=True)
    assert visits == "3 visites ; 33 % ont trouvé une réponse (un article lu, aucun clic vers le support, en 30 minutes)."
    assert _rows(page, "vues") == [
        ["Envoyer une facture", "fr", "3", "4", "1.33", "0", "Modifier"],
        ["Relancer un client", "fr", "1", "0", "0.00", "1", "Modifier"],
    ]
    assert _rows(page, "sans-vote") == [["Relancer un client", "fr", "1", "Modifier"]]
    assert _rows(page, "support") == [["Relancer un client", "fr", "1", "1", "1.00", "Modifier"]]
    assert _rows(page, "sans-clic") == [["facture", "fr", "1"]]
    data = json.loads((from_service.site / "lanterne/health.json").read_text(encoding="utf-8"))
    assert [(a["id"], a["views"], a["contact_clicks"]) for a in data["to_support"]] == [("factures/relancer", 1, 1)]
    assert (data["visits"], [q["query"] for q in data["unclicked"]]) == ({"visits": 3, "found_answer": 1, "share": 0.333}, ["facture"])


def test_the_article_block_shows_its_views_and_contact_clicks(from_service):
    block = from_service.html("factures/relancer/").select_one("aside.lt-health")
    reading = block.select_one(".lt-health__reading").get_text(strip=True)
    assert reading == "1 vue · 1 clic vers le support après lecture · 0.00 votes par vue"
    reading = from_service.html("factures/envoyer/").select_one(".lt-health__reading").get_text(strip=True)
    assert reading == "3 vues · 0 clic vers le support après lecture · 1.33 votes par vue"


def test_the_health_lists_download_as_json_and_csv(from_service):
    data = json.loads((from_service.site / "lanterne/health.json").read_text(encoding="utf-8"))
    [worst] = data["worst"]
    assert {key: worst[key] for key in ("id", "lang", "votes", "sad", "neutral", "happy", "score", "source")} == {
        "id": "factures/envoyer",
        "lang": "fr",
        "votes": 4,
        "sad": 2,
        "neutral": 1,
        "happy": 1,
        "score": 38,
        "source": SOURCE,
    }
    assert worst["url"] == f"{SITE}/factures/envoyer/"
    assert [(s["query"], s["searches"]) for s in data["searches"]] == [("chorus pro", 2), ("=sum(a1)", 1)]
    csv = (from_service.site / "lanterne/health.csv").read_bytes().decode("utf-8")
    assert "searches,,fr,'=sum(a1),,,1,public\r\n" in csv


def test_the_build_from_files_shows_the_same_figures(from_service, from_files):
    assert (from_files.site / "lanterne/health.json").read_text() == (from_service.site / "lanterne/health.json").read_text()
    block = from_files.html("factures/envoyer/").select_one("aside.lt-health")
    assert block.select_one(".lt-health__score").get_text(" ", strip=True) == "38/100 · 4 votes"


def test_the_internal_home_points_agents_to_the_health_page(from_service, public):
    for url in ("", "en/"):
        link = from_service.html(url).select_one(".lt-hero .lt-hero__health a")
        assert link is not None, url
        target = (from_service.site / url / link["href"]).resolve()
        assert target == (from_service.site / "sante-du-contenu").resolve(), link["href"]
    assert from_service.html("").select_one(".lt-hero__health a").get_text(strip=True) == "Santé du contenu : ce qui demande du travail"
    assert from_service.html("en/").select_one(".lt-hero__health a").get_text(strip=True) == "Content health: what needs work"
    assert public.html("").select_one(".lt-hero__health") is None


def test_the_public_build_shows_no_health_and_never_fetches(public):
    assert not any("feedback report" in message for message in public.messages)
    assert not (public.site / "lanterne/health.json").exists() and not (public.site / "sante-du-contenu").exists()
    for path in public.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "lt-health" not in text and "Santé de l'article" not in text, path


def test_the_report_endpoint_needs_the_token(service):
    base = service[0]
    assert requests.get(f"{base}/report", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).status_code == 200
    for headers in ({}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}):
        answer = requests.get(f"{base}/report", headers=headers, timeout=10)
        assert answer.status_code == 401, headers
        assert answer.json()["error"]["code"] == "unauthorized"
        assert "chorus" not in answer.text and "Access-Control-Allow-Origin" not in answer.headers


def test_a_service_without_a_token_never_serves_its_report(tmp_path, feedback_service):
    base = feedback_service(feedback_config(tmp_path, {}))
    answer = requests.get(f"{base}/report", headers={"Authorization": "Bearer "}, timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "report_off")


def test_an_unreachable_service_is_said_once_and_the_pages_say_no_data_yet(tmp_path, monkeypatch):
    monkeypatch.setenv(REPORT_TOKEN, TOKEN)
    with loopback_socket() as sock:  # bound, never listening: the connection is refused
        url = "http://{}:{}/report".format(*sock.getsockname())
        monkeypatch.setenv(REPORT_URL, url)
        built = _build(_internal(tmp_path, {"report": url}))
    assert built.ok, built.errors()
    said = [message for message in built.messages if "feedback report" in message]
    assert len(said) == 1 and said[0].startswith(
        f"INFO: Lanterne: the feedback report {url} could not be read (the service cannot be reached"
    )
    note = "Pas encore de données : le rapport du service d'avis n'a pas pu être lu lors de la construction."
    assert built.html("factures/envoyer/").select_one("aside.lt-health .lt-health__note").get_text(strip=True) == note
    assert built.html("sante-du-contenu/").select_one(".lt-health-page > .lt-health__note[role=note]").get_text(strip=True) == note
    data = json.loads((built.site / "lanterne/health.json").read_text(encoding="utf-8"))
    assert data["worst"] is None and data["searches"] is None


@pytest.mark.parametrize(
    ("token", "said"),
    [
        (None, f"{REPORT_TOKEN} is not set; the service answers its report only to whoever sends its token"),
        ("not-the-token-not-the-token", "the service answered 401 unauthorized"),
    ],
)
def test_a_missing_or_wrong_token_is_said_and_the_build_passes(tmp_path, monkeypatch, service, token, said):
    if token:
        monkeypatch.setenv(REPORT_TOKEN, token)
    else:
        monkeypatch.delenv(REPORT_TOKEN, raising=False)
    monkeypatch.setenv(REPORT_URL, f"{service[0]}/report")
    built = _build(_internal(tmp_path, {"report": f"{service[0]}/report"}))
    assert built.ok, built.errors()
    assert (
        f'INFO: Lanterne: the feedback report {service[0]}/report could not be read ({said}); the health pages say "no data yet"'
        in built.messages
    )


def test_a_file_that_is_not_a_report_is_said_and_the_build_passes(tmp_path):
    (tmp_path / "report.json").write_text('{"format": 1, "articles": [{"article": "x"}]}', encoding="utf-8")
    built = _build(_internal(tmp_path, {"report": "report.json"}))
    assert built.ok, built.errors()
    assert any("articles.0.lang: Field required" in message for message in built.messages), built.messages


def test_a_report_setting_of_another_scheme_is_refused(make_site):
    built = make_site(extra={"audience": "internal", "feedback": {"report": "file:///etc/passwd"}})
    assert not built.ok
    assert built.errors()[0] == (
        "mkdocs.yml: extra.lanterne.feedback.report: 'file:///etc/passwd' is neither an http(s) URL nor a file path; "
        "expected for example https://feedback.example/report"
    )


def _build(config: Path) -> Built:
    """A real build that also collects what it says at INFO level, where the health messages are (they must not fail --strict)."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        return run_build(config)
    finally:
        logger.setLevel(level)


def _rows(page: BeautifulSoup, section: str) -> list[list[str]]:
    """The text of each row of one section's table."""
    return [
        [cell.get_text(strip=True) for cell in row.select("th, td")] for row in page.select(f"#{section} ~ .lt-health__scroll tbody tr")
    ]


class _Listener(http.server.BaseHTTPRequestHandler):
    """A host a pull request points the report at: it notes every Authorization header it is sent."""

    heard: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).heard.append(self.headers.get("Authorization", ""))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"format": 1, "articles": [], "searches": []}')

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture
def listener():
    """Another host on loopback, listening: (its base URL, what it heard)."""
    _Listener.heard = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Listener.heard
    server.shutdown()
    server.server_close()


# Columns: the feedback settings a pull request writes, given the listener's base URL and the service's.
REDIRECTED = [
    ("report on another host", lambda other, service: {"report": f"{other}/report"}),
    ("searches on another host", lambda other, service: {"report": f"{service}/report", "searches": f"{other}/searches"}),
    ("user-info trick", lambda other, service: {"report": f"{service.replace('http://', 'http://x@')}@{other[7:]}/report"}),
]


@pytest.mark.parametrize("settings", [case[1] for case in REDIRECTED], ids=[case[0] for case in REDIRECTED])
def test_the_report_token_goes_only_to_the_origin_the_environment_names(tmp_path, monkeypatch, service, listener, settings):
    other, heard = listener
    monkeypatch.setenv(REPORT_TOKEN, TOKEN)
    monkeypatch.setenv(REPORT_URL, f"{service[0]}/report")  # the operator's: the service on its own port
    feedback = settings(other, service[0])
    built = _build(_internal(tmp_path, feedback))
    assert heard == [], "the other host must not even be asked"
    assert not built.ok
    wrong = next(url for url in feedback.values() if not url.startswith(f"{service[0]}/"))
    origin = service[0]  # http://127.0.0.1:PORT
    assert built.errors() == [
        f"mkdocs.yml: extra.lanterne.feedback: {wrong!r} is not on {origin}, the origin of {REPORT_URL}; the report token "
        f"({REPORT_TOKEN}) is sent there only; expected a URL on {origin}, or {REPORT_URL} set to this one where the build runs"
    ]


def test_without_the_environments_report_address_the_token_is_sent_nowhere(tmp_path, monkeypatch, listener):
    other, heard = listener
    monkeypatch.setenv(REPORT_TOKEN, TOKEN)
    monkeypatch.delenv(REPORT_URL, raising=False)
    built = _build(_internal(tmp_path, {"report": f"{other}/report"}))
    assert heard == [] and not built.ok
    assert built.errors() == [
        f"mkdocs.yml: extra.lanterne.feedback: '{other}/report': {REPORT_URL} is not set where the build runs; the report "
        f"token ({REPORT_TOKEN}) is sent only to the origin of that variable; expected {REPORT_URL}=<the service's report URL>, "
        "for example http://127.0.0.1:8001/report"
    ]


def test_the_environments_report_address_may_differ_in_path_and_case_but_not_in_port(tmp_path, monkeypatch, listener):
    other, heard = listener
    monkeypatch.setenv(REPORT_TOKEN, TOKEN)
    monkeypatch.setenv(REPORT_URL, other.upper().replace("HTTP://", "http://") + "/elsewhere")
    built = _build(_internal(tmp_path, {"report": f"{other}/report"}))
    assert built.ok, built.errors()
    assert heard == [f"Bearer {TOKEN}"]
    port = int(other.rsplit(":", 1)[1])
    monkeypatch.setenv(REPORT_URL, f"http://127.0.0.1:{port + 1}/report")
    assert not _build(_internal(tmp_path / "again", {"report": f"{other}/report"})).ok
    assert heard == [f"Bearer {TOKEN}"]
