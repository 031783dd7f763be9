"""`lanterne new`: the help centre it writes exists, pins the engine's wheel, and builds strict against this engine."""

from __future__ import annotations

import base64
import email
import hashlib
import os
import subprocess
import sys
import zipfile
from importlib.metadata import Distribution
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

import lanterne
from lanterne.check.search import QuerySet
from lanterne.cli import main
from lanterne.scaffold.options import SiteOptions
from lanterne.scaffold.pins import PinError, engine_pins, installed
from lanterne.scaffold.render import localized
from lanterne.scaffold.wheel import editable_source, engine_wheel, repack
from lanterne.scaffold.write import write_site

WHEEL = f"lanterne-{lanterne.__version__}-py3-none-any.whl"
ADAPTER_LINE = '''\
"""Lanterne's adapter: MkDocs calls the engine through this line. The engine is the pinned `lanterne` package."""

from lanterne.adapter import *  # noqa: F403
'''
# name given, languages, and what each language's article is titled
SITES = {
    "fr": ("Centre d'aide Bidule", "fr", {"fr": "Écrire votre premier article"}),
    # A name with YAML's special characters, to show it is quoted wherever it is written.
    "fr,en": ('Bidule : l\'aide "#1"', "fr,en", {"fr": "Écrire votre premier article", "en": "Write your first article"}),
}


@pytest.fixture(scope="module", params=sorted(SITES))
def new_site(request, tmp_path_factory) -> tuple[Path, str, dict[str, str]]:
    """Run `lanterne new` once per language setting; return the folder, the name and the article titles."""
    name, languages, titles = SITES[request.param]
    folder = tmp_path_factory.mktemp("new") / "help"
    assert main(["new", str(folder), "--name", name, "--languages", languages]) == 0
    return folder, name, titles


@pytest.fixture(scope="module")
def built(new_site) -> dict[str, Path]:
    """Build the new site's public and internal help centres in-process, strict; return their output folders."""
    folder = new_site[0]
    return {config_file: _build(folder / config_file) for config_file in ("mkdocs.yml", "mkdocs.internal.yml")}


def _build(config_file: Path) -> Path:
    """Build one configuration the way `mkdocs build --strict -f` does; return its site folder."""
    config = load_config(config_file=str(config_file), strict=True)
    build(config)
    return Path(config.site_dir)


def test_writes_every_file(new_site):
    folder, _, titles = new_site
    expected = {
        ".gitignore",
        "Makefile",
        "README.md",
        "docs/.authors.yml",
        "docs/.search-queries.yml",
        "hooks/lanterne_hooks.py",
        "mkdocs.internal.yml",
        "mkdocs.yml",
        "requirements.txt",
        f"vendor/{WHEEL}",
    }
    for lang in titles:
        for path in ("index.md", "getting-started/index.md", "getting-started/welcome.md"):
            expected.add("docs/" + localized(path, lang, "fr"))
    assert {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()} == expected
    assert (folder / "hooks/lanterne_hooks.py").read_text() == ADAPTER_LINE


def test_settings_follow_the_options(new_site):
    folder, name, titles = new_site
    settings = yaml.safe_load((folder / "mkdocs.internal.yml").read_text())
    assert settings == {"INHERIT": "mkdocs.yml", "site_dir": "site-internal", "extra": {"lanterne": {"audience": "internal"}}}
    config = load_config(config_file=str(folder / "mkdocs.yml"), strict=True)
    assert config.site_name == name
    assert config.theme["language"] == "fr"
    assert config.theme["features"] == ["navigation.prune", "content.code.copy"]
    assert not [name for name in config.plugins if "search" in name], "Material's search would add a dialog axe refuses"
    assert config.extra["lanterne"]["languages"] == list(titles)
    assert config.extra["lanterne"]["brand_color"] == "#0f6e5c"
    assert config.extra["lanterne"]["contact"] == {"url": "mailto:support@example.com"}
    queries = QuerySet.model_validate(yaml.safe_load((folder / "docs/.search-queries.yml").read_text()))
    assert {query.lang or "fr" for query in queries.queries} == set(titles)
    authors = yaml.safe_load((folder / "docs/.authors.yml").read_text())
    assert authors == {
        "authors": {"team": {"name": "L'équipe support", "description": "Écrit et tient à jour les articles de ce centre d'aide"}}
    }


