"""Behind a reverse proxy (`serve --proxy`): the headers the service believes, and only from the proxy's address.

nginx's server block that received a request says its audience in X-Lanterne-Audience, overwriting whatever the
client sent under that name (`proxy_set_header`), and the reader's address in X-Forwarded-For. A request from anywhere
else, or a service started without --proxy, loses X-Lanterne-Audience before the app sees it: a visitor cannot set it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

AUDIENCE_HEADER = "x-lanterne-audience"
_AUDIENCE = AUDIENCE_HEADER.encode()


class FromProxy:
    """ASGI middleware: X-Forwarded-For (uvicorn's own reading of it) and X-Lanterne-Audience from a trusted proxy only."""

    def __init__(self, app: ASGIApp, *, proxy: bool, proxies: str) -> None:
        self.app = app
        self.forwarded = ProxyHeadersMiddleware(app, trusted_hosts=proxies)  # type: ignore[arg-type]
        self.proxy = proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass a proxy's request on with its headers read; strip the audience header from anyone else's."""
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        peer = scope.get("client")
        if self.proxy and peer and peer[0] in self.forwarded.trusted_hosts:
            return await self.forwarded(scope, receive, send)
        headers = [(name, value) for name, value in scope["headers"] if name.lower() != _AUDIENCE]
        return await self.app({**scope, "headers": headers}, receive, send)
