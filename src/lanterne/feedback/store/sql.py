"""The statements both stores run, written once with `?` placeholders (PostgreSQL's store turns them into `%s`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from lanterne.feedback.events import Event
from lanterne.feedback.records import DayCount, SearchRow, Stored, StoredEvent, StoredSearch, VoteRow
from lanterne.feedback.rules import SearchMiss, Vote

VOTE_COLUMNS = ("article", "visitor", "lang", "audience", "reaction", "reasons", "comment", "page", "created_at", "updated_at", "revisions")
SEARCH_COLUMNS = ("query", "lang", "audience", "searches", "first_at", "last_at")

# The existing row's columns are named with the table's name: PostgreSQL finds a bare name ambiguous beside `excluded`.
SAVE = """
    INSERT INTO reaction (article, visitor, lang, audience, reaction, reasons, comment, page, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (article, lang, visitor) DO UPDATE SET
        audience = excluded.audience, reaction = excluded.reaction,
        reasons = excluded.reasons, comment = excluded.comment, page = excluded.page,
        updated_at = excluded.updated_at, revisions = reaction.revisions + 1
    RETURNING revisions
"""
SAVE_SEARCH = """
    INSERT INTO search_miss (query, lang, audience, first_at, last_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (query, lang, audience) DO UPDATE SET searches = search_miss.searches + 1, last_at = excluded.last_at
    RETURNING searches
"""
SEARCH_COUNT = "SELECT searches FROM search_miss WHERE query = ? AND lang = ? AND audience = ?"
REACTIONS = """
    SELECT article, lang, audience, reaction, reasons, comment, updated_at, revisions FROM reaction
    ORDER BY updated_at, article, lang, visitor
"""
SEARCHES = "SELECT query, lang, audience, searches, last_at FROM search_miss ORDER BY searches DESC, last_at DESC, query"
EXPORT_VOTES = f"SELECT {', '.join(VOTE_COLUMNS)} FROM reaction ORDER BY article, lang, visitor"
EXPORT_SEARCHES = f"SELECT {', '.join(SEARCH_COLUMNS)} FROM search_miss ORDER BY query, lang, audience"


SAVE_EVENT = """
    INSERT INTO event (at, visitor, kind, audience, lang, article, query, surface, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
COUNT_EVENTS = """
    INSERT INTO event_day (day, kind, audience, lang, article, query, events) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (day, kind, audience, lang, article, query) DO UPDATE SET events = event_day.events + excluded.events
"""
PURGE_EVENTS = "DELETE FROM event WHERE at < ?"
EVENTS = "SELECT visitor, at, kind, audience, lang, article FROM event ORDER BY visitor, at"
EVENT_COUNTS = """
    SELECT kind, audience, lang, article, query, SUM(events) FROM event_day
    GROUP BY kind, audience, lang, article, query ORDER BY kind, audience, lang, article, query
"""
# Every process takes the day's key from here, so that a reader is one visitor whichever worker answers.
NEW_KEY = "INSERT INTO visit_key (day, key) VALUES (?, ?) ON CONFLICT (day) DO NOTHING"
DAY_KEY = "SELECT key FROM visit_key WHERE day = ?"
OLD_KEYS = "DELETE FROM visit_key WHERE day < ?"


def _upsert(table: str, columns: tuple[str, ...], key: str) -> str:
    """Insert a whole row, or overwrite every column of the row with the same key: importing twice changes nothing."""
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    values = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET {updates}"


LOAD_VOTE = _upsert("reaction", VOTE_COLUMNS, "article, lang, visitor")
LOAD_SEARCH = _upsert("search_miss", SEARCH_COLUMNS, "query, lang, audience")


def now() -> str:
    """The time stored with a vote or a search: UTC, ISO 8601, to the microsecond (text, the same in both stores)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def vote_params(vote: Vote, at: str) -> tuple:
    """SAVE's parameters for a vote made at `at`."""
    reasons = json.dumps(vote.reasons)
    return (vote.article, vote.visitor, vote.lang, vote.audience, vote.reaction, reasons, vote.comment, vote.page, at, at)


def search_params(miss: SearchMiss, at: str) -> tuple:
    """SAVE_SEARCH's parameters for a search made at `at`."""
    return (miss.query, miss.lang, miss.audience, at, at)


def stored(rows: Iterable[tuple]) -> Iterator[Stored]:
    """REACTIONS' rows as the report reads them."""
    for article, lang, audience, reaction, reasons, comment, updated_at, revisions in rows:
        yield Stored(article, lang, audience, reaction, tuple(json.loads(reasons)), comment, updated_at, revisions)


def stored_searches(rows: Iterable[tuple]) -> Iterator[StoredSearch]:
    """SEARCHES' rows."""
    for row in rows:
        yield StoredSearch(*row)


def vote_rows(rows: Iterable[tuple]) -> Iterator[VoteRow]:
    """EXPORT_VOTES' rows as whole records."""
    for row in rows:
        record = dict(zip(VOTE_COLUMNS, row, strict=True))
        # Written out as stored, unchecked: import is where a line is checked, and says which one is wrong.
        yield VoteRow.model_construct(**record | {"reasons": tuple(json.loads(record["reasons"]))})


def search_rows(rows: Iterable[tuple]) -> Iterator[SearchRow]:
    """EXPORT_SEARCHES' rows as whole records."""
    for row in rows:
        yield SearchRow.model_construct(**dict(zip(SEARCH_COLUMNS, row, strict=True)))


def load_params(row: VoteRow | SearchRow) -> tuple[str, tuple]:
    """The statement and parameters that put one exported record back."""
    if isinstance(row, VoteRow):
        values = row.model_dump(exclude={"kind"}) | {"reasons": json.dumps(list(row.reasons))}
        return LOAD_VOTE, tuple(values[column] for column in VOTE_COLUMNS)
    values = row.model_dump(exclude={"kind"})
    return LOAD_SEARCH, tuple(values[column] for column in SEARCH_COLUMNS)


def event_params(events: list[Event], visitor: str, at: str) -> list[tuple]:
    """SAVE_EVENT's parameters: one row per event, all made at `at` by `visitor`."""
    return [(at, visitor, e.kind, e.audience, e.lang, e.article, e.query, e.surface, e.context) for e in events]


def count_params(events: list[Event], day: str) -> list[tuple]:
    """COUNT_EVENTS' parameters: one row per counted key, in key order (two batches then lock rows in the same order)."""
    counts = Counter((e.kind, e.audience, e.lang, e.article, e.query) for e in events)
    return [(day, *key, count) for key, count in sorted(counts.items())]


def stored_events(rows: Iterable[tuple]) -> Iterator[StoredEvent]:
    """EVENTS' rows."""
    for row in rows:
        yield StoredEvent(*row)


def day_counts(rows: Iterable[tuple]) -> Iterator[DayCount]:
    """EVENT_COUNTS' rows (PostgreSQL's SUM is a numeric: made an int)."""
    for kind, audience, lang, article, query, events in rows:
        yield DayCount(kind, audience, lang, article, query, int(events))
