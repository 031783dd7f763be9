"""A stand-in for an old help centre on 127.0.0.1: its API answers the saved responses of a fixture, pages included, and its
files (images, attachments, avatars) are small real PNGs and PDFs. Fixtures name the tool's host; copies point it here."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from lanterne.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# Each tool's hosts in its fixture: the help centre's, and the API's where it is another.
HOSTS = {
    "zendesk": ("https://acme.zendesk.com",),
    "intercom": ("https://help.acme.example", "https://api.intercom.io"),
    "helpscout": ("https://acme.helpscoutdocs.com", "https://docsapi.helpscout.net", "https://d33v4339jhl8k0.cloudfront.net"),
}


def png(seed: int = 0) -> bytes:
    """A 2x2 PNG, different for each seed."""
    raw = b"".join(b"\x00" + bytes([seed % 256, 80, 160]) * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass
class OldSite:
    """The server's state: the folder it answers from, what it was asked, and how it should misbehave."""

    folder: Path
    # A function of the request path that returns a status to answer instead (401, 429), or None.
    fault: Callable[[str], int | None] = lambda path: None
    requests: list[str] = field(default_factory=list)
    authorizations: set[str] = field(default_factory=set)
    origin: str = ""
    # How an API path maps to a saved file: (regex on the path, file name template).
    routes: list[tuple[re.Pattern[str], str]] = field(default_factory=list)


def copy_fixture(tool: str, target: Path, origin: str) -> Path:
    """Copy a tool's fixture, its old host replaced by the local server's origin."""
    shutil.copytree(FIXTURES / tool, target)
    for file in target.rglob("*.json"):
        text = file.read_text(encoding="utf-8")
        for host in HOSTS[tool]:
            text = text.replace(host, origin)
        file.write_text(text, encoding="utf-8")
    return target


def _handler(site: OldSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append(self.path)
            site.authorizations.add(self.headers.get("Authorization") or "")
            parts = urlsplit(self.path)
            fault = site.fault(self.path)
            if fault:
                self.send_response(fault)
                if fault == 429:
                    self.send_header("Retry-After", "0")
                self.end_headers()
                return
            body, kind = self._answer(parts.path, parse_qs(parts.query))
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, path: str, query: dict[str, list[str]]) -> tuple[bytes | None, str]:
            if path.endswith((".png", ".jpg", ".gif")):
                return png(sum(path.encode())), "image/png"
            if path.endswith(".pdf"):
                return b"%PDF-1.4\n%fixture\n", "application/pdf"
            for pattern, template in site.routes:
                if match := pattern.fullmatch(path):
                    name = template.format(*match.groups())
                    number = int((query.get("page") or ["1"])[0])
                    file = site.folder / (f"{name}.json" if number == 1 else f"{name}-{number}.json")
                    return (file.read_bytes(), "application/json") if file.is_file() else (None, "")
            return None, ""

    return Handler


@contextlib.contextmanager
def old_site(folder: Path, routes: list[tuple[str, str]]) -> Iterator[OldSite]:
    """Serve `folder` on 127.0.0.1 until the block ends."""
    site = OldSite(folder, routes=[(re.compile(pattern), template) for pattern, template in routes])
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


ZENDESK_ROUTES = [
    (r"/api/v2/help_center/(categories|sections|articles|user_segments)\.json", "{0}"),
    (r"/api/v2/help_center/(articles|categories|sections)/(\d+)/translations\.json", "{0}/{1}/translations"),
    (r"/api/v2/(users)\.json", "{0}"),
]

INTERCOM_ROUTES = [(r"/(articles|admins)", "{0}"), (r"/help_center/(collections)", "{0}")]
HELPSCOUT_ROUTES = [
    (r"/v1/(collections)", "{0}"),
    (r"/v1/collections/(\w+)/(categories|articles)", "collections/{0}/{1}"),
    (r"/v1/articles/(\w+)", "articles/{0}"),
]


@pytest.fixture(name="site")
def site_fixture(tmp_path) -> Path:
    """A new English and French help centre, in git (its welcome article is dated by its commit)."""
    folder = tmp_path / "help"
    assert main(["new", str(folder), "--languages", "en,fr", "--site-url", "https://help.example.com/"]) == 0
    commit(folder)
    return folder


def commit(folder: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "commit", "-qm", "site"], cwd=folder, check=True, env=env)


def import_into(site: Path, *args: str) -> int:
    return main(["import", *args, "-f", str(site / "mkdocs.yml")])


def build(site: Path, config_file: str = "mkdocs.yml") -> Path:
    os.environ["LANTERNE_SKIP_SEARCH_INDEX"] = "1"
    try:
        config = load_config(config_file=str(site / config_file), strict=True)
        mkdocs_build(config)
    finally:
        del os.environ["LANTERNE_SKIP_SEARCH_INDEX"]
    return Path(config.site_dir)


def html(site_dir: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "lxml")


def redirect_target(site_dir: Path, old: str) -> str:
    """Where an old path's redirect page sends the reader, as a site path."""
    page = html(site_dir, old)
    link = page.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
    return os.path.normpath(os.path.join("/", old, link)) + "/"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}
