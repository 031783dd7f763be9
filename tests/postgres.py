"""A throwaway PostgreSQL cluster on loopback (Debian's `postgresql` package): for the tests, the e2e test and the bench.

    with postgres_cluster() as dsn:          # postgresql://lanterne@127.0.0.1:PORT/lanterne
        schema_dsn = fresh_schema(dsn)       # an empty schema of its own, for one service

initdb refuses to run as root, so as root the cluster runs as the `postgres` user the package creates (or `nobody`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg

MISSING = "PostgreSQL's server programs (initdb, pg_ctl) were not found: run `make postgresql` (Debian's postgresql package)"
# Durable settings, as in production, unless a caller asks for the faster, crash-unsafe ones the tests use.
FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


def server_bin() -> Path:
    """The folder holding initdb and pg_ctl: Debian keeps them out of PATH, in /usr/lib/postgresql/VERSION/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError(MISSING)
    return Path(initdb).parent


@contextlib.contextmanager
def postgres_cluster(*, fast: bool = True, settings: tuple[str, ...] = ()) -> Iterator[str]:
    """Create a cluster in a temp dir, start it on 127.0.0.1 and a free port, yield a DSN; stop and remove it afterwards."""
    bindir = server_bin()
    root = Path(tempfile.mkdtemp(prefix="lanterne-pg-"))
    owner = _unprivileged_owner()
    try:
        if owner:
            shutil.chown(root, owner.pw_uid, owner.pw_gid)
        data, port = root / "data", _free_port()
        _run(owner, bindir / "initdb", "-D", data, "-U", "lanterne", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
        options = ["-c", "listen_addresses=127.0.0.1", "-p", str(port), "-k", str(root), *(FAST if fast else ()), *settings]
        _run(owner, bindir / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-t", "30", "-o", " ".join(options), "start")
        try:
            with psycopg.connect(f"postgresql://lanterne@127.0.0.1:{port}/postgres", autocommit=True) as connection:
                connection.execute("CREATE DATABASE lanterne")
            yield f"postgresql://lanterne@127.0.0.1:{port}/lanterne"
        finally:
            _run(owner, bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def fresh_schema(dsn: str, name: str | None = None) -> str:
    """Create an empty schema and return a DSN whose search_path points at it: a database of its own, at no cost."""
    name = name or f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{name}"')
    return f"{dsn}?options=-csearch_path%3D{name}"


def _unprivileged_owner() -> pwd.struct_passwd | None:
    """The user to run the server as when we are root (initdb refuses root); None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and neither the postgres nor the nobody user exists to run PostgreSQL as")


def _run(owner: pwd.struct_passwd | None, *command: object) -> None:
    """Run a server program, as the unprivileged owner if there is one; fail with its output."""
    argv = [str(part) for part in command]
    if owner:
        argv = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups", "--", *argv]
    done = subprocess.run(argv, capture_output=True, text=True, cwd="/", timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(str(command[0])).name} failed: {done.stdout}{done.stderr}")


def _free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
