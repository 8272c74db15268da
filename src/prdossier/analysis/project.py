"""A whole source tree as the import-time rules see it: modules, dependencies, import graph.

Modules are summarised once per content key (a blob id, or size and mtime on disk), so
projects built for neighbouring commits re-parse only the files that changed.
"""

from __future__ import annotations

import ast
import re
from collections import OrderedDict, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.dependencies import (
    BUILTIN_PLATFORM_PACKAGES,
    DependencyModel,
    is_manifest,
    read_dependencies,
)
from prdossier.analysis.guards import GuardRules, Protection
from prdossier.analysis.paths import category
from prdossier.analysis.pysymbols import (
    ImportStatement,
    ModuleSymbols,
    Symbol,
    call_name,
    fingerprint,
    parse_cached,
    short_name,
)
from prdossier.sources.tree import SourceTree, TreeFile, decode_source

# Summaries kept: the modules of this tree and a few more. A walk through history moves
# forward, so a file's older versions are not asked for again and age out first; a tree's
# every module is used once per change, so they stay.
SUMMARY_CACHE_SLACK = 256
SUMMARY_CACHE_MIN = 1_000
DEPENDENCY_CACHE_SIZE = 8
REGISTRY_MIN_TRY_IMPORTS = 5
FINGERPRINT_MIN_LINES = 6
_DYNAMIC_IMPORT_CALLS = ("import_module(", "__import__(")
_DOTTED_STRING = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+\.?$")


@dataclass(frozen=True)
class ModuleSummary:
    """What the project-level analysis keeps of one module (its syntax tree is dropped)."""

    path: str
    name: str
    is_package: bool
    imports: tuple[ImportStatement, ...]
    # A source module's symbols, and the fingerprints of its functions and classes. Of a test,
    # a benchmark or a script the project rules read only the top-level symbols' names, lines and
    # decorators, and no fingerprints.
    symbols: dict[str, Symbol]
    fingerprints: dict[str, str]
    dynamic_import_loop: bool
    dotted_strings: frozenset[str]
    defined: frozenset[str]  # names bound at module level; "*" when a star import or
    # a module-level __getattr__ makes that unknowable
    error: str | None

    def defines(self, name: str) -> bool:
        return "*" in self.defined or name in self.defined


@dataclass(frozen=True)
class Edge:
    """`source` imports `target` (a module of the project, or an external dotted name)."""

    source: str
    target: str
    statement: ImportStatement
    protection: Protection
    first_party: bool


@dataclass(frozen=True)
class Missing:
    """What `impact --missing` takes away: a package or module, or one symbol of it."""

    module: str
    symbol: str | None = None

    @classmethod
    def parse(cls, text: str) -> Missing:
        module, _, symbol = text.partition(":")
        return cls(module.strip(), symbol.strip() or None)

    def __str__(self) -> str:
        return f"{self.module}:{self.symbol}" if self.symbol else self.module


@dataclass
class Cascade:
    """The modules that stop importing, each with the import that makes it fail."""

    missing: Missing
    failing: dict[str, Edge] = field(default_factory=dict)
    direct: list[str] = field(default_factory=list)
    registries: dict[str, str] = field(default_factory=dict)  # registry module -> why

    @property
    def modules(self) -> list[str]:
        return list(self.failing)


_cache: OrderedDict[tuple[str, str, str], ModuleSummary] = OrderedDict()
_dependency_models: OrderedDict[tuple[object, ...], DependencyModel] = OrderedDict()


# An import statement, its protection, its absolute base and the modules it may load.
Resolution = tuple[ImportStatement, Protection, str, list[str]]


@dataclass
class _EdgeMemo:
    """Each module's resolved imports, by module name, valid while the guard rules that judge
    each import's protection stay the same."""

    guards: GuardRules | None = None
    by_module: dict[str, tuple[ModuleSummary, list[Resolution]]] = field(default_factory=dict)


_edges_memo = _EdgeMemo()


