"""Per-client limits kept in PostgreSQL, so that every worker and every host counts the same requests.

A client is stored as a keyed hash of its address, never the address, in UNLOGGED tables swept once a window.
Time is the database's clock, the one clock every host shares.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time

from lanterne.feedback.ratelimit import retry_after
from lanterne.feedback.store.pool import Pool

# The bucket refilled since its last request, as in ratelimit.RateLimit: a burst of `limit`, `limit` per `window` s.
_REFILL = "LEAST(%(limit)s::float8, b.tokens + EXTRACT(EPOCH FROM now() - b.at)::float8 * %(limit)s / %(window)s)"
TAKE = f"""
    INSERT INTO rate_bucket AS b (client, tokens, allowed, at) VALUES (%(client)s, %(limit)s - 1, true, now())
    ON CONFLICT (client) DO UPDATE SET
        tokens = CASE WHEN {_REFILL} >= 1 THEN {_REFILL} - 1 ELSE {_REFILL} END,
        allowed = {_REFILL} >= 1,
        at = now()
    RETURNING allowed
"""
SEEN = """
    SELECT count(*), coalesce(bool_or(visitor = %(visitor)s), false) FROM vote_seen
    WHERE client = %(client)s AND article = %(article)s AND first_at > now() - make_interval(secs => %(window)s)
"""
FORGET = """
    DELETE FROM vote_seen
    WHERE client = %(client)s AND article = %(article)s AND first_at <= now() - make_interval(secs => %(window)s)
"""
COUNT = """
    INSERT INTO vote_seen (client, article, visitor, first_at) VALUES (%(client)s, %(article)s, %(visitor)s, now())
    ON CONFLICT DO NOTHING
"""
# A row comes back when the query is new for this client, or was last counted a whole window ago.
NOTE = """
    INSERT INTO search_seen AS s (client, query, at) VALUES (%(client)s, %(query)s, now())
    ON CONFLICT (client, query) DO UPDATE SET at = now() WHERE s.at <= now() - make_interval(secs => %(window)s)
    RETURNING true
"""
SWEEP = (
    "DELETE FROM rate_bucket WHERE at < now() - make_interval(secs => %(window)s)",
    "DELETE FROM vote_seen WHERE first_at < now() - make_interval(secs => %(window)s)",
    "DELETE FROM search_seen WHERE at < now() - make_interval(secs => %(window)s)",
)


class _Shared:
    """What both limits share: the pool, the key that hashes client addresses, and a sweep once per window."""

    def __init__(self, pool: Pool, key: bytes, window: float) -> None:
        self._pool = pool
        self._key = key
        self.window = window
        self._swept = time.monotonic()
        self._lock = threading.Lock()

    def _client(self, address: str) -> bytes:
        """The address as stored: 16 bytes of HMAC-SHA-256, useless without this database's key."""
        return self._hash(address)

    def _hash(self, text: str) -> bytes:
        """16 bytes of HMAC-SHA-256 of the text under this database's key."""
        return hmac.new(self._key, text.encode(), hashlib.sha256).digest()[:16]

    def _sweep(self) -> None:
        """Forget clients idle for a whole window (their bucket is full again); any process may do it."""
        with self._lock:
            if time.monotonic() - self._swept < self.window:
                return
            self._swept = time.monotonic()
        with self._pool.connection() as connection:
            for statement in SWEEP:
                connection.execute(statement, {"window": self.window})


class SharedRateLimit(_Shared):
    """A per-client token bucket in the table rate_bucket, taken from in one statement; limit=0 turns it off."""

    def __init__(self, pool: Pool, key: bytes, limit: int, window: float) -> None:
        super().__init__(pool, key, window)
        self.limit = limit

    def allow(self, client: str) -> bool:
        """Take one token from the client's bucket; return False when it is empty."""
        if self.limit <= 0:
            return True
        self._sweep()
        params = {"client": self._client(client), "limit": self.limit, "window": self.window}
        with self._pool.connection() as connection:
            return connection.execute(TAKE, params).fetchone()[0]

    def retry_after(self) -> int:
        """Seconds until one more request is allowed, at worst."""
        return retry_after(self.limit, self.window)


class SharedVoteCap(_Shared):
    """At most `cap` visitor tokens per client and article within `window` seconds, in the table vote_seen; 0 is off."""

    def __init__(self, pool: Pool, key: bytes, cap: int, window: float) -> None:
        super().__init__(pool, key, window)
        self.cap = cap

    def allow(self, client: str, article: str, visitor: str) -> bool:
        """Count a new visitor on the article for this client; a visitor already counted may change their vote."""
        if self.cap <= 0:
            return True
        self._sweep()
        params = {"client": self._client(client), "article": article, "visitor": visitor, "window": self.window}
        with self._pool.connection() as connection, connection.transaction():
            # Two workers counting the same client and article at once would both see room for one more.
            connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (params["client"].hex() + article,))
            connection.execute(FORGET, params)
            count, seen = connection.execute(SEEN, params).fetchone()
            if not seen and count >= self.cap:
                return False
            connection.execute(COUNT, params)
            return True


class SharedSearchOnce(_Shared):
    """Each (client, query) counted once within `window` seconds, in the table search_seen (both as keyed hashes)."""

    def first(self, client: str, query: str) -> bool:
        """Note the client's query; return False if it was noted within the window."""
        self._sweep()
        params = {"client": self._client(client), "query": self._hash(query), "window": self.window}
        with self._pool.connection() as connection:
            return connection.execute(NOTE, params).fetchone() is not None
