"""From one change's diff to its complete facts."""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from prdossier.analysis.bodyedits import body_edits
from prdossier.analysis.callsites import (
    ChangedFiles,
    Parameters,
    calls_realigned,
    keywords_dropped,
    keywords_offered_all_along,
    library_methods_called_instead,
    own_methods_called_instead,
    share_calling,
)
from prdossier.analysis.changetype import (
    CONTRACT_SHARE,
    AroundFile,
    change_type,
    is_literal,
    is_own_version,
    is_private_member,
    is_public,
    is_source_helper,
    native_functions_renamed,
    native_virtuals_declared,
    ops_redeclared,
)
from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.description import describe
from prdossier.analysis.guards import GuardRules
from prdossier.analysis.idioms import IdiomContext, recognize_idioms
from prdossier.analysis.models import (
    BodyEdit,
    ChangeFacts,
    FileFacts,
    Idiom,
    ImportChange,
    Risk,
    SymbolChange,
    risk_order,
)
from prdossier.analysis.nativesymbols import NATIVE_PARSERS, is_macro
from prdossier.analysis.paths import C_FAMILY, category, is_example, is_symbol_index, language, module_name
from prdossier.analysis.project import Project
from prdossier.analysis.pysymbols import (
    ModuleSymbols,
    Symbol,
    dotted_path,
    fingerprint,
    is_stdlib_module,
    node_lines,
    parameter_defaults,
    parse_cached,
    shared_start,
    short_name,
)
from prdossier.analysis.rules import RULES, RuleContext, Scope, run_rules
from prdossier.analysis.snippets import pick_snippets
from prdossier.analysis.statements import StatementShape, number_value, statement_shape
from prdossier.analysis.symdiff import (
    ParsedSides,
    carry_split_renames,
    detect_moves,
    import_changes,
    may_be_renamed,
    members_apart,
    owner_of,
    replacements,
    symbol_changes,
    symbols_holding_changes,
)
from prdossier.sources.models import ChangeDiff, FileDiff, Note
from prdossier.sources.tree import SourceTree

MAX_KEY_SYMBOLS = 8
KEY_SYMBOL_SHARE = 0.1
MAX_IMPORT_KEY_SYMBOLS = 5
MAX_CALLER_BOOST = 3
_CODE_CATEGORIES = ("source", "benchmark")


def analyze(change: ChangeDiff, config: AnalysisConfig, head: SourceTree | None = None) -> ChangeFacts:
    """The facts of one change; `head`, the tree after it, lets the rules see the whole project.

    Syntax trees are most of the memory a change takes, so the files are read one at a time:
    what needs a file's trees (the file rules, the file idioms, the project's summary of the
    file) runs while they exist. A small change's trees stay alive in the parse cache, within
    its bound, for the questions asked after and for the next changes; a large change frees
    each file's before the next file is parsed. The rest works on the parsed symbols and
    imports, which the parse cache keeps for the next changes; the lines it splits again are
    freed at the end but for those of the trees kept.
    """
    project = _project(change, config, head)
    guards = GuardRules.from_config(config)
    read = _read_files(change, project, guards, _WholeTree(project, head, config))
    files, inline_tests = _all_file_facts(read.parsed, config, read.shapes, read.edits, read.keywords_dropped)
    key_symbols = rank_key_symbols(files, _callers_of_added(files, change.files),
                                   _repeated_edits(files, change.files), inline_tests, change.meta.title)
    risks, rule_failures = run_rules(
        RuleContext(files=files, project=project, scope=Scope(lines=read.added)),
        ("change", "project"))
    idioms, idiom_failures = recognize_idioms(IdiomContext(
        files=files, diffs=change.files,
        sides={diff.path: sides for diff, sides in read.parsed if sides is not None},
        guards=guards), ("change",))
    facts = ChangeFacts(
        meta=change.meta,
        files=files,
        key_symbols=key_symbols,
        excerpts=pick_snippets(list(zip(files, change.files, strict=True)), key_symbols),
        idioms=sorted(read.idioms + idioms, key=lambda i: (i.path, i.start_line, i.idiom)),
        risks=sorted(read.risks + risks, key=risk_order),
        description=describe(change.meta),
        warnings=_once(read.warnings + rule_failures + idiom_failures),
        rules_run=[rule.NAME for rule in RULES if rule.KIND != "project" or project is not None],
    )
    for _, sides in read.parsed:
        _release(sides)
    return facts


@dataclass
class _ReadFiles:
    """Each file with its parsed sides (trees freed, but those the parse cache keeps), the lines
    each parsing file added, and what the file rules, the file idioms, the statement shapes,
    the edits of its functions and the keywords its calls no longer pass found while the trees
    existed; and the project after the change, for the examples that need it."""

    whole_tree: _WholeTree
    parsed: list[tuple[FileDiff, ParsedSides | None]] = field(default_factory=list)
    added: dict[str, frozenset[int]] = field(default_factory=dict)
    shapes: dict[str, StatementShape] = field(default_factory=dict)
    edits: dict[str, dict[str, list[BodyEdit]]] = field(default_factory=dict)  # by path, qualname
    keywords_dropped: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # by path, callee
    risks: list[Risk] = field(default_factory=list)
    idioms: list[Idiom] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    fields_dropped: frozenset[str] = frozenset()
    changed: ChangedFiles = field(default_factory=lambda: ChangedFiles({}))


@dataclass
class _WholeTree:
    """The project after the change, made when an example needs it where the rules do not."""

    project: Project | None
    head: SourceTree | None
    config: AnalysisConfig

    def get(self) -> Project | None:
        if self.project is None and self.head is not None:
            self.project = Project(self.head, self.config)
        return self.project


def _read_files(change: ChangeDiff, project: Project | None, guards: GuardRules,
                whole_tree: _WholeTree) -> _ReadFiles:
    read = _ReadFiles(whole_tree, warnings=list(change.notes), fields_dropped=_fields_dropped(change.files),
                      changed=ChangedFiles({d.path: d.old_text for d in change.files}))
    # What a test's functions now do is shown only when no product code changed beside them.
    edited = _CODE_CATEGORIES if any(category(d.path) in _CODE_CATEGORIES for d in change.files) \
        else (*_CODE_CATEGORIES, "test", "docs")
    keep = _trees_fit(change.files)
    if not keep:
        parse_cached.release_kept()  # a large change holds one file's trees at a time
    for diff in change.files:
        read.warnings.extend(diff.notes)
        sides = _python_sides(diff, read.warnings, keep)
        read.parsed.append((diff, sides))
        if sides is None:
            continue
        try:
            if sides.new is not None and sides.new.parses:
                read.added[diff.path] = frozenset(_added_lines(diff))
            _while_trees_exist(sides, project, guards, read, category(diff.path) in edited)
        finally:
            _release(sides)
    _keep_renames_from_outside(read.shapes, change.files, read.fields_dropped)
    _keep_retargets_to_additions(read.shapes, read.parsed)
    reshaped = any(shape in ("calls-reshaped", "settings-set") for shape in read.shapes.values())
    if reshaped or read.keywords_dropped:
        parameters = _parameters_changed(read.parsed)
        if reshaped:
            _keep_options_opted_into(read.shapes, read.parsed, parameters.optional)
            _follow_parameters_required(read.shapes, read.parsed, parameters.required | parameters.shifted)
        _follow_parameters_dropped(read.shapes, read.parsed, read.keywords_dropped, parameters.removed)
    return read


def _keep_retargets_to_additions(shapes: dict[str, StatementShape],
                                 parsed: list[tuple[FileDiff, ParsedSides | None]]) -> None:
    """A file whose references were retargeted (`names-retargeted`: `chinese.text_normalize(t)`
    became `chinese.mix_text_normalize(t)`) only to functions or classes the change defines
    anew, while those it stopped naming stay, not marked deprecated (as `Table` is, kept for
    `VODataServiceTable`), follows no interface: it takes up what the change adds. Such a file
    loses the shape."""
    retargeted = [diff for diff, _ in parsed if shapes.get(diff.path) == "names-retargeted"]
    if not retargeted:
        return
    defined: set[str] = set()
    undefined: set[str] = set()
    for _, sides in parsed:
        if sides is None:
            continue
        before = set(sides.old.symbols) if sides.old is not None else set()
        after = sides.new.symbols if sides.new is not None else {}
        defined |= {short_name(name) for name in after.keys() - before}
        undefined |= {short_name(name) for name in before - after.keys()}
        undefined |= {short_name(name) for name, symbol in after.items()
                      if any("deprecat" in decorator.lower() for decorator in symbol.decorators)}
    for diff in retargeted:
        named_now, named_before = (_fields_in(diff, _NAME, added=added) for added in (True, False))
        gained, lost = named_now - named_before, named_before - named_now
        if gained and gained <= defined and not lost & undefined:
            del shapes[diff.path]


