"""`lanterne upgrade SOURCE`: the command line of the upgrade; the work is in site, wheel, requirements and changelog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lanterne.upgrade.site import Upgraded, upgrade
from lanterne.upgrade.wheel import UpgradeError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare where the new engine comes from, and the site to move to it."""
    parser.add_argument(
        "source", metavar="WHEEL|VERSION", help="an engine wheel (lanterne-X.Y.Z-py3-none-any.whl) or a version on the package index"
    )
    parser.add_argument("--site", default=".", metavar="DIR", help="the site's folder, which holds requirements.txt (default: this folder)")


def run(args: argparse.Namespace) -> int:
    """Move the site to the new engine and say what changed, or say in one line why not."""
    try:
        done = upgrade(Path(args.site), args.source)
    except UpgradeError as error:
        print(f"lanterne upgrade: {error}", file=sys.stderr)
        return 1
    print(report(done))
    return 0


def report(done: Upgraded) -> str:
    """What the upgrade did, then the CHANGELOG's entries between the two versions, then what to run."""
    where = f"vendor/{done.wheel}" if done.wheel else f"the package index (lanterne=={done.new})"
    same = " (the same version, rebuilt: `make` installs it again)" if done.old == done.new else ""
    lines = [f"lanterne upgrade: lanterne {done.old} -> {done.new}{same}, from {where}"]
    lines += [f"lanterne upgrade: removed {path}" for path in done.removed]
    lines += [f"lanterne upgrade: requirements.txt: {change}" for change in done.pins] or [
        "lanterne upgrade: requirements.txt: no pin changed"
    ]
    if done.entries:
        lines += ["", f"What changed from {done.old} to {done.new} (CHANGELOG.md):", "", *("\n\n".join(done.entries).splitlines()), ""]
    elif done.old != done.new:
        lines.append("lanterne upgrade: the new wheel's CHANGELOG.md has no entry between the two versions")
    lines.append("Next: make test (installs the new engine into .venv/ and checks your content against it)")
    return "\n".join(lines)
