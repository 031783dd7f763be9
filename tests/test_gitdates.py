"""Dates from git: an article without `updated:` is dated by its last commit, read in one `git log` pass."""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import run_build, write_site

from lanterne.build import Build
from lanterne.content import gitdates
from lanterne.settings import parse
from lanterne.views import translations

C = gitdates.COMMIT

# Columns: `git log -z --name-status` output (newest commit first), the date of each file.
LOGS = [
    pytest.param(
        f"{C}2024-09-13T10:00:00+02:00\0\nM\0a.md\0\0{C}2024-01-02T10:00:00+01:00\0\nA\0a.md\0A\0b.md\0",
        {"a.md": date(2024, 9, 13), "b.md": date(2024, 1, 2)},
        id="newest-commit-wins",
    ),
    pytest.param(f"{C}2024-09-13T23:30:00-07:00\0\nA\0a.md\0", {"a.md": date(2024, 9, 13)}, id="the-author's-own-day"),
    pytest.param(
        f"{C}2024-09-13T10:00:00+00:00\0\nR100\0old.md\0new.md\0\0{C}2024-01-02T10:00:00+00:00\0\nA\0old.md\0",
        {"new.md": date(2024, 1, 2)},
        id="a-move-is-no-update",
    ),
    pytest.param(
        f"{C}2024-09-13T10:00:00+00:00\0\nR087\0old.md\0new.md\0\0{C}2024-01-02T10:00:00+00:00\0\nA\0old.md\0",
        {"new.md": date(2024, 9, 13), "old.md": date(2024, 1, 2)},
        id="moved-and-changed",
    ),
    pytest.param(
        f"{C}2024-09-13T10:00:00+00:00\0\nR100\0b.md\0c.md\0\0{C}2024-05-01T10:00:00+00:00\0\nR100\0a.md\0b.md\0\0{C}2024-03-01T10:00:00+00:00\0\nM\0a.md\0\0{C}2024-01-01T10:00:00+00:00\0\nA\0a.md\0",
        {"c.md": date(2024, 3, 1), "a.md": date(2024, 1, 1)},
        id="two-moves",
    ),
    pytest.param(f"{C}2024-09-13T10:00:00+00:00\0\nA\0dir/é è.md\0", {"dir/é è.md": date(2024, 9, 13)}, id="names-as-they-are"),
    pytest.param("", {}, id="no-commit"),
]


@pytest.mark.parametrize(("output", "expected"), LOGS)
def test_the_log_gives_each_file_the_date_of_its_last_change(output, expected):
    assert gitdates.parse_log(output) == expected


def test_the_status_lists_changed_and_new_files_under_docs():
    output = " M site/docs/a.md\0?? site/docs/new.md\0R  site/docs/moved.md\0site/docs/was.md\0 M README.md\0"
    assert gitdates.parse_status(output, "site/docs/") == {"a.md", "new.md", "moved.md"}


def test_git_is_asked_three_times_whatever_the_number_of_files(tmp_path):
    calls = []

    def git(arguments, cwd):
        calls.append(arguments[0])
        return {"rev-parse": "false\n\n", "log": f"{C}2024-09-13T10:00:00+00:00\0\nA\0a.md\0A\0b.md\0", "status": ""}[arguments[0]]

    dates = gitdates.FileDates(tmp_path, git=git)
    assert [dates(path).source for path in ("a.md", "b.md", "c.md")] == ["git", "git", "mtime"]
    assert calls == ["rev-parse", "log", "status"]


def test_without_an_article_to_date_git_is_not_asked(tmp_path):
    dates = gitdates.FileDates(tmp_path, git=lambda arguments, cwd: pytest.fail("git was asked"))
    assert dates.notes() == []


# A help centre whose articles leave their dates to git.
FILES = {
    "factures/envoyer.md": "---\ntitle: Envoyer une facture\nauthor: sophie\n---\n\nCorps.\n",
    "factures/envoyer.en.md": "---\ntitle: Send an invoice\n---\n\nBody.\n",
    "factures/relancer.md": "---\ntitle: Relancer\nauthor: lea\nupdated: 2023-05-04\nreview_every: 6m\n---\n\nTexte.\n",
}


