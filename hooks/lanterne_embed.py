"""MkDocs adapter: write each article, collection and home again under embed/, in the compact layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from lanterne import current, embed
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TEMPLATE = "lanterne/embed.html"
_build: dict[str, Any] = {}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Keep the theme's template environment and the set of embedded URLs, once per build."""
    _build["env"] = env
    _build["inside"] = embed.embedded(current.index(), {file.src_uri for file in files.documentation_pages()})


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    """Render the page's embed version with the same context as the full page, and write it."""
    view = page.meta.get("lanterne") or {}
    if view.get("kind") not in embed.KINDS:
        return
    data = embed.page(current.index(), page.url, view["lang"], view["kind"])
    html = _build["env"].get_template(TEMPLATE).render({**context, "lt_embed": data, "lt_embed_page": _FromEmbed(page)})
    target = Path(config.site_dir) / embed.url_of(page.url) / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(embed.rewrite(html, page.url, _build["inside"]), encoding="utf-8")


class _FromEmbed:
    """A page as seen from its embed copy: the url filter then writes links that work from embed/."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self.url = embed.url_of(page.url)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)
