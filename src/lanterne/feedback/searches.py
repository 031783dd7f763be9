"""The zero-result search report: what readers looked for and did not find, most searched first."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict

from lanterne.feedback.escape import csv_cell, for_terminal, json_text
from lanterne.feedback.records import StoredSearch


def select(searches: Iterable[StoredSearch], *, audience: str | None = None, limit: int = 50) -> list[StoredSearch]:
    """Keep one audience's searches (or all), the most searched first, at most `limit`."""
    kept = [search for search in searches if audience in (None, search.audience)]
    return sorted(kept, key=lambda s: (-s.searches, s.query, s.lang))[:limit]


def as_json(searches: list[StoredSearch]) -> str:
    """The searches as JSON, for a content-health page."""
    return json_text(json.dumps({"format": 1, "searches": [asdict(s) for s in searches]}, ensure_ascii=False, indent=2)) + "\n"


def as_csv(searches: list[StoredSearch]) -> str:
    """The searches as CSV, one row per query, language and audience, formulas neutralized."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a cell holding a lone CR is then quoted too
    writer.writerow(["query", "lang", "audience", "searches", "last_at"])
    writer.writerows([csv_cell(cell) for cell in (s.query, s.lang, s.audience, s.searches, s.last_at)] for s in searches)
    return out.getvalue()


def as_table(searches: list[StoredSearch]) -> str:
    """The searches for a terminal, control characters shown."""
    if not searches:
        return "No search without results yet.\n"
    rows = [f"{'searches':>8}  lang  {'audience':<8}  query"]
    rows += [f"{s.searches:>8}  {for_terminal(s.lang):<4}  {for_terminal(s.audience):<8}  {for_terminal(s.query)}" for s in searches]
    return "\n".join(rows) + "\n"
