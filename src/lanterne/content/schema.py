"""What the front matter of an article, a collection, the home page and a page may contain."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from lanterne.content import aliases, periods, safe_text, wording
from lanterne.content.frontmatter import FrontMatter
from lanterne.content.problems import Problem

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ICON = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
_CONTEXT = re.compile(r"^/[^\s?#]*$")
# An id names the article's API document and its reactions: ASCII path segments, so no look-alike letter can stand for
# another and every id is a file name (an id with a Cyrillic i was accepted and its document silently not written).
ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
_ID_EXAMPLE = "expected ASCII letters, digits, '-', '_' and '.' in segments separated by '/', such as factures/envoyer"


def _parse_date(value: Any) -> date:
    """Accept only a real calendar date written YYYY-MM-DD."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date; expected YYYY-MM-DD, for example 2024-09-13")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date; expected YYYY-MM-DD, for example 2024-09-13") from None


def _check_icon(value: Any) -> Any:
    """Accept a Material icon name such as material/receipt-text."""
    if isinstance(value, str) and not _ICON.match(value):
        raise ValueError(f"{value!r} is not an icon name; expected a name such as material/receipt-text")
    return value


def _check_context(value: Any) -> Any:
    """Accept a URL path glob of the host app, such as /factures/* or /devis/*/envoyer."""
    if isinstance(value, str) and not _CONTEXT.match(value):
        raise ValueError(f"{value!r} is not a path glob; expected a path of your app starting with /, such as /factures/*")
    return value


def _check_id(value: Any) -> Any:
    """Accept an article id of ASCII path segments, naming the first character that is not one."""
    if not isinstance(value, str) or ID.fullmatch(value):
        return value
    odd = next((char for char in value if not char.isascii()), None)
    if odd is not None:
        name = unicodedata.name(odd, "a character without a name")
        return _refuse(f"{value!r} holds {name} (U+{ord(odd):04X}), which is not ASCII; {_ID_EXAMPLE}")
    return _refuse(f"{value!r} is not an id; {_ID_EXAMPLE}")


def _check_word(value: Any) -> Any:
    """Accept a tag or keyword without hidden characters, in Unicode's composed form (NFC), as readers type it."""
    if not isinstance(value, str):
        return value
    hidden = safe_text.hidden_in(value)
    if hidden:
        return _refuse(f"{value!r} holds {hidden}, which readers cannot see; expected visible letters, digits and punctuation")
    return unicodedata.normalize("NFC", value)


def _refuse(message: str) -> Any:
    """Raise a validation error with the message as given (pydantic words it as the key's problem)."""
    raise ValueError(message)


# Limits that keep one article from costing the build minutes; far above what a readable article needs.
MAX_TITLE = 200
MAX_DESCRIPTION = 500
MAX_TAGS = 20
MAX_KEYWORDS = 50
MAX_WORD = 80
MAX_LIST = 50

Day = Annotated[date, BeforeValidator(_parse_date)]
Title = Annotated[str, Field(max_length=MAX_TITLE)]
Description = Annotated[str, Field(max_length=MAX_DESCRIPTION)]
Word = Annotated[str, Field(max_length=MAX_WORD), BeforeValidator(_check_word)]
ArticleId = Annotated[str, BeforeValidator(_check_id)]
Icon = Annotated[str, BeforeValidator(_check_icon)]
ContextGlob = Annotated[str, BeforeValidator(_check_context)]
Every = Annotated[periods.Period, BeforeValidator(periods.parse)]
AliasPath = Annotated[str, BeforeValidator(aliases.check_path)]


