"""PRD109 unsupported-keyword-argument.

What it finds: a call into a dependency that passes a keyword the called function does not
accept in the release the project pins. The signature is read statically (griffe, from the
installed distribution's stubs or sources; nothing is imported) and only when the installed
release satisfies the project's pin; when the signature or the release is unknown the rule
says nothing rather than guess.

Why it matters: the call raises TypeError the first time it runs, typically on a path the
author's machine did not take (another backend, another dtype).

Example: `torch.mm(a, b, out_dtype=torch.float32)` with `torch==2.4.*` pinned, where `mm`
has no `out_dtype` (under a torch 2.9 pin, whose `mm` accepts it, nothing is reported).

How to fix: use the keyword only under a version check, raise the pin, or call the API the
pinned release offers.
"""

from __future__ import annotations

import ast

from prdossier.analysis.models import Risk
from prdossier.analysis.rules.context import RuleContext
from prdossier.analysis.signatures import call_signature, imported_names, signatures_for

NAME = "unsupported-keyword-argument"
CODE = "PRD109"
KIND = "file"


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None:
        return []
    signatures = signatures_for(tuple(project.config.signature_paths))
    checkable = {d.import_name for d in project.dependencies.dependencies
                 if d.extra is None and signatures.matches_pin(d.name, d.specifier)}
    if not checkable:
        return []
    risks = []
    for path, table in context.parsed.items():
        if not table.parses or not _may_call_with_keywords(context, path, table.lines):
            continue
        names = imported_names(table.tree)
        if not {dotted.split(".", 1)[0] for dotted in names.values()} & checkable:
            continue
        for call in ast.walk(table.tree):
            if not isinstance(call, ast.Call) or not call.keywords:
                continue
            if not context.scope.covers(path, call.lineno):
                continue
            signature = call_signature(call, names, project.dependencies, signatures)
            if signature is None or "**" in signature.keywords:
                continue
            for keyword in call.keywords:
                if keyword.arg is not None and not signature.accepts(keyword.arg):
                    risks.append(Risk(
                        rule=NAME, code=CODE, severity="high", path=path, line=call.lineno,
                        message=f"`{signature.target}` in {signature.distribution} "
                                f"{signature.version} (pinned `{signature.specifier}`) takes no "
                                f"keyword `{keyword.arg}`",
                        evidence=f"{call.lineno}: {table.lines[call.lineno - 1].strip()}",
                        form="no-keyword",
                        args={"target": signature.target, "distribution": signature.distribution,
                              "version": signature.version, "specifier": signature.specifier,
                              "keyword": keyword.arg or ""},
                    ))
    return risks


def _may_call_with_keywords(context: RuleContext, path: str, lines: list[str]) -> bool:
    """A keyword argument needs an `=` on a line in scope (or a call spanning into it)."""
    if context.scope.lines is None:
        return True
    return any(0 < line <= len(lines) and "=" in lines[line - 1]
               for line in context.scope.lines.get(path, ()))
