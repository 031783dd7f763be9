"""One wording for every validation error, front matter and settings alike: what was given, then what was expected."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

# What a value of each pydantic type error should have been, in an author's words.
EXPECTED = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
}
# How close a misspelt key must be to a known one for "did you mean" (difflib's ratio).
GUESS = 0.5
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def key_of(loc: Sequence[Any]) -> str:
    """The dotted key of an error's place, without list positions: tags, hero.title, feedback.report."""
    return ".".join(str(part) for part in loc if isinstance(part, str))


def item_of(loc: Sequence[Any]) -> int | None:
    """The position in a list an error is about, counted from 0, if any."""
    return next((part for part in loc if isinstance(part, int)), None)


def explain(detail: dict[str, Any], *, keys: Sequence[str] = (), expected: str | None = None) -> str:
    """Word one pydantic error; `keys` are those its mapping accepts, `expected` says what the key holds when the type is wrong."""
    kind, value, loc = detail["type"], detail.get("input"), tuple(detail["loc"])
    item = item_of(loc)
    if kind == "missing":
        return f"required key is missing; expected {expected or 'a value'}"
    if kind == "extra_forbidden":
        return unknown_key(str(loc[-1]), keys)
    if kind == "literal_error":
        return not_allowed(value, _QUOTED.findall(detail["ctx"]["expected"]))
    if kind == "too_long":
        return f"has {detail['ctx']['actual_length']:,} items; expected at most {detail['ctx']['max_length']}"
    if kind == "string_too_long":
        return f"{_item(item, 'has')} {len(value)} characters; expected at most {detail['ctx']['max_length']}"
    if kind == "value_error":
        return ("" if item is None else f"item {item + 1} ") + str(detail["ctx"]["error"])
    if kind == "greater_than_equal":
        return f"{got(value, item)}; expected {expected or 'a number'}, {detail['ctx']['ge']} or more"
    return f"{got(value, item)}; expected {expected or EXPECTED.get(kind, detail['msg'].lower())}"


def got(value: Any, item: int | None = None) -> str:
    """The value given, and its kind: got 'premier' (text), item 2 is True (true/false)."""
    return f"{_item(item, 'is') if item is not None else 'got'} {value!r} ({kind_name(value)})"


def not_allowed(value: Any, choices: Sequence[str]) -> str:
    """A value outside a fixed set: 'interne' is not allowed; expected one of: public, internal."""
    return f"{value!r} is not allowed; expected one of: {', '.join(choices)}"


def unknown_key(name: str, keys: Sequence[str]) -> str:
    """A key the mapping does not take, with the nearest one it does: unknown key (did you mean 'author'?); expected one of: …"""
    guess = difflib.get_close_matches(name, keys, n=1, cutoff=GUESS)
    maybe = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"unknown key{maybe}; expected one of: {', '.join(keys)}"


def kind_name(value: Any) -> str:
    """Name a YAML value's type the way an author would."""
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a mapping",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def _item(item: int | None, verb: str) -> str:
    """'item 2 is' for a list's item, the bare verb otherwise."""
    return verb if item is None else f"item {item + 1} {verb}"
