"""The change type of a changed C, C++, CUDA or Rust source, each kind beside its near misses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.test_symbols import _diff, _facts

_ALLOCATOR = """\
#include <cuda_runtime.h>
#include <vector>

struct Pool {{
    Pool(int device)
    {{
        int count = 0;
        cudaGetDeviceCount(&count);
{peer}        cudaMemPoolSetAttribute(pool_, kThreshold, &limit_);
    }}
    int limit_;
}};
"""
_PEER = """\
        for (int i = 0; i < count; i++) {
            enable_peer(i);
        }
"""
_MAX = """\
__device__ float abs_max(float current, float a) {{
{body}}}
"""
_PTX = '    asm("max.NaN.abs.f32 %0, %1, %2;" : "=f"(current) : "f"(current), "f"(a));\n    return current;\n'
_TILES = """\
namespace attention {{

constexpr int kHeadDim = 256;
constexpr int kStages  = {stages};

void launch(float* q, int n)
{{
    constexpr int kWarps = {warps};
    run<kHeadDim, kStages, kWarps>(q, n);
}}

}}  // namespace attention
"""
_CHECKS = """\
at::Tensor mha_fwd(at::Tensor& q, float scale)
{{
    auto [cc_major, cc_minor] = get_compute_capability(device());
{checks}    auto out = run_attention(q, scale);
    return out;
}}
"""
_OLD_CHECKS = """\
    bool is_sm8x = cc_major == 8 && cc_minor >= 0;
    bool is_sm90 = cc_major == 9 && cc_minor == 0;
    TORCH_CHECK(is_sm90 || is_sm8x, "needs Ampere or newer");
    if (q.dtype() == torch::kBFloat16) {
        TORCH_CHECK(is_sm90 || is_sm8x, "bf16 needs Ampere or newer");
    }
"""
_NEW_CHECKS = """\
    bool is_sm8x_min = cc_major >= 8;
    TORCH_CHECK(is_sm8x_min, "needs Ampere or newer");
"""
_DISPATCH = """\
static void gemm(int M, int N, GpuProps gpu)
{{
    const bool wide = M <= 6 && {arch};
    {launch}(M, N, wide);
}}
"""
_PROPS = "{keyword} GpuProps {{\n    int {fields};\n}};\n"
_ROUTER = """\
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Processor {{
    {field},
}}

impl Llama4 {{
    {visibility}fn aspect_ratios(&self, height: usize{extra}) -> usize {{
        let chunks = 15;
        height / chunks
    }}
}}

fn serve() {{
    let ids = vec![{ids}];
    run(ids);
}}

#[cfg(test)]
mod tests {{
    #[test]
    fn test_messages() {{
        let message = Message {{ role: "user"{test_field} }};
        assert_eq!(message.role, "user");
    }}
}}
"""
_ROUTER_BASE = {"field": "do_image_splitting: bool", "visibility": "pub ", "extra": "", "ids": "1",
                "test_field": ""}
_BINDING = """\
#include "moe.h"

{storage}Tensor run_moe(TensorView input, int64_t top_k{extra})
{{
    auto workspace = alloc_workspace(input, top_k);
    return launch(input, workspace, top_k);
}}
"""


def _router(**changed: str) -> str:
    return _ROUTER.format(**{**_ROUTER_BASE, **changed})


def _field_added(path: str, keyword: str, expected: str) -> tuple[str, str, str, str]:
    return (path, _PROPS.format(keyword=keyword, fields="num_sms, cc_major"),
            _PROPS.format(keyword=keyword, fields="device_index, num_sms, cc_major"), expected)


def _workspace_passed(storage: str, expected: str) -> tuple[str, str, str, str]:
    return ("csrc/moe_binding.cu", _BINDING.format(storage=storage, extra=""),
            _BINDING.format(storage=storage, extra=", Optional<TensorView> workspace"), expected)


def _workspace_passed_in_namespace(opening: str, expected: str) -> tuple[str, str, str, str]:
    path, old, new, _ = _workspace_passed("", expected)
    return path, f"{opening}\n{old}}}  // namespace\n", f"{opening}\n{new}}}  // namespace\n", expected


def _chunks_passed_in(router: str) -> str:
    return router.replace("usize) -> usize", "usize, max_chunks: usize) -> usize").replace(
        "let chunks = 15;\n        height / chunks", "height / max_chunks")


def _native_type(path: str, old: str, new: str) -> str:
    return _facts(_diff(path, old, new)).files[0].change_type


_REGISTER_HEADER = ("#include \"net.h\"\n\n{open}MMDEPLOY_API int register_custom_layers(ncnn::Net& net);\n"
                    "MMDEPLOY_API int layer_count();\n{close}\n")
_NO_BLOCK = _REGISTER_HEADER.format(open="", close="")

_SCHEMA = """\
at::Tensor attend(const at::Tensor& q)
{{
    auto out = run(q);
    return out;
}}

TORCH_LIBRARY(gems, m) {{
    m.def("attend(Tensor q, {scale}? q_descale=None) -> Tensor");
}}
"""


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    ("csrc/norm/utils.cuh", _MAX.format(body="    // one instruction\n" + _PTX),
     _MAX.format(body="    // one instruction on sm100 and later\n" + _PTX), "docs"),
    ("csrc/norm/utils.cuh", _MAX.format(body=_PTX), _MAX.format(body=_PTX.replace("return", "\n    return")),
     "core-logic"),
    ("csrc/ops/impl.h", _ALLOCATOR.format(peer=""),
     _ALLOCATOR.format(peer="").replace("#include <vector>\n", ""), "dependency-wiring"),
    ("csrc/ops/impl.h", _ALLOCATOR.format(peer=""),
     _ALLOCATOR.format(peer="").replace("#include <vector>\n", "").replace("count = 0", "count = 1"),
     "core-logic"),
    ("router/src/lib.rs", _router(), "use serde::{Deserialize, Serialize};\n" + _router().split("\n", 1)[1],
     "dependency-wiring"),
    ("router/src/infer.rs", _router(), _router(test_field=', tool_call_id: None'), "test-coverage"),
    ("router/src/infer.rs", _router(), _router(test_field=', tool_call_id: None', ids="1, 2"), "core-logic"),
    ("src/utils/allocator.h", _ALLOCATOR.format(peer=_PEER),
     _ALLOCATOR.format(peer="#if ENABLE_CUSTOM_ALL_REDUCE\n" + _PEER + "#endif\n"), "configuration"),
    ("csrc/mx/quantize.cuh", _MAX.format(body=_PTX), _MAX.format(
        body="#if CUDA_VERSION >= 12090 && defined(__CUDA_ARCH__) && \\\n    __CUDA_ARCH__ >= 1000\n"
        + _PTX + "#else\n    return fmaxf(fabsf(current), fabsf(a));\n#endif\n"), "configuration"),
    ("csrc/mx/quantize.cuh", _MAX.format(body=_PTX), _MAX.format(
        body="#if CUDA_VERSION >= 12090\n" + _PTX + "#endif\n    current = fabsf(current);\n"
        "    return current;\n"), "core-logic"),
    ("csrc/mx/quantize.cuh", _MAX.format(body=_PTX), _MAX.format(
        body="#if CUDA_VERSION >= 12090\n" + _PTX + "#elif defined(ENABLE_SM75)\n"
        + "    float m = fabsf(current);\n    m = fmaxf(m, fabsf(a));\n"
        + "    current = m;\n    return current;\n"
        + "#endif\n"), "core-logic"),
    ("src/kernels/decoding_256.cu", _TILES.format(stages=3, warps=4), _TILES.format(stages=2, warps=4),
     "configuration"),
    ("src/kernels/decoding_256.cu", _TILES.format(stages=3, warps=4), _TILES.format(stages=3, warps=8),
     "core-logic"),
    ("src/kernels/alltoall.h", "static constexpr int kMaxTopK = 8;  // per token\n",
     "static constexpr int kMaxTopK = 22;  // per token\n", "configuration"),
    ("csrc/flash_api.cpp", _CHECKS.format(checks=_OLD_CHECKS), _CHECKS.format(checks=_NEW_CHECKS),
     "configuration"),
    ("csrc/flash_api.cpp", _CHECKS.format(checks=_OLD_CHECKS),
     _CHECKS.format(checks=_NEW_CHECKS + "    q = q.contiguous();\n"), "core-logic"),
    ("csrc/gemm_4bit.cu", _DISPATCH.format(arch="cc_major == 12 && cc_minor == 0", launch="launch_simt"),
     _DISPATCH.format(arch="cc_major == 12 && cc_minor <= 1", launch="launch_simt"), "configuration"),
    ("csrc/gemm_4bit.cu", _DISPATCH.format(arch="wide_n", launch="launch_sm80"),
     _DISPATCH.format(arch="wide_n", launch="launch_sm90"), "core-logic"),
    ("csrc/gemm_4bit.cu", _DISPATCH.format(arch='check(wide_n, "no SIMT on sm120")', launch="launch_simt"),
     _DISPATCH.format(arch='check(wide_n, "no SIMT on sm120 or sm121")', launch="launch_simt"), "core-logic"),
    ("csrc/fused_attn.cpp", _DISPATCH.format(arch="cudnn_runtime_version == 91100 && sm_arch_ == 90",
                                             launch="launch_fused"),
     _DISPATCH.format(arch="cudnn_runtime_version >= 91100 && sm_arch_ == 90", launch="launch_fused"),
     "configuration"),
    ("csrc/fused_attn.cpp", _DISPATCH.format(arch="runtime_flags == 91100", launch="launch_fused"),
     _DISPATCH.format(arch="runtime_flags >= 91100", launch="launch_fused"), "core-logic"),
    ("csrc/fmha_api.cpp", _DISPATCH.format(arch="dprops->major == 8 && dprops->minor == 0",
                                           launch="launch_fmha"),
     _DISPATCH.format(arch="(dprops->major == 8 || dprops->major == 9) && dprops->minor == 0",
                      launch="launch_fmha"), "configuration"),
    ("csrc/fmha_api.cpp", _DISPATCH.format(arch="dprops->multiProcessorCount == 108", launch="launch_fmha"),
     _DISPATCH.format(arch="dprops->multiProcessorCount >= 108", launch="launch_fmha"), "core-logic"),
    _field_added("csrc/gemm_4bit_common.cuh", "struct", "data-contract"),
    _field_added("csrc/gemm_4bit.cu", "struct", "core-logic"),
    _field_added("csrc/gemm_4bit_common.cuh", "class", "core-logic"),
    ("router/src/config.rs", _router(), _chunks_passed_in(_router()), "data-contract"),
    ("router/src/config.rs", _router(visibility=""), _chunks_passed_in(_router(visibility="")),
     "core-logic"),
    ("router/src/lib.rs", _router(), _router(field="max_patches: usize"), "data-contract"),
    _workspace_passed("", "data-contract"),
    _workspace_passed("static ", "core-logic"),
    _workspace_passed_in_namespace("namespace {", "core-logic"),
    _workspace_passed_in_namespace("namespace moe {", "data-contract"),
    _workspace_passed("__global__ ", "core-logic"),
    ("csrc/ops.cpp", _SCHEMA.format(scale="float"), _SCHEMA.format(scale="Tensor"), "data-contract"),
    ("csrc/ops.cpp", _SCHEMA.format(scale="float"),
     _SCHEMA.format(scale="float").replace("return out;", "return out * 2;"), "core-logic"),
    # a linkage taken away changes the names the library exports; a namespace taken away from
    # around the same declarations is judged by what they are
    ("csrc/ops/register.h", _REGISTER_HEADER.format(open='extern "C" {\n', close="}\n"), _NO_BLOCK,
     "data-contract"),
    ("csrc/ops/register.h", _REGISTER_HEADER.format(open="namespace ops {\n", close="}  // namespace ops\n"),
     _NO_BLOCK, "core-logic"),
], ids=["comment-reworded", "blank-line-added", "include-dropped", "include-dropped-beside-code",
        "rust-use-widened", "rust-test-module", "rust-test-module-beside-code", "feature-flag-directive",
        "version-directive-with-fallback", "version-directive-beside-code",
        "version-directive-with-an-implementation", "tile-constants",
        "constant-inside-a-function", "constant-beside-a-comment", "capability-checks",
        "capability-checks-beside-code",
        "dispatch-architecture", "architecture-named-kernel", "architecture-in-a-message",
        "library-version-range-widened", "other-value-compared", "device-properties-capability",
        "device-properties-other-field",
        "header-struct-field", "source-struct-field", "header-class-member", "pub-rust-parameter",
        "private-rust-parameter", "pub-struct-field",
        "binding-parameter", "static-function-parameter", "anonymous-namespace-function-parameter",
        "named-namespace-function-parameter", "kernel-parameter",
        "registered-schema-changed", "code-beside-the-registration-changed", "linkage-taken-away",
        "namespace-taken-away"])
def test_native_change_types_and_their_near_misses(path: str, old: str, new: str, expected: str) -> None:
    assert _native_type(path, old, new) == expected


_SAMPLE = ('int main(int argc, char* argv[]) {\n    const std::string models_path = argv[1];\n'
           '    const std::string device = "CPU";  // GPU, NPU can be used as well\n'
           '    return run(models_path, device);\n}\n')



@pytest.mark.parametrize(("new", "expected"), [
    (_SAMPLE.replace("GPU, NPU can", "GPU can"), "docs"),
    # near misses: the device the sample runs on changed with its comment; two lines swapped
    (_SAMPLE.replace('"CPU";  // GPU, NPU can', '"GPU";  // CPU can'), "core-logic"),
    ("\n".join(_SAMPLE.splitlines()[i] for i in (0, 2, 1, 3, 4)) + "\n", "core-logic"),
], ids=["comment-after-code-reworded", "value-and-comment-changed", "lines-swapped"])
def test_a_comment_after_code_reworded_is_docs(new: str, expected: str) -> None:
    assert _native_type("csrc/text2image.cpp", _SAMPLE, new) == expected


_UQFF = ('pub(crate) const UQFF_RESIDUAL: &str = "residual.safetensors";\n// 10 GB max per file\n'
         "{cfg64}const MAX_UQFF_SIZE_BYTES: usize = 10 * 1024 * 1024 * 1024;\n{fallback}"
         'pub const UQFF_MULTI_FILE_DELIMITER: &str = ";";\n\n'
         "pub fn shard_count(total: usize) -> usize {{\n    total / MAX_UQFF_SIZE_BYTES + 1\n}}\n")


@pytest.mark.parametrize(("fallback", "expected"), [
    ('#[cfg(not(target_pointer_width = "64"))]\nconst MAX_UQFF_SIZE_BYTES: usize = usize::MAX;\n',
     "configuration"),
    # near miss: what is compiled for 32-bit targets is code, not a constant
    ('#[cfg(not(target_pointer_width = "64"))]\nfn clamp(n: usize) -> usize {\n    n.min(1 << 30)\n}\n',
     "core-logic"),
], ids=["constant-per-target", "function-per-target"])
def test_a_rust_constant_chosen_by_the_target_is_configuration(fallback: str, expected: str) -> None:
    old = _UQFF.format(cfg64="", fallback="")
    new = _UQFF.format(cfg64='#[cfg(target_pointer_width = "64")]\n', fallback=fallback)
    facts = _facts(_diff("mistralrs-core/src/pipeline/isq.rs", old, new))
    assert facts.files[0].change_type == expected
    assert facts.key_symbols == (["MAX_UQFF_SIZE_BYTES"] if expected == "configuration" else ["clamp"])


_BENCH_MODS = "pub(crate) mod affine;\npub(crate) mod copy;\npub(crate) mod matmul;\n"


@pytest.mark.parametrize(("new", "expected"), [
    (_BENCH_MODS.replace("mod copy;", "mod broadcast;\npub(crate) mod copy;"), "dependency-wiring"),
    # near miss: a module written in place is code, not a file brought in
    (_BENCH_MODS + "mod helpers {\n    pub fn warm_up() -> u32 {\n        3\n    }\n}\n", "core-logic"),
], ids=["module-declared", "module-written-inline"])
def test_a_rust_module_declared_brings_its_file_in(new: str, expected: str) -> None:
    assert _native_type("candle-core/benches/benchmarks/mod.rs", _BENCH_MODS, new) == expected


_LLAMA_EXAMPLE = ("use candle::{DType, Tensor};\n\nstruct RmsNorm {\n    scale: Tensor,\n}\n\n"
                  "impl RmsNorm {\n    fn forward(&self, x: &Tensor) -> Result<Tensor> {\n{body}"
                  "        let x = (x * &self.scale)?;\n        Ok(x)\n    }\n}\n")


@pytest.mark.parametrize(("status", "expected"), [
    ("modified", "core-logic"),
    # near miss: a new example is a page of the documentation
    ("added", "docs"),
], ids=["example-changed", "example-added"])
def test_what_a_change_makes_a_native_example_do_is_judged_as_code(status: str, expected: str) -> None:
    old = _LLAMA_EXAMPLE.replace("{body}", "") if status == "modified" else None
    new = _LLAMA_EXAMPLE.replace("{body}", "        let x = x.to_dtype(DType::F32)?;\n")
    diff = _diff("candle-examples/examples/llama/main.rs", old, new, status=status)
    assert _facts(diff).files[0].change_type == expected


_PYBIND_MACRO = ('#pragma once\n\n#define ACTIVATION_PYBIND \\\n    m.def("silu_and_mul", \\\n'
                 '          &ops::silu_and_mul, \\\n          "Activation used in SwiGLU.", \\\n'
                 '          py::arg("out"), \\\n          py::arg("input"));\n')


@pytest.mark.parametrize(("new", "expected"), [
    (_PYBIND_MACRO.replace('py::arg("input"));', 'py::arg("input"), \\\n          py::arg("limit") = 0.0f);'),
     "data-contract"),
    (_PYBIND_MACRO.replace('SwiGLU."', 'SwiGLU gates."'), "core-logic"),
], ids=["argument-bound-for-python", "message-reworded"])
def test_the_arguments_python_is_bound_with_are_a_contract(new: str, expected: str) -> None:
    assert _native_type("csrc/include/ops.hpp", _PYBIND_MACRO, new) == expected


_HADAMARD_MODULE = ('#include <torch/extension.h>\n\nPYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {\n'
                    '    m.def("fast_hadamard_transform", &fast_hadamard_transform, "Fast transform");\n'
                    '    m.def("fast_hadamard_transform_12N", &fast_hadamard_transform_20N, "12 * 2^k");\n'
                    '}\n')


@pytest.mark.parametrize(("new", "expected"), [
    (_HADAMARD_MODULE.replace("&fast_hadamard_transform_20N", "&fast_hadamard_transform_12N"), "core-logic"),
    # near miss: the name Python calls changed with the function
    (_HADAMARD_MODULE.replace('"fast_hadamard_transform_12N", &fast_hadamard_transform_20N',
                              '"hadamard_12N", &fast_hadamard_transform_12N'), "data-contract"),
], ids=["name-bound-to-another-function", "name-changed-too"])
def test_a_name_python_calls_bound_to_another_function_keeps_the_interface(new: str, expected: str) -> None:
    assert _native_type("csrc/fast_hadamard_transform.cpp", _HADAMARD_MODULE, new) == expected


@pytest.mark.parametrize(("new", "expected"), [
    (_HADAMARD_MODULE.replace('"Fast transform"', '"Fast Walsh-Hadamard transform"'), "docs"),
    # near miss: the name Python calls it by changed with its docstring
    (_HADAMARD_MODULE.replace('"fast_hadamard_transform", &fast_hadamard_transform, "Fast transform"',
                              '"hadamard_transform", &fast_hadamard_transform, "Fast WHT"'), "data-contract"),
], ids=["docstring-reworded", "name-changed-too"])
def test_a_docstring_a_binding_gives_reworded_is_docs(new: str, expected: str) -> None:
    assert _native_type("csrc/fast_hadamard_transform.cpp", _HADAMARD_MODULE, new) == expected


_XPU_ARCH = """\
static inline bool is_xe2_arch(int device) {
  auto arch = get_device_architecture(device);
  return arch == syclex::architecture::intel_gpu_bmg_g21 ||
         arch == syclex::architecture::intel_gpu_pvc;
}
"""
_XPU_DISPATCH = """\
void prefill(int device) {
  if (is_xe2_arch(device)) {
    prefill_xe2(device);
  } else {
    TORCH_CHECK(false, "Only XE2 kernels are supported.");
  }
}
"""
_XE3 = ("\nstatic inline bool is_xe3_arch(int device) {\n  auto arch = get_device_architecture(device);\n"
        "  return arch == syclex::architecture::intel_gpu_ptl_h;\n}\n")


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    ("csrc/utils.h", _XPU_ARCH, _XPU_ARCH.replace(
        "intel_gpu_bmg_g21 ||\n",
        "intel_gpu_bmg_g21 ||\n         arch == syclex::architecture::intel_gpu_lnl_m ||\n")
     + _XE3, "configuration"),
    ("csrc/attn.cpp", _XPU_DISPATCH, _XPU_DISPATCH.replace(
        "if (is_xe2_arch(device))", "if (is_xe2_arch(device) || is_xe3_arch(device))").replace(
        "Only XE2 kernels", "Only XE2/XE3 kernels"), "configuration"),
    # near misses: what runs on the architecture changes too; the message alone, which tells
    # the user otherwise and changes nothing that runs
    ("csrc/attn.cpp", _XPU_DISPATCH, _XPU_DISPATCH.replace(
        "if (is_xe2_arch(device))", "if (is_xe2_arch(device) || is_xe3_arch(device))").replace(
        "Only XE2 kernels", "Only XE2/XE3 kernels").replace("  }\n}\n", "  }\n  synchronize(device);\n}\n"),
     "core-logic"),
    ("csrc/attn.cpp", _XPU_DISPATCH, _XPU_DISPATCH.replace("Only XE2 kernels", "Only XE2/XE3 kernels"),
     "docs"),
], ids=["architectures-listed", "dispatch-widened-message-reworded", "dispatch-and-call-changed",
        "message-alone"])
def test_intel_gpu_architecture_checks_are_configuration(path: str, old: str, new: str,
                                                         expected: str) -> None:
    assert _native_type(path, old, new) == expected


def _expanded(source: str) -> str:
    """The library registered through vLLM's macro, under another variable than `m`."""
    return source.replace("TORCH_LIBRARY(gems, m)", "TORCH_LIBRARY_EXPAND(gems, ops)").replace(
        "m.def(", "ops.def(")


