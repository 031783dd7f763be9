"""Preview bench: how long `lanterne serve` takes to show an edit, polled over HTTP as a browser would see it.

    python bench/preview_bench.py                       # N = 2000 and 5000; BENCHMARKS.md section "preview"
    python bench/preview_bench.py --sizes 200 --edits 3 --output /tmp/b.md

For each N: generate the corpus (bench/generate.py), start `lanterne serve` on it, wait for the home page, then
edit, add, delete and move articles one at a time; after each change poll the page that must show it until it
does. The time is from the file write to the first response that shows the change. Search follows in the
background: its time is until the server logs the next finished index.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import build_bench  # noqa: E402
import generate  # noqa: E402
import load as machine  # noqa: E402
from sections import replace_section  # noqa: E402

_BUILD = re.compile(r"Lanterne preview: build (\d+):")
_SEARCHED = re.compile(r"search is up to date with build (\d+)")
_TITLE = re.compile(r'^title: "?(.*?)"?$', re.MULTILINE)


class Session:
    """One `lanterne serve` on a corpus, and its output."""

    def __init__(self, corpus: Path, docs: Path) -> None:
        self.docs = docs
        self.spent: list[float] = []
        config = corpus / "mkdocs.yml"
        config.write_text(
            f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nhooks: [{ROOT / 'hooks' / 'lanterne_hooks.py'}]\n"
            f"theme:\n  custom_dir: {ROOT / 'overrides'}\n",
            encoding="utf-8",
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}/"
        self.log = corpus / "serve.log"
        command = [
            sys.executable,
            "-m",
            "lanterne",
            "serve",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
            "--site-dir",
            str(corpus / "served"),
        ]
        with self.log.open("w") as output:
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            self.process = subprocess.Popen(command, cwd=corpus, stdout=output, stderr=subprocess.STDOUT, env=env)

    def cpu(self) -> float:
        """The server's CPU seconds so far (user + system), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rel(self, path: Path) -> str:
        return path.relative_to(self.docs).as_posix()

    def url(self, article: Path) -> str:
        """Where an article source is served."""
        return self.base + self.rel(article).removesuffix(".md") + "/"

    def builds(self) -> int:
        """The number of the last build the server logged."""
        return max(map(int, _BUILD.findall(self.log.read_text(encoding="utf-8"))), default=0)

    def searched(self) -> int:
        """The number of the last build whose search index is served."""
        return max(map(int, _SEARCHED.findall(self.log.read_text(encoding="utf-8"))), default=0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def timed(change: Callable[[], None], shown: Callable[[], bool], timeout: float = 600, *, session: Session | None = None) -> float:
    """Make the change, then poll until it shows; return the seconds in between (and note the server's CPU time)."""
    start, cpu = time.perf_counter(), session.cpu() if session else 0.0
    change()
    while not shown():
        if time.perf_counter() - start > timeout:
            raise SystemExit("the preview did not show a change within 10 minutes")
        time.sleep(0.05)
    if session is not None:
        session.spent.append(session.cpu() - cpu)
    return time.perf_counter() - start


def replace(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def measure(n: int, edits: int, work: Path) -> dict[str, list[float]]:
    """Start a preview of N articles and time each kind of change."""
    corpus = work / f"preview-{n}"
    generate.generate(n, corpus)
    docs = corpus / "docs"
    articles = sorted(p for p in docs.glob("c*/*.md") if p.name != "index.md" and p.name.count(".") == 1)
    articles = [p for p in articles if "audience: internal" not in p.read_text(encoding="utf-8")]
    times: dict[str, list[float]] = {k: [] for k in ("first", "body", "title", "search", "tags", "move", "add", "delete", "error")}
    start = time.perf_counter()
    session = Session(corpus, docs)
    try:
        while get(session.base)[0] != 200:
            time.sleep(0.2)
        times["first"].append(time.perf_counter() - start)
        for i, article in enumerate(articles[:edits]):
            _edit_round(session, article, f"{n}x{i}", times)
        for i, article in enumerate(articles[edits : 2 * edits]):
            _file_round(session, article, articles[-1 - i].parent / f"deplace-{i}.md", articles[2 * edits + i], i, times)
    finally:
        session.stop()
    return times


def _edit_round(session: Session, article: Path, mark: str, times: dict[str, list[float]]) -> None:
    """A body edit, a title edit (and the search index that follows it), a tag added."""
    marker = f"Modification {mark} du corps"
    _note(
        times,
        session,
        "body",
        timed(replace(article, "\n\n", f"\n\n{marker}\n\n"), lambda: marker in get(session.url(article))[1], session=session),
    )
    title = _TITLE.search(article.read_text(encoding="utf-8"))[1]  # type: ignore[index]
    new_title, collection = f"Titre revu {mark}", session.base + session.rel(article.parent) + "/"
    _note(times, session, "title", timed(replace(article, title, new_title), lambda: new_title in get(collection)[1], session=session))
    build = session.builds()
    times["search"].append(times["title"][-1] + timed(lambda: None, lambda: session.searched() >= build))
    tag = f"etiquette-{mark}"
    _note(
        times,
        session,
        "tags",
        timed(replace(article, "tags: [", f"tags: [{tag}, "), lambda: tag in get(session.base + "tags/")[1], session=session),
    )


def _file_round(session: Session, article: Path, target: Path, broken: Path, i: int, times: dict[str, list[float]]) -> None:
    """An article moved to another collection, one added then deleted, a content error."""
    old, new = session.url(article), session.url(target)
    _note(times, session, "move", timed(lambda: article.rename(target), lambda: get(new)[0] == 200 and get(old)[0] == 404, session=session))
    added = article.parent / f"nouveau-{i}.md"
    write = lambda: added.write_text(_new_article(i), encoding="utf-8")  # noqa: E731
    _note(times, session, "add", timed(write, lambda: get(session.url(added))[0] == 200, session=session))
    _note(times, session, "delete", timed(added.unlink, lambda: get(session.url(added))[0] == 404, session=session))
    page = session.url(broken)
    shown = lambda: "left out of the build" in get(page)[1]  # noqa: E731
    _note(times, session, "error", timed(replace(broken, "author: ", "author: personne-"), shown, session=session))
    replace(broken, "author: personne-", "author: ")()


def _note(times: dict[str, list[float]], session: Session, kind: str, seconds: float) -> None:
    """Keep the wall time of a change, and the server's CPU time for it."""
    times[kind].append(seconds)
    times.setdefault(f"{kind}-cpu", []).append(session.spent[-1])
    times.setdefault("load", []).append(machine.now())


def _new_article(i: int) -> str:
    front = f"---\ntitle: Nouvel article {i}\nauthor: sophie\nupdated: 2026-11-30\ntags: [nouveau]\n---\n"
    return front + "\nUn article ajouté pendant l'aperçu.\n"


def report(results: dict[int, dict[str, list[float]]], started: datetime, load: tuple[float, ...], edits: int) -> str:
    rows = [
        ("first", "first page served after `lanterne serve` starts (full build)"),
        ("body", "article body edit → its page"),
        ("title", "title edit → its collection page"),
        ("tags", "tag added → the tag page"),
        ("search", "title edit → search index up to date (background, after the page)"),
        ("move", "article moved to another collection → new URL served, old URL 404"),
        ("add", "article added → its page"),
        ("delete", "article deleted → 404"),
        ("error", "content error → problem page at the article's URL"),
    ]
    sizes = list(results)
    lines = ["| change | " + " | ".join(f"N = {n:,} median (runs)" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for key, label in rows:
        cells = []
        for n in sizes:
            values = results[n][key]
            cpu = results[n].get(f"{key}-cpu")
            spent = f"; server CPU {statistics.median(cpu):.2f} s" if cpu else ""
            cells.append(f"{statistics.median(values):.2f} s ({', '.join(f'{v:.1f}' for v in values)}){spent}" if values else "—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    highest = (machine.mark(results[n].get("load", [])) for n in sizes)
    lines.append("| load average during the changes (highest) | " + " | ".join(highest) + " |")
    lines += ["", machine.warning([value for n in sizes for value in results[n].get("load", [])])]
    return "\n".join(
        [
            "## Live preview: edit to page",
            "",
            f"`bench/preview_bench.py`, {started:%Y-%m-%d %H:%M} UTC, commit {build_bench._commit()}; load average "
            f"{' '.join(f'{x:.1f}' for x in load)} at start, {' '.join(f'{x:.1f}' for x in os.getloadavg())} at end "
            f"(2 cores). {edits} change(s) of each kind per N.",
            "A real `lanterne serve` (MkDocs' builder and live-reload server, dirty builds) on `bench/generate.py N`; an",
            "HTTP client writes the file, then polls the page that must show the change every 50 ms until it does.",
            "",
            *lines,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--edits", type=int, default=5, help="changes of each kind per N")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    started, load = datetime.now(UTC), os.getloadavg()
    results = {}
    for n in map(int, args.sizes.split(",")):
        results[n] = measure(n, args.edits, args.work)
        print(n, {k: [round(v, 2) for v in vs] for k, vs in results[n].items()}, flush=True)
        replace_section("preview", report(results, started, load, args.edits), path=args.output)


if __name__ == "__main__":
    main()
