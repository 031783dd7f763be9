"""Links inside rendered HTML: resolve them against a page's URL and rewrite them for another place."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

# MkDocs and Material write every attribute value between double quotes.
_TAG = re.compile(r"<(a|img|link|script|source|iframe)\b[^>]*>", re.IGNORECASE)
_REF = re.compile(r"""\s(href|src)="([^"]*)\"""", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")

# Given a tag name and a link, return the new link and whether it should open in a new tab.
Rewrite = Callable[[str, str], tuple[str, bool]]


def is_external(ref: str) -> bool:
    """Tell whether a link leaves the site (http, https or protocol-relative)."""
    return ref.startswith(("http://", "https://", "//"))


def resolve(ref: str, page_url: str) -> str | None:
    """Return the site-root-relative path (with any #fragment) a relative link points to, else None."""
    # Python-Markdown writes autolinked email addresses as entities (&#109;&#97;…): decode before telling the scheme.
    if not ref or ref.startswith("#") or _ABSOLUTE.match(html.unescape(ref)):
        return None
    if ref.startswith("/"):
        return ref.lstrip("/")
    path, hash_mark, fragment = ref.partition("#")
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join("/", folder, path)).lstrip("/")
    if joined == ".":
        joined = ""
    # "../.." is a directory too: MkDocs' url filter writes the home page's link that way.
    if joined and path.rsplit("/", 1)[-1] in ("", ".", ".."):
        joined += "/"
    return joined + hash_mark + fragment


def relative(target: str, page_url: str) -> str:
    """Return the link from the page at `page_url` to the site-root-relative `target`."""
    path, hash_mark, fragment = target.partition("#")
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    link = posixpath.relpath(posixpath.join("/", path), posixpath.join("/", folder))
    if path.endswith("/") or not path:
        link = "./" if link == "." else f"{link}/"
    return link + hash_mark + fragment


def rewrite(html: str, change: Rewrite) -> str:
    """Rewrite the href/src of every link-bearing tag; links that open a new tab get rel=noopener."""

    def tag(match: re.Match[str]) -> str:
        name = match[1].lower()
        new_tab = False

        def ref(found: re.Match[str]) -> str:
            nonlocal new_tab
            value, opens = change(name, found[2])
            new_tab = new_tab or opens
            return f' {found[1]}="{value}"'

        text = _REF.sub(ref, match[0])
        if new_tab and name == "a" and " target=" not in text:
            text = text[:-1].rstrip("/").rstrip() + ' target="_blank" rel="noopener">'
        return text

    return _TAG.sub(tag, html)