# A name as the code spells it.
_NAME = re.compile(r"(?<![\w])[A-Za-z_]\w*")


def _keep_renames_from_outside(shapes: dict[str, StatementShape], diffs: list[FileDiff],
                               dropped: frozenset[str]) -> None:
    """A file's fields renamed (`fields-renamed`: `model.num_heads` became
    `model.num_key_value_heads`) to one that a file of the change starts to set
    (`self.num_key_value_heads = ...`) follow no rename made upstream: the change gives its own
    objects the field, and the file reads it. Such a file loses the shape, unless the change
    stops setting the fields it no longer reads (`dropped`): then it renamed its own field, and
    the file follows that rename."""
    renamed = [d for d in diffs if shapes.get(d.path) == "fields-renamed"]
    if not renamed:
        return
    set_anew = set().union(*(
        _fields_in(d, _FIELD_SET, added=True) - _fields_in(d, _FIELD_SET, added=False)
        for d in diffs if language(d.path) == "python"))
    for diff in renamed:
        read_before, read_now = (_fields_in(diff, _FIELD_READ, added=added) for added in (False, True))
        if (read_now - read_before) & set_anew and not (read_before - read_now) & dropped:
            del shapes[diff.path]


def _keep_options_opted_into(shapes: dict[str, StatementShape],
                             parsed: list[tuple[FileDiff, ParsedSides | None]], optional: set[str]) -> None:
    """A file whose calls were reshaped (`calls-reshaped`) only by passing keywords that
    functions of the change take anew with a default (`init_wandb_secondary(args, run_id,
    router_addr=...)` where `init_wandb_secondary` gains `router_addr=None`) follows no
    interface: it opts into what the change adds, giving every keyword it gave what it gave.
    Such a file loses the shape; where what it gives anew are constants (`in_place=False`), it
    sets options (`settings-set`), as does a call of any other function given anew strings or
    numbers (`app.run(port=args.port, host="0.0.0.0")`), or the settings its object keeps, by
    their names (`completions.create(..., temperature=self.temperature)`), or a switch of the
    function that makes the call (`drop_last=drop_last`), or what another of its
    calls was given all along (`AutoTokenizer.from_pretrained(..., trust_remote_code=True)`
    beside `AutoModel.from_pretrained(..., trust_remote_code=True)`); so does one whose calls
    only stop giving strings or numbers (`demo.launch(server_port=7860)` become `demo.launch()`),
    which leaves the callee's default in their place. A file whose calls are given anew only the
    axis they compute over (`torch.cross(a, b, dim=1)`) loses the shape too: it computes
    something else, neither opting into an option nor following an interface. `optional`: the
    parameters with a default the change's functions take anew."""
    reshaped = [(diff, sides) for diff, sides in parsed if shapes.get(diff.path) == "calls-reshaped"]
    if not reshaped:
        return
    for diff, sides in reshaped:
        given, taken = _keywords_passed(diff, added=True), _keywords_passed(diff, added=False)
        given_names = {name for name, _ in given}
        gained = given_names - {name for name, _ in taken}
        lost = [value.rstrip(",") for name, value in taken if name not in given_names]
        if not gained and lost and given <= taken:
            axes = [value.rstrip(",") for name, value in taken
                    if name not in given_names and name in _AXIS_KEYWORDS]
            if axes:
                # an axis is no setting whose default takes over: passed by position now
                # (`softmax(axis=-1)` became `softmax(-1)`), it follows how the callee takes it;
                # left out, what the call computes over changed
                if not _passed_by_position(diff, axes):
                    del shapes[diff.path]
                continue
            if all(_spells_setting(value) for value in lost):
                shapes[diff.path] = "settings-set"
                continue
        if not gained or not taken <= given or _values_only_named(diff, gained):
            continue
        if gained <= _AXIS_KEYWORDS:
            del shapes[diff.path]
            continue
        values = [value for name, value in given if name in gained]
        handed = {(name, value) for name, value in given if name in gained}
        if all(value.rstrip(",") == f"self.{name}" for name, value in handed) \
                or _given_alike_before(diff, handed) or _switches_handed_on(sides, diff, handed):
            shapes[diff.path] = "settings-set"
            continue
        if not gained <= optional and not all(_spells_setting(value) for value in values):
            continue
        if all(is_literal(value) for value in values):
            shapes[diff.path] = "settings-set"
        else:
            del shapes[diff.path]


def _switches_handed_on(sides: ParsedSides | None, diff: FileDiff, keywords: set[tuple[str, str]]) -> bool:
    """Each keyword is given by its own name a switch of the function that gives it, a
    parameter defaulting to True or False it took all along (`drop_last=drop_last` in `init_data`,
    whose `drop_last=True` did not reach the video loader): its callers' option now reaches the
    call."""
    if sides is None or sides.new is None or not keywords \
            or not all(value.rstrip(",") == name for name, value in keywords):
        return False
    for name, _ in keywords:
        passing = re.compile(rf"\b{name}\s*=\s*{name}\b")
        owners = {sides.new.owner(n) for n in diff.added_lines if passing.search(sides.new_text_lines[n - 1])}
        functions = [sides.new.function(owner) if owner else None for owner in owners]
        if not functions or not all(function is not None and parameter_defaults(function.args).get(name)
                                    in ("True", "False") for function in functions):
            return False
    return True


# The keywords that name the axis of the data a call computes over.
_AXIS_KEYWORDS = frozenset({"dim", "axis", "dims", "axes"})


def _given_alike_before(diff: FileDiff, keywords: set[tuple[str, str]]) -> bool:
    """Each keyword, with its value, a literal, was given to a call of the file before the
    change (`trust_remote_code=True`); None excepted, which a call passes where its callee
    comes to require the keyword (`pad_len=None`), and names (`dtype=object`, `seed=seed`)."""
    old = diff.old_text or ""
    return bool(keywords) and all(
        value.rstrip(",") != "None" and is_literal(value.rstrip(","))
        and re.search(rf"(?<![\w.]){re.escape(name)}\s*=\s*{re.escape(value.rstrip(','))}\s*[,)]", old)
        for name, value in keywords)


def _values_only_named(diff: FileDiff, gained: set[str]) -> bool:
    """Each added line passing one of the keywords is a removed line that passed the same
    values by position (`df.idxmax(1)` became `df.idxmax(axis=1)`): the call names what it
    gave all along, as its callee now asks, and opts into nothing."""
    naming = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(gained))) + r")=(?!=)")
    removed = {_read_alike(line) for line in _changed_lines(diff, added=False)}
    named = [line for line in _changed_lines(diff, added=True) if naming.search(line)]
    return bool(named) and all(_read_alike(naming.sub("", line)) in removed for line in named)


def _read_alike(line: str) -> str:
    """A line as Python reads it, numbers by their value (`0` is `0.0`); its text where it is
    not a whole statement."""
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return line.strip()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and (number := number_value(node)) is not None:
            node.value = number
    return ast.dump(tree)


def _spells_setting(value: str) -> bool:
    """The text of a string or a number, a setting spelled out (`"0.0.0.0"`, `"/bin/bash"`, `8`);
    not `None` nor `True`/`False`, which a call passes where the callee's signature asks."""
    try:
        literal = ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return isinstance(literal, str | int | float) and not isinstance(literal, bool)


