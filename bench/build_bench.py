"""Build benchmark: Lanterne's public build against bare Material (default, and with navigation.prune).

    python bench/build_bench.py                      # N = 500, 2000, 5000; 3 runs; writes BENCHMARKS.md
    python bench/build_bench.py --sizes 500 --runs 1 --output /tmp/b.md

Every build runs in its own process (`--child`), so that its wall time and peak RSS are its own. The three
builds alternate within each run, and their order rotates between runs, so that a burst of load from other
processes on the machine does not fall on one of them only. A build slower than --timeout is stopped and
reported as not run. The corpus comes from bench/generate.py: the same Markdown for the three builds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402
import weights  # noqa: E402
from report import report  # noqa: E402
from sections import sections  # noqa: E402

# Where a build child writes its own usage apart from its children's; the last one read, for the cold bench.
USAGE = "LANTERNE_BENCH_USAGE"
last_usage: dict[str, float] = {}

VARIANTS = {
    "lanterne": "Lanterne public build (`mkdocs build --strict`, hooks and overrides)",
    "material": "bare Material, default theme",
    "prune": "bare Material + `navigation.prune`",
}


@dataclass
class Timing:
    """One variant at one size: the runs that finished, or why it was not run."""

    variant: str
    n: int
    walls: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    skipped: str | None = None

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def rss(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None


def child(variant: str, docs: str, site: str) -> None:
    """Run one real build in this process, configured from the repository's mkdocs.yml."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    options: dict[str, Any] = {"docs_dir": docs, "site_dir": site}
    if variant != "lanterne":
        # Same Markdown extensions and Material version; no hooks, overrides, extra CSS or Lanterne settings.
        features = ["navigation.prune"] if variant == "prune" else []
        options |= {
            "theme": {"name": "material", "language": "fr", "features": features},
            "hooks": [],
            "extra_css": [],
            "extra_javascript": [],
            "extra": {},
            "plugins": ["search"],
        }
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), strict=variant == "lanterne", **options)
    build(config)
    if os.environ.get(USAGE):
        # The build's own process apart from the programs it ran (Pagefind): wait4 in the parent sees both together.
        own, ran = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        usage = {
            "python_rss_mb": own.ru_maxrss / 1024,
            "python_cpu": own.ru_utime + own.ru_stime,
            "children_rss_mb": ran.ru_maxrss / 1024,
            "children_cpu": ran.ru_utime + ran.ru_stime,
        }
        Path(os.environ[USAGE]).write_text(json.dumps(usage), encoding="utf-8")


