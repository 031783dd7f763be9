"""What a visitor can forge (issue 21, items 6, 8, 9 and 14): each test replays one attack on the running service, on
SQLite and on PostgreSQL. The nginx side of the same attacks is in test_production.py."""

from __future__ import annotations

import contextlib
import http.client
import json
import time

import pytest
from conftest import feedback_config, running_feedback
from feedback_stores import FeedbackStore

from lanterne.feedback.__main__ import main
from lanterne.feedback.config import Config
from lanterne.feedback.ratelimit import SearchOnce, client_of
from lanterne.feedback.store.opener import open_store

PUBLIC = "https://aide.example"
INTERNAL = "https://support.example"
MANIFESTS = {
    "public": {
        "format": 1,
        "audience": "public",
        "site_url": f"{PUBLIC}/",
        "articles": [{"id": "factures/envoyer", "lang": "fr", "title": "Envoyer une facture", "url": "factures/envoyer/"}],
    },
    "internal": {
        "format": 1,
        "audience": "internal",
        "site_url": f"{INTERNAL}/",
        "articles": [
            {"id": "factures/deverrouiller", "lang": "fr", "title": "Déverrouiller", "url": "factures/deverrouiller/"},
            {"id": "factures/deverrouiller", "lang": "de", "title": "Entsperren", "url": "de/factures/deverrouiller/"},
        ],
    },
}
SECRET = "factures/deverrouiller"  # listed by the internal manifest only
MISSING = "factures/inexistant"  # listed by no manifest
AUDIENCE = "X-Lanterne-Audience"


@pytest.fixture
def start(tmp_path, feedback_store):
    """start(**config) -> (host, port, database): a service on a fresh database of this test's store."""
    database = feedback_store.database(tmp_path)
    with contextlib.ExitStack() as running:

        def _start(**options):
            config = feedback_config(tmp_path, MANIFESTS, database=database, **({"rate_limit": 1000} | options))
            host, port = running.enter_context(running_feedback(config))
            return host, port, database

        yield _start


def _post(address, path: str, body: dict, *, source: str = "127.0.0.1", **headers: str) -> tuple[int, dict, dict]:
    """POST JSON from `source` (any 127/8 address is this host); return status, headers and the JSON answer."""
    host, port = address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10, source_address=(source, 0))
    try:
        connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read() or b"null")
    finally:
        connection.close()


def _vote(article: str, site: str = INTERNAL, **fields) -> dict:
    return {"article": article, "lang": "fr", "page": f"{site}/{article}/", "reaction": "sad", **fields}


def _stored(db) -> tuple[list[tuple], list[tuple]]:
    votes = db.rows("SELECT article, audience FROM reaction ORDER BY article")
    return votes, db.rows("SELECT query, lang, audience, searches FROM search_miss ORDER BY query")


def _same_answer(secret: tuple, missing: tuple, *, was: str, now: str) -> bool:
    """Both refused alike: same status, same JSON once the id (or language) is swapped."""
    return secret[0] == missing[0] == 400 and json.loads(json.dumps(secret[2]).replace(was, now)) == missing[2]


# 6. A forged Origin, or a forged audience header, never makes a request internal.

# Columns: how the service runs, the peer the request comes from.
FORGERIES = [
    ({"proxy": False}, "127.0.0.1"),  # no proxy: the header is nobody's to set
    ({"proxy": True}, "127.0.0.2"),  # behind the proxy, but this peer is not the proxy (FORWARDED_ALLOW_IPS)
]


