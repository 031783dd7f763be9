"""The old tool's locales (en-us, fr-FR, pt_BR) as the site's languages; a locale the site lacks stops the import."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lanterne.importer.model import ExportError


@dataclass
class Languages:
    """The site's languages, its default first, and the locales the import was told to leave out."""

    site: tuple[str, ...]
    default: str
    skipped: frozenset[str] = frozenset()
    unknown: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def of(self, locale: str, *, what: str) -> str | None:
        """The site language of a locale, or None when it is left out; an unknown one is remembered for `check`."""
        code = locale.strip().replace("_", "-").lower()
        primary = code.split("-", 1)[0]
        if code in self.skipped or primary in self.skipped:
            return None
        for candidate in (code, primary):
            if candidate in self.site:
                return candidate
        self.unknown[locale].add(what)
        return None

    def check(self) -> None:
        """Stop the import, naming the setting to change, when the export is written in a language the site does not have."""
        if not self.unknown:
            return
        missing = sorted({locale.replace("_", "-").lower().split("-", 1)[0] for locale in self.unknown})
        found = "; ".join(f"{locale} ({_some(sorted(whats))})" for locale, whats in sorted(self.unknown.items()))
        wanted = ", ".join((*self.site, *missing))
        raise ExportError(
            f"the export is written in languages the site does not have: {found}; expected them in mkdocs.yml "
            f"(extra.lanterne.languages: [{wanted}]), or --skip-language {','.join(missing)} to leave them out"
        )


def _some(items: list[str]) -> str:
    """The first few items, and how many more."""
    shown = ", ".join(items[:3])
    return shown if len(items) <= 3 else f"{shown} and {len(items) - 3} more"
