"""The HTTP service: POST /reactions records a reaction, POST /searches a search that found nothing. Starlette on uvicorn."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qs

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from . import rules
from .config import Config
from .manifest import Manifests
from .ratelimit import RateLimit
from .rules import RefusalError, SearchMiss, Vote
from .storage import Store, open_store

FORM = "application/x-www-form-urlencoded"
PREFLIGHT_MAX_AGE = "600"


class Service:
    """One running service: its settings, the published articles, the store and the rate limit."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.manifests = Manifests(config.manifests)
        self.rate = RateLimit(config.rate_limit, config.rate_window)
        self.store: Store | None = None

    def open(self) -> None:
        """Open the database (creating or upgrading its schema) and read the manifests."""
        self.store = open_store(self.config.database)
        self.manifests.load()

    def close(self) -> None:
        """Close the database."""
        if self.store:
            self.store.close()

    def origin_allowed(self, origin: str) -> bool:
        """Configured origins, plus the origin of each manifest's site_url."""
        return origin in self.config.origins or origin in self.manifests.published.origins

    async def _origin_allowed(self, origin: str) -> bool:
        """The same, re-reading the manifests first if the origin is unknown (the site may have just been built)."""
        if self.origin_allowed(origin):
            return True
        await anyio.to_thread.run_sync(self.manifests.refresh)
        return self.origin_allowed(origin)

    async def reactions(self, request: Request) -> Response:
        """Refuse what is not allowed, in order of cost; store the vote; answer JSON, or 303 to a form."""
        cors, admitted = await self._admit(request)
        if isinstance(admitted, Response):
            return admitted
        try:
            vote, replaced = await anyio.to_thread.run_sync(self._accept, admitted)
        except RefusalError as refusal:
            return _refuse(refusal, cors)
        if _wants_redirect(request):
            return RedirectResponse(rules.thanks_url(vote.page), status_code=303, headers=cors)
        return JSONResponse({"ok": True, "article": vote.article, "reaction": vote.reaction, "replaced": replaced}, headers=cors)

    async def searches(self, request: Request) -> Response:
        """Count a search that found nothing, so the report can list what readers did not find."""
        cors, admitted = await self._admit(request)
        if isinstance(admitted, Response):
            return admitted
        try:
            miss, count = await anyio.to_thread.run_sync(self._accept_search, admitted)
        except RefusalError as refusal:
            return _refuse(refusal, cors)
        return JSONResponse({"ok": True, "query": miss.query, "searches": count}, headers=cors)

    async def _admit(self, request: Request) -> tuple[dict[str, str], Response | rules.Fields]:
        """What every POST route checks first: origin (CORS), preflight, rate limit, body size and type."""
        origin = request.headers.get("origin")
        cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {"Vary": "Origin"}
        if origin is not None and not await self._origin_allowed(origin):
            return cors, _refuse(
                RefusalError(403, "origin_not_allowed", f"requests from {origin[:80]!r} are not accepted"), {"Vary": "Origin"}
            )
        if request.method == "OPTIONS":
            return cors, _preflight(cors)
        if not self.rate.allow(request.client.host if request.client else "unknown"):
            retry = str(self.rate.retry_after())
            refusal = RefusalError(429, "rate_limited", f"too many requests from this client; retry in {retry} s")
            return cors, _refuse(refusal, cors | {"Retry-After": retry})
        try:
            return cors, _fields(request.headers.get("content-type", ""), await _body(request, self.config.body_limit))
        except RefusalError as refusal:
            return cors, _refuse(refusal, cors)

    async def health(self, request: Request) -> Response:
        """Say whether the service can accept votes (reading the manifests if the build has written them since)."""
        if not self.manifests.loaded:
            await anyio.to_thread.run_sync(self.manifests.refresh)
        ready = self.manifests.loaded
        body = {"ok": ready, "articles": len(self.manifests.published.keys)}
        return JSONResponse(body, status_code=200 if ready else 503)

    def _accept(self, fields: rules.Fields) -> tuple[Vote, bool]:
        """Check and store a vote (in a worker thread: reading manifests and SQLite block)."""
        self._ensure_manifests()
        vote = rules.parse_vote(fields, is_published=self.manifests.is_published, origin_allowed=self.origin_allowed)
        assert self.store is not None
        return vote, self.store.save(vote)

    def _accept_search(self, fields: rules.Fields) -> tuple[SearchMiss, int]:
        """Check and count a zero-result search (in a worker thread)."""
        self._ensure_manifests()
        miss = rules.parse_search(fields, has_language=self.manifests.has_language)
        assert self.store is not None
        return miss, self.store.save_search(miss)

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
        Route("/reactions", service.reactions, methods=["POST", "OPTIONS"]),
        Route("/searches", service.searches, methods=["POST", "OPTIONS"]),
        Route("/health", service.health, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.service = service
    return app


async def _body(request: Request, limit: int) -> bytes:
    """Read the body, refusing with 413 as soon as it is known to exceed the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RefusalError(413, "body_too_large", f"the request body has {declared} bytes; expected at most {limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RefusalError(413, "body_too_large", f"the request body exceeds {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _fields(content_type: str, body: bytes) -> rules.Fields:
    """Decode a form or a JSON object into field → values."""
    kind = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusalError(400, "invalid_body", "the body is not UTF-8") from None
    if kind == FORM:
        return parse_qs(text, keep_blank_values=True, max_num_fields=32)
    if kind == "application/json":
        return _json_fields(text)
    raise RefusalError(415, "unsupported_media_type", f"content type {kind!r} is not accepted; expected {FORM} or application/json")


def _json_fields(text: str) -> rules.Fields:
    """A JSON object whose values are text, or lists of text (reasons)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise RefusalError(400, "invalid_body", "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise RefusalError(400, "invalid_body", "the body must be a JSON object")
    fields: dict[str, list[str]] = {}
    for name, value in data.items():
        values = value if isinstance(value, list) else [] if value is None else [value]
        if not all(isinstance(item, str) for item in values):
            raise RefusalError(400, "invalid_field", f"{str(name)[:40]} must be text, or a list of text", str(name)[:40])
        fields[name] = values
    return fields


def _wants_redirect(request: Request) -> bool:
    """A plain HTML form (no JavaScript) gets sent back to the article; scripts get JSON."""
    form = request.headers.get("content-type", "").startswith(FORM)
    return form and "application/json" not in request.headers.get("accept", "")


def _preflight(cors: dict[str, str]) -> Response:
    """Let the help centre's pages send JSON with fetch()."""
    headers = cors | {
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    }
    return Response(status_code=204, headers=headers)


def _refuse(refusal: RefusalError, headers: dict[str, str]) -> Response:
    """Every refusal is a JSON error with its status; nothing was stored."""
    return JSONResponse(refusal.as_json(), status_code=refusal.status, headers=headers)
