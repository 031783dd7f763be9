"""Who owns each article and when it is due for review.

An article's review date is its own `review_by`, or its last update plus a period: its own `review_every`, else
(for a translation) its source's, else the nearest collection's, else the site's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from lanterne.content.frontmatter import FrontMatter
from lanterne.content.model import Article, HelpCentre
from lanterne.content.periods import Period
from lanterne.content.problems import Problem


def assign(
    centre: HelpCentre, parsed: Mapping[str, tuple[Any, FrontMatter, Any]], *, unread_author: Callable[[str | None], bool] = lambda a: False
) -> dict[str, list[Problem]]:
    """Give every article its owner and review date; return the problems found, by source path.

    `unread_author` tells an owner whose entry of docs/.authors.yml has a problem of its own, reported there.
    """
    found: dict[str, list[Problem]] = {}
    default = centre.settings.default_language
    for article in centre.articles.values():
        _, front, meta = parsed[article.src_path]
        origin = parsed.get(f"{article.base}.md") if article.lang != default else None
        chain = [meta, origin[2]] if origin else [meta]
        article.owner = next((m.owner for m in chain if m.owner), None)
        for own in chain:
            if own.review_by or own.review_every:
                article.review_by, article.review_every = own.review_by, own.review_every
                break
        else:
            article.review_every = _collection_period(parsed, article) or centre.settings.review_every
        if article.review_every is not None:
            article.review_by = article.review_every.after(article.updated)
        problems = _check(article, front, meta, centre, unread_author)
        if problems:
            found[article.src_path] = problems
    return found


def _collection_period(parsed: Mapping[str, tuple[Any, FrontMatter, Any]], article: Article) -> Period | None:
    """The review period of the nearest collection that sets one, in the article's language or the default one."""
    path = article.collection
    while path:
        for index in (f"{path}/index.{article.lang}.md", f"{path}/index.md"):
            entry = parsed.get(index)
            if entry and entry[2].review_every:
                return entry[2].review_every
        path = path.rpartition("/")[0]
    return None


def _check(
    article: Article, front: FrontMatter, meta: Any, centre: HelpCentre, unread_author: Callable[[str | None], bool]
) -> list[Problem]:
    """The owner is an author; a review date is set one way, not two."""
    path = f"docs/{article.src_path}"
    problems = []
    if meta.owner and meta.owner not in centre.authors and not unread_author(meta.owner):
        known = ", ".join(sorted(centre.authors)) or "none (docs/.authors.yml is missing or empty)"
        problems.append(
            Problem(path, front.line_of("owner"), "owner", f"'{meta.owner}' is not in docs/.authors.yml; expected one of: {known}")
        )
    if meta.review_by and meta.review_every:
        problems.append(
            Problem(
                path,
                front.line_of("review_every"),
                "review_every",
                f"{meta.review_every} is set together with review_by ({meta.review_by}); expected one of them: "
                "review_by for a fixed date, review_every for a period counted from the last update",
            )
        )
    return problems
