"""The PostgreSQL store: any number of workers and hosts share one database, and the per-client limits with it."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable

from lanterne.feedback.ratelimit import Limits
from lanterne.feedback.store.migrations import MIGRATIONS, SCHEMA_VERSION, SHARED_LIMITS
from lanterne.feedback.store.pool import Pool
from lanterne.feedback.store.protocol import StoreUnavailableError
from lanterne.feedback.store.shared_limits import SharedRateLimit, SharedSearchOnce, SharedVoteCap
from lanterne.feedback.store.sql_store import SQLStore

POOL_SIZE = 8  # connections per process: enough for the commits of concurrent votes to overlap
MIGRATION_LOCK = 0x4C414E5445524E45  # "LANTERNE": workers starting together migrate one at a time


@functools.cache
def pg(statement: str) -> str:
    """A shared statement with psycopg's placeholders (worked out once per statement)."""
    assert "%" not in statement, statement
    return statement.replace("?", "%s")


class PostgresStore(SQLStore):
    """PostgreSQL through psycopg 3: the schema versioned in the table lanterne_schema, a small pool per process."""

    def __init__(self, dsn: str, pool_size: int = POOL_SIZE) -> None:
        self._pool = Pool(dsn, pool_size)
        try:
            self._key = self._migrate()
        except StoreUnavailableError as error:
            self._pool.close()
            raise RuntimeError(f"cannot reach the PostgreSQL database: {error}") from None

    def _migrate(self) -> bytes:
        """Bring the schema up to SCHEMA_VERSION in one transaction, under a lock; return the key that hashes clients."""
        with self._pool.connection() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            connection.execute("CREATE TABLE IF NOT EXISTS lanterne_schema (version integer NOT NULL)")
            row = connection.execute("SELECT version FROM lanterne_schema").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"the database has schema version {version}; this service knows up to {SCHEMA_VERSION}")
            for number in range(version, SCHEMA_VERSION):
                connection.execute(MIGRATIONS[number])
            connection.execute("DELETE FROM lanterne_schema")
            connection.execute("INSERT INTO lanterne_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
            connection.execute(SHARED_LIMITS)
            connection.execute("INSERT INTO client_key VALUES (1, %s) ON CONFLICT DO NOTHING", (secrets.token_bytes(32),))
            return connection.execute("SELECT key FROM client_key").fetchone()[0]

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        with self._pool.connection() as connection:
            return connection.execute("SELECT version FROM lanterne_schema").fetchone()[0]

    def limits(self, rate_limit: int, window: float, votes_per_article: int, search_window: float) -> Limits:
        """Limits kept in the database, so every worker and host counts the same requests."""
        return Limits(
            SharedRateLimit(self._pool, self._key, rate_limit, window),
            SharedVoteCap(self._pool, self._key, votes_per_article, window),
            SharedSearchOnce(self._pool, self._key, search_window),
        )

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()

    def _all(self, query: str, params: tuple = ()) -> list[tuple]:
        """Run one statement in autocommit mode; return its rows."""
        with self._pool.connection() as connection:
            cursor = connection.execute(pg(query), params)
            return cursor.fetchall() if cursor.description else []

    def _transaction(self, statements: Iterable[tuple[str, tuple]]) -> None:
        """Run statements in one transaction on one connection."""
        with self._pool.connection() as connection, connection.transaction():
            for statement, params in statements:
                connection.execute(pg(statement), params)

    def _batch(self, statements: list[tuple[str, list[tuple]]]) -> None:
        """Run each statement over its rows in one transaction (psycopg pipelines executemany: one round trip or so)."""
        with self._pool.connection() as connection, connection.transaction(), connection.cursor() as cursor:
            for statement, rows in statements:
                cursor.executemany(pg(statement), rows)
