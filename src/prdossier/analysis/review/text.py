"""The prose of a review comment, read with markdown-it: code blocks, HTML and badges set apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_EXCERPT = 220
_PARSER = MarkdownIt("commonmark", {"html": True})
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s")


@dataclass(frozen=True)
class CommentText:
    """`prose`: the words, inline code kept in backticks; `badges`: image alt texts (review bots
    mark severity with images such as `![high](...)`); `code`: fenced and indented code."""

    prose: str
    badges: tuple[str, ...]
    code: str

    @property
    def identifiers(self) -> set[str]:
        """Names the comment puts in backticks."""
        return set(re.findall(r"`([A-Za-z_][\w.]*)(?:\(\))?`", self.prose))

    def excerpt(self) -> str:
        first = _SENTENCE_END.split(self.prose.strip(), maxsplit=1)[0] if self.prose else ""
        if len(first) > MAX_EXCERPT:
            first = first[:MAX_EXCERPT - 1].rstrip() + "…"
        return first


def read_comment(body: str | None) -> CommentText:
    prose: list[str] = []
    badges: list[str] = []
    code: list[str] = []
    for token in _PARSER.parse(body or ""):
        if token.type in ("fence", "code_block"):
            code.append(token.content)
        elif token.type == "inline":
            prose.append(_inline_text(token.children or [], badges))
    return CommentText(prose=" ".join(" ".join(p.split()) for p in prose if p.strip()),
                       badges=tuple(badges), code="\n".join(code))


def _inline_text(children: list[Token], badges: list[str]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            badges.append(child.content)
    return "".join(parts)
