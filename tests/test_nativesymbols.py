"""C, C++, CUDA, Rust and Java definitions read with tree-sitter, and their changes in a PR's facts."""

from __future__ import annotations

import pytest

from prdossier.analysis.nativesymbols import parse_java, parse_native, parse_rust
from prdossier.narrate.narrator import narrate
from prdossier.narrate.report import RepoRef
from tests.test_symbols import _diff, _facts

SOURCE = """\
#include <vector>

namespace turbomind {
namespace {

template<class F>
F QueryEntryPoint(const char* symbol, unsigned version)
{
    return nullptr;
}

const auto& GetCopyAPI()
{
    static int inst = 0;
    return inst;
}

}  // namespace

struct Attributes {
    int flags;
    int Order() const { return flags; }
};

int Declared(int x);

void BatchCopy::Run()
{
    Copy(src_, dst_);
}

__global__ void __launch_bounds__(1024, 1) Allgather(float* out, int ranks)
{
    out[threadIdx.x] = ranks;
}

void Launch(float* out, cudaStream_t stream)
{
    Allgather<<<1, 32, 0, stream>>>(out, 2);
}

extern "C" int c_entry(void) { return 0; }

}  // namespace turbomind
"""


def test_definitions_and_prototypes_wherever_they_sit() -> None:
    table = parse_native(SOURCE)
    assert {name: (s.kind, s.start, s.end) for name, s in table.symbols.items()} == {
        "QueryEntryPoint": ("function", 7, 10),
        "GetCopyAPI": ("function", 12, 16),
        "Attributes": ("class", 20, 23),
        "Attributes::Order": ("method", 22, 22),
        "Declared": ("function", 25, 25),
        "BatchCopy::Run": ("method", 27, 30),
        "Allgather": ("function", 32, 35),
        "Launch": ("function", 37, 40),
        "c_entry": ("function", 42, 42),
    }
    assert table.symbols["Allgather"].parameters == "(float*, int)"  # what callers see: no names
    assert table.owner(39) == "Launch"
    assert table.file_local == {"QueryEntryPoint", "GetCopyAPI"}


_GTEST = """\
using TensorTest = TorchXlaTest;

TEST_F(TensorTest, TestAdd) {
  EXPECT_TRUE(Add());
}

TEST(TensorTest, TestSize) {
  EXPECT_EQ(Size(), 2);
}

int TEST(int suite, int name) { return suite + name; }
"""


def test_a_googletest_test_is_named_as_its_runner_names_it() -> None:
    assert sorted(parse_native(_GTEST).symbols) == ["TEST", "TensorTest.TestAdd", "TensorTest.TestSize"]


_IMPORTERS = """\
DEFINE_BUILTIN_OP_IMPORTER(GlobalAveragePool)
{
    return {{pool(ctx, kAVG)}};
}

DEFINE_BUILTIN_OP_IMPORTER(GlobalMaxPool)
{
    return {{pool(ctx, kMAX)}};
}

TORCH_IMPL_FUNC(mm_out_cuda)(const Tensor& self, const Tensor& mat2) {
  run(self, mat2);
}

TORCH_LIBRARY(ops, m) {
  m.def("mm");
}
"""


def test_a_definition_a_macro_opens_with_one_name_is_named_by_it() -> None:
    table = parse_native(_IMPORTERS)
    assert sorted(table.symbols) == ["DEFINE_BUILTIN_OP_IMPORTER(GlobalAveragePool)",
                                     "DEFINE_BUILTIN_OP_IMPORTER(GlobalMaxPool)",
                                     "TORCH_IMPL_FUNC(mm_out_cuda)",
                                     "TORCH_LIBRARY"]
    assert table.symbols["TORCH_IMPL_FUNC(mm_out_cuda)"].parameters == "(const Tensor&, const Tensor&)"
    changed = _facts(_diff("builtin_op_importers.cpp", _IMPORTERS, _IMPORTERS.replace("kMAX", "kMAX, true")))
    assert changed.key_symbols == ["DEFINE_BUILTIN_OP_IMPORTER(GlobalMaxPool)"]


_ROTATIONS = """\
namespace rocrand_device {
static constexpr __device__ int THREEFRY_ROTATION_32_4[8][2] = {
    {10, 26},
    {11, 21}
};
constexpr const char* LAST_RELEASE_VERSION = "1.10.2";
int calls = 0;

inline int rotate(int x, int round) {
    const int r = THREEFRY_ROTATION_32_4[round][0];
    return x << r;
}
}
"""


def test_constants_declared_outside_functions_are_symbols() -> None:
    table = parse_native(_ROTATIONS)
    assert {name: symbol.kind for name, symbol in table.symbols.items()} == {
        "THREEFRY_ROTATION_32_4": "constant", "LAST_RELEASE_VERSION": "constant", "rotate": "function"}
    retuned = _ROTATIONS.replace("{11, 21}", "{11, 27}")
    changed = _facts(_diff("include/rocrand_threefry4_impl.h", _ROTATIONS, retuned))
    assert changed.key_symbols == ["THREEFRY_ROTATION_32_4"]
    # beside a function that changed, the constant is a value it reads
    rewritten = retuned.replace("return x << r;", "return (x << r) | (x >> (32 - r));")
    assert _facts(_diff("include/rocrand_threefry4_impl.h", _ROTATIONS, rewritten)).key_symbols == ["rotate"]


