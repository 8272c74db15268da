"""Named static rules. Each rule is one module with NAME, CODE, KIND, a docstring and `check`.

KIND says what a rule reads: `change` the change's file facts, `file` the syntax trees of
the files in `RuleContext.parsed`, `project` the whole tree in `RuleContext.project`.
"""

from __future__ import annotations

from types import ModuleType

from prdossier.analysis.models import Risk, risk_order
from prdossier.analysis.rules import (
    duplicate_definition,
    import_failure_cascade,
    import_time_patch,
    inconsistent_import_source,
    inconsistent_sibling_decorator,
    possibly_undefined_attribute,
    runtime_import_for_annotations,
    unguarded_optional_import,
    unsupported_keyword_argument,
    untested_logic_change,
)
from prdossier.analysis.rules.context import RuleContext, Scope
from prdossier.sources.models import Note

RULES: tuple[ModuleType, ...] = (
    unguarded_optional_import,
    runtime_import_for_annotations,
    import_failure_cascade,
    possibly_undefined_attribute,
    inconsistent_sibling_decorator,
    duplicate_definition,
    inconsistent_import_source,
    untested_logic_change,
    unsupported_keyword_argument,
    import_time_patch,
)


def run_rules(context: RuleContext, kinds: tuple[str, ...] = ("change", "file", "project"),
              selected: frozenset[str] | None = None) -> tuple[list[Risk], list[Note]]:
    """Findings of the rules of these kinds (and, when given, these names or codes), and one
    warning per rule that failed: a defect in one rule must not cost the others."""
    risks: list[Risk] = []
    failures: list[Note] = []
    for rule in RULES:
        if rule.KIND in kinds and (selected is None or {rule.NAME, rule.CODE} & selected):
            try:
                risks += rule.check(context)
            except Exception as exc:  # a defect in one rule is reported, never fatal
                failures.append(Note.failure("rule-failed", exc, name=rule.NAME))
    return sorted(risks, key=risk_order), failures


__all__ = ["RULES", "RuleContext", "Scope", "run_rules"]
