"""The keyboard reaches everything with a visible focus, and light brand colours pass axe (as `lanterne check` runs it)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import run_build, write_site

from lanterne.check.accessibility import SCHEMES, audit, blocking

# A home with two collections, and an article with a table of contents, tags, a note, a table and a code block.
ARTICLE = """\
---
title: Envoyer une facture
description: Par email, avec le PDF joint
author: sophie
updated: 2024-09-13
tags: [email, pdf]
---

## Avant d'envoyer

Vérifiez [la relance](relancer.md) et l'adresse du client.

!!! tip "Astuce"
    Ajoutez votre logo.

## Envoyer

| Étape | Action |
|---|---|
| 1 | Ouvrez la facture |

```
facture --envoyer 2024-001
```
"""
FILES = {
    "factures/envoyer.md": ARTICLE,
    "factures/relancer.md": "---\ntitle: Relancer un client\nauthor: lea\nupdated: 2024-09-02\n---\n\nTexte.\n",
    "devis/index.md": "---\ntitle: Devis\norder: 2\n---\n",
    "devis/creer.md": "---\ntitle: Créer un devis\nauthor: lea\nupdated: 2024-09-02\n---\n\nTexte.\n",
}
PAGES = {"home fr": "", "article fr": "factures/envoyer/"}

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


@pytest.mark.parametrize("name", ["home fr", "article fr"])
def test_keyboard_reaches_everything_with_a_visible_focus(browser, serve_dir, public, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(serve_dir(public) + PAGES[name])
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


# Light brand colours (issue 22.8): the header's search field, the home's hero, the contact button and the initials of an
# author without a picture are painted from the brand; axe must find them readable in both schemes.
LIGHT_BRANDS = ["#1a8cff", "#f5c400"]


@pytest.fixture(scope="module", params=LIGHT_BRANDS)
def branded(request, tmp_path_factory):
    """The module's site built with one light brand colour and a contact button; (the colour, the site folder)."""
    extra = {"brand_color": request.param, "contact": {"url": "mailto:support@example.com"}}
    built = run_build(write_site(tmp_path_factory.mktemp("brand"), FILES, extra=extra))
    assert built.ok, built.errors()
    return request.param, built.site


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_light_brand_colour_passes_axe_on_its_brand_surfaces(browser, serve_dir, branded, scheme):
    color, site = branded
    base = serve_dir(site)
    pages = {**PAGES, "article en": "en/factures/envoyer/"}
    found = [f"{name}: {problem}" for name, path in pages.items() for problem in audit(browser, base + path, scheme=scheme)]
    assert found == [], f"{color}, {scheme} scheme"


FEEDBACK = "https://retours.example/api/reactions"


@pytest.fixture(scope="module")
def with_reactions(tmp_path_factory):
    """The module's site with the reactions block under each article."""
    built = run_build(write_site(tmp_path_factory.mktemp("reactions"), FILES, extra={"feedback": {"endpoint": FEEDBACK}}))
    assert built.ok, built.errors()
    return built.site


# The vote's error (issue 22.3) was Material's deletion tint, rgba(245, 80, 61, .15) on white: it must read at AA,
# on the full page and in the embed panel, in both schemes.
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["factures/envoyer/", "embed/factures/envoyer/"])
def test_a_refused_vote_is_readable(browser, serve_dir, with_reactions, path, scheme):
    page = browser.new_page(color_scheme=scheme)
    try:
        page.route(FEEDBACK, lambda route: route.fulfill(status=503, headers={"Access-Control-Allow-Origin": "*"}, body="{}"))
        page.goto(serve_dir(with_reactions) + path)
        page.get_by_role("button", name="Oui, merci").click()
        page.get_by_role("alert").wait_for()
        found = blocking(Axe().run(page, context=".lt-reactions").response)
    finally:
        page.close()
    assert found == [], f"{path}, {scheme} scheme"
