"""Where reactions are kept: the Store interface the service, the report and export use, and how a location opens one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from .ratelimit import Limits
from .records import Row, Stored, StoredSearch
from .rules import SearchMiss, Vote
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "StoreUnavailableError", "Stored", "StoredSearch", "is_postgres", "open_store"]


class StoreUnavailableError(RuntimeError):
    """The database cannot be reached right now (a restart, a network cut): the request may be sent again shortly."""


class Store(Protocol):
    """The narrow interface a storage backend provides: SQLite (sqlite_store) or PostgreSQL (postgres_store)."""

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        ...

    def limits(self, rate_limit: int, window: float, votes_per_article: int) -> Limits:
        """The per-client limits, kept where every process serving this store sees them."""
        ...

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

    def export(self) -> Iterator[Row]:
        """Yield every vote and every search, whole."""
        ...

    def load(self, rows: Iterable[Row]) -> int:
        """Write exported rows in one transaction, replacing rows with the same key; return how many."""
        ...

    def close(self) -> None:
        """Release the connections."""
        ...


def is_postgres(location: str | Path) -> bool:
    """Whether a --database value names a PostgreSQL database (postgresql://… or postgres://…)."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_store(location: str | Path) -> Store:
    """Open the store a location names: a path or sqlite:///path (SQLite), or postgresql://user@host/db (PostgreSQL)."""
    text = str(location)
    if is_postgres(text):
        from .postgres_store import PostgresStore  # psycopg is loaded only by those who use it

        return PostgresStore(text)
    from .sqlite_store import SQLiteStore

    if text.startswith("sqlite:///"):
        return SQLiteStore(Path(text.removeprefix("sqlite:///")))
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(f"database {scheme}://…: expected a file path, sqlite:///path or postgresql://user@host/database")
    return SQLiteStore(Path(text))
