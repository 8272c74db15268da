"""dependency-pin-changed: a dependency version or a version check changed.

What it recognises: in a dependency manifest (pyproject.toml, setup.cfg, setup.py,
requirements files), a requirement added, removed, or given another version specifier; in
Python, an added line that compares or tests a version against a version literal.

Why it matters: the set of supported upstream releases moved; code written for the old
range may now meet APIs it never ran against.

Example: `torch==2.8.0` became `torch==2.9.0` in `pyproject.toml`.
"""

from __future__ import annotations

import re

from prdossier.analysis.dependencies import declared_pins, is_manifest
from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom
from prdossier.analysis.pysymbols import VERSION_PREDICATE
from prdossier.sources.models import FileDiff

NAME = "dependency-pin-changed"
KIND = "change"
_VERSION_LITERAL = re.compile(r"""["']\d+(\.\d+)+[\w.+-]*["']""")


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    for diff in context.diffs:
        if is_manifest(diff.path):
            idioms += _manifest_changes(diff)
        elif diff.path.endswith(".py") and diff.new_text is not None:
            idioms += _version_checks(diff)
    return idioms


def _manifest_changes(diff: FileDiff) -> list[Idiom]:
    before = declared_pins(diff.path, diff.old_text)
    after = declared_pins(diff.path, diff.new_text)
    lines = (diff.new_text or "").splitlines()
    idioms = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], k[1] or "")):
        old, new = before.get(key), after.get(key)
        if old and new and old.specifier == new.specifier:
            continue
        name, extra = key
        line = next((n for n, text in enumerate(lines, 1) if name.lower() in text.lower()), 1)
        idioms.append(Idiom(idiom=NAME, path=diff.path, start_line=line, end_line=line,
                            symbol=name, subject=f"{name} [{extra}]" if extra else name,
                            context=new.specifier if new else None,
                            was=old.specifier if old else None,
                            form="changed" if old and new else "added" if new else "removed"))
    return idioms


def _version_checks(diff: FileDiff) -> list[Idiom]:
    lines = (diff.new_text or "").splitlines()
    idioms = []
    for number in diff.added_lines:
        text = lines[number - 1].strip() if number <= len(lines) else ""
        if _VERSION_LITERAL.search(text) and VERSION_PREDICATE.search(text) \
                and not text.startswith(("#", "import", "from")):
            idioms.append(Idiom(idiom=NAME, path=diff.path, start_line=number, end_line=number,
                                symbol=None, subject=text, form="version-check"))
    return idioms
