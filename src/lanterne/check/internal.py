"""What the content holds for support agents only: internal articles and the text of internal notes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lanterne.content.loader import load
from lanterne.content.model import Article, Settings
from lanterne.views.audience import strip_internal_notes

# Note text shorter than this is too common to tell a leak ("Pour le support", "Étape 2").
MIN_PHRASE = 12
# The markup of an internal note, which the public build must never render.
MARKUP = ('class="admonition internal', '<details class="internal')

_HEADER = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Markdown and HTML syntax around text: what is left between them appears as is in the rendered page.
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_SYNTAX = re.compile(r"<[^>]*>|:[a-z0-9_+-]+:|\{[^}]*\}|[*_`\[\]<>|#~=^\\]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SPACE = re.compile(r"\s+")
_WORD_EDGE = re.compile(r"[\w-]")


@dataclass(frozen=True)
class Secret:
    """A text that must not appear in the public output, and what it is."""

    text: str
    origin: str


def read_sources(docs_dir: Path) -> dict[str, str]:
    """Read every Markdown file under docs/, by its path relative to docs/."""
    return {path.relative_to(docs_dir).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs_dir.rglob("*.md"))}


def internal_articles(texts: Mapping[str, str], *, authors_text: str | None, settings: Settings) -> list[Article]:
    """Load the content as the internal build sees it and return its internal articles."""
    loaded = load(texts, authors_text=authors_text, settings=Settings(settings.default_language, settings.languages, "internal"))
    return sorted((a for a in loaded.centre.articles.values() if a.audience == "internal"), key=lambda a: a.src_path)


def secrets(texts: Mapping[str, str], articles: Iterable[Article], *, known_public: str) -> list[Secret]:
    """List what must not leak: each internal article's title, URL and id, and each internal note's phrases.

    A text that public sources, the configuration or the engine's own strings also hold is no proof of a
    leak, so it is left out.
    """
    found = [Secret(text, "internal note markup") for text in MARKUP]
    for article in articles:
        origin = f"docs/{article.src_path}"
        found += [Secret(article.title, f"title of internal article {origin}"), Secret(article.url, f"URL of internal article {origin}")]
        found.append(Secret(article.id, f"id of internal article {origin}"))
    for src, text in sorted(texts.items()):
        found += [Secret(phrase, f"internal note in docs/{src}") for phrase in note_phrases(text)]
    known = normalise(known_public)
    unique = {secret.text: secret for secret in reversed(found) if secret.text and not contains(known, secret.text)}
    return sorted(unique.values(), key=lambda secret: (secret.origin, secret.text))


def public_text(texts: Mapping[str, str], articles: Iterable[Article]) -> str:
    """Return what the public build may show of the sources: every public file with its internal notes removed."""
    internal = {article.src_path for article in articles}
    return "\n".join(strip_internal_notes(text) for src, text in sorted(texts.items()) if src not in internal)


def note_phrases(markdown: str) -> list[str]:
    """Return the distinctive phrases of a source's internal notes, as they would read once rendered."""
    phrases = []
    for paragraph in note_paragraphs(markdown):
        plain = _SYNTAX.sub("\n", _LINK_TARGET.sub("]", paragraph))
        for run in plain.split("\n"):
            phrases += [p for part in _SENTENCE_END.split(normalise(run)) if len(p := part.strip(" ,;:")) >= MIN_PHRASE]
    return phrases


def note_paragraphs(markdown: str) -> list[str]:
    """Return the paragraphs of the internal notes, exactly the lines the engine strips (their headers aside)."""
    kept = strip_internal_notes(markdown).split("\n")
    paragraphs: list[str] = []
    current: list[str] = []
    position = 0
    for line in markdown.split("\n"):
        if position < len(kept) and kept[position] == line:
            position += 1
            line = ""
        elif not _HEADER.match(line):
            line = _LIST_ITEM.sub("", line).strip()
        else:
            line = ""
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs + ([" ".join(current)] if current else [])


def normalise(text: str) -> str:
    """Read text as a reader sees it: entities decoded, typographic apostrophes straightened, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(text).replace("\u2019", "'"))


def contains(text: str, secret: str) -> bool:
    """Tell whether `secret` appears in `text` as a whole (not inside a longer word or path)."""
    if secret not in text:
        return False
    before = r"(?<![\w-])" if _WORD_EDGE.match(secret[0]) else ""
    after = r"(?![\w-])" if _WORD_EDGE.match(secret[-1]) else ""
    return re.search(before + re.escape(secret) + after, text) is not None
