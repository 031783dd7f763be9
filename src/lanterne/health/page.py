"""The "Santé du contenu" page as its template reads it: one table per list, every row linking to the article and its source."""

from __future__ import annotations

import json
from typing import Any

from lanterne.content.model import Article
from lanterne.content.sources import url_of
from lanterne.health.block import overdue_text, owner_name, reason_label, review_text
from lanterne.health.model import Health
from lanterne.health.records import CSV_PATH, JSON_PATH
from lanterne.views import strings
from lanterne.views.languages import name_of
from lanterne.views.reactions import REACTIONS

TRANSLATIONS_ANCHOR = "traductions"


def source(lang: str) -> tuple[str, str]:
    """The page's path under docs/ and its Markdown (a title only: the template draws the rest from page.meta)."""
    title = json.dumps(strings.text(lang, "health.title"), ensure_ascii=False)
    return f"{strings.text(lang, 'health.slug')}.md", f"---\ntitle: {title}\n---\n"


def url(lang: str) -> str:
    """Where the page is published: at the root, in the build's default language."""
    return url_of(source(lang)[0].removesuffix(".md"), lang, default_language=lang)


def moved_from(lang: str) -> str:
    """Where the translation backlog was before it joined this page, so that old links and bookmarks still arrive."""
    return f"{strings.text(lang, 'missing.slug')}/"


def view(health: Health, lang: str) -> dict[str, Any]:
    """The page's title, notes, download links and sections, in the build's default language."""
    sections = [_worst(health, lang), _viewed(health, lang), _unvoted(health, lang), _to_support(health, lang)]
    sections += [_searches(health, lang), _unclicked(health, lang), _overdue(health, lang), _stale(health, lang)]
    sections += [_translations(health, lang), _incomplete(health, lang)]
    return {
        "kind": "health",
        "lang": lang,
        "title": strings.text(lang, "health.title"),
        "intro": strings.text(lang, "health.intro"),
        "visits": _visits(health, lang),
        "note": None if health.available else strings.text(lang, "health.no_data"),
        "no_source": None if health.linked else strings.text(lang, "health.no_source"),
        "downloads": {"label": strings.text(lang, "health.downloads"), "json": JSON_PATH, "csv": CSV_PATH},
        "none": strings.text(lang, "health.none"),
        "source_label": strings.text(lang, "health.source"),
        "sections": sections,
        "labels": {"skip": strings.text(lang, "skip")},
    }


def _section(anchor: str, title: str, lang: str, columns: list[str], rows: list[dict[str, Any]] | None, intro: str = "") -> dict[str, Any]:
    """A table: its heading, column names (article first, source last), and rows; rows None means "no data yet"."""
    names = [strings.text(lang, f"health.col.{column}") for column in columns]
    return {"id": anchor, "title": title, "intro": intro, "columns": names, "rows": rows}


def _row(item: Article, source: str | None, *cells: Any) -> dict[str, Any]:
    """A row naming an article (its title links to it); cells are text, or (text, alert) for what is late."""
    shaped = [
        {"text": cell[0], "alert": bool(cell[1])} if isinstance(cell, tuple) else {"text": str(cell), "alert": False} for cell in cells
    ]
    return {"title": item.title, "url": item.url, "source": source, "cells": shaped}


def _worst(health: Health, lang: str) -> dict[str, Any]:
    """The worst-rated articles; None rows while there are no figures."""
    rows = None
    if health.available:
        rows = []
        for a in health.worst():
            votes = a.votes
            assert votes is not None
            reasons = ", ".join(f"{reason_label(lang, r)} ({n})" for r, n in votes.reasons.items())
            counts = " · ".join(f"{emoji} {getattr(votes, name)}" for name, emoji in REACTIONS)
            rows.append(_row(a.article, a.source, a.article.lang, votes.score, counts, reasons))
    intro = strings.text(lang, "health.worst_intro", min=health.options.min_votes)
    return _section(
        "notes", strings.text(lang, "health.worst"), lang, ["article", "lang", "score", "votes", "reasons", "source"], rows, intro
    )


def _searches(health: Health, lang: str) -> dict[str, Any]:
    """The searches that found nothing, most searched first; a query links nowhere."""
    rows = None
    if health.available:
        rows = [
            {
                "title": s.query,
                "url": None,
                "source": None,
                "cells": [{"text": t, "alert": False} for t in (s.lang, str(s.searches), s.last_at[:10])],
            }
            for s in health.searches()
        ]
    return _section("recherches", strings.text(lang, "health.searches"), lang, ["query", "lang", "searches", "last"], rows)


