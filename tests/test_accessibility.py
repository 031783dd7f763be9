"""axe-core finds no serious or critical problem, and the keyboard reaches everything with a visible focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

ARTICLE = "factures/email-non-recu/"
INTERNAL_ARTICLE = "compte/support-rembourser-abonnement/"
BLOCKING = {"serious", "critical"}

# What the keyboard can reach: the browser's own sequential focus navigation candidates.
FOCUSABLE_JS = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
  return [...document.querySelectorAll(selector)].filter(el => {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert], [aria-hidden="true"]')) return false;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }).map(el => window.__lanterneKey(el));
}"""
# A stable description of an element, to compare what Tab reached with what is focusable.
KEY_JS = """() => { window.__lanterneKey = el => {
  const path = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const index = node.parentElement ? [...node.parentElement.children].indexOf(node) : 0;
    path.unshift(node.tagName.toLowerCase() + ':' + index);
  }
  return path.join('>');
}; }"""
# The styles that can show focus, on an element and on its labels (Material hides some inputs behind labels).
STYLE_JS = """() => { window.__lanterneStyle = el => [el, ...(el.labels || []), el.nextElementSibling]
  .filter(node => node === el || (node && node.tagName === 'LABEL')).map(node => {
  const s = getComputedStyle(node);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine,
          s.borderColor].join(' ');
}).join('|'); }"""
# Focus styles without their transitions, so that they are read at once.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
BASELINE_JS = """() => Object.fromEntries([...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .map(el => [window.__lanterneKey(el), window.__lanterneStyle(el)]))"""


def _pages(site: Path) -> dict[str, str]:
    """Home, a collection, an article and a tag page in French and English, and the embed article if built."""
    article = BeautifulSoup((site / ARTICLE / "index.html").read_bytes(), "lxml")
    tag = article.select_one(".lt-tags a[href]")
    pages = {"home fr": "", "collection fr": "factures/", "article fr": ARTICLE}
    pages |= {"home en": "en/", "collection en": "en/factures/", "article en": f"en/{ARTICLE}"}
    if tag:
        pages["tag fr"] = _site_path(ARTICLE, tag["href"])
        english = BeautifulSoup((site / "en" / ARTICLE / "index.html").read_bytes(), "lxml").select_one(".lt-tags a[href]")
        if english:
            pages["tag en"] = _site_path(f"en/{ARTICLE}", english["href"])
    if (site / "embed" / ARTICLE / "index.html").exists():
        pages["embed article"] = f"embed/{ARTICLE}"
    return pages


def _site_path(page: str, href: str) -> str:
    """Resolve a relative href found on a page to a site-relative directory path."""
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")


@pytest.fixture(scope="module")
def public_pages(sample_site) -> tuple[Path, dict[str, str]]:
    site = sample_site("public")
    return site, _pages(site)


def _violations(browser, base: str, path: str) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(base + path)
        results = Axe().run(page).response
    finally:
        page.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def test_public_pages_have_no_serious_accessibility_violation(browser, serve_dir, public_pages):
    site, pages = public_pages
    assert {"tag fr", "tag en"} <= set(pages), "articles should link to their tag pages"
    base = serve_dir(site)
    found = {name: _violations(browser, base, path) for name, path in pages.items()}
    assert {name: v for name, v in found.items() if v} == {}


def test_internal_article_has_no_serious_accessibility_violation(browser, serve_dir, sample_site):
    base = serve_dir(sample_site("internal"))
    assert _violations(browser, base, INTERNAL_ARTICLE) == []


@pytest.mark.parametrize("name", ["home fr", "article fr"])
def test_keyboard_reaches_everything_with_a_visible_focus(browser, serve_dir, public_pages, name):
    site, pages = public_pages
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(serve_dir(site) + pages[name])
        page.add_style_tag(content=NO_TRANSITIONS)
        page.evaluate(KEY_JS)
        page.evaluate(STYLE_JS)
        focusable = page.evaluate(FOCUSABLE_JS)
        unfocused = page.evaluate(BASELINE_JS)
        reached, invisible = [], []
        for _ in range(len(unfocused) + 5):
            page.keyboard.press("Tab")
            state = page.evaluate(
                "() => { const el = document.activeElement; return !el || el === document.body ? null : "
                "{key: window.__lanterneKey(el), style: window.__lanterneStyle(el), html: el.outerHTML.slice(0, 150)}; }"
            )
            if state is None or state["key"] in reached:
                break
            reached.append(state["key"])
            if state["style"] == unfocused.get(state["key"]):
                invisible.append(state["html"])
        missed = page.evaluate("keys => keys.map(k => k)", [key for key in focusable if key not in reached])
    finally:
        page.close()
    assert len(reached) >= 10, "Tab should move through the header, the page and the footer"
    assert missed == [], "focusable elements that Tab never reaches"
    assert invisible == [], "elements whose focus changes nothing visible"