def test_requirements_pin_the_vendored_wheel(new_site):
    folder = new_site[0]
    lines = [line for line in (folder / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert lines[0] == f"./vendor/{WHEEL}"
    assert lines[1:] == engine_pins()
    with zipfile.ZipFile(folder / "vendor" / WHEEL) as wheel:
        names = set(wheel.namelist())
        metadata = email.message_from_bytes(wheel.read(f"lanterne-{lanterne.__version__}.dist-info/METADATA"))
    assert {"lanterne/adapter/__init__.py", "lanterne/theme/main.html", "lanterne/locales/fr.yml"} <= names
    # The scaffold's own templates too: a `site/` line in .gitignore once kept a folder of them out of the wheel.
    assert "lanterne/scaffold/files/help-centre/mkdocs.yml" in names
    assert metadata["Version"] == lanterne.__version__


def test_a_dependency_missing_here_cannot_be_pinned():
    with pytest.raises(PinError) as error:
        installed("no-such-distribution")
    assert str(error.value) == (
        "no-such-distribution is not installed beside the engine, so its version cannot be pinned; "
        "expected the engine installed with its extras: pip install 'lanterne[check]'"
    )


def test_pins_are_the_engine_and_check_dependencies_only():
    pins = dict(line.split("==") for line in engine_pins())
    assert {"mkdocs", "mkdocs-material", "pydantic", "uvicorn", "playwright", "axe-playwright-python", "greenlet"} <= set(pins)
    assert not {"lanterne", "pytest", "ruff", "hatchling"} & set(pins)


def test_builds_strict_with_home_collection_and_article(new_site, built):
    _, name, titles = new_site
    for lang, title in titles.items():
        prefix = "" if lang == "fr" else f"{lang}/"
        for site in built.values():
            home = BeautifulSoup((site / prefix / "index.html").read_text(), "html.parser")
            assert name in home.title.get_text()
            assert (site / prefix / "getting-started/index.html").is_file()
            article = BeautifulSoup((site / prefix / "getting-started/welcome/index.html").read_text(), "html.parser")
            assert article.h1.get_text(strip=True) == title


def test_the_starter_article_names_translations_with_a_language_the_site_has(new_site, built):
    folder = new_site[0]
    suffix = "en"  # both sites are French-first: their translations are .en.md, never .fr.md
    for path in folder.glob("docs/getting-started/welcome*.md"):
        text = path.read_text(encoding="utf-8")
        assert f".{suffix}.md`" in text and ".fr.md`" not in text, path
    article = BeautifulSoup((built["mkdocs.yml"] / "getting-started/welcome/index.html").read_text(), "html.parser")
    assert [label.get_text(strip=True) for label in article.select(".tabbed-labels label")] == ["Web", "Mobile"]
    assert article.select_one(".admonition.tip .admonition-title") is None  # the cheat sheet's callout is shown as code


def test_the_starter_article_shows_its_internal_note_only_inside(new_site, built):
    note = "Cette note en est un exemple"
    public, internal = built["mkdocs.yml"], built["mkdocs.internal.yml"]
    assert note not in (public / "getting-started/welcome/index.html").read_text()
    assert note in (internal / "getting-started/welcome/index.html").read_text()


NAME_EXPECTED = "expected one line of text without control characters, for example --name 'Acme Help Centre'"


@pytest.mark.parametrize(
    ("options", "message"),
    # options after the folder, and the one line on standard error
    [
        (["--languages", "fr,zz"], "--languages: 'zz' is not a language code Babel knows; expected a code such as fr, en, de"),
        (["--languages", "fr,,en"], "--languages: 'fr,,en' has an empty item; expected codes separated by commas, such as fr,en"),
        (["--languages", "fr,en,fr"], "--languages: 'fr' is given twice; expected each language once, such as fr,en"),
        (["--brand-color", "green"], "--brand-color: 'green' is not a hex colour; expected #rgb or #rrggbb, for example #0f6e5c"),
        (["--brand-color", "#12345"], "--brand-color: '#12345' is not a hex colour; expected #rgb or #rrggbb, for example #0f6e5c"),
        (
            ["--contact-url", "support@example.com"],
            "--contact-url: 'support@example.com' is not a link; expected https://..., mailto:support@example.com or /a/path/",
        ),
        (["--site-url", "aide.example.com"], "--site-url: 'aide.example.com' is not a web address; expected https://help.example.com/"),
        # Issue 21.12: a line break after a valid address, bytes that are not UTF-8 (as argv gives them), DEL, a colour's newline.
        (
            ["--site-url", "https://aide.example/\n"],
            "--site-url: 'https://aide.example/\\n' is not a web address; expected https://help.example.com/",
        ),
        (["--name", os.fsdecode(b"Aide \xff\xfe")], f"--name: 'Aide \\udcff\\udcfe' is not a site name; {NAME_EXPECTED}"),
        (["--name", "Aide\x7fBidule"], f"--name: 'Aide\\x7fBidule' is not a site name; {NAME_EXPECTED}"),
        (["--brand-color", "#fff\n"], "--brand-color: '#fff\\n' is not a hex colour; expected #rgb or #rrggbb, for example #0f6e5c"),
        (
            ["--contact-url", "//evil.example/"],
            "--contact-url: '//evil.example/' is not a link; expected https://..., mailto:support@example.com or /a/path/",
        ),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(tmp_path, capsys, options, message):
    folder = tmp_path / "help"
    assert main(["new", str(folder), *options]) == 2
    assert capsys.readouterr().err == f"lanterne new: {message}\n"
    assert not folder.exists()


def test_every_file_is_encoded_before_any_is_written(tmp_path):
    # A name that slipped past the checks (bytes that are not UTF-8) must not leave a half-written folder behind (issue 21.12).
    hostile = SiteOptions(tmp_path / "help", os.fsdecode(b"Aide \xff"), "https://aide.example/", ("fr", "en"), "#0f6e5c", "/contact/")
    with pytest.raises(UnicodeEncodeError):
        write_site(hostile)
    assert not (tmp_path / "help").exists()


def test_a_folder_that_is_not_empty_is_refused(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"lanterne new: {tmp_path}: is not empty (notes.txt); expected a new or empty folder\n"
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    # a content file, its language, and its path when French is the default language
    [
        ("index.md", "fr", "index.md"),
        ("index.md", "en", "index.en.md"),
        ("getting-started/welcome.md", "pt-BR", "getting-started/welcome.pt-BR.md"),
    ],
)
def test_localized_paths(path, lang, expected):
    assert localized(path, lang, "fr") == expected


def test_other_languages_start_with_the_english_texts(tmp_path):
    folder = tmp_path / "hilfe"
    assert main(["new", str(folder), "--languages", "de,fr"]) == 0
    assert 'title: "Write your first article"' in (folder / "docs/getting-started/welcome.md").read_text()
    assert 'title: "Écrire votre premier article"' in (folder / "docs/getting-started/welcome.fr.md").read_text()
    assert load_config(config_file=str(folder / "mkdocs.yml")).site_name == "Help centre"


def test_an_installed_engine_is_repacked_from_its_record(tmp_path):
    # Install the engine's wheel as a site does (no editable source), then make a wheel from what is installed.
    target = tmp_path / "site-packages"
    wheel = engine_wheel(tmp_path / "built")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-index"]
    subprocess.run([*pip, "--target", str(target), str(wheel)], check=True)
    installed = Distribution.at(target / f"lanterne-{lanterne.__version__}.dist-info")
    assert editable_source(installed) is None
    repacked = repack(installed, tmp_path / "out")
    assert repacked.name == WHEEL
    with zipfile.ZipFile(wheel) as original, zipfile.ZipFile(repacked) as again:
        assert _payload(again) == _payload(original)
        _assert_record_matches(again)


def _payload(wheel: zipfile.ZipFile) -> dict[str, bytes]:
    """Every file of a wheel but its RECORD, which lists them."""
    return {name: wheel.read(name) for name in wheel.namelist() if not name.endswith(".dist-info/RECORD")}


def _assert_record_matches(wheel: zipfile.ZipFile) -> None:
    """Assert the RECORD lists every file with its size and SHA-256, as installers check it."""
    record_name = next(name for name in wheel.namelist() if name.endswith(".dist-info/RECORD"))
    rows = [line.split(",") for line in wheel.read(record_name).decode().splitlines()]
    assert {row[0] for row in rows} == set(wheel.namelist())
    for name, digest, size in rows:
        if name != record_name:
            data = wheel.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, size) == (f"sha256={expected}", str(len(data)))


def test_python_m_lanterne_prints_its_version():
    done = subprocess.run([sys.executable, "-m", "lanterne", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"lanterne {lanterne.__version__}"
