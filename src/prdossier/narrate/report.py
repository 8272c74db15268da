"""The report as the JSON contract (REPORT_FORMAT.md) defines it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from msgspec import UNSET, UnsetType

from prdossier.analysis.models import Finding
from prdossier.sources.models import FileStatus

SCHEMA_VERSION = "1"
Language = Literal["zh", "en"]


@dataclass(kw_only=True)
class Snippet:
    path: str
    start_line: int
    end_line: int
    code: str
    note: str


@dataclass(kw_only=True)
class IdiomEntry:
    idiom: str
    path: str
    start_line: int
    end_line: int
    symbol: str | None
    detail: str


@dataclass(kw_only=True)
class RepoRef:
    name: str | None
    path: str | None
    url: str | None


@dataclass(kw_only=True)
class PullRequestRef:
    number: int | None
    id: str
    title: str
    tags: list[str]
    author: str | None
    merged_at: str | None
    url: str | None
    base: str | None
    head: str
    labels: list[str]


@dataclass(kw_only=True)
class Summary:
    one_liner: str
    recommendation: str


@dataclass(kw_only=True)
class FileEntry:
    path: str
    old_path: str | None
    status: FileStatus
    module: str
    category: str
    change_type: str
    symbols: list[str]
    additions: int
    deletions: int
    role: str


@dataclass(kw_only=True)
class ReviewSection:
    """`overview` (who reviewed, how many threads) exists only when review data is available."""

    available: bool
    highlights: list[dict[str, object]]
    overview: str | UnsetType = UNSET


@dataclass(kw_only=True)
class RelatedPR:
    number: int
    title: str
    score: float
    type: str
    type_label: str
    reasons: list[str]


@dataclass(kw_only=True)
class Impact:
    users: str
    system: str
    team: str


@dataclass(kw_only=True)
class ReportMeta:
    generator: str
    version: str
    generated_at: str
    language: Language
    narrator: str
    warnings: list[str]
    empty_sections: dict[str, str]


@dataclass(kw_only=True)
class Report:
    schema_version: Literal["1"] = SCHEMA_VERSION
    repo: RepoRef
    pr: PullRequestRef
    summary: Summary
    motivation: str
    implementation: list[str]
    files: list[FileEntry]
    key_symbols: list[str]
    snippets: list[Snippet]
    idioms: list[IdiomEntry]
    review: ReviewSection
    risks: list[Finding]
    risk_level: Literal["low", "medium", "high"]
    impact: Impact
    risk_tags: list[str]
    related: list[RelatedPR]
    meta: ReportMeta
