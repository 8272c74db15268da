"""Each idiom recognizer on a change that shows it, and on one that does not."""

from __future__ import annotations

from prdossier.analysis.models import Idiom
from prdossier.sources.models import FileDiff
from tests.test_symbols import _diff, _facts

BASE = "import torch\nfrom sgl_kernel import gemm\n\n\ndef run(x):\n    return gemm(x)\n"


def idioms(*diffs: FileDiff) -> list[tuple[str, str, int, str | None]]:
    return [(i.idiom, i.path, i.start_line, i.symbol) for i in _facts(*diffs).idioms]


def details(*diffs: FileDiff) -> list[Idiom]:
    return _facts(*diffs).idioms


def test_import_moved_under_a_platform_guard() -> None:
    new = ("import torch\n\nfrom pkg.utils import is_cuda\n\nif is_cuda():\n"
           "    from sgl_kernel import gemm\n\n\ndef run(x):\n    return gemm(x)\n")
    assert idioms(_diff("pkg/a.py", BASE, new)) == [("import-platform-guarded", "pkg/a.py", 6, None)]


def test_import_moved_into_the_function_and_to_type_checking() -> None:
    lazy = "import torch\n\n\ndef run(x):\n    from sgl_kernel import gemm\n    return gemm(x)\n"
    assert idioms(_diff("pkg/a.py", BASE, lazy)) == [("import-made-lazy", "pkg/a.py", 5, "run")]
    typing_old = "import tvm_ffi\n\n\ndef f(m: tvm_ffi.Module):\n    pass\n"
    typing_new = ("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import tvm_ffi\n\n\n"
                  "def f(m: 'tvm_ffi.Module'):\n    pass\n")
    found = idioms(_diff("pkg/t.py", typing_old, typing_new))
    assert ("import-moved-to-type-checking", "pkg/t.py", 4, None) in found


def test_version_guarded_and_feature_probe_imports() -> None:
    old = "from vllm.utils import cdiv\n"
    version = ('from pkg.utils import vllm_version_is\n\nif vllm_version_is("0.11.0"):\n'
               "    from vllm.utils import cdiv\nelse:\n    from vllm.utils.math_utils import cdiv\n")
    found = idioms(_diff("pkg/v.py", old, version))
    assert [i for i in found if i[0] == "import-version-guarded"] == [
        ("import-version-guarded", "pkg/v.py", 4, None), ("import-version-guarded", "pkg/v.py", 6, None)]
    probe = "try:\n    from aiter import dtypes\nexcept ImportError:\n    dtypes = None\n"
    assert idioms(_diff("pkg/p.py", "from aiter import dtypes\n", probe)) == [
        ("import-feature-probe", "pkg/p.py", 2, None)]


def test_an_import_that_stays_where_it_was_is_no_idiom() -> None:
    same = BASE.replace("return gemm(x)", "return gemm(x) * 2")
    assert idioms(_diff("pkg/a.py", BASE, same)) == []


def test_attribute_access_defaulted_and_capability_probe() -> None:
    old = "import aiter\n\n\ndef f(cfg):\n    return aiter.fused(cfg.block)\n"
    new = ("import aiter\n\n\ndef f(cfg):\n    if hasattr(aiter, 'fused'):\n"
           "        return aiter.fused(getattr(cfg, 'block', None))\n    return None\n")
    found = idioms(_diff("pkg/f.py", old, new))
    assert ("api-capability-probe", "pkg/f.py", 5, "f") in found
    assert ("attribute-access-defaulted", "pkg/f.py", 6, "f") in found
    dotted_old = "import vllm.v1.sample\n\n\ndef f():\n    return vllm.v1.sample.init()\n"
    dotted = dotted_old.replace("    return vllm", "    if hasattr(vllm.v1.sample, 'Processors'):\n"
                                "        return vllm.v1.sample.Processors()\n    return vllm")
    assert ("api-capability-probe", "pkg/d.py", 5, "f") in idioms(_diff("pkg/d.py", dotted_old, dotted))
    on_object = dotted.replace("hasattr(vllm.v1.sample,", "hasattr(f().sample,")
    assert "api-capability-probe" not in [i[0] for i in idioms(_diff("pkg/d.py", dotted_old, on_object))]
    unchanged_probe = new.replace("return None", "return 0")
    assert [i for i in idioms(_diff("pkg/f.py", new, unchanged_probe))
            if i[0] in ("api-capability-probe", "attribute-access-defaulted")] == []


def test_platform_early_return() -> None:
    old = "def fused(x):\n    return x * 2\n"
    new = "def fused(x):\n    if not _is_cuda:\n        return x\n    return x * 2\n"
    assert idioms(_diff("pkg/e.py", old, new)) == [("platform-early-return", "pkg/e.py", 2, "fused")]
    other = "def fused(x):\n    if x is None:\n        return x\n    return x * 2\n"
    assert idioms(_diff("pkg/e.py", old, other)) == []


def test_a_platform_test_widened_before_an_old_return_is_no_early_return() -> None:
    """LightLLM #1162 lets MUSA through the `if` that returned the CUDA device's name; the
    function gained no exit (its new `is_musa` returns, which puts `return` among the added lines)."""
    old = ("def name():\n    if torch.cuda.is_available():\n        return torch.cuda.get_device_name()\n"
           "    return None\n")
    new = ("def is_musa():\n    return torch.version.musa is not None\n\n\n"
           + old.replace("is_available():", "is_available() or is_musa():"))
    assert [i for i in idioms(_diff("pkg/d.py", old, new)) if i[0] == "platform-early-return"] == []


