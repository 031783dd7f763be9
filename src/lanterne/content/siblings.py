"""Checks that look at a file's siblings: a translation and its source, a file and its collection, articles among themselves.

Each check returns its problems by source path and rejects nothing itself: the loader leaves those files out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lanterne.content.frontmatter import FrontMatter
from lanterne.content.model import Article, HelpCentre, Settings
from lanterne.content.problems import Problem
from lanterne.content.sources import Source

# One parsed file: where it sits, its front matter, and that front matter validated by its schema.
Parsed = tuple[Source, FrontMatter, Any]
# What a translation inherits from its source and may not change.
INHERITED = ("id", "audience", "author", "aliases")


def default_src(source: Source) -> str:
    """Return the path of the default-language file a translation belongs to."""
    return f"{source.base}.md"


def translations(parsed: Mapping[str, Parsed], settings: Settings) -> dict[str, list[Problem]]:
    """A translation needs its source beside it and may not change what it inherits."""
    found = {}
    for src_path, (source, front, meta) in parsed.items():
        if source.lang != settings.default_language and (problems := _translation(source, front, meta, parsed, settings)):
            found[src_path] = problems
    return found


def _translation(source: Source, front: FrontMatter, meta: Any, parsed: Mapping[str, Parsed], settings: Settings) -> list[Problem]:
    """The problems of one translation with its source."""
    path = f"docs/{source.src_path}"
    origin = parsed.get(default_src(source))
    if origin is None:
        return [
            Problem(
                path,
                1,
                "translation",
                f"no source docs/{default_src(source)}; expected the {settings.default_language} file beside its translation",
            )
        ]
    problems = []
    for key in INHERITED:
        mine, theirs = getattr(meta, key, None), getattr(origin[2], key, None)
        if key == "id" and theirs is None:
            theirs = source.base  # the source's id defaults to its path
        if key in front.data and mine != theirs:
            problems.append(
                Problem(
                    path,
                    front.line_of(key),
                    key,
                    f"{mine!r} differs from the source's {theirs!r}; a translation inherits {key}, so remove it or make it equal",
                )
            )
    return problems


def parents(parsed: Mapping[str, Parsed], settings: Settings) -> dict[str, list[Problem]]:
    """An article or sub-collection needs its collection's index.md, in its own language too."""
    found = {}
    for src_path, (source, _, _) in parsed.items():
        if source.kind in ("article", "collection") and (problem := _parent(source, parsed, settings)):
            found[src_path] = [problem]
    return found


def _parent(source: Source, parsed: Mapping[str, Parsed], settings: Settings) -> Problem | None:
    """The problem of one file with its collection's index, if any."""
    parent, path = source.collection, f"docs/{source.src_path}"
    if not parent:
        return None
    if f"{parent}/index.md" not in parsed:
        return Problem(path, 1, "collection", f"folder '{parent}' has no index.md; expected docs/{parent}/index.md with at least a title")
    if source.lang != settings.default_language and f"{parent}/index.{source.lang}.md" not in parsed:
        return Problem(
            path,
            1,
            "collection",
            f"folder '{parent}' has no {source.lang} index; expected docs/{parent}/index.{source.lang}.md "
            f"with at least a title, so that the collection appears in {source.lang}",
        )
    return None


def articles(centre: HelpCentre, parsed: Mapping[str, Parsed]) -> dict[str, list[Problem]]:
    """Checks across articles: a collection that was left out, ids unique per language, related targets that exist."""
    seen: dict[tuple[str, str], str] = {}
    found = {}
    for article in sorted(centre.articles.values(), key=lambda a: a.src_path):
        front = parsed[article.src_path][1]
        problems = []
        if article.collection and (article.collection, centre.settings.default_language) not in centre.collections:
            problems.append(
                Problem(
                    f"docs/{article.src_path}",
                    1,
                    "collection",
                    f"docs/{article.collection}/index.md has problems; expected a valid collection index",
                )
            )
        first = seen.setdefault((article.id, article.lang), article.src_path)
        if first != article.src_path:
            problems.append(
                Problem(
                    f"docs/{article.src_path}",
                    front.line_of("id"),
                    "id",
                    f"'{article.id}' is already used by docs/{first}; expected an id unique to this article",
                )
            )
        problems += _related(article, front, parsed, centre.settings.default_language)
        if problems:
            found[article.src_path] = problems
    return found


def _related(article: Article, front: FrontMatter, parsed: Mapping[str, Parsed], default_language: str) -> list[Problem]:
    """Each related entry names another default-language article."""
    problems = []
    for index, target in enumerate(article.related):
        entry = parsed.get(target)
        if target == article.src_path or target == f"{article.base}.md":
            message = f"item {index + 1} '{target}' is the article itself; expected another article"
        elif entry is None or entry[0].kind != "article" or entry[0].lang != default_language:
            message = (
                f"item {index + 1} '{target}' is not an article; expected an article path relative to docs/, "
                "such as factures/envoi/relances-automatiques.md"
            )
        else:
            continue
        problems.append(Problem(f"docs/{article.src_path}", front.line_of("related", index), "related", message))
    return problems
