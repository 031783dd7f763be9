"""Raw HTML an article may not hold: what would run code, load from another host or style the page (issue 21.4).

The Markdown is read with Python's HTML parser (code blocks and code spans blanked first, so that an article may
show HTML as code); the adapter runs the same check on the rendered body as a second net.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from lanterne.content.problems import Problem

KEY = "html"
# Elements that run code, load a page, a plugin or a style sheet, or change how the page's links and forms resolve.
FORBIDDEN = frozenset(
    {"script", "noscript", "iframe", "frame", "frameset", "form", "object", "embed", "applet", "style", "link", "meta", "base", "portal"}
)
# SVG elements that set an attribute (a link's href to javascript:) or hold another document: they run what they set.
FORBIDDEN |= {"animate", "set", "animatemotion", "animatetransform", "foreignobject", "handler", "listener"}
# Attributes that hold an address a browser follows or loads.
_URLS = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping", "srcset"})
# Schemes that run what follows them; data: is allowed only as an image's own bytes.
_RUNS = ("javascript:", "vbscript:", "data:")
_IMAGE_DATA = ("img", "source")
# What a browser ignores inside a scheme ("java\tscript:"), removed before comparing.
_IGNORED = re.compile(r"[\x00-\x20]+")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
# Markdown's own links and images: [text](target), [label]: target, and attribute lists { key="value" }.
_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
EXPECTED = "expected Markdown (links, images, callouts, tabs), or a video player from an origin extra.lanterne.embeds lists"
_PLAIN = "expected Markdown, or HTML without event handlers and style attributes"
_PLAYER_ATTRIBUTES = frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy", "frameborder"})


@dataclass(frozen=True)
class Finding:
    """One thing an article may not hold: the line it is on (counted from the text's first line) and what it is."""

    line: int
    message: str
    tag: str = ""


def check(body: str, path: str, first_line: int, *, embeds: Iterable[str]) -> list[Problem]:
    """The problems of an article's Markdown body, which starts on `first_line` of its file."""
    text = _blank_code(body)
    found = scan(text, embeds=embeds) + _markdown_links(text)
    return [Problem(path, first_line + item.line - 1, KEY, item.message) for item in sorted(found, key=lambda f: f.line)]


def scan(html: str, *, embeds: Iterable[str]) -> list[Finding]:
    """Everything forbidden in a piece of HTML (or Markdown, whose tags the parser reads alike)."""
    reader = _Reader(frozenset(embeds))
    reader.feed(html)
    reader.close()
    return reader.found


class _Reader(HTMLParser):
    """Collects what is forbidden, start tag by start tag, with its line."""

    def __init__(self, embeds: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.embeds = embeds
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check one element and its attributes."""
        line = self.getpos()[0]
        message = element_problem(tag, dict(attrs), self.embeds)
        if message:
            self.found.append(Finding(line, message, tag))
            return
        self.found += [Finding(line, text, tag) for text in attribute_problems(tag, attrs)]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed element is checked as any other."""
        self.handle_starttag(tag, attrs)


def element_problem(tag: str, attrs: dict[str, str | None], embeds: frozenset[str]) -> str | None:
    """Say why an element cannot be in an article; an iframe from an allowed origin, with a player's attributes only, can."""
    if tag not in FORBIDDEN:
        return None
    if tag == "iframe":
        src = (attrs.get("src") or "").strip()
        origin = _origin(src)
        if origin in embeds and set(attrs) <= _PLAYER_ATTRIBUTES:
            return None
        if origin in embeds:
            extra = ", ".join(sorted(set(attrs) - _PLAYER_ATTRIBUTES))
            return f"<iframe> from {origin} has attributes a player does not need ({extra}); expected only {_player_list()}"
        listed = ", ".join(sorted(embeds)) or "none"
        return f"<iframe src={src!r}> is not from an origin extra.lanterne.embeds lists (listed: {listed}); {EXPECTED}"
    return f"<{tag}> cannot be in an article: it would run code, load from elsewhere or restyle the page; {EXPECTED}"


def attribute_problems(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[str]:
    """Say why each of an element's attributes cannot be in an article."""
    found = []
    for name, value in attrs:
        if name.startswith("on"):
            found.append(f"the {name} attribute of <{tag}> would run code; {_PLAIN}")
        elif name in ("style", "srcdoc"):
            found.append(f"the {name} attribute of <{tag}> is not allowed (the Content-Security-Policy allows no author styles); {_PLAIN}")
        elif name in _URLS and value and (scheme := _running_scheme(tag, name, value)):
            found.append(
                f"<{tag} {name}={value!r}> is a {scheme} URL, which would run code; expected an https://, mailto: or relative link"
            )
    return found


def line_in(source: str, finding: Finding) -> int:
    """The first line of a file's source that holds the element of a finding in the rendered page, or 1."""
    opening = f"<{finding.tag}".lower()
    return next((number for number, text in enumerate(source.splitlines(), 1) if opening in text.lower()), 1) if finding.tag else 1


def _running_scheme(tag: str, name: str, value: str) -> str | None:
    """The scheme of an address that would run code, if it is one; data: images are an image's own bytes."""
    candidates = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
    for candidate in candidates:
        compact = _IGNORED.sub("", candidate).lower()
        scheme = next((item for item in _RUNS if compact.startswith(item)), None)
        if scheme == "data:" and tag in _IMAGE_DATA and name in ("src", "srcset") and compact.startswith("data:image/"):
            continue
        if scheme:
            return scheme
    return None


def _markdown_links(text: str) -> list[Finding]:
    """Markdown links and images to javascript: (or vbscript:, data:) addresses, and attribute lists that add handlers or styles."""
    found = []
    for pattern in (_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            scheme = _running_scheme("img", "src", match[1])  # an image may be data:image/; a link to one shows the image
            if scheme:
                message = f"the link {match[1]!r} is a {scheme} URL, which would run code; expected an https://, mailto: or relative link"
                found.append(Finding(text.count("\n", 0, match.start()) + 1, message))
    for match in _ATTR_LIST.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found += [Finding(line, message) for message in _attr_list(match[1])]
    return found


def _attr_list(inside: str) -> list[str]:
    """The problems of one attribute list ({: .class key="value" }), read by the HTML parser as a tag's attributes."""
    reader = _Reader(frozenset())
    reader.feed(f"<p {inside}>")
    reader.close()
    return [item.message.replace("<p>", "an attribute list") for item in reader.found]


def _blank_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and code spans blanked, lines and columns kept."""
    lines, fence = markdown.split("\n"), None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening[1]
            lines[index] = ""
        elif fence is not None:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) and not line[opening.end() :].strip():
                fence = None
            lines[index] = ""
        else:
            lines[index] = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
    return "\n".join(lines)


def _origin(url: str) -> str | None:
    """The https origin of a URL, or None."""
    parts = urlsplit(url)
    return f"https://{parts.netloc.lower()}" if parts.scheme.lower() == "https" and parts.netloc else None


def _player_list() -> str:
    """The attributes an embedded player may have, for messages."""
    return ", ".join(sorted(_PLAYER_ATTRIBUTES))
