"""What a rule sees of a change."""

from __future__ import annotations

from dataclasses import dataclass

from prdossier.analysis.models import FileFacts


@dataclass(frozen=True)
class RuleContext:
    files: list[FileFacts]
