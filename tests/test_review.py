"""Owners and review dates: `owner`, `review_by` and `review_every` on an article, a collection's and the site's period."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import load_content

from lanterne import settings
from lanterne.content import periods

ARTICLE = "factures/relancer.md"
HEAD = "title: Relancer\nauthor: sophie\nupdated: 2024-09-13\n"


def article(body: str, path: str = ARTICLE) -> dict[str, str]:
    """An extra article whose front matter is `body` (between the --- lines)."""
    return {path: f"---\n{body}---\n\nTexte.\n"}


# Columns: files to add or replace, the exact message expected.
CASES = [
    pytest.param(
        article(HEAD + "owner: paul\n"),
        "docs/factures/relancer.md:5: owner: 'paul' is not in docs/.authors.yml; expected one of: lea, sophie",
        id="unknown-owner",
    ),
    pytest.param(
        article(HEAD + "review_by: 2025-02-30\n"),
        "docs/factures/relancer.md:5: review_by: '2025-02-30' is not a real calendar date; expected YYYY-MM-DD, for example 2024-09-13",
        id="impossible-review-date",
    ),
    pytest.param(
        article(HEAD + "review_every: 3 mois\n"),
        "docs/factures/relancer.md:5: review_every: '3 mois' is not a period; expected a number and a unit (d, w, m or y), "
        "such as 90d, 12w, 6m or 1y",
        id="period-in-words",
    ),
    pytest.param(
        article(HEAD + "review_every: 90\n"),
        "docs/factures/relancer.md:5: review_every: 90 is not a period; expected a number and a unit (d, w, m or y), "
        "such as 90d, 12w, 6m or 1y",
        id="period-without-unit",
    ),
    pytest.param(
        article(HEAD + "review_every: 20y\n"),
        "docs/factures/relancer.md:5: review_every: '20y' is longer than ten years; expected a number and a unit (d, w, m or y), "
        "such as 90d, 12w, 6m or 1y",
        id="period-too-long",
    ),
    pytest.param(
        article(HEAD + "review_by: 2025-03-01\nreview_every: 6m\n"),
        "docs/factures/relancer.md:6: review_every: 6m is set together with review_by (2025-03-01); expected one of them: "
        "review_by for a fixed date, review_every for a period counted from the last update",
        id="both-review-keys",
    ),
    pytest.param(
        {"factures/index.md": "---\ntitle: Factures\nreview_every: 0d\n---\n"},
        "docs/factures/index.md:3: review_every: '0d' is not a period; expected a number and a unit (d, w, m or y), "
        "such as 90d, 12w, 6m or 1y",
        id="collection-period",
    ),
    pytest.param(
        {"factures/envoyer.en.md": "---\ntitle: Send\nupdated: 2024-09-10\nowner: paul\n---\n"},
        "docs/factures/envoyer.en.md:4: owner: 'paul' is not in docs/.authors.yml; expected one of: lea, sophie",
        id="translation-owner",
    ),
]


@pytest.mark.parametrize(("files", "message"), CASES)
def test_violation_is_reported(files, message):
    assert message in [str(problem) for problem in load_content(files).problems]


def test_a_bad_site_period_names_the_setting():
    with pytest.raises(settings.SettingsError) as caught:
        settings.parse({"review_every": "tous les ans"}, site_url=None, theme_language="fr")
    assert caught.value.problems == [
        "mkdocs.yml: extra.lanterne.review_every: 'tous les ans' is not a period; expected a number and a unit (d, w, m or y), "
        "such as 90d, 12w, 6m or 1y"
    ]


# Columns: the date, the period, the date that period after it.
AFTER = [
    (date(2024, 9, 13), "90d", date(2024, 12, 12)),
    (date(2024, 9, 13), "2w", date(2024, 9, 27)),
    (date(2024, 8, 31), "1m", date(2024, 9, 30)),
    (date(2024, 1, 31), "1m", date(2024, 2, 29)),
    (date(2024, 11, 30), "3m", date(2025, 2, 28)),
    (date(2024, 2, 29), "1y", date(2025, 2, 28)),
    (date(2024, 12, 1), "18m", date(2026, 6, 1)),
]


@pytest.mark.parametrize(("day", "period", "expected"), AFTER)
def test_a_period_after_a_date_keeps_to_real_month_ends(day, period, expected):
    assert periods.parse(period).after(day) == expected


SUB = "factures/envoi/index.md"
FILES = {
    "factures/index.md": "---\ntitle: Factures\nreview_every: 6m\n---\n",
    SUB: "---\ntitle: Envoi\n---\n",
    "factures/envoi/email.md": "---\ntitle: Par email\nauthor: lea\nupdated: 2024-09-02\n---\n",
    "factures/envoi/courrier.md": "---\ntitle: Par courrier\nauthor: lea\nupdated: 2024-09-02\nreview_every: 30d\n---\n",
    "factures/relancer.md": "---\ntitle: Relancer\nauthor: lea\nowner: sophie\nupdated: 2024-06-01\nreview_by: 2025-01-15\n---\n",
    "factures/relancer.en.md": "---\ntitle: Remind\nupdated: 2024-07-01\n---\n",
    "factures/envoyer.en.md": "---\ntitle: Send an invoice\nupdated: 2024-09-10\nowner: lea\nreview_every: 1y\n---\n",
    "devis/index.md": "---\ntitle: Devis\n---\n",
    "devis/creer.md": "---\ntitle: Créer\nauthor: sophie\nupdated: 2024-03-31\n---\n",
}


def test_each_article_gets_its_review_date_from_the_nearest_setting():
    centre = load_content(FILES, extra={"review_every": "1y"}).centre
    due = {(a.src_path): (a.review_by, a.review_every and str(a.review_every), a.owner) for a in centre.articles.values()}
    assert due == {
        "factures/envoyer.md": (date(2025, 3, 13), "6m", None),  # the collection's period
        "factures/envoyer.en.md": (date(2025, 9, 10), "1y", "lea"),  # its own period and owner
        "factures/envoi/email.md": (date(2025, 3, 2), "6m", None),  # the parent collection's period
        "factures/envoi/courrier.md": (date(2024, 10, 2), "30d", None),
        "factures/relancer.md": (date(2025, 1, 15), None, "sophie"),
        "factures/relancer.en.md": (date(2025, 1, 15), None, "sophie"),  # the source's date and owner
        "devis/creer.md": (date(2025, 3, 31), "1y", None),  # the site's period
    }


def test_without_any_period_an_article_has_no_review_date():
    relancer = load_content(article("title: Relancer\nauthor: sophie\nupdated: 2024-09-13\n")).centre.articles[("factures/relancer", "fr")]
    assert (relancer.review_by, relancer.review_every, relancer.overdue(date(2099, 1, 1))) == (None, None, False)


def test_an_article_is_overdue_the_day_after_its_review_date():
    relancer = load_content(FILES).centre.articles[("factures/relancer", "fr")]
    assert [relancer.overdue(date(2025, 1, day)) for day in (14, 15, 16)] == [False, False, True]


def test_a_full_build_accepts_owners_and_periods_and_refuses_an_unknown_owner(make_site):
    assert make_site(FILES, extra={"review_every": "1y"}).ok
    built = make_site({**FILES, **article(HEAD + "owner: nobody\n")})
    assert not built.ok
    assert "docs/factures/relancer.md:5: owner: 'nobody' is not in docs/.authors.yml; expected one of: lea, sophie" in built.errors()
