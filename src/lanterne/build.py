"""One build: what it is configured to do, the help centre it publishes, and what its outputs collect.

A Build is made when the build starts and dropped when it ends, so that `mkdocs serve`, which rebuilds in the
same process, never shows one build's data in the next. It holds no MkDocs objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from lanterne.content import redirect_map
from lanterne.content.gitdates import Dated
from lanterne.content.loader import ParseMemo, load
from lanterne.content.model import Article, HelpCentre, Settings
from lanterne.content.problems import Problem
from lanterne.content.sources import url_of
from lanterne.health import page as health_page
from lanterne.health.figures import Figures
from lanterne.health.model import Health
from lanterne.outputs import embed
from lanterne.settings import SiteSettings
from lanterne.views import audience, languages, strings, tags
from lanterne.views.index import Index


@dataclass(frozen=True)
class Generated:
    """A page the engine adds to the sources: a language's tag page, or the internal build's content-health page."""

    src_path: str
    url: str
    lang: str
    kind: str
    markdown: str


@dataclass
class Outputs:
    """What pages hand over as they render, for the files written at the end: the API and search read it."""

    bodies: dict[str, str] = field(default_factory=dict)
    embedded: set[str] = field(default_factory=set)


@dataclass
class Build:
    """Everything one build knows, filled in the order MkDocs calls its events."""

    site: SiteSettings
    site_name: str
    centre: HelpCentre | None = None
    index: Index | None = None
    variants: languages.Variants | None = None
    tags: dict[str, list[tags.Tag]] = field(default_factory=dict)
    generated: dict[str, Generated] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)
    # Files left out only because another one is, with that file (see content/dependents.py).
    dependents: dict[str, str] = field(default_factory=dict)
    outputs: Outputs = field(default_factory=Outputs)
    health: Health | None = None
    # The old paths of docs/.redirects.yml this build publishes.
    moved: list[redirect_map.Moved] = field(default_factory=list)

    def read(
        self,
        texts: Mapping[str, str],
        *,
        authors_text: str | None,
        asset_exists: Callable[[str], bool],
        icon_exists: Callable[[str], bool],
        file_dates: Callable[[str], Dated] | None = None,
        today: date | None = None,
        redirects_text: str | None = None,
        memo: ParseMemo | None = None,
    ) -> None:
        """Build the help centre from every Markdown source, then keep only what this build publishes."""
        settings = self.site.core
        checks = {"asset_exists": asset_exists, "icon_exists": icon_exists, "file_dates": file_dates, "today": today}
        loaded = load(texts, authors_text=authors_text, settings=settings, engine_pages=engine_pages(settings), memo=memo, **checks)
        self.problems, self.rejected, self.dependents = loaded.problems, set(loaded.rejected), loaded.dependents
        centre = self.centre = loaded.centre
        audience.select(centre)
        languages.prune_empty_collections(centre)
        self.generated = {page.src_path: page for page in _generated(centre)}
        entries, problems = redirect_map.read(redirects_text)
        self.moved, unresolved = redirect_map.resolve(entries, centre, sources=texts, published=self.published())
        self.problems += problems + unresolved
        self.index = Index.build(centre)
        self.tags = tags.collect(centre)
        pages = self.published().items()
        self.variants = languages.Variants.build(pages, languages=settings.languages, default_language=settings.default_language)
        self.problems += self.variants.missing_homes(left_out=self.rejected)
        self.outputs.embedded = embed.embedded(self.index)

    def assess(self, figures: Figures | None, *, today: date, source: Callable[[str], str | None] | None) -> None:
        """The internal build's content health, from the model, the feedback figures (None: none could be read) and the date."""
        assert self.centre is not None
        self.health = Health.build(self.centre, figures, options=self.site.health, today=today, source=source)

    def published(self) -> dict[str, str]:
        """Every page this build publishes, source path to URL, generated pages included."""
        assert self.centre is not None
        return {**{src: item.url for src, item in self.centre.by_src.items()}, **{src: g.url for src, g in self.generated.items()}}

    def articles(self) -> list[Article]:
        """The published articles, in source order."""
        assert self.centre is not None
        return sorted(self.centre.articles.values(), key=lambda a: a.src_path)


def _generated(centre: HelpCentre) -> list[Generated]:
    """The tag page of every language with a home, and in the internal build the content-health page."""
    settings = centre.settings
    pages = [
        Generated(
            tags.src_path(lang, settings.default_language),
            tags.page_url(lang, settings.default_language),
            lang,
            "tags",
            tags.markdown(lang),
        )
        for lang in settings.languages
        if lang in centre.homes and tags.src_path(lang, settings.default_language) not in centre.by_src
    ]
    if not audience.is_public(settings.audience):
        lang = settings.default_language
        src_path, markdown = health_page.source(lang)
        pages.append(Generated(src_path, health_page.url(lang), lang, "health", markdown))
    return pages


def engine_pages(settings: Settings) -> dict[str, str]:
    """The URLs of the pages the engine may add, in either audience, by name: no alias may take them."""
    default = settings.default_language
    pages = {tags.page_url(lang, default): "tag page" for lang in settings.languages}
    pages[url_of(strings.text(default, "missing.slug"), default, default_language=default)] = "translation backlog page"
    pages[health_page.url(default)] = "content-health page"
    return pages
