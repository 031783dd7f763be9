"""What each page shows, computed from the model once per build and handed to templates as data."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from lanterne.content.model import Article, Author, Collection, HelpCentre
from lanterne.views import related, strings
from lanterne.views.words import fold


def _sort_key(item: Article | Collection) -> tuple[bool, int, str]:
    """Order by `order` when given, then by title."""
    return (item.order is None, item.order or 0, item.title.casefold())


@dataclass
class Index:
    """Lookups derived once from the help centre, so that every page is O(its own size)."""

    centre: HelpCentre
    articles_in: dict[tuple[str, str], list[Article]] = field(default_factory=lambda: defaultdict(list))
    children: dict[tuple[str, str], list[Collection]] = field(default_factory=lambda: defaultdict(list))
    top: dict[str, list[Collection]] = field(default_factory=lambda: defaultdict(list))
    related: dict[tuple[str, str], list[Article]] = field(default_factory=dict)

    @classmethod
    def build(cls, centre: HelpCentre) -> Index:
        """Group articles by collection and collections by parent, in display order."""
        index = cls(centre)
        for article in centre.articles.values():
            index.articles_in[(article.collection, article.lang)].append(article)
        for collection in centre.collections.values():
            if collection.parent:
                index.children[(collection.parent, collection.lang)].append(collection)
            else:
                index.top[collection.lang].append(collection)
        for group in (*index.articles_in.values(), *index.children.values(), *index.top.values()):
            group.sort(key=_sort_key)
        index.related = related.build(centre, sort_key=_sort_key)
        return index

    def all_articles(self, collection: Collection) -> list[Article]:
        """Return the articles of a collection and its sub-collections."""
        own = self.articles_in.get((collection.path, collection.lang), [])
        nested = [
            a
            for child in self.children.get((collection.path, collection.lang), [])
            for a in self.articles_in.get((child.path, child.lang), [])
        ]
        return own + nested


def home(index: Index, lang: str) -> dict[str, Any]:
    """The home page: hero and a card per collection that has articles in this language."""
    cards = [card for collection in index.top.get(lang, []) if (card := _card(index, collection))["count"]]
    home_page = index.centre.homes.get(lang)
    return {
        "kind": "home",
        "lang": lang,
        "hero_title": (home_page and home_page.hero_title) or strings.text(lang, "home.title"),
        "hero_subtitle": home_page.hero_subtitle if home_page else None,
        "site_title": home_page.title if home_page else None,
        "search_placeholder": strings.text(lang, "search.placeholder"),
        "labels": _labels(lang, "skip"),
        "collections": cards,
    }


# From this many articles of its own, a collection lists them A to Z with a letter index, like a glossary.
LARGE_COLLECTION = 30


def collection(index: Index, item: Collection) -> dict[str, Any]:
    """A collection page: breadcrumb, author line, sections for sub-collections, then articles."""
    lang = item.lang
    sections = [
        {**_link(child), "articles": [_article_link(a) for a in index.articles_in.get((child.path, lang), [])]}
        for child in index.children.get((item.path, lang), [])
        if index.articles_in.get((child.path, lang))
    ]
    articles = index.articles_in.get((item.path, lang), [])
    return {
        "kind": "collection",
        "lang": lang,
        **_card(index, item),
        "breadcrumb": breadcrumb(index, item.path, lang),
        "sections": sections,
        "articles": [_article_link(a) for a in articles],
        "alphabet": alphabet(articles) if len(articles) >= LARGE_COLLECTION else [],
        "labels": _labels(lang, "skip", "breadcrumb.label", "collection.alphabet"),
    }


def alphabet(articles: list[Article]) -> list[dict[str, Any]]:
    """A large collection's articles by the first letter of their title (accents folded), A to Z, then the rest."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        first = fold(article.title.strip())[:1].upper()
        groups[first if "A" <= first <= "Z" else "#"].append(article)
    letters = sorted(groups, key=lambda letter: (letter == "#", letter))
    return [
        {
            "letter": letter,
            "anchor": f"lt-letter-{'0' if letter == '#' else letter.lower()}",
            "articles": [_article_link(a) for a in sorted(groups[letter], key=lambda a: fold(a.title))],
        }
        for letter in letters
    ]


