"""How `feedback serve` runs the service in uvicorn: a keep-alive timeout, and a read timeout uvicorn lacks."""

from __future__ import annotations

import asyncio
import functools
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from lanterne.feedback.config import Config

KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open after a response (uvicorn's default, made explicit)
WAITING = (h11.IDLE, h11.SEND_BODY)  # the client owes us a request line, headers or body


class ReadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection that takes more than `read_timeout` seconds to send a whole request."""

    # uvicorn only times out idle kept-alive connections: a client that never sends, or sends a header or body in
    # part (one byte at a time, slowloris), would hold its connection forever. One deadline per request, not per read.

    def __init__(self, *args: Any, read_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = read_timeout or _read_timeout_from_env()
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Send each response at once, and start the clock: the first request is due."""
        # With --workers, uvicorn shares a socket it made without IPPROTO_TCP, and asyncio then leaves Nagle's algorithm
        # on: a response's second write waited for the client's delayed ACK, 40 ms a vote.
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._watch()

    def handle_events(self) -> None:
        """Stop the clock once the request is whole (h11 says the client is DONE)."""
        super().handle_events()
        self._watch()

    def on_response_complete(self) -> None:
        """Start the clock again: on a kept-alive connection the next request is due."""
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        self._stop()
        super().connection_lost(exc)

    def _watch(self) -> None:
        """Run the deadline while the client owes us part of a request, and only then."""
        waiting = self.conn.their_state in WAITING and not self.transport.is_closing()
        if waiting and self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout, self._expire)
        elif not waiting:
            self._stop()

    def _stop(self) -> None:
        """Cancel the deadline, if any."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        """Close the connection; an app waiting for the body sees a disconnect and stores nothing."""
        self._deadline = None
        if not self.transport.is_closing():
            self.logger.debug("closing a connection that sent no whole request within %g s", self.read_timeout)
            self.transport.close()


@functools.cache
def _read_timeout_from_env() -> float:
    """LANTERNE_FEEDBACK_READ_TIMEOUT, for `uvicorn --http lanterne.feedback.server:ReadTimeoutProtocol`."""
    return Config.from_env().read_timeout


def uvicorn_config(app: Any, *, read_timeout: float, host: str = "127.0.0.1", port: int = 8001, **options: Any) -> uvicorn.Config:
    """uvicorn's settings for the service: h11 with the read timeout, the keep-alive timeout, no Server header."""
    protocol = functools.partial(ReadTimeoutProtocol, read_timeout=read_timeout)
    # The app reads the proxy's headers itself (feedback.proxy), and only with --proxy: uvicorn's own reading is on by default.
    settings = {"http": protocol, "timeout_keep_alive": KEEP_ALIVE, "server_header": False, "proxy_headers": False}
    return uvicorn.Config(app, host=host, port=port, **settings, **options)  # type: ignore[arg-type]
