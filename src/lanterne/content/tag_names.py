"""Tags as the tag page names them: one spelling per tag, and no two tags sharing one anchor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pymdownx.slugs import slugify

from lanterne.content.frontmatter import FrontMatter
from lanterne.content.model import HelpCentre
from lanterne.content.problems import Problem

_slug = slugify(case="lower")


def key(name: str) -> str:
    """Compare tags the way readers do: 'Email' and 'email' are one tag."""
    return name.strip().casefold()


def anchor(name: str) -> str:
    """The id of a tag's section on its tag page (Material's convention, so old links keep working)."""
    return f"tag:{_slug(name.strip(), '-')}"


def check(centre: HelpCentre, parsed: Mapping[str, tuple[Any, FrontMatter, Any]]) -> dict[str, list[Problem]]:
    """Find the tags whose anchor another tag of the same language has: the tag page would show two sections as one link."""
    owners: dict[tuple[str, str], tuple[str, str]] = {}  # (language, anchor) -> (the tag as first written, its article)
    found: dict[str, list[Problem]] = {}
    for article in sorted(centre.articles.values(), key=lambda a: a.src_path):
        front = parsed[article.src_path][1]
        for index, name in enumerate(article.tags):
            owner = owners.setdefault((article.lang, anchor(name)), (name, article.src_path))
            if key(owner[0]) != key(name):
                message = f"item {index + 1} {_collision(name, owner, article.src_path)}"
                problem = Problem(f"docs/{article.src_path}", front.line_of("tags", index), "tags", message)
                found.setdefault(article.src_path, []).append(problem)
    return found


def _collision(name: str, owner: tuple[str, str], src_path: str) -> str:
    """Say which tag already has this one's anchor, and where."""
    where = "in this article" if owner[1] == src_path else f"in docs/{owner[1]}"
    return (
        f"{name!r} has the same address on the tag page ({anchor(name)}) as the tag {owner[0]!r} {where}; "
        "expected one spelling of a tag, or tags that differ in their letters or digits"
    )
