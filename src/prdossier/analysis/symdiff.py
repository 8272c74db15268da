"""Symbol-level diff of Python files: added, removed, changed, and moved between files."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from prdossier.analysis.models import DefaultChange, ImportChange, SymbolChange, SymbolStatus
from prdossier.analysis.nativesymbols import without_template_arguments
from prdossier.analysis.paths import C_FAMILY, language
from prdossier.analysis.pysymbols import (
    FunctionNode,
    ImportStatement,
    ModuleSymbols,
    Symbol,
    fingerprint,
    is_lone_string,
    parse_header,
    signature_defaults,
    touched_spans,
)
from prdossier.sources.models import FileDiff, Hunk

MOVE_WEIGHT_DIVISOR = 4
_LAYOUT = re.compile(r"""[\s()\[\],'"]|(?<![\w\\])[rRbBuUfF]{1,2}(?=['"])""")
# A C, C++, CUDA or Rust string literal, its escapes kept.
NATIVE_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
# A string literal whole, or any other character that is not white space.
_NATIVE_TOKEN = re.compile(rf"{NATIVE_STRING.pattern}|\S")
# Shorter bodies are too alike (`def f(self): return self._x`) to pair by all but their name.
RENAME_MIN_LINES = 6


@dataclass
class ParsedSides:
    """Both sides of one changed file parsed into symbol tables: Python with `ast`, C, C++ and
    CUDA with tree-sitter (`nativesymbols`)."""

    diff: FileDiff
    old: ModuleSymbols | None
    new: ModuleSymbols | None

    @property
    def old_text_lines(self) -> list[str]:
        """The old text's lines, split once for the side's table and the comparisons both."""
        return self.old.lines if self.old is not None else []

    @property
    def new_text_lines(self) -> list[str]:
        return self.new.lines if self.new is not None else []

    @cached_property
    def added_code_lines(self) -> set[int]:
        return code_lines(self.new_text_lines, self.diff.added_lines, self.new) \
            - self.comments_reworded[0] - self.relaid[0] - self.moved_within[0]

    @cached_property
    def removed_code_lines(self) -> set[int]:
        return code_lines(self.old_text_lines, self.diff.removed_lines, self.old) \
            - self.comments_reworded[1] - self.relaid[1] - self.moved_within[1]

    @cached_property
    def moved_within(self) -> tuple[set[int], set[int]]:
        """The lines, new and old, of Python definitions the change moved elsewhere in the file
        as they were (helpers gathered after the module's globals; a constant bound again, as it
        is below, above the imports that now test it): where a `def`, `class` or constant stands
        does not change what it does."""
        new: set[int] = set()
        old: set[int] = set()
        if self.old is None or self.new is None or self.new.comment_lines is not None \
                or not self.diff.added_lines or not self.diff.removed_lines:
            return new, old
        holders: set[str] = set()
        for number in self.diff.added_lines:
            owner = self.new.owner(number)
            while owner:
                holders.add(owner)
                owner = owner.rpartition(".")[0]
        for qualname in holders:
            after, before = self.new.symbols.get(qualname), self.old.symbols.get(qualname)
            if after is not None and before is not None \
                    and after.kind in ("function", "method", "class", "constant") \
                    and self.new_text_lines[after.start - 1:after.end] \
                    == self.old_text_lines[before.start - 1:before.end]:
                new.update(range(after.start, after.end + 1))
                old.update(range(before.start, before.end + 1))
        return new, old

    @cached_property
    def relaid(self) -> tuple[set[int], set[int]]:
        """The lines, new and old, that a hunk only laid out anew (a call split over lines,
        quotes or a trailing comma changed, strings joined): a removed run and the added run in
        its place, the run at either end of the lines added in its place, or the stretch of a
        hunk from its first change to its last, spell the same but for layout, and in a Python
        file the statements holding
        them, or their headers, have the same syntax trees; in a C, C++, CUDA or Rust file
        (what clang-format or rustfmt does) they hold the same tokens. No lines where the file
        changed in nothing else (`layout_only`): layout is set apart only to show the change
        beside it, and a change of layout alone reads as its lines."""
        return (set(), set()) if self.layout_only else self._relaid_lines

    @cached_property
    def layout_only(self) -> bool:
        """Every code line the change added or removed was only laid out anew."""
        new, old = self._relaid_lines
        return bool(new or old) \
            and code_lines(self.new_text_lines, self.diff.added_lines, _python(self.new)) <= new \
            and code_lines(self.old_text_lines, self.diff.removed_lines, _python(self.old)) <= old

    @cached_property
    def _relaid_lines(self) -> tuple[set[int], set[int]]:
        new: set[int] = set()
        old: set[int] = set()
        if self.old is None or self.new is None or not self.old.parses or not self.new.parses:
            return new, old
        for removed, added in (block for hunk in self.diff.hunks for block in replacements(hunk)):
            if not (removed and added):
                continue
            # the removed lines laid out anew, whole, or at either end of lines added around them
            # and at their indentation: lines indented under a new block now run under it
            indent = _indentation(self.old_text_lines[removed[0] - 1])
            ends = [added] + [part for part in (added[:len(removed)], added[-len(removed):])
                              if len(added) > len(removed)
                              and _indentation(self.new_text_lines[part[0] - 1]) == indent]
            if (kept := next((part for part in ends if self._laid_out(removed, part)), None)) is not None:
                old.update(removed)
                new.update(kept)
        for hunk in self.diff.hunks:
            # a statement laid out anew around lines the diff kept (`batch_first=True` became
            # `batch_first=True,` above a closing parenthesis kept as context): the hunk's
            # changed stretch, context between its changes included, spells the same
            removed = [n for n in hunk.removed if n not in old]
            added = [n for n in hunk.added if n not in new]
            if removed and added and self._laid_out(*_changed_stretches(hunk)):
                old.update(removed)
                new.update(added)
        return new, old

    def _laid_out(self, removed: list[int], added: list[int]) -> bool:
        assert self.old is not None and self.new is not None
        if self.new.comment_lines is not None:
            return _tokens(self.old_text_lines, removed) == _tokens(self.new_text_lines, added)
        return _spelling(self.old_text_lines, removed) == _spelling(self.new_text_lines, added) \
            and (trees := _statements(self.old, removed)) is not None \
            and trees == _statements(self.new, added)

    @cached_property
    def comments_reworded(self) -> tuple[set[int], set[int]]:
        """The lines, new and old, of a Python file that a hunk changed only in their trailing
        comment (`"onnxscript",  # for tests` became `"onnxscript",  # for autocast`): a
        removed line and the added line in its place, the same but for the comment, which
        may have moved onto a line of its own beside it."""
        new: set[int] = set()
        old: set[int] = set()
        if self.old is None or self.new is None or self.new.comment_lines is not None:
            return new, old
        for removed, added in (block for hunk in self.diff.hunks for block in replacements(hunk)):
            removed = [n for n in removed if not _line(self.old_text_lines, n).lstrip().startswith("#")]
            added = [n for n in added if not _line(self.new_text_lines, n).lstrip().startswith("#")]
            for was, now in zip(removed, added, strict=False):
                before, after = _line(self.old_text_lines, was), _line(self.new_text_lines, now)
                if ("#" in before or "#" in after) and before != after \
                        and (code := without_comment(after)).strip() and code == without_comment(before):
                    old.add(was)
                    new.add(now)
        return new, old

    @cached_property
    def old_gaps(self) -> list[tuple[int, int]]:
        """Where a hunk only adds lines, the two old lines around the place they went in."""
        return [gap for h in self.diff.hunks for gap in _gaps(h.added, h.removed, h.new_start, h.old_start)]

    @cached_property
    def new_gaps(self) -> list[tuple[int, int]]:
        """Where a hunk only removes lines, the two new lines around the place they left."""
        return [gap for h in self.diff.hunks for gap in _gaps(h.removed, h.added, h.old_start, h.new_start)]