def _visits(health: Health, lang: str) -> str | None:
    """The share of visits that found an answer, in a sentence; None before the service counted any."""
    visits = health.figures.visits if health.figures else None
    if visits is None or visits.share is None:
        return None
    return strings.text(lang, "health.visits", visits=visits.visits, percent=round(100 * visits.share))


def _ratio(value: float | None) -> str:
    """A ratio per view as a table shows it: two decimals, or a dash without views."""
    return "-" if value is None else f"{value:.2f}"


def _viewed(health: Health, lang: str) -> dict[str, Any]:
    """The most viewed articles, with their votes per view and contact clicks."""
    rows = None
    if health.available:
        rows = []
        for a in health.most_viewed():
            votes = a.votes
            assert votes is not None
            per_view = _ratio(votes.reactions_per_view)
            rows.append(_row(a.article, a.source, a.article.lang, votes.views, votes.votes, per_view, votes.contact_clicks))
    columns = ["article", "lang", "views", "votes", "per_view", "contacts", "source"]
    return _section("vues", strings.text(lang, "health.viewed"), lang, columns, rows, strings.text(lang, "health.viewed_intro"))


def _unvoted(health: Health, lang: str) -> dict[str, Any]:
    """The articles read and never voted on, the most viewed first."""
    rows = [_row(a.article, a.source, a.article.lang, a.votes.views) for a in health.unvoted() if a.votes] if health.available else None
    return _section("sans-vote", strings.text(lang, "health.unvoted"), lang, ["article", "lang", "views", "source"], rows)


def _to_support(health: Health, lang: str) -> dict[str, Any]:
    """The articles after which readers click contact, the highest share of views first."""
    rows = None
    if health.available:
        rows = [
            _row(a.article, a.source, a.article.lang, a.votes.contact_clicks, a.votes.views, _ratio(a.votes.contacts_per_view))
            for a in health.to_support()
            if a.votes
        ]
    columns = ["article", "lang", "contacts", "views", "contacts_per_view", "source"]
    return _section("support", strings.text(lang, "health.support"), lang, columns, rows, strings.text(lang, "health.support_intro"))


def _unclicked(health: Health, lang: str) -> dict[str, Any]:
    """The searches after which no result was opened, most searched first; a query links nowhere."""
    rows = None
    if health.available:
        rows = [
            {"title": q.query, "url": None, "source": None, "cells": [{"text": t, "alert": False} for t in (q.lang, str(q.searches))]}
            for q in health.unclicked()
        ]
    intro = strings.text(lang, "health.unclicked_intro")
    return _section("sans-clic", strings.text(lang, "health.unclicked"), lang, ["query", "lang", "searches"], rows, intro)


def _overdue(health: Health, lang: str) -> dict[str, Any]:
    """The reviews overdue, with their owner and how late, in words and in red."""
    rows = [
        _row(
            a.article,
            a.source,
            a.article.lang,
            owner_name(health, a, lang),
            (review_text(a, lang), True),
            (overdue_text(health, a, lang), True),
        )
        for a in health.overdue()
    ]
    return _section(
        "revisions", strings.text(lang, "health.overdue_title"), lang, ["article", "lang", "owner", "review", "state", "source"], rows
    )


def _stale(health: Health, lang: str) -> dict[str, Any]:
    """The articles not updated for `stale_after` days, the oldest first."""
    rows = [_row(a.article, a.source, a.article.lang, strings.long_date(a.article.updated, lang)) for a in health.stale()]
    title = strings.text(lang, "health.stale_title", days=health.options.stale_after)
    return _section("anciens", title, lang, ["article", "lang", "updated", "source"], rows)


def _translations(health: Health, lang: str) -> dict[str, Any]:
    """The translation backlog: the source of each missing translation, and each outdated one."""
    rows = []
    for entry in health.translations:
        language = f"{name_of(entry.lang, in_lang=lang)} ({entry.lang})"
        for source in entry.untranslated:
            rows.append(_row(source, health.articles[source.src_path].source, language, strings.text(lang, "health.untranslated")))
        for source, variant in entry.outdated:
            state = strings.text(lang, "health.outdated", source=strings.long_date(source.updated, lang))
            rows.append(_row(variant, health.articles[variant.src_path].source, language, state))
    return _section(TRANSLATIONS_ANCHOR, strings.text(lang, "health.translations"), lang, ["article", "lang", "state", "source"], rows)


def _incomplete(health: Health, lang: str) -> dict[str, Any]:
    """The articles without a description, keywords or an owner, and which."""
    rows = [
        _row(a.article, a.source, a.article.lang, ", ".join(strings.text(lang, f"health.field.{name}") for name in a.missing))
        for a in health.incomplete()
    ]
    return _section("metadonnees", strings.text(lang, "health.incomplete"), lang, ["article", "lang", "missing", "source"], rows)