_PROTOTYPES = ("#pragma once\n\ntorch::Tensor fp8_gemm(\n    const torch::Tensor& A,\n"
               "    const torch::Tensor& B);\n")
_OUT_VARIANT = ("\ntorch::Tensor fp8_gemm_out(\n    torch::Tensor out,\n    const torch::Tensor& A,\n"
                "    const torch::Tensor& B);\n")
_OUT_DEFINED = ("\ntorch::Tensor fp8_gemm_out(\n    torch::Tensor out,\n    const torch::Tensor& A,\n"
                "    const torch::Tensor& B) {\n  return run(out, A, B);\n}\n")


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    ("csrc/xpu/ops.h", _PROTOTYPES, _PROTOTYPES + _OUT_VARIANT, "data-contract"),
    ("csrc/xpu/ops.h", _PROTOTYPES + _OUT_VARIANT, _PROTOTYPES, "data-contract"),
    ("csrc/ops.cpp", _expanded(_SCHEMA.format(scale="float")), _expanded(_SCHEMA.format(scale="Tensor")),
     "data-contract"),
    # near misses: a function defined, not declared, in a header; one declared in a source file
    ("csrc/xpu/ops.h", _PROTOTYPES, _PROTOTYPES + _OUT_DEFINED, "core-logic"),
    ("csrc/xpu/ops.cpp", _PROTOTYPES, _PROTOTYPES + _OUT_VARIANT, "core-logic"),
], ids=["declared-in-a-header", "no-longer-declared", "schema-in-an-expanded-library",
        "defined-in-a-header", "declared-in-a-source"])
def test_what_a_header_declares_and_a_library_registers_is_a_contract(path: str, old: str, new: str,
                                                                      expected: str) -> None:
    assert _native_type(path, old, new) == expected


_SIZES = """\
#define FOR_WIDTHS(f, T) \\
    f(T, 256) \\
    f(T, 512) \\
    f(T, 1024)

void dispatch(int width, float* y)
{
    switch (width) {
    case 128: launch<128>(y); break;
    case 256: launch<256>(y); break;
    }
}
"""


@pytest.mark.parametrize(("new", "expected"), [
    (_SIZES.replace("    f(T, 512) \\\n", "    f(T, 512) \\\n    f(T, 768) \\\n"), "configuration"),
    (_SIZES.replace("    case 256:", "    case 192: launch<192>(y); break;\n    case 256:"), "configuration"),
    (_SIZES.replace("    f(T, 256) \\\n", ""), "configuration"),
    # near misses: an entry unlike the others; a size changed where no entry is left like it
    (_SIZES.replace("    f(T, 512) \\\n", "    f(T, 512) \\\n    g(T, 768) \\\n"), "core-logic"),
    (_SIZES.replace("    case 256: launch<256>(y); break;\n", "    case 256: launch_wide<256>(y); break;\n"),
     "core-logic"),
], ids=["macro-entry-added", "case-added-alike", "macro-entry-dropped", "entry-unlike-the-others",
        "entry-rewritten"])
def test_entries_added_alike_to_a_table_of_sizes_are_configuration(new: str, expected: str) -> None:
    assert _native_type("csrc/dispatch.cu", _SIZES, new) == expected


_LAUNCHER_DTYPE = """\
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Dtype {
    Float16,
@ATTRIBUTE@    BFloat16,
}

fn shard_args(dtype: Option<Dtype>) -> Vec<String> {
    dtype.map(|d| vec!["--dtype".to_string(), d.to_string()]).unwrap_or_default()
}
"""


@pytest.mark.parametrize(("attribute", "expected"), [
    ('    #[clap(name = "bfloat16")]\n', "configuration"),
    # near miss: an attribute that changes what the type does, not how the command line spells it
    ("    #[default]\n", "core-logic"),
], ids=["value-spelled-anew", "default-variant"])
def test_a_clap_attribute_alone_is_configuration(attribute: str, expected: str) -> None:
    old = _LAUNCHER_DTYPE.replace("@ATTRIBUTE@", "")
    new = _LAUNCHER_DTYPE.replace("@ATTRIBUTE@", attribute)
    assert _native_type("launcher/src/main.rs", old, new) == expected


_TMA_LOAD = """\
__device__ void tma_load_2d(std::uint64_t desc_addr, std::uint32_t dst_addr, int c0, int c1) {
  asm volatile(
      "cp.async.bulk.tensor.2d.shared::cta.global.tile"
      ".mbarrier::complete_tx::bytes"
      " [%0], [%1, {%2, %3}], [%4];\\n"
      :
      : "r"(dst_addr), "l"(desc_addr), "r"(c0), "r"(c1)
      : "memory");
}

static const int kTileSizes[] = {
    128,
    256,
};
"""


@pytest.mark.parametrize(("new", "expected"), [
    (_TMA_LOAD.replace("shared::cta.global.tile", "shared::cluster.global"), "core-logic"),
    # near miss: an entry added alike to a table of sizes beside it
    (_TMA_LOAD.replace("    256,\n", "    256,\n    512,\n"), "configuration"),
], ids=["inline-asm-instruction", "size-entry-added"])
def test_a_piece_of_an_inline_asm_string_is_no_table_entry(new: str, expected: str) -> None:
    assert _native_type("csrc/ptx_utils.h", _TMA_LOAD, new) == expected


_REQUEST_ROUTER = """\
use serde::{{Deserialize, Serialize}};

pub(crate) struct GenerateRequest {{
    pub inputs: String,
}}

pub(crate) fn validate(req: &GenerateRequest) -> bool {{
    !req.inputs.is_empty()
}}
{added}"""
_COMPLETION = """
{derive}
struct CompletionRequest {{
    model: String,
    prompt: String,
    max_tokens: Option<i32>,
}}

impl From<CompletionRequest> for GenerateRequest {{
    fn from(req: CompletionRequest) -> Self {{
        GenerateRequest {{ inputs: req.prompt }}
    }}
}}

fn count(text: &str) -> usize {{
    let words = text.split_whitespace();
    let total = words.count();
    total
}}
"""


