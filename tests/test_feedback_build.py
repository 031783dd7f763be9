"""The reactions block on article pages, its configuration, and the manifest the feedback service reads."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import run_build, write_site

from lanterne.views import reactions as feedback

ENDPOINT = "https://feedback.aide.example/reactions"
INTERNAL = {
    "factures/debloquer.md": "---\ntitle: Débloquer une facture\nauthor: sophie\nupdated: 2024-09-13\naudience: internal\n---\n\nSupport.\n"
}
CONTACT = {"url": "https://ardoise.example/contact", "label": {"fr": "Écrire au support", "en": "Write to support"}}
NOT_SET = "Lanterne: extra.lanterne.feedback.endpoint is not set, so article pages have no reactions block"


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    """The public build of a small help centre with one internal article, reactions on."""
    extra = {"feedback": {"endpoint": ENDPOINT}, "contact": CONTACT}
    return run_build(write_site(tmp_path_factory.mktemp("public"), INTERNAL, extra=extra))


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    """The internal build of the same help centre."""
    extra = {"audience": "internal", "feedback": {"endpoint": ENDPOINT}}
    return run_build(write_site(tmp_path_factory.mktemp("internal"), INTERNAL, extra=extra))


def _manifest(built) -> dict:
    return json.loads((built.site / "lanterne/feedback-manifest.json").read_text(encoding="utf-8"))


def test_without_an_endpoint_there_is_no_block_and_the_build_says_so_once(make_site, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        built = make_site()
    assert built.ok
    assert built.html("factures/envoyer/").select(".lt-reactions") == []
    said = [r for r in caplog.records if r.getMessage() == NOT_SET]
    assert [r.levelname for r in said] == ["INFO"]
    assert not (built.site / "lanterne/feedback-manifest.json").exists()


def test_the_block_is_a_form_that_posts_everything_the_service_needs(public):
    built = public
    assert built.ok, built.errors()
    block = built.html("en/factures/envoyer/").select_one("section.lt-reactions")
    form = block.select_one("form.lt-reactions__vote")
    assert (form["method"], form["action"]) == ("post", ENDPOINT)
    hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert hidden == {
        "article": "factures/envoyer",
        "lang": "en",
        "audience": "public",
        "page": "https://aide.example/en/factures/envoyer/",
    }
    assert form.select_one("input[name=website]")["tabindex"] == "-1"
    group = form.select_one("[role=group]")
    question = block.select_one(f"#{group['aria-labelledby']}")
    assert question.get_text(strip=True) == "Did this answer your question?"
    faces = [(b["type"], b["name"], b["value"], b.get_text(" ", strip=True)) for b in group.select("button")]
    assert faces == [
        ("submit", "reaction", "sad", "No, disappointed"),
        ("submit", "reaction", "neutral", "Partly"),
        ("submit", "reaction", "happy", "Yes, thanks"),
    ]
    # Each face is Twemoji's picture, the same on every system; the button's text names it.
    assert [svg["aria-label"] for svg in group.select(".lt-reactions__emoji[aria-hidden=true] > svg")] == ["😞", "😐", "😃"]
    assert block.select_one("#lt-reactions-thanks").get_text(strip=True).startswith("Thanks for your feedback!")
    assert [box["value"] for box in block.select("input[name=reasons]")] == ["unanswered", "unclear", "incorrect", "other"]
    assert block.select_one("textarea[name=comment]")["maxlength"] == "1000"
    link = block.select_one(".lt-reactions__more .lt-reactions__contact a")
    assert (link["href"], link.get_text(strip=True)) == ("https://ardoise.example/contact", "Write to support")
    # The page loads the block's stylesheet and script (views/assets.py), after the shared helpers.
    page = built.html("en/factures/envoyer/")
    assert page.select_one('head link[href$="assets/stylesheets/lanterne-reactions.css"]')
    scripts = [script["src"].rpartition("/")[2] for script in page.select("script[src][defer]")]
    assert scripts[0] == "lanterne-shared.js" and "lanterne-reactions.js" in scripts


def test_the_french_block_asks_in_french(public):
    built = public
    block = built.html("factures/envoyer/").select_one("section.lt-reactions")
    assert block.select_one(".lt-reactions__question").get_text(strip=True) == "Avez-vous trouvé la réponse à votre question ?"
    assert [label.get_text(strip=True) for label in block.select(".lt-chip")] == [
        "Ne répond pas à ma question",
        "Difficile à comprendre",
        "Information incorrecte ou obsolète",
        "Autre",
    ]


def test_only_article_pages_have_the_block(public):
    built = public
    assert built.html("").select(".lt-reactions") == []
    assert built.html("factures/").select(".lt-reactions") == []


def test_the_public_manifest_lists_public_articles_only(public):
    built = public
    manifest = _manifest(built)
    assert (manifest["format"], manifest["audience"], manifest["site_url"]) == (1, "public", "https://aide.example/")
    assert [(a["id"], a["lang"], a["url"]) for a in manifest["articles"]] == [
        ("factures/envoyer", "en", "en/factures/envoyer/"),
        ("factures/envoyer", "fr", "factures/envoyer/"),
    ]
    assert "debloquer" not in (built.site / "lanterne/feedback-manifest.json").read_text(encoding="utf-8")


def test_the_internal_manifest_adds_internal_articles(internal):
    built = internal
    manifest = _manifest(built)
    assert manifest["audience"] == "internal"
    assert ("factures/debloquer", "fr") in [(a["id"], a["lang"]) for a in manifest["articles"]]
    hidden = built.html("factures/debloquer/").select_one("input[name=audience]")
    assert hidden["value"] == "internal"


def test_an_endpoint_that_is_not_a_url_fails_the_build(make_site):
    built = make_site(extra={"feedback": {"endpoint": "javascript:alert(1)"}})
    assert not built.ok
    assert built.errors() == [
        "mkdocs.yml: extra.lanterne.feedback.endpoint: got 'javascript:alert(1)'; expected an absolute URL "
        "(https://feedback.example.com/reactions) or a path on the help centre's host (/feedback/reactions)",
        "Lanterne: the settings in mkdocs.yml must be fixed before anything can be built",
    ]


# Columns: the setting as written, the site_url, the endpoint the form posts to.
ENDPOINTS = [
    ({"endpoint": "https://f.example/reactions"}, None, "https://f.example/reactions"),
    ({"endpoint": "/feedback/reactions"}, "https://example.com/aide/", "/feedback/reactions"),
    ({"endpoint": "api/reactions"}, "https://example.com/aide/", "/aide/api/reactions"),
    ({"endpoint": "reactions"}, None, "/reactions"),
    ({}, None, None),
    (None, None, None),
]


@pytest.mark.parametrize(("options", "site_url", "expected"), ENDPOINTS)
def test_endpoint(options, site_url, expected):
    assert feedback.endpoint(options, site_url=site_url) == (expected, [])


def test_the_manifest_never_lists_an_internal_article_in_a_public_build():
    entries = [feedback.Entry("a", "fr", "public", "A", "a/"), feedback.Entry("b", "fr", "internal", "B", "b/")]
    assert [a["id"] for a in feedback.manifest(entries, audience="public", site_url=None)["articles"]] == ["a"]
    assert [a["id"] for a in feedback.manifest(entries, audience="internal", site_url=None)["articles"]] == ["a", "b"]


def test_the_embed_layout_has_the_same_block(public):
    block = public.html("embed/factures/envoyer/").select_one("section.lt-reactions")
    hidden = {field["name"]: field["value"] for field in block.select("form input[type=hidden]")}
    assert (hidden["article"], hidden["lang"]) == ("factures/envoyer", "fr")
    page = public.html("embed/factures/envoyer/")
    stylesheet = page.select_one('head link[href$="lanterne-reactions.css"]')["href"]
    assert (public.site / "embed/factures/envoyer" / stylesheet).resolve() == (public.site / "assets/stylesheets/lanterne-reactions.css")
    script = page.select_one('script[src$="lanterne-reactions.js"]')["src"]
    assert (public.site / "embed/factures/envoyer" / script).resolve() == (public.site / "assets/javascripts/lanterne-reactions.js")
