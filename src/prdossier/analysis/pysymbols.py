"""The symbols and imports of one Python source text, read with the stdlib `ast`."""

from __future__ import annotations

import ast
import bisect
import contextlib
import copy
import hashlib
import io
import re
import sys
import textwrap
import tokenize
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Literal, TypeVar

SymbolKind = Literal["function", "method", "class", "constant"]
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
# A constant named for a comparison with a release: `PANDAS_GE_200`, `_TORCH_GREATER_EQUAL_2_1`.
_VERSION_FLAG = r"_?[A-Z][A-Z0-9]*_(?:GT|GE|LT|LE|GTE|LTE|EQ|GREATER|LESS)(?:_EQUAL|_THAN)?_\d+(?:_\d+)*"
VERSION_FLAG = re.compile(_VERSION_FLAG)
VERSION_PREDICATE = re.compile(
    r"version|__version__|sys\.version_info|\bVersion\(|\bparse\(|(?-i:\b[A-Z]+_(?:MAJOR|MINOR)\b)"
    r"|\bis_\w+_(?:greater|less)_(?:or_equal|than)"
    rf"|(?-i:\b{_VERSION_FLAG}\b)"
    # a call given a version number: `check_if_transformers_greater("4.38.0")`
    r"""|\(\s*["']\d+\.\d+(?:\.\d+)*(?:\.?(?:dev|rc|post|a|b)\d*)?["']""",
    re.IGNORECASE)
# A class that holds options: `TrainerConfig`, `ModelArguments`.
OPTIONS_CLASS = re.compile(r"(Config|Configuration|Args|Arguments|Settings|Options)(Mixin)?$")
# What holds a program's options: `args`, `self.config`, `server_args`, `cfg`.
OPTIONS_HOLDER = re.compile(r"(^|[._])(args|config|cfg|opts|options|settings)$")
# A module or package of settings: `config`, `finetune_config`, `acceleration_configs`.
SETTINGS_MODULE = re.compile(r"(^|_)(configs?|configuration|settings|options)$")
# A function that says whether an optional package or a device is there: `is_npu_available`.
AVAILABILITY_PROBE = re.compile(r"^_?is_\w+_available$")
# The calls that look a package up by name without importing it: `find_spec("apex")`.
_PACKAGE_FINDERS = r"find_spec|\w*package_available|module_available"
# A module-level name bound to a probe for a package: `_pillow_available =
# importlib.util.find_spec("PIL") is not None`, `CHECK_AIOHTTP = OptionalImports("aiohttp")`.
PROBES_A_PACKAGE = re.compile(r"""^\s*\w+\s*(:[^=]+)?=\s*[\w.]*\b(OptionalImports|RequirementCache"""
                              rf"""|_?is_\w*_available|{_PACKAGE_FINDERS})"""
                              r"""\(\s*["']""")
# UPPER_CASE by convention; and the module-level names a tool reads: a dunder (`__version__`)
# or pytest's `pytestmark`. Not `__all__`: it changes with the names it exports, which say more.
_CONSTANT_NAME = re.compile(r"^(_*[A-Z][A-Z0-9_]*|__(?!all__)[a-z][a-z0-9_]*__|pytestmark)$")
# A name, or a dotted chain of names, as it appears in a line of source (`xm.xrt_world_size`).
DOTTED_REFERENCE = re.compile(r"[A-Za-z_][\w.]*")
_COMPOUND = (ast.If, ast.Try, ast.TryStar, ast.With)
# Decorators that set how a function is compiled or tuned: `@triton.autotune(configs=...)`,
# `@triton.jit(do_not_specialize=["T"])`, `@torch.compile(dynamic=True)`.
_TUNING_DECORATOR = re.compile(r"(^|\.)(\w*autotune\w*|heuristics|jit|njit|(\w+_)?compile)$")
IMPORT_ERROR_NAMES = frozenset({"ImportError", "ModuleNotFoundError"})
_SKIPS = frozenset({"skip", "skipTest"})
# What the name of a call that only prints or logs starts with (`warning_once`, `info_rank0`).
_MESSAGE_WORDS = frozenset({"print", "debug", "info", "warning", "warn", "error", "exception",
                            "critical", "log"})
# Calls whose arguments are a message, not an interface.
MESSAGE_CALLS = _MESSAGE_WORDS | {"warning_once", "info_once"}
# A line that opens a string literal: it may hold a string standing alone as a statement.
_STRING_OPENING = re.compile(r"\s*[rRbBuU]{0,2}['\"]")
# reStructuredText a documentation string is written in: a directive (`.. seealso::`) or a
# cross-reference role (`:func:\`numpy.nextafter\``).
_REST_MARKUP = re.compile(r"^\s*\.\. [\w-]+::|:(?:func|meth|class|data|attr|mod|obj|ref|doc):`", re.MULTILINE)
# The words of a name that say it holds documentation: `COMMON_INIT_DOC`, `docdict`, `_shared_docs`.
_DOCUMENTATION_WORDS = frozenset({"doc", "docs", "docstring", "docstrings", "docdict"})
# Line breaks `str.splitlines` knows and the parser does not, or that `split("\n")` misses.
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Symbol:
    qualname: str
    kind: SymbolKind
    start: int
    end: int
    signature: str
    decorators: tuple[str, ...]
    parameters: str = ""  # a function's parameters as a caller sees them: see `_parameters`

    @property
    def name(self) -> str:
        return short_name(self.qualname)


