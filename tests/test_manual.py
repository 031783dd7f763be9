"""The manual (manual/) is a help centre built by Lanterne: it builds strictly from a fresh copy, has its collections,
and README.md stays short and links only to manual articles that exist."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lanterne.adapter.outputs import SKIP_SEARCH
from lanterne.check.builds import build_site
from lanterne.check.search import load_queries
from lanterne.content.frontmatter import parse

ROOT = Path(__file__).resolve().parent.parent
MANUAL = ROOT / "manual"
# Each collection's folder, its title and its place on the manual's home.
COLLECTIONS = {
    "start": "Start",
    "writing": "Writing articles",
    "configuration": "Configuration",
    "languages": "Languages",
    "embedding": "Embedding",
    "search": "Search",
    "feedback": "Feedback and health",
    "production": "Production",
    "security": "Security",
    "checking": "Checking your content",
    "moving": "Moving in from another help centre",
    "upgrading": "Upgrading",
    "internals": "How it works",
}
README_LINES = 200
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def front_matter(path: Path) -> dict:
    """Return a Markdown file's front matter as YAML reads it."""
    return parse(path.read_text(encoding="utf-8"), str(path)).data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Copy manual/ into a fresh git checkout (its dates come from git), build it strictly; return the site folder."""
    root = tmp_path_factory.mktemp("manual")
    shutil.copytree(MANUAL, root / "manual", ignore=shutil.ignore_patterns("site", "__pycache__"))
    identity = ["-c", "user.name=Lanterne", "-c", "user.email=manual@example.com"]
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The manual"]):
        subprocess.run(["git", *identity, *arguments], cwd=root, check=True, capture_output=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SKIP_SEARCH, "1")  # `lanterne check` in `make test` runs the real search on the manual
        build = build_site("manual", root / "manual" / "mkdocs.yml", root / "site")
    assert build.ok, build.messages
    assert build.messages == []
    return build.site


def test_the_manual_builds_strictly_with_every_collection_in_order():
    found = {path.parent.name: front_matter(path) for path in (MANUAL / "docs").glob("*/index.md")}
    assert {name: meta["title"] for name, meta in found.items()} == COLLECTIONS
    assert sorted(found, key=lambda name: found[name]["order"]) == list(COLLECTIONS)
    for name, meta in found.items():
        assert meta["description"] and meta["icon"].startswith("material/"), name


def test_the_built_manual_publishes_each_collection_that_has_articles(built):
    collections = json.loads((built / "api" / "collections.json").read_text(encoding="utf-8"))["collections"]
    articles = json.loads((built / "api" / "articles.json").read_text(encoding="utf-8"))["articles"]
    with_articles = {article["collection"][0]["id"] for article in articles}
    assert {c["id"]: c["title"] for c in collections} == {name: title for name, title in COLLECTIONS.items() if name in with_articles}
    # Every collection but the importers' (another change adds its article) has articles of its own.
    assert set(COLLECTIONS) - with_articles <= {"moving"}
    assert all(article["description"] for article in articles)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{c["path"]}"' in home or f'href="./{c["path"]}"' in home for c in collections)


def test_the_manuals_search_queries_name_articles_of_the_manual(built):
    queries = load_queries(MANUAL / "docs" / ".search-queries.yml", default_language="en")
    ids = {article["id"] for article in json.loads((built / "api" / "articles.json").read_text(encoding="utf-8"))["articles"]}
    assert len(queries.queries) >= 20
    assert {expected for query in queries.queries for expected in query.expect} <= ids


def test_screenshots_are_published_from_inside_the_manual(built):
    used = {
        Path(m).name
        for page in (MANUAL / "docs").rglob("*.md")
        for m in re.findall(r"\(([^)]*assets/screenshots/[^)]+)\)", page.read_text())
    }
    assert used, "the manual shows the screenshots of make screenshots"
    assert all((built / "assets" / "screenshots" / name).is_file() for name in used)


@pytest.mark.parametrize("document", ["README.md", "AUTHORING.md", "CONTRIBUTING.md"])
def test_top_level_documents_link_only_to_files_that_exist(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    local = [link for link in LINK.findall(text) if "://" not in link]
    assert local
    assert [link for link in local if not (ROOT / link).exists()] == []


def test_the_readme_is_short_and_leads_into_the_manual():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_LINES
    manual_links = [link for link in LINK.findall(text) if link.startswith("manual/docs/")]
    assert len(manual_links) >= 20
    assert all(link.endswith(".md") and (ROOT / link).is_file() for link in manual_links)
    assert any(link.startswith("screenshots/") and (ROOT / link).is_file() for link in LINK.findall(text))
    for command in ("make serve", "make test", "lanterne new"):
        assert command in text
