"""A merged PR read from GitHub's API alone, for repositories without a local clone.

The changed files and their patches come from `pulls/N/files`. For Python files and
dependency manifests the new text is read at the PR's head (`contents`, one request each) and
the old text is the new one with the patch taken back, so the syntax-tree diff runs as it does
on a clone. A file GitHub sends no patch for (binary, or a diff too large) keeps its line
counts and a note.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any
from urllib.parse import quote

from unidiff import Hunk as PatchHunk
from unidiff import PatchedFile

from prdossier.sources.github import GitHubClient, GitHubError
from prdossier.sources.models import ChangeDiff, ChangeMeta, FileDiff, FileStatus, Hunk, Note
from prdossier.sources.patches import parse_file_patch
from prdossier.sources.titles import split_tags
from prdossier.sources.tree import decode_source

MAX_API_FILES = 3000
MAX_TEXT_FILES = 60
_STATUS: dict[str, FileStatus] = {"added": "added", "removed": "deleted", "modified": "modified",
                                  "renamed": "renamed", "changed": "modified", "copied": "added"}
_TEXT_SUFFIXES = (".py", ".pyi", "pyproject.toml", "setup.cfg", ".txt")


def change_from_api(client: GitHubClient, pull: dict[str, Any]) -> ChangeDiff:
    number = int(pull["number"])
    tags, title = split_tags(pull.get("title") or "")
    sha = change_sha(pull)
    meta = ChangeMeta(
        sha=sha, short=sha[:10], number=number, title=title, tags=tags,
        author=(pull.get("user") or {}).get("login"),
        merged_at=datetime.fromisoformat(pull["merged_at"]).isoformat(),
        base=(pull.get("base") or {}).get("sha"), body=pull.get("body") or "", kind="squash")
    listed = client.get_list(f"pulls/{number}/files")
    notes: list[Note] = []
    if len(listed) >= MAX_API_FILES:
        notes.append(Note("api-files-capped", args={"limit": str(MAX_API_FILES)}))
    head = pull["head"]["sha"]
    files = []
    for position, item in enumerate(listed):
        files.append(_file_diff(client, item, head, read_text=position < MAX_TEXT_FILES))
    if len(listed) > MAX_TEXT_FILES:
        notes.append(Note("api-texts-capped", args={"limit": str(MAX_TEXT_FILES)}))
    if not files:
        notes.append(Note("api-empty-change"))
    return ChangeDiff(meta=meta, files=files, notes=notes)


def change_sha(pull: dict[str, Any]) -> str:
    """The commit the PR became on its base branch (its head when GitHub gives none)."""
    return str(pull.get("merge_commit_sha") or pull["head"]["sha"])


def _file_diff(client: GitHubClient, item: dict[str, Any], head: str, read_text: bool) -> FileDiff:
    status = _STATUS.get(item.get("status", "modified"), "modified")
    path = item["filename"]
    diff = FileDiff(path=path, old_path=item.get("previous_filename") if status == "renamed" else None,
                    status=status, additions=int(item.get("additions", 0)),
                    deletions=int(item.get("deletions", 0)))
    patch = item.get("patch")
    if patch is None:
        if diff.additions or diff.deletions or status != "renamed":
            diff.notes.append(Note("api-no-patch", path))
        return diff
    parsed = parse_file_patch(path, patch)
    if parsed is None:
        diff.notes.append(Note("api-patch-unreadable", path))
        return diff
    diff.hunks = [_hunk(hunk) for hunk in parsed]
    if read_text and path.endswith(_TEXT_SUFFIXES):
        _add_texts(client, diff, parsed, head)
    return diff


def _add_texts(client: GitHubClient, diff: FileDiff, parsed: PatchedFile, head: str) -> None:
    if diff.status == "deleted":
        diff.old_text = _side(parsed, "source")
        return
    if diff.status == "added":
        diff.new_text = _side(parsed, "target")
        return
    new_text = _content(client, diff.path, head, diff.notes)
    if new_text is not None:
        diff.new_text = new_text
        diff.old_text = _taken_back(new_text, parsed)


def _content(client: GitHubClient, path: str, ref: str, notes: list[Note]) -> str | None:
    try:
        data = client.get_object(f"contents/{quote(path)}?ref={ref}")
    except GitHubError as exc:
        notes.append(Note("api-content-failed", path, {"error": str(exc)}))
        return None
    if data.get("encoding") != "base64":
        notes.append(Note("api-too-large", path))
        return None
    try:
        raw = base64.b64decode(data.get("content") or "")
    except (binascii.Error, ValueError):
        notes.append(Note("api-undecodable", path))
        return None
    return decode_source(raw)


def _hunk(hunk: PatchHunk) -> Hunk:
    return Hunk(old_start=hunk.source_start, old_lines=hunk.source_length,
                new_start=hunk.target_start, new_lines=hunk.target_length,
                added=[line.target_line_no for line in hunk if line.is_added],
                removed=[line.source_line_no for line in hunk if line.is_removed])


def _side(parsed: PatchedFile, side: str) -> str:
    """The whole text of a file added or removed: one side of its single hunk."""
    keep = "is_added" if side == "target" else "is_removed"
    return "".join(line.value for hunk in parsed for line in hunk
                   if getattr(line, keep) or line.is_context)


def _taken_back(new_text: str, parsed: PatchedFile) -> str:
    """The text before the patch: each hunk's new lines replaced by its old ones."""
    new_lines = new_text.splitlines(keepends=True)
    old: list[str] = []
    position = 0
    for hunk in parsed:
        start = hunk.target_start - 1 if hunk.target_length else hunk.target_start
        old.extend(new_lines[position:start])
        old.extend(line.value for line in hunk if line.is_removed or line.is_context)
        position = start + hunk.target_length
    old.extend(new_lines[position:])
    return "".join(old)
