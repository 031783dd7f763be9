"""The Store protocol that the service, the report and export use: it imports no implementation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from lanterne.feedback.ratelimit import Limits
from lanterne.feedback.records import Row, Stored, StoredSearch
from lanterne.feedback.rules import SearchMiss, Vote


class StoreUnavailableError(RuntimeError):
    """The database cannot be reached right now (a restart, a network cut): the request may be sent again shortly."""


class Store(Protocol):
    """The narrow interface a storage backend provides: SQLite (store.sqlite) or PostgreSQL (store.postgres)."""

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        ...

    def limits(self, rate_limit: int, window: float, votes_per_article: int, search_window: float) -> Limits:
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

    def search_count(self, miss: SearchMiss) -> int:
        """How many times this query was counted (0 if never)."""
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
