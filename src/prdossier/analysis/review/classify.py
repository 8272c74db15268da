"""What a review comment is about, and how severe its author (often a bot) says it is.

Deterministic: wording, the severity markers review bots put in their comments (gemini-code-assist's
`![high]` badges, CodeRabbit's "Potential issue" / "Nitpick" / "🟠 Major" labels, a
`Severity: high` line) and the rule a comment cites (a PEP 8 or lint code is style; a CWE is
security).
"""

from __future__ import annotations

import re

from prdossier.analysis.models import ReviewCategory
from prdossier.analysis.review.text import CommentText

SEVERITY_BONUS = 2
_LEVELS = r"(critical|high|major|medium|minor|low)"
_BADGE = re.compile(rf"^{_LEVELS}(?:[- ]priority)?$", re.IGNORECASE)
_LABELLED_SEVERITY = re.compile(rf"(?:severity[:\s*_]*|[🔴🟠🟡🔵⚪]\s*){_LEVELS}\b", re.IGNORECASE)
_SEVERITY_NAMES = {"major": "high", "minor": "low"}
_WORDS: dict[ReviewCategory, re.Pattern[str]] = {
    "security": re.compile(
        r"secur|vulnerab|injection|\bCWE-\d+|\bCVE-\d+|secret|credential|sanitiz|untrusted|"
        r"pickle\.load|\beval\(|shell=True|path traversal", re.IGNORECASE),
    "performance": re.compile(
        r"perform|\bslow|overhead|latency|throughput|\bspeed|memory (?:usage|footprint)|"
        r"allocat|\bcop(?:y|ies)\b|recompil|\bcach(?:e|ing)|O\(n|efficien|synchroni[sz]|"
        r"host[- ]to[- ]device|bandwidth|vectori[sz]|hot path|per[- ]step", re.IGNORECASE),
    "correctness": re.compile(
        r"\bbugs?\b|incorrect|\bwrong|crash|\berrors?\b|exception|\bfail|\bbreak|broken|"
        r"\brace condition|deadlock|\bNone\b|undefined|not defined|overflow|off[- ]by[- ]one|"
        r"mismatch|unsupported|not supported|will raise|\w+Error\b|regression|edge case|"
        r"precision|\bdtype|\bshape|potential issue|does not (?:exist|accept|work)", re.IGNORECASE),
    "design": re.compile(
        r"refactor|abstraction|\bdesign|architect|coupl|maintainab|duplicat|\breus|interface|"
        r"long[- ]term|approach|\bAPI\b|encapsulat|hard-?coded|generali[sz]|extensib|"
        r"separate (?:module|file|function|class)|(?:move|moving) (?:this|it) (?:to|into)",
        re.IGNORECASE),
    "style": re.compile(
        r"\bnit\b|nitpick|typo|naming|\brename|formatting|readab|parenthes|\bunused|docstring|"
        r"\bstyle|\blint|PEP ?8|\b[EFWC]\d{3,4}\b|whitespace|indentation|spelling|"
        r"\bconsisten", re.IGNORECASE),
}
_BOT_LABELS: tuple[tuple[re.Pattern[str], ReviewCategory], ...] = (
    (re.compile(r"potential issue", re.IGNORECASE), "correctness"),
    (re.compile(r"refactor suggestion", re.IGNORECASE), "design"),
    (re.compile(r"nitpick", re.IGNORECASE), "style"),
)
_PRIORITY: tuple[ReviewCategory, ...] = ("security", "correctness", "performance", "design",
                                         "style")


def severity(text: CommentText) -> str | None:
    """The severity a comment declares: a badge's alt text or a labelled severity."""
    for badge in text.badges:
        if match := _BADGE.match(badge.strip()):
            return _normal(match[1])
    if match := _LABELLED_SEVERITY.search(text.prose):
        return _normal(match[1])
    return None


def category(text: CommentText, declared: str | None) -> ReviewCategory:
    scores = {name: len(pattern.findall(text.prose)) for name, pattern in _WORDS.items()}
    for pattern, label in _BOT_LABELS:
        if pattern.search(text.prose):
            scores[label] += SEVERITY_BONUS
    if declared in ("critical", "high") and not scores["security"]:
        scores["correctness"] += SEVERITY_BONUS
    best = max(_PRIORITY, key=lambda name: (scores[name], -_PRIORITY.index(name)))
    return best if scores[best] else "other"


def _normal(word: str) -> str:
    lowered = word.lower()
    return _SEVERITY_NAMES.get(lowered, lowered)
