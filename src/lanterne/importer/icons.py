"""An old tool's collection icon as a Material icon, when Material has one of that name; otherwise none (the build checks icons)."""

from __future__ import annotations

from pathlib import Path

import material

_ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"
# Intercom's icon names that Material calls otherwise.
_RENAMED = {"book-bookmark": "book-open-variant", "chat-bubble": "chat", "credit-card": "credit-card-outline", "gear": "cog"}


def material_icon(name: str | None) -> str | None:
    """'credit-card' -> 'material/credit-card-outline'; None when Material has no such icon."""
    if not name or "/" in name or not name.replace("-", "").isalnum():
        return None
    candidate = _RENAMED.get(name, name)
    return f"material/{candidate}" if (_ICONS / f"{candidate}.svg").is_file() else None
