"""Where everything of an export goes in the site: folders and files from the titles, languages, audiences, old URLs.

Folder and file names are slugs of the default language's titles, in the order of the old tool; an article or a collection
imported before keeps the path the state file gives it, so that renaming it in the old tool moves nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from lanterne.content.redirect_map import check_entry
from lanterne.importer import slugs
from lanterne.importer.languages import Languages
from lanterne.importer.model import Entry, Export, Group, Variant

# Lanterne's collections nest one level: deeper groups are folded into their sub-collection (or collection).
MAX_DEPTH = 2


@dataclass
class PlannedGroup:
    """A collection or sub-collection: its folder and its text in each site language."""

    group: Group
    folder: str
    variants: dict[str, Variant]


@dataclass
class PlannedEntry:
    """An article: its base path (no language, no .md) and its text in each site language, the default first."""

    entry: Entry
    base: str
    variants: dict[str, Variant]


@dataclass
class Plan:
    """The site the export becomes, before any body is converted."""

    groups: dict[str, PlannedGroup] = field(default_factory=dict)
    entries: dict[str, PlannedEntry] = field(default_factory=dict)
    # Old URL path (no leading slash) -> the docs file it now leads to.
    redirects: dict[str, str] = field(default_factory=dict)
    # Old URL path -> the default language's docs file, for links in bodies; ("article", id) likewise.
    link_paths: dict[str, str] = field(default_factory=dict)
    link_ids: dict[tuple[str, str], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    short_path: re.Pattern[str] | None = None


def plan(export: Export, languages: Languages, *, previous: dict[str, str], occupied: dict[str, set[str]] | None = None) -> Plan:
    """Lay the export out; `previous` maps 'group:ID' and 'article:ID' to the paths an earlier import gave them, and
    `occupied` names what each folder of docs/ already holds that is the site's own ("" for docs/ itself)."""
    result = Plan(notes=list(export.notes), short_path=export.short_path)
    folded = _folded(export, result)
    taken = {folder: set(names) for folder, names in (occupied or {}).items()}
    _place_groups(export, languages, previous, result, taken)
    _place_entries(export, languages, previous, folded, result, taken)
    _drop_empty_groups(result)
    languages.check()
    for planned in result.groups.values():
        _record_urls(
            planned.folder + "/index", planned.variants, languages.default, result, kind="group", source_id=planned.group.source_id
        )
        for url in planned.group.extra_urls:
            _redirect(url, f"{planned.folder}/index.md", result)
    for group_id, group in export.groups.items():
        into = result.groups.get(folded[group_id])
        if group_id not in result.groups and into is not None:
            for locale, variant in group.variants.items():
                lang = languages.of(locale, what="")
                suffix = "" if lang in (None, languages.default) or lang not in into.variants else f".{lang}"
                if variant.url:
                    _redirect(variant.url, f"{into.folder}/index{suffix}.md", result)
    for planned in result.entries.values():
        _record_urls(planned.base, planned.variants, languages.default, result, kind="article", source_id=planned.entry.source_id)
    return result


def _folded(export: Export, result: Plan) -> dict[str, str]:
    """Each group's place: itself up to MAX_DEPTH, its nearest ancestor at that depth below it; say which were folded."""
    place: dict[str, str] = {}
    for group_id, group in export.groups.items():
        chain = [group_id]
        while (parent := export.groups[chain[-1]].parent) is not None:
            chain.append(parent)
        chain.reverse()
        place[group_id] = chain[min(len(chain), MAX_DEPTH) - 1]
        if len(chain) > MAX_DEPTH:
            name, into = _title(group), _title(export.groups[place[group_id]])
            result.notes.append(f"'{name}' is nested inside '{into}', deeper than Lanterne's one level: its articles are in '{into}'")
    return place


def _place_groups(export: Export, languages: Languages, previous: dict[str, str], result: Plan, taken: dict[str, set[str]]) -> None:
    """Give each collection and sub-collection kept its folder, parents first."""
    for depth in range(1, MAX_DEPTH + 1):
        for group in sorted(export.groups.values(), key=_order_key):
            parent_folder = _parent_folder(group, export, result)
            if _depth(group, export) != depth or (depth > 1 and parent_folder is None):
                continue
            variants = _site_variants(group.variants, languages, what=f"collection '{_title(group)}'")
            if languages.default not in variants:
                result.notes.append(f"collection '{_title(group)}' has no {languages.default} name; left out with its articles")
                continue
            siblings = taken.setdefault(parent_folder or "", set())
            folder = _reuse(previous.get(f"group:{group.source_id}"), parent_folder, siblings)
            if folder is None:
                name = slugs.slug(variants[languages.default].title, fallback=f"collection-{group.source_id}")
                name = slugs.unique(name, siblings, languages=languages.site if depth == 1 else ())
                folder = f"{parent_folder}/{name}" if parent_folder else name
            result.groups[group.source_id] = PlannedGroup(group, folder, variants)


