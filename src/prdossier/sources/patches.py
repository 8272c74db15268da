"""GitHub's per-file patches (hunks without a file header), read with unidiff."""

from __future__ import annotations

from unidiff import PatchedFile, PatchSet
from unidiff.errors import UnidiffParseError


def parse_file_patch(path: str, patch: str) -> PatchedFile | None:
    """The hunks of one file's patch, as the API sends it; None when it cannot be read."""
    try:
        patched = PatchSet(f"--- a/{path}\n+++ b/{path}\n{patch}\n")
    except UnidiffParseError:
        return None
    return patched[0] if len(patched) else None
