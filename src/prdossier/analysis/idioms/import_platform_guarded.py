"""import-platform-guarded: an import moved under a platform or backend condition.

What it recognises: an import statement that ran at import time before the change and runs
only under a platform test after it (`if _is_cuda:`, `if is_npu():`,
`if current_platform.is_rocm():` and the configured `platform-predicates`).

Why it matters: platforms where the condition is false no longer need the package; code on
those platforms that still uses the imported names now raises NameError.

Example: `from sgl_kernel import dsv3_router_gemm` moved under `if _is_cuda:`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IMPORT_TIME, IdiomContext
from prdossier.analysis.models import Idiom

NAME = "import-platform-guarded"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=shift.path, start_line=shift.new.line, end_line=shift.new.line,
                  symbol=None, subject=shift.new.statement, context=shift.new.context)
            for shift in context.import_shifts
            if shift.old and shift.old_protection in IMPORT_TIME
            and shift.new_protection == "platform"]
