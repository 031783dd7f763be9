"""Git dates bench: the one `git log` pass that dates every article, against one `git log` per file, at N = 5,000.

    python bench/gitdates_bench.py                 # N = 5000, 5 runs; writes the git-dates section of BENCHMARKS.md
    python bench/gitdates_bench.py --articles 500 --runs 3 --output /tmp/b.md

The corpus of bench/generate.py is committed into a temporary git repository with a history like a help
centre's: a first commit of everything, then --commits commits that each change a few articles, and some moves.
Every commit has a fixed date. The pass is timed as a build runs it (gitdates.FileDates, asked for every
Markdown file); one process per file is timed on a sample of --sample files and counted for all of them.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import generate  # noqa: E402
from sections import BENCHMARKS, replace_section  # noqa: E402

from lanterne.content.gitdates import FileDates  # noqa: E402

START = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
IDENTITY = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main")


def git(root: Path, *arguments: str, when: datetime = START) -> str:
    """Run git as a fixed author at a fixed date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    return subprocess.run(["git", *IDENTITY, *arguments], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def history(root: Path, commits: int, rng: random.Random) -> dict[str, int]:
    """Commit the corpus, then `commits` commits of a few changed articles each, one in ten also moving one."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Corpus")
    docs = root / "docs"
    articles = sorted(p.relative_to(root).as_posix() for p in docs.rglob("*.md") if p.name != "index.md" and "." not in p.stem)
    changed = moved = 0
    for number in range(1, commits + 1):
        for path in rng.sample(articles, 25):
            with (root / path).open("a", encoding="utf-8") as file:
                file.write(f"\nRévision {number}.\n")
            changed += 1
        if number % 10 == 0:
            old = articles.pop(rng.randrange(len(articles)))
            new = old.removesuffix(".md") + "-v2.md"
            git(root, "mv", old, new)
            articles.append(new)
            moved += 1
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"Update {number}", when=START + timedelta(days=number))
    return {"commits": commits + 1, "changes": changed, "moves": moved}


def one_pass(docs: Path, files: list[str]) -> float:
    """Seconds to date every file as a build does: one git pass, then a lookup per file."""
    started = time.perf_counter()
    dates = FileDates(docs)
    sources = {dates(path).source for path in files}
    elapsed = time.perf_counter() - started
    assert sources == {"git"}, sources
    return elapsed


def per_file(docs: Path, files: list[str]) -> float:
    """Seconds per file to ask git for one file's last commit, as a plugin that runs git per page does."""
    started = time.perf_counter()
    for path in files:
        subprocess.run(["git", "log", "-1", "--format=%aI", "--", path], cwd=docs, check=True, capture_output=True)
    return (time.perf_counter() - started) / len(files)


@dataclass
class Measured:
    """One bench run: the corpus, its history and the timings."""

    articles: int
    commits: int
    sample: int
    counts: dict[str, Any]
    made: dict[str, int]
    files: int
    setup: float
    load: tuple[float, float, float]
    passes: list[float] = field(default_factory=list)
    singles: list[float] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--output", type=Path, default=BENCHMARKS)
    args = parser.parse_args()
    rng = random.Random(generate.SEED)
    with tempfile.TemporaryDirectory(prefix="lanterne-gitdates-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        counts = generate.generate(args.articles, root)
        made = history(root, args.commits, rng)
        docs = root / "docs"
        files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        run = Measured(args.articles, args.commits, args.sample, counts, made, len(files), time.perf_counter() - started, os.getloadavg())
        for _ in range(args.runs):
            run.passes.append(one_pass(docs, files))
            run.singles.append(per_file(docs, rng.sample(files, args.sample)))
    text = _section(run)
    replace_section("git-dates", text, args.output)
    print(text)


def _section(run: Measured) -> str:
    """The git-dates section of BENCHMARKS.md."""
    one, each = statistics.median(run.passes), statistics.median(run.singles)
    version = subprocess.run(["git", "--version"], check=True, capture_output=True, text=True).stdout.strip()
    measured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{x:.2f}" for x in run.load)
    rows = [
        f"| Lanterne: one `git log` pass for `docs/` (`gitdates.FileDates`, every file dated) | {one * 1000:,.0f} ms "
        f"| {one / run.files * 1e6:,.1f} µs |",
        f"| one `git log -1` per file (measured on {run.sample} files, counted for {run.files:,}) | {each * run.files:,.1f} s "
        f"| {each * 1000:,.1f} ms |",
        f"| one pass / one process per file | {one / (each * run.files):.3f}x | |",
    ]
    return f"""## Dates from git

Regenerated by `make bench` (`bench/gitdates_bench.py`). Measured {measured}, {len(run.passes)} runs, medians; {version},
Python {platform.python_version()}, load average at start {load} on {os.cpu_count()} cores.

The corpus of `bench/generate.py {run.articles}` ({run.files:,} Markdown files, {run.counts["variants"]:,} English
variants), committed into a git repository with {run.made["commits"]:,} commits: everything first, then {run.commits}
commits changing 25 articles each ({run.made["changes"]:,} changes) and, one in ten, moving one ({run.made["moves"]} moves).
Setting it up took {run.setup:.0f} s.

| | time | per file |
|---|---|---|
{chr(10).join(rows)}

A build that leaves `updated:` out pays this one pass, once: its cost follows the length of the history, not a
process per article.
"""


if __name__ == "__main__":
    main()
