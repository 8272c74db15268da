"""adapter-wrapper: a new function keeps an old call signature on top of a new API.

What it recognises: a function added to a file that, before the change, imported a name
of the same spelling; the file now defines that name itself instead of importing it, or
imports it only as the fallback of an `except` (the old API kept for old releases).

Why it matters: callers keep calling the old name; behaviour now depends on how the adapter
maps the old arguments onto the new API, which the upstream library does not test.

Example: `from aiter import get_hip_quant` removed and `def get_hip_quant(quant_type): ...`
added, calling the renamed upstream function.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom
from prdossier.analysis.pysymbols import ImportStatement

NAME = "adapter-wrapper"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    by_path = {sides.diff.path: sides for sides in context.sides.values()}
    for facts in context.files:
        sides = by_path.get(facts.path)
        if sides is None or sides.old is None or sides.new is None:
            continue
        imported_before = {name: s for s in sides.old.imports for name in s.names}
        imported_now = {name for s in sides.new.imports if not _fallback_or_local(s)
                        for name in s.names}
        for symbol in facts.symbols:
            if (symbol.status == "added" and symbol.kind == "function"
                    and symbol.qualname in imported_before and symbol.qualname not in imported_now):
                statement = imported_before[symbol.qualname].statement
                idioms.append(Idiom(idiom=NAME, path=facts.path, start_line=symbol.start_line,
                                    end_line=symbol.end_line, symbol=symbol.qualname,
                                    subject=statement))
    return idioms


def _fallback_or_local(statement: ImportStatement) -> bool:
    return any(guard.kind in ("except", "def") for guard in statement.guards)