def call_name(call: ast.Call) -> str:
    """The name a call calls by: `to_NumpyForm` of `form.to_NumpyForm(...)`, `load` of `load()`;
    empty for a call of what another call returns."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def short_name(qualname: str) -> str:
    """The last part of a dotted qualified name; a registered function's bracket (`_[bnb::gemv.out]`)
    is kept whole."""
    head, bracket, registered = qualname.partition("[")
    return head.rsplit(".", 1)[-1] + bracket + registered


GuardKind = Literal["if", "else", "try", "except", "with", "def"]
ImportBlock = Literal["imports", "handing-on"]


@dataclass(frozen=True, slots=True)
class Guard:
    """One statement an import sits under: `if TEST`, its `else`, `try`, `except`, `with`, `def`."""

    kind: GuardKind
    text: str

    def describe(self) -> str:
        return {"if": f"if {self.text}", "else": f"else of if {self.text}", "try": "try",
                "except": "try / except", "with": "with", "def": f"def {self.text}"}[self.kind]


# What a module runs only as a script: there an assignment computes, unless it binds a constant.
_MAIN_GUARD = Guard("if", "__name__ == '__main__'")


@dataclass(frozen=True, slots=True)
class ImportStatement:
    """One import statement as written, with the statements it sits under, outermost first.

    `module` is the module named after `from` (dots of a relative import kept) or after
    `import`; `names` are the names it binds; `imported` the names after `from m import`.
    """

    statement: str
    names: tuple[str, ...]
    module: str
    line: int
    guards: tuple[Guard, ...]
    imported: tuple[str, ...] = ()

    @property
    def context(self) -> str:
        if not self.guards:
            return "module"
        return " / ".join(guard.describe() for guard in self.guards)


class LineSpans(Set[int]):
    """Line numbers kept as the runs they come in (a docstring's, an assignment's): a module
    of long docstrings has hundreds of thousands of such lines, which a `set` holds at some
    sixty bytes each. Reads as a set of ints; a set made from it with `-`, `|` or `&` is one."""

    def __init__(self) -> None:
        self._starts = array("I")
        self._ends = array("I")
        self._merged = True

    def update(self, lines: range) -> None:
        """Add a run of lines, in any order."""
        if lines:
            self._merged = self._merged and (not self._ends or lines.start > self._ends[-1] + 1)
            self._starts.append(lines.start)
            self._ends.append(lines.stop - 1)

    def _runs(self) -> tuple[array[int], array[int]]:
        if not self._merged:
            starts, ends = array("I"), array("I")
            for start, end in sorted(zip(self._starts, self._ends, strict=True)):
                if ends and start <= ends[-1] + 1:
                    ends[-1] = max(ends[-1], end)
                else:
                    starts.append(start)
                    ends.append(end)
            self._starts, self._ends, self._merged = starts, ends, True
        return self._starts, self._ends

    def __contains__(self, line: object) -> bool:
        if not isinstance(line, int):
            return False
        starts, ends = self._runs()
        at = bisect.bisect_right(starts, line) - 1
        return at >= 0 and line <= ends[at]

    def __iter__(self) -> Iterator[int]:
        for start, end in zip(*self._runs(), strict=True):
            yield from range(start, end + 1)

    def between(self, first: int, last: int) -> Iterator[int]:
        """The lines from `first` to `last` that are in the set, in order."""
        starts, ends = self._runs()
        for at in range(max(0, bisect.bisect_right(starts, first) - 1), bisect.bisect_right(starts, last)):
            yield from range(max(first, starts[at]), min(last, ends[at]) + 1)

    def __len__(self) -> int:
        starts, ends = self._runs()
        return sum(ends) - sum(starts) + len(starts)

    @classmethod
    def _from_iterable(cls, lines: Iterable[int]) -> set[int]:  # type: ignore[override]
        return set(lines)


@dataclass
class ModuleSymbols:
    """What one parse of a module yields. `error` says why it does not parse; otherwise the
    syntax tree is kept until `release_tree` and read again from `text` when asked for after."""

    text: str = ""
    symbols: dict[str, Symbol] = field(default_factory=dict)
    imports: list[ImportStatement] = field(default_factory=list)
    owners: list[str | None] = field(default_factory=list)
    import_lines: set[int] = field(default_factory=set)
    # the names module-level imports made by calls bind to what they import (`ndimage` of
    # `ndimage, _ = optional_import("scipy.ndimage")`)
    imported_by_call: set[str] = field(default_factory=set)
    # if/try blocks that import and hand on what they import (register it, set it up once)
    handing_on_lines: set[int] = field(default_factory=set)
    # module and class bodies, and `if`s there that only assign: a setting chosen by a test
    assignment_lines: LineSpans = field(default_factory=LineSpans)
    tuning_lines: set[int] = field(default_factory=set)  # decorators `_TUNING_DECORATOR` names
    export_lines: set[int] = field(default_factory=set)  # module-level statements setting `__all__`
    # `if` blocks that only raise where an optional package is missing: see `_refusals`
    refusal_lines: set[int] = field(default_factory=set)
    # what a `try` that imports does where the import fails: its handlers' lines, with the
    # `try:` line, by the `try:` line
    fallbacks: dict[int, set[int]] = field(default_factory=dict)
    # what the `else` of a module-level test for an optional package binds in place of what
    # its body binds: see `_stand_ins_for_absence`
    stand_in_lines: set[int] = field(default_factory=set)
    # what decides, beside the imports, what is loaded: see `_wiring_lines`
    wiring_lines: frozenset[int] = frozenset()
    # names an import block sets to say whether its import worked: see `_import_flags`
    import_flags: frozenset[str] = frozenset()
    docstring_lines: LineSpans = field(default_factory=LineSpans)  # docstrings, and strings standing alone
    text_constants: set[str] = field(default_factory=set)  # constants bound to text of several lines
    # a native source's lines that hold only comments; None for Python, whose start with `#`
    comment_lines: frozenset[int] | None = None
    # a C++ source's definitions in an anonymous namespace, which only the file itself sees
    file_local: frozenset[str] = frozenset()
    # a Rust source's test modules (its `mod tests`, `#[cfg(test)] mod test_alloc`), as
    # qualname prefixes
    test_scopes: frozenset[str] = frozenset()
    # a Rust source's functions Python calls through PyO3, `pub` or not
    python_exposed: frozenset[str] = frozenset()
    # a C++ source's lines inside the braces of an enum's list of values
    enumerator_lines: frozenset[int] = frozenset()
    # a C++ source's calls that bind a name for Python (`m.def("name", ...)`): the name, and
    # the first and last lines of the call
    bindings: tuple[tuple[str, int, int], ...] = ()
    # names bound at module level; "*" when a star import or a module-level __getattr__ (or a
    # syntax error) makes that unknowable
    defined: frozenset[str] = frozenset("*")
    error: str | None = None
    # the first line (decorators included) and the last of each top-level statement, in turn
    top_spans: array[int] = field(default_factory=lambda: array("I"))
    _tree: ast.Module | None = None
    _lines: list[str] | None = None
    # the last tree `tree_holding` parsed, and the first lines of the statements it holds
    _held: tuple[frozenset[int], ast.Module] | None = None
    _other_line_breaks: bool | None = None
    _string_continuations: LineSpans | None = None
    _strings_asked: bool = False

    @property
    def parses(self) -> bool:
        return self.error is None

    @property
    def tree(self) -> ast.Module | None:
        if self._tree is None and self.error is None:
            self._tree = parse_python(self.text)
        return self._tree

    def tree_holding(self, lines: Iterable[int]) -> ast.Module | None:
        """A tree of the top-level statements that hold any of `lines`, at their own line
        numbers: what a question about those lines needs, without parsing the whole module
        again once its tree was released. The whole tree while it is there, and when the text
        has line breaks other than the parser's or the statements do not parse alone. Asked
        again for statements the last such tree holds (the questions about a file's changed
        lines ask for the same ones), that tree, until `release_tree`."""
        if self._other_line_breaks is None:
            self._other_line_breaks = _OTHER_LINE_BREAKS.search(self.text) is not None
        if self._tree is not None or self.error is not None or self._other_line_breaks:
            return self.tree
        wanted = sorted(set(lines))
        spans = self.top_spans
        kept = [(spans[i], spans[i + 1]) for i in range(0, len(spans), 2)
                if bisect.bisect_left(wanted, spans[i]) < bisect.bisect_right(wanted, spans[i + 1])]
        if not kept:
            return ast.Module(body=[], type_ignores=[])
        starts = frozenset(start for start, _ in kept)
        if self._held is not None and starts <= self._held[0]:
            return self._held[1]
        source = self.text.split("\n")
        text = [""] * kept[-1][1]
        for start, end in kept:
            text[start - 1:end] = source[start - 1:end]
        try:
            tree = parse_python("\n".join(text))
        except (SyntaxError, ValueError, RecursionError):
            return self.tree
        self._held = (starts, tree)
        return tree

    def string_lines(self, lines: set[int]) -> set[int]:
        """Of the lines, those a string literal of several lines holds after its first line:
        text, where `#` opens no comment (`#include <Python.h>` in the C source a launcher
        compiles). Asked once, the statements holding the lines are read; asked again (a large
        change asks for the lines of each symbol it adds), the module's such lines are found
        once and kept."""
        if not lines or self.error is not None:
            return set()
        if self._string_continuations is None:
            if not self._strings_asked:
                self._strings_asked = True
                return self._strings_holding(lines)
            self._string_continuations = self._find_string_continuations()
        return {n for n in lines if n in self._string_continuations}

    def _strings_holding(self, lines: set[int]) -> set[int]:
        tree = self.tree_holding(lines)
        found: set[int] = set()
        for node in _nodes_holding(tree.body, lines) if tree is not None else ():
            if _is_string_literal(node):
                found.update(n for n in lines if node.lineno < n <= _end(node))
        return found

    def _find_string_continuations(self) -> LineSpans:
        alive = self._tree is not None
        tree = self.tree
        found = LineSpans()
        # Only a node of several lines can hold a string of several lines: those of one line,
        # most of the tree, are not entered.
        stack: list[ast.AST] = [tree] if tree is not None else []
        while stack:
            for child in ast.iter_child_nodes(stack.pop()):
                start = getattr(child, "lineno", None)
                if start is None:
                    stack.append(child)
                elif (end := _end(child)) > start:
                    if _is_string_literal(child):
                        found.update(range(start + 1, end + 1))
                    else:
                        stack.append(child)
        if not alive:
            self._tree = None
        return found

    def fallbacks_written(self, lines: set[int]) -> set[int]:
        """The lines of the `fallbacks` of the `try`s whose `try:` line is among `lines`: an
        import the change put in a `try`, with what to do where it fails. The handler of a
        `try` that was there is code of its own (a build the handler runs instead)."""
        return {line for start, held in self.fallbacks.items() if start in lines for line in held}

    @property
    def imported_names(self) -> set[str]:
        """The names the module's imports bind, wherever they are (module level, guarded, in
        functions)."""
        return {name for statement in self.imports for name in statement.names}

    @property
    def lines(self) -> list[str]:
        """The text's lines, split again when asked for after `release_tree`."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def release_tree(self) -> None:
        """Free the syntax tree and the text's lines (most of this table's memory; the lines
        alone take more than twice the text); the symbols stay."""
        self._tree = None
        self._lines = None
        self._held = None

    def owner(self, line: int) -> str | None:
        return self.owners[line] if 0 < line < len(self.owners) else None

    def function(self, qualname: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """A function or method's node: from the tree while it is there, else parsed from the
        function's own lines, as parsing the whole module again for one function would cost
        as much as its first parse; the whole tree when those lines do not parse alone."""
        symbol = self.symbols.get(qualname)
        if symbol is None or symbol.kind not in ("function", "method") or self.error is not None:
            return None
        if self._tree is None:
            source = textwrap.dedent("\n".join(self.lines[symbol.start - 1:symbol.end]))
            try:
                body = parse_python(source).body
            except (SyntaxError, ValueError, RecursionError):
                body = []
            if body and isinstance(body[0], ast.FunctionDef | ast.AsyncFunctionDef):
                return body[0]
        return functions(self.tree).get(qualname) if self.tree else None


# The memory of the texts the parse cache's tables hold (a text with a character beyond
# Latin-1 takes two or four bytes a character); a table without its tree and lines takes about
# a third more. Bounded in bytes, not tables: a history of huge modules would hold hundreds of MB.
PARSE_CACHE_TEXT_BYTES = 8 << 20
# The texts of the tables whose syntax trees the parse cache keeps alive, those kept longest ago
# freed first. A tree takes about 33 times the memory of its text: 1 MiB keeps about 35 MB.
LIVE_TREE_TEXT_BYTES = 1 << 20


class _ParseCache:
    """`parse_module`, remembered: a file's new side is the next change's old side. The least
    recently used tables go first once their texts pass `PARSE_CACHE_TEXT_BYTES`. The trees of
    the tables last given to `keep_tree` stay alive while their texts fit in
    `LIVE_TREE_TEXT_BYTES`, so a small change's files are parsed once, not again for each
    question after their first reading; `release` frees any other table's tree."""

    def __init__(self) -> None:
        self._tables: OrderedDict[str, ModuleSymbols] = OrderedDict()
        self._bytes = 0
        self._kept: OrderedDict[int, ModuleSymbols] = OrderedDict()
        self._kept_bytes = 0

    def __call__(self, text: str) -> ModuleSymbols:
        table = self._tables.get(text)
        if table is not None:
            self._tables.move_to_end(text)
            return table
        table = self._tables[text] = parse_module(text)
        self._bytes += sys.getsizeof(text)
        while self._bytes > PARSE_CACHE_TEXT_BYTES and len(self._tables) > 1:
            self._bytes -= sys.getsizeof(self._tables.popitem(last=False)[0])
        return table

    def keep_tree(self, table: ModuleSymbols) -> None:
        """Keep the table's tree alive, freeing those of the tables kept longest ago that no
        longer fit."""
        if id(table) in self._kept:
            self._kept.move_to_end(id(table))
            return
        self._kept[id(table)] = table
        self._kept_bytes += sys.getsizeof(table.text)
        while self._kept_bytes > LIVE_TREE_TEXT_BYTES and len(self._kept) > 1:
            _, oldest = self._kept.popitem(last=False)
            self._kept_bytes -= sys.getsizeof(oldest.text)
            oldest.release_tree()

    def release(self, table: ModuleSymbols) -> None:
        """Done with the table's tree: freed unless it is kept alive."""
        if id(table) not in self._kept:
            table.release_tree()

    def fits(self, texts: Iterable[str]) -> bool:
        """Whether the trees of these texts together fit in what is kept alive."""
        return sum(sys.getsizeof(text) for text in texts) <= LIVE_TREE_TEXT_BYTES

    def release_kept(self) -> None:
        """Free every tree kept alive."""
        for table in self._kept.values():
            table.release_tree()
        self._kept.clear()
        self._kept_bytes = 0

    def cache_clear(self) -> None:
        self._tables.clear()
        self._bytes = 0
        self._kept.clear()
        self._kept_bytes = 0


parse_cached = _ParseCache()


def parse_python(source: str) -> ast.Module:
    """`ast.parse`; a module indented with tabs and spaces mixed, as Python 2 read it (a tab
    to the next multiple of eight columns), is read again so; and where the parser is older
    than Python 3.12, a module that it fails to read is read again with the type parameters and
    `type` aliases of PEP 695 (`def load[ConfigT](...)`, `type Shape = tuple[int, ...]`) taken
    out, every other token staying on its line and column, so a project written for a newer
    Python is still analysed. A module written before Python 3.7, which may name a variable or
    a parameter `async` or `await`, is read with that grammar."""
    try:
        return ast.parse(source)
    except TabError:
        return ast.parse(source.expandtabs(8))
    except SyntaxError:
        if re.search(r"\b(?:async|await)\b", source):
            with contextlib.suppress(SyntaxError):
                return ast.parse(source, feature_version=(3, 6))
        if sys.version_info >= (3, 12):
            raise
        rewritten = _without_type_parameters(source)
        if rewritten == source:
            raise
        return ast.parse(rewritten)


def _without_type_parameters(source: str) -> str:
    """The source with each `[...]` that follows the name of a `def`, a `class` or a `type`
    alias blanked, and the soft keyword `type` of an alias dropped (the alias's name takes its
    place, so the statement keeps its indentation). Unchanged where it does not tokenize."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    text = list(source)

    def blank(start: tuple[int, int], end: tuple[int, int], keep: str = "") -> None:
        first, last = offsets[start[0] - 1] + start[1], offsets[end[0] - 1] + end[1]
        for index in range(first, last):
            if text[index] not in "\r\n":
                text[index] = " "
        text[first:first + len(keep)] = keep

    starts_statement = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL}
    for index, token in enumerate(tokens[:-2]):
        name, following = tokens[index + 1], tokens[index + 2]
        if token.type != tokenize.NAME or name.type != tokenize.NAME:
            continue
        alias = token.string == "type" and (index == 0 or tokens[index - 1].type in starts_statement) \
            and following.string in ("[", "=")
        if not alias and (token.string not in ("def", "class") or following.string != "["):
            continue
        if following.string == "[":
            depth = 0
            for closing in tokens[index + 2:]:
                depth += {"[": 1, "]": -1}.get(closing.string, 0) if closing.type == tokenize.OP else 0
                if depth == 0:
                    blank(following.start, closing.end)
                    break
        if alias:
            blank(token.start, name.end, keep=name.string)
    return "".join(text)


def parse_module(text: str) -> ModuleSymbols:
    """Symbols of a module; on a syntax error, or an expression nested deeper than the parser
    goes, an empty table that says why."""
    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" at line {line}" if line else ""
        return _recovered_definitions(text, f"{type(exc).__name__}{where}: {getattr(exc, 'msg', exc)}")
    lines = text.splitlines()
    reader = _Reader(lines)
    reader.note_docstring(tree.body)
    reader.visit_block(tree.body, prefix="", in_class=False, guards=())
    reader.result.text = text
    reader.result.import_flags = _import_flags(reader.result, tree.body)
    reader.result.handing_on_lines |= _handed_on_where_flagged(reader.result, tree.body, lines)
    reader.result.refusal_lines = _refusals(tree, text, reader.result.import_flags) \
        | _returns_where_absent(tree)
    reader.result.stand_in_lines = _stand_ins_for_absence(tree.body, reader.result.import_flags)
    reader.result.wiring_lines = _wiring_lines(tree.body, lines, text, reader.result)
    reader.result.defined = frozenset(_module_names(tree.body))
    reader.result.top_spans = array("I", [line for node in tree.body
                                          for line in (first_line(node), _end(node))])
    reader.result._lines = lines
    reader.result._tree = tree
    return reader.result


def _recovered_definitions(text: str, error: str) -> ModuleSymbols:
    """The table of a module this Python's grammar refuses (Python 2 code: `print "done"`),
    saying why (`error`): its functions, classes and methods, and the lines each one holds, as a
    parser that recovers from errors finds them; what a change of such a module touched can
    still be named."""
    import parso  # only for the few modules that do not parse; its grammar is costly to load

    reader = _Reader(text.splitlines())
    reader.result.text, reader.result.error = text, error
    pending: list[tuple[str, bool, parso.tree.BaseNode]] = [("", False, parso.parse(text))]
    while pending:
        prefix, in_class, node = pending.pop()
        for child in node.children:
            definition = child.children[-1] if child.type == "decorated" else child
            if definition.type == "async_funcdef":
                definition = definition.children[-1]
            if definition.type not in ("funcdef", "classdef"):
                if isinstance(child, parso.tree.BaseNode) and child.type != "error_node":
                    pending.append((prefix, in_class, child))
                continue
            name = definition.name.value
            end_line, end_column = definition.end_pos
            kind: SymbolKind = "class" if definition.type == "classdef" \
                else "method" if in_class else "function"
            reader._record(prefix + name, kind, child.start_pos[0], end_line - (end_column == 0), "", ())
            if kind == "class":
                pending.append((f"{prefix}{name}.", True, definition))
    return reader.result


def functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions and methods by qualified name (`Class.method`); of two with one name, the first."""
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for qualname, node in _functions_in(tree.body, ""):
        found.setdefault(qualname, node)
    return found


def _functions_in(body: list[ast.stmt],
                  prefix: str) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    # A generator, not a recursive closure: a closure that calls itself is a reference cycle,
    # which would keep the whole syntax tree alive until the cyclic collector runs.
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + _def_name(node), node
        elif isinstance(node, ast.ClassDef):
            yield from _functions_in(node.body, f"{prefix}{node.name}.")
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for block in (node.body, getattr(node, "orelse", []),
                          *(h.body for h in getattr(node, "handlers", []))):
                yield from _functions_in(block, prefix)


def _import_flags(table: ModuleSymbols, body: list[ast.stmt]) -> frozenset[str]:
    """Names an import block sets to say whether its import worked: constants it sets (`try:
    from sgl_kernel import embed; HAS_EMBED = PLATFORM == "cuda"`), and names the handler of
    a failed import sets to a constant (`except ImportError: _triton_available = False`)."""
    blocks = table.import_lines | table.handing_on_lines
    return frozenset({symbol.name for symbol in table.symbols.values()
                      if symbol.kind == "constant" and symbol.start in blocks}
                     | _failure_flags(body) | _flags_imported_by_call(body))


def _handed_on_where_flagged(table: ModuleSymbols, body: list[ast.stmt], lines: list[str]) -> set[int]:
    """The lines of each `if` that only tests a flag an import block sets and only binds what
    the import brought (`if has_osl: self.wsi_reader = openslide.OpenSlide`, beside `openslide,
    has_osl = optional_import("openslide")`): the module hands on what it could import."""
    if not table.import_flags:
        return set()
    testing = re.compile(rf"^\s*if (not )?{one_of(table.import_flags)}:\s*(#.*)?$")
    tests = {n for n, line in enumerate(lines, 1) if testing.match(line)}
    if not tests:
        return set()
    imported = [line for n, line in enumerate(lines, 1) if n in table.import_lines]
    return {line for node in every_statement(body)
            if isinstance(node, ast.If) and node.lineno in tests and not node.orelse
            and all(_binds_what_is_imported(stmt, imported) for stmt in node.body)
            for line in node_lines(node)}


def _binds_what_is_imported(stmt: ast.stmt, imported: list[str]) -> bool:
    """`self.wsi_reader = openslide.OpenSlide`, where an import line names `openslide`."""
    if not isinstance(stmt, ast.Assign) or not isinstance(stmt.value, ast.Attribute):
        return False
    root = dotted_path(stmt.value).split(".", 1)[0]
    naming = re.compile(rf"\b{re.escape(root)}\b")
    return bool(root) and any(naming.search(line) for line in imported)


def _first_bound(stmt: ast.stmt) -> set[str]:
    """The name an assignment binds first: `ndimage` of `ndimage, _ = ...`."""
    if not isinstance(stmt, ast.Assign | ast.AnnAssign):
        return set()
    first = assignment_targets(stmt)[0]
    if isinstance(first, ast.Tuple) and first.elts:
        first = first.elts[0]
    return {first.id} if isinstance(first, ast.Name) else set()


def _flags_imported_by_call(body: list[ast.stmt]) -> set[str]:
    """The names beside the module a call imports that say whether it could (`has_osl` of
    `openslide, has_osl = optional_import("openslide")`), at module level."""
    return {element.id for node in _module_level(body)
            if isinstance(node, ast.Assign) and imports_by_call(node)
            for target in node.targets if isinstance(target, ast.Tuple)
            for element in target.elts[1:] if isinstance(element, ast.Name) and element.id != "_"}


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run when the module loads: those of its blocks, not of the
    functions and classes it defines."""
    for node in body:
        yield node
        if isinstance(node, _COMPOUND):
            yield from _module_level(nested_statements(node))


def _failure_flags(body: list[ast.stmt]) -> set[str]:
    """Names the handler of a failed import sets to a constant, also together (`RMSNorm,
    dropout_add_rms_norm = None, None`), where it catches other errors too (`except
    (ImportError, IOError): HAS_FLASH_V3 = False`) and the import sits in a block of the `try`
    (`with add_ld_library_path(lib): from flash_attn_interface import ...`)."""
    return {name.id for node in _tries(body)
            if any(isinstance(stmt, ast.Import | ast.ImportFrom) for stmt in _module_level(node.body))
            for handler in node.handlers if _catches_an_import_error(handler)
            for stmt in handler.body if isinstance(stmt, ast.Assign) and _constants(stmt.value)
            for target in stmt.targets
            for name in (target.elts if isinstance(target, ast.Tuple) else [target])
            if isinstance(name, ast.Name)}


def _constants(value: ast.expr) -> bool:
    """A constant, or a tuple of them."""
    return isinstance(value, ast.Constant) or (
        isinstance(value, ast.Tuple) and all(isinstance(item, ast.Constant) for item in value.elts))


def _tries(body: list[ast.stmt]) -> Iterator[ast.Try | ast.TryStar]:
    """Every `try` of the statements, however deep in their blocks."""
    return (node for node in _module_level(body) if isinstance(node, ast.Try | ast.TryStar))


def _refusals(tree: ast.Module, text: str, flags: frozenset[str]) -> set[int]:
    """The lines of each `if` that only raises, maybe after a message, when an optional package
    is missing, wherever it sits: a probe says it is (`if not is_sentencepiece_available():
    raise ModuleNotFoundError(...)`), a flag its import block sets says so (`if not
    _triton_available: raise RuntimeError(...)`, `flags`), or a name holds the error its import
    raised (`except ImportError as e: flash_attn_exception = e` at module level, then `if
    flash_attn_exception is not None: raise flash_attn_exception`); of each `assert` on such a
    flag (`assert mamba3_step_fn is not None, "..."`, where the import's handler set the name to
    None), with the `else:` that holds nothing else; and of each test's skip where one is
    missing (`pytest.importorskip`, or an import tried and a skip on failure); and of each call of
    a function named for demanding a package, which raises where it is missing
    (`assert_tf_text_installed(self.__class__.__name__)`, `requires_backends(self, ["torch"])`)."""
    holders = _import_error_holders(tree.body) | flags
    testing = _lines_testing(text, holders) if holders else set()
    skips = "skip" in text and ("ImportError" in text or "ModuleNotFoundError" in text
                                or "importorskip" in text)
    demands = _may_demand_a_package(text)
    decorated = _has_demanding_decorator(text)
    if not testing and not skips and not demands and not decorated and "_available(" not in text:
        return set()

    def tests_holder(node: ast.If | ast.Assert) -> bool:
        return node.lineno in testing and bool(holders & referenced_names(node.test))

    lines: set[int] = set()
    for node in every_statement(tree.body):
        if isinstance(node, ast.If) and isinstance(node.body[-1], ast.Raise) \
                and all(isinstance(stmt, ast.Expr) for stmt in node.body[:-1]) \
                and (_probes_absence(node.test) or tests_holder(node)):
            lines.update(range(node.lineno, _end(node.body[-1]) + 1))
        elif (isinstance(node, ast.Assert) and tests_holder(node)) \
                or (isinstance(node, ast.Try) and _skips_when_missing(node)) or _imports_or_skips(node) \
                or (demands and _demands_a_package(node)):
            lines.update(range(node.lineno, _end(node) + 1))
        if isinstance(node, ast.If) and node.orelse and not isinstance(node.orelse[0], ast.If) \
                and all(isinstance(stmt, ast.Assert) and tests_holder(stmt) for stmt in node.orelse):
            lines.update(range(_end(node.body[-1]) + 1, node.orelse[0].lineno))
        if decorated and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            lines.update(line for decorator in node.decorator_list if _demands_packages(decorator)
                         for line in node_lines(decorator))
    return lines


def _demands_packages(decorator: ast.expr) -> bool:
    """`@dependencies("sparse")`, `@requires_packages("torch")`: a decorator given the packages
    what it decorates needs, which raises where one is missing."""
    return isinstance(decorator, ast.Call) and bool(decorator.args) \
        and _DEMANDING_DECORATOR.fullmatch(short_name(dotted_path(decorator.func))) is not None \
        and all(isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                for argument in decorator.args)


_DEMANDING_DECORATOR = re.compile(r"(dependencies|requires?(_packages?|_dependenc(y|ies))?)")
_DEMANDING_DECORATOR_CALL = re.compile(rf"@[\w.]*\b{_DEMANDING_DECORATOR.pattern}\(")


def _has_demanding_decorator(text: str) -> bool:
    """A line of the text starts, after whitespace, with a decorator named for the packages
    what it decorates needs (`@requires_packages(`)."""
    return any(_only_space_before(text, found.start()) for found in _DEMANDING_DECORATOR_CALL.finditer(text))


def _only_space_before(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    return line_start == index or text[line_start:index].isspace()


# A function named for demanding a package, which raises where it is missing, and a call of one:
# `assert_tf_text_installed`, `requires_backends`, `check_soundfile_installed`,
# `error_on_missing_dependencies`; or a private one named for importing a package (`_import_awkward`).
DEMANDS_A_PACKAGE = re.compile(r"_*(assert|require|requires|check|ensure|verify|error_on_missing)_(\w+_)?"
                                r"(installed|available|backends?|packages?|dependenc(y|ies))|_import_[a-z0-9]+")
_DEMANDING_NAME = re.compile(r"(?:assert|require|requires|check|ensure|verify|error_on_missing)_(?:\w+_)?"
                             r"(?:installed|available|backends?|packages?|dependenc(?:y|ies))")
_IMPORTER_CALL = re.compile(r"_import_[a-z0-9]+\(")
_WORD_CHARACTER = re.compile(r"\w")


def _may_demand_a_package(text: str) -> bool:
    """The text holds, at the start of a word but for underscores, the name of a function that
    demands a package (`requires_backends`), or calls one named for importing a package
    (`_import_awkward(`). Each name is found first, and where its word starts looked at after:
    a pattern that starts at a word's start is tried at every character."""
    if "_import_" in text and _IMPORTER_CALL.search(text):
        return True
    for found in _DEMANDING_NAME.finditer(text):
        start = found.start()
        while start > 0 and text[start - 1] == "_":
            start -= 1
        if start == 0 or not _WORD_CHARACTER.match(text[start - 1]):
            return True
    return False


def _demands_a_package(node: ast.stmt) -> bool:
    """The statement is only a call of a function named for demanding a package."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
        and DEMANDS_A_PACKAGE.fullmatch(short_name(dotted_path(node.value.func))) is not None


def _returns_where_absent(tree: ast.Module) -> set[int]:
    """The lines of each `if` that only returns where a module the module imports by a call
    is None (`if pa is None: return False`, beside `pa = import_optional_dependency("pyarrow")`):
    what a function does without the package."""
    optional = {target.id for node in tree.body if isinstance(node, ast.Assign) and imports_by_call(node)
                for target in node.targets if isinstance(target, ast.Name)}
    if not optional:
        return set()
    return {line for node in every_statement(tree.body)
            if isinstance(node, ast.If) and not node.orelse and len(node.body) == 1
            and isinstance(node.body[0], ast.Return) and isinstance(test := node.test, ast.Compare)
            and isinstance(test.left, ast.Name) and test.left.id in optional
            and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None
            for line in node_lines(node)}


def one_of(names: Iterable[str]) -> str:
    """A regular expression group that matches any of the names as written: `(?:a|b\\.c)`."""
    return "(?:" + "|".join(map(re.escape, sorted(names))) + ")"


def shared_start(first: str, second: str) -> int:
    """How many characters the two texts share from their start."""
    return next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
                min(len(first), len(second)))


def _lines_testing(text: str, names: set[str]) -> set[int]:
    """The numbers of the lines that start an `if`, `elif` or `assert` naming one of the names:
    where a refusal on them can be, found in the text before any tree is walked."""
    pattern = re.compile(rf"\b(?:if|elif|assert)\b.*\b{one_of(names)}\b")
    found: set[int] = set()
    line, last = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.add(line)
    return found


def _skips_when_missing(node: ast.Try) -> bool:
    """`try: import wandb` (and `del wandb`) `except ImportError: pytest.skip(...)`: a test that
    does not run where an optional package is missing."""
    return all(isinstance(stmt, ast.Import | ast.ImportFrom | ast.Delete) for stmt in node.body) \
        and bool(node.handlers) and all(
            _catches_import_errors(handler)
            and all(isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                    and short_name(dotted_path(stmt.value.func)) in _SKIPS for stmt in handler.body)
            for handler in node.handlers)


def _catches_import_errors(handler: ast.ExceptHandler) -> bool:
    """`except ImportError:`, `except (ImportError, ModuleNotFoundError) as e:`."""
    return handler.type is not None and IMPORT_ERROR_NAMES.issuperset(_caught_names(handler))


def _catches_an_import_error(handler: ast.ExceptHandler) -> bool:
    """`except ImportError:`, `except (ImportError, AttributeError):`: an import's failure among others."""
    return not IMPORT_ERROR_NAMES.isdisjoint(_caught_names(handler))


def _caught_names(handler: ast.ExceptHandler) -> list[str]:
    """The short names of the errors a handler catches; none for a bare `except:`."""
    return [short_name(dotted_path(caught)) for caught in caught_types(handler)]


def caught_types(handler: ast.ExceptHandler) -> list[ast.expr]:
    """The expressions naming the errors a handler catches; none for a bare `except:`."""
    if handler.type is None:
        return []
    return handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]


