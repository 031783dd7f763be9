"""Cold build bench: Lanterne against bare Material + prune, paired in one run, and the Python-Markdown floor.

    python bench/cold_bench.py                          # N = 2000 and 5000, 1 pair each; BENCHMARKS.md "cold"
    python bench/cold_bench.py --sizes 500 --pairs 1 --output /tmp/b.md

The floor is Python-Markdown alone, with the site's Markdown extensions, over the same files in one process:
what no MkDocs site can go below. Each build runs in its own process (bench/build_bench.py's children), so
its wall time, CPU time and peak RSS are its own; the two builds of a pair follow each other and swap order
from pair to pair. `--profile N` adds a cProfile of Lanterne's build at N: the functions with most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import build_bench  # noqa: E402
import generate  # noqa: E402
import load as machine  # noqa: E402
from sections import replace_section  # noqa: E402

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def floor_child(docs: str) -> None:
    """Convert every Markdown file under docs with Python-Markdown and the site's extensions, in this process."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=docs)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    for path in sorted(Path(docs).rglob("*.md")):
        md.reset().convert(_FRONT_MATTER.sub("", path.read_text(encoding="utf-8")))


def run_floor(docs: Path) -> tuple[float, float, float]:
    """The floor in a child process: (wall seconds, peak RSS in MB, CPU seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--floor-child", str(docs)], cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("the floor failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


AREAS = (
    ("Markdown (Python-Markdown, pymdownx)", ("markdown/", "pymdownx/")),
    ("templates (Jinja2, theme templates)", ("jinja2/", ".html")),
    ("Lanterne engine", ("lanterne/",)),
    ("YAML", ("yaml/",)),
    ("MkDocs", ("mkdocs/",)),
)
STEPS = ("_populate_page", "_build_page", "embed_page", "on_files", "write_all", "index", "_run")


def profile(docs: Path, site: Path) -> str:
    """Profile one Lanterne build in this process; return its own time by area and the time of its steps."""
    profiler = cProfile.Profile()
    profiler.runcall(build_bench.child, "lanterne", str(docs), str(site))
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())
    areas = dict.fromkeys([name for name, _ in AREAS] + ["other (builtins, I/O, regular expressions)"], 0.0)
    for (filename, _, _), entry in stats.items():
        area = next((name for name, marks in AREAS if any(mark in filename for mark in marks)), None)
        areas[area or "other (builtins, I/O, regular expressions)"] += entry[2]
    lines = [f"cProfile of one Lanterne build, {total:.0f} s in all (profiling slows it down).", ""]
    lines += ["| own time by area | seconds | share |", "|---|---|---|"]
    lines += [f"| {name} | {seconds:.1f} | {seconds / total:.0%} |" for name, seconds in areas.items()]
    lines += ["", "| step (cumulative) | seconds | share |", "|---|---|---|"]
    for (filename, line, name), entry in stats.items():
        if name in STEPS and ("mkdocs/commands" in filename or "lanterne" in filename):
            where = re.sub(r".*site-packages/", "", filename).replace(str(ROOT) + "/", "")
            lines.append(f"| `{name}` ({where}:{line}) | {entry[3]:.1f} | {entry[3] / total:.0%} |")
    return "\n".join(lines)


def measure(n: int, pairs: int, work: Path, floor: bool) -> dict[str, list[tuple[float, float, float]]]:
    """Build the corpus of n articles `pairs` times with Lanterne and Material + prune (and the floor once)."""
    corpus = work / f"corpus-{n}"
    generate.generate(n, corpus)
    docs = corpus / "docs"
    kinds = ("lanterne", "prune", "floor", "load", "lanterne-own", "prune-own")
    runs: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in kinds}
    for pair in range(pairs):
        order = ("lanterne", "prune") if pair % 2 == 0 else ("prune", "lanterne")
        for variant in order:
            before = machine.now()
            result = build_bench.run_build(variant, docs, corpus / f"site-{variant}", timeout=3600)
            assert result is not None
            runs[variant].append(result)
            runs["load"].append((before, machine.now(), 0.0))
            own = build_bench.last_usage
            runs[f"{variant}-own"].append((own.get("python_rss_mb", 0.0), own.get("children_rss_mb", 0.0), own.get("children_cpu", 0.0)))
            print(f"N={n} pair {pair + 1} {variant}: {result[0]:.1f} s wall, {result[2]:.1f} s CPU, {result[1]:.0f} MB; {own}", flush=True)
    if floor:
        runs["floor"].append(run_floor(docs))
        print(f"N={n} floor: {runs['floor'][-1][0]:.1f} s wall, {runs['floor'][-1][2]:.1f} s CPU", flush=True)
    return runs


def table(results: dict[int, dict[str, list[tuple[float, float, float]]]]) -> str:
    """Medians and ratios per N."""
    lines = [
        "| N | pairs | Lanterne wall / CPU / peak RSS | Material + prune wall / CPU / peak RSS | wall ratio | CPU ratio | RSS ratio |"
        " floor (CPU) | Lanterne CPU / floor | load average (highest) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, runs in results.items():
        lan, pru = (_medians(runs[v]) for v in ("lanterne", "prune"))
        floor = f"{runs['floor'][0][2]:.1f} s" if runs["floor"] else "—"
        over = f"{lan[2] / runs['floor'][0][2]:.2f}x" if runs["floor"] else "—"
        lines.append(
            f"| {n:,} | {len(runs['lanterne'])} | {lan[0]:.1f} s / {lan[2]:.1f} s / {lan[1]:.0f} MB "
            f"| {pru[0]:.1f} s / {pru[2]:.1f} s / {pru[1]:.0f} MB | {lan[0] / pru[0]:.2f}x | {lan[2] / pru[2]:.2f}x "
            f"| {lan[1] / pru[1]:.2f}x | {floor} | {over} | {machine.mark(loads(runs))} |"
        )
    return "\n".join(lines)


def own_table(results: dict[int, dict[str, list[tuple[float, float, float]]]]) -> str:
    """Peak memory of the Python process alone, and what the programs it ran (Pagefind) took apart from it."""
    lines = [
        "| N | Lanterne's Python process, peak RSS | Material + prune's, peak RSS | RSS ratio | Pagefind (run by Lanterne's build): "
        "CPU / peak RSS |",
        "|---|---|---|---|---|",
    ]
    for n, runs in results.items():
        lan, pru = (max(r[0] for r in runs[f"{v}-own"]) for v in ("lanterne", "prune"))
        pagefind_cpu = statistics.median(r[2] for r in runs["lanterne-own"])
        pagefind_rss = max(r[1] for r in runs["lanterne-own"])
        lines.append(f"| {n:,} | {lan:.0f} MB | {pru:.0f} MB | {lan / pru:.2f}x | {pagefind_cpu:.1f} s / {pagefind_rss:.0f} MB |")
    return "\n".join(lines)


def loads(runs: dict[str, list[tuple[float, float, float]]]) -> list[float]:
    """The load averages seen before and after each build of a size."""
    return [value for before, after, _ in runs["load"] for value in (before, after)]


def _medians(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall, largest peak RSS, median CPU."""
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor-child", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--pairs", type=int, default=1, help="Lanterne / Material + prune pairs per N")
    parser.add_argument("--floor-at", type=int, default=2000, help="N at which the Python-Markdown floor is measured")
    parser.add_argument("--profile", type=int, default=0, help="N at which to profile Lanterne's build (0: none)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    if args.floor_child:
        floor_child(args.floor_child)
        return
    started, load = datetime.now(UTC), os.getloadavg()
    results = {n: measure(n, args.pairs, args.work, floor=n == args.floor_at) for n in map(int, args.sizes.split(","))}
    text = [
        "## Cold build: Lanterne against Material + prune and the Python-Markdown floor",
        "",
        f"`bench/cold_bench.py`, {started:%Y-%m-%d %H:%M} UTC, commit {build_bench._commit()}; load average "
        f"{' '.join(f'{x:.1f}' for x in load)} at start, {' '.join(f'{x:.1f}' for x in os.getloadavg())} at end (2 cores, shared).",
        "Each build is a fresh process from an empty site folder and no cache: Lanterne's public `mkdocs build --strict`",
        "with Pagefind, and bare Material + `navigation.prune` with its search plugin. Both of a pair ran one after the",
        "other. The floor is Python-Markdown alone with the same extensions over the same files, in one process.",
        "",
        table(results),
        "",
        "Peak memory of the Python process alone (the figure above is the largest of the build and the programs it",
        "ran). Pagefind's indexer is a separate program: its memory grows with the text it indexes (one page per",
        "article, bodies without navigation), and it runs after the pages are written.",
        "",
        own_table(results),
        "",
        machine.warning([value for runs in results.values() for value in loads(runs)]),
    ]
    if args.profile:
        corpus = args.work / f"corpus-{args.profile}"
        generate.generate(args.profile, corpus)
        text += ["", profile(corpus / "docs", corpus / "site-profile")]
    replace_section("cold", "\n".join(text), path=args.output)


if __name__ == "__main__":
    main()
