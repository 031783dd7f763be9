"""The internal build's content health at the edges: reading the feedback report, MkDocs' edit links, the files it writes."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from lanterne.build import Build
from lanterne.health import edit, fetch, records
from lanterne.health import page as health_page
from lanterne.outputs import redirects
from lanterne.views import strings

log = logging.getLogger("mkdocs.hooks.lanterne.health")
NO_REPORT = 'Lanterne: extra.lanterne.feedback.report is not set, so the health pages say "no data yet" instead of readers\' votes'
NO_SOURCE = "Lanterne: repo_url and edit_uri are not set in mkdocs.yml, so the health pages have no links to the articles' sources"


def assess(build: Build, config: MkDocsConfig) -> None:
    """Read the feedback figures (a build's one network call, said once when it fails), then judge every article."""
    figures, problem = None, NO_REPORT
    if build.site.report:
        config_file = Path(config.config_file_path or "mkdocs.yml")
        try:
            figures, problem = fetch.load(build.site.report, root=config_file.parent, environ=os.environ)
        except fetch.ReportOriginError as error:
            # Where the token would go is a setting a pull request can change: an error, and nothing was sent.
            figures, problem = None, None
            log.error(f"{config_file.name}: extra.lanterne.feedback: {error}")
    if problem:
        log.info(problem)
    source = edit.edit_links(config.repo_url, config.edit_uri, config.edit_uri_template)
    if source is None:
        log.info(NO_SOURCE)
    build.assess(figures, today=date.today(), source=source)


def write(build: Build, site_dir: Path, save: Callable[[Path, str], None]) -> None:
    """The health page's lists as JSON and CSV, and the translation backlog's old address leading to its new place.

    `save` is write_all's, which tells the live preview what this build wrote.
    """
    if build.health is None:
        return
    data = records.records(build.health, site_url=build.site.site_url)
    save(site_dir / records.JSON_PATH, records.as_json(data))
    save(site_dir / records.CSV_PATH, records.as_csv(data))
    lang = build.site.core.default_language
    moved = health_page.moved_from(lang)
    if moved not in build.published().values():  # a page of the site's own there wins
        url = health_page.url(lang)
        title = strings.text(lang, "health.title")
        redirect = redirects.Redirect(moved, f"{url}#{health_page.TRANSLATIONS_ANCHOR}", url, lang, title)
        save(site_dir / moved / "index.html", redirects.page(redirect, site_url=build.site.site_url, noindex=True))
