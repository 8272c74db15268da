"""decorator-added: a changed or moved function or class gains a decorator.

What it recognises: a decorator present after the change and not before, on a symbol that
changed in place or moved between files.

Why it matters: decorators change behaviour wholesale: caching (`lru_cache`), compilation
(`torch.compile`, `triton.jit`), registration, or a dispatch table.

Example: `@functools.lru_cache(maxsize=1)` added to `get_device_capability`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.decorators import decorator_changes
from prdossier.analysis.models import Idiom

NAME = "decorator-added"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=symbol.path, start_line=symbol.start_line,
                  end_line=symbol.start_line, symbol=symbol.qualname, subject=f"@{decorator}")
            for symbol, added, _ in decorator_changes(context) for decorator in added]
