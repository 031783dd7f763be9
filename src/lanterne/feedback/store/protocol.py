"""The Store protocol that the service, the report and export use: it imports no implementation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from lanterne.feedback.events import Event
from lanterne.feedback.ratelimit import Limits
from lanterne.feedback.records import DayCount, Row, Stored, StoredEvent, StoredSearch
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

    def save_events(self, events: list[Event], visitor: str, at: str) -> None:
        """Keep a batch of raw events and add them to the day's counts, in one transaction."""
        ...

    def events(self) -> Iterator[StoredEvent]:
        """Yield every raw event kept, each visitor's in time order."""
        ...

    def event_counts(self) -> Iterator[DayCount]:
        """Yield the daily counts per kind, audience, language, article and query, every day summed."""
        ...

    def purge_events(self, before: str) -> None:
        """Delete the raw events made before `before` (ISO 8601, UTC); the daily counts stay."""
        ...

    def day_key(self, day: str) -> str:
        """The key that hashes visitors on `day` (YYYY-MM-DD), the same for every process; earlier days' keys are deleted."""
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
