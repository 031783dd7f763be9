"""Search expectations: the queries of docs/.search-queries.yml through the real search client, scored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

QUERIES_FILE = ".search-queries.yml"  # in docs/: MkDocs does not publish dot files
TOP = 3

# What each mode runs in the page: Lanterne's client, or Pagefind alone (with or without metadata weights).
_SCRIPTS = {
    "lanterne": f"async (q) => (await window.lanterneSearch.search(q, {{limit: {TOP}}})).results.map((r) => r.id)",
    "pagefind": """async ([q, weights]) => {
        const engine = window.lanterneSearch.engine;
        const pagefind = await import(new URL("pagefind.js", engine.bundle).href);
        await pagefind.options({baseUrl: engine.siteRoot, ranking: {metaWeights: weights}});
        const found = await pagefind.search(q);
        const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
        return top.map((d) => d.meta.id);
    }""",
}


class Query(BaseModel):
    """One query a reader types, and the article ids any of which should come in the top three."""

    model_config = ConfigDict(extra="forbid")
    q: str
    expect: Annotated[list[str], Field(min_length=1)]
    lang: str | None = None
    kind: str = ""

    def __getitem__(self, key: str) -> Any:
        """Read a field by name, as the dict-based bench code does (`query["q"]`)."""
        return getattr(self, key)


class QuerySet(BaseModel):
    """The whole file: the bars to reach (hit@3, optionally hit@1) and the queries."""

    model_config = ConfigDict(extra="forbid")
    thresholds: dict[Literal["hit@1", "hit@3"], Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=lambda: {"hit@3": 0.9})
    queries: Annotated[list[Query], Field(min_length=1)]


class QueryFileError(Exception):
    """The queries file cannot be read: its message names the file and the key."""


@dataclass
class Outcome:
    """One query's expected articles and the top three the engine returned."""

    query: Query
    got: list[str]

    @property
    def hit1(self) -> bool:
        """Tell whether the first result is expected."""
        return bool(self.got[:1]) and self.got[0] in self.query.expect

    @property
    def hit3(self) -> bool:
        """Tell whether any of the top three is expected."""
        return any(found in self.query.expect for found in self.got[:TOP])


def load_queries(path: Path, *, default_language: str) -> QuerySet:
    """Read and validate the queries file; each query gets the default language unless it names one."""
    try:
        query_set = QuerySet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as error:
        raise QueryFileError(f"{path.name}: invalid YAML ({error})") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise QueryFileError(f"{path.name}: {where}: {first['msg']} ({error.error_count()} problem(s))") from error
    for query in query_set.queries:
        query.lang = query.lang or default_language
    return query_set


def unknown_ids(query_set: QuerySet, ids: set[str]) -> list[str]:
    """Name the expected ids that are no article of the build."""
    wanted = [(query, expected) for query in query_set.queries for expected in query.expect]
    return [f"{QUERIES_FILE}: {query.q!r} expects {expected!r}: no such article id" for query, expected in wanted if expected not in ids]


def run(
    browser: Any, base: str, queries: list[Query], home: Callable[[str], str], *, mode: str = "lanterne", weights: dict | None = None
) -> list[Outcome]:
    """Run every query on its language's home page (`home(lang)` is its path), through the real search client."""
    outcomes, pages = [], {}
    try:
        for query in queries:
            lang = query.lang or ""
            if lang not in pages:
                pages[lang] = browser.new_page()
                pages[lang].goto(base + home(lang))
                pages[lang].wait_for_function("window.lanterneSearch !== undefined")
            argument = query.q if mode == "lanterne" else [query.q, weights or {}]
            outcomes.append(Outcome(query, pages[lang].evaluate(_SCRIPTS[mode], argument)))
    finally:
        for page in pages.values():
            page.close()
    return outcomes


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """hit@1 and hit@3 over all queries."""
    count = len(outcomes) or 1
    return {"hit@1": sum(o.hit1 for o in outcomes) / count, "hit@3": sum(o.hit3 for o in outcomes) / count}


def below(outcomes: list[Outcome], thresholds: dict[str, float]) -> list[str]:
    """Name each figure under its bar, then each query that missed."""
    values = figures(outcomes)
    missed = [(name, bar) for name, bar in sorted(thresholds.items(), reverse=True) if values[name] < bar]
    problems = [f"{QUERIES_FILE}: {name} = {values[name]:.2f}, below {bar:.2f}" for name, bar in missed]
    if problems:
        problems += [f"miss@3: {o.query.q!r} ({o.query.lang}) -> {o.got}, expected one of {o.query.expect}" for o in outcomes if not o.hit3]
    return problems


def report(outcomes: list[Outcome], title: str) -> str:
    """A printable summary: figures overall and per kind, then the misses."""
    overall = "  ".join(f"{name} = {value:.2f}" for name, value in figures(outcomes).items())
    lines = [f"{title}: {overall}  ({len(outcomes)} queries)"]
    for kind in sorted({o.query.kind for o in outcomes}):
        values = figures(group := [o for o in outcomes if o.query.kind == kind])
        lines.append(f"  {kind:<9} hit@1 = {values['hit@1']:.2f}  hit@3 = {values['hit@3']:.2f}  ({len(group)})")
    lines += [f"  miss@3: {o.query.q!r} ({o.query.lang}) -> {o.got}" for o in outcomes if not o.hit3]
    lines += [f"  miss@1: {o.query.q!r} ({o.query.lang}) -> {o.got}" for o in outcomes if o.hit3 and not o.hit1]
    return "\n".join(lines)
