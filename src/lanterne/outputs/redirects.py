"""The redirect page of each alias, in the site and under embed/: immediate, with the canonical link and a plain link."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from lanterne.content.model import Article
from lanterne.content.redirect_map import Moved
from lanterne.content.sources import url_of
from lanterne.outputs import embed, links
from lanterne.views import strings

SERVER_MAP = "lanterne/redirects.json"
ROBOTS = '<meta name="robots" content="noindex, nofollow">\n'
# The same on every redirect page, so that a Content-Security-Policy allows it with one hash: it reads the target
# from the refresh tag ("0; url=" is 7 characters), and keeps the ?query and #section the reader came with.
SCRIPT = 'location.replace(document.querySelector("meta[http-equiv=refresh]").content.slice(7) + location.search + location.hash)'


@dataclass(frozen=True)
class Redirect:
    """One old URL and the article it leads to: `url` and `target` are site-relative directory URLs."""

    url: str
    target: str
    canonical: str
    lang: str
    title: str


def of(articles: Iterable[Article], *, default_language: str) -> list[Redirect]:
    """Every old URL of the published articles, in the site and under embed/, in source order."""
    found = []
    for article in sorted(articles, key=lambda a: a.src_path):
        for alias in article.aliases:
            url = url_of(alias, article.lang, default_language=default_language)
            found.append(Redirect(url, article.url, article.url, article.lang, article.title))
            found.append(Redirect(embed.url_of(url), embed.url_of(article.url), article.url, article.lang, article.title))
    return found


def of_moved(moved: Iterable[Moved]) -> list[Redirect]:
    """The redirects of docs/.redirects.yml: old paths of another help centre, each to its page in this build."""
    return [Redirect(f"{item.path}/", item.target, item.target, item.lang, item.title) for item in moved]


def server_map(found: Iterable[Redirect]) -> list[dict[str, str]]:
    """Every redirect as a web server's 301 (lanterne/redirects.json, read by `lanterne deploy nginx`): site-root paths."""
    return [{"from": f"/{item.url.rstrip('/')}", "to": f"/{item.target}"} for item in found]


def page(redirect: Redirect, *, site_url: str, noindex: bool = False) -> str:
    """The HTML of one redirect page; everything an author wrote is escaped. The internal build's say noindex, as its pages do."""
    link = links.relative(redirect.target, redirect.url)
    canonical = f"{site_url.rstrip('/')}/{redirect.canonical}"
    title, moved = escape(redirect.title), escape(strings.text(redirect.lang, "redirect.moved"))
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(redirect.lang)}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(link)}">\n'
        f"{ROBOTS if noindex else ''}"
        f"<script>{SCRIPT}</script>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n'
        f'<body>\n<p>{moved} <a href="{escape(link)}">{title}</a></p>\n</body>\n</html>\n'
    )
