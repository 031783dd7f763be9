"""A per-client token bucket: a burst of `limit` requests, refilled at `limit` per `window` seconds."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimit:
    """Kept in memory only: clients are never written anywhere. limit=0 turns it off."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._swept = clock()

    def allow(self, client: str) -> bool:
        """Take one token from the client's bucket; return False when it is empty."""
        if self.limit <= 0:
            return True
        now = self._clock()
        self._sweep(now)
        tokens, last = self._buckets.get(client, (float(self.limit), now))
        tokens = min(float(self.limit), tokens + (now - last) * self.limit / self.window)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return False
        self._buckets[client] = (tokens - 1, now)
        return True

    def retry_after(self) -> int:
        """Seconds until one more request is allowed, at worst."""
        return max(1, round(self.window / self.limit)) if self.limit else 0

    def _sweep(self, now: float) -> None:
        """Forget clients whose bucket is full again, so memory stays bounded by recent clients."""
        if now - self._swept < self.window:
            return
        self._swept = now
        self._buckets = {client: state for client, state in self._buckets.items() if now - state[1] < self.window}
