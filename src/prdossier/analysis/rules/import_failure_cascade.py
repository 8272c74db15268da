"""PRD103 import-failure-cascade.

What it finds: an import that fails at import time, with its blast radius. Either it
imports from a module of the project a name (or a module) that no longer exists, renamed
or removed upstream: that import always fails. Or it names a platform-specific or optional
package and at least three product modules depend on it. `affected` lists every product
module that then stops importing, transitively, and the registries that lose entries
(modules that load many modules in a loop or each under try/except, so the failure is
swallowed and a fallback is used silently).

Why it matters: one failing import at the bottom of the graph takes out everything above
it; a model registry then falls back to a generic implementation and fails much later, far
from the cause.

A platform package imported inside a backend subpackage whose failure stays in that
subpackage (every failing module sits beside the import) is the subpackage's design, not a
cascade, and is not reported.

Example: `vllm_ascend/utils.py` drops `enable_sp`; 9 modules still run
`from vllm_ascend.utils import enable_sp` at import time, and 445 modules stop importing.

How to fix: keep the old name as an alias while callers move, guard the import, or update
every importer in the same change. `prdossier impact --missing PKG[.module][:symbol]`
prints the whole blast radius.
"""

from __future__ import annotations

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.project import Cascade, Missing, ModuleSummary, Project
from prdossier.analysis.pysymbols import ImportStatement
from prdossier.analysis.rules.context import RuleContext

NAME = "import-failure-cascade"
CODE = "PRD103"
KIND = "project"
MIN_AFFECTED = 3
MAX_AFFECTED = 30
AREA_DEPTH = 2


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None:
        return []
    risks = []
    for path, module, statement, missing, (why, form, args) in _failing_imports(project, context):
        cascade = project.cascade(missing)
        others = product_modules(project, cascade, module.name)
        certain = missing.symbol is not None or missing.module in project.first_party_modules
        if not certain and not cascade.registries and (
                len(others) < MIN_AFFECTED or contained(project, module)):
            continue
        severity = "high" if cascade.registries or set(others) & project.reached_from_top else "medium"
        risks.append(Risk(
            rule=NAME, code=CODE, severity=severity, path=path, line=statement.line,
            message=f"{why}; {len(others)} other modules stop importing"
                    + (f" and {len(cascade.registries)} registries lose entries"
                       if cascade.registries else ""),
            evidence=f"{statement.line}: {statement.statement}",
            affected=_affected(cascade, others),
            form=f"{form}+cascade" + ("+registries" if cascade.registries else ""),
            args={**args, "count": str(len(others)), "registries": str(len(cascade.registries))},
        ))
    return risks


def _failing_imports(project: Project, context: RuleContext) -> list[
        tuple[str, ModuleSummary, ImportStatement, Missing, tuple[str, str, dict[str, str]]]]:
    """Imports that fail at import time: of a package that can fail, on lines in scope; or of
    a name or module the tree does not define, on lines in scope or left behind when the
    change removed that name or module."""
    removed = _removed_by_change(project, context)
    if context.scope.lines is None:
        paths = sorted(project.python_files)
    else:
        paths = sorted(set(context.scope.lines) | _importers_of(project, removed))
    found = []
    for path in paths:
        module = project.module_at(path)
        if module is None or category(path) != "source":
            continue
        for statement in module.imports:
            if project.guards.protection(statement) != "unguarded":
                continue
            in_scope = context.scope.covers(path, statement.line)
            base = project.base_of(module, statement)
            top = base.split(".", 1)[0]
            if in_scope and top and project.dependencies.can_fail(top):
                found.append((path, module, statement, Missing(top),
                              project.dependencies.why_optional(top)))
            if top not in project.first_party or not (in_scope or base in removed):
                continue
            if base not in project.modules:
                found.append((path, module, statement, Missing(base),
                              (f"module `{base}` is gone", "module-gone", {"base": base})))
            for name in _undefined_names(project, base, statement):
                found.append((path, module, statement, Missing(base, name),
                              (f"`{base}` does not define `{name}`", "name-undefined",
                               {"base": base, "name": name})))
    return found


def _removed_by_change(project: Project, context: RuleContext) -> dict[str, set[str]]:
    """Module -> top-level names the change removed from it or moved out of it; a deleted
    module maps to an empty set."""
    name = project.name_of
    removed: dict[str, set[str]] = {}
    for facts in context.files:
        if facts.status == "deleted" and facts.path.endswith(".py"):
            removed.setdefault(name(facts.path), set())
        for symbol in facts.symbols:
            if symbol.status == "removed" and "." not in symbol.qualname:
                removed.setdefault(name(symbol.path), set()).add(symbol.qualname)
            elif symbol.status == "moved" and symbol.old_path:
                old = symbol.old_qualname or symbol.qualname
                if "." not in old:
                    removed.setdefault(name(symbol.old_path), set()).add(old)
    return removed


def _importers_of(project: Project, removed: dict[str, set[str]]) -> set[str]:
    """Files that import a removed module, or a removed name from its module. A statement that
    names neither (by the written module's last part, or an imported name) is passed over
    before its module is resolved."""
    if not removed:
        return set()
    words = {base.rsplit(".", 1)[-1] for base in removed} | set().union(*removed.values())
    found = set()
    for path, module in project.by_path.items():
        for statement in module.imports:
            written = statement.module.rsplit(".", 1)[-1]  # empty for `from .. import x`
            if written and written not in words and words.isdisjoint(statement.imported):
                continue
            base = project.base_of(module, statement)
            if base in removed and (not removed[base] or set(statement.imported) & removed[base]):
                found.add(path)
    return found


def _undefined_names(project: Project, base: str, statement: ImportStatement) -> list[str]:
    definer = project.modules.get(base)
    if definer is None or not statement.imported or definer.error:
        return []
    return [name for name in statement.imported
            if name != "*" and not definer.defines(name) and f"{base}.{name}" not in project.modules]


def product_modules(project: Project, cascade: Cascade, own: str) -> list[str]:
    """The failing modules that are product code: tests and scripts are not users."""
    return [name for name in cascade.modules
            if name != own and category(project.modules[name].path) == "source"]


def contained(project: Project, module: ModuleSummary) -> bool:
    """Every module that fails because this one fails sits in its own subpackage, and no
    registry loads it. A backend subpackage whose modules all need its platform's package
    (`ops/cutedsl/ops/*` and cutlass) fails as a unit by design; the failure matters when it
    escapes that subpackage. A module directly in a top-level package has no such subpackage."""
    if module.name.count(".") < AREA_DEPTH:
        return False
    area = module.path.rsplit("/", 1)[0] + "/"
    own = project.cascade(Missing(module.name))
    failing = product_modules(project, own, module.name)
    return not own.registries and all(project.modules[name].path.startswith(area)
                                      for name in failing)


def _affected(cascade: Cascade, others: list[str]) -> list[str]:
    registries = [f"registry {name}: {why}" for name, why in sorted(cascade.registries.items())]
    return registries + others[:MAX_AFFECTED - len(registries)]
