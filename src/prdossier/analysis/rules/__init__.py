"""Named static rules. Each rule is one module with NAME, CODE, a docstring and `check`."""

from __future__ import annotations

from types import ModuleType

from prdossier.analysis.models import Risk
from prdossier.analysis.rules import untested_logic_change
from prdossier.analysis.rules.context import RuleContext

RULES: tuple[ModuleType, ...] = (untested_logic_change,)


def run_rules(context: RuleContext) -> list[Risk]:
    return [risk for rule in RULES for risk in rule.check(context)]


__all__ = ["RULES", "RuleContext", "run_rules"]
