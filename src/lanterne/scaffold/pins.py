"""A new site's pins: every distribution the engine needs, at the version installed beside it here."""

from __future__ import annotations

from importlib.metadata import Distribution, PackageNotFoundError, distribution

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ENGINE = "lanterne"
# A site's `make test` runs `lanterne check`, so its browser dependencies are pinned too.
ENGINE_EXTRAS = ("check",)


class PinError(RuntimeError):
    """A dependency the engine needs is not installed here, so its version cannot be pinned."""


def engine_pins() -> list[str]:
    """Return `name==version` for the engine's dependencies and its extras', transitively, sorted by name."""
    found: dict[str, Distribution] = {}
    _walk(ENGINE, frozenset(ENGINE_EXTRAS), found, seen=set())
    del found[canonicalize_name(ENGINE)]
    return [f"{found[key].metadata['Name']}=={found[key].version}" for key in sorted(found)]


def _walk(name: str, extras: frozenset[str], found: dict[str, Distribution], seen: set[tuple[str, frozenset[str]]]) -> None:
    """Add a distribution and what it requires with these extras; each (name, extras) is visited once."""
    key = canonicalize_name(name)
    if (key, extras) in seen:
        return
    seen.add((key, extras))
    found[key] = found.get(key) or installed(name)
    for requirement in applicable(found[key], extras):
        _walk(requirement.name, frozenset(requirement.extras), found, seen)


def applicable(dist: Distribution, extras: frozenset[str]) -> list[Requirement]:
    """Return the distribution's requirements whose markers hold on this machine for these extras."""
    requirements = [Requirement(line) for line in dist.requires or []]
    # "extra" must always be defined for packaging to evaluate a marker; "" stands for no extra.
    return [r for r in requirements if r.marker is None or any(r.marker.evaluate({"extra": extra}) for extra in ("", *extras))]


def installed(name: str) -> Distribution:
    """Return the installed distribution, or say which one is missing."""
    try:
        return distribution(name)
    except PackageNotFoundError:
        raise PinError(
            f"{name} is not installed beside the engine, so its version cannot be pinned; "
            f"expected the engine installed with its extras: pip install 'lanterne[{','.join(ENGINE_EXTRAS)}]'"
        ) from None
