"""What an export holds, whatever tool it came from: collections, articles, their translations and their authors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


class ExportError(Exception):
    """An export that cannot be imported; the message names the file or the URL and what was expected."""


@dataclass
class Person:
    """An author in the old tool: an Intercom admin, a Zendesk user, a Help Scout user."""

    source_id: str
    name: str
    description: str | None = None
    avatar_url: str | None = None


@dataclass
class Variant:
    """The text of a collection or an article in one language, with its old URL there."""

    title: str
    description: str | None = None
    body: str = ""
    updated: date | None = None
    outdated: bool = False
    url: str | None = None


@dataclass
class Group:
    """A collection or sub-collection in the old tool (Intercom collection, Zendesk category or section, Help Scout category)."""

    source_id: str
    parent: str | None
    variants: dict[str, Variant]
    order: int | None = None
    icon: str | None = None
    internal: bool = False
    # Old URLs that lead to this group without being a variant's own (a Help Scout collection over its categories).
    extra_urls: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """An article in the old tool, with every language it is written in (the source language first)."""

    source_id: str
    group: str | None
    variants: dict[str, Variant]
    author: str | None = None
    created: date | None = None
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    order: int | None = None
    internal: bool = False
    # Why the article is internal although the old tool showed it to some customers: said in the report.
    restricted: str | None = None
    draft: bool = False


@dataclass
class Export:
    """Everything one tool's export holds, mapped to the tool-neutral shapes above. Languages are the tool's codes."""

    tool: str
    source_language: str
    groups: dict[str, Group] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    # Hosts the old help centre answered on, so that its absolute links are recognised in bodies.
    hosts: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    # How the old help centre's paths name an article or a group by id: (pattern with the id as group 1, "article" or "group",
    # the prefix of the export's key for that id).
    link_ids: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)
    # Other ids a link may use for the same thing (Help Scout's numbers): (kind, prefix + alias) -> source id.
    id_aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    # The old path without its slug, which the old tool answered too (/hc/en-us/articles/123): group 1 of this pattern.
    short_path: re.Pattern[str] | None = None
