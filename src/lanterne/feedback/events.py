"""What a batch of reader events may contain (an article view, a search and the result opened, a contact click): every
field a page sends is checked here, and nothing else is kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lanterne.feedback.fields import RefusalError
from lanterne.feedback.rules import AUDIENCES, MAX_QUERY, valid_lang

KINDS = ("view", "search", "contact")
SURFACES = ("page", "embed")
MAX_EVENTS = 50  # a page sends a handful; a batch of 50 is one busy tab's minute
BODY_LIMIT = 16384
MAX_CONTEXT = 200
BATCH_FIELDS = frozenset({"events", "audience", "surface", "context"})
EVENT_FIELDS = {"view": {"type", "article", "lang"}, "search": {"type", "query", "lang", "article"}, "contact": {"type", "article", "lang"}}


@dataclass(frozen=True)
class Event:
    """One thing a reader did, in one language of one audience's help centre; `article` is "" where none applies."""

    kind: str
    lang: str
    audience: str
    article: str = ""
    query: str = ""
    surface: str = "page"
    context: str = ""


@dataclass(frozen=True)
class Checks:
    """What the published manifests answer: whether an article, or a language, is in an audience's help centre."""

    is_published: Callable[[str, str, str], bool]
    has_language: Callable[[str, str], bool]


def parse_batch(body: bytes, *, audience: str, checks: Checks) -> list[Event]:
    """Check a JSON batch {"events": [...], "surface", "context"} from `audience`'s help centre; refuse it whole at the first fault."""
    data = _object(body)
    unknown = sorted(set(data) - BATCH_FIELDS)
    if unknown:
        raise RefusalError(400, "unknown_field", f"unknown field {unknown[0][:40]!r}; expected only {', '.join(sorted(BATCH_FIELDS))}")
    claimed = data.get("audience")
    if claimed is not None and claimed not in AUDIENCES:
        raise RefusalError(400, "invalid_audience", f"audience must be one of: {', '.join(AUDIENCES)}", "audience")
    if claimed is not None and claimed != audience:
        message = f"audience {claimed!r} does not match the help centre this request comes from, which is {audience}"
        raise RefusalError(400, "audience_mismatch", message, "audience")
    surface = data.get("surface", "page")
    if surface not in SURFACES:
        raise RefusalError(400, "invalid_surface", f"surface must be one of: {', '.join(SURFACES)}", "surface")
    context = _context(data.get("context", ""), surface)
    events = data.get("events")
    if not isinstance(events, list) or not events:
        raise RefusalError(400, "missing_field", "events must be a list of at least one event", "events")
    if len(events) > MAX_EVENTS:
        raise RefusalError(400, "too_many_events", f"the batch has {len(events)} events; expected at most {MAX_EVENTS}", "events")
    return [_event(item, index, audience, surface, context, checks) for index, item in enumerate(events)]


def _object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError, ValueError):
        raise RefusalError(400, "invalid_body", "the body is not a JSON object in UTF-8") from None
    if not isinstance(data, dict):
        raise RefusalError(400, "invalid_body", "the body must be a JSON object")
    return data


def _event(item: object, index: int, audience: str, surface: str, context: str, checks: Checks) -> Event:
    """One event of the batch, every field checked; `events[3].lang` names the field that is wrong."""
    where = f"events[{index}]"
    if not isinstance(item, dict):
        raise RefusalError(400, "invalid_event", f"{where} must be an object", where)
    kind = item.get("type")
    if kind not in KINDS:
        raise RefusalError(400, "invalid_type", f"{where}.type must be one of: {', '.join(KINDS)}", f"{where}.type")
    unknown = sorted(set(item) - EVENT_FIELDS[kind])
    if unknown:
        expected = ", ".join(sorted(EVENT_FIELDS[kind]))
        raise RefusalError(400, "unknown_field", f"{where}: unknown field {unknown[0][:40]!r}; a {kind} has {expected}", where)
    lang = _text(item, "lang", where)
    if not valid_lang(lang) or not checks.has_language(audience, lang):
        message = f"{where}.lang {lang[:12]!r} is not a language of the {audience} help centre"
        raise RefusalError(400, "invalid_lang", message, f"{where}.lang")
    article = _text(item, "article", where, required=kind == "view")
    if article and not checks.is_published(audience, article, lang):
        message = f"{where}.article {article[:200]!r} in {lang!r} is not published in the {audience} help centre"
        raise RefusalError(400, "unknown_article", message, f"{where}.article")
    query = _query(item, where) if kind == "search" else ""
    return Event(kind, lang, audience, article, query, surface, context)


def _text(item: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    """A text field of an event, without NUL or lone surrogates; "" when it may be left out and was."""
    value = item.get(name)
    if value is None or value == "":
        if required:
            raise RefusalError(400, "missing_field", f"{where}.{name} is missing", f"{where}.{name}")
        return ""
    if not isinstance(value, str) or "\x00" in value or not _encodes(value):
        raise RefusalError(400, "invalid_field", f"{where}.{name} must be text", f"{where}.{name}")
    return value


def _query(item: dict[str, Any], where: str) -> str:
    """The query as the zero-result report keeps it: trimmed, lower-cased, single-spaced, at most MAX_QUERY characters."""
    query = " ".join(_text(item, "query", where).split()).casefold()
    if not query:
        raise RefusalError(400, "missing_field", f"{where}.query is missing", f"{where}.query")
    if len(query) > MAX_QUERY:
        message = f"{where}.query has {len(query)} characters; expected at most {MAX_QUERY}"
        raise RefusalError(400, "query_too_long", message, f"{where}.query")
    return query


def _context(value: object, surface: str) -> str:
    """The app's page an embed panel was opened from, without its query or fragment (which may name a person)."""
    if value in (None, ""):
        return ""
    if surface != "embed":
        message = "context goes with surface 'embed' only: it is the app's page the panel opened on"
        raise RefusalError(400, "invalid_context", message, "context")
    if not isinstance(value, str) or "\x00" in value or not _encodes(value):
        raise RefusalError(400, "invalid_context", "context must be text: the app's path", "context")
    return value.split("?")[0].split("#")[0][:MAX_CONTEXT]


def _encodes(value: str) -> bool:
    """JSON's \\ud800 escapes give strings that UTF-8 (so SQLite, and the report) cannot hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
