"""What both stores do the same way, in terms of two things each does its own way: run a query, run a transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator

from lanterne.feedback.events import Event
from lanterne.feedback.records import DayCount, Row, Stored, StoredEvent, StoredSearch
from lanterne.feedback.rules import SearchMiss, Vote
from lanterne.feedback.store import sql


class SQLStore:
    """The Store interface's votes, searches, export and import, on the shared statements of sql.py."""

    def _all(self, query: str, params: tuple = ()) -> list[tuple]:
        """Run one statement (`?` placeholders) in a transaction of its own; return its rows."""
        raise NotImplementedError

    def _transaction(self, statements: Iterable[tuple[str, tuple]]) -> None:
        """Run statements in one transaction: all of them, or none."""
        raise NotImplementedError

    def _batch(self, statements: list[tuple[str, list[tuple]]]) -> None:
        """Run each statement once per row of parameters, all in one transaction."""
        raise NotImplementedError

    def save(self, vote: Vote) -> bool:
        """Insert or replace the (article, lang, visitor) reaction in one statement; True if it replaced one."""
        [(revisions,)] = self._all(sql.SAVE, sql.vote_params(vote, sql.now()))
        return revisions > 1

    def reactions(self) -> Iterator[Stored]:
        """Yield every reaction, oldest update first."""
        return sql.stored(self._all(sql.REACTIONS))

    def save_search(self, miss: SearchMiss) -> int:
        """Insert the query, or add one to its count, in one statement; return its count."""
        [(searches,)] = self._all(sql.SAVE_SEARCH, sql.search_params(miss, sql.now()))
        return searches

    def search_count(self, miss: SearchMiss) -> int:
        """How many times this query was counted (0 if never)."""
        rows = self._all(sql.SEARCH_COUNT, (miss.query, miss.lang, miss.audience))
        return rows[0][0] if rows else 0

    def searches(self) -> Iterator[StoredSearch]:
        """Yield every query that found nothing, most searched first."""
        return sql.stored_searches(self._all(sql.SEARCHES))

    def export(self) -> Iterator[Row]:
        """Yield every vote, then every search, whole."""
        yield from sql.vote_rows(self._all(sql.EXPORT_VOTES))
        yield from sql.search_rows(self._all(sql.EXPORT_SEARCHES))

    def load(self, rows: Iterable[Row]) -> int:
        """Write exported rows in one transaction (all or nothing), replacing rows with the same key; return how many."""
        statements = [sql.load_params(row) for row in rows]
        self._transaction(statements)
        return len(statements)

    def save_events(self, events: list[Event], visitor: str, at: str) -> None:
        """Keep the raw events and add them to the day's counts, in one transaction: both, or neither."""
        self._batch([(sql.SAVE_EVENT, sql.event_params(events, visitor, at)), (sql.COUNT_EVENTS, sql.count_params(events, at[:10]))])

    def events(self) -> Iterator[StoredEvent]:
        """Yield every raw event kept, each visitor's in time order."""
        return sql.stored_events(self._all(sql.EVENTS))

    def event_counts(self) -> Iterator[DayCount]:
        """Yield the daily counts, every day summed."""
        return sql.day_counts(self._all(sql.EVENT_COUNTS))

    def purge_events(self, before: str) -> None:
        """Delete the raw events made before `before` (the daily counts stay)."""
        self._all(sql.PURGE_EVENTS, (before,))

    def day_key(self, day: str) -> str:
        """The key that hashes visitors on `day`, made by whichever process asks first; the keys of earlier days are deleted."""
        self._all(sql.OLD_KEYS, (day,))
        self._all(sql.NEW_KEY, (day, secrets.token_hex(32)))
        return self._all(sql.DAY_KEY, (day,))[0][0]
