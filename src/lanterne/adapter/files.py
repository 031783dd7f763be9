"""The build's files follow the model: what it publishes, at the URLs it gives, plus the pages it generates."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from lanterne.build import Build
from lanterne.content import sources
from lanterne.content.problems import Problem
from lanterne.views import audience

AUTHORS = ".authors.yml"
REDIRECTS = ".redirects.yml"


def outside(files: Files, config: MkDocsConfig) -> list[Problem]:
    """Remove every file that is a link leading outside docs/, and say which: a pull request must not publish the host's files."""
    root = Path(config.docs_dir).resolve()
    inside = str(root) + os.sep
    real_folder = functools.lru_cache(maxsize=None)(os.path.realpath)
    problems = []
    for file in list(files):
        # Theme files come from the theme's folders; only what MkDocs found in docs/ is checked.
        if file.abs_src_path is None or file.generated_by or real_folder(file.src_dir) != str(root):
            continue
        # A file's real place: its folder's, resolved once per folder, unless the file itself is a link.
        folder, name = os.path.split(file.abs_src_path)
        real = os.path.realpath(file.abs_src_path) if os.path.islink(file.abs_src_path) else os.path.join(real_folder(folder), name)
        # Strings, not Path.is_relative_to: the preview checks every file after each edit. Both sides are resolved.
        if not real.startswith(inside):
            files.remove(file)
            problems.append(_outside(file.src_uri, Path(file.abs_src_path)))
    authors = root / AUTHORS
    if authors.is_symlink() and not authors.resolve().is_relative_to(root):
        problems.append(_outside(AUTHORS, authors))
    return problems


def badly_named(files: Files) -> list[Problem]:
    """Remove every file of docs/ whose name is not UTF-8 or holds control characters, which MkDocs cannot publish, and say which."""
    problems = []
    for file in list(files):
        if file.generated_by or (problem := sources.name_problem(file.src_uri)) is None:
            continue
        files.remove(file)
        problems.append(problem)
    return problems


def _outside(src_uri: str, path: Path) -> Problem:
    """The problem of one file that leads outside docs/."""
    return Problem(f"docs/{src_uri}", 1, "path", f"a link to {path.resolve()}, outside docs/; expected a file inside docs/")


def texts(files: Files) -> dict[str, str]:
    """Every Markdown source, by path relative to docs/."""
    return {file.src_uri: file.content_string for file in files.documentation_pages()}


def authors_text(config: MkDocsConfig) -> str | None:
    """Return docs/.authors.yml, which MkDocs itself never reads because it starts with a dot."""
    path = Path(config.docs_dir) / AUTHORS
    if not path.is_file() or not path.resolve().is_relative_to(Path(config.docs_dir).resolve()):
        return None
    return path.read_text(encoding="utf-8")


def redirects_text(config: MkDocsConfig) -> str | None:
    """Return docs/.redirects.yml (old paths to docs files, see content/redirect_map.py), a dotfile MkDocs does not read either."""
    path = Path(config.docs_dir) / REDIRECTS
    if not path.is_file() or not path.resolve().is_relative_to(Path(config.docs_dir).resolve()):
        return None
    return path.read_text(encoding="utf-8")


def asset_check(files: Files) -> Callable[[str], bool]:
    """Return a check that a path relative to docs/ is one of its files."""
    present = {file.src_uri for file in files}
    return lambda path: path.lstrip("/") in present


def icon_check(config: MkDocsConfig) -> Callable[[str], bool]:
    """Return a check that an icon name such as material/receipt-text exists in the theme."""
    roots = [Path(directory) / ".icons" for directory in config.theme.dirs]
    return lambda name: any((root / f"{name}.svg").exists() for root in roots)


def follow(
    files: Files, build: Build, config: MkDocsConfig, sources: dict[str, str], memo: dict[str, tuple[str, set[str], set[str]]] | None = None
) -> Files:
    """Keep the pages the model publishes, at its URLs; add the generated pages; leave out internal-only assets.

    `memo` keeps each source's references between the builds of a preview (see audience.internal_only_assets).
    """
    published = build.published()
    for file in list(files.documentation_pages()):
        if file.src_uri not in published:
            files.remove(file)
        else:
            _place(file, published[file.src_uri])
    for page in build.generated.values():
        if files.get_file_from_path(page.src_path) is None:
            file = File.generated(config, page.src_path, content=page.markdown)
            _place(file, page.url)
            files.append(file)
    if audience.is_public(build.site.core.audience):
        assets = {file.src_uri: file for file in files if not file.is_documentation_page()}
        for src in audience.internal_only_assets(sources, published=set(published), assets=set(assets), memo=memo):
            files.remove(assets[src])
    return files


def _place(file: File, url: str) -> None:
    """Publish a page at its help-centre URL (translations live under /<lang>/)."""
    if file.url == url:
        return
    file.url = url
    file.dest_uri = f"{url}index.html"
    file.abs_dest_path = str(Path(file.dest_dir) / file.dest_uri)
