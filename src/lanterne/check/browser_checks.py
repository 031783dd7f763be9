"""The checks that need Chromium: accessibility on sampled pages, and the optional search expectations."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack

from lanterne.check import checks, search
from lanterne.check.browser import BrowserUnavailableError, chromium, serve
from lanterne.check.context import Context
from lanterne.check.report import Outcome, skipped, timed


def browser_outcomes(context: Context) -> Iterator[Outcome]:
    """Serve each build, start one Chromium, and yield the accessibility and search outcomes."""
    start = time.monotonic()
    query_set, problem = _queries(context)
    with ExitStack() as stack:
        bases = {build.label: stack.enter_context(serve(build.site)) for build in context.builds}
        try:
            browser = stack.enter_context(chromium())
        except BrowserUnavailableError as error:
            yield Outcome("accessibility", "no browser", [str(error)], time.monotonic() - start)
            yield skipped("search", "not run: no browser")
            return
        yield timed("accessibility", lambda: checks.check_accessibility(context, browser, bases))
        if problem:
            yield Outcome("search", "the queries file cannot be read", [problem])
        elif query_set is None:
            yield skipped("search", f"not run: no docs/{search.QUERIES_FILE} (see Lanterne's manual, 'Test what readers find')")
        else:
            yield timed("search", lambda: checks.check_search(context, browser, bases[context.public.label], query_set))


def _queries(context: Context) -> tuple[search.QuerySet | None, str | None]:
    """Read docs/.search-queries.yml if the site has one: (the queries, None) or (None, the problem)."""
    path = context.public.docs_dir / search.QUERIES_FILE
    if not path.is_file():
        return None, None
    try:
        return search.load_queries(path, default_language=context.settings.default_language), None
    except search.QueryFileError as error:
        return None, f"docs/{error}"
