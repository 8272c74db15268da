"""symbol-moved: a function or class moved (or renamed while moving) to another module.

What it recognises: a symbol removed from one file and added to another with the same body
or the same name, outside a `module-split` (which reports those moves together). A symbol
renamed within its own file is no move between modules.

Why it matters: its importers must change; an old import path left anywhere fails.

Example: `def cdiv` moved from `vllm/utils/__init__.py` to `vllm/utils/math_utils.py`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.module_split import split_modules
from prdossier.analysis.models import Idiom

NAME = "symbol-moved"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    split = split_modules(context)
    idioms = []
    for facts in context.files:
        for symbol in facts.symbols:
            if symbol.status != "moved" or not symbol.old_path or symbol.old_path in split \
                    or symbol.renamed_in_place:
                continue
            idioms.append(Idiom(idiom=NAME, path=symbol.path, start_line=symbol.start_line,
                                end_line=symbol.end_line, symbol=symbol.qualname,
                                subject=symbol.old_path, was=symbol.old_qualname,
                                form="renamed" if symbol.old_qualname else None))
    return idioms
