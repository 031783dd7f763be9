"""The feedback report: per article and language, reaction counts, a score, reasons and latest comments, views and
contact clicks; per query, searches and the results opened; the share of visits that found an answer."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from lanterne.feedback.activity import Activity, Query
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
    views: int = 0
    contact_clicks: int = 0
    reactions_per_view: float | None = None
    contacts_per_view: float | None = None


def summarize(
    reactions: Iterable[Stored],
    *,
    titles: Mapping[tuple[str, str], str] | None = None,
    audience: str | None = None,
    comments: int = 3,
    min_votes: int = 1,
    activity: Activity | None = None,
) -> list[Line]:
    """Group reactions and views by (article, language); worst first: lowest score, most votes; then the unvoted, most viewed."""
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
    if activity:
        _add_activity(lines, activity, titles or {})
    # An article read but never voted on stays: "views without a vote" is what it tells.
    kept = [line for line in lines.values() if line.votes >= min_votes or line.views]
    return sorted(kept, key=lambda line: (not line.votes, line.score, -line.votes, -line.views, line.article, line.lang))


def _add_activity(lines: dict[tuple[str, str], Line], activity: Activity, titles: Mapping[tuple[str, str], str]) -> None:
    """Give each article its views and contact clicks, and what they make per view."""
    for key in {*activity.views, *activity.contacts}:
        line = lines.setdefault(key, Line(key[0], key[1], titles.get(key, "")))
        line.views, line.contact_clicks = activity.views.get(key, 0), activity.contacts.get(key, 0)
        if line.views:
            line.reactions_per_view = round(line.votes / line.views, 3)
            line.contacts_per_view = round(line.contact_clicks / line.views, 3)


def _document(lines: list[Line], activity: Activity | None) -> dict[str, object]:
    """The report's JSON document: the articles, and what readers did when the events were read."""
    document: dict[str, object] = {"format": 1, "articles": [asdict(line) for line in lines]}
    if activity is not None:
        document |= {"queries": [asdict(query) for query in activity.queries], "visits": activity.visits.as_dict()}
    return document


def as_json(lines: list[Line], activity: Activity | None = None) -> str:
    """The report as JSON: the input of a content-health page."""
    return json_text(json.dumps(_document(lines, activity), ensure_ascii=False, indent=2)) + "\n"


def combined_json(lines: list[Line], searches: list[StoredSearch], activity: Activity | None = None) -> str:
    """The report and the searches that found nothing in one document, as GET /report serves them to the internal build."""
    document = _document(lines, activity) | {"searches": [asdict(s) for s in searches]}
    return json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def as_csv(lines: list[Line], activity: Activity | None = None) -> str:
    """The report as CSV, one row per article and language, formulas neutralized; with the events read, the queries and the
    visits follow, each a table of its own after an empty line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a cell holding a lone CR is then quoted too
    per_view = ["views", "contact_clicks", "reactions_per_view", "contacts_per_view"]
    reasons = [f"reason:{r}" for r in REASONS]
    writer.writerow(["article", "lang", "title", "votes", *REACTIONS, "score", *reasons, "latest_comments", *per_view])
    for line in lines:
        comments = " | ".join(comment["text"].replace("\n", " ") for comment in line.comments)
        counts = [getattr(line, r) for r in REACTIONS]
        row = [line.article, line.lang, line.title, line.votes, *counts, line.score, *(line.reasons.get(r, 0) for r in REASONS), comments]
        row += [line.views, line.contact_clicks, _ratio(line.reactions_per_view), _ratio(line.contacts_per_view)]
        writer.writerow([csv_cell(cell) for cell in row])
    if activity is not None:
        writer.writerows([[], ["query", "lang", "audience", "searches", "clicks", "articles"]])
        writer.writerows([csv_cell(cell) for cell in (*_query_cells(q), _opened(q))] for q in activity.queries)
        visits = activity.visits
        writer.writerows([[], ["visits", "found_answer", "share"], [visits.visits, visits.found_answer, _ratio(visits.share)]])
    return out.getvalue()


def as_table(lines: list[Line], activity: Activity | None = None, *, width: int = 100) -> str:
    """The report for a terminal: one row per article and language, its latest comments underneath, control characters shown."""
    text = _articles_table(lines, width) if lines else "No reactions or views yet.\n"
    if activity is None:
        return text
    if activity.queries:
        rows = [f"{'searches':>8}  {'clicks':>6}  lang  query  (results opened)"]
        rows += [_query_row(query) for query in activity.queries]
        text += "\n" + "\n".join(rows) + "\n"
    visits = activity.visits
    share = f" ({visits.share:.0%})" if visits.share is not None else ""
    return text + f"\nVisits: {visits.visits}; found an answer (viewed an article, no contact click): {visits.found_answer}{share}\n"


def _articles_table(lines: list[Line], width: int) -> str:
    """The articles' rows, with their titles and latest comments underneath."""
    name = max(len(for_terminal(line.article)) for line in lines)
    counts = f"{'score':>5}  {'votes':>5}  {'sad':>4}  {'neutral':>7}  {'happy':>5}  {'views':>6}  {'contact':>7}"
    rows = [f"{counts}  lang  {'article':<{name}}  reasons"]
    for line in lines:
        reasons = ", ".join(f"{reason} {count}" for reason, count in line.reasons.items())
        score = str(line.score) if line.votes else "-"
        rows.append(
            f"{score:>5}  {line.votes:>5}  {line.sad:>4}  {line.neutral:>7}  {line.happy:>5}  {line.views:>6}  {line.contact_clicks:>7}  "
            f"{for_terminal(line.lang):<4}  {for_terminal(line.article):<{name}}  {reasons}".rstrip()
        )
        if line.title:
            rows.append(f"{'':>12}{for_terminal(line.title)}")
        for comment in line.comments:
            text = for_terminal(" ".join(comment["text"].split()))
            text = text if len(text) <= width else text[: width - 1] + "…"
            rows.append(f"{'':>12}{comment['date']} {comment['reaction']}: {text}")
    return "\n".join(rows) + "\n"


def _query_row(query: Query) -> str:
    """A query in the terminal: its counts, its text, and the articles opened from it."""
    opened = f"  ({for_terminal(_opened(query))})" if query.articles else ""
    return f"{query.searches:>8}  {query.clicks:>6}  {for_terminal(query.lang):<4}  {for_terminal(query.query)}{opened}"


def _query_cells(query: Query) -> tuple[object, ...]:
    """A query's cells: text, language, audience, searches, clicks."""
    return (query.query, query.lang, query.audience, query.searches, query.clicks)


def _opened(query: Query) -> str:
    """The articles opened from a query, most opened first: "factures/envoyer 3, devis/creer 1"."""
    return ", ".join(f"{article} {count}" for article, count in query.articles.items())


def _ratio(value: float | None) -> str:
    """A ratio as CSV writes it: empty when there is none (no views)."""
    return "" if value is None else f"{value:g}"
