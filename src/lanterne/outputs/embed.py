"""The embed layout: every published article, collection and home again under embed/, for in-app panels."""

from __future__ import annotations

from typing import Any

from lanterne.content.model import Article, Collection, Home
from lanterne.outputs import links
from lanterne.views import strings
from lanterne.views.index import Index

PREFIX = "embed/"
KINDS = ("home", "collection", "article")


def embedded(index: Index) -> set[str]:
    """Return the site URLs that also exist under embed/: the published homes, collections and articles."""
    return {item.url for item in index.centre.by_src.values() if isinstance(item, Article | Collection | Home)}


def url_of(page_url: str) -> str:
    """Return where a page's embed version lives: embed/factures/email-non-recu/."""
    return PREFIX + page_url


def page(index: Index, page_url: str, lang: str, kind: str) -> dict[str, Any]:
    """What an embed page's template and script need beyond the page's own view."""
    here = url_of(page_url)
    centre = index.centre
    home = centre.homes[lang].url if lang in centre.homes else ""
    data = {
        "root": links.relative("", here),
        "home": links.relative(url_of(home), here),
        "api": links.relative("api/" + ("" if lang == centre.settings.default_language else f"{lang}/"), here),
        "labels": {key: strings.text(lang, f"embed.{key}") for key in ("suggested", "full_page")},
        "full_page": links.relative(page_url, here),
    }
    if kind == "home":
        data["suggestions"] = suggestions(index, lang, here)
        data["homes"] = {other: links.relative(url_of(item.url), here) for other, item in centre.homes.items()}
    return data


def suggestions(index: Index, lang: str, here: str) -> list[dict[str, Any]]:
    """The articles of one language that declare `context:` globs, for contextual suggestions."""
    found = [a for a in index.centre.articles.values() if a.lang == lang and a.context]
    return [{"context": list(a.context), "title": a.title, "href": links.relative(url_of(a.url), here)} for a in found]


def rewrite(html: str, page_url: str, inside: set[str]) -> str:
    """Keep links to embedded pages inside embed/; send the rest to the full site, in a new tab for links."""
    here = url_of(page_url)

    def change(tag: str, ref: str) -> tuple[str, bool]:
        target = links.resolve(ref, here)
        if target is None:
            return ref, tag == "a" and links.is_external(ref)
        if not target.startswith(PREFIX):
            return ref, tag == "a"
        site_target = target.removeprefix(PREFIX)
        if site_target.partition("#")[0] in inside:
            return ref, False
        return links.relative(site_target, here), tag == "a"

    return links.rewrite(html, change)
