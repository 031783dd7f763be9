"""Move one site to another engine wheel: every check and computation first, then vendor/ and requirements.txt."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lanterne.upgrade import changelog, requirements, wheel
from lanterne.upgrade.requirements import VENDOR
from lanterne.upgrade.wheel import ENGINE, UpgradeError


@dataclass(frozen=True)
class Upgraded:
    """What an upgrade did: the versions, the wheel now in vendor/ (None: the index), what left, the pins, the CHANGELOG."""

    old: str
    new: str
    wheel: str | None
    removed: tuple[str, ...]
    pins: tuple[str, ...]
    entries: tuple[str, ...]


def upgrade(folder: Path, source: str) -> Upgraded:
    """Take the engine from `source` (a wheel file, or a version of the package index); return what changed."""
    path = folder / "requirements.txt"
    if not path.is_file():
        raise UpgradeError(f"{folder}: has no requirements.txt; expected the folder of a site written by lanterne new")
    lines = path.read_text(encoding="utf-8").splitlines()
    current = requirements.engine(lines)
    with tempfile.TemporaryDirectory() as scratch:
        from_file = source.endswith(".whl") or Path(source).is_file()
        new = wheel.read(Path(source) if from_file else wheel.download(source, Path(scratch)))
        name = new.path.name if from_file else None
        text, pins = requirements.rewrite(lines, version=new.version, wheel=name, requires=new.requires)
        removed = _vendor(folder / VENDOR, new.path if from_file else None)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return Upgraded(
        current.version, new.version, name, removed, tuple(pins), tuple(changelog.between(new.changelog, current.version, new.version))
    )


def _vendor(folder: Path, new: Path | None) -> tuple[str, ...]:
    """Put the new wheel into vendor/ (replacing one of the same name) and remove every other engine wheel there."""
    if new is not None:
        folder.mkdir(exist_ok=True)
        target = folder / new.name
        if not target.exists() or not target.samefile(new):
            # Copied beside its final name first: an interrupted copy never leaves a half wheel that make would install.
            partial = folder / f".{new.name}.partial"
            shutil.copyfile(new, partial)
            partial.replace(target)
    old = sorted(path for path in folder.glob(f"{ENGINE}-*.whl") if new is None or path.name != new.name) if folder.is_dir() else []
    for path in old:
        path.unlink()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return tuple(f"{VENDOR}/{path.name}" for path in old)
