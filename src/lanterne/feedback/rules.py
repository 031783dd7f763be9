"""What a reaction may contain: every field a client sends is checked here, and nothing else is kept."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from lanterne.feedback.fields import HONEYPOT, Fields, RefusalError, choice, known_fields, one

REACTIONS = ("sad", "neutral", "happy")
REASONS = ("unanswered", "unclear", "incorrect", "other")
AUDIENCES = ("public", "internal")
MAX_COMMENT = 1000
MAX_PAGE_URL = 2048
THANKS_ANCHOR = "lt-reactions-thanks"
FIELDS = frozenset({"article", "lang", "audience", "page", "reaction", "reasons", "comment", "visitor", HONEYPOT})
SEARCH_FIELDS = frozenset({"query", "lang", "audience", HONEYPOT})
MAX_QUERY = 200
_VISITOR = re.compile(r"[A-Za-z0-9_-]{16,64}")  # always fullmatch: "$" would let a trailing newline in
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


@dataclass(frozen=True)
class Vote:
    """One visitor's reaction to one article in one language; a later vote by the same visitor there replaces it."""

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


def parse_vote(
    fields: Fields,
    *,
    audience: str,
    is_published: Callable[[str, str, str], bool],
    origin_allowed: Callable[[str], bool],
) -> Vote:
    """Check every field of a reaction from `audience`'s help centre; return the vote, or raise the first RefusalError."""
    known_fields(fields, FIELDS)
    _audience(fields, audience)
    lang = one(fields, "lang")
    if not _LANG.fullmatch(lang):
        raise RefusalError(400, "invalid_lang", f"lang {lang[:12]!r} is not a language code; expected for example 'fr' or 'en'", "lang")
    article = one(fields, "article")
    # The same answer for an id this audience does not see and for an id nobody publishes: outsiders learn no ids.
    if not is_published(audience, article, lang):
        raise RefusalError(
            400, "unknown_article", f"article {article[:200]!r} in {lang!r} is not published in the {audience} help centre", "article"
        )
    reaction = choice(fields, "reaction", REACTIONS)
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


def parse_search(fields: Fields, *, audience: str, has_language: Callable[[str, str], bool]) -> SearchMiss:
    """Check a zero-result search from `audience`'s help centre; the query is kept trimmed, lower-cased, single-spaced."""
    known_fields(fields, SEARCH_FIELDS)
    _audience(fields, audience)
    lang = one(fields, "lang")
    if not _LANG.fullmatch(lang) or not has_language(audience, lang):
        raise RefusalError(400, "invalid_lang", f"lang {lang[:12]!r} is not a language of the {audience} help centre", "lang")
    query = " ".join(one(fields, "query").split()).casefold()
    if not query:
        raise RefusalError(400, "missing_field", "query is missing", "query")
    if len(query) > MAX_QUERY:
        raise RefusalError(400, "query_too_long", f"the query has {len(query)} characters; expected at most {MAX_QUERY}", "query")
    return SearchMiss(query=query, lang=lang, audience=audience)


def valid_lang(lang: str) -> bool:
    """Whether the text reads as a language code ("fr", "pt-BR")."""
    return bool(_LANG.fullmatch(lang))


def _audience(fields: Fields, audience: str) -> None:
    """The server knows the audience; a client may say it too (the pages do), but only to have a mistake caught."""
    claimed = choice(fields, "audience", AUDIENCES, required=False)
    if claimed and claimed != audience:
        raise RefusalError(
            400,
            "audience_mismatch",
            f"audience {claimed!r} does not match the help centre this request comes from, which is {audience}",
            "audience",
        )


def thanks_url(page: str) -> str:
    """Where a browser without JavaScript goes back after voting: the article, at its thank-you note."""
    return f"{page}#{THANKS_ANCHOR}"


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
    comment = one(fields, "comment", required=False).replace("\r\n", "\n").strip()
    if len(comment) > MAX_COMMENT:
        raise RefusalError(400, "comment_too_long", f"the comment has {len(comment)} characters; expected at most {MAX_COMMENT}", "comment")
    return comment


def _page(fields: Fields, origin_allowed: Callable[[str], bool]) -> str:
    """Return the page URL without query or fragment, which must be on one of the help centre's origins."""
    page = one(fields, "page")
    try:
        parts = urlsplit(page) if len(page) <= MAX_PAGE_URL else None
    except ValueError:  # an unclosed IPv6 host, a host that NFKC normalization changes (a full-width solidus): not a URL
        parts = None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        raise RefusalError(400, "invalid_page", "page must be the absolute http(s) URL of the article", "page")
    if not origin_allowed(f"{parts.scheme}://{parts.netloc}"):
        raise RefusalError(400, "invalid_page", f"page {page[:80]!r} is not on one of this help centre's origins", "page")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def _visitor(fields: Fields) -> str:
    """Return the anonymous visitor token; a browser without JavaScript has none, so it gets a fresh one."""
    visitor = one(fields, "visitor", required=False)
    if not visitor:
        return f"nojs-{secrets.token_hex(16)}"
    if not _VISITOR.fullmatch(visitor):
        raise RefusalError(400, "invalid_visitor", "visitor must be 16 to 64 letters, digits, '-' or '_'", "visitor")
    return visitor
