"""Read docs/.authors.yml, in the format of Material's blog plugin, with line-numbered problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lanterne.content import frontmatter, safe_text, schema, sources
from lanterne.content.model import Author
from lanterne.content.problems import ContentError, Problem

AUTHORS_FILE = "docs/.authors.yml"


@dataclass
class Authors:
    """The authors read, the problems of the file, and the entries it has but could not read."""

    known: dict[str, Author] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)
    # The whole file could not be read: no author id can be told right or wrong.
    unreadable: bool = False

    def is_unread(self, author_id: str | None) -> bool:
        """Tell whether an article's author is missing only because of a problem of docs/.authors.yml, reported there."""
        return author_id is not None and author_id not in self.known and (self.unreadable or author_id in self.unread)


def read_authors(text: str | None, *, asset_exists: Callable[[str], bool] = lambda path: True) -> Authors:
    """Read docs/.authors.yml (Material blog format: a mapping under `authors:`); avatars must exist under docs/."""
    if text is None:
        return Authors()
    try:
        front = frontmatter.parse(f"---\n{text}\n---\n", AUTHORS_FILE)
    except ContentError as error:
        problem = error.problem
        return Authors(problems=[Problem(problem.path, problem.line - 1, problem.key, problem.message)], unreadable=True)
    front.lines = {loc: line - 1 for loc, line in front.lines.items()}
    entries = front.data.get("authors")
    if set(front.data) - {"authors"} or not isinstance(entries, dict):
        problem = Problem(AUTHORS_FILE, 1, "authors", "expected a mapping 'authors:' of author ids to name, description and avatar")
        return Authors(problems=[problem], unreadable=True)
    result = Authors()
    authors, problems = result.known, result.problems
    for author_id, data in entries.items():
        sub = frontmatter.FrontMatter(
            data=data if isinstance(data, dict) else {"name": data},
            lines={loc[2:]: line for loc, line in front.lines.items() if loc[:2] == ("authors", author_id)},
            start_line=front.line_of("authors", author_id),
        )
        value, found = schema.validate(schema.Author, sub, AUTHORS_FILE)
        problems.extend(Problem(p.path, p.line, f"authors.{author_id}.{p.key}", p.message) for p in found)
        if value is None:
            result.unread.add(str(author_id))
            continue
        avatar = value.avatar
        if avatar and (wrong := _avatar_problem(avatar, str(author_id), asset_exists)):
            # The author stays (shown with initials), so that their articles do not fail too.
            problems.append(Problem(AUTHORS_FILE, sub.line_of("avatar"), f"authors.{author_id}.avatar", wrong))
            avatar = None
        authors[str(author_id)] = Author(id=str(author_id), name=value.name, description=value.description, avatar=avatar)
    return result


def _avatar_problem(avatar: str, author_id: str, asset_exists: Callable[[str], bool]) -> str | None:
    """Say why an avatar cannot be shown: an https URL, or an image file of docs/ with a name a URL can carry."""
    expected = f"expected an image file such as assets/authors/{author_id}.svg, or an https:// URL"
    if safe_text.is_https_url(avatar):
        return None
    if safe_text.has_control(avatar) or avatar.startswith(("/", "\\")) or ":" in avatar or sources.path_problem(avatar):
        return f"{avatar!r} is neither an https:// URL nor a path under docs/ a page can carry safely; {expected}"
    if not asset_exists(avatar):
        return f"'{avatar}' does not exist under docs/; {expected}"
    return None
