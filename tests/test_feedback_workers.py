"""Several services on one PostgreSQL database, as several workers or hosts run: one rate limit, one cap, every vote kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests
from conftest import ROOT, feedback_config, loopback_socket
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


def _children(pid: int) -> set[int]:
    """The worker processes uvicorn's supervisor runs (multiprocessing's resource tracker is a child too: not a worker)."""
    children = {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    return {child for child in children if b"resource_tracker" not in _cmdline(child)}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # gone already
        return b""


@pytest.fixture
def workers(tmp_path, postgres):
    """`feedback serve --workers 2` on PostgreSQL, as a team runs it; returns (base URL, supervisor, database)."""
    database = Database(fresh_schema(postgres))
    config = feedback_config(tmp_path, MANIFESTS, database=database)
    with loopback_socket() as probe:
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--workers", "2", "--port", str(port), "--database", database.location]
    log = tmp_path / "serve.log"
    with log.open("w") as stderr:
        supervisor = subprocess.Popen([*command, "--manifest", config.manifests[0], "--rate-limit", "0"], cwd=ROOT, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while len(_children(supervisor.pid)) < 2 or not _answers(base):
            assert time.monotonic() < deadline and supervisor.poll() is None, f"feedback serve --workers 2 did not start: {log.read_text()}"
            time.sleep(0.1)
        yield base, supervisor, database
    finally:
        supervisor.terminate()
        supervisor.wait(timeout=15)


def _answers(base: str) -> bool:
    try:
        return requests.get(f"{base}/health", timeout=2).ok
    except requests.ConnectionError:
        return False


def test_a_worker_killed_with_sigkill_loses_no_acknowledged_vote_and_the_others_keep_serving(workers):
    base, supervisor, database = workers
    acknowledged = [n for n in range(20) if _post(base, _vote(visitor=f"reader-kill-{n:08d}")).status_code == 200]
    victim = min(_children(supervisor.pid))
    os.kill(victim, signal.SIGKILL)
    # New connections go to the worker still running while uvicorn starts another in place of the dead one.
    acknowledged += [n for n in range(20, 40) if _post(base, _vote(visitor=f"reader-kill-{n:08d}")).status_code == 200]
    assert acknowledged == list(range(40))
    stored = database.rows("SELECT visitor FROM reaction ORDER BY visitor")
    assert stored == [(f"reader-kill-{n:08d}",) for n in range(40)]
    deadline = time.monotonic() + 20
    while len(_children(supervisor.pid) - {victim}) < 2:
        assert time.monotonic() < deadline, "uvicorn did not replace the killed worker"
        time.sleep(0.1)


def test_several_workers_on_sqlite_are_refused_with_a_clear_message(tmp_path):
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--workers", "4", "--database", str(tmp_path / "feedback.sqlite3")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith(
        "--workers 4: a SQLite database serves one process; use --database postgresql://… for several"
    )


def test_while_the_database_is_unreachable_a_vote_gets_a_json_503_and_is_taken_again_after(tmp_path, feedback_service, postgres):
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute("CREATE DATABASE feedback_outage")
    database = Database(postgres.rsplit("/", 1)[0] + "/feedback_outage")
    base = feedback_service(feedback_config(tmp_path, MANIFESTS, database=database, rate_limit=1000))
    assert _post(base, _vote(visitor="reader-outage-000001")).status_code == 200
    with psycopg.connect(postgres, autocommit=True) as admin:  # the database goes away: connections cut, new ones refused
        admin.execute("ALTER DATABASE feedback_outage ALLOW_CONNECTIONS false")
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'feedback_outage'")
        for _ in range(2):  # the pooled connection is found broken, then a new one is refused
            refused = _post(base, _vote(visitor="reader-outage-000002"))
            assert (refused.status_code, refused.json()["error"]["code"]) == (503, "store_unavailable")
            assert refused.headers["Retry-After"] == "5"
        admin.execute("ALTER DATABASE feedback_outage ALLOW_CONNECTIONS true")
    assert _post(base, _vote(visitor="reader-outage-000002")).status_code == 200
    assert database.rows("SELECT visitor FROM reaction ORDER BY visitor") == [("reader-outage-000001",), ("reader-outage-000002",)]
