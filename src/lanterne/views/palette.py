"""The colours a page derives from the one brand colour: readable text and link tints for light and dark schemes."""

from __future__ import annotations

# The backgrounds the tints must read on: white, Material's slate scheme and the embed pages' dark scheme.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUNDS = ("#1e2029", "#0d1117")
# The two texts a brand-coloured band may carry: white, or the pages' own near-black.
LIGHT_TEXT, DARK_TEXT = "#ffffff", "#1f2328"
# WCAG AA for body text; a little above it, so that anti-aliasing and rounding never push a pair under.
AA = 4.6
# The header's search field is the band moved this far away from its text, so that it stands out and reads better.
FIELD_MIX = 0.15
# Secondary text on the band (the hero's site line, the search placeholder) fades toward the band at most this far.
MUTED_MIX = 0.3


def derive(brand: str) -> dict[str, str]:
    """Every shade the pages paint from the brand colour, each one reading at AA where it is used."""
    text = on_brand(brand)
    # The band keeps the brand colour whenever its text reads on it; otherwise the nearest shade on which it does.
    band = readable(brand, (text,), toward=_away_from(text), steps=100)
    return {
        "brand": band,
        "on_brand": text,
        "on_brand_muted": muted(text, band),
        "brand_field": mix(band, _away_from(text), FIELD_MIX),
        "brand_text": readable(brand, (LIGHT_BACKGROUND,), toward="#000000"),
        "brand_light": readable(brand, DARK_BACKGROUNDS, toward="#ffffff"),
    }


def on_brand(brand: str) -> str:
    """The text colour that reads best on the brand colour: white or near-black."""
    return max((LIGHT_TEXT, DARK_TEXT), key=lambda text: contrast(brand, text))


def muted(text: str, band: str) -> str:
    """The text faded toward the band as far as MUTED_MIX allows while it still reads at AA on it."""
    for step in range(round(MUTED_MIX * 20), 0, -1):
        faded = mix(text, band, step / 20)
        if contrast(faded, band) >= AA:
            return faded
    return text


def readable(color: str, backgrounds: tuple[str, ...], *, toward: str, steps: int = 20) -> str:
    """Mix `color` toward black or white in small steps until it reaches AA on every background."""
    for step in range(steps + 1):
        mixed = mix(color, toward, step / steps)
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


def _away_from(text: str) -> str:
    """Black under white text, white under dark text: the direction in which a background reads better."""
    return "#000000" if text == LIGHT_TEXT else "#ffffff"


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
