"""import-moved-to-type-checking: a run-time import moved under `if TYPE_CHECKING:`.

What it recognises: an import statement that ran at import time before the change (at
module level, or under an ordinary condition) and sits under `if TYPE_CHECKING:` after it.

Why it matters: the imported package stops being a run-time requirement of the module; the
names are now only for type checkers, so any run-time use left behind raises NameError.

Example: `from tvm_ffi import Module` moved from the top of the file into
`if TYPE_CHECKING:`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IMPORT_TIME, IdiomContext
from prdossier.analysis.models import Idiom

NAME = "import-moved-to-type-checking"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=shift.path, start_line=shift.new.line, end_line=shift.new.line,
                  symbol=None, subject=shift.new.statement, was=shift.old.context)
            for shift in context.import_shifts
            if shift.old and shift.old_protection in IMPORT_TIME
            and shift.new_protection == "type-checking"]
