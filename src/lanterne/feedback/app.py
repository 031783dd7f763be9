"""The HTTP service: POST /reactions records a reaction, POST /searches a search that found nothing, POST /events a batch
of what readers did (views, searches and the result opened, contact clicks), GET /report (with the report token) answers
them all for the internal build's health pages. Starlette on uvicorn."""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import NamedTuple

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lanterne.feedback import activity, events, report, rules, searches
from lanterne.feedback.config import AUDIENCES, Config
from lanterne.feedback.decode import FORM, fields_of, read_body
from lanterne.feedback.fields import Fields, RefusalError
from lanterne.feedback.manifest import Manifests
from lanterne.feedback.origins import Origins
from lanterne.feedback.proxy import AUDIENCE_HEADER, FromProxy
from lanterne.feedback.ratelimit import QueryOnce, RateLimit, RequestLimit, SearchOnce, VisitorCap, VoteCap, client_of
from lanterne.feedback.rules import SearchMiss, Vote
from lanterne.feedback.store.opener import open_store
from lanterne.feedback.store.protocol import Store, StoreUnavailableError
from lanterne.feedback.visitors import PURGE_EVERY, DailyVisitors, cutoff, now

PREFLIGHT_MAX_AGE = "600"
# Nothing was stored, and the same request will do once the database is back: the page's script says "try again".
UNAVAILABLE = RefusalError(503, "store_unavailable", "the feedback database cannot be reached right now; try again shortly", retry_after=5)
# sendBeacon sends text/plain (a "simple" request, no preflight); fetch may send JSON: both hold the same JSON batch.
EVENT_TYPES = ("application/json", "text/plain")


class Admitted(NamedTuple):
    """A request past the common checks: its fields, the audience of the help centre it came through, and its client."""

    fields: Fields
    audience: str
    client: str