class Project:
    def __init__(self, tree: SourceTree, config: AnalysisConfig) -> None:
        self.tree = tree
        self.config = config
        self.guards = GuardRules.from_config(config)
        wanted = self.tree.files(lambda p: p.endswith(".py") or is_manifest(p))
        self.python_files = {f.path: f for f in wanted if f.path.endswith(".py")}
        self.manifest_files = [f for f in wanted if not f.path.endswith(".py")]
        self._package_dirs = {path.rsplit("/", 1)[0] for path in self.python_files
                              if path.endswith("/__init__.py")}
        self._names = {path: module_name_of(path, self._package_dirs) for path in self.python_files}
        self._cascades: dict[Missing, Cascade] = {}

    @property
    def first_party_modules(self) -> set[str]:
        """Dotted names of the modules of the tree, without summarising any of them."""
        return set(self._names.values())

    def name_of(self, path: str) -> str:
        """The dotted module name of a path, also of one not (or no longer) in the tree."""
        return self._names.get(path) or module_name_of(path, self._package_dirs)

    def module_at(self, path: str) -> ModuleSummary | None:
        """One module's summary, without summarising the whole tree."""
        if "by_path" in self.__dict__:
            return self.by_path.get(path)
        file = self.python_files.get(path)
        return self.summary(file) if file else None

    def module_named(self, name: str) -> ModuleSummary | None:
        """One module's summary by its dotted name, without summarising the whole tree."""
        if "modules" in self.__dict__:
            return self.modules.get(name)
        path = self._paths_by_name.get(name)
        return self.module_at(path) if path else None

    @cached_property
    def _paths_by_name(self) -> dict[str, str]:
        paths: dict[str, str] = {}
        for path, name in self._names.items():
            paths.setdefault(name, path)
        return paths

    def base_of(self, module: ModuleSummary, statement: ImportStatement) -> str:
        """The absolute dotted name after `from` or `import`."""
        return self._absolute(module, statement.module)

    @cached_property
    def by_path(self) -> dict[str, ModuleSummary]:
        """Every readable Python file; a blob missing from a partial clone is left out."""
        found = {}
        for file in self.python_files.values():
            if (summary := self.summary(file)) is not None:
                found[file.path] = summary
        return found

    @cached_property
    def functions_defined(self) -> frozenset[str]:
        """The names of the functions and methods the project's modules define (`get_paths_info`
        for `HfApi.get_paths_info`)."""
        return frozenset(short_name(qualname) for summary in self.by_path.values()
                         for qualname, symbol in summary.symbols.items()
                         if symbol.kind in ("function", "method"))

    @cached_property
    def modules(self) -> dict[str, ModuleSummary]:
        """By dotted name; of two files with one name (scripts outside packages) the first."""
        modules: dict[str, ModuleSummary] = {}
        for summary in self.by_path.values():
            modules.setdefault(summary.name, summary)
        return modules

    def _key(self, file: TreeFile) -> tuple[str, str, str]:
        return file.key, file.path, self._names[file.path]

    def summary(self, file: TreeFile) -> ModuleSummary | None:
        key = self._key(file)
        if (cached := _cache.get(key)) is not None:
            _cache.move_to_end(key)
            return cached
        data = self.tree.read(file)
        if data is None:
            return None
        table = parse_cached(decode_source(data))
        summary = summarise(file.path, key[2], table)
        parse_cached.release(table)
        self.adopt(file, summary)
        return summary

    def adopt_parsed(self, path: str, table: ModuleSymbols) -> None:
        """Summarise a file of the tree from a parse made elsewhere (a changed file's new side),
        unless its summary is known: the tree is not parsed twice."""
        file = self.python_files.get(path)
        if file is not None and self._key(file) not in _cache:
            self.adopt(file, summarise(path, self._names[path], table))

    def adopt(self, file: TreeFile, summary: ModuleSummary) -> None:
        """Keep a summary made elsewhere (by a worker process) for this file's content."""
        _cache[self._key(file)] = summary
        while len(_cache) > max(SUMMARY_CACHE_MIN, len(self.python_files) + SUMMARY_CACHE_SLACK):
            _cache.popitem(last=False)

    @cached_property
    def first_party(self) -> frozenset[str]:
        return frozenset(name.split(".", 1)[0] for name in self._names.values())

    @cached_property
    def dependencies(self) -> DependencyModel:
        """Read once per set of manifest contents: neighbouring commits mostly share them."""
        platform = BUILTIN_PLATFORM_PACKAGES | frozenset(self.config.platform_packages)
        key = (tuple(self.manifest_files), platform, self.first_party)
        if (known := _dependency_models.get(key)) is not None:
            return known
        texts = {}
        for file in self.manifest_files:
            data = self.tree.read(file)
            if data is not None:
                texts[file.path] = decode_source(data)
        model = _dependency_models[key] = read_dependencies(texts, platform, self.first_party)
        if len(_dependency_models) > DEPENDENCY_CACHE_SIZE:
            _dependency_models.popitem(last=False)
        return model

    @cached_property
    def edges(self) -> dict[str, list[Edge]]:
        """Each module's imports, resolved; a child module also depends on its package."""
        known = _edges_memo.by_module if _edges_memo.guards == self.guards else {}
        # only this tree's modules are kept: a module gone from the history holds its summary
        current: dict[str, tuple[ModuleSummary, list[Resolution]]] = {}
        edges: dict[str, list[Edge]] = {}
        for name, module in self.modules.items():
            kept = known.get(name)
            if kept is None or kept[0] is not module:
                kept = (module, self._resolutions(module))
            current[name] = kept
            edges[name] = [Edge(name, target, statement, protection, target in self.modules)
                           for statement, protection, base, loaded in kept[1]
                           for target in self._present(base, loaded)]
        _edges_memo.guards, _edges_memo.by_module = self.guards, current
        return edges

    def _resolutions(self, module: ModuleSummary) -> list[Resolution]:
        """What each import of a module may load, before checking which modules exist: kept
        across the changes of a history while the module's content stays the same."""
        return [(statement, self.guards.protection(statement), *self._candidates(module, statement))
                for statement in module.imports]

    def targets(self, module: ModuleSummary, statement: ImportStatement) -> list[str]:
        """The modules an import statement loads: its base, the base's packages, and, for
        `from base import name`, `base.name` when that is a module of the project."""
        return self._present(*self._candidates(module, statement))

    def _candidates(self, module: ModuleSummary, statement: ImportStatement) -> tuple[str, list[str]]:
        base = self._absolute(module, statement.module)
        if not base:
            return base, []
        parts = base.split(".")
        loaded = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        return base, loaded + [f"{base}.{name}" for name in statement.imported]

    def _present(self, base: str, loaded: list[str]) -> list[str]:
        if not base:
            return []
        if base.split(".", 1)[0] not in self.first_party or base not in self.modules:
            return [base]
        return [target for target in loaded if target in self.modules]

    def _absolute(self, module: ModuleSummary, written: str) -> str:
        level = len(written) - len(written.lstrip("."))
        if not level:
            return written
        package = module.name if module.is_package else module.name.rpartition(".")[0]
        parts = package.split(".") if package else []
        if level - 1 > len(parts):
            return ""
        anchor = parts[:len(parts) - (level - 1)]
        rest = written[level:]
        return ".".join([*anchor, *([rest] if rest else [])])

    @cached_property
    def importers(self) -> dict[str, list[Edge]]:
        """Reverse edges that run at import time and are not protected."""
        reverse: dict[str, list[Edge]] = defaultdict(list)
        for found in self.edges.values():
            for edge in found:
                if edge.first_party and edge.protection == "unguarded":
                    reverse[edge.target].append(edge)
        return reverse

    def cascade(self, missing: Missing) -> Cascade:
        if missing not in self._cascades:
            self._cascades[missing] = self._cascade(missing)
        return self._cascades[missing]

    def _cascade(self, missing: Missing) -> Cascade:
        result = Cascade(missing)
        queue: deque[str] = deque()
        if missing.symbol is None and missing.module in self.modules:
            queue.append(missing.module)
        for name, edge in self._unguarded_edges_to(missing.module, missing.symbol is None):
            if _loses(edge, missing) and name not in result.failing:
                result.failing[name] = edge
                result.direct.append(name)
                queue.append(name)
        while queue:
            current = queue.popleft()
            dependants = [*self.importers.get(current, []), *self._children(current)]
            for edge in dependants:
                if edge.source not in result.failing and edge.source != missing.module:
                    result.failing[edge.source] = edge
                    queue.append(edge.source)
        result.registries = self._registries(result)
        return result

    def _unguarded_edges_to(self, module: str, or_below: bool) -> list[tuple[str, Edge]]:
        """Unguarded edges into `module` (and its submodules), in the order of `edges`."""
        index = self._unguarded_by_target
        targets = [t for t in index if t == module or t.startswith(f"{module}.")] if or_below \
            else [module]
        return [(name, edge) for _, name, edge in sorted(
            (item for target in targets for item in index.get(target, [])), key=lambda item: item[0])]

    @cached_property
    def _unguarded_by_target(self) -> dict[str, list[tuple[int, str, Edge]]]:
        index: dict[str, list[tuple[int, str, Edge]]] = defaultdict(list)
        position = 0
        for name, found in self.edges.items():
            for edge in found:
                if edge.protection == "unguarded":
                    index[edge.target].append((position, name, edge))
                position += 1
        return index

    def _children(self, package: str) -> Iterable[Edge]:
        """Importing `package.x` runs `package/__init__.py` first."""
        for name in self._submodules.get(package, []):
            yield Edge(name, package, ImportStatement(f"(package {package})", (), package, 0, ()),
                       "unguarded", True)

    @cached_property
    def _submodules(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = defaultdict(list)
        for name in self.modules:
            if "." in name:
                children[name.rpartition(".")[0]].append(name)
        return children

    def _registries(self, cascade: Cascade) -> dict[str, str]:
        """Modules that load many modules in a loop or each under try/except, and lose some."""
        failing = set(cascade.failing)
        if cascade.missing.symbol is None:
            failing.add(cascade.missing.module)
        found: dict[str, str] = {}
        for name, module in self.modules.items():
            if name in cascade.failing or category(module.path) == "test":
                continue
            caught = sorted({e.target for e in self.edges[name]
                             if e.protection == "import-error" and e.target in failing})
            try_imports = sum(1 for e in self.edges[name]
                              if e.protection == "import-error" and e.first_party)
            if caught and try_imports >= REGISTRY_MIN_TRY_IMPORTS:
                found[name] = f"catches the failure of {', '.join(caught[:5])}"
            elif module.dynamic_import_loop:
                scanned = [p for p in module.dotted_strings if p in self.modules] or [
                    name if module.is_package else name.rpartition(".")[0]]
                lost = sorted(m for m in failing if any(m.startswith(f"{p}.") for p in scanned))
                if lost:
                    found[name] = f"loads {', '.join(lost[:5])} dynamically"
        return found

    @cached_property
    def reached_from_top(self) -> set[str]:
        """Modules that importing a top-level package runs, through unguarded imports."""
        tops = [name for name, m in self.modules.items() if "." not in name and m.is_package]
        seen = set(tops)
        queue = deque(tops)
        while queue:
            current = queue.popleft()
            for edge in self.edges.get(current, []):
                if edge.first_party and edge.protection == "unguarded" and edge.target not in seen:
                    seen.add(edge.target)
                    queue.append(edge.target)
        return seen


def _loses(edge: Edge, missing: Missing) -> bool:
    """Whether this import statement fails when `missing` is gone."""
    statement = edge.statement
    target = edge.target
    if missing.symbol is not None:
        return target == missing.module and missing.symbol in statement.imported
    return target == missing.module or target.startswith(f"{missing.module}.")


SOURCE_ROOT = "src"


def module_name_of(path: str, package_dirs: set[str]) -> str:
    """The dotted name Python imports a file by: up through the folders that are packages, and
    in a `src/` layout up to `src`, since folders there may be namespace packages (PEP 420). A
    `src` that is a package itself (`src/__init__.py`) is imported by name: `src.server.server`."""
    parts = path.removesuffix(".py").split("/")
    if parts == ["__init__"]:  # the checkout's folder is the package, and its name is unknown
        return "__init__"
    if parts[-1] == "__init__":
        parts.pop()
    folders = path.split("/")[:-1]
    if folders and folders[0] == SOURCE_ROOT and SOURCE_ROOT not in package_dirs:
        return ".".join(parts[1:]) or parts[-1]
    start = len(folders)
    while start > 0 and "/".join(folders[:start]) in package_dirs:
        start -= 1
    return ".".join(parts[start:]) or parts[-1]


def summarise(path: str, name: str, table: ModuleSymbols) -> ModuleSummary:
    """What the project keeps of a parsed module; the syntax tree, which the parse cache may
    have freed, is read again only for a module that imports modules by name."""
    tree = table.tree if any(call in table.text for call in _DYNAMIC_IMPORT_CALLS) else None
    source = category(path) == "source"
    prints = {}
    if source:
        for qualname, symbol in table.symbols.items():
            if symbol.kind != "constant" and symbol.end - symbol.start + 1 >= FINGERPRINT_MIN_LINES:
                prints[qualname] = fingerprint(table, symbol)
    dynamic = tree is not None and _dynamic_import_in_loop(tree)
    return ModuleSummary(
        path=path, name=name, is_package=path.endswith("__init__.py"),
        imports=tuple(table.imports), fingerprints=prints,
        symbols=table.symbols if source else _top_level_outlines(table.symbols),
        dynamic_import_loop=dynamic,
        dotted_strings=frozenset(_dotted_strings(tree)) if tree and dynamic else frozenset(),
        defined=table.defined,
        error=table.error,
    )


def _top_level_outlines(symbols: dict[str, Symbol]) -> dict[str, Symbol]:
    """A module's top-level symbols without their signatures, which no project rule quotes
    but for a source module."""
    return {qualname: replace(symbol, signature="", parameters="")
            for qualname, symbol in symbols.items() if "." not in qualname}


def _dynamic_import_in_loop(tree: ast.Module) -> bool:
    """Whether a loop or comprehension calls `importlib.import_module` or `__import__`."""
    loops = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
             ast.GeneratorExp)
    return any(isinstance(node, loops) and any(
        isinstance(call, ast.Call) and call_name(call) in ("import_module", "__import__")
        for call in ast.walk(node)) for node in ast.walk(tree))


def _dotted_strings(tree: ast.Module) -> Iterable[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and _DOTTED_STRING.match(node.value):
            yield node.value.rstrip(".")
