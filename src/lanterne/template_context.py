"""The read-only site context that templates share: written once per build, never changed per page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from lanterne.outputs import api, search
from lanterne.settings import SiteSettings
from lanterne.views import assets, audience, languages, palette, reactions, strings

SEARCH_BUNDLE = "pagefind/"


def context(site: SiteSettings) -> dict[str, Any]:
    """What every template may read as config.extra.lanterne: settings, interface text, search and reactions."""
    core = site.core
    langs = core.languages
    return {
        "audience": core.audience,
        "default_language": core.default_language,
        "languages": list(langs),
        "brand_color": site.brand_color,
        # The brand colour's readable shades (text on white, tint on dark, text on the brand): see palette.py.
        "colors": palette.derive(site.brand_color),
        # The application origins that may frame embed/ and talk to it; the site's own origin always may.
        "embed_origins": list(site.embed_origins),
        "search": {"bundle": SEARCH_BUNDLE, "weights": search.META_WEIGHTS, "labels": {lang: _search_labels(lang) for lang in langs}},
        "feedback": {"endpoint": site.feedback_endpoint, "text": reactions.texts(langs)} if site.feedback_endpoint else None,
        "contact": {"url": site.contact.url} if site.contact else None,
        "internal": None if audience.is_public(core.audience) else {lang: audience.internal_labels(lang) for lang in langs},
        "not_found": languages.not_found(core, root=urlsplit(site.site_url).path or "/"),
        # What each layout loads (views/assets.py), and the article-id rule the embed pages' script applies.
        "assets": assets.layouts(
            feedback=bool(site.feedback_endpoint), internal=not audience.is_public(core.audience), analytics=site.analytics
        ),
        # Where lanterne-events.js sends what readers did: beside the reactions, at …/events; None when it is off.
        "events": _events_url(site) if site.analytics else None,
        "article_id": api.ARTICLE_ID.pattern,
    }


def _events_url(site: SiteSettings) -> str | None:
    """The feedback service's /events, beside its /reactions (the endpoint's last segment replaced)."""
    if not site.feedback_endpoint:
        return None
    base, _, _ = site.feedback_endpoint.rpartition("/")
    return f"{base}/events"


def _search_labels(lang: str) -> dict[str, str]:
    """The search box's interface text in one language."""
    table = strings.table(lang)
    return {key.removeprefix("search."): str(value) for key, value in table.items() if key.startswith("search.")}
