"""An article's source link: MkDocs' `repo_url` and `edit_uri` (or `edit_uri_template`), the "edit this page" convention."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import urljoin

from lanterne.content import safe_text


def edit_links(repo_url: str | None, edit_uri: str | None, template: str | None) -> Callable[[str], str | None] | None:
    """A function from a source path under docs/ to its edit URL, as MkDocs computes page.edit_url; None without the settings."""
    if not (edit_uri or template) or not (repo_url or _absolute(edit_uri or template or "")):
        return None

    def link(src_path: str) -> str | None:
        """The edit URL of one source file; none unless it is an http(s) URL (the settings are checked, this is a second net)."""
        noext = posixpath.splitext(src_path)[0]
        relative = template.format(path=src_path, path_noext=noext) if template else f"{edit_uri}{src_path}"
        base = repo_url if not repo_url or relative.startswith(("?", "#")) or repo_url.endswith("/") else f"{repo_url}/"
        url = urljoin(base, relative) if base else relative
        return url if safe_text.is_web_url(url) else None

    return link


def _absolute(uri: str) -> bool:
    """An edit_uri that is a whole URL needs no repo_url."""
    return uri.startswith(("http://", "https://"))
