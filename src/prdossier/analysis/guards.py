"""What protects an import from failing: the statements it sits under, classified."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.pysymbols import VERSION_PREDICATE, Guard, ImportStatement

# From strongest to weakest. `type-checking` never runs; `import-error` is caught, in a
# function too; `lazy` runs when a function is called; `platform` and `version` run only where
# the condition holds; `conditional` under some other condition or in an `except` fallback;
# `unguarded` runs whenever the module is imported.
Protection = Literal["type-checking", "import-error", "lazy", "platform", "version",
                     "conditional", "unguarded"]
IMPORT_TIME: tuple[Protection, ...] = ("unguarded", "conditional", "platform", "version")

BUILTIN_PLATFORM_PREDICATES = (
    r"\b_?is_(cuda|npu|hip|rocm|xpu|cpu|mps|musa|mlu|hpu|tpu|gaudi|sm\d+|blackwell|hopper|"
    r"ampere|intel|amd|nvidia|ascend|cuda_alike)\w*",
    r"\bcurrent_platform\.\w+",
    r"\btorch\.(cuda|npu|xpu|mps|musa|mlu|hpu)\.is_available\b",
    r"\btorch\.version\.(hip|cuda)\b",
    r"\b_?(IS|HAS|USE)_(CUDA|NPU|HIP|ROCM|XPU|CPU|MPS|MUSA|MLU|HPU|TPU|TRITON|FLASHINFER)\w*",
    r"\bsys\.platform\b|\bplatform\.(system|machine)\(",
    r"\bdevice(_type)?\s*==",
    # a GPU's compute capability: `arch == "sm120"`, `get_device_capability()`
    r"""["']sm_?\d+[a-z]?["']|\bget_device_capability\(""",
)
_IMPORT_ERRORS = re.compile(r"\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b")
_TYPE_CHECKING = re.compile(r"^(typing\.)?TYPE_CHECKING$")


# Tests of whether a module has a name, or a package is there.
_PROBES = re.compile(r"\bhasattr\(|\bfind_spec\(|\bis_\w+_available\b")


def is_alternative_source(statement: ImportStatement) -> bool:
    """The import is one of several sources the code chooses between on purpose: tried in a
    `try` that catches import errors, the fallback in an `except`, or picked by a test of a
    version or of what is there (`if hasattr(torch.onnx, "_type_utils"):`)."""
    return any((guard.kind == "try" and _IMPORT_ERRORS.search(guard.text))
               or guard.kind == "except"
               or (guard.kind in ("if", "else") and (VERSION_PREDICATE.search(guard.text)
                                                     or _PROBES.search(guard.text)))
               for guard in statement.guards)


@dataclass(frozen=True)
class GuardRules:
    """Recognises platform conditions with the built-in patterns plus the configured ones."""

    extra_predicates: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: AnalysisConfig) -> GuardRules:
        return cls(tuple(config.platform_predicates))

    @cached_property
    def platform(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in (*BUILTIN_PLATFORM_PREDICATES,
                                                        *self.extra_predicates)))

    def protection(self, statement: ImportStatement) -> Protection:
        """The strongest protection among the statements the import sits under."""
        kinds = [self._guard(guard) for guard in statement.guards]
        for kind in ("type-checking", "import-error", "lazy", "platform", "version",
                     "conditional"):
            if kind in kinds:
                return kind  # type: ignore[return-value]
        return "unguarded"

    def is_platform_test(self, test: str) -> bool:
        return bool(self.platform.search(test))

    def _guard(self, guard: Guard) -> Protection:
        if guard.kind == "def":
            return "lazy"
        if guard.kind == "try":
            return "import-error" if _IMPORT_ERRORS.search(guard.text) else "conditional"
        if _TYPE_CHECKING.match(guard.text) and guard.kind in ("if", "else"):
            return "type-checking" if guard.kind == "if" else "unguarded"
        if guard.kind in ("if", "else"):
            if self.platform.search(guard.text):
                return "platform"
            if VERSION_PREDICATE.search(guard.text):
                return "version"
            return "conditional"
        if guard.kind == "except":
            return "conditional"
        return "unguarded"
