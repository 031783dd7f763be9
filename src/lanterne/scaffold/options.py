"""What `lanterne new` is asked for, checked before anything is written: one clear message per mistake."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lanterne import settings
from lanterne.content import safe_text
from lanterne.views import contact, languages

DEFAULT_LANGUAGES = "fr,en"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DEFAULT_BRAND_COLOR = settings.DEFAULT_BRAND
DEFAULT_CONTACT_URL = "mailto:support@example.com"


class OptionError(ValueError):
    """A mistake in the command line: the message names the option, the value and what is expected."""


@dataclass(frozen=True)
class SiteOptions:
    """A new help centre's settings, all checked."""

    folder: Path
    name: str | None
    site_url: str
    languages: tuple[str, ...]
    brand_color: str
    contact_url: str
    # The site's name in a language other than the default one, where it was given (`--name en='Help centre'`).
    names: dict[str, str] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        """The first language: its pages sit at the site's root."""
        return self.languages[0]


def checked(*, folder: str, names: Sequence[str], site_url: str, languages: str, brand_color: str, contact_url: str) -> SiteOptions:
    """Return the options once each one is valid; raise OptionError on the first mistake."""
    langs = check_languages(languages)
    default_name, other_names = check_names(names, langs)
    return SiteOptions(
        folder=check_folder(folder),
        name=default_name,
        site_url=check_site_url(site_url),
        languages=langs,
        brand_color=check_color(brand_color),
        contact_url=check_contact_url(contact_url),
        names=other_names,
    )


def check_folder(folder: str) -> Path:
    """Accept a folder that does not exist yet or is empty, so nothing of the team's is overwritten."""
    path = Path(folder).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise OptionError(f"{folder}: is a file; expected a new or empty folder")
    if path.is_dir() and any(path.iterdir()):
        entries = sorted(entry.name for entry in path.iterdir())
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise OptionError(f"{folder}: is not empty ({shown}); expected a new or empty folder")
    return path


def check_names(names: Sequence[str], langs: tuple[str, ...]) -> tuple[str | None, dict[str, str]]:
    """Split `--name TEXT` (the default language's) from `--name LANG=TEXT` (another language's); each once."""
    by_lang: dict[str, str] = {}
    for given in names:
        lang, text = _name_language(given, langs)
        if lang in by_lang:
            shown = "--name" if lang == langs[0] else f"--name {lang}=..."
            raise OptionError(f"{shown}: the name in {lang!r} is given twice; expected one name per language")
        by_lang[lang] = check_name(text)
    default = by_lang.pop(langs[0], None)
    return default, by_lang


def _name_language(given: str, langs: tuple[str, ...]) -> tuple[str, str]:
    """Read `LANG=TEXT` as a name in LANG when LANG is a language code; anything else is the default language's name."""
    prefix, equals, text = given.partition("=")
    if not equals or not _is_language(prefix.strip()):
        return langs[0], given
    lang = normalized(prefix.strip())
    if lang not in langs:
        raise OptionError(
            f"--name: {given!r} names the site in {lang!r}, which is not in --languages ({','.join(langs)}); expected one of them"
        )
    return lang, text


def check_name(name: str) -> str:
    """Accept one line of text."""
    # Control characters, DEL and bytes that are not UTF-8 (surrogates in argv) would make mkdocs.yml unreadable or crash the writing.
    if not name.strip() or safe_text.has_control(name):
        expected = "expected one line of text without control characters, for example --name 'Acme Help Centre'"
        raise OptionError(f"--name: {name!r} is not a site name; {expected}")
    return name.strip()


def check_site_url(url: str) -> str:
    """Accept an absolute http(s) URL, ending with a slash as MkDocs writes it."""
    if not safe_text.SITE_URL.fullmatch(url):
        raise OptionError(f"--site-url: {url!r} is not a web address; expected https://help.example.com/")
    return url if url.endswith("/") else url + "/"


def check_languages(text: str) -> tuple[str, ...]:
    """Accept a comma-separated list of distinct language codes that Babel knows, written as file names write them."""
    codes = tuple(code.strip() for code in text.split(","))
    if not all(codes):
        raise OptionError(f"--languages: {text!r} has an empty item; expected codes separated by commas, such as fr,en")
    for code in codes:
        if not _is_language(code):
            raise OptionError(f"--languages: {code!r} is not a language code Babel knows; expected a code such as fr, en, de")
    # EN and pt_br become en and pt-BR: the suffixes of the files and the addresses of the pages are written so.
    codes = tuple(normalized(code) for code in codes)
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise OptionError(f"--languages: {repeated[0]!r} is given twice; expected each language once, such as fr,en")
    return codes


def normalized(code: str) -> str:
    """A language code as file suffixes write it: the language in lower case, a script titled, a region in capitals."""
    first, *rest = re.split(r"[-_]", code)
    return "-".join([first.lower(), *(part.title() if len(part) == 4 else part.upper() for part in rest)])


def check_color(color: str) -> str:
    """Accept a CSS hex colour, #rgb or #rrggbb."""
    if not settings.is_color(color):
        raise OptionError(f"--brand-color: {color!r} is not a hex colour; expected #rgb or #rrggbb, for example {DEFAULT_BRAND_COLOR}")
    return color


def check_contact_url(url: str) -> str:
    """Accept the links the engine's contact block accepts."""
    if safe_text.has_control(url) or not contact.is_link(url):  # the engine's own check, so that the new site builds
        raise OptionError(f"--contact-url: {url!r} is not a link; expected https://..., mailto:support@example.com or /a/path/")
    return url


def _is_language(code: str) -> bool:
    """Return True if Babel knows the code, read the way the engine reads it (pt-BR as pt_BR)."""
    if not re.fullmatch(r"[A-Za-z]+(?:[-_][A-Za-z0-9]+)*", code):
        return False  # Babel drops what follows a dot ("fr.utf8"), which would still be in the file names
    return languages.is_known(code)
