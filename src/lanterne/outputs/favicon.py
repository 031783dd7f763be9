"""The help centre's favicon: the header's logo icon in the brand's text colour on a rounded square of the brand."""

from __future__ import annotations

import re

PATH = "assets/lanterne-favicon.svg"
# Material's favicon setting when a site sets none (its mkdocs_theme.yml): Lanterne's own takes its place.
MATERIAL_DEFAULT = "assets/images/favicon.png"
DEFAULT_ICON = "material/library"
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def svg(icon: str, *, band: str, text: str) -> str:
    """The favicon: `icon` (an SVG of a 24-unit icon, as Material ships them) centred on a 32-unit square of `band`."""
    # The icon stays an <svg> of its own, so that its viewBox keeps it whole; its size and colour are the favicon's.
    inner = _SVG_OPEN.sub(lambda found: f'<svg{found.group(1)} x="5" y="5" width="22" height="22" fill="{text}">', icon.strip(), count=1)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="{band}"/>{inner}</svg>\n'