def _follow_parameters_required(shapes: dict[str, StatementShape],
                                parsed: list[tuple[FileDiff, ParsedSides | None]],
                                required: set[tuple[str, str]]) -> None:
    """A file read as setting options (`settings-set`) by keywords its calls now pass, one of
    which the function called now requires (`patch_llama(fsdp_num=args.fsdp_num)` where `def
    patch_llama(use_tp=False)` became `def patch_llama(fsdp_num, use_tp=False)`), or takes at
    another position (`patch('dask', 'bokeh')` became `patch('dask', extension='bokeh')` as
    `patch` took a `name` before `extension`), follows that interface: its calls are reshaped to
    it. Not where it stops passing a keyword too, as where an option is renamed with what reads
    it (`prefix_symbols=` became `system_lib_prefix=`). `required`: (function, parameter) for each
    parameter without a default it takes anew, or that moved among its positional ones."""
    settled = [(diff, sides) for diff, sides in parsed if shapes.get(diff.path) == "settings-set"]
    if not settled:
        return
    for diff, sides in settled:
        given = {name for name, _ in _keywords_passed(diff, added=True)}
        taken = {name for name, _ in _keywords_passed(diff, added=False)}
        if taken <= given and sides is not None and sides.new is not None \
                and _keywords_given_anew(sides.new, set(diff.added_lines), given - taken) & required:
            shapes[diff.path] = "calls-reshaped"


def _follow_parameters_dropped(shapes: dict[str, StatementShape],
                              parsed: list[tuple[FileDiff, ParsedSides | None]],
                              dropped: dict[str, dict[str, frozenset[str]]],
                              removed: set[tuple[str, str]]) -> None:
    """A file of no other shape whose calls stop passing a keyword the function called no
    longer takes (`super().__init__('llava', default_patches=True)` became `super().__init__(
    'llava', 0)` where `__init__` lost `default_patches`), those calls being a fair share of the
    statements it changed (`CONTRACT_SHARE`), follows that interface: its calls are reshaped to
    it. `dropped`: by path, the keywords its calls of each name stop passing."""
    for diff, sides in parsed:
        following = {name for name, keywords in dropped.get(diff.path, {}).items()
                     if any((name, keyword) in removed for keyword in keywords)}
        if following and diff.path not in shapes and sides is not None \
                and share_calling(sides, following) >= CONTRACT_SHARE:
            shapes[diff.path] = "calls-reshaped"


def _keywords_given_anew(table: ModuleSymbols, lines: set[int], names: set[str]) -> set[tuple[str, str]]:
    """The (callee, keyword) pairs of the calls on those lines that pass one of the keywords."""
    if not lines or not names or (tree := table.tree_holding(lines)) is None:
        return set()
    return {(short_name(dotted_path(node.func)), str(keyword.arg)) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and lines.intersection(node_lines(node))
            for keyword in node.keywords if keyword.arg in names}


@dataclass
class _ParametersChanged:
    """What the change's functions take anew and no longer. A constructor is called by its
    class's name, and by `__init__` where a subclass hands on to it (`super().__init__(...)`).
    What a private function (`_create_response`) no longer takes is no interface: its callers
    are its own module's."""

    optional: set[str] = field(default_factory=set)  # the names of those taken anew with a default
    required: set[tuple[str, str]] = field(default_factory=set)  # (function, name) of those without
    removed: set[tuple[str, str]] = field(default_factory=set)  # (function, name)
    shifted: set[tuple[str, str]] = field(default_factory=set)  # (function, name) now at another place


def _parameters_changed(parsed: list[tuple[FileDiff, ParsedSides | None]]) -> _ParametersChanged:
    found = _ParametersChanged()
    for _, sides in parsed:
        if sides is None or sides.old is None or sides.new is None:
            continue
        for qualname, symbol in sides.new.symbols.items():
            before = sides.old.symbols.get(qualname)
            if before is None or before.parameters == symbol.parameters:
                continue
            now = Parameters.parse(symbol.parameters, bound=False)
            earlier = Parameters.parse(before.parameters, bound=False)
            was = earlier.names
            added = now.names - was
            found.optional |= added - now.required
            owner, _, name = qualname.rpartition(".")
            called = (short_name(owner), name) if name == "__init__" and owner else (name,)
            found.required |= {(called[0], parameter) for parameter in added & now.required}
            found.shifted |= {(called[0], parameter) for index, parameter in enumerate(earlier.positional)
                              if parameter in now.positional and now.positional.index(parameter) != index}
            if is_public(qualname):
                found.removed |= {(callee, parameter) for callee in called for parameter in was - now.names}
    return found


def _passed_by_position(diff: FileDiff, values: list[str]) -> bool:
    """Each value is passed on a line the diff adds, not as a keyword: `(-1)` or `, -1)`."""
    added = "\n".join(_changed_lines(diff, added=True))
    return all(re.search(rf"[(,]\s*{re.escape(value)}\s*[,)]", added) for value in values)


def _keywords_passed(diff: FileDiff, added: bool) -> set[tuple[str, str]]:
    """The keywords, with what they are given, on the lines the diff adds (or removes), `def`
    headers left out."""
    return {(name, value.strip()) for line in _changed_lines(diff, added)
            if not line.lstrip().startswith("def ") for name, value in _KEYWORD_GIVEN.findall(line)}


def _changed_lines(diff: FileDiff, added: bool) -> list[str]:
    """The text of the lines the diff adds (or removes)."""
    text, numbers = (diff.new_text, diff.added_lines) if added else (diff.old_text, diff.removed_lines)
    if not numbers or text is None:
        return []
    lines = text.split("\n")
    return [lines[n - 1] for n in numbers if n <= len(lines)]


def _fields_dropped(diffs: list[FileDiff]) -> frozenset[str]:
    """The fields whose declarations (`block_size: Optional[int] = None` in a class, `self.
    block_size = ...`) the change's Python files remove, and none of them adds."""
    removed: set[str] = set()
    added: set[str] = set()
    for diff in diffs:
        if language(diff.path) == "python":
            removed |= _fields_in(diff, _FIELD_SET, _FIELD_DECLARED, added=False)
            added |= _fields_in(diff, _FIELD_SET, _FIELD_DECLARED, added=True)
    return frozenset(removed - added)


def _fields_in(diff: FileDiff, *patterns: re.Pattern[str], added: bool) -> set[str]:
    """The fields the patterns find on the lines the diff adds (or removes)."""
    return {name for line in _changed_lines(diff, added)
            for pattern in patterns for name in pattern.findall(line)}


def _release(sides: ParsedSides | None) -> None:
    """Free the trees and lines of a file's parsed sides, but those the parse cache keeps alive;
    the cache keeps their symbols."""
    for table in (sides.old, sides.new) if sides else ():
        if table is not None:
            parse_cached.release(table)


