"""Export and import: every vote and search as JSON lines, from either store into either store, nothing lost or changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from feedback_stores import Database
from postgres import fresh_schema

from lanterne.feedback.rules import SearchMiss, Vote
from lanterne.feedback.store.opener import open_store

PAGE = "https://aide.example/factures/envoyer/"
# Accents, emoji, quotes, backslashes, a newline, an escape character, the longest comment: all must come back as they were.
COMMENTS = ["Il manque l'étape 3.", 'Un "guillemet" et un \\ antislash', "ligne 1\nligne 2 🙂", "\x1b[31mrouge", "é" * 1000]
TABLES = {
    "reaction": "SELECT * FROM reaction ORDER BY article, lang, visitor",
    "search_miss": "SELECT * FROM search_miss ORDER BY query, lang, audience",
}


def _fill(location: str) -> None:
    """Votes (some changed twice), on two articles, languages and audiences, and searches counted several times."""
    store = open_store(location)
    for n, comment in enumerate(COMMENTS):
        for reaction in ["happy"] * (n % 3) + ["sad"]:  # revisions 1, 2 and 3, the last one with the comment
            reasons = ("unclear", "other") if reaction != "happy" else ()
            store.save(
                Vote("factures/envoyer", "fr", "public", reaction, PAGE, f"reader-{n:016d}", reasons, comment * (reaction != "happy"))
            )
        store.save(Vote("factures/deverrouiller", "en", "internal", "happy", "https://support.example/x/", f"agent-{n:017d}"))
    for query in ("facture chorus", "remboursement", "acompte d'été", "facture chorus"):
        store.save_search(SearchMiss(query, "fr", "public"))
    store.save_search(SearchMiss("invoice", "en", "internal"))
    store.close()


def _feedback(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lanterne.feedback", *args], cwd=ROOT, capture_output=True, text=True, input=stdin)


def _tables(database: Database) -> dict[str, list[tuple]]:
    return {name: database.rows(query) for name, query in TABLES.items()}


def test_sqlite_to_postgresql_to_sqlite_loses_and_changes_nothing(tmp_path: Path, postgres):
    first, middle, last = (
        Database(str(tmp_path / "first.sqlite3")),
        Database(fresh_schema(postgres)),
        Database(str(tmp_path / "last.sqlite3")),
    )
    _fill(first.location)
    exports = []
    for source, target in ((first, middle), (middle, last), (last, None)):
        export = tmp_path / f"export-{len(exports)}.jsonl"
        done = _feedback("export", "--database", source.location, "--output", str(export))
        assert (done.returncode, done.stderr) == (0, "exported 10 votes and 4 searches\n")
        exports.append(export.read_bytes())
        if target:
            done = _feedback("import", "--database", target.location, str(export))
            assert (done.returncode, done.stderr) == (0, "imported 10 votes and 4 searches\n")
    assert exports[0] == exports[1] == exports[2]
    assert _tables(first) == _tables(middle) == _tables(last)
    lines = [json.loads(line) for line in exports[0].decode().splitlines()]
    assert [line["kind"] for line in lines] == ["vote"] * 10 + ["search"] * 4
    assert {line["comment"] for line in lines if line["kind"] == "vote"} >= set(COMMENTS)
    assert sorted(line["revisions"] for line in lines if line["kind"] == "vote") == [1] * 7 + [2, 2, 3]
    assert next(line for line in lines if line.get("query") == "facture chorus")["searches"] == 2


def test_importing_the_same_export_twice_changes_nothing(tmp_path: Path, feedback_store):
    source, target = Database(str(tmp_path / "source.sqlite3")), feedback_store.database(tmp_path)
    _fill(source.location)
    export = _feedback("export", "--database", source.location).stdout
    for _ in range(2):
        assert _feedback("import", "--database", target.location, "-", stdin=export).returncode == 0
    assert _feedback("export", "--database", target.location).stdout == export


# Columns: what is wrong, the line as written, the message after "bad.jsonl:2: ".
BAD_LINES = [
    ("a reaction outside the three", {"reaction": "angry"}, "reaction: Input should be 'sad', 'neutral' or 'happy' (given 'angry')"),
    (
        "a reason outside the set",
        {"reasons": ["spam"]},
        "reasons.0: Input should be 'unanswered', 'unclear', 'incorrect' or 'other' (given 'spam')",
    ),
    ("a NUL in a comment", {"comment": "a\x00b"}, "comment: String should match pattern '^[^\\x00]*$' (given 'a\\x00b')"),
    ("an unknown column", {"email": "a@b.example"}, "email: Extra inputs are not permitted (given 'a@b.example')"),
    ("no revisions", {"revisions": 0}, "revisions: Input should be greater than or equal to 1 (given 0)"),
    ("a missing column", {"visitor": None}, "visitor: Field required"),
    (
        "something else than a row",
        {"kind": "reader"},
        "line: Input tag 'reader' found using 'kind' does not match any of the expected tags: 'vote', 'search'",
    ),
]


@pytest.mark.parametrize(("line", "message"), [case[1:] for case in BAD_LINES], ids=[case[0] for case in BAD_LINES])
def test_an_export_with_a_wrong_line_is_refused_whole(tmp_path: Path, feedback_store, line, message):
    source, target = Database(str(tmp_path / "source.sqlite3")), feedback_store.database(tmp_path)
    _fill(source.location)
    first, second, *rest = _feedback("export", "--database", source.location).stdout.splitlines()
    wrong = {key: value for key, value in (json.loads(second) | line).items() if value is not None}
    (tmp_path / "bad.jsonl").write_text("\n".join([first, json.dumps(wrong), *rest]) + "\n", encoding="utf-8")
    done = _feedback("import", "--database", target.location, str(tmp_path / "bad.jsonl"))
    assert done.returncode == 1
    assert done.stderr.startswith(f"import: {tmp_path / 'bad.jsonl'}:2: ")
    assert message in done.stderr
    assert done.stderr.endswith("; nothing was imported\n")
    assert _feedback("export", "--database", target.location).stdout == ""
