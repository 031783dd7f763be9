"""Help Scout Docs: collections > categories > articles (Docs API v1), and the users who wrote them (Mailbox API, optional).

Saved as one file per endpoint, named after its path: collections.json (GET /v1/collections), collections/<id>/categories.json,
collections/<id>/articles.json (GET /v1/collections/<id>/articles?status=all), articles/<id>.json (GET /v1/articles/<id>, the
full article); further pages as collections-2.json... Lists page by `page` below `pages`. A Docs site has one language, the
site's default. users.json, when saved, is the Mailbox API's GET /v2/users: the Docs API has no users, so without it articles
take the import's own author.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lanterne.importer import shapes
from lanterne.importer.documents import day
from lanterne.importer.model import Entry, Export, ExportError, Group, Person, Variant
from lanterne.importer.source import Folder, Source

# The API key as the user name of Basic authentication, with a dummy password (X).
SCHEME = "basic"
HEADERS: dict[str, str] = {}
CONCURRENCY = 4
# Links name things by number; the prefix keeps a collection's number apart from a category's (see _number).
_LINK_IDS = [
    (re.compile(r"/article/(\d+)"), "article", ""),
    (re.compile(r"/collection/(\d+)"), "group", "collection:"),
    (re.compile(r"/category/(\d+)"), "group", "category:"),
]
_SHORT = re.compile(r"^((?:article|collection|category)/\d+)-")


def next_page(page: Any, url: str) -> str | None:
    """The next page of a list: every list is wrapped as {"<name>": {"page", "pages", "items"}}."""
    envelope = next(iter(page.values()), None) if isinstance(page, dict) and len(page) == 1 else None
    if not isinstance(envelope, dict):
        return None
    number, total = envelope.get("page"), envelope.get("pages")
    if isinstance(number, int) and isinstance(total, int) and number < total:
        parts = urlsplit(url)
        query = {**dict(parse_qsl(parts.query)), "page": str(number + 1)}
        return urlunsplit(parts._replace(query=urlencode(query)))
    return None


def read(source: Source, *, default_language: str) -> Export:
    """Read a Help Scout Docs export into the tool-neutral shapes, in the site's default language."""
    export = Export(tool="Help Scout", source_language=default_language, link_ids=list(_LINK_IDS), short_path=_SHORT)
    collections = _listing(source, "collections", "v1/collections", "collections")
    refs: list[dict[str, Any]] = []
    for collection in collections:
        _add_collection(source, export, collection, default_language, refs)
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        articles = list(pool.map(lambda ref: _article(source, ref), refs))
    for article in articles:
        _add_article(export, article, default_language, f"{source.where}/articles/{article.get('id')}.json")
    if isinstance(source, Folder) and source.has("users"):
        for user in shapes.items(source.document("users", "v2/users"), "_embedded.users", f"{source.where}/users.json", "GET /v2/users"):
            person = _person(user)
            export.people[person.source_id] = person
    else:
        export.notes.append("no users.json (the Mailbox API's GET /v2/users): the articles' author is the import's own")
    export.hosts = {urlsplit(str(c.get("publicUrl"))).hostname or "" for c in (*collections, *articles) if c.get("publicUrl")} - {""}
    return export


def _listing(source: Source, name: str, path: str, key: str) -> list[dict[str, Any]]:
    """Every item of a list, all its pages read."""
    pages = source.pages(name, path, next_page)
    where = shapes.pages_where(source.where, name, len(pages))
    return [item for page in pages for item in shapes.items(page, f"{key}.items", where, f"the response of GET /{path.split('?')[0]}")]


