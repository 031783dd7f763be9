"""Search: what each article gives the indexer, and the vocabulary the client corrects typos against.

Pagefind indexes one small HTML page per article that this module writes (not the themed page), so the
index holds exactly the article: its title, description, body, and its keywords and tags as weighted
metadata that never show up in excerpts. The public build's Markdown has lost its internal notes before
rendering, and internal articles are not published, so neither can reach these pages.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lanterne.views.index import Index, breadcrumb
from lanterne.views.words import words

# Words shorter than this are never typo-corrected by the client, so the vocabulary can leave them out.
MIN_WORD = 4
# Pagefind's ranking weights for our metadata (the title's default is 5; headings in the body weigh 5-7).
META_WEIGHTS = {"title": 6.0, "keywords": 4.0, "tags": 3.0, "path": 1.0, "description": 1.5, "id": 0.0, "audience": 0.0}

PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quotation mark between collection titles
_TAG = re.compile(r"<[^>]+>")
# Heading permalinks (the toc extension's "¶") are links for sighted readers, not words: never indexed, never in excerpts.
_PERMALINK = re.compile(r"<a class=\"headerlink\".*?</a>", re.S | re.I)
_SKIP = re.compile(r"<(script|style)\b.*?</\1>|" + _PERMALINK.pattern, re.S | re.I)


@dataclass(frozen=True)
class SearchDocument:
    """One article as the search index sees it."""

    url: str
    lang: str
    id: str
    title: str
    body_html: str
    description: str | None = None
    path: str = ""
    keywords: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    audience: str = "public"


@dataclass
class Vocabulary:
    """Every indexed word of one language with its frequency; 'strong' words come from titles, keywords, tags."""

    pages: int = 0
    counts: Counter = field(default_factory=Counter)
    strong: set[str] = field(default_factory=set)

    def buckets(self) -> dict[str, dict[str, Any]]:
        """Split by first letter, the way the client fetches it: {'f': {'pages': N, 'words': {...}, 'strong': [...]}}."""
        grouped: dict[str, dict[str, int]] = defaultdict(dict)
        for word, count in sorted(self.counts.items()):
            grouped[word[0]][word] = count
        return {
            letter: {"pages": self.pages, "words": words, "strong": sorted(w for w in words if w in self.strong)}
            for letter, words in grouped.items()
        }


def documents(index: Index, bodies: Mapping[str, str]) -> list[SearchDocument]:
    """Every searchable published article as the index sees it, from the model and its rendered body."""
    found = []
    for article in sorted(index.centre.articles.values(), key=lambda a: a.src_path):
        if not article.searchable or article.src_path not in bodies:
            continue
        trail = [crumb["title"] for crumb in breadcrumb(index, article.collection, article.lang)[1:]]
        found.append(
            SearchDocument(
                url=article.url,
                lang=article.lang,
                id=article.id,
                title=article.title,
                body_html=bodies[article.src_path],
                description=article.description,
                path=PATH_SEPARATOR.join(trail),
                keywords=tuple(article.keywords),
                tags=tuple(article.tags),
                audience=article.audience,
            )
        )
    return found


def indexer_page(doc: SearchDocument) -> str:
    """Return the HTML page Pagefind indexes for one article."""
    meta = {
        "id": doc.id,
        "description": doc.description or "",
        "path": doc.path,
        "keywords": ", ".join(doc.keywords),
        "tags": ", ".join(doc.tags),
    }
    if doc.audience != "public":
        meta["audience"] = doc.audience
    fields = "\n".join(f'<span data-pagefind-meta="{name}">{_text(value)}</span>' for name, value in meta.items() if value)
    head = f'<head><meta charset="utf-8"><title>{_text(doc.title)}</title></head>'
    text = _apostrophes(_PERMALINK.sub("", doc.body_html))
    body = f"<main data-pagefind-body>\n<h1>{_text(doc.title)}</h1>\n{text}\n</main>\n{fields}"
    return f'<!doctype html>\n<html lang="{_text(doc.lang)}">\n{head}\n<body>\n{body}\n</body>\n</html>\n'


def _text(value: str) -> str:
    """Escape text for HTML, with typographic apostrophes made straight (Pagefind splits only on ')."""
    return html.escape(_apostrophes(value), quote=True)


def _apostrophes(value: str) -> str:
    """Straighten typographic apostrophes (U+2019), so that l'échéance is indexed as lecheance and echeance."""
    return value.replace("\u2019", "'")


def plain_text(body_html: str) -> str:
    """Return the visible text of rendered HTML (without permalink anchors)."""
    return html.unescape(_TAG.sub(" ", _SKIP.sub(" ", body_html)))


def vocabularies(docs: Iterable[SearchDocument]) -> dict[str, Vocabulary]:
    """Count the words of every document, per language."""
    result: dict[str, Vocabulary] = defaultdict(Vocabulary)
    for doc in docs:
        vocabulary = result[doc.lang]
        vocabulary.pages += 1
        strong = words(" ".join((doc.title, *doc.keywords, *doc.tags)))
        text = " ".join((doc.title, doc.description or "", doc.path, *doc.keywords, *doc.tags, plain_text(doc.body_html)))
        vocabulary.counts.update(w for w in words(text) if _worth_keeping(w))
        vocabulary.strong.update(w for w in strong if _worth_keeping(w))
    return dict(result)


def _worth_keeping(word: str) -> bool:
    """Keep words the client may correct towards: long enough, not numbers."""
    return len(word) >= MIN_WORD and not word.isdigit()
