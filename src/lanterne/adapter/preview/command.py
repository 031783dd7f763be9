"""`lanterne serve`: the live preview. MkDocs' own builder and live-reload server, with dirty builds.

The first build renders every page; after an edit, the engine's preview (adapter/preview.py) re-renders only
the pages whose output changes, and Pagefind indexes search a moment later in the background.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

DIRTY_WARNING = "A 'dirty' build is being performed"


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may show stale navigation; the preview decides what renders again, so it does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `lanterne serve`."""
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve (default: 127.0.0.1:8000)")
    parser.add_argument("--site-dir", type=Path, help="build into this folder (default: a temporary folder, removed on exit)")


def run(args: argparse.Namespace) -> int:
    """Build the site once, serve it, and build again what changed after each edit until Ctrl-C."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils import clean_directory

    _log_to_terminal()
    site_dir = str(args.site_dir) if args.site_dir else tempfile.mkdtemp(prefix="lanterne-preview-")
    # The first build starts from an empty folder, as `mkdocs build` does: a folder kept from an earlier
    # session may hold pages that are gone, and only this session's builds know what to remove.
    clean_directory(site_dir)

    def get_config() -> MkDocsConfig:
        # Not strict: a content problem is shown in the terminal and in the browser, and the preview goes on.
        return load_config(config_file=args.config_file, site_dir=site_dir, dev_addr=args.dev_addr, strict=False)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"

    def builder(config: MkDocsConfig | None = None) -> None:
        config = config or get_config()
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        for item in config.watch:
            server.watch(item)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        try:
            server.serve()
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        if not args.site_dir:
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page for a missing URL, as `mkdocs serve` does."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _log_to_terminal() -> None:
    """Print MkDocs' and Lanterne's messages as `mkdocs serve` does: INFO and above, with their level."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
