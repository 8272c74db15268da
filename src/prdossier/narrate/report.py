"""The report as the JSON contract (REPORT_FORMAT.md) defines it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer

from prdossier.analysis.models import Idiom, Risk, Snippet
from prdossier.sources.models import FileStatus

SCHEMA_VERSION = "1"
Language = Literal["zh", "en"]


class RepoRef(BaseModel):
    name: str | None
    path: str | None
    url: str | None


class PullRequestRef(BaseModel):
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


class Summary(BaseModel):
    one_liner: str
    recommendation: str


class FileEntry(BaseModel):
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


class ReviewSection(BaseModel):
    """`overview` (who reviewed, how many threads) exists only when review data is available."""

    available: bool
    highlights: list[dict[str, object]]
    overview: str = ""

    @model_serializer(mode="wrap")
    def _without_empty_overview(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        if not self.available:
            data.pop("overview", None)
        return data


class RelatedPR(BaseModel):
    number: int
    title: str
    score: float
    type: str
    type_label: str
    reasons: list[str]


class Impact(BaseModel):
    users: str
    system: str
    team: str


class ReportMeta(BaseModel):
    generator: str
    version: str
    generated_at: str
    language: Language
    narrator: str
    warnings: list[str]
    empty_sections: dict[str, str]


class Report(BaseModel):
    schema_version: Literal["1"] = SCHEMA_VERSION
    repo: RepoRef
    pr: PullRequestRef
    summary: Summary
    motivation: str
    implementation: list[str]
    files: list[FileEntry]
    key_symbols: list[str]
    snippets: list[Snippet]
    idioms: list[Idiom]
    review: ReviewSection
    risks: list[Risk]
    risk_level: Literal["low", "medium", "high"]
    impact: Impact
    risk_tags: list[str]
    related: list[RelatedPR]
    meta: ReportMeta