@pytest.mark.parametrize(("derive", "expected"), [
    ("#[derive(Clone, Debug, Deserialize, ToSchema)]", "data-contract"),
    ("#[derive(Serialize)]", "data-contract"),
    # near miss: a type that is not read or written
    ("#[derive(Clone, Debug)]", "core-logic"),
], ids=["request-type-read", "response-type-written", "plain-type"])
def test_a_rust_type_serde_reads_or_writes_is_a_contract(derive: str, expected: str) -> None:
    old = _REQUEST_ROUTER.format(added="")
    new = _REQUEST_ROUTER.format(added=_COMPLETION.format(derive=derive))
    assert _native_type("router/src/lib.rs", old, new) == expected


_ROUTES = ("use axum::http::{{Request, Uri}};\n\n{visibility} async fn inference({params}) -> Response {{\n"
           "    let endpoint = uri.path();\n    respond(endpoint, req, {limit}).await\n}}\n")


@pytest.mark.parametrize(("visibility", "expected"), [
    ("pub(crate)", "core-logic"),
    # near miss: a function other crates call
    ("pub", "data-contract"),
])
def test_a_rust_function_only_its_crate_sees_gaining_a_parameter_is_no_interface(visibility: str,
                                                                                  expected: str) -> None:
    old = _ROUTES.format(visibility=visibility, params="uri: Uri, req: Request", limit="LIMIT")
    new = _ROUTES.format(visibility=visibility, limit="state.max_request_size",
                         params="State(state): State<AppState>, uri: Uri, req: Request")
    assert _native_type("src/routes.rs", old, new) == expected


_EXPANDING = ("#pragma once\n\n#define TORCH_LIBRARY_EXPAND({parameters}) TORCH_LIBRARY(NAME, MODULE)\n\n"
              "#define REGISTER_EXTENSION(NAME) PyMODINIT_FUNC CONCAT(PyInit_, NAME)() "
              "{{ return {made}; }}\n")


def test_the_macro_that_opens_a_binding_block_is_not_one() -> None:
    old = _EXPANDING.format(parameters="NAME, MODULE", made="make(NAME)")
    new = _EXPANDING.format(parameters="NAME,  MODULE", made="make_module(NAME)").replace(
        "TORCH_LIBRARY(NAME, MODULE)", "TORCH_LIBRARY(NAME, MODULE) // expanded")
    assert _native_type("csrc/core/registration.h", old, new) == "core-logic"


_LAUNCHERS = ("#pragma once\n\n#define LAUNCH(data, kernel{extra}, stream) \\\n"
              "  run<Traits<float{unroll}>>(data, kernel, stream)\n\n"
              "void launch_finalize(Data const& data{extra}, void* stream);\n")


@pytest.mark.parametrize(("extra", "expected"), [
    (", int topK", "data-contract"),
    # near miss: only the macro, written out where it is used, takes another argument
    ("", "core-logic"),
], ids=["function-takes-another-argument", "macro-takes-another-argument"])
def test_a_macro_taking_other_arguments_changes_no_interface(extra: str, expected: str) -> None:
    old = _LAUNCHERS.format(extra="", unroll="")
    new = _LAUNCHERS.format(extra=", topK", unroll=", topK").replace(
        "Data const& data, topK", "Data const& data" + extra)
    assert _native_type("include/moe/launch.h", old, new) == expected


_RUNTIME = ("#pragma once\n\nclass DeviceRuntime {{\npublic:\n    {head} get_arch() {{\n"
            "        const auto& [major, minor] = get_arch_pair();\n{body}    }}\n}};\n")


@pytest.mark.parametrize(("head", "body", "expected"), [
    ("std::string", "        if (major == 10 && minor != 1)\n            return \"100f\";\n"
     "        return std::to_string(major * 10 + minor) + \"a\";\n", "data-contract"),
    # near miss: only the specifiers around the result's type changed beside the body
    ("__forceinline__ int", "        if (major == 10 && minor != 1)\n            return 100;\n"
     "        return major * 10 + minor;\n", "core-logic"),
], ids=["result-of-another-type", "specifier-added"])
def test_a_function_returning_another_type_changes_its_interface(head: str, body: str, expected: str) -> None:
    old = _RUNTIME.format(head="int", body="        return major * 10 + minor;\n")
    assert _native_type("csrc/jit/device_runtime.hpp", old, _RUNTIME.format(head=head, body=body)) == expected


def test_a_function_that_returns_something_where_it_returned_nothing_breaks_no_caller() -> None:
    """Near miss of the above: no caller used the result of a function that returned nothing."""
    old = "void launch(Data const& data, void* stream) {\n  run(data, stream);\n}\n"
    new = ("bool launch(Data const& data, void* stream) {\n  bool done = run(data, stream);\n"
           "  log_launch(done);\n  return done;\n}\n")
    assert _native_type("csrc/routing.cu", old, new) == "core-logic"


_LOGITS = ("static void mqa_logits(const torch::Tensor& q, int num_heads) {{\n"
           "    constexpr int block_kv = 256;\n{threads}    launch(q, block_kv, num_math_threads);\n}}\n")


@pytest.mark.parametrize(("threads", "expected"), [
    ("    const int num_math_threads = (device_runtime->get_arch_major() == 10 ? 256 : 512);\n",
     "configuration"),
    # near miss: the constant is chosen by what the call is given, not by the architecture
    ("    const int num_math_threads = (num_heads == 64 ? 256 : 512);\n", "core-logic"),
], ids=["chosen-by-architecture", "chosen-by-an-argument"])
def test_a_constant_chosen_by_the_architecture_is_configuration(threads: str, expected: str) -> None:
    old = _LOGITS.format(threads="    constexpr int num_math_threads = 256;\n")
    assert _native_type("csrc/impls/mqa_logits.hpp", old, _LOGITS.format(threads=threads)) == expected


_FLAGS = ('void compile(const std::string& arch) {{\n    DG_STATIC_ASSERT(kNum <= 32, "{message}");\n'
          '    flags = fmt::format("--gpu-architecture=sm_{{}}{suffix}", arch);\n}}\n')


@pytest.mark.parametrize(("new", "expected"), [
    (_FLAGS.format(message="Too many TMA multicast", suffix="a"), "docs"),
    # near miss: the string changed is a compiler flag, not a message
    (_FLAGS.format(message="To many TMA multicast", suffix=""), "core-logic"),
], ids=["assertion-message-fixed", "flag-string-changed"])
def test_a_message_said_otherwise_is_docs(new: str, expected: str) -> None:
    old = _FLAGS.format(message="To many TMA multicast", suffix="a")
    assert _native_type("csrc/jit/compiler.hpp", old, new) == expected


_MATH = ("#pragma once\n#include <cuda_fp16.h>\n{shim}\nnamespace math {{\n"
         "__device__ float half_max(float a) {{ return a; }}\n}}\n")


@pytest.mark.parametrize(("shim", "expected"), [
    ("#ifndef USHORT_TYPE\n#define USHORT_TYPE\ntypedef unsigned short ushort;\n#endif\n", "configuration"),
    # near miss: the alias is written for every build, no condition around it
    ("typedef unsigned short ushort;\n", "core-logic"),
], ids=["alias-under-a-written-condition", "alias-for-every-build"])
def test_a_type_alias_defined_where_a_compiler_lacks_it_is_configuration(shim: str, expected: str) -> None:
    assert _native_type("csrc/math.cuh", _MATH.format(shim=""), _MATH.format(shim=shim)) == expected



_MODEL_HEADER = ("#pragma once\n#include <string>\n\n{free}class Model : public ObjectRef {{\n public:\n"
                 "  {method}\n  TVM_DEFINE_OBJECT_REF_METHODS(Model, ObjectRef, ModelObj);\n}};\n")
_CREATE = "{static}Model Create(String lib_path, Device device{extra});"


@pytest.mark.parametrize(("static", "expected"), [("static ", "data-contract"), ("", "data-contract")],
                         ids=["static-method", "method"])
def test_a_method_a_header_declares_with_another_parameter_changes_the_interface(static: str,
                                                                                 expected: str) -> None:
    old, new = (_MODEL_HEADER.format(free="", method=_CREATE.format(static=static, extra=extra))
                for extra in ("", ", Optional<Session> session"))
    assert _native_type("cpp/serve/model.h", old, new) == expected


def test_a_static_function_a_header_declares_outside_a_class_is_its_file_own() -> None:
    old, new = (_MODEL_HEADER.format(free=f"static int helper(int a{extra});\n\n", method="Model();")
                for extra in ("", ", int b"))
    assert _native_type("cpp/serve/model.h", old, new) == "core-logic"


_RUNNER = ("#include <cstdio>\n\nunsigned generate(Transformer* t, Tokenizer* tok{extra}) {{\n"
           "  return decode(t, tok);\n}}\n{main}")


@pytest.mark.parametrize(("main", "expected"), [
    ("\nint main(int argc, char* argv[]) {\n  return generate(nullptr, nullptr) > 0;\n}\n", "core-logic"),
    # near miss: a library's function, which other files call
    ("", "data-contract"),
], ids=["program-function-given-a-parameter", "library-function-given-a-parameter"])
def test_a_function_of_a_program_is_no_interface(main: str, expected: str) -> None:
    old, new = (_RUNNER.format(extra=extra, main=main) for extra in ("", ", ModelType model_type"))
    assert _native_type("runner/run.cpp", old, new) == expected


_GLOBAL_CONFIG = ("#pragma once\n\nnamespace mooncake {{\n\nstruct {name} {{\n    int max_wr = 256;\n"
                  "    bool verbose = false;\n{field}}};\n\n}}  // namespace mooncake\n")


@pytest.mark.parametrize(("name", "field", "expected"), [
    ("GlobalConfig", "    int ib_traffic_class = -1;\n", "configuration"),
    ("GlobalConfig", "    int ib_traffic_class{-1};\n", "configuration"),
    ("gpt_params", "    int32_t n_batch = 512;  // batch size for prompt processing\n", "configuration"),
    # near misses: a field of a struct other code exchanges; a field without its default
    ("WorkRequest", "    int ib_traffic_class = -1;\n", "data-contract"),
    ("GlobalConfig", "    int ib_traffic_class;\n", "data-contract"),
], ids=["option-with-default", "option-braced-default", "snake-case-params-struct", "field-of-exchanged-data",
        "field-without-default"])
def test_a_field_added_to_a_struct_of_options_with_its_default_is_configuration(
        name: str, field: str, expected: str) -> None:
    old = _GLOBAL_CONFIG.format(name=name, field="")
    assert _native_type("include/config.h", old, _GLOBAL_CONFIG.format(name=name, field=field)) == expected


_LOAD_CONFIG = ("#include <cstdlib>\n\nvoid loadGlobalConfig(GlobalConfig &config) {{\n"
                "    config.max_wr = 256;\n{read}}}\n\n"
                "int setupConnection(Endpoint &ep, ibv_qp_attr &attr) {{\n"
                "    attr.ah_attr.grh.hop_limit = 16;\n{apply}    return ep.connect(attr);\n}}\n")
_TRAFFIC_CLASS_READ = ('    const char *traffic_class_env = std::getenv("MC_IB_TC");\n'
                       "    if (traffic_class_env) {\n"
                       "        int val = std::stoi(traffic_class_env);\n"
                       "        if (val >= 0 && val <= 255) {\n"
                       "            config.ib_traffic_class = val;\n"
                       "        } else {\n"
                       '            LOG(WARNING) << "MC_IB_TC out of range: " << val;\n'
                       "        }\n"
                       "    }\n")
_TRAFFIC_CLASS_APPLIED = ("    if (globalConfig().ib_traffic_class >= 0) {\n"
                          "        attr.ah_attr.grh.traffic_class =\n"
                          "            static_cast<uint8_t>(globalConfig().ib_traffic_class);\n"
                          "    }\n")


@pytest.mark.parametrize(("read", "apply", "expected"), [
    (_TRAFFIC_CLASS_READ, "", "configuration"),
    ("", _TRAFFIC_CLASS_APPLIED, "configuration"),
    (_TRAFFIC_CLASS_READ, _TRAFFIC_CLASS_APPLIED, "configuration"),
    # near misses: work beside the read; a value applied that no option holds
    (_TRAFFIC_CLASS_READ + "    config.max_wr = probe_max_wr();\n", "", "core-logic"),
    ("", _TRAFFIC_CLASS_APPLIED.replace("static_cast<uint8_t>(globalConfig().ib_traffic_class)",
                                        "pick_class(ep)"), "core-logic"),
], ids=["read-from-the-environment", "applied-where-set", "read-and-applied", "read-beside-other-work",
        "applied-from-elsewhere"])
def test_a_setting_read_from_the_environment_or_applied_where_set_is_configuration(
        read: str, apply: str, expected: str) -> None:
    old = _LOAD_CONFIG.format(read="", apply="")
    assert _native_type("src/config.cpp", old, _LOAD_CONFIG.format(read=read, apply=apply)) == expected


_CLIENT_HEADER = ("#pragma once\n\nclass Client {{\n   public:\n    ErrorCode Put(const Key& key);\n\n"
                  "   {access}:\n    ErrorCode InitLocalHotCache();\n{helper}"
                  "    bool ready_{{false}};\n}};\n")


@pytest.mark.parametrize(("access", "expected"), [
    ("private", "core-logic"),
    ("protected", "data-contract"),
    ("public", "data-contract"),
], ids=["private-helper", "protected-method", "public-method"])
def test_a_method_a_class_declares_privately_is_no_interface(access: str, expected: str) -> None:
    old = _CLIENT_HEADER.format(access=access, helper="")
    new = _CLIENT_HEADER.format(access=access, helper="    void UnregisterLocalHotCacheMemory();\n")
    assert _native_type("include/client_service.h", old, new) == expected


_TRANSPORT = ("#include <adxl/adxl_engine.h>\n\nint Transport::connect(const char* peer) {{\n"
              "    auto status = adxl_->Connect(peer, timeout_);\n    if (status != {first}) {{\n"
              "        return -1;\n    }}\n    return 0;\n}}\n\n"
              "int Transport::disconnect(const char* peer) {{\n    auto status = adxl_->Disconnect(peer);\n"
              "    if (status != {second}) {{\n        return {failure};\n    }}\n    return 0;\n}}\n")


