"""Intercom Help Center: collections (nested by parent_id) and articles with their translated_content, and the admins.

Saved as: articles.json (GET /articles), collections.json (GET /help_center/collections), admins.json (GET /admins); further
pages as articles-2.json... Lists page by `pages.next` (a URL, or a cursor `starting_after` in newer versions), else by
`pages.page` below `pages.total_pages`. Times are Unix seconds.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lanterne.importer import shapes
from lanterne.importer.documents import day
from lanterne.importer.icons import material_icon
from lanterne.importer.model import Entry, Export, ExportError, Group, Person, Variant
from lanterne.importer.source import Source

SCHEME = "bearer"
# The version whose responses the fixtures and the mapping follow; the API answers any account in it.
HEADERS = {"Intercom-Version": "2.11"}
PER_PAGE = 150
_LINK_IDS = [(re.compile(r"/articles/(\d+)"), "article", ""), (re.compile(r"/collections/(\d+)"), "group", "")]
_SHORT = re.compile(r"^((?:.+/)?(?:articles|collections)/\d+)-")


def next_page(page: Any, url: str) -> str | None:
    """The next page of a list, whichever way this API version says it."""
    pages = page.get("pages") if isinstance(page, dict) else None
    if not isinstance(pages, dict):
        return None
    following = pages.get("next")
    if isinstance(following, str) and following:
        return following
    if isinstance(following, dict) and following.get("starting_after"):
        return _with(url, starting_after=following["starting_after"], per_page=following.get("per_page", PER_PAGE))
    number, total = pages.get("page"), pages.get("total_pages")
    if isinstance(number, int) and isinstance(total, int) and number < total:
        return _with(url, page=number + 1)
    return None


def read(source: Source, *, default_language: str) -> Export:
    """Read an Intercom Help Center export into the tool-neutral shapes."""
    collections = _listing(source, "collections", f"help_center/collections?per_page={PER_PAGE}", "data")
    articles = _listing(source, "articles", f"articles?per_page={PER_PAGE}", "data")
    admins = shapes.items(source.document("admins", "admins"), "admins", f"{source.where}/admins.json", "the response of GET /admins")
    default = next((str(c["default_locale"]) for c in (*collections, *articles) if c.get("default_locale")), "en")
    export = Export(tool="Intercom", source_language=default, link_ids=list(_LINK_IDS), short_path=_SHORT)
    for admin in admins:
        if admin.get("type", "admin") == "admin":
            person = _person(admin)
            export.people[person.source_id] = person
    where = f"{source.where}/collections.json"
    for collection in collections:
        group = _group(collection, default, where)
        export.groups[group.source_id] = group
    for group in export.groups.values():
        if group.parent is not None and group.parent not in export.groups:
            raise ExportError(f"{where}: collection {group.source_id} is inside collection {group.parent}, which the export does not have")
    for article in articles:
        entry = _entry(article, default, export, f"{source.where}/articles.json")
        export.entries[entry.source_id] = entry
    export.hosts = {urlsplit(str(item["url"])).hostname or "" for item in (*collections, *articles) if item.get("url")} - {""}
    return export


def _listing(source: Source, name: str, path: str, key: str) -> list[dict[str, Any]]:
    """Every item of a list, all its pages read."""
    pages = source.pages(name, path, next_page)
    where = shapes.pages_where(source.where, name, len(pages))
    return [item for page in pages for item in shapes.items(page, key, where, f"the response of GET /{path.split('?')[0]}")]


def _group(collection: dict[str, Any], default: str, where: str) -> Group:
    """A collection, with its name in each language (Intercom gives no other language's URL for it)."""
    group_id = shapes.ident(collection, where)
    variants = {
        default: Variant(
            title=shapes.field(collection, "name", where), description=collection.get("description"), url=collection.get("url")
        )
    }
    translated = collection.get("translated_content") or {}
    for locale, content in translated.items():
        if isinstance(content, dict) and content.get("name") and locale != default:
            url = _in_language(str(collection.get("url") or ""), default, locale, group_id)
            variants[locale] = Variant(title=str(content["name"]), description=content.get("description"), url=url)
    parent = collection.get("parent_id")
    return Group(
        source_id=group_id,
        parent=str(parent) if parent not in (None, "", 0) else None,
        variants=variants,
        order=collection.get("order") if isinstance(collection.get("order"), int) else None,
        icon=material_icon(collection.get("icon")),
    )


def _entry(article: dict[str, Any], default: str, export: Export, where: str) -> Entry:
    """An article with its translations, its author, tags and place."""
    article_id = shapes.ident(article, where)
    title = shapes.field(article, "title", where)
    parent = article.get("parent_id")
    parent_ids = [str(i) for i in article.get("parent_ids") or []]
    group = str(parent) if parent not in (None, "") else (parent_ids[-1] if parent_ids else None)
    if group is not None and group not in export.groups:
        raise ExportError(
            f"{where}: article {article_id} '{title}' is in collection {group}, which collections.json does not have; "
            "expected every article's collection in the export"
        )
    locale = str(article.get("default_locale") or default)
    variants = {locale: _variant(article)}
    for lang, content in (article.get("translated_content") or {}).items():
        if isinstance(content, dict) and lang != locale and content.get("state", "published") == "published" and content.get("title"):
            variants[lang] = _variant(content)
    tags = article.get("tags") or {}
    names = [str(t.get("name")) for t in (tags.get("tags") if isinstance(tags, dict) else tags) or [] if isinstance(t, dict)]
    return Entry(
        source_id=article_id,
        group=group,
        variants=variants,
        author=str(article["author_id"]) if article.get("author_id") is not None else None,
        created=day(article.get("created_at")),
        tags=names,
        draft=article.get("state") != "published",
    )


def _variant(content: dict[str, Any]) -> Variant:
    """An article's text in one language."""
    return Variant(
        title=str(content.get("title") or ""),
        description=content.get("description") or None,
        body=str(content.get("body") or ""),
        updated=day(content.get("updated_at")),
        url=content.get("url"),
    )


def _person(admin: dict[str, Any]) -> Person:
    """An admin, with the avatar's address (an object in newer versions, a string in older ones)."""
    avatar = admin.get("avatar")
    url = avatar.get("image_url") if isinstance(avatar, dict) else avatar if isinstance(avatar, str) else None
    return Person(
        source_id=shapes.ident(admin, "admins.json"),
        name=str(admin.get("name") or admin.get("email")),
        description=admin.get("job_title") or None,
        avatar_url=url,
    )


def _in_language(url: str, default: str, locale: str, group_id: str) -> str | None:
    """A collection's address in another language, which Intercom answers without the slug: .../fr/collections/12."""
    marker = f"/{default}/collections/"
    if marker not in url:
        return None
    return url.split(marker, 1)[0] + f"/{locale}/collections/{group_id}"


def _with(url: str, **params: Any) -> str:
    """`url` with some query parameters set."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({key: str(value) for key, value in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))
