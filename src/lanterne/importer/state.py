"""The importer's memory, `.lanterne-import.json` beside mkdocs.yml: where each old id went, and what each file held.

It makes an import repeatable: the same export twice changes nothing, and a file whose text differs from what the last
import wrote was edited in the site, so a newer export leaves it alone. Commit it with the site.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lanterne.importer.model import ExportError

FILE = ".lanterne-import.json"
VERSION = 1


@dataclass
class ToolState:
    """One tool's last import: 'article:ID' and 'group:ID' to paths, docs files to the hash of what was written."""

    paths: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    authors: dict[str, dict[str, Any]] = field(default_factory=dict)
    author_ids: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    source_ids: dict[str, str] = field(default_factory=dict)


@dataclass
class State:
    """Every tool's last import into this site."""

    path: Path
    tools: dict[str, ToolState] = field(default_factory=dict)

    @classmethod
    def load(cls, site: Path) -> State:
        """Read the state file, or start empty."""
        path = site / FILE
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tools = {name: ToolState(**value) for name, value in data["tools"].items()}
        except (ValueError, KeyError, TypeError) as error:
            raise ExportError(f"{path}: not a state file this version reads ({error}); expected the file an import wrote") from None
        return cls(path, tools)

    def text(self) -> str:
        """The file's text, stable (sorted keys), so that the same import writes the same bytes."""
        tools = {name: vars(tool) for name, tool in sorted(self.tools.items())}
        return json.dumps({"version": VERSION, "tools": tools}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def digest(data: bytes) -> str:
    """The hash a file is known by."""
    return hashlib.sha256(data).hexdigest()
