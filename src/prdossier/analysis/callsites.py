"""Calls of the project's own functions and classes, checked against how the tree after the
change defines them: a call the change rewrote because the callee's parameters changed."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, KeysView
from dataclasses import dataclass

from prdossier.analysis.project import ModuleSummary, Project
from prdossier.analysis.pysymbols import ImportStatement, ModuleSymbols, copy_tree, dotted_path, parse_cached
from prdossier.analysis.statements import (
    DEPRECATED_ALIASES,
    methods_called_instead,
    touched_pairs_around_gaps,
    touched_statements,
)
from prdossier.analysis.symdiff import ParsedSides

# A keyword argument as it is written, after an opening parenthesis, a comma or the indentation
# and with no space before its `=`: `odm_config=` (an assignment, `x = 1`, has one); or spaced,
# alone on a line that it ends with a comma (`    vocab_path = path,`).
_NAMED = re.compile(r"(?:^|[(,])\s*([A-Za-z_]\w*)(?:=(?!=)|\s+=\s+(?!=).*,\s*$)")
# A name written as if called: `Catcher(`.
_CALLED = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\(")
# How many lines above a changed line a call that holds it may start.
_CALL_REACH = 12
# A change of more lines than this is not a repair of a few call sites.
MAX_REALIGNED_LINES = 40
# How many packages' re-exports a name imported is followed through to its definition.
MAX_REEXPORT_HOPS = 2


@dataclass(frozen=True)
class Parameters:
    """What a function accepts, read from `Symbol.parameters` (`a,b=,/,*args,c=,**kw`)."""

    positional: tuple[str, ...]
    positional_only: int
    required: frozenset[str]
    keyword_only: tuple[str, ...]
    varargs: bool
    varkw: bool

    @property
    def names(self) -> frozenset[str]:
        """Every parameter a call can name, positional or keyword-only."""
        return frozenset((*self.positional, *self.keyword_only))

    @classmethod
    def parse(cls, text: str, bound: bool) -> Parameters:
        """`bound`: the first positional parameter is `self` or `cls`, which the call does not give."""
        positional: list[str] = []
        keyword_only: list[str] = []
        required: set[str] = set()
        positional_only = 0
        varargs = varkw = False
        for part in filter(None, text.split(",")):
            name, defaulted = part.split("=", 1)[0], "=" in part
            if part == "/":
                positional_only = len(positional)
            elif part.startswith("**"):
                varkw = True
            elif part.startswith("*"):
                varargs = varargs or part != "*"
                keyword_only.append("")  # a marker: what follows is keyword-only
            elif keyword_only:
                keyword_only.append(name)
            else:
                positional.append(name)
            if not defaulted and part != "/" and not part.startswith("*"):
                required.add(name)
        if bound and positional:
            required.discard(positional[0])
            positional = positional[1:]
            positional_only = max(positional_only - 1, 0)
        return cls(tuple(positional), positional_only, frozenset(required),
                   tuple(name for name in keyword_only if name), varargs, varkw)

    def accept(self, call: ast.Call) -> bool | None:
        """Whether a call binds to these parameters; None when it unpacks (`*a`, `**kw`)."""
        if any(isinstance(arg, ast.Starred) for arg in call.args) \
                or any(keyword.arg is None for keyword in call.keywords):
            return None
        given = len(call.args)
        if given > len(self.positional) and not self.varargs:
            return False
        bound = set(self.positional[:given])
        for keyword in (k.arg for k in call.keywords if k.arg is not None):
            known = keyword in self.keyword_only or keyword in self.positional[self.positional_only:]
            if keyword in bound or not (known or self.varkw):
                return False
            bound.add(keyword)
        return self.required <= bound


def _few_lines_rewritten(sides: ParsedSides) -> tuple[ModuleSymbols, ModuleSymbols] | None:
    """The two sides, where both parse and the change both removed and added code lines, a few
    of each."""
    old, new = sides.old, sides.new
    if old is None or new is None or not old.parses or not new.parses:
        return None
    old_lines, new_lines = sides.removed_code_lines, sides.added_code_lines
    if not old_lines or not new_lines or max(len(old_lines), len(new_lines)) > MAX_REALIGNED_LINES:
        return None
    return old, new


def _imported_names(module: ModuleSymbols) -> dict[str, ImportStatement]:
    return {name: statement for statement in module.imports if statement.imported
            for name in statement.names}


def calls_realigned(sides: ParsedSides, project: Project) -> bool:
    """The change rewrote calls of a function or class the module imports from the project:
    the old calls do not bind to its parameters as the tree after the change defines them, and
    the new ones do (`Catcher(layer, inps, cache)` became `Catcher(layer, max_seq_length=n)`
    once `Catcher.__init__` took `module, max_seq_length=None`). The call site follows an
    interface that changed."""
    if (both := _few_lines_rewritten(sides)) is None:
        return False
    old, new = both
    old_lines, new_lines = sides.removed_code_lines, sides.added_code_lines
    imported = _imported_names(new)
    near = _called_near(sides.new_text_lines, new_lines, imported.keys()) \
        | _called_near(sides.old_text_lines, old_lines, imported.keys())
    accepting = {name: parameters for name in near
                 if (parameters := _parameters(project, sides.diff.path, imported[name], name)) is not None}
    if not accepting:
        return False
    after = _calls(new, new_lines, accepting)
    if not after or any(accepting[name].accept(call) is False for name in after for call in after[name]):
        return False
    before = _calls(old, old_lines, {name: accepting[name] for name in after})
    return any(accepting[name].accept(call) is False for name in before.keys() & after.keys()
               for call in before[name])


def library_methods_called_instead(sides: ParsedSides, project: Project) -> bool:
    """The change calls another method of an object in place of one, neither of which any module
    of the project defines (`self.api.list_files_info(...)` became `self.api.get_paths_info(...)`
    on huggingface_hub's client): the code follows the interface of a library."""
    if (both := _few_lines_rewritten(sides)) is None:
        return False
    called = methods_called_instead(*both, sides.removed_code_lines, sides.added_code_lines)
    if called and all(names == {DEPRECATED_ALIASES.get(old)} for old, names in called.items()):
        return True  # the standard library's own names, whatever the project defines
    if all(old in _BUILT_IN_METHODS and names <= _BUILT_IN_METHODS for old, names in called.items()):
        return False  # `mapping.keys()` for `mapping.values()` takes other data, it follows no library
    return project.functions_defined.isdisjoint(
        {*called, *(name for names in called.values() for name in names)})


# The methods of Python's built-in containers and strings.
_BUILT_IN_METHODS = frozenset(name for kind in (dict, list, set, tuple, str, bytes) for name in dir(kind)
                              if not name.startswith("_"))


def own_methods_called_instead(sides: ParsedSides, project: Callable[[], Project | None]) -> bool:
    """The change calls a method the project (made when needed) defines in place of one it
    defines nowhere (`nemo_gym.health_check.remote()` became `nemo_gym._spinup.remote()`,
    `health_check` gone from the environment's actor): the code follows an interface the
    project changed before."""
    if (both := _few_lines_rewritten(sides)) is None:
        return False
    called = methods_called_instead(*both, sides.removed_code_lines, sides.added_code_lines)
    if not called or (whole := project()) is None:
        return False
    defined = whole.functions_defined
    return defined.isdisjoint(called) and all(name in defined for names in called.values() for name in names)


@dataclass(frozen=True)
class ChangedFiles:
    """The texts the change's files had before it, by path (none where a file was added or is
    not text): a callee in one of them offered before the change what it takes after it only
    where its parameters are as they were."""

    old_texts: dict[str, str | None]

    def took_all_along(self, module: ModuleSummary, qualname: str) -> bool:
        """The function or class (by its `__init__`) takes the parameters it took before."""
        if module.path not in self.old_texts:
            return True
        old_text = self.old_texts[module.path]
        if old_text is None:
            return False
        before = parse_cached(old_text).symbols
        return all((was := before.get(name)) is not None and was.parameters == now.parameters
                   and was.decorators == now.decorators
                   for name in (qualname, f"{qualname}.__init__")
                   if (now := module.symbols.get(name)) is not None)


def keywords_offered_all_along(sides: ParsedSides, project: Project, changed: ChangedFiles) -> bool:
    """Each statement the change touched is as it was but for keywords its calls of the
    project's own functions or classes now pass, each a parameter the callee named before the
    change (`NoiseSchedule(**cfg, sample_processor=p)` became `NoiseSchedule(**cfg,
    sample_processor=p, device=device)`, `NoiseSchedule.__init__` taking `device` all along): the
    code uses what the callee offered, no interface changed."""
    old, new, new_lines = sides.old, sides.new, sides.added_code_lines
    if old is None or new is None or not old.parses or not new.parses or not new_lines \
            or max(len(sides.removed_code_lines), len(new_lines)) > MAX_REALIGNED_LINES:
        return False
    imported = _imported_names(new)
    offered: dict[str, frozenset[str]] = {}
    for name in _called_near(sides.new_text_lines, new_lines, imported.keys()):
        found = _definition(project, sides.diff.path, imported[name], name)
        if found is not None and changed.took_all_along(*found) \
                and (parameters := _parameters_of(*found)) is not None:
            offered[name] = parameters.names
    offered.update(_offered_by_bases(sides, new, project, changed, imported))
    offered.update(_offered_through_fields(sides, new, project, changed, imported))
    offered.update(_offered_by_inherited_methods(sides, new, project, changed, imported))
    if not offered or (pairs := touched_pairs_around_gaps(sides)) is None:
        return False
    return all(ast.dump(_OfferedLeftOut(offered, _keywords_given(was)).visit(copy_tree(now))) == ast.dump(was)
               for was, now in pairs)


def _keywords_given(statement: ast.stmt) -> frozenset[str]:
    return frozenset(keyword.arg for node in ast.walk(statement) if isinstance(node, ast.Call)
                     for keyword in node.keywords if keyword.arg is not None)


def _offered_by_bases(sides: ParsedSides, new: ModuleSymbols, project: Project, changed: ChangedFiles,
                      imported: dict[str, ImportStatement]) -> dict[str, frozenset[str]]:
    """For each method the change rewrote (`VariationalGaussianProcess.__init__`), the
    parameters its class's first base names for the same method (any keyword, where it takes
    `**kwargs`), where the change left that method alone: what `super().__init__(...)` may
    pass, keyed `super().__init__`."""
    offered: dict[str, frozenset[str]] = {}
    for owner in {new.owner(n) for n in sides.added_code_lines} - {None}:
        cls, _, method = (owner or "").rpartition(".")
        if not cls or (symbol := new.symbols.get(cls)) is None or symbol.kind != "class" \
                or (base := _first_base(symbol.signature)) is None:
            continue
        if (inherited := new.symbols.get(f"{base}.{method}")) is not None:
            touched = range(inherited.start, inherited.end + 1)
            if not inherited.decorators and not any(n in touched for n in sides.added_code_lines):
                offered[f"super().{method}"] = _keywords_taken(inherited.parameters)
        elif (statement := imported.get(base)) is not None \
                and (found := _definition(project, sides.diff.path, statement, base)) is not None \
                and (defined := found[0].symbols.get(f"{found[1]}.{method}")) is not None \
                and not defined.decorators and changed.took_all_along(found[0], f"{found[1]}.{method}"):
            offered[f"super().{method}"] = _keywords_taken(defined.parameters)
    return offered


def _offered_by_inherited_methods(sides: ParsedSides, new: ModuleSymbols, project: Project,
                                  changed: ChangedFiles, imported: dict[str, ImportStatement]
                                  ) -> dict[str, frozenset[str]]:
    """For each method called on `self` near the lines the change added (`self._get_best_trial(...)`)
    that the class does not define but a base it imports from the project does (`class
    Scheduler(WithDBSettingsBase, BestPointMixin)`), the parameters that base's method named
    before the change; keyed as called, `self._get_best_trial`."""
    offered: dict[str, frozenset[str]] = {}
    called = {match.group(1) for line in _lines_near(sides.new_text_lines, sides.added_code_lines)
              for match in _SELF_METHOD_CALLED.finditer(line)}
    if not called:
        return offered
    for cls in {owner.split(".", 1)[0] for n in sides.added_code_lines if (owner := new.owner(n))}:
        symbol = new.symbols.get(cls)
        if symbol is None or symbol.kind != "class":
            continue
        bases = [found for base in base_names(symbol.signature)
                 if (statement := imported.get(base)) is not None
                 and (found := _definition(project, sides.diff.path, statement, base)) is not None]
        own = {name.rpartition(".")[2] for name in new.symbols if name.startswith(f"{cls}.")}
        for method in called - own:
            found = next(((module, f"{name}.{method}") for module, name in bases
                          if f"{name}.{method}" in module.symbols), None)
            defined = found[0].symbols[found[1]] if found is not None else None
            if found is not None and defined is not None and set(defined.decorators) <= _BINDING_DECORATORS \
                    and changed.took_all_along(*found):
                offered[f"self.{method}"] = _keywords_taken(defined.parameters)
    return offered


# Decorators that change only what a method is bound to, not the keywords it takes.
_BINDING_DECORATORS = {"staticmethod", "classmethod"}
# A method called on `self`: `self._get_best_trial(`.
_SELF_METHOD_CALLED = re.compile(r"(?<![\w.])self\.([A-Za-z_]\w*)\s*\(")


def base_names(signature: str) -> list[str]:
    """The plain names among a class statement's bases: `WithDBSettingsBase` and `BestPointMixin`
    of `class Scheduler(WithDBSettingsBase, BestPointMixin):`."""
    return _BASE_NAME.findall(signature.partition("(")[2])


_BASE_NAME = re.compile(r"(?:^|[(,])\s*([A-Za-z_]\w*)\s*(?=[,)])")


def _offered_through_fields(sides: ParsedSides, new: ModuleSymbols, project: Project, changed: ChangedFiles,
                            imported: dict[str, ImportStatement]) -> dict[str, frozenset[str]]:
    """For each method called on a field of the class the change rewrote (`self._audio.crop(...)`),
    where the class's methods set that field only to instances of one class the module imports
    from the project (`self._audio = Audio(...)`), the parameters that class's method names, in
    a module the change left alone; keyed as called, `self._audio.crop`."""
    offered: dict[str, frozenset[str]] = {}
    called = {match.groups() for line in _lines_near(sides.new_text_lines, sides.added_code_lines)
              for match in _FIELD_METHOD_CALLED.finditer(line)}
    if not called:
        return offered
    classes = {owner.split(".", 1)[0] for n in sides.added_code_lines if (owner := new.owner(n))}
    fields = {field: made for cls in classes for field, made in _fields_made(new, cls).items()}
    for field, method in called:
        made = fields.get(field)
        if made is None or (statement := imported.get(made)) is None \
                or (found := _definition(project, sides.diff.path, statement, made)) is None \
                or (defined := found[0].symbols.get(f"{found[1]}.{method}")) is None or defined.decorators \
                or not changed.took_all_along(found[0], f"{found[1]}.{method}"):
            continue
        offered[f"self.{field}.{method}"] = _keywords_taken(defined.parameters)
    return offered


# A method called on a field of `self`: `self._audio.crop(`.
_FIELD_METHOD_CALLED = re.compile(r"(?<![\w.])self\.([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*\(")


def _fields_made(module: ModuleSymbols, cls: str) -> dict[str, str]:
    """The fields of the class that its methods set only to instances of one named class
    (`self._audio = Audio(sample_rate=16000)`), with that class's name."""
    symbol = module.symbols.get(cls)
    if symbol is None or symbol.kind != "class" or (tree := module.tree_holding([symbol.start])) is None:
        return {}
    made: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    value = node.value
                    made.setdefault(target.attr, set()).add(
                        value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                        else "")
    return {field: next(iter(names)) for field, names in made.items() if len(names) == 1 and "" not in names}


# What a callee offers that takes any keyword (`**kwargs`), handing it on to its own base.
_ANY_KEYWORD = frozenset({"**"})


def _keywords_taken(text: str) -> frozenset[str]:
    parameters = Parameters.parse(text, bound=True)
    return _ANY_KEYWORD if parameters.varkw else parameters.names


def _first_base(signature: str) -> str | None:
    """The first base a class statement names, where it is a plain name: `B` of `class A(B, C):`."""
    match = _FIRST_BASE.match(signature)
    return match.group(1) if match else None


_FIRST_BASE = re.compile(r"class\s+\w+\(\s*([A-Za-z_]\w*)\s*[,)]")


class _OfferedLeftOut(ast.NodeTransformer):
    """Takes out of the calls of the named callees (`super().__init__` for the base's) the
    keywords each names among its parameters, but those the statement gave before (`given`):
    a keyword given another value (`target_res=np.asarray(target_resolution, dtype=int)`) is no
    option taken up."""

    def __init__(self, offered: dict[str, frozenset[str]], given: frozenset[str]) -> None:
        self.offered = offered
        self.given = given

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) \
            else _super_method(node.func) or dotted_path(node.func)
        if name and (names := self.offered.get(name)):
            node.keywords = [keyword for keyword in node.keywords if keyword.arg in self.given
                             or (keyword.arg not in names and (names != _ANY_KEYWORD or keyword.arg is None))]
        return node


