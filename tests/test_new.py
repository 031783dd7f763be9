"""`lanterne new`: the help centre it writes exists, pins the engine's wheel, and builds strict against this engine."""

from __future__ import annotations

import base64
import email
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
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
from lanterne.scaffold.render import localized, site_files
from lanterne.scaffold.wheel import editable_source, engine_wheel, repack
from lanterne.scaffold.write import write_site

WHEEL = f"lanterne-{lanterne.__version__}-py3-none-any.whl"
ADAPTER_LINE = '''\
"""Lanterne's adapter: MkDocs calls the engine through this line. The engine is the pinned `lanterne` package."""

from lanterne.adapter import *  # noqa: F403
'''
# the --name options, --languages, and each language's site name and article title
SITES = {
    "fr": (["--name", "Centre d'aide Bidule"], "fr", {"fr": ("Centre d'aide Bidule", "Écrire votre premier article")}),
    # Names with YAML's special characters, to show they are quoted wherever they are written; EN as typed (issue 22.15).
    "fr,en": (
        ["--name", 'Bidule : l\'aide "#1"', "--name", 'EN=Bidule: help "#1"'],
        "fr,EN",
        {"fr": ('Bidule : l\'aide "#1"', "Écrire votre premier article"), "en": ('Bidule: help "#1"', "Write your first article")},
    ),
}


@pytest.fixture(scope="module", params=sorted(SITES))
def new_site(request, tmp_path_factory) -> tuple[Path, str, dict[str, str]]:
    """Run `lanterne new` once per language setting; return the folder, the default name and the article titles."""
    names, languages, expected = SITES[request.param]
    folder = tmp_path_factory.mktemp("new") / "help"
    assert main(["new", str(folder), *names, "--languages", languages]) == 0
    return folder, expected["fr"][0], {lang: title for lang, (_, title) in expected.items()}


@pytest.fixture(scope="module")
def names(new_site) -> dict[str, str]:
    """Each language's site name in the site `new_site` made."""
    languages = list(new_site[2])
    return {lang: SITES[",".join(languages)][2][lang][0] for lang in languages}


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
    inside = load_config(config_file=str(folder / "mkdocs.internal.yml"), strict=True)
    assert inside.site_dir == str(folder / "site-internal")
    # The internal build reads the report of the service `make serve-internal` runs, and keeps the public one's endpoint.
    assert inside.extra["lanterne"]["audience"] == "internal"
    assert inside.extra["lanterne"]["feedback"] == {"endpoint": "http://127.0.0.1:8001/reactions", "report": "http://127.0.0.1:8001/report"}
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
    # `lanterne upgrade` reads the entries between two versions from the new wheel's own CHANGELOG (issue 22.16).
    assert "lanterne/CHANGELOG.md" in names
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


def test_builds_strict_with_home_collection_and_article(new_site, built, names):
    titles = new_site[2]
    for lang, title in titles.items():
        prefix = "" if lang == "fr" else f"{lang}/"
        for site in built.values():
            home = BeautifulSoup((site / prefix / "index.html").read_text(), "html.parser")
            # Each language's pages carry its own name: the English site is not titled in French (issue 22.15).
            assert home.title.get_text() == names[lang]
            assert home.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == names[lang]
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


@pytest.mark.parametrize(
    ("languages", "path", "file", "address", "source", "last"),
    # the site's languages, a starter article, the file it tells to create and its address, what it says of the source
    # file, and its last line (issue 22.15: an English article of a French-first site told to write the French file)
    [
        (
            ("fr", "en"),
            "welcome.en.md",
            "first-invoice.en.md",
            "/en/getting-started/first-invoice/",
            "An article in English translates one in French, this help centre's default language, which sits beside it as "
            "`first-invoice.md`.",
            "Every article in English translates one in French and sits beside it: `first-invoice.md` in French, "
            "`first-invoice.en.md` in English.",
        ),
        (
            ("fr", "en"),
            "welcome.md",
            "premiere-facture.md",
            "/getting-started/premiere-facture/",
            None,
            "Une traduction se place à côté de l'article, avec le suffixe de sa langue : `premiere-facture.en.md`.",
        ),
        (
            ("de", "fr"),
            "welcome.md",
            "first-invoice.md",
            "/getting-started/first-invoice/",
            None,
            "A translation sits beside its article, with its language's suffix: `first-invoice.fr.md`.",
        ),
        (
            ("en", "fr"),
            "welcome.fr.md",
            "premiere-facture.fr.md",
            "/fr/getting-started/premiere-facture/",
            "Un article en français traduit un article en anglais, la langue par défaut de ce centre d'aide, qui se place à "
            "côté de lui : `premiere-facture.md`.",
            "Chaque article en français traduit un article en anglais et se place à côté de lui : `premiere-facture.md` en "
            "anglais, `premiere-facture.fr.md` en français.",
        ),
    ],
)
def test_each_starter_article_says_where_its_own_language_goes(tmp_path, languages, path, file, address, source, last):
    options = SiteOptions(tmp_path, None, "https://aide.example/", languages, "#0f6e5c", "/contact/")
    text = site_files(options, wheel=WHEEL, version=lanterne.__version__, pins=[], today=date(2026, 12, 4))[f"docs/getting-started/{path}"]
    assert f": `{file}`." in text and f": `{address}`." in text
    assert (source in text) if source else ("translates" not in text and "traduit" not in text)
    assert text.rstrip().splitlines()[-1] == f"- {last}"


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
        # Issue 22.15: a language twice once written as file names write it; a name twice; a name in a language the site lacks.
        (["--languages", "fr,FR"], "--languages: 'fr' is given twice; expected each language once, such as fr,en"),
        (["--name", "Aide", "--name", "Hilfe"], "--name: the name in 'fr' is given twice; expected one name per language"),
        (
            ["--name", "en=Help", "--name", "EN=Support"],
            "--name en=...: the name in 'en' is given twice; expected one name per language",
        ),
        (
            ["--name", "de=Hilfe"],
            "--name: 'de=Hilfe' names the site in 'de', which is not in --languages (fr,en); expected one of them",
        ),
        (["--name", "en= "], f"--name: ' ' is not a site name; {NAME_EXPECTED}"),
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


