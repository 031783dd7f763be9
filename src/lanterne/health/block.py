"""What an internal article page and a collection's list show of an article's health, in the page's language."""

from __future__ import annotations

from typing import Any

from lanterne.health.model import ArticleHealth, Health
from lanterne.views import strings
from lanterne.views.reactions import REACTIONS

TOP_REASONS = 3


def article_block(health: Health, item: ArticleHealth, *, overview: str) -> dict[str, Any]:
    """The "Santé de l'article" block: votes, reasons, latest comments, dates, owner, edit link and the overview page's link."""
    lang = item.article.lang
    block: dict[str, Any] = {
        "title": strings.text(lang, "health.block"),
        "facts": facts(health, item, lang),
        "edit": {"url": item.source, "label": strings.text(lang, "health.edit")} if item.source else None,
        "overview": {"url": overview, "label": strings.text(lang, "health.title")},
        "labels": {key: strings.text(lang, f"health.{key}") for key in ("reasons", "comments")},
        "reading": reading(item, lang) if health.available else None,
    }
    if not health.available:
        return {**block, "note": strings.text(lang, "health.no_data")}
    if item.votes is None or not item.votes.votes:
        return {**block, "note": strings.text(lang, "health.no_votes")}
    votes = item.votes
    return {
        **block,
        "score": strings.text(lang, "health.score", score=votes.score),
        "votes": strings.plural(lang, "health.votes", votes.votes),
        "reactions": [
            {"emoji": emoji, "label": strings.text(lang, f"reactions.{name}"), "count": getattr(votes, name)} for name, emoji in REACTIONS
        ],
        "reasons": [
            {"label": reason_label(lang, reason), "count": count}
            for reason, count in sorted(votes.reasons.items(), key=lambda pair: -pair[1])[:TOP_REASONS]
        ],
        "comments": [
            {
                "date": comment.date,
                "emoji": dict(REACTIONS).get(comment.reaction, ""),
                "reaction": reaction_label(lang, comment.reaction),
                "text": comment.text,
            }
            for comment in votes.comments[:3]
        ],
    }


def reading(item: ArticleHealth, lang: str) -> str | None:
    """ "120 vues · 3 clics vers le support après lecture · 0.05 votes par vue"; None before any view was counted."""
    votes = item.votes
    if votes is None or not votes.views:
        return None
    parts = [strings.plural(lang, "health.views", votes.views), strings.plural(lang, "health.contacts", votes.contact_clicks)]
    parts.append(strings.text(lang, "health.per_view", votes=f"{votes.reactions_per_view or 0:.2f}"))
    return " · ".join(parts)


def facts(health: Health, item: ArticleHealth, lang: str) -> list[dict[str, Any]]:
    """Last update, review date (with how late, in words: the red is not the only sign) and owner."""
    return [
        {"label": strings.text(lang, "health.updated"), "value": strings.long_date(item.article.updated, lang), "alert": None},
        {"label": strings.text(lang, "health.review"), "value": review_text(item, lang), "alert": overdue_text(health, item, lang)},
        {"label": strings.text(lang, "health.owner"), "value": owner_name(health, item, lang), "alert": None},
    ]


def review_text(item: ArticleHealth, lang: str) -> str:
    """The review date as the language writes it, or 'aucune date'."""
    return strings.long_date(item.review_by, lang) if item.review_by else strings.text(lang, "health.review_none")


def owner_name(health: Health, item: ArticleHealth, lang: str) -> str:
    """The owner's name from .authors.yml, or 'aucun'."""
    return health.names.get(item.owner, item.owner) if item.owner else strings.text(lang, "health.owner_none")


def overdue_text(health: Health, item: ArticleHealth, lang: str) -> str | None:
    """'en retard de 12 jours', or None when the review is not due yet."""
    if not item.overdue or item.review_by is None:
        return None
    return strings.plural(lang, "health.overdue", (health.today - item.review_by).days)


def list_badge(health: Health, item: ArticleHealth, lang: str) -> dict[str, Any]:
    """What a collection's list shows beside an article: its score and votes, and its state in words."""
    states = []
    if item.overdue:
        states.append({"text": strings.text(lang, "health.state.overdue"), "alert": True})
    if item.stale:
        states.append({"text": strings.text(lang, "health.state.stale"), "alert": False})
    if not health.available:
        score = strings.text(lang, "health.state.no_data")
    elif item.votes and item.votes.votes:
        score = f"{strings.text(lang, 'health.score', score=item.votes.score)} · {strings.plural(lang, 'health.votes', item.votes.votes)}"
    else:
        score = strings.text(lang, "health.state.no_votes")
    return {"score": score, "states": states}


def reason_label(lang: str, reason: str) -> str:
    """A reason as the reader picked it ("Difficile à comprendre"); an unknown code as it came."""
    key = f"reactions.reason.{reason}"
    return strings.text(lang, key) if key in strings.table(lang) else reason


def decorate(health: Health, view: dict[str, Any]) -> None:
    """Give each article of a collection page's lists its score and state."""
    for link in [*view["articles"], *(link for section in view["sections"] for link in section["articles"])]:
        if (item := health.at_url.get(link["url"])) is not None:
            link["health"] = list_badge(health, item, view["lang"])


def reaction_label(lang: str, reaction: str) -> str:
    """A reaction in words ("Non, déçu"), so that the emoji is never its only sign."""
    key = f"reactions.{reaction}"
    return strings.text(lang, key) if reaction in dict(REACTIONS) else reaction