def _all_file_facts(parsed: list[tuple[FileDiff, ParsedSides | None]], config: AnalysisConfig,
                    shapes: dict[str, StatementShape],
                    edits: dict[str, dict[str, list[BodyEdit]]],
                    dropped: dict[str, dict[str, frozenset[str]]]) -> tuple[list[FileFacts], frozenset[int]]:
    """Each file's facts, once symbols that moved between files are paired across the change,
    and the ids of the symbols that are tests inside source files; `dropped`, by path, the
    keywords each file's calls of a name no longer pass."""
    all_symbols: list[SymbolChange] = []
    fingerprints: dict[tuple[str, str], str] = {}
    name_blind: dict[tuple[str, str], str] = {}
    per_file: list[list[SymbolChange]] = []
    tables = [sides if sides and _both_parse(sides) else _native_sides(diff) for diff, sides in parsed]
    for sides, (_, python_sides) in zip(tables, parsed, strict=True):
        symbols = symbol_changes(sides) if sides else \
            symbols_holding_changes(python_sides) if python_sides else []
        per_file.append(symbols)
        all_symbols.extend(symbols)
        if sides:
            _collect_fingerprints(sides, symbols, fingerprints, name_blind)
        _release(sides or python_sides)
    detect_moves(all_symbols, fingerprints, lambda change: name_blind[(change.path, change.qualname)])
    kept = {id(s) for s in all_symbols}
    per_file = [[s for s in symbols if id(s) in kept] for symbols in per_file]
    carry_split_renames([(sides, symbols) for sides, symbols in zip(tables, per_file, strict=True)
                         if sides is not None])
    for (diff, _), symbols in zip(parsed, per_file, strict=True):
        for symbol in symbols:
            if symbol.status == "changed":
                symbol.edits = edits.get(diff.path, {}).get(symbol.qualname, [])
    defined, undefined = _top_level_names(all_symbols, "added"), _top_level_names(all_symbols, "removed")
    toggled = _async_toggled(all_symbols)
    hooks = _hooks_reshaped(parsed, per_file)
    methods_renamed = _methods_renamed(per_file)
    ops = ops_redeclared(diff for diff, _ in parsed)
    renamed_types = _native_classes_renamed(zip(tables, per_file, strict=True)) \
        | _native_functions_renamed(zip(tables, per_file, strict=True))
    retyped = _native_parameters_retyped(zip(tables, per_file, strict=True), renamed_types)
    virtuals = frozenset(name for sides in tables if sides is not None and sides.new is not None
                         and language(sides.diff.path) in C_FAMILY
                         for name in native_virtuals_declared(sides))
    unimported, unread = _given_up(parsed)
    moved_away = _moved_away(all_symbols)
    # only a Python file with both sides can read keys the settings files renamed
    settings_renamed = _settings_keys_renamed(diff for diff, _ in parsed) \
        if any(sides is not None and sides.old is not None and sides.new is not None for _, sides in parsed) \
        else frozenset()
    constants_renamed = _constants_renamed(per_file)
    callees_reshaped = _callees_reshaped(per_file)
    members_removed = _members_removed(all_symbols, methods_renamed)
    facts: list[FileFacts] = []
    inline_tests: set[int] = set()
    for (diff, sides), symbols, table in zip(parsed, per_file, tables, strict=True):
        inline_tests |= _inline_tests(table, symbols)
        around = AroundFile(defined, undefined, _dropped_elsewhere(dropped, diff.path), toggled, ops, retyped,
                            _elsewhere(unimported, diff.path), _elsewhere(unread, diff.path),
                            moved_away.get(diff.path, frozenset()), renamed_types, hooks, virtuals,
                            methods_renamed, settings_renamed, constants_renamed, callees_reshaped,
                            members_removed)
        facts.append(_file_facts(diff, sides, symbols, config, shapes.get(diff.path),
                                 table if table is not sides else None, around))
        _release(sides)
    return facts, frozenset(inline_tests)


def _members_removed(symbols: list[SymbolChange], renamed: Mapping[str, str]) -> frozenset[str]:
    """The names of the public methods and properties the change removed from classes it kept,
    but for those it renamed."""
    removed_classes = {(s.path, s.qualname) for s in symbols if s.kind == "class" and s.status == "removed"}
    return frozenset(short_name(s.qualname) for s in symbols
                     if s.kind == "method" and s.status == "removed" and is_public(short_name(s.qualname))
                     and (s.path, owner_of(s.qualname)) not in removed_classes
                     and short_name(s.qualname) not in renamed)


def _settings_keys_renamed(diffs: Iterable[FileDiff]) -> frozenset[tuple[str, str]]:
    """The keys, old and new, that the change's files other than Python code rename where a
    line keeps its value (`"weight_importance": "geometric_median"` became `"filter_importance":
    "geometric_median"` in a JSON configuration, or in an example of one in the documentation)."""
    renamed: set[tuple[str, str]] = set()
    for diff in diffs:
        if language(diff.path) == "python" or diff.old_text is None or diff.new_text is None:
            continue
        old, new = diff.old_text.splitlines(), diff.new_text.splitlines()
        for hunk in diff.hunks:
            for removed, added in replacements(hunk):
                if len(removed) != len(added):
                    continue
                for was, now in zip(removed, added, strict=True):
                    before = _SETTING_KEY_LINE.match(old[was - 1])
                    after = _SETTING_KEY_LINE.match(new[now - 1])
                    if before and after and before[1] != after[1] and before[2] == after[2]:
                        renamed.add((before[1], after[1]))
    return frozenset(renamed)


# A line that sets a key, quoted or not, to what follows: `"filter_importance": "L2", // metric`,
# `max_tokens = 512`, `lr: 0.1`; or to what the lines below it nest (`tensor_parallel_plan:`).
_SETTING_KEY_LINE = re.compile(r"""^\s*["']?([A-Za-z_][\w-]*)["']?\s*[:=](\s*\S.*)?$""")


