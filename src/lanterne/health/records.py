"""The health page's lists as records: the JSON and CSV downloads, with absolute links to each article and its source."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import urljoin

from lanterne.content.model import Article
from lanterne.feedback.escape import csv_cell, json_text
from lanterne.health.model import ArticleHealth, Health

JSON_PATH = "lanterne/health.json"
CSV_PATH = "lanterne/health.csv"
CSV_COLUMNS = ("section", "id", "lang", "title", "url", "source", "value", "detail")


def records(health: Health, *, site_url: str) -> dict[str, Any]:
    """Every list of the health page; a section without figures is null, never an empty list that would read as "all good"."""
    votes = health.available

    def article(item: ArticleHealth) -> dict[str, Any]:
        """The article part of a record."""
        return _article(item.article, item.source, site_url)

    return {
        "format": 1,
        "date": health.today.isoformat(),
        "min_votes": health.options.min_votes,
        "stale_after_days": health.options.stale_after,
        "worst": [{**article(a), **a.votes.model_dump(exclude={"article", "lang"})} for a in health.worst()] if votes else None,  # type: ignore[union-attr]
        "searches": [s.model_dump() for s in health.searches()] if votes else None,
        "viewed": [{**article(a), **_reading(a)} for a in health.most_viewed()] if votes else None,
        "unvoted": [{**article(a), **_reading(a)} for a in health.unvoted()] if votes else None,
        "to_support": [{**article(a), **_reading(a)} for a in health.to_support()] if votes else None,
        "unclicked": [q.model_dump() for q in health.unclicked()] if votes else None,
        "visits": health.figures.visits.model_dump() if health.figures and health.figures.visits else None,
        "overdue": [
            {**article(a), "owner": a.owner, "review_by": str(a.review_by), "days_overdue": (health.today - a.review_by).days}  # type: ignore[operator]
            for a in health.overdue()
        ],
        "stale": [{**article(a), "updated": a.article.updated.isoformat()} for a in health.stale()],
        "translations": _translations(health, site_url),
        "incomplete": [{**article(a), "missing": list(a.missing)} for a in health.incomplete()],
    }


def _reading(item: ArticleHealth) -> dict[str, Any]:
    """An article's views and what they make: votes, contact clicks, both per view."""
    keys = ("views", "votes", "contact_clicks", "reactions_per_view", "contacts_per_view")
    return item.votes.model_dump(include=set(keys)) if item.votes else {}


def _article(item: Article, source: str | None, site_url: str) -> dict[str, Any]:
    """An article as every record names it: id, language, title, absolute URL and source link."""
    return {"id": item.id, "lang": item.lang, "title": item.title, "url": urljoin(site_url, item.url), "source": source}


def _translations(health: Health, site_url: str) -> list[dict[str, Any]]:
    """One record per missing translation (the source article) and per outdated one (the translation)."""
    found = []
    for entry in health.translations:
        for source in entry.untranslated:
            item = health.articles[source.src_path]
            found.append({**_article(source, item.source, site_url), "lang": entry.lang, "state": "untranslated"})
        for source, variant in entry.outdated:
            item = health.articles[variant.src_path]
            dates = {"source_updated": source.updated.isoformat(), "updated": variant.updated.isoformat()}
            found.append({**_article(variant, item.source, site_url), "state": "outdated", **dates})
    return found


def as_json(data: dict[str, Any]) -> str:
    """The records as JSON; readers' text (queries, comments) cannot reorder or hide what a terminal shows."""
    return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"


def as_csv(data: dict[str, Any]) -> str:
    """One row per record and section, formulas neutralized: readers wrote the queries and comments."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in _rows(data):
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def _rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The CSV's rows: what each section measures in `value`, and the rest in words in `detail`."""
    rows: list[tuple[Any, ...]] = []
    plain = ("id", "lang", "title", "url", "source")
    for item in data["worst"] or ():
        counts = f"sad {item['sad']}, neutral {item['neutral']}, happy {item['happy']}; {item['votes']} votes"
        reasons = ", ".join(f"{reason} {count}" for reason, count in item["reasons"].items())
        rows.append(("worst", *(item[k] for k in plain), item["score"], "; ".join(filter(None, (counts, reasons)))))
    for name in ("viewed", "unvoted", "to_support"):
        rows += [(name, *(item[k] for k in plain), item["views"], f"contact clicks {item['contact_clicks']}") for item in data[name] or ()]
    for query in data["unclicked"] or ():
        rows.append(("unclicked", "", query["lang"], query["query"], "", "", query["searches"], query["audience"]))
    for search in data["searches"] or ():
        rows.append(("searches", "", search["lang"], search["query"], "", "", search["searches"], search["audience"]))
    for item in data["overdue"]:
        rows.append(("overdue", *(item[k] for k in plain), item["days_overdue"], f"review by {item['review_by']}; owner {item['owner']}"))
    rows += [("stale", *(item[k] for k in plain), item["updated"], "") for item in data["stale"]]
    rows += [("translations", *(item[k] for k in plain), item["state"], item.get("source_updated", "")) for item in data["translations"]]
    rows += [("incomplete", *(item[k] for k in plain), len(item["missing"]), ", ".join(item["missing"])) for item in data["incomplete"]]
    return rows
