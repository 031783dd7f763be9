"""The store's schema (SQLite and PostgreSQL), the manifests the service reads, and the report, worst article first."""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT, loopback_socket
from feedback_stores import Database
from postgres import fresh_schema

from lanterne.feedback import report
from lanterne.feedback.manifest import Manifests
from lanterne.feedback.rules import Vote
from lanterne.feedback.store.migrations import SCHEMA_VERSION
from lanterne.feedback.store.opener import open_store


def _vote(article: str, visitor: str, reaction: str, lang: str = "fr", reasons: tuple[str, ...] = (), comment: str = "") -> Vote:
    return Vote(article, lang, "public", reaction, f"https://aide.example/{article}/", visitor, reasons, comment)


VOTES = [
    _vote("factures/envoyer", "v1", "happy"),
    _vote("factures/envoyer", "v2", "happy"),
    _vote("factures/envoyer", "v3", "neutral", reasons=("unclear",)),
    _vote("devis/creer", "v1", "sad", reasons=("unanswered", "incorrect"), comment="Le bouton a changé de place."),
    _vote("devis/creer", "v2", "neutral", reasons=("unanswered",), comment="Et pour un acompte ?"),
    _vote("devis/creer", "v3", "happy", lang="en"),
]


@pytest.fixture
def database(tmp_path, feedback_store) -> Database:
    """An empty database on each store."""
    return feedback_store.database(tmp_path)


def _store(database: Database):
    store = open_store(database.location)
    for vote in VOTES:
        store.save(vote)
    return store


def test_the_database_is_in_wal_mode_with_a_versioned_schema(tmp_path):
    _store(Database(str(tmp_path / "feedback.sqlite3"))).close()
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    reopened = open_store(tmp_path / "feedback.sqlite3")
    assert len(list(reopened.reactions())) == len(VOTES)
    reopened.close()


def test_postgresql_records_the_schema_version_and_several_stores_share_one_database(postgres):
    dsn = fresh_schema(postgres)
    first, second = _store(Database(dsn)), open_store(dsn)  # a second worker, opening a database already migrated
    assert Database(dsn).rows("SELECT version FROM lanterne_schema") == [(SCHEMA_VERSION,)]
    assert second.save(VOTES[0]) is True
    assert sorted(s.revisions for s in first.reactions()) == [1, 1, 1, 1, 1, 2]
    first.close()
    second.close()


def test_the_report_puts_the_worst_article_first(database):
    store = _store(database)
    lines = report.summarize(store.reactions(), titles={("devis/creer", "fr"): "Créer un devis"})
    store.close()
    assert [(line.article, line.lang, line.votes, line.score) for line in lines] == [
        ("devis/creer", "fr", 2, 25),
        ("factures/envoyer", "fr", 3, 83),
        ("devis/creer", "en", 1, 100),
    ]
    worst = lines[0]
    assert (worst.title, worst.sad, worst.neutral, worst.happy) == ("Créer un devis", 1, 1, 0)
    assert worst.reasons == {"unanswered": 2, "incorrect": 1}
    assert [comment["text"] for comment in worst.comments] == ["Et pour un acompte ?", "Le bouton a changé de place."]


def test_the_report_prints_as_a_table_csv_and_json(database):
    store = _store(database)
    lines = report.summarize(store.reactions(), comments=1)
    store.close()
    table = report.as_table(lines).splitlines()
    assert table[0].split() == ["score", "votes", "sad", "neutral", "happy", "views", "contact", "lang", "article", "reasons"]
    assert table[1].split()[:9] == ["25", "2", "1", "1", "0", "0", "0", "fr", "devis/creer"]
    rows = list(csv.DictReader(io.StringIO(report.as_csv(lines))))
    assert (rows[0]["article"], rows[0]["score"], rows[0]["reason:unanswered"], rows[0]["latest_comments"]) == (
        "devis/creer",
        "25",
        "2",
        "Et pour un acompte ?",
    )
    data = json.loads(report.as_json(lines))
    assert [(a["article"], a["lang"]) for a in data["articles"]] == [
        ("devis/creer", "fr"),
        ("factures/envoyer", "fr"),
        ("devis/creer", "en"),
    ]


def test_the_report_command_reads_the_database(database):
    _store(database).close()
    command = [sys.executable, "-m", "lanterne.feedback", "report", "--database", database.location, "--format", "json"]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert json.loads(output)["articles"][0]["article"] == "devis/creer"


def test_a_manifest_being_rewritten_keeps_its_last_version(tmp_path):
    path = tmp_path / "feedback-manifest.json"
    data = {"format": 1, "audience": "public", "site_url": "https://aide.example/", "articles": [{"id": "a", "lang": "fr"}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    manifests = Manifests([str(path)])
    manifests.load()
    path.unlink()  # the build is cleaning the site directory
    manifests.load()
    assert manifests.loaded
    assert manifests.is_published("public", "a", "fr")
    assert manifests.published.origins == {"https://aide.example"}


def test_a_page_server_still_starting_is_no_warning_at_the_services_start(caplog):
    # `make serve` starts the service beside the preview, which listens once its first build is done (issue 22.15).
    with loopback_socket() as closed:
        url = "http://{}:{}/lanterne/feedback-manifest.json".format(*closed.getsockname())
    manifests = Manifests([url])
    with caplog.at_level(logging.INFO, logger="lanterne.feedback"):
        manifests.load(starting=True)
        assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
            (
                logging.INFO,
                f"feedback manifest {url} cannot be read (<urlopen error [Errno 111] Connection refused>); "
                "its articles are refused until it can",
            )
        ]
        caplog.clear()
        manifests.load()  # a vote came in: now the operator must hear of it
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert not manifests.loaded