class Service:
    """One running service: its settings, the published articles, the store and the per-client limits."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.manifests = Manifests(config.manifests)
        self.origins = Origins(config.origins, self.manifests)
        self.store: Store | None = None
        self.rate: RequestLimit = RateLimit(0, config.rate_window)
        self.cap: VisitorCap = VoteCap(0, config.rate_window)
        self.once: QueryOnce = SearchOnce(config.search_window)
        self.visitors = DailyVisitors(lambda day: self._store().day_key(day))
        self._purged = float("-inf")

    def open(self) -> None:
        """Open the database (creating or upgrading its schema), take its per-client limits, read the manifests."""
        self.store = open_store(self.config.database)
        # The cap shares the rate limit's window, and is off when the rate limit is (a load test from one address).
        cap = self.config.votes_per_article if self.config.rate_limit else 0
        self.rate, self.cap, self.once = self.store.limits(self.config.rate_limit, self.config.rate_window, cap, self.config.search_window)
        self.manifests.load(starting=True)

    def close(self) -> None:
        """Close the database."""
        if self.store:
            self.store.close()

    async def reactions(self, request: Request) -> Response:
        """Refuse what is not allowed, in order of cost; store the vote; answer JSON, or 303 to a form."""
        admitted = await self._admit(request)
        vote, replaced = await anyio.to_thread.run_sync(self._accept, admitted)
        cors = request.state.cors
        if _wants_redirect(request):
            return RedirectResponse(rules.thanks_url(vote.page), status_code=303, headers=cors)
        return JSONResponse({"ok": True, "article": vote.article, "reaction": vote.reaction, "replaced": replaced}, headers=cors)

    async def searches(self, request: Request) -> Response:
        """Count a search that found nothing, so the report can list what readers did not find."""
        admitted = await self._admit(request)
        miss, count, counted = await anyio.to_thread.run_sync(self._accept_search, admitted)
        return JSONResponse({"ok": True, "query": miss.query, "searches": count, "counted": counted}, headers=request.state.cors)

    async def events(self, request: Request) -> Response:
        """Keep a batch of what one reader did; nothing at all when their browser asks not to be tracked (DNT, Sec-GPC)."""
        await self._cors(request)
        client = self._client(request)
        await self._count(client)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in EVENT_TYPES:
            message = f"content type {kind[:80]!r} is not accepted; expected application/json or text/plain"
            raise RefusalError(415, "unsupported_media_type", message)
        body = await read_body(request, events.BODY_LIMIT)
        audience = self._audience(request)
        if _declines(request):
            return JSONResponse({"ok": True, "events": 0, "declined": True}, headers=request.state.cors)
        agent = request.headers.get("user-agent", "")
        count = await anyio.to_thread.run_sync(self._accept_events, body, audience, client, agent)
        return JSONResponse({"ok": True, "events": count}, headers=request.state.cors)

    async def preflight(self, request: Request) -> Response:
        """Let the help centre's pages send JSON with fetch()."""
        headers = await self._cors(request) | {
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        }
        return Response(status_code=204, headers=headers)

    async def _cors(self, request: Request) -> dict[str, str]:
        """Refuse an origin that is not the help centre's; return the headers that let its pages read every answer after."""
        origin = request.headers.get("origin")
        request.state.cors = {"Vary": "Origin"}
        if origin is not None and not await self.origins.allowed_now(origin):
            raise RefusalError(403, "origin_not_allowed", f"requests from {origin[:80]!r} are not accepted")
        if origin is not None:
            request.state.cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return request.state.cors

    async def _admit(self, request: Request) -> Admitted:
        """What every POST route checks first: origin (CORS), rate limit, body size and type."""
        await self._cors(request)
        client = self._client(request)
        await self._count(client)
        fields = fields_of(request.headers.get("content-type", ""), await read_body(request, self.config.body_limit))
        return Admitted(fields, self._audience(request), client)

    def _client(self, request: Request) -> str:
        """The client the limits count (the reader nginx saw, with --proxy): an IPv4 address or an IPv6 network."""
        return client_of(request.client.host if request.client else "unknown", self.config.ipv6_prefix)

    def _audience(self, request: Request) -> str:
        """The audience of the server block the request came through (with --proxy), else --audience: never the client's say."""
        # FromProxy removed the header from every request but the proxy's: what is left, the proxy wrote.
        said = request.headers.getlist(AUDIENCE_HEADER)
        if not said:
            return self.config.audience
        if len(said) > 1 or said[0] not in AUDIENCES:
            shown = ", ".join(repr(value[:20]) for value in said)
            message = f"the proxy sent {AUDIENCE_HEADER} {shown}; expected public or internal, once (lanterne deploy nginx writes it)"
            raise RefusalError(400, "bad_proxy_audience", message)
        return said[0]

    async def _count(self, client: str) -> None:
        """Take one request from the client's allowance, or refuse with 429 (PostgreSQL's shared limit blocks: in a thread)."""
        if self.rate.limit and not await anyio.to_thread.run_sync(self.rate.allow, client):
            retry = self.rate.retry_after()
            raise RefusalError(429, "rate_limited", f"too many requests from this client; retry in {retry} s", retry_after=retry)

    async def report(self, request: Request) -> Response:
        """The reactions, what readers did and the searches that found nothing, as `report`/`searches --format json`; with the token."""
        await self._count(self._client(request))  # a token guesser gets the rate limit too
        _authorize(self.config.report_token, request.headers.get("authorization", ""))
        audience = request.query_params.get("audience")
        if audience not in (None, "public", "internal"):
            raise RefusalError(400, "bad_audience", f"audience {audience[:20]!r}; expected public or internal", "audience")
        body = await anyio.to_thread.run_sync(self._report, audience)
        return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})

    def _report(self, audience: str | None) -> str:
        """Read the store once for both lists (in a worker thread: SQLite blocks)."""
        store = self._store()
        done = activity.gather(store.event_counts(), store.events(), audience=audience)
        lines = report.summarize(store.reactions(), titles=self.manifests.published.titles, audience=audience, activity=done)
        return report.combined_json(lines, searches.select(store.searches(), audience=audience), done)

    async def health(self, request: Request) -> Response:
        """Say whether the service can accept votes (reading the manifests if the build has written them since)."""
        if not self.manifests.loaded:
            await anyio.to_thread.run_sync(self.manifests.refresh)
        ready = self.manifests.loaded
        # Anyone can call /health: count what the public build lists, never the internal articles.
        body = {"ok": ready, "articles": self.manifests.published.public_articles}
        return JSONResponse(body, status_code=200 if ready else 503)

    def _accept(self, admitted: Admitted) -> tuple[Vote, bool]:
        """Check, cap and store a vote (in a worker thread: reading manifests and the database block)."""
        self._ensure_manifests()
        vote = rules.parse_vote(
            admitted.fields,
            audience=admitted.audience,
            is_published=self.manifests.is_published,
            origin_allowed=lambda origin: self.origins.page_allowed(origin, admitted.audience),
        )
        if not self.cap.allow(admitted.client, vote.article, vote.visitor):
            window = math.ceil(self.cap.window)
            message = f"this client sent votes from {self.cap.cap} visitors on this article within {window} s; retry later"
            raise RefusalError(429, "too_many_votes", message, retry_after=window)
        assert self.store is not None
        return vote, self.store.save(vote)

    def _accept_search(self, admitted: Admitted) -> tuple[SearchMiss, int, bool]:
        """Check a zero-result search and count it, once per client and query within the search window (in a worker thread)."""
        self._ensure_manifests()
        miss = rules.parse_search(admitted.fields, audience=admitted.audience, has_language=self.manifests.has_language)
        assert self.store is not None
        if self.once.first(admitted.client, f"{miss.audience}\0{miss.lang}\0{miss.query}"):
            return miss, self.store.save_search(miss), True
        return miss, self.store.search_count(miss), False

    def _accept_events(self, body: bytes, audience: str, client: str, agent: str) -> int:
        """Check a batch whole, then store it under the visitor's hash of the day (in a worker thread)."""
        self._ensure_manifests()
        checks = events.Checks(self.manifests.is_published, self.manifests.has_language)
        batch = events.parse_batch(body, audience=audience, checks=checks)
        at = now()
        self._purge(at)
        visitor = self.visitors.visitor(client, agent, at.date().isoformat())
        self._store().save_events(batch, visitor, at.isoformat(timespec="microseconds"))
        return len(batch)

    def _purge(self, at: datetime) -> None:
        """Delete the raw events past their keeping time, once an hour (whichever worker gets there: it is the same work)."""
        if time.monotonic() - self._purged >= PURGE_EVERY:
            self._purged = time.monotonic()
            self._store().purge_events(cutoff(at, self.config.event_days))

    def _store(self) -> Store:
        """The open store."""
        assert self.store is not None
        return self.store

    def _ensure_manifests(self) -> None:
        """Refuse with 503 while no manifest could be read: nothing can be checked yet."""
        if not self.manifests.loaded:
            self.manifests.load()
            if not self.manifests.loaded:
                raise RefusalError(503, "not_ready", "the list of published articles is not available yet; try again shortly")


