"""The engine wheel a site moves to: a file, or the version a package index holds; its version, requirements, CHANGELOG."""

from __future__ import annotations

import email
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

ENGINE = "lanterne"
# The wheel's own copy of CHANGELOG.md (pyproject.toml's force-include).
CHANGELOG = f"{ENGINE}/CHANGELOG.md"
_WHEEL_NAME = re.compile(rf"{ENGINE}-(?P<version>[^-]+)-[^/]+\.whl")


class UpgradeError(RuntimeError):
    """The upgrade cannot be made: the message names the file or the version and what was expected."""


@dataclass(frozen=True)
class EngineWheel:
    """An engine wheel, read: where it is, its version, what it requires, and its CHANGELOG (empty in older wheels)."""

    path: Path
    version: str
    requires: tuple[Requirement, ...]
    changelog: str


def read(path: Path) -> EngineWheel:
    """Read an engine wheel's metadata and CHANGELOG; refuse a file that is not one."""
    found = _WHEEL_NAME.fullmatch(path.name)
    if not path.is_file() or found is None:
        raise UpgradeError(f"{path}: is not an engine wheel; expected a file such as {ENGINE}-0.3.0-py3-none-any.whl")
    try:
        with zipfile.ZipFile(path) as wheel:
            names = set(wheel.namelist())
            metadata = email.message_from_bytes(wheel.read(f"{ENGINE}-{found['version']}.dist-info/METADATA"))
            changelog = wheel.read(CHANGELOG).decode("utf-8") if CHANGELOG in names else ""
        requires = tuple(Requirement(line) for line in metadata.get_all("Requires-Dist") or [])
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, InvalidRequirement) as error:
        raise UpgradeError(f"{path}: is not a readable engine wheel ({error}); expected one built from Lanterne's source") from None
    return EngineWheel(path, metadata["Version"], requires, changelog)


def download(version: str, folder: Path) -> Path:
    """Fetch the engine's wheel of one version from the package index pip is set up for; return its path."""
    try:
        Version(version)
    except InvalidVersion:
        raise UpgradeError(f"{version!r} is neither a wheel file nor a version; expected a .whl path or a version such as 0.3.0") from None
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps", "--only-binary", ":all:"]
    done = subprocess.run([*command, "--dest", str(folder), f"{ENGINE}=={version}"], capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob(f"{ENGINE}-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        last = (done.stderr.strip().splitlines() or ["no wheel was downloaded"])[-1]
        raise UpgradeError(f"{ENGINE}=={version}: the package index gave no wheel: {last}")
    return wheels[0]
