"""The links check: every internal link, src and #anchor of both builds resolves."""

from __future__ import annotations

import pytest

from lanterne.check import links
from lanterne.check.built import Site, parse_page

SITE_URL = "https://aide.example/"
PAGES = {
    "index.html": b'<html><body><h1 id="top">Aide</h1></body></html>',
    "factures/envoyer/index.html": b'<html><body><h2 id="quand">Quand</h2><a name="ancien"></a></body></html>',
}
FILES = {*PAGES, "assets/logo.svg", "api/articles.json"}

# Columns: a reference found on factures/envoyer/index.html, what is wrong with it (None: it resolves).
REFERENCES = [
    ("../../", None),
    ("./", None),
    ("#quand", None),
    ("#ancien", None),
    ("../../#top", None),
    ("/assets/logo.svg", None),
    ("https://aide.example/factures/envoyer/#quand", None),
    ("../../api/articles.json#anything", None),
    ("https://www.impots.gouv.fr/", None),
    ("mailto:aide@example.com", None),
    ("", None),
    ("#absent", "no element with id 'absent' in factures/envoyer/index.html"),
    ("../../#quand", "no element with id 'quand' in index.html"),
    ("../relancer/", "no file factures/relancer/"),
    ("../../assets/absent.png", "no file assets/absent.png"),
    ("https://aide.example/tags/", "no file tags/"),
]


def _site() -> Site:
    return Site(root=None, files=FILES, pages={path: parse_page(path, data) for path, data in PAGES.items()})


@pytest.mark.parametrize(("reference", "problem"), REFERENCES)
def test_resolve(reference, problem):
    assert links.resolve(_site(), SITE_URL, SITE_URL + "factures/envoyer/index.html", reference) == problem


def test_parse_page_keeps_what_links_and_what_can_be_linked_to():
    page = parse_page("x.html", b'<a href="a/">A</a><img src="i.png"><link rel="icon" href="f.svg"><p id="p"></p><a name="n"></a>')
    assert sorted(page.references) == [("href", "a/"), ("href", "f.svg"), ("src", "i.png")]
    assert page.anchors == {"p", "n"}


def test_both_fixture_builds_have_no_broken_link(checked):
    for build in checked.context.builds:
        checked_count, broken = links.broken_links(checked.context.site(build), build.site_url)
        assert checked_count > 100
        assert broken == []


def test_a_broken_link_and_a_broken_anchor_are_named_with_their_page(altered):
    context = altered()
    page = context.public.site / "factures" / "envoyer" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</main>", '<a href="../relancer/#jamais">x</a><img src="../../absent.png" alt=""></main>'), encoding="utf-8"
    )
    _, broken = links.broken_links(context.site(context.public), context.public.site_url)
    assert broken == [
        "factures/envoyer/index.html: href='../relancer/#jamais': no element with id 'jamais' in factures/relancer/index.html",
        "factures/envoyer/index.html: src='../../absent.png': no file absent.png",
    ]
