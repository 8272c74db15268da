"""A whole source tree, read file by file: a git revision or a folder on disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pygit2

from prdossier.errors import UserError
from prdossier.sources.models import Note

# libgit2 maps pack files in windows of up to 1 GiB and keeps up to 8 GiB of them mapped, so a
# walk through a whole history counts the entire pack in each process's resident memory.
# Small windows under a low cap bound that; reading speed is the same.
pygit2.settings.mwindow_size = 8 << 20
pygit2.settings.mwindow_mapped_limit = 32 << 20

MAX_TREE_FILE_BYTES = 1_500_000
SYMLINK_MODE = 0o120000  # git's mode of a symbolic link
_SKIPPED_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__",
                           "build", "dist", ".tox", ".nox", ".mypy_cache", ".ruff_cache",
                           "site-packages"})


@dataclass(frozen=True)
class TreeFile:
    """A file of a tree; `key` changes whenever the content does (a blob id, or size+mtime)."""

    path: str
    key: str


class SourceTree(Protocol):
    label: str

    def files(self, wanted: Callable[[str], bool]) -> list[TreeFile]: ...

    def read(self, file: TreeFile) -> bytes | None: ...

    def reopened(self) -> SourceTree:
        """The same tree on fresh handles, for use in a forked worker process."""
        ...


class GitTree:
    """The tree of one commit. A blob missing from a partial clone reads as None."""

    def __init__(self, repo: pygit2.Repository, rev: str) -> None:
        try:
            commit = repo.revparse_single(rev).peel(pygit2.Commit)
        except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
            raise UserError(f"unknown revision: {rev}") from None
        self.repo = repo
        self.rev = str(commit.id)
        self.tree = commit.tree
        self.label = f"{rev} ({self.rev[:10]})"

    def reopened(self) -> GitTree:
        return GitTree(pygit2.Repository(self.repo.path), self.rev)

    def files(self, wanted: Callable[[str], bool]) -> list[TreeFile]:
        return [TreeFile(path, key) for path, key in _walk(self.tree, "") if wanted(path)]

    def read(self, file: TreeFile) -> bytes | None:
        oid = pygit2.Oid(hex=file.key)
        if not self.repo.odb.exists(oid):
            return None
        blob = self.repo[oid]
        return blob.data if isinstance(blob, pygit2.Blob) and blob.size <= MAX_TREE_FILE_BYTES else None


def decode_source(data: bytes) -> str:
    """The text of a source file: UTF-8 with undecodable bytes replaced and a byte-order mark
    dropped (Python runs a file that starts with one; `ast.parse` of such a string fails)."""
    return data.decode("utf-8-sig", errors="replace")


def decode_noted(data: bytes, path: str) -> tuple[str, Note | None]:
    """The text of the source file at `path`, as `decode_source` gives it, and a note where it is
    not valid UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return decode_source(data), Note("not-utf8", path)


def _walk(tree: pygit2.Tree, prefix: str) -> Iterator[tuple[str, str]]:
    for entry in tree:
        path = f"{prefix}{entry.name}"
        if entry.type_str == "tree":
            if entry.name not in _SKIPPED_DIRS:
                yield from _walk(entry, f"{path}/")  # type: ignore[arg-type]
        elif entry.type_str == "blob" and entry.filemode != SYMLINK_MODE:
            yield path, str(entry.id)  # a symbolic link's blob holds a path, not the file's text


class DiskTree:
    """A folder as it is on disk now (the working tree, uncommitted edits included)."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise UserError(f"not a folder: {root}")
        self.root = root.resolve()
        self.label = str(root)

    def reopened(self) -> DiskTree:
        return self

    def files(self, wanted: Callable[[str], bool]) -> list[TreeFile]:
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
            relative = Path(folder).relative_to(self.root).as_posix()
            for name in sorted(names):
                path = name if relative == "." else f"{relative}/{name}"
                if wanted(path):
                    stat = (Path(folder) / name).stat()
                    found.append(TreeFile(path, f"{path}:{stat.st_size}:{stat.st_mtime_ns}"))
        return found

    def read(self, file: TreeFile) -> bytes | None:
        target = self.root / file.path
        try:
            return target.read_bytes() if target.stat().st_size <= MAX_TREE_FILE_BYTES else None
        except OSError:
            return None
