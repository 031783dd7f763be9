"""Writing an import into the site: everything into a temporary folder first, then moved in, so a failure writes nothing.

A file is written only when its text changed. A file that differs from what the last import wrote was edited in the site:
it is left alone and reported; so is a file the import never wrote. A file the last import wrote that the export no longer
has is removed, unless it was edited since.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lanterne.importer.state import digest


@dataclass
class Outcome:
    """What the import did to docs/, by docs path."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Each file the import now answers for, with the hash of what it wrote.
    hashes: dict[str, str] = field(default_factory=dict)


def decide(docs: Path, files: dict[str, bytes], before: dict[str, str], *, merged: frozenset[str] = frozenset()) -> Outcome:
    """Sort every file into written, unchanged, edited in the site, or not the import's; `merged` files are always the import's."""
    outcome = Outcome()
    for path, data in sorted(files.items()):
        target, new = docs / path, digest(data)
        if target.is_file():
            current = digest(target.read_bytes())
            if current == new:
                outcome.unchanged.append(path)
                outcome.hashes[path] = new
                continue
            if path not in merged and path in before and current != before[path]:
                outcome.edited.append(path)
                outcome.hashes[path] = before[path]
                continue
            if path not in merged and path not in before:
                outcome.foreign.append(path)
                continue
        outcome.written.append(path)
        outcome.hashes[path] = new
    for path, old in sorted(before.items()):
        target = docs / path
        if path in files or not target.is_file():
            continue
        if digest(target.read_bytes()) == old:
            outcome.removed.append(path)
        else:
            outcome.edited.append(path)
            outcome.hashes[path] = old
    return outcome


def apply(site: Path, docs: Path, files: dict[str, bytes], outcome: Outcome, extra: dict[Path, bytes]) -> None:
    """Stage the written files and `extra` (the state file) in a temporary folder of the site, then move them all in."""
    staging = Path(tempfile.mkdtemp(prefix=".lanterne-import-", dir=site))
    try:
        moves: list[tuple[Path, Path]] = []
        for index, path in enumerate(outcome.written):
            staged = staging / str(index)
            staged.write_bytes(files[path])
            moves.append((staged, docs / path))
        for index, (target, data) in enumerate(extra.items()):
            staged = staging / f"extra-{index}"
            staged.write_bytes(data)
            moves.append((staged, target))
        for staged, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        for path in outcome.removed:
            (docs / path).unlink(missing_ok=True)
            _prune(docs / path, docs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _prune(removed: Path, docs: Path) -> None:
    """Remove the folders a removal left empty, up to docs/."""
    folder = removed.parent
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
