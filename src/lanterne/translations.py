"""The translation backlog of the internal build: public articles without a variant, and variants older than their source."""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import strings
from .languages import name_of
from .model import Article, HelpCentre


@dataclass(frozen=True)
class Missing:
    """One language's translation backlog: public articles without a variant, and variants older than their source."""

    lang: str
    untranslated: list[Article]
    outdated: list[tuple[Article, Article]]


def missing_translations(centre: HelpCentre) -> list[Missing]:
    """For each language but the default, what translators still have to do, in source path order."""
    settings = centre.settings
    sources = sorted(
        (a for a in centre.articles.values() if a.lang == settings.default_language and a.audience == "public"),
        key=lambda a: a.src_path,
    )
    backlog = []
    for lang in settings.languages:
        if lang == settings.default_language:
            continue
        untranslated, outdated = [], []
        for source in sources:
            variant = centre.articles.get((source.base, lang))
            if variant is None:
                untranslated.append(source)
            elif source.updated > variant.updated:
                outdated.append((source, variant))
        backlog.append(Missing(lang, untranslated, outdated))
    return backlog


def backlog_page(centre: HelpCentre) -> tuple[str, str]:
    """The internal 'Traductions manquantes' page in the default language: its path under docs/ and its Markdown."""
    lang = centre.settings.default_language
    title = json.dumps(strings.text(lang, "missing.title"), ensure_ascii=False)
    body = missing_markdown(missing_translations(centre), lang=lang)
    return f"{strings.text(lang, 'missing.slug')}.md", f"---\ntitle: {title}\n---\n\n{body}"


def missing_markdown(backlog: list[Missing], *, lang: str) -> str:
    """The 'Traductions manquantes' page as Markdown, linking to source files so that MkDocs checks every link."""
    lines = [_escape(strings.text(lang, "missing.intro")), ""]
    for entry in backlog:
        lines += [f"## {_escape(name_of(entry.lang, in_lang=lang))} ({entry.lang})", ""]
        lines += [f"### {_escape(strings.plural(lang, 'missing.untranslated', len(entry.untranslated)))}", ""]
        lines += [f"- [{_escape(a.title)}]({a.src_path})" for a in entry.untranslated] or [_escape(strings.text(lang, "missing.none"))]
        lines += ["", f"### {_escape(strings.plural(lang, 'missing.outdated', len(entry.outdated)))}", ""]
        for source, variant in entry.outdated:
            dates = strings.text(
                lang, "missing.dates", source=strings.long_date(source.updated, lang), variant=strings.long_date(variant.updated, lang)
            )
            lines.append(f"- [{_escape(variant.title)}]({variant.src_path}): {_escape(dates)}")
        if not entry.outdated:
            lines.append(_escape(strings.text(lang, "missing.none")))
        lines.append("")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup in a title an author wrote."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#|!" else char for char in text)
