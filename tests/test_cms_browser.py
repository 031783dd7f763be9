"""The editor in the browser, driven in Chromium: Decap CMS at /admin/ of a fixture site's internal build, saving
through decap-server on the site's working tree; what it writes is read back from docs/ and built strictly."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build, write_site

from lanterne.check.browser import serve
from lanterne.cli import main

NODE_MODULES = ROOT / "node_modules"
PROXY = NODE_MODULES / "decap-server" / "dist" / "index.js"
LOCAL = ("http://127.0.0.1:", "data:", "blob:", "about:")

FILES = {
    "factures/envoyer.md": (
        "---\n"
        "title: Envoyer une facture\n"
        "description: Par email\n"
        "# Gardé tel quel : l'éditeur ne gère pas ce commentaire.\n"
        "author: sophie\n"
        "updated: 2024-09-13\n"
        "tags: [email]\n"
        "context: [/factures/*]\n"
        "---\n\n"
        "Corps de l'article.\n\n"
        '!!! tip "Astuce"\n'
        "    Un encadré que l'éditeur garde.\n"
    ),
}


@dataclass
class Editor:
    """A fixture site being edited: its folder, the editor's URL, and the pages' requests that left 127.0.0.1."""

    root: Path
    url: str
    outside: list[str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _proxy(root: Path, port: int, mode: str) -> Iterator[None]:
    """decap-server on the site's working tree, bound to 127.0.0.1, until the block ends."""
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root), "MODE": mode, "LOG_LEVEL": "warn"}
    process = subprocess.Popen(["node", str(PROXY)], env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else "decap-server stopped"
            time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@contextlib.contextmanager
def editing(root: Path, *, mode: str = "fs") -> Iterator[Editor]:
    """Write the fixture site as a git repository, build its internal site with /admin/, and serve both."""
    assert PROXY.is_file(), "Decap CMS is not installed: run `npm ci` (make test does)"
    write_site(root, FILES)
    internal = {"INHERIT": "mkdocs.yml", "site_dir": "site-internal", "extra": {"lanterne": {"audience": "internal"}}}
    (root / "mkdocs.internal.yml").write_text(yaml.safe_dump(internal), encoding="utf-8")
    (root / ".gitignore").write_text("site/\nsite-internal/\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Fixture site")
    built = run_build(root / "mkdocs.internal.yml")
    assert built.ok, built.errors()
    port = _free_port()
    args = ["cms", "-f", str(root / "mkdocs.internal.yml"), "--local-proxy", f"http://127.0.0.1:{port}/api/v1"]
    args += ["--node-modules", str(NODE_MODULES)] + (["--editorial-workflow"] if mode == "git" else [])
    assert main(args) == 0
    with _proxy(root, port, mode), serve(built.site) as base:
        yield Editor(root, f"{base}admin/", [])


@pytest.fixture
def page(browser, request):
    """A new page whose requests are logged; the test fails if one leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else page.outside.append(r.url))
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _sign_in(page, editor: Editor, route: str = "") -> None:
    """Open the editor on the local proxy (no account: the proxy is the working tree)."""
    page.goto(editor.url + route)
    page.get_by_role("button", name="Se connecter").click()


def _publish(page) -> None:
    """Save now, as an agent does: Publier, then Publier maintenant; wait until the CMS says it is saved."""
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_role("menuitem", name="Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a select widget (react-select) by its label."""
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_an_agent_edits_a_title_and_the_file_keeps_everything_else(tmp_path, page):
    with editing(tmp_path) as editor:
        before = (tmp_path / "docs/factures/envoyer.md").read_text(encoding="utf-8")
        _sign_in(page, editor, "#/collections/factures/entries/envoyer")
        title = page.get_by_label("Titre", exact=True).first
        title.wait_for()
        title.fill("Envoyer une facture par email")
        _publish(page)
        after = (tmp_path / "docs/factures/envoyer.md").read_text(encoding="utf-8")
    # One line changed, as a person would have changed it: the comment, the other keys, the body are as they were.
    assert after == before.replace("title: Envoyer une facture\n", "title: Envoyer une facture par email\n")
    assert (tmp_path / "docs/factures/envoyer.en.md").read_text(encoding="utf-8").startswith("---\ntitle: Send an invoice\n")
    assert not list((tmp_path / "docs/factures").glob("*.fr.md"))
    assert page.outside == []
    assert run_build(tmp_path / "mkdocs.yml").ok


def test_an_agent_writes_a_new_article_with_its_translation_and_an_internal_note(tmp_path, page):
    with editing(tmp_path) as editor:
        _sign_in(page, editor, "#/collections/factures/new")
        titles = page.get_by_label("Titre", exact=True)
        titles.first.wait_for()
        titles.nth(0).fill("Relancer un client")
        titles.nth(1).fill("Chase a customer")
        _choose(page, "Auteur", "Léa Dubois")
        page.get_by_role("button", name="Ajouter étiquettes").first.click()
        page.get_by_label("Étiquette", exact=True).first.fill("relance")
        bodies = page.locator("[data-slate-editor='true']")
        bodies.nth(0).click()
        page.keyboard.type("Envoyez un rappel depuis la facture.")
        bodies.nth(1).click()
        page.keyboard.type("Send a reminder from the invoice.")
        _publish(page)
        source = tmp_path / "docs/factures/relancer-un-client.md"
        written = source.read_text(encoding="utf-8")
        english = (tmp_path / "docs/factures/relancer-un-client.en.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Relancer un client\nauthor: lea\naudience: public\ntags:\n  - relance\n---\n\n")
    assert "Envoyez un rappel depuis la facture." in written
    assert english.startswith("---\ntitle: Chase a customer\n---\n\n") and "Send a reminder" in english
    assert page.outside == []
    built = run_build(tmp_path / "mkdocs.yml")
    assert built.ok, built.errors()
    assert built.html("en/factures/relancer-un-client/").find("h1").get_text(strip=True) == "Chase a customer"
