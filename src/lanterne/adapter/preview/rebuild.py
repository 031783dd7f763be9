"""The live preview: between two builds of one `lanterne serve` session, re-render only the pages whose output changes.

MkDocs' dirty build re-renders a page when its output file is missing or older than its source. Before the
pages render, the preview removes the output of every page whose inputs changed since the last build: its
source, its view of the model (lists, counts, related articles, tags, languages), its embed data and its
problems; and of every page that links to a page that appeared, moved or went away. The outputs of pages and
files that left the site are deleted, so that the served folder always equals a clean build of the same content.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from lanterne import pages
from lanterne.adapter.outputs import Reuse
from lanterne.adapter.preview import errors as preview_errors
from lanterne.adapter.preview.model_cache import ModelCache
from lanterne.adapter.preview.search import DeferredSearch
from lanterne.build import Build
from lanterne.outputs import embed

log = logging.getLogger("mkdocs.hooks.lanterne.preview")
# More pages than this appeared, moved or went away (a branch checkout): render every page again.
MANY = 200


@dataclass
class Plan:
    """What one build of the session re-renders, and what it will leave behind when it succeeds."""

    fingerprints: dict[str, str]
    outputs: set[str]


class Preview:
    """What a serve session remembers from its last good build: how each page was made, and what was written."""

    def __init__(self) -> None:
        self.site_key: str | None = None
        self.builds = 0
        self.fingerprints: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.outputs: set[str] = set()
        self.bodies: dict[str, str] = {}
        self.search = DeferredSearch()
        self.templates = TemplateCache()
        self.model = ModelCache()
        self.views: dict[str, dict[str, Any] | None] = {}
        self.view_keys: dict[str, str] = {}
        self.references: dict[str, tuple[str, set[str], set[str]]] = {}
        self.outputs_reuse = Reuse()
        self.plan: Plan | None = None

    def prepare(self, files: Files, build: Build, config: MkDocsConfig, sources: dict[str, str]) -> None:
        """Remove the output of every page this build must render again (MkDocs' dirty build then renders it).

        `sources` holds the Markdown sources on_files read, by path relative to docs/.
        """
        site_dir = Path(config.site_dir)
        site_key = _digest(repr(build.site), config.site_name, config.site_url or "", _read(config.config_file_path))
        if site_key != self.site_key:
            self.fingerprints, self.bodies, self.site_key, self.outputs_reuse = {}, {}, site_key, Reuse()
        urls = {file.src_uri: file.url for file in files if not file.generated_by}
        moved = {PurePosixPath(src).name for src in set(urls) | set(self.urls) if urls.get(src) != self.urls.get(src)}
        needles = moved | {_default_name(name) for name in moved}
        # A first build, or a checkout that changed many files: everything renders again anyway.
        everything = not self.fingerprints or len(needles) > MANY
        if not (self.model.hit and not moved and self.views):
            self._view(files, build)
        fingerprints: dict[str, str] = {}
        again = 0
        for file in files.documentation_pages():
            src = file.src_uri
            text = sources.get(src)
            if text is None:  # a page the engine generates (tag pages): its text is in memory
                text = file.content_string
            fingerprints[src] = _digest(text, file.url, self.view_keys.get(src, ""))
            stale = everything or fingerprints[src] != self.fingerprints.get(src) or any(needle in text for needle in needles)
            if stale or (src in build.centre.by_src and src not in self.bodies and _is_article(self.views.get(src))):  # type: ignore[union-attr]
                Path(file.abs_dest_path).unlink(missing_ok=True)
                again += 1
        self.builds += 1
        log.info(f"Lanterne preview: build {self.builds}: {again} of {len(fingerprints)} pages to render")
        self.plan = Plan(fingerprints, _outputs(files, self.views, site_dir))
        self.urls = urls

    def _view(self, files: Files, build: Build) -> None:
        """Every page's view of the model, and a key of all a page shows besides its source: view, embed data, problems."""
        problems = _problems(build)
        self.views, self.view_keys = {}, {}
        for file in files.documentation_pages():
            src = file.src_uri
            view = self.views[src] = pages.view_of(build, src)
            self.view_keys[src] = _digest(repr(view), repr(_embed_data(build, file.url, view)), *problems.get(src, []))

    def fill(self, files: Files) -> None:
        """Give the pages this build does not render their view too: the sitemap reads every page's alternates."""
        for file in files.documentation_pages():
            if file.page is not None and "lanterne" not in file.page.meta and self.views.get(file.src_uri):
                file.page.meta["lanterne"] = self.views[file.src_uri]

    def bodies_for(self, build: Build) -> None:
        """Complete this build's article bodies with those of the articles it did not render again."""
        rendered = build.outputs.bodies
        assert build.centre is not None
        kept = {src: self.bodies[src] for src in build.centre.by_src if src in self.bodies and src not in rendered}
        build.outputs.bodies = {**kept, **rendered}

    def finish(self, build: Build, site_dir: Path, written: set[str]) -> None:
        """Write the error pages, delete what the site no longer has, remember this build, then index search.

        No gzip copies: they are for web servers in production, and the preview's server sends files as they are.
        """
        assert self.plan is not None
        outputs = self.plan.outputs | written | preview_errors.write(build, site_dir)
        for path in sorted(self.outputs - outputs):
            _remove(Path(path), site_dir)
        self.outputs, self.fingerprints = outputs, self.plan.fingerprints
        self.bodies = dict(build.outputs.bodies)
        self.plan = None
        self.search.schedule(build, site_dir, number=self.builds)

    def failed(self) -> None:
        """A failed build is forgotten: the next one compares against the last good build, and reads every source."""
        self.plan = None
        self.views, self.view_keys, self.outputs_reuse = {}, {}, Reuse()
        self.model.forget()


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates, kept between builds: each build has a new Jinja environment, and Material's templates are big.

    Jinja keys each entry by template name and checks its source's checksum, so an edited template compiles again.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def _outputs(files: Files, views: dict[str, dict[str, Any] | None], site_dir: Path) -> set[str]:
    """Every file this build writes for MkDocs' files and the embed pages."""
    found = {file.abs_dest_path for file in files}
    for file in files.documentation_pages():
        if (views.get(file.src_uri) or {}).get("kind") in embed.KINDS:
            found.add(str(site_dir / embed.url_of(file.url) / "index.html"))
    return found


def _embed_data(build: Build, url: str, view: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the embed version of a page shows beyond its view, or None for a page without one."""
    if not view or view.get("kind") not in embed.KINDS:
        return None
    assert build.index is not None
    return embed.page(build.index, url, view["lang"], view["kind"])


def _problems(build: Build) -> dict[str, list[str]]:
    """The problems reported about each source file, which its page shows in the preview."""
    found: dict[str, list[str]] = {}
    for problem in build.problems:
        found.setdefault(problem.path.removeprefix("docs/"), []).append(str(problem))
    return found


def _is_article(view: dict[str, Any] | None) -> bool:
    return bool(view) and view.get("kind") == "article"  # type: ignore[union-attr]


def _default_name(name: str) -> str:
    """`x.en.md` is linked to as `x.md` from its own language's pages: both names are looked for."""
    parts = name.split(".")
    return f"{parts[0]}.md" if len(parts) > 2 else name


def _remove(path: Path, site_dir: Path) -> None:
    """Delete a file the site no longer has, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site_dir and folder.is_relative_to(site_dir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _read(path: str | None) -> str:
    return Path(path).read_text(encoding="utf-8") if path and os.path.isfile(path) else ""


def _digest(*parts: str) -> str:
    """A short key for what a page is made from."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()
