"""The house's public doors stay where sites and servers find them, and its layers hold (import-linter)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

ENGINE = ROOT / "src" / "lanterne"


@pytest.mark.parametrize(
    ("module", "attribute"),
    [
        ("lanterne.adapter", "Adapter"),  # hooks/lanterne_hooks.py: `from lanterne.adapter import *`
        ("lanterne.emoji", "makeExtension"),  # markdown_extensions: - lanterne.emoji
        ("lanterne.emoji", "to_svg"),  # pymdownx.emoji's emoji_generator: !!python/name:lanterne.emoji.to_svg
        ("lanterne.feedback.app", "create_app"),  # uvicorn --factory lanterne.feedback.app:create_app
        ("lanterne.feedback.server", "ReadTimeoutProtocol"),  # uvicorn --http lanterne.feedback.server:ReadTimeoutProtocol
        ("lanterne.cli", "main"),  # the `lanterne` console script
    ],
)
def test_the_paths_that_sites_and_servers_name_still_import(module, attribute):
    assert callable(getattr(importlib.import_module(module), attribute))


def test_the_adapter_line_exports_mkdocs_events():
    namespace: dict = {}
    exec("from lanterne.adapter import *", namespace)  # exactly what a site's hooks file runs
    assert {"on_config", "on_files", "on_page_markdown", "on_post_build"} <= set(namespace)


@pytest.mark.parametrize("command", ["serve", "report", "searches", "export", "import"])
def test_python_m_lanterne_feedback_still_runs_each_command(command):
    done = subprocess.run([sys.executable, "-m", "lanterne.feedback", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and command in done.stdout


@pytest.mark.parametrize("command", ["new", "check", "serve", "deploy", "feedback"])
def test_every_lanterne_command_still_answers(command):
    done = subprocess.run([sys.executable, "-m", "lanterne", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("usage: lanterne " + command)


def test_at_most_twelve_modules_sit_flat_in_the_engine():
    flat = sorted(path.name for path in ENGINE.glob("*.py"))
    assert len(flat) <= 12, flat


def test_the_layers_and_the_store_contracts_hold():
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "0 broken" in done.stdout and "4 kept" in done.stdout


@pytest.mark.parametrize("command", ["serve", "report", "searches", "export", "import"])
def test_lanterne_feedback_is_the_service_command_under_its_own_name(command):
    done = subprocess.run([sys.executable, "-m", "lanterne", "feedback", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith(f"usage: lanterne feedback {command}")


def test_lanterne_feedback_and_python_m_lanterne_feedback_give_the_same_report(tmp_path):
    database = str(tmp_path / "feedback.sqlite3")
    outputs = [
        subprocess.run([*prefix, "report", "--database", database, "--format", "json"], capture_output=True, text=True)
        for prefix in ([sys.executable, "-m", "lanterne", "feedback"], [sys.executable, "-m", "lanterne.feedback"])
    ]
    assert [o.returncode for o in outputs] == [0, 0] and outputs[0].stdout == outputs[1].stdout
    assert outputs[0].stdout.strip().startswith("[") or outputs[0].stdout.strip().startswith("{")


def test_a_mistyped_option_is_still_refused_by_the_other_commands():
    done = subprocess.run([sys.executable, "-m", "lanterne", "check", "--bogus"], capture_output=True, text=True)
    assert done.returncode == 2 and "unrecognized arguments: --bogus" in done.stderr
