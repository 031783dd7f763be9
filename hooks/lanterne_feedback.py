"""MkDocs adapter for reactions: configure the block, note each published article, write the manifest."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from lanterne import reactions as feedback
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.lanterne.feedback")
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """Read `extra.lanterne.feedback`; without an endpoint, article pages have no reactions block."""
    options = config.extra.setdefault("lanterne", {})
    endpoint, problems = feedback.endpoint(options.get("feedback"), site_url=config.site_url)
    for problem in problems:
        log.error(problem)
    _state["entries"] = []
    _state["enabled"] = endpoint is not None
    if endpoint is None:
        options["feedback"] = None
        if not problems:
            log.info("Lanterne: extra.lanterne.feedback.endpoint is not set, so article pages have no reactions block")
        return
    options["feedback"] = {"endpoint": endpoint, "text": feedback.texts(options.get("languages") or ["fr", "en"])}


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> dict | None:
    """Note each article page this build publishes, for the manifest."""
    view = page.meta.get("lanterne") if _state.get("enabled") else None
    if not view or view.get("kind") != "article":
        return None
    title = view.get("title") or page.meta.get("title") or page.title or ""
    _state["entries"].append(feedback.Entry(view["id"], view["lang"], view.get("audience", "public"), str(title), page.url))
    return None


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    """Write the manifest the feedback service reads to know which article ids exist."""
    if not _state.get("enabled"):
        return
    audience = config.extra["lanterne"].get("audience", "public")
    data = feedback.manifest(_state["entries"], audience=audience, site_url=config.site_url)
    path = Path(config.site_dir) / feedback.MANIFEST_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
