"""PRD105 inconsistent-sibling-decorator.

What it finds: a module-level function that lacks a decorator its sibling family carries. A
family is three or more functions in one package (one folder) whose names share their first
and last words (`load_llama_config`, `load_qwen_config`, ...); a decorator carried by at least
two thirds of them, and by two or more, is expected on the rest.

Why it matters: families are usually written by copying; a member that lost the decorator
(often in a refactor or a module split) behaves differently: without `@lru_cache` it is
recomputed on every call, without a registration decorator it is never found.

Example: in `configs/`, `get_llama_config` and `get_qwen_config` are `@lru_cache`d and
`get_mistral_config` is not.

How to fix: add the decorator, or rename the function if it is not part of the family.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from prdossier.analysis.models import Risk
from prdossier.analysis.paths import category
from prdossier.analysis.project import Project
from prdossier.analysis.pysymbols import Symbol
from prdossier.analysis.rules.context import RuleContext

NAME = "inconsistent-sibling-decorator"
CODE = "PRD105"
KIND = "project"
MIN_FAMILY = 3
SHARE = 2 / 3


def check(context: RuleContext) -> list[Risk]:
    project = context.project
    if project is None:
        return []
    folders = {path.rpartition("/")[0] for path in project.python_files
               if context.scope.touches(path) and category(path) == "source"}
    risks = []
    for folder in sorted(folders):
        for family, members in _families(project, folder).items():
            risks += _lacking(family, members, context)
    return risks


def _families(project: Project, folder: str) -> dict[tuple[str, str], list[tuple[str, Symbol]]]:
    families: defaultdict[tuple[str, str], list[tuple[str, Symbol]]] = defaultdict(list)
    for path in project.python_files:
        if path.rpartition("/")[0] != folder:
            continue
        module = project.module_at(path)
        for symbol in module.symbols.values() if module else ():
            words = symbol.qualname.strip("_").split("_")
            if symbol.kind == "function" and len(words) >= 3:
                families[(words[0], words[-1])].append((path, symbol))
    return {key: members for key, members in families.items() if len(members) >= MIN_FAMILY}


def _lacking(family: tuple[str, str], members: list[tuple[str, Symbol]],
             context: RuleContext) -> list[Risk]:
    counts = Counter(_short(d) for _, symbol in members for d in set(symbol.decorators))
    risks = []
    for decorator, count in counts.items():
        if count < 2 or count < SHARE * len(members):
            continue
        carriers = [s.qualname for _, s in members if decorator in map(_short, s.decorators)]
        for path, symbol in members:
            if decorator in map(_short, symbol.decorators):
                continue
            if not any(context.scope.covers(path, line) for line in range(symbol.start, symbol.end + 1)):
                continue
            args = {"symbol": symbol.qualname, "decorator": decorator, "count": str(count),
                    "members": str(len(members)), "family": f"{family[0]}_*_{family[1]}"}
            risks.append(Risk(
                rule=NAME, code=CODE, severity="medium" if "cache" in decorator else "low",
                path=path, line=symbol.start,
                message=f"`{symbol.qualname}` lacks `@{decorator}`, which {count} of the "
                        f"{len(members)} `{args['family']}` functions here carry",
                evidence=f"{symbol.start}: {symbol.signature}\nwith it: {', '.join(carriers[:4])}",
                form="lacks", args=args,
            ))
    return risks


def _short(decorator: str) -> str:
    return decorator.rsplit(".", 1)[-1]