def _imports_or_skips(node: ast.stmt) -> bool:
    """`pytest.importorskip("wandb")`, alone or bound to a name."""
    value = node.value if isinstance(node, ast.Expr | ast.Assign) else None
    return isinstance(value, ast.Call) and short_name(dotted_path(value.func)) == "importorskip"


def every_statement(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones included; expressions are never entered."""
    for node in body:
        yield node
        yield from every_statement(nested_statements(node))


# Where the interpreter looks for modules, changed: `sys.path.append("/home/user/addons")`.
_IMPORT_PATH_CHANGED = re.compile(r"^\s*sys\.path\.(append|insert|extend|remove)\(.*\)\s*(#.*)?$")


def _wiring_lines(body: list[ast.stmt], lines: list[str], text: str, table: ModuleSymbols) -> frozenset[int]:
    """Lines that decide what is loaded beside the imports: module-level probes for a package
    and the `if`s refining them, modules made importable under another name, and, anywhere,
    changes to where the interpreter looks for modules, and the module-level `del`s of names
    its imports bind (`del SK_VERSION, parse` once they chose what to import)."""
    found: set[int] = set()
    if "\ndel " in text:
        found |= _imported_names_deleted(body, table.imported_names)
    if "sys.path." in text:
        found |= {number for number, line in enumerate(lines, 1) if _IMPORT_PATH_CHANGED.match(line)}
    if "sys.modules[" in text:
        found |= _module_alias_lines(body)
    if "_available" in text:
        found |= _package_probe_lines(body, lines)
    return frozenset(found)


def _imported_names_deleted(body: list[ast.stmt], imported: set[str]) -> set[int]:
    return {line for node in body if isinstance(node, ast.Delete)
            and all(isinstance(target, ast.Name) and target.id in imported for target in node.targets)
            for line in node_lines(node)}


def _package_probe_lines(body: list[ast.stmt], text: list[str]) -> set[int]:
    """The lines of the module-level probes for a package (`_pillow_available =
    importlib.util.find_spec("PIL") is not None`) and of the `if`s that refine them, setting
    only probed names (`if _pillow_available: try: importlib_metadata.version("pillow") except
    PackageNotFoundError: _pillow_available = False`)."""
    probing = [node for node in body
               if isinstance(node, ast.Assign) and PROBES_A_PACKAGE.match(text[node.lineno - 1])]
    probes = {target.id for node in probing for target in node.targets if isinstance(target, ast.Name)}
    refining = [node for node in body if probes and isinstance(node, ast.If)
                and referenced_names(node.test) <= probes and all(
                    isinstance(target, ast.Name) and target.id in probes
                    for inner in ast.walk(node) if isinstance(inner, ast.Assign) for target in inner.targets)]
    return {line for node in probing + refining for line in node_lines(node)}


def _module_alias_lines(body: list[ast.stmt]) -> set[int]:
    """The lines of the module-level statements that make a module importable under another
    name: `sys.modules["deepspeed.pt.loss_scaler"] = deepspeed.runtime.fp16.loss_scaler`, and
    the `setattr(deepspeed.pt, "loss_scaler", ...)` that makes it an attribute of its parent."""
    aliases: set[str] = set()
    lines: set[int] = set()
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(target := node.targets[0], ast.Subscript) \
                and dotted_path(target.value) == "sys.modules" \
                and isinstance(key := target.slice, ast.Constant) and isinstance(key.value, str):
            aliases.add(key.value)
            lines |= set(node_lines(node))
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(call := node.value, ast.Call) \
                and dotted_path(call.func) == "setattr" and len(call.args) == 3 \
                and isinstance(name := call.args[1], ast.Constant) \
                and f"{dotted_path(call.args[0])}.{name.value}" in aliases:
            lines |= set(node_lines(node))
    return lines


def _stand_ins_for_absence(body: list[ast.stmt], flags: frozenset[str]) -> set[int]:
    """The lines of the statements in the `else` of a module-level `if` that tests whether an
    optional package is there (`if CHECK_PYDANTIC.is_available:`, `if is_torch_available():`,
    or a flag its import block sets) that bind names its body binds: what the module offers
    where the package is missing (`DataURIorURL = None`, `class BaseModel: ...`)."""
    lines: set[int] = set()
    for node in body:
        if isinstance(node, ast.If) and node.orelse and _tests_availability(node.test, flags):
            bound = set(_module_names(node.body))
            for statement in node.orelse:
                if (names := _defined_names(statement)) and names <= bound:
                    lines.update(range(first_line(statement), _end(statement) + 1))
    return lines


def _tests_availability(test: ast.expr, flags: frozenset[str]) -> bool:
    """A check that a package is there: `CHECK_PYDANTIC.is_available` (not a device's,
    `torch.cuda.is_available()`), a probe (`is_torch_available()`), or a flag an import block
    sets."""
    return any((isinstance(node, ast.Attribute) and node.attr == "is_available"
                and not dotted_path(node).startswith("torch."))
               or (isinstance(node, ast.Call)
                   and (AVAILABILITY_PROBE.match(dotted_path(node.func).rsplit(".", 1)[-1]) is not None
                        or _finds_a_package(node)))
               or (isinstance(node, ast.Name) and node.id in flags)
               or _imported_already(node)
               for node in ast.walk(test))


def _imported_already(node: ast.AST) -> bool:
    """`"zarr" in sys.modules`: whether a package has been imported."""
    return isinstance(node, ast.Compare) and len(node.ops) == 1 \
        and isinstance(node.ops[0], ast.In | ast.NotIn) \
        and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) \
        and dotted_path(node.comparators[0]) == "sys.modules"


def _finds_a_package(call: ast.Call) -> bool:
    """A call that looks a package up by its name without importing it: `find_spec("zarr")`,
    `module_available("torchvision")`."""
    return _FINDS_A_PACKAGE.match(short_name(dotted_path(call.func))) is not None and bool(call.args) \
        and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)


_FINDS_A_PACKAGE = re.compile(rf"^({_PACKAGE_FINDERS}|find_loader)$")


def _probes_absence(test: ast.expr) -> bool:
    return isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) \
        and isinstance(test.operand, ast.Call) \
        and bool(AVAILABILITY_PROBE.match(dotted_path(test.operand.func).rsplit(".", 1)[-1]))


def referenced_names(node: ast.AST) -> set[str]:
    """The plain names a node reads or binds anywhere inside it."""
    return {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}


def _import_error_holders(body: list[ast.stmt]) -> set[str]:
    """Names a module binds, through if/try blocks, to the error a failed import raised."""
    return {target.id for node in _tries(body) for handler in node.handlers
            if handler.name and handler.type is not None
            and referenced_names(handler.type) & IMPORT_ERROR_NAMES
            for stmt in handler.body if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Name) and stmt.value.id == handler.name
            for target in stmt.targets if isinstance(target, ast.Name)}


def _module_names(body: list[ast.stmt]) -> Iterable[str]:
    """Names a module binds at its top level, through if/try/with blocks."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield "*" if node.name == "__getattr__" else node.name
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                yield "*" if alias.name == "*" else (alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.For):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, ast.If | ast.Try | ast.TryStar | ast.With):
            yield from _module_names(nested_statements(node))


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._import_mentions = [n for n, line in enumerate(lines, 1)
                                 if "import" in line or "dynamic_module" in line]
        self._string_openings = [n for n, line in enumerate(lines, 1)
                                 if ('"' in line or "'" in line) and _STRING_OPENING.match(line)]
        self.result = ModuleSymbols(owners=[None] * (len(lines) + 2))
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def visit_block(self, body: list[ast.stmt], prefix: str, in_class: bool,
                    guards: tuple[Guard, ...]) -> None:
        for node, following in zip_longest(body, body[1:]):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self._add_def(node, prefix, "method" if in_class else "function")
                self._collect_lazy_imports(node, prefix + _def_name(node))
                self._note_standalone_strings(node)
            elif isinstance(node, ast.ClassDef):
                self._add_def(node, prefix, "class")
                self.visit_block(node.body, f"{prefix}{node.name}.", True, guards)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                self._add_import(node, guards)
            elif imports_by_call(node):
                self.result.import_lines.update(node_lines(node))
                if not prefix:
                    self.result.imported_by_call.update(_first_bound(node))
            elif isinstance(node, ast.Assign | ast.AnnAssign) and (in_class or not prefix):
                lambdas = self._lambdas(node)
                compiled = _compiles_text(node)
                binds_setting = _MAIN_GUARD not in guards or _sets_constant(node)
                if binds_setting and not compiled:
                    for lines in _setting_spans(node, lambdas):
                        self.result.assignment_lines.update(lines)
                if following is not None:  # the string after an attribute documents it (PEP 257)
                    self.note_docstring([following])
                if not prefix:
                    if binds_setting:
                        self._add_constant(node, holds_code=compiled or bool(lambdas))
                    self._note_exports(node)
                    self._note_documentation_passed(node)
                    self._note_documentation_bound(node)
            elif isinstance(node, ast.AugAssign) and (in_class or not prefix):
                if _MAIN_GUARD not in guards:
                    self.result.assignment_lines.update(range(node.lineno, _end(node) + 1))
                if not prefix:
                    self._note_exports(node)
            elif isinstance(node, _COMPOUND):
                self._visit_compound(node, prefix, in_class, guards)
            elif is_lone_string(node):
                self.result.docstring_lines.update(node_lines(node))
            elif isinstance(node, ast.Expr) and not prefix:
                self._note_documentation_passed(node)

    def _lambdas(self, node: ast.Assign | ast.AnnAssign) -> list[tuple[int, int]]:
        """The first and last lines of each function of arguments written in the assignment's
        value, in order, but those written inside another. One of none defers a value, whatever
        it computes it with (`"VLLM_PORT": lambda: os.getenv("VLLM_PORT")` in a table of settings
        read from the environment)."""
        if node.value is None or not any("lambda" in line for line in self.lines[node.lineno - 1:_end(node)]):
            return []
        return sorted((found.lineno, found.end_lineno or found.lineno) for found in _outer_lambdas(node.value)
                      if _takes_arguments(found.args))

    def _visit_compound(self, node: ast.stmt, prefix: str, in_class: bool,
                        guards: tuple[Guard, ...]) -> None:
        self._note_import_block(node)
        if isinstance(node, ast.If) and (in_class or not prefix) and _only_assigns(node):
            self.result.assignment_lines.update(range(node.lineno, _end(node) + 1))
        for block, guard in _guarded_blocks(node):
            self.visit_block(block, prefix, in_class, (*guards, guard) if guard else guards)

    def _note_import_block(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Try | ast.TryStar) and _falls_back(node):
            self.result.fallbacks[node.lineno] = {node.lineno, *(
                line for handler in node.handlers for line in node_lines(handler))}
        kind = _import_block(node)
        if kind == "imports":
            self.result.import_lines.update(range(node.lineno, _end(node) + 1))
        elif kind == "handing-on":
            self.result.handing_on_lines.update(range(node.lineno, _end(node) + 1))

    def note_docstring(self, body: list[ast.stmt]) -> None:
        if body and is_lone_string(body[0]):
            self.result.docstring_lines.update(node_lines(body[0]))

    def _note_documentation_passed(self, node: ast.Assign | ast.AnnAssign | ast.Expr) -> None:
        """A string of several lines written in reStructuredText that a module-level call is
        given (`nextafter = create_math_ufunc("nextafter", 2, "cupy_nextafter", <text holding
        ".. seealso:: :data:`numpy.nextafter`">)`, `add_docstr(torch.abs, <text>)`) is the
        docstring of what the call makes; the line it opens on counts where the string stands
        alone on it."""
        if not isinstance(node.value, ast.Call):
            return
        for argument in (*node.value.args, *(keyword.value for keyword in node.value.keywords)):
            if (text := _text_of_lines(argument)) is not None and _REST_MARKUP.search(text):
                self._note_text_as_docstring(argument)

    def _note_documentation_bound(self, node: ast.Assign | ast.AnnAssign) -> None:
        """A string of several lines that the module binds to a name, or a key of a table,
        named for documentation (`COMMON_INIT_DOC = '''...'''`, `docdict['bg_on_data'] =
        r'''...'''`, `_shared_docs["fillna"] = ...`) is text that docstrings are made of; the
        line it opens on counts where the string stands alone on it."""
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if node.value is not None and _text_of_lines(node.value) is not None \
                and any(_names_documentation(target) for target in targets):
            self._note_text_as_docstring(node.value)

    def _note_text_as_docstring(self, text: ast.expr) -> None:
        """The lines of a string of several lines count as a docstring's; the line it opens on
        only where the string stands alone on it."""
        opening = self.lines[text.lineno - 1][:text.col_offset]
        first = text.lineno if not opening.strip() else text.lineno + 1
        self.result.docstring_lines.update(range(first, (text.end_lineno or text.lineno) + 1))

    def _note_standalone_strings(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A string standing alone as a statement documents, or holds code put out of use
        (`'''def _slice_kv_at(...)'''`): it does nothing, wherever it stands."""
        if _any_within(self._string_openings, func.body[0].lineno, _end(func)):
            for statement in every_statement(func.body):
                if is_lone_string(statement):
                    self.result.docstring_lines.update(node_lines(statement))

    def _add_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
                 prefix: str, kind: SymbolKind) -> None:
        self.note_docstring(node.body)
        start = first_line(node)
        end = _end(node)
        qualname = prefix + _def_name(node)
        for decorator in node.decorator_list:
            if _TUNING_DECORATOR.search(_dotted(decorator)):
                self.result.tuning_lines.update(range(decorator.lineno, _end(decorator) + 1))
        if not isinstance(node, ast.ClassDef):
            self.result.tuning_lines.update(_tuning_parameter_lines(node))
        header_lines = self.lines[node.lineno - 1: node.lineno]
        if node.body:
            # The header ends where the body starts, on a line of its own or on the header's last
            # line (`) -> Tensor: ...`).
            body = node.body[0]
            before_body = self.lines[body.lineno - 1].encode()[:body.col_offset].decode(errors="ignore")
            header_lines = [*self.lines[node.lineno - 1: body.lineno - 1], before_body]
        # Comments between the header and the body are not part of the signature.
        header = " ".join(text for line in header_lines
                          if (text := line.strip()) and not text.startswith("#"))
        self._record(qualname, kind, start, end, header,
                     tuple(_dotted(d) for d in node.decorator_list),
                     "" if isinstance(node, ast.ClassDef) else _parameters(node))

    def _note_exports(self, node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> None:
        if any(isinstance(target, ast.Name) and target.id == "__all__"
               for target in assignment_targets(node)):
            self.result.export_lines.update(range(node.lineno, _end(node) + 1))

    def _add_constant(self, node: ast.Assign | ast.AnnAssign, holds_code: bool) -> None:
        """A module-level name bound as a constant is named so (`MAX_SIZE`), or holds what the code
        does whatever its case: a compiled pattern, a template, functions of arguments; a table
        written out in literals (`backbone_presets = {"t5_small": {...}}`); text of several lines
        (`DockerfileTemplate`, a Dockerfile the command line fills in); a type
        (`SamplingResultList = List[SamplingResult]`); or a version written out
        (`mmcv_minimum_version = '2.0.0rc4'`); or what a deprecation wrapper made of a function
        (`setattr_on_read = deprecate_with_version(...)(auto_attr)`), a name its users call; or
        the module's instance of its own class; or settings made from a table written out
        (`config = mlc.ConfigDict({"data": {...}})`), or a table of settings each read when asked
        (vLLM's `environment_variables = {"VLLM_PORT": lambda: os.getenv("VLLM_PORT")}`)."""
        text = _is_text_block(node.value)
        wrapped = node.value is not None and calls_for_deprecation(node.value)
        for target in assignment_targets(node):
            if isinstance(target, ast.Name) and (holds_code or _CONSTANT_NAME.match(target.id)
                                                 or _is_literal_table(node.value) or text
                                                 or is_type_alias(node) or _binds_a_version(target.id, node)
                                                 or wrapped or self._instance_of_own_class(node.value)
                                                 or _settings_from_a_table(node.value)
                                                 or _settings_read_when_asked(node.value)):
                self._record(target.id, "constant", node.lineno, _end(node), "", ())
                if text:
                    self.result.text_constants.add(target.id)

    def _instance_of_own_class(self, value: ast.expr | None) -> bool:
        """The module's instance of a class it defined above, made with no arguments
        (`device_detector = DeviceDetector()`): the one object its users import. Not a record it
        fills in (`default_config = SamplingResult('Config', [...])`), a value."""
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
            and not value.args and not value.keywords \
            and (defined := self.result.symbols.get(value.func.id)) is not None and defined.kind == "class"

    def _record(self, qualname: str, kind: SymbolKind, start: int, end: int,
                signature: str, decorators: tuple[str, ...], parameters: str = "") -> None:
        spans = self._spans.setdefault(qualname, [])
        spans.append((start, end))
        owners = self.result.owners
        for line in range(start, min(end, len(owners) - 1) + 1):
            owners[line] = qualname
        first = self.result.symbols.get(qualname)
        self.result.symbols[qualname] = Symbol(
            qualname=qualname,
            kind=kind,
            start=first.start if first else start,
            end=first.end if first else end,
            signature=first.signature if first else signature,
            # a property's setter, or an overload, decorated too
            decorators=tuple(dict.fromkeys((*first.decorators, *decorators))) if first else decorators,
            parameters=first.parameters if first else parameters,
        )

    def _add_import(self, node: ast.Import | ast.ImportFrom, guards: tuple[Guard, ...]) -> None:
        self.result.import_lines.update(range(node.lineno, _end(node) + 1))
        if isinstance(node, ast.Import):
            for alias in node.names:
                text = f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                self.result.imports.append(ImportStatement(
                    text, (alias.asname or alias.name.split(".")[0],), alias.name,
                    node.lineno, guards))
            return
        module = "." * node.level + (node.module or "")
        names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in node.names)
        self.result.imports.append(ImportStatement(
            f"from {module} import {names}", tuple(a.asname or a.name for a in node.names),
            module, node.lineno, guards, tuple(a.name for a in node.names)))

    def _collect_lazy_imports(self, func: ast.FunctionDef | ast.AsyncFunctionDef,
                              qualname: str) -> None:
        if self._mentions_import(func):
            self._statement_imports(func.body, (Guard("def", qualname),))

    def _mentions_import(self, node: ast.stmt) -> bool:
        return _any_within(self._import_mentions, node.lineno, _end(node))

    def _statement_imports(self, body: list[ast.stmt], guards: tuple[Guard, ...]) -> None:
        """Imports anywhere in nested statements, and the lines of the if/try blocks around
        them that hold nothing else; expressions are never entered."""
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                self._add_import(node, guards)
            elif imports_by_call(node):
                self.result.import_lines.update(node_lines(node))
            elif self._mentions_import(node):
                if isinstance(node, _COMPOUND):
                    self._note_import_block(node)
                if isinstance(node, ast.Try) and any(_catches_an_import_error(h) for h in node.handlers):
                    # Inside a function, only a `try` that catches an import's failure guards it:
                    # the other statements around it are what the function does.
                    tried = (*guards, Guard("try", _caught_by(node)))
                    self._statement_imports([*node.body, *node.orelse], tried)
                    fallbacks = [inner for handler in node.handlers for inner in handler.body]
                    self._statement_imports([*fallbacks, *node.finalbody], guards)
                elif isinstance(node, ast.With) and _suppressed_errors(node):
                    [(body, guard)] = _guarded_blocks(node)
                    self._statement_imports(body, (*guards, guard) if guard else guards)
                else:
                    self._statement_imports(nested_statements(node), guards)


def _any_within(numbers: list[int], start: int, end: int) -> bool:
    """Whether the sorted line numbers hold one from `start` to `end`."""
    index = bisect.bisect_left(numbers, start)
    return index < len(numbers) and numbers[index] <= end


def is_stdlib_module(module: str) -> bool:
    """`module` (dotted; a relative one never is) belongs to the standard library."""
    top = module.split(".", 1)[0]
    return top in sys.stdlib_module_names or top == "__future__"


def fingerprint(table: ModuleSymbols, symbol: Symbol, name_blind: bool = False) -> str:
    """A digest of the symbol's own lines, indentation folded, nested symbols' lines left out;
    `name_blind`: of all its lines, nested ones too, but for a class its comments (which may
    name it in words: `// Generative sequencer will ...`), with the symbol's own name made a
    placeholder wherever it appears, so that a symbol renamed and otherwise unchanged keeps its
    digest (a class's own lines alone may be no more than `class X(Base):`)."""
    owners = table.owners
    span = range(symbol.start, min(symbol.end, len(table.lines)) + 1)
    if name_blind:
        numbers = [n for n in span if symbol.kind != "class" or not _is_comment(table, n)]
    else:
        numbers = [n for n in span if symbol.kind in ("function", "method", "constant")
                   or owners[n] == symbol.qualname]
    own = [table.lines[n - 1].strip() for n in numbers]
    if name_blind:
        name = re.compile(r"\b" + re.escape(symbol.qualname.rsplit(".", 1)[-1]) + r"\b")
        own = [name.sub("_", line) for line in own]
    return hashlib.blake2b("\n".join(own).encode(), digest_size=12).hexdigest()


def _is_comment(table: ModuleSymbols, line: int) -> bool:
    """The line holds only a comment: one of a native source's comment lines, or in Python one
    that starts with `#`."""
    if table.comment_lines is not None:
        return line in table.comment_lines
    return table.lines[line - 1].lstrip().startswith("#")


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """Names, kinds and which ones have defaults: `a,b=,*,c=,**kw`. A registered function's
    parameters are its operator's schema, which holds the default values too: `a,b=None`."""
    args = node.args
    schema = _def_name(node).startswith("_[")
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    parts = [arg.arg + _default(default, schema) for arg, default in zip(positional, defaults, strict=True)]
    if args.posonlyargs:
        parts.insert(len(args.posonlyargs), "/")
    if args.vararg:
        parts.append("*" + args.vararg.arg)
    elif args.kwonlyargs:
        parts.append("*")
    parts += [arg.arg + _default(default, schema)
              for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    if args.kwarg:
        parts.append("**" + args.kwarg.arg)
    return ",".join(parts)


def parameter_defaults(args: ast.arguments) -> dict[str, str]:
    """Each parameter that has a default, with the default as written."""
    return {name: ast.unparse(default) for name, default in default_nodes(args).items()}


def default_nodes(args: ast.arguments) -> dict[str, ast.expr]:
    """Each parameter that has a default, with the default's tree."""
    positional = [*args.posonlyargs, *args.args]
    pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True),
             *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    return {arg.arg: default for arg, default in pairs if default is not None}


def parse_header(signature: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """A symbol's `def` header as a function with an empty body; None when it does not parse
    alone (a comment inside it, folded onto one line, swallows the rest), or is no `def` (a
    class's, or a C++ function's, which only a `def` could have parsed into one)."""
    if not _DEF_HEADER.match(signature):
        return None
    try:
        function = parse_python(signature + "\n pass").body[0]
    except (SyntaxError, ValueError, IndexError):
        return None
    return function if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) else None


_DEF_HEADER = re.compile(r"^(async\s+)?def\s")


def signature_defaults(signature: str) -> dict[str, str]:
    """The defaults a `def` header gives its parameters; none when it does not parse alone."""
    function = parse_header(signature)
    return parameter_defaults(function.args) if function is not None else {}


def _default(value: ast.expr | None, spelled: bool) -> str:
    return "" if value is None else "=" + ast.unparse(value) if spelled else "="


def nested_statements(node: ast.stmt) -> list[ast.stmt]:
    """The statements directly inside a compound statement, `except` and `case` bodies included."""
    nested: list[ast.stmt] = []
    for field_name in ("body", "orelse", "finalbody", "handlers", "cases"):
        for child in getattr(node, field_name, None) or []:
            nested.extend([child] if isinstance(child, ast.stmt) else child.body)
    return nested


def is_lone_string(statement: ast.stmt) -> bool:
    """A string standing alone as a statement: a docstring, or text a block holds."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def without_docstrings(body: list[ast.stmt]) -> list[ast.stmt]:
    """A block's statements less the constants standing alone in it: its docstring, `...`."""
    return [statement for statement in body
            if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]


def _only_assigns(node: ast.If) -> bool:
    """An `if` whose every branch only binds names, or entries of the module's tables under
    constant keys (`COMPRESSION_OPTIONS["INT8_SYM"] = {...}`), to values it makes, however deeply its `if`s
    nest. Not one that binds a function or module under another name (`fp8_quant =
    vllm_ops.scaled_fp8_quant`): that hands on what was imported."""
    return all((isinstance(child, ast.Assign | ast.AnnAssign | ast.AugAssign)
                and all(isinstance(target, ast.Name) or (isinstance(target, ast.Subscript)
                                                         and isinstance(target.value, ast.Name)
                                                         and isinstance(target.slice, ast.Constant))
                        for target in assignment_targets(child))
                and not _aliases(child.value)) or isinstance(child, ast.Pass)
               or (isinstance(child, ast.If) and _only_assigns(child))
               for child in nested_statements(node))


def assignment_targets(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def _aliases(value: ast.expr | None) -> bool:
    """A bare reference to something not named as a constant: `ops.scaled_fp8_quant`, `impl`."""
    if isinstance(value, ast.Attribute):
        return not _CONSTANT_NAME.match(value.attr)
    return isinstance(value, ast.Name) and not _CONSTANT_NAME.match(value.id)


def _def_name(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    """A definition's name; a function named `_`, which only its decorator reaches, is named
    after what the decorator registers it as: `@register_kernel("bnb::gemv", "cpu") def _`
    is `_[bnb::gemv]`, and `@_decorators.get_masked_value(full) def _` is
    `_[get_masked_value(full)]`, as the decorator and what it registers for tell it apart
    from the other functions registered for `full`."""
    if node.name != "_":
        return node.name
    for decorator in node.decorator_list:
        if not isinstance(decorator, ast.Call) or not decorator.args:
            continue
        first = decorator.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return f"_[{first.value}]"
        if (registered := dotted_path(first)) and (registrar := call_name(decorator)):
            return f"_[{registrar}({registered})]"
    return node.name


def _is_string_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant)
                                               and isinstance(node.value, str | bytes))


def _nodes_holding(nodes: Iterable[ast.AST], lines: set[int]) -> Iterator[ast.AST]:
    """The nodes among these and their descendants whose lines hold one of the lines; those that
    hold none are not entered."""
    for node in nodes:
        start = getattr(node, "lineno", None)
        if start is None:
            yield from _nodes_holding(ast.iter_child_nodes(node), lines)
        elif any(start <= n <= _end(node) for n in lines):
            yield node
            yield from _nodes_holding(ast.iter_child_nodes(node), lines)


def first_line(node: ast.stmt | ast.excepthandler) -> int:
    """The statement's first line, its decorators included."""
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _end(node: ast.AST) -> int:
    return getattr(node, "end_lineno", None) or getattr(node, "lineno", 0)


def node_lines(node: ast.stmt | ast.expr | ast.excepthandler) -> range:
    """The lines a statement, an expression or an `except` clause spans."""
    return range(node.lineno, _end(node) + 1)


def _blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    return [block for block, _ in _guarded_blocks(node)]


def _guarded_blocks(node: ast.stmt) -> list[tuple[list[ast.stmt], Guard | None]]:
    """The blocks of a compound statement, each with the guard its statements run under.

    A `try`'s `else` runs only when the `try` succeeded, so it shares its guard; `finally`
    always runs, so it adds none.
    """
    if isinstance(node, ast.If):
        test = ast.unparse(node.test)
        return [(node.body, Guard("if", test)), (node.orelse, Guard("else", test))]
    if isinstance(node, ast.Try | ast.TryStar):
        caught = _caught_by(node)
        return [(node.body, Guard("try", caught)),
                *((handler.body, Guard("except", _caught(handler))) for handler in node.handlers),
                (node.orelse, Guard("try", caught)), (node.finalbody, None)]
    if isinstance(node, ast.With):
        # `with contextlib.suppress(ImportError):` guards what it holds as a `try` does
        suppressed = _suppressed_errors(node)
        return [(node.body, Guard("try", suppressed) if suppressed
                 else Guard("with", ", ".join(ast.unparse(i) for i in node.items)))]
    return []


def _suppressed_errors(node: ast.With) -> str:
    """What a `with contextlib.suppress(...)` lets pass, as a `try`'s guard tells it: `TypeError`;
    empty for another `with`."""
    calls = [item.context_expr for item in node.items]
    if len(calls) != 1 or not isinstance(call := calls[0], ast.Call) \
            or short_name(dotted_path(call.func)) != "suppress" or not call.args:
        return ""
    return ", ".join(ast.unparse(argument) for argument in call.args)


def _caught_by(node: ast.Try | ast.TryStar) -> str:
    """What a `try`'s handlers catch, as its guard tells it: `ImportError, OSError`."""
    return ", ".join(_caught(handler) for handler in node.handlers)


def _caught(handler: ast.ExceptHandler) -> str:
    return ast.unparse(handler.type) if handler.type else "BaseException"


def _import_block(node: ast.stmt, outer: frozenset[str] = frozenset()) -> ImportBlock | None:
    """`imports` for an if/try whose every statement is an import or a fallback, in an `if`
    that imports a message saying what is missing (`else: warn_missing_pkg("gym")`), in a
    handler of a failed import a call that records the error (`record_import_error("torch",
    "torch could not be imported!", e)`) or one given only text, saying what to install, or, in a
    `try`'s handler, a stand-in defined for a name its body failed to import (`def
    treespec_leaf(): return LeafSpec()`), or a call that demands a package (`_import_awkward()`,
    which raises where it is too old); `handing-on` when, besides, a call hands on what its
    block imports; None for any other."""
    if _checks_versions(node):
        return None
    kind: ImportBlock = "imports"
    stand_ins = _stand_ins(node) if isinstance(node, ast.Try | ast.TryStar) \
        else _stand_ins_where_missing(node) if isinstance(node, ast.If) else set()
    told = isinstance(node, ast.If) \
        and any(isinstance(inner, ast.Import | ast.ImportFrom) for inner in ast.walk(node))
    failing = [handler for handler in node.handlers if _catches_import_errors(handler)] \
        if isinstance(node, ast.Try | ast.TryStar) else []
    caught = {handler.name for handler in failing if handler.name}
    hinting = {id(handler.body) for handler in failing}
    tried = names_imported(node.body) if isinstance(node, ast.Try | ast.TryStar) else set()
    for block in _blocks(node):
        # a `try`'s `else` runs where its body imported
        imported = set(outer) | names_imported(block) \
            | (tried if block is getattr(node, "orelse", None) else set())
        for stmt in block:
            if isinstance(stmt, _COMPOUND):
                inner = _import_block(stmt, frozenset(imported))
                if inner is None:
                    return None
                if inner == "handing-on":
                    kind = inner
            elif _is_import_or_fallback(stmt) or id(stmt) in stand_ins or _exports_imported(stmt, imported) \
                    or _names_part_of_import(stmt, imported) \
                    or (told and is_message(stmt) and not warns_of_deprecation(stmt)) \
                    or _records_error(stmt, caught) or _demands_a_package(stmt) \
                    or (id(block) in hinting and _tells_what_is_missing(stmt)):
                continue
            elif _hands_on_import(stmt, imported) or _returns_from_import(stmt, imported):
                kind = "handing-on"
            else:
                return None
    if kind == "handing-on" and isinstance(node, ast.If) and _tests_an_option(node.test):
        return None  # what an option turns on is done, not loaded (`if args.tp_comm_overlap:`)
    return kind


def _tests_an_option(test: ast.expr) -> bool:
    return any(isinstance(node, ast.Attribute) and OPTIONS_HOLDER.search(dotted_path(node.value))
               for node in ast.walk(test))


def _falls_back(node: ast.Try | ast.TryStar) -> bool:
    """The `try` imports in its body and otherwise only defines, returns or hands on what it
    imported there; its handlers, one of which catches an import's failure (or, where the body
    only imports, any error and binds what it imports: `except: tutel_moe = None`), only say
    what to do without it: import something else, return otherwise, raise, tell, or define
    again what the body defines (`except ImportError: import logging; return
    logging.getLogger(name)`; `except ImportError: def is_gaudi2(): ...`). Not an adapter: a
    function the body defines on top of a new API that a handler imports under that name from
    the old one."""
    imported = names_imported(node.body)
    bound = set(_module_names(node.body))
    imported_instead = {name for handler in node.handlers for name in names_imported(handler.body)}
    return bool(imported) and not (bound - imported) & imported_instead \
        and (any(_catches_an_import_error(handler) for handler in node.handlers)
             or imported <= {name for handler in node.handlers for name in _sources_tried(handler.body)}
             or _stands_in_for_any_failure(node, imported)) \
        and all(isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Return)
                or _is_import_or_fallback(stmt) or _hands_on_import(stmt, imported) for stmt in node.body) \
        and all(_does_without(stmt, bound) for handler in node.handlers for stmt in handler.body)


