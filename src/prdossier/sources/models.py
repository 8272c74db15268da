"""Plain data handed from a source to the analysis."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

FileStatus = Literal["added", "modified", "deleted", "renamed"]
ChangeKind = Literal["squash", "merge", "commit"]


class ChangeMeta(BaseModel):
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


class Hunk(BaseModel):
    """One diff hunk: where it sits on both sides and which lines it adds and removes."""

    old_start: int
    old_lines: int
    new_start: int
    new_lines: int
    added: list[int]
    removed: list[int]


class FileDiff(BaseModel):
    """One changed path. `old_text`/`new_text` are None when absent or not analysable."""

    path: str
    old_path: str | None
    status: FileStatus
    additions: int = 0
    deletions: int = 0
    hunks: list[Hunk] = []
    old_text: str | None = None
    new_text: str | None = None
    notes: list[str] = []


class ChangeDiff(BaseModel):
    meta: ChangeMeta
    files: list[FileDiff]
    notes: list[str] = []
