"""The nginx site of a help centre: its public and internal servers, from their settings and their built pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from lanterne import __version__
from lanterne.content import safe_text
from lanterne.deploy import policy
from lanterne.settings import SiteSettings

TEMPLATE = "nginx.conf.j2"
SERVICE_ROUTE = "reactions"  # the service's own path for votes; its siblings (searches, health) share the prefix
# What may go into the configuration unquoted: nginx would read anything else as syntax.
_PATH = re.compile(r"/[\w./@+-]*")
_ADDRESS = re.compile(r"[\w.:\[\]-]+")
_URL = re.compile(r"https?://[^\s\"';{}]+")


class DeployError(Exception):
    """A setting or option the nginx site cannot be written from; the message names it and says what was expected."""


@dataclass(frozen=True)
class Server:
    """One build as nginx serves it."""

    audience: str
    name: str
    host: str
    origin: str
    root: str
    policy: str
    ancestors: str
    feedback_path: str | None
    # Old paths answered with a 301 to their page (the build's lanterne/redirects.json).
    moved: list[tuple[str, str]] = field(default_factory=list)

    @property
    def internal(self) -> bool:
        """Whether this server needs a login."""
        return self.audience == "internal"


def server(where: str, site: SiteSettings, *, name: str, root: Path, built: Path) -> Server:
    """Describe one build's server: its host from site_url, its policy from its built pages."""
    parts, origin = urlsplit(site.site_url), policy.origin_of(site.site_url)
    if origin is None or not parts.hostname or parts.path not in ("", "/"):
        raise DeployError(
            f"{where}: site_url: {site.site_url!r}; expected the address the site is served at, such as https://aide.example.com/"
        )
    if not (built / "index.html").is_file():
        raise DeployError(f"{where}: no built site in {built}; run `make build` (mkdocs build) first")
    for allowed in site.embed_origins:
        if policy.origin_of(allowed) != allowed:
            raise DeployError(f"{where}: extra.lanterne.embed_origins: {allowed!r}; expected an origin such as https://app.example.com")
    endpoint_path, endpoint_origin = _endpoint(where, site.feedback_endpoint, origin)
    csp = policy.policy(policy.scan(built), endpoint_origin=endpoint_origin, embeds=site.core.embeds)
    return Server(
        audience=site.core.audience,
        name=_quoted(name),
        host=parts.hostname,
        origin=origin,
        root=checked_path(f"{where}: site_dir", str(root)),
        policy=csp,
        ancestors=" ".join(("'self'", *site.embed_origins)),
        feedback_path=endpoint_path,
        moved=moved(where, built),
    )


# An old path or its target inside a quoted nginx string: anything but quotes, backslashes, '$', control characters and spaces.
_MOVED = re.compile(r'/[^\s"\'\\$;{}]*')
MOVED_FILE = "lanterne/redirects.json"


def moved(where: str, built: Path) -> list[tuple[str, str]]:
    """The build's redirects, each old path with and without its trailing slash, for nginx's exact locations."""
    path = built / MOVED_FILE
    if not path.is_file():
        return []
    found: dict[str, str] = {}
    for item in json.loads(path.read_text(encoding="utf-8")):
        old, target = str(item.get("from", "")), str(item.get("to", ""))
        if not (_MOVED.fullmatch(old) and _MOVED.fullmatch(target)):
            raise DeployError(f"{where}: {path}: redirect {old!r} -> {target!r}; expected site paths without quotes, spaces or '$'")
        for variant in (old.rstrip("/") or "/", old.rstrip("/") + "/"):
            found.setdefault(variant, target)
    return sorted(found.items())


def _endpoint(where: str, endpoint: str | None, origin: str) -> tuple[str | None, str | None]:
    """Where nginx proxies the feedback service (a path on this host), or the service's own origin when it is elsewhere."""
    if endpoint is None:
        return None, None
    endpoint_origin = policy.origin_of(endpoint)
    if endpoint_origin not in (None, origin):
        return None, endpoint_origin
    path = urlsplit(endpoint).path
    folder, _, route = path.rpartition("/")
    if route != SERVICE_ROUTE or not folder or not _PATH.fullmatch(path):
        raise DeployError(
            f"{where}: extra.lanterne.feedback.endpoint: {endpoint!r}; expected the service's {SERVICE_ROUTE} "
            f"route in a folder of its own, such as /feedback/{SERVICE_ROUTE}, for nginx to proxy that folder"
        )
    return f"{folder}/", None


def render(servers: list[Server], *, listen: str, feedback: str, htpasswd: str, auth: dict[str, str | None], tls: dict | None) -> str:
    """Write the site file: the public server first (nginx's default for unknown hosts), then the internal one."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    by_audience = {item.audience: item for item in servers}
    return env.get_template(TEMPLATE).render(
        servers=servers,
        public=servers[0],
        internal=by_audience.get("internal"),
        version=f"lanterne {__version__}",
        listen=listen,
        feedback=feedback,
        htpasswd=htpasswd,
        auth_request=auth.get("request"),
        auth_login=auth.get("login"),
        tls=tls,
    )


def checked_path(where: str, value: str) -> str:
    """An absolute path nginx can read unquoted."""
    if not _PATH.fullmatch(value):
        raise DeployError(f"{where}: {value!r}; expected an absolute path of letters, digits and ./@+-_")
    return value


def checked_address(where: str, value: str) -> str:
    """A listen or upstream address: host:port, a port, or [ipv6]:port."""
    if not _ADDRESS.fullmatch(value):
        raise DeployError(f"{where}: {value!r}; expected an address such as 127.0.0.1:8001")
    return value


def checked_url(where: str, value: str) -> str:
    """A URL nginx can read unquoted (nginx variables such as $request_uri allowed)."""
    if not _URL.fullmatch(value):
        raise DeployError(f"{where}: {value!r}; expected an http(s) URL without spaces, quotes, ';' or braces")
    return value


def _quoted(text: str) -> str:
    """Text for a double-quoted nginx string (the basic-auth realm); nginx would send a control character in a header."""
    if safe_text.has_control(text):
        raise DeployError(f"site_name: {text!r} holds control characters or line breaks; {safe_text.NO_CONTROL}")
    return re.sub(r'["\\$;{}]', "", text)
