"""PRD110 import-time-patch.

What it finds: a module of the product that, when it is imported, rebinds something of a
third-party package: it assigns to an attribute or an item reached from a name it imports
from outside the project (`parallel_state.GroupCoordinator = AscendGroupCoordinator`,
`torch._dynamo.config.cache_size_limit = 64`), or calls at module level a function of the
project that does (`patch_attention_functions()` in a package's `__init__.py`, which wraps
every function in transformers' `ALL_ATTENTION_FUNCTIONS`). Only statements the change added
are reported.

Why it matters: importing the module changes that package for everything in the process,
code that never uses the product included, and in whatever order the imports happen to run.
The patch reaches into the package by name: a rename or a refactor upstream breaks it at
import time or, worse, silently, when the name patched is no longer the one called. Severity
is `medium` where importing the project's top-level package runs the module, `low` otherwise.

Example:

    # kvpress/__init__.py
    from kvpress.attention_patch import patch_attention_functions
    patch_attention_functions()   # wraps transformers' attention functions on import

How to fix: apply the patch where it is needed, explicitly (a function the user calls, a
context manager around the forward pass) and undo it after; where it must happen on import,
check the upstream version it was written for and that the name it patches still exists.
"""

from __future__ import annotations

import ast
import contextlib
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.pysymbols import (
    ImportStatement,
    ModuleSymbols,
    first_line,
    is_stdlib_module,
    parse_python,
)
from prdossier.analysis.rules.context import RuleContext
from prdossier.sources.tree import decode_source

NAME = "import-time-patch"
CODE = "PRD110"
KIND = "file"
_SOURCE_ROOTS = ("src", "python", "lib")


def check(context: RuleContext) -> list[Risk]:
    risks = []
    for path, table in context.parsed.items():
        if not table.parses or table.tree is None or category(path) != "source":
            continue
        outside = _imported_from_outside(table.imports, _first_party(context, path))
        for statement in _import_time_statements(table.tree.body):
            if not context.scope.covers(path, statement.lineno):
                continue
            if (target := _rebound(statement, outside)) is not None:
                risks.append(_risk(context, path, statement, table, target))
            elif (patch := _patch_called(context, path, table, statement)) is not None:
                risks.append(_risk(context, path, statement, table, *patch))
    return risks


def _risk(context: RuleContext, path: str, statement: ast.stmt, table: ModuleSymbols,
          target: tuple[ast.stmt, str], through: _Through | None = None) -> Risk:
    node, package = target
    project = context.project
    module = project.name_of(path) if project is not None else _dotted(path)
    reached = project is not None and module in project.reached_from_top
    rebound = ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node).splitlines()[0]
    evidence = f"{statement.lineno}: {table.lines[statement.lineno - 1].strip()}"
    args = {"module": module, "package": package, "target": rebound}
    form = "patch"
    message = f"importing `{module}` rebinds `{rebound}` of {package}"
    if through is not None:
        args |= {"function": through.function, "where": through.path, "line": str(through.line)}
        form += "+through"
        message += f" through `{through.function}()` ({through.path}:{through.line})"
        evidence += f"\n{through.path}:{through.line}: {through.text}"
    if reached:
        form += "+reached"
        message += "; importing the top-level package runs it"
    return Risk(rule=NAME, code=CODE, severity="medium" if reached else "low", path=path,
                line=statement.lineno, message=message, evidence=evidence, affected=[rebound],
                form=form, args=args)


def _first_party(context: RuleContext, path: str) -> frozenset[str]:
    if context.project is not None:
        return context.project.first_party
    parts = PurePosixPath(path).parts
    return frozenset({parts[1] if parts[0] in _SOURCE_ROOTS and len(parts) > 2 else parts[0]})


def _dotted(path: str) -> str:
    pure = PurePosixPath(path)
    parts = [*pure.parts[:-1], pure.stem] if pure.stem != "__init__" else list(pure.parts[:-1])
    return ".".join(parts[1:] if parts and parts[0] in _SOURCE_ROOTS else parts)


def _imported_from_outside(imports: Iterable[ImportStatement], first_party: frozenset[str]) -> dict[str, str]:
    """The names imports bind from third-party packages, with their package."""
    names: dict[str, str] = {}
    for statement in imports:
        top = statement.module.split(".", 1)[0]
        if top and not statement.module.startswith(".") and top not in first_party \
                and not is_stdlib_module(statement.module):
            names.update(dict.fromkeys(statement.names, top))
    return names