def replacements(hunk: Hunk) -> Iterator[tuple[list[int], list[int]]]:
    """Each run of removed lines with the run of added lines that follows it in the hunk."""
    removed, added = set(hunk.removed), set(hunk.added)
    old, new = hunk.old_start, hunk.new_start
    run: tuple[list[int], list[int]] = ([], [])
    while old in removed or new in added or old < hunk.old_start + hunk.old_lines:
        if old in removed:
            if run[1]:
                yield run
                run = ([], [])
            run[0].append(old)
            old += 1
        elif new in added:
            run[1].append(new)
            new += 1
        else:
            if run[0] or run[1]:
                yield run
                run = ([], [])
            old += 1
            new += 1
    if run[0] or run[1]:
        yield run


def _spelling(lines: list[str], numbers: list[int]) -> str:
    """The lines' text without what layout changes: white space, brackets, commas, quotes,
    string prefixes and line continuations."""
    return "".join(_LAYOUT.sub("", _line(lines, number).rstrip().removesuffix("\\")) for number in numbers)


def _tokens(lines: list[str], numbers: list[int]) -> str:
    """The native lines' text without white space outside strings and without line
    continuations: what a formatter leaves as it was."""
    return "".join(token for number in numbers
                   for token in _NATIVE_TOKEN.findall(_line(lines, number).rstrip().removesuffix("\\")))


