"""`lanterne import zendesk`: a Zendesk Guide export (saved or fetched) becomes a site that builds strict, keeps its old URLs,
its languages, authors, images and audiences, and imports again without touching what the site changed."""

from __future__ import annotations

import json

import pytest
from import_server import ZENDESK_ROUTES, build, copy_fixture, html, import_into, old_site, redirect_target, site_fixture, tree

from lanterne.cli import main
from lanterne.importer import fetch

__all__ = ["site_fixture"]  # the fixture `site`: a new English and French help centre
ARTICLES = "hc/en-us/articles"


@pytest.fixture
def zendesk(tmp_path):
    """The Zendesk fixture served by a local stand-in for acme.zendesk.com."""
    folder = tmp_path / "export"
    with old_site(folder, ZENDESK_ROUTES) as served:
        copy_fixture("zendesk", folder, served.origin)
        yield served


def test_a_saved_export_builds_strict_with_pages_translations_authors_images_and_old_urls(site, zendesk, capsys):
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    out = capsys.readouterr().out
    assert "5 articles (2 internal), 3 translations" in out
    public, internal = build(site), build(site, "mkdocs.internal.yml")
    article = html(public, "billing/invoices/send-an-invoice")
    assert article.h1.get_text(strip=True) == "Send an invoice"
    assert [h.get_text(strip=True).rstrip("¶") for h in article.select("article h2")][:1] == ["Steps"]
    assert len(article.find_all("h1")) == 1
    body = article.select_one("article")
    image = body.find("img", alt="The Send button")
    assert (public / "billing/invoices/send-an-invoice" / image["src"]).resolve().read_bytes().startswith(b"\x89PNG")
    template = body.find("a", string="invoice template")
    assert (public / "billing/invoices/send-an-invoice" / template["href"]).resolve().read_bytes().startswith(b"%PDF")
    assert body.find("a", string="this article")["href"] == "../customer-did-not-receive-the-invoice/"
    assert body.find("a", string="signing in")["href"] == "../../../account/signing-in/sign-in-with-google/"
    assert body.select_one(".admonition.warning").get_text(" ", strip=True) == "Sent invoices cannot be edited."
    assert body.find("a", href="https://www.youtube.com/watch?v=dQw4w9WgXcQ") is not None
    assert not body.find_all("iframe") and not [s for s in body.find_all("script") if not s.get("src")]
    assert not body.find(attrs={"onclick": True})
    assert "Type <script> safely." in body.get_text()
    assert html(public, "billing/invoices/customer-did-not-receive-the-invoice").select_one("article pre").get_text() == (
        "From: billing@acme.example\n"
    )
    assert [td.get_text() for td in body.select("table td")][:2] == ["Free | trial", "10"]
    french = html(public, "fr/billing/invoices/send-an-invoice")
    assert french.h1.get_text(strip=True) == "Envoyer une facture"
    assert "Sophie Martin" in article.get_text()
    authors = (site / "docs/.authors.yml").read_text()
    assert "sophie-martin" in authors and (site / "docs/assets/authors/sophie-martin.png").read_bytes().startswith(b"\x89PNG")
    assert {a.get_text(strip=True) for a in article.select("a[href*='tags/']")} >= {"email", "2024"}
    # Who may see what: agents only and signed-in customers are internal, in the internal build only.
    for path in ("account/signing-in/reset-a-customer-password-agents", "billing/invoices/enterprise-invoicing"):
        assert not (public / path).exists() and (internal / path / "index.html").is_file()
    assert "Enterprise customers" in out and "never public" in out
    assert not (public / "billing/invoices/upcoming-pricing").exists() and "is a draft in Zendesk" in out
    # Every old URL redirects, with and without its slug, in each language; a nested section to its parent.
    expected = {
        f"{ARTICLES}/360000000101-Send-an-invoice": "/billing/invoices/send-an-invoice/",
        f"{ARTICLES}/360000000101": "/billing/invoices/send-an-invoice/",
        "hc/fr/articles/360000000101-Envoyer-une-facture": "/fr/billing/invoices/send-an-invoice/",
        "hc/fr/articles/360000000102-Le-client-n-a-pas-reçu-la-facture": "/fr/billing/invoices/customer-did-not-receive-the-invoice/",
        "hc/en-us/categories/360000000001-Billing": "/billing/",
        "hc/en-us/sections/360000000012-Reminders": "/billing/invoices/",
    }
    for old, target in expected.items():
        assert redirect_target(public, old) == target, old
    assert not (public / f"{ARTICLES}/360000000104").exists()
    assert redirect_target(internal, f"{ARTICLES}/360000000104") == "/account/signing-in/reset-a-customer-password-agents/"