def _given_up(parsed: list[tuple[FileDiff, ParsedSides | None]]
              ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """By path, the names each Python file stops importing for others it imports in their place
    (`reduce_from_model_parallel_region` for `ReduceFromModelParallelRegion`), and the fields
    its changed lines stop reading (`pgm.tp_size` where `pgm.tp_world_size` is read now)."""
    unimported: dict[str, frozenset[str]] = {}
    unread: dict[str, frozenset[str]] = {}
    for diff, sides in parsed:
        if sides is not None and sides.old is not None and sides.new is not None \
                and sides.new.imported_names - sides.old.imported_names:
            unimported[diff.path] = frozenset(sides.old.imported_names - sides.new.imported_names)
        if language(diff.path) == "python":
            unread[diff.path] = frozenset(_fields_in(diff, _FIELD_READ, added=False)
                                          - _fields_in(diff, _FIELD_READ, added=True))
    return unimported, unread


def _moved_away(symbols: list[SymbolChange]) -> dict[str, frozenset[str]]:
    """By path, the top-level names the change moved from that file to another."""
    moved: dict[str, set[str]] = {}
    for symbol in symbols:
        name = symbol.old_qualname or symbol.qualname
        if symbol.status == "moved" and symbol.old_path not in (None, symbol.path) and "." not in name:
            moved.setdefault(symbol.old_path, set()).add(name)
    return {path: frozenset(names) for path, names in moved.items()}


def _elsewhere(by_path: dict[str, frozenset[str]], path: str) -> frozenset[str]:
    """What the files other than `path` hold, together."""
    return frozenset().union(*(names for other, names in by_path.items() if other != path))


def _dropped_elsewhere(dropped: dict[str, dict[str, frozenset[str]]], path: str) -> dict[str, frozenset[str]]:
    """The keywords the other files' calls of each name no longer pass."""
    merged: dict[str, frozenset[str]] = {}
    for other, by_name in dropped.items():
        if other != path:
            for name, keywords in by_name.items():
                merged[name] = merged.get(name, frozenset()) | keywords
    return merged


def _async_toggled(symbols: list[SymbolChange]) -> frozenset[str]:
    """The names of the functions and methods the change made coroutines, or plain functions
    again: each call of them has to follow."""
    return frozenset(short_name(s.qualname) for s in symbols if s.async_change is not None)


def _hooks_reshaped(parsed: list[tuple[FileDiff, ParsedSides | None]],
                    per_file: list[list[SymbolChange]]) -> frozenset[str]:
    """The names of the Python methods whose parameters the change altered alike in the
    classes of several files (the same parameters dropped or gained, `use_auth_token` from each
    `_from_pretrained`, whatever else each takes): a hook a base class calls and its subclasses
    override, whose callers and overriders each follow, private or not."""
    seen: dict[tuple[str, str, str], set[str]] = {}
    for (diff, sides), symbols in zip(parsed, per_file, strict=True):
        if sides is None or sides.old is None or sides.new is None:
            continue
        for change in symbols:
            before = sides.old.symbols.get(change.old_qualname or change.qualname)
            after = sides.new.symbols.get(change.qualname)
            if change.kind == "method" and change.parameters_changed and before and after:
                key = (short_name(change.qualname), *_parameters_altered(before, after))
                seen.setdefault(key, set()).add(diff.path)
    return frozenset(name for (name, _, _), paths in seen.items() if len(paths) > 1)


def _callees_reshaped(per_file: list[list[SymbolChange]]) -> frozenset[str]:
    """The names of the functions and methods of product code whose parameters the change
    altered (`to_NumpyForm(self, dtype)` became `to_NumpyForm(self, *args, **kwargs)`), but
    the dunders, which their callers do not call by name."""
    return frozenset(short_name(change.qualname) for symbols in per_file for change in symbols
                     if change.status == "changed" and change.kind in ("function", "method")
                     and change.parameters_changed and not short_name(change.qualname).startswith("__")
                     and category(change.path) == "source")


def _methods_renamed(per_file: list[list[SymbolChange]]) -> dict[str, str]:
    """By old name, the new name of each Python method a class of the change renamed: renamed
    in place, or the one method a class lost beside the one it gained (`get_supported_block_size`
    became `get_supported_kernel_block_sizes`, a body too short to pair the two by)."""
    renamed: dict[str, str] = {}
    for symbols in per_file:
        lost: dict[str, list[str]] = {}
        gained: dict[str, list[str]] = {}
        for change in symbols:
            if change.kind != "method":
                continue
            owner = change.qualname.rpartition(".")[0]
            if change.renamed_in_place and change.old_qualname:
                renamed[short_name(change.old_qualname)] = short_name(change.qualname)
            elif change.status in ("removed", "added"):
                (lost if change.status == "removed" else gained).setdefault(owner, []).append(
                    short_name(change.qualname))
        for owner, names in lost.items():
            if len(names) == 1 and len(others := gained.get(owner, [])) == 1:
                renamed[names[0]] = others[0]
    return renamed


def _constants_renamed(per_file: list[list[SymbolChange]]) -> dict[str, str]:
    """By old name, the new name of each module constant (UPPER_CASE) a file renamed: the
    constants it removed and added, as many of each, paired in the order of their lines
    (`AIO_THREAD_COUNT` and `AIO_THREAD_COUNT_DEFAULT` became `AIO_INTRA_OP_PARALLELISM` and
    `AIO_INTRA_OP_PARALLELISM_DEFAULT`)."""
    renamed: dict[str, str] = {}
    for symbols in per_file:
        constants = [s for s in symbols if s.kind == "constant" and "." not in s.qualname
                     and _UPPER_CASE.match(s.qualname)]
        removed = sorted((s for s in constants if s.status == "removed"), key=lambda s: s.start_line)
        added = sorted((s for s in constants if s.status == "added"), key=lambda s: s.start_line)
        if removed and len(removed) == len(added):
            renamed |= {was.qualname: now.qualname for was, now in zip(removed, added, strict=True)}
    return renamed


_UPPER_CASE = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def _parameters_altered(before: Symbol, after: Symbol) -> tuple[str, str]:
    """The names of the parameters a method dropped and gained; where it kept their names, its
    parameters before and after."""
    was = Parameters.parse(before.parameters, bound=False).names
    now = Parameters.parse(after.parameters, bound=False).names
    if was == now:
        return before.parameters, after.parameters
    return "-" + ",".join(sorted(was - now)), "+" + ",".join(sorted(now - was))


def _native_parameters_retyped(files: Iterable[tuple[ParsedSides | None, list[SymbolChange]]],
                               renamed_types: Mapping[str, str]) -> frozenset[str]:
    """The names of the C, C++ and CUDA functions and methods whose parameter types the change
    altered (`processActivities(logger, linked)` now also takes `startTime, endTime`): each
    call of them has to follow. Not a macro's, which is written out where it is used, nor a
    source's `_helper`'s, which only its file calls, or a private method's, which only its
    class calls. A class renamed (`renamed_types`) counts by both names where its constructor's
    parameters changed, and so do its methods whose parameters changed with it
    (`Transform0213::before_forward(int batch, int seq_len)` became
    `Transform0213OP::before_forward(int sz0, ..., int sz3)`)."""
    retyped: set[str] = set()
    for old, new, symbols in _native_files(files):
        retyped.update(s.qualname.rpartition("::")[2] for s in symbols if s.status == "changed"
                       and s.parameters_changed and (symbol := new.symbols.get(s.qualname)) is not None
                       and not is_macro(symbol) and not is_source_helper(s.path, s.qualname)
                       and not is_private_member(new, symbol))
        for was, now in renamed_types.items():
            for qualname, before in old.symbols.items():
                owner, _, member = qualname.rpartition("::")
                after = new.symbols.get(f"{now}::{now if member == was else member}")
                if owner == was and after is not None and after.parameters != before.parameters:
                    retyped.update((was, now) if member == was else (member,))
    return frozenset(retyped)


def _native_classes_renamed(files: Iterable[tuple[ParsedSides | None, list[SymbolChange]]]) -> dict[str, str]:
    """The C++ classes and structs the change renamed, by old name: renamed in place, the same
    but for their names (`GenerativeSequencer` became `IterativeSequencer`), or in one file it
    removed one and added one that keeps at least half of its members' names, neither name
    defined elsewhere in that file on the other side (`Transform0213` became `Transform0213OP`)."""
    renamed: dict[str, str] = {}
    for old, new, symbols in _native_files(files):
        renamed |= {s.old_qualname: s.qualname for s in symbols
                    if s.kind == "class" and s.renamed_in_place and s.old_qualname}
        removed = [s.qualname for s in symbols if s.kind == "class" and s.status == "removed"]
        added = [s.qualname for s in symbols if s.kind == "class" and s.status == "added"]
        if len(removed) != 1 or len(added) != 1:
            continue
        was, now = removed[0], added[0]
        if now in old.symbols or was in new.symbols:
            continue
        before, after = _members(old, was), _members(new, now)
        if before and 2 * len(before & after) >= len(before):
            renamed[was] = now
    return renamed


def _native_functions_renamed(files: Iterable[tuple[ParsedSides | None, list[SymbolChange]]]
                              ) -> dict[str, str]:
    """The C, C++ and CUDA functions the change renamed, by old name (`gpt2_backward` became
    `gpt2_backward_and_reduce`): what calls them elsewhere follows."""
    renamed: dict[str, str] = {}
    for sides, symbols in files:
        if sides is not None and sides.old is not None and sides.new is not None \
                and language(sides.diff.path) in C_FAMILY:
            renamed |= native_functions_renamed(sides, symbols)
    return renamed


def _native_files(files: Iterable[tuple[ParsedSides | None, list[SymbolChange]]]
                  ) -> Iterator[tuple[ModuleSymbols, ModuleSymbols, list[SymbolChange]]]:
    """The old and new symbol tables, and the symbols changed, of each C, C++ or CUDA file
    both of whose sides were read."""
    for sides, symbols in files:
        if sides is not None and sides.old is not None and sides.new is not None \
                and language(sides.diff.path) in C_FAMILY:
            yield sides.old, sides.new, symbols


def _members(table: ModuleSymbols, owner: str) -> set[str]:
    """The names of a C++ class's members but its constructor's."""
    return {qualname.rpartition("::")[2] for qualname in table.symbols
            if qualname.startswith(f"{owner}::")} - {owner}


def _top_level_names(symbols: list[SymbolChange], status: str) -> frozenset[str]:
    """The top-level names of the symbols of that status of the product code and of the tests'
    helpers (`image_root`, not `test_umap`)."""
    names: set[str] = set()
    for s in symbols:
        top, kind = s.qualname.split(".", 1)[0], category(s.path)
        helper = kind == "test" and not top.lower().startswith("test")
        if s.status == status and (kind == "source" or helper):
            names.add(top)
    return frozenset(names)


def _project(change: ChangeDiff, config: AnalysisConfig, head: SourceTree | None) -> Project | None:
    """The whole tree after the change, when a change of Python product code gives the
    project rules something to judge."""
    if head is None or not any(language(d.path) == "python" and category(d.path) == "source"
                               for d in change.files):
        return None
    return Project(head, config)


def _while_trees_exist(sides: ParsedSides, project: Project | None, guards: GuardRules,
                       read: _ReadFiles, with_edits: bool) -> None:
    """The file rules on the new side (findings on the lines the change added), the file
    idioms on both sides, the shape of a code or test file's change, the edits of its
    functions (`with_edits`: where a report can show them), and the project's summary of the
    new side."""
    path = sides.diff.path
    if _shape_matters(sides) and (shape := statement_shape(sides, guards, read.fields_dropped)):
        if not (shape == "calls-reshaped" and project is not None
                and keywords_offered_all_along(sides, project, read.changed)):
            read.shapes[path] = shape
    elif project is not None and category(path) == "source":
        if calls_realigned(sides, project):
            read.shapes[path] = "calls-reshaped"
        elif library_methods_called_instead(sides, project):
            read.shapes[path] = "names-retargeted"
    elif is_example(path) and own_methods_called_instead(sides, read.whole_tree.get):
        read.shapes[path] = "names-retargeted"
    if with_edits and (edits := body_edits(sides)):
        read.edits[path] = edits
    if dropped := keywords_dropped(sides):
        read.keywords_dropped[path] = dropped
    if path in read.added and sides.new is not None:
        if project is not None:
            project.adopt_parsed(path, sides.new)
        risks, failures = run_rules(RuleContext(parsed={path: sides.new}, project=project,
                                                scope=Scope(lines={path: read.added[path]})),
                                    ("file",))
        read.risks += risks
        read.warnings += failures
    idioms, failures = recognize_idioms(
        IdiomContext(files=[], diffs=[sides.diff], sides={path: sides}, guards=guards), ("file",))
    read.idioms += idioms
    read.warnings += failures


def _shape_matters(sides: ParsedSides) -> bool:
    """A code file's, an example script's or a build script's shape of change decides its
    type; a test's only when its imports changed, as it then may just follow them."""
    file_category = category(sides.diff.path)
    if file_category in _CODE_CATEGORIES or file_category == "infra" \
            or (file_category == "docs" and is_example(sides.diff.path)):
        return True
    return file_category == "test" and sides.old is not None and sides.new is not None and bool(
        sides.added_code_lines & sides.new.import_lines or sides.removed_code_lines & sides.old.import_lines)


def _once(notes: list[Note]) -> list[Note]:
    """A rule or recognizer failing the same way on several files is said once."""
    kept: list[Note] = []
    for note in notes:
        if note not in kept:
            kept.append(note)
    return kept


def _added_lines(diff: FileDiff) -> list[int]:
    if diff.hunks:
        return diff.added_lines
    if diff.status == "added" and diff.new_text is not None:
        return list(range(1, diff.new_text.count("\n") + 2))
    return []


_IF_GUARDS = ("if ", "else of if ")


# What a line that is only a comment opens with, in Python and in the C family.
_COMMENT_OPENINGS = ("#", "//")
# A call, also of a Ray actor's method (`manager.get_router_addr.remote()` calls `get_router_addr`).
_CALLED = re.compile(r"\b([A-Za-z_]\w*)(?:\.remote)?\s*\(")
# A class body's member set: `    SAGE_FP16 = "sage_fp16"`, `    block_size: int = 16`.
_MEMBER_SET = re.compile(r"^\s+([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)")
# `Name.member`, also where it ends a longer path (`kernels.AttnType.FA3`).
_MEMBER_READ = re.compile(r"\b(?=([A-Za-z_]\w*\.[A-Za-z_]\w*)(?![\w.]))")
# A field read (`model.num_heads`, not a method called) and one set (`self.num_heads = n`).
_FIELD_READ = re.compile(r"\.([A-Za-z_]\w*)\b(?!\s*\()")
_FIELD_SET = re.compile(r"\.([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")
# A field a class body declares with its type: `block_size: Optional[int] = Field(default=None)`.
_FIELD_DECLARED = re.compile(r"^\s+([A-Za-z_]\w*)\s*:\s*[^=\s]")
# A name written as a string, as a key is: `"chroma_sysdb_request_timeout_seconds"`.
_KEY_WRITTEN = re.compile(r"""["']([A-Za-z_]\w*)["']""")
# A keyword a call is given, spelled without spaces as keywords are: `router_addr=addr`.
_KEYWORD_GIVEN = re.compile(r"(?<![\w.])([A-Za-z_]\w*)=(?!=)([^,)]*)")


def _callers_of_added(files: list[FileFacts], diffs: list[FileDiff]) -> Counter[str]:
    """For the name of each function or method the change added, how many symbols that were
    there before call it in code lines the change added: a helper the change wrote and put to use
    in several places. Calls between functions a change adds together say nothing of the kind.
    Likewise for a class the change gave members (`SAGE_FP16 = "sage_fp16"` in an enum), the
    symbols that read one of them in lines the change added (`impl_type == AttnType.SAGE_FP16`),
    or ask for one of them by its name (`settings.require("sysdb_timeout_seconds")`)."""
    added = {short_name(s.qualname) for f in files for s in f.symbols
             if s.status == "added" and s.kind in ("function", "method")}
    members = _members_added(files, diffs)
    if not added and not members:
        return Counter()
    # a field of settings is also read by its name as a key (`settings.require("timeout_s")`);
    # only a name with an underscore, as a plain word (`host`) is as often some other string
    keyed = {field: name for member, name in members.items() if "_" in (field := member.partition(".")[2])}
    callers: dict[str, set[tuple[str, str]]] = {}
    for facts, diff in zip(files, diffs, strict=True):
        if diff.new_text is None or not diff.added_lines \
                or not any(name in diff.new_text for name in (*added, *members, *keyed)):
            continue
        lines = diff.new_text.splitlines()
        present = [s for s in facts.symbols if s.status != "removed"]
        for number in diff.added_lines:
            if number > len(lines) or lines[number - 1].lstrip().startswith(_COMMENT_OPENINGS):
                continue
            line = lines[number - 1]
            used = added.intersection(_CALLED.findall(line)) if added else set()
            if members:
                used |= {members[read] for read in _MEMBER_READ.findall(line) if read in members}
                used |= {keyed[key] for key in _KEY_WRITTEN.findall(line) if key in keyed}
            owner = _innermost(present, number) if used else None
            for name in used:
                if owner is not None and owner.status == "changed" and short_name(owner.qualname) != name:
                    callers.setdefault(name, set()).add((facts.path, owner.qualname))
    return Counter({name: len(owners) for name, owners in callers.items()})


def _members_added(files: list[FileFacts], diffs: list[FileDiff]) -> dict[str, str]:
    """`Class.MEMBER` for each member a changed class gains in lines of its own body, by the
    class's name."""
    members: dict[str, str] = {}
    for facts, diff in zip(files, diffs, strict=True):
        classes = [s for s in facts.symbols if s.kind == "class" and s.status == "changed"]
        if not classes or diff.new_text is None:
            continue
        lines = diff.new_text.splitlines()
        present = [s for s in facts.symbols if s.status != "removed"]
        for number in diff.added_lines:
            if number <= len(lines) and (match := _MEMBER_SET.match(lines[number - 1])) \
                    and (owner := _innermost(present, number)) in classes:
                name = short_name(owner.qualname)
                members[f"{name}.{match[1]}"] = name
    return members


def _innermost(symbols: list[SymbolChange], line: int) -> SymbolChange | None:
    """The narrowest symbol holding the line."""
    holding = [s for s in symbols if s.start_line <= line <= s.end_line]
    return min(holding, key=lambda s: (s.end_line - s.start_line, s.start_line, s.qualname), default=None)


def _is_native_constant(symbol: SymbolChange) -> bool:
    return symbol.kind == "constant" and language(symbol.path) in C_FAMILY


def rank_key_symbols(files: list[FileFacts], callers: Counter[str], repeats: frozenset[int],
                     inline_tests: frozenset[int], title: str = "") -> list[str]:
    """Symbols of product code by weight of change, then the names whose import moved (under
    a guard, into a function). Tests, example code and the functions of scripts in the
    documentation count only when product code offers nothing (an example's code and the test
    that runs it are read together), and build and release scripts only after them; with no
    symbol's code changed, the names imported anew stand in, before a symbol whose comments
    alone changed. A function added weighs more for each changed symbol that calls it
    (`callers`, by name; up to `MAX_CALLER_BOOST`). An edit made alike to more symbols than the list holds
    would fill it: the first of them stands for them all, the others (`repeats`, by id) are
    left out. The tests a source file holds (`inline_tests`, by id) count as tests. A module's
    own version bumped (`__version__`) is named only where nothing else changed. Where product
    code changed only in its comments, what an example now does comes first, then what the tests
    now do; a symbol whose comments or docstring alone changed, or a function that only gained
    a return annotation besides, in a file changed otherwise too (`using ffi::Map;` added, a
    comment of `Map` reworded; `-> None` and a docstring given to methods beside the one that
    changed), is not named; where that is the whole change of product code, it is, before the
    tests that follow it (`check_tf_version() -> None`, and a test that now checks its
    annotations), as it is beside functions changed only in their annotations. A C or C++
    constant is named only where no function or class changed beside it. The index a documentation tool
    generates of the package's symbols (nbdev's `_modidx.py`) names none."""
    code = [f for f in files if f.category in _CODE_CATEGORIES and not is_symbol_index(f.path)]
    tests = [f for f in files if f.category == "test"]
    test_symbols = [s for f in tests for s in f.symbols] \
        + [s for f in code for s in f.symbols if id(s) in inline_tests]
    # an example's code, and the functions and classes of a script the documentation holds
    shown = [s for f in files if f.category == "docs" for s in f.symbols
             if is_example(f.path) or s.kind != "constant"]
    builds = [s for f in files if f.category == "infra" for s in f.symbols]
    versions = [s for f in code for s in f.symbols if is_own_version(s)]
    run = [s for f in files if f.category == "docs" and is_example(f.path) and f.change_type != "docs"
           for s in f.symbols] if code else []
    tested = [s for f in tests if f.change_type != "docs" for s in f.symbols] if code else []
    annotated = [s for f in code if f.change_type != "docs" for s in f.symbols
                 if id(s) not in inline_tests and s.code_unchanged and s.signature_changed]
    pool = [s for f in code if f.change_type != "docs" for s in f.symbols
            if id(s) not in inline_tests and not is_own_version(s) and not s.code_unchanged]
    if _only_annotations(pool):
        pool += annotated
    pool = pool or annotated or run or tested
    if not pool and (rewired := _imported_names(code, ("moved", "added"))):
        return rewired[:MAX_IMPORT_KEY_SYMBOLS]
    pool = pool \
        or [s for f in code for s in f.symbols if id(s) not in inline_tests and not is_own_version(s)
            and not (s.code_unchanged and not s.signature_changed and f.change_type != "docs")] \
        or test_symbols + shown or versions or builds
    if pool is not builds and sum(s.weight for s in builds) > sum(s.weight for s in pool):
        pool = pool + builds  # a build script that carries most of the change is what it is about
    # beside native code that changed, a native constant is a value that code reads
    if any(not _is_native_constant(s) for s in pool):
        pool = [s for s in pool if not _is_native_constant(s)]
    # a member that moved or went with its class is told by the class, as is one added outside
    # the lines of the type it was added with (a Rust `impl` block's), which weighs it already
    whole_classes = {(s.status, s.path, s.qualname) for s in pool
                     if s.status in ("moved", "removed", "added") and s.kind == "class"}
    told = {id(member) for f in code for member, _ in members_apart(f.symbols)}
    pool = [s for s in pool if id(s) not in told and id(s) not in repeats
            and (s.status, s.path, owner_of(s.qualname)) not in whole_classes]
    if not pool:
        return (_imported_names(code, ("moved", "added"))
                or _imported_names(tests, ("moved", "added")))[:MAX_IMPORT_KEY_SYMBOLS]
    weight = {id(s): _rank_weight(s, callers) for s in pool}
    pool.sort(key=lambda s: (-weight[id(s)], s.path, s.start_line))
    # how much a helper is called orders the list; it does not push the others out of it
    floor = max(_rank_weight(s, Counter()) for s in pool) * KEY_SYMBOL_SHARE
    names: list[str] = []
    heaviest: set[str] = set()
    paths: set[str] = set()
    for symbol in pool:
        # Each file's heaviest symbol counts, however light: a change that fixes several call
        # sites, one per file, is about each of them. Of a change to a few files, it also keeps
        # its place when the list is cut; of many, the heaviest symbols are what it is about.
        if symbol.path not in paths:
            heaviest.add(symbol.qualname)
        paths.add(symbol.path)
        if (weight[id(symbol)] >= floor or symbol.qualname in heaviest) and symbol.qualname not in names:
            names.append(symbol.qualname)
    names += _stopped_calling(pool, names)
    if len(names) > MAX_KEY_SYMBOLS and len(heaviest) <= MAX_KEY_SYMBOLS // 2:
        others = [name for name in names if name not in heaviest][:max(0, MAX_KEY_SYMBOLS - len(heaviest))]
        names = [name for name in names if name in heaviest or name in others]
    titled = _named_by_title(title, pool)
    names = titled + [name for name in names if name not in titled]
    # an import moved out of its `try` to the module's top (`from IPython import get_ipython`,
    # its fallbacks for old releases dropped) lost a guard beside the code that changed
    moved = [name for name in _imported_names(code, ("moved",), to_top=False) if name not in names]
    return (names[:MAX_KEY_SYMBOLS] + moved[:MAX_IMPORT_KEY_SYMBOLS])[:MAX_KEY_SYMBOLS]


def _only_annotations(symbols: list[SymbolChange]) -> bool:
    """The functions changed only in their headers' annotations, beside the constants those
    may name (`_T = TypeVar("_T")`): a change that types an API, of which a function that only
    gained a return annotation is as much a part."""
    return any(s.annotations_only for s in symbols) \
        and all(s.annotations_only or s.kind == "constant" for s in symbols)


def _named_by_title(title: str, pool: list[SymbolChange]) -> list[str]:
    """The symbols the PR's title names as code is spelled, with a capital after its first
    letter or an underscore inside (`Delete deprecated QDQLayout and related code`): what the
    author says the change is about, however little of it changed."""
    words = set(_TITLE_WORD.findall(title))
    return list(dict.fromkeys(s.qualname for s in pool if (name := short_name(s.qualname)) in words
                              and _SPELLED_AS_CODE.search(name)))


# A word of a title that may name a symbol; one spelled as only code is: `QDQLayout`, `to_device`.
_TITLE_WORD = re.compile(r"[A-Za-z_]\w*")
_SPELLED_AS_CODE = re.compile(r"^_*[A-Za-z]\w*?[A-Z]|[A-Za-z0-9]_[A-Za-z0-9]")


def _inline_tests(sides: ParsedSides | None, symbols: list[SymbolChange]) -> set[int]:
    """The ids of the symbols of a Rust source's test modules (`mod tests`, `#[cfg(test)] mod
    test_alloc`)."""
    if sides is None:
        return set()
    scopes = tuple(scope for table in (sides.old, sides.new) if table is not None
                   for scope in table.test_scopes)
    return {id(s) for s in symbols if s.qualname.startswith(scopes)}


def _stopped_calling(pool: list[SymbolChange], names: list[str]) -> list[str]:
    """The symbols that no longer call a function or class the change removed and names
    (`tosa_support_factory` stops appending `NeedsDecompositionCheck(reporter)`), however
    little else changed in them: where what the removed code did stops being done."""
    removed = {short_name(s.qualname) for s in pool if s.status == "removed" and s.qualname in names
               and s.kind != "constant"}
    if not removed:
        return []
    return list(dict.fromkeys(
        s.qualname for s in pool if s.status == "changed" and s.qualname not in names
        and any(edit.kind == "call-removed" and short_name(edit.subject) in removed for edit in s.edits)))


def _repeated_edits(files: list[FileFacts], diffs: list[FileDiff]) -> frozenset[int]:
    """The ids of the changed symbols whose lines the change edited as it did those of a symbol
    before them, in their file or an earlier one, where more than `MAX_KEY_SYMBOLS` took that
    edit, their names aside (`TEST(TensorTest, TestAdd)` became `TEST_F(TensorTest, TestAdd)` in
    fifteen tests; `.item()` appended to the bounds of eighteen glyphs in three modules)."""
    if sum(s.status == "changed" for facts in files for s in facts.symbols) <= MAX_KEY_SYMBOLS:
        return frozenset()  # no edit can be repeated in more symbols than the list holds
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[SymbolChange]] = {}
    for facts, diff in zip(files, diffs, strict=True):
        changed = [s for s in facts.symbols if s.status == "changed"]
        if not changed or diff.old_text is None or diff.new_text is None:
            continue
        old, new = diff.old_text.split("\n"), diff.new_text.split("\n")
        runs = _Runs([run for hunk in diff.hunks for run in replacements(hunk)])
        for symbol in sorted(changed, key=lambda member: member.start_line):
            groups.setdefault(_edit_of(symbol, runs, old, new), []).append(symbol)
    return frozenset(id(member) for edit, members in groups.items()
                     if len(members) > MAX_KEY_SYMBOLS and any(edit) for member in members[1:])


