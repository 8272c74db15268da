"""platform-early-return: a function gains an early return for unsupported platforms.

What it recognises: in a function present before and after the change, a new `if` whose
test is a platform condition and whose block ends in a `return` or `raise` the change wrote.
An exit that was there, its test only widened (`if torch.cuda.is_available() or is_musa():`
before the `return` the function had), is no new early return.

Why it matters: the function now does nothing (or refuses) on those platforms; callers
there get the early value instead of the real work.

Example:

    def enable_fused_allreduce():
        if not _is_cuda:
            return False
"""

from __future__ import annotations

import ast

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.probes import spans_any
from prdossier.analysis.models import Idiom
from prdossier.analysis.pysymbols import functions
from prdossier.analysis.symdiff import ParsedSides

NAME = "platform-early-return"
KIND = "file"


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    for path, old, new in context.parsed_pairs():
        if not _adds_exit(context.sides[path]):
            continue
        assert new.tree is not None
        added = set(context.sides[path].diff.added_lines)
        for qualname, function in functions(new.tree).items():
            if not spans_any(function, added) or not (exits := _early_exits(function, context)) \
                    or (before := old.function(qualname)) is None:
                continue
            old_tests = {ast.unparse(node.test) for node in _early_exits(before, context)}
            for node in exits:
                test = ast.unparse(node.test)
                if test not in old_tests and node.body[-1].lineno in added:
                    end = node.end_lineno or node.lineno
                    idioms.append(Idiom(idiom=NAME, path=path, start_line=node.lineno, end_line=end,
                                        symbol=qualname, subject=test))
    return idioms


def _adds_exit(sides: ParsedSides) -> bool:
    lines = sides.new_text_lines
    return any(lines[n - 1].lstrip().startswith(("return", "raise"))
               for n in sides.diff.added_lines if n <= len(lines))


def _early_exits(function: ast.FunctionDef | ast.AsyncFunctionDef,
                 context: IdiomContext) -> list[ast.If]:
    return [node for node in function.body
            if isinstance(node, ast.If) and node.body
            and isinstance(node.body[-1], ast.Return | ast.Raise)
            and context.guards.is_platform_test(ast.unparse(node.test))]
