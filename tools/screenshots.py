"""Screenshots of the sample help centre (make screenshots): home, collection, article, search, widget; light and dark."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lanterne.check.browser import chromium, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")
# A page of the host application, served from the help centre's own origin (which embed/ always trusts).
HOST_PAGE = "__lanterne-widget-host.html"
HOST_HTML = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Ardoise</title></head><body style="margin:0;font:16px system-ui;background:#eef1f4">
<div style="padding:24px 32px;background:#fff;border-bottom:1px solid #d8dee4"><b>Ardoise</b> · Factures</div>
<script src="assets/lanterne-widget.js" data-lang="fr"></script></body></html>"""


def main(argv: list[str] | None = None) -> int:
    """Build the sample (unless --no-build) and write one PNG per page, scheme and width into --out."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--no-build", action="store_true", help="use the site folder as it is")
    parser.add_argument("--prefix", default="", help="a prefix for each file name, such as before-")
    options = parser.parse_args(argv)
    if not options.no_build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(options.site)], cwd=ROOT, check=True)
    options.out.mkdir(parents=True, exist_ok=True)
    with serve(options.site) as base, chromium() as browser:
        for scheme in SCHEMES:
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                context.route(base + HOST_PAGE, lambda route: route.fulfill(body=HOST_HTML, content_type="text/html"))
                try:
                    for name, shoot in SHOTS.items():
                        page = context.new_page()
                        shoot(page, base)
                        page.wait_for_timeout(300)
                        path = options.out / f"{options.prefix}{name}-{scheme}-{width_name}.png"
                        page.screenshot(path=str(path))
                        page.close()
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                finally:
                    context.close()
    return 0


def _home(page: Page, base: str) -> None:
    page.goto(base)


def _collection(page: Page, base: str) -> None:
    page.goto(base + "factures/")


def _article(page: Page, base: str) -> None:
    page.goto(base + "factures/email-non-recu/")


def _search(page: Page, base: str) -> None:
    """Type a reader's question into the home's search box and wait for its results."""
    page.goto(base)
    box = page.locator("#lt-search-hero-input")
    box.fill("facture impayée")
    page.locator("#lt-search-hero-results .lt-search__result").first.wait_for(timeout=10_000)


def _widget(page: Page, base: str) -> None:
    """Open the help panel on a page of the host application."""
    page.goto(base + HOST_PAGE)
    page.get_by_role("button", name="Aide").click()
    page.frame_locator("iframe").locator(".lt-list__item").first.wait_for(timeout=10_000)


SHOTS = {"home": _home, "collection": _collection, "article": _article, "search": _search, "widget": _widget}

if __name__ == "__main__":
    raise SystemExit(main())