def test_an_outdated_translation_is_outdated_in_translation_health(site, zendesk):
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    source = (site / "docs/billing/invoices/customer-did-not-receive-the-invoice.md").read_text()
    french = (site / "docs/billing/invoices/customer-did-not-receive-the-invoice.fr.md").read_text()
    up_to_date = (site / "docs/billing/invoices/send-an-invoice.fr.md").read_text()
    # Outdated in Zendesk: dated before its source, so Lanterne lists it; up to date: dated as its source at least.
    assert "updated: 2024-03-01" in source and "updated: 2024-01-15" in french
    assert "updated: 2024-03-02" in up_to_date


def test_the_same_export_twice_changes_nothing_and_a_newer_one_leaves_site_edits_alone(site, zendesk, capsys):
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    first = tree(site)
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    assert "0 written" in capsys.readouterr().out
    assert tree(site) == first
    edited = site / "docs/account/signing-in/sign-in-with-google.md"
    edited.write_text(edited.read_text().replace("Click", "Tap"), encoding="utf-8")
    articles = zendesk.folder / "articles.json"
    articles.write_text(articles.read_text().replace("Check the spam folder first.", "Check the spam folder, then the filters."))
    translations = zendesk.folder / "articles/360000000103/translations.json"
    translations.write_text(translations.read_text().replace("Sign in with Google", "Sign in with Google Workspace", 1))
    translations = zendesk.folder / "articles/360000000102/translations.json"
    translations.write_text(translations.read_text().replace("Check the spam folder first.", "Check the spam folder, then the filters."))
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    out = capsys.readouterr().out
    assert "left alone, edited in the site since the last import: docs/account/signing-in/sign-in-with-google.md" in out
    assert "Tap" in edited.read_text()
    assert "then the filters" in (site / "docs/billing/invoices/customer-did-not-receive-the-invoice.md").read_text()
    state = json.loads((site / ".lanterne-import.json").read_text())
    assert state["tools"]["zendesk"]["paths"]["article:360000000101"] == "billing/invoices/send-an-invoice"
    assert state["tools"]["zendesk"]["source_ids"]["billing/invoices/send-an-invoice"] == "360000000101"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda f: (f / "articles-2.json").write_text('{"articles": [{"id": 1,'), "articles-2.json:1: not valid JSON"),
        (lambda f: (f / "articles-2.json").unlink(), "articles-2.json: missing; articles.json says another page follows"),
        (
            lambda f: (f / "sections.json").write_text((f / "sections.json").read_text().replace("360000000013", "360000000099")),
            "article 360000000103 'Sign in with Google' is in section 360000000013, which sections.json does not have",
        ),
        (lambda f: (f / "user_segments.json").write_text("[]"), "user_segments.json: no 'user_segments' list of objects"),
    ],
)
def test_a_broken_export_is_refused_with_the_file_and_nothing_is_written(site, zendesk, capsys, damage, message):
    damage(zendesk.folder)
    before = tree(site)
    assert import_into(site, "zendesk", str(zendesk.folder)) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err and "Traceback" not in err
    assert tree(site) == before


def test_a_language_the_site_lacks_stops_the_import_with_the_setting_to_add(tmp_path, zendesk, capsys):
    folder = tmp_path / "english"
    assert main(["new", str(folder), "--languages", "en"]) == 0
    assert import_into(folder, "zendesk", str(zendesk.folder)) == 1
    err = capsys.readouterr().err
    assert "the export is written in languages the site does not have: fr (" in err
    assert "extra.lanterne.languages: [en, fr]" in err and "--skip-language fr" in err
    assert import_into(folder, "zendesk", str(zendesk.folder), "--skip-language", "fr") == 0


def test_an_image_that_cannot_be_fetched_names_the_article_and_the_url(site, zendesk, capsys):
    zendesk.fault = lambda path: 404 if path.endswith("send-button.png") else None
    assert import_into(site, "zendesk", str(zendesk.folder)) == 1
    err = capsys.readouterr().err
    assert "docs/billing/invoices/send-an-invoice" in err and "send-button.png: 404" in err and "--keep-remote-images" in err
    assert import_into(site, "zendesk", str(zendesk.folder), "--keep-remote-images") == 0
    text = (site / "docs/billing/invoices/send-an-invoice.md").read_text()
    assert f"{zendesk.origin}/hc/article_attachments/360100000001/send-button.png" in text


