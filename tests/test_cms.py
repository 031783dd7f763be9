"""`lanterne cms`: the editor's configuration is generated from the site and the front-matter schema, never written by hand."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, run_build, write_site

from lanterne.cli import main
from lanterne.content import periods, schema

NODE_MODULES = ROOT / "node_modules"
FILES = {
    "factures/envoi/index.md": "---\ntitle: Envoi\norder: 2\n---\n",
    "factures/envoi/relancer.md": "---\ntitle: Relancer un client\nauthor: lea\nupdated: 2024-09-13\n---\n\nCorps.\n",
}


def _internal(tmp_path, extra: dict | None = None):
    """Write the fixture site and its internal configuration; build the internal site."""
    write_site(tmp_path, FILES)
    internal = {"INHERIT": "mkdocs.yml", "site_dir": "site-internal", "extra": {"lanterne": {"audience": "internal", **(extra or {})}}}
    (tmp_path / "mkdocs.internal.yml").write_text(yaml.safe_dump(internal), encoding="utf-8")
    assert run_build(tmp_path / "mkdocs.internal.yml").ok
    return tmp_path / "mkdocs.internal.yml"


def _generate(config, *options: str) -> int:
    return main(["cms", "-f", str(config), "--node-modules", str(NODE_MODULES), *options])


def test_one_entry_list_per_collection_and_sub_collection_with_the_schema_rules(tmp_path):
    assert _generate(_internal(tmp_path), "--local-proxy", "http://127.0.0.1:8081/api/v1") == 0
    config = yaml.safe_load((tmp_path / "site-internal/admin/config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "fr"
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["fr", "en"], "default_locale": "fr"}
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    lists = {c["name"]: c for c in config["collections"]}
    assert [(c["label"], c["folder"]) for c in config["collections"]] == [
        ("Factures", "docs/factures"),
        ("Factures \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} Envoi", "docs/factures/envoi"),
    ]
    fields = {field["name"]: field for field in lists["factures"]["fields"]}
    assert fields["title"]["required"] is True and fields["title"]["pattern"][0] == f"^[\\s\\S]{{0,{schema.MAX_TITLE}}}$"
    assert fields["description"]["required"] is False
    assert fields["author"]["options"] == [{"label": "Sophie Martin", "value": "sophie"}, {"label": "Léa Dubois", "value": "lea"}]
    assert [o["value"] for o in fields["audience"]["options"]] == ["public", "internal"]
    assert fields["tags"]["max"] == schema.MAX_TAGS and fields["tags"]["field"]["pattern"][0] == f"^[\\s\\S]{{0,{schema.MAX_WORD}}}$"
    assert fields["review_every"]["pattern"][0] == periods._PERIOD.pattern
    assert [o["value"] for o in fields["related"]["options"]] == ["factures/envoyer.md", "factures/envoi/relancer.md"]
    # A translation writes what it translates; the author and the rest come from its source.
    assert {name for name, field in fields.items() if field["i18n"] is True} == {"title", "description", "tags", "keywords", "body"}


def test_the_editor_page_has_its_own_policy_and_loads_nothing_from_elsewhere(tmp_path):
    assert _generate(_internal(tmp_path), "--local-proxy", "http://127.0.0.1:8081/api/v1") == 0
    page = BeautifulSoup((tmp_path / "site-internal/admin/index.html").read_text(encoding="utf-8"), "html.parser")
    policy = dict(rule.split(" ", 1) for rule in page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].split("; "))
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'self' 'unsafe-eval'"
    assert policy["connect-src"] == "'self' blob: http://127.0.0.1:8081"
    assert [script["src"] for script in page.find_all("script")] == ["lanterne-shared.js", "lanterne-cms.js"]
    assert (tmp_path / "site-internal/admin/lanterne-shared.js").is_file()
    assert (tmp_path / "site-internal/admin/decap-cms.js").is_file()


def test_the_git_host_comes_from_the_settings_with_the_editorial_workflow(tmp_path):
    editor = {"repo": "support/aide", "base_url": "https://git.example", "api_root": "https://git.example/api/v4"}
    config_file = _internal(tmp_path, {"editor": {"backend": "gitlab", **editor, "auth_type": "pkce", "app_id": "abc"}})
    assert _generate(config_file) == 0
    config = yaml.safe_load((tmp_path / "site-internal/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {**editor, "branch": "main", "auth_type": "pkce", "app_id": "abc", "name": "gitlab"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "https://git.example" in (tmp_path / "site-internal/admin/index.html").read_text(encoding="utf-8")
    # The public build shares the settings but never gets the editor.
    assert run_build(tmp_path / "mkdocs.yml").ok
    assert not (tmp_path / "site/admin").exists()


def test_the_public_build_is_refused(tmp_path, capsys):
    _internal(tmp_path)
    assert run_build(tmp_path / "mkdocs.yml").ok
    assert _generate(tmp_path / "mkdocs.yml", "--local-proxy", "http://127.0.0.1:8081/api/v1", "--site-dir", str(tmp_path / "site")) == 2
    assert "builds the public help centre; the editor is only served by the internal build" in capsys.readouterr().err
    assert not (tmp_path / "site/admin").exists()


def test_a_wrong_git_host_setting_is_one_clear_line(tmp_path, capsys):
    assert _generate(_internal(tmp_path, {"editor": {"backend": "svn", "repo": "a/b"}})) == 2
    err = capsys.readouterr().err
    assert err.startswith("lanterne cms: mkdocs.yml: extra.lanterne.editor.backend: ") and "Traceback" not in err
