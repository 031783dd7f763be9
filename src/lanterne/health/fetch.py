"""Where the internal build reads the feedback figures: the service's GET /report with its token, or JSON files."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lanterne.feedback.config import REPORT_TOKEN
from lanterne.health.figures import Figures, FiguresError, parse

TIMEOUT = 5.0
MAX_BYTES = 32 * 1024 * 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would send the token on to wherever a redirect points: refuse to follow one."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Follow nothing: urllib then raises HTTPError with the 3xx status."""
        return None


def load(sources: tuple[str, ...], *, root: Path, environ: Mapping[str, str]) -> tuple[Figures | None, str | None]:
    """The figures of every source, or None and the one sentence the build logs about why there are none."""
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
    if not source.startswith(("http://", "https://")):
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


def _reason(error: urllib.error.HTTPError) -> str:
    """The service's own error code when it sent one (unauthorized, report_off), else the HTTP reason."""
    try:
        return str(json.loads(error.read(4096))["error"]["code"])
    except (ValueError, KeyError, TypeError, OSError):
        return str(error.reason)