def git(root: Path, *arguments: str, when: str = "2024-01-02T10:00:00+01:00") -> str:
    """Run git in the site's folder as a fixed author, at a fixed date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main")
    return subprocess.run(["git", *identity, *arguments], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def commit(root: Path, when: str, message: str = "Update") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path) -> Path:
    """The help centre in a git repository: everything committed on 2 January 2024, the English variant again in March."""
    root = tmp_path / "site"
    root.mkdir()
    write_site(root, FILES)
    git(root, "init", "-q")
    commit(root, "2024-01-02T10:00:00+01:00", "First")
    (root / "docs/factures/envoyer.en.md").write_text("---\ntitle: Send an invoice\n---\n\nBetter body.\n", encoding="utf-8")
    commit(root, "2024-03-05T09:00:00+01:00", "Translate")
    return root


def updated(built, url: str) -> str:
    """The date an article page shows, as its <time> element carries it."""
    return built.html(url).select_one(".lt-updated time")["datetime"]


def test_an_article_without_updated_shows_its_last_commit_date(repo):
    built = run_build(repo / "mkdocs.yml")
    assert built.ok, built.errors()
    assert (updated(built, "factures/envoyer/"), updated(built, "en/factures/envoyer/")) == ("2024-01-02", "2024-03-05")
    assert updated(built, "factures/relancer/") == "2023-05-04"  # updated: in the front matter wins
    assert built.html("factures/envoyer/").select_one(".lt-updated time").get_text(strip=True) == "2 janvier 2024"
    assert not [m for m in built.messages if "Lanterne: " in m and "article(s)" in m]


def read(root: Path, today: date | None = None) -> Build:
    """Load the site's content through the engine's core, with its dates from git."""
    build = Build(site=parse({"languages": ["fr", "en"], "audience": "internal"}, site_url=None, theme_language="fr"), site_name="Aide")
    docs = root / "docs"
    texts = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    authors = (docs / ".authors.yml").read_text(encoding="utf-8")
    dates = gitdates.FileDates(docs)
    build.read(texts, authors_text=authors, asset_exists=lambda p: True, icon_exists=lambda n: True, file_dates=dates, today=today)
    return build


def test_the_model_says_where_each_date_comes_from_and_when_review_is_due(repo):
    centre = read(repo, today=date(2023, 11, 5)).centre
    dated = {a.src_path: (a.updated, a.updated_from) for a in centre.articles.values()}
    assert dated == {
        "factures/envoyer.md": (date(2024, 1, 2), "git"),
        "factures/envoyer.en.md": (date(2024, 3, 5), "git"),
        "factures/relancer.md": (date(2023, 5, 4), "front matter"),
    }
    relancer = centre.articles[("factures/relancer", "fr")]
    assert (relancer.review_by, relancer.overdue(centre.today)) == (date(2023, 11, 4), True)


def test_a_translation_is_outdated_by_its_commit_dates(repo):
    assert [len(entry.outdated) for entry in translations.missing_translations(read(repo).centre)] == [0]
    (repo / "docs/factures/envoyer.md").write_text("---\ntitle: Envoyer une facture\nauthor: sophie\n---\n\nNouveau.\n", encoding="utf-8")
    commit(repo, "2024-04-01T09:00:00+02:00")
    [english] = translations.missing_translations(read(repo).centre)
    assert [(source.updated, variant.updated) for source, variant in english.outdated] == [(date(2024, 4, 1), date(2024, 3, 5))]


def test_moving_an_article_keeps_its_date(repo):
    (repo / "docs/devis").mkdir()
    (repo / "docs/devis/index.md").write_text("---\ntitle: Devis\n---\n", encoding="utf-8")
    git(repo, "mv", "docs/factures/envoyer.md", "docs/devis/envoyer.md")
    commit(repo, "2024-06-01T09:00:00+02:00", "Move")
    assert read(repo).centre.articles[("devis/envoyer", "fr")].updated == date(2024, 1, 2)


def test_an_uncommitted_article_is_dated_by_its_file_and_does_not_fail_a_strict_build(repo, caplog):
    new = repo / "docs/factures/nouveau.md"
    new.write_text("---\ntitle: Nouveau\nauthor: lea\n---\n\nTexte.\n", encoding="utf-8")
    os.utime(new, (1_725_000_000, 1_725_000_000))  # 30 August 2024
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        built = run_build(repo / "mkdocs.yml")
    assert built.ok, built.errors()
    assert updated(built, "factures/nouveau/") == date.fromtimestamp(1_725_000_000).isoformat()
    notes = [m for m in built.messages if "not committed" in m]
    assert notes == [
        "INFO: Lanterne: 1 article(s) not committed yet show their file's modification time until they are: docs/factures/nouveau.md"
    ]


def test_outside_a_checkout_the_build_warns_once_and_fails_strict(tmp_path):
    config = write_site(tmp_path, FILES)
    for path in ("factures/envoyer.md", "factures/envoyer.en.md"):
        os.utime(tmp_path / "docs" / path, (1_725_000_000, 1_725_000_000))
    built = run_build(config)
    assert not built.ok
    assert built.errors() == [
        "Lanterne: docs/ is not in a git checkout, so 2 article(s) without updated: show their file's modification time: "
        "docs/factures/envoyer.en.md, docs/factures/envoyer.md; build from a git checkout, or give them an updated: date"
    ]
    assert updated(run_build(config, strict=False), "factures/envoyer/") == date.fromtimestamp(1_725_000_000).isoformat()


def test_a_shallow_clone_is_named(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    built = run_build(clone / "mkdocs.yml")
    assert not built.ok
    assert [m for m in built.errors() if "shallow" in m] == [
        "Lanterne: the git checkout is shallow, so articles without updated: show at the oldest the date of its oldest commit; "
        "fetch the whole history (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
    ]


def test_what_git_says_when_it_refuses_a_checkout_is_passed_on(tmp_path):
    def git(arguments, cwd):
        raise subprocess.CalledProcessError(128, "git", stderr=b"fatal: detected dubious ownership in repository at '/srv/aide'\n")

    dates = gitdates.FileDates(tmp_path / "docs", git=git)
    assert dates("a.md").source == "mtime"
    assert dates.notes() == [
        (
            logging.WARNING,
            "Lanterne: git cannot read docs/ (detected dubious ownership in repository at '/srv/aide'), so 1 article(s) without "
            "updated: show their file's modification time: docs/a.md; build from a git checkout, or give them an updated: date",
        )
    ]
