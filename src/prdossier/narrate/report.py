"""The report as the JSON contract (REPORT_FORMAT.md) defines it."""

from __future__ import annotations

from typing import Literal

from msgspec import UNSET, Struct, UnsetType

from prdossier.analysis.models import Finding
from prdossier.sources.models import FileStatus

SCHEMA_VERSION = "1"
Language = Literal["zh", "en"]


class Snippet(Struct, kw_only=True):
    path: str
    start_line: int
    end_line: int
    code: str
    note: str


class IdiomEntry(Struct, kw_only=True):
    idiom: str
    path: str
    start_line: int
    end_line: int
    symbol: str | None
    detail: str


class RepoRef(Struct, kw_only=True):
    name: str | None
    path: str | None
    url: str | None


class PullRequestRef(Struct, kw_only=True):
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


class Summary(Struct, kw_only=True):
    one_liner: str
    recommendation: str


class FileEntry(Struct, kw_only=True):
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


class ReviewSection(Struct, kw_only=True):
    """`overview` (who reviewed, how many threads) exists only when review data is available."""

    available: bool
    highlights: list[dict[str, object]]
    overview: str | UnsetType = UNSET


class RelatedPR(Struct, kw_only=True):
    number: int
    title: str
    score: float
    type: str
    type_label: str
    reasons: list[str]


class Impact(Struct, kw_only=True):
    users: str
    system: str
    team: str


class ReportMeta(Struct, kw_only=True):
    generator: str
    version: str
    generated_at: str
    language: Language
    narrator: str
    warnings: list[str]
    empty_sections: dict[str, str]


class Report(Struct, kw_only=True):
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
