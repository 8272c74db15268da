"""Counting attribute reads and `getattr`/`hasattr` probes inside one function."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field

from prdossier.analysis.symdiff import ParsedSides


@dataclass
class Probes:
    reads: Counter[tuple[str, str]] = field(default_factory=Counter)  # (receiver, attr)
    probes: Counter[tuple[str, str]] = field(default_factory=Counter)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # first probe line


def probes_in(function: ast.AST, attrs: set[str] | None = None) -> Probes:
    """`getattr(obj, "attr", default)` / `hasattr(obj, "attr")` probes, and plain `obj.attr`
    reads of the attributes probed here or named in `attrs`."""
    found = Probes()
    nodes = list(ast.walk(function))
    for node in nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and _is_probe(node) and isinstance(node.args[1], ast.Constant)):
            key = (ast.unparse(node.args[0]), str(node.args[1].value))
            found.probes[key] += 1
            found.lines.setdefault(key, node.lineno)
    wanted = {attr for _, attr in found.probes} | (attrs or set())
    for node in nodes:
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr in wanted:
            found.reads[(ast.unparse(node.value), node.attr)] += 1
    return found


def probing_lines(sides: ParsedSides) -> set[int]:
    """The lines the change added that call getattr or hasattr."""
    lines = sides.new_text_lines
    return {n for n in sides.diff.added_lines
            if n <= len(lines) and ("getattr(" in lines[n - 1] or "hasattr(" in lines[n - 1])}


def spans_any(function: ast.AST, lines: set[int]) -> bool:
    start = getattr(function, "lineno", 0)
    end = getattr(function, "end_lineno", None) or start
    return any(start <= line <= end for line in lines)


def _is_probe(call: ast.Call) -> bool:
    name = call.func.id if isinstance(call.func, ast.Name) else ""
    return (name == "hasattr" and len(call.args) == 2) or (name == "getattr" and len(call.args) == 3)
