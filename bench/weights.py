"""Page weight of a built site: HTML raw and gzip, first-load bytes, and search bytes before the first result."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from lanterne.check.browser import CHROMIUM_ARGS, chromium_path

GZIP_LEVEL = 6  # what web servers and CDNs commonly use on the fly
SEARCH_QUERY = "facture"
SEARCH_INPUT = "input.lt-search__input, input.md-search__input, input[type=search]"
# A result item, in Lanterne's search box or Material's.
SEARCH_RESULT = ".lt-search__result, .md-search-result__item"


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL))


def page_file(site: Path, url_path: str) -> Path:
    """The file served for a site-relative URL path ('' is the home page, 'x/' is x/index.html)."""
    path = site / url_path.split("#")[0].split("?")[0].lstrip("/")
    return path / "index.html" if path.is_dir() or url_path.endswith("/") or not url_path else path


def pages(site: Path, info: dict[str, Any]) -> dict[str, str]:
    """The URL paths of the pages to weigh: home, a collection, an article, its embed version if any, a tag page."""
    article = info["sample_article"].removesuffix(".md") + "/"
    found = {"home": "", "collection": info["sample_collection"] + "/", "article": article}
    for candidate in (f"embed/{article}", f"{article}embed/"):
        if page_file(site, candidate).exists():
            found["embed article"] = candidate
    tags = site / "tags"
    if tags.is_dir():
        first = next(iter(sorted(p for p in tags.iterdir() if (p / "index.html").exists())), None)
        if first:
            found["tag"] = f"tags/{first.name}/"
    return found


def first_load(site: Path, url_path: str) -> dict[str, Any]:
    """HTML raw and gzip, plus the gzip bytes of the CSS and JS the page loads itself (images excluded)."""
    html_file = page_file(site, url_path)
    soup = BeautifulSoup(html_file.read_bytes(), "lxml")
    base = f"http://site/{url_path}"
    assets: list[Path] = []
    external: list[str] = []
    refs = [link.get("href") for link in soup.select('link[rel~="stylesheet"][href]')]
    refs += [script.get("src") for script in soup.select("script[src]")]
    for ref in refs:
        absolute = urlsplit(urljoin(base, ref))
        if absolute.netloc != "site":
            external.append(ref)
            continue
        path = page_file(site, absolute.path)
        if path.is_file():
            assets.append(path)
    html_gzip = gzip_size(html_file)
    content = soup.select_one("article.md-content__inner")
    return {
        # Everything but the page's own content: it must not grow with the number of articles.
        "chrome_raw": html_file.stat().st_size - (len(str(content).encode()) if content else 0),
        "url": url_path,
        "html_raw": html_file.stat().st_size,
        "html_gzip": html_gzip,
        "first_load_gzip": html_gzip + sum(gzip_size(p) for p in assets),
        "assets": len(assets),
        "external": external,
    }


def measure(site: Path, info: dict[str, Any], *, with_search: bool = True) -> dict[str, Any]:
    """Weigh the sample pages of a built site, and the search bytes fetched before a first result."""
    found = pages(site, info)
    result: dict[str, Any] = {"pages": {name: first_load(site, url) for name, url in found.items()}}
    index = site / "search" / "search_index.json"
    if index.exists():
        result["search_index"] = {"raw": index.stat().st_size, "gzip": gzip_size(index)}
    if with_search:
        try:
            result["search"] = search_bytes(site, found["article"])
        except Exception as error:  # a benchmark reports what failed rather than stopping after an hour of builds
            result["search"] = {"error": f"{type(error).__name__}: {error}"[:300]}
    return result


def search_bytes(site: Path, url_path: str) -> dict[str, Any]:
    """In Chromium, open a page, type a query, wait for a result; count what was fetched that the page itself did not need."""
    from playwright.sync_api import sync_playwright

    own = first_load(site, url_path)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    requests: list[tuple[str, str]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda request: requests.append((request.url, request.resource_type)))
            page = context.new_page()
            page.goto(f"{origin}/{url_path}", wait_until="load")
            field = page.locator(SEARCH_INPUT).first
            field.click()
            field.type(SEARCH_QUERY, delay=50)
            page.wait_for_selector(SEARCH_RESULT, timeout=120_000)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    page_urls = {f"{origin}/{url_path}"}
    html = BeautifulSoup(page_file(site, url_path).read_bytes(), "lxml")
    for tag in html.select('link[rel~="stylesheet"][href], script[src]'):
        page_urls.add(urljoin(f"{origin}/{url_path}", tag.get("href") or tag.get("src")))
    fetched: dict[str, int] = {}
    for url, kind in requests:
        if not url.startswith(origin) or url in page_urls or kind in {"image", "font", "media"} or _is_image(url):
            continue
        path = page_file(site, urlsplit(url).path)
        if path.is_file():
            fetched[urlsplit(url).path] = gzip_size(path)
    return {"query": SEARCH_QUERY, "page": url_path, "bytes_gzip": sum(fetched.values()), "files": fetched, "page_gzip": own}


def _is_image(url: str) -> bool:
    """Favicons are requested as 'other', not 'image'."""
    return urlsplit(url).path.lower().endswith((".png", ".svg", ".ico", ".jpg", ".jpeg", ".webp", ".gif"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the benchmark's output readable."""