@pytest.mark.parametrize(("options", "source"), FORGERIES, ids=["without --proxy", "from another address than the proxy"])
def test_a_forged_origin_and_audience_header_get_an_internal_id_the_answer_of_a_made_up_one(start, options, source):
    address = start(**options)
    forged = {"Origin": INTERNAL, AUDIENCE: "internal"}
    secret = _post(address, "/reactions", _vote(SECRET), source=source, **forged)
    missing = _post(address, "/reactions", _vote(MISSING), source=source, **forged)
    assert _same_answer(secret, missing, was=SECRET, now=MISSING), (secret, missing)
    assert "internal" not in json.dumps(secret[2])
    # /searches: a language only the internal build has is answered like a language nobody publishes.
    german = _post(address, "/searches", {"query": "chorus", "lang": "de"}, source=source, **forged)
    italian = _post(address, "/searches", {"query": "chorus", "lang": "it"}, source=source, **forged)
    assert _same_answer(german, italian, was="'de'", now="'it'"), (german, italian)
    assert _post(address, "/searches", {"query": "chorus", "lang": "fr"}, source=source, **forged)[0] == 200
    assert _stored(address[2]) == ([], [("chorus", "fr", "public", 1)])


def test_the_proxys_internal_server_block_makes_a_request_internal(start):
    address = start(proxy=True)
    status, _, answer = _post(address, "/reactions", _vote(SECRET, audience="internal"), Origin=INTERNAL, **{AUDIENCE: "internal"})
    assert (status, answer["article"]) == (200, SECRET)
    assert _post(address, "/searches", {"query": "chorus", "lang": "de"}, Origin=INTERNAL, **{AUDIENCE: "internal"})[0] == 200
    assert _stored(address[2]) == ([(SECRET, "internal")], [("chorus", "de", "internal", 1)])


@pytest.mark.parametrize("said", [["staff"], ["internal", "internal"], ["public", "internal"]], ids=["unknown", "twice", "both"])
def test_a_proxy_that_says_the_audience_wrongly_is_refused(start, said):
    address = start(proxy=True)
    host, port = address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.putrequest("POST", "/searches")
    for value in said:
        connection.putheader(AUDIENCE, value)
    body = json.dumps({"query": "chorus", "lang": "fr"}).encode()
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    assert (response.status, json.loads(response.read())["error"]["code"]) == (400, "bad_proxy_audience")
    connection.close()
    assert _stored(address[2]) == ([], [])


def test_a_service_for_agents_only_takes_every_request_as_internal(start):
    address = start(audience="internal")
    assert _post(address, "/reactions", _vote(SECRET), Origin=INTERNAL)[0] == 200
    assert _post(address, "/reactions", _vote("factures/envoyer", PUBLIC), Origin=PUBLIC)[2]["error"]["code"] == "unknown_article"
    assert _stored(address[2])[0] == [(SECRET, "internal")]


def test_an_audience_option_beside_the_proxy_is_refused(capsys):
    with pytest.raises(ValueError, match="--audience internal with --proxy"):
        Config(proxy=True, audience="internal")
    assert main(["serve", "--proxy", "--audience", "internal", "--port", "9"]) == 2
    assert "--audience internal with --proxy: behind the proxy, its server block says" in capsys.readouterr().err


# 8. IPv6: one subscriber's /64 is one client; an IPv4-mapped address is its IPv4 address.

# Columns: the address a proxy passes, the prefix length, the client the limits count.
CLIENTS = [
    ("2001:db8:1:2:3:4:5:6", 64, "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff::1", 64, "2001:db8:1:2::/64"),
    ("2001:db8:1:2:3:4:5:6", 56, "2001:db8:1::/56"),
    ("2001:db8:1:2:3:4:5:6", 128, "2001:db8:1:2:3:4:5:6/128"),
    ("::ffff:203.0.113.9", 64, "203.0.113.9"),
    ("203.0.113.9", 64, "203.0.113.9"),
    ("fe80::1%eth0", 64, "fe80::/64"),
    ("unknown", 64, "unknown"),
]


@pytest.mark.parametrize(("address", "prefix", "client"), CLIENTS)
def test_a_client_is_an_ipv4_address_or_an_ipv6_network(address, prefix, client):
    assert client_of(address, prefix) == client


def _search_from(address, reader: str, query: str = "chorus") -> int:
    return _post(address, "/searches", {"query": query, "lang": "fr"}, **{"X-Forwarded-For": reader})[0]


