"""Text that anonymous readers wrote, made inert where the report puts it: a spreadsheet cell, a terminal, JSON."""

from __future__ import annotations

import re

# OWASP's CSV injection list: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Bidirectional embeddings, overrides, isolates and marks reorder what a terminal shows (U+061C, U+200E-F, U+202A-E, U+2066-9).
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 controls (ESC starts colours, window titles and OSC 8 links), DEL, C1 controls (0x9B is a one-byte CSI), line separators.
_TERMINAL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}]")
# In JSON, json.dumps already escapes C0 controls, and the newlines between values are its own.
_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}]")


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading single quote, as spreadsheet tools expect."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def for_terminal(text: str) -> str:
    """Show control and bidirectional characters as escapes (ESC as \\x1b, U+202E as \\u202e): printed, never obeyed."""
    return _TERMINAL.sub(_escape, text)


def json_text(text: str) -> str:
    """JSON written with ensure_ascii=False, with the same characters as \\u escapes: the same data, safe to print."""
    return _JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    """The escape Python itself would write for one character."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
