from __future__ import annotations

from prdossier.analysis.models import FileFacts
from prdossier.analysis.rules import RuleContext, Scope, untested_logic_change


def _file(path: str, category: str, change_type: str, changed: int) -> FileFacts:
    return FileFacts(path=path, old_path=None, status="modified", module="m", category=category,
                     change_type=change_type, language="python", additions=changed, deletions=0)


def test_logic_change_without_tests_is_flagged() -> None:
    risks = untested_logic_change.check(RuleContext(files=[
        _file("pkg/sched.py", "source", "core-logic", 250),
        _file("README.md", "docs", "docs", 3),
    ]))
    assert [(r.code, r.rule, r.severity, r.path) for r in risks] == [
        ("PRD108", "untested-logic-change", "medium", "pkg/sched.py")]
    assert "pkg/sched.py (+250/-0)" in risks[0].evidence


def test_the_finding_points_at_the_first_line_the_change_added() -> None:
    risks = untested_logic_change.check(RuleContext(
        files=[_file("pkg/sched.py", "source", "core-logic", 2)],
        scope=Scope(lines={"pkg/sched.py": frozenset({594, 595})})))
    assert risks[0].line == 594


def test_small_change_is_low_severity() -> None:
    risks = untested_logic_change.check(RuleContext(files=[
        _file("pkg/sched.py", "source", "data-contract", 12)]))
    assert risks[0].severity == "low"


def test_no_finding_when_a_test_changed_or_no_logic_changed() -> None:
    with_test = [_file("pkg/sched.py", "source", "core-logic", 250),
                 _file("tests/test_sched.py", "test", "test-coverage", 20)]
    wiring_only = [_file("pkg/sched.py", "source", "dependency-wiring", 4)]
    assert untested_logic_change.check(RuleContext(files=with_test)) == []
    assert untested_logic_change.check(RuleContext(files=wiring_only)) == []


def test_no_finding_for_source_only_laid_out_anew() -> None:
    relaid = _file("pkg/sched.py", "source", "core-logic", 6)
    relaid.layout_only = True
    assert untested_logic_change.check(RuleContext(files=[relaid])) == []
    relaid.layout_only = False  # near miss: the same file, its code changed
    assert [r.path for r in untested_logic_change.check(RuleContext(files=[relaid]))] == ["pkg/sched.py"]
