"""The feedback report: per article and language, reaction counts, a score, reasons and latest comments."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from lanterne.feedback.escape import csv_cell, for_terminal, json_text
from lanterne.feedback.records import Stored, StoredSearch
from lanterne.feedback.rules import REACTIONS, REASONS

# A happy reaction counts fully, a neutral one half: 100 means every reader found the answer.
WEIGHTS = {"sad": 0.0, "neutral": 0.5, "happy": 1.0}


@dataclass
class Line:
    """One article in one language."""

    article: str
    lang: str
    title: str = ""
    votes: int = 0
    sad: int = 0
    neutral: int = 0
    happy: int = 0
    score: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    comments: list[dict[str, str]] = field(default_factory=list)


def summarize(
    reactions: Iterable[Stored],
    *,
    titles: Mapping[tuple[str, str], str] | None = None,
    audience: str | None = None,
    comments: int = 3,
    min_votes: int = 1,
) -> list[Line]:
    """Group reactions by (article, language) and sort worst first: lowest score, then most votes."""
    lines: dict[tuple[str, str], Line] = {}
    reasons: dict[tuple[str, str], Counter[str]] = {}
    for stored in sorted(reactions, key=lambda r: r.updated_at, reverse=True):
        if audience and stored.audience != audience:
            continue
        key = (stored.article, stored.lang)
        line = lines.setdefault(key, Line(stored.article, stored.lang, (titles or {}).get(key, "")))
        line.votes += 1
        setattr(line, stored.reaction, getattr(line, stored.reaction) + 1)
        reasons.setdefault(key, Counter()).update(stored.reasons)
        if stored.comment and len(line.comments) < comments:
            line.comments.append({"date": stored.updated_at[:10], "reaction": stored.reaction, "text": stored.comment})
    for key, line in lines.items():
        line.score = round(100 * sum(WEIGHTS[r] * getattr(line, r) for r in REACTIONS) / line.votes)
        line.reasons = {reason: reasons[key][reason] for reason in REASONS if reasons[key][reason]}
    kept = [line for line in lines.values() if line.votes >= min_votes]
    return sorted(kept, key=lambda line: (line.score, -line.votes, line.article, line.lang))


def as_json(lines: list[Line]) -> str:
    """The report as JSON: the input of a content-health page."""
    return json_text(json.dumps({"format": 1, "articles": [asdict(line) for line in lines]}, ensure_ascii=False, indent=2)) + "\n"


def combined_json(lines: list[Line], searches: list[StoredSearch]) -> str:
    """The report and the searches that found nothing in one document, as GET /report serves them to the internal build."""
    document = {"format": 1, "articles": [asdict(line) for line in lines], "searches": [asdict(s) for s in searches]}
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def as_csv(lines: list[Line]) -> str:
    """The report as CSV, one row per article and language; reasons and comments in one cell each, formulas neutralized."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a cell holding a lone CR is then quoted too
    writer.writerow(["article", "lang", "title", "votes", *REACTIONS, "score", *(f"reason:{r}" for r in REASONS), "latest_comments"])
    for line in lines:
        comments = " | ".join(comment["text"].replace("\n", " ") for comment in line.comments)
        counts = [getattr(line, r) for r in REACTIONS]
        row = [line.article, line.lang, line.title, line.votes, *counts, line.score, *(line.reasons.get(r, 0) for r in REASONS), comments]
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def as_table(lines: list[Line], *, width: int = 100) -> str:
    """The report for a terminal: one row per article and language, its latest comments underneath, control characters shown."""
    if not lines:
        return "No reactions yet.\n"
    name = max(len(for_terminal(line.article)) for line in lines)
    rows = [f"{'score':>5}  {'votes':>5}  {'sad':>4}  {'neutral':>7}  {'happy':>5}  lang  {'article':<{name}}  reasons"]
    for line in lines:
        reasons = ", ".join(f"{reason} {count}" for reason, count in line.reasons.items())
        rows.append(
            f"{line.score:>5}  {line.votes:>5}  {line.sad:>4}  {line.neutral:>7}  {line.happy:>5}  {for_terminal(line.lang):<4}  "
            f"{for_terminal(line.article):<{name}}  {reasons}".rstrip()
        )
        if line.title:
            rows.append(f"{'':>12}{for_terminal(line.title)}")
        for comment in line.comments:
            text = for_terminal(" ".join(comment["text"].split()))
            text = text if len(text) <= width else text[: width - 1] + "…"
            rows.append(f"{'':>12}{comment['date']} {comment['reaction']}: {text}")
    return "\n".join(rows) + "\n"