def run_build(variant: str, docs: Path, site: Path, timeout: float) -> tuple[float, float, float] | None:
    """Build in a child process; return (wall seconds, peak RSS in MB, CPU seconds), or None after a timeout."""
    shutil.rmtree(site, ignore_errors=True)
    usage_file = site.with_name(site.name + ".usage.json")
    usage_file.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", USAGE: str(usage_file)}
    command = [sys.executable, __file__, "--child", variant, str(docs), str(site)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        wall = time.perf_counter() - start
        if pid:
            break
        if wall > timeout:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            return None
        time.sleep(0.05)
    errors = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{variant} build of {docs} failed:\n{errors[-3000:]}")
    last_usage.clear()
    last_usage.update(json.loads(usage_file.read_text(encoding="utf-8")) if usage_file.is_file() else {})
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def bench_size(n: int, args: argparse.Namespace, log: list[str]) -> tuple[list[Timing], dict[str, Any]]:
    """Generate the corpus of n articles, build it args.runs times per variant, then weigh its pages."""
    corpus = args.work / f"corpus-{n}"
    info = generate.generate(n, corpus)
    docs = corpus / "docs"
    info["markdown_files"] = sum(1 for _ in docs.rglob("*.md"))
    timings = {v: Timing(v, n) for v in args.variants}
    reused = {v for v in args.reuse if (v, n) in args.on_file and v in timings}
    for variant in reused:
        timings[variant] = args.on_file[(variant, n)]
        _say(log, f"N={n} {variant}: figures reused from the earlier run on file")
    for key in ("material_site_mb",):
        if key in args.corpus_on_file.get(n, {}) and "material" in reused:
            info[key] = args.corpus_on_file[n][key]
    for run in range(args.runs):
        order = args.variants[run % len(args.variants) :] + args.variants[: run % len(args.variants)]
        for variant in order:
            timing = timings[variant]
            if timing.skipped or variant in reused:
                continue
            if variant == "material" and n > args.material_max:
                timing.skipped = args.skip_reason or "not run (time budget)" + _estimate(args, n)
                continue
            site = corpus / f"site-{variant}"
            result = run_build(variant, docs, site, args.timeout)
            if result is None:
                timing.skipped = f"not run (timeout): stopped after {args.timeout:.0f} s"
                _say(log, f"N={n} run {run + 1} {variant}: timeout after {args.timeout:.0f} s")
            else:
                timing.walls.append(result[0])
                timing.rss_mb.append(result[1])
                timing.cpus.append(result[2])
                _say(log, f"N={n} run {run + 1} {variant}: {result[0]:.1f} s wall, {result[2]:.1f} s CPU, {result[1]:.0f} MB")
            if variant == "material":
                info["material_site_mb"] = _tree_mb(site)
                shutil.rmtree(site, ignore_errors=True)  # gigabytes at large N
    weigh(corpus, info, args)
    return list(timings.values()), info


def weigh(corpus: Path, info: dict[str, Any], args: argparse.Namespace) -> None:
    """Measure page weights on the Lanterne and prune sites built last, then remove them."""
    info["weights"] = {}
    for variant in ("lanterne", "prune"):
        site = corpus / f"site-{variant}"
        if site.exists():
            info["weights"][variant] = weights.measure(site, info, with_search=not args.no_search)
            info[f"{variant}_site_mb"] = _tree_mb(site)
        if not args.keep:
            shutil.rmtree(site, ignore_errors=True)


def reweigh(args: argparse.Namespace) -> None:
    """Rebuild Lanterne and prune once per size and measure page weights again, keeping the timings on file."""
    saved = json.loads((args.work / "results.json").read_text())
    results = [([Timing(**t) for t in timings], info) for timings, info in saved["results"]]
    wanted = {int(s) for s in args.sizes.split(",")}
    for _, info in results:
        if info["articles"] not in wanted:
            continue
        corpus = args.work / f"corpus-{info['articles']}"
        generate.generate(info["articles"], corpus)
        for variant in ("lanterne", "prune"):
            run_build(variant, corpus / "docs", corpus / f"site-{variant}", args.timeout)
        weigh(corpus, info, args)
        print(f"N={info['articles']}: weighed again", flush=True)
    save(saved["machine"], results, saved["log"], args)


def combine(args: argparse.Namespace) -> None:
    """One report from runs made separately (for example one size per process): later files win per size."""
    by_size: dict[int, tuple[list[Timing], dict[str, Any]]] = {}
    info: dict[str, str] = {}
    log: list[str] = []
    runs: list[str] = []
    for path in args.combine:
        saved = json.loads(path.read_text())
        info = info or dict(saved["machine"])
        runs.append(f"{saved['machine']['date']} (commit {saved['machine']['lanterne commit']})")
        log += saved["log"]
        for timings, corpus in saved["results"]:
            by_size[corpus["articles"]] = ([Timing(**t) for t in timings], corpus)
    info["runs combined"] = "; ".join(runs)
    save(info, [by_size[n] for n in sorted(by_size)], log, args)


def save(info: dict[str, str], results: list[tuple[list[Timing], dict[str, Any]]], log: list[str], args: argparse.Namespace) -> None:
    """Keep the raw figures in results.json and write the report."""
    raw = {"machine": info, "results": [([asdict(t) for t in ts], i) for ts, i in results], "log": log}
    (args.work / "results.json").write_text(json.dumps(raw, indent=1))
    # Other benches own fenced sections of the same file (bench/sections.py); keep them.
    kept = sections(args.output)
    args.output.write_text(report(info, results, args) + (f"\n{kept}\n" if kept else ""), encoding="utf-8")
    print(f"wrote {args.output}")


def _estimate(args: argparse.Namespace, n: int) -> str:
    """Extrapolate bare Material's CPU time at n from the two largest sizes measured (t = c * n^k)."""
    try:
        done = json.loads((args.work / "partial.json").read_text())
    except (OSError, ValueError):
        done = []
    done += [asdict(t) for t in args.on_file.values()]
    points = sorted({(t["n"], statistics.median(t["cpus"])) for t in done if t["variant"] == "material" and t["cpus"]})
    if len(points) < 2:
        return ""
    (n1, t1), (n2, t2) = points[-2:]
    k = math.log(t2 / t1) / math.log(n2 / n1)
    return f": about {t2 * (n / n2) ** k / 60:.0f} min of CPU per run expected (t grows as N^{k:.1f} from N = {n1:,} to {n2:,})"


def _tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _say(log: list[str], line: str) -> None:
    print(line, flush=True)
    log.append(line)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    from importlib.metadata import version

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "pymdown-extensions": version("pymdown-extensions"),
        "lanterne commit": _commit(),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _commit() -> str:
    """The commit measured: the snapshot's own when run from `git archive`, which has no .git."""
    if os.environ.get("LANTERNE_COMMIT"):
        return os.environ["LANTERNE_COMMIT"]
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, metavar=("VARIANT", "DOCS", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="500,2000,5000", help="comma-separated numbers of articles")
    parser.add_argument("--runs", type=int, default=3, help="runs per build (median reported)")
    parser.add_argument("--variants", default="lanterne,material,prune")
    parser.add_argument("--timeout", type=float, default=900, help="seconds after which one build is stopped")
    parser.add_argument("--material-max", type=int, default=10**9, help="skip bare Material default above this N")
    parser.add_argument("--skip-reason", help="what to report for bare Material default above --material-max")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-search", action="store_true", help="skip the browser measure of search bytes")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in --work")
    parser.add_argument("--reuse", default="", help="variants whose figures are taken from --reuse-from instead of run again")
    parser.add_argument("--reuse-from", type=Path, help="results.json of an earlier run (default: the one in --work)")
    parser.add_argument("--combine", type=Path, nargs="+", help="write the report from several results.json files")
    parser.add_argument("--weights-only", action="store_true", help="measure page weights again for --sizes, keep timings")
    parser.add_argument("--fresh", action="store_true", help="start --output anew: drop the sections of earlier runs")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.fresh:
        # `make bench` writes the whole file from one run of today's code: no figure of another day stays.
        args.output.unlink(missing_ok=True)
    args.variants = args.variants.split(",")
    args.reuse = [v for v in args.reuse.split(",") if v]
    args.work.mkdir(parents=True, exist_ok=True)
    args.on_file, args.corpus_on_file = {}, {}
    if args.reuse:
        saved = json.loads((args.reuse_from or args.work / "results.json").read_text())
        args.on_file = {(t["variant"], t["n"]): Timing(**t) for timings, _ in saved["results"] for t in timings}
        args.corpus_on_file = {corpus["articles"]: corpus for _, corpus in saved["results"]}
    if args.weights_only:
        reweigh(args)
        return
    if args.combine:
        combine(args)
        return
    info = machine()
    if args.reuse:
        info["figures reused"] = f"{', '.join(args.reuse)}: from the run of {saved['machine']['date']}"
    log: list[str] = []
    results: list[tuple[list[Timing], dict[str, Any]]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        results.append(bench_size(n, args, log))
        partial = [asdict(t) for timings, _ in results for t in timings]
        (args.work / "partial.json").write_text(json.dumps(partial))
        info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        save(info, results, log, args)  # after each size, so that a stopped run keeps what it measured


if __name__ == "__main__":
    main()
