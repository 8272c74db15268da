"""docs/rules.md: every rule and idiom recognizer, from its own docstring."""

from __future__ import annotations

import inspect
from types import ModuleType

from prdossier.analysis.idioms import RECOGNIZERS
from prdossier.analysis.rules import RULES

_KIND = {"change": "the change's files", "file": "each file's syntax tree",
         "project": "the whole tree (modules, dependencies, import graph)"}


def rules_markdown() -> str:
    lines = [
        "# Rules and change idioms",
        "",
        "Generated from the docstrings by `prdossier rules > docs/rules.md`; do not edit by hand.",
        "",
        "## Rules",
        "",
        "| code | name | reads |",
        "|---|---|---|",
        *(f"| {r.CODE} | [`{r.NAME}`](#{r.CODE.lower()}-{r.NAME}) | {_KIND[r.KIND]} |" for r in RULES),
        "",
    ]
    for rule in RULES:
        lines += _section(rule, level="###")
    lines += ["## Change idioms", ""]
    for recognizer in RECOGNIZERS:
        lines += _section(recognizer, level="###")
    return "\n".join(lines).rstrip() + "\n"


def _section(module: ModuleType, level: str) -> list[str]:
    doc = inspect.cleandoc(module.__doc__ or "")
    title, _, body = doc.partition("\n")
    return [f"{level} {title.rstrip('.')}", "", body.strip(), ""]
