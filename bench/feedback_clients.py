"""The load's clients and its check: who sends which votes, how, and whether the database holds exactly those."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from lanterne.feedback.records import Row, VoteRow

ORIGIN = "https://aide.bench.example"
ARTICLES = [f"collection-{n // 20}/article-{n}" for n in range(200)]
REASONS = ("unanswered", "unclear", "incorrect", "other")
ATTEMPTS = 5  # a vote whose connection breaks is sent again, at most this many times in all
# A client opens a new connection every so many votes, as browsers and proxies do: the workers share one listening
# socket and one of them may accept a whole burst of new connections, so a long-lived connection never moves.
RECONNECT = 100


@dataclass
class Run:
    """One load: what it was, and what it measured."""

    store: str
    workers: int
    kill_at: int = 0
    note: str = ""
    elapsed: float = 0.0
    cpu: float = 0.0
    database_cpu: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    retries: int = 0
    killed: int = 0
    killed_after: int = 0
    replaced: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def acknowledged(self) -> int:
        """Votes answered 200 so far (read without taking one)."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Acknowledged votes per second."""
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        """A latency percentile, in milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000 if ordered else float("nan")

    def label(self) -> str:
        """The run's name in the table."""
        name = f"{self.store}, {self.workers} worker{'s' if self.workers > 1 else ''}" if self.workers > 1 else f"{self.store}, 1 process"
        return name + (f", {self.note}" if self.note else "") + (", one worker killed with SIGKILL halfway" if self.kill_at else "")

    def row(self) -> str:
        """The run's row in BENCHMARKS.md."""
        database = "exactly what was acknowledged" if not self.problems else "MISMATCH: " + "; ".join(self.problems[:3])
        service, store = (seconds / max(1, len(self.latencies)) * 1000 for seconds in (self.cpu, self.database_cpu))
        cpu = f"{service:.2f} + {store:.2f}" if self.database_cpu else f"{service:.2f}"
        return (
            f"| {self.label()} | {self.throughput:,.0f} | {self.percentile(50):.1f} | {self.percentile(95):.1f} "
            f"| {self.percentile(99):.1f} | {cpu} | {self.retries} | {database} |"
        )

    def summary(self) -> str:
        """One line on the terminal while the bench runs."""
        return f"{self.label()}: {self.throughput:.0f} votes/s, p95 {self.percentile(95):.1f} ms, problems: {self.problems[:3] or 'none'}"

    def done(self, latency: float) -> None:
        """Count one acknowledged vote."""
        with self._lock:
            self.latencies.append(latency)

    def retried(self) -> None:
        """Count one attempt that got no answer."""
        with self._lock:
            self.retries += 1


def plans(clients: int, votes: int, seed: int) -> list[list[dict]]:
    """Each client's votes, in order; visitors belong to one client, so the last vote per key is known."""
    rng = random.Random(seed)
    plans: list[list[dict]] = [[] for _ in range(clients)]
    for n in range(votes):
        client = n % clients
        reaction = rng.choice(("sad", "neutral", "happy", "happy"))
        article = rng.choice(ARTICLES)
        vote = {
            "article": article,
            "lang": rng.choice(("fr", "en")),
            "audience": "public",
            "page": f"{ORIGIN}/{article}/",
            "reaction": reaction,
            "visitor": f"bench-{client:02d}-visitor-{rng.randrange(40):03d}",
            "website": "",
        }
        if reaction != "happy" and rng.random() < 0.5:
            vote["reasons"] = sorted(rng.sample(REASONS, rng.randint(1, 2)), key=REASONS.index)
            vote["comment"] = f"Commentaire n°{n} : l'étape {rng.randint(1, 9)} n'est pas claire."
        plans[client].append(vote)
    return plans


def send(port: int, plan: list[dict], run: Run) -> None:
    """Send one client's votes over a keep-alive connection, timing each; on a broken connection, reconnect and resend."""
    connection: http.client.HTTPConnection | None = None
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Origin": ORIGIN}
    for number, vote in enumerate(plan, start=1):
        body = json.dumps(vote, ensure_ascii=False).encode()
        if connection and number % RECONNECT == 0:
            connection.close()
            connection = None
        for _ in range(ATTEMPTS):
            connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            try:
                connection.request("POST", "/reactions", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException):  # the worker behind this connection died: no answer, so no promise
                connection.close()
                connection = None
                run.retried()
                continue
            if response.status == 200:
                run.done(time.perf_counter() - started)
            else:
                run.failures.append(f"{response.status} {payload[:200]!r}")
            break
        else:
            run.failures.append(f"no answer after {ATTEMPTS} attempts")
    if connection:
        connection.close()


def check(rows: Iterable[Row], plans: list[list[dict]], retries: int) -> list[str]:
    """Compare the database with the last vote sent for each (article, language, visitor); return what differs."""
    expected = {(vote["article"], vote["lang"], vote["visitor"]): vote for plan in plans for vote in plan}
    sent = sum(len(plan) for plan in plans)
    votes = [row for row in rows if isinstance(row, VoteRow)]
    problems = []
    if len(votes) != len(expected):
        problems.append(f"{len(votes)} rows; expected {len(expected)} (one per article, language and visitor)")
    revisions = sum(row.revisions for row in votes)
    # An attempt that got no answer may have been stored before its worker died, and was sent again: one revision more.
    if not sent <= revisions <= sent + retries:
        problems.append(f"revisions add up to {revisions}; expected {sent} votes sent (+ at most {retries} unanswered attempts)")
    for row in votes:
        vote = expected.get((row.article, row.lang, row.visitor))
        stored = (row.reaction, list(row.reasons), row.comment)
        if not vote or stored != (vote["reaction"], vote.get("reasons", []), vote.get("comment", "")):
            problems.append(f"row {row.article} {row.lang} {row.visitor} is {stored}; expected the last vote sent {vote}")
    return problems[:20]
