"""What an article's HTML may keep before it becomes Markdown, and a report of every element and attribute dropped."""

from __future__ import annotations

from collections import Counter

import nh3
from bs4 import BeautifulSoup, Tag

# Elements a help centre's page never runs or embeds (Lanterne's build refuses them in an article): dropped with their content.
FORBIDDEN = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "select", "textarea",
     "link", "meta", "base", "noscript", "template", "svg", "math", "canvas", "audio", "video", "source", "track", "portal"}
)  # fmt: skip
# What the Markdown converter can say; anything else is unwrapped to its text by nh3.
ALLOWED_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
     "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp",
     "section", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRIBUTES = ("href", "src")


def strip_forbidden(soup: BeautifulSoup) -> list[str]:
    """Remove forbidden elements, event handlers, inline styles and script URLs; say what went, once per kind."""
    dropped: Counter[str] = Counter()
    for element in soup.find_all(FORBIDDEN):
        if element.decomposed:
            continue
        dropped[f"<{element.name}>"] += 1
        element.decompose()
    for element in soup.find_all(True):
        for name in list(element.attrs):
            if name.lower().startswith("on"):
                dropped[f"{name} attribute"] += 1
                del element.attrs[name]
            elif name in _URL_ATTRIBUTES and _is_script_url(str(element.attrs[name])):
                dropped[f"{name}=javascript: link"] += 1
                del element.attrs[name]
    return [_count(kind, number) for kind, number in sorted(dropped.items())]


def clean(html: str) -> tuple[str, list[str]]:
    """nh3's pass over what is left: unknown elements unwrapped to their text, unknown attributes removed; say which elements."""
    before = _tags(html)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    after = _tags(cleaned)
    lost = [_count(f"<{name}>", number - after.get(name, 0)) for name, number in sorted(before.items()) if number > after.get(name, 0)]
    return cleaned, [f"{item} (kept its text)" for item in lost]


def _tags(html: str) -> Counter[str]:
    """How many of each element a fragment has."""
    return Counter(tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True) if isinstance(tag, Tag))


def _is_script_url(value: str) -> bool:
    """A javascript:, vbscript: or data: URL, whatever spaces or case hide it."""
    squeezed = "".join(value.split()).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def _count(kind: str, number: int) -> str:
    """'2 <script>' or '<script>'."""
    return kind if number == 1 else f"{number} x {kind}"
