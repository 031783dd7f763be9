"""Pick a sample of pages of each kind from a build's own output: homes, collections, articles, tags, embed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lanterne.check.built import by_class, parse

EMBED = "embed/"


@dataclass(frozen=True)
class Sampled:
    """A page picked for a check: what kind of page it is, and its path in the site ('' is the home)."""

    name: str
    path: str


def pick(
    articles: dict[str, Any], collections: dict[str, Any], *, default_language: str, tag_of: Callable[[str], str | None]
) -> list[Sampled]:
    """Per language, the home, one collection, one article (one with tags if any) and its first tag page."""
    sampled = []
    for lang in articles.get("languages", []):
        sampled.append(Sampled(f"home {lang}", home(lang, default_language)))
        collection = next((c for c in collections.get("collections", []) if c["lang"] == lang), None)
        if collection:
            sampled.append(Sampled(f"collection {lang}", collection["path"]))
        article = _article(articles, lang)
        if article:
            sampled.append(Sampled(f"article {lang}", article["path"]))
            if tag := tag_of(article["path"]):
                sampled.append(Sampled(f"tag page {lang}", tag))
    return sampled


def embedded(sampled: list[Sampled], *, default_language: str) -> list[Sampled]:
    """The embed variants of the sampled homes and articles; the default language's come first."""
    homes = [Sampled(f"embed {s.name}", EMBED + s.path) for s in sampled if s.name.startswith("home ")]
    articles = [Sampled(f"embed {s.name}", EMBED + s.path) for s in sampled if s.name.startswith("article ")]
    first = f" {default_language}"
    return sorted(homes, key=lambda s: not s.name.endswith(first)) + sorted(articles, key=lambda s: not s.name.endswith(first))


def home(lang: str, default_language: str) -> str:
    """Return the site path of a language's home: the root for the default language, '<lang>/' for the others."""
    return "" if lang == default_language else f"{lang}/"


def tag_page(site: Path, page: str) -> str | None:
    """Return the site path of the first tag page an article links to, or None."""
    links = by_class(parse(site / page / "index.html"), "lt-tags", "//a/@href")
    return site_path(page, links[0]) if links else None


def site_path(page: str, href: str) -> str:
    """Resolve a link found on a page to a path in the site."""
    return urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")


def _article(articles: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """Return the first article of a language, preferring one with tags, so that a tag page can be sampled."""
    listed = [a for a in articles.get("articles", []) if a["lang"] == lang]
    return next((a for a in listed if a["tags"]), listed[0] if listed else None)
