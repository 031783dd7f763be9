"""Language variants of every published page: the switcher's targets, hreflang alternates, localized links."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError

from lanterne.content.model import HelpCentre, Settings
from lanterne.content.problems import Problem
from lanterne.content.sources import Source, classify, url_of
from lanterne.views import strings

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@cache
def name_of(lang: str, *, in_lang: str | None = None) -> str:
    """Return a language's name, by default in itself: Français, English, Deutsch."""
    name = Locale.parse(lang.replace("-", "_")).get_display_name(in_lang or lang) or lang
    return name[:1].upper() + name[1:]


@cache
def name_in_sentence(lang: str, *, in_lang: str) -> str:
    """Return a language's name as a sentence in another language writes it: English, anglais, Portuguese (Brazil)."""
    return Locale.parse(lang.replace("-", "_")).get_display_name(in_lang.replace("-", "_")) or lang


def is_known(code: str) -> bool:
    """Tell whether Babel knows a language code, read the way file suffixes write it (pt-BR as pt_BR)."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def check_settings(languages: Iterable[str], default_language: str) -> list[str]:
    """Say what is wrong with `extra.lanterne.languages` and `default_language`, if anything."""
    problems = []
    languages = list(languages)
    for lang in languages:
        if not is_known(lang):
            problems.append(f"extra.lanterne.languages: '{lang}' is not a language code Babel knows; expected a code such as fr, en, de")
    if default_language not in languages:
        problems.append(
            f"extra.lanterne.default_language: '{default_language}' is not in languages ({', '.join(languages)}); expected one of them"
        )
    return problems


@dataclass
class Variants:
    """Where each published page lives in each language, looked up in O(1) by base path or by URL."""

    languages: tuple[str, ...]
    default_language: str
    by_base: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    by_url: dict[str, Source] = field(default_factory=dict)
    by_src: dict[str, Source] = field(default_factory=dict)

    @classmethod
    def build(cls, pages: Iterable[tuple[str, str]], *, languages: tuple[str, ...], default_language: str) -> Variants:
        """Index published pages given as (path relative to docs/, site-relative URL)."""
        variants = cls(languages, default_language)
        for src_path, url in pages:
            source = classify(src_path, languages=languages, default_language=default_language)
            if isinstance(source, Problem):
                continue
            variants.by_base[source.base][source.lang] = url
            variants.by_url[url] = variants.by_src[src_path] = source
        return variants

    def source_of(self, src_path: str) -> Source | None:
        """Return where a published page sits, or None when it is not part of the help centre's tree."""
        return self.by_src.get(src_path)

    def home(self, lang: str) -> str | None:
        """Return the URL of a language's home page."""
        return self.by_base.get("index", {}).get(lang)

    def target(self, source: Source, lang: str) -> tuple[str | None, bool]:
        """Where the switcher leads in `lang`: the same page, else its nearest translated ancestor, else the home."""
        own = self.by_base.get(source.base, {})
        if lang in own:
            return own[lang], True
        for ancestor in _ancestors(source.base):
            if url := self.by_base.get(ancestor, {}).get(lang):
                return url, False
        return None, False

    def switcher(self, source: Source) -> list[dict[str, Any]]:
        """One entry per language that has a home: its name, where it leads, and whether it is the page itself."""
        entries = []
        for lang in self.languages:
            url, exact = self.target(source, lang)
            if url is None:
                continue
            entries.append({"lang": lang, "name": name_of(lang), "url": url, "current": lang == source.lang, "exact": exact})
        return entries

    def alternates(self, source: Source, *, site_url: str) -> list[dict[str, str]]:
        """hreflang alternates: every existing variant as an absolute URL, then x-default (the default language's).

        `site_url` ends with a slash (MkDocs adds it), and page URLs are relative to it.
        """
        own = self.by_base.get(source.base, {})
        links = [{"lang": lang, "link": f"{site_url}{url}"} for lang in self.languages if (url := own.get(lang)) is not None]
        default = own.get(self.default_language)
        if default is not None:
            links.append({"lang": "x-default", "link": f"{site_url}{default}"})
        return links

    def variant_link(self, href: str, *, src_path: str, lang: str) -> str | None:
        """For a Markdown link in a translation to a default-language file, the link to its `lang` file, anchor kept.

        MkDocs then checks the anchor against the page the reader will reach (`email.en.md#steps`), not its source.
        """
        if lang == self.default_language or not href or _SCHEME.match(href) or href.startswith(("/", "#")):
            return None
        path, hash_mark, fragment = href.partition("#")
        if not path.endswith(".md"):
            return None
        folder = posixpath.dirname(src_path)
        target = posixpath.normpath(posixpath.join(folder, path))
        variant = self.by_base.get(target.removesuffix(".md"), {}).get(lang)
        if variant is None or target.startswith("../"):
            return None
        own = f"{target.removesuffix('.md')}.{lang}.md"
        return posixpath.relpath(own, folder or ".") + hash_mark + fragment

    def localized(self, url: str, lang: str) -> str | None:
        """For a link to a default-language page, return its variant in `lang` when it exists."""
        source = self.by_url.get(url)
        if source is None or source.lang != self.default_language or source.lang == lang:
            return None
        return self.by_base.get(source.base, {}).get(lang)

    def link_target(self, href: str, *, page_url: str, lang: str) -> str | None:
        """For a relative link on a page in `lang`, return the site URL of the target's variant in `lang`, if any."""
        if not href or "://" in href or href.startswith(("/", "#", "mailto:", "tel:")):
            return None
        path = href.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return None
        target = posixpath.normpath(posixpath.join(page_url, path))
        localized = self.localized("" if target == "." else f"{target}/", lang)
        fragment = href.partition("#")[2]
        return None if localized is None else localized + (f"#{fragment}" if fragment else "")

    def missing_homes(self, left_out: Container[str] = ()) -> list[Problem]:
        """Every configured language needs a home page; one `left_out` for a problem of its own has that problem reported."""
        problems = []
        for lang in self.languages:
            path = "index.md" if lang == self.default_language else f"index.{lang}.md"
            if self.home(lang) is None and path not in left_out:
                configured = ", ".join(self.languages)
                problems.append(
                    Problem(
                        f"docs/{path}",
                        1,
                        "language",
                        f"'{lang}' is in extra.lanterne.languages ({configured}) but has no home page; expected docs/{path}",
                    )
                )
        return problems


