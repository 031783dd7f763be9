"""The feedback service under attack (issue 13, items 3, 4, 6, 8, 9): each test replays one attack from the review."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time

import pytest
import requests
from conftest import ROOT, feedback_config, running_feedback

from lanterne.feedback import report, searches
from lanterne.feedback.config import Config
from lanterne.feedback.records import Stored, StoredSearch
from lanterne.feedback.rules import Vote
from lanterne.feedback.store.migrations import MIGRATIONS, SCHEMA_VERSION
from lanterne.feedback.store.opener import open_store

PUBLIC = "https://aide.example"
INTERNAL = "https://support.example"
MANIFESTS = {
    "public": {
        "format": 1,
        "audience": "public",
        "site_url": f"{PUBLIC}/",
        "articles": [
            {"id": "factures/envoyer", "lang": "fr", "title": "Envoyer une facture", "url": "factures/envoyer/"},
            {"id": "factures/envoyer", "lang": "en", "title": "Send an invoice", "url": "en/factures/envoyer/"},
        ],
    },
    "internal": {
        "format": 1,
        "audience": "internal",
        "site_url": f"{INTERNAL}/",
        "articles": [
            {"id": "factures/envoyer", "lang": "fr", "title": "Envoyer une facture", "url": "factures/envoyer/"},
            {"id": "factures/deverrouiller", "lang": "fr", "title": "Déverrouiller", "url": "factures/deverrouiller/"},
            {"id": "factures/deverrouiller", "lang": "de", "title": "Entsperren", "url": "de/factures/deverrouiller/"},
        ],
    },
}
SECRET = "factures/deverrouiller"  # listed by the internal manifest only
MISSING = "factures/inexistant"  # listed by no manifest


def _config(root, database, **options) -> Config:
    """Behind the proxy, as `lanterne deploy nginx` runs it: the tests connect from 127.0.0.1, where nginx would."""
    return feedback_config(root, MANIFESTS, database=database, **({"rate_limit": 1000, "proxy": True} | options))


@pytest.fixture
def service(tmp_path, feedback_store):
    """A fresh service and database per test, on each store, so the per-article cap of one test never touches another."""
    database = feedback_store.database(tmp_path)
    with running_feedback(_config(tmp_path, database)) as (host, port):
        yield f"http://{host}:{port}", database


def _vote(article: str = "factures/envoyer", site: str = PUBLIC, **fields) -> dict:
    vote = {"article": article, "lang": "fr", "audience": "public", "page": f"{site}/{article}/", "reaction": "sad"}
    return {key: value for key, value in (vote | fields).items() if value is not None}


def _post(base: str, path: str, body: dict | str | bytes, *, origin: str | None = PUBLIC, kind: str = "application/json", via=None):
    """POST as a browser on `origin` would; `via`: the audience the proxy's server block says (nginx's internal one: 'internal')."""
    data = json.dumps(body) if isinstance(body, dict) else body
    headers = {"Content-Type": kind} | ({"Origin": origin} if origin else {}) | ({"X-Lanterne-Audience": via} if via else {})
    return requests.post(f"{base}{path}", data=data, headers=headers, allow_redirects=False, timeout=10)


def _stored(db) -> tuple[list[tuple], list[tuple]]:
    votes = db.rows("SELECT article, lang, visitor, audience, reaction FROM reaction ORDER BY article, lang, visitor")
    return votes, db.rows("SELECT query, lang, audience, searches FROM search_miss ORDER BY query")


# 3. The audience comes from the server block the request came through (issue 21, item 6), never from the client:
# neither its Origin (curl sets any) nor its audience field.


@pytest.mark.parametrize("origin", [PUBLIC, None, INTERNAL], ids=["public origin", "no origin", "forged internal origin"])
@pytest.mark.parametrize("claimed", ["internal", "public", None], ids=["claims internal", "claims public", "claims nothing"])
def test_an_internal_id_from_outside_gets_the_answer_of_an_id_that_does_not_exist(service, origin, claimed):
    base, db = service
    secret = _post(base, "/reactions", _vote(SECRET, INTERNAL, audience=claimed), origin=origin)
    missing = _post(base, "/reactions", _vote(MISSING, INTERNAL, audience=claimed), origin=origin)
    assert secret.status_code == missing.status_code == 400
    assert json.loads(secret.text.replace(SECRET, MISSING)) == missing.json()
    assert _stored(db) == ([], [])


@pytest.mark.parametrize("origin", [PUBLIC, None, INTERNAL], ids=["public origin", "no origin", "forged internal origin"])
def test_a_public_client_cannot_store_an_internal_vote_or_search(service, origin):
    base, db = service
    assert _post(base, "/reactions", _vote(audience="internal", visitor="outsider-000000000001"), origin=origin).status_code == 400
    assert _post(base, "/searches", {"query": "chorus", "lang": "fr", "audience": "internal"}, origin=origin).status_code == 400
    # An internal-only language is answered like a language nobody publishes.
    german = _post(base, "/searches", {"query": "chorus", "lang": "de"}, origin=origin)
    italian = _post(base, "/searches", {"query": "chorus", "lang": "it"}, origin=origin)
    assert german.json() == json.loads(italian.text.replace("'it'", "'de'"))
    assert _stored(db) == ([], [])
    assert _post(base, "/searches", {"query": "chorus", "lang": "fr"}, origin=origin).status_code == 200
    assert _stored(db) == ([], [("chorus", "fr", "public", 1)])
    if origin != INTERNAL:  # a public page's vote; from the internal origin, the page would not be the public one's
        assert _post(base, "/reactions", _vote(visitor="outsider-000000000001", audience=None), origin=origin).status_code == 200
        assert _stored(db)[0] == [("factures/envoyer", "fr", "outsider-000000000001", "public", "sad")]


def test_a_client_that_claims_the_wrong_audience_is_told_which_one_it_is(service):
    base, db = service
    response = _post(base, "/reactions", _vote(audience="internal"), origin=PUBLIC)
    assert response.json()["error"] == {
        "code": "audience_mismatch",
        "message": "audience 'internal' does not match the help centre this request comes from, which is public",
        "field": "audience",
    }
    assert _stored(db) == ([], [])


def test_the_internal_server_block_stores_internal_votes_and_searches(service):
    base, db = service
    for article in (SECRET, "factures/envoyer"):
        vote = _vote(article, INTERNAL, audience="internal", visitor="agent-00000000000001")
        assert _post(base, "/reactions", vote, origin=INTERNAL, via="internal").ok
    assert _post(base, "/searches", {"query": "remboursement", "lang": "de", "audience": "internal"}, origin=INTERNAL, via="internal").ok
    # A page of the internal build cannot pass itself off as public either.
    assert _post(base, "/reactions", _vote(site=INTERNAL, visitor="agent-00000000000002"), origin=INTERNAL).status_code == 400
    votes, found = _stored(db)
    assert [(article, audience) for article, _, _, audience, _ in votes] == [(SECRET, "internal"), ("factures/envoyer", "internal")]
    assert found == [("remboursement", "de", "internal", 1)]


def test_health_counts_public_articles_only(service):
    base, _ = service
    assert requests.get(f"{base}/health", timeout=10).json() == {"ok": True, "articles": 2}


# 4. The report and the search list neutralize formulas in CSV and control characters on a terminal.

FORMULAS = ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]
# ESC colours, a window title, an OSC 8 link, NUL, a C1 CSI, DEL, and bidirectional overrides and isolates.
HOSTILE = "a\x1b[31mred\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\x00\x9b2J\x7f\u202eevil\u2066x\u2069z"
DANGEROUS = {chr(n) for n in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def _line(comment: str, title: str = "Envoyer") -> report.Line:
    stored = Stored("factures/envoyer", "fr", "public", "sad", (), comment, "2026-11-28T10:00:00", 1)
    return report.summarize([stored], titles={("factures/envoyer", "fr"): title})[0]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_csv_cell_a_spreadsheet_would_run_starts_with_a_quote(text):
    row = next(csv.DictReader(io.StringIO(report.as_csv([_line(text, title=text)]))))
    assert (row["title"], row["latest_comments"]) == (f"'{text}", f"'{text}")
    search = StoredSearch(text, "fr", "public", 3, "2026-11-28")
    assert next(csv.DictReader(io.StringIO(searches.as_csv([search]))))["query"] == f"'{text}"


def test_a_csv_cell_that_is_plain_text_is_left_alone():
    row = next(csv.DictReader(io.StringIO(report.as_csv([_line("Il manque l'étape 3 - et la 4.")]))))
    assert (row["title"], row["latest_comments"], row["votes"]) == ("Envoyer", "Il manque l'étape 3 - et la 4.", "1")


def test_the_table_shows_control_and_bidi_characters_instead_of_obeying_them():
    table = report.as_table([_line(HOSTILE, title=HOSTILE)])
    listed = searches.as_table([StoredSearch(HOSTILE, "fr", "public", 3, "2026-11-28")])
    for output in (table, listed):
        assert not DANGEROUS & set(output.replace("\n", ""))
        assert "a\\x1b[31mred\\x1b]0;owned\\x07\\x1b]8;;https://evil.example\\x1b\\link" in output
        assert "\\x00\\x9b2J\\x7f\\u202eevil\\u2066x\\u2069z" in output


def test_the_report_and_searches_commands_print_nothing_a_terminal_would_obey(tmp_path, feedback_store):
    database = feedback_store.database(tmp_path)
    # What a hostile comment and query become once stored (PostgreSQL text holds no NUL, and the service refuses it).
    hostile = HOSTILE.replace("\x00", "") if database.is_postgres else HOSTILE
    store = open_store(database.location)
    store.save(Vote("factures/envoyer", "fr", "public", "sad", f"{PUBLIC}/", "v-1", (), hostile))
    store.close()
    database.rows("INSERT INTO search_miss VALUES (?, 'fr', 'public', 1, 'x', 'x')", (hostile,))
    for command in ("report", "searches"):
        run = [sys.executable, "-m", "lanterne.feedback", command, "--database", database.location]
        output = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        assert not DANGEROUS & set(output.replace("\n", "")), command
        assert "\\x1b]0;owned" in output, command


def test_the_json_output_escapes_what_a_terminal_would_obey():
    text = report.as_json([_line(HOSTILE)]) + searches.as_json([StoredSearch(HOSTILE, "fr", "public", 1, "x")])
    assert not DANGEROUS & set(text.replace("\n", ""))
    assert json.loads(report.as_json([_line(HOSTILE)]))["articles"][0]["comments"][0]["text"] == HOSTILE


# 6. Malformed requests get a JSON 400 with an error code, never a plain-text 500, and store nothing.

SURROGATE = b'"\\ud800"'  # a lone surrogate, as JSON escapes it
MALFORMED = [
    ("JSON nested 2,000 levels", "/reactions", b'{"comment": ' + b"[" * 2000 + b"]" * 2000 + b"}", "application/json"),
    ("form with 33 fields", "/reactions", "&".join(f"f{n}=x" for n in range(33)).encode(), "application/x-www-form-urlencoded"),
    (
        "lone surrogate in a comment",
        "/reactions",
        json.dumps(_vote(visitor="hostile-0000000000001")).encode()[:-1] + b', "comment": ' + SURROGATE + b"}",
        "application/json",
    ),
    ("lone surrogate in a query", "/searches", b'{"lang": "fr", "audience": "public", "query": ' + SURROGATE + b"}", "application/json"),
    ("lone surrogate in a field name", "/reactions", b"{" + SURROGATE + b": 1}", "application/json"),
    ("NUL in a comment", "/reactions", json.dumps(_vote(visitor="hostile-0000000000001", comment="a\x00b")).encode(), "application/json"),
    ("NUL in a page's path", "/reactions", json.dumps(_vote(page=f"{PUBLIC}/factures/envoyer/\x00")).encode(), "application/json"),
    ("NUL in a query", "/searches", json.dumps({"lang": "fr", "query": "chorus\x00"}).encode(), "application/json"),
    ("page with an unclosed IPv6 host", "/reactions", json.dumps(_vote(page="https://[aide.example/")).encode(), "application/json"),
    (
        "page with a full-width solidus in the host",
        "/reactions",
        json.dumps(_vote(page="https://aide.example\uff0fevil.example/")).encode(),
        "application/json",
    ),
]


@pytest.mark.parametrize(("path", "body", "kind"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_a_malformed_request_gets_a_json_400_and_stores_nothing(service, path, body, kind):
    base, db = service
    response = _post(base, path, body, kind=kind)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json()["error"]["code"], str)
    assert _stored(db) == ([], [])


# 8. Read timeouts: a connection that does not send a whole request in time is closed.

PARTIAL = {
    "idle": b"",
    "partial header": b"POST /reactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n",
    "partial body": b'POST /reactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ar',
}


@pytest.fixture
def guarded(tmp_path, feedback_store):
    """The service with a 1 s read timeout; returns its (host, port)."""
    with running_feedback(_config(tmp_path, feedback_store.database(tmp_path)), read_timeout=1.0) as address:
        yield address


def _seconds_until_closed(connection: socket.socket, limit: float = 5.0) -> float:
    """Wait (at most `limit` seconds) for the server to close the connection; return how long it took."""
    start = time.monotonic()
    connection.settimeout(limit)
    try:
        for _ in range(100):  # the server sends nothing here; each recv waits at most `limit`
            if not connection.recv(4096):
                break
    except ConnectionResetError:
        pass
    except TimeoutError:
        return float("inf")
    return time.monotonic() - start


@pytest.mark.parametrize("sent", PARTIAL.values(), ids=PARTIAL.keys())
def test_a_connection_that_stalls_is_closed_after_the_read_timeout(guarded, sent):
    with socket.create_connection(guarded, timeout=5) as connection:
        connection.sendall(sent)
        assert 0.8 <= _seconds_until_closed(connection) <= 2.5


def test_a_header_sent_a_byte_at_a_time_gets_no_more_time(guarded):
    """Slowloris: each byte arrives well within the timeout, the request as a whole does not."""
    with socket.create_connection(guarded, timeout=5) as connection:
        start = time.monotonic()
        connection.settimeout(0.2)
        closed = None
        for byte in PARTIAL["partial header"][:25]:  # 25 bytes, 0.2 s apart: 5 s at most
            try:
                connection.sendall(bytes([byte]))
                if not connection.recv(1):
                    closed = time.monotonic() - start
                    break
            except TimeoutError:
                continue
            except OSError:
                closed = time.monotonic() - start
                break
        assert closed is not None and closed <= 2.0


def test_a_kept_alive_connection_still_serves_requests_sent_in_time(guarded):
    import http.client

    connection = http.client.HTTPConnection(*guarded, timeout=5)
    for _ in range(3):
        connection.request("GET", "/health")
        assert connection.getresponse().read()
        time.sleep(0.6)  # idle between requests, but less than the 1 s read timeout
    connection.close()


def test_feedback_serve_takes_a_read_timeout_and_closes_a_partial_header(tmp_path, feedback_store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = _config(tmp_path, feedback_store.database(tmp_path))
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--port", str(port), "--database", config.database]
    command += ["--manifest", config.manifests[0], "--read-timeout", "1"]
    service = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and service.poll() is None:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail(f"feedback serve did not start: {service.stderr.read().decode() if service.poll() is not None else ''}")
        with connection:
            connection.sendall(PARTIAL["partial header"])
            assert 0.8 <= _seconds_until_closed(connection) <= 2.5
    finally:
        service.terminate()
        service.wait(timeout=10)


# 9. Vote identity: one vote per article, language and visitor; a strict token; a per-client cap per article.


def test_a_vote_in_english_does_not_replace_the_same_visitors_french_vote(service):
    base, db = service
    assert _post(base, "/reactions", _vote(visitor="reader-0000000000001")).json()["replaced"] is False
    assert _post(base, "/reactions", _vote(visitor="reader-0000000000001", lang="en", reaction="happy")).json()["replaced"] is False
    assert _post(base, "/reactions", _vote(visitor="reader-0000000000001", lang="en", reaction="neutral")).json()["replaced"] is True
    assert _stored(db)[0] == [
        ("factures/envoyer", "en", "reader-0000000000001", "public", "neutral"),
        ("factures/envoyer", "fr", "reader-0000000000001", "public", "sad"),
    ]


@pytest.mark.parametrize(("field", "value"), [("visitor", "reader-0000000000001\n"), ("lang", "fr\n")])
def test_a_value_with_a_trailing_newline_is_refused(service, field, value):
    base, db = service
    response = _post(base, "/reactions", _vote(visitor="reader-0000000000001") | {field: value})
    assert (response.status_code, response.json()["error"]["field"]) == (400, field)
    assert _stored(db) == ([], [])


def test_one_client_cannot_stuff_an_article_with_made_up_tokens(service):
    base, db = service
    statuses = [_post(base, "/reactions", _vote(visitor=f"made-up-token-{n:06d}")).status_code for n in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    refused = _post(base, "/reactions", _vote(visitor="made-up-token-999999"))
    assert refused.json()["error"]["code"] == "too_many_votes"
    assert int(refused.headers["Retry-After"]) >= 1
    # A reader already counted can still change their mind, and the client can still vote on another article.
    assert _post(base, "/reactions", _vote(visitor="made-up-token-000000", reaction="happy")).status_code == 200
    internal = _vote(SECRET, INTERNAL, audience="internal", visitor="made-up-token-000000")
    assert _post(base, "/reactions", internal, origin=INTERNAL, via="internal").status_code == 200
    assert len(_stored(db)[0]) == 6


def test_a_version_2_database_is_upgraded_and_keeps_its_votes(tmp_path, feedback_store):
    database = feedback_store.database(tmp_path)
    if database.is_postgres:
        version = "CREATE TABLE lanterne_schema (version integer NOT NULL); INSERT INTO lanterne_schema VALUES (2)"
    else:
        version = "PRAGMA user_version = 2"
    database.script(f"{MIGRATIONS[0]} {MIGRATIONS[1]} {version}")
    database.rows(
        "INSERT INTO reaction VALUES ('factures/envoyer', 'reader-1', 'fr', 'public', 'sad', '[\"unclear\"]', 'Flou.', "
        "'https://aide.example/factures/envoyer/', '2026-01-01', '2026-01-02', 3)"
    )
    store = open_store(database.location)
    assert store.version == SCHEMA_VERSION
    assert [(s.article, s.lang, s.reasons, s.comment, s.revisions) for s in store.reactions()] == [
        ("factures/envoyer", "fr", ("unclear",), "Flou.", 3)
    ]
    assert store.save(Vote("factures/envoyer", "en", "public", "happy", f"{PUBLIC}/", "reader-1")) is False
    assert store.save(Vote("factures/envoyer", "fr", "public", "happy", f"{PUBLIC}/", "reader-1")) is True
    assert sorted((s.lang, s.reaction, s.revisions) for s in store.reactions()) == [("en", "happy", 1), ("fr", "happy", 4)]
    store.close()


def test_the_database_never_holds_a_client_address(service):
    """The rate limit and the per-article cap keep addresses in memory only."""
    base, db = service
    for n in range(6):  # the sixth is over the cap
        _post(base, "/reactions", _vote(visitor=f"reader-address-{n:06d}"))
    _post(base, "/searches", {"query": "chorus", "lang": "fr"})
    dump = db.dump()
    assert "reader-address-000000" in dump
    assert "127.0.0.1" not in dump
