"""The issue's bar: exports of all three tools imported into one `lanterne new` site, which then passes its own checks
(`lanterne check`: both builds strict, links, leaks, embed budget, API, accessibility and search in Chromium)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

from import_server import HELPSCOUT_ROUTES, INTERCOM_ROUTES, ZENDESK_ROUTES, copy_fixture, import_into, old_site, site_fixture

__all__ = ["site_fixture"]  # the fixture `site`: a new English and French help centre
TOOLS = {"zendesk": ZENDESK_ROUTES, "intercom": INTERCOM_ROUTES, "helpscout": HELPSCOUT_ROUTES}


def test_three_help_centres_imported_into_one_new_site_pass_its_checks(site, tmp_path, capsys):
    with contextlib.ExitStack() as stack:
        for tool, routes in TOOLS.items():
            served = stack.enter_context(old_site(tmp_path / tool, routes))
            copy_fixture(tool, served.folder, served.origin)
            assert import_into(site, tool, str(served.folder)) == 0, capsys.readouterr().err
        capsys.readouterr()
        for tool in TOOLS:
            assert import_into(site, tool, str(tmp_path / tool)) == 0
            assert "0 written" in capsys.readouterr().out, tool
    redirects = (site / "docs/.redirects.yml").read_text()
    assert "hc/en-us/articles/360000000101: billing/invoices/send-an-invoice.md" in redirects
    assert "en/articles/8001: getting-started-2/welcome-to-acme.md" in redirects
    assert "article/125: using-acme/projects/create-a-project.md" in redirects
    # In its own process, as a team runs it: the session's browser fixture holds this process's Playwright.
    env = {key: value for key, value in os.environ.items() if key != "LANTERNE_SKIP_SEARCH_INDEX"}
    checked = subprocess.run([sys.executable, "-m", "lanterne", "check"], cwd=site, env=env, capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout + checked.stderr
