"""Read YAML front matter ourselves, keeping line numbers (MkDocs drops broken YAML silently)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from lanterne.content import yamlguard
from lanterne.content.problems import ContentError, Problem

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$")


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, so that we validate them with a clear message."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser, about ten times faster: it matters at thousands of articles."""


# PyYAML turns 2024-02-30 into a crash and 2024-09-13 into a date; we want the text either way.
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """The parsed front matter of one file, with the file line of each key and list item."""

    data: dict[str, Any]
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    start_line: int = 1
    body: str = ""
    body_line: int = 1
    numbers: dict[tuple[str | int, ...], str] = field(default_factory=dict)

    def line_of(self, *loc: str | int) -> int:
        """Return the file line of a key or list item, falling back to its parent, then the block."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.start_line

    def numbers_as_text(self, *keys: str) -> None:
        """In the lists under `keys`, take numbers as the text the author wrote: 2026, 1.10, 404."""
        for key in keys:
            items = self.data.get(key)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if isinstance(item, int | float) and not isinstance(item, bool) and (key, index) in self.numbers:
                    items[index] = self.numbers[(key, index)]


def parse(text: str, path: str) -> FrontMatter:
    """Split `text` into front matter and body; raise ContentError if the YAML is broken."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or not _OPENING.match(lines[0]):
        return FrontMatter(data={}, body=text, start_line=1, body_line=1, lines={})
    end = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    if end is None:
        raise ContentError(
            Problem(path, 1, "front matter", "the block opened by '---' is never closed; expected a line '---' after the last key")
        )
    yaml_text = "\n".join(lines[1:end])
    data, key_lines, numbers = _load(yaml_text, path, first_line=2)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(data=data, lines=key_lines, start_line=1, body=body, body_line=end + 2, numbers=numbers)


Lines = dict[tuple[str | int, ...], int]
Numbers = dict[tuple[str | int, ...], str]
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _load(yaml_text: str, path: str, *, first_line: int) -> tuple[dict[str, Any], Lines, Numbers]:
    """Load YAML into plain data and record where each key and item starts."""
    yamlguard.check(yaml_text, path, first_line=first_line)
    try:
        return _load_with(_FastLoader, yaml_text, path, first_line=first_line)
    except ContentError:
        # Report problems with PyYAML's own wording, which names what it expected.
        return _load_with(_Loader, yaml_text, path, first_line=first_line)


def _load_with(loader_class: type[yaml.SafeLoader], yaml_text: str, path: str, *, first_line: int) -> tuple[dict[str, Any], Lines, Numbers]:
    """Parse with one loader class; see _load."""
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, {}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = (error.problem or "invalid YAML").strip()
        raise ContentError(Problem(path, line, "front matter", f"invalid YAML ({reason}); expected 'key: value' lines")) from None
    except yaml.YAMLError as error:
        raise ContentError(Problem(path, first_line, "front matter", f"invalid YAML ({error}); expected 'key: value' lines")) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ContentError(Problem(path, first_line, "front matter", f"got {type(data).__name__} {data!r}; expected 'key: value' lines"))
    key_lines: Lines = {}
    numbers: Numbers = {}
    _record_lines(node, (), key_lines, numbers, path, first_line)
    return data, key_lines, numbers


def _record_lines(node: yaml.Node, loc: tuple[str | int, ...], out: Lines, numbers: Numbers, path: str, first_line: int) -> None:
    """Walk the YAML node tree, noting each key's line and the source text of numbers, and refusing duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            here = (*loc, key)
            line = first_line + key_node.start_mark.line
            if here in out:
                raise ContentError(
                    Problem(path, line, ".".join(map(str, here)), f"appears twice (first on line {out[here]}); expected each key once")
                )
            out[here] = line
            _record_lines(value_node, here, out, numbers, path, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[(*loc, index)] = first_line + item.start_mark.line
            if isinstance(item, yaml.ScalarNode) and item.tag in _NUMBER_TAGS:
                numbers[(*loc, index)] = item.value
            _record_lines(item, (*loc, index), out, numbers, path, first_line)
