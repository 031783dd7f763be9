"""MkDocs adapter: what marks the internal support reference (banner, badge, noindex, no sitemap)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lanterne import audience
from mkdocs.config.defaults import MkDocsConfig

ROBOTS_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """In the internal build, hand templates the banner and badge text."""
    options = config.extra.get("lanterne") or {}
    if audience.is_public(options.get("audience", "public")):
        return
    languages = options.get("languages") or ["fr", "en"]
    options["internal"] = {lang: audience.internal_labels(lang) for lang in languages}


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    """Tell every crawler to stay out of the internal build, and list none of its pages."""
    if audience.is_public((config.extra.get("lanterne") or {}).get("audience", "public")):
        return
    site = Path(config.site_dir)
    (site / "robots.txt").write_text(ROBOTS_DISALLOW_ALL, encoding="utf-8")
    for name in SITEMAPS:
        (site / name).unlink(missing_ok=True)
