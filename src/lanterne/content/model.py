"""The help centre's content model: authors, collections, articles and their language variants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lanterne.content.periods import Period


@dataclass(frozen=True)
class Settings:
    """What a build is for: its languages and its audience."""

    default_language: str = "fr"
    languages: tuple[str, ...] = ("fr", "en")
    audience: str = "public"
    review_every: Period | None = None
    # The https origins whose players an article may embed in an <iframe> (extra.lanterne.embeds).
    embeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Author:
    """Someone who writes articles, from docs/.authors.yml."""

    id: str
    name: str
    description: str | None = None
    avatar: str | None = None

    @property
    def initials(self) -> str:
        """Return up to two initials, shown when there is no avatar."""
        words = [word for word in self.name.replace("-", " ").split() if word]
        return "".join(word[0].upper() for word in words[:2]) or "?"


@dataclass
class Collection:
    """A collection (docs/<c>/index.md) or sub-collection (docs/<c>/<s>/index.md) in one language."""

    path: str
    lang: str
    src_path: str
    url: str
    title: str
    description: str | None = None
    icon: str | None = None
    order: int | None = None

    @property
    def parent(self) -> str | None:
        """Return the parent collection's path, for a sub-collection."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else None


@dataclass
class Article:
    """One article in one language."""

    id: str
    base: str
    lang: str
    src_path: str
    url: str
    collection: str
    title: str
    author: str
    updated: date
    description: str | None = None
    created: date | None = None
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    audience: str = "public"
    order: int | None = None
    related: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    searchable: bool = True
    # Where `updated` was read: "front matter", "git", "mtime", or "today" when the loader was given no file dates.
    updated_from: str = "front matter"
    owner: str | None = None
    review_by: date | None = None
    review_every: Period | None = None  # the period review_by was counted with; None when review_by was written
    aliases: list[str] = field(default_factory=list)  # old paths, without .md, each redirected to the article

    def overdue(self, today: date) -> bool:
        """Tell whether the article's review date has passed."""
        return self.review_by is not None and self.review_by < today


@dataclass
class Home:
    """The home page of one language."""

    lang: str
    src_path: str
    url: str
    title: str | None = None
    description: str | None = None
    hero_title: str | None = None
    hero_subtitle: str | None = None


@dataclass
class StandalonePage:
    """A page directly under docs/ that is not an article (legal notice, ...)."""

    lang: str
    src_path: str
    url: str
    title: str


@dataclass
class HelpCentre:
    """Everything a build publishes, indexed once so that each page looks things up in O(1)."""

    settings: Settings
    today: date = field(default_factory=date.today)
    authors: dict[str, Author] = field(default_factory=dict)
    homes: dict[str, Home] = field(default_factory=dict)
    collections: dict[tuple[str, str], Collection] = field(default_factory=dict)
    articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)

    by_src: dict[str, Article | Collection | Home] = field(default_factory=dict)

    def variants(self, base: str) -> dict[str, Article]:
        """Return an article's published variants, by language."""
        return {lang: self.articles[(base, lang)] for lang in self.settings.languages if (base, lang) in self.articles}
