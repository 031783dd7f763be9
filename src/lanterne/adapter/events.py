"""The adapter: MkDocs' events, in the order MkDocs calls them, each reading or filling one Build."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from lanterne import pages, settings, template_context
from lanterne.adapter import content_health as health
from lanterne.adapter import files as build_files
from lanterne.adapter import outputs, theme
from lanterne.adapter.preview import errors as preview_errors
from lanterne.adapter.preview.rebuild import Preview
from lanterne.adapter.rendering import Rendering, TranslationLinks
from lanterne.build import Build
from lanterne.content import problems as content_problems
from lanterne.content import raw_html
from lanterne.content.gitdates import FileDates
from lanterne.content.model import Article
from lanterne.content.problems import Problem
from lanterne.views import audience

log = logging.getLogger("mkdocs.hooks.lanterne")
SKIP_TARGET = "lt-main"
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")')


class Adapter:
    """Holds the build in progress, and nothing else: each build starts a new one and the last is dropped."""

    def __init__(self) -> None:
        self._build: Build | None = None
        self._env: Environment | None = None
        # Kept across the builds of one `lanterne serve` session (dirty builds), None otherwise.
        self._preview: Preview | None = None
        # The page MkDocs is about to render, for the Markdown extension that localizes a translation's links.
        self._rendering = Rendering()

    @property
    def build(self) -> Build:
        """The build in progress; an event outside a build is a bug in the adapter, not in the content."""
        if self._build is None:
            raise PluginError("Lanterne: an event arrived outside a build (on_config did not run)")
        return self._build

    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        """A serve session of dirty builds gets a live preview that renders again only what changed."""
        self._preview = Preview() if command == "serve" and dirty else None

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        """Validate extra.lanterne, start the build, install the engine's theme and share the site context once."""
        self._build = self._env = None
        problems = settings.check_site({key: config.get(key) for key in settings.SITE_KEYS})
        try:
            checked = settings.parse(
                config.extra.get("lanterne"), site_url=config.site_url, theme_language=config.theme.get("language") or "en"
            )
        except settings.SettingsError as error:
            problems += error.problems
        if problems:
            for problem in problems:
                log.error(problem)
            raise PluginError("Lanterne: the settings in mkdocs.yml must be fixed before anything can be built")
        for problem in theme.feature_problems(config.theme.get("features", [])):
            log.error(problem)
        if checked.feedback_endpoint is None:
            log.info("Lanterne: extra.lanterne.feedback.endpoint is not set, so article pages have no reactions block")
        self._build = Build(site=checked, site_name=config.site_name)
        context = template_context.context(checked)
        theme.install(config, context["assets"]["page"]["styles"])
        theme.install_favicon(config)
        theme.install_emoji(config)
        theme.install_authoring(config)
        if not any(isinstance(extension, TranslationLinks) for extension in config.markdown_extensions):
            config.markdown_extensions.append(TranslationLinks(self._rendering))
        config.extra["lanterne"] = context
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
        """Read every source once, report its problems, and publish what the model publishes."""
        build = self.build
        refused = build_files.badly_named(files) + build_files.outside(files, config)
        sources = build_files.texts(files)
        checks = {"asset_exists": build_files.asset_check(files), "icon_exists": build_files.icon_check(config)}
        authors_text = build_files.authors_text(config)
        dates = FileDates(Path(config.docs_dir))
        redirects_text = build_files.redirects_text(config)
        if self._preview is None:
            build.read(sources, authors_text=authors_text, file_dates=dates, redirects_text=redirects_text, **checks)
        else:
            assets = frozenset(file.src_uri for file in files if not file.is_documentation_page())
            model = self._preview.model
            model.read(build, sources, authors_text=authors_text, assets=assets, file_dates=dates, redirects_text=redirects_text, **checks)
        for level, message in dates.notes():
            log.log(level, message)
        if not audience.is_public(build.site.core.audience):
            health.assess(build, config)
        for line in content_problems.report([*refused, *build.problems]):
            log.error(line)
        for line in content_problems.left_out(build.dependents):
            log.info(line)
        if build.rejected:
            log.info(content_problems.summary(len(build.problems), build.rejected, build.dependents))
        files = build_files.follow(files, build, config, sources, memo=self._preview.references if self._preview else None)
        theme.add_favicon(files, config)
        if self._preview is not None:
            self._preview.prepare(files, build, config, sources)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
        """Keep the theme's template environment, for the embed pages."""
        self._env = env
        if self._preview is not None:
            env.bytecode_cache = self._preview.templates
            self._preview.fill(files)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
        """Hand the page its view of the model, and strip internal notes before customers' pages render."""
        view = pages.view_of(self.build, page.file.src_uri)
        if view is not None:
            page.meta["lanterne"] = view
        self._rendering.src_path, self._rendering.variants = page.file.src_uri, self.build.variants
        self._rendering.left_out = self.build.rejected
        self._rendering.lang = (view or {}).get("lang")
        if audience.is_public(self.build.site.core.audience):
            return audience.strip_internal_notes(markdown)
        return None

    def on_page_content(self, html: str, *, page: Page, **kwargs: Any) -> str:
        """Localize a translation's links, lead the skip link to the content, keep an article's body for the outputs."""
        view = page.meta.get("lanterne") or {}
        html = self._localize(html, page, view.get("lang"))
        if view.get("kind") in ("home", "collection", "article", "tags"):
            main = AnchorLink(page.title or "", SKIP_TARGET, 1)
            main.children = list(page.toc)
            page.toc = TableOfContents([main])
        html = self._refuse_raw_html(html, page)
        item = self.build.centre.by_src.get(page.file.src_uri) if self.build.centre else None
        if isinstance(item, Article):
            self.build.outputs.bodies[item.src_path] = html
        return html

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
        """Escape what authors wrote before Material prints it raw, then write the page's embed version."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        if self._env is not None:
            outputs.embed_page(self._env, context, page, self.build, Path(config.site_dir))
        return context

    def on_post_page(self, output: str, *, page: Page, **kwargs: Any) -> str:
        """In the preview, a page with content problems shows them at its top."""
        if self._preview is None:
            return output
        return preview_errors.banner(output, [str(p) for p in self.build.problems if p.path == f"docs/{page.file.src_uri}"])

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        """Write the API, the feedback manifest and the search index from the model; then drop the build."""
        preview, site_dir = self._preview, Path(config.site_dir)
        try:
            if preview is not None:
                preview.bodies_for(self.build)
            written = outputs.write_all(self.build, site_dir, reuse=preview.outputs_reuse if preview else None)
            if preview is not None:
                preview.finish(self.build, site_dir, written)
        finally:
            self._build = self._env = None

    def on_build_error(self, *, error: Exception, **kwargs: Any) -> None:
        """A failed build leaves nothing behind for the next one."""
        self._build = self._env = None
        if self._preview is not None:
            self._preview.failed()

    def _refuse_raw_html(self, html: str, page: Page) -> str:
        """The second net behind the source check: a rendered body that would run code or load elsewhere is not published."""
        found = raw_html.scan(html, embeds=self.build.site.core.embeds)
        if not found:
            return html
        source = page.file.content_string
        for item in found:
            line = raw_html.line_in(source, item)
            problem = Problem(f"docs/{page.file.src_uri}", line, raw_html.KEY, f"in the rendered page: {item.message}")
            self.build.problems.append(problem)
            log.error(str(problem))
        return ""

    def _localize(self, html: str, page: Page, lang: str | None) -> str:
        """In a translation, a link to a default-language page leads to that page's variant when there is one."""
        build = self.build
        if lang is None or lang == build.site.core.default_language or build.variants is None:
            return html
        variants = build.variants

        def localize(match: re.Match[str]) -> str:
            target = variants.link_target(match[2], page_url=page.url, lang=lang)
            return match[0] if target is None else f"{match[1]}{get_relative_url(target, page.url)}{match[3]}"

        return _HREF.sub(localize, html)
