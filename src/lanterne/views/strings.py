"""Interface text in the reader's language: one table per language in locales/<lang>.yml."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date

LOCALES = Path(__file__).resolve().parents[1] / "locales"


@cache
def table(lang: str) -> dict[str, Any]:
    """Return the interface text of one language, falling back to English for missing keys."""
    english = yaml.safe_load((LOCALES / "en.yml").read_text(encoding="utf-8"))
    path = LOCALES / f"{lang}.yml"
    own = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {**english, **own}


def text(lang: str, key: str, **values: Any) -> str:
    """Return one interface string, with `{name}` placeholders filled in."""
    return str(table(lang)[key]).format(**values)


def plural(lang: str, key: str, count: int, **values: Any) -> str:
    """Return the plural form of `key` that fits `count`, by the language's CLDR rules."""
    forms = table(lang)[key]
    form = Locale.parse(lang).plural_form(count)
    return str(forms.get(form, forms["other"])).format(count=count, **values)


@cache
def long_date(day: date, lang: str) -> str:
    """Return a date the way the language writes it: 13 septembre 2024, September 13, 2024."""
    # Cached: a site has a few hundred distinct dates, and Babel's formatting costs a millisecond each.
    return format_date(day, format="long", locale=lang)
