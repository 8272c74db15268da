"""import-made-lazy: a module-level import moved into the function that needs it.

What it recognises: an import statement that ran at import time before the change and runs
inside a function (or method) after it.

Why it matters: importing the module no longer loads the dependency; only the code path
that calls the function does, so a platform without the package can import the module.

Example: `import deep_gemm` moved from the top of `fp8_utils.py` into `def fp8_gemm(...)`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IMPORT_TIME, IdiomContext
from prdossier.analysis.models import Idiom

NAME = "import-made-lazy"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=shift.path, start_line=shift.new.line, end_line=shift.new.line,
                  symbol=shift.new.guards[0].text,
                  subject=shift.new.statement, context=shift.new.guards[0].text)
            for shift in context.import_shifts
            if shift.old and shift.old_protection in IMPORT_TIME and shift.new.guards
            and shift.new.guards[0].kind == "def"]
