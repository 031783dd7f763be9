"""Take screenshots/health-*.png: the sample's internal build, read from a live feedback service that got a few votes.

Run from the repository root: .venv/bin/python tools/health_screenshots.py (make screenshots runs it too)
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import uvicorn

from lanterne.check.browser import chromium, serve
from lanterne.feedback.app import create_app
from lanterne.feedback.config import REPORT_TOKEN, Config
from lanterne.feedback.server import uvicorn_config

ROOT = Path(__file__).resolve().parents[1]
# Columns: article id, reaction, reasons, comment.
VOTES = [
    ("clients/fusionner-clients-doublons", "sad", ["unanswered"], "Et pour les clients avec des factures en cours ?"),
    ("clients/fusionner-clients-doublons", "sad", ["unclear", "unanswered"], ""),
    ("clients/fusionner-clients-doublons", "neutral", ["unclear"], "La capture d'écran ne montre plus le bon menu"),
    ("clients/fusionner-clients-doublons", "happy", [], ""),
    ("clients/importer-clients-csv", "sad", ["incorrect"], "Le séparateur point-virgule n'est pas accepté"),
    ("clients/importer-clients-csv", "neutral", ["unanswered"], "Et depuis un fichier Excel ?"),
    ("clients/importer-clients-csv", "happy", [], ""),
    ("clients/importer-clients-csv", "happy", [], ""),
]
SEARCHES = ["chorus pro"] * 5 + ["export fec"] * 3 + ["facture en anglais"] * 2 + ["multi-devises"]


def main() -> None:
    """Build once for the manifest, seed the service, build again from its report, photograph the pages."""
    work = Path(tempfile.mkdtemp(prefix="lanterne-shots-"))
    token = secrets.token_hex(24)
    _build(work / "first", {})
    config = Config(
        database=str(work / "feedback.sqlite3"),
        manifests=(str(work / "first/lanterne/feedback-manifest.json"),),
        rate_limit=0,
        report_token=token,
        audience="internal",  # the agents' votes, as the internal server block of nginx would say
    )
    server = uvicorn.Server(uvicorn_config(create_app(config), read_timeout=10, port=0, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    manifest = json.loads((work / "first/lanterne/feedback-manifest.json").read_text(encoding="utf-8"))
    _seed(base, manifest["site_url"].rstrip("/"))
    _build(work / "site", {"LANTERNE_FEEDBACK_REPORT": f"{base}/report", REPORT_TOKEN: token})
    server.should_exit = True
    _photograph(work / "site")


def _build(site: Path, environ: dict[str, str]) -> None:
    """The sample's internal build, as `make build` runs it, into `site`."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.internal.yml", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environ})


def _seed(base: str, origin: str) -> None:
    """Votes and searches that found nothing, sent as the internal build's pages send them."""
    for number, (article, reaction, reasons, comment) in enumerate(VOTES):
        body = {"article": article, "lang": "fr", "reaction": reaction, "reasons": reasons, "comment": comment}
        body |= {"visitor": f"screenshot-visitor-{number:04d}", "page": f"{origin}/{article}/"}
        requests.post(f"{base}/reactions", json=body, headers={"Origin": origin}, timeout=10).raise_for_status()
    for query in SEARCHES:
        requests.post(f"{base}/searches", json={"query": query, "lang": "fr"}, headers={"Origin": origin}, timeout=10).raise_for_status()


def _photograph(site: Path) -> None:
    """The health page, an article's block and a collection's list, at a desktop width."""
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}sante-du-contenu/")
        page.screenshot(path=ROOT / "screenshots/health-page.png")
        page.goto(f"{url}clients/fusionner-clients-doublons/")
        page.locator("aside.lt-health").screenshot(path=ROOT / "screenshots/health-article.png")
        page.goto(f"{url}clients/")
        page.screenshot(path=ROOT / "screenshots/health-collection.png")


if __name__ == "__main__":
    main()
