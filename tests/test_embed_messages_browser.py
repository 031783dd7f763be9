"""Embed pages talk only to the origins the site allows, and act only on ids and values they know.

The attacks of issue 13 (items 7 and 11), each reproduced in Chromium: a foreign page on another port frames the
internal build's embed/ and posts the panel's messages; an allowed parent sends ids and values made to fool it.
The site has no site_url here, so its own origin is the one it allows; test_widget_browser.py covers an app
origin listed in extra.lanterne.embed_origins.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build, write_site

FILES = {
    "factures/envoyer.md": "---\ntitle: Envoyer une facture\nauthor: sophie\nupdated: 2024-09-13\ncontext: [/factures/*]\n---\n\nCorps.\n",
    "factures/procedure.md": (
        "---\ntitle: Procédure de remboursement\nid: remboursement\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nÉtapes.\n"
    ),
}

# A parent window that frames an embed page, records what the frame posts to it and how often the frame loads.
PARENT = """<!doctype html>
<html><head><meta charset="utf-8"><title>Parent</title></head>
<body><script>
  var frame = document.createElement("iframe");
  window.replies = [];
  window.loads = 0;
  frame.addEventListener("load", function () { window.loads += 1; });
  addEventListener("message", function (event) { if (event.source === frame.contentWindow) window.replies.push(event.data); });
  window.send = function (message) { frame.contentWindow.postMessage(message, "*"); };
  frame.src = new URLSearchParams(location.search).get("src");
  document.body.appendChild(frame);
</script></body></html>
"""
WAIT = 1000  # ms: a reply comes back in a few; an embed page that answers foreign parents has long since answered


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory) -> Path:
    """The internal build, without site_url: the pages' own origin is the only one allowed."""
    built = run_build(write_site(tmp_path_factory.mktemp("internal"), FILES, extra={"audience": "internal"}, config={"site_url": None}))
    assert built.ok, built.errors()
    (built.site / "parent.html").write_text(PARENT, encoding="utf-8")
    return built.site


@pytest.fixture
def framed(internal_site, serve_dir, browser, tmp_path):
    """framed(src, foreign=...) -> (page, frame): a parent page framing help `src`, on the help origin or another."""
    help_url = serve_dir(internal_site)
    (tmp_path / "parent.html").write_text(PARENT, encoding="utf-8")
    foreign_url = serve_dir(tmp_path)
    context = browser.new_context()
    context.set_default_timeout(2_000)

    def _open(src: str, *, foreign: bool):
        page = context.new_page()
        page.goto((foreign_url if foreign else help_url) + "parent.html?src=" + help_url + src)
        page.wait_for_function("window.loads > 0")
        return page, page.frames[1]

    yield _open
    context.close()


def test_a_foreign_parent_gets_no_answer_and_moves_nothing(framed):
    """Issue 13.7: titles, URLs, 'unknown article' errors and heights went to any parent window."""
    page, frame = framed("embed/?open=remboursement", foreign=True)
    url = frame.url
    for message in [
        {"source": "lanterne", "type": "open", "id": "remboursement"},
        {"source": "lanterne", "type": "open", "id": "no-such-article"},
        {"source": "lanterne", "type": "search", "query": "remboursement"},
        {"source": "lanterne", "type": "suggest", "path": "/factures/1"},
        {"source": "lanterne", "type": "back"},
    ]:
        page.evaluate("message => send(message)", message)
    page.wait_for_timeout(WAIT)
    assert page.evaluate("window.replies") == []
    assert page.evaluate("window.loads") == 1
    assert frame.url == url
    assert frame.locator(".lt-embed__suggested").is_hidden()
    page.close()


def test_the_sites_own_origin_talks_to_the_panel_and_odd_ids_reveal_nothing(framed):
    """Issue 13.11: a path in an id fetched another JSON file of the site and sent the panel to embed/undefined."""
    page, frame = framed("embed/", foreign=False)
    page.wait_for_function("window.replies.some(reply => reply.type === 'ready')")
    for odd in ["../../../pagefind/pagefind-entry", "factures/../../pagefind/pagefind-entry", "/etc/passwd", 42, {"0": "x"}]:
        page.evaluate("id => { window.replies = []; send({source: 'lanterne', type: 'open', id: id}); }", odd)
        page.wait_for_function("window.replies.some(reply => reply.type === 'error')")
        assert [reply for reply in page.evaluate("window.replies") if reply["type"] == "error"] == [
            {"source": "lanterne", "type": "error", "error": "unknown article"}
        ]
        assert page.evaluate("window.loads") == 1
    for odd_type in ["constructor", "toString", "__proto__", "hasOwnProperty"]:
        page.evaluate("type => send({source: 'lanterne', type: type})", odd_type)
    page.evaluate("send({source: 'lanterne', type: 'open', id: 'remboursement'})")
    page.wait_for_function("window.loads === 2 && window.replies.some(reply => reply.type === 'ready' && reply.kind === 'article')")
    assert frame.locator("h1").inner_text() == "Procédure de remboursement"
    page.close()


# Columns: the home's address, the reply that tells the parent it was read (and did not move the panel).
ODD_ADDRESSES = [
    ("?lang=constructor", "ready"),
    ("?lang=__proto__", "ready"),
    ("?open=../../../pagefind/pagefind-entry", "error"),
]


def test_the_home_ignores_addresses_it_does_not_know(framed):
    """Issue 13.11: ?lang=constructor went to embed/function%20Object()…, ?open=../… to embed/undefined."""
    for query, answer in ODD_ADDRESSES:
        page, frame = framed("embed/" + query, foreign=False)
        page.wait_for_function("type => window.replies.some(reply => reply.type === type)", arg=answer)
        assert frame.url.endswith("/embed/" + query) and page.evaluate("window.loads") == 1, query
        page.close()
