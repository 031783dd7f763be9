"""The two YAML files an import shares with the site, docs/.authors.yml and docs/.redirects.yml, merged entry by entry.

An entry the import wrote last time and nobody changed since is the import's to update or remove; any other entry is the site's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

REDIRECTS_HEADER = (
    "# Old addresses of this help centre's articles and collections, each leading to the file it became (lanterne import).\n"
    "# Each path gets a redirect page in both builds and a 301 in the nginx site; keep the entries you still need.\n"
)


@dataclass
class Merged:
    """A merged mapping, the entries now the import's, and those left alone because the site changed them."""

    entries: dict[str, Any]
    ours: dict[str, Any] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


def merge(current: dict[str, Any], new: dict[str, Any], before: dict[str, Any]) -> Merged:
    """Put the import's `new` entries into the site's `current` ones; `before` is what the last import wrote."""
    result = Merged(dict(current))
    for key, value in new.items():
        if key in current and current[key] != value and (key not in before or current[key] != before[key]):
            result.kept.append(key)
            continue
        result.entries[key] = value
        result.ours[key] = value
    for key, value in before.items():
        if key not in new and current.get(key) == value:
            del result.entries[key]
    return result


def read_mapping(text: str | None, key: str, where: str) -> dict[str, Any]:
    """The mapping under `key` of a YAML file, or an empty one."""
    from lanterne.importer.model import ExportError

    if not text:
        return {}
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ExportError(f"{where}: not valid YAML ({error}); fix it before importing") from None
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ExportError(f"{where}: '{key}' is not a mapping; fix it before importing")
    return {str(k): v for k, v in value.items()}


def dump(key: str, entries: dict[str, Any], header: str = "") -> str:
    """The YAML text of a file holding one mapping."""
    return header + yaml.safe_dump({key: entries}, sort_keys=False, allow_unicode=True, width=1000)
