"""The old tools' own markup, turned into what Lanterne writes: callouts into admonitions, videos into links, headings demoted."""

from __future__ import annotations

import colorsys
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

# A callout's kind from its class: Zendesk themes (callout--warning, alert-info), Help Scout (callout-yellow), Intercom's own.
_KIND_WORDS = {
    "warning": "warning",
    "warn": "warning",
    "caution": "warning",
    "yellow": "warning",
    "orange": "warning",
    "danger": "danger",
    "error": "danger",
    "red": "danger",
    "tip": "tip",
    "success": "tip",
    "green": "tip",
    "info": "info",
    "blue": "info",
    "note": "note",
    "important": "warning",
}
_CALLOUT_CLASS = re.compile(r"(?:^|[-_])(callout|alert|notice|note|tip|warning|info|danger)(?:$|[-_])")
_HEX = re.compile(r"background(?:-color)?\s*:\s*#([0-9a-f]{6})", re.IGNORECASE)
_YOUTUBE_ID = re.compile(r"/(?:embed|v|shorts)/([\w-]{6,})")
_VIMEO_ID = re.compile(r"/video/(\d+)")


def callout_kind(element: Tag) -> str | None:
    """The admonition an element stands for, or None when it is no callout."""
    classes = " ".join(element.get("class") or []).lower()
    if "intercom-interblocks-callout" in classes:
        return _kind_of_colour(str(element.get("style") or ""))
    if element.name not in ("div", "section", "aside", "p", "blockquote") or not _CALLOUT_CLASS.search(classes):
        return None
    words = re.split(r"[-_\s]+", classes)
    return next((_KIND_WORDS[word] for word in words if word in _KIND_WORDS and word not in ("note",)), "note")


def _kind_of_colour(style: str) -> str:
    """Intercom says a callout's kind only by its colour: red is danger, yellow warning, green tip, anything else a note."""
    match = _HEX.search(style)
    if not match:
        return "note"
    red, green, blue = (int(match[1][i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.2:
        return "note"
    degrees = hue * 360
    if degrees < 20 or degrees >= 330:
        return "danger"
    if degrees < 70:
        return "warning"
    if degrees < 170:
        return "tip"
    return "note"


def video_link(element: Tag) -> tuple[str, str] | None:
    """A video player (iframe or video) as the address a reader can open, with a text; None for any other element."""
    source = element.get("src") or ""
    if not source and element.name == "video":
        inner = element.find("source")
        source = inner.get("src") if isinstance(inner, Tag) else ""
    if not source or element.name not in ("iframe", "video"):
        return None
    source = str(source)
    if source.startswith("//"):
        source = "https:" + source
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https"):
        return None  # not a video anyone can open: the player is dropped, and said
    host = (parts.hostname or "").removeprefix("www.")
    if host.endswith(("youtube.com", "youtube-nocookie.com")) and (match := _YOUTUBE_ID.search(parts.path)):
        source = f"https://www.youtube.com/watch?v={match[1]}"
    elif host == "player.vimeo.com" and (match := _VIMEO_ID.search(parts.path)):
        source = f"https://vimeo.com/{match[1]}"
    elif host.endswith("loom.com") and "/embed/" in parts.path:
        source = source.replace("/embed/", "/share/")
    title = str(element.get("title") or "").strip()
    return source, title or f"Video ({host or 'link'})"


def demote_headings(soup: BeautifulSoup) -> None:
    """Shift headings down so that none is an h1: the article's title is its page's only h1."""
    levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    if not levels or min(levels) > 1:
        return
    for tag in soup.find_all(re.compile(r"^h[1-6]$")):
        tag.name = f"h{min(int(tag.name[1]) + 1, 6)}"
