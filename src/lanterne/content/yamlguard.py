"""Refuse front matter whose shape would exhaust the build: aliases that expand too far, nesting too deep.

PyYAML shares an anchored node between its aliases, so a few hundred bytes can stand for millions of nodes
once anything walks the tree ("billion laughs"), and its composer recurses once per level. Both are measured
here on the event stream, which PyYAML produces without recursion and without expanding aliases.
"""

from __future__ import annotations

import yaml

from lanterne.content.problems import ContentError, Problem

MAX_DEPTH = 20
MAX_NODES = 5_000
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_EXPECTED = "expected plain keys and short lists"


def check(yaml_text: str, path: str, *, first_line: int) -> None:
    """Raise ContentError if the YAML nests deeper than MAX_DEPTH or expands to more than MAX_NODES nodes."""
    depth = nodes = 0
    aliases = False
    sizes: dict[str, int] = {}  # an anchor's node count, once its node is complete
    starts: list[tuple[str | None, int]] = []
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            line = first_line + (event.start_mark.line if event.start_mark else 0)
            if isinstance(event, yaml.AliasEvent):
                nodes, aliases = nodes + sizes.get(event.anchor, 1), True
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                sizes.update({event.anchor: 1} if event.anchor else {})
            elif isinstance(event, _OPEN):
                depth, nodes = depth + 1, nodes + 1
                starts.append((event.anchor, nodes))
            elif isinstance(event, _CLOSE):
                depth -= 1
                anchor, started = starts.pop()
                sizes.update({anchor: nodes - started + 1} if anchor else {})
            if depth > MAX_DEPTH:
                raise ContentError(Problem(path, line, "front matter", f"nested more than {MAX_DEPTH} levels deep; {_EXPECTED}"))
            if nodes > MAX_NODES:
                how = "expands to" if aliases else "holds"
                raise ContentError(Problem(path, line, "front matter", f"{how} more than {MAX_NODES:,} values; {_EXPECTED}"))
    except yaml.YAMLError:
        return  # broken YAML: the loader reports it with its own wording
