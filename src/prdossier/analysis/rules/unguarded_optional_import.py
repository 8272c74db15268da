"""PRD101 unguarded-optional-import.

What it finds: a module of the product that imports, when it is itself imported and with no
guard, a package that is platform-specific (an accelerator kernel package or runtime) or
declared only as an optional extra, not as a core dependency of the project.

Why it matters: importing the module raises ImportError on every platform without that
package, and so does everything that imports the module. A CUDA kernel package imported at
module level breaks every NPU, ROCm, XPU and CPU user at start-up. Severity is `high` when
the module runs as part of importing the project's top-level package, `medium` when modules
outside its own subpackage, or a registry, import it. A module only its own backend
subpackage imports (`ops/cutedsl/ops/*.py` importing cutlass, the subpackage loaded on demand)
is that backend's code and is not reported.

Example:

    from sgl_kernel import dsv3_router_gemm   # module level, sgl_kernel is CUDA-only

How to fix: import it where it is used (inside the function), or under the platform check
(`if _is_cuda:`), or in `try: ... except ImportError:` with a fallback; if the package is
really required everywhere, declare it as a core dependency.
"""

from __future__ import annotations

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.project import Missing
from prdossier.analysis.rules.context import RuleContext
from prdossier.analysis.rules.import_failure_cascade import contained, product_modules

NAME = "unguarded-optional-import"
CODE = "PRD101"
KIND = "project"
MAX_AFFECTED = 20


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None:
        return []
    risks = []
    for path in sorted(project.python_files):
        if not context.scope.touches(path) or category(path) != "source":
            continue
        module = project.module_at(path)
        if module is None:
            continue
        for statement in module.imports:
            if not context.scope.covers(path, statement.line):
                continue
            if project.guards.protection(statement) != "unguarded":
                continue
            top = project.base_of(module, statement).split(".", 1)[0]
            if not top or not project.dependencies.can_fail(top):
                continue
            reached = module.name in project.reached_from_top
            cascade = project.cascade(Missing(top))
            failing = product_modules(project, cascade, module.name)
            if not reached and not cascade.registries and contained(project, module):
                continue
            affected = failing[:MAX_AFFECTED]
            why, form, args = project.dependencies.why_optional(top)
            risks.append(Risk(
                rule=NAME, code=CODE, severity="high" if reached else "medium", path=path,
                line=statement.line,
                message=(f"{why}, but `{module.name}` imports it unguarded at import time" + (
                    "; importing the top-level package runs this import" if reached else "")),
                evidence=f"{statement.line}: {statement.statement}",
                affected=affected,
                form=f"{form}+unguarded" + ("+reached" if reached else ""),
                args={**args, "module": module.name},
            ))
    return risks