class _Runs:
    """A file's runs of removed lines with the added lines after each, in the diff's order, found
    by the new lines they add: a file of many changed symbols asks once for each."""

    def __init__(self, runs: list[tuple[list[int], list[int]]]) -> None:
        # the added lines of a run follow one another, and runs follow one another down the file
        self.adding = [run for run in runs if run[1]]
        self.firsts = [run[1][0] for run in self.adding]
        self.lasts = [run[1][-1] for run in self.adding]

    def adding_within(self, start: int, end: int) -> list[tuple[list[int], list[int]]]:
        return self.adding[bisect.bisect_left(self.lasts, start):bisect.bisect_right(self.firsts, end)]


def _edit_of(symbol: SymbolChange, runs: _Runs, old: list[str], new: list[str]) \
        -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lines the runs of the diff that add within the symbol's lines remove and add there,
    stripped, its own name written as `_`."""
    name = re.compile(rf"\b{re.escape(short_name(symbol.qualname))}\b")
    within = range(symbol.start_line, symbol.end_line + 1)
    removed: list[str] = []
    added: list[str] = []
    for was, now in runs.adding_within(symbol.start_line, symbol.end_line):
        before = [name.sub("_", old[n - 1].strip()) for n in was if n <= len(old)]
        after = [name.sub("_", new[n - 1].strip()) for n in now if n in within and n <= len(new)]
        if len(before) == len(after):
            # a line replaced by one alike counts by what was taken out and put in, once
            pairs = dict.fromkeys(_difference(line, other) for line, other in zip(before, after, strict=True))
            before, after = [taken for taken, _ in pairs], [put for _, put in pairs]
        removed += before
        added += after
    return tuple(removed), tuple(added)


def _difference(was: str, now: str) -> tuple[str, str]:
    """What `now` has in place of `was` between the start and end they share: `("", ".item()")`
    for `np.nanmin(v),` that became `np.nanmin(v).item(),`."""
    start = shared_start(was, now)
    end = shared_start(was[start:][::-1], now[start:][::-1])
    return was[start:len(was) - end], now[start:len(now) - end]


def _rank_weight(symbol: SymbolChange, callers: Counter[str]) -> int:
    bonus = 3 if symbol.signature_changed or symbol.decorators_added or symbol.decorators_removed else 0
    called = callers[short_name(symbol.qualname)] \
        if (symbol.status == "added" and symbol.kind in ("function", "method")) \
        or (symbol.status == "changed" and symbol.kind == "class") else 0
    return (symbol.weight + bonus) * (1 + min(called, MAX_CALLER_BOOST))


def _imported_names(files: list[FileFacts], statuses: tuple[str, ...], to_top: bool = True) -> list[str]:
    """Names bound by the files' imports of the given statuses, the standard library's left
    out (a `TYPE_CHECKING` or `os` import is how a change is made, not what it is about), and
    so are names a rewritten statement already imported from the same module, and those of
    imports that moved with their code; and, without `to_top`, those of imports moved to the
    module's top level."""
    names: list[str] = []
    for status in statuses:
        for facts in files:
            before = {(change.module, name) for change in facts.imports if change.status == "removed"
                      for name in change.names}
            added = {symbol.qualname for symbol in facts.symbols if symbol.status == "added"}
            for change in facts.imports:
                if change.status == status and not is_stdlib_module(change.module) \
                        and not _guards_reworded(change) and not _moved_with_its_code(change, added) \
                        and (to_top or change.status != "moved" or change.context != "module"):
                    names.extend(name for name in change.names
                                 if name not in names and (change.module, name) not in before)
    return names