@pytest.mark.parametrize(("first", "second", "failure", "expected"), [
    ("adxl::SUCCESS", "adxl::SUCCESS", "-1", "data-contract"),
    # near misses: the old name still used; a name the file used before
    ("adxl::SUCCESS", "adxl::ADXL_SUCCESS", "-1", "core-logic"),
    ("adxl::RETRY", "adxl::RETRY", "adxl::RETRY", "core-logic"),
], ids=["library-constant-renamed-throughout", "renamed-in-one-place", "another-constant-of-the-file"])
def test_code_following_a_library_rename_of_a_qualified_name_is_a_contract(
        first: str, second: str, failure: str, expected: str) -> None:
    old = _TRANSPORT.format(first="adxl::ADXL_SUCCESS", second="adxl::ADXL_SUCCESS", failure=failure)
    new = _TRANSPORT.format(first=first, second=second, failure=failure)
    assert _native_type("src/transport.cpp", old, new) == expected


_BACKEND_MODEL = ("#include \"triton/core/tritonbackend.h\"\n{declared}\n"
                  "BackendModel::BackendModel(TRITONBACKEND_Model* model)\n{{\n"
                  "  const char* path = nullptr;\n  {kind} artifact_type;\n"
                  "  THROW_IF_ERROR(TRITONBACKEND_ModelRepository(model, &artifact_type, &path));\n}}\n")


@pytest.mark.parametrize(("kind", "declared", "expected"), [
    ("TRITONBACKEND_ArtifactType", "", "data-contract"),
    # near misses: a name of another prefix; a type the file declares itself
    ("BACKEND_ArtifactType", "", "core-logic"),
    ("TRITONBACKEND_ArtifactType", "typedef int TRITONBACKEND_ArtifactType;\n", "core-logic"),
], ids=["c-api-type-renamed", "other-prefix", "declared-here"])
def test_code_following_a_library_rename_of_a_c_api_name_is_a_contract(kind: str, declared: str,
                                                                        expected: str) -> None:
    old = _BACKEND_MODEL.format(declared=declared.replace("TRITONBACKEND_ArtifactType",
                                                          "TRITONBACKEND_ModelArtifactType"),
                                kind="TRITONBACKEND_ModelArtifactType")
    new = _BACKEND_MODEL.format(declared=declared, kind=kind)
    assert _native_type("src/backend_model.cc", old, new) == expected


_SHAPE_FNS = ("using tensorflow::Status;\n\n{own}"
              "Status InferAllreduce(InferenceContext* c) {{\n    c->set_output(0, c->input(0));\n"
              "    return {first};\n}}\n\n"
              "Status InferRank(InferenceContext* c) {{\n    c->set_output(0, c->Scalar());\n"
              "    return {second};\n}}\n")


@pytest.mark.parametrize(("own", "second", "expected"), [
    ("", "Status()", "data-contract"),
    # the project's own `common::Status::OK` is another name
    ("common::Status Done() {\n    return common::Status::OK();\n}\n\n", "Status()", "data-contract"),
    # near miss: the factory still called elsewhere
    ("", "Status::OK()", "core-logic"),
], ids=["factory-gone", "own-namespace-kept", "factory-still-called"])
def test_a_static_factory_replaced_by_its_classs_constructor_throughout_is_a_contract(
        own: str, second: str, expected: str) -> None:
    old = _SHAPE_FNS.format(own=own, first="Status::OK()", second="Status::OK()")
    new = _SHAPE_FNS.format(own=own, first="Status()", second=second)
    assert _native_type("ops/mpi_ops.cc", old, new) == expected


_GEMM = ("#include \"gemm.h\"\n\n"
         "{storage}at::Tensor {name}(at::Tensor &a, at::Tensor &b, const std::string &granularity)\n{{\n"
         "    check(a, b);\n    auto out = run_gemm(a, b, granularity);\n    scale(out);\n"
         "    return out;\n}}\n{caller}")


@pytest.mark.parametrize(("storage", "caller", "expected"), [
    ("", "", "data-contract"),
    # near misses: a function of this file alone; the old name still called here
    ("static ", "", "core-logic"),
    ("", "\nat::Tensor gemm_fp8_legacy(at::Tensor &a, at::Tensor &b)\n{\n    return gemm_fp8(a, b);\n}\n",
     "core-logic"),
], ids=["renamed", "file-local-renamed", "old-name-still-called"])
def test_a_function_other_files_call_renamed_is_a_contract(storage: str, caller: str, expected: str) -> None:
    old = _GEMM.format(storage=storage, name="gemm_fp8", caller=caller)
    new = _GEMM.format(storage=storage, name="ck_gemm_fp8", caller=caller)
    assert _native_type("csrc/gemm/ck_gemm.cpp", old, new) == expected


@pytest.mark.parametrize(("instantiated", "expected"), [
    ("\ntemplate void {name}<float>(at::Tensor &a, at::Tensor &b, const std::string &granularity);\n",
     "data-contract"),
    # near miss: a template only this file uses
    ("", "core-logic"),
], ids=["instantiated-for-other-files", "used-here-only"])
def test_a_template_renamed_is_a_contract_where_the_file_instantiates_it(instantiated: str,
                                                                        expected: str) -> None:
    def text(name: str) -> str:
        declared = _GEMM.format(storage="template <typename T>\n", name=name, caller="")
        return declared + instantiated.format(name=name)
    assert _native_type("csrc/gemm/ck_gemm.cu", text("gemm_fp8"), text("gemm_fp8_impl")) == expected


_EXPORTED_TENSOR = ("#pragma once\nnamespace core {{\nclass {export}Tensor {{\npublic:\n"
                    "    void to_buffer(void* ptr{stream}) const;\n    size_t nbytes() const;\n}};\n}}\n")


@pytest.mark.parametrize("export", ["BMENGINE_EXPORT ", ""], ids=["export-macro", "plain-class"])
def test_a_method_of_a_class_declared_with_an_export_macro_is_read_as_a_method(export: str) -> None:
    old = _EXPORTED_TENSOR.format(export=export, stream="")
    new = _EXPORTED_TENSOR.format(export=export, stream=", cudaStream_t stream=0")
    assert _native_type("include/core/tensor.h", old, new) == "data-contract"


_ALLOCATION = ("#pragma once\n#include <torch/all.h>\n\ntemplate <typename T>\n"
               "using dtype_t = typename T::type;\n{helper}")
_DEVICE_ALLOCATION = ("\n{storage}template<typename T>\nstruct DeviceAllocation {{\n  T* ptr_ = nullptr;\n"
                      "  size_t size_ = 0;\n  torch::Tensor tensor;\n  void reset(size_t size) {{\n"
                      "    tensor = torch::empty(size, torch::kByte);\n    ptr_ = tensor.data_ptr<T>();\n"
                      "    size_ = size;\n  }}\n  T* get() {{ return ptr_; }}\n}};\n{closing}")


@pytest.mark.parametrize(("path", "storage", "closing", "expected"), [
    ("csrc/common/utils.hpp", "", "", "data-contract"),
    # near misses: a source file's own type; a type of an anonymous namespace
    ("csrc/common/utils.cu", "", "", "core-logic"),
    ("csrc/common/utils.hpp", "namespace {\n", "}\n", "core-logic"),
], ids=["header-type", "source-file-type", "anonymous-namespace-type"])
def test_a_type_a_header_declared_removed_is_a_contract(path: str, storage: str, closing: str,
                                                        expected: str) -> None:
    old = _ALLOCATION.format(helper=_DEVICE_ALLOCATION.format(storage=storage, closing=closing))
    assert _native_type(path, old, _ALLOCATION.format(helper="")) == expected


_SEARCH_TASK = ("class PySearchTask {{\npublic:\n    void cancel() {{ task_->canceled = true; }}\n"
                "{methods}}};\n\nvoid define_dynamic_batch(py::module_& m) {{\n"
                "    py::class_<PySearchTask>(m, \"SearchTask\")\n"
                "        .def(\"cancel\", &PySearchTask::cancel){defs}\n"
                "        .def(py::init(&PySearchTask::create));\n}}\n")
_POSITION_SETTERS = ("    void set_position_ids(py::list ids) {\n"
                     "        task_->position_ids = to_int_vector(ids);\n    }\n"
                     "    void set_position_delta(int delta) {\n        task_->position_delta = delta;\n"
                     "    }\n    void set_input_embeddings(py::array data) {\n"
                     "        task_->input_embeddings = numpy_to_tensor(data);\n    }\n")
_POSITION_DEFS = ("\n        .def(\"set_position_ids\", &PySearchTask::set_position_ids)"
                  "\n        .def(\"set_position_delta\", &PySearchTask::set_position_delta)"
                  "\n        .def(\"set_input_embeddings\", &PySearchTask::set_input_embeddings)")


@pytest.mark.parametrize(("defs", "expected"), [
    (_POSITION_DEFS, "data-contract"),
    # near miss: the methods are added for the C++ side alone
    ("", "core-logic"),
], ids=["methods-bound-for-python", "methods-not-bound"])
def test_methods_added_and_bound_for_python_are_a_contract(defs: str, expected: str) -> None:
    old = _SEARCH_TASK.format(methods="", defs="")
    new = _SEARCH_TASK.format(methods=_POSITION_SETTERS, defs=defs)
    assert _native_type("src/py_export/py_batch_generator.cpp", old, new) == expected


_RESERVE = ("std::shared_ptr<Engine> create_engine(int device_id, size_t memory_limit) {{\n"
            "    size_t free = query_free();\n    size_t reserve_mem = {read};\n"
            "    memory_limit = free - (reserve_mem << 20L);\n"
            "    return make_engine(device_id, memory_limit);\n}}\n")


@pytest.mark.parametrize(("read", "expected"), [
    ('utils::get_int_env("RESERVE_MEM_MB", 1024)', "configuration"),
    # near miss: the string is a name the code looks up, not the environment
    ('utils::get_int_param("RESERVE_MEM_MB", 1024)', "core-logic"),
], ids=["environment-variable-renamed", "lookup-key-renamed"])
def test_a_setting_read_from_a_renamed_environment_variable_is_configuration(read: str,
                                                                             expected: str) -> None:
    old = _RESERVE.format(read=read.replace("RESERVE_MEM_MB", "CPM_RESERVE_MEM_MB"))
    assert _native_type("src/py_export/py_model_base.cpp", old, _RESERVE.format(read=read)) == expected


_EXECUTOR = ("#include \"executor.hpp\"\n\n"
             "void Executor::execute(int rank, void* sendbuff, {recv}, size_t bytes) {{\n"
             "  auto context = setup(rank, sendbuff, bytes);\n  launch(context);\n}}\n")


@pytest.mark.parametrize(("recv", "expected"), [
    ("void* recvbuff, cudaStream_t stream", "data-contract"),
    # near miss: a parameter renamed, which no caller sees
    ("void* recvbuff", "core-logic"),
], ids=["parameter-added", "parameter-renamed"])
def test_a_parameter_renamed_changes_nothing_callers_see(recv: str, expected: str) -> None:
    old, new = _EXECUTOR.format(recv="void* recvBuff"), _EXECUTOR.format(recv=recv)
    assert _native_type("src/executor/executor.cc", old, new) == expected


_SOCKET = ("#pragma once\nnamespace net {{\nenum SocketState {{\n  SocketStateConnected = 6,\n{values}"
           "  SocketStateNum = {count}\n}};\n\nclass Socket {{\n public:\n  void connect(int timeout = -1);\n"
           "  int fd() const {{ return fd_ + {offset}; }}\n\n private:\n  int fd_;\n}};\n}}\n")


@pytest.mark.parametrize(("path", "values", "count", "offset", "expected"), [
    ("src/include/socket.h", "  SocketStateBound = 7,\n", 8, 0, "data-contract"),
    # near misses: an enum of a source file; a header whose inline code alone changed
    ("src/socket.cc", "  SocketStateBound = 7,\n", 8, 0, "core-logic"),
    ("src/include/socket.h", "", 7, 1, "core-logic"),
], ids=["header-enum-renumbered", "source-file-enum", "header-inline-code"])
def test_the_values_of_a_header_enum_are_a_contract(path: str, values: str, count: int, offset: int,
                                                   expected: str) -> None:
    old = _SOCKET.format(values="", count=7, offset=0)
    new = _SOCKET.format(values=values, count=count, offset=offset)
    assert _native_type(path, old, new) == expected


_ROCTRACER_HEADER = ("#pragma once\nclass RoctracerActivityApi {{\n public:\n  int processActivities(\n"
                     "      ActivityLogger& logger, LinkedFn linked{window});\n}};\n")
_PROFILER = ("#include \"RoctracerActivityApi.h\"\n\nvoid Profiler::processTrace(ActivityLogger& logger) {{\n"
             "  LOG(INFO) << \"Retrieving GPU activity buffers\";\n"
             "  const int count = api_.processActivities(\n"
             "      logger,\n      std::bind(&Profiler::cpuActivity, this, std::placeholders::_1){args});\n"
             "  LOG(INFO) << \"Processed \" << count << \" GPU records\";\n}}\n")


@pytest.mark.parametrize(("window", "expected"), [
    (", int64_t startTime, int64_t endTime", "data-contract"),
    # near miss: the callee takes what it took; the call is given more for another reason
    ("", "core-logic"),
], ids=["callee-retyped", "callee-unchanged"])
def test_a_call_following_a_function_given_other_parameters_is_a_contract(window: str,
                                                                          expected: str) -> None:
    header = _diff("src/RoctracerActivityApi.h", _ROCTRACER_HEADER.format(window=""),
                   _ROCTRACER_HEADER.format(window=window))
    caller = _diff("src/Profiler.cpp", _PROFILER.format(args=""),
                   _PROFILER.format(args=",\n      captureWindowStartTime_,\n      captureWindowEndTime_"))
    files = _facts(header, caller).files if window else _facts(caller).files
    assert next(f.change_type for f in files if f.path == "src/Profiler.cpp") == expected


_PAIR_HELPERS = ("#pragma once\nnamespace cuco {{\ntemplate <typename T1, typename T2>\n"
                 "struct pair {{ T1 first; T2 second; }};\n}}  // namespace cuco\n\n{thrust}"
                 "namespace cuda::std {{\n#include <cuco/detail/pair/tuple_helpers.inl>\n"
                 "}}  // namespace cuda::std\n")
