"""The analysed project's dependencies, read statically from its manifests.

Core dependencies are installed with the project; optional ones only with an extra, a
platform-specific requirements file or an environment marker. Platform-specific packages
(accelerator kernels and runtimes) come from a built-in list that configuration extends.
"""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from packaging.requirements import InvalidRequirement, Requirement

from prdossier.analysis.pysymbols import is_stdlib_module

# Import names of packages that exist only for some accelerators or platforms.
BUILTIN_PLATFORM_PACKAGES = frozenset({
    "sgl_kernel", "deep_gemm", "deep_ep", "aiter", "tvm_ffi", "torch_npu", "torch_mlu",
    "torch_musa", "intel_extension_for_pytorch", "oneccl_bindings_for_pytorch", "flashinfer",
    "triton", "flash_attn", "vllm_flash_attn", "flash_mla", "xformers", "apex",
    "habana_frameworks", "cupy", "cuda", "tensorrt", "tensorrt_llm", "transformer_engine",
    "mooncake", "nixl", "cutlass", "quack", "torch_xla", "mindie_llm", "vllm_ascend",
})
# Distributions whose import name is not their normalised distribution name.
IMPORT_NAMES = {
    "pyyaml": "yaml", "pillow": "PIL", "scikit_learn": "sklearn", "opencv_python": "cv2",
    "opencv_python_headless": "cv2", "beautifulsoup4": "bs4", "python_dateutil": "dateutil",
    "protobuf": "google", "apache_tvm_ffi": "tvm_ffi", "amd_aiter": "aiter",
    "cuda_python": "cuda", "nvidia_cutlass_dsl": "cutlass", "flashinfer_python": "flashinfer",
    "pytorch_triton_rocm": "triton", "pytorch_triton_xpu": "triton", "triton_ascend": "triton",
    "msgpack_python": "msgpack", "attrs": "attr", "pyzmq": "zmq",
}
_CORE_REQUIREMENTS = re.compile(r"(^|/)requirements(/|[-_])?(common|base|core|main)?\.(txt|in)$")
_REQUIREMENTS = re.compile(r"(^|/)requirements(?P<rest>[^/]*)(/(?P<inner>[^/]+))?\.(txt|in)$")

_DEVELOPMENT_EXTRA = re.compile(
    r"^(dev|develop|development|tests?|testing|lint|linting|docs?|bench(mark)?s?|ci|typing|mypy|"
    r"format|style|build|release)([-_].*)?$", re.I)

Status = Literal["stdlib", "first-party", "core", "optional", "platform", "undeclared"]


@dataclass(frozen=True)
class Dependency:
    name: str
    import_name: str
    specifier: str
    extra: str | None  # None for a core dependency
    source: str


@dataclass
class DependencyModel:
    dependencies: list[Dependency] = field(default_factory=list)
    platform_packages: frozenset[str] = BUILTIN_PLATFORM_PACKAGES
    first_party: frozenset[str] = frozenset()

    def core(self, import_name: str) -> Dependency | None:
        return next((d for d in self.dependencies
                     if d.import_name == import_name and d.extra is None), None)

    def optional(self, import_name: str) -> list[Dependency]:
        """Declarations in extras that users install; development extras do not count."""
        return [d for d in self.dependencies if d.import_name == import_name and d.extra
                and not _DEVELOPMENT_EXTRA.search(d.extra)]

    def status(self, top: str) -> Status:
        if top in self.first_party:
            return "first-party"
        if is_stdlib_module(top):
            return "stdlib"
        if self.core(top):
            return "core"
        if top in self.platform_packages:
            return "platform"
        if self.optional(top):
            return "optional"
        return "undeclared"

    def can_fail(self, top: str) -> bool:
        """Importing it fails where it is not installed and the project does not promise it."""
        return self.status(top) in ("platform", "optional")

    def why_optional(self, top: str) -> tuple[str, str, dict[str, str]]:
        """Why importing `top` can fail: the English clause, its form (`platform`,
        `platform-declared`, `optional`) and the arguments that fill it."""
        extras = ", ".join(sorted({d.extra or "" for d in self.optional(top)}))
        args = {"package": top, "extras": extras}
        if self.status(top) != "platform":
            return f"`{top}` is optional (only in {extras})", "optional", args
        if extras:
            return f"`{top}` is platform-specific; declared only for {extras}", "platform-declared", args
        return f"`{top}` is platform-specific", "platform", args


def import_name(distribution: str) -> str:
    normalised = re.sub(r"[-_.]+", "_", distribution).lower()
    return IMPORT_NAMES.get(normalised, normalised)


def read_dependencies(manifests: Mapping[str, str], platform_packages: frozenset[str],
                      first_party: frozenset[str]) -> DependencyModel:
    """`manifests` maps repository paths of pyproject.toml, setup.cfg, setup.py and
    requirements files to their text."""
    found: list[Dependency] = []
    for path, text in sorted(manifests.items()):
        name = path.rsplit("/", 1)[-1]
        if name == "pyproject.toml":
            found += _from_pyproject(path, text)
        elif name == "setup.cfg":
            found += _from_setup_cfg(path, text)
        elif name == "setup.py":
            found += _from_setup_py(path, text)
        elif _REQUIREMENTS.search(path):
            found += _from_requirements(path, text)
    return DependencyModel(found, platform_packages, first_party)


