"""The embed budget: a whole embed page (HTML, scripts, stylesheets, each gzipped) weighs 30 KB at most.

Images aside. The search engine's own files (Pagefind) load on the first search, not with the page.
"""

from __future__ import annotations

import gzip
import posixpath
from collections.abc import Callable, Iterable

from lxml import html as lxml_html

BUDGET = 30 * 1024


def parts(page: str, data: bytes) -> list[str]:
    """Return the site paths a page loads with itself: the page, its scripts and its stylesheets."""
    document = lxml_html.document_fromstring(data)
    references = [*document.xpath("//script/@src"), *document.xpath("//link[@rel='stylesheet']/@href")]
    references = [ref for ref in references if "//" not in ref]  # another site's files are not ours to weigh
    folder = posixpath.dirname(page)
    return [page, *(posixpath.normpath(posixpath.join(folder, ref.split("?", 1)[0].split("#", 1)[0])) for ref in references)]


def weigh(paths: Iterable[str], read: Callable[[str], bytes | None]) -> tuple[int, list[str]]:
    """Add up the gzipped size of each part; return the total and the parts that could not be read."""
    total, missing = 0, []
    for path in paths:
        data = read(path)
        if data is None:
            missing.append(path)
        else:
            total += len(gzip.compress(data))
    return total, missing


def over_budget(pages: Iterable[str], read: Callable[[str], bytes | None]) -> tuple[dict[str, int], list[str]]:
    """Weigh each embed page (paths such as 'embed/index.html'); return each weight and one line per problem."""
    weights, problems = {}, []
    for page in pages:
        data = read(page)
        if data is None:
            problems.append(f"{page}: no such embed page")
            continue
        weights[page], missing = weigh(parts(page, data), read)
        problems += [f"{page}: loads {path}, which is not in the build" for path in missing]
        if weights[page] > BUDGET:
            problems.append(f"{page}: {_kb(weights[page])} gzipped with its scripts and stylesheets; the budget is {_kb(BUDGET)}")
    return weights, problems


def _kb(size: int) -> str:
    """Show a size in kilobytes."""
    return f"{size / 1024:.1f} KB"
