"""The files a build writes besides its pages: embed pages, the JSON API, the feedback manifest, the search index, gzip copies."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from lanterne.adapter import content_health as health
from lanterne.adapter import pagefind
from lanterne.build import Build
from lanterne.outputs import api, embed, precompress, redirects, search
from lanterne.views import assets, audience, palette, reactions

EMBED_TEMPLATE = "lanterne/embed.html"
ROBOTS_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
# Set by tests and previews that do not need search: the build then skips Pagefind, its slowest step.
SKIP_SEARCH = "LANTERNE_SKIP_SEARCH_INDEX"
_BUILD_LINE = re.compile(r"const built = \{[^\n]*\}; // lanterne:build")
_SHARED_LINE = "// lanterne:shared"


def embed_page(env: Environment, context: dict[str, Any], page: Any, build: Build, site_dir: Path) -> None:
    """Render a page again in the compact embed layout, with the full page's context, and write it under embed/."""
    view = page.meta.get("lanterne") or {}
    if view.get("kind") not in embed.KINDS:
        return
    assert build.index is not None
    data = embed.page(build.index, page.url, view["lang"], view["kind"])
    html = env.get_template(EMBED_TEMPLATE).render({**context, "lt_embed": data})
    target = site_dir / embed.url_of(page.url) / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(embed.rewrite(html, page.url, build.outputs.embedded), encoding="utf-8")


@dataclass
class Reuse:
    """What the preview keeps between its builds for write_all: each file's last text, each article's API body."""

    texts: dict[str, str] = field(default_factory=dict)
    api_bodies: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # The model and address the API was last written from: while both stay, only re-rendered bodies change it.
    index: object = None
    base: str = ""


def write_all(build: Build, site_dir: Path, *, reuse: Reuse | None = None) -> set[str]:
    """Write what the model and the rendered bodies make, once per build; return the API and manifest files.

    With `reuse` (the preview), a file whose text did not change is not written again, and the search index
    is left to the caller, which writes it a moment later.
    """
    assert build.index is not None
    base = build.site.site_url
    fresh: dict[str, str] = {}

    def write(path: Path, text: str) -> None:
        # Written as soon as made: a build holds one API document at a time, not all of them.
        if reuse is None or reuse.texts.get(str(path)) != text:
            _write(path, text)
        fresh[str(path)] = text if reuse is not None else ""

    for path, document in _api_documents(build, site_dir, base, reuse, fresh):
        write(site_dir / path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    if build.site.feedback_endpoint:
        data = reactions.manifest(reactions.entries(build.articles()), audience=build.site.core.audience, site_url=base)
        write(site_dir / reactions.MANIFEST_PATH, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    internal = not audience.is_public(build.site.core.audience)
    found = redirects.of(build.articles(), default_language=build.site.core.default_language) + redirects.of_moved(build.moved)
    for redirect in found:
        write(site_dir / redirect.url / "index.html", redirects.page(redirect, site_url=base, noindex=internal))
    if found:
        write(site_dir / redirects.SERVER_MAP, json.dumps(redirects.server_map(found), ensure_ascii=False, indent=0) + "\n")
    health.write(build, site_dir, write)
    if not audience.is_public(build.site.core.audience):
        # Tell every crawler to stay out of the internal build, and list none of its pages.
        write(site_dir / "robots.txt", ROBOTS_DISALLOW_ALL)
        for name in SITEMAPS:
            (site_dir / name).unlink(missing_ok=True)
    _write_widget(site_dir / assets.WIDGET, build)
    if reuse is not None:
        # The preview indexes search and compresses what changed itself, once it has removed what left the site.
        reuse.texts = fresh
        return set(fresh)
    if not os.environ.get(SKIP_SEARCH):
        pagefind.index(search.documents(build.index, build.outputs.bodies), site_dir)
    # Last, so that every file above has its copy: web servers send these as they are (nginx gzip_static).
    precompress.precompress(site_dir)
    return set(fresh)


def _api_documents(
    build: Build, site_dir: Path, base: str, reuse: Reuse | None, fresh: dict[str, str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The API documents to write; in a preview whose model did not change, only those of the bodies rendered again."""
    assert build.index is not None
    bodies = build.outputs.bodies
    if reuse is None:
        return api.documents(build.index, bodies, base=base)
    if reuse.index is not build.index or reuse.base != base:
        reuse.index, reuse.base = build.index, base
        return api.documents(build.index, bodies, base=base, memo=reuse.api_bodies)
    # Same model, same address: every list and entry is as before, and an article's document changes with its body.
    api_folder = str(site_dir / "api") + os.sep
    fresh.update((path, text) for path, text in reuse.texts.items() if path.startswith(api_folder))
    changed = {src for src, body in bodies.items() if reuse.api_bodies.get(src, ("",))[0] != body}
    return api.article_documents(build.index, bodies, base=base, memo=reuse.api_bodies, only=changed)


def _write_widget(path: Path, build: Build) -> None:
    """Give the widget the shared helpers, the help centre's name, its brand colour and the text colour on it.

    The widget is one file on other sites' pages: the helpers go into it at its "lanterne:shared" line, and the
    site's values as JSON (a safe JavaScript literal) at its "lanterne:build" line.
    """
    if path.is_file():
        colors = palette.derive(build.site.brand_color)
        built = json.dumps({"name": build.site_name, "brand": colors["brand"], "onBrand": colors["on_brand"]}, ensure_ascii=True)
        # A function as replacement: the name's backslashes stay as written, not read as group references.
        text = _BUILD_LINE.sub(lambda _: f"const built = {built}; // lanterne:build", path.read_text(encoding="utf-8"))
        # Inside the widget's function, whose own "use strict" covers it.
        shared = assets.source(assets.SHARED).read_text(encoding="utf-8").replace('"use strict";\n', "", 1).strip()
        path.write_text(text.replace(_SHARED_LINE, shared, 1), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