_THRUST_HELPERS = ("namespace thrust {\n#include <cuco/detail/pair/tuple_helpers.inl>\n"
                   "}  // namespace thrust\n\n")


@pytest.mark.parametrize(("thrust", "expected"), [
    (_THRUST_HELPERS, "dependency-wiring"),
    # near miss: the namespace held code of its own
    (_THRUST_HELPERS.replace(".inl>\n", ".inl>\ninline void swap_pair() {}\n"), "core-logic"),
], ids=["include-and-its-namespace-dropped", "namespace-held-code-too"])
def test_an_include_dropped_with_the_namespace_it_sat_in_is_wiring(thrust: str, expected: str) -> None:
    old, new = _PAIR_HELPERS.format(thrust=thrust), _PAIR_HELPERS.format(thrust="")
    assert _native_type("include/cuco/detail/pair/pair.inl", old, new) == expected


_RELEASE_HEADER = ("#pragma once\n\nnamespace ONNX_NAMESPACE {{\n\n"
                   "constexpr const char* LAST_RELEASE_VERSION = \"{version}\";\n\n"
                   "inline void warn() {{\n  log(\"{message}\");\n}}\n\n}}\n")


@pytest.mark.parametrize(("version", "message", "expected"), [
    ("1.10.2", "old release", "configuration"),
    # near miss: a string in code said otherwise
    ("1.10.1", "release too old", "core-logic"),
], ids=["release-named", "message-reworded"])
def test_the_text_a_constant_holds_is_its_value(version: str, message: str, expected: str) -> None:
    old = _RELEASE_HEADER.format(version="1.10.1", message="old release")
    new = _RELEASE_HEADER.format(version=version, message=message)
    assert _native_type("onnx/common/version.h", old, new) == expected


_TEMP_METRIC_HEADER = ("#pragma once\n"
                       "amdsmi_status_t amdsmi_dev_get_temp_metric(amdsmi_device_handle handle,\n"
                       "    {sensor} sensor_type, int64_t *temperature);\n")
_SMI_EXAMPLE = ("#include <amd_smi/amdsmi.h>\n\nint main() {{\n  int64_t val_i64 = 0;\n"
                "  amdsmi_dev_get_temp_metric(handles[0], {sensor}, &val_i64);\n{more}  return 0;\n}}\n")


@pytest.mark.parametrize(("more", "expected"), [
    ("", "data-contract"),
    # near miss: the example also prints what it read
    ("  printf(\"%ld\\n\", val_i64);\n", "core-logic"),
], ids=["call-follows", "call-follows-and-more"])
def test_an_example_whose_calls_follow_a_function_given_other_parameters_is_a_contract(more: str,
                                                                                       expected: str) -> None:
    header = _diff("include/amd_smi/amdsmi.h", _TEMP_METRIC_HEADER.format(sensor="uint32_t"),
                   _TEMP_METRIC_HEADER.format(sensor="amdsmi_temperature_type_t"))
    example = _diff("example/amd_smi_drm_example.cc", _SMI_EXAMPLE.format(sensor="0", more=""),
                    _SMI_EXAMPLE.format(sensor="TEMPERATURE_TYPE_EDGE", more=more))
    files = _facts(header, example).files
    assert next(f.change_type for f in files if f.path.startswith("example/")) == expected


_TRANSFORM_HEADER = ("#pragma once\nnamespace lightseq {{\n\ntemplate <typename T1, typename T2>\n"
                     "class {name} : public Operator {{\n private:\n  int _max_numel;\n\n public:\n"
                     "  {name}({constructor}) : Operator(\"Transform0213\") {{}}\n\n"
                     "  Variable* operator()(Variable* inp);\n\n"
                     "  void before_forward({sizes}) {{ _sizes = {{{names}}}; }}\n\n"
                     "  void forward() override;\n}};\n\n}}  // namespace lightseq\n")
_LAYER_HEADER = ("#pragma once\n#include \"transform_0213.h\"\n\ntemplate <typename T1, typename T2>\n"
                 "class AttentionLayer : public Layer {{\n  SoftmaxOp<T1, T2>* _softmax = nullptr;\n"
                 "  {name}<T1, T2>* _transform_0213 = nullptr;\n}};\n")
_LAYER = ("#include \"attention_layer.h\"\n\ntemplate <typename T1, typename T2>\n"
          "AttentionLayer<T1, T2>::AttentionLayer(int tokens, int heads, int hidden)\n"
          "    : _transform_0213(new {name}<T1, T2>({arguments})) {{}}\n\n"
          "template <typename T1, typename T2>\n"
          "void AttentionLayer<T1, T2>::before_forward(int batch_size, int seq_len) {{\n"
          "  _transform_0213->before_forward({call});\n}}\n")


@pytest.mark.parametrize(("new_name", "expected"), [
    ("Transform0213OP", "data-contract"),
    # near miss: the class keeps its name and what it takes; the layer is rewritten otherwise
    ("Transform0213", "core-logic"),
], ids=["class-renamed-and-reshaped", "class-unchanged"])
def test_uses_following_a_cpp_class_renamed_with_other_parameters_are_a_contract(new_name: str,
                                                                                  expected: str) -> None:
    renamed = new_name != "Transform0213"
    old_header = _TRANSFORM_HEADER.format(name="Transform0213",
                                          constructor="int tokens, int heads, int hidden",
                                          sizes="int batch, int seq_len", names="batch, seq_len")
    new_header = _TRANSFORM_HEADER.format(name=new_name, constructor="int max_numel",
                                          sizes="int sz0, int sz1, int sz2, int sz3",
                                          names="sz0, sz1, sz2, sz3") if renamed else old_header
    layer_old = _LAYER.format(name="Transform0213", arguments="tokens, heads, hidden",
                              call="batch_size, seq_len")
    layer_new = _LAYER.format(name=new_name,
                              arguments="tokens * hidden" if renamed else "tokens, heads, hidden * 2",
                              call="batch_size, seq_len, _heads, _hidden / _heads" if renamed
                              else "batch_size * 2, seq_len")
    files = [_diff("layers/attention_layer.cpp", layer_old, layer_new),
             _diff("layers/includes/attention_layer.h", _LAYER_HEADER.format(name="Transform0213"),
                   _LAYER_HEADER.format(name=new_name))]
    if renamed:
        files.append(_diff("ops/includes/transform_0213.h", old_header, new_header))
    types = {f.path: f.change_type for f in _facts(*files).files}
    assert types["layers/attention_layer.cpp"] == expected
    if renamed:
        assert types["layers/includes/attention_layer.h"] == "data-contract"


_SCHEDULE_BINDINGS = """\
void initBindings(py::module& module) {
  py::class_<Schedule> sched(module, "Schedule");
  sched.def(
      "cache_after",
      [](Schedule& self, Tensor tensor) -> Tensor {
        return self.cacheAfter(tensor);
      },
      py::arg("tensor"));
}
"""
_CACHE_FORK = """\
  sched.def(
      "cache_fork",
      [](Schedule& self, Tensor tensor) -> Tensor {
        TensorView* input = self.lookup(tensor);
        TensorView* output = input->cacheFork();
        return self.add(output);
      },
      py::arg("tensor"));
"""


def _with_binding(added: str) -> str:
    last = '      py::arg("tensor"));\n'
    return _SCHEDULE_BINDINGS.replace(last + "}\n", last + added + "}\n")


@pytest.mark.parametrize(("added", "expected"), [
    (_CACHE_FORK, "data-contract"),
    # near misses: the same lines computing, bound to no name; bound under a private name the
    # package's own code calls
    (_CACHE_FORK.replace('sched.def(\n      "cache_fork",',
                         "auto fork = std::function<Tensor(Schedule&, Tensor)>(")
     .replace(',\n      py::arg("tensor"));', ");"), "core-logic"),
    (_CACHE_FORK.replace('"cache_fork"', '"_cache_fork"').replace(',\n      py::arg("tensor"));', ");"),
     "core-logic"),
], ids=["name-bound-with-its-function", "function-kept-unbound", "private-name"])
def test_a_name_bound_for_python_with_the_function_written_in_the_binding_is_a_contract(
        added: str, expected: str) -> None:
    new = _with_binding(added)
    assert _native_type("csrc/python_frontend/python_bindings.cpp", _SCHEDULE_BINDINGS, new) == expected


def test_the_body_of_a_function_a_kept_name_is_bound_to_is_its_implementation() -> None:
    old = _with_binding(_CACHE_FORK)
    new = old.replace("TensorView* output = input->cacheFork();",
                      "TensorView* output = input->cacheFork();\n"
                      "        output->setMemoryType(MemoryType::Local);")
    assert _native_type("csrc/python_frontend/python_bindings.cpp", old, new) == "core-logic"


_PYO3_INTERPRETER = """\
{mark}
impl Interpreter {{
    #[new]
    fn py_new(grammar: &str{extra}) -> PyResult<Self> {{
        let caps = Caps {{
            backtrack: {backtrack},
        }};
        Ok(Self::build(grammar, caps))
    }}
}}
"""


@pytest.mark.parametrize(("mark", "expected"), [
    ("#[pymethods]", "data-contract"),
    # near miss: the same method in a plain `impl` block is no caller's business outside the crate
    ("", "core-logic"),
], ids=["pymethods-constructor-parameter", "private-method-parameter"])
def test_a_method_python_calls_through_pyo3_is_an_interface(mark: str, expected: str) -> None:
    old = _PYO3_INTERPRETER.format(mark=mark, extra="", backtrack="true")
    new = _PYO3_INTERPRETER.format(mark=mark, extra=", enable_backtrack: Option<bool>",
                                   backtrack="enable_backtrack.unwrap_or(true)")
    assert _native_type("rust/src/py.rs", old, new) == expected


@pytest.mark.parametrize(("mark", "expected"), [
    ("#[pyfunction]\n", "data-contract"),
    ("", "core-logic"),
], ids=["pyfunction-parameter", "plain-function-parameter"])
def test_a_pyfunction_is_an_interface(mark: str, expected: str) -> None:
    old = f"{mark}fn tokenize(text: &str) -> Vec<u32> {{\n    split(text, 0)\n}}\n"
    new = f"{mark}fn tokenize(text: &str, offset: u32) -> Vec<u32> {{\n    split(text, offset)\n}}\n"
    assert _native_type("src/lib.rs", old, new) == expected


_ALLOCATOR_MESSAGES = """\
pub enum Message {{
    Stop,
    HeartBeat,{variant}
}}

fn handle(message: Message) -> bool {{
    matches!(message, Message::Stop)
}}

{mark}mod {module} {{
    use super::*;

    #[test]
    fn stops() {{
        let pids = spawn_children({count});
        assert!(handle(Message::Stop));
        assert_eq!(pids.len(), {count});
    }}
}}
"""
_MESSAGES_BASE = {"variant": "", "mark": "#[cfg(test)]\n", "module": "test_alloc", "count": "5"}


@pytest.mark.parametrize(("mark", "expected"), [
    ("#[cfg(test)]\n", "test-coverage"),
    # near miss: a module of the product's own
    ("", "core-logic"),
], ids=["cfg-test-module", "plain-module"])
def test_a_rust_module_built_for_tests_holds_tests_whatever_its_name(mark: str, expected: str) -> None:
    old = _ALLOCATOR_MESSAGES.format(**{**_MESSAGES_BASE, "mark": mark})
    new = _ALLOCATOR_MESSAGES.format(**{**_MESSAGES_BASE, "mark": mark, "count": "7"})
    assert _native_type("mesh/src/alloc/remote.rs", old, new) == expected


@pytest.mark.parametrize(("mark", "expected"), [
    ("#[cfg(test)]\n", ["Message"]),
    # near miss: a module of the product's own weighs as product code
    ("", ["module::stops", "Message"]),
], ids=["test-module-ranked-after-the-product", "product-module-ranked-by-weight"])
def test_the_tests_of_a_rust_source_rank_after_its_product_code(mark: str, expected: list[str]) -> None:
    old = _ALLOCATOR_MESSAGES.format(**{**_MESSAGES_BASE, "mark": mark, "module": "module"})
    new = _ALLOCATOR_MESSAGES.format(**{**_MESSAGES_BASE, "mark": mark, "module": "module",
                                        "variant": "\n    Terminate,", "count": "7"})
    new = new.replace("assert!(handle(Message::Stop));",
                      "let stopped = handle(Message::Stop);\n        assert!(stopped);")
    assert _facts(_diff("mesh/src/alloc/remote.rs", old, new)).key_symbols == expected


_PLUGIN_KERNEL = """\
namespace custom_kernel {{

template <typename T, typename Context>
void AccuracyRawKernel(const Context& dev_ctx, const phi::DenseTensor& out, phi::DenseTensor* accuracy) {{
  dev_ctx.template Alloc<float>(accuracy);
{body}}}

}}  // namespace custom_kernel

PD_REGISTER_PLUGIN_KERNEL(accuracy,
                          npu,
                          ALL_LAYOUT,
                          custom_kernel::AccuracyRawKernel,
                          float,
                          int64_t) {{{registered}}}
"""


@pytest.mark.parametrize(("body", "registered", "expected"), [
    ("", "\n  kernel->InputAt(1).SetDataType(phi::DataType::INT64);\n", "data-contract"),
    # near miss: the kernel's own code changes, its registration does not
    ("  FillNpuTensorWithConstant<float>(accuracy, dev_ctx, 0.0f);\n", "", "core-logic"),
], ids=["registration-declares-input-types", "kernel-body-changed"])
def test_what_a_paddle_kernel_registration_declares_is_its_interface(body: str, registered: str,
                                                                     expected: str) -> None:
    old = _PLUGIN_KERNEL.format(body="", registered="")
    new = _PLUGIN_KERNEL.format(body=body, registered=registered)
    assert _native_type("backends/npu/kernels/accuracy_kernel.cc", old, new) == expected


_HEURISTICS = """\
int engine_count(Handle handle) {{
    int result = 0;
    int status = query(handle, &result);
{check}        fail(status);
    }}
    return result;
}}
"""
_GATED_CHECK = ("#if (CUDNN_VERSION >= 8907)\n    if (status != SUCCESS || result < 1) {\n#else\n"
                "    if (status != SUCCESS) {\n#endif\n")
