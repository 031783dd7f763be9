"""Where a source file sits in the help centre: home, page, collection, sub-collection or article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lanterne.content import safe_text
from lanterne.content.problems import Problem

Kind = Literal["home", "page", "collection", "article"]
_SUFFIX = re.compile(r"(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:[-_][A-Za-z]{2})?)")
# A file or folder name becomes a URL, an API path and an id, printed in pages, embeds and apps: only these characters.
_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
SEGMENT_RULE = "ASCII letters, digits, '-', '_' and '.' (not first) in each file and folder name, such as factures/envoyer-une-facture.md"
# What no file name may hold, whatever the file: MkDocs and terminals cannot carry them (C0, DEL, C1, line separators).
_UNSAFE = safe_text.CONTROL


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
    if problem := path_problem(src_path):
        return problem
    base = src_path.removesuffix(".md")
    lang = default_language
    if match := _SUFFIX.fullmatch(base.rsplit("/", 1)[-1]):
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


def path_problem(src_path: str) -> Problem | None:
    """Say why a Markdown file's path cannot become a page's URL, if it cannot."""
    if problem := name_problem(src_path):
        return problem
    wrong = [segment for segment in src_path.split("/") if not _SEGMENT.fullmatch(segment)]
    if not wrong:
        return None
    return Problem(f"docs/{src_path}", 1, "path", f"{wrong[0]!r} cannot be part of a URL; expected {SEGMENT_RULE}")


def name_problem(src_path: str) -> Problem | None:
    """Say why any file's name cannot be published at all: not UTF-8, or with control characters."""
    if not _UNSAFE.search(src_path):
        return None
    what = "is not UTF-8" if re.search(r"[\ud800-\udfff]", src_path) else "has control characters or line breaks"
    return Problem(f"docs/{shown(src_path)}", 1, "path", f"the file name {what}; expected {SEGMENT_RULE}")


def shown(src_path: str) -> str:
    """A path as a terminal may print it: bytes that are not UTF-8 and control characters written as escapes."""
    raw = src_path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), raw)


def url_of(base: str, lang: str, *, default_language: str) -> str:
    """Return the site-relative directory URL of a page: factures/ , en/factures/email-non-recu/ ."""
    # Only a whole `index` segment is a folder's page: reindex.md is reindex/, as MkDocs writes it (issue 21.11).
    path = "" if base == "index" else base.removesuffix("/index")
    prefix = "" if lang == default_language else f"{lang}/"
    return f"{prefix}{path}/" if path else prefix
