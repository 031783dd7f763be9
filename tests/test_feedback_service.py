"""The feedback service over real HTTP: what it stores, and every request it refuses."""

from __future__ import annotations

import json
import time

import pytest
import requests
from conftest import feedback_config

from lanterne.feedback.config import Config

SITE = "https://aide.example"
PAGE = f"{SITE}/factures/envoyer/"
MANIFESTS = {
    "public": {
        "format": 1,
        "audience": "public",
        "site_url": f"{SITE}/",
        "articles": [
            {"id": "factures/envoyer", "lang": "fr", "title": "Envoyer une facture", "url": "factures/envoyer/"},
            {"id": "factures/envoyer", "lang": "en", "title": "Send an invoice", "url": "en/factures/envoyer/"},
        ],
    },
    "internal": {
        "format": 1,
        "audience": "internal",
        "site_url": "https://support.example/",
        "articles": [{"id": "factures/deverrouiller", "lang": "fr", "title": "Déverrouiller", "url": "factures/deverrouiller/"}],
    },
}


@pytest.fixture(scope="module")
def service(tmp_path_factory, feedback_service, feedback_store):
    """One service for the module, generous rate limit, on each store; returns (base URL, database)."""
    root = tmp_path_factory.mktemp("feedback")
    database = feedback_store.database(root)
    return feedback_service(_config(root, database, rate_limit=1000)), database


def _config(root, database, **options) -> Config:
    return feedback_config(root, MANIFESTS, database=database, origins=("http://localhost:8000",), proxy=True, **options)


def _vote(**fields) -> dict:
    return {"article": "factures/envoyer", "lang": "fr", "audience": "public", "page": PAGE, "reaction": "sad", **fields}


def _post(base: str, body: dict, *, origin: str | None = SITE, **headers) -> requests.Response:
    if origin:
        headers["Origin"] = origin
    return requests.post(f"{base}/reactions", json=body, headers=headers, allow_redirects=False, timeout=10)


def _rows(db) -> list[tuple]:
    return db.rows("SELECT article, visitor, lang, reaction, reasons, comment, page, revisions FROM reaction ORDER BY created_at")


def test_a_vote_with_reasons_and_comment_is_stored(service):
    base, db = service
    body = _vote(visitor="reader-0000000000001", reasons=["unclear", "unanswered"], comment="Il manque l'étape 3.")
    response = _post(base, body)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "article": "factures/envoyer", "reaction": "sad", "replaced": False}
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    row = next(r for r in _rows(db) if r[1] == "reader-0000000000001")
    assert row == ("factures/envoyer", "reader-0000000000001", "fr", "sad", '["unanswered", "unclear"]', "Il manque l'étape 3.", PAGE, 1)


def test_a_later_vote_in_the_same_language_replaces_the_earlier_one(service):
    base, db = service
    assert _post(base, _vote(visitor="reader-0000000000002", reaction="sad")).json()["replaced"] is False
    response = _post(base, _vote(visitor="reader-0000000000002", reaction="happy"))
    assert response.json()["replaced"] is True
    rows = [r for r in _rows(db) if r[1] == "reader-0000000000002"]
    assert [(r[2], r[3], r[7]) for r in rows] == [("fr", "happy", 2)]


