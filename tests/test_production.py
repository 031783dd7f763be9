"""Production with the real parts on loopback: nginx with the site `lanterne deploy nginx` writes, the feedback service
behind it (`feedback serve --proxy`) on PostgreSQL, both builds, and Chromium as the reader, the agent and the app."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_build, write_site
from nginx_server import free_port, running_nginx, wait_for_port
from postgres import fresh_schema

from lanterne import cli
from lanterne.check.browser import serve
from lanterne.feedback.store.opener import open_store

APP_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>App</title></head>
<body><h1>Ardoise</h1><script src="{help}assets/lanterne-widget.js" data-lang="fr" async></script></body></html>"""
FOREIGN_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Foreign</title></head>
<body><iframe id="embed" src="{help}embed/" width="400" height="600"></iframe>
<iframe id="page" src="{help}factures/envoyer/" width="400" height="600"></iframe></body></html>"""
AGENT = ("agent", "lanterne-test-password")
REPORT_TOKEN = "production-test-report-token-0123456789"
# Report every CSP violation a page sees (its own, its workers' and its frames' reach the console too).
WATCH_CSP = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(`${e.violatedDirective} ${e.blockedURI}`);
});"""
FINGERPRINTED = "assets/javascripts/bundle."
SECRET_FILE = "factures/deverrouiller.md"  # an internal article: its id must not be learnt, nor voted on, from the internet
SECRET_ARTICLE = (
    "---\ntitle: Déverrouiller un compte\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nVérifier l'identité du client.\n"
)


@dataclass
class Production:
    """Where each part listens, and what the test needs to look inside."""

    public: str
    internal: str
    app: str
    foreign: str
    database: str
    site: Path
    site_file: Path
    service: str


def _htpasswd(path: Path, user: str, password: str) -> None:
    """A login in nginx's {SSHA} form (salted SHA-1), so that the test needs no htpasswd tool."""
    salt = os.urandom(8)
    digest = base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()
    path.write_text(f"{user}:{{SSHA}}{digest}\n", encoding="utf-8")


def _feedback_service(database: str, manifests: list[Path], port: int, log: Path) -> subprocess.Popen:
    """The service as the systemd unit runs it: `python -m lanterne.feedback serve --proxy --workers N` (2 here)."""
    command = [sys.executable, "-m", "lanterne.feedback", "serve", "--proxy", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--database", database, *(arg for path in manifests for arg in ("--manifest", str(path)))]
    environment = {**os.environ, "LANTERNE_FEEDBACK_REPORT_TOKEN": REPORT_TOKEN}
    return subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=environment)


@pytest.fixture(scope="module")
def production(tmp_path_factory, postgres):
    """Build both sites for their loopback origins, write the nginx site, start the service on PostgreSQL and nginx."""
    root = tmp_path_factory.mktemp("production")
    port, service_port = free_port(), free_port()
    public, internal = f"http://127.0.0.1:{port}/", f"http://localhost:{port}/"
    with ExitStack() as running:
        app = running.enter_context(serve(root / "app"))
        foreign = running.enter_context(serve(root / "foreign"))
        for folder, page in ((root / "app", APP_PAGE), (root / "foreign", FOREIGN_PAGE)):
            folder.mkdir()
            (folder / "index.html").write_text(page.format(help=public), encoding="utf-8")
        extra = {"embed_origins": [app.rstrip("/")], "feedback": {"endpoint": "/feedback/reactions"}}
        config = write_site(root, {SECRET_FILE: SECRET_ARTICLE}, extra=extra, config={"site_url": public})
        internal_config = root / "mkdocs.internal.yml"
        internal_config.write_text(
            f"INHERIT: mkdocs.yml\nsite_url: {internal}\nsite_dir: site-internal\nextra:\n  lanterne:\n    audience: internal\n"
        )
        for file in (config, internal_config):
            built = run_build(file)
            assert built.ok, built.errors()
        htpasswd, site_file = root / "htpasswd", root / "lanterne.conf"
        _htpasswd(htpasswd, *AGENT)
        options = ["--config", str(config), "--internal-config", str(internal_config), "--listen", f"127.0.0.1:{port}"]
        options += ["--feedback", f"127.0.0.1:{service_port}", "--htpasswd", str(htpasswd), "--output", str(site_file)]
        assert cli.main(["deploy", "nginx", *options]) == 0
        database = fresh_schema(postgres)
        manifests = [root / name / "lanterne/feedback-manifest.json" for name in ("site", "site-internal")]
        service = _feedback_service(database, manifests, service_port, root / "feedback.log")
        running.callback(service.wait, 10)
        running.callback(service.terminate)
        wait_for_port(service_port, service)
        running.enter_context(running_nginx(root / "nginx", site_file, port))
        yield Production(public, internal, app, foreign, database, root / "site", site_file, f"http://127.0.0.1:{service_port}/")


