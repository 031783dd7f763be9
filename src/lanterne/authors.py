"""Read docs/.authors.yml, in the format of Material's blog plugin, with line-numbered problems."""

from __future__ import annotations

from . import frontmatter, schema
from .model import Author
from .problems import ContentError, Problem

AUTHORS_FILE = "docs/.authors.yml"


def read_authors(text: str | None) -> tuple[dict[str, Author], list[Problem]]:
    """Read docs/.authors.yml (Material blog format: a mapping under `authors:`)."""
    problems: list[Problem] = []
    if text is None:
        return {}, problems
    try:
        front = frontmatter.parse(f"---\n{text}\n---\n", AUTHORS_FILE)
    except ContentError as error:
        problem = error.problem
        return {}, [Problem(problem.path, problem.line - 1, problem.key, problem.message)]
    front.lines = {loc: line - 1 for loc, line in front.lines.items()}
    entries = front.data.get("authors")
    if set(front.data) - {"authors"} or not isinstance(entries, dict):
        return {}, [Problem(AUTHORS_FILE, 1, "authors", "expected a mapping 'authors:' of author ids to name, description and avatar")]
    authors: dict[str, Author] = {}
    for author_id, data in entries.items():
        sub = frontmatter.FrontMatter(
            data=data if isinstance(data, dict) else {"name": data},
            lines={loc[2:]: line for loc, line in front.lines.items() if loc[:2] == ("authors", author_id)},
            start_line=front.line_of("authors", author_id),
        )
        value, found = schema.validate(schema.Author, sub, AUTHORS_FILE)
        problems.extend(Problem(p.path, p.line, f"authors.{author_id}.{p.key}", p.message) for p in found)
        if value:
            authors[str(author_id)] = Author(id=str(author_id), name=value.name, description=value.description, avatar=value.avatar)
    return authors, problems
