"""POST /events over real HTTP, on both stores: what a batch of reader events keeps, for how long, and what is refused."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import requests
from conftest import feedback_config

from lanterne.feedback import activity
from lanterne.feedback.records import StoredEvent

SITE = "https://aide.example"
MANIFESTS = {
    "public": {
        "format": 1,
        "audience": "public",
        "site_url": f"{SITE}/",
        "articles": [
            {"id": "factures/envoyer", "lang": "fr", "title": "Envoyer une facture", "url": "factures/envoyer/"},
            {"id": "factures/relancer", "lang": "fr", "title": "Relancer", "url": "factures/relancer/"},
        ],
    },
    "internal": {
        "format": 1,
        "audience": "internal",
        "site_url": "https://support.example/",
        "articles": [{"id": "factures/deverrouiller", "lang": "fr", "title": "Déverrouiller", "url": "factures/deverrouiller/"}],
    },
}
VIEW = {"type": "view", "article": "factures/envoyer", "lang": "fr"}


@pytest.fixture(scope="module")
def service(tmp_path_factory, feedback_service, feedback_store):
    """One service for the module (raw events kept 30 days), on each store; returns (base URL, database)."""
    root = tmp_path_factory.mktemp("events")
    database = feedback_store.database(root)
    config = feedback_config(root, MANIFESTS, database=database, proxy=True, rate_limit=1000, event_days=30)
    return feedback_service(config), database


def _send(base: str, batch: dict, *, reader: str = "203.0.113.7", agent: str = "Reader/1", **headers) -> requests.Response:
    """POST a batch as sendBeacon does (text/plain), from `reader` as nginx passes it."""
    headers = {"Origin": SITE, "X-Forwarded-For": reader, "User-Agent": agent, "Content-Type": "text/plain;charset=UTF-8"} | headers
    return requests.post(f"{base}/events", data=json.dumps(batch), headers=headers, timeout=10)


def _raw(db) -> list[tuple]:
    return db.rows("SELECT visitor, kind, audience, lang, article, query, surface, context FROM event ORDER BY at, kind, article")


def _daily(db) -> list[tuple]:
    return db.rows("SELECT kind, audience, lang, article, query, events FROM event_day ORDER BY kind, article, query")


def _clear(db) -> None:
    db.script("DELETE FROM event; DELETE FROM event_day")


def test_a_batch_is_kept_raw_and_counted_by_day_article_language_and_audience(service):
    base, db = service
    _clear(db)
    batch = {
        "events": [
            VIEW,
            VIEW,
            {"type": "search", "query": "  Relancer  UNE facture ", "lang": "fr", "article": "factures/relancer"},
            {"type": "search", "query": "chorus pro", "lang": "fr"},
            {"type": "contact", "article": "factures/envoyer", "lang": "fr"},
        ],
        "audience": "public",
    }
    response = _send(base, batch)
    assert (response.status_code, response.json()) == (200, {"ok": True, "events": 5})
    assert response.headers["access-control-allow-origin"] == SITE
    assert _daily(db) == [
        ("contact", "public", "fr", "factures/envoyer", "", 1),
        ("search", "public", "fr", "", "chorus pro", 1),
        ("search", "public", "fr", "factures/relancer", "relancer une facture", 1),
        ("view", "public", "fr", "factures/envoyer", "", 2),
    ]
    visitors = {row[0] for row in _raw(db)}
    assert len(_raw(db)) == 5 and len(visitors) == 1
    assert re.fullmatch(r"[0-9a-f]{32}", visitors.pop())
    assert "203.0.113.7" not in db.dump()  # no address is kept anywhere, nor the browser's name
    assert "Reader/1" not in db.dump()


def test_a_reader_is_one_visitor_per_day_and_another_browser_another(service):
    base, db = service
    _clear(db)
    for reader, agent in (("203.0.113.8", "A/1"), ("203.0.113.8", "A/1"), ("203.0.113.8", "B/2"), ("203.0.113.9", "A/1")):
        assert _send(base, {"events": [VIEW]}, reader=reader, agent=agent).status_code == 200
    visitors = [row[0] for row in _raw(db)]
    assert visitors[0] == visitors[1] and len(set(visitors)) == 3
    # One key, today's: the key of any earlier day is gone, so an earlier day's hashes cannot be linked to anyone.
    assert len(db.rows("SELECT day FROM visit_key")) == 1


def test_an_embed_page_says_so_and_which_page_of_the_app_without_its_query(service):
    base, db = service
    _clear(db)
    batch = {"events": [VIEW], "surface": "embed", "context": "/billing/invoices?customer=Jeanne#top"}
    assert _send(base, batch).status_code == 200
    assert [row[6:] for row in _raw(db)] == [("embed", "/billing/invoices")]


@pytest.mark.parametrize("header", [{"DNT": "1"}, {"Sec-GPC": "1"}])
def test_a_browser_that_asks_not_to_be_tracked_is_answered_and_nothing_is_kept(service, header):
    base, db = service
    _clear(db)
    response = _send(base, {"events": [VIEW]}, **header)
    assert response.json() == {"ok": True, "events": 0, "declined": True}
    assert _raw(db) == [] and _daily(db) == []


# Columns: the batch, the HTTP status, the error code, the field named.
REFUSALS = [
    ({"events": []}, 400, "missing_field", "events"),
    ({"events": [VIEW] * 51}, 400, "too_many_events", "events"),
    ({"events": [VIEW, {"type": "click", "lang": "fr"}]}, 400, "invalid_type", "events[1].type"),
    ({"events": [{"type": "view", "lang": "fr"}]}, 400, "missing_field", "events[0].article"),
    ({"events": [{**VIEW, "article": "factures/inconnu"}]}, 400, "unknown_article", "events[0].article"),
    ({"events": [{**VIEW, "article": "factures/deverrouiller"}]}, 400, "unknown_article", "events[0].article"),
    ({"events": [{**VIEW, "lang": "de"}]}, 400, "invalid_lang", "events[0].lang"),
    ({"events": [{**VIEW, "visitor": "abc"}]}, 400, "unknown_field", "events[0]"),
    ({"events": [{"type": "search", "query": " ", "lang": "fr"}]}, 400, "missing_field", "events[0].query"),
    ({"events": [{"type": "search", "query": "x" * 201, "lang": "fr"}]}, 400, "query_too_long", "events[0].query"),
    ({"events": [{**VIEW, "article": 3}]}, 400, "invalid_field", "events[0].article"),
    ({"events": [VIEW], "audience": "internal"}, 400, "audience_mismatch", "audience"),
    ({"events": [VIEW], "audience": "secret"}, 400, "invalid_audience", "audience"),
    ({"events": [VIEW], "context": "/billing"}, 400, "invalid_context", "context"),
    ({"events": [VIEW], "ip": "203.0.113.7"}, 400, "unknown_field", None),
]


@pytest.mark.parametrize(("batch", "status", "code", "field"), REFUSALS)
def test_a_bad_batch_is_refused_whole_with_a_json_error(service, batch, status, code, field):
    base, db = service
    _clear(db)
    response = _send(base, batch)
    assert (response.status_code, response.json()["error"]["code"], response.json()["error"].get("field")) == (status, code, field)
    assert _raw(db) == [] and _daily(db) == []


def test_a_batch_over_16_kb_another_type_or_another_site_is_refused(service):
    base, db = service
    _clear(db)
    big = {"events": [{"type": "search", "query": "x" * 200 + " " * 200, "lang": "fr"}] * 50}
    assert _send(base, big).status_code == 413
    assert _send(base, {"events": [VIEW]}, **{"Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    assert _send(base, {"events": [VIEW]}, Origin="https://evil.example").status_code == 403
    assert _send(base, {"events": "view"}).json()["error"]["code"] == "missing_field"
    assert _raw(db) == []


def test_raw_events_past_their_keeping_time_are_deleted_and_their_counts_stay(tmp_path, feedback_service, feedback_store):
    database = feedback_store.database(tmp_path)
    base = feedback_service(feedback_config(tmp_path, MANIFESTS, database=database, proxy=True, event_days=30))
    assert _send(base, {"events": [VIEW]}).status_code == 200  # creates the schema; this first batch is kept
    database.script(
        "INSERT INTO event (at, visitor, kind, audience, lang, article) VALUES ('2020-01-01T00:00:00.000000+00:00', 'old', 'view', "
        "'public', 'fr', 'factures/envoyer'); "
        "INSERT INTO event_day VALUES ('2020-01-01', 'view', 'public', 'fr', 'factures/envoyer', '', 4)"
    )
    second = feedback_service(feedback_config(tmp_path, MANIFESTS, database=database, proxy=True, event_days=30))
    assert _send(second, {"events": [VIEW]}).status_code == 200  # a service purges on its first batch, then hourly
    assert database.rows("SELECT count(*) FROM event WHERE visitor = 'old'") == [(0,)]
    assert database.rows("SELECT SUM(events) FROM event_day") in ([(6,)], [(6.0,)])


def _readers(base: str) -> None:
    """Three readers: A reads two articles and clicks contact under the second, B reads one, C only searches."""
    reader_a = [VIEW, VIEW, {**VIEW, "article": "factures/relancer"}, {"type": "contact", "article": "factures/relancer", "lang": "fr"}]
    reader_a.append({"type": "search", "query": "Relancer", "lang": "fr", "article": "factures/relancer"})
    for reader, batch in (
        ("203.0.113.20", reader_a),
        ("203.0.113.21", [VIEW, {"type": "search", "query": "chorus pro", "lang": "fr"}]),
        ("203.0.113.22", [{"type": "search", "query": "Chorus  Pro", "lang": "fr"}]),
    ):
        assert _send(base, {"events": batch}, reader=reader).status_code == 200
    vote = {"article": "factures/envoyer", "lang": "fr", "page": f"{SITE}/factures/envoyer/", "reaction": "happy"}
    assert requests.post(f"{base}/reactions", json=vote, headers={"Origin": SITE}, timeout=10).status_code == 200


def test_the_report_counts_views_contact_clicks_search_clicks_and_visits_that_found_an_answer(service):
    base, db = service
    _clear(db)
    db.script("DELETE FROM reaction")
    _readers(base)
    command = [sys.executable, "-m", "lanterne.feedback", "report", "--database", db.location]
    output = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, check=True).stdout
    data = json.loads(output)
    shown = [
        (a["article"], a["votes"], a["views"], a["contact_clicks"], a["reactions_per_view"], a["contacts_per_view"])
        for a in data["articles"]
    ]
    assert shown == [("factures/envoyer", 1, 3, 0, 0.333, 0.0), ("factures/relancer", 0, 1, 1, 0.0, 1.0)]
    assert data["queries"] == [
        {"query": "chorus pro", "lang": "fr", "audience": "public", "searches": 2, "clicks": 0, "articles": {}},
        {"query": "relancer", "lang": "fr", "audience": "public", "searches": 1, "clicks": 1, "articles": {"factures/relancer": 1}},
    ]
    assert data["visits"] == {"visits": 3, "found_answer": 1, "share": 0.333}
    table = subprocess.run([*command, "--format", "table"], capture_output=True, text=True, check=True).stdout.splitlines()
    assert table[2].split() == ["-", "0", "0", "0", "0", "1", "1", "fr", "factures/relancer"]
    assert table[-1] == "Visits: 3; found an answer (viewed an article, no contact click): 1 (33%)"
    csv_text = subprocess.run([*command, "--format", "csv"], capture_output=True, text=True, check=True).stdout
    articles, queries, visits = (list(csv.reader(io.StringIO(part))) for part in csv_text.split("\n\n"))  # text mode reads CRLF as \n
    assert articles[0][-4:] == ["views", "contact_clicks", "reactions_per_view", "contacts_per_view"]
    assert articles[2][-4:] == ["1", "1", "0", "1"]
    assert queries[2] == ["relancer", "fr", "public", "1", "1", "factures/relancer 1"]
    assert visits == [["visits", "found_answer", "share"], ["3", "1", "0.333"]]


# Columns: (visitor, minutes after the first event, kind) of each event; visits; visits that found an answer.
VISITS = [
    ([("a", 0, "view"), ("a", 29, "view")], 1, 1),
    ([("a", 0, "view"), ("a", 31, "contact")], 2, 1),  # the contact click 31 minutes later is another visit
    ([("a", 0, "view"), ("a", 20, "contact"), ("b", 20, "view")], 2, 1),
    ([("a", 0, "search")], 1, 0),
    ([], 0, 0),
]


@pytest.mark.parametrize(("events", "total", "found"), VISITS)
def test_a_visit_ends_after_30_minutes_without_an_event(events, total, found):
    start = datetime(2026, 12, 4, 9, tzinfo=UTC)
    stored = [
        StoredEvent(who, (start + timedelta(minutes=minutes)).isoformat(), kind, "public", "fr", "x") for who, minutes, kind in events
    ]
    assert activity.visits(stored) == activity.Visits(total, found)
