"""What one audience sees: the public build drops internal articles and internal notes."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from lanterne.content.model import HelpCentre
from lanterne.views import strings

_NOTE = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+internal\b")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def is_public(audience: str) -> bool:
    """Tell whether a build serves customers, who must never see internal content."""
    return audience != "internal"


def internal_labels(lang: str) -> dict[str, str]:
    """Return the internal build's banner and badge text in one language."""
    return {"banner": strings.text(lang, "internal.banner"), "badge": strings.text(lang, "internal.badge")}


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


# Links and images in Markdown (`](x)`, `[id]: x`) and in raw HTML (`src="x"`, `href="x"`).
_REFERENCE = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]*\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:\s|$)|\b(?:src|href)=[\"']([^\"']+)", re.MULTILINE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#")


def internal_only_assets(
    texts: dict[str, str], *, published: set[str], assets: set[str], memo: dict[str, tuple[str, set[str], set[str]]] | None = None
) -> set[str]:
    """Return the asset files that only unpublished or internal content refers to.

    `texts` holds every Markdown source by path relative to docs/; `published` the sources this build
    renders (their internal notes are stripped); `assets` the other files of docs/. An asset nobody
    refers to stays, since a template or an app may use it. `memo` keeps each source's references between
    the builds of a preview: source path to (text, all references, references outside internal notes).
    """
    public_refs: set[str] = set()
    all_refs: set[str] = set()
    for src, text in texts.items():
        known = memo.get(src) if memo is not None else None
        if known is None or known[0] != text:
            known = (text, *_references_in(src, text))
            if memo is not None:
                memo[src] = known
        all_refs |= known[1]
        if src in published:
            public_refs |= known[2]
    return (all_refs - public_refs) & assets


def _references_in(src: str, text: str) -> tuple[set[str], set[str]]:
    """A source's references, and those left once its internal notes are stripped."""
    found = references(src, text)
    stripped = strip_internal_notes(text)
    return found, found if stripped == text else references(src, stripped)


def references(src: str, markdown: str) -> set[str]:
    """Return the docs/-relative paths a Markdown source links to or embeds."""
    found = set()
    folder = posixpath.dirname(src)
    for match in _REFERENCE.finditer(markdown):
        target = next(group for group in match.groups() if group)
        if _SCHEME.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path:
            found.add(posixpath.normpath(posixpath.join(folder, unquote(path))).lstrip("/"))
    return found
