"""Lanterne's adapter: MkDocs calls the engine through this line. The engine is the pinned `lanterne` package."""

from lanterne.adapter import *  # noqa: F403
