"""The `lanterne` command: `new` writes a help centre, `upgrade` moves one to another engine, `check` checks one,
`serve` previews one, `deploy` puts it online, `feedback` runs the feedback service, `cms` adds the editor in the
browser to the internal build.

`--version` says which engine runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from lanterne import __version__

# Each subcommand lives in its own module, which provides add_arguments(parser) and run(args) -> exit code.
COMMANDS = {
    "new": ("lanterne.scaffold.command", "write a new help centre into a folder"),
    "upgrade": ("lanterne.upgrade.command", "move a help centre to another engine wheel or version, and say what changed"),
    "check": ("lanterne.check.command", "check a help centre's content: build, links, accessibility, leaks, embed, API"),
    "serve": ("lanterne.adapter.preview.command", "preview a help centre: serve it, and show each edit within seconds"),
    "deploy": ("lanterne.deploy.command", "write a production web server's configuration from the builds (nginx)"),
    "import": ("lanterne.importer.command", "bring a help centre over from Intercom, Zendesk or Help Scout, with its old URLs"),
    "feedback": ("lanterne.feedback.command", "run the feedback service, or print, export and import what readers said"),
    "cms": ("lanterne.cms.command", "add the editor in the browser (/admin/) to the internal build, configured from the site's schema"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    parser = argparse.ArgumentParser(prog="lanterne", description="Lanterne, a help centre generator on MkDocs and Material.")
    parser.add_argument("--version", action="version", version=f"lanterne {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        add_help = getattr(module, "ADD_HELP", True)  # a command with a parser of its own answers --help itself
        module.add_arguments(commands.add_parser(name, help=help_text, description=help_text, add_help=add_help))
        modules[name] = module
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(modules[args.command], "ADD_HELP", True):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:
        args.rest = [*extra, *args.rest]  # argparse leaves a leading option (`feedback --help`) out of REMAINDER
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
