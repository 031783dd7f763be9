"""The look, as properties a reader would notice rather than fixed screenshots: at 360 px nothing overflows and the
header keeps the help centre's name; no control opens an empty drawer; axe finds no contrast problem in either scheme;
emoji are pictures with a text alternative; a printed article has no chrome and keeps its links' addresses."""

from __future__ import annotations

import pytest

from lanterne.check import accessibility

NAME = "Centre d'aide Ardoise"
ARTICLE = """\
---
title: Mon client dit ne pas avoir reçu ma facture par email
description: Les vérifications à faire, dans l'ordre, quand un client affirme ne jamais avoir reçu une facture
author: sophie
updated: 2024-09-13
tags: [email, dépannage]
---

Vérifiez [la relance](relancer.md) et [le guide de l'hébergeur](https://hebergeur.example/guide) :

- ✅ L'adresse est correcte : passez à l'étape 2.
- ❌ L'adresse contient une faute : corrigez-la.
- 👉 Demandez à votre client de regarder ses courriers indésirables :thumbsup:.

| Étape | Une-très-longue-valeur-sans-espace-qui-ne-doit-pas-élargir-la-page-au-delà-de-son-écran |
|---|---|
| 1 | Ouvrez la facture |

```
facture --envoyer 2024-001 --copie comptabilite@une-entreprise-au-nom-assez-long.example --format pdf
```
"""
FILES = {
    "factures/envoyer.md": ARTICLE,
    "factures/relancer.md": "---\ntitle: Relancer un client\nauthor: lea\nupdated: 2024-09-02\ntags: [email]\n---\n\nTexte.\n",
    "factures/creation/index.md": "---\ntitle: Créer et modifier\ndescription: Rédiger une facture conforme\n---\n",
    "factures/creation/creer.md": "---\ntitle: Créer une facture\nauthor: lea\nupdated: 2024-09-02\n---\n\nTexte.\n",
}
CONFIG = {"site_name": NAME}
# With a contact link and reactions, so that print has every block to hide.
EXTRA = {
    "contact": {"url": "https://aide.example/contact", "label": "Écrire au support"},
    "feedback": {"endpoint": "http://127.0.0.1:9/reactions"},
}
PAGES = {"home": "", "collection": "factures/", "article": "factures/envoyer/", "tags": "tags/", "embed": "embed/factures/envoyer/"}
SCHEMES = ("light", "dark")

# Visible elements that stick out past the right edge of the viewport, outside any box that scrolls or clips them.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => { for (let node = el.parentElement; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    const root = node === document.body || node === document.documentElement;
    if (!root && ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return true;
  } return false; };
  return [...document.body.querySelectorAll('*')].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) return false;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    return !clipped(el);
  }).map(el => el.outerHTML.slice(0, 120)).concat(document.documentElement.scrollWidth > width ? ['the page scrolls sideways'] : []);
}"""
# How many characters of the header's name can be seen: each one's box must lie inside the name's visible box.
VISIBLE_NAME_JS = """() => {
  const element = document.querySelector('.md-header__topic .lt-header__name');
  if (!element || !element.checkVisibility()) return '';
  const frame = element.getBoundingClientRect();
  const text = element.firstChild;
  const range = document.createRange();
  let seen = '';
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const box = range.getBoundingClientRect();
    const inside = box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    if (box.width && inside) seen += text.data[i];
  }
  return seen.trim();
}"""


@pytest.fixture(scope="module")
def look(tmp_path_factory):
    """The fixture help centre with a long name, built once for this module."""
    from conftest import run_build, write_site

    built = run_build(write_site(tmp_path_factory.mktemp("look"), FILES, extra=EXTRA, config=CONFIG))
    assert built.ok, built.errors()
    return built.site


@pytest.fixture(scope="module")
def base(look, tmp_path_factory):
    from lanterne.check.browser import serve

    with serve(look) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_at_360_px(browser, base, name):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(base + PAGES[name])
        assert page.evaluate(OVERFLOW_JS) == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [320, 360, 390, 1280])
def test_the_header_keeps_the_help_centres_name(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    try:
        page.goto(base + PAGES["article"])
        seen = page.evaluate(VISIBLE_NAME_JS)
    finally:
        page.close()
    assert len(seen) >= 10, f"at {width} px the header shows only {seen!r} of {NAME!r}"
    # A space where the name wraps takes no room on either line: compare without spaces.
    assert NAME.replace(" ", "").startswith(seen.replace(" ", ""))


@pytest.mark.parametrize("width", [360, 1280])
def test_no_control_opens_an_empty_drawer(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    try:
        page.goto(base + PAGES["article"])
        opener = page.locator('label[for="__drawer"]:visible')
        if opener.count():
            opener.first.click()
            page.wait_for_timeout(300)
            drawer = page.locator(".md-sidebar--primary")
            assert drawer.locator("a:visible, button:visible, label:visible").count() > 0, "the drawer opens empty"
    finally:
        page.close()


def test_the_phone_header_search_icon_opens_a_full_width_search(browser, base):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(base + PAGES["article"])
        form = page.locator("#lt-search-header")
        assert form.bounding_box()["width"] < 60, "on a phone the header's search is an icon"
        form.click()
        page.wait_for_timeout(100)
        box = form.bounding_box()
        assert box["width"] >= 360 - 24, "the open search spans the header"
        page.keyboard.type("relance")
        page.locator("#lt-search-header .lt-search__result a").first.wait_for()
    finally:
        page.close()


# Home, tag and embed pages of another fixture get the same audit in tests/check/test_browser.py.
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["collection", "article"])
def test_axe_finds_no_contrast_problem(browser, base, name, scheme):
    assert accessibility.audit(browser, base + PAGES[name], scheme=scheme) == []


def test_emoji_are_pictures_with_a_text_alternative(browser, base):
    page = browser.new_page()
    try:
        page.goto(base + PAGES["article"])
        labels = page.locator(".lt-article__body svg[role=img]").evaluate_all("svgs => svgs.map(svg => svg.getAttribute('aria-label'))")
        text = page.locator(".lt-article__body li").all_inner_texts()
        faces = page.locator(".lt-reactions__emoji svg").count()
    finally:
        page.close()
    assert labels == ["✅", "❌", "👉", "👍"]
    assert not any(char in line for line in text for char in "✅❌👉"), "no emoji left to the reader's fonts"
    assert faces == 3


def test_a_printed_article_has_no_chrome_and_keeps_link_addresses(browser, base):
    page = browser.new_page()
    try:
        page.goto(base + PAGES["article"])
        page.emulate_media(media="print")
        hidden = ".md-header, .lt-search, .lt-reactions, .lt-contact, .md-footer, .lt-related, .lt-breadcrumb, .md-sidebar"
        shown = [selector for selector in hidden.split(", ") if page.locator(selector).first.is_visible()]
        kept = [page.locator(selector).first.is_visible() for selector in (".lt-main h1", ".lt-byline", ".lt-article__body")]
        after = page.locator(".lt-article__body a").evaluate_all("links => links.map(a => getComputedStyle(a, '::after').content)")
    finally:
        page.close()
    assert shown == [], "chrome in print"
    assert kept == [True, True, True]
    assert after == [f'" ({base}factures/relancer/)"', '" (https://hebergeur.example/guide)"']
