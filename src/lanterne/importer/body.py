"""An article's HTML body as Lanterne Markdown: tool markup mapped, links and images rewritten, leftovers sanitised, converted.

The converter is html-to-markdown (a Rust core): on the tools' real bodies it keeps nested lists, code fences and tables
whole (a `|` in a cell escaped, a table without a header row given one), where markdownify and html2text broke such tables,
and it converts a body in a tenth of a millisecond, which matters for thousands of articles.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import html_to_markdown
from bs4 import BeautifulSoup, NavigableString, Tag

from lanterne.importer import markup, sanitise

# Text stands in for '<', '&' and '[' while converting, so that a body's "&lt;script&gt;" or "[x](javascript:...)" written
# as text stays text in Markdown, never a tag or a link.
_LT, _AMP, _BRACKET = "\ue000", "\ue001", "\ue002"
_PLACEHOLDER = "LANTERNEBLOCK{}X"
_PLACEHOLDER_LINE = re.compile(r"^LANTERNEBLOCK(\d+)X$", re.MULTILINE)
_FILE_PATH = re.compile(r"\.(pdf|zip|docx?|xlsx?|pptx?|csv|txt|png|jpe?g|gif|webp|svg|mp4|mov|json|xml|odt|ods)$", re.IGNORECASE)
_ATTACHMENT_PATH = re.compile(r"/(article_attachments|attachments|docs/assets)/")
OPTIONS = html_to_markdown.ConversionOptions(
    heading_style="atx",
    bullets="-",
    list_indent_width=4,
    code_block_style="backticks",
    escape_asterisks=True,
    escape_underscores=True,
)


@dataclass
class Links:
    """How the links of one body are rewritten: `article(url)` is the docs path of an imported article or collection."""

    here: str
    base_url: str
    article: Callable[[str], str | None]
    old_site: Callable[[str], bool]
    asset: Callable[[str], str]


@dataclass
class Body:
    """An article's Markdown and what converting it found."""

    markdown: str
    assets: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert(html: str, links: Links) -> Body:
    """Turn one HTML body into Markdown."""
    body = Body("")
    soup = BeautifulSoup(html or "", "html.parser")
    markup.demote_headings(soup)
    _videos(soup)
    _rewrite_links(soup, links, body)
    callouts = _callouts(soup, links, body)
    body.markdown = _to_markdown(soup, body)
    for index, (kind, text) in enumerate(callouts):
        indented = "\n".join(f"    {line}" if line else "" for line in text.splitlines())
        body.markdown = body.markdown.replace(_PLACEHOLDER.format(index), f'!!! {kind} ""\n{indented}')
    return body


def _to_markdown(soup: BeautifulSoup, body: Body) -> str:
    """Sanitise what is left, protect '<' and '&' in text, and convert."""
    body.dropped += sanitise.strip_forbidden(soup)
    for text in soup.find_all(string=True):
        if isinstance(text, NavigableString) and not text.find_parent(["pre", "code"]):
            text.replace_with(str(text).replace("&", _AMP).replace("<", _LT).replace("[", _BRACKET))
    cleaned, unwrapped = sanitise.clean(str(soup))
    body.dropped += unwrapped
    markdown = html_to_markdown.convert(cleaned, OPTIONS).content
    markdown = markdown.replace(_LT, "&lt;").replace(_AMP, "&amp;").replace("\\" + _BRACKET, "\\[").replace(_BRACKET, "\\[")
    return _blank_after_fences(markdown).strip() + "\n"


def _blank_after_fences(markdown: str) -> str:
    """A closing fence followed by a blank line: the converter may put a quote right under it, which Python-Markdown misreads."""
    lines, inside = [], False
    for line in markdown.split("\n"):
        if lines and not inside and lines[-1].lstrip().startswith("```") and line.strip():
            lines.append("")
        if line.lstrip().startswith("```"):
            inside = not inside
        lines.append(line)
    return "\n".join(lines)


def _callouts(soup: BeautifulSoup, links: Links, body: Body) -> list[tuple[str, str]]:
    """Replace each outermost callout with a placeholder paragraph; return their kinds and Markdown, in order."""
    found: list[tuple[str, str]] = []
    for element in soup.find_all(True):
        if element.decomposed or (kind := markup.callout_kind(element)) is None:
            continue
        if any(markup.callout_kind(parent) for parent in element.parents if isinstance(parent, Tag)):
            continue
        inner = BeautifulSoup(element.decode_contents(), "html.parser")
        found.append((kind, _to_markdown(inner, body)))
        placeholder = soup.new_tag("p")
        placeholder.string = _PLACEHOLDER.format(len(found) - 1)
        element.replace_with(placeholder)
    return found


def _videos(soup: BeautifulSoup) -> None:
    """A video player becomes a link to the video: the build embeds no player from another site."""
    for element in soup.find_all(["iframe", "video"]):
        video = markup.video_link(element)
        if video is None:
            continue
        url, title = video
        paragraph = soup.new_tag("p")
        link = soup.new_tag("a", href=url)
        link.string = f"▶ {title}"
        paragraph.append(link)
        element.replace_with(paragraph)


def _rewrite_links(soup: BeautifulSoup, links: Links, body: Body) -> None:
    """Images and attachments to downloaded files, links to imported articles to their .md files; warn about the rest."""
    for image in soup.find_all("img"):
        source = str(image.get("src") or "")
        if not source or source.startswith("data:"):
            continue
        url = urljoin(links.base_url, source)
        parent = image.parent
        if isinstance(parent, Tag) and parent.name == "a" and urljoin(links.base_url, str(parent.get("href") or "")) == url:
            parent.unwrap()  # Intercom links each image to itself
        if urlsplit(url).scheme in ("http", "https"):
            image["src"] = _asset(url, links, body)
    for anchor in soup.find_all("a"):
        _rewrite_anchor(anchor, links, body)


def _rewrite_anchor(anchor: Tag, links: Links, body: Body) -> None:
    """One link: an attachment, an imported article, a page of the old help centre left behind, or left as it is."""
    href = str(anchor.get("href") or "").strip()
    if not href:
        return
    if href.startswith("#"):
        anchor.unwrap()  # the old tool's heading ids are not the new page's
        return
    url = urljoin(links.base_url, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return
    if _is_attachment(parts.path) and (links.old_site(url) or _ATTACHMENT_PATH.search(parts.path)):
        anchor["href"] = _asset(url, links, body)
        return
    target = links.article(url)
    if target is not None:
        anchor["href"] = posixpath.relpath(target, posixpath.dirname(links.here) or ".")
        return
    # A path of the old help centre would be a broken link here: it stays a link to where it was.
    anchor["href"] = url
    if links.old_site(url):
        body.warnings.append(f"links to {url}, a page of the old help centre that was not imported")


def _asset(url: str, links: Links, body: Body) -> str:
    """The relative path of a downloaded file, recorded for downloading."""
    path = body.assets.setdefault(url, links.asset(url))
    return posixpath.relpath(path, posixpath.dirname(links.here) or ".")


def _is_attachment(path: str) -> bool:
    """A link to a file rather than a page."""
    return bool(_FILE_PATH.search(path)) or "/article_attachments/" in path
