"""Lanterne's MkDocs adapter. A site's hooks file imports these events: `from lanterne.adapter import *`.

MkDocs calls each event on one Adapter, which holds the build in progress (see events.py).
"""

from __future__ import annotations

from lanterne.adapter.events import Adapter

_adapter = Adapter()

on_startup = _adapter.on_startup
on_config = _adapter.on_config
on_files = _adapter.on_files
on_env = _adapter.on_env
on_page_markdown = _adapter.on_page_markdown
on_page_content = _adapter.on_page_content
on_page_context = _adapter.on_page_context
on_post_page = _adapter.on_post_page
on_post_build = _adapter.on_post_build
on_build_error = _adapter.on_build_error

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_startup",
]
