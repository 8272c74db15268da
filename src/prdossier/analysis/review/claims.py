"""Review claims that prdossier's own analysis can check, and the evidence when it disagrees.

- "`f` does not accept the keyword `k`" (unsupported argument, unexpected keyword, no such
  parameter) on a line that calls `f` with `k`: contradicted when the release of the
  dependency the project pins accepts `k` (signature read statically, as PRD109 does). When
  the signature or the pinned release is unknown, nothing is said.
- "this import fails where `pkg` is not installed" (ImportError, unguarded, not available) on
  an import line: contradicted when the import sits under a guard (TYPE_CHECKING, a platform
  test, try/except ImportError, or inside a function) and the lines were not changed after
  the comment, so the guard was there when the comment was written.
"""

from __future__ import annotations

import ast
import re

from prdossier.analysis.dependencies import DependencyModel
from prdossier.analysis.guards import GuardRules
from prdossier.analysis.models import Contradiction
from prdossier.analysis.pysymbols import ImportStatement, ModuleSymbols
from prdossier.analysis.review.text import CommentText
from prdossier.analysis.signatures import Signatures, call_signature, imported_names

LINE_SLACK = 3
_KEYWORD_CLAIM = re.compile(
    r"not (?:a )?(?:supported|accepted|valid|recogni[sz]ed)|unsupported|unexpected keyword|"
    r"does(?:n't| not) (?:accept|support|take|have)|no (?:such )?(?:keyword|parameter|argument)|"
    r"not (?:an? )?(?:keyword|parameter|argument) of|TypeError", re.IGNORECASE)
_IMPORT_CLAIM = re.compile(
    r"ImportError|ModuleNotFoundError|not installed|(?:isn't|is not|not) available|unguarded|"
    r"without (?:a |any )?guard|guard (?:this|the) import|fail(?:s|ed)? to import|"
    r"import(?:ing|s)? .{0,40}(?:fail|break|crash)", re.IGNORECASE)
GUARDED = ("type-checking", "lazy", "import-error", "platform")


def import_contradiction(text: CommentText, table: ModuleSymbols, lines: range,
                         guards: GuardRules) -> Contradiction | None:
    """An import said to fail unguarded that is guarded on the commented lines."""
    if not _IMPORT_CLAIM.search(text.prose):
        return None
    claimed = {name.split(".")[0] for name in text.identifiers}
    for statement in table.imports:
        if statement.line not in lines or not _names_claimed(statement, claimed):
            continue
        if guards.protection(statement) in GUARDED:
            return Contradiction(kind="import-guarded", line=statement.line,
                                 code=statement.statement, target=statement.module,
                                 guard=statement.context)
    return None


def _names_claimed(statement: ImportStatement, claimed: set[str]) -> bool:
    if not claimed:
        return True
    modules = {statement.module.lstrip(".").split(".")[0], *statement.names, *statement.imported}
    return bool(modules & claimed)


def keyword_contradiction(text: CommentText, table: ModuleSymbols, line: int | None,
                          dependencies: DependencyModel,
                          signatures: Signatures) -> Contradiction | None:
    if not table.parses or not _KEYWORD_CLAIM.search(text.prose):
        return None
    claimed = {name for name in text.identifiers if "." not in name}
    if not claimed:
        return None
    names = imported_names(table.tree)
    for call in ast.walk(table.tree):
        if not isinstance(call, ast.Call) or not _near(call, line):
            continue
        keywords = {k.arg for k in call.keywords if k.arg in claimed}
        if not keywords:
            continue
        signature = call_signature(call, names, dependencies, signatures)
        if signature is None:
            continue
        for keyword in sorted(keywords):
            if keyword in signature.keywords:
                return Contradiction(
                    kind="keyword-accepted", target=signature.target, keyword=keyword,
                    distribution=signature.distribution, version=signature.version,
                    specifier=signature.specifier, line=call.lineno,
                    code=table.lines[call.lineno - 1].strip())
    return None


def _near(call: ast.Call, line: int | None) -> bool:
    if line is None:
        return True
    end = call.end_lineno or call.lineno
    return call.lineno - LINE_SLACK <= line <= end + LINE_SLACK
