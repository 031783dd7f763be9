"""Structured data for search engines: Article and BreadcrumbList JSON-LD, from an article's view."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin


def article(view: dict[str, Any], *, url: str, site_url: str) -> list[dict[str, Any]]:
    """Return the Article and BreadcrumbList objects of one article page, with absolute URLs."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": view["title"],
        "dateModified": view["updated"],
        "author": {"@type": "Person", "name": view["author"]["name"]},
        "inLanguage": view["lang"],
        "mainEntityOfPage": urljoin(site_url, url),
    }
    if view.get("description"):
        data["description"] = view["description"]
    if view.get("created"):
        data["datePublished"] = view["created"]
    trail = [*view["breadcrumb"], {"title": view["title"], "url": url}]
    crumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb["title"], "item": urljoin(site_url, crumb["url"])}
            for position, crumb in enumerate(trail, start=1)
        ],
    }
    return [data, crumbs]
