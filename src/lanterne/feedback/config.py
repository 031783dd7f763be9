"""The service's settings: command-line options, falling back to LANTERNE_FEEDBACK_* environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_MANIFESTS = ("site/lanterne/feedback-manifest.json",)


@dataclass(frozen=True)
class Config:
    """Everything the service needs to know."""

    database: str = "feedback.sqlite3"
    manifests: tuple[str, ...] = DEFAULT_MANIFESTS
    origins: tuple[str, ...] = ()
    rate_limit: int = 30
    rate_window: float = 60.0
    body_limit: int = 4096

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Config:
        """Read LANTERNE_FEEDBACK_DATABASE, _MANIFESTS, _ORIGINS (space-separated) and _RATE_LIMIT ('30/60')."""
        limit, window = parse_rate(environ.get("LANTERNE_FEEDBACK_RATE_LIMIT", "30/60"))
        return cls(
            database=environ.get("LANTERNE_FEEDBACK_DATABASE", cls.database),
            manifests=tuple(environ.get("LANTERNE_FEEDBACK_MANIFESTS", " ".join(DEFAULT_MANIFESTS)).split()),
            origins=tuple(origin.rstrip("/") for origin in environ.get("LANTERNE_FEEDBACK_ORIGINS", "").replace(",", " ").split()),
            rate_limit=limit,
            rate_window=window,
        )


def parse_rate(text: str) -> tuple[int, float]:
    """'30/60' is 30 requests per 60 seconds per client; '0' turns the limit off."""
    count, _, seconds = text.partition("/")
    try:
        limit, window = int(count), float(seconds or 60)
    except ValueError:
        raise ValueError(f"rate limit {text!r}: expected REQUESTS/SECONDS, for example 30/60, or 0 for none") from None
    if limit < 0 or window <= 0:
        raise ValueError(f"rate limit {text!r}: expected a positive number of requests per a positive number of seconds")
    return limit, window