def _stands_in_for_any_failure(node: ast.Try | ast.TryStar, imported: set[str]) -> bool:
    """The `try` only imports, under a bare `except:` that binds what it imports (`tutel_moe =
    None`): whatever keeps the import from working, the module goes on without it."""
    return all(isinstance(stmt, ast.Import | ast.ImportFrom) for stmt in node.body) \
        and any(handler.type is None and imported <= set(_module_names(handler.body))
                for handler in node.handlers)


def names_imported(statements: list[ast.stmt]) -> set[str]:
    """The names the imports among the statements bind, the statements nested in them aside."""
    return {alias.asname or alias.name for stmt in statements
            if isinstance(stmt, ast.Import | ast.ImportFrom) for alias in stmt.names}


def _sources_tried(statements: list[ast.stmt]) -> set[str]:
    """The names the imports among the statements bind, those of the `try`s among them included:
    each source tried in turn."""
    tried = (stmt for stmt in statements if isinstance(stmt, ast.Try | ast.TryStar))
    return names_imported(statements) | {name for stmt in tried for name in _sources_tried(stmt.body)}


def _does_without(stmt: ast.stmt, bound: set[str]) -> bool:
    """A handler's statement that does without the import: `bound` are the names its body binds."""
    if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Pass | ast.Raise | ast.Return) or is_message(stmt):
        return True
    if isinstance(stmt, ast.Try | ast.TryStar):  # the next source, tried in turn
        return all(isinstance(inner, ast.Import | ast.ImportFrom) for inner in stmt.body) \
            and all(_does_without(inner, bound) for handler in stmt.handlers for inner in handler.body)
    names = _defined_names(stmt)
    return bool(names) and names <= bound


