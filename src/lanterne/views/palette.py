"""The colours a page derives from the one brand colour: readable text and link tints for light and dark schemes."""

from __future__ import annotations

# The backgrounds the tints must read on: white, Material's slate scheme and the embed pages' dark scheme.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUNDS = ("#1e2029", "#0d1117")
# WCAG AA for body text; a little above it, so that anti-aliasing and rounding never push a pair under.
AA = 4.6


def derive(brand: str) -> dict[str, str]:
    """The brand colour, the text colour on it, its shade for text and links on white, its tint for the dark schemes."""
    on_brand = max(("#ffffff", "#1f2328"), key=lambda text: contrast(brand, text))
    return {
        "brand": _long(brand),
        "on_brand": on_brand,
        "brand_text": readable(brand, (LIGHT_BACKGROUND,), toward="#000000"),
        "brand_light": readable(brand, DARK_BACKGROUNDS, toward="#ffffff"),
    }


def readable(color: str, backgrounds: tuple[str, ...], *, toward: str) -> str:
    """Mix `color` toward black or white in small steps until it reaches AA on every background."""
    for step in range(21):
        mixed = mix(color, toward, step / 20)
        if all(contrast(mixed, background) >= AA for background in backgrounds):
            return mixed
    return toward


def mix(color: str, other: str, amount: float) -> str:
    """`color` moved `amount` (0 to 1) of the way toward `other`, as #rrggbb."""
    start, end = _rgb(color), _rgb(other)
    return "#" + "".join(f"{round(a + (b - a) * amount):02x}" for a, b in zip(start, end, strict=True))


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: str) -> float:
    channels = [value / 255 for value in _rgb(color)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _rgb(color: str) -> tuple[int, int, int]:
    value = _long(color)[1:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _long(color: str) -> str:
    """#abc as #aabbcc, lower case."""
    value = color.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in value) if len(value) == 3 else value)
