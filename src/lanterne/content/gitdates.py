"""The date of each file under docs/: its last commit, read in one `git log` pass; its modification time where git cannot tell.

This is the convention of the git-revision-date plugins (the author date of the last commit that touched the file),
read for the whole folder at once instead of with one process per file. A commit that only moves a file, without
changing it, is not an update: the file keeps the date it had at its old path.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

COMMIT = "\x01"
LOG = ("log", "--no-merges", "--relative", "-M", "-z", "--name-status", f"--format={COMMIT}%aI", "--", ".")
STATUS = ("status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
REV_PARSE = ("rev-parse", "--is-shallow-repository", "--show-prefix")
# Configuration a user may have that would change what git prints, and no index lock taken behind the author's back.
GIT = ("git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", "--no-pager")
ENV = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
SHOWN = 5

Git = Callable[[Sequence[str], Path], str]


@dataclass(frozen=True)
class Dated:
    """An article's last update and where it was read: 'front matter', 'git' or 'mtime'."""

    day: date
    source: str


@dataclass
class History:
    """What git knows about docs/: each committed file's date, the files with changes not committed, and why not, if not."""

    dates: dict[str, date] = field(default_factory=dict)
    uncommitted: set[str] = field(default_factory=set)
    unavailable: str | None = None
    shallow: bool = False


def parse_log(output: str) -> dict[str, date]:
    """Each file's date from `git log -z --name-status` output, newest commit first; pure moves keep the older date."""
    dates: dict[str, date] = {}
    moved: dict[str, str] = {}  # an older path -> the path it has now
    day: date | None = None
    tokens = iter(output.split("\0"))
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith(COMMIT):
            day = date.fromisoformat(token[1:11])
            continue
        if not token or day is None:
            continue
        if token[0] in "RC":
            old, new = next(tokens, ""), next(tokens, "")
            current = moved.pop(new, new)
            if token == "R100":
                moved[old] = current  # the file did not change: its date is the last change before the move
                continue
            dates.setdefault(current, day)
            continue
        path = next(tokens, "")
        dates.setdefault(moved.pop(path, path), day)
    return dates


def parse_status(output: str, prefix: str) -> set[str]:
    """The files under docs/ with changes not committed, from `git status --porcelain -z` run in docs/."""
    changed: set[str] = set()
    tokens = iter(output.split("\0"))
    for token in tokens:
        if len(token) < 4:
            continue
        if token[0] in "RC":
            next(tokens, None)  # the path it was renamed or copied from
        path = token[3:]
        if path.startswith(prefix):
            changed.add(path[len(prefix) :])
    return changed


def run_git(arguments: Sequence[str], cwd: Path) -> str:
    """Run git in a folder and return what it printed; raise OSError or CalledProcessError when it cannot answer."""
    env = {**os.environ, **ENV}
    finished = subprocess.run([*GIT, *arguments], cwd=cwd, env=env, capture_output=True, check=True)
    return finished.stdout.decode("utf-8", errors="surrogateescape")


def read_history(docs_dir: Path, git: Git = run_git) -> History:
    """Ask git about docs/ with three processes, whatever the number of files."""
    try:
        shallow, prefix = [*git(REV_PARSE, docs_dir).splitlines(), "", ""][:2]
    except OSError:
        return History(unavailable="git is not installed")
    except subprocess.CalledProcessError as error:
        said = (error.stderr or b"").decode("utf-8", errors="replace").strip().splitlines()
        if not said or "not a git repository" in said[0]:
            return History(unavailable=f"{docs_dir.name}/ is not in a git checkout")
        return History(unavailable=f"git cannot read {docs_dir.name}/ ({said[0].removeprefix('fatal: ')})")
    try:
        dates = parse_log(git(LOG, docs_dir))
    except subprocess.CalledProcessError:
        dates = {}  # a repository without a commit yet
    return History(dates, parse_status(git(STATUS, docs_dir), prefix), shallow=shallow == "true")


class FileDates:
    """The dates of the files under one docs/ folder: git is asked once, on the first file that needs it."""

    def __init__(self, docs_dir: Path, git: Git = run_git) -> None:
        self.docs_dir = docs_dir
        self._git = git
        self._history: History | None = None
        self._from_git: list[str] = []
        self._from_mtime: list[str] = []

    def __call__(self, src_path: str) -> Dated:
        """The date of one file, by its path relative to docs/."""
        if self._history is None:
            self._history = read_history(self.docs_dir, self._git)
        day = self._history.dates.get(src_path)
        if day is not None and src_path not in self._history.uncommitted:
            self._from_git.append(src_path)
            return Dated(day, "git")
        self._from_mtime.append(src_path)
        return Dated(modified(self.docs_dir / src_path), "mtime")

    def notes(self) -> list[tuple[int, str]]:
        """What the build should say, once, about the dates it could not read from git: (logging level, message)."""
        history = self._history
        if history is None:
            return []
        found = []
        if self._from_mtime:
            files = _listed(self._from_mtime)
            if history.unavailable:
                reason = f"{history.unavailable}, so {len(self._from_mtime)} article(s) without updated: show"
                found.append(
                    (
                        logging.WARNING,
                        f"Lanterne: {reason} their file's modification time: {files}; build from a "
                        "git checkout, or give them an updated: date",
                    )
                )
            else:
                found.append(
                    (
                        logging.INFO,
                        f"Lanterne: {len(self._from_mtime)} article(s) not committed yet show their "
                        f"file's modification time until they are: {files}",
                    )
                )
        if history.shallow and self._from_git:
            found.append(
                (
                    logging.WARNING,
                    "Lanterne: the git checkout is shallow, so articles without updated: show at "
                    "the oldest the date of its oldest commit; fetch the whole history (git fetch --unshallow, or "
                    "fetch-depth: 0 with actions/checkout)",
                )
            )
        return found


def modified(path: Path) -> date:
    """The local date a file was last modified; today for a file that is not there."""
    try:
        return date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return date.today()


def _listed(paths: list[str]) -> str:
    """Name the first few files, and count the others."""
    named = ", ".join(f"docs/{path}" for path in sorted(paths)[:SHOWN])
    return named if len(paths) <= SHOWN else f"{named} and {len(paths) - SHOWN} more"
