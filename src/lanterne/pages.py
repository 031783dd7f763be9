"""What each page hands its template (page.meta.lanterne): the model's view of it, its languages, its chrome."""

from __future__ import annotations

from typing import Any

from lanterne.build import Build
from lanterne.content.model import Article, Collection, Home
from lanterne.content.sources import Source, url_of
from lanterne.health import block as health_block
from lanterne.health import page as health_page
from lanterne.views import contact, index, strings, structured, tags
from lanterne.views.tags import Tag, anchor


def view_of(build: Build, src_path: str) -> dict[str, Any] | None:
    """The view of one published page, or None for a page outside the help centre's tree."""
    assert build.centre is not None and build.index is not None and build.variants is not None
    source = build.variants.source_of(src_path)
    if source is None:
        return None
    item = build.centre.by_src.get(src_path)
    health = build.health
    if isinstance(item, Article):
        view = _article(build, item)
        if health is not None:
            overview = health_page.url(build.site.core.default_language)
            view["health"] = health_block.article_block(health, health.articles[item.src_path], overview=overview)
    elif isinstance(item, Collection):
        view = index.collection(build.index, item)
        if health is not None:
            health_block.decorate(health, view)
    elif isinstance(item, Home):
        view = index.home(build.index, item.lang)
        if health is not None:
            # Agents land on the home: it points them to what needs work.
            overview = health_page.url(build.site.core.default_language)
            view["health_link"] = {"url": overview, "text": strings.text(item.lang, "health.home_link")}
    elif (generated := build.generated.get(src_path)) is not None and generated.kind == "tags":
        view = tag_page(build, generated.lang)
    elif generated is not None and generated.kind == "health" and health is not None:
        view = health_page.view(health, generated.lang)
    else:
        view = {"kind": "page", "lang": source.lang}
    return {**view, **_chrome(build, source.lang), **_languages(build, source)}


def _article(build: Build, item: Article) -> dict[str, Any]:
    """An article's view, with its tags' links, the contact block and its structured data."""
    assert build.index is not None
    view = index.article(build.index, item)
    tag_page_url = tags.page_url(item.lang, build.site.core.default_language)
    view["tags"] = [{"name": name, "url": f"{tag_page_url}#{anchor(name)}"} for name in dict.fromkeys(item.tags)]
    view["contact"] = contact.block(build.site.contact, item.lang)
    view["jsonld"] = structured.article(view, url=item.url, site_url=build.site.site_url)
    return view


def tag_page(build: Build, lang: str) -> dict[str, Any]:
    """A language's tag page: every tag with its articles and the collection each sits in."""
    assert build.index is not None
    home = url_of("index", lang, default_language=build.site.core.default_language)
    return {
        "kind": "tags",
        "lang": lang,
        "title": strings.text(lang, "tags.title"),
        "breadcrumb": [{"title": strings.text(lang, "breadcrumb.root"), "url": home}],
        "tags": [_tag(build, tag) for tag in build.tags.get(lang, [])],
        "labels": {"skip": strings.text(lang, "skip"), "breadcrumb_label": strings.text(lang, "breadcrumb.label")},
    }


def _tag(build: Build, tag: Tag) -> dict[str, Any]:
    """One tag's section: its name, its anchor, and its articles with their collection path."""
    assert build.index is not None
    articles = []
    for article in tag.articles:
        trail = index.breadcrumb(build.index, article.collection, article.lang)[1:]
        articles.append({"title": article.title, "url": article.url, "path": [crumb["title"] for crumb in trail]})
    return {"name": tag.name, "anchor": tag.anchor, "articles": articles}


def _chrome(build: Build, lang: str) -> dict[str, Any]:
    """What Material's header shows, in the page's language: the help centre's name and where its logo leads."""
    assert build.centre is not None
    home = build.centre.homes.get(lang)
    default = lang == build.site.core.default_language
    name = build.site_name if default or home is None or not home.title else home.title
    return {"site_name": name, "home": url_of("index", lang, default_language=build.site.core.default_language)}


def _languages(build: Build, source: Source) -> dict[str, Any]:
    """The language switcher's entries and the hreflang alternates of a page."""
    assert build.variants is not None
    return {
        "languages": build.variants.switcher(source),
        "languages_label": strings.text(source.lang, "language.select"),
        "languages_nearest": strings.text(source.lang, "language.nearest"),
        "alternates": build.variants.alternates(source, site_url=build.site.site_url),
    }