def _place_entries(
    export: Export, languages: Languages, previous: dict[str, str], folded: dict[str, str], result: Plan, taken: dict[str, set[str]]
) -> None:
    """Give each article kept its file, in the folder of its (folded) group."""
    for entry in sorted(export.entries.values(), key=_order_key):
        title = _title(entry)
        if entry.draft:
            result.notes.append(f"'{title}' is a draft in {export.tool}; not imported (publish it there, then import again)")
            continue
        group = result.groups.get(folded[entry.group]) if entry.group else None
        if entry.group and group is None:
            result.notes.append(f"'{title}' is in a collection that was left out; not imported")
            continue
        if group is None:
            result.notes.append(f"'{title}' is in no collection; not imported (Lanterne's articles live in collections)")
            continue
        variants = _site_variants(entry.variants, languages, what=f"'{title}'")
        if languages.default not in variants:
            result.notes.append(f"'{title}' has no {languages.default} text; not imported (an article needs its default language)")
            continue
        _mark_outdated(variants, languages.default)
        siblings = taken.setdefault(group.folder, set())
        base = _reuse(previous.get(f"article:{entry.source_id}"), group.folder, siblings)
        if base is None:
            name = slugs.slug(variants[languages.default].title, fallback=f"article-{entry.source_id}")
            base = f"{group.folder}/{slugs.unique(name, siblings)}"
        result.entries[entry.source_id] = PlannedEntry(entry, base, variants)


def _drop_empty_groups(result: Plan) -> None:
    """A collection with no article imported has no page in Lanterne: leave it out, and say so."""
    used = {planned.base.rsplit("/", 1)[0] for planned in result.entries.values()}
    used |= {folder.split("/", 1)[0] for folder in used}
    for key, planned in list(result.groups.items()):
        if planned.folder not in used:
            del result.groups[key]
            result.notes.append(f"collection '{_title(planned.group)}' has no article to import; left out")


def _site_variants(variants: dict[str, Variant], languages: Languages, *, what: str) -> dict[str, Variant]:
    """The variants in the site's languages, the default first; a second locale of one language (en-gb beside en-us) is left out."""
    found: dict[str, Variant] = {}
    for locale, variant in variants.items():
        lang = languages.of(locale, what=what)
        if lang is not None and lang not in found:
            found[lang] = variant
    return dict(sorted(found.items(), key=lambda item: item[0] != languages.default))


def _mark_outdated(variants: dict[str, Variant], default: str) -> None:
    """Date translations so that Lanterne's translation health says what the old tool said: outdated, or up to date."""
    source = variants[default].updated
    if source is None:
        return
    for lang, variant in variants.items():
        if lang == default:
            continue
        if variant.outdated:
            variant.updated = min(variant.updated or source, source - timedelta(days=1))
        elif variant.updated is None or variant.updated < source:
            variant.updated = source


def _record_urls(base: str, variants: dict[str, Variant], default: str, result: Plan, *, kind: str, source_id: str) -> None:
    """Each variant's old URL redirects to that variant; links to any of them lead to the default language's file."""
    source_file = f"{base}.md"
    result.link_ids[(kind, source_id)] = source_file
    for lang, variant in variants.items():
        if variant.url:
            path = _redirect(variant.url, source_file if lang == default else f"{base}.{lang}.md", result)
            if path:
                result.link_paths.setdefault(path, source_file)


def _redirect(url: str, target: str, result: Plan) -> str | None:
    """Record one old URL's path, and its short form without the slug; return the path."""
    path = old_path(url)
    if path and check_entry(path, target):
        result.notes.append(f"{url}: not an address a web server can redirect (spaces, quotes, %, braces or ..); no redirect for it")
        return None
    if path:
        result.redirects.setdefault(path, target)
        if result.short_path and (match := result.short_path.match(path)):
            result.redirects.setdefault(match[1], target)
    return path


def old_path(url: str) -> str:
    """The path of an old URL as a web server sees it: decoded, without slashes around it."""
    return re.sub(r"/{2,}", "/", unquote(urlsplit(url).path)).strip("/")


def _reuse(path: str | None, folder: str | None, taken: set[str]) -> str | None:
    """An earlier import's path, if it is still in the same folder and its name still free."""
    if not path:
        return None
    parent, _, name = path.rpartition("/")
    if parent != (folder or "") or name in taken or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return None
    taken.add(name)
    return path


def _parent_folder(group: Group, export: Export, result: Plan) -> str | None:
    """The folder of a group's parent, once placed (None for a top-level group, or a parent left out)."""
    if group.parent is None:
        return None
    parent = result.groups.get(group.parent)
    return parent.folder if parent else None


def _depth(group: Group, export: Export) -> int:
    """1 for a top-level group."""
    depth = 1
    while group.parent is not None:
        group, depth = export.groups[group.parent], depth + 1
    return depth


def _order_key(item: Group | Entry) -> tuple[int, int, str]:
    """The old tool's order, then its id (numerically when it is a number), so that names come out the same every time."""
    order = item.order if item.order is not None else 1 << 30
    digits = "".join(filter(str.isdigit, item.source_id))
    return (order, int(digits) if digits else 0, item.source_id)


def _title(item: Group | Entry) -> str:
    """The title in the old tool's first language."""
    return next(iter(item.variants.values())).title if item.variants else item.source_id