_PROTOTYPED = ("int scale(int x);\n\nint twice(int x) { return scale(x) * 2; }\n\n"
               "int scale(int x)\n{\n    return x * 3;\n}\n")


def test_a_definition_owns_its_lines_after_its_prototype() -> None:
    table = parse_native(_PROTOTYPED)
    assert (table.symbols["scale"].start, table.symbols["scale"].end) == (5, 8)
    assert [table.owner(n) for n in (1, 3, 7)] == ["scale", "twice", "scale"]
    changed = _facts(_diff("src/ops.cc", _PROTOTYPED, _PROTOTYPED.replace("x * 3", "x * 4"))).files[0]
    assert [(s.qualname, s.status) for s in changed.symbols] == [("scale", "changed")]


def test_a_prototype_given_other_parameter_types_in_a_header_is_a_contract_change() -> None:
    header = "#pragma once\n\nvoid attend(const float* q,\n            std::optional<double> scale);\n"
    facts = _facts(_diff("include/ops.h", header, header.replace("<double>", "<at::Tensor>")))
    assert (facts.files[0].change_type, facts.key_symbols) == ("data-contract", ["attend"])


def test_a_cuda_change_reports_the_functions_it_touched() -> None:
    renamed = SOURCE.replace("GetCopyAPI()", "GetMemcpyBatchAsync()")
    launched = renamed.replace("Allgather<<<1, 32, 0, stream>>>(out, 2);",
                              "Allgather<<<1, 64, 0, stream>>>(out, 4);")
    facts = _facts(_diff("src/comm/allgather.cu", SOURCE, launched))
    assert sorted((s.qualname, s.status) for s in facts.files[0].symbols) == [
        ("GetCopyAPI", "removed"), ("GetMemcpyBatchAsync", "added"), ("Launch", "changed")]
    assert "Launch" in facts.key_symbols
    assert _facts(_diff("src/comm/notes.txt", SOURCE, launched)).files[0].symbols == []


_BANG_KERNEL = ("template <typename T>\n__mlu_func__ void bilinear(const T x, T *w) {{\n"
                "  *w = x * {scale};\n}}\n\n"
                "__mlu_global__ void roiAlign(const float *in, float *out) {{\n  bilinear(in[0], out);\n}}\n")


@pytest.mark.parametrize("path", ["ops/mlu/roi_align_kernel.mlu", "ops/musa/roi_align_kernel.mu"])
def test_kernels_of_cuda_dialects_report_the_functions_they_touched(path: str) -> None:
    """Cambricon's BANG C (`.mlu`) and Moore Threads' MUSA (`.mu`) are read as CUDA is."""
    facts = _facts(_diff(path, _BANG_KERNEL.format(scale="2"), _BANG_KERNEL.format(scale="sign")))
    assert facts.key_symbols == ["bilinear"]


def test_classes_tree_sitter_cannot_fit_into_their_namespace_are_still_found() -> None:
    # the last class never closes: tree-sitter makes the whole namespace an error node
    source = ("namespace store::client {\n\nclass Target {\n public:\n  Target(int id)\n      : id(id) {}\n"
              "  int id;\n};\n\nclass Buffer : public MoveOnly {\n public:\n"
              "  size_t size() const { return n; }\n")
    found = {name: symbol.kind for name, symbol in parse_native(source).symbols.items()}
    assert found["Target"] == "class" and found["Target::Target"] == "method"
    # near miss: a function read with errors of its own there may span what is not it
    broken = source.replace("class Buffer", "void init(int m) {\n  auto f = [&](int a) { return a + ; };\n}\n"
                                            "class Buffer")
    assert "init" not in parse_native(broken).symbols and "Target" in parse_native(broken).symbols


RUST = """\
mod tokens {
    pub fn count(text: &str) -> usize {
        text.len()
    }
}

#[derive(Deserialize)]
pub struct Llama4Processor {
    do_image_splitting: bool,
}

pub struct Marker;

impl<T: Config> Llama4<T> {
    pub fn get_aspect_ratios(&self, height: usize, width: usize) -> (usize, usize) {
        let max_chunks = 15;
        (height / max_chunks, width)
    }
}

pub trait Processor {
    fn name(&self) -> &str;
    fn describe(&self) -> String {
        self.name().to_string()
    }
}

fn image_tokens(config: &Config) -> usize {
    config.get_aspect_ratios(4, 4).0
}
"""


def test_rust_items_in_modules_impls_and_traits_and_not_declarations() -> None:
    table = parse_rust(RUST)
    found = [f"{symbol.kind} {name} {symbol.start}-{symbol.end}" for name, symbol in table.symbols.items()]
    assert found == ["function tokens::count 2-4", "class Llama4Processor 8-10",
                     "method Llama4::get_aspect_ratios 15-18", "class Processor 21-26",
                     "method Processor::describe 23-25", "function image_tokens 28-30"]
    assert table.symbols["Llama4::get_aspect_ratios"].parameters == "(&self, height: usize, width: usize)"


