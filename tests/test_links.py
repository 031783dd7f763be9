"""Links in rendered HTML are resolved against their page and rewritten for another place."""

from __future__ import annotations

import pytest

from lanterne.outputs import links

# Columns: link, URL of the page it is on, site-root-relative target (None: not a site link).
RESOLVE = [
    ("../envoi/relancer/#etape-2", "factures/envoyer/", "factures/envoi/relancer/#etape-2"),
    ("../../assets/logo.svg", "factures/envoyer/", "assets/logo.svg"),
    ("./", "factures/", "factures/"),
    ("../", "factures/", ""),
    ("../..", "embed/factures/envoyer/", "embed/"),
    ("/assets/x.png", "factures/", "assets/x.png"),
    ("#titre", "factures/", None),
    ("https://example.com/", "factures/", None),
    ("mailto:aide@example.com", "factures/", None),
]


@pytest.mark.parametrize(("ref", "page_url", "expected"), RESOLVE)
def test_resolve(ref, page_url, expected):
    assert links.resolve(ref, page_url) == expected


# Columns: site-root-relative target, URL of the page linking to it, relative link.
RELATIVE = [
    ("factures/", "factures/envoyer/", "../"),
    ("", "factures/envoyer/", "../../"),
    ("assets/logo.svg", "embed/factures/envoyer/", "../../../assets/logo.svg"),
    ("factures/envoyer/", "factures/envoyer/", "./"),
    ("factures/envoyer/#etape", "embed/", "../factures/envoyer/#etape"),
]


@pytest.mark.parametrize(("target", "page_url", "expected"), RELATIVE)
def test_relative(target, page_url, expected):
    assert links.relative(target, page_url) == expected


def test_rewrite_changes_links_and_opens_new_tabs_safely():
    html = '<p><a class="x" href="https://a.example/">a</a> <img src="b.png" alt=""> <a href="c/">c</a></p>'
    rewritten = links.rewrite(html, lambda tag, ref: (ref.upper(), links.is_external(ref)))
    assert rewritten == (
        '<p><a class="x" href="HTTPS://A.EXAMPLE/" target="_blank" rel="noopener">a</a> <img src="B.PNG" alt=""> <a href="C/">c</a></p>'
    )
