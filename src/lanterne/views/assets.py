"""The engine's stylesheets and scripts: the one list of what each layout loads, in order (CONTRIBUTING, JavaScript)."""

from __future__ import annotations

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "theme" / "assets"
TOKENS = "assets/stylesheets/lanterne-tokens.css"
# Before every other script: the helpers they share (window.LanterneShared).
SHARED = "assets/javascripts/lanterne-shared.js"
# The widget runs on other sites' pages, as one file: the build writes the shared helpers into it.
WIDGET = "assets/lanterne-widget.js"
# Material's pages, the embed panel's pages, and the panel's home (which has the search box).
LAYOUTS = ("page", "embed", "embed_home")
EMBEDS = ("embed", "embed_home")

# (file, the layouts that load it, the setting it needs): "feedback" (a feedback endpoint), "internal" (the
# internal build), "analytics" (a feedback endpoint, and extra.lanterne.analytics not false), or None. In the order
# a page loads them; a site's own extra_css comes after the page's.
_STYLESHEETS = (
    (TOKENS, LAYOUTS, None),
    ("assets/stylesheets/lanterne.css", ("page",), None),
    ("assets/stylesheets/lanterne-embed.css", EMBEDS, None),
    ("assets/stylesheets/lanterne-lists.css", LAYOUTS, None),
    ("assets/stylesheets/lanterne-search.css", ("page", "embed_home"), None),
    ("assets/stylesheets/lanterne-header.css", ("page",), None),
    ("assets/stylesheets/lanterne-a11y.css", ("page",), None),
    ("assets/stylesheets/lanterne-print.css", ("page",), None),
    ("assets/stylesheets/lanterne-reactions.css", ("page", "embed"), "feedback"),
    ("assets/stylesheets/lanterne-health.css", ("page",), "internal"),
)
_SCRIPTS = (
    (SHARED, LAYOUTS, None),
    ("assets/javascripts/lanterne-pages.js", ("page",), None),
    ("assets/javascripts/lanterne-embed.js", EMBEDS, None),
    ("assets/javascripts/lanterne-search.js", ("page", "embed_home"), None),
    ("assets/javascripts/lanterne-reactions.js", ("page", "embed"), "feedback"),
    ("assets/javascripts/lanterne-events.js", LAYOUTS, "analytics"),
)


def layouts(*, feedback: bool, internal: bool, analytics: bool = False) -> dict[str, dict[str, list[str]]]:
    """Each layout's stylesheets and scripts, from the site's root, for the templates (config.extra.lanterne.assets)."""
    settings = {None: True, "feedback": feedback, "internal": internal, "analytics": feedback and analytics}
    return {
        layout: {
            "styles": [path for path, where, needs in _STYLESHEETS if layout in where and settings[needs]],
            "scripts": [path for path, where, needs in _SCRIPTS if layout in where and settings[needs]],
        }
        for layout in LAYOUTS
    }


def source(path: str) -> Path:
    """Where one of the engine's assets lives in the package (`path` from the site's root, as above)."""
    return ASSETS_DIR / path.removeprefix("assets/")
