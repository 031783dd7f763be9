"""Shared helpers: write a small real help centre into tmp_path and build it with MkDocs."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import material
import pytest
import uvicorn
import yaml
from bs4 import BeautifulSoup
from feedback_stores import Database, FeedbackStore
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from postgres import postgres_cluster, server_bin

from lanterne import settings
from lanterne.build import Build
from lanterne.check.browser import chromium, serve
from lanterne.feedback.app import create_app
from lanterne.feedback.config import Config
from lanterne.feedback.server import uvicorn_config

ROOT = Path(__file__).resolve().parents[1]
ADAPTER = ROOT / "hooks" / "lanterne_hooks.py"
MATERIAL = Path(material.__file__).parent
PALETTE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "custom",
        "toggle": {"icon": "material/weather-night", "name": "Dark"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "custom",
        "toggle": {"icon": "material/weather-sunny", "name": "Light"},
    },
]
MARKDOWN_EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tilde",
]
VALIDATION = {
    "nav": {"omitted_files": "ignore"},
    "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
}
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

AUTHORS = """\
authors:
  sophie:
    name: Sophie Martin
    description: Support client
    avatar: assets/authors/sophie.svg
  lea:
    name: Léa Dubois
"""

# A minimal valid help centre: tests override or add files by path.
BASE_FILES: dict[str, str] = {
    ".authors.yml": AUTHORS,
    "assets/authors/sophie.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    "index.md": "---\nhero:\n  title: Comment pouvons-nous vous aider ?\n---\n",
    "index.en.md": "---\nhero:\n  title: How can we help?\n---\n",
    "factures/index.md": "---\ntitle: Factures\ndescription: Créer et envoyer\nicon: material/receipt-text\norder: 1\n---\n",
    "factures/index.en.md": "---\ntitle: Invoices\n---\n",
    "factures/envoyer.md": (
        "---\ntitle: Envoyer une facture\ndescription: Par email\nauthor: sophie\nupdated: 2024-09-13\n"
        "tags: [email]\n---\n\nCorps de l'article.\n"
    ),
    "factures/envoyer.en.md": "---\ntitle: Send an invoice\nupdated: 2024-09-10\n---\n\nBody.\n",
}


@dataclass
class Built:
    """The outcome of one real build: did it pass, what it logged, where it wrote."""

    ok: bool
    site: Path
    messages: list[str] = field(default_factory=list)

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the page published at a directory URL such as 'factures/envoyer/'."""
        return BeautifulSoup((self.site / url_path / "index.html").read_text(encoding="utf-8"), "lxml")

    def errors(self) -> list[str]:
        """Return the messages logged at warning level or above."""
        return [m.split(": ", 1)[1] for m in self.messages if m.startswith(("WARNING: ", "ERROR: "))]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def write_site(root: Path, files: dict[str, str | None], *, extra: dict | None = None, config: dict | None = None) -> Path:
    """Write mkdocs.yml and docs/ (BASE_FILES updated by `files`; None removes a file)."""
    merged = {**BASE_FILES, **files}
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = _site_settings()
    settings["extra"] = {"lanterne": {"audience": "public", "languages": ["fr", "en"], **(extra or {})}}
    settings.update(config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return root / "mkdocs.yml"


def _site_settings() -> dict:
    """A site's settings as `lanterne new` writes them, with the adapter line of this repository (never its sample)."""
    return {
        "site_name": "Aide",
        "site_url": "https://aide.example/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "fr", "features": ["navigation.prune", "content.code.copy"], "palette": PALETTE},
        "hooks": [str(ADAPTER)],
        "plugins": [],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "validation": VALIDATION,
    }


def load_content(files: dict[str, str | None], *, extra: dict | None = None) -> Build:
    """Read a help centre (BASE_FILES updated by `files`) through the engine's core only, without MkDocs."""
    merged = {rel: textwrap.dedent(text) for rel, text in {**BASE_FILES, **files}.items() if text is not None}
    options = {"audience": "public", "languages": ["fr", "en"], **(extra or {})}
    build = Build(site=settings.parse(options, site_url="https://aide.example/", theme_language="fr"), site_name="Aide")
    texts = {rel: text for rel, text in merged.items() if rel.endswith(".md")}
    build.read(texts, authors_text=merged.get(".authors.yml"), asset_exists=merged.__contains__, icon_exists=_material_icon)
    return build


def _material_icon(name: str) -> bool:
    """Tell whether Material ships an icon, as the build's own check does."""
    return (MATERIAL / "templates" / ".icons" / f"{name}.svg").is_file()


def run_build(config_file: Path, *, strict: bool = True) -> Built:
    """Run a real MkDocs build in-process and collect what it logged."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        build(config)
        ok = True
    except Abort:
        ok = False
    finally:
        logger.removeHandler(handler)
    return Built(ok=ok, site=Path(config["site_dir"]), messages=handler.messages)


@pytest.fixture
def make_site(tmp_path: Path):
    """Build a small real site: make_site({'path.md': text}, strict=True) -> Built."""

    def _make(
        files: dict[str, str | None] | None = None, *, strict: bool = True, extra: dict | None = None, config: dict | None = None
    ) -> Built:
        return run_build(write_site(tmp_path, files or {}, extra=extra, config=config), strict=strict)

    return _make


def _audience_site(tmp_path_factory, request, audience: str) -> Path:
    """Build the requesting module's FILES strictly for one audience; return the site folder."""
    built = run_build(write_site(tmp_path_factory.mktemp(audience), request.module.FILES, extra={"audience": audience}))
    assert built.ok, built.errors()
    return built.site


@pytest.fixture(scope="module")
def public(tmp_path_factory, request) -> Path:
    """The public build of the test module's FILES (a module may define its own `public` instead)."""
    return _audience_site(tmp_path_factory, request, "public")


@pytest.fixture(scope="module")
def internal(tmp_path_factory, request) -> Path:
    """The internal build of the test module's FILES (a module may define its own `internal` instead)."""
    return _audience_site(tmp_path_factory, request, "internal")


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never `playwright install`), launched as `lanterne check` does."""
    with chromium() as instance:
        yield instance


@pytest.fixture
def serve_dir():
    """Serve a directory over HTTP on 127.0.0.1 and a free port: serve_dir(path) -> base URL."""
    with contextlib.ExitStack() as servers:
        yield lambda directory: servers.enter_context(serve(directory))


def loopback_socket() -> socket.socket:
    """A TCP socket bound to 127.0.0.1 on a free port, for a server to listen on."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def feedback_config(root: Path, manifests: dict[str, dict], *, database: Database | None = None, **options) -> Config:
    """Write the manifests into `root` and return the service's settings, its database `database` or a file in `root`."""
    paths = []
    for name, data in manifests.items():
        path = root / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    location = database.location if database else str(root / "feedback.sqlite3")
    return Config(database=location, manifests=tuple(paths), **options)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 for the whole session (Debian's postgresql package): its DSN."""
    try:
        server_bin()
    except RuntimeError as missing:
        pytest.fail(str(missing), pytrace=False)
    with postgres_cluster() as dsn:
        yield dsn


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def feedback_store(request) -> FeedbackStore:
    """The store a feedback test runs on: each such test runs once on SQLite, once on PostgreSQL."""
    return FeedbackStore(request.param, request.getfixturevalue("postgres") if request.param == "postgresql" else None)


@contextlib.contextmanager
def running_feedback(config: Config, *, sock: socket.socket | None = None, read_timeout: float = 10.0) -> Iterator[tuple[str, int]]:
    """The feedback service as `feedback serve` runs it (its uvicorn settings and read timeout), on 127.0.0.1; yields (host, port)."""
    sock = sock or loopback_socket()
    server = uvicorn.Server(uvicorn_config(create_app(config), read_timeout=read_timeout, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield sock.getsockname()
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def feedback_service():
    """Run the feedback service in a real uvicorn on 127.0.0.1: feedback_service(config, sock=None) -> base URL."""
    with contextlib.ExitStack() as running:

        def _start(config: Config, sock: socket.socket | None = None) -> str:
            host, port = running.enter_context(running_feedback(config, sock=sock))
            return f"http://{host}:{port}"

        yield _start
