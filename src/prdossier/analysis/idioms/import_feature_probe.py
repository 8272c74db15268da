"""import-feature-probe: an import wrapped in try/except ImportError with a fallback.

What it recognises: an import statement, new or moved, that after the change sits in a
`try:` whose handlers catch ImportError, ModuleNotFoundError (or Exception), where before it
was not protected that way.

Why it matters: the module now works without the package (or without that name in it); what
happens on the fallback path (a None, an adapter, a second import) decides behaviour there.

Example:

    try:
        from aiter import dtypes
    except ImportError:
        dtypes = None
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom

NAME = "import-feature-probe"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    for shift in context.import_shifts:
        if shift.new_protection != "import-error":
            continue
        caught = next(g.text for g in shift.new.guards if g.kind == "try")
        idioms.append(Idiom(idiom=NAME, path=shift.path, start_line=shift.new.line,
                            end_line=shift.new.line, symbol=None,
                            subject=shift.new.statement, context=caught))
    return idioms