def _get(url: str, *, auth: tuple[str, str] | None = None, gzip_ok: bool = False, token: str = "") -> tuple[int, dict[str, str], bytes]:
    """A plain HTTP GET: status, headers (lower-case names), body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    if auth:
        request.add_header("Authorization", _basic(auth))
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _votes(database: str) -> list[tuple[str, str, str, str]]:
    """What the database holds: (article, language, audience, reaction) per stored vote."""
    store = open_store(database)
    try:
        return [(vote.article, vote.lang, vote.audience, vote.reaction) for vote in store.reactions()]
    finally:
        store.close()


def _basic(login: tuple[str, str]) -> str:
    """An Authorization header for a basic-auth login."""
    return "Basic " + base64.b64encode(":".join(login).encode()).decode()


def _page(browser, url: str, **options):
    """A new context and tab watching CSP violations, on `url`; returns (context, page, console messages)."""
    context = browser.new_context(**options)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    return context, page, messages


def _violations(page, messages: list[str]) -> list[str]:
    """Every CSP violation the page saw, from its events and its console."""
    events = [event for frame in page.frames for event in (frame.evaluate("window.__csp || []") if not frame.is_detached() else [])]
    return events + [text for text in messages if "Content Security Policy" in text]


def test_a_readers_vote_goes_through_nginx_to_the_database_and_nothing_is_blocked(browser, production):
    context, page, messages = _page(browser, production.public + "factures/envoyer/")
    try:
        page.get_by_role("button", name="Oui, merci").click()
        page.get_by_text("Merci pour votre retour !").wait_for()
        page.fill("#lt-search-header-input", "facture")  # Pagefind: its worker and WebAssembly under the policy
        page.locator("#lt-search-header .lt-search__result a", has_text="Envoyer une facture").first.wait_for()
        page.goto(production.public + "en/")
        page.goto(production.public + "nulle-part/")
        assert page.locator("body").inner_text().strip(), "the help centre's 404 page"
        assert _violations(page, messages) == []
    finally:
        context.close()
    assert ("factures/envoyer", "fr", "public", "happy") in _votes(production.database)


def test_the_internal_site_needs_a_login(browser, production):
    status, headers, _ = _get(production.internal)
    assert status == 401 and headers["www-authenticate"].startswith("Basic")
    assert _get(production.internal + "factures/envoyer/")[0] == 401
    assert _get(production.internal + "feedback/health")[0] == 401
    assert _get(production.internal, auth=("agent", "wrong"))[0] == 401
    status, headers, body = _get(production.internal, auth=AGENT)
    assert status == 200 and b"noindex" in body
    assert headers["cache-control"] == "private, no-cache"
    assert headers["referrer-policy"] == "same-origin"
    # Once logged in, a browser sends the login with every request to the site, the vote's included (Playwright's
    # http_credentials only answers challenges, which a fetch with a body cannot replay: send the header instead).
    login = {"Authorization": _basic(AGENT)}
    context, page, messages = _page(browser, production.internal + "factures/envoyer/", extra_http_headers=login)
    try:
        page.get_by_role("button", name="Oui, merci").click()
        page.get_by_text("Merci pour votre retour !").wait_for()
        assert _violations(page, messages) == []
    finally:
        context.close()
    assert ("factures/envoyer", "fr", "internal", "happy") in _votes(production.database)


def test_an_agent_signed_in_with_the_browsers_login_prompt_votes_with_that_login(browser, production):
    # As an agent's browser does: the login answers nginx's challenge on the site's root, then goes with every
    # request below it, the vote to /feedback/ included, as long as the script does not drop it (issue 22.2).
    login = {"username": AGENT[0], "password": AGENT[1]}
    context, page, messages = _page(browser, production.internal, http_credentials=login)
    try:
        page.goto(production.internal + "factures/envoyer/")
        page.get_by_role("button", name="Non, déçu").click()
        page.get_by_text("Merci pour votre retour !").wait_for()
        assert page.get_by_role("alert").is_hidden()
        assert _violations(page, messages) == []
    finally:
        context.close()
    assert ("factures/envoyer", "fr", "internal", "sad") in _votes(production.database)


def test_the_embed_panel_opens_in_the_allowed_app_and_chromium_refuses_to_frame_it_anywhere_else(browser, production):
    context, page, messages = _page(browser, production.app)
    try:
        page.get_by_role("button", name="Aide").click()
        frame = page.frame_locator("[data-lanterne] iframe")
        frame.locator(".lt-embed__collections").wait_for()
        page.evaluate("Lanterne.search('envoyer')")  # the panel's own search: Pagefind inside the frame
        result = frame.locator(".lt-search__result a", has_text="Envoyer une facture")
        result.click()
        frame.locator("h1", has_text="Envoyer une facture").wait_for()
        assert _violations(page, messages) == []
    finally:
        context.close()
    context, page, messages = _page(browser, production.foreign)
    try:
        deadline = time.monotonic() + 10
        while len([text for text in messages if "frame-ancestors" in text]) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        refused = [text for text in messages if "frame-ancestors" in text]
        # Chromium names the framed origin only: the embed page is the one refused by its list of applications.
        assert any(f"\"frame-ancestors 'self' {production.app.rstrip('/')}\"" in text for text in refused), refused
        assert any("\"frame-ancestors 'none'\"" in text for text in refused), refused
        for name in ("embed", "page"):
            assert page.frame_locator(f"#{name}").locator("main, .lt-embed").count() == 0
    finally:
        context.close()


def _search(production: Production, source: str, forwarded: str | None = None) -> int:
    """POST a search that found nothing, through nginx, from a loopback address of our choosing; return the status."""
    port = int(production.public.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    headers = {"Content-Type": "application/json", "Origin": production.public.rstrip("/")}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    try:
        connection.request("POST", "/feedback/searches", body=json.dumps({"query": "hélicoptère", "lang": "fr"}), headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_service_counts_readers_by_the_address_nginx_saw_and_ignores_the_one_they_claim(production):
    # Two readers at 127.0.0.2 and 127.0.0.3 (the whole 127/8 is loopback); the service allows 30 requests a minute.
    statuses = [_search(production, "127.0.0.2", forwarded=f"10.0.0.{n}") for n in range(31)]
    assert statuses[:30] == [200] * 30, statuses
    assert statuses[30] == 429, "a made-up X-Forwarded-For must not get a reader past the rate limit"
    assert _search(production, "127.0.0.2") == 429
    assert _search(production, "127.0.0.3") != 429, "another reader is not held back by the first one's limit"


def test_every_answer_carries_the_documented_headers(production):
    policy = None
    for path in ("", "factures/envoyer/", "embed/", "nulle-part/", "feedback/health", "api/articles.json"):
        status, headers, _ = _get(production.public + path)
        assert status in (200, 404), path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        policy = headers["content-security-policy"]
        ancestors = policy.rsplit("; ", 1)[1]
        expected = f"frame-ancestors 'self' {production.app.rstrip('/')}" if path.startswith("embed/") else "frame-ancestors 'none'"
        assert ancestors == expected, path
        assert "default-src 'none'" in policy and "'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy
    assert _get(production.public + "factures/envoyer/")[1]["cache-control"] == "public, no-cache"
    assert _get(production.public + "nulle-part/")[0] == 404
    health = _get(production.public + "feedback/health")
    assert health[0] == 200 and json.loads(health[2])["ok"] is True


def test_a_fingerprinted_asset_is_sent_precompressed_and_cached_for_a_year(production):
    bundle = next((production.site / "assets/javascripts").glob("bundle.*.min.js")).relative_to(production.site).as_posix()
    status, headers, body = _get(production.public + bundle, gzip_ok=True)
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert body == (production.site / f"{bundle}.gz").read_bytes()
    assert gzip.decompress(body) == (production.site / bundle).read_bytes()
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers, body = _get(production.public + bundle)
    assert "content-encoding" not in headers and body == (production.site / bundle).read_bytes()


def test_the_report_never_leaves_through_the_public_site_even_with_the_token(production):
    assert _get(production.service + "report", token=REPORT_TOKEN)[0] == 200, "the service itself serves its report"
    status, headers, _ = _get(production.public + "feedback/report", token=REPORT_TOKEN)
    assert status == 404 and headers["content-type"].startswith("text/html"), "the help centre's 404 page, not the report"
    assert headers["x-content-type-options"] == "nosniff"
    assert _get(production.public + "feedback/health")[0] == 200, "the rest of the service stays reachable"


def _post_public(production: Production, path: str, body: dict, headers: list[tuple[str, str]]) -> tuple[int, dict | None, str | None]:
    """POST JSON to the public server, as curl would from the internet, with any headers (repeated ones too)."""
    port = int(production.public.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode()
    try:
        connection.putrequest("POST", path)
        for name, value in [("Content-Type", "application/json"), ("Content-Length", str(len(data))), *headers]:
            connection.putheader(name, value)
        connection.endheaders(data)
        response = connection.getresponse()
        text = response.read()
        is_json = response.getheader("Content-Type", "").startswith("application/json")
        return response.status, json.loads(text) if is_json else None, response.getheader("Location")
    finally:
        connection.close()


def test_a_forged_origin_and_audience_header_through_the_public_site_make_nothing_internal(production):
    internal = production.internal.rstrip("/")
    forged = [("Origin", internal), ("X-Lanterne-Audience", "internal"), ("X-Lanterne-Audience", "internal")]
    forged += [("X_Lanterne_Audience", "internal")]

    def vote(article: str) -> dict:
        return {"article": article, "lang": "fr", "page": f"{internal}/{article}/", "reaction": "sad", "comment": "Forged."}

    secret = _post_public(production, "/feedback/reactions", vote("factures/deverrouiller"), forged)
    missing = _post_public(production, "/feedback/reactions", vote("factures/inexistant"), forged)
    assert secret[0] == missing[0] == 400
    assert json.loads(json.dumps(secret[1]).replace("factures/deverrouiller", "factures/inexistant")) == missing[1]
    assert "public help centre" in missing[1]["error"]["message"]
    # nginx replaced the client's headers with its own, once: the search is the public site's, not a 400 for two values.
    status, answer, _ = _post_public(production, "/feedback/searches", {"query": "déverrouillage forcé", "lang": "fr"}, forged)
    assert (status, answer["counted"]) == (200, True)
    store = open_store(production.database)
    try:
        assert [(miss.query, miss.audience) for miss in store.searches() if miss.query == "déverrouillage forcé"] == [
            ("déverrouillage forcé", "public")
        ]
    finally:
        store.close()
    assert not [vote for vote in _votes(production.database) if vote[0] == "factures/deverrouiller"]


def test_a_trailing_slash_on_the_service_is_a_404_not_a_redirect_off_the_proxy(production):
    for path in ("/feedback/reactions/", "/feedback/searches/"):
        status, _, location = _post_public(production, path, {}, [("Origin", production.public.rstrip("/"))])
        assert (status, location) == (404, None), path
