"""Where an export comes from: a folder of saved API responses, or the API itself (which can save into such a folder).

A folder holds one file per endpoint, named after its path: `categories.json`, `articles/42/translations.json`;
the further pages of a list as `categories-2.json`, `categories-3.json`, ...
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from lanterne.importer.fetch import Client
from lanterne.importer.model import ExportError

# Given a page and the URL it came from, the URL of the next page, or None on the last one.
NextPage = Callable[[Any, str], str | None]
# A list longer than this many pages is taken as an API that never says it is done.
MAX_PAGES = 10_000


class Source(Protocol):
    """Reads the documents of one export, by endpoint name."""

    where: str

    def document(self, name: str, path: str) -> Any:
        """One response: `name` is its file name without .json, `path` its API path."""
        ...

    def pages(self, name: str, path: str, next_page: NextPage) -> list[Any]:
        """Every page of a list, first to last."""
        ...


class Folder:
    """A folder of saved responses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.where = str(root)

    def document(self, name: str, path: str) -> Any:
        """Read NAME.json."""
        return self._read(self.root / f"{name}.json", path, f"the response of GET {path}")

    def pages(self, name: str, path: str, next_page: NextPage) -> list[Any]:
        """Read NAME.json, then NAME-2.json, ... as long as each page says another follows."""
        found = [self.document(name, path)]
        url = path
        while (url := next_page(found[-1], url)) is not None:
            number = len(found) + 1
            file = self.root / f"{name}-{number}.json"
            before = f"{name}.json" if number == 2 else f"{name}-{number - 1}.json"
            if not file.is_file():
                raise ExportError(
                    f"{file}: missing; {before} says another page follows ({url}); expected page {number} saved as {file.name}"
                )
            found.append(self._read(file, path, f"page {number} of GET {path}"))
        return found

    def has(self, name: str) -> bool:
        """Whether NAME.json was saved."""
        return (self.root / f"{name}.json").is_file()

    @staticmethod
    def _read(file: Path, path: str, what: str) -> Any:
        """Parse one saved response, or say exactly where it is broken."""
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ExportError(f"{file}: missing; expected {what}, saved as it came") from None
        except (OSError, UnicodeDecodeError) as error:
            raise ExportError(f"{file}: cannot be read ({error}); expected {what} as UTF-8 JSON") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            cut = " (the file is cut short)" if error.pos >= len(text.rstrip()) else ""
            raise ExportError(
                f"{file}:{error.lineno}: not valid JSON, {error.msg} at column {error.colno}{cut}; expected {what}, saved whole"
            ) from None


def _origin(url: str) -> tuple[str, str]:
    """The scheme and host:port of a URL."""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


class Api:
    """The old tool's API at a base URL; what it answers is kept for --save."""

    def __init__(self, base: str, client: Client) -> None:
        self.base = base.rstrip("/") + "/"
        self.client = client
        self.where = self.base
        self.saved: dict[str, bytes] = {}

    def url(self, path: str) -> str:
        """The absolute URL of an API path."""
        return urljoin(self.base, path.lstrip("/"))

    def document(self, name: str, path: str) -> Any:
        """GET one response."""
        data, raw = self.client.json(self.url(path))
        self.saved[f"{name}.json"] = raw
        return data

    def pages(self, name: str, path: str, next_page: NextPage) -> list[Any]:
        """GET the first page, then each next page the API names, until it names none."""
        url = self.url(path)
        found = []
        while url is not None:
            if len(found) == MAX_PAGES:
                raise ExportError(f"{url}: still another page after {MAX_PAGES:,}; expected the list to end")
            data, raw = self.client.json(url)
            found.append(data)
            self.saved[f"{name}.json" if len(found) == 1 else f"{name}-{len(found)}.json"] = raw
            following = next_page(data, url)
            page, url = url, urljoin(url, following) if following else None
            if url is not None and _origin(url) != _origin(self.base):
                # The token goes to the API's own address only, whatever a page says.
                raise ExportError(f"{page}: its next page is on another host ({url}); expected the pages of {self.base}")
        return found

    def save(self, folder: Path) -> int:
        """Write what was fetched as a folder the importer reads again; return the number of files."""
        for name, raw in self.saved.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        return len(self.saved)
