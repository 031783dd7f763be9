"""Lanterne: a help-centre generator. The core here is plain Python with no MkDocs objects inside."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lanterne")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
