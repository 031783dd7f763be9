"""What one audience sees: the public build drops internal articles and internal notes."""

from __future__ import annotations

import re

from .model import HelpCentre

_NOTE = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+internal\b")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def is_public(audience: str) -> bool:
    """Tell whether a build serves customers, who must never see internal content."""
    return audience != "internal"


def select(centre: HelpCentre) -> list[str]:
    """Drop what the build's audience must not see; return the source paths dropped."""
    if not is_public(centre.settings.audience):
        return []
    dropped = [key for key, article in centre.articles.items() if article.audience == "internal"]
    paths = [centre.articles.pop(key).src_path for key in dropped]
    for path in paths:
        centre.by_src.pop(path, None)
    return paths


def strip_internal_notes(markdown: str) -> str:
    """Remove `!!! internal` and `??? internal` blocks, with their indented body, before rendering."""
    kept: list[str] = []
    skip_indent: int | None = None
    fence: str | None = None
    for line in markdown.split("\n"):
        if skip_indent is not None:
            if not line.strip() or _indent(line) > skip_indent:
                continue
            skip_indent = None
        if fence is None and (match := _NOTE.match(line)):
            skip_indent = _indent(match["indent"])
            continue
        if fence_match := _FENCE.match(line):
            marker = fence_match[1]
            fence = None if fence == marker else (fence or marker)
        kept.append(line)
    return "\n".join(kept)


def _indent(text: str) -> int:
    """Measure leading whitespace, counting a tab as four spaces."""
    stripped = text.lstrip(" \t")
    return len(text[: len(text) - len(stripped)].replace("\t", "    "))
