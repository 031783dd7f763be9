"""`lanterne deploy nginx` and deploy/: the policy read from the pages, the site file's variants, the systemd unit."""

from __future__ import annotations

import configparser
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, run_build, write_site
from nginx_server import check_config, free_port, running_nginx

from lanterne import cli
from lanterne.deploy import policy

UNIT = ROOT / "deploy" / "lanterne-feedback.service"
INTERNAL = """\
INHERIT: mkdocs.yml
site_url: https://support.aide.example/
site_dir: site-internal
extra:
  lanterne:
    audience: internal
"""


PLAYER = "https://www.youtube-nocookie.com"
VIDEO = (
    "---\ntitle: Vidéo\nauthor: sophie\nupdated: 2024-09-13\n---\n\n"
    f'<iframe src="{PLAYER}/embed/x" title="Vidéo" width="560" height="315" allowfullscreen></iframe>\n'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A help centre with both builds (search index skipped: the policy reads the pages only); returns its folder."""
    root = tmp_path_factory.mktemp("deploy")
    os.environ["LANTERNE_SKIP_SEARCH_INDEX"] = "1"
    try:
        extra = {"feedback": {"endpoint": "/feedback/reactions"}, "embed_origins": ["https://app.example"], "embeds": [PLAYER]}
        write_site(root, {"factures/video.md": VIDEO}, extra=extra)
        (root / "mkdocs.internal.yml").write_text(INTERNAL, encoding="utf-8")
        for name in ("mkdocs.yml", "mkdocs.internal.yml"):
            assert run_build(root / name).ok
    finally:
        del os.environ["LANTERNE_SKIP_SEARCH_INDEX"]
    return root


def _deploy(root: Path, *options: str) -> tuple[int, str]:
    """Run `lanterne deploy nginx` on the site in `root`; return its exit code and the site file (or nothing)."""
    output = root / "lanterne.conf"
    output.unlink(missing_ok=True)
    configs = ["--config", str(root / "mkdocs.yml"), "--internal-config", str(root / "mkdocs.internal.yml")]
    code = cli.main(["deploy", "nginx", *configs, "--output", str(output), *options])
    return code, output.read_text(encoding="utf-8") if output.exists() else ""


def test_the_policy_allows_the_inline_scripts_by_hash_and_the_origins_the_pages_load_from():
    uses = policy.Uses()
    page = """<script>var a = 1;</script><script type="application/ld+json">{"@type": "Article"}</script>
    <script src="https://cdn.example/x.js"></script><script src="../assets/local.js"></script>
    <style>:root{--lt-brand:#0f6e5c}</style><p style="color: red">x</p>
    <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><link rel="canonical" href="https://elsewhere.example/">
    <img src="https://images.example/a.png" srcset="https://cdn2.example/a.png 2x"><img src="data:image/png;base64,AAAA">
    <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>"""
    policy.read_page(page, uses)
    text = policy.policy(uses, endpoint_origin="https://feedback.example")
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    # sha256("var a = 1;"), as `openssl dgst -sha256 -binary | base64` gives it
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w=' https://cdn.example"
    assert "'unsafe-hashes'" in directives["style-src"] and "https://fonts.googleapis.com" in directives["style-src"]
    assert directives["font-src"] == "'self' data: https://fonts.gstatic.com"
    assert directives["img-src"] == "'self' data: https://cdn2.example https://images.example"
    assert directives["frame-src"] == "https://www.youtube-nocookie.com"
    assert directives["connect-src"] == "'self' https://feedback.example" and directives["form-action"] == "'self' https://feedback.example"
    assert directives["default-src"] == "'none'" and "elsewhere.example" not in text and "'unsafe-inline'" not in text


def test_an_address_an_author_wrote_cannot_write_into_the_policy_or_the_site_file():
    uses = policy.Uses()
    policy.read_page("""<img src="https://evil.example;script-src *"><img src='https://a.example" always; return 302'>""", uses)
    policy.read_page("""<script src="data:text/javascript,alert(1)"></script><iframe src="data:text/html,x"></iframe>""", uses)
    assert uses.origins == {}
    assert "data:" not in policy.policy(uses).split("script-src", 1)[1].split(";", 1)[0]


def test_what_an_author_wrote_never_shapes_the_policy_but_its_images():
    # Issue 21.4: the policy grew from the content. Inside [data-lt-content] (the theme's element around the article's
    # body) only images and media count; the build refuses the rest, and the policy would not allow it if one slipped.
    uses = policy.Uses()
    page = """<head><script>var theme = 1;</script></head><body><div class="lt-article__body" data-lt-content>
    <script src="https://evil.example/x.js"></script><script>alert(1)</script><form action="https://evil.example/steal"></form>
    <iframe src="https://evil.example/frame"></iframe><link rel="stylesheet" href="https://evil.example/a.css">
    <style>body{display:none}</style><p style="color:red">x</p><div><img src="https://images.example/a.png"></div></div></body>"""
    policy.read_page(page, uses)
    text = policy.policy(uses, embeds=(PLAYER,))
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert "evil.example" not in text and "'unsafe-hashes'" not in text
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' " + policy.digest("var theme = 1;")
    assert directives["style-src"] == "'self'" and directives["form-action"] == "'self'" and directives["frame-src"] == PLAYER
    assert directives["img-src"] == "'self' data: https://images.example"


def _directives(site_file: str, audience: str) -> dict[str, str]:
    """The Content-Security-Policy of one server of the site file, by directive."""
    servers = site_file.split("server_name ")
    block = next(part for part in servers if part.startswith("support." if audience == "internal" else "aide.example;"))
    line = next(line for line in block.splitlines() if "Content-Security-Policy" in line)
    text = line.split('"', 1)[1].rsplit('"', 1)[0]
    return dict(part.split(" ", 1) for part in text.split("; "))


def test_the_policy_of_a_clean_site_names_only_the_themes_code_and_the_origins_the_settings_name(built):
    code, text = _deploy(built)
    assert code == 0
    for audience in ("public", "internal"):
        directives = _directives(text, audience)
        origins = {source for sources in directives.values() for source in sources.split() if "://" in source}
        # The video host of extra.lanterne.embeds and Material's fonts (theme.font), nothing the pages' content brought.
        assert origins == {PLAYER, "https://fonts.googleapis.com", "https://fonts.gstatic.com"}, audience
        assert directives["frame-src"] == PLAYER and directives["form-action"] == "'self'" and directives["connect-src"] == "'self'"
        hashes = [source for source in directives["script-src"].split() if source.startswith("'sha256-")]
        assert hashes and directives["script-src"] == " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])


def test_the_site_file_has_both_servers_and_nginx_accepts_it(built, tmp_path):
    code, text = _deploy(built, "--listen", "127.0.0.1:8080", "--htpasswd", "/etc/nginx/ardoise.htpasswd")
    assert code == 0
    assert "server_name aide.example;" in text and "server_name support.aide.example;" in text
    assert f"root {built / 'site'};" in text and f"root {built / 'site-internal'};" in text
    assert text.count("auth_basic_user_file /etc/nginx/ardoise.htpasswd;") == 1
    assert '"~^/embed/"  "\'self\' https://app.example";' in text
    checked = check_config(tmp_path, built / "lanterne.conf")
    assert checked.returncode == 0, checked.stderr


def test_with_a_certificate_it_serves_https_and_sends_port_80_there(built, tmp_path):
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=aide.example"]
    subprocess.run([*openssl, "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    code, text = _deploy(built, "--tls-certificate", str(certificate), "--tls-key", str(key))
    assert code == 0
    assert text.count("listen 443 ssl;") == 2 and "return 301 https://$host$request_uri;" in text
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in text
    checked = check_config(tmp_path / "nginx", built / "lanterne.conf")
    assert checked.returncode == 0, checked.stderr


class _IdentityProxy(http.server.BaseHTTPRequestHandler):
    """An identity proxy's auth endpoint, as oauth2-proxy's /oauth2/auth answers: 202 with a session, 401 without."""

    def do_GET(self) -> None:
        self.send_response(202 if "session=agent" in self.headers.get("Cookie", "") else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_the_single_sign_on_variant_asks_the_identity_proxy_and_sends_strangers_to_the_login(built, tmp_path):
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _IdentityProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    port = free_port()
    try:
        auth = f"http://127.0.0.1:{proxy.server_address[1]}/oauth2/auth"
        login = "https://sso.example/oauth2/start?rd=$scheme://$http_host$request_uri"
        code, _ = _deploy(built, "--listen", f"127.0.0.1:{port}", "--auth-request", auth, "--auth-login", login)
        assert code == 0
        with running_nginx(tmp_path / "nginx", built / "lanterne.conf", port):
            url = f"http://127.0.0.1:{port}/factures/envoyer/"
            stranger = _no_redirect(urllib.request.Request(url, headers={"Host": "support.aide.example"}))
            assert stranger.status == 302
            assert stranger.headers["Location"] == f"https://sso.example/oauth2/start?rd=http://support.aide.example{'/factures/envoyer/'}"
            agent = urllib.request.urlopen(urllib.request.Request(url, headers={"Host": "support.aide.example", "Cookie": "session=agent"}))
            assert agent.status == 200 and b"noindex" in agent.read()
            public = urllib.request.urlopen(urllib.request.Request(url, headers={"Host": "aide.example"}))
            assert public.status == 200
    finally:
        proxy.shutdown()
        proxy.server_close()


def _no_redirect(request: urllib.request.Request):
    """Send a request and return the response as it came, redirects included."""

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        return urllib.request.build_opener(Keep).open(request)
    except urllib.error.HTTPError as error:
        return error


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # what is wrong with the site, what `lanterne deploy nginx` says
        ({"internal_url": "https://aide.example/"}, "site_url: https://aide.example is the public build's too; expected an address"),
        ({"endpoint": "/reactions"}, "extra.lanterne.feedback.endpoint: '/reactions'; expected the service's reactions route in a folder"),
        ({"unbuilt": True}, "no built site in"),
        ({"site_url": "https://aide.example/aide/"}, "site_url: 'https://aide.example/aide/'; expected the address the site is served at"),
    ],
)
def test_a_site_the_file_cannot_be_written_for_is_refused_with_the_reason(tmp_path, capsys, change, message):
    extra = {"feedback": {"endpoint": change.get("endpoint", "/feedback/reactions")}}
    write_site(tmp_path, {}, extra=extra, config={"site_url": change.get("site_url", "https://aide.example/")})
    (tmp_path / "mkdocs.internal.yml").write_text(
        INTERNAL.replace("https://support.aide.example/", change.get("internal_url", "https://s.example/"))
    )
    if not change.get("unbuilt"):
        for name in ("site", "site-internal"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text("<p>ok</p>")
    code, text = _deploy(tmp_path)
    assert (code, text) == (2, "")
    assert message in capsys.readouterr().err


def test_the_systemd_unit_runs_the_service_behind_the_proxy_as_an_unprivileged_user(tmp_path):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read(UNIT)
    service = unit["Service"]
    assert service["User"] not in ("", "root") and service["NoNewPrivileges"] == "yes" and service["CapabilityBoundingSet"] == ""
    command = service["ExecStart"].split()
    assert command[1:5] == ["-m", "lanterne.feedback", "serve", "--proxy"]
    assert command[command.index("--host") + 1] == "127.0.0.1" and command[command.index("--port") + 1] == "8001"
    assert service["EnvironmentFile"] == "/etc/lanterne/feedback.env" and unit["Install"]["WantedBy"] == "multi-user.target"
    env = dict(line.split("=", 1) for line in (ROOT / "deploy" / "feedback.env").read_text().splitlines() if line and line[0] != "#")
    assert env["LANTERNE_FEEDBACK_DATABASE"].startswith("postgresql://")
    analyze = shutil.which("systemd-analyze")
    if analyze:  # systemd's own check, where systemd is installed (it needs the command to exist: this venv's python)
        copy = tmp_path / UNIT.name
        copy.write_text(UNIT.read_text().replace(command[0], sys.executable), encoding="utf-8")
        verified = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True)
        assert (verified.returncode, verified.stderr) == (0, "")