def test_a_name_given_for_the_default_language_only_is_every_languages_and_said_so(tmp_path, capsys):
    folder = tmp_path / "help"
    assert main(["new", str(folder), "--name", "Bidule", "--languages", "fr,en", "--name", "A=B"]) == 2  # two French names
    assert main(["new", str(folder), "--name", "Bidule = aide", "--languages", "fr,en"]) == 0
    out = capsys.readouterr().out
    assert "lanterne new: the en pages are titled 'Bidule = aide' too; to name them in en, add --name en='...'\n" in out
    assert 'title: "Bidule = aide"' in (folder / "docs/index.en.md").read_text()


def test_without_a_name_each_language_has_its_own(tmp_path):
    folder = tmp_path / "help"
    assert main(["new", str(folder), "--languages", "fr,en"]) == 0
    assert load_config(config_file=str(folder / "mkdocs.yml")).site_name == "Centre d'aide"
    assert 'title: "Help centre"' in (folder / "docs/index.en.md").read_text()


def test_the_makefile_serves_the_internal_build_beside_the_feedback_service(new_site):
    done = subprocess.run(["make", "-n", "serve-internal"], cwd=new_site[0], capture_output=True, text=True, check=True)
    assert "lanterne serve -f mkdocs.internal.yml --dev-addr 127.0.0.1:8000" in done.stdout
    assert "-m lanterne.feedback serve --host 127.0.0.1 --port 8001" in done.stdout
    assert "LANTERNE_FEEDBACK_REPORT=http://127.0.0.1:8001/report" in done.stdout


def test_the_favicon_is_the_brands(new_site, built):
    for site in built.values():
        page = BeautifulSoup((site / "getting-started/welcome/index.html").read_text(), "html.parser")
        assert page.select_one("link[rel=icon]")["href"] == "../../assets/lanterne-favicon.svg"
        icon = BeautifulSoup((site / "assets/lanterne-favicon.svg").read_text(), "xml")
        assert icon.svg.rect["fill"] == "#0f6e5c"
        assert icon.svg.svg["fill"] == "#ffffff"


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


# `lanterne upgrade` (issue 22.16): a site made once, copied for each test, and engine wheels made from its own.
CHANGELOG = f"""# Changelog

## [Unreleased]

- Not yet.

## [0.9.0] - 2027-01-10

### Added

- Nine.

## [0.5.0] - 2026-12-20

- Five.

## [{lanterne.__version__}] - 2026-12-01

- The version the site has.

## [0.1.0]

- One.
"""


@pytest.fixture(scope="module")
def made_site(tmp_path_factory) -> Path:
    """A French site made by `lanterne new`, never changed: tests upgrade copies of it."""
    folder = tmp_path_factory.mktemp("made") / "help"
    assert main(["new", str(folder), "--languages", "fr"]) == 0
    return folder


@pytest.fixture
def site(made_site, tmp_path) -> Path:
    """A copy of the made site, for one test to upgrade."""
    return Path(shutil.copytree(made_site, tmp_path / "help"))


def engine_like(site: Path, folder: Path, version: str, *, pins: dict[str, str], note: str = "") -> Path:
    """The site's engine wheel as another version: its METADATA's version and exact pins changed, this CHANGELOG inside."""
    original = site / "vendor" / WHEEL
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"lanterne-{version}-py3-none-any.whl"
    info = f"lanterne-{lanterne.__version__}.dist-info/"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w") as wheel:
        for name in source.namelist():
            data = source.read(name)
            if name == info + "METADATA":
                data = _metadata(data.decode(), version, pins).encode()
            elif name == "lanterne/CHANGELOG.md":
                data = (CHANGELOG + note).encode()
            wheel.writestr(name.replace(info, f"lanterne-{version}.dist-info/"), data)
    return target


