"""`lanterne check` end to end, on small sites written to tmp_path: the exit code and what it prints."""

from __future__ import annotations

import re

import pytest
from check.conftest import write_checked_site

from lanterne import cli

BROKEN = '---\ntitle: Relancer\nauthor: lea\nupdated: 2024-09-02\n---\n\nVoir <a href="../absent/">la page absente</a>.\n'


def _check(root, monkeypatch, capsys, *args: str) -> tuple[int, list[str]]:
    """Run `lanterne check --no-browser` in the site's folder; return the exit code and the printed lines, timings blanked."""
    monkeypatch.chdir(root)
    code = cli.main(["check", "--no-browser", *args])
    return code, [re.sub(r"\(\d+\.\d s\)", "(T)", line) for line in capsys.readouterr().out.splitlines()]


def test_a_valid_site_passes_every_check(tmp_path, monkeypatch, capsys):
    code, lines = _check(write_checked_site(tmp_path), monkeypatch, capsys)
    assert code == 0
    assert [line.split()[:2] for line in lines] == [
        ["ok", "validation"],
        ["ok", "links"],
        ["ok", "leaks"],
        ["ok", "embed"],
        ["ok", "api"],
        ["skipped", "accessibility"],
        ["skipped", "search"],
    ]
    assert lines[0].startswith("ok      validation     mkdocs.yml: 17 HTML files; mkdocs.internal.yml: 21 HTML files (T)")
    assert lines[-1] == "skipped search         not run: --no-browser"


def test_a_broken_link_fails_and_names_the_page(tmp_path, monkeypatch, capsys):
    code, lines = _check(write_checked_site(tmp_path, {"factures/relancer.md": BROKEN}), monkeypatch, capsys)
    assert code == 1
    assert lines[1].startswith("FAILED  links          public: ")
    assert lines[2:6] == [
        "    public/embed/factures/relancer/index.html: href='../../../factures/absent/': no file factures/absent/",
        "    public/factures/relancer/index.html: href='../absent/': no file factures/absent/",
        "    internal/embed/factures/relancer/index.html: href='../../../factures/absent/': no file factures/absent/",
        "    internal/factures/relancer/index.html: href='../absent/': no file factures/absent/",
    ]
    assert lines[6].startswith("ok      leaks ")


def test_without_an_internal_config_the_public_build_is_checked_alone(tmp_path, monkeypatch, capsys):
    code, lines = _check(write_checked_site(tmp_path, internal=False), monkeypatch, capsys)
    assert code == 0
    assert lines[0] == "ok      validation     mkdocs.yml: 17 HTML files; no mkdocs.internal.yml: the public build only (T)"


@pytest.mark.parametrize("internal", [True, False], ids=["its-own-internal-config", "none"])
def test_a_site_in_another_folder_is_checked_with_its_own_internal_config(tmp_path, monkeypatch, capsys, internal):
    # The current folder's mkdocs.internal.yml belongs to another site (and would not even load): -f must not pick it up.
    (tmp_path / "mkdocs.internal.yml").write_text("INHERIT: absent.yml\n", encoding="utf-8")
    write_checked_site(tmp_path / "manual", internal=internal)
    code, lines = _check(tmp_path, monkeypatch, capsys, "-f", "manual/mkdocs.yml")
    assert code == 0, lines
    expected = "mkdocs.internal.yml: 21 HTML files" if internal else "no manual/mkdocs.internal.yml: the public build only"
    assert lines[0] == f"ok      validation     mkdocs.yml: 17 HTML files; {expected} (T)"


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "[les relances](absent.md)",
            "contains a link 'absent.md', but the target 'factures/absent.md' is not found among documentation files",
        ),
        (
            "[les relances](envoyer.md#jamais)",
            "contains a link 'envoyer.md#jamais', but the doc 'factures/envoyer.md' does not contain an anchor '#jamais'",
        ),
    ],
)
def test_a_strict_build_failure_is_reported_with_its_messages(tmp_path, monkeypatch, capsys, markdown, message):
    article = f"---\ntitle: Relancer\nauthor: lea\nupdated: 2024-09-02\n---\n\nVoir {markdown}.\n"
    code, lines = _check(write_checked_site(tmp_path, {"factures/relancer.md": article}), monkeypatch, capsys)
    assert code == 1
    assert lines[0].startswith("FAILED  validation     no build passed (T)")
    assert any(line.startswith("    mkdocs.yml: WARNING: ") and message in line for line in lines)
    assert "    mkdocs.yml: ABORTED: Aborted with 1 warnings in strict mode!" in lines
    assert lines[-1] == "skipped search         not run: the build failed"


def test_a_content_error_names_the_file_and_line(tmp_path, monkeypatch, capsys):
    article = "---\ntitle: Relancer\nautor: lea\nupdated: 2024-09-02\n---\n\nTexte.\n"
    code, lines = _check(write_checked_site(tmp_path, {"factures/relancer.md": article}, internal=False), monkeypatch, capsys)
    assert code == 1
    assert any(
        line.startswith("    mkdocs.yml: ERROR: docs/factures/relancer.md:3: autor: unknown key (did you mean 'author'?)") for line in lines
    )
