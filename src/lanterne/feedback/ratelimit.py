"""Per-client limits in one process's memory (clients are never written anywhere): requests, new voters per article, and
each query counted once per client; and what a client is (an IPv6 /64, an IPv4 address)."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable
from typing import NamedTuple, Protocol


class RequestLimit(Protocol):
    """How many requests a client may send: in memory (SQLite) or in the database (PostgreSQL)."""

    limit: int
    window: float

    def allow(self, client: str) -> bool:
        """Count one request; return False when the client is over the limit."""
        ...

    def retry_after(self) -> int:
        """Seconds until one more request is allowed, at worst."""
        ...


class VisitorCap(Protocol):
    """How many visitor tokens one client may vote with on one article."""

    cap: int
    window: float

    def allow(self, client: str, article: str, visitor: str) -> bool:
        """Count the visitor on the article for this client; return False when that is one too many."""
        ...


class QueryOnce(Protocol):
    """Whether a client's search is the first of that query within `window` seconds: only the first one is counted."""

    window: float

    def first(self, client: str, query: str) -> bool:
        """Note the client's query; return False if it was noted within the window."""
        ...


class Limits(NamedTuple):
    """The per-client limits a store provides."""

    rate: RequestLimit
    cap: VisitorCap
    searches: QueryOnce


def client_of(address: str, ipv6_prefix: int) -> str:
    """The client a limit counts: an IPv4 address (IPv4-mapped IPv6 included), or the IPv6 network of `ipv6_prefix` bits."""
    # One subscriber gets a whole /64 (or a /56) from their provider: counted by address, they would be unlimited.
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])  # a link-local address may carry a %zone
    except ValueError:
        return address  # "unknown" (no peer address): one client for all such requests
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, ipv6_prefix), strict=False))
    return str(ip)


class RateLimit:
    """A per-client token bucket: a burst of `limit` requests, refilled at `limit` per `window` seconds; limit=0 turns it off."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._swept = clock()
        self._lock = threading.Lock()  # requests are counted in the service's worker threads

    def allow(self, client: str) -> bool:
        """Take one token from the client's bucket; return False when it is empty."""
        if self.limit <= 0:
            return True
        now = self._clock()
        with self._lock:
            self._sweep(now)
            tokens, last = self._buckets.get(client, (float(self.limit), now))
            tokens = min(float(self.limit), tokens + (now - last) * self.limit / self.window)
            allowed = tokens >= 1
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            return allowed

    def retry_after(self) -> int:
        """Seconds until one more request is allowed, at worst."""
        return retry_after(self.limit, self.window)

    def _sweep(self, now: float) -> None:
        """Forget clients whose bucket is full again, so memory stays bounded by recent clients."""
        if now - self._swept < self.window:
            return
        self._swept = now
        self._buckets = {client: state for client, state in self._buckets.items() if now - state[1] < self.window}


class VoteCap:
    """At most `cap` visitor tokens per client and article within `window` seconds; cap=0 turns it off."""

    def __init__(self, cap: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.cap = cap
        self.window = window
        self._clock = clock
        self._seen: dict[tuple[str, str], dict[str, float]] = {}
        self._swept = clock()
        self._lock = threading.Lock()  # votes are checked in the service's worker threads

    def allow(self, client: str, article: str, visitor: str) -> bool:
        """Count a new visitor on the article for this client; a visitor already counted may change their vote."""
        if self.cap <= 0:
            return True
        now = self._clock()
        with self._lock:
            self._sweep(now)
            seen = self._seen.setdefault((client, article), {})
            for token in [token for token, first in seen.items() if now - first >= self.window]:
                del seen[token]
            if visitor not in seen and len(seen) >= self.cap:
                return False
            seen.setdefault(visitor, now)
            return True

    def _sweep(self, now: float) -> None:
        """Forget (client, article) pairs with no visitor in the window, so memory stays bounded by recent votes."""
        if now - self._swept < self.window:
            return
        self._swept = now
        self._seen = {key: seen for key, seen in self._seen.items() if any(now - first < self.window for first in seen.values())}


class SearchOnce:
    """Each (client, query) counted once within `window` seconds; at most `most` remembered, beyond which nothing new counts."""

    def __init__(self, window: float, most: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.most = most
        self._clock = clock
        self._seen: dict[tuple[str, str], float] = {}
        self._swept = clock()
        self._lock = threading.Lock()

    def first(self, client: str, query: str) -> bool:
        """Note the client's query; return False if it was noted within the window (or the table is full)."""
        now = self._clock()
        with self._lock:
            self._sweep(now, full=len(self._seen) >= self.most)
            key = (client, query)
            noted = self._seen.get(key)
            if noted is not None and now - noted < self.window:
                return False
            if noted is None and len(self._seen) >= self.most:
                return False  # a flood of made-up queries: counting none of them is the safe side
            self._seen[key] = now
            return True

    def _sweep(self, now: float, *, full: bool) -> None:
        """Forget queries noted more than a window ago: once a window, or once a second while the table is full."""
        if now - self._swept < (min(1.0, self.window) if full else self.window):
            return
        self._swept = now
        self._seen = {key: noted for key, noted in self._seen.items() if now - noted < self.window}


def retry_after(limit: int, window: float) -> int:
    """Seconds until a bucket refilled at `limit` per `window` seconds holds one more token, at worst."""
    return max(1, round(window / limit)) if limit else 0
