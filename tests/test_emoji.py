"""Emoji in articles: shortcodes and emoji typed as such become Twemoji SVG with the emoji as their label, on any
site (the adapter sets pymdownx.emoji and lanterne.emoji up); code and text symbols stay as written."""

from __future__ import annotations

import pytest

from lanterne.views import palette

BODY = """\
---
title: Envoyer une facture
author: sophie
updated: 2024-09-13
---

- ✅ L'adresse est correcte.
- ❌ L'adresse contient une faute.
- 👉 Voir aussi :white_check_mark: et ✔️ puis 👩‍💻.

Le symbole © et la flèche → restent du texte. `✅ dans du code` aussi.

```
✅ dans un bloc de code
```
"""


def _labels(page) -> list[str]:
    return [svg["aria-label"] for svg in page.select(".lt-article__body span.twemoji > svg[role=img]")]


def test_emoji_typed_or_written_as_shortcodes_become_labelled_svg(make_site):
    built = make_site({"factures/envoyer.md": BODY})
    assert built.ok, built.errors()
    page = built.html("factures/envoyer/")
    assert _labels(page) == ["✅", "❌", "👉", "✅", "✔", "👩‍💻"]
    body = page.select_one(".lt-article__body")
    assert "©" in body.get_text() and "→" in body.get_text()
    assert [code.get_text() for code in body.select("code")] == ["✅ dans du code", "✅ dans un bloc de code\n"]
    assert "cdn.jsdelivr.net" not in str(body), "the pictures are in the page, not on a third-party CDN"


def test_a_site_that_sets_up_pymdownx_emoji_itself_keeps_its_settings(make_site):
    from conftest import MARKDOWN_EXTENSIONS

    # pymdownx.emoji's own defaults: EmojiOne pictures as <img>; typed emoji follow the site's choice too.
    built = make_site({"factures/envoyer.md": BODY}, config={"markdown_extensions": [*MARKDOWN_EXTENSIONS, {"pymdownx.emoji": {}}]})
    assert built.ok, built.errors()
    body = built.html("factures/envoyer/").select_one(".lt-article__body")
    assert body.select("svg[role=img]") == []
    assert [img["alt"] for img in body.select("img.emojione")][:3] == ["✅", "❌", "👉"]


# brand colour: the text and link shades derived from it reach 4.5:1 on white and on both dark backgrounds
@pytest.mark.parametrize("brand", ["#0f6e5c", "#ffcc00", "#3366ff", "#000000", "#ffffff", "#e91e63", "#abc", "#1a8cff", "#888"])
def test_the_brands_shades_read_at_aa_in_both_schemes(brand):
    colors = palette.derive(brand)
    assert palette.contrast(colors["brand_text"], palette.LIGHT_BACKGROUND) >= 4.5
    assert all(palette.contrast(colors["brand_light"], dark) >= 4.5 for dark in palette.DARK_BACKGROUNDS)
    # Text on the band (the header, the hero, the widget) and on the header's search field, plain and muted: 4.5:1.
    for surface in (colors["brand"], colors["brand_field"]):
        assert palette.contrast(colors["on_brand"], surface) >= 4.5
        assert palette.contrast(colors["on_brand_muted"], surface) >= 4.5


@pytest.mark.parametrize(
    ("brand", "band"),
    # a brand colour, and the band the pages paint: the colour itself, unless neither white nor dark text reads on it
    [("#1a8cff", "#1a8cff"), ("#f5c400", "#f5c400"), ("#0f6e5c", "#0f6e5c"), ("#ff0000", "#eb0000"), ("#e8590c", "#e96016")],
)
def test_the_band_is_the_brand_or_its_nearest_readable_shade(brand, band):
    assert palette.derive(brand)["brand"] == band
