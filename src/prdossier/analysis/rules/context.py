"""What a rule sees: the change's files, parsed modules, the whole project, and the scope."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prdossier.analysis.models import FileFacts
from prdossier.analysis.pysymbols import ModuleSymbols

if TYPE_CHECKING:
    from prdossier.analysis.project import Project


@dataclass(frozen=True)
class Scope:
    """Which findings belong to this run: in a report, those on lines the change added;
    when checking a tree, all (`lines` is None)."""

    lines: Mapping[str, frozenset[int]] | None = None

    def covers(self, path: str, line: int) -> bool:
        return self.lines is None or line in self.lines.get(path, frozenset())

    def touches(self, path: str) -> bool:
        return self.lines is None or path in self.lines


@dataclass
class RuleContext:
    """`files`: the change's file facts (empty when checking a tree); `parsed`: the Python
    files a file rule examines, by path; `project`: the whole tree the rules run on."""

    files: list[FileFacts] = field(default_factory=list)
    parsed: Mapping[str, ModuleSymbols] = field(default_factory=dict)
    project: Project | None = None
    scope: Scope = field(default_factory=Scope)
