"""A plan's files: each article's and collection's Markdown, the authors, the redirect map, and the files to download."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from lanterne.content.loader import MAX_SOURCE
from lanterne.importer import body, documents, slugs
from lanterne.importer.model import Export, Person
from lanterne.importer.plan import Plan, PlannedEntry, old_path

ASSETS = "assets"
FALLBACK_AUTHOR = "team"


@dataclass
class Assembled:
    """Text files by docs path, files to download (URL -> docs path), authors, and what the report says by article."""

    texts: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)
    # Which article (docs path) needs which download, to name it when the download fails.
    needed_by: dict[str, str] = field(default_factory=dict)
    authors: dict[str, dict[str, str]] = field(default_factory=dict)
    # Which person of the old tool is which author id.
    person_ids: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    by_article: dict[str, list[str]] = field(default_factory=dict)
    warnings: int = 0
    dropped: int = 0
    # Files left out for their length, with their old address.
    too_long: dict[str, str] = field(default_factory=dict)


def assemble(export: Export, plan: Plan, *, default: str, tool: str, author_ids: dict[str, str], site_authors: set[str]) -> Assembled:
    """Convert every body and write every front matter; `author_ids` maps people already imported to their ids,
    `site_authors` are the ids docs/.authors.yml has."""
    result = Assembled(redirects=dict(plan.redirects))
    resolve = _resolver(export, plan)
    people = _authors(export, plan, author_ids, result, site_authors)
    for planned in plan.groups.values():
        for lang in planned.variants:
            path = _file(planned.folder + "/index", lang, default)
            result.texts[path] = documents.markdown_file(documents.group_front(planned, lang, default), "")
    for planned in plan.entries.values():
        _entry_files(planned, plan, export, default, tool, people, resolve, result)
    result.by_article = {path: notes for path, notes in result.by_article.items() if notes}
    # An old address leads only to a file the import writes, and a link to a file left out leads to where it was.
    result.redirects = {old: target for old, target in result.redirects.items() if target in result.texts}
    _unlink(result)
    return result


def _unlink(result: Assembled) -> None:
    """Point the links to an article left out (too long) back at its old address, so that no link is broken."""
    if not result.too_long:
        return
    for path, text in result.texts.items():
        for target, url in result.too_long.items():
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            text = text.replace(f"]({relative})", f"]({url})" if url else "]()")
        result.texts[path] = text


def _entry_files(
    planned: PlannedEntry,
    plan: Plan,
    export: Export,
    default: str,
    tool: str,
    people: dict[str, str],
    resolve: Callable[[str], str | None],
    result: Assembled,
) -> None:
    """An article's files, one per language, and what converting them found."""
    entry = planned.entry
    related = [plan.link_ids[("article", i)] for i in entry.related if ("article", i) in plan.link_ids]
    for lang, variant in planned.variants.items():
        path = _file(planned.base, lang, default)
        notes = result.by_article.setdefault(path, [])
        links = body.Links(
            here=path,
            base_url=variant.url or _site_root(export),
            article=resolve,
            old_site=lambda url: (urlsplit(url).hostname or "") in export.hosts,
            asset=lambda url: _asset_path(url, tool),
        )
        converted = body.convert(variant.body, links)
        for url, asset in converted.assets.items():
            result.downloads[url] = asset
            result.needed_by.setdefault(url, path)
        notes += [f"dropped {item}" for item in converted.dropped] + converted.warnings
        result.dropped += len(converted.dropped)
        result.warnings += len(converted.warnings)
        author = people.get(entry.author or "", FALLBACK_AUTHOR)
        front = documents.entry_front(planned, lang, default, author=author, related=related if lang == default else [], notes=notes)
        text = documents.markdown_file(front, converted.markdown)
        if len(text) > MAX_SOURCE:
            # The build refuses such a file; without its default language an article has no page at all.
            notes.append(f"{len(text):,} characters, above Lanterne's {MAX_SOURCE:,}: not imported; split it in the old tool")
            result.too_long[path] = variant.url or ""
            if lang == default:
                break
            continue
        result.texts[path] = text
        if lang == default and entry.restricted:
            notes.append(entry.restricted)
        if lang == default and len(related) < len(entry.related):
            notes.append(f"{len(entry.related) - len(related)} related article(s) not imported, left out of related:")


