"""From a request body to fields: a form or a JSON object, within limits, and text only."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from starlette.requests import ClientDisconnect, Request

from lanterne.feedback.fields import Fields, RefusalError

FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 32  # a vote has 9 fields; parse_qs stops counting here


async def read_body(request: Request, limit: int) -> bytes:
    """Read the body, refusing with 413 as soon as it is known to exceed the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RefusalError(413, "body_too_large", f"the request body has {declared} bytes; expected at most {limit}")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise RefusalError(413, "body_too_large", f"the request body exceeds {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        # The client left, or the read timeout closed the connection: nobody reads this answer, but nothing is stored.
        raise RefusalError(400, "incomplete_body", "the connection closed before the whole body arrived") from None
    return b"".join(chunks)


def fields_of(content_type: str, body: bytes) -> Fields:
    """Decode a form or a JSON object into field → values."""
    kind = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusalError(400, "invalid_body", "the body is not UTF-8") from None
    if kind == FORM:
        try:
            return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            raise RefusalError(400, "too_many_fields", f"the form has more than {MAX_FIELDS} fields; a vote has 9") from None
    if kind == "application/json":
        return _json_fields(text)
    raise RefusalError(415, "unsupported_media_type", f"content type {kind[:80]!r} is not accepted; expected {FORM} or application/json")


def _json_fields(text: str) -> Fields:
    """A JSON object whose values are text, or lists of text (reasons)."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise RefusalError(400, "invalid_body", "the JSON is nested too deeply; a vote is one flat object") from None
    except ValueError:
        raise RefusalError(400, "invalid_body", "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise RefusalError(400, "invalid_body", "the body must be a JSON object")
    fields: dict[str, list[str]] = {}
    for name, value in data.items():
        if not _is_text(name):
            raise RefusalError(400, "invalid_field", "a field name holds a lone surrogate (such as \\ud800), which is not text")
        values = value if isinstance(value, list) else [] if value is None else [value]
        if not all(isinstance(item, str) for item in values):
            raise RefusalError(400, "invalid_field", f"{name[:40]} must be text, or a list of text", name[:40])
        if not all(_is_text(item) for item in values):
            raise RefusalError(400, "invalid_field", f"{name[:40]} holds a lone surrogate (such as \\ud800), which is not text", name[:40])
        fields[name] = values
    return fields


def _is_text(value: str) -> bool:
    """JSON's \\ud800 escapes give strings that UTF-8 (so SQLite, and our JSON answers) cannot hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
