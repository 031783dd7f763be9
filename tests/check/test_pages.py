"""The pages the browser checks sample: picked from the build's own API and pages, never by name."""

from __future__ import annotations

from lanterne.check import checks, pages
from lanterne.check.pages import Sampled


def test_pages_of_each_kind_are_picked_from_the_build(checked):
    sampled = checks.sample(checked.context)
    assert sampled == [
        Sampled("home fr", ""),
        Sampled("collection fr", "factures/"),
        Sampled("article fr", "factures/envoyer/"),
        Sampled("tag page fr", "tags/"),
        Sampled("home en", "en/"),
        Sampled("collection en", "en/factures/"),
        Sampled("article en", "en/factures/envoyer/"),
    ]
    assert pages.embedded(sampled, default_language="fr") == [
        Sampled("embed home fr", "embed/"),
        Sampled("embed home en", "embed/en/"),
        Sampled("embed article fr", "embed/factures/envoyer/"),
        Sampled("embed article en", "embed/en/factures/envoyer/"),
    ]


def test_an_article_with_tags_is_preferred_and_languages_without_articles_have_a_home_only():
    articles = {"languages": ["en", "fr"], "articles": [_article("a/", "fr", []), _article("b/", "fr", ["x"])]}
    sampled = pages.pick(articles, {"collections": []}, default_language="fr", tag_of=lambda path: f"tags/{path}")
    assert sampled == [Sampled("home en", "en/"), Sampled("home fr", ""), Sampled("article fr", "b/"), Sampled("tag page fr", "tags/b/")]


def _article(path: str, lang: str, tags: list[str]) -> dict:
    return {"path": path, "lang": lang, "tags": tags}
