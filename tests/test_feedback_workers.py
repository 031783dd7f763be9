"""Several services on one PostgreSQL database, as several workers or hosts run: one rate limit, one cap, every vote kept."""

from __future__ import annotations

import pytest
from conftest import feedback_config
from feedback_stores import Database
from postgres import fresh_schema
from test_feedback_service import MANIFESTS, _post, _vote


@pytest.fixture
def two_services(tmp_path, feedback_service, postgres):
    """Two services (each its own pool and limits, as two workers have) on one database; returns (bases, database)."""
    database = Database(fresh_schema(postgres))
    config = feedback_config(tmp_path, MANIFESTS, database=database, rate_limit=4, rate_window=60, votes_per_article=2)
    return [feedback_service(config), feedback_service(config)], database


def test_the_rate_limit_counts_the_requests_every_worker_received(two_services):
    (first, second), database = two_services
    # One reader changing their mind, so that only the rate limit (4 requests a minute) can refuse.
    order = [(first, "fr"), (second, "en"), (first, "en"), (second, "fr"), (first, "fr")]
    statuses = [_post(base, _vote(visitor="reader-shared-0000001", lang=lang)).status_code for base, lang in order]
    assert statuses == [200, 200, 200, 200, 429]
    assert _post(second, _vote()).json()["error"]["code"] == "rate_limited"
    assert database.rows("SELECT lang, revisions FROM reaction ORDER BY lang") == [("en", 2), ("fr", 2)]


def test_the_cap_on_made_up_visitors_counts_across_workers(two_services):
    (first, second), database = two_services
    assert _post(first, _vote(visitor="made-up-token-000001")).status_code == 200
    assert _post(second, _vote(visitor="made-up-token-000002")).status_code == 200
    refused = _post(first, _vote(visitor="made-up-token-000003"))
    assert (refused.status_code, refused.json()["error"]["code"]) == (429, "too_many_votes")
    assert _post(second, _vote(visitor="made-up-token-000001", reaction="happy")).status_code == 200  # a counted reader
    assert database.rows("SELECT visitor, reaction, revisions FROM reaction ORDER BY visitor") == [
        ("made-up-token-000001", "happy", 2),
        ("made-up-token-000002", "sad", 1),
    ]


def test_the_shared_limits_hold_no_client_address(two_services):
    (first, _), database = two_services
    _post(first, _vote(visitor="reader-address-000001"))
    dump = database.dump()
    assert "reader-address-000001" in dump
    assert "127.0.0.1" not in dump
    assert database.rows("SELECT count(*) FROM rate_bucket") == [(1,)]
    assert database.rows("SELECT count(*) FROM vote_seen") == [(1,)]