def _tells_what_is_missing(stmt: ast.stmt) -> bool:
    """A call given only text, in the handler of a failed import: it says what to install
    (`import_message("spark", "pyspark", "conda install -c conda-forge pyspark")`)."""
    if not isinstance(stmt, ast.Expr) or not isinstance(call := stmt.value, ast.Call):
        return False
    values = [*call.args, *(keyword.value for keyword in call.keywords)]
    return bool(values) and all(isinstance(value, ast.JoinedStr)
                                or (isinstance(value, ast.Constant) and isinstance(value.value, str))
                                for value in values)


def _records_error(stmt: ast.stmt, caught: set[str]) -> bool:
    """A call given the error a failed import raised, to keep or tell it: `record_import_error(
    "torch", "...", e)`."""
    return isinstance(stmt, ast.Expr) and isinstance(call := stmt.value, ast.Call) \
        and any(isinstance(value, ast.Name) and value.id in caught
                for value in (*call.args, *(keyword.value for keyword in call.keywords)))


def _names_part_of_import(stmt: ast.stmt, imported: set[str]) -> bool:
    """`cohere_api_error = cohere.CohereAPIError`: a name bound to a part of what its block
    imports, which the module then uses by that name; or to several such (`SparseDataset =
    (CSRDataset, CSCDataset)`)."""
    if not (isinstance(stmt, ast.Assign) and all(isinstance(target, ast.Name) for target in stmt.targets)):
        return False
    if isinstance(stmt.value, ast.Tuple):
        return bool(stmt.value.elts) and all(isinstance(part, ast.Name | ast.Attribute)
                                             and dotted_path(part).split(".", 1)[0] in imported
                                             for part in stmt.value.elts)
    return isinstance(stmt.value, ast.Attribute) and dotted_path(stmt.value).split(".", 1)[0] in imported


