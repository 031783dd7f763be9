"""The preview's model cache: an edit that leaves every front matter as it was does not read the help centre again."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from lanterne.build import Build
from lanterne.content.gitdates import FileDates
from lanterne.content.loader import MAX_SOURCE, ParseMemo

# Where a front matter block ends; the model is made from front matter, paths and assets, never from bodies.
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[ \t]*\r?\n")
_UPDATED = re.compile(r"^updated:", re.MULTILINE)
_FIELDS = ("centre", "index", "variants", "tags", "generated", "problems", "rejected", "dependents", "moved")


class ModelCache:
    """The last build's model, and what it was made from."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._model: dict[str, object] = {}
        self.hit = False
        # Each file's last parse, for the settings it was made with: a title edit parses one file again, not all.
        self._parses: ParseMemo = {}
        self._parsed_for = ""

    def read(
        self,
        build: Build,
        texts: Mapping[str, str],
        *,
        authors_text: str | None,
        assets: frozenset[str],
        asset_exists: Callable[[str], bool],
        icon_exists: Callable[[str], bool],
        file_dates: FileDates,
        redirects_text: str | None = None,
    ) -> None:
        """Build the model as Build.read does, or take the last one when nothing it is made from changed."""
        fronts = {src: _front_matter(text) for src, text in texts.items()}
        # An article without `updated:` is dated by git or by its file: saving it may change its date.
        dates = FileDates(file_dates.docs_dir)
        dated = tuple((src, dates(src)) for src, front in sorted(fronts.items()) if not _UPDATED.search(front))
        files = tuple((src, fronts[src], len(text) > MAX_SOURCE) for src, text in sorted(texts.items()))
        key = (repr(build.site), date.today(), authors_text, redirects_text, assets, files, dated)
        self.hit = key == self._key
        if self.hit:
            for name in _FIELDS:
                setattr(build, name, self._model[name])
            build.outputs.embedded = self._model["embedded"]  # type: ignore[assignment]
            return
        if self._parsed_for != repr(build.site):
            self._parses, self._parsed_for = {}, repr(build.site)
        checks = {"asset_exists": asset_exists, "icon_exists": icon_exists, "file_dates": file_dates}
        build.read(texts, authors_text=authors_text, redirects_text=redirects_text, memo=self._parses, **checks)
        self._key = key
        self._model = {name: getattr(build, name) for name in _FIELDS} | {"embedded": build.outputs.embedded}

    def forget(self) -> None:
        """A failed build may have left its model half made: the next one reads everything."""
        self._key, self._model, self._parses = None, {}, {}


def _front_matter(text: str) -> str:
    """The front matter block of a source (the whole text when it has none, or when it is not closed)."""
    if not text.lstrip("\ufeff").startswith("---"):
        return text
    end = _CLOSING.search(text, 3)
    return text if end is None else text[: end.end()]