_PLAIN_CHECK = "    if (status != SUCCESS) {\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_GATED_CHECK, _PLAIN_CHECK, "configuration"),
    (_PLAIN_CHECK, _GATED_CHECK, "configuration"),
    # near miss: the condition changed for every version
    (_PLAIN_CHECK, "    if (status != SUCCESS || result < 1) {\n", "core-logic"),
], ids=["version-gated-alternative-dropped", "version-gated-alternative-written", "check-changed"])
def test_an_alternative_chosen_by_a_version_is_configuration(old: str, new: str, expected: str) -> None:
    before, after = (_HEURISTICS.format(check=check) for check in (old, new))
    assert _native_type("include/heuristics.cpp", before, after) == expected



_SHAPES_READ = ("bool Backend::Init() {{\n  auto names = predictor_->GetOutputNames();\n{before}"
                "  auto input_shapes = predictor_->GetInputTensorShape();\n"
                "  auto output_shapes = predictor_->GetOutputTensorShape();\n{after}  return true;\n}}\n")
_TYPES_READ = "  auto output_dtypes = predictor_->GetOutputTypes();\n"
_SHAPES_BY_HANDLE = "".join(f"    auto s{i} = predictor_->GetOutputHandle(n)->shape();\n"
                            f"    output_shapes[n].push_back(s{i}[0]);\n" for i in range(3))


@pytest.mark.parametrize(("flag", "expected"), [
    ("LIB_API_COMPAT_2_4_x", "configuration"),
    # near miss: a flag that names no version
    ("LIB_USE_HANDLES", "core-logic"),
], ids=["flag-named-for-a-version", "flag-named-for-a-feature"])
def test_code_written_for_another_version_of_a_library_is_configuration(flag: str, expected: str) -> None:
    """A long alternative under a flag named for a dependency's version, what the other versions
    run moved under its `#else`."""
    old = _SHAPES_READ.format(before=_TYPES_READ, after="")
    alternative = (f"#ifdef {flag}\n  std::map<std::string, std::vector<int64_t>> output_shapes;\n"
                   "  for (auto& n : names) {\n" + _SHAPES_BY_HANDLE + "  }\n#else\n")
    new = _SHAPES_READ.format(before=alternative, after=_TYPES_READ + "#endif\n")
    assert _native_type("src/backend.cc", old, new) == expected

_MODEL_PATH = ("int main(int argc, char* argv[]) {{\n    std::string m_path = model_path[target];\n{prefix}"
               "    return run(m_path);\n}}\n")


@pytest.mark.parametrize(("prefix", "expected"), [
    ("#ifdef MODEL_PREFIX\n    m_path = MODEL_PREFIX + m_path;\n#endif\n", "configuration"),
    # near miss: the same line for every build
    ("    m_path = MODEL_PREFIX + m_path;\n", "core-logic"),
], ids=["line-under-a-build-flag", "line-for-every-build"])
def test_a_short_block_under_a_new_build_flag_is_configuration(prefix: str, expected: str) -> None:
    old, new = (_MODEL_PATH.format(prefix=text) for text in ("", prefix))
    assert _native_type("llm/application/chat.cc", old, new) == expected


_MATH_MODE = ("void MatMul(const Tensor& A, const Tensor& B, Tensor* out) {{\n"
              "  if (ctx.compute_major() >= 5) {{\n{modes}"
              "    cublasSetMathMode(ctx.handle(), math_algo);\n"
              "    Gemm(A, B, out, cublas_algo);\n  }}\n}}\n")
_DEFAULT_MODES = ("      auto cublas_algo = CUBLAS_GEMM_DEFAULT;\n"
                  "      auto math_algo = CUBLAS_DEFAULT_MATH;  // CUBLAS_TENSOR_OP_MATH;\n")


@pytest.mark.parametrize(("modes", "expected"), [
    ("#if defined(WITH_TENSOR_CORE)\n      auto cublas_algo = CUBLAS_GEMM_DEFAULT_TENSOR_OP;\n"
     "      auto math_algo = CUBLAS_TENSOR_OP_MATH;\n#else\n      auto cublas_algo = CUBLAS_GEMM_DEFAULT;\n"
     "      auto math_algo = CUBLAS_DEFAULT_MATH;\n#endif\n", "configuration"),
    # near miss: the line kept in the #else branch also changed what it does
    ("#if defined(WITH_TENSOR_CORE)\n      auto cublas_algo = CUBLAS_GEMM_DEFAULT_TENSOR_OP;\n"
     "      auto math_algo = CUBLAS_TENSOR_OP_MATH;\n#else\n      auto cublas_algo = CUBLAS_GEMM_DEFAULT;\n"
     "      auto math_algo = PickMathMode(ctx);\n#endif\n", "core-logic"),
], ids=["kept-line-lost-its-comment", "kept-line-changed"])
def test_constants_chosen_by_a_build_flag_beside_a_line_that_only_lost_its_comment_are_configuration(
        modes: str, expected: str) -> None:
    old, new = (_MATH_MODE.format(modes=text) for text in (_DEFAULT_MODES, modes))
    assert _native_type("layers/kernels/mat_mul.cpp", old, new) == expected


_STUBS = ('#ifndef STUBS_H\n#define STUBS_H\n\n#include <cuda.h>\n\n{stubs}#endif  // STUBS_H\n')
_OLD_CUDA_STUBS = ('extern "C" {{\n\n#if {test}\n\nCUresult cuFuncSetAttribute(...) {{\n'
                   '    return CUDA_ERROR_NOT_SUPPORTED;\n}}\n\ntypedef enum {{}} cublasMath_t;\n\n'
                   '#endif  // {test}\n\n}}  // extern "C"\n\n')


@pytest.mark.parametrize(("test", "expected"), [
    ("CUDA_VERSION < 9000", "configuration"),
    ("CUSPARSE_VERSION < 9020", "configuration"),
    # near miss: stubs a build option chose, not a version
    ("defined(NO_DRIVER_API)", "data-contract"),
], ids=["cuda-version", "library-version", "build-option"])
def test_stubs_for_old_versions_removed_with_their_conditional_are_configuration(test: str,
                                                                                  expected: str) -> None:
    old = _STUBS.format(stubs=_OLD_CUDA_STUBS.format(test=test))
    assert _native_type("backends/cuda/stubs.h", old, _STUBS.format(stubs="")) == expected


_TLS = ("#include <ATen/core/TLS.h>\n\nclass FuncTorchTLS : public FuncTorchTLSBase {{\n public:\n"
        "  int64_t checkSupportsAutograd() const override {{\n    return 0;\n  }}\n{added}\n"
        "  std::vector<int> layers = {{1}};\n}};\n")
_OVERRIDES_ADDED = ("  void checkSupportsInplaceRequiresGrad() const override {\n    // Does nothing\n  }\n"
                    "  void checkSupportsRetainGrad() const override {\n    // Does nothing\n  }\n")
_BASE = ("class FuncTorchTLSBase {{\n public:\n  virtual int64_t checkSupportsAutograd() const = 0;\n"
         "{added}}};\n")


@pytest.mark.parametrize(("base_changed", "expected"), [
    (False, "data-contract"),
    # near miss: the change declares the virtual methods itself
    (True, "core-logic"),
], ids=["base-outside-the-change", "base-declared-in-the-change"])
def test_overrides_of_what_a_base_class_outside_the_change_requires_are_a_contract(
        base_changed: bool, expected: str) -> None:
    files = [_diff("csrc/DynamicLayer.cpp", _TLS.format(added=""), _TLS.format(added=_OVERRIDES_ADDED))]
    if base_changed:
        virtuals = ("  virtual void checkSupportsInplaceRequiresGrad() const = 0;\n"
                    "  virtual void checkSupportsRetainGrad() const = 0;\n")
        files.append(_diff("csrc/tls_base.h", _BASE.format(added=""), _BASE.format(added=virtuals)))
    assert _facts(*files).files[0].change_type == expected


def test_the_overrides_of_a_class_the_change_adds_are_its_new_code() -> None:
    old = ("#include <aws/core/http/HttpClientFactory.h>\n\n"
           "class S3FileSystem {\n public:\n  int Open();\n};\n")
    factory = ("class S3HttpClientFactory : public Aws::Http::HttpClientFactory {\n"
               "  std::shared_ptr<HttpClient> CreateHttpClient(const Config& config) const override\n  {\n"
               "    return std::make_shared<S3CurlHttpClient>(config);\n  }\n"
               "  void InitStaticState() override { S3CurlHttpClient::InitGlobalState(); }\n"
               "  void CleanupStaticState() override { S3CurlHttpClient::CleanupGlobalState(); }\n};\n\n")
    new = old.replace("class S3FileSystem", factory + "class S3FileSystem")
    assert _facts(_diff("src/filesystem/s3.h", old, new)).files[0].change_type == "core-logic"


_HEURISTIC_RESULTS = ("void {name}(const std::vector<Solution>& solutions, Result results[],\n"
                      "    size_t maxBytes{param})\n"
                      "{{\n    for(size_t i = 0; i < solutions.size(); i++)\n    {{\n"
                      "        results[i].maxBytes = maxBytes;\n{use}    }}\n}}\n\n"
                      "int getBestSolutions(const Problem& problem, Result results[])\n{{\n"
                      "    auto solutions = find(problem);\n    {name}(solutions, results, limit(){arg});\n"
                      "    return 0;\n}}\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("_convertToHeuristicResultArray", "core-logic"),
    # near miss: a function other sources may call
    ("convertToHeuristicResultArray", "data-contract"),
])
def test_a_source_s_underscored_helper_gaining_a_parameter_with_its_caller_is_no_interface(
        name: str, expected: str) -> None:
    old = _HEURISTIC_RESULTS.format(name=name, param="", use="", arg="")
    new = _HEURISTIC_RESULTS.format(name=name, param=", const Problem& problem",
                             use="        results[i].workspaceSize = solutions[i]->workspace(problem);\n",
                             arg=", problem")
    assert _native_type("library/src/tensile_host.cpp", old, new) == expected


_OFFLOADER = ("class Offloader\n{{\n{access}:\n"
              "    void read(const std::string &key, callback_t callback)\n    {{\n"
              "        auto fn = std::bind(&Offloader::release, this, {bound}, callback);\n"
              "        aio->read(fd, fn);\n    }}\n\n{section}:\n"
              "    void release({key}ull offset, callback_t callback = nullptr)\n    {{\n"
              "        space.free(offset);\n{erase}    }}\n}};\n")


@pytest.mark.parametrize(("section", "expected"), [
    ("private", "core-logic"),
    # near miss: a method other classes call
    ("public", "data-contract"),
])
def test_a_private_method_gaining_a_parameter_with_its_callers_is_no_interface(section: str,
                                                                              expected: str) -> None:
    old = _OFFLOADER.format(access="public", section=section, bound="key, offsets[key]",
                            key="std::string key, ", erase="        tensors.erase(key);\n")
    new = _OFFLOADER.format(access="public", section=section, bound="offsets[key]", key="", erase="")
    assert _native_type("csrc/offload.cpp", old, new) == expected


_OLDEST_BATCH = ("OldestSequenceBatch::OldestSequenceBatch(const ModelConfig& config)\n{{\n"
                 "  scheduler_.reset(new DynamicBatchScheduler(\n"
                 "      config.max_batch_size(), enforce_equal_shape_tensors_,\n{ordering}"
                 "      false /* response_cache_enable */));\n}}\n")


@pytest.mark.parametrize(("ordering", "expected"), [
    ("      config.sequence_batching().oldest().preserve_ordering(),\n", "configuration"),
    # near misses: another literal; a value computed otherwise
    ("      false /* preserve_ordering */,\n", "core-logic"),
    ("      NeedsOrdering(model_),\n", "core-logic"),
], ids=["read-from-the-config", "another-literal", "computed"])
def test_a_literal_argument_read_from_the_configuration_instead_is_configuration(ordering: str,
                                                                                expected: str) -> None:
    old = _OLDEST_BATCH.format(ordering="      true /* preserve_ordering */,\n")
    assert _native_type("src/sequence_batch_scheduler.cc", old, _OLDEST_BATCH.format(ordering=ordering)) \
        == expected


_UTILS_HEADER = ("#ifndef UTILS_H\n#define UTILS_H\n\n#include <string>\n\n#ifdef __CUDACC__\n"
                 "#define MINK_CUDA_DEVICE __device__\n#else\n#define MINK_CUDA_DEVICE\n{in_branch}#endif\n\n"
                 "{outside}inline int twice(int x) {{ return 2 * x; }}\n\n#endif  // UTILS_H\n")


@pytest.mark.parametrize(("in_branch", "outside", "expected"), [
    ("#define THRUST_CHECK(condition) condition;\n", "", "configuration"),
    # near miss: a macro every build defines, inside the include guard only
    ("", "#define THRUST_CHECK(condition) condition;\n", "core-logic"),
], ids=["macro-for-one-build", "macro-for-every-build"])
def test_a_macro_defined_in_a_branch_of_a_build_conditional_is_configuration(
        in_branch: str, outside: str, expected: str) -> None:
    old = _UTILS_HEADER.format(in_branch="", outside="")
    new = _UTILS_HEADER.format(in_branch=in_branch, outside=outside)
    assert _native_type("src/utils.hpp", old, new) == expected


_FUSED_CLASSIFIER = ("template <typename T>\nvoid fused_classifier(T* logits, int n) {\n"
                     "    for (int i = 0; i < n; i++) {\n        logits[i] = logits[i] * 2;\n    }\n}\n\n")
_GPT2_TRAINER = "#include <stdio.h>\n{include}\n{classifier}int main() {{\n    float x[4];\n{call}" \
    "    return 0;\n}}\n"
_FUSED_INCLUDE = '#include "llmc/fused_classifier.cuh"\n'


@pytest.mark.parametrize(("call", "expected"), [
    ("    fused_classifier(x, 4);\n", "dependency-wiring"),
    # near miss: the file also calls what moved otherwise, which is code of its own
    ("    fused_classifier(x, 2);\n", "core-logic"),
], ids=["moved-and-included", "moved-and-called-otherwise"])
def test_code_moved_into_a_header_the_file_includes_is_wiring(call: str, expected: str) -> None:
    before = "    fused_classifier(x, 4);\n"
    old = _GPT2_TRAINER.format(include="", classifier=_FUSED_CLASSIFIER, call=before)
    new = _GPT2_TRAINER.format(include=_FUSED_INCLUDE, classifier="", call=call)
    header = _diff("llmc/fused_classifier.cuh", None, "#pragma once\n\n" + _FUSED_CLASSIFIER, "added")
    assert _facts(_diff("train_gpt2.cu", old, new), header).files[0].change_type == expected


