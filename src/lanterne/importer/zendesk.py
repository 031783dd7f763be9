"""Zendesk Guide: categories > sections > articles with their translations, users and user segments (Help Center API).

Saved as: categories.json, sections.json, articles.json, users.json, user_segments.json, articles/<id>/translations.json,
and, when saved, categories/<id>/translations.json and sections/<id>/translations.json for the collections' other languages.
Lists page by `next_page` (offset pagination) or `links.next` while `meta.has_more` (cursor pagination).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from lanterne.importer import shapes
from lanterne.importer.documents import day
from lanterne.importer.model import Entry, Export, ExportError, Group, Person, Variant
from lanterne.importer.source import Folder, Source

API = "api/v2/help_center"
# An API token as `email/token:KEY` (Basic), or an OAuth token (Bearer) when it has no colon.
SCHEME = "auto"
HEADERS: dict[str, str] = {}
CONCURRENCY = 4
_LINK_IDS = [
    (re.compile(r"/hc/(?:[A-Za-z-]+/)?articles/(\d+)"), "article", ""),
    (re.compile(r"/hc/(?:[A-Za-z-]+/)?sections/(\d+)"), "group", "s"),
    (re.compile(r"/hc/(?:[A-Za-z-]+/)?categories/(\d+)"), "group", "c"),
]
_SHORT = re.compile(r"^(hc/[^/]+/(?:articles|sections|categories)/\d+)-")


def next_page(page: Any, url: str) -> str | None:
    """The next page's URL: offset pagination's next_page, or cursor pagination's links.next while meta.has_more."""
    if not isinstance(page, dict):
        return None
    if page.get("next_page"):
        return str(page["next_page"])
    meta, links = page.get("meta") or {}, page.get("links") or {}
    return str(links["next"]) if meta.get("has_more") and links.get("next") else None


def read(source: Source, *, default_language: str) -> Export:
    """Read a Zendesk Guide export into the tool-neutral shapes."""
    categories = _listing(source, "categories", f"{API}/categories.json?per_page=100")
    sections = _listing(source, "sections", f"{API}/sections.json?per_page=100")
    articles = _listing(source, "articles", f"{API}/articles.json?per_page=100")
    users = _listing(source, "users", "api/v2/users.json?role[]=agent&role[]=admin&per_page=100")
    segments = {
        shapes.ident(s, "user_segments.json"): s for s in _listing(source, "user_segments", f"{API}/user_segments.json?per_page=100")
    }
    source_locale = next((str(a.get("source_locale")) for a in articles if a.get("source_locale")), "en-us")
    export = Export(tool="Zendesk", source_language=source_locale, link_ids=list(_LINK_IDS), short_path=_SHORT)
    for user in users:
        person = _person(user)
        export.people[person.source_id] = person
    where = source.where
    translated = _translations(source, "categories", categories) | _translations(source, "sections", sections)
    for category in categories:
        group = _group(category, None, translated, f"{where}/categories.json")
        group.source_id = f"c{group.source_id}"
        export.groups[group.source_id] = group
    for section in sections:
        _add_section(export, section, translated, where)
    article_translations = _translations(source, "articles", articles, required=True)
    for article in articles:
        entry = _entry(article, article_translations, segments, export, where)
        export.entries[entry.source_id] = entry
    export.hosts = {urlsplit(str(item.get("html_url"))).hostname or "" for item in (*categories, *articles) if item.get("html_url")} - {""}
    return export


def _listing(source: Source, name: str, path: str) -> list[dict[str, Any]]:
    """Every item of a list, all its pages read."""
    pages = source.pages(name, path, next_page)
    where = shapes.pages_where(source.where, name, len(pages))
    return [item for page in pages for item in shapes.items(page, name, where, f"the response of GET /{path.split('?')[0]}")]


def _translations(source: Source, kind: str, items: list[dict[str, Any]], *, required: bool = False) -> dict[tuple[str, str], list]:
    """Each item's translations, fetched a few at a time; a folder without a collection's file just has its source language."""
    wanted = [shapes.ident(item, f"{kind}.json") for item in items]
    if not required and isinstance(source, Folder):
        wanted = [item_id for item_id in wanted if source.has(f"{kind}/{item_id}/translations")]

    def one(item_id: str) -> tuple[tuple[str, str], list]:
        name, path = f"{kind}/{item_id}/translations", f"{API}/{kind}/{item_id}/translations.json?per_page=100"
        pages = source.pages(name, path, next_page)
        where = shapes.pages_where(source.where, name, len(pages))
        found = [t for page in pages for t in shapes.items(page, "translations", where, f"the response of GET /{path.split('?')[0]}")]
        return (kind, item_id), found

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return dict(pool.map(one, wanted))


