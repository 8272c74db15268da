"""PRD102 runtime-import-for-annotations.

What it finds: a module-level import, run at import time, whose names the module uses only in
type annotations.

Why it matters: the import makes a package a run-time requirement of the module although no
code path needs it; where that package is missing (a JIT runtime or kernel library that only
some platforms install) the whole module fails to import just to name a type. Severity is
`medium` when the package is platform-specific or optional, `low` otherwise.

Example:

    import tvm_ffi                      # only used below, in an annotation

    def launch(module: tvm_ffi.Module) -> None: ...

How to fix: move the import under `if TYPE_CHECKING:` and quote the annotation or add
`from __future__ import annotations`.
"""

from __future__ import annotations

import ast
import bisect
import re

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.pysymbols import is_stdlib_module, one_of
from prdossier.analysis.rules.context import RuleContext

NAME = "runtime-import-for-annotations"
CODE = "PRD102"
KIND = "file"


def check(context: RuleContext) -> list[Risk]:
    risks = []
    for path, table in context.parsed.items():
        if not table.parses or path.endswith("__init__.py") or category(path) != "source":
            continue
        candidates = [s for s in table.imports if not s.guards
                      and context.scope.covers(path, s.line) and _third_party(s.module)]
        if not candidates:
            continue
        annotation, runtime = _name_uses(table.tree, _lines_naming(
            table.lines, {n for s in candidates for n in s.names}))
        exported = _exported(table.tree)
        for statement in candidates:
            top = statement.module.lstrip(".").split(".", 1)[0]
            only_typing = [n for n in statement.names
                           if n in annotation and n not in runtime and n not in exported]
            if not only_typing or len(only_typing) < len(statement.names):
                continue
            project = context.project
            can_fail = project is not None and project.dependencies.can_fail(top)
            names = ", ".join(f"`{n}`" for n in only_typing)
            risks.append(Risk(
                rule=NAME, code=CODE, severity="medium" if can_fail else "low", path=path,
                line=statement.line,
                message=(f"{names} only {'appears' if len(only_typing) == 1 else 'appear'} in annotations, "
                         f"yet `{statement.statement}` runs at import time"
                         + (f"; `{top}` is not installed on every platform" if can_fail else "")),
                evidence=f"{statement.line}: {table.lines[statement.line - 1].strip()}",
                form="annotations" + ("+not-everywhere" if can_fail else ""),
                args={"names": names, "statement": statement.statement, "package": top},
            ))
    return risks


def _third_party(module: str) -> bool:
    top = module.lstrip(".").split(".", 1)[0]
    return bool(top) and not is_stdlib_module(top)


def _lines_naming(lines: list[str], names: set[str]) -> list[int]:
    """The numbers of the lines where one of these names appears as a word, in order."""
    word = re.compile(rf"\b{one_of(names)}\b")
    return [number for number, line in enumerate(lines, 1) if word.search(line)]


def _name_uses(tree: ast.Module, lines: list[int]) -> tuple[set[str], set[str]]:
    """Names read inside annotations, and names read anywhere else, in one walk that enters
    only the statements and expressions spanning one of `lines` (where the names of interest
    appear): the rest of the module cannot use them."""
    annotation: set[str] = set()
    runtime: set[str] = set()
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, in_annotation = stack.pop()
        if isinstance(node, ast.Name):
            if in_annotation:
                annotation.add(node.id)
            elif isinstance(node.ctx, ast.Load):
                runtime.add(node.id)
            continue
        for field, value in ast.iter_fields(node):
            inside = in_annotation or (type(node), field) in _ANNOTATION_FIELDS
            children = value if isinstance(value, list) else [value]
            stack.extend((child, inside) for child in children
                         if isinstance(child, ast.AST) and _spans_any(child, lines))
    return annotation, runtime


def _spans_any(node: ast.AST, lines: list[int]) -> bool:
    start = getattr(node, "lineno", None)
    if start is None:  # contexts, arguments, comprehensions: no position of their own
        return True
    index = bisect.bisect_left(lines, start)
    return index < len(lines) and lines[index] <= (node.end_lineno or start)


_ANNOTATION_FIELDS = {(ast.arg, "annotation"), (ast.FunctionDef, "returns"),
                      (ast.AsyncFunctionDef, "returns"), (ast.AnnAssign, "annotation")}


def _exported(tree: ast.Module) -> set[str]:
    """Names listed in a literal `__all__`: re-exported, so used at run time."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                return {str(name) for name in ast.literal_eval(node.value)}
            except ValueError:
                return set()
    return set()
