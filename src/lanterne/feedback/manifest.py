"""The articles a build published, read from the manifests the build writes (file paths or URLs)."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("lanterne.feedback")
FORMAT = 1
RELOAD_AFTER = 1.0  # seconds between two reloads caused by an unknown article


@dataclass
class Published:
    """What the help centre publishes: (audience, article id, language) keys, titles, and each site origin's audiences."""

    keys: set[tuple[str, str, str]] = field(default_factory=set)
    languages: set[tuple[str, str]] = field(default_factory=set)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    audiences: dict[str, set[str]] = field(default_factory=dict)

    def add(self, data: dict) -> None:
        """Merge one manifest, as written by the build."""
        if data.get("format") != FORMAT:
            raise ValueError(f"manifest format {data.get('format')!r}; expected {FORMAT}")
        audience = data["audience"]
        for entry in data["articles"]:
            self.keys.add((audience, entry["id"], entry["lang"]))
            self.languages.add((audience, entry["lang"]))
            self.titles[(entry["id"], entry["lang"])] = entry.get("title", "")
        if data.get("site_url"):
            self.audiences.setdefault(origin_of(data["site_url"]), set()).add(audience)

    @property
    def origins(self) -> set[str]:
        """The origins the builds are served from."""
        return set(self.audiences)

    @property
    def public_articles(self) -> int:
        """How many (article, language) pairs the public build lists: all an outsider may count."""
        return sum(1 for key in self.keys if key[0] == "public")

    def audience_at(self, origin: str | None) -> str:
        """The audience of a page on this origin: internal only where internal builds alone are served."""
        # An --origin, or an origin that also serves a public build, holds public pages.
        return "internal" if origin is not None and self.audiences.get(origin) == {"internal"} else "public"


def origin_of(url: str) -> str:
    """Return scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def read(source: str) -> dict:
    """Read one manifest from a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=5) as response:
            return json.load(response)
    return json.loads(Path(source).read_text(encoding="utf-8"))


class Manifests:
    """The published articles, reloaded when an unknown article comes in and the manifests may have changed."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = tuple(sources)
        self.published = Published()
        self.loaded = False
        self._checked = float("-inf")
        self._stamp: tuple = ()
        self._good: dict[str, dict] = {}

    def load(self, *, starting: bool = False) -> None:
        """Read every manifest; a missing one is reported and retried later (the build may still be running).

        While `starting`, a page server that is not listening yet is no news: `make serve` starts the preview beside
        the service, and the manifest is read at the first vote. Any later failure is reported.
        """
        self._checked = time.monotonic()
        stamp = tuple(_stamp(source) for source in self.sources)
        if self.loaded and stamp == self._stamp and all(stamp):
            return
        published = Published()
        for source in self.sources:
            try:
                data = read(source)
                Published().add(data)
                self._good[source] = data
            except (OSError, ValueError, KeyError, TypeError) as error:
                # A build rewrites its site: keep what the manifest said last time rather than refuse everything.
                kept = "keeping its last version" if source in self._good else "its articles are refused until it can"
                level = logging.INFO if starting and _not_listening(error) else logging.WARNING
                log.log(level, "feedback manifest %s cannot be read (%s); %s", source, error, kept)
            if source in self._good:
                published.add(self._good[source])
        self.published, self.loaded, self._stamp = published, bool(self._good), stamp

    def refresh(self) -> None:
        """Reload, unless the manifests were checked less than RELOAD_AFTER seconds ago."""
        if time.monotonic() - self._checked >= RELOAD_AFTER:
            self.load()

    def is_published(self, audience: str, article: str, lang: str) -> bool:
        """Return True if the build published this article in this language for this audience."""
        key = (audience, article, lang)
        if key not in self.published.keys:
            self.refresh()
        return key in self.published.keys

    def has_language(self, audience: str, lang: str) -> bool:
        """Return True if the build published at least one article in this language for this audience."""
        if (audience, lang) not in self.published.languages:
            self.refresh()
        return (audience, lang) in self.published.languages


def _not_listening(error: Exception) -> bool:
    """Tell whether a manifest URL failed because nothing listens there yet (the page server is starting)."""
    return isinstance(error, urllib.error.URLError) and isinstance(error.reason, ConnectionRefusedError)


def _stamp(source: str) -> float | None:
    """A file's modification time, so an unchanged file is not re-read; None for URLs (always re-read)."""
    if source.startswith(("http://", "https://")):
        return None
    try:
        return Path(source).stat().st_mtime_ns
    except OSError:
        return None