def _exports_imported(stmt: ast.stmt, imported: set[str]) -> bool:
    """`__all__.append("nputils")`, `__all__.extend([...])` or `__all__ += [...]` naming only
    names its block imports: the module offers what it loaded."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == "__all__":
        values = [stmt.value]
    elif isinstance(stmt, ast.Expr) and isinstance(call := stmt.value, ast.Call) \
            and isinstance(call.func, ast.Attribute) and call.func.attr in ("append", "extend") \
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "__all__":
        values = list(call.args)
    else:
        return False
    names = [item for value in values
             for item in (value.elts if isinstance(value, ast.List | ast.Tuple) else [value])]
    return bool(names) and all(isinstance(item, ast.Constant) and item.value in imported for item in names)


def _hands_on_import(stmt: ast.stmt, imported: set[str]) -> bool:
    """A call whose arguments are constants or names its block imports, the callee or one of
    them being such a name: what was imported is registered
    (`SUPPORTED_MODELS.append(Qwen3NextForCausalLM)`) or set up once (`get_encoding()`), and
    nothing else is done; or what was imported is kept on the instance (`self.generate =
    generate`). A call given anything else (`apply_kernel(model=self.model)`), or a method of
    what was imported (`_dummy_wgrads.clear()`), acts on the program."""
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name) and stmt.value.id in imported:
        return all(isinstance(target, ast.Attribute) and dotted_path(target.value) == "self"
                   for target in stmt.targets)
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    call = stmt.value
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    roots = [dotted_path(argument).split(".", 1)[0] for argument in arguments]
    callee = dotted_path(call.func)
    return bool(callee) and all(root in imported or isinstance(argument, ast.Constant)
                                for root, argument in zip(roots, arguments, strict=True)) \
        and (callee in imported or any(root in imported for root in roots))


def _returns_from_import(stmt: ast.stmt, imported: set[str]) -> bool:
    """`def default_frameon(): return _mpl_settings.FRAMEON`: a function that only hands back
    what its block imported, read when it is called."""
    body = [inner for inner in getattr(stmt, "body", []) if not is_lone_string(inner)]
    return isinstance(stmt, ast.FunctionDef) and not stmt.decorator_list and len(body) == 1 \
        and isinstance(body[0], ast.Return) and body[0].value is not None \
        and isinstance(body[0].value, ast.Name | ast.Attribute) \
        and dotted_path(body[0].value).split(".", 1)[0] in imported


def _checks_versions(node: ast.stmt) -> bool:
    """An `if` on a version that imports nothing, or only what its messages name (`from . import
    __version__` for `logg.warning(f"Scanpy {__version__} needs umap >= 0.3.0")`): it checks what
    was imported (`if Version(transformers.__version__) > Version("4.50"): raise ...`), it does
    not choose it."""
    if not isinstance(node, ast.If) or not VERSION_PREDICATE.search(ast.unparse(node.test)):
        return False
    imports: list[ast.stmt] = [inner for inner in ast.walk(node)
                               if isinstance(inner, ast.Import | ast.ImportFrom)]
    if not imports:
        return True
    imported = names_imported(imports)
    said = [statement for statement in ast.walk(node)
            if isinstance(statement, ast.stmt) and is_message(statement)]
    named = {name.id for statement in said for name in ast.walk(statement) if isinstance(name, ast.Name)}
    rest = [statement for statement in node.body
            if not is_message(statement) and not isinstance(statement, ast.Import | ast.ImportFrom)]
    return bool(said) and imported <= named and not any(
        isinstance(name, ast.Name) and name.id in imported
        for statement in rest for name in ast.walk(statement))


def _stand_ins(node: ast.Try | ast.TryStar) -> set[int]:
    """The ids of the statements in a `try`'s handlers that define names its body imports:
    functions, classes, and values assigned (`FORCE_FLOAT32 = [...]`, maybe after `global
    FORCE_FLOAT32`); and of those that only say the import failed where the handler catches
    no other error (`logging.warning(f"Triton is not available: {e}")`)."""
    attempted = _names_tried(node.body)
    stand_ins: set[int] = set()
    for handler in node.handlers:
        told = _catches_import_errors(handler)
        bound = _bound_in_stead(handler.body, attempted)
        direct = [stmt for stmt in handler.body if id(stmt) in bound or (told and is_message(stmt))]
        stand_ins |= {id(stmt) for stmt in direct} | _serving(handler.body, direct)
    return stand_ins


def stand_in_bodies(body: list[ast.stmt]) -> set[int]:
    """The lines of the bodies of the functions and classes that a module-level `try`'s handler
    defines in place of what its body failed to import (`def shift_array(x, offset):` where
    `from window_ops.shift import shift_array` failed), less the imports they hold: what the
    module does without the package, not how it loads it."""
    lines: set[int] = set()
    for node in body:
        if not isinstance(node, ast.Try | ast.TryStar):
            continue
        stand_ins = _stand_ins(node)
        for statement in (statement for handler in node.handlers for statement in handler.body):
            if id(statement) in stand_ins \
                    and isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                lines.update(range(first_line(statement.body[0]), _end(statement) + 1))
                lines.difference_update(line for inner in ast.walk(statement)
                                        if isinstance(inner, ast.Import | ast.ImportFrom)
                                        for line in node_lines(inner))
    return lines


def _bound_in_stead(statements: list[ast.stmt], attempted: set[str]) -> set[int]:
    """The ids of the statements that define only names a guarded block tried to import."""
    return {id(stmt) for stmt in statements if (names := _defined_names(stmt)) and names <= attempted}


def _serving(statements: list[ast.stmt], stand_ins: list[ast.stmt]) -> set[int]:
    """The ids of the classes and functions among the statements that only the stand-ins use
    (`class LiteralMeta(type)`, the metaclass of the `Literal` written where `typing` lacks it)."""
    used = {node.id for other in stand_ins for node in ast.walk(other) if isinstance(node, ast.Name)}
    return {id(stmt) for stmt in statements if isinstance(stmt, ast.ClassDef | ast.FunctionDef)
            and (names := _defined_names(stmt)) and names <= used}


def _stand_ins_where_missing(node: ast.If) -> set[int]:
    """The ids of the statements in the `else` of an `if` that tests whether a package is there
    (`if find_spec("zarr") or TYPE_CHECKING:`) that define names its body imports (`class
    ZarrArray: ...`)."""
    if not _tests_availability(node.test, frozenset()):
        return set()
    return _bound_in_stead(node.orelse, _names_tried(node.body))


def _names_tried(body: list[ast.stmt]) -> set[str]:
    """The names a block imports, and those it binds to a part of what it imports (`AwkArray =
    awkward.Array`)."""
    imported = names_imported(body)
    return imported | {name for stmt in body if _names_part_of_import(stmt, imported)
                       for name in _defined_names(stmt)}


def is_message(statement: ast.stmt) -> bool:
    """A statement that only prints or logs (`logger.warning_rank0(...)`, `warnings.warn(...)`,
    `print0(...)` on the first rank alone), or warns of a deprecation in words
    (`deprecate("x will be removed by August 2024.", version="2024.8.0")`), where it keeps no
    name (`register_deprecated_key("TASK.SUCCESS")`)."""
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return False
    call = statement.value
    name = dotted_path(call.func).rsplit(".", 1)[-1]
    return name.split("_", 1)[0].rstrip("0123456789") in _MESSAGE_WORDS \
        or ("deprecat" in name.lower() and _says_why(call))


def warns_of_deprecation(node: ast.AST) -> bool:
    """The code calls `warn` with a warning of deprecation (`warnings.warn(msg, FutureWarning)`,
    `warn(FutureWarning(msg), stacklevel=2)`)."""
    warnings = [call for call in ast.walk(node) if isinstance(call, ast.Call)
                and dotted_path(call.func).rpartition(".")[2] == "warn"]
    return any(isinstance(part, ast.Name) and part.id in _DEPRECATION_WARNINGS
               for call in warnings for argument in [*call.args, *(k.value for k in call.keywords)]
               for part in ast.walk(argument))


_DEPRECATION_WARNINGS = frozenset({"DeprecationWarning", "FutureWarning", "PendingDeprecationWarning"})


def _says_why(call: ast.Call) -> bool:
    """The call's first argument is a sentence, not a name."""
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and " " in first.value.strip()