_GPT2_BACKWARD = "#include <stdio.h>\n\nvoid {name}(Model* model, int* inputs, bool last) {{\n" \
    "    model->step += last ? 1 : 0;\n}}\n"
_GPT2_PROFILER = "#include \"train_gpt2.cu\"\n\nint main() {{\n    Model model;\n" \
    "    {call}(&model, {args});\n    return 0;\n}}\n"


@pytest.mark.parametrize(("args", "expected"), [
    ("x, true", "data-contract"),
    # near miss: the call is given other arguments too, which is a change of its own
    ("x, false", "core-logic"),
], ids=["call-follows-rename", "call-changed-otherwise"])
def test_calls_that_follow_a_native_function_renamed_elsewhere_are_a_contract(args: str,
                                                                             expected: str) -> None:
    trainer = _diff("src/train.cu", _GPT2_BACKWARD.format(name="gpt2_backward"),
                    _GPT2_BACKWARD.format(name="gpt2_backward_and_reduce"))
    caller = _diff("src/run.cu", _GPT2_PROFILER.format(call="gpt2_backward", args="x, true"),
                   _GPT2_PROFILER.format(call="gpt2_backward_and_reduce", args=args))
    assert _facts(trainer, caller).files[1].change_type == expected


_RANGE_CHECKS = ('#pragma once\n#include "../extensions.h"\n\n'
                 '#define CHECK_CPU(x) AT_ASSERTM(x.is_cpu(), "CPU")\n'
                 "{define}\ninline void check_range(int low, int high) {{\n  {use}\n}}\n")
_CHECK_LT_DEFINED = '#define CHECK_LT(low, high) AT_ASSERTM(low < high, "low < high")'


@pytest.mark.parametrize(("use_before", "expected"), [
    ("CHECK_LT(low, high);", "data-contract"),
    # near miss: a macro the file did not use before is a helper of its own
    ("AT_ASSERTM(low < high, \"low\");", "core-logic"),
], ids=["macro-the-code-used", "macro-new-to-the-file"])
def test_a_macro_defined_that_the_file_used_before_stands_in_for_a_dependency(use_before: str,
                                                                              expected: str) -> None:
    old = _RANGE_CHECKS.format(define="", use=use_before)
    new = _RANGE_CHECKS.format(define=_CHECK_LT_DEFINED, use=use_before)
    assert _native_type("csrc/cpu/utils.h", old, new) == expected


_MATH_OPS = "/* MIT License */\n{open}uint iDiv(uint v, uint d)\n{{\n    return v / d;\n}}\n{close}"


@pytest.mark.parametrize(("opened", "expected"), [
    ("#ifndef GUARD_MATH_OPS_H\n#define GUARD_MATH_OPS_H\n\n", "dependency-wiring"),
    # near miss: a macro defined where another is not, which the code may test
    ("#ifndef GPU_DIV\n#define GPU_DIV 1\n\n", "configuration"),
], ids=["include-guard", "default-macro"])
def test_an_include_guard_given_to_a_header_is_wiring(opened: str, expected: str) -> None:
    old = _MATH_OPS.format(open="", close="")
    new = _MATH_OPS.format(open=opened, close="\n#endif\n")
    assert _native_type("src/kernels/math_ops.h", old, new) == expected


_TEMPLATE_DEFINITIONS = """\
template <typename Key>
class map_ref {{
  /**
   * @tparam ProbeKey {doc}
   */
  template <typename ProbeKey>
  bool contains(ProbeKey const& key) const
  {{
    return {body};
  }}
}};
"""


@pytest.mark.parametrize(("path", "doc", "body", "change_type"), [
    ("include/cuco/detail/static_map_ref.inl", "Probe key type", "impl_.contains(key)", "docs"),
    ("include/cuco/detail/map.tcc", "Probe key type", "impl_.contains(key)", "docs"),
    ("src/map.cxx", "Probe key type", "impl_.contains(key)", "docs"),
    # near miss: the body changed beside the comment
    ("include/cuco/detail/static_map_ref.inl", "Probe key type", "this->impl_.find(key) != end()",
     "core-logic"),
], ids=["inl", "tcc", "cxx", "inl-body-changed"])
def test_template_definition_files_are_read_as_cpp(path: str, doc: str, body: str, change_type: str) -> None:
    old = _TEMPLATE_DEFINITIONS.format(doc="Input type convertible to key_type", body="impl_.contains(key)")
    facts = _facts(_diff(path, old, _TEMPLATE_DEFINITIONS.format(doc=doc, body=body)))
    assert facts.files[0].change_type == change_type
    assert facts.key_symbols[0] == ("map_ref::contains" if change_type == "core-logic" else "map_ref")


_ARROW_HEADER = """\
#ifndef ARROW_H_
#define ARROW_H_

{open}#include <vector>
#include <cstdint>
{close}
struct ArrowArray {{
  int64_t length;
}};

#endif
"""


@pytest.mark.parametrize(("open_", "close", "expected"), [
    ("#ifdef __cplusplus\n", "#endif\n", "dependency-wiring"),
    # near miss: the guard tests a toolkit's version, a version check
    ("#if CUDA_VERSION >= 12000\n", "#endif\n", "configuration"),
], ids=["includes-kept-from-c", "includes-by-version"])
def test_includes_put_under_a_guard_are_dependency_wiring(open_: str, close: str, expected: str) -> None:
    old = _ARROW_HEADER.format(open="", close="")
    assert _native_type("include/arrow.h", old, _ARROW_HEADER.format(open=open_, close=close)) == expected


_SOCKET_HEADER = "#include <sys/types.h>\n\n{includes}\nnamespace net {{\nint port();\n}}\n"


@pytest.mark.parametrize(("includes", "expected"), [
    ("#include <ifaddrs.h>\n", "dependency-wiring"),
    # near miss: the platform's branch declares a function of its own, not an include
    ("#if defined(__sun)\nint getifaddrs(struct ifaddrs** out);\n#endif\n#include <ifaddrs.h>\n",
     "core-logic"),
], ids=["shim-include-dropped", "shim-declaration-kept"])
def test_a_platform_shim_include_dropped_with_its_guard_is_dependency_wiring(includes: str,
                                                                            expected: str) -> None:
    old = _SOCKET_HEADER.format(includes='#if defined(__sun)\n  #include "ifaddrs_patch.h"\n#else\n'
                                          '  #include <ifaddrs.h>\n#endif\n')
    assert _native_type("src/network/socket_wrapper.hpp", old, _SOCKET_HEADER.format(includes=includes)) \
        == expected


_TRACING_HEADER = "#include <rocprofiler-sdk/hip.h>\n{rccl}\n#include <hsa/hsa.h>\n\nint trace();\n"
_RCCL_CHOSEN = ("\n#if !defined(USE_SYSTEM_RCCL)\n#    if __has_include(<rccl/amd_detail/api_trace.h>)\n"
                "#        define USE_SYSTEM_RCCL 1\n#    else\n#        define USE_SYSTEM_RCCL 0\n"
                "#    endif\n"
                "#endif\n\n#if USE_SYSTEM_RCCL > 0\n#    include <rccl/rccl.h>\n#else\n"
                "#    include <rocprofiler-sdk/rccl/details/rccl.h>\n#endif\n")


@pytest.mark.parametrize(("chosen", "expected"), [
    (_RCCL_CHOSEN, "dependency-wiring"),
    # near miss: a value defined beside the includes, which no conditional tests
    (_RCCL_CHOSEN.replace("#endif\n\n#if USE", "#endif\n#define RCCL_TRACE_BUFFER 64\n\n#if USE"),
     "core-logic"),
], ids=["flag-tested", "value-defined"])
def test_headers_chosen_by_a_flag_the_conditionals_define_are_wiring(chosen: str, expected: str) -> None:
    new = _TRACING_HEADER.format(rccl="#include <rocprofiler-sdk/rccl.h>")
    assert _native_type("include/callback_tracing.h", _TRACING_HEADER.format(rccl=chosen), new) == expected


_HELPERS = ("#include <thrust/device_vector.h>\n\n{flags}\n"
            "namespace dh {{\ninline int Count() {{ return 1; }}\n}}\n")


@pytest.mark.parametrize(("old_flags", "expected"), [
    ("// Uncomment to enable\n#define TIMERS\n", "configuration"),
    # near miss: what goes is a macro that expands to code
    ("#define TIMER(name) Start(name)\n", "core-logic"),
], ids=["flag-macro-dropped", "function-macro-dropped"])
def test_a_flag_macro_and_a_compiler_version_check_are_configuration(old_flags: str, expected: str) -> None:
    new = _HELPERS.format(flags='#if __CUDACC_VER_MAJOR__ == 10 && __CUDACC_VER_MINOR__ == 1\n'
                                '#error "CUDA 10.1 is not supported"\n#endif\n')
    assert _native_type("src/common/device_helpers.cuh", _HELPERS.format(flags=old_flags), new) == expected


_PARAMETERS = """\
struct GenericParameter : public XGBoostParameter<GenericParameter> {{
  int nthread;
{field}
  DMLC_DECLARE_PARAMETER(GenericParameter) {{
    DMLC_DECLARE_FIELD(nthread).set_default(0).describe("Number of threads.");
{declared}  }}
}};
"""


@pytest.mark.parametrize(("field", "declared", "expected"), [
    ("  bool validate_parameters {false};",
     "    DMLC_DECLARE_FIELD(validate_parameters)\n        .set_default(false)\n"
     "        .describe(\"Check whether parameters are used.\");\n", "configuration"),
    # near miss: the struct gains a member that is no parameter, and a call that declares none:
    # the header's struct changed its layout
    ("  bool validated;", "    Validate(validated);\n", "data-contract"),
], ids=["parameter-with-default", "member-and-call"])
def test_a_parameter_declared_with_its_default_is_configuration(field: str, declared: str,
                                                               expected: str) -> None:
    old = _PARAMETERS.format(field="", declared="")
    new = _PARAMETERS.format(field=field, declared=declared)
    assert _native_type("include/xgboost/generic_parameters.h", old, new) == expected


_KERNEL_HEADER = ("struct jit_fwd_kernel {{\n    void (*jit_ker)(int);\n\nprivate:\n{member}\n"
                  "    void* kernel_;\n}};\n")


@pytest.mark.parametrize(("member", "expected"), [
    ("    DNNL_DISALLOW_COPY_AND_ASSIGN(jit_fwd_kernel);", "core-logic"),
    # near miss: the header's struct gains a field
    ("    DNNL_DISALLOW_COPY_AND_ASSIGN(jit_fwd_kernel<isa>);\n    int stride_;", "data-contract"),
], ids=["macro-argument-changed", "field-added"])
def test_a_macro_a_header_struct_invokes_changes_no_field(member: str, expected: str) -> None:
    old = _KERNEL_HEADER.format(member="    DNNL_DISALLOW_COPY_AND_ASSIGN(jit_fwd_kernel<isa>);")
    assert _native_type("src/cpu/jit_conv_kernel.hpp", old, _KERNEL_HEADER.format(member=member)) == expected


_PROCESSORS = ('uint32_t max_possible(uint32_t count) {{\n'
               '    if (!parse_cpulist({path}, parser, &count)) {{\n'
               '        cpuinfo_log_error("failed to parse the list of {what} in %s", {path});\n'
               '        return count;\n    }}\n    return count;\n}}\n')


@pytest.mark.parametrize(("what", "path", "expected"), [
    ("possible processors", "POSSIBLE_CPULIST", "docs"),
    # near miss: the list is read from another file too
    ("possible processors", "PRESENT_CPULIST", "core-logic"),
], ids=["log-message-fixed", "log-message-and-file-changed"])
def test_a_log_message_spelled_otherwise_is_docs(what: str, path: str, expected: str) -> None:
    old = _PROCESSORS.format(what="possible procesors", path="POSSIBLE_CPULIST")
    assert _native_type("src/linux/processors.c", old, _PROCESSORS.format(what=what, path=path)) == expected


_LAUNCH = ("hipError_t ihipModuleLaunchKernel(hipFunction_t f)\n{{\n"
           "    dispatch(&aql, args\n{switch}                                  , f->_name.c_str()\n"
           "#endif\n                                  );\n    return hipSuccess;\n}}\n")


@pytest.mark.parametrize(("old_switch", "expected"), [
    ("#define USE_NAMED_KERNEL 0\n#if USE_NAMED_KERNEL\n", "configuration"),
    # near miss: the call's arguments changed beside the switch
    ("#define USE_NAMED_KERNEL 0\n#if USE_NAMED_KERNEL\n                                  , stream\n",
     "core-logic"),
], ids=["switch-in-a-function", "argument-dropped-too"])
def test_a_switch_defined_in_a_function_given_way_to_a_version_check_is_configuration(old_switch: str,
                                                                                      expected: str) -> None:
    new = _LAUNCH.format(switch="#if (__hcc_workweek__ >= 17300)\n")
    assert _native_type("src/hip_module.cpp", _LAUNCH.format(switch=old_switch), new) == expected


_UCP_TEST = ("class ucp_test_base {{\npublic:\n    enum {{\n        SINGLE_THREAD = 42,\n"
             "        MULTI_THREAD_WORKER   /* workers are multi-threaded, {comment} is mt-single */\n"
             "    }};\n{member}}};\n")


@pytest.mark.parametrize(("comment", "member", "expected"), [
    ("context", "", "docs"),
    # near miss: the test's code changes beside its comment
    ("context", "    void flush();\n", "test-coverage"),
], ids=["trailing-comment-respelled", "member-added-too"])
def test_a_native_test_whose_comments_alone_changed_is_docs(comment: str, member: str, expected: str) -> None:
    old = _UCP_TEST.format(comment="cotnext", member="")
    assert _native_type("test/gtest/ucp/ucp_test.h", old, _UCP_TEST.format(comment=comment, member=member)) \
        == expected


