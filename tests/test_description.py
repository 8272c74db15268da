from __future__ import annotations

from prdossier.analysis.description import describe, references
from prdossier.sources.models import ChangeMeta


def _meta(body: str, number: int = 50) -> ChangeMeta:
    return ChangeMeta(sha="a" * 40, short="a" * 10, number=number, title="[NPU] Fix import",
                      tags=["NPU"], author=None, merged_at="2026-01-01T00:00:00+00:00",
                      base=None, body=body, kind="squash")


def test_motivation_comes_from_its_section_without_template_noise() -> None:
    body = ("## Motivation\n<!-- Describe the purpose -->\nThe `sgl_kernel` import breaks NPU.\n\n"
            "## Checklist\n- [ ] Format your code\n\n## Modifications\nMoved it.\n")
    description = describe(_meta(body))
    assert description.motivation == "The `sgl_kernel` import breaks NPU."


def test_text_before_any_heading_when_no_motivation_section() -> None:
    description = describe(_meta("Intro text.\n\n## Testing Done\nran tests\n"))
    assert description.motivation == "Intro text."


def test_squashed_commit_messages_and_trailers() -> None:
    description = describe(_meta("* first step\n\n* second step\n\nCo-authored-by: x <x@y>\n"))
    assert description.commit_messages == ["first step", "second step"]
    assert "Co-authored-by" not in description.motivation


def test_references_with_relations_skip_own_number() -> None:
    found = references("Fixes #12, depends on org/repo#45; see "
                       "https://github.com/ROCm/aiter/pull/2958 and #50", own_number=50)
    assert [(r.repo, r.number, r.relation) for r in found] == [
        (None, 12, "closes"), ("org/repo", 45, "depends-on"), ("ROCm/aiter", 2958, "mentions")]
