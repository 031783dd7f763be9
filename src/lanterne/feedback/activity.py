"""What readers did, as the report counts it: views and contact clicks per article, clicks per search, and the share of
visits that found an answer (Help Scout's measure: an article viewed and no contact click, in a 30-minute visit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from lanterne.feedback.records import DayCount, StoredEvent

VISIT_GAP = 1800.0  # seconds without an event that end a visit


@dataclass
class Query:
    """A query readers typed in one language: how often, how often a result was opened, and which."""

    query: str
    lang: str
    audience: str
    searches: int = 0
    clicks: int = 0
    articles: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Visits:
    """The visits of the raw events kept, and how many viewed an article without clicking contact."""

    visits: int = 0
    found_answer: int = 0

    @property
    def share(self) -> float | None:
        """The share of visits that found an answer, 0 to 1; None with no visit."""
        return round(self.found_answer / self.visits, 3) if self.visits else None

    def as_dict(self) -> dict[str, object]:
        """The figures as JSON writes them."""
        return {"visits": self.visits, "found_answer": self.found_answer, "share": self.share}


@dataclass(frozen=True)
class Activity:
    """Views and contact clicks by (article, language), the queries most searched first, and the visits."""

    views: dict[tuple[str, str], int] = field(default_factory=dict)
    contacts: dict[tuple[str, str], int] = field(default_factory=dict)
    queries: list[Query] = field(default_factory=list)
    visits: Visits = Visits()


def gather(counts: Iterable[DayCount], events: Iterable[StoredEvent], *, audience: str | None = None, limit: int = 50) -> Activity:
    """Sum the daily counts of one audience (or both), and cut its raw events into visits."""
    views: Counter[tuple[str, str]] = Counter()
    contacts: Counter[tuple[str, str]] = Counter()
    queries: dict[tuple[str, str, str], Query] = {}
    for count in counts:
        if audience not in (None, count.audience):
            continue
        if count.kind == "view":
            views[(count.article, count.lang)] += count.events
        elif count.kind == "contact" and count.article:
            contacts[(count.article, count.lang)] += count.events
        elif count.kind == "search":
            _add_search(queries, count)
    ranked = sorted(queries.values(), key=lambda q: (-q.searches, q.query, q.lang, q.audience))[:limit]
    return Activity(dict(views), dict(contacts), ranked, visits([e for e in events if audience in (None, e.audience)]))


def _add_search(queries: dict[tuple[str, str, str], Query], count: DayCount) -> None:
    """Count searches of a query, and the result opened (article) when there was one."""
    entry = queries.setdefault((count.query, count.lang, count.audience), Query(count.query, count.lang, count.audience))
    entry.searches += count.events
    if count.article:
        entry.clicks += count.events
        entry.articles[count.article] = entry.articles.get(count.article, 0) + count.events
        entry.articles = dict(sorted(entry.articles.items(), key=lambda pair: (-pair[1], pair[0])))


def visits(events: Iterable[StoredEvent], *, gap: float = VISIT_GAP) -> Visits:
    """Cut each visitor's events (in visitor, then time order) into visits wherever `gap` seconds pass without one."""
    total = found = 0
    visitor, last, viewed, contacted = None, None, False, False
    for event in events:
        at = datetime.fromisoformat(event.at)
        if event.visitor != visitor or last is None or (at - last).total_seconds() > gap:
            if visitor is not None:
                total, found = total + 1, found + (viewed and not contacted)
            visitor, viewed, contacted = event.visitor, False, False
        last = at
        viewed = viewed or event.kind == "view"
        contacted = contacted or event.kind == "contact"
    if visitor is not None:
        total, found = total + 1, found + (viewed and not contacted)
    return Visits(total, found)
