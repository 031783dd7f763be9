"""Reading the old tools' JSON: the lists and fields each mapper needs, or an error naming the file and what was expected."""

from __future__ import annotations

from typing import Any

from lanterne.importer.model import ExportError


def items(page: Any, key: str, where: str, what: str) -> list[dict[str, Any]]:
    """The list under `key` of one page (`key` may be dotted: collections.items), each item a mapping."""
    value = page
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ExportError(f"{where}: no '{key}' list of objects; expected {what}")
    return value


def field(item: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    """A required field of one item."""
    value = item.get(key)
    if not isinstance(value, kind) or value == "":
        name = item.get("title") or item.get("name") or item.get("id")
        raise ExportError(f"{where}: {name!r} has no '{key}'; expected every item to have one, as the API returns it")
    return value


def ident(item: dict[str, Any], where: str) -> str:
    """An item's id, as text."""
    return str(field(item, "id", where, (int, str)))


def pages_where(where: str, name: str, count: int) -> str:
    """What to call a list's files in a message: articles.json, or articles.json to articles-3.json."""
    return f"{where.rstrip('/')}/{name}.json" + (f" (to {name}-{count}.json)" if count > 1 else "")
