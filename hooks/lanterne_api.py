"""MkDocs adapter: write the JSON API (api/articles.json, api/collections.json, one file per article)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lanterne import api, current
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_bodies: dict[str, str] = {}


def on_pre_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    """Forget the previous build's pages (mkdocs serve rebuilds in the same process)."""
    _bodies.clear()


def on_page_content(html: str, *, page: Page, **kwargs: Any) -> None:
    """Keep each article's rendered body for its API document."""
    _bodies[page.file.src_uri] = html


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    """Write every API document from the model, once per build."""
    base = config.site_url or "/"
    for path, document in api.documents(current.index(), _bodies, base=base).items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
