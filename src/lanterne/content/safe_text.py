"""What a setting or a name may hold before it reaches a file: no control characters, and URLs that stay URLs in an attribute."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, and lone surrogates (bytes that were not UTF-8).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Characters a URL may hold here: RFC 3986's, less the quotes and the backslash an attribute or a browser would read otherwise.
_URL_CHARS = r"[A-Za-z0-9._~%!$&()*+,;=:@/?#\[\]-]"
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
WEB_URL = re.compile(rf"https?://{_HOST}(?:/{_URL_CHARS}*)?")
HTTPS_URL = re.compile(rf"https://{_HOST}(?:/{_URL_CHARS}*)?")
# A site's address: scheme, host, port and path only (no query, no fragment), as pages and sitemaps print it.
SITE_URL = re.compile(rf"https?://{_HOST}(?:/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?")
# A path of the site itself: one slash, then no second slash or backslash (//host and /\host lead to another host).
SITE_PATH = re.compile(rf"/(?![/\\]){_URL_CHARS}*")
# A path relative to a URL, as edit_uri is: no scheme, not //host.
RELATIVE = re.compile(rf"(?![/\\]{{2}})(?![A-Za-z][A-Za-z0-9+.-]*:){_URL_CHARS}*")
NO_CONTROL = "expected text without control characters or line breaks"
# Characters a reader does not see, or that reorder what they see: zero-width spaces and joiners, the soft hyphen,
# word joiners and invisible operators, the byte-order mark, and the bidirectional marks, embeddings and isolates.
INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def has_control(text: str) -> bool:
    """Tell whether a text holds a character no file line or header should carry."""
    return bool(CONTROL.search(text))


def hidden_in(text: str) -> str | None:
    """The first control, invisible or bidirectional character of a text, as U+XXXX, if it holds one."""
    found = CONTROL.search(text) or INVISIBLE.search(text)
    return f"U+{ord(found[0]):04X}" if found else None


def controls_in(value: Any, key: str = "") -> Iterator[str]:
    """The dotted keys of every text in a nested setting that holds a control character."""
    if isinstance(value, str):
        if has_control(value):
            yield key
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from controls_in(item, f"{key}.{name}" if key else str(name))
            if isinstance(name, str) and has_control(name):
                yield f"{key}.{name}" if key else name
    elif isinstance(value, list):
        for item in value:
            yield from controls_in(item, key)


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with nothing an attribute would read as its end."""
    return bool(WEB_URL.fullmatch(value))


def is_https_url(value: str) -> bool:
    """An absolute https URL with nothing an attribute would read as its end."""
    return bool(HTTPS_URL.fullmatch(value))