def test_rust_constants_and_statics_are_items_and_locals_are_not() -> None:
    source = ("pub const UQFF_DELIMITER: &str = \";\";\nstatic MAX_FILES: usize = 4;\n\nimpl Limits {\n"
              "    const PAGE: usize = 16;\n}\n\nfn budget() -> usize {\n    const LOCAL: usize = 2;\n"
              "    LOCAL * MAX_FILES\n}\n")
    found = [f"{symbol.kind} {name} {symbol.start}" for name, symbol in parse_rust(source).symbols.items()]
    assert found == ["constant UQFF_DELIMITER 1", "constant MAX_FILES 2", "constant Limits::PAGE 5",
                     "function budget 8"]


def test_a_rust_change_reports_its_items_and_a_changed_signature() -> None:
    new = RUST.replace("do_image_splitting: bool", "max_patches: usize").replace(
        "width: usize) -> (usize, usize) {\n        let max_chunks = 15;\n",
        "width: usize, max_chunks: usize) -> (usize, usize) {\n").replace(
        "get_aspect_ratios(4, 4)", "get_aspect_ratios(4, 4, 15)")
    facts = _facts(_diff("router/src/config.rs", RUST, new))
    changed = {s.qualname: s.signature_changed for s in facts.files[0].symbols}
    assert changed == {"Llama4Processor": False, "Llama4::get_aspect_ratios": True, "image_tokens": False}
    assert facts.key_symbols[0] == "Llama4::get_aspect_ratios"


JAVA = """\
package ai.djl.serving.wlm;

/** What a model serves with. */
public final class ModelInfo<I, O> extends WorkerPoolConfig<I, O> {
    public static final int MAX_BATCH = 8;
    private int queueSize = 100;

    public ModelInfo(String id) {
        super(id);
    }

    @Override
    public int getMaxWorkers(Device device) {
        if (isDebug()) {
            return 1;
        }
        if (device.isGpu()) {
            // workers a GPU
            return 2;
        }
        return cores();
    }

    enum Status { READY, FAILED; boolean ok() { return this == READY; } }

    interface Listener {
        void onReady(ModelInfo<?, ?> model);
    }

    record Limits(int min, int max) {
        Limits {
            assert min <= max;
        }
    }
}
"""


def test_java_types_members_and_constants_and_not_fields() -> None:
    table = parse_java(JAVA)
    found = [f"{symbol.kind} {name} {symbol.start}-{symbol.end}" for name, symbol in table.symbols.items()]
    assert found == ["class ModelInfo 4-35", "constant ModelInfo.MAX_BATCH 5-5",
                     "method ModelInfo.ModelInfo 8-10", "method ModelInfo.getMaxWorkers 12-22",
                     "class ModelInfo.Status 24-24", "method ModelInfo.Status.ok 24-24",
                     "class ModelInfo.Listener 26-28", "method ModelInfo.Listener.onReady 27-27",
                     "class ModelInfo.Limits 30-34", "method ModelInfo.Limits.Limits 31-33"]
    method = table.symbols["ModelInfo.getMaxWorkers"]
    assert (method.signature, method.decorators, method.parameters) == (
        "public int getMaxWorkers(Device device)", ("Override",), "(Device device)")
    assert table.comment_lines == {3, 18}


def test_a_java_change_names_its_method_and_is_judged_as_native_code_is() -> None:
    # a value returned among others of its kind: a setting, as in C++
    facts = _facts(_diff("wlm/src/main/java/ai/djl/serving/wlm/ModelInfo.java", JAVA,
                         JAVA.replace("return 2;", "return 1;")))
    assert facts.key_symbols == ["ModelInfo.getMaxWorkers"]
    assert facts.files[0].change_type == "configuration"


@pytest.mark.parametrize(("visibility", "expected"), [
    ("public", "data-contract"),
    # near miss: a private method only its class calls
    ("private", "core-logic"),
])
def test_a_java_method_gaining_a_parameter_changes_its_signature(visibility: str, expected: str) -> None:
    old = JAVA.replace("public int getMaxWorkers", f"{visibility} int getMaxWorkers")
    new = old.replace("getMaxWorkers(Device device)", "getMaxWorkers(Device device, int cap)")
    facts = _facts(_diff("src/main/java/ModelInfo.java", old, new))
    symbol, = facts.files[0].symbols
    assert (symbol.qualname, symbol.signature_changed, symbol.parameters_changed) == (
        "ModelInfo.getMaxWorkers", True, True)
    assert facts.files[0].change_type == expected


_SEQUENCER_HEADER = """\
class Sequencer {
 public:
  virtual Status Setup(Request& request) { return Status::Success; }
};

class GenerativeSequencer : public Sequencer {
 public:
  GenerativeSequencer(Scheduler* base) : base_(base) {}
  // Generative sequencer gives a request without a sequence one
  Status Setup(Request& request) override
  {
    if (!request.InSequence()) {
      request.SetCorrelationId(next_id_++);
    }
    return Status::Success;
  }
  Status Reschedule(Request& request, uint32_t flags);

 private:
  Scheduler* base_;
  uint64_t next_id_ = 1;
};
"""
_SEQUENCER_SOURCE = ("Status\nGenerativeSequencer::Reschedule(Request& request, uint32_t flags)\n{\n"
                     "  return base_->Enqueue(request);\n}\n")


