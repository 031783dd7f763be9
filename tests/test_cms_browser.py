"""The editor in the browser, driven in Chromium: Decap CMS at /admin/ of a fixture site's internal build, saving
through decap-server on the site's working tree; what it writes is read back from docs/ and built strictly."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import struct
import subprocess
import sys
import time
import zlib
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


def _png(path: Path) -> Path:
    """A 4x4 PNG, as a screenshot an agent uploads."""
    row = b"\x00" + b"\x1a\x8c\xff" * 4
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(row * 4)) + chunk(b"IEND", b""))
    return path


def _insert(page, component: str) -> None:
    """Insert a block into the body being written, from the editor's "Ajouter un composant" menu."""
    page.get_by_role("button", name="Ajouter un composant").first.click()
    page.get_by_role("menuitem", name=component, exact=True).click()


def test_an_agent_writes_a_new_article_with_its_translation_an_image_and_an_internal_note(tmp_path, tmp_path_factory, page):
    screenshot = _png(tmp_path_factory.mktemp("upload") / "bouton-relancer.png")
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
        bodies.nth(1).click()
        page.keyboard.type("Send a reminder from the invoice.")
        bodies.nth(0).click()
        page.keyboard.type("Envoyez un rappel depuis la facture.")
        _insert(page, "Image")
        page.get_by_role("button", name="Choisir une image").first.click()
        page.locator("input[type=file]").set_input_files(screenshot)
        page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
        page.get_by_label(re.compile("^alt text$", re.I)).first.fill("Le bouton Relancer")
        _insert(page, "Note interne")
        page.get_by_label("Texte de la note (réservé aux agents)").first.fill("Vérifier le contrat avant de relancer.")
        _publish(page)
        written = (tmp_path / "docs/factures/relancer-un-client.md").read_text(encoding="utf-8")
        english = (tmp_path / "docs/factures/relancer-un-client.en.md").read_text(encoding="utf-8")
    # As a person would have written it: the keys in the form's order, the image beside the article, the note's one form.
    assert written == (
        "---\ntitle: Relancer un client\nauthor: lea\naudience: public\ntags:\n  - relance\n---\n\n"
        "Envoyez un rappel depuis la facture.\n\n![Le bouton Relancer](bouton-relancer.png)\n\n"
        '!!! internal "Pour le support"\n    Vérifier le contrat avant de relancer.\n'
    )
    assert (tmp_path / "docs/factures/bouton-relancer.png").read_bytes() == screenshot.read_bytes()
    assert english.startswith("---\ntitle: Chase a customer\n---\n\n") and "Send a reminder" in english
    assert page.outside == []
    built = run_build(tmp_path / "mkdocs.yml")
    assert built.ok, built.errors()
    article = built.html("factures/relancer-un-client/")
    image = article.find("img", alt="Le bouton Relancer")
    assert (built.site / "factures/relancer-un-client" / image["src"]).resolve() == (built.site / "factures/bouton-relancer.png").resolve()
    assert "Vérifier le contrat" not in article.get_text()
    assert built.html("en/factures/relancer-un-client/").find("h1").get_text(strip=True) == "Chase a customer"
    # Links, leaks (the note stays out of the public files), API; the accessibility pass samples pages, not this one (37 s).
    checked = subprocess.run([sys.executable, "-m", "lanterne", "check", "--no-browser"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 internal note phrase;" in checked.stdout


def test_a_translation_left_empty_is_not_written(tmp_path, page):
    with editing(tmp_path) as editor:
        _sign_in(page, editor, "#/collections/factures/new")
        page.get_by_label("Titre", exact=True).first.fill("Relancer un client")
        _choose(page, "Auteur", "Léa Dubois")
        page.locator("[data-slate-editor='true']").first.click()
        page.keyboard.type("Envoyez un rappel.")
        _publish(page)
    # An empty x.en.md would fail the build (a translation needs its title): the agent wrote no English, none is written.
    assert sorted(path.name for path in (tmp_path / "docs/factures").glob("relancer*")) == ["relancer-un-client.md"]
    assert run_build(tmp_path / "mkdocs.yml").ok