def _group(item: dict[str, Any], parent: str | None, translated: dict, where: str) -> Group:
    """A category or a section, with its name in each language."""
    item_id = shapes.ident(item, where)
    kind = "categories" if "category_id" not in item else "sections"
    variants = {str(item.get("source_locale") or item.get("locale") or "en-us"): _group_variant(item, where)}
    for translation in translated.get((kind, item_id), []):
        if not translation.get("draft"):
            variants.setdefault(str(shapes.field(translation, "locale", where)), _group_variant(translation, where))
    order = item.get("position") if isinstance(item.get("position"), int) else None
    return Group(source_id=item_id, parent=parent, variants=variants, order=order)


def _group_variant(item: dict[str, Any], where: str) -> Variant:
    """A category's or a section's name and description in one language."""
    title = item.get("name") or item.get("title")
    if not isinstance(title, str) or not title:
        raise ExportError(f"{where}: {item.get('id')!r} has no 'name'; expected every category and section to have one")
    description = item.get("description") or item.get("body") or None  # a translation holds the description in its body
    return Variant(title=title, description=description, url=item.get("html_url"), updated=day(item.get("updated_at")))


def _add_section(export: Export, section: dict[str, Any], translated: dict, where: str) -> None:
    """A section under its category, or under its parent section (nested sections)."""
    file = f"{where}/sections.json"
    parent_section = section.get("parent_section_id")
    parent = f"s{parent_section}" if parent_section else f"c{section.get('category_id')}"
    if not parent_section and parent not in export.groups:
        raise ExportError(
            f"{file}: section {section.get('id')} '{section.get('name')}' is in category {section.get('category_id')}, "
            "which categories.json does not have; expected every section's category in the export"
        )
    group = _group(section, parent, translated, file)
    group.source_id = f"s{group.source_id}"
    export.groups[group.source_id] = group


def _entry(article: dict[str, Any], translations: dict, segments: dict, export: Export, where: str) -> Entry:
    """An article with its translations, its author, labels, position and audience."""
    file = f"{where}/articles.json"
    article_id = shapes.ident(article, file)
    section = f"s{article.get('section_id')}"
    title = shapes.field(article, "title", file)
    if section not in export.groups:
        raise ExportError(
            f"{file}: article {article_id} '{title}' is in section {article.get('section_id')}, "
            "which sections.json does not have; expected every article's section in the export"
        )
    source_locale = str(article.get("source_locale") or article.get("locale") or export.source_language)
    variants: dict[str, Variant] = {}
    for translation in translations.get(("articles", article_id), []):
        if not translation.get("draft") and not translation.get("hidden"):
            variants[str(shapes.field(translation, "locale", where))] = _variant(translation)
    draft = bool(article.get("draft")) or source_locale not in variants
    if source_locale not in variants:
        variants[source_locale] = _variant(article)
    variants = dict(sorted(variants.items(), key=lambda item: item[0] != source_locale))
    entry = Entry(
        source_id=article_id,
        group=section,
        variants=variants,
        author=str(article["author_id"]) if article.get("author_id") is not None else None,
        created=day(article.get("created_at")),
        tags=[str(label) for label in article.get("label_names") or []],
        order=article.get("position") if isinstance(article.get("position"), int) else None,
        draft=draft,
    )
    _audience(entry, article, segments, title)
    return entry


def _variant(item: dict[str, Any]) -> Variant:
    """An article's text in one language."""
    return Variant(
        title=str(item.get("title") or item.get("name") or ""),
        body=str(item.get("body") or ""),
        updated=day(item.get("updated_at") or item.get("edited_at")),
        outdated=bool(item.get("outdated")),
        url=item.get("html_url"),
    )


def _audience(entry: Entry, article: dict[str, Any], segments: dict[str, dict[str, Any]], title: str) -> None:
    """Who may read it: everyone, agents only (a staff segment: internal), or signed-in customers (internal, and said: fail closed)."""
    ids = [str(i) for i in (article.get("user_segment_ids") or [])]
    if article.get("user_segment_id") is not None:
        ids.append(str(article["user_segment_id"]))
    for segment_id in dict.fromkeys(ids):
        segment = segments.get(segment_id)
        entry.internal = True
        if segment is None:
            entry.restricted = f"restricted to user segment {segment_id}, which user_segments.json does not have"
        elif segment.get("user_type") != "staff":
            entry.restricted = f"restricted to the user segment '{segment.get('name')}' (signed-in customers), which Lanterne cannot serve"
    if entry.restricted:
        entry.restricted = f"'{title}' is {entry.restricted}: imported as internal, so it is never public"


def _person(user: dict[str, Any]) -> Person:
    """A Zendesk user, with the photo's address."""
    photo = user.get("photo") if isinstance(user.get("photo"), dict) else {}
    return Person(
        source_id=shapes.ident(user, "users.json"),
        name=str(user.get("name") or user.get("email") or user.get("id")),
        avatar_url=photo.get("content_url"),
    )