def test_a_cpp_class_renamed_in_place_is_one_rename_its_members_in_every_file_too() -> None:
    renamed = _SEQUENCER_HEADER.replace("GenerativeSequencer", "IterativeSequencer").replace(
        "Generative sequencer", "Iterative sequencer")
    facts = _facts(_diff("src/sequence_utils.h", _SEQUENCER_HEADER, renamed),
                   _diff("src/sequence_utils.cc", _SEQUENCER_SOURCE,
                         _SEQUENCER_SOURCE.replace("GenerativeSequencer", "IterativeSequencer")))
    assert sorted((s.qualname, s.status, s.old_qualname) for f in facts.files for s in f.symbols) == [
        ("IterativeSequencer", "moved", "GenerativeSequencer"),
        ("IterativeSequencer::IterativeSequencer", "moved", "GenerativeSequencer::GenerativeSequencer"),
        ("IterativeSequencer::Reschedule", "moved", "GenerativeSequencer::Reschedule"),
        ("IterativeSequencer::Reschedule", "moved", "GenerativeSequencer::Reschedule"),
        ("IterativeSequencer::Setup", "moved", "GenerativeSequencer::Setup")]
    assert facts.key_symbols[0] == "IterativeSequencer"
    assert "IterativeSequencer::Setup" not in facts.key_symbols  # told by its class
    en = narrate(facts, RepoRef(name="r", path=None, url=None), "en", [], 1)
    assert "renames `GenerativeSequencer` → `IterativeSequencer`" in en.implementation[0]


def test_a_test_ported_from_rust_to_python_is_not_a_move() -> None:
    rust = "fn test_bloom() {\n    assert_eq!(run(), 1);\n}\n\nfn helper() {\n    run();\n}\n"
    python = "def test_bloom():\n    assert run() == 1\n"
    facts = _facts(_diff("launcher/tests/integration.rs", rust, rust.split("\n\n")[1]),
                   _diff("tests/test_bloom.py", None, python, "added"))
    assert [(s.qualname, s.status) for f in facts.files for s in f.symbols] == [
        ("test_bloom", "removed"), ("test_bloom", "added")]
    kept = "def keep():\n    pass\n"
    moved = _facts(_diff("tests/test_old.py", python + "\n\n" + kept, kept),
                   _diff("tests/test_bloom.py", None, python, "added"))
    assert [(s.qualname, s.status, s.old_path) for f in moved.files for s in f.symbols] == [
        ("test_bloom", "moved", "tests/test_old.py")]


def test_blocks_nested_deeper_than_the_stack_give_no_symbols_not_a_failure() -> None:
    nested = "#ifdef A\n" * 1500 + "int f() { return 1; }\n" + "#endif\n" * 1500
    facts = _facts(_diff("src/deep.cc", nested, nested.replace("return 1", "return 2")))
    assert facts.files[0].symbols == []
    assert facts.warnings == []


KERNEL = """\
template <typename T>
__global__
__launch_bounds__(NUM_WARPS * 32) void {name}(const T* q,
    const __grid_constant__ typename T::Params params) {{
  using DTypeQ = typename T::DTypeQ;
#if (__CUDA_ARCH__ < 800)
  if constexpr (std::is_same_v<DTypeQ, nv_bfloat16>) {{
    RUNTIME_ASSERT("no bf16 on sm75");
  }} else {{
#endif
    for (int i = 0; i < 4; ++i) {{
      params.o[i] = q[i];
    }}
#if (__CUDA_ARCH__ < 800)
  }}
#endif
}}
"""
SPLIT_BODIES = f"""\
namespace flashinfer {{

{KERNEL.format(name="SingleKernel")}
{KERNEL.format(name="BatchKernel")}
#if defined(USE_ROCM) && \\
    USE_ROCM > 5
void hip_only(int x) {{ x = 1; }}
#else
void cuda_only(int x) {{ x = 2; }}
#endif

template <typename Converter,
          typename Scale>
struct Packer<
    Converter, Scale> {{
  int width;
}};

}}  // namespace flashinfer
"""


def test_kernels_whose_bodies_if_directives_split_are_read_with_the_other_branches() -> None:
    table = parse_native(SPLIT_BODIES)
    spans = {name: (s.start, s.end) for name, s in table.symbols.items()}
    assert spans == {"SingleKernel": (4, 19), "BatchKernel": (22, 37), "hip_only": (41, 41),
                     "cuda_only": (43, 43), "Packer": (48, 51)}
    assert table.owner(13) == "SingleKernel"


HEADERS_IN_BRANCHES = """\
class Heuristics : public Descriptor {
  public:
    std::string describe() const { return "heuristics"; }

    int pick(int count) {
        int status = query(count);
#if (LIB_VERSION >= 8907)
        if (status != OK || count < 1) {
#else
        if (status != OK) {
#endif
            fail(status);
        }
        return count;
    }

    int size() const { return results.size(); }
};
"""


def test_a_method_opening_its_block_with_another_header_in_each_branch_stays_in_its_class() -> None:
    table = parse_native(HEADERS_IN_BRANCHES)
    assert sorted(table.symbols) == ["Heuristics", "Heuristics::describe", "Heuristics::pick",
                                     "Heuristics::size"]
    assert table.owner(8) == table.owner(10) == "Heuristics::pick"


