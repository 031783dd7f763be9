"""`lanterne new DIR`: the command line of the scaffold; the work is in options, render and write."""

from __future__ import annotations

import argparse
import sys

from lanterne.scaffold import options as defaults
from lanterne.scaffold.options import OptionError, SiteOptions, checked
from lanterne.scaffold.pins import PinError
from lanterne.scaffold.wheel import WheelError
from lanterne.scaffold.write import VENDOR, write_site

# argparse's own code for a usage mistake, so every bad command line exits the same way.
USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the folder and the site's settings, each with a default that builds."""
    parser.add_argument("folder", metavar="DIR", help="a new or empty folder for the help centre")
    parser.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="[LANG=]NAME",
        help="the site's name in the first language, or LANG=NAME in another one; once per language "
        "(default: each language's 'Centre d'aide', 'Help centre')",
    )
    parser.add_argument("--site-url", default=defaults.DEFAULT_SITE_URL, help="where it will be published (default %(default)s)")
    parser.add_argument(
        "--languages", default=defaults.DEFAULT_LANGUAGES, help="language codes, the first being the default one (default %(default)s)"
    )
    parser.add_argument("--brand-color", default=defaults.DEFAULT_BRAND_COLOR, help="#rgb or #rrggbb (default %(default)s)")
    parser.add_argument("--contact-url", default=defaults.DEFAULT_CONTACT_URL, help="where readers reach a human (default %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Check the settings, write the help centre, and say what to do next."""
    try:
        site = checked(
            folder=args.folder,
            names=args.name,
            site_url=args.site_url,
            languages=args.languages,
            brand_color=args.brand_color,
            contact_url=args.contact_url,
        )
    except OptionError as error:
        return _fail(str(error), USAGE_ERROR)
    try:
        written = write_site(site)
    except (PinError, WheelError) as error:
        return _fail(str(error), 1)
    wheel = written[-1].name
    print(f"lanterne new: wrote {len(written)} files into {site.folder}, with the engine's wheel {VENDOR}/{wheel}")
    for lang in unnamed(site):
        print(f"lanterne new: the {lang} pages are titled {site.name!r} too; to name them in {lang}, add --name {lang}='...'")
    print(f"Next: cd {args.folder} && make serve (preview at http://127.0.0.1:8000), then make test (checks)")
    return 0


def unnamed(site: SiteOptions) -> list[str]:
    """The languages that take the default language's name because only that one was given."""
    if site.name is None:
        return []  # each language then has its own default name
    return [lang for lang in site.languages[1:] if lang not in site.names]


def _fail(message: str, code: int) -> int:
    """Print one line on standard error; return the exit code."""
    print(f"lanterne new: {message}", file=sys.stderr)
    return code
