"""Search benchmark: quality on the query set, bytes before the first result and time per keystroke.

    python bench/search_bench.py quality          # tests/search/queries.yml on the sample, every engine
    python bench/search_bench.py corpus 2000      # a synthetic help centre of 2,000 articles (bench/generate.py)

Engines compared:
- lanterne: Pagefind plus Lanterne's query rewriting (the shipped search);
- pagefind: Pagefind alone, default ranking; pagefind+meta: with Lanterne's metadata weights;
- material: Material for MkDocs' lunr search (`plugins: [search]`), driven through its own search box.
Figures are printed, never asserted (see CONTRIBUTING: no timed assertions).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests" / "search"), str(ROOT / "bench")]

import generate  # noqa: E402
import harness  # noqa: E402

from lanterne.check.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from lanterne.outputs.search import META_WEIGHTS  # noqa: E402

# What a reader types on the synthetic corpus, one keystroke at a time (its words come from bench/generate.py).
TYPED = "relance échéance mandat sepa"
FIRST_QUERIES = {"1 word": "facture", "3 words": "relance client échéance", "typo": "notificasion"}


def build(config_file: Path, site: Path, **options: Any) -> float:
    """Build a site in this process; return the wall time in seconds."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    start = time.perf_counter()
    mkdocs_build(load_config(config_file=str(config_file), site_dir=str(site), **options))
    return time.perf_counter() - start


def material_options() -> dict[str, Any]:
    """The repository's configuration with Material's lunr search instead of Lanterne's."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        hooks = [hook for hook in yaml_load(stream)["hooks"] if "lanterne_search" not in hook]
    return {"hooks": [str(ROOT / hook) for hook in hooks], "plugins": [{"search": {"lang": ["fr", "en"]}}], "strict": False}


class Recorder(http.server.SimpleHTTPRequestHandler):
    """Serve files and note each response's size, raw and as gzip would send it."""

    log: list[tuple[str, int, int]]
    _gzip: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            key = str(path)
            if key not in self._gzip:
                self._gzip[key] = len(zlib.compress(path.read_bytes(), 6))
            self.log.append((self.path.split("?")[0], path.stat().st_size, self._gzip[key]))
        return super().send_head()


