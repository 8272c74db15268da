"""Related PRs: which other PRs explain one PR, each link with a type, a score and its reasons.

Evidence is gathered through inverted indexes (file, symbol, tag, referenced number) so a PR
is compared only with the PRs it shares something with. Each kind of evidence adds points;
the score is `1 - exp(-points)`, so strong evidence saturates near 1 and weak evidence stays
low. A link is computed once per pair and stored for both PRs, each with its own view.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from prdossier.analysis.models import (
    SCORE_THRESHOLD,
    ChangeFacts,
    LinkReason,
    LinkType,
    ReasonKind,
    RelatedLink,
)

# Below this many PRs, rarity is judged as if there were this many, so a small history does
# not make every shared file look common.
MIN_CORPUS = 50
# A file or symbol changed by more than this share of PRs is too common to say anything.
COMMON_SHARE = 0.05
TAG_WINDOW_DAYS = 30
FIX_WINDOW_DAYS = 30
MAX_REASON_ITEMS = 5

REFERENCE_POINTS = {"depends-on": 3.0, "follow-up": 3.0, "closes": 3.0, "reverts": 4.0,
                    "mentions": 2.0}
REVERT_POINTS = 4.0
SERIES_POINTS = 2.0
FIX_POINTS = 0.5
FIX_SYMBOL_WEIGHT = 0.5
SYMBOL_POINTS_CAP = 2.5
FILE_POINTS = 0.6
FILE_POINTS_CAP = 1.5
CANDIDATE_MIN_WEIGHT = 0.15
TAG_POINTS = 0.9
SUPPORTING_WEIGHT = 0.4
PRODUCT_CATEGORIES = ("source", "benchmark")

_SERIES = re.compile(r"[\[(]\s*(?:part\s*)?(\d+)\s*/\s*(\d+|n)\s*[\])]|\bpart\s+(\d+)\b", re.I)
_FIX_TITLE = re.compile(r"\b(fix(e[sd])?|bug|hotfix|regression)\b", re.I)
_REVERT_TITLE = re.compile(r'^Revert\s+"(?P<title>.+?)(?:\s+\(#\d+\))?"\s*$')
# Title tags that say what kind of change it is, not which backend or effort it belongs to.
_KIND_TAG = re.compile(
    r"^(feat(ure)?s?|bug ?fix(es)?|fix(es)?|hot ?fix|bugs?|misc|ci|docs?|tests?|testing|"
    r"perf(ormance)?|refactor(ing)?|core|build|chore|wip|minor|cleanup|style|lint|release|"
    r"enhancement|improvement|example|benchmark)$", re.I)
_WORD = re.compile(r"[a-z0-9_]+")
_PREREQUISITE_RELATIONS = ("depends-on", "follow-up", "closes")
_MIRRORED_KIND: dict[ReasonKind, ReasonKind] = {
    "references": "referenced-by", "referenced-by": "references", "reverts": "reverted-by",
    "reverted-by": "reverts", "fixes": "fixed-by", "fixed-by": "fixes",
}
_MIRRORED_TYPE: dict[LinkType, LinkType] = {"prerequisite": "follow-up", "follow-up": "prerequisite"}


@dataclass(frozen=True)
class PrDigest:
    """What linking needs to know of one PR."""

    sha: str
    number: int
    title: str
    tags: tuple[str, ...]
    merged_at: datetime
    files: Mapping[str, tuple[int, int]]  # path -> (additions, deletions)
    supporting: frozenset[str]  # paths of tests, docs, configuration: weaker evidence
    symbols: frozenset[str]  # "path::qualname"
    references: tuple[tuple[int, str], ...]  # (number, relation), same repository only
    reverts_commit: str | None

    @cached_property
    def day(self) -> float:
        """The merge time in days since the epoch."""
        return self.merged_at.timestamp() / 86400

    @cached_property
    def series(self) -> tuple[str, frozenset[str]] | None:
        """(position marker, words of the title without it) when the title names a series."""
        match = _SERIES.search(self.title)
        if not match:
            return None
        rest = self.title[:match.start()] + self.title[match.end():]
        return match.group(0).strip(), frozenset(_WORD.findall(rest.lower()))

    @cached_property
    def reverted_title(self) -> str | None:
        match = _REVERT_TITLE.match(self.title)
        return match["title"] if match else None


def digest_of(facts: ChangeFacts) -> PrDigest | None:
    meta = facts.meta
    if meta.number is None:
        return None
    return PrDigest(
        sha=meta.sha, number=meta.number, title=meta.title, tags=tuple(meta.tags),
        merged_at=datetime.fromisoformat(meta.merged_at),
        files={f.path: (f.additions, f.deletions) for f in facts.files},
        supporting=frozenset(f.path for f in facts.files if f.category not in PRODUCT_CATEGORIES),
        symbols=frozenset(f"{s.path}::{s.qualname}" for f in facts.files for s in f.symbols),
        references=tuple((r.number, r.relation) for r in facts.description.references
                         if r.repo is None),
        reverts_commit=facts.description.reverts_commit,
    )


@dataclass
class Corpus:
    """The PRs already linked, with inverted indexes over what they changed."""

    digests: dict[str, PrDigest] = field(default_factory=dict)
    by_number: dict[int, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    by_file: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_symbol: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # tag -> (day, sha), kept sorted so a time window is a slice
    by_tag: defaultdict[str, list[tuple[float, str]]] = field(
        default_factory=lambda: defaultdict(list))
    referencing: defaultdict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    series: list[str] = field(default_factory=list)
    reverting_commit: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    reverting_title: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, digest: PrDigest) -> None:
        sha = digest.sha
        self.digests[sha] = digest
        self.by_number[digest.number] = sha
        self.by_title[digest.title] = sha
        for path in digest.files:
            self.by_file[path].append(sha)
        for symbol in digest.symbols:
            self.by_symbol[symbol].append(sha)
        for tag in digest.tags:
            bisect.insort(self.by_tag[tag], (digest.day, sha))
        for number, _ in digest.references:
            self.referencing[number].append(sha)
        if digest.series:
            self.series.append(sha)
        if digest.reverts_commit:
            self.reverting_commit[digest.reverts_commit].append(sha)
        if digest.reverted_title:
            self.reverting_title[digest.reverted_title].append(sha)

    def rarity(self, count: int) -> float:
        """1 for something only two PRs share, falling towards 0 as more PRs share it."""
        size = max(len(self.digests) + 1, MIN_CORPUS)
        return max(0.0, math.log(size / max(count, 1)) / math.log(size))

    def common(self, count: int) -> bool:
        return count > max(MIN_CORPUS, COMMON_SHARE * len(self.digests))


@dataclass
class _Evidence:
    points: float = 0.0
    area_points: float = 0.0
    forced_type: LinkType | None = None
    reasons: list[LinkReason] = field(default_factory=list)
    files: list[tuple[float, str]] = field(default_factory=list)
    symbols: list[tuple[float, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def force(self, link_type: LinkType) -> None:
        order: tuple[LinkType, ...] = ("revert", "prerequisite", "follow-up", "same-series",
                                       "referenced", "same-area")
        if self.forced_type is None or order.index(link_type) < order.index(self.forced_type):
            self.forced_type = link_type


def link(pr: PrDigest, corpus: Corpus) -> list[tuple[RelatedLink, RelatedLink]]:
    """Links between `pr` and the corpus: (the link in pr's view, the same link in the other's)."""
    evidence: defaultdict[str, _Evidence] = defaultdict(_Evidence)
    _references(pr, corpus, evidence)
    _reverts(pr, corpus, evidence)
    _series(pr, corpus, evidence)
    _shared_changes(pr, corpus, evidence)
    _same_tags(pr, corpus, evidence)
    pairs = []
    for sha, found in evidence.items():
        other = corpus.digests[sha]
        if other.number == pr.number:
            continue
        forward = _finish(pr, other, found)
        if forward is not None:
            pairs.append((forward, _mirror(forward, pr)))
    return pairs


def _references(pr: PrDigest, corpus: Corpus, evidence: dict[str, _Evidence]) -> None:
    for number, relation in pr.references:
        if (sha := corpus.by_number.get(number)) is None:
            continue
        found = evidence[sha]
        found.points += REFERENCE_POINTS[relation]
        found.reasons.append(LinkReason(kind="references", detail=relation))
        found.force(_referenced_type(relation, outgoing=True))
    for sha in corpus.referencing.get(pr.number, ()):
        other = corpus.digests[sha]
        relation = next(rel for number, rel in other.references if number == pr.number)
        found = evidence[sha]
        found.points += REFERENCE_POINTS[relation]
        found.reasons.append(LinkReason(kind="referenced-by", detail=relation))
        found.force(_referenced_type(relation, outgoing=False))


def _referenced_type(relation: str, outgoing: bool) -> LinkType:
    if relation == "reverts":
        return "revert"
    if relation in _PREREQUISITE_RELATIONS:
        return "prerequisite" if outgoing else "follow-up"
    return "referenced"


def _reverts(pr: PrDigest, corpus: Corpus, evidence: dict[str, _Evidence]) -> None:
    for sha in _reverted_by(pr, corpus):
        _add_revert(evidence[sha], "reverts", pr, corpus.digests[sha])
    reverting = set(corpus.reverting_title.get(pr.title, ()))
    reverting.update(sha for prefix, shas in corpus.reverting_commit.items()
                     if pr.sha.startswith(prefix) for sha in shas)
    for sha in reverting:
        _add_revert(evidence[sha], "reverted-by", corpus.digests[sha], pr)


def _reverted_by(revert: PrDigest, corpus: Corpus) -> set[str]:
    """The PRs `revert` reverts, by the commit its message names or the title it quotes."""
    shas = set()
    if prefix := revert.reverts_commit:
        shas |= ({prefix} & corpus.digests.keys() if len(prefix) == 40
                 else {sha for sha in corpus.digests if sha.startswith(prefix)})
    if revert.reverted_title and (sha := corpus.by_title.get(revert.reverted_title)):
        shas.add(sha)
    return shas


def _add_revert(found: _Evidence, kind: ReasonKind, revert: PrDigest, reverted: PrDigest) -> None:
    found.points += REVERT_POINTS
    found.force("revert")
    if revert.reverts_commit:
        found.reasons.append(LinkReason(kind=kind, items=[revert.reverts_commit[:10]],
                                        detail="commit"))
    else:
        found.reasons.append(LinkReason(kind=kind, items=[revert.reverted_title or ""],
                                        detail="title"))
    if _inverse_diff(revert, reverted):
        found.reasons.append(LinkReason(kind="inverse-diff", items=sorted(revert.files)))


def _inverse_diff(a: PrDigest, b: PrDigest) -> bool:
    return bool(a.files) and a.files.keys() == b.files.keys() and all(
        a.files[path] == b.files[path][::-1] for path in a.files)


def _series(pr: PrDigest, corpus: Corpus, evidence: dict[str, _Evidence]) -> None:
    if not pr.series:
        return
    marker, words = pr.series
    for sha in corpus.series:
        other = corpus.digests[sha]
        other_marker, other_words = other.series or ("", frozenset())
        if _similar(words, other_words) and other_marker != marker:
            found = evidence[sha]
            found.points += SERIES_POINTS
            found.force("same-series")
            found.reasons.append(LinkReason(kind="same-series", items=[marker, other_marker]))


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _shared_changes(pr: PrDigest, corpus: Corpus, evidence: dict[str, _Evidence]) -> None:
    """Shared symbols, then shared files, rarest first.

    A file shared so widely that its weight is under CANDIDATE_MIN_WEIGHT adds to PRs already
    found but finds no new ones: dozens of such files would be needed to reach the threshold.
    """
    for symbol in pr.symbols:
        sharing = corpus.by_symbol.get(symbol, [])
        if not sharing or corpus.common(len(sharing)):
            continue
        weight = corpus.rarity(len(sharing) + 1) ** 2 * _kind_weight(pr, symbol.split("::", 1)[0])
        for sha in sharing:
            evidence[sha].symbols.append((weight, symbol))
    weighted = []
    for path in pr.files:
        sharing = corpus.by_file.get(path, [])
        if sharing and not corpus.common(len(sharing)):
            weight = FILE_POINTS * corpus.rarity(len(sharing) + 1) ** 2 * _kind_weight(pr, path)
            weighted.append((weight, path, sharing))
    for weight, path, sharing in sorted(weighted, reverse=True):
        for sha in sharing:
            if weight >= CANDIDATE_MIN_WEIGHT or sha in evidence:
                evidence[sha].files.append((weight, path))


def _kind_weight(pr: PrDigest, path: str) -> float:
    return SUPPORTING_WEIGHT if path in pr.supporting else 1.0


def _same_tags(pr: PrDigest, corpus: Corpus, evidence: dict[str, _Evidence]) -> None:
    for tag in pr.tags:
        if _KIND_TAG.match(tag):
            continue
        sharing = corpus.by_tag.get(tag, [])
        strength = TAG_POINTS * (0.3 + 0.7 * corpus.rarity(len(sharing) + 1))
        # Beyond this many days the tag alone cannot reach the threshold: such PRs are not
        # made candidates by the tag, only strengthened by it when something else found them.
        alone_days = 10 * math.log(strength / -math.log(1 - SCORE_THRESHOLD))
        first = bisect.bisect_left(sharing, (pr.day - TAG_WINDOW_DAYS - 1, ""))
        last = bisect.bisect_right(sharing, (pr.day + TAG_WINDOW_DAYS + 1, ""))
        for _, sha in sharing[first:last]:
            days = _days(pr, corpus.digests[sha])
            if days <= TAG_WINDOW_DAYS and (days <= alone_days or sha in evidence):
                found = evidence[sha]
                found.tags.append(tag)
                found.area_points += strength * math.exp(-days / 10)


def _days(a: PrDigest, b: PrDigest) -> int:
    return int(abs(a.day - b.day))


def _finish(pr: PrDigest, other: PrDigest, found: _Evidence) -> RelatedLink | None:
    """The link in pr's view, or None when its score stays under the threshold."""
    days = _days(pr, other)
    later = other.day >= pr.day
    area = found.area_points
    area += min(SYMBOL_POINTS_CAP, sum(weight for weight, _ in found.symbols))
    area += min(FILE_POINTS_CAP, sum(weight for weight, _ in found.files))
    area *= 0.3 + 0.7 * math.exp(-days / 90)
    fix = other if later else pr
    fixes = (found.forced_type is None and days <= FIX_WINDOW_DAYS
             and bool(_FIX_TITLE.search(fix.title)) and not fix.reverted_title
             and any(weight >= FIX_SYMBOL_WEIGHT and s.split("::", 1)[0] not in pr.supporting
                     for weight, s in found.symbols))
    score = 1 - math.exp(-(found.points + area + (FIX_POINTS if fixes else 0.0)))
    if score < SCORE_THRESHOLD:
        return None
    reasons = list(found.reasons)
    if fixes:
        reasons.append(LinkReason(kind="fixed-by" if later else "fixes", detail=str(days)))
        found.force("follow-up" if later else "prerequisite")
    if found.symbols:
        symbols = _ranked(found.symbols)
        reasons.append(LinkReason(kind="shared-symbols", items=_names(symbols),
                                  detail=str(len(symbols))))
    if found.files:
        files = _ranked(found.files)
        reasons.append(LinkReason(kind="shared-files", items=files[:MAX_REASON_ITEMS],
                                  detail=str(len(files))))
    if found.tags:
        reasons.append(LinkReason(kind="same-tag", items=sorted(set(found.tags)), detail=str(days)))
    reasons.append(LinkReason(kind="merged-apart", items=["later" if later else "earlier"],
                              detail=str(days)))
    return RelatedLink(sha=other.sha, number=other.number, title=other.title,
                       type=found.forced_type or "same-area", score=round(score, 3),
                       reasons=reasons)


def _ranked(weighted: Iterable[tuple[float, str]]) -> list[str]:
    return [name for _, name in sorted(weighted, key=lambda item: (-item[0], item[1]))]


def _names(symbols: list[str]) -> list[str]:
    names = dict.fromkeys(symbol.split("::", 1)[1] for symbol in symbols)
    return list(names)[:MAX_REASON_ITEMS]


def _mirror(forward: RelatedLink, pr: PrDigest) -> RelatedLink:
    """The same link seen from the other PR."""
    reasons = []
    for reason in forward.reasons:
        kind = _MIRRORED_KIND.get(reason.kind, reason.kind)
        items = reason.items
        if reason.kind == "merged-apart":
            items = ["earlier" if items == ["later"] else "later"]
        elif reason.kind == "same-series":
            items = items[::-1]
        reasons.append(LinkReason(kind=kind, items=items, detail=reason.detail))
    return RelatedLink(sha=pr.sha, number=pr.number, title=pr.title,
                       type=_MIRRORED_TYPE.get(forward.type, forward.type), score=forward.score,
                       reasons=reasons)
