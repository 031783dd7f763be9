"""Where reactions are kept. SQLite by default; the Store protocol is all the service and report use."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from .rules import SearchMiss, Vote
from .schema import MIGRATIONS, SCHEMA_VERSION


@dataclass(frozen=True)
class Stored:
    """A reaction as the report reads it."""

    article: str
    lang: str
    audience: str
    reaction: str
    reasons: tuple[str, ...]
    comment: str
    updated_at: str
    revisions: int


@dataclass(frozen=True)
class StoredSearch:
    """A query that found nothing, with how often readers typed it."""

    query: str
    lang: str
    audience: str
    searches: int
    last_at: str


class Store(Protocol):
    """The narrow interface a storage backend provides (SQLite today, PostgreSQL later)."""

    def save(self, vote: Vote) -> bool:
        """Record a vote, replacing the visitor's earlier one on the same article and language; return True if it replaced one."""
        ...

    def reactions(self) -> Iterator[Stored]:
        """Yield every stored reaction."""
        ...

    def save_search(self, miss: SearchMiss) -> int:
        """Count one more search that found nothing; return how many times it was searched."""
        ...

    def searches(self) -> Iterator[StoredSearch]:
        """Yield every query that found nothing."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


def open_store(location: str | Path) -> Store:
    """Open the store named by a path (SQLite) or a URL such as sqlite:///var/lib/lanterne/feedback.sqlite3."""
    text = str(location)
    if text.startswith("sqlite:///"):
        return SQLiteStore(Path(text.removeprefix("sqlite:///")))
    if "://" in text:
        raise ValueError(f"database {text!r}: only SQLite is supported for now; expected a file path or sqlite:///path")
    return SQLiteStore(Path(text))


class SQLiteStore:
    """SQLite in WAL mode: readers (the report) never block the service's writes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by the service's worker threads; the lock serialises writes as SQLite would anyway.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._migrate()

    def _migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION, one version per transaction."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"the database has schema version {version}; this service knows up to {SCHEMA_VERSION}")
        for number in range(version, SCHEMA_VERSION):
            self._db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;")

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def save(self, vote: Vote) -> bool:
        """Insert or replace the (article, lang, visitor) reaction in one statement."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._lock:
            [(revisions,)] = self._db.execute(
                """
                INSERT INTO reaction (article, visitor, lang, audience, reaction, reasons, comment, page, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (article, lang, visitor) DO UPDATE SET
                    audience = excluded.audience, reaction = excluded.reaction,
                    reasons = excluded.reasons, comment = excluded.comment, page = excluded.page,
                    updated_at = excluded.updated_at, revisions = revisions + 1
                RETURNING revisions
                """,
                (
                    vote.article,
                    vote.visitor,
                    vote.lang,
                    vote.audience,
                    vote.reaction,
                    json.dumps(vote.reasons),
                    vote.comment,
                    vote.page,
                    now,
                    now,
                ),
            ).fetchall()
        return revisions > 1

    def reactions(self) -> Iterator[Stored]:
        """Yield every reaction, oldest update first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT article, lang, audience, reaction, reasons, comment, updated_at, revisions FROM reaction ORDER BY updated_at"
            ).fetchall()
        for article, lang, audience, reaction, reasons, comment, updated_at, revisions in rows:
            yield Stored(article, lang, audience, reaction, tuple(json.loads(reasons)), comment, updated_at, revisions)

    def save_search(self, miss: SearchMiss) -> int:
        """Insert the query, or add one to its count, in one statement."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._lock:
            [(searches,)] = self._db.execute(
                """
                INSERT INTO search_miss (query, lang, audience, first_at, last_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (query, lang, audience) DO UPDATE SET searches = searches + 1, last_at = excluded.last_at
                RETURNING searches
                """,
                (miss.query, miss.lang, miss.audience, now, now),
            ).fetchall()
        return searches

    def searches(self) -> Iterator[StoredSearch]:
        """Yield every query that found nothing, most searched first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT query, lang, audience, searches, last_at FROM search_miss ORDER BY searches DESC, last_at DESC"
            ).fetchall()
        for row in rows:
            yield StoredSearch(*row)

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._db.close()
