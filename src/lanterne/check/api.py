"""The JSON API's shape: api/articles.json, api/collections.json and each article's document, and the paths they list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class _Strict(BaseModel):
    """A document part that holds exactly its declared fields."""

    model_config = ConfigDict(extra="forbid", strict=True)


class CollectionRef(_Strict):
    """One level of an article's collection path."""

    id: str
    title: str


class ArticleEntry(_Strict):
    """One article as api/articles.json lists it."""

    id: str
    lang: str
    title: str
    description: str | None
    path: str
    url: str
    embed_url: str
    api_url: str | None
    collection: list[CollectionRef]
    tags: list[str]
    keywords: list[str]
    updated: IsoDate
    author: str
    translations: dict[str, str]
    context: list[str]


class ArticleDocument(ArticleEntry):
    """One article's own document: its entry and its rendered body."""

    body_html: str


class ArticlesList(_Strict):
    """api/articles.json."""

    languages: list[str]
    articles: list[ArticleEntry]


class CollectionEntry(_Strict):
    """One collection in api/collections.json, with its sub-collections."""

    id: str
    lang: str
    title: str
    description: str | None
    icon: str | None
    path: str
    url: str
    embed_url: str
    count: int
    collections: list[CollectionEntry]


class CollectionsList(_Strict):
    """api/collections.json."""

    collections: list[CollectionEntry]


ARTICLES = "api/articles.json"
COLLECTIONS = "api/collections.json"


def check_api(read: Callable[[str], Any], exists: Callable[[str], bool], base: str) -> tuple[int, list[str]]:
    """Validate the lists and every article document; return how many documents were read and the problems."""
    problems: list[str] = []
    articles = _validate(ArticlesList, ARTICLES, read, problems)
    collections = _validate(CollectionsList, COLLECTIONS, read, problems)
    count = 2
    for entry in articles.articles if articles else []:
        problems += [f"{ARTICLES}: article {entry.id!r} ({entry.lang}): {p}" for p in _article_paths(entry, exists, base)]
        if entry.api_url and (path := _site_path(entry.api_url, base)):
            count += 1
            _validate(ArticleDocument, path, read, problems)
    for entry in _flatten(collections.collections if collections else []):
        problems += [f"{COLLECTIONS}: collection {entry.id!r} ({entry.lang}): {p}" for p in _collection_paths(entry, exists, base)]
    return count, problems


def _validate(model: type[BaseModel], path: str, read: Callable[[str], Any], problems: list[str]) -> Any:
    """Read and validate one document; record its problems and return None when it does not fit."""
    try:
        return model.model_validate(read(path))
    except FileNotFoundError:
        problems.append(f"{path}: missing from the build")
    except ValueError as error:  # invalid JSON, or a pydantic ValidationError
        problems += _errors(path, error)
    return None


def _errors(path: str, error: ValueError) -> list[str]:
    """Word each schema error as 'api/x.json: articles.3.title: Field required'."""
    if not isinstance(error, ValidationError):
        return [f"{path}: not valid JSON ({error})"]
    return [f"{path}: {'.'.join(str(part) for part in item['loc']) or '(document)'}: {item['msg']}" for item in error.errors()]


def _article_paths(entry: ArticleEntry, exists: Callable[[str], bool], base: str) -> list[str]:
    """Check that an article's page, embed page, document and translations are in the build."""
    found = [_page("path", entry.path, exists)]
    found += [_url("url", entry.url, exists, base), _url("embed_url", entry.embed_url, exists, base)]
    if entry.api_url:
        found.append(_url("api_url", entry.api_url, exists, base))
    found += [_url(f"translations.{lang}", url, exists, base) for lang, url in entry.translations.items()]
    return [problem for problem in found if problem]


def _collection_paths(entry: CollectionEntry, exists: Callable[[str], bool], base: str) -> list[str]:
    """Check that a collection's page and embed page are in the build."""
    found = [_page("path", entry.path, exists), _url("url", entry.url, exists, base), _url("embed_url", entry.embed_url, exists, base)]
    return [problem for problem in found if problem]


def _page(key: str, path: str, exists: Callable[[str], bool], shown: str | None = None) -> str | None:
    """Say what is wrong when a site path (such as 'factures/envoyer/') has no file in the build."""
    target = path if path.endswith(".json") else f"{path}index.html"
    return None if exists(target) else f"{key}: {(shown or path)!r} has no {target} in the build"


def _url(key: str, url: str, exists: Callable[[str], bool], base: str) -> str | None:
    """Say what is wrong when an absolute URL is not under the site's address or not in the build."""
    path = _site_path(url, base)
    return f"{key}: {url!r} is not under {base}" if path is None else _page(key, path, exists, shown=url)


def _site_path(url: str, base: str) -> str | None:
    """Return a URL's path inside the site, or None when it points elsewhere."""
    return url[len(base) :] if url.startswith(base) else None


def _flatten(entries: list[CollectionEntry]) -> list[CollectionEntry]:
    """Return every collection, sub-collections included."""
    return [item for entry in entries for item in (entry, *_flatten(entry.collections))]
