"""File and folder names from titles: lowercase ASCII and hyphens, unique in their folder, and never a name the build uses."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
# Folders the build writes into, and names the engine gives its own pages: no collection may take them.
RESERVED = frozenset({"api", "assets", "embed", "lanterne", "pagefind", "tags", "index", "search", "404"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(title: str, *, fallback: str) -> str:
    """'Réinitialiser le mot de passe' -> 'reinitialiser-le-mot-de-passe'; `fallback` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = _NOT_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rsplit("-", 1)[0] or text[:MAX_LENGTH]
    return text or fallback


def unique(name: str, taken: set[str], *, languages: tuple[str, ...] = ()) -> str:
    """`name`, or `name-2`, `name-3`... so that no two pages of a folder share a name, nor take a reserved one."""
    candidate, number = name, 1
    while candidate in taken or candidate in RESERVED or candidate in languages or _looks_like_language(candidate):
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate)
    return candidate


def _looks_like_language(name: str) -> bool:
    """'en' or 'pt-br' as a file stem reads as a language suffix (x.en.md); not a name to give."""
    return bool(re.fullmatch(r"[a-z]{2}(?:-[a-z]{2})?", name))
