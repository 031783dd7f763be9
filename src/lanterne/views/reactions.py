"""Reactions ("Did this answer your question?"): the endpoint setting, the block's text, the manifest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lanterne.content.model import Article
from lanterne.views import strings, twemoji
from lanterne.views.audience import is_public

WHERE = "mkdocs.yml: extra.lanterne.feedback"
MANIFEST_PATH = "lanterne/feedback-manifest.json"
MANIFEST_FORMAT = 1
REACTIONS = (("sad", "😞"), ("neutral", "😐"), ("happy", "😃"))
REASONS = ("unanswered", "unclear", "incorrect", "other")
MAX_COMMENT = 1000
_ABSOLUTE = re.compile(r"^https?://[^\s/]+(/\S*)?$")
_PATH = re.compile(r"^[^\s:]+$")


@dataclass(frozen=True)
class Entry:
    """One published article page, as the feedback service needs to know it."""

    id: str
    lang: str
    audience: str
    title: str
    url: str


def endpoint(options: object, *, site_url: str | None) -> tuple[str | None, list[str]]:
    """Return where reactions are posted (None: no reactions), or the problems with the setting."""
    if options is None:
        return None, []
    if not isinstance(options, dict) or set(options) - {"endpoint"}:
        return None, [f"{WHERE}: got {options!r}; expected a mapping with one key, endpoint"]
    value = options.get("endpoint")
    if value is None:
        return None, []
    if not isinstance(value, str) or not (_ABSOLUTE.match(value) or _PATH.match(value)):
        return None, [
            f"{WHERE}.endpoint: got {value!r}; expected an absolute URL (https://feedback.example.com/reactions) "
            "or a path on the help centre's host (/feedback/reactions)"
        ]
    if _ABSOLUTE.match(value) or value.startswith("/"):
        return value, []
    # A relative path is relative to the site root, not to each article's own URL.
    root = urlsplit(site_url or "/").path.rstrip("/")
    return f"{root}/{value}", []


def texts(languages: Iterable[str]) -> dict[str, dict[str, object]]:
    """The block's interface text in each language, handed to the template through config.extra."""
    return {lang: _text(lang) for lang in languages}


def _text(lang: str) -> dict[str, object]:
    """The question, the faces, the reasons, and every message the script may show, in one language."""
    keys = ("question", "thanks", "change", "reasons", "comment", "comment_hint", "send", "sent", "contact")
    # A refusal says what happened: signed out (401, 403), the limit reached (429), the service down (5xx, no answer).
    keys += ("failure", "failure_signed_out", "failure_limit", "failure_down")
    return {
        **{key: strings.text(lang, f"reactions.{key}", max=MAX_COMMENT) for key in keys},
        "choices": [
            {"value": value, "emoji": emoji, "svg": twemoji.char_svg(emoji), "label": strings.text(lang, f"reactions.{value}")}
            for value, emoji in REACTIONS
        ],
        "reason_choices": [{"value": value, "label": strings.text(lang, f"reactions.reason.{value}")} for value in REASONS],
        "max_comment": MAX_COMMENT,
    }


def entries(articles: Iterable[Article]) -> list[Entry]:
    """The published articles as the feedback service knows them."""
    return [Entry(a.id, a.lang, a.audience, a.title, a.url) for a in articles]


def manifest(entries: Iterable[Entry], *, audience: str, site_url: str | None) -> dict[str, object]:
    """The articles this build published, for the service; a public build never lists an internal article."""
    public = is_public(audience)
    articles = sorted(
        ({"id": e.id, "lang": e.lang, "title": e.title, "url": e.url} for e in entries if not (public and e.audience != "public")),
        key=lambda item: (item["id"], item["lang"]),
    )
    return {"format": MANIFEST_FORMAT, "audience": "public" if public else "internal", "site_url": site_url, "articles": articles}
