"""What the store keeps, row by row: what the report reads, and the whole rows that export and import carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lanterne.feedback.rules import MAX_COMMENT, MAX_QUERY

# No stored text holds NUL: PostgreSQL refuses it, and the service refuses it in every field.
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^\x00]*$")]
Reason = Literal["unanswered", "unclear", "incorrect", "other"]


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


@dataclass(frozen=True)
class StoredEvent:
    """One raw event as the report reads it: enough to cut a visitor's events into visits."""

    visitor: str
    at: str
    kind: str
    audience: str
    lang: str
    article: str


@dataclass(frozen=True)
class DayCount:
    """How many events of one kind an article (and, for a search, a query) had in one language and audience, all days summed."""

    kind: str
    audience: str
    lang: str
    article: str
    query: str
    events: int


class VoteRow(BaseModel):
    """One stored vote, every column: one line of an export."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["vote"] = "vote"
    article: Text
    visitor: Text
    lang: Text
    audience: Literal["public", "internal"]
    reaction: Literal["sad", "neutral", "happy"]
    reasons: tuple[Reason, ...] = ()
    comment: Annotated[str, StringConstraints(max_length=MAX_COMMENT, pattern=r"^[^\x00]*$")] = ""
    page: Text
    created_at: Text
    updated_at: Text
    revisions: Annotated[int, Field(ge=1)] = 1


class SearchRow(BaseModel):
    """One query that found nothing, every column: one line of an export."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["search"] = "search"
    query: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUERY, pattern=r"^[^\x00]*$")]
    lang: Text
    audience: Literal["public", "internal"]
    searches: Annotated[int, Field(ge=1)] = 1
    first_at: Text
    last_at: Text


Row = VoteRow | SearchRow
