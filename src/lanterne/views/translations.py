"""The translation backlog for the internal health page: public articles without a variant, and variants older than their source."""

from __future__ import annotations

from dataclasses import dataclass

from lanterne.content.model import Article, HelpCentre


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