def _statements(table: ModuleSymbols, lines: list[int]) -> list[tuple[int, str]] | None:
    """The syntax trees of the statements holding the lines' code, of a compound one its
    header, each with its indentation (a statement moved out of a block is the same tree);
    None where such a line is outside them all or they do not parse alone."""
    code = sorted(n for n in lines if without_comment(_line(table.lines, n)).strip())
    tree = table.tree_holding(code)
    if tree is None:
        return None
    spans = list(touched_spans(tree.body, code, []))
    if any(not any(start <= n <= end for _, start, end in spans) for n in code):
        return None
    return [(_indentation(_line(table.lines, start)), ast.dump(part)) for part, start, _ in spans]


def _changed_stretches(hunk: Hunk) -> tuple[list[int], list[int]]:
    """The lines, old and new, of a hunk that removes and adds lines, from its first change to
    its last on either side: the context it leads and ends with left out, the context between
    its changes kept."""
    old_end, new_end = hunk.old_start + hunk.old_lines - 1, hunk.new_start + hunk.new_lines - 1
    lead = min(hunk.removed[0] - hunk.old_start, hunk.added[0] - hunk.new_start)
    trail = min(old_end - hunk.removed[-1], new_end - hunk.added[-1])
    return (list(range(hunk.old_start + lead, old_end - trail + 1)),
            list(range(hunk.new_start + lead, new_end - trail + 1)))


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip())


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def without_comment(line: str) -> str:
    """A line of Python without its trailing comment, as the tokenizer finds it; the whole
    line when it does not tokenize alone far enough to tell."""
    if "#" not in line:
        return line.rstrip()
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return line[:token.start[1]].rstrip()
    except (tokenize.TokenError, SyntaxError):
        pass
    return line.rstrip()


def code_lines(lines: list[str], numbers: Iterable[int], table: ModuleSymbols | None = None) -> set[int]:
    """Those of the numbered lines that hold code: not blank, and not only a comment, which in
    a native source is one of its table's comment lines and in Python starts with `#`, unless
    a string literal of the table holds the line."""
    comments = table.comment_lines if table is not None else None
    kept: set[int] = set()
    hashed: set[int] = set()
    for number in numbers:
        text = _line(lines, number).strip()
        if not text:
            continue
        if comments is not None:
            if number not in comments:
                kept.add(number)
        elif text.startswith("#"):
            hashed.add(number)
        else:
            kept.add(number)
    if hashed and table is not None and comments is None:
        kept |= table.string_lines(hashed)
    return kept


def _gaps(lines: list[int], other_side: list[int], start: int,
          other_start: int) -> list[tuple[int, int]]:
    """Where a hunk only adds (or only removes) lines, the other side has a gap instead: the
    two lines around each gap there."""
    if not lines or other_side:
        return []
    gaps = []
    for index, line in enumerate(lines):
        if index == 0 or lines[index - 1] != line - 1:
            after = other_start + (line - start) - index
            gaps.append((after - 1, after))
    return gaps


def _non_blank(lines: list[str], numbers: Iterable[int]) -> set[int]:
    return {number for number in numbers if _line(lines, number).strip()}


def _python(table: ModuleSymbols | None) -> ModuleSymbols | None:
    """The table of a Python module; none for a native source, whose layout check has always
    read the lines that open with `#` as comments."""
    return table if table is not None and table.comment_lines is None else None


