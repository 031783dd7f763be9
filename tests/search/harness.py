"""The sample's query set for bench/search_bench.py; the search client and the scoring are lanterne.check.search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lanterne.check.search import Outcome, Query, figures, report
from lanterne.check.search import load_queries as _load
from lanterne.check.search import run as _run

__all__ = ["Outcome", "figures", "load_queries", "report", "run"]
QUERIES = Path(__file__).resolve().parents[2] / "docs" / ".search-queries.yml"
DEFAULT_LANGUAGE = "fr"


def load_queries() -> list[Query]:
    """Return the sample's query set, each query with its language."""
    return _load(QUERIES, default_language=DEFAULT_LANGUAGE).queries


def run(browser: Any, base: str, queries: list[Query], *, mode: str = "lanterne", weights: dict | None = None) -> list[Outcome]:
    """Run every query on its language's home page, through the real client or Pagefind alone."""
    return _run(browser, base, queries, _home, mode=mode, weights=weights)


def _home(lang: str) -> str:
    """The sample's homes: French at the root, the others under /<lang>/."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
