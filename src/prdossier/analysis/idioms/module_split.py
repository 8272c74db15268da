"""module-split: a module removed or emptied and its symbols moved to new modules.

What it recognises: two or more symbols moved out of one file whose other symbols are gone
too (the file is deleted, or keeps fewer symbols than it lost). `context` names, for each new
module, the symbols moved there; the members of a class that moved with it are told by the class.

Why it matters: every import of the old module must follow; decorators and module-level
state (caches, registrations) do not always move with the functions.

Example: `quantization/fp8_utils.py` split into `fp8_kernel.py` and `fp8_gemm.py`.
"""

from __future__ import annotations

from collections import defaultdict

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom, SymbolChange

NAME = "module-split"
KIND = "change"
MIN_MOVED = 2


def recognize(context: IdiomContext) -> list[Idiom]:
    return [_idiom(old_path, moved) for old_path, moved in split_modules(context).items()]


def split_modules(context: IdiomContext) -> dict[str, list[SymbolChange]]:
    """Old path -> the symbols moved out of it, for each file that was split."""
    moved_out: defaultdict[str, list[SymbolChange]] = defaultdict(list)
    for facts in context.files:
        for symbol in facts.symbols:
            if symbol.status == "moved" and symbol.old_path and not symbol.renamed_in_place:
                moved_out[symbol.old_path].append(symbol)
    split = {}
    for old_path, moved in moved_out.items():
        before = context.old_table(old_path)
        remaining = _remaining(context, old_path)
        if len(moved) >= MIN_MOVED and (remaining is None or before is None
                                        or remaining < len(moved)):
            split[old_path] = moved
    return split


def _remaining(context: IdiomContext, old_path: str) -> int | None:
    """Symbols the file still has, or None when it is gone."""
    for sides in context.sides.values():
        if (sides.diff.old_path or sides.diff.path) == old_path:
            return None if sides.new is None else len(sides.new.symbols)
    return None


def _idiom(old_path: str, moved: list[SymbolChange]) -> Idiom:
    first = min(moved, key=lambda s: (s.path, s.start_line))
    classes = {(s.path, s.qualname) for s in moved if s.kind == "class"}
    by_path: dict[str, list[str]] = {}
    for s in moved:
        if (s.path, s.qualname.rpartition(".")[0]) not in classes:
            by_path.setdefault(s.path, []).append(s.old_qualname or s.qualname)
    mapping = "; ".join(f"{', '.join(names)} → {path}" for path, names in by_path.items())
    return Idiom(idiom=NAME, path=first.path, start_line=first.start_line, end_line=first.end_line,
                 symbol=None, subject=old_path, context=mapping)