def _metadata(text: str, version: str, pins: dict[str, str]) -> str:
    """METADATA with another version, each named requirement pinned anew (or added), the rest as it was."""
    message = email.message_from_string(text)
    message.replace_header("Version", version)
    requires = [line for line in message.get_all("Requires-Dist") if line.split("=")[0].split("[")[0] not in pins]
    del message["Requires-Dist"]
    for line in [*requires, *(f"{name}=={pin}" for name, pin in pins.items())]:
        message["Requires-Dist"] = line
    return message.as_string()


def _stamp(site: Path) -> str:
    """The install marker `make` would touch: it names what the site's .venv was installed from."""
    done = subprocess.run(["make", "-n", "test"], cwd=site, capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in done.stdout.splitlines() if line.startswith("touch .venv/.installed-"))


def _requirements(site: Path) -> list[str]:
    return [line for line in (site / "requirements.txt").read_text().splitlines() if not line.startswith("#")]


def test_upgrade_from_a_wheel_replaces_it_repins_and_prints_the_changelog_between(site, tmp_path, capsys):
    before = _requirements(site)
    new = engine_like(site, tmp_path / "dist", "0.9.0", pins={"mkdocs-material": "9.9.1", "newdep": "1.2.3"})
    assert main(["upgrade", str(new), "--site", str(site)]) == 0
    assert sorted(path.name for path in (site / "vendor").iterdir()) == ["lanterne-0.9.0-py3-none-any.whl"]
    assert (site / "vendor/lanterne-0.9.0-py3-none-any.whl").read_bytes() == new.read_bytes()
    after = _requirements(site)
    assert after[0] == "./vendor/lanterne-0.9.0-py3-none-any.whl"
    assert "mkdocs-material==9.9.1" in after and "newdep==1.2.3" in after
    assert set(after) - set(before) == {after[0], "mkdocs-material==9.9.1", "newdep==1.2.3"}
    assert set(before) - set(after) == {f"./vendor/{WHEEL}", "mkdocs-material==9.8.2"}
    out = capsys.readouterr().out
    assert out.startswith(
        f"lanterne upgrade: lanterne {lanterne.__version__} -> 0.9.0, from vendor/lanterne-0.9.0-py3-none-any.whl\n"
        f"lanterne upgrade: removed vendor/{WHEEL}\n"
        "lanterne upgrade: requirements.txt: mkdocs-material 9.8.2 -> 9.9.1\n"
        "lanterne upgrade: requirements.txt: newdep 1.2.3 (new)\n"
        f"\nWhat changed from {lanterne.__version__} to 0.9.0 (CHANGELOG.md):\n\n"
        "## [0.9.0] - 2027-01-10\n\n### Added\n\n- Nine.\n\n## [0.5.0] - 2026-12-20\n\n- Five.\n\n"
        "Next: make test"
    )


def test_a_wheel_rebuilt_with_the_same_version_replaces_the_old_one_and_is_installed_again(site, tmp_path, capsys):
    stamp = _stamp(site)
    rebuilt = engine_like(site, tmp_path / "dist", lanterne.__version__, pins={}, note="\n- Rebuilt.\n")
    assert main(["upgrade", str(rebuilt), "--site", str(site)]) == 0
    assert [path.name for path in (site / "vendor").iterdir()] == [WHEEL]
    assert (site / "vendor" / WHEEL).read_bytes() == rebuilt.read_bytes()
    assert "(the same version, rebuilt: `make` installs it again)" in capsys.readouterr().out
    # The Makefile's install marker hashes the wheel too: the same requirements.txt, another wheel, another install.
    assert _stamp(site) != stamp


def test_upgrade_to_an_index_version_pins_it_and_removes_the_vendored_wheel(site, tmp_path, monkeypatch, capsys):
    index = tmp_path / "index"
    engine_like(site, index, "0.9.0", pins={})
    # pip's own settings: an offline "index" of one folder, as a team's mirror would be.
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(index))
    assert main(["upgrade", "0.9.0", "--site", str(site)]) == 0
    assert _requirements(site)[0] == "lanterne==0.9.0"
    assert not (site / "vendor").exists()
    assert "from the package index (lanterne==0.9.0)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("source", "message"),
    # what `lanterne upgrade` is given, and the one line it answers (after "lanterne upgrade: ")
    [
        (
            "nothing-here/lanterne-9.9.9-py3-none-any.whl",
            "nothing-here/lanterne-9.9.9-py3-none-any.whl: is not an engine wheel; expected a file such as lanterne-0.3.0-py3-none-any.whl",
        ),
        ("latest", "'latest' is neither a wheel file nor a version; expected a .whl path or a version such as 0.3.0"),
    ],
)
def test_upgrade_refuses_what_is_not_an_engine(site, capsys, source, message):
    before = (site / "requirements.txt").read_text()
    assert main(["upgrade", source, "--site", str(site)]) == 1
    assert capsys.readouterr().err == f"lanterne upgrade: {message}\n"
    assert (site / "requirements.txt").read_text() == before
    assert [path.name for path in (site / "vendor").iterdir()] == [WHEEL]


def test_upgrade_outside_a_site_says_so(tmp_path, capsys):
    assert main(["upgrade", "0.9.0", "--site", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"lanterne upgrade: {tmp_path}: has no requirements.txt; expected the folder of a site written by lanterne new\n"
    )
