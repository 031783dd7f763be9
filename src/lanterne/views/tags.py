"""Tag pages: one per language, listing each tag with its articles; articles link to their tag's section."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lanterne.content.model import Article, HelpCentre
from lanterne.content.sources import url_of
from lanterne.content.tag_names import anchor, key
from lanterne.views import strings

TAGS_BASE = "tags"


@dataclass
class Tag:
    """One tag in one language: the spelling first seen, its anchor, and its articles in title order."""

    name: str
    anchor: str
    articles: list[Article] = field(default_factory=list)


__all__ = ["Tag", "anchor", "collect", "key", "markdown", "page_url", "src_path"]


def src_path(lang: str, default_language: str) -> str:
    """Where a language's tag page sits among the sources: tags.md, tags.en.md."""
    return f"{TAGS_BASE}.md" if lang == default_language else f"{TAGS_BASE}.{lang}.md"


def page_url(lang: str, default_language: str) -> str:
    """The URL of a language's tag page: tags/, en/tags/."""
    return url_of(TAGS_BASE, lang, default_language=default_language)


def markdown(lang: str) -> str:
    """The tag page's source: only a title, since its body comes from the model through its view."""
    title = strings.text(lang, "tags.title").replace('"', '\\"')
    return f'---\ntitle: "{title}"\nsearch:\n  exclude: true\n---\n'


def collect(centre: HelpCentre) -> dict[str, list[Tag]]:
    """Every language's tags, in alphabetical order, each with its published articles."""
    found: dict[str, dict[str, Tag]] = defaultdict(dict)
    for article in sorted(centre.articles.values(), key=lambda a: (a.title.casefold(), a.src_path)):
        own: dict[str, str] = {}  # one entry per tag even when an article spells it twice ('Email', 'email')
        for name in article.tags:
            own.setdefault(key(name), name)
        for tag_key, name in own.items():
            found[article.lang].setdefault(tag_key, Tag(name.strip(), anchor(name))).articles.append(article)
    return {lang: sorted(tags.values(), key=lambda t: key(t.name)) for lang, tags in found.items()}