def _import_time_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs when it is imported, those of the blocks at its top
    level included, but for what runs as a script or only for type checkers."""
    for statement in body:
        if isinstance(statement, ast.If) and _never_on_import(statement.test):
            yield from _import_time_statements(statement.orelse)
        elif isinstance(statement, ast.If | ast.For | ast.While):
            yield from _import_time_statements([*statement.body, *statement.orelse])
        elif isinstance(statement, ast.With):
            yield from _import_time_statements(statement.body)
        elif isinstance(statement, ast.Try):
            yield from _import_time_statements([*statement.body, *statement.orelse, *statement.finalbody,
                                                *(s for handler in statement.handlers for s in handler.body)])
        elif not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield statement


def _never_on_import(test: ast.expr) -> bool:
    text = ast.unparse(test)
    return text.endswith("TYPE_CHECKING") or "__name__ ==" in text or "== '__main__'" in text


def _rebound(node: ast.AST, outside: Mapping[str, str]) -> tuple[ast.stmt, str] | None:
    """The statement within `node` that assigns into an object a third-party name reaches
    (`ALL_ATTENTION_FUNCTIONS[name] = ...`, `setattr(vllm.config, "X", ...)`), with its package."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
            for target in targets:
                if isinstance(target, ast.Attribute | ast.Subscript) and _root(target) in outside:
                    return inner, outside[_root(target)]
        elif isinstance(inner, ast.Expr) and isinstance(call := inner.value, ast.Call) \
                and isinstance(call.func, ast.Name) and call.func.id == "setattr" and call.args \
                and _root(call.args[0]) in outside:
            return inner, outside[_root(call.args[0])]
    return None


def _root(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


@dataclass(frozen=True)
class _Through:
    """The function a module-level call reaches, and the line in it that patches."""

    function: str
    path: str
    line: int
    text: str


@dataclass(frozen=True)
class _Holder:
    """A function of the project a module-level call may reach: where it is, its first line,
    its syntax tree, the imports of its module and that module's lines."""

    path: str
    start: int
    function: ast.FunctionDef | ast.AsyncFunctionDef
    imports: Sequence[ImportStatement]
    lines: list[str]


def _patch_called(context: RuleContext, path: str, table: ModuleSymbols,
                  statement: ast.stmt) -> tuple[tuple[ast.stmt, str], _Through] | None:
    """Where the statement calls a function of the project that rebinds something of a
    third-party package (one the module defines, or imports from another module of the
    project), what it rebinds and where the function is."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)):
        return None
    name = statement.value.func.id
    for holder in _holders(context, path, table, name):
        outside = _imported_from_outside(holder.imports, _first_party(context, holder.path))
        found = _rebound(holder.function, outside)
        if found is not None:
            # the function's own lines are numbered from its first
            line = found[0].lineno + holder.start - first_line(holder.function)
            return found, _Through(name, holder.path, line, holder.lines[line - 1].strip())
    return None


def _holders(context: RuleContext, path: str, table: ModuleSymbols, name: str) -> Iterator[_Holder]:
    """The function of that name the module defines, then the one of the module of the project
    it imports the name from, where that module imports from outside the project; of that
    module only the function's own lines are parsed."""
    symbol = table.symbols.get(name)
    if symbol is not None and (function := table.function(name)) is not None:
        yield _Holder(path, symbol.start, function, table.imports, table.lines)
    project = context.project
    importer = project.module_at(path) if project is not None else None
    if project is None or importer is None:
        return
    for statement in table.imports:
        if name not in statement.imported:
            continue
        module = project.module_named(project.base_of(importer, statement))
        symbol = module.symbols.get(name) if module is not None else None
        if module is None or symbol is None or symbol.kind != "function" \
                or not _imported_from_outside(module.imports, _first_party(context, module.path)):
            continue
        file = project.python_files.get(module.path)
        data = project.tree.read(file) if file is not None else None
        if data is None:
            continue
        lines = decode_source(data).splitlines()
        with contextlib.suppress(SyntaxError, ValueError):
            parsed = parse_python(textwrap.dedent("\n".join(lines[symbol.start - 1:symbol.end]))).body
            if parsed and isinstance(parsed[0], ast.FunctionDef | ast.AsyncFunctionDef):
                yield _Holder(module.path, symbol.start, parsed[0], module.imports, lines)
