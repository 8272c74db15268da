"""A PR and its GitHub thread, shaped as the API answers, for the review tests.

PR #3 makes `f` call `torch.mm(..., out_dtype=...)` in a project pinning torch 2.9.0, whose
`mm` accepts it. Its threads: a review bot claiming the keyword is unsupported (answered, and
contradicted by the signature), a human remark on a line a later commit changed (fixed), an
unanswered correctness remark, a nitpick resolved on GitHub, and a review asking for changes
and approving later.
"""

from __future__ import annotations

import base64
import difflib
from pathlib import Path
from typing import Any

from tests.gitrepo import GitRepoBuilder
from tests.projects import MM_WITH_OUT_DTYPE, fake_torch

HEAD = "a" * 40
OLD = "b" * 40
MERGED = "2026-05-02T08:00:00Z"
OPS_V1 = "import torch\n\n\ndef f(a, b):\n    return torch.mm(a, b)\n"
OPS_V2 = ("import torch\n\n\ndef f(a, b):\n    c = torch.mm(a, b, out_dtype=torch.float32)\n"
          "    return c.to(a.dtype)\n\n\ndef g(x):\n    return x.sum()\n")
GEMINI = {"login": "gemini-code-assist[bot]", "type": "Bot"}
RABBIT = {"login": "coderabbitai[bot]", "type": "Bot"}
AUTHOR = {"login": "ada", "type": "User"}
REVIEWER = {"login": "rui", "type": "User"}


def pr_repo(root: Path) -> GitRepoBuilder:
    """The clone: PR #3 squash-merged on top of an initial import, torch pinned to 2.9.0."""
    site = fake_torch(root.parent / "site", "2.9.0", MM_WITH_OUT_DTYPE)
    repo = GitRepoBuilder(root)
    repo.commit("Initial import", {
        "pyproject.toml": f'[project]\nname = "pkg"\ndependencies = ["torch==2.9.0"]\n\n'
                          f'[tool.prdossier]\nsignature-paths = ["{site}"]\n',
        "pkg/__init__.py": "", "pkg/ops.py": OPS_V1})
    repo.commit("[Kernel] Accumulate f in fp32 (#3)", {"pkg/ops.py": OPS_V2},
                when="2026-05-02T16:00:00+08:00")
    return repo


def comment(id_: int, user: dict[str, str], body: str, line: int | None, original_line: int,
            commit: str = HEAD, reply_to: int | None = None) -> dict[str, Any]:
    return {"id": id_, "user": user, "body": body, "path": "pkg/ops.py", "line": line,
            "original_line": original_line, "commit_id": HEAD, "original_commit_id": commit,
            "in_reply_to_id": reply_to, "created_at": f"2026-05-01T10:{id_ % 60:02d}:00Z",
            "html_url": f"https://github.com/o/r/pull/3#discussion_r{id_}"}


PULL = {"number": 3, "title": "[Kernel] Accumulate f in fp32", "body": "Uses fp32 accumulation.",
        "user": AUTHOR, "labels": [{"name": "kernel"}], "merged_at": MERGED,
        "updated_at": MERGED, "merge_commit_sha": "c" * 40,
        "html_url": "https://github.com/o/r/pull/3", "head": {"sha": HEAD},
        "base": {"sha": "d" * 40}}
REVIEW_COMMENTS = [
    comment(101, GEMINI, "![high](https://www.gstatic.com/codereviewagent/high-priority.svg)\n\n"
            "`torch.mm` does not support the `out_dtype` keyword argument; this call will raise "
            "a `TypeError` at run time.\n\n```suggestion\n    c = torch.mm(a, b)\n```", 5, 5),
    comment(102, AUTHOR, "torch 2.9 has it, see the release notes.", 5, 5, reply_to=101),
    comment(201, REVIEWER, "Returning `c` unchanged loses the caller's dtype; cast it back.",
            None, 6, commit=OLD),
    comment(301, REVIEWER, "`g` will crash with an error on empty tensors.", 10, 10),
    comment(401, RABBIT, "_🧹 Nitpick (assertive)_\n\nConsider adding a docstring to `g`.", 9, 9),
]
REVIEWS = [
    {"id": 11, "user": REVIEWER, "state": "CHANGES_REQUESTED",
     "body": "Please look at the precision of `f` before merging.",
     "submitted_at": "2026-05-01T10:30:00Z", "html_url": "https://github.com/o/r/pull/3#r11"},
    {"id": 12, "user": REVIEWER, "state": "APPROVED", "body": "",
     "submitted_at": "2026-05-01T12:00:00Z"},
]
ISSUE_COMMENTS = [
    {"id": 21, "user": AUTHOR, "body": "/gemini review", "created_at": "2026-05-01T09:00:00Z"},
    {"id": 22, "user": GEMINI, "body": "## Summary of Changes\n\nThis pull request changes `f`.",
     "created_at": "2026-05-01T09:01:00Z"},
]
THREADS = [
    {"isResolved": False, "isOutdated": False, "comments": {"nodes": [{"databaseId": 101},
                                                                      {"databaseId": 102}]}},
    {"isResolved": False, "isOutdated": True, "comments": {"nodes": [{"databaseId": 201}]}},
    {"isResolved": False, "isOutdated": False, "comments": {"nodes": [{"databaseId": 301}]}},
    {"isResolved": True, "isOutdated": False, "comments": {"nodes": [{"databaseId": 401}]}},
]
COMPARE_FILES = [{"filename": "pkg/ops.py", "status": "modified",
                  "patch": "@@ -4,3 +4,3 @@ import torch\n def f(a, b):\n"
                           "     c = torch.mm(a, b, out_dtype=torch.float32)\n"
                           "-    return c\n+    return c.to(a.dtype)\n"}]


def bundle() -> dict[str, Any]:
    """The thread as `prdossier import` takes it (docs/import-format.md)."""
    return {"format": "prdossier-pr-thread/1", "repository": "o/r", "pull": PULL,
            "reviews": REVIEWS, "review_comments": REVIEW_COMMENTS,
            "issue_comments": ISSUE_COMMENTS, "review_threads": THREADS,
            "closing_issues": [{"number": 2, "title": "f overflows in fp16"}],
            "compares": {OLD: COMPARE_FILES}}


def api_files() -> list[dict[str, Any]]:
    """`pulls/3/files` as GitHub answers: the patch without its file header."""
    diff = difflib.unified_diff(OPS_V1.splitlines(keepends=True), OPS_V2.splitlines(keepends=True))
    patch = "".join(list(diff)[2:])
    return [{"filename": "pkg/ops.py", "status": "modified", "additions": 6, "deletions": 1,
             "patch": patch},
            {"filename": "docs/logo.png", "status": "added", "additions": 0, "deletions": 0}]


def api_content(text: str) -> dict[str, Any]:
    return {"encoding": "base64", "content": base64.b64encode(text.encode()).decode()}
