"""Plain data handed from a source to the analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FileStatus = Literal["added", "modified", "deleted", "renamed"]
ChangeKind = Literal["squash", "merge", "commit"]
NoteKind = Literal[
    # read from git
    "renames-undetected", "empty-change", "submodule", "symlink", "mode-changed", "content-missing",
    "binary", "too-large", "not-utf8", "diff-capped", "texts-capped",
    # read from GitHub
    "api-files-capped", "api-texts-capped", "api-no-patch", "api-patch-unreadable",
    "api-content-failed", "api-too-large", "api-undecodable", "api-empty-change",
    # met in the analysis
    "does-not-parse", "rule-failed", "idiom-failed", "analysis-failed",
    # met checking a tree
    "partly-checked",
]


@dataclass
class Note:
    """Something that limited what could be read or analysed, as a kind, the file it is about
    (none: the whole change) and its particulars (a size, the modes, an error). The narrator
    phrases it in the report's language."""

    kind: NoteKind
    path: str = ""
    args: dict[str, str] = field(default_factory=dict)

    @classmethod
    def failure(cls, kind: NoteKind, exc: Exception, **args: str) -> Note:
        """A part of the analysis that failed, with the exception that stopped it."""
        return cls(kind, args={**args, "error": f"{type(exc).__name__}: {exc}"})


@dataclass
class ChangeMeta:
    """One change on the first-parent history: a merged PR or a plain commit."""

    sha: str
    short: str
    number: int | None
    title: str
    tags: list[str]
    author: str | None
    merged_at: str
    base: str | None
    body: str
    kind: ChangeKind

    @property
    def id(self) -> str:
        return str(self.number) if self.number is not None else self.short


@dataclass
class Hunk:
    """One diff hunk: where it sits on both sides and which lines it adds and removes."""

    old_start: int
    old_lines: int
    new_start: int
    new_lines: int
    added: list[int]
    removed: list[int]


@dataclass
class FileDiff:
    """One changed path. `old_text`/`new_text` are None when absent or not analysable."""

    path: str
    old_path: str | None
    status: FileStatus
    additions: int = 0
    deletions: int = 0
    hunks: list[Hunk] = field(default_factory=list)
    old_text: str | None = None
    new_text: str | None = None
    notes: list[Note] = field(default_factory=list)

    @property
    def added_lines(self) -> list[int]:
        """New-file numbers of the lines the hunks add."""
        return [number for hunk in self.hunks for number in hunk.added]

    @property
    def removed_lines(self) -> list[int]:
        """Old-file numbers of the lines the hunks remove."""
        return [number for hunk in self.hunks for number in hunk.removed]


@dataclass
class ChangeDiff:
    meta: ChangeMeta
    files: list[FileDiff]
    notes: list[Note] = field(default_factory=list)
