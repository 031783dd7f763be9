"""What a reaction may contain: every field a client sends is checked here, and nothing else is kept."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

REACTIONS = ("sad", "neutral", "happy")
REASONS = ("unanswered", "unclear", "incorrect", "other")
AUDIENCES = ("public", "internal")
MAX_COMMENT = 1000
MAX_PAGE_URL = 2048
HONEYPOT = "website"
THANKS_ANCHOR = "lt-reactions-thanks"
FIELDS = frozenset({"article", "lang", "audience", "page", "reaction", "reasons", "comment", "visitor", HONEYPOT})
SEARCH_FIELDS = frozenset({"query", "lang", "audience", HONEYPOT})
MAX_QUERY = 200
_VISITOR = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class RefusalError(Exception):
    """A request the service will not store: an HTTP status and a clear reason, sent back as JSON."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    def as_json(self) -> dict[str, object]:
        """The error body: {"error": {"code", "message", "field"}}."""
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}


@dataclass(frozen=True)
class Vote:
    """One visitor's reaction to one article; a later vote by the same visitor replaces it."""

    article: str
    lang: str
    audience: str
    reaction: str
    page: str
    visitor: str
    reasons: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class SearchMiss:
    """A search that found nothing, in one language of one audience's help centre."""

    query: str
    lang: str
    audience: str


Fields = Mapping[str, Sequence[str]]


def parse_vote(
    fields: Fields,
    *,
    is_published: Callable[[str, str, str], bool],
    origin_allowed: Callable[[str], bool],
) -> Vote:
    """Check every field of a reaction and return the vote, or raise the first RefusalError."""
    _known_fields(fields, FIELDS)
    audience = _choice(fields, "audience", AUDIENCES)
    lang = _one(fields, "lang")
    if not _LANG.match(lang):
        raise RefusalError(400, "invalid_lang", f"lang {lang!r} is not a language code; expected for example 'fr' or 'en'", "lang")
    article = _one(fields, "article")
    if not is_published(audience, article, lang):
        raise RefusalError(
            400, "unknown_article", f"article {article!r} in {lang!r} is not published in the {audience} help centre", "article"
        )
    reaction = _choice(fields, "reaction", REACTIONS)
    reasons = _reasons(fields, reaction)
    comment = _comment(fields)
    if comment and reaction == "happy":
        raise RefusalError(400, "invalid_comment", "a comment goes with a 'sad' or 'neutral' reaction only", "comment")
    return Vote(
        article=article,
        lang=lang,
        audience=audience,
        reaction=reaction,
        page=_page(fields, origin_allowed),
        visitor=_visitor(fields),
        reasons=reasons,
        comment=comment,
    )


def parse_search(fields: Fields, *, has_language: Callable[[str, str], bool]) -> SearchMiss:
    """Check a zero-result search report; the query is kept trimmed, lower-cased and with single spaces."""
    _known_fields(fields, SEARCH_FIELDS)
    audience = _choice(fields, "audience", AUDIENCES)
    lang = _one(fields, "lang")
    if not _LANG.match(lang) or not has_language(audience, lang):
        raise RefusalError(400, "invalid_lang", f"lang {lang[:12]!r} is not a language of the {audience} help centre", "lang")
    query = " ".join(_one(fields, "query").split()).casefold()
    if not query:
        raise RefusalError(400, "missing_field", "query is missing", "query")
    if len(query) > MAX_QUERY:
        raise RefusalError(400, "query_too_long", f"the query has {len(query)} characters; expected at most {MAX_QUERY}", "query")
    return SearchMiss(query=query, lang=lang, audience=audience)


def _known_fields(fields: Fields, allowed: frozenset[str]) -> None:
    """Refuse unknown fields, and a filled honeypot."""
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise RefusalError(400, "unknown_field", f"unknown field {unknown[0]!r}; expected only {', '.join(sorted(allowed))}", unknown[0])
    if _one(fields, HONEYPOT, required=False):
        raise RefusalError(400, "honeypot", f"the field {HONEYPOT!r} must stay empty: it is a trap for form robots", HONEYPOT)


def thanks_url(page: str) -> str:
    """Where a browser without JavaScript goes back after voting: the article, at its thank-you note."""
    return f"{page}#{THANKS_ANCHOR}"


def _one(fields: Fields, name: str, *, required: bool = True) -> str:
    """Return a single-valued text field."""
    values = fields.get(name) or ()
    if len(values) > 1:
        raise RefusalError(400, "repeated_field", f"{name} was sent {len(values)} times; expected it once", name)
    if not values or not values[0]:
        if required:
            raise RefusalError(400, "missing_field", f"{name} is missing", name)
        return ""
    value = values[0]
    if not isinstance(value, str):
        raise RefusalError(400, "invalid_field", f"{name} must be text", name)
    return value


def _choice(fields: Fields, name: str, allowed: Sequence[str]) -> str:
    """Return a field whose value must be one of a fixed set."""
    value = _one(fields, name)
    if value not in allowed:
        raise RefusalError(400, f"invalid_{name}", f"{name} {value[:40]!r} is not allowed; expected one of: {', '.join(allowed)}", name)
    return value


def _reasons(fields: Fields, reaction: str) -> tuple[str, ...]:
    """Return the reasons in the fixed order, each at most once; only 'sad' and 'neutral' have reasons."""
    given = fields.get("reasons") or ()
    for reason in given:
        if reason not in REASONS:
            raise RefusalError(
                400, "invalid_reason", f"reason {str(reason)[:40]!r} is not allowed; expected any of: {', '.join(REASONS)}", "reasons"
            )
    if given and reaction == "happy":
        raise RefusalError(400, "invalid_reason", "reasons go with a 'sad' or 'neutral' reaction only", "reasons")
    return tuple(reason for reason in REASONS if reason in given)


def _comment(fields: Fields) -> str:
    """Return the comment, with line endings as the reader typed them, at most MAX_COMMENT characters."""
    comment = _one(fields, "comment", required=False).replace("\r\n", "\n").strip()
    if len(comment) > MAX_COMMENT:
        raise RefusalError(400, "comment_too_long", f"the comment has {len(comment)} characters; expected at most {MAX_COMMENT}", "comment")
    return comment


def _page(fields: Fields, origin_allowed: Callable[[str], bool]) -> str:
    """Return the page URL without query or fragment, which must be on one of the help centre's origins."""
    page = _one(fields, "page")
    parts = urlsplit(page) if len(page) <= MAX_PAGE_URL else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        raise RefusalError(400, "invalid_page", "page must be the absolute http(s) URL of the article", "page")
    if not origin_allowed(f"{parts.scheme}://{parts.netloc}"):
        raise RefusalError(400, "invalid_page", f"page {page[:80]!r} is not on one of this help centre's origins", "page")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def _visitor(fields: Fields) -> str:
    """Return the anonymous visitor token; a browser without JavaScript has none, so it gets a fresh one."""
    visitor = _one(fields, "visitor", required=False)
    if not visitor:
        return f"nojs-{secrets.token_hex(16)}"
    if not _VISITOR.match(visitor):
        raise RefusalError(400, "invalid_visitor", "visitor must be 16 to 64 letters, digits, '-' or '_'", "visitor")
    return visitor
