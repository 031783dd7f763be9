"""intercom: its mapping lands next."""

from typing import Any

SCHEME = "bearer"
HEADERS: dict[str, str] = {}


def read(source: Any) -> Any:
    """Not yet."""
    raise NotImplementedError
