"""How a --database location opens a Store: a path or sqlite:/// for SQLite, postgresql:// for PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from lanterne.feedback.store.protocol import Store


def is_postgres(location: str | Path) -> bool:
    """Whether a --database value names a PostgreSQL database (postgresql://… or postgres://…)."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_store(location: str | Path) -> Store:
    """Open the store a location names: a path or sqlite:///path (SQLite), or postgresql://user@host/db (PostgreSQL)."""
    text = str(location)
    if is_postgres(text):
        from lanterne.feedback.store.postgres import PostgresStore  # psycopg is loaded only by those who use it

        return PostgresStore(text)
    from lanterne.feedback.store.sqlite import SQLiteStore

    if text.startswith("sqlite:///"):
        return SQLiteStore(Path(text.removeprefix("sqlite:///")))
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(f"database {scheme}://…: expected a file path, sqlite:///path or postgresql://user@host/database")
    return SQLiteStore(Path(text))