def article(index: Index, item: Article) -> dict[str, Any]:
    """An article page: breadcrumb, author, update date, tags and related articles."""
    lang = item.lang
    author = index.centre.authors[item.author]
    trail = breadcrumb(index, item.collection, lang)
    return {
        "kind": "article",
        "lang": lang,
        "id": item.id,
        "audience": item.audience,
        "title": item.title,
        "description": item.description,
        "breadcrumb": trail,
        "collection": trail[-1] if len(trail) > 1 else None,
        "author": {**_person(author), "written_by": strings.text(lang, "article.written_by", name=author.name)},
        "updated": item.updated.isoformat(),
        "created": item.created.isoformat() if item.created else None,
        "updated_label": strings.long_date(item.updated, lang),
        "updated_text": strings.text(lang, "article.updated", date=strings.long_date(item.updated, lang)),
        "tags": list(item.tags),
        "related": [_article_link(other) for other in index.related.get((item.base, lang), [])],
        "updated_around": _around_date(lang),
        "labels": _labels(lang, "article.tags", "article.related", "skip", "breadcrumb.label"),
        "relative": {key.removeprefix("relative."): strings.table(lang)[key] for key in _RELATIVE},
    }


_RELATIVE = tuple(f"relative.{bucket}" for bucket in ("today", "yesterday", "week", "weeks1", "weeks2", "month1", "months", "year"))


def _around_date(lang: str) -> list[str]:
    """The words before and after the date in "Mis à jour le {date}", so the date alone sits in <time>."""
    before, _, after = str(strings.table(lang)["article.updated"]).partition("{date}")
    return [before.strip(), after.strip()]


def _labels(lang: str, *keys: str) -> dict[str, str]:
    """Interface strings a template needs, keyed by their name with dots turned into underscores."""
    return {key.replace(".", "_"): strings.text(lang, key) for key in keys}


def _card(index: Index, item: Collection) -> dict[str, Any]:
    """A collection's title, description, icon, article count and author line."""
    articles = index.all_articles(item)
    ranked = Counter(a.author for a in articles).most_common()
    people = [index.centre.authors[author_id] for author_id, _ in ranked]
    return {
        **_link(item),
        "icon": item.icon,
        "count": len(articles),
        "count_label": strings.plural(item.lang, "article.count", len(articles)),
        "authors": [_person(p) for p in people[:3]],
        "authors_label": _authors_label(people, item.lang),
    }


def _authors_label(people: list[Author], lang: str) -> str:
    """'Par Sophie', 'Par Sophie et 1 autre', 'Par Sophie et 2 autres'."""
    if not people:
        return ""
    name = people[0].name.split()[0]
    if len(people) == 2:
        return strings.text(lang, "authors.by_two", name=name)
    return strings.plural(lang, "authors.by", len(people), name=name, others=len(people) - 1)


def breadcrumb(index: Index, path: str, lang: str) -> list[dict[str, str]]:
    """From 'All collections' down to the collection (and sub-collection) holding a page."""
    home_url = index.centre.homes[lang].url if lang in index.centre.homes else ""
    trail = [{"title": strings.text(lang, "breadcrumb.root"), "url": home_url}]
    parts = path.split("/") if path else []
    for depth in range(1, len(parts) + 1):
        item = index.centre.collections.get(("/".join(parts[:depth]), lang))
        if item:
            trail.append({"title": item.title, "url": item.url})
    return trail


def _link(item: Article | Collection) -> dict[str, Any]:
    return {"title": item.title, "description": item.description, "url": item.url}


def _article_link(item: Article) -> dict[str, Any]:
    return {**_link(item), "id": item.id, "audience": item.audience}


def _person(author: Author) -> dict[str, Any]:
    return {"id": author.id, "name": author.name, "avatar": author.avatar, "initials": author.initials}
