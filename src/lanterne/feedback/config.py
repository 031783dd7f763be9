"""The service's settings: command-line options, falling back to LANTERNE_FEEDBACK_* environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_MANIFESTS = ("site/lanterne/feedback-manifest.json",)
# The one name for the report's secret, on the service and in the internal build that reads the report.
REPORT_TOKEN = "LANTERNE_FEEDBACK_REPORT_TOKEN"
MIN_TOKEN = 16


@dataclass(frozen=True)
class Config:
    """Everything the service needs to know."""

    database: str = "feedback.sqlite3"
    manifests: tuple[str, ...] = DEFAULT_MANIFESTS
    origins: tuple[str, ...] = ()
    rate_limit: int = 30
    rate_window: float = 60.0
    votes_per_article: int = 5
    read_timeout: float = 10.0
    body_limit: int = 4096
    report_token: str = ""

    def __post_init__(self) -> None:
        """A report token short enough to guess would open the comments to anyone."""
        if self.report_token and len(self.report_token) < MIN_TOKEN:
            count = len(self.report_token)
            raise ValueError(f"{REPORT_TOKEN} (--report-token): {count} characters; expected {MIN_TOKEN} or more (openssl rand -hex 32)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Config:
        """Read LANTERNE_FEEDBACK_* variables: DATABASE, MANIFESTS, ORIGINS, RATE_LIMIT, VOTES_PER_ARTICLE, READ_TIMEOUT, REPORT_TOKEN."""
        limit, window = parse_rate(environ.get("LANTERNE_FEEDBACK_RATE_LIMIT", "30/60"))
        return cls(
            database=environ.get("LANTERNE_FEEDBACK_DATABASE", cls.database),
            manifests=tuple(environ.get("LANTERNE_FEEDBACK_MANIFESTS", " ".join(DEFAULT_MANIFESTS)).split()),
            origins=tuple(origin.rstrip("/") for origin in environ.get("LANTERNE_FEEDBACK_ORIGINS", "").replace(",", " ").split()),
            rate_limit=limit,
            rate_window=window,
            votes_per_article=int(_number(environ, "LANTERNE_FEEDBACK_VOTES_PER_ARTICLE", cls.votes_per_article, zero=True)),
            read_timeout=_number(environ, "LANTERNE_FEEDBACK_READ_TIMEOUT", cls.read_timeout, zero=False),
            report_token=environ.get(REPORT_TOKEN, ""),
        )

    def environ(self) -> dict[str, str]:
        """The LANTERNE_FEEDBACK_* variables from_env reads back as these settings: how each worker process gets them."""
        return {
            "LANTERNE_FEEDBACK_DATABASE": self.database,
            "LANTERNE_FEEDBACK_MANIFESTS": " ".join(self.manifests),
            "LANTERNE_FEEDBACK_ORIGINS": " ".join(self.origins),
            "LANTERNE_FEEDBACK_RATE_LIMIT": f"{self.rate_limit}/{self.rate_window:g}",
            "LANTERNE_FEEDBACK_VOTES_PER_ARTICLE": str(self.votes_per_article),
            "LANTERNE_FEEDBACK_READ_TIMEOUT": f"{self.read_timeout:g}",
            REPORT_TOKEN: self.report_token,
        }


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


def _number(environ: Mapping[str, str], name: str, default: float, *, zero: bool) -> float:
    """A number from the environment, or the default when the variable is unset; 0 only where it means "off"."""
    text = environ.get(name, "")
    try:
        value = float(text) if text else default
    except ValueError:
        value = -1.0
    if value < 0 or (value == 0 and not zero):
        raise ValueError(f"{name}={text!r}: expected a {'' if zero else 'positive '}number, for example {default:g}")
    return value
