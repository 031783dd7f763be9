"""The feedback service's figures as the build reads them: reactions per article and language, searches that found nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Row(BaseModel):
    """Rows as the service writes them; keys added by a later service are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Comment(_Row):
    """One of an article's latest comments."""

    date: str
    reaction: str
    text: str


class Votes(_Row):
    """One article in one language: its reactions, score, reasons and latest comments (a row of `report --format json`)."""

    article: str
    lang: str
    votes: int = Field(ge=0)
    sad: int = Field(ge=0)
    neutral: int = Field(ge=0)
    happy: int = Field(ge=0)
    score: int = Field(ge=0, le=100)
    reasons: dict[str, int] = {}
    comments: list[Comment] = []
    views: int = Field(ge=0, default=0)
    contact_clicks: int = Field(ge=0, default=0)
    reactions_per_view: float | None = Field(ge=0, default=None)
    contacts_per_view: float | None = Field(ge=0, default=None)


class Search(_Row):
    """A query that found nothing (a row of `searches --format json`)."""

    query: str
    lang: str
    audience: str
    searches: int = Field(ge=0)
    last_at: str


class Query(_Row):
    """A query readers typed: how often, how often they opened a result, and which (a row of the report's `queries`)."""

    query: str
    lang: str
    audience: str
    searches: int = Field(ge=0)
    clicks: int = Field(ge=0)
    articles: dict[str, int] = {}


class Visits(_Row):
    """The visits the service counted, and how many viewed an article without clicking contact."""

    visits: int = Field(ge=0)
    found_answer: int = Field(ge=0)
    share: float | None = Field(ge=0, le=1, default=None)


class _Document(_Row):
    """One JSON document: the report, the searches, or both (GET /report)."""

    format: int = Field(ge=1, le=1)
    articles: list[Votes] | None = None
    searches: list[Search] | None = None
    queries: list[Query] | None = None
    visits: Visits | None = None


@dataclass(frozen=True)
class Figures:
    """Everything the service reported: votes and views by (article id, language), the searches that found nothing and
    the queries, most searched first, and the visits (None from a report without events)."""

    votes: dict[tuple[str, str], Votes] = field(default_factory=dict)
    searches: list[Search] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    visits: Visits | None = None


class FiguresError(Exception):
    """A report that is not what `report`/`searches --format json` or GET /report write."""


def parse(documents: Iterable[Any]) -> Figures:
    """Read one or more report documents (the report, the searches, or both in one) into one set of figures."""
    votes: dict[tuple[str, str], Votes] = {}
    found: list[Search] = []
    queries: list[Query] = []
    visits = None
    for document in documents:
        try:
            checked = _Document.model_validate(document)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the document"
            raise FiguresError(
                f"{where}: {first['msg']}; expected the JSON of `report --format json` or `searches --format json`"
            ) from None
        votes.update({(line.article, line.lang): line for line in checked.articles or ()})
        found += checked.searches or ()
        queries += checked.queries or ()
        visits = checked.visits or visits
    ranked = sorted(queries, key=lambda q: (-q.searches, q.query, q.lang))
    return Figures(votes, sorted(found, key=lambda s: (-s.searches, s.query, s.lang)), ranked, visits)
