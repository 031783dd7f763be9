"""The search index: built by `mkdocs build`, one record per article, keywords weighted, nothing internal in public."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from lanterne.outputs import api, search

INTERNAL_ARTICLE = (
    "---\ntitle: Procédure de remboursement\nauthor: sophie\nupdated: 2024-09-13\naudience: internal\n---\n\n"
    "Le remboursement passe par la console zorglub.\n"
)
PUBLIC_ARTICLE = """\
---
title: Relancer un client
description: Les relances automatiques.
author: sophie
updated: 2024-09-13
tags: [paiement]
keywords: [impayé, recouvrement]
---

Programmez l\u2019échéance des relances.

!!! internal "Pour le support"
    Vérifiez le journal bidulex avant de relancer.
"""


def records(site: Path) -> list[dict]:
    """Every record of the Pagefind index: its URL, content and metadata (fragments are gzip + a signature)."""
    out = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        out.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return out


def vocabulary(site: Path, lang: str) -> dict[str, int]:
    """The typo-correction vocabulary of one language, all letters together."""
    words: dict[str, int] = {}
    for bucket in (site / "pagefind" / "vocab" / lang).glob("*.json"):
        words.update(json.loads(bucket.read_text(encoding="utf-8"))["words"])
    return words


def test_one_record_per_article_with_weighted_metadata(make_site):
    built = make_site({"factures/relancer.md": PUBLIC_ARTICLE})
    assert built.ok, built.errors()
    by_url = {record["url"]: record for record in records(built.site)}
    assert sorted(by_url) == ["/en/factures/envoyer/", "/factures/envoyer/", "/factures/relancer/"]
    meta = by_url["/factures/relancer/"]["meta"]
    assert meta == {
        "title": "Relancer un client",
        "id": "factures/relancer",
        "description": "Les relances automatiques.",
        "path": "Factures",
        "keywords": "impayé, recouvrement",
        "tags": "paiement",
    }
    # Keywords are metadata: searchable and weighted, never part of the excerpt text.
    assert "impayé" not in by_url["/factures/relancer/"]["content"]
    # The typographic apostrophe is straightened, so that "échéance" is indexed on its own too.
    assert "l'échéance" in by_url["/factures/relancer/"]["content"]


def test_the_vocabulary_holds_indexed_words_folded_with_their_frequency(make_site):
    built = make_site({"factures/relancer.md": PUBLIC_ARTICLE})
    words = vocabulary(built.site, "fr")
    assert words["relances"] == 2
    assert {"echeance", "impaye", "recouvrement", "programmez"} <= set(words)
    bucket = json.loads((built.site / "pagefind" / "vocab" / "fr" / "r.json").read_text(encoding="utf-8"))
    assert bucket["pages"] == 2
    assert "relancer" in bucket["strong"] and "relances" not in bucket["strong"]
    assert "body" in vocabulary(built.site, "en") and "relances" not in vocabulary(built.site, "en")


def test_public_index_has_no_internal_text_and_internal_index_has_it(make_site):
    files = {"factures/relancer.md": PUBLIC_ARTICLE, "factures/rembourser.md": INTERNAL_ARTICLE}
    public = make_site(files)
    public_text = json.dumps(records(public.site), ensure_ascii=False) + json.dumps(vocabulary(public.site, "fr"))
    assert "zorglub" not in public_text and "bidulex" not in public_text and "rembourser" not in public_text
    internal = make_site(files, extra={"audience": "internal"})
    by_url = {record["url"]: record for record in records(internal.site)}
    assert "zorglub" in by_url["/factures/rembourser/"]["content"]
    assert by_url["/factures/rembourser/"]["meta"]["audience"] == "internal"
    assert "bidulex" in by_url["/factures/relancer/"]["content"]
    assert "bidulex" in vocabulary(internal.site, "fr")


def test_an_article_can_opt_out_and_only_articles_are_indexed(make_site):
    hidden = PUBLIC_ARTICLE.replace("tags: [paiement]", "tags: [paiement]\nsearch:\n  exclude: true")
    built = make_site({"factures/relancer.md": hidden, "mentions-legales.md": "---\ntitle: Mentions\n---\n\nTexte.\n"})
    assert built.ok, built.errors()
    assert sorted(record["url"] for record in records(built.site)) == ["/en/factures/envoyer/", "/factures/envoyer/"]


def test_pagefind_ready_made_interfaces_are_not_published(make_site):
    bundle = make_site().site / "pagefind"
    assert (bundle / "pagefind.js").exists()
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()


def test_every_page_has_the_header_search_and_its_settings(make_site):
    extra = {"contact": {"url": "mailto:aide@example.com"}, "feedback": {"endpoint": "https://retours.example/api/reactions"}}
    built = make_site(extra=extra)
    page = built.html("en/factures/envoyer/")
    form = page.select_one("form#lt-search-header[data-lt-search]")
    assert form.select_one("input[type=search]")["placeholder"] == "Search for articles..."
    config = json.loads(page.select_one("script#lt-config").string)
    # The embed pages' script checks article ids with the API's own rule, written here by the engine.
    assert config["articleId"] == api.ARTICLE_ID.pattern
    settings = config["search"]
    assert settings["lang"] == "en"
    assert settings["bundle"] == "pagefind/"
    assert settings["contact"] == "mailto:aide@example.com"
    assert settings["feedback"] == "https://retours.example/api/reactions"
    assert settings["audience"] == "public"
    assert settings["labels"]["none"] == "No article matches “{query}”."
    assert settings["weights"]["keywords"] > 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reçu d'échéance", ["recu", "d", "echeance"]),
        ("l\u2019œuvre", ["l", "oeuvre"]),
        ("TVA 20 %", ["tva", "20"]),
    ],
)
def test_words_are_folded_like_pagefind_folds_them(text, expected):
    assert search.words(text) == expected


def test_heading_permalinks_never_reach_the_excerpts(make_site):
    article = "---\ntitle: Relancer\nauthor: sophie\nupdated: 2024-09-13\n---\n\n## Programmer une relance\n\nLe texte.\n"
    built = make_site({"factures/relancer.md": article})
    assert built.ok, built.errors()
    heading = built.html("factures/relancer/").select_one("h2 a.headerlink")
    assert heading is not None and heading.text == "\u00b6"  # the page keeps its permalink for readers
    record = next(r for r in records(built.site) if r["url"] == "/factures/relancer/")
    assert "Programmer une relance" in record["content"] and "\u00b6" not in record["content"]
