"""Who a batch of events came from, without knowing who: a hash of the client and its browser under a key of the day."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

PURGE_EVERY = 3600.0  # seconds between two deletions of the raw events past their keeping time


class DailyVisitors:
    """Hash a client under the day's key, which the store deletes the next day: the same reader is one visitor within a
    day and nobody can tell, from what is kept, that two days' visitors are the same reader, or who they are."""

    def __init__(self, day_key: Callable[[str], str]) -> None:
        self._day_key = day_key
        self._keys: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def visitor(self, client: str, user_agent: str, day: str) -> str:
        """32 hex digits, the same for this client and browser all day."""
        with self._lock:
            key = self._keys.get(day)
        if key is None:
            key = bytes.fromhex(self._day_key(day))
            with self._lock:
                self._keys = {day: key}  # yesterday's key is forgotten here too
        return hmac.new(key, f"{client}\0{user_agent[:512]}".encode(), hashlib.sha256).hexdigest()[:32]


def now() -> datetime:
    """The time events are stored with: UTC."""
    return datetime.now(UTC)


def cutoff(at: datetime, days: int) -> str:
    """The time before which raw events are deleted, as stored (ISO 8601)."""
    return (at - timedelta(days=days)).isoformat(timespec="microseconds")
