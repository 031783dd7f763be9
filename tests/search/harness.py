"""Run the query set through a built site's search client in Chromium and score it (also used by bench/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

QUERIES = Path(__file__).with_name("queries.yml")

# What each mode runs in the page: Lanterne's client, or Pagefind alone (with or without our metadata weights).
_SCRIPTS = {
    "lanterne": "async (q) => (await window.lanterneSearch.search(q, {limit: 3})).results.map((r) => r.id)",
    "pagefind": """async ([q, weights]) => {
        const engine = window.lanterneSearch.engine;
        const pagefind = await import(new URL("pagefind.js", engine.bundle).href);
        await pagefind.options({baseUrl: engine.siteRoot, ranking: {metaWeights: weights}});
        const found = await pagefind.search(q);
        const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
        return top.map((d) => d.meta.id);
    }""",
}


@dataclass
class Outcome:
    """One query's expected articles and the top three the engine returned."""

    query: dict[str, Any]
    got: list[str]

    @property
    def hit1(self) -> bool:
        return bool(self.got[:1]) and self.got[0] in self.query["expect"]

    @property
    def hit3(self) -> bool:
        return any(found in self.query["expect"] for found in self.got[:3])


def load_queries() -> list[dict[str, Any]]:
    """Return the query set, each with its language (French by default)."""
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    return [{"lang": "fr", **query} for query in queries]


def run(browser: Any, base: str, queries: list[dict[str, Any]], *, mode: str = "lanterne", weights: dict | None = None) -> list[Outcome]:
    """Run every query on its language's home page, through the real search client."""
    outcomes = []
    pages = {}
    try:
        for query in queries:
            lang = query["lang"]
            if lang not in pages:
                pages[lang] = browser.new_page()
                pages[lang].goto(base + ("" if lang == "fr" else f"{lang}/"))
                pages[lang].wait_for_function("window.lanterneSearch !== undefined")
            argument = query["q"] if mode == "lanterne" else [query["q"], weights or {}]
            outcomes.append(Outcome(query, pages[lang].evaluate(_SCRIPTS[mode], argument)))
    finally:
        for page in pages.values():
            page.close()
    return outcomes


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    """hit@1 and hit@3 over all queries."""
    count = len(outcomes) or 1
    return {"hit@1": sum(o.hit1 for o in outcomes) / count, "hit@3": sum(o.hit3 for o in outcomes) / count}


def report(outcomes: list[Outcome], title: str) -> str:
    """A printable summary: figures overall and per kind, then the misses."""
    overall = "  ".join(f"{name} = {value:.2f}" for name, value in figures(outcomes).items())
    lines = [f"{title}: {overall}  ({len(outcomes)} queries)"]
    for kind in sorted({o.query.get("kind", "") for o in outcomes}):
        group = [o for o in outcomes if o.query.get("kind", "") == kind]
        values = figures(group)
        lines.append(f"  {kind:<9} hit@1 = {values['hit@1']:.2f}  hit@3 = {values['hit@3']:.2f}  ({len(group)})")
    lines += [f"  miss@3: {o.query['q']!r} ({o.query['lang']}) -> {o.got}" for o in outcomes if not o.hit3]
    lines += [f"  miss@1: {o.query['q']!r} ({o.query['lang']}) -> {o.got}" for o in outcomes if o.hit3 and not o.hit1]
    return "\n".join(lines)
