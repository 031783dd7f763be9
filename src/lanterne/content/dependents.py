"""Files left out only because another one is: a translation with its source, a file with its collection, an article with its author.

Their mistake is reported once, where it is; the files that depend on it are left out with it and say so in one line,
rather than each reporting a problem of its own that the author has nothing to fix in.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from typing import Any

from lanterne.content.siblings import Parsed, default_src

AUTHORS = ".authors.yml"


def find(
    parsed: Mapping[str, Parsed], left_out: Container[str], *, default_language: str, unread_author: Callable[[str | None], bool]
) -> dict[str, str]:
    """Every parsed file not yet left out that depends on one that is, with the file (relative to docs/) that leaves it out."""
    found: dict[str, str] = {}
    changed = True
    # A chain (collection, sub-collection, article, translation) is a few levels deep: a few passes settle it.
    while changed:
        changed = False
        for src_path, entry in parsed.items():
            if src_path in left_out or src_path in found:
                continue
            cause = _cause(entry, parsed, lambda path: path in left_out or path in found, default_language, unread_author)
            if cause is not None:
                while cause in found:  # name the file to fix, not the one it left out
                    cause = found[cause]
                found[src_path] = cause
                changed = True
    return found


def _cause(
    entry: Parsed,
    parsed: Mapping[str, Parsed],
    is_out: Callable[[str], bool],
    default_language: str,
    unread_author: Callable[[str | None], bool],
) -> str | None:
    """The file one parsed file depends on that is left out, if any."""
    source, _, meta = entry
    translated = source.lang != default_language
    if translated and is_out(default_src(source)):
        return default_src(source)
    if source.kind in ("article", "collection") and source.collection:
        indexes = [f"{source.collection}/index.md"] + ([f"{source.collection}/index.{source.lang}.md"] if translated else [])
        if out := next((index for index in indexes if is_out(index)), None):
            return out
    if source.kind == "article":
        origin = parsed.get(default_src(source)) if translated else None
        people: list[Any] = [meta.author or (origin[2].author if origin else None), getattr(meta, "owner", None)]
        if any(unread_author(person) for person in people):
            return AUTHORS
    return None