def _super_method(func: ast.expr) -> str | None:
    """`super().__init__` for a call of `super().__init__(...)`."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call) \
            and isinstance(func.value.func, ast.Name) and func.value.func.id == "super":
        return f"super().{func.attr}"
    return None


def keywords_dropped(sides: ParsedSides) -> dict[str, frozenset[str]]:
    """For each name that statements the change rewrote call on both sides
    (`processor.process_dataset_configs(datasets, odm_config=odm_config)` became
    `processor.process_dataset_configs(datasets)`), the keywords its calls passed before and
    pass no longer."""
    old, new = sides.old, sides.new
    if old is None or new is None or not old.parses or not new.parses or not _keyword_gone(sides):
        return {}
    before = _keywords_passed(old, sides.removed_code_lines)
    after = _keywords_passed(new, sides.added_code_lines) if before else {}
    return {name: frozenset(keywords - after[name]) for name, keywords in before.items()
            if name in after and keywords - after[name]}


def share_calling(sides: ParsedSides, names: set[str]) -> float:
    """The share of the statements the change touched, on both sides, that call one of the
    names (`super().__init__('llava', default_patches=True)` became `super().__init__('llava', 0)`:
    all of them); none where a side does not parse."""
    calling = touched = 0
    for table, lines in ((sides.old, sides.removed_code_lines), (sides.new, sides.added_code_lines)):
        if table is None or not table.parses:
            return 0.0
        statements = (touched_statements(table, lines) or []) if lines else []
        touched += len(statements)
        calling += sum(1 for statement in statements
                       if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                       and any(isinstance(node, ast.Call) and _called_name(node.func) in names
                               for node in ast.walk(statement)))
    return calling / touched if touched else 0.0


def _keyword_gone(sides: ParsedSides) -> bool:
    """How a dropped keyword looks in the text, checked before anything is parsed: a removed
    line passes a keyword argument that no added line passes."""
    def named(lines: list[str], numbers: set[int]) -> set[str]:
        return {name for number in numbers for name in _NAMED.findall(lines[number - 1])}
    return bool(named(sides.old_text_lines, sides.removed_code_lines)
                - named(sides.new_text_lines, sides.added_code_lines))


def _keywords_passed(table: ModuleSymbols, lines: set[int]) -> dict[str, set[str]]:
    """The keywords the calls in the statements holding the lines pass, by the called name."""
    passed: dict[str, set[str]] = {}
    for statement in touched_statements(table, lines) or []:
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and (name := _called_name(node.func)) is not None:
                passed.setdefault(name, set()).update(k.arg for k in node.keywords if k.arg is not None)
    return passed


def _called_name(func: ast.expr) -> str | None:
    """`f` of `f(...)` and of `obj.f(...)`."""
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _called_near(text: list[str], numbers: set[int], names: KeysView[str]) -> set[str]:
    """The names a call starts with on one of the numbered lines or a few lines above one (a
    call whose arguments were rewritten starts above them): where a change may have rewritten
    a call, found before anything is parsed."""
    return {name for line in _lines_near(text, numbers) for name in _CALLED.findall(line)} & names


def _lines_near(text: list[str], numbers: set[int]) -> list[str]:
    """The numbered lines and those a few lines above each, where a call that holds one may start."""
    near = {line for number in numbers for line in range(max(1, number - _CALL_REACH), number + 1)}
    return [text[line - 1] for line in sorted(near) if line <= len(text)]


def _calls(table: ModuleSymbols, lines: set[int], names: dict[str, Parameters]) -> dict[str, list[ast.Call]]:
    """The calls of the imported names that the statements holding the lines make."""
    statements = touched_statements(table, lines) or []
    found: dict[str, list[ast.Call]] = {}
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                found.setdefault(node.func.id, []).append(node)
    return found


def _defined(project: Project, module: ModuleSummary | None, name: str,
             hops: int = MAX_REEXPORT_HOPS) -> tuple[ModuleSummary, str] | None:
    """The module of the project that defines what `module` binds to `name`, and the name it
    is defined under there, following re-exports (`from .llama import LLaMA` in
    `zhilight/__init__.py`)."""
    if module is None:
        return None
    if name in module.symbols:
        return module, name
    for statement in module.imports:
        if name in statement.names and statement.imported and hops > 0:
            return _defined(project, project.module_named(project.base_of(module, statement)),
                            statement.imported[statement.names.index(name)], hops - 1)
    return None


def _parameters(project: Project, path: str, statement: ImportStatement, name: str) -> Parameters | None:
    """The parameters of the project's function or class that `name` is imported as; None when
    it is not the project's, or is defined in a way its parameters cannot be read from (a class
    without its own `__init__`, a decorated function)."""
    found = _definition(project, path, statement, name)
    return None if found is None else _parameters_of(*found)


def _definition(project: Project, path: str, statement: ImportStatement,
                name: str) -> tuple[ModuleSummary, str] | None:
    importer = project.module_at(path)
    if importer is None:
        return None
    return _defined(project, project.module_named(project.base_of(importer, statement)),
                    statement.imported[statement.names.index(name)])


def _parameters_of(module: ModuleSummary, original: str) -> Parameters | None:
    symbol = module.symbols[original]
    if symbol.decorators:
        return None
    if symbol.kind == "class":
        init = module.symbols.get(f"{original}.__init__")
        return Parameters.parse(init.parameters, bound=True) if init and not init.decorators else None
    return Parameters.parse(symbol.parameters, bound=False) if symbol.kind == "function" else None
