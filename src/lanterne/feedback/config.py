"""The service's settings: command-line options, falling back to LANTERNE_FEEDBACK_* environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_MANIFESTS = ("site/lanterne/feedback-manifest.json",)
# The one name for the report's secret, on the service and in the internal build that reads the report.
REPORT_TOKEN = "LANTERNE_FEEDBACK_REPORT_TOKEN"
MIN_TOKEN = 16
# Where a reverse proxy may connect from to have its headers believed (uvicorn's own default and variable).
PROXIES = "127.0.0.1,::1"
AUDIENCES = ("public", "internal")


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
    proxy: bool = False
    proxies: str = PROXIES
    audience: str = "public"
    ipv6_prefix: int = 64
    search_window: float = 86400.0
    event_days: int = 90

    def __post_init__(self) -> None:
        """Refuse settings that would open the service: a guessable token, an audience the proxy and the option both set."""
        if self.report_token and len(self.report_token) < MIN_TOKEN:
            count = len(self.report_token)
            raise ValueError(f"{REPORT_TOKEN} (--report-token): {count} characters; expected {MIN_TOKEN} or more (openssl rand -hex 32)")
        if self.audience not in AUDIENCES:
            raise ValueError(f"LANTERNE_FEEDBACK_AUDIENCE (--audience): {self.audience!r}; expected public or internal")
        if self.proxy and self.audience != "public":
            raise ValueError(
                "--audience internal with --proxy: behind the proxy, its server block says each request's audience; "
                "run a second service with --audience internal, reachable by agents only, if it must be set here"
            )
        if self.event_days < 1:
            raise ValueError(f"LANTERNE_FEEDBACK_EVENT_DAYS (--keep-events): {self.event_days}; expected 1 or more days, for example 90")
        if not 32 <= self.ipv6_prefix <= 128:
            raise ValueError(f"LANTERNE_FEEDBACK_IPV6_PREFIX (--ipv6-prefix): {self.ipv6_prefix}; expected 32 to 128, for example 64")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Config:
        """Read the LANTERNE_FEEDBACK_* variables (see environ()), and uvicorn's FORWARDED_ALLOW_IPS."""
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
            proxy=environ.get("LANTERNE_FEEDBACK_PROXY", "") == "1",
            proxies=environ.get("FORWARDED_ALLOW_IPS", PROXIES),
            audience=environ.get("LANTERNE_FEEDBACK_AUDIENCE", cls.audience),
            ipv6_prefix=int(_number(environ, "LANTERNE_FEEDBACK_IPV6_PREFIX", cls.ipv6_prefix, zero=False, whole=True)),
            search_window=_number(environ, "LANTERNE_FEEDBACK_SEARCH_WINDOW", cls.search_window, zero=False),
            event_days=int(_number(environ, "LANTERNE_FEEDBACK_EVENT_DAYS", cls.event_days, zero=False, whole=True)),
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
            "LANTERNE_FEEDBACK_PROXY": "1" if self.proxy else "",
            "FORWARDED_ALLOW_IPS": self.proxies,
            "LANTERNE_FEEDBACK_AUDIENCE": self.audience,
            "LANTERNE_FEEDBACK_IPV6_PREFIX": str(self.ipv6_prefix),
            "LANTERNE_FEEDBACK_SEARCH_WINDOW": f"{self.search_window:g}",
            "LANTERNE_FEEDBACK_EVENT_DAYS": str(self.event_days),
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


def _number(environ: Mapping[str, str], name: str, default: float, *, zero: bool, whole: bool = False) -> float:
    """A number from the environment, or the default when the variable is unset; 0 only where it means "off"."""
    text = environ.get(name, "")
    try:
        value = (int(text) if whole else float(text)) if text else default
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf") or (value == 0 and not zero):
        kind = "whole number" if whole else "number"
        raise ValueError(f"{name}={text!r}: expected a {'' if zero else 'positive '}{kind}, for example {default:g}")
    return value
