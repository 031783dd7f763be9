"""Where the internal build reads the feedback figures: the service's GET /report with its token, or JSON files."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lanterne.feedback.config import REPORT_TOKEN
from lanterne.health.figures import Figures, FiguresError, parse

TIMEOUT = 5.0
MAX_BYTES = 32 * 1024 * 1024
# The report's address as the operator set it where the build runs. The token goes to its origin and nowhere else:
# a pull request can change mkdocs.internal.yml, never the build's environment.
REPORT_URL = "LANTERNE_FEEDBACK_REPORT"
DEFAULT_PORTS = {"http": 80, "https": 443}


class ReportOriginError(ValueError):
    """A report or searches URL that the report token may not be sent to: the build fails, naming the setting."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would send the token on to wherever a redirect points: refuse to follow one."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Follow nothing: urllib then raises HTTPError with the 3xx status."""
        return None


def load(sources: tuple[str, ...], *, root: Path, environ: Mapping[str, str]) -> tuple[Figures | None, str | None]:
    """The figures of every source, or None and the one sentence the build logs about why there are none.

    Raises ReportOriginError, before anything is sent, when a URL source is not on the origin of LANTERNE_FEEDBACK_REPORT.
    """
    for source in sources:
        if _is_url(source) and environ.get(REPORT_TOKEN):
            check_origin(source, environ.get(REPORT_URL, ""))
    documents = []
    for source in sources:
        try:
            documents.append(_read(source, root=root, environ=environ))
        except (OSError, ValueError) as error:
            return None, f'Lanterne: the feedback report {source} could not be read ({error}); the health pages say "no data yet"'
    try:
        return parse(documents), None
    except FiguresError as error:
        return None, f'Lanterne: the feedback report {", ".join(sources)} is not a report ({error}); the health pages say "no data yet"'


def _read(source: str, *, root: Path, environ: Mapping[str, str]) -> Any:
    """One JSON document, from the service (with the token) or from a file next to mkdocs.yml."""
    if not _is_url(source):
        return json.loads((root / source).read_text(encoding="utf-8"))
    token = environ.get(REPORT_TOKEN, "")
    if not token:
        raise ValueError(f"{REPORT_TOKEN} is not set; the service answers its report only to whoever sends its token")
    request = urllib.request.Request(source, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ValueError(f"the service answered {error.code} {_reason(error)}") from None
    except urllib.error.URLError as error:
        raise ValueError(f"the service cannot be reached: {error.reason}") from None
    if len(body) > MAX_BYTES:
        raise ValueError(f"the answer is over {MAX_BYTES // 1024 // 1024} MB")
    return json.loads(body)


def check_origin(source: str, allowed: str) -> None:
    """Refuse a URL whose origin is not that of LANTERNE_FEEDBACK_REPORT (unset, a file, or another host: all refused)."""
    if not allowed:
        raise ReportOriginError(
            f"{source!r}: {REPORT_URL} is not set where the build runs; the report token ({REPORT_TOKEN}) is sent only to "
            f"the origin of that variable; expected {REPORT_URL}=<the service's report URL>, for example http://127.0.0.1:8001/report"
        )
    if _origin(allowed) is None:
        raise ReportOriginError(f"{REPORT_URL}={allowed[:200]!r} is not an http(s) URL; expected the service's report URL")
    if _origin(source) != _origin(allowed):
        raise ReportOriginError(
            f"{source[:200]!r} is not on {_shown(allowed)}, the origin of {REPORT_URL}; the report token ({REPORT_TOKEN}) is "
            f"sent there only; expected a URL on {_shown(allowed)}, or {REPORT_URL} set to this one where the build runs"
        )


def _is_url(source: str) -> bool:
    """An http(s) source: the service, with the token. Anything else is a file next to mkdocs.yml."""
    return source.startswith(("http://", "https://"))


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) with the scheme's default port filled in; None for what is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    except ValueError:  # a port that is not a number, an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def _shown(url: str) -> str:
    """An origin as scheme://host:port, for the message."""
    origin = _origin(url)
    assert origin is not None
    scheme, host, port = origin
    return f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"


def _reason(error: urllib.error.HTTPError) -> str:
    """The service's own error code when it sent one (unauthorized, report_off), else the HTTP reason."""
    try:
        return str(json.loads(error.read(4096))["error"]["code"])
    except (ValueError, KeyError, TypeError, OSError):
        return str(error.reason)