def serve(directory: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """Serve a directory on 127.0.0.1; return its URL and the live request log."""
    log: list[tuple[str, int, int]] = []
    handler = type("Handler", (Recorder,), {"log": log, "_gzip": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", log


def launch() -> tuple[Any, Any]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


# ---- Material's lunr search, through its own search box ----------------------------------------

_MATERIAL_QUERY = """async (q) => {
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const started = performance.now();
  const changed = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - started); });
    observer.observe(document.querySelector(".md-search-result"), {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
  });
  input.value = q;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: q.slice(-1)}));
  const elapsed = await changed;
  await new Promise((resolve) => setTimeout(resolve, 30));
  const urls = [...list.querySelectorAll(":scope > .md-search-result__item > a")].map((a) => new URL(a.href).pathname);
  return {elapsed, urls};
}"""


def open_material(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.goto(url)
    page.evaluate("document.querySelector('.md-search__input').focus()")
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=60000)
    return page


def material_ids(urls: list[str]) -> list[str]:
    """Article ids from result URLs (the sample's ids are their paths), first three distinct."""
    ids: list[str] = []
    for url in urls:
        article = url.strip("/").removeprefix("en/")
        if article and article not in ids:
            ids.append(article)
    return ids[:3]


def material_quality(browser: Any, base: str, queries: list[dict[str, Any]]) -> list[harness.Outcome]:
    pages: dict[str, Any] = {}
    outcomes = []
    for query in queries:
        lang = query["lang"]
        if lang not in pages:
            pages[lang] = open_material(browser, base + ("" if lang == "fr" else f"{lang}/"))
        result = pages[lang].evaluate(_MATERIAL_QUERY, query["q"])
        outcomes.append(harness.Outcome(query, material_ids(result["urls"])))
    return outcomes


# ---- Commands ----------------------------------------------------------------------------------


def quality(args: argparse.Namespace) -> None:
    """Every engine on the query set, over the sample help centre."""
    queries = harness.load_queries()
    lanterne_site, material_site = args.work / "sample-lanterne", args.work / "sample-material"
    build(ROOT / "mkdocs.yml", lanterne_site)
    build(ROOT / "mkdocs.yml", material_site, **material_options())
    base, _ = serve(lanterne_site)
    material_base, _ = serve(material_site)
    playwright, browser = launch()
    try:
        print(harness.report(harness.run(browser, base, queries, mode="pagefind"), "pagefind"))
        print(harness.report(harness.run(browser, base, queries, mode="pagefind", weights=META_WEIGHTS), "pagefind+meta"))
        print(harness.report(harness.run(browser, base, queries), "lanterne"))
        print(harness.report(material_quality(browser, material_base, queries), "material (lunr)"))
    finally:
        browser.close()
        playwright.stop()


def corpus(args: argparse.Namespace) -> None:
    """Bytes before the first result and time per keystroke on a synthetic help centre."""
    docs = args.work / f"corpus-{args.articles}"
    if not (docs / "docs").exists():
        generate.generate(args.articles, docs)
    lanterne_site, material_site = args.work / f"search-{args.articles}-lanterne", args.work / f"search-{args.articles}-material"
    print(f"corpus: {args.articles} articles in {docs / 'docs'}", flush=True)
    if not args.reuse:
        seconds = build(ROOT / "mkdocs.yml", lanterne_site, docs_dir=str(docs / "docs"), strict=False)
        print(f"lanterne build (with Pagefind indexing): {seconds:.1f} s", flush=True)
    if args.with_material and not args.reuse:
        seconds = build(ROOT / "mkdocs.yml", material_site, docs_dir=str(docs / "docs"), **material_options())
        print(f"material build (with lunr index): {seconds:.1f} s")
    bundle = lanterne_site / "pagefind"
    print(f"pagefind bundle on disk: {sum(p.stat().st_size for p in bundle.rglob('*') if p.is_file()) / 1e6:.1f} MB")
    if args.with_material:
        raw = (material_site / "search" / "search_index.json").read_bytes()
        print(f"lunr search_index.json: {len(raw) / 1e6:.2f} MB raw, {len(zlib.compress(raw, 6)) / 1e6:.2f} MB gzip")
    playwright, browser = launch()
    try:
        lanterne_corpus(browser, lanterne_site)
        if args.with_material:
            material_corpus(browser, material_site)
    finally:
        browser.close()
        playwright.stop()


def _search_bytes(log: list[tuple[str, int, int]], start: int) -> tuple[int, int, int]:
    """Requests, raw bytes and gzip bytes for search files since log position `start`."""
    entries = [entry for entry in log[start:] if "/pagefind/" in entry[0] or "/search/" in entry[0] or "/workers/" in entry[0]]
    return len(entries), sum(e[1] for e in entries), sum(e[2] for e in entries)


_TIMED_SEARCH = "async (q) => { const t = performance.now(); await window.lanterneSearch.search(q); return performance.now() - t; }"


def _weight(requests: int, raw: int, gz: int) -> str:
    return f"{requests} requests, {raw / 1e3:.0f} KB raw, {gz / 1e3:.0f} KB gzip"


def _spread(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(ordered):.0f} ms, p90 {p90:.0f} ms, max {ordered[-1]:.0f} ms ({len(ordered)} keystrokes)"


def lanterne_corpus(browser: Any, site: Path) -> None:
    base, log = serve(site)
    for label, query in FIRST_QUERIES.items():
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.wait_for_function("window.lanterneSearch !== undefined")
        start = len(log)
        elapsed = page.evaluate(_TIMED_SEARCH, query)
        requests, raw, gz = _search_bytes(log, start)
        print(f"lanterne first result, {label} ({query!r}): {_weight(requests, raw, gz)}, {elapsed:.0f} ms")
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)
    page.wait_for_function("window.lanterneSearch !== undefined")
    timings = page.evaluate(
        """async (typed) => {
            const out = [];
            for (let i = 1; i <= typed.length; i++) {
              const t = performance.now();
              await window.lanterneSearch.search(typed.slice(0, i));
              out.push(performance.now() - t);
            }
            return out;
        }""",
        TYPED,
    )
    print(f"lanterne per keystroke typing {TYPED!r}, first keystroke {timings[0]:.0f} ms (cold), then {_spread(timings[1:])}")
    context.close()


def material_corpus(browser: Any, site: Path) -> None:
    base, log = serve(site)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base)
    start = len(log)
    started = time.perf_counter()
    page.evaluate("document.querySelector('.md-search__input').focus()")
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=120000)
    ready = time.perf_counter() - started
    requests, raw, gz = _search_bytes(log, start)
    print(f"material before first result: {_weight(requests, raw, gz)}, index ready after {ready:.1f} s")
    timings = []
    for i in range(1, len(TYPED) + 1):
        result = page.evaluate(_MATERIAL_QUERY, TYPED[:i])
        if result["elapsed"] is not None:
            timings.append(result["elapsed"])
    print(f"material per keystroke typing {TYPED!r}: {_spread(timings)}")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("quality", help="the query set on the sample, every engine")
    sized = commands.add_parser("corpus", help="bytes and keystroke time on a synthetic corpus")
    sized.add_argument("articles", type=int, nargs="?", default=2000)
    sized.add_argument("--with-material", action="store_true", help="also build and measure Material's lunr search (slow)")
    sized.add_argument("--reuse", action="store_true", help="measure the sites already built in --work")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    {"quality": quality, "corpus": corpus}[args.command](args)


if __name__ == "__main__":
    main()
