"""The live preview (`lanterne serve`): each edit shows up, and the served site equals a clean build of the same content."""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import loopback_socket, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

ARTICLE = "---\ntitle: {title}\nauthor: sophie\nupdated: 2024-09-13\ntags: [{tags}]\n{extra}---\n\n{body}\n"
FILES = {
    "factures/relancer.md": ARTICLE.format(
        title="Relancer un client", tags="email, relance", extra="related: [factures/envoyer.md]\n", body="Relance [envoyer](envoyer.md)."
    ),
    "factures/annuler.md": ARTICLE.format(title="Annuler une facture", tags="avoir", extra="", body="Voir [relancer](relancer.md)."),
    "factures/exporter.md": ARTICLE.format(title="Exporter en PDF", tags="pdf", extra="", body="Export."),
    # Old paths of another help centre: their redirects stay in every build of the session, the edits' ones included.
    ".redirects.yml": "redirects:\n  hc/fr/articles/360001-Annuler: factures/annuler.md\n",
}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, Callable[[], str]]]:
    """A `lanterne serve` session on a small site: (base URL, docs folder, what it printed so far)."""
    config = write_site(tmp_path, FILES)
    # A page left in --site-dir by an earlier session is not served (the first build starts from an empty folder).
    (tmp_path / "served" / "gone").mkdir(parents=True)
    (tmp_path / "served" / "gone" / "index.html").write_text("<p>from an earlier session</p>", encoding="utf-8")
    sock = loopback_socket()
    port = sock.getsockname()[1]
    sock.close()
    log = tmp_path / "serve.log"
    command = [
        sys.executable,
        "-m",
        "lanterne",
        "serve",
        "-f",
        str(config),
        "-a",
        f"127.0.0.1:{port}",
        "--site-dir",
        str(tmp_path / "served"),
    ]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _get(base)[0] == 200, what="the first build", log=log)
        yield base, tmp_path / "docs", lambda: log.read_text(encoding="utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_edits_show_and_the_served_site_equals_a_clean_build(preview, tmp_path: Path) -> None:
    base, docs, printed = preview
    relancer, factures = base + "factures/relancer/", base + "factures/"
    # A body edit shows on its page.
    _edit(docs / "factures/relancer.md", "Relance [envoyer](envoyer.md).", "Relance rapide [envoyer](envoyer.md).")
    _until(lambda: "Relance rapide" in _get(relancer)[1], what="the body edit", log=tmp_path / "serve.log")
    # A title edit follows on the collection page, the related articles of the page that lists it, the tag page.
    _edit(docs / "factures/envoyer.md", "title: Envoyer une facture", "title: Envoyer une facture par email")
    _until(lambda: "Envoyer une facture par email" in _get(factures)[1], what="the title on its collection", log=tmp_path / "serve.log")
    assert "Envoyer une facture par email" in _get(relancer)[1]
    assert "Envoyer une facture par email" in _get(base + "tags/")[1]
    # Add, delete, rename.
    (docs / "factures/dupliquer.md").write_text(ARTICLE.format(title="Dupliquer", tags="email", extra="", body="Copie."), encoding="utf-8")
    _until(lambda: _get(base + "factures/dupliquer/")[0] == 200, what="the new article", log=tmp_path / "serve.log")
    (docs / "factures/exporter.md").unlink()
    _until(lambda: _get(base + "factures/exporter/")[0] == 404, what="the deleted article", log=tmp_path / "serve.log")
    (docs / "factures/relancer.md").rename(docs / "factures/rappeler.md")
    _until(lambda: _get(base + "factures/rappeler/")[0] == 200, what="the renamed article", log=tmp_path / "serve.log")
    assert _get(relancer)[0] == 404
    # A content error shows in the terminal and in the browser, in place of the article.
    _edit(docs / "factures/annuler.md", "author: sophie", "author: nobody")
    _until(lambda: "left out of the build" in _get(base + "factures/annuler/")[1], what="the problem page", log=tmp_path / "serve.log")
    assert "docs/factures/annuler.md:3: author: 'nobody' is not in docs/.authors.yml" in html.unescape(_get(base + "factures/annuler/")[1])
    assert "docs/factures/annuler.md:3: author: 'nobody'" in printed()
    _edit(docs / "factures/annuler.md", "author: nobody", "author: lea")
    _until(lambda: "Annuler une facture" in _get(base + "factures/annuler/")[1], what="the fixed article", log=tmp_path / "serve.log")
    # A body edit that leaves every front matter as it was: the model is kept, and the article's API document follows.
    _edit(docs / "factures/rappeler.md", "Relance rapide", "Relance très rapide")
    _until(lambda: "Relance très rapide" in _get(base + "factures/rappeler/")[1], what="the last body edit", log=tmp_path / "serve.log")
    # The served folder equals a clean build of what docs/ holds now, search index included.
    _same_as_clean_build(tmp_path, base)


def test_a_cached_build_is_a_clean_build(preview, tmp_path: Path) -> None:
    """Right after the first build (everything rendered, search in the background), nothing differs either."""
    base, _, _ = preview
    _same_as_clean_build(tmp_path, base)


def _same_as_clean_build(tmp_path: Path, base: str) -> None:
    """The served folder equals a clean build of the same content, once the search index has followed."""
    clean = _tree(_clean_build(tmp_path / "mkdocs.yml", tmp_path / "clean", base))
    deadline = time.monotonic() + 60
    while (served := _tree(tmp_path / "served")) != clean and time.monotonic() < deadline:
        time.sleep(0.5)
    differ = sorted(path for path in served.keys() | clean.keys() if served.get(path) != clean.get(path))
    assert not differ, f"served and clean differ in {len(differ)} file(s): {differ[:20]}"


def _clean_build(config_file: Path, site_dir: Path, serve_url: str) -> Path:
    """Build the same content as the preview serves it (its address), in one go, from an empty folder."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=False)
    config.site_url = serve_url
    build(config, serve_url=serve_url)
    return site_dir


def _tree(root: Path) -> dict[str, object]:
    """Every file of a site and its bytes, but the gzip copies, which a build writes for production and the preview does not.

    Pagefind writes the languages of pagefind-entry.json in any order from one run to the next: its JSON is compared as data.
    """
    files: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes()
            name = path.relative_to(root).as_posix()
            files[name] = json.loads(data) if name.startswith("pagefind/") and name.endswith(".json") else data
    return files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _until(condition: Callable[[], bool], *, what: str, log: Path, timeout: float = 90) -> None:
    """Poll until the condition holds; fail with the server's output if it does not within the timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; the server printed:\n{log.read_text(encoding='utf-8')[-4000:]}")
        time.sleep(0.2)


def test_a_page_with_problems_shows_them_in_a_banner_and_a_left_out_article_gets_a_problem_page(tmp_path: Path) -> None:
    """What the preview writes for content problems: escaped, at the top of the body, and at the left-out article's URL."""
    from conftest import load_content

    from lanterne.adapter.preview import errors as preview_errors

    build = load_content({"factures/casse.md": "---\ntitle: Cassé\nauthor: <b>personne</b>\nupdated: 2024-09-13\n---\n"})
    assert build.rejected == {"factures/casse.md"}
    written = preview_errors.write(build, tmp_path)
    page = (tmp_path / "factures/casse/index.html").read_text(encoding="utf-8")
    assert written == {str(tmp_path / "factures/casse/index.html")}
    assert "docs/factures/casse.md is left out of the build until it is fixed" in page
    assert "&lt;b&gt;personne&lt;/b&gt;" in page and "<b>personne" not in page
    # A translation left out with its source shows the source's problem, the one to fix.
    build = load_content({"factures/envoyer.md": "---\ntitle: Envoyer\nauthor: sophie\nupdated: 2024-02-30\n---\n"})
    preview_errors.write(build, tmp_path)
    page = (tmp_path / "en/factures/envoyer/index.html").read_text(encoding="utf-8")
    assert "docs/factures/envoyer.en.md is left out of the build until docs/factures/envoyer.md is fixed" in page
    assert "docs/factures/envoyer.md:4: updated: &#39;2024-02-30&#39; is not a real calendar date" in page
    shown = preview_errors.banner('<html><body class="x"><p>Texte</p></body></html>', ["docs/a.md:2: title: <vide>"])
    assert shown.startswith('<html><body class="x"><div class="lt-preview-problems" role="alert"')
    assert "docs/a.md:2: title: &lt;vide&gt;" in shown and shown.endswith("<p>Texte</p></body></html>")
    assert preview_errors.banner("<body></body>", []) == "<body></body>"
