"""Related articles: the author's `related:` first, then articles that share tags or words of their title with it.

Neighbours in one sub-collection are related only when they share something: in a collection of 200 articles, the
alphabetical neighbours of "Nextcloud" are "Nitter" and "Noalyss", which helps nobody. An article that shares nothing
with any other shows no block.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from lanterne.content.model import Article, HelpCentre
from lanterne.views.tags import key as tag_key
from lanterne.views.words import words

LIMIT = 5
# How many neighbours each group offers an article: enough to fill LIMIT, and a constant,
# so that the whole computation stays linear in the number of articles.
WINDOW = 2 * LIMIT
# Words shorter than this, and words in more than this share of a language's articles, say nothing about a subject.
MIN_WORD = 4
COMMON = 0.2
# Words a title or description uses in any subject (French and English), whatever the site's size.
_STOP_WORDS = (
    "avec dans pour vous votre vos tous toutes cette sont comment quand faire peut plus sans entre leur leurs utiliser "
    "your with from that this have will what when where which about into more than them they their using"
)
_STOP = frozenset(_STOP_WORDS.split())

Key = tuple[str, str]


def build(centre: HelpCentre, *, sort_key: Callable[[Article], tuple], limit: int = LIMIT) -> dict[Key, list[Article]]:
    """Return up to `limit` related articles for every published article, keyed by (base, lang)."""
    articles = list(centre.articles.values())
    tags = {id(article): frozenset(tag_key(tag) for tag in article.tags) for article in articles}
    terms = _terms(articles)
    by_tag = _group(articles, lambda a: [(tag, a.lang) for tag in sorted(tags[id(a)])], sort_key)
    by_term = _group(articles, lambda a: [(term, a.lang) for term in sorted(terms[id(a)])], sort_key)
    shared = _Shared(tags, terms)
    return {key: _related_to(article, centre, (by_tag, by_term), shared, limit) for key, article in centre.articles.items()}


def _terms(articles: list[Article]) -> dict[int, dict[str, float]]:
    """Each article's telling words (title, description, keywords) with their weight: rarer words weigh more."""
    found = {id(a): set(_words_of(a)) for a in articles}
    frequency: Counter[tuple[str, str]] = Counter((word, a.lang) for a in articles for word in found[id(a)])
    size = Counter(a.lang for a in articles)
    result = {}
    for article in articles:
        total = size[article.lang]
        result[id(article)] = {
            word: math.log(total / frequency[(word, article.lang)])
            for word in found[id(article)]
            if 1 < frequency[(word, article.lang)] <= max(2, COMMON * total)
        }
    return result


def _words_of(article: Article) -> Iterator[str]:
    """The words an article's subject is told by, minus short and all-purpose ones."""
    text = " ".join((article.title, article.description or "", *article.keywords))
    return (word for word in words(text) if len(word) >= MIN_WORD and word not in _STOP and not word.isdigit())


class _Shared:
    """What two articles have in common: tags, and the weight of the telling words they share."""

    def __init__(self, tags: dict[int, frozenset[str]], terms: dict[int, dict[str, float]]) -> None:
        self.tags = tags
        self.terms = terms

    def score(self, article: Article, other: Article) -> tuple[int, float]:
        """Shared tags (and the same sub-collection once something is shared), then shared words' weight."""
        tags = len(self.tags[id(article)] & self.tags[id(other)])
        own, theirs = self.terms[id(article)], self.terms[id(other)]
        weight = sum(own[word] for word in own.keys() & theirs.keys())
        return tags + (other.collection == article.collection and (tags > 0 or weight > 0)), weight


class _Group:
    """Articles sharing a tag or a telling word, in display order, with each one's position."""

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


def _related_to(article: Article, centre: HelpCentre, indexes: tuple[dict, ...], shared: _Shared, limit: int) -> list[Article]:
    """Chosen articles first; then those sharing tags or words, the most in common first."""
    chosen: dict[Key, Article] = {}
    for path in article.related:
        target = centre.articles.get((path.removesuffix(".md"), article.lang))
        if target is not None and target is not article:
            chosen.setdefault((target.base, target.lang), target)
    candidates: dict[Key, Article] = {}
    by_tag, by_term = indexes
    groups = [by_tag.get((tag, article.lang)) for tag in sorted(shared.tags[id(article)])]
    groups += [by_term.get((term, article.lang)) for term in sorted(shared.terms[id(article)])]
    for group in groups:
        for other in group.neighbours(article) if group else ():
            candidates.setdefault((other.base, other.lang), other)
    scored = [(shared.score(article, other), other) for key, other in candidates.items() if key not in chosen]
    ranked = sorted(scored, key=lambda pair: (-pair[0][0], -pair[0][1], pair[1].title.casefold()))
    return [*chosen.values(), *(other for _, other in ranked)][:limit]
