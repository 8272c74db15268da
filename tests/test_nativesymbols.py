"""C, C++ and CUDA definitions read with tree-sitter, and their changes in a PR's facts."""

from __future__ import annotations

from prdossier.analysis.nativesymbols import parse_native
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


def test_definitions_wherever_they_sit_and_not_declarations() -> None:
    table = parse_native(SOURCE)
    assert {name: (s.kind, s.start, s.end) for name, s in table.symbols.items()} == {
        "QueryEntryPoint": ("function", 7, 10),
        "GetCopyAPI": ("function", 12, 16),
        "Attributes": ("class", 20, 23),
        "Attributes::Order": ("method", 22, 22),
        "BatchCopy::Run": ("method", 27, 30),
        "Allgather": ("function", 32, 35),
        "Launch": ("function", 37, 40),
        "c_entry": ("function", 42, 42),
    }
    assert table.symbols["Allgather"].parameters == "(float* out, int ranks)"
    assert table.owner(39) == "Launch"


def test_a_cuda_change_reports_the_functions_it_touched() -> None:
    renamed = SOURCE.replace("GetCopyAPI()", "GetMemcpyBatchAsync()")
    launched = renamed.replace("Allgather<<<1, 32, 0, stream>>>(out, 2);",
                              "Allgather<<<1, 64, 0, stream>>>(out, 4);")
    facts = _facts(_diff("src/comm/allgather.cu", SOURCE, launched))
    assert sorted((s.qualname, s.status) for s in facts.files[0].symbols) == [
        ("GetCopyAPI", "removed"), ("GetMemcpyBatchAsync", "added"), ("Launch", "changed")]
    assert "Launch" in facts.key_symbols
    assert _facts(_diff("src/comm/notes.txt", SOURCE, launched)).files[0].symbols == []


def test_blocks_nested_deeper_than_the_stack_give_no_symbols_not_a_failure() -> None:
    nested = "#ifdef A\n" * 1500 + "int f() { return 1; }\n" + "#endif\n" * 1500
    facts = _facts(_diff("src/deep.cc", nested, nested.replace("return 1", "return 2")))
    assert facts.files[0].symbols == []
    assert facts.warnings == []
