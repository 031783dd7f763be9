"""The entries of a CHANGELOG.md (Keep a Changelog headings, `## [0.3.0] - 2026-12-04`) between two versions."""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\]", re.MULTILINE)


def between(text: str, old: str, new: str) -> list[str]:
    """Return the sections of the versions after `old` up to `new` included, newest first, as written."""
    found = list(_HEADING.finditer(text))
    sections = []
    for index, heading in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        version = _version(heading["version"])
        if version is not None and Version(old) < version <= Version(new):
            sections.append(text[heading.start() : end].strip())
    return sections


def _version(text: str) -> Version | None:
    """A heading's version, or None for `[Unreleased]` and other words."""
    try:
        return Version(text)
    except InvalidVersion:
        return None
