"""`lanterne import {intercom,zendesk,helpscout} SOURCE`: bring a help centre over, and say what came and what did not."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lanterne.importer import run as importer
from lanterne.importer.fetch import TOKEN_VARIABLE
from lanterne.importer.model import ExportError
from lanterne.importer.run import TOOLS, Options, Report

# argparse's own code for a usage mistake; an export that cannot be imported exits 1.
USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the tool, the source and the options."""
    parser.add_argument("tool", choices=sorted(TOOLS), help="the tool the help centre comes from")
    parser.add_argument(
        "source", metavar="SOURCE", help=f"a folder of saved API responses, or the API's base URL (token in {TOKEN_VARIABLE})"
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="the site (default: mkdocs.yml)")
    parser.add_argument("--save", type=Path, metavar="DIR", help="with an API URL: also save what was fetched into DIR, to import again")
    parser.add_argument(
        "--keep-remote-images", action="store_true", help="link to an image that cannot be fetched where it is, instead of stopping"
    )
    parser.add_argument("--skip-language", default="", metavar="LANGS", help="leave out these languages of the export (comma-separated)")


def run_command(args: argparse.Namespace) -> Report:
    """Run the import the command line describes."""
    skipped = frozenset(code.strip().lower() for code in args.skip_language.split(",") if code.strip())
    options = Options(args.tool, args.source, args.config_file, args.save, args.keep_remote_images, skipped)
    return importer.run(options)


def run(args: argparse.Namespace) -> int:
    """Import, print what was done, or say in one line why nothing was written."""
    try:
        report = run_command(args)
    except ExportError as error:
        print(f"lanterne import: {error}", file=sys.stderr)
        print("lanterne import: nothing was written", file=sys.stderr)
        return 1
    for line in summary(report):
        print(line)
    return 0


def summary(report: Report) -> list[str]:
    """What the import did, then everything it could not bring over, by article."""
    plan, assembled, outcome = report.plan, report.assembled, report.outcome
    # What was written: an article or a translation left out for its length is not counted.
    entries = [e for e in plan.entries.values() if f"{e.base}.md" in assembled.texts]
    translations = sum(1 for e in entries for lang in list(e.variants)[1:] if f"{e.base}.{lang}.md" in assembled.texts)
    internal = sum(1 for e in entries if e.entry.internal)
    lines = [
        f"lanterne import: {report.export.tool}: {len(plan.groups)} collections, {len(entries)} articles "
        f"({internal} internal), {translations} translations, {len(assembled.authors)} authors, "
        f"{len(assembled.downloads)} images and files, {len(assembled.redirects)} old URLs redirected",
        f"  files: {len(outcome.written)} written, {len(outcome.unchanged)} unchanged, {len(outcome.removed)} removed",
    ]
    if report.saved:
        lines.append(f"  saved {report.saved} API responses, to import again from the folder")
    lines += [f"  left alone, edited in the site since the last import: docs/{path}" for path in outcome.edited]
    lines += [f"  left alone, not written by an import: docs/{path}" for path in outcome.foreign]
    lines += [f"  left alone, changed in the site: {key}" for key in report.kept_entries]
    lines += [f"  linked where it is (could not be fetched): {url}" for url in sorted(report.downloaded.remote)]
    lines += [f"  {note}" for note in plan.notes]
    for path, notes in sorted(assembled.by_article.items()):
        lines += [f"  docs/{path}: {note}" for note in notes]
    return lines
