"""Review periods such as 90d, 12w, 6m or 1y: read from text, and added to a date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

_PERIOD = re.compile(r"^([1-9][0-9]{0,3})([dwmy])$")
# Ten years at most in each unit: a longer period is a typo, and it keeps every date in range.
LIMITS = {"d": 3660, "w": 522, "m": 120, "y": 10}
EXPECTED = "expected a number and a unit (d, w, m or y), such as 90d, 12w, 6m or 1y"


@dataclass(frozen=True)
class Period:
    """A number of days, weeks, months or years."""

    count: int
    unit: str

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def after(self, day: date) -> date:
        """Return the date this period after `day`; a month-end that the target month lacks becomes its last day."""
        if self.unit == "d":
            return day + timedelta(days=self.count)
        if self.unit == "w":
            return day + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year, month = day.year + year, month + 1
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse(value: Any) -> Period:
    """Read a period as written in front matter or mkdocs.yml; raise ValueError saying what is expected."""
    if isinstance(value, Period):
        return value
    match = _PERIOD.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a period; {EXPECTED}")
    count, unit = int(match[1]), match[2]
    if count > LIMITS[unit]:
        raise ValueError(f"{value!r} is longer than ten years; {EXPECTED}")
    return Period(count, unit)