def test_45_addresses_of_one_ipv6_64_share_one_rate_limit(start):
    address = start(proxy=True, rate_limit=30, rate_window=60)
    statuses = [_search_from(address, f"2001:db8:aa:bb::{n:x}", f"q{n}") for n in range(1, 46)]
    assert statuses.count(200) == 30 and statuses[30:] == [429] * 15, statuses
    assert _search_from(address, "2001:db8:aa:bc::1") == 200, "the next /64 is another subscriber"


def test_an_ipv4_mapped_address_shares_the_limit_of_its_ipv4_address(start):
    address = start(proxy=True, rate_limit=3, rate_window=60)
    statuses = [_search_from(address, reader, f"q{n}") for n, reader in enumerate(["203.0.113.9", "::ffff:203.0.113.9"] * 2)]
    assert statuses == [200, 200, 200, 429]


def test_the_prefix_is_a_setting(start):
    address = start(proxy=True, rate_limit=1, rate_window=60, ipv6_prefix=128)
    assert [_search_from(address, f"2001:db8:aa:bb::{n}", f"q{n}") for n in range(1, 4)] == [200, 200, 200]
    with pytest.raises(ValueError, match="expected 32 to 128"):
        Config(ipv6_prefix=16)


# 9. A query counts once per client within the search window.


def test_one_client_sending_a_query_ten_times_counts_once(start):
    address = start(proxy=True)
    answers = [_post(address, "/searches", {"query": "chorus pro", "lang": "fr"}, **{"X-Forwarded-For": "198.51.100.7"}) for _ in range(10)]
    assert [answer[2]["counted"] for answer in answers] == [True] + [False] * 9
    assert {answer[2]["searches"] for answer in answers} == {1}
    # A neighbour in the same IPv6 /64 is the same client; another reader counts.
    for reader in ("2001:db8::1", "2001:db8::2", "198.51.100.8"):
        _post(address, "/searches", {"query": "chorus pro", "lang": "fr"}, **{"X-Forwarded-For": reader})
    assert _stored(address[2])[1] == [("chorus pro", "fr", "public", 3)]


def test_a_query_counts_again_once_the_window_is_over(tmp_path, feedback_store):
    store = open_store(feedback_store.database(tmp_path).location)
    try:
        once = store.limits(0, 60, 0, 0.5).searches
        assert [once.first("198.51.100.7", "public\0fr\0chorus") for _ in range(3)] == [True, False, False]
        assert once.first("198.51.100.8", "public\0fr\0chorus") is True
        assert once.first("198.51.100.7", "public\0fr\0chorus pro") is True
        time.sleep(0.6)
        assert once.first("198.51.100.7", "public\0fr\0chorus") is True
    finally:
        store.close()


def test_a_flood_of_made_up_queries_is_not_counted_once_the_table_is_full():
    now = [0.0]
    once = SearchOnce(60, most=3, clock=lambda: now[0])
    assert [once.first("c", f"q{n}") for n in range(5)] == [True, True, True, False, False]
    now[0] = 61.0  # a window later the table is swept, and queries count again
    assert once.first("c", "q4") is True


def test_the_shared_table_holds_no_client_address_and_no_query(tmp_path, postgres):
    database = FeedbackStore("postgresql", postgres).database(tmp_path)
    with running_feedback(feedback_config(tmp_path, MANIFESTS, database=database, proxy=True)) as (host, port):
        _post((host, port), "/searches", {"query": "chorus secret", "lang": "fr"}, **{"X-Forwarded-For": "198.51.100.77"})
    seen = str(database.rows("SELECT * FROM search_seen"))
    assert database.rows("SELECT count(*) FROM search_seen") == [(1,)]
    assert "198.51.100.77" not in seen and "chorus" not in seen


# 14. No redirect: /feedback/reactions/ would be sent to http://<Host>/reactions, outside the proxy.


@pytest.mark.parametrize("path", ["/reactions/", "/searches/", "/health/", "/report/"])
def test_a_trailing_slash_gets_404_and_no_redirect(start, path):
    host, port, _ = start()
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET" if path in ("/health/", "/report/") else "POST", path, headers={"Host": "evil.example"})
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (404, None)
    connection.close()
