"""The machine's load beside each figure: a figure taken above LIMIT says so where it is printed."""

from __future__ import annotations

import os

# Above this one-minute load average on a 2-core machine, other work competed for the cores during the measure.
LIMIT = 2.5


def now() -> float:
    """The one-minute load average."""
    return os.getloadavg()[0]


def mark(loads: list[float]) -> str:
    """The highest load seen during a figure's runs, with a warning when it is above LIMIT."""
    highest = max(loads, default=0.0)
    return f"{highest:.1f} ⚠ above {LIMIT}" if highest > LIMIT else f"{highest:.1f}"


def warning(loads: list[float]) -> str:
    """A line for the report when any figure was taken above LIMIT, or nothing."""
    high = [load for load in loads if load > LIMIT]
    if not high:
        return f"Every figure was taken at a load average of {LIMIT} or less."
    return (
        f"**Warning: {len(high)} of {len(loads)} measures were taken above a load average of {LIMIT}** (up to "
        f"{max(high):.1f}): other processes competed for the 2 cores, so those times are too high; compare ratios of a pair."
    )