_NEURON_LOADER = ("const NeuronApi LoadNeuronApi() {{\n  NeuronApi neuron_api;\n  libneuron_adapter =\n"
                  "      dlopen(\"libneuronusdk_adapter.mtk.so\", RTLD_LAZY | RTLD_LOCAL);\n{fallbacks}"
                  "  neuron_api.neuron_exists = libneuron_adapter != nullptr;\n  return neuron_api;\n}}\n")


@pytest.mark.parametrize(("fallbacks", "expected"), [
    ("  if (libneuron_adapter == nullptr) {\n"
     "    libneuron_adapter = dlopen(\"libneuron_adapter_mgvi.so\", RTLD_LAZY | RTLD_LOCAL);\n  }\n"
     "  if (libneuron_adapter == nullptr) {\n"
     "    NEURONAPI_LOG(\"NeuronApi error: unable to open library %s\",\n"
     "                  \"libneuron_adapter_mgvi.so\");\n  }\n", "dependency-wiring"),
    # near miss: the handle is used otherwise beside the library loaded
    ("  if (libneuron_adapter == nullptr) {\n"
     "    libneuron_adapter = dlopen(\"libneuron_adapter_mgvi.so\", RTLD_LAZY | RTLD_LOCAL);\n"
     "    neuron_api.legacy = true;\n  }\n", "core-logic"),
], ids=["library-fallback", "state-set-too"])
def test_a_native_library_loaded_by_another_name_is_dependency_wiring(fallbacks: str, expected: str) -> None:
    old = _NEURON_LOADER.format(fallbacks="")
    assert _native_type("mace/runtimes/apu/neuron_implementation.cc", old,
                        _NEURON_LOADER.format(fallbacks=fallbacks)) == expected


_CAST_HEADER = ("namespace tvm {{\nnamespace ffi {{\n\ntemplate <typename T>\n"
                "inline T Downcast(ObjectRef ref) {{\n    return T(ref);\n}}\n\n}}  // namespace ffi\n"
                "{exposed}}}  // namespace tvm\n")


@pytest.mark.parametrize(("exposed", "expected"), [
    ("\n// Expose to the tvm namespace\nusing ffi::Downcast;\nusing ffi::GetRef;\n", "dependency-wiring"),
    ("using namespace ffi;\n", "dependency-wiring"),
    # near miss: a type alias defines a name of its own
    ("using Handle = ffi::ObjectRef;\n", "core-logic"),
], ids=["using-declarations", "using-directive", "alias"])
def test_names_of_another_namespace_brought_in_are_dependency_wiring(exposed: str, expected: str) -> None:
    assert _native_type("include/tvm/ffi/cast.h", _CAST_HEADER.format(exposed=""),
                        _CAST_HEADER.format(exposed=exposed)) == expected


_VERSION_HEADER = ('/* Copyright */\n\n#ifndef VX_EXT_RPP_VERSION_H\n#define VX_EXT_RPP_VERSION_H\n\n'
                   '#include "vx_ext_rpp.h"\n#ifdef __cplusplus\nextern "C" {{\n#endif\n{body}'
                   '#ifdef __cplusplus\n}}\n#endif\n#endif  // VX_EXT_RPP_VERSION_H\n')


@pytest.mark.parametrize(("path", "body", "expected"), [
    ("include/vx_ext_rpp_version.h",
     "#define VX_EXT_RPP_VERSION_MAJOR 3\n#define VX_EXT_RPP_VERSION_MINOR 0\n", "configuration"),
    # near misses: a header that also declares a function, and a source file
    ("include/vx_ext_rpp_version.h", "#define VX_EXT_RPP_VERSION_MAJOR 3\nint vx_rpp_version(void);\n",
     "core-logic"),
    ("src/vx_ext_rpp_version.c", "#define VX_EXT_RPP_VERSION_MAJOR 3\n", "core-logic"),
], ids=["versions", "with-a-prototype", "source-file"])
def test_a_header_added_to_give_values_alone_is_configuration(path: str, body: str, expected: str) -> None:
    diff = _diff(path, None, _VERSION_HEADER.format(body=body), status="added")
    assert _facts(diff).files[0].change_type == expected


_PROTO = ('syntax = "proto3";\n\nmessage AnthropicDelta {{\n  // Type of delta\n  optional string type = 1;\n'
          '{field}}}\n')


@pytest.mark.parametrize(("path", "field", "expected"), [
    ("xllm/proto/anthropic.proto", "  optional string signature = 6;\n", "data-contract"),
    ("include/ttmlir/Target/TTNN/program.fbs", "  optional string signature = 6;\n", "data-contract"),
    # near misses: a comment reworded, and a schema the tests feed
    ("xllm/proto/anthropic.proto", "  // Opaque thinking signature\n", "docs"),
    ("tests/data/anthropic.proto", "  optional string signature = 6;\n", "test-coverage"),
], ids=["proto-field", "flatbuffers-field", "proto-comment", "test-schema"])
def test_a_schema_of_messages_changed_is_a_data_contract(path: str, field: str, expected: str) -> None:
    assert _native_type(path, _PROTO.format(field=""), _PROTO.format(field=field)) == expected


_MATMUL_LAUNCH = ("use cubek::matmul::{{\n    definition::{{{imported}}},\n"
                  "    launch::MatmulInputHandleRef,\n}};\n\n"
                  "pub fn launch_matmul(lhs: DType, rhs: DType, out_dtype: DType) {{\n"
                  "    let client = client();\n{call}    launch_ref(client, &dtypes);\n}}\n")
_BY_VALUES = ("    let dtypes = MatmulElems::from_globals(\n        MatmulElemType {{ dtype: lhs }},\n"
              "        MatmulElemType {{ dtype: rhs }},\n"
              "        MatmulElemType {{ dtype: {out} }},\n    );\n")
_BY_STRUCT = ("    let dtypes = MatmulElems::from_globals(&MatmulGlobalElems {{\n"
              "        lhs: MatmulElemType {{ dtype: lhs }},\n        rhs: MatmulElemType {{ dtype: rhs }},\n"
              "        out: MatmulElemType {{ dtype: {out} }},\n    }});\n")
_IMPORTED_BEFORE = "MatmulElemType, MatmulElems"
_IMPORTED_NOW = "MatmulElemType, MatmulElems, MatmulGlobalElems"


_CODE_BESIDE = "".join(f"    let scale_{n} = scale(lhs, {n});\n    log(scale_{n});\n" for n in range(4))


@pytest.mark.parametrize(("imported", "out", "beside", "expected"), [
    (_IMPORTED_NOW, "out_dtype", "", "data-contract"),
    # near misses: the type was imported before; a value the call was given is dropped; code
    # written beside the call
    (_IMPORTED_BEFORE, "out_dtype", "", "core-logic"),
    (_IMPORTED_NOW, "lhs", "", "core-logic"),
    (_IMPORTED_NOW, "out_dtype", _CODE_BESIDE, "core-logic"),
], ids=["arguments-in-an-imported-type", "type-not-imported-anew", "argument-dropped", "code-beside"])
def test_a_call_handed_its_data_in_a_type_imported_anew_is_a_data_contract(imported: str, out: str,
                                                                         beside: str, expected: str) -> None:
    old = _MATMUL_LAUNCH.format(imported=_IMPORTED_BEFORE, call=_BY_VALUES.format(out="out_dtype"))
    new = _MATMUL_LAUNCH.format(imported=imported, call=_BY_STRUCT.format(out=out) + beside)
    assert _native_type("crates/burn-cubecl/src/kernel/matmul/base.rs", old, new) == expected


_PASS = """\
namespace optimization {{

struct {name} final : public PredicateBasedPass {{
  explicit {name}() : PredicateBasedPass(PassType::Fuse) {{}}

  std::string getPassName() const override {{
    return "{pass_name}";
  }}

  bool patternMatchPredicate(Node* node) override {{
    return node->kind() == kGather && node->input()->node()->kind() == kShape;
  }}
}};

}}
"""


@pytest.mark.parametrize(("name", "change_type"), [
    ("EliminateShapeGather", "data-contract"),
    # near miss: the header renamed, the struct it declares not
    ("EliminateNopGatherShape", "core-logic"),
], ids=["struct-renamed", "struct-kept"])
def test_a_struct_renamed_with_its_header_is_a_contract_change(name: str, change_type: str) -> None:
    old = _PASS.format(name="EliminateNopGatherShape", pass_name="eliminate_nop_gather_shape")
    new = _PASS.format(name=name, pass_name="eliminate_shape_gather")
    diff = replace(_diff("onnxoptimizer/passes/eliminate_shape_gather.h", old, new, "renamed"),
                   old_path="onnxoptimizer/passes/eliminate_nop_gather_shape.h")
    assert _facts(diff).files[0].change_type == change_type


_MULADD = ("{includes}\n#include <cuda_runtime.h>\n\n"
           "at::Tensor mymuladd_cuda(const at::Tensor& a, double c) {{\n"
           "  at::Tensor a_contig = a.contiguous();\n"
           "  at::Tensor result = {empty}(a_contig.sizes(), a_contig.options());\n"
           "  muladd_kernel<<<(a.numel() + 255) / 256, 256>>>(\n"
           "      a.numel(), a_contig.data_ptr<float>(), c, result.data_ptr<float>());\n"
           "  return result;\n}}\n")


@pytest.mark.parametrize(("empty", "change_type"), [
    ("at::empty", "dependency-wiring"),
    # near miss: another function of the namespace
    ("at::zeros", "data-contract"),
], ids=["same-function-through-another-namespace", "another-function"])
def test_includes_swapped_with_names_reached_through_their_new_namespace_are_dependency_wiring(
        empty: str, change_type: str) -> None:
    """`#include <torch/extension.h>` gave way to `<torch/all.h>` and `<torch/library.h>`, and
    `torch::empty(...)` became `at::empty(...)`: the same functions through other headers."""
    old = _MULADD.format(includes="#include <torch/extension.h>", empty="torch::empty")
    new = _MULADD.format(includes="#include <torch/all.h>\n#include <torch/library.h>", empty=empty)
    assert _native_type("extension_cpp/csrc/cuda/muladd.cu", old, new) == change_type


_ENV_VARS = ('#pragma once\n#include "Kernels.hpp"\n\n#define TB_VERSION {version}\n\n'
             "extern char const MemTypeStr[];\n\nclass EnvVars\n{{\npublic:\n  int numCpuDevices;\n}};\n")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    ('"1.48"', '"1.49"', "configuration"),
    ("64", "128", "configuration"),
    # near miss: a macro that expands to code
    ("read_version(1)", "read_version(2)", "core-logic"),
], ids=["version-string", "number", "code"])
def test_a_macro_defined_as_a_value_changed_is_configuration(old: str, new: str, change_type: str) -> None:
    """`#define TB_VERSION "1.48"` became `"1.49"`: a value the code is built with, as `#define
    kTile 64` is."""
    assert _native_type("src/include/EnvVars.hpp", _ENV_VARS.format(version=old),
                        _ENV_VARS.format(version=new)) == change_type


_EXTENSION_CHECKS = ("#include <torch/extension.h>\n\n#define CHECK_CUDA(x) {check}\n"
                     "#define CHECK_CONTIGUOUS(x) TORCH_CHECK(x.is_contiguous(), #x \" contiguous\")\n\n"
                     "torch::Tensor pack(torch::Tensor x) {{\n    CHECK_CUDA(x);\n"
                     "    return x.view(-1);\n}}\n")


@pytest.mark.parametrize(("was", "now", "expected"), [
    ('AT_ASSERTM(x.type().is_cuda(), #x " must be a CUDA tensor")',
     'AT_ASSERTM(x.is_cuda(), #x " must be a CUDA tensor")', "data-contract"),
    ('AT_CHECK(x.type().is_cuda(), #x " must be a CUDA tensor")',
     'TORCH_CHECK(x.is_cuda(), #x " must be a CUDA tensor")', "data-contract"),
    # near miss: the check now asks another thing
    ('AT_ASSERTM(x.type().is_cuda(), #x " must be a CUDA tensor")',
     'AT_ASSERTM(x.is_cpu(), #x " must be a CPU tensor")', "core-logic"),
], ids=["tensor-asked", "check-renamed-too", "other-check"])
def test_a_call_pytorch_dropped_from_its_cpp_api_spelled_as_its_successor_follows_the_library(
        was: str, now: str, expected: str) -> None:
    """Tutel's CUDA extension asks `x.is_cuda()` where it asked `x.type().is_cuda()`, which
    PyTorch deprecated and removed."""
    old, new = _EXTENSION_CHECKS.format(check=was), _EXTENSION_CHECKS.format(check=now)
    assert _facts(_diff("tutel/custom/custom_kernel.cpp", old, new)).files[0].change_type == expected


_OP_PROTOTYPE = """\
namespace ge {{
REG_OP(PromptFlashAttention)
    .INPUT(query, TensorType({{DT_FLOAT16, DT_FLOAT32}}))
    .OPTIONAL_INPUT(atten_mask, TensorType({{DT_BOOL}}))
    .OUTPUT(attention_out, TensorType({{DT_FLOAT16}}))
    .REQUIRED_ATTR(num_heads, Int)
    .ATTR(sparse_mode, Int, 0)
{attribute}    .OP_END_FACTORY_REG(PromptFlashAttention)

static int CheckHeads(int num_heads) {{
    return num_heads > {heads} ? 0 : 1;
}}
}}  // namespace ge
"""


@pytest.mark.parametrize(("attribute", "heads", "expected"), [
    ("    .ATTR(inner_precise, Int, 1)\n", "0", "data-contract"),
    # near miss: a check beside the prototype computes otherwise
    ("", "1", "core-logic"),
], ids=["attribute-declared", "check-changed"])
def test_an_attribute_declared_in_an_ops_prototype_is_its_interface(
        attribute: str, heads: str, expected: str) -> None:
    """TorchAir !476 gives CANN's `REG_OP(PromptFlashAttention)` an `inner_precise` attribute."""
    old = _OP_PROTOTYPE.format(attribute="", heads="0")
    new = _OP_PROTOTYPE.format(attribute=attribute, heads=heads)
    path = "third_party/ops/op_proto/inc/experiment_ops.h"
    assert _facts(_diff(path, old, new)).files[0].change_type == expected
