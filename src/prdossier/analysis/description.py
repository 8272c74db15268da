"""What the PR's own text says: its motivating paragraphs and the PRs and issues it names."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from prdossier.analysis.models import Description, Reference
from prdossier.sources.models import ChangeMeta

MAX_MOTIVATION_CHARS = 1200
MAX_COMMIT_MESSAGES = 20
_MOTIVATION_HEADING = re.compile(
    r"motivation|why|background|problem|summary|description|purpose|context|overview|"
    r"what does this pr do|issue|动机|背景|描述|概述", re.IGNORECASE)
_SKIPPED_HEADING = re.compile(
    r"checklist|test(ing)?( plan| done| result)?s?$|accuracy|benchmark|profil|"
    r"review process|before submitting|screenshot", re.IGNORECASE)
_CHECKBOX = re.compile(r"^\[[ xX]\]\s")
_TRAILER = re.compile(r"^(Co-authored-by|Signed-off-by|Reviewed-by|Change-Id):", re.IGNORECASE)
_COMMIT_BULLET = re.compile(r"^\*\s+(?P<message>\S.*)$")
_REFERENCE = re.compile(
    r"https?://github\.com/(?P<url_repo>[\w.-]+/[\w.-]+)/(?:pull|issues)/(?P<url_number>\d+)"
    r"|(?<![\w/])(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+)\b"
)
_LEAD = re.compile(
    r"\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|depends on|based on|requires|"
    r"follow[- ]?up(?: of| to| on)?|reverts?|revert of)\W{0,3}$", re.IGNORECASE)
_RELATION = (
    (re.compile(r"fix|close|resolve", re.I), "closes"),
    (re.compile(r"depends|based|requires", re.I), "depends-on"),
    (re.compile(r"follow", re.I), "follow-up"),
    (re.compile(r"revert", re.I), "reverts"),
)
_REVERTED_COMMIT = re.compile(r"This reverts commit ([0-9a-f]{7,40})")
_PARSER = MarkdownIt("zero", {"html": True}).enable(
    ["heading", "lheading", "list", "html_block", "fence", "code", "backticks"])


def describe(meta: ChangeMeta) -> Description:
    body = "\n".join(line for line in meta.body.splitlines() if not _TRAILER.match(line.strip()))
    sections = _sections(body)
    chosen = [text for heading, text in sections
              if heading and _MOTIVATION_HEADING.search(heading) and not _SKIPPED_HEADING.search(heading)]
    if not chosen:
        chosen = [text for heading, text in sections if heading is None]
    if not chosen:
        chosen = [text for heading, text in sections if not _SKIPPED_HEADING.search(heading or "")][:1]
    motivation = _clip(" ".join(" ".join(chosen).split()))
    messages = [m["message"].strip() for line in body.splitlines()
                if (m := _COMMIT_BULLET.match(line.strip()))][:MAX_COMMIT_MESSAGES]
    reverted = _REVERTED_COMMIT.search(meta.body)
    return Description(motivation=motivation, commit_messages=messages,
                       references=references(f"{meta.title}\n{body}", meta.number),
                       reverts_commit=reverted[1] if reverted else None)


def references(text: str, own_number: int | None) -> list[Reference]:
    found: dict[tuple[str | None, int], Reference] = {}
    for match in _REFERENCE.finditer(text):
        number = int(match["url_number"] or match["number"])
        repo = match["url_repo"] or match["repo"]
        if number == own_number and repo is None:
            continue
        lead = _LEAD.search(text, max(0, match.start() - 30), match.start())
        relation = next((rel for pattern, rel in _RELATION
                         if lead and pattern.search(lead.group(0))), "mentions")
        key = (repo, number)
        if key not in found or found[key].relation == "mentions":
            found[key] = Reference(number=number, repo=repo, relation=relation,
                                   text=(lead.group(0) if lead else "") + match.group(0))
    return list(found.values())


def _sections(body: str) -> list[tuple[str | None, str]]:
    """(heading, text) pairs; text leaves out HTML comments, code, and checklist items."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    tokens = _PARSER.parse(body)
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            if in_heading:
                sections.append((token.content.strip(), []))
            elif not _CHECKBOX.match(token.content):
                sections[-1][1].append(_plain(token))
    return [(heading, " ".join(parts)) for heading, parts in sections if " ".join(parts).strip()]


def _plain(token: Token) -> str:
    pieces = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(f"`{child.content}`" if child.type == "code_inline" else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return "".join(pieces).strip()


def _clip(text: str) -> str:
    if len(text) <= MAX_MOTIVATION_CHARS:
        return text
    cut = text[:MAX_MOTIVATION_CHARS]
    sentence_end = max(cut.rfind(". "), cut.rfind("。"))
    return (cut[: sentence_end + 1] if sentence_end > MAX_MOTIVATION_CHARS // 2 else cut) + " …"
