"""The decorators of each changed or moved symbol, before and after the change."""

from __future__ import annotations

from collections.abc import Iterator

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import SymbolChange


def decorator_changes(context: IdiomContext) -> Iterator[tuple[SymbolChange, list[str], list[str]]]:
    """(symbol, decorators added, decorators removed), for changed symbols and for moved ones
    (a move compares the old location's decorators with the new one's)."""
    for facts in context.files:
        for symbol in facts.symbols:
            if symbol.status == "changed":
                yield symbol, symbol.decorators_added, symbol.decorators_removed
            elif symbol.status == "moved" and symbol.old_path:
                old = context.old_table(symbol.old_path)
                new_sides = context.sides.get(symbol.path)
                before = old.symbols.get(symbol.old_qualname or symbol.qualname) if old else None
                after = (new_sides.new.symbols.get(symbol.qualname)
                         if new_sides and new_sides.new else None)
                if before and after:
                    yield (symbol, [d for d in after.decorators if d not in before.decorators],
                           [d for d in before.decorators if d not in after.decorators])
