"""Read every source file once and build the help centre, reporting each problem with its line."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lanterne.content import aliases, dependents, frontmatter, raw_html, review, schema, siblings, tag_names
from lanterne.content.authors import Authors, read_authors
from lanterne.content.gitdates import Dated
from lanterne.content.model import Article, Collection, HelpCentre, Home, Settings, StandalonePage
from lanterne.content.problems import ContentError, Problem
from lanterne.content.siblings import Parsed
from lanterne.content.sources import Source, classify, url_of

# Source path to (text, outcome of its parse: what it holds, or its problems).
ParseMemo = dict[str, tuple[str, Parsed | list[Problem]]]

# An article long enough to read is far below this; a bigger file is a mistake or an attack on the build.
MAX_SOURCE = 200_000


@dataclass
class Loaded:
    """The help centre, the problems found, and the source files left out because of them.

    `dependents` are the files left out only because another one is (see content/dependents.py), each with that file.
    """

    centre: HelpCentre
    problems: list[Problem] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)
    dependents: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Reading:
    """What adding one file may look at: the help centre so far, every parsed file, and the build's checks."""

    centre: HelpCentre
    parsed: dict[str, Parsed]
    icon_exists: Callable[[str], bool]
    file_dates: Callable[[str], Dated]
    authors: Authors


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
    memo: ParseMemo | None = None,
) -> Loaded:
    """Build the help centre from Markdown texts keyed by path relative to docs/; `asset_exists` checks a docs/ path.

    `file_dates` dates an article without `updated:` (see gitdates.FileDates); without it, such an article is dated today.
    `engine_pages` names the pages the engine adds, by URL, which no alias may take. `memo` (the preview's, kept
    between builds with the same settings) gives a file whose text did not change the outcome of its last parse.
    """
    centre = HelpCentre(settings=settings, today=today or date.today())
    result = Loaded(centre=centre)
    authors = read_authors(authors_text, asset_exists=asset_exists)
    centre.authors = authors.known
    result.problems.extend(authors.problems)
    placed: dict[str, Source] = {}
    parsed: dict[str, Parsed] = {}
    for src_path in sorted(texts):
        source = classify(src_path, languages=settings.languages, default_language=settings.default_language)
        if isinstance(source, Problem):
            _reject(result, src_path, [source])
            continue
        placed[src_path] = source
        if entry := _parse_once(source, texts[src_path], settings, result, memo):
            parsed[src_path] = entry
    dated = file_dates or (lambda src_path: Dated(centre.today, "today"))
    reading = _Reading(centre, parsed, icon_exists, dated, authors)
    missing = siblings.missing_indexes(placed, texts, settings)
    result.problems.extend(missing.values())
    found = siblings.translations(parsed, texts, settings)
    for src_path, (source, front, meta) in parsed.items():
        # A translation without its source is left out, whatever else it says: what it inherits is unknown.
        if source.lang == settings.default_language or siblings.default_src(source) in parsed:
            found.setdefault(src_path, []).extend(_ADD[source.kind](reading, source, front, meta))
    _reject_all(result, found)
    _reject_all(result, review.assign(centre, parsed, unread_author=authors.is_unread))
    _reject_all(result, aliases.check(centre, parsed, engine_pages or {}, asset_exists))
    _reject_all(result, tag_names.check(centre, parsed))
    _reject_all(result, siblings.articles(centre, parsed, texts))
    left_out = result.rejected | missing.keys()
    found_dependents = dependents.find(parsed, left_out, default_language=settings.default_language, unread_author=authors.is_unread)
    for src_path, cause in found_dependents.items():
        _leave_out(result, src_path)
        result.dependents[src_path] = cause
    return result


def _reject_all(result: Loaded, found: Mapping[str, Iterable[Problem]]) -> None:
    """Record the problems of each file and leave out every file that has one."""
    for src_path, problems in found.items():
        _reject(result, src_path, list(problems))


def _reject(result: Loaded, src_path: str, problems: list[Problem]) -> None:
    """Record problems; a file with any problem is left out of the build, never published half-checked."""
    if not problems:
        return
    result.problems.extend(problems)
    _leave_out(result, src_path)


def _leave_out(result: Loaded, src_path: str) -> None:
    """Take a file out of the help centre."""
    result.rejected.add(src_path)
    centre = result.centre
    item = centre.by_src.pop(src_path, None)
    if isinstance(item, Article):
        centre.articles.pop((item.base, item.lang), None)
    elif isinstance(item, Collection):
        centre.collections.pop((item.path, item.lang), None)
    elif isinstance(item, Home):
        centre.homes.pop(item.lang, None)


def _parse_once(source: Source, text: str, settings: Settings, result: Loaded, memo: ParseMemo | None) -> Parsed | None:
    """_parse, or the outcome of the last parse of the same text (front matter and meta are never changed once parsed)."""
    if memo is None:
        return _parse(source, text, settings, result)
    known = memo.get(source.src_path)
    if known is None or known[0] != text:
        found = Loaded(centre=result.centre)
        entry = _parse(source, text, settings, found)
        known = memo[source.src_path] = (text, entry if entry else found.problems)
    if isinstance(known[1], list):
        _reject(result, source.src_path, known[1])
        return None
    return known[1]