LAUNCH_BOUNDS = """\
template <int kNumThreads>
__launch_bounds__(kNumThreads, 1) __global__ void clean_buffer(int* clean, int count) {
  clean[threadIdx.x] = count;
}

template <bool kUseFP8, int kHidden>
__global__ __launch_bounds__(1024, 1) void dispatch(
    void* packed_x, int num_tokens, int* barrier = nullptr) {
  packed_x = nullptr;
}
"""


def test_kernels_are_named_and_marked_as_device_code_whatever_their_launch_bounds() -> None:
    table = parse_native(LAUNCH_BOUNDS)
    assert {name: (s.start, s.signature.split()[0]) for name, s in table.symbols.items()} == {
        "clean_buffer": (2, "__global__"), "dispatch": (7, "__global__")}


def test_a_return_type_read_into_the_name_after_an_unknown_qualifier_is_left_out() -> None:
    table = parse_native(
        "template <typename T>\n__device__ std::tuple<float, float*>\nscale_row(const T* in, int cols)\n"
        "{\n    return {1.0f, nullptr};\n}\n\n"
        "template <typename T>\nFoo<T, 2>::Foo(int a) { }\n\n"
        "template <typename K>\n__device__\n  thrust::pair<typename map<K>::view::iterator, bool>\n"
        "  map<K>::view::insert_and_find(K const& key) noexcept\n{\n    return {};\n}\n")
    assert list(table.symbols) == ["scale_row", "Foo::Foo", "map::view::insert_and_find"]


def test_a_definition_the_grammar_finds_no_name_for_is_no_symbol() -> None:
    # An unknown macro before a struct: tree-sitter reads a function whose name is missing.
    table = parse_native("ERROR_DEF\n\nstruct __attribute__((packed)) Args\n{\n    void *ptr;  p2 _p;\n};\n"
                         "int run(int n) { return n; }\n")
    assert list(table.symbols) == ["run"]


def test_a_union_and_its_operators_are_symbols_after_an_unknown_qualifier() -> None:
    table = parse_native(
        "union Descriptor {\n  uint64_t desc_;\n  template <typename T>\n"
        "  HOST_DEVICE constexpr Descriptor operator+(const T &offset) const {\n"
        "    Descriptor ret;\n    ret.desc_ = desc_ + offset;\n    return ret;\n  }\n"
        "  bool operator==(const Descriptor &o) const { return desc_ == o.desc_; }\n};\n")
    assert {name: (s.start, s.end) for name, s in table.symbols.items()} == {
        "Descriptor": (1, 10), "Descriptor::operator+": (4, 8), "Descriptor::operator==": (9, 9)}


_BINDINGS = ("struct PyMetadata {\n    backend: PyBackend,\n}\n\n"
             "impl PyMetadata {\n    fn backend(&self) -> PyBackend {\n        self.backend\n    }\n}\n")
_BINDINGS_INFO = _BINDINGS.replace(
    "struct PyMetadata {\n    backend: PyBackend,\n}\n",
    "struct PyBackendInfo {\n    backend_type: PyBackend,\n    archs: Option<Vec<String>>,\n}\n\n"
    "impl PyBackendInfo {\n    fn describe(&self) -> String {\n        let archs = self.archs.clone();\n"
    "        let kind = self.backend_type;\n        format!(\"{:?} {:?}\", kind, archs)\n    }\n\n"
    "    fn archs(&self) -> Option<&[String]> {\n        self.archs.as_deref()\n    }\n}\n\n"
    "struct PyMetadata {\n    backend: PyBackendInfo,\n}\n").replace(
    "fn backend(&self) -> PyBackend {\n        self.backend\n", "fn backend(&self) -> PyBackendInfo {\n"
    "        self.backend.clone()\n")


def test_a_type_added_weighs_its_methods_in_impl_blocks_too() -> None:
    facts = _facts(_diff("bindings/src/lib.rs", _BINDINGS, _BINDINGS_INFO))
    weights = {s.qualname: s.weight for s in facts.files[0].symbols}
    methods = weights["PyBackendInfo::describe"] + weights["PyBackendInfo::archs"]
    assert weights["PyBackendInfo"] == 4 + methods
    # the type tells its methods; a method of a type that was there is listed
    assert facts.key_symbols == ["PyBackendInfo", "PyMetadata::backend", "PyMetadata"]


def test_a_type_changed_does_not_weigh_its_methods() -> None:
    new = _BINDINGS.replace("    backend: PyBackend,\n",
                            "    backend: PyBackend,\n    archs: Vec<String>,\n").replace(
        "    fn backend(&self)", "    fn archs(&self) -> Vec<String> {\n        self.archs.clone()\n    }\n\n"
        "    fn backend(&self)")
    facts = _facts(_diff("bindings/src/lib.rs", _BINDINGS, new))
    weights = {s.qualname: s.weight for s in facts.files[0].symbols}
    assert weights["PyMetadata"] == 1


