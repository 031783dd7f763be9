"""One mistake, one error: reported once, where it is; files that only depend on it say so in one line (issue 22.4)."""

from __future__ import annotations

import logging

import pytest
from conftest import load_content

ARTICLE = "---\ntitle: {title}\nauthor: {author}\nupdated: {updated}\n{extra}---\n\n{body}\n"
BAD_DATE = "docs/factures/envoyer.md:4: updated: '2024-02-30' is not a real calendar date; expected YYYY-MM-DD, for example 2024-09-13"
CASCADE = {
    # The one mistake: a date that does not exist, in an article that has a translation (conftest's BASE_FILES).
    "factures/envoyer.md": ARTICLE.format(title="Envoyer une facture", author="sophie", updated="2024-02-30", extra="", body="Corps."),
    # An article that lists it in related: and links to it.
    "factures/relancer.md": ARTICLE.format(
        title="Relancer un client",
        author="sophie",
        updated="2024-09-13",
        extra="related: [factures/envoyer.md]\n",
        body="Avant de relancer, [envoyez la facture](envoyer.md#etapes).",
    ),
}


@pytest.fixture(scope="module")
def cascade(tmp_path_factory):
    """One bad date, built once, with what the build printed at every level."""
    from conftest import run_build, write_site

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        return run_build(write_site(tmp_path_factory.mktemp("cascade"), CASCADE), strict=False)
    finally:
        logger.setLevel(level)


def test_one_bad_date_gives_one_error_line(cascade):
    assert [m for m in cascade.messages if m.startswith(("WARNING", "ERROR"))] == [f"ERROR: {BAD_DATE}"]


def test_the_translation_says_in_one_line_why_it_is_left_out(cascade):
    assert "INFO: docs/factures/envoyer.en.md: left out until docs/factures/envoyer.md, above, is fixed" in cascade.messages
    summary = (
        "Lanterne: 1 content problem; 2 files left out of this build until fixed: docs/factures/envoyer.md, docs/factures/envoyer.en.md"
    )
    assert f"INFO: {summary}" in cascade.messages
    assert not (cascade.site / "en" / "factures" / "envoyer").exists()


def test_an_article_that_relates_or_links_to_it_builds_without_the_link(cascade):
    page = cascade.html("factures/relancer/")
    assert "Relancer un client" in page.title.text
    body = page.select_one(".md-content")
    assert "envoyez la facture" in body.text
    assert not [a["href"] for a in body.select("a[href]") if "envoyer" in a["href"]]


def test_a_site_with_nothing_left_to_index_skips_search_in_one_line(make_site, caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        built = make_site({"factures/envoyer.md": CASCADE["factures/envoyer.md"]}, strict=False)
    assert [m for m in built.messages if m.startswith(("WARNING", "ERROR"))] == [f"ERROR: {BAD_DATE}"]
    assert "INFO: Lanterne search: no article to index in this build, so the site has no search index until one is published" in (
        built.messages
    )


def test_thirty_files_sharing_a_problem_print_one_grouped_line(make_site):
    # A naive import: a folder without its index.md, thirty articles without an author.
    files = {f"aide/article-{n:02}.md": f"---\ntitle: Article {n}\nupdated: 2024-09-13\n---\n" for n in range(30)}
    built = make_site(files, strict=False)
    assert built.errors() == [
        "docs/aide/article-00.md:1: author: required key is missing; expected an author id from docs/.authors.yml, "
        "for example author: sophie (the same in 29 other files: docs/aide/article-01.md:1, docs/aide/article-02.md:1, "
        "docs/aide/article-03.md:1 and 26 more)",
        "docs/aide/index.md:1: collection: folder docs/aide/ has no index.md, so its 30 files are left out; "
        "expected docs/aide/index.md with at least a title",
    ]


# Columns: files that replace the base site's, the one problem expected, the files left out with it.
DEPENDENTS = [
    pytest.param(
        {"factures/index.md": "---\ntitle: Factures\nicon: material/not-an-icon-at-all\n---\n"},
        "docs/factures/index.md:3: icon: 'material/not-an-icon-at-all' is not a known icon; "
        "expected a Material icon name such as material/receipt-text",
        dict.fromkeys(["factures/index.en.md", "factures/envoyer.md", "factures/envoyer.en.md"], "factures/index.md"),
        id="collection-index",
    ),
    pytest.param(
        {".authors.yml": "authors:\n  sophie:\n    nom: Sophie\n  lea:\n    name: Léa\n"},
        "docs/.authors.yml:3: authors.sophie.nom: unknown key (did you mean 'name'?); "
        "expected one of: name, description, avatar, slug, url",
        {"factures/envoyer.md": ".authors.yml", "factures/envoyer.en.md": ".authors.yml"},
        id="author-entry",
    ),
    pytest.param(
        {"factures/envoyer.md": ARTICLE.format(title="Envoyer", author="nobody", updated="2024-09-13", extra="", body="")},
        "docs/factures/envoyer.md:3: author: 'nobody' is not in docs/.authors.yml; expected one of: lea, sophie",
        {"factures/envoyer.en.md": "factures/envoyer.md"},
        id="source-author",
    ),
    pytest.param(
        {"index.md": "---\nhero:\n  titel: Bonjour\n---\n"},
        "docs/index.md:3: hero.titel: unknown key (did you mean 'title'?); expected one of: title, subtitle",
        {"index.en.md": "index.md"},
        id="home",
    ),
    pytest.param(
        {"factures/index.md": "---\ntitle: Factures\n\tdescription: x\n---\n"},
        None,
        dict.fromkeys(["factures/index.en.md", "factures/envoyer.md", "factures/envoyer.en.md"], "factures/index.md"),
        id="unreadable-index",
    ),
]


@pytest.mark.parametrize(("files", "problem", "left_out"), DEPENDENTS)
def test_files_that_depend_on_a_rejected_one_only_say_so(files, problem, left_out):
    build = load_content(files)
    assert len(build.problems) == 1, [str(p) for p in build.problems]
    assert problem is None or str(build.problems[0]) == problem
    assert build.dependents == left_out
