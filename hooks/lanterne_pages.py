"""MkDocs adapter for the help-centre pages: contact block, tag pages, skip link, structured data, escaping."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from lanterne import contact, strings, structured
from lanterne.sources import url_of
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

log = logging.getLogger("mkdocs.hooks.lanterne.pages")
_state: dict[str, Any] = {}

SKIP_TARGET = "lt-main"
TAGS_PAGE = "tags"


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """Validate `extra.lanterne.contact`."""
    options = config.extra.get("lanterne") or {}
    settings, problems = contact.parse(options.get("contact"))
    for problem in problems:
        log.error(problem)
    _state["contact"] = settings
    _state["languages"] = list(options.get("languages") or ["fr", "en"])
    _state["default_language"] = options.get("default_language", _state["languages"][0])


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Add one tag page per language that has a home page (tags.md, tags.en.md), listing its tagged articles."""
    default = _state["default_language"]
    _state["tag_pages"] = {}
    for lang in _state["languages"]:
        suffix = "" if lang == default else f".{lang}"
        src_uri = f"{TAGS_PAGE}{suffix}.md"
        if files.get_file_from_path(f"index{suffix}.md") is None or files.get_file_from_path(src_uri) is not None:
            continue
        title = strings.text(lang, "tags.title")
        content = f'---\ntitle: "{title}"\nsearch:\n  exclude: true\n---\n\n<!-- material/tags -->\n'
        file = File.generated(config, src_uri, content=content)
        _place(file, url_of(TAGS_PAGE, lang, default_language=default))
        files.append(file)
        _state["tag_pages"][src_uri] = lang
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Give tag pages their view, and articles their contact block and structured data."""
    lang = _state["tag_pages"].get(page.file.src_uri)
    if lang is not None:
        page.meta["lanterne"] = _tag_page(lang, default=_state["default_language"])
        return None
    view = page.meta.get("lanterne")
    if not view or view.get("kind") != "article":
        return None
    view["contact"] = contact.block(_state["contact"], view["lang"])
    view["jsonld"] = structured.article(view, url=page.file.url, site_url=config.site_url or "")
    return None


def on_page_content(html: str, *, page: Page, **kwargs: Any) -> str | None:
    """Make Material's skip link (it targets the first TOC entry) lead to the help-centre content."""
    view = page.meta.get("lanterne")
    if not view or view.get("kind") not in ("home", "collection", "article", "tags"):
        return None
    main = AnchorLink(page.title or "", SKIP_TARGET, 1)
    main.children = list(page.toc)
    page.toc = TableOfContents([main])
    return None


def on_page_context(context: dict, *, page: Page, **kwargs: Any) -> None:
    """Escape the author's title and description before Material's templates print them raw (header, meta)."""
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)


def _tag_page(lang: str, *, default: str) -> dict[str, Any]:
    """The view of a tag page: its breadcrumb and labels."""
    root = {"title": strings.text(lang, "breadcrumb.root"), "url": url_of("index", lang, default_language=default)}
    return {
        "kind": "tags",
        "lang": lang,
        "title": strings.text(lang, "tags.title"),
        "breadcrumb": [root],
        "labels": {"skip": strings.text(lang, "skip"), "breadcrumb_label": strings.text(lang, "breadcrumb.label")},
    }


def _place(file: File, url: str) -> None:
    """Publish a generated page at its help-centre URL."""
    file.url = url
    file.dest_uri = f"{url}index.html"
    file.abs_dest_path = str(Path(file.dest_dir) / file.dest_uri)
