"""import-version-guarded: an import chosen by a check of a dependency's version.

What it recognises: an import statement, new or moved, that after the change sits under a
condition testing a version (`if vllm_version_is("0.11.0"):`, `if torch.__version__ >= ...`,
`sys.version_info`), in either branch.

Why it matters: the module now follows an upstream API change for some versions only; the
other branch is the old API and is exercised only where that version is installed.

Example:

    if vllm_version_is("0.11.0"):
        from vllm.utils import cdiv
    else:
        from vllm.utils.math_utils import cdiv
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom

NAME = "import-version-guarded"
KIND = "change"


def recognize(context: IdiomContext) -> list[Idiom]:
    return [Idiom(idiom=NAME, path=shift.path, start_line=shift.new.line, end_line=shift.new.line,
                  symbol=None, subject=shift.new.statement, context=shift.new.context)
            for shift in context.import_shifts if shift.new_protection == "version"]
