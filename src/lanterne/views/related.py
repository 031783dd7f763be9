"""Related articles: the author's `related:` first, then neighbours by sub-collection and shared tags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from lanterne.content.model import Article, HelpCentre
from lanterne.views.tags import key as tag_key

LIMIT = 5
# How many neighbours each group offers an article: enough to fill LIMIT, and a constant,
# so that the whole computation stays linear in the number of articles.
WINDOW = 2 * LIMIT

Key = tuple[str, str]


def build(centre: HelpCentre, *, sort_key: Callable[[Article], tuple], limit: int = LIMIT) -> dict[Key, list[Article]]:
    """Return up to `limit` related articles for every published article, keyed by (base, lang)."""
    tags = {id(article): frozenset(tag_key(tag) for tag in article.tags) for article in centre.articles.values()}
    by_collection = _group(centre.articles.values(), lambda a: [(a.collection, a.lang)], sort_key)
    by_tag = _group(centre.articles.values(), lambda a: [(tag, a.lang) for tag in sorted(tags[id(a)])], sort_key)
    return {key: _related_to(article, centre, by_collection, by_tag, tags, limit) for key, article in centre.articles.items()}


class _Group:
    """Articles sharing a sub-collection or a tag, in display order, with each one's position."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.position = {id(article): index for index, article in enumerate(articles)}

    def neighbours(self, article: Article) -> Iterator[Article]:
        """Yield the articles after this one (wrapping round), at most WINDOW of them."""
        start = self.position[id(article)]
        size = len(self.articles)
        for step in range(1, min(size, WINDOW + 1)):
            yield self.articles[(start + step) % size]


def _group(articles: Iterable[Article], keys_of: Callable[[Article], list[Key]], sort_key: Callable[[Article], tuple]) -> dict[Key, _Group]:
    """Index articles by each of their keys, once for the whole build."""
    lists: dict[Key, list[Article]] = defaultdict(list)
    for article in articles:
        for key in dict.fromkeys(keys_of(article)):
            lists[key].append(article)
    return {key: _Group(sorted(members, key=sort_key)) for key, members in lists.items()}


def _related_to(
    article: Article, centre: HelpCentre, by_collection: dict, by_tag: dict, tags: dict[int, frozenset[str]], limit: int
) -> list[Article]:
    """Chosen articles first; then candidates ranked by same sub-collection and number of shared tags."""
    chosen: dict[Key, Article] = {}
    for path in article.related:
        target = centre.articles.get((path.removesuffix(".md"), article.lang))
        if target is not None and target is not article:
            chosen.setdefault((target.base, target.lang), target)
    candidates: dict[Key, Article] = {}
    groups = [by_collection.get((article.collection, article.lang))]
    own = tags[id(article)]
    groups += [by_tag.get((tag, article.lang)) for tag in sorted(own)]
    for group in groups:
        for other in group.neighbours(article) if group else ():
            candidates.setdefault((other.base, other.lang), other)
    ranked = sorted(
        (other for key, other in candidates.items() if key not in chosen),
        key=lambda other: (-(other.collection == article.collection) - len(own & tags[id(other)]), other.title.casefold()),
    )
    return [*chosen.values(), *ranked][:limit]