def _moved_with_its_code(change: ImportChange, added: set[str]) -> bool:
    """A moved import that was in a function and is now in one the change added
    (`lower_to_executorch`, lifted out of the function it was nested in): it went where the
    code that uses it went. One taken from the module into a loader is made lazy."""
    scope = next((part for part in reversed(change.context.split(" / ")) if part.startswith("def ")), "")
    return change.status == "moved" and "def " in (change.old_context or "") \
        and scope.removeprefix("def ") in added


def _guards_reworded(change: ImportChange) -> bool:
    """A moved import that sits where it did, under `if`s whose tests were reworded: what
    changed is the guard, not the import."""
    if change.old_context is None:
        return False
    old, new = change.old_context.split(" / "), change.context.split(" / ")
    return len(old) == len(new) and all(
        was == now or (was.startswith(_IF_GUARDS) and now.startswith(_IF_GUARDS)
                       and was.split(" ", 1)[0] == now.split(" ", 1)[0])
        for was, now in zip(old, new, strict=True))


def _trees_fit(diffs: list[FileDiff]) -> bool:
    """Whether the syntax trees of every Python text of the change fit in what the parse cache
    keeps alive."""
    return parse_cached.fits(text for diff in diffs if language(diff.path) == "python"
                             for text in (diff.old_text, diff.new_text) if text is not None)


