"""MkDocs adapter: read the content once, report problems, publish what the audience may see."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from lanterne import audience, current, views
from lanterne.loader import load
from lanterne.model import Article, Collection, HelpCentre, Home, Settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.lanterne.content")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """Read Lanterne's settings from `extra.lanterne`."""
    options = dict(config.extra.get("lanterne") or {})
    languages = tuple(options.get("languages") or ("fr", "en"))
    settings = Settings(
        default_language=options.get("default_language", languages[0]), languages=languages, audience=options.get("audience", "public")
    )
    _state["settings"] = settings
    config.extra["lanterne"] = {
        **options,
        "audience": settings.audience,
        "languages": list(languages),
        "default_language": settings.default_language,
    }


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Build the help centre from every Markdown file, then keep only what this build publishes."""
    settings: Settings = _state["settings"]
    pages = {file.src_uri: file for file in files.documentation_pages()}
    texts = {src: file.content_string for src, file in pages.items()}
    loaded = load(texts, authors_text=_read_authors(config), settings=settings, icon_exists=_icon_exists(config))
    for problem in loaded.problems:
        log.error(str(problem))
    if loaded.rejected:
        left_out = ", ".join(f"docs/{src}" for src in sorted(loaded.rejected))
        log.error(f"Lanterne: {len(loaded.problems)} content problem(s); left out of this build until fixed: {left_out}")
    dropped = audience.select(loaded.centre)
    for src in (*loaded.rejected, *dropped):
        files.remove(pages[src])
    _drop_internal_assets(files, texts, loaded.centre)
    for item in loaded.centre.by_src.values():
        _place(pages[item.src_path], item.url)
    _state["centre"] = loaded.centre
    _state["index"] = views.Index.build(loaded.centre)
    current.publish(_state["index"])
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Strip internal notes for customers and hand the page's view of the model to the template."""
    index: views.Index = _state["index"]
    item = index.centre.by_src.get(page.file.src_uri)
    if isinstance(item, Article):
        page.meta["lanterne"] = views.article(index, item)
    elif isinstance(item, Collection):
        page.meta["lanterne"] = views.collection(index, item)
    elif isinstance(item, Home):
        page.meta["lanterne"] = views.home(index, item.lang)
    elif item is not None:
        page.meta["lanterne"] = {"kind": "page", "lang": item.lang}
    if audience.is_public(index.centre.settings.audience):
        return audience.strip_internal_notes(markdown)
    return None


def _drop_internal_assets(files: Files, texts: dict[str, str], centre: HelpCentre) -> None:
    """In a public build, leave out images and files that only internal content refers to."""
    if not audience.is_public(centre.settings.audience):
        return
    assets = {file.src_uri: file for file in files if not file.is_documentation_page()}
    for src in audience.internal_only_assets(texts, published=set(centre.by_src), assets=set(assets)):
        files.remove(assets[src])


def _read_authors(config: MkDocsConfig) -> str | None:
    """Return docs/.authors.yml, which MkDocs itself never reads because it starts with a dot."""
    path = Path(config.docs_dir) / ".authors.yml"
    return path.read_text(encoding="utf-8") if path.exists() else None


def _icon_exists(config: MkDocsConfig) -> Any:
    """Return a check that an icon name such as material/receipt-text exists in the theme."""
    roots = [Path(directory) / ".icons" for directory in config.theme.dirs]
    return lambda name: any((root / f"{name}.svg").exists() for root in roots)


def _place(file: File, url: str) -> None:
    """Publish a page at its help-centre URL (translations live under /<lang>/)."""
    if file.url == url:
        return
    file.dest_uri = f"{url}index.html"
    file.url = url
    file.abs_dest_path = str(Path(file.dest_dir) / file.dest_uri)