def _parse(source: Source, text: str, settings: Settings, result: Loaded) -> Parsed | None:
    """Read one file's front matter and check it against its schema."""
    src_path = source.src_path
    path = f"docs/{src_path}"
    if len(text) > MAX_SOURCE:
        size = f"{len(text):,} characters; expected at most {MAX_SOURCE:,}: split the article"
        _reject(result, src_path, [Problem(path, 1, "size", size)])
        return None
    try:
        front = frontmatter.parse(text, path)
    except ContentError as error:
        _reject(result, src_path, [error.problem])
        return None
    front.numbers_as_text("tags", "keywords")
    model = _schema_for(source, settings)
    meta, problems = schema.validate(model, front, path)
    problems += raw_html.check(front.body, path, front.body_line, embeds=settings.embeds)
    if problems:
        _reject(result, src_path, problems)
        return None
    return source, front, meta


def _schema_for(source: Source, settings: Settings) -> type[schema.BaseModel]:
    """Pick the schema of a file from its kind and language."""
    if source.kind == "article":
        return schema.ArticleMeta if source.lang == settings.default_language else schema.TranslationMeta
    return {"home": schema.HomeMeta, "page": schema.PageMeta, "collection": schema.CollectionMeta}[source.kind]


def _url(reading: _Reading, source: Source) -> str:
    """The directory URL of a file in the build's languages."""
    return url_of(source.base, source.lang, default_language=reading.centre.settings.default_language)


def _add_home(reading: _Reading, source: Source, front: frontmatter.FrontMatter, meta: schema.HomeMeta) -> list[Problem]:
    """Add a language's home page."""
    hero = meta.hero or schema.Hero()
    home = Home(source.lang, source.src_path, _url(reading, source), meta.title, meta.description, hero.title, hero.subtitle)
    reading.centre.homes[source.lang] = reading.centre.by_src[source.src_path] = home
    return []


def _add_page(reading: _Reading, source: Source, front: frontmatter.FrontMatter, meta: schema.PageMeta) -> list[Problem]:
    """Add a standalone page (legal notice, ...)."""
    reading.centre.by_src[source.src_path] = StandalonePage(source.lang, source.src_path, _url(reading, source), meta.title)
    return []


def _add_collection(reading: _Reading, source: Source, front: frontmatter.FrontMatter, meta: schema.CollectionMeta) -> list[Problem]:
    """Add a collection or sub-collection; its icon must be one Material ships."""
    problems = []
    if meta.icon and not reading.icon_exists(meta.icon):
        problems.append(
            Problem(
                f"docs/{source.src_path}",
                front.line_of("icon"),
                "icon",
                f"'{meta.icon}' is not a known icon; expected a Material icon name such as material/receipt-text",
            )
        )
    path_key = source.base.removesuffix("/index")
    # A translated index.<lang>.md shows its source's icon and sorts like it unless it says otherwise, as articles do.
    origin = reading.parsed.get(siblings.default_src(source)) if source.lang != reading.centre.settings.default_language else None
    icon = meta.icon or (origin[2].icon if origin else None)
    order = meta.order if meta.order is not None or origin is None else origin[2].order
    item = Collection(path_key, source.lang, source.src_path, _url(reading, source), meta.title, meta.description, icon, order)
    reading.centre.collections[(path_key, source.lang)] = reading.centre.by_src[source.src_path] = item
    return problems


def _add_article(reading: _Reading, source: Source, front: frontmatter.FrontMatter, meta: schema.ArticleMeta) -> list[Problem]:
    """Add an article or a translation, which inherits what its source sets; its author must be known."""
    centre, path = reading.centre, f"docs/{source.src_path}"
    origin = reading.parsed.get(siblings.default_src(source))
    inherited = origin[2] if origin and source.lang != centre.settings.default_language else meta
    author = meta.author or inherited.author
    problems = []
    # An inherited author is its source's mistake, and one only docs/.authors.yml's problem hides is that file's (see dependents).
    if author not in centre.authors and (meta.author or inherited is meta) and not reading.authors.is_unread(author):
        known = ", ".join(sorted(centre.authors)) or "none (docs/.authors.yml is missing or empty)"
        problems.append(
            Problem(path, front.line_of("author"), "author", f"'{author}' is not in docs/.authors.yml; expected one of: {known}")
        )
    updated = Dated(meta.updated, "front matter") if meta.updated else reading.file_dates(source.src_path)
    article = Article(
        id=inherited.id or source.base,
        base=source.base,
        lang=source.lang,
        src_path=source.src_path,
        url=_url(reading, source),
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


_ADD: dict[str, Callable[[_Reading, Source, frontmatter.FrontMatter, Any], list[Problem]]] = {
    "home": _add_home,
    "page": _add_page,
    "collection": _add_collection,
    "article": _add_article,
}


def _related_paths(items: list[str]) -> list[str]:
    """Normalise related entries to source paths ending in .md."""
    return [item if item.endswith(".md") else f"{item}.md" for item in items]
