"""A changed file's `change_type`, judged from what changed in it."""

from __future__ import annotations

import ast
import configparser
import dataclasses
import difflib
import functools
import io
import itertools
import re
import shlex
import string
import textwrap
import tokenize
import typing
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import PurePosixPath

from prdossier.analysis.callsites import Parameters, base_names
from prdossier.analysis.dependencies import declared_pins, is_manifest, parse_requirement, requirement_groups
from prdossier.analysis.models import Category, ChangeType, ImportChange, SymbolChange
from prdossier.analysis.nativesymbols import (
    CONDITIONAL,
    MACRO_NAME,
    conditional_lines,
    is_macro,
    is_prototype,
)
from prdossier.analysis.paths import (
    C_FAMILY,
    SETTINGS_SUFFIXES,
    VERSION_FILE,
    is_ci_pipeline,
    is_dockerfile,
    is_example,
    is_prose,
    language,
    outside_packages,
    runs_in_ci,
)
from prdossier.analysis.paths import category as category_of_path
from prdossier.analysis.pysymbols import (
    AVAILABILITY_PROBE,
    DEMANDS_A_PACKAGE,
    DOTTED_REFERENCE,
    IMPORT_ERROR_NAMES,
    OPTIONS_CLASS,
    OPTIONS_HOLDER,
    PROBES_A_PACKAGE,
    SETTINGS_MODULE,
    TYPE_MAKERS,
    VERSION_FLAG,
    VERSION_PREDICATE,
    LineSpans,
    ModuleSymbols,
    Symbol,
    call_name,
    calls_for_deprecation,
    caught_types,
    copy_tree,
    default_nodes,
    dotted_path,
    every_statement,
    first_line,
    imports_by_call,
    is_lone_string,
    is_message,
    is_none,
    is_stdlib_module,
    is_type_alias,
    names_imported,
    nested_statements,
    node_lines,
    one_of,
    parameter_defaults,
    parse_header,
    referenced_names,
    shared_start,
    short_name,
    stand_in_bodies,
    tested_not_none,
    touched_parts,
    warns_of_deprecation,
    when_set,
    without_docstrings,
)
from prdossier.analysis.statements import (
    BUILTIN_NAMES,
    UPPER_CASE,
    StatementShape,
    arguments,
    assigned_names,
    class_fields_renamed,
    data_keys_renamed,
    declares_option,
    each_pair_same_but,
    imports_own_package,
    is_configuration_field,
    is_numbers,
    is_super,
    kept_for_compatibility,
    key_text,
    keys_read_renamed,
    keyword_lines,
    module_names_replaced,
    other_types_admitted,
    own_nodes,
    reached_through_other_modules,
    same_method_call,
    top_package,
    touched_pairs,
    touched_statements,
    words_lost,
)
from prdossier.analysis.symdiff import (
    NATIVE_STRING,
    ParsedSides,
    code_lines,
    owner_of,
    replacements,
    without_comment,
)
from prdossier.sources.models import FileDiff

_BY_CATEGORY: dict[Category, ChangeType] = {
    "test": "test-coverage",
    "docs": "docs",
    "infra": "infrastructure",
    "config": "configuration",
}
CONTRACT_SHARE = 0.3
_CODE_AND_TEST_CATEGORIES = ("source", "test", "benchmark")
_PICKLING_METHODS = {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__", "__getnewargs__",
                     "__getnewargs_ex__"}
# A function added is carved out of code that was there when this many of its code lines, and
# this share of them, are the diff's context.
CARVED_MIN_LINES = 6
CARVED_SHARE = 0.6
_AS_CODE_IN_TESTS = ("dependency-wiring", "docs")
# A statement that opens an assertion: `assert x`, `self.assertEqual(`, `tc.assertTrue(`,
# `np.testing.assert_allclose(`, `with pytest.raises(`.
_ASSERTION = re.compile(r"^\s*(assert\b|[\w.]*\.assert\w*\(|with\s+pytest\.raises\()")
# A parameter of a command of a command-line app (typer): an option the user gives.
_COMMAND_OPTION = re.compile(r"(typer\.)?Option\(")

# The settings of the test runner beside the tests (`tests/pytest.ini`, `tests/setup.cfg`).
_TEST_SETTINGS_SUFFIXES = frozenset({".ini", ".cfg"})
# What a benchmark runs with, beside its scripts: the cases, sizes and parameters it reads, in
# the formats written for settings, and JSON, which beside a benchmark holds its cases.
_BENCHMARK_SETTINGS_SUFFIXES = frozenset(SETTINGS_SUFFIXES | {".json"})
_TEST_FRAMEWORKS = frozenset({"pytest", "hypothesis"})
# How a class says its fields are the data it carries: its base, or its decorator.
_DATA_MODEL_BASE = re.compile(r"\b(BaseModel|SQLModel|TypedDict|NamedTuple|Struct)\b")
_DATA_MODEL_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "s", "attrs"})
# A native fallback written in the `#else` of a condition the change added: `return fmaxf(a, b);`
MAX_FALLBACK_STATEMENTS = 2
MAX_STATEMENT_RUN = 24
_DEFINITION = re.compile(r"^(\s*)(?:async\s+)?def\s+_*(\w+)\s*\(")
# A function or a class: `class EdgeWeight:`, `class Edge(Base):`.
_DEFINITION_OR_CLASS = re.compile(r"^(\s*)(?:(?:async\s+)?def|class)\s+_*(\w+)\s*[(:]")
_DIGITS = re.compile(r"\d+")
# A version spelled out (`2.0.0`, `0-13-1`, `cu12_1`) or named (`CUDA_VERSION=12`).
_NAMES_A_RELEASE = re.compile(r"\d+[._-]\d+|version", re.IGNORECASE)
# What a function giving the flags an extension is compiled or linked with is called: `cxx_args`,
# `nvcc_args`, `extra_ldflags`, `extra_compile_args`, `fixed_aotflags`.
_BUILD_FLAGS = re.compile(r"^(extra_)?(cxx|nvcc|hipcc|cc|ld|link|compile|compiler|linker)_(args|flags)$"
                          r"|(ld|c|cxx|aot)flags$")
# `option(WITH_GPU "Build with GPU" OFF)`, a switch set (`set(MLX_BUILD_METAL ON)`), a cache
# entry the user may set (`set(AMDGPU_TARGETS gfx900;gfx906 CACHE STRING "...")`) or one taken
# from the environment variable of its name (`set(ADDRESS_SANITIZER $ENV{ADDRESS_SANITIZER})`); and the
# `if`s that test such options (or loops over such lists), or the platform matched into a name
# they test (`string(REGEX MATCH "aarch64" IS_ARM "${PLATFORM}")`).
_CMAKE_OPTION = re.compile(r"^option\s*\(.*\)$|^set\s*\(\s*\w+\s+(ON|OFF|TRUE|FALSE)\b[^()]*\)$"
                           r"|^set\s*\(\s*\w+\s.*\sCACHE\s+(STRING|BOOL|PATH|FILEPATH)\b.*\)$"
                           r"|^set\s*\(\s*(?P<variable>\w+)\s+\$ENV\{(?P=variable)\}\s*\)$",
                           re.IGNORECASE)
_CMAKE_CONDITION = re.compile(r"^((if|elseif|foreach)\s*\(.*\)|(else|endif|endforeach)\s*\(\s*\)"
                              r"|string\s*\(\s*REGEX\s+MATCH\b.*\))$", re.IGNORECASE)
# A Makefile's variable set by any of its operators, not a rule's recipe (indented by a tab);
# one set only where the user has not (`?=`) or named for flags; a compiler's or linker's flag.
_MAKE_ASSIGNMENT = re.compile(r"^(export\s+|override\s+)?[A-Za-z_][\w.-]*\s*(:{1,3}=|\?=|\+=|!=|=)")
_MAKE_SETTING = re.compile(r"^(export\s+|override\s+)?([A-Za-z_][\w.-]*\s*\?=|\w*(FLAGS|LIBS)\s*\W?=)",
                           re.IGNORECASE)
_MAKE_FLAG = re.compile(r"(^|\s)(-[DILlO]\S|-gencode|-arch\b|--?std=)")
# A shell script's setting: a constant's name given a word, or the value a user may set with that
# word as its default (`VLLM_TARGET_DEVICE_PYT="${VLLM_TARGET_DEVICE_PYT:-cpu}"`); not a count
# (`EXPECTED_NUM_TESTS=6`) nor a list to work through (`FALLBACK_OPS=mul.out,uniform_`).
_SHELL_SETTING = re.compile(r"""^(export\s+)?[A-Z][A-Z0-9_]*=(?=\S*[A-Za-z])("[^"$`,]*"|'[^',]*'"""
                            r"""|[^\s$`"'();|&,]+|"\$\{[A-Z][A-Z0-9_]*:-[^}$`,]*\}")\s*(#.*)?$""")
# A switch a shell script exports to the programs it runs: `export VLLM_INSTALL_PUNICA_KERNELS=1`.
_EXPORTED_SWITCH = re.compile(r"^export\s+[A-Z][A-Z0-9_]*=[01]\s*(#.*)?$")
# An option on a command line: `-D NAME=VALUE`, `-DNAME`, `--jobs=4`, `-G`.
_SHELL_OPTION = re.compile(r"(?<!\S)(-D\s*[\w.]+(=\S*)?|--?[A-Za-z][\w-]*(=\S*)?)(?!\S)")
# A module's name as PEP 8 spells it: `process_group`, `context`.
_MODULE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# A CMake command that sets what the code is compiled or linked with, or for which GPU
# architectures, on one line: `add_definitions(-DUSE_GPU)`, `add_link_options(-mcmodel=large)`,
# `list(APPEND GPU_ARCHS 72)`, `list(APPEND HIP_CXX_FLAGS -fno-gpu-rdc)`.
_CMAKE_FLAGS = re.compile(r"^(add_definitions|add_compile_definitions|add_compile_options|add_link_options"
                          r"|target_compile_definitions|target_compile_options|target_link_options)\s*\(.*\)$"
                          r"|^set_(source_files|target)_properties\s*\(.*\bCOMPILE_(FLAGS|OPTIONS|DEFINITIONS)\b.*\)$"
                          r"|^(set|string)\s*\((APPEND\s+)?CMAKE_\w*FLAGS\w*\b.*\)$"
                          r"|^(set|list\s*\(\s*APPEND)\s*\(?\s*\w*(_ARCHS?|_ARCHITECTURES|_FLAGS)\b.*\)$"
                          r"|^set\s*\(\s*CMAKE_\w+_COMPILER\b.*\)$",
                          re.IGNORECASE)
# What a decorator that registers a function with a dispatcher is called (`@cat.override(...)`).
_REGISTERING = {"override", "register"}
_QUOTE = re.compile(r"['\"]")
# A line that binds a name (`DASK_P2P_ERROR = ...`), or one that opens an `if` on a test.
_BOUND_NAME = re.compile(r"^\s*([A-Za-z_]\w*)\s*(:[^=]+)?=[^=]")
_TEST_LINE = re.compile(r"^\s*(if|elif)\b.*:\s*(#.*)?$")
# The lines of a `try` that frame a probe: `try:`, `except (ImportError, TypeError):`.
_PROBE_FRAME = re.compile(r"^\s*(try|except\b.*|else|finally)\s*:\s*(#.*)?$")
_LONG_STRING = re.compile(r"\"\"\"|\'\'\'")
# A line that only opens a call (`raise ImportError(`, `logger.warning(`) or closes one (`)`).
_OPENS_OR_CLOSES_CALL = re.compile(r"^\s*(raise\s+)?[\w.]+\($|^\s*\)[),]*$")
# A string of prose has words between spaces; a word respelled keeps most of its letters.
PROSE_MIN_WORDS = 4
RESPELLED_MIN_LETTERS = 3
RESPELLED_MIN_LIKENESS = 0.75
_PROSE_TOKEN = re.compile(r"\w+|[^\w\s]")
# A line that records an option by its name beside others: `"vocabulary_size":
# self.vocabulary_size,` in a dict, or `vocabulary_size=self.vocabulary_size,` passed on.
_OPTION_RECORDED = re.compile(r"""^\s*(?:(["'])(?P<key>\w+)\1\s*:|(?P<keyword>\w+)\s*=)"""
                              r"""\s*self\.(?P<field>\w+)\s*,?\s*$""")
_CHECK_DIRECTIVE = re.compile(r"^\s*#\s*(CHECK|RUN)(-[A-Z]+)*:")
_HEADER = re.compile(r"^(@|(async\s+)?def\s|class\s)")
_CONSTEXPR = re.compile(r"\s*:\s*(tl\.|triton\.language\.)?constexpr\b")
# A flag as code names it: `IS_INTEL`, `is_amd`, `has_tma`.
_FLAG_NAME = re.compile(r"^_*([A-Z][A-Z0-9_]*|(is|has|use|can|supports?)_\w+)$")
# What an `if`, an `elif` or a conditional expression tests, up to its colon or `else`.
_TESTED = re.compile(r"\b(?:if|elif)\b(.*?)(?::\s*$|\belse\b|$)", re.MULTILINE)
_BASE_CLASS_HEADER = re.compile(r"\b(ABC|ABCMeta|Protocol)\b")
_BASE_CLASS_NAME = re.compile(r"^_*(Base[A-Z]|Abstract[A-Z])|(Base|Mixin|Interface)$")
# A module's own version: `__version__`, `VERSION`, `__version_tuple__`.
_OWN_VERSION = r"_*(version|VERSION)(_\w+)?_*"
_VERSION_NAME_ONLY = re.compile(rf"^{_OWN_VERSION}$")
_VERSION_ASSIGNED = re.compile(rf"^{_OWN_VERSION}\s*=")
# What a Sphinx `conf.py` binds of the release it documents: `version`, `release`.
_SPHINX_VERSION_NAMES = re.compile(rf"^({_OWN_VERSION}|release)$")
# A version spelled out in a string, and a name that holds one (`pkg.version.__version__`).
_QUOTED_VERSION = re.compile(r"""(["'])v?\d+(\.\d+)+\w*\1""")
_VERSION_NAME = re.compile(r"[A-Za-z_][\w.]*version\w*", re.IGNORECASE)
_RETURNS = re.compile(r"^\s*return\b")
# A field declared in a class body without a value: `    mesh: Mesh`.
_BARE_FIELD = re.compile(r"^\s+\w+\s*:\s*[^=]+$")
# Words in quotes: a test's `reason="not in this version of transformers"` checks no version.
_PROSE = re.compile(r"""(['"])[^'"]*\s[^'"]*\1""")
_COMPARISON = re.compile(r"[<>]=?|[=!]=")
# A line that may hold an entry of a dict display: a quoted key, then a colon.
_DICT_ENTRY = re.compile(r"""["']\s*:""")
_UNPACKS_SHAPE = re.compile(r"^\s*\w+(\s*,\s*\w+)+\s*=\s*\w+\.(size\(\s*\)|shape)\s*$")
# A version as code spells it: `"3.2.0"`, `"2.7"`, `3.2.0` in a message, the local version of
# `deepspeed==0.12.4+hpu.synapse.v1.15.0`; not a release a sentence names, `(v0.18.0)`.
_VERSION_LITERAL = re.compile(r"""(?:\b|(?<=[.+])v)\d+\.\d+\.\d+\w*(?:\.(?:dev|post|rc)\d*)?"""
                              r"""|(?<=["'])v?\d+\.\d+(?=["'])""")
# A version a name spells: `TORCH_VERSION_AFTER_2_4`, `_AFTER_TORCH_2_4_ONLY`.
_VERSION_IN_NAME = re.compile(r"(?<=[A-Za-z]_)\d+(?:_\d+)+(?=_|\b)")
# A name that spells a version, whole: `_GAUDI_GREATER_EQUAL_1_1_0`.
_VERSIONED_NAME = re.compile(r"\b\w*[A-Za-z]_\d+(?:_\d+)+\w*\b")
# A line that raises, warns or logs: what its strings say is a message.
_MESSAGE_LINE = re.compile(r"\s*(raise\b|[\w.]*\b(warn|warning|error|info|debug)\()")
_QUOTED = re.compile(r"""(["'])(?:\\.|(?!\1).)*\1""")
# What these bind is for annotations: code that names it follows no dependency.
_ANNOTATION_MODULES = frozenset({"typing", "typing_extensions"})
# A field set on the object a method is given: `self.tp_size = tp_size`, `self.grid: Tensor = ...`.
_SELF_FIELD_SET = re.compile(r"\bself\.([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")
# How pydantic checks a field: `@validator("name")`, `@field_validator("name")`.
_VALIDATORS = frozenset({"validator", "field_validator"})
# Pydantic's validators of a whole model: `@model_validator(mode="after")`.
_MODEL_VALIDATORS = frozenset({"model_validator", "root_validator"})
# Where an Alembic migration names the revision it follows.
_DOWN_REVISION = re.compile(r"^down_revision\b", re.MULTILINE)
# What a build script's `setup(...)` says of the release rather than of the build.
_REQUIREMENT_KEYWORDS = frozenset({"install_requires", "extras_require", "setup_requires", "tests_require"})
_RELEASE_METADATA = frozenset({"name", "version", "python_requires", "classifiers", "license", "author",
                               "author_email", "maintainer", "maintainer_email", "url", "project_urls",
                               "download_url", "description", "keywords"})
# What a build script is told to put in the release: its packages, modules, data, extensions.
_WHAT_IS_PACKAGED = frozenset({"packages", "package_dir", "package_data", "py_modules", "data_files",
                               "include_package_data", "exclude_package_data", "ext_modules", "scripts"})
# Shapes of a change that follows an interface between components.
_CONTRACT_SHAPES = ("calls-reshaped", "names-retargeted", "fields-renamed", "keys-defaulted",
                    "data-converted", "schema-declared")
_IMPORT_SYSTEM = re.compile(r"\bsys\.(path|modules|meta_path)\b|\bimportlib\b|\b__import__\b")
# A constant that says whether a package is there, asked by its name:
# `CHECK_AIOHTTP = OptionalImports("aiohttp", "server")`, `_HAS_APEX = find_spec("apex") is not None`,
# `FLASH_ATTN_AVAILABLE = RequirementCache("flash-attn")`.
_RUNS_AS_SCRIPT = re.compile(r"^if\s+__name__\s*==\s*[\"']__main__[\"']\s*:", re.MULTILINE)
_FORWARDING_PARAMETERS = re.compile(r"^\*\w+,\*\*\w+$")
_FORWARDING_METHOD_PARAMETERS = re.compile(r"^(self|cls),\*\w+,\*\*\w+$")
_FORWARDING_CALL = re.compile(r"^\s*return\s+[\w.]+\(\s*\*\w+\s*,\s*\*\*\w+\s*\)\s*$")
# Names that spell how types combine, or the built-in types a value is made of: `Optional[X]`
# and `X | None` name only X; `List[List[int]]` and `List[Any]` none.
_TYPE_FORMS = frozenset(typing.__all__) | BUILTIN_NAMES
# The forms of `typing` that spell a built-in type.
_BUILT_IN_FORM = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset",
                  "Type": "type"}
# The kind of container an annotation's type is, by its name: what a caller indexes, unpacks
# or iterates. Any other name is a value of its own ("value").
_CONTAINER_KIND = {
    **dict.fromkeys(("list", "List", "Sequence", "MutableSequence", "Iterable", "Collection"), "sequence"),
    **dict.fromkeys(("dict", "Dict", "Mapping", "MutableMapping", "OrderedDict", "defaultdict",
                     "DefaultDict"), "mapping"),
    **dict.fromkeys(("set", "Set", "frozenset", "FrozenSet", "AbstractSet", "MutableSet"), "set"),
    **dict.fromkeys(("tuple", "Tuple"), "tuple"),
    **dict.fromkeys(("Iterator", "Generator"), "iterator"),
    **dict.fromkeys(("AsyncIterator", "AsyncGenerator", "AsyncIterable"), "async-iterator"),
    **dict.fromkeys(("Awaitable", "Coroutine"), "awaitable"),
    "Callable": "callable",
}
_ANY_TYPE = frozenset({"Any", "object"})
_CHECK_WORD = re.compile(r"\b(assert|raise)\b")
# A line that may hold a pydantic validator's decorator: `@model_validator(mode="after")`.
_VALIDATOR = re.compile(r"\b(model|field|root)?_?validator\b")
# PyTorch's declarations of ATen operators, which its code generator turns into the ops
# Python calls and the kernels a backend registers for them (`dispatch: XPU: lcm_out`).
_OP_DECLARATIONS = "native_functions.yaml"
# The calls that make an HTTP request: `requests.post(...)`, `session.get(...)`, `client.delete(...)`.
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "request"})
# A string that holds a URL's path: `"http://host:80/workers"`, `f"{base_url}/generate"`.
_URL_PATH = re.compile(r"""["'](?:[a-z]+://|\{[^}]*\})[^"'\s]*/\w""")


def is_own_version(symbol: SymbolChange) -> bool:
    """The symbol is the module's own version: `__version__`, `VERSION`."""
    return symbol.kind == "constant" and bool(_VERSION_NAME_ONLY.match(symbol.qualname))


@dataclasses.dataclass(frozen=True)
class AroundFile:
    """What the rest of a change does, for judging one of its files: the top-level names its
    product code defines anew and those it no longer defines, by name the keywords the other
    files' calls of that name no longer pass, and the names of the functions it made coroutines
    or plain functions again, the PyTorch ops whose schemas its native code declares anew, the
    native functions whose parameter types it altered, the names its other files stop importing
    for others and the fields their changed lines stop reading; the top-level names it moved
    out of this file into another; the C++ classes it renamed, by old name; and the names of
    the methods whose parameters it changed alike in several classes, a hook a base class
    calls and its subclasses override (`_get_runnable(self, parsed)` became `_get_runnable(self)`);
    the names of the C++ methods its native code declares `virtual` anew; by old name the new
    name of each Python method it renamed; the keys, old and new, that its settings files
    (and the documentation's examples of them) rename; by old name the new name of each
    module constant it renamed; the names of the functions and methods of product code
    whose parameters it altered; and the names of the public methods and properties it
    removed from classes that stay."""

    defined: frozenset[str] = frozenset()
    undefined: frozenset[str] = frozenset()
    keywords_dropped: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    async_toggled: frozenset[str] = frozenset()
    ops_redeclared: frozenset[str] = frozenset()
    native_retyped: frozenset[str] = frozenset()
    unimported: frozenset[str] = frozenset()
    unread: frozenset[str] = frozenset()
    moved_away: frozenset[str] = frozenset()
    native_renamed: Mapping[str, str] = dataclasses.field(default_factory=dict)
    hooks_reshaped: frozenset[str] = frozenset()
    virtuals_declared: frozenset[str] = frozenset()
    methods_renamed: Mapping[str, str] = dataclasses.field(default_factory=dict)
    settings_renamed: frozenset[tuple[str, str]] = frozenset()
    constants_renamed: Mapping[str, str] = dataclasses.field(default_factory=dict)
    callees_reshaped: frozenset[str] = frozenset()
    members_removed: frozenset[str] = frozenset()


# What an example's statements do where they follow what they call: called otherwise, or by
# the names it now has (`np.int` became `np.int64`).
_FOLLOWING_SHAPES = ("calls-reshaped", "names-retargeted")


def change_type(category: Category, diff: FileDiff, sides: ParsedSides | None,
                symbols: list[SymbolChange], imports: list[ImportChange],
                shape: StatementShape | None, native: ParsedSides | None, around: AroundFile) -> ChangeType:
    """`sides` are a Python file's parsed sides when both parse, `native` a C, C++, CUDA or
    Rust file's symbol tables; `shape` is what `statements.statement_shape` saw while the
    file's trees existed; `around` what the rest of the change does."""
    if diff.status == "deleted":
        return "deletion"
    if (diff.status in ("modified", "added") and any(note.kind == "submodule" for note in diff.notes)) \
            or _pins_a_commit(diff):
        return "configuration"  # the commit of a vendored dependency, pinned anew or first
    if category in _CODE_AND_TEST_CATEGORIES and any(note.kind == "symlink" for note in diff.notes):
        return "dependency-wiring"  # which file the path stands for (`op_test.py` -> upstream's)
    if _only_compiler_directives(diff):
        return "configuration"
    if _only_comments_changed(diff) or _cmake_messages_reworded(diff) or _cython_prose_alone(diff):
        return "docs"
    if category == "source" and language(diff.path) in _SCHEMA_LANGUAGES:
        return "data-contract"  # the messages a `.proto` or `.fbs` schema declares: what is sent across
    if sides is not None and _only_imports_added(sides, category):
        return "dependency-wiring"
    if category == "source" and sides is not None and sides.new is not None \
            and _is_schema_migration(sides.new):
        return "data-contract"  # the shape of the data the product stores
    if PurePosixPath(diff.path).name == _OP_DECLARATIONS:
        return "data-contract"  # the ATen ops a backend declares, their schemas and kernels
    # A test that follows its imports, or whose comments and docstrings alone changed, is
    # judged as code is; what else changes in a test covers something, as does one that
    # imports what the change adds (`IPUTrainerState` where it loaded `TrainerState`), unless
    # it stops importing what the change removed: a rename followed. One that only drops what
    # the change removed, its cases with it, covers less.
    if category == "test" and sides is not None \
            and (judged := _python_change_type(sides, symbols, imports, shape)) in _AS_CODE_IN_TESTS \
            and not (judged == "dependency-wiring"
                     and (_adopts_what_the_change_adds(sides, imports, around.defined, around.undefined)
                          or _asserts_more(sides)
                          or _cases_listed_anew(sides)
                          or _drops_what_the_change_removes(sides, imports, around.undefined)
                          or _drops_marks_it_imported(sides, imports)
                          or _is_code_for_checking(sides))):
        return judged
    if category == "docs" and sides is not None and _only_loads(sides):
        return "dependency-wiring"
    if category == "docs" and sides is not None and diff.status == "modified" \
            and (_bumps_versions(sides) or _reads_own_version(sides)
                 or _binds_own_version(sides, sides.added_code_lines, sides.removed_code_lines,
                                       _SPHINX_VERSION_NAMES)):
        return "configuration"  # the release the documentation's site says it documents (`conf.py`)
    if category == "docs" and sides is not None and diff.status != "added" \
            and (is_example(diff.path) or _runs_as_script(sides)):
        # A script users run to learn the product, or one the documentation hands them
        # (`docs/lm_head_to_classifier/convert_lm.py`): what a change makes it do is judged as
        # code is, though no other code calls it (its calls may still follow what they call);
        # a new one is a page of the documentation.
        judged = _python_change_type(sides, symbols, imports, shape)
        if judged == "core-logic" and _strings_given_otherwise(sides):
            return "configuration"  # the example runs the same code on another model, data or path
        if judged == "data-contract" and _settings_handed_on(sides, symbols):
            return "configuration"
        return "core-logic" if judged == "data-contract" and shape not in _FOLLOWING_SHAPES else judged
    if category == "docs" and sides is None and diff.status == "modified" \
            and language(diff.path) == "python" and is_example(diff.path) \
            and diff.old_text is not None and diff.new_text is not None:
        # an example one side of which does not parse, judged by its lines
        return "docs" if all(line.startswith("#") for line in _written_lines(diff)) else "core-logic"
    if category == "docs" and native is not None and native.old is not None and native.new is not None \
            and diff.status != "added" and is_example(diff.path):
        # An example written in C++ or Rust (`candle-examples/examples/falcon/main.rs`) likewise;
        # its calls that follow a function the change gave other parameter types are its part
        # of that interface, as an example's reshaped calls in Python are.
        judged = _native_change_type(native, symbols, around)
        changed = native.added_code_lines, native.removed_code_lines
        follows = _calls_following(native, *changed, around.native_retyped) == sum(map(len, changed))
        return "core-logic" if judged == "data-contract" and not follows else judged
    if category == "infra":
        judged = _python_change_type(sides, symbols, imports, shape) if sides is not None else None
        if judged == "docs":
            return "docs"
        if sides is not None and _only_import_lines_changed(sides):
            return "dependency-wiring"  # a build script importing its tools from elsewhere
        # A CI pipeline's scripts take options of the pipeline, not settings of the product;
        # what a build script packages, bound to a name first (`options = dict(packages=[...])`),
        # is how it builds, not a setting.
        settings = judged == "configuration" and not is_ci_pipeline(diff.path) \
            and not (sides is not None and _only_keywords_changed(sides, _WHAT_IS_PACKAGED))
        if _sets_build_values(diff) or _pins_a_version(diff) or _pins_other_commits(diff) \
                or _checks_out_releases(diff) or _installs_other_releases(diff) \
                or _gives_other_options(diff) or _adds_external_dependencies(diff) \
                or _tests_other_versions(diff) or (
                sides is not None and (settings or _declares_other_requirements(sides)
                                       or _sets_package_metadata(sides) or _binds_package_metadata(sides)
                                       or _links_other_libraries(sides)
                                       or _sets_extension_flags(sides) or _chooses_build_flags(sides)
                                       or (not runs_in_ci(diff.path)
                                           and _passes_other_build_options(sides)))):
            return "configuration"
    if category == "infra" and _wires_own_targets(diff):
        return "dependency-wiring"
    if category == "docs" and (_is_cmake(diff.path) or language(diff.path) == "makefile") \
            and _sets_build_values(diff):
        return "configuration"  # what an example is built with (`cmake_minimum_required(VERSION 3.23.1)`)
    if category == "docs" and diff.status != "added" and language(diff.path) == "shell":
        # A script that launches an example (`examples/run.sh`): what changes in it is how the
        # example runs, its options and environment; a new one is a page of the documentation.
        return "configuration"
    if is_prose(diff.path):
        return "docs"  # a page about the tests or the benchmarks is documentation all the same
    if category == "test" and PurePosixPath(diff.path).suffix in _TEST_SETTINGS_SUFFIXES:
        return "configuration"
    if category == "benchmark" and PurePosixPath(diff.path).suffix in _BENCHMARK_SETTINGS_SUFFIXES:
        return "configuration"
    if category == "test" and native is not None and native.old is not None and native.new is not None \
            and _native_comments_alone(native):
        return "docs"  # as a Python test whose comments alone changed
    if category in _BY_CATEGORY:
        return _BY_CATEGORY[category]
    if _only_moved(diff, sides) or _cython_imports_alone(diff):
        return "dependency-wiring"
    if native is not None and native.old is not None and native.new is not None:
        return _native_change_type(native, symbols, around)
    if native is not None and native.new is not None and diff.path.endswith(_HEADERS) \
            and _defines_values_alone(native.new_text_lines, native.added_code_lines):
        return "configuration"  # a header of versions or sizes, added
    judged: ChangeType = "core-logic"
    if sides is not None and sides.diff.status != "added":
        judged = _python_change_type(sides, symbols, imports, shape, around)
    elif sides is not None and sides.new is not None \
            and (_only_versions_written(sides.new) or _serves_environment_settings(sides.new)):
        return "configuration"  # a new `version.py` of the package's own version, or an `envs.py`
    # A stub declares the types of an interface and nothing else: its code, added or changed, is that.
    return "data-contract" if judged == "core-logic" and diff.path.endswith(".pyi") else judged


# Languages that declare the data components exchange: Protocol Buffers, FlatBuffers.
_SCHEMA_LANGUAGES = {"protobuf", "flatbuffers"}
# The line comments of text formats read without a syntax tree of their own here.
_LINE_COMMENT = {"shell": "#", "yaml": "#", "toml": "#", "dockerfile": "#", "makefile": "#",
                 "protobuf": "//", "flatbuffers": "//", "go": "//", "javascript": "//", "typescript": "//",
                 "swift": "//", "objective-c": "//", "objective-c++": "//", "metal": "//", "opencl": "//",
                 "java": "//", "kotlin": "//", "r": "#"}


def _only_comments_changed(diff: FileDiff) -> bool:
    """Every line added or removed, blank ones aside, is a line comment (`// The maximum output
    length of a sequence.` over a field of a `.proto` message): what the file declares or runs
    is the same. Code commented out or back in changes a line that is not a comment, and a
    script's `#!` line names what runs it."""
    prefix = "#" if _is_cmake(diff.path) else _LINE_COMMENT.get(language(diff.path))
    if prefix is None or diff.status != "modified" or diff.old_text is None or diff.new_text is None:
        return False
    written = _written_lines(diff)
    return bool(written) and all(line.startswith(prefix) and not line.startswith("#!") for line in written) \
        and not _settings_commented_out(diff.path, [line[len(prefix):] for line in written])


def _only_compiler_directives(diff: FileDiff) -> bool:
    """Every line added or removed, blank ones aside, is a comment that Cython reads as a
    directive of how to compile the file (`# cython: language_level=3`, `# distutils: language =
    c++`): the file is compiled with other settings, and its code is the same."""
    if diff.status != "modified" or diff.old_text is None or diff.new_text is None \
            or PurePosixPath(diff.path).suffix not in _CYTHON_OR_PYTHON \
            or not any(word in text for text in (diff.old_text, diff.new_text) for word in _DIRECTIVE_WORDS):
        return False
    written = _written_lines(diff)
    return bool(written) and all(_COMPILER_DIRECTIVE.match(line) for line in written)


def _written_lines(diff: FileDiff) -> list[str]:
    """The lines added or removed, stripped, blank ones aside."""
    return [line for lines, numbers in _changed_sides(diff) for n in numbers
            if (line := lines[n - 1].strip())]


# A comment of a Cython source's header that sets how it is compiled.
_COMPILER_DIRECTIVE = re.compile(r"^#\s*(cython|distutils)\s*:\s*\w")
_DIRECTIVE_WORDS = ("cython:", "distutils:")
# Cython's sources, and where Cython reads directives: those, and Python modules it compiles.
_CYTHON_SUFFIXES = frozenset({".pyx", ".pxd", ".pxi"})
_CYTHON_OR_PYTHON = _CYTHON_SUFFIXES | {".py"}


# A key and its value, or an item of a list, in a YAML or TOML file: `- name: Run the tests`,
# `run: |`, `max_tokens = 512`. Keys are lower case, as prose that opens with a word and a colon
# (`Note: slow on CPU`) is not.
_SETTING_LINE = {"yaml": re.compile(r"^\s*(- )?[a-z_][a-z0-9_.-]*:(\s|$)"),
                 "toml": re.compile(r"^\s*([a-z_][\w.-]*\s*=\s*\S|\[[\w.-]+\]$)")}


def _settings_commented_out(path: str, comments: list[str]) -> bool:
    """A YAML or TOML file's changed comments hold its own settings put out of use (a CI step,
    an option), two of them or nothing else: what the file offers to run or set, not words
    about it. The lines a commented-out key holds (a step's script) need not look like keys."""
    pattern = _SETTING_LINE.get(language(path))
    if pattern is None:
        return False
    settings = sum(bool(pattern.match(text)) for text in comments)
    return settings >= 2 or settings == len(comments)


def _changed_sides(diff: FileDiff) -> list[tuple[list[str], list[int]]]:
    """The lines of each side's text, new then old, with the numbers of those the diff added or
    removed there; a line that only gained or lost its line break, as a file's last, is not
    among them."""
    sides = []
    for text, numbers in ((diff.new_text, diff.added_lines), (diff.old_text, diff.removed_lines)):
        lines = text.splitlines() if text is not None else []
        sides.append((lines, [n for n in numbers if n <= len(lines)]))
    (new, added), (old, removed) = sides
    for last, lines, others, other_lines in ((added, new, removed, old), (removed, old, added, new)):
        if last and last[-1] == len(lines) \
                and (same := next((n for n in others if other_lines[n - 1] == lines[-1]), None)) is not None:
            last.pop()
            others.remove(same)
            break
    return sides


# A Cython source's line that imports, or tries an import: `from collections.abc import Sized`,
# `cimport numpy as np`, `try:`, `except ImportError:`.
_CYTHON_IMPORT_LINE = re.compile(
    r"^(#.*|(from\s+[\w.]+\s+)?c?import\s+[\w., ]+(\s+as\s+\w+)?|try:|pass"
    r"|except\s*\(?\s*(ImportError|ModuleNotFoundError)(\s*,\s*(ImportError|ModuleNotFoundError))*\s*\)?\s*:)$")


def _cython_prose_alone(diff: FileDiff) -> bool:
    """Every changed line of a Cython source, which has no syntax tree here, is a comment or
    lies in a string that is a statement of its own, a docstring (`.. versionadded:: 3.1` became
    `3.1.0`): Python's tokenizer reads Cython's tokens, and the code is the same."""
    if PurePosixPath(diff.path).suffix not in _CYTHON_SUFFIXES or diff.status != "modified":
        return False
    sides = _changed_sides(diff)
    if not any(numbers for _, numbers in sides):
        return False
    for lines, numbers in sides:
        prose = _prose_lines(lines)
        if prose is None or not all(n in prose or not lines[n - 1].strip() for n in numbers):
            return False
    return True


def _prose_lines(lines: list[str]) -> set[int] | None:
    """The lines of the comments and of the strings that are statements of their own; None when
    the text does not tokenize."""
    prose: set[int] = set()
    statement: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if token.type == tokenize.COMMENT:
                prose.add(token.start[0])
            elif token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                strings = _documenting_strings(statement)
                prose.update(n for part in strings for n in range(part.start[0], part.end[0] + 1))
                statement = []
            elif token.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
                statement.append(token)
    except (tokenize.TokenError, SyntaxError):
        return None
    return prose


def _documenting_strings(statement: list[tokenize.TokenInfo]) -> list[tokenize.TokenInfo]:
    """The strings of a statement that is strings alone (a docstring), or that binds them to a
    `__doc__` (`CRSInfo.__doc__ = '''.. versionadded:: 3.0.0'''`); none for another statement."""
    equals = next((index for index, part in enumerate(statement) if part.string == "="), None)
    if equals is not None and equals > 0 and statement[equals - 1].string == "__doc__":
        statement = statement[equals + 1:]
    return statement if statement and all(part.type == tokenize.STRING for part in statement) else []


def _cython_imports_alone(diff: FileDiff) -> bool:
    """Every changed line of a Cython source (`.pyx`, `.pxd`, `.pxi`), which has no syntax tree
    here, imports or tries an import (`from collections import Sized` became `try: from
    collections.abc import Sized except ImportError: from collections import Sized`)."""
    if PurePosixPath(diff.path).suffix not in _CYTHON_SUFFIXES or diff.status != "modified":
        return False
    written = _written_lines(diff)
    return bool(written) and any(not line.startswith("#") for line in written) \
        and all(_CYTHON_IMPORT_LINE.match(line) for line in written)


def _sets_build_values(diff: FileDiff) -> bool:
    """The changed lines of a build file set values the build runs with: versions, flags,
    options, requirements of its packages, a Makefile's variables."""
    if _bumps_numbers(diff) or _bumps_versions_and_commits(diff):
        return True
    changed = _changed_cmake_code(diff)
    return _sets_compile_flags(changed) or _sets_package_requirements(changed) \
        or _sets_cmake_versions(changed) or _gates_on_platforms(diff) or _sets_make_variables(diff)


def _gates_on_platforms(diff: FileDiff) -> bool:
    """Every changed line of a CMake file is the test of an `if` that now names a platform
    (`if(BUILD_FILE_REORG_BACKWARD_COMPATIBILITY AND NOT WIN32)`): which platforms take a step."""
    if diff.old_text is None or diff.new_text is None or not _is_cmake(diff.path):
        return False
    (new, added), (old, removed) = _changed_sides(diff)
    tests = [_cmake_code(new, n) for n in added]
    return bool(tests) and all(_CMAKE_IF.match(test) and _CMAKE_PLATFORM.search(test) for test in tests) \
        and all(_CMAKE_IF.match(_cmake_code(old, n)) for n in removed)


_CMAKE_IF = re.compile(r"^(if|elseif)\s*\(.*\)$", re.IGNORECASE)
_CMAKE_PLATFORM = re.compile(r"\b(WIN32|APPLE|UNIX|MSVC|ANDROID|MINGW|CYGWIN|IOS|CMAKE_SYSTEM_NAME"
                             r"|CMAKE_SYSTEM_PROCESSOR|CMAKE_HOST_\w+)\b")


def _pins_a_version(diff: FileDiff) -> bool:
    """A version file (`.buildkite/vllm_lkg.version`) whose every changed line is one word: the
    version or commit of a dependency that CI or a release uses."""
    if not VERSION_FILE.search(diff.path.rsplit("/", 1)[-1]) or diff.status == "deleted":
        return False
    words = [lines[number - 1].split() for lines, numbers in _changed_sides(diff) for number in numbers]
    return bool(words) and all(len(line) == 1 for line in words)


def _checks_out_releases(diff: FileDiff) -> bool:
    """Every changed line, on either side, checks out a release or a commit of what the script
    cloned, or resets to one (`RUN git checkout v0.11.1rc1` dropped from a Dockerfile: the image
    builds the dependency's default branch now; `RUN git reset 4d621bf... --hard` given another
    commit), or clones a branch or tag where one side names a release (`git clone ... -b main`
    made `-b 0.8.0`): which version of a dependency the build uses."""
    lines = [lines[number - 1] for lines, numbers in _changed_sides(diff) for number in numbers]
    return bool(lines) \
        and all(_RELEASE_CHECKED_OUT.search(line) or _CLONED_AT.search(line) for line in lines) \
        and any(_RELEASE_CHECKED_OUT.search(line) or _CLONED_AT_RELEASE.search(line) for line in lines)


_RELEASE = r"(?:v?\d+\.\d+[\w.+-]*|[0-9a-f]{7,40})\b"
_RELEASE_CHECKED_OUT = re.compile(r"\bgit\s+(?:-C\s+\S+\s+)?(?:checkout|reset)\s+(?:-\S+\s+)*" + _RELEASE)
_CLONED_AT = re.compile(r"\bgit\s+clone\b.*\s(?:-b\s+|--branch[\s=]+)\S")
_CLONED_AT_RELEASE = re.compile(r"\bgit\s+clone\b.*\s(?:-b\s+|--branch[\s=]+)" + _RELEASE)


def _pins_a_commit(diff: FileDiff) -> bool:
    """Every changed line of a modified file, on both sides, is a commit's hash alone (`ea55c160...`
    in `test/onnx/.onnxrt-commit`): the commit of a dependency the build or the tests fetch."""
    if diff.status != "modified" or not diff.added_lines or not diff.removed_lines:
        return False
    return all(_COMMIT_HASH.fullmatch(lines[n - 1].strip())
               for lines, numbers in _changed_sides(diff) for n in numbers)


_COMMIT_HASH = re.compile(r"[0-9a-f]{40}")


def _bumps_numbers(diff: FileDiff) -> bool:
    """Every changed line took the place of one that differs from it only in numbers, and names
    a release: versions bumped through a build matrix (`PYTORCH_VERSION: 2.0.0`, `IMAGE_NAME:
    composer-0-13-1`), what a build ships. Not a count (`EXPECTED_NUM_TESTS=6`), nor in a CI
    pipeline, whose versions are of the tools it runs, nor in a Dockerfile, whose base image is
    what the image is built on."""
    if diff.old_text is None or diff.new_text is None or is_ci_pipeline(diff.path) \
            or is_dockerfile(diff.path) or not diff.hunks:
        return False
    prefix = _LINE_COMMENT.get(language(diff.path))
    old, new = diff.old_text.splitlines(), diff.new_text.splitlines()
    bumped = False
    for hunk in diff.hunks:
        for removed, added in replacements(hunk):
            was, now = _code_of_lines(old, removed, prefix), _code_of_lines(new, added, prefix)
            if len(was) != len(now):
                return False
            for before, after in zip(was, now, strict=True):
                if before == after:
                    continue  # its comment alone changed
                if not _release_bumped(before, after):
                    return False
                bumped = True
    return bumped


def _bumps_versions_and_commits(diff: FileDiff) -> bool:
    """Each changed line took the place of one that differs from it only in numbers and names a
    release, or only in digests and names a commit, both kinds among them: a release script's
    versions and the hashes of what it builds on (`NEW_ROCBLAS_VERSION="2.31.0"`,
    `NEW_TENSILE_HASH="f8a03abb..."`). Not in a CI pipeline, nor a Dockerfile."""
    if diff.old_text is None or diff.new_text is None or is_ci_pipeline(diff.path) \
            or is_dockerfile(diff.path):
        return False
    kinds: set[str] = set()

    def bumped(before: str, after: str) -> bool:
        if before == after:
            return True
        if _release_bumped(before, after):
            kinds.add("release")
        elif _commit_repinned(before, after):
            kinds.add("commit")
        else:
            return False
        return True

    return _each_replaced_alike(diff, diff.old_text.splitlines(), diff.new_text.splitlines(), bumped) \
        and len(kinds) == 2


def _release_bumped(before: str, after: str) -> bool:
    """The line differs from the one it took the place of only in numbers, and names a release."""
    return _numbers_blanked(before) == _numbers_blanked(after) and bool(_NAMES_A_RELEASE.search(after))


def _numbers_blanked(line: str) -> str:
    """The line with its numbers, of however many parts, and their pre-release marks blanked:
    `GIT_TAG 1.3.0-rc0` is the release `GIT_TAG 1.3.0` is; `VERSION 3.17` the one `VERSION 3.25.0` is."""
    return _VERSION_NUMBER.sub("0", _PRE_RELEASE.sub("", line))


_VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)*")


# What marks a pre-release after its number: `-rc0`, `.dev2`, `a1`, `b3`.
_PRE_RELEASE = re.compile(r"(?<=\d)[-.]?(rc|alpha|beta|dev|pre|a|b)\d*\b", re.IGNORECASE)


def _pins_other_commits(diff: FileDiff) -> bool:
    """Every changed line took the place of one that differs from it only in hexadecimal
    digests, and names a commit or a checksum: a dependency pinned to another commit (`LLVM_COMMIT
    = "765206e0..."` with its `LLVM_SHA256`). Not in a CI pipeline, whose pins are of the actions
    and tools it runs."""
    if diff.old_text is None or diff.new_text is None or is_ci_pipeline(diff.path):
        return False
    return _each_replaced_alike(diff, diff.old_text.splitlines(), diff.new_text.splitlines(),
                                _commit_repinned)


def _commit_repinned(before: str, after: str) -> bool:
    """The line differs from the one it took the place of only in hexadecimal digests, and names
    a commit or a checksum."""
    return _DIGEST.sub("0", before) == _DIGEST.sub("0", after) and bool(_NAMES_A_COMMIT.search(after))


# A commit or a checksum written out, and what names one.
_DIGEST = re.compile(r"\b[0-9a-f]{7,64}\b")
_NAMES_A_COMMIT = re.compile(r"commit|sha|hash|\brev\b|revision", re.IGNORECASE)


def _code_of_lines(lines: list[str], numbers: list[int], comment: str | None) -> list[str]:
    """The numbered lines without their trailing comments (`# default 6.0.0.alpha005`), those
    that are comments alone left out: a comment written beside a version bumped says what it is."""
    if comment is None:
        return [lines[n - 1] for n in numbers if n <= len(lines)]
    trailing = re.compile(rf"\s+{re.escape(comment)}.*$")
    return [code for n in numbers if n <= len(lines)
            and (code := trailing.sub("", lines[n - 1]).rstrip()) and not code.lstrip().startswith(comment)]


def _sets_compile_flags(changed: list[str]) -> bool:
    """Every changed line of a CMake file (`changed`, as `_changed_cmake_code` gives them) adds
    or drops a definition or option the code is compiled with (`add_definitions(-DUSE_GPU)`,
    `target_compile_options(ops PRIVATE -O3)`,
    `set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} -fopenmp")`), or names the compiler
    (`set(CMAKE_CXX_COMPILER ${ROCM_PATH}/lib/llvm/bin/clang++)`), or declares an option of the build
    (`option(WITH_TENSOR_CORE "..." OFF)`), or opens or closes an `if` on such options around
    them, maybe saying so (`message(STATUS "... compiled with the verbose flag -v")`), or sets a
    version beside them (`cmake_minimum_required(VERSION 3.19)`): a setting of the build, not
    its steps."""
    return any(_CMAKE_FLAGS.match(line) or _CMAKE_OPTION.match(line) for line in changed) \
        and all(_CMAKE_FLAGS.match(line) or _CMAKE_OPTION.match(line) or _CMAKE_CONDITION.match(line)
                or _CMAKE_MESSAGE.match(line) or _CMAKE_VERSION.match(line) for line in changed)


def _sets_cmake_versions(changed: list[str]) -> bool:
    """Every changed line of a CMake file (`changed`) sets a version or hands one to a target (`set(
    ONNX2TRT_VERSION "${ONNX2TRT_MAJOR}.${ONNX2TRT_MINOR}.${ONNX2TRT_PATCH}")`, `VERSION
    ${ONNX2TRT_VERSION}` among a library's properties), or pins a dependency it fetches to
    another tag (`GIT_TAG master` became `GIT_TAG release-1.8.1`)."""
    return bool(changed) and all(_CMAKE_VERSION.match(line) for line in changed)


def _sets_package_requirements(changed: list[str]) -> bool:
    """Every changed line of a CMake file (`changed`) sets what the packages it builds require of others
    (`set(CPACK_DEBIAN_PACKAGE_DEPENDS "rocprim-dev (>= 2.10.1)")`, or a list of them the project
    hands CPack, `set(rocJPEG_RPM_PACKAGE_LIST "rocm-hip-runtime, libva")`), or who maintains them
    (`MAINTAINER "rocthrust-maintainer@amd.com"` in `rocm_create_package(...)`): the release's
    dependencies and metadata."""
    return bool(changed) and all(_CMAKE_PACKAGE_REQUIREMENT.match(line) or _CMAKE_PACKAGE_METADATA.match(line)
                                 for line in changed)


def _changed_cmake_code(diff: FileDiff) -> list[str]:
    """The code of each line a modified CMake file changed, on either side; a line inside a
    command written over several is given as that command's (`target_compile_options(
    $<$<CXX_COMPILER_ID:MSVC>:/wd4100>)`)."""
    if diff.old_text is None or diff.new_text is None or not _is_cmake(diff.path):
        return []
    return [f"{command}({code})" if (command := _open_cmake_command(lines, n)) else code
            for lines, numbers in _changed_sides(diff) for n in numbers if (code := _cmake_code(lines, n))]


def _open_cmake_command(lines: list[str], number: int) -> str | None:
    """The command the numbered line continues: the nearest one opened above it, within
    `_CMAKE_COMMAND_REACH` lines, whose brackets are still open where the line starts."""
    if _CMAKE_COMMAND.match(_cmake_code(lines, number)):
        return None
    for above in range(number - 1, max(0, number - 1 - _CMAKE_COMMAND_REACH), -1):
        if (opened := _CMAKE_COMMAND.match(_cmake_code(lines, above))) is not None:
            depth = sum(code.count("(") - code.count(")")
                        for code in (_cmake_code(lines, n) for n in range(above, number)))
            return opened[1] if depth > 0 else None
    return None


_CMAKE_COMMAND_REACH = 30
_CMAKE_COMMAND = re.compile(r"^(\w+)\s*\(")


# A version set, or given to a target's properties; the tag or checksum of what a dependency is
# fetched at (`GIT_TAG release-1.8.1` in `FetchContent_Declare`, `CPMAddPackage`, `ExternalProject_Add`);
# a command that sets the project's version up (`rocm_setup_version(VERSION 0.3.0.0 NO_GIT_TAG_VERSION)`)
# or a library's ABI version (`rocm_set_soversion(rocalution "1.0.0")`).
_CMAKE_VERSION = re.compile(r"^set\s*\(\s*\w*VERSION\w*\s.*\)$"
                            r"|^(\w+\()?((SO)?VERSION|GIT_TAG|URL_HASH|URL_MD5)\s+\S+\s*\)?\)?$"
                            r"|^\w+_version\s*\(\s*VERSION\s.*\)$|^\w+_soversion\s*\(.*\)$",
                            re.IGNORECASE)
# What CPack's packages require of others, or replace: `set(CPACK_RPM_PACKAGE_REQUIRES "...")`.
_CMAKE_PACKAGE_REQUIREMENT = re.compile(
    r"^set\s*\(\s*CPACK_\w*_(DEPENDS|REQUIRES|RECOMMENDS|SUGGESTS|PROVIDES|CONFLICTS|REPLACES|OBSOLETES)\b.*\)$"
    r"|^set\s*\(\s*\w*_(DEBIAN|DEB|RPM)_(\w+_)?PACKAGE_LIST\b.*\)$",
    re.IGNORECASE)


# Who maintains or makes a package, as CPack or a package-making command is told: `set(
# CPACK_PACKAGE_CONTACT "...")`, `rocm_create_package(MAINTAINER "...")`.
_CMAKE_PACKAGE_METADATA = re.compile(
    r"^(set\s*\(\s*CPACK_\w*_(CONTACT|VENDOR|MAINTAINER|HOMEPAGE\w*)\b.*\)"
    r"|\w*package\w*\(\s*(MAINTAINER|VENDOR|CONTACT|HOMEPAGE)\s+.*\))$", re.IGNORECASE)


# An entry of a Bazel list naming a target of another repository: `"@com_google_absl//absl/types:variant",`.
_EXTERNAL_TARGET_ENTRY = re.compile(r'^\s*"@[\w.-]+//[^"]*",?\s*(#.*)?$')


def _adds_external_dependencies(diff: FileDiff) -> bool:
    """A Bazel file (`tftext.bzl`, `BUILD`) only gains entries naming targets of other
    repositories (`"@com_google_absl//absl/types:variant",` among a rule's `deps`): the build's
    dependencies, as a requirements file's are Python's. Not targets of its own repository
    (`"//examples/models/resnet:resnet_export"`), which follow how it lays out its own code."""
    name = diff.path.rsplit("/", 1)[-1].lower()
    if diff.new_text is None or diff.removed_lines or not diff.added_lines \
            or not (name.endswith(".bzl") or name in ("build", "build.bazel")):
        return False
    return all(_EXTERNAL_TARGET_ENTRY.match(lines[n - 1])
               for lines, numbers in _changed_sides(diff) for n in numbers)


# An entry of a Bazel list naming a target of the repository's own: `":cluster_config",`,
# `"//tensorflow_model_optimization/python/core/clustering/keras:cluster_config",`.
_OWN_TARGET_ENTRY = re.compile(r'^\s*"(//[^"@]*|:[\w.+-]+)",?\s*(#.*)?$')


def _wires_own_targets(diff: FileDiff) -> bool:
    """A `BUILD` file only gains or drops entries naming targets, some of the repository's own
    (`":cluster_config",` in a library's `deps`, maybe beside `"@llvm-project//mlir:Shape",`, or
    the comment that stands for an external one in an exported tree, `# numpy dep,`): what its
    code imports, as the build sees it."""
    if diff.old_text is None or diff.new_text is None \
            or diff.path.rsplit("/", 1)[-1].lower() not in ("build", "build.bazel"):
        return False
    changed = [lines[n - 1] for lines, numbers in _changed_sides(diff) for n in numbers]
    return any(_OWN_TARGET_ENTRY.match(line) for line in changed) \
        and all(_OWN_TARGET_ENTRY.match(line) or _EXTERNAL_TARGET_ENTRY.match(line)
                or line.lstrip().startswith("#") for line in changed)


def _sets_make_variables(diff: FileDiff) -> bool:
    """Every changed line of a Makefile is part of a variable's assignment, one that gives
    compiler or linker flags (`LDFLAGS += -l$(CUDARTLIB)`, a line continuing `CUDACODE :=
    -gencode=...`) or a default a user may override (`CUDARTLIB ?= cudart_static`): the values
    the build runs with, not its rules nor their recipes, nor the lists its tools work through.
    So in a shell script that configures a build (`OPENMP_CXXFLAGS="$(SHLIB_OPENMP_CXXFLAGS)"`
    in `configure`)."""
    if diff.old_text is None or diff.new_text is None or language(diff.path) not in ("makefile", "shell"):
        return False
    shell = language(diff.path) == "shell"
    code = 0
    for lines, numbers in _changed_sides(diff):
        # a shell script's assignments may sit indented in its blocks; a Makefile's indented
        # lines are its recipes
        assignments = _make_assignments([line.lstrip() for line in lines] if shell else lines)
        for n in numbers:
            if not lines[n - 1].split("#", 1)[0].strip():
                continue
            code += 1
            assignment = assignments.get(n)
            if assignment is None or not (_MAKE_FLAG.search(lines[n - 1]) or _MAKE_SETTING.match(assignment)
                                          or (shell and (_SHELL_SETTING.match(lines[n - 1].strip())
                                                         or _EXPORTED_SWITCH.match(lines[n - 1].strip())))):
                return False
    return code > 0


def _make_assignments(lines: list[str]) -> dict[int, str]:
    """The numbers of a Makefile's lines that assign a variable or continue an assignment,
    each with the assignment's first line."""
    assignments: dict[int, str] = {}
    first: str | None = None
    for number, line in enumerate(lines, 1):
        if first is None and _MAKE_ASSIGNMENT.match(line):
            first = line
        if first is not None:
            assignments[number] = first
            first = first if line.rstrip().endswith("\\") else None
    return assignments


def _installs_other_releases(diff: FileDiff) -> bool:
    """Each changed line of a Dockerfile or a script (not a CI pipeline's) took the place of one
    that installs the same packages with pip, other releases of them (`RUN pip install transformers
    accelerate` became `RUN pip install transformers==4.48.* accelerate`): the versions the image
    or the environment is built with."""
    if diff.old_text is None or diff.new_text is None or is_ci_pipeline(diff.path) \
            or not (is_dockerfile(diff.path) or language(diff.path) == "shell"):
        return False
    return _each_replaced_alike(diff, diff.old_text.splitlines(), diff.new_text.splitlines(),
                                lambda old, new: old != new and _pip_installed(old) is not None
                                and _pip_installed(old) == _pip_installed(new))


def _pip_installed(line: str) -> frozenset[str] | None:
    """The names of the packages a `pip install` line installs, their version specifiers aside;
    None for another line."""
    command = _PIP_INSTALL.search(line)
    if command is None:
        return None
    try:
        words = shlex.split(command[1], comments=True)
    except ValueError:
        return None
    return frozenset(_SPECIFIER.split(word, maxsplit=1)[0].lower() for word in words
                     if not word.startswith("-"))


# A `pip install` command and what follows it on the line; where a requirement's name ends.
_PIP_INSTALL = re.compile(r"\bpip3?\s+install\s+(.*)$")
_SPECIFIER = re.compile(r"[=<>!~;\[ ]")


def _tests_other_versions(diff: FileDiff) -> bool:
    """A tox file whose changes name other Pythons or dependencies for the tests: every
    setting it changes is one of `_TOX_VERSION_KEYS`, or sits in the section that maps CI's
    Pythons to environments (`[gh-actions]`, `[travis]`), and one is not the extras the
    environments install (`envlist = py310, py311` became `py310, py311, py312, py313`,
    `figure-!devdeps: astropy==4.2.0` became `4.2.1`). Not how the tests run: their commands,
    the variables they see, where they start (`change_dir`)."""
    if PurePosixPath(diff.path).name != "tox.ini" or diff.old_text is None or diff.new_text is None:
        return False
    old, new = _tox_settings(diff.old_text), _tox_settings(diff.new_text)
    if old is None or new is None:
        return False
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    return bool(changed) and all(_names_versions(key) or key[1] == "extras" for key in changed) \
        and any(_names_versions(key) for key in changed)


# The settings of a tox environment that say which Python, and which dependencies, it tests with.
_TOX_VERSION_KEYS = frozenset({"envlist", "env_list", "basepython", "base_python", "deps", "depends"})
# The sections of a tox file that map a CI service's Pythons, or its variables, to environments.
_CI_MAP_SECTIONS = ("gh-actions", "travis")


def _names_versions(key: tuple[str, str]) -> bool:
    section, option = key
    return option in _TOX_VERSION_KEYS or section.startswith(_CI_MAP_SECTIONS)


def _tox_settings(text: str) -> dict[tuple[str, str], str] | None:
    """A tox file's settings by (section, option), its comments left out; None where it does
    not read as INI."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return {(section, option): value for section in parser.sections()
            for option, value in parser.items(section, raw=True)}


def _gives_other_options(diff: FileDiff) -> bool:
    """Each changed line of a build script (not a CI pipeline's; a shell script by its suffix or
    its `#!` line) took the place of one that runs the same command with other options (`cmake
    -DCMAKE_BUILD_TYPE=Release ...` given `-D CUDA_INCLUDE_DIRS=/usr/local/cuda/include` too):
    what the build is run with. In a script named for building or for running the product
    (`sample_t2v.sh`), an option may also take another value (`--cache_dir "./cache_dir"`, on
    a line continuing the command), as the run's settings."""
    if diff.old_text is None or diff.new_text is None or is_ci_pipeline(diff.path) \
            or not (language(diff.path) == "shell" or _SHELL_SHEBANG.match(diff.new_text)):
        return False
    name = PurePosixPath(diff.path.lower()).name
    settable = bool(_BUILDING_SCRIPT.search(name) or _RUNNING_SCRIPT.match(name))
    return _each_replaced_alike(diff, diff.old_text.splitlines(), diff.new_text.splitlines(),
                                lambda old, new: old != new and bool(command := _without_options(new))
                                and (_without_options(old) == command
                                     or (settable and _options_given_otherwise(old, new))))


# The first line of a shell script named without a suffix (`scripts/check`): `#!/bin/sh -e`.
_SHELL_SHEBANG = re.compile(r"#!\S*/(?:env\s+)?(?:ba|da|z)?sh\b")


def _without_options(line: str) -> str:
    return " ".join(_SHELL_OPTION.sub(" ", line).split())


def _options_given_otherwise(old: str, new: str) -> bool:
    """The same command, its words changed only in runs that each open with an option, or in
    the value an unchanged option takes (`conda build ... -c conda-forge` given `-c fvcore -c
    iopath` too; `--python 3.8` become `--python 3.9`); a quoted text is one word, whatever
    it says (`printf "... -l <version> ..."`)."""
    try:
        was, now = (shlex.split(line.rstrip().removesuffix("\\"), comments=True) for line in (old, new))
    except ValueError:  # a quote the line leaves open
        return False
    if not was or not now or was[0] != now[0]:
        return False
    matcher = difflib.SequenceMatcher(None, was, now, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        runs = [run for run in (was[start:end], now[new_start:new_end]) if run]
        follows_option = start > 0 and _OPTION_WORD.match(was[start - 1]) is not None
        if not all(_OPTION_WORD.match(run[0]) for run in runs) and not (tag == "replace" and follows_option):
            return False
    return True


# A word of a command line that is an option: `-c`, `--no-anaconda-upload`, `-DUSE_CUDA=1`.
_OPTION_WORD = re.compile(r"^--?[A-Za-z]")
# A script named for building, installing or packaging: `build_conda.sh`, `install_deps.sh`.
_BUILDING_SCRIPT = re.compile(r"build|install|setup|packag|compile")
# A script that runs the product, named for what it runs: `sample_t2v.sh`, `train_lora.sh`.
_RUNNING_SCRIPT = re.compile(r"(pre)?train|fine_?tune|infer|sample|generate|eval|serve|launch")


def _is_cmake(path: str) -> bool:
    name = PurePosixPath(path.lower()).name
    return name == "cmakelists.txt" or name.endswith(".cmake")


def _cmake_code(lines: list[str], number: int) -> str:
    return lines[number - 1].split("#", 1)[0].strip() if number <= len(lines) else ""


def _cmake_messages_reworded(diff: FileDiff) -> bool:
    """Each changed line of a CMake file took the place of a `message(...)` that differs from it
    only in its quoted words (`"'hipcc' compiler required to compile for ROCm software."`): what
    the build says, not what it does."""
    if diff.old_text is None or diff.new_text is None or not _is_cmake(diff.path):
        return False
    return _each_replaced_alike(diff, diff.old_text.splitlines(), diff.new_text.splitlines(),
                                lambda before, after: before != after
                                and _CMAKE_MESSAGE.match(after) is not None
                                and NATIVE_STRING.sub('""', before) == NATIVE_STRING.sub('""', after))


_CMAKE_MESSAGE = re.compile(r"^\s*message\s*\(", re.IGNORECASE)


# A repository named with the branch, tag or commit to take: torch.hub's
# `'facebookresearch/xcit:main'`, an image's `"org/image:2.1"`.
_REPOSITORY_REF = re.compile(r"""(["'])([\w.-]+/[\w.-]+)(?::([\w./-]+))?\1""")


def _repository_refs_pinned(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that is the same but for the branch, tag or
    commit of the repositories it names (`torch.hub.load('facebookresearch/xcit', ...)` became
    `torch.hub.load('facebookresearch/xcit:main', ...)`): the code loads the same dependency at
    another revision, a pin."""
    def unpinned(line: str) -> str:
        return _REPOSITORY_REF.sub(lambda match: match[1] + match[2] + match[1], line)

    def pinned_otherwise(before: str, after: str) -> bool:
        refs = [[match[3] for match in _REPOSITORY_REF.finditer(line)] for line in (before, after)]
        return refs[0] != refs[1] and any(refs[1]) and unpinned(before) == unpinned(after)

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, pinned_otherwise)


def _values_passed_by_name(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that held a member of an imported type where it
    now holds that member's name as a string (`cache_config.cache_dtype = ov.Type.u8` became
    `= "u8"`): what the code hands on is a string now, which pickles, and its readers map it
    back."""
    assert sides.old is not None
    imported = sides.old.imported_names

    def named(old: str, new: str) -> bool:
        spelled = _MEMBER.sub(lambda match: f'"{match[2]}"' if match[1] in imported else match[0], old)
        return spelled != old and new.replace("'", '"') == spelled

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, named)


# A member of an imported type or module: `ov.Type.u8` (`ov`, `u8`).
_MEMBER = re.compile(r"\b(\w+)(?:\.\w+)*\.(\w+)\b(?!\s*\()")


def _fields_read_through_getters(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that read a field where it now calls the getter
    named for it (`hf_config.text_config` became `hf_config.get_text_config()`): the code follows
    what the object offers to be read through."""
    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, lambda old, new: bool(
        _GETTER_CALL.search(new)) and old != new and _GETTER_CALL.sub(r".\1", new) == old)


_GETTER_CALL = re.compile(r"\.get_(\w+)\(\)")


def _each_replaced_alike(diff: FileDiff, old: list[str], new: list[str],
                         alike: Callable[[str, str], bool]) -> bool:
    """The diff changed lines only by replacing each with one line that is `alike` it."""
    if not diff.hunks:
        return False
    for hunk in diff.hunks:
        for removed, added in replacements(hunk):
            if len(removed) != len(added) or any(
                    not alike(old[was - 1], new[now - 1])
                    for was, now in zip(removed, added, strict=True) if was <= len(old) and now <= len(new)):
                return False
    return True


_MOVABLE_LANGUAGES = frozenset({"python", "c", "c++", "cuda"})


def _only_moved(diff: FileDiff, sides: ParsedSides | None) -> bool:
    """A module or a C, C++ or CUDA file renamed with its code unchanged: only the path it is
    imported or included from changed."""
    if diff.status != "renamed" or language(diff.path) not in _MOVABLE_LANGUAGES:
        return False
    if sides is None:  # the same blob on both sides is read on neither
        return diff.old_text is None and diff.new_text is None and not diff.notes
    return not sides.added_code_lines and not sides.removed_code_lines


def _python_change_type(sides: ParsedSides, symbols: list[SymbolChange],
                        imports: list[ImportChange],
                        shape: StatementShape | None = None,
                        around: AroundFile | None = None) -> ChangeType:
    around = around or AroundFile()
    if sides.old is None or sides.new is None or sides.old.error or sides.new.error:
        return "core-logic"
    new_lines, old_lines = _not_moved_verbatim(sides)
    if not new_lines and not old_lines:
        if _check_directives_changed(sides):
            return "test-coverage"  # what a lit test expects the compiler to print
        return "docs" if _comments_changed(sides) else "core-logic"
    if sides.layout_only and _comments_changed(sides):
        return "docs"  # comments reworded, the code only laid out anew (a newline at the end)
    if new_lines <= sides.new.docstring_lines and old_lines <= sides.old.docstring_lines:
        # A symbol added or removed there is code a string held, let out, or code put in one.
        return "docs" if all(s.status == "changed" for s in symbols) else "core-logic"
    # Beside code, a docstring rewritten with it describes that change and does not make one.
    new_lines -= sides.new.docstring_lines
    old_lines -= sides.old.docstring_lines
    unfolded_new, unfolded_old = _choices_written_out(sides, new_lines, old_lines)
    if new_lines - unfolded_new or old_lines - unfolded_old:
        new_lines -= unfolded_new
        old_lines -= unfolded_old
    modern_new, modern_old = _spelled_in_newer_python(sides, new_lines, old_lines)
    if new_lines - modern_new or old_lines - modern_old:
        new_lines -= modern_new
        old_lines -= modern_old
    if _python_messages_reworded(sides, new_lines, old_lines) \
            or _prose_respelled(sides, new_lines, old_lines):
        return "docs"
    if _stand_ins_rewritten(sides, new_lines, old_lines) \
            or _only_repeated_bindings_removed(sides, new_lines, old_lines):
        return "core-logic"
    if _only_deprecated_aliases_removed(sides, symbols, new_lines, old_lines):
        return "data-contract"
    if _reached_elsewhere(sides, new_lines, old_lines) or _patch_targets_moved(sides) \
            or _only_import_paths_set(sides, new_lines, old_lines) \
            or _own_module_paths_respelled(sides, new_lines, old_lines):
        return "dependency-wiring"
    if new_lines and old_lines \
            and _reads_settings_renamed(sides, new_lines, old_lines, around.settings_renamed):
        return "configuration"
    if new_lines and old_lines and _attribute_reads_defaulted(sides):
        return "data-contract"
    if old_lines and _lets_go_of_what_it_stopped_importing(sides, imports) \
            and not _test_setup_dropped(sides, new_lines, old_lines, imports):
        return "dependency-wiring"
    deferred_new, deferred_old = _loaders_put_in_place(sides)
    deferred_new |= _imports_fetched_by_getters(sides, new_lines, imports)
    hinted_new, hinted_old = _imports_given_install_hints(sides, new_lines, old_lines)
    caught_new, caught_old = _import_errors_caught_anew(sides, new_lines, old_lines)
    unguarded_new, unguarded_old = _import_guards_dropped(sides, old_lines)
    loading_new = _loading_lines(sides.new) | sides.new.fallbacks_written(new_lines) \
        | _import_branches_opened(sides.new, new_lines) | deferred_new | hinted_new | caught_new \
        | unguarded_new
    loading_old = _loading_lines(sides.old) | sides.old.fallbacks_written(old_lines) \
        | _import_branches_opened(sides.old, old_lines) | deferred_old | hinted_old | caught_old \
        | unguarded_old
    reshaped = {id(s) for s in symbols
                if ((is_public(s.qualname) or short_name(s.qualname) in around.hooks_reshaped)
                    and _interface_changed(sides, s) and not _is_jit_kernel(sides, s))
                or _constructor_given(sides, s)}
    if any(change.module == "__future__" for change in imports):
        # How annotations are read is what `from __future__ import annotations` decides; types
        # a function takes or returns anew are its interface all the same.
        kept = [s for s in symbols if id(s) not in reshaped]
        new_lines -= _annotated_headers(sides.new, kept)
        old_lines -= _annotated_headers(sides.old, kept)
    # A function that stops naming, in its annotations, what may now fail to import, or what the
    # module no longer imports where those alone named it, follows the import.
    conditional = _names_made_conditional(imports)
    unnamed = _annotations_unnaming(sides, symbols, conditional) if conditional else []
    if unimported := frozenset(short_name(reference) for reference in _names_no_longer_imported(imports)):
        unnamed += [change for change in _annotations_unnaming(sides, symbols, unimported)
                    if _annotations_changed_only_naming(sides, change, unimported)]
    new_lines -= _annotated_headers(sides.new, unnamed)
    old_lines -= _annotated_headers(sides.old, unnamed)
    if conditional:
        quoted_new, quoted_old = _names_quoted(sides, conditional)
        new_lines -= quoted_new
        old_lines -= quoted_old
        if _uses_put_under_import_flag(sides, conditional, new_lines - loading_new, old_lines - loading_old):
            return "dependency-wiring"
    if _own_version_written(sides, new_lines, old_lines) \
            or _own_version_imported(sides, new_lines, old_lines):
        return "configuration"
    moved_new, moved_old = _moved_in_with_imports(sides, new_lines - loading_new, old_lines - loading_old,
                                                  new_lines & loading_new)
    in_imports = (new_lines - moved_new <= loading_new and old_lines - moved_old <= loading_old) \
        or _said_beside_loading(sides, (new_lines, loading_new), (old_lines, loading_old))
    if shape == "version-gated" and not in_imports:
        # Code gated on the version that now decides whether an import runs follows that import,
        # as do tests of the same versions now made with what another import brings
        # (`LooseVersion(v) >= "1.19"` from distutils became `Version(v) >= Version("1.19")`), or
        # a flag of versions it imported, now computed in the file.
        return "dependency-wiring" if _imports_version_gated(imports) \
            or _imports_moved_under_version_test(sides, imports, new_lines) \
            or _tests_swapped_imports(sides, new_lines, old_lines, imports) \
            or _import_replaced_by_own_copy(sides, symbols, imports, new_lines, old_lines) \
            else "configuration"
    if not old_lines and _required_fields_added(sides, new_lines - loading_new):
        return "data-contract"
    # Fields a data model declares are assignments too; one of another type is its interface.
    if _dependency_setting_renamed(sides) or _serves_deprecated_names(sides, symbols, new_lines, old_lines) \
            or _adds_deprecated_stand_ins(sides, symbols, new_lines, old_lines) \
            or _registers_deprecated_names(sides, new_lines, old_lines) \
            or _decorator_keywords_renamed(sides, new_lines, old_lines) \
            or _aliases_bound_or_dropped(sides, new_lines, old_lines) \
            or _renamed_call_tried_first(sides, new_lines, old_lines) \
            or _deprecated_inputs_let_go(sides, new_lines, old_lines) \
            or _only_type_aliases(sides, new_lines, old_lines) \
            or _only_state_dict_hooks(sides, new_lines, old_lines) \
            or _arguments_reordered_for_imports(sides, imports, new_lines - loading_new,
                                                old_lines - loading_old):
        return "data-contract"
    # a dependency's attribute bound to code, not a value, patches it (a missing API supplied)
    patches_code = shape == "dependency-patched" and _binds_attributes_to_code(sides, new_lines)
    settles, served = _settings_changed(sides, imports, (new_lines, loading_new), (old_lines, loading_old)) \
        if not reshaped and not patches_code else (False, False)
    if settles and _public_fields_renamed(sides, new_lines, old_lines):
        return "data-contract"  # what the class's users read is renamed, not a value set
    if _lazy_exports_listed(sides, new_lines, old_lines):
        return "dependency-wiring"
    if _foreign_signatures_written(sides, new_lines, old_lines) \
            or _declares_what_a_base_reads(sides, new_lines, old_lines):
        return "data-contract"
    if settles and served and not in_imports:
        return "configuration"
    # A call given what the callee now takes passes data on, even where an import brings it,
    # as does one given anew a setting an import brings (what it replaced, it re-points).
    given_settings = shape == "settings-set" and (
        not old_lines - sides.old.import_lines
        or _only_option_declarations_changed(sides, new_lines, old_lines))
    if _bumps_versions(sides) or _versioned_names_swapped(sides, around):
        # the version an import's fallback spells raised, or the one its guard tests, not what
        # it imports
        return "configuration"
    # a setting renamed in another file, imported and read by its new name
    renamed_elsewhere = _renamed_elsewhere(sides, around.constants_renamed)
    if _constants_spelled_through(sides, new_lines, old_lines, renamed_elsewhere):
        return "configuration"
    if _dependency_settings_set(sides, new_lines - loading_new, old_lines, imports):
        return "configuration"
    if in_imports or (not reshaped and shape != "calls-reshaped" and not given_settings
                      and _only_repoints_uses(sides, new_lines, old_lines, imports, around.moved_away)
                      and not _members_taken_out(sides, symbols)) \
            or _renamed_with_the_import(sides, imports, new_lines, old_lines) \
            or (not reshaped and _reached_through_other_modules(sides, new_lines, old_lines)) \
            or _reads_what_imports_bind(sides, new_lines - loading_new, old_lines - loading_old,
                                        loading_new) \
            or _import_replaced_by_own_copy(sides, symbols, imports, new_lines, old_lines) \
            or _fallback_made_the_only_path(sides, new_lines, old_lines) \
            or _imported_callee_chosen_first(sides, imports, new_lines, old_lines) \
            or _renamed_into_a_dependency(sides, symbols, new_lines, old_lines) \
            or _getters_replaced_by_imports(sides, new_lines, old_lines) \
            or _name_taken_where_a_dependency_has_it(sides, new_lines, old_lines) \
            or _version_source_changed(sides, new_lines, old_lines) \
            or _only_import_flags_set(sides, new_lines, old_lines) \
            or _dependency_loaded_lazily(sides, new_lines, old_lines):
        return "dependency-wiring"
    if _binds_own_version(sides, new_lines, old_lines):
        return "configuration"
    # A value bound by a call that now takes its arguments otherwise is the call's reshaping.
    if settles and shape != "calls-reshaped":
        follows = not imports or any(_is_dependency(change.module) for change in imports)
        touches_imports = follows and ((new_lines & loading_new) or (old_lines & loading_old))
        follows_settings = _only_unimports_old_settings(sides, imports, old_lines, new_lines)
        # what a test sets beside the imports its helper calls make, its import statements as
        # they were, is what it tests with (a data file's URL), not wiring
        sets_its_data = not imports and category_of_path(sides.diff.path) == "test"
        return "dependency-wiring" if touches_imports and not follows_settings and not sets_its_data \
            else "configuration"
    if _bumps_versions(sides) or _reads_own_version(sides) or _repository_refs_pinned(sides) \
            or _version_spelled_out(sides, new_lines, old_lines) \
            or _only_versions_read(sides, new_lines, old_lines) \
            or _values_chosen_by_version_anew(sides, new_lines, old_lines) \
            or _callees_chosen_by_version_anew(sides, new_lines, old_lines) \
            or _only_version_checks_added(sides, symbols, new_lines, old_lines):
        return "configuration"
    if shape == "settings-set" or _exposes_options(sides, symbols) \
            or _python_entries_alike(sides, new_lines, old_lines) or _requirements_respecified(sides) \
            or _cases_alike_added(sides, new_lines, old_lines) \
            or _settings_chosen_by_case(sides, new_lines, old_lines) \
            or _settings_built_with_literals(sides, new_lines, old_lines) \
            or _gates_on_settings_removed(sides, new_lines, old_lines) \
            or _switches_passed_on(sides, symbols, reshaped, new_lines, old_lines):
        return "configuration"
    if shape in ("put-under-guard", "dependency-patched", "default-deferred"):
        return "dependency-wiring"
    if shape == "names-retargeted" and imports:
        return "dependency-wiring"
    if _only_build_flags(sides, symbols, new_lines, old_lines) \
            or _only_flags_spelled(sides, new_lines, old_lines) \
            or _switches_a_base_offers_set(sides, new_lines, old_lines) \
            or _configuration_entries_valued_anew(sides, new_lines, old_lines) \
            or _configuration_displays_valued_anew(sides, new_lines, old_lines) \
            or _tiles_chosen(sides, new_lines, old_lines) \
            or _launch_tuning_renumbered(sides, new_lines, old_lines) \
            or _option_given_a_default(sides, new_lines, old_lines) \
            or _options_set_in_constructor(sides, new_lines, old_lines):
        return "configuration"
    if shape in _CONTRACT_SHAPES or _is_contract_change(sides, symbols, reshaped, imports) \
            or _parameters_dropped_by_callers(sides, symbols, around.keywords_dropped) \
            or _taken_away_and_followed(sides, symbols, around) \
            or _sets_what_a_base_reads(sides, new_lines, old_lines) \
            or _follows_coroutines(sides, new_lines, old_lines, around.async_toggled) \
            or _calls_ops_redeclared(sides, new_lines, old_lines, around.ops_redeclared) \
            or _passes_what_signatures_take(sides, new_lines) \
            or _keywords_renamed(sides) \
            or _field_reads_made_constant(sides, around.unread) \
            or _keywords_chosen_by_probe(sides, new_lines) \
            or _takes_another_shape(sides, new_lines, old_lines) \
            or _kept_where_the_dependency_has_it(sides, new_lines, old_lines) \
            or _follows_renamed_methods(sides, around.methods_renamed) \
            or _reads_of_removed_members_replaced(sides, new_lines, old_lines, around.members_removed) \
            or _follows_reshaped_callees(sides, new_lines, old_lines, around.callees_reshaped) \
            or _renamed_methods_spelled_through(sides, new_lines, old_lines, around.methods_renamed) \
            or _gains_renamed_hooks(symbols, around.methods_renamed) \
            or _endpoints_changed(sides, new_lines, old_lines) \
            or _dependency_api_replaced(sides, imports, new_lines, old_lines) \
            or _dependency_names_replaced(sides, new_lines, old_lines) \
            or _fields_read_through_getters(sides) or _values_passed_by_name(sides) \
            or _public_fields_renamed(sides, new_lines, old_lines) \
            or _data_keys_renamed(sides, new_lines, old_lines) \
            or _lets_other_types_through(sides, new_lines, old_lines) \
            or _stored_name_changed_old_one_read(sides) \
            or _fills_fields_saved_data_lacks(sides, new_lines) \
            or _loads_only_keys_saved_data_has(sides, new_lines, old_lines) \
            or _takes_values_from_keys_saved_data_has(sides, new_lines, old_lines) \
            or _saved_keys_renamed(sides, new_lines) \
            or _dependency_result_no_longer_rebound(sides, new_lines, old_lines) \
            or _dependency_results_read_through_a_field(sides, new_lines, old_lines) \
            or _classes_handed_on_through_makers(sides, new_lines, old_lines) \
            or _model_config_declared(sides, new_lines) \
            or _saved_buffers_changed(sides, new_lines, old_lines) \
            or _keywords_tried_before_the_old_ones(sides, new_lines, old_lines):
        return "data-contract"
    if _constants_spelled_through(sides, new_lines, old_lines, around.constants_renamed):
        return "configuration"
    return "core-logic"


def _moved_in_with_imports(sides: ParsedSides, new_rest: set[int], old_rest: set[int],
                           imports_added: set[int]) -> tuple[set[int], set[int]]:
    """The lines, new and old, of module-level code the change moved as it was into the
    functions it now imports in (`byte_encoder = bytes_to_unicode()` and a helper reading it,
    moved into `generate_vocab_and_merges` with the import of `bytes_to_unicode` they need):
    what the import made lazy brought with it. Nothing unless every such old line moved."""
    assert sides.old is not None and sides.new is not None
    importing = {owner for n in imports_added if (owner := sides.new.owner(n))}
    if not importing or not old_rest or any("." in (sides.old.owner(n) or "") for n in old_rest):
        return set(), set()
    old_texts = Counter(sides.old_text_lines[n - 1].strip() for n in old_rest)
    moved_new: set[int] = set()
    for number in sorted(new_rest):
        owner, text = sides.new.owner(number) or "", sides.new_text_lines[number - 1].strip()
        if old_texts[text] and any(owner == function or owner.startswith(function + ".")
                                   for function in importing):
            old_texts[text] -= 1
            moved_new.add(number)
    return (moved_new, set(old_rest)) if not +old_texts else (set(), set())


# What a line that logs, prints or warns names: `logger.info(`, `print(`, `warnings.warn(`.
_SAYS = re.compile(r"\b(log\w*|print\w*|warn\w*)\b", re.IGNORECASE)
# A line that goes on with a message's text or closes its call: `"required for q4_k")`.
_CONTINUES_A_MESSAGE = re.compile(r"""^\s*([rf]?["']|[)\]}])""")


# An import of the standard library's means of saying things: `from warnings import warn`,
# `import logging`; or of names that say things, wherever from: `from sunpy.util.exceptions import
# warn_deprecated`.
_IMPORTS_MESSAGING = re.compile(r"^\s*(from\s+(warnings|logging)\s+import\b|import\s+(warnings|logging)\s*$"
                                r"|from\s+[\w.]+\s+import\s+\(?\s*(warn|warning|log|print)(_\w+)?"
                                r"(\s*,\s*(warn|warning|log|print)(_\w+)?)*\s*\)?\s*$)")


def _said_beside_loading(sides: ParsedSides, new: tuple[set[int], set[int]],
                         old: tuple[set[int], set[int]]) -> bool:
    """The change touches what a function or the module loads, and every other statement it
    touches logs, prints or warns in the same place (`from fms_mo.aiu_addons.gptq import
    gptq_aiu_linear` in place of `from aiu_as_addon import aiu_linear`, and
    `logger.info("Loaded aiu_addons")`, in one method): the messages tell of the loading. The
    import of what says them (`from warnings import warn`) is no loading they tell of."""
    assert sides.old is not None and sides.new is not None
    sides_changed = ((sides.new, new), (sides.old, old))
    rest = [(table, changed - loading) for table, (changed, loading) in sides_changed]
    if not any(lines for _, lines in rest) or not all(
            _SAYS.search(line := table.lines[number - 1]) or _CONTINUES_A_MESSAGE.match(line)
            for table, lines in rest for number in lines):
        return False
    loaders = {table.owner(line) for table, (changed, loading) in sides_changed for line in changed & loading
               if not _IMPORTS_MESSAGING.match(table.lines[line - 1])}
    if not loaders:
        return False
    for table, lines in rest:
        statements = touched_statements(table, lines) if lines else []
        if statements is None or not all(is_message(statement) and table.owner(statement.lineno) in loaders
                                         for statement in statements):
            return False
    return True


def _renamed_with_the_import(sides: ParsedSides, imports: list[ImportChange], new_lines: set[int],
                             old_lines: set[int]) -> bool:
    """A module is imported under another name in the same place (`import tiny_tokenizer`
    became `import konoha`, the package renamed), and every other changed line reads as it did
    with the old name spelled anew, in names made of it too (`tiny_tokenizer_tokens` became
    `konoha_tokens`), messages reworded aside: the code follows the package's new name."""
    assert sides.old is not None and sides.new is not None
    removed = [change for change in imports if change.status == "removed"]
    added = [change for change in imports if change.status == "added"]
    if len(removed) != 1 or len(added) != 1 or len(removed[0].names) != 1 or len(added[0].names) != 1 \
            or removed[0].context != added[0].context:
        return False
    old_name, new_name = removed[0].names[0], added[0].names[0]
    spelled = re.compile(rf"(?<![A-Za-z0-9]){re.escape(old_name)}(?![A-Za-z0-9])")

    def code(lines: list[str], numbers: set[int], table: ModuleSymbols) -> Counter[str]:
        return Counter(line.strip() for n in numbers - table.import_lines - table.docstring_lines
                       if not _SAYS.search(line := lines[n - 1]) and not _CONTINUES_A_MESSAGE.match(line))
    before = code(sides.old_text_lines, old_lines, sides.old)
    return bool(before) and code(sides.new_text_lines, new_lines, sides.new) == Counter(
        spelled.sub(new_name, line) for line in before.elements())


def _only_versions_read(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed statement, imports and the `try`/`except` lines around a probe aside, binds
    or tests a version, and a flag the module did not have is now set from a comparison of
    versions: a dependency's version probed and a flag set from it (`CURRENT_CUDF_VERSION =
    parse_version(cudf.__version__)`, `MINHASH_PERMUTED_AVAILABLE = CURRENT_CUDF_VERSION >=
    parse_version("24.12.0")`), the checks beside it kept as they were but for the name of the
    parser; or a flag set from versions compared otherwise (`IS_4BIT_BNB_AVAILABLE =
    bnb.__version__ >= "0.39.0"` became `BNB_VERSION >= Version("0.39.0")`)."""
    assert sides.old is not None and sides.new is not None
    code = [(lines, {n for n in numbers - table.import_lines if not _PROBE_FRAME.match(lines[n - 1])})
            for lines, numbers, table in ((sides.new_text_lines, new_lines, sides.new),
                                          (sides.old_text_lines, old_lines, sides.old))]
    flags, flags_before = (
        {bound[1] for n in numbers
         if (bound := _BOUND_NAME.match(lines[n - 1])) and _compares_versions(lines[n - 1])}
        for lines, numbers in ((sides.new_text_lines, code[0][1]), (sides.old_text_lines, old_lines)))
    return bool(flags - set(sides.old.symbols) or flags & flags_before) \
        and all(_each_statement(lines, numbers, _binds_or_tests_a_version) for lines, numbers in code)


def _values_chosen_by_version_anew(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change binds module names from a test of a version (`_NUMPY_COPY_IF_NEEDED = False if
    np.__version__.startswith("1.") else None`), and each other line it changed is the one it
    replaced but for one of those names where that spelled a literal (`copy=False` became
    `copy=_NUMPY_COPY_IF_NEEDED`): the value passed now depends on the version installed."""
    assert sides.old is not None and sides.new is not None
    code = new_lines - sides.new.import_lines
    binding = {n: bound[1] for n in code
               if (bound := _BOUND_NAME.match(line := sides.new_text_lines[n - 1])) and not line[0].isspace()
               and VERSION_PREDICATE.search(line) and bound[1] not in sides.old.symbols}
    rest = code - set(binding)
    if not binding or not old_lines or not rest:
        return False
    flagged = re.compile(rf"\b{one_of(set(binding.values()))}\b")
    return _replaced_line_for_line(sides, rest, old_lines,
                                   lambda before, after: _literal_named(before, after, flagged))


def _replaced_line_for_line(sides: ParsedSides, rest: set[int], old_lines: set[int],
                            alike: Callable[[str, str], bool]) -> bool:
    """Each of the new lines `rest` took the place of one old line, every changed old line was
    so replaced, and each old line and the new one in its place are `alike`."""
    pairs = [(n, m) for run in _line_for_line(sides) for n, m in run]
    return {m for _, m in pairs} >= rest and {n for n, _ in pairs} >= old_lines \
        and all(alike(sides.old_text_lines[n - 1], sides.new_text_lines[m - 1])
                for n, m in pairs if m in rest)


def _classes_handed_on_through_makers(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change adds module functions that only return an instance of a class, and each other
    line it changed is the one it replaced but for such a function handed where its class was
    (`CacheFactory.register("none", NoopPipelineCache)` became `CacheFactory.register("none",
    create_noop_cache)`, `create_noop_cache(**_kwargs)` returning `NoopPipelineCache()`): the
    makers adapt the classes to how the receiver calls what it is given."""
    assert sides.old is not None and sides.new is not None
    makers: dict[str, str] = {}
    held: set[int] = set()
    for name, symbol in sides.new.symbols.items():
        if symbol.kind == "function" and name not in sides.old.symbols \
                and (made := _class_made(sides.new.function(name))) is not None:
            makers[name] = made
            held.update(range(symbol.start, symbol.end + 1))
    rest = new_lines - held
    if not makers or not rest or not old_lines:
        return False
    handed = re.compile(rf"\b({one_of(makers)})\b")
    written = [sides.new_text_lines[n - 1].strip() for n in sorted(rest)]
    return all(handed.search(line) for line in written) \
        and sorted(handed.sub(lambda m: makers[m[1]], line) for line in written) \
        == sorted(sides.old_text_lines[n - 1].strip() for n in old_lines)


def _class_made(function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> str | None:
    """The class a function only returns an instance of (`return InMemoryCache(**kwargs)`)."""
    if function is None:
        return None
    body = function.body[1:] if function.body and is_lone_string(function.body[0]) else function.body
    if len(body) != 1 or not isinstance(returned := body[0], ast.Return) \
            or not isinstance(call := returned.value, ast.Call) or not isinstance(call.func, ast.Name) \
            or not call.func.id[:1].isupper():
        return None
    return call.func.id


def _callees_chosen_by_version_anew(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change writes an `if` on a version that binds the same names in each branch
    (`self.grid_sample = partial(F.grid_sample, align_corners=True)` from torch 1.3, `=
    F.grid_sample` before), and each other line it changed is the one it replaced but for one of
    those names where that spelled what it called (`F.grid_sample(...)` became
    `self.grid_sample(...)`): what is called, and with which defaults, depends on the version
    installed."""
    assert sides.old is not None and sides.new is not None
    code = new_lines - sides.new.import_lines
    opening = {n for n in code if _TEST_LINE.match(line := sides.new_text_lines[n - 1])
               and VERSION_PREDICATE.search(line)}
    if not opening or not old_lines or (tree := sides.new.tree_holding(opening)) is None:
        return False
    gates = [node for node in ast.walk(tree) if isinstance(node, ast.If) and node.lineno in opening]
    bound = [names for gate in gates
             if (names := _names_bound_alone(gate.body)) and names == _names_bound_alone(gate.orelse)]
    if not gates or len(bound) != len(gates):
        return False
    rest = code - {n for gate in gates for n in node_lines(gate)}
    flagged = re.compile(rf"(?<![\w.]){one_of({name for names in bound for name in names})}\b")
    return bool(rest) and _replaced_line_for_line(
        sides, rest, old_lines,
        lambda before, after: _spelled_in_place_of(flagged, after, before, r"([\w.]+?)") is not None)


def _names_bound_alone(block: list[ast.stmt]) -> set[str] | None:
    """The names, dotted (`self.grid_sample`), that a block of assignments alone binds; None
    where it does anything else."""
    names: set[str] = set()
    for statement in block:
        if not isinstance(statement, ast.Assign) \
                or not all(dotted_path(target) for target in statement.targets):
            return None
        names |= {dotted_path(target) for target in statement.targets}
    return names or None


def _literal_named(before: str, after: str, flagged: re.Pattern[str]) -> bool:
    """The line is the one before but for a flag where that spelled a literal."""
    spelled = _spelled_in_place_of(flagged, after, before, r"(.+?)")
    return spelled is not None and all(is_literal(value) for value in spelled)


def _spelled_in_place_of(named: re.Pattern[str], line: str, other: str,
                         filler: str) -> tuple[str, ...] | None:
    """What `other` spells, each matching `filler`, where `line` has what `named` finds, the
    rest of the two alike; None where `named` finds nothing or the rest differs."""
    parts = named.split(line)
    if len(parts) < 2:
        return None
    spelled = re.fullmatch(filler.join(map(re.escape, parts)), other)
    return spelled.groups() if spelled is not None else None


def _binds_or_tests_a_version(line: str) -> bool:
    return bool(VERSION_PREDICATE.search(line)) and bool(_BOUND_NAME.match(line) or _TEST_LINE.match(line))


def _only_build_flags(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                      old_lines: set[int]) -> bool:
    """Every changed line is in a function that gives the flags an extension is compiled or
    linked with (`def cxx_args(self): args = super().cxx_args(); args.append("-DBF16_AVAILABLE")`,
    `extra_ldflags` removed to take the base builder's): how the product's kernels are built."""
    assert sides.old is not None and sides.new is not None
    if not symbols or not all(s.kind in ("function", "method") and _BUILD_FLAGS.search(short_name(s.qualname))
                              for s in symbols):
        return False
    return all(lines <= {line for s in symbols if (symbol := table.symbols.get(s.old_qualname or s.qualname))
                         for line in range(symbol.start, symbol.end + 1)}
               for lines, table in ((new_lines, sides.new), (old_lines, sides.old)))


# A line binding or extending a name that ends in flags or args (`cpp_flags += "-g"`).
_FLAGS_BOUND = re.compile(r"(flags?|args)\s*\+?=(?!=)", re.IGNORECASE)


def _only_flags_spelled(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed statement binds or extends a variable named for the flags a build hands
    its compiler, and to text (`cpp_flags = f'-O3 -DNDEBUG -D{cuda_enabled} ...'`, `cpp_flags
    += "-Og -g"`): the same build with other flags."""
    assert sides.old is not None and sides.new is not None
    if not any(_FLAGS_BOUND.search(line) for line in _changed_texts(sides, new_lines, old_lines)):
        return False  # no statement to read
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        statements = touched_statements(table, lines) if lines else []
        if statements is None or not all(_spells_flags(statement) for statement in statements):
            return False
    return bool(new_lines or old_lines)


# A mapping named for a configuration: `ds_config`, `cfg`, `generation_settings`; and an entry
# of one, by its key: `ds_config["train_batch_size"]`.
_CONFIGURATION_WORDS = "(config|cfg|conf|options|settings)"
_CONFIGURATION_NAME = re.compile(rf"{_CONFIGURATION_WORDS}$", re.IGNORECASE)
_CONFIGURATION_ENTRY = re.compile(rf"""{_CONFIGURATION_WORDS}\[\s*["']""", re.IGNORECASE)


def _only_type_aliases(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed statement names a type (`SamplingResultList = List[SamplingResult]` removed,
    its users now spelling `List[SamplingResult]`): the types signatures take, not settings."""
    assert sides.old is not None and sides.new is not None
    if not (new_lines <= sides.new.assignment_lines and old_lines <= sides.old.assignment_lines):
        return False
    touched = [touched_statements(table, lines) if lines else []
               for table, lines in ((sides.new, new_lines), (sides.old, old_lines))]
    return any(touched) and all(
        statements is not None
        and all(isinstance(statement, ast.Assign | ast.AnnAssign) and is_type_alias(statement)
                for statement in statements)
        for statements in touched)


# A method that converts a module's state dict as it is saved or loaded, and the calls that
# register one: `_load_state_dict_pre_hook`, `_load_from_state_dict`, `upgrade_state_dict_named`,
# `self._register_load_state_dict_pre_hook(...)`.
_STATE_DICT_HOOK = re.compile(r"state_dict\w*_hook|_load_from_state_dict|upgrade_state_dict")


def _only_state_dict_hooks(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed line is in a method that converts a state dict as it is loaded or saved, or
    registers one (`self._register_load_state_dict_pre_hook(self._load_state_dict_pre_hook)`): how
    checkpoints of older layouts are read."""
    assert sides.old is not None and sides.new is not None
    if not any("state_dict" in line for line in _changed_texts(sides, new_lines, old_lines)):
        return False
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        rest = {n for n in lines if not _STATE_DICT_HOOK.search(short_name(table.owner(n) or ""))}
        statements = touched_statements(table, rest) if rest else []
        if statements is None or not all(
                isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
                and _STATE_DICT_HOOK.search(dotted_path(statement.value.func)) for statement in statements):
            return False
    return bool(new_lines or old_lines)


def _configuration_entries_valued_anew(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed statement sets an entry of a mapping named for a configuration, the same
    entries before and after (`ds_config["train_batch_size"] = self.train_batch_size` became
    `ds_config["train_batch_size"] = self.train_batch_size * self.ring_attn_size`): the
    configuration handed on gets other values."""
    assert sides.old is not None and sides.new is not None
    changed = _changed_texts(sides, new_lines, old_lines)
    if not new_lines or not old_lines or not any(_CONFIGURATION_ENTRY.search(line) for line in changed):
        return False  # no entry set on a changed line
    entries = []
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        statements = touched_statements(table, lines)
        if not statements:
            return False
        entries.append({_configuration_entry(statement) for statement in statements})
    return None not in entries[0] and entries[0] == entries[1]


def _configuration_displays_valued_anew(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed line is in the value of an entry of a dict written out for a configuration,
    handed to a call by a keyword named for one or bound to such a name, and the entries the
    changed lines are in have the same keys before and after (`"graph_batch_sizes": [max_num_seqs]`
    became `[max_num_seqs] if torchair_graph else []` in `LLM(..., additional_config={
    "torchair_graph_config": {...}})`): the configuration handed on gets other values."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not old_lines:
        return False
    keys = []
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        statements = touched_statements(table, lines)
        if not statements:
            return False
        entries = [(key, set(node_lines(value))) for statement in statements
                   for key, value in _configuration_display_entries(statement)]
        if not lines <= {n for _, spanned in entries for n in spanned}:
            return False
        keys.append(sorted(key for key, spanned in entries if spanned & lines))
    return keys[0] == keys[1]


def _configuration_display_entries(statement: ast.stmt) -> Iterator[tuple[tuple[str, ...], ast.expr]]:
    """The entries, by their paths of keys, of the dicts written out in the statement for a
    configuration: `additional_config={...}` given to a call, or `generation_config = {...}`."""
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            displays = [keyword.value for keyword in node.keywords
                        if keyword.arg and _CONFIGURATION_NAME.search(keyword.arg)]
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(target := node.targets[0], ast.Name) and _CONFIGURATION_NAME.search(target.id):
            displays = [node.value]
        else:
            continue
        for display in displays:
            if isinstance(display, ast.Dict):
                yield from _display_entries(display, ())


def _display_entries(display: ast.Dict, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], ast.expr]]:
    for key, value in zip(display.keys, display.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield (*path, key.value), value
            if isinstance(value, ast.Dict):
                yield from _display_entries(value, (*path, key.value))


def _configuration_entry(statement: ast.stmt) -> tuple[str, str] | None:
    """The mapping and key of `config["key"] = value`, the mapping named for a configuration."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target = statement.targets[0]
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
            and _CONFIGURATION_NAME.search(target.value.id) \
            and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
        return target.value.id, target.slice.value
    return None


def _spells_flags(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
        target = statement.target
    else:
        return False
    return isinstance(target, ast.Name) and bool(_FLAG_LIST.search(target.id)) \
        and statement.value is not None and _is_text(statement.value)


def _is_text(value: ast.expr) -> bool:
    """A string, an f-string, a list of them, or their concatenation."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.List | ast.Tuple):
        return all(_is_text(item) for item in value.elts)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return _is_text(value.left) and _is_text(value.right)
    return isinstance(value, ast.JoinedStr)


def _endpoints_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The HTTP requests the changed lines make ask for other paths than the ones they
    replaced: another service's interface moved (`requests.post(f"{router}/add_worker?url=
    {url}")` became `requests.post(f"{router}/workers", json={"url": url})`). A request added
    beside the others, or one only given other arguments, asks for nothing else."""
    assert sides.old is not None and sides.new is not None
    if not old_lines or not new_lines or not any(
            _URL_PATH.search(sides.old_text_lines[number - 1]) for number in old_lines if number <= len(
                sides.old_text_lines)):
        return False
    before, after = _requested_paths(sides.old, old_lines), _requested_paths(sides.new, new_lines)
    return bool(before - after) and bool(after - before)


def _requested_paths(table: ModuleSymbols, lines: set[int]) -> set[str]:
    """The URL paths the HTTP requests of the statements holding the lines ask for, each value
    put in as `{}` and the query left out: `/workers/{}`."""
    paths: set[str] = set()
    for statement in touched_statements(table, lines) or []:
        for node in ast.walk(statement):
            if not isinstance(node, ast.Call) or dotted_path(node.func).rsplit(".", 1)[-1] not in _HTTP_VERBS:
                continue
            url = node.args[0] if node.args else next(
                (keyword.value for keyword in node.keywords if keyword.arg == "url"), None)
            if (path := _url_path(url)) is not None:
                paths.add(path)
    return paths


def _url_path(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    else:
        return None
    address = text.split("://", 1)[1] if "://" in text else text
    if "/" not in address or ("://" not in text and not address.startswith(("{}", "/"))):
        return None
    return "/" + address.split("/", 1)[1].split("?", 1)[0]


def _required_fields_added(sides: ParsedSides, new_lines: set[int]) -> bool:
    """Each line declares a field a class gains without a value (`mesh: Mesh`): a dataclass, a
    pydantic model or a flax module must now be given it wherever it is built, and a plain
    class declares the type of an attribute. No value is set; the class's interface grew. Not
    a key of a `TypedDict` declared `total=False`, which its users may leave out."""
    assert sides.new is not None and sides.old is not None
    if not new_lines:
        return False
    for number in new_lines:
        owner = sides.new.owner(number)
        if not _BARE_FIELD.match(sides.new_text_lines[number - 1]) or owner is None \
                or sides.new.symbols[owner].kind != "class" or owner not in sides.old.symbols \
                or _ALL_KEYS_OPTIONAL.search(sides.new.symbols[owner].signature):
            return False
    statements = touched_statements(sides.new, new_lines)
    return statements is not None and all(
        isinstance(statement, ast.AnnAssign) and statement.value is None for statement in statements)


# A `TypedDict` whose keys may all be left out: `class TrainConfig(TypedDict, total=False):`.
_ALL_KEYS_OPTIONAL = re.compile(r"\btotal\s*=\s*False\b")


def _asserts_more(sides: ParsedSides) -> bool:
    """The test's added lines open more assertions than its removed lines did (`tc.assertEqual(
    entry, manifest.ShardedTensorEntry(...))` added with the import of `manifest`): it checks
    something new with what it imports."""
    def opened(lines: list[str], numbers: set[int]) -> int:
        return sum(1 for number in numbers if _ASSERTION.match(lines[number - 1]))
    return opened(sides.new_text_lines, sides.added_code_lines) \
        > opened(sides.old_text_lines, sides.removed_code_lines)


def _adopts_what_the_change_adds(sides: ParsedSides, imports: list[ImportChange], added: frozenset[str],
                                 removed: frozenset[str]) -> bool:
    """The file imports a name the change defines anew, and no longer imports none that the
    change stopped defining; not where the file only tests versions with it (`if
    _version_predates(mpl, "3.4"):` where it compared `Version(mpl.__version__)` itself): a
    helper of the change it checks versions through, not what it covers; nor where it only
    imports and exports it: a package of the tests' helpers passing a new one on."""
    assert sides.new is not None
    before = {name for change in imports if change.status == "removed" for name in change.names}
    after = {name for change in imports if change.status == "added" for name in change.names}
    adopted = (after - before) & added
    if not adopted or (before - after) & removed:
        return False
    if sides.added_code_lines <= sides.new.import_lines | sides.new.export_lines:
        return False
    naming = re.compile(rf"\b{one_of(adopted)}\b")
    uses = [line for n in sides.added_code_lines - sides.new.import_lines
            if naming.search(line := sides.new_text_lines[n - 1])]
    return not uses or not all(VERSION_PREDICATE.search(line) for line in uses)


def _drops_what_the_change_removes(sides: ParsedSides, imports: list[ImportChange],
                                   removed: frozenset[str]) -> bool:
    """The file stops importing names the change stopped defining (`UdsDriver`, its module
    deleted), imports nothing in their place, and only removes code: the cases of what is gone
    (`("uds", UdsDriver)` in a parametrized table) go with it."""
    assert sides.new is not None
    before = {name for change in imports if change.status == "removed" for name in change.names}
    return bool(before) and before <= removed and not any(change.status == "added" for change in imports) \
        and bool(sides.removed_code_lines) and sides.added_code_lines <= sides.new.import_lines


def _drops_marks_it_imported(sides: ParsedSides, imports: list[ImportChange]) -> bool:
    """The file stops importing names it put on its tests as decorators (`@requires_gdal2`, a
    skip mark of a release no longer supported), and only removes those decorators: the tests
    they held back run everywhere now."""
    assert sides.new is not None and sides.old is not None
    gone = _unimported_names(imports)
    removed = sides.removed_code_lines - sides.old.import_lines
    if not gone or not removed or not sides.added_code_lines <= sides.new.import_lines \
            or not any(_DECORATOR_LINE.match(sides.old_text_lines[n - 1]) for n in removed):
        return False
    tree = sides.old.tree_holding(removed)
    marks = {line for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
             for mark in node.decorator_list
             if dotted_path(mark.func if isinstance(mark, ast.Call) else mark) in gone
             for line in node_lines(mark)} if tree is not None else set()
    return removed <= marks


def _names_made_conditional(imports: list[ImportChange]) -> frozenset[str]:
    """The names the module imported at its top level and now imports only in a `try`, under an
    `if` or in a function, the import moved there or written there anew."""
    unconditional = {name for change in imports if change.status == "added" and change.context == "module"
                     for name in change.names}
    conditional = {name for change in imports if change.status == "added" and change.context != "module"
                   for name in change.names}
    moved = {name for change in imports if change.status == "moved" and change.old_context == "module"
             and change.context != "module" for name in change.names}
    removed = {name for change in imports if change.status == "removed" and change.context == "module"
               for name in change.names if name in conditional and name not in unconditional}
    return frozenset(moved | removed)


def _uses_put_under_import_flag(sides: ParsedSides, names: frozenset[str], new_lines: set[int],
                                old_lines: set[int]) -> bool:
    """The names now imported in a `try` at the module's top are used only under an `if` on a
    flag that `try` sets (`enable_blip = False` where importing `BlipWrapper` fails, then `if
    enable_blip: type_to_module_mapping[BlipWrapper] = ...` in place of the dict's entries): the
    code registers what imported, and every other line the change touched sets the flag, says the
    import failed, or named those names where they were used unguarded."""
    assert sides.new is not None
    tree = sides.new.tree_holding(new_lines) if new_lines else None
    if tree is None:
        return False
    flags = {target.id for statement in tree.body if isinstance(statement, ast.Try)
             for handler in statement.handlers for inner in handler.body if isinstance(inner, ast.Assign)
             and isinstance(inner.value, ast.Constant) and isinstance(inner.value.value, bool)
             for target in inner.targets if isinstance(target, ast.Name)}
    naming = re.compile(rf"\b{one_of(names)}\b")
    covered: set[int] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id in flags
                                                     for t in statement.targets):
            covered.update(node_lines(statement))
        elif isinstance(statement, ast.Try) and flags:
            covered.add(statement.lineno)
            for handler in statement.handlers:
                covered.add(handler.lineno)
                said = [inner for inner in handler.body if is_message(inner) or isinstance(inner, ast.Assign)]
                covered.update(line for inner in said for line in node_lines(inner))
        elif isinstance(statement, ast.If) and isinstance(statement.test, ast.Name) \
                and statement.test.id in flags and not statement.orelse \
                and all(naming.search(ast.unparse(inner)) for inner in statement.body):
            covered.update(node_lines(statement))
    return bool(flags) and bool(new_lines) and new_lines <= covered \
        and all(naming.search(sides.old_text_lines[n - 1]) for n in old_lines)


def _annotations_unnaming(sides: ParsedSides, symbols: list[SymbolChange],
                          names: frozenset[str]) -> list[SymbolChange]:
    """The functions whose annotations alone changed, to stop naming some of the names."""
    assert sides.old is not None and sides.new is not None
    naming = re.compile(rf"\b{one_of(names)}\b")

    def header(table: ModuleSymbols, symbol: Symbol | None) -> str:
        return "" if symbol is None else "\n".join(
            table.lines[n - 1] for n in _header_lines(table.lines, symbol.start, symbol.end))
    return [change for change in symbols if change.signature_changed and not change.parameters_changed
            and naming.search(header(sides.old, sides.old.symbols.get(change.old_qualname
                                                                      or change.qualname)))
            and not naming.search(header(sides.new, sides.new.symbols.get(change.qualname)))]


def _annotations_changed_only_naming(sides: ParsedSides, change: SymbolChange, names: frozenset[str]) -> bool:
    """Each annotation of the function that changed named one of the names before
    (`sampling_results: SamplingResultList` became `List[SamplingResult]`); not one that took
    another type besides (`"AbstractSchedulerOutput"` became `Union[AbstractSchedulerOutput,
    SchedulerOutput]`)."""
    assert sides.old is not None and sides.new is not None
    was = sides.old.function(change.old_qualname or change.qualname)
    now = sides.new.function(change.qualname)
    if was is None or now is None:
        return False

    def follows(old: ast.expr | None, new: ast.expr | None) -> bool:
        if old is None or new is None:
            return old is new
        return ast.dump(old) == ast.dump(new) or bool(referenced_names(old) & names)
    before, after = _annotations_of(was), _annotations_of(now)
    return list(before) == list(after) and all(follows(before[name], after[name]) for name in before)


def _annotations_of(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr | None]:
    """Each parameter's annotation by its name, and the result's under "->"."""
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
             *(argument for argument in (arguments.vararg, arguments.kwarg) if argument is not None)]
    return {argument.arg: argument.annotation for argument in every} | {"->": function.returns}


def _names_quoted(sides: ParsedSides, names: frozenset[str]) -> tuple[set[int], set[int]]:
    """The lines, new and old, where the change only put some of the names in quotes
    (`seeker: Optional[Fastseek]` became `Optional["Fastseek"]`): an annotation no longer
    evaluated, so it needs no name that may now fail to import."""
    quoted = re.compile(rf"([\"']){one_of(names)}\1")
    new: set[int] = set()
    old: set[int] = set()
    for run in _line_for_line(sides):
        for was, now in run:
            after = sides.new_text_lines[now - 1]
            before = sides.old_text_lines[was - 1]
            if after != before and quoted.sub(lambda match: match.group(0)[1:-1], after) == before:
                new.add(now)
                old.add(was)
    return new, old


def _annotated_headers(table: ModuleSymbols, symbols: list[SymbolChange]) -> set[int]:
    """The header lines of the functions whose annotations alone changed."""
    lines: set[int] = set()
    for change in symbols:
        symbol = table.symbols.get(change.qualname)
        if change.signature_changed and not change.parameters_changed and symbol is not None:
            lines.update(_header_lines(table.lines, symbol.start, symbol.end))
    return lines


def _header_lines(text: list[str], start: int, end: int) -> range:
    """The lines of a definition's header, from `def` to the colon that ends it; the
    decorators above it are not."""
    first = next((n for n in range(start, end + 1) if _DEFINITION.match(text[n - 1])), start)
    last = next((n for n in range(first, end + 1) if text[n - 1].split("#", 1)[0].rstrip().endswith(":")),
                first)
    return range(first, last + 1)


def _settings_changed(sides: ParsedSides, imports: list[ImportChange], new: tuple[set[int], set[int]],
                      old: tuple[set[int], set[int]]) -> tuple[bool, bool]:
    """Whether every changed line (each side's changed and loading lines given) sets values,
    loads, or tunes a kernel; and whether the imports changed only serve those settings: what a
    kernel's tuning reads (`check_shared_mem()`), or flags the settings test (`IS_INTEL`)."""
    (new_lines, loading_new), (old_lines, loading_old) = new, old
    respecialised_new, respecialised_old = _respecialised(sides)
    settles = not _not_setting(new_lines - loading_new - respecialised_new, sides.new) \
        and not _not_setting(old_lines - loading_old - respecialised_old, sides.old)
    if not settles:
        return False, False
    tunes = bool((new_lines - loading_new) | (old_lines - loading_old)) \
        and new_lines - loading_new <= sides.new.tuning_lines | respecialised_new \
        and old_lines - loading_old <= sides.old.tuning_lines | respecialised_old
    return True, tunes or _imports_only_flags(imports, sides, new_lines, old_lines)


def _binds_attributes_to_code(sides: ParsedSides, new_lines: set[int]) -> bool:
    """An added statement binds an attribute to a name or an attribute, not a literal
    (`torch.accelerator.max_memory_allocated = torch.cuda.max_memory_allocated`): what it binds
    is code another module offers, put where callers look for it."""
    assert sides.new is not None
    statements = touched_statements(sides.new, new_lines) or []
    return any(isinstance(node, ast.Assign) and isinstance(node.value, ast.Name | ast.Attribute)
               and any(isinstance(target, ast.Attribute) for target in node.targets)
               for statement in statements for node in ast.walk(statement))


def _not_setting(lines: set[int], table: ModuleSymbols) -> set[int]:
    """The lines that compute rather than set values: not module and class assignments, nor
    decorators that set how a function is compiled or tuned, nor checks of the options given."""
    rest = lines - table.tuning_lines - table.assignment_lines
    if any(_CHARACTER_ENTRY.match(table.lines[number - 1]) for number in lines & table.assignment_lines):
        rest |= _character_map_lines(table, lines & table.assignment_lines)
    text = [table.lines[number - 1] for number in rest if number <= len(table.lines)]
    if any(_CHECK_WORD.search(line) for line in text):
        rest -= _option_check_lines(table, rest)
    if rest and any(line.startswith("class ") for line in text):
        rest -= _classes_of_options(table, rest)
    if rest and any(_VALIDATOR.search(line) for line in text):
        rest -= _validators_of_options(table)
    if rest and any(_BINDS_CAPITALS.match(line) for line in text):
        rest -= _constants_bound_in_functions(table, rest)
    return rest


# An entry of a dict keyed by one character: `    "“": "'",`.
_CHARACTER_ENTRY = re.compile(r"""^\s*(["'])(\\?.)\1\s*:""")


def _character_map_lines(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The lines among `lines` of dicts that map single characters to strings (`SYMBOLS_MAPPING
    = {"“": "'", ";": ","}`): a table the code rewrites text with, whose entries are what it
    does, not settings it runs with."""
    found: set[int] = set()
    for statement in touched_statements(table, lines) or []:
        value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Dict) and value.keys and all(
                isinstance(key, ast.Constant) and isinstance(key.value, str) and len(key.value) == 1
                and isinstance(entry, ast.Constant) and isinstance(entry.value, str)
                for key, entry in zip(value.keys, value.values, strict=True)):
            found.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    return found & lines


# A name in capitals bound inside a function: `        NOT_NP2_COMPATIBLE = ["prophet"]`.
_BINDS_CAPITALS = re.compile(r"^\s+_*[A-Z][A-Z0-9_]*\s*=[^=]")


def _constants_bound_in_functions(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The lines of the statements holding `lines` that bind a name in capitals to a literal
    inside a function (`NOT_NP2_COMPATIBLE = ["prophet", "numba"]`): a constant the function
    keeps for itself, set as a module's would be."""
    statements = touched_statements(table, lines) or []
    found: set[int] = set()
    for statement in statements:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(target := statement.targets[0], ast.Name) and UPPER_CASE.match(target.id):
            try:
                ast.literal_eval(statement.value)
            except (ValueError, TypeError, RecursionError):  # not a literal, or one Python refuses ({[1]})
                continue
            found.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    return found


def _validators_of_options(table: ModuleSymbols) -> set[int]:
    """The lines of the validators a class of options declares (pydantic's `@model_validator`,
    `@field_validator`) that only check: they raise, and hand back what they were given
    unchanged (`return self`). One that hands back another value sets the option itself."""
    found: set[int] = set()
    for symbol in table.symbols.values():
        owner = symbol.qualname.rpartition(".")[0]
        if symbol.kind == "method" and OPTIONS_CLASS.search(owner) \
                and any(short_name(decorator) in _VALIDATORS | _MODEL_VALIDATORS
                        for decorator in symbol.decorators) \
                and (function := table.function(symbol.qualname)) is not None and _only_checks(function):
            found.update(range(symbol.start, symbol.end + 1))
    return found


def _only_checks(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    given = {arg.arg for arg in (*function.args.posonlyargs, *function.args.args)}
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
    return any(isinstance(node, ast.Raise) for node in ast.walk(function)) and all(
        isinstance(node.value, ast.Name) and node.value.id in given for node in returns)


def _classes_of_options(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The lines of the module-level classes of options holding any of `lines` whose bodies only
    declare typed fields (`class EnvMixConfig(BaseModel):` with `strategy: Literal[...] =
    "interleave"`): options, however they are grouped. Not a subclass that only sets constants
    (`class GLMOnnxConfig(LlamaOnnxConfig): MIN_TRANSFORMERS_VERSION = ...`): a model supported."""
    found: set[int] = set()
    for symbol in table.symbols.values():
        span = set(range(symbol.start, symbol.end + 1))
        if symbol.kind != "class" or "." in symbol.qualname or not OPTIONS_CLASS.search(symbol.qualname) \
                or not span & lines:
            continue
        node = _class_node(table, symbol)
        if node is not None and all(isinstance(statement, ast.AnnAssign)
                                    for statement in without_docstrings(node.body)):
            found |= span
    return found


def _class_node(table: ModuleSymbols, symbol: Symbol) -> ast.ClassDef | None:
    """A class's node, from the statements that hold it."""
    tree = table.tree_holding([symbol.start])
    return next((node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                 and first_line(node) == symbol.start), None) if tree is not None else None


def _option_check_lines(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The lines of the statements holding `lines` that check the options a program was given
    and do nothing else: an `assert` on them (`assert not args.use_fault_tolerance`), an `if` on
    them that only raises, asserts or warns, and the choices such a check names (`valid =
    ("default", "always")`). An option is read from what holds options (`args`, `self.config`,
    `server_args`), or is a field of the class of options whose method reads it on `self`
    (`ArchonEngineConfig.__post_init__`), not a value that method computed."""
    statements = touched_statements(table, lines)
    if statements is None:
        return set()
    choices = {target.id for statement in statements
               if isinstance(statement, ast.Assign) and is_literal(statement.value)
               for target in statement.targets if isinstance(target, ast.Name)}
    found: set[int] = set()
    for statement in statements:
        owner = (table.owner(statement.lineno) or "").split(".")[0]
        fields = _fields_declared(table, owner) if OPTIONS_CLASS.search(owner) else set()
        reader = _OptionReads(choices, fields)
        if (isinstance(statement, ast.Assign) and is_literal(statement.value)) or reader.checks(statement):
            found.update(node_lines(statement))
    return found


def _fields_declared(table: ModuleSymbols, class_name: str) -> set[str]:
    """The names a module-level class's body binds: the fields of a class of options."""
    symbol = table.symbols.get(class_name)
    node = _class_node(table, symbol) if symbol is not None else None
    return {target.id for statement in (node.body if node is not None else [])
            for target in (statement.targets if isinstance(statement, ast.Assign) else
                           [statement.target] if isinstance(statement, ast.AnnAssign) else [])
            if isinstance(target, ast.Name)}


@dataclasses.dataclass
class _OptionReads:
    """Whether statements only check options: `choices` are the names bound to the literal
    values a check compares with, `fields` those a class of options declares, read on `self`."""

    choices: set[str]
    fields: set[str]
    read: bool = False

    def checks(self, statement: ast.stmt) -> bool:
        if isinstance(statement, ast.Assert):
            return self._only_options(statement.test) and self.read
        if isinstance(statement, ast.If):
            return self._only_options(statement.test) and self.read and all(
                isinstance(inner, ast.Raise) or is_message(inner) or self.checks(inner)
                for inner in (*statement.body, *statement.orelse))
        return False

    def _only_options(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Attribute) and (path := dotted_path(node)):
            holder, _, name = path.rpartition(".")
            option = bool(OPTIONS_HOLDER.search(holder)) or (holder == "self" and name in self.fields)
            self.read = self.read or option
            return option
        if isinstance(node, ast.Name):
            return node.id in BUILTIN_NAMES or node.id in self.choices
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name)
                                               and node.func.id in BUILTIN_NAMES):
            return False
        children = [child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.expr_context)]
        return all(self._only_options(child) for child in children)


def _respecialised(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The lines, new and old, of kernel parameters that gained or lost their `tl.constexpr`
    annotation and nothing else: Triton then compiles the kernel once for every value of it,
    or once for all. Likewise the lines that give constants of a kernel's launch other numbers
    and do nothing else, in a function too (`BLOCK_M, BLOCK_N, BLOCK_K = 256, 256, 64` became
    `... = 256, 256, 32`): its tiles retuned; and the lines of a class of settings (`T3Config`)
    that only give numbers other values (`return cls(text_tokens_dict_size=2352)` became
    `=2454`): its methods' values set."""
    assert sides.new is not None
    new: set[int] = set()
    old: set[int] = set()
    for run in _line_for_line(sides, code_only=True):
        for was, now in run:
            before, after = sides.old_text_lines[was - 1], sides.new_text_lines[now - 1]
            if before != after and (_CONSTEXPR.sub("", before) == _CONSTEXPR.sub("", after)
                                    or _numbers_retuned(before, after)
                                    or (_SETTINGS_CLASS.search((sides.new.owner(now) or "").split(".", 1)[0])
                                        and _numbers_alone_differ(before, after))):
                new.add(now)
                old.add(was)
    return new, old


def _numbers_alone_differ(before: str, after: str) -> bool:
    return _DIGITS.sub("0", without_comment(before)) == _DIGITS.sub("0", without_comment(after))


# A class of settings, named for them: `T3Config`, `TrainingArguments`, `ServerSettings`.
_SETTINGS_CLASS = re.compile(r"(Config|Configuration|Settings|Options|Arguments|Args|Params|HParams)$")


# Constants bound to numbers: `BLOCK_M, BLOCK_N, BLOCK_K = 256, 256, 32`, `NUM_WARPS = 8`.
_NUMBERED_CONSTANTS = re.compile(r"^\s*[A-Z][A-Z0-9_]*(\s*,\s*[A-Z][A-Z0-9_]*)*\s*=\s*[-+\d.,\s()]+$")


def _numbers_retuned(before: str, after: str) -> bool:
    before, after = without_comment(before), without_comment(after)
    return bool(_NUMBERED_CONSTANTS.match(before)) and bool(_NUMBERED_CONSTANTS.match(after)) \
        and _DIGITS.sub("0", before) == _DIGITS.sub("0", after)


# A line that may bind constants of a kernel's launch or choose between them: `BV = 64`,
# `BKV_LIST = [64, 128] if check_shared_mem() else [32]`, `elif check_shared_mem("ada"):`.
_TILE_LINE = re.compile(r"^\s*((el)?if\b.*:|else:|[A-Z][A-Z0-9_]*(\s*,\s*[A-Z][A-Z0-9_]*)*\s*=.*"
                        r"|[-+\d.,\s()\[\]]+)\s*$")


def _tiles_chosen(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every statement the change touched binds constants of a kernel's launch to numbers, or
    to numbers chosen by a test, or is an `if` choosing between such bindings, on both sides
    (`CONST_TILING = 64 if check_shared_mem() else 32` became an `if`/`elif`/`else` on the
    shared memory each GPU has, binding 128, 64 or 32): the tiles are tuned to the hardware."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not all(_TILE_LINE.match(lines[n - 1]) for lines, numbers in (
            (sides.new_text_lines, new_lines), (sides.old_text_lines, old_lines)) for n in numbers):
        return False
    touched = [touched_statements(table, numbers) if numbers else []
               for table, numbers in ((sides.new, new_lines), (sides.old, old_lines))]
    return all(statements is not None and all(_binds_tiles(s) for s in statements) for statements in touched)


def _launch_tuning_renumbered(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line took the place of one that differs from it only in its numbers, and
    binds or passes how a kernel is launched (`num_warps = min(max(BLOCK_SIZE // 256, 1), 8)`
    became `..., 4)`; `num_stages=3`): the launch is tuned anew, what it computes is as it was."""
    pairs = [pair for run in _line_for_line(sides) for pair in run]
    if not new_lines or {new for _, new in pairs} != new_lines or {old for old, _ in pairs} != old_lines:
        return False
    return all(_LAUNCH_TUNING.search(after := sides.new_text_lines[new - 1])
               and _NUMBER.sub("0", sides.old_text_lines[old - 1]) == _NUMBER.sub("0", after)
               for old, new in pairs)


# What tunes a Triton kernel's launch: `num_warps = 4`, `num_stages=3`, `waves_per_eu=2`.
_LAUNCH_TUNING = re.compile(r"\b(num_warps|num_stages|num_ctas|waves_per_eu|maxnreg)\s*=(?!=)")


def _binds_tiles(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.If):
        return all(_binds_tiles(inner) for inner in (*statement.body, *statement.orelse))
    return isinstance(statement, ast.Assign) and _numbers_chosen(statement.value) and all(
        isinstance(name, ast.Name) and name.id.isupper()
        for target in statement.targets
        for name in (target.elts if isinstance(target, ast.Tuple) else [target]))


def _numbers_chosen(value: ast.expr) -> bool:
    """Numbers, lists or tuples of them, or a choice between such by any test."""
    if isinstance(value, ast.IfExp):
        return _numbers_chosen(value.body) and _numbers_chosen(value.orelse)
    return is_numbers(value)


def _line_for_line(sides: ParsedSides, code_only: bool = False) -> Iterator[list[tuple[int, int]]]:
    """Each run of removed lines that the same number of added lines took the place of, as
    (old, new) line pairs; with `code_only`, Python's comment and blank lines left out of both."""
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            if code_only:
                removed = sorted(code_lines(sides.old_text_lines, removed))
                added = sorted(code_lines(sides.new_text_lines, added))
            if len(removed) == len(added):
                yield list(zip(removed, added, strict=True))


def _reached_elsewhere(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line took the place of one that differs from it only in the paths by which
    it reaches what an imported module offers, each ending in the same name (`wp.context.Device`
    became `wp.Device`): the code follows a dependency that moved it."""
    assert sides.old is not None and sides.new is not None
    aliases = _module_aliases(sides.old) | _module_aliases(sides.new)
    imported = (sides.old.imported_names & sides.new.imported_names) \
        | {module.split(".", 1)[0] for module in aliases.values()}
    paired_new: set[int] = set()
    paired_old: set[int] = set()
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            # lines wrapped otherwise are compared as the statement they write together
            runs = zip(([n] for n in removed), ([n] for n in added), strict=True) \
                if len(removed) == len(added) else [(removed, added)]
            for was, now in runs:
                if not set(was) & old_lines and not set(now) & new_lines:
                    continue
                if not _same_but_paths(_joined(sides.old_text_lines, was), _joined(sides.new_text_lines, now),
                                       imported, aliases):
                    return False
                paired_new.update(now)
                paired_old.update(was)
    return bool(paired_new) and new_lines <= paired_new and old_lines <= paired_old


# A mock's target, the dotted path a name is patched at: `@patch("pkg.container.OmegaConf")`.
_PATCH_TARGET = re.compile(r"""\bpatch\(\s*(["'])([\w.]+)\1""")


def _only_import_paths_set(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each statement the change touched puts folders on `sys.path` (or takes them off), or names
    a path it builds from the file's own (`_REPO_ROOT = Path(__file__).resolve().parent.parent`)
    for that: where imports are looked for, so that `from models.model_test import ModelTest`
    resolves."""
    if not any("sys.path" in line for line in _changed_texts(sides, new_lines, old_lines)):
        return False
    sets_paths = False
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        statements = touched_statements(table, lines) if table is not None and lines else []
        if statements is None:
            return False
        paths: set[str] = set()
        for statement in statements:
            if any(dotted_path(node).startswith("sys.path") for node in ast.walk(statement)
                   if isinstance(node, ast.Attribute)):
                sets_paths = True
            elif isinstance(statement, ast.Assign) and _builds_a_path(statement.value, paths) \
                    and all(isinstance(target, ast.Name) for target in statement.targets):
                paths.update(target.id for target in statement.targets if isinstance(target, ast.Name))
            else:
                return False
    return sets_paths


def _builds_a_path(value: ast.expr, paths: set[str]) -> bool:
    """The expression builds a path from the module's own file, or from paths built so."""
    return any((isinstance(node, ast.Name) and (node.id == "__file__" or node.id in paths))
               for node in ast.walk(value))


def _own_module_paths_respelled(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The statements the change touched are the same but for the project's own modules they
    name as strings, named anew (`Registry('runner', locations=['mmselfsup.engine.runner'])`
    became `locations=['mmselfsup.engine']`): where the modules to import are looked for."""
    assert sides.old is not None and sides.new is not None
    package = top_package(sides.diff.path)
    naming = re.compile(rf"^{re.escape(package)}(\.\w+)+$")
    if not new_lines or not old_lines \
            or not any(f"'{package}." in line or f'"{package}.' in line
                       for line in _changed_texts(sides, new_lines, old_lines)):
        return False
    pairs = touched_pairs(sides.old, sides.new, old_lines, new_lines)
    respelled = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal respelled
        if (old_path := key_text(was)) is None or (new_path := key_text(now)) is None or old_path == new_path:
            return None
        respelled += 1
        return bool(naming.match(old_path)) and bool(naming.match(new_path))
    return pairs is not None and each_pair_same_but(pairs, judge) and respelled > 0


def _patch_targets_moved(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that patched the same name at another module
    path, and is otherwise the same (`@patch("megatron.training.config.container.OmegaConf")`
    became `@patch("omegaconf.OmegaConf")` as the module now imports it where it uses it): the
    test follows where the name is looked up."""

    def moved(before: str, after: str) -> bool:
        targets = _differs_in_group(_PATCH_TARGET, 2, before, after)
        return targets is not None and targets[0] != targets[1] \
            and targets[0].rpartition(".")[2] == targets[1].rpartition(".")[2]

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, moved)


def _differs_in_group(pattern: re.Pattern[str], group: int, before: str,
                      after: str) -> tuple[str, str] | None:
    """What the group of the pattern's first match holds in each line, where the lines are the
    same but for it."""
    was, now = pattern.search(before), pattern.search(after)
    if was is None or now is None:
        return None
    same_rest = before[:was.start(group)] + before[was.end(group):] \
        == after[:now.start(group)] + after[now.end(group):]
    return (was[group], now[group]) if same_rest else None


def _stand_ins_rewritten(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is in the body of a function or class that a module-level `try`'s
    handler defines, on both sides, in place of what it failed to import (`def
    shift_array(x, offset)`, written where `window_ops` is missing, returns a copy for a zero
    offset anew): what the module does without the package changed, not how it loads it."""
    assert sides.old is not None and sides.new is not None
    if not (new_lines or old_lines) or not new_lines <= sides.new.import_lines \
            or not old_lines <= sides.old.import_lines:
        return False
    sides_changed = ((sides.new, new_lines), (sides.old, old_lines))
    names = {owner.split(".", 1)[0] for table, lines in sides_changed for n in lines
             if (owner := table.owner(n))}
    return bool(names) and all(_in_stand_ins(table, lines, names) for table, lines in sides_changed)


def _in_stand_ins(table: ModuleSymbols, lines: set[int], names: set[str]) -> bool:
    """The module defines each of the names as a stand-in (see `stand_in_bodies`), and the lines
    are in the bodies of its stand-ins."""
    defined = [symbol for name in names if (symbol := table.symbols.get(name)) is not None]
    if len(defined) != len(names):
        return False
    spans = {n for symbol in defined for n in range(symbol.start, symbol.end + 1)}
    tree = table.tree_holding(spans | lines)
    bodies = stand_in_bodies(tree.body) if tree is not None else set()
    return lines <= bodies and all(symbol.end in bodies for symbol in defined)


def _attribute_reads_defaulted(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that read an attribute the new line reads through
    `getattr` with a default (`cfg.optimizer` became `getattr(cfg, "optimizer", None)`): the
    code now takes objects without that field, as another version or backend hands them over."""
    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines,
                                lambda before, after: before != after
                                and _GETATTR_DEFAULTED.sub(r"\1.\2", after) == before)


def _serves_deprecated_names(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                             old_lines: set[int]) -> bool:
    """The change only adds a module-level `__getattr__` that warns a name is deprecated and
    hands out what replaced it (`PEFT_TYPE_TO_MODEL_MAPPING` served again as
    `PEFT_TYPE_TO_TUNER_MAPPING`, with a DeprecationWarning): a public name kept for the code
    that still imports it."""
    assert sides.new is not None
    added = next((s for s in symbols if s.qualname == "__getattr__" and s.status == "added"), None)
    if added is None or old_lines or not all(added.start_line <= n <= added.end_line for n in new_lines):
        return False
    function = sides.new.function("__getattr__")
    return function is not None and warns_of_deprecation(function)


def _adds_deprecated_stand_ins(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                               old_lines: set[int]) -> bool:
    """The change only adds public classes or functions that warn, when used, that they are
    deprecated, and the messages and imports they need (`class SparseDataset` whose `__new__`
    warns a FutureWarning and builds what replaced it): a public name kept for the code that
    still uses it. Beside them, the code may call what they hand on to where it called them
    (`self.axis(i)` became `self._axis(i)`, where `def axis(self, value)` warns and returns
    `self._axis(value)`), and bind them where it bound the old names (`h.axis = axis`)."""
    assert sides.new is not None
    if "deprecat" not in sides.new.text.lower() or not _public_added_at_top(symbols) \
            or (tree := sides.new.tree) is None:
        return False
    bound = _strings_bound(tree)
    stand_ins = _deprecated_stand_ins(sides, symbols, bound)
    if not stand_ins:
        return False
    spans = {n for s in stand_ins for n in range(s.start_line, s.end_line + 1)}
    messages = {n for node in bound.values() for n in node_lines(node)}
    if not old_lines:
        return new_lines - sides.new.import_lines <= spans | messages
    renamed = {s.qualname: name for s in stand_ins if (name := _handed_on_to(sides, s))}
    if not renamed:
        return False
    binding = re.compile(rf"^\s*[\w.]+\.({one_of(renamed)})\s*=\s*({one_of(renamed)})\s*$")
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            rest = [n for n in added if n in new_lines and n not in spans and n not in messages
                    and n not in sides.new.import_lines and not binding.match(sides.new_text_lines[n - 1])]
            gone = [n for n in removed if n in old_lines]
            if len(rest) != len(gone) or not all(
                    _with_names_replaced(sides.old_text_lines[was - 1], renamed)
                    == sides.new_text_lines[now - 1] for was, now in zip(gone, rest, strict=True)):
                return False
    return True


def _strings_bound(tree: ast.Module) -> dict[str, ast.Assign]:
    """The module-level names bound to a string, with their statements (`_depr_msg = "..."`)."""
    return {target.id: node for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _deprecated_stand_ins(sides: ParsedSides, symbols: list[SymbolChange],
                          bound: dict[str, ast.Assign]) -> list[SymbolChange]:
    """The public classes and functions the change adds at module level that warn, as they are
    used, that they are deprecated, and say so, themselves or in a string the module binds
    (`bound`, by name)."""
    assert sides.new is not None and sides.new.tree is not None
    added = _public_added_at_top(symbols)
    nodes = {node.name: node for node in sides.new.tree.body
             if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name in added}
    source = sides.new.text

    def says_deprecated(node: ast.ClassDef | ast.FunctionDef) -> bool:
        told = [ast.get_source_segment(source, node) or "",
                *(str(getattr(bound[name.id].value, "value", "")) for name in ast.walk(node)
                  if isinstance(name, ast.Name) and name.id in bound)]
        return any("deprecat" in words.lower() for words in told)
    return [added[name] for name, node in nodes.items()
            if warns_of_deprecation(node) and says_deprecated(node)]


def _public_added_at_top(symbols: list[SymbolChange]) -> dict[str, SymbolChange]:
    """The public classes and functions the change adds at module level, by name."""
    return {s.qualname: s for s in symbols if s.status == "added" and "." not in s.qualname
            and s.kind in ("class", "function") and is_public(s.qualname)}


def _handed_on_to(sides: ParsedSides, stand_in: SymbolChange) -> str | None:
    """The private name a deprecated function hands its work on to (`_axis` of `return
    self._axis(value)`)."""
    assert sides.new is not None
    function = sides.new.function(stand_in.qualname)
    last = function.body[-1] if function is not None and function.body else None
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Call):
        return None
    name = call_name(last.value)
    return name if name.startswith("_") and name.lstrip("_") == stand_in.qualname else None


def _deprecated_inputs_let_go(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only removes code: blocks that told their callers an input is deprecated
    (`if "ignore_time_index" in kwargs: raise TypeError("... has been deprecated")`, a method
    converting deprecated hyperparameters) and the calls of functions named for it. What
    callers could still pass, warned, is refused or ignored now."""
    assert sides.old is not None
    statements = touched_statements(sides.old, old_lines) \
        if old_lines and not new_lines and _SAYS_DEPRECAT.search(sides.old.text) else None
    if not statements:
        return False
    return all((isinstance(statement, ast.If | ast.For | ast.FunctionDef | ast.AsyncFunctionDef)
                and _says_deprecated(statement))
               or any(calls_for_deprecation(node) for node in ast.walk(statement))
               for statement in statements)


# Where the text says something is deprecated, or names what marks it so.
_SAYS_DEPRECAT = re.compile("deprecat", re.IGNORECASE)


def _says_deprecated(statement: ast.stmt) -> bool:
    """A string of the statement says something is deprecated."""
    return any(isinstance(node, ast.Constant) and isinstance(node.value, str)
               and "deprecat" in node.value.lower() for node in ast.walk(statement))


def _arguments_reordered_for_imports(sides: ParsedSides, imports: list[ImportChange], new_code: set[int],
                                     old_code: set[int]) -> bool:
    """Each changed statement is the same but for calls of a function the change imports anew,
    given the same positional arguments in another order (`multinomial_rvs(key, n, p)` became
    `multinomial(key, p, n)` as `multinomial` was imported in its place), or only called under
    the new name: the callee takes its parameters in a new order, and the calls follow it."""
    assert sides.old is not None and sides.new is not None
    brought = {name for change in imports if change.status == "added" for name in change.names}
    gone = {name for change in imports if change.status == "removed" for name in change.names}
    calling = re.compile(rf"\b{one_of(brought)}\(") if brought else None
    if calling is None or not any(calling.search(sides.new_text_lines[n - 1]) for n in new_code):
        return False
    pairs = touched_pairs(sides.old, sides.new, old_code, new_code)
    reordered = 0

    def judge(old: object, new: object) -> bool | None:
        nonlocal reordered
        if isinstance(old, ast.Name) and isinstance(new, ast.Name) and old.id != new.id:
            return old.id in gone and new.id in brought
        if not isinstance(old, ast.Call) or not isinstance(new, ast.Call) \
                or not isinstance(new.func, ast.Name) or new.func.id not in brought:
            return None
        was, now = [ast.dump(a) for a in old.args], [ast.dump(a) for a in new.args]
        if was == now or sorted(was) != sorted(now):
            return None
        reordered += 1
        return [ast.dump(k) for k in old.keywords] == [ast.dump(k) for k in new.keywords] \
            and isinstance(old.func, ast.Name) and (old.func.id == new.func.id or old.func.id in gone)
    return pairs is not None and each_pair_same_but(pairs, judge) and reordered > 0


def _renamed_call_tried_first(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A statement now tries a method under another name first, or the same one reached through
    another object (`plt.get_cmap(...)` for `plt.cm.get_cmap(...)`, `target.dtype.is_numeric()`
    for `target.is_numeric()`), and, where the library lacks it (`except AttributeError:`), does
    what it did (`self.version = xpress.getVersion()`, then `xpress.getversion()` in the handler,
    as Xpress 9.9 renamed it): the code follows the library's renamed API and keeps the old one
    working."""
    assert sides.old is not None and sides.new is not None
    if not old_lines or not any("AttributeError" in sides.new_text_lines[n - 1] for n in new_lines):
        return False
    before = touched_statements(sides.old, old_lines)
    tree = sides.new.tree_holding(new_lines)
    tries = [node for node in ast.walk(tree) if isinstance(node, ast.Try) and node.lineno in new_lines] \
        if tree is not None else []
    if not before or len(before) != 1 or len(tries) != 1 or not new_lines <= set(node_lines(tries[0])):
        return False
    was, attempt = before[0], tries[0]
    if len(attempt.body) != 1 or len(attempt.handlers) != 1 or attempt.orelse or attempt.finalbody \
            or (caught := attempt.handlers[0].type) is None or dotted_path(caught) != "AttributeError" \
            or [ast.dump(statement) for statement in attempt.handlers[0].body] != [ast.dump(was)]:
        return False
    renamed = 0

    def judge(old: object, new: object) -> bool | None:
        nonlocal renamed
        if isinstance(old, ast.Call) and isinstance(new, ast.Call) \
                and isinstance(old.func, ast.Attribute) and isinstance(new.func, ast.Attribute) \
                and ast.dump(old.func) != ast.dump(new.func):
            renamed += 1
            same_object = ast.dump(old.func.value) == ast.dump(new.func.value)
            reached_otherwise = old.func.attr == new.func.attr \
                and bool(dotted_path(old.func.value)) and bool(dotted_path(new.func.value))
            return (same_object or reached_otherwise) \
                and [ast.dump(node) for node in (*old.args, *old.keywords)] \
                == [ast.dump(node) for node in (*new.args, *new.keywords)]
        return None
    return each_pair_same_but([(was, attempt.body[0])], judge) and renamed == 1


def _registers_deprecated_names(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change touches only module-level code, and there calls anew a function named for
    deprecation (`_C.register_deprecated_key("TASK.SUCCESS_DISTANCE")` where the key's default
    went, `__getattr__ = deprecation_getattr(__name__, _deprecations)` serving `tree_ravel`
    under a warning): names the module's users read are kept for them, marked to go. Not a
    call that only warns (`warn_deprecated("The sunpy.database module is no longer
    maintained")`, `deprecate("... will be removed by August 2024", version="2024.8.0")`), which
    keeps nothing: what the module does on import."""
    assert sides.old is not None and sides.new is not None
    sides_changed = ((sides.new, new_lines), (sides.old, old_lines))
    if not new_lines or not _SAYS_DEPRECAT.search(sides.new.text) \
            or any((owner := table.owner(n)) and table.symbols[owner].kind != "constant"
                            for table, lines in sides_changed for n in lines):
        return False
    statements = touched_statements(sides.new, new_lines - sides.new.import_lines) or []
    return any(isinstance(statement, ast.Expr | ast.Assign) and calls_for_deprecation(statement.value)
               and not is_message(statement) and statement.lineno in new_lines for statement in statements)


def _decorator_keywords_renamed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is a decorator that calls what a dependency offers, the same call but
    given keywords of other names (`@attr.s(slots=True, cmp=False)` became `@attr.s(slots=True,
    eq=False, order=False)` as attrs deprecated `cmp`): the code follows the dependency's
    interface."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not old_lines:
        return False
    dependencies = {name for statement in sides.new.imports if _is_dependency(statement.module)
                    for name in statement.names}
    paired: set[int] = set()
    for pairs in _line_for_line(sides, code_only=True):
        for was, now in pairs:
            old_call = _decorator_call(sides.old_text_lines[was - 1])
            new_call = _decorator_call(sides.new_text_lines[now - 1])
            if old_call is None or new_call is None \
                    or ast.dump(old_call.func) != ast.dump(new_call.func) \
                    or dotted_path(new_call.func).split(".", 1)[0] not in dependencies \
                    or [ast.dump(argument) for argument in old_call.args] \
                    != [ast.dump(argument) for argument in new_call.args] \
                    or {k.arg for k in old_call.keywords} == {k.arg for k in new_call.keywords}:
                return False
            paired.add(now)
    return paired == new_lines and len(paired) == len(old_lines)


# A line that binds a name to another name alone: `save = dump`.
_BINDS_A_NAME_TO_A_NAME = re.compile(r"^[A-Za-z_]\w*\s*=\s*[A-Za-z_]\w*\s*(#.*)?$")


def _touched_code_by_side(sides: ParsedSides, new_lines: set[int],
                          old_lines: set[int]) -> Iterator[tuple[ModuleSymbols, list[ast.stmt] | None]]:
    """Each side's table with the statements holding its changed lines but imports (None where
    such a line is outside every statement), new side first; a side without such lines left out."""
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        assert table is not None
        if code := lines - table.import_lines:
            yield table, touched_statements(table, code)


def _aliases_bound_or_dropped(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each statement the change touched, on either side, binds a public name at module level to
    a function or class the module defines (`save = dump`, kept for callers of the old name, or
    dropped): a name the module's users call by, not a setting."""
    if not all(_BINDS_A_NAME_TO_A_NAME.match(text[n - 1])
               for text, lines, table in ((sides.new_text_lines, new_lines, sides.new),
                                          (sides.old_text_lines, old_lines, sides.old))
               for n in lines if table is not None and n not in table.import_lines):
        return False
    touched = False
    for table, statements in _touched_code_by_side(sides, new_lines, old_lines):
        if not statements or table.tree is None:
            return False
        defined = {statement.name for statement in table.tree.body
                   if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
        if not all(isinstance(statement, ast.Assign) and not statement.col_offset
                   and len(statement.targets) == 1 and isinstance(target := statement.targets[0], ast.Name)
                   and is_public(target.id) and isinstance(statement.value, ast.Name)
                   and statement.value.id in defined for statement in statements):
            return False
        touched = True
    return touched


def _decorator_call(line: str) -> ast.Call | None:
    """The call a one-line decorator makes (`@attr.s(slots=True)`); None for any other line."""
    text = line.strip()
    if not text.startswith("@"):
        return None
    try:
        expression = ast.parse(text[1:], mode="eval").body
    except SyntaxError:
        return None
    return expression if isinstance(expression, ast.Call) else None


def _keywords_chosen_by_probe(sides: ParsedSides, new_lines: set[int]) -> bool:
    """The change tests whether an imported class has a field or parameter (`"use_mla" in
    dataclass_fields(FullAttentionSpec)`, `hasattr(EngineCoreRequest, "mm_kwargs")`), keys
    arguments by the name it probed (`kwargs = {"use_mla": False}`) and passes them spread into
    a call (`FullAttentionSpec(..., **kwargs)`): the call fits whichever version of the class's
    interface is installed."""
    assert sides.new is not None
    if not any("**" in sides.new_text_lines[n - 1] for n in new_lines):
        return False
    tree = sides.new.tree_holding(new_lines)
    if tree is None:
        return False
    imported = sides.new.imported_names
    added = [node for node in ast.walk(tree) if getattr(node, "lineno", None) in new_lines]
    probed = {name for node in added if isinstance(node, ast.If | ast.IfExp)
              for name in _names_probed(node.test, imported)}
    keyed = {key.value for node in added if isinstance(node, ast.Dict) for key in node.keys
             if isinstance(key, ast.Constant)} | {node.slice.value for node in added
                                                  if isinstance(node, ast.Subscript)
                                                  and isinstance(node.slice, ast.Constant)}
    return bool(probed & keyed) and any(isinstance(node, ast.keyword) and node.arg is None for node in added)


def _names_probed(test: ast.expr, imported: set[str]) -> set[str]:
    """The names a test asks an imported class or module for: `"x" in fields(C)`, `hasattr(C, "x")`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In | ast.NotIn) \
            and isinstance(test.left, ast.Constant) and isinstance(test.left.value, str) \
            and referenced_names(test.comparators[0]) & imported:
        return {test.left.value}
    if isinstance(test, ast.Call) and dotted_path(test.func) == "hasattr" and len(test.args) == 2 \
            and isinstance(test.args[0], ast.Name) and test.args[0].id in imported \
            and isinstance(test.args[1], ast.Constant) and isinstance(test.args[1].value, str):
        return {test.args[1].value}
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _names_probed(test.operand, imported)
    return set()


def _takes_another_shape(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change puts what the code did under `else:` of a new test of a value's type, whose
    branch unpacks or indexes that value (`if isinstance(router_logits, tuple): _, weights,
    indices = router_logits`, else route as before): the code takes the shape another version of
    a dependency hands over, and the one it took."""
    assert sides.new is not None
    if not old_lines or not any(sides.new_text_lines[n - 1].lstrip().startswith("if isinstance(")
                                for n in new_lines):
        return False
    tree = sides.new.tree_holding(new_lines)
    old_texts = sorted(sides.old_text_lines[n - 1].strip() for n in old_lines)
    for node in ast.walk(tree) if tree is not None else ():
        if not (isinstance(node, ast.If) and node.lineno in new_lines and isinstance(node.test, ast.Call)
                and dotted_path(node.test.func) == "isinstance" and node.test.args
                and isinstance(value := node.test.args[0], ast.Name) and node.orelse):
            continue
        kept = sorted(sides.new_text_lines[n - 1].strip() for statement in node.orelse
                      for n in node_lines(statement))
        spans = set(node_lines(node))
        taken_apart = any(isinstance(part, ast.Subscript | ast.Assign) and value.id in referenced_names(part)
                          for statement in node.body for part in ast.walk(statement))
        if kept == old_texts and new_lines <= spans and taken_apart:
            return True
    return False


def _kept_where_the_dependency_has_it(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change puts what the code did under a new test of whether an imported module or class
    has a name (`if hasattr(_C, "_cuda_setRNGState") and callable(_C._cuda_setRNGState):`) and
    under `else:` calls into the same package (`torch.cuda.current_device()`): the code works with
    the API each version of the dependency offers. Not where `else:` builds the thing with code of
    its own."""
    assert sides.new is not None
    if not old_lines or not any("hasattr(" in sides.new_text_lines[n - 1] for n in new_lines):
        return False
    tree = sides.new.tree_holding(new_lines)
    package = {name: statement.module.split(".", 1)[0] for statement in sides.new.imports
               for name in statement.names}
    imported = set(package)
    old_texts = Counter(sides.old_text_lines[n - 1].strip() for n in old_lines)
    for node in ast.walk(tree) if tree is not None else ():
        if not (isinstance(node, ast.If) and node.lineno in new_lines and node.orelse):
            continue
        tests = node.test.values if isinstance(node.test, ast.BoolOp) else [node.test]
        probed = {package[test.args[0].id] for test in tests if _names_probed(test, imported)
                  and isinstance(test, ast.Call) and isinstance(test.args[0], ast.Name)}
        reached = {package.get(dotted_path(call.func).split(".", 1)[0]) for statement in node.orelse
                   for call in ast.walk(statement) if isinstance(call, ast.Call)}
        if not probed & reached:
            continue
        kept = Counter(sides.new_text_lines[n - 1].strip() for statement in node.body
                       for n in node_lines(statement))
        if not old_texts - kept and new_lines <= set(node_lines(node)):
            return True
    return False


def _dependency_setting_renamed(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that assigned the same value to another attribute
    of the same imported module (`nixl_connector._NIXL_SUPPORTED_XPUS = {...}` became
    `nixl_connector._NIXL_SUPPORTED_DEVICE = {...}`): the module patches a dependency's setting
    under the name the dependency now gives it."""
    assert sides.old is not None
    imported = sides.old.imported_names

    def renamed(before: str, after: str) -> bool:
        was, now = _MODULE_ATTRIBUTE_SET.match(before), _MODULE_ATTRIBUTE_SET.match(after)
        return was is not None and now is not None and was["owner"] == now["owner"] \
            and was["value"] == now["value"] and was["name"] != now["name"] \
            and was["owner"].split(".", 1)[0] in imported

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, renamed)


_MODULE_ATTRIBUTE_SET = re.compile(r"\s*(?P<owner>[A-Za-z_][\w.]*)\.(?P<name>\w+)\s*=(?!=)\s*(?P<value>.*)$")


def _field_reads_made_constant(sides: ParsedSides, unread: frozenset[str]) -> bool:
    """Each changed line took the place of one that read, where the new line puts a constant,
    a field of an object the code is given that another file of the change stops reading too,
    the lines otherwise the same (`self.kv_cache[forward_context.virtual_engine]` became
    `self.kv_cache[0]` in each attention layer, as vLLM's ForwardContext lost `virtual_engine`):
    the field left an interface, and the code keeps the one value it had."""

    def made_constant(before: str, after: str) -> bool:
        was, now = _words_apart(before, after)
        try:
            read, constant = (ast.parse(text.strip(), mode="eval").body for text in (was, now))
        except SyntaxError:
            return False
        return isinstance(read, ast.Attribute) and isinstance(constant, ast.Constant) \
            and read.attr in unread and dotted_path(read).split(".", 1)[0] not in ("self", "cls")

    return bool(unread) and _each_replaced_alike(sides.diff, sides.old_text_lines,
                                                  sides.new_text_lines, made_constant)


def _words_apart(before: str, after: str) -> tuple[str, str]:
    """Where two lines differ, each side's part from the start of a word to its end (a dotted
    name whole): what is left once the text they share around it is cut off."""
    start = shared_start(before, after)
    end = min(shared_start(before[::-1], after[::-1]), len(before) - start, len(after) - start)
    while start and (before[start - 1].isalnum() or before[start - 1] in "_."):
        start -= 1
    while end and (before[-end].isalnum() or before[-end] in "_."):
        end -= 1
    return before[start:len(before) - end], after[start:len(after) - end]


def _lets_go_of_what_it_stopped_importing(sides: ParsedSides, imports: list[ImportChange]) -> bool:
    """The file stopped importing a name, and each other changed line took the place of one that
    called it around what the new line passes as it is (`Variable(tokens)` became `tokens` once
    `from torch.autograd import Variable` went), or that listed it among others (`(bnb.nn.Linear4bit,
    torch.nn.Linear, QuantLinear)` lost `QuantLinear` as PEFT deprecated it); lines removed
    with none in their place may each only name it, or close what such a line opened (a
    dispatch table's `(_linear_q_dq_check, _linear_q_dq_impl),`, an `if _embedding_q_dq_check(
    args, kwargs):` and its `return`), unless they test its version (a test's `skipIf` on
    `tf.__version__` dropped with `import tensorflow as tf` runs the test everywhere) or warn
    (`warnings._deprecated(__name__, remove=(3, 13))` dropped with `import warnings`): the code
    follows a dependency that made the name needless. A name the same scope still imports from
    elsewhere (`from .. import __version__` beside `from . import __version__` gone) it still has."""
    assert sides.old is not None and sides.new is not None
    kept = {(name, statement.context) for statement in sides.new.imports for name in statement.names}
    gone = _unimported_names(imports) & {name for change in imports if change.status == "removed"
                                         for name in change.names if (name, change.context) not in kept}
    if not gone:
        return False
    names = one_of(gone)
    wrapped = re.compile(rf"\b{names}\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
    listed = re.compile(rf",\s*\b{names}\b(?=\s*,?\s*[)\]}}])|\b{names}\b\s*,\s*")
    named = re.compile(rf"\b{names}\b")
    old, new = sides.old_text_lines, sides.new_text_lines
    let_go = False
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            removed = [n for n in removed if n not in sides.old.import_lines and old[n - 1].strip()]
            added = [n for n in added if new[n - 1].strip()]
            if not added and all(named.search(old[n - 1]) or _BRACKETS_ALONE.match(old[n - 1])
                                 for n in removed) \
                    and not any(_compares_versions(old[n - 1]) or _WARNING_CALL.search(old[n - 1])
                                for n in removed):
                let_go = let_go or any(named.search(old[n - 1]) for n in removed)
                continue
            if len(removed) != len(added) or not all(
                    new[now - 1] in (wrapped.sub(r"\1", old[was - 1]), listed.sub("", old[was - 1]))
                    or _other_name_in_its_place(old[was - 1], new[now - 1], named, sides.new.imported_names)
                    for was, now in zip(removed, added, strict=True)):
                return False
            let_go = let_go or bool(removed)
    return let_go


# A call into the standard library's warnings: what a module or function warns, or how.
_WARNING_CALL = re.compile(r"\bwarnings\.\w+\(")


def _other_name_in_its_place(before: str, after: str, named: re.Pattern[str], imported: set[str]) -> bool:
    """The line is the one before but for a built-in, or a name the file imports, where that
    named an import (`isinstance(projparams, string_types)` became `isinstance(projparams, str)`,
    `@legacy_api("swap_axes")` became `@old_positionals("swap_axes")`)."""
    spelled = _spelled_in_place_of(named, before, after, r"(\w+)")
    return spelled is not None and all(word in BUILTIN_NAMES or word in imported for word in spelled)


def _reads_settings_renamed(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                            renamed: frozenset[tuple[str, str]]) -> bool:
    """The changed statements read keys under the names the change's settings files now give
    them, and are otherwise the same (`params.get('weight_importance', 'L2')` became
    `params.get('filter_importance', 'L2')` as the JSON configurations renamed the key)."""
    assert sides.old is not None and sides.new is not None
    return bool(renamed) and keys_read_renamed(sides.old, sides.new, old_lines, new_lines, renamed)


def _only_unimports_old_settings(sides: ParsedSides, imports: list[ImportChange],
                                 old_lines: set[int], new_lines: set[int]) -> bool:
    """The imports only stop binding names that the settings the change replaced spelled
    (`layout: Layout = QDQLayout()` became `layout: Optional[Layout] = None`, and `QDQLayout`
    left the import): the import follows the setting. Not where a new line spells the setting
    the same way from another name (`TrainingArguments._VALID_DICT_FIELDS` became
    `_BaseConfig._VALID_DICT_FIELDS`): the setting is reached elsewhere."""
    bound = {name for change in imports if change.status != "removed" for name in change.names}
    unbound = {name for change in imports if change.status == "removed" for name in change.names}
    gone = unbound - bound
    if not gone or bound - unbound:
        return False
    assert sides.old is not None
    spelling = [line for n in old_lines - sides.old.import_lines
                if gone & set(_WORD.findall(line := sides.old_text_lines[n - 1]))]
    written = [_WORD.findall(sides.new_text_lines[n - 1]) for n in new_lines]
    return bool(spelling) and all(_BINDS_ON_ONE_LINE.match(line) for line in spelling) \
        and gone <= {word for line in spelling for word in _WORD.findall(line)} \
        and not any(_reached_through_another(line, words, gone) for line in spelling for words in written)


def _reached_through_another(before: str, after: list[str], names: set[str]) -> bool:
    """The words of a line are those of `before` but where `before` reads an attribute of one
    of `names` (`TrainingArguments._VALID_DICT_FIELDS`), which another name holds now."""
    words = _WORD.findall(before)
    return len(words) == len(after) and words != after \
        and all(was == now or (was in names and f"{was}." in before)
                for was, now in zip(words, after, strict=True))


# A name, maybe annotated, bound to a value that the line holds whole: `layout: Layout = QDQLayout()`.
_BINDS_ON_ONE_LINE = re.compile(r"^\s*[A-Za-z_][\w.]*\s*(:[^=]+)?=(?!=).*[^\s(\[{,\\]\s*$")


# A line of closing or opening brackets and commas alone: `),`, `(`.
_BRACKETS_ALONE = re.compile(r"^\s*[()\[\]{},]+\s*$")
# `getattr(cfg, "optimizer", None)`: an attribute read with a default.
_GETATTR_DEFAULTED = re.compile(r"""\bgetattr\(\s*([\w.]+)\s*,\s*["'](\w+)["']\s*,\s*[^()]*?\)""")


def _joined(lines: list[str], numbers: list[int]) -> str:
    """The numbered lines as one, without the spaces that wrapping them put in."""
    return _WRAPPING_SPACE.sub(r"\1", " ".join(lines[n - 1].strip() for n in numbers))


# Spaces around brackets and commas, which wrapping a statement adds or takes away.
_WRAPPING_SPACE = re.compile(r"\s*([()\[\],])\s*")


def _same_but_paths(before: str, after: str, imported: set[str], aliases: Mapping[str, str]) -> bool:
    """The lines differ, and only in the modules of dotted references into the same imported
    module that end in the same name (`ft.process_group.ManagedDeviceMesh` became
    `ft.device_mesh.ManagedDeviceMesh`; not `ModelServices.AUDIO.value`, another member). A
    module imported under another name is read as the module it names (`jtu.tree_leaves`, with
    `import jax.tree_util as jtu`, is `jax.tree_util.tree_leaves`)."""
    olds, news = DOTTED_REFERENCE.findall(before), DOTTED_REFERENCE.findall(after)
    if before == after or len(olds) != len(news) \
            or DOTTED_REFERENCE.sub("_", before) != DOTTED_REFERENCE.sub("_", after):
        return False
    return all(old == new or _module_moved(_unaliased(old, aliases), _unaliased(new, aliases), imported)
               or _through_op_registry(_unaliased(old, aliases), _unaliased(new, aliases), imported)
               for old, new in zip(olds, news, strict=True))


def _through_op_registry(old: str, new: str, imported: set[str]) -> bool:
    """The same op called through PyTorch's operator registry instead of the imported package
    that holds its kernel, or the other way round (`xtorch_ops.fwd_kvcache_mla(...)` became
    `torch.ops._C.fwd_kvcache_mla(...)`, the project registering the op under that name)."""
    registry, package = (new, old) if new.startswith(_OP_REGISTRY) else (old, new)
    return registry.startswith(_OP_REGISTRY) and not package.startswith(_OP_REGISTRY) \
        and registry.rsplit(".", 1)[-1] == package.rsplit(".", 1)[-1] and package.split(".", 1)[0] in imported


_OP_REGISTRY = "torch.ops."


def _module_aliases(table: ModuleSymbols) -> dict[str, str]:
    """The names modules are imported under, and the modules: `jtu` of `import jax.tree_util as
    jtu` or of `from jax import tree_util as jtu` is `jax.tree_util`."""
    aliases: dict[str, str] = {}
    for statement in table.imports:
        if statement.imported:
            aliases.update((name, f"{statement.module}.{imported}")
                           for name, imported in zip(statement.names, statement.imported, strict=True)
                           if name != imported and not statement.module.startswith("."))
        elif len(statement.names) == 1 and statement.names[0] != statement.module.split(".", 1)[0]:
            aliases[statement.names[0]] = statement.module
    return aliases


def _unaliased(reference: str, aliases: Mapping[str, str]) -> str:
    root, dot, rest = reference.partition(".")
    return f"{aliases[root]}{dot}{rest}" if root in aliases else reference


def _tests_swapped_imports(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                           imports: list[ImportChange]) -> bool:
    """The changed code no longer names what an import the change took away brought, and names
    instead what one it added brings (`LooseVersion` from `distutils.version` gone, `Version`
    from `packaging.version` in its place). Flags named for a release (`_GAUDI_GREATER_EQUAL_1_1_0`
    for `_SYNAPSE_GREATER_EQUAL_1_11_0`) are versions tested, not the means of testing them."""
    gone = {name for change in imports if change.status == "removed" for name in change.names
            if not VERSION_FLAG.fullmatch(name)} \
        - {name for change in imports if change.status != "removed" for name in change.names}
    brought = {name for change in imports if change.status == "added" for name in change.names
               if not VERSION_FLAG.fullmatch(name)}
    if not gone or not brought:
        return False
    assert sides.old is not None and sides.new is not None
    old_code = " ".join(sides.old_text_lines[n - 1] for n in old_lines - sides.old.import_lines)
    new_code = " ".join(sides.new_text_lines[n - 1] for n in new_lines - sides.new.import_lines)
    naming_gone, naming_brought = re.compile(rf"\b{one_of(gone)}\b"), re.compile(rf"\b{one_of(brought)}\b")
    return bool(naming_gone.search(old_code)) and not naming_gone.search(new_code) \
        and bool(naming_brought.search(new_code))


def _module_moved(old: str, new: str, imported: set[str]) -> bool:
    """The same name reached through another module of the same package (`torch.cuda.amp.autocast`
    as `torch.amp.autocast`, `tfio.IOLayer.text` as `tfio.experimental.IOLayer.text`); not one
    kept as it was in a compatibility namespace (`tf.where` as `tf.compat.v1.where`), which holds
    on to what the package changed."""
    was, now = old.split("."), new.split(".")
    if len(was) < 2 or len(now) < 2 or was[0] != now[0] or was[0] not in imported:
        return False
    # what is reached, from the name of the module's own on (`IOLayer.text` of `tfio.IOLayer.text`)
    kept = 0
    while kept < min(len(was), len(now)) - 1 and was[-1 - kept] == now[-1 - kept]:
        kept += 1
    return kept > 0 and all(_MODULE_NAME.fullmatch(part) for part in (*was[1:-kept], *now[1:-kept])) \
        and not kept_for_compatibility(old, new)


def _imports_only_flags(imports: list[ImportChange], sides: ParsedSides, new_lines: set[int],
                        old_lines: set[int]) -> bool:
    """The imports changed only in flags they bring in or no longer do (`IS_INTEL`), which
    the changed settings beside them test (`if IS_INTEL:`, `[2, 4] if IS_INTEL else [2]`): the
    change is to those settings."""
    gained: Counter[tuple[str, str]] = Counter()
    for change in imports:
        step = 1 if change.status == "added" else -1 if change.status == "removed" else 0
        for name in change.names:
            gained[(change.module, name)] += step
    changed = {name: count for (_, name), count in gained.items() if count}
    tests = " ".join(_TESTED.findall("\n".join(
        [sides.new_text_lines[n - 1] for n in new_lines] + [sides.old_text_lines[n - 1] for n in old_lines])))
    return bool(changed) and all(_FLAG_NAME.match(name) and re.search(rf"\b{name}\b", tests)
                                 for name in changed)


def _bumps_versions(sides: ParsedSides) -> bool:
    """Every changed line took the place of one that differs from it only in the versions it
    spells (`version.parse("3.2.0")` to `"3.3.0"`, and the message naming it, and the flag
    `TORCH_VERSION_AFTER_2_4` set from it, now `TORCH_VERSION_AFTER_2_3`), a version literal among
    them: the version a check asks for was raised. A comment beside them may differ in its numbers
    alone (`# html_title = u'pyhf v0.1.0'` beside `release = u'0.1.0'`)."""
    def bumped(before: str, after: str) -> bool:
        commented = before.lstrip().startswith("#") and after.lstrip().startswith("#")
        return _versions_differ(before, after) \
            or (commented and _numbers_blanked(before) == _numbers_blanked(after))
    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, bumped) \
        and any(_VERSION_LITERAL.search(sides.new_text_lines[n - 1]) for n in sides.diff.added_lines
                if n <= len(sides.new_text_lines))


def _own_version_written(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The package's version is now written in the module where it was imported from a
    generated one (`from .version import __version__` became `__version__ = "1.0.2"`)."""
    assert sides.old is not None
    imported = {name for statement in sides.old.imports if statement.line in old_lines
                for name in statement.names}
    return bool(new_lines) and bool(imported) and old_lines <= sides.old.import_lines \
        and all(_VERSION_NAME_ONLY.match(name) for name in imported) \
        and all(_VERSION_ASSIGNED.match(sides.new_text_lines[n - 1].strip()) for n in new_lines)


def _own_version_imported(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line, on either side, imports the package's version from a module a build
    tool generates or writes it, one side importing it (`__version__ = "1.8.1"` became `from
    gpytorch.version import version as __version__`, maybe with a fallback version where that
    module is missing; or such an import and its fallback went, the version written elsewhere).
    Not where both sides import it, from modules of other names (`from . import version` became
    `from . import _version`): where the version comes from is wiring."""
    assert sides.old is not None and sides.new is not None
    tables = ((sides.new, sides.new_text_lines, new_lines), (sides.old, sides.old_text_lines, old_lines))
    imported_by_side = [[name for statement in table.imports if statement.line in lines
                         for name in statement.names] for table, _, lines in tables]
    if all(imported_by_side):
        return False
    imported = [name for names in imported_by_side for name in names]
    written = [n for table, text, lines in tables for n in lines - table.import_lines
               if _VERSION_ASSIGNED.match(text[n - 1].strip())]
    return bool(imported) and bool(written) and all(_VERSION_NAME_ONLY.match(name) for name in imported) \
        and all(n in table.import_lines or _VERSION_ASSIGNED.match(text[n - 1].strip())
                for table, text, lines in tables for n in lines)


def _reads_own_version(sides: ParsedSides) -> bool:
    """Every changed line took the place of one that spelled a version where it now reads a
    name that holds one (`version='0.1.0'` became `version=__version__`), beside imports added:
    the version reported is the package's own."""
    assert sides.new is not None
    replaced = False
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            removed = [n for n in removed if sides.old_text_lines[n - 1].strip()]
            added = [n for n in added if sides.new_text_lines[n - 1].strip()]
            if not removed and set(added) <= sides.new.import_lines:
                continue
            if len(removed) != len(added) or not all(
                    _version_now_read(sides.old_text_lines[was - 1], sides.new_text_lines[now - 1])
                    for was, now in zip(removed, added, strict=True)):
                return False
            replaced = True
    return replaced


def _version_spelled_out(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The module's version, imported or worked out before (`try: from ._version import
    __version__ except ...`), is now spelled out: every line added assigns a literal to a
    version name at module level, and every line removed sits in a statement that bound one."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not all(_VERSION_ASSIGNED.match(sides.new_text_lines[n - 1]) for n in new_lines):
        return False
    new_tree = sides.new.tree_holding(new_lines)
    old_tree = sides.old.tree_holding(old_lines) if old_lines else ast.Module(body=[], type_ignores=[])
    if new_tree is None or old_tree is None:
        return False
    spelled = _lines_of(new_tree.body, _assigns_a_version)
    bound = _lines_of(old_tree.body, lambda node: any(_binds_version(inner) for inner in ast.walk(node)))
    return new_lines <= spelled and old_lines <= bound


def _only_versions_written(module: ModuleSymbols) -> bool:
    """The module binds the package's own version to a literal (`__version__ = '0.1.0'`), beside
    its docstring, and does nothing else."""
    tree = module.tree
    statements = without_docstrings(tree.body) if tree is not None else []
    return bool(statements) and all(_assigns_a_version(statement) for statement in statements)


def _serves_environment_settings(module: ModuleSymbols) -> bool:
    """The module reads settings from the environment and does nothing else: beside imports,
    its docstring and the defaults it declares for type checkers (`if TYPE_CHECKING:`), it binds
    names to values read from environment variables or to literals, and may serve them by a
    module `__getattr__` (vLLM's `envs.py` and its plugins' copies)."""
    if _ENVIRONMENT_READ_IN_PYTHON.search(module.text) is None:
        return False
    tree = module.tree
    statements = without_docstrings(tree.body) if tree is not None else []
    return all(
        isinstance(node, ast.Import | ast.ImportFrom)
        or (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
        or (isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None
            and (is_literal(node.value) or _ENVIRONMENT_READ_IN_PYTHON.search(ast.unparse(node.value))))
        or (isinstance(node, ast.FunctionDef) and node.name in ("__getattr__", "__dir__"))
        for node in statements)


_ENVIRONMENT_READ_IN_PYTHON = re.compile(r"\bos\.(?:environ|getenv)\b")


def _assigns_a_version(node: ast.stmt) -> bool:
    return isinstance(node, ast.Assign) and is_literal(node.value) and all(
        isinstance(target, ast.Name) and _VERSION_NAME_ONLY.match(target.id) for target in node.targets)


def _lines_of(statements: list[ast.stmt], keep: Callable[[ast.stmt], bool]) -> set[int]:
    return {line for node in statements if keep(node) for line in node_lines(node)}


def is_literal(value: ast.expr | str) -> bool:
    """A value, or the text of one, that is a Python literal (`False`, `3`, `"gemma"`)."""
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _binds_version(node: ast.AST) -> bool:
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return bool(_VERSION_NAME_ONLY.match(node.id))
    return isinstance(node, ast.alias) and bool(_VERSION_NAME_ONLY.match(node.asname or node.name))


def _version_now_read(before: str, after: str) -> bool:
    return any(before[:literal.start()] + name + before[literal.end():] == after
               for literal in _QUOTED_VERSION.finditer(before)
               for name in _VERSION_NAME.findall(after))


def _versions_differ(before: str, after: str) -> bool:
    """The lines differ in versions they spell, as literals or in names, if at all: nothing else."""
    return bool(_VERSION_LITERAL.search(before) or _VERSION_IN_NAME.search(before)) \
        and _versions_masked(before) == _versions_masked(after)


def _versions_masked(line: str) -> str:
    return _VERSION_IN_NAME.sub("0", _VERSION_LITERAL.sub("0", line))


def _versioned_names_swapped(sides: ParsedSides, around: AroundFile) -> bool:
    """Every changed line took the place of one that differs from it only in a name that spells
    a version, now another version (`_GAUDI_GREATER_EQUAL_1_1_0` became
    `_HPU_SYNAPSE_GREATER_EQUAL_1_11_0`, imported and tested), in version literals, in the text
    of a message it raises or logs, and in names the change renames elsewhere (the function that
    reads the version): the release a check requires changed, whatever the flag is now called.
    A flag the module binds from a check whose version literal stays is only renamed."""
    renamed = around.defined | around.undefined
    pairs = [(sides.old_text_lines[n - 1], sides.new_text_lines[m - 1])
             for run in _line_for_line(sides) for n, m in run]
    flags = {binding[1] for was, now in pairs for line in (was, now)
             if (binding := _BOUND_NAME.match(line)) and _compares_versions(line)}
    flagged = re.compile(rf"\b{one_of(flags)}\b") if flags else None

    def versions_named(line: str) -> set[str]:
        return set(_VERSION_IN_NAME.findall(line)) | (set(flagged.findall(line)) if flagged else set())

    def masked(line: str) -> str:
        line = _VERSIONED_NAME.sub("V", _VERSION_LITERAL.sub("0", line))
        line = flagged.sub("V", line) if flagged else line
        if _MESSAGE_LINE.match(line):
            line = _QUOTED.sub('""', line)
        return _IDENTIFIER.sub(lambda word: "R" if word[0] in renamed else word[0], line)

    if not any((was_versions := versions_named(was)) and (now_versions := versions_named(now))
               and was_versions != now_versions for was, now in pairs):
        return False
    bound = any(re.match(rf"\s*{name}\s*=", line) for _, now in pairs
                for name in {*_VERSIONED_NAME.findall(now), *versions_named(now) & flags}
                for line in sides.new_text_lines)
    if bound and all(_VERSION_LITERAL.findall(was) == _VERSION_LITERAL.findall(now) for was, now in pairs):
        return False
    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines,
                                lambda before, after: masked(before) == masked(after))


def _imports_version_gated(imports: list[ImportChange]) -> bool:
    """An import moved under a test that checks a version it did not check before."""
    return any(VERSION_PREDICATE.search(change.context)
               for change in _moved_from_outside_version_tests(imports))


def _moved_from_outside_version_tests(imports: list[ImportChange]) -> list[ImportChange]:
    """The imports that moved from where no test of a version guarded them."""
    return [change for change in imports
            if change.status == "moved" and not VERSION_PREDICATE.search(change.old_context or "")]


def _imports_moved_under_version_test(sides: ParsedSides, imports: list[ImportChange],
                                      new_lines: set[int]) -> bool:
    """An import moved into an `if` the change wrote that tests a version, with the code put
    under it (`from vllm.model_executor.weight_utils import hf_model_weights_iterator` moved
    into `if vllm.__version__ < "0.4.1":` in a method): the import runs only where that version
    has what it imports. A guard of an import inside a function, which `imports` do not tell."""
    assert sides.new is not None
    moved = [change.line for change in _moved_from_outside_version_tests(imports)]
    tree = sides.new.tree_holding(new_lines) if moved else None
    return tree is not None and any(
        isinstance(node, ast.If) and node.lineno in new_lines
        and bool(VERSION_PREDICATE.search(ast.unparse(node.test)))
        and any(node.lineno < line <= (node.end_lineno or node.lineno) for line in moved)
        for node in ast.walk(tree))


def _only_loads(sides: ParsedSides) -> bool:
    """Every changed code line decides what is loaded: in an example script, imports moved
    into `main` or put under a guard, and nothing else changed."""
    if sides.old is None or sides.new is None or sides.old.error or sides.new.error:
        return False
    new_lines, old_lines = _not_moved_verbatim(sides)
    new_lines -= sides.new.docstring_lines
    old_lines -= sides.old.docstring_lines
    return bool(new_lines or old_lines) and new_lines <= _loading_lines(sides.new) \
        and old_lines <= _loading_lines(sides.old)


def _choices_written_out(sides: ParsedSides, new_lines: set[int],
                         old_lines: set[int]) -> tuple[set[int], set[int]]:
    """The lines, new and old, where a value chosen inline (`generator = make() if secure else
    None`) became an `if` choosing it the same way (`if secure: ... generator = make()`, `else:
    generator = None`), its branch perhaps doing more first: the same choice, written out to
    make room for what that branch now does (an import only it needs)."""
    assert sides.old is not None and sides.new is not None
    if not any(" else " in sides.old_text_lines[n - 1] for n in old_lines) \
            or not any(sides.new_text_lines[n - 1].strip().startswith("else:") for n in new_lines):
        return set(), set()  # no value chosen inline before, or no `else:` written now
    old_tree = sides.old.tree_holding(old_lines)
    new_tree = sides.new.tree_holding(new_lines)
    if old_tree is None or new_tree is None:
        return set(), set()
    inline: dict[tuple[str, ...], ast.Assign] = {}
    for node in every_statement(old_tree.body):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.IfExp) \
                and set(node_lines(node)) <= old_lines:
            choice = node.value
            inline[_dumped(node.targets, choice.test, choice.body, choice.orelse)] = node
    new: set[int] = set()
    old: set[int] = set()
    for node in every_statement(new_tree.body):
        if not (isinstance(node, ast.If) and node.lineno in new_lines and len(node.orelse) == 1):
            continue
        chosen, otherwise = node.body[-1], node.orelse[0]
        if not (isinstance(chosen, ast.Assign) and isinstance(otherwise, ast.Assign)
                and _dumped(chosen.targets) == _dumped(otherwise.targets)):
            continue
        if (was := inline.get(_dumped(chosen.targets, node.test, chosen.value, otherwise.value))) is not None:
            old.update(node_lines(was))
            new.update(node_lines(node.test), node_lines(chosen), node_lines(otherwise),
                       range(node_lines(chosen)[-1] + 1, otherwise.lineno))
    return new & new_lines, old


def _spelled_in_newer_python(sides: ParsedSides, new_lines: set[int],
                             old_lines: set[int]) -> tuple[set[int], set[int]]:
    """The lines, new and old, of statements written anew as newer Python spells the same code
    (`super(Interactive, self).__dir__()` became `super().__dir__()`, `class Base(object):`
    `class Base:`, `'y(t + {0})'.format(lag)` `f'y(t + {lag})'`, `sorted([k for k in keys])`
    `sorted(k for k in keys)`, `u'hvPlot'` `'hvPlot'`): what dropping an old Python changes in
    spelling, not in what the code does."""
    assert sides.old is not None and sides.new is not None
    if not any(_OLD_SPELLING.search(sides.old_text_lines[n - 1]) for n in old_lines):
        return set(), set()
    new: set[int] = set()
    old: set[int] = set()
    for hunk in sides.diff.hunks:
        for removed, added in replacements(hunk):
            was, now = set(removed) & old_lines, set(added) & new_lines
            pairs = touched_pairs(sides.old, sides.new, was, now) if was and now else None
            if pairs and all(_modern_dump(before) == _modern_dump(after) for before, after in pairs):
                old |= was
                new |= now
    return new, old


# The functions a generator serves as well as the list a comprehension makes.
_TAKE_ANY_ITERABLE = frozenset({"sorted", "list", "tuple", "any", "all", "sum", "min", "max", "frozenset",
                                "set"})


def _union_members(annotation: ast.expr) -> list[ast.expr]:
    """The types `A | B | C` joins; the annotation alone where it joins none."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return [*_union_members(annotation.left), *_union_members(annotation.right)]
    return [annotation]


def _union_of(members: list[ast.expr]) -> ast.expr:
    """`A | B | C`, as Python 3.10 spells a union of types."""
    return functools.reduce(lambda left, right: ast.BinOp(left=left, op=ast.BitOr(), right=right), members)


# The generics of `typing` that Python 3.9 lets the built-in types spell (PEP 585).
_BUILT_IN_GENERICS = {"Tuple": "tuple", "List": "list", "Dict": "dict", "Set": "set",
                      "FrozenSet": "frozenset", "Type": "type"}
# What older Python spelled that newer spells otherwise: `super(Cls, self)`, `(object)` bases,
# `str.format`, `%`-formatting, `u''` strings, a list comprehension handed to a function that
# takes any iterable, `open(path, 'r')`, `Tuple[int, ...]` and `Optional[str]` (`tuple[int, ...]`,
# `str | None`), a type alias bound plainly (`X: TypeAlias = ...`), the types a type test is
# given as a tuple (`isinstance(x, int | float)`), and `zip` not told it may stop at the shortest
# (`strict=False`).
_OLD_SPELLING = re.compile(r"""\bsuper\(\w+, *(self|cls)\)|\(object\)|\.format\(|["']\s*%\s*[\w(]"""
                           rf"""|\bu["']|\b{one_of(_TAKE_ANY_ITERABLE)}\(\[|,\s*["']r["']\)"""
                           rf"""|\b{one_of({*_BUILT_IN_GENERICS, "Optional", "Union"})}\["""
                           r"""|\b(isinstance|issubclass)\(.*,\s*\(|\bzip\("""
                           r"""|\w\s*:\s*[\w.\[\], ]+?\s*=\s*None\b""")


def _modern_dump(statement: ast.stmt) -> str:
    return ast.dump(_NewerSpelling().visit(copy_tree(statement)))


class _NewerSpelling(ast.NodeTransformer):
    """Writes a tree as newer Python spells it: what `_OLD_SPELLING` finds, the newer way. A
    parameter annotated `int` that defaults to None is `int | None`, as type checkers came to
    require it spelled (`scf_MaxIter: int = None` became `Optional[int] = None`)."""

    def visit_arguments(self, node: ast.arguments) -> ast.arguments:
        self.generic_visit(node)
        positional = [*node.posonlyargs, *node.args]
        defaulted = zip(positional[len(positional) - len(node.defaults):], node.defaults, strict=True)
        for argument, default in [*defaulted, *zip(node.kwonlyargs, node.kw_defaults, strict=True)]:
            if argument.annotation is not None and default is not None and is_none(default) \
                    and not any(is_none(member) for member in _union_members(argument.annotation)):
                argument.annotation = _union_of([argument.annotation, ast.Constant(value=None)])
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        node.bases = [base for base in node.bases if dotted_path(base) != "object"]
        self.generic_visit(node)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        node.kind = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.stmt:
        self.generic_visit(node)
        if node.value is not None and dotted_path(node.annotation).removeprefix("typing.") == "TypeAlias":
            return ast.Assign(targets=[node.target], value=node.value, type_comment=None)
        return node

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        name = dotted_path(node.func)
        if name == "super" and len(node.args) == 2 and not node.keywords:
            node.args = []
        elif name in ("isinstance", "issubclass") and len(node.args) == 2 \
                and isinstance(kinds := node.args[1], ast.Tuple) and len(kinds.elts) > 1:
            node.args[1] = _union_of(kinds.elts)
        elif name == "zip":
            node.keywords = [keyword for keyword in node.keywords
                             if not (keyword.arg == "strict" and isinstance(keyword.value, ast.Constant)
                                     and keyword.value.value is False)]
        elif name in _TAKE_ANY_ITERABLE and len(node.args) == 1 and isinstance(node.args[0], ast.ListComp):
            made = node.args[0]
            node.args = [ast.SetComp(elt=made.elt, generators=made.generators) if name == "set"
                         else ast.GeneratorExp(elt=made.elt, generators=made.generators)]
        elif name == "open" and len(node.args) == 2 and isinstance(mode := node.args[1], ast.Constant) \
                and mode.value == "r":
            node.args = node.args[:1]
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "format" and not node.keywords \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            return _formatted(node.func.value.value, node.args) or node
        if name == "set" and len(node.args) == 1 and isinstance(node.args[0], ast.SetComp):
            return node.args[0]
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        self.generic_visit(node)
        name = dotted_path(node.value).removeprefix("typing.")
        if name in _BUILT_IN_GENERICS:
            node.value = ast.Name(id=_BUILT_IN_GENERICS[name], ctx=ast.Load())
        elif name in ("Optional", "Union"):
            members = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if name == "Optional":
                members = [*members, ast.Constant(value=None)]
            return _union_of(members)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and _PERCENT_TEMPLATE.fullmatch(node.left.value):
            values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            braced = node.left.value.replace("{", "{{").replace("}", "}}")
            template = _PERCENT_FIELD.sub(lambda field: _AS_FORMAT_FIELD[field[0]], braced)
            return _formatted(template, values) or node
        return node


# A `%`-template whose fields are `%s` and `%r` alone, and the `str.format` field of each.
_PERCENT_TEMPLATE = re.compile(r"(?:[^%]|%[sr%])*", re.DOTALL)
_PERCENT_FIELD = re.compile(r"%[sr%]")
_AS_FORMAT_FIELD = {"%s": "{}", "%r": "{!r}", "%%": "%"}


def _formatted(template: str, values: list[ast.expr]) -> ast.JoinedStr | None:
    """The f-string that `template.format(*values)` makes, its fields automatic or numbered and
    without specs; None for another template."""
    parts: list[ast.expr] = []
    automatic = 0
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for literal, field, spec, conversion in fields:
        if literal:
            parts.append(ast.Constant(value=literal))
        if field is None:
            continue
        if spec or (field and not field.isdigit()):
            return None
        index = int(field) if field else automatic
        automatic += 1
        if index >= len(values) or isinstance(values[index], ast.Starred):
            return None
        parts.append(ast.FormattedValue(value=values[index], conversion=ord(conversion) if conversion else -1,
                                        format_spec=None))
    return ast.JoinedStr(values=parts)


def _dumped(*parts: ast.AST | list[ast.expr]) -> tuple[str, ...]:
    return tuple(ast.dump(ast.Tuple(elts=part, ctx=ast.Load()) if isinstance(part, list) else part)
                 for part in parts)


def _not_moved_verbatim(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The changed code lines of each side, less the headers of definitions (decorators, `def`
    and `class` lines) that the other side has verbatim: a diff shows a header that an
    inserted block pushed down as removed and added again. Any other line that moved counts:
    where a statement runs is part of what it does."""
    added = _headers(sides.new_text_lines, sides.added_code_lines)
    removed = _headers(sides.old_text_lines, sides.removed_code_lines)
    both = Counter(added.values()) & Counter(removed.values())
    new_lines = sides.added_code_lines - _first(added, both)
    old_lines = sides.removed_code_lines - _first(removed, both)
    # An import sorted to another place among the module's imports, while the change does
    # something else, is layout; alone, it is what the change is about, unless the code is the
    # same (a license header written above the imports pushed them down).
    assert sides.old is not None and sides.new is not None
    added = _one_line_imports(sides.new_text_lines, new_lines, sides.new.import_lines)
    removed = _one_line_imports(sides.old_text_lines, old_lines, sides.old.import_lines)
    both = Counter(added.values()) & Counter(removed.values())
    sorted_new, sorted_old = _first(added, both), _first(removed, both)
    if new_lines - sorted_new or old_lines - sorted_old or _same_code(sides):
        return new_lines - sorted_new, old_lines - sorted_old
    return new_lines, old_lines


def _same_code(sides: ParsedSides) -> bool:
    """Each hunk holds the same lines of code in the same order on both sides: only comments and
    blank lines moved them."""
    assert sides.old is not None and sides.new is not None
    return all(_code_in_order(sides.old, range(hunk.old_start, hunk.old_start + hunk.old_lines))
               == _code_in_order(sides.new, range(hunk.new_start, hunk.new_start + hunk.new_lines))
               for hunk in sides.diff.hunks)


def _code_in_order(table: ModuleSymbols, numbers: range) -> list[str]:
    lines = table.lines
    return [lines[number - 1].strip() for number in sorted(code_lines(lines, numbers, table))]


def _one_line_imports(lines: list[str], numbers: set[int], imports: set[int]) -> dict[int, str]:
    """The numbered lines that are whole import statements, one line each, at the module's
    top level."""
    return {number: text for number in numbers
            if number in imports and (text := lines[number - 1].rstrip()).startswith(("import ", "from "))
            and not text.endswith(("(", "\\"))}


def _headers(lines: list[str], numbers: set[int]) -> dict[int, str]:
    found = {number: lines[number - 1].strip() for number in numbers}
    return {number: text for number, text in found.items() if _HEADER.match(text)}


def _first(lines: dict[int, str], texts: Counter[str]) -> set[int]:
    """Of the numbered lines, as many holding each text as `texts` counts, first ones first."""
    left = Counter(texts)
    taken = set()
    for number, text in sorted(lines.items()):
        if left[text] > 0:
            left[text] -= 1
            taken.add(number)
    return taken


# What a lazily loading package's `__init__.py` fills and installs: its table of what each
# submodule exports, the lazy module, and the package's entry in `sys.modules`.
_LAZY_TABLE = re.compile(r"(^|_)import_structure$|^_LazyModule$|^sys\.modules$")


def _loading_lines(table: ModuleSymbols) -> set[int]:
    """The lines that decide what is loaded: imports and the blocks guarding them or handing
    on what they import, the type variables and new types declared beside them, the names a
    module exports (`__all__`), a module-level `__getattr__` that imports (PEP 562: it loads
    the names it serves when first asked for), availability probes (`is_npu_available`,
    `CHECK_AIOHTTP = OptionalImports("aiohttp", "server")`), checks that stop with an error
    where an optional package is missing, and what the module binds in its stead where it is
    (`else: DataURIorURL = None`)."""
    lines = table.import_lines | table.handing_on_lines | table.refusal_lines | table.export_lines \
        | table.stand_in_lines
    if "_LazyModule" in table.text and table.tree is not None:
        lines |= _lazy_module_lines(table.tree.body)
    lines |= table.wiring_lines
    if any(loader in table.text for loader in _LIBRARY_LOADERS) and table.tree is not None:
        loading = [node for node in table.tree.body if _only_loads_libraries(node)]
        lines |= {line for node in loading + _finding_what_is_loaded(table.tree.body, loading)
                  for line in node_lines(node)}
    for symbol in table.symbols.values():
        probes = (symbol.kind in ("function", "method") and (AVAILABILITY_PROBE.match(symbol.name)
                                                             or DEMANDS_A_PACKAGE.fullmatch(symbol.name)
                                                             or _LOADS_LIBRARIES.match(symbol.name))) \
            or (symbol.kind == "constant" and PROBES_A_PACKAGE.match(table.lines[symbol.start - 1]))
        declares_types = symbol.kind == "constant" and _TYPE_VARIABLE.match(table.lines[symbol.start - 1])
        loads_lazily = symbol.qualname == "__getattr__" and symbol.kind == "function" \
            and _holds_imports(table, symbol)
        if probes or declares_types or loads_lazily or _hands_on_an_import(table, symbol):
            lines.update(range(symbol.start, symbol.end + 1))
    return lines | _loaders_called(table, lines)


def _loaders_called(table: ModuleSymbols, loading: set[int]) -> set[int]:
    """The lines that only call, alone, a module-level function of the module whose lines all
    decide what is loaded (`_check_diffq()`, which imports diffq or stops saying how to install
    it): such a call loads, or demands, a package where it stands."""
    loaders = {symbol.name for symbol in table.symbols.values()
               if symbol.kind == "function" and "." not in symbol.qualname
               and all(n in loading or n in table.docstring_lines
                       for n in range(symbol.start, symbol.end + 1))}
    if not loaders:
        return set()
    calling = re.compile(rf"^\s*(?:{one_of(loaders)})\(.*\)\s*$")
    return {number for number, line in enumerate(table.lines, 1) if calling.match(line)}


# A type variable or a new type, which names types for annotations as the imports beside it do:
# `T = TypeVar("T", pd.Series, pd.DataFrame)`, `P = typing.ParamSpec("P")`.
_TYPE_VARIABLE = re.compile(rf"^\w+\s*=\s*(?:\w+\.)?(?:{'|'.join(sorted(TYPE_MAKERS))})\(")


# The header of a handler that catches an import's failure: `except (NameError, ImportError):`.
_CATCHES_IMPORT_ERRORS = re.compile(r"^\s*except\b.*\b(ImportError|ModuleNotFoundError)\b")
_HANDLER_HEADER = re.compile(r"^\s*except\b")


def _import_errors_caught_anew(sides: ParsedSides, new_lines: set[int],
                               old_lines: set[int]) -> tuple[set[int], set[int]]:
    """The headers, new and old, of handlers that now also catch an import's failure, of a `try`
    whose body imports (`except NameError:` became `except (NameError, ImportError):` as `import
    IPython` moved into the `try`): where the import may now fail, not what the code does."""
    assert sides.old is not None and sides.new is not None
    headers = {n for n in new_lines if _CATCHES_IMPORT_ERRORS.match(sides.new_text_lines[n - 1])}
    replaced = {n for n in old_lines if _HANDLER_HEADER.match(sides.old_text_lines[n - 1])
                and not _CATCHES_IMPORT_ERRORS.match(sides.old_text_lines[n - 1])}
    if not headers or len(headers) != len(replaced):
        return set(), set()
    tree = sides.new.tree_holding(headers)
    guarding = {handler.lineno for node in every_statement(tree.body if tree is not None else [])
                if isinstance(node, ast.Try)
                and any(isinstance(inner, ast.Import | ast.ImportFrom) for inner in node.body)
                for handler in node.handlers}
    return (headers, replaced) if headers <= guarding else (set(), set())


def _opening_at_module_level(text: list[str], lines: set[int], keyword: str) -> set[int]:
    """The lines that, by their text, open a module-level statement with the keyword (`if`,
    `try`, `def`): where a rule about such statements may look before it reads their trees."""
    opens = re.compile(rf"{keyword}\b")
    return {n for n in lines if opens.match(text[n - 1])}


def _import_guards_dropped(sides: ParsedSides, old_lines: set[int]) -> tuple[set[int], set[int]]:
    """The lines, new and old, of each module-level `if` the change dropped whose block opens
    with an import (`if not _ASTROPY_SETUP_:` then `from .utils import *`), with the statements
    of its block that now stand at module level as they were (`download_IERS_A()`): the imports
    and what runs after them run unguarded, as before but for the guard."""
    assert sides.old is not None and sides.new is not None
    tests = _opening_at_module_level(sides.old_text_lines, old_lines, "if")
    if not tests or (tree := sides.old.tree_holding(tests)) is None:
        return set(), set()
    guards = [node for node in tree.body if isinstance(node, ast.If) and node.lineno in tests
              and not node.orelse and isinstance(node.body[0], ast.Import | ast.ImportFrom)]
    if not guards:
        return set(), set()
    new, old = set(), set()
    for pairs in _line_for_line(sides, code_only=True):
        for was, now in pairs:
            if any(guard.lineno < was <= (guard.end_lineno or guard.lineno) for guard in guards) \
                    and not sides.new_text_lines[now - 1][:1].isspace() \
                    and sides.old_text_lines[was - 1].strip() == sides.new_text_lines[now - 1].strip():
                new.add(now)
                old.add(was)
    return new, old | {guard.lineno for guard in guards}


def _import_branches_opened(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The changed `else:` lines whose block opens with an import (`else:` then `from peft
    import prepare_model_for_kbit_training`): where the import now runs, not what code does."""
    return {number for number in lines if table.lines[number - 1].strip() == "else:"
            and number + 1 in table.import_lines}


_RETURNS_A_NAME = re.compile(r"^\s*return\s+\w+\s*$")
_RETURNS_A_CALL = re.compile(r"^\s*return\s+(\w+)\(\)\s*$")
_GETTER = re.compile(r"^_?get_\w+$")


def _imports_given_install_hints(sides: ParsedSides, new_lines: set[int],
                                 old_lines: set[int]) -> tuple[set[int], set[int]]:
    """The lines, new and old, of each `try` the change opened that starts with an import and
    whose handlers of import errors only raise one anew (`raise ImportError("vLLM not installed:
    pip install vllm") from e`), with the statements moved into it as they were: the import
    fails with a hint of what to install, and the code it guards runs as before."""
    assert sides.new is not None
    if not any(_try_opening_with_import(sides.new_text_lines, n) for n in new_lines):
        return set(), set()
    tree = sides.new.tree_holding(new_lines)
    opened = [node for node in ast.walk(tree) if isinstance(node, ast.Try) and node.lineno in new_lines
              and isinstance(node.body[0], ast.Import | ast.ImportFrom) and node.handlers
              and all(_raises_on_import_error(handler) for handler in node.handlers)] if tree else []
    removed = {sides.old_text_lines[n - 1].strip(): n for n in old_lines}
    new, old = set(), set()
    for node in opened:
        for line in node_lines(node):
            text = sides.new_text_lines[line - 1].strip()
            moved = removed.get(text)
            if moved is not None:
                old.add(moved)
            if moved is not None or not any(first_line(s) <= line <= (s.end_lineno or s.lineno)
                                            for s in node.body[1:]):
                new.add(line)
    return new, old


def _try_opening_with_import(lines: list[str], number: int) -> bool:
    """Line `number` is a `try:` whose first statement is an import, by its text."""
    if lines[number - 1].strip() != "try:":
        return False
    following = (line.strip() for line in lines[number:])
    first = next((line for line in following if line and not line.startswith("#")), "")
    return first.startswith(("import ", "from "))


def _imported_callee_chosen_first(sides: ParsedSides, imports: list[ImportChange], new_lines: set[int],
                                  old_lines: set[int]) -> bool:
    """Code that was there is kept, as it was, as one branch of an `if` whose other branch
    calls what an import the change adds brings (`if USE_PRECOMPILED_KERNEL:
    fused_moe_triton_kernel(grid, A, B, ...)` from `mcoplib`, `else:` the file's own Triton
    kernel launched as before): which package's code runs is chosen, the work done is the
    same."""
    assert sides.old is not None and sides.new is not None
    brought = {name for change in imports if change.status == "added" and not is_stdlib_module(change.module)
               for name in change.names}
    new = touched_statements(sides.new, new_lines - sides.new.import_lines) if brought else None
    old = touched_statements(sides.old, old_lines - sides.old.import_lines) if old_lines else None
    if not new or not old or not all(isinstance(statement, ast.If) for statement in new):
        return False
    kept: list[str] = []
    for choice in new:
        assert isinstance(choice, ast.If)
        branches = [choice.body, choice.orelse]
        for taken, other in (branches, branches[::-1]):
            if taken and other and all(_calls_one_of(statement, brought) for statement in taken):
                kept += [ast.dump(statement) for statement in other]
                break
        else:
            return False
    return kept == [ast.dump(statement) for statement in old]


def _renamed_into_a_dependency(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                               old_lines: set[int]) -> bool:
    """A module-level function is renamed, its code otherwise the same, and bound under its old
    name to a module it imports (`def maca_maybe_make_prepare_finalize(...)`, then
    `all2all_utils.maybe_make_prepare_finalize = maca_maybe_make_prepare_finalize`): the project's
    function now stands where the dependency's callers look, patched in; nothing else changed
    but the imports."""
    assert sides.old is not None and sides.new is not None
    removed = {s.qualname for s in symbols if s.status == "removed" and s.kind == "function"}
    added = {s.qualname for s in symbols if s.status == "added" and s.kind == "function"}
    # the whole trees are read only where a name added is bound to something
    if not removed or not added or not re.search(rf"=\s*{one_of(added)}\b", sides.new.text) \
            or (new_tree := sides.new.tree) is None:
        return False
    imported = sides.new.imported_names
    patches = {target.attr: statement for statement in new_tree.body if isinstance(statement, ast.Assign)
               and isinstance(statement.value, ast.Name) and statement.value.id in added
               for target in statement.targets if isinstance(target, ast.Attribute) and target.attr in removed
               and dotted_path(target.value).split(".", 1)[0] in imported}
    if not patches or (old_tree := sides.old.tree) is None:
        return False
    old_functions = {node.name: node for node in old_tree.body if isinstance(node, ast.FunctionDef)}
    new_functions = {node.name: node for node in new_tree.body if isinstance(node, ast.FunctionDef)}
    covered_new: set[int] = set()
    covered_old: set[int] = set()
    for old_name, patch in patches.items():
        assert isinstance(patch.value, ast.Name)
        before, after = old_functions[old_name], new_functions[patch.value.id]
        if ast.dump(before).replace(f"name='{old_name}'", "", 1) \
                != ast.dump(after).replace(f"name='{patch.value.id}'", "", 1):
            return False
        covered_new |= {first_line(after), after.lineno, *node_lines(patch)}
        covered_old |= {first_line(before), before.lineno}
    return new_lines - sides.new.import_lines <= covered_new \
        and old_lines - sides.old.import_lines <= covered_old


def _calls_one_of(statement: ast.stmt, names: set[str]) -> bool:
    return isinstance(statement, ast.Expr | ast.Assign | ast.Return) and any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
        for node in ast.walk(statement))


def _fallback_made_the_only_path(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A module-level `try` that imported an optional package went, and what its `except
    ImportError:` put in the package's place is the code's only path: each function or class
    it defined stands at module level as it was, but for its docstring (`def next_fast_len(n)`
    rounding up to a power of two), and each other changed line reads a name the handler bound
    as the value it was bound to (`fftmodule.fft(x)` became `np.fft.fft(x)` where the handler
    bound `fftmodule = np.fft`): the dependency is dropped, the code without it kept."""
    assert sides.old is not None and sides.new is not None
    starts = _opening_at_module_level(sides.old_text_lines, old_lines, "try")
    if not new_lines or not starts or (old_tree := sides.old.tree_holding(starts)) is None:
        return False
    tries = [statement for statement in old_tree.body if isinstance(statement, ast.Try)
             and statement.lineno in starts and statement.handlers
             and all(handler.type is not None and handler.lineno in old_lines
                     and {dotted_path(error) for error in caught_types(handler)} <= IMPORT_ERROR_NAMES
                     for handler in statement.handlers)]
    fallback = [statement for block in tries for handler in block.handlers for statement in handler.body]
    defined = {statement.name: _definition_code(statement) for statement in fallback
               if isinstance(statement, ast.FunctionDef | ast.ClassDef)}
    bound = {target.id: ast.unparse(statement.value) for statement in fallback
             if isinstance(statement, ast.Assign) and len(statement.targets) == 1
             and isinstance(target := statement.targets[0], ast.Name)}
    if (not defined and not bound) or (new_tree := sides.new.tree) is None:
        return False
    kept = {n for statement in new_tree.body if isinstance(statement, ast.FunctionDef | ast.ClassDef)
            and defined.get(statement.name) == _definition_code(statement)
            for n in range(statement.lineno, (statement.end_lineno or statement.lineno) + 1)}
    read_before, read_anew = _lines_respelled(
        sides, re.compile(rf"(?<![\w.]){one_of(bound)}(?!\w)"), lambda name: bound[name[0]]) \
        if bound else (set(), set())
    in_block = {n for block in tries for n in range(block.lineno, (block.end_lineno or block.lineno) + 1)}
    return bool(read_anew | kept) and new_lines - sides.new.import_lines <= read_anew | kept \
        and old_lines - sides.old.import_lines <= read_before | in_block


def _name_taken_where_a_dependency_has_it(sides: ParsedSides, new_lines: set[int],
                                          old_lines: set[int]) -> bool:
    """The change writes an `if`/`elif` chain that probes imported dependency modules for an
    attribute and binds one name in every branch, to an attribute of the module probed where
    the probe holds and to a stand-in otherwise (`if hasattr(torch.serialization, "FILE_LIKE"):
    FileLike = torch.serialization.FILE_LIKE`, `else: FileLike = Union[str, os.PathLike,
    IO[bytes]]`), beside imports alone: the name comes from wherever the installed release keeps
    it, as an import tried in turn would bring it."""
    assert sides.old is not None and sides.new is not None
    code = new_lines - sides.new.import_lines
    if not code or old_lines - sides.old.import_lines:
        return False
    statements = touched_statements(sides.new, code)
    if not statements or len(statements) != 1 or not isinstance(chain := statements[0], ast.If):
        return False
    dependencies = _names_from_dependencies(sides.new, sides.diff.path)
    bound: set[str] = set()
    probes = 0
    branch: ast.stmt | None = chain
    while isinstance(branch, ast.If):
        test = branch.test
        if not (isinstance(test, ast.Call) and dotted_path(test.func) == "hasattr" and len(test.args) == 2
                and (probed := dotted_path(test.args[0])) and probed.split(".", 1)[0] in dependencies
                and len(branch.body) == 1 and isinstance(assign := branch.body[0], ast.Assign)
                and len(assign.targets) == 1 and isinstance(target := assign.targets[0], ast.Name)
                and dotted_path(assign.value).rpartition(".")[0] == probed):
            return False
        bound.add(target.id)
        probes += 1
        rest = branch.orelse
        if len(rest) == 1 and isinstance(rest[0], ast.If):
            branch = rest[0]
            continue
        if len(rest) != 1 or not isinstance(rest[0], ast.Assign) or len(rest[0].targets) != 1 \
                or not isinstance(last := rest[0].targets[0], ast.Name):
            return False
        bound.add(last.id)
        branch = None
    return probes > 0 and len(bound) == 1


def _getters_replaced_by_imports(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Module-level functions that imported a module and handed it back (`_get_ffmpeg_api()`,
    which imported `imageio_ffmpeg` once, kept it in a global and raised an install hint where
    it was missing) went, the module is imported at the top instead, and each other changed line
    reads the module where it called the function (`ffmpeg_api = _get_ffmpeg_api()` became
    `ffmpeg_api = imageio_ffmpeg`): the dependency is loaded eagerly, the code as it was."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not old_lines or not any("()" in sides.old_text_lines[n - 1] for n in old_lines) \
            or not _opening_at_module_level(sides.old_text_lines, old_lines, "def") \
            or (old_tree := sides.old.tree_holding(old_lines)) is None:
        return False
    candidates = [function for function in old_tree.body
                  if isinstance(function, ast.FunctionDef) and not function.args.args]
    if not candidates or (new_tree := sides.new.tree) is None:
        return False
    top_imported = names_imported(new_tree.body)
    still_defined = {node.name for node in new_tree.body if isinstance(node, ast.FunctionDef)}
    functions = [function for function in candidates if function.name not in still_defined]
    getters = {function.name: module for function in functions
               if (module := _module_handed_back(function)) in top_imported}
    if not getters:
        return False
    dropped = [function for function in functions if function.name in getters]
    gone = {n for function in dropped for n in range(first_line(function), (function.end_lineno or 0) + 1)}
    kept_in = {name for function in dropped for node in ast.walk(function) if isinstance(node, ast.Global)
               for name in node.names}
    caches = {n for statement in old_tree.body if isinstance(statement, ast.Assign)
              and statement.lineno in old_lines and is_none(statement.value)
              and _variables_bound(statement) <= kept_in for n in node_lines(statement)}
    read_old, read_new = _lines_respelled(sides, re.compile(rf"\b({one_of(getters)})\(\)"),
                                          lambda found: getters[found[1]])
    return bool(read_new) and new_lines - sides.new.import_lines <= read_new \
        and old_lines - sides.old.import_lines <= read_old | gone | caches


def _module_handed_back(function: ast.FunctionDef) -> str | None:
    """The module a function imports and returns, directly or through the global it keeps it in;
    None where it does anything else."""
    imported = names_imported([node for node in ast.walk(function) if isinstance(node, ast.stmt)])
    if len(imported) != 1:
        return None
    module = next(iter(imported))
    returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    kept = {name for node in ast.walk(function) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name) and node.value.id == module
            for name in _variables_bound(node)}
    simple = [node for node in ast.walk(function) if isinstance(node, ast.stmt)
              and not isinstance(node, ast.FunctionDef | ast.If | ast.Try)]
    handed_back = {module} | kept
    if not returned or not all(isinstance(value, ast.Name) and value.id in handed_back
                               for value in returned) \
            or not all(isinstance(node, _GETTER_STATEMENTS) or is_lone_string(node) for node in simple):
        return None
    return module


# What a function that imports a module for its callers does: import, keep, hand back, or fail.
_GETTER_STATEMENTS = (ast.Import, ast.ImportFrom, ast.Global, ast.Return, ast.Raise, ast.Assign)


def _lines_respelled(sides: ParsedSides, pattern: re.Pattern[str],
                     spelling: Callable[[re.Match[str]], str]) -> tuple[set[int], set[int]]:
    """The old and new lines, paired one for one, where the old line, `pattern`'s matches in it
    spelled by `spelling`, is the new one."""
    old: set[int] = set()
    new: set[int] = set()
    for pairs in _line_for_line(sides, code_only=True):
        for was, now in pairs:
            if pattern.search(text := sides.old_text_lines[was - 1]) \
                    and pattern.sub(spelling, text) == sides.new_text_lines[now - 1]:
                old.add(was)
                new.add(now)
    return old, new


def _definition_code(definition: ast.FunctionDef | ast.ClassDef) -> tuple[str, ...]:
    """A function's or class's header and statements, its docstring left out."""
    header = ast.dump(definition.args) if isinstance(definition, ast.FunctionDef) \
        else ast.dump(ast.Tuple(elts=definition.bases, ctx=ast.Load()))
    return header, *(ast.dump(statement) for statement in without_docstrings(definition.body))


def _raises_on_import_error(handler: ast.ExceptHandler) -> bool:
    """The handler catches import errors and only raises."""
    return bool(handler.type) and all(isinstance(statement, ast.Raise) for statement in handler.body) \
        and all(dotted_path(error) in IMPORT_ERROR_NAMES for error in caught_types(handler))


def _loaders_put_in_place(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The lines, new and old, where the change names a function that imports a function and
    calls it in place of that function (`"api": run_api` became `"api": _run_api`, and `_run_api`
    imports `run_api` when called): what is imported now waits until it runs. Only where the
    change writes such a call (`return run_api()`)."""
    assert sides.new is not None
    table = sides.new
    added = sides.diff.added_lines
    if not any(_RETURNS_A_CALL.match(line) for line in _changed_texts(sides, set(added), set())):
        return set(), set()
    calls: dict[str, str] = {}
    for symbol in table.symbols.values():
        if _GETTER.match(symbol.name) is None and _hands_on_an_import(table, symbol):
            returned = (_RETURNS_A_CALL.match(line) for line in table.lines[symbol.start - 1:symbol.end])
            calls.update((symbol.name, match[1]) for match in returned if match)
    if not calls:
        return set(), set()
    pairs = [(n, m) for run in _line_for_line(sides) for n, m in run
             if _with_names_replaced(sides.new_text_lines[m - 1], calls) == sides.old_text_lines[n - 1]]
    return {m for _, m in pairs}, {n for n, _ in pairs}


def _imports_fetched_by_getters(sides: ParsedSides, new_lines: set[int],
                                imports: list[ImportChange]) -> set[int]:
    """The lines the change added that bind a name it no longer imports from what a function
    named for getting it returns, the function imported or defined here (`check_scoring =
    _get_check_scoring()` in place of `from sklearn.metrics.scorer import check_scoring`, as
    the getter tries where the name lives in each release): the name is loaded otherwise."""
    assert sides.new is not None
    dropped = _unimported_names(imports)
    if not dropped:
        return set()
    reachable = sides.new.imported_names | set(sides.new.symbols)
    fetched = set()
    for n in new_lines:
        match = _BINDS_FROM_A_CALL.match(sides.new_text_lines[n - 1])
        if match and match[1] in dropped and match[2] in reachable \
                and match[2].lstrip("_") in {f"{verb}_{match[1]}" for verb in _GETTING_VERBS}:
            fetched.add(n)
    return fetched


# `check_scoring = _get_check_scoring()`: a name bound from what a call of a plain name, given
# nothing, returns.
_BINDS_FROM_A_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*([A-Za-z_]\w*)\(\)\s*(#.*)?$")
_GETTING_VERBS = ("get", "load", "import")


def _hands_on_an_import(table: ModuleSymbols, symbol: Symbol) -> bool:
    """A getter that only imports a name and returns it (`def get_domain(): from ... import
    __domain__; return __domain__`), or a function that only imports a function and returns
    what calling it returns (`def _run_api(): from .api.app import run_api; return run_api()`):
    the name is loaded when asked for, not at import."""
    if symbol.kind != "function" or not _holds_imports(table, symbol):
        return False
    returns = _RETURNS_A_CALL if _GETTER.match(symbol.name) is None else _RETURNS_A_NAME
    body = [n for n in range(symbol.start, symbol.end + 1) if n not in table.docstring_lines][1:]
    return bool(body) and all(
        n in table.import_lines or returns.match(table.lines[n - 1]) or not table.lines[n - 1].strip()
        for n in body)


def _holds_imports(table: ModuleSymbols, symbol: Symbol) -> bool:
    return any(symbol.start <= n <= symbol.end for n in table.import_lines)


# A function of the project's own that loads its native libraries: `load_library()`,
# `_load_cuda_libs()`.
_LOADS_LIBRARIES = re.compile(r"^_?load_(\w+_)?(lib|libs|library|libraries)$")
# What loads a native library: `torch.ops.load_library(...)`, `ctypes.CDLL(...)`,
# `ctypes.cdll.LoadLibrary(...)`.
_LIBRARY_LOADERS = frozenset({"load_library", "CDLL", "LoadLibrary", "WinDLL"})


def _finding_what_is_loaded(body: list[ast.stmt], loading: list[ast.stmt]) -> list[ast.stmt]:
    """The module-level statements that bind the names a library loader is handed, and the
    asserts that only check them (`so_files = list(Path(__file__).parent.glob("_C*.so"))`,
    `assert len(so_files) == 1`, then `torch.ops.load_library(so_files[0])`): finding the file
    to load is part of loading it."""
    handed = {name for statement in loading for name in referenced_names(statement)}
    return [statement for statement in body
            if (isinstance(statement, ast.Assign) and all(isinstance(target, ast.Name) and target.id in handed
                                                          for target in statement.targets))
            or (isinstance(statement, ast.Assert) and referenced_names(statement.test) & handed)]


def _only_loads_libraries(node: ast.stmt) -> bool:
    """A module-level statement that loads native libraries and does nothing else: the call, or
    blocks of such calls and imports choosing between them (`try: torch.ops.load_library(...)`
    / `except Exception: if torch.version.hip: torch.ops.load_library(..._hip)`)."""
    leaves = [child for child in ast.walk(node) if isinstance(child, ast.stmt)
              and not isinstance(child, ast.If | ast.Try | ast.TryStar)]
    return any(_loads_library(leaf) for leaf in leaves) and all(
        _loads_library(leaf) or isinstance(leaf, ast.Import | ast.ImportFrom | ast.Pass) for leaf in leaves)


def _loads_library(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
        and short_name(dotted_path(statement.value.func)) in _LIBRARY_LOADERS


def _lazy_module_lines(body: list[ast.stmt]) -> set[int]:
    """The lines of a package that loads its submodules when first asked for, as transformers'
    `_LazyModule` does: the statements outside functions that fill the table of what each
    submodule exports (`_import_structure = {"modeling": [...]}`, `_import_structure["utils"].
    append(...)`) or put the lazy module in the package's place (`sys.modules[__name__] =
    _LazyModule(__name__, ..., _import_structure)`), and the `if TYPE_CHECKING:` that imports
    for the type checker what the lazy module serves otherwise."""
    lines: set[int] = set()
    for statement in body:
        if isinstance(statement, ast.If) and dotted_path(statement.test).endswith("TYPE_CHECKING"):
            lines.update(node_lines(statement))
        elif isinstance(statement, ast.If | ast.Try | ast.With):
            for block in ("body", "orelse", "finalbody"):
                lines |= _lazy_module_lines(getattr(statement, block, []))
            for handler in getattr(statement, "handlers", []):
                lines |= _lazy_module_lines(handler.body)
        elif isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr) \
                and any(_LAZY_TABLE.search(dotted_path(node)) for node in ast.walk(statement)
                        if isinstance(node, ast.Name | ast.Attribute)):
            lines.update(node_lines(statement))
    return lines


def _block_end(lines: list[str], number: int, indent: int) -> int:
    """The number of the last line of the block that line `number` opens at `indent`: the
    lines after it that are blank or indented deeper."""
    end = number
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return end


def _only_import_lines_changed(sides: ParsedSides) -> bool:
    """Every changed code line, on both sides, is an import's (`from distutils.core import
    Extension` became `from setuptools import Extension`)."""
    if sides.old is None or sides.new is None:
        return False
    return bool(sides.added_code_lines or sides.removed_code_lines) \
        and sides.added_code_lines <= sides.new.import_lines \
        and sides.removed_code_lines <= sides.old.import_lines


def _is_code_for_checking(sides: ParsedSides) -> bool:
    """A module in a folder of test fixtures that defines no function or class and uses no
    pytest: code the tests hand the product to read (`tests/fixtures/vision/checker/to_tensor.py`,
    what a linter's tests lint), whose imports are cases, not what it needs to run."""
    folders = set(PurePosixPath(sides.diff.path).parts[:-1])
    return bool(folders & _FIXTURE_FOLDERS) and sides.diff.new_text is not None \
        and not _DEFINES_OR_USES_PYTEST.search(sides.diff.new_text)


_FIXTURE_FOLDERS = frozenset({"fixtures", "testdata", "test_data"})
_DEFINES_OR_USES_PYTEST = re.compile(r"^\s*(?:(?:async\s+)?def|class)\s|^\s*(?:import|from)\s+pytest\b", re.M)


def _only_imports_added(sides: ParsedSides, category: Category) -> bool:
    """An added module holding nothing but imports, a docstring and the list of what it
    exports (`__all__ = []`): an `__init__.py` makes a folder an importable package, or says
    what the package re-exports; a module of the product re-exports what it imports (`try: from
    pydantic.v1 import *`, a module to import pydantic's v1 API from whichever pydantic is there),
    perhaps warning that it is the old place to import them from (`warnings.warn('Registries
    have been moved to mmpose.models.builder', DeprecationWarning)`)."""
    new = sides.new
    if sides.diff.status != "added" or new is None or not new.parses \
            or not (sides.diff.path.endswith("__init__.py") or (category == "source" and new.import_lines)):
        return False
    code = code_lines(sides.new_text_lines, range(1, len(sides.new_text_lines) + 1), new)
    rest = code - new.import_lines - new.docstring_lines - new.export_lines
    return not rest or (bool(new.import_lines) and not rest - _warning_lines(new))


def _warning_lines(table: ModuleSymbols) -> set[int]:
    """The lines of the module-level statements that warn or say how warnings show
    (`warnings.simplefilter('once', DeprecationWarning)`)."""
    tree = table.tree
    return {line for statement in (tree.body if tree else []) if is_message(statement) or (
                isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
                and dotted_path(statement.value.func).startswith("warnings."))
            for line in node_lines(statement)}


def _is_schema_migration(table: ModuleSymbols) -> bool:
    """A database migration: Alembic's (`upgrade` and `downgrade` after `down_revision = ...`) or
    Django's (`class Migration(migrations.Migration)`)."""
    symbols = table.symbols
    if "upgrade" in symbols and "downgrade" in symbols:
        return bool(_DOWN_REVISION.search(table.text))
    return "Migration" in symbols and "migrations.Migration" in symbols["Migration"].signature


def _declares_other_requirements(sides: ParsedSides) -> bool:
    """A build script (setup.py) whose declared requirements changed, also ones it builds in
    helper functions (`return ["torch==2.6.0", "triton-ascend==3.2.0"]`). A change only to the
    values of its module-level settings (`VERSION = ...`) or to the versions it checks is
    configuration as code is judged."""
    diff = sides.diff
    if is_manifest(diff.path) and _specifiers(diff.path, diff.old_text) != _specifiers(
            diff.path, diff.new_text):
        return True
    return sides.old is not None and sides.new is not None and sides.old.parses and sides.new.parses \
        and (_requirements(sides.old) != _requirements(sides.new)
             or _requirements_passed(sides.old) != _requirements_passed(sides.new))


def _requirements_passed(table: ModuleSymbols) -> dict[str, str]:
    """What a `setup(...)` call is given as its requirements, by keyword: where it computes
    them (`install_requires=read_requirements()`), and the packages it lists, versions or none
    (`setup_requires=['pkgconfig']`)."""
    assert table.tree is not None
    return {str(keyword.arg): ast.dump(keyword.value) for node in ast.walk(table.tree)
            if isinstance(node, ast.Call) and short_name(dotted_path(node.func)) == "setup"
            for keyword in node.keywords if keyword.arg in _REQUIREMENT_KEYWORDS}


def _sets_package_metadata(sides: ParsedSides) -> bool:
    """Every changed line of a build script is in what its `setup(...)` call declares of the
    release: its version, the Python it needs, its classifiers or licence (`version='1.0.4'`,
    `'Development Status :: 4 - Beta'`), who makes it and where it lives (`author_email=...`,
    `url=...`), not how it builds or what it packages."""
    return _only_keywords_changed(sides, _RELEASE_METADATA, "setup")


# What a build script's `setup(...)` is told of its release's page: the text PyPI shows.
_PAGE_METADATA = frozenset({"long_description", "long_description_content_type"})


def _binds_package_metadata(sides: ParsedSides) -> bool:
    """Every statement the change touched in a build script is at module level and binds
    names its `setup(...)` call is given as metadata of the release (`LONG_DESCRIPTION =
    DESCRIPTION` in place of a `try` that read the README, passed as
    `long_description=LONG_DESCRIPTION`), or helps bind them: names and functions that
    nothing else reads, imports among them, and calls given them (`VERSION =
    get_version("qlib/__init__.py")` with the `get_version` it defines, in place of copying
    and reading `VERSION.txt`, or `exec(open("pyod/version.py").read())` in place of `from pyod
    import __version__`): what the package's page says, not how it builds. The `setup(...)`
    call may change too where only in what it is given as metadata (`author=AUTHOR` became
    `author="Edwin Ng, Zhishi Wang"`, the `AUTHOR` it read removed)."""
    if sides.old is None or sides.new is None or not sides.old.parses or not sides.new.parses:
        return False
    given = _names_given_to_setup(sides.new) | _names_given_to_setup(sides.old)
    describing = _RELEASE_METADATA | _PAGE_METADATA
    metadata = {name for keyword, name in given if keyword in describing} \
        - {name for keyword, name in given if keyword not in describing}
    if not metadata:
        return False
    binds_metadata = False
    for table, lines in ((sides.new, sides.added_code_lines), (sides.old, sides.removed_code_lines)):
        statements = touched_statements(table, lines) if lines else []
        if statements is None or any(statement.col_offset for statement in statements):
            return False
        described, _ = _keyword_values(table, lines, describing, "setup")
        statements = [statement for statement in statements
                      if not (_calls_setup(statement)
                              and {n for n in lines if n in node_lines(statement)} <= described)]
        assert table.tree is not None
        bound = [_names_defined(statement) or _names_executed(statement, table.tree.body)
                 for statement in statements]
        helpers = set().union(*bound) - metadata
        binds_metadata |= any(names & metadata for names in bound)
        touched = {statement.lineno for statement in statements}
        if helpers & {name for statement in table.tree.body if statement.lineno not in touched
                      for name in referenced_names(statement)}:
            return False
        if not all(names or (referenced_names(statement) & helpers
                             and referenced_names(statement) <= helpers | table.imported_names)
                   for statement, names in zip(statements, bound, strict=True)):
            return False
    return binds_metadata


def _binds_own_version(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                       names: re.Pattern[str] = _VERSION_NAME_ONLY) -> bool:
    """Each statement the change touched, at module level, binds the module's own version (or
    what else `names` match: the `release` a Sphinx `conf.py` reports), reading it from elsewhere
    than a literal on one side at least (`__version__ = version_file.read().strip()` in a `with
    open(...)` of `.VERSION`; `__version__ = version("xskillscore")` or `version =
    xskillscore.__version__` where it was written out), or binds names only those
    statements read, directly or through one another (`_base_dir`, the folder the version file
    is in), or only says or imports something (`print(pkg.__version__)`, `__import__(project)`):
    where the version comes from, not what the code does. Not a version written out on both
    sides, nor one an import gives, which other rules judge."""
    if not _mentions_a_version(sides, new_lines, old_lines):
        return False
    computed = False
    for table, statements in _touched_code_by_side(sides, new_lines, old_lines):
        if not statements or table.tree is None or any(statement.col_offset for statement in statements):
            return False
        versions = [statement for statement in statements if isinstance(statement, _BINDING_STATEMENTS)
                    and any(names.match(name) for name in _names_assigned(statement))
                    and _only_binds(statement, names)]
        if not versions:
            return False
        computed |= any(_reads_version_elsewhere(statement) for statement in versions)
        elsewhere = set().union(*(referenced_names(statement) for statement in table.tree.body
                                  if statement not in statements))
        if not _only_serve(versions, [s for s in statements if s not in versions], elsewhere):
            return False
    return computed


def _mentions_a_version(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Some changed line, on each side that has any, names a version (`__version__`, `release`):
    the text a version's own statements would hold, checked before their trees are read."""
    return all(any(_NAMES_A_VERSION.search(text[n - 1]) for n in lines)
               for text, lines in ((sides.new_text_lines, new_lines), (sides.old_text_lines, old_lines))
               if lines)


# A name a module or a Sphinx `conf.py` binds its own version to.
_NAMES_A_VERSION = re.compile(r"\b_*(version|VERSION)\w*|\brelease\b")


def _only_binds(statement: ast.stmt, names: re.Pattern[str], importing: bool = False) -> bool:
    """The statement, in its blocks too, only binds names `names` matches or passes, and says
    something or, `importing`, imports instead: no other work."""
    return all(isinstance(node, ast.Pass)
               or (isinstance(node, ast.Import | ast.ImportFrom) if importing else is_message(node))
               or (isinstance(node, ast.Assign | ast.AnnAssign)
                   and all(names.match(name) for name in _variables_bound(node)))
               for node in ast.walk(statement)
               if isinstance(node, ast.stmt) and not isinstance(node, ast.Try | ast.If | ast.With))


def _imports_a_module(statement: ast.stmt) -> bool:
    """`__import__(project)`, `importlib.import_module(name)`: a module imported by a call
    whatever names it."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
        and short_name(dotted_path(statement.value.func)) in ("__import__", "import_module")


def _only_serve(served: Sequence[ast.stmt], others: list[ast.stmt], elsewhere: set[str]) -> bool:
    """Each of the other statements says something, imports by a call, or binds names only the
    served statements read, or those bound so, and nothing `elsewhere` reads."""
    read = set().union(*map(referenced_names, served))
    waiting = [statement for statement in others if not is_message(statement)
               and not imports_by_call(statement) and not _imports_a_module(statement)]
    while waiting:
        helpers = [statement for statement in waiting
                   if (bound := _names_assigned(statement)) and bound <= read - elsewhere]
        if not helpers:
            return False
        read |= set().union(*map(referenced_names, helpers))
        waiting = [statement for statement in waiting if statement not in helpers]
    return True


def _dependency_loaded_lazily(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The module stops importing a dependency when it loads and building what it keeps from it
    (`lang_emb_model = CLIPTextModelWithProjection.from_pretrained(...)`): those names start as
    None, a function imports the dependency and builds them on first use (`if lang_emb_model is
    None: from transformers import ...`), and each other changed line is in that function or
    calls it. What the module loads, and when, changed; not what it computes."""
    assert sides.old is not None and sides.new is not None
    # the trees are read again only where an import left the top of the module for a block
    if not new_lines or not any(_TOP_LEVEL_IMPORT.match(sides.old_text_lines[n - 1]) for n in old_lines) \
            or not any(_NESTED_IMPORT.match(sides.new_text_lines[n - 1]) for n in new_lines):
        return False
    old_tree, new_tree = sides.old.tree, sides.new.tree
    if old_tree is None or new_tree is None:
        return False
    if not (dropped := _top_level_imports(old_tree) - _top_level_imports(new_tree)):
        return False
    kept = {name for statement in old_tree.body if isinstance(statement, ast.Assign)
            and _reads_any(statement.value, dropped) for name in assigned_names(statement)}
    unset = [statement for statement in new_tree.body if isinstance(statement, ast.Assign)
             and is_none(statement.value)]
    if not kept or not kept <= {name for statement in unset for name in assigned_names(statement)}:
        return False
    loaders = [node for node in new_tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
               and _names_imported(ast.walk(node)) & dropped and _sets_globals(node) & kept]
    if not loaders:
        return False
    names = {loader.name for loader in loaders}
    inside = {n for node in (*loaders, *unset) for n in node_lines(node)}
    calling = re.compile(rf"\b{one_of(names)}\(")
    return all(n in inside or calling.search(sides.new_text_lines[n - 1]) for n in new_lines)


_TOP_LEVEL_IMPORT = re.compile(r"(import|from)\s")
_NESTED_IMPORT = re.compile(r"\s+(import|from)\s")


def _top_level_imports(tree: ast.Module) -> set[str]:
    """The names the module's top-level import statements bind."""
    return _names_imported(tree.body)


def _names_imported(nodes: Iterable[ast.AST]) -> set[str]:
    return {(alias.asname or alias.name).split(".")[0] for node in nodes
            if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}


def _reads_any(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(inner, ast.Name) and inner.id in names for inner in ast.walk(node))


def _sets_globals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The module names a function declares `global` and binds."""
    declared = {name for node in ast.walk(function) if isinstance(node, ast.Global) for name in node.names}
    bound = {name.id for node in ast.walk(function) if isinstance(node, ast.Assign)
             for target in node.targets for name in ast.walk(target) if isinstance(name, ast.Name)}
    return declared & bound


def _only_import_flags_set(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line sets a flag that says whether an import block's import worked
    (`HAS_FLASH_V3 = True` put after `from flash_attn_interface import ...` in its `try`): what
    the module knows it could load."""
    assert sides.old is not None and sides.new is not None
    return bool(new_lines | old_lines) \
        and _each_sets_a_flag(sides.new_text_lines, new_lines, sides.new.import_flags) \
        and _each_sets_a_flag(sides.old_text_lines, old_lines, sides.old.import_flags)


def _each_sets_a_flag(text: list[str], lines: set[int], flags: frozenset[str]) -> bool:
    return all((match := _FLAG_SET.match(text[n - 1])) is not None and match[1] in flags for n in lines)


_FLAG_SET = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(True|False)\s*(#.*)?$")


def _version_source_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each side reads the module's own version from elsewhere than a literal, and every statement
    the change touched binds it or imports what those statements read (`from ._version import
    __version__` became `__version__ = version("mne")` in a `try` that imports `version` from
    `importlib.metadata`, `"0.0.0"` where that fails): where the version comes from is wiring."""
    assert sides.old is not None and sides.new is not None
    if not _mentions_a_version(sides, new_lines, old_lines):
        return False
    for table, lines in ((sides.new, new_lines), (sides.old, old_lines)):
        statements = touched_statements(table, lines) if lines else None
        if not statements or any(statement.col_offset for statement in statements):
            return False
        versions = [statement for statement in statements if _binds_own_version_name(statement)]
        read = set().union(*map(referenced_names, versions))
        if not any(_reads_version_elsewhere(statement) for statement in versions) \
                or not all(statement in versions or (isinstance(statement, ast.Import | ast.ImportFrom)
                                                     and _names_defined(statement) <= read)
                           for statement in statements):
            return False
    return True


def _binds_own_version_name(statement: ast.stmt) -> bool:
    """The statement binds the module's own version and does nothing else: it imports, assigns
    the version, or holds only statements that do (a `try` with its fallback)."""
    bound = _names_defined(statement) | _names_assigned(statement)
    return any(_VERSION_NAME_ONLY.match(name) for name in bound) \
        and _only_binds(statement, _VERSION_NAME_ONLY, importing=True)


def _reads_version_elsewhere(statement: ast.stmt) -> bool:
    """The statement imports the version, or binds it first to what a call or a name gives."""
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return True
    first = next((node for node in ast.walk(statement)
                  if isinstance(node, ast.Assign | ast.Import | ast.ImportFrom)), None)
    return first is not None and not (isinstance(first, ast.Assign) and _is_literal(first.value))


def _is_literal(value: ast.expr) -> bool:
    """A value written out: a constant, or a tuple, list or dict of them (`(0, 11, "0rc1")`)."""
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return False
    return True


# Statements that bind names at module level, in their blocks too, but define nothing.
_BINDING_STATEMENTS = (ast.Assign, ast.AnnAssign, ast.Try, ast.With, ast.If)


def _names_defined(statement: ast.stmt) -> set[str]:
    """The names a module-level statement binds: by assignment, `def`, `class` or import."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".", 1)[0] for alias in statement.names}
    return _names_assigned(statement)


def _names_executed(statement: ast.stmt, body: list[ast.stmt]) -> set[str]:
    """The names the module's one `exec(...)` binds: those the module reads but binds nowhere,
    imports nor finds among the builtins (`exec(open("pyod/version.py").read())`, then
    `version=__version__`). Of two, neither is known to bind them."""
    if not _executes(statement) or sum(map(_executes, body)) > 1:
        return set()
    nodes = [node for statement in body for node in ast.walk(statement)]
    bound = set().union(*map(_names_defined, body)) \
        | {node.id for node in nodes if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)} \
        | {node.arg for node in nodes if isinstance(node, ast.arg)}
    read = {node.id for node in nodes if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return read - bound - BUILTIN_NAMES - _MODULE_ATTRIBUTES


def _executes(statement: ast.stmt) -> bool:
    """A statement that runs code from text: `exec(...)`."""
    return isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
        and isinstance(call.func, ast.Name) and call.func.id == "exec"


# What every module has bound: `__file__`, `__name__`.
_MODULE_ATTRIBUTES = frozenset({"__file__", "__name__", "__doc__", "__spec__", "__loader__", "__package__",
                                "__builtins__", "__path__", "__cached__"})


def _calls_setup(statement: ast.stmt) -> bool:
    """A statement that is a `setup(...)` call: `setup(name="pkg", ...)`."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
        and short_name(dotted_path(statement.value.func)) == "setup"


def _names_given_to_setup(table: ModuleSymbols) -> set[tuple[str | None, str]]:
    """The keywords of a `setup(...)` call given a name, with that name."""
    assert table.tree is not None
    return {(keyword.arg, keyword.value.id) for node in ast.walk(table.tree)
            if isinstance(node, ast.Call) and short_name(dotted_path(node.func)) == "setup"
            for keyword in node.keywords if isinstance(keyword.value, ast.Name)}


def _names_assigned(statement: ast.stmt) -> set[str]:
    """The plain names the assignments in the statement bind, in its blocks too."""
    return {name for node in ast.walk(statement) if isinstance(node, ast.stmt)
            for name in _variables_bound(node)}


def _links_other_libraries(sides: ParsedSides) -> bool:
    """Every changed line of a build script is in the libraries the extensions it builds link
    against (`libraries=["hipblaslt"]` became `libraries=["hipblaslt", "hipblas"]`): the
    native dependencies of the build, as its requirements are the Python ones."""
    return _only_keywords_changed(sides, frozenset({"libraries"}))


# What an extension is compiled and linked with, given to `setuptools.Extension`,
# `CUDAExtension` or `torch.utils.cpp_extension.load`.
_EXTENSION_FLAGS = frozenset({"extra_compile_args", "extra_link_args", "define_macros", "undef_macros",
                              "extra_cflags", "extra_cuda_cflags", "extra_ldflags"})


def _sets_extension_flags(sides: ParsedSides) -> bool:
    """The build script is the same but for the flags its extensions are compiled or linked
    with (`extra_compile_args={'nvcc': ['-O2', '-arch=sm_86']}` given to a `CUDAExtension`): a
    setting of the build, not one of its steps."""
    return _same_but_left_out(sides, _FlagsLeftOut)


def _passes_other_build_options(sides: ParsedSides) -> bool:
    """The build script is the same but for the options written out in the command lines it
    runs (`'--cmake_extra_defines', 'onnxruntime_ENABLE_EAGER_MODE=ON'` became
    `'--build_eager_mode'` in the arguments handed to a build): what the build is told, not
    what it does."""
    return _same_but_left_out(sides, _OptionsLeftOut)


def _same_but_left_out(sides: ParsedSides, leave_out: type[ast.NodeTransformer]) -> bool:
    """The two trees differ, and are the same once `leave_out` has taken what it takes out of
    each (a script only laid out anew differs in nothing)."""
    if sides.old is None or sides.new is None or not sides.old.parses or not sides.new.parses:
        return False
    trees = (sides.old.tree, sides.new.tree)
    if ast.dump(trees[0]) == ast.dump(trees[1]):
        return False
    old, new = (ast.dump(leave_out().visit(copy_tree(tree))) for tree in trees)
    return old == new


class _OptionsLeftOut(ast.NodeTransformer):
    """Takes the texts out of each list or tuple that holds a command-line option (`'--build'`,
    `f"--threads={nvcc_threads}"`), and the names bound to what the environment says (`nvcc_threads
    = os.getenv("NVCC_THREADS") or "4"`): options the build is told."""

    def visit_List(self, node: ast.List) -> ast.AST:
        return self._without_texts(node)

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        return self._without_texts(node)

    def visit_Assign(self, node: ast.Assign) -> ast.AST | None:
        return None if _reads_environment(node.value) else self.generic_visit(node)

    def _without_texts(self, node: ast.List | ast.Tuple) -> ast.AST:
        self.generic_visit(node)
        if any(_is_text_option(element) for element in node.elts):
            node.elts = [element for element in node.elts
                         if not (isinstance(element, ast.Constant) and isinstance(element.value, str))
                         and not _is_text_option(element)]
        return node


def _is_text_option(node: ast.expr) -> bool:
    """`'--build'`, or an option written with its value (`f"--threads={nvcc_threads}"`)."""
    if isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("-")


def _reads_environment(value: ast.expr) -> bool:
    """`os.getenv("X")`, `os.environ.get("X", "4")`, `os.environ["X"]`, or one of them `or` a
    constant."""
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) \
            and all(isinstance(other, ast.Constant) for other in value.values[1:]):
        value = value.values[0]
    if isinstance(value, ast.Subscript):
        return dotted_path(value.value) == "os.environ"
    return isinstance(value, ast.Call) and dotted_path(value.func) in ("os.getenv", "os.environ.get")


# What a build script collects the flags its extensions are compiled with in: `CXX_FLAGS`,
# `NVCC_FLAGS`, `extra_compile_args`, `cc_flag`, `define_macros`.
_FLAG_LIST = re.compile(r"(?i)(flags?|args|macros)$")


def _chooses_build_flags(sides: ParsedSides) -> bool:
    """The build script only adds statements that choose what it compiles with: names bound to
    constants (`SAGE2PP_ENABLED = True`), flags appended to its lists of them (`CXX_FLAGS +=
    ["-DSAGE2PP_ENABLED"]`, `nvcc_flags.append("-DNO_ATOMIC")`), warnings, and `if`s that test a
    version, an architecture, the environment or such a name and only do the same (`if
    nvcc_cuda_version < Version("12.8"): SAGE2PP_ENABLED = False`); what it removes are only
    statements such an `if` now holds (a flag once always appended, now asked for) or that
    chose flags the same way (`extra_compile_args.append('-std=c++11')` now appends `c++14`)."""
    if sides.old is None or sides.new is None or not sides.added_code_lines:
        return False
    added = _whole_statements(sides.new, sides.added_code_lines)
    removed = _whole_statements(sides.old, sides.removed_code_lines)
    if added is None or removed is None or not all(_sets_a_build_flag(statement) for statement in added):
        return False
    held = {ast.dump(inner) for statement in added for inner in ast.walk(statement)
            if isinstance(inner, ast.stmt)}
    return all(ast.dump(statement) in held or _sets_a_build_flag(statement) for statement in removed) \
        and not all(is_message(statement) for statement in added)


def _whole_statements(side: ModuleSymbols, lines: set[int]) -> list[ast.stmt] | None:
    """The outermost statements made only of these lines, or None where some line is part of a
    statement that holds others too."""
    if not lines:
        return []
    tree = side.tree_holding(lines)
    covered: set[int] = set()
    statements: list[ast.stmt] = []
    for statement in every_statement(tree.body if tree is not None else []):
        spanned = set(node_lines(statement))
        if spanned <= lines and not spanned <= covered:
            statements.append(statement)
            covered |= spanned
    return statements if lines <= covered else None


def _sets_a_build_flag(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Assign):
        return all(isinstance(target, ast.Name) for target in statement.targets) \
            and isinstance(statement.value, ast.Constant)
    if isinstance(statement, ast.AugAssign):
        return _names_flag_list(statement.target) \
            and isinstance(statement.value, ast.List | ast.Tuple) and _are_flags(statement.value.elts)
    if isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
            and isinstance(call.func, ast.Attribute) and call.func.attr == "append" \
            and _names_flag_list(call.func.value):
        return _are_flags(call.args)
    if isinstance(statement, ast.If):
        return all(isinstance(node, ast.expr_context | ast.cmpop | ast.boolop | ast.unaryop | ast.Name
                              | ast.Attribute | ast.Constant | ast.Compare | ast.BoolOp | ast.UnaryOp
                              | ast.Call)
                   for node in ast.walk(statement.test)) \
            and all(_sets_a_build_flag(inner) for inner in (*statement.body, *statement.orelse))
    return is_message(statement)


def _names_flag_list(node: ast.expr) -> bool:
    """A list of flags added to: `nvcc_flags`, a settings dict's entry for them (`settings[
    'define_macros']`), or a dict of them's entry for a compiler (`extra_compile_args['cxx']`)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, str):
        return bool(_FLAG_LIST.search(node.slice.value)) or _names_flag_list(node.value)
    return isinstance(node, ast.Name) and bool(_FLAG_LIST.search(node.id))


def _are_flags(values: list[ast.expr]) -> bool:
    """Texts, or pairs of them (a macro and its value: `('__HIP_PLATFORM_AMD__', '1')`)."""
    return all(isinstance(value, ast.Constant | ast.JoinedStr)
               or (isinstance(value, ast.Tuple) and _are_flags(value.elts)) for value in values)


class _FlagsLeftOut(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.AST:
        node.keywords = [keyword for keyword in node.keywords if keyword.arg not in _EXTENSION_FLAGS]
        return self.generic_visit(node)


def _only_keywords_changed(sides: ParsedSides, names: frozenset[str], callee: str | None = None) -> bool:
    """Every changed line is in the values of keyword arguments of those names (given to a
    function of the name `callee`, or to any), and what they say differs: a layout of the same
    values says nothing anew."""
    if sides.old is None or sides.new is None or not sides.old.parses or not sides.new.parses:
        return False
    new_lines, old_lines = sides.added_code_lines, sides.removed_code_lines
    new_spans, given = _keyword_values(sides.new, new_lines, names, callee)
    old_spans, given_before = _keyword_values(sides.old, old_lines, names, callee)
    return bool(new_lines or old_lines) and new_lines <= new_spans and old_lines <= old_spans \
        and given != given_before


def _keyword_values(table: ModuleSymbols, lines: set[int], names: frozenset[str],
                    callee: str | None) -> tuple[set[int], dict[str, str]]:
    """The lines of the values of the keyword arguments of those names among the statements
    holding `lines`, and the values."""
    tree = table.tree_holding(lines)
    assert tree is not None
    keywords = [keyword for node in ast.walk(tree)
                if isinstance(node, ast.Call) and callee in (None, short_name(dotted_path(node.func)))
                for keyword in node.keywords if keyword.arg in names]
    spans = {line for keyword in keywords for line in node_lines(keyword.value)}
    return spans, {str(keyword.arg): ast.dump(keyword.value) for keyword in keywords}


def _requirements(table: ModuleSymbols) -> set[frozenset[str]]:
    return requirement_groups(table.tree)


def _specifiers(path: str, text: str | None) -> dict[tuple[str, str | None], str]:
    return {key: dependency.specifier for key, dependency in declared_pins(path, text).items()}


def _members_taken_out(sides: ParsedSides, symbols: list[SymbolChange]) -> bool:
    """A public member of a public class that stays is removed (`MiniGridEnv.Actions`, its
    enum now imported from `minigrid.core.actions`): what reached it through the class no
    longer can, wherever the code now reaches it from."""
    assert sides.new is not None
    return any(change.status == "removed" and "." in change.qualname and is_public(change.qualname)
               and (owner := sides.new.symbols.get(change.qualname.rsplit(".", 1)[0])) is not None
               and owner.kind == "class" and is_public(owner.qualname)
               for change in symbols)


def _only_repoints_uses(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                        imports: list[ImportChange], moved_away: frozenset[str] = frozenset()) -> bool:
    """Imports changed, and every other changed statement (what a `try` the change wrote does
    where its import fails aside) names a name those imports bind, or a function an import
    moved into, where each statement it replaced did, or reached into an imported module in a
    way the new statements no longer do:
    the code now reaches the same things through the new imports (`FusedMoE.make_mapping(...)`
    became `make_mapping(...)` once `make_mapping` is imported; `xm.xrt_world_size()` became
    `xr.world_size()` once `torch_xla.runtime as xr` is; `registry["ipc"] = lambda: Engine`
    became `registry["ipc"] = _load_engine`; a `@pytest.mark.skipif(` over several lines tests
    a name that is imported under a guard). Names the standard library binds count only for
    code that works the import system (`sys.path.insert(0, root)`)."""
    assert sides.old is not None and sides.new is not None
    old_code = old_lines - sides.old.import_lines - sides.old.fallbacks_written(old_lines) \
        - _import_branches_opened(sides.old, old_lines)
    new_code = new_lines - sides.new.import_lines - sides.new.fallbacks_written(new_lines) \
        - _import_branches_opened(sides.new, new_lines)
    wires = any(_IMPORT_SYSTEM.search(sides.new_text_lines[n - 1]) for n in new_code)
    names = {name for change in imports if wires or _is_dependency(change.module)
             for name in change.names} - _bound_alike(imports) | _loaders(sides, imports)
    if not names:
        return False
    copies = _copies_of_imports(sides, imports)
    names |= sides.new.import_flags | {copy.qualname for copy in copies}
    naming = re.compile(rf"\b_*{one_of(names)}\b")
    imported = {name for change in imports if change.status != "removed" for name in change.names}
    # what moved out with the definitions the file now imports back (a helper of theirs) went too
    given_up = imported | {name.lstrip("_") for name in moved_away} if moved_away & imported else imported
    old_code -= _copies_given_up(sides, old_lines, given_up)
    new_code -= _copies_written(sides, copies)
    if not old_code and new_code and _each_statement(sides.new_text_lines, new_code, _compares_versions):
        return False  # what the imports bring in checks a version the change now tests
    # a decorator that marks deprecated tells the callers to move away (`@deprecated_class(...)`);
    # one removed takes away what it still took from them (`@renamed_kwarg_warning(...)`)
    if any((decorator := _DECORATOR_LINE.match(text_lines[n - 1])) and _marks_deprecated([decorator[1]])
           for text_lines, code in ((sides.new_text_lines, new_code), (sides.old_text_lines, old_code))
           for n in code):
        return False
    if not old_code and _defines_anew(sides, new_code - _loading_lines(sides.new), names):
        return False  # a function written on top of what is imported is code of its own
    if not old_code and _only_says(sides.new, new_code):
        return False  # a warning given anew with what gives it (`warn_deprecated(...)`) is behaviour
    if _test_setup_dropped(sides, new_lines, old_lines, imports):
        return False
    # A function that imports what it calls where it calls it does something new, as does one
    # calling anew what the change imports from the project's own package (calls made on import,
    # `fix_torch_check_is_size()` in `__init__.py`, set up the modules imported after them).
    in_functions = {n for n in new_code if sides.new.owner(n)}
    own = _imported_from_own_package(sides, imports)
    brought = {name for change in imports if change.status == "added" for name in change.names}
    if not old_code and (_calls_anew(sides.new_text_lines, new_code, _imported_in_functions(imports))
                         or _calls_anew(sides.new_text_lines, in_functions, own)
                         or _computes_with(sides.new_text_lines, in_functions,
                                           (own - sides.old.imported_names)
                                           | _imported_in_functions(imports))
                         or _binds_from(sides.new_text_lines, in_functions,
                                        brought - sides.old.imported_names)):
        return False
    # A decorator put on what was there (`@record` on `main`) changes what it does; on a test,
    # one the change imports marks it (`@fx.mark.skip(...)`).
    if not old_code and new_code and category_of_path(sides.diff.path) != "test" and _each_statement(
            sides.new_text_lines, new_code,
            lambda line: (decorator := _DECORATOR_LINE.match(line)) is not None and decorator[1] in brought):
        return False
    used_anew = {name for change in imports
                 if change.status == "added" and "TYPE_CHECKING" not in change.context
                 for name in change.names} - sides.old.imported_names
    if old_code and _uses_added_beside_kept(sides, old_code, new_code, naming, used_anew):
        return False
    dropped = {name for change in imports if change.status == "removed" for name in change.names} - imported
    if old_code and new_code and _calls_given_other_arguments(sides, old_code, new_code, dropped, used_anew):
        return False
    replaced = _imported_references_replaced(sides, old_code, new_code) - _environment_reads_given_up(
        sides, old_code, new_code) if new_code else set()

    def reaches_the_old_way(line: str) -> bool:
        return bool(naming.search(line) or replaced & set(DOTTED_REFERENCE.findall(line)))

    # a module constant that held what an import now serves (`_TP_SIZE = int(os.getenv(...))`
    # given up for `envs.RBLN_TP_SIZE`): its reads were reaching it the old way too
    stand_ins = _constants_given_up(sides, old_code, reaches_the_old_way)
    reading = re.compile(rf"\b{one_of(stand_ins)}\b") if stand_ins else None
    return _each_statement(sides.new_text_lines, new_code, lambda line: bool(naming.search(line))) \
        and _each_statement(sides.old_text_lines, old_code, lambda line: reaches_the_old_way(line) or bool(
            reading and reading.search(line)))


def _only_option_declarations_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed line but the imports is in a command-line option's declaration
    (`parser.add_argument("--moe-backend", type=validate_moe_backend, ...)` losing its `type=`
    with the import of `validate_moe_backend`): how the option is read, not where a name comes
    from."""
    assert sides.old is not None and sides.new is not None
    for table, lines in ((sides.old, old_lines - sides.old.import_lines),
                         (sides.new, new_lines - sides.new.import_lines)):
        if lines and not ((statements := touched_statements(table, lines))
                          and all(declares_option(statement) for statement in statements)):
            return False
    return True


def _option_given_a_default(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A command-line option gains a default (`default=DEFAULT_PIPELINE`) or another one, it or
    its group is no longer required, or an option is declared with its default (`--pp`,
    `default=2`), and every other changed line declares options, is text (the help's examples),
    binds a module constant to a literal, or reads that constant or the option, with the names
    bound from them (`pipeline = args.pipeline or DEFAULT_PIPELINE`, passed on where
    `args.pipeline` was; `"--pp-size", str(args.pp)` in the command it runs): what the program
    runs with when the user says nothing is set, and what the user may set."""
    assert sides.old is not None and sides.new is not None
    new = touched_statements(sides.new, new_lines - sides.new.import_lines)
    old = touched_statements(sides.old, old_lines - sides.old.import_lines) if old_lines else []
    if not new or old is None:
        return False
    declared_before = {_option_flags(s): s for s in old if _declares_options(s)}
    # an option no longer declared beside one declared anew is one renamed, not one added
    renamed = any(flag and not _spells_flag(sides.new.text, flag) for flag in declared_before)
    defaulted = set()
    for statement in filter(_declares_options, new):
        flag = _option_flags(statement)
        anew = flag.startswith("-") and not renamed and not _spells_flag(sides.old.text, flag)
        if _defaulted_anew(statement, declared_before.get(flag), anew):
            defaulted.add(flag.lstrip("-").replace("-", "_"))
    if not defaulted:
        return False
    constants = {name for statement in new if isinstance(statement, ast.Assign) and statement.col_offset == 0
                 and is_literal(statement.value) for name in assigned_names(statement)}
    for table, statements, other, lines in ((sides.new, new, old, new_lines),
                                            (sides.old, old, new, old_lines)):
        callees = {dotted_path(node.func) for statement in other for node in ast.walk(statement)
                   if isinstance(node, ast.Call)}
        if not lines - table.import_lines <= _default_flow_lines(statements, constants, defaulted, callees):
            return False
    return True


def _spells_flag(text: str, flag: str) -> bool:
    return f'"{flag}"' in text or f"'{flag}'" in text


def _declared_call(statement: ast.stmt | None) -> ast.Call | None:
    """The call a statement makes, alone or bound to a name: `parser.add_argument(...)`."""
    value = statement.value if isinstance(statement, ast.Expr | ast.Assign) else None
    return value if isinstance(value, ast.Call) else None


def _declares_options(statement: ast.stmt) -> bool:
    """An option's declaration, or a group of them made (`parser.add_mutually_exclusive_group(
    required=True)`)."""
    call = _declared_call(statement)
    groups = call is not None and isinstance(call.func, ast.Attribute) and call.func.attr in _OPTION_GROUPS
    return declares_option(statement) or groups


_OPTION_GROUPS = frozenset({"add_mutually_exclusive_group", "add_argument_group"})


def _option_flags(statement: ast.stmt) -> str:
    """The first flag an option is declared with (`--pipeline`); empty for a group."""
    call = _declared_call(statement)
    flags = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)] \
        if call is not None else []
    return flags[0] if flags else ""


def _defaulted_anew(statement: ast.stmt, before: ast.stmt | None, anew: bool) -> bool:
    """The declaration gained a default or another one, or it is no longer required, and is
    otherwise declared as it was but for its help; or it declares an option the file did not
    have (`anew`) with its default (`--pp`, `default=2`) or as a switch (`action="store_true"`)."""
    def keywords(node: ast.stmt | None) -> dict[str | None, str]:
        call = _declared_call(node)
        return {k.arg: ast.unparse(k.value) for k in call.keywords} if call is not None else {}

    def declared(keywords: dict[str | None, str]) -> dict[str | None, str]:
        return {k: v for k, v in keywords.items() if k not in ("default", "required", "help")}
    now, was = keywords(statement), keywords(before)
    if before is None:
        return anew and ("default" in now or now.get("action", "").strip("'\"") in _SWITCH_ACTIONS)
    no_longer_required = was.get("required") == "True" and now.get("required", "False") == "False"
    defaulted_otherwise = "default" in now and now.get("default") != was.get("default")
    return declared(now) == declared(was) and (defaulted_otherwise or no_longer_required)


_SWITCH_ACTIONS = frozenset({"store_true", "store_false"})


# Statements that bind or pass a value on, not ones that branch on it.
_PASSING = (ast.Assign, ast.AnnAssign, ast.Expr, ast.Return)


def _default_flow_lines(statements: list[ast.stmt], constants: set[str], options: set[str],
                        callees: set[str]) -> set[int]:
    """The lines of `statements` that declare options, bind `constants`, or hand on as they are
    those, the `options` (`args.pipeline`) or names bound from them; and the lines inside their
    text."""
    reads = set(constants)
    lines: set[int] = set()
    for statement in statements:
        binds_constant = isinstance(statement, ast.Assign) and bool(assigned_names(statement) & constants)
        hands_on = isinstance(statement, _PASSING) and _hands_on(statement, reads, options, callees)
        if _declares_options(statement) or binds_constant or hands_on:
            reads |= set(assigned_names(statement)) if isinstance(statement, ast.Assign) else set()
            lines.update(node_lines(statement))
        lines.update(line for node in ast.walk(statement) if isinstance(node, ast.Constant)
                     and isinstance(node.value, str) and node.end_lineno
                     for line in range(node.lineno + 1, node.end_lineno))
    return lines


def _hands_on(statement: ast.stmt, names: set[str], options: set[str], callees: set[str]) -> bool:
    """The statement reads one of the `names` or the `options` (`args.pp`), and each such read is
    handed on as it is: bound, put in a list, a tuple or a formatted string, converted
    (`str(args.pp)`), given by keyword, defaulted with `or`, or passed to a function that the
    other side of the change called too (`resolve(pipeline, ...)` where `resolve(args.pipeline,
    ...)` was); not computed with (`pick(args.mode, data)`)."""
    parents = {id(child): node for node in ast.walk(statement) for child in ast.iter_child_nodes(node)}
    found = False
    for node in ast.walk(statement):
        read = (isinstance(node, ast.Name) and node.id in names) \
            or (isinstance(node, ast.Attribute) and node.attr in options)
        if not read or not isinstance(getattr(node, "ctx", None), ast.Load):
            continue
        found = True
        parent = parents.get(id(node))
        if parent is statement or isinstance(parent, _HANDING_ON):
            continue
        if not (isinstance(parent, ast.Call) and node in parent.args
                and (dotted_path(parent.func) in _CONVERSIONS or dotted_path(parent.func) in callees)):
            return False
    return found


_HANDING_ON = (ast.List, ast.Tuple, ast.FormattedValue, ast.keyword, ast.BoolOp)
_CONVERSIONS = frozenset({"str", "int", "float", "bool", "repr"})


def _dependency_settings_set(sides: ParsedSides, new_code: set[int], old_lines: set[int],
                             imports: list[ImportChange]) -> bool:
    """The change only adds code, and beside the imports it adds, that code gives settings of a
    module it imports, constants by their names or anything of a module of settings, literal
    values (`mp.EXECUTE_MODEL_TIMEOUT_S = None` after `import vllm.v1.executor.multiproc_executor
    as mp`, `torch._dynamo.config.cache_size_limit = 256`): what the dependency does is set, not
    where a name comes from."""
    if old_lines or not new_code:
        return False
    brought = {name for change in imports if change.status == "added" for name in change.names}

    def sets(line: str) -> bool:
        match = _MODULE_ATTRIBUTE_SET.match(line)
        if match is None or match["owner"].split(".", 1)[0] not in brought or not is_literal(match["value"]):
            return False
        return _CAPITALISED.fullmatch(match["name"]) is not None \
            or SETTINGS_MODULE.search(short_name(match["owner"])) is not None
    return _each_statement(sides.new_text_lines, new_code, sets)


_CAPITALISED = re.compile(r"[A-Z][A-Z0-9_]*")


def _constants_given_up(sides: ParsedSides, old_code: set[int],
                        defined_the_old_way: Callable[[str], bool]) -> set[str]:
    """The module constants the change removed whose first line is among the old lines and
    reaches what it holds in a way `defined_the_old_way` recognises."""
    assert sides.old is not None and sides.new is not None
    return {name for name, symbol in sides.old.symbols.items()
            if symbol.kind == "constant" and "." not in name and name not in sides.new.symbols
            and symbol.start in old_code and defined_the_old_way(sides.old_text_lines[symbol.start - 1])}


def _test_setup_dropped(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                        imports: list[ImportChange]) -> bool:
    """A test module no longer calls, on import, a function whose import went with the call
    (`enable_deprecations_as_exceptions()` in `conftest.py`), or takes off its tests the markers
    that named what it no longer imports (`@pytest.mark.filterwarnings("error",
    category=PydanticDeprecatedSince211)`), and adds nothing: the tests run otherwise."""
    assert sides.old is not None and sides.new is not None
    if category_of_path(sides.diff.path) != "test" or new_lines - sides.new.import_lines:
        return False
    dropped = {name for change in imports if change.status == "removed" for name in change.names}
    code = old_lines - sides.old.import_lines
    naming = re.compile(rf"\b{one_of(dropped)}\b")
    if code and dropped and _each_statement(sides.old_text_lines, code, lambda line: bool(
            _DECORATOR_LINE.match(line) and naming.search(line))):
        return True
    return not any(sides.old.owner(n) for n in code) and _calls_anew(sides.old_text_lines, code, dropped)


def _only_says(table: ModuleSymbols, lines: set[int]) -> bool:
    """Each statement holding the lines prints, logs or warns."""
    statements = (touched_statements(table, lines) if lines else None) or []
    return bool(statements) and all(is_message(statement) for statement in statements)


def _cases_listed_anew(sides: ParsedSides) -> bool:
    """Beside its imports, a test only puts elements into lists, tuples or sets it already
    held (`ARIMAModel,` added to `SEASONAL_TESTABLE_MODELS = [...]` with its import): what it
    runs over gains cases, what it covers grows. Names put into `__all__` are exports."""
    assert sides.old is not None and sides.new is not None
    return not sides.removed_code_lines - sides.old.import_lines \
        and _cases_listed(sides.new, sides.added_code_lines - sides.new.import_lines - sides.new.export_lines)


def _cases_listed(table: ModuleSymbols, lines: set[int]) -> bool:
    """Each line is an element put into a list, tuple or set a statement already held."""
    statements = touched_statements(table, lines) if lines else None
    if not statements:
        return False
    return all(
        isinstance(statement, ast.Assign | ast.AnnAssign)
        and isinstance(statement.value, ast.List | ast.Tuple | ast.Set)
        and statement.lineno not in lines and statement.value.lineno not in lines
        for statement in statements)


def _calls_given_other_arguments(sides: ParsedSides, old_code: set[int], new_code: set[int],
                                 dropped: set[str], brought: set[str]) -> bool:
    """A statement that called what an import no longer brings now calls what an import brings
    anew, given other arguments (`clear_objs_and_retain_memory([pipe])` became `free_memory()`):
    another function with another interface, not the same one reached another way. An argument
    that is itself a name the imports no longer bring went with the function it was handed to
    (`get_from_registry(name, tokenizer_registry)` became `get_tokenizer_from_registry(name)`).
    So is a call of what an import no longer brings that gave way to a use of what one brings
    anew that calls it not (`is_categorical_dtype(values)` became `isinstance(values.dtype,
    CategoricalDtype)`)."""
    assert sides.old is not None and sides.new is not None
    if not dropped or not brought:
        return False

    def arguments(statement: ast.stmt, names: set[str]) -> set[tuple[int, tuple[str, ...]]]:
        return {(sum(not (isinstance(argument, ast.Name) and argument.id in dropped)
                     for argument in call.args),
                 tuple(sorted(keyword.arg or "**" for keyword in call.keywords)))
                for call in ast.walk(statement) if isinstance(call, ast.Call)
                and dotted_path(call.func).split(".", 1)[0] in names}

    def handed(statement: ast.stmt) -> bool:
        # what an import brings handed to a call (`isinstance(x.dtype, CategoricalDtype)`), not a
        # flag read in its place (`if _GDAL_AT_LEAST_3_11:` for `GDALVersion.runtime().at_least(...)`)
        return any(isinstance(argument, ast.Name) and argument.id in brought
                   for call in ast.walk(statement) if isinstance(call, ast.Call) for argument in call.args)
    return any((given := arguments(old, dropped))
               and (((taken := arguments(new, brought)) and given != taken) or (not taken and handed(new)))
               for old, new in touched_pairs(sides.old, sides.new, old_code, new_code) or [])


def _bound_alike(imports: list[ImportChange]) -> set[str]:
    """Names an import statement the change rewrote still binds from the same module
    (`gpu_d` when `stream_d` leaves `from ..ir import (gpu_d, stream_d)`): code that turns to
    them reaches nothing the imports changed."""
    removed = {(change.module, name) for change in imports if change.status == "removed"
               for name in change.names}
    return {name for change in imports if change.status == "added" for name in change.names
            if (change.module, name) in removed}


def _uses_added_beside_kept(sides: ParsedSides, old_code: set[int], new_code: set[int],
                           naming: re.Pattern[str], imported_anew: set[str]) -> bool:
    """The new statements name every imported name the old ones named, and one the module did
    not import before (`imported_anew`, not for annotations alone): a use added
    (`OptimizerNode` joins the node types `traverse_node` checks), nothing reached otherwise."""
    before = {name for n in old_code for name in naming.findall(sides.old_text_lines[n - 1])}
    after = {name for n in new_code for name in naming.findall(sides.new_text_lines[n - 1])}
    return bool(before) and before <= after and bool((after - before) & imported_anew)


# A decorator and the name its path starts with: `@record`, `@torch.compile(...)`.
_DECORATOR_LINE = re.compile(r"^\s*@(\w+)")


def _defines_anew(sides: ParsedSides, lines: set[int], imported: set[str]) -> bool:
    """Among the lines is the header of a function added that is not named for what it imports
    (`def setup_evals_client() -> AsyncEvalsClient:` building the client a new package
    offers), or of a method added to a class whatever its name (`def repeat(self, *sizes):`
    over the `repeat` op it imports: what the class offers anew), whose body the lines hold too."""
    assert sides.new is not None and sides.old is not None
    for symbol in sides.new.symbols.values():
        span = set(range(symbol.start, symbol.end + 1))
        if symbol.kind in ("function", "method") and symbol.start in lines \
                and symbol.qualname not in sides.old.symbols \
                and (symbol.kind == "method" or short_name(symbol.qualname) not in imported) \
                and span & sides.added_code_lines - sides.new.import_lines <= lines:
            return True
    return False


def _imported_in_functions(imports: list[ImportChange]) -> set[str]:
    return {name for change in imports if change.status == "added" and change.context.startswith("def ")
            for name in change.names if "import" not in name.lower()}


def _imported_from_own_package(sides: ParsedSides, imports: list[ImportChange]) -> set[str]:
    """What the change imports anew into a source file from the project's own package."""
    if category_of_path(sides.diff.path) != "source":
        return set()
    own = top_package(sides.diff.path)
    return {name for change in imports if change.status == "added"
            and change.module.split(".", 1)[0] in (own, "") for name in change.names
            if "import" not in name.lower()}


def _calls_anew(lines: list[str], numbers: set[int], names: set[str]) -> bool:
    """A line added is a statement that calls one of the functions, or a method of one of the
    objects (`trace_manager.integration_traces_to_evaluate.clear()`), and does nothing else with
    it but return what it gives (`sync_fp8_meta(forward, backward)`, after a function-local
    import of it; `return unpatched_call(self, *args)`). The caller leaves out functions named
    for what they do to imports (`revert_import()`), whose calls wire imports."""
    if not names:
        return False
    call = re.compile(rf"^\s*(return\s+)?{one_of(names)}(\.\w+)*\(")
    return any(call.match(lines[number - 1]) for number in numbers)


def _computes_with(lines: list[str], numbers: set[int], names: set[str]) -> bool:
    """A line added binds what one of the functions returns (`cur_qtype =
    check_hidden_size(cur_qtype, in_features)`, the function imported anew from the project's
    own package), or hands it to another call (`self._add_attribute(span, "crewai_version",
    get_crewai_version())`)."""
    if not names:
        return False
    bound = re.compile(rf"^\s*[\w.]+(\s*,\s*[\w.]+)*\s*=\s*{one_of(names)}\(")
    handed = re.compile(rf"^\s*[\w.]+\(.*(?<![\w.]){one_of(names)}\(")
    return any(bound.match(lines[number - 1]) or handed.match(lines[number - 1]) for number in numbers)


def _binds_from(lines: list[str], numbers: set[int], names: set[str]) -> bool:
    """A line added binds a value one of the modules imported anew holds (`cost = np.nan` in
    the handler of a failed computation, once `numpy as np` is imported): what the function
    computes, not where it reaches what it computed all along."""
    if not names:
        return False
    bound = re.compile(rf"^\s*[\w.]+\s*=\s*{one_of(names)}\.\w+\s*$")
    return any(bound.match(lines[number - 1]) for number in numbers)


def _compares_versions(line: str) -> bool:
    """`version.parse(transformers.__version__) >= version.parse("4.40.0")`; not a version
    named in words (`reason="not in this version"`) or given (`remove_version="0.7.0"`)."""
    code = _PROSE.sub("''", line)
    return bool(VERSION_PREDICATE.search(code)) and bool(_COMPARISON.search(code))


def _imported_references_replaced(sides: ParsedSides, old_code: set[int],
                                  new_code: set[int]) -> set[str]:
    """Dotted references into imported modules that the old lines make and the new ones, which
    replace them, no longer do (`xm.xrt_world_size`). Code only removed replaces nothing. A
    reference the old lines only read, not call (`torch.int64` in `expert_map[ids.to(torch.
    int64)]`), is a value the code computed with, not what an import now serves."""
    assert sides.old is not None
    imported = sides.old.imported_names
    made = Counter(match[0] for n in old_code
                   for match in DOTTED_REFERENCE.finditer(sides.old_text_lines[n - 1])
                   if match.string[match.end():].lstrip().startswith("("))
    kept = Counter(word for n in new_code for word in DOTTED_REFERENCE.findall(sides.new_text_lines[n - 1]))
    return {word for word in made - kept if word.split(".", 1)[0] in imported}


def _environment_reads_given_up(sides: ParsedSides, old_code: set[int], new_code: set[int]) -> set[str]:
    """The references that read environment variables (`os.environ.get`) where an old line bound
    a name to a variable's value and a new line binds that name to something that names no such
    variable: the value now comes from elsewhere (`nccl_port = os.environ.get("_NCCL_PORT_")`
    became a parse of torch's process-group address), not the same variable reached otherwise
    (`port = envs.get("_NCCL_PORT_")`)."""
    rebound = {match[1]: line for n in new_code
               if (match := _BINDING.match(line := sides.new_text_lines[n - 1]))}
    for n in old_code:
        line = sides.old_text_lines[n - 1]
        bound, read = _BINDING.match(line), _ENVIRONMENT_VARIABLE_READ.findall(line)
        if bound and read and bound[1] in rebound and not any(name in rebound[bound[1]] for name in read):
            return {"os.environ", "os.environ.get", "os.getenv"}
    return set()


_BINDING = re.compile(r"\s*([\w.]+)\s*=[^=]")
_ENVIRONMENT_VARIABLE_READ = re.compile(r"\bos\.(?:environ\.get\(|getenv\(|environ\[)\s*[\"'](\w+)")


def _each_statement(lines: list[str], numbers: set[int], passes: Callable[[str], bool]) -> bool:
    """Each statement among the numbered lines has a line that passes. Where a run of
    consecutive lines has one that does not, the run is read into statements with `tokenize`
    (a run it cannot read whole, part of a statement, stays line by line); a longer run than
    `MAX_STATEMENT_RUN` with such a line fails outright, as more than a few call sites do."""
    for run in _runs(sorted(numbers)):
        if all(passes(lines[n - 1]) for n in run):
            continue
        if len(run) > MAX_STATEMENT_RUN:
            return False
        if not all(any(passes(lines[n - 1]) for n in statement) for statement in _statements(lines, run)):
            return False
    return True


def _statements(lines: list[str], run: list[int]) -> list[list[int]]:
    """A run of consecutive numbered lines grouped into the logical lines `tokenize` reads."""
    text = textwrap.dedent("\n".join(lines[number - 1] for number in run)) + "\n"
    try:
        ends = [token.end[0] for token in tokenize.generate_tokens(io.StringIO(text).readline)
                if token.type == tokenize.NEWLINE]
    except (tokenize.TokenError, SyntaxError):
        return [[number] for number in run]
    grouped = [run[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    rest = run[ends[-1]:] if ends else run
    return [statement for statement in grouped if statement] + [[number] for number in rest]


def _only_repeated_bindings_removed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only removed assignments that the lines right beside them repeat word for word,
    each binding a name to a value that neither reads it nor calls anything (`_COLORS = {2:
    "\\033[32m"}` written twice in a row): the name is bound as before; no setting changed."""
    if new_lines or not old_lines:
        return False
    lines = sides.old_text_lines
    for run in _runs(sorted(old_lines)):
        start, end = run[0] - 1, run[-1]
        removed = lines[start:end]
        if removed not in (lines[end:end + len(removed)], lines[max(start - len(removed), 0):start]):
            return False
        try:
            statements = ast.parse(textwrap.dedent("\n".join(removed))).body
        except SyntaxError:
            return False
        if not statements or not all(
                isinstance(statement, ast.Assign) and all(isinstance(t, ast.Name) for t in statement.targets)
                and not any(isinstance(node, ast.Call) or (isinstance(node, ast.Name) and node.id in {
                    t.id for t in statement.targets if isinstance(t, ast.Name)})
                            for node in ast.walk(statement.value))
                for statement in statements):
            return False
    return True


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _copies_written(sides: ParsedSides, copies: list[Symbol]) -> set[int]:
    """The lines of the `copies` (`_copies_of_imports`: what the file now defines under a name
    it stopped importing from a dependency, `all_gather_tensors` copied in where torchtnt's was
    imported, `unwrap_if_constexpr` where Triton's private `_unwrap_if_constexpr` was), with
    the private functions added that those copies call (`_simple_all_gather_tensors`): the
    import's replacement, however long."""
    if not copies:
        return set()
    assert sides.old is not None and sides.new is not None
    added = [symbol for name, symbol in sides.new.symbols.items()
             if "." not in name and symbol.kind in ("function", "class") and name not in sides.old.symbols]
    text = "\n".join("\n".join(sides.new.lines[s.start - 1:s.end]) for s in copies)
    helpers = [symbol for symbol in added if symbol.qualname.startswith("_") and symbol.kind == "function"
               and re.search(rf"\b{re.escape(symbol.qualname)}\(", text)]
    return {line for symbol in (*copies, *helpers) for line in range(symbol.start, symbol.end + 1)}


def _copies_of_imports(sides: ParsedSides, imports: list[ImportChange]) -> list[Symbol]:
    """The functions and classes the file now defines at its top level under a name, leading
    underscores aside, that it stopped importing from a dependency."""
    assert sides.old is not None and sides.new is not None
    stopped = {name.lstrip("_") for change in imports
               if change.status == "removed" and _is_dependency(change.module) for name in change.names} \
        - {name.lstrip("_") for change in imports if change.status != "removed" for name in change.names}
    return [symbol for name, symbol in sides.new.symbols.items()
            if "." not in name and symbol.kind in ("function", "class") and name not in sides.old.symbols
            and name.lstrip("_") in stopped]


def _copies_given_up(sides: ParsedSides, old_lines: set[int], imported: set[str]) -> set[int]:
    """Lines of functions or classes the change removed whole, decorators and all, whose names,
    leading underscores aside, its imports now bind: a local copy given up for the imported
    original (`def _is_attention_module(...)` removed, `is_attention_module` imported), or a
    definition moved to the module it is now imported from (`class Edge` to `graph_utils`)."""
    assert sides.old is not None
    lines = sides.old_text_lines
    given_up: set[int] = set()
    for number in sorted(old_lines):
        match = _DEFINITION_OR_CLASS.match(lines[number - 1])
        if match is None or match[2] not in imported:
            continue
        end = _block_end(lines, number, len(match[1]))
        body = code_lines(lines, range(number, end + 1), sides.old) - sides.old.docstring_lines
        if body <= old_lines:
            given_up |= body | _decorators_above(lines, number, old_lines)
    return given_up


def _decorators_above(lines: list[str], number: int, old_lines: set[int]) -> set[int]:
    """The removed one-line decorators right above the definition on line `number`."""
    above: set[int] = set()
    while number - 1 in old_lines and lines[number - 2].lstrip().startswith("@"):
        number -= 1
        above.add(number)
    return above


def _exposes_options(sides: ParsedSides, symbols: list[SymbolChange]) -> bool:
    """Fields added to a class of options (`ProfilingConfig.profiler_repeat: int | None =
    None`), their docstrings beside them, and every other statement the change touched reads
    them, or names that a statement reading them bound, keeping every word of the old code:
    new options, passed on to what they set (`torch.profiler.schedule(..., **params)`). The
    class may also check them where it is built, raising on a value it does not take, work
    out what they say in methods it gains, or be built by its own methods with them
    (`MooncakeConfig(..., ssd_offload_path=os.getenv(...))` in `load_from_env`)."""
    assert sides.old is not None and sides.new is not None
    classes = [s.qualname for s in symbols if s.kind == "class" and s.status == "changed"
               and _holds_options(sides.diff.path, short_name(s.qualname))
               and s.qualname in sides.old.symbols]
    if not classes or words_lost(sides):
        return False
    fields: set[str] = set()
    new_spans: set[int] = set()
    old_spans: set[int] = set()
    for qualname in classes:
        before, after = sides.old.symbols[qualname], sides.new.symbols[qualname]
        old, new = _fields(sides.old, before, True), _fields(sides.new, after, True)
        if any(new.get(name) != annotation for name, annotation in old.items()):
            return False
        fields |= new.keys() - old.keys()
        new_spans.update(range(after.start, after.end + 1))
        old_spans.update(range(before.start, before.end + 1))
    outside = sides.added_code_lines - new_spans
    inside = sides.added_code_lines & new_spans
    if not fields or (sides.removed_code_lines & old_spans) - sides.old.docstring_lines:
        return False
    declared = {n for n in inside if n in sides.new.assignment_lines or n in sides.new.docstring_lines}
    checks = _option_checks(sides.new, inside - declared, fields)
    derived = _deriving_methods(sides, classes, fields)
    given = _fields_given(sides.new, inside - declared - checks - derived, classes, fields)
    if not inside <= declared | checks | derived | given:
        return False
    outside -= sides.new.import_lines  # the annotations of the fields may import their types
    if not outside:
        return bool(checks or derived or given)
    tree = sides.new.tree_holding(outside)
    return tree is not None and _read_only_through(touched_parts(tree.body, sorted(outside), []), fields)


def _switches_passed_on(sides: ParsedSides, symbols: list[SymbolChange], reshaped: set[int],
                        new_lines: set[int], old_lines: set[int]) -> bool:
    """Functions that only gained switches, parameters that default to True or False or are
    options of a command line (`env: list[str] | None = typer.Option(None, '--env')`), and
    every other line the change touched keeps one on the instance or passes it on by its
    name (`enable_thinking: bool = False`, `self.enable_thinking = enable_thinking`,
    `enable_thinking=self.enable_thinking,` in a call), or puts what was there under an `if`
    on one that by default runs it as before (`if generate_client_file:
    self.generate_client_file()`, the switch defaulting to True): an option of what they
    call, or of what they did, exposed.
    A command's options may also be given to a call that was there (`serve(bento, port=port,
    cli_envs=env)`): the user sets them, where a switch a function gives a call it made is a
    value its callers now pass through it."""
    assert sides.old is not None and sides.new is not None
    switches: dict[str, str] = {}  # by name, its default
    commands = True
    headers: tuple[set[int], set[int]] = (set(), set())
    for change in symbols:
        public = id(change) in reshaped
        if not public and (change.status != "changed" or change.kind not in ("function", "method")):
            continue
        before = sides.old.symbols.get(change.old_qualname or change.qualname)
        after = sides.new.symbols.get(change.qualname)
        gained = _options_gained(before.parameters, after.parameters) \
            if before is not None and after is not None else set()
        if not public and not gained:
            continue  # a helper that passes the switch on gains it too (`_init_transport`)
        if before is None or after is None or not gained \
                or (function := sides.new.function(change.qualname)) is None:
            return False
        defaults = parameter_defaults(function.args)
        options = {name: bool(_COMMAND_OPTION.match(defaults.get(name, ""))) for name in gained}
        if not all(option or defaults.get(name) in ("True", "False") for name, option in options.items()):
            return False
        commands = commands and all(options.values())
        switches |= {name: defaults.get(name, "") for name in gained}
        headers[0].update(_header_lines(sides.new_text_lines, after.start, after.end))
        headers[1].update(_header_lines(sides.old_text_lines, before.start, before.end))
    if not switches:
        return False
    names = one_of(switches)
    passing = re.compile(rf"\s*(self\.(?P<kept>{names})\s*=\s*(?P=kept)"
                         rf"|(?P<passed>{names})\s*=\s*(self\.)?(?P=passed),?)\s*")
    given = re.compile(rf",\s*\w+\s*=\s*(self\.)?({names})\b")
    gate = re.compile(rf"\s*if\s+(not\s+)?(self\.)?({names})\s*:\s*")
    was: dict[str, set[int]] = {}
    for number in old_lines - headers[1]:
        was.setdefault(re.sub(r"\s", "", sides.old_text_lines[number - 1]), set()).add(number)
    passed = new_lines - headers[0]
    if _only_switches_given(sides, passed, old_lines - headers[1], names):
        return True
    calls_given: set[int] = set()
    kept: set[int] = set()
    for number in passed:
        line = sides.new_text_lines[number - 1]
        if passing.fullmatch(line):
            continue
        if (gated_on := gate.fullmatch(line)) is not None:
            # by default the step runs as it did: `if keep:` on a switch that is True
            if (switches[gated_on.group(3)] == "True") == bool(gated_on.group(1)):
                return False
            continue
        if (same := was.get(re.sub(r"\s", "", line))) is not None:
            kept |= same  # lines that were there, indented under a switch or aligned anew
            continue
        if not commands or not given.search(line) \
                or (call := was.get(re.sub(r"\s", "", given.sub("", line)))) is None:
            return False
        calls_given |= call
    return bool(passed) and old_lines - headers[1] <= calls_given | kept


def _only_switches_given(sides: ParsedSides, new_lines: set[int], old_lines: set[int], names: str) -> bool:
    """The changed lines, read in turn, say what they said but for the switches `names` now
    given to calls by their names, however the calls are laid out anew (`HTTPTransport(verify=
    verify, cert=cert, http2=http2)` became one keyword a line, `http1=http1,` among them)."""
    given = re.compile(rf"(?<![\w.])({names})=(self\.)?({names}),?")

    def read(text: list[str], lines: set[int]) -> str:
        pieces = (given.sub("", re.sub(r"\s", "", text[n - 1])).rstrip(",") for n in sorted(lines))
        joined = ",".join(piece for piece in pieces if piece)
        return re.sub(r"([(\[]),|,([)\]])", r"\1\2", joined)

    return bool(new_lines) and bool(old_lines) and given.search("".join(
        re.sub(r"\s", "", sides.new_text_lines[n - 1]) for n in new_lines)) is not None \
        and read(sides.new_text_lines, new_lines) == read(sides.old_text_lines, old_lines)


def _settings_handed_on(sides: ParsedSides, symbols: list[SymbolChange]) -> bool:
    """Functions that only gained parameters defaulting to constants (`wandb_group="CorrDiff"`),
    every other line the change touched handing one of them on by keyword to a call they make
    (`group=wandb_group,`): in a script users run, a setting of the run, exposed."""
    assert sides.old is not None and sides.new is not None
    gained: set[str] = set()
    headers: tuple[set[int], set[int]] = (set(), set())
    for change in symbols:
        before = sides.old.symbols.get(change.old_qualname or change.qualname)
        after = sides.new.symbols.get(change.qualname)
        function = sides.new.function(change.qualname)
        if before is None or after is None or function is None:
            return False
        names = _options_gained(before.parameters, after.parameters)
        if not names or not all(isinstance(default, ast.Constant)
                                for name, default in default_nodes(function.args).items() if name in names):
            return False
        gained |= names
        headers[0].update(_header_lines(sides.new_text_lines, after.start, after.end))
        headers[1].update(_header_lines(sides.old_text_lines, before.start, before.end))
    handing = re.compile(rf"\s*\w+\s*=\s*{one_of(gained)}\s*,?\s*") if gained else None
    rest = sides.added_code_lines - headers[0]
    return handing is not None and bool(rest) and not sides.removed_code_lines - headers[1] \
        and all(handing.fullmatch(sides.new_text_lines[number - 1]) for number in rest)


def _deriving_methods(sides: ParsedSides, classes: list[str], fields: set[str]) -> set[int]:
    """The lines of the methods the change added to the classes of options that read one of
    the new fields: what an option says, worked out where it is declared (`get_dtype_args`
    mapping `model_dtype` to the environment a server reads)."""
    assert sides.new is not None
    lines: set[int] = set()
    for qualname in classes:
        for method in (s for s in sides.new.symbols.values() if s.qualname.startswith(qualname + ".")
                       and s.kind == "method"):
            span = set(range(method.start, method.end + 1))
            node = sides.new.function(method.qualname)
            reads = node is not None and any(isinstance(read, ast.Attribute) and read.attr in fields
                                             for read in ast.walk(node))
            if reads and code_lines(sides.new_text_lines, span, sides.new) <= sides.added_code_lines:
                lines |= span
    return lines


def _fields_given(table: ModuleSymbols, lines: set[int], classes: list[str], fields: set[str]) -> set[int]:
    """The lines of keyword arguments named after one of the fields, among those holding
    `lines`, that calls building one of the classes (by name or as `cls`) are given."""
    tree = table.tree_holding(lines) if lines else None
    if tree is None:
        return set()
    builders = {short_name(qualname) for qualname in classes} | {"cls"}
    return keyword_lines(tree, lambda call, keyword: keyword.arg in fields
                         and dotted_path(call.func).rsplit(".", 1)[-1] in builders)


def _option_checks(table: ModuleSymbols, lines: set[int], fields: set[str]) -> set[int]:
    """The lines of the `if`s among those holding `lines` that test one of the fields and
    only raise: `if self.override is not None and self.override < 1: raise ValueError(...)`;
    and of the validators of the fields (`@validator("deploy_rank") def deploy_valid(...)`)."""
    tree = table.tree_holding(lines) if lines else None
    if tree is None:
        return set()
    return {line for node in ast.walk(tree)
            if _refuses(node, fields) or _validates(node, fields)
            for line in range(first_line(node), (node.end_lineno or node.lineno) + 1)}


def _refuses(node: ast.AST, fields: set[str]) -> bool:
    return isinstance(node, ast.If) and not node.orelse \
        and all(isinstance(inner, ast.Raise) for inner in node.body) \
        and any(isinstance(read, ast.Attribute) and read.attr in fields for read in ast.walk(node.test))


def _validates(node: ast.AST, fields: set[str]) -> bool:
    """A pydantic validator of some of the fields: `@validator("deploy_rank")`."""
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(decorator, ast.Call) and short_name(dotted_path(decorator.func)) in _VALIDATORS
        and decorator.args and all(isinstance(a, ast.Constant) and a.value in fields for a in decorator.args)
        for decorator in node.decorator_list)


def _read_only_through(statements: Iterable[ast.AST], fields: set[str]) -> bool:
    """Each statement, in turn, reads one of the fields or a name an earlier one bound, or adds
    flags to a list in the body of one that does (`if opt.enable_simt_reorder_instruction:`
    then `flags += ["--enable-simt-reorder-instruction=true"]`)."""
    bound: set[str] = set()
    held: set[int] = set()
    for statement in statements:
        if isinstance(statement, ast.stmt) and _adds_flags(statement) and set(node_lines(statement)) <= held:
            continue
        if isinstance(statement, ast.If):  # its body, which the part touched may leave out
            held.update(range(statement.lineno + 1, (statement.end_lineno or statement.lineno) + 1))
        nodes = list(ast.walk(statement))
        if not any((isinstance(node, ast.Attribute) and node.attr in fields)
                   or (isinstance(node, ast.Name) and node.id in bound) for node in nodes):
            return False
        bound |= {node.id for node in nodes if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    return True


def _adds_flags(statement: ast.stmt) -> bool:
    """`flags += ["--pure-simt"]`, `flags.append("--pure-simt")`: text added to a list."""
    if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add):
        added = statement.value.elts if isinstance(statement.value, ast.List | ast.Tuple) else []
    elif isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
            and isinstance(call.func, ast.Attribute) and call.func.attr == "append":
        added = call.args
    else:
        return False
    return bool(added) and all(_is_text(value) for value in added)


def _is_contract_change(sides: ParsedSides, symbols: list[SymbolChange], reshaped: set[int],
                        imports: list[ImportChange]) -> bool:
    """A function imported before is now defined here, or a function added reaches a name
    the file no longer imports through its module (`init_builtin_logitsprocs` imported before,
    now called as `logits_processor.init_builtin_logitsprocs(...)` by a function that picks
    the API vLLM has), or public interfaces (`reshaped`: the ids of the symbols whose
    interface changed), removals, renames, forwarding aliases and functions carved out of
    code that was there weigh at least `CONTRACT_SHARE` of the change."""
    assert sides.old is not None
    imported_before = sides.old.imported_names
    if any(s.status == "added" and s.kind == "function" and s.qualname in imported_before
           for s in symbols):
        return True
    if (dropped := _names_no_longer_imported(imports)) and any(
            s.status == "added" and s.kind == "function" and _reaches(sides, s, dropped) for s in symbols):
        return True
    if _is_script(sides):
        return False  # what a script defines is its own, whatever it calls public
    # a symbol whose docstring alone changed describes code and changes none
    # and a header laid out anew as it gained a parameter re-spells the others: layout, neither
    renamed_functions, following = _renamed_by_callers(sides, symbols)
    respelled = _respelled_by_renames(sides, symbols) | following
    total = sum(s.weight - (sum(map(len, _header_relaid(sides, s))) if id(s) in reshaped else 0)
                for s in symbols if not _only_documented(sides, s)
                and not (id(s) in respelled and not is_public(s.qualname))) or 1
    changed = "\n".join(line for s in symbols if s.status == "changed"
                        for line in sides.new_text_lines[s.start_line - 1:s.end_line])
    added = {s.qualname for s in symbols if s.status in ("added", "moved")}
    wrapped = _implementations_wrapped(sides, symbols)
    # a method renamed: its new name, beside the old one kept
    aliased = {id(s): name for s in symbols if (name := _bound_to_deprecated_wrapper(sides, s))}
    renamed_to = {name for s in symbols if (name := _new_name_handed_over_to(sides, s) or aliased.get(id(s)))}
    renamed_to |= _code_of_deprecated_names_kept(sides, [s for s in symbols if id(s) in aliased], symbols)
    renamed_to |= set(renamed_functions)
    recorded = _options_recorded(sides, symbols, reshaped)
    spelled = _spell_renamed_parameters(sides, symbols, reshaped)
    members_removed = _enum_members_removed(sides, symbols)
    contract = sum(_options_weight(sides, s) if id(s) in reshaped else s.weight for s in symbols
                   if id(s) in reshaped or id(s) in wrapped or id(s) in recorded or id(s) in spelled
                   or _probes_signatures(sides, s) or _pickles(sides, s)
                   or s.qualname in renamed_to
                   or (id(s) in respelled and s.status == "added" and is_public(s.qualname))
                   or (_marked_deprecated(s) and is_public(s.qualname))
                   or (is_public(s.qualname) and _parameter_deprecated(sides, s))
                   or (is_public(s.qualname) and _deprecated_for_a_dependency(sides, s))
                   or id(s) in aliased
                   or _deprecated_one_removed(sides, s)
                   or _stub_for_a_base(sides, s) or _op_schema_declared(sides, s)
                   or (is_public(s.qualname) and _holds_or_read_removed_members(sides, s, members_removed))
                   or (((s.status == "removed" and not _hoisted(sides, s, added)
                         and not _only_deferred_to_base(sides, s) and not _constructor_left_to_base(sides, s)
                         and not _registered(sides, s))
                        or _forwards(sides, s)
                        or _carved_out(sides, s, changed)
                        or _default_hook(sides, s) or _capability_answered(sides, s)
                        or _renamed(sides, s) or _schema_added(sides, s))
                       and is_public(s.qualname)))
    return contract / total >= CONTRACT_SHARE


def _op_schema_declared(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function added that registers an op by its name and does nothing (`@custom_op(
    "_C::fused_qk_norm_rope", mutates_args=())` over a body of `pass`): it declares the op's
    schema, its parameters and their types, for what captures or dispatches to the op; the
    kernel is elsewhere."""
    assert sides.new is not None
    if change.status != "added" or change.kind != "function" \
            or (function := sides.new.function(change.qualname)) is None:
        return False
    body = without_docstrings(function.body)
    return len(body) == 1 and _is_placeholder(body[0]) and bool(_ops_registered(function))


def _ops_registered(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names of the ops the function's decorators register it as (`fused_qk_norm_rope` of
    `@custom_op("_C::fused_qk_norm_rope", mutates_args=())`)."""
    return {match.group(1) for decorator in function.decorator_list if isinstance(decorator, ast.Call)
            and decorator.args and isinstance(name := decorator.args[0], ast.Constant)
            and isinstance(name.value, str) and (match := _OP_NAME.match(name.value))}


def _stub_for_a_base(sides: ParsedSides, change: SymbolChange) -> bool:
    """A public method added to a class that names bases, doing nothing or refusing (`def
    execute_worker(self, worker_input): pass`, `raise NotImplementedError("Soft prompt is not
    supported")`): a method the bases' interface asks of the class, filled in."""
    assert sides.new is not None
    if change.kind != "method" or change.status != "added" or not is_public(short_name(change.qualname)) \
            or short_name(change.qualname).startswith("__"):
        return False
    owner = sides.new.symbols.get(owner_of(change.qualname))
    if owner is None or not _NAMES_BASES.search(owner.signature):
        return False
    function = sides.new.function(change.qualname)
    body = without_docstrings(function.body) if function is not None else []
    if len(body) != 1:
        return False
    only = body[0]
    if isinstance(only, ast.Raise) and only.exc is not None:
        raised = only.exc.func if isinstance(only.exc, ast.Call) else only.exc
        return dotted_path(raised) == "NotImplementedError"
    return _is_placeholder(only)


def _is_placeholder(statement: ast.stmt) -> bool:
    """`pass`, or `...` standing alone."""
    return isinstance(statement, ast.Pass) or (isinstance(statement, ast.Expr)
                                               and isinstance(statement.value, ast.Constant)
                                               and statement.value.value is ...)


# A class header naming bases other than `object`: `class NeuronWorker(LocalOrDistributedWorkerBase):`.
_NAMES_BASES = re.compile(r"\((?!\s*(?:object\s*)?\))")


def _enum_members_removed(sides: ParsedSides, symbols: list[SymbolChange]) -> dict[str, set[str]]:
    """The members each public enumeration the change keeps loses (`FULL = -1` taken out of
    `class BackwardMode(Enum)`): names its users spell, gone."""
    assert sides.old is not None and sides.new is not None
    removed: dict[str, set[str]] = {}
    for change in symbols:
        if change.kind != "class" or change.status != "changed" or not is_public(change.qualname):
            continue
        before, after = (_enum_members(side, change.qualname) for side in (sides.old, sides.new))
        if before and (gone := before - (after or set())):
            removed[change.qualname] = gone
    return removed


def _enum_members(side: ModuleSymbols, qualname: str) -> set[str] | None:
    """The public names a class binds in its body, if it is an enumeration (`Enum`, `IntEnum`,
    `StrEnum`, `Flag`, `IntFlag`); None for another class."""
    symbol = side.symbols.get(qualname)
    # the header names its bases: a class that names no enumeration is not read again
    if symbol is None or not _NAMES_AN_ENUM_BASE.search(symbol.signature):
        return None
    node = _class_node(side, symbol)
    if node is None or not any(short_name(dotted_path(base)) in _ENUM_BASES for base in node.bases):
        return None
    return {target.id for statement in node.body if isinstance(statement, ast.Assign)
            for target in statement.targets if isinstance(target, ast.Name) and is_public(target.id)}


_ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"})
_NAMES_AN_ENUM_BASE = re.compile(rf"\b{one_of(_ENUM_BASES)}\b")


def _holds_or_read_removed_members(sides: ParsedSides, change: SymbolChange,
                                   removed: Mapping[str, set[str]]) -> bool:
    """The enumeration that lost members, or a method of it whose removed lines read one of
    them (`if key == BackwardMode.FULL:` with the warning that it is deprecated)."""
    assert sides.old is not None
    if change.qualname in removed:
        return True
    members = removed.get(owner_of(change.qualname), set())
    symbol = sides.old.symbols.get(change.old_qualname or change.qualname)
    if not members or symbol is None:
        return False
    reading = re.compile(rf"\.{one_of(members)}\b")
    return any(reading.search(sides.old_text_lines[n - 1]) for n in sides.removed_code_lines
               if symbol.start <= n <= symbol.end)


def _constructor_given(sides: ParsedSides, change: SymbolChange) -> bool:
    """An `__init__` with named parameters added to a public class that was there without one
    (`class FileConversionException(MarkItDownException)` given `__init__(self, message=None,
    attempts=None)`): the class is now made with what it takes, not with what its base took.
    Not one that takes whatever it is given (`*args, **kwargs`) and hands it on."""
    assert sides.old is not None and sides.new is not None
    owner = owner_of(change.qualname)
    was = sides.old.symbols.get(owner)
    if change.status != "added" or short_name(change.qualname) != "__init__" \
            or not is_public(change.qualname) or was is None or was.kind != "class" \
            or f"{owner}.__init__" in sides.old.symbols \
            or (now := sides.new.symbols.get(change.qualname)) is None:
        return False
    return any(name not in ("", "self") and not name.startswith("*")
               for name in (part.partition("=")[0] for part in now.parameters.split(",")))


def _spell_renamed_parameters(sides: ParsedSides, symbols: list[SymbolChange],
                              reshaped: set[int]) -> set[int]:
    """The ids of the symbols each of whose changed code lines, on either side, spells the word
    by which the renamed parameters of a reshaped function differ, its old word on the old side
    and its new one on the new (`mlm_client` became `llm_client`, so `kwargs.get("mlm_client")`
    became `kwargs.get("llm_client")` and `_get_mlm_description` `_get_llm_description`): they
    carry the renaming through."""
    assert sides.old is not None and sides.new is not None
    words = [pair for s in symbols if id(s) in reshaped and s.status == "changed"
             for pair in _parameter_words_renamed(sides.old.symbols.get(s.qualname),
                                                  sides.new.symbols.get(s.qualname))]
    if not words:
        return set()
    was = re.compile("|".join(rf"(?<![a-z0-9]){re.escape(old)}(?![a-z0-9])" for old, _ in words), re.I)
    now = re.compile("|".join(rf"(?<![a-z0-9]){re.escape(new)}(?![a-z0-9])" for _, new in words), re.I)
    spelled: set[int] = set()
    for change in symbols:
        before = sides.old.symbols.get(change.old_qualname or change.qualname)
        after = sides.new.symbols.get(change.qualname)
        if id(change) in reshaped or change.status not in ("changed", "moved") \
                or before is None or after is None:
            continue
        added = [sides.new_text_lines[n - 1] for n in sides.added_code_lines if after.start <= n <= after.end]
        removed = [sides.old_text_lines[n - 1] for n in sides.removed_code_lines
                   if before.start <= n <= before.end]
        if (added or removed) and all(now.search(line) for line in added) \
                and all(was.search(line) for line in removed):
            spelled.add(id(change))
    return spelled


def _parameter_words_renamed(before: Symbol | None, after: Symbol | None) -> list[tuple[str, str]]:
    """The words by which each parameter a function renamed in place differs from its old name
    (`mlm_client` became `llm_client`: `mlm` and `llm`), where they are long enough to search for."""
    if before is None or after is None:
        return []
    was, now = before.parameters.split(","), after.parameters.split(",")
    if len(was) != len(now):
        return []
    pairs: list[tuple[str, str]] = []
    for old, new in zip(was, now, strict=True):
        old_name, _, old_default = old.partition("=")
        new_name, _, new_default = new.partition("=")
        if old_name == new_name or old_default != new_default:
            continue
        old_words, new_words = old_name.lstrip("*").split("_"), new_name.lstrip("*").split("_")
        while old_words and new_words and old_words[0] == new_words[0]:
            old_words, new_words = old_words[1:], new_words[1:]
        while old_words and new_words and old_words[-1] == new_words[-1]:
            old_words, new_words = old_words[:-1], new_words[:-1]
        old_word, new_word = "_".join(old_words), "_".join(new_words)
        if len(old_word) >= 3 and len(new_word) >= 3:
            pairs.append((old_word, new_word))
    return pairs


def _marked_deprecated(change: SymbolChange) -> bool:
    """The symbol gained a decorator that marks it deprecated (`@deprecated("...get_cache_init_kwargs")`,
    `@typing_extensions.deprecated(...)`, `@deprecate_kwarg("old", new_name="new")`): its callers are
    told to move to what replaces it. Or it lost one: what the decorator still took from them
    (`@deprecate_kwarg({'array': 'image'}, ...)` took the old keyword `array`) is taken no more."""
    return _marks_deprecated(change.decorators_added) or _marks_deprecated(change.decorators_removed)


def _marks_deprecated(decorators: Iterable[str]) -> bool:
    """One of the decorators marks what it decorates deprecated (`deprecated`, `deprecate_kwarg`,
    `_deprecate_positional_args`), or warns of a parameter renamed (`renamed_kwarg_warning`)."""
    return any("deprecat" in (last := name.rsplit(".", 1)[-1].lower())
               or ("renamed" in last and _NAMES_A_PARAMETER.search(last)) for name in decorators)


# Words a decorator's name uses for the parameter it is about.
_NAMES_A_PARAMETER = re.compile("kwarg|arg|param|keyword")


def _bound_to_deprecated_wrapper(sides: ParsedSides, change: SymbolChange) -> str | None:
    """A public function or class whose name now binds what a deprecation wrapper made of
    another (`ghi_from_poa_driesse_2023 = deprecated(since="0.15.2", ...)(ghi_from_poa_driesse_2024)`):
    its callers are told to move to that one. Its name, if so."""
    assert sides.new is not None and sides.old is not None
    was = sides.old.symbols.get(change.qualname)
    if change.status != "changed" or change.kind != "constant" or was is None or was.kind == "constant" \
            or not is_public(change.qualname):
        return None
    statements = touched_statements(sides.new, {change.start_line}) or []
    value = getattr(statements[0], "value", None) if len(statements) == 1 else None
    if not isinstance(value, ast.Call) or not calls_for_deprecation(value) or len(value.args) != 1 \
            or not isinstance(wrapped := value.args[0], ast.Name) or wrapped.id not in sides.new.symbols:
        return None
    return wrapped.id


def _code_of_deprecated_names_kept(sides: ParsedSides, aliased: list[SymbolChange],
                                   symbols: list[SymbolChange]) -> set[str]:
    """The functions and classes the change added that hold, under their new name, the code of
    one of `aliased`, whose names now bind a deprecation wrapper (`parse_epw`'s body kept as
    `_parse_epw` while `parse_epw = deprecated(...)(read_epw)`): renamed, not written."""
    kept: set[str] = set()
    for alias in aliased:
        was = sides.old.symbols[alias.qualname] if sides.old is not None else None
        if was is None:
            continue
        text = "\n".join(sides.old_text_lines[was.start - 1:was.end])
        kept |= {s.qualname for s in symbols if s.status == "added" and s.kind == was.kind
                 and _with_names_replaced(text, {alias.qualname: s.qualname})
                 == "\n".join(sides.new_text_lines[s.start_line - 1:s.end_line])}
    return kept


def _only_deprecated_aliases_removed(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                                     old_lines: set[int]) -> bool:
    """The change removes public names bound to deprecation wrappers of others (`dtw =
    moved("librosa.sequence.dtw", "0.6.1", "0.7")(_dtw)`), and otherwise only what they imported
    and the names the module exported: what their callers were told would go, has."""
    assert sides.old is not None and sides.new is not None
    aliases = {n for s in symbols if s.kind == "constant" and is_public(s.qualname)
               and _deprecated_one_removed(sides, s) for n in range(s.start_line, s.end_line + 1)}
    return bool(aliases) and old_lines - sides.old.import_lines - sides.old.export_lines <= aliases \
        and new_lines <= sides.new.import_lines | sides.new.export_lines


def _parameter_deprecated(sides: ParsedSides, change: SymbolChange) -> bool:
    """A parameter's default became None, and the function puts the old default in its place
    where it is None and warns where it was given (`return_coords=False` became `None`, then
    `if return_coords is None: return_coords = False` `else: warn("... deprecated ...")`): its
    callers are told to stop passing it."""
    given_up = {default.parameter: default.old for default in change.defaults_changed
                if default.new == "None" and default.old != "None"}
    assert sides.new is not None
    if not given_up or (function := sides.new.function(change.qualname)) is None:
        return False
    return any(isinstance(node, ast.If) and isinstance(test := node.test, ast.Compare)
               and isinstance(test.left, ast.Name) and test.left.id in given_up
               and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is | ast.IsNot)
               and _restores_default(node, test.left.id, given_up[test.left.id])
               for node in ast.walk(function))


def _restores_default(gate: ast.If, parameter: str, default: str) -> bool:
    """One block of the `if` binds the parameter to its old default, the other only warns."""
    try:
        value = ast.dump(ast.parse(default, mode="eval").body)
    except (SyntaxError, ValueError, RecursionError):
        return False

    def restores(block: list[ast.stmt]) -> bool:
        return len(block) == 1 and isinstance(assign := block[0], ast.Assign) \
            and len(assign.targets) == 1 and isinstance(target := assign.targets[0], ast.Name) \
            and target.id == parameter and ast.dump(assign.value) == value
    return any(restores(block) and other and all(is_message(s) for s in other)
               for block, other in ((gate.body, gate.orelse), (gate.orelse, gate.body)))


def _deprecated_one_removed(sides: ParsedSides, change: SymbolChange) -> bool:
    """A symbol marked deprecated is removed (`@deprecated_func("2.5.0", "4.0.0") def _ask(self)`),
    or named so (`_fill_none_deprecated`, the old behaviour a function kept for a while), or a
    name bound to a deprecation wrapper (`rmse = moved(..., "0.6.3", "0.7.0")(rms)`), private as
    its name may be: its callers were told it would go, and now it has."""
    assert sides.old is not None
    was = sides.old.symbols.get(change.old_qualname or change.qualname)
    if change.status != "removed" or was is None:
        return False
    if was.kind == "constant":
        statements = touched_statements(sides.old, {was.start}) or []
        value = getattr(statements[0], "value", None) if len(statements) == 1 else None
        return isinstance(value, ast.AST) and calls_for_deprecation(value)
    return _marks_deprecated(was.decorators) or "deprecat" in short_name(was.qualname).lower()


# A line that opens a function's definition.
_DEFINES = re.compile(r"^\s*(async\s+)?def\s")


def _renamed_by_callers(sides: ParsedSides, symbols: list[SymbolChange]) -> tuple[set[str], set[int]]:
    """The public functions the change added in place of functions it removed whose calls, each
    as it was but for the name, now call them, the old name called nowhere any more
    (`from_tau(tau)` became `from_precision(tau)` as `def from_tau` became `def from_precision`);
    and the ids of the changed symbols whose changes are only such calls: renamed, and
    followed."""
    assert sides.new is not None
    removed = {short_name(s.qualname) for s in symbols if s.status == "removed" and s.kind == "function"}
    added = {short_name(s.qualname) for s in symbols if s.status == "added" and s.kind == "function"}
    if not removed or not added:
        return set(), set()
    renames: dict[str, str] = {}
    substituted: set[int] = set()
    calls = re.compile(rf"\b({one_of(removed)})\(")
    for pairs in _line_for_line(sides, code_only=True):
        for was, now in pairs:
            old_text, new_text = sides.old_text_lines[was - 1], sides.new_text_lines[now - 1]
            if _DEFINES.match(new_text):
                continue  # the function's own header: renamed, but called nowhere by it
            for name in set(calls.findall(old_text)):
                renamed = next((other for other in added
                                if _with_names_replaced(old_text, {name: other}) == new_text), None)
                if renamed is not None and renames.setdefault(name, renamed) == renamed:
                    substituted.add(now)
    renames = {old: new for old, new in renames.items()
               if is_public(new) and not re.search(rf"\b{old}\(", sides.new.text)}
    if not renames:
        return set(), set()
    following = {id(s) for s in symbols if s.status == "changed"
                 and (lines := {n for n in sides.added_code_lines if s.start_line <= n <= s.end_line})
                 and lines <= substituted}
    return set(renames.values()), following


def _respelled_by_renames(sides: ParsedSides, symbols: list[SymbolChange]) -> set[int]:
    """The ids of the symbols removed and added in pairs, each the same code as the other but
    for its own name and the names of the classes and functions the change renamed in place
    (`_ao_per_module_config_handler(module, config: AOPerModuleConfig)` became
    `_module_fqn_to_config_handler(module, config: ModuleFqnToConfig)` as the class was renamed):
    renamed with them, not rewritten."""
    renames = {short_name(s.old_qualname): short_name(s.qualname)
               for s in symbols if s.renamed_in_place and s.old_qualname}
    removed = [s for s in symbols if s.status == "removed"]
    added = [s for s in symbols if s.status == "added"]
    paired: set[int] = set()
    if not (renames and removed and added):
        return paired
    for gone in removed:
        text = "\n".join(sides.old_text_lines[gone.start_line - 1:gone.end_line])
        for new in added:
            if new.kind != gone.kind or id(new) in paired:
                continue
            own = {short_name(gone.qualname): short_name(new.qualname)}
            respelled = _with_names_replaced(text, renames | own)
            if respelled == "\n".join(sides.new_text_lines[new.start_line - 1:new.end_line]):
                paired |= {id(gone), id(new)}
                break
    return paired


def _with_names_replaced(text: str, names: Mapping[str, str]) -> str:
    """The text with each of the names, as a whole word, replaced by the one it maps to."""
    return re.sub(rf"\b{one_of(names)}\b", lambda word: names[word[0]], text)


def _lazy_exports_listed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is in an entry of a module-level dict that names where a name is
    imported from when first asked for, a module of the project's own package
    (`"NeMoAutoModelForTokenClassification": ("nemo_automodel._transformers.auto_model",
    "NeMoAutoModelForTokenClassification")`): the package's exports, loaded lazily."""
    package = top_package(sides.diff.path)
    named = [*(sides.new_text_lines[n - 1] for n in new_lines),
             *(sides.old_text_lines[n - 1] for n in old_lines)]
    return any(f"{package}." in line for line in named) and all(
        _in_entries_naming(table, numbers, f"{package}.")
        for table, numbers in ((sides.new, new_lines), (sides.old, old_lines)) if numbers)


# What ctypes is told of a C library's functions and structs: `lib.f.argtypes = [c_int, ...]`,
# `lib.f.restype = c_int`, a `Structure`'s `_fields_ = [("size", c_uint64), ...]`.
_FOREIGN_SIGNATURES = ("argtypes", "restype", "_fields_")


def _foreign_signatures_written(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is in an assignment telling ctypes the argument or result types of a
    C function, or the fields of a struct (`amdsmi_dev_get_temp_metric.argtypes` takes
    `amdsmi_temperature_type_t` for `uint32_t`), or in a C function's prototype listed for ctypes
    (`Function("ncclCommWindowDeregister", ncclResult_t, [ncclComm_t, ncclWindow_t])`, as vLLM's
    NCCL wrapper lists them) or a method calling one through the table of those loaded
    (`self._funcs["ncclCommWindowDeregister"](comm, window)`), where a type or a prototype
    changed: the binding's side of a C interface, with the imports of the types it names.
    Methods that only call the functions otherwise change what the binding does."""
    declared = False
    assert sides.old is not None and sides.new is not None
    for table, numbers in ((sides.new, new_lines), (sides.old, old_lines)):
        if not numbers:
            continue
        if not any(word in table.text for word in (*_FOREIGN_SIGNATURES, "ctypes")):
            return False
        signatures, callers = _foreign_signature_lines(table, numbers)
        if not numbers - table.import_lines <= signatures | callers:
            return False
        declared = declared or bool(numbers & signatures)
    return declared


def _foreign_signature_lines(table: ModuleSymbols, numbers: set[int]) -> tuple[set[int], set[int]]:
    """The lines of ctypes' signatures and C functions' prototypes among the statements holding
    `numbers`, and those of the functions calling a prototype's function by its name."""
    tree = table.tree_holding(numbers)
    if tree is None:
        return set(), set()
    assignments = [node for node in ast.walk(tree) if isinstance(node, ast.Assign) and any(
        short_name(dotted_path(target)) in _FOREIGN_SIGNATURES for target in node.targets)]
    prototypes = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_c_prototype(node)]
    names = {node.args[0].value for node in prototypes if isinstance(node.args[0], ast.Constant)}
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    binding = {node.name for node in functions if any(
        isinstance(call, ast.Call) and isinstance(call.func, ast.Subscript)
        and isinstance(call.func.slice, ast.Constant) and call.func.slice.value in names
        for call in ast.walk(node))}
    callers = [node for node in functions if node.name in binding or any(
        isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in binding
        for call in ast.walk(node))]
    return {line for node in assignments + prototypes for line in node_lines(node)}, \
        {line for node in callers for line in range(first_line(node), node_lines(node).stop)}


def _is_c_prototype(call: ast.Call) -> bool:
    """A call naming a C function and giving its result type and a list of its argument types,
    one of them at least from ctypes or named as C types are (`ncclResult_t`)."""
    if len(call.args) != 3 or not isinstance(call.args[0], ast.Constant) \
            or not isinstance(call.args[0].value, str) or not isinstance(call.args[2], ast.List):
        return False
    types = [call.args[1], *call.args[2].elts]
    return all(_is_type_reference(node) for node in types) and any(_is_c_type(node) for node in types)


def _is_type_reference(node: ast.expr) -> bool:
    return isinstance(node, ast.Name | ast.Attribute) \
        or is_none(node) or (isinstance(node, ast.Call) and short_name(dotted_path(node.func)) == "POINTER")


def _is_c_type(node: ast.expr) -> bool:
    path = dotted_path(node.func if isinstance(node, ast.Call) else node)
    return path.startswith("ctypes.") or short_name(path).startswith("c_") or path.endswith("_t")


def _in_entries_naming(table: ModuleSymbols, numbers: set[int], prefix: str) -> bool:
    """The numbered lines all lie in entries of module-level dict displays whose values name a
    module starting with `prefix`."""
    tree = table.tree_holding(numbers)
    covered: set[int] = set()
    for statement in tree.body if tree is not None else []:
        value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
        if not isinstance(value, ast.Dict):
            continue
        for key, entry in zip(value.keys, value.values, strict=True):
            span = set(range(key.lineno if key else entry.lineno, (entry.end_lineno or entry.lineno) + 1))
            if span & numbers and any(isinstance(node, ast.Constant) and isinstance(node.value, str)
                                      and node.value.startswith(prefix) for node in ast.walk(entry)):
                covered |= span
    return numbers <= covered


def _options_recorded(sides: ParsedSides, symbols: list[SymbolChange], reshaped: set[int]) -> set[int]:
    """The ids of the methods of a class whose constructor gained options (`vocabulary_size=
    None`) that changed only to record them beside the others (`"vocabulary_size":
    self.vocabulary_size,` in `get_config`): the configuration the class saves and is built again
    from is its constructor's interface."""
    assert sides.old is not None and sides.new is not None
    gained: dict[str, set[str]] = {}
    for change in symbols:
        if id(change) in reshaped and change.qualname.endswith(".__init__") \
                and (before := sides.old.symbols.get(change.old_qualname or change.qualname)) is not None \
                and (after := sides.new.symbols.get(change.qualname)) is not None:
            gained[change.qualname.rpartition(".")[0]] = _options_gained(before.parameters, after.parameters)
    recorded: set[int] = set()
    for change in symbols:
        owner, _, name = change.qualname.rpartition(".")
        if not (options := gained.get(owner)) or change.status != "changed" or name == "__init__" \
                or change.old_qualname not in (None, change.qualname):
            continue
        was = sides.old.symbols.get(change.qualname)
        removed = was is not None and any(was.start <= n <= was.end for n in sides.removed_code_lines)
        added = [sides.new_text_lines[n - 1] for n in sides.added_code_lines
                 if change.start_line <= n <= change.end_line]
        if added and not removed and all(
                (match := _OPTION_RECORDED.match(line)) and match["field"] in options
                and (match["key"] or match["keyword"]) == match["field"] for line in added):
            recorded.add(id(change))
    return recorded


def _taken_away_and_followed(sides: ParsedSides, symbols: list[SymbolChange], around: AroundFile) -> bool:
    """A public top-level name the file no longer defines that another file of the change stops
    importing (`copy_to_model_parallel_region`, its callers rewritten), or a field the file's
    code no longer sets on `self` anywhere (`self.tp_size = tp_size`) that another file's
    changed lines stop reading (`pgm.tp_size`): the other components follow what this one took
    away. Not in a script run by its path."""
    if _is_script(sides):
        return False  # what a script defines is its own, whatever imports it
    removed = {s.qualname for s in symbols if s.status == "removed" and "." not in s.qualname
               and is_public(s.qualname)}
    if removed & around.unimported or _moved_out_of_reach(sides, around.moved_away):
        return True
    if not around.unread:
        return False
    old_text = sides.old_text_lines
    removed_lines = (old_text[n - 1] for n in sides.removed_code_lines if n <= len(old_text))
    unset = _fields_set_on_self(removed_lines) - _fields_set_on_self(sides.new_text_lines)
    return bool(unset & around.unread)


def _moved_out_of_reach(sides: ParsedSides, moved_away: frozenset[str]) -> bool:
    """A public definition moved to another module and not imported back (`ShardedStateDict`
    moved from `models/__init__.py` to `models/shared_dict.py`): what imported it from here
    must import it from there."""
    assert sides.new is not None
    defined = sides.new.defined
    return "*" not in defined and any(is_public(name) and name not in defined for name in moved_away)


def _sets_what_a_base_reads(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only adds lines that each set a public field on `self` which nothing in the
    module reads, in a class derived from a dependency's (`self.num_spec = ...` in
    `HPUMambaMixer2(MambaMixer2)`, as vLLM's mixer came to read `num_spec`): the field is there
    for the base class's code, what the subclass owes the class it extends."""
    fields, classes = _fields_set_alone(sides, new_lines, old_lines, _SELF_FIELD_SET)
    return bool(fields) and bool(classes) \
        and all(_derives_from_a_dependency(sides, node) for node in classes) \
        and not any(re.search(rf"\.{field}\b(?!\s*(?::[^=]*)?=(?!=))", line)
                    for field in fields for line in sides.new_text_lines)


def _fields_set_alone(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                      setting: re.Pattern[str]) -> tuple[set[str], list[ast.ClassDef]]:
    """Where the change only adds lines, each a statement `setting` finds, the public fields
    they set on `self` and the classes of the module holding them; nothing otherwise."""
    assert sides.new is not None
    text = sides.new_text_lines
    if old_lines or not new_lines or any(
            not setting.match(text[n - 1].strip()) for n in new_lines if n <= len(text)):
        return set(), []
    tree = sides.new.tree_holding(new_lines)
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)] if tree is not None else []
    return _fields_set_on_self(text[n - 1] for n in new_lines if n <= len(text)), classes


def _switches_a_base_offers_set(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only adds lines that each turn a switch on `self` on or off, in classes
    derived from others, where nothing in the module reads the switch (`self.reset_dynamo =
    True` in an operator's `__init__`, its base class resetting dynamo when the switch is on):
    a subclass choosing how the code it inherits behaves."""
    fields, classes = _fields_set_alone(sides, new_lines, old_lines, _SWITCH_SET_ON_SELF)
    return bool(fields) and bool(classes) and all(node.bases for node in classes) \
        and not any(re.search(rf"\.{field}\b(?!\s*=(?!=))", line)
                    for field in fields for line in sides.new_text_lines)


_SWITCH_SET_ON_SELF = re.compile(r"self\.[A-Za-z]\w*\s*=\s*(True|False)\s*(#.*)?$")


def _derives_from_a_dependency(sides: ParsedSides, node: ast.ClassDef) -> bool:
    """A base of the class, generic or not (`AttentionMetadataBuilder[Metadata]`), is imported,
    by an absolute import, from outside the file's package."""
    assert sides.new is not None
    package = PurePosixPath(sides.diff.path).parts
    modules = {name: statement.module for statement in sides.new.imports for name in statement.names}
    bases = [base.value if isinstance(base, ast.Subscript) else base for base in node.bases]
    return any((module := modules.get(dotted_path(base).split(".", 1)[0])) is not None
               and not module.startswith(".") and module.split(".", 1)[0] not in package
               and _is_dependency(module) for base in bases)


def _declares_what_a_base_reads(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only adds, beside imports, public attributes to the bodies of classes derived
    from a dependency's, which nothing in the module reads (`reorder_batch_threshold:
    ClassVar[int] = 1` in a vLLM attention metadata builder, so the runner reorders its batch):
    what the subclass owes the class it extends, as `_sets_what_a_base_reads` finds for fields
    set on `self`."""
    assert sides.old is not None and sides.new is not None
    code = new_lines - sides.new.import_lines
    if old_lines - sides.old.import_lines or not code or (tree := sides.new.tree_holding(code)) is None:
        return False
    declared: set[str] = set()
    covered: set[int] = set()
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or not _derives_from_a_dependency(sides, node) \
                or _holds_options(sides.diff.path, node.name) \
                or ((symbol := sides.new.symbols.get(node.name)) is not None and _is_data_model(symbol)):
            continue
        for statement in node.body:
            span = set(node_lines(statement))
            # an annotation alone declares a field of the instances, unless it says `ClassVar`
            field = isinstance(statement, ast.AnnAssign) and not _is_class_variable(statement.annotation)
            names = assigned_names(statement) if span & code and not field else set()
            if names and all(is_public(name) and "." not in name for name in names):
                declared |= names
                covered |= span
    read = re.compile(rf"\.{one_of(declared)}\b(?!\s*(?::[^=]*)?=(?!=))") if declared else None
    return read is not None and code <= covered \
        and not any(read.search(line) for line in sides.new_text_lines)


def _fields_set_on_self(lines: Iterable[str]) -> set[str]:
    """The public fields those lines set on `self`."""
    return {name for line in lines for name in _SELF_FIELD_SET.findall(line) if is_public(name)}


def _pickles(sides: ParsedSides, change: SymbolChange) -> bool:
    """A method that says how its object is pickled (`__getstate__`, `__setstate__`,
    `__reduce__`): what it writes is what another process, or a later run, reads. One that
    still returns the same values, by the same names, changed how it makes them, not what it
    writes (`__getstate__` stops consolidating `self.batch` in place)."""
    return change.kind == "method" and (short_name(change.qualname) in _PICKLING_METHODS
                                        or _named_by_pickling(sides, change)) \
        and not _returns_the_same(sides, change)


def _named_by_pickling(sides: ParsedSides, change: SymbolChange) -> bool:
    """A method of the class that a pickling method of it names: the constructor `__reduce__`
    hands to pickle (`return (RandomNumberGenerator._generator_ctor, init_args, *args)`)."""
    assert sides.new is not None
    owner, _, name = change.qualname.rpartition(".")
    return change.status != "removed" and any(
        (function := sides.new.function(f"{owner}.{method}")) is not None
        and any(isinstance(node, ast.Attribute) and node.attr == name for node in ast.walk(function))
        for method in _PICKLING_METHODS)


def _returns_the_same(sides: ParsedSides, change: SymbolChange) -> bool:
    """A changed function whose `return` statements are the same, and as many, as before."""
    assert sides.old is not None and sides.new is not None
    if change.status != "changed":
        return False
    before = sides.old.function(change.old_qualname or change.qualname)
    after = sides.new.function(change.qualname)
    if before is None or after is None:
        return False
    returned = [[ast.dump(node) for node in ast.walk(function) if isinstance(node, ast.Return)]
                for function in (before, after)]
    return bool(returned[0]) and returned[0] == returned[1]


def _only_deferred_to_base(sides: ParsedSides, change: SymbolChange) -> bool:
    """A method removed that only called the same method of its base class with what it was
    given (`def __init__(self): super().__init__()`): the class does the same without it."""
    assert sides.old is not None
    function = sides.old.function(change.old_qualname or change.qualname) if change.kind == "method" else None
    if function is None or (found := same_method_call(function)) is None or not is_super(found[1]):
        return False
    call = found[0]
    taken = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args)][1:]
    passed = [arg.id for arg in call.args if isinstance(arg, ast.Name)]
    return not call.keywords and len(passed) == len(call.args) and passed == taken \
        and function.args.vararg is None and function.args.kwarg is None and not function.args.kwonlyargs


def _constructor_left_to_base(sides: ParsedSides, change: SymbolChange) -> bool:
    """An `__init__` removed that first handed all it took, as it took it, to its base's
    (`def __init__(self, name, ctx, config): super().__init__(name, ctx, config)`, then set
    things up), each field it set still set or declared in the file (`self.vision_planner`,
    now set up on first call): the class is made with what it was made with, and its objects
    hold what they held."""
    assert sides.old is not None
    if change.kind != "method" or short_name(change.qualname) != "__init__" \
            or (function := sides.old.function(change.old_qualname or change.qualname)) is None:
        return False
    body = without_docstrings(function.body)
    first = body[0].value if body and isinstance(body[0], ast.Expr) else None
    if not (isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute)
            and first.func.attr == "__init__" and is_super(first.func.value)):
        return False
    arguments = function.args
    taken = [arg.arg for arg in (*arguments.posonlyargs, *arguments.args)][1:]
    passed = [arg.id if isinstance(arg, ast.Name) else None for arg in first.args]
    if first.keywords or passed != taken or arguments.vararg is not None or arguments.kwarg is not None \
            or arguments.kwonlyargs:
        return False
    fields = _fields_set_on_self(sides.old_text_lines[function.lineno - 1:function.end_lineno])
    declared = {match[1] for line in sides.new_text_lines if (match := _NAME_BOUND.match(line))}
    return fields <= _fields_set_on_self(sides.new_text_lines) | declared


# A name bound in a block: `    vision_planner: VisionPlanner = None`.
_NAME_BOUND = re.compile(r"^\s+([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")


def _registered(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function a decorator registers with a dispatcher (`@cat.override(ReplicatedTensor)`,
    `@registry.register("fp8")`, `@register_kernel(...)`): callers reach it through what it is
    registered for, not by its name."""
    assert sides.old is not None
    symbol = sides.old.symbols.get(change.qualname)
    return symbol is not None and symbol.kind in ("function", "method") and any(
        (last := decorator.rsplit(".", 1)[-1]) in _REGISTERING or last.startswith("register_")
        for decorator in symbol.decorators)


def _hoisted(sides: ParsedSides, change: SymbolChange, added: set[str]) -> bool:
    """A method removed from a class while a base class of it in the module gains it, or
    moves there (`get_metrics` moved from two engines into the mixin they share): the class
    still has it."""
    assert sides.new is not None
    owner, _, name = change.qualname.rpartition(".")
    holder = sides.new.symbols.get(owner) if owner else None
    if holder is None or holder.kind != "class":
        return False
    bases = _WORD.findall(holder.signature.partition("(")[2])
    return any(f"{base}.{name}" in added for base in bases)


def _only_documented(sides: ParsedSides, change: SymbolChange) -> bool:
    """A changed symbol whose changed lines are all of its docstrings (or comments)."""
    assert sides.old is not None and sides.new is not None
    if change.status != "changed":
        return False
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    if before is None:
        return False
    new_lines = {n for n in sides.added_code_lines if change.start_line <= n <= change.end_line}
    old_lines = {n for n in sides.removed_code_lines if before.start <= n <= before.end}
    return new_lines <= sides.new.docstring_lines and old_lines <= sides.old.docstring_lines


def _is_script(sides: ParsedSides) -> bool:
    """A module run by its path (`python tools/convert_weights.py`), outside any package."""
    return outside_packages(sides.diff.path) and _runs_as_script(sides)


def _runs_as_script(sides: ParsedSides) -> bool:
    """The module does its work under `if __name__ == "__main__":`."""
    return sides.new is not None and bool(_RUNS_AS_SCRIPT.search(sides.new.text))


def _schema_added(sides: ParsedSides, change: SymbolChange) -> bool:
    """A class added that declares the shape of data by its base (a pydantic model, a
    `TypedDict`): what it declares is read or written across a boundary, as a Rust type
    serde reads is."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    return change.status == "added" and change.kind == "class" and symbol is not None \
        and bool(_DATA_MODEL_BASE.search(symbol.signature))


def _renamed(sides: ParsedSides, change: SymbolChange) -> bool:
    """Moved under another name: to another module, or in its own where the name it had is
    gone. A method another class of the module took over while its class stays (a base class
    carved out of it) keeps what its callers reach."""
    if change.status != "moved" or change.old_qualname is None:
        return False
    assert sides.new is not None
    owner = change.old_qualname.rpartition(".")[0] or change.old_qualname
    return change.old_path != change.path or owner not in sides.new.symbols


def _options_weight(sides: ParsedSides, change: SymbolChange) -> int:
    """What of a reshaped function's change is about its interface. A function that only gained
    parameters with defaults (`add_eos=True`) keeps every call to it working: only its header
    and docstring, the lines that name what it gained and the code they now hold (statements
    put under `if add_eos:` as they were) are; the rest of its change is what it does anew. One
    that also hands back another number of values (`return entropies, preds` where it returned
    `entropies`) breaks its callers: all of its change is."""
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if before is None or after is None or change.kind not in ("function", "method") \
            or not (gained := _options_gained(before.parameters, after.parameters)) \
            or (function := sides.new.function(change.qualname)) is None or _returns_otherwise(sides, change):
        return change.weight
    added = {n for n in sides.added_code_lines if after.start <= n <= after.end}
    removed = [n for n in sides.removed_code_lines if before.start <= n <= before.end]
    first = first_line(function)
    was = Counter(sides.old_text_lines[n - 1].strip() for n in removed)
    naming = [(node, body) for node, body in _statements_naming(function, gained)
              if body is None or not _gates_new_code(sides.new_text_lines, node, body, after.start - first,
                                                     added, was)]
    # The docstring documents the interface where it tells of what the function gained, or of
    # parameters it did not tell of before; not where it describes the others anew.
    parameters = {part.split("=", 1)[0].lstrip("*") for part in after.parameters.split(",")} - {""}
    documented = gained | (_documented(sides.new_text_lines, sides.new.docstring_lines, after, parameters)
                           - _documented(sides.old_text_lines, sides.old.docstring_lines, before, parameters))
    # Of a header laid out anew over several lines, the lines of what it gained.
    gaining = re.compile(rf"\b{one_of(gained)}\b")
    header_new = _header_lines(sides.new_text_lines, after.start, after.end)
    taking = {after.start - first + n for n in _lines_naming(naming)} \
        | {n for n in header_new if len(header_new) == 1 or gaining.search(sides.new_text_lines[n - 1])} \
        | _documenting(sides.new_text_lines, sides.new.docstring_lines, after, documented)
    told_before = _documenting(sides.old_text_lines, sides.old.docstring_lines, before, documented)
    old_header = set(_header_lines(sides.old_text_lines, before.start, before.end))
    header = set(removed) & (old_header | told_before) - _header_relaid(sides, change)[1]
    held = {after.start - first + n for n in _lines_held(naming)}
    # A line kept as it was counts on both sides of the change: where it now names what the
    # function gained (a call passing the option on, laid out anew), its old side too; where
    # it is held by an option's block, both.
    kept_naming = Counter(sides.new_text_lines[n - 1].strip() for n in added if n in taking) & was
    kept_held = Counter(sides.new_text_lines[n - 1].strip() for n in added if n in held and n not in taking) \
        & (was - kept_naming)
    return max(1, min(change.weight, len(taking.intersection(added)) + len(header) + kept_naming.total()
                      + 2 * kept_held.total()))


def _gates_new_code(lines: list[str], node: ast.stmt, body: list[ast.stmt], offset: int,
                    added: set[int], was: Counter[str]) -> bool:
    """The compound statement's block (lines `offset` on from the function's) is all code
    written anew: `if use_recommended_config:` over lines that were nowhere before gates what
    the function now does, and is part of it. Not a check that refuses what it was given
    (`if image_max_side and image_width: raise ValueError(...)`), which is of its interface."""
    if all(isinstance(statement, ast.Raise) for statement in body):
        return False
    block = range(body[0].lineno + offset, (node.end_lineno or node.lineno) + offset + 1)
    return all(n in added and lines[n - 1].strip() not in was for n in block if lines[n - 1].strip())


def _docstring_entry(names: set[str]) -> re.Pattern[str]:
    """A docstring's entry for one of the names, its indentation and the name as groups 1 and 2:
    `    chunk_size (int): Size of chunks`, `:param chunk_size: ...`."""
    return re.compile(rf"^(\s*)(?::param\s+)?({one_of(names)})\s*(?:\([^)]*\))?\s*:")


def _documented(text: list[str], docstring_lines: LineSpans, symbol: Symbol, names: set[str]) -> set[str]:
    """The names the symbol's docstring has an entry for (`chunk_size (int): Size of chunks`)."""
    entry = _docstring_entry(names)
    return {found.group(2) for n in docstring_lines.between(symbol.start, symbol.end)
            if (found := entry.match(text[n - 1]))}


def _documenting(text: list[str], docstring_lines: LineSpans, symbol: Symbol, names: set[str]) -> set[int]:
    """The lines of the symbol's docstring that are about the names: each that names one, and
    the lines an entry for one holds (`custom_grad_sync_func: Does nothing if None.` and the
    lines indented under it)."""
    naming = re.compile(rf"\b{one_of(names)}\b")
    entry = _docstring_entry(names)
    lines: set[int] = set()
    entry_indentation: int | None = None
    for number in docstring_lines.between(symbol.start, symbol.end):
        line = text[number - 1]
        if not line.strip():
            continue
        if entry_indentation is not None and len(line) - len(line.lstrip()) > entry_indentation:
            lines.add(number)
            continue
        starts = entry.match(line)
        entry_indentation = len(starts.group(1)) if starts else None
        if starts or naming.search(line):
            lines.add(number)
    return lines


_Naming = list[tuple[ast.stmt, list[ast.stmt] | None]]


def _lines_naming(naming: _Naming) -> set[int]:
    """The lines of the statements that name what a function gained (`_statements_naming`): a
    simple statement whole (a call over several lines), of a compound one (`if`, `for`,
    `with`) its header."""
    lines: set[int] = set()
    for node, body in naming:
        end = (node.end_lineno or node.lineno) if body is None else body[0].lineno - 1
        lines.update(range(node.lineno, max(node.lineno, end) + 1))
    return lines


def _lines_held(naming: _Naming) -> set[int]:
    """The lines of the blocks of the compound statements whose header names what a function
    gained: the code an option now decides on (`if add_eos:`)."""
    return {line for node, body in naming if body is not None
            for line in range(body[0].lineno, (node.end_lineno or node.lineno) + 1)}


def _statements_naming(function: ast.FunctionDef | ast.AsyncFunctionDef,
                       names: set[str]) -> Iterator[tuple[ast.stmt, list[ast.stmt] | None]]:
    """Each statement of the function's own (not of functions or classes it defines) that
    names one of the names, or reads what the object keeps of it (`self.elementwise_affine`),
    a compound one in its header, with its block (None for a simple statement)."""
    for node in own_nodes(function):
        if not isinstance(node, ast.stmt) \
                or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        body = getattr(node, "body", None)
        parts = [node] if body is None else \
            [part for field in ("test", "iter", "target", "items") if (part := getattr(node, field, None))]
        if any((isinstance(name, ast.Name) and name.id in names)
               or (isinstance(name, ast.Attribute) and name.attr in names and isinstance(name.value, ast.Name)
                   and name.value.id in ("self", "cls"))
               for part in parts for element in (part if isinstance(part, list) else [part])
               for name in ast.walk(element)):
            yield node, body


def _header_relaid(sides: ParsedSides, change: SymbolChange) -> tuple[set[int], set[int]]:
    """The lines, new and old, of a function's header laid out anew that spell the same
    parameters on each side (`self, delta: float, *, eps_error: float = 0.01` became a line for
    each, beside a new one for `**kwargs`; `num_proc         = None,` realigned): layout, neither
    what its interface gained nor what it does anew."""
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if before is None or after is None or change.kind not in ("function", "method"):
        return set(), set()
    old = {n: _parameters_spelled(sides.old_text_lines[n - 1]) if n in sides.removed_code_lines else set()
           for n in _header_lines(sides.old_text_lines, before.start, before.end)}
    new = {n: _parameters_spelled(sides.new_text_lines[n - 1]) if n in sides.added_code_lines else set()
           for n in _header_lines(sides.new_text_lines, after.start, after.end)}
    spelled_old = set().union(*old.values())
    relaid_new = {n for n, pieces in new.items() if pieces and pieces <= spelled_old}
    spelled_again = set().union(*(new[n] for n in relaid_new))
    return relaid_new, {n for n, pieces in old.items() if pieces and pieces <= spelled_again}


def _parameters_spelled(line: str) -> set[str]:
    """The comma-separated pieces of a header's line, without spaces or a trailing comment."""
    return set("".join(line.split("#", 1)[0].split()).split(",")) - {""}


def _options_gained(before: str, after: str) -> set[str]:
    """The names of the parameters (as `_parameters` writes them: `a,b=,*,c=`) that `after`
    adds to `before`, when it keeps every one `before` had, in order, and each it adds has a
    default or gathers extra arguments; none otherwise."""
    kept = iter(before.split(",") if before else [])
    expected = next(kept, None)
    gained: list[str] = []
    for part in after.split(",") if after else []:
        if part == expected:
            expected = next(kept, None)
        else:
            gained.append(part)
    if expected is not None or not all("=" in part or part.startswith("*") for part in gained):
        return set()
    return {name for part in gained if (name := part.split("=", 1)[0].lstrip("*"))}


def _default_hook(sides: ParsedSides, change: SymbolChange) -> bool:
    """A method added to a base class (`_is_base_class`) that does nothing of its own: it hands
    back what it was given or a constant, passes, or raises `NotImplementedError` (`def
    maybe_update_state_dict(self, state_dict): return state_dict`). The class offers it for
    subclasses to override: a point where other components plug in."""
    if change.status != "added" or change.kind != "method" or sides.new is None \
            or not _is_base_class(sides.new, change.qualname.rsplit(".", 1)[0]):
        return False
    node = sides.new.function(change.qualname)
    if node is None:
        return False
    parameters = {argument.arg for argument in ast.walk(node.args) if isinstance(argument, ast.arg)}
    # a docstring, or `...`, says nothing is done
    statements = without_docstrings(node.body)
    return len(statements) <= 1 and all(_does_nothing(statement, parameters) for statement in statements)


def _capability_answered(sides: ParsedSides, change: SymbolChange) -> bool:
    """A method or property added to a subclass of a dependency's class that only answers True
    or False (`is_compileable` on a cache built on Transformer Engine's `InferenceParams`,
    returning False): what the frameworks the object is handed to ask of it."""
    if change.status != "added" or change.kind != "method" or sides.new is None:
        return False
    cls = sides.new.symbols.get(change.qualname.rsplit(".", 1)[0])
    node = sides.new.function(change.qualname)
    if cls is None or cls.kind != "class" or node is None:
        return False
    statements = without_docstrings(node.body)
    return len(statements) == 1 and isinstance(returned := statements[0], ast.Return) \
        and isinstance(returned.value, ast.Constant) and isinstance(returned.value.value, bool) \
        and bool(set(base_names(cls.signature)) & _names_from_dependencies(sides.new, sides.diff.path))


def _is_base_class(table: ModuleSymbols, qualname: str) -> bool:
    """A class written to be subclassed: abstract (`ABC`, `ABCMeta`, a `Protocol`, or a method
    marked `abstractmethod`), or named as a base (`BaseQuantizer`, `QuantizerBase`, `LoaderMixin`)."""
    symbol = table.symbols.get(qualname)
    if symbol is None or symbol.kind != "class":
        return False
    if _BASE_CLASS_HEADER.search(symbol.signature) or _BASE_CLASS_NAME.search(symbol.name):
        return True
    return any(other.qualname.startswith(qualname + ".")
               and any(decorator.endswith("abstractmethod") for decorator in other.decorators)
               for other in table.symbols.values())


def _does_nothing(statement: ast.stmt, parameters: set[str]) -> bool:
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Raise):
        raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"
    if isinstance(statement, ast.Return):
        return statement.value is None or _given_or_constant(statement.value, parameters)
    return False


def _given_or_constant(value: ast.expr, parameters: set[str]) -> bool:
    """A constant, a parameter, or a tuple, list or dict made of them (`state_dict, {}`)."""
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.Name):
        return value.id in parameters and value.id != "self"
    if isinstance(value, ast.Tuple | ast.List):
        return all(_given_or_constant(item, parameters) for item in value.elts)
    if isinstance(value, ast.Dict):
        return all(item is not None and _given_or_constant(item, parameters)
                   for item in (*value.keys, *value.values))
    return False


def _carved_out(sides: ParsedSides, change: SymbolChange, changed: str) -> bool:
    """A function added whose code was there before (most of its code lines are the diff's
    context, not lines it added), and that code the change touched calls (`changed`): `apply`
    split into `get_weight_compression_parameters`, which callers can now ask for, and an
    `apply` that calls it."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    return change.status == "added" and symbol is not None and symbol.kind in ("function", "method") \
        and bool(re.search(rf"\b{re.escape(symbol.name)}\s*\(", changed)) and _holds_old_code(sides, symbol)


def _holds_old_code(sides: ParsedSides, symbol: Symbol) -> bool:
    """Most of the symbol's code lines are the diff's context, not lines it added."""
    assert sides.new is not None
    lines = code_lines(sides.new.lines, range(symbol.start, symbol.end + 1), sides.new)
    carried = lines - sides.added_code_lines - sides.new.docstring_lines
    return len(carried) >= CARVED_MIN_LINES and len(carried) >= CARVED_SHARE * len(lines)


# What registers a function as an op, and the op's name: `@triton_op("fp8::matmul", ...)`,
# `@torch.library.custom_op("fp8::matmul", ...)`.
_OP_NAME = re.compile(r"^\w+::(\w+)$")


def _implementations_wrapped(sides: ParsedSides, symbols: list[SymbolChange]) -> set[int]:
    """The ids of each public function whose code a function the change added under another
    name now holds (`w8a8_matmul`'s body is `_w8a8_matmul`'s, registered as the op
    `fp8::w8a8_matmul`), the public one now only returning a call of it or of its op (`return
    torch.ops.fp8.w8a8_matmul(A, B)`), and of that function: the public name kept as a
    wrapper over a new interface. Not where the function that now holds the code is private
    and registers no op (`searchsorted` returning `_searchsorted(a, v, side, sorter, True)`):
    code shared inside the module, behind the interface it had."""
    assert sides.new is not None
    callees: dict[int, set[str]] = {}
    for change in symbols:
        symbol = sides.new.symbols.get(change.qualname)
        if change.status == "added" and symbol is not None and symbol.kind == "function" \
                and _holds_old_code(sides, symbol) \
                and (function := sides.new.function(change.qualname)) is not None:
            ops = _ops_registered(function)
            if ops or is_public(symbol.name):
                callees[id(change)] = {symbol.name} | ops
    wrapped: set[int] = set()
    for change in symbols:
        if not callees or change.status != "changed" or change.kind != "function" \
                or not is_public(change.qualname) \
                or (function := sides.new.function(change.qualname)) is None:
            continue
        body = without_docstrings(function.body)
        if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
            continue
        called = dotted_path(body[0].value.func).rsplit(".", 1)[-1]
        if targets := {added for added, names in callees.items() if called in names}:
            wrapped |= {id(change), *targets}
    return wrapped


def _dependency_api_replaced(sides: ParsedSides, imports: list[ImportChange], new_lines: set[int],
                             old_lines: set[int]) -> bool:
    """The file stops importing names from a dependency and imports others from the same
    dependency in their place, and each statement the change touched uses them: the old ones
    before, the new ones after, or binds what such a statement is given
    (`W8A8BlockFp8LinearOp(...)` became `init_fp8_linear_kernel(weight_quant_key=QuantKey(...),
    ...)` once vLLM dropped the class): the code follows an interface the dependency replaced.
    Another library taken instead (`imageio` for `mediapy`) is no such interface."""
    assert sides.old is not None and sides.new is not None
    own = top_package(sides.diff.path)
    third_party = [(change, change.module.split(".", 1)[0]) for change in imports
                   if _is_dependency(change.module) and change.module.split(".", 1)[0] not in (own, "")]
    kept = {name for change in imports if change.status != "removed" for name in change.names}
    packages = {root for change, root in third_party if change.status == "removed"} \
        & {root for change, root in third_party if change.status == "added"}
    dropped = {name for change, root in third_party if change.status == "removed" and root in packages
               for name in change.names} - kept
    brought = {name for change, root in third_party if change.status == "added" and root in packages
               for name in change.names} - sides.old.imported_names
    old_code, new_code = old_lines - sides.old.import_lines, new_lines - sides.new.import_lines
    if not dropped or not old_code or not new_code:
        return False
    before = touched_statements(sides.old, old_code)
    after = touched_statements(sides.new, new_code)
    if not before or not after:
        return False
    # a name of the same dependency imported already, which the statements now read in place of
    # the dropped one (`get_moon(t)` became `get_body("moon", t)`)
    offered = {name for statement in sides.new.imports if statement.module.split(".", 1)[0] in packages
               for name in statement.names}
    read_before = set().union(*map(referenced_names, before))
    brought |= offered & set().union(*map(referenced_names, after)) - read_before
    if not brought:
        return False
    read: set[str] = set()  # what the statements after read, which one before may bind
    for statement in reversed(after):
        names = referenced_names(statement)
        if not names & brought and not _variables_bound(statement) & read:
            return False
        read |= names
    return all(referenced_names(statement) & dropped for statement in before)


def _dependency_names_replaced(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Names of a dependency's module (`import numpy as np`) are now spelled without it, on the
    same values (`dtype=np.bool` became `dtype=bool`, `np.asscalar(n)` became `n.item()`)."""
    assert sides.old is not None and sides.new is not None
    modules = {name for statement in sides.old.imports
               if statement.statement.startswith("import ") and _is_dependency(statement.module)
               for name in statement.names}
    return bool(new_lines and modules) \
        and any(f"{module}." in lines[n - 1] for lines, numbers in ((sides.old_text_lines, old_lines),
                                                                     (sides.new_text_lines, new_lines))
                for n in numbers for module in modules) \
        and module_names_replaced(sides.old, sides.new, old_lines, new_lines, modules)


# A function named for a comparison of versions: `compute_capabilities_after`,
# `is_torch_greater_or_equal`, `version_at_least`, `pytorch_before`.
_NAMES_A_VERSION_CHECK = re.compile(
    r"version|_(after|before)$|greater|less_than|at_least|_newer|_older|_[gl]eq?$")


def _only_version_checks_added(sides: ParsedSides, symbols: list[SymbolChange], new_lines: set[int],
                               old_lines: set[int]) -> bool:
    """The change only adds functions, each named for a comparison of versions, reading a
    version and comparing (`def compute_capabilities_after(major, minor=0)`, which parses the
    GPU's compute capability with `packaging.version.parse` and compares it), and the imports
    they use: version checks."""
    assert sides.new is not None
    added = [s for s in symbols if s.status == "added" and s.kind == "function"]
    if old_lines or not added or any(s.status != "added" for s in symbols):
        return False
    spans = {n for s in added for n in range(s.start_line, s.end_line + 1)}
    if not new_lines - sides.new.import_lines <= spans:
        return False
    for symbol in added:
        body = set(range(symbol.start_line + 1, symbol.end_line + 1)) - sides.new.docstring_lines
        code = [_PROSE.sub("''", sides.new_text_lines[n - 1]) for n in body]
        if not _NAMES_A_VERSION_CHECK.search(short_name(symbol.qualname).lower()) \
                or not any(VERSION_PREDICATE.search(line) for line in code) \
                or not any(_COMPARISON.search(line) for line in code):
            return False
    return True


def _data_keys_renamed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The keys read out of data handed across are renamed; not where the file still reads each
    key it stopped reading there out of the same holder (`metrics['per_class_precision']`
    became `metrics['per_class_recall']` beside a read of the first kept: another key read, the
    data as it was), nor where it read each key it reads there anew out of the same holder
    before (`"min_new_tokens": self.gen_kwargs["min_new_tokens"]` became `self.gen_kwargs[
    "max_new_tokens"]`, read on the next line all along)."""
    assert sides.old is not None and sides.new is not None
    keys_before = {key for n in old_lines for key in _KEY_READ.findall(sides.old_text_lines[n - 1])}
    keys_after = {key for n in new_lines for key in _KEY_READ.findall(sides.new_text_lines[n - 1])}
    if not (keys_before - keys_after and keys_after - keys_before):
        return False
    dropped = _holders_read(sides.old_text_lines, old_lines, keys_before - keys_after)
    read_anew = _holders_read(sides.new_text_lines, new_lines, keys_after - keys_before)
    return not (dropped and all(read in sides.new.text for read in dropped)) \
        and not (read_anew and all(read in sides.old.text for read in read_anew)) \
        and data_keys_renamed(sides.old, sides.new, old_lines, new_lines)


def _holders_read(text: list[str], lines: set[int], keys: set[tuple[str, str]]) -> set[str]:
    """The reads on the lines of the subscripted keys among `keys` out of what a name holds
    (`metrics['per_class_precision']`)."""
    subscripted = {key for key, _ in keys if key}
    return {match[0] for n in lines for match in _HOLDER_KEY_READ.finditer(text[n - 1])
            if match[2] in subscripted}


# A key read out of what a name holds: `metrics['per_class_precision']`.
_HOLDER_KEY_READ = re.compile(r"""([A-Za-z_][\w.]*)\[(["'][^"'\]]+["'])\]""")


# A named key read or written, `["tokens"]`, or alone on its line, the brackets on the lines
# around it; or read with `get`: `.get("F", "CV", "feasible")`.
_KEY_READ = re.compile(r"""(?:\[\s*|^\s*)(["'][^"'\]]+["'])\s*(?:\]|$)"""
                       r"""|\.get\(\s*((?:["'][^"']+["']\s*,?\s*)+)\)""")


def _public_fields_renamed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A public class's field is renamed, and what reads it follows."""
    assert sides.old is not None and sides.new is not None
    owners = {sides.old.owner(n) for n in old_lines}
    return bool(new_lines and old_lines) and any(
        owner and "." not in owner and is_public(owner) and sides.old.symbols[owner].kind == "class"
        for owner in owners) and class_fields_renamed(sides.old, sides.new, old_lines, new_lines)


# A module-level name bound on one line: `is_torch_greater_or_equal_than_1_13 = parsed >= v`.
_MODULE_BINDING = re.compile(r"^([A-Za-z_]\w*)\s*=[^=]")


def _import_replaced_by_own_copy(sides: ParsedSides, symbols: list[SymbolChange], imports: list[ImportChange],
                                 new_lines: set[int], old_lines: set[int]) -> bool:
    """A function or constant the file imported it now defines itself, under that name or a
    private one (`from distutils.util import strtobool` gave way to `def _strtobool(val)`, as
    Python 3.12 dropped distutils; `is_torch_greater_or_equal_than_1_13`, which transformers 4.48
    no longer has, computed from a constant bound beside it), and every other statement the
    change touched calls the copy where it called the import: what the file depends on changed,
    not what it does."""
    assert sides.old is not None and sides.new is not None
    if not (dropped := _unimported_names(imports)):
        return False
    # `utils.zeros_like` of a module no longer imported, copied as `_zeros_like`
    reached = {f"{module}.{name}" for module, name in _REACHED_ATTRIBUTE.findall(sides.old.text)
               if module in dropped}
    functions = [symbol for symbol in symbols if symbol.status == "added" and symbol.kind == "function"
                 and (symbol.qualname.lstrip("_") in dropped
                      or any(path.endswith("." + symbol.qualname.lstrip("_")) for path in reached))]
    renamed = {symbol.qualname.lstrip("_"): symbol.qualname for symbol in functions}
    renamed |= {path: renamed[path.rpartition(".")[2]] for path in reached
                if path.rpartition(".")[2] in renamed}
    written = {n for symbol in functions for n in range(symbol.start_line, symbol.end_line + 1)}
    bound = {n: match.group(1) for n in new_lines
             if (match := _MODULE_BINDING.match(sides.new_text_lines[n - 1]))}
    if values := {n for n, name in bound.items() if name.lstrip("_") in dropped}:
        renamed.update({bound[n].lstrip("_"): bound[n] for n in values})
        read = " ".join(sides.new_text_lines[n - 1].partition("=")[2] for n in values)
        written |= values | {n for n, name in bound.items() if re.search(rf"\b{re.escape(name)}\b", read)}
    if not renamed:
        return False
    rest_new = new_lines - written - sides.new.import_lines
    rest_old = old_lines - sides.old.import_lines
    if not rest_new and not rest_old:
        return True
    pairs = touched_pairs(sides.old, sides.new, rest_old, rest_new)

    def judge(was: object, now: object) -> bool | None:
        if isinstance(was, ast.Name | ast.Attribute) and isinstance(now, ast.Name) \
                and ast.unparse(was) != now.id:
            return renamed.get(ast.unparse(was)) == now.id
        return None
    return pairs is not None and each_pair_same_but(pairs, judge)


_REACHED_ATTRIBUTE = re.compile(r"\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b")


def _reached_through_other_modules(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """What the code reaches in a dependency's module, it now reaches through another of the
    package's modules, under the same name, and does nothing else anew."""
    assert sides.old is not None and sides.new is not None
    modules = {name for statement in sides.old.imports if _is_dependency(statement.module)
               for name in statement.names} | sides.old.imported_by_call
    if not new_lines or not old_lines or not modules:
        return False
    reference = re.compile(rf"\b({one_of(modules)})((?:\.\w+)+)")

    def reached(lines: set[int], text: list[str]) -> dict[tuple[str, str], set[str]]:
        paths: dict[tuple[str, str], set[str]] = {}
        for number in lines:
            for root, rest in reference.findall(text[number - 1]):
                paths.setdefault((root, rest.rsplit(".", 1)[-1]), set()).add(rest)
        return paths
    before, after = reached(old_lines, sides.old_text_lines), reached(new_lines, sides.new_text_lines)
    return any(before[name] - after[name] and after[name] - before[name]
               for name in before.keys() & after.keys()) \
        and reached_through_other_modules(sides.old, sides.new, old_lines, new_lines, modules)


# `cohere_api_error = cohere.CohereAPIError`: a name bound to a part of a module.
_BINDS_PART_OF_MODULE = re.compile(r"^\s*(\w+)\s*=\s*([A-Za-z_]\w*(?:\.\w+)+)\s*(#.*)?$")


def _reads_what_imports_bind(sides: ParsedSides, new_code: set[int], old_code: set[int],
                             loading: set[int]) -> bool:
    """Each changed statement took the place of one that reached into an imported module where
    it now reads the name its import block binds to that part of the module (`(cohere.CohereAPIError)`
    became `(cohere_api_error)`, beside `cohere_api_error = cohere.CohereAPIError` in the `try`
    that imports `cohere`, and `cohere_api_error = Exception` where that fails): the code uses
    what the import gives, or its stand-in."""
    assert sides.new is not None
    if not new_code or not old_code:
        return False
    imported = sides.new.imported_names
    aliases = {match[2]: match[1] for n in loading
               if (match := _BINDS_PART_OF_MODULE.match(sides.new_text_lines[n - 1]))
               and match[2].split(".", 1)[0] in imported}
    if not aliases:
        return False
    reference = re.compile(rf"(?<![\w.]){one_of(aliases)}(?!\w)")
    paired_new: set[int] = set()
    paired_old: set[int] = set()
    for pairs in _line_for_line(sides):
        for old, new in pairs:
            if old in old_code and new in new_code:
                was = sides.old_text_lines[old - 1]
                if not reference.search(was) or reference.sub(lambda part: aliases[part[0]], was) \
                        != sides.new_text_lines[new - 1]:
                    return False
                paired_old.add(old)
                paired_new.add(new)
    return paired_new == new_code and paired_old == old_code


def _fills_fields_saved_data_lacks(sides: ParsedSides, new_lines: set[int]) -> bool:
    """Each changed line is in a function that gives what it loads a field the saved form may
    lack (`model = super().load(fname)`, then `if not hasattr(model, "compatible_hash"):
    model.compatible_hash = False`): what older releases saved loads again."""
    assert sides.new is not None
    if not new_lines or "hasattr(" not in sides.new.text:
        return False
    owners = {sides.new.owner(n) for n in new_lines}
    if None in owners:
        return False
    functions = [sides.new.function(owner) for owner in owners if owner]
    return all(function is not None and _defaults_what_it_loads(function) for function in functions)


def _key_tests_added_in(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                        named: Callable[[str], bool]) -> tuple[list[ast.stmt], list[ast.stmt]] | None:
    """The statements the change touched on each side, imports aside, where it added a test of
    membership (` in `) and every line it added is in a function `named` so."""
    assert sides.old is not None and sides.new is not None
    new_lines, old_lines = new_lines - sides.new.import_lines, old_lines - sides.old.import_lines
    if not new_lines or not old_lines or not any(" in " in sides.new_text_lines[n - 1] for n in new_lines) \
            or not all((owner := sides.new.owner(n)) and named(owner) for n in new_lines):
        return None
    before = touched_statements(sides.old, old_lines)
    after = touched_statements(sides.new, new_lines)
    return (before, after) if before and after else None


def _loads_only_keys_saved_data_has(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each statement of a loading function that read a key of what it is given
    (`self._optim.load_state_dict(state_dict["optim"])`) now runs only where the key is there
    (`if "optim" in state_dict:`), and otherwise at most says so (`else: LOG.warning("Skip
    loading optimizer state.")`): what was saved without the key loads again."""
    if (touched := _key_tests_added_in(sides, new_lines, old_lines, _names_loading)) is None:
        return False
    before, after = touched
    left = [ast.dump(statement) for statement in before]
    for statement in after:
        if not isinstance(statement, ast.If) or not all(is_message(s) for s in statement.orelse) \
                or (key := _key_looked_up(statement.test)) is None:
            return False
        body = [ast.dump(s) for s in statement.body]
        read = ast.dump(ast.Subscript(value=key[1], slice=ast.Constant(key[0]), ctx=ast.Load()))
        if left[:len(body)] != body or not any(ast.dump(node) == read for s in statement.body
                                               for node in ast.walk(s)):
            return False
        left = left[len(body):]
    return not left


def _takes_values_from_keys_saved_data_has(sides: ParsedSides, new_lines: set[int],
                                           old_lines: set[int]) -> bool:
    """A function loading or converting saved weights takes a value from a key where what it is
    given has it (`if KEY in new_sd: position_ids = new_sd[KEY]`), and computes each value it
    computed before otherwise (`else: position_ids = torch.Tensor(...)`): weights saved in
    another layout (Waifu Diffusion 1.4's text encoder) load too."""
    if (touched := _key_tests_added_in(sides, new_lines, old_lines, _names_converting_weights)) is None:
        return False
    before, after = touched
    computed = [ast.dump(statement.value) for statement in before
                if isinstance(statement, ast.Assign | ast.Expr)]
    if len(computed) < len(before):
        return False
    for statement in after:
        if isinstance(statement, ast.If) and statement.orelse \
                and isinstance(test := statement.test, ast.Compare) and len(test.ops) == 1 \
                and isinstance(test.ops[0], ast.In) and isinstance(test.left, ast.Constant | ast.Name):
            read = ast.dump(ast.Subscript(value=test.comparators[0], slice=test.left, ctx=ast.Load()))
            otherwise = {ast.dump(node) for s in statement.orelse for node in ast.walk(s)}
            if any(ast.dump(node) == read for s in statement.body for node in ast.walk(s)) \
                    and all(value in otherwise for value in computed):
                return True
    return False


def _saved_buffers_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A class's `__init__` changes which of its buffers its state dict saves: one registered
    as None (which the state dict leaves out) now given a tensor, or the other way
    (`self.register_buffer('codebook_mean', None)` became `self.register_buffer(
    'codebook_mean', torch.empty(num_codebooks, 1, dim))`), or a saved one no longer
    registered: what it saves and loads changed. A buffer registered anew is state the module
    gains, as a field would be."""
    assert sides.old is not None and sides.new is not None
    if not any("register_buffer(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and not any("register_buffer(" in sides.old_text_lines[n - 1] for n in old_lines):
        return False
    owners = {sides.new.owner(n) for n in new_lines} | {sides.old.owner(n) for n in old_lines}
    for qualname in {owner for owner in owners if owner and owner.endswith(".__init__")}:
        was, now = sides.old.function(qualname), sides.new.function(qualname)
        if was is None or now is None:
            continue
        (saved_before, registered_before), (saved_now, registered_now) = _buffers(was), _buffers(now)
        if (saved_before ^ saved_now) & registered_before & registered_now or saved_before - registered_now:
            return True
    return False


def _buffers(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[set[str], set[str]]:
    """The names of the buffers the function registers on `self` that a state dict holds (given
    a value, not None, and not registered with `persistent=False`), and of all it registers."""
    saved, registered = set(), set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "register_buffer" and dotted_path(node.func.value) == "self" \
                and len(node.args) >= 2 and isinstance(name := node.args[0], ast.Constant) \
                and isinstance(name.value, str):
            registered.add(name.value)
            if not (isinstance(node.args[1], ast.Constant) and node.args[1].value is None) \
                    and not any(isinstance(flag, ast.Constant) and flag.value is False
                                for flag in (*node.args[2:],
                                             *(k.value for k in node.keywords if k.arg == "persistent"))):
                saved.add(name.value)
    return saved, registered


def _dependency_result_no_longer_rebound(sides: ParsedSides, new_lines: set[int],
                                         old_lines: set[int]) -> bool:
    """Each statement the change touched called a dependency's function on an object and bound
    the object to what it returned, and now only makes the call (`model =
    set_peft_model_state_dict(model, weights)` became `set_peft_model_state_dict(model,
    weights)`): the callee now changes the object in place and returns something else."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or len(new_lines) != len(old_lines) \
            or not any(" = " in sides.old_text_lines[n - 1] for n in old_lines):
        return False
    pairs = touched_pairs(sides.old, sides.new, old_lines, new_lines)
    dependencies = _names_from_dependencies(sides.new, sides.diff.path)
    return bool(pairs) and all(
        isinstance(was, ast.Assign) and len(was.targets) == 1
        and isinstance(target := was.targets[0], ast.Name) and isinstance(call := was.value, ast.Call)
        and isinstance(now, ast.Expr) and ast.dump(now.value) == ast.dump(call)
        and isinstance(call.func, ast.Name) and call.func.id in dependencies
        and call.args and ast.dump(call.args[0]) == ast.dump(
            ast.Name(id=target.id, ctx=ast.Load()))
        for was, now in pairs or [])


def _dependency_results_read_through_a_field(sides: ParsedSides, new_lines: set[int],
                                             old_lines: set[int]) -> bool:
    """Each statement the change touched is as it was but for names bound from what a
    dependency's function returns or yields, now read through one of their fields (`for t in
    stream_generate(model, tokenizer, prompt):`, then `output += t` became `output += t.text`
    as mlx-lm came to yield response objects): the dependency hands back data of another shape."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or len(new_lines) != len(old_lines) \
            or (pairs := touched_pairs(sides.old, sides.new, old_lines, new_lines)) is None \
            or (tree := sides.new.tree_holding(new_lines)) is None:
        return False
    bound = _bound_from_calls_of(tree, _names_from_dependencies(sides.new, sides.diff.path))
    if not bound:
        return False
    unwrapped = _FieldReadsUnwrapped(bound)
    return any(ast.dump(was) != ast.dump(now) for was, now in pairs) and all(
        ast.dump(unwrapped.visit(copy_tree(now))) == ast.dump(was) for was, now in pairs)


def _bound_from_calls_of(tree: ast.AST, callees: set[str]) -> set[str]:
    """The names a loop over, or an assignment of, what one of the named functions returns
    binds (`t` of `for t in stream_generate(...)`)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.AsyncFor):
            value, targets = node.iter, [node.target]
        elif isinstance(node, ast.Assign):
            value, targets = node.value, node.targets
        else:
            continue
        if isinstance(value, ast.Call) and dotted_path(value.func).split(".", 1)[0] in callees:
            bound |= {target.id for target in targets if isinstance(target, ast.Name)}
    return bound


class _FieldReadsUnwrapped(ast.NodeTransformer):
    """Reads `t.text` of the named names as `t`."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        name = node.value
        if isinstance(node.ctx, ast.Load) and isinstance(name, ast.Name) and name.id in self.names:
            return ast.Name(id=name.id, ctx=ast.Load())
        return self.generic_visit(node)


# A Pydantic v2 model's settings: `model_config = ConfigDict(validate_assignment=True)`.
_MODEL_CONFIG = re.compile(r"^\s+model_config\s*(:[^=]*)?=")


def _model_config_declared(sides: ParsedSides, new_lines: set[int]) -> bool:
    """A class that held Pydantic v1's `class Config:` now declares `model_config = ConfigDict(
    ...)` (docarray's documents under Pydantic v2): the model follows Pydantic 2's interface."""
    assert sides.old is not None and sides.new is not None
    declared = {owner for n in new_lines if _MODEL_CONFIG.match(sides.new_text_lines[n - 1])
                and (owner := sides.new.owner(n)) is not None}
    return any(f"{owner}.Config" in sides.old.symbols for owner in declared)


def _names_converting_weights(qualname: str) -> bool:
    name = qualname.rsplit(".", 1)[-1].lower()
    return _names_loading(qualname) or (any(verb in name for verb in ("convert", "remap"))
                                        and any(what in name for what in _SAVED_WEIGHTS))


_SAVED_WEIGHTS = ("checkpoint", "state_dict", "pretrained", "keys")


def _saved_keys_renamed(sides: ParsedSides, new_lines: set[int]) -> bool:
    """A function loading or converting saved weights (`remap_pretrained_keys_swin`) now moves
    entries to keys with a part renamed (`checkpoint_model[k.replace('rpe_mlp', 'cpb_mlp')] =
    checkpoint_model.pop(k)`), the rest of the change only finding those keys: checkpoints
    saved under the old names load into the renamed modules."""
    assert sides.new is not None
    if not new_lines or not any(".pop(" in sides.new_text_lines[n - 1] for n in new_lines) \
            or not all((owner := sides.new.owner(n)) and _names_converting_weights(owner) for n in new_lines):
        return False
    added = touched_statements(sides.new, new_lines) or []
    moved = [node for statement in added for node in ast.walk(statement) if _moves_to_a_renamed_key(node)]
    return bool(moved) and all(isinstance(statement, ast.Assign | ast.For) for statement in added)


def _moves_to_a_renamed_key(node: ast.AST) -> bool:
    """`d[k.replace(a, b)] = d.pop(k)`."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1 \
            or not isinstance(target := node.targets[0], ast.Subscript) \
            or not isinstance(key := target.slice, ast.Call) or not isinstance(key.func, ast.Attribute) \
            or key.func.attr != "replace" or not isinstance(value := node.value, ast.Call) \
            or not isinstance(value.func, ast.Attribute) or value.func.attr != "pop":
        return False
    return ast.dump(value.func.value) == ast.dump(target.value) and len(value.args) >= 1 \
        and ast.dump(value.args[0]) == ast.dump(key.func.value)


def _keywords_tried_before_the_old_ones(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each statement the change touched became a `try` of the same statement with its calls'
    keywords renamed, the old statement kept under `except TypeError:` (`simple_norm(data,
    vmin=lo, vmax=hi)` tried, `simple_norm(data, min_cut=lo, max_cut=hi)` where astropy before
    6.1 refuses the new names): the call follows the callee's new interface, the old one kept."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not any("TypeError" in sides.new_text_lines[n - 1] for n in new_lines):
        return False
    before = touched_statements(sides.old, old_lines) if old_lines else None
    after = touched_statements(sides.new, new_lines)
    if not before or not after or len(before) != len(after):
        return False
    return all(isinstance(now, ast.Try) and len(now.handlers) == 1 and not now.orelse and not now.finalbody
               and isinstance(caught := now.handlers[0].type, ast.Name) and caught.id == "TypeError"
               and len(now.body) == 1 and len(now.handlers[0].body) == 1
               and ast.dump(now.handlers[0].body[0]) == ast.dump(was)
               and _keywords_renamed_only(was, now.body[0])
               for was, now in zip(before, after, strict=True))


def _keywords_renamed_only(was: ast.stmt, now: ast.stmt) -> bool:
    """The statements are the same but for the names of some keyword arguments of their calls."""
    def blanked(statement: ast.stmt) -> str:
        copied = copy_tree(statement)
        for node in ast.walk(copied):
            if isinstance(node, ast.keyword) and node.arg is not None:
                node.arg = "_"
        return ast.dump(copied)
    return ast.dump(was) != ast.dump(now) and blanked(was) == blanked(now)


def _names_loading(qualname: str) -> bool:
    name = qualname.rsplit(".", 1)[-1].lower()
    return "load" in name or name in ("__setstate__", "from_dict")


def _key_looked_up(test: ast.expr) -> tuple[str, ast.expr] | None:
    """The key and the mapping of a test `"key" in mapping`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In) \
            and isinstance(test.left, ast.Constant) and isinstance(test.left.value, str):
        return test.left.value, test.comparators[0]
    return None


def _defaults_what_it_loads(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The function binds a name to what a call named for loading returns and, where that
    lacks a field (`if not hasattr(model, "x"):`), sets it."""
    loaded = {target.id for node in ast.walk(function)
              if isinstance(node, ast.Assign) and isinstance(call := node.value, ast.Call)
              and "load" in (call.func.attr if isinstance(call.func, ast.Attribute)
                             else dotted_path(call.func))
              for target in node.targets if isinstance(target, ast.Name)}
    return bool(loaded) and any(
        isinstance(node, ast.If) and isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
        and isinstance(probe := node.test.operand, ast.Call) and dotted_path(probe.func) == "hasattr"
        and len(probe.args) == 2 and isinstance(probe.args[0], ast.Name) and probe.args[0].id in loaded
        and all(isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Attribute)
                and dotted_path(statement.targets[0].value) == probe.args[0].id for statement in node.body)
        for node in ast.walk(function))


def _stored_name_changed_old_one_read(sides: ParsedSides) -> bool:
    """A string constant of the module or of a class takes another value, and where something
    fails the new code still reads the old one (`_predictor_version_file_name = "__version__"`
    became `"version.txt"`, and the loader opens `"__version__"` in its `except`): a name
    written to disk or handed across changed, what was stored under the old one kept readable."""
    assert sides.old is not None and sides.new is not None
    removed, added = sides.removed_code_lines, sides.added_code_lines
    if not removed or not added or not sides.old.parses or not sides.new.parses:
        return False
    # a constant given another value has its lines among those changed on both sides
    before = _string_constants(sides.old.tree_holding(removed))
    after = _string_constants(sides.new.tree_holding(added))
    given_up = {value for name, value in before.items() if name in after and after[name] != value}
    return bool(given_up) and (tree := sides.new.tree) is not None and any(
        isinstance(node, ast.Constant) and node.value in given_up
        for handler in ast.walk(tree) if isinstance(handler, ast.ExceptHandler)
        for statement in handler.body for node in ast.walk(statement))


def _string_constants(tree: ast.Module | None) -> dict[str, str]:
    """The strings the module and its classes bind to plain names, by qualified name."""
    bound: dict[str, str] = {}
    if tree is None:
        return bound

    def collect(body: list[ast.stmt], prefix: str) -> None:
        for statement in body:
            if isinstance(statement, ast.ClassDef):
                collect(statement.body, f"{prefix}{statement.name}.")
            elif isinstance(statement, ast.Assign | ast.AnnAssign) \
                    and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                bound.update({f"{prefix}{target.id}": statement.value.value
                              for target in targets if isinstance(target, ast.Name)})
    collect(tree.body, "")
    return bound


def _lets_other_types_through(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A test of a value's type now lets values of another type through (`isinstance(f, dict) or
    ...` put beside the old test), or a parameter given in another form is taken apart."""
    assert sides.old is not None and sides.new is not None
    if not any("isinstance(" in sides.new_text_lines[n - 1] for n in new_lines):
        return False
    if not old_lines:
        return _parameters_taken_apart(sides.new, new_lines)
    return other_types_admitted(sides.old, sides.new, old_lines - sides.old.import_lines,
                                new_lines - sides.new.import_lines) \
        or _read_only_from_its_type(sides, new_lines, old_lines)


def _read_only_from_its_type(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each statement the change touched is now read only where a value it reads is of the
    type it expects, another value giving a constant in its place (`frequency =
    config["logger"].get("log_weight_table", -1)` put under `if isinstance(config["logger"],
    dict):`, `else: frequency = -1`): the code takes that value in another form too."""
    assert sides.old is not None and sides.new is not None
    pairs = touched_pairs(sides.old, sides.new, old_lines, new_lines)
    return bool(pairs) and all(_put_under_its_type(was, now) for was, now in pairs or [])


def _put_under_its_type(was: ast.stmt, now: ast.stmt) -> bool:
    if not (isinstance(now, ast.If) and isinstance(test := now.test, ast.Call)
            and call_name(test) == "isinstance" and len(test.args) == 2 and now.orelse
            and isinstance(was, ast.Assign)
            and [ast.dump(statement) for statement in now.body] == [ast.dump(was)]):
        return False
    tested = ast.dump(test.args[0])
    targets = [ast.dump(target) for target in was.targets]
    return any(ast.dump(node) == tested for node in ast.walk(was.value)) and all(
        isinstance(other, ast.Assign) and [ast.dump(target) for target in other.targets] == targets
        and isinstance(other.value, ast.Constant | ast.UnaryOp) for other in now.orelse)


def _parameters_taken_apart(table: ModuleSymbols, new_lines: set[int]) -> bool:
    """Each statement the change put in is an `if` on a parameter's type that only rebinds the
    parameter to a part of itself (`if isinstance(llm_sentence, tuple): llm_sentence, _ =
    llm_sentence`): the function now takes the parameter in another form, the pairs its
    caller came to send."""
    added = touched_statements(table, new_lines) or []
    return bool(added) and all(_takes_apart(table, statement) for statement in added)


def _takes_apart(table: ModuleSymbols, statement: ast.stmt) -> bool:
    if not (isinstance(statement, ast.If) and not statement.orelse
            and isinstance(test := statement.test, ast.Call) and call_name(test) == "isinstance"
            and test.args and isinstance(value := test.args[0], ast.Name)):
        return False
    owner = table.owner(statement.lineno)
    symbol = table.symbols.get(owner or "")
    if symbol is None or symbol.kind not in ("function", "method") \
            or value.id not in Parameters.parse(symbol.parameters, bound=False).names:
        return False
    return all(isinstance(inner, ast.Assign)
               and value.id in {node.id for target in inner.targets for node in ast.walk(target)
                                if isinstance(node, ast.Name)}
               and all(isinstance(node, ast.Name | ast.Subscript | ast.Attribute | ast.Constant | ast.Load
                                  | ast.Slice)
                       and (not isinstance(node, ast.Name) or node.id == value.id)
                       for node in ast.walk(inner.value))
               for inner in statement.body)


def _variables_bound(statement: ast.stmt) -> set[str]:
    """The plain names an assignment binds (`scale = ...`; not `self.scale = ...`)."""
    if not isinstance(statement, ast.Assign):
        return set()
    return {target.id for target in statement.targets if isinstance(target, ast.Name)}


def _unimported_names(imports: list[ImportChange]) -> set[str]:
    """The names the file imported and no longer imports from anywhere."""
    return {name for change in imports if change.status == "removed" for name in change.names} \
        - {name for change in imports if change.status != "removed" for name in change.names}


def _names_no_longer_imported(imports: list[ImportChange]) -> set[str]:
    """Each name the file imported and no longer does, as its module's last part would reach
    it: `logits_processor.init_builtin_logitsprocs`."""
    kept = {name for change in imports if change.status != "removed" for name in change.names}
    return {f"{change.module.rsplit('.', 1)[-1]}.{name}" for change in imports
            if change.status == "removed" for name in change.names if name not in kept}


def _reaches(sides: ParsedSides, change: SymbolChange, references: set[str]) -> bool:
    """The added symbol's code reads one of the `module.name` references."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    if symbol is None:
        return False
    spelled = (re.escape(reference).replace(r"\.", r"\s*\.\s*") for reference in sorted(references))
    pattern = re.compile(r"\b(?:" + "|".join(spelled) + r")\b")
    return any(pattern.search(line) for line in sides.new_text_lines[symbol.start - 1:symbol.end])


def _parameters_dropped_by_callers(sides: ParsedSides, symbols: list[SymbolChange],
                                   dropped_elsewhere: Mapping[str, frozenset[str]]) -> bool:
    """A public function lost a parameter that calls of its name in other files of the change
    stopped passing (`process_dataset_configs(configs, odm_config=None)` lost `odm_config`,
    and another module's `processor.process_dataset_configs(datasets, odm_config=odm_config)`
    lost the keyword): its callers had to follow, whatever else the file rewrote. A class's
    `__init__` is called by the class's name (`LLaMA(model_path=p)`, no longer given
    `vocab_path=`)."""
    if not dropped_elsewhere:
        return False
    assert sides.old is not None and sides.new is not None
    for change in symbols:
        keywords = dropped_elsewhere.get(_called_as(change.qualname))
        if not keywords or not change.parameters_changed or not is_public(change.qualname):
            continue
        before = sides.old.symbols.get(change.old_qualname or change.qualname)
        after = sides.new.symbols.get(change.qualname)
        if before is not None and after is not None \
                and keywords & (_parameter_names(before) - _parameter_names(after)):
            return True
    return False


def _called_as(qualname: str) -> str:
    """The name calls of a function or method use: a class's for its `__init__`."""
    owner, _, name = qualname.rpartition(".")
    return short_name(owner) if name == "__init__" and owner else name


def _follows_coroutines(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                        toggled: frozenset[str]) -> bool:
    """Each changed statement calls a function the change made a coroutine, or a plain
    function again (`await asyncio.to_thread(resolve_images, images)` became `await
    resolve_images(images)`): its callers had to follow."""
    if not toggled or not (new_lines or old_lines):
        return False
    naming = re.compile(rf"\b{one_of(toggled)}\b\s*[(,]")
    return all(naming.search("\n".join(text[n - 1] for n in run))
               for text, numbers in ((sides.new_text_lines, new_lines), (sides.old_text_lines, old_lines))
               for run in _runs(sorted(numbers)))


# The schema a `TORCH_LIBRARY` block declares an op with, opening its string:
# `m.def("ck_gemm_fp8(Tensor a, Tensor b, ...) -> Tensor")`, the string maybe on a line of its own.
_OP_SCHEMA = re.compile(r'^\s*(?:\w+\.def\(\s*)?"(?:\w+::)?(\w+)(?:\.\w+)?\(')
# A call of an op through PyTorch's registry: `torch.ops.primus_turbo_cpp_extension.ck_gemm_fp8(`.
_OP_CALL = re.compile(r"\btorch\.ops\.\w+\.(\w+)\b")


def ops_redeclared(diffs: Iterable[FileDiff]) -> frozenset[str]:
    """The PyTorch ops whose schemas the changed lines of C, C++ and CUDA files that register
    ops declare or declared: added, removed, or taking or returning otherwise."""
    names: set[str] = set()
    for diff in diffs:
        if language(diff.path) not in C_FAMILY:
            continue
        for text, numbers in ((diff.new_text, diff.added_lines), (diff.old_text, diff.removed_lines)):
            if text is None or "TORCH_LIBRARY" not in text:
                continue
            lines = text.splitlines()
            names.update(match.group(1) for n in numbers if n <= len(lines)
                         and (match := _OP_SCHEMA.match(lines[n - 1])))
    return frozenset(names)


def _calls_ops_redeclared(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                          ops: frozenset[str]) -> bool:
    """Half the changed lines, or more, are in functions that call ops whose schemas the change
    declares anew (`torch.ops.ext.gemm_fp8(...)` became `torch.ops.ext.ck_gemm_fp8(...)`, or
    the arguments a call of `hipblaslt_gemm` is given lost two tensors): the Python side of a
    native interface that changed."""
    if not ops or not (new_lines or old_lines):
        return False
    assert sides.old is not None and sides.new is not None
    calling = 0
    for table, text, numbers in ((sides.new, sides.new_text_lines, new_lines),
                                 (sides.old, sides.old_text_lines, old_lines)):
        spans: dict[str, bool] = {}
        for number in numbers:
            owner = table.owner(number)
            if owner is None or (symbol := table.symbols.get(owner)) is None:
                continue
            if owner not in spans:
                body = "\n".join(text[symbol.start - 1:symbol.end])
                spans[owner] = any(m.group(1) in ops for m in _OP_CALL.finditer(body))
            calling += spans[owner]
    return 2 * calling >= len(new_lines) + len(old_lines)


# A callee's signature read, and an `if` (a statement or an expression's) on whether it takes a
# parameter named there: `sig = inspect.signature(wrapped_pretrain)`, `if "store" in
# sig.parameters:`, `"cache" if "cache" in signature(module.forward).parameters else "caches"`.
_SIGNATURE_READ = re.compile(r"\b(inspect\.)?(signature|getfullargspec)\(")
_PARAMETER_PROBE = re.compile(r"\bif\s+(\"\w+\"|'\w+')\s+in\s+[\w.()]*parameters\b")
# Or the names a callee takes, bound first: `gptq_args = inspect.getfullargspec(make_quant).args`,
# then `if 'groupsize' in gptq_args:`.
_PARAMETER_NAMES_BOUND = re.compile(r"^\s*(\w+)\s*=\s*(inspect\.)?(signature|getfullargspec)\(")
_NAME_PROBED = re.compile(r"\bif\s+(\"\w+\"|'\w+')\s+in\s+(\w+)\s*:")


def _passes_what_signatures_take(sides: ParsedSides, new_lines: set[int]) -> bool:
    """The added lines read a callee's signature and branch on whether it takes a parameter
    they name (`if "store" in inspect.signature(pretrain).parameters: kwargs["store"] = store`,
    `if 'groupsize' in gptq_args:` after `gptq_args = inspect.getfullargspec(make_quant).args`, or
    a keyword's name chosen so): the call is given an argument only where, or by the name,
    the version of the callee installed takes it, the calling code adapted to an interface that
    differs between versions. Code that passes any
    function whatever keywords it takes (`{k: v for k, v in kw.items() if k in sig.parameters}`),
    or turns a feature on where a function supports it, does what it does for every callee."""
    added = [sides.new_text_lines[n - 1] for n in new_lines]
    if not any(_SIGNATURE_READ.search(line) for line in added):
        return False
    bound = {match.group(1) for line in added if (match := _PARAMETER_NAMES_BOUND.match(line))}
    return any(_PARAMETER_PROBE.search(line)
               or ((match := _NAME_PROBED.search(line)) is not None and match.group(2) in bound)
               for line in added)


# A keyword argument set in a dict of them: `kwargs["past_key_value"]`, `engine_kwargs['seed']`.
_KEYWORD_SET = re.compile(r"""\b(\w*kwargs)\[\s*(["'])(\w+)\2\s*\]""")


def _keywords_renamed(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that set another keyword in the same dict of
    keyword arguments, and is otherwise the same (`kwargs["past_key_value"] = kv_cache` became
    `kwargs["past_key_values"] = kv_cache`): the call is given the argument by the name the
    callee takes now. Not where the same dict held the keyword it names anew before the change
    (`self.gen_kwargs["min_new_tokens"]` became `self.gen_kwargs["max_new_tokens"]`, read on
    the next line all along): another of its entries is used."""
    assert sides.old is not None
    old_text = sides.old.text

    def renamed(before: str, after: str) -> bool:
        keywords = _differs_in_group(_KEYWORD_SET, 3, before, after)
        return keywords is not None and keywords[0] != keywords[1] and not any(
            match[3] == keywords[1] and match[0] in old_text for match in _KEYWORD_SET.finditer(after))

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, renamed)


def _follows_reshaped_callees(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                              reshaped: frozenset[str]) -> bool:
    """Each statement the change touched is the same but for the arguments it gives a function
    or method whose parameters the change altered, some of those it gave no longer given as they
    were (`form.to_NumpyForm(np.dtype(np.float64))` became `form.to_NumpyForm(primitive="float64")`
    as `to_NumpyForm` came to take its type by keyword): the callers follow the interface. A call
    that only gives more opts into what the callee now offers."""
    if not reshaped or not new_lines or not old_lines:
        return False
    assert sides.old is not None and sides.new is not None
    pairs = touched_pairs(sides.old, sides.new, old_lines, new_lines)
    followed = False

    def judge(was: object, now: object) -> bool | None:
        nonlocal followed
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) \
                and ast.dump(was.func) == ast.dump(now.func) \
                and call_name(was) in reshaped and not _arguments_kept(was, now):
            followed = True
            return True
        return None
    return pairs is not None and each_pair_same_but(pairs, judge) and followed


def _arguments_kept(was: ast.Call, now: ast.Call) -> bool:
    """The call gives each argument it gave, positional in its place or by its keyword."""
    given = [ast.dump(argument) for argument in now.args][:len(was.args)]
    return [ast.dump(argument) for argument in was.args] == given \
        and {ast.dump(keyword) for keyword in was.keywords} <= {ast.dump(keyword) for keyword in now.keywords}


def _follows_renamed_methods(sides: ParsedSides, renamed: Mapping[str, str]) -> bool:
    """Each changed line took the place of one that named a method the change renamed, where it
    names the new name (`attn_backend.get_supported_block_size()` became
    `attn_backend.get_supported_kernel_block_sizes()`, and the `hasattr` test before it): the
    callers follow the interface."""
    if not renamed:
        return False
    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines,
                                lambda before, after: before != after
                                and _with_names_replaced(before, renamed) == after)


def _reads_of_removed_members_replaced(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                                       removed: frozenset[str]) -> bool:
    """Each line the change took out read a method or property another file of the change
    removed from its class, which the file no longer reads (`trainer = config.trainer` became
    `trainer = get_registered_trainer(config.type)(config)` as `TrainerConfig.trainer` went):
    the code follows what its callee gave up."""
    if not removed or not old_lines:
        return False
    assert sides.old is not None and sides.new is not None
    reads = re.compile(rf"\.({one_of(removed)})\b")
    taken_out = old_lines - sides.old.import_lines
    imports = sides.new.import_lines
    return bool(taken_out) and all(reads.search(sides.old_text_lines[n - 1]) for n in taken_out) \
        and not any(reads.search(line) for n, line in enumerate(sides.new_text_lines, 1) if n not in imports)


def _renamed_methods_spelled_through(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                                     renamed: Mapping[str, str]) -> bool:
    """Each statement the change touched reads as it did with a method the change renamed spelled
    by its new name, also inside the names and strings made from it (`get_input_embeddings`
    became `embed_input_ids`, and with it the wrapper `run_get_input_embeddings`, the entry
    `"get_input_embeddings_fn"` and the stand-in `unimplemented_get_input_embeddings`): the code
    follows the interface however its statements are laid out. Only a name of several words is
    found inside others."""
    compound = {old: new for old, new in renamed.items() if "_" in old.strip("_")}
    if not compound or not new_lines or not old_lines:
        return False
    return _spelled_anew(sides, new_lines, old_lines, compound,
                         re.compile(rf"(?<![A-Za-z0-9]){one_of(compound)}(?![A-Za-z0-9])"))


def _renamed_elsewhere(sides: ParsedSides, renamed: Mapping[str, str]) -> Mapping[str, str]:
    """The renames of names the file itself does not define."""
    assert sides.new is not None
    return {old: new for old, new in renamed.items() if new not in sides.new.symbols}


def _constants_spelled_through(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                               renamed: Mapping[str, str]) -> bool:
    """Each statement the change touched reads as it did with the module constants another file
    of the change renamed spelled by their new names (`aio_config[AIO_THREAD_COUNT]` became
    `aio_config[AIO_INTRA_OP_PARALLELISM]` as `constants.py` renamed the setting): the code
    follows settings renamed, however its statements are laid out."""
    if not renamed or not new_lines or not old_lines:
        return False
    return _spelled_anew(sides, new_lines, old_lines, renamed, re.compile(rf"\b{one_of(renamed)}\b"))


def _spelled_anew(sides: ParsedSides, new_lines: set[int], old_lines: set[int], renamed: Mapping[str, str],
                  spelling: re.Pattern[str]) -> bool:
    """The statements touched on each side are as many, and each new one reads as the old one
    with what `spelling` finds given its new name."""
    assert sides.old is not None and sides.new is not None
    pairs = touched_pairs(sides.old, sides.new, old_lines, new_lines)
    return pairs is not None and all(spelling.sub(lambda word: renamed[word[0]], ast.unparse(was))
                                     == ast.unparse(now) for was, now in pairs)


def _gains_renamed_hooks(symbols: list[SymbolChange], renamed: Mapping[str, str]) -> bool:
    """Every symbol the change touched is a method added under a name the change gave another
    class's method (`get_supported_kernel_block_sizes` added to the MLA backend, the attention
    backend's `get_supported_block_size` renamed to it): the class offers that hook by its new
    name."""
    new_names = set(renamed.values())
    return bool(symbols) and all(s.kind == "method" and s.status == "added"
                                 and short_name(s.qualname) in new_names for s in symbols)


def _parameter_names(symbol: Symbol) -> set[str]:
    """The names a caller may pass a function's arguments by."""
    parameters = Parameters.parse(symbol.parameters, bound=False)
    return set(parameters.positional[parameters.positional_only:]) | set(parameters.keyword_only)


def _interface_changed(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function's parameters changed, or it takes or returns more or fewer types than it did
    where both sides annotate a parameter or its result (`output: AbstractOutput` became
    `output: Union[AbstractOutput, SchedulerOutput]`). Spelling the same types otherwise
    (`Optional[X]` as `X | None`, `"X"` as `X`, an imported alias as the name it stands for)
    changes none, nor does annotating what was not, nor naming a type otherwise (`_Backend`
    became `AttentionBackendEnum`), as code following an upstream rename does; a result's type
    the file still names elsewhere given way to another is another type (`-> SparseTensor`
    became `-> torch.Tensor`, `SparseTensor` still what it takes), while a parameter's may be
    one it stands in (`load_path: Path` became `PathOrStr`)."""
    if change.parameters_changed or _returns_otherwise(sides, change) or _takes_other_shapes(sides, change) \
            or _returns_other_keys(sides, change) or _stops_returning(sides, change) \
            or _starts_returning(sides, change) or _returns_reshaped_function(sides, change) \
            or _returns_other_shapes(sides, change) or _takes_other_keywords(sides, change):
        return True
    if change.kind == "class":
        return _fields_changed(sides, change) or _made_or_unmade_enum(sides, change) \
            or _bases_swapped(sides, change)
    if not change.signature_changed or change.kind not in ("function", "method"):
        return False
    if change.async_change is not None:
        return True  # its callers now await it, or no longer can
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if before is None or after is None:
        return False
    old_types = _signature_types(before.signature, _aliases(sides.old))
    new_types = _signature_types(after.signature, _aliases(sides.new))
    if any(old_types[name] < new_types[name] or new_types[name] < old_types[name]
           or (name == "->" and _type_swapped(sides.new, old_types[name], new_types[name]))
           for name in old_types.keys() & new_types.keys()):
        return True
    old_kinds, new_kinds = _signature_kinds(before.signature), _signature_kinds(after.signature)
    return any(old_kinds[name] != new_kinds[name] and not (old_kinds[name] | new_kinds[name]) & _ANY_TYPE
               for name in old_kinds.keys() & new_kinds.keys())


def _takes_other_keywords(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function that takes keywords as `**kwargs` takes new ones out of them (`fmt =
    kwargs.pop('fmt', None)` became `freq_fmt = kwargs.pop('freq_fmt', None)`): its callers
    name what they pass otherwise. One that only reads a keyword (`kwargs.get("gaudi_config")`)
    may hand it on as before; one that stops taking some may refuse them now, or let them
    through: what it did with them decides."""
    if change.status != "changed" or change.kind not in ("function", "method"):
        return False
    assert sides.old is not None and sides.new is not None
    was = sides.old.symbols.get(change.old_qualname or change.qualname)
    if was is None or "**" not in was.signature or not any(
            change.start_line <= n <= change.end_line and ".pop(" in sides.new_text_lines[n - 1]
            for n in sides.diff.added_lines):
        return False
    before = sides.old.function(change.old_qualname or change.qualname)
    after = sides.new.function(change.qualname)
    if before is None or after is None or before.args.kwarg is None or after.args.kwarg is None:
        return False
    return bool(_keywords_taken(after, after.args.kwarg.arg) - _keywords_taken(before, before.args.kwarg.arg))


def _keywords_taken(function: ast.FunctionDef | ast.AsyncFunctionDef, kwargs: str) -> set[str]:
    """The keys a function takes out of its `**kwargs` by name: `kwargs.pop("fmt", None)`."""
    return {key.value for node in ast.walk(function)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pop"
            and dotted_path(node.func.value) == kwargs and node.args
            and isinstance(key := node.args[0], ast.Constant) and isinstance(key.value, str)}


def _type_swapped(table: ModuleSymbols, old: frozenset[str], new: frozenset[str]) -> bool:
    """Types given way to others while the module still names each of them elsewhere: no
    rename followed."""
    gone = old - new
    return bool(gone) and bool(new - old) and all(_mentions(table.text, name) for name in gone)


def _made_or_unmade_enum(sides: ParsedSides, change: SymbolChange) -> bool:
    """A class that became an `Enum` or stopped being one: its members are no longer the values
    they were (`EventTypes.ON_REQUEST` a member where it was a string), so what readers get
    changed."""
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    return before is not None and after is not None \
        and bool(_ENUM_BASE.search(before.signature)) != bool(_ENUM_BASE.search(after.signature))


def _bases_swapped(sides: ParsedSides, change: SymbolChange) -> bool:
    """A class stops deriving from a class it imported from a dependency (`class MultiTaskLasso(
    MultiTaskLasso_sklearn)` became `class MultiTaskLasso(LinearModel, RegressorMixin)`): what
    it inherits, and what it is an instance of for its users, changed; so it does where a class
    stops being a tuple (`class Word(NamedTuple)` became a `@dataclass`: its users can no
    longer unpack or index it). A base only added changes neither, nor one of the project's own
    or another built-in given up (`Exception` for the project's class that derives from it)."""
    if not change.signature_changed:
        return False
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if before is None or after is None:
        return False
    old, new = _base_names(before.signature), _base_names(after.signature)
    if old is None or new is None:
        return False
    return bool((old - new) & (_names_from_dependencies(sides.old, sides.diff.path) | _TUPLE_BASES))


_TUPLE_BASES = frozenset({"NamedTuple", "namedtuple", "tuple"})


def _base_names(header: str) -> frozenset[str] | None:
    """The names of the classes a class header derives from, however reached (`Formatter` and
    `mplticker.Formatter` alike), `object` aside; none when the header does not parse or a base
    is computed (`six.with_metaclass(ABCMeta, Base)`)."""
    try:
        tree = ast.parse(header.strip() + "\n    pass\n")
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not tree.body or not isinstance(definition := tree.body[0], ast.ClassDef):
        return None
    bases = [base.value if isinstance(base, ast.Subscript) else base for base in definition.bases]
    if any(isinstance(base, ast.Call) for base in bases):
        return None
    return frozenset(short_name(dotted_path(base)) for base in bases) - {"object"}


def _returns_otherwise(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function changed in its `return` statements hands back tuples of other lengths than
    it did, or tuples where it handed back one value (`return cos, sin` where every return was
    one tensor), or the other way round: its callers unpack something else. A value that is no
    tuple display may be one (`return update(x)`), so it counts only where no return is a tuple;
    but a constant is none (`return None, None` became `return None` beside `return name, param`).
    Nor where the function declared, before and after, that it returns a tuple (`-> tuple[Tensor,
    Tensor]` over `return self.forward_native(...)` become `return query, key`)."""
    if (both := _function_trees(sides, change, _RETURNS, added=True)) is None:
        return False
    before, after = both
    if before.returns is not None and after.returns is not None \
            and ast.dump(before.returns) == ast.dump(after.returns) and _names_a_tuple(before.returns):
        return False
    unpacked = _unpacked_calls(before) | _unpacked_calls(after)
    (old_tuples, old_single), (new_tuples, new_single) = (_returned(before, unpacked),
                                                          _returned(after, unpacked))
    if old_tuples and new_tuples:
        # a constant is no tuple: `return None` where every return was a tuple (`return None, None`)
        return old_tuples != new_tuples or _returns_a_constant(before) != _returns_a_constant(after)
    return (old_single and not old_tuples and new_tuples and not new_single) \
        or (new_single and not new_tuples and old_tuples and not old_single)


def _names_a_tuple(annotation: ast.expr) -> bool:
    """`tuple[int, str]`, `Tuple[Tensor, Tensor]`, `typing.Tuple[...]`."""
    named = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return short_name(dotted_path(named)) in ("tuple", "Tuple")


def _returns_a_constant(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(node, ast.Return) and isinstance(node.value, ast.Constant)
               for node in own_nodes(function))


def _stops_returning(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function that declared a result (`-> str`) and returned one now returns nothing, and
    declares no result but `None` (`export_to_video` handed back the video's path): what its
    callers read of it is gone."""
    if (both := _function_trees(sides, change, _RETURNS, added=False)) is None:
        return False
    before, after = both
    return before.returns is not None and not is_none(before.returns) \
        and (after.returns is None or is_none(after.returns)) \
        and _returns_a_value(before) and not _returns_a_value(after) \
        and not any(isinstance(node, ast.Yield | ast.YieldFrom) for node in own_nodes(after))


def _starts_returning(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function that returned nothing now returns a value (`download_model` hands back the
    path it wrote to): its callers can read what they could not. A stub that did nothing but
    `return None` (`# TODO: set image size`, an override's answer that there is nothing) told
    its callers already to read a result, one it did not have yet."""
    if (both := _function_trees(sides, change, _RETURNS, added=True)) is None:
        return False
    before, after = both
    if any(isinstance(node, ast.Yield | ast.YieldFrom) for node in (*own_nodes(before), *own_nodes(after))):
        return False
    return not _returns_a_value(before) and _returns_a_value(after) and not _only_answers_none(before)


def _only_answers_none(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = without_docstrings(function.body)
    return len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None


def _returns_a_value(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(node, ast.Return) and node.value is not None and not is_none(node.value)
               for node in own_nodes(function))


def _returns_reshaped_function(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function hands back a function it defines (`gp_inference` returns `predict_fn`), and
    that one takes other parameters (`nngp_test_test` became `k_test_test`): what callers do
    with its result is called otherwise."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    if symbol is None:
        return False
    body = sides.new_text_lines[symbol.start:symbol.end]
    defined = {found[2] for line in body if (found := _NESTED_DEF.match(line))}
    if not defined & {found[1] for line in body if (found := _RETURNS_NAME.match(line))}:
        return False  # it returns no function it defines: no trees to parse
    if (both := _function_trees(sides, change, _CODE, added=True)) is None:
        return False
    before, after = (_returned_functions(function) for function in both)
    return any(_argument_names(before[name]) != _argument_names(after[name])
               for name in before.keys() & after.keys())


# Any line with code on it; a function defined inside another, and a name returned.
_CODE = re.compile(r"\S")
_NESTED_DEF = re.compile(r"^\s+(async\s+)?def\s+(\w+)")
_RETURNS_NAME = re.compile(r"^\s+return\s+(\w+)\s*(#.*)?$")


def _returned_functions(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.FunctionDef]:
    """The functions defined in the function's body that it returns by name."""
    returned = {node.value.id for node in own_nodes(function)
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Name)}
    return {statement.name: statement for statement in function.body
            if isinstance(statement, ast.FunctionDef) and statement.name in returned}


def _argument_names(function: ast.FunctionDef) -> list[str]:
    return [parameter.arg for parameter in arguments(function.args)]


def _function_trees(sides: ParsedSides, change: SymbolChange, pattern: re.Pattern[str], added: bool) \
        -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    """A changed function's node on each side, when the change added (`added`) or removed a
    line of it that the pattern finds: what a rule then reads in both trees."""
    if change.status != "changed" or change.kind not in ("function", "method"):
        return None
    assert sides.old is not None and sides.new is not None
    if added:
        text, changed = sides.new_text_lines, sides.added_code_lines
        span = range(change.start_line, change.end_line + 1)
    elif (was := sides.old.symbols.get(change.old_qualname or change.qualname)) is not None:
        text, changed, span = sides.old_text_lines, sides.removed_code_lines, range(was.start, was.end + 1)
    else:
        return None
    if not any(pattern.search(text[n - 1]) for n in changed if n in span):
        return None
    before = sides.old.function(change.old_qualname or change.qualname)
    after = sides.new.function(change.qualname)
    return (before, after) if before is not None and after is not None else None


# A `return` that hands a value through an op that changes a tensor's shape.
_RETURNS_RESHAPED = re.compile(r"^\s*return\b.*\b(unsqueeze|squeeze|reshape|view|flatten|unflatten"
                               r"|transpose|permute|movedim|expand)\(")
_SHAPE_OPS = frozenset({"unsqueeze", "squeeze", "reshape", "view", "flatten", "unflatten", "transpose",
                        "permute", "movedim", "expand"})


def _returns_other_shapes(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function's `return`s are those it had but that one or more now hand a value they
    handed back as it was through an op that reshapes it (`return ret, scale_inv` became
    `return ret, torch.unsqueeze(scale_inv, dim=0)`; `out` became `out.view(b, -1)`): its
    callers receive tensors of another shape."""
    if (both := _function_trees(sides, change, _RETURNS_RESHAPED, added=True)) is None:
        return False
    before, after = (_returned_values(function) for function in both)
    if len(before) != len(after):
        return False
    pairs = [(was, now) for was, now in zip(before, after, strict=True) if ast.dump(was) != ast.dump(now)]
    return bool(pairs) and all(ast.dump(_ShapeOpsUnwrapped().visit(copy_tree(now))) == ast.dump(was)
                               for was, now in pairs)


def _returned_values(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    return [node.value for node in own_nodes(function)
            if isinstance(node, ast.Return) and node.value is not None]


class _ShapeOpsUnwrapped(ast.NodeTransformer):
    """An expression with each reshaping call replaced by the value it reshapes: `x` for
    `torch.unsqueeze(x, 0)` and for `x.view(b, -1)`."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.func, ast.Attribute) or node.func.attr not in _SHAPE_OPS:
            return node
        if dotted_path(node.func.value) != "torch":
            return node.func.value
        return node.args[0] if node.args else node


def _returns_other_keys(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function changed in a dict it returns, written out with string keys, now returns no
    dict with all the keys one had (`"test_2"` became `"text_2"`, `"is_adapter"` dropped): what
    reads its result finds other keys. A dict returned with more keys, or one more dict returned
    in another case, keeps every reader working."""
    if (both := _function_trees(sides, change, _DICT_ENTRY, added=False)) is None:
        return False
    before, after = both
    now = _keys_returned(after)
    return bool(now) and any(not any(keys <= other for other in now) for keys in _keys_returned(before))


def _keys_returned(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[frozenset[str]]:
    """The string keys of each dict display the function returns, directly or through the
    name it last bound one to, with those it then sets under that name (`args["x"] = ...`)."""
    displays: dict[str, ast.Dict] = {}
    set_later: dict[str, set[str]] = {}
    returned: list[frozenset[str]] = []
    nodes = sorted((n for n in own_nodes(function) if isinstance(n, ast.Assign | ast.Return)),
                   key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value, ast.Dict):
                    displays[target.id], set_later[target.id] = node.value, set()
                elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                        and target.value.id in set_later and _is_key_constant(target.slice):
                    set_later[target.value.id].add(target.slice.value)
        else:
            name = node.value.id if isinstance(node.value, ast.Name) else None
            value = displays.get(name) if name else node.value
            if isinstance(value, ast.Dict) and value.keys and all(_is_key_constant(k) for k in value.keys):
                keys = {k.value for k in value.keys if isinstance(k, ast.Constant)}
                returned.append(frozenset(keys | set_later.get(name or "", set())))
    return returned


def _is_key_constant(key: ast.expr | None) -> bool:
    return isinstance(key, ast.Constant) and isinstance(key.value, str)


def _takes_other_shapes(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function changed where it unpacks the shape of a tensor it is given (`sl, bs, hs =
    x.size()`), and now unpacks it into another number of dimensions, or reads it whatever its
    rank (`x.view(-1, x.shape[-1])`, `in_shape = x.size()`): it takes tensors of another rank
    than it did. Code that no longer reads the shape at all was moved or dropped."""
    if (both := _function_trees(sides, change, _UNPACKS_SHAPE, added=False)) is None:
        return False
    before, after = both
    now = _shapes_unpacked(after)
    return any(any(tensor == other for other, _ in now) or _reads_any_rank(after, tensor)
               for tensor, _ in _shapes_unpacked(before) - now)


def _reads_any_rank(function: ast.FunctionDef | ast.AsyncFunctionDef, tensor: str) -> bool:
    """The function reads the tensor's shape from its end (`x.shape[-1]`, `x.size(-1)`) or
    keeps it whole (`in_shape = x.size()`)."""
    for node in own_nodes(function):
        if isinstance(node, ast.Subscript) and _shape_of(node.value) == tensor and _from_the_end(node.slice):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "size" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == tensor \
                and len(node.args) == 1 and _from_the_end(node.args[0]):
            return True
        if isinstance(node, ast.Assign) and all(isinstance(target, ast.Name) for target in node.targets) \
                and _shape_of(node.value) == tensor:
            return True
    return False


def _from_the_end(index: ast.expr) -> bool:
    return isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) \
        and isinstance(index.operand, ast.Constant)


def _shapes_unpacked(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[tuple[str, int]]:
    """Each parameter whose shape the function's own body unpacks, with the number of names it
    unpacks it into."""
    parameters = {arg.arg for arg in arguments(function.args)}
    return {(tensor, len(names.elts)) for value, names in _unpackings(function)
            if (tensor := _shape_of(value)) in parameters}


def _unpackings(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[ast.expr, ast.Tuple]]:
    """Each value the function's own body unpacks into names (`a, b = value`), with the names."""
    for node in own_nodes(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple):
            yield node.value, node.targets[0]


def _shape_of(value: ast.expr) -> str | None:
    """The name whose shape the value is: `x.shape`, `x.size()`."""
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        value = value.func
        if not (isinstance(value, ast.Attribute) and value.attr == "size"):
            return None
    elif not (isinstance(value, ast.Attribute) and value.attr == "shape"):
        return None
    return value.value.id if isinstance(value.value, ast.Name) else None


def _returned(function: ast.FunctionDef | ast.AsyncFunctionDef,
              unpacked: set[tuple[str, int]]) -> tuple[set[int], bool]:
    """The lengths of the tuples the `return`s of the function's own body display, and whether
    one returns a value that is no tuple display. A call that either side unpacks into names
    (`state, shardings = setup_state(...)`) returns a tuple of that length: `return
    setup_state(...)` hands back what `return state, shardings` did."""
    lengths: set[int] = set()
    single = False
    for node in own_nodes(function):
        if isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Call) and (known := {
                    length for callee, length in unpacked if callee == dotted_path(node.value.func)}):
                lengths |= known
            elif not isinstance(node.value, ast.Tuple):
                single = True
            elif not any(isinstance(item, ast.Starred) for item in node.value.elts):
                lengths.add(len(node.value.elts))
    return lengths, single


def _unpacked_calls(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[tuple[str, int]]:
    """The callees whose results the function's own body unpacks into names, with how many."""
    return {(dotted_path(value.func), len(names.elts)) for value, names in _unpackings(function)
            if not any(isinstance(name, ast.Starred) for name in names.elts)
            and isinstance(value, ast.Call) and dotted_path(value.func)}


def _fields_changed(sides: ParsedSides, change: SymbolChange) -> bool:
    """A data model (a dataclass, a pydantic model, a TypedDict, a NamedTuple) declares fields
    by other names or types than it did: what it carries between components changed. A class
    of options (`TrainerConfig`) changes its contract only where a field it kept changes type:
    an option added is a setting, as is a field given another default. So does any other
    class that declares the types of its attributes (`python_packages: dict[str, str]` became
    `list[str]` in a `SimpleNamespace`)."""
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if change.status != "changed" or before is None or after is None:
        return False
    options = _holds_options(sides.diff.path, after.name)
    old, new = _fields(sides.old, before, options), _fields(sides.new, after, options)
    if options or not (_is_data_model(before) or _is_data_model(after)):
        return any(old[name] != new[name] for name in old.keys() & new.keys())
    return old != new


def _options_set_in_constructor(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change gives a class of options fields in its constructor, new or set anew, each a
    value or an option object made of values (`self._sym_index = IntRangeValue(0, 0,
    INT64_MAX)`, `self.export_path_dir = MustExistedPathValue("./")` where the class itself
    was), binds the constants those name (`INT64_MAX = 2 ** 63 - 1`), and reads those fields
    in the class's other methods (`options["_sym_index"] = self._sym_index.value` in
    `as_dict`): options, and the values they start with."""
    assert sides.old is not None and sides.new is not None
    code = new_lines - sides.new.import_lines
    if not code:
        return False
    path = sides.diff.path
    covered, fields = _constructor_fields(sides.new, path, code, _made_of_values)
    if not fields:
        return False
    old_code = old_lines - sides.old.import_lines
    if old_code:
        kept, _ = _constructor_fields(sides.old, path, old_code, lambda value: True, fields)
        if not old_code <= kept:
            return False
    tree = sides.new.tree_holding(code)
    for node in tree.body if tree is not None else []:
        if isinstance(node, ast.ClassDef) and _holds_options(path, node.name):
            for reader in ast.walk(node):
                if isinstance(reader, ast.Assign | ast.Expr) and fields & {
                        dotted_path(part) for part in ast.walk(reader) if isinstance(part, ast.Attribute)}:
                    covered.update(node_lines(reader))
        elif isinstance(node, ast.Assign) and _made_of_values(node.value) and all(
                isinstance(t, ast.Name) and UPPER_CASE.fullmatch(t.id) for t in node.targets):
            covered.update(node_lines(node))
    return code <= covered


def _constructor_fields(table: ModuleSymbols, path: str, lines: set[int], valued: Callable[[ast.expr], bool],
                        among: set[str] | None = None) -> tuple[set[int], set[str]]:
    """The lines of the statements holding `lines` that set a field (`self.x`, of `among`
    where given) in the constructor of a class of options to what `valued` accepts, and those
    fields."""
    tree = table.tree_holding(lines)
    covered: set[int] = set()
    fields: set[str] = set()
    for node in tree.body if tree is not None else []:
        if not isinstance(node, ast.ClassDef) or not _holds_options(path, node.name):
            continue
        for method in node.body:
            if not isinstance(method, ast.FunctionDef) or method.name != "__init__":
                continue
            for statement in method.body:
                span = set(node_lines(statement))
                target = dotted_path(statement.targets[0]) \
                    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else ""
                if span & lines and target.startswith("self.") and (among is None or target in among) \
                        and isinstance(statement, ast.Assign) and valued(statement.value):
                    fields.add(target)
                    covered |= span
    return covered, fields


def _made_of_values(value: ast.expr) -> bool:
    """Literals, names of constants and arithmetic on them, or an option object made of only
    those (`IntRangeValue(0, 0, INT64_MAX)`, `OptionValue(False, [True, False])`)."""
    if isinstance(value, ast.Call):
        return _OPTION_OBJECT.search(short_name(dotted_path(value.func))) is not None \
            and all(_made_of_values(a) for a in (*value.args, *(k.value for k in value.keywords)))
    if isinstance(value, ast.BinOp | ast.UnaryOp):
        return all(_made_of_values(part) for part in ast.iter_child_nodes(value)
                   if isinstance(part, ast.expr))
    if isinstance(value, ast.List | ast.Tuple):
        return all(_made_of_values(element) for element in value.elts)
    return is_literal(value) or (isinstance(value, ast.Name) and UPPER_CASE.fullmatch(value.id) is not None)


# What makes an option object: `OptionValue`, `IntRangeValue`, `MustExistedPathValue`, `Field`.
_OPTION_OBJECT = re.compile(r"(Value|Option|Field|Setting|Flag)$")


def _holds_options(path: str, name: str) -> bool:
    """A class of options: named for them (`TrainerConfig`), or a section of the settings a
    module or a package of settings declares (`General` in `finetune_config.py`, `ODM` in
    `acceleration_configs/odm.py`)."""
    pure = PurePosixPath(path)
    return bool(OPTIONS_CLASS.search(name)) \
        or any(SETTINGS_MODULE.search(part) for part in (*pure.parts[:-1], pure.stem))


def _is_data_model(symbol: Symbol) -> bool:
    return bool(_DATA_MODEL_BASE.search(symbol.signature)) \
        or any(short_name(decorator) in _DATA_MODEL_DECORATORS for decorator in symbol.decorators)


def _fields(table: ModuleSymbols, symbol: Symbol, options: bool) -> dict[str, str]:
    """The annotation of each field a class declares in its own body, by name, the types it
    names from the project or other packages unnamed (`_ProjectTypesUnnamed`); of a field of a
    class of options given a default, the type it holds once set (`when_set`). A field with no
    default that now admits None (`generation: Optional[GenerationConfig]` in a TypedDict) must
    still be given, and what reads it must now handle None: its type changed. A `ClassVar`
    (`FS_TIMEOUT: ClassVar[float] = 120.0`) is the class's constant, no field of its instances."""
    node = _class_node(table, symbol)
    return {statement.target.id: ast.dump(_ProjectTypesUnnamed().visit(copy_tree(
                when_set(statement.annotation) if options and statement.value is not None
                else statement.annotation)))
            for statement in (node.body if node is not None else [])
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
            and not _is_class_variable(statement.annotation)}


def _is_class_variable(annotation: ast.expr) -> bool:
    """`ClassVar[float]`, `typing.ClassVar[str]`, a bare `ClassVar`."""
    form = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return dotted_path(form).rsplit(".", 1)[-1] == "ClassVar"


class _ProjectTypesUnnamed(ast.NodeTransformer):
    """Writes each type an annotation names that is neither built in nor a form of `typing`
    as `_`: naming a type otherwise (following an upstream rename) changes no field's type.
    `Literal[...]` is written without its values: a value added is an option, not a type. The
    forms of `typing` are written as the built-in types and unions they spell (`t.List[str]`
    as `list[str]`, `Optional[int]` as `int | None`)."""

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        form = dotted_path(node.value).rsplit(".", 1)[-1]
        if form == "Literal":
            return ast.Name(id="Literal")
        if form in ("Optional", "Union"):
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            members = [self.visit(item) for item in items]
            if form == "Optional":
                members.append(ast.Constant(None))
            return functools.reduce(lambda left, right: ast.BinOp(left, ast.BitOr(), right), members)
        return self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        return ast.Name(id=_BUILT_IN_FORM.get(node.attr, node.attr)) if node.attr in _TYPE_FORMS \
            else ast.Name(id="_")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.Name(id=_BUILT_IN_FORM.get(node.id, node.id)) if node.id in _TYPE_FORMS \
            else ast.Name(id="_")


def _aliases(table: ModuleSymbols) -> dict[str, str]:
    """The names `from m import A as B` binds, each to the name it stands for."""
    return {bound: name for statement in table.imports
            for bound, name in zip(statement.names, statement.imported, strict=False) if bound != name}


def _signature_types(signature: str, aliases: dict[str, str]) -> dict[str, frozenset[str]]:
    """The types a `def` header names, per annotated parameter and for its result ("->"),
    each by its last dotted part."""
    function = parse_header(signature)
    if function is None:
        return {}
    return {name: frozenset(aliases.get(type_name, type_name) for type_name in _type_names(annotation)
                            if type_name not in _TYPE_FORMS)
            for name, annotation in _annotations_of(function).items() if annotation is not None}


def _signature_kinds(signature: str) -> dict[str, frozenset[str]]:
    """The kinds of container each annotated parameter of a `def` header, and its result
    ("->"), is one of (`dict[str, Any]` a mapping, `list[dict | None]` a sequence), `None`
    aside: a result that was one batch and is now a list of them is handed back otherwise,
    however alike the names inside."""
    function = parse_header(signature)
    if function is None:
        return {}
    args = function.args
    annotated = {arg.arg: arg.annotation for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                 if arg.annotation is not None}
    if function.returns is not None:
        annotated["->"] = function.returns
    return {name: frozenset(_type_kinds(annotation)) for name, annotation in annotated.items()}


def _type_kinds(node: ast.expr) -> Iterator[str]:
    """The kinds of the types an annotation unites (`X | Y`, `Optional[X]`, `Union[X, Y]`)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                yield from _type_kinds(ast.parse(node.value, mode="eval").body)
            except (SyntaxError, ValueError):
                return
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _type_kinds(node.left)
        yield from _type_kinds(node.right)
        return
    base = node.value if isinstance(node, ast.Subscript) else node
    name = dotted_path(base).rsplit(".", 1)[-1]
    members = node.slice.elts if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple) \
        else [node.slice] if isinstance(node, ast.Subscript) else []
    if name in ("Optional", "Union"):
        for member in members:
            yield from _type_kinds(member)
    elif name == "Annotated" and members:
        yield from _type_kinds(members[0])
    else:
        yield name if name in _ANY_TYPE else _CONTAINER_KIND.get(name, "value")


def _type_names(node: ast.expr) -> Iterator[str]:
    """The types an annotation names; the values a `Literal` lists are no types."""
    if isinstance(node, ast.Subscript) and dotted_path(node.value).rsplit(".", 1)[-1] == "Literal":
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            yield from _type_names(ast.parse(node.value, mode="eval").body)
        except (SyntaxError, ValueError):  # some Python 3.11 releases raise ValueError on a null byte
            return
    elif path := dotted_path(node):
        yield path.rsplit(".", 1)[-1]
    else:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                yield from _type_names(child)


def _forwards(sides: ParsedSides, change: SymbolChange) -> bool:
    """An added or changed function that passes all it gets on to another, `def old(*args,
    **kwargs): return new(*args, **kwargs)`: an alias keeping an old name callable. Or a method
    that warns and passes all it gets on, `def __init__(self, *args, **kwargs):
    warn_deprecated(...); super().__init__(*args, **kwargs)`: a class kept as a deprecated
    alias of the one that took its place."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    if change.status not in ("added", "changed") or symbol is None:
        return False
    if _FORWARDING_PARAMETERS.match(symbol.parameters):
        return any(_FORWARDING_CALL.match(line)
                   for line in sides.new_text_lines[symbol.start - 1:symbol.end])
    function = sides.new.function(change.qualname)
    if function is None:
        return False
    if symbol.kind == "method" and _FORWARDING_METHOD_PARAMETERS.match(symbol.parameters):
        return _warns_and_forwards(function)
    if change.status == "changed":
        return _new_name_handed_over_to(sides, change) is not None
    return _aliases_a_public_method(sides, change.qualname, function)


def _class_renamed_beneath(sides: ParsedSides, change: SymbolChange) -> str | None:
    """A class that now only subclasses a class the change added, holding nothing of its own
    (`@deprecated("1.5", alternative="VODataServiceTable") class Table(VODataServiceTable):
    pass`): the old name kept for the class renamed. The new name, if so."""
    assert sides.old is not None and sides.new is not None and sides.new.tree is not None
    if change.status != "changed":
        return None
    node = next((statement for statement in sides.new.tree.body if isinstance(statement, ast.ClassDef)
                 and statement.name == change.qualname), None)
    if node is None or len(node.bases) != 1 or not isinstance(base := node.bases[0], ast.Name) \
            or not all(isinstance(statement, ast.Pass) or (isinstance(statement, ast.Expr)
                                                           and isinstance(statement.value, ast.Constant))
                       for statement in node.body):
        return None
    return base.id if base.id in sides.new.symbols and base.id not in sides.old.symbols else None


def _new_name_handed_over_to(sides: ParsedSides, change: SymbolChange) -> str | None:
    """A function or method whose body became, beside messages, one call of a function the
    change added (for a method, a public method of its class), given all it takes, in order or
    each by its own name (`def set_default(self, key, default, **kwargs): warn(...); return
    self.setdefault(key, default, **kwargs)`; `def one_mesh_info(surf_map, surf_mesh,
    threshold=None): warn(...); return _one_mesh_info(surf_map, surf_mesh,
    threshold=threshold)`): the old name kept for one renamed. The new name, if so."""
    assert sides.old is not None and sides.new is not None
    if change.kind == "class":
        return _class_renamed_beneath(sides, change)
    function = sides.new.function(change.qualname) if change.status == "changed" else None
    if function is None:
        return None
    body = without_docstrings(function.body)
    calls = [statement.value for statement in body
             if isinstance(statement, ast.Expr | ast.Return) and isinstance(statement.value, ast.Call)
             and not is_message(statement)]
    if len(calls) != 1 or not all(is_message(statement) or getattr(statement, "value", None) is calls[0]
                                  for statement in body):
        return None
    call, owner = calls[0], change.qualname.rpartition(".")[0]
    if owner:
        if not isinstance(call.func, ast.Attribute) or dotted_path(call.func.value) not in ("self", "cls") \
                or not is_public(call.func.attr):
            return None
        renamed, taken = f"{owner}.{call.func.attr}", function.args.args[1:]
    else:
        if not isinstance(call.func, ast.Name) or call.func.id == function.name:
            return None
        renamed, taken = call.func.id, function.args.args
    handed_over = renamed in sides.new.symbols and renamed not in sides.old.symbols \
        and _hands_on_all(call, function.args, [argument.arg for argument in taken])
    return renamed if handed_over else None


def _deprecated_for_a_dependency(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function whose body became, beside a warning that it is deprecated, an import of a
    dependency's function and one call of it given all the function takes, its result handed
    back (`warnings.warn("log1p is deprecated ... use log1p from scanpy.pp", DeprecationWarning)`,
    `from scanpy.pp import log1p as scanpy_log1p`, `res = scanpy_log1p(data, copy=copy)`,
    `return res if copy else None`): the name kept for callers, the work given to the library
    that took it over."""
    assert sides.new is not None
    if change.status != "changed" or "." in change.qualname \
            or (function := sides.new.function(change.qualname)) is None:
        return False
    body = without_docstrings(function.body)
    own = top_package(sides.diff.path)
    imported = {(alias.asname or alias.name).split(".")[0] for statement in body
                if isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0
                and _is_dependency(statement.module) and statement.module.split(".", 1)[0] != own
                for alias in statement.names}
    calls = [node for statement in body if isinstance(statement, ast.Assign | ast.Return | ast.Expr)
             for node in ast.walk(statement) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id in imported]
    warned = any(is_message(statement) and "deprecat" in ast.unparse(statement).lower() for statement in body)
    rest = [statement for statement in body if not is_message(statement)
            and not isinstance(statement, ast.ImportFrom)]
    return warned and len(calls) == 1 and len(rest) <= 2 \
        and all(isinstance(statement, ast.Assign | ast.Return) for statement in rest) \
        and _hands_on_all(calls[0], function.args, [argument.arg for argument in function.args.args])


def _hands_on_all(call: ast.Call, arguments: ast.arguments, taken: list[str]) -> bool:
    """The call is given each of the parameters `taken`, the leading ones in order and the others
    each by its own name, and the function's keyword-only ones by name, and its `**kwargs` as
    they came; nothing else."""
    passed = [argument.id if isinstance(argument, ast.Name) else None for argument in call.args]
    named = {keyword.arg: keyword.value.id if isinstance(keyword.value, ast.Name) else None
             for keyword in call.keywords if keyword.arg is not None}
    spread = [keyword.value.id for keyword in call.keywords
              if keyword.arg is None and isinstance(keyword.value, ast.Name)]
    rest = taken[len(passed):] + [argument.arg for argument in arguments.kwonlyargs]
    return arguments.vararg is None and passed == taken[:len(passed)] \
        and all(named.get(name) == name for name in rest) and len(named) == len(rest) \
        and len(spread) == len(call.keywords) - len(named) \
        and spread == ([arguments.kwarg.arg] if arguments.kwarg else [])


def _aliases_a_public_method(sides: ParsedSides, qualname: str,
                             function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A method added that only calls a public method its class had, with what it is given,
    in order (`def use_paddle_infer_backend(self): return self.use_paddle_backend()`): another
    name for it."""
    assert sides.old is not None
    body = without_docstrings(function.body)
    call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Expr | ast.Return) else None
    owner, _, _ = qualname.rpartition(".")
    if not owner or not isinstance(call, ast.Call) or call.keywords \
            or not isinstance(call.func, ast.Attribute):
        return False
    if dotted_path(call.func.value) not in ("self", "cls"):
        return False
    target = call.func.attr
    passed = [argument.id if isinstance(argument, ast.Name) else None for argument in call.args]
    return target != function.name and is_public(target) and f"{owner}.{target}" in sides.old.symbols \
        and passed == [argument.arg for argument in function.args.args[1:]]


def _warns_and_forwards(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = without_docstrings(function.body)
    forwarding = [statement for statement in body if _passes_all_on(statement)]
    return len(forwarding) == 1 and len(body) > 1 \
        and all(is_message(statement) for statement in body if statement not in forwarding)


def _passes_all_on(statement: ast.stmt) -> bool:
    """`return f(*args, **kwargs)` or `super().__init__(*args, **kwargs)`."""
    call = statement.value if isinstance(statement, ast.Expr | ast.Return) else None
    return isinstance(call, ast.Call) and len(call.args) == 1 and isinstance(call.args[0], ast.Starred) \
        and len(call.keywords) == 1 and call.keywords[0].arg is None


_WORD = re.compile(r"\w+")
_ENUM_BASE = re.compile(r"[(,]\s*(enum\.)?(Enum|IntEnum|StrEnum|Flag|IntFlag)\s*[,)]")
_TRITON_JIT = frozenset({"triton.jit", "triton.autotune", "triton.heuristics"})


def _probes_signatures(sides: ParsedSides, change: SymbolChange) -> bool:
    """An added function that calls another and, where that call raises `TypeError`, calls it
    again with other arguments, in the handler or after it (`apply_chat_template(m, tools,
    **extra)`, then without the extras): an adapter that keeps one call working across the
    signatures the callee has had. A builtin called on both sides (`len`) retries nothing."""
    assert sides.new is not None
    function = sides.new.function(change.qualname) if change.status == "added" else None
    if function is None:
        return False
    for block in (getattr(node, field) for node in ast.walk(function) for field in ("body", "orelse")
                  if isinstance(getattr(node, field, None), list)):
        for index, statement in enumerate(block):
            if isinstance(statement, ast.Try) and any(_catches(h, "TypeError") for h in statement.handlers):
                retried = [s for h in statement.handlers if _catches(h, "TypeError") for s in h.body]
                if (_callees(statement.body) & _callees(retried + block[index + 1:])) - BUILTIN_NAMES:
                    return True
    return False


def _callees(statements: list[ast.stmt]) -> set[str]:
    return {path for statement in statements for node in ast.walk(statement)
            if isinstance(node, ast.Call) and (path := dotted_path(node.func))}


def _catches(handler: ast.ExceptHandler, name: str) -> bool:
    return any(dotted_path(node) == name for node in caught_types(handler))


def _names_from_dependencies(module: ModuleSymbols, path: str) -> set[str]:
    """The names the module's imports bind from its dependencies: not from the project's own
    package (relatively or by its name), the standard library, `typing` or a test framework."""
    own = top_package(path)
    return {name for statement in module.imports
            if _is_dependency(statement.module) and not imports_own_package(statement, own)
            for name in statement.names}


def _is_dependency(module: str) -> bool:
    """Code naming what an import of this module binds may follow a dependency: not so for the
    standard library, the annotations `typing` binds, nor a test framework, whose markers and
    fixtures are what a test does (`@pytest.mark.skip(...)` beside `import pytest`)."""
    return module not in _ANNOTATION_MODULES and not is_stdlib_module(module) \
        and module.split(".", 1)[0] not in _TEST_FRAMEWORKS


def _is_jit_kernel(sides: ParsedSides, change: SymbolChange) -> bool:
    """A Triton kernel (`@triton.jit`, or `@jit` imported from Triton): its parameters are
    what its launcher passes, a launcher its module keeps beside it, not an interface other
    components call."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    if symbol is None or not symbol.decorators:
        return False
    from_triton = any(statement.imported and statement.module.split(".", 1)[0] == "triton"
                      for statement in sides.new.imports)
    return any(decorator in _TRITON_JIT or (from_triton and decorator in ("jit", "autotune"))
               for decorator in symbol.decorators)


def is_public(qualname: str) -> bool:
    """Callers outside the module reach it: its name has no leading underscore, or it is a
    special method (`__init__`, `__call__`), or a function registered under a name
    (`_[bnb::gemv]`); and so has the class it belongs to (`_FusedSoftmaxFunction.forward` is
    its private class's)."""
    name = short_name(qualname)
    owners = qualname[:len(qualname) - len(name)].rstrip(".").split(".") if qualname != name else []
    return _public_name(name) and all(_public_name(owner) for owner in owners if owner)


def _public_name(name: str) -> bool:
    special = name.startswith("__") and name.endswith("__")
    return not name.startswith("_") or special or name.startswith("_[")


def _loaders(sides: ParsedSides, imports: list[ImportChange]) -> set[str]:
    """Functions a module-level import moved into, to load its names only when called."""
    assert sides.new is not None
    moved = {change.statement for change in imports if change.status == "moved"}
    return {statement.guards[0].text.rsplit(".", 1)[-1] for statement in sides.new.imports
            if statement.statement in moved and statement.guards and statement.guards[0].kind == "def"}


def _check_directives_changed(sides: ParsedSides) -> bool:
    """A changed comment is a FileCheck directive (`# CHECK-DAG: %[[ID:.*]] = gpu.block_id x`,
    `# RUN: python %s | FileCheck %s`): an expectation of a test, not prose."""
    return any(_CHECK_DIRECTIVE.match(lines[number - 1])
               for lines, numbers in ((sides.new_text_lines, sides.diff.added_lines),
                                      (sides.old_text_lines, sides.diff.removed_lines))
               for number in numbers if 0 < number <= len(lines))


def _comments_changed(sides: ParsedSides) -> bool:
    """A comment, or a docstring (a blank line put into one), is written otherwise."""
    assert sides.old is not None and sides.new is not None
    return any(sides.comments_reworded) or any(
        lines[number - 1].lstrip().startswith("#") or number in table.docstring_lines
        for lines, numbers, table in ((sides.new_text_lines, sides.diff.added_lines, sides.new),
                                      (sides.old_text_lines, sides.diff.removed_lines, sides.old))
        for number in numbers if 0 < number <= len(lines))


def _native_comments_alone(sides: ParsedSides) -> bool:
    """A C, C++, CUDA or Rust file's changed lines are comments, blank ones aside, or code whose
    trailing comments alone were reworded: no code changed."""
    assert sides.old is not None and sides.new is not None
    new_lines, old_lines = sides.added_code_lines, sides.removed_code_lines
    if new_lines or old_lines:
        return _trailing_comments_reworded(sides, new_lines, old_lines)
    return any(n in (table.comment_lines or ()) for table, numbers in (
        (sides.new, sides.diff.added_lines), (sides.old, sides.diff.removed_lines)) for n in numbers)


def _native_change_type(sides: ParsedSides, symbols: list[SymbolChange], around: AroundFile) -> ChangeType:
    """A changed C, C++, CUDA or Rust source: judged from its changed code lines (comments
    and blank lines aside) and the symbols that own them; of the rest of the change: the native
    functions it gave other parameter types, whose calls here follow them; the classes it
    renamed, whose uses here follow them; the methods it declares virtual anew, which overrides
    here implement."""
    assert sides.old is not None and sides.new is not None
    retyped, renamed_types = around.native_retyped, around.native_renamed
    new_lines, old_lines = sides.added_code_lines, sides.removed_code_lines
    if _native_comments_alone(sides):
        return "docs"
    if not new_lines and not old_lines:
        return "core-logic"
    if _includes_alone(sides, new_lines, old_lines) or _loads_other_libraries(sides, new_lines, old_lines) \
            or _included_and_reached_elsewhere(sides, new_lines, old_lines) \
            or _moved_into_an_include(sides, new_lines, old_lines, around.moved_away) \
            or _include_guard_written(sides, new_lines, old_lines) \
            or _includes_guarded_otherwise(sides, new_lines, old_lines):
        return "dependency-wiring"
    if _in_test_module(sides, new_lines, old_lines):
        return "test-coverage"
    if _entries_alike(sides.new, new_lines, set(sides.diff.added_lines), _native_entry) \
            and _entries_alike(sides.old, old_lines, set(sides.diff.removed_lines), _native_entry) \
            and not _pieces_of_a_string(sides, new_lines, old_lines):
        return "configuration"
    if _command_line_attributes_alone(sides, new_lines, old_lines):
        return "configuration"
    if not new_lines and _version_gated_code_removed(sides.old_text_lines, old_lines):
        return "configuration"
    if new_lines and _version_gated_code_written(sides, new_lines, old_lines):
        return "configuration"
    if not old_lines and _macros_defined_per_build(sides.new_text_lines, new_lines):
        return "configuration"
    if not old_lines and _defines_what_it_used(sides, new_lines):
        return "data-contract"
    if not old_lines and _settings_specialized(sides.new_text_lines, new_lines):
        return "configuration"
    reworded_new, reworded_old = _reworded(sides)
    if new_lines and new_lines <= reworded_new and old_lines <= reworded_old \
            and (said_otherwise := _native_strings_reworded(sides, new_lines, old_lines)):
        return said_otherwise
    if new_lines and _binding_docs_reworded(sides, new_lines, old_lines):
        return "docs"
    recommented_new, recommented_old = _recommented(sides)
    settings_new = new_lines - reworded_new - recommented_new
    settings_old = old_lines - reworded_old - recommented_old
    if not (settings_new or settings_old):
        # only strings changed, and not as messages: a constant's text is its value
        # (`LAST_RELEASE_VERSION = "1.10.2"`)
        settings_new, settings_old = new_lines, old_lines
    if (settings_new or settings_old) and _native_settings(sides.new, settings_new) \
            and _native_settings(sides.old, settings_old):
        return "configuration"
    if _constants_chosen_by_capability(sides, new_lines, old_lines) \
            or _constant_read_from_settings(sides, new_lines, old_lines):
        return "configuration"
    if new_lines and not old_lines and _native_settings_applied(sides.new, new_lines):
        return "configuration"
    if _names_bound_elsewhere(sides, new_lines, old_lines):
        return "core-logic"
    renamed = set(native_functions_renamed(sides, symbols).values())
    binding_new = _binding_lines(sides.new, sides.old, sides.new_text_lines, new_lines)
    bound = {name for number in binding_new
             for name in _BOUND_FUNCTION.findall(sides.new_text_lines[number - 1])}
    contract = sum(s.weight for s in symbols if (s.status == "changed" and _interface_of(sides, s))
                   or _prototype_in_header(sides, s) or _type_gone_from_header(sides, s)
                   or _wire_type(sides, s)) \
        + len(binding_new) + len(_binding_lines(sides.old, sides.new, sides.old_text_lines, old_lines)) \
        + 2 * _native_names_renamed(sides) + 2 * _native_types_followed(sides, renamed_types) \
        + sum(s.weight for s in symbols if s.qualname in renamed or _bound_anew(s, bound)
              or _overrides_from_outside(sides, s, around.virtuals_declared) or _type_renamed(sides, s)) \
        + _enumerators_changed(sides, new_lines, old_lines) \
        + _calls_following(sides, new_lines, old_lines, retyped) \
        + 2 * _linkage_changed(sides, new_lines, old_lines) \
        + _arguments_built_with_imported_types(sides, new_lines, old_lines) \
        + _torch_cpp_api_followed(sides, new_lines, old_lines) \
        + _op_prototype_lines(sides, new_lines, old_lines)
    return "data-contract" if contract >= CONTRACT_SHARE * (len(new_lines) + len(old_lines)) else "core-logic"


# A line of an op's prototype as Ascend's CANN registers it: `REG_OP(PromptFlashAttention)`, then
# `.INPUT(query, TensorType({DT_FLOAT16}))`, `.ATTR(sparse_mode, Int, 0)`, `.OP_END_FACTORY_REG(...)`.
_OP_PROTOTYPE_LINE = re.compile(r"^\s*(REG_OP\(|\.(?:(?:DYNAMIC_|OPTIONAL_)?INPUT|(?:DYNAMIC_)?OUTPUT"
                                r"|(?:REQUIRED_)?ATTR|(?:DYNAMIC_)?GRAPH|OP_END_FACTORY_REG)\()")


def _op_prototype_lines(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> int:
    """How many changed lines declare an op's inputs, outputs and attributes in a prototype
    registered for a graph engine (`.ATTR(inner_precise, Int, 1)` added to
    `REG_OP(PromptFlashAttention)`): the op's interface, which every caller passes data by."""
    return sum(1 for text, lines in ((sides.new_text_lines, new_lines), (sides.old_text_lines, old_lines))
               for number in lines if _OP_PROTOTYPE_LINE.match(text[number - 1]))


def _torch_cpp_api_followed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> int:
    """How many changed lines took the place of, or gave way to, a line that spelled the same
    with a call PyTorch's C++ API deprecated and then dropped (`x.type().is_cuda()` became
    `x.is_cuda()`, `x.data<float>()` became `x.data_ptr<float>()`, `AT_CHECK` became
    `TORCH_CHECK`): an extension following the library it builds against."""
    followed = 0
    for run in _line_for_line(sides):
        for n, m in run:
            was, now = sides.old_text_lines[n - 1], sides.new_text_lines[m - 1]
            if n in old_lines and m in new_lines and was != now \
                    and _torch_cpp_current(was) == _torch_cpp_current(now) != was:
                followed += 2
    return followed


def _torch_cpp_current(line: str) -> str:
    """The line with PyTorch's dropped C++ calls spelled as their successors, spaces aside."""
    for dropped, current in _TORCH_CPP_SUCCESSORS:
        line = dropped.sub(current, line)
    return re.sub(r"\s+", "", line)


# PyTorch C++ calls deprecated and since dropped, with what took their place.
_TORCH_CPP_SUCCESSORS = [
    (re.compile(r"\.(?:type|device)\(\)\.is_cuda\(\)"), ".is_cuda()"),
    (re.compile(r"\.data<"), ".data_ptr<"),
    (re.compile(r"\bAT_CHECK\b"), "TORCH_CHECK"),
    (re.compile(r"\.type\(\)\.scalarType\(\)|\.scalarType\(\)"), ".scalar_type()"),
    (re.compile(r"\bTHCudaCheck\b"), "C10_CUDA_CHECK"),
]


def _type_renamed(sides: ParsedSides, change: SymbolChange) -> bool:
    """A class or struct that other files can name, renamed (`EliminateNopGatherShape` became
    `EliminateShapeGather` as its header was renamed): what names it must follow."""
    assert sides.new is not None
    return change.kind == "class" and change.status == "moved" and change.old_qualname is not None \
        and change.qualname not in sides.new.file_local


def _arguments_built_with_imported_types(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> int:
    """How many lines changed to hand a callee its data in a type the change brings in from
    elsewhere (`use cubek::matmul::definition::{..., MatmulGlobalElems}`, and
    `MatmulElems::from_globals(lhs, rhs, out)` became `MatmulElems::from_globals(&MatmulGlobalElems
    {lhs, rhs, out})`): all of them, where the code those lines replaced is still there in
    their words, around the new type, in about as many lines (code written beside it is more
    than an adaptation), and they are few; else none."""
    if not old_lines:
        return 0
    # a name is imported anew only where a line the change added is in an import
    if not (new_imports := _declared_uses(sides.new_text_lines)) & new_lines:
        return 0
    old_imports = _declared_uses(sides.old_text_lines)
    types = {name for name in _words(sides.new_text_lines, new_imports)
             - _words(sides.old_text_lines, old_imports) if name[:1].isupper()}
    new_rest, old_rest = new_lines - new_imports, old_lines - old_imports
    if not types or not old_rest or len(new_rest) + len(old_rest) > _MAX_ADAPTED_LINES \
            or len(new_rest) > 2 * len(old_rest) + 2:
        return 0
    now = _words(sides.new_text_lines, new_rest)
    if not types & now or not _words(sides.old_text_lines, old_rest) <= now:
        return 0
    return len(new_lines) + len(old_lines)


def _declared_uses(lines: list[str]) -> set[int]:
    """The numbers of the lines that Rust's `use` declarations and C++'s using-declarations
    span (`use cubek::{` ... `};` over several lines)."""
    text = "\n".join(lines)
    numbers: set[int] = set()
    line, counted_to = 1, 0  # the line `counted_to` is on, counted on from the last declaration
    for found in _USE_DECLARATION.finditer(text):
        first = line + text.count("\n", counted_to, found.start())
        line, counted_to = first + text.count("\n", found.start(), found.end()), found.end()
        numbers.update(range(first, line + 1))
    return numbers


def _words(lines: list[str], numbers: set[int]) -> set[str]:
    return {word for number in numbers for word in _IDENTIFIER.findall(_code_of(lines[number - 1], '""'))}


# Rust's `use a::{B, C};` (over lines too) and C++'s `using a::B;`, `using namespace a;`.
_USE_DECLARATION = re.compile(r"^[ \t]*(?:pub(?:\([\w:]+\))?[ \t]+)?use[ \t]+[^;]+;"
                              r"|^[ \t]*using[ \t]+(?:namespace[ \t]+)?(?:::)?\w+(?:::\w+)*[ \t]*;",
                              re.MULTILINE)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# More changed lines than this, imports aside, are more than calls adapted to a new type.
_MAX_ADAPTED_LINES = 40


def _defines_values_alone(lines: list[str], numbers: set[int]) -> bool:
    """The numbered lines give macros their values (`#define VX_EXT_RPP_VERSION_MAJOR 3`), and
    the rest hold them in a header: its include guard, its includes, a conditional C linkage
    block around them."""
    codes = (_COMMENT.sub("", lines[n - 1]).strip() for n in sorted(numbers))
    return _one_and_the_rest(codes, _VALUE_DEFINED.match,
                             lambda code: _LOADS.match(code) or CONDITIONAL.match(code)
                             or _WRAPPING_BLOCK.match(code) or _BARE_DEFINE.match(code))


# A macro given a value: `#define VX_EXT_RPP_VERSION_MAJOR 3`; one given none (an include guard's)
# is `_BARE_DEFINE`.
_VALUE_DEFINED = re.compile(r"^#\s*define\s+\w+\s+[^\s(]")


def _includes_alone(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line includes or uses a file or module, or opens or closes the namespace or
    linkage block an include sits in (`namespace thrust {` / `#include <tuple_helpers.inl>` /
    `}`)."""
    return _one_and_the_rest(_changed_texts(sides, new_lines, old_lines), _LOADS.match,
                             lambda line: _WRAPPING_BLOCK.match(_COMMENT.sub("", line)))


def _included_and_reached_elsewhere(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The includes changed, and each other changed line took the place of one that differs from
    it only in the namespaces of names it reaches, each ending in the same name (`#include
    <torch/extension.h>` gave way to `<torch/all.h>`, and `torch::empty(...)` became
    `at::empty(...)`): the code reaches the same functions through the headers it now includes."""
    reached_new: set[int] = set()
    reached_old: set[int] = set()
    for run in _line_for_line(sides):
        for was, now in run:
            before, after = sides.old_text_lines[was - 1], sides.new_text_lines[now - 1]
            if before != after and _unqualified(before) == _unqualified(after):
                reached_old.add(was)
                reached_new.add(now)
    return bool(reached_new) and _includes_alone(sides, new_lines - reached_new, old_lines - reached_old)


def _unqualified(line: str) -> str:
    return _QUALIFIED_NAME.sub(lambda found: found[0].rsplit("::", 1)[1], line)


def _one_and_the_rest(texts: Iterable[str], needed: Callable[[str], object],
                      allowed: Callable[[str], object]) -> bool:
    """One of the texts is what the check needs, and each other one is allowed beside it."""
    found = False
    for text in texts:
        if needed(text):
            found = True
        elif not allowed(text):
            return False
    return found


def _loads_other_libraries(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line loads a shared library by its file's name (`dlopen("libneuron_adapter_mgvi.so",
    RTLD_LAZY)`, `LoadLibraryA("cudart64_12.dll")`), tests the handle it got, says it could not (a log
    call, or the strings it prints), or is a brace around them: which native library the code
    loads, not what it does with it."""
    codes = (_COMMENT.sub("", line).strip() for line in _changed_texts(sides, new_lines, old_lines))
    return _one_and_the_rest(codes, _LIBRARY_LOAD.search,
                             lambda code: _HANDLE_TEST.match(code) or _LOG_CALL.match(code)
                             or _STRINGS_ALONE.match(code) or code in ("{", "}", "} else {"))


# A shared library loaded by its file's name; a test of the handle loading gave; a call that
# logs or prints (`NEURONAPI_LOG(...)`, `fprintf(stderr, ...)`); a line that holds strings alone
# (a message's continuation).
_LIBRARY_LOAD = re.compile(r"\b(dlopen|dlmopen|LoadLibrary(Ex)?[AW]?)\s*\(\s*(L)?\"[^\"]+\.(so|dll|dylib)\b")
_HANDLE_TEST = re.compile(r"^(}\s*)?(else\s+)?if\s*\(\s*(!\s*\w+|\w+\s*[!=]=\s*(nullptr|NULL|0))\s*\)\s*\{?$")
_LOG_CALL = re.compile(r"^[\w:]*(LOG|[Ll]og|printf|[Pp]rint|cerr|cout)\w*\s*(\(|<<)")
_STRINGS_ALONE = re.compile(r'^("[^"]*"\s*)+[,;)]*$')


def _includes_guarded_otherwise(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is a conditional directive or an include, none testing a version, and
    an include is among them or in the branch of one: which headers are read, and under which
    guard (`#ifdef __cplusplus` around C++'s headers, a Solaris shim's include dropped with its
    `#if`). A flag the conditionals define and test is part of that choice (`#if
    __has_include(<rccl/rccl.h>)` / `#define USE_SYSTEM_RCCL 1` / `#if USE_SYSTEM_RCCL > 0` /
    `#include <rccl/rccl.h>`). A version tested is a version check."""
    texts = [_COMMENT.sub("", line) for line in _changed_texts(sides, new_lines, old_lines)]
    tested = " ".join(t for t in texts if CONDITIONAL.match(t))
    if not texts or any(not (_LOADS.match(t) or CONDITIONAL.match(t) or _defines_what_is_tested(t, tested))
                        or _NATIVE_VERSION.search(t) for t in texts):
        return False
    return any(_LOADS.match(t) for t in texts) \
        or _opens_a_branch_of_includes(sides.new_text_lines, new_lines) \
        or _opens_a_branch_of_includes(sides.old_text_lines, old_lines)


def _defines_what_is_tested(line: str, tested: str) -> bool:
    """The line defines a macro that one of the conditional directives in `tested` tests."""
    defined = _DEFINED_NAME.match(line)
    return defined is not None and re.search(rf"\b{defined[1]}\b", tested) is not None


_DEFINED_NAME = re.compile(r"^\s*#\s*define\s+(\w+)(?:\s|$)")


def _opens_a_branch_of_includes(lines: list[str], numbers: set[int]) -> bool:
    """One of the numbered lines opens a conditional whose first branch holds includes and
    nothing else but blank lines and comments."""
    for number in sorted(numbers):
        if not (opened := CONDITIONAL.match(lines[number - 1])) or not opened[1].startswith("if"):
            continue
        includes = 0
        for line in lines[number:]:
            code = _COMMENT.sub("", line).strip()
            if CONDITIONAL.match(code):
                break
            if code and not _LOADS.match(code):
                includes = 0
                break
            includes += bool(code)
        if includes:
            return True
    return False


_TEMPLATE_HEAD = re.compile(r"^\s*template\s*<")
# What a C++ method's declarator ends with when it overrides a base class's: `const override`, `final`.
_OVERRIDES = re.compile(r"\)\s*(?:const\s*)?(?:noexcept\s*)?\b(?:override|final)\b")
# A version a preprocessor conditional tests: `CUDA_VERSION`, `CUSPARSE_VERSION`, `HIP_VERSION_MAJOR`,
# `__CUDACC_VER_MAJOR__`, `NCCL_VERSION(2, 18, 0)`, or a flag named for one
# (`PADDLEINFERENCE_API_COMPAT_2_4_x`).
_NATIVE_VERSION = re.compile(r"\b[A-Z_]*(?:VERSION|_VER_MAJOR|_VER_MINOR)\w*"
                             r"|\b[A-Z][A-Z0-9_]*_\d+_\d+(?:_[xX])?\b")
# What opens or closes a block of linkage or a namespace: `extern "C" {`, `namespace cuda {`, `}`.
_WRAPPING_BLOCK = re.compile(r'^\s*(?:extern\s+"C"\s*\{|namespace\s+\w+\s*\{|\}\s*;?)\s*$')
# A linkage specification: `extern "C" {`, `extern "C" int init(void);`.
_LINKAGE = re.compile(r'^\s*extern\s+"C(\+\+)?"')


def _linkage_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> int:
    """How many changed lines open or give a linkage (`extern "C" {` taken away): the names the
    library exports are mangled otherwise, and what links to them must follow. Each such line
    counts with the brace that closes its block."""
    return sum(1 for line in _changed_texts(sides, new_lines, old_lines) if _LINKAGE.match(line))


def _mentions(text: str, name: str) -> bool:
    """The text names `name` as a whole word."""
    return bool(re.search(rf"\b{re.escape(name)}\b", text))


def native_functions_renamed(sides: ParsedSides, symbols: list[SymbolChange]) -> dict[str, str]:
    """Functions other files reach that the change removed where it added one taking the same
    parameters, each old name gone from the file and the new one defined nowhere in it before:
    renamed (`gemm_fp8` became `ck_gemm_fp8`), so that every caller elsewhere must follow. By
    old name. A template other files reach only where the file instantiates it for them
    (`template void ck_gemm_fp8<fp8_t, half_t>(...);`)."""
    assert sides.old is not None and sides.new is not None
    def taken(table: ModuleSymbols, change: SymbolChange, status: str) -> Symbol | None:
        symbol = table.symbols.get(change.qualname)
        if change.status != status or change.kind != "function" or symbol is None or is_macro(symbol) \
                or _DEVICE_CODE.search(symbol.signature) or _FILE_LOCAL.search(symbol.signature) \
                or change.qualname in table.file_local \
                or (_TEMPLATE_HEAD.match(table.lines[symbol.start - 2] if symbol.start > 1 else "")
                    and not re.search(rf"^\s*template\s+[^<{{;]*\b{re.escape(symbol.name)}\s*<", table.text,
                                      re.MULTILINE)):
            return None
        return symbol
    removed = {c.qualname: s for c in symbols if (s := taken(sides.old, c, "removed")) is not None}
    added = {c.qualname: s for c in symbols if (s := taken(sides.new, c, "added")) is not None}
    renamed: dict[str, str] = {}
    for was, before in removed.items():
        now = [name for name, after in added.items() if after.parameters == before.parameters
               and name not in renamed.values() and name not in sides.old.symbols]
        if len(now) == 1 and not _mentions(sides.new.text, was):
            renamed[was] = now[0]
    return renamed


# `#include <x>`; C++'s `using ffi::Array;` and `using namespace ffi;` (names of another namespace
# brought into this one); Rust's `use a::b;`, `extern crate a;` and `mod a;` (the module's file,
# brought in)
_LOADS = re.compile(r"^\s*(#\s*include\b|using\s+(namespace\s+)?(::)?\w+(::\w+)*\s*;"
                    r"|(pub(\([\w:]+\))?\s+)?(use\s|extern\s+crate\s|mod\s+\w+\s*;))")
# A constant or setting defined outside functions: `constexpr int kStages = 2;`, `#define
# kTile 64`, a flag (`#define TIMERS`, not a header's guard), `extern bool pin_memory;`, Rust's
# `const MAX: usize = 8;`.
_NATIVE_SETTING = re.compile(
    r"^\s*(((static|inline|extern)\s+)*(constexpr|const)\b[^;{}()]*=[^;{}]*;"
    r"|#\s*define\s+\w+\s+([^\s(]|\"\"|[-+]?[\w.]+)|#\s*define\s+(?!\w*_(H|HPP|HH|CUH|INL|INCLUDED)_*\s*$)\w+\s*$"
    r"|extern\s+[\w:<>]+\s+\w+\s*;"
    r"|(pub(\([\w:]+\))?\s+)?(const|static)\s+\w+\s*:[^=]+=[^;]*;)\s*$")
# Rust's conditional compilation of the item that follows: `#[cfg(not(target_pointer_width = "64"))]`.
_RUST_CFG = re.compile(r"^\s*#\[cfg(_attr)?\(.*\)\]\s*$")
# A member given its default where it is declared: `int ib_traffic_class = -1;`, `bool pin{false};`.
_NATIVE_FIELD_DEFAULT = re.compile(r"^\s*[\w:<>,*&\s]+?\b\w+\s*(=[^;{}]*|\{[^;{}]*\})\s*;\s*$")
# The environment read: `std::getenv("MC_IB_TC")`, Rust's `env::var("X")`; and a name bound to it.
_ENVIRONMENT_READ = re.compile(r"\b(secure_)?getenv\s*\(|\bget_(\w+_)?env\s*\(|\benv::var(_os)?\s*\(")
_ENVIRONMENT_BOUND = re.compile(r"\b(\w+)\s*=\s*(std::)?(secure_)?getenv\s*\(")
# An option of a configuration read: `globalConfig().ib_traffic_class`, `cfg->max_wr`.
_CONFIGURATION_READ = re.compile(r"\b\w*(config|cfg|options|settings)\w*\s*(\(\s*\))?\s*(\.|->)\s*\w+",
                                 re.IGNORECASE)
# A name reached through a namespace or a type: `adxl::SUCCESS`, `std::chrono::seconds`.
_QUALIFIED_NAME = re.compile(r"\b\w+(?:::\w+)+\b")
# A library's name: qualified, or carrying the prefix of a C API (`TRITONBACKEND_ArtifactType`,
# `HSA_STATUS_SUCCESS`).
_LIBRARY_NAME = re.compile(r"\b\w+(?:::\w+)+\b|\b[A-Z][A-Z0-9]*_[A-Za-z]\w*\b")
# Where a class's members turn public, private or protected.
_ACCESS_LABEL = re.compile(r"^\s*(public|private|protected)\s*:(?!:)")
# A type alias or a macro defined bare: `typedef unsigned short ushort;`, `using half_t = __half;`,
# `#define USHORT_TYPE`.
_TYPE_ALIAS = re.compile(r"^\s*(typedef\b[^;{}()]*;|using\s+\w+\s*=[^;{}]*;|#\s*define\s+\w+)\s*$")
# A line that tells the user something: it raises, asserts, checks or logs.
_NATIVE_MESSAGE = re.compile(r"\b(\w*ASSERT\w*|\w*CHECK\w*|static_assert|printf|fprintf|throw|"
                             r"LOG\w*|\w*log_(error|warning|warn|info|debug|fatal)|"
                             r"std::(cerr|cout)|panic!|(e?print|write)ln!|(warn|error|info|debug)!|"
                             r"assert\w*!|expect)\b")
# A constant's definition on one line: `constexpr int kStages = 2;`, `const int n = f(x);`.
_NATIVE_CONSTANT = re.compile(
    r"^\s*(?:(?:static|inline)\s+)*(?:constexpr|const)\b[^;{}()=]*?\b(\w+)\s*=[^;{}]*;\s*$")
# What a compute-capability or toolkit-version check reads: `__CUDA_ARCH__ >= 900`, `cc_major
# == 8`, `CUDA_VERSION >= 12090`; `is_sm90` and `Sm103a` name an architecture, `launch_sm80(...)`
# and `gemm_sm90<T>` name code.
_CAPABILITY = re.compile(r"__CUDA_ARCH__|CUDA_VERSION|CUDART_VERSION|__CUDACC_VER|HIP_VERSION|"
                         r"ROCM_VERSION|TORCH_VERSION|compute_capability|\bcc_?(maj|min)|\bsm_?(version|arch)_?\b|"
                         r"\b(is_|has_|k)?sm_?\d+\w*\b(?!\s*[(<])|\bget_arch(_major|_minor)?\b|\barch_(major|minor)\b|"
                         # Intel GPU architectures: `is_xe2_arch()`, `architecture::intel_gpu_bmg_g21`
                         r"\bis_xe\w*_arch\b|\bintel_gpu_\w+|\bget_device_architecture\b|"
                         # the device properties' capability: `dprops->major`, `prop.minor`
                         r"\b\w*prop\w*(\(\))?\s*(->|\.)\s*(major|minor)\b|"
                         # a library's version read at run time: `cudnn_runtime_version`
                         r"\b(cudnn|cublas\w*|cudart|nccl|miopen)_(\w+_)?version\b", re.IGNORECASE)

# A number as written: `7680`, `0x1f`, `1.5f`, `128u`.
_NUMBER = re.compile(r"\b\d[\w.]*")
_COMMENT = re.compile(r"/\*.*?\*/|//.*$")
# Headers, and the template definitions they include (`pair.inl`, `map.tcc`).
_HEADERS = (".h", ".hpp", ".cuh", ".hh", ".hxx", ".inl", ".ipp", ".tpp", ".tcc")
# The blocks that register what the framework calls: PyTorch's ops and schemas (`TORCH_LIBRARY(ops,
# m) { m.def("gemm(Tensor a) -> Tensor"); }`; `TORCH_LIBRARY_EXPAND` is vLLM's wrapper that names
# the library by a macro), a pybind11 or nanobind module's functions, Paddle's kernels with the
# dtypes and backends they take.
_BINDINGS = re.compile(r"^(TORCH_LIBRARY(_IMPL|_FRAGMENT)?(_EXPAND)?|PYBIND11_MODULE|NB_MODULE"
                       r"|PD_REGISTER(_PLUGIN)?_KERNEL)$")
# A line that declares what Python calls, wherever it sits (a macro a module expands too):
# `m.def("silu_and_mul", ...)`, `py::arg("limit") = 0.0f`.
_BINDING_LINE = re.compile(
    r"\b(py|nb)::arg\(|\bm\.def\(|^\s*\.def(_static|_readonly|_readwrite|_property\w*)?\(\"")
# What a binding line hands Python: `&PySearchTask::set_position_ids`.
_BOUND_FUNCTION = re.compile(r"&\s*((?:\w+::)*\w+)")
# `#[derive(Clone, Serialize, ToSchema)]`, `#[derive(serde::Deserialize)]`
_SERDE_DERIVE = re.compile(r"^\s*#\[derive\(.*\b(Serialize|Deserialize)\b")
# What a C, C++ or CUDA declaration says of a function beside the type of its result.
_NATIVE_SPECIFIERS = frozenset({"static", "inline", "extern", "constexpr", "consteval", "virtual", "explicit",
                                "friend", "__forceinline__", "__inline__", "__device__", "__host__",
                                "__global__", "CUTE_HOST_DEVICE", "CUTLASS_HOST_DEVICE", "CUTLASS_DEVICE"})
# Functions other components do not call: device code (kernels, their helpers), and `static`
# ones outside classes, which only their file sees (a `static` method is its class's).
_DEVICE_CODE = re.compile(r"\b__(global|device)__\b")
_FILE_LOCAL = re.compile(r"^(\w+\s+)*static\b")
_PRIVATE = re.compile(r"^(\w+\s+)*private\b")  # a Java member only its class calls
# A Rust item other crates see: `pub`, not `pub(crate)`, `pub(super)` or `pub(in path)`.
_PUBLIC_ITEM = re.compile(r"^pub\b(?!\s*\()")


def _entries_alike(table: ModuleSymbols, numbers: set[int], changed: set[int],
                   entry: Callable[[str], str]) -> bool:
    """Each of one side's changed code lines (`numbers`) is, but for its numbers, a line the
    change left in the same definition (`f(T, narrow, 7680)` beside `f(T, narrow, 7168)`): a
    table of sizes or values gained or lost entries. `entry` is a line's code, its numbers
    written as 0."""
    lines = table.lines
    if not all(_NUMBER.search(lines[n - 1]) for n in numbers):
        return False
    patterns: dict[str | None, set[str]] = {}
    for number in numbers:
        owner = table.owner(number)
        if owner not in patterns:
            span = range(table.symbols[owner].start, table.symbols[owner].end + 1) if owner is not None \
                else [n for n in range(1, len(lines) + 1) if table.owner(n) is None]
            patterns[owner] = {entry(lines[n - 1]) for n in span
                               if n not in changed and _NUMBER.search(lines[n - 1])}
        if entry(lines[number - 1]) not in patterns[owner]:
            return False
    return True


# A Rust attribute of clap's, which says how the command line spells and takes an option:
# `#[clap(name = "bfloat16")]`, `#[arg(long, default_value_t = 4)]`, `#[command(version)]`.
_COMMAND_LINE_ATTRIBUTE = re.compile(r"^\s*#\[(clap|arg|command|structopt)\(.*\)\]\s*$")


def _command_line_attributes_alone(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed line of a Rust file is a clap attribute: the command line's options are
    spelled, defaulted or documented otherwise (`BFloat16` taken as `bfloat16`)."""
    return language(sides.diff.path) == "rust" and bool(new_lines or old_lines) and all(
        _COMMAND_LINE_ATTRIBUTE.match(line) for line in _changed_texts(sides, new_lines, old_lines))


def _pieces_of_a_string(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """A changed line is a string alone with no comma after it: a piece of a longer string the
    compiler joins (an inline `asm volatile("cp.async.bulk.tensor.2d.shared::cluster.global"
    ".mbarrier::complete_tx::bytes" ...)`), not an entry of a table."""
    return any(_code_of(line, '""').strip() == '""' for line in _changed_texts(sides, new_lines, old_lines))


def _native_entry(line: str) -> str:
    return _NUMBER.sub("0", _code_of(line)).strip()


def _python_entry(line: str) -> str:
    """The line's code, its numbers written as 0, and blanked the string key it opens with where
    the value it keys holds no string (`"P300x2": (1, 4),` an entry as `"T3K": (1, 8),` is; an
    input named anew beside another, `"input_labels": {0: "batch_size"},`, is not)."""
    code = without_comment(line)
    if (key := _STRING_KEY.match(code)) and not _QUOTED.search(code[key.end():]):
        code = '"":' + code[key.end():]
    return _NUMBER.sub("0", code).strip()


_STRING_KEY = re.compile(r"""^\s*(?:"[^"]*"|'[^']*')\s*:""")


def _python_entries_alike(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed code line is an entry of a display or of a call's arguments (it ends with a
    comma) that is, but for its numbers, one the change left in the same definition (`48:
    Config(Buffer.num_sms, 32, 288, 8, 128),` beside `64: Config(...)`): a table of tuned
    values gained, lost or retuned entries."""
    assert sides.old is not None and sides.new is not None
    return bool(new_lines or old_lines) and all(
        without_comment(line).endswith(",") for line in _changed_texts(sides, new_lines, old_lines)) \
        and _entries_alike(sides.new, new_lines, set(sides.diff.added_lines), _python_entry) \
        and _entries_alike(sides.old, old_lines, set(sides.diff.removed_lines), _python_entry)


def _cases_alike_added(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only adds `if`s, each setting names to literals alone, and each the same as the
    `if` right before it but for the strings and numbers its test names (`if
    model_class.__module__.startswith("models.demos.deepseek_v3..."): cls.non_greedy_decoding_on_device
    = True` after the same for another model): another case of a switch the code sets."""
    if old_lines or not new_lines:
        return False
    assert sides.new is not None
    added = touched_statements(sides.new, new_lines)
    tree = sides.new.tree_holding(new_lines)
    if not added or tree is None:
        return False
    before = {(statement.lineno, statement.col_offset): previous for node in ast.walk(tree)
              for field in ("body", "orelse", "finalbody")
              if isinstance(block := getattr(node, field, None), list)
              for previous, statement in itertools.pairwise(block)}
    return all(isinstance(statement, ast.If) and not statement.orelse
               and all(isinstance(step, ast.Assign) and is_literal(step.value) for step in statement.body)
               and isinstance(previous := before.get((statement.lineno, statement.col_offset)), ast.If)
               and [ast.dump(step) for step in previous.body] == [ast.dump(step) for step in statement.body]
               and _without_literals(previous.test) == _without_literals(statement.test)
               for statement in added)


def _settings_chosen_by_case(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every changed line, on both sides, is in the test or the body of an `if` or `elif` branch
    whose body only binds numbers, and the new lines name a string or number the old ones did
    not (`elif "Qwen3-8B" in model_config.model and devices_per_dp_cache == 1:
    max_tokens_all_users = 32768`, or a model named anew in such a test): which case gets which
    value of a setting. Not a test spelled otherwise (`np.object` become `object`), nor a branch
    binding text (`ptb_tag = ':'`), which maps one value to another."""
    assert sides.old is not None and sides.new is not None
    if not new_lines or not _literals_of(sides.new_text_lines, new_lines) - _literals_of(sides.old_text_lines,
                                                                                         old_lines):
        return False
    return all(lines <= _case_setting_lines(table, lines) for table, lines in
               ((sides.new, new_lines), (sides.old, old_lines)) if lines)


def _literals_of(text_lines: list[str], numbers: set[int]) -> set[str]:
    """The strings and numbers written on the numbered lines."""
    return {match[0] for n in numbers for match in _LITERAL.finditer(text_lines[n - 1])}


_LITERAL = re.compile(f"{_QUOTED.pattern}|{_NUMBER.pattern}")


def _case_setting_lines(table: ModuleSymbols, lines: set[int]) -> set[int]:
    """The lines of the branches, among the statements holding `lines`, whose bodies only bind
    numbers, or literals to a configuration's fields (`model_config.model_arch_config.
    is_mm_prefix_lm = False`): their tests and their bodies; and the test of an `if` that only
    holds such branches, checking that the configuration is there (`if model_config is not
    None:`)."""
    tree = table.tree_holding(lines)
    found: set[int] = set()
    pending = list(tree.body) if tree is not None else []
    while pending:  # only statements hold branches: the expressions are not entered
        node = pending.pop()
        if not any(node.lineno <= n <= (node.end_lineno or node.lineno) for n in lines):
            continue
        if isinstance(node, ast.If) and _sets_a_case(node):
            found.update(range(node.lineno, (node.body[-1].end_lineno or node.body[-1].lineno) + 1))
        elif isinstance(node, ast.If) and not node.orelse and tested_not_none(node.test) is not None \
                and all(_sets_a_case(step) for step in node.body):
            found.add(node.lineno)
        pending.extend(nested_statements(node))
    return found


def _sets_a_case(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and bool(node.body) and all(
        isinstance(step, ast.Assign) and isinstance(step.value, ast.Constant)
        and ((isinstance(step.value.value, int | float) and not isinstance(step.value.value, bool))
             or all(isinstance(target, ast.Attribute) and is_configuration_field(target)
                    for target in step.targets))
        for step in node.body)




def _settings_built_with_literals(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line is a keyword of a call that builds settings (`dict(...)`, a `*Config(...)`),
    given a literal on the new side (`ctx_batch_size=1,`, `is_continuous_batching=True,` where it
    was `(batch_size > 1)`): the settings a function hands out, set."""
    assert sides.old is not None and sides.new is not None
    if not new_lines \
            or not all(_KEYWORD_LINE.match(line) for line in _changed_texts(sides, new_lines, old_lines)):
        return False
    new_keywords = _settings_keywords(sides.new, new_lines)
    old_keywords = _settings_keywords(sides.old, old_lines)
    return new_keywords is not None and old_keywords is not None \
        and all(is_literal(value) for value in new_keywords.values())


_KEYWORD_LINE = re.compile(r"\s*\w+\s*=[^=]")


def _settings_keywords(table: ModuleSymbols, lines: set[int]) -> dict[int, ast.expr] | None:
    """The value of the keyword on each of the lines, each a keyword of its own line in a call that
    builds settings; None where a line is not."""
    if not lines:
        return {}
    statements = touched_statements(table, lines)
    found: dict[int, ast.expr] = {}
    for node in (node for statement in statements or [] for node in ast.walk(statement)):
        if isinstance(node, ast.Call) and _SETTINGS_BUILDER.search(dotted_path(node.func)):
            for keyword in node.keywords:
                if keyword.arg is not None and keyword.value.lineno == keyword.value.end_lineno:
                    found[keyword.value.lineno] = keyword.value
    return {line: found[line] for line in lines} if set(found) >= lines else None


# What builds a table of settings: `dict`, `NeuronConfig`, `SamplingOptions`.
_SETTINGS_BUILDER = re.compile(r"^dict$|(Config|Settings|Options)$")


def _gates_on_settings_removed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change only removes `if`s, without `else`, each testing a setting that a settings
    object holds (`if ENV.OVERLAP_EXTRA_SYNC: self.stream.synchronize()`): what the setting
    switched on is gone, and the option with it. Or one branch of each stays in its place (`if
    not envs.VLLM_USE_V1:` lifted from over `parser._option_string_actions[key].default = True`;
    the `else:` of `if os.getenv("vLLM_USE_NPU_ADV_STEP_FLASH_OP", "on") != "off":`): what the
    setting chose now always happens."""
    if not old_lines:
        return False
    assert sides.old is not None and sides.new is not None
    touched = touched_statements(sides.old, old_lines) or []
    removed = [statement for statement in touched
               if isinstance(statement, ast.If) and _reads_a_setting(statement.test)]
    if not removed or len(removed) != len(touched):
        return False
    if not new_lines:
        return all(not statement.orelse and set(node_lines(statement)) <= old_lines for statement in removed)
    kept = [ast.dump(step) for step in touched_statements(sides.new, new_lines) or []]
    return any(kept == [ast.dump(step) for statement in removed for step in branch(statement)]
               for branch in (lambda gate: gate.body, lambda gate: gate.orelse))


def _reads_a_setting(test: ast.expr) -> bool:
    """`ENV.OVERLAP_EXTRA_SYNC`, `not envs.VLLM_USE_V1`: a setting read off the object that holds
    the settings; or a variable of the environment compared with a constant (`os.getenv("X",
    "on") != "off"`)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.Compare) and len(test.comparators) == 1:
        return _reads_environment(test.left) and isinstance(test.comparators[0], ast.Constant)
    return isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) \
        and UPPER_CASE.fullmatch(test.attr) is not None


def _without_literals(node: ast.expr) -> str:
    """The expression's dump with its strings and numbers blanked."""
    return ast.dump(_LiteralsBlanked().visit(copy_tree(node)))


class _LiteralsBlanked(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value=None) if isinstance(node.value, str | int | float) else node


def _requirements_respecified(sides: ParsedSides) -> bool:
    """Each changed line took the place of one that differs from it only in strings, and each
    string it gained or lost is a package requirement with a version (`requires=['keye_vl_utils
    >=1.5.2']` became `['keye_vl_utils>=1.5.2', 'transformers==4.52.4']`): what the code needs
    installed to run, pinned anew."""

    def respecified(before: str, after: str) -> bool:
        if _without_strings(before) != _without_strings(after):
            return False
        changed = {m[0] for m in _QUOTED.finditer(before)} ^ {m[0] for m in _QUOTED.finditer(after)}
        return bool(changed) and all((requirement := parse_requirement(text[1:-1])) is not None
                                     and bool(requirement.specifier) for text in changed)

    return _each_replaced_alike(sides.diff, sides.old_text_lines, sides.new_text_lines, respecified)


def _without_strings(line: str) -> str:
    """The line but its strings, commas and spaces."""
    return re.sub(r"[\s,]", "", _QUOTED.sub("", line))


def _native_strings_reworded(sides: ParsedSides, new_lines: set[int],
                             old_lines: set[int]) -> ChangeType | None:
    """Of changed code lines each of which took the place of one that differs from it only in
    its strings: where each says something to the user (it asserts, checks, throws or logs:
    `DG_STATIC_ASSERT(n <= 32, "Too many TMA multicast")`), a message was fixed and nothing runs
    otherwise, `docs`; where each reads the environment, a setting is read from another
    variable (`get_int_env("CPM_RESERVE_MEM_MB", 1024)` became `get_int_env("RESERVE_MEM_MB",
    1024)`), `configuration`."""
    for pattern, kind in ((_NATIVE_MESSAGE, "docs"), (_ENVIRONMENT_READ, "configuration")):
        if _each_line(sides, new_lines, old_lines, lambda line, found=pattern: bool(found.search(line))):
            return kind
    return None


# What binds a name with pybind11, its docstring after it: `m.def("max_abs_diff", &max_abs_diff,
# "...")`, `m.def_submodule("verif", "...")`, `.def_readwrite("x", &T::x, "...")`.
_PYBIND_DEFINITION = re.compile(r"\.\s*def(_\w+)?\s*\(")


def _binding_docs_reworded(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line binds a name with pybind11 as the line it took the place of did, and
    only a string after the name, its docstring, reads otherwise (`m.def_submodule("verif",
    "Submodule defining verification and test utilities")`): what Python sees is the same."""
    paired = 0
    for run in _line_for_line(sides):
        for was, now in run:
            if was not in old_lines and now not in new_lines:
                continue
            before, after = sides.old_text_lines[was - 1], sides.new_text_lines[now - 1]
            olds, news = NATIVE_STRING.findall(before), NATIVE_STRING.findall(after)
            if not _PYBIND_DEFINITION.search(after) or len(olds) < 2 or len(olds) != len(news) \
                    or olds[0] != news[0] or NATIVE_STRING.sub("", before) != NATIVE_STRING.sub("", after):
                return False
            paired += 1
    return paired == len(new_lines) == len(old_lines)


def _python_messages_reworded(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Every statement the change touched raises, asserts or prints and logs as before, but
    for the message it gives (`assert n <= 32, "Too many"`, `raise ValueError(f"...")`,
    `logger.warning("...")`), or declares a command-line option as before but for its help,
    where it did: a typo in a message is fixed; nothing runs otherwise. A statement that moved
    elsewhere, its message kept, runs elsewhere. A longer message may put the call's
    parentheses on lines of their own (`raise ImportError(`, the message, `)`)."""
    assert sides.old is not None and sides.new is not None
    # a message said otherwise changes strings on every line it changes: lines that quote, or
    # lines inside a string written over several, or that open or close the call around it
    quoting = {n for n in new_lines if _QUOTE.search(sides.new_text_lines[n - 1])
               or _OPENS_OR_CLOSES_CALL.match(sides.new_text_lines[n - 1])}, \
        {n for n in old_lines if _QUOTE.search(sides.old_text_lines[n - 1])
         or _OPENS_OR_CLOSES_CALL.match(sides.old_text_lines[n - 1])}
    if not new_lines or not quoting[0]:
        return False
    if (new_lines - quoting[0] or old_lines - quoting[1]) and not any(
            _LONG_STRING.search(text[n - 1]) for text, quoted in
            ((sides.new_text_lines, quoting[0]), (sides.old_text_lines, quoting[1])) for n in quoted):
        return False  # lines that quote nothing, and no string over several lines opens or closes
    after = touched_statements(sides.new, new_lines)
    before = touched_statements(sides.old, old_lines) if old_lines else []
    if after is None or before is None \
            or not new_lines - quoting[0] <= _multiline_string_lines(after) \
            or not old_lines - quoting[1] <= _multiline_string_lines(before):
        return False
    pairs = list(zip(before, after, strict=True)) if len(before) == len(after) else []
    return bool(pairs) and any(ast.dump(was) != ast.dump(now) for was, now in pairs) and all(
        (message := _without_message(now)) is not None and message == _without_message(was)
        and sides.old.owner(was.lineno) == sides.new.owner(now.lineno) for was, now in pairs)


def _prose_respelled(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line took the place of one that differs from it only in a few words spelled
    otherwise, and those words are in prose a string holds (`notes="- The tool call format for
    the mdoel is ..."` became `the model`): a typo fixed in text the code shows or hands on.
    A key or a name spelled otherwise (`config["hidden_szie"]`) is no prose: what it reaches
    changes."""
    pairs = [(was, now) for was, now in _line_pairs(sides, new_lines, old_lines) or [] if was != now]
    if not pairs or not all(_respelled(was, now) for was, now in pairs) \
            or (restrung := _statements_restrung(sides, new_lines, old_lines)) is None:
        return False
    reworded = [(was, now) for old, new in restrung
                for was, now in zip(_strings_held(old), _strings_held(new), strict=True) if was != now]
    return bool(reworded) and all(len(was.split()) >= PROSE_MIN_WORDS and _respelled(was, now)
                                  for was, now in reworded)


def _one_letter_apart(was: str, now: str) -> bool:
    """One word is the other with one letter more (`to`, `too`)."""
    short, long = sorted((was, now), key=len)
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _respelled(old: str, new: str) -> bool:
    """The texts differ only in words, each a near spelling of the other (`mdoel`, `model`), or
    the other with one letter typed otherwise (`is`, `if`), added or left out (`to`, `too`), or in
    a sign typed in its full-width form (a full-width colon become `:`)."""
    old_tokens, new_tokens = _PROSE_TOKEN.findall(old), _PROSE_TOKEN.findall(new)
    if len(old_tokens) != len(new_tokens):
        return False
    differing = [(was, now) for was, now in zip(old_tokens, new_tokens, strict=True) if was != now]
    return bool(differing) and all((was.isalpha() and now.isalpha() and (
        (min(len(was), len(now)) >= RESPELLED_MIN_LETTERS
         and difflib.SequenceMatcher(None, was.lower(), now.lower()).ratio() >= RESPELLED_MIN_LIKENESS)
        or (len(was) == len(now) and sum(a != b for a, b in zip(was, now, strict=True)) == 1)
        or _one_letter_apart(was, now)))
        or unicodedata.normalize("NFKC", was) == unicodedata.normalize("NFKC", now)
        for was, now in differing)


def _strings_held(statement: ast.stmt) -> list[str]:
    """The strings the statement holds; a formatted one whole, `{}` where it shows a value
    (`f"Outdated window with {len(matches)} lines omitted"`)."""
    found: list[str] = []
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.JoinedStr):
            found.append("".join(str(part.value) if isinstance(part, ast.Constant) else "{}"
                                 for part in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        else:
            pending.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def _strings_given_otherwise(sides: ParsedSides) -> bool:
    """Every statement the change touched is as it was but for the strings it holds
    (`ModelConfig(model_id="Wan-AI/WanToDance-14B")` became `model_id="Wan-AI/Wan2.2-Dancer-14B"`,
    a data path with it)."""
    return _statements_restrung(sides) is not None


def _statements_restrung(sides: ParsedSides, new_lines: set[int] | None = None,
                         old_lines: set[int] | None = None) -> list[tuple[ast.stmt, ast.stmt]] | None:
    """Each statement the change touched (on these lines; by default all it changed), old and
    new, where every one is as it was but for the strings it holds; None otherwise."""
    assert sides.old is not None and sides.new is not None
    new_lines = sides.added_code_lines if new_lines is None else new_lines
    old_lines = sides.removed_code_lines if old_lines is None else old_lines
    if not new_lines or not old_lines:
        return None
    after = touched_statements(sides.new, new_lines)
    before = touched_statements(sides.old, old_lines)
    if not after or before is None or len(before) != len(after) or not all(
            _strings_blanked(was) == _strings_blanked(now) for was, now in zip(before, after, strict=True)):
        return None
    return list(zip(before, after, strict=True))


def _strings_blanked(statement: ast.stmt) -> str:
    return ast.dump(_MessageUnwritten().visit(copy_tree(statement)))


def _multiline_string_lines(statements: list[ast.stmt]) -> set[int]:
    """The lines a string written over several lines spans (`\"\"\"Could not load ...\"\"\"`)."""
    return {line for statement in statements for node in ast.walk(statement)
            if isinstance(node, ast.Constant | ast.JoinedStr) and node.end_lineno is not None
            and node.end_lineno > node.lineno for line in range(node.lineno, node.end_lineno + 1)}


def _without_message(statement: ast.stmt) -> str | None:
    """A statement that raises, asserts, prints or logs, or binds a name for a message to text
    (`message = ("A tensor operation ... will not be fused.")` in a warning's class), dumped
    without its message (the assertion's, the strings the exception or the call is given, the
    text); None for any other."""
    statement = copy_tree(statement)
    if isinstance(statement, ast.Assert):
        statement.msg = None
    elif isinstance(statement, ast.Raise) and isinstance(statement.exc, ast.Call):
        _MessageUnwritten().visit(statement.exc)
    elif is_message(statement) or _binds_message_text(statement):
        _MessageUnwritten().visit(statement)
    elif not _option_help_unwritten(statement):
        return None
    return ast.dump(statement)


def _binds_message_text(statement: ast.stmt) -> bool:
    """`message = "..."`, `ERROR_MSG = f"..."`: a name for a message bound to text alone."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Name) and _MESSAGE_NAME.search(target.id)):
        return False
    nodes = list(ast.walk(statement.value))
    return all(isinstance(node, ast.Constant | ast.JoinedStr | ast.FormattedValue | ast.BinOp | ast.Add
                          | ast.Name | ast.Load) for node in nodes) \
        and any(isinstance(node, ast.Constant) and isinstance(node.value, str) for node in nodes)


# A name for a message: `message`, `_msg`, `ERROR_MESSAGE`.
_MESSAGE_NAME = re.compile(r"(?i)(^|_)(message|msg)$")


def _option_help_unwritten(statement: ast.stmt) -> bool:
    """Writes out of a command-line option declared the text `--help` prints about it, and
    says whether there was one: the `help=` of `parser.add_argument("--loss-fn", help="...")`,
    or the `"help"` of a field's metadata in a dataclass of arguments that HfArgumentParser
    reads (`audio_enhancement: bool = field(default=False, metadata={"help": "..."})`)."""
    if isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
            and isinstance(call.func, ast.Attribute) and call.func.attr == "add_argument":
        help_text = next((keyword for keyword in call.keywords if keyword.arg == "help"), None)
        if help_text is not None:
            help_text.value = _MessageUnwritten().visit(help_text.value)
        return help_text is not None
    if not (isinstance(statement, ast.AnnAssign | ast.Assign)
            and isinstance(made := statement.value, ast.Call) and call_name(made) == "field"):
        return False
    metadata = next((keyword.value for keyword in made.keywords
                     if keyword.arg == "metadata" and isinstance(keyword.value, ast.Dict)), None)
    index = next((index for index, key in enumerate(metadata.keys)
                  if isinstance(key, ast.Constant) and key.value == "help"), None) if metadata else None
    if metadata is None or index is None:
        return False
    metadata.values[index] = _MessageUnwritten().visit(metadata.values[index])
    return True


class _MessageUnwritten(ast.NodeTransformer):
    """Writes every string as the empty string; of a formatted one, keeps only the values it
    formats (`f"{v} is not one of {SOURCES}"`), which a message said otherwise shows as before,
    however it formats them (`"Loading %s".format(processor_id)` as `f"Loading {processor_id}"`,
    `"Loading %s" % processor_id` too)."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value="") if isinstance(node.value, str) else node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format" and not node.keywords \
                and key_text(node.func.value) is not None:
            return self._formatting(node.args)
        return self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        if isinstance(node.op, ast.Mod) and key_text(node.left) is not None:
            return self._formatting(node.right.elts if isinstance(node.right, ast.Tuple) else [node.right])
        return self.generic_visit(node)

    def _formatting(self, values: list[ast.expr]) -> ast.JoinedStr:
        return ast.JoinedStr(values=[ast.FormattedValue(value=self.visit(value), conversion=-1)
                                     for value in values])

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return ast.JoinedStr(values=[value for value in node.values if isinstance(value, ast.FormattedValue)])


def _reworded(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The lines, new and old, that took the place of one that differs from them only in its
    strings and comments: a message said otherwise beside what changed."""
    new: set[int] = set()
    old: set[int] = set()
    for run in _line_for_line(sides):
        if all(_code_of(sides.old_text_lines[was - 1]).strip()
               == _code_of(sides.new_text_lines[now - 1]).strip() for was, now in run):
            old.update(was for was, _ in run)
            new.update(now for _, now in run)
    return new, old


def _recommented(sides: ParsedSides) -> tuple[set[int], set[int]]:
    """The lines, new and old, that a hunk removed and wrote again with the same code and
    another comment, wherever it wrote them (`auto math_algo = CUBLAS_DEFAULT_MATH;  //
    CUBLAS_TENSOR_OP_MATH;` kept, without its comment, in the `#else` of a new `#if`)."""
    new: set[int] = set()
    old: set[int] = set()
    for hunk in sides.diff.hunks:
        removed: dict[str, list[int]] = {}
        for number in hunk.removed:
            if code := _code_of(sides.old_text_lines[number - 1]).strip():
                removed.setdefault(code, []).append(number)
        for number in hunk.added:
            line = sides.new_text_lines[number - 1]
            if (same := removed.get(_code_of(line).strip())) and sides.old_text_lines[same[0] - 1] != line:
                old.add(same.pop(0))
                new.add(number)
    return new, old


def _trailing_comments_reworded(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line took the place of one with the same code and strings, and another
    comment after them (`const std::string device = "CPU";  // GPU, NPU can be used as well`
    lost its NPU). A line the same as the one it took the place of moved: an order changed."""
    strings = NATIVE_STRING.findall
    return (pairs := _line_pairs(sides, new_lines, old_lines)) is not None and all(
        old != new and _code_of(old, '""') == _code_of(new, '""') and strings(old) == strings(new)
        for old, new in pairs)


def _constant_read_from_settings(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The changed code, read as one text a side, differs in one place only, where a literal
    stood and a configuration's field is now read (`true /* preserve_ordering */` became
    `config.sequence_batching().oldest().preserve_ordering()`): what was fixed is now set."""
    if not new_lines or not old_lines:
        return False
    was = "".join("".join(_code_of(sides.old_text_lines[n - 1]).split()) for n in sorted(old_lines))
    now = "".join("".join(_code_of(sides.new_text_lines[n - 1]).split()) for n in sorted(new_lines))
    start = _common_start(was, now)
    end = _common_start(was[start:][::-1], now[start:][::-1])
    return bool(_NATIVE_LITERAL.fullmatch(was[start:len(was) - end])) \
        and bool(_SETTING_READ.fullmatch(now[start:len(now) - end]))


def _common_start(one: str, other: str) -> int:
    """How many characters the two texts share from their start."""
    return next((index for index, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
                min(len(one), len(other)))


# A literal a native call is given: `true`, `0`, `1.5f`, `64`.
_NATIVE_LITERAL = re.compile(r"true|false|-?\d+(\.\d+)?[fFuUlL]*")
# A field read from an object of settings: `config.max_batch_size()`, `options->timeout`,
# `params.oldest().preserve_ordering()`.
_SETTING_READ = re.compile(r"(config|cfg|conf|options|opts|params|settings|args)(\.|->)[\w.()>-]+")


def _line_pairs(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> list[tuple[str, str]] | None:
    """The changed lines, old and new, taken in order as pairs; None where they are not as many."""
    if len(new_lines) != len(old_lines):
        return None
    return list(zip((sides.old_text_lines[n - 1] for n in sorted(old_lines)),
                    (sides.new_text_lines[n - 1] for n in sorted(new_lines)), strict=True))


def _code_of(line: str, strings: str = "") -> str:
    """A native line without its comments (`kMaxTopK = 22;  // per token`), its strings
    replaced by `strings` ("no FP4 GEMM on sm120" names an architecture and checks none)."""
    return _COMMENT.sub("", NATIVE_STRING.sub(strings, line))


def _each_line(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
               passes: Callable[[str], bool]) -> bool:
    return all(passes(line) for line in _changed_texts(sides, new_lines, old_lines))


def _changed_texts(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> Iterator[str]:
    """The text of each of the new side's lines `new_lines` and the old side's `old_lines`."""
    yield from (sides.new_text_lines[n - 1] for n in new_lines)
    yield from (sides.old_text_lines[n - 1] for n in old_lines)


# `#include "llmc/fused_classifier.cuh"`: a header of the project, not of the system.
_LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"')


def _moved_into_an_include(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                           moved_away: frozenset[str]) -> bool:
    """The file lost only definitions the change moved to another file (`fused_classifier`,
    its kernel and its struct, to `llmc/fused_classifier.cuh`) and gained only includes, one of
    a header of the project: it gets them from the header now. Includes moved about, the
    conditionals around them and the template heads of what moved may change with them."""
    if not moved_away or not new_lines or not old_lines:
        return False
    def directive(line: str) -> bool:
        return bool(_LOADS.match(line) or CONDITIONAL.match(line))
    added = [sides.new_text_lines[n - 1] for n in new_lines]
    if not all(directive(line) for line in added) or not any(_LOCAL_INCLUDE.match(line) for line in added):
        return False
    assert sides.old is not None
    moved = {n for n in old_lines if (owner := sides.old.owner(n)) is not None
             and owner.split("::", 1)[0] in moved_away}
    return bool(moved) and all(directive(line) or _TEMPLATE_HEAD.match(line)
                               for line in (sides.old_text_lines[n - 1] for n in old_lines - moved))


def _in_test_module(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Rust: every changed line is in a function of the file's `mod tests`, or of another
    module built only for tests (`#[cfg(test)] mod test_alloc`)."""
    assert sides.old is not None and sides.new is not None
    return language(sides.diff.path) == "rust" and all(
        (table.owner(n) or "").startswith(tuple(table.test_scopes))
        for table, numbers in ((sides.new, new_lines), (sides.old, old_lines)) for n in numbers)


# An option declared with its default: dmlc's parameter fields, gflags' and Abseil's flags.
_NATIVE_OPTION_DECLARED = re.compile(
    r"^(DMLC_DECLARE_FIELD\s*\(\w+\)\s*\.\s*set_default\s*\(.*"
    r"|(DEFINE_(bool|int32|int64|uint32|uint64|double|string)|ABSL_FLAG)\s*\(.*\)\s*;)$")


def _native_settings(table: ModuleSymbols, numbers: set[int]) -> bool:
    """Each changed statement of one side sets what the code is built or run with: a
    conditional directive (Rust's `#[cfg(target_pointer_width = "64")]` too), or a line of the
    `#else` branch of one the change wrote; a constant
    defined outside functions; a field of a struct of options given its default (`int
    ib_traffic_class = -1;` in `GlobalConfig`); or a statement (lines held together by their
    braces) that reads a compute capability or toolkit version, or declares an option with
    its default (`DMLC_DECLARE_FIELD(validate_parameters).set_default(false)`, gflags'
    `DEFINE_int32(port, 8080, "...")`)."""
    lines = table.lines
    directive_branch = _directive_lines(lines, numbers) | _written_aliases(table, numbers) \
        | {n for n in numbers if _RUST_CFG.match(lines[n - 1])}
    for statement in _brace_statements(lines, numbers):
        if any(_CAPABILITY.search(_code_of(lines[n - 1])) and _owner_kind(table, n) != "class"
               for n in statement) \
                or _NATIVE_OPTION_DECLARED.match(" ".join(_code_of(lines[n - 1]).strip() for n in statement)):
            continue
        # the preprocessor's definitions hold wherever they are written, in a function's body too
        if not all(n in directive_branch or (_NATIVE_SETTING.match(code := _code_of(lines[n - 1], '""'))
                                             and (_owner_kind(table, n) in (None, "class")
                                                  or code.lstrip().startswith("#")))
                   or _option_field(table, n) for n in statement):
            return False
    return True


def _native_names_renamed(sides: ParsedSides) -> int:
    """How many lines took the place of one that differs from it only in a library's names
    renamed alike throughout the file, qualified (`adxl::ADXL_SUCCESS` became `adxl::SUCCESS`)
    or carrying a C API's prefix, which the new name keeps (`TRITONBACKEND_ModelArtifactType`
    became `TRITONBACKEND_ArtifactType`), the old name gone from the file, the new one not in
    it before, and neither declared here: code following a library's rename of what it exports.
    A static factory may give way to its class's constructor (`Status::OK()` became
    `Status()`, TensorFlow having removed `OK`), the class named before."""
    assert sides.old is not None and sides.new is not None
    renamed: dict[str, str] = {}
    count = 0
    for run in _line_for_line(sides):
        for was, now in run:
            before, after = _code_of(sides.old_text_lines[was - 1]), _code_of(sides.new_text_lines[now - 1])
            old_names, new_names = _LIBRARY_NAME.findall(before), _LIBRARY_NAME.findall(after)
            if _QUALIFIED_NAME.sub(lambda found: _owner(found[0]), before) == after != before:
                old_names = _QUALIFIED_NAME.findall(before)
                new_names = [_owner(name) for name in old_names]
            elif len(old_names) != len(new_names) \
                    or _LIBRARY_NAME.sub("", before) != _LIBRARY_NAME.sub("", after):
                continue
            pairs = {(o, n) for o, n in zip(old_names, new_names, strict=True) if o != n}
            if before == after or not pairs or not all(renamed.setdefault(o, n) == n for o, n in pairs):
                continue
            count += 1
    gone = {was for was, now in renamed.items() if not _names_whole(sides.new.text, was)
            and (now == _owner(was) or not _names_whole(sides.old.text, now))
            and ("::" in was or was.split("_", 1)[0] == now.split("_", 1)[0])
            and not _declares(sides.old, was) and not _declares(sides.new, now)}
    return count if renamed and gone == set(renamed) else 0


def _declares(table: ModuleSymbols, name: str) -> bool:
    """The file declares the name: a symbol of its table, or a type alias, a tag or a macro it
    defines (`typedef int TRITONBACKEND_ArtifactType;`)."""
    return name in table.symbols or bool(re.search(
        rf"\btypedef\b[^;]*\b{re.escape(name)}\s*;|#\s*define\s+{re.escape(name)}\b"
        rf"|\b(?:struct|class|enum|union)\s+{re.escape(name)}\b|\busing\s+{re.escape(name)}\s*=", table.text))


def _names_whole(text: str, qualified: str) -> bool:
    """The text names the qualified name whole, not as the tail of a longer one
    (`common::Status::OK` is another `Status::OK`)."""
    return bool(re.search(rf"(?<!::)\b{re.escape(qualified)}\b", text))


def _owner(qualified: str) -> str:
    """What a qualified name is reached through: `Status` of `Status::OK`."""
    return qualified.rsplit("::", 1)[0]


def _native_types_followed(sides: ParsedSides, renamed_types: Mapping[str, str]) -> int:
    """How many lines took the place of one that differs from it only in the names of classes
    or functions the change renamed (`Transform0213<T1, T2>* _transform_0213` became
    `Transform0213OP<T1, T2>* _transform_0213`, `gpt2_backward(&model, x, true);` became
    `gpt2_backward_and_reduce(&model, x, true);`)."""
    if not renamed_types:
        return 0
    was = re.compile(rf"\b{one_of(renamed_types)}\b")
    return sum(1 for run in _line_for_line(sides) for before, after in run
               if was.search(code := _code_of(sides.old_text_lines[before - 1]))
               and was.sub(lambda found: renamed_types[found[0]], code)
               == _code_of(sides.new_text_lines[after - 1]))


# A C or C++ struct of options, named in either case: `GlobalConfig`, `gpt_params`.
_NATIVE_OPTIONS_CLASS = re.compile(
    r"(config|configuration|args|arguments|settings|options|params|parameters?)$", re.IGNORECASE)


def _option_field(table: ModuleSymbols, number: int) -> bool:
    """The line declares a member of a struct or class of options with its default."""
    owner = table.owner(number)
    return owner is not None and table.symbols[owner].kind == "class" \
        and bool(_NATIVE_OPTIONS_CLASS.search(owner.rsplit("::", 1)[-1])) \
        and bool(_NATIVE_FIELD_DEFAULT.match(_code_of(table.lines[number - 1], '""')))


def _native_settings_applied(table: ModuleSymbols, numbers: set[int]) -> bool:
    """The added statements read a setting and apply it: each reads the environment (`const
    char *tc = std::getenv("MC_IB_TC");`) or tests what such a read gave, setting options from
    it (`if (tc) { ... config.ib_traffic_class = val; }`); or is an `if` that tests an option of
    a configuration and sets what it sets from it (`if (globalConfig().ib_traffic_class >= 0)
    { attr.grh.traffic_class = globalConfig().ib_traffic_class; }`); or says something."""
    lines = table.lines
    code = {n: _code_of(lines[n - 1], '""') for n in numbers}
    bound = {match.group(1) for text in code.values() if (match := _ENVIRONMENT_BOUND.search(text))}
    reads_bound = re.compile(rf"\b{one_of(bound)}\b") if bound else None
    applied = False
    for statement in _brace_statements(lines, numbers):
        texts = [code[n] for n in statement]
        if any(_ENVIRONMENT_READ.search(t) or (reads_bound and reads_bound.search(t)) for t in texts) \
                or _option_applied(" ".join(t.strip() for t in texts)):
            applied = True
        elif not _NATIVE_MESSAGE.search(texts[0]):
            return False
    return applied


def _option_applied(statement: str) -> bool:
    """`if (<reads an option>) { <target> = <reads an option>; ... }`."""
    match = re.fullmatch(r"if\s*\((.*?)\)\s*\{(.*)\}", statement)
    if match is None or not _CONFIGURATION_READ.search(match.group(1)):
        return False
    assignments = [part for part in match.group(2).split(";") if part.strip()]
    return bool(assignments) and all("=" in part and _CONFIGURATION_READ.search(part.split("=", 1)[1])
                                     for part in assignments)


def _written_aliases(table: ModuleSymbols, numbers: set[int]) -> set[int]:
    """Of the numbered lines, the type aliases and bare macros outside functions inside a
    conditional the change wrote: a type a platform's compiler lacks, defined where nothing did
    (`#ifndef USHORT_TYPE` / `#define USHORT_TYPE` / `typedef unsigned short ushort;`)."""
    found: set[int] = set()
    written: list[bool] = []  # per open conditional: whether the change wrote it
    for number, directive in enumerate(conditional_lines(table.lines), 1):
        if directive and directive.startswith("if"):
            written.append(number in numbers)
        elif directive == "endif" and written:
            written.pop()
        elif directive is None and number in numbers and written and written[-1] \
                and _TYPE_ALIAS.match(_code_of(table.lines[number - 1])) \
                and _owner_kind(table, number) is None:
            found.add(number)
    return found


def _constants_chosen_by_capability(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Constants, wherever they are defined, now chosen by the compute capability: each changed
    line defines one (`constexpr int num_math_threads = 256;` became `const int
    num_math_threads = (arch_major == 10 ? 256 : 512);`), the same names on both sides, and the
    new definitions read the capability."""
    assert sides.old is not None and sides.new is not None
    before = _constants_defined(sides.old_text_lines, old_lines)
    after = _constants_defined(sides.new_text_lines, new_lines)
    return bool(before) and before == after and any(
        _CAPABILITY.search(_code_of(sides.new_text_lines[n - 1])) for n in new_lines)


def _overrides_from_outside(sides: ParsedSides, change: SymbolChange, declared: frozenset[str]) -> bool:
    """A method the change added that overrides one of a base class, which no file of the
    change declares virtual (`void checkSupportsRetainGrad() const override {}` in a class
    deriving from PyTorch's `FuncTorchTLSBase`): what the base now requires, implemented. The
    overrides of a class the change adds (`S3HttpClientFactory`, an AWS client factory of
    its own) are that new class's code."""
    assert sides.new is not None and sides.old is not None
    symbol = sides.new.symbols.get(change.qualname)
    owner, _, name = change.qualname.rpartition("::")
    if change.status != "added" or symbol is None or name in declared \
            or (owner in sides.new.symbols and owner not in sides.old.symbols):
        return False
    header = " ".join(sides.new_text_lines[symbol.start - 1:symbol.end]).split("{", 1)[0]
    return bool(_OVERRIDES.search(header))


def native_virtuals_declared(sides: ParsedSides) -> set[str]:
    """The names of the methods declared `virtual` on the lines a C++ file adds."""
    return {found for number in sides.added_code_lines
            for found in _VIRTUAL_DECLARED.findall(sides.new_text_lines[number - 1])}


# A method declared virtual: `virtual bool IsAvailable() {`, `virtual void run(int n) = 0;`.
_VIRTUAL_DECLARED = re.compile(r"\bvirtual\b[^(;]*?\b(\w+)\s*\(")


def _version_gated_code_removed(lines: list[str], numbers: set[int]) -> bool:
    """The numbered lines are code a preprocessor conditional testing a version held, with its
    directives (`#if CUDA_VERSION < 9000` / stubs of what CUDA 9 added / `#endif`), and at most
    the linkage or namespace block left empty around it: support for old versions dropped."""
    gated = _version_conditioned(lines, numbers)
    return bool(gated) and all(_WRAPPING_BLOCK.match(_COMMENT.sub("", lines[n - 1])) for n in numbers - gated)


def _version_gated_code_written(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The added lines are code in branches of preprocessor conditionals that test a version
    (`#ifdef PADDLEINFERENCE_API_COMPAT_2_4_x` / what that version offers), or in their `#else`,
    with their directives, each other changed line only moved into such a conditional or laid
    out anew: code for another version of a dependency, beside what the others run."""
    gated = _version_branches(sides.new_text_lines, new_lines)
    if not gated:
        return False
    added = Counter(_unspaced(sides.new_text_lines[n - 1]) for n in new_lines)
    removed = Counter(_unspaced(sides.old_text_lines[n - 1]) for n in old_lines)
    outside = Counter(_unspaced(sides.new_text_lines[n - 1]) for n in new_lines - gated)
    return not removed - added and not outside - removed


def _version_branches(lines: list[str], numbers: set[int]) -> set[int]:
    """Of the numbered lines, the directives of conditionals that test a version and the lines
    of their branches that test one, or of the `#else` after branches that all do."""
    found: set[int] = set()
    branches: list[list[bool]] = []  # per open conditional: whether each branch so far tests a version
    for number, directive in enumerate(conditional_lines(lines), 1):
        if directive and directive.startswith("if"):
            branches.append([bool(_NATIVE_VERSION.search(lines[number - 1]))])
        elif directive == "else" and branches:
            branches[-1].append(all(branches[-1]))
        elif directive and directive.startswith("elif") and branches:
            branches[-1].append(bool(_NATIVE_VERSION.search(lines[number - 1])))
        if number in numbers and branches and (branches[-1][-1] or (directive and any(branches[-1]))):
            found.add(number)
        if directive == "endif" and branches:
            branches.pop()
    return found


def _unspaced(line: str) -> str:
    return "".join(_code_of(line).split())


def _macros_defined_per_build(lines: list[str], numbers: set[int]) -> bool:
    """Each numbered line defines a macro inside a branch of a conditional that is no include
    guard (`#ifdef __CUDACC__` ... `#else` / `#define THRUST_CHECK(condition) condition;`): what
    one build is compiled with."""
    depth: list[bool] = []  # per open conditional: whether it is an include guard
    inside: set[int] = set()
    for number, directive in enumerate(conditional_lines(lines), 1):
        if directive and directive.startswith("if"):
            depth.append(directive == "ifndef" and _guards_include(lines, number))
        elif directive == "endif" and depth:
            depth.pop()
        elif directive is None and number in numbers and not all(depth):
            inside.add(number)
    return bool(numbers) and numbers <= inside and all(_DEFINE.match(lines[n - 1]) for n in numbers)


def _include_guard_written(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """The change gave a header an include guard and did nothing else: `#ifndef
    GUARD_MATH_OPS_H` / `#define GUARD_MATH_OPS_H` above the code, `#endif` below it; the file
    is read once however often it is included."""
    lines = sides.new_text_lines
    opened = [n for n in sorted(new_lines) if (tested := _IF_NOT_DEFINED.match(lines[n - 1]))
              and n + 1 in new_lines and (defined := _BARE_DEFINE.match(lines[n]))
              and tested[1] == defined[1]]
    if len(opened) != 1:
        return False
    return all(_ENDIF.match(lines[n - 1]) for n in new_lines - {opened[0], opened[0] + 1}) \
        and all(_ENDIF.match(sides.old_text_lines[n - 1]) for n in old_lines)


# `#ifndef GUARD_MATH_OPS_H` and `#define GUARD_MATH_OPS_H` (no value), and the `#endif` that
# closes the guard.
_IF_NOT_DEFINED = re.compile(r"^\s*#\s*ifndef\s+(\w+)\s*$")
_BARE_DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)\s*$")
_ENDIF = re.compile(r"^\s*#\s*endif\b")


def _guards_include(lines: list[str], number: int) -> bool:
    """The `#ifndef NAME` on that line is followed by `#define NAME`: a header's include guard."""
    name = lines[number - 1].split()[-1]
    following = next((line for line in lines[number:] if line.strip()), "")
    return bool(re.match(rf"\s*#\s*define\s+{re.escape(name)}\b", following))


# A macro's definition: `#define THRUST_CHECK(condition) condition;`, `#define MINK_CUDA_DEVICE`.
_DEFINE = re.compile(r"^\s*#\s*define\s+\w+")


def _defines_what_it_used(sides: ParsedSides, new_lines: set[int]) -> bool:
    """Every added line defines a macro (or continues one) that the file's code used before
    without defining it (`#define CHECK_LT(low, high) AT_ASSERTM(low < high, ...)` where
    `CHECK_LT(low, high);` was there): what it includes no longer provides the macro, and the
    file stands in for it."""
    assert sides.old is not None
    lines = sides.new_text_lines
    defined = []
    for number in sorted(new_lines):
        if number - 1 in new_lines and lines[number - 2].rstrip().endswith("\\"):
            continue
        if (found := _DEFINE.match(lines[number - 1])) is None:
            return False
        defined.append(found[0].rsplit(None, 1)[-1])
    old_code = "\n".join(_code_of(line) for line in sides.old_text_lines)
    return bool(defined) and all(name not in sides.old.symbols and _mentions(old_code, name)
                                 for name in defined)


def _version_conditioned(lines: list[str], numbers: set[int]) -> set[int]:
    """Of the numbered lines, those inside a conditional (at any depth) whose `#if` or `#elif`
    tests a version, and its directives."""
    found: set[int] = set()
    versioned: list[bool] = []  # per open conditional: whether a branch of it tests a version
    for number, directive in enumerate(conditional_lines(lines), 1):
        tests_version = directive is not None and bool(_NATIVE_VERSION.search(lines[number - 1]))
        if directive and directive.startswith("if"):
            versioned.append(tests_version)
        elif directive is not None and versioned:
            versioned[-1] = versioned[-1] or tests_version
        if number in numbers and any(versioned):
            found.add(number)
        if directive == "endif" and versioned:
            versioned.pop()
    return found


def _constants_defined(lines: list[str], numbers: set[int]) -> list[str] | None:
    """The names the numbered lines define as constants, each line defining one; else None."""
    names = []
    for number in sorted(numbers):
        found = _NATIVE_CONSTANT.match(_code_of(lines[number - 1], '""'))
        if found is None:
            return None
        names.append(found.group(1))
    return sorted(names)


def _directive_lines(lines: list[str], numbers: set[int]) -> set[int]:
    """Of the numbered lines, the conditional directives (with the lines they continue onto)
    and those of an `#elif` or `#else` branch whose directive is among them when the branch is
    a fallback of at most `MAX_FALLBACK_STATEMENTS`, written beside the code the change put
    under a condition; and those of a first branch as short, of a conditional whose directives
    the change wrote (or removed) whole: one of two alternatives chosen by a version or a flag
    (`#if (CUDNN_VERSION >= 8907)` / `if (status != CUDNN_STATUS_SUCCESS || result < 1) {` /
    `#else` / `#endif` around the line kept)."""
    found: set[int] = set()
    # per open conditional: its current branch's lines if written, and whether it opened a
    # conditional the change wrote
    branches: list[tuple[list[int] | None, bool]] = []
    for number, directive in enumerate(conditional_lines(lines), 1):
        if directive is not None:
            if number in numbers:
                found.add(number)
        elif number in numbers and branches and branches[-1][0] is not None:
            branches[-1][0].append(number)
        if directive:
            if not directive.startswith("if") and branches:
                branch, first = branches.pop()
                if not first or number in numbers:
                    found |= _fallback(lines, branch)
            if directive != "endif":
                written = number in numbers
                branches.append(([] if written else None, directive.startswith("if")))
    return found


def _fallback(lines: list[str], branch: list[int] | None) -> set[int]:
    if branch is None or len(_brace_statements(lines, set(branch))) > MAX_FALLBACK_STATEMENTS:
        return set()
    return set(branch)


def _brace_statements(lines: list[str], numbers: set[int]) -> list[list[int]]:
    """Runs of consecutive numbered lines cut into statements: a statement ends on a line ending
    in `;`, `{` or `}` where the braces opened since it began are closed, or on a directive."""
    statements: list[list[int]] = []
    for run in _runs(sorted(numbers)):
        depth, current = 0, []
        for number in run:
            line = lines[number - 1].strip()
            current.append(number)
            depth += line.count("{") - line.count("}")
            if line.startswith("#") or (depth <= 0 and line.endswith((";", "{", "}"))):
                statements.append(current)
                depth, current = 0, []
        if current:
            statements.append(current)
    return statements


# A template specialized to hand on a configuration and do nothing else, as a library keeps its
# tuned settings per architecture and type: `template<> struct default_config<gfx90a, float> :
# merge_sort_config<256, 1, 128> {};`, or for a family of types (`template<class key_type> struct
# default_config<gfx90a, key_type, std::enable_if_t<...>> : ... {};`).
_SETTINGS_SPECIALIZATION = re.compile(
    r"^(template\s*<[^{};]*>\s*)?struct\s+[\w:]+\s*<[^{};]*>\s*:\s*(public\s+)?[\w:]+\s*<[^{};]*>\s*\{\s*\}\s*;$"
    r"|^template\s*<[^{};]*>$")


def _settings_specialized(lines: list[str], numbers: set[int]) -> bool:
    """Each statement the lines make up specializes a template to a configuration alone (a
    diff may pair a `template<>` line with the one before an unchanged specialization)."""
    statements = _brace_statements(lines, numbers)
    return bool(statements) and all(
        _SETTINGS_SPECIALIZATION.match(" ".join(code for n in statement
                                                if (code := _code_of(lines[n - 1]).strip())))
        for statement in statements)


def _owner_kind(table: ModuleSymbols, number: int) -> str | None:
    """What holds the line: a function, a class or struct outside its methods (where `int
    cc_major, cc_minor;` holds a capability and checks none), or nothing (a constant's own
    definition stands where it would stand without it: a Rust `const` is a symbol)."""
    owner = table.owner(number)
    kind = table.symbols[owner].kind if owner is not None else None
    return None if kind == "constant" else kind


def _prototype_in_header(sides: ParsedSides, change: SymbolChange) -> bool:
    """A function a header declares anew or no longer (`torch::Tensor fp8_gemm_out(...);`):
    what other files may call."""
    table = sides.new if change.status == "added" else sides.old if change.status == "removed" else None
    symbol = table.symbols.get(change.qualname) if table is not None else None
    return symbol is not None and sides.diff.path.endswith(_HEADERS) and is_prototype(symbol) \
        and not is_private_member(table, symbol)


# How many lines above a changed C/C++ line a call whose arguments it holds may start (Python's
# call sites are found by `callsites`, with a reach of its own).
_NATIVE_CALL_REACH = 8


def _calls_following(sides: ParsedSides, new_lines: set[int], old_lines: set[int],
                     retyped: frozenset[str]) -> int:
    """How many changed lines are in calls of a function the change gave other parameter types
    (`cupti_.processActivities(logger, ..., captureWindowStartTime_, captureWindowEndTime_)`,
    its arguments laid over several lines), outside the definitions of those functions: calls
    that had to follow."""
    if not retyped:
        return 0
    calling = re.compile(rf"(?<![\w]){one_of(retyped)}\s*(?:<[^;(){{}}]*>\s*)?\(")
    assert sides.old is not None and sides.new is not None
    return sum(1 for table, lines, numbers in ((sides.new, sides.new_text_lines, new_lines),
                                               (sides.old, sides.old_text_lines, old_lines))
               for number in numbers if calling.search(_statement_opening(lines, number))
               and (table.owner(number) or "").rpartition("::")[2] not in retyped)


def _statement_opening(lines: list[str], number: int) -> str:
    """The code of the numbered line and of the lines above it back to where its statement
    starts (after a line that ends one with `;`, `{` or `}`), at most `_NATIVE_CALL_REACH` of them."""
    opening = [_code_of(lines[number - 1])]
    for above in range(number - 1, max(0, number - 1 - _NATIVE_CALL_REACH), -1):
        code = _code_of(lines[above - 1]).rstrip()
        if code.endswith((";", "{", "}")) or code.lstrip().startswith("#"):
            break
        opening.append(code)
    return " ".join(reversed(opening))


def _enumerators_changed(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> int:
    """How many changed lines of a header are values of its enums (`SocketStateBound = 7,`
    inserted and those after it renumbered): what the files that include it compare with."""
    assert sides.old is not None and sides.new is not None
    if not sides.diff.path.endswith(_HEADERS):
        return 0
    return len(new_lines & sides.new.enumerator_lines) + len(old_lines & sides.old.enumerator_lines)


def _binding_lines(table: ModuleSymbols, other: ModuleSymbols, lines: list[str],
                   numbers: set[int]) -> set[int]:
    """Of the numbered lines, those that declare what Python calls: a line of a call binding a
    public name the other side does not bind (`nvf_sched.def("cache_fork", [](...) {...},
    py::arg("tensor"))`, the function it hands over written in it), or a line that declares
    a name or an argument wherever it sits (a macro may expand into a binding). The body of a
    function a name kept is bound to is its implementation, as is that of one bound under a
    private name (`m.def("_has_cuda_support", ...)`), which the package's own code calls."""
    kept = {name for name, _, _ in other.bindings}
    anew = {number for name, first, last in table.bindings if name not in kept and is_public(name)
            for number in range(first, last + 1)}
    return {number for number in numbers if number in anew or _BINDING_LINE.search(lines[number - 1])}


def _names_bound_elsewhere(sides: ParsedSides, new_lines: set[int], old_lines: set[int]) -> bool:
    """Each changed line binds for Python what the line it took the place of bound, under the
    same name and with the same words, to another function (`m.def("fast_hadamard_transform_12N",
    &fast_hadamard_transform_20N, ...)` became `&fast_hadamard_transform_12N`): what Python
    calls runs other code; how it calls it stays."""
    return bool(pairs := _line_pairs(sides, new_lines, old_lines)) and all(
        _BINDING_LINE.search(new) and NATIVE_STRING.findall(old) == NATIVE_STRING.findall(new)
        and _BOUND_FUNCTION.sub("", old) == _BOUND_FUNCTION.sub("", new)
        for old, new in pairs)


def _bound_anew(change: SymbolChange, bound: set[str]) -> bool:
    """A method added to a class Python reaches, and bound for Python by a line the change
    added (`void set_position_ids(py::list ids)` with `.def("set_position_ids",
    &PySearchTask::set_position_ids)`): what Python calls anew. A free function bound so may be
    code the C++ side calls too (a kernel's step), whose binding lines alone are the interface."""
    return change.status == "added" and change.kind == "method" and any(
        change.qualname == name or change.qualname.endswith("::" + name) for name in bound)


def _type_gone_from_header(sides: ParsedSides, change: SymbolChange) -> bool:
    """A class or struct a header declared, removed (`template<typename T> struct
    DeviceAllocation {...}` in `common/utils.hpp`): the files that used it no longer build."""
    assert sides.old is not None
    symbol = sides.old.symbols.get(change.qualname)
    return change.status == "removed" and change.kind == "class" and symbol is not None \
        and sides.diff.path.endswith(_HEADERS) and change.qualname not in sides.old.file_local \
        and not is_private_member(sides.old, symbol)


def is_private_member(table: ModuleSymbols, symbol: Symbol) -> bool:
    """A method declared under `private:` in its class, or before any access label in a
    `class` (whose members are private until one): no other file calls it."""
    owner = table.symbols.get(symbol.qualname.rpartition("::")[0])
    if owner is None or owner.kind != "class":
        return False
    labels = [match.group(1) for line in table.lines[owner.start - 1:symbol.start - 1]
              if (match := _ACCESS_LABEL.match(line))]
    if labels:
        return labels[-1] == "private"
    return bool(re.match(r"\s*(template\s*<[^>]*>\s*)?class\b", table.lines[owner.start - 1]))


def _wire_type(sides: ParsedSides, change: SymbolChange) -> bool:
    """A Rust type added or changed that derives serde's `Serialize` or `Deserialize`: what it
    declares is the shape of data read or written across a boundary (a request, a response, a
    file)."""
    if change.kind != "class" or change.status not in ("added", "changed") \
            or language(sides.diff.path) != "rust":
        return False
    assert sides.new is not None
    lines = sides.new_text_lines
    above = change.start_line - 1
    while above >= 1 and lines[above - 1].lstrip().startswith(("#[", "///", "//")):
        if _SERDE_DERIVE.search(lines[above - 1]):
            return True
        above -= 1
    return False


def _interface_of(sides: ParsedSides, change: SymbolChange) -> bool:
    """What other components call or pass: the parameters of a function reached from other
    files (not `static` nor in an anonymous namespace, not device code, not a macro, which is
    written out where it is used, not in a program's own file, not a source's `_helper`, not a
    class's private method; in Rust, `pub` to other crates; in Java, not `private`), the fields
    of a struct a header declares or of a `pub` Rust type, or the bindings Python calls the code
    through (the ops and schemas of a `TORCH_LIBRARY` block, a `PYBIND11_MODULE`'s functions, a
    `PD_REGISTER_PLUGIN_KERNEL`'s dtypes and the types and backends it declares for its inputs).
    A C++ class's own lines are mostly its private state."""
    assert sides.new is not None
    symbol = sides.new.symbols.get(change.qualname)
    if symbol is None:
        return False
    rust = language(sides.diff.path) == "rust"
    if _BINDINGS.match(change.qualname) and not is_macro(symbol):
        return True
    if change.kind == "class":
        if rust:
            return bool(_PUBLIC_ITEM.match(sides.new_text_lines[symbol.start - 1].lstrip()))
        return sides.diff.path.endswith(_HEADERS) and symbol.signature.startswith("struct ") \
            and not _macro_calls_alone(sides, symbol)
    if not (change.parameters_changed or _returns_another_type(sides, change)) or is_macro(symbol) \
            or _is_program(sides.new):
        return False
    if rust:
        return bool(_PUBLIC_ITEM.match(symbol.signature)) or change.qualname in sides.new.python_exposed
    if language(sides.diff.path) == "java":
        return not _PRIVATE.match(symbol.signature)
    return not _DEVICE_CODE.search(symbol.signature) and change.qualname not in sides.new.file_local \
        and not is_private_member(sides.new, symbol) \
        and not (change.kind == "function" and (_FILE_LOCAL.search(symbol.signature)
                                                 or is_source_helper(change.path, change.qualname)))


def is_source_helper(path: str, qualname: str) -> bool:
    """A free function a source (not a header) names with a leading underscore, as Python names
    what only its module calls (`_convertToHeuristicResultArray` in `tensile_host.cpp`)."""
    return not path.endswith(_HEADERS) and "::" not in qualname and qualname.startswith("_") \
        and not qualname.startswith("__")


def _macro_calls_alone(sides: ParsedSides, symbol: Symbol) -> bool:
    """Every line the change added within the struct invokes a macro, as does every line it
    removed from the file (`DNNL_DISALLOW_COPY_AND_ASSIGN(kernel);`): what the macro writes
    out, not a field."""
    added = [n for n in sides.added_code_lines if symbol.start <= n <= symbol.end]
    return bool(added or sides.removed_code_lines) \
        and all((call := _CALL_ALONE.match(line)) and MACRO_NAME.match(call[1])
                for line in _changed_texts(sides, set(added), sides.removed_code_lines))


# A call alone on its line, of a macro where its name is one's:
# `DNNL_DISALLOW_COPY_AND_ASSIGN(jit_uni_x8s8s32x_fwd_kernel);`.
_CALL_ALONE = re.compile(r"^\s*(\w+)\s*\(.*\)\s*;?\s*$")


def _is_program(table: ModuleSymbols) -> bool:
    """The file defines `main`: it is a program, whose functions no other file calls (a
    runner's `run.cpp`, a Rust binary's `main.rs`)."""
    symbol = table.symbols.get("main")
    return symbol is not None and symbol.kind == "function" and not is_prototype(symbol)


def _returns_another_type(sides: ParsedSides, change: SymbolChange) -> bool:
    """A C, C++ or CUDA function's result is of another type (`int get_arch()` became
    `std::string get_arch()`), which its callers use; the specifiers around it (`inline`,
    `__device__`) are no type. A function that returned nothing and now returns something
    (`void launch(...)` became `bool launch(...)`) breaks no caller."""
    assert sides.old is not None and sides.new is not None
    before = sides.old.symbols.get(change.old_qualname or change.qualname)
    after = sides.new.symbols.get(change.qualname)
    if before is None or after is None or change.kind not in ("function", "method"):
        return False
    was = _result_type(before)
    return was not in ("", "void") and was != _result_type(after)


def _result_type(symbol: Symbol) -> str:
    head = symbol.signature.partition(symbol.name.rpartition("::")[2] + "(")[0]
    return " ".join(word for word in head.split() if word not in _NATIVE_SPECIFIERS)

