"""What an idiom recognizer sees of a change, and helpers shared by the import idioms."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from prdossier.analysis.guards import GuardRules, Protection
from prdossier.analysis.models import FileFacts
from prdossier.analysis.pysymbols import ImportStatement, ModuleSymbols
from prdossier.analysis.symdiff import ParsedSides
from prdossier.sources.models import FileDiff

IMPORT_TIME: tuple[Protection, ...] = ("unguarded", "conditional")


@dataclass
class IdiomContext:
    """The change's files: facts, diffs, and both parsed sides of each Python file."""

    files: list[FileFacts]
    diffs: list[FileDiff]
    sides: dict[str, ParsedSides]  # by path (the old path for a deleted file)
    guards: GuardRules

    @cached_property
    def import_shifts(self) -> list[ImportShift]:
        """Each import statement of a file that existed before, whose protection changed or
        that is new; a new file's imports are its first version, not a change of how they
        are guarded. Several recognizers read these, so they are found once."""
        return list(self._import_shifts())

    def _import_shifts(self) -> Iterator[ImportShift]:
        for path, sides in self.sides.items():
            if sides.new is None or not sides.new.parses or sides.old is None or not sides.old.parses:
                continue
            old: dict[str, list[ImportStatement]] = {}
            for statement in sides.old.imports:
                old.setdefault(statement.statement, []).append(statement)
            for statement in sides.new.imports:
                protection = self.guards.protection(statement)
                before = old.get(statement.statement, [])
                if any(self.guards.protection(s) == protection for s in before):
                    continue
                origin = before[0] if before else None
                yield ImportShift(path, origin, statement,
                                  self.guards.protection(origin) if origin else None, protection)

    def old_table(self, path: str) -> ModuleSymbols | None:
        """The parsed old side of the file that was at `path` before the change."""
        for sides in self.sides.values():
            if (sides.diff.old_path or sides.diff.path) == path and sides.old and sides.old.parses:
                return sides.old
        return None

    def parsed_pairs(self) -> Iterator[tuple[str, ModuleSymbols, ModuleSymbols]]:
        """(path, old, new) of each Python file that parses on both sides."""
        for path, sides in self.sides.items():
            if sides.old and sides.new and sides.old.parses and sides.new.parses:
                yield path, sides.old, sides.new


@dataclass(frozen=True)
class ImportShift:
    """An import statement as it was (None when added) and as it is, with its protection."""

    path: str
    old: ImportStatement | None
    new: ImportStatement
    old_protection: Protection | None
    new_protection: Protection


def functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions and methods by qualified name (`Class.method`); of two with one name, the first."""
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for qualname, node in _functions_in(tree.body, ""):
        found.setdefault(qualname, node)
    return found


def old_function(table: ModuleSymbols, qualname: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """A function or method as it was, parsed from its own lines. The old side of a file is kept
    without its tree, and parsing the whole file again for one function would cost as much as
    its first parse; when the lines do not parse alone, the whole tree is read after all."""
    symbol = table.symbols.get(qualname)
    if symbol is None or symbol.kind not in ("function", "method"):
        return None
    source = textwrap.dedent("\n".join(table.lines[symbol.start - 1:symbol.end]))
    try:
        body = ast.parse(source).body
    except (SyntaxError, ValueError, RecursionError):
        return functions(table.tree).get(qualname) if table.tree else None
    node = body[0] if body else None
    return node if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None


def _functions_in(body: list[ast.stmt],
                  prefix: str) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    # A generator, not a recursive closure: a closure that calls itself is a reference cycle,
    # which would keep the whole syntax tree alive until the cyclic collector runs.
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from _functions_in(node.body, f"{prefix}{node.name}.")
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for block in (node.body, getattr(node, "orelse", []),
                          *(h.body for h in getattr(node, "handlers", []))):
                yield from _functions_in(block, prefix)
