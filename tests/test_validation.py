"""Every content-format violation fails a strict build with `docs/path.md:LINE: key: message`."""

from __future__ import annotations

import logging

import pytest
from conftest import load_content

from lanterne import settings

ARTICLE = "factures/relancer.md"


def article(body: str) -> dict[str, str]:
    """An extra article whose front matter is `body` (between the --- lines)."""
    return {ARTICLE: f"---\n{body}---\n\nTexte.\n"}


# Columns: files to add or replace, the exact message expected.
CASES = [
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\ntags: [email\n"),
        "docs/factures/relancer.md:5: front matter: invalid YAML (expected ',' or ']', but got '<stream end>'); "
        "expected 'key: value' lines",
        id="malformed-yaml",
    ),
    pytest.param(
        article("title: Relancer\nautor: sophie\nauthor: sophie\nupdated: 2024-09-13\n"),
        "docs/factures/relancer.md:3: autor: unknown key (did you mean 'author'?); expected one of: title, description, author, "
        "updated, created, tags, keywords, audience, order, related, id, context, owner, review_by, review_every, aliases, hide, search, "
        "status, template, subtitle, comments",
        id="unknown-key",
    ),
    pytest.param(
        article("title: Relancer\nupdated: 2024-09-13\n"),
        "docs/factures/relancer.md:1: author: required key is missing; expected an author id from docs/.authors.yml, "
        "for example author: sophie",
        id="missing-author",
    ),
    pytest.param(
        article("author: sophie\nupdated: 2024-09-13\n"),
        "docs/factures/relancer.md:1: title: required key is missing; expected a title, for example title: Envoyer une facture par email",
        id="missing-title",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophi\nupdated: 2024-09-13\n"),
        "docs/factures/relancer.md:3: author: 'sophi' is not in docs/.authors.yml; expected one of: lea, sophie",
        id="unknown-author",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-02-30\n"),
        "docs/factures/relancer.md:4: updated: '2024-02-30' is not a real calendar date; expected YYYY-MM-DD, for example 2024-09-13",
        id="impossible-date",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 13/09/2024\n"),
        "docs/factures/relancer.md:4: updated: '13/09/2024' is not a date; expected YYYY-MM-DD, for example 2024-09-13",
        id="bad-date-format",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\norder: premier\n"),
        "docs/factures/relancer.md:5: order: got 'premier' (text); expected a whole number",
        id="wrong-type-order",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\ntags: email\n"),
        "docs/factures/relancer.md:5: tags: got 'email' (text); expected a list of texts, one '- item' per line",
        id="wrong-type-tags",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\ntags:\n  - email\n  - yes\n"),
        "docs/factures/relancer.md:7: tags: item 2 is True (true/false); expected a text",
        id="wrong-type-list-item",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\naudience: secret\n"),
        "docs/factures/relancer.md:5: audience: 'secret' is not allowed; expected one of: public, internal",
        id="bad-audience",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\nrelated:\n  - factures/envoyer.md\n  - factures/absent.md\n"),
        "docs/factures/relancer.md:7: related: item 2 'factures/absent.md' is not an article; expected an article path "
        "relative to docs/, such as factures/envoi/relances-automatiques.md",
        id="unknown-related",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\nid: factures/envoyer\n"),
        "docs/factures/relancer.md:5: id: 'factures/envoyer' is already used by docs/factures/envoyer.md; "
        "expected an id unique to this article",
        id="duplicate-id",
    ),
    pytest.param(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\ncreated: 2024-10-01\n"),
        "docs/factures/relancer.md:5: created: 2024-10-01 is after updated (2024-09-13); expected a creation date on or before the update",
        id="created-after-updated",
    ),
    pytest.param(
        {ARTICLE: "---\ntitle: Relancer\nauthor: sophie\n"},
        "docs/factures/relancer.md:1: front matter: the block opened by '---' is never closed; expected a line '---' after the last key",
        id="unclosed-front-matter",
    ),
    pytest.param(
        {"factures/relancer.de.md": "---\ntitle: Mahnen\nupdated: 2024-09-13\n---\n"},
        "docs/factures/relancer.de.md:1: language: unknown language suffix '.de'; expected one of the configured languages: fr, en",
        id="unknown-language",
    ),
    pytest.param(
        {"factures/relancer.en.md": "---\ntitle: Remind\nupdated: 2024-09-13\n---\n"},
        "docs/factures/relancer.en.md:1: translation: no source docs/factures/relancer.md; expected the fr file beside its translation",
        id="translation-without-source",
    ),
    pytest.param(
        {"factures/envoyer.en.md": "---\ntitle: Send\nauthor: lea\nupdated: 2024-09-13\n---\n"},
        "docs/factures/envoyer.en.md:3: author: 'lea' differs from the source's 'sophie'; a translation inherits author, "
        "so remove it or make it equal",
        id="translation-changes-author",
    ),
    pytest.param(
        {"devis/creer.md": "---\ntitle: Créer un devis\nauthor: sophie\nupdated: 2024-09-13\n---\n"},
        "docs/devis/index.md:1: collection: folder docs/devis/ has no index.md, so docs/devis/creer.md is left out; "
        "expected docs/devis/index.md with at least a title",
        id="collection-without-index",
    ),
    pytest.param(
        {"factures/index.md": "---\ntitle: Factures\nicon: material/not-an-icon-at-all\n---\n"},
        "docs/factures/index.md:3: icon: 'material/not-an-icon-at-all' is not a known icon; "
        "expected a Material icon name such as material/receipt-text",
        id="unknown-icon",
    ),
    pytest.param(
        {"a/b/c/d.md": "---\ntitle: Trop profond\n---\n"},
        "docs/a/b/c/d.md:1: path: nested too deep; expected docs/<collection>/<slug>.md or docs/<collection>/<sub-collection>/<slug>.md",
        id="nested-too-deep",
    ),
    pytest.param(
        {"index.md": "---\nhero:\n  titel: Bonjour\n---\n"},
        "docs/index.md:3: hero.titel: unknown key (did you mean 'title'?); expected one of: title, subtitle",
        id="home-hero-typo",
    ),
    pytest.param(
        {".authors.yml": "authors:\n  sophie:\n    nom: Sophie\n"},
        "docs/.authors.yml:3: authors.sophie.nom: unknown key (did you mean 'name'?); "
        "expected one of: name, description, avatar, slug, url",
        id="authors-file-typo",
    ),
]


