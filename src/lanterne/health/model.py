"""The health of every article, computed once per build from the model, the feedback figures and the date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from lanterne.content.model import Article, HelpCentre
from lanterne.health.figures import Figures, Query, Search, Votes
from lanterne.settings import HealthOptions
from lanterne.views import translations


@dataclass(frozen=True)
class ArticleHealth:
    """One article in one language: its votes (None: none yet), its review state, what its front matter lacks."""

    article: Article
    votes: Votes | None
    source: str | None
    owner: str | None
    review_by: date | None
    overdue: bool
    stale: bool
    missing: tuple[str, ...]


@dataclass
class Health:
    """The internal build's content health: every article's, and the lists of the health page, worst first."""

    today: date
    options: HealthOptions
    figures: Figures | None
    articles: dict[str, ArticleHealth] = field(default_factory=dict)
    translations: list[translations.Missing] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    linked: bool = False
    at_url: dict[str, ArticleHealth] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        centre: HelpCentre,
        figures: Figures | None,
        *,
        options: HealthOptions,
        today: date,
        source: Callable[[str], str | None] | None,
    ) -> Health:
        """Look at every published article once."""
        names = {author.id: author.name for author in centre.authors.values()}
        backlog = translations.missing_translations(centre)
        health = cls(today, options, figures, translations=backlog, names=names, linked=source is not None)
        stale_before = today - timedelta(days=options.stale_after)
        for article in sorted(centre.articles.values(), key=lambda a: a.src_path):
            votes = figures.votes.get((article.id, article.lang)) if figures else None
            missing = tuple(name for name, value in _front_matter(article) if not value)
            link = source(article.src_path) if source else None
            stale = article.updated < stale_before
            item = ArticleHealth(article, votes, link, article.owner, article.review_by, article.overdue(today), stale, missing)
            health.articles[article.src_path] = health.at_url[article.url] = item
        return health

    @property
    def available(self) -> bool:
        """Whether the feedback figures could be read: without them the page says "no data yet", never zero."""
        return self.figures is not None

    def worst(self) -> list[ArticleHealth]:
        """Articles with at least `min_votes` votes, lowest score first, then the most voted."""
        rated = [a for a in self.articles.values() if a.votes and a.votes.votes >= self.options.min_votes]
        return sorted(rated, key=lambda a: (a.votes.score, -a.votes.votes, a.article.src_path))  # type: ignore[union-attr]

    def searches(self) -> list[Search]:
        """The searches that found nothing, most searched first."""
        return list(self.figures.searches) if self.figures else []

    def most_viewed(self, limit: int = 20) -> list[ArticleHealth]:
        """The most viewed articles, at most `limit`."""
        viewed = [a for a in self.articles.values() if a.votes and a.votes.views]
        return sorted(viewed, key=lambda a: (-a.votes.views, a.article.src_path))[:limit]  # type: ignore[union-attr]

    def unvoted(self) -> list[ArticleHealth]:
        """Articles read and never voted on, the most viewed first."""
        return [a for a in self.most_viewed(limit=len(self.articles)) if not a.votes.votes]  # type: ignore[union-attr]

    def to_support(self) -> list[ArticleHealth]:
        """Articles after which readers clicked contact, the highest share of their views first."""
        clicked = [a for a in self.articles.values() if a.votes and a.votes.contact_clicks]
        return sorted(clicked, key=lambda a: (-(a.votes.contacts_per_view or 0), -a.votes.contact_clicks, a.article.src_path))  # type: ignore[union-attr]

    def unclicked(self) -> list[Query]:
        """Queries after which no reader opened a result, the most searched first."""
        return [query for query in self.figures.queries if not query.clicks] if self.figures else []

    def overdue(self) -> list[ArticleHealth]:
        """Articles past their review date, the longest overdue first."""
        return sorted((a for a in self.articles.values() if a.overdue), key=lambda a: (a.review_by, a.article.src_path))

    def stale(self) -> list[ArticleHealth]:
        """Articles not updated for `stale_after` days, the oldest first."""
        return sorted((a for a in self.articles.values() if a.stale), key=lambda a: (a.article.updated, a.article.src_path))

    def incomplete(self) -> list[ArticleHealth]:
        """Articles without a description, keywords or an owner."""
        return [a for a in self.articles.values() if a.missing]


def _front_matter(article: Article) -> tuple[tuple[str, object], ...]:
    """What an agent looks for in every article's front matter."""
    return (("description", article.description), ("keywords", article.keywords), ("owner", article.owner))
