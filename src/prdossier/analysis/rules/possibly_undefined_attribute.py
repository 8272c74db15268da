"""PRD104 possibly-undefined-attribute.

What it finds: an attribute that a class's `__init__` assigns to `self` only on some paths
(under an `if`, in a `try`, in a loop), never unconditionally and never at class level, and
that another method of the class reads as `self.name` without `getattr`/`hasattr`.

Why it matters: on the paths that skip the assignment (often one platform or quantisation
mode) the read raises AttributeError, at run time, far from `__init__`.

Example:

    class Layer:
        def __init__(self, quant):
            if quant:
                self._gfx95_quant_format = "fp8"

        def forward(self, x):
            return kernel(x, self._gfx95_quant_format)   # AttributeError when not quant

How to fix: assign a default before the condition (`self._gfx95_quant_format = None`), or
declare it at class level.
"""

from __future__ import annotations

import ast

from prdossier.analysis.models import Risk
from prdossier.analysis.rules.context import RuleContext

NAME = "possibly-undefined-attribute"
CODE = "PRD104"
KIND = "file"
_BRANCHING = (ast.If, ast.Try, ast.TryStar, ast.For, ast.AsyncFor, ast.While, ast.With, ast.Match)


def check(context: RuleContext) -> list[Risk]:
    risks = []
    for path, table in context.parsed.items():
        if table.tree is None:
            continue
        for node in _classes(table.tree.body):
            if _in_scope(node, path, context):
                risks += _check_class(node, path, table.lines, context)
    return risks


def _classes(body: list[ast.stmt]) -> list[ast.ClassDef]:
    """Classes at module level, nested in classes, or under if/try/with; not inside functions."""
    found = []
    for node in body:
        if isinstance(node, ast.ClassDef):
            found += [node, *_classes(node.body)]
        elif isinstance(node, ast.If | ast.Try | ast.TryStar | ast.With):
            for block in (node.body, getattr(node, "orelse", []), getattr(node, "finalbody", []),
                          *(h.body for h in getattr(node, "handlers", []))):
                found += _classes(block)
    return found


def _in_scope(cls: ast.ClassDef, path: str, context: RuleContext) -> bool:
    lines = context.scope.lines
    if lines is None:
        return True
    touched = lines.get(path, frozenset())
    return any(cls.lineno <= line <= (cls.end_lineno or cls.lineno) for line in touched)


def _check_class(cls: ast.ClassDef, path: str, lines: list[str], context: RuleContext) -> list[Risk]:
    methods = [n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    init = next((m for m in methods if m.name == "__init__"), None)
    if init is None:
        return []
    always, sometimes = _init_assignments(init)
    if "*" in sometimes or "*" in always or not sometimes.keys() - always:
        return []
    declared = _class_level_names(cls)
    elsewhere = {name for m in methods if m is not init for name, _ in _self_stores(m.body)}
    if "*" in elsewhere:
        return []
    partial = {name: line for name, line in sometimes.items()
               if name not in always and name not in declared and name not in elsewhere}
    if not partial:
        return []
    risks = []
    for method in methods:
        if method is init:
            continue
        reads: dict[str, int] = {}
        for name, line in _self_reads(method):
            if name in partial and (context.scope.covers(path, line)
                                    or context.scope.covers(path, partial[name])):
                reads.setdefault(name, line)
        if not reads:
            continue
        names = sorted(reads, key=reads.__getitem__)
        first = reads[names[0]]
        evidence = [f"{partial[n]}: {lines[partial[n] - 1].strip()}" for n in names[:3]]
        evidence.append(f"{first}: {lines[first - 1].strip()}")
        args = {"method": f"{cls.name}.{method.name}", "init": f"{cls.name}.__init__",
                "names": ", ".join(f"`self.{n}`" for n in names),
                "lines": ", ".join(str(partial[n]) for n in names)}
        risks.append(Risk(
            rule=NAME, code=CODE, severity="medium", path=path, line=first,
            message=f"`{args['method']}` reads {args['names']}, which `{args['init']}` "
                    f"assigns only on some paths (line {args['lines']})",
            evidence="\n".join(evidence), form="partial", args=args,
        ))
        for name in names:
            partial.pop(name)
    return risks


def _init_assignments(init: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[set[str], dict[str, int]]:
    """Attributes every path through `__init__` assigns, and the first line of every other."""
    always = _definitely_assigned(init.body)
    sometimes: dict[str, int] = {}
    for name, line in _self_stores(init.body):
        sometimes.setdefault(name, line)
    return always, sometimes


_EVERYTHING = frozenset({"*"})


def _definitely_assigned(body: list[ast.stmt]) -> set[str]:
    """`self` attributes assigned on every path through `body` that reaches its end. A block
    that always leaves by `return` or `raise` assigns "everything" (`*`) for this purpose."""
    assigned: set[str] = set()
    for statement in body:
        if isinstance(statement, ast.Return | ast.Raise):
            return set(_EVERYTHING)
        if isinstance(statement, ast.If):
            assigned |= _both(_definitely_assigned(statement.body),
                              _definitely_assigned(statement.orelse))
        elif isinstance(statement, ast.Try | ast.TryStar):
            paths = [_definitely_assigned(statement.body + statement.orelse),
                     *(_definitely_assigned(h.body) for h in statement.handlers)]
            common = paths[0]
            for other in paths[1:]:
                common = _both(common, other)
            assigned |= common | _definitely_assigned(statement.finalbody)
        elif isinstance(statement, ast.With | ast.AsyncWith):
            assigned |= _definitely_assigned(statement.body)
        elif not isinstance(statement, _BRANCHING):
            assigned |= {name for name, _ in _self_stores([statement])}
    return assigned


def _both(first: set[str], second: set[str]) -> set[str]:
    if "*" in first and "*" in second:
        return set(_EVERYTHING)
    if "*" in first:
        return second
    if "*" in second:
        return first
    return first & second


def _self_stores(body: list[ast.stmt]) -> list[tuple[str, int]]:
    stores = []
    for statement in body:
        for node in ast.walk(statement):
            if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name) and node.value.id == "self"):
                stores.append((node.attr, node.lineno))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id == "setattr"):
                stores.append(("*", node.lineno))
    return stores


def _self_reads(method: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, int]]:
    probed = {arg.value for node in ast.walk(method) if isinstance(node, ast.Call)
              and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
              for arg in node.args[1:2] if isinstance(arg, ast.Constant)}
    return [(node.attr, node.lineno) for node in ast.walk(method)
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name) and node.value.id == "self"
            and node.attr not in probed]


def _class_level_names(cls: ast.ClassDef) -> set[str]:
    names = set()
    for node in cls.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
    return names
