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
from prdossier.analysis.signatures import Signatures, default_search_paths

NAME = "unsupported-keyword-argument"
CODE = "PRD109"
KIND = "file"

_signatures: dict[tuple[str, ...], Signatures] = {}


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None:
        return []
    paths = tuple(project.config.signature_paths) or tuple(default_search_paths())
    signatures = _signatures.setdefault(paths, Signatures(paths))
    risks = []
    for path, table in context.parsed.items():
        if table.tree is None:
            continue
        names = _imported_names(table.tree)
        for call in ast.walk(table.tree):
            if not isinstance(call, ast.Call) or not call.keywords:
                continue
            if not context.scope.covers(path, call.lineno):
                continue
            dotted = _dotted(call.func, names)
            if dotted is None:
                continue
            top = dotted.split(".", 1)[0]
            pinned = project.dependencies.core(top)
            if pinned is None or not signatures.matches_pin(pinned.name, pinned.specifier):
                continue
            accepted = signatures.keywords(dotted)
            if accepted is None or "**" in accepted:
                continue
            for keyword in call.keywords:
                if keyword.arg is not None and keyword.arg not in accepted:
                    version = signatures.installed_version(pinned.name)
                    risks.append(Risk(
                        rule=NAME, code=CODE, severity="high", path=path, line=call.lineno,
                        message=f"`{dotted}` in {pinned.name} {version} (pinned "
                                f"`{pinned.specifier}`) takes no keyword `{keyword.arg}`",
                        evidence=f"{call.lineno}: {table.lines[call.lineno - 1].strip()}",
                    ))
    return risks


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted name, for the module's absolute imports."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(func: ast.expr, names: dict[str, str]) -> str | None:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or func.id not in names:
        return None
    return ".".join([names[func.id], *reversed(parts)])
