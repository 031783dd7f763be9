"""Reading one field of a request, and the refusal sent back when a field is wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Fields = Mapping[str, Sequence[str]]
HONEYPOT = "website"


class RefusalError(Exception):
    """A request the service will not store: an HTTP status and a clear reason, sent back as JSON."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        *,
        retry_after: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = dict(headers or {}) | ({"Retry-After": str(retry_after)} if retry_after else {})

    def as_json(self) -> dict[str, object]:
        """The error body: {"error": {"code", "message", "field"}}."""
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}


def known_fields(fields: Fields, allowed: frozenset[str]) -> None:
    """Refuse unknown fields, and a filled honeypot."""
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise RefusalError(400, "unknown_field", f"unknown field {unknown[0]!r}; expected only {', '.join(sorted(allowed))}", unknown[0])
    if one(fields, HONEYPOT, required=False):
        raise RefusalError(400, "honeypot", f"the field {HONEYPOT!r} must stay empty: it is a trap for form robots", HONEYPOT)


def one(fields: Fields, name: str, *, required: bool = True) -> str:
    """Return a single-valued text field."""
    values = fields.get(name) or ()
    if len(values) > 1:
        raise RefusalError(400, "repeated_field", f"{name} was sent {len(values)} times; expected it once", name)
    if not values or not values[0]:
        if required:
            raise RefusalError(400, "missing_field", f"{name} is missing", name)
        return ""
    value = values[0]
    if not isinstance(value, str):
        raise RefusalError(400, "invalid_field", f"{name} must be text", name)
    if "\x00" in value:  # no text holds NUL: PostgreSQL would refuse it, and nothing a reader types contains one
        raise RefusalError(400, "invalid_field", f"{name} contains a NUL character; expected text", name)
    return value


def choice(fields: Fields, name: str, allowed: Sequence[str], *, required: bool = True) -> str:
    """Return a field whose value must be one of a fixed set ("" when it may be left out and was)."""
    value = one(fields, name, required=required)
    if value and value not in allowed:
        raise RefusalError(400, f"invalid_{name}", f"{name} {value[:40]!r} is not allowed; expected one of: {', '.join(allowed)}", name)
    return value
