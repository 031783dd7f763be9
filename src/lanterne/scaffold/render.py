"""The new site's files as text, filled from the templates under files/. Pure: nothing is written here."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from string import Template
from typing import Any

import yaml

from lanterne.scaffold.options import SiteOptions
from lanterne.views import languages

TEMPLATES = files("lanterne.scaffold") / "files"
# Starter texts exist in these languages; any other language gets the English ones.
FALLBACK_LANGUAGE = "en"
# Stored without their leading dot, so that neither git nor the wheel builder treats them as special.
RENAMED = {"gitignore": ".gitignore", "docs/authors.yml": "docs/.authors.yml", "docs/search-queries.yml": "docs/.search-queries.yml"}
# Written as they are: Make's own `$(...)` would read as placeholders, and the adapter line never changes.
VERBATIM = {"Makefile", "gitignore", "hooks/lanterne_hooks.py"}
WORDS = "words.yml"
STARTER_ARTICLE = "getting-started/welcome"


def site_files(options: SiteOptions, *, wheel: str, version: str, pins: list[str], today: date) -> dict[str, str]:
    """Return every file of the new site but the wheel, by its path in the site's folder."""
    values = template_values(options, version=version, wheel=wheel, today=today)
    site = {RENAMED.get(path, path): _fill(path, template, values) for path, template in _tree(TEMPLATES / "help-centre")}
    for lang in options.languages:
        texts = {**values, **language_values(options, lang)}
        for path, template in _tree(_starter_folder(lang)):
            if path != WORDS:
                site[posixpath.join("docs", localized(path, lang, options.default_language))] = _fill(path, template, texts)
    site["requirements.txt"] = requirements(wheel=wheel, version=version, pins=pins)
    return site


def translation_suffix(options: SiteOptions) -> str:
    """A language a translation of this site would be in: its second language, else any other than the default."""
    others = [lang for lang in options.languages if lang != options.default_language]
    return others[0] if others else ("fr" if options.default_language == "en" else "en")


def site_name(options: SiteOptions, lang: str) -> str:
    """The site's name in a language: as given for it, else the default language's, else the language's own default."""
    return options.names.get(lang) or options.name or starter_words(lang)["name"]


def language_values(options: SiteOptions, lang: str) -> dict[str, str]:
    """What a language's starter texts say that depends on the language: the home's title, an article's file names."""
    words, default = starter_words(lang), options.default_language
    text = _text_language(lang)
    names = {"lang": lang, "other": translation_suffix(options), "lang_name": _name(lang, text), "default_name": _name(default, text)}
    article, in_default = words["article"], lang == default
    return {
        "site_name": _yaml_text(site_name(options, lang)),
        "article_file": localized(f"{article}.md", lang, default),
        "article_address": "/" + ("" if in_default else f"{lang}/") + f"getting-started/{article}/",
        "source_note": "" if in_default else Template(words["source_note"]).substitute(names),
        "translation_line": Template(words["translation_in_default" if in_default else "translation_in_other"]).substitute(names),
    }


def template_values(options: SiteOptions, *, version: str, wheel: str, today: date) -> dict[str, str]:
    """Return what the templates' `$name` placeholders stand for; YAML values come quoted."""
    words = starter_words(options.default_language)
    name = site_name(options, options.default_language)
    return {
        "name": name,
        "site_name": _yaml_text(name),
        "site_url": _yaml_text(options.site_url),
        "default_language": options.default_language,
        "languages": ", ".join(options.languages),
        "brand_color": options.brand_color,
        "contact_url": _yaml_text(options.contact_url),
        "dark_mode": _yaml_text(words["dark_mode"]),
        "light_mode": _yaml_text(words["light_mode"]),
        "author_name": _yaml_text(words["author_name"]),
        "author_description": _yaml_text(words["author_description"]),
        "queries": search_queries(options),
        # The README tells how to name a translation with a suffix this site really has.
        "translation_suffix": translation_suffix(options),
        "today": today.isoformat(),
        "version": version,
        "wheel": wheel,
    }


def requirements(*, wheel: str, version: str, pins: list[str]) -> str:
    """Return requirements.txt: the vendored engine first, then every other distribution at one version."""
    return "\n".join(
        [
            f"# The engine, lanterne {version}, from the wheel that `lanterne new` wrote into vendor/.",
            f"# To take it from a package index instead: lanterne upgrade {version} (README.md).",
            f"./vendor/{wheel}",
            "# What the engine and `lanterne check` need, at the versions installed beside the engine that wrote this site.",
            *pins,
            "",
        ]
    )


def search_queries(options: SiteOptions) -> str:
    """Return the queries of docs/.search-queries.yml: each language's searches for the starter article."""
    lines = []
    for lang in options.languages:
        where = "" if lang == options.default_language else f", lang: {lang}"
        for search in starter_words(lang)["searches"]:
            lines.append(f"  - {{q: {_yaml_text(search['q'])}, expect: [{STARTER_ARTICLE}]{where}, kind: {search['kind']}}}")
    return "\n".join(lines)


def localized(path: str, lang: str, default_language: str) -> str:
    """Return a content file's path in one language: `x.md` in the default language, `x.<lang>.md` in the others."""
    if lang == default_language:
        return path
    stem, suffix = posixpath.splitext(path)
    return f"{stem}.{lang}{suffix}"


def starter_words(lang: str) -> dict[str, Any]:
    """Return the words the settings take from a language: the default site name, the palette toggles, the author."""
    return yaml.safe_load((_starter_folder(lang) / WORDS).read_text("utf-8"))


def _starter_folder(lang: str) -> Traversable:
    """Return the folder of starter texts in a language, or in English when there are none."""
    return TEMPLATES / "content" / _text_language(lang)


def _text_language(lang: str) -> str:
    """The language a language's starter texts are written in: its own, or English."""
    return lang if (TEMPLATES / "content" / lang).is_dir() else FALLBACK_LANGUAGE


def _tree(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """Yield every file under a folder with its slash-separated path, in a stable order."""
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        path = posixpath.join(prefix, entry.name)
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _tree(entry, path)
        else:
            yield path, entry


def _fill(path: str, template: Traversable, values: dict[str, str]) -> str:
    """Return a template's text with its placeholders filled, or as it is when it is written verbatim."""
    text = template.read_text("utf-8")
    return text if path in VERBATIM else Template(text).substitute(values)


def _name(lang: str, in_lang: str) -> str:
    """A language's name as a sentence in another language writes it: English, anglais."""
    return languages.name_in_sentence(lang, in_lang=in_lang)


def _yaml_text(value: str) -> str:
    """Quote a text for YAML: a JSON string is a valid YAML double-quoted scalar, whatever it contains."""
    return json.dumps(value, ensure_ascii=False)
