"""`lanterne feedback …`: the feedback service's commands, the same as `python -m lanterne.feedback …` (the systemd unit's)."""

from __future__ import annotations

import argparse

from lanterne.feedback.__main__ import main

# The service's own parser answers --help, so that `lanterne feedback serve --help` shows its options.
ADD_HELP = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Hand everything after `feedback` to the service's parser."""
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="serve, report, searches, export or import, and their options")


def run(args: argparse.Namespace) -> int:
    """Run one of the service's commands."""
    return main(args.rest, prog="lanterne feedback")
