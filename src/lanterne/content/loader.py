"""Read every source file once and build the help centre, reporting each problem with its line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lanterne.content import aliases, frontmatter, review, schema
from lanterne.content.authors import read_authors
from lanterne.content.gitdates import Dated
from lanterne.content.model import Article, Collection, HelpCentre, Home, Settings, StandalonePage
from lanterne.content.problems import ContentError, Problem
from lanterne.content.sources import Source, classify, url_of

# An article long enough to read is far below this; a bigger file is a mistake or an attack on the build.
MAX_SOURCE = 200_000


@dataclass
class Loaded:
    """The help centre, the problems found, and the source files left out because of them."""

    centre: HelpCentre
    problems: list[Problem] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)


def load(
    texts: Mapping[str, str],
    *,
    authors_text: str | None,
    settings: Settings,
    icon_exists: Callable[[str], bool] = lambda name: True,
    asset_exists: Callable[[str], bool] = lambda path: True,
    file_dates: Callable[[str], Dated] | None = None,
    today: date | None = None,
    engine_pages: Mapping[str, str] | None = None,
) -> Loaded:
    """Build the help centre from Markdown texts keyed by path relative to docs/; `asset_exists` checks a docs/ path.

    `file_dates` dates an article without `updated:` (see gitdates.FileDates); without it, such an article is dated today.
    `engine_pages` names the pages the engine adds, by URL, which no alias may take.
    """
    centre = HelpCentre(settings=settings, today=today or date.today())
    result = Loaded(centre=centre)
    centre.authors, problems = read_authors(authors_text, asset_exists=asset_exists)
    result.problems.extend(problems)
    parsed: dict[str, tuple[Source, frontmatter.FrontMatter, Any]] = {}
    for src_path in sorted(texts):
        entry = _parse(src_path, texts[src_path], settings, result)
        if entry:
            parsed[src_path] = entry
    dated = file_dates or (lambda src_path: Dated(centre.today, "today"))
    for src_path, (source, front, meta) in parsed.items():
        problems = _add(centre, source, front, meta, parsed, icon_exists, dated)
        _reject(result, src_path, problems)
    for src_path, problems in review.assign(centre, parsed).items():
        _reject(result, src_path, problems)
    for src_path, problems in aliases.check(centre, parsed, engine_pages or {}).items():
        _reject(result, src_path, problems)
    _check_articles(centre, parsed, result)
    return result


def _reject(result: Loaded, src_path: str, problems: list[Problem]) -> None:
    """Record problems; a file with any problem is left out of the build, never published half-checked."""
    if not problems:
        return
    result.problems.extend(problems)
    result.rejected.add(src_path)
    centre = result.centre
    item = centre.by_src.pop(src_path, None)
    if isinstance(item, Article):
        centre.articles.pop((item.base, item.lang), None)
    elif isinstance(item, Collection):
        centre.collections.pop((item.path, item.lang), None)
    elif isinstance(item, Home):
        centre.homes.pop(item.lang, None)


def _parse(src_path: str, text: str, settings: Settings, result: Loaded) -> tuple[Source, frontmatter.FrontMatter, Any] | None:
    """Classify one file, read its front matter and check it against its schema."""
    path = f"docs/{src_path}"
    if len(text) > MAX_SOURCE:
        size = f"{len(text):,} characters; expected at most {MAX_SOURCE:,}: split the article"
        _reject(result, src_path, [Problem(path, 1, "size", size)])
        return None
    source = classify(src_path, languages=settings.languages, default_language=settings.default_language)
    if isinstance(source, Problem):
        _reject(result, src_path, [source])
        return None
    try:
        front = frontmatter.parse(text, path)
    except ContentError as error:
        _reject(result, src_path, [error.problem])
        return None
    front.numbers_as_text("tags", "keywords")
    model = _schema_for(source, settings)
    meta, problems = schema.validate(model, front, path)
    if problems:
        _reject(result, src_path, problems)
        return None
    return source, front, meta


def _schema_for(source: Source, settings: Settings) -> type[schema.BaseModel]:
    """Pick the schema of a file from its kind and language."""
    if source.kind == "article":
        return schema.ArticleMeta if source.lang == settings.default_language else schema.TranslationMeta
    return {"home": schema.HomeMeta, "page": schema.PageMeta, "collection": schema.CollectionMeta}[source.kind]


def _add(
    centre: HelpCentre,
    source: Source,
    front: frontmatter.FrontMatter,
    meta: Any,
    parsed: dict,
    icon_exists: Callable[[str], bool],
    file_dates: Callable[[str], Dated],
) -> list[Problem]:
    """Add one valid file to the help centre; return problems that involve other files."""
    settings = centre.settings
    path = f"docs/{source.src_path}"
    url = url_of(source.base, source.lang, default_language=settings.default_language)
    if source.kind == "home":
        hero = meta.hero or schema.Hero()
        home = Home(source.lang, source.src_path, url, meta.title, meta.description, hero.title, hero.subtitle)
        centre.homes[source.lang] = centre.by_src[source.src_path] = home
        return _check_translation(source, front, parsed, settings)
    if source.kind == "page":
        centre.by_src[source.src_path] = StandalonePage(source.lang, source.src_path, url, meta.title)
        return _check_translation(source, front, parsed, settings)
    problems = _check_translation(source, front, parsed, settings)
    parent = source.collection
    if parent and not _has_collection(parsed, parent):
        problems.append(
            Problem(path, 1, "collection", f"folder '{parent}' has no index.md; expected docs/{parent}/index.md with at least a title")
        )
    elif parent and source.lang != settings.default_language and f"{parent}/index.{source.lang}.md" not in parsed:
        problems.append(
            Problem(
                path,
                1,
                "collection",
                f"folder '{parent}' has no {source.lang} index; expected docs/{parent}/index.{source.lang}.md "
                f"with at least a title, so that the collection appears in {source.lang}",
            )
        )
    if source.kind == "collection":
        if meta.icon and not icon_exists(meta.icon):
            problems.append(
                Problem(
                    path,
                    front.line_of("icon"),
                    "icon",
                    f"'{meta.icon}' is not a known icon; expected a Material icon name such as material/receipt-text",
                )
            )
        path_key = source.base.removesuffix("/index")
        item = Collection(path_key, source.lang, source.src_path, url, meta.title, meta.description, meta.icon, meta.order)
        centre.collections[(path_key, source.lang)] = centre.by_src[source.src_path] = item
        return problems
    origin = parsed.get(_default_src(source))
    inherited = origin[2] if origin and source.lang != settings.default_language else meta
    author = meta.author or inherited.author
    if author not in centre.authors:
        known = ", ".join(sorted(centre.authors)) or "none (docs/.authors.yml is missing or empty)"
        problems.append(
            Problem(path, front.line_of("author"), "author", f"'{author}' is not in docs/.authors.yml; expected one of: {known}")
        )
    updated = Dated(meta.updated, "front matter") if meta.updated else file_dates(source.src_path)
    article = Article(
        id=inherited.id or source.base,
        base=source.base,
        lang=source.lang,
        src_path=source.src_path,
        url=url,
        collection=source.collection or "",
        title=meta.title,
        author=author,
        updated=updated.day,
        updated_from=updated.source,
        description=meta.description,
        created=meta.created,
        tags=list(meta.tags),
        keywords=list(meta.keywords),
        audience=inherited.audience,
        order=meta.order if meta.order is not None else inherited.order,
        related=_related_paths(meta.related or inherited.related),
        context=list(meta.context or inherited.context),
        aliases=[aliases.base_of(path) for path in inherited.aliases],
        searchable=not (isinstance(meta.search, dict) and meta.search.get("exclude")),
    )
    # A date git or the file system gives is a fact, not the author's mistake.
    if article.created and meta.updated and article.created > article.updated:
        problems.append(
            Problem(
                path,
                front.line_of("created"),
                "created",
                f"{article.created} is after updated ({article.updated}); expected a creation date on or before the update",
            )
        )
    centre.articles[(source.base, source.lang)] = centre.by_src[source.src_path] = article
    return problems


def _default_src(source: Source) -> str:
    """Return the path of the default-language file a translation belongs to."""
    return f"{source.base}.md"


def _has_collection(parsed: dict, collection: str) -> bool:
    """Tell whether the collection folder has a valid default-language index.md."""
    return f"{collection}/index.md" in parsed


def _check_translation(source: Source, front: frontmatter.FrontMatter, parsed: dict, settings: Settings) -> list[Problem]:
    """A translation needs its source beside it and may not change what it inherits."""
    if source.lang == settings.default_language:
        return []
    path = f"docs/{source.src_path}"
    origin = parsed.get(_default_src(source))
    if origin is None:
        return [
            Problem(
                path,
                1,
                "translation",
                f"no source docs/{_default_src(source)}; expected the {settings.default_language} file beside its translation",
            )
        ]
    problems = []
    for key in ("id", "audience", "author", "aliases"):
        mine, theirs = getattr(parsed[source.src_path][2], key, None), getattr(origin[2], key, None)
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


def _related_paths(items: list[str]) -> list[str]:
    """Normalise related entries to source paths ending in .md."""
    return [item if item.endswith(".md") else f"{item}.md" for item in items]


def _check_articles(centre: HelpCentre, parsed: dict, result: Loaded) -> None:
    """Checks across articles: unique ids per language, and related targets that exist."""
    seen: dict[tuple[str, str], str] = {}
    for article in sorted(centre.articles.values(), key=lambda a: a.src_path):
        path = f"docs/{article.src_path}"
        front = parsed[article.src_path][1]
        problems = []
        if article.collection and (article.collection, centre.settings.default_language) not in centre.collections:
            problems.append(
                Problem(path, 1, "collection", f"docs/{article.collection}/index.md has problems; expected a valid collection index")
            )
        first = seen.setdefault((article.id, article.lang), article.src_path)
        if first != article.src_path:
            problems.append(
                Problem(
                    path,
                    front.line_of("id"),
                    "id",
                    f"'{article.id}' is already used by docs/{first}; expected an id unique to this article",
                )
            )
        for index, target in enumerate(article.related):
            entry = parsed.get(target)
            if target == article.src_path or target == f"{article.base}.md":
                problems.append(
                    Problem(
                        path,
                        front.line_of("related", index),
                        "related",
                        f"item {index + 1} '{target}' is the article itself; expected another article",
                    )
                )
            elif entry is None or entry[0].kind != "article" or entry[0].lang != centre.settings.default_language:
                problems.append(
                    Problem(
                        path,
                        front.line_of("related", index),
                        "related",
                        f"item {index + 1} '{target}' is not an article; expected an article path relative to docs/, "
                        "such as factures/envoi/relances-automatiques.md",
                    )
                )
        _reject(result, article.src_path, problems)
