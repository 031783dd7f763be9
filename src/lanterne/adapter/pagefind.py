"""Search: Pagefind indexes one small page per article, then the client's typo-correction vocabulary is written."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from lanterne.outputs import search
from lanterne.template_context import SEARCH_BUNDLE

log = logging.getLogger("mkdocs.hooks.lanterne.search")
# Pagefind's ready-made interfaces, which Lanterne's search box replaces: not published.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def index(documents: list[search.SearchDocument], site_dir: Path) -> None:
    """Run Pagefind over one staging page per article, then write the vocabulary per language."""
    started = time.perf_counter()
    output = site_dir / SEARCH_BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    if not documents:
        # Pagefind refuses an empty folder; a site whose every article is left out (or not yet written) has nothing to find.
        log.info("Lanterne search: no article to index in this build, so the site has no search index until one is published")
        return
    with tempfile.TemporaryDirectory(prefix="lanterne-search-") as staging:
        for doc in documents:
            target = Path(staging, doc.url, "index.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(search.indexer_page(doc), encoding="utf-8")
        if not _run(Path(staging), output):
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


def _run(staging: Path, output: Path) -> bool:
    """Index the staging pages into the site's search bundle; log Pagefind's complaint if it fails."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(staging), "--output-path", str(output), "--silent"]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode:
        log.error(f"Lanterne search: Pagefind failed ({finished.returncode}): {finished.stderr.strip() or finished.stdout.strip()}")
        return False
    return True
