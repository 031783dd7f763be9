"""What the editor's configuration is made from: a site's settings, its collections, authors and articles, as the build reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from lanterne import settings as site_settings
from lanterne.content.loader import load
from lanterne.content.model import Settings


class SiteError(Exception):
    """The site cannot be read: its configuration or its settings are wrong."""


@dataclass(frozen=True)
class Folder:
    """A collection or sub-collection: its folder under docs/, and its title and icon in the default language."""

    path: str
    title: str
    icon: str | None
    order: int | None


@dataclass(frozen=True)
class EditedSite:
    """Everything the editor offers: languages, folders, who may sign, which articles may be related."""

    root: Path
    docs: str  # docs/ relative to the repository's root, as the git backends and the local proxy name paths
    settings: Settings
    audience: str
    site_name: str
    folders: tuple[Folder, ...]
    authors: tuple[tuple[str, str], ...]  # (id, name)
    articles: tuple[tuple[str, str], ...]  # (docs/-relative path with .md, title)


def read(config_file: Path) -> EditedSite:
    """Load a site's configuration and content in the internal build's view (every article, every note)."""
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort, OSError) as error:
        raise SiteError(f"{config_file}: {error}") from None
    options = config.extra.get("lanterne") or {}
    language = config.theme.get("language") or "en"
    try:
        parsed = site_settings.parse(options, site_url=config.site_url, theme_language=language)
    except site_settings.SettingsError as error:
        raise SiteError(str(error)) from None
    core = parsed.core
    root = config_file.resolve().parent
    docs_dir = Path(config.docs_dir)
    texts = {path.relative_to(docs_dir).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs_dir.rglob("*.md"))}
    authors_file = docs_dir / ".authors.yml"
    authors_text = authors_file.read_text(encoding="utf-8") if authors_file.is_file() else None
    internal = Settings(core.default_language, core.languages, "internal", core.review_every)
    centre = load(texts, authors_text=authors_text, settings=internal).centre
    default = core.default_language
    folders = [Folder(c.path, c.title, c.icon, c.order) for (path, lang), c in sorted(centre.collections.items()) if lang == default]
    articles = [(a.src_path, a.title) for (base, lang), a in sorted(centre.articles.items()) if lang == default]
    return EditedSite(
        root=root,
        docs=docs_dir.resolve().relative_to(root).as_posix(),
        settings=core,
        audience=core.audience,
        site_name=config.site_name,
        folders=tuple(sorted(folders, key=lambda f: _place(f, folders))),
        authors=tuple((author.id, author.name) for author in centre.authors.values()),
        articles=tuple(sorted(articles, key=lambda item: item[1].casefold())),
    )


def _place(folder: Folder, folders: list[Folder]) -> tuple:
    """Sort as the home page does: collections by their order, each followed by its sub-collections."""
    top = next((f for f in folders if f.path == folder.path.split("/")[0]), folder)
    rank = lambda f: (f.order if f.order is not None else 10**6, f.path)  # noqa: E731
    return (*rank(top), 0 if folder is top else 1, *rank(folder))