def test_the_api_is_paged_through_with_the_token_and_saved_as_a_folder_that_imports_the_same(site, zendesk, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(fetch.TOKEN_VARIABLE, "agent@acme.example/token:abc123")
    saved = tmp_path / "saved"
    assert import_into(site, "zendesk", zendesk.origin, "--save", str(saved)) == 0
    assert "Basic YWdlbnRAYWNtZS5leGFtcGxlL3Rva2VuOmFiYzEyMw==" in zendesk.authorizations
    assert "/api/v2/help_center/categories.json?page=2&per_page=1" in zendesk.requests
    fetched = tree(site / "docs")
    assert {path for path in tree(saved)} == {path for path in tree(zendesk.folder)}
    other = tmp_path / "other"
    assert main(["new", str(other), "--languages", "en,fr", "--site-url", "https://help.example.com/"]) == 0
    assert import_into(other, "zendesk", str(saved)) == 0
    assert tree(other / "docs") == fetched


def test_a_429_is_waited_out_and_a_401_names_the_url_and_the_variable(site, zendesk, monkeypatch, capsys):
    monkeypatch.setenv(fetch.TOKEN_VARIABLE, "oauth-token")
    asked: list[str] = []

    def once(path: str) -> int | None:
        if path.startswith("/api/v2/help_center/sections.json") and path not in asked:
            asked.append(path)
            return 429
        return None

    zendesk.fault = once
    assert import_into(site, "zendesk", zendesk.origin) == 0
    assert "Bearer oauth-token" in zendesk.authorizations
    zendesk.fault = lambda path: 401 if "user_segments" in path else None
    before = tree(site)
    assert import_into(site, "zendesk", zendesk.origin) == 1
    err = capsys.readouterr().err
    assert f"{zendesk.origin}/api/v2/help_center/user_segments.json?per_page=100: 401" in err
    assert "LANTERNE_IMPORT_TOKEN" in err and tree(site) == before
    zendesk.fault = lambda path: 429 if "users.json" in path else None
    assert import_into(site, "zendesk", zendesk.origin) == 1
    assert "429" in capsys.readouterr().err


def test_a_next_page_on_another_host_never_gets_the_token(site, zendesk, monkeypatch, capsys):
    monkeypatch.setenv(fetch.TOKEN_VARIABLE, "agent@acme.example/token:abc123")
    with old_site(zendesk.folder, ZENDESK_ROUTES) as elsewhere:
        first = zendesk.folder / "categories.json"
        first.write_text(first.read_text().replace(zendesk.origin, elsewhere.origin))
        assert import_into(site, "zendesk", zendesk.origin) == 1
        assert elsewhere.requests == []
    err = capsys.readouterr().err
    assert f"{zendesk.origin}/api/v2/help_center/categories.json?per_page=100: its next page is on another host ({elsewhere.origin}" in err


def test_an_old_address_no_web_server_can_redirect_gets_no_redirect_and_is_said(site, zendesk, capsys):
    translations = zendesk.folder / "articles/360000000103/translations.json"
    text = translations.read_text().replace("360000000103-Sign-in-with-Google", "360000000103-{Sign in}")
    translations.write_text(text)
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    assert "-{Sign in}: not an address a web server can redirect" in capsys.readouterr().out
    assert "{Sign in}" not in (site / "docs/.redirects.yml").read_text()
    build(site)


def test_an_article_longer_than_the_build_allows_is_left_out_and_links_to_it_lead_to_where_it_was(site, zendesk, capsys):
    translations = zendesk.folder / "articles/360000000103/translations.json"
    data = json.loads(translations.read_text())
    data["translations"][0]["body"] = "<p>" + "word " * 50_000 + "</p>"
    translations.write_text(json.dumps(data))
    assert import_into(site, "zendesk", str(zendesk.folder)) == 0
    out = capsys.readouterr().out
    assert "docs/account/signing-in/sign-in-with-google.md: 250,103 characters, above Lanterne's 200,000: not imported" in out
    assert not (site / "docs/account/signing-in/sign-in-with-google.md").exists()
    assert (
        f"[signing in]({zendesk.origin}/hc/en-us/articles/360000000103-Sign-in-with-Google)"
        in (site / "docs/billing/invoices/send-an-invoice.md").read_text()
    )
    build(site)
