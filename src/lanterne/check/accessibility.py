"""Accessibility: axe-core in Chromium finds no serious or critical violation on the sampled pages, in both schemes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lanterne.check.pages import Sampled

BLOCKING = {"serious", "critical"}
# Each page is read as a reader whose system asks for light, then for dark: the theme follows prefers-color-scheme.
SCHEMES = ("light", "dark")


def audit_pages(browser: Any, base: str, pages: Iterable[Sampled], label: str) -> list[str]:
    """Run axe on each page of one served build in each scheme; return one line per blocking violation, naming both."""
    problems = []
    for sampled in pages:
        for scheme in SCHEMES:
            found = audit(browser, base + sampled.path, scheme=scheme)
            problems += [f"{label} {sampled.name} (/{sampled.path}, {scheme}): {v}" for v in found]
    return problems


def audit(browser: Any, url: str, *, scheme: str = "light") -> list[str]:
    """Open one page in a new tab with the reader's colour scheme, and run axe-core on it."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(color_scheme=scheme)
    try:
        response = page.goto(url)
        if response is None or not response.ok:
            return [f"the page did not load (HTTP {response.status if response else 'no response'})"]
        return blocking(Axe().run(page).response)
    finally:
        page.close()


def blocking(results: dict[str, Any]) -> list[str]:
    """Describe each serious or critical violation of an axe result, with up to three of its elements."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.get("violations", [])
        if v.get("impact") in BLOCKING
    ]
