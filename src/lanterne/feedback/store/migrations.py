"""The schema, as the migrations that build it, the same SQL for both stores.

SQLite records how many it has run in PRAGMA user_version, PostgreSQL in the table lanterne_schema.
"""

from __future__ import annotations

# Each entry upgrades the schema by one version. Written in the SQL both SQLite and PostgreSQL understand.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE reaction (
        article    TEXT NOT NULL,
        visitor    TEXT NOT NULL,
        lang       TEXT NOT NULL,
        audience   TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
        reaction   TEXT NOT NULL CHECK (reaction IN ('sad', 'neutral', 'happy')),
        reasons    TEXT NOT NULL DEFAULT '[]',
        comment    TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
        page       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revisions  INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (article, visitor)
    );
    CREATE INDEX reaction_by_article ON reaction (article, lang);
    """,
    """
    CREATE TABLE search_miss (
        query    TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
        lang     TEXT NOT NULL,
        audience TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
        searches INTEGER NOT NULL DEFAULT 1,
        first_at TEXT NOT NULL,
        last_at  TEXT NOT NULL,
        PRIMARY KEY (query, lang, audience)
    );
    """,
    # Version 3: one vote per article, language and visitor (a French vote no longer replaces the English one).
    # SQLite cannot change a primary key in place: copy into a new table, which keeps every vote.
    """
    CREATE TABLE reaction_v3 (
        article    TEXT NOT NULL,
        visitor    TEXT NOT NULL,
        lang       TEXT NOT NULL,
        audience   TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
        reaction   TEXT NOT NULL CHECK (reaction IN ('sad', 'neutral', 'happy')),
        reasons    TEXT NOT NULL DEFAULT '[]',
        comment    TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
        page       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revisions  INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (article, lang, visitor)
    );
    INSERT INTO reaction_v3 (article, visitor, lang, audience, reaction, reasons, comment, page, created_at, updated_at, revisions)
        SELECT article, visitor, lang, audience, reaction, reasons, comment, page, created_at, updated_at, revisions FROM reaction;
    DROP TABLE reaction;
    ALTER TABLE reaction_v3 RENAME TO reaction;
    """,
    # Version 4: what readers did. Raw events are kept `--keep-events` days (no address: the visitor is a hash under a
    # key of the day, and the key is deleted the day after); event_day keeps the daily counts for good.
    """
    CREATE TABLE event (
        at       TEXT NOT NULL,
        visitor  TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('view', 'search', 'contact')),
        audience TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
        lang     TEXT NOT NULL,
        article  TEXT NOT NULL DEFAULT '',
        query    TEXT NOT NULL DEFAULT '' CHECK (length(query) <= 200),
        surface  TEXT NOT NULL DEFAULT 'page' CHECK (surface IN ('page', 'embed')),
        context  TEXT NOT NULL DEFAULT '' CHECK (length(context) <= 200)
    );
    CREATE INDEX event_by_time ON event (at);
    CREATE TABLE event_day (
        day      TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('view', 'search', 'contact')),
        audience TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
        lang     TEXT NOT NULL,
        article  TEXT NOT NULL,
        query    TEXT NOT NULL,
        events   INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, kind, audience, lang, article, query)
    );
    CREATE TABLE visit_key (day TEXT PRIMARY KEY, key TEXT NOT NULL);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# PostgreSQL only: where the per-client limits live, so that every worker and host shares them. UNLOGGED: a crash
# empties them, which only resets the limits. They hold no vote, so a change of shape may drop and recreate them.
# A client is stored as a keyed hash of its address (the key stays in this database), never as the address.
SHARED_LIMITS = """
    CREATE TABLE IF NOT EXISTS client_key (id integer PRIMARY KEY CHECK (id = 1), key bytea NOT NULL);
    CREATE UNLOGGED TABLE IF NOT EXISTS rate_bucket (
        client  bytea PRIMARY KEY,
        tokens  double precision NOT NULL,
        allowed boolean NOT NULL,
        at      timestamptz NOT NULL
    );
    CREATE UNLOGGED TABLE IF NOT EXISTS vote_seen (
        client   bytea NOT NULL,
        article  text NOT NULL,
        visitor  text NOT NULL,
        first_at timestamptz NOT NULL,
        PRIMARY KEY (client, article, visitor)
    );
    CREATE UNLOGGED TABLE IF NOT EXISTS search_seen (
        client bytea NOT NULL,
        query  bytea NOT NULL,
        at     timestamptz NOT NULL,
        PRIMARY KEY (client, query)
    );
"""
