"""Emoji in articles as Twemoji SVG with a text alternative: `:shortcodes:` and the Unicode emoji authors type."""

# pymdownx.emoji turns `:white_check_mark:` into an emoji; this Markdown extension (`lanterne.emoji`) does the same
# for a ✅ typed as such, through the same index and generator. `to_svg` is that generator: Material's, except that
# an emoji becomes its Twemoji SVG written into the page, not an image on a third-party CDN, so that it shows the
# same offline, in the embed, in print and under a strict Content-Security-Policy.

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from material.extensions import emoji as material_emoji

from lanterne.views.twemoji import twemoji_svg

# Characters shown as emoji by default (Unicode's Emoji_Presentation) below U+1F000; others, such as © or ⚠,
# are text unless followed by U+FE0F, and stay text here too.
_PRESENTATION_BMP = re.compile(
    "[\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be"
    "\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757"
    "\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55]"
)
VARIATION = "\ufe0f"
# Where the priority of pymdownx.emoji's own pattern (75) leaves room: after escapes and code, before emphasis.
PRIORITY = 74


def to_svg(
    index: str,
    shortname: str,
    alias: str | None,
    uc: str | None,
    alt: str,
    title: str | None,
    category: str | None,
    options: dict,
    md: Markdown,
) -> Element:
    """pymdownx.emoji's generator: a Twemoji emoji inline as SVG named by `alt`; icons (`:material-…:`) as Material does."""
    svg = twemoji_svg(uc, alt) if uc else None
    if svg is None:
        return material_emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    element = Element("span", {"class": options.get("classes", index)})
    element.text = md.htmlStash.store(svg)
    return element


class UnicodeEmojiProcessor(InlineProcessor):
    """Find a Unicode emoji typed in the text and hand it to the emoji generator, as if it were its shortcode."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(r"[\u2000-\u2bff\U0001f000-\U0001faff]", md)

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:  # noqa: N802 (Markdown's name)
        """Take the longest emoji sequence that starts here; leave text characters alone."""
        if "emoji" not in self.md.inlinePatterns:
            return None, None, None
        pattern = self.md.inlinePatterns["emoji"]
        sequences = _sequences(pattern.emoji_index)
        start = m.start(0)
        # The longest emoji sequences (families, flags of regions) are 10 code points.
        for length in range(min(10, len(data) - start), 0, -1):
            shortname = sequences.get(data[start : start + length])
            if shortname is not None:
                return pattern.handleMatch(_Shortcode(shortname), data)[0], start, start + length
        return None, None, None


class _Shortcode:
    """What pymdownx.emoji's pattern reads from a match: the shortcode as group 1."""

    def __init__(self, shortname: str) -> None:
        self._shortname = shortname

    def group(self, number: int) -> str:
        """Group 1 is the shortcode."""
        return self._shortname

    def start(self, number: int = 0) -> int:
        """Unused: the processor answers with the emoji's own span."""
        return 0

    def end(self, number: int = 0) -> int:
        """Unused: the processor answers with the emoji's own span."""
        return 0


# Static data, not build state: one table per emoji index (twemoji, gemoji, emojione), made on first use.
_TABLES: dict[str, dict[str, str]] = {}


def _sequences(index: dict[str, Any]) -> dict[str, str]:
    """Each emoji's Unicode sequences (with and without U+FE0F) mapped to its shortcode."""
    table = _TABLES.get(index["name"])
    if table is None:
        table = _TABLES[index["name"]] = _table(index["emoji"])
    return table


def _table(entries: dict[str, dict[str, Any]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for shortname, entry in entries.items():
        for code in {entry.get("unicode_alt"), entry.get("unicode")} - {None}:
            text = "".join(chr(int(point, 16)) for point in code.split("-"))
            # As typed: with or without U+FE0F, which also asks for the emoji form of a text symbol such as ✔.
            for form in (text, text.replace(VARIATION, ""), text + VARIATION if len(text) == 1 else text):
                if _is_emoji(form):
                    table.setdefault(form, shortname)
    return table


def _is_emoji(text: str) -> bool:
    """An emoji by default: a pictograph from U+1F000, a BMP emoji with emoji presentation, or one asked for by U+FE0F."""
    first = text[0]
    return ord(first) >= 0x2000 and (VARIATION in text or ord(first) >= 0x1F000 or bool(_PRESENTATION_BMP.match(first)))


class UnicodeEmojiExtension(Extension):
    """`lanterne.emoji`: Unicode emoji in the Markdown render like their `:shortcodes:` (needs pymdownx.emoji)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        """Register the pattern; the index is read from pymdownx.emoji's when the first page renders."""
        md.inlinePatterns.register(UnicodeEmojiProcessor(md), "lanterne-emoji", PRIORITY)


def makeExtension(**kwargs: Any) -> UnicodeEmojiExtension:  # noqa: N802 (Markdown's entry point)
    """Markdown's entry point for `lanterne.emoji`."""
    return UnicodeEmojiExtension(**kwargs)
