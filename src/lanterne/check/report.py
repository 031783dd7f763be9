"""What one check found, and how `lanterne check` prints it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """One check's result: a summary of what it counted, its problems, its time, or why it was skipped."""

    name: str
    summary: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None

    @property
    def failed(self) -> bool:
        """Tell whether the check ran and found at least one problem."""
        return self.skipped is None and bool(self.problems)

    @property
    def status(self) -> str:
        """Return 'ok', 'FAILED' or 'skipped'."""
        if self.skipped is not None:
            return "skipped"
        return "FAILED" if self.problems else "ok"


def skipped(name: str, reason: str) -> Outcome:
    """Return the outcome of a check that did not run."""
    return Outcome(name=name, skipped=reason)


def timed(name: str, check: Callable[[], tuple[str, list[str]]]) -> Outcome:
    """Run a check that returns (summary, problems) and time it."""
    start = time.monotonic()
    summary, problems = check()
    return Outcome(name=name, summary=summary, problems=problems, seconds=time.monotonic() - start)


def lines(outcome: Outcome) -> list[str]:
    """Format one outcome: its status line, then one line per problem."""
    if outcome.skipped is not None:
        return [f"{outcome.status:<8}{outcome.name:<15}{outcome.skipped}"]
    head = f"{outcome.status:<8}{outcome.name:<15}{outcome.summary} ({outcome.seconds:.1f} s)"
    return [head, *(f"    {problem}" for problem in outcome.problems)]


def plural(count: int, noun: str) -> str:
    """Say '1 page' or '3 pages' (nouns ending in -s or -y are not used)."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