def test_a_specialization_and_its_methods_go_by_the_template_name() -> None:
    source = ("template <class T>\nstruct Mainloop {\n  static_assert(sizeof(T) == 0);\n};\n\n"
              "template <int Stages, class Mask_>\nstruct Mainloop<\n    XeDefault<Stages>, Mask_> {\n"
              "  void operator()(int k) {\n    run(k);\n  }\n\n"
              "  float softmax(float s) {\n    return s;\n  }\n};\n\n"
              "template <typename T>\nvoid Gather<T>::operator()(int i) const {\n  copy(i);\n}\n\n"
              "bool Version::operator<(const Version& other) const {\n  return less(other);\n}\n")
    assert list(parse_native(source).symbols) == [
        "Mainloop", "Mainloop< XeDefault<Stages>, Mask_>", "Mainloop::operator()", "Mainloop::softmax",
        "Gather::operator()", "Version::operator<"]


def test_specializations_of_one_template_keep_their_arguments() -> None:
    source = ("template <typename T>\nstruct MfmaTraits;\n\n"
              "template <>\nstruct MfmaTraits<half> {\n"
              "  static void mfma_op(int a) { mfma_f16(a); }\n};\n\n"
              "template <>\nstruct MfmaTraits<bfloat16> {\n"
              "  static void mfma_op(int a) { mfma_bf16(a); }\n};\n")
    assert list(parse_native(source).symbols) == ["MfmaTraits<half>", "MfmaTraits<half>::mfma_op",
                                                  "MfmaTraits<bfloat16>", "MfmaTraits<bfloat16>::mfma_op"]


_POOL = """\
template <typename scalar_t>
void pool(const scalar_t* in, scalar_t* out, int n) {{
  for (int i = 0; i < n; i++) {{
    out[i] = in[i];
  }}
}}

template {header}
void pool{arguments}(const {type}* in, {type}* out, int n) {{
  float sum = 0;
  for (int i = 0; i < n; i++) {{
    sum += float(in[i]);
  }}
  for (int i = 0; i < n; i++) {{
    out[i] = {type}(sum / n);
  }}
}}
"""


def test_a_specialization_folded_into_the_template_weighs_what_changed_in_it() -> None:
    old = _POOL.format(header="<>", arguments="<at::BFloat16>", type="at::BFloat16")
    folded = _POOL.format(header="<typename scalar_t, typename = reduced<scalar_t>>", arguments="",
                          type="scalar_t")
    dropped = old.split("\n\ntemplate <>")[0] + "\n"
    weights = [{s.qualname: s.weight for s in _facts(_diff("csrc/pool.cpp", old, new)).files[0].symbols}
               for new in (folded, dropped)]
    assert weights[0]["pool<at::BFloat16>"] == 2
    assert weights[1]["pool<at::BFloat16>"] == 9  # every code line, `template <>` too


_WIDTHS = """\
#pragma once

#define KERNEL_WIDTHS(f, T) \\
    f(T, 256) \\
    f(T, 512)

#define WARP_SIZE 32

template <int n> void run(float* x);
"""


def test_a_function_like_macro_is_a_symbol_and_an_object_like_one_is_not() -> None:
    table = parse_native(_WIDTHS)
    assert {name: (s.kind, s.start, s.end) for name, s in table.symbols.items()} == {
        "KERNEL_WIDTHS": ("function", 3, 5), "run": ("function", 9, 9)}
    wider = _WIDTHS.replace("f(T, 512)", "f(T, 512) \\\n    f(T, 768)")
    facts = _facts(_diff("csrc/widths.h", _WIDTHS, wider))
    assert facts.key_symbols == ["KERNEL_WIDTHS"]


_FORMATTED = """\
int scale(int x) { return x * 3; }

void launch(float* out, const float* in, int n, cudaStream_t stream) {
    kernel<<<n / 256, 256, 0, stream>>>(out, in, n, "a  b");
}
"""


_REFLOWED = ("void launch(float* out,\n            const float* in,\n            int n,\n"
             "            cudaStream_t stream) {{\n"
             "    kernel<<<n / {block}, {block}, 0, stream>>>(out, in, n, \"a  b\");\n}}\n")


@pytest.mark.parametrize(("launch", "changed"), [
    (_REFLOWED.format(block=256), ["scale"]),
    # near misses: the call reflowed takes another argument too; a string's spaces changed
    (_REFLOWED.format(block=128), ["launch", "scale"]),
    ("void launch(float* out, const float* in, int n, cudaStream_t stream) {\n"
     "    kernel<<<n / 256, 256, 0, stream>>>(out, in, n, \"a b\");\n}\n", ["launch", "scale"]),
], ids=["reformatted-beside-a-change", "reformatted-and-changed", "string-changed"])
def test_a_native_definition_only_laid_out_anew_beside_a_change_is_unchanged(launch: str,
                                                                           changed: list[str]) -> None:
    new = _FORMATTED.replace("x * 3", "x * 4").split("\nvoid launch")[0] + "\n" + launch
    facts = _facts(_diff("csrc/ops.cu", _FORMATTED, new))
    assert sorted(s.qualname for s in facts.files[0].symbols) == changed


_OVERLOADS = """\
int Converter::Visit(const Tag& tag) {
    return Emit(tag.begin);
}

int Converter::Visit(const TagsWithSeparator& tags) {
    int total = 0;
    for (auto& tag : tags.items) total += Visit(tag);
    return total;
}

int Converter::Finish() { return 0; }
"""