def symbol_changes(sides: ParsedSides) -> list[SymbolChange]:
    old_table, new_table = sides.old or ModuleSymbols(), sides.new or ModuleSymbols()
    old, new = old_table.symbols, new_table.symbols
    # A symbol whose changed lines are all blank did not change; a comment changed it.
    # So did one only laid out anew, and a definition only moved elsewhere in the file; in a
    # file only laid out anew, none changed.
    if sides.layout_only:
        return []
    unchanged_new = sides.relaid[0] | sides.moved_within[0]
    unchanged_old = sides.relaid[1] | sides.moved_within[1]
    changed_lines = _changed_lines_by_owner(
        sides, _non_blank(sides.new_text_lines, sides.diff.added_lines) - unchanged_new,
        _non_blank(sides.old_text_lines, sides.diff.removed_lines) - unchanged_old)
    # A symbol's weight counts code lines: comments and blank lines explain a change.
    changed_code = _changed_lines_by_owner(sides, sides.added_code_lines, sides.removed_code_lines)
    docstrings = _changed_lines_by_owner(sides, *_docstring_lines(sides))
    path, old_path = sides.diff.path, sides.diff.old_path or sides.diff.path
    changes: list[SymbolChange] = []
    owned = (_OwnedText(sides.old, sides.old_text_lines), _OwnedText(sides.new, sides.new_text_lines))
    for qualname, after in new.items():
        before = old.get(qualname)
        if before is None:
            changes.append(_change(after, "added", path, _code_span(new_table, after)))
        elif _differs(sides, before, after, changed_lines, owned):
            reindented = _only_reindented(old_table, before, new_table, after)
            change = _change(after, "changed", path, 1 if reindented else max(1, changed_code[qualname]))
            change.signature_changed = _headers_differ(before, after)
            change.parameters_changed = before.parameters != after.parameters
            change.decorators_added = [d for d in after.decorators if d not in before.decorators]
            change.decorators_removed = [d for d in before.decorators if d not in after.decorators]
            if change.signature_changed and after.kind in ("function", "method"):
                change.defaults_changed = _changed_defaults(before, after)
                change.async_change = _async_change(before, after)
            documented = docstrings[qualname] == changed_code[qualname] and not change.signature_changed
            annotated = _header_annotated_alone(old_table, new_table, change)
            change.annotations_only = annotated is not None
            change.code_unchanged = not reindented and (
                not changed_code[qualname] or documented
                or (annotated is not None and _return_annotation_gained(*annotated)))
            changes.append(change)
    for qualname, before in old.items():
        if qualname not in new:
            # A specialization folded into the template it specialized weighs what changed in it.
            folded = (plain := without_template_arguments(qualname)) != qualname and plain in new
            weight = max(1, changed_code[qualname]) if folded else _code_span(old_table, before)
            changes.append(_change(before, "removed", old_path, weight))
    _weigh_members_apart(changes)
    for change in changes:
        if change.qualname in (old_table if change.status == "removed" else new_table).text_constants:
            change.weight = 1  # its lines are text, not code
    return [change for change in changes if not _told_by_members(sides, change, changes)]


def _async_change(before: Symbol, after: Symbol) -> Literal["added", "removed"] | None:
    """Whether a Python function became a coroutine (its callers now await it) or stopped
    being one (they can no longer)."""
    was, now = before.signature.startswith("async "), after.signature.startswith("async ")
    return None if was == now else "added" if now else "removed"


def symbols_holding_changes(sides: ParsedSides) -> list[SymbolChange]:
    """Where one side of a file does not parse, the symbols of the side that does that hold
    the code lines the change added there (or removed there), each weighing those lines:
    changed, since what they were (or became) on the other side cannot be read. Where neither
    side parses, those a parser recovering from errors finds on each side."""
    new_parses = sides.new is not None and sides.new.parses
    table = sides.new if new_parses else sides.old
    if table is None:
        return []
    if not table.parses:
        return _recovered_symbols_holding_changes(sides)
    lines, numbers = (sides.new_text_lines, sides.diff.added_lines) if new_parses \
        else (sides.old_text_lines, sides.diff.removed_lines)
    weights = Counter(owner for number in code_lines(lines, numbers, table)
                      if (owner := table.owner(number)) is not None)
    path = sides.diff.path if new_parses else sides.diff.old_path or sides.diff.path
    return [_change(table.symbols[qualname], "changed", path, weight) for qualname, weight in weights.items()]


def _recovered_symbols_holding_changes(sides: ParsedSides) -> list[SymbolChange]:
    """The functions and classes a recovering parse finds that hold the lines the change
    added (on the new side) or removed (on the old side), each weighing those lines: changed,
    as neither side's code can be read to tell more (nor to pair one moved between files)."""
    weights: Counter[str] = Counter()
    found: dict[str, tuple[Symbol, str]] = {}
    old_path = sides.diff.old_path or sides.diff.path
    for table, lines, numbers, path in (
            (sides.old, sides.old_text_lines, sides.diff.removed_lines, old_path),
            (sides.new, sides.new_text_lines, sides.diff.added_lines, sides.diff.path)):
        if table is None:
            continue
        for number in code_lines(lines, numbers, table):
            if (owner := table.owner(number)) is not None:
                weights[owner] += 1
                found[owner] = (table.symbols[owner], path)
    return [_change(symbol, "changed", path, weights[qualname]) for qualname, (symbol, path) in found.items()]