def test_adapter_wrapper() -> None:
    old = "from aiter import get_quant\n\n\ndef use():\n    return get_quant(1)\n"
    new = ("from aiter import get_hip_quant\n\n\ndef get_quant(kind):\n    return get_hip_quant(kind)\n\n\n"
           "def use():\n    return get_quant(1)\n")
    assert ("adapter-wrapper", "pkg/q.py", 4, "get_quant") in idioms(_diff("pkg/q.py", old, new))
    probed = ("try:\n    from aiter import get_hip_quant\n\n    def get_quant(kind):\n"
              "        return get_hip_quant(kind)\nexcept ImportError:\n"
              "    from aiter import get_quant\n\n\ndef use():\n    return get_quant(1)\n")
    assert ("adapter-wrapper", "pkg/q.py", 4, "get_quant") in idioms(_diff("pkg/q.py", old, probed))
    shadowed = "from aiter import get_quant\n\n\ndef get_quant(kind):\n    return kind\n"
    assert [i for i in idioms(_diff("pkg/q.py", old, shadowed)) if i[0] == "adapter-wrapper"] == []


BIG = "\n".join(f"    value_{n} = {n}" for n in range(8))


def test_module_split_maps_symbols_and_catches_a_dropped_cache() -> None:
    old = (f"import functools\n\n\n@functools.cache\ndef config():\n{BIG}\n    return 1\n\n\n"
           f"def kernel():\n{BIG}\n    return 2\n")
    config_new = f"def config():\n{BIG}\n    return 1\n"
    kernel_new = f"def kernel():\n{BIG}\n    return 2\n"
    found = details(_diff("pkg/old.py", old, None, "deleted"),
                    _diff("pkg/config.py", None, config_new, "added"),
                    _diff("pkg/kernel.py", None, kernel_new, "added"))
    split = [i for i in found if i.idiom == "module-split"]
    assert len(split) == 1 and split[0].subject == "pkg/old.py"
    assert split[0].context == "config → pkg/config.py; kernel → pkg/kernel.py"
    removed = [i for i in found if i.idiom == "decorator-removed"]
    assert [(i.symbol, i.path) for i in removed] == [("config", "pkg/config.py")]
    assert not [i for i in found if i.idiom == "symbol-moved"]


def test_a_module_split_tells_a_class_moved_whole_by_the_class() -> None:
    attention = f"class Attention:\n    def __init__(self):\n{BIG.replace('    ', '        ')}\n\n" \
        f"    def forward(self, x):\n{BIG.replace('    ', '        ')}\n        return x\n"
    helper = f"def alibi_bias(n):\n{BIG}\n    return n\n"
    block = f"class Block:\n    def forward(self, x):\n{BIG.replace('    ', '        ')}\n        return x\n"
    found = details(_diff("pkg/model.py", f"{attention}\n\n{helper}\n\n{block}", None, "deleted"),
                    _diff("pkg/attention.py", None, f"{attention}\n\n{helper}", "added"),
                    _diff("pkg/blocks.py", None, block, "added"))
    [split] = [i for i in found if i.idiom == "module-split"]
    assert split.context == "Attention, alibi_bias → pkg/attention.py; Block → pkg/blocks.py"


def test_a_single_move_is_symbol_moved() -> None:
    rest = "def keep():\n    return 1\n\n\ndef stay():\n    return 3\n"
    old = f"def kernel():\n{BIG}\n    return 2\n\n\n{rest}"
    found = idioms(_diff("pkg/a.py", old, rest),
                   _diff("pkg/b.py", None, f"def kernel():\n{BIG}\n    return 2\n", "added"))
    assert [i for i in found if i[0] in ("symbol-moved", "module-split")] == [
        ("symbol-moved", "pkg/b.py", 1, "kernel")]


def test_decorator_added_in_place() -> None:
    old = "def cap():\n    return 1\n"
    new = "import functools\n\n\n@functools.lru_cache(maxsize=1)\ndef cap():\n    return 1\n"
    assert ("decorator-added", "pkg/c.py", 4, "cap") in idioms(_diff("pkg/c.py", old, new))


def test_dependency_pins_and_version_checks() -> None:
    old = '[project]\nname = "x"\ndependencies = ["torch==2.8.0", "numpy"]\n'
    new = '[project]\nname = "x"\ndependencies = ["torch==2.9.0", "numpy"]\n'
    [pin] = details(_diff("pyproject.toml", old, new))
    assert (pin.idiom, pin.symbol, pin.start_line) == ("dependency-pin-changed", "torch", 3)
    assert (pin.was, pin.context, pin.form) == ("==2.8.0", "==2.9.0", "changed")
    check_old = "def f():\n    return 1\n"
    check_new = 'def f():\n    if vllm_version_is("0.11.0"):\n        return 2\n    return 1\n'
    assert ("dependency-pin-changed", "pkg/v.py", 2, None) in idioms(_diff("pkg/v.py", check_old, check_new))
    assert idioms(_diff("pyproject.toml", old, old.replace('"x"', '"y"'))) == []


def test_every_idiom_and_form_is_phrased_in_both_languages() -> None:
    from prdossier.analysis.idioms import RECOGNIZERS
    from prdossier.narrate.phrases import PHRASES

    zh, en = PHRASES["zh"].idiom_details, PHRASES["en"].idiom_details
    assert set(zh) == set(en)
    assert {key.split("/")[0] for key in zh} == {module.NAME for module in RECOGNIZERS}
    forms = {"decorator-removed/moved", "symbol-moved/renamed", "dependency-pin-changed/changed",
             "dependency-pin-changed/added", "dependency-pin-changed/removed",
             "dependency-pin-changed/version-check"}
    assert forms <= set(zh)
