"""Text folded into words the way Pagefind compares them: shared by the search vocabulary and related articles."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


class _Marks(dict[int, int | None]):
    """For str.translate: combining marks map to None (removed), every other character to itself; learnt as met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_MARKS = _Marks()


def fold(value: str) -> str:
    """Lower-case and strip accents, the way Pagefind compares words: 'Reçu' -> 'recu'."""
    decomposed = unicodedata.normalize("NFD", value.casefold().replace("œ", "oe").replace("æ", "ae"))
    # translate, not a loop over characters: every article's text is folded, for the search vocabulary.
    return decomposed.translate(_MARKS)


def words(value: str) -> list[str]:
    """Return the folded words of a text, split on anything that is not a letter or digit."""
    return _WORD.findall(fold(value))
