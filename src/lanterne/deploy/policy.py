"""The Content-Security-Policy a built site needs: read from the theme's part of its HTML and from the settings, never from content."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

# Scripts of these types run; others (application/json, application/ld+json) are data, which CSP does not govern.
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
# Where each element's address is fetched from, by directive (a <link> depends on its rel, see _link).
_DIRECTIVES = {"img": "img-src", "source": "media-src", "video": "media-src", "audio": "media-src", "track": "media-src"}
_DIRECTIVES |= {"iframe": "frame-src", "form": "form-action"}
# What an article's body may add: the images and media it shows, which run nothing. Its scripts, styles, frames and
# forms never shape the policy (issue 21.4): the build refuses them, and the policy would not allow them if one slipped.
_FROM_CONTENT = frozenset({"img", "source", "video", "audio", "track"})
# The attribute the theme puts on the element around what an author wrote (article.html, home.html, main.html).
CONTENT = "data-lt-content"
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
    """Add what one page runs and loads: everything of the theme's, and only the images and media of what an author wrote."""
    if not page.strip():
        return
    document = lxml_html.document_fromstring(page)
    for element in document.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions load nothing
            continue
        name = element.tag.lower()
        attributes = {key.lower(): value for key, value in element.attrib.items()}
        if not _in_content(element):
            _element(name, element.text or "", attributes, uses)
        elif name in _FROM_CONTENT:
            _fetches(name, attributes, uses)


def _in_content(element: lxml_html.HtmlElement) -> bool:
    """Tell whether an element is inside what an author wrote."""
    return any(CONTENT in ancestor.attrib for ancestor in element.iterancestors()) or CONTENT in element.attrib


def _element(name: str, text: str, attributes: dict[str, str], uses: Uses) -> None:
    """Add what an element of the theme runs, and the addresses it fetches from."""
    if "style" in attributes:
        uses.style_attributes.add(digest(attributes["style"]))
    if name == "script":
        if "src" in attributes:
            uses.add_origin("script-src", attributes["src"])
        elif attributes.get("type", "").lower() in _SCRIPT_TYPES:
            uses.scripts.add(digest(text))
    elif name == "style":
        uses.styles.add(digest(text))
    else:
        _fetches(name, attributes, uses)


def _fetches(name: str, attributes: dict[str, str], uses: Uses) -> None:
    """Add the addresses an element fetches from."""
    directive = _link(attributes) if name == "link" else _DIRECTIVES.get(name)
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


def digest(text: str) -> str:
    """A CSP hash source for inline code: 'sha256-<base64>' of its UTF-8 bytes, exactly as written."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def policy(uses: Uses, *, endpoint_origin: str | None = None, embeds: tuple[str, ...] = ()) -> str:
    """The policy, without frame-ancestors (which depends on the page: see the nginx template).

    `embeds` are the video hosts extra.lanterne.embeds names: the only frames the pages may show.
    """
    origins = {directive: set(found) for directive, found in uses.origins.items()}
    origins.setdefault("frame-src", set()).update(embeds)
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
