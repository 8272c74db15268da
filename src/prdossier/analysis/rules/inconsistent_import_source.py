"""PRD107 inconsistent-import-source.

What it finds: a name imported with `from X import name` from different modules of one
package in different files of the project (relative imports resolved first; the standard
library is left out). Imports that choose between sources on purpose (a `try`/`except
ImportError` probe and its fallback, a version check, or a test of what a module has, such as
`if hasattr(torch.onnx, "_type_utils"):`) are left out. The finding is on the
imports that use the less common source; `affected` lists the files that use the other.

Why it matters: upstream libraries move names (`vllm.utils.cdiv` became
`vllm.utils.math_utils.cdiv`); files still importing the old location break on the next
upgrade, or silently pick a different object that happens to share the name.

Example: `from vllm.utils import cdiv` in three files, `from vllm.utils.math_utils import cdiv`
in twenty.

How to fix: import the name from one place everywhere (the canonical module, or a
compatibility shim of the project).
"""

from __future__ import annotations

from collections import defaultdict

from prdossier.analysis.guards import is_alternative_source
from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.project import Project
from prdossier.analysis.pysymbols import is_stdlib_module
from prdossier.analysis.rules.context import RuleContext

NAME = "inconsistent-import-source"
CODE = "PRD107"
KIND = "project"
MAX_LISTED = 10


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None or not any(context.scope.touches(p) for p in project.python_files):
        return []
    # Only names the change imports can be findings: the other modules are read for those.
    wanted = {name for path, module in project.by_path.items() if context.scope.touches(path)
              for statement in module.imports if context.scope.covers(path, statement.line)
              for name in statement.imported}
    # (name, top-level package) -> source module -> import sites
    sites: defaultdict[tuple[str, str], defaultdict[str, list[tuple[str, int, str]]]] = defaultdict(
        lambda: defaultdict(list))
    for path, module in project.by_path.items():
        if category(path) != "source":
            continue
        for statement in module.imports:
            if wanted.isdisjoint(statement.imported) or is_alternative_source(statement):
                continue
            base = project.base_of(module, statement)
            for name in statement.imported:
                if name in wanted and name != "*" and base and not is_stdlib_module(base):
                    sites[(name, base.split(".")[0])][base].append(
                        (path, statement.line, statement.statement))
    risks = []
    for (name, _), found_at in sites.items():
        by_base = {base: found for base, found in found_at.items()
                   if not _own_definition(project, base, name)}
        if len(by_base) < 2:
            continue
        common = max(by_base, key=lambda base: (len(by_base[base]), base))
        for base, found in by_base.items():
            if base == common:
                continue
            for path, line, statement in found:
                if context.scope.covers(path, line):
                    risks.append(Risk(
                        rule=NAME, code=CODE, severity="low", path=path, line=line,
                        message=f"`{name}` is imported from `{base}` here but from `{common}` in "
                                f"{len(by_base[common])} other places",
                        evidence=f"{line}: {statement}",
                        affected=[f"{p}:{n}" for p, n, _ in by_base[common][:MAX_LISTED]],
                        form="two-sources",
                        args={"name": name, "base": base, "common": common,
                              "count": str(len(by_base[common]))},
                    ))
    return risks


def _own_definition(project: Project, base: str, name: str) -> bool:
    """A project module that defines `name` itself offers its own object, not another path
    to the same one."""
    module = project.modules.get(base)
    return module is not None and name in module.symbols
