"""Write a new help centre: every check and every computation first, then the files, all at once."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from lanterne.scaffold.options import SiteOptions
from lanterne.scaffold.pins import engine_pins
from lanterne.scaffold.render import site_files
from lanterne.scaffold.wheel import engine_wheel

VENDOR = "vendor"


def write_site(options: SiteOptions, *, today: date | None = None) -> list[Path]:
    """Write the help centre into its folder, with the engine's wheel under vendor/; return the files written."""
    pins = engine_pins()
    with tempfile.TemporaryDirectory() as scratch:
        wheel = engine_wheel(Path(scratch))
        texts = site_files(options, wheel=wheel.name, version=wheel_version(wheel.name), pins=pins, today=today or date.today())
        # Every file encoded before any is written: a text that cannot be written leaves no half-made folder behind.
        encoded = {options.folder / path: text.encode("utf-8") for path, text in texts.items()}
        written = [_write(path, data) for path, data in encoded.items()]
        vendored = options.folder / VENDOR / wheel.name
        vendored.parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.move(wheel, vendored)))
    return written


def wheel_version(filename: str) -> str:
    """Return the version a wheel's file name carries (`lanterne-0.2.0-py3-none-any.whl` → 0.2.0)."""
    return filename.split("-")[1]


def _write(path: Path, data: bytes) -> Path:
    """Write one file, making its folders; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
