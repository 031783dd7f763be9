"""`lanterne import helpscout`: Help Scout Docs collections and categories, full articles with their related articles and
keywords, a private collection kept internal, and every old URL (with Help Scout's numbers in links) redirecting."""

from __future__ import annotations

import pytest
from import_server import HELPSCOUT_ROUTES, build, copy_fixture, html, import_into, old_site, redirect_target, site_fixture, tree

from lanterne.importer import fetch

__all__ = ["site_fixture"]  # the fixture `site`: a new English and French help centre


@pytest.fixture
def helpscout(tmp_path):
    """The Help Scout fixture served by a local stand-in for the Docs site, docsapi.helpscout.net and its CDN."""
    folder = tmp_path / "export"
    with old_site(folder, HELPSCOUT_ROUTES) as served:
        copy_fixture("helpscout", folder, served.origin)
        yield served


def test_a_help_scout_export_builds_strict_with_related_keywords_and_a_private_collection_internal(site, helpscout, capsys):
    assert import_into(site, "helpscout", str(helpscout.folder)) == 0
    out = capsys.readouterr().out
    assert "4 articles (1 internal), 0 translations" in out
    assert "collection 'Support playbook' is private in Help Scout" in out
    assert "'Create a project' is also in 'Billing'" in out and "'Close your account' is a draft in Help Scout" in out
    public, internal = build(site), build(site, "mkdocs.internal.yml")
    page = html(public, "using-acme/projects/create-a-project")
    body = page.select_one("article")
    assert body.select_one(".admonition.warning").get_text(strip=True) == "Projects cannot be renamed."
    assert (public / "using-acme/projects/create-a-project" / body.find("img", alt="New project button")["src"]).resolve().is_file()
    assert body.find("a", string="archive it")["href"] == "../archive-a-project/"
    assert body.find("a", string="billing")["href"] == "../../billing/"
    assert "Ana Silva" in page.get_text()
    text = (site / "docs/using-acme/projects/create-a-project.md").read_text()
    assert "related:\n- using-acme/projects/archive-a-project.md\n" in text and "keywords:\n- project\n- '2024'\n" in text
    assert "1 related article(s) not imported" in out
    assert not (public / "support-playbook").exists()
    assert (internal / "support-playbook/refund-a-customer/index.html").is_file()
    for old, target in {
        "article/125-create-a-project": "/using-acme/projects/create-a-project/",
        "article/125": "/using-acme/projects/create-a-project/",
        "collection/1-using-acme": "/using-acme/",
        "category/6-billing": "/using-acme/billing/",
    }.items():
        assert redirect_target(public, old) == target, old
    assert not (public / "article/128-refund-a-customer").exists()
    assert redirect_target(internal, "article/128-refund-a-customer") == "/support-playbook/refund-a-customer/"


def test_the_docs_api_is_read_with_the_key_as_basic_user_and_pages_followed(site, helpscout, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(fetch.TOKEN_VARIABLE, "60783dd23ef")
    saved = tmp_path / "saved"
    assert import_into(site, "helpscout", helpscout.origin, "--save", str(saved)) == 0
    assert "Basic NjA3ODNkZDIzZWY6WA==" in helpscout.authorizations
    assert "/v1/collections?page=2" in helpscout.requests
    assert "no users.json" in capsys.readouterr().out
    assert set(tree(saved)) == set(tree(helpscout.folder)) - {"users.json"}
