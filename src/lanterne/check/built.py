"""Read a built site: its files, its HTML pages parsed once, its JSON documents."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

# Attributes that make the browser fetch or navigate, by the elements that carry them.
LINKING = {
    "href": "//a[@href] | //link[@href] | //area[@href]",
    "src": "//img[@src] | //script[@src] | //iframe[@src] | //source[@src] | //audio[@src] | //video[@src]",
}


@dataclass(frozen=True)
class Page:
    """One HTML page of a build: its path in the site, what it refers to, and the anchors it offers."""

    path: str
    references: tuple[tuple[str, str], ...] = ()
    anchors: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Site:
    """A built site: every file by its path relative to the site folder, and its HTML pages parsed."""

    root: Path
    files: set[str]
    pages: dict[str, Page]

    def json(self, path: str) -> Any:
        """Read one JSON file of the site."""
        return json.loads((self.root / path).read_text(encoding="utf-8"))


def read_site(root: Path) -> Site:
    """List every file of a built site and parse each of its HTML pages once."""
    files = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    pages = {path: parse_page(path, (root / path).read_bytes()) for path in sorted(files) if path.endswith(".html")}
    return Site(root=root, files=files, pages=pages)


def parse_page(path: str, data: bytes) -> Page:
    """Parse one page: every (attribute, value) that links somewhere, and every id and a[name]."""
    if not data.strip():
        return Page(path=path)
    document = lxml_html.document_fromstring(data)
    references = tuple((attribute, element.get(attribute)) for attribute, query in LINKING.items() for element in document.xpath(query))
    anchors = frozenset([*document.xpath("//@id"), *document.xpath("//a/@name")])
    return Page(path=path, references=references, anchors=anchors)


def by_class(document: Any, name: str, tail: str = "") -> list[Any]:
    """Find elements with a CSS class (`tail` continues the XPath, such as '//a[@href]')."""
    return document.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]{tail}")


def parse(path: Path) -> Any:
    """Parse one HTML file into an lxml document."""
    return lxml_html.document_fromstring(path.read_bytes())
