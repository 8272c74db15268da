"""PRD106 duplicate-definition.

What it finds: a function, method or class defined in two modules of the product with the
same body (same statements once indentation is set aside; six lines or more).

Why it matters: copies drift. A fix applied to one (often the CUDA path) does not reach the
other (the NPU or ROCm copy), and the two backends start to disagree.

Example: `_get_padding_size` defined identically in `layers/moe/ep_moe.py` and in
`hardware_backend/npu/moe.py`.

How to fix: keep one definition and import it from the other module, or make the
difference explicit (a parameter, a subclass).
"""

from __future__ import annotations

from collections import defaultdict

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.pysymbols import Symbol
from prdossier.analysis.rules.context import RuleContext

NAME = "duplicate-definition"
CODE = "PRD106"
KIND = "project"


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None or not any(context.scope.touches(p) for p in project.python_files):
        return []
    sources = [(path, module) for path, module in project.by_path.items() if category(path) == "source"]
    wanted = {digest for path, module in sources if context.scope.touches(path)
              for qualname, digest in module.fingerprints.items()
              if _in_scope(context, path, module.symbols[qualname])}
    by_print: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for path, module in sources:
        for qualname, digest in module.fingerprints.items():
            if digest in wanted:
                by_print[digest].append((path, qualname))
    risks = []
    for copies in by_print.values():
        if len({path for path, _ in copies}) < 2:
            continue
        for path, qualname in copies:
            symbol = project.by_path[path].symbols[qualname]
            if not context.scope.touches(path) or not _in_scope(context, path, symbol):
                continue
            others = [f"{p}:{q}" for p, q in copies if p != path]
            same_as = ", ".join(f"`{o}`" for o in others[:3])
            risks.append(Risk(
                rule=NAME, code=CODE, severity="low", path=path, line=symbol.start,
                message=f"`{qualname}` has the same body as {same_as}",
                evidence=f"{symbol.start}-{symbol.end}: {symbol.signature or qualname}",
                affected=others, form="same-body", args={"symbol": qualname, "copies": same_as},
            ))
    return risks


def _in_scope(context: RuleContext, path: str, symbol: Symbol) -> bool:
    return any(context.scope.covers(path, line) for line in range(symbol.start, symbol.end + 1))
