"""The statements a change touched in a modified Python file, and the shapes such a change
takes when it adapts code to something outside it rather than changing what the code does:

- `calls-reshaped`: every touched statement is the same call as before, reached or used
  differently: arguments added or dropped (`torch.load(f)` became `torch.load(f,
  weights_only=False)`), the path to the callee changed (`ray._private.internal_api.free` became
  `ray.internal.free`), or the result unpacked into more names. This is how a caller follows an
  interface that changed under it. A wrapper may also take `*args` and `**kwargs` and pass
  them on, to let through what the function it wraps took on; calls of an imported function
  may go through an adapter around it that the change adds, and reads of an attribute
  through an imported accessor named for it (`config.max_position_embeddings` became
  `get_max_position_embeddings(config)`); the keyword arguments a call takes from a dict
  (`load(**kwargs)`) may be set entry by entry, to values that are not all settings, under
  tests of what the callee has (`if hasattr(self, "padding"): kwargs["padding"] =
  self.padding`). A method may also be added that only
  passes what it takes, variadics included, on to the same method of its base class: it
  changes the signature a caller that inspects it sees, and nothing else. A compound
  statement counts when only its header changed (`for _, group in group_by_modality(kwargs,
  merge=False):` lost its keyword), its body being the same.
- `names-retargeted`: every touched statement is the same as before but for references to
  imported modules renamed, each old name to one new name throughout (`cute.make_fragment`
  became `cute.make_rmem_tensor`, the annotation `cute.core.ThrMma` became `cute.ThrMma`).
  This is how code follows a library that renamed or moved its API; kernels included, since
  their arithmetic stays the same.
- `fields-renamed`: every touched statement is the same but for fields of an object the code
  is given, not of itself nor of a module, renamed on the same object throughout
  (`model_args.use_cache` became `model_args.use_kv_cache`); or it assigns the same names
  from a value that reads another field of that object instead (`req_data.resumed[i]` became
  `req_id in req_data.resumed_req_ids`). Either way the file reads the old field nowhere
  any more and read the new one nowhere before: the data it is handed names the fact
  otherwise now. Methods called are no fields.
- `keys-defaulted`: every touched statement is the same but for reads of named keys that now
  fall back to a default (`config["alpha"]` became `config.get("alpha", 0.0)`), so that data
  an older version wrote without the key still loads; likewise reads of an attribute that
  now fall back on another attribute of the object (`getattr(p, "feature_extractor", None) or
  getattr(p, "audio_processor", None)`); or now sit under `else` of an `if` that probes the
  object for an attribute (`if hasattr(cache, "layers"): ... else: <the old statements>`),
  reading a new layout of the data where it is there and the old one where it is not.
  Or the old statements sit, unchanged, under `if`s that test how many dimensions a tensor
  has (`if block_lse.dim() == 3: <the old statements>`, maybe setting a flag that a later
  `if` tests to keep more old statements): the code reads data of the new rank and still
  the old.
- `settings-set`: every changed line is an entry of a dict of settings, mapping a string to a
  number, a bool or None (`"router_aux_loss_coef": 0.0` added to a table of defaults), or an
  environment variable's name to a string (`"NCCL_CUMEM_ENABLE": "0"`); or the
  keyword arguments a call takes from a dict are set entry by entry to settings (constants,
  defaults, the user's options); or constants are now read from the environment with
  themselves as the default (`os.environ.get("NCCL_DEBUG", "WARN")`). A dict display may
  change only the values of such settings, however its lines are laid out (`"shuffle": True`
  became `"shuffle": False` as the display was spread over lines), and a call may change only
  the numbers and bools it is given as keyword arguments (`timeout=30` became `timeout=90`;
  not `dim=-1`, which says what is computed). Or the change only adds
  `if`s that override options in some case, each setting to constants only what its test
  reads (`if self.enable_torch_compile and self.super_group_size is not None:
  self.enable_torch_compile = False`) or fields of a configuration (`model_config.
  vision_config._attn_implementation = "flash_attention_2"`); messages logged may change
  beside them. Or the change only adds `if`s that hand an option of a configuration on,
  where it is set, under its own name into keyword arguments being built (`if
  self.config.attn_implementation is not None: kwargs["attn_implementation"] =
  self.config.attn_implementation`). Or the change only declares command-line options
  (`parser.add_argument("--num_image_per_prompt", type=int, default=1)`). Or fields of a
  class of options are given other defaults, maybe admitting None (`Optional[int] = None`),
  and what uses one now runs, unchanged, only where it is set. Or the change only adds
  methods that give keywords a default and pass them on to the base class's method
  (`kwargs.pop("torch_dtype", torch.bfloat16)` before `super().from_pretrained(...)`). Or
  the touched statements are the same but for paths, of files or of models on a hub, written
  anew (`open('/home/hanq/data/share.json')` became `open('~/data/share.json')`).
- `version-gated`: the change only adds code, and what it adds runs under an `if` that tests a
  version (`if compare_versions(torchdata_version, "<", "0.11"): kwargs.pop("in_order")`),
  beside assignments of the versions it compares; or the touched statements are unchanged
  but now run only under such `if`s; or, once an old version is dropped, the change only
  removes the `if`s and `assert`s that tested it, takes statements out of such an `if`, or
  keeps what a check chose for new versions without it (`x = a if version_at_least(...) else
  b` became `x = a`). The tests that name a version may also test otherwise than before,
  what they guard unchanged (versions compared as versions, not as strings), or an `if` pick
  between the old statements, kept under its `else`, and their replacement; a conditional
  expression may pick likewise between a value and its old one.
  What the old code set (`torch.backends.cudnn.allow_tf32 = ...`), the new code may set only
  where an `if` on a version falls to its `else`, setting something else for new versions.
  Decorators may also change alone, to ones that name versions (`@compiler.enable(
  min_version="2.7.0")`). Or the touched statements, before and after, only check versions,
  laid out anew: they bind versions, `assert` them or test them in `if`s that only say
  something or raise, within `if`s on other conditions. Or the test of an `if` only gains,
  beside what it tested, a platform, a version or what is there (`if is_cuda():` became `if
  is_cuda() or is_hip():`), its branch unchanged.
- `put-under-guard`: the touched statements are unchanged but now sit under an `if` that tests
  a platform or whether an optional package is there (with or without a plain fallback
  under `else`).
- `dependency-patched`: the change only adds code, and that code patches imported modules:
  it sets their attributes (`cache_utils.HybridCache = cache_utils.Cache`, so an older
  package that imports the removed name still loads), under tests of versions, platforms,
  availability or what the module has (`hasattr`), in `try`s that give up quietly, in
  functions that do only that and calls of them.
- `schema-declared`: only the decorators that register an op with PyTorch changed, in what
  they declare of it (`@torch.library.custom_op("lib::update", mutates_args={"out"})` now
  also mutates `conv_state`): the op's contract with the compiler. Or the touched statements
  only write packed binary values (`fout.write(struct.pack("f", 1.0))`), and the formats
  they write, in turn, changed: the layout of a file another component reads.
- `default-deferred`: parameters whose defaults named something imported at module level
  (`filter_fn=_is_linear`) now default to None and are resolved in the body, the import
  having moved into the function: the defaults follow the import.

Docstrings rewritten beside the code count as neither touched nor changed.

Each is judged while the file's syntax trees exist; `changetype` reads the verdict.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import inspect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Literal, TypeGuard

from prdossier.analysis.guards import GuardRules
from prdossier.analysis.pysymbols import (
    DOTTED_REFERENCE,
    MESSAGE_CALLS,
    OPTIONS_CLASS,
    OPTIONS_HOLDER,
    SETTINGS_MODULE,
    VERSION_PREDICATE,
    ImportStatement,
    LineSpans,
    ModuleSymbols,
    assignment_targets,
    copy_tree,
    default_nodes,
    dotted_path,
    every_statement,
    first_line,
    is_message,
    is_none,
    is_stdlib_module,
    names_imported,
    nested_statements,
    node_lines,
    one_of,
    parameter_defaults,
    referenced_names,
    short_name,
    tested_not_none,
    when_set,
    without_docstrings,
)
from prdossier.analysis.symdiff import ParsedSides

StatementShape = Literal["calls-reshaped", "names-retargeted", "fields-renamed", "keys-defaulted",
                         "settings-set", "version-gated", "put-under-guard", "dependency-patched",
                         "default-deferred", "data-converted", "schema-declared"]

# A change of more lines than this is not an adaptation of a few call sites.
MAX_CHANGED_LINES = 30
# A name bound to a value on one line: `extra_cuda_cflags = ["-lineinfo", "-O3"]`.
_BINDS_A_VALUE = re.compile(r"^\s*([A-Za-z_]\w*)\s*=(?!=)(.+)$")
# A comparison with a string: `== "su"`, `in ("a", "b")`.
_NAMES_A_STRING = re.compile(r"""(==|\bin)\s*[(\[{]?\s*["']""")
# A string that is a path and nothing else: of the file system (`/home/hanq/data/share.json`,
# `~/data/share.json`) or of a model on a hub (`runwayml/stable-diffusion-v1-5`); not a URL,
# nor a sentence naming one.
# A path, or the name of a file of data, weights or settings (`pytorch_model.bin`, `config.json`).
_PATH = re.compile(r"(~|\.{1,2})?/?[\w.-]+(/[\w.-]+)+/?"
                   r"|[\w.-]*\w\.(bin|pt|pth|ckpt|safetensors|gguf|onnx|pkl|npy|npz|h5|json|ya?ml|txt|csv|parquet)")
_QUOTED_PATH = re.compile(rf"""["']({_PATH.pattern})["']""")
# A test of a tensor's rank: `x.dim()`, `x.ndim`, `x.ndimension()`, `len(x.shape)`.
_TESTS_RANK = re.compile(r"\.(dim|ndimension)\(\)|\.ndim\b|\blen\([\w.]+\.shape\)")
# A module's name as Python's style writes it: `morphology`, `_functional`.
_MODULE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
# A name bound to a function of itself alone: `stft = torch.view_as_real(stft)`.
_CONVERTED_IN_PLACE = re.compile(r"^\s*(\w+)\s*=\s*[\w.]+\(\1\)\s*(#.*)?$")
# An `if` on whether a mapping holds a key: `if "optimizer_step" not in save_dict:`.
_TESTS_A_KEY = re.compile(r"""^\s*if\s+(["'])[^"']+\1\s+(not\s+)?in\s""")
_SETS_ATTRIBUTE = re.compile(r"^\s*([A-Za-z_]\w*)(?:\.\w+)+\s*=[^=]")
_AVAILABILITY = re.compile(r"\b_?(HAS|HAVE)_\w+|\bis_\w+_available\b|\b\w+_AVAILABLE\b")
# Built-in functions: no interface outside the code changes under a call of one (`zip(a, b)`
# given `strict=True` follows a linter), and the arguments of `dict(...)` are entries.
BUILTIN_NAMES = frozenset(dir(builtins))
# A function defined at module level, and its name.
_MODULE_DEF = re.compile(r"def (\w+)\(")
# How `*args` or `**kwargs` look where they are declared or passed on.
_PASSES_ON = re.compile(r"[(,]\s*\*{1,2}[A-Za-z_]")
# Names of objects that hold the options a user chose (`cfg`, `model_args`, `lora_config`).
_CONFIGURATION = re.compile(r"(^|_)(cfg|conf|config|args|settings|options)$")
_ENVIRONMENT_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
# Decorators that register an op with PyTorch: `torch.library.custom_op`, `register_fake`.
_OP_REGISTRARS = ("custom_op", "triton_op", "register_fake", "register_kernel", "register_autograd",
                  "impl_abstract")
_REGISTERS_OP = re.compile(rf"(^|\.)({'|'.join(_OP_REGISTRARS)})\b")
# What `torch.library.custom_op` is told of the arguments an op writes to.
_OP_MUTATIONS = "mutates_args"
# A constant's name by convention: `IPEX_WEIGHT_PREPACK_MODULE_CPU`; and one called with nothing.
UPPER_CASE = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
_CONSTANT_CALLED = re.compile(r"\b(_*[A-Z][A-Z0-9_]*)\(\)")
_ENVIRONMENT_READ = re.compile(r"\benviron\.get\(|\bgetenv\(")
_ENVIRONMENT_GETTERS = frozenset({"os.environ.get", "os.getenv", "environ.get", "getenv"})
# A setting read from the environment, an option looked up in a configuration by its key, or a
# choice on one (`False if args.no_load_optim else True`).
_SETTING_READ = re.compile(r"\benviron\.get\(|\bgetenv\(|\.get\(\s*['\"]|\bif\s+(not\s+)?[\w.]+\s+else\b")
# A test of what the environment holds: a variable read, or looked for (`"X" not in os.environ`).
_ENVIRONMENT_LOOKUP = re.compile(r"\benviron\.get\(|\bgetenv\(|\bin\s+(os\.)?environ\b")
# A field a class body declares: `    neuron_cc_optlevel: Optional[int] = field(`.
_ANNOTATED_FIELD = re.compile(r"^\s+[A-Za-z_]\w*\s*:\s*[^=\s][^=]*=[^=]")
# What takes a parsed option's value out of the options (`args.pop("x")`) or converts it.
_OPTION_VALUE_METHODS = frozenset({"pop", "get", "lower", "upper", "strip", "split"})
_OPTION_VALUE_CONVERSIONS = frozenset({"bool", "int", "float", "str", "list", "tuple"})
# What `add_argument` is told of an option beside its names and what it does.
_OPTION_SETTINGS = frozenset({"default", "type", "choices", "help", "nargs", "required", "metavar", "action"})
# What else `add_argument` takes; a keyword it does not take (`defaul=False`) is a slip that only
# the parser, when run, reports, and no part of what the option is.
_DECLARATION_KEYWORDS = frozenset({"dest", "const", "version", "deprecated"})
_SETS_ENVIRONMENT = re.compile(r"\benviron\[[^]]+\]\s*=[^=]|^\s*del\s+[\w.]*\benviron\[")
_ENVIRONMENT_NAME_READ = re.compile(r"""(?:\benviron\.get\(|\bgetenv\(|\benviron\[)\s*["'](\w+)["']""")
# A method that adds to a registry: `AutoConfig.register`, `ModelRegistry.register_model`.
_REGISTERS = re.compile(r"\.register(_\w+)?$")
# How a method names the object or class it belongs to.
_OWN_OBJECT = ("self", "cls")
_ASSIGNS = re.compile(r"^\s*[\w.]+(\s*,\s*[\w.]+)*\s*=[^=]")
_SETS_NAMED_ENTRY = re.compile(r"""^\s*\w+\[\s*(["'])\w+\1\s*\]\s*=[^=]""")
_READ_ATTRIBUTE = re.compile(r"\.([A-Za-z_]\w{2,})\b(?!\s*\()")
_CALLED_NAME = re.compile(r"\b([A-Za-z_]\w*)\(")
# A line of a dict entry: it maps a key (`"size": {`) or closes a nested display (`},`).
_ENTRY_PART = re.compile(r":|^\s*\}\s*,?\s*$")
# A name or an attribute set to a constant alone: `self.enable_torch_compile = False`,
# `config._attn_implementation = "eager"`.
_SETS_CONSTANT = re.compile(
    r"""^\s*[A-Za-z_][\w.]*\s*=\s*(False|True|None|-?\d[\w.]*|"[^"]*"|'[^']*')\s*(#.*)?$""")
# A setter of how a library computes: `set_float32_matmul_precision`, `enable_flash_sdp`.
_SWITCH_CALL = re.compile(r"(^|\.)_?(set|enable|disable|allow)_\w+$")
_SWITCH_CALLED = re.compile(r"\._?(set|enable|disable|allow)_\w+\s*\(")
# A decorator that marks what it decorates deprecated: `@deprecated_class("4.9.0", "6.0.0")`.
_MARKS_DEPRECATED = re.compile(r"^\s*@([\w.]*\.)?deprecat")
# A release's version as text: `0.3.7`, `2.33.1`, `v1.2`.
_VERSION_TEXT = re.compile(r"v?\d+(\.\d+)+")
# A keyword argument given a number or a bool: `timeout=90`.
_SETTING_KEYWORD = re.compile(r"(^|[(,])\s*\w+=-?(True|False|\.?\d)")
# Keyword arguments that say which dimension data is computed over, not how.
_DIMENSION_KEYWORDS = frozenset({"dim", "axis", "dims", "axes", "keepdim", "keepdims"})
# An option handed on: `kwargs["name"] = ...`, `config.dist.name = args.name`.
_HANDS_ON = re.compile(r"\] = |^\s*[\w.]+\.(\w+) = [\w.]+\.\1\s*$")
# What the interpreter holds of the running process, which code sets for itself: `sys.argv`,
# `sys.stdout`; not the import system (`sys.path`, `sys.modules`).
_PROCESS_STATE = re.compile(r"^sys\.(?!path\b|modules\b|meta_path\b|path_hooks\b)")
# A name bound to numbers: `tile_size = (512, 1024, 1024)`, `eps = 1e-6`.
_NUMBERS_BOUND = re.compile(r"^\s*\w+\s*=\s*[-(\[]*\s*\.?\d[\w.,\s()\[\]+-]*$")
# A string key given a number, a bool or None in a dict display: `"shuffle": False`.
_SETTING_ENTRY = re.compile(r"""(["'])\w+\1\s*:\s*-?(True|False|None|\.?\d)""")
# A dict display's entry of a string key (`"warmup_ratio": 0.1,`) and its key.
_SETTING_KEY = re.compile(r"""^\s*(["'])(\w+)\1\s*:([^,#]+),?\s*(#.*)?$""")
# A variable an assignment binds: `vector_table = ...`.
_ASSIGNS_NAME = re.compile(r"^\s*([A-Za-z_]\w*)\s*=(?!=)")
# A field read from what an expression gives: `model.attrs["vectors"].data`.
_FIELD_OF_EXPRESSION = re.compile(r"[\])]\s*\.\s*([A-Za-z_]\w*)")
# The name or attribute an assignment sets (`self.eps = 1e-6`).
_SET_TARGET = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*=(?!=)([^#]+)(#.*)?$")
# A line read as its words and runs of punctuation, for comparing lines word by word.
_WORDS = re.compile(r"\w+|[^\w\s]+")
# `d.get("k", 0)`, `d.get("k") or 0`, `... if "k" in d else 0`
_KEY_READ_WITH_DEFAULT = re.compile(r"""\.(?:get|pop)\(\s*(["'])[^"']*\1\s*(,|\)\s*or\b)"""
                                    r"""|\bif\s+(["'])[^"']*\3\s+in\s""")
# Tensor and array methods that give the same data in another dtype, layout, shape or place: what
# a kernel or a binding that takes it may require (`q.contiguous()`, `indices.int()`, `grad.view(-1)`,
# NumPy's `tokens.astype(int)`, a tensor's `logits.numpy()`).
_CONVERSIONS = frozenset({"int", "long", "float", "half", "bfloat16", "double", "contiguous", "to", "view",
                          "reshape", "flatten", "astype", "item", "tolist", "encode", "decode", "numpy"})
# What `.to(...)` is told besides where to move a tensor, and the devices it may be named.
_MOVE_KEYWORDS = frozenset({"device", "non_blocking", "copy"})
_DEVICE_TYPES = frozenset({"cpu", "cuda", "npu", "xpu", "mps", "hpu", "meta", "xla"})
_CONVERTS = re.compile(r"\.(" + "|".join(sorted(_CONVERSIONS)) + r")\(")
# Built-in types called on a value to make one of them of it: `list(counts.keys())`.
_BUILT_IN_CONVERSIONS = frozenset({"list", "tuple", "set", "frozenset", "dict", "str", "bytes", "int",
                                   "float", "bool"})
_CONVERTS_TO_BUILT_IN = re.compile(r"(?<![\w.])(" + "|".join(sorted(_BUILT_IN_CONVERSIONS)) + r")\(")
# A method named for what it turns its object into, given nothing: `lpos.toPoint()`, `df.to_numpy()`.
_NAMED_CONVERSION = re.compile(r"to(_[a-z]\w*|[A-Z]\w*)")
_CALLS_NAMED_CONVERSION = re.compile(rf"\.{_NAMED_CONVERSION.pattern}\(\s*\)")
# The field that holds a pandas object's data as an array: `series.values`.
_CONVERTED_FIELDS = frozenset({"values"})
# A list opened as a call's argument, maybe a comprehension that was a generator: `np.sum([`.
_OPENS_A_LIST = re.compile(r"[(,]\s*\[")
# The line that closes a function's header written over several lines: `) -> Tensor:`.
_CLOSES_HEADER = re.compile(r"^\s*\)\s*(->.*)?:\s*$")
# A line of a header that names parameters with no default, maybe opening or closing it:
# `cluster_centroids_init,`, `def cluster_weights(to_cluster, number_of_clusters,`,
# `preserve_sparsity, **kwargs):`.
_BARE_PARAMETERS = re.compile(r"^\s*((async\s+)?def\s+\w+\s*\()?(\s*\*{0,2}\w+\s*(:\s*[\w.\[\]|]+)?\s*,)*"
                              r"\s*(\*{0,2}\w+\s*(:\s*[\w.\[\]|]+)?\s*(\)\s*(->.*)?:)?)?\s*$")
# How an annotation admits None beside the type it named.
_OPTIONAL_FORMS = ("Optional[{}]", "typing.Optional[{}]", "{} | None", "Union[{}, None]")
# What parses a version: `version.parse`, `packaging.version.Version`, `parse_version`.
_VERSION_PARSERS = frozenset({"parse", "Version", "parse_version", "LooseVersion", "StrictVersion"})
# Decorators that make a function a kernel: the calls in its body are the kernel's arithmetic.
_KERNEL = re.compile(r"(^|\.)(jit|autotune|heuristics)$|^triton\.")


def statement_shape(sides: ParsedSides, guards: GuardRules,
                    fields_dropped: frozenset[str]) -> StatementShape | None:
    """The shape of the change to a modified file whose both sides parse, if it has one; none
    when a touched statement nests deeper than the interpreter's stack goes. `fields_dropped`
    are the fields whose declarations the change as a whole removes."""
    try:
        return _shape(sides, guards, fields_dropped)
    except RecursionError:
        return None


def _shape(sides: ParsedSides, guards: GuardRules, fields_dropped: frozenset[str]) -> StatementShape | None:
    old, new = sides.old, sides.new
    if old is None or new is None or not old.parses or not new.parses:
        return None
    old_lines = sides.removed_code_lines - old.import_lines - old.docstring_lines
    new_lines = sides.added_code_lines - new.import_lines - new.docstring_lines
    # lines taken out of a docstring, or put in one, leave no gap in the code
    old_gaps = [gap for gap in sides.old_gaps if not all(line in old.docstring_lines for line in gap)]
    new_gaps = [gap for gap in sides.new_gaps if not all(line in new.docstring_lines for line in gap)]
    hoisted_old, hoisted_new = _values_hoisted(sides, old_lines, new_lines)
    old_lines, new_lines = old_lines - hoisted_old, new_lines - hoisted_new
    if not (new_lines or new_gaps or old_lines):
        return None
    if _decorators_set_versions(sides, old_lines, new_lines):
        return "version-gated"
    if _op_registrations_changed(sides, old_lines, new_lines):
        return "schema-declared"
    if new_lines and max(len(old_lines), len(new_lines)) <= MAX_CHANGED_LINES \
            and all("=" in line or _CLOSES_HEADER.match(line) or _BARE_PARAMETERS.match(line)
                    for line in (sides.old_text_lines[n - 1] for n in old_lines)) \
            and (defaults := _defaults_changed(sides, old_lines, new_lines)):
        return defaults
    if any(_ANNOTATED_FIELD.match(sides.old_text_lines[n - 1]) for n in old_lines) \
            and any(_ANNOTATED_FIELD.match(sides.new_text_lines[n - 1]) for n in new_lines) \
            and any("None" in sides.new_text_lines[n - 1] for n in new_lines) \
            and _options_left_unset(sides, old_lines, new_lines):
        return "settings-set"
    touched_after = cache(lambda: _touched(new, new_lines, new_gaps))
    # The old side is most often the parse cache's, its tree freed: it is read again only when
    # a shape needs it, and at most once.
    touched_before = cache(lambda: _touched(old, old_lines, old_gaps))
    if any("struct.pack(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) is not None \
            and (before := touched_before() if old_lines else []) is not None \
            and _packed_layout_changed(before, added):
        return "schema-declared"
    if (not old_lines or _settings_gated_anew(sides, old_lines, new_lines)) \
            and _may_test_a_version(sides.new_text_lines, new_lines) \
            and (added := _touched(new, new_lines, []) if old_lines else touched_after()) is not None \
            and _version_gated([held for held in added if not _declares_an_option(new, held[0])],
                               new_lines, new):
        return "version-gated"
    if old_lines and _may_test_a_version(sides.new_text_lines, new_lines) \
            and (before := touched_before()) is not None and (added := touched_after()) is not None \
            and (rest := _version_gates_moved(before, added)) \
            and _version_gated([held for held in rest if not _declares_an_option(new, held[0])],
                               new_lines, new):
        return "version-gated"
    if not old_lines and any(sides.new_text_lines[n - 1].lstrip().startswith("elif ") for n in new_lines) \
            and _branches_added(new, new_lines, guards):
        return "version-gated"
    if len(old_lines) == len(new_lines) == 1 and _platform_admitted(
            sides.old_text_lines[min(old_lines) - 1], sides.new_text_lines[min(new_lines) - 1], guards):
        return "version-gated"
    if not old_lines and any(sides.new_text_lines[n - 1].lstrip().startswith("elif ") for n in new_lines) \
            and _choices_added(new, new_lines):
        return "settings-set"
    if not old_lines and any(" not in " in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) and all(_keys_defaulted(statement) for statement, _ in added):
        return "settings-set"
    if not old_lines and any(".pop(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) and all(_takes_out_options(statement) for statement, _ in added):
        return "settings-set"
    if not old_lines and _may_patch(sides, new_lines) \
            and (added := touched_after()) is not None \
            and _patches_dependencies(added, new, guards, top_package(sides.diff.path)):
        return "dependency-patched"
    if not old_lines and any("super()." in sides.new_text_lines[n - 1] for n in new_lines):
        if _only_overrides(new, new_lines, _forwards_to_base):
            return "calls-reshaped"
        if _only_overrides(new, new_lines, _defaults_then_forwards):
            return "settings-set"
    if not old_lines and all(_CONVERTS.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := touched_after()) is not None and _only_converted_in_place(added):
        return "data-converted"
    if old_lines and len(old_lines) <= 2 \
            and any(_CONVERTED_IN_PLACE.match(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := _touched(new, new_lines, [])) is not None \
            and (before := _touched(old, old_lines, [])) is not None \
            and _option_set_otherwise_then_converted(before, added):
        return "data-converted"
    if not old_lines and any("getattr(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) is not None and _api_probed(added):
        return "keys-defaulted"
    if not old_lines and any("hasattr(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) is not None and _converted_where_it_can_be(added):
        return "data-converted"
    if not old_lines and any("isinstance(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (added := touched_after()) is not None \
            and (_type_case_put_first(added, new_lines) or _converted_unless_of_type(added)):
        return "data-converted"
    if any(_SETS_ENVIRONMENT.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := touched_after()) is not None \
            and (before := _touched(old, old_lines, []) if old_lines else []) is not None \
            and _environment_set(before, added, guards):
        return "settings-set"
    if any(_ENVIRONMENT_READ.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := touched_after()) is not None \
            and (((before := _touched(old, old_lines, []) if old_lines else []) is not None
                  and (_environment_flags_added(before, added) or _environment_read_otherwise(before, added)))
                 # lines put into a statement: the statement around them is what changed
                 or (not old_lines and (around := touched_before()) is not None
                     and _environment_flags_added(around, added))):
        return "settings-set"
    if (old_lines or old_gaps) and any(_SETTING_READ.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := touched_after()) is not None and (before := touched_before()) is not None \
            and _setting_passed_on(before, added, inserted_only=not old_lines):
        return "settings-set"
    if old_lines and new_lines and _OPTION_GETTER_CALLED.search(new.text) \
            and (added := touched_after()) is not None and (before := touched_before()) is not None \
            and _option_lookups_given_otherwise(before, added):
        return "settings-set"
    if new_lines and ".add_argument(" in new.text and (added := touched_after()) is not None \
            and (before := touched_before() if old_lines or old_gaps else []) is not None \
            and _options_declared(before, added):
        return "settings-set"
    if old_lines and not new_lines and ".add_argument(" in old.text and (before := touched_before()) \
            and all(declares_option(statement) for statement, _ in before):
        return "settings-set"  # command-line options no longer declared
    if not old_lines and any(_HANDS_ON.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (added := touched_after()) is not None and bool(added) \
            and all(_option_handed_on(statement) for statement, _ in added):
        return "settings-set"
    if old_lines and new_lines and all(sides.old_text_lines[n - 1].lstrip().startswith("except")
                                       for n in old_lines) \
            and all(sides.new_text_lines[n - 1].lstrip().startswith("except") for n in new_lines) \
            and (before := touched_before()) is not None and (added := touched_after()) is not None \
            and _import_probes_catch_otherwise(before, added):
        return "put-under-guard"
    if new.import_flags and _tests_any(sides.new_text_lines, new_lines, new.import_flags) \
            and _put_under_import_flags(sides, old_lines, new_lines, new.import_flags):
        return "put-under-guard"
    # Where code was only inserted, the old side's gap falls inside the block around it.
    if max(len(old_lines), len(new_lines)) <= MAX_CHANGED_LINES \
            and any(_SETS_CONSTANT.match(line) or _SWITCH_CALLED.search(line)
                    for line in (sides.new_text_lines[n - 1] for n in new_lines)) \
            and (added := touched_after()) is not None \
            and (before := _touched(old, old_lines, []) if old_lines else []) is not None \
            and _options_overridden(before, added):
        return "settings-set"
    if any(sides.new_text_lines[n - 1].lstrip().startswith("elif ") for n in new_lines) \
            and (added := touched_after()) is not None and (before := touched_before()) is not None \
            and _settings_table_extended(before, added, new_lines, sides.new_text_lines):
        return "settings-set"
    # a decorated definition taken out of a version check whole, its decorators with it
    if old_lines and touched_after() is None \
            and (after := _touched(new, new_lines, new_gaps, decorated=True)) is not None \
            and _version_checks_dropped(sides, old_lines, new_lines,
                                        lambda: _touched(old, old_lines, old_gaps, decorated=True), after):
        return "version-gated"
    if not (old_lines or old_gaps) or (after := touched_after()) is None:
        return None
    imported = old.imported_names
    if _may_rename(sides, old, lambda word: word.split(".", 1)[0] in imported) \
            and (before := touched_before()) is not None and _names_retargeted(before, after, old, new):
        return "names-retargeted"
    removed = [sides.old_text_lines[n - 1] for n in sides.removed_code_lines]
    renamable = {match[1] for line in removed if (match := _ASSIGNS_NAME.match(line))} \
        | {field for line in removed for field in _FIELD_OF_EXPRESSION.findall(line)}
    if _may_rename(sides, old,
                   lambda word: _is_field(word, imported) or _is_kept_object_field(word)
                   or word in renamable) \
            and (before := touched_before()) is not None \
            and _fields_renamed(before, after, imported, sides.old_text_lines, sides.new_text_lines,
                                fields_dropped):
        return "fields-renamed"
    versions = _module_version_names(new)
    if _version_checks_dropped(sides, old_lines, new_lines, touched_before, after) \
            or _version_choice_made(sides, new_lines, touched_before, after, versions) \
            or (any(sides.old_text_lines[n - 1].lstrip().startswith("try:") for n in old_lines)
                and (before := touched_before()) is not None and _probe_made_a_version_test(before, after)):
        return "version-gated"
    if any(_ENVIRONMENT_LOOKUP.search(sides.old_text_lines[n - 1]) for n in old_lines) \
            and (before := touched_before()) is not None and _environment_check_dropped(before, after):
        return "settings-set"
    if (_names_a_version(sides.old_text_lines, old_lines)
            or _names_a_version(sides.new_text_lines, new_lines)) \
            and (before := touched_before()) is not None and _version_checks_rearranged(before, after):
        return "version-gated"
    if _changed_lines_reindented(sides, old_lines, new_lines) and (before := touched_before()) is not None \
            and (verdict := _put_under_a_setting(before, after, new_lines, new)):
        return verdict
    if old_lines and any(_TESTS_RANK.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None and _rank_probed(before, after):
        return "keys-defaulted"
    if old_lines and any(_TESTS_A_KEY.match(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None and _key_read_where_present(before, after):
        return "keys-defaulted"
    if old_lines and any(_TESTS_A_KEY.match(line) or "hasattr(" in line
                         for line in (sides.new_text_lines[n - 1] for n in new_lines)) \
            and _read_under_either_name(after):
        return "keys-defaulted"
    if max(len(old_lines), len(new_lines)) > MAX_CHANGED_LINES:
        return None
    lost = words_lost(sides)
    if lost and all("." in word for word in lost) and (before := touched_before()) is not None \
            and _reached_through_inner(before, after, sides.new_text_lines):
        return "fields-renamed"
    if old_lines and all(_ASSIGNS.match(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None \
            and _fields_replaced(before, after, new.imported_names, sides.old_text_lines,
                                 sides.new_text_lines):
        return "fields-renamed"
    if any(_PASSES_ON.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None and _variadics_passed_on(before, after):
        return "calls-reshaped"
    if not old_lines and any("isinstance(" in sides.new_text_lines[n - 1] for n in new_lines) \
            and after and all(_element_taken_where_several(statement) for statement, _ in after):
        return "data-converted"
    if any("isinstance(" in sides.old_text_lines[n - 1] for n in old_lines) \
            and (before := touched_before()) is not None and _all_values_unpacked(before, after):
        return "calls-reshaped"
    if any(_KEY_READ_WITH_DEFAULT.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None:
        if _defaults_now_read(before, after, _OptionDefaults):
            return "settings-set"
        if _keys_given_defaults(before, after):
            return "settings-set" if _versions_given(before, after) else "keys-defaulted"
    if any(" or getattr(" in line or _READ_FIRST_ELSE.search(line) or _READ_WHERE_THERE.search(line)
           for line in (sides.new_text_lines[n - 1] for n in new_lines)) \
            and (before := touched_before()) is not None and _attributes_given_fallbacks(before, after):
        return "keys-defaulted"
    if _may_set_keywords(sides, old_lines, new_lines) and (before := touched_before()) is not None \
            and (verdict := _keywords_set((before, old, old_lines), (after, new, new_lines))):
        return verdict
    if old_lines and any(".value" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (before := touched_before()) is not None and _members_read_by_value(before, after):
        return "calls-reshaped"
    if old_lines and _may_read_through_accessor(sides, old_lines, new_lines) \
            and (before := touched_before()) is not None and _read_through_accessor(before, after, new):
        return "calls-reshaped"
    if old_lines and _may_route_through_adapter(sides.new_text_lines, new_lines) \
            and (before := touched_before()) is not None and _routed_through_adapter(before, after, old):
        return "calls-reshaped"
    if (any(_CONVERTS.search(line) or _CONVERTS_TO_BUILT_IN.search(line) or _OPENS_A_LIST.search(line)
            or ".values" in line or _CALLS_NAMED_CONVERSION.search(line) or _READS_WHOLE.search(line)
            for line in (sides.new_text_lines[n - 1] for n in new_lines))
            or any(_CONVERTS.search(sides.old_text_lines[n - 1]) for n in old_lines)) \
            and (before := touched_before()) is not None \
            and (_arguments_converted(before, after) or _locals_converted_then_handed(before, after, new)):
        return "data-converted"
    if old_lines and (any("[" in sides.new_text_lines[n - 1] for n in new_lines)
                      or any("[" in sides.old_text_lines[n - 1] for n in old_lines)) \
            and (before := touched_before()) is not None and _elements_taken(before, after):
        return "data-converted"
    if old_lines and len(old_lines) == len(new_lines) <= _FEW_KEY_LINES \
            and (before := touched_before()) is not None and _keys_handed_renamed(before, after):
        return "fields-renamed"
    if old_lines and _may_read_fields_as_keys(sides, old_lines, new_lines) \
            and (before := touched_before()) is not None and _fields_read_as_keys(before, after):
        return "data-converted"
    if any(_ENVIRONMENT_READ.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (_environment_variable_renamed(sides, old_lines, new_lines)
                 or ((before := touched_before()) is not None
                     and (_defaults_now_read(before, after, _EnvironmentDefaults)
                          or _environment_defaults_changed(before, after)))):
        return "settings-set"
    if (new_lines or old_lines) and _may_be_entries(sides.new_text_lines, new_lines) \
            and _may_be_entries(sides.old_text_lines, old_lines) and _only_setting_entries(after, new_lines) \
            and (before := touched_before()) is not None and _only_setting_entries(before, old_lines):
        return "settings-set"
    if any(_SETTING_ENTRY.search(line) or _SETTING_KEYWORD.search(line) or _NUMBERS_BOUND.match(line)
           or _KEY_READ_WITH_DEFAULT.search(line)
           for line in (sides.new_text_lines[n - 1] for n in new_lines)) \
            and (before := touched_before()) is not None and _setting_values_changed(before, after):
        return "settings-set"
    if old_lines and any("**" in sides.new_text_lines[n - 1] for n in new_lines) \
            and (before := touched_before()) is not None \
            and (_keywords_chosen_by_version(before, after, new)
                 or _keywords_given_for_versions(before, after, new)):
        return "version-gated"
    if _may_fall_back(sides.new_text_lines, new_lines) and (before := touched_before()) is not None \
            and (_setting_chosen_by_version(before, after, new, new_lines)
                 or _version_cases_spelled_out(before, after)):
        return "version-gated"
    if old_lines and any(_BINDS_A_DISPLAY.match(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None and _settings_handed_to_calls(before, after):
        return "settings-set"
    if (any(_BUILDS_OPTIONS.search(sides.new_text_lines[n - 1]) for n in new_lines)
            or any(_BUILDS_OPTIONS.search(sides.old_text_lines[n - 1]) for n in old_lines)) \
            and (before := touched_before()) is not None and _options_objects_handed(before, after):
        return "settings-set"
    stored, passing = _settings_stored(after)
    if stored and passing and _may_be_reshaped(passing) and (before := touched_before()) is not None \
            and _options_passed_on(before, passing, stored):
        return "settings-set"
    if after and _may_be_reshaped(after):
        before = touched_before()
        if before is not None and (_options_passed_on(before, after, _imported_settings(new))
                                   or _releases_given_anew(before, after)):
            return "settings-set"
        if before is not None and ((_calls_reshaped(before, _without_arguments_computed(before, after))
                                    and not _own_function_applied(before, after, new)
                                    and not _placed_otherwise(before, after,
                                                              _own_names(new, sides.diff.path)))
                                   or _calls_retargeted(before, after, old, sides.new_text_lines)):
            return "calls-reshaped"
    elif (gates := _guards_put_over(_without_version_bindings(after, versions), guards,
                                    all_versions := versions | _parsed_versions(after))) \
            and (before := touched_before()) is not None:
        kept = [ast.dump(s) for s, _ in before]
        on_versions = all(_tests_a_version(g.test, all_versions) for g in gates)
        if kept == [ast.dump(s) for g in gates for s in g.body] \
                or (on_versions and kept == [ast.dump(s) for g in gates for s in g.body
                                             if not isinstance(s, ast.Import | ast.ImportFrom)]):
            # code put under a test of versions may bring under it the import it alone uses
            return "version-gated" if on_versions else "put-under-guard"
        # A version check picks between the old code, kept for old versions, and its replacement.
        if on_versions and kept == [ast.dump(s) for g in gates for s in g.orelse]:
            return "version-gated"
    if after and _headers_touched(after) and (before := touched_before()) is not None \
            and _calls_reshaped(before, after):
        return "calls-reshaped"
    if old_lines and after and (before := touched_before()) is not None \
            and _constants_no_longer_passed(before, after, imported):
        return "calls-reshaped"
    if old_lines and after and _may_call_constants(sides, old_lines, new_lines) \
            and (before := touched_before()) is not None and _references_now_called(before, after, imported):
        return "calls-reshaped"
    if after and _may_retarget(lost, imported) and (before := touched_before()) is not None \
            and _calls_retargeted(before, after, old, sides.new_text_lines):
        return "calls-reshaped"
    if any("hasattr(" in sides.new_text_lines[n - 1] or "getattr(" in sides.new_text_lines[n - 1]
           for n in new_lines) \
            and (before := touched_before()) is not None and _layout_probed(before, after, new):
        return "keys-defaulted"
    if old_lines and all(_NAMES_A_STRING.search(sides.new_text_lines[n - 1]) for n in new_lines) \
            and (before := touched_before()) is not None \
            and _accepts_more_values(before, after, old_lines, new_lines):
        return "settings-set"
    if old_lines and any(_QUOTED_PATH.search(sides.old_text_lines[n - 1]) for n in old_lines) \
            and (before := touched_before()) is not None and _paths_set_anew(before, after):
        return "settings-set"
    return None


def _paths_set_anew(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for paths they read from or write to, written
    anew (`open('/home/hanq/data/share.json')` became `open('~/data/share.json')`,
    `model="CompVis/stable-diffusion-v1-4"` became `model="runwayml/stable-diffusion-v1-5"`):
    where the data or the model is, is a setting."""
    changed = 0

    def path(old: object, new: object) -> bool | None:
        nonlocal changed
        if isinstance(old, ast.Subscript) and isinstance(new, ast.Subscript) \
                and isinstance(old.slice, ast.Constant) and isinstance(new.slice, ast.Constant) \
                and old.slice.value != new.slice.value:
            return False  # a key the data is filed under (`log_dict["perf/step_time"]`)
        was, now = _literal_text(old), _literal_text(new)
        if was is not None and now is not None and was != now:
            changed += 1
            return bool(_PATH.fullmatch(was) and _PATH.fullmatch(now))
        return None
    return _each_same_but(before, after, path) and changed > 0


def _literal_text(node: object) -> str | None:
    """The text of a string literal, or of literals added up (`'fcenet/' + 'fcenet_r50.pth'`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) \
            and (left := _literal_text(node.left)) is not None \
            and (right := _literal_text(node.right)) is not None:
        return left + right
    return None


def _values_hoisted(sides: ParsedSides, old_lines: set[int],
                    new_lines: set[int]) -> tuple[set[int], set[int]]:
    """The lines of values given a name and nothing else: an old line that now reads the name
    where it spelled the value, and the line added to bind it (`"nvcc": ["-O3"],` became
    `flags = ["-O3"]` and `"nvcc": flags,`), so that what the change adds to the value stands
    alone."""
    old_text, new_text = sides.old_text_lines, sides.new_text_lines
    bound = {n: (match[1], match[2].strip()) for n in new_lines
             if (match := _BINDS_A_VALUE.match(new_text[n - 1])) and len(match[2].strip()) > 2}
    if not bound:
        return set(), set()
    written = {new_text[n - 1].strip(): n for n in new_lines}
    old_found: set[int] = set()
    new_found: set[int] = set()
    for number in old_lines:
        line = old_text[number - 1].strip()
        for binding, (name, value) in bound.items():
            if value in line and (reads := written.get(line.replace(value, name, 1))) is not None:
                old_found.add(number)
                new_found |= {binding, reads}
                break
    return old_found, new_found


def _accepts_more_values(before: _Touched, after: _Touched, old_lines: set[int], new_lines: set[int]) -> bool:
    """Each changed test compares one name with more strings than before, nothing else changed:
    a setting read as before that accepts one more value (`if scaling_type == "su":` became
    `if scaling_type == "su" or scaling_type == "longrope":`). Values of a setting are words; a
    test that accepts one more mark (`if text in ['...', '—']:`) tells text apart."""
    if len(before) != len(after):
        return False
    old_tests: set[int] = set()
    new_tests: set[int] = set()
    for (old, _), (new, _) in zip(before, after, strict=True):
        if not isinstance(old, ast.If | ast.Assert) or not isinstance(new, type(old)):
            return False
        was, now = _strings_accepted(old.test), _strings_accepted(new.test)
        if was is None or now is None or was[0] != now[0] or not was[1] < now[1] \
                or not all(any(character.isalnum() for character in value) for value in now[1] - was[1]):
            return False
        old_tests.update(node_lines(old.test))
        new_tests.update(node_lines(new.test))
    return old_lines <= old_tests and new_lines <= new_tests


def _strings_accepted(test: ast.expr) -> tuple[str, frozenset[str]] | None:
    """What a test compares, and the strings it accepts, when it only asks whether one name
    equals one of them (`mode == "a" or mode == "b"`, `mode in ("a", "b")`)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        parts = [part for value in test.values if (part := _strings_accepted(value)) is not None]
        subjects = {subject for subject, _ in parts}
        if len(parts) != len(test.values) or len(subjects) != 1:
            return None
        return subjects.pop(), frozenset().union(*(strings for _, strings in parts))
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 \
            or not isinstance(test.ops[0], ast.Eq | ast.In):
        return None
    subject, (compared,) = dotted_path(test.left), test.comparators
    choices = compared.elts if isinstance(test.ops[0], ast.In) and isinstance(
        compared, ast.Tuple | ast.List | ast.Set) else [compared]
    if not subject or not all(isinstance(c, ast.Constant) and isinstance(c.value, str) for c in choices):
        return None
    return subject, frozenset(c.value for c in choices if isinstance(c, ast.Constant))


def _defaults_changed(sides: ParsedSides, old_lines: set[int],
                      new_lines: set[int]) -> Literal["settings-set", "default-deferred"] | None:
    """Parameters given other defaults, maybe with an annotation that admits the new one, and
    the only code added resolves them where they are left out: `disable_exllama: bool = True`
    became `disable_exllama: Optional[bool] = None` with `if disable_exllama is None:
    disable_exllama = not disable_exllamav2`. Or a class of options (`AwqConfig`) takes an
    option more, with a default, and keeps it (`self.backend = backend`). Defaults that
    named what the module imported and no longer does at module level are deferred. The
    command-line options that pass the same defaults may change with them, and the change may
    bind the name of the new default to a setting (`default_device = 'cuda' if
    torch.cuda.is_available() else 'cpu'`, then `device=default_device`)."""
    assert sides.old is not None and sides.new is not None
    new_tree = sides.new.tree_holding(new_lines)
    new_headers = _headers_holding(new_tree, new_lines) if new_tree is not None else {}
    starts = {sides.old.symbols[name.rstrip(".")].start for name in new_headers
              if name.rstrip(".") in sides.old.symbols}
    old_tree = sides.old.tree_holding(old_lines | starts) if starts else None
    if old_tree is None:
        return None
    old_headers = _headers_holding(old_tree, old_lines)
    old_functions = _headers_holding(old_tree, None)
    # an assignment of the body now made only where the parameter is left at its default
    added_texts = {sides.new_text_lines[n - 1].strip() for n in new_lines}
    put_under = {n for n in old_lines if sides.old_text_lines[n - 1].strip() in added_texts}
    declared_before = old_lines - put_under - set().union(*(lines for _, lines in old_headers.values()))
    if not old_headers.keys() <= new_headers.keys() or not new_headers.keys() <= old_functions.keys():
        return None
    declarations = _touched(sides.old, declared_before, []) if declared_before else []
    if declarations is None or not all(declares_option(statement) or _fills_in_a_default(statement)
                                       for statement, _ in declarations):
        return None
    defaulted: set[str] = set()
    options: set[str] = set()
    default_names: set[str] = set()  # what the changed defaults now spell
    imported_before: list[str] = []  # the roots of the old defaults that changed
    signature_defaults: dict[str, ast.expr] = {}  # the defaults given where None was
    computed_before: dict[str, ast.expr] = {}  # the defaults computed when the module loads, now None
    for name, (after, _) in new_headers.items():
        before = old_functions[name][0]
        added = _options_added(name, before, after)
        if ast.dump(_without_defaults(before)) != ast.dump(_without_defaults(after, added)):
            return None
        changed = _parameters_given_other_defaults(before.args, after.args, added)
        if changed is None:
            return None
        defaulted |= changed
        options |= added
        old_defaults, new_defaults = parameter_defaults(before.args), parameter_defaults(after.args)
        imported_before += [old_defaults[parameter].split(".", 1)[0] for parameter in changed
                            if parameter in old_defaults]
        default_names |= {new_defaults[parameter] for parameter in changed}
        given = default_nodes(after.args)
        signature_defaults |= {parameter: given[parameter] for parameter in changed
                               if old_defaults.get(parameter) == "None"}
        old_given = default_nodes(before.args)
        computed_before |= {parameter: old_given[parameter] for parameter in changed
                            if isinstance(old_given.get(parameter), ast.Call)
                            and new_defaults[parameter] == "None"}
    rest = new_lines - set().union(*(lines for _, lines in new_headers.values()))
    settling = _touched(sides.new, rest, []) if rest else []
    if settling is None:
        return None
    for statement, lines in list(declarations):
        if (now := next((held for held in settling
                         if _filled_in_by_signature(statement, held[0], signature_defaults)), None)):
            declarations.remove((statement, lines))
            settling.remove(now)
    if not all(declares_option(statement) for statement, _ in declarations):
        return None
    if not (defaulted or options) \
            or not all(_only_sets_names(statement, defaulted | options) or _keeps_option(statement, options)
                       or declares_option(statement) or _binds_setting(statement, default_names)
                       or _aliases_a_default(statement, default_names) for statement, _ in settling) \
            or Counter(_option_aside(statement) for statement, _ in declarations) \
            != Counter(_option_aside(statement) for statement, _ in settling if declares_option(statement)):
        return None
    if imported_before and set(imported_before) <= _module_imports(sides.old) - _module_imports(sides.new):
        return "default-deferred"
    if computed_before and computed_before.keys() == defaulted \
            and all(_computes_default_when_called(statement, computed_before) for statement, _ in settling):
        return "default-deferred"
    return "settings-set"


def _computes_default_when_called(statement: ast.stmt, computed: dict[str, ast.expr]) -> bool:
    """`if offset is None: offset = jnp.array(0.0)`: a default the module computed when it
    loaded (`offset=jnp.array(0.0)`, which starts JAX) computed where the function is called."""
    return isinstance(statement, ast.If) and not statement.orelse and len(statement.body) == 1 \
        and isinstance(test := statement.test, ast.Compare) and isinstance(test.left, ast.Name) \
        and test.left.id in computed and isinstance(test.ops[0], ast.Is) \
        and isinstance(assign := statement.body[0], ast.Assign) and len(assign.targets) == 1 \
        and isinstance(target := assign.targets[0], ast.Name) and target.id == test.left.id \
        and ast.dump(assign.value) == ast.dump(computed[test.left.id])


def _filled_in_by_signature(before: ast.stmt, after: ast.stmt, defaults: dict[str, ast.expr]) -> bool:
    """The statement filled in a parameter's default where it was left at None, and now takes
    the parameter as it is, the signature giving that default (`self.axis = axis if axis is not
    None else -1` became `self.axis = axis`, `axis=None` became `axis=-1`)."""
    class Unfill(ast.NodeTransformer):
        def visit_IfExp(self, node: ast.IfExp) -> ast.expr:
            found = _default_filled_in(node)
            if found is None or found[0] not in defaults \
                    or ast.dump(found[1]) != ast.dump(defaults[found[0]]):
                return self.generic_visit(node)
            return ast.Name(id=found[0], ctx=ast.Load())

    unfilled = ast.dump(Unfill().visit(copy_tree(before)))
    return unfilled == ast.dump(after) and unfilled != ast.dump(before)


def _fills_in_a_default(statement: ast.stmt) -> bool:
    """The statement fills in some parameter's default where it was left at None."""
    return any(isinstance(node, ast.IfExp) and _default_filled_in(node) is not None
               for node in ast.walk(statement))


def _default_filled_in(node: ast.IfExp) -> tuple[str, ast.expr] | None:
    """The parameter `axis if axis is not None else -1` (or `-1 if axis is None else axis`)
    fills in, and what it fills in (`-1`)."""
    test = node.test
    if not (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and len(test.ops) == 1
            and is_none(test.comparators[0]) and isinstance(test.ops[0], ast.Is | ast.IsNot)):
        return None
    is_not = isinstance(test.ops[0], ast.IsNot)
    kept, filling = (node.body, node.orelse) if is_not else (node.orelse, node.body)
    return (test.left.id, filling) if isinstance(kept, ast.Name) and kept.id == test.left.id else None


def _aliases_a_default(statement: ast.stmt, defaults: set[str]) -> bool:
    """`CentroidInitialization = cluster_config.CentroidInitialization`: a name bound to what
    another module holds, which a new default is read from (`CentroidInitialization.KMEANS_PLUS_PLUS`)."""
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and isinstance(target := statement.targets[0], ast.Name) \
        and isinstance(statement.value, ast.Attribute) \
        and any(default.split(".", 1)[0] == target.id for default in defaults)


def _binds_setting(statement: ast.stmt, names: set[str]) -> bool:
    """`default_device = 'cuda' if torch.cuda.is_available() else 'cpu'`: one of the names bound
    to a constant, or to a choice between constants."""
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and isinstance(target := statement.targets[0], ast.Name) and target.id in names \
        and isinstance(statement.value, ast.Constant | ast.IfExp) and _is_setting_value(statement.value)


def _options_left_unset(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """Fields of a class of options given other defaults, their types maybe admitting None
    now, and the statements that use one put, unchanged, under a test that it is set:
    `neuron_cc_optlevel: int = field(default=2)` became `Optional[int] = field(default=None)`,
    and `set_neuron_cc_optlevel(self.neuron_cc_optlevel)` runs only `if self.neuron_cc_optlevel
    is not None`. The option may now be left unset; what it does when set is the same."""
    assert sides.old is not None and sides.new is not None
    old_tree, new_tree = sides.old.tree_holding(old_lines), sides.new.tree_holding(new_lines)
    if old_tree is None or new_tree is None:
        return False
    old_fields, new_fields = _option_fields(old_tree, old_lines), _option_fields(new_tree, new_lines)
    if not new_fields or old_fields.keys() != new_fields.keys():
        return False
    for key, (before, _) in old_fields.items():
        after = new_fields[key][0]
        if ast.dump(when_set(before.annotation)) != ast.dump(when_set(after.annotation)) \
                or _dumped(before.value) == _dumped(after.value):
            return False
    old_rest = old_lines - {n for _, lines in old_fields.values() for n in lines}
    new_rest = new_lines - {n for _, lines in new_fields.values() for n in lines}
    if not new_rest or not old_rest:
        return not new_rest and not old_rest
    after_rest, before_rest = _touched(sides.new, new_rest, []), _touched(sides.old, old_rest, [])
    names = {name for _, name in new_fields}
    gates = [gate for gate, _ in after_rest or [] if isinstance(gate, ast.If) and not gate.orelse
             and _tests_set(gate.test, names)]
    if not gates or before_rest is None or len(gates) != len(after_rest or []):
        return False
    return [ast.dump(statement) for statement, _ in before_rest] \
        == [ast.dump(statement) for gate in gates for statement in gate.body]


_OptionFields = dict[tuple[str, str], tuple[ast.AnnAssign, set[int]]]


def _option_fields(tree: ast.Module, lines: set[int]) -> _OptionFields:
    """The annotated fields of classes of options that hold some of the lines, by class and
    field name, with their lines."""
    found: _OptionFields = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef) or not OPTIONS_CLASS.search(node.name):
            continue
        for statement in node.body:
            span = set(node_lines(statement))
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                    and span & lines:
                found[(node.name, statement.target.id)] = (statement, span)
    return found


def _dumped(value: ast.expr | None) -> str:
    return ast.dump(value) if value is not None else ""


def _tests_set(test: ast.expr, names: set[str]) -> bool:
    """`self.level is not None` (or `args.level is not None`) for one of the names."""
    return isinstance(tested := tested_not_none(test), ast.Attribute) and tested.attr in names


def _environment_set(before: _Touched, after: _Touched, guards: GuardRules) -> bool:
    """The change sets environment variables to constants (`os.environ["NEURON_FUSE_SOFTMAX"]
    = "1"`), maybe under an `if` that tests a platform or an optional package, with the
    imports that needs; or each statement it touched sets one as before but for the strings
    in the value (`flags + " --model-type=transformer-inference"` became `flags +
    " --model-type=transformer"`): a setting of what the code runs, or runs under. Such a
    statement may now set the variable only where the environment does not (`if
    os.getenv("TORCH_CUDA_ARCH_LIST") is None:`): a default the user can override. Or each
    statement added exports an option where it is given (`if args.wandb_run_group is not None:
    os.environ["WANDB_RUN_GROUP"] = args.wandb_run_group`): what a run is told to run under."""
    if before:
        after = [(inner, kernel) for statement, kernel in after for inner in _unless_set(statement)]
        return len(before) == len(after) and all(
            _sets_environment(was) and _sets_environment(now) and _strings_aside(was) == _strings_aside(now)
            for (was, _), (now, _) in zip(before, after, strict=True))
    return bool(after) and all(_sets_environment(statement, to_constant=True) or _option_exported(statement)
                               or _sets_environment_where_tested(statement, guards) for statement, _ in after)


def _sets_environment_where_tested(statement: ast.stmt, guards: GuardRules) -> bool:
    """An `if` that tests a platform, an optional package or the environment and sets
    environment variables to constants, with the imports that needs."""
    if not isinstance(statement, ast.If) or statement.orelse:
        return False
    test = ast.unparse(statement.test)
    return bool(_is_guard_test(test, guards) or _ENVIRONMENT_LOOKUP.search(test)) \
        and all(_sets_environment(inner, to_constant=True) or isinstance(inner, ast.Import | ast.ImportFrom)
                for inner in statement.body)


def _option_exported(statement: ast.stmt) -> bool:
    """`if args.group is not None: os.environ["GROUP"] = args.group`, or `if args.group:`: an
    attribute that holds an option, put in the environment when it is set."""
    if not (isinstance(statement, ast.If) and not statement.orelse and len(statement.body) == 1
            and isinstance(assignment := statement.body[0], ast.Assign) and _sets_environment(assignment)):
        return False
    test = tested_not_none(statement.test) or statement.test
    return isinstance(test, ast.Attribute) and ast.dump(test) == ast.dump(assignment.value)


def _environment_flags_added(before: _Touched, after: _Touched) -> bool:
    """Settings now also follow flags read from the environment: `if`s added that test one and
    set environment variables to constants (`if os.environ.get("IPEX_LLM_NPU_ARL", "0") ==
    "1": os.environ["IPEX_LLM_NPU_DISABLE_COMPILE_OPT"] = "1"`), and statements the same as
    before but for tests that gained `or` clauses reading one (`2 if size == 18944 else 1`
    became `2 if (size == 18944 or os.environ.get("IPEX_LLM_NPU_MTL", "0") == "1") else 1`),
    or for dicts given entries read from it (`"tavily_search_api_key":
    os.environ.get("TAVILY_SEARCH_API_KEY", "")` among the keys a client is handed)."""
    kept = [statement for statement, _ in after
            if not _sets_environment_when(statement, _ENVIRONMENT_READ, to_constant=True)]
    changed = len(after) - len(kept)

    def judge(was: object, now: object) -> bool | None:
        nonlocal changed
        if isinstance(was, ast.Dict) and isinstance(now, ast.Dict) and len(now.keys) > len(was.keys):
            changed += 1
            return _same_but(was.keys, now.keys[:len(was.keys)], judge) \
                and _same_but(was.values, now.values[:len(was.values)], judge) \
                and all(_ENVIRONMENT_READ.search(ast.unparse(value))
                        for value in now.values[len(was.values):])
        if not (isinstance(now, ast.BoolOp) and isinstance(now.op, ast.Or)):
            return None
        olds = was.values if isinstance(was, ast.BoolOp) and isinstance(was.op, ast.Or) else [was]
        if len(now.values) <= len(olds) \
                or [ast.dump(v) for v in now.values[:len(olds)]] != [ast.dump(v) for v in olds] \
                or not all(_ENVIRONMENT_READ.search(ast.unparse(v)) for v in now.values[len(olds):]):
            return None
        changed += 1
        return True
    return len(before) == len(kept) and all(
        _same_but(was, now, judge) for (was, _), now in zip(before, kept, strict=True)) and changed > 0


def _unless_set(statement: ast.stmt) -> list[ast.stmt]:
    """The block of an `if` with no `else` that tests what the environment holds, when it only
    sets environment variables; the statement itself otherwise."""
    if isinstance(statement, ast.If) \
            and _sets_environment_when(statement, _ENVIRONMENT_LOOKUP, to_constant=False):
        return statement.body
    return [statement]


def _sets_environment_when(statement: ast.stmt, test: re.Pattern[str], to_constant: bool) -> bool:
    """An `if` with no `else` whose test the pattern finds and whose block only sets
    environment variables (with `to_constant`, to constants)."""
    return isinstance(statement, ast.If) and not statement.orelse \
        and bool(test.search(ast.unparse(statement.test))) \
        and all(_sets_environment(inner, to_constant) for inner in statement.body)


def _sets_environment(statement: ast.stmt, to_constant: bool = False) -> bool:
    """`os.environ["NAME"] = value`; with `to_constant`, a constant value, or none: `del
    os.environ["NAME"]` unsets it."""
    if isinstance(statement, ast.Delete):
        return to_constant and len(statement.targets) == 1 and _in_environment(statement.targets[0])
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and _in_environment(statement.targets[0]) \
        and (not to_constant or isinstance(statement.value, ast.Constant))


def _in_environment(target: ast.expr) -> bool:
    return isinstance(target, ast.Subscript) and dotted_path(target.value).rsplit(".", 1)[-1] == "environ"


def _strings_aside(statement: ast.stmt) -> str:
    return ast.dump(_StringsUnwritten().visit(copy_tree(statement)))


class _StringsUnwritten(ast.NodeTransformer):
    """Writes every string constant as the empty string."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value="") if isinstance(node.value, str) else node


def _environment_read_otherwise(before: _Touched, after: _Touched) -> bool:
    """Each statement the change touched binds the same names to what the environment holds,
    read another way (`os.environ.get("NV_INGEST_MAX_UTIL", n)` became `int(os.environ.get(...))`):
    how a setting is taken from the environment."""
    return bool(before) and len(before) == len(after) and all(
        isinstance(was, ast.Assign) and isinstance(now, ast.Assign)
        and [ast.dump(target) for target in was.targets] == [ast.dump(target) for target in now.targets]
        and all(_ENVIRONMENT_READ.search(ast.unparse(statement.value)) for statement in (was, now))
        for (was, _), (now, _) in zip(before, after, strict=True))


def _setting_passed_on(before: _Touched, after: _Touched, inserted_only: bool) -> bool:
    """A setting read from the environment, or an option looked up in a configuration, is
    added (`CACHE_DIR = os.environ.get("HF_KERNELS_CACHE", None)`, `load_in_8bit =
    model_config.get("load_in_8bit", False)`), and every other statement the change touched is
    the same as before but for keyword arguments that pass it on (`cache_dir=CACHE_DIR`):
    where the code puts or finds things, or how it loads them, is now the user's to set. Where
    the change only inserted lines, the old side's touched statements may be the block they went
    into; each other statement is then one of that block's as it was."""
    settings, names = _settings_read(after)
    rest = [(statement, kernel) for statement, kernel in after if statement not in settings]
    passing = _KeywordsPassingLeftOut(names)
    if not settings or not rest:
        return False
    if inserted_only:
        was = {ast.dump(node) for statement, _ in before for node in ast.walk(statement)
               if isinstance(node, ast.stmt)}
        return all(ast.dump(passing.visit(copy_tree(statement))) in was for statement, _ in rest) \
            and passing.dropped > 0
    return _same_once_rewritten(before, rest, ast.NodeTransformer(), passing) and passing.dropped > 0


def _settings_read(after: _Touched) -> tuple[list[ast.stmt], set[str]]:
    """The statements that bind names to a setting read from the environment (`FAST =
    os.getenv("FAST", "1") == "1"`) or to an option looked up in a configuration, and those
    names."""
    settings = [statement for statement, _ in after if isinstance(statement, ast.Assign | ast.AnnAssign)
                and statement.value is not None
                and (_ENVIRONMENT_READ.search(ast.unparse(statement.value))
                     or _looks_up_option(statement.value) or _chosen_by_option(statement.value))
                and all(isinstance(target, ast.Name) or _is_field_of_self(target)
                        for target in assignment_targets(statement))]
    return settings, {ast.unparse(target) for statement in settings
                      for target in assignment_targets(statement)}


def _is_field_of_self(target: ast.expr) -> bool:
    """`self.is_postnorm`: an option kept on the instance."""
    return isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
        and target.value.id == "self"


def _chosen_by_option(value: ast.expr) -> bool:
    """`False if args.no_load_optim else True`: a choice between constants on an option."""
    return isinstance(value, ast.IfExp) and isinstance(value.body, ast.Constant) \
        and isinstance(value.orelse, ast.Constant) and _tests_an_option(value.test)


def _looks_up_option(value: ast.expr) -> bool:
    """`cfg.get("load_in_8bit", False)`: an option of a configuration by its key, with a
    constant default or none; or of the keyword arguments a function took (`kwargs.get(
    "is_postnorm", True)`)."""
    return isinstance(value, ast.Call) and (mapping := _mapping_read(value)) is not None \
        and all(isinstance(default, ast.Constant) for default in value.args[1:]) \
        and bool(_CONFIGURATION.search(name := short_name(dotted_path(mapping))) or name == "kwargs")


def _mapping_read(call: ast.Call) -> ast.expr | None:
    """The mapping of `d.get("k")` or `d.get("k", default)`, a named key read through `get`, or
    taken out through `pop` (`kwargs.pop("proxies", None)`)."""
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("get", "pop") and not call.keywords \
            and 1 <= len(call.args) <= 2 and _is_key(call.args[0]):
        return call.func.value
    return None


class _KeywordsPassingLeftOut(ast.NodeTransformer):
    """Takes out the keyword arguments whose value is one of the names, counting them."""

    def __init__(self, names: set[str]) -> None:
        self.names, self.dropped = names, 0

    def visit_Call(self, node: ast.Call) -> ast.AST:
        kept = [keyword for keyword in node.keywords
                if not (isinstance(keyword.value, ast.Name | ast.Attribute)
                        and ast.unparse(keyword.value) in self.names)]
        self.dropped += len(node.keywords) - len(kept)
        node.keywords = kept
        return self.generic_visit(node)


def _option_lookups_given_otherwise(before: _Touched, after: _Touched) -> bool:
    """Each statement the change touched is the one it replaced but for what a lookup of an
    option by its key is given besides the key, now settings: its default or the choices it
    allows (`self._get_str("embedding_api_type", self.api_type)` became `self._get_str(
    "embedding_api_type", "sentence_transformer")`; `self._get_enum("response_format",
    options=["json_object", "text"])` gained `"json_schema"`)."""
    looked_up = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal looked_up
        if not (isinstance(was, ast.Call) and isinstance(now, ast.Call)) or ast.dump(was) == ast.dump(now) \
                or (key := _option_key(now)) is None or key != _option_key(was) \
                or ast.dump(was.func) != ast.dump(now.func):
            return None
        looked_up += 1
        given = [*now.args[1:], *(keyword.value for keyword in now.keywords)]
        return [keyword.arg for keyword in was.keywords] == [keyword.arg for keyword in now.keywords] \
            and len(was.args) == len(now.args) and all(_is_setting_value(value) for value in given)
    if not before or len(before) != len(after):
        return False
    return all(_same_but(was, now, judge) for (was, _), (now, _) in zip(before, after, strict=True)) \
        and looked_up > 0


# A method that reads an option of a configuration by its key, typed: `self._get_str("model")`,
# `config.getboolean("debug")`, `self._get_enum("response_format", options=[...])`.
_OPTION_GETTER = re.compile(r"^_?get_?(str|int|float|bool|boolean|enum|list|path|dict|choice)$")
_OPTION_GETTER_CALLED = re.compile(r"\._?get_?(str|int|float|bool|boolean|enum|list|path|dict|choice)\(")


def _option_key(call: ast.Call) -> str | None:
    """The key an option's typed getter is given first, or `get` on a configuration."""
    if not isinstance(call.func, ast.Attribute) or not call.args \
            or not isinstance(key := call.args[0], ast.Constant) or not isinstance(key.value, str):
        return None
    typed = _OPTION_GETTER.match(call.func.attr) is not None
    return key.value if typed or (call.func.attr == "get" and _mapping_read(call) is not None
                                  and _CONFIGURATION.search(short_name(dotted_path(call.func.value)))) \
        else None


def _options_declared(before: _Touched, after: _Touched) -> bool:
    """The change only declares command-line options, or declares the same options with
    another default, type, choices or help: `parser.add_argument("--impl", default=[TORCH,
    TRITON])` became `default=[TORCH, TRITON, CUDA]`; each option it touched is still declared,
    the same but for those settings. What else it touched hands the options on where they are
    given, reads one where a constant stood (`"use_off_policy_tokens": False` became
    `args.use_off_policy_tokens` beside `--use-off-policy-tokens`), or gives the options left
    unset their defaults once parsed (`default=None`, then `if args.draft_arch is None:
    args.draft_arch = "llama" if is_eagle3 else "qwen3"`), or draws from them the value of an
    option left unset (`args.tokenizer = hf_hub_download(args.hf_repo, ...)`), or gives them
    to calls it was making (`LongContextAttention(ring_impl_type=..., attn_type=attn_type)`, the
    name bound from `args.attn_type`), or tells of them in the parser's own text (its `epilog`
    listing the options the environment may set). So does a change that stops declaring options, what else
    it touched passing constants where it read them (`drop_block_rate=args.drop_block` became
    `drop_block_rate=None` as `--drop-block` went)."""
    if not after:
        return False
    declarations = [statement for statement, _ in after if declares_option(statement)]
    kept = [statement for statement, _ in before if not declares_option(statement)]
    replaced = [statement for statement, _ in before if declares_option(statement)]
    others = [statement for statement, _ in after if statement not in declarations]
    if replaced and not declarations:
        options = {name for statement in replaced for name in _option_names(statement)}
        return len(kept) == len(others) and all(_option_read_for_constant(now, was, options)
                                                for was, now in zip(kept, others, strict=True))
    names = {name for statement in declarations for name in _option_names(statement)}
    declared = {_option_aside(statement) for statement in declarations}
    facts = {name for statement in others if _states_a_fact_of_options(statement)
             for name in assigned_names(statement)}
    if declarations and _options_renamed_and_followed(replaced, declarations, kept, others):
        return True
    if not declarations or not all(_option_aside(statement) in declared for statement in replaced):
        return False
    if len(kept) == len(others) > 0 and all(
            _option_read_for_constant(was, now, names) for was, now in zip(kept, others, strict=True)):
        return True
    if kept and len(kept) == len(others) and all(
            _parser_text_reworded(was, now) for was, now in zip(kept, others, strict=True)):
        return True
    if kept:
        return _options_given_to_calls(kept, others, names) or (
            bool(others) and all(_normalises_options(statement, names) for statement in (*kept, *others)))
    return all(_passes_on(statement, names) or _fills_in_default(statement, names, facts)
               or _default_chosen_by_options(statement, names)
               or _states_a_fact_of_options(statement) for statement in others)


def _parser_text_reworded(was: ast.stmt, now: ast.stmt) -> bool:
    """The same statement building an argument parser (`argparse.ArgumentParser(description=...,
    epilog=...)`) but for its strings: the help it prints, rewritten."""
    value = now.value if isinstance(now, ast.Assign | ast.AnnAssign | ast.Return) else None
    return isinstance(value, ast.Call) and dotted_path(value.func).rsplit(".", 1)[-1] == "ArgumentParser" \
        and _strings_aside(was) == _strings_aside(now)


def _options_renamed_and_followed(replaced: list[ast.stmt], declarations: list[ast.stmt],
                                  kept: list[ast.stmt], others: list[ast.stmt]) -> bool:
    """Options renamed (`--eos-token` became `--extra-eos-token`), or some no longer declared and
    others declared anew, what else the change touched reading the old names before and the new
    ones after: the command line users type changed, and the code that reads it follows."""
    old = {name for statement in replaced for name in _option_names(statement)}
    new = {name for statement in declarations for name in _option_names(statement)}
    gone, came = old - new, new - old
    return bool(gone and came) \
        and all(_reads_any_option(statement, gone) for statement in kept) \
        and all(_reads_any_option(statement, came) for statement in others) \
        and _helper_bodies(kept) == _helper_bodies(others)


def _helper_bodies(statements: list[ast.stmt]) -> list[str]:
    """What the functions among the statements do, whatever they are named."""
    return sorted(ast.dump(ast.Module(body=statement.body, type_ignores=[])) for statement in statements
                  if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef))


def _reads_any_option(statement: ast.stmt, options: set[str]) -> bool:
    """The statement reads one of the options, or is a helper named for one
    (`_check_prefix_symbols` beside `--prefix-symbols`)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        return any(option in statement.name for option in options)
    return any(_reads_option(node, options) for node in ast.walk(statement))


def _settings_handed_to_calls(before: _Touched, after: _Touched) -> bool:
    """Names bound anew to displays of settings (`kernel_options = {'num_stages': 2, 'num_warps':
    16 if D_HEAD == 128 else 8}`), handed by keyword to calls the code was making, which are
    otherwise the same (`flex_attention(q, k, v, kernel_options=kernel_options)`): how those
    calls are tuned."""
    bindings = [statement for statement, _ in after if _binds_settings(statement)]
    bound = {name for statement in bindings for name in assigned_names(statement)}
    kept = [statement for statement, _ in before]
    return bool(bindings) and bool(kept) \
        and not bound & {name for statement in kept for name in assigned_names(statement)} \
        and _keywords_given_anew(kept, [statement for statement, _ in after if statement not in bindings],
                                 lambda value: isinstance(value, ast.Name) and value.id in bound)


def _options_objects_handed(before: _Touched, after: _Touched) -> bool:
    """Calls otherwise the same that are handed, or no longer handed, objects of options built
    of constants alone (`wandb.init(..., settings=wandb.Settings(start_method="fork"))`): how
    what they call is set up."""
    was, now = [statement for statement, _ in before], [statement for statement, _ in after]
    return _keywords_given_anew(was, now, _builds_options) or _keywords_given_anew(now, was, _builds_options)


def _builds_options(value: ast.expr) -> bool:
    """`Settings(start_method="fork")`, `GenerationConfig(top_k=1)`: a class of options given
    constants."""
    if not isinstance(value, ast.Call) or not OPTIONS_CLASS.search(short_name(dotted_path(value.func))):
        return False
    return all(_setting_value(given) for given in (*value.args, *(k.value for k in value.keywords)))


def _binds_settings(statement: ast.stmt) -> bool:
    """`name = {...}` or `[...]` of constants, each maybe chosen by a test (`16 if D_HEAD ==
    128 else 8`)."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)):
        return False
    value = statement.value
    items = value.values if isinstance(value, ast.Dict) else value.elts \
        if isinstance(value, ast.List | ast.Tuple) else None
    return bool(items) and all(_setting_value(item) for item in items)


def _setting_value(value: ast.expr) -> bool:
    if isinstance(value, ast.IfExp):
        return _setting_value(value.body) and _setting_value(value.orelse)
    if isinstance(value, ast.UnaryOp):
        return _setting_value(value.operand)
    return isinstance(value, ast.Constant)


def _options_given_to_calls(kept: list[ast.stmt], others: list[ast.stmt], options: set[str]) -> bool:
    """The statements are the same but for keywords added to their calls, each given an option
    just declared (`attn_type=args.attn_type`) or a name the change binds from such options
    alone (`attn_type = FlashAttentionImpl.from_string(args.attn_type)`)."""
    bindings = [statement for statement in others if _binds_from_options(statement, options)]
    bound = {name for statement in bindings for name in assigned_names(statement)}
    return _keywords_given_anew(kept, [statement for statement in others if statement not in bindings],
                                lambda value: _reads_option(value, options)
                                or (isinstance(value, ast.Name) and value.id in bound))


def _keywords_given_anew(kept: list[ast.stmt], rest: list[ast.stmt],
                         given: Callable[[ast.expr], bool]) -> bool:
    """Each statement is the one it replaced but for keywords appended to its calls, at least
    one in all, each given a value `given` accepts."""
    appended = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal appended
        if not (isinstance(was, ast.Call) and isinstance(now, ast.Call)) \
                or len(now.keywords) <= len(was.keywords):
            return None
        extra = now.keywords[len(was.keywords):]
        appended += len(extra)
        return ast.dump(was.func) == ast.dump(now.func) \
            and [ast.dump(a) for a in (*was.args, *was.keywords)] \
            == [ast.dump(a) for a in (*now.args, *now.keywords[:len(was.keywords)])] \
            and all(given(keyword.value) for keyword in extra)
    return len(rest) == len(kept) \
        and all(_same_but(was, now, judge) for was, now in zip(kept, rest, strict=True)) and appended > 0


def _binds_from_options(statement: ast.stmt, options: set[str]) -> bool:
    """`name = options.x`, or `name = f(options.x, ...)` given options and constants only; or
    the option kept on the instance by its name (`self.x = options.x`), read there as an option."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and (isinstance(target := statement.targets[0], ast.Name)
                 or _self_field_of_option(target, options))):
        return False
    value = statement.value
    if isinstance(value, ast.Call):
        given = [*value.args, *(keyword.value for keyword in value.keywords)]
        return any(_reads_option(a, options) for a in given) \
            and all(_reads_option(a, options) or isinstance(a, ast.Constant) for a in given)
    return _reads_option(value, options)


def _self_field_of_option(target: ast.expr, options: set[str]) -> bool:
    """`self.x` for one of the options."""
    return _is_field_of_self(target) and isinstance(target, ast.Attribute) and target.attr in options


def _normalises_options(statement: ast.stmt, options: set[str]) -> bool:
    """The statement reads what was given for options just declared and puts it back in another
    form (`load_in_8bit = args.pop("load_in_8bit")`, then `if load_in_8bit is not None:
    args["load_in_8bit"] = load_in_8bit.lower() in ["true", "1"]`): each option it names by a
    key is one of them, and it calls nothing but what takes a value out or converts it."""
    if not isinstance(statement, ast.Assign | ast.AugAssign | ast.If):
        return False
    named: set[str] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _OPTION_VALUE_METHODS:
                key = node.args[0] if node.args else None
                if func.attr in ("pop", "get") and isinstance(key, ast.Constant):
                    named.add(str(key.value))
            elif not (isinstance(func, ast.Name) and func.id in _OPTION_VALUE_CONVERSIONS):
                return False
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            named.add(str(node.slice.value))
        elif isinstance(node, ast.Attribute) and node.attr in options:
            named.add(node.attr)
    return bool(named) and named <= options


def _reads_option(value: ast.AST, options: set[str]) -> bool:
    """`args.x` (or `self.args.x`) for one of the options."""
    return isinstance(value, ast.Attribute) and value.attr in options


def _states_a_fact_of_options(statement: ast.stmt) -> bool:
    """`is_eagle3 = args.speculator_type == "eagle3"`: a name bound to a test of options
    against constants, with no call."""
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and isinstance(statement.targets[0], ast.Name) \
        and isinstance(statement.value, ast.Compare | ast.BoolOp | ast.UnaryOp) \
        and all(isinstance(node, ast.expr_context | ast.cmpop | ast.boolop | ast.unaryop | ast.Compare
                           | ast.BoolOp | ast.UnaryOp | ast.Attribute | ast.Name | ast.Constant)
                for node in ast.walk(statement.value))


def _fills_in_default(statement: ast.stmt, options: set[str], facts: set[str]) -> bool:
    """An option the user left unset given its default, a constant or one chosen by what the
    other options say (`if args.draft_arch is None: args.draft_arch = "llama" if is_eagle3
    else "qwen3"`)."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1 \
            or not isinstance(test := statement.test, ast.Compare) or len(test.ops) != 1 \
            or not isinstance(test.ops[0], ast.Is) or not is_none(test.comparators[0]) \
            or not isinstance(test.left, ast.Attribute) or test.left.attr not in options:
        return False
    body = statement.body[0]
    value = body.value if isinstance(body, ast.Assign) and len(body.targets) == 1 \
        and dotted_path(body.targets[0]) == dotted_path(test.left) else None
    if isinstance(value, ast.IfExp) and isinstance(value.test, ast.Name) and value.test.id in facts:
        return isinstance(value.body, ast.Constant) and isinstance(value.orelse, ast.Constant)
    return isinstance(value, ast.Constant) or (isinstance(value, ast.Name) and value.id in facts)


def _default_chosen_by_options(statement: ast.stmt, options: set[str]) -> bool:
    """An option of the parsed options given a value the options just declared choose
    (`args.tokenizer = hf_hub_download(args.hf_repo, "tokenizer.model")` beside `--hf-repo`,
    where the option left unset was refused): a default of one option drawn from another."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Attribute)
            and isinstance(parsed := target.value, ast.Name)):
        return False
    nodes = list(ast.walk(statement.value))
    return any(isinstance(node, ast.Attribute) and isinstance(read := node.value, ast.Name)
               and read.id == parsed.id and node.attr in options for node in nodes) \
        and all(isinstance(node, ast.Constant | ast.Name | ast.Attribute | ast.Call | ast.Load | ast.keyword)
                for node in nodes)


def _option_read_for_constant(before: ast.stmt, after: ast.stmt, options: set[str]) -> bool:
    """The statement is the same but for constants now read from options (`args.x`), one at
    least."""
    read = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal read
        if isinstance(was, ast.Constant) and isinstance(now, ast.Attribute):
            read += 1
            return _reads_option(now, options)
        return None
    return _same_but(before, after, judge) and read > 0


def _option_names(statement: ast.stmt) -> set[str]:
    """The attribute an option declared is read by: `--max-len` and `dest="max_len"` give `max_len`."""
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
    call = statement.value
    names = {keyword.value.value for keyword in call.keywords
             if keyword.arg == "dest" and isinstance(keyword.value, ast.Constant)}
    names |= {argument.value.lstrip("-").replace("-", "_") for argument in call.args
              if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
              and argument.value.startswith("--")}
    return {name for name in names if isinstance(name, str)}


def _passes_on(statement: ast.stmt, options: set[str]) -> bool:
    """An `if` that tests options just declared and hands each on where it is given
    (`if self.args.dtype: kwargs["dtype"] = self.args.dtype`)."""
    if not isinstance(statement, ast.If) or statement.orelse:
        return False
    return all(isinstance(inner, ast.Assign) and _reads_option(inner.value, options)
               for inner in statement.body) \
        and any(_reads_option(node, options) for node in ast.walk(statement.test))


def _option_handed_on(statement: ast.stmt) -> bool:
    """An `if` that tests an option of a configuration and, where it is set, hands it on under
    its name into the keyword arguments being built (`if self.config.attn_implementation is
    not None: kwargs["attn_implementation"] = self.config.attn_implementation`) or into a
    field of that name of a configuration (`if args.distributed_timeout_minutes: config.dist.
    distributed_timeout_minutes = args.distributed_timeout_minutes`)."""
    if not isinstance(statement, ast.If) or statement.orelse:
        return False
    for inner in statement.body:
        if not (isinstance(inner, ast.Assign) and len(inner.targets) == 1
                and isinstance(read := inner.value, ast.Attribute)
                and _CONFIGURATION.search(short_name(dotted_path(read.value)))
                and _names_option(inner.targets[0], read.attr)):
            return False
        if not any(isinstance(node, ast.Attribute) and ast.dump(node) == ast.dump(read)
                   for node in ast.walk(statement.test)):
            return False
    return True


def _names_option(target: ast.expr, name: str) -> bool:
    """`kwargs["name"]`, or `config.dist.name` (a field of a configuration)."""
    if isinstance(target, ast.Subscript):
        return isinstance(target.slice, ast.Constant) and target.slice.value == name
    return isinstance(target, ast.Attribute) and target.attr == name and is_configuration_field(target)


def declares_option(statement: ast.stmt) -> bool:
    """`parser.add_argument("--num_image_per_prompt", type=int, default=1, help=...)`."""
    return isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
        and isinstance(call.func, ast.Attribute) and call.func.attr == "add_argument"


def _option_aside(statement: ast.stmt) -> str:
    """The declaration without the settings of its option, its flags spelled with hyphens
    (`--truncation_mean` as `--truncation-mean`: argparse reads both into one attribute)."""
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
    call = copy_tree(statement.value)
    call.keywords = [keyword for keyword in call.keywords
                     if keyword.arg not in _OPTION_SETTINGS and keyword.arg in _DECLARATION_KEYWORDS]
    for argument in call.args:
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str) \
                and argument.value.startswith("--"):
            argument.value = argument.value.replace("_", "-")
    return ast.dump(call)


def _module_imports(table: ModuleSymbols) -> set[str]:
    """The names the module's unguarded module-level imports bind."""
    return {name for statement in table.imports if not statement.guards for name in statement.names}


def _options_added(name: str, before: ast.FunctionDef, after: ast.FunctionDef) -> set[str]:
    """The parameters with defaults that the `__init__` of a class of options gained."""
    owner, _, method = name.rstrip(".").rpartition(".")
    if method != "__init__" or not OPTIONS_CLASS.search(owner.rpartition(".")[2]):
        return set()
    return set(parameter_defaults(after.args)) - {arg.arg for arg in arguments(before.args)}


def arguments(args: ast.arguments) -> list[ast.arg]:
    """A function's named parameters, positional-only and keyword-only ones included."""
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def _keeps_option(statement: ast.stmt, options: set[str]) -> bool:
    """`self.backend = backend`, for an option just added."""
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and _is_field_of_self(statement.targets[0]) \
        and isinstance(statement.value, ast.Name) and statement.value.id in options


def _headers_holding(tree: ast.Module, lines: set[int] | None) -> dict[str, tuple[ast.FunctionDef, set[int]]]:
    """The functions, by their dotted names, whose headers (from `def` to the line before the
    body) hold some of the lines, with the lines each one's header holds; every function of
    the tree when `lines` is None."""
    found: dict[str, tuple[ast.FunctionDef, set[int]]] = {}
    pending: list[tuple[str, ast.stmt]] = [("", statement) for statement in tree.body]
    while pending:
        prefix, statement = pending.pop()
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            prefix += statement.name + "."
        if isinstance(statement, ast.FunctionDef):
            header = set(range(statement.lineno, statement.body[0].lineno))
            if lines is None or lines & header:
                found[prefix] = (statement, header if lines is None else lines & header)
        pending += [(prefix, inner) for inner in nested_statements(statement)]
    return found


def _without_defaults(function: ast.FunctionDef, dropped: set[str] | None = None) -> ast.FunctionDef:
    """A copy of the function's header alone, with no defaults or annotations of parameters,
    and without the `dropped` parameters."""
    copied = copy_tree(function)
    args, dropped = copied.args, dropped or set()
    only_positional = len(args.posonlyargs)
    kept = [(index, arg) for index, arg in enumerate([*args.posonlyargs, *args.args])
            if arg.arg not in dropped]
    args.posonlyargs = [arg for index, arg in kept if index < only_positional]
    args.args = [arg for index, arg in kept if index >= only_positional]
    args.defaults = []
    args.kwonlyargs = [arg for arg in args.kwonlyargs if arg.arg not in dropped]
    args.kw_defaults = [None for _ in args.kwonlyargs]
    copied.body = []
    for arg in arguments(args):
        arg.annotation = None
    return copied


def _parameters_given_other_defaults(before: ast.arguments, after: ast.arguments,
                                     added: set[str]) -> set[str] | None:
    """The parameters, of those both sides have, whose defaults changed or that take one where
    they took none (`cluster_centroids_init` became `cluster_centroids_init=KMEANS_PLUS_PLUS`);
    None when one no longer takes a default, which its callers must now pass, or takes None
    where it took nothing, which callers may now leave out (the function's interface, not a
    setting), or when an annotation changed otherwise than to admit None as the new default
    (`bool` became `Optional[bool]`)."""
    old, new = parameter_defaults(before), parameter_defaults(after)
    if old.keys() - new.keys() or any(new[name] == "None" for name in new.keys() - old.keys() - added):
        return None
    old_types, new_types = _annotations(before), _annotations(after)
    for name in (old_types.keys() | new_types.keys()) - added:
        was, now = old_types.get(name, ""), new_types.get(name, "")
        admits_none = new.get(name) == "None" and now in {form.format(was) for form in _OPTIONAL_FORMS}
        if was != now and not admits_none:
            return None
    return {name for name in new.keys() - added if old.get(name) != new[name]}


def _annotations(args: ast.arguments) -> dict[str, str]:
    return {arg.arg: ast.unparse(arg.annotation) for arg in arguments(args) if arg.annotation is not None}


def _only_sets_names(statement: ast.stmt, names: set[str]) -> bool:
    """An `if` testing some of the names that only assigns to them, maybe through inner `if`s;
    or an `if` on a version that holds only such `if`s: defaults filled in for some versions
    (`if major_version == 2 or minor_version <= 1: if warmup is None: warmup = 25`)."""
    if not isinstance(statement, ast.If) or not _only_assigns(statement, names):
        return False
    return bool(referenced_names(statement.test) & names) or (
        _is_version_check(statement)
        and all(_only_sets_names(inner, names) for inner in (*statement.body, *statement.orelse)))


def _only_assigns(statement: ast.stmt, names: set[str]) -> bool:
    if isinstance(statement, ast.Assign):
        return all(isinstance(target, ast.Name) and target.id in names for target in statement.targets)
    return isinstance(statement, ast.If) and all(_only_assigns(inner, names)
                                                 for inner in (*statement.body, *statement.orelse))


def _decorators_set_versions(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """Only decorators changed, and the changed ones name versions: `@compiler.disable` became
    `@compiler.enable(min_version="2.7.0")`. One added that names none (`@unittest.skip("flaky")`
    beside `skipIf`s given another version's flag) does something else, as does one that marks
    what it decorates deprecated, naming the releases it warns from and goes in
    (`@deprecated_class("4.9.0", "6.0.0")`), added or taken away."""
    assert sides.old is not None and sides.new is not None
    changed = [sides.old_text_lines[n - 1] for n in old_lines] \
        + [sides.new_text_lines[n - 1] for n in new_lines]
    if not changed or not all(line.lstrip().startswith("@") for line in changed) \
            or any(_MARKS_DEPRECATED.match(line) for line in changed):
        return False
    if not (all(_names_a_version(sides.new_text_lines, {n}) for n in new_lines) if new_lines
            else _names_a_version(sides.old_text_lines, old_lines)):
        return False
    return old_lines <= _decorator_lines(sides.old) and new_lines <= _decorator_lines(sides.new)


def _op_registrations_changed(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """Only decorators that register an op with PyTorch changed (`custom_op`, `register_fake`, or
    a project's own registrar told what the op mutates: `@torch_compile_guard(mutates_args=["dq"],
    gen_fake=...)`)."""
    assert sides.old is not None and sides.new is not None
    # the names looked for first as plain text: the pattern's search of a whole module is slow
    if not (old_lines or new_lines) or not (_OP_MUTATIONS in sides.new.text or (
            any(name in sides.new.text for name in _OP_REGISTRARS) and _REGISTERS_OP.search(sides.new.text))):
        return False
    told = (rf"^{re.escape(name)}$" for name in _told_what_ops_mutate(sides.new))
    registrars = re.compile("|".join([_REGISTERS_OP.pattern, *told]))
    return old_lines <= _decorator_lines(sides.old, registrars) \
        and new_lines <= _decorator_lines(sides.new, registrars)


def _told_what_ops_mutate(table: ModuleSymbols) -> set[str]:
    """The names of the decorators in the module told what the op they register mutates."""
    assert table.tree is not None
    return {dotted_path(decorator.func) for node in ast.walk(table.tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) for decorator in node.decorator_list
            if isinstance(decorator, ast.Call)
            and any(given.arg == _OP_MUTATIONS for given in decorator.keywords)}


def _packed_layout_changed(before: _Touched, after: _Touched) -> bool:
    """Each touched statement writes one value packed by a constant format (`fout.write(
    struct.pack("i", n_head))`), and the formats written, in turn, are other than before: a
    field of the binary layout was added, dropped or retyped."""
    old, new = _packed_formats(before), _packed_formats(after)
    return old is not None and new is not None and bool(new) and old != new


def _packed_formats(touched: _Touched) -> list[str] | None:
    """The format of each packed value the statements write; None when one does anything else."""
    formats = []
    for statement, _ in touched:
        call = statement.value if isinstance(statement, ast.Expr) else None
        packed = call.args[0] if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
            and call.func.attr == "write" and len(call.args) == 1 and not call.keywords else None
        if not (isinstance(packed, ast.Call) and dotted_path(packed.func) == "struct.pack" and packed.args
                and (written := key_text(packed.args[0])) is not None):
            return None
        formats.append(written)
    return formats


def _decorator_lines(table: ModuleSymbols, called: re.Pattern[str] | None = None) -> set[int]:
    """The lines of the decorators in the module; with `called`, of those whose name it finds."""
    assert table.tree is not None
    return {line for node in ast.walk(table.tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            for decorator in node.decorator_list
            if called is None or called.search(
                dotted_path(decorator.func if isinstance(decorator, ast.Call) else decorator))
            for line in node_lines(decorator)}


def _may_test_a_version(text: list[str], lines: set[int]) -> bool:
    """How a version check looks in the text, checked before the tree is searched: one of the
    lines starts an `if`, and one names a version."""
    return any(text[number - 1].lstrip().startswith("if ") for number in lines) \
        and _names_a_version(text, lines)


def _names_a_version(text: list[str], lines: set[int],
                     predicate: re.Pattern[str] = VERSION_PREDICATE) -> bool:
    return any(predicate.search(text[number - 1]) for number in lines)


def _version_gated(added: _Touched, lines: set[int], table: ModuleSymbols) -> bool:
    """The added statements are `if`s that test a version, each one added with its test (not
    code added inside an old gate), and assignments of versions or of names that nothing but
    those `if`s reads (`logger = logging.get_logger(__name__)` before `if xla_version ==
    "2.3.0": logger.log_once(...)`); at least one such `if`. A name an added assignment binds
    from a version is a version too (`major = int(version("transformers").split(".")[0])`,
    then `if major > 4:`). What the `if`s choose may be handed on by keyword and tested
    (`param_init_fn = dummy_init_fn` for torch 2.1 and None before, then
    `FSDP(..., param_init_fn=param_init_fn)` and `if param_init_fn is not None:`)."""
    statements = [part for statement, _ in added for part in _probed(statement)]
    versions = _version_names(statements)
    gates = [statement for statement in statements
             if isinstance(statement, ast.If) and statement.lineno in lines
             and (_is_version_check(statement) or referenced_names(statement.test) & versions)]
    chosen = {name for gate in gates for node in ast.walk(gate) for name in assigned_names(node)}
    helpers: set[str] = set()
    for statement in statements:
        if statement in gates or (chosen and _hands_on_chosen(statement, lines, chosen)):
            continue
        if not (assigned := assigned_names(statement)):
            return False
        if not assigned <= versions:
            helpers |= assigned
    return bool(gates) and (not helpers or _read_only_within(
        table, helpers, [(gate.lineno, gate.end_lineno or gate.lineno) for gate in gates]))


def _version_gates_moved(before: _Touched, after: _Touched) -> _Touched | None:
    """The added statements but the copies of the removed ones, where each removed statement is
    an `if` on a version that the change wrote again, as it was, elsewhere (the test for pandas
    1.3 put before the one for 2.0): gates put in another order."""
    if not before or not all(isinstance(statement, ast.If) and _is_version_check(statement)
                             for statement, _ in before):
        return None
    moved = Counter(ast.dump(statement) for statement, _ in before)
    rest: _Touched = []
    for held in after:
        if moved[dump := ast.dump(held[0])] > 0:
            moved[dump] -= 1
        else:
            rest.append(held)
    return rest if not +moved else None


def _probed(statement: ast.stmt) -> list[ast.stmt]:
    """The statement; for a `try`, the statements of its blocks but the imports: a version read
    where its package may be missing (`try: from transformers import __version__ as v;
    transformers_version = Version(v) except Exception: transformers_version = Version("0")`)."""
    if not isinstance(statement, ast.Try):
        return [statement]
    blocks = [statement.body, *(handler.body for handler in statement.handlers), statement.orelse,
              statement.finalbody]
    return [part for block in blocks for inner in block if not isinstance(inner, ast.Import | ast.ImportFrom)
            for part in _probed(inner)]


def _settings_gated_anew(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """Every removed line sets a name or a string key to a value (`"warmup_ratio": 0.1,`,
    `self.eps = 1e-6`) that an added line sets to the same value (`replacements["warmup_ratio"]
    = 0.1` under `if transformers_version < Version("5.0.0"):`, or `"u16": torch.uint16` in a
    `TYPES.update({...})` there): a setting moved under a version's test. Or a whole entry of
    a table of options, over lines of its own, whose key an added line sets (`"optimize_model":
    PassConfigParam(type_=bool, ...)` removed, `run_config["optimize_model"] = False` under `if
    version.parse(OrtVersion) < version.parse("1.16.0"):`): an option users no longer set, set
    where a version needs it."""
    unkeyed = [n for n in old_lines if not _SETTING_KEY.match(sides.old_text_lines[n - 1])]
    # what no entry of a table can hold leaves a removed line that sets nothing
    if any(not _SET_TARGET.match(sides.old_text_lines[n - 1]) for n in unkeyed) \
            and not any(_KEYED.search(sides.old_text_lines[n - 1]) for n in old_lines):
        return False
    added = "\n".join(sides.new_text_lines[n - 1] for n in new_lines)
    entries = _entries_removed(sides, old_lines) if unkeyed else {}
    declared = {line for lines in entries.values() for line in lines}
    if any(not re.search(rf"""\[\s*(["']){re.escape(key)}\1\s*\]\s*=""", added) for key in entries):
        return False
    for number in old_lines - declared:
        line = sides.old_text_lines[number - 1]
        if entry := _SETTING_KEY.match(line):
            key, value = entry[2], re.escape(entry[3].strip())
            moved = rf"""\[\s*(["']){key}\1\s*\]\s*=\s*{value}\s*$|(["']){key}\2\s*:\s*{value}\s*(,|\}}|$)"""
        elif target := _SET_TARGET.match(line):
            moved = rf"^\s*{re.escape(target[1])}\s*=\s*{re.escape(target[2].strip())}\s*$"
        else:
            return False
        if not re.search(moved, added, re.MULTILINE):
            return False
    return True


# Where a dict display's string key meets its colon: `"optimize_model":`, `("key"):`.
_KEYED = re.compile(r"""["')]\s*:""")


def _entries_removed(sides: ParsedSides, old_lines: set[int]) -> dict[str, set[int]]:
    """The entries of dict displays with a string key, over several lines, all of them removed:
    their keys and lines."""
    assert sides.old is not None
    tree = sides.old.tree_holding(old_lines)
    if tree is None or not old_lines:
        return {}
    first, last = min(old_lines), max(old_lines)
    found: dict[str, set[int]] = {}
    # only the nodes over the removed stretch can hold an entry all of whose lines went
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        pending.extend(child for child in ast.iter_child_nodes(node) if _may_span(child, first, last))
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                        and (lines := set(range(key.lineno, (value.end_lineno or value.lineno) + 1))) \
                        <= old_lines \
                        and len(lines) > 1:
                    found[key.value] = lines
    return found


def _may_span(node: ast.AST, first: int, last: int) -> bool:
    """The node has lines from `first` to `last`, or has no lines of its own (`arguments`)."""
    start = getattr(node, "lineno", None)
    return start is None or (start <= last and first <= (getattr(node, "end_lineno", None) or start))


def _hands_on_chosen(statement: ast.stmt, lines: set[int], chosen: set[str]) -> bool:
    """An `if` added that tests only chosen names, or a statement that was there whose added
    lines are keyword arguments each handing on a chosen name."""
    if statement.lineno in lines:
        tested = referenced_names(statement.test) if isinstance(statement, ast.If) else set()
        return bool(tested) and tested <= chosen
    end = statement.end_lineno or statement.lineno
    handing = keyword_lines(statement, lambda _, keyword: isinstance(keyword.value, ast.Name)
                            and keyword.value.id in chosen)
    inside = {line for line in lines if statement.lineno <= line <= end}
    return bool(inside) and inside <= handing


def keyword_lines(tree: ast.AST, accepts: Callable[[ast.Call, ast.keyword], bool]) -> set[int]:
    """The lines of the keyword arguments, among the calls in the tree, that `accepts` takes."""
    return {line for node in ast.walk(tree) if isinstance(node, ast.Call) for keyword in node.keywords
            if accepts(node, keyword)
            for line in range(keyword.lineno, (keyword.end_lineno or keyword.lineno) + 1)}


def _read_only_within(table: ModuleSymbols, names: set[str], spans: list[tuple[int, int]]) -> bool:
    """The function around the spans of lines (or the top-level statement, outside a function)
    reads the names only within them."""
    first, last = min(start for start, _ in spans), max(end for _, end in spans)
    tree = table.tree_holding([first])
    assert tree is not None
    scope: ast.AST = tree
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                and node.lineno <= first and last <= (node.end_lineno or node.lineno):
            scope = node
    return not any(isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names
                   and not any(start <= node.lineno <= end for start, end in spans)
                   for node in ast.walk(scope))


def _branches_added(table: ModuleSymbols, lines: set[int], guards: GuardRules) -> bool:
    """The added lines are whole `elif` branches, each testing a platform, a version or what is
    there, put into a chain that was there: a dispatch that learns one more architecture
    (`elif arch == "sm120": return ...`)."""
    tree = table.tree_holding(lines)
    assert tree is not None
    covered: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and node.lineno in lines \
                and table.lines[node.lineno - 1].lstrip().startswith("elif "):
            if not _is_guard_test(ast.unparse(node.test), guards):
                return False
            end = node.orelse[0].lineno - 1 if node.orelse else node.end_lineno or node.lineno
            covered.update(range(node.lineno, end + 1))
    return bool(covered) and lines <= covered


_IF_HEADER = re.compile(r"^\s*(el)?if\s+(.+):\s*(#.*)?$")


def _platform_admitted(before: str, after: str, guards: GuardRules) -> bool:
    """An `if` or `elif` whose test now also admits a platform, a version or what is there,
    its branch as it was (`if is_cuda():` became `if is_cuda() or is_hip():`): one more
    platform takes a path that was there; not the platform it tested, named otherwise
    (`device == "cpu" or device == torch.device("cpu")`)."""
    was, now = _IF_HEADER.match(before), _IF_HEADER.match(after)
    if was is None or now is None or was.group(1) != now.group(1):
        return False
    try:
        old_test = ast.parse(was.group(2), mode="eval").body
        new_test = ast.parse(now.group(2), mode="eval").body
    except SyntaxError:
        return False
    if not isinstance(new_test, ast.BoolOp) or not isinstance(new_test.op, ast.Or):
        return False
    tested = ast.dump(old_test)
    added = [value for value in new_test.values if ast.dump(value) != tested]
    return len(new_test.values) - len(added) == 1 and bool(added) \
        and all(_is_guard_test(ast.unparse(value), guards) and not _same_value_respelled(old_test, value)
                for value in added)


def _same_value_respelled(test: ast.expr, other: ast.expr) -> bool:
    """Both compare the same thing with the same text, given otherwise (`device == "cpu"` and
    `device == torch.device("cpu")`): one platform, however it is named."""
    return isinstance(test, ast.Compare) and isinstance(other, ast.Compare) \
        and ast.dump(test.left) == ast.dump(other.left) \
        and [type(op) for op in test.ops] == [type(op) for op in other.ops] \
        and _texts_in(test.comparators) == _texts_in(other.comparators) != set()


def _texts_in(nodes: list[ast.expr]) -> set[str]:
    return {node.value for tree in nodes for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _choices_added(table: ModuleSymbols, lines: set[int]) -> bool:
    """The added lines are whole `elif` branches of a chain that compares one setting with
    strings, each for another string and doing what a branch that was there does with other
    values: a setting that accepts one more value (`elif args.dtype == 'float64':
    torch.set_default_dtype(torch.float64)` beside the branch for 'float32')."""
    tree = table.tree_holding(lines)
    assert tree is not None
    covered: set[int] = set()
    for chain in (node for node in ast.walk(tree) if isinstance(node, ast.If)):
        branches = _chain(chain)
        tested = [_strings_accepted(branch.test) for branch in branches]
        added = [branch for branch in branches if branch.lineno in lines
                 and table.lines[branch.lineno - 1].lstrip().startswith("elif ")]
        if not added or chain.lineno in lines:
            continue
        kept = [branch for branch in branches if branch not in added]
        if None in tested or len({subject for subject, _ in tested if subject}) != 1 \
                or not all(any(_same_but(other.body, branch.body, _values_aside) for other in kept)
                           for branch in added):
            return False
        for branch in added:
            covered.update(range(branch.lineno, _branch_end(branch) + 1))
    return bool(covered) and lines <= covered


def _chain(node: ast.If) -> list[ast.If]:
    """An `if` and the `elif`s that follow it."""
    branches = [node]
    while len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
        node = node.orelse[0]
        branches.append(node)
    return branches


def _branch_end(branch: ast.If) -> int:
    return branch.orelse[0].lineno - 1 if branch.orelse else branch.end_lineno or branch.lineno


def _values_aside(was: object, now: object) -> bool | None:
    """Constants, and the last part of a dotted name (`torch.float32`, `torch.float64`), may differ."""
    if isinstance(was, ast.Constant) and isinstance(now, ast.Constant):
        return True
    if isinstance(was, ast.Attribute) and isinstance(now, ast.Attribute):
        return dotted_path(was.value) == dotted_path(now.value) != ""
    return None


def _declares_an_option(table: ModuleSymbols, statement: ast.stmt) -> bool:
    """A field an options class declares (`nnodes: int` in `VLLMModelConfig`): the options a
    version check then sets are declared with it."""
    owner = table.owner(statement.lineno)
    return isinstance(statement, ast.AnnAssign) and owner is not None \
        and table.symbols[owner].kind == "class" and bool(OPTIONS_CLASS.search(owner.rpartition(".")[2]))


def _version_names(nodes: Iterable[ast.AST]) -> set[str]:
    """The names that assignments among the nodes bind from a version, or from names so bound
    (`torch_major, torch_minor = int(v[0]), int(v[1])` after `v = torch.__version__.split(".")`)."""
    assignments = [node for node in nodes
                   if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None]
    versions = {name for node in assignments if _binds_a_version(node) for name in assigned_names(node)}
    while True:
        bound = {name for node in assignments
                 if node.value is not None and referenced_names(node.value) & versions
                 for name in assigned_names(node)}
        if bound <= versions:
            return versions
        versions |= bound


def assigned_names(node: ast.AST) -> set[str]:
    """The names a plain or annotated assignment of a value binds: `a` and `b` of `a, b = ...`,
    `self.version` of `self.version = ...` (not `self`, which it only reads)."""
    if isinstance(node, ast.Assign):
        return {name for target in node.targets for name in _bound(target)}
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return _bound(node.target)
    return set()


def _bound(target: ast.expr) -> set[str]:
    if isinstance(target, ast.Tuple | ast.List):
        return {name for element in target.elts for name in _bound(element)}
    if isinstance(target, ast.Starred):
        return _bound(target.value)
    return {path} if (path := dotted_path(target)) else set()


def _changed_lines_reindented(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """The changed lines of both sides are the same but for their indentation, some moved, and
    the `if`s the new side may have written around them."""
    def stripped(text: list[str], lines: set[int]) -> Counter[str]:
        return Counter(line for n in lines if (line := text[n - 1].strip()))
    added = stripped(sides.new_text_lines, new_lines)
    return bool(old_lines) and stripped(sides.old_text_lines, old_lines) == Counter(
        {line: count for line, count in added.items() if not (line.startswith("if ") and line.endswith(":"))})


def _put_under_a_setting(before: _Touched, after: _Touched, new_lines: set[int],
                         new: ModuleSymbols) -> StatementShape | None:
    """The touched statements are unchanged but now run only under `if`s that test a version
    (version-gated) or an option a configuration holds (settings-set): an `if` the change wrote
    around them, or one that was there and took them in (a build of an extension moved into
    `if int(bare_metal_major) >= 11:`, the name bound from `get_cuda_bare_metal_version(...)`
    wherever the module binds it; `if parallel_config.get("gqa"):`)."""
    assert new.tree is not None
    nodes = list(ast.walk(new.tree))
    enclosing = {id(child): node for node in nodes if isinstance(node, ast.If) for child in node.body}
    gates: list[ast.If] = []
    moved: list[ast.stmt] = []
    for statement, _ in after:
        written = isinstance(statement, ast.If) and statement.lineno in new_lines
        gate = statement if written else enclosing.get(id(statement))
        if not isinstance(gate, ast.If) or (written and statement.orelse):
            return None
        gates.append(gate)
        moved.extend(gate.body if written else [statement])
    if not _moved_unchanged(before, moved):
        return None
    versions = frozenset(_version_names(nodes))
    if all(_tests_a_version(gate.test, versions) for gate in gates):
        return "version-gated"
    if all(_tests_an_option(gate.test) for gate in gates):
        return "settings-set"
    return None


def _tests_an_option(test: ast.expr) -> bool:
    """The test reads what an object of options holds: `parallel_config["gqa"]`, `args.fp8`."""
    return any(isinstance(node, ast.Name | ast.Attribute)
               and any(_CONFIGURATION.search(part) for part in dotted_path(node).split("."))
               for node in ast.walk(test))


def _version_checks_dropped(sides: ParsedSides, old_lines: set[int], new_lines: set[int],
                            touched_before: Callable[[], _Touched | None], after: _Touched) -> bool:
    """A version no longer supported stops being checked: the change only removes `if`s and
    `assert`s that test a version (with the versions they compare), takes the statements of
    one of the blocks of one such `if` (or of a chain of `elif`s that all test versions) out
    of it unchanged, rewrites the versions such `if`s test, or keeps what the checks chose."""
    assert sides.old is not None
    capability = _bound_to_capability(sides.old.text)
    reads = re.compile(rf"{_VERSION_OR_CAPABILITY.pattern}|\b{one_of(capability)}\b", re.IGNORECASE) \
        if capability else _VERSION_OR_CAPABILITY
    if not _names_a_version(sides.old_text_lines, old_lines, reads) or (before := touched_before()) is None:
        return False
    removed = [statement for statement, _ in before]
    if [ast.dump(statement) for statement in removed] == [ast.dump(statement) for statement, _ in after]:
        return False  # the same statements, moved or given a line end
    if not new_lines:
        return any(_is_version_check(s) or _imports_to_check_versions(s) for s in removed) and all(
            _is_version_check(s) or _binds_a_version(s) or _only_checks_versions(s)
            or _imports_to_check_versions(s) for s in removed)
    if _gates_give_way_to_a_block(removed, [ast.dump(s) for s, _ in after]):
        return True
    added = [statement for statement, _ in after]
    return _version_tests_rewritten(removed, added, capability) \
        or _version_choices_kept(removed, added, new_lines)


# A name bound to the device's compute capability: `major, _ = torch.cuda.get_device_capability()`.
_CAPABILITY_BOUND = re.compile(
    r"^\s*([A-Za-z_]\w*)\s*(?:,\s*([A-Za-z_]\w*)\s*)?=\s*[\w.]*get_device_capability\(", re.MULTILINE)


def _bound_to_capability(text: str) -> set[str]:
    """The names the module binds to the parts of a device's compute capability."""
    if "get_device_capability(" not in text:
        return set()
    return {name for match in _CAPABILITY_BOUND.finditer(text)
            for name in match.groups() if name and name != "_"}


def _import_probes_catch_otherwise(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is a `try` that imports, and only the errors its handlers catch
    changed (`except ModuleNotFoundError:` became `except (ModuleNotFoundError, AttributeError):`
    around `import torch.fft`, as old PyTorch has the module without its functions): what
    counts as the dependency being there."""
    return len(before) == len(after) > 0 and all(
        isinstance(was, ast.Try) and isinstance(now, ast.Try)
        and any(isinstance(statement, ast.Import | ast.ImportFrom) for statement in now.body)
        and _dumps(was.body) == _dumps(now.body) and _dumps(was.orelse) == _dumps(now.orelse)
        and _dumps(was.finalbody) == _dumps(now.finalbody) and len(was.handlers) == len(now.handlers)
        and all(_dumps(old.body) == _dumps(new.body)
                for old, new in zip(was.handlers, now.handlers, strict=True))
        for (was, _), (now, _) in zip(before, after, strict=True))


def _probe_made_a_version_test(before: _Touched, after: _Touched) -> bool:
    """Each `try` that probed for what newer releases have, its one handler falling back
    (`try: NumpyArray = npt.NDArray[_np_numeric]` `except AttributeError: NumpyArray =
    np.ndarray`), became an `if` on a version with the same two blocks (`if sys.version_info >=
    (3, 8):`): the releases are named, not probed."""
    return len(before) == len(after) > 0 and all(
        isinstance(was, ast.Try) and len(was.handlers) == 1 and not was.orelse and not was.finalbody
        and isinstance(now, ast.If) and _VERSION_OR_CAPABILITY.search(ast.unparse(now.test)) is not None
        and _dumps(was.body) == _dumps(now.body) and _dumps(was.handlers[0].body) == _dumps(now.orelse)
        for (was, _), (now, _) in zip(before, after, strict=True))


def _dumps(statements: list[ast.stmt]) -> list[str]:
    return [ast.dump(statement) for statement in statements]


def _environment_check_dropped(before: _Touched, after: _Touched) -> bool:
    """An `if` that tests an environment variable and only refuses or says something is
    removed, what followed it in `elif`s or `else` kept unchanged (`if not int(os.getenv(
    "VLLM_USE_V1", "1")): raise ValueError(...)` `elif not is_decoder: raise ...` became `if not
    is_decoder: raise ...`): a setting no longer read."""
    if len(before) != 1 or not isinstance(gate := before[0][0], ast.If) \
            or not _ENVIRONMENT_LOOKUP.search(ast.unparse(gate.test)) \
            or not all(isinstance(statement, ast.Raise) or is_message(statement) for statement in gate.body):
        return False
    return [ast.dump(statement) for statement, _ in after] \
        == [ast.dump(statement) for statement in gate.orelse]


def _version_checks_rearranged(before: _Touched, after: _Touched) -> bool:
    """The touched statements, before and after, only check versions: they bind versions, test
    them in `if`s and `assert`s whose blocks check further, say something or raise, and hold
    such checks in `if`s on other conditions (a check of flash-attn's version for sliding
    windows taken apart to warn of an old one for ALiBi too: `if "flash" in attention: v =
    Version(version("flash-attn"))`, then `if window: assert v >= Version("2.3.0")` and `if
    alibi: if not v >= Version("2.4.0.post1"): print(...)`). Not where the checks are as they were
    and only the header of a function holding them changed (`def check_tf_version() -> None:`)."""
    if _bodies(before) == _bodies(after):
        return False
    for side in (before, after):
        statements = [statement for statement, _ in side]
        checks = _version_checks_in(statements, False, _checking_functions(statements))
        if checks is None or checks == 0:
            return False
    return True


def _bodies(touched: _Touched) -> list[str]:
    """The touched statements as dumps, a function's its body's alone."""
    return [ast.dump(ast.Module(body=statement.body, type_ignores=[]))
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) else ast.dump(statement)
            for statement, _ in touched]


def _checking_functions(statements: list[ast.stmt]) -> set[str]:
    """The names of the functions among the statements that only check versions."""
    return {statement.name for statement in statements
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
            and _version_checks_in(without_docstrings(statement.body), False, set())}


def _version_checks_in(statements: list[ast.stmt], under_check: bool, checking: set[str]) -> int | None:
    """How many `if`s and `assert`s test a version among statements that do nothing else but
    bind versions and, under such a test, say something, raise or return; None if they do. A module
    may be imported for its version, the checks may be tried, their handlers saying something
    or raising, and they may be put in a function of their own (`checking`), which a statement
    then calls (`check_packages()`)."""
    count = 0
    for statement in statements:
        if isinstance(statement, ast.If):
            checks = _is_version_check(statement)
            inner = _version_checks_in(statement.body + statement.orelse, under_check or checks, checking)
        elif isinstance(statement, ast.Try):
            checks = False
            inner = _version_checks_in(statement.body + statement.orelse, under_check, checking)
            handled = _version_checks_in([s for h in statement.handlers for s in h.body], True, checking)
            inner = None if inner is None or handled is None else inner + handled
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name in checking:
            checks, inner = False, _version_checks_in(without_docstrings(statement.body), False, checking)
        elif isinstance(statement, ast.Assert) and _is_version_check(statement):
            checks, inner = True, 0
        elif _binds_a_version(statement) or isinstance(statement, ast.Pass | ast.Import) \
                or (under_check and (is_message(statement) or isinstance(statement, ast.Raise)
                                     or (isinstance(statement, ast.Return) and statement.value is None))) \
                or _calls_without_arguments(statement, checking):
            checks, inner = False, 0
        else:
            return None
        if inner is None:
            return None
        count += inner + checks
    return count


def _calls_without_arguments(statement: ast.stmt, functions: set[str]) -> bool:
    """`check_packages()`, a call of one of the functions, alone."""
    return isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call) \
        and isinstance(call.func, ast.Name) and call.func.id in functions \
        and not call.args and not call.keywords


def _gates_give_way_to_a_block(removed: list[ast.stmt], kept: list[str]) -> bool:
    """Each removed statement is an `if` on a version, and the statements left in their place
    are, in order, one block of each (`if sys.version_info.minor < 5: check_is_fitted(self,
    'components_')` `else: check_is_fitted(self)`, in three methods, became the first call in
    each)."""
    taken = 0
    for gate in removed:
        if not isinstance(gate, ast.If):
            return False
        block = next((dumped for branch in _version_branches(gate)
                      if kept[taken:taken + len(dumped := [ast.dump(s) for s in branch])] == dumped), None)
        if block is None:
            return False
        taken += len(block)
    return taken == len(kept)


def _version_branches(gate: ast.If) -> Iterator[list[ast.stmt]]:
    """The blocks of an `if`, its `elif`s and its `else`, while each test checks a version."""
    branches = _chain(gate)
    for branch in branches:
        if not _is_version_check(branch):
            return
        yield branch.body
    yield branches[-1].orelse


# What a test of a version reads, or of the version of the device's architecture: its compute
# capability (`torch.cuda.get_device_capability()[0] < 9`).
_VERSION_OR_CAPABILITY = re.compile(
    rf"{VERSION_PREDICATE.pattern}|\bget_device_capability\(|compute_capability", re.IGNORECASE)


def _version_tests_rewritten(removed: list[ast.stmt], added: list[ast.stmt],
                             capability: set[str] | None = None) -> bool:
    """Each touched statement is the same but for its tests that name a version or a compute
    capability (`get_device_capability()[0] <= 9` became `< 9`), of `if`s,
    `assert`s and conditional expressions, and at least one such test now checks otherwise
    (`if ipex and torch.__version__ >= (2, 7)` became `if version.parse(torch.__version__) >=
    version.parse("2.9") or (ipex and ...)`; `vllm.__version__ >= "0.11.0"`, compared as
    strings, became `version.parse(vllm.__version__) >= version.parse("0.11.0")`). Versions
    may be bound beside them (`_VLLM_VERSION = version.parse(vllm.__version__)`), and what the
    checked blocks log may change with the versions they check. Or the tests only lose, or
    gain, the operands that compare versions (`if np_version < (1, 12) or sp.issparse(array):`
    became `if sp.issparse(array):`). A name the checks needed may be deleted after them (`del
    version`). So may tests of names bound to the device's compute capability (`capability`:
    `major < 9` became `major != 9` beside `major, _ = torch.cuda.get_device_capability()`)."""
    read = {name: ast.Name(id=name, ctx=ast.Load()) for name in capability or ()}
    bound_before, bound_after = read | _versions_bound(removed), read | _versions_bound(added)
    removed = [statement for statement in removed if not _binds_or_deletes(statement)]
    added = [statement for statement in added if not _binds_or_deletes(statement)]
    if not removed:
        return False
    for operands_only in (False, True):
        olds = _VersionTestsLeftOut(operands_only, bound_before)
        news = _VersionTestsLeftOut(operands_only, bound_after)
        if _same_once_rewritten([(s, False) for s in removed], [(s, False) for s in added], olds, news) \
                and olds.tests != news.tests:
            return True
    return False


def _versions_bound(statements: list[ast.stmt]) -> dict[str, ast.expr]:
    """The plain names the statements bind to versions, also by unpacking (`a, b, c =
    shapely.__version__.split(".")`), and what each is bound to."""
    return {name.id: statement.value for statement in statements
            if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None
            and _binds_a_version(statement)
            for target in assignment_targets(statement)
            for name in (target.elts if isinstance(target, ast.Tuple) else [target])
            if isinstance(name, ast.Name)}


class _Inlined(ast.NodeTransformer):
    """Puts in place of each name bound to a version what it is bound to."""

    def __init__(self, bound: dict[str, ast.expr]) -> None:
        self.bound = bound

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.bound.get(node.id, node)


def _binds_or_deletes(statement: ast.stmt) -> bool:
    """A statement that binds a version, or deletes names (`del version`)."""
    return _binds_a_version(statement) or (isinstance(statement, ast.Delete) and all(
        isinstance(target, ast.Name) for target in statement.targets))


class _VersionTestsLeftOut(ast.NodeTransformer):
    """Puts one placeholder for each test of an `if`, an `assert` or a conditional expression
    that names a version, or a name `bound` to one beside them (`mpl_major =
    int(mpl.__version__.split(".")[0])`), keeping the tests with such names spelled out, and
    takes out the messages the `if`s' blocks log. With `operands_only`, what is left out of a
    test joined by `and` or `or` is only its operands that name a version."""

    def __init__(self, operands_only: bool = False, bound: dict[str, ast.expr] | None = None) -> None:
        self.tests: list[str] = []
        self.operands_only = operands_only
        self.bound = bound or {}

    def _names_a_version(self, test: ast.expr) -> bool:
        return _VERSION_OR_CAPABILITY.search(ast.unparse(test)) is not None \
            or not referenced_names(test).isdisjoint(self.bound)

    def visit_If(self, node: ast.If) -> ast.AST:
        node.body = [statement for statement in node.body if not is_message(statement)]
        node.orelse = [statement for statement in node.orelse if not is_message(statement)]
        return self._tested(node)

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        return self._tested(node)

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        return self._tested(node)

    def _tested(self, node: ast.If | ast.Assert | ast.IfExp) -> ast.AST:
        self.generic_visit(node)
        if self._names_a_version(node.test):
            self.tests.append(ast.dump(_Inlined(self.bound).visit(copy_tree(node.test))))
            node.test = self._without_versions(node.test)
        return node

    def _without_versions(self, test: ast.expr) -> ast.expr:
        if self.operands_only and isinstance(test, ast.BoolOp):
            rest = [value for value in test.values if not self._names_a_version(value)]
            if rest:
                return rest[0] if len(rest) == 1 else ast.BoolOp(op=test.op, values=rest)
        return ast.Constant("version test")


def _version_choice_made(sides: ParsedSides, new_lines: set[int],
                         touched_before: Callable[[], _Touched | None], after: _Touched,
                         versions: frozenset[str]) -> bool:
    """A version now chooses what a statement uses, the old value kept for the other versions:
    `flags = ["-std=c++17"]` became `flags = ["-std=c++20" if torch_version >= (2, 12) else
    "-std=c++17"]`, maybe through a name bound to the choice just before; the version may be
    a name the module binds from one (`_TRANSFORMERS_V5 = int(transformers.__version__[0]) >=
    5`), bound beside. What the statements say (messages raised or logged) may change with
    the versions."""
    if not (_names_a_version(sides.new_text_lines, new_lines)
            or (versions and any(referenced_names(s) & versions for s, _ in after))) \
            or (before := touched_before()) is None:
        return False
    added = _choices_inlined([statement for statement, _ in _without_version_bindings(after, versions)],
                             versions)
    return len(before) == len(added) and all(
        _unworded(old) in {_unworded(choice) for choice in _version_choices(new, versions)}
        for (old, _), new in zip(before, added, strict=True))


def _unworded(statement: ast.stmt) -> str:
    """The dump of a copy of the statement without what it says to people: the messages of
    the exceptions it raises and the statements that only print or log (of a statement that
    only prints or logs, nothing)."""
    unworded = _MessagesLeftOut().visit(copy_tree(statement))
    return "" if unworded is None else ast.dump(unworded)


class _MessagesLeftOut(ast.NodeTransformer):
    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        return None if is_message(node) else node

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        if isinstance(node.exc, ast.Call):
            node.exc.args = [ast.Constant("message") if _is_text(a) else a for a in node.exc.args]
        return node


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or _is_key(node)


def _choices_inlined(statements: list[ast.stmt], versions: frozenset[str]) -> list[ast.stmt]:
    """The statements with each name bound to a conditional expression on a version (`std =
    "-std=c++20" if torch_version >= (2, 12) else "-std=c++17"`) replaced, in the statements
    after it, by that expression, its binding left out."""
    inlined: list[ast.stmt] = []
    choices: list[tuple[int, str, ast.expr]] = []  # each binding's place, name and expression
    used: set[int] = set()
    for statement in statements:
        for index, name, value in choices:
            replaced = _NameReplaced(name, value)
            statement = replaced.visit(copy_tree(statement))
            if replaced.count:
                used.add(index)
        if (choice := _named_choice(statement, versions)) is not None:
            choices.append((len(inlined), *choice))
        inlined.append(statement)
    return [statement for index, statement in enumerate(inlined) if index not in used]


def _named_choice(statement: ast.stmt, versions: frozenset[str]) -> tuple[str, ast.expr] | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
            and isinstance(target := statement.targets[0], ast.Name) \
            and isinstance(statement.value, ast.IfExp) \
            and _tests_a_version(statement.value.test, versions):
        return target.id, statement.value
    return None


class _NameReplaced(ast.NodeTransformer):
    """Replaces the reads of a name by a value, counting them."""

    def __init__(self, name: str, value: ast.expr) -> None:
        self.name, self.value = name, value
        self.count = 0

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id != self.name or not isinstance(node.ctx, ast.Load):
            return node
        self.count += 1
        return copy_tree(self.value)


def _version_choices_kept(removed: list[ast.stmt], added: list[ast.stmt], lines: set[int]) -> bool:
    """What the old version checks chose for new versions is now kept without them: `x = a if
    torch_version_at_least("2.8") else b` became `x = a`, `if built and version_at_least(...)`
    became `if built`, or the entries that an `if` on a version added to a literal are now
    written into it; besides, version checks and the versions they compare may go, and a
    check that refuses older versions may come (`assert version_at_least("2.11")`), and what
    the kept code says (a message naming the versions no longer checked) may change."""
    choices = [{_unworded(choice) for choice in _version_choices(statement, frozenset())}
               for statement in removed]
    variants = set().union(*choices)
    kept = [statement for statement in added if _unworded(statement) in variants]
    kept_dumps = {_unworded(statement) for statement in kept}
    if not all(_is_version_check(s) or _binds_a_version(s) or _only_checks_versions(s)
               or own & kept_dumps for s, own in zip(removed, choices, strict=True)):
        return False
    known = {ast.dump(node) for statement in removed for node in ast.walk(statement)
             if isinstance(node, ast.expr)}
    return all(statement in kept or _refuses_old_versions(statement)
               or _entries_written_in(statement, lines, known) for statement in added)


def _may_fall_back(text: list[str], lines: set[int]) -> bool:
    """How a choice looks in the text: a changed line starts an `else` or an `elif`."""
    return any(text[number - 1].lstrip().startswith(("else:", "elif ")) for number in lines)


def _setting_chosen_by_version(before: _Touched, after: _Touched, new: ModuleSymbols,
                               lines: set[int]) -> bool:
    """The touched statements only set things (attributes, entries, variables), and the new
    code sets those only where an `if` on a version falls to its `else` or `elif`, setting
    something else itself for new versions: `torch.backends.cudnn.allow_tf32 = True` now runs
    for older PyTorch, `torch.backends.cudnn.fp32_precision = "tf32"` from 2.9 on. The `if`
    holds at least half of the changed lines."""
    removed = [statement for statement, _ in before]
    if not all(_only_sets(statement) for statement in removed):
        return False
    kept = _targets_set(removed)
    assert new.tree is not None
    versions: set[str] | None = None
    for node in (node for statement, _ in after for node in ast.walk(statement)):
        if not isinstance(node, ast.If) or not node.orelse \
                or not kept <= _targets_set(node.orelse) or not _targets_set(node.body) - kept \
                or 2 * sum(node.lineno <= n <= (node.end_lineno or node.lineno) for n in lines) < len(lines):
            continue
        if _is_version_check(node):
            return True
        if versions is None:
            versions = _version_names(ast.walk(new.tree))
        if referenced_names(node.test) & versions:
            return True
    return False


def _keywords_chosen_by_version(before: _Touched, after: _Touched, new: ModuleSymbols) -> bool:
    """A call's keywords are now given only for some versions of a dependency: an `if` on a
    version, new or there before, binds a dict of them in each of its branches
    (`dynamo_kwargs = {"dynamo": False}` from torch 2.9 on, `{}` before, beside what else each
    branch does), which the calls unpack where they passed them themselves (`dynamo=False`),
    each call otherwise the same."""
    gates = [statement for statement, _ in after if _is_version_check(statement)] \
        or _version_check_around(after, new)
    bound = _dict_bound_by_branches(gates[0]) if len(gates) == 1 else None
    if bound is None:
        return False
    name, keys = bound
    gate = gates[0]
    old_calls = [node for statement, _ in before if not isinstance(statement, ast.Import | ast.ImportFrom)
                 for node in ast.walk(statement) if isinstance(node, ast.Call)
                 and any(keyword.arg in keys for keyword in node.keywords)]
    new_calls = [node for statement, _ in after
                 if not gate.lineno <= statement.lineno <= (gate.end_lineno or 0)
                 for node in ast.walk(statement) if isinstance(node, ast.Call) and any(
                     keyword.arg is None and isinstance(keyword.value, ast.Name) and keyword.value.id == name
                     for keyword in node.keywords)]
    return bool(old_calls) and len(old_calls) == len(new_calls) and all(
        _same_call_but_keywords(was, now, keys) for was, now in zip(old_calls, new_calls, strict=True))


def _keywords_given_for_versions(before: _Touched, after: _Touched, new: ModuleSymbols) -> bool:
    """Calls now given keywords for some versions of a dependency alone: a name bound to one dict
    of keywords or another by a test of a version (`argsort_kwds = {"stable": True} if NUMPY_GE_2
    else {}`, the flag bound from NumPy's version at the top), which the calls, otherwise as they
    were, unpack (`argsort()` became `argsort(**argsort_kwds)`)."""
    versions = _module_version_names(new)
    chosen = {statement.targets[0].id for statement, _ in after
              if isinstance(statement, ast.Assign) and len(statement.targets) == 1
              and isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.IfExp)
              and isinstance(statement.value.body, ast.Dict) and isinstance(statement.value.orelse, ast.Dict)
              and _tests_a_version(statement.value.test, versions)}
    if not chosen:
        return False
    spread = _WithoutSpread(chosen)
    was = [ast.dump(statement) for statement, _ in before]
    calling = [statement for statement, _ in _without_version_bindings(after, versions)
               if not (isinstance(statement, ast.Assign) and assigned_names(statement) <= chosen)]
    stripped = [ast.dump(spread.visit(copy_tree(statement))) for statement in calling]
    return bool(stripped) and spread.removed > 0 and all(statement in was for statement in stripped)


class _WithoutSpread(ast.NodeTransformer):
    """Takes out of calls the `**name` of the given names, counting what it took."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.removed = 0

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        kept = [keyword for keyword in node.keywords if not (
            keyword.arg is None and isinstance(keyword.value, ast.Name) and keyword.value.id in self.names)]
        self.removed += len(node.keywords) - len(kept)
        node.keywords = kept
        return node


def _version_check_around(after: _Touched, new: ModuleSymbols) -> list[ast.stmt]:
    """The innermost `if` on a version that holds every dict the touched statements bind."""
    bindings = [statement.lineno for statement, _ in after
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Dict)]
    tree = new.tree_holding(bindings) if bindings else None
    around = [node for node in ast.walk(tree) if isinstance(node, ast.If) and _is_version_check(node)
              and all(node.lineno <= line <= (node.end_lineno or 0) for line in bindings)] \
        if tree is not None else []
    return [max(around, key=lambda node: node.lineno)] if around else []


def _same_call_but_keywords(was: ast.Call, now: ast.Call, keys: set[str]) -> bool:
    """The call is the same but for the `keys` it passed, now spread from a dict."""
    kept = [keyword for keyword in was.keywords if keyword.arg not in keys]
    given = [keyword for keyword in now.keywords if keyword.arg is not None]
    return ast.dump(was.func) == ast.dump(now.func) \
        and [ast.dump(a) for a in (*was.args, *kept)] == [ast.dump(a) for a in (*now.args, *given)]


def _dict_bound_by_branches(node: ast.stmt) -> tuple[str, set[str]] | None:
    """The name each branch of an `if` binds, somewhere in it, to a dict of keywords
    (`{"dynamo": False}`, `{}`), and the keywords named."""
    if not isinstance(node, ast.If) or not node.orelse:
        return None
    names: set[str] = set()
    keys: set[str] = set()
    for branch in (node.body, node.orelse):
        bindings = [(binding.targets[0].id, binding.value) for statement in branch
                    for binding in ast.walk(statement)
                    if isinstance(binding, ast.Assign) and len(binding.targets) == 1
                    and isinstance(binding.targets[0], ast.Name) and isinstance(binding.value, ast.Dict)]
        if not bindings:
            return None
        for name, value in bindings:
            named = [key.value for key in value.keys if isinstance(key, ast.Constant)]
            if len(named) != len(value.keys) or not all(isinstance(key, str) for key in named):
                return None
            names.add(name)
            keys.update(named)
    return (names.pop(), keys) if len(names) == 1 and keys else None


def _version_cases_spelled_out(before: _Touched, after: _Touched) -> bool:
    """A value chosen by a test of a version (`cuda = parse("11.8") if v.major == 11 else
    parse("12.3")`) is now chosen by an `if`/`elif` chain on versions that sets the same names,
    maybe for more versions, or refuses the others (`else: raise ValueError(...)`)."""
    chosen = [statement for statement, _ in before]
    if not chosen or not all(isinstance(statement, ast.Assign) and isinstance(statement.value, ast.IfExp)
                             and VERSION_PREDICATE.search(ast.unparse(statement.value.test))
                             for statement in chosen):
        return False
    targets = {ast.dump(target) for statement in chosen for target in statement.targets}
    return all(isinstance(statement, ast.If) and _sets_by_version(statement, targets)
               for statement, _ in after)


def _sets_by_version(statement: ast.If, targets: set[str]) -> bool:
    """Each branch of the `if` chain, which tests versions, sets only the targets or raises."""
    if not VERSION_PREDICATE.search(ast.unparse(statement.test)) or not _sets_only(statement.body, targets):
        return False
    rest = statement.orelse
    if len(rest) == 1 and isinstance(rest[0], ast.If):
        return _sets_by_version(rest[0], targets)
    return _sets_only(rest, targets)


def _sets_only(block: list[ast.stmt], targets: set[str]) -> bool:
    return all(isinstance(inner, ast.Raise) or (isinstance(inner, ast.Assign)
                                                and {ast.dump(target) for target in inner.targets} <= targets)
               for inner in block)


def _only_sets(statement: ast.stmt) -> bool:
    """An assignment, or an `if` holding only assignments and such `if`s."""
    if isinstance(statement, ast.If):
        return all(_only_sets(inner) for inner in statement.body + statement.orelse)
    return isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign)


def _targets_set(statements: list[ast.stmt]) -> set[str]:
    """What the statements assign to, nested ones included."""
    return {ast.dump(target) for statement in statements for node in ast.walk(statement)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]
                           if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])}


def _refuses_old_versions(statement: ast.stmt) -> bool:
    """An `assert` on a version, or an `if` on one that only raises."""
    return _is_version_check(statement) and (isinstance(statement, ast.Assert) or (
        isinstance(statement, ast.If) and not statement.orelse
        and all(isinstance(s, ast.Raise) for s in statement.body)))


def _version_choices(statement: ast.stmt, versions: frozenset[str]) -> list[ast.stmt]:
    """The statement with one of its version tests resolved: a conditional expression on a
    version replaced by either branch, or a version test dropped from an `and`."""
    text = ast.unparse(statement)
    choices = []
    for node in ast.walk(statement):
        if isinstance(node, ast.IfExp) and _tests_a_version(node.test, versions):
            resolved = [node.body, node.orelse]
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            rest = [value for value in node.values if not _tests_a_version(value, versions)]
            resolved = [rest[0] if len(rest) == 1 else ast.BoolOp(op=ast.And(), values=rest)] \
                if rest and len(rest) < len(node.values) else []
        else:
            continue
        for branch in resolved:
            try:
                choices.extend(ast.parse(text.replace(ast.unparse(node), ast.unparse(branch), 1)).body)
            except SyntaxError:
                continue
    return choices


def _entries_written_in(statement: ast.stmt, lines: set[int], known: set[str]) -> bool:
    """The statement's changed lines hold only entries of list, tuple, set or dict displays,
    each made of expressions in `known`."""
    changed = {n for n in lines if statement.lineno <= n <= (statement.end_lineno or statement.lineno)}
    covered: set[int] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            entries = [[element] for element in node.elts]
        elif isinstance(node, ast.Dict):
            entries = [[value] if key is None else [key, value]
                       for key, value in zip(node.keys, node.values, strict=True)]
        else:
            continue
        for parts in entries:
            span = set(range(parts[0].lineno, (parts[-1].end_lineno or parts[-1].lineno) + 1))
            if span & changed:
                if not all(ast.dump(part) in known for part in parts):
                    return False
                covered |= span
    return bool(changed) and changed <= covered


def _may_be_entries(text: list[str], lines: set[int]) -> bool:
    """Each line may be part of a dict entry: it holds a `:` or closes a nested display."""
    return all(_ENTRY_PART.search(text[n - 1]) for n in lines)


def _only_setting_entries(touched: _Touched, lines: set[int]) -> bool:
    """Each changed line is part of a setting, an entry of a dict display written over several
    lines that maps a string to a number, a bool or None, on lines of its own between the
    display's braces."""
    covered: set[int] = set()
    for statement, _ in touched:
        for node in ast.walk(statement):
            if not isinstance(node, ast.Dict):
                continue
            inside = range(node.lineno + 1, node.end_lineno or 0)
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None or not _is_setting(key, value):
                    continue
                span = range(key.lineno, (value.end_lineno or value.lineno) + 1)
                if span[0] in inside and span[-1] in inside:
                    covered.update(span)
    return lines <= covered


def _options_overridden(before: _Touched, after: _Touched) -> bool:
    """Messages aside, the change only adds `if`s that override options in some case, maybe
    saying so, and maybe the settings read from the environment they test, or calls that switch
    how a library computes (`tf.config.set_visible_devices([], "GPU")`): an option switched
    off where it cannot apply (`if self.enable_torch_compile and self.super_group_size is not
    None: self.enable_torch_compile = False`), a setting of a configuration chosen
    (`config.vision_config._attn_implementation = "flash_attention_2"`), a library switched
    (`if ALLOW_REDUCED: torch.backends.cuda.allow_fp16_reduction(True)`). What it removes
    overrode options too: an override now made on another configuration (`if hasattr(
    self.model_config, "use_cache"): self.model_config.use_cache = False`)."""
    settings, names = _settings_read(after)
    added = [statement for statement, _ in after if not is_message(statement) and statement not in settings]
    tested = {node.id for statement in added if isinstance(statement, ast.If)
              for node in ast.walk(statement.test) if isinstance(node, ast.Name)}
    return all(is_message(statement) or _overrides_options(statement) for statement, _ in before) \
        and bool(added) \
        and all(_overrides_options(statement) or _switches(statement) for statement in added) \
        and names <= tested


def _overrides_options(statement: ast.stmt) -> bool:
    """An `if` without `else` that only sets options to settings: attributes its test reads,
    or of a configuration (`_CONFIGURATION`), to a bool, a number or a string; a local name
    its test reads, to a bool (`use_cache = False`); or that switches how a library computes
    (`_switches`). None clears state, it sets no option."""
    if not isinstance(statement, ast.If) or statement.orelse:
        return False
    read = {ast.unparse(node) for node in ast.walk(statement.test)
            if isinstance(node, ast.Name | ast.Attribute)}
    body = [inner for inner in statement.body if not is_message(inner)]
    sets = [inner for inner in body if not isinstance(inner, ast.Import | ast.ImportFrom)]
    if not sets or not all(_switches(inner) or _sets_an_option(inner, read) for inner in sets):
        return False
    # What the `if` imports is what it sets: `from torch._dynamo import config as dynamo_config`.
    set_on = {dotted_path(inner.value.func if isinstance(inner, ast.Expr) else inner.targets[0]).split(".")[0]
              for inner in sets if isinstance(inner, ast.Expr | ast.Assign)}
    return all((alias.asname or alias.name).split(".")[0] in set_on
               for inner in body if isinstance(inner, ast.Import | ast.ImportFrom) for alias in inner.names)


def _sets_an_option(statement: ast.stmt, read: set[str]) -> bool:
    return isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant) \
        and statement.value.value is not None \
        and all(_is_option(target, statement.value.value, read) for target in statement.targets)


def _switches(statement: ast.stmt) -> bool:
    """A call of a module's setter given constants, or lists of them:
    `torch.set_float32_matmul_precision("high")`,
    `torch._C._set_math_sdp_allow_fp16_bf16_reduction(True)`,
    `tf.config.set_visible_devices([], "GPU")`."""
    if not (isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call)):
        return False
    return "." in dotted_path(call.func) and bool(_SWITCH_CALL.search(dotted_path(call.func))) \
        and all(isinstance(value, ast.Constant) or (isinstance(value, ast.List | ast.Tuple) and all(
            isinstance(item, ast.Constant) for item in value.elts))
                for value in [*call.args, *(keyword.value for keyword in call.keywords)])


def _is_option(target: ast.expr, value: object, read: set[str]) -> bool:
    if isinstance(target, ast.Name):
        return isinstance(value, bool) and target.id in read
    return isinstance(target, ast.Attribute) \
        and (ast.unparse(target) in read or is_configuration_field(target))


def is_configuration_field(target: ast.Attribute) -> bool:
    """`config.vision_config._attn_implementation`: an attribute of an object that holds options."""
    return any(_CONFIGURATION.search(part) for part in dotted_path(target.value).split("."))


def _setting_values_changed(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for the values of settings in its dict displays
    (`"shuffle": True` became `"shuffle": False`, `_is_setting`), the numbers and bools its
    calls are given as keyword arguments (`timeout=30` became `timeout=90`) or its parameters
    as defaults (`expert_model_parallel_size: int = 4` became `= 8`) or its reads of named keys
    as defaults (`args.get("maint_msg_timeout", 5.0)` became `30.0`), or the numbers it binds a
    name to (`tile_size = (512, 512, 512)` became `(512, 1024, 1024)`), however its lines are
    laid out now. Not where a keyword names a dimension (`dim=-1`: which data is computed
    over), nor a message's (`stacklevel=2`)."""
    changed = 0

    def numbers(was: ast.expr | None, now: ast.expr | None) -> bool:
        nonlocal changed
        if was is None or now is None or not (is_numbers(was) and is_numbers(now)):
            return False
        changed += ast.dump(was) != ast.dump(now)
        return True

    def settings(old: object, new: object) -> bool | None:
        nonlocal changed
        if isinstance(old, ast.Call) and isinstance(new, ast.Call) \
                and dotted_path(old.func).rsplit(".", 1)[-1] in MESSAGE_CALLS:
            return ast.dump(old) == ast.dump(new)
        if isinstance(old, ast.keyword) and isinstance(new, ast.keyword) and old.arg == new.arg \
                and _is_keyword_setting(old) and _is_keyword_setting(new):
            changed += ast.dump(old.value) != ast.dump(new.value)
            return True
        if isinstance(old, ast.Call) and isinstance(new, ast.Call) and _key_defaults(old, new):
            changed += ast.dump(old.args[1]) != ast.dump(new.args[1])
            return True
        if isinstance(old, ast.Assign) and isinstance(new, ast.Assign) \
                and len(old.targets) == 1 and isinstance(old.targets[0], ast.Name) \
                and ast.dump(old.targets[0]) == ast.dump(new.targets[0]) and numbers(old.value, new.value):
            return True
        if isinstance(old, ast.arguments) and isinstance(new, ast.arguments):
            return all(
                _same_but(value, getattr(new, name), settings) if name not in ("defaults", "kw_defaults")
                else len(value) == len(getattr(new, name)) and all(
                    numbers(was, now) or _same_but(was, now, settings)
                    for was, now in zip(value, getattr(new, name), strict=True))
                for name, value in ast.iter_fields(old))
        if isinstance(old, ast.Dict) and isinstance(new, ast.Dict) and len(old.keys) == len(new.keys):
            for old_key, new_key, was, now in zip(old.keys, new.keys, old.values, new.values, strict=True):
                if not _same_but(old_key, new_key, settings):
                    return False
                if old_key is not None and new_key is not None and _is_setting(old_key, was) \
                        and _is_setting(new_key, now):
                    changed += ast.dump(was) != ast.dump(now)
                elif not _same_but(was, now, settings):
                    return False
            return True
        return None
    return _each_same_but(before, after, settings) and changed > 0


def is_numbers(value: ast.expr) -> bool:
    """A number, or a tuple or list of them: `512`, `-1`, `(512, 1024, 1024)`."""
    if isinstance(value, ast.Tuple | ast.List):
        return bool(value.elts) and all(is_numbers(element) for element in value.elts)
    value = _unsigned(value)
    return isinstance(value, ast.Constant) and isinstance(value.value, int | float) \
        and not isinstance(value.value, bool)


def _is_keyword_setting(keyword: ast.keyword) -> bool:
    return keyword.arg is not None and keyword.arg not in _DIMENSION_KEYWORDS \
        and _is_number_or_bool(keyword.value)


def _key_defaults(old: ast.Call, new: ast.Call) -> bool:
    """Two reads of the same named key of the same mapping, each with a number, a bool or None
    to fall back to: `args.get("timeout", 5.0)`, `kwargs.pop("resume_download", False)`."""
    return _mapping_read(old) is not None and _mapping_read(new) is not None \
        and len(old.args) == len(new.args) == 2 \
        and ast.dump(old.func) == ast.dump(new.func) and ast.dump(old.args[0]) == ast.dump(new.args[0]) \
        and all(_is_number_or_bool(value) or _is_none(value) for value in (old.args[1], new.args[1]))


def _is_number_or_bool(value: ast.expr) -> bool:
    """A number or a bool, maybe negated."""
    value = _unsigned(value)
    return isinstance(value, ast.Constant) and isinstance(value.value, int | float)


def _is_none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def _unsigned(value: ast.expr) -> ast.expr:
    """The value a unary minus negates (`-1`: `1`), or the value itself."""
    return value.operand if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub) else value


def _environment_variable_renamed(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """A setting is read from another environment variable, and the lines that read it change
    with its name alone: `os.environ.get("FORCE_DEVICE")` became
    `os.environ.get("INC_TARGET_DEVICE")`, the variable holding it renamed alike, or the name
    it is assigned to renamed otherwise throughout the lines (`disable_gate_opt` reading `GATE`
    became `disable_fast_cumsum` reading `FAST_CUMSUM`)."""
    old = [sides.old_text_lines[n - 1] for n in sorted(old_lines)]
    new = [sides.new_text_lines[n - 1] for n in sorted(new_lines)]
    read_before = {name for line in old for name in _ENVIRONMENT_NAME_READ.findall(line)}
    read_after = {name for line in new for name in _ENVIRONMENT_NAME_READ.findall(line)}
    if len(old) != len(new) or len(read_before - read_after) != 1 or len(read_after - read_before) != 1:
        return False
    (was,), (now,) = read_before - read_after, read_after - read_before
    renamed = re.compile(r"\b" + re.escape(was) + r"\b")
    holders: set[tuple[str, str]] = set()
    for before, after in zip(old, new, strict=True):
        words_before, words_after = _WORDS.findall(renamed.sub(now, before)), _WORDS.findall(after)
        if len(words_before) != len(words_after):
            return False
        holders |= {pair for pair in zip(words_before, words_after, strict=True) if pair[0] != pair[1]}
    return len(holders) <= 1 and all(
        word.isidentifier() and any(re.match(rf"\s*{word}\s*=[^=]", line) and _ENVIRONMENT_READ.search(line)
                                    for line in lines)
        for pair in holders for word, lines in zip(pair, (old, new), strict=True))


def _defaults_now_read(before: _Touched, after: _Touched,
                       defaults: type[_EnvironmentDefaults | _OptionDefaults]) -> bool:
    """Each touched statement is the same but for constants now read from the environment or
    looked up in a configuration with themselves as the default, as `defaults` writes such reads
    back (`"NCCL_DEBUG": "WARN"` became `"NCCL_DEBUG": os.environ.get("NCCL_DEBUG", "WARN")`,
    `num_inputs = [3]` became `num_inputs = [self.global_config.get("channels", 3)]`): a user
    may now set what was fixed."""
    olds, news = defaults(), defaults()
    return _same_once_rewritten(before, after, olds, news) and news.reads > olds.reads


def _element_taken_where_several(statement: ast.stmt) -> bool:
    """`if isinstance(tokens, tuple): tokens = tokens[0]`: where a call now returns several
    values (a newer `mistral_common` hands back text tokens, image tokens and spans), the one
    the code used is taken out."""
    if not (isinstance(statement, ast.If) and not statement.orelse and len(statement.body) == 1):
        return False
    test, (assignment,) = statement.test, statement.body
    if not (_tests_a_type(test) and isinstance(name := test.args[0], ast.Name)
            and {dotted_path(kind) for kind in _elements(test.args[1])} <= {"tuple", "list"}):
        return False
    return isinstance(assignment, ast.Assign) and len(assignment.targets) == 1 \
        and isinstance(target := assignment.targets[0], ast.Name) and target.id == name.id \
        and isinstance(value := assignment.value, ast.Subscript) and isinstance(value.value, ast.Name) \
        and value.value.id == name.id and isinstance(value.slice, ast.Constant)


def _all_values_unpacked(before: _Touched, after: _Touched) -> bool:
    """`connectivities = fuzzy_simplicial_set(...)`, then `if isinstance(connectivities, tuple):
    connectivities = connectivities[0]`, became `connectivities, _sigmas, _rhos =
    fuzzy_simplicial_set(...)`: the callee returns several values in every version now taken."""
    if len(before) != 2 or len(after) != 1 or not _element_taken_where_several(before[1][0]):
        return False
    (was, _), (now, _) = before[0], after[0]
    return isinstance(was, ast.Assign) and isinstance(now, ast.Assign) and isinstance(was.value, ast.Call) \
        and len(was.targets) == len(now.targets) == 1 and isinstance(name := was.targets[0], ast.Name) \
        and isinstance(unpacked := now.targets[0], ast.Tuple) and bool(unpacked.elts) \
        and isinstance(first := unpacked.elts[0], ast.Name) and first.id == name.id \
        and ast.dump(was.value) == ast.dump(now.value)


def _elements(node: ast.expr) -> list[ast.expr]:
    return list(node.elts) if isinstance(node, ast.Tuple) else [node]


class _OptionDefaults(ast.NodeTransformer):
    """Writes an option looked up with a constant default (`cfg.get("channels", 3)`) as the
    default, counting them."""

    def __init__(self) -> None:
        self.reads = 0

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if len(node.args) == 2 and _looks_up_option(node):
            self.reads += 1
            return node.args[1]
        return node


def _environment_defaults_changed(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for the defaults of the environment variables it
    reads (`os.getenv("XLA_REGISTER_INSTALLED_PLUGINS") == "1"` became `os.getenv(
    "XLA_REGISTER_INSTALLED_PLUGINS", "0" if _XLAC._has_cuda_support() else "1") == "1"`): what
    applies where the user sets nothing changed."""
    olds, news = _EnvironmentDefaultsLeftOut(), _EnvironmentDefaultsLeftOut()
    return _same_once_rewritten(before, after, olds, news) and olds.defaults != news.defaults


class _EnvironmentDefaultsLeftOut(ast.NodeTransformer):
    """Takes the default out of `os.environ.get(name, default)` and `os.getenv(name, default)`,
    keeping what each was (None where there was none)."""

    def __init__(self) -> None:
        self.defaults: list[str | None] = []

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if dotted_path(node.func) in _ENVIRONMENT_GETTERS and len(node.args) in (1, 2) and not node.keywords:
            self.defaults.append(ast.dump(node.args[1]) if len(node.args) == 2 else None)
            node.args = node.args[:1]
        return node


class _EnvironmentDefaults(ast.NodeTransformer):
    """Writes `os.environ.get(name, default)` and `os.getenv(name, default)`, the default a
    constant, as the default, counting them; the same read converted to the default's type
    (`int(os.environ.get("EXL3_MOE_CPU_OFFLOAD", 0))`) too; and variables read in turn, falling
    back on a value (`os.getenv("SSL_CERT_FILE") or certifi.where()`), as that value."""

    def __init__(self) -> None:
        self.reads = 0
        self._defaults: set[int] = set()

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        *reads, fallback = node.values
        if isinstance(node.op, ast.Or) and all(_reads_environment(value) for value in reads):
            self.reads += len(reads)
            return fallback
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if dotted_path(node.func) in _ENVIRONMENT_GETTERS \
                and len(node.args) == 2 and not node.keywords and isinstance(node.args[1], ast.Constant):
            self.reads += 1
            self._defaults.add(id(node.args[1]))
            return node.args[1]
        if dotted_path(node.func) in _OPTION_VALUE_CONVERSIONS and len(node.args) == 1 and not node.keywords \
                and id(node.args[0]) in self._defaults:
            return node.args[0]
        return node


def _is_setting(key: ast.expr, value: ast.expr) -> bool:
    """A string key mapped to a number, a bool or None, to a dict display of such settings
    (`"size": {"height": 336, "width": 336}`), or an environment variable's name mapped to a
    string (`"RAY_EXPERIMENTAL_NOSET_HIP_VISIBLE_DEVICES": "1"`)."""
    value = _unsigned(value)
    if (text := key_text(key)) is None:
        return False
    if isinstance(value, ast.Dict):
        return bool(value.keys) and all(
            inner is not None and _is_setting(inner, setting)
            for inner, setting in zip(value.keys, value.values, strict=True))
    if not isinstance(value, ast.Constant):
        return False
    return not isinstance(value.value, str | bytes) \
        or (isinstance(value.value, str) and bool(_ENVIRONMENT_NAME.match(text)))


def _module_version_names(table: ModuleSymbols) -> frozenset[str]:
    """The names a module binds at its top level from a version (`_TRANSFORMERS_V5 =
    int(transformers.__version__.split(".")[0]) >= 5`)."""
    assert table.tree is not None
    return frozenset(_version_names(table.tree.body))


def _without_version_bindings(touched: _Touched, versions: frozenset[str]) -> _Touched:
    """The touched statements but those that bind versions: names the module keeps them in, or
    any name given a version as parsed (`current = version.parse(torch.__version__)`)."""
    return [(statement, kernel) for statement, kernel in touched
            if not (assigned := assigned_names(statement))
            or not (assigned <= versions or _parses_a_version(statement))]


def _parses_a_version(statement: ast.stmt) -> bool:
    """`current = version.parse(torch.__version__)`, `last = Version("2.2.2")`: a name bound to
    a version itself, not to a value chosen by one."""
    return isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) \
        and short_name(dotted_path(statement.value.func)) in _VERSION_PARSERS


def _parsed_versions(touched: _Touched) -> frozenset[str]:
    return frozenset(name for statement, _ in touched if _parses_a_version(statement)
                     for name in assigned_names(statement))


def _tests_a_version(test: ast.expr, versions: frozenset[str]) -> bool:
    return bool(VERSION_PREDICATE.search(ast.unparse(test)) or referenced_names(test) & versions)


def _is_version_check(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.If | ast.Assert) \
        and bool(VERSION_PREDICATE.search(ast.unparse(statement.test)))


def _binds_a_version(statement: ast.stmt) -> bool:
    """A name bound to what reads or parses a version, or to a release's number as text
    (`__pandas_version__ = "2.0"`)."""
    return isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None \
        and (bool(VERSION_PREDICATE.search(ast.unparse(statement.value)))
             or ((text := key_text(statement.value)) is not None
                 and _VERSION_TEXT.fullmatch(text) is not None))


def _only_checks_versions(statement: ast.stmt) -> bool:
    """A function whose body, docstring aside, only checks versions (a `__post_init__` that
    refuses an old PyTorch)."""
    if not isinstance(statement, ast.FunctionDef):
        return False
    body = without_docstrings(statement.body)
    return bool(body) and all(_is_version_check(s) for s in body)


def _imports_to_check_versions(statement: ast.stmt) -> bool:
    """A `try` that imports a package only to check its version, doing nothing or raising
    when it is missing."""
    return isinstance(statement, ast.Try) and any(_is_version_check(s) for s in statement.body) \
        and all(isinstance(s, ast.Import | ast.ImportFrom) or _is_version_check(s) for s in statement.body) \
        and all(isinstance(s, ast.Pass | ast.Raise) for h in statement.handlers for s in h.body) \
        and not statement.orelse and not statement.finalbody


def _only_overrides(table: ModuleSymbols, lines: set[int],
                    overrides: Callable[[ast.FunctionDef | ast.AsyncFunctionDef], bool]) -> bool:
    """The added lines make up methods, decorators included, that `overrides` accepts."""
    assert table.tree is not None
    covered: set[int] = set()
    for node in ast.walk(table.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            span = set(range(min([node.lineno, *(d.lineno for d in node.decorator_list)]),
                             (node.end_lineno or node.lineno) + 1))
            if span & lines:
                if node.lineno not in lines or not overrides(node):
                    return False
                covered |= span
    return bool(covered) and lines <= covered


def _defaults_then_forwards(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A method that gives keywords it takes in `**kwargs` a default and passes them on to the
    same method of its base class (`torch_dtype = kwargs.pop("torch_dtype", torch.bfloat16)`,
    then `return super().from_pretrained(path, *model_args, torch_dtype=torch_dtype,
    **kwargs)`), maybe saying that it does: it changes what callers get by default."""
    if function.args.kwarg is None:
        return False
    options = function.args.kwarg.arg
    body = [s for s in without_docstrings(function.body) if not _only_says(s)]
    if len(body) < 2 or not isinstance(body[-1], ast.Return) \
            or not isinstance(call := body[-1].value, ast.Call) \
            or not (isinstance(call.func, ast.Attribute) and call.func.attr == function.name
                    and isinstance(call.func.value, ast.Call)
                    and dotted_path(call.func.value.func) == "super"):
        return False
    passed = {(k.arg, k.value.id) for k in call.keywords if k.arg and isinstance(k.value, ast.Name)}
    for statement in body[:-1]:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(target := statement.targets[0], ast.Name) \
                and (key := _defaulted_key(statement.value, options, "pop")) is not None:
            if (key, target.id) not in passed:
                return False
        elif not (isinstance(statement, ast.Expr) and _defaulted_key(statement.value, options, "setdefault")):
            return False
    return True


def _defaulted_key(value: ast.expr, options: str, method: str) -> str | None:
    """The key of `kwargs.pop("key", default)` or `kwargs.setdefault("key", default)`."""
    if isinstance(value, ast.Call) and dotted_path(value.func) == f"{options}.{method}" \
            and len(value.args) == 2 and isinstance(key := value.args[0], ast.Constant) \
            and isinstance(key.value, str):
        return key.value
    return None


def _only_says(statement: ast.stmt) -> bool:
    """A message, or an `if` that only says something."""
    return is_message(statement) or (isinstance(statement, ast.If) and not statement.orelse
                                     and all(is_message(inner) for inner in statement.body))


def same_method_call(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[ast.Call, ast.expr] | None:
    """The call that is a method's whole body, maybe returned, when it calls the method of the
    same name on another object (`super().compute_loss(...)`, `Base.compute_loss(self, ...)`),
    with that object."""
    body = without_docstrings(function.body)
    if len(body) != 1 or not isinstance(body[0], ast.Return | ast.Expr) \
            or not isinstance(call := body[0].value, ast.Call) \
            or not (isinstance(call.func, ast.Attribute) and call.func.attr == function.name):
        return None
    return call, call.func.value


def is_super(node: ast.expr) -> bool:
    """`super()`, or `super(Class, self)`."""
    return isinstance(node, ast.Call) and dotted_path(node.func) == "super"


def _forwards_to_base(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A method that takes variadics and only passes what it takes on to the same method of a
    base class (`def compute_loss(self, model, inputs, *args, **kwargs): return
    super().compute_loss(model, inputs, *args, **kwargs)`): it changes nothing but the
    signature that a caller, which inspects it, sees."""
    arguments = function.args
    if (arguments.vararg is None and arguments.kwarg is None) \
            or (found := same_method_call(function)) is None:
        return False
    call, base = found
    by_super = is_super(base)
    by_class = isinstance(base, ast.Name) and bool(call.args) and dotted_path(call.args[0]) == "self"
    taken = [a.arg for a in arguments.posonlyargs + arguments.args][0 if by_class else 1:]
    passed = [a.value if isinstance(a, ast.Starred) else a for a in call.args] \
        + [k.value for k in call.keywords]
    declared = {*taken, *(a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None),
                *(a.arg for a in arguments.kwonlyargs)}
    return (by_super or by_class) and all(isinstance(value, ast.Name) and value.id in declared
                                          for value in passed) \
        and {value.id for value in passed if isinstance(value, ast.Name)} == declared


def _may_patch(sides: ParsedSides, lines: set[int]) -> bool:
    """How a patch looks in the text: an added line that sets an attribute of an imported name,
    or registers something with one."""
    assert sides.new is not None
    imported = sides.new.imported_names
    return any(((match := _SETS_ATTRIBUTE.match(line := sides.new_text_lines[number - 1])) is not None
               and match[1] in imported) or "setattr(" in line or ".register" in line for number in lines)


def _patches_dependencies(added: _Touched, new: ModuleSymbols, guards: GuardRules, package: str) -> bool:
    """The added statements only patch imported modules, and one of them sets an attribute of
    one from outside the project's own `package` (setting `global_var.PLATFORM` of its own
    module of globals patches nothing); a module-level function they call counts as patching
    when its body does only that."""
    assert new.tree is not None
    imported = new.imported_names
    dependencies = {name for statement in new.imports if not imports_own_package(statement, package)
                    for name in statement.names}
    statements = [statement for statement, _ in added]
    called = {dotted_path(node.value.func) for s in statements for node in ast.walk(s)
              if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)}
    patchers = {node.name for node in new.tree.body if isinstance(node, ast.FunctionDef)
                and node.name in called and (_patch_statements(node.body, imported, set(), guards)
                                             or _patches_what_it_imports(node, imported))}
    return _patch_statements(statements, imported, patchers, guards) and any(
        _sets_imported_attribute(node, dependencies) for s in statements for node in ast.walk(s))


def imports_own_package(statement: ImportStatement, package: str) -> bool:
    """An import of the project's own `package`, relative or by its name."""
    return statement.module.startswith(".") or statement.module.split(".", 1)[0] == package


def top_package(path: str) -> str:
    """The package a file of the project belongs to: its first folder, a folder that holds the
    Python packages of a project of several languages passed over (`src/`, and `python/` as in
    `python/sglang/srt/...` or `python/torchair/...`)."""
    parts = path.split("/")
    return parts[1] if parts[0] in _PACKAGE_ROOTS and len(parts) > 2 else parts[0]


_PACKAGE_ROOTS = frozenset({"src", "python"})


def _patch_statements(body: list[ast.stmt], imported: set[str], patchers: set[str],
                      guards: GuardRules) -> bool:
    """Each statement imports, sets an attribute of an imported module, binds a version or a
    constant, is a docstring, calls a patching function, or is an `if` testing a version, a platform, an
    availability or whether an imported module has an attribute, a `try` giving up quietly,
    or a function without parameters, holding only such statements. A function that takes the
    place of an imported module's attribute, whose old value a name keeps, is part of the patch
    with that name (`_original = importlib.metadata.distributions`, `def _patched(): ...`,
    `importlib.metadata.distributions = _patched`): it wraps what was there. One set where the
    module had nothing (`Tensor.logsumexp = ...`) adds to what it offers."""
    kept = {dotted_path(node.value) for node in body if _keeps_imported_attribute(node, imported)}
    replacements = {node.value.id for node in body if isinstance(node, ast.Assign)
                    and isinstance(node.value, ast.Name) and _sets_imported_attribute(node, imported)
                    and all(dotted_path(target) in kept for target in node.targets)}
    return all(_is_patch_statement(node, imported, patchers, guards)
               or (isinstance(node, ast.FunctionDef) and node.name in replacements)
               or (bool(replacements) and _keeps_imported_attribute(node, imported)) for node in body)


def _keeps_imported_attribute(node: ast.stmt, imported: set[str]) -> bool:
    """`_original = importlib.metadata.distributions`: a name bound to an imported module's attribute."""
    return isinstance(node, ast.Assign) and all(isinstance(target, ast.Name) for target in node.targets) \
        and isinstance(node.value, ast.Attribute) and dotted_path(node.value).split(".", 1)[0] in imported


def _is_patch_statement(node: ast.stmt, imported: set[str], patchers: set[str],
                        guards: GuardRules) -> bool:
    if isinstance(node, ast.Import | ast.ImportFrom | ast.Pass) or _sets_imported_attribute(node, imported):
        return True
    if isinstance(node, ast.Expr):
        value = node.value
        return isinstance(value, ast.Constant) or _sets_imported_attribute(value, imported) \
            or (isinstance(value, ast.Call) and dotted_path(value.func) in patchers)
    if isinstance(node, ast.Assign | ast.AnnAssign):
        return _binds_a_version(node) or isinstance(node.value, ast.Constant)
    if isinstance(node, ast.If):
        return (_is_guard_test(ast.unparse(node.test), guards) or _probes_imported(node.test, imported)) \
            and _patch_statements(node.body + node.orelse, imported, patchers, guards)
    if isinstance(node, ast.Try):
        return _gives_up_quietly(node) and not node.finalbody \
            and _patch_statements(node.body + node.orelse, imported, patchers, guards)
    if isinstance(node, ast.FunctionDef):
        return not node.args.args and (_patch_statements(node.body, imported, patchers, guards)
                                       or _patches_what_it_imports(node, imported))
    return False


def _patches_what_it_imports(function: ast.FunctionDef, module_imports: set[str]) -> bool:
    """A function that tries to import a package itself, giving up quietly when it cannot,
    sets attributes of it, or of a module the module imports, and returns nothing (`try:
    import torch ... torch._check_is_size = _check_is_size except Exception: return`; `try:
    from torch_npu.utils import patch_getenv except Exception: return ... os.getenv = ...`):
    a patch that keeps away when the package is missing."""
    own = list(own_nodes(function))
    imported = {(alias.asname or alias.name).split(".", 1)[0] for node in own
                if isinstance(node, ast.Try) and _gives_up_quietly(node)
                for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)
                for alias in inner.names}
    returns = any(isinstance(node, ast.Return) and node.value is not None for node in own)
    return bool(imported) and not returns \
        and any(_sets_imported_attribute(node, imported | module_imports) for node in own)


def _layout_probed(before: _Touched, after: _Touched, new: ModuleSymbols) -> bool:
    """The touched statements are now `if`s that probe an object, not a module, for an
    attribute, each keeping old statements unchanged under its `else` (`if hasattr(cache,
    "layers"): ... else: cache.key_cache[idx] = ...`), under its body where its `else`
    reads the object otherwise (`if hasattr(cfg, "hf_config"): <old> else: ... =
    cfg.model_type`), or under its body alone where they read the attribute it probes (`if
    hasattr(self.worker, "cache_engine") and self.worker.cache_engine is not None: <old>`):
    the code follows a new layout of the data it is given and still reads the old one, or
    stands objects without the attribute; or an `if` whose test now probes first for the
    attribute it reads (`if cfg.quantization_config is not None:` became `if hasattr(cfg,
    "quantization_config") and cfg.quantization_config is not None:`). An imported class or
    module probed so (`if hasattr(Pooler, "from_config_with_defaults"): <old> else: ... =
    Pooler.for_embed(...)`) is an API that only some versions of a dependency have; probed
    without a branch for the other versions, it is what a patch checks."""
    imported = new.imported_names
    probes = [(statement, probe) for statement, _ in after if isinstance(statement, ast.If)
              and (probe := _probe_in(statement.test)) is not None]
    if not probes or not before or len(probes) != len(after):
        return False
    on_objects = not any(_probes_imported(probe, imported) for _, probe in probes)
    if on_objects and len(before) == len(after) and all(
            _probed_first(was, now, probe) for (was, _), (now, probe) in zip(before, probes, strict=True)):
        return True
    old = [ast.dump(s) for s, _ in before]
    kept_in_body = old == [ast.dump(s) for statement, _ in probes for s in statement.body]
    return old == [ast.dump(s) for statement, _ in probes for s in statement.orelse] \
        or (kept_in_body and all(_reads_probed(statement.orelse, probe, attribute_only=False)
                                 for statement, probe in probes)) \
        or (on_objects and kept_in_body and all(not statement.orelse
                                                and _reads_probed(statement.body, probe, attribute_only=True)
                                                for statement, probe in probes))


def _rank_probed(before: _Touched, after: _Touched) -> bool:
    """The touched statements are now `if`s that test a tensor's rank, or a flag set to a
    constant beside them and tested by a later `if`, and every old statement is kept,
    unchanged, in one of their branches: code that reads data of either rank."""
    flags = {target.id for statement, _ in after for node in ast.walk(statement)
             if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
             and isinstance(node.value.value, bool)
             for target in node.targets if isinstance(target, ast.Name)}
    tests = [statement for statement, _ in after if isinstance(statement, ast.If)]
    if not before or not any(_tests_rank(statement.test) for statement in tests) \
            or not all(s in tests or _sets_flag(s, flags) for s, _ in after) \
            or not all(_tests_rank(s.test) or _tests_flag(s.test, flags) for s in tests):
        return False
    kept = Counter(ast.dump(s) for statement in tests for s in (*statement.body, *statement.orelse)
                   if not _sets_flag(s, flags))
    return not Counter(ast.dump(s) for s, _ in before) - kept


def _key_read_where_present(before: _Touched, after: _Touched) -> bool:
    """The old statements, which read a key of a mapping (`self.optimizer_step =
    save_dict["optimizer_step"]`), now run only where the mapping holds the key, kept as they
    were under an `if` that tests for it, whose other branch does without it: data an older
    version wrote, without the key, still loads."""
    if len(after) != 1 or not isinstance(branch := after[0][0], ast.If) or not before \
            or not isinstance(test := branch.test, ast.Compare) or len(test.ops) != 1 \
            or not isinstance(test.ops[0], ast.In | ast.NotIn) or not _is_key(test.left):
        return False
    kept, other = (branch.orelse, branch.body) if isinstance(test.ops[0], ast.NotIn) \
        else (branch.body, branch.orelse)
    container, key = ast.dump(test.comparators[0]), ast.dump(test.left)
    reads = any(isinstance(node, ast.Subscript) and ast.dump(node.value) == container
                and ast.dump(node.slice) == key for statement, _ in before for node in ast.walk(statement))
    return bool(other) and reads and [ast.dump(s) for s, _ in before] == [ast.dump(s) for s in kept]


def _read_under_either_name(after: _Touched) -> bool:
    """An `if` the change wrote reads a field of an object under the name it tests the object
    for (`if "accents" in row: accents = row.accents`) and under another in its `else`
    (`accents = row.accent`), both branches binding the same names, which each other statement
    it touched reads (`custom={"accents": accents}`): data named as either version of its
    schema names it still loads."""
    branches = [statement for statement, _ in after if isinstance(statement, ast.If)]
    if len(branches) != 1 or not (branch := branches[0]).orelse \
            or (probe := _name_probed(branch.test)) is None:
        return False
    container, name, present = probe
    with_name, without = (branch.body, branch.orelse) if present else (branch.orelse, branch.body)
    bound = {name for statement in with_name for name in assigned_names(statement)}
    return bound == {name for statement in without for name in assigned_names(statement)} \
        and bool(bound) and name in _fields_of(with_name, container) \
        and bool(_fields_of(without, container) - {name}) \
        and all(bound & referenced_names(statement) for statement, _ in after if statement is not branch)


def _name_probed(test: ast.expr) -> tuple[str, str, bool] | None:
    """The object, as dumped, and the name that `"name" in obj`, `"name" not in obj` or
    `hasattr(obj, "name")` tests it for, and whether the test passes where the object has it."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In | ast.NotIn) \
            and (name := key_text(test.left)) is not None:
        return ast.dump(test.comparators[0]), name, isinstance(test.ops[0], ast.In)
    if _probes_attribute(test) and (name := key_text(test.args[1])) is not None:
        return ast.dump(test.args[0]), name, True
    return None


def _fields_of(block: list[ast.stmt], container: str) -> set[str]:
    """The names the block reads of the object, as attributes (`row.accent`) or keys
    (`row["accent"]`)."""
    return {read for statement in block for node in ast.walk(statement)
            if (read := node.attr if isinstance(node, ast.Attribute) and ast.dump(node.value) == container
                else key_text(node.slice) if isinstance(node, ast.Subscript)
                and ast.dump(node.value) == container else None) is not None}


def _tests_rank(test: ast.expr) -> bool:
    """`x.dim() == 3`, `x.ndim != 2`, `len(x.shape) == 4`: a tensor's rank against a number."""
    if not (isinstance(test, ast.Compare) and len(test.comparators) == 1
            and isinstance(test.comparators[0], ast.Constant) and isinstance(test.comparators[0].value, int)):
        return False
    left = test.left
    if isinstance(left, ast.Call) and isinstance(left.func, ast.Attribute):
        return not left.args and left.func.attr in ("dim", "ndimension")
    if isinstance(left, ast.Call) and isinstance(left.func, ast.Name):
        return left.func.id == "len" and len(left.args) == 1 \
            and isinstance(left.args[0], ast.Attribute) and left.args[0].attr == "shape"
    return isinstance(left, ast.Attribute) and left.attr == "ndim"


def _tests_flag(test: ast.expr, flags: set[str]) -> bool:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    return isinstance(test, ast.Name) and test.id in flags


def _sets_flag(statement: ast.stmt, flags: set[str]) -> bool:
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id in flags \
        and isinstance(statement.value, ast.Constant)


def _api_probed(added: _Touched) -> bool:
    """The statements added bind a name to an attribute an object may lack (`unstack =
    getattr(mapper, "get_unstacked_mapper", None)`) and call it only where it is there (`if
    callable(unstack): mapper = unstack()`): code that uses an API only some versions of the
    object have."""
    if len(added) != 2:
        return False
    (bind, _), (test, _) = added
    if not isinstance(bind, ast.Assign) or not isinstance(test, ast.If) or len(bind.targets) != 1 \
            or not isinstance(target := bind.targets[0], ast.Name) or not _reads_maybe_missing(bind.value):
        return False
    tested = any(isinstance(node, ast.Name) and node.id == target.id for node in ast.walk(test.test))
    called = {node.func.id for statement in test.body for node in ast.walk(statement)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    return tested and target.id in called


def _converted_where_it_can_be(added: _Touched) -> bool:
    """Each added statement converts a value in place by a method only some of the objects it
    may be have (`if hasattr(tensors, "to_tuple"): tensors = tensors.to_tuple()`, a
    `ModelOutput` of transformers 4 made the tuple version 3 returned): data of another shape."""
    for statement, _ in added:
        if not isinstance(statement, ast.If) or statement.orelse \
                or not _probes_attribute(test := statement.test):
            return False
        value, attribute = ast.unparse(test.args[0]), key_text(test.args[1])
        if not all(isinstance(inner, ast.Assign) and len(inner.targets) == 1
                   and ast.unparse(inner.targets[0]) == value
                   and isinstance(call := inner.value, ast.Call) and isinstance(call.func, ast.Attribute)
                   and call.func.attr == attribute and ast.unparse(call.func.value) == value
                   for inner in statement.body):
            return False
    return bool(added)


def _converted_unless_of_type(added: _Touched) -> bool:
    """Each added statement makes a value the type the code reads where it is of another
    (`if not isinstance(rt_mat, torch.Tensor): rt_mat = arr.new_tensor(rt_mat)`): the code
    takes data of another type than before."""
    for statement, _ in added:
        if not isinstance(statement, ast.If) or statement.orelse \
                or not isinstance(test := statement.test, ast.UnaryOp) or not isinstance(test.op, ast.Not) \
                or not _tests_a_type(test.operand) \
                or not isinstance(value := test.operand.args[0], ast.Name):
            return False
        if not all(isinstance(inner, ast.Assign) and len(inner.targets) == 1
                   and isinstance(target := inner.targets[0], ast.Name) and target.id == value.id
                   and value.id in referenced_names(inner.value)
                   for inner in statement.body):
            return False
    return bool(added)


def _type_case_put_first(added: _Touched, new_lines: set[int]) -> bool:
    """The change adds a branch for values of a type, put before what the code did, which it
    keeps as the branch's `else` (`elif isinstance(obj, tuple) and hasattr(obj, "_fields"):
    return obj.__class__(*moved)` before `elif isinstance(obj, tuple):`): data of another
    shape handled."""
    if len(added) != 1 or not isinstance(branch := added[0][0], ast.If) or not branch.orelse \
            or branch.lineno not in new_lines:
        return False
    tests = branch.test.values if isinstance(branch.test, ast.BoolOp) else [branch.test]
    kept = {line for statement in branch.orelse for line in node_lines(statement)}
    return any(_tests_a_type(test) for test in tests) and not new_lines & kept


def _reads_maybe_missing(value: ast.expr) -> bool:
    """`getattr(obj, "name", None)`."""
    return isinstance(value, ast.Call) and dotted_path(value.func) == "getattr" and len(value.args) == 3 \
        and isinstance(value.args[2], ast.Constant) and value.args[2].value is None


def _probed_first(was: ast.stmt, now: ast.If, probe: ast.Call) -> bool:
    """`now` is the `if` `was` with its test put after the probe, which the test reads."""
    same_blocks = isinstance(was, ast.If) and [ast.dump(s) for s in (*was.body, *was.orelse)] \
        == [ast.dump(s) for s in (*now.body, *now.orelse)]
    if not same_blocks or not isinstance(now.test, ast.BoolOp):
        return False
    rest = now.test.values[1:]
    test = rest[0] if len(rest) == 1 else ast.BoolOp(op=ast.And(), values=rest)
    return ast.dump(test) == ast.dump(was.test) \
        and _reads_probed([ast.Expr(value=test)], probe, attribute_only=True)


def _probe_in(test: ast.expr) -> ast.Call | None:
    """The `hasattr(obj, "name")` a test makes, alone or first of an `and`; a test that
    `getattr(obj, "name", None) is not None` makes it too."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        test = test.values[0]
    if isinstance(looked_up := tested_not_none(test), ast.Call) \
            and dotted_path(looked_up.func) == "getattr" and len(looked_up.args) == 3 \
            and is_none(looked_up.args[2]):
        test = ast.Call(func=ast.Name(id="hasattr", ctx=ast.Load()), args=looked_up.args[:2], keywords=[])
    return test if isinstance(test, ast.Call) and _probes_attribute(test) else None


def _reads_probed(block: list[ast.stmt], probe: ast.Call, attribute_only: bool) -> bool:
    """The block reads an attribute of the probed object; with `attribute_only`, the one probed."""
    probed, name = ast.dump(probe.args[0]), probe.args[1]
    assert isinstance(name, ast.Constant)
    return any(isinstance(node, ast.Attribute) and ast.dump(node.value) == probed
               and (not attribute_only or node.attr == name.value)
               for statement in block for node in ast.walk(statement))


def _probes_attribute(test: ast.expr) -> TypeGuard[ast.Call]:
    """`hasattr(obj, "name")`."""
    return isinstance(test, ast.Call) and dotted_path(test.func) == "hasattr" and len(test.args) == 2 \
        and _is_key(test.args[1])


def _probes_imported(test: ast.expr, imported: set[str]) -> bool:
    """`hasattr(torch.nested.nested_tensor, "__wrapped__")`: whether an imported module has
    what a patch changes (or has not: a patch applied once, `if not hasattr(m, "_patched")`)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    return isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "hasattr" \
        and bool(test.args) and dotted_path(test.args[0]).split(".", 1)[0] in imported


def _gives_up_quietly(node: ast.Try) -> bool:
    """The `try` catches a failure and does nothing more (a `try`/`finally` catches none)."""
    return bool(node.handlers) and all(
        isinstance(s, ast.Pass) or (isinstance(s, ast.Return) and s.value is None)
        for handler in node.handlers for s in handler.body)


def own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of a function's body, those of the functions and classes it defines left out."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))


def _sets_imported_attribute(node: ast.AST, imported: set[str]) -> bool:
    """An assignment to attributes of imported names, `setattr` of one, or a call registering
    names or constants with something imported from outside the standard library
    (`transformers.AutoModelForCausalLM.register(LlamaConfig, GaudiLlamaForCausalLM,
    exist_ok=True)`, not `atexit.register(cleanup)`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
        return bool(node.args) and dotted_path(node.args[0]).split(".", 1)[0] in imported
    if isinstance(node, ast.Call) and _REGISTERS.search(path := dotted_path(node.func)):
        root = path.split(".", 1)[0]
        return root in imported and not is_stdlib_module(root) and all(
            isinstance(value, ast.Constant) or dotted_path(value)
            for value in [*node.args, *(keyword.value for keyword in node.keywords)])
    return isinstance(node, ast.Assign) and all(
        isinstance(target, ast.Attribute) and dotted_path(target).split(".", 1)[0] in imported
        and not _PROCESS_STATE.match(dotted_path(target)) for target in node.targets)


def _may_rename(sides: ParsedSides, old: ModuleSymbols, renamable: Callable[[str], bool]) -> bool:
    """How a rename looks in the text, checked before the old side's tree is read again: each
    hunk replaces its lines one for one, and each replaced line loses only words that may be
    renamed (for an imported module's API, words that start with an imported name:
    `cute.make_fragment`); imports, blank lines and comments may come and go beside them. A
    hunk that renames a function may also rename the keywords its calls pass (`adj_x=True`
    where `tf.batch_matmul` became `tf.matmul`) and lay its lines out anew. A message may lose
    the last name of a reference renamed anywhere in the file (`"PyData doesn't ..."` beside
    `sparse.BackendType.PyData`); docstrings may be reworded beside them."""
    new_imports = sides.new.import_lines if sides.new is not None else set()
    new_docstrings = sides.new.docstring_lines if sides.new is not None else LineSpans()
    old_code, new_code = sides.removed_code_lines, sides.added_code_lines
    hunks: list[tuple[bool, list[tuple[list[str], Counter[str]]]]] = []
    for hunk in sides.diff.hunks:
        removed = [n for n in hunk.removed if n in old_code and n not in old.import_lines
                   and n not in old.docstring_lines]
        added = [n for n in hunk.added if n in new_code and n not in new_imports and n not in new_docstrings]
        pairs = [([was], [now]) for was, now in zip(removed, added, strict=True)] \
            if len(added) == len(removed) else [(removed, added)]
        lost = []
        for was, now in pairs:
            old_texts = [sides.old_text_lines[n - 1] for n in was]
            lost.append((old_texts, _words_lost(old_texts, [sides.new_text_lines[n - 1] for n in now])))
        hunks.append((len(added) == len(removed), lost))
    tails = {word.rsplit(".", 1)[-1] for _, lost in hunks for _, words in lost for word in words
             if "." in word and renamable(word)}
    for one_for_one, lost in hunks:
        renames = keywords = False
        for old_texts, words in lost:
            for word in words:
                if renamable(word):
                    renames = True
                elif _passed_as_keyword(word, old_texts):
                    keywords = True
                elif word not in tails:
                    return False
        if (keywords or not one_for_one) and not renames:
            return False
    return True


def _words_lost(was: list[str], now: list[str]) -> Counter[str]:
    """The dotted references the old lines have and the new ones lack."""
    return Counter(word for line in was for word in DOTTED_REFERENCE.findall(line)) \
        - Counter(word for line in now for word in DOTTED_REFERENCE.findall(line))


def _passed_as_keyword(word: str, lines: list[str]) -> bool:
    """One of the lines spells `word=`, as a keyword a call is passed."""
    return any(re.search(rf"(?<![\w.]){re.escape(word)}\s*=(?!=)", line) for line in lines)


def _may_retarget(lost: Counter[str], imported: set[str]) -> bool:
    """How calls moved to other functions of an imported module look in the text: each word
    the removed lines have and the added ones lack names something of an imported module or
    is a built-in (the `list(...)` that a new function's result no longer needs)."""
    return bool(lost) and all(("." in word and word.split(".", 1)[0] in imported) or word in BUILTIN_NAMES
                              for word in lost)


def words_lost(sides: ParsedSides) -> Counter[str]:
    """The words and dotted references the removed lines have and the added ones lack."""
    return Counter(word for n in sides.removed_code_lines
                   for word in DOTTED_REFERENCE.findall(sides.old_text_lines[n - 1])) \
        - Counter(word for n in sides.added_code_lines
                  for word in DOTTED_REFERENCE.findall(sides.new_text_lines[n - 1]))


def _reached_through_inner(before: _Touched, after: _Touched, new_text: list[str]) -> bool:
    """Each touched statement is the same but for attribute paths that now pass through an
    inner object (`self.gate_up_proj.linear.weight` became
    `self.gate_up_proj.base_layer.linear.weight` once the layer was wrapped in an adapter;
    `config.hidden_size` became `config.text_config.hidden_size`), and the file reads none of
    the old paths any more: the object is laid out otherwise, and the code follows it."""
    lengthened: set[str] = set()

    def inner_reached(was: object, now: object) -> bool | None:
        if not (isinstance(was, ast.Attribute) and isinstance(now, ast.Attribute)):
            return None
        old_path, new_path = dotted_path(was), dotted_path(now)
        if not old_path or not new_path or old_path == new_path:
            return None
        if not _passes_through(old_path.split("."), new_path.split(".")):
            return False
        lengthened.add(old_path)
        return True

    return _each_same_but(before, after, inner_reached) \
        and bool(lengthened) and not any(
            re.search(rf"\b{re.escape(path)}\b(?!\.)", line) for path in lengthened for line in new_text)


def _passes_through(old: list[str], new: list[str]) -> bool:
    """`new` is `old` with segments put in between its first and its last, past a component of
    `self`: `self.dtype` read as `self.config.dtype` is the class's own bookkeeping."""
    added = len(new) - len(old)
    first = 2 if old[0] in _OWN_OBJECT else 1
    return added > 0 and any(
        new[:cut] == old[:cut] and new[cut + added:] == old[cut:] for cut in range(first, len(old)))


def _is_field(reference: str, imported: set[str]) -> bool:
    """`model_args.use_cache`: a field read from an object the code was given, not from
    itself or from a module."""
    root, dot, _ = reference.partition(".")
    return bool(dot) and root not in imported and root not in _OWN_OBJECT


def _is_kept_object_field(reference: str) -> bool:
    """`self.scheme.block_size`: a field of an object the code keeps."""
    root, _, rest = reference.partition(".")
    return root in _OWN_OBJECT and "." in rest


def _dropped_kept_field(reference: str, dropped: frozenset[str]) -> bool:
    """A field of an object the code keeps whose declaration the change removes."""
    return _is_kept_object_field(reference) and reference.rsplit(".", 1)[-1] in dropped


def _fields_renamed(before: _Touched, after: _Touched, imported: set[str], old_text: list[str],
                    new_text: list[str], dropped: frozenset[str]) -> bool:
    """Each touched statement is the same but for fields of objects the code is given renamed,
    each old name to one new one on the same object (`model_args.use_cache` became
    `model_args.use_kv_cache`), the file no longer reading the old name anywhere and never
    having read the new one: the data it is handed names the field otherwise now. Methods
    called are not fields (`logger.warning_once` became `logger.warning_rank0_once`), and a
    field the file read before may be the right one read at last. Fields of an object the
    code keeps count where the change no longer declares the old one (`dropped`:
    `self.scheme.block_size` became `self.scheme.head_dim`, and the scheme's class lost
    `block_size`); elsewhere the code may just read another one (`.weight` became `.bias`)."""
    if len(before) != len(after):
        return False
    renamed: dict[str, str] = {}
    if not all(_same_but_renamed(o, n, renamed) for (o, _), (n, _) in zip(before, after, strict=True)):
        return False
    called = {dotted_path(node.func) or _field_spelling(node.func) for statement, _ in before
              for node in ast.walk(statement) if isinstance(node, ast.Call)}
    stored = _names_stored(before), _names_stored(after)
    fields = [_field_renamed(was, now, imported, dropped, called) for was, now in renamed.items()
              if not _variable_renamed(was, now, stored)]
    named = [pair for pair in fields if pair is not None]
    if not named or len(named) < len(fields):
        return False
    return _fields_given_up({was for was, _ in named}, {now for _, now in named}, old_text, new_text,
                            dropped)


def _field_spelling(node: ast.expr) -> str:
    """A field of what an expression gives, spelled the same where it is read and where it is
    called: `(offset / half_l).tan` is `offset / half_l.tan` in both."""
    if isinstance(node, ast.Attribute):
        return f"{ast.unparse(node.value)}.{node.attr}"
    return ast.unparse(node)


def _variable_renamed(was: str, now: str, stored: tuple[set[str], set[str]]) -> bool:
    """`vector_table.shape` became `vectors.shape`, the statements binding `vectors` where they
    bound `vector_table`: a variable renamed, which works as it did."""
    (old_root, _, old_rest), (new_root, _, new_rest) = was.partition("."), now.partition(".")
    return old_root in stored[0] and new_root in stored[1] and old_rest == new_rest


def _names_stored(touched: _Touched) -> set[str]:
    """The plain names the statements bind: variables, which a rename leaves as they work."""
    return {node.id for statement, _ in touched for node in ast.walk(statement)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def _field_renamed(was: str, now: str, imported: set[str], dropped: frozenset[str],
                   called: set[str]) -> tuple[str, str] | None:
    """The old and new names of the field (not a method `called`) one reference renamed on the
    same object: its last field on an object the code is given (or keeps, where the change no
    longer declares the old field), or a field on the way made protected (`self.trainer.
    accelerator_connector.distributed_backend` became `self.trainer._accelerator_connector.
    distributed_backend`, as Lightning renamed the trainer's connector), or renamed on an
    object the code is handed, a field of what it holds read as before, not a method called
    (`trainer.train_loop.batch_idx` became `trainer.fit_loop.batch_idx`), or now reached through
    another field of the object (`bart.args` became `bart.cfg.model`, as fairseq moved a model's
    settings into its config)."""
    old_parts, new_parts = was.split("."), now.split(".")
    if old_parts[:-1] == new_parts[:-1] and was not in called and (
            (_is_field(was, imported) and _is_field(now, imported))
            or (_dropped_kept_field(was, dropped) and _is_kept_object_field(now))):
        return old_parts[-1], new_parts[-1]
    depth = len(old_parts)
    if len(new_parts) > depth and old_parts[:-1] == new_parts[:depth - 1] and was not in called \
            and now not in called and _is_field(was, imported):
        return old_parts[-1], new_parts[depth - 1]
    if len(old_parts) != len(new_parts):
        return None
    differ = [i for i, (o, n) in enumerate(zip(old_parts, new_parts, strict=True)) if o != n]
    first = 2 if old_parts[0] in _OWN_OBJECT else 1  # a field of what the object holds, not its own
    if len(differ) == 1 and differ[0] >= first \
            and ".".join(old_parts[:differ[0] + 1]) not in called and old_parts[0] not in imported \
            and (new_parts[differ[0]] == "_" + old_parts[differ[0]]
                 or (first == 1 and differ[0] < len(old_parts) - 1 and was not in called)):
        return old_parts[differ[0]], new_parts[differ[0]]
    return None


def _fields_given_up(old_fields: set[str], new_fields: set[str], old_text: list[str],
                     new_text: list[str], dropped: frozenset[str]) -> bool:
    """Each old field is read nowhere in the new text, and each new one nowhere in the old. The
    object's own attribute of the name is another field (`self.use_cache = config.use_cache`
    became `self.use_cache = config.use_kv_cache`). Where the change no longer declares any of
    the old fields (`dropped`), the new ones may be read before, of other objects: a class
    renamed its field to the name its kind uses (`LabelTensorizer.labels` became `vocab`, as
    other tensorizers' `tensorizers["tokens"].vocab` read all along)."""
    def reads(fields: set[str], text: list[str]) -> bool:
        return re.search(rf"(?<!\bself)(?<!\bcls)\.{one_of(fields)}\b", "\n".join(text)) is not None
    return not reads(old_fields, new_text) and (old_fields <= dropped or not reads(new_fields, old_text))


def _names_retargeted(before: _Touched, after: _Touched, old: ModuleSymbols,
                      new: ModuleSymbols) -> bool:
    """The touched statements are the same but for imported names that now refer to something
    else, as code following an upstream rename does. Not where each name is a plain one the
    module imported before and after, both: `DEVICE(device)` became `normalize_device(device)`
    chooses between two helpers it had all along. Nor where each is a constant of the standard
    library: `os.O_RDONLY` became `os.O_RDWR` picks another flag (its functions do change:
    `asyncio.get_event_loop()` gave way to `asyncio.get_running_loop()`). Nor where the module
    still reads every old name, none of them a function: `if FLAGS.quantize_type:` became `if
    FLAGS.quantize_weights:` beside a line that reads `FLAGS.quantize_type` as before, so both
    are there to choose from (`ct.c_int(n)` became `ct.c_int32(n)` beside `ct.c_int(blocksize)`
    converts what a library is passed otherwise). Nor where each trades one module of the
    standard library for another that does something else: `warnings.warn(...)` became
    `logging.debug(...)` (`imp.reload` as `importlib.reload` is the same function moved). Nor
    where each is a logger's call at another level: `logger.info(...)` became `logger.debug(...)`
    says less, and no library renamed a thing. A message may name the new name where it named
    the old one (`"PyData doesn't have lazy mode"` as `sparse.BackendType.PyData` became
    `sparse.BackendType.Numba`)."""
    if len(before) != len(after):
        return False
    renamed: dict[str, str] = {}
    respelled: list[tuple[str, str]] = []
    if not all(_same_but_renamed(o, n, renamed, respelled)
               for (o, _), (n, _) in zip(before, after, strict=True)) \
            or not all(respelled_alike(was, now, renamed) for was, now in respelled):
        return False
    imported_before = old.imported_names
    imported_after = new.imported_names
    standard, standard_after = _standard_names(old), _standard_names(new)
    return bool(renamed) and all(
        was.split(".", 1)[0] in imported_before and now.split(".", 1)[0] in imported_after
        for was, now in renamed.items()) and not all(
        "." not in was + now and now in imported_before and was in imported_after
        for was, now in renamed.items()) and not all(
        _standard_flag(was, standard) and _standard_flag(now, standard) for was, now in renamed.items()) \
        and not all(_other_standard_facility(was, now, standard, standard_after)
                    for was, now in renamed.items()) \
        and not all(_log_level_switched(was, now) for was, now in renamed.items()) \
        and not all(_still_read(old.text, new.text, was) for was in renamed)


def _standard_names(table: ModuleSymbols) -> set[str]:
    """The names the module's imports of the standard library bind."""
    return {name for statement in table.imports if is_stdlib_module(statement.module)
            for name in statement.names}


def _other_standard_facility(was: str, now: str, standard: set[str], standard_after: set[str]) -> bool:
    """`warnings.warn` became `logging.debug`: from one module of the standard library to
    another, under another name. Both are read through their modules; names imported alone
    (`List` became `Sequence`, `Path` became `pathlib.Path`) are left to the other tests."""
    (was_root, _, was_name), (now_root, _, now_name) = was.partition("."), now.partition(".")
    return bool(was_name and now_name) and was_root in standard and now_root in standard_after \
        and was_root != now_root and was.rpartition(".")[2] != now.rpartition(".")[2]


# The levels a logger logs at, `warn` being `warning`'s old spelling.
_LOG_LEVELS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal"})


def _log_level_switched(was: str, now: str) -> bool:
    """`logger.info` became `logger.debug`: the same logger, another level. Not `logger.warn`
    become `logger.warning`, the spelling a deprecation asks for."""
    (was_logger, _, was_level), (now_logger, _, now_level) = was.rpartition("."), now.rpartition(".")
    return bool(was_logger) and was_logger == now_logger and {was_level, now_level} <= _LOG_LEVELS \
        and {was_level, now_level} != {"warn", "warning"}


def _still_read(old: str, new: str, reference: str) -> bool:
    """The new text names the dotted reference (`FLAGS.quantize_type`), not as part of a
    longer one, and the old text never called it."""
    naming = rf"(?<![\w.]){re.escape(reference)}(?![\w])"
    return re.search(naming, new) is not None and re.search(naming + r"\s*\(", old) is None


def _standard_flag(reference: str, standard: set[str]) -> bool:
    """`os.O_RDWR`: a constant of a module of the standard library."""
    root, _, rest = reference.partition(".")
    return root in standard and rest.rpartition(".")[2].isupper()


def keys_read_renamed(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int], new_lines: set[int],
                      renamed: frozenset[tuple[str, str]]) -> bool:
    """The statements holding the changed lines are the same but for keys read under a new
    name, each pair of `renamed`: as a string (`cfg.get("parallelize_plan")` became
    `cfg.get("tensor_parallel_plan")`), an attribute or a name, or within one
    (`self.parallelize_plan` became `self.tensor_parallel_plan`), and for the words of messages
    about them; one key at least is read so."""
    if (pairs := touched_pairs(old, new, old_lines, new_lines)) is None:
        return False
    followed: list[str] = []

    def respelled(was: str, now: str) -> bool:
        if any(was.replace(key, anew) == now for key, anew in renamed if key in was):
            followed.append(now)
            return True
        return False

    def judge(was: object, now: object) -> bool | None:
        if isinstance(was, ast.Constant) and isinstance(now, ast.Constant) \
                and isinstance(was.value, str) and isinstance(now.value, str) and was.value != now.value:
            return ((was.value, now.value) in renamed and respelled(was.value, now.value)) \
                or (" " in was.value and " " in now.value)
        if isinstance(was, ast.Attribute) and isinstance(now, ast.Attribute) and was.attr != now.attr:
            return respelled(was.attr, now.attr) and _same_but(was.value, now.value, judge)
        if isinstance(was, ast.Name) and isinstance(now, ast.Name) and was.id != now.id:
            return respelled(was.id, now.id)
        return None
    return each_pair_same_but(pairs, judge) and bool(followed)


# Tensors' and arrays' methods that each compute one function of the values: one called in place
# of another (`.tan()` became `.atanh()`) computes something else, no interface followed.
_ELEMENTWISE_MATH = {
    "abs", "neg", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "square",
    "sin", "cos", "tan", "asin", "acos", "atan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
    "asinh", "acosh", "atanh", "arcsinh", "arccosh", "arctanh", "sigmoid", "relu", "gelu", "silu",
    "softplus", "erf", "erfc", "erfinv", "floor", "ceil", "round", "trunc", "frac", "sign", "reciprocal",
}


def methods_called_instead(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                           new_lines: set[int]) -> dict[str, set[str]]:
    """Each method the statements holding the changed lines called, with the one they call in
    its place (or those, one for each method the old one was told to act as: `srs.fillna(
    method="ffill")` and `srs.fillna(method="bfill")` became `srs.ffill()` and `srs.bfill()`),
    where those statements are the same but for such calls (`self.api.list_files_info(
    repo_id=r)` became `self.api.get_paths_info(repo_id=r)`; `opt._register_hooks(opt.module)`
    became `opt.setup_hooks()`, passing less; `trial.suggest_loguniform("lr", 1e-5, 1)` became
    `trial.suggest_float("lr", 1e-5, 1, log=True)`, passing all it did and constants besides,
    to do what the old one did; a Ray actor asked to run another method, given the same:
    `env.health_check.remote()` became `env._spinup.remote()`); empty otherwise. Not where a call
    passes what it did not (`B.repeat(1, 1, n, 1)` became `B.repeat_interleave(n, dim=2)` does
    another thing), nor in messages (`logger.warnning(...)` became `logger.warning(...)` mends a
    typo) but for a deprecated alias given up (`logger.warn(...)` became `logger.warning(...)`)."""
    pairs = touched_pairs(old, new, old_lines, new_lines)
    if pairs is None:
        return {}
    messages = any(is_message(statement) for pair in pairs for statement in pair)
    called: dict[str, set[str]] = {}

    def judge(was: object, now: object) -> bool | None:
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) \
                and (was_method := _actor_method(was)) is not None \
                and (now_method := _actor_method(now)) is not None \
                and was_method.attr != now_method.attr:
            if _given(was) != _given(now) or not _same_but(was_method.value, now_method.value, judge):
                return False
            called.setdefault(was_method.attr, set()).add(now_method.attr)
            return len(called[was_method.attr]) == 1
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) and _reached_publicly(was, now):
            assert isinstance(was.func, ast.Attribute)
            called.setdefault(was.func.attr, set()).add(was.func.attr)
            return True
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) and isinstance(was.func, ast.Attribute) \
                and isinstance(now.func, ast.Attribute) and was.func.attr != now.func.attr:
            if messages and DEPRECATED_ALIASES.get(was.func.attr) != now.func.attr:
                return False
            if {was.func.attr, now.func.attr} <= _ELEMENTWISE_MATH:
                return False
            passed = {ast.dump(node) for node in (*was.args, *was.keywords)}
            if not (all(ast.dump(node) in passed for node in (*now.args, *now.keywords))
                    or _passes_all_and_constants(was, now)) \
                    or not _same_but(was.func.value, now.func.value, judge):
                return False
            instead = called.setdefault(was.func.attr, {now.func.attr})
            if now.func.attr not in instead and not _told_to_act_as(was, now.func.attr):
                return False
            instead.add(now.func.attr)
            return True
        return None
    return called if each_pair_same_but(pairs, judge) else {}


# Standard-library methods kept as deprecated aliases of others, and since removed:
# `Logger.warn` (Python 3.13), unittest's `assertEquals` and its kin (Python 3.12).
DEPRECATED_ALIASES = {
    "warn": "warning", "assertEquals": "assertEqual", "assertNotEquals": "assertNotEqual",
    "assertRegexpMatches": "assertRegex", "assertRaisesRegexp": "assertRaisesRegex",
    "assertAlmostEquals": "assertAlmostEqual", "assertNotAlmostEquals": "assertNotAlmostEqual",
    "failUnless": "assertTrue", "failIf": "assertFalse", "assert_": "assertTrue",
}


def _reached_publicly(was: ast.Call, now: ast.Call) -> bool:
    """The same method, given the same, of the same object reached through public attributes
    where a private one led to it (`chunk[col]._column.nvstrings.htoi()` became
    `chunk[col].str.htoi()`): the library's public way to what its internals gave."""
    if not (isinstance(was.func, ast.Attribute) and isinstance(now.func, ast.Attribute)) \
            or was.func.attr != now.func.attr or _given(was) != _given(now):
        return False
    (root, path), (root_now, path_now) = _attribute_path(was.func.value), _attribute_path(now.func.value)
    return path != path_now and ast.dump(root) == ast.dump(root_now) \
        and any(name.startswith("_") for name in path) and not any(name.startswith("_") for name in path_now)


def _given(call: ast.Call) -> list[str]:
    return [ast.dump(node) for node in (*call.args, *call.keywords)]


def _attribute_path(node: ast.expr) -> tuple[ast.expr, list[str]]:
    """The expression a chain of attributes starts from, and the attributes in turn."""
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.insert(0, node.attr)
        node = node.value
    return node, path


def _actor_method(call: ast.Call) -> ast.Attribute | None:
    """The method a Ray actor is asked to run: `health_check` of `env.health_check.remote()`."""
    func = call.func
    return func.value if isinstance(func, ast.Attribute) and func.attr == "remote" \
        and isinstance(func.value, ast.Attribute) else None


def _told_to_act_as(call: ast.Call, method: str) -> bool:
    """The call is given the method's name as a text: `fillna(method="ffill")` for `ffill`."""
    return any(isinstance(value, ast.Constant) and value.value == method
               for value in (*call.args, *(keyword.value for keyword in call.keywords)))


def _passes_all_and_constants(was: ast.Call, now: ast.Call) -> bool:
    """The new call passes the old one's arguments as they were, and constants by keyword besides."""
    kept = {ast.dump(keyword) for keyword in was.keywords}
    return [ast.dump(argument) for argument in was.args] == [ast.dump(argument) for argument in now.args] \
        and kept <= {ast.dump(keyword) for keyword in now.keywords} \
        and all(isinstance(keyword.value, ast.Constant)
                for keyword in now.keywords if ast.dump(keyword) not in kept)


def module_names_replaced(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                          new_lines: set[int], modules: set[str]) -> bool:
    """The statements holding the changed lines are the same but for names of the `modules` now
    spelled without them: the builtin of the same name in their place (`dtype=np.bool` became
    `dtype=bool`, `np.int(2 * half_size + 1)` became `int(2 * half_size + 1)`) or the one that
    stands for it (`astype(np.floating)` became `astype(float)`), or a method of
    the value a function of theirs was given (`np.asscalar(numel)` became `numel.item()`), as
    the library dropped them; or the other way round, the function of theirs named as the method
    the value lost (`points.ptp()` became `np.ptp(points)`)."""
    pairs = _pairs_of_code(old, new, old_lines, new_lines)
    if not modules or pairs is None:
        return False
    replaced = 0

    def of_modules(node: ast.expr) -> bool:
        return isinstance(node, ast.Attribute) and dotted_path(node).split(".", 1)[0] in modules

    def judge(was: object, now: object) -> bool | None:
        nonlocal replaced
        if isinstance(was, ast.Attribute) and isinstance(now, ast.Name) and of_modules(was) \
                and now.id in (was.attr, _BUILT_IN_FOR.get(was.attr)) and hasattr(builtins, now.id):
            replaced += 1
            return True
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) and of_modules(was.func) and was.args \
                and isinstance(now.func, ast.Attribute) and ast.dump(now.func.value) == ast.dump(was.args[0]):
            replaced += 1
            return _same_but(was.args[1:], now.args, judge) and _same_but(was.keywords, now.keywords, judge)
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) and isinstance(was.func, ast.Attribute) \
                and of_modules(now.func) and isinstance(now.func, ast.Attribute) and now.args \
                and now.func.attr == was.func.attr and ast.dump(now.args[0]) == ast.dump(was.func.value):
            replaced += 1  # the method the value lost, now the module's function (`a.ptp()`: `np.ptp(a)`)
            return _same_but(was.args, now.args[1:], judge) and _same_but(was.keywords, now.keywords, judge)
        return None
    return each_pair_same_but(pairs, judge) and replaced > 0


# NumPy's abstract and scalar types and the aliases it dropped, and the built-in that stands for
# each (`X.astype(np.floating)` became `X.astype(float)`, `np.alen(e)` became `len(e)`).
_BUILT_IN_FOR = {"floating": "float", "integer": "int", "complexfloating": "complex", "bool_": "bool",
                 "object_": "object", "str_": "str", "unicode_": "str", "unicode": "str", "alen": "len",
                 "float_": "float", "complex_": "complex"}


def _pairs_of_code(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                   new_lines: set[int]) -> list[tuple[ast.stmt, ast.stmt]] | None:
    """The touched statements paired (`touched_pairs`); none where one of them logs, prints or
    warns: a name spelled anew in a message is wording, not code."""
    pairs = touched_pairs(old, new, old_lines, new_lines)
    return None if pairs is None or any(is_message(statement) for pair in pairs for statement in pair) \
        else pairs


def reached_through_other_modules(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                                  new_lines: set[int], modules: set[str]) -> bool:
    """The statements holding the changed lines are the same but for names of the `modules`
    reached through another of their submodules, under the same name (`ndimage.morphology.
    distance_transform_edt(neg)` became `ndimage.distance_transform_edt(neg)`, as SciPy
    deprecated the submodule): the same function, found where the library now keeps it. A
    class between them renamed (`nvvm.RoundingModeKind.RN` became `nvvm.FPRoundingMode.RN`)
    is an interface renamed, not a module."""
    pairs = _pairs_of_code(old, new, old_lines, new_lines)
    if not modules or pairs is None:
        return False
    reached = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal reached
        if not isinstance(was, ast.Attribute) or not isinstance(now, ast.Attribute) or was.attr != now.attr:
            return None
        was_path, now_path = dotted_path(was), dotted_path(now)
        if was_path == now_path or not was_path or not now_path:
            return None
        root = was_path.split(".", 1)[0]
        renamed = set(was_path.split(".")) ^ set(now_path.split("."))
        if root not in modules or now_path.split(".", 1)[0] != root \
                or not all(_MODULE_NAME.match(part) for part in renamed) \
                or kept_for_compatibility(was_path, now_path):
            return None
        reached += 1
        return True
    return each_pair_same_but(pairs, judge) and reached > 0


def class_fields_renamed(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                         new_lines: set[int]) -> bool:
    """A field a class declares is renamed (`use_auth_token: bool = False` became `token: bool
    = False` in a dataclass), and every other statement the change touched is the same but for
    that name, read as an attribute or spelled as a key (`"use_auth_token":
    fetch_config.use_auth_token` became `"token": fetch_config.token`): the class's callers
    name the field anew."""
    pairs = touched_pairs(old, new, old_lines, new_lines)
    if pairs is None:
        return False
    renamed: dict[str, str] = {}
    typed: set[str] = set()  # what the declarations' annotations name
    for was, now in pairs:
        if _declares_field(old, was) and _declares_field(new, now):
            renamed.setdefault(_declared(was), _declared(now))
            if isinstance(now, ast.AnnAssign):
                typed |= {node.id for node in ast.walk(now.annotation) if isinstance(node, ast.Name)}
    renamed = {before: after for before, after in renamed.items() if before != after}
    if not renamed:
        return False

    def judge(was: object, now: object) -> bool | None:
        if isinstance(was, ast.ImportFrom) and isinstance(now, ast.ImportFrom):
            # `from awkward.typing import Self` became `... import Final, Self` for an annotation
            return (was.module, was.level) == (now.module, now.level) \
                and names_imported([was]) <= names_imported([now]) \
                and names_imported([now]) - names_imported([was]) <= typed
        if isinstance(was, ast.Assign | ast.AnnAssign) and isinstance(now, ast.Assign | ast.AnnAssign) \
                and type(was) is not type(now):
            # `Form = EmptyForm` became `form_cls: Final = EmptyForm`: declared with a type now
            return renamed.get(_declared(was)) == _declared(now) and was.value is not None \
                and now.value is not None and _same_but(was.value, now.value, judge)
        if isinstance(was, ast.Name) and isinstance(now, ast.Name) and was.id != now.id:
            return renamed.get(was.id) == now.id or respelled_alike(was.id, now.id, renamed)
        if isinstance(was, ast.Attribute) and isinstance(now, ast.Attribute) and was.attr != now.attr:
            return (renamed.get(was.attr) == now.attr or respelled_alike(was.attr, now.attr, renamed)) \
                and _same_but(was.value, now.value, judge)
        if (key := key_text(was)) is not None and (key_now := key_text(now)) is not None and key != key_now:
            return renamed.get(key) == key_now or respelled_alike(key, key_now, renamed)
        if isinstance(was, str) and isinstance(now, str) and was != now:  # a module imported
            return respelled_alike(was, now, renamed)
        return None
    return each_pair_same_but(pairs, judge)


def respelled_alike(was: str, now: str, renamed: dict[str, str]) -> bool:
    """`was` becomes `now` where the last name of a rename is spelled in it, in any case, and
    nothing else changes: the enum member `PyData` renamed `Numba`, the package `pydata_backend`
    is renamed `numba_backend` with it, and a message naming it says `Numba` too."""
    return any(old_name.lower() in was.lower()
               and was.lower().replace(old_name.lower(), new_name.lower()) == now.lower()
               for old_name, new_name in ((before.rsplit(".", 1)[-1], after.rsplit(".", 1)[-1])
                                          for before, after in renamed.items())
               if old_name.lower() != new_name.lower())


def data_keys_renamed(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                      new_lines: set[int]) -> bool:
    """The statements holding the changed lines are the same but for the keys they read out
    of data a call returns or the code is handed (by subscript, or with `get`: `pop.get("F",
    "feasible")` became `pop.get("F", "FEAS")`), or write into a dict the function builds
    (`morph = {}`, then `morph["reading"] = ...` became `morph["Reading"] = ...`), each renamed
    one way (`token_indexer.tokens_to_indices(tokens, vocab)["tokens"]` became
    `[...]["elmo_tokens"]` as the indexer names its output anew); not keys of what holds the
    program's options (`config["lr"]`), which are settings, nor those written into what the
    function was handed (`log_dict["perf/step_time"] = total`). The keys may be spelled
    elsewhere too, renamed the same way (the columns a metric declares it requires,
    `{"user_input", "ground_truth"}`)."""
    pairs = touched_pairs(old, new, old_lines, new_lines)
    if pairs is None:
        return False
    renamed: dict[str, str] = {}
    spelled: dict[str, str] = {}

    def judge(was: object, now: object) -> bool | None:
        if isinstance(was, ast.Constant) and isinstance(now, ast.Constant) \
                and (text := key_text(was)) is not None and (text_now := key_text(now)) is not None \
                and text != text_now:
            return spelled.setdefault(text, text_now) == text_now
        if isinstance(was, ast.Call) and isinstance(now, ast.Call) \
                and _gets_by_key(was) and _gets_by_key(now) \
                and len(was.args) == len(now.args) and not was.keywords and not now.keywords:
            assert isinstance(was.func, ast.Attribute) and isinstance(now.func, ast.Attribute)
            pairs_given = list(zip(was.args, now.args, strict=True))
            keys = [(key, key_now) for old_arg, new_arg in pairs_given
                    if (key := key_text(old_arg)) is not None and (key_now := key_text(new_arg)) is not None
                    and key != key_now]
            if not keys or _PARAMETERS_HOLDER.search(dotted_path(was.func.value)):
                return None
            return all(ast.dump(old_arg) == ast.dump(new_arg) for old_arg, new_arg in pairs_given
                       if key_text(old_arg) is None or key_text(new_arg) is None) \
                and all(renamed.setdefault(key, key_now) == key_now for key, key_now in keys) \
                and _same_but(was.func, now.func, judge)
        if not isinstance(was, ast.Subscript) or not isinstance(now, ast.Subscript) \
                or not isinstance(was.ctx, ast.Load | ast.Store) \
                or (key := key_text(was.slice)) is None or (key_now := key_text(now.slice)) is None \
                or key == key_now:
            return None
        holder = dotted_path(was.value.func if isinstance(was.value, ast.Call) else was.value)
        return not OPTIONS_HOLDER.search(holder) \
            and (isinstance(was.ctx, ast.Load) or _dict_built_in(new, now.lineno, holder)) \
            and renamed.setdefault(key, key_now) == key_now \
            and _same_but(was.value, now.value, judge)
    return each_pair_same_but(pairs, judge) and bool(renamed) \
        and all(renamed.get(text) == text_now for text, text_now in spelled.items())


# What holds options or parameters, whose keys `get` reads as settings: `params.get("lr", 0.1)`.
_PARAMETERS_HOLDER = re.compile(rf"{OPTIONS_HOLDER.pattern}|(^|[._])(h?params|kwargs)$")


def _gets_by_key(call: ast.Call) -> bool:
    """A call that reads values by their keys: `pop.get("F", "CV", "feasible")`."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "get" and bool(call.args)


def _dict_built_in(table: ModuleSymbols, line: int, name: str) -> bool:
    """The function holding the line binds the name to a dict it makes (`morph = {}`)."""
    function = table.function(owner) if (owner := table.owner(line)) else None
    return function is not None and any(
        isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        and (isinstance(node.value, ast.Dict)
             or (isinstance(node.value, ast.Call) and dotted_path(node.value.func) == "dict"))
        for node in ast.walk(function))


def _declares_field(table: ModuleSymbols, statement: ast.stmt) -> bool:
    """`token: bool = False` in a class body."""
    if not isinstance(statement, ast.AnnAssign | ast.Assign) or not _declared(statement):
        return False
    owner = table.symbols.get(table.owner(statement.lineno) or "")
    return owner is not None and owner.kind == "class"


def _declared(statement: ast.stmt) -> str:
    """The one name an assignment binds (`token` of `token: bool = False`); none for others."""
    targets = assignment_targets(statement) if isinstance(statement, ast.Assign | ast.AnnAssign) else []
    return targets[0].id if len(targets) == 1 and isinstance(targets[0], ast.Name) else ""


def other_types_admitted(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                         new_lines: set[int]) -> bool:
    """The statements holding the changed lines are the same but for tests that now let values
    of another type through: a test of a value's type put beside the old test (`isinstance(f,
    Value) and f.dtype == "string"` became `isinstance(f, dict) or (isinstance(f, Value) and
    ...)`), or more types named in one (`isinstance(x, int)` became `isinstance(x, (int,
    float))`): the code takes data of another shape."""
    pairs = touched_pairs(old, new, old_lines, new_lines)
    if pairs is None:
        return False
    admitted = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal admitted
        if isinstance(now, ast.BoolOp) and isinstance(now.op, ast.Or) and isinstance(was, ast.expr) \
                and not (isinstance(was, ast.BoolOp) and isinstance(was.op, ast.Or)):
            kept = [value for value in now.values if ast.dump(value) == ast.dump(was)]
            if kept and all(_tests_a_type(value) for value in now.values if value not in kept):
                admitted += 1
                return True
        if _types_widened(was, now):
            admitted += 1
            return True
        return None
    return each_pair_same_but(pairs, judge) and admitted > 0


def each_pair_same_but(pairs: list[tuple[ast.stmt, ast.stmt]],
                        judge: Callable[[object, object], bool | None]) -> bool:
    """Each pair of statements the same but where `judge` decides; not so when one nests deeper
    than the interpreter's stack goes."""
    try:
        return all(_same_but(was, now, judge) for was, now in pairs)
    except RecursionError:
        return False


def _tests_a_type(node: object) -> TypeGuard[ast.Call]:
    """`isinstance(value, T)`."""
    return isinstance(node, ast.Call) and dotted_path(node.func) == "isinstance" and len(node.args) == 2


def _types_widened(was: object, now: object) -> bool:
    """`isinstance(x, int)` became `isinstance(x, (int, float))`."""
    if not _tests_a_type(was) or not _tests_a_type(now) or ast.dump(was.args[0]) != ast.dump(now.args[0]):
        return False
    named, named_now = ({ast.dump(kind) for kind in _elements(test.args[1])} for test in (was, now))
    return named < named_now


def _same_but_renamed(old: object, new: object, renamed: dict[str, str],
                      respelled: list[tuple[str, str]] | None = None) -> bool:
    """The two nodes are equal but for dotted references, each of which `renamed` maps (and
    learns) from its old spelling to one new spelling. A function called under its new name
    may be given constants besides, to do what the old one did (`cute.arch.exp(x)` became
    `cute.math.exp(x, fastmath=True)`), or its keywords under their new names, in the same
    places and given the same values (`tf.batch_matmul(a, b, adj_x=True)` became `tf.matmul(a,
    b, transpose_a=True)`). Strings that differ are the same where `respelled` is given: they
    are collected in it, for the caller to judge."""
    def reference(was_node: object, now_node: object) -> bool | None:
        if isinstance(was_node, ast.Call) and isinstance(now_node, ast.Call) \
                and len(now_node.keywords) > len(was_node.keywords):
            kept = now_node.keywords[:len(was_node.keywords)]
            was, now = dotted_path(was_node.func), dotted_path(now_node.func)
            return bool(was) and bool(now) and was != now and renamed.setdefault(was, now) == now \
                and all(isinstance(extra.value, ast.Constant) for extra in now_node.keywords[len(kept):]) \
                and _same_but(was_node.args, now_node.args, reference) \
                and _same_but(was_node.keywords, kept, reference)
        if isinstance(was_node, ast.Call) and isinstance(now_node, ast.Call) \
                and _keywords_respelled(was_node.keywords, now_node.keywords):
            was, now = dotted_path(was_node.func), dotted_path(now_node.func)
            return bool(was) and bool(now) and was != now and renamed.setdefault(was, now) == now \
                and _same_but(was_node.args, now_node.args, reference) \
                and all(_same_but(was_keyword.value, now_keyword.value, reference)
                        for was_keyword, now_keyword
                        in zip(was_node.keywords, now_node.keywords, strict=True))
        if isinstance(was_node, ast.Name | ast.Attribute) and isinstance(now_node, ast.Name | ast.Attribute):
            was, now = dotted_path(was_node), dotted_path(now_node)
            if was and now:
                return was == now or renamed.setdefault(was, now) == now
            if isinstance(was_node, ast.Attribute) and isinstance(now_node, ast.Attribute) \
                    and not was and not now and was_node.attr != now_node.attr:
                # a field read from what an expression gives: `model.attrs["vectors"].data`
                now_spelled = _field_spelling(ast.Attribute(was_node.value, now_node.attr))
                return _same_but(was_node.value, now_node.value, reference) \
                    and renamed.setdefault(_field_spelling(was_node), now_spelled) == now_spelled
        if respelled is not None and isinstance(was_node, ast.Constant) \
                and isinstance(now_node, ast.Constant) and (text := key_text(was_node)) is not None \
                and (text_now := key_text(now_node)) is not None and text != text_now:
            respelled.append((text, text_now))
            return True
        return None
    return _same_but(old, new, reference)


def _keywords_respelled(old: list[ast.keyword], new: list[ast.keyword]) -> bool:
    """As many keywords, one or more named otherwise, none of them `**` on one side alone."""
    return len(old) == len(new) and any(was.arg != now.arg for was, now in zip(old, new, strict=True)) \
        and all((was.arg is None) == (now.arg is None) for was, now in zip(old, new, strict=True))


def _option_set_otherwise_then_converted(before: _Touched, after: _Touched) -> bool:
    """A call is given another constant for a keyword and what it returns is then converted in
    place (`stft = torch.stft(x, ..., return_complex=False)` became `return_complex=True`,
    then `stft = torch.view_as_real(stft)`): the callee is asked for its data in another form,
    turned back into the old one."""
    if len(before) != 1 or len(after) != 2:
        return False
    (was, _), (now, _), (conversion, _) = before[0], *after
    if not isinstance(now, ast.Assign) or len(now.targets) != 1 \
            or not isinstance(target := now.targets[0], ast.Name) \
            or not isinstance(conversion, ast.Assign) or ast.dump(conversion.targets[0]) != ast.dump(target) \
            or not isinstance(call := conversion.value, ast.Call) or len(call.args) != 1 or call.keywords \
            or ast.dump(call.args[0]) != ast.dump(ast.Name(id=target.id, ctx=ast.Load())):
        return False
    flipped = 0

    def judge(old: object, new: object) -> bool | None:
        nonlocal flipped
        if isinstance(old, ast.keyword) and isinstance(new, ast.keyword) and old.arg == new.arg \
                and isinstance(old.value, ast.Constant) and isinstance(new.value, ast.Constant) \
                and old.value.value != new.value.value:
            flipped += 1
            return True
        return None
    return _same_but(was, now, judge) and flipped > 0


def _only_converted_in_place(added: _Touched) -> bool:
    """Each added statement converts a name in place (`indices = indices.int()`), maybe only
    where a condition holds (`action = action.item() if discrete else action`)."""
    return all(isinstance(statement, ast.Assign) and len(statement.targets) == 1
               and isinstance(statement.targets[0], ast.Name)
               and _converts_or_keeps(ast.Name(id=statement.targets[0].id, ctx=ast.Load()), statement.value)
               for statement, _ in added)


def _converts_or_keeps(value: ast.expr, expression: ast.expr) -> bool:
    """`expression` is `value` converted, or a choice between it converted and as it is."""
    if isinstance(expression, ast.IfExp):
        branches = (expression.body, expression.orelse)
        return any(_converts(value, branch) for branch in branches) \
            and all(_converts(value, branch) or ast.dump(branch) == ast.dump(value) for branch in branches)
    return _converts(value, expression)


def _arguments_converted(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for arguments now converted before they are
    passed (`attention(q, ...)` became `attention(q.contiguous() if xpu else q, ...)`), values
    before they are returned (`return out.permute(order)` became `return
    out.permute(order).contiguous()`), or values before they are stored on an object
    (`topo._is_repeat_token_ = (labels != aux)` became `(labels != aux).int()`); or no longer
    converted (`bias=b.to(dtype)` became `bias=b`): either way the data handed across changes
    its layout or type. Not in a kernel, where a tile converted for `tl.dot` is the kernel's
    own arithmetic."""
    if any(kernel for _, kernel in after):
        return False
    converted = 0
    handing = 0  # how deep in the arguments of calls the comparison is
    into_locals = False  # the statement compared binds local names alone

    def elements_converted(elements: list[tuple[ast.expr, ast.expr]]) -> bool:
        nonlocal converted
        for element, other in elements:
            if _converted_either_way(element, other):
                converted += 1
            elif not _same_but(element, other, judge):
                return False
        return True

    def judge(old: object, new: object) -> bool | None:
        nonlocal converted, handing, into_locals
        if handing and (elements := _elements_alike(old, new)) is not None:
            # the elements of a list handed on (`np.array([[np.nanmin(v).item(), ...]])`), or
            # the one a comprehension builds, converted where they were not
            return elements_converted(elements)
        if handing and isinstance(old, ast.IfExp) and isinstance(new, ast.IfExp) \
                and ast.dump(old.test) == ast.dump(new.test):
            # a branch of a value handed on converted (`[n // 2 for n in size] if auto else
            # padding` became `tuple([n // 2 for n in size]) if auto else padding`)
            return elements_converted([(old.body, new.body), (old.orelse, new.orelse)])
        if _gathered(old) and _gathered(new) and ast.dump(old.target) == ast.dump(new.target) \
                and (elements := _elements_alike(old.value, new.value)) is not None:
            # values gathered into the lists a function hands back (`all_y += [labels.cpu()]`)
            return elements_converted(elements)
        if isinstance(old, ast.stmt):
            # a value only bound to a local name is the function's own arithmetic until it is
            # handed on (`cls = obj.float().unsqueeze(0) * p` casts an operand)
            into_locals = isinstance(old, ast.Assign) \
                and all(isinstance(target, ast.Name) for target in old.targets)
        if (handing or not into_locals) and isinstance(old, ast.Attribute) \
                and isinstance(new, ast.Attribute) and old.attr == new.attr \
                and _converted_either_way(old.value, new.value):
            converted += 1  # what a method is called on (`s.reshape(-1)` became `s.values.reshape(-1)`)
            return True
        if ((_handed_back(old) and _handed_back(new))
                or (_stored_on_object(old) and _stored_on_object(new))) \
                and _converted_either_way(old.value, new.value):
            converted += 1
            return _same_but(getattr(old, "targets", None), getattr(new, "targets", None), judge)
        if not isinstance(old, ast.Call) or not isinstance(new, ast.Call):
            return None
        old_values = [*old.args, *(k.value for k in old.keywords)]
        new_values = [*new.args, *(k.value for k in new.keywords)]
        if len(old.args) != len(new.args) or [k.arg for k in old.keywords] != [k.arg for k in new.keywords] \
                or not _same_but(old.func, new.func, judge):
            return False
        handing += 1
        try:
            for was, now in _items_paired(old_values, new_values):
                if _converted_either_way(was, now) or _operand_converted(was, now) \
                        or (isinstance(now, ast.IfExp) and _converts(was, now.body)
                            and ast.dump(now.orelse) == ast.dump(was)):
                    converted += 1
                elif not _same_but(was, now, judge):
                    return False
        finally:
            handing -= 1
        return True
    return _each_same_but(before, after, judge) and converted > 0


def _locals_converted_then_handed(before: _Touched, after: _Touched, new: ModuleSymbols) -> bool:
    """Each touched statement binds a local name to what it bound before, converted (`line =
    line.cpu().numpy()` became `line.cpu().numpy().astype(np.uint8)`), and the statement after
    it hands that name to a call (`line = cv2.resize(line, (W, H))`): what the callee is given
    changes its type or layout, as where the argument itself is converted."""
    if not after or len(before) != len(after) or any(kernel for _, kernel in after):
        return False
    tree = new.tree_holding({statement.lineno for statement, _ in after})
    if tree is None:
        return False
    following = _statements_following(tree)
    for (old, _), (now, _) in zip(before, after, strict=True):
        if not isinstance(old, ast.Assign) or not isinstance(now, ast.Assign) or len(now.targets) != 1 \
                or not isinstance(target := now.targets[0], ast.Name) \
                or ast.dump(old.targets[0]) != ast.dump(target) or not _converts(old.value, now.value) \
                or (handing := following.get(now.lineno)) is None or target.id not in _names_passed(handing):
            return False
    return True


def _statements_following(tree: ast.AST) -> dict[int, ast.stmt]:
    """For each statement of the tree's blocks, by its first line, the statement after it."""
    following: dict[int, ast.stmt] = {}
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                following.update((statement.lineno, after) for statement, after in itertools.pairwise(block)
                                 if isinstance(statement, ast.stmt) and isinstance(after, ast.stmt))
    return following


# A change of more lines than this is not a rename of the keys a call is handed.
_FEW_KEY_LINES = 4


def _keys_handed_renamed(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for keys of mappings they hand to calls, written
    as a dict or as `dict(...)` keywords, renamed with the values they file (`get_winrate(
    annotations=[dict(preferences=p) ...])` became `dict(preference=p)`): the callee reads the
    data under other names."""
    renamed = 0
    handing = 0

    def judge(old: object, new: object) -> bool | None:
        nonlocal renamed, handing
        if handing and isinstance(old, ast.Dict) and isinstance(new, ast.Dict) \
                and len(old.keys) == len(new.keys) and all(_is_key(key) for key in (*old.keys, *new.keys)):
            renamed += sum(key_text(was) != key_text(now)
                           for was, now in zip(old.keys, new.keys, strict=True))
            return _same_but(old.values, new.values, judge)
        if handing and isinstance(old, ast.Call) and isinstance(new, ast.Call) \
                and dotted_path(old.func) == dotted_path(new.func) == "dict" \
                and not old.args and not new.args and len(old.keywords) == len(new.keywords) \
                and all(keyword.arg for keyword in (*old.keywords, *new.keywords)):
            renamed += sum(was.arg != now.arg for was, now in zip(old.keywords, new.keywords, strict=True))
            return _same_but([k.value for k in old.keywords], [k.value for k in new.keywords], judge)
        if isinstance(old, ast.Call) and isinstance(new, ast.Call):
            handing += 1
            try:
                return _same_but(old.func, new.func, judge) and _same_but(old.args, new.args, judge) \
                    and _same_but(old.keywords, new.keywords, judge)
            finally:
                handing -= 1
        return None
    return _each_same_but(before, after, judge) and renamed > 0


def _may_read_fields_as_keys(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """A name the new lines read as a key (`pred["scores"]`) the old ones read as a field
    (`pred.scores`), or the other way: found before anything is parsed."""
    def keys(text: list[str], lines: set[int]) -> set[str]:
        return {key for n in lines for key in _KEY_READ.findall(text[n - 1])}

    def fields(text: list[str], lines: set[int], names: set[str]) -> bool:
        return any(re.search(rf"\.({one_of(names)})\b", text[n - 1]) for n in lines)

    new_keys, old_keys = keys(sides.new_text_lines, new_lines), keys(sides.old_text_lines, old_lines)
    return (bool(new_keys) and fields(sides.old_text_lines, old_lines, new_keys)) \
        or (bool(old_keys) and fields(sides.new_text_lines, new_lines, old_keys))


# A key read by a string written in the brackets: `pred["scores"]`.
_KEY_READ = re.compile(r"""\[\s*["']([A-Za-z_]\w*)["']\s*\]""")


def _fields_read_as_keys(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for fields of an object now read as keys of the
    same name (`pred.scores` became `pred["scores"]`), or keys now read as fields: what the
    code is handed is now a mapping where it was an object with fields, or the other way."""
    read_otherwise = 0

    def judge(old: object, new: object) -> bool | None:
        nonlocal read_otherwise
        for field, key in ((old, new), (new, old)):
            if isinstance(field, ast.Attribute) and isinstance(key, ast.Subscript) \
                    and key_text(key.slice) == field.attr and ast.dump(key.value) == ast.dump(field.value):
                read_otherwise += 1
                return True
        return None
    return _each_same_but(before, after, judge) and read_otherwise > 0


def _gathered(statement: object) -> TypeGuard[ast.AugAssign]:
    """`results += [value]`: values gathered into a list."""
    return isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add) \
        and isinstance(statement.value, ast.List | ast.Tuple)


def _elements_alike(was: object, now: object) -> list[tuple[ast.expr, ast.expr]] | None:
    """The elements of two lists or tuples of one length, paired; of two comprehensions of one
    kind over the same loops, the elements they build; None for anything else."""
    if isinstance(was, ast.List | ast.Tuple) and type(was) is type(now) and len(was.elts) == len(now.elts):
        return list(zip(was.elts, now.elts, strict=True))
    if isinstance(was, ast.ListComp | ast.GeneratorExp | ast.SetComp) and type(was) is type(now) \
            and [ast.dump(g) for g in was.generators] == [ast.dump(g) for g in now.generators]:
        return [(was.elt, now.elt)]
    return None


def _operand_converted(was: ast.expr, now: ast.expr) -> bool:
    """An operand of the argument converted, the other the same: `orig_idx.names + [None]` became
    `list(orig_idx.names) + [None]`."""
    return isinstance(was, ast.BinOp) and isinstance(now, ast.BinOp) and type(was.op) is type(now.op) \
        and ((_converted_either_way(was.left, now.left) and ast.dump(was.right) == ast.dump(now.right))
             or (_converted_either_way(was.right, now.right) and ast.dump(was.left) == ast.dump(now.left)))


def _handed_back(statement: object) -> TypeGuard[ast.Return]:
    """`return value`: a value handed back to the caller."""
    return isinstance(statement, ast.Return) and statement.value is not None


def _stored_on_object(statement: object) -> TypeGuard[ast.Assign]:
    """`obj.field = value` or `table[key] = value`: a value put where other code reads it."""
    return isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
        and isinstance(statement.targets[0], ast.Attribute | ast.Subscript)


def _items_paired(old_values: list[ast.expr],
                  new_values: list[ast.expr]) -> Iterator[tuple[ast.expr, ast.expr]]:
    """The values paired, and the items of a tuple or list passed on both sides paired in turn
    (`(self.input_size, self.input_size)` became `(self.input_size.item(), ...)`)."""
    for was, now in zip(old_values, new_values, strict=True):
        if isinstance(was, ast.Tuple | ast.List) and isinstance(now, ast.Tuple | ast.List) \
                and type(now) is type(was) and len(was.elts) == len(now.elts):
            yield from zip(was.elts, now.elts, strict=True)
        else:
            yield was, now


def _elements_taken(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for values now indexed by a constant where they
    were read whole (`zip(trace.output, args)` became `zip(trace.output[0], args)`), or read
    whole where they were indexed (`hidden = layer(hidden)[0]` became `hidden = layer(hidden)`):
    what a call returns, or an object holds, is laid out otherwise now, a tuple where it was
    one value or the reverse. Not in a kernel, where indexing is the kernel's arithmetic."""
    if any(kernel for _, kernel in after):
        return False
    taken = 0

    def element(old: object, new: object) -> bool | None:
        nonlocal taken
        if _indexes(old, new) or _indexes(new, old):
            taken += 1
            return True
        return None
    return _each_same_but(before, after, element) and taken > 0


def _indexes(value: object, expression: object) -> bool:
    """`expression` is `value[N]`, N a whole number, and `value` a call or a read of a name."""
    return isinstance(expression, ast.Subscript) and isinstance(value, ast.Call | ast.Attribute | ast.Name) \
        and _is_whole_number(expression.slice) and ast.dump(expression.value) == ast.dump(value)


def _is_whole_number(node: ast.expr) -> bool:
    value = _unsigned(node)
    return isinstance(value, ast.Constant) and type(value.value) is int


def _converted_either_way(was: ast.expr, now: ast.expr) -> bool:
    """Converted now or no longer, or converted otherwise: by a method where a function was
    given the value alone (`six.u(board.__repr__())` became `board.__repr__().decode()`) or a
    field held its data (`index.values` became `index.to_numpy()`), or
    made a list where it was a generator (`np.sum((w[i] for i in r))` became `np.sum([w[i] for
    i in r])`)."""
    return _converts(was, now) or _converts(now, was) \
        or (isinstance(was, ast.Call) and len(was.args) == 1 and not was.keywords
            and _converts(was.args[0], now)) \
        or (isinstance(was, ast.Attribute) and was.attr in _CONVERTED_FIELDS and _converts(was.value, now)) \
        or (isinstance(was, ast.GeneratorExp) and isinstance(now, ast.ListComp)
            and ast.dump(was.elt) == ast.dump(now.elt)
            and [ast.dump(g) for g in was.generators] == [ast.dump(g) for g in now.generators])


def _converts(value: ast.expr, expression: ast.expr) -> bool:
    """`expression` is `value` converted: `value.contiguous()`, `value.to(torch.int32)`,
    `list(value)`, `value.values`, `value[:]` (a dataset on disk read into an array); not only
    moved to another device (`value.to(mesh.device_type)`, `value.to("cuda")`), which leaves its
    type and layout as they were."""
    if isinstance(expression, ast.Subscript):
        return _whole(expression.slice) and ast.dump(expression.value) == ast.dump(value)
    if isinstance(expression, ast.Attribute):
        return expression.attr in _CONVERTED_FIELDS and ast.dump(expression.value) == ast.dump(value)
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
            and _NAMED_CONVERSION.fullmatch(expression.func.attr) and not expression.args \
            and not expression.keywords:
        return ast.dump(expression.func.value) == ast.dump(value)
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name):
        return expression.func.id in _BUILT_IN_CONVERSIONS and len(expression.args) == 1 \
            and not expression.keywords and (ast.dump(expression.args[0]) == ast.dump(value)
                                             or _each_element_of(expression.args[0], value))
    return isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
        and expression.func.attr in _CONVERSIONS and ast.dump(expression.func.value) == ast.dump(value) \
        and not (expression.func.attr == "to" and _only_moves(expression))


def _each_element_of(expression: ast.expr, value: ast.expr) -> bool:
    """`(tensor for tensor in value)`: the elements of the value, each as it is."""
    if not isinstance(expression, ast.GeneratorExp | ast.ListComp) or len(expression.generators) != 1:
        return False
    loop = expression.generators[0]
    return not loop.ifs and not loop.is_async and isinstance(loop.target, ast.Name) \
        and isinstance(expression.elt, ast.Name) and expression.elt.id == loop.target.id \
        and ast.dump(loop.iter) == ast.dump(value)


def _whole(index: ast.expr) -> bool:
    """`:`, `()` or `...`: an index that takes all there is."""
    return (isinstance(index, ast.Slice) and index.lower is None and index.upper is None
            and index.step is None) \
        or (isinstance(index, ast.Tuple) and not index.elts) \
        or (isinstance(index, ast.Constant) and index.value is Ellipsis)


# An index that takes all there is: `group["indptr"][:]`, `dataset[()]`, `array[...]`.
_READS_WHOLE = re.compile(r"\[\s*(:|\(\s*\)|\.\.\.)\s*\]")


def _only_moves(call: ast.Call) -> bool:
    """A `.to(...)` given only where to put the tensor, and how."""
    return bool(call.args or call.keywords) \
        and all(_names_a_device(argument) for argument in call.args) \
        and all(keyword.arg in _MOVE_KEYWORDS and (keyword.arg != "device" or _names_a_device(keyword.value))
                for keyword in call.keywords)


def _names_a_device(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.split(":", 1)[0] in _DEVICE_TYPES
    return "device" in dotted_path(node).lower()


def _each_same_but(before: _Touched, after: _Touched, judge: Callable[[object, object], bool | None]) -> bool:
    """The touched statements pair up, each the same as its old one but where `judge` decides."""
    return len(before) == len(after) and all(
        _same_but(old, new, judge) for (old, _), (new, _) in zip(before, after, strict=True))


def _releases_given_anew(before: _Touched, after: _Touched) -> bool:
    """The touched statements are the same but for calls given release numbers besides what
    they were given (`_require_mxnet_version('1.4.0')` became `_require_mxnet_version('1.4.0',
    '2.0.0')`): the versions allowed, pinned anew."""
    if len(before) != len(after):
        return False
    given = 0

    def judge(was: object, now: object) -> bool | None:
        nonlocal given
        if not isinstance(was, ast.Call) or not isinstance(now, ast.Call):
            return None
        kept = {keyword.arg: keyword for keyword in was.keywords}
        extra = now.args[len(was.args):] + [k.value for k in now.keywords if k.arg not in kept]
        if not extra or not all(isinstance(value, ast.Constant) and isinstance(value.value, str)
                                and _VERSION_TEXT.fullmatch(value.value) for value in extra):
            return None
        given += 1
        return _same_but(was.func, now.func, judge) and _same_but(was.args, now.args[:len(was.args)], judge) \
            and _same_but(was.keywords, [k for k in now.keywords if k.arg in kept], judge)
    return all(_same_but(was, now, judge) for (was, _), (now, _) in zip(before, after, strict=True)) \
        and given > 0


def _same_but(old: object, new: object, judge: Callable[[object, object], bool | None]) -> bool:
    """The two nodes, walked together, are equal but where `judge` decides a pair of nodes
    itself (True or False; None: walk on into them)."""
    if (judged := judge(old, new)) is not None:
        return judged
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same_but(o, n, judge) for o, n in zip(old, new, strict=True))
    if isinstance(old, ast.AST) and type(old) is type(new):
        return all(_same_but(value, getattr(new, name, None), judge) for name, value in ast.iter_fields(old))
    return old == new and not isinstance(old, ast.AST)


def _fields_replaced(before: _Touched, after: _Touched, imported: set[str], old_text: list[str],
                     new_text: list[str]) -> bool:
    """Each touched statement assigns the same names from a value that stopped reading a field
    of an object the code is given, and reads another field of that object instead, the file
    no longer reading the old one anywhere and never having read the new one (`resumed =
    req_data.resumed_from_preemption[i]` became `resumed = req_id in
    req_data.resumed_req_ids`): the data it is handed carries that fact otherwise now."""
    if not before or len(before) != len(after):
        return False
    dropped: set[str] = set()
    taken: set[str] = set()
    for (was, _), (now, _) in zip(before, after, strict=True):
        if not (isinstance(was, ast.Assign) and isinstance(now, ast.Assign)) \
                or [ast.dump(t) for t in was.targets] != [ast.dump(t) for t in now.targets]:
            return False
        read_before, read_after = _fields_read(was.value, imported), _fields_read(now.value, imported)
        lost, gained = read_before - read_after, read_after - read_before
        owners = {field.rsplit(".", 1)[0] for field in gained}
        if not lost or not gained or any(field.rsplit(".", 1)[0] not in owners for field in lost):
            return False
        dropped |= {field.rsplit(".", 1)[-1] for field in lost}
        taken |= {field.rsplit(".", 1)[-1] for field in gained}
    return _fields_given_up(dropped, taken, old_text, new_text, frozenset())


def _fields_read(value: ast.expr, imported: set[str]) -> set[str]:
    """The fields of objects the code is given that a value reads, methods called left out."""
    called = {id(node.func) for node in ast.walk(value) if isinstance(node, ast.Call)}
    return {path for node in ast.walk(value) if isinstance(node, ast.Attribute) and id(node) not in called
            and (path := dotted_path(node)) and _is_field(path, imported)}


_Touched = list[tuple[ast.stmt, bool]]  # each statement, and whether it is in a kernel


def _touched(table: ModuleSymbols, lines: set[int], gaps: list[tuple[int, int]],
             decorated: bool = False) -> _Touched | None:
    """The statements holding the changed lines, and those a gap falls inside (a keyword
    argument dropped from a call touches the call; a statement dropped between two others
    touches neither), outermost first where one holds another; None when a changed line is
    outside every statement (a continuation of nothing, or a decorator unless `decorated`
    lets a definition hold its decorators: the shapes that compare whole definitions)."""
    tree = table.tree_holding([*lines, *(line for gap in gaps for line in gap)])
    assert tree is not None
    holder = _Holders(tree.body, decorated)
    found: dict[int, tuple[ast.stmt, bool]] = {}
    for line in sorted(lines):
        held = holder(line)
        if held is None:
            return None
        found.setdefault(id(held[0]), held)
    for before, after in gaps:
        held = holder(before)
        if held is not None and held == holder(after):
            found.setdefault(id(held[0]), held)
    starts = {id(statement): first_line(statement) if decorated else statement.lineno
              for statement, _ in found.values()}
    spans = [(starts[id(s)], s.end_lineno or s.lineno, id(s)) for s, _ in found.values()]
    ordered = sorted(found.values(), key=lambda held: starts[id(held[0])])
    return [(statement, kernel) for statement, kernel in ordered
            if not any(start <= starts[id(statement)] and (statement.end_lineno or 0) <= end
                       and other != id(statement) for start, end, other in spans)]


def touched_statements(table: ModuleSymbols, lines: set[int]) -> list[ast.stmt] | None:
    """The statements holding the lines, outermost where one holds another; None when a line is
    outside every statement."""
    touched = _touched(table, lines, [])
    return None if touched is None else [statement for statement, _ in touched]


def touched_pairs(old: ModuleSymbols, new: ModuleSymbols, old_lines: set[int],
                  new_lines: set[int]) -> list[tuple[ast.stmt, ast.stmt]] | None:
    """The statements holding the changed lines on each side, paired in order; None unless
    each side has some, as many as the other."""
    before, after = touched_statements(old, old_lines), touched_statements(new, new_lines)
    if not before or not after or len(before) != len(after):
        return None
    return list(zip(before, after, strict=True))


def touched_pairs_around_gaps(sides: ParsedSides) -> list[tuple[ast.stmt, ast.stmt]] | None:
    """As `touched_pairs`, a gap (lines put in, or taken out, on the other side) touching the
    statement it falls inside: a keyword argument added on a line of its own touches the call on
    both sides."""
    if sides.old is None or sides.new is None:
        return None
    before = _touched(sides.old, sides.removed_code_lines, sides.old_gaps)
    after = _touched(sides.new, sides.added_code_lines, sides.new_gaps)
    if not before or not after or len(before) != len(after):
        return None
    return [(was, now) for (was, _), (now, _) in zip(before, after, strict=True)]


_Level = tuple[list[ast.stmt], list[int] | None]  # a block's statements, their last lines when in order


class _Holders:
    """The innermost statement holding a line, and whether it is in a kernel; with
    `decorated`, a definition holds its decorators. Each block's statements are read once, and
    where their last lines are in order (a `try` lists its `else` before its handlers) the one
    that may hold a line is found by bisection, as a change of hundreds of lines asks for
    each."""

    def __init__(self, body: list[ast.stmt], decorated: bool) -> None:
        self._decorated = decorated
        self._top = self._level(body)
        self._inside: dict[int, tuple[_Level, bool]] = {}  # by statement, its block and whether a kernel

    def __call__(self, line: int) -> tuple[ast.stmt, bool] | None:
        level, in_kernel, held = self._top, False, None
        while (statement := self._first_reaching(level, line)) is not None:
            if line < statement.lineno and not (self._decorated and line >= first_line(statement)):
                break  # the statements are in order: none further on holds it
            if id(statement) not in self._inside:
                self._inside[id(statement)] = (self._level(nested_statements(statement)),
                                               _is_kernel(statement))
            level, kernel = self._inside[id(statement)]
            in_kernel = in_kernel or kernel
            held = (statement, in_kernel)
        return held

    @staticmethod
    def _level(body: list[ast.stmt]) -> _Level:
        ends = [statement.end_lineno or statement.lineno for statement in body]
        return body, ends if all(a <= b for a, b in itertools.pairwise(ends)) else None

    @staticmethod
    def _first_reaching(level: _Level, line: int) -> ast.stmt | None:
        """The first statement that ends at the line or after it."""
        body, ends = level
        if ends is None:
            return next((s for s in body if line <= (s.end_lineno or s.lineno)), None)
        index = bisect.bisect_left(ends, line)
        return body[index] if index < len(body) else None


def _is_kernel(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and any(
        _KERNEL.search(dotted_path(d.func if isinstance(d, ast.Call) else d))
        for d in statement.decorator_list)


# A name bound to a dict or list display: `kernel_options = {`.
_BINDS_A_DISPLAY = re.compile(r"^\s*\w+\s*=\s*[{\[]")
# A keyword given an object of options: `settings=wandb.Settings(`.
_BUILDS_OPTIONS = re.compile(r"\w=\s*[\w.]*(Config|Configuration|Settings|Options)\(")


def _may_be_reshaped(after: _Touched) -> bool:
    """Every touched statement outside the kernels is simple and calls something, or binds a
    name (which may be an argument computed for a call); one calls something."""
    calls = [any(isinstance(node, ast.Call) for node in ast.walk(statement)) for statement, _ in after]
    return any(calls) and all(
        not kernel and not nested_statements(statement) and (call or _binds_names(statement))
        for (statement, kernel), call in zip(after, calls, strict=True))


def _binds_names(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Assign) \
        and all(isinstance(target, ast.Name) for target in statement.targets)


def _headers_touched(after: _Touched) -> bool:
    """A compound statement is touched outside the kernels: its header changed (`for _, group
    in group_by_modality(kwargs, merge=False):`), maybe its body too."""
    return any(nested_statements(statement) for statement, _ in after) \
        and not any(kernel for _, kernel in after)


def _calls_reshaped(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same call as before, reached or used differently; a
    compound statement counts when only its header changed, its body being the same. A call
    shaped as before may pass on, in place of what it passed, a name that another touched
    call's result is now unpacked into as well (`model_path, hf_repo = get_model_path(...)`,
    then `save(..., hf_repo=hf_repo)`): what the callee now returns, taken where it is used.
    So is the same call whose result is unpacked into another number of names, or with a
    starred one taking the rest: the callee returns another number of values."""
    if len(before) != len(after):
        return False
    returned_anew = {ast.dump(ast.Name(id=name, ctx=ast.Load()))
                     for (old, _), (new, _) in zip(before, after, strict=True)
                     if isinstance(old, ast.Assign) and isinstance(new, ast.Assign)
                     and isinstance(new.value, ast.Call)
                     for name in assigned_names(new) - assigned_names(old)}
    for (old, old_kernel), (new, _) in zip(before, after, strict=True):
        if old_kernel or [ast.dump(s) for s in nested_statements(old)] \
                != [ast.dump(s) for s in nested_statements(new)]:
            return False
        if _unpacked_otherwise(old, new):
            continue
        if _skeleton(old) != _skeleton(new):
            return False
        passed, passing = _argument_values(old, new), _argument_values(new, old)
        if _call_shapes(old) == _call_shapes(new):
            if not returned_anew or not passing - passed or set(passing - passed) - returned_anew:
                return False
        elif passed - passing and passing - passed:
            return False
    pairs = list(zip(before, after, strict=True))
    return not any(_argument_wrapped(old, new) for (old, _), (new, _) in pairs) \
        and not all(_tensors_made_otherwise(old, new) for (old, _), (new, _) in pairs) \
        and not all(_other_bound_set(old, new) for (old, _), (new, _) in pairs)


# Keywords that name the two ends of a range: a call given one in place of the other sets the
# other end (`clamp(min=g)` became `clamp(max=g)`), of a callee that takes both.
_OPPOSITE_KEYWORDS = {"min": "max", "lower": "upper", "start": "end", "begin": "end", "first": "last",
                      "left": "right", "min_value": "max_value", "a_min": "a_max", "low": "high"}
_RANGE_END = {**{low: f"<{low}|{high}>" for low, high in _OPPOSITE_KEYWORDS.items()},
              **{high: f"<{low}|{high}>" for low, high in _OPPOSITE_KEYWORDS.items()}}


def _other_bound_set(old: ast.stmt, new: ast.stmt) -> bool:
    """The statement is as it was but for calls given the opposite end of a range by keyword
    (`snr.clamp(min=gamma)` became `snr.clamp(max=gamma)`): the code computes another value; the
    callee, which takes both, changed nothing."""
    ends = _RangeEndsAlike()
    return ast.dump(old) != ast.dump(new) \
        and ast.dump(ends.visit(copy_tree(old))) == ast.dump(ends.visit(copy_tree(new)))


class _RangeEndsAlike(ast.NodeTransformer):
    """Names both ends of a range alike where a call passes one by keyword."""

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        self.generic_visit(node)
        if node.arg in _RANGE_END:
            node.arg = _RANGE_END[node.arg]
        return node


# Functions of array libraries that make a new array, and the keywords that say of what type
# and where: `torch.ones(1, n, device=x.device, dtype=x.dtype)`.
_ARRAY_LIBRARIES = frozenset({"torch", "np", "numpy", "jnp", "cp", "cupy", "mx"})
_ARRAY_FACTORIES = frozenset({"ones", "zeros", "empty", "full", "rand", "randn", "randint", "arange", "eye",
                              "linspace", "tensor", "ones_like", "zeros_like", "empty_like", "full_like"})
_MADE_AS = frozenset({"dtype", "device"})


def _tensors_made_otherwise(old: ast.stmt, new: ast.stmt) -> bool:
    """The statement is as it was but for the type or place of the arrays it makes
    (`torch.ones(1, n, device=x.device)` became `torch.ones(1, n, device=x.device,
    dtype=x.dtype)`): the code makes its own data as it needs it; no callee changed."""
    made = _MadeAsLeftOut()
    return ast.dump(made.visit(copy_tree(new))) == ast.dump(made.visit(copy_tree(old)))


class _MadeAsLeftOut(ast.NodeTransformer):
    """Takes the `dtype` and `device` keywords out of the calls that make arrays."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        root, _, name = dotted_path(node.func).rpartition(".")
        if name in _ARRAY_FACTORIES and root.split(".", 1)[0] in _ARRAY_LIBRARIES:
            node.keywords = [keyword for keyword in node.keywords if keyword.arg not in _MADE_AS]
        return node


def _placed_otherwise(before: _Touched, after: _Touched, own: set[str]) -> bool:
    """Each touched statement is as it was but for the device that a dependency's call is told
    to put what it makes on, the caller's own (`pipeline("image-classification", model=m)`
    became `pipeline(..., device=device)`): the code places its data where it runs; no
    interface changed. Not a call of the project's own (`own`), whose signature the change may
    have given the parameter."""
    placed = _DevicePassedLeftOut(own)
    return _same_once_rewritten(before, after, placed, placed)


class _DevicePassedLeftOut(ast.NodeTransformer):
    """Takes out of the calls of what the project does not define (`own`) the `device` keyword
    given a name or a field."""

    def __init__(self, own: set[str]) -> None:
        self.own = own

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if dotted_path(node.func).split(".", 1)[0] not in self.own:
            node.keywords = [keyword for keyword in node.keywords if not (
                keyword.arg == "device" and isinstance(keyword.value, ast.Name | ast.Attribute))]
        return node


def _unpacked_otherwise(old: ast.stmt, new: ast.stmt) -> bool:
    """The same call, its result unpacked otherwise: `archive, *_, metadata, sharded =
    cls._resolve_model_file_path(...)` where it was `archive, shards, metadata, sharded = ...`;
    or the same loop over what a generator yields, each item unpacked otherwise (`async for
    output, metadata, _ in results:`)."""
    if isinstance(old, ast.For | ast.AsyncFor) and type(new) is type(old):
        if ast.dump(old.iter) != ast.dump(new.iter):
            return False
        was, now = old.target, new.target
    elif isinstance(old, ast.Assign) and isinstance(new, ast.Assign) and isinstance(new.value, ast.Call) \
            and len(old.targets) == len(new.targets) == 1 and ast.dump(old.value) == ast.dump(new.value):
        was, now = old.targets[0], new.targets[0]
    else:
        return False
    if not (isinstance(was, ast.Tuple) and isinstance(now, ast.Tuple)):
        return False
    return len(was.elts) != len(now.elts) or _starred(was) != _starred(now)


def _starred(target: ast.Tuple) -> int:
    return sum(isinstance(element, ast.Starred) for element in target.elts)


def _own_names(module: ModuleSymbols, path: str) -> set[str]:
    """The names the module defines, or imports from its own package (relatively or by name)."""
    own_package = top_package(path)
    imported = {name for statement in module.imports if imports_own_package(statement, own_package)
                for name in statement.names}
    return imported | {name for name in module.symbols if "." not in name}


def _own_function_applied(before: _Touched, after: _Touched, module: ModuleSymbols) -> bool:
    """Each touched statement is as it was but for a value passed through, or no longer
    through, a function the module defines (`self.embed.data.copy_(l2norm(embed))` became
    `self.embed.data.copy_(embed)`): the code computes another value; no callee changed."""
    own = {name for name, symbol in module.symbols.items() if symbol.kind == "function" and "." not in name}
    if not own or len(before) != len(after):
        return False

    def unwound(statement: ast.stmt, other: ast.stmt) -> str:
        kept = {ast.dump(node) for node in ast.walk(other) if isinstance(node, ast.Call)}
        return ast.dump(_OwnCallsUnwound(own, kept).visit(copy_tree(statement)))

    return all(unwound(new, old) == ast.dump(old) or unwound(old, new) == ast.dump(new)
               for (old, _), (new, _) in zip(before, after, strict=True))


class _OwnCallsUnwound(ast.NodeTransformer):
    """Each call of one of the module's own functions given one value alone, that the other side
    does not make (`kept`), replaced by that value."""

    def __init__(self, own: set[str], kept: set[str]) -> None:
        self.own = own
        self.kept = kept

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if ast.dump(node) in self.kept:
            return node
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in self.own and len(node.args) == 1 \
                and not node.keywords and not isinstance(node.args[0], ast.Starred):
            return node.args[0]
        return node


def _argument_wrapped(old: ast.stmt, new: ast.stmt) -> bool:
    """The statement is as it was but for a literal it passed, first handed through a call
    (`tf.pow(256, ...)` became `tf.pow(tf.constant(256, dtype=tf.int64), ...)`): the value is
    made otherwise, and the callee takes what it took. What the code was given and passes on,
    converted (`scale=torch.tensor(scale)`), is data handed across in another form."""
    expressions = {node: ast.dump(node) for node in ast.walk(old) if isinstance(node, ast.expr)}
    was = set(expressions.values())
    literals = {dump for node, dump in expressions.items() if isinstance(node, ast.Constant)}
    unwrapped = _WrapperUnwound(was, literals).visit(copy_tree(new))
    return ast.dump(unwrapped) == ast.dump(old)


class _WrapperUnwound(ast.NodeTransformer):
    """Each call that was not there (`expressions`) and is given first one of these literals,
    replaced by that literal."""

    def __init__(self, expressions: set[str], literals: set[str]) -> None:
        self.expressions = expressions
        self.literals = literals

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if ast.dump(node) in self.expressions:
            return node
        if node.args and ast.dump(node.args[0]) in self.literals:
            return node.args[0]
        self.generic_visit(node)
        return node


def _without_arguments_computed(before: _Touched, after: _Touched) -> _Touched:
    """The touched statements but the assignments added to bind a name that a call after them
    is given (`padding_side = tokenizer.padding_side` before `collect(data, padding_side)`), or
    that such an assignment reads (`head_dim = q.shape[-1]` before `scale = 1 /
    math.sqrt(head_dim)` and `sdp(q, k, v, mask, scale)`)."""
    if len(after) <= len(before):
        return after
    bound_before = {name for statement, _ in before for name in assigned_names(statement)}
    needed: set[str] = set()
    kept: _Touched = []
    for statement, kernel in reversed(after):
        bound = assigned_names(statement) if _binds_names(statement) else set()
        if bound and not bound & bound_before and bound & needed:
            needed |= referenced_names(statement.value)
            continue
        needed |= _names_passed(statement)
        kept.append((statement, kernel))
    return kept[::-1]


def _names_passed(statement: ast.stmt) -> set[str]:
    """The names a statement's calls are given as arguments."""
    return {value.id for node in ast.walk(statement) if isinstance(node, ast.Call)
            for value in (*node.args, *(keyword.value for keyword in node.keywords if keyword.arg))
            if isinstance(value, ast.Name)}


def _imported_settings(table: ModuleSymbols) -> set[str]:
    """The constants the module imports from a module of settings (`INDEX_BATCH_SIZE` from
    `megatron.energon.flavors.webdataset.config`)."""
    return {name for statement in table.imports
            if SETTINGS_MODULE.search(statement.module.rsplit(".", 1)[-1])
            for name in statement.names if name.isupper()}


def _options_passed_on(before: _Touched, after: _Touched, settings: set[str]) -> bool:
    """Each touched statement is the same but for arguments its calls are given anew, each an
    option a configuration holds: by keyword (`trust_remote_code=mii_config.trust_remote_code`,
    or a constant of a module of settings, `batch_size=INDEX_BATCH_SIZE`),
    or after arguments that were options of the same configuration (`setup(...,
    self.config.master_server_address, None, self.config.enable_ssd_offload)`, None standing
    for a parameter left at its default). A call given its first argument (`patch_fp8()` became
    `patch_fp8(self.cfg.fp8_all_gather)`) reaches a function that takes one anew. A value it
    passed may now be read from the environment first (`cafile=os.getenv("SSL_CERT_FILE") or
    certifi.where()` beside `proxy=os.getenv("HTTPS_PROXY")` given anew). Beside such, a call
    may no longer pass a constant it fixed (`seed=1234` dropped where `seed=sampling_config.get(
    "seed", None)` is passed anew)."""
    passed = 0

    def call(old: object, new: object) -> bool | None:
        nonlocal passed
        if not isinstance(old, ast.Call) or not isinstance(new, ast.Call):
            return None
        if _only_constant_keywords_dropped(old, new):
            return True
        keywords, reread = _keywords_read_from_environment_first(old, new)
        if not reread and len(keywords) <= len(old.keywords) and len(new.args) <= len(old.args):
            return None
        kept = {ast.dump(keyword) for keyword in old.keywords}
        added = [keyword for keyword in keywords if ast.dump(keyword) not in kept]
        appended = new.args[len(old.args):]
        passed += reread
        if len(added) != len(keywords) - len(old.keywords) or ast.dump(old.func) != ast.dump(new.func) \
                or [ast.dump(a) for a in old.args] != [ast.dump(a) for a in new.args[:len(old.args)]] \
                or not all(keyword.arg and _is_a_setting(keyword.value, settings) for keyword in added) \
                or not all(_reads_an_option(a) or is_none(a) for a in appended) \
                or (appended and not _more_of_the_same_options(old.args, appended)):
            return False
        passed += len(added) + len(appended)
        return True
    same = _each_same_but(before, after, call)
    return same and passed > 0


def _settings_stored(after: _Touched) -> tuple[set[str], _Touched]:
    """The fields the touched statements set to an option (`self._timeout =
    system.settings.require("chroma_sysdb_request_timeout_seconds")`), or that a class body
    declares (`_timeout: int`) beside such a setting, by the names code reads them by
    (`self._timeout`); and the other statements."""
    stored: set[str] = set()
    declared: set[str] = set()
    rest: _Touched = []
    for statement, kernel in after:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(target := statement.targets[0], ast.Attribute) \
                and dotted_path(target.value) == "self" and _reads_a_setting(statement.value):
            stored.add(f"self.{target.attr}")
        elif isinstance(statement, ast.AnnAssign) and statement.value is None \
                and isinstance(statement.target, ast.Name):
            declared.add(f"self.{statement.target.id}")
        else:
            rest.append((statement, kernel))
    return (stored, rest) if stored and declared <= stored else (set(), after)


def _reads_a_setting(value: ast.expr) -> bool:
    """An option read as a field (`self.args.seed`) or asked of the object that holds settings
    (`system.settings.require("chroma_sysdb_request_timeout_seconds")`)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        return bool(OPTIONS_HOLDER.search(dotted_path(value.func.value))) \
            and all(_is_key(argument) for argument in value.args)
    return _reads_an_option(value)


def _keywords_read_from_environment_first(old: ast.Call, new: ast.Call) -> tuple[list[ast.keyword], int]:
    """The new call's keywords, each that passed a value the old call passed, but read from the
    environment first (`cafile=os.getenv("SSL_CERT_FILE") or certifi.where()` where it was
    `cafile=certifi.where()`), written as it was; and how many were."""
    was = {keyword.arg: keyword.value for keyword in old.keywords if keyword.arg}
    keywords: list[ast.keyword] = []
    for keyword in new.keywords:
        value = was.get(keyword.arg) if keyword.arg else None
        defaults = _EnvironmentDefaults()
        if value is not None and ast.dump(value) != ast.dump(keyword.value) \
                and ast.dump(defaults.visit(copy_tree(keyword.value))) == ast.dump(value) and defaults.reads:
            keywords.append(ast.keyword(arg=keyword.arg, value=value))
        else:
            keywords.append(keyword)
    return keywords, sum(a is not b for a, b in zip(keywords, new.keywords, strict=True))


def _is_a_setting(value: ast.expr, settings: set[str]) -> bool:
    """An option, a setting the module imports, or a dict of them (`env_mix_kwargs=dict(
    probabilities=config.env_mix.probabilities, seed=config.env_mix.seed)`)."""
    if isinstance(value, ast.Call) and dotted_path(value.func) == "dict" and not value.args:
        return bool(value.keywords) and all(keyword.arg and _is_a_setting(keyword.value, settings)
                                            for keyword in value.keywords)
    return _reads_an_option(value) or _looks_up_option(value) or dotted_path(value) in settings


def _only_constant_keywords_dropped(old: ast.Call, new: ast.Call) -> bool:
    """The call is the same but for keywords given constants that it no longer passes."""
    given = {ast.dump(keyword) for keyword in new.keywords}
    kept = [keyword for keyword in old.keywords
            if not (keyword.arg and isinstance(keyword.value, ast.Constant)) or ast.dump(keyword) in given]
    return len(kept) < len(old.keywords) and ast.dump(old.func) == ast.dump(new.func) \
        and [ast.dump(a) for a in old.args] == [ast.dump(a) for a in new.args] \
        and [ast.dump(k) for k in kept] == [ast.dump(k) for k in new.keywords]


def _more_of_the_same_options(given: list[ast.expr], appended: list[ast.expr]) -> bool:
    """Options are appended, each of a configuration some argument given before reads."""
    def holder(value: ast.expr) -> str:
        return dotted_path(value).rpartition(".")[0]
    holders = {holder(value) for value in given if _reads_an_option(value)}
    options = [value for value in appended if _reads_an_option(value)]
    return bool(options) and all(holder(value) in holders for value in options)


def _reads_an_option(value: ast.expr) -> bool:
    """`mii_config.trust_remote_code`, `self.args.seed`: an attribute of an object of options;
    `os.environ.get("HF_HOME", None)`: a variable of the environment; or several read in turn,
    maybe falling back on a constant (`os.getenv("HTTPS_PROXY") or os.getenv("HTTP_PROXY") or
    None`)."""
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return all(_reads_an_option(v) or isinstance(v, ast.Constant) for v in value.values) \
            and _reads_an_option(value.values[0])
    if isinstance(value, ast.Call):
        return _reads_environment(value)
    return isinstance(value, ast.Attribute) and is_configuration_field(value)


def _reads_environment(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and dotted_path(value.func) in _ENVIRONMENT_GETTERS


def _constants_no_longer_passed(before: _Touched, after: _Touched, imported: set[str]) -> bool:
    """Each touched statement is the same but for constants no longer passed to functions of
    imported modules (`tdm.async_gather(desc, slot, 0, buf)` became `tdm.async_gather(desc,
    slot, buf)`): the library dropped that parameter. In kernels too: a constant dropped from
    a library call computes nothing."""
    dropped = 0

    def call(old: object, new: object) -> bool | None:
        nonlocal dropped
        if not isinstance(old, ast.Call) or not isinstance(new, ast.Call):
            return None
        root = dotted_path(old.func).split(".", 1)[0]
        if ast.dump(old.func) != ast.dump(new.func) or root not in imported:
            return None
        kept = _without_constants(old, new)
        if kept is None:
            return False
        dropped += len(old.args) + len(old.keywords) - len(new.args) - len(new.keywords)
        return _same_but(kept.args, new.args, call) and _same_but(kept.keywords, new.keywords, call)
    return _each_same_but(before, after, call) and dropped > 0


def _may_call_constants(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """How constants now called look in the text: a new line calls one with nothing that an old
    line names."""
    called = {found.group(1) for n in new_lines
              for found in _CONSTANT_CALLED.finditer(sides.new_text_lines[n - 1])}
    return any(name in sides.old_text_lines[n - 1] for n in old_lines for name in called)


def _references_now_called(before: _Touched, after: _Touched, imported: set[str]) -> bool:
    """Each touched statement is the same but for references to constants imported modules
    hold, now called with nothing (`utils._weight_prepack.IPEX_WEIGHT_PREPACK_MODULE_CPU` became
    `utils._weight_prepack.IPEX_WEIGHT_PREPACK_MODULE_CPU()`): a table became a function that
    builds it. A function's name now called (`is_xpu_available()`) fixes a test that was
    always true."""
    called = 0

    def reference(old: object, new: object) -> bool | None:
        nonlocal called
        if isinstance(old, ast.Name | ast.Attribute) and isinstance(new, ast.Call) \
                and not new.args and not new.keywords and ast.dump(old) == ast.dump(new.func) \
                and UPPER_CASE.match(dotted_path(old).rsplit(".", 1)[-1]) \
                and dotted_path(old).split(".", 1)[0] in imported:
            called += 1
            return True
        return None
    same = _each_same_but(before, after, reference)
    return same and called > 0


def _without_constants(old: ast.Call, new: ast.Call) -> ast.Call | None:
    """`old` less the constant arguments `new` does not pass, when that is all it lacks."""
    args: list[ast.expr] = []
    wanted = [ast.dump(argument) for argument in new.args]
    for argument in old.args:
        if len(args) < len(wanted) and ast.dump(argument) == wanted[len(args)]:
            args.append(argument)
        elif not isinstance(argument, ast.Constant):
            return None
    passed = {keyword.arg for keyword in new.keywords}
    keywords = [k for k in old.keywords if k.arg in passed or not isinstance(k.value, ast.Constant)]
    if len(args) != len(new.args) or len(keywords) != len(new.keywords):
        return None
    return ast.Call(func=old.func, args=args, keywords=keywords)


def _calls_retargeted(before: _Touched, after: _Touched, old: ModuleSymbols,
                      new_text: list[str]) -> bool:
    """Each touched statement is the same but for calls of an imported module's functions made
    to other functions of that module instead, each old function to one new one, which gets
    the values the old one got, maybe among others (`torch._check_is_size(blocksize)` became
    `torch._check(blocksize >= 0, lambda: ...)`; `numa.set_membind([node])` became
    `numa.memory.set_membind_nodes(node)` when the package reorganised its API); the file no
    longer calls the old ones, unless each new one is the old one kept in the module's
    compatibility namespace (`tf.where` became `tf.compat.v1.where` where TF 2 changed how
    `tf.where` broadcasts, other uses left as they were). A call made to a logging function
    instead (`logger.Error` became `logger.error`) fixes a message, not an interface."""
    if len(before) != len(after):
        return False
    imported = old.imported_names
    renamed: dict[str, str] = {}
    for (was, _), (now, _) in zip(before, after, strict=True):
        old_call, new_call = _only_call(was), _only_call(now)
        if old_call is not None and new_call is not None \
                and dotted_path(old_call.func) != dotted_path(new_call.func):
            if not _call_retargeted(old_call, new_call, imported, renamed) \
                    or _skeleton(_without_call(was)) != _skeleton(_without_call(now)):
                return False
        elif not _same_but(was, now, lambda o, n: _call_moved(o, n, imported, renamed) if (
                isinstance(o, ast.Call) and isinstance(n, ast.Call)
                and dotted_path(o.func) != dotted_path(n.func)) else None):
            return False
    return bool(renamed) and (all(kept_for_compatibility(was, now) for was, now in renamed.items())
                              or not any(path + "(" in line for path in renamed for line in new_text))


# A module's namespace that keeps an API as it was before a release changed it: `tf.compat.v1`,
# `torch.legacy`.
_COMPATIBILITY_NAMESPACE = re.compile(r"\.(compat|legacy)(\.v\d+)?\.")


def kept_for_compatibility(old_path: str, new_path: str) -> bool:
    """The new call is the old one in its module's compatibility namespace: `tf.where` as
    `tf.compat.v1.where`."""
    return bool(_COMPATIBILITY_NAMESPACE.search(new_path)) \
        and _COMPATIBILITY_NAMESPACE.sub(".", new_path) == old_path


def _call_moved(old_call: ast.Call, new_call: ast.Call, imported: set[str],
                renamed: dict[str, str]) -> bool:
    """A call retargeted among others in a statement, to a function in another namespace of the
    module (`torch.norm` to `torch.linalg.vector_norm`): a swap within one namespace there
    (`torch.log(1 + x)` to `torch.log1p(x)`, `torch.empty` to `torch.zeros`) changes what the
    code computes."""
    return dotted_path(old_call.func).rsplit(".", 1)[0] != dotted_path(new_call.func).rsplit(".", 1)[0] \
        and _call_retargeted(old_call, new_call, imported, renamed)


def _call_retargeted(old_call: ast.Call, new_call: ast.Call, imported: set[str],
                     renamed: dict[str, str]) -> bool:
    """The call is made to another function of the same imported module, given the names the
    old one was given (built-ins it was wrapped in aside), and `renamed` learns it."""
    old_path, new_path = dotted_path(old_call.func), dotted_path(new_call.func)
    root = old_path.split(".", 1)[0]
    return root in imported and new_path.split(".", 1)[0] == root \
        and new_path.rsplit(".", 1)[-1] not in MESSAGE_CALLS \
        and renamed.setdefault(old_path, new_path) == new_path \
        and _names_in(old_call) - BUILTIN_NAMES <= _names_in(new_call)


def _variadics_passed_on(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for `*args` and `**kwargs` added to a function's
    parameters and passed on to calls in it: a wrapper lets through the arguments that the
    function it wraps took on (`def guarded(mask, key, *args, **kwargs): ... return
    original(mask, key, *args, **kwargs)`)."""
    olds, news = _VariadicsLeftOut(), _VariadicsLeftOut()
    return _same_once_rewritten(before, after, olds, news) \
        and news.declared > olds.declared and news.passed > olds.passed


def _same_once_rewritten(before: _Touched, after: _Touched, old_rewriter: ast.NodeTransformer,
                         new_rewriter: ast.NodeTransformer) -> bool:
    """Each touched statement is the same once each side's rewriter has rewritten a copy of it."""
    return len(before) == len(after) and all(
        ast.dump(old_rewriter.visit(copy_tree(old))) == ast.dump(new_rewriter.visit(copy_tree(new)))
        for (old, _), (new, _) in zip(before, after, strict=True))


class _VariadicsLeftOut(ast.NodeTransformer):
    """Takes out the `*args` and `**kwargs` parameters of functions, and the calls' arguments
    that pass them on, counting both."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.declared = self.passed = 0

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._function(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        variadics = [arg.arg for arg in (node.args.vararg, node.args.kwarg) if arg is not None]
        self.names.update(variadics)
        self.declared += len(variadics)
        node.args.vararg = node.args.kwarg = None
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        arguments = [a for a in node.args if not (isinstance(a, ast.Starred) and self._passes_on(a.value))]
        keywords = [k for k in node.keywords if not (k.arg is None and self._passes_on(k.value))]
        self.passed += len(node.args) - len(arguments) + len(node.keywords) - len(keywords)
        node.args, node.keywords = arguments, keywords
        return node

    def _passes_on(self, value: ast.expr) -> bool:
        return isinstance(value, ast.Name) and value.id in self.names


def _may_set_keywords(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """How setting a keyword argument's entry looks in the text: a changed line sets a named
    entry, and one passes a dict on as keyword arguments."""
    changed = [sides.old_text_lines[n - 1] for n in old_lines] \
        + [sides.new_text_lines[n - 1] for n in new_lines]
    return any(_SETS_NAMED_ENTRY.match(line) for line in changed) \
        and any("**" in line for line in sides.new_text_lines)


def _keywords_set(*sides: tuple[_Touched, ModuleSymbols, set[int]]) -> StatementShape | None:
    """On each side (its touched statements, its table, its changed lines), each touched
    statement sets named entries of a dict that a call in the module takes as keyword
    arguments, maybe under an `if` and beside the imports its test needs (`if hasattr(self,
    "padding"): kwargs["padding"] = self.padding else: kwargs["vocab_size"] = self.vocab_size`,
    then `load(**kwargs)`); in a dict display, the entries on changed lines count. When every
    value set is a setting (a constant or a list of them, the key's own value read with a
    constant default, an option of the configuration, or a choice between such), the change
    sets flags and defaults (`settings-set`). Otherwise it reshapes the call when the
    keywords set differ between the sides; a keyword whose new value is made from its old one
    (`kwargs["tags"] = kwargs["tags"] + ["unsloth"]`) was passed before."""
    entries: list[list[tuple[str, ast.expr]]] = []
    for touched, table, lines in sides:
        passed = _passed_as_keywords(table)
        side: list[tuple[str, ast.expr]] = []
        if not passed or not all(_sets_keywords(statement, passed, lines, side) for statement, _ in touched):
            return None
        entries.append(side)
    values = [value for side in entries for _, value in side]
    if not values:
        return None
    if all(_is_setting_value(value) for value in values):
        return "settings-set"
    keys = [{key for key, value in side if not _reads_key(value, key)} for side in entries]
    return "calls-reshaped" if keys[0] != keys[1] else None


def _reads_key(value: ast.expr, key: str) -> bool:
    """`value` reads `key` of some dict: `d[key]` or `d.get(key, ...)`."""
    for node in ast.walk(value):
        if isinstance(node, ast.Subscript):
            read = node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and node.args:
            read = node.args[0]
        else:
            continue
        if isinstance(read, ast.Constant) and read.value == key:
            return True
    return False


def _passed_as_keywords(table: ModuleSymbols) -> set[str]:
    assert table.tree is not None
    return {keyword.value.id for node in ast.walk(table.tree) if isinstance(node, ast.Call)
            for keyword in node.keywords if keyword.arg is None and isinstance(keyword.value, ast.Name)}


def _sets_keywords(statement: ast.stmt, passed: set[str], lines: set[int],
                   entries: list[tuple[str, ast.expr]]) -> bool:
    """The statement sets named entries of a dict in `passed`, collecting their keys and values.
    Not under an `if` that tests an element of the data at hand (`if js_trees[0].get('leaf') ==
    0: attr_pairs['base_values'] = [0.5]`): what the code does with that data."""
    if isinstance(statement, ast.If):
        return not _reads_an_element(statement.test) and all(
            isinstance(inner, ast.Import | ast.ImportFrom) or _sets_keywords(inner, passed, lines, entries)
            for inner in statement.body + statement.orelse)
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return False
    target, value = statement.targets[0], statement.value
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
        if target.value.id not in passed or (key := key_text(target.slice)) is None:
            return False
        entries.append((key, value))
        return True
    if not (isinstance(target, ast.Name) and target.id in passed and isinstance(value, ast.Dict)):
        return False
    changed = lines & set(node_lines(statement))
    for key, entry in zip(value.keys, value.values, strict=True):
        span = set(range(key.lineno if key else entry.lineno, (entry.end_lineno or entry.lineno) + 1))
        if span & changed:
            if (text := key_text(key)) is None:
                return False
            entries.append((text, entry))
            changed -= span
    return not changed


def _reads_an_element(test: ast.expr) -> bool:
    """The test reads an element of a sequence by its position: `js_trees[0]`."""
    return any(isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
               and isinstance(node.slice.value, int) for node in ast.walk(test))


def _settings_table_extended(before: _Touched, after: _Touched, new_lines: set[int], text: list[str]) -> bool:
    """A table of settings learns more cases: the change adds whole `elif` branches to a chain
    that test a name against constants, or against names bound to lists of them, and only
    return or assign settings, made, if at all, by what the branches after them make
    (`elif model_name in family_8b: return CacheGenConfig(key_first_layers=10, ...)`); beside
    them it only binds names to constants or lists of them (`family_8b =
    ["meta-llama/Llama-3.1-8B-Instruct"]`). A branch that makes something else (`elif name ==
    "optimizer_monitor": return OptimizerMonitor(...)`) offers a new choice."""
    if not all(_binds_constants(statement) for statement, _ in before):
        return False
    covered: set[int] = set()
    branches = 0
    for statement, _ in after:
        if _binds_constants(statement):
            covered.update(node_lines(statement))
        elif isinstance(statement, ast.If) and text[statement.lineno - 1].lstrip().startswith("elif ") \
                and _sets_settings_when_matched(statement) \
                and _makers(statement.body) <= _makers(statement.orelse):
            covered.update(range(statement.lineno, (statement.body[-1].end_lineno or statement.lineno) + 1))
            branches += 1
        else:
            return False
    return branches > 0 and new_lines <= covered


def _sets_settings_when_matched(branch: ast.If) -> bool:
    """A branch that tests a name against constants or names (`model_name in family_8b`,
    `arch == "sm90"`) and only returns or assigns settings, maybe made by a call given only
    settings (`CacheGenConfig(key_first_layers=10, ...)`)."""
    test = branch.test
    if not (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name | ast.Attribute)
            and all(isinstance(op, ast.In | ast.NotIn | ast.Eq) for op in test.ops)
            and all(isinstance(compared, ast.Name) or _is_setting_value(compared)
                    for compared in test.comparators)):
        return False
    return all(isinstance(statement, ast.Return | ast.Assign) and statement.value is not None
               and _setting_or_made_of_settings(statement.value) for statement in branch.body)


def _makers(statements: list[ast.stmt]) -> set[str]:
    """What the calls the statements return or assign, however deep in `if` chains, call."""
    return {dotted_path(statement.value.func) for statement in every_statement(statements)
            if isinstance(statement, ast.Return | ast.Assign) and isinstance(statement.value, ast.Call)}


def _setting_or_made_of_settings(value: ast.expr) -> bool:
    if isinstance(value, ast.Call):
        return bool(value.args or value.keywords) and all(
            _is_setting_value(argument) for argument in (*value.args, *(k.value for k in value.keywords)))
    return _is_setting_value(value)


def _binds_constants(statement: ast.stmt) -> bool:
    """`family_8b = ["meta-llama/Llama-3.1-8B-Instruct"]`: names bound to a constant or a list of them."""
    return isinstance(statement, ast.Assign) \
        and all(isinstance(target, ast.Name) for target in statement.targets) \
        and (isinstance(statement.value, ast.Constant) or (
            isinstance(statement.value, ast.List | ast.Tuple | ast.Set)
            and all(isinstance(element, ast.Constant) for element in statement.value.elts)))


def _is_setting_value(value: ast.expr) -> bool:
    """A constant or a list of them, `kwargs.get("device_map", "auto")`, an option of the
    configuration (`self.cfg.save_only_model`), or a choice between such."""
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub | ast.Not):
        value = value.operand
    if isinstance(value, ast.IfExp):
        return _is_setting_value(value.body) and _is_setting_value(value.orelse)
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return all(isinstance(element, ast.Constant) for element in value.elts)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get":
        return 1 <= len(value.args) <= 2 and all(isinstance(a, ast.Constant) for a in value.args)
    return isinstance(value, ast.Constant) or _reads_an_option(value)


def _takes_out_options(statement: ast.stmt) -> bool:
    """The statement only takes named options out of a mapping of them (`compiler_options.pop(
    "compile_only", None)`), maybe for each of a few names, maybe where the mapping holds one
    and saying so: options no longer taken are dropped before they are passed on."""
    if isinstance(statement, ast.For):
        return isinstance(statement.target, ast.Name) and not statement.orelse \
            and isinstance(statement.iter, ast.Tuple | ast.List) and all(map(_is_key, statement.iter.elts)) \
            and all(_takes_out_options(inner) for inner in statement.body)
    if isinstance(statement, ast.If):
        test = statement.test
        return not statement.orelse and isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], ast.In) and _names_options(test.comparators[0]) \
            and any(_takes_out_options(inner) for inner in statement.body) \
            and all(_takes_out_options(inner) or is_message(inner) for inner in statement.body)
    call = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "pop" \
        and _names_options(call.func.value) and 1 <= len(call.args) <= 2


def _names_options(mapping: ast.expr) -> bool:
    """A name or attribute named for options (`compiler_options`, `self.config`) or `kwargs`."""
    name = short_name(dotted_path(mapping))
    return name == "kwargs" or bool(_CONFIGURATION.search(name))


def _keys_defaulted(statement: ast.stmt) -> bool:
    """A key given its default where the caller gave none, or an `if` holding only such
    (`if copied_args["model"].startswith("claude-"):` then `if "base_url" not in copied_args:
    copied_args["base_url"] = ANTHROPIC_OPENAI_BASE_URL`): settings chosen for a case."""
    return _key_defaulted(statement) or (isinstance(statement, ast.If) and not statement.orelse
                                         and all(_key_defaulted(s) for s in statement.body))


def _key_defaulted(statement: ast.stmt) -> bool:
    """`if "validate_parameters" not in params.keys(): params["validate_parameters"] = False`,
    maybe tested beside what `params` is: a setting given its default where the caller gave
    none."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1:
        return False
    test = statement.test
    tests = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    absent = [t for t in tests if isinstance(t, ast.Compare) and len(t.ops) == 1
              and isinstance(t.ops[0], ast.NotIn) and isinstance(t.left, ast.Constant)
              and isinstance(t.left.value, str)]
    if len(absent) != 1:
        return False
    container = absent[0].comparators[0]
    if isinstance(container, ast.Call) and isinstance(container.func, ast.Attribute) \
            and container.func.attr == "keys" and not container.args:
        container = container.func.value
    assign = statement.body[0]
    return isinstance(assign, ast.Assign) and len(assign.targets) == 1 \
        and isinstance(target := assign.targets[0], ast.Subscript) \
        and ast.dump(target.value) == ast.dump(container) \
        and isinstance(target.slice, ast.Constant) and target.slice.value == absent[0].left.value \
        and (_is_setting_value(assign.value) or _names_a_constant(assign.value)
             or _ENVIRONMENT_NAME_READ.search(ast.unparse(assign.value)) is not None)


def _names_a_constant(value: ast.expr) -> bool:
    """A module's constant, by its name in capitals (`_model_info.ANTHROPIC_OPENAI_BASE_URL`)."""
    name = value.attr if isinstance(value, ast.Attribute) else value.id if isinstance(value, ast.Name) else ""
    return len(name) > 1 and UPPER_CASE.match(name) is not None


def _keys_given_defaults(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for reads of named keys that now fall back to a
    default when the key is missing (`config["alpha"]` or `group.get("alpha")` became
    `config.get("alpha", 0.0)`, `config.get("alpha") or 0.0` or `config["alpha"] if "alpha"
    in config else 0.0`): data written by an older version, without the key, still loads."""
    olds, news = _KeyReads(), _KeyReads()
    return _same_once_rewritten(before, after, olds, news) and news.defaults > olds.defaults


def _versions_given(before: _Touched, after: _Touched) -> bool:
    """The texts the statements now hold that they did not are all versions
    (`conf.get("inbody")` became `conf.get("inbody", "0.3.7")`): a default that pins a release."""
    def texts(touched: _Touched) -> set[str]:
        return {node.value for statement, _ in touched for node in ast.walk(statement)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    given = texts(after) - texts(before)
    return bool(given) and all(_VERSION_TEXT.fullmatch(text) for text in given)


class _KeyReads(ast.NodeTransformer):
    """Writes each read of a named key, `d["k"]`, `d.get("k")` or `d.get("k", default)`, the
    same way, weighing how each falls back where the key is missing: a default given counts
    two, `d.get("k")`, None, one, and a read that raises none."""

    def __init__(self) -> None:
        self.defaults = 0

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load) and _is_key(node.slice):
            return _key_read(node.value, node.slice)
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if (mapping := _mapping_read(node)) is not None:
            self.defaults += 2 if len(node.args) == 2 else int(dotted_path(node.func).endswith(".get"))
            return _key_read(mapping, node.args[0])
        return node

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        """`d["k"] if "k" in d else default`: a read that falls back to the default."""
        test, body = node.test, node.body
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In) \
                and _is_key(test.left) and isinstance(body, ast.Subscript) \
                and ast.dump(body.slice) == ast.dump(test.left) \
                and ast.dump(body.value) == ast.dump(test.comparators[0]):
            self.defaults += 2
            return _key_read(self.visit(body.value), body.slice)
        self.generic_visit(node)
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        """`d.get("k") or ""`: a read that falls back to the constant."""
        first = node.values[0]
        if isinstance(node.op, ast.Or) and len(node.values) == 2 \
                and isinstance(node.values[1], ast.Constant) and isinstance(first, ast.Call) \
                and (mapping := _mapping_read(first)) is not None and len(first.args) == 1:
            self.defaults += 2
            return _key_read(self.visit(mapping), first.args[0])
        self.generic_visit(node)
        return node


# `getattr(tokenizer, "language_code", tokenizer.language)`: an attribute read first where the
# object has it, another of it otherwise.
_READ_FIRST_ELSE = re.compile(r"""\bgetattr\(\s*([\w.]+)\s*,\s*["']\w+["']\s*,\s*\1\.\w""")


# `paragraph.style and paragraph.style.name`, `chunk.delta.content if chunk.delta else ""`: an
# attribute read only where its object is there.
_READ_WHERE_THERE = re.compile(r"(?<![\w.])([A-Za-z_][\w.]*) and \1\.\w"
                               r"|(?<![\w.])([A-Za-z_][\w.\[\]]*)\.\w+ if \2 else\b")


def _attributes_given_fallbacks(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for reads of an attribute that now fall back on
    another attribute of the same object (`getattr(processor, "feature_extractor", None)`
    became `getattr(processor, "feature_extractor", None) or getattr(processor,
    "audio_processor", None)`), or that now read another attribute first where the object has
    it (`tokenizer.language` became `getattr(tokenizer, "language_code", tokenizer.language)`):
    objects of a version that names it otherwise still work. So do reads now made only where
    the object is there (`paragraph.style.name` became `paragraph.style and
    paragraph.style.name`; `delta.content or ""` became `delta.content if delta else ""`):
    objects that lack it, as None, still work."""
    olds, news = _AttributeFallbacks(), _AttributeFallbacks()
    return _same_once_rewritten(before, after, olds, news) and news.fallbacks > olds.fallbacks


class _AttributeFallbacks(ast.NodeTransformer):
    """Writes `getattr(obj, "name", None) or getattr(obj, "other", ...)` as its first read alone,
    counting them: the first attribute may be missing, and the others stand in for it, and the
    object itself last (`... or llm`). (With
    any other default, `getattr(pc, "dp_enabled", False) or getattr(pc, "cp_enabled", False)`
    is a condition on both.)"""

    def __init__(self) -> None:
        self.fallbacks = 0

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        first, *rest = node.values
        owner = _attribute_owner(first)
        missing = isinstance(first, ast.Call) and len(first.args) == 3 \
            and is_none(first.args[2])
        if isinstance(node.op, ast.Or) and owner and missing and rest \
                and all(_attribute_owner(value) == owner for value in rest[:-1]) \
                and owner in (_attribute_owner(rest[-1]), ast.dump(rest[-1])):
            self.fallbacks += len(rest)
            return first
        if isinstance(node.op, ast.And) and len(rest) == 1 and isinstance(read := rest[0], ast.Attribute) \
                and ast.dump(read.value) == ast.dump(first):
            self.fallbacks += 1  # `style and style.name`: an object that may be None
            return read
        return node

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        """`delta.content if delta else ""` as `delta.content or ""`, and with None as the
        other value as the read alone."""
        self.generic_visit(node)
        if not isinstance(node.body, ast.Attribute) or ast.dump(node.body.value) != ast.dump(node.test):
            return node
        self.fallbacks += 1
        return node.body if is_none(node.orelse) else ast.BoolOp(op=ast.Or(), values=[node.body, node.orelse])

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if dotted_path(node.func) == "getattr" and len(node.args) == 3 and _is_key(node.args[1]) \
                and _attribute_owner(node.args[2]) == ast.dump(node.args[0]):
            self.fallbacks += 1
            return node.args[2]
        return node


def _attribute_owner(node: ast.expr) -> str:
    """The dump of the object whose attribute `node` reads: `obj.name` or `getattr(obj, "name",
    ...)`; empty for anything else."""
    if isinstance(node, ast.Attribute):
        return ast.dump(node.value)
    if isinstance(node, ast.Call) and dotted_path(node.func) == "getattr" and len(node.args) >= 2 \
            and _is_key(node.args[1]):
        return ast.dump(node.args[0])
    return ""


def _is_key(node: ast.expr | None) -> bool:
    return key_text(node) is not None


def key_text(node: ast.expr | None) -> str | None:
    """The string of a string constant (a key, a name or a message as written); None for any
    other node."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _key_read(mapping: ast.expr, key: ast.expr) -> ast.expr:
    return ast.Call(func=ast.Name(id="<read>", ctx=ast.Load()), args=[mapping, key], keywords=[])


def _may_route_through_adapter(text: list[str], lines: set[int]) -> bool:
    """How an adapter looks in the text: a function defined at module level among the added
    lines, and called in another."""
    defined = {match[1] for number in lines if (match := _MODULE_DEF.match(text[number - 1]))}
    return any(name + "(" in text[number - 1] for number in lines for name in defined
               if not text[number - 1].startswith("def "))


def _may_read_through_accessor(sides: ParsedSides, old_lines: set[int], new_lines: set[int]) -> bool:
    """How an accessor looks in the text: an attribute an old line reads is part of the name
    of a function a new line calls."""
    read = {match for n in old_lines for match in _READ_ATTRIBUTE.findall(sides.old_text_lines[n - 1])}
    called = {match for n in new_lines for match in _CALLED_NAME.findall(sides.new_text_lines[n - 1])}
    return any(attribute in name for attribute in read for name in called)


def _read_through_accessor(before: _Touched, after: _Touched, new: ModuleSymbols) -> bool:
    """Each touched statement is the same but for reads of an attribute now made through an
    imported function named for it and given the object: `hf_config.max_position_embeddings`
    became `get_max_position_embeddings(hf_config)`, which finds the value wherever a kind of
    config keeps it. The callers follow objects whose interface differs."""
    imported = new.imported_names
    accessors: list[str] = []
    return len(before) == len(after) and all(
        _same_but_accessed(old, now, imported, accessors)
        for (old, _), (now, _) in zip(before, after, strict=True)) and bool(accessors)


def _same_but_accessed(old: object, new: object, imported: set[str], accessors: list[str]) -> bool:
    """The two nodes are equal but for attribute reads made through accessors, which
    `accessors` learns."""
    def accessed(read: object, call: object) -> bool | None:
        if isinstance(read, ast.Attribute) and isinstance(call, ast.Call) \
                and isinstance(call.func, ast.Name) and call.func.id in imported \
                and read.attr in call.func.id and len(call.args) == 1 \
                and not call.keywords and ast.dump(call.args[0]) == ast.dump(read.value):
            accessors.append(call.func.id)
            return True
        return None
    return _same_but(old, new, accessed)


def _members_read_by_value(before: _Touched, after: _Touched) -> bool:
    """Each touched statement is the same but for members of a class now read by their value
    (`EventTypes.BEFORE_SETUP` became `EventTypes.BEFORE_SETUP.value`): the class became an
    `Enum`, whose members are no longer the strings they stand for."""
    read: list[str] = []

    def by_value(was: object, now: object) -> bool | None:
        if isinstance(now, ast.Attribute) and now.attr == "value" and isinstance(was, ast.Attribute) \
                and isinstance(was.value, ast.Name) and UPPER_CASE.match(was.attr) \
                and ast.dump(was) == ast.dump(now.value):
            read.append(was.attr)
            return True
        return None
    return len(before) == len(after) and all(
        _same_but(was, now, by_value) for (was, _), (now, _) in zip(before, after, strict=True)) \
        and bool(read)


def _routed_through_adapter(before: _Touched, after: _Touched, old: ModuleSymbols) -> bool:
    """Calls of an imported function now go through a function the change adds around it,
    the statements otherwise the same: `_is_package_available("vllm")` became
    `_package_available("vllm")`, which calls it and reads its result as a bool. The adapter
    keeps the callers on the interface they knew."""
    adapters = {s.name: s for s, _ in after if isinstance(s, ast.FunctionDef) and s.name not in old.symbols}
    rest = [(s, kernel) for s, kernel in after if not (isinstance(s, ast.FunctionDef) and s.name in adapters)]
    renamed: dict[str, str] = {}
    if not adapters or len(rest) != len(before) or not all(
            _same_but_renamed(o, n, renamed) for (o, _), (n, _) in zip(before, rest, strict=True)):
        return False
    imported = old.imported_names
    return bool(renamed) and all(
        was.split(".", 1)[0] in imported and now in adapters and _calls(adapters[now], was)
        for was, now in renamed.items())


def _calls(node: ast.AST, path: str) -> bool:
    return any(isinstance(inner, ast.Call) and dotted_path(inner.func) == path for inner in ast.walk(node))


def _only_call(statement: ast.stmt) -> ast.Call | None:
    """The call a statement makes, when it is a call, or returns or assigns one."""
    value = getattr(statement, "value", None) if isinstance(
        statement, ast.Expr | ast.Return | ast.Assign | ast.AnnAssign) else None
    return value if isinstance(value, ast.Call) else None


def _without_call(statement: ast.stmt) -> object:
    return [(name, value) for name, value in ast.iter_fields(statement) if name != "value"]


def _names_in(call: ast.Call) -> set[str]:
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    return set().union(*(referenced_names(argument) for argument in arguments))


def _guards_put_over(after: _Touched, guards: GuardRules, versions: frozenset[str]) -> list[ast.If]:
    """The `if`s that the new side's changed statements make up, when each tests a platform, a
    version or whether an optional package is there, its `else`, if any, a plain fallback
    (`quant = None`, `raise ...`) with no block of its own, or, under a test of a version, the
    code that runs on other versions (`if parse(router.__version__) <= parse("0.2.1"): ...
    else:` over the loop that was there); none when another statement changed."""
    gates = [statement for statement, _ in after if isinstance(statement, ast.If)
             and (_tests_a_version(statement.test, versions)
                  or (not any(nested_statements(s) for s in statement.orelse)
                      and _is_guard_test(ast.unparse(statement.test), guards)))]
    return gates if gates and len(gates) == len(after) else []


def _put_under_import_flags(sides: ParsedSides, old_lines: set[int], new_lines: set[int],
                            flags: frozenset[str]) -> bool:
    """Code that needs an optional package now runs only where the flag its import block sets
    says the import worked: the statements the change touched are unchanged but put under `if
    _triton_available:` (kernels defined only then, however long), or an `if` of theirs now
    also tests the flag (`if _triton_available and (x.is_cuda or x.is_xpu):`); refusals where
    the flag says it failed may come beside them (`if not _triton_available: raise ...`)."""
    assert sides.old is not None and sides.new is not None
    after = _touched(sides.new, new_lines - sides.new.refusal_lines, [], decorated=True)
    before = _touched(sides.old, old_lines, [], decorated=True) if old_lines else []
    if not after or before is None:
        return False
    if before and _flags_tested_first(before, after, flags):
        return True
    moved: list[ast.stmt] = []
    for statement, _ in after:
        if not isinstance(statement, ast.If) or not referenced_names(statement.test) & flags:
            return False
        rest = _without_flag(statement.test, flags)
        if statement.orelse and rest is None:
            return False
        moved.extend([ast.If(test=rest, body=statement.body, orelse=statement.orelse)] if rest is not None
                     else statement.body)
    return _moved_unchanged(before, moved)


def _flags_tested_first(before: _Touched, after: _Touched, flags: frozenset[str]) -> bool:
    """Each touched statement is the same but for tests, of `if`s or conditional expressions,
    that now first check a flag an import block sets (`dropout_add_rms_norm if
    isinstance(self.norm1, RMSNorm) else ...` became `if RMSNorm and isinstance(...)`, RMSNorm
    None where its import failed)."""
    olds, news = _FlagOperandsLeftOut(flags), _FlagOperandsLeftOut(flags)
    return _same_once_rewritten(before, after, olds, news) and news.left_out > olds.left_out


class _FlagOperandsLeftOut(ast.NodeTransformer):
    """Takes out of tests joined by `and` the operands that only check a flag, counting them."""

    def __init__(self, flags: frozenset[str]) -> None:
        self.flags = flags
        self.left_out = 0

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.op, ast.And):
            return node
        kept = [value for value in node.values if not self._checks_a_flag(value)]
        if not kept or len(kept) == len(node.values):
            return node
        self.left_out += len(node.values) - len(kept)
        return kept[0] if len(kept) == 1 else ast.BoolOp(op=node.op, values=kept)

    def _checks_a_flag(self, value: ast.expr) -> bool:
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
            value = value.operand
        return isinstance(value, ast.Name) and value.id in self.flags


def _tests_any(text: list[str], lines: set[int], names: frozenset[str]) -> bool:
    """One of the numbered lines is an `if` or `elif`, or holds a conditional expression's
    `if`, that names one of the names."""
    testing = re.compile(rf"\bif\b.*\b{one_of(names)}\b")
    return any(testing.search(text[number - 1]) for number in lines)


def _moved_unchanged(before: _Touched, moved: list[ast.stmt]) -> bool:
    """The statements put somewhere else are the touched ones of the old side, as they were."""
    return Counter(_indentation_blind(statement) for statement, _ in before) \
        == Counter(_indentation_blind(statement) for statement in moved)


def _indentation_blind(statement: ast.stmt) -> str:
    """The statement's dump, its docstrings cleaned of the indentation a block put under an
    `if` adds to their lines."""
    copy = copy_tree(statement)
    for node in ast.walk(copy):
        body = getattr(node, "body", None)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and body \
                and isinstance(first := body[0], ast.Expr) and isinstance(first.value, ast.Constant) \
                and isinstance(first.value.value, str):
            first.value.value = inspect.cleandoc(first.value.value)
    return ast.dump(copy)


def _without_flag(test: ast.expr, flags: frozenset[str]) -> ast.expr | None:
    """What `FLAG and (rest)` tests beside the flag; None for the flag alone; any other test
    as it is."""
    if isinstance(test, ast.Name) and test.id in flags:
        return None
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        rest = [value for value in test.values if not (isinstance(value, ast.Name) and value.id in flags)]
        if len(rest) < len(test.values):
            return rest[0] if len(rest) == 1 else ast.BoolOp(op=ast.And(), values=rest)
    return test


def _is_guard_test(test: str, guards: GuardRules) -> bool:
    """The test of an `if` checks a platform, a version or whether an optional package is there."""
    return bool(guards.is_platform_test(test) or VERSION_PREDICATE.search(test)
                or _AVAILABILITY.search(test))


def _skeleton(node: object) -> object:
    """The node with what a caller may adapt left out: each call's arguments, the middle of
    the path to its callee, and the names an assignment from a call unpacks into."""
    if isinstance(node, ast.Call):
        return "call", _callee(node.func)
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        return "assign", _skeleton(node.value)
    if isinstance(node, ast.AST):
        return type(node).__name__, tuple(_skeleton(value) for _, value in ast.iter_fields(node))
    if isinstance(node, list):
        return tuple(_skeleton(item) for item in node)
    return node


def _callee(func: ast.expr) -> object:
    path = dotted_path(func)
    if not path:
        return _skeleton(func)
    parts = path.split(".")
    return parts[0], parts[-1]


def _call_shapes(statement: ast.stmt) -> list[object]:
    """What a caller adapts: per call its callee's path, how many positional arguments it
    passes and which keywords; per assignment how many names it unpacks into. Calls that
    print or log count as unchanged, their arguments being a message; calls of built-in
    functions and of the standard library's modules (`os.path.join`), whose interfaces stay
    as they are, are left out."""
    shapes: list[object] = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            path = dotted_path(node.func)
            if path.rsplit(".", 1)[-1] in MESSAGE_CALLS:
                return []
            if path in BUILTIN_NAMES or is_stdlib_module(path):
                continue
            shapes.append((path, len(node.args), sorted(k.arg or "**" for k in node.keywords)))
        elif isinstance(node, ast.Assign):
            shapes.append([len(t.elts) if isinstance(t, ast.Tuple | ast.List) else 1
                           for t in node.targets])
    return shapes


def _argument_values(statement: ast.stmt, other: ast.stmt) -> Counter[str]:
    """The values passed to every call in the statement, by position or keyword alike. A call
    adapted to an interface gains or loses arguments, or passes one by another keyword or by
    keyword instead of position; one whose remaining values are rewritten changed what it
    computes. A call passed on counts by its callee, the walk reaching its own arguments. A
    variable handed to the parameter of its own name (`dpg=dpg`) that the `other` side's calls
    take no more is left out: a caller that now hands `parallel_context=parallel_context`
    follows a parameter renamed with its type."""
    taken = {keyword.arg for node in ast.walk(other) if isinstance(node, ast.Call)
             for keyword in node.keywords}
    found: Counter[str] = Counter()
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            found.update(_passed(argument) for argument in node.args)
            found.update(_passed(keyword.value) for keyword in node.keywords
                         if keyword.arg in taken or not (isinstance(keyword.value, ast.Name)
                                                         and keyword.value.id == keyword.arg))
    return found


def _passed(value: ast.expr) -> str:
    """A call by its callee; a number by its value, `0` being `0.0`."""
    if isinstance(value, ast.Call):
        return "call " + dotted_path(value.func)
    if (number := number_value(value)) is not None:
        return f"number {number!r}"
    return ast.dump(value)


def number_value(node: ast.AST) -> float | None:
    """The value of an integer or a float written out (not of `True`, a bool being an int too)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return float(node.value)
    return None