@pytest.mark.parametrize(("new", "changed"), [
    (_OVERLOADS.replace("int total = 0;", "int total = tags.separator.empty() ? 0 : 1;"),
     ["Converter::Visit"]),
    # near miss: the function after the overloads changed
    (_OVERLOADS.replace("return 0; }", "return 1; }"), ["Converter::Finish"]),
], ids=["later-overload-changed", "function-after-the-overloads-changed"])
def test_a_change_to_any_overload_is_a_change_of_its_name(new: str, changed: list[str]) -> None:
    facts = _facts(_diff("cpp/converter.cc", _OVERLOADS, new))
    assert [s.qualname for s in facts.files[0].symbols] == changed


@pytest.mark.parametrize("declaration", ["class TORCH_API Tensor {", "struct C10_API Tensor : public Base {",
                                         "class Tensor final : Base {"])
def test_a_class_declared_with_an_export_macro_keeps_its_members(declaration: str) -> None:
    table = parse_native(f"namespace core {{\n{declaration}\npublic:\n"
                         "    void to_buffer(void* ptr) const;\n}};\n}}\n")
    assert table.symbols["Tensor"].kind == "class"
    assert "Tensor::to_buffer" in table.symbols
    assert table.lines[1] == declaration  # the table keeps the text as written


@pytest.mark.parametrize(("opening", "expected"), [
    ("BULK_NAMESPACE_PREFIX\nnamespace bulk\n{\n", "launcher::occupancy"),
    ("__THRUST_DISABLE_MSVC_WARNING_BEGIN\n\n\nnamespace bulk\n{\n", "launcher::occupancy"),
    # near miss: a macro called before the namespace stays code the grammar reads
    ("BULK_CHECK(x);\nnamespace bulk\n{\n", "launcher::occupancy"),
], ids=["macro-alone-before-namespace", "underscored-macro-lines-before-namespace",
        "macro-called-before-namespace"])
def test_a_macro_alone_before_a_namespace_does_not_hide_what_it_holds(opening: str, expected: str) -> None:
    text = (f"{opening}struct launcher\n{{\n  static int occupancy(int blocks)\n  {{\n"
            "    return blocks / 2;\n  }\n};\n}\n")
    table = parse_native(text)
    assert expected in table.symbols
    assert table.lines[0] == opening.splitlines()[0]  # the table keeps the text as written


_KERNEL_TEMPLATE = "template <cpu_isa_t isa, typename Wmm>\nstruct jit_kernel_t {\n  void generate();\n};\n\n"


@pytest.mark.parametrize(("definition", "expected"), [
    ("template <cpu_isa_t isa, typename Wmm>\nvoid jit_kernel_t<isa, Wmm>::generate() {\n  emit();\n}\n",
     {"jit_kernel_t", "jit_kernel_t::generate"}),
    # near misses: a specialization's arguments say which one it is
    ("template <>\nvoid jit_kernel_t<avx512, Zmm>::generate() {\n  emit();\n}\n",
     {"jit_kernel_t", "jit_kernel_t::generate", "jit_kernel_t<avx512, Zmm>::generate"}),
    ("template <typename Wmm>\nvoid jit_kernel_t<avx512, Wmm>::generate() {\n  emit();\n}\n",
     {"jit_kernel_t", "jit_kernel_t::generate", "jit_kernel_t<avx512, Wmm>::generate"}),
], ids=["parameters-given-back", "full-specialization", "partial-specialization"])
def test_a_class_templates_member_defined_outside_it_is_its_declared_member(definition: str,
                                                                             expected: set[str]) -> None:
    assert set(parse_native(_KERNEL_TEMPLATE + definition).symbols) == expected


@pytest.mark.parametrize(("member", "expected"), [
    ("    DNNL_DISALLOW_COPY_AND_ASSIGN(jit_fwd_kernel);\n", {"jit_fwd_kernel"}),
    # near miss: a member function declared with a return type is a member
    ("    void DISALLOW_COPY(int n);\n", {"jit_fwd_kernel", "jit_fwd_kernel::DISALLOW_COPY"}),
], ids=["macro-invoked", "method-declared"])
def test_a_macro_a_class_body_invokes_is_no_member(member: str, expected: set[str]) -> None:
    table = parse_native(f"struct jit_fwd_kernel {{\n    int n_;\n\nprivate:\n{member}"
                         "    void* kernel_;\n};\n")
    assert set(table.symbols) == expected


@pytest.mark.parametrize(("member", "expected"), [
    ("    explicit operator char()\n    {\n        return 'a';\n    }\n", "rng::operator char"),
    ("    operator double() const;\n", "rng::operator double"),
    # near miss: an operator named by its symbol keeps its name
    ("    bool operator==(const rng& other) const;\n", "rng::operator=="),
], ids=["conversion-defined", "conversion-declared", "comparison"])
def test_a_conversion_operator_is_named_for_the_type_it_gives(member: str, expected: str) -> None:
    table = parse_native(f"class rng\n{{\npublic:\n{member}}};\n")
    assert set(table.symbols) == {"rng", expected}


def test_a_conversion_operator_defined_outside_its_class_is_its_member() -> None:
    table = parse_native("class rng {\n    operator int();\n};\n\nrng::operator int() { return 2; }\n")
    assert set(table.symbols) == {"rng", "rng::operator int"}
    assert table.symbols["rng::operator int"].start == 5  # the definition, as for any member