def _authors(export: Export, plan: Plan, known: dict[str, str], result: Assembled, site_authors: set[str]) -> dict[str, str]:
    """An id in docs/.authors.yml for each person who wrote an imported article; their avatars to download."""
    writers = {planned.entry.author for planned in plan.entries.values() if planned.entry.author}
    taken = set(known.values()) | (site_authors - set(known.values())) | {FALLBACK_AUTHOR}
    ids: dict[str, str] = {}
    for person_id in sorted(writers, key=str):
        person = export.people.get(person_id)
        if person is None:
            continue
        author_id = known.get(person_id) or slugs.unique(slugs.slug(person.name, fallback=f"author-{person_id}"), taken)
        ids[person_id] = author_id
        result.authors[author_id] = _author_entry(person, author_id, result)
    if FALLBACK_AUTHOR not in site_authors and any((planned.entry.author or "") not in ids for planned in plan.entries.values()):
        result.authors[FALLBACK_AUTHOR] = {"name": f"{export.tool} import"}
    result.person_ids = ids
    return ids


def _author_entry(person: Person, author_id: str, result: Assembled) -> dict[str, str]:
    """One entry of docs/.authors.yml, its avatar downloaded under assets/authors/."""
    entry = {"name": person.name}
    if person.description:
        entry["description"] = person.description
    if person.avatar_url and urlsplit(person.avatar_url).scheme in ("http", "https"):
        extension = posixpath.splitext(urlsplit(person.avatar_url).path)[1].lower() or ".png"
        entry["avatar"] = f"{ASSETS}/authors/{author_id}{extension if len(extension) <= 5 else '.png'}"
        result.downloads[person.avatar_url] = entry["avatar"]
        result.needed_by.setdefault(person.avatar_url, "docs/.authors.yml")
    return entry


def _resolver(export: Export, plan: Plan) -> Callable[[str], str | None]:
    """Find the imported article or collection a link leads to: by its old path, or by the id in it."""

    def resolve(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.hostname and parts.hostname not in export.hosts:
            return None
        path = old_path(url)
        if path in plan.link_paths:
            return plan.link_paths[path]
        for pattern, kind, prefix in export.link_ids:
            if match := pattern.search("/" + unquote(parts.path).lstrip("/")):
                key = export.id_aliases.get((kind, prefix + match[1]), prefix + match[1])
                if (kind, key) in plan.link_ids:
                    return plan.link_ids[(kind, key)]
        return None

    return resolve


def _asset_path(url: str, tool: str) -> str:
    """Where a downloaded file goes: assets/<tool>/<hash>-<its name>, the same for the same URL every time."""
    parts = urlsplit(url)
    stem, extension = posixpath.splitext(posixpath.basename(unquote(parts.path)))
    digest = hashlib.sha1(url.encode()).hexdigest()[:10]
    name = slugs.slug(stem, fallback="file")[:40]
    extension = extension.lower() if extension and len(extension) <= 5 and extension[1:].isalnum() else ""
    return f"{ASSETS}/{tool}/{digest}-{name}{extension}"


def _site_root(export: Export) -> str:
    """The old help centre's address, to read relative links against, when an article has no URL of its own."""
    host = min(export.hosts) if export.hosts else "localhost"
    return urljoin(f"https://{host}/", "/")


def _file(base: str, lang: str, default: str) -> str:
    """x.md or x.<lang>.md."""
    return f"{base}.md" if lang == default else f"{base}.{lang}.md"
