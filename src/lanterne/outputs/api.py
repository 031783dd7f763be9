"""The JSON API: what a build published, as documents for apps, computed once from the model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lanterne.content.model import Article, Collection
from lanterne.outputs import links
from lanterne.views.index import Index

EMBED = "embed/"
# An article id as the API and the embed pages accept it: path segments that never start with a dot, so never "..".
# The pages' scripts get this very rule in their JSON config (template_context.py): one rule, one place.
# The build refuses any other id (content/schema.py's ID); this is the second net, matched whole.
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


def documents(
    index: Index, bodies: dict[str, str], *, base: str, memo: dict[str, tuple[str, str, str]] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield every API document with its path under the site: the lists, then one per article, one at a time.

    `bodies` holds each published article's rendered HTML by source path; `base` is the site's
    address (site_url) or "/", which every URL in the API starts with. `memo` keeps each article's body
    with absolute links between the builds of a preview: source path to (body, page address, result).
    """
    yield from lists(index, base=base)
    yield from article_documents(index, bodies, base=base, memo=memo)


def lists(index: Index, *, base: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The two list documents: every article, and the collections tree."""
    articles = [entry(index, article, base=base) for article in _ordered(index)]
    yield "api/articles.json", {"languages": list(index.centre.settings.languages), "articles": articles}
    yield "api/collections.json", {"collections": collections(index, base=base)}


def article_documents(
    index: Index,
    bodies: dict[str, str],
    *,
    base: str,
    memo: dict[str, tuple[str, str, str]] | None = None,
    only: set[str] | None = None,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """One document per article (or per article of `only`, by source path), with its body."""
    # One at a time: a build holds one article's document, not thousands (peak memory at N = 5,000).
    for article in _ordered(index):
        if only is not None and article.src_path not in only:
            continue
        if (path := document_path(article, index)) is not None:
            body = _absolute_body(bodies.get(article.src_path, ""), article, base, memo)
            yield path, {**entry(index, article, base=base), "body_html": body}


def _ordered(index: Index) -> list[Article]:
    """The articles by id, then in the order of the site's languages."""
    centre = index.centre
    return sorted(centre.articles.values(), key=lambda a: (a.id, centre.settings.languages.index(a.lang)))


def _absolute_body(body: str, article: Article, base: str, memo: dict[str, tuple[str, str, str]] | None) -> str:
    """An article's body with absolute links, taken from `memo` when its body and address are as before."""
    address = base + article.url
    known = memo.get(article.src_path) if memo is not None else None
    if known is not None and known[0] == body and known[1] == address:
        return known[2]
    result = links.rewrite(body, _absolute(article.url, base))
    if memo is not None:
        memo[article.src_path] = (body, address, result)
    return result


def entry(index: Index, article: Article, *, base: str) -> dict[str, Any]:
    """One article as listed in api/articles.json."""
    centre = index.centre
    trail = article.collection.split("/") if article.collection else []
    path = [centre.collections.get(("/".join(trail[: depth + 1]), article.lang)) for depth in range(len(trail))]
    api_path = document_path(article, index)
    return {
        "id": article.id,
        "lang": article.lang,
        "title": article.title,
        "description": article.description,
        "path": article.url,
        "url": base + article.url,
        "embed_url": base + EMBED + article.url,
        "api_url": base + api_path if api_path else None,
        "collection": [{"id": item.path, "title": item.title} for item in path if item],
        "tags": list(article.tags),
        "keywords": list(article.keywords),
        "updated": article.updated.isoformat(),
        "author": centre.authors[article.author].name,
        "translations": {lang: base + variant.url for lang, variant in centre.variants(article.base).items()},
        "context": list(article.context),
    }


def collections(index: Index, *, base: str) -> list[dict[str, Any]]:
    """The collections tree, per language, with the number of published articles in each."""
    centre = index.centre
    tree = [_collection(index, item, base=base) for lang in centre.settings.languages for item in index.top.get(lang, [])]
    return [item for item in tree if item["count"]]


def document_path(article: Article, index: Index) -> str | None:
    """Where the article's own document lives: api/articles/<id>.json, api/<lang>/articles/<id>.json."""
    if not ARTICLE_ID.fullmatch(article.id):
        return None
    settings = index.centre.settings
    prefix = "" if article.lang == settings.default_language else f"{article.lang}/"
    return f"api/{prefix}articles/{article.id}.json"


def _collection(index: Index, item: Collection, *, base: str) -> dict[str, Any]:
    children = index.children.get((item.path, item.lang), [])
    return {
        "id": item.path,
        "lang": item.lang,
        "title": item.title,
        "description": item.description,
        "icon": item.icon,
        "path": item.url,
        "url": base + item.url,
        "embed_url": base + EMBED + item.url,
        "count": len(index.all_articles(item)),
        "collections": [sub for child in children if (sub := _collection(index, child, base=base))["count"]],
    }


def _absolute(page_url: str, base: str) -> links.Rewrite:
    """Make a page's relative links absolute, for apps that show the body outside the site."""

    def change(tag: str, ref: str) -> tuple[str, bool]:
        target = links.resolve(ref, page_url)
        return (ref, False) if target is None else (base + target, False)

    return change
