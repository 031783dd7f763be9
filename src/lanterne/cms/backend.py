"""Where the editor saves: the local proxy on the working tree (`make edit`), or the team's git host (`extra.lanterne.editor`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError


class EditorOptions(BaseModel):
    """`extra.lanterne.editor`: the git host the internal build's /admin/ saves to, and how agents sign in to it."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    backend: Literal["github", "gitlab", "gitea"]
    repo: str
    branch: str = "main"
    # GitHub: the OAuth proxy's address; GitLab: the instance (https://gitlab.com or your own); Gitea/Forgejo: the instance.
    base_url: str | None = None
    api_root: str | None = None
    auth_endpoint: str | None = None
    auth_type: Literal["pkce", "implicit"] | None = None
    app_id: str | None = None
    # A save is a draft on a branch with its pull request; publishing merges it (Decap's editorial workflow).
    editorial_workflow: bool = True


class OptionsError(Exception):
    """`extra.lanterne.editor` is wrong; carries `mkdocs.yml: extra.lanterne.editor.key: ...` lines."""


def git_host(options: Any) -> tuple[dict[str, Any], bool]:
    """Decap's backend for the team's git host, and whether drafts go through the editorial workflow."""
    try:
        checked = EditorOptions.model_validate(options)
    except ValidationError as error:
        lines = [f"mkdocs.yml: extra.lanterne.editor.{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in error.errors()]
        raise OptionsError("\n".join(lines)) from None
    backend = {"name": checked.backend, "repo": checked.repo, "branch": checked.branch}
    for key in ("base_url", "api_root", "auth_endpoint", "auth_type", "app_id"):
        if getattr(checked, key):
            backend[key] = getattr(checked, key)
    return backend, checked.editorial_workflow


def local_proxy(url: str, branch: str) -> dict[str, Any]:
    """Decap's backend for decap-server on the working tree: bound to 127.0.0.1, branch = the one checked out."""
    return {"name": "proxy", "proxy_url": url, "branch": branch}
