"""`lanterne import intercom`: an Intercom Help Center (its real interblocks markup) becomes a site that builds strict, with its
collections nested as Lanterne allows, translated_content as translations, admins as authors and every old URL redirecting."""

from __future__ import annotations

import pytest
from import_server import INTERCOM_ROUTES, build, copy_fixture, html, import_into, old_site, redirect_target, site_fixture, tree

from lanterne.importer import fetch

__all__ = ["site_fixture"]  # the fixture `site`: a new English and French help centre


@pytest.fixture
def intercom(tmp_path):
    """The Intercom fixture served by a local stand-in for the help centre and api.intercom.io."""
    folder = tmp_path / "export"
    with old_site(folder, INTERCOM_ROUTES) as served:
        copy_fixture("intercom", folder, served.origin)
        yield served


def test_an_intercom_export_builds_strict_with_its_markup_mapped(site, intercom, capsys):
    assert import_into(site, "intercom", str(intercom.folder)) == 0
    out = capsys.readouterr().out
    assert "4 articles (0 internal), 2 translations" in out
    assert "'Slack Enterprise Grid' is nested inside 'Slack'" in out and "'Roadmap' is a draft in Intercom" in out
    assert "docs/getting-started-2/welcome-to-acme.md: dropped <form>" in out
    public = build(site)
    build(site, "mkdocs.internal.yml")
    page = html(public, "getting-started-2/welcome-to-acme")
    body = page.select_one("article")
    assert page.h1.get_text(strip=True) == "Welcome to Acme" and len(page.find_all("h1")) == 1
    # Intercom's large heading is an h1: every heading moves down one level, under the title.
    assert [h.get_text(strip=True).rstrip("¶") for h in body.select("h2")][:1] == ["Before you start"]
    assert [h.get_text(strip=True).rstrip("¶") for h in body.select("h3")] == ["Watch the tour"]
    assert [li.get_text(" ", strip=True) for li in body.select("ol > li > ul > li")] == ["your name", "your company"]
    assert [a.get_text(" ", strip=True) for a in body.select(".admonition")] == [
        "Heads up: trial accounts expire after 14 days.",
        "You can invite your team later.",
    ]
    assert [a["class"][1] for a in body.select(".admonition")] == ["warning", "note"]
    image = body.find("img", alt="The welcome screen")
    assert image.parent.name != "a" and (public / "getting-started-2/welcome-to-acme" / image["src"]).resolve().is_file()
    assert body.find("a", string="▶ Acme tour")["href"] == "https://www.loom.com/share/0281766fa2d04bb788eaf19e65135184"
    assert body.find("a", string="the Slack guide")["href"] == "../../integrations/slack/connect-slack/"
    assert body.select_one("pre code").get_text() == "curl https://api.acme.example/v1/me\n"
    assert [td.get_text(strip=True) for td in body.select("table td")] == ["Starter", "3"]
    assert body.find("a", string="Start your trial")["href"] == "https://app.acme.example/signup"
    assert not body.find_all("form", action="https://evil.example/") and not body.find_all("input", attrs={"name": "card"})
    assert "Ciaran Lee" in page.get_text()
    french = html(public, "fr/getting-started-2/welcome-to-acme")
    assert french.h1.get_text(strip=True) == "Bienvenue chez Acme"
    # A translation saved as a draft in Intercom is not published.
    assert not (public / "fr/getting-started-2/invite-your-team").exists() and (public / "getting-started-2/invite-your-team").is_dir()
    # The deepest collection is folded into its parent.
    assert (public / "integrations/slack/grid-workspaces/index.html").is_file()
    assert "icon: material/book-open-variant" in (site / "docs/getting-started-2/index.md").read_text()
    expected = {
        "en/articles/8001-welcome-to-acme": "/getting-started-2/welcome-to-acme/",
        "en/articles/8001": "/getting-started-2/welcome-to-acme/",
        "fr/articles/8001-bienvenue-chez-acme": "/fr/getting-started-2/welcome-to-acme/",
        "en/collections/6871121-slack": "/integrations/slack/",
        "en/collections/6871122-slack-enterprise-grid": "/integrations/slack/",
        "fr/collections/6871120": "/fr/integrations/",
    }
    for old, target in expected.items():
        assert redirect_target(public, old) == target, old
    assert (site / "docs/assets/authors/ciaran-lee.jpg").is_file()


def test_the_intercom_api_is_paged_with_the_bearer_token_and_its_version(site, intercom, monkeypatch, tmp_path):
    monkeypatch.setenv(fetch.TOKEN_VARIABLE, "dG9rZW4=")
    assert import_into(site, "intercom", intercom.origin, "--save", str(tmp_path / "saved")) == 0
    assert "Bearer dG9rZW4=" in intercom.authorizations
    assert "/articles?page=2&per_page=3" in intercom.requests
    assert set(tree(tmp_path / "saved")) == {"admins.json", "articles.json", "articles-2.json", "collections.json"}


def test_an_article_in_a_collection_the_export_lacks_is_refused(site, intercom, capsys):
    collections = intercom.folder / "collections.json"
    collections.write_text(collections.read_text().replace('"id": "6871122"', '"id": "6871199"'))
    before = tree(site)
    assert import_into(site, "intercom", str(intercom.folder)) == 1
    err = capsys.readouterr().err
    assert "articles.json: article 8004 'Grid workspaces' is in collection 6871122, which collections.json does not have" in err
    assert tree(site) == before
