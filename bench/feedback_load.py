"""Load the feedback service on loopback, then check that its database holds exactly what was sent.

    python bench/feedback_load.py                       # 20 clients, 5,000 votes
    python bench/feedback_load.py --clients 5 --votes 500

Starts `python -m lanterne.feedback serve` (the documented command, its rate limit off) in its own process on a free
port, with a manifest of 200 articles in two languages and a fresh SQLite database. Each client keeps one
HTTP/1.1 connection and sends its share of votes one after another, as JSON from an allowed origin, like the
page's script. Each client has its own visitors and revisits some (article, language, visitor) keys, so part of the votes
replace earlier ones. Afterwards every row must equal the last vote sent for its pair, the number of rows must
equal the number of pairs, and the revisions must add up to the votes sent: nothing lost, nothing doubled.
Prints votes per second, latency percentiles and the service's CPU time per vote (the figure least
sensitive to other work on the machine). This is a measurement, not a test: nothing is asserted on time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = "https://aide.bench.example"
ARTICLES = [f"collection-{n // 20}/article-{n}" for n in range(200)]
REASONS = ("unanswered", "unclear", "incorrect", "other")


def main() -> int:
    """Run the load, check the database, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--votes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lanterne-feedback-load-") as work:
        root = Path(work)
        database = root / "load.sqlite3"
        port = _free_port()
        service = _start(root, database, port)
        try:
            plans = _plans(args.clients, args.votes, args.seed)
            latencies: list[list[float]] = [[] for _ in plans]
            failures: list[str] = []
            threads = [threading.Thread(target=_client, args=(port, plan, latencies[i], failures)) for i, plan in enumerate(plans)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            cpu = _cpu_seconds(service.pid)
        finally:
            service.terminate()
            service.wait(timeout=10)
        problems = failures + _check(database, plans)
        _print(args, elapsed, cpu, [x for client in latencies for x in client], problems)
        return 1 if problems else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(root: Path, database: Path, port: int) -> subprocess.Popen:
    """Write the manifest and start the service; return once /health answers."""
    manifest = root / "feedback-manifest.json"
    articles = [{"id": a, "lang": lang, "title": a, "url": f"{a}/"} for a in ARTICLES for lang in ("fr", "en")]
    manifest.write_text(json.dumps({"format": 1, "audience": "public", "site_url": f"{ORIGIN}/", "articles": articles}))
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--port", str(port), "--database", str(database)]
    command += ["--manifest", str(manifest), "--rate-limit", "0"]
    service = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return service
        except OSError:
            time.sleep(0.05)
    service.kill()
    raise SystemExit("the feedback service did not start")


def _cpu_seconds(pid: int) -> float:
    """CPU time the service process has used (user + system), from /proc: less sensitive to a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _plans(clients: int, votes: int, seed: int) -> list[list[dict]]:
    """Each client's votes, in order; visitors belong to one client, so the last vote per pair is known."""
    rng = random.Random(seed)
    plans: list[list[dict]] = [[] for _ in range(clients)]
    for n in range(votes):
        client = n % clients
        reaction = rng.choice(("sad", "neutral", "happy", "happy"))
        vote = {
            "article": rng.choice(ARTICLES),
            "lang": rng.choice(("fr", "en")),
            "audience": "public",
            "page": f"{ORIGIN}/page/",
            "reaction": reaction,
            "visitor": f"bench-{client:02d}-visitor-{rng.randrange(40):03d}",
            "website": "",
        }
        vote["page"] = f"{ORIGIN}/{vote['article']}/"
        if reaction != "happy" and rng.random() < 0.5:
            vote["reasons"] = sorted(rng.sample(REASONS, rng.randint(1, 2)), key=REASONS.index)
            vote["comment"] = f"Commentaire n°{n} : l'étape {rng.randint(1, 9)} n'est pas claire."
        plans[client].append(vote)
    return plans


def _client(port: int, plan: list[dict], latencies: list[float], failures: list[str]) -> None:
    """Send one client's votes over one keep-alive connection, timing each."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Origin": ORIGIN}
    for vote in plan:
        body = json.dumps(vote, ensure_ascii=False).encode()
        started = time.perf_counter()
        connection.request("POST", "/reactions", body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            failures.append(f"{response.status} {payload[:200]!r}")
    connection.close()


def _check(database: Path, plans: list[list[dict]]) -> list[str]:
    """Compare the database with the last vote sent for each (article, language, visitor)."""
    expected: dict[tuple[str, str, str], dict] = {}
    sent = 0
    for plan in plans:
        for vote in plan:
            expected[(vote["article"], vote["lang"], vote["visitor"])] = vote
            sent += 1
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT article, visitor, lang, reaction, reasons, comment, revisions FROM reaction").fetchall()
    problems = []
    if len(rows) != len(expected):
        problems.append(f"{len(rows)} rows; expected {len(expected)} (one per article, language and visitor)")
    if sum(row[6] for row in rows) != sent:
        problems.append(f"revisions add up to {sum(row[6] for row in rows)}; expected {sent} votes")
    for article, visitor, lang, reaction, reasons, comment, _ in rows:
        vote = expected.get((article, lang, visitor))
        stored = (lang, reaction, json.loads(reasons), comment)
        if not vote or stored != (vote["lang"], vote["reaction"], vote.get("reasons", []), vote.get("comment", "")):
            problems.append(f"row {article} {visitor} is {stored}; expected the last vote sent {vote}")
    return problems[:20]


def _print(args: argparse.Namespace, elapsed: float, cpu: float, latencies: list[float], problems: list[str]) -> None:
    """The figures, and whether the database matched."""
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print(f"{len(latencies)} votes from {args.clients} concurrent clients on loopback in {elapsed:.2f} s")
    print(f"throughput: {len(latencies) / elapsed:.0f} votes/s")
    print(
        f"latency: p50 {percentile(50):.1f} ms, p95 {percentile(95):.1f} ms, p99 {percentile(99):.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms, mean {statistics.fmean(ordered) * 1000:.1f} ms"
    )
    print(f"service CPU: {cpu:.2f} s in all (startup included), {cpu / len(latencies) * 1000:.2f} ms per vote")
    print(f"machine load average during the run: {os.getloadavg()[0]:.1f}")
    print("database: exactly what was sent" if not problems else "database: MISMATCH\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    sys.exit(main())
