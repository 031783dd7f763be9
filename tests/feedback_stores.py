"""The two stores the feedback tests run against, and a way to look inside either database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import psycopg
from postgres import fresh_schema

from lanterne.feedback.store.postgres import pg


@dataclass(frozen=True)
class Database:
    """One test's database: its --database location, and plain SQL (with `?` placeholders) to read it."""

    location: str

    @property
    def is_postgres(self) -> bool:
        """Whether this is a PostgreSQL database."""
        return self.location.startswith("postgresql://")

    def rows(self, query: str, params: tuple = ()) -> list[tuple]:
        """Run one statement, return its rows (none for a statement that returns nothing)."""
        if self.is_postgres:
            with psycopg.connect(self.location, autocommit=True) as connection:
                cursor = connection.execute(pg(query), params)
                return cursor.fetchall() if cursor.description else []
        with sqlite3.connect(self.location) as connection:
            return connection.execute(query, params).fetchall()

    def script(self, statements: str) -> None:
        """Run several statements without parameters, in one transaction."""
        if self.is_postgres:
            with psycopg.connect(self.location) as connection:
                connection.execute(statements)
            return
        with sqlite3.connect(self.location) as connection:
            connection.executescript(f"BEGIN; {statements}; COMMIT;")

    def dump(self) -> str:
        """Every value in every table of the database, as text: what a backup of it would hold."""
        if not self.is_postgres:
            with sqlite3.connect(self.location) as connection:
                return "\n".join(connection.iterdump())
        with psycopg.connect(self.location, autocommit=True) as connection:
            tables = connection.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            names = [name for (name,) in tables.fetchall()]
            return "\n".join(str(row) for name in names for row in connection.execute(f'SELECT * FROM "{name}"').fetchall())


@dataclass(frozen=True)
class FeedbackStore:
    """Which store a test runs on: 'sqlite', or 'postgresql' on the session's throwaway cluster."""

    kind: str
    dsn: str | None = None

    def database(self, root: Path) -> Database:
        """A new, empty database for one service: a file in `root`, or a schema of its own on the cluster."""
        if self.dsn:
            return Database(fresh_schema(self.dsn))
        return Database(str(root / "feedback.sqlite3"))
