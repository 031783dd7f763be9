"""The preview's search index: Pagefind runs beside the server a moment after each build, the latest build first."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
from pathlib import Path

from lanterne.adapter import pagefind
from lanterne.adapter.outputs import SKIP_SEARCH
from lanterne.build import Build
from lanterne.outputs import search
from lanterne.template_context import SEARCH_BUNDLE
from lanterne.views.index import Index

log = logging.getLogger("mkdocs.hooks.lanterne.search")


class DeferredSearch:
    """One background thread has the last build's articles indexed; builds that came meanwhile are indexed once, together."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._job: tuple[Index, dict[str, str], Path, int] | None = None
        self._thread: threading.Thread | None = None

    def schedule(self, build: Build, site_dir: Path, *, number: int) -> None:
        """Index this build's articles after it is served; an index not yet started is replaced by this one."""
        if os.environ.get(SKIP_SEARCH):
            return
        assert build.index is not None
        with self._ready:
            self._job = (build.index, dict(build.outputs.bodies), site_dir, number)
            self._ready.notify()
            if self._thread is None:
                # A daemon: stopping the server must not wait for an index nobody will read.
                self._thread = threading.Thread(target=self._work, name="lanterne-search", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            with self._ready:
                self._ready.wait_for(lambda: self._job is not None)
                assert self._job is not None
                index, bodies, site_dir, number = self._job
                self._job = None
            # A forked process, which starts with this build's model and bodies and does not share the
            # interpreter lock: indexing uses the second core and does not slow down the next rebuild.
            child = multiprocessing.get_context("fork").Process(target=_index, args=(index, bodies, site_dir), daemon=True)
            child.start()
            child.join()
            if child.exitcode == 0:
                log.info(f"Lanterne preview: search is up to date with build {number}")
            else:
                # The preview goes on without an up-to-date search; the next build tries again.
                log.error(f"Lanterne search: the preview's index could not be written (exit code {child.exitcode})")


def _index(index: Index, bodies: dict[str, str], site_dir: Path) -> None:
    """Index into a folder beside the site, then swap it in: search never sees half an index."""
    with tempfile.TemporaryDirectory(prefix=".lanterne-search-", dir=site_dir.parent) as staging:
        pagefind.index(search.documents(index, bodies), Path(staging))
        fresh, current = Path(staging) / SEARCH_BUNDLE, site_dir / SEARCH_BUNDLE
        if not fresh.is_dir():
            return
        old = Path(staging) / "previous"
        if current.exists():
            current.rename(old)
        fresh.rename(current)
        shutil.rmtree(old, ignore_errors=True)
