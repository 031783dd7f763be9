"""The SQLite store: one file, one process; its per-client limits stay in that process's memory."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import sql
from .ratelimit import Limits, RateLimit, VoteCap
from .records import Row, Stored, StoredSearch
from .rules import SearchMiss, Vote
from .schema import MIGRATIONS, SCHEMA_VERSION


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
        version = self.version
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"the database has schema version {version}; this service knows up to {SCHEMA_VERSION}")
        for number in range(version, SCHEMA_VERSION):
            self._db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;")

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def limits(self, rate_limit: int, window: float, votes_per_article: int) -> Limits:
        """Limits in this process's memory: SQLite serves one process, so they see every request."""
        return Limits(RateLimit(rate_limit, window), VoteCap(votes_per_article, window))

    def save(self, vote: Vote) -> bool:
        """Insert or replace the (article, lang, visitor) reaction in one statement."""
        with self._lock:
            [(revisions,)] = self._db.execute(sql.SAVE, sql.vote_params(vote, sql.now())).fetchall()
        return revisions > 1

    def reactions(self) -> Iterator[Stored]:
        """Yield every reaction, oldest update first."""
        return sql.stored(self._all(sql.REACTIONS))

    def save_search(self, miss: SearchMiss) -> int:
        """Insert the query, or add one to its count, in one statement."""
        with self._lock:
            [(searches,)] = self._db.execute(sql.SAVE_SEARCH, sql.search_params(miss, sql.now())).fetchall()
        return searches

    def searches(self) -> Iterator[StoredSearch]:
        """Yield every query that found nothing, most searched first."""
        return sql.stored_searches(self._all(sql.SEARCHES))

    def export(self) -> Iterator[Row]:
        """Yield every vote, then every search, whole."""
        yield from sql.vote_rows(self._all(sql.EXPORT_VOTES))
        yield from sql.search_rows(self._all(sql.EXPORT_SEARCHES))

    def load(self, rows: Iterable[Row]) -> int:
        """Write exported rows back in one transaction (all or nothing); return how many."""
        count = 0
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for row in rows:
                    self._db.execute(*sql.load_params(row))
                    count += 1
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return count

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._db.close()

    def _all(self, query: str) -> list[tuple]:
        """Every row a query returns, read under the lock."""
        with self._lock:
            return self._db.execute(query).fetchall()
