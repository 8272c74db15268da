"""Counting attribute reads and `getattr`/`hasattr` probes inside one function."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Probes:
    reads: Counter[tuple[str, str]] = field(default_factory=Counter)  # (receiver, attr)
    probes: Counter[tuple[str, str]] = field(default_factory=Counter)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # first probe line


def probes_in(function: ast.AST) -> Probes:
    """Plain `obj.attr` reads, and `getattr(obj, "attr", default)` / `hasattr(obj, "attr")`."""
    found = Probes()
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            found.reads[(ast.unparse(node.value), node.attr)] += 1
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and _is_probe(node) and isinstance(node.args[1], ast.Constant)):
            key = (ast.unparse(node.args[0]), str(node.args[1].value))
            found.probes[key] += 1
            found.lines.setdefault(key, node.lineno)
    return found


def _is_probe(call: ast.Call) -> bool:
    name = call.func.id if isinstance(call.func, ast.Name) else ""
    return (name == "hasattr" and len(call.args) == 2) or (name == "getattr" and len(call.args) == 3)