def _defined_names(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    if isinstance(stmt, ast.Global):
        return set(stmt.names)
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] \
        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else []
    if len(targets) == 1 and isinstance(targets[0], ast.Tuple):
        targets = targets[0].elts  # `Sampler, DataLoader = object, object`
    return {target.id for target in targets if isinstance(target, ast.Name)} \
        if all(isinstance(target, ast.Name) for target in targets) else set()


def _is_import_or_fallback(stmt: ast.stmt) -> bool:
    """An import, one made by a call (`module = importlib.import_module(name)`, `return
    get_class_from_dynamic_module(ref, repo)`), `pass`, a `raise` that says what is missing, or a
    plain value assigned: a constant, a name, or a test of such values (`HAS_KERNEL = PLATFORM ==
    "cuda"`), also several at once (`Sampler, DataLoader = object, object`)."""
    if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Pass | ast.Raise):
        return True
    if isinstance(stmt, ast.Assign | ast.Return | ast.Expr) and isinstance(stmt.value, ast.Call) \
            and _IMPORTS_BY_CALL.search(short_name(dotted_path(stmt.value.func))):
        return True
    if not isinstance(stmt, ast.Assign):
        return False
    if len(stmt.targets) == 1 and isinstance(target := stmt.targets[0], ast.Tuple) \
            and isinstance(stmt.value, ast.Tuple) and len(target.elts) == len(stmt.value.elts):
        return all(isinstance(name, ast.Name) for name in target.elts) \
            and all(_plain_value(value) for value in stmt.value.elts)
    return _plain_value(stmt.value) and all(isinstance(t, ast.Name) for t in stmt.targets)


# What imports code named at run time: `importlib.import_module`, `__import__`,
# `import_from_string`, transformers' `get_class_from_dynamic_module`, and the helpers that
# import a package only where it is installed (MONAI's `optional_import`, `lazy_import`,
# pandas' `import_optional_dependency`), or when first read (TensorFlow's and Ludwig's
# `LazyLoader("whylogs", globals(), "whylogs")`).
_IMPORTS_BY_CALL = re.compile(
    r"^(import_module|__import__|import_string|import_from_string|\w*dynamic_module"
    r"|\w*(optional|lazy)_import|import_optional\w*|LazyLoader)$")
_MODULE_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def imports_by_call(stmt: ast.stmt) -> bool:
    """A statement that imports a module it names by a call and binds or returns what it
    brings (`label, _ = optional_import("scipy.ndimage", name="label")`, `module =
    importlib.import_module("torch_npu")`): an import, written as a call."""
    if not isinstance(stmt, ast.Assign | ast.AnnAssign | ast.Expr | ast.Return) \
            or not isinstance(stmt.value, ast.Call) or not stmt.value.args:
        return False
    module = stmt.value.args[0]
    callee = dotted_path(stmt.value.func)
    return isinstance(module, ast.Constant) and isinstance(module.value, str) \
        and bool(_MODULE_PATH.match(module.value)) \
        and (bool(_IMPORTS_BY_CALL.search(short_name(callee))) or callee in _LAZY_LOADERS)


# lazy_loader's `load`, which binds a module that is imported when first read
# (`plt = lazy.load("matplotlib.pyplot")`).
_LAZY_LOADERS = frozenset({"lazy.load", "lazy_loader.load"})


def _setting_spans(node: ast.Assign | ast.AnnAssign, lambdas: list[tuple[int, int]]) -> Iterator[range]:
    """The lines of an assignment that set values: all of them but those of the functions its
    value holds, `lambdas` (`lambda x: UOp(x.op, x.dtype, x.src, BinaryOps.OR)` in a table of
    rewrite rules), which compute."""
    start, end = node.lineno, _end(node)
    for first, last in lambdas:
        if first > start:
            yield range(start, first)
        start = max(start, last + 1)
    if start <= end:
        yield range(start, end + 1)


def _outer_lambdas(value: ast.expr) -> Iterator[ast.Lambda]:
    pending: list[ast.AST] = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Lambda):
            yield node
        else:
            pending.extend(ast.iter_child_nodes(node))


def _tuning_parameter_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[int]:
    """The lines of the parameters a kernel's `@triton.heuristics` supplies and its body never
    reads, one to a line (`CLOSEST_M: tl.constexpr` from `values={'CLOSEST_M': lambda args:
    ...}`, named only in the autotune key): a value the tuning sorts launches by."""
    supplied = {key.value for decorator in node.decorator_list
                if isinstance(decorator, ast.Call) and short_name(_dotted(decorator.func)) == "heuristics"
                for table in (*decorator.args, *(k.value for k in decorator.keywords))
                if isinstance(table, ast.Dict)
                for key in table.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)}
    if not supplied:
        return set()
    read = {name.id for statement in node.body for name in ast.walk(statement) if isinstance(name, ast.Name)}
    parameters = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    per_line = Counter(parameter.lineno for parameter in parameters)
    return {parameter.lineno for parameter in parameters
            if parameter.arg in supplied and parameter.arg not in read and per_line[parameter.lineno] == 1
            and parameter.lineno == parameter.end_lineno}