# The text form of each value a validator above checks, for forms that check as they are filled (lanterne.cms):
# one rule, read by the build and by the editor alike.
PATTERNS: dict[Any, re.Pattern[str]] = {
    _parse_date: _DATE,
    _check_icon: _ICON,
    _check_context: _CONTEXT,
    periods.parse: periods._PERIOD,
    aliases.check_path: aliases._PATH,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _MaterialKeys(_Strict):
    """Material's own page keys, which stay allowed everywhere."""

    hide: list[str] | None = None
    search: dict[str, Any] | None = None
    status: str | None = None
    template: str | None = None
    subtitle: str | None = None
    comments: bool | None = None


class ArticleMeta(_MaterialKeys):
    """Front matter of an article: docs/<collection>/[<sub-collection>/]<slug>.md."""

    title: Title
    description: Description | None = None
    author: str
    updated: Day | None = None
    created: Day | None = None
    tags: Annotated[list[Word], Field(max_length=MAX_TAGS)] = []
    keywords: Annotated[list[Word], Field(max_length=MAX_KEYWORDS)] = []
    audience: Literal["public", "internal"] = "public"
    order: int | None = None
    related: Annotated[list[str], Field(max_length=MAX_LIST)] = []
    id: ArticleId | None = None
    context: Annotated[list[ContextGlob], Field(max_length=MAX_LIST)] = []
    owner: str | None = None
    review_by: Day | None = None
    review_every: Every | None = None
    aliases: Annotated[list[AliasPath], Field(max_length=MAX_LIST)] = []


class TranslationMeta(ArticleMeta):
    """Front matter of an article's translation: the author is inherited from the source."""

    author: str | None = None


class CollectionMeta(_MaterialKeys):
    """Front matter of a collection or sub-collection: docs/<collection>/index.md."""

    title: str
    description: str | None = None
    icon: Icon | None = None
    order: int | None = None
    review_every: Every | None = None


class Hero(_Strict):
    """The home page's hero banner."""

    title: str | None = None
    subtitle: str | None = None


class HomeMeta(_MaterialKeys):
    """Front matter of the home page: docs/index.md."""

    title: str | None = None
    description: str | None = None
    hero: Hero | None = None


class PageMeta(_MaterialKeys):
    """Front matter of a standalone page directly under docs/ (legal notice, ...)."""

    title: str
    description: str | None = None


class Author(_Strict):
    """One entry of docs/.authors.yml, in the format of Material's blog plugin."""

    name: str
    description: str | None = None
    avatar: str | None = None
    slug: str | None = None
    url: str | None = None


def validate(model: type[_Strict], front: FrontMatter, path: str) -> tuple[Any | None, list[Problem]]:
    """Validate front matter against a schema; return the typed value or the problems found."""
    try:
        return model.model_validate(front.data), []
    except ValidationError as error:
        details = _one_per_mistake(model, error.errors())
        problems = [_problem(model, front, path, detail) for detail in details]
        return None, sorted(problems, key=lambda problem: problem.line)


def _one_per_mistake(model: type[_Strict], details: list[Any]) -> list[Any]:
    """Drop a required key's absence when a misspelt key beside it names it: `autor:` says "did you mean 'author'?" once."""
    missing = {tuple(d["loc"]) for d in details if d["type"] == "missing"}
    meant = set()
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden":
            guess = difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1]), n=1, cutoff=wording.GUESS)
            meant |= {(*loc[:-1], guess[0])} & missing if guess else set()
    return [detail for detail in details if tuple(detail["loc"]) not in meant]


def _problem(model: type[_Strict], front: FrontMatter, path: str, detail: dict[str, Any]) -> Problem:
    """Turn one pydantic error into a message an author can act on, worded as every validation error is."""
    loc = tuple(detail["loc"])
    key = wording.key_of(loc) or "front matter"
    if detail["type"] == "missing":
        return Problem(path, front.start_line, key, wording.explain(detail, expected=_hint(key)))
    keys = _allowed_keys(model, loc[:-1]) if detail["type"] == "extra_forbidden" else ()
    expected = "a list of texts, one '- item' per line" if detail["type"] == "list_type" else None
    return Problem(path, front.line_of(*loc), key, wording.explain(detail, keys=keys, expected=expected))


def _allowed_keys(model: type[_Strict], loc: tuple[Any, ...]) -> list[str]:
    """Return the keys a mapping at `loc` accepts."""
    for part in loc:
        annotation = model.model_fields[str(part)].annotation
        model = next(arg for arg in getattr(annotation, "__args__", (annotation,)) if isinstance(arg, type) and issubclass(arg, BaseModel))
    material = list(_MaterialKeys.model_fields) if issubclass(model, _MaterialKeys) else []
    return [name for name in model.model_fields if name not in material] + material


def _hint(key: str) -> str:
    """Describe what a required key should hold."""
    return {
        "title": "a title, for example title: Envoyer une facture par email",
        "author": "an author id from docs/.authors.yml, for example author: sophie",
        "name": "the author's display name",
    }.get(key, f"a value for '{key}'")
