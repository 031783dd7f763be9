"""Every internal link, `src` and `#anchor` of a built site resolves (pages read as if served from site_url)."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from lanterne.check.built import Page, Site

# References that lead to no file of the site.
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "about", "blob"}


def broken_links(site: Site, site_url: str) -> tuple[int, list[str]]:
    """Check every reference of every page; return how many were checked and one line per broken one."""
    checked, broken = 0, []
    for page in site.pages.values():
        page_url = urljoin(site_url, page.path)
        for attribute, reference in page.references:
            checked += 1
            if problem := resolve(site, site_url, page_url, reference):
                broken.append(f"{page.path}: {attribute}={reference!r}: {problem}")
    return checked, broken


def resolve(site: Site, site_url: str, page_url: str, reference: str) -> str | None:
    """Say what is wrong with one reference from a page, or None when it resolves (or leaves the site)."""
    if not reference.strip():
        return None
    target = urlsplit(urljoin(page_url, reference.strip()))
    if target.scheme in SKIPPED_SCHEMES:
        return None
    root = urlsplit(site_url)
    if (target.scheme, target.netloc) != (root.scheme, root.netloc) or not target.path.startswith(root.path):
        return None  # another site
    wanted = unquote(target.path[len(root.path) :])
    path = target_file(site, wanted)
    if path is None:
        return f"no file {wanted or 'index.html'}"
    fragment = unquote(target.fragment)
    if fragment and path.endswith(".html") and fragment not in _anchors(site.pages.get(path)):
        return f"no element with id {fragment!r} in {path}"
    return None


def target_file(site: Site, path: str) -> str | None:
    """Return the file a site-relative URL path serves (a folder serves its index.html), or None."""
    if path in site.files:
        return path
    index = posixpath.join(path, "index.html")
    return index if index in site.files else None


def _anchors(page: Page | None) -> frozenset[str]:
    """Return the ids a page offers (none for a page that could not be parsed)."""
    return page.anchors if page else frozenset()
