"""Load the feedback service on loopback, on SQLite and on PostgreSQL, and check each database holds exactly what was acknowledged.

    python bench/feedback_load.py                       # 20 clients, 5,000 votes a run; writes BENCHMARKS.md
    python bench/feedback_load.py --clients 5 --votes 500 --no-write

Four runs, one after the other, each with the same votes: `feedback serve` (the documented command, its rate limit
off) on a fresh SQLite file in one process; `feedback serve --workers 4` on PostgreSQL (a throwaway cluster on
127.0.0.1 with its durable defaults: fsync and synchronous commit on); the same with synchronous_commit off (what
the flush at each commit costs); and the durable one again, with the worker holding the most clients killed with
SIGKILL halfway through. Each client sends its share of votes one after another over a keep-alive HTTP/1.1
connection, as JSON from an allowed origin, like the page's script, and opens a new connection every 100 votes,
as browsers and proxies do. When its connection breaks (its worker was killed) it opens another and sends the
vote again, as a reader would. Afterwards the database must hold one row per (article, language, visitor), equal
to the last vote sent for it, and the revisions must add up to the votes sent (plus at most the attempts that got
no answer): nothing lost, nothing doubled. A measurement, not a test: nothing
is asserted on time. See bench/feedback_clients.py for the clients and the check.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

import psycopg  # noqa: E402
from feedback_clients import ARTICLES, ORIGIN, Run, check, plans, send  # noqa: E402
from postgres import fresh_schema, postgres_cluster  # noqa: E402
from sections import replace_section  # noqa: E402

from lanterne.feedback.store.opener import open_store  # noqa: E402

GOAL_RATIO, GOAL_P95 = 1.5, 100.0


def main() -> int:
    """Run the three loads, print the figures, write them into BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--votes", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--no-write", action="store_true", help="print the figures only, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    votes = plans(args.clients, args.votes, args.seed)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="lanterne-feedback-load-") as work:
        manifest = _manifest(Path(work))
        runs = [_run("SQLite", 1, str(Path(work) / "load.sqlite3"), manifest, votes)]
        with postgres_cluster(fast=False) as dsn:
            with psycopg.connect(dsn) as connection:
                version = connection.execute("SHOW server_version").fetchone()[0]
            runs.append(_run("PostgreSQL", args.workers, fresh_schema(dsn, "load"), manifest, votes))
            # What the commit's flush to disk costs: SQLite (synchronous NORMAL) does not flush at each commit either.
            unflushed = fresh_schema(dsn, "unflushed") + "%20-csynchronous_commit%3Doff"
            runs.append(_run("PostgreSQL", args.workers, unflushed, manifest, votes, note="synchronous_commit off"))
            runs.append(_run("PostgreSQL", args.workers, fresh_schema(dsn, "kill"), manifest, votes, kill_at=args.votes // 2))
    text = _report(args, runs, version, load_before, os.getloadavg())
    print(text)
    if not args.no_write:
        replace_section("feedback-load", text)
    return 1 if any(run.problems for run in runs) else 0


def _manifest(root: Path) -> Path:
    """The public manifest of 200 articles in two languages."""
    manifest = root / "feedback-manifest.json"
    articles = [{"id": a, "lang": lang, "title": a, "url": f"{a}/"} for a in ARTICLES for lang in ("fr", "en")]
    manifest.write_text(json.dumps({"format": 1, "audience": "public", "site_url": f"{ORIGIN}/", "articles": articles}))
    return manifest


def _run(store: str, workers: int, database: str, manifest: Path, votes: list[list[dict]], kill_at: int = 0, note: str = "") -> Run:
    """Start the service, send every client's votes at once (killing a worker when `kill_at` are acknowledged), check."""
    run = Run(store, workers, kill_at=kill_at, note=note)
    port = _free_port()
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--port", str(port), "--database", database]
    command += ["--manifest", str(manifest), "--rate-limit", "0", "--workers", str(workers)]
    service = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(service, port, workers)
        threads = [threading.Thread(target=send, args=(port, plan, run)) for plan in votes]
        if kill_at:
            threads.append(threading.Thread(target=_kill_one_worker, args=(service.pid, port, run), daemon=True))
        database_cpu = _database_cpu(database)
        cpu_before, db_before = _service_cpu(service.pid), database_cpu()
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads[: len(votes)]:
            thread.join()
        run.elapsed = time.perf_counter() - started
        run.cpu, run.database_cpu = _service_cpu(service.pid) - cpu_before, database_cpu() - db_before
        run.replaced = kill_at > 0 and _replaced(service.pid, run.killed, workers)
    finally:
        service.terminate()
        service.wait(timeout=30)
    if run.failures:
        run.problems.append(f"{len(run.failures)} votes not acknowledged, for example {run.failures[0]}")
    opened = open_store(database)
    try:
        run.problems += check(opened.export(), votes, run.retries)
    finally:
        opened.close()
    print(run.summary(), file=sys.stderr)
    return run


def _wait_ready(service: subprocess.Popen, port: int, workers: int) -> None:
    """Return once /health answers and every worker has started."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and service.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200 and (workers == 1 or len(_children(service.pid)) == workers):
                time.sleep(1 if workers > 1 else 0)  # the last worker to start may still be opening its database
                return
        except OSError:
            time.sleep(0.05)
    service.kill()
    raise SystemExit("the feedback service did not start")


def _kill_one_worker(supervisor: int, port: int, run: Run) -> None:
    """SIGKILL the worker holding the most clients once `run.kill_at` votes are acknowledged: requests are in flight."""
    while run.acknowledged < run.kill_at and run.elapsed == 0:
        time.sleep(0.005)
    run.killed = max(_children(supervisor), key=lambda worker: _clients_of(worker, port))
    os.kill(run.killed, signal.SIGKILL)
    run.killed_after = run.acknowledged


def _clients_of(pid: int, port: int) -> int:
    """How many established connections to `port` a process holds (its sockets' inodes, found in /proc/net/tcp)."""
    try:
        inodes = {os.readlink(fd).removeprefix("socket:[").removesuffix("]") for fd in Path(f"/proc/{pid}/fd").iterdir()}
    except OSError:  # gone
        return 0
    established = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    local = f":{port:04X}"
    return sum(1 for fields in established if fields[1].endswith(local) and fields[3] == "01" and fields[9] in inodes)


def _replaced(supervisor: int, killed: int, workers: int) -> bool:
    """Whether uvicorn brought the service back to `workers` processes (waiting a little: a new one takes a while)."""
    deadline = time.monotonic() + 30
    while len(_children(supervisor) - {killed}) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    return len(_children(supervisor) - {killed}) == workers


def _children(pid: int) -> set[int]:
    """The worker processes of uvicorn's supervisor (none for a single process), not multiprocessing's resource tracker."""
    return {child for child in _all_children(pid) if b"resource_tracker" not in _cmdline(child)}


def _cmdline(pid: int) -> bytes:
    """A process's command line, or nothing once it has gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _database_cpu(database: str) -> Callable[[], float]:
    """A way to read the CPU seconds PostgreSQL has used (its postmaster and every process under it); 0 for SQLite."""
    if not database.startswith("postgresql://"):
        return lambda: 0.0
    with psycopg.connect(database) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        status = Path(f"/proc/{backend}/status").read_text()
    postmaster = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
    return lambda: sum(_cpu_seconds(pid) for pid in {postmaster, *_all_children(postmaster)})


def _all_children(pid: int) -> set[int]:
    """Every child of a process."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


def _service_cpu(supervisor: int) -> float:
    """CPU seconds the service's processes have used so far (a killed worker's go with it: a little under the truth)."""
    return sum(_cpu_seconds(pid) for pid in {supervisor, *_children(supervisor)})


def _cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user + system), from /proc: less sensitive to a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:  # gone
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bound(sqlite: Run, pg: Run, workers: int) -> str:
    """What the CPU each vote costs allows on this machine, whatever else runs on it: the reason a goal is missed."""
    cores = os.cpu_count() or 1
    sqlite_ms = sqlite.cpu / len(sqlite.latencies) * 1000
    pg_ms = (pg.cpu + pg.database_cpu) / len(pg.latencies) * 1000
    best = (cores / pg_ms) / (1 / sqlite_ms)  # PostgreSQL's workers may use every core; one SQLite process, one
    needed = GOAL_RATIO * pg_ms / sqlite_ms
    return (
        f"**Why**: a vote costs {sqlite_ms:.2f} ms of CPU in the SQLite process, and {pg_ms:.2f} ms on PostgreSQL "
        f"(its {workers} workers, with psycopg, plus the database server). One SQLite process can use one core; the workers and "
        f"PostgreSQL can use all {cores}. So on this machine, even idle and with the clients costing nothing, PostgreSQL "
        f"could reach at most {best:.2f}x SQLite's votes/s; {GOAL_RATIO}x needs {needed:.1f} cores free for the service and "
        "the database."
    )


def _report(args: argparse.Namespace, runs: list[Run], version: str, before: tuple, after: tuple) -> str:
    """The section of BENCHMARKS.md: one table, the goal, the kill, the machine."""
    sqlite, pg, killed = runs[0], runs[1], runs[-1]
    ratio = pg.throughput / sqlite.throughput
    met = ratio >= GOAL_RATIO and pg.percentile(95) <= GOAL_P95 and not pg.problems
    lines = [
        "## Feedback service under load",
        "",
        f"`bench/feedback_load.py` (`make bench-feedback`), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {args.clients} concurrent clients "
        f"on loopback, {args.votes:,} votes a run, each run with the same votes; PostgreSQL {version} with its durable defaults "
        f"(fsync, synchronous commit), SQLite {sqlite3.sqlite_version} in WAL mode (synchronous NORMAL).",
        "",
        "| store | votes/s | p50 ms | p95 ms | p99 ms | CPU ms/vote: service + PostgreSQL | attempts unanswered | database |",
        "|---|---|---|---|---|---|---|---|",
        *(run.row() for run in runs),
        "",
        f"**Goal** (PostgreSQL with {args.workers} workers ≥ {GOAL_RATIO}x the votes/s of one SQLite process, p95 ≤ {GOAL_P95:g} ms, "
        f"nothing lost): {'met' if met else 'missed'}, {ratio:.2f}x at p95 {pg.percentile(95):.1f} ms.",
        "",
        _bound(sqlite, pg, args.workers),
        "",
        f"**SIGKILL of one worker** after {killed.killed_after:,} acknowledged votes: {killed.retries} attempt(s) in flight on it got no "
        f"answer and were sent again; {'every' if not killed.problems else 'NOT every'} acknowledged vote is in the database; "
        f"the other workers kept serving and uvicorn {'started a new worker in its place' if killed.replaced else 'did not replace it'}.",
        "",
        f"Machine: {os.cpu_count()} cores shared with other engineers' builds and tests, load average {before[0]:.1f} at the start and "
        f"{after[0]:.1f} at the end; Python {platform.python_version()}. The clients, the service and PostgreSQL share the same cores: "
        "figures from a busy machine are low and noisy, the CPU per vote less so.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
