"""What became of a review thread, from checkable evidence.

`fixed`: a later commit of the PR changed the commented lines (GitHub's compare from the commit
the comment was written on to the PR's head). `accepted`: someone other than the commenter
agreed in a reply, or the thread was resolved, without such a change. `answered`: someone
other than the commenter replied. `outdated`: GitHub marks the thread outdated but the
commented lines themselves did not change. `unanswered`: none of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prdossier.analysis.models import OutcomeBasis, ReviewOutcome
from prdossier.sources.patches import parse_file_patch
from prdossier.sources.pull_thread import GhFile

_AGREEMENT = re.compile(
    r"\b(?:done|fixed|addressed|updated|changed|good (?:catch|point|idea)|nice catch|thanks|"
    r"thank you|agreed?|will (?:do|fix|change|update)|makes sense|you'?re right|sgtm|lgtm)\b|"
    r"👍|已修改|已修复|已更新|好的|同意", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    author: str
    body: str


@dataclass(frozen=True)
class Verdict:
    """The outcome, what it rests on, and the detail to check it (a line span, a reply)."""

    outcome: ReviewOutcome
    basis: OutcomeBasis
    detail: str = ""


def changed_lines(files: list[GhFile], path: str) -> set[int] | None:
    """Lines of `path`, numbered as before the compare, that the compare removed or inserted
    text next to; None when the compare does not touch the file."""
    for file in files:
        if path not in (file.filename, file.previous_filename):
            continue
        if file.status == "removed":
            return {0}
        if file.patch is None:
            return None
        return _touched(path, file.patch)
    return None


def _touched(path: str, patch: str) -> set[int]:
    parsed = parse_file_patch(path, patch)
    touched: set[int] = set()
    for hunk in parsed or []:
        previous = hunk.source_start - 1
        for line in hunk:
            if line.is_removed and line.source_line_no is not None:
                touched.add(line.source_line_no)
            elif line.is_added:
                touched.update((previous, previous + 1))
            if line.source_line_no is not None:
                previous = line.source_line_no
    return touched


def inline_verdict(lines: range | None, changed: set[int] | None, replies: list[Reply],
                   resolved: bool, outdated: bool) -> Verdict:
    fix = _fix(lines, changed)
    if fix is not None:
        return fix
    settled = _from_replies(replies)
    if settled is not None:
        return settled
    if resolved:
        return Verdict("accepted", "resolved")
    if outdated:
        return Verdict("outdated", "outdated")
    return Verdict("unanswered", "nothing")


def _fix(lines: range | None, changed: set[int] | None) -> Verdict | None:
    if not changed:
        return None
    if 0 in changed:
        return Verdict("fixed", "file-removed")
    if lines is not None and changed & set(lines):
        return Verdict("fixed", "lines-changed", _span(lines))
    return None


def conversation_verdict(replies: list[Reply], approved_later: bool) -> Verdict:
    settled = _from_replies(replies)
    if settled is not None:
        return settled
    if approved_later:
        return Verdict("accepted", "approved-later")
    return Verdict("unanswered", "nothing")


def _from_replies(replies: list[Reply]) -> Verdict | None:
    if not replies:
        return None
    agreeing = next((r for r in replies if _AGREEMENT.search(r.body)), None)
    if agreeing is not None:
        return Verdict("accepted", "agreeing-reply", _quote(agreeing))
    return Verdict("answered", "reply", _quote(replies[0]))


def _quote(reply: Reply) -> str:
    text = " ".join(reply.body.split())
    return f"{reply.author}: “{text[:80]}{'…' if len(text) > 80 else ''}”"


def _span(lines: range) -> str:
    return str(lines.start) if len(lines) == 1 else f"{lines.start}-{lines[-1]}"
