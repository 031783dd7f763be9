"""No internal text in the public output: every file, compressed or not, and every file name."""

from __future__ import annotations

import contextlib
import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from lanterne.check.internal import Secret, contains, normalise

GZIP_MAGIC = b"\x1f\x8b"
PAGEFIND_SIGNATURE = b"pagefind_dcd"  # the prefix of Pagefind's decompressed files


def read_outputs(site: Path) -> dict[str, str]:
    """Read every file of a built site as the text a reader or a program could get out of it, by its path."""
    return {path.relative_to(site).as_posix(): readable(path.read_bytes()) for path in sorted(site.rglob("*")) if path.is_file()}


def readable(data: bytes) -> str:
    """Decompress gzip data, drop Pagefind's signature, pull the strings out of JSON; decode the rest as UTF-8."""
    if data.startswith(GZIP_MAGIC):
        with contextlib.suppress(OSError, EOFError):  # not gzip after all: read it as it is
            data = gzip.decompress(data)
    data = data.removeprefix(PAGEFIND_SIGNATURE)
    text = data.decode("utf-8", errors="replace")
    try:
        return "\n".join(_strings(json.loads(text)))
    except ValueError:
        return text


def find_leaks(outputs: Mapping[str, str], secrets: Iterable[Secret]) -> list[str]:
    """Return one line per public file (or file name) that holds a secret, naming the secret and its source."""
    secrets = list(secrets)
    leaks = []
    for path, text in outputs.items():
        readable_text = normalise(text)
        for secret in secrets:
            if contains(path, secret.text) or contains(readable_text, secret.text):
                leaks.append(f"{path}: {_shorten(secret.text)!r} ({secret.origin})")
    return leaks


def _strings(value: Any) -> Iterator[str]:
    """Yield every string of a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _shorten(text: str, limit: int = 60) -> str:
    """Cut a long secret for the report."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
