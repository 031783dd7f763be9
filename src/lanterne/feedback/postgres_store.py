"""The PostgreSQL store: any number of workers and hosts share one database, and the per-client limits with it."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator

from . import sql
from .pool import Pool
from .ratelimit import Limits
from .records import Row, Stored, StoredSearch
from .rules import SearchMiss, Vote
from .schema import MIGRATIONS, SCHEMA_VERSION, SHARED_LIMITS
from .shared_limits import SharedRateLimit, SharedVoteCap
from .storage import StoreUnavailableError

POOL_SIZE = 8  # connections per process: enough for the commits of concurrent votes to overlap
MIGRATION_LOCK = 0x4C414E5445524E45  # "LANTERNE": workers starting together migrate one at a time


def pg(statement: str) -> str:
    """A shared statement with psycopg's placeholders."""
    assert "%" not in statement, statement
    return statement.replace("?", "%s")


class PostgresStore:
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

    def limits(self, rate_limit: int, window: float, votes_per_article: int) -> Limits:
        """Limits kept in the database, so every worker and host counts the same requests."""
        return Limits(
            SharedRateLimit(self._pool, self._key, rate_limit, window), SharedVoteCap(self._pool, self._key, votes_per_article, window)
        )

    def save(self, vote: Vote) -> bool:
        """Insert or replace the (article, lang, visitor) reaction in one statement."""
        with self._pool.connection() as connection:
            [(revisions,)] = connection.execute(pg(sql.SAVE), sql.vote_params(vote, sql.now())).fetchall()
        return revisions > 1

    def reactions(self) -> Iterator[Stored]:
        """Yield every reaction, oldest update first."""
        return sql.stored(self._all(sql.REACTIONS))

    def save_search(self, miss: SearchMiss) -> int:
        """Insert the query, or add one to its count, in one statement."""
        with self._pool.connection() as connection:
            [(searches,)] = connection.execute(pg(sql.SAVE_SEARCH), sql.search_params(miss, sql.now())).fetchall()
        return searches

    def searches(self) -> Iterator[StoredSearch]:
        """Yield every query that found nothing, most searched first."""
        return sql.stored_searches(self._all(sql.SEARCHES))

    def export(self) -> Iterator[Row]:
        """Yield every vote, then every search, whole."""
        yield from sql.vote_rows(self._all(sql.EXPORT_VOTES))
        yield from sql.search_rows(self._all(sql.EXPORT_SEARCHES))

    def load(self, rows: Iterable[Row]) -> int:
        """Write exported rows back in one transaction (all or nothing); return how many."""
        count = 0
        with self._pool.connection() as connection, connection.transaction():
            for row in rows:
                statement, params = sql.load_params(row)
                connection.execute(pg(statement), params)
                count += 1
        return count

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()

    def _all(self, query: str) -> list[tuple]:
        """Every row a query returns."""
        with self._pool.connection() as connection:
            return connection.execute(pg(query)).fetchall()
