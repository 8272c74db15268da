"""Review claims that prdossier's own analysis can check, and the evidence when it disagrees.

Checked claim: "`f` does not accept the keyword `k`" (unsupported argument, unexpected keyword,
no such parameter) on a line that calls `f` with `k`. When the release of the dependency the
project pins accepts `k` (signature read statically, as PRD109 does), the claim is
contradicted. When the signature or the pinned release is unknown, nothing is said.
"""

from __future__ import annotations

import ast
import re

from prdossier.analysis.dependencies import DependencyModel
from prdossier.analysis.models import Contradiction
from prdossier.analysis.pysymbols import ModuleSymbols
from prdossier.analysis.review.text import CommentText
from prdossier.analysis.signatures import Signatures, call_signature, imported_names

LINE_SLACK = 3
_KEYWORD_CLAIM = re.compile(
    r"not (?:a )?(?:supported|accepted|valid|recogni[sz]ed)|unsupported|unexpected keyword|"
    r"does(?:n't| not) (?:accept|support|take|have)|no (?:such )?(?:keyword|parameter|argument)|"
    r"not (?:an? )?(?:keyword|parameter|argument) of|TypeError", re.IGNORECASE)


def contradiction(text: CommentText, table: ModuleSymbols, line: int | None,
                  dependencies: DependencyModel, signatures: Signatures) -> Contradiction | None:
    if table.tree is None or not _KEYWORD_CLAIM.search(text.prose):
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
                    target=signature.target, keyword=keyword,
                    distribution=signature.distribution, version=signature.version,
                    specifier=signature.specifier, line=call.lineno,
                    code=table.lines[call.lineno - 1].strip())
    return None


def _near(call: ast.Call, line: int | None) -> bool:
    if line is None:
        return True
    end = call.end_lineno or call.lineno
    return call.lineno - LINE_SLACK <= line <= end + LINE_SLACK
