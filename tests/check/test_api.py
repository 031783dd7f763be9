"""The API check: every document matches its declared schema, and every path it lists is in the build."""

from __future__ import annotations

import json

from lanterne.check import api, checks


def test_both_fixture_builds_have_a_well_formed_api(checked):
    summary, problems = checks.check_api(checked.context)
    assert problems == []
    assert summary == "public: 5 documents; internal: 6 documents"


def test_a_missing_field_a_wrong_type_and_a_missing_page_are_named(altered):
    context = altered()
    site = context.public.site
    document = site / "api" / "articles" / "factures" / "envoyer.json"
    data = json.loads(document.read_text(encoding="utf-8"))
    del data["title"]
    data["tags"] = "email"
    document.write_text(json.dumps(data), encoding="utf-8")
    (site / "en" / "factures" / "envoyer" / "index.html").unlink()
    _, problems = checks.check_api(context)
    missing = "has no en/factures/envoyer/index.html in the build"
    english = "https://aide.example/en/factures/envoyer/"
    assert problems == [
        f"public/api/articles.json: article 'factures/envoyer' (fr): translations.en: {english!r} {missing}",
        "public/api/articles/factures/envoyer.json: title: Field required",
        "public/api/articles/factures/envoyer.json: tags: Input should be a valid list",
        f"public/api/articles.json: article 'factures/envoyer' (en): path: 'en/factures/envoyer/' {missing}",
        f"public/api/articles.json: article 'factures/envoyer' (en): url: {english!r} {missing}",
        f"public/api/articles.json: article 'factures/envoyer' (en): translations.en: {english!r} {missing}",
    ]


def test_a_list_that_is_not_json_or_a_url_elsewhere_is_named():
    documents = {
        api.ARTICLES: {"languages": ["fr"], "articles": []},
        api.COLLECTIONS: {"collections": [_collection(url="https://ailleurs.example/factures/")]},
    }

    def read(path):
        if path not in documents:
            raise FileNotFoundError(path)
        return documents[path]

    count, problems = api.check_api(read, lambda path: True, "https://aide.example/")
    assert count == 2
    assert problems == [
        "api/collections.json: collection 'factures' (fr): url: 'https://ailleurs.example/factures/' is not under https://aide.example/"
    ]
    del documents[api.ARTICLES]
    assert api.check_api(read, lambda path: True, "https://aide.example/")[1][0] == "api/articles.json: missing from the build"


def _collection(**changes) -> dict:
    base = "https://aide.example/"
    entry = {"id": "factures", "lang": "fr", "title": "Factures", "description": None, "icon": None, "path": "factures/"}
    entry |= {"url": base + "factures/", "embed_url": base + "embed/factures/", "count": 1, "collections": []}
    return entry | changes
