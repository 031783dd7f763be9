"""A site's requirements.txt: the engine's line, its header, and the pins the new engine's requirements change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from lanterne.upgrade.wheel import ENGINE, UpgradeError

VENDOR = "vendor"
# The engine's extras a site installs: `make test` runs `lanterne check`.
EXTRAS = ("check",)
_FROM_WHEEL = re.compile(rf"\./{VENDOR}/(?P<wheel>{ENGINE}-(?P<version>[^-/\s]+)-[^/\s]+\.whl)")
_FROM_INDEX = re.compile(rf"{ENGINE}==(?P<version>\S+)")
_HEADER = ("# The engine, lanterne ", "# To take it from a package index instead")
_PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


@dataclass(frozen=True)
class Engine:
    """Where requirements.txt takes the engine from: its line's index, its version, and its vendored wheel if any."""

    line: int
    version: str
    wheel: str | None


def engine(lines: list[str]) -> Engine:
    """Find the engine's line; refuse a requirements.txt that has none."""
    for index, line in enumerate(lines):
        if found := _FROM_WHEEL.fullmatch(line.strip()):
            return Engine(index, found["version"], found["wheel"])
        if found := _FROM_INDEX.fullmatch(line.strip()):
            return Engine(index, found["version"], None)
    raise UpgradeError(
        f"requirements.txt: no line names the engine; expected ./{VENDOR}/{ENGINE}-X.Y.Z-py3-none-any.whl or {ENGINE}==X.Y.Z, "
        "as lanterne new writes it"
    )


def rewrite(lines: list[str], *, version: str, wheel: str | None, requires: tuple[Requirement, ...]) -> tuple[list[str], list[str]]:
    """Return requirements.txt taking the engine from `wheel` in vendor/ (or the index), and the pins that changed."""
    current = engine(lines)
    head = [line for line in lines[: current.line] if not line.startswith(_HEADER)]
    header = (
        [
            f"# The engine, lanterne {version}, from its wheel in {VENDOR}/ (`lanterne upgrade` put it there).",
            f"# To take it from a package index instead: lanterne upgrade {version} (README.md).",
        ]
        if wheel
        else [f"# The engine, lanterne {version}, from the package index (`lanterne upgrade` wrote this line)."]
    )
    line = f"./{VENDOR}/{wheel}" if wheel else f"{ENGINE}=={version}"
    pins, changes = repinned(lines[current.line + 1 :], requires)
    return [*head, *header, line, *pins], changes


def repinned(lines: list[str], requires: tuple[Requirement, ...]) -> tuple[list[str], list[str]]:
    """Pin each requirement the new engine pins exactly at its version; add the ones it brings; say what changed."""
    wanted = {canonicalize_name(r.name): r for r in requires if _applies(r)}
    pinned = {canonicalize_name(found["name"]): index for index, line in enumerate(lines) if (found := _PIN.fullmatch(line.strip()))}
    lines, changes = list(lines), []
    for key, requirement in wanted.items():
        exact = _exact(requirement)
        if key in pinned:
            old = _PIN.fullmatch(lines[pinned[key]].strip())
            assert old is not None
            if exact and exact != old["version"]:
                lines[pinned[key]] = f"{old['name']}=={exact}"
                changes.append(f"{old['name']} {old['version']} -> {exact}")
            elif not requirement.specifier.contains(old["version"], prereleases=True):
                lines[pinned[key]] = f"{requirement.name}{requirement.specifier}"
                changes.append(f"{old['name']} {old['version']} -> {requirement.specifier} (pip picks the version)")
        else:
            lines.append(f"{requirement.name}=={exact}" if exact else f"{requirement.name}{requirement.specifier}")
            changes.append(f"{requirement.name} {exact or requirement.specifier} (new)")
    return lines, changes


def _exact(requirement: Requirement) -> str | None:
    """The version a requirement pins with ==, if it pins one."""
    specs = list(requirement.specifier)
    return specs[0].version if len(specs) == 1 and specs[0].operator == "==" else None


def _applies(requirement: Requirement) -> bool:
    """Whether a site installs this requirement: no marker, or one that holds here for no extra or the site's extras."""
    marker = requirement.marker
    return marker is None or any(marker.evaluate({"extra": extra}) for extra in ("", *EXTRAS))
