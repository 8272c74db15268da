"""Symbols of C, C++, CUDA, Rust and Java sources, read with tree-sitter's grammars for them.

C, C++ and CUDA: functions (free, member, out-of-class `Class::method`, templates), the
prototypes of functions and of the methods a class declares, function-like macros, classes
and structs with a body, wherever they sit:
in namespaces, `extern "C"` blocks and preprocessor conditionals. Rust: functions, the
methods of `impl` and `trait` blocks (`Type::method`), structs, enums, unions and traits,
constants and statics, in modules (`module::name`). Java: classes, interfaces, enums and records
(`Outer.Inner`), their methods and constructors (`Class.method`) and `static final` fields.
tree-sitter recovers from what it cannot parse (CUDA's `<<<...>>>` launches, macros), so a
file always yields the definitions it can recognise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache, lru_cache

import tree_sitter_cpp
import tree_sitter_java
import tree_sitter_rust
from tree_sitter import Language, Node, Parser, Query, QueryCursor

from prdossier.analysis.paths import C_FAMILY
from prdossier.analysis.pysymbols import ModuleSymbols, Symbol, SymbolKind

# `ERROR`: what tree-sitter could not fit to the grammar (a namespace whose last class it
# cannot close) still holds the classes and functions it read whole; those it read with errors
# of their own are left out (a macro taken for a function that runs to the end of the file).
_CONTAINERS = {"translation_unit", "namespace_definition", "linkage_specification",
               "declaration_list", "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif",
               "preproc_elifdef", "template_declaration", "ERROR"}
_CLASSES = {"class_specifier": "class", "struct_specifier": "class", "union_specifier": "class"}
_WRAPPERS = {"pointer_declarator", "reference_declarator", "function_declarator",
             "parenthesized_declarator", "attributed_declarator"}
_OPERATOR = re.compile(r"operator\W")
_NAMES = {"identifier", "field_identifier", "qualified_identifier", "destructor_name",
          "operator_name", "template_function", "operator_cast"}


CONDITIONAL = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b", re.MULTILINE)
_RUST_CONTAINERS = {"source_file", "declaration_list"}
_RUST_TYPES = {"struct_item", "enum_item", "union_item"}
_RUST_CONSTANTS = {"const_item", "static_item"}
# PyO3's marks of what Python calls: a `#[pyfunction]`, a `#[pymethods]` block's methods.
_PYO3_FUNCTION = re.compile(r"^#\[pyfunction\b")
_PYO3_METHODS = re.compile(r"^#\[pymethods\b")


@cache
def _parser(grammar: Callable[[], object]) -> Parser:
    return Parser(Language(grammar()))


# What a C++ file's table marks beside its symbols, found in one walk of the tree (a query
# each took as long as the parse): its comments, the braces of each enum's list of values, and
# its anonymous namespaces.
_CPP_MARKS = Query(Language(tree_sitter_cpp.language()), """
    (comment) @comment
    (enum_specifier body: (enumerator_list) @values)
    (namespace_definition !name) @namespace""")
_RUST_COMMENTS = Query(Language(tree_sitter_rust.language()), "[(line_comment) (block_comment)] @comment")
_JAVA_COMMENTS = Query(Language(tree_sitter_java.language()), "[(line_comment) (block_comment)] @comment")
# pybind11's and nanobind's binding calls, a name for Python first: `m.def("silu", &silu)`,
# `cls.def_static("create", ...)`, `.def_readwrite("size", &Options::size)`.
_BINDING_CALLS = Query(Language(tree_sitter_cpp.language()), """
    (call_expression
      function: (field_expression field: (field_identifier) @method (#match? @method "^def(_\\w+)?$"))
      arguments: (argument_list . (string_literal (string_content) @name))) @call""")
# GoogleTest's macros that define a test: `TEST_F(TensorTest, TestAdd) {...}` is the test
# `TensorTest.TestAdd`, as its runner names it.
_TEST_MACROS = frozenset({"TEST", "TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P", "GTEST_TEST"})
# A macro's name, in upper case with underscores; such a macro may open a definition named by
# its one argument, as a file defines many with it: `DEFINE_BUILTIN_OP_IMPORTER(Loop) {...}`,
# `TORCH_IMPL_FUNC(addmm_out_cuda)(const Tensor& self) {...}`.
MACRO_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")


@lru_cache(maxsize=64)
def parse_native(text: str) -> ModuleSymbols:
    """The definitions of one C/C++/CUDA file, as a table like a Python module's.

    tree-sitter reads each branch of an `#if` as code of its own, so a function whose body
    opens a brace in one conditional and closes it in another (`#if __CUDA_ARCH__ < 800` /
    `if (bf16) {...} else {` / `#endif`) can be lost to the parser's recovery, which leaves its
    pieces where only declarations belong. Where it did, the file is read again with the
    directives blanked and every branch kept (the first alone where each branch opens the same
    block with its own header), and where that reading still lost some, once more with only
    the first branch of each conditional kept; definitions only these readings find are added,
    one the first reading cut out of its class goes by the name they give it, and one it cut
    short (an `if` continued by an `else if` behind an `#if`) reaches as far as they read it."""
    readable = _readable(text)
    table, root = _parse(text, tree_sitter_cpp.language, _visit, readable)
    if root is None:
        return table
    marks = QueryCursor(_CPP_MARKS).captures(root)
    table.comment_lines = _comment_lines(root, marks.get("comment", []))
    table.enumerator_lines = _lines_spanned(marks.get("values", []))
    table.bindings = _binding_calls(root) if ".def" in readable else ()
    hidden = _lines_spanned(marks.get("namespace", []))
    if CONDITIONAL.search(text):
        for first_only in (False, True):
            if root is None or not root.has_error or not _stray_code(root):
                break
            reading, root = _parse(_without_conditionals(readable, first_only), tree_sitter_cpp.language,
                                   _visit)
            _rescope(table, reading)
            _add_missing(table, reading)
            _extend_cut_short(table, reading)
    if "<" in text:
        _name_lone_specializations_plainly(table)
    table.file_local = frozenset(name for name, symbol in table.symbols.items() if symbol.start in hidden)
    return table


def _rescope(table: ModuleSymbols, reading: ModuleSymbols) -> None:
    """A definition the parser's recovery cut out of its class (`describe` where the class
    holds it) goes by the name a re-reading finds at the same line (`Heuristics::describe`)."""
    found_at = {symbol.start: qualname for qualname, symbol in reading.symbols.items()}
    renamed: dict[str, str] = {}
    for qualname, symbol in table.symbols.items():
        scoped = found_at.get(symbol.start)
        if scoped is not None and scoped not in table.symbols and scoped.endswith(f"::{qualname}"):
            renamed[qualname] = scoped
    if renamed:
        table.symbols = {renamed.get(name, name): reading.symbols[renamed[name]] if name in renamed
                         else symbol for name, symbol in table.symbols.items()}
        table.owners = [renamed.get(owner, owner) if owner is not None else None for owner in table.owners]


def _add_missing(table: ModuleSymbols, reading: ModuleSymbols) -> None:
    """The definitions only the re-reading found, each owning the lines it owns there that no
    definition owns in the table."""
    added = {qualname for qualname in reading.symbols if qualname not in table.symbols}
    for qualname in added:
        table.symbols[qualname] = reading.symbols[qualname]
    for line, owner in enumerate(reading.owners):
        if owner in added and table.owners[line] is None:
            table.owners[line] = owner


def _extend_cut_short(table: ModuleSymbols, reading: ModuleSymbols) -> None:
    """A definition the re-reading finds at the same line as the table but ending later takes
    the re-reading's extent, and the lines past its old end that no definition owns."""
    for qualname, symbol in list(table.symbols.items()):
        longer = reading.symbols.get(qualname)
        if longer is None or longer.start != symbol.start or longer.end <= symbol.end:
            continue
        table.symbols[qualname] = longer
        for line in range(symbol.end + 1, min(longer.end + 1, len(table.owners))):
            if table.owners[line] is None:
                table.owners[line] = qualname


def _name_lone_specializations_plainly(table: ModuleSymbols) -> None:
    """A class template specialized once in the file goes by the template's name, its methods
    too: `Mainloop<XeDefault<Stages>, CausalMask_, PagedKV_>::operator()` is
    `Mainloop::operator()`, as `Gather<T>::run` is `Gather::run`. Where the file specializes a
    template several times (`MfmaTraits<half>`, `MfmaTraits<__hip_bfloat16>`), each keeps its
    arguments: they tell the specializations apart. A name another symbol already has stays."""
    spellings: dict[str, set[str]] = {}
    for qualname, symbol in table.symbols.items():
        scopes = _scopes(qualname)
        for scope in scopes if symbol.kind == "class" else scopes[:-1]:
            if (plain := without_template_arguments(scope)) != scope:
                spellings.setdefault(plain, set()).add(scope)
    lone = {next(iter(scopes)): plain for plain, scopes in spellings.items() if len(scopes) == 1}
    if not lone:
        return
    renamed: dict[str, str] = {}
    for qualname, symbol in table.symbols.items():
        scopes = _scopes(qualname)
        kept = 0 if symbol.kind == "class" else 1
        plain = "::".join([*(lone.get(scope, scope) for scope in scopes[:len(scopes) - kept]),
                           *scopes[len(scopes) - kept:]])
        if plain != qualname and plain not in table.symbols:
            renamed[qualname] = plain
    table.symbols = {renamed.get(name, name): (replace(symbol, qualname=renamed[name]) if name in renamed
                                               else symbol) for name, symbol in table.symbols.items()}
    table.owners = [renamed.get(owner, owner) if owner is not None else None for owner in table.owners]


@lru_cache(maxsize=64)
def parse_rust(text: str) -> ModuleSymbols:
    """The definitions of one Rust file, as a table like a Python module's."""
    return _parse_commented(text, tree_sitter_rust.language, _visit_rust, _RUST_COMMENTS)


@lru_cache(maxsize=64)
def parse_java(text: str) -> ModuleSymbols:
    """The definitions of one Java file, as a table like a Python module's."""
    return _parse_commented(text, tree_sitter_java.language, _visit_java, _JAVA_COMMENTS)


def _parse_commented(text: str, grammar: Callable[[], object],
                     visit: Callable[[Node, str, ModuleSymbols], None], comments: Query) -> ModuleSymbols:
    """The file's table, with the lines that hold nothing but the comments the query finds."""
    table, root = _parse(text, grammar, visit)
    if root is not None:
        table.comment_lines = _comment_lines(root, QueryCursor(comments).captures(root).get("comment", []))
    return table


def _parse(text: str, grammar: Callable[[], object], visit: Callable[[Node, str, ModuleSymbols], None],
           readable: str | None = None) -> tuple[ModuleSymbols, Node | None]:
    """The file's table, and the root of its syntax tree unless it was nested too deeply;
    `readable`, the text with what the grammar misreads blanked in place, is what is parsed."""
    lines = text.splitlines()
    table = ModuleSymbols(text=text, owners=[None] * (len(lines) + 2))
    root = _parser(grammar).parse((readable or text).encode("utf-8", "replace")).root_node
    try:
        visit(root, "", table)
    except RecursionError:  # namespaces, modules or #if blocks nested deeper than the stack goes
        return ModuleSymbols(text=text, error="RecursionError: nested too deeply"), None
    return table, root


def _comment_lines(root: Node, comments: list[Node]) -> frozenset[int]:
    """The lines that hold nothing but comments: every line a comment spans, less its first
    when code comes before it and its last when code follows it on that line."""
    data = root.text or b""
    found: set[int] = set()
    for node in comments:
        first, last = _line(node.start_point), _line(node.end_point)
        before = data[data.rfind(b"\n", 0, node.start_byte) + 1:node.start_byte]
        line_end = data.find(b"\n", node.end_byte)
        after = data[node.end_byte:line_end if line_end >= 0 else len(data)]
        found.update(range(first if not before.strip() else first + 1,
                           last + 1 if not after.strip() else last))
    return frozenset(found)


def _lines_spanned(nodes: list[Node]) -> frozenset[int]:
    """Every line of these nodes: an enum's braced list of values, a `namespace { ... }` block
    (what that defines only its file sees)."""
    return frozenset(number for node in nodes
                     for number in range(_line(node.start_point), _line(node.end_point) + 1))


def _binding_calls(root: Node) -> tuple[tuple[str, int, int], ...]:
    """Each call that binds a name for Python: the name, and the call's first and last lines,
    the function it binds included."""
    return tuple((name.text.decode("utf-8", "replace") if name.text else "", _line(call.start_point),
                  _line(call.end_point))
                 for _, captures in QueryCursor(_BINDING_CALLS).matches(root)
                 for call, name in zip(captures["call"], captures["name"], strict=True))


# What only a function holds: found among declarations, it is a lost definition's remains,
# as is a stretch of lines the parser could not read (a macro's expansion site, `REGISTER(half)`,
# and a `__launch_bounds__(...)` it could not place, each on one line, are no sign).
_STATEMENTS = {"function_declarator", "compound_statement", "if_statement", "for_statement",
               "while_statement", "return_statement"}
_UNREAD_LINES = 3


def _stray_code(node: Node) -> bool:
    return any(child.type in _STATEMENTS or (child.type in _CONTAINERS and _stray_code(child))
               or (child.type == "ERROR" and child.end_point[0] - child.start_point[0] >= _UNREAD_LINES - 1)
               for child in node.named_children)


def conditional_lines(lines: Iterable[str]) -> Iterator[str | None]:
    """For each line, the conditional directive it opens (`if`, `ifdef`, `elif`, `else`,
    `endif`, ...), "" for a line a directive continues onto after a backslash, and None for
    any other line."""
    continued = False
    for line in lines:
        directive = None if continued else CONDITIONAL.match(line)
        yield "" if continued else (directive[1] if directive else None)
        continued = (continued or directive is not None) and line.rstrip().endswith("\\")


# A class or struct declared with an export macro between its keyword and its name (`class
# TORCH_API Tensor {`, `struct C10_API Storage : Base {`): the grammar, which knows no macros,
# reads a function named after the class whose type is `class TORCH_API`, and none of its members.
_EXPORT_MACRO = re.compile(
    r"\b(?:class|struct)\s+([A-Z][A-Z0-9_]*[A-Z0-9])\s+(?=[A-Za-z_]\w*\s*(?:final\s*)?[:{])")


# A CUDA kernel's launch bounds (`__launch_bounds__(kNumThreads, 1) __global__ void clean(...)`):
# the grammar reads a function named `__launch_bounds__`, or one whose header starts after them.
_LAUNCH_BOUNDS = re.compile(r"\b__launch_bounds__\s*\((?:[^()]|\([^()]*\))*\)")


# An export macro before a function that returns a pointer or a reference to a named type
# (`TRITONBACKEND_ISPEC TRITONSERVER_Error*` / `TRITONBACKEND_Finalize(...)`): the grammar reads the
# macro as the type, and the function's name as the type's pointer declarator inside a namespace.
_MACRO_BEFORE_POINTER_TYPE = re.compile(
    r"^[ \t]*([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])(?=[ \t]+(?:const[ \t]+)?[A-Za-z_][\w:]*(?:<[^;{}()\n]*>)?"
    r"[ \t]*[*&]+[ \t]*\n?[ \t]*[A-Za-z_][\w:]*[ \t]*\()", re.MULTILINE)


def _readable(text: str) -> str:
    """The text with the export macros of its class declarations and of its functions that
    return pointers, the launch bounds of its kernels and the macros standing alone before a
    namespace blanked, column for column."""
    if "__launch_bounds__" in text:
        text = _LAUNCH_BOUNDS.sub(lambda found: re.sub(r"[^\n]", " ", found.group(0)), text)
    if "namespace" in text:
        text = _MACRO_BEFORE_NAMESPACE.sub(lambda found: " " * len(found.group(1)), text)
    text = _MACRO_BEFORE_POINTER_TYPE.sub(lambda found: " " * len(found.group(1)), text)
    return _EXPORT_MACRO.sub(
        lambda found: found.group(0).replace(found.group(1), " " * len(found.group(1))), text)


# A macro alone on its line before a namespace is opened (`BULK_NAMESPACE_PREFIX` / `namespace
# bulk {`): the grammar, which knows no macros, reads a declaration named `namespace`.
_MACRO_BEFORE_NAMESPACE = re.compile(r"^(_*[A-Z][A-Z0-9_]*[A-Z0-9])[ \t]*$(?=\n\s*namespace\b)", re.MULTILINE)


def _without_conditionals(text: str, first_only: bool) -> str:
    """The text with its conditional directives blanked, line for line, and the branches after
    the first of each conditional whose branches all open (or all close) the same number of
    braces (`#if V >= 8907` / `if (a || b) {` / `#else` / `if (a) {` / `#endif`): kept together they
    would open the block twice. With `first_only`, every `#elif` and `#else` branch goes."""
    lines = text.split("\n")
    directives = list(conditional_lines(lines))
    dropped = _later_branches(lines, directives, everywhere=first_only)
    return "\n".join("" if directive is not None or index in dropped else line
                     for index, (line, directive) in enumerate(zip(lines, directives, strict=True)))


def _later_branches(lines: list[str], directives: list[str | None], everywhere: bool) -> set[int]:
    """The indices of the lines in the second and later branches of the conditionals that
    `_without_conditionals` drops."""
    dropped: set[int] = set()
    open_conditionals: list[list[list[int]]] = []  # per open conditional, each branch's line indices
    for index, directive in enumerate(directives):
        if directive in ("else", "elif", "elifdef", "elifndef") and open_conditionals:
            open_conditionals[-1].append([])
            continue
        if directive == "endif" and open_conditionals:
            branches = open_conditionals.pop()
            if len(branches) > 1 and (everywhere or _open_alike(branches, lines)):
                dropped.update(line for branch in branches[1:] for line in branch)
        for branches in open_conditionals:
            branches[-1].append(index)
        if directive is not None and directive.startswith("if"):
            open_conditionals.append([[]])
    return dropped


def _open_alike(branches: list[list[int]], lines: list[str]) -> bool:
    balances = {sum(lines[index].count("{") - lines[index].count("}") for index in branch)
                for branch in branches}
    return len(balances) == 1 and 0 not in balances


NATIVE_PARSERS: dict[str, Callable[[str], ModuleSymbols]] = {
    **dict.fromkeys(C_FAMILY, parse_native), "rust": parse_rust, "java": parse_java}


def _visit(node: Node, prefix: str, table: ModuleSymbols) -> None:
    for child in node.named_children:
        if node.type == "ERROR" and node.parent is not None and child.has_error:
            continue  # a root that is itself an error keeps all it holds, as it always did
        if child.type == "function_definition":
            _record_function(child, prefix, table)
        elif child.type in _CLASSES:
            _record_class(child, prefix, table)
        elif child.type in _CONTAINERS:
            _visit(child, prefix, table)
        elif child.type == "preproc_function_def":
            _record_macro(child, table)
        elif child.type in ("expression_statement", "call_expression") and not prefix:
            _record_defining_macro_call(child, table)
        elif child.type in ("declaration", "field_declaration") \
                and _function_declarator(child.child_by_field_name("declarator")):
            _record_function(child, prefix, table)  # a prototype: `void run(int n);`, in a class too
        elif child.type == "declaration" and _declares_constants(child):
            _record_constants(child, prefix, table)
        elif child.type in ("declaration", "field_declaration", "type_definition"):
            for part in child.named_children:  # `struct S {...} s;`, `typedef struct S {...} T;`
                if part.type in _CLASSES:
                    _record_class(part, prefix, table)


def _declares_constants(node: Node) -> bool:
    """A declaration outside classes and functions of names given their values once for all:
    `constexpr const char* LAST_RELEASE_VERSION = "1.10.2";`, `static constexpr int ROTATION[8][2]
    = {...};`."""
    return any(part.type == "type_qualifier" and _text(part) in ("const", "constexpr")
               for part in node.named_children) \
        and any(part.type == "init_declarator" for part in node.named_children)


def _record_constants(node: Node, prefix: str, table: ModuleSymbols) -> None:
    for part in node.named_children:
        if part.type != "init_declarator":
            continue
        declarator = part.child_by_field_name("declarator")
        while declarator is not None and declarator.type in _WRAPPERS | {"array_declarator"}:
            declarator = _inner(declarator)
        if declarator is not None and declarator.type == "identifier":
            _record(table, Symbol(qualname=prefix + _text(declarator), kind="constant",
                                  start=_line(node.start_point), end=_line(node.end_point),
                                  signature="", decorators=()))


def _record_function(node: Node, prefix: str, table: ModuleSymbols) -> None:
    declarator = node.child_by_field_name("declarator")
    name = _declared_name(declarator)
    if name is None:
        return
    if name in _TEST_MACROS and node.child_by_field_name("type") is None:
        name = _test_name(declarator) or name
    elif MACRO_NAME.match(name) and node.child_by_field_name("type") is None:
        if prefix and node.child_by_field_name("body") is None:
            return  # a macro a class body invokes (`DNNL_DISALLOW_COPY_AND_ASSIGN(kernel);`) is no member
        name = _macro_definition_name(name, declarator) or name
    if "<" in name and node.parent is not None and node.parent.type == "template_declaration":
        name = _without_parameters_as_arguments(name, node.parent)
    body = node.child_by_field_name("body")
    header_end = body.start_byte if body is not None else node.end_byte
    signature = " ".join(_text(node, header_end - node.start_byte).split())
    parameters = _parameters(declarator)
    kind: SymbolKind = "method" if prefix or "::" in name else "function"
    _record(table, Symbol(qualname=prefix + name, kind=kind, start=_line(node.start_point),
                          end=_line(node.end_point), signature=signature, decorators=(),
                          parameters=parameters))


def _without_parameters_as_arguments(name: str, template: Node | None) -> str:
    """An out-of-class member of a class template named as its class is, without the template's
    own parameters given back as arguments: `jit_brgemm_kernel_t<isa, Wmm>::generate` is
    `jit_brgemm_kernel_t::generate`."""
    parameters = _template_parameters(template)
    scopes = _scopes(name)
    return "::".join([*(_bare_if_generic(scope, parameters) for scope in scopes[:-1]), scopes[-1]])


def _template_parameters(template: Node | None) -> set[str]:
    """The names of the parameters of the template declaration and of those around it."""
    parameters: set[str] = set()
    while template is not None and template.type == "template_declaration":
        listed = template.child_by_field_name("parameters")
        for parameter in listed.named_children if listed is not None else ():
            named = [part for part in parameter.named_children
                     if part.type in ("type_identifier", "identifier")]
            parameters.update(_text(part) for part in named[-1:])
        template = template.parent
    return parameters


def _bare_if_generic(scope: str, parameters: set[str]) -> str:
    """A class template's name without its arguments where they are the template's own
    parameters (`jit_brgemm_kernel_t<isa, Wmm>`) or only constrain them (`perf_blas<T, U,
    std::enable_if_t<...>>`). A specialization's arguments say which one it is
    (`Allocator<AllocatorType::CUDA>`, `Helper<T, true, false>`) and stay."""
    bare = without_template_arguments(scope)
    arguments = _template_arguments(scope[len(bare) + 1:-1]) if bare != scope else []
    generic = all(argument in parameters or _ENABLE_IF.match(argument) for argument in arguments)
    return bare if arguments and generic else scope


# A template argument that only admits some of the parameters' values: `std::enable_if_t<...>`,
# `typename std::enable_if<...>::type`.
_ENABLE_IF = re.compile(r"^(typename\s+)?(std::)?enable_if(_t)?\s*<")


def _template_arguments(listed: str) -> list[str]:
    """The arguments of a template argument list, split at the commas outside brackets."""
    arguments, depth, start = [], 0, 0
    for index, char in enumerate(listed):
        depth += (char in "<([{") - (char in ">)]}")
        if depth == 0 and char == ",":
            arguments.append(listed[start:index].strip())
            start = index + 1
    return [*arguments, listed[start:].strip()]


def _test_name(declarator: Node | None) -> str | None:
    """`Suite.Name` of a test a GoogleTest macro defines, from its two arguments."""
    function = _function_declarator(declarator)
    parameters = function.child_by_field_name("parameters") if function is not None else None
    names = [_text(part) for part in parameters.named_children] if parameters is not None else []
    return ".".join(names) if len(names) == 2 and all(part.isidentifier() for part in names) else None


def _macro_definition_name(macro: str, declarator: Node | None) -> str | None:
    """`MACRO(Name)` of a definition a macro opens with one name: the macro's arguments are the
    parameters of the one declarator, or of the inner one when its own parameters follow."""
    function = _function_declarator(declarator)
    inner = function.child_by_field_name("declarator") if function is not None else None
    if inner is not None and inner.type == "function_declarator":
        function = inner
    parameters = function.child_by_field_name("parameters") if function is not None else None
    names = [_text(part) for part in parameters.named_children] if parameters is not None else []
    return f"{macro}({names[0]})" if len(names) == 1 and names[0].isidentifier() else None


def _record_defining_macro_call(node: Node, table: ModuleSymbols) -> None:
    """A macro invoked outside any function or class, which can only define there what its
    first argument names: `NBLA_DEFINE_TRANSFORM_UNARY(ACos, std::acos(x), ...);` is
    `NBLA_DEFINE_TRANSFORM_UNARY(ACos)`. Not one whose first argument names nothing
    (`INSTANTIATE(Foo<int>, 2)`), nor one handed another macro to apply for each of a list
    (`HWY_SVE_FOREACH_BF16(HWY_SVE_LOAD_DUP128, LoadDupFull128, ld1rq)`). A call chained on
    the macro's result (`REGISTER_OP(AvgPool).infershape(...).translate(...)`) is read from the
    macro it starts with."""
    call = node if node.type == "call_expression" else next(iter(node.named_children), None)
    if call is None or call.type != "call_expression":
        return
    while (chained := call.child_by_field_name("function")) is not None \
            and chained.type == "field_expression" \
            and (receiver := chained.child_by_field_name("argument")) is not None \
            and receiver.type == "call_expression":
        call = receiver
    macro, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    first = next(iter(arguments.named_children), None) if arguments is not None else None
    if macro is None or macro.type != "identifier" or not MACRO_NAME.match(_text(macro)) \
            or first is None or first.type != "identifier" or MACRO_NAME.match(_text(first)):
        return
    _record(table, Symbol(qualname=f"{_text(macro)}({_text(first)})", kind="function",
                          start=_line(node.start_point), end=_line(node.end_point),
                          signature=f"{_text(macro)}({_text(first)}, ...)", decorators=()))


def _record_macro(node: Node, table: ModuleSymbols) -> None:
    """A function-like macro, `#define FOR_WIDTHS(f, T) f(T, 256) f(T, 512)`: code the
    preprocessor writes wherever it is used, named outside any namespace."""
    name, parameters = node.child_by_field_name("name"), node.child_by_field_name("parameters")
    if name is None or parameters is None:
        return
    signature = f"#define {_text(name)}{_text(parameters)}"
    row, column = node.end_point  # the definition ends with the line break that ends its last line
    _record(table, Symbol(qualname=_text(name), kind="function", start=_line(node.start_point),
                          end=row + (column > 0), signature=signature, decorators=(),
                          parameters=" ".join(_text(parameters).split())))


def _record_class(node: Node, prefix: str, table: ModuleSymbols) -> None:
    name = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    if name is None or body is None:
        return
    qualname = prefix + _bare_if_generic(_one_line(_text(name)), _template_parameters(node.parent))
    _record(table, Symbol(qualname=qualname, kind="class", start=_line(node.start_point),
                          end=_line(node.end_point), signature=f"{node.type.split('_')[0]} {qualname}",
                          decorators=()))
    _visit(body, qualname + "::", table)


def _visit_rust(node: Node, prefix: str, table: ModuleSymbols) -> None:
    for child in node.named_children:
        body = child.child_by_field_name("body")
        if child.type == "function_item":
            _record_rust_function(child, prefix, table)
        elif child.type in _RUST_CONTAINERS:
            _visit_rust(child, prefix, table)
        elif child.type == "mod_item" and body is not None:
            scope = f"{prefix}{_text(child.child_by_field_name('name'))}::"
            if scope == "tests::" or "#[cfg(test)]" in _attributes(child):
                table.test_scopes |= {scope}
            _visit_rust(body, scope, table)
        elif child.type in ("impl_item", "trait_item") and body is not None:
            owner = child.child_by_field_name("type" if child.type == "impl_item" else "name")
            qualname = prefix + _type_name(owner)
            if child.type == "trait_item":
                _record_rust_type(child, qualname, "trait", table)
            _visit_rust(body, qualname + "::", table)
        elif child.type in _RUST_TYPES and body is not None:
            _record_rust_type(child, prefix + _text(child.child_by_field_name("name")),
                              child.type.split("_")[0], table)
        elif child.type in _RUST_CONSTANTS and (name := child.child_by_field_name("name")) is not None:
            _record(table, Symbol(qualname=prefix + _text(name), kind="constant",
                                  start=_line(child.start_point), end=_line(child.end_point),
                                  signature="", decorators=()))


_JAVA_TYPES = {"class_declaration", "interface_declaration", "enum_declaration", "record_declaration",
               "annotation_type_declaration"}
_JAVA_MEMBERS = {"method_declaration", "constructor_declaration", "compact_constructor_declaration",
                 "annotation_type_element_declaration"}
# What holds a Java type's members: its body, and the declarations after an enum's constants.
_JAVA_BODIES = {"class_body", "interface_body", "enum_body", "enum_body_declarations",
                "annotation_type_body"}


def _visit_java(node: Node, prefix: str, table: ModuleSymbols) -> None:
    for child in node.named_children:
        if child.type in _JAVA_TYPES and (name := child.child_by_field_name("name")) is not None:
            qualname = prefix + _text(name)
            body = child.child_by_field_name("body")
            _record_java(child, qualname, "class", body, table)
            if body is not None:
                _visit_java(body, qualname + ".", table)
        elif child.type in _JAVA_MEMBERS and prefix:
            name = child.child_by_field_name("name")
            # a record's compact constructor is named by the record it builds
            qualname = prefix + (_text(name) if name is not None else prefix[:-1].rpartition(".")[2])
            _record_java(child, qualname, "method", child.child_by_field_name("body"), table)
        elif child.type in _JAVA_BODIES:
            _visit_java(child, prefix, table)
        elif child.type == "field_declaration" and prefix and _java_modifiers(child) >= {"static", "final"}:
            for declarator in child.children_by_field_name("declarator"):
                if (name := declarator.child_by_field_name("name")) is not None:
                    _record(table, Symbol(qualname=prefix + _text(name), kind="constant",
                                          start=_line(child.start_point), end=_line(child.end_point),
                                          signature="", decorators=()))


def _record_java(node: Node, qualname: str, kind: SymbolKind, body: Node | None,
                 table: ModuleSymbols) -> None:
    """A type or a member: its signature the words after its annotations and before its body
    (all of an abstract method's), its annotations (`@Override`) its decorators."""
    modifiers = _java_modifiers_of(node)
    marks = [child for child in (modifiers.named_children if modifiers is not None else [])
             if child.type in ("marker_annotation", "annotation")]
    text = node.text or b""
    head = text[(marks[-1].end_byte if marks else node.start_byte) - node.start_byte:
                (body.start_byte if body is not None else node.end_byte) - node.start_byte]
    signature = " ".join(head.decode("utf-8", "replace").split())
    parameters = node.child_by_field_name("parameters")
    _record(table, Symbol(qualname=qualname, kind=kind, start=_line(node.start_point),
                          end=_line(node.end_point), signature=signature,
                          decorators=tuple(_text(mark.child_by_field_name("name")) for mark in marks),
                          parameters=" ".join(_text(parameters).split()) if kind == "method" else ""))


def _java_modifiers(node: Node) -> set[str]:
    modifiers = _java_modifiers_of(node)
    return set(_text(modifiers).split()) if modifiers is not None else set()


def _java_modifiers_of(node: Node) -> Node | None:
    """A declaration's modifiers: its keywords (`public static final`) and annotations."""
    return next((child for child in node.named_children if child.type == "modifiers"), None)


def _attributes(node: Node) -> list[str]:
    """The attributes a Rust item is marked with, spaces left out: `#[cfg(test)]` (built only for
    the crate's tests), `#[pyfunction]`."""
    found = []
    mark = node.prev_named_sibling
    while mark is not None and mark.type == "attribute_item":
        found.append("".join(_text(mark).split()))
        mark = mark.prev_named_sibling
    return found


def _exposed_to_python(node: Node, block: Node | None) -> bool:
    """PyO3 lets Python call the function: it is marked `#[pyfunction]`, or it is a method of an
    `impl` block marked `#[pymethods]`."""
    return any(_PYO3_FUNCTION.match(mark) for mark in _attributes(node)) or (
        block is not None and block.type == "impl_item"
        and any(_PYO3_METHODS.match(mark) for mark in _attributes(block)))


def _record_rust_function(node: Node, prefix: str, table: ModuleSymbols) -> None:
    name, body = node.child_by_field_name("name"), node.child_by_field_name("body")
    if name is None or body is None:
        return
    signature = " ".join(_text(node, body.start_byte - node.start_byte).split())
    parameters = node.child_by_field_name("parameters")
    block = node.parent.parent if node.parent is not None else None  # an impl's or trait's body's owner
    in_type = block is not None and block.type in ("impl_item", "trait_item")
    qualname = prefix + _text(name)
    _record(table, Symbol(qualname=qualname, kind="method" if in_type else "function",
                          start=_line(node.start_point), end=_line(node.end_point), signature=signature,
                          decorators=(), parameters=" ".join(_text(parameters).split())))
    if _exposed_to_python(node, block):
        table.python_exposed |= {qualname}


def _record_rust_type(node: Node, qualname: str, keyword: str, table: ModuleSymbols) -> None:
    _record(table, Symbol(qualname=qualname, kind="class", start=_line(node.start_point),
                          end=_line(node.end_point), signature=f"{keyword} {qualname}", decorators=()))


def _type_name(node: Node | None) -> str:
    """`Wrapper` for `Wrapper<T>` and `crate::Wrapper`: the name a reader looks a type up by."""
    while node is not None and node.type in ("generic_type", "scoped_type_identifier"):
        node = node.child_by_field_name("type" if node.type == "generic_type" else "name")
    return _text(node)


def _text(node: Node | None, length: int | None = None) -> str:
    """The node's source text, or its first `length` bytes of it."""
    text = node.text if node is not None else None
    return (text or b"")[:length].decode("utf-8", "replace")


def _record(table: ModuleSymbols, symbol: Symbol) -> None:
    """Add the symbol and make it the owner of its lines."""
    first = table.symbols.get(symbol.qualname)
    if symbol.qualname.endswith("::"):  # a name tree-sitter's recovery cut off
        return
    # An overload or a second #if branch: the first stays, unless it only declared what this
    # defines; the name owns the lines of every definition, so a change to any is its change.
    if first is None or (is_prototype(first) and not is_prototype(symbol)):
        table.symbols[symbol.qualname] = symbol
    elif is_prototype(symbol):
        return
    for line in range(symbol.start, min(symbol.end, len(table.owners) - 1) + 1):
        table.owners[line] = symbol.qualname


def is_macro(symbol: Symbol) -> bool:
    return symbol.signature.startswith("#define")


def is_prototype(symbol: Symbol) -> bool:
    """A function declared, not defined: its signature is the whole declaration."""
    return symbol.kind in ("function", "method") and symbol.signature.endswith(";")


def _declared_name(declarator: Node | None) -> str | None:
    while declarator is not None and declarator.type in _WRAPPERS:
        declarator = _inner(declarator)
    if declarator is None or declarator.type not in _NAMES or declarator.is_missing:
        return None
    text = _text(declarator)
    if (cast := _conversion(declarator)) is not None:
        text = text[:cast.start_byte - declarator.start_byte]
    if declarator.type == "qualified_identifier":
        text = _after_return_type(text)
    return _one_line(text + _conversion_name(cast) if cast is not None else text)


def _conversion(declarator: Node) -> Node | None:
    """The conversion operator a name declares, alone or in its class's scope (`R::operator int`)."""
    while declarator.type == "qualified_identifier" and (name := declarator.child_by_field_name("name")):
        declarator = name
    return declarator if declarator.type == "operator_cast" else None


def _conversion_name(cast: Node) -> str:
    """`operator char` for `operator char()`: a conversion is named for the type it gives."""
    target = cast.child_by_field_name("type")
    return f"operator {_text(target)}" if target is not None else _text(cast)


def _scopes(name: str) -> list[str]:
    """`A<int, B::C>::run` as `A<int, B::C>` and `run`: split at the `::` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(name):
        depth += (char == "<") - (char == ">")
        if depth == 0 and name.startswith("::", index) and index > start:
            parts.append(name[start:index])
            start = index + 2
    return [*parts, name[start:]]


def without_template_arguments(name: str) -> str:
    """A name without the template arguments it ends with: `Mainloop<XeDefault<Stages>, Mask_>`
    is `Mainloop`; an operator's name (`operator<`) is kept."""
    if not name.endswith(">") or name.startswith("operator"):
        return name
    depth = 0
    for index in range(len(name) - 1, -1, -1):
        depth += (name[index] == ">") - (name[index] == "<")
        if depth == 0:
            return name[:index].rstrip() or name
    return name


def _after_return_type(name: str) -> str:
    """The name without a return type the grammar read into it: after a qualifier it does not
    know (`__device__ std::tuple<float, float*> scale(...)`), `std::tuple<float, float*>
    scale` is one qualified name. A qualified name holds no space outside its brackets: a name
    after the last such space is the function's, its scopes with it (`thrust::pair<...>
    static_map<Key>::view::insert_and_find`)."""
    depth = 0
    start = 0
    for index, char in enumerate(name):
        if char in "<(":
            depth += 1
        elif char in ">)":
            depth -= 1
        elif char.isspace() and depth == 0:
            start = index + 1
    last = name[start:]
    final = _scopes(last)[-1]
    return last if start and (final.isidentifier() or _OPERATOR.match(final)) else name


def _one_line(name: str) -> str:
    """A name as one line: `Converter<\n    TIn, Sf>` is `Converter< TIn, Sf>`."""
    return " ".join(name.split())


def _inner(declarator: Node) -> Node | None:
    """The declarator a wrapper holds; `&` and `&&` declarators hold it without a field name."""
    inner = declarator.child_by_field_name("declarator")
    if inner is None and declarator.named_children:
        inner = declarator.named_children[-1]
    return inner


def _parameters(declarator: Node | None) -> str:
    """The parameter list without the parameters' names, which no caller sees: `(const void*
    ptr, bool async = false)` is `(const void*, bool = false)`."""
    function = _function_declarator(declarator)
    parameters = function.child_by_field_name("parameters") if function is not None else None
    if parameters is None:
        return ""
    text = parameters.text or b""
    for name in sorted(_parameter_names(parameters), key=lambda node: node.start_byte, reverse=True):
        start, end = name.start_byte - parameters.start_byte, name.end_byte - parameters.start_byte
        text = text[:start] + text[end:]
    return _SPACE_BEFORE_CLOSING.sub(r"\1", " ".join(text.decode("utf-8", "replace").split()))


_SPACE_BEFORE_CLOSING = re.compile(r"\s+([,)\[])")


def _parameter_names(parameters: Node) -> Iterator[Node]:
    """The identifiers that name the parameters of a parameter list."""
    for parameter in parameters.named_children:
        declarator = parameter.child_by_field_name("declarator")
        while declarator is not None and declarator.type in _WRAPPERS | {"array_declarator"}:
            declarator = _inner(declarator)
        if declarator is not None and declarator.type == "identifier":
            yield declarator


def _function_declarator(declarator: Node | None) -> Node | None:
    """The declarator of a function's parameters, a conversion operator's (`operator char()`) too."""
    while declarator is not None and declarator.type != "function_declarator":
        if declarator.type == "operator_cast":
            return declarator.child_by_field_name("declarator")
        declarator = _inner(declarator) if declarator.type in _WRAPPERS else None
    return declarator


def _line(point: tuple[int, int]) -> int:
    return point[0] + 1
