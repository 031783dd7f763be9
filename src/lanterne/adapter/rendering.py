"""What Lanterne does to each page's Markdown tree as MkDocs renders it, knowing the page's language.

- In a translation, Markdown links to default-language files lead to their variants before MkDocs resolves them.
  MkDocs checks a link's anchor against the file it names: `email.md#steps` in `envoyer.en.md` would be checked against
  the French page (which has `#etapes`) and fail --strict. Rewritten to `email.en.md#steps` first, it is checked
  against the page the reader reaches, and keeps its anchor.
- Callouts and folded sections without a title of their own get their type's title in the page's language
  ("Remarque", not Python-Markdown's "Note", on a French page).
- A link to a page left out of the build for a problem of its own becomes its text: that problem is reported once,
  where it is, and the page that links to it builds.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Container
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from lanterne.views import strings
from lanterne.views.languages import Variants

# Before MkDocs' own link processor (priority 0) and after every extension that makes links.
PRIORITY = 2


@dataclass
class Rendering:
    """The page being rendered, set by the adapter before MkDocs renders it."""

    src_path: str | None = None
    lang: str | None = None
    variants: Variants | None = None
    left_out: Container[str] = ()


class TranslationLinks(Extension):
    """Registers the link rewriter for every page MkDocs renders with this configuration."""

    def __init__(self, rendering: Rendering) -> None:
        super().__init__()
        self.rendering = rendering

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the treeprocessor."""
        md.treeprocessors.register(_Rewriter(md, self.rendering), "lanterne_translation_links", PRIORITY)
        md.treeprocessors.register(_Titles(md, self.rendering), "lanterne_callout_titles", PRIORITY)
        # After the translation links are localized (their variant may be the page left out), before MkDocs' own.
        md.treeprocessors.register(_LeftOut(md, self.rendering), "lanterne_left_out_links", PRIORITY - 1)


class _Rewriter(Treeprocessor):
    def __init__(self, md: Markdown, rendering: Rendering) -> None:
        super().__init__(md)
        self.rendering = rendering

    def run(self, root: ET.Element) -> None:
        """Point each link of a translation at its target's variant in the page's language."""
        page = self.rendering
        if page.variants is None or page.src_path is None or page.lang is None:
            return
        for link in root.iter("a"):
            new = page.variants.variant_link(link.get("href", ""), src_path=page.src_path, lang=page.lang)
            if new is not None:
                link.set("href", new)


class _LeftOut(Treeprocessor):
    def __init__(self, md: Markdown, rendering: Rendering) -> None:
        super().__init__(md)
        self.rendering = rendering

    def run(self, root: ET.Element) -> None:
        """Turn each link to a page left out of this build into its text."""
        page = self.rendering
        if not page.left_out or page.src_path is None:
            return
        for link in root.iter("a"):
            if _target(link.get("href", ""), page.src_path) in page.left_out:
                link.tag = "span"
                link.attrib.clear()


def _target(href: str, src_path: str) -> str | None:
    """The source file a relative link names, relative to docs/: `../devis/creer.md#x` from factures/envoyer.md is devis/creer.md."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    path = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(src_path), path)
    return posixpath.normpath(posixpath.join(path, "index.md") if path.endswith("/") else path)


class _Titles(Treeprocessor):
    def __init__(self, md: Markdown, rendering: Rendering) -> None:
        super().__init__(md)
        self.rendering = rendering

    def run(self, root: ET.Element) -> None:
        """Give each callout whose title is its type's default (`!!! tip`) that title in the page's language."""
        lang = self.rendering.lang
        if lang is None:
            return
        titles = strings.table(lang).get("callout", {})
        for box in root.iter():
            title = _default_title(box)
            if title is not None and (kind := (title.text or "").strip().casefold()) in titles:
                title.text = titles[kind]


def _default_title(box: ET.Element) -> ET.Element | None:
    """The title element of an admonition or details block when it is the default one (its type, capitalised)."""
    classes = (box.get("class") or "").split()
    if box.tag == "div" and "admonition" in classes:
        title = next((child for child in box if "admonition-title" in (child.get("class") or "").split()), None)
    elif box.tag == "details":
        title = next((child for child in box if child.tag == "summary"), None)
    else:
        return None
    kinds = [c for c in classes if c not in ("admonition", "inline", "end")]
    if title is None or len(title) or not kinds or (title.text or "").strip() != kinds[0].capitalize():
        return None
    return title
