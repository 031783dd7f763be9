"""`make bench-import`: a Zendesk help centre of 2,000 articles, each with a French translation, and 3,000 images, imported
from the API of a local stand-in (127.0.0.1) into a new site; then the same import again (nothing to write). Writes the
"import" section of BENCHMARKS.md. Goal (issue 23): under 60 s."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sections import replace_section

GOAL_SECONDS = 60
PER_PAGE = 100
WORDS = ("invoice", "customer", "payment", "reminder", "account", "team", "export", "report", "settings", "plan", "email", "project")


def _paragraph(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _body(rng: random.Random, article: int, images: list[int], n: int, origin: str) -> str:
    """About 400 words: headings, a numbered list, a table, a callout, images and links to other articles."""
    other = rng.randrange(n)
    parts = [f"<p>{_paragraph(rng)}</p>", "<h2>Steps</h2>", "<ol>" + "".join(f"<li>{_paragraph(rng, 12)}</li>" for _ in range(4)) + "</ol>"]
    parts += [f'<p><img src="/hc/article_attachments/{image}/screen-{image}.png" alt="Screen {image}"></p>' for image in images]
    parts += [
        f'<div class="callout callout--warning"><p>{_paragraph(rng, 20)}</p></div>',
        "<table><thead><tr><th>Plan</th><th>Limit</th></tr></thead><tbody><tr><td>Free</td><td>10</td></tr></tbody></table>",
        f'<p>See <a href="{origin}/hc/en-us/articles/{900000 + other}-Article-{other}">article {other}</a>.</p>',
        "<h2>Details</h2>",
        *(f"<p>{_paragraph(rng)}</p>" for _ in range(4)),
    ]
    return "".join(parts)


def generate(folder: Path, n: int, images: int, origin: str) -> None:
    """A Zendesk export of n articles in 40 categories and 200 sections, each one translated into French."""
    rng = random.Random(23)
    api = f"{origin}/api/v2/help_center"
    categories = [_item(origin, "categories", 100 + c, f"Category {c}", c) for c in range(40)]
    sections = [
        _item(origin, "sections", 1000 + s, f"Section {s}", s, category_id=100 + s % 40, parent_section_id=None) for s in range(200)
    ]
    per_article: list[list[int]] = [[] for _ in range(n)]
    for image in range(images):
        per_article[image % n].append(50_000 + image)
    articles = []
    for a in range(n):
        body = _body(rng, a, per_article[a], n, origin)
        extra = {"section_id": 1000 + a % 200, "author_id": 7, "draft": False, "label_names": [rng.choice(WORDS)], "user_segment_id": None}
        article = _item(origin, "articles", 900000 + a, f"Article {a}", a, body=body, **extra)
        articles.append(article)
        french = {**article, "locale": "fr", "title": f"Article {a} (fr)", "outdated": a % 10 == 0, "updated_at": "2024-02-02T00:00:00Z"}
        french["html_url"] = f"{origin}/hc/fr/articles/{article['id']}-Article-{a}-fr"
        _pages(folder, f"articles/{article['id']}/translations", [article, french], f"{api}/articles/{article['id']}/translations.json")
    for kind, items in (("categories", categories), ("sections", sections)):
        for item in items:
            french = {**item, "locale": "fr", "title": item["name"] + " (fr)", "html_url": item["html_url"].replace("/en-us/", "/fr/")}
            _pages(folder, f"{kind}/{item['id']}/translations", [item, french], f"{api}/{kind}/{item['id']}/translations.json")
        _pages(folder, kind, items, f"{api}/{kind}.json")
    _pages(folder, "articles", articles, f"{api}/articles.json")
    users = [{"id": 7, "name": "Sophie Martin", "photo": {"content_url": f"{origin}/system/photos/7/profile.png"}}]
    _pages(folder, "users", users, f"{origin}/api/v2/users.json")
    _pages(folder, "user_segments", [], f"{api}/user_segments.json")


def _item(origin: str, kind: str, item_id: int, name: str, position: int, **extra: object) -> dict:
    """A category, a section or an article as the Help Center API lists it, in en-us."""
    return {
        "id": item_id,
        "name": name,
        "title": name,
        "description": "",
        "position": position,
        "html_url": f"{origin}/hc/en-us/{kind}/{item_id}-{name.replace(' ', '-')}",
        "locale": "en-us",
        "source_locale": "en-us",
        "outdated": False,
        "created_at": "2023-01-01T00:00:00Z",
        "updated_at": "2024-02-01T00:00:00Z",
        **extra,
    }


def _pages(folder: Path, name: str, items: list, url: str) -> None:
    """Save a list as Zendesk pages it: offset pagination, next_page until the last."""
    key = name.rsplit("/", 1)[-1]
    chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    for number, chunk in enumerate(chunks, 1):
        following = f"{url}?page={number + 1}&per_page={PER_PAGE}" if number < len(chunks) else None
        target = folder / (f"{name}.json" if number == 1 else f"{name}-{number}.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({key: chunk, "page": number, "next_page": following, "count": len(items)}), encoding="utf-8")


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """The stand-in: API paths to saved pages, /hc/article_attachments/... and /system/photos/... to small PNGs."""
    image = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e40000000049454e44ae426082"
    )

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path.endswith(".png"):
                body = image
            else:
                name = parts.path.removeprefix("/api/v2/help_center/").removeprefix("/api/v2/").removesuffix(".json")
                number = int(parse_qs(parts.query).get("page", ["1"])[0])
                file = folder / (f"{name}.json" if number == 1 else f"{name}-{number}.json")
                if not file.is_file():
                    self.send_response(404)
                    self.end_headers()
                    return
                body = file.read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run a command; return its wall time and its output's first line."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"import failed:\n{done.stderr}")
    lines = done.stdout.splitlines()
    return wall, f"{lines[0].removeprefix('lanterne import: ')}; {lines[1].strip()}"


def main() -> None:
    """Generate, serve, import twice, write the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--images", type=int, default=3000)
    args = parser.parse_args()
    lanterne = str(Path(sys.executable).with_name("lanterne"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server, origin = serve(root / "export")
        generate(root / "export", args.articles, args.images, origin)
        subprocess.run([lanterne, "new", str(root / "site"), "--languages", "en,fr"], check=True, capture_output=True)
        env = {**os.environ, "LANTERNE_IMPORT_TOKEN": "bench@example.com/token:x"}
        config = str(root / "site" / "mkdocs.yml")
        first, summary = timed([lanterne, "import", "zendesk", origin, "-f", config], env)
        again, summary_again = timed([lanterne, "import", "zendesk", origin, "-f", config], env)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        server.shutdown()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    verdict = "met" if first < GOAL_SECONDS else "missed"
    text = f"""\
## Import: a Zendesk help centre from its API (`make bench-import`)

`bench/import_bench.py`, {date.today().isoformat()}, Python {platform.python_version()}, load average {load}. A generated Zendesk
export of {args.articles:,} articles (about 400 words, a table, a callout, images and a link to another article each), each
with a French translation ({args.articles // 10:,} of them outdated), in 40 categories and 200 sections, with {args.images:,}
images, served by a stand-in for the Help Center API on 127.0.0.1 (every list paged by 100, one translations request per
article, one request per image). `lanterne import zendesk URL` into a new English and French site, wall time of the process.

| run | wall time | what it printed |
|---|---|---|
| first import | {first:.1f} s | {summary} |
| the same export again | {again:.1f} s | {summary_again} |

Peak memory (RSS) of the larger import: {peak:.0f} MB. Goal: under {GOAL_SECONDS} s for the first import: {verdict}.
"""
    replace_section("import", text)
    print(text)


if __name__ == "__main__":
    main()