def _told_by_members(sides: ParsedSides, change: SymbolChange, changes: list[SymbolChange]) -> bool:
    """A Python class whose own lines changed only in its docstring, beside members that
    changed: the docstring tells of their change (`force_outputs_fp32 (bool): ...` in the
    class's Args, for the parameter `__init__` gained)."""
    if change.kind != "class" or change.status != "changed" or sides.new is None or sides.old is None \
            or sides.new.comment_lines is not None:
        return False
    own_new = {n for n in sides.added_code_lines if sides.new.owner(n) == change.qualname}
    own_old = {n for n in sides.removed_code_lines if sides.old.owner(n) == change.qualname}
    return own_new <= sides.new.docstring_lines and own_old <= sides.old.docstring_lines \
        and any(other.qualname.startswith(change.qualname + ".") for other in changes)


def _docstring_lines(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The code lines the change added and removed in a Python file's docstrings."""
    if sides.new is None or sides.old is None or sides.new.comment_lines is not None:
        return set(), set()
    return ({n for n in sides.added_code_lines if n in sides.new.docstring_lines},
            {n for n in sides.removed_code_lines if n in sides.old.docstring_lines})


def _header_annotated_alone(old: ModuleSymbols, new: ModuleSymbols,
                            change: SymbolChange) -> tuple[FunctionNode, FunctionNode] | None:
    """A Python function whose header changed only in its annotations (`iterable: Iterator`
    became `iterable: Iterable[_T]`, `-> Iterator[str]` written), its decorators and its code the
    same once its docstring is left out: its old and new definitions; None for any other."""
    if not change.signature_changed or change.parameters_changed or change.async_change \
            or change.kind not in ("function", "method") or new.comment_lines is not None:
        return None
    before, after = old.function(change.qualname), new.function(change.qualname)
    if before is None or after is None or _decorators_and_body(before) != _decorators_and_body(after):
        return None
    return before, after


def _return_annotation_gained(before: FunctionNode, after: FunctionNode) -> bool:
    """Of a function changed in its header's annotations alone, one that only gained a return
    annotation where it had none (`def set_tokenizer(self) -> None:`): it does what it did. The
    annotations of parameters are code that validators, command-line parsers and serializers
    read; an annotation replaced says another type is returned (`-> dict` became `->
    list[dict]`), or is written so that an older Python reads it (`str | None` became
    `Optional[str]`)."""
    return before.returns is None and ast.dump(before.args) == ast.dump(after.args)


def _decorators_and_body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """A function's decorators and body, its docstring left out."""
    body = function.body[1:] if function.body and is_lone_string(function.body[0]) else function.body
    return [ast.dump(node) for node in [*function.decorator_list, *body]]


def _only_reindented(old: ModuleSymbols, before: Symbol, new: ModuleSymbols, after: Symbol) -> bool:
    """A Python function or method whose lines are the same but for their indentation: put
    under an `if` or a `try` (`if _triton_available:`), its code unchanged."""
    return after.kind in ("function", "method") and new.comment_lines is None \
        and _indentation(_line(old.lines, before.start)) != _indentation(_line(new.lines, after.start)) \
        and fingerprint(old, before) == fingerprint(new, after)


def _weigh_members_apart(changes: list[SymbolChange]) -> None:
    """A type added weighs what its members added outside its own lines weigh too: a Rust
    struct's methods are in `impl` blocks, a C++ class's may be defined after it
    (`PyBackendInfo::archs`). A Python class holds its methods, and weighs them already."""
    for member, owner in members_apart(changes):
        owner.weight += member.weight


def members_apart(changes: list[SymbolChange]) -> Iterator[tuple[SymbolChange, SymbolChange]]:
    """Each member added outside the lines of the type it belongs to, a type added by the same
    file's changes, with that type."""
    added_types = {c.qualname: c for c in changes if c.status == "added" and c.kind == "class"}
    for change in changes:
        owner = added_types.get(change.qualname.rpartition("::")[0]) if "::" in change.qualname else None
        if owner is not None and change.status == "added" \
                and not owner.start_line <= change.start_line <= owner.end_line:
            yield change, owner


def _headers_differ(before: Symbol, after: Symbol) -> bool:
    """The signatures differ, and not only in layout (`f(a, b)` split over lines, a trailing
    comma added)."""
    if before.signature == after.signature:
        return False
    if before.kind not in ("function", "method"):
        return True
    old, new = parse_header(before.signature), parse_header(after.signature)
    return old is None or new is None or ast.dump(old) != ast.dump(new)


def _changed_defaults(before: Symbol, after: Symbol) -> list[DefaultChange]:
    old, new = signature_defaults(before.signature), signature_defaults(after.signature)
    return [DefaultChange(parameter=name, old=old[name], new=value) for name, value in new.items()
            if name in old and old[name] != value]


def detect_moves(changes: list[SymbolChange], fingerprints: dict[tuple[str, str], str],
                 name_blind_print: Callable[[SymbolChange], str]) -> None:
    """Pair each removed symbol with an added one in another file (same fingerprint, else same
    qualified name, else, for a symbol of `RENAME_MIN_LINES` or more, the same fingerprint once
    each one's own name is left out: renamed while moving): the added one becomes `moved`, the
    removed one leaves the list.

    `fingerprints` maps (path, qualname) to the symbol's fingerprint on its own side;
    `name_blind_print` makes the name-blind one, asked for only when a removed symbol is left.
    """
    removed = [c for c in changes if c.status == "removed"]
    added = [c for c in changes if c.status == "added"]
    by_print: dict[str, list[SymbolChange]] = {}
    for change in added:
        by_print.setdefault(fingerprints[(change.path, change.qualname)], []).append(change)
    by_blind_print: dict[str, list[SymbolChange]] | None = None
    added_names = Counter(c.qualname for c in added)
    taken: set[int] = set()
    moved_in: dict[int, int] = {}
    for gone in removed:
        candidates = _elsewhere(by_print.get(fingerprints[(gone.path, gone.qualname)], []), gone, taken)
        if not candidates and added_names[gone.qualname] == 1:
            candidates = _elsewhere([c for c in added if c.qualname == gone.qualname], gone, taken)
        if not candidates and may_be_renamed(gone):
            if by_blind_print is None:
                by_blind_print = {}
                for change in added:
                    by_blind_print.setdefault(name_blind_print(change), []).append(change)
            candidates = [c for c in _elsewhere(by_blind_print.get(name_blind_print(gone), []),
                                                gone, taken) if c.kind == gone.kind]
        if not candidates:
            continue
        target = next((c for c in candidates if c.qualname == gone.qualname), candidates[0])
        taken.add(id(target))
        moved_in[id(target)] = target.weight
        _move(target, gone, changes)
    _carry_class_renames(changes)
    _weigh_what_is_new(changes, moved_in)


def may_be_renamed(symbol: SymbolChange) -> bool:
    """Whether a removed symbol is long enough to pair, by its name-blind fingerprint, with one
    added under another name."""
    return symbol.end_line - symbol.start_line + 1 >= RENAME_MIN_LINES


def _weigh_what_is_new(changes: list[SymbolChange], moved_in: dict[int, int]) -> None:
    """A class added around methods that moved into it from another class weighs what is new
    in it, not what moved in (`moved_in`: each moved symbol's weight before it moved)."""
    added = {(c.path, c.qualname): c for c in changes if c.status == "added" and c.kind == "class"}
    for change in changes:
        owner = added.get((change.path, change.qualname.rpartition(".")[0]))
        if owner is not None and change.status == "moved" and id(change) in moved_in:
            owner.weight = max(1, owner.weight - moved_in[id(change)])


def _move(target: SymbolChange, gone: SymbolChange, changes: list[SymbolChange]) -> None:
    target.status = "moved"
    target.old_path = gone.path
    target.old_qualname = gone.qualname if gone.qualname != target.qualname else None
    target.weight = max(1, target.weight // MOVE_WEIGHT_DIVISOR)
    changes.remove(gone)


def _carry_class_renames(changes: list[SymbolChange]) -> None:
    """A class that moved under another name, some of its methods moved with it unchanged
    (`NPUDiffusionModelRunner._prepare_inputs` became `NPUGenerationModelRunner._prepare_inputs`),
    or that was renamed itself: the class moved, and so did its members of the same names that
    changed on the way; a C++ class's members defined outside it follow it in every file
    (`GenerativeSequencer::RescheduleRequest` in its source, as the class became
    `IterativeSequencer` in its header)."""
    renamed = {(c.old_path, owner_of(c.old_qualname), c.path, owner_of(c.qualname))
               for c in changes if c.status == "moved" and c.old_qualname and owner_of(c.qualname)
               and _member_name(c.old_qualname) == _member_name(c.qualname)}
    renamed |= {(c.old_path, c.old_qualname, c.path, c.qualname) for c in changes
                if c.status == "moved" and c.kind == "class" and c.old_qualname}
    for old_path, old_class, path, new_class in sorted(renamed, key=str):
        replaced = any(c.status == "removed" and c.path == old_path and c.qualname == old_class
                       for c in changes) \
            and any(c.status == "added" and c.path == path and c.qualname == new_class for c in changes)
        moved_class = any(c.status == "moved" and c.qualname == new_class and c.old_qualname == old_class
                          for c in changes)
        if not replaced and not moved_class:
            continue
        for old_file, new_file in _files_of(changes, old_path, path, old_class):
            gone = {c.qualname: c for c in changes if c.status == "removed" and c.path == old_file
                    and (c.qualname == old_class or owner_of(c.qualname) == old_class)}
            for target in [c for c in changes if c.status == "added" and c.path == new_file
                           and (c.qualname == new_class or owner_of(c.qualname) == new_class)]:
                origin = gone.get(_under(target.qualname, new_class, old_class))
                if origin is not None and origin.kind == target.kind:
                    _move(target, origin, changes)


def _under(qualname: str, new_class: str, old_class: str) -> str:
    """A member's name under the class's old name; a constructor or destructor is named for
    its class (`IterativeSequencer::IterativeSequencer` was `GenerativeSequencer::GenerativeSequencer`)."""
    member = qualname[len(new_class):]
    new_name, old_name = new_class.rpartition("::")[2], old_class.rpartition("::")[2]
    if member in (f"::{new_name}", f"::~{new_name}"):
        return old_class + member.replace(new_name, old_name)
    return old_class + member


def owner_of(qualname: str) -> str:
    """The class a member belongs to: `Runner` of `Runner.step` and of `Runner::step`."""
    return qualname.rpartition("::")[0] if "::" in qualname else qualname.rpartition(".")[0]


def _member_name(qualname: str) -> str:
    return qualname[len(owner_of(qualname)):].lstrip(":.")


def _files_of(changes: list[SymbolChange], old_path: str, path: str, old_class: str) -> list[tuple[str, str]]:
    """Where a renamed class's members may be paired: from its old file to its new one, and, for a
    C++ class, in each other file that defined members of it (`Class::method` in a source)."""
    pairs = [(old_path, path)]
    if language(path) in C_FAMILY:
        pairs += [(other, other) for other in sorted({c.path for c in changes if c.status == "removed"
                                                      and owner_of(c.qualname) == old_class})
                  if other != old_path]
    return pairs


def _elsewhere(candidates: list[SymbolChange], gone: SymbolChange,
               taken: set[int]) -> list[SymbolChange]:
    """The candidates in another file of the same language family (a Rust test removed and a
    Python test of its name added is a port, not a move), methods of the same name that
    another class of the file took over, or a class of the file under another name."""
    family = _language_family(gone.path)
    return [c for c in candidates if id(c) not in taken and _language_family(c.path) == family
            and (c.path != gone.path or _to_another_class(gone, c)
                 or (c.kind == gone.kind == "class" and c.qualname != gone.qualname))]


def _to_another_class(gone: SymbolChange, came: SymbolChange) -> bool:
    old_class, _, old_name = gone.qualname.rpartition(".")
    new_class, _, new_name = came.qualname.rpartition(".")
    return gone.kind == came.kind == "method" and old_name == new_name and old_class != new_class


def _language_family(path: str) -> str:
    """C, C++ and CUDA share declarations across headers and sources; other languages stand alone."""
    found = language(path)
    return "c++" if found in C_FAMILY else found


def carry_split_renames(files: list[tuple[ParsedSides, list[SymbolChange]]]) -> None:
    """A file renamed out of a module that was split (other symbols of the old file moved to
    other files) is one destination of the split: every symbol it keeps moved too."""
    split_from = {s.old_path for _, changes in files for s in changes
                  if s.status == "moved" and s.old_path}
    for sides, changes in files:
        old_path = sides.diff.old_path
        if sides.diff.status != "renamed" or old_path not in split_from or not sides.old \
                or not sides.new:
            continue
        listed = {change.qualname: change for change in changes}
        for qualname, symbol in sides.new.symbols.items():
            if qualname not in sides.old.symbols:
                continue
            change = listed.get(qualname)
            if change is None:
                change = _change(symbol, "moved", sides.diff.path,
                                 max(1, _code_span(sides.new, symbol) // MOVE_WEIGHT_DIVISOR))
                changes.append(change)
            change.status = "moved"
            change.old_path = old_path


def import_changes(sides: ParsedSides) -> list[ImportChange]:
    """Import statements added, removed, or moved into another guard or scope. One whose line
    the diff neither adds nor removes, in a function or class both before and after, stayed where
    it was: only the scope around it was renamed (`from transformers import GenerationConfig` in a method of
    a class renamed)."""
    old = sides.old.imports if sides.old else []
    new = sides.new.imports if sides.new else []
    old_keys = {(i.statement, i.context) for i in old}
    new_keys = {(i.statement, i.context) for i in new}
    gone = [i for i in old if (i.statement, i.context) not in new_keys]
    came = [i for i in new if (i.statement, i.context) not in old_keys]
    added, removed = set(sides.diff.added_lines), set(sides.diff.removed_lines)
    result: list[ImportChange] = []
    for imp in came:
        origin = next((g for g in gone if g.statement == imp.statement), None)
        if origin is not None:
            gone.remove(origin)
            if sides.diff.hunks and imp.line not in added and origin.line not in removed \
                    and imp.context.split(" ", 1)[0] == origin.context.split(" ", 1)[0] in ("def", "class"):
                continue
            result.append(_import_change(imp, "moved", old_context=origin.context))
        else:
            result.append(_import_change(imp, "added"))
    result.extend(_import_change(i, "removed") for i in gone)
    return result


def _import_change(statement: ImportStatement, status: Literal["added", "removed", "moved"],
                   old_context: str | None = None) -> ImportChange:
    return ImportChange(statement=statement.statement, names=list(statement.names),
                        module=statement.module, status=status, line=statement.line,
                        context=statement.context, old_context=old_context)


def _differs(sides: ParsedSides, before: Symbol, after: Symbol, changed: Counter[str],
             owned: tuple[_OwnedText, _OwnedText]) -> bool:
    """Changed lines inside the symbol, which reads otherwise (the diff may take a line from
    it that its neighbour removed alike: the `@property` above a property dropped before it),
    or decorators it gained or lost where the diff gave no line of its own (a function put
    between a decorator and the one it decorated: the diff adds only the new one's lines);
    without line data, a fingerprint comparison."""
    if sides.diff.hunks:
        old_lines, new_lines = sides.old_text_lines, sides.new_text_lines
        return (changed[after.qualname] > 0 and (
            old_lines[before.start - 1:before.end] != new_lines[after.start - 1:after.end]
            or owned[0](before.qualname) != owned[1](after.qualname))) \
            or before.decorators != after.decorators
    assert sides.old is not None and sides.new is not None
    return fingerprint(sides.old, before) != fingerprint(sides.new, after)


class _OwnedText:
    """The lines each symbol owns, of every definition of its name (overloads share one), read
    once for a side: asked symbol by symbol, a scan of the whole file each time took seconds
    for a header of a thousand overloads."""

    def __init__(self, table: ModuleSymbols | None, lines: list[str]) -> None:
        self._owners = table.owners if table is not None else []
        self._lines = lines
        self._index: dict[str, list[str]] | None = None

    def __call__(self, qualname: str) -> list[str]:
        if self._index is None:
            self._index = {}
            for number, owner in enumerate(self._owners):
                if owner is not None and number <= len(self._lines):
                    self._index.setdefault(owner, []).append(self._lines[number - 1])
        return self._index.get(qualname, [])


def _changed_lines_by_owner(sides: ParsedSides, added: Iterable[int], removed: Iterable[int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    if sides.new:
        counts.update(_owners(sides.new, added))
    if sides.old:
        counts.update(_owners(sides.old, removed))
    return counts


def _owners(table: ModuleSymbols, lines: Iterable[int]) -> Iterable[str]:
    for line in lines:
        if owner := table.owner(line):
            yield owner


def _code_span(table: ModuleSymbols, symbol: Symbol) -> int:
    return max(1, len(code_lines(table.lines, range(symbol.start, symbol.end + 1), table)))


def _change(symbol: Symbol, status: SymbolStatus, path: str, weight: int) -> SymbolChange:
    return SymbolChange(qualname=symbol.qualname, kind=symbol.kind, status=status, path=path,
                        start_line=symbol.start, end_line=symbol.end, weight=weight)