@pytest.mark.parametrize(("files", "message"), CASES)
def test_violation_is_reported(files, message):
    assert message in [str(problem) for problem in load_content(files).problems]


def test_a_content_problem_fails_the_strict_build(make_site):
    built = make_site(article("title: Relancer\nauthor: nobody\nupdated: 2024-09-13\n"))
    assert not built.ok, "a strict build must fail"
    assert "docs/factures/relancer.md:3: author: 'nobody' is not in docs/.authors.yml; expected one of: lea, sophie" in built.errors()


def test_an_avatar_that_does_not_exist_is_an_error_with_its_line():
    authors = "authors:\n  sophie:\n    name: Sophie Martin\n  lea:\n    name: Léa Dubois\n    avatar: assets/authors/lea.png\n"
    problems = [str(problem) for problem in load_content({".authors.yml": authors}).problems]
    assert problems == [
        "docs/.authors.yml:6: authors.lea.avatar: 'assets/authors/lea.png' does not exist under docs/; "
        "expected an image file such as assets/authors/lea.svg, or an https:// URL"
    ]


def test_numbers_in_tags_and_keywords_are_taken_as_the_text_written():
    build = load_content(
        article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\ntags: [2026, email]\nkeywords: [1.10, 404, 0x1F]\n")
    )
    assert build.problems == []
    relancer = build.centre.articles[("factures/relancer", "fr")]
    assert (relancer.tags, relancer.keywords) == (["2026", "email"], ["1.10", "404", "0x1F"])


def test_rejected_page_is_named_and_left_out(make_site, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        built = make_site(article("title: Relancer\nauthor: nobody\nupdated: 2024-09-13\n"), strict=False)
    assert "INFO: Lanterne: 1 content problem; 1 file left out of this build until fixed: docs/factures/relancer.md" in built.messages
    assert not (built.site / "factures" / "relancer").exists()
    assert (built.site / "factures" / "envoyer" / "index.html").exists()


def test_every_problem_in_a_file_is_reported_at_once(make_site):
    built = make_site(article("title: Relancer\nautor: x\nupdated: demain\norder: premier\n"))
    paths = [m for m in built.errors() if m.startswith("docs/factures/relancer.md:")]
    # The misspelt `autor:` is the one mistake behind the missing author: "did you mean 'author'?" says it once.
    assert [m.split(": ")[1] for m in paths] == ["autor", "updated", "order"]


def test_material_keys_remain_allowed(make_site):
    built = make_site(article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\nhide: [toc]\nsearch:\n  boost: 2\nstatus: new\n"))
    assert built.ok, built.errors()


def test_front_matter_and_settings_word_one_mistake_the_same_way():
    # The same mistakes, once in an article and once in mkdocs.yml: after the place, the same words (issue 20.4).
    build = load_content({ARTICLE: "---\ntitle: Relancer\nauthor: sophie\naudience: interne\nautor: sophie\n---\n"})
    with pytest.raises(settings.SettingsError) as caught:
        settings.parse({"audience": "interne", "langages": ["fr"]}, site_url=None, theme_language="fr")
    in_article = [str(problem).split(": ", 2)[2] for problem in build.problems]
    in_settings = [problem.split(": ", 2)[2] for problem in caught.value.problems]
    assert in_article[0] == in_settings[0] == "'interne' is not allowed; expected one of: public, internal"
    assert in_article[1].startswith("unknown key (did you mean 'author'?); expected one of: title, description, author, ")
    assert in_settings[1] == (
        "unknown key (did you mean 'languages'?); expected one of: audience, languages, default_language, brand_color, "
        "embed_origins, embeds, review_every, feedback, health, contact, editor, analytics"
    )
