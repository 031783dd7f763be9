"""`lanterne check`: build both configurations, then check the links, leaks, embed budget, API, accessibility and search."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from lanterne.check.report import Outcome, lines, skipped, timed

if TYPE_CHECKING:
    from lanterne.check.builds import Build

NO_BROWSER = "--no-browser"
INTERNAL_CONFIG = "mkdocs.internal.yml"
BROWSER_CHECKS = ("accessibility", "search")
BUILD_CHECKS = ("links", "leaks", "embed budget", "api", *BROWSER_CHECKS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `lanterne check`."""
    parser.add_argument(
        "-f", "--config", default="mkdocs.yml", type=Path, metavar="FILE", help="the public configuration (default: mkdocs.yml)"
    )
    parser.add_argument(
        "--internal-config",
        type=Path,
        metavar="FILE",
        help="the internal configuration, checked too when the file exists (default: mkdocs.internal.yml beside --config)",
    )
    parser.add_argument(NO_BROWSER, action="store_true", help="skip the checks that need Chromium (accessibility, search)")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build into DIR/public and DIR/internal and keep them (default: a temporary folder)"
    )


def run(args: argparse.Namespace) -> int:
    """Run every check on the site of the current folder; print one line per check; 1 if any failed."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    failed = False
    with _output_folder(args.keep) as folder:
        for outcome in outcomes(args, folder):
            failed |= outcome.failed
            print("\n".join(lines(outcome)), flush=True)
    return 1 if failed else 0


def outcomes(args: argparse.Namespace, folder: Path) -> Iterator[Outcome]:
    """Build, then yield each check's outcome as soon as it is known."""
    from lanterne.check.builds import build_site, validation_problems

    start = time.monotonic()
    internal_config = internal_config_of(args)
    builds = [build_site("public", args.config, folder / "public")]
    if internal_config.is_file():
        builds.append(build_site("internal", internal_config, folder / "internal"))
    validation = Outcome("validation", _built(builds, internal_config), validation_problems(builds), time.monotonic() - start)
    yield validation
    if validation.problems:
        yield from (skipped(name, "not run: the build failed") for name in BUILD_CHECKS)
        return
    yield from _checks(args, builds)


def internal_config_of(args: argparse.Namespace) -> Path:
    """Return the internal configuration: the one given, else mkdocs.internal.yml in the folder of the public one."""
    # Beside --config, not in the current folder: `lanterne check -f manual/mkdocs.yml` must not pick up another site's.
    return args.internal_config if args.internal_config is not None else args.config.parent / INTERNAL_CONFIG


def _checks(args: argparse.Namespace, builds: list[Build]) -> Iterator[Outcome]:
    """Yield the outcome of each check on successful builds."""
    from lanterne.check import checks
    from lanterne.check.context import make_context

    context = make_context(builds)
    yield timed("links", lambda: checks.check_links(context))
    yield timed("leaks", lambda: checks.check_leaks(context))
    yield timed("embed budget", lambda: checks.check_embed(context))
    yield timed("api", lambda: checks.check_api(context))
    if args.no_browser:
        yield from (skipped(name, f"not run: {NO_BROWSER}") for name in BROWSER_CHECKS)
        return
    from lanterne.check.browser_checks import browser_outcomes

    yield from browser_outcomes(context)


def _built(builds: list[Build], internal_config: Path) -> str:
    """Summarise what was built: each configuration and its number of HTML pages."""
    parts = [f"{build.config_file.name}: {sum(1 for _ in build.site.rglob('*.html'))} HTML files" for build in builds if build.ok]
    if len(builds) == 1:
        parts.append(f"no {internal_config}: the public build only")
    return "; ".join(parts) or "no build passed"


@contextmanager
def _output_folder(keep: Path | None) -> Iterator[Path]:
    """Yield the folder the builds go to: `keep` (kept afterwards) or a temporary folder (removed)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    folder = Path(tempfile.mkdtemp(prefix="lanterne-check-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
