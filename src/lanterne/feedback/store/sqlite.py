"""The SQLite store: one file, one process; its per-client limits stay in that process's memory."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from lanterne.feedback.ratelimit import Limits, RateLimit, SearchOnce, VoteCap
from lanterne.feedback.store.migrations import MIGRATIONS, SCHEMA_VERSION
from lanterne.feedback.store.sql_store import SQLStore


class SQLiteStore(SQLStore):
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

    def limits(self, rate_limit: int, window: float, votes_per_article: int, search_window: float) -> Limits:
        """Limits in this process's memory: SQLite serves one process, so they see every request."""
        return Limits(RateLimit(rate_limit, window), VoteCap(votes_per_article, window), SearchOnce(search_window))

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL when the last one closes)."""
        self._db.close()

    def _all(self, query: str, params: tuple = ()) -> list[tuple]:
        """Run one statement under the lock (it commits at once: autocommit); return its rows."""
        with self._lock:
            return self._db.execute(query, params).fetchall()

    def _batch(self, statements: list[tuple[str, list[tuple]]]) -> None:
        """Run each statement over its rows (executemany), in one transaction under the lock."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for statement, rows in statements:
                    self._db.executemany(statement, rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _transaction(self, statements: Iterable[tuple[str, tuple]]) -> None:
        """Run statements in one transaction, under the lock."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for statement, params in statements:
                    self._db.execute(statement, params)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
