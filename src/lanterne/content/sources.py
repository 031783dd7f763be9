"""Where a source file sits in the help centre: home, page, collection, sub-collection or article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lanterne.content.problems import Problem

Kind = Literal["home", "page", "collection", "article"]
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:[-_][A-Za-z]{2})?)$")


@dataclass(frozen=True)
class Source:
    """A Markdown file's place: its base path (no language, no .md), language and kind."""

    src_path: str
    base: str
    lang: str
    kind: Kind

    @property
    def folders(self) -> list[str]:
        """Return the folders the file sits in, outermost first."""
        return self.base.split("/")[:-1]

    @property
    def collection(self) -> str | None:
        """Return the path of the collection an article or sub-collection belongs to."""
        folders = self.folders
        if self.kind == "collection":
            folders = folders[:-1]
        return "/".join(folders) or None


def classify(src_path: str, *, languages: tuple[str, ...], default_language: str) -> Source | Problem:
    """Work out what a Markdown file is from its path, or say why its path is wrong."""
    base = src_path.removesuffix(".md")
    lang = default_language
    if match := _SUFFIX.match(base.rsplit("/", 1)[-1]):
        lang = match["lang"]
        base = base[: -len(lang) - 1]
        if lang == default_language:
            return Problem(
                f"docs/{src_path}",
                1,
                "language",
                f"'.{lang}' is the default language, which has no suffix; expected docs/{base}.md",
            )
        if lang not in languages:
            expected = ", ".join(languages)
            return Problem(
                f"docs/{src_path}",
                1,
                "language",
                f"unknown language suffix '.{lang}'; expected one of the configured languages: {expected}",
            )
    depth = base.count("/")
    name = base.rsplit("/", 1)[-1]
    if depth == 0:
        return Source(src_path, base, lang, "home" if name == "index" else "page")
    if name == "index" and depth <= 2:
        return Source(src_path, base, lang, "collection")
    if name != "index" and depth <= 2:
        return Source(src_path, base, lang, "article")
    return Problem(
        f"docs/{src_path}",
        1,
        "path",
        "nested too deep; expected docs/<collection>/<slug>.md or docs/<collection>/<sub-collection>/<slug>.md",
    )


def url_of(base: str, lang: str, *, default_language: str) -> str:
    """Return the site-relative directory URL of a page: factures/ , en/factures/email-non-recu/ ."""
    path = base.removesuffix("index").rstrip("/")
    prefix = "" if lang == default_language else f"{lang}/"
    return f"{prefix}{path}/" if path else prefix
