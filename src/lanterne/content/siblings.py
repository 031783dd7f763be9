"""Checks that look at a file's siblings: a translation and its source, a file and its collection, articles among themselves.

Each check returns its problems by source path and rejects nothing itself: the loader leaves those files out.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
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


def translations(parsed: Mapping[str, Parsed], sources: Container[str], settings: Settings) -> dict[str, list[Problem]]:
    """A translation needs its source beside it and may not change what it inherits.

    A source that exists but could not be read is its own problem: its translation is left out with it (see dependents).
    """
    found = {}
    for src_path, (source, front, meta) in parsed.items():
        if source.lang == settings.default_language or (default_src(source) in sources and default_src(source) not in parsed):
            continue
        if problems := _translation(source, front, meta, parsed, settings):
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


def missing_indexes(placed: Mapping[str, Source], sources: Container[str], settings: Settings) -> dict[str, Problem]:
    """The collection index each folder lacks, by its path, for every file whose path says what it is: one problem per folder.

    The files of such a folder are left out until the index exists (see dependents).
    """
    waiting: dict[str, list[str]] = {}
    for src_path, source in placed.items():
        if source.kind in ("article", "collection") and source.collection:
            for index in _indexes(source, settings):
                if index not in sources:
                    waiting.setdefault(index, []).append(src_path)
                    break
    return {index: _missing(index, files, settings) for index, files in sorted(waiting.items())}


def _indexes(source: Source, settings: Settings) -> list[str]:
    """The index files a file needs: its collection's, and in a translation its collection's in its language too."""
    folder = source.collection
    own = [f"{folder}/index.{source.lang}.md"] if source.lang != settings.default_language else []
    return [f"{folder}/index.md", *own]


def _missing(index: str, files: list[str], settings: Settings) -> Problem:
    """The problem of one folder without the index its files need."""
    folder, _, name = index.rpartition("/")
    count = f"its {len(files)} files are" if len(files) > 1 else f"docs/{files[0]} is"
    lang = name.removeprefix("index.").removesuffix(".md")
    if name == "index.md":
        return Problem(
            f"docs/{index}",
            1,
            "collection",
            f"folder docs/{folder}/ has no index.md, so {count} left out; expected docs/{index} with at least a title",
        )
    return Problem(
        f"docs/{index}",
        1,
        "collection",
        f"folder docs/{folder}/ has no {lang} index, so {count} left out; expected docs/{index} with at least a title, "
        f"so that the collection appears in {lang}",
    )


def articles(centre: HelpCentre, parsed: Mapping[str, Parsed], sources: Container[str]) -> dict[str, list[Problem]]:
    """Checks across articles: ids unique per language, related targets that exist."""
    seen: dict[tuple[str, str], str] = {}
    found = {}
    for article in sorted(centre.articles.values(), key=lambda a: a.src_path):
        front = parsed[article.src_path][1]
        problems = []
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
        problems += _related(article, front, parsed, sources, centre.settings.default_language)
        if problems:
            found[article.src_path] = problems
    return found


def _related(
    article: Article, front: FrontMatter, parsed: Mapping[str, Parsed], sources: Container[str], default_language: str
) -> list[Problem]:
    """Each related entry names another default-language article; one that has problems of its own is only left out of the list."""
    problems = []
    for index, target in enumerate(article.related):
        entry = parsed.get(target)
        if entry is None and target in sources:
            continue
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