def not_found(settings: Settings, *, root: str) -> list[dict[str, str]]:
    """The 404 page speaks every language: a message per language, linked from the server root to its home."""
    entries = []
    for lang in settings.languages:
        labels = {key: strings.text(lang, f"not_found.{key}") for key in ("title", "text", "home")}
        home = url_of("index", lang, default_language=settings.default_language)
        entries.append({"lang": lang, **labels, "url": posixpath.join(root, home)})
    return entries


def _ancestors(base: str) -> list[str]:
    """Bases of the pages above one, nearest first: its collection, the parent collection, the home."""
    parts = base.split("/")[:-1] if not base.endswith("/index") else base.split("/")[:-2]
    chain = ["/".join(parts[:depth]) + "/index" for depth in range(len(parts), 0, -1)]
    return [*chain, "index"] if base != "index" else []


def prune_empty_collections(centre: HelpCentre) -> list[str]:
    """Drop the collections that have no published article in their language; return their source paths."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for article in centre.articles.values():
        folders = article.collection.split("/") if article.collection else []
        for depth in range(1, len(folders) + 1):
            counts[("/".join(folders[:depth]), article.lang)] += 1
    empty = [key for key in centre.collections if not counts.get(key)]
    paths = [centre.collections.pop(key).src_path for key in empty]
    for path in paths:
        centre.by_src.pop(path, None)
    return sorted(paths)
