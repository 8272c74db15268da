"""decorator-removed: a changed or moved function or class loses a decorator.

What it recognises: a decorator present before the change and not after, on a symbol that
changed in place or moved between files (a module split that drops a cache decorator).

Why it matters: the behaviour the decorator gave is gone: without `@lru_cache` every call
recomputes (or recompiles a kernel); without a registration decorator the symbol is no
longer found.

Example: `@functools.cache` lost when `get_config` moved to `configs/base.py`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.decorators import decorator_changes
from prdossier.analysis.models import Idiom

NAME = "decorator-removed"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=symbol.path, start_line=symbol.start_line,
                  end_line=symbol.start_line, symbol=symbol.qualname,
                  subject=f"@{decorator}",
                  context=symbol.old_path if symbol.status == "moved" else None,
                  form="moved" if symbol.status == "moved" else None)
            for symbol, _, removed in decorator_changes(context) for decorator in removed]
