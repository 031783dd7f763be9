"""Build a configuration for real, in-process, with --strict semantics, and keep what MkDocs logged."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

# Used when a configuration has no site_url: pages are then checked as if served from this address.
FALLBACK_SITE_URL = "http://127.0.0.1/"


@dataclass
class Build:
    """One configuration built into a folder: what MkDocs logged, whether it passed, and the loaded config."""

    label: str
    config_file: Path
    site: Path
    ok: bool
    messages: list[str] = field(default_factory=list)
    config: MkDocsConfig | None = None

    @property
    def site_url(self) -> str:
        """Return the address the site is served from, ending with a slash."""
        url = (self.config and self.config.site_url) or FALLBACK_SITE_URL
        return url if url.endswith("/") else url + "/"

    @property
    def docs_dir(self) -> Path:
        """Return the configuration's docs folder."""
        assert self.config is not None, "a configuration that failed to load has no docs folder"
        return Path(self.config.docs_dir)


class _Collect(logging.Handler):
    """Keep every warning and error that MkDocs and its hooks log."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def build_site(label: str, config_file: Path, site_dir: Path) -> Build:
    """Load `config_file` strictly and build it into `site_dir`; a failure is reported, never raised."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    config = None
    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
        build(config)
        ok = True
    except MkDocsException as error:
        handler.messages.append(f"ABORTED: {error}")
        ok = False
    finally:
        logger.removeHandler(handler)
    return Build(label=label, config_file=config_file, site=site_dir, ok=ok, messages=handler.messages, config=config)


def validation_problems(builds: list[Build]) -> list[str]:
    """Name each failed build's warnings and errors, prefixed with its configuration file."""
    return [f"{build.config_file.name}: {message}" for build in builds if not build.ok for message in build.messages]
