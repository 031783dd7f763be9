"""The images, attachments and avatars of an import, fetched a few at a time; a failure names the article and the URL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lanterne.importer.fetch import Client
from lanterne.importer.model import ExportError

CONCURRENCY = 16
MAX_FILE = 25 * 1024 * 1024


@dataclass
class Downloaded:
    """The files fetched, by docs path, and those left on the old site (--keep-remote-images), by URL."""

    files: dict[str, bytes] = field(default_factory=dict)
    remote: dict[str, str] = field(default_factory=dict)
    reused: int = 0


def fetch_all(
    downloads: dict[str, str], needed_by: dict[str, str], client: Client, *, docs: Path, known: dict[str, str], keep_remote: bool
) -> Downloaded:
    """Fetch each URL once; a file an earlier import fetched and still on disk is read from there instead."""
    result = Downloaded()
    wanted = {}
    for url, path in downloads.items():
        if path in known and (docs / path).is_file():
            result.files[path] = (docs / path).read_bytes()
            result.reused += 1
        else:
            wanted[url] = path

    def one(url: str) -> tuple[str, bytes | ExportError]:
        try:
            data = client.get(url)
        except ExportError as error:
            return url, error
        if len(data) > MAX_FILE:
            return url, ExportError(f"{url}: {len(data):,} bytes; expected a file of at most {MAX_FILE:,}")
        return url, data

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        for url, data in pool.map(one, sorted(wanted)):
            if isinstance(data, ExportError):
                if not keep_remote:
                    where = needed_by.get(url, "")
                    raise ExportError(f"docs/{where}: {data}; or run again with --keep-remote-images to link to it where it is")
                result.remote[url] = wanted[url]
            else:
                result.files[wanted[url]] = data
    return result
