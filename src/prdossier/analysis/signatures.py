"""Signatures of installed dependencies, read statically with griffe (sources and .pyi stubs).

A signature is used only when the installed distribution's version satisfies the range the
analysed project pins; otherwise the answer is "unknown", never a guess.
"""

from __future__ import annotations

import ast
import importlib.metadata
import site
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import griffe
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from prdossier.analysis.dependencies import DependencyModel
from prdossier.analysis.pysymbols import dotted_path

MAX_ALIAS_HOPS = 6
_ACCEPTS_KEYWORD = ("positional or keyword", "keyword-only")


def default_search_paths() -> list[str]:
    """The site-packages folders of the Python that runs prdossier."""
    paths = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    return list(dict.fromkeys(p for p in paths if Path(p).is_dir()))


@dataclass(frozen=True)
class CallSignature:
    """What the pinned release of a dependency says about one call's target."""

    target: str
    distribution: str
    version: str
    specifier: str
    keywords: frozenset[str]

    def accepts(self, keyword: str) -> bool:
        return keyword in self.keywords or "**" in self.keywords


@cache
def signatures_for(paths: tuple[str, ...]) -> Signatures:
    """One reader per set of search paths, shared by every rule and check in the process."""
    return Signatures(paths or tuple(default_search_paths()))


def call_signature(call: ast.Call, names: dict[str, str], dependencies: DependencyModel,
                   signatures: Signatures) -> CallSignature | None:
    """The signature of the call's target in the release the project pins, when known."""
    target = call_target(call.func, names)
    if target is None:
        return None
    pinned = dependencies.core(target.split(".", 1)[0])
    if pinned is None or not signatures.matches_pin(pinned.name, pinned.specifier):
        return None
    accepted = signatures.keywords(target)
    if accepted is None:
        return None
    return CallSignature(target=target, distribution=pinned.name,
                         version=str(signatures.installed_version(pinned.name)),
                         specifier=pinned.specifier, keywords=frozenset(accepted))


def imported_names(tree: ast.Module) -> dict[str, str]:
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


def call_target(func: ast.expr, names: dict[str, str]) -> str | None:
    head, dot, rest = dotted_path(func).partition(".")
    if head not in names:
        return None
    return names[head] + dot + rest


class Signatures:
    def __init__(self, search_paths: Sequence[str]) -> None:
        self.search_paths = list(search_paths)
        self._modules: dict[str, griffe.Module | None] = {}
        self._versions: dict[str, Version | None] = {}

    def installed_version(self, distribution: str) -> Version | None:
        if distribution not in self._versions:
            self._versions[distribution] = self._find_version(distribution)
        return self._versions[distribution]

    def _find_version(self, distribution: str) -> Version | None:
        for found in importlib.metadata.distributions(path=self.search_paths, name=distribution):
            try:
                return Version(found.version)
            except InvalidVersion:
                return None
        return None

    def matches_pin(self, distribution: str, specifier: str) -> bool:
        """The installed release satisfies the project's pin (an unpinned one says nothing)."""
        version = self.installed_version(distribution)
        if version is None or not specifier:
            return False
        try:
            return version in SpecifierSet(specifier)
        except InvalidSpecifier:
            return False

    def keywords(self, dotted: str) -> set[str] | None:
        """The keyword names `dotted` (a function, or a class's constructor) accepts; "**" in the
        set when it takes any keyword; None when the signature cannot be found."""
        module, _, name = dotted.rpartition(".")
        signatures = self._resolve(module, name, MAX_ALIAS_HOPS)
        if not signatures:
            return None
        accepted: set[str] = set()
        for function in signatures:
            for parameter in function.parameters:
                if parameter.kind.value == "variadic keyword":
                    accepted.add("**")
                elif parameter.kind.value in _ACCEPTS_KEYWORD:
                    accepted.add(parameter.name)
        return accepted

    def _resolve(self, module_path: str, name: str, hops: int) -> list[griffe.Function]:
        module = self._module(module_path)
        if module is None or hops == 0:
            return []
        if module.overloads.get(name):
            return list(module.overloads[name])
        member = module.members.get(name)
        if isinstance(member, griffe.Alias):
            target_module, _, target = member.target_path.rpartition(".")
            return self._resolve(target_module, target, hops - 1)
        if isinstance(member, griffe.Function):
            return [member, *(member.overloads or [])]
        if isinstance(member, griffe.Class) and "__init__" in member.members:
            init = member.members["__init__"]
            return [init] if isinstance(init, griffe.Function) else []
        if member is None:
            for key, alias in module.members.items():
                if key.endswith("/*") and isinstance(alias, griffe.Alias):
                    found = self._resolve(alias.target_path, name, hops - 1)
                    if found:
                        return found
        return []

    def _module(self, path: str) -> griffe.Module | None:
        """One module read from its stub (preferred) or source file; packages not imported."""
        if path not in self._modules:
            self._modules[path] = self._visit(path)
        return self._modules[path]

    def _visit(self, path: str) -> griffe.Module | None:
        relative = Path(*path.split("."))
        for root in self.search_paths:
            for candidate in (relative.with_suffix(".pyi"), relative / "__init__.pyi",
                              relative.with_suffix(".py"), relative / "__init__.py"):
                file = Path(root) / candidate
                if file.is_file():
                    try:
                        return griffe.visit(path.rpartition(".")[2] or path, file,
                                            file.read_text(encoding="utf-8"),
                                            parent=None)
                    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
                        return None
        return None
