"""The engine's theme: its templates and assets sit between the site's own overrides and Material's."""

from __future__ import annotations

from pathlib import Path

from material.extensions import emoji as material_emoji
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from lanterne import emoji
from lanterne.outputs import favicon

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
EMOJI = "pymdownx.emoji"
UNICODE_EMOJI = "lanterne.emoji"
# What every article may use beyond plain Markdown, whatever a site lists (the manual's cheat sheet documents these):
# tabs (Material styles the alternate style), and bare URLs and email addresses as links.
AUTHORING = {"pymdownx.tabbed": {"alternate_style": True}, "pymdownx.magiclink": {}}
# The features Material 9.8 documents; a misspelt or mis-indented one is otherwise ignored without a word.
MATERIAL_FEATURES = frozenset(
    {
        "announce.dismiss",
        "content.action.edit",
        "content.action.view",
        "content.code.annotate",
        "content.code.copy",
        "content.code.select",
        "content.footnote.tooltips",
        "content.tabs.link",
        "content.tooltips",
        "header.autohide",
        "navigation.expand",
        "navigation.footer",
        "navigation.indexes",
        "navigation.instant",
        "navigation.instant.prefetch",
        "navigation.instant.preview",
        "navigation.instant.progress",
        "navigation.path",
        "navigation.prune",
        "navigation.sections",
        "navigation.tabs",
        "navigation.tabs.sticky",
        "navigation.top",
        "navigation.tracking",
        "search.highlight",
        "search.share",
        "search.suggest",
        "toc.follow",
        "toc.integrate",
    }
)


def feature_problems(features: object) -> list[str]:
    """Say which of `theme.features` Material does not know, naming the value as it was read."""
    if not isinstance(features, list):
        return [f"mkdocs.yml: theme.features: got {features!r}; expected a list, one '- feature' per line"]
    return [
        f"mkdocs.yml: theme.features: {feature!r} is not a feature Material knows; expected one per line, such as navigation.prune"
        for feature in features
        if feature not in MATERIAL_FEATURES
    ]


def install(config: MkDocsConfig, stylesheets: list[str]) -> None:
    """Put the engine's templates after the site's custom_dir, and its stylesheets (views/assets.py) before the site's."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        # A site's custom_dir comes first, so that it can override any template of the engine's.
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    # The scripts are not Material's extra_javascript: lanterne/scripts.html writes them after the page's JSON config.
    config.extra_css[:0] = [sheet for sheet in stylesheets if sheet not in config.extra_css]


def install_emoji(config: MkDocsConfig) -> None:
    """Emoji as Twemoji SVG on every site: pymdownx.emoji (unless the site sets it up itself), then typed emoji."""
    if EMOJI not in config.markdown_extensions:
        config.markdown_extensions.append(EMOJI)
        config.mdx_configs[EMOJI] = {"emoji_index": material_emoji.twemoji, "emoji_generator": emoji.to_svg}
    if UNICODE_EMOJI not in config.markdown_extensions:
        config.markdown_extensions.append(UNICODE_EMOJI)


def install_authoring(config: MkDocsConfig) -> None:
    """Tabs and bare links on every site; a site that lists one keeps its own options."""
    for name, options in AUTHORING.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs[name] = dict(options)


def install_favicon(config: MkDocsConfig) -> None:
    """Make the brand's favicon the site's, unless the site has its own (theme.favicon, or Material's file in docs/)."""
    if config.theme["favicon"] == favicon.MATERIAL_DEFAULT and not (Path(config.docs_dir) / favicon.MATERIAL_DEFAULT).is_file():
        config.theme["favicon"] = favicon.PATH


def add_favicon(files: Files, config: MkDocsConfig) -> None:
    """Write the brand's favicon among the site's files when it is the site's (install_favicon)."""
    if config.theme["favicon"] == favicon.PATH and files.get_file_from_path(favicon.PATH) is None:
        files.append(File.generated(config, favicon.PATH, content=favicon_svg(config, config.extra["lanterne"]["colors"])))


def favicon_svg(config: MkDocsConfig, colors: dict[str, str]) -> str:
    """The brand's favicon, drawn from the header's logo icon (theme.icon.logo, as Material's logo partial picks it)."""
    name = (config.theme.get("icon") or {}).get("logo") or favicon.DEFAULT_ICON
    found = [Path(folder) / ".icons" / f"{name}.svg" for folder in config.theme.dirs]
    icon = next((path for path in found if path.is_file()), Path(config.theme.dirs[-1]) / ".icons" / f"{favicon.DEFAULT_ICON}.svg")
    return favicon.svg(icon.read_text(encoding="utf-8"), band=colors["brand"], text=colors["on_brand"])
