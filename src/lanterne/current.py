"""The help centre of the build in progress, built once by the content adapter and read by the others."""

from __future__ import annotations

from .views import Index

_built: dict[str, Index] = {}


def publish(index: Index) -> None:
    """Make this build's index available to every adapter (called once per build, in on_files)."""
    _built["index"] = index


def index() -> Index:
    """Return this build's index; adapters call it from events that run after on_files."""
    return _built["index"]
