"""The browser checks in Chromium: axe on the sampled pages, and the search expectations through the real client."""

from __future__ import annotations

from bs4 import BeautifulSoup

from lanterne.check import accessibility, checks, search
from lanterne.check.browser import serve
from lanterne.check.pages import Sampled


def test_the_fixture_sample_has_no_serious_accessibility_violation(checked, browser):
    context = checked.context
    with serve(checked.public.site) as public, serve(checked.internal.site) as internal:
        summary, problems = checks.check_accessibility(context, browser, {"public": public, "internal": internal})
    assert problems == []
    assert summary == (
        "10 pages (home, collection, article, tag page, embed home, embed article, internal article), each in the light and dark schemes"
    )


def test_an_injected_violation_is_named_with_its_page(altered, browser):
    context = altered()
    home = context.public.site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</main>", '<button class="lt-injected"></button></main>'), encoding="utf-8")
    sampled = [Sampled("home fr", ""), Sampled("article fr", "factures/envoyer/")]
    with serve(context.public.site) as public:
        problems = accessibility.audit_pages(browser, public, sampled, "public")
    assert problems == [
        f"public home fr (/, {scheme}): button-name (critical): Buttons must have discernible text at ['.lt-injected']"
        for scheme in ("light", "dark")
    ]


def test_search_expectations_run_through_the_real_client(checked, browser):
    query_set = search.QuerySet.model_validate(
        {
            "thresholds": {"hit@3": 1.0},
            "queries": [
                {"q": "relancer", "expect": ["factures/relancer"], "kind": "plain"},
                {"q": "send invoice", "expect": ["factures/envoyer"], "lang": "en"},
                {"q": "hélicoptère", "expect": ["factures/absent"]},
            ],
        }
    )
    for query in query_set.queries:
        query.lang = query.lang or "fr"
    with serve(checked.public.site) as base:
        summary, problems = checks.check_search(checked.context, browser, base, query_set)
    assert summary == "3 queries: hit@3 = 0.67, hit@1 = 0.67 (bars: hit@3 >= 1.00)"
    assert problems == [
        ".search-queries.yml: 'hélicoptère' expects 'factures/absent': no such article id",
        ".search-queries.yml: hit@3 = 0.67, below 1.00",
        "miss@3: 'hélicoptère' (fr) -> [], expected one of ['factures/absent']",
    ]


def test_only_serious_and_critical_violations_count():
    nodes = [{"target": [f"#n{i}"]} for i in range(5)]
    results = {
        "violations": [
            {"id": "color-contrast", "impact": "serious", "help": "Contrast", "nodes": nodes},
            {"id": "region", "impact": "moderate", "help": "Landmarks", "nodes": nodes[:1]},
        ]
    }
    assert accessibility.blocking(results) == ["color-contrast (serious): Contrast at ['#n0'], ['#n1'], ['#n2']"]


def test_highlighted_code_reaches_the_contrast_minimum_in_both_schemes(checked, browser):
    # Material gives comments, list items and punctuation in code its light text colour: 4.47:1 on the code background.
    page = BeautifulSoup((checked.public.site / "factures" / "relancer" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select(".highlight .c1") and page.select(".highlight .nv")
    with serve(checked.public.site) as public:
        assert accessibility.audit_pages(browser, public, [Sampled("article fr", "factures/relancer/")], "public") == []
