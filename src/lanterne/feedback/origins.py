"""Which origins may send to the service, and on which of them a vote's page may be for each audience.

An origin never decides a request's audience: a visitor sets Origin at will (curl). The audience comes from the server
block that received the request (proxy.FromProxy) or from the service's --audience.
"""

from __future__ import annotations

import anyio.to_thread

from lanterne.feedback.manifest import Manifests


class Origins:
    """Each manifest's site_url origin, with that build's audience, plus the configured origins (pages of the public build)."""

    def __init__(self, configured: tuple[str, ...], manifests: Manifests) -> None:
        self.configured = configured
        self.manifests = manifests

    def allowed(self, origin: str) -> bool:
        """Configured origins, plus the origin of each manifest's site_url."""
        return origin in self.configured or origin in self.manifests.published.origins

    async def allowed_now(self, origin: str) -> bool:
        """The same, re-reading the manifests first if the origin is unknown (the site may have just been built)."""
        if self.allowed(origin):
            return True
        await anyio.to_thread.run_sync(self.manifests.refresh)
        return self.allowed(origin)

    def page_allowed(self, origin: str, audience: str) -> bool:
        """A vote's page must be on an allowed origin of the same audience as the request (see Published.audience_at)."""
        return self.allowed(origin) and self.manifests.published.audience_at(origin) == audience
