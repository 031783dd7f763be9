"""MkDocs adapter for language variants: switcher, hreflang, per-language chrome, localized links, backlog page."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from lanterne import audience, current, languages, strings
from lanterne.sources import Source
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.lanterne.i18n")
_state: dict[str, Any] = {}
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")')


def on_config(config: MkDocsConfig, **kwargs: Any) -> None:
    """Check the configured languages, and remember the site-wide chrome that pages localize."""
    options = config.extra["lanterne"]
    langs, default = tuple(options["languages"]), options["default_language"]
    problems = languages.check_settings(langs, default)
    for message in problems:
        log.error(message)
    if problems:
        raise PluginError("Lanterne: the language settings in extra.lanterne must be fixed before anything can be built")
    _state.update(languages=langs, default=default, chrome=_chrome(config))
    _assign_tag_instances(config, langs, default)


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Drop collections without articles in their language, add the backlog page, index every variant."""
    langs, default = _state["languages"], _state["default"]
    pages = [(file.src_uri, file.url) for file in files.documentation_pages()]
    for src_path in languages.empty_collections(pages, languages=langs, default_language=default):
        files.remove(files.get_file_from_path(src_path))
    centre = current.index().centre
    if not audience.is_public(centre.settings.audience):
        src_uri, content = languages.backlog_page(centre)
        files.append(File.generated(config, src_uri, content=content))
    variants = languages.Variants.build(
        ((file.src_uri, file.url) for file in files.documentation_pages()), languages=langs, default_language=default
    )
    for problem in variants.missing_homes():
        log.error(str(problem))
    homes = {lang: home.title for lang, home in centre.homes.items()}
    _state.update(variants=variants, site_names=homes)
    config.extra["lanterne"]["not_found"] = variants.not_found(root=urlsplit(config.site_url or "/").path or "/")
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Hand the page its switcher entries and hreflang alternates."""
    source = _source(page)
    if source is None:
        return None
    view = page.meta.setdefault("lanterne", {"kind": "page", "lang": source.lang})
    variants: languages.Variants = _state["variants"]
    view["languages"] = variants.switcher(source)
    view["languages_label"] = strings.text(source.lang, "language.select")
    view["languages_nearest"] = strings.text(source.lang, "language.nearest")
    view["alternates"] = variants.alternates(source, site_url=config.site_url or "/")
    return None


@event_priority(50)  # before the hooks that keep the rendered body (JSON API, embeds), so they get localized links
def on_page_content(html: str, *, page: Page, **kwargs: Any) -> str | None:
    """In a translation, a link to a default-language page leads to that page's variant when there is one."""
    source = _source(page)
    if source is None or source.lang == _state["default"]:
        return None
    variants: languages.Variants = _state["variants"]

    def localize(match: re.Match[str]) -> str:
        target = variants.link_target(match[2], page_url=page.url, lang=source.lang)
        return match[0] if target is None else f"{match[1]}{get_relative_url(target, page.url)}{match[3]}"

    return _HREF.sub(localize, html)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> dict:
    """Localize Material's site-wide chrome for this page: hreflang links, logo link, site name."""
    view = page.meta.get("lanterne") or {}
    lang = view.get("lang")
    if not lang or "alternates" not in view:
        return context
    home = _state["variants"].home(lang)
    config.extra["alternate"] = view["alternates"]
    config.extra["homepage"] = home if home is not None else config.extra.get("homepage")
    if lang != _state["default"] and _state["site_names"].get(lang):
        config.site_name = _state["site_names"][lang]
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Put the site-wide chrome back, so that nothing rendered later sees the last page's language."""
    _restore(config)
    return None


def _assign_tag_instances(config: MkDocsConfig, langs: tuple[str, ...], default: str) -> None:
    """One instance of Material's tags plugin per language, in the order of `languages`: each sees only its files."""
    instances = [plugin for name, plugin in config.plugins.items() if name.split(" #")[0] == "material/tags"]
    if not instances:
        return
    if len(instances) != len(langs):
        log.error(
            f"plugins: {len(instances)} instance(s) of the tags plugin for {len(langs)} languages ({', '.join(langs)}); "
            "expected one '- tags' entry per language, in the order of extra.lanterne.languages"
        )
        return
    others = [f"*.{lang}.md" for lang in langs if lang != default]
    for lang, plugin in zip(langs, instances, strict=True):
        plugin.config.filters.include = [] if lang == default else [f"*.{lang}.md"]
        plugin.config.filters.exclude = others if lang == default else []


def _chrome(config: MkDocsConfig) -> dict[str, Any]:
    """The settings that on_page_context changes per page, as configured."""
    return {"site_name": config.site_name, "alternate": config.extra.get("alternate"), "homepage": config.extra.get("homepage")}


def _restore(config: MkDocsConfig) -> None:
    chrome = _state["chrome"]
    if config.site_name != chrome["site_name"]:
        config.site_name = chrome["site_name"]
    for key in ("alternate", "homepage"):
        if chrome[key] is None:
            config.extra.pop(key, None)
        else:
            config.extra[key] = chrome[key]


def _source(page: Page) -> Source | None:
    variants: languages.Variants | None = _state.get("variants")
    return variants.source_of(page.file.src_uri) if variants else None
