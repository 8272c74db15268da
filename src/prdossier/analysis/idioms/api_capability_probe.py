"""api-capability-probe: calls into an imported module guarded by `hasattr(module, name)`.

What it recognises: a new `hasattr(mod, "name")` or `getattr(mod, "name", default)` in a
function, where `mod` is a name the file imports (a package or module) or a dotted path from
one (`vllm.v1.sample.logits_processor`), and the function did not probe that name before.

Why it matters: the code adapts to what the installed release of a dependency offers; the
branch without the function is the one the author's environment probably did not run.

Example: `if hasattr(aiter, "fused_moe_sorting"): ... else: ...`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.probes import Probes, probes_in, probing_lines, spans_any
from prdossier.analysis.models import Idiom
from prdossier.analysis.pysymbols import functions

NAME = "api-capability-probe"
KIND = "file"


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    for path, sides in context.sides.items():
        new = sides.new
        if new is None or not new.parses or not (added := probing_lines(sides)):
            continue
        modules = new.imported_names
        for qualname, function in functions(new.tree).items():
            if not spans_any(function, added):
                continue
            now = probes_in(function)
            if not now.probes:
                continue
            before = sides.old.function(qualname) if sides.old and sides.old.parses else None
            then = probes_in(before) if before is not None else Probes()
            for (receiver, attr), count in now.probes.items():
                if _reached_from(receiver, modules) and count > then.probes[(receiver, attr)]:
                    line = now.lines[(receiver, attr)]
                    idioms.append(Idiom(idiom=NAME, path=path, start_line=line, end_line=line,
                                        symbol=qualname,
                                        subject=f"{receiver}.{attr}"))
    return idioms


def _reached_from(receiver: str, modules: set[str]) -> bool:
    """`receiver` is an imported name, or a dotted path of names from one."""
    parts = receiver.split(".")
    return parts[0] in modules and all(part.isidentifier() for part in parts)