def _python_sides(diff: FileDiff, warnings: list[Note], keep: bool) -> ParsedSides | None:
    if language(diff.path) != "python" or (diff.old_text is None and diff.new_text is None):
        return None
    sides = _parse_sides(diff, parse_cached)
    for side, table in (("old", sides.old), ("new", sides.new)):
        if table is not None and keep:
            parse_cached.keep_tree(table)
        if table is not None and table.error:
            warnings.append(Note("does-not-parse", diff.path, {"side": side, "error": table.error}))
    return sides


def _native_sides(diff: FileDiff) -> ParsedSides | None:
    """C, C++, CUDA and Rust files read into symbol tables; only their symbols are compared."""
    parse = NATIVE_PARSERS.get(language(diff.path))
    if parse is None or (diff.old_text is None and diff.new_text is None):
        return None
    return _parse_sides(diff, parse)


def _parse_sides(diff: FileDiff, parse: Callable[[str], ModuleSymbols]) -> ParsedSides:
    return ParsedSides(diff=diff,
                       old=parse(diff.old_text) if diff.old_text is not None else None,
                       new=parse(diff.new_text) if diff.new_text is not None else None)


def _both_parse(sides: ParsedSides) -> bool:
    return not any(table is not None and table.error for table in (sides.old, sides.new))


def _collect_fingerprints(sides: ParsedSides, symbols: list[SymbolChange],
                          into: dict[tuple[str, str], str], name_blind: dict[tuple[str, str], str]) -> None:
    """Fingerprints of the added and removed symbols, the only ones a move can involve, and
    their name-blind ones, which a rename may need: made while the file's lines are split, as
    splitting every file of a large change again at once would hold them all."""
    for change in symbols:
        table = sides.new if change.status == "added" else sides.old
        if change.status in ("added", "removed") and table is not None:
            key = (change.path, change.qualname)
            symbol = table.symbols[change.qualname]
            into[key] = fingerprint(table, symbol)
            if change.status == "added" or may_be_renamed(change):
                name_blind[key] = fingerprint(table, symbol, name_blind=True)


def _file_facts(diff: FileDiff, sides: ParsedSides | None, symbols: list[SymbolChange],
                config: AnalysisConfig, shape: StatementShape | None,
                native: ParsedSides | None,
                around: AroundFile) -> FileFacts:
    file_category = category(diff.path)
    parsed = sides if sides is not None and _both_parse(sides) else None
    imports = import_changes(parsed) if parsed else []
    return FileFacts(
        path=diff.path,
        old_path=diff.old_path,
        status=diff.status,
        module=module_name(diff.path, config),
        category=file_category,
        change_type=change_type(file_category, diff, parsed, symbols, imports, shape, native,
                                around),
        language=language(diff.path),
        additions=diff.additions,
        deletions=diff.deletions,
        symbols=sorted(symbols, key=lambda s: -s.weight),
        imports=imports,
        notes=diff.notes,
        layout_only=any(s is not None and s.layout_only for s in (parsed, native)),
    )
