"""PRD108 untested-logic-change.

What it finds: a change that alters product logic (source files whose change type is
`core-logic` or `data-contract`, and whose code did more than take a new layout) while
changing no test file.

Why it matters: behaviour changed with nothing in the change to show it still works; on
multi-backend projects the platforms the author could not run are the usual victims.

Example: a PR rewrites `Scheduler.schedule` in `scheduler.py` (+80/-30 lines) and touches
nothing under `tests/`.

How to fix: add or update a test that exercises the changed functions, or say in the PR
why existing tests cover it.
"""

from __future__ import annotations

from prdossier.analysis.models import FileFacts, Risk
from prdossier.analysis.rules.context import RuleContext

NAME = "untested-logic-change"
CODE = "PRD108"
KIND = "change"
LARGE_CHANGE_LINES = 200
_LOGIC = ("core-logic", "data-contract")


def check(context: RuleContext) -> list[Risk]:
    if any(f.category == "test" for f in context.files):
        return []
    logic = [f for f in context.files
             if f.category == "source" and f.change_type in _LOGIC and f.additions + f.deletions
             and not f.layout_only]
    if not logic:
        return []
    changed_lines = sum(f.additions + f.deletions for f in logic)
    main = max(logic, key=lambda f: f.additions + f.deletions)
    severity = "medium" if changed_lines >= LARGE_CHANGE_LINES else "low"
    return [Risk(
        rule=NAME, code=CODE, severity=severity, path=main.path, line=_first_line(main, context),
        message=f"{changed_lines} changed lines of product logic in {len(logic)} file(s) "
                "and no test file changed",
        evidence="\n".join(_evidence(f) for f in logic[:5]),
        form="untested", args={"lines": str(changed_lines), "files": str(len(logic))},
    )]


def _first_line(facts: FileFacts, context: RuleContext) -> int:
    """The first line the change added to the file, else where its first changed symbol starts."""
    added = context.scope.lines.get(facts.path) if context.scope.lines is not None else None
    if added:
        return min(added)
    lines = [s.start_line for s in facts.symbols if s.status != "removed"]
    return min(lines) if lines else 1


def _evidence(facts: FileFacts) -> str:
    symbols = ", ".join(s.qualname for s in facts.symbols[:4])
    return f"{facts.path} (+{facts.additions}/-{facts.deletions})" + (
        f": {symbols}" if symbols else "")
