"""A small help centre with an internal article and an internal note, built public and internal once for these tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import write_site

from lanterne.check.builds import Build, build_site
from lanterne.check.context import Context, make_context

INTERNAL_CONFIG = "INHERIT: mkdocs.yml\nsite_dir: site-internal\nextra:\n  lanterne:\n    audience: internal\n"
FEEDBACK = "https://retours.example/api/reactions"
NOTE = "Vérifiez le journal bidulex avant de relancer le client."
FILES = {
    "factures/relancer.md": (
        "---\ntitle: Relancer un client\ndescription: Les relances automatiques.\nauthor: lea\nupdated: 2024-09-02\n"
        "tags: [paiement]\n---\n\n## Quand\n\nProgrammez les relances.\n\n"
        # Highlighted code: comments, list items and punctuation must reach 4.5:1 in both schemes too.
        "1. Écrivez :\n\n    ```yaml\n    # Relances\n    tags: [email, pdf, relance automatique]\n    ```\n\n"
        f'!!! internal "Pour le support"\n    {NOTE}\n\n    Ouvrez la **Console zorglub > Journaux** ensuite.\n'
    ),
    "factures/procedure.md": (
        "---\ntitle: Procédure interne de remboursement\nauthor: lea\nupdated: 2024-09-01\naudience: internal\n---\n\nÉtapes.\n"
    ),
}


def write_checked_site(root: Path, files: dict[str, str | None] | None = None, *, internal: bool = True) -> Path:
    """Write a site with mkdocs.yml (and mkdocs.internal.yml) into `root`, as `lanterne check` finds it."""
    write_site(root, {**FILES, **(files or {})}, extra={"feedback": {"endpoint": FEEDBACK}})
    if internal:
        (root / "mkdocs.internal.yml").write_text(INTERNAL_CONFIG, encoding="utf-8")
    return root


@dataclass
class Checked:
    """The fixture site, its two builds and the context the checks read."""

    root: Path
    public: Build
    internal: Build
    context: Context


@pytest.fixture(scope="session")
def checked(tmp_path_factory) -> Checked:
    """Build the fixture site, public and internal, with the check's own build function."""
    root = write_checked_site(tmp_path_factory.mktemp("checked"))
    builds = [
        build_site(label, root / name, root / "out" / label)
        for label, name in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml"))
    ]
    assert [build.ok for build in builds] == [True, True], [build.messages for build in builds]
    return Checked(root, *builds, context=make_context(builds))


@pytest.fixture
def altered(checked, tmp_path):
    """A copy of the fixture's builds to alter: altered() -> Context over copies in tmp_path."""

    def _copy() -> Context:
        builds = []
        for build in checked.context.builds:
            site = tmp_path / build.label
            shutil.copytree(build.site, site)
            builds.append(Build(build.label, build.config_file, site, build.ok, build.messages, build.config))
        return make_context(builds)

    return _copy
