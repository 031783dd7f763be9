"""Command line: `serve` runs the service, `report` and `searches` print what readers said, `export` and `import` move it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from lanterne.feedback import activity, report, searches, transfer
from lanterne.feedback.config import REPORT_TOKEN, Config, parse_rate
from lanterne.feedback.manifest import Manifests
from lanterne.feedback.store.opener import is_postgres, open_store

FORMATS = {"table": report.as_table, "csv": report.as_csv, "json": report.as_json}
SEARCH_FORMATS = {"table": searches.as_table, "csv": searches.as_csv, "json": searches.as_json}


def main(argv: Sequence[str] | None = None, prog: str = "python -m lanterne.feedback") -> int:
    """Parse the command line and run the chosen command (`lanterne feedback …` and `python -m lanterne.feedback …`)."""
    try:
        defaults = Config.from_env()
    except ValueError as error:
        sys.stderr.write(f"{prog}: {error}\n")
        return 2
    parser = argparse.ArgumentParser(prog=prog, description="Lanterne's feedback service.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the service with uvicorn")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    serve.add_argument(
        "--database", default=defaults.database, help=f"SQLite file, or postgresql://user@host/database (default {defaults.database})"
    )
    serve.add_argument(
        "--workers", type=_workers, metavar="N", default=1, help="worker processes, PostgreSQL only: they share its limits (default 1)"
    )
    serve.add_argument("--manifest", action="append", help="a feedback manifest, file or URL (repeat for several builds)")
    serve.add_argument("--origin", action="append", help="a site origin allowed to send reactions (repeatable)")
    serve.add_argument("--rate-limit", help="REQUESTS/SECONDS per client, or 0 for none (default 30/60)")
    serve.add_argument(
        "--votes-per-article",
        type=_count,
        metavar="N",
        default=defaults.votes_per_article,
        help="new voters per client and article within the rate-limit window, or 0 for no cap (default %(default)s)",
    )
    serve.add_argument(
        "--read-timeout",
        type=_seconds,
        metavar="SECONDS",
        default=defaults.read_timeout,
        help="seconds a connection has to send a whole request, headers and body (default %(default)g)",
    )
    serve.add_argument(
        "--proxy",
        action="store_true",
        default=defaults.proxy,
        help="behind the nginx of `lanterne deploy nginx`: take each reader's address and audience from it (FORWARDED_ALLOW_IPS: "
        "where it connects from, default 127.0.0.1,::1)",
    )
    serve.add_argument(
        "--audience",
        choices=["public", "internal"],
        default=defaults.audience,
        help="without --proxy, every request's audience (default public); internal only for a service that agents alone can reach",
    )
    serve.add_argument(
        "--ipv6-prefix",
        type=_prefix,
        metavar="BITS",
        default=defaults.ipv6_prefix,
        help="IPv6 readers are limited by network of this many bits, one subscriber's (default %(default)s)",
    )
    serve.add_argument(
        "--search-window",
        type=_seconds,
        metavar="SECONDS",
        default=defaults.search_window,
        help="a query counts once per client within this many seconds (default %(default)g, a day)",
    )
    serve.add_argument(
        "--keep-events",
        type=_days,
        metavar="DAYS",
        default=defaults.event_days,
        help="days the raw events (views, searches, contact clicks) are kept; their daily counts stay (default %(default)s)",
    )
    serve.add_argument("--access-log", action="store_true", help="log each request with the client's address (off: no personal data)")
    serve.add_argument(
        "--report-token",
        default=defaults.report_token,
        help=f"serve GET /report to whoever sends this token (16+ characters); prefer {REPORT_TOKEN}, which `ps` does not show",
    )
    show = commands.add_parser("report", help="print the report, worst article first")
    show.add_argument("--database", default=defaults.database)
    show.add_argument("--format", choices=sorted(FORMATS), default="table")
    show.add_argument("--manifest", action="append", help="manifests to take article titles from")
    show.add_argument("--audience", choices=["public", "internal"], help="only reactions from this audience's help centre")
    show.add_argument("--comments", type=int, default=3, help="latest comments per article (default 3)")
    show.add_argument("--min-votes", type=int, default=1, help="leave out articles with fewer votes and no views")
    missed = commands.add_parser("searches", help="print the searches that found nothing, most searched first")
    missed.add_argument("--database", default=defaults.database)
    missed.add_argument("--format", choices=sorted(SEARCH_FORMATS), default="table")
    missed.add_argument("--audience", choices=["public", "internal"], help="only searches from this audience's help centre")
    missed.add_argument("--limit", type=int, default=50, help="at most this many queries (default 50)")
    out = commands.add_parser("export", help="write every vote and search as JSON lines (a backup, or a move to another store)")
    out.add_argument("--database", default=defaults.database)
    out.add_argument("--output", metavar="FILE", help="write to FILE instead of the standard output")
    back = commands.add_parser("import", help="read an export into a store, replacing the rows it holds with the same keys")
    back.add_argument("--database", default=defaults.database)
    back.add_argument("file", metavar="FILE", help="a file written by export, or - for the standard input")
    args = parser.parse_args(argv)
    if args.command == "serve" and args.workers > 1 and not is_postgres(args.database):
        parser.error(f"--workers {args.workers}: a SQLite database serves one process; use --database postgresql://… for several")
    run = {"serve": lambda: _serve(args, defaults), "searches": lambda: _searches(args), "report": lambda: _report(args)}
    run |= {"export": lambda: transfer.export(args.database, args.output), "import": lambda: transfer.load(args.database, args.file)}
    return run[args.command]()


def _serve(args: argparse.Namespace, defaults: Config) -> int:
    """Run the service in uvicorn, in this process."""
    import uvicorn

    from lanterne.feedback.app import create_app
    from lanterne.feedback.server import uvicorn_config

    limit, window = parse_rate(args.rate_limit) if args.rate_limit else (defaults.rate_limit, defaults.rate_window)
    try:
        config = _config(args, defaults, limit, window)
    except ValueError as error:
        sys.stderr.write(f"python -m lanterne.feedback serve: {error}\n")
        return 2
    options = {"host": args.host, "port": args.port, "access_log": args.access_log}
    if args.workers > 1:
        return _serve_workers(config, args.workers, options)
    server = uvicorn.Server(uvicorn_config(create_app(config), read_timeout=config.read_timeout, **options))
    server.run()
    return 0 if server.started else 3  # uvicorn.run's exit status when the service could not start


def _config(args: argparse.Namespace, defaults: Config, limit: int, window: float) -> Config:
    """The service's settings from the command line (which fell back to the environment)."""
    return Config(
        database=args.database,
        manifests=tuple(args.manifest or defaults.manifests),
        origins=tuple(origin.rstrip("/") for origin in args.origin or defaults.origins),
        rate_limit=limit,
        rate_window=window,
        votes_per_article=args.votes_per_article,
        read_timeout=args.read_timeout,
        report_token=args.report_token,
        proxy=args.proxy,
        proxies=defaults.proxies,
        audience=args.audience,
        ipv6_prefix=args.ipv6_prefix,
        search_window=args.search_window,
        event_days=args.keep_events,
    )


