"""The JSON API lists what the build published, with the same audience rules as the pages."""

from __future__ import annotations

import json
from pathlib import Path

FILES = {
    "factures/envoi/index.md": "---\ntitle: Envoi\n---\n",
    "factures/envoi/relancer.md": (
        "---\ntitle: Relancer\nauthor: lea\nupdated: 2024-09-02\nkeywords: [rappel]\n---\n\n"
        "Voir [l'envoi](../envoyer.md) et ![schéma](schema.svg).\n"
    ),
    "factures/envoi/schema.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "factures/procedure.md": "---\ntitle: Procédure\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nÉtapes.\n",
}


def _json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_articles_lists_every_published_article_in_every_language(public):
    articles = _json(public, "api/articles.json")["articles"]
    assert [(a["id"], a["lang"]) for a in articles] == [
        ("factures/envoi/relancer", "fr"),
        ("factures/envoyer", "fr"),
        ("factures/envoyer", "en"),
    ]
    assert articles[1] == {
        "id": "factures/envoyer",
        "lang": "fr",
        "title": "Envoyer une facture",
        "description": "Par email",
        "path": "factures/envoyer/",
        "url": "https://aide.example/factures/envoyer/",
        "embed_url": "https://aide.example/embed/factures/envoyer/",
        "api_url": "https://aide.example/api/articles/factures/envoyer.json",
        "collection": [{"id": "factures", "title": "Factures"}],
        "tags": ["email"],
        "keywords": [],
        "updated": "2024-09-13",
        "author": "Sophie Martin",
        "translations": {"fr": "https://aide.example/factures/envoyer/", "en": "https://aide.example/en/factures/envoyer/"},
        "context": [],
    }
    assert articles[0]["collection"] == [{"id": "factures", "title": "Factures"}, {"id": "factures/envoi", "title": "Envoi"}]
    assert articles[2]["api_url"] == "https://aide.example/api/en/articles/factures/envoyer.json"


def test_collections_tree_counts_published_articles(public, internal):
    def counts(site: Path) -> list[tuple]:
        tree = _json(site, "api/collections.json")["collections"]
        return [(c["lang"], c["id"], c["count"], [(s["id"], s["count"]) for s in c["collections"]]) for c in tree]

    assert counts(public) == [("fr", "factures", 2, [("factures/envoi", 1)]), ("en", "factures", 1, [])]
    assert counts(internal) == [("fr", "factures", 3, [("factures/envoi", 1)]), ("en", "factures", 1, [])]


def test_article_document_has_its_body_with_absolute_links(public):
    document = _json(public, "api/articles/factures/envoi/relancer.json")
    assert document["keywords"] == ["rappel"] and document["title"] == "Relancer"
    assert 'href="https://aide.example/factures/envoyer/"' in document["body_html"]
    assert 'src="https://aide.example/factures/envoi/schema.svg"' in document["body_html"]
    assert _json(public, "api/en/articles/factures/envoyer.json")["body_html"] == "<p>Body.</p>"


def test_internal_api_has_internal_articles(public, internal):
    assert not (public / "api/articles/factures/procedure.json").exists()
    ids = [a["id"] for a in _json(internal, "api/articles.json")["articles"]]
    assert "factures/procedure" in ids
    assert _json(internal, "api/articles/factures/procedure.json")["body_html"] == "<p>Étapes.</p>"
