"""What an idiom recognizer sees of a change, and helpers shared by the import idioms."""

from __future__ import annotations

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