def declared_pins(path: str, text: str | None) -> dict[tuple[str, str | None], Dependency]:
    """The requirements one manifest declares, by (lower-cased name, extra)."""
    if text is None:
        return {}
    model = read_dependencies({path: text}, frozenset(), frozenset())
    return {(d.name.lower(), d.extra): d for d in model.dependencies}


def requirement_groups(tree: ast.Module | None) -> set[frozenset[str]]:
    """The requirements a build script spells, each list of them as a whole: a list (or tuple,
    or set) of string literals that are requirements, one with a version or a marker among them
    (`["torch>=1.7.0", "loguru"]`), and any other such literal alone, wherever the script builds
    it (`"triton-ascend==3.2.0"`). A requirement moved from one list to another (from the extras
    to what is always installed) changes both."""
    nodes = list(ast.walk(tree)) if tree is not None else []
    groups: set[frozenset[str]] = set()
    listed: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and node.elts:
            parsed = [_requirement_literal(element) for element in node.elts]
            if all(parsed) and any(one.specifier or one.marker for one in parsed if one):
                groups.add(frozenset(str(one) for one in parsed))
                listed.update(id(element) for element in node.elts)
    for node in nodes:
        if isinstance(node, ast.Constant) and id(node) not in listed \
                and (one := _requirement_literal(node)) is not None and (one.specifier or one.marker):
            groups.add(frozenset({str(one)}))
    return groups


def _requirement_literal(node: ast.expr) -> Requirement | None:
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200):
        return None
    return parse_requirement(node.value)


def parse_requirement(text: str) -> Requirement | None:
    """The package requirement the text spells (`transformers==4.52.4`), if it spells one."""
    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def is_manifest(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return ((path.count("/") <= 2 and name in ("pyproject.toml", "setup.cfg", "setup.py"))
            or bool(_REQUIREMENTS.search(path)))


def _requirement(line: str, extra: str | None, source: str) -> Dependency | None:
    try:
        parsed = Requirement(line)
    except InvalidRequirement:
        return None
    if parsed.marker is not None and extra is None and _marker_limits_platform(str(parsed.marker)):
        extra = f"marker {parsed.marker}"
    return Dependency(name=parsed.name, import_name=import_name(parsed.name),
                      specifier=str(parsed.specifier), extra=extra, source=source)


def _marker_limits_platform(marker: str) -> bool:
    return bool(re.search(r"platform_machine|sys_platform|platform_system|extra", marker))


def _from_pyproject(path: str, text: str) -> list[Dependency]:
    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return []
    found = [_requirement(line, None, path) for line in project.get("dependencies", [])
             if isinstance(line, str)]
    for extra, lines in project.get("optional-dependencies", {}).items():
        found += [_requirement(line, extra, path) for line in lines if isinstance(line, str)]
    return [d for d in found if d]


def _from_setup_cfg(path: str, text: str) -> list[Dependency]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    found = [_requirement(line, None, path)
             for line in parser.get("options", "install_requires", fallback="").splitlines()
             if line.strip()]
    if parser.has_section("options.extras_require"):
        for extra, lines in parser.items("options.extras_require"):
            found += [_requirement(line, extra, path) for line in lines.splitlines() if line.strip()]
    return [d for d in found if d]


def _from_setup_py(path: str, text: str) -> list[Dependency]:
    """Literal `install_requires=[...]` and `extras_require={...}` of a `setup()` call, also
    where the literal is bound to a module-level name the call passes (`install_requires=
    install_requires_list`)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return []
    bound = {statement.targets[0].id: statement.value for statement in tree.body
             if isinstance(statement, ast.Assign) and len(statement.targets) == 1
             and isinstance(statement.targets[0], ast.Name)}
    found: list[Dependency | None] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.keyword):
            continue
        written = bound.get(node.value.id, node.value) if isinstance(node.value, ast.Name) else node.value
        try:
            value = ast.literal_eval(written)
        except ValueError:
            continue
        if node.arg == "install_requires" and isinstance(value, list | tuple):
            found += [_requirement(line, None, path) for line in value if isinstance(line, str)]
        elif node.arg == "extras_require" and isinstance(value, dict):
            for extra, lines in value.items():
                found += [_requirement(line, str(extra), path) for line in lines
                          if isinstance(line, str)]
    return [d for d in found if d]


def _from_requirements(path: str, text: str) -> list[Dependency]:
    """A core requirements file, or one named for a platform (`requirements-npu.txt`)."""
    match = _REQUIREMENTS.search(path)
    assert match is not None
    extra = None if _CORE_REQUIREMENTS.search(path) else (
        (match["inner"] or match["rest"]).strip("-_") or None)
    found = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            found.append(_requirement(line, extra, path))
    return [d for d in found if d]
