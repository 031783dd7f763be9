"""Write the editor into a built site's admin/ folder: the page, its CSP, the generated configuration, and the pinned bundle."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from lanterne.cms.site import EditedSite
from lanterne.views import assets, strings

ASSETS = Path(__file__).with_name("assets")
# Each git host's API, which the editor calls from the browser (the OAuth window is a navigation, not a request).
API_ORIGINS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": None, "forgejo": None}


class BundleMissingError(Exception):
    """The pinned Decap CMS is not installed (npm ci has not run)."""


def write(site: EditedSite, config: dict[str, Any], admin: Path, node_modules: Path) -> None:
    """Write admin/: index.html, config.yml, lanterne.json, Lanterne's scripts, Decap's bundle and the YAML reader."""
    bundle = node_modules / "decap-cms" / "dist"
    reader = node_modules / "yaml" / "browser" / "dist"
    if not (bundle / "decap-cms.js").is_file() or not (reader / "index.js").is_file():
        raise BundleMissingError(f"{node_modules}: Decap CMS is not installed; run `npm ci` beside package-lock.json (make edit does)")
    admin.mkdir(parents=True, exist_ok=True)
    for chunk in bundle.glob("*decap-cms.js"):
        shutil.copyfile(chunk, admin / chunk.name)
    shutil.copytree(reader, admin / "yaml", dirs_exist_ok=True)
    for asset in ASSETS.iterdir():
        shutil.copyfile(asset, admin / asset.name)
    shutil.copyfile(assets.source(assets.SHARED), admin / Path(assets.SHARED).name)
    (admin / "config.yml").write_text(_yaml(config), encoding="utf-8")
    settings = _settings(site, admin.parent)
    (admin / "lanterne.json").write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    (admin / "index.html").write_text(page(site, config), encoding="utf-8")


def page(site: EditedSite, config: dict[str, Any]) -> str:
    """The editor's page, with a CSP of its own: scripts and styles from this folder, requests to this site and its git host."""
    lang = site.settings.default_language
    title = html.escape(f"{strings.text(lang, 'cms.articles')} · {site.site_name}")
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp(config), quote=False)}">\n'
        '<meta name="referrer" content="same-origin">\n<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        '<script src="lanterne-shared.js" defer></script>\n<script src="lanterne-cms.js" defer></script>\n'
        "</head>\n<body></body>\n</html>\n"
    )


def csp(config: dict[str, Any]) -> str:
    """The editor's policy. Decap compiles its configuration's schema at run time ('unsafe-eval') and styles in JS."""
    # blob: the images already in docs/ (and those just uploaded) are read back from the object URLs the CMS made of them.
    connect = ["'self'", "blob:", *sorted(_origins(config))]
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            f"connect-src {' '.join(connect)}",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def _origins(config: dict[str, Any]) -> set[str]:
    """Where the editor sends requests: the local proxy, or the git host's API."""
    backend = config["backend"]
    found = set()
    for url in (backend.get("proxy_url"), backend.get("api_root"), API_ORIGINS.get(backend["name"])):
        if url and url.startswith("http"):
            parts = urlsplit(url)
            found.add(f"{parts.scheme}://{parts.netloc}")
    return found


def _settings(site: EditedSite, site_dir: Path) -> dict[str, Any]:
    """What lanterne-cms.js needs besides Decap's configuration: languages, the site's stylesheets, the blocks' labels."""
    lang = site.settings.default_language
    label = lambda key: strings.text(lang, key)  # noqa: E731
    return {
        "languages": list(site.settings.languages),
        "defaultLanguage": lang,
        "styles": stylesheets(site_dir),
        "previewStyle": "lanterne-preview.css",
        "labels": {
            "note": label("cms.note"),
            "noteTitle": label("cms.note.title"),
            "noteHeading": label("cms.note.heading"),
            "noteBody": label("cms.note.body"),
            "admonition": label("cms.admonition"),
            "admonitionKind": label("cms.admonition.kind"),
            "admonitionTitle": label("cms.admonition.title"),
            "admonitionBody": label("cms.admonition.body"),
            "translationTitle": label("cms.translation_title"),
        },
    }


def stylesheets(site_dir: Path) -> list[str]:
    """The stylesheets the built home page links, from the site's root: the preview looks like the pages."""
    home = site_dir / "index.html"
    if not home.is_file():
        return []
    soup = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser")
    links = [str(link.get("href", "")) for link in soup.find_all("link", rel="stylesheet")]
    return ["/" + href.removeprefix("./") for href in links if href and not href.startswith(("http:", "https:", "//", "/"))]


def _yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML, with a header saying where it comes from."""
    header = "# Written by `lanterne cms` from the site's collections, authors and front-matter schema: do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=140)
