"""The embed budget: a whole embed page, gzipped with its scripts and stylesheets, fits 30 KB."""

from __future__ import annotations

from lanterne.check import checks, embed


def test_an_embed_page_is_weighed_with_its_scripts_and_stylesheets(checked):
    site = checked.public.site
    page = "embed/factures/envoyer/index.html"
    parts = embed.parts(page, (site / page).read_bytes())
    assert parts[0] == page and len(parts) >= 4, "the page, its scripts (reactions, search) and its stylesheet"
    assert all((site / part).is_file() for part in parts)
    assert all(part.startswith("assets/") for part in parts[1:])


def test_the_fixture_embed_pages_fit_the_budget(checked):
    summary, problems = checks.check_embed(checked.context)
    assert problems == []
    assert summary.startswith("4 embed pages, the heaviest ")


def test_a_page_over_budget_is_named_with_its_weight(checked, monkeypatch):
    monkeypatch.setattr(embed, "BUDGET", 1024)
    _, problems = checks.check_embed(checked.context)
    assert len(problems) == 4
    assert problems[0].startswith("public/embed/index.html: ")
    assert problems[0].endswith(" KB gzipped with its scripts and stylesheets; the budget is 1.0 KB")


def test_a_missing_script_is_a_problem():
    pages = {"embed/index.html": b'<html><head><script src="../assets/x.js"></script></head></html>', "assets/x.js": None}
    weights, problems = embed.over_budget(["embed/index.html"], pages.get)
    assert problems == ["embed/index.html: loads assets/x.js, which is not in the build"]
    assert weights["embed/index.html"] > 0
