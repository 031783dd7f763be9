"""What one front-matter key of the schema accepts, read from its pydantic annotation: kind, limits, pattern, choices."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from annotated_types import MaxLen
from pydantic.fields import FieldInfo
from pydantic.functional_validators import BeforeValidator

from lanterne.content import schema


@dataclass(frozen=True)
class Shape:
    """One value's kind (text, number, date, choice, list) and the rules the schema puts on it."""

    kind: str
    required: bool = False
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    choices: tuple[str, ...] = ()
    item: Shape | None = None


def of(model: type[schema.BaseModel], name: str) -> Shape:
    """Describe one key of a front-matter schema."""
    field = model.model_fields[name]
    shape = _describe(field.annotation, list(field.metadata))
    return Shape(**{**shape.__dict__, "required": field.is_required()})


def _describe(annotation: Any, metadata: list[Any]) -> Shape:
    """Unwrap Optional and Annotated, collecting limits and validators, down to the base type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _describe(base, metadata + extra)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _describe(inner, metadata)
    if origin is typing.Literal:
        return Shape("choice", choices=tuple(str(arg) for arg in typing.get_args(annotation)))
    max_length, pattern = _limits(metadata)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return Shape("list", max_length=max_length, item=_describe(item, []))
    kind = {str: "text", int: "number", date: "date"}.get(annotation, "text")
    return Shape(kind, max_length=max_length, pattern=pattern)


def _limits(metadata: list[Any]) -> tuple[int | None, re.Pattern[str] | None]:
    """Read the maximum length and the text pattern out of a key's metadata."""
    max_length = pattern = None
    for item in metadata:
        if isinstance(item, FieldInfo):
            inner_length, inner_pattern = _limits(list(item.metadata))
            max_length, pattern = inner_length or max_length, inner_pattern or pattern
        elif isinstance(item, MaxLen):
            max_length = item.max_length
        elif isinstance(item, BeforeValidator):
            pattern = schema.PATTERNS.get(item.func, pattern)
    return max_length, pattern
