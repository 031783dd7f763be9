"""docs/.redirects.yml: old URL paths (from another help centre, any shape) and the docs file each one now leads to.

`lanterne import` writes it; an author may add to it. Unlike `aliases:`, an old path need not be a docs/ path: it may sit
under a language folder (/en/articles/12-x) or end without .md (/hc/en-us/articles/360-x). Each entry becomes a redirect
page in every build that publishes its target, and a 301 in the nginx site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lanterne.content import frontmatter
from lanterne.content.aliases import RESERVED
from lanterne.content.model import Article, Collection, HelpCentre
from lanterne.content.problems import ContentError, Problem

FILE = "docs/.redirects.yml"
# What a web server reads as one path, and what nginx and an HTML attribute can hold as written.
_SEGMENT = r"[^/\s?#%\\\"'<>`${};]+"
_PATH = re.compile(rf"^{_SEGMENT}(?:/{_SEGMENT})*$")
EXAMPLE = "expected an old path such as hc/en-us/articles/360001-Reset-your-password: a docs file such as account/reset.md"


@dataclass(frozen=True)
class Moved:
    """One old path and the page it now leads to, in this build."""

    path: str
    target: str
    title: str
    lang: str


def read(text: str | None) -> tuple[list[tuple[str, str, int]], list[Problem]]:
    """The entries of the file as (old path, docs file, line), or the problems that keep each one out."""
    if text is None:
        return [], []
    try:
        front = frontmatter.parse(f"---\n{text}\n---\n", FILE)
    except ContentError as error:
        return [], [Problem(FILE, error.problem.line - 1, error.problem.key, error.problem.message)]
    entries = front.data.get("redirects")
    if set(front.data) - {"redirects"} or not isinstance(entries, dict):
        return [], [Problem(FILE, 1, "redirects", f"expected a mapping 'redirects:' of old paths to docs files; {EXAMPLE}")]
    found, problems = [], []
    for old, target in entries.items():
        line = front.line_of("redirects", old) - 1
        message = check_entry(old, target)
        if message:
            problems.append(Problem(FILE, line, f"redirects.{old}", message))
        else:
            found.append((str(old).strip("/"), str(target), line))
    return found, problems


def resolve(
    entries: list[tuple[str, str, int]], centre: HelpCentre, *, sources: Mapping[str, str], published: Mapping[str, str]
) -> tuple[list[Moved], list[Problem]]:
    """The redirects this build publishes: a target it leaves out (internal in the public build) has none, never an error."""
    languages = set(centre.settings.languages)
    taken = {url.strip("/") for url in published.values()}
    moved, problems, seen = [], [], set()
    for old, target, line in entries:
        key = f"redirects.{old}"
        if target not in sources:
            problems.append(Problem(FILE, line, key, f"'{target}' is not a file of docs/; {EXAMPLE}"))
            continue
        first = old.split("/", 1)[0]
        if first in RESERVED and first not in languages:
            problems.append(Problem(FILE, line, key, f"'{old}' is in {first}/, where the build writes its own files; {EXAMPLE}"))
            continue
        if old in taken:
            problems.append(Problem(FILE, line, key, f"'{old}' is the address of a published page; expected an old path no page has"))
            continue
        item = centre.by_src.get(target)
        if not isinstance(item, Article | Collection) or old in seen:
            continue
        seen.add(old)
        moved.append(Moved(old, item.url, item.title, item.lang))
    return moved, problems


def check_entry(old: object, target: object) -> str | None:
    """Say what is wrong with one entry, if anything."""
    if not isinstance(old, str) or not _PATH.match(old.strip("/")) or {".", ".."} & set(old.strip("/").split("/")):
        return f"{old!r} is not a path a web server can redirect (no spaces, quotes, %, ?, # or braces); {EXAMPLE}"
    if not isinstance(target, str) or not target.endswith(".md") or not _PATH.match(target) or ".." in target.split("/"):
        return f"{target!r} is not a docs file; {EXAMPLE}"
    return None
