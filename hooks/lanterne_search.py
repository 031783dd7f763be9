"""MkDocs adapter: index every published article with Pagefind at the end of `mkdocs build`."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from lanterne import search, strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.lanterne.search")
_state: dict[str, Any] = {"documents": []}

BUNDLE = "pagefind"
# Pagefind's ready-made interfaces, which Lanterne's search box replaces: not published.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """Hand the search box its settings and interface text, per language."""
    options = config.extra.setdefault("lanterne", {})
    languages = list(options.get("languages") or ("fr", "en"))
    options["search"] = {
        "bundle": f"{BUNDLE}/",
        "weights": search.META_WEIGHTS,
        "labels": {lang: _labels(lang) for lang in languages},
    }


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Start each build (and each `mkdocs serve` rebuild) with no documents."""
    _state["documents"] = []


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    """Keep each article's rendered body (already without what the audience must not see)."""
    doc = search.document(page.meta, url=page.url, body_html=html)
    if doc is not None:
        _state["documents"].append(doc)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Run Pagefind over one small page per article, then write the typo-correction vocabulary."""
    documents: list[search.SearchDocument] = _state["documents"]
    started = time.perf_counter()
    output = Path(config.site_dir) / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="lanterne-search-") as staging:
        for doc in documents:
            target = Path(staging, doc.url, "index.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(search.indexer_page(doc), encoding="utf-8")
        if not _run_pagefind(Path(staging), output):
            return
    for pattern in UNUSED:
        for path in output.glob(pattern):
            path.unlink()
    for lang, vocabulary in search.vocabularies(documents).items():
        folder = output / "vocab" / lang
        folder.mkdir(parents=True, exist_ok=True)
        for letter, bucket in vocabulary.buckets().items():
            (folder / f"{letter}.json").write_text(json.dumps(bucket, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info(f"Lanterne search: indexed {len(documents)} articles in {time.perf_counter() - started:.2f} s")


def _run_pagefind(staging: Path, output: Path) -> bool:
    """Index the staging pages into the site's search bundle; log Pagefind's complaint if it fails."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        log.error("Lanterne search: the pagefind-bin package is missing; run `make build` to install requirements.txt")
        return False
    command = [str(get_executable()), "--site", str(staging), "--output-path", str(output), "--silent"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode:
        log.error(f"Lanterne search: Pagefind failed ({finished.returncode}): {finished.stderr.strip() or finished.stdout.strip()}")
        return False
    return True


def _labels(lang: str) -> dict[str, str]:
    """The search box's interface text in one language."""
    table = strings.table(lang)
    return {key.removeprefix("search."): str(value) for key, value in table.items() if key.startswith("search.")}
