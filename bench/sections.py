"""Write one bench's section of BENCHMARKS.md without touching the sections other benches wrote."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"


def _markers(name: str) -> tuple[str, str]:
    """The comments that fence a section in the Markdown source."""
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def replace_section(name: str, text: str, path: Path = BENCHMARKS) -> None:
    """Put text between the markers of section `name`, appending the section when it is not there yet."""
    begin, end = _markers(name)
    block = f"{begin}\n{text.strip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(current):
        path.write_text(current.rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")
        return
    path.write_text(pattern.sub(lambda _: block, current, count=1), encoding="utf-8")


def sections(path: Path = BENCHMARKS) -> str:
    """Every fenced section of the file, in order, so that a bench rewriting the whole file can keep them."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    found = re.finditer(r"<!-- bench:([\w-]+) -->.*?<!-- /bench:\1 -->", text, re.DOTALL)
    return "\n\n".join(match.group(0) for match in found)
