"""A few PostgreSQL connections per process, shared by the service's worker threads."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator

import psycopg

from lanterne.feedback.store.protocol import StoreUnavailableError

CONNECT_TIMEOUT = 10  # seconds: a database that does not answer fails the request instead of hanging it


class Pool:
    """At most `size` connections in autocommit mode, opened when first needed; a broken one is dropped, not reused."""

    def __init__(self, dsn: str, size: int) -> None:
        self._dsn = dsn
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """Lend a connection for one unit of work (a statement, or a transaction the caller opens)."""
        if not self._slots.acquire(timeout=CONNECT_TIMEOUT):
            raise StoreUnavailableError(f"no database connection free within {CONNECT_TIMEOUT} s")
        try:
            connection = self._take()
            try:
                yield connection
            finally:
                self._give_back(connection)
        except psycopg.OperationalError as error:  # the server restarted, went away, or refuses connections
            raise StoreUnavailableError(str(error).strip()) from error
        finally:
            self._slots.release()

    def close(self) -> None:
        """Close the idle connections; the pool lends no more."""
        self._closed = True
        while not self._idle.empty():
            self._idle.get_nowait().close()

    def _take(self) -> psycopg.Connection:
        """An idle connection that still works, or a new one."""
        while True:
            try:
                connection = self._idle.get_nowait()
            except queue.Empty:
                return psycopg.connect(self._dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
            if not connection.closed and not connection.broken:
                return connection

    def _give_back(self, connection: psycopg.Connection) -> None:
        """Keep a healthy, idle connection for the next caller; close anything else."""
        idle = connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        if self._closed or connection.closed or connection.broken or not idle:
            connection.close()
        else:
            self._idle.put(connection)
