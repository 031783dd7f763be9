"""Content problems in the preview's browser: a page in place of an article left out, a banner on a page that has some."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from lanterne.build import Build
from lanterne.content import sources
from lanterne.content.problems import Problem

_BODY = re.compile(r"<body[^>]*>")
_STYLE = (
    "margin:0;padding:.8rem 1.2rem;background:#b3261e;color:#fff;font:15px/1.5 system-ui,sans-serif;"
    "white-space:pre-wrap;position:relative;z-index:10"
)


def write(build: Build, site_dir: Path) -> set[str]:
    """Write a problem page at the URL of every article this build left out; return the files written."""
    written = set()
    for src in sorted(build.rejected):
        url = _url_of(build, src)
        if url is None:
            continue
        # A file left out only because another one is shows that file's problems, the ones to fix.
        cause = build.dependents.get(src)
        problems = [problem for problem in build.problems if problem.path == f"docs/{cause or src}"]
        target = site_dir / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(src, problems, cause), encoding="utf-8")
        written.add(str(target))
    return written


def banner(html: str, problems: list[str]) -> str:
    """Show a page's problems at the top of its body, in the preview only."""
    if not problems:
        return html
    text = escape("Lanterne preview: this page has content problems (a build with --strict fails):\n" + "\n".join(problems))
    block = f'<div class="lt-preview-problems" role="alert" style="{_STYLE}">{text}</div>'
    return _BODY.sub(lambda match: match[0] + block, html, count=1)


def _url_of(build: Build, src: str) -> str | None:
    """Where the left-out article would be published."""
    core = build.site.core
    source = sources.classify(src, languages=core.languages, default_language=core.default_language)
    if isinstance(source, Problem):
        return None
    return sources.url_of(source.base, source.lang, default_language=core.default_language)


def _page(src: str, problems: list[Problem], cause: str | None) -> str:
    """A page that says why the article is not shown, with its problems (or those of the file it waits for) as the terminal prints them."""
    items = "".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in problems)
    until = f" until docs/{escape(cause)} is fixed" if cause else " until it is fixed"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Content problem: docs/{escape(src)}</title></head>"
        f'<body><div class="lt-preview-problems" role="alert" style="{_STYLE}">'
        f"<strong>docs/{escape(src)} is left out of the build{until}</strong>"
        f"<ul>{items}</ul>This page exists only in the preview; it reloads when you save.</div></body></html>\n"
    )