def _add_collection(source: Source, export: Export, collection: dict[str, Any], lang: str, refs: list[dict[str, Any]]) -> None:
    """A collection, its categories as sub-collections, and the list of its articles."""
    where = f"{source.where}/collections.json"
    collection_id = shapes.ident(collection, where)
    private = collection.get("visibility") == "private"
    export.groups[collection_id] = _group(collection, None, lang, where, private)
    _number(export, "group", collection, collection_id, "collection:")
    if private:
        export.notes.append(f"collection '{collection.get('name')}' is private in Help Scout: its articles are internal, never public")
    name = f"collections/{collection_id}/categories"
    for category in _listing(source, name, f"v1/collections/{collection_id}/categories", "categories"):
        category_id = shapes.ident(category, f"{source.where}/{name}.json")
        hidden = private or category.get("visibility") == "private"
        export.groups[category_id] = _group(category, collection_id, lang, f"{source.where}/{name}.json", hidden)
        _number(export, "group", category, category_id, "category:")
    refs += _listing(source, f"collections/{collection_id}/articles", f"v1/collections/{collection_id}/articles?status=all", "articles")


def _group(item: dict[str, Any], parent: str | None, lang: str, where: str, internal: bool) -> Group:
    """A collection or a category."""
    variant = Variant(title=shapes.field(item, "name", where), description=item.get("description") or None, url=item.get("publicUrl"))
    order = item.get("order") if isinstance(item.get("order"), int) else None
    return Group(source_id=shapes.ident(item, where), parent=parent, variants={lang: variant}, order=order, internal=internal)


def _article(source: Source, ref: dict[str, Any]) -> dict[str, Any]:
    """The full article a list names."""
    article_id = shapes.ident(ref, "articles.json")
    document = source.document(f"articles/{article_id}", f"v1/articles/{article_id}")
    article = document.get("article") if isinstance(document, dict) else None
    if not isinstance(article, dict):
        raise ExportError(
            f"{source.where}/articles/{article_id}.json: no 'article' object; expected the response of GET /v1/articles/{article_id}"
        )
    return article


def _add_article(export: Export, article: dict[str, Any], lang: str, where: str) -> None:
    """An article in its first category of its collection (or in the collection itself)."""
    article_id = shapes.ident(article, where)
    title = shapes.field(article, "name", where)
    collection = str(article.get("collectionId"))
    if collection not in export.groups:
        raise ExportError(
            f"{where}: '{title}' is in collection {collection}, which collections.json does not have; expected it in the export"
        )
    categories = [
        str(c) for c in article.get("categories") or [] if export.groups.get(str(c)) and export.groups[str(c)].parent == collection
    ]
    if len(categories) > 1:
        others = ", ".join(f"'{export.groups[c].variants[lang].title}'" for c in categories[1:])
        export.notes.append(f"'{title}' is also in {others}; Lanterne puts an article in one place: the first category")
    group = categories[0] if categories else collection
    variant = Variant(title=title, body=str(article.get("text") or ""), updated=day(article.get("updatedAt")), url=article.get("publicUrl"))
    export.entries[article_id] = Entry(
        source_id=article_id,
        group=group,
        variants={lang: variant},
        author=str(article["createdBy"]) if article.get("createdBy") is not None else None,
        created=day(article.get("createdAt")),
        keywords=[str(k) for k in article.get("keywords") or []],
        related=[str(r) for r in article.get("related") or []],
        internal=export.groups[group].internal or export.groups[collection].internal,
        draft=article.get("status") != "published",
    )
    _number(export, "article", article, article_id)


def _number(export: Export, kind: str, item: dict[str, Any], source_id: str, prefix: str = "") -> None:
    """Help Scout's links name an article, a collection or a category by its number: remember which id it is."""
    if item.get("number") is not None:
        export.id_aliases[(kind, f"{prefix}{item['number']}")] = source_id


def _person(user: dict[str, Any]) -> Person:
    """A Help Scout user (Mailbox API), with the photo's address."""
    name = " ".join(str(user.get(key) or "") for key in ("firstName", "lastName")).strip() or str(user.get("email") or user.get("id"))
    return Person(
        source_id=shapes.ident(user, "users.json"), name=name, description=user.get("jobTitle") or None, avatar_url=user.get("photoUrl")
    )
