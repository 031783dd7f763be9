"""One import, from the export to the files in the site: read, plan, convert, download, then write all at once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from lanterne import settings
from lanterne.importer import assemble, download, helpscout, intercom, merge, writer, zendesk
from lanterne.importer.fetch import TOKEN_VARIABLE, Client
from lanterne.importer.languages import Languages
from lanterne.importer.model import Export, ExportError
from lanterne.importer.plan import Plan, plan
from lanterne.importer.source import Api, Folder, Source
from lanterne.importer.state import State, ToolState, digest

TOOLS: dict[str, ModuleType] = {"intercom": intercom, "zendesk": zendesk, "helpscout": helpscout}
AUTHORS = ".authors.yml"
REDIRECTS = ".redirects.yml"


@dataclass
class Options:
    """What the command line asked for."""

    tool: str
    source: str
    config_file: Path
    save: Path | None = None
    keep_remote_images: bool = False
    skip_languages: frozenset[str] = frozenset()


@dataclass
class Report:
    """What the import did, for the command to print."""

    export: Export
    plan: Plan
    assembled: assemble.Assembled
    outcome: writer.Outcome
    downloaded: download.Downloaded
    saved: int = 0
    kept_entries: list[str] = field(default_factory=list)


def run(options: Options) -> Report:
    """Import an export into the site of `options.config_file`; raise ExportError before writing anything if it cannot."""
    site, docs, languages = _site(options)
    tool = TOOLS[options.tool]
    source = _source(options, tool)
    export = tool.read(source, default_language=languages.default)
    state = State.load(site)
    before = state.tools.get(options.tool, ToolState())
    planned = plan(export, languages, previous=before.paths, occupied=_occupied(docs, before))
    authors_text = _read(docs / AUTHORS)
    current_authors = merge.read_mapping(authors_text, "authors", f"docs/{AUTHORS}")
    known = {person: author for person, author in before.author_ids.items() if author in current_authors}
    assembled = assemble.assemble(
        export, planned, default=languages.default, tool=options.tool, author_ids=known, site_authors=set(current_authors)
    )
    client = Client(None)
    fetched = download.fetch_all(
        assembled.downloads, assembled.needed_by, client, docs=docs, known=before.files, keep_remote=options.keep_remote_images
    )
    files = {path: text.encode() for path, text in _remote_links(assembled.texts, fetched.remote).items()}
    files.update(fetched.files)
    for url, path in fetched.remote.items():
        for entry in assembled.authors.values():
            if entry.get("avatar") == path:
                entry["avatar"] = url
    authors = merge.merge(current_authors, assembled.authors, before.authors)
    redirects = merge.merge(
        merge.read_mapping(_read(docs / REDIRECTS), "redirects", f"docs/{REDIRECTS}"), assembled.redirects, before.redirects
    )
    if authors.entries != current_authors:
        files[AUTHORS] = merge.dump("authors", authors.entries).encode()
    if redirects.entries or (docs / REDIRECTS).is_file():
        files[REDIRECTS] = merge.dump("redirects", redirects.entries, merge.REDIRECTS_HEADER).encode()
    outcome = writer.decide(docs, files, before.files, merged=frozenset({AUTHORS, REDIRECTS}))
    outcome.hashes.pop(AUTHORS, None)
    outcome.hashes.pop(REDIRECTS, None)
    state.tools[options.tool] = ToolState(
        paths={
            **{f"group:{k}": g.folder for k, g in planned.groups.items()},
            **{f"article:{k}": e.base for k, e in planned.entries.items()},
        },
        files=outcome.hashes,
        authors=authors.ours,
        author_ids=assembled.person_ids,
        redirects=redirects.ours,
        source_ids={e.base: k for k, e in planned.entries.items()},
    )
    extra = {}
    new_state = state.text().encode()
    if not state.path.is_file() or digest(state.path.read_bytes()) != digest(new_state):
        extra[state.path] = new_state
    writer.apply(site, docs, files, outcome, extra)
    report = Report(export, planned, assembled, outcome, fetched, kept_entries=[*authors.kept, *redirects.kept])
    if options.save and isinstance(source, Api):
        report.saved = source.save(options.save)
    return report


def _site(options: Options) -> tuple[Path, Path, Languages]:
    """The site's folder, its docs/ and its languages, from its mkdocs.yml."""
    config_file = options.config_file
    if not config_file.is_file():
        raise ExportError(f"{config_file}: no such file; expected to run in a help centre's folder, or -f path/to/mkdocs.yml")
    try:
        config = load_config(config_file=str(config_file))
    except (Abort, ConfigurationError, OSError) as error:
        raise ExportError(f"{config_file}: {error}") from None
    try:
        site = settings.parse(config.extra.get("lanterne"), site_url=config.site_url, theme_language=config.theme.get("language") or "en")
    except settings.SettingsError as error:
        raise ExportError("; ".join(error.problems)) from None
    core = site.core
    return config_file.resolve().parent, Path(config.docs_dir), Languages(core.languages, core.default_language, options.skip_languages)


def _source(options: Options, tool: ModuleType) -> Source:
    """A folder, or the API at a URL with the token from the environment."""
    if re.match(r"^https?://", options.source):
        token = os.environ.get(TOKEN_VARIABLE)
        if not token:
            raise ExportError(f"{TOKEN_VARIABLE} is not set; expected the API token of {options.source} in it (never on the command line)")
        return Api(options.source, Client(token, scheme=tool.SCHEME, headers=dict(tool.HEADERS)))
    folder = Path(options.source)
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder; expected a folder of saved API responses, or the API's https:// address")
    if options.save:
        raise ExportError("--save: only when importing from the API; the folder is already saved")
    return Folder(folder)


def _occupied(docs: Path, before: ToolState) -> dict[str, set[str]]:
    """What each folder of docs/ holds that no import wrote: names a new collection or article must not take."""
    ours = set(before.files)
    found: dict[str, set[str]] = {}
    for path in docs.rglob("*.md") if docs.is_dir() else []:
        relative = path.relative_to(docs).as_posix()
        if relative in ours:
            continue
        parts = relative.split("/")
        for depth in range(len(parts)):
            found.setdefault("/".join(parts[:depth]), set()).add(parts[depth].split(".", 1)[0])
    return found


def _remote_links(texts: dict[str, str], remote: dict[str, str]) -> dict[str, str]:
    """With --keep-remote-images, a file that could not be fetched is linked where it is."""
    if not remote:
        return texts
    patterns = [(re.compile(r"(?:\.\./)*" + re.escape(path)), url) for url, path in remote.items()]
    result = {}
    for name, text in texts.items():
        for pattern, url in patterns:
            text = pattern.sub(lambda _, url=url: url, text)
        result[name] = text
    return result


def _read(path: Path) -> str | None:
    """A file's text, or None."""
    return path.read_text(encoding="utf-8") if path.is_file() else None
