"""The I/O of the browser checks: a built site served over HTTP, and Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Debian's Chromium; LANTERNE_CHROMIUM names another binary. Playwright's own browsers are never downloaded.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserUnavailableError(Exception):
    """Chromium or Playwright is missing: the browser checks cannot run."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the report clean."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 and a free port for the duration of the block; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Any]:
    """Launch headless Chromium through Playwright for the duration of the block."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise BrowserUnavailableError("Playwright is not installed; install lanterne[check], or run with --no-browser") from error
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def chromium_path() -> str:
    """Find Chromium: LANTERNE_CHROMIUM, then Debian's, then one on the PATH."""
    candidates = [os.environ.get("LANTERNE_CHROMIUM"), CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")]
    found = next((path for path in candidates if path and os.access(path, os.X_OK)), None)
    if found is None:
        raise BrowserUnavailableError("no Chromium found (apt-get install chromium, or set LANTERNE_CHROMIUM); or run with --no-browser")
    return found