@pytest.mark.parametrize(("statement", "expected"), [
    ("NBLA_DEFINE_TRANSFORM_UNARY(ACos, std::acos(x), -dy / std::sqrt(1 - x * x),\n    false);\n",
     {"NBLA_DEFINE_TRANSFORM_UNARY(ACos)"}),
    # near misses: a first argument that names nothing, or a macro applied for each of a list;
    # a call of a function named in lower case
    ("INSTANTIATE_GEMM(Foo<int>, 2);\n", set()),
    ("HWY_SVE_FOREACH_BF16(HWY_SVE_LOAD_DUP128, LoadDupFull128, ld1rq);\n", set()),
    ("register_op(acos, 2);\n", set()),
], ids=["named-by-first-argument", "type-argument", "macro-argument", "lower-case-call"])
def test_a_macro_invoked_outside_functions_defines_what_its_first_argument_names(statement: str,
                                                                                 expected: set[str]) -> None:
    assert set(parse_native(f"namespace nbla {{\n/** doc */\n{statement}}}\n").symbols) == expected


def test_a_macro_call_with_calls_chained_on_its_result_is_named_by_the_macro() -> None:
    text = ("REGISTER_OP(AvgPool)\n    .infershape(unimplemented)\n"
            "    .translate_v2([](std::shared_ptr<GNode> curr) -> std::string {\n"
            "        return \"\";\n    });\n")
    table = parse_native(text)
    assert set(table.symbols) == {"REGISTER_OP(AvgPool)"}
    assert (table.symbols["REGISTER_OP(AvgPool)"].start, table.symbols["REGISTER_OP(AvgPool)"].end) == (1, 5)


@pytest.mark.parametrize(("text", "expected"), [
    ("TRITONBACKEND_ISPEC TRITONSERVER_Error*\nTRITONBACKEND_Finalize(TRITONBACKEND_Backend* backend)\n{\n"
     "  return nullptr;\n}\n", "TRITONBACKEND_Finalize"),
    ("TORCH_API const at::Tensor& self_of(const at::Tensor& x) { return x; }\n", "self_of"),
    # near misses: a macro before a type by value, and an all-caps type returned by pointer
    ("TORCH_API at::Tensor copy_of(const at::Tensor& x) { return x; }\n", "copy_of"),
    ("HANDLE* open_all(int n) { return 0; }\n", "open_all"),
], ids=["pointer-on-the-line-before", "const-reference", "by-value", "caps-type"])
def test_an_export_macro_before_a_pointer_returning_function_leaves_its_name(text: str,
                                                                             expected: str) -> None:
    assert set(parse_native(text).symbols) == {expected}


# An `if` whose `else if` branches sit behind `#if`s: tree-sitter reads the `else` after the
# directive as the start of nothing and ends the function there.
ELSE_IF_BEHIND_DIRECTIVE = """\
int main(int argc, char** argv)
{
    if (format == "tensorflow")
    {
        load_tensorflow();
    }
#if ONNX_FRONTEND
    else if (format == "onnx")
    {
        load_onnx();
    }
#endif
    else
    {
        fail();
    }
    return run(argc);
}
"""


@pytest.mark.parametrize(("text", "end"), [
    (ELSE_IF_BEHIND_DIRECTIVE, 18),
    # near miss: the same function with no directive was read whole the first time
    ("\n".join(line for line in ELSE_IF_BEHIND_DIRECTIVE.split("\n") if not line.startswith("#")), 16),
], ids=["else-if-behind-if", "no-directive"])
def test_a_function_the_parser_cut_short_at_a_directive_reaches_its_closing_brace(text: str,
                                                                                   end: int) -> None:
    table = parse_native(text)
    assert set(table.symbols) == {"main"}
    assert table.symbols["main"].end == end
    assert table.owner(end - 1) == "main"


_PERF_PRIMARY = "template <typename T, typename U, typename = void>\nstruct perf_blas : invalid\n{\n};\n\n"
_PERF_SPECIALIZATION = ("template <typename T, typename U>\nstruct perf_blas<T, U, {argument}>\n{{\n"
                        "    void operator()(const Arguments& arg) {{ run(arg); }}\n}};\n\n")


@pytest.mark.parametrize(("arguments", "expected"), [
    (["std::enable_if_t<std::is_same<T, float>{} || std::is_same<T, double>{}>",
      "std::enable_if_t<std::is_same<T, half>{}>"], {"perf_blas", "perf_blas::operator()"}),
    # near miss: an argument that is no parameter says which specialization it is
    (["float", "half"], {"perf_blas", "perf_blas<T, U, float>", "perf_blas<T, U, float>::operator()",
                         "perf_blas<T, U, half>", "perf_blas<T, U, half>::operator()"}),
], ids=["constrained-by-enable-if", "specialized-for-types"])
def test_a_partial_specialization_that_only_constrains_its_parameters_goes_by_its_templates_name(
        arguments: list[str], expected: set[str]) -> None:
    text = _PERF_PRIMARY + "".join(_PERF_SPECIALIZATION.format(argument=argument) for argument in arguments)
    assert set(parse_native(text).symbols) == expected
