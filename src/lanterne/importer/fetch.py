"""HTTP for the importer: JSON from the old tool's API and files from its CDN, with its rate limits, retries and clear errors."""

from __future__ import annotations

import base64
import email.utils
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lanterne.importer.model import ExportError

TOKEN_VARIABLE = "LANTERNE_IMPORT_TOKEN"
USER_AGENT = "lanterne-import"
TIMEOUT = 30
# A 429 is waited out this many times (its Retry-After, or the reset its headers give), a 5xx or a dropped connection
# retried this many times with a growing pause; then the import stops and names the URL.
RATE_LIMITED_ATTEMPTS = 6
FAILED_ATTEMPTS = 3
LONGEST_WAIT = 120.0
# Far above a page of the API or an article's image; a bigger answer is a mistake, never read whole into memory.
MAX_BYTES = 50 * 1024 * 1024
# The headers in which the three APIs say how many calls are left in the window (Zendesk, Intercom, Help Scout).
_REMAINING = ("ratelimit-remaining", "x-rate-limit-remaining", "x-ratelimit-remaining")
_RESET = ("ratelimit-reset", "x-ratelimit-reset", "x-rate-limit-reset")


@dataclass
class Client:
    """Calls one API with one token: `scheme` is 'bearer' (Intercom), 'basic' (Help Scout's key) or 'auto' (Zendesk: basic with a colon)."""

    token: str | None
    scheme: str = "bearer"
    headers: dict[str, str] = field(default_factory=dict)
    sleep: Callable[[float], None] = time.sleep

    def json(self, url: str) -> tuple[Any, bytes]:
        """GET a JSON document; return it parsed and as it came (for --save)."""
        raw = self.get(url, accept="application/json", authorised=True)
        try:
            return json.loads(raw), raw
        except ValueError as error:
            raise ExportError(f"{url}: the answer is not JSON ({error}); expected the API's JSON response") from None

    def get(self, url: str, *, accept: str = "*/*", authorised: bool = False) -> bytes:
        """GET bytes, waiting out 429s and retrying server errors; raise ExportError naming the URL."""
        failures = limited = 0
        while True:
            try:
                with urllib.request.urlopen(self._request(url, accept, authorised), timeout=TIMEOUT) as response:
                    body = response.read(MAX_BYTES + 1)
                    if len(body) > MAX_BYTES:
                        raise ExportError(f"{url}: more than {MAX_BYTES:,} bytes; expected a page or a file of at most that")
                    self._pace(response.headers)
                    return body
            except urllib.error.HTTPError as error:
                if error.code == 429 and limited + 1 < RATE_LIMITED_ATTEMPTS:
                    limited += 1
                    self.sleep(_wait_of(error.headers, default=2.0**limited))
                    continue
                if error.code >= 500 and failures + 1 < FAILED_ATTEMPTS:
                    failures += 1
                    self.sleep(0.5 * 2**failures)
                    continue
                raise ExportError(_http_message(url, error.code, error.reason, limited)) from None
            except (urllib.error.URLError, OSError) as error:
                if failures + 1 < FAILED_ATTEMPTS:
                    failures += 1
                    self.sleep(0.5 * 2**failures)
                    continue
                reason = getattr(error, "reason", error)
                raise ExportError(f"{url}: could not be fetched ({reason}); expected an address this machine can reach") from None

    def _request(self, url: str, accept: str, authorised: bool) -> urllib.request.Request:
        """The request, with the token only for the API itself, never for a file on another host."""
        headers = {"User-Agent": USER_AGENT, "Accept": accept}
        if authorised:
            headers.update(self.headers)
            if self.token:
                headers["Authorization"] = _authorization(self.token, self.scheme)
        return urllib.request.Request(url, headers=headers)

    def _pace(self, headers: Any) -> None:
        """When the API says no call is left in its window, wait for the window to reset before the next one."""
        remaining = next((headers.get(name) for name in _REMAINING if headers.get(name) is not None), None)
        if remaining is not None and remaining.strip() == "0":
            self.sleep(_wait_of(headers, default=1.0))


def _authorization(token: str, scheme: str) -> str:
    """Bearer for OAuth tokens; Basic for Zendesk's `email/token:KEY` and Help Scout's API key (password X)."""
    if scheme == "bearer" or (scheme == "auto" and ":" not in token):
        return f"Bearer {token}"
    user_password = token if ":" in token else f"{token}:X"
    return "Basic " + base64.b64encode(user_password.encode()).decode()


def _wait_of(headers: Any, *, default: float) -> float:
    """Seconds to wait, from Retry-After (seconds or a date) or a reset header (seconds, or a Unix time as Intercom sends)."""
    value = headers.get("retry-after") if headers else None
    if value is None and headers:
        value = next((headers.get(name) for name in _RESET if headers.get(name) is not None), None)
    if value is None:
        return min(default, LONGEST_WAIT)
    try:
        seconds = float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        seconds = parsed.timestamp() - time.time() if parsed else default
    if seconds > 1e9:  # a Unix time, not a duration
        seconds -= time.time()
    return min(max(seconds, 0.0), LONGEST_WAIT)


def _http_message(url: str, code: int, reason: str, limited: int) -> str:
    """Say what an HTTP error means for the import."""
    if code in (401, 403):
        return f"{url}: {code} {reason}; expected an API token with read access in {TOKEN_VARIABLE}"
    if code == 429:
        return f"{url}: 429 {reason}, still after waiting {limited} times as the API asked; expected fewer calls: try again later"
    if code == 404:
        return f"{url}: 404 {reason}; expected an endpoint of the API at this base URL (see the manual, Moving)"
    return f"{url}: {code} {reason}; expected 200"
