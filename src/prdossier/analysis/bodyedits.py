"""What each changed function or method does differently: the calls it makes, the keyword
arguments it gives them, the attributes it reads, the exceptions it raises, the tests of its
`if`s and the attributes it sets, read from its syntax tree on both sides and compared.

A callee counts as written (`torch.npu.synchronize`, `self._load`) when its first name is
imported, defined in the module, or the object or class a method belongs to. Built-in
functions and calls that only log are how code is written, not what it does, and are left
out; so are local functions and methods of local objects (`fn()`, `out.append`). A callee
that went and one that came are one replaced by the other when they share their last name
(`torch.cuda.synchronize` became `torch.npu.synchronize`), or when each is the only one that
counts and both sit in one hunk of the diff.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from keyword import iskeyword
from typing import get_args

from prdossier.analysis.models import BodyEdit, EditKind
from prdossier.analysis.pysymbols import (
    MESSAGE_CALLS,
    FunctionNode,
    ModuleSymbols,
    dotted_path,
    shared_start,
    short_name,
    touched_parts,
)
from prdossier.analysis.statements import BUILTIN_NAMES
from prdossier.analysis.symdiff import ParsedSides
from prdossier.sources.models import Hunk

# Functions of one file whose edits are read: what a report can show of a file, at the cost
# of parsing each one's old side again.
MAX_FUNCTIONS = 3
# Characters of an `if` test or an argument's value kept; longer code is cut with an ellipsis.
MAX_CODE = 60
# Characters of what two long texts share kept before the first one where they differ.
SHARED_SHOWN = 20
_OWN = frozenset({"self", "cls"})
_LAUNCH = "[…]"
_NAME = re.compile(r"[A-Za-z_][\w.]*")
_WORD_BEFORE = re.compile(r"\w+$")

Position = tuple[int, int]


@dataclass
class _Body:
    """What one version of a function does, each item at its first position in the code."""

    calls: dict[str, list[ast.Call]] = field(default_factory=dict)
    reads: dict[str, Counter[str]] = field(default_factory=dict)  # attributes by object
    tests: dict[str, Position] = field(default_factory=dict)
    raises: dict[str, Position] = field(default_factory=dict)
    attributes: dict[str, Position] = field(default_factory=dict)

    def callees(self) -> list[str]:
        return sorted(self.calls, key=lambda c: _position(self.calls[c][0]))


def body_edits(sides: ParsedSides) -> dict[str, list[BodyEdit]]:
    """The edits of the functions and methods on both sides with the most code lines the
    change touched (the first in the file of as many), `MAX_FUNCTIONS` of them."""
    old, new = sides.old, sides.new
    if old is None or new is None or not old.parses or not new.parses:
        return {}
    touched = Counter(owner for owner in map(new.owner, sides.added_code_lines) if owner)
    touched.update(owner for owner in map(old.owner, sides.removed_code_lines) if owner)
    functions = sorted((q for q in touched if q in old.symbols and q in new.symbols
                        and new.symbols[q].kind in ("function", "method")),
                       key=lambda q: (-touched[q], new.symbols[q].start))[:MAX_FUNCTIONS]
    old_roots, new_roots = _known_roots(old), _known_roots(new)
    edits: dict[str, list[BodyEdit]] = {}
    for qualname in functions:
        before = _version(old, qualname, sides.removed_code_lines, sides.old_gaps, old_roots)
        after = _version(new, qualname, sides.added_code_lines, sides.new_gaps, new_roots)
        if before is None or after is None:
            continue
        try:
            found = function_edits(before, after, sides.diff.hunks)
        except RecursionError:  # an expression nested deeper than `ast.unparse` goes
            continue
        if found:
            edits[qualname] = found
    return edits


@dataclass(frozen=True)
class FunctionVersion:
    """One side of a changed function: its node, its own lines, the lines the change touched
    in it and the gaps it left there (both numbered as in the node), and the names a callee
    of interest starts with."""

    node: FunctionNode
    text: str
    lines: list[int]
    gaps: list[tuple[int, int]]
    roots: frozenset[str]
    offset: int  # what the node's line numbers lack of the file's


def _version(table: ModuleSymbols, qualname: str, lines: Iterable[int],
             gaps: list[tuple[int, int]], roots: frozenset[str]) -> FunctionVersion | None:
    node = table.function(qualname)
    if node is None:
        return None
    symbol = table.symbols[qualname]
    # A function read from its own lines is numbered from its first one, decorators included.
    offset = symbol.start - min([node.lineno, *(d.lineno for d in node.decorator_list)])

    def inside(line: int) -> bool:
        return symbol.start <= line <= symbol.end

    return FunctionVersion(
        node=node, text="\n".join(table.lines[symbol.start - 1:symbol.end]),
        lines=sorted(line - offset for line in lines if inside(line)),
        gaps=[(a - offset, b - offset) for a, b in gaps if inside(a) and inside(b)], roots=roots,
        offset=offset)


def function_edits(before: FunctionVersion, after: FunctionVersion,
                   hunks: list[Hunk]) -> list[BodyEdit]:
    """The edits from one version of a function to the next, most telling kind first. What is
    compared is the code the change touched on each side; a call counts as added only when the
    function made it nowhere before, and as removed only when it makes it nowhere now."""
    old = _read(touched_parts(before.node.body, before.lines, before.gaps))
    new = _read(touched_parts(after.node.body, after.lines, after.gaps))
    came = [c for c in new.callees() if c not in old.calls and _counts(c, after.roots)]
    went = [c for c in old.callees() if c not in new.calls and _counts(c, before.roots)]
    replaced = _same_method_elsewhere(went, came)
    came = [c for c in came if c not in replaced.values() and not _calls(before.text, c)]
    went = [c for c in went if c not in replaced and not _calls(after.text, c)]
    if len(came) == 1 == len(went) and _in_one_hunk(
            old.calls[went[0]][0].lineno + before.offset, new.calls[came[0]][0].lineno + after.offset,
            hunks):
        replaced[went.pop()] = came.pop()
    edits = [BodyEdit(kind="call-replaced", subject=now, was=was) for was, now in replaced.items()]
    edits += _read_edits(old.reads, new.reads)
    for callee in (c for c in new.callees() if c in old.calls):
        edits += _keyword_edits(callee, old.calls[callee], new.calls[callee])
    edits += _set_edits(old.raises, new.raises, "raise-added", "raise-removed")
    tests_came = [t for t in _in_order(new.tests) if t not in old.tests]
    tests_went = [t for t in _in_order(old.tests) if t not in new.tests]
    for was, now in _retested(tests_went, tests_came):
        subject, shown_was = _cut_apart(now, was)
        edits.append(BodyEdit(kind="test-changed", subject=subject, was=shown_was))
        tests_went.remove(was)
        tests_came.remove(now)
    edits += [BodyEdit(kind="branch-added", subject=_cut(t)) for t in tests_came]
    edits += [BodyEdit(kind="branch-removed", subject=_cut(t)) for t in tests_went]
    edits += [BodyEdit(kind="call-added", subject=c) for c in came]
    edits += [BodyEdit(kind="call-removed", subject=c) for c in went]
    edits += _set_edits(old.attributes, new.attributes, "attribute-set", "attribute-unset")
    return sorted(edits, key=lambda edit: _KIND_ORDER.index(edit.kind))


_KIND_ORDER = get_args(EditKind)  # declared most telling first


def _read(parts: Iterable[ast.AST]) -> _Body:
    body = _Body()
    callees: set[int] = set()
    for part in parts:
        for node in ast.walk(part):  # breadth first: a call comes before its callee's parts
            if isinstance(node, ast.Call):
                callees.update(id(link) for link in _chain(node.func))
                if callee := _callee(node.func):
                    body.calls.setdefault(callee, []).append(node)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) \
                    and id(node) not in callees and (owner := dotted_path(node.value)):
                body.reads.setdefault(owner, Counter())[node.attr] += 1
            elif isinstance(node, ast.If | ast.IfExp):
                _note(body.tests, _code(node.test), node)
            elif isinstance(node, ast.Raise) and node.exc is not None:
                raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                if name := dotted_path(raised):
                    _note(body.raises, name, node)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for attribute in _own_attributes(target):
                        _note(body.attributes, attribute, node)
    return body


def _callee(func: ast.expr) -> str:
    """A callee as written; a launch of a kernel on a grid (`kernel[grid](...)`) as `kernel[…]`."""
    if isinstance(func, ast.Subscript) and (kernel := dotted_path(func.value)):
        return kernel + _LAUNCH
    return dotted_path(func)


def _chain(node: ast.expr) -> Iterable[ast.expr]:
    """The attributes a dotted callee is made of, outermost first (`torch.cuda.synchronize`,
    `torch.cuda`): reading them is calling, not reading."""
    if isinstance(node, ast.Subscript):
        node = node.value
    while isinstance(node, ast.Attribute):
        yield node
        node = node.value


def _own_attributes(target: ast.expr) -> Iterable[str]:
    if isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _own_attributes(element)
    elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
            and target.value.id in _OWN:
        yield f"{target.value.id}.{target.attr}"


def _note(seen: dict[str, Position], text: str, node: ast.AST) -> None:
    position = _position(node)
    if text not in seen or position < seen[text]:
        seen[text] = position


def _position(node: ast.AST) -> Position:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _in_order(seen: dict[str, Position]) -> list[str]:
    return sorted(seen, key=seen.__getitem__)


def _set_edits(old: dict[str, Position], new: dict[str, Position], added: EditKind,
               removed: EditKind) -> list[BodyEdit]:
    return [BodyEdit(kind=added, subject=s) for s in _in_order(new) if s not in old] + \
        [BodyEdit(kind=removed, subject=s) for s in _in_order(old) if s not in new]


def _retested(went: list[str], came: list[str]) -> list[tuple[str, str]]:
    """Tests that became others: the only one that went and the only one that came, else each
    that went with one that came and holds it, or is held in it: a test widened or narrowed
    (`not layer_types or head_dim is None` became `not layer_types`)."""
    if len(went) == 1 == len(came):
        return [(went[0], came[0])]
    pairs: list[tuple[str, str]] = []
    left = list(came)
    for was in went:
        now = next((t for t in left if was in t or t in was), None) \
            or next((t for t in left if _names_held(was, t)), None)
        if now is not None:
            pairs.append((was, now))
            left.remove(now)
    return pairs


def _names_held(one: str, other: str) -> bool:
    """One test names nothing the other does not (`not (hopper or sm100)` and `not (hopper or
    sm100 or sm120)`), and names something."""
    names = [{word for word in _NAME.findall(test) if not iskeyword(word)} for test in (one, other)]
    return bool(names[0] and names[1]) and (names[0] <= names[1] or names[1] <= names[0])


def _read_edits(old: dict[str, Counter[str]], new: dict[str, Counter[str]]) -> list[BodyEdit]:
    """Of each object read on both sides, the one attribute now read more often in place of
    the one now read less (`self.block_size` became `self.storage_block_size` in one place)."""
    edits = []
    for owner in sorted(new.keys() & old.keys()):
        came, went = list(new[owner] - old[owner]), list(old[owner] - new[owner])
        if len(came) == 1 == len(went):
            edits.append(BodyEdit(kind="read-replaced", subject=f"{owner}.{came[0]}",
                                  was=f"{owner}.{went[0]}"))
    return edits


def _keyword_edits(callee: str, old: list[ast.Call], new: list[ast.Call]) -> list[BodyEdit]:
    """The keywords the calls are given anew, no longer, or with another value. Of those given
    anew, the ones whose values the old calls did not pass by position come first: they, not the
    arguments only named now, are what the calls pass otherwise (`intra_op_parallelism=...`
    beside `block_size=aio_config[AIO_BLOCK_SIZE]`, which was the first positional argument)."""
    before, after = _keywords(old), _keywords(new)
    positional = {_code(argument) for call in old for argument in call.args}
    edits = []
    came = [_cut(_argument(name, value)) for name, value in sorted(
        ((name, value) for name, value in after.items() if name not in before),
        key=lambda item: item[1] in positional)]
    went = [_cut(_argument(name, value)) for name, value in before.items() if name not in after]
    if came:
        edits.append(BodyEdit(kind="keywords-added", subject=callee, items=came))
    if went:
        edits.append(BodyEdit(kind="keywords-removed", subject=callee, items=went))
    if len(old) == 1 == len(new):  # which call gives what is plain only for one call each
        for name, value in after.items():
            if name in before and not name.startswith("**") and value != before[name]:
                now, was = _cut_apart(_argument(name, value), _argument(name, before[name]), len(name) + 1)
                edits.append(BodyEdit(kind="keywords-changed", subject=callee, items=[now], was=was))
    return edits


def _keywords(calls: list[ast.Call]) -> dict[str, str]:
    """Each keyword the calls are given, with its value in the first call that gives it; a
    dict of them passed whole (`**options`) under `**` and its code."""
    found: dict[str, str] = {}
    for call in calls:
        for keyword in call.keywords:
            value = _code(keyword.value)
            found.setdefault(keyword.arg if keyword.arg is not None else f"**{value}", value)
    return found


def _argument(name: str, value: str) -> str:
    return name if name.startswith("**") else f"{name}={value}"


def _same_method_elsewhere(went: list[str], came: list[str]) -> dict[str, str]:
    """Each callee that went paired with one that came under the same name on another
    receiver (`torch.cuda.synchronize` and `torch.npu.synchronize`)."""
    pairs: dict[str, str] = {}
    for gone in went:
        match = next((c for c in came if "." in c + gone and short_name(c) == short_name(gone)
                      and c not in pairs.values()), None)
        if match is not None:
            pairs[gone] = match
    return pairs


def _in_one_hunk(old_line: int, new_line: int, hunks: list[Hunk]) -> bool:
    return any(h.old_start <= old_line < h.old_start + h.old_lines
               and h.new_start <= new_line < h.new_start + h.new_lines for h in hunks)


def _calls(text: str, callee: str) -> bool:
    """Whether the code calls `callee` anywhere, as its text shows."""
    name, launch, _ = callee.partition(_LAUNCH)
    opening = r"\[" if launch else r"\("
    return re.search(rf"(?<![\w.]){re.escape(name)}\s*{opening}", text) is not None


def _counts(callee: str, roots: frozenset[str]) -> bool:
    name = callee.removesuffix(_LAUNCH)
    if name in BUILTIN_NAMES or short_name(name) in MESSAGE_CALLS:
        return False
    return name.split(".", 1)[0] in roots or ("*" in roots and "." not in name)


def _known_roots(table: ModuleSymbols) -> frozenset[str]:
    """The names a callee of interest starts with: the module's imports and its own names,
    and the object or class a method belongs to."""
    return frozenset(table.imported_names) | table.defined | _OWN


def _code(node: ast.expr) -> str:
    return " ".join(ast.unparse(node).split())


def _cut(code: str) -> str:
    return code if len(code) <= MAX_CODE else code[:MAX_CODE - 1] + "…"


def _cut_apart(now: str, was: str, kept: int = 0) -> tuple[str, str]:
    """Two versions of one piece of code, cut so that where they differ shows: past their
    first `kept` characters (an argument's `name=`), a long start they share gives way to an
    ellipsis from the start of a word before the first difference."""
    if len(now) > MAX_CODE or len(was) > MAX_CODE:
        start = shared_start(now, was) - SHARED_SHOWN
        word = _WORD_BEFORE.search(now, 0, max(start, 0))
        if word and len(word.group()) < SHARED_SHOWN:
            start = word.start()
        if start > kept + 1:
            now, was = (f"{text[:kept]}…{text[start:]}" for text in (now, was))
    return _cut(now), _cut(was)