def create_app(config: Config | None = None) -> Starlette:
    """Build the ASGI application; without a config, read it from the environment (for `uvicorn --factory`)."""
    service = Service(config or Config.from_env())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.open()
        yield
        service.close()

    routes = [
        Route("/reactions", service.reactions, methods=["POST"]),
        Route("/reactions", service.preflight, methods=["OPTIONS"]),
        Route("/searches", service.searches, methods=["POST"]),
        Route("/searches", service.preflight, methods=["OPTIONS"]),
        Route("/events", service.events, methods=["POST"]),
        Route("/events", service.preflight, methods=["OPTIONS"]),
        Route("/health", service.health, methods=["GET"]),
        Route("/report", service.report, methods=["GET"]),
    ]
    handlers = {RefusalError: _refused, StoreUnavailableError: _unavailable}
    middleware = [Middleware(FromProxy, proxy=service.config.proxy, proxies=service.config.proxies)]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers, middleware=middleware)
    # /feedback/reactions/ would get a 307 to http://<Host>/reactions, outside the proxy's path and scheme: a 404 instead.
    app.router.redirect_slashes = False
    app.state.service = service
    return app


def _wants_redirect(request: Request) -> bool:
    """A plain HTML form (no JavaScript) gets sent back to the article; scripts get JSON."""
    form = request.headers.get("content-type", "").startswith(FORM)
    return form and "application/json" not in request.headers.get("accept", "")


def _declines(request: Request) -> bool:
    """Whether the reader's browser says Do Not Track or Global Privacy Control: then nothing of theirs is kept."""
    return request.headers.get("dnt", "").strip() == "1" or request.headers.get("sec-gpc", "").strip() == "1"


def _authorize(token: str, authorization: str) -> None:
    """Return when the request carries the report token; refuse otherwise (the same, whatever was wrong with it)."""
    if not token:
        raise RefusalError(404, "report_off", "this service does not serve its report: it was started without a report token")
    scheme, _, given = authorization.partition(" ")
    # compare_digest takes as long for a near miss as for a wild guess: the token cannot be found a character at a time.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise RefusalError(
            401,
            "unauthorized",
            "the report needs the service's report token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": 'Bearer realm="lanterne-report"'},
        )


async def _refused(request: Request, refusal: Exception) -> Response:
    """Every refusal is a JSON error with its status, readable by the page that sent the request; nothing was stored."""
    assert isinstance(refusal, RefusalError)
    # Only a request from an accepted origin carries Access-Control-Allow-Origin (the report has none).
    cors = getattr(request.state, "cors", {})
    return JSONResponse(refusal.as_json(), status_code=refusal.status, headers=cors | refusal.headers)


async def _unavailable(request: Request, outage: Exception) -> Response:
    """The store could not be reached: nothing was stored, and the same request will do once it is back."""
    return await _refused(request, UNAVAILABLE)