def _takes_arguments(arguments: ast.arguments) -> bool:
    return bool(arguments.posonlyargs or arguments.args or arguments.vararg or arguments.kwonlyargs
                or arguments.kwarg)


def _binds_a_version(name: str, node: ast.Assign | ast.AnnAssign) -> bool:
    return "version" in name.lower() and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


# The generic types an alias subscripts: `List[SamplingResult]`, `Optional[ConfigDict]`.
_GENERIC_TYPES = frozenset({
    "List", "Dict", "Tuple", "Set", "FrozenSet", "Optional", "Union", "Callable", "Sequence", "Mapping",
    "MutableMapping", "MutableSequence", "Iterable", "Iterator", "Type", "Literal", "Annotated",
    "Generator", "AsyncIterator", "Awaitable", "DefaultDict", "Deque", "list", "dict", "tuple", "set",
    "frozenset", "type"})
# What makes a type of its own: `T = TypeVar("T")`, `UserId = NewType("UserId", int)`.
TYPE_MAKERS = frozenset({"TypeVar", "NewType", "ParamSpec", "TypeVarTuple"})
# What makes a class of records, as a `class` statement would: `Config =
# namedtuple("EfficientAttentionConfig", ["enable_flash", "enable_math"])`.
_RECORD_MAKERS = frozenset({"namedtuple", "NamedTuple", "TypedDict", "make_dataclass"})
# What names a type alias as the `type` statement does: `KnownModelName = TypeAliasType(
# "KnownModelName", Literal[...])`.
_ALIAS_MAKERS = frozenset({"TypeAliasType"})


def is_type_alias(node: ast.Assign | ast.AnnAssign) -> bool:
    """An assignment that names a type (`SamplingResultList = List[SamplingResult]`, `PathLike =
    str | None`, `T = TypeVar("T")`, `Shape: TypeAlias = tuple[int, ...]`, `Point =
    namedtuple("Point", "x y")`, `Name = TypeAliasType("Name", Literal["a", "b"])`): what
    signatures that use the name take or give back."""
    if isinstance(node, ast.AnnAssign):
        return short_name(dotted_path(node.annotation)) == "TypeAlias"
    return _names_a_type(node.value)


def _names_a_type(value: ast.expr) -> bool:
    if isinstance(value, ast.Subscript):
        return short_name(dotted_path(value.value)) in _GENERIC_TYPES
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return any(_names_a_type(side) or is_none(side) for side in (value.left, value.right))
    if isinstance(value, ast.Call):
        return short_name(dotted_path(value.func)) in TYPE_MAKERS | _RECORD_MAKERS | _ALIAS_MAKERS
    return False


def _settings_from_a_table(value: ast.expr | None) -> bool:
    """A settings object made from one dict written out, its keys literals and its entries
    computing nothing (`mlc.ConfigDict({"data_loaders": {"num_workers": 8}, "c_z": c_z, "ckpt":
    blocks_per_ckpt is not None})`, `OmegaConf.create({...})`)."""
    return isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords \
        and bool(_SETTINGS_MAKER.search(_dotted(value.func))) \
        and isinstance(table := value.args[0], ast.Dict) and bool(table.keys) \
        and all(key is None or _written_out(key) for node in ast.walk(table) if isinstance(node, ast.Dict)
                for key in node.keys) \
        and not any(isinstance(node, ast.Call | ast.Lambda | ast.comprehension) for node in ast.walk(table))


def _settings_read_when_asked(value: ast.expr | None) -> bool:
    """A dict written out whose entries, keyed by their names, are each a function of no
    arguments that reads the setting (`"VLLM_PORT": lambda: os.getenv("VLLM_PORT")`)."""
    return isinstance(value, ast.Dict) and bool(value.keys) and all(
        isinstance(key, ast.Constant) and isinstance(key.value, str)
        and isinstance(entry, ast.Lambda) and not _takes_arguments(entry.args)
        for key, entry in zip(value.keys, value.values, strict=True))


# What makes a settings object of a dict: `ConfigDict`, `EasyDict`, `AttrDict`, `OmegaConf.create`.
_SETTINGS_MAKER = re.compile(r"(Config\w*|Dict|OmegaConf\.create)$")


def _is_literal_table(value: ast.expr | None) -> bool:
    """A dict written out with entries, all literals (nested ones too) or records made of them
    (`"llama-3.2-1b": {"MLX": Shard(model_id="...", n_layers=16)}`), or a list of command-line
    options (`extra_cuda_cflags = ["-O3", "--use_fast_math"]`). Not another list: the names a
    module exports, the requirements a setup script installs."""
    if isinstance(value, ast.List):
        return bool(value.elts) and all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                                        and item.value.startswith("-") for item in value.elts)
    return isinstance(value, ast.Dict) and bool(value.keys) and _written_out(value)


def _written_out(value: ast.expr | None) -> bool:
    """A literal, a display of them, a record made of them by a class named (`Shard(...)`), or
    a sum of literals and constants (`"(EG)" + CK + N4`, a pattern spelled from its parts)."""
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub | ast.UAdd):
        return isinstance(value.operand, ast.Constant)
    if isinstance(value, ast.Dict):
        return all(key is not None and _written_out(key) for key in value.keys) \
            and all(_written_out(item) for item in value.values)
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return all(_written_out(item) for item in value.elts)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(_written_out(side) or (isinstance(side, ast.Name) and _CONSTANT_NAME.match(side.id))
                   for side in (value.left, value.right))
    if isinstance(value, ast.Call) and dotted_path(value.func).rpartition(".")[2][:1].isupper():
        return bool(value.args or value.keywords) and all(_written_out(argument) for argument in value.args) \
            and all(keyword.arg is not None and _written_out(keyword.value) for keyword in value.keywords)
    return False


def _is_text_block(value: ast.expr | None) -> bool:
    """A string literal of several lines: a template, a prompt, a script the code writes out."""
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and _end(value) > value.lineno


def _compiles_text(node: ast.Assign | ast.AnnAssign) -> bool:
    """The value is a regular expression compiled (`_tool_call_regex = re.compile(...)`), the
    grammar the code reads text with, or a template the code fills in (`SRC_TEMPLATE =
    jinja2.Template(...)` holding a kernel's source): a constant of the module whatever its
    name's case, and what the code does rather than a setting."""
    value = node.value
    if not isinstance(value, ast.Call):
        return False
    if isinstance(value.func, ast.Attribute) and value.func.attr == "compile":
        return isinstance(value.func.value, ast.Name) and value.func.value.id in {"re", "regex"}
    return short_name(dotted_path(value.func)) == "Template"


def _sets_constant(node: ast.Assign | ast.AnnAssign) -> bool:
    value = node.value
    return isinstance(value, ast.Constant) or (isinstance(value, ast.List | ast.Tuple)
                                               and all(isinstance(item, ast.Constant) for item in value.elts))


def _plain_value(value: ast.expr) -> bool:
    if isinstance(value, ast.Compare | ast.BoolOp | ast.UnaryOp):
        return all(isinstance(node, ast.Constant | ast.Name | ast.Attribute | ast.Load | ast.cmpop
                              | ast.boolop | ast.unaryop | ast.Compare | ast.BoolOp | ast.UnaryOp)
                   for node in ast.walk(value))
    return isinstance(value, ast.Constant | ast.Name)


def _dotted(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return dotted_path(target) or ast.dump(target)[:40]


Node = TypeVar("Node", bound=ast.AST)


def copy_tree(node: Node) -> Node:
    """A deep copy of a syntax tree made of its nodes' fields and positions only.

    Not `copy.deepcopy`: it also copies what a library attached to a node, and griffe, which
    reads the dependencies' stubs (`signatures`), links each node it visits to its parent, the
    parser's shared `Load` and operator nodes among them. A deep copy of any expression then
    copied the whole module griffe read, in reference cycles that only the collector frees.
    Those shared nodes have no fields and are never changed, so the copy shares them too."""
    if not node._fields:
        return node
    fields = {name: _copied(getattr(node, name)) for name in node._fields if hasattr(node, name)}
    positions = {name: getattr(node, name) for name in node._attributes if hasattr(node, name)}
    return type(node)(**fields, **positions)


def _copied(value: object) -> object:
    if isinstance(value, ast.AST):
        return copy_tree(value)
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def when_set(annotation: ast.expr) -> ast.expr:
    """The type an option holds once it is set: `Optional[int]`, `int | None` and `Union[int,
    None]` all hold an int. An option that may now be left unset (`neuron_cc_optlevel:
    Optional[int] = None`, an int before) is given another default, not another type."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        kept = [side for side in (annotation.left, annotation.right) if not is_none(side)]
        return kept[0] if len(kept) == 1 else annotation
    if not isinstance(annotation, ast.Subscript):
        return annotation
    form = dotted_path(annotation.value).rsplit(".", 1)[-1]
    if form == "Optional":
        return annotation.slice
    if form == "Union" and isinstance(annotation.slice, ast.Tuple):
        kept = [item for item in annotation.slice.elts if not is_none(item)]
        return kept[0] if len(kept) == 1 and len(annotation.slice.elts) == 2 else annotation
    return annotation


def is_none(node: ast.expr) -> bool:
    """The constant `None`."""
    return isinstance(node, ast.Constant) and node.value is None


def tested_not_none(test: ast.expr) -> ast.expr | None:
    """What a test checks is not None: `x` of `x is not None`; None for any other test."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot) \
            and is_none(test.comparators[0]):
        return test.left
    return None


def calls_for_deprecation(node: ast.AST) -> bool:
    """A call of a function named for deprecation (`register_deprecated_key`, `deprecation_getattr`),
    or of what one returns (`deprecate_with_version("...", since="3.2")(auto_attr)`), or of what
    a call given the versions of a deprecation returns (`moved("librosa.feature.rmse", "0.6.3",
    "0.7.0")(rms)`)."""
    return isinstance(node, ast.Call) and (
        "deprecat" in dotted_path(node.func).rpartition(".")[2].lower() or calls_for_deprecation(node.func)
        or (isinstance(node.func, ast.Call) and any(
            isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            and _RELEASE.fullmatch(argument.value) for argument in node.func.args)))


# A release as a deprecation names it: `0.7`, `0.6.3`.
_RELEASE = re.compile(r"\d+(\.\d+)+")


def dotted_path(node: ast.expr) -> str:
    """`a.b.c` for a chain of attributes on a name; empty for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


# The fields of a compound statement (or an `except` clause) that hold statements.
_BLOCKS = ("body", "orelse", "finalbody", "handlers")


def touched_parts(body: list[ast.stmt] | list[ast.excepthandler], lines: list[int],
                  gaps: list[tuple[int, int]]) -> Iterator[ast.AST]:
    """The innermost statements that hold a touched line or a gap; of a compound statement
    whose header holds one (`if test:`), the header alone."""
    return (part for part, _, _ in touched_spans(body, lines, gaps))


def touched_spans(body: list[ast.stmt] | list[ast.excepthandler], lines: list[int],
                  gaps: list[tuple[int, int]]) -> Iterator[tuple[ast.AST, int, int]]:
    """`touched_parts`, each with the lines it stands for: a statement's own, its decorators
    included; a header's up to its block."""
    for node in body:
        start, end = first_line(node), _end(node)
        if not _holds(start, end, lines, gaps):
            continue
        blocks = [name for name in _BLOCKS if getattr(node, name, None)]
        if not blocks:
            yield node, start, end
            continue
        inner = min(first_line(child) for name in blocks for child in getattr(node, name))
        if _holds(start, inner - 1, lines, gaps):
            header = copy.copy(node)
            for name in blocks:
                setattr(header, name, [])
            yield header, start, inner - 1
        for name in blocks:
            yield from touched_spans(getattr(node, name), lines, gaps)


def _holds(start: int, end: int, lines: list[int], gaps: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_left(lines, start)
    return (index < len(lines) and lines[index] <= end) or any(
        start <= a and b <= end for a, b in gaps)


def _text_of_lines(node: ast.expr) -> str | None:
    """The string of a string constant written over several lines."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
        and node.end_lineno is not None and node.end_lineno > node.lineno else None


def _names_documentation(target: ast.expr) -> bool:
    """The name bound, or the table a key of which is, is named for documentation."""
    holder = target.value if isinstance(target, ast.Subscript) else target
    name = dotted_path(holder).rpartition(".")[2]
    return any(word in _DOCUMENTATION_WORDS for word in name.lower().split("_"))
