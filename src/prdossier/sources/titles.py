"""What a commit message says about the PR behind it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SQUASH = re.compile(r"^(?P<title>.*?)\s*\(#(?P<number>\d+)\)\s*$")
_MERGE = re.compile(r"^Merge pull request #(?P<number>\d+) from \S+")
_LEADING_TAG = re.compile(r"^\s*\[(?P<tag>[^\[\]]*)\]")


@dataclass(frozen=True)
class PullRequestTitle:
    number: int | None
    title: str
    tags: list[str]


def split_tags(title: str) -> tuple[list[str], str]:
    """Leading bracket tags of a title: `[AMD][Kernel] x` -> (["AMD", "Kernel"], "x").

    A group with commas gives several tags: `[NPU, A3]` -> ["NPU", "A3"].
    """
    tags: list[str] = []
    rest = title
    while match := _LEADING_TAG.match(rest):
        tags.extend(part.strip() for part in match["tag"].split(",") if part.strip())
        rest = rest[match.end():]
    return tags, rest.strip()


def parse_subject(subject: str, body: str, is_merge: bool) -> PullRequestTitle:
    """PR number and title from a squash subject `title (#N)` or a GitHub merge commit."""
    if is_merge and (merge := _MERGE.match(subject)):
        first_body_line = body.strip().splitlines()[0].strip() if body.strip() else subject
        tags, _ = split_tags(first_body_line)
        return PullRequestTitle(int(merge["number"]), first_body_line, tags)
    if squash := _SQUASH.match(subject):
        tags, _ = split_tags(squash["title"])
        return PullRequestTitle(int(squash["number"]), squash["title"].strip(), tags)
    tags, _ = split_tags(subject)
    return PullRequestTitle(None, subject.strip(), tags)
