"""`lanterne deploy nginx`: write the nginx site of a help centre from its configurations and its built sites."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from lanterne import settings
from lanterne.deploy import nginx

HTPASSWD = "/etc/nginx/lanterne.htpasswd"
FEEDBACK = "127.0.0.1:8001"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare `lanterne deploy nginx` and its options."""
    targets = parser.add_subparsers(dest="target", required=True, metavar="TARGET")
    site = targets.add_parser("nginx", help="write the nginx site: both builds, the login, the feedback proxy, the headers")
    site.add_argument("--config", default="mkdocs.yml", type=Path, metavar="FILE", help="the public configuration (default: mkdocs.yml)")
    site.add_argument(
        "--internal-config", default="mkdocs.internal.yml", type=Path, metavar="FILE", help="the internal one, served when it exists"
    )
    site.add_argument("--site-dir", type=Path, metavar="DIR", help="the public build, if not the configuration's site_dir")
    site.add_argument("--internal-site-dir", type=Path, metavar="DIR", help="the internal build, if not its configuration's site_dir")
    site.add_argument("--root", metavar="DIR", help="where nginx finds the public build, if not where it was built (absolute)")
    site.add_argument("--internal-root", metavar="DIR", help="where nginx finds the internal build, if not where it was built")
    site.add_argument("--listen", metavar="ADDRESS", help="nginx's listen address (default: 80, or 443 ssl with --tls-certificate)")
    site.add_argument("--feedback", default=FEEDBACK, metavar="HOST:PORT", help=f"the feedback service (default: {FEEDBACK})")
    site.add_argument("--htpasswd", default=HTPASSWD, metavar="FILE", help=f"the internal site's logins (default: {HTPASSWD})")
    site.add_argument("--auth-request", metavar="URL", help="single sign-on instead: the URL nginx asks whether a request may pass")
    site.add_argument("--auth-login", metavar="URL", help="with --auth-request: where a reader without a session is sent")
    site.add_argument("--tls-certificate", metavar="FILE", help="serve HTTPS with this certificate (and redirect port 80 to it)")
    site.add_argument("--tls-key", metavar="FILE", help="the certificate's private key")
    site.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the site file here (default: standard output)")


def run(args: argparse.Namespace) -> int:
    """Write the site file, or say which setting or option is wrong (exit code 2)."""
    try:
        text = _site_file(args)
    except nginx.DeployError as error:
        print(f"lanterne deploy nginx: {error}", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _site_file(args: argparse.Namespace) -> str:
    """Describe each build's server, then render the template."""
    servers = [_server(args.config, args.site_dir, args.root)]
    if args.internal_config.is_file():
        servers.append(_server(args.internal_config, args.internal_site_dir, args.internal_root))
        if servers[1].host == servers[0].host:
            raise nginx.DeployError(
                f"{args.internal_config}: site_url: {servers[1].origin} is the public build's too; expected an address of "
                "its own, such as https://support.example.com/ (a vote's page must be on its own help centre's address)"
            )
    tls = None
    if args.tls_certificate or args.tls_key:
        if not (args.tls_certificate and args.tls_key):
            raise nginx.DeployError("--tls-certificate and --tls-key: give both, or neither")
        tls = {
            "certificate": nginx.checked_path("--tls-certificate", args.tls_certificate),
            "key": nginx.checked_path("--tls-key", args.tls_key),
        }
    if args.auth_login and not args.auth_request:
        raise nginx.DeployError("--auth-login: only with --auth-request")
    auth = {
        "request": args.auth_request and nginx.checked_url("--auth-request", args.auth_request),
        "login": args.auth_login and nginx.checked_url("--auth-login", args.auth_login),
    }
    return nginx.render(
        servers,
        listen=nginx.checked_address("--listen", args.listen) if args.listen else ("443" if tls else "80"),
        feedback=nginx.checked_address("--feedback", args.feedback),
        htpasswd=nginx.checked_path("--htpasswd", args.htpasswd),
        auth=auth,
        tls=tls,
    )


def _server(config_file: Path, site_dir: Path | None, root: str | None) -> nginx.Server:
    """Read one configuration (INHERIT and !ENV resolved, as the build reads it) and its built site."""
    try:
        config = load_config(config_file=str(config_file))
    except (Abort, ConfigurationError, OSError) as error:
        raise nginx.DeployError(f"{config_file}: {error}") from None
    problems = settings.check_site({key: config.get(key) for key in settings.SITE_KEYS})
    try:
        site = settings.parse(config.extra.get("lanterne"), site_url=config.site_url, theme_language=config.theme.get("language") or "en")
    except settings.SettingsError as error:
        problems += error.problems
    if problems:
        raise nginx.DeployError(f"{config_file}: " + "; ".join(problem.removeprefix("mkdocs.yml: ") for problem in problems))
    built = (site_dir or Path(config.site_dir)).resolve()
    return nginx.server(str(config_file), site, name=config.site_name, root=Path(root) if root else built, built=built)
