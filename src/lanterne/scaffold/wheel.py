"""The engine's wheel, which a new site installs from `vendor/` until Lanterne is on a package index."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from importlib.metadata import Distribution, distribution
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from lanterne.scaffold.pins import ENGINE

# Written by the installer for this machine only; a wheel does not carry them.
_INSTALLER_FILES = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


class WheelError(RuntimeError):
    """The engine's wheel could not be made."""


def engine_wheel(folder: Path) -> Path:
    """Write the running engine's wheel into folder; return its path."""
    engine = distribution(ENGINE)
    source = editable_source(engine)
    if source is not None:
        return build(source, folder)
    return repack(engine, folder)


def editable_source(dist: Distribution) -> Path | None:
    """Return the source folder of an editable install, from its direct_url.json; None when the files are installed."""
    text = dist.read_text("direct_url.json")
    origin = json.loads(text) if text else {}
    # Only an editable install lacks the files: any other install, even from a folder, is repacked as it is.
    if not origin.get("dir_info", {}).get("editable"):
        return None
    folder = Path(unquote(urlparse(origin["url"]).path))
    return folder if (folder / "pyproject.toml").is_file() else None


def build(source: Path, folder: Path) -> Path:
    """Build the wheel from the source folder with pip, using the hatchling installed here when there is one."""
    # Without hatchling beside the engine, pip fetches it from the package index into an isolated environment.
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", *isolation]
        done = subprocess.run([*command, "-w", scratch, str(source)], capture_output=True, text=True, check=False)
        wheels = list(Path(scratch).glob("*.whl"))
        if done.returncode != 0 or len(wheels) != 1:
            last = (done.stderr.strip().splitlines() or ["no wheel was written"])[-1]
            raise WheelError(f"{source}: building the engine's wheel failed: {last}")
        folder.mkdir(parents=True, exist_ok=True)
        return Path(wheels[0].replace(folder / wheels[0].name))


def repack(dist: Distribution, folder: Path) -> Path:
    """Zip an installed engine back into a wheel from the files its RECORD lists, with a new RECORD."""
    files = [path for path in dist.files or [] if _belongs_in_wheel(path)]
    info = next((path.parts[0] for path in files if path.parts[0].endswith(".dist-info")), None)
    if info is None:
        raise WheelError(f"{dist.metadata['Name']} {dist.version}: its RECORD lists no .dist-info folder to repack")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{_wheel_name(dist.metadata['Name'])}-{dist.version}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path in files:
            data = Path(str(dist.locate_file(path))).read_bytes()
            wheel.writestr(path.as_posix(), data)
            record.append(f"{path.as_posix()},sha256={_digest(data)},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def _belongs_in_wheel(path: PurePosixPath) -> bool:
    """Keep the package and its metadata; leave out scripts (outside site-packages), bytecode and installer files."""
    if path.parts[0] == ".." or "__pycache__" in path.parts:
        return False
    return not (path.parts[0].endswith(".dist-info") and path.name in _INSTALLER_FILES)


def _wheel_name(name: str) -> str:
    """A distribution name as wheel file names write it."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _digest(data: bytes) -> str:
    """The RECORD hash: urlsafe base64 of the SHA-256, without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