def _serve_workers(config: Config, workers: int, options: dict) -> int:
    """Run `workers` processes on one socket; uvicorn starts a new one when one dies. Each reads its settings from the environment."""
    from uvicorn.supervisors import Multiprocess

    from lanterne.feedback.server import uvicorn_config

    os.environ.update(config.environ())
    app = "lanterne.feedback.app:create_app"
    settings = uvicorn_config(app, read_timeout=config.read_timeout, factory=True, workers=workers, **options)
    Multiprocess(settings, sockets=[settings.bind_socket()]).run()
    return 0


def _report(args: argparse.Namespace) -> int:
    """Print the report in the chosen format."""
    titles = {}
    if args.manifest:
        manifests = Manifests(args.manifest)
        manifests.load()
        titles = manifests.published.titles
    store = open_store(args.database)
    try:
        done = activity.gather(store.event_counts(), store.events(), audience=args.audience)
        options = {"titles": titles, "audience": args.audience, "comments": args.comments, "min_votes": args.min_votes}
        lines = report.summarize(store.reactions(), **options, activity=done)
    finally:
        store.close()
    sys.stdout.write(FORMATS[args.format](lines, done))
    return 0


def _searches(args: argparse.Namespace) -> int:
    """Print the zero-result searches in the chosen format."""
    store = open_store(args.database)
    try:
        found = searches.select(store.searches(), audience=args.audience, limit=args.limit)
    finally:
        store.close()
    sys.stdout.write(SEARCH_FORMATS[args.format](found))
    return 0


def _count(text: str) -> int:
    """A whole number, 0 or more (0 turns the per-article cap off)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; expected for example 5, or 0 for no cap")
    return int(text)


def _workers(text: str) -> int:
    """A number of worker processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes; expected for example 4")
    return int(text)


def _days(text: str) -> int:
    """A whole number of days, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days; expected for example 90")
    return int(text)


def _prefix(text: str) -> int:
    """An IPv6 prefix length, 32 to 128."""
    if not text.isdigit() or not 32 <= int(text) <= 128:
        raise argparse.ArgumentTypeError(f"{text!r} is not an IPv6 prefix length; expected 32 to 128, for example 64 (or 56)")
    return int(text)


def _seconds(text: str) -> float:
    """A positive number of seconds."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds; expected for example 10")
    return seconds


if __name__ == "__main__":
    sys.exit(main())
