"""Symbols of C, C++ and CUDA sources, read with the tree-sitter C++ grammar.

Functions (free, member, out-of-class `Class::method`, templates), classes and structs with a
body, wherever they sit: in namespaces, `extern "C"` blocks and preprocessor conditionals.
tree-sitter recovers from what it cannot parse (CUDA's `<<<...>>>` launches, macros), so a
file always yields the definitions it can recognise.
"""

from __future__ import annotations

from functools import cache, lru_cache

import tree_sitter_cpp
from tree_sitter import Language, Node, Parser

from prdossier.analysis.pysymbols import ModuleSymbols, Symbol, SymbolKind

NATIVE_LANGUAGES = ("c", "c++", "cuda")
_CONTAINERS = {"translation_unit", "namespace_definition", "linkage_specification",
               "declaration_list", "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif",
               "preproc_elifdef", "template_declaration"}
_CLASSES = {"class_specifier": "class", "struct_specifier": "class"}
_WRAPPERS = {"pointer_declarator", "reference_declarator", "function_declarator",
             "parenthesized_declarator", "attributed_declarator"}
_NAMES = {"identifier", "field_identifier", "qualified_identifier", "destructor_name",
          "operator_name", "template_function"}


@cache
def _parser() -> Parser:
    return Parser(Language(tree_sitter_cpp.language()))


@lru_cache(maxsize=64)
def parse_native(text: str) -> ModuleSymbols:
    """The definitions of one C/C++/CUDA file, as a table like a Python module's."""
    lines = text.splitlines()
    table = ModuleSymbols(text=text, owners=[None] * (len(lines) + 2))
    root = _parser().parse(text.encode("utf-8", "replace")).root_node
    try:
        _visit(root, "", table)
    except RecursionError:  # namespaces or #if blocks nested deeper than the stack goes
        return ModuleSymbols(text=text, error="RecursionError: nested too deeply")
    return table


def _visit(node: Node, prefix: str, table: ModuleSymbols) -> None:
    for child in node.named_children:
        if child.type == "function_definition":
            _record_function(child, prefix, table)
        elif child.type in _CLASSES:
            _record_class(child, prefix, table)
        elif child.type in _CONTAINERS:
            _visit(child, prefix, table)
        elif child.type in ("declaration", "field_declaration", "type_definition"):
            for part in child.named_children:  # `struct S {...} s;`, `typedef struct S {...} T;`
                if part.type in _CLASSES:
                    _record_class(part, prefix, table)


def _record_function(node: Node, prefix: str, table: ModuleSymbols) -> None:
    declarator = node.child_by_field_name("declarator")
    name = _declared_name(declarator)
    if name is None:
        return
    body = node.child_by_field_name("body")
    header_end = body.start_byte if body is not None else node.end_byte
    signature = " ".join(node.text[: header_end - node.start_byte].decode("utf-8", "replace").split())
    parameters = _parameters(declarator)
    kind: SymbolKind = "method" if prefix or "::" in name else "function"
    _record(table, Symbol(qualname=prefix + name, kind=kind, start=_line(node.start_point),
                          end=_line(node.end_point), signature=signature, decorators=(),
                          parameters=parameters))


def _record_class(node: Node, prefix: str, table: ModuleSymbols) -> None:
    name = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    if name is None or body is None:
        return
    qualname = prefix + name.text.decode("utf-8", "replace")
    _record(table, Symbol(qualname=qualname, kind="class", start=_line(node.start_point),
                          end=_line(node.end_point), signature=f"{node.type.split('_')[0]} {qualname}",
                          decorators=()))
    _visit(body, qualname + "::", table)


def _record(table: ModuleSymbols, symbol: Symbol) -> None:
    if symbol.qualname in table.symbols:  # an overload or a second #if branch: the first stays
        return
    table.symbols[symbol.qualname] = symbol
    for line in range(symbol.start, min(symbol.end, len(table.owners) - 1) + 1):
        table.owners[line] = symbol.qualname


def _declared_name(declarator: Node | None) -> str | None:
    while declarator is not None and declarator.type in _WRAPPERS:
        declarator = _inner(declarator)
    if declarator is None or declarator.type not in _NAMES:
        return None
    return declarator.text.decode("utf-8", "replace")


def _inner(declarator: Node) -> Node | None:
    """The declarator a wrapper holds; `&` and `&&` declarators hold it without a field name."""
    inner = declarator.child_by_field_name("declarator")
    if inner is None and declarator.named_children:
        inner = declarator.named_children[-1]
    return inner


def _parameters(declarator: Node | None) -> str:
    while declarator is not None and declarator.type != "function_declarator":
        declarator = _inner(declarator) if declarator.type in _WRAPPERS else None
    parameters = declarator.child_by_field_name("parameters") if declarator is not None else None
    return " ".join(parameters.text.decode("utf-8", "replace").split()) if parameters else ""


def _line(point: tuple[int, int]) -> int:
    return point[0] + 1
