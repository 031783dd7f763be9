"""The Markdown files of a plan: front matter as AUTHORING.md defines it, then the converted body."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from lanterne.importer.model import Variant
from lanterne.importer.plan import PlannedEntry, PlannedGroup

# The schema's limits (lanterne.content.schema): an import never writes a file the build would refuse.
MAX_TITLE, MAX_DESCRIPTION, MAX_TAGS, MAX_KEYWORDS, MAX_WORD = 200, 500, 20, 50, 80


def markdown_file(front: dict[str, Any], body: str) -> str:
    """A Markdown file: the YAML front matter block, then the body."""
    data = {key: value for key, value in front.items() if value not in (None, [], "")}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n{body.strip()}\n" if body.strip() else f"---\n{text}---\n"


def group_front(planned: PlannedGroup, lang: str, default: str) -> dict[str, Any]:
    """A collection's index.md: title, description, icon and order (these two in the default language's file)."""
    variant = planned.variants[lang]
    front: dict[str, Any] = {"title": _cut(variant.title, MAX_TITLE), "description": _description(variant)}
    if lang == default:
        front["icon"] = planned.group.icon
        front["order"] = planned.group.order
    return front


def entry_front(planned: PlannedEntry, lang: str, default: str, *, author: str, related: list[str], notes: list[str]) -> dict[str, Any]:
    """An article's front matter; a translation writes only what is its own (AUTHORING.md, Translations)."""
    entry, variant = planned.entry, planned.variants[lang]
    front: dict[str, Any] = {"title": _cut(variant.title, MAX_TITLE), "description": _description(variant)}
    if lang == default:
        front["author"] = author
    front["updated"] = variant.updated
    if lang == default and entry.created and (variant.updated is None or entry.created <= variant.updated):
        front["created"] = entry.created
    front["tags"] = _words(entry.tags, MAX_TAGS, "tags", notes)
    front["keywords"] = _words(entry.keywords, MAX_KEYWORDS, "keywords", notes)
    if lang == default:
        front["audience"] = "internal" if entry.internal else None
        front["order"] = entry.order
        front["related"] = related
    return front


def _description(variant: Variant) -> str | None:
    """One line of description, within the schema's limit."""
    text = " ".join((variant.description or "").split())
    return _cut(text, MAX_DESCRIPTION) or None


def _words(words: list[str], limit: int, key: str, notes: list[str]) -> list[str]:
    """Tags or keywords as text (numbers too), each within the limit, at most `limit` of them."""
    kept = list(dict.fromkeys(_cut(str(word).strip(), MAX_WORD) for word in words if str(word).strip()))
    if len(kept) > limit:
        notes.append(f"{len(kept)} {key}, kept the first {limit}")
    return kept[:limit]


def _cut(text: str, limit: int) -> str:
    """Text cut at a word to fit a limit."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def day(value: str | int | float | None) -> date | None:
    """A date from an ISO timestamp (Zendesk, Help Scout) or Unix seconds (Intercom)."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        from datetime import UTC, datetime

        return datetime.fromtimestamp(value, UTC).date()
    return date.fromisoformat(str(value)[:10])
