"""Text folded into words the way Pagefind compares them: shared by the search vocabulary and related articles."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


def fold(value: str) -> str:
    """Lower-case and strip accents, the way Pagefind compares words: 'Reçu' -> 'recu'."""
    decomposed = unicodedata.normalize("NFD", value.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(value: str) -> list[str]:
    """Return the folded words of a text, split on anything that is not a letter or digit."""
    return _WORD.findall(fold(value))