def test_a_form_without_javascript_is_sent_back_to_the_article(service):
    base, db = service
    before = len(_rows(db))
    response = requests.post(
        f"{base}/reactions",
        data={**_vote(reaction="neutral", page=f"{PAGE}?utm_source=x#top"), "website": ""},
        headers={"Origin": SITE, "Accept": "text/html"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{PAGE}#lt-reactions-thanks"
    added = _rows(db)[before:]
    assert [(r[3], r[6]) for r in added] == [("neutral", PAGE)]
    assert added[0][1].startswith("nojs-")


def test_an_internal_article_is_accepted_from_the_internal_help_centre_only(service):
    base, _ = service
    internal = _vote(article="factures/deverrouiller", audience="internal", page="https://support.example/factures/deverrouiller/")
    # The internal server block of nginx says so (the test connects from 127.0.0.1, where nginx would).
    assert _post(base, internal, origin="https://support.example", **{"X-Lanterne-Audience": "internal"}).status_code == 200
    response = _post(base, {**internal, "audience": "public"}, origin=SITE)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_article"


# Columns: what is wrong with the vote, the fields that differ from a valid vote, the expected error code and field.
REFUSED = [
    ("unknown article id", {"article": "factures/inexistant"}, "unknown_article", "article"),
    ("article not in that language", {"lang": "de"}, "unknown_article", "article"),
    ("reaction outside the three faces", {"reaction": "angry"}, "invalid_reaction", "reaction"),
    ("reason outside the fixed set", {"reasons": ["spam"]}, "invalid_reason", "reasons"),
    ("reasons on a happy reaction", {"reaction": "happy", "reasons": ["other"]}, "invalid_reason", "reasons"),
    ("comment over 1,000 characters", {"comment": "x" * 1001}, "comment_too_long", "comment"),
    ("honeypot filled in", {"website": "https://spam.example"}, "honeypot", "website"),
    ("unknown field", {"email": "a@b.example"}, "unknown_field", "email"),
    ("page on another site", {"page": "https://evil.example/phish"}, "invalid_page", "page"),
    ("malformed visitor token", {"visitor": "<script>"}, "invalid_visitor", "visitor"),
    ("audience outside the two", {"audience": "staff"}, "invalid_audience", "audience"),
    ("missing reaction", {"reaction": None}, "missing_field", "reaction"),
]


@pytest.mark.parametrize(("case", "fields", "code", "field"), REFUSED, ids=[case for case, *_ in REFUSED])
def test_an_invalid_vote_is_refused_with_a_json_error_and_nothing_stored(service, case, fields, code, field):
    base, db = service
    before = _rows(db)
    response = _post(base, _vote(**fields))
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]
    assert _rows(db) == before


def test_a_refusal_from_any_step_is_readable_by_the_page_that_sent_it(service):
    base, _ = service
    # A refusal while decoding the body (415), while checking the fields (400) and the 401 of the report: each is a JSON answer.
    decoding = requests.post(f"{base}/reactions", data=b"x", headers={"Origin": SITE, "Content-Type": "text/plain"}, timeout=10)
    checking = _post(base, _vote(reaction="angry"))
    for refused in (decoding, checking):
        assert refused.headers["Access-Control-Allow-Origin"] == SITE
        assert refused.headers["Content-Type"] == "application/json"
    report = requests.get(f"{base}/report", headers={"Origin": SITE}, timeout=10)
    assert (report.status_code, report.json()["error"]["code"]) == (404, "report_off")
    assert "Access-Control-Allow-Origin" not in report.headers


def test_a_comment_of_exactly_1000_characters_is_accepted(service):
    base, _ = service
    # UTF-8 JSON as browsers send it: 1,000 accented letters still fit in 4 KB.
    body = json.dumps(_vote(comment="é" * 1000, visitor="reader-0000000000003"), ensure_ascii=False).encode()
    headers = {"Origin": SITE, "Content-Type": "application/json"}
    assert requests.post(f"{base}/reactions", data=body, headers=headers, timeout=10).status_code == 200


def test_a_body_over_4_kb_is_refused_with_413(service):
    base, db = service
    before = _rows(db)
    response = _post(base, _vote(comment="x" * 5000))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"
    assert _rows(db) == before


def test_an_unexpected_content_type_is_refused_with_415(service):
    base, _ = service
    response = requests.post(f"{base}/reactions", data=b"reaction=sad", headers={"Content-Type": "text/plain"}, timeout=10)
    assert response.status_code == 415


def test_a_browser_on_another_origin_is_refused(service):
    base, db = service
    before = _rows(db)
    response = _post(base, _vote(), origin="https://evil.example")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = requests.options(f"{base}/reactions", headers={"Origin": "https://evil.example"}, timeout=10)
    assert preflight.status_code == 403
    assert _rows(db) == before


def test_the_help_centre_and_configured_origins_pass_the_preflight(service):
    base, _ = service
    for origin in (SITE, "http://localhost:8000"):
        preflight = requests.options(
            f"{base}/reactions",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
            timeout=10,
        )
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == origin
        assert preflight.headers["Access-Control-Allow-Methods"] == "POST"


def test_a_client_over_the_rate_limit_gets_429(tmp_path, feedback_service, feedback_store):
    database = feedback_store.database(tmp_path)
    base = feedback_service(_config(tmp_path, database, rate_limit=3, rate_window=60))
    statuses = [_post(base, _vote(visitor=f"reader-limit-000000{n}")).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = _post(base, _vote())
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1
    assert len(_rows(database)) == 3


def test_health_says_how_many_public_articles_are_published(service):
    base, _ = service
    assert requests.get(f"{base}/health", timeout=10).json() == {"ok": True, "articles": 2}


# Zero-result searches: POST /searches counts what readers looked for and did not find.


def _search(base: str, body: dict, *, origin: str | None = SITE, reader: str | None = None) -> requests.Response:
    """POST a search; `reader`: the reader's address as nginx passes it (the service runs with --proxy)."""
    headers = ({"Origin": origin} if origin else {}) | ({"X-Forwarded-For": reader} if reader else {})
    return requests.post(f"{base}/searches", json=body, headers=headers, timeout=10)


def _searches(db) -> list[tuple]:
    return db.rows("SELECT query, lang, audience, searches FROM search_miss ORDER BY query")


def test_a_search_without_results_is_counted_once_per_reader(service):
    base, db = service
    first = _search(base, {"query": "  Facture   Chorus ", "lang": "fr", "audience": "public"}, reader="203.0.113.1")
    other = _search(base, {"query": "facture chorus", "lang": "fr", "audience": "public"}, reader="203.0.113.2")
    assert first.status_code == other.status_code == 200
    assert other.json() == {"ok": True, "query": "facture chorus", "searches": 2, "counted": True}
    again = _search(base, {"query": "FACTURE chorus", "lang": "fr"}, reader="203.0.113.1")
    assert again.json() == {"ok": True, "query": "facture chorus", "searches": 2, "counted": False}
    assert ("facture chorus", "fr", "public", 2) in _searches(db)


# Columns: body sent, HTTP status, error code.
SEARCH_REFUSALS = [
    ({"query": "x" * 201, "lang": "fr", "audience": "public"}, 400, "query_too_long"),
    ({"query": "   ", "lang": "fr", "audience": "public"}, 400, "missing_field"),
    ({"query": "chorus", "lang": "de", "audience": "public"}, 400, "invalid_lang"),
    ({"query": "chorus", "lang": "fr", "audience": "internal"}, 400, "audience_mismatch"),
    ({"query": "chorus", "lang": "fr", "audience": "secret"}, 400, "invalid_audience"),
    ({"query": "chorus", "lang": "fr", "audience": "public", "website": "http://spam"}, 400, "honeypot"),
    ({"query": "chorus", "lang": "fr", "audience": "public", "email": "a@b.c"}, 400, "unknown_field"),
]


@pytest.mark.parametrize(("body", "status", "code"), SEARCH_REFUSALS)
def test_a_bad_search_report_is_refused_and_not_stored(service, body, status, code):
    base, db = service
    before = _searches(db)
    response = _search(base, body)
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert _searches(db) == before


def test_a_search_report_from_another_site_is_refused(service):
    base, _ = service
    response = _search(base, {"query": "chorus", "lang": "fr", "audience": "public"}, origin="https://evil.example")
    assert response.status_code == 403


def test_health_reads_a_manifest_written_after_the_start(tmp_path, feedback_service, feedback_store):
    config = _config(tmp_path, feedback_store.database(tmp_path), rate_limit=1000)
    manifest = tmp_path / "public.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.unlink()
    base = feedback_service(Config(database=config.database, manifests=(str(manifest),), origins=config.origins))
    assert requests.get(f"{base}/health", timeout=10).status_code == 503
    manifest.write_text(text, encoding="utf-8")
    time.sleep(1.1)  # the service re-reads manifests at most once a second
    assert requests.get(f"{base}/health", timeout=10).json() == {"ok": True, "articles": 2}
