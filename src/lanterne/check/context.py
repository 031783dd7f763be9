"""What every check reads: the builds, the site settings, the sources, and what the content says is internal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config

from lanterne import settings as site_settings
from lanterne.check.builds import Build
from lanterne.check.built import Site, read_site
from lanterne.check.internal import Secret, internal_articles, public_text, read_sources, secrets
from lanterne.content.model import Article, Settings
from lanterne.views.strings import LOCALES


@dataclass
class Context:
    """The builds under check (public first), the content's settings and sources, and its internal parts."""

    builds: list[Build]
    settings: Settings
    texts: dict[str, str]
    internal: list[Article]
    known_public: str
    _sites: dict[str, Site] = field(default_factory=dict)

    @property
    def public(self) -> Build:
        """Return the public build."""
        return self.builds[0]

    def site(self, build: Build) -> Site:
        """Read a build's files and pages once, on first use."""
        if build.label not in self._sites:
            self._sites[build.label] = read_site(build.site)
        return self._sites[build.label]

    def secrets(self) -> list[Secret]:
        """Return what must not appear in the public output."""
        return secrets(self.texts, self.internal, known_public=self.known_public)


def make_context(builds: list[Build]) -> Context:
    """Read the sources of the public build's docs/ and find what is internal in them."""
    public = builds[0]
    core = content_settings(public.config_file)
    texts = read_sources(public.docs_dir)
    authors = public.docs_dir / ".authors.yml"
    internal = internal_articles(texts, authors_text=authors.read_text(encoding="utf-8") if authors.is_file() else None, settings=core)
    known = [public_text(texts, internal), public.config_file.read_text(encoding="utf-8")]
    known += [path.read_text(encoding="utf-8") for path in sorted(LOCALES.glob("*.yml"))]
    return Context(builds=builds, settings=core, texts=texts, internal=internal, known_public="\n".join(known))


def content_settings(config_file: Path) -> Settings:
    """Read the content's languages from the configuration as written (a build adds its own keys to `extra`)."""
    config = load_config(config_file=str(config_file))
    language = config.theme.get("language") or "en"
    return site_settings.parse(config.extra.get("lanterne"), site_url=config.site_url, theme_language=language).core
