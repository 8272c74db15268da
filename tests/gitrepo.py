"""Real git repositories built in temporary folders for the tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Mia Merger", "GIT_COMMITTER_EMAIL": "mia@example.com",
    "GIT_AUTHOR_DATE": "2026-05-01T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-05-01T10:00:00+08:00",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


class GitRepoBuilder:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str | None = None) -> str:
        """Run git here; `when` (ISO 8601) sets the author and committer dates."""
        env = {**os.environ, **_ENV}
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
        done = subprocess.run(["git", *args], cwd=self.root, env=env, check=True,
                              capture_output=True, text=True)
        return done.stdout.strip()

    def write(self, path: str, content: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    def remove(self, path: str) -> None:
        self.git("rm", "-q", path)

    def commit(self, message: str, files: dict[str, str | bytes] | None = None,
               when: str | None = None) -> str:
        for path, content in (files or {}).items():
            self.write(path, content)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD")


def shallow_clone_of_two_commits(root: Path, first: str) -> Path:
    """A depth-1 clone, below `root`, of a repository of two commits (`first`, then `second
    (#2)`): the clone lacks the base of its only commit."""
    origin = GitRepoBuilder(root / "origin")
    origin.commit(first, {"a.py": "A = 1\n"})
    origin.commit("second (#2)", {"a.py": "A = 2\n"})
    clone = root / "shallow"
    origin.git("clone", "-q", "--depth", "1", f"file://{origin.root}", str(clone))
    return clone
