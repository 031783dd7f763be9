"""Export and import: every vote and every search as JSON lines, one whole row a line, to move or back up either store."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from typing import Annotated, TextIO

from pydantic import Field, TypeAdapter, ValidationError

from lanterne.feedback.records import Row, SearchRow, VoteRow
from lanterne.feedback.store.opener import open_store

LINE = TypeAdapter(Annotated[VoteRow | SearchRow, Field(discriminator="kind")])


class TransferError(ValueError):
    """A line of an export that cannot be imported, with its file and line number."""


def write(rows: Iterable[Row], out: TextIO) -> tuple[int, int]:
    """Write each row as one JSON line (UTF-8, keys in a fixed order); return (votes, searches)."""
    votes = searches = 0
    for row in rows:
        out.write(row.model_dump_json() + "\n")
        if isinstance(row, VoteRow):
            votes += 1
        else:
            searches += 1
    return votes, searches


def read(lines: Iterable[str], name: str) -> list[Row]:
    """Check every line before anything is written; raise TransferError naming the first wrong line and field."""
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append(LINE.validate_json(line))
        except ValidationError as error:
            raise TransferError(f"{name}:{number}: {_first(error)}") from None
    return rows


def _first(error: ValidationError) -> str:
    """The first problem pydantic found, as 'field: what is wrong (given …)'."""
    problem = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in problem["loc"][1:]) or "line"
    given = problem.get("input")
    given = given[:60] if isinstance(given, str) else given
    shown = "" if problem["type"] in ("missing", "json_invalid") or isinstance(given, dict) else f" (given {given!r})"
    expected = "; expected a vote or a search exported by `python -m lanterne.feedback export`" if where == "line" else ""
    return f"{where}: {problem['msg']}{shown}{expected}"


def export(database: str, output: str | None) -> int:
    """`export`: write every vote and search of the database as JSON lines, to a file or the standard output."""
    store = open_store(database)
    try:
        with open(output, "w", encoding="utf-8") if output else contextlib.nullcontext(sys.stdout) as out:
            votes, searches = write(store.export(), out)
    finally:
        store.close()
    print(f"exported {votes} votes and {searches} searches", file=sys.stderr)
    return 0


def load(database: str, source: str) -> int:
    """`import`: check every line of an export, then write them all in one transaction (all or nothing)."""
    try:
        with open(source, encoding="utf-8") if source != "-" else contextlib.nullcontext(sys.stdin) as lines:
            rows = read(lines, source if source != "-" else "<stdin>")
    except (OSError, UnicodeDecodeError, TransferError) as error:
        print(f"import: {error}; nothing was imported", file=sys.stderr)
        return 1
    store = open_store(database)
    try:
        store.load(rows)
    finally:
        store.close()
    votes = sum(isinstance(row, VoteRow) for row in rows)
    print(f"imported {votes} votes and {len(rows) - votes} searches", file=sys.stderr)
    return 0
