"""Author-facing problems, formatted as `docs/path.md:LINE: key: message`."""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one source file, at one line, about one key."""

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.message}"


class ContentError(Exception):
    """Raised by parsers when a file cannot be read at all; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# From this many files sharing one problem, it is printed once, with a count and a few of the files.
GROUP_FROM = 4
EXAMPLES = 3


def report(problems: Iterable[Problem]) -> list[str]:
    """The lines to print: each problem once, and a problem that many files share as one line with a count and examples."""
    shared: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        shared.setdefault((problem.key, _wording(problem.message)), []).append(problem)
    lines = []
    for items in shared.values():
        if len(items) < GROUP_FROM:
            lines += [str(problem) for problem in items]
            continue
        first, others = items[0], items[1:]
        lines.append(f"{first} (the same in {len(others):,} other files: {_some(f'{p.path}:{p.line}' for p in others)})")
    return lines


def left_out(dependents: Mapping[str, str]) -> list[str]:
    """One line per file whose problem leaves others out with it: which files, and the file to fix."""
    waiting: dict[str, list[str]] = {}
    for src_path, cause in sorted(dependents.items()):
        waiting.setdefault(cause, []).append(f"docs/{src_path}")
    return [f"{_some(files)}: left out until docs/{cause}, above, is fixed" for cause, files in sorted(waiting.items())]


def summary(problems: int, rejected: Collection[str], dependents: Container[str] = ()) -> str:
    """The last line of a build with problems: how many, and what it leaves out (the files with problems first)."""
    files = _some(f"docs/{src_path}" for src_path in sorted(rejected, key=lambda src_path: (src_path in dependents, src_path)))
    return f"Lanterne: {_count(problems, 'content problem')}; {_count(len(rejected), 'file')} left out of this build until fixed: {files}"


def _wording(message: str) -> str:
    """A message without its example, which may name the file itself: files that share the rest share the problem."""
    return message.split(", for example ", 1)[0]


def _some(items: Iterable[str]) -> str:
    """A few items, then how many more: a build with thousands of problems prints short lines."""
    items = list(items)
    if len(items) <= EXAMPLES + 1:
        return ", ".join(items)
    return f"{', '.join(items[:EXAMPLES])} and {len(items) - EXAMPLES:,} more"


def _count(number: int, noun: str) -> str:
    """'1 file', '1,655 files'."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
