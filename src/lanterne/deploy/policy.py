"""The Content-Security-Policy a built site needs: read from its HTML, so that it allows what the pages use and no more."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# Scripts of these types run; others (application/json, application/ld+json) are data, which CSP does not govern.
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_TAG = re.compile(r"<(link|img|source|iframe|video|audio|track|form)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_STYLE_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Where each element's address is fetched from, by directive (a <link> depends on its rel, see _link).
_DIRECTIVES = {"img": "img-src", "source": "media-src", "video": "media-src", "audio": "media-src", "track": "media-src"}
_DIRECTIVES |= {"iframe": "frame-src", "form": "form-action"}
# An origin as a policy may name it; anything else on a page (quotes, spaces, ';') is no address to allow.
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?")
# A stylesheet host whose fonts come from another: Material's default fonts are Google Fonts.
FONT_HOSTS = {"https://fonts.googleapis.com": "https://fonts.gstatic.com"}


@dataclass
class Uses:
    """What the pages of a build load or run that CSP governs: inline code by hash, other origins by directive."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    origins: dict[str, set[str]] = field(default_factory=dict)

    def add_origin(self, directive: str, url: str) -> None:
        """Allow the origin of an absolute URL for a directive; the site's own files need nothing, `data:` is already
        allowed where it is harmless (images, fonts) and never added where it would run code."""
        if url.startswith("data:"):
            return
        origin = origin_of(url if not url.startswith("//") else f"https:{url}")
        if origin is not None:
            self.origins.setdefault(directive, set()).add(origin)


def scan(site_dir: Path) -> Uses:
    """Read every HTML page of a built site once."""
    uses = Uses()
    for path in sorted(site_dir.rglob("*.html")):
        read_page(path.read_text(encoding="utf-8"), uses)
    return uses


def read_page(page: str, uses: Uses) -> None:
    """Add what one page runs and loads."""
    for match in _SCRIPT.finditer(page):
        attributes = _attributes(match[1])
        if "src" in attributes:
            uses.add_origin("script-src", attributes["src"])
        elif attributes.get("type", "").lower() in _SCRIPT_TYPES:
            uses.scripts.add(digest(match[2]))
    uses.styles.update(digest(text) for text in _STYLE.findall(page))
    uses.style_attributes.update(digest(html.unescape(double or single)) for double, single in _STYLE_ATTRIBUTE.findall(page))
    for match in _TAG.finditer(page):
        _element(match[1].lower(), _attributes(match[2]), uses)


def _element(name: str, attributes: dict[str, str], uses: Uses) -> None:
    """Add the addresses an element fetches from."""
    directive = _link(attributes) if name == "link" else _DIRECTIVES[name]
    if directive is None:
        return
    address = attributes.get("action" if name == "form" else "href" if name == "link" else "src", "")
    uses.add_origin(directive, address)
    for candidate in attributes.get("srcset", "").split(","):
        if candidate.strip():
            uses.add_origin(directive, candidate.split()[0])


def _link(attributes: dict[str, str]) -> str | None:
    """The directive a <link> loads under, by its rel; None for links that load nothing (canonical, preconnect)."""
    rel = attributes.get("rel", "").lower().split()
    if "stylesheet" in rel:
        return "style-src"
    if "icon" in rel or "apple-touch-icon" in rel:
        return "img-src"
    return "manifest-src" if "manifest" in rel else None


def _attributes(text: str) -> dict[str, str]:
    """An element's attributes, names lower-cased, values unescaped."""
    return {
        m[1].lower(): html.unescape(m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]) for m in _ATTRIBUTE.finditer(text)
    }


def digest(text: str) -> str:
    """A CSP hash source for inline code: 'sha256-<base64>' of its UTF-8 bytes, exactly as written."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def policy(uses: Uses, *, endpoint_origin: str | None = None) -> str:
    """The policy, without frame-ancestors (which depends on the page: see the nginx template)."""
    origins = {directive: set(found) for directive, found in uses.origins.items()}
    for stylesheet_host, font_host in FONT_HOSTS.items():
        if stylesheet_host in origins.get("style-src", set()):
            origins.setdefault("font-src", set()).add(font_host)
    if endpoint_origin:
        for directive in ("connect-src", "form-action"):
            origins.setdefault(directive, set()).add(endpoint_origin)
    style_hashes = sorted(uses.styles | uses.style_attributes)
    directives = {
        "default-src": ["'none'"],
        # Pagefind compiles its WebAssembly: 'wasm-unsafe-eval' allows that and nothing else (no eval of text).
        "script-src": ["'self'", "'wasm-unsafe-eval'", *sorted(uses.scripts)],
        "style-src": ["'self'", *(["'unsafe-hashes'"] if uses.style_attributes else []), *style_hashes],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "data:"],
        "frame-src": [],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    for directive, sources in directives.items():
        sources += sorted(origins.get(directive, set()) - set(sources))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items() if sources)


def origin_of(url: str) -> str | None:
    """The origin of an absolute http(s) URL; None for a path, or for a host no browser would load from."""
    parts = urlsplit(url.strip())
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    return origin if _ORIGIN.fullmatch(origin) else None
