"""A changed file's `change_type`, judged from what changed in it."""

from __future__ import annotations

import re

from prdossier.analysis.dependencies import declared_pins, is_manifest, requirement_strings
from prdossier.analysis.models import Category, ChangeType, ImportChange, SymbolChange
from prdossier.analysis.pysymbols import ModuleSymbols
from prdossier.analysis.statements import StatementShape
from prdossier.analysis.symdiff import ParsedSides, code_lines

_BY_CATEGORY: dict[Category, ChangeType] = {
    "test": "test-coverage",
    "docs": "docs",
    "infra": "infrastructure",
    "config": "configuration",
}
CONTRACT_SHARE = 0.3


def change_type(category: Category, sides: ParsedSides | None, symbols: list[SymbolChange],
                imports: list[ImportChange], shape: StatementShape | None = None) -> ChangeType:
    """`shape` is what `statements.statement_shape` saw while the file's trees existed."""
    if sides is not None and sides.diff.status == "deleted":
        return "deletion"
    if sides is not None and _marks_package(sides):
        return "dependency-wiring"
    if category == "test" and sides is not None and _python_change_type(sides, symbols, imports) \
            == "dependency-wiring":
        return "dependency-wiring"
    if category == "infra" and sides is not None and _configures(sides, symbols, imports):
        return "configuration"
    if category in _BY_CATEGORY:
        return _BY_CATEGORY[category]
    if sides is None or sides.diff.status == "added":
        return "core-logic"
    return _python_change_type(sides, symbols, imports, shape)


def _python_change_type(sides: ParsedSides, symbols: list[SymbolChange],
                        imports: list[ImportChange],
                        shape: StatementShape | None = None) -> ChangeType:
    if sides.old is None or sides.new is None or sides.old.error or sides.new.error:
        return "core-logic"
    new_lines = sides.added_code_lines
    old_lines = sides.removed_code_lines
    if not new_lines and not old_lines:
        return "docs" if _comments_changed(sides) else "core-logic"
    if new_lines <= sides.new.docstring_lines and old_lines <= sides.old.docstring_lines:
        return "docs"
    in_imports = new_lines <= sides.new.import_lines and old_lines <= sides.old.import_lines
    if in_imports or _only_repoints_uses(sides, new_lines, old_lines, imports):
        return "dependency-wiring"
    declared_new = sides.new.import_lines | sides.new.assignment_lines
    declared_old = sides.old.import_lines | sides.old.assignment_lines
    if new_lines <= declared_new and old_lines <= declared_old:
        touches_imports = (new_lines & sides.new.import_lines) or (old_lines & sides.old.import_lines)
        return "dependency-wiring" if touches_imports else "configuration"
    if shape == "put-under-guard":
        return "dependency-wiring"
    if shape in ("calls-reshaped", "names-retargeted") or _is_contract_change(sides, symbols):
        return "data-contract"
    return "core-logic"


def _marks_package(sides: ParsedSides) -> bool:
    """An added `__init__.py` holding nothing but imports and a docstring: it makes a folder
    an importable package, or says what the package re-exports."""
    new = sides.new
    if sides.diff.status != "added" or not sides.diff.path.endswith("__init__.py") \
            or new is None or not new.parses:
        return False
    code = code_lines(sides.new_text_lines, range(1, len(sides.new_text_lines) + 1))
    return code <= new.import_lines | new.docstring_lines


def _configures(sides: ParsedSides, symbols: list[SymbolChange],
                imports: list[ImportChange]) -> bool:
    """A build script (setup.py) whose declared requirements changed, also ones it builds in
    helper functions (`return ["torch==2.6.0", "triton-ascend==3.2.0"]`), or whose change
    is only to the values of its module-level settings (`VERSION = ...`)."""
    diff = sides.diff
    if is_manifest(diff.path) and _specifiers(diff.path, diff.old_text) != _specifiers(
            diff.path, diff.new_text):
        return True
    if sides.old is not None and sides.new is not None and sides.old.parses and sides.new.parses \
            and _requirements(sides.old) != _requirements(sides.new):
        return True
    return _python_change_type(sides, symbols, imports) == "configuration"


def _requirements(table: ModuleSymbols) -> set[str]:
    found = requirement_strings(table.tree)
    table.release_tree()
    return found


def _specifiers(path: str, text: str | None) -> dict[tuple[str, str | None], str]:
    return {key: dependency.specifier for key, dependency in declared_pins(path, text).items()}


def _only_repoints_uses(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                        imports: list[ImportChange]) -> bool:
    """Imports changed, and every other changed line names a name those imports bind, or a
    function an import moved into: the code now reaches the same things through the new
    imports (`FusedMoE.make_mapping(...)` became `make_mapping(...)` once `make_mapping` is
    imported; `registry["ipc"] = lambda: Engine` became `registry["ipc"] = _load_engine`)."""
    assert sides.old is not None and sides.new is not None
    names = {name for change in imports for name in change.names} | _loaders(sides, imports)
    if not names:
        return False
    naming = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    return all(naming.search(lines[number - 1])
               for changed, lines, import_lines in (
                   (new_lines, sides.new_text_lines, sides.new.import_lines),
                   (old_lines, sides.old_text_lines, sides.old.import_lines))
               for number in changed - import_lines)


def _is_contract_change(sides: ParsedSides, symbols: list[SymbolChange]) -> bool:
    assert sides.old is not None
    imported_before = {name for imp in sides.old.imports for name in imp.names}
    if any(s.status == "added" and s.kind == "function" and s.qualname in imported_before
           for s in symbols):
        return True
    total = sum(s.weight for s in symbols) or 1
    contract = sum(s.weight for s in symbols
                   if (s.parameters_changed or s.status == "removed") and _is_public(s.qualname))
    return contract / total >= CONTRACT_SHARE


def _is_public(qualname: str) -> bool:
    name = qualname.rsplit(".", 1)[-1]
    return not name.startswith("_") or name == "__init__"


def _loaders(sides: ParsedSides, imports: list[ImportChange]) -> set[str]:
    """Functions a module-level import moved into, to load its names only when called."""
    assert sides.new is not None
    moved = {change.statement for change in imports if change.status == "moved"}
    return {statement.guards[0].text.rsplit(".", 1)[-1] for statement in sides.new.imports
            if statement.statement in moved and statement.guards and statement.guards[0].kind == "def"}


def _comments_changed(sides: ParsedSides) -> bool:
    return any(lines[number - 1].lstrip().startswith("#")
               for lines, numbers in ((sides.new_text_lines, sides.diff.added_lines),
                                      (sides.old_text_lines, sides.diff.removed_lines))
               for number in numbers if 0 < number <= len(lines))

