"""Old paths of moved articles: each one checked against every URL the help centre uses, and redirected to the article."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from lanterne.content.frontmatter import FrontMatter
from lanterne.content.model import Article, HelpCentre
from lanterne.content.problems import Problem
from lanterne.content.sources import url_of

_SEGMENT = r"[^/\s?#%\\\"'<>`]+"
_PATH = re.compile(rf"^{_SEGMENT}(?:/{_SEGMENT})*$")
# Folders either build writes itself (admin/ is the editor's): a redirect page there would sit among its files.
RESERVED = frozenset({"admin", "api", "assets", "embed", "lanterne", "pagefind", "search"})
# Files either build writes at the site's root: a redirect folder of that name would replace or collide with them.
RESERVED_FILES = frozenset({"index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "index.html.gz", "404.html.gz"})
EXAMPLE = "expected an old path of this article relative to docs/, such as factures/ancien-nom.md"


def check_path(value: Any) -> Any:
    """Accept a path relative to docs/, with or without .md, that cannot leave docs/ or break out of HTML."""
    if isinstance(value, str) and (not _PATH.match(value) or {".", ".."} & set(value.split("/"))):
        raise ValueError(f"{value!r} is not a path relative to docs/; {EXAMPLE}")
    return value


def base_of(path: str) -> str:
    """An alias as written, without its .md: factures/ancien-nom."""
    return path.removesuffix(".md")


def check(
    centre: HelpCentre,
    parsed: Mapping[str, tuple[Any, FrontMatter, Any]],
    generated: Mapping[str, str],
    asset_exists: Callable[[str], bool] = lambda path: False,
) -> dict[str, list[Problem]]:
    """Find the aliases whose URL is in a reserved folder or a language, or is a page, a file or another alias's.

    `generated` names the pages the engine adds, by URL; `asset_exists` tells a file of docs/ the build copies.
    Every audience's pages count, so both builds agree.
    """
    settings = centre.settings
    others = set(settings.languages) - {settings.default_language}
    pages = {
        **{url: f"the generated {name}" for url, name in generated.items()},
        **{i.url: f"docs/{src}" for src, i in centre.by_src.items()},
    }
    seen: dict[str, str] = {}
    found: dict[str, list[Problem]] = {}
    for article in sorted(centre.articles.values(), key=lambda a: (a.lang != settings.default_language, a.src_path)):
        if not article.aliases:
            continue
        writer = article.src_path if "aliases" in parsed[article.src_path][1].data else f"{article.base}.md"
        front = parsed[writer][1]
        for index, alias in enumerate(article.aliases):
            url = url_of(alias, article.lang, default_language=settings.default_language)
            written = str(front.data["aliases"][index])
            message = _written_over(written, url, asset_exists) or _conflict(written, article, pages.get(url), seen.get(url), others)
            seen.setdefault(url, article.src_path)
            if message:
                for_variant = "" if writer == article.src_path else f" (for its {article.lang} translation, docs/{article.src_path})"
                problem = Problem(f"docs/{writer}", front.line_of("aliases", index), "aliases", message + for_variant)
                found.setdefault(writer, []).append(problem)
        if article.lang == settings.default_language and parsed[article.src_path][2].id is None:
            problem = Problem(f"docs/{article.src_path}", front.line_of("aliases"), "aliases", _needs_id(article))
            found.setdefault(article.src_path, []).append(problem)
    return found


def _written_over(alias: str, url: str, asset_exists: Callable[[str], bool]) -> str | None:
    """Say which file of the build the redirect page at `url` would replace or need as a folder, if any."""
    segments = url.rstrip("/").split("/")
    if segments[0] in RESERVED:
        return f"'{alias}' is in {segments[0]}/, where the build writes its own files; {EXAMPLE}"
    if segments[0] in RESERVED_FILES:
        return f"'{alias}' is the build's own {segments[0]}, which its redirect page would replace; {EXAMPLE}"
    for end in range(1, len(segments) + 1):
        path = "/".join(segments[:end])
        if asset_exists(path):
            return f"'{alias}' is the file docs/{path}, which the build copies; {EXAMPLE}"
    return None


def _conflict(alias: str, article: Article, page: str | None, other: str | None, languages: set[str]) -> str | None:
    """Say why an alias cannot be used, if it cannot: `page` and `other` are what already has its URL."""
    first = alias.split("/", 1)[0]
    if first in languages:
        return f"'{alias}' starts with the language folder {first}/; expected the default language's path: its translations follow"
    if page == f"docs/{article.src_path}":
        return f"'{alias}' is this article's own path; {EXAMPLE}"
    if page:
        return f"'{alias}' leads to {page}, which is published; {EXAMPLE}"
    if other == article.src_path:
        return f"'{alias}' is listed twice; expected each old path once"
    if other:
        return f"'{alias}' is already an alias of docs/{other}; expected an alias unique to one article"
    return None


def _needs_id(article: Article) -> str:
    """Ask for the id a moved article keeps, so that its reactions and the apps that link to it follow it."""
    before = article.aliases[0]
    return (
        f"the article has moved but has no id, so its id is now '{article.id}' and the reactions collected as '{before}' "
        f"stay behind; expected id: {before} (the id it had before the move), or id: {article.id} to start afresh"
    )
