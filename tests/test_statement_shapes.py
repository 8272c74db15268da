"""Changes that adapt code to something outside it: calls reshaped to an interface, statements
put under a guard, and packages marked by an added `__init__.py`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from prdossier.analysis.analyze import analyze
from prdossier.analysis.config import AnalysisConfig
from prdossier.sources.git import GitRepo
from tests.gitrepo import GitRepoBuilder
from tests.test_symbols import _diff, _facts

_LOADER = (
    "import torch\nfrom io import BytesIO\n\n\n"
    "def load(b):\n    x = 1\n    return torch.load(BytesIO(b){extra})\n"
)
_RUNNER = (
    "class Runner:\n    def run(self, x, out):\n        y = x * 2\n"
    "        result = npu_swiglu(\n            y,\n            quant_mode=2,\n{extra}"
    "        )\n        return result\n"
)
_NESTED_LOAD = ("import torch\n\n\ndef main(model, path):\n    x = 1\n"
                "    model.load_state_dict(torch.load(path{extra}))\n")
_SCHEDULER = (
    "class Scheduler:\n    def step(self, request):\n"
    "        {targets} = self.manager.get_computed_blocks(request)\n        return blocks\n"
)
_SETTINGS = "".join(f"    self.s{n} = {n}\n" for n in range(10))
_KERNEL = (
    "import triton\nimport triton.language as tl\n\n\n@triton.jit\n"
    "def _kernel(x_ptr, n, BLOCK: tl.constexpr):\n    offs = tl.arange(0, BLOCK)\n"
    "    x = tl.load(x_ptr + offs, mask=offs < n{extra})\n    tl.store(x_ptr + offs, x * 2)\n"
)


def _change_type(old: str, new: str, path: str = "pkg/ops/m.py", status: str = "modified") -> str:
    return _facts(_diff(path, old, new, status)).files[0].change_type


@pytest.mark.parametrize(("old", "new"), [
    (_LOADER.format(extra=""), _LOADER.format(extra=", weights_only=False")),
    (_RUNNER.format(extra="            glu_alpha=alpha,\n            glu_bias=beta,\n"),
     _RUNNER.format(extra="")),
    (_SCHEDULER.format(targets="blocks, tokens"),
     _SCHEDULER.format(targets="blocks, tokens, self.boundary")),
    ("import ray\n\n\ndef free(refs):\n    x = 1\n    ray._private.internal_api.free(refs)\n",
     "import ray\n\n\ndef free(refs):\n    x = 1\n    ray.internal.free(refs, local_only=False)\n"),
    ("def init(self, config):\n    self.hash = compute_hash(config)\n" + _SETTINGS
     + "    self.topo = build(config)\n    self.d = 4\n",
     "def init(self, config):\n" + _SETTINGS + "    self.topo = build(config)\n"
     "    self.hash = compute_hash(config, self.topo)\n    self.d = 4\n"),
    (_LOADER.format(extra=", None"), _LOADER.format(extra=", map_location=None")),
    (_NESTED_LOAD.format(extra=""), _NESTED_LOAD.format(extra=", weights_only=True")),
    (_SCHEDULER.format(targets="blocks, tokens, hits"), _SCHEDULER.format(targets="blocks, *_")),
    (_SCHEDULER.format(targets="blocks, shards, tokens"), _SCHEDULER.format(targets="blocks, *_, tokens")),
    ("import math\n\n\ndef attend(q, k, mask):\n    x = 1\n    return kernels.sdp(q, k, mask)\n",
     "import math\n\n\ndef attend(q, k, mask):\n    x = 1\n    head_dim = q.shape[-1]\n"
     "    scale = 1 / math.sqrt(head_dim)\n    return kernels.sdp(q, k, mask, scale)\n"),
    ("def annotate(adata, frame):\n    x = 1\n    adata.var['best'] = frame.idxmax(1)\n",
     "def annotate(adata, frame):\n    x = 1\n    adata.var['best'] = frame.idxmax(axis=1)\n"),
    ("import numpy as np\n\n\ndef tfidf(x):\n    y = 1\n    return np.nan_to_num(x, 0)\n",
     "import numpy as np\n\n\ndef tfidf(x):\n    y = 1\n    return np.nan_to_num(x, nan=0.0)\n"),
], ids=["keyword-added", "keywords-dropped", "more-names-unpacked", "public-api-path",
        "moved-and-given-an-argument", "passed-by-keyword", "keyword-added-to-a-call-passed-on",
        "rest-unpacked-starred", "middle-unpacked-starred", "argument-added-with-what-computes-it",
        "number-named-by-keyword", "number-named-by-keyword-as-a-float"])
def test_a_call_reshaped_to_an_interface_is_a_data_contract_change(old: str, new: str) -> None:
    assert _change_type(old, new) == "data-contract"


_QUANTIZE_MAIN = ("from pkg.utils import get_model_path, save\n\n\ndef main(args):\n    x = 1\n"
                  "    {targets} = get_model_path(args.model)\n    model = load(model_path)\n"
                  "    save(model, model_path, hf_repo={repo})\n")


@pytest.mark.parametrize(("targets", "repo", "expected"), [
    ("model_path, hf_repo", "hf_repo", "data-contract"),
    ("model_path, hf_repo", "args.repo", "core-logic"),  # passes something else anew
    ("model_path", "args.repo", "core-logic"),
])
def test_a_value_a_call_now_returns_passed_where_it_is_used_follows_the_callee(
        targets: str, repo: str, expected: str) -> None:
    old = _QUANTIZE_MAIN.format(targets="model_path", repo="args.model")
    assert _change_type(old, _QUANTIZE_MAIN.format(targets=targets, repo=repo)) == expected


@pytest.mark.parametrize(("old", "new"), [
    (_KERNEL.format(extra=""), _KERNEL.format(extra=", other=0.0")),
    ("def f(log, x):\n    y = x + 1\n    log.info('done')\n    return y\n",
     "def f(log, x):\n    y = x + 1\n    log.info('done %s', y)\n    return y\n"),
    ("def f(g, x):\n    y = x + 1\n    return g(getattr(x, 'ids', None))\n",
     "def f(g, x):\n    y = x + 1\n    return g(x.ids, y)\n"),
    ("def f(g, x):\n    y = x + 1\n    return g(y, 1)\n",
     "def f(g, x):\n    y = x + 1\n    return g(y, 2)\n"),
    ("def f(g, x):\n    y = x + 1\n    z = g(y)\n    return z\n",
     "def f(g, x):\n    y = x + 1\n    z = g(y)\n    z = g(z, 1)\n    return z\n"),
    (_NESTED_LOAD.format(extra=""), _NESTED_LOAD.format(extra=".replace('a', 'b')")),
    (_SCHEDULER.format(targets="blocks, tokens"), _SCHEDULER.format(targets="blocks, count")),
    ("import math\n\n\ndef attend(q, k, mask):\n    x = 1\n    return kernels.sdp(q, k, mask)\n",
     "import math\n\n\ndef attend(q, k, mask):\n    x = 1\n    head_dim = q.shape[-1]\n"
     "    scale = 1 / math.sqrt(head_dim)\n    return kernels.sdp(q, k, mask) * scale\n"),
    ("import os\n\n\ndef save(model, folder):\n    x = 1\n    model.save(os.path.join('vae.h5'))\n",
     "import os\n\n\ndef save(model, folder):\n    x = 1\n    model.save(os.path.join(folder, 'vae.h5'))\n"),
], ids=["triton-kernel-body", "log-message", "argument-rewritten", "argument-value", "call-added",
        "argument-of-a-call-passed-on-rewritten", "names-unpacked-renamed",
        "value-computed-and-multiplied-in", "standard-library-call-given-an-argument"])
def test_other_call_changes_stay_core_logic(old: str, new: str) -> None:
    assert _change_type(old, new) == "core-logic"


_BROKEN_EXAMPLE = ("from pkg import AutoEncoder\n\n\ndef train(dim, codes):\n"
                   "    # {comment}\n    model = AutoEncoder(\n        dim = dim{comma}\n"
                   "        codebook_size = codes,\n    )\n"
                   "    return model\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_BROKEN_EXAMPLE.format(comment="build", comma=","), "core-logic"),
    # near miss: a comment alone changed in the file that still does not parse
    (_BROKEN_EXAMPLE.format(comment="build the model", comma=""), "docs"),
], ids=["syntax-error-mended", "comment-reworded"])
def test_an_example_that_did_not_parse_is_judged_by_what_its_lines_change(new: str, expected: str) -> None:
    old = _BROKEN_EXAMPLE.format(comment="build", comma="")
    assert _change_type(old, new, "examples/autoencoder.py") == expected


_CLASSIFIER = ("import torch\n{imports}\n\n\ndef get_models(name, device):\n    x = 1\n"
               "    classifier = pipeline('image-classification', model=name{placed})\n"
               "    return classifier\n")


@pytest.mark.parametrize(("imports", "expected"), [
    ("from transformers import pipeline", "core-logic"),
    # near miss: the project's own function, whose signature may have gained the parameter
    ("from .pipelines import pipeline", "data-contract"),
], ids=["dependency-told-the-device", "own-function-told-the-device"])
def test_a_dependency_told_the_device_to_place_what_it_makes_on_changes_no_interface(
        imports: str, expected: str) -> None:
    old = _CLASSIFIER.format(imports=imports, placed="")
    assert _change_type(old, _CLASSIFIER.format(imports=imports, placed=", device=device")) == expected


_CODEBOOK_UPDATE = ("from torch.nn.functional import normalize\n\n\n"
                    "def l2norm(t):\n    return t / t.norm()\n\n\nclass Codebook:\n"
                    "    def update(self, embed):\n        x = 1\n        self.embed.data.copy_({value})\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("l2norm(embed)", "embed", "core-logic"),
    ("embed", "l2norm(embed)", "core-logic"),
    # near miss: a function the module imports
    ("normalize(embed)", "embed", "data-contract"),
], ids=["own-function-no-longer-applied", "own-function-applied", "imported-function-no-longer-applied"])
def test_a_value_passed_through_the_modules_own_function_changes_what_is_computed(old: str, new: str,
                                                                                  expected: str) -> None:
    assert _change_type(_CODEBOOK_UPDATE.format(value=old), _CODEBOOK_UPDATE.format(value=new)) == expected


_CUTE = (
    "import cutlass.cute as cute\n\n\n@cute.jit\n"
    "def reduce(x: cute.Tensor, mma: {annotation}):\n    y = x * 2\n"
    "    res = {builder}(x.shape, x.dtype)\n    res.store(y)\n    return res\n"
)


def test_references_to_a_library_renamed_throughout_are_a_data_contract_change() -> None:
    old = _CUTE.format(annotation="cute.core.ThrMma", builder="cute.make_fragment")
    renamed = _CUTE.format(annotation="cute.ThrMma", builder="cute.make_rmem_tensor")
    assert _change_type(old, renamed) == "data-contract"
    argument_changed = renamed.replace("(x.shape, x.dtype)", "(x.shape, y.dtype)")
    assert _change_type(old, argument_changed) == "core-logic"
    local_renamed = old.replace("res", "out")
    assert _change_type(old, local_renamed) == "core-logic"
    two_spellings = (old.replace("    res.store(y)\n", "    tmp = cute.make_fragment(x.shape)\n")
                     .replace("\n    return", "\n    res.store(tmp)\n    return"))
    mixed = (renamed.replace("    res.store(y)\n", "    tmp = cute.make_tensor(x.shape)\n")
             .replace("\n    return", "\n    res.store(tmp)\n    return"))
    assert _change_type(two_spellings, mixed) == "core-logic"


_DEVICES = (
    "from . import device\nfrom .device import DEVICE, normalize_device\n\n\n"
    "def device_of(value):\n    if isinstance(value, str):\n        return {call}(value)\n"
    "    return DEVICE(value.type)\n"
)


def test_a_call_moved_to_another_helper_the_module_imported_all_along_is_core_logic() -> None:
    assert _change_type(_DEVICES.format(call="DEVICE"), _DEVICES.format(call="normalize_device")) \
        == "core-logic"
    # a module's member named otherwise, as code following an upstream rename names it
    assert _change_type(_DEVICES.format(call="device.DEVICE"),
                        _DEVICES.format(call="device.normalize_device")) == "data-contract"


def test_statements_put_under_an_availability_guard_are_dependency_wiring() -> None:
    old = ("from pkg import vllm_ops\n\nif HAS_KERNEL:\n    quant = None\nelse:\n"
           "    quant = vllm_ops.scaled_fp8_quant\n")
    guarded = old.replace("    quant = vllm_ops", "    if HAS_VLLM:\n        quant = vllm_ops")
    assert _change_type(old, guarded) == "dependency-wiring"
    with_fallback = old.replace("    quant = vllm_ops.scaled_fp8_quant\n",
                                "    if HAS_VLLM:\n        quant = vllm_ops.scaled_fp8_quant\n"
                                "    else:\n        quant = None\n")
    assert _change_type(old, with_fallback) == "dependency-wiring"
    branching_fallback = with_fallback.replace("        quant = None\n",
                                               "        if fast:\n            quant = pick()\n")
    assert _change_type(old, branching_fallback) == "core-logic"
    other_condition = old.replace("    quant = vllm_ops", "    if use_fast:\n        quant = vllm_ops")
    assert _change_type(old, other_condition) == "core-logic"


@pytest.mark.parametrize(("text", "expected"), [
    ('"""The package\'s release."""\n__version__ = "0.1.0"\n', "configuration"),
    # near miss: the new module works the version out, and does more
    ('__version__ = "0.1.0"\nBUILD = detect_build()\n', "core-logic"),
], ids=["version-only", "version-and-code"])
def test_an_added_module_writing_only_the_package_version_is_configuration(text: str, expected: str) -> None:
    assert _change_type(None, text, "pkg/version.py", "added") == expected


def test_an_added_module_holding_only_imports_is_dependency_wiring() -> None:
    assert _change_type(None, "", "pkg/models/layer/__init__.py", "added") == "dependency-wiring"
    assert _change_type(None, '"""Layers."""\nfrom .norm import RMSNorm\n',
                        "pkg/models/layer/__init__.py", "added") == "dependency-wiring"
    assert _change_type(None, "def build():\n    return 1\n",
                        "pkg/models/layer/__init__.py", "added") == "core-logic"
    shim = ('"""pydantic\'s v1 API, whichever pydantic is there."""\n\ntry:\n'
            "    from pydantic.v1 import *  # noqa: F401\nexcept ImportError:\n"
            "    from pydantic import *  # noqa: F401\n")
    assert _change_type(None, shim, "pkg/pydantic_v1.py", "added") == "dependency-wiring"
    # near misses: a module that defines something too, or nothing (comments alone); a test module
    assert _change_type(None, "# Nothing to patch here.\n", "pkg/model/pixtral.py", "added") == "core-logic"
    assert _change_type(None, shim + "\n\ndef strict():\n    return True\n", "pkg/pydantic_v1.py",
                        "added") == "core-logic"
    assert _change_type(None, "from .norm import RMSNorm\n", "tests/test_norm.py", "added") == "test-coverage"


def test_deeply_nested_expressions_degrade_instead_of_failing_the_analysis() -> None:
    deep = "def f(a, g):\n    x = 1\n    y = g(" + " + ".join(["a"] * 1500) + ")\n    return y\n"
    facts = _facts(_diff("pkg/ops/m.py", deep, deep.replace("a)\n", "a, k=1)\n")))
    assert facts.warnings == []
    assert facts.files[0].change_type == "core-logic"
    too_deep = "Y = " + " + ".join(["a"] * 5000) + "\n"
    facts = _facts(_diff("pkg/ops/n.py", "Y = 1\n", too_deep))
    assert [(w.kind, w.path) for w in facts.warnings] == [("does-not-parse", "pkg/ops/n.py")]


_COPY = ("from ct.quantization import Strategy\n\n\ndef update(module):\n"
         "    def _is_attention(m):\n        return 'attention' in type(m).__name__\n\n"
         "    if _is_attention(module):\n        return Strategy.TENSOR\n    return None\n")
_COPY_GIVEN_UP = ("from ct.quantization import Strategy, is_attention\n\n\ndef update(module):\n"
                  "    if is_attention(module):\n        return Strategy.TENSOR\n    return None\n")
_DOC = '"""Sparse kernels."""\n'
_LAZY = _DOC + ("\n__all__ = ['attn_fwd']\n\n\ndef __getattr__(name):\n"
                "    if name == 'attn_fwd':\n        from .blk128 import attn_fwd\n\n"
                "        return attn_fwd\n    raise AttributeError(name)\n")
_FWD = "def attn_sm100_fwd(q, k, v):\n    o = q @ k\n    return o @ v\n"
_ALIAS = _FWD + ("\n\ndef attn_fwd(*args, **kwargs):\n    \"\"\"Deprecated alias.\"\"\"\n"
                 "    warn('use attn_sm100_fwd')\n    return attn_sm100_fwd(*args, **kwargs)\n")
_IN_CLASS = ("import torch\n\nfrom pkg.moe import Module\n\n\n@Module.register('Block')\n"
             "class Calibrated(Module):\n    from transformers import Config\n"
             "    from transformers.models.x import Block\n\n    \"\"\"Calibrates.\"\"\"\n\n"
             "    def forward(self, x):\n        return x\n")
_TYPE_CHECKED = ("from typing import TYPE_CHECKING\n\nimport torch\n\nfrom pkg.moe import Module\n\n"
                 "if TYPE_CHECKING:\n    from transformers import Config\n"
                 "    from transformers.models.x import Block\n\n\n@Module.register('Block')\n"
                 "class Calibrated(Module):\n    \"\"\"Calibrates.\"\"\"\n\n"
                 "    def forward(self, x):\n        return x\n")
_TYPED_UTILS = ("from collections.abc import Mapping\nfrom typing import TypeVar\n\n"
                "import pandas as pd\n\nT = TypeVar('T', pd.Series, pd.DataFrame)\n\n\n"
                "def unique(df: pd.DataFrame, keys: Mapping) -> pd.DataFrame:\n"
                "    return df.drop_duplicates()\n")
_TYPED_UTILS_CHECKED = ("from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
                        "import pandas as pd\n\nif TYPE_CHECKING:\n"
                        "    from collections.abc import Mapping\n\n\n"
                        "def unique(df: pd.DataFrame, keys: Mapping) -> pd.DataFrame:\n"
                        "    return df.drop_duplicates()\n")
_LAZY_TEST = ("import pytest\n\n\ndef test_module():\n    from transformers import NextConfig\n\n"
              "    assert NextConfig()\n")
_SKIPPED_TEST = ("import pytest\n\ntry:\n    from transformers import NextConfig\nexcept ImportError:\n"
                 "    NextConfig = None\n\n\n@pytest.mark.skipif(\n    NextConfig is None,\n"
                 "    reason='not in this transformers',\n)\ndef test_module():\n    assert NextConfig()\n")
_STRATEGY = ("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.inputs import Inputs\n\n\n"
             "class Strategy:\n    def update(self, running: 'list',\n"
             "               inputs: 'Inputs') -> None:\n        pass\n")
_PROBE = ("import importlib\n\n\ndef is_npu_available():\n"
          "    if importlib.util.find_spec('torch_npu') is None:\n        return False\n"
          "    import torch_npu\n\n    return torch_npu.npu.is_available()\n")
_COUNT = _PROBE.replace("def is_npu_available", "def npu_count").replace("is_available()", "device_count()")
_MESH = ("from torch.distributed.device_mesh import init_device_mesh\n\n\nclass Config:\n"
         "    def build_mesh(self, device):\n        mesh = self._mesh()\n"
         "        return init_device_mesh(device, mesh)\n")
_MESH_LAZY = ("from pkg.versions import is_torch_version\n\n\nclass Config:\n"
              "    def build_mesh(self, device):\n        if is_torch_version('>=', '2.2.0'):\n"
              "            from torch.distributed.device_mesh import init_device_mesh\n        else:\n"
              "            raise RuntimeError('needs torch>=2.2.0')\n\n        mesh = self._mesh()\n"
              "        return init_device_mesh(device, mesh)\n")
_XLA = ("if HAS_XLA:\n    import torch_xla.core.xla_model as xm\n\n\n"
        "def step(gradients):\n    xm.all_reduce('sum', gradients, scale=1.0 / xm.xrt_world_size())\n"
        "    return gradients\n")
_NORM = "from pkg.norm import RMSNorm\n\n\ndef patch(module):\n    module.Norm = RMSNorm\n    return module\n"
_NORM_WRAPPED = ("from functools import partial\n\nfrom pkg.norm import RMSNorm\n\n\n"
                 "def patch(module):\n    module.Norm = partial(RMSNorm, offset=1.0)\n    return module\n")

_LOADER_ARGS = ("from pkg.utils import compare_versions\n\n\ndef make(dataset, **kwargs):\n"
                "    kwargs.setdefault('workers', 2)\n    return Loader(dataset, **kwargs)\n")
_GATE = ("    torchdata_version = version.parse(metadata.version('torchdata'))\n"
         "    if compare_versions(torchdata_version, '<', '0.11'):\n        kwargs.pop('in_order')\n")
_WARM_UP = ("import torch\nimport torch_npu\n\n\nclass Model:\n    def load(self):\n"
            "        self.ready = True\n        x = torch.rand(2).npu()\n        torch_npu.matmul_add(x, x)\n"
            "        return self\n")
_QUACK = ("import cutlass.cute as cute\nimport quack.activation\n\n\n@cute.jit\ndef ex2(x, y):\n"
          "    z = quack.activation.sub_packed_f32x2(x, y)\n    return z\n")
_OLD_GATE = ("import triton\n\nif triton.__version__ >= '2.1.0':\n\n"
             "    def fwd(x):\n        return x\n")
_EXPORT = ("import transformers\nfrom packaging.version import Version\n\n\ndef export(args):\n"
           "    d = args.to_dict()\n    d.pop('push_token')\n    return d\n")
_PATCH = ('import vllm\n\n\ndef patch():\n    """Quiet tqdm.\n\n    Remove once vLLM is fixed.\n    """\n'
          "    import vllm.utils\n\n    vllm.utils.tqdm = None\n")
_EARLY_RETURN = ("    from packaging.version import Version\n\n"
                 "    if Version(vllm.__version__) >= Version('0.11.1'):\n        return\n")
_FIELDS = ('from dataclasses import dataclass, field\n\n\n@dataclass\nclass Config:\n'
           '    """Settings.\n\n    - `lr`: 1e-6.\n    """\n\n    lr: float = 1e-6\n')
_DEIT = ("import argparse\n\n\ndef get_args_parser():\n    parser = argparse.ArgumentParser()\n"
         "    parser.add_argument('--drop-path', type=float, default=0.1)\n{declared}    return parser\n\n\n"
         "def main(args):\n"
         "    return create_model(args.model, drop_path_rate=args.drop_path, drop_block_rate={value})\n")


@pytest.mark.parametrize(("value", "expected"), [
    ("None", "configuration"),
    # near miss: the call reads another option in its place, the code's own choice
    ("args.drop_path", "core-logic"),
], ids=["constant-in-its-place", "other-option-in-its-place"])
def test_an_option_no_longer_declared_whose_reader_passes_a_constant_is_configuration(
        value: str, expected: str) -> None:
    old = _DEIT.format(declared="    parser.add_argument('--drop-block', type=float, default=None)\n",
                       value="args.drop_block")
    assert _change_type(old, _DEIT.format(declared="", value=value), "main.py") == expected


_DISTRIBUTED = ("import argparse\n\n\ndef get_args_parser():\n    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument('--distributed', action='store_true', {keyword},\n"
                "                        help='distributed')\n"
                "    return parser\n")


@pytest.mark.parametrize(("keyword", "expected"), [
    ("default=False", "configuration"),
    # near miss: the attribute the option is read by renamed too
    ("default=False, dest='dist'", "data-contract"),
], ids=["misspelt-keyword-mended", "attribute-renamed-too"])
def test_a_misspelt_keyword_of_an_option_declaration_mended_is_configuration(
        keyword: str, expected: str) -> None:
    old = _DISTRIBUTED.format(keyword="defaul=False")
    assert _change_type(old, _DISTRIBUTED.format(keyword=keyword), "main.py") == expected


_SEFA = ("import argparse\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n"
         "    parser.add_argument('--truncation', type=float, default=1)\n"
         "    parser.add_argument({flag}, type=int, default=4096)\n    args = parser.parse_args()\n")


@pytest.mark.parametrize(("old_flag", "new_flag", "expected"), [
    ("'--truncation_mean'", "'--truncation-mean'", "configuration"),
    # near miss: a positional argument's name, which users do not type, respelled
    ("'truncation_mean'", "'truncation-mean'", "core-logic"),
], ids=["flag-spelled-with-hyphens", "positional-name-respelled"])
def test_a_command_line_flag_respelled_with_hyphens_is_configuration(
        old_flag: str, new_flag: str, expected: str) -> None:
    old = _SEFA.format(flag=old_flag)
    assert _change_type(old, _SEFA.format(flag=new_flag), "apps/sefa.py") == expected


_SAMPLER = ("    sampling: str = field(\n        default='sequential',\n"
            "        metadata={'help': 'Sampler of the training data.'},\n    )\n")
_LOCAL_DESTROY = ("import torch\n\nfrom pkg.config import Config\n\n\n"
                  "def destroy_groups():\n    \"\"\"Destroy the groups.\"\"\"\n    groups.clear()\n"
                  "    torch.cuda.empty_cache()\n\n\nConfig.destroy = destroy_groups\n")
_JUDGE = ("import transformers\n\n\nclass Judge:\n    def __init__(self):\n"
          "        import blender\n\n        self.b = blender.Blender()\n")
_SHIM = ('\n\ndef _ensure_blender_imports():\n    """Blender reads a constant transformers 5 dropped."""\n'
         "    import transformers.utils.hub\n\n    if {test}:\n"
         "        transformers.utils.hub.CACHE = None\n")
_ARGUMENTS = "from dataclasses import dataclass\n\n\n@dataclass\nclass Arguments:\n    name: str = 'x'\n"
_NVFP4 = ("from pkg.utils import is_sm_100, torch_version_at_least\n\n\nclass Config:\n"
          "    def __post_init__(self):\n        self.sm = is_sm_100()\n"
          "        if not torch_version_at_least('2.8.0'):\n            raise RuntimeError('needs 2.8')\n")
_LOWERING = ("import torch\n\nfrom pkg.utils import torch_version_at_least\n\n"
             "if torch_version_at_least('2.8.0'):\n    torch.config.custom_pass = lift_up\n"
             "    register_weight_pack()\n")
_ALIASES = "import sys\n\nA.__module__ = 'pkg.a'\nB = 2\nC.__module__ = 'pkg.c'\n"
_OLD_PARSE = ("import transformers\nfrom packaging.version import Version\n"
              "from packaging.version import parse as parse_version\n\n\n"
              "def test_mixed():\n    if parse_version(transformers.__version__) < Version('4.57'):\n"
              "        return\n    assert run() == 2\n")
_DTYPES = ("import torch\n\nfrom pkg.utils import torch_version_at_least\n\nDTYPES = [\n"
           "    torch.float8_e4m3fn,\n]\n"
           "DTYPES = DTYPES + [torch.fp4] if torch_version_at_least('2.8') else DTYPES\n"
           "NAMES = {\n    torch.float8_e4m3fn: 'f8',\n}\nif torch_version_at_least('2.8'):\n"
           "    NAMES[torch.fp4] = 'f4'\n"
           "DEFAULT = torch.fp4 if torch_version_at_least('2.8') else torch.float8_e4m3fn\n")
_DTYPES_KEPT = ("import torch\n\nDTYPES = [\n    torch.float8_e4m3fn,\n    torch.fp4,\n]\n"
                "NAMES = {\n    torch.float8_e4m3fn: 'f8',\n    torch.fp4: 'f4',\n}\nDEFAULT = torch.fp4\n")
_SETUP = ("import torch\n\n\ndef _version_at_least(v):\n    return torch.__version__ >= v\n\n\n"
          "def extensions(sources, sm100):\n    found = []\n"
          "    if sources and sm100 and _version_at_least('2.11.0'):\n        found.append('mxfp8')\n"
          "    return found\n")
_SETUP_ASSERTS = _SETUP.replace("\n\n\ndef extensions",
                                "\n\n\nassert _version_at_least('2.11.0'), 'needs 2.11'\n\n\n"
                                "def extensions").replace(" and _version_at_least('2.11.0'):", ":")
_HOOKS = ("import deepspeed\nfrom packaging import version\n\n\ndef add_hooks(offload):\n"
          "    offload.ready = True\n    offload._register_hooks_recursively(offload.module)\n")
_HOOKS_PICKED = _HOOKS.replace(
    "    offload._register_hooks_recursively(offload.module)\n",
    "    if version.parse(deepspeed.__version__) >= version.parse('0.16.4'):\n"
    "        offload._register_deepspeed_module(offload.module)\n    else:\n"
    "        offload._register_hooks_recursively(offload.module)\n")
MATRIX = "- IMAGE: composer-0-13-0\n  INSTALL: mosaicml==0.13.0\n  TORCH: 2.0.0\n"
_UPLOADER = "import pytest\n\n\ndef test_upload(tmp_path):\n    run(tmp_path)\n    assert done()\n"
_HOOKS_KEPT_FIRST = _HOOKS.replace(
    "    offload._register_hooks_recursively(offload.module)\n",
    "    current = version.parse(deepspeed.__version__)\n    last = version.parse('0.16.3')\n"
    "    if current <= last:\n        offload._register_hooks_recursively(offload.module)\n    else:\n"
    "        offload._register_deepspeed_module(offload.module)\n")
_INT_MM = ("import torch\nfrom packaging import version\n\nfrom pkg.utils import ipex\n\n"
           "if ipex and torch.__version__ >= (2, 7):\n    register_int_mm()\n")
_CHECKS = ("import torch\n\n\ndef quantize(a, blocksize):\n    torch._check_is_size(blocksize)\n"
           "    return a\n\n\ndef dequantize(a, blocksize):\n    torch._check_is_size(blocksize)\n"
           "    return a\n")
_CHECKS_NEW = _CHECKS.replace("torch._check_is_size(blocksize)",
                              "torch._check(blocksize >= 0, lambda: 'size')")
_SKIPS = "import pytest\nimport torch\n\n\ndef test_compile():\n    assert torch.compile(f)\n"
_BLOOM = ("class Container:\n    def create_module(self, config):\n        self.config = config\n"
          "        return self.build()\n")
_BLOOM_CHECKED = _BLOOM.replace(
    "        self.config = config\n",
    "        from importlib.metadata import version\n        found = version('transformers')\n"
    "        major, minor = (int(part) for part in found.split('.')[:2])\n"
    "        if major > 4 or (major == 4 and minor > 43):\n            raise SystemExit('too new')\n"
    "        self.config = config\n")
_ACCELERATOR = ("from pkg.utils import is_accelerate_available\n\nif is_accelerate_available():\n"
                "    from accelerate import AcceleratorConfig\n\n\nclass Arguments:\n"
                "    def __post_init__(self):\n        self.x = 1\n        if is_accelerate_available():\n"
                "            self.config = AcceleratorConfig()\n")
_NEWER = 'is_accelerate_available() and check_if_transformers_greater("4.38.0"):'
_KERNEL_CHOICE = ("def load(path, use_v1: bool = True, use_v2=False):\n    model = read(path)\n"
                  "    return pick(model, use_v1, use_v2)\n")
_RESOLVED = ("    if use_v1 is None:\n        if use_v2:\n            use_v1 = False\n        else:\n"
             "            use_v1 = True\n")
_PROCESSORS = ("from vllm.sample import Builder, init_procs\n\n\nclass Batch:\n    def __init__(self, n):\n"
               "        self.b = Builder()\n        self.procs = init_procs(n)\n        self.x = 1\n"
               "        self.y = 2\n")
_PROCESSORS_PICKED = (
    "import vllm.sample\nfrom vllm.sample import Builder\n\n\ndef get_procs(n):\n"
    "    if hasattr(vllm.sample, 'Procs'):\n        return vllm.sample.Procs(n)\n"
    "    return vllm.sample.init_procs(n)\n\n\nclass Batch:\n    def __init__(self, n):\n"
    "        self.b = Builder()\n        self.procs = get_procs(n)\n        self.x = 1\n        self.y = 2\n")
_KV_CACHE = ("import logging\n\nlogger = logging.getLogger()\n\n\ndef backends(capability, cudnn_version):\n"
             "    use_fused = True\n"
             "    if capability == (8, 9) and cudnn_version <= (9, 13, 0):\n"
             "        logger.debug('No fused attention for sm89 and cuDNN <= 9.13')\n"
             "        use_fused = False\n    return use_fused\n")
_KV_CACHE_ALWAYS = _KV_CACHE.replace(" and cudnn_version <= (9, 13, 0):", ":").replace(
    " and cuDNN <= 9.13", "")
_FORCED = ("import os\n\n\ndef device():\n    FORCE_DEVICE = os.environ.get('FORCE_DEVICE', None)\n"
           "    if FORCE_DEVICE:\n        return FORCE_DEVICE.lower()\n    return 'auto'\n")
_AWQ = ("class AwqConfig(Base):\n    def __init__(\n        self,\n        bits: int = 4,\n"
        "        **kwargs,\n    ):\n        self.bits = bits\n        self.x = 1\n")
_AWQ_BACKEND = _AWQ.replace("        bits: int = 4,\n",
                            "        bits: int = 4,\n        backend: str = None,\n").replace(
    "        self.x = 1\n", "        self.x = 1\n        self.backend = backend\n")
_AUTOSP = ("from packaging.version import Version\n\n\ndef check():\n    assert ready()\n\n"
           "    try:\n        import transformers\n"
           "        if Version(transformers.__version__) > Version('4.50.3'):\n"
           "            raise RuntimeError('too new')\n    except ImportError:\n        pass\n")
_CXX = ("from pkg.build import TORCH_MAJOR, TORCH_MINOR\n\n\ndef compile_options():\n"
        "    return ['-O3', '-std=c++17', '-g']\n")
_CXX_CHOSEN = _CXX.replace("'-std=c++17',",
                           "'-std=c++20' if (TORCH_MAJOR, TORCH_MINOR) >= (2, 12) else '-std=c++17',")
_COMPILED = ("from pkg import compiler\n\n\n@compiler.disable\ndef iter_params(module):\n"
             "    return module.parameters()\n")
_LEAF = ("from torch.utils._pytree import LeafSpec\n\n\ndef specs(args):\n"
         "    return [LeafSpec() for _ in args]\n")
_LEAF_STAND_IN = ("try:\n    from torch.utils._pytree import treespec_leaf\nexcept ImportError:\n"
                  "    from torch.utils._pytree import LeafSpec\n\n    def treespec_leaf():\n"
                  "        return LeafSpec()\n\n\ndef specs(args):\n"
                  "    return [treespec_leaf() for _ in args]\n")
_ALLOC = ("import os\n\nimport torch\n\n\ndef set_conf():\n    v = torch.__version__.split('.')\n"
          "    major, minor = int(v[0]), int(v[1])\n    if major == 2 and minor >= 2:\n"
          "        os.environ['CUDA_CONF'] = 'expandable'\n")
_ALLOC_CHOSEN = _ALLOC.replace("    if major == 2 and minor >= 2:\n", "    if major == 2 and minor >= 9:\n"
                               "        os.environ['ALLOC_CONF'] = 'expandable'\n"
                               "    elif major == 2 and minor >= 2:\n")
_TF32 = ("import torch\nfrom pkg.utils import is_torch_greater_or_equal\n\n\ndef resolve(cfg):\n    x = 1\n"
         "    torch.backends.cuda.allow_tf32 = cfg.tf32\n    torch.backends.cudnn.allow_tf32 = cfg.tf32\n"
         "    return x\n")
_TF32_CHOSEN = _TF32.replace(
    "    torch.backends.cuda.allow_tf32 = cfg.tf32\n    torch.backends.cudnn.allow_tf32 = cfg.tf32\n",
    "    if cfg.tf32:\n        torch.set_float32_matmul_precision('high')\n"
    "        if is_torch_greater_or_equal('2.9.0'):\n"
    "            torch.backends.cuda.fp32_precision = 'tf32'\n"
    "            torch.backends.cudnn.fp32_precision = 'tf32'\n        else:\n"
    "            torch.backends.cuda.allow_tf32 = True\n            torch.backends.cudnn.allow_tf32 = True\n")

_WRAPPER = ("def patch(original):\n    def guarded(mask, key):\n        if key.shape[-1] > 256:\n"
            "            return False\n        return original(mask, key)\n\n    return guarded\n")
_WRAPPER_PASSING = _WRAPPER.replace("(mask, key)", "(mask, key, *args, **kwargs)")

_OPTIM = ("def get_config(group):\n    config = {}\n    config['lr'] = group['lr']\n"
          "    config['alpha'] = group.get('alpha')\n    return config\n\n\n"
          "def step(config, p):\n    return update(p, config['lr'], config['alpha'])\n")
_OPTIM_DEFAULTED = _OPTIM.replace("group.get('alpha')", "group.get('alpha', 0.0)").replace(
    "config['alpha'])", "config.get('alpha', 0.0))")
_CXX_NAMED = _CXX.replace("    return ['-O3', '-std=c++17',",
                          "    std = '-std=c++20' if (TORCH_MAJOR, TORCH_MINOR) >= (2, 12)"
                          " else '-std=c++17'\n"
                          "    return ['-O3', std,")

_PROBED = ("from pkg.utils import _is_available\n\nHAS_FLASH = False\nif _is_available('flash'):\n"
           "    HAS_FLASH = True\n\n\ndef has_vllm():\n    return _is_available('vllm')\n")
_PROBED_ADAPTED = _PROBED.replace("_is_available('", "_available('").replace(
    "\nHAS_FLASH = False", "\n\ndef _available(name):\n    result = _is_available(name)\n"
    "    return bool(result[0]) if isinstance(result, tuple) else bool(result)\n\n\nHAS_FLASH = False")
_REPLACEMENTS = ("def patch(trainer):\n    replacements = {\n        'beta': 0.1,\n"
                 "        'loss_type': 'sigmoid',\n    }\n    for k, v in replacements.items():\n"
                 "        trainer.set(k, v)\n")
_FLOATS = "FLOATS = [\n    'gemma3',\n    'gpt_oss',\n]\n\n\ndef forced(name):\n    return name in FLOATS\n"
_FLOATS_IMPORTED = _FLOATS.replace("FLOATS = [\n    'gemma3',\n    'gpt_oss',\n]\n", (
    "try:\n    from zoo import FLOATS\nexcept ImportError:\n    global FLOATS\n"
    "    FLOATS = [\n        'gemma3',\n        'gpt_oss',\n    ]\n"))
_FLAGS = "import importlib.util\n\n\ndef other():\n    return 1\n"
_FLAGS_PATCHED = _FLAGS + (
    "\n\ndef fix_flags():\n    if importlib.util.find_spec('trl') is None:\n        return\n"
    "    try:\n        import trl.import_utils as tiu\n    except Exception:\n        return\n"
    "    for attr in list(vars(tiu)):\n        cached = getattr(tiu, attr)\n"
    "        if isinstance(cached, tuple):\n            setattr(tiu, attr, bool(cached[0]))\n")

_RESTORING_TEST = ("def test_a():\n    assert 1\n\n\ndef test_guard():\n    import pkg.sdpa as sdpa\n\n"
                   "    original = sdpa.use_gqa\n    try:\n        assert sdpa.use_gqa(None) is False\n"
                   "    finally:\n        sdpa.use_gqa = original\n")

_REGISTRY = ("SUPPORTED = []\n\ntry:\n    from vllm.models.a import A\n\n"
             "    SUPPORTED.append(A)\nexcept ImportError:\n    pass\n\n\n"
             "def supported(model):\n    return type(model) in SUPPORTED\n")
_REGISTERED = _REGISTRY.replace("    pass\n", "    pass\n\ntry:\n    from vllm.models.b import B\n\n"
                                "    SUPPORTED.append(B)\nexcept ImportError:\n    pass\n", 1)
_ENCODING = ("import os\n\nimport vllm\nfrom packaging import version\n\n"
             "V = version.parse(vllm.__version__)\nif V == version.parse('0.12.0'):\n"
             "    from vllm.harmony import get_encoding\n\n    get_encoding()\n\n\n"
             "def serve():\n    return 1\n")
_HARMONY_IMPORT = "    from vllm.parser.harmony import get_encoding\n\n    get_encoding()\n"
_ENCODING_CHOSEN = _ENCODING.replace(
    "\n\ndef serve", "elif V >= version.parse('0.13.0'):\n" + _HARMONY_IMPORT + "\n\ndef serve")
_COMPARED = ("import vllm\n\n\ndef scales(k, v, block):\n    x = []\n"
             "    if vllm.__version__ >= '0.11.0':\n        x.append(k + '_scale')\n"
             "    return patch(k, v if vllm.__version__ >= '0.11.0' else block)\n")
_PARSED = _COMPARED.replace("import vllm\n", "import vllm\nfrom packaging import version\n").replace(
    "vllm.__version__ >= '0.11.0'", "version.parse(vllm.__version__) >= version.parse('0.11.0')")
_NPU = "import os\n\nif os.getenv('NPU'):\n    from pkg import npu_patch\n"
_NPU_UNWRAPPED = _NPU.replace("if os.getenv('NPU'):\n", (
    "if os.getenv('NPU'):\n    import torch\n\n    try:\n"
    "        if hasattr(torch.nested.nested_tensor, '__wrapped__'):\n"
    "            torch.nested.nested_tensor = torch.nested.nested_tensor.__wrapped__\n"
    "    except AttributeError:\n        pass\n\n"))
_LIMITS = ("from pkg.utils import free_port\n\n\nclass Server:\n    def __init__(self, config):\n"
           "        self.port = free_port()\n        self.max_len = config.hf.max_position_embeddings\n")
_LIMITS_READ = _LIMITS.replace("import free_port", "import free_port, get_max_position_embeddings").replace(
    "config.hf.max_position_embeddings", "get_max_position_embeddings(config.hf)")
_KERNELS = ("from pkg.misc import device_name\n\n\ndef apply(kernel, fused):\n    kwargs = {'fused': fused}\n"
            "    kernel(**kwargs)\n")
_KERNELS_OFF = _KERNELS.replace("    kernel(**kwargs)\n", (
    "    if device_name() == 'npu':\n        import torch\n\n"
    "        if 'Ascend910' not in torch.npu.get_device_name(0):\n"
    "            kwargs['swiglu'] = False\n\n    kernel(**kwargs)\n"))
_BUILDER = ("class Builder:\n    def build(self):\n        kwargs = {}\n"
            "        kwargs['seed'] = self.cfg.seed\n        return Arguments(**kwargs)\n")
_BUILDER_OPTION = _BUILDER.replace(
    "        return", "        kwargs['save_only_model'] = self.cfg.save_only_model\n        return")
_ENGINE = ("import vllm\nfrom packaging import version\n\n\ndef engine(model):\n    engine_args = {\n"
           "        'model': model,\n        'disable_log_requests': True,\n        'enforce_eager': False,\n"
           "    }\n    return Engine(**engine_args)\n")
_ENGINE_CHOSEN = _ENGINE.replace("        'disable_log_requests': True,\n", "").replace(
    "    return Engine", "    if version.parse(vllm.__version__) <= version.parse('0.10.0'):\n"
    "        engine_args['disable_log_requests'] = True\n    else:\n"
    "        engine_args['enable_log_requests'] = False\n    return Engine")
_WORKERS = ("import transformers\nfrom packaging import version\n\n\ndef params(args):\n    p = {}\n"
            "    if version.parse(transformers.__version__) >= version.parse('4.52.0'):\n"
            "        p['init_fn'] = partial(seed_worker, rank=args.rank)\n    else:\n"
            "        p['init_fn'] = seed_worker\n    return p\n")
_WORKERS_KEPT = _WORKERS.replace(
    "    if version.parse(transformers.__version__) >= version.parse('4.52.0'):\n"
    "        p['init_fn'] = partial(seed_worker, rank=args.rank)\n    else:\n"
    "        p['init_fn'] = seed_worker\n", "    p['init_fn'] = partial(seed_worker, rank=args.rank)\n")
_OMNI = ("from pkg.packages import version_greater_than\n\n\ndef patch_block():\n"
         "    if version_greater_than('4.57.0'):\n        from pkg.moe import Block\n\n"
         "        modeling.Block = Block\n")
_OMNI_NARROWED = _OMNI.replace("    if version_greater_than('4.57.0'):\n", (
    "    if version_greater_than('4.57.0') and not version_greater_than('4.58.0'):\n")).replace(
    "        modeling.Block",
    "        logger.warning_rank0('patched for transformers 4.57')\n        modeling.Block")
_LOSS = ("class Trainer(Base):\n    def sampler(self):\n        return None\n")
_LOSS_FORWARDED = _LOSS + ("\n    @override\n    def compute_loss(self, model, inputs, *args, **kwargs):\n"
                           "        return super().compute_loss(model, inputs, *args, **kwargs)\n")
_AUDIO = ("def validate(processor, audios):\n    n = len(audios)\n"
          "    extractor = getattr(processor, 'feature_extractor', None)\n    return n, extractor\n")
_AUDIO_FALLBACK = _AUDIO.replace("getattr(processor, 'feature_extractor', None)",
                                 "getattr(processor, 'feature_extractor', None) or getattr(processor, "
                                 "'audio_processor', None)")
_FP8 = ("class Patches:\n    def fp8(self):\n        if self.cfg.fp8:\n"
        "            from pkg.monkeypatch import patch_fp8\n\n            patch_fp8()\n")
_DECODE = ("import transformers\n\n\ndef run(tok, out):\n    x = 1\n"
           "    return tok.batch_decode(out, skip_special_tokens=True)\n")
_V5 = "import transformers\n\n_V5 = int(transformers.__version__.split('.')[0]) >= 5\n"
_DECODE_CHOSEN = _DECODE.replace("import transformers\n", _V5).replace(
    "    return tok.batch_decode(out, skip_special_tokens=True)\n",
    "    return tok.decode(out, skip_special_tokens=True) if _V5 else tok.batch_decode(\n"
    "        out, skip_special_tokens=True)\n")
_REPLY = ("import transformers\n\n\ndef reply(tok, out):\n    x = 1\n    r = tok.batch_decode(out)[0]\n"
          "    return r\n")
_REPLY_CHOSEN = _REPLY.replace("import transformers\n", _V5).replace(
    "    r = tok.batch_decode(out)[0]\n",
    "    if _V5:\n        r = tok.decode(out)[0]\n    else:\n        r = tok.batch_decode(out)[0]\n")
_PLUGINS = "import os\n\n\nif os.getenv('XLA_REGISTER_PLUGINS') == '1':\n    register_plugins()\n"
_RAY = ("import os\n\n\ndef start():\n    x = 1\n    init(env={\n        'NCCL_DEBUG': 'WARN',\n"
        "        'ZERO_COPY': '1',\n    })\n")
_RAY_ENV = _RAY.replace("'NCCL_DEBUG': 'WARN'", "'NCCL_DEBUG': os.environ.get('NCCL_DEBUG', 'WARN')")
_OFFLOAD = ("import deepspeed\nfrom packaging import version\n\n\ndef offload(stage):\n    if stage != 3:\n"
            "        raise NotImplementedError('only stage 3')\n    return 1\n")
_OFFLOAD_CHOSEN = _OFFLOAD.replace(
    "    if stage != 3:\n        raise NotImplementedError('only stage 3')\n",
    "    if stage != 3 and version.parse(deepspeed.__version__) <= version.parse('0.17.5'):\n"
    "        raise NotImplementedError('only stage 3 before DeepSpeed 0.17.6')\n")
_CLIP = "def clip(pc):\n    x = 1\n    return getattr(pc, 'ep', False) and getattr(pc, 'dp', False)\n"
_CLIP_EITHER = _CLIP.replace("getattr(pc, 'dp', False)",
                             "(getattr(pc, 'dp', False) or getattr(pc, 'cp', False))")
_QUANT = ("def load(cfg):\n    bnb = {'load_in_8bit': True}\n    return Config(**bnb)\n")
_QUANT_SKIPPED = _QUANT.replace("    return", "    if cfg.model_type == 'jamba':\n"
                                "        bnb['skip_modules'] = ['mamba']\n    return")
_RUNTIME = ("def spawn(actor):\n    env = {\n        'VLLM_USE_V1': '1',\n        'NCCL_CUMEM_ENABLE': '0',\n"
            "    }\n    return actor.options(env=env)\n")
_NUMA = ("import numa\n\n\ndef pin(node):\n    x = 1\n    if len(numa.get_membind()) == 2:\n"
         "        numa.set_membind([node])\n    numa.set_affinity(0, list(numa.node_to_cpus(node)))\n")
_NUMA_MOVED = _NUMA.replace("numa.get_membind()", "numa.memory.get_membind_nodes()").replace(
    "numa.set_membind([node])", "numa.memory.set_membind_nodes(node)").replace(
    "numa.set_affinity(0, list(numa.node_to_cpus(node)))",
    "numa.schedule.run_on_cpus(0, *numa.info.node_to_cpus(node))")
_MLP = ("class MLP:\n    def forward(self, x):\n        y = 1\n"
        "        return kernel(self.proj.linear.weight, x)\n\n    def size(self):\n        return 2\n")
_MLP_WRAPPED = _MLP.replace("self.proj.linear.weight", "self.proj.base_layer.linear.weight")
_HIDDEN = ("def build(config):\n    x = 1\n    width = config.hidden_size * 2\n    return width\n")
_LSE = ("import torch\n\n\ndef merge(lse, block):\n    x = 1\n"
        "    return lse + torch.log(1 + torch.exp(block - lse)) / torch.norm(block)\n")
_DTYPE = ("class Layer:\n    def cast(self, w):\n        y = 1\n        return w.to(self.dtype)\n")
_PROCESSOR = ("def load(model_id):\n    x = 1\n    return Processor.from_pretrained(\n        model_id,\n"
              "        processor_kwargs={\n            'use_fast': True,\n"
              "            'size': {'height': 336, 'width': 336},\n        },\n    )\n")
_GETENV = ("import os\n\n\ndef apply_patch():\n    if 'TIMEOUT' in os.environ:\n        return\n")
_GETENV_PATCHED = _GETENV.replace("def apply_patch():\n", (
    "def _patch_getenv():\n    try:\n        from torch_npu.utils import patch_getenv\n"
    "    except Exception:\n        return\n    if getattr(patch_getenv, 'orig', None) is None:\n"
    "        return\n\n    def current(key, default=None):\n"
    "        return os.environ[key] if key in os.environ else default\n\n"
    "    os.getenv = current\n\n\ndef apply_patch():\n    _patch_getenv()\n\n"))
_VERSION_PRINTED = ("from pkg import __version__\n\n\ndef init():\n    x = 1\n"
                    "    print('version={}'.format(__version__), flush=True)\n")
_EMBEDDINGS = "        kwargs['embeddings'] = self.embeddings\n"
_PADDING = "        kwargs['padding'] = self.padding\n"
_LORA = ("def load(self, request, cls):\n    kwargs = {'device': 'cpu'}\n"
         "    if hasattr(self, 'embeddings'):\n" + _EMBEDDINGS + "    if hasattr(self, 'padding'):\n"
         + _PADDING + "    return cls.from_tensors(request, **kwargs)\n")
_LORA_VOCAB = _LORA.replace("    if hasattr(self, 'embeddings'):\n" + _EMBEDDINGS, "").replace(
    _PADDING, _EMBEDDINGS + _PADDING + "    else:\n        kwargs['vocab_size'] = self.vocab_size\n")

_GROUPS = ("from vllm.multimodal import group_by_modality\n\n\ndef encode(model, kwargs):\n"
           "    outputs = []\n    for _, n, group in group_by_modality(kwargs{extra}):\n"
           "        outputs.append(model(group))\n    return outputs\n")
_ZIP = ("def pair(uids, scores):\n    x = 1\n    for uid, score in zip(uids, scores{extra}):\n"
        "        x += score\n    return x\n")
_WORKER = ("from typing import Optional, Union\n\nfrom .outputs import AbstractBatch, AbstractOutput\n"
           "{imports}\n\nclass Worker:\n    def execute(self, batch: {batch}) -> {result}:\n"
           "        return self.run(batch)\n")
_WORKER_OLD = _WORKER.format(imports="", batch="'AbstractBatch'", result="Optional[AbstractOutput]")
_CACHE = "def map_cache(cache, devices):\n    for idx, device in enumerate(devices):\n{body}"
_CACHE_OLD = ("        cache.key_cache[idx] = cache.key_cache[idx].to(device)\n"
              "        cache.value_cache[idx] = cache.value_cache[idx].to(device)\n")
_CACHE_NEW = ("        if hasattr(cache, 'layers'):\n            layer = cache.layers[idx]\n"
              "            layer.keys = layer.keys.to(device)\n        else:\n"
              + _CACHE_OLD.replace("        ", "            "))
_KV = ("def configure(config, model_args, trainable):\n    if not trainable:\n"
       "        setattr(config, 'use_cache', model_args.{field})\n"
       "        if model_args.{field}:\n            log('cache on')\n{rest}")
_RESUMED = ("class Batches:\n    def update(self, req_data):\n"
            "        for i, req_id in enumerate(req_data.req_ids):\n"
            "            blocks = req_data.new_block_ids[i]\n"
            "            resumed = {value}\n            self.apply(req_id, blocks, resumed)\n{rest}")
_STILL_READ = "        return req_data.resumed_from_preemption\n"
_ADAPT = ("import transformers\n\nfrom .llama import GaudiLlamaForCausalLM, LlamaConfig, gaudi_forward\n\n\n"
          "def adapt_transformers_to_gaudi():\n"
          "    transformers.models.llama.LlamaModel.forward = gaudi_forward\n"
          "    transformers.AutoConfig.register('llama', LlamaConfig, exist_ok=True)\n{extra}")
_AT_EXIT = ("import atexit\n\nfrom .store import close_store\n\n\ndef open_store(path):\n"
            "    store = Store(path)\n{extra}    return store\n")
_EXAMPLE = ("import argparse\n{top}\n\ndef main():\n    args = argparse.ArgumentParser().parse_args()\n"
            "{inner}    model = AutoModel.from_pretrained(args.model)\n    return model\n")
_TOP_IMPORT = "\nfrom transformers import AutoModel\n"
_INNER_IMPORT = "    from transformers import AutoModel\n\n"
_AUTO_REGISTERED = ("    transformers.AutoModelForCausalLM.register(LlamaConfig, GaudiLlamaForCausalLM,"
                    " exist_ok=True)\n")
_TOKENIZER = "{imports}\n\nclass Tokenizer:\n    def __init__(self, path):\n{check}        self.path = path\n"
_SPM_GUARDED = ("from transformers.utils import is_sentencepiece_available\n\n"
                "if is_sentencepiece_available():\n    import sentencepiece as spm")
_SPM_MISSING = "        if not is_sentencepiece_available():\n"
_FLASH = ("import traceback\n\ntry:\n    from .flash_attn import varlen_attn\n{sink_import}\n"
          "    flash_error = None\nexcept ImportError as e:\n    varlen_attn = None\n{sink_stub}"
          "    flash_error = e\n{sink_try}\n\ndef attention(q, k, v, sink=None):\n{check}"
          "    q = q.transpose(1, 2)\n    if sink is None:\n{plain_check}        out = varlen_attn(q, k, v)\n"
          "    else:\n{sink_check}        out = sink_attn(q, k, v, sink)\n    return out\n")
_FLASH_SINK_IMPORT = "    from .flash_attn.sink import sink_attn\n"
_FLASH_SINK_TRY = ("\ntry:\n    from .flash_attn.sink import sink_attn\n\n    sink_error = None\n"
                   "except (ImportError, ModuleNotFoundError) as e:\n"
                   "    sink_attn = None\n    sink_error = e\n")
_FLASH_CHECK = ("{indent}if {name} is not None:\n{indent}    traceback.print_exception({name})\n"
                "{indent}    raise {name}\n")
# Both imports under one guard, its error raised up front; each under its own, raised where used.
_FLASH_GUARDED_TOGETHER = _FLASH.format(
    sink_import=_FLASH_SINK_IMPORT, sink_stub="    sink_attn = None\n", sink_try="",
    check=_FLASH_CHECK.format(indent="    ", name="flash_error"), plain_check="", sink_check="")
_FLASH_GUARDED_APART = _FLASH.format(
    sink_import="", sink_stub="", sink_try=_FLASH_SINK_TRY, check="",
    plain_check=_FLASH_CHECK.format(indent="        ", name="flash_error"),
    sink_check=_FLASH_CHECK.format(indent="        ", name="sink_error"))
_LOG = ("def clean(logger, path):\n    if path:\n        logger.{method}('old logs deleted')\n"
        "        remove(path)\n")
_READ_ALREADY = "    return model_args.use_kv_cache\n"
_PACK = ("from typing import Any, Dict, List, Literal\n\n\n"
         "def pack(examples: Dict[str, {value}], stage: Literal[{stages}]) -> None:\n    return examples\n")

_V1_CHECK = ("        if not int(os.getenv(\"USE_V1\", \"1\")):\n"
             "            raise ValueError(\"only v1 is supported: set USE_V1=1\")\n        elif")
_V1_REQUIRED = ("import os\n\n\nclass Platform:\n    @classmethod\n    def check(cls, config):\n"
                "        decoder = config.decoder\n" + _V1_CHECK + " not decoder:\n"
                "            raise ValueError(\"only decoders\")\n        return config\n")
_AFTER_ALIASES = "\n\n\ndef run():\n    return 1\n"
_ALIASED = ("import sys\n\nimport pkg.legacy\nimport pkg.runtime.config\n\n"
            "sys.modules['pkg.legacy.config'] = pkg.runtime.config" + _AFTER_ALIASES)
_ADDON_LOADED = (
    "import logging\nimport sys\n\nlogger = logging.getLogger(__name__)\n\n\nclass Loader:\n"
    "    def load(self, quant):\n        if quant == 'gptq':\n"
    "            sys.path.append('/home/user/addons')\n"
    "            from aiu_addon import aiu_linear  # noqa: F401\n            kind = 'gptq_aiu'\n"
    "            logger.info('Loaded aiu_addon')\n        return kind\n")
_FMS_ADDON_LOADED = (
    "import logging\n\nlogger = logging.getLogger(__name__)\n\n\nclass Loader:\n"
    "    def load(self, quant):\n        if quant == 'gptq':\n"
    "            from fms_mo.addons.gptq import gptq_linear  # noqa: F401\n            kind = 'gptq_aiu'\n"
    "            logger.info('Loaded fms_mo addons')\n        return kind\n")
_POOLER_BUILT = (
    "from vllm.pooler import Pooler, PoolingType\n\n\nclass Runner:\n    def __init__(self, config):\n"
    "        self.x = 1\n        self.pooler = Pooler.from_config_with_defaults(\n            config,\n"
    "            pooling_type=PoolingType.CLS,\n            normalize=True)\n        self.y = 2\n")
_POOLER_PROBED = _POOLER_BUILT.replace(
    "        self.pooler = Pooler.from_config_with_defaults(\n            config,\n"
    "            pooling_type=PoolingType.CLS,\n            normalize=True)\n",
    "        if hasattr(Pooler, 'from_config_with_defaults'):\n"
    "            self.pooler = Pooler.from_config_with_defaults(\n                config,\n"
    "                pooling_type=PoolingType.CLS,\n                normalize=True)\n"
    "        else:\n            self.pooler = Pooler.for_embed(\n                config,\n"
    "                default_pooling_type=PoolingType.CLS)\n")
_PROBES = ("import importlib.util\nimport importlib.metadata as importlib_metadata\n\n"
           "_torch_available = importlib.util.find_spec('torch') is not None\n\n\n"
           "def is_torch_available():\n    return _torch_available\n")
_PROBES_PILLOW = _PROBES.replace("\n\n\ndef", (
    "\n\n_pillow_available = importlib.util.find_spec('PIL') is not None\nif _pillow_available:\n    try:\n"
    "        importlib_metadata.version('pillow')\n    except importlib_metadata.PackageNotFoundError:\n"
    "        _pillow_available = False\n\n\ndef")) \
    + "\n\ndef is_pillow_available():\n    return _pillow_available\n"
_INT8_PREPARED = (
    "import logging\n\n\ndef load_model(cfg, model):\n    try:\n        if cfg.gptq:\n"
    "            from gptq.patch import replace_lora\n\n            replace_lora()\n"
    "        from peft import prepare_model_for_int8_training\n"
    "    except Exception as err:\n        raise err\n"
    "    logging.info('converting with prepare_model_for_int8_training')\n"
    "    model = prepare_model_for_int8_training(model)\n    return model\n")
_KBIT_PREPARED = _INT8_PREPARED.replace(
    "        from peft import prepare_model_for_int8_training\n",
    "        else:\n            from peft import prepare_model_for_kbit_training\n").replace(
    "with prepare_model_for_int8_training", "with prepare_model_for_kbit_training").replace(
    "model = prepare_model_for_int8_training(", "model = prepare_model_for_kbit_training(")
_PACKED_TEST = "        if getattr(self.weight.quant_state, 'packed', False):\n"
_PACKED_SAVE = ("class Linear4bit:\n    def save(self, destination):\n        x = 1\n" + _PACKED_TEST
                + "            self.weight.data = unpack(self.weight.data)\n        return destination\n")
_PRESENCE = "        if getattr(self.weight, 'quant_state', None) is not None and "
_GATED_PROCESSOR = (
    "from transformers import PreTrainedModel, ProcessorMixin\n\n"
    "from ..utils import is_transformers_version\n\nGlmProcessor = ProcessorMixin\n"
    "if is_transformers_version('>=', '4.57.4'):\n    from transformers import GlmProcessor\n\n\n"
    "def build():\n    return GlmProcessor()\n")
_BNB_FLAGS = ("import logging\n\nimport torch\n\ntry:\n    import bitsandbytes as bnb\n\n"
              "    IS_4BIT = bnb.__version__ >= '0.39.0'\n    IS_8BIT = bnb.__version__ >= '0.37.2'\n"
              "except ImportError:\n    pass\n\n\ndef quantize(model):\n    return model\n")
_BNB_FLAGS_PARSED = _BNB_FLAGS.replace(
    "import logging\n", "import importlib.metadata\nimport logging\n").replace(
    "import torch\n", "import torch\nfrom packaging.version import Version\n").replace(
    "    IS_4BIT = bnb.__version__ >= '0.39.0'\n    IS_8BIT = bnb.__version__ >= '0.37.2'\n",
    "    try:\n        BNB_VERSION = Version(bnb.__version__)\n    except AttributeError:\n"
    "        BNB_VERSION = Version(importlib.metadata.version('bitsandbytes'))\n\n"
    "    IS_4BIT = BNB_VERSION >= Version('0.39.0')\n    IS_8BIT = BNB_VERSION >= Version('0.37.2')\n")
_OP_BUILT = ("import torch\nfrom vllm.quant.utils import GroupShape\n"
             "from vllm.quant.fp8_utils import BlockFp8LinearOp\n\n\n"
             "class Scheme:\n    def __init__(self, block):\n        self.x = 1\n"
             "        self.linear = BlockFp8LinearOp(\n            weight_group_shape=GroupShape(*block),\n"
             "            cutlass=True,\n        )\n")
_KERNEL_INITIALISED = (
    "import torch\nfrom vllm.kernels.linear import init_fp8_linear_kernel\n"
    "from vllm.quant.utils import GroupShape, QuantKey\n\n\nclass Scheme:\n    def __init__(self, block):\n"
    "        self.x = 1\n        weight_shape = GroupShape(*block)\n"
    "        weight_key = QuantKey(torch.float8_e4m3fn, weight_shape)\n"
    "        self.linear = init_fp8_linear_kernel(\n            weight_quant_key=weight_key,\n"
    "            out_dtype=torch.bfloat16,\n        )\n")
_TUNER = ("import triton\n\nmajor_version, minor_version = triton.__version__.split('.')[:2]\n\n\n"
          "class Tuner:\n    def __init__(\n        self,\n        fn,\n        warmup=25,\n"
          "        rep=100,\n        cache=None,\n    ):\n        self.fn = fn\n"
          "        self.warmup = warmup\n        self.rep = rep\n")
_TUNER_BY_VERSION = _TUNER.replace(
    "        warmup=25,\n        rep=100,\n", "        warmup=None,\n        rep=None,\n").replace(
    "    ):\n        self.fn = fn\n",
    "    ):\n        if major_version == 2 or (major_version == 3 and minor_version <= 1):\n"
    "            if warmup is None:\n                warmup = 25\n            if rep is None:\n"
    "                rep = 100\n        self.fn = fn\n")
_PRIVATE_IMPORTED = (
    "import triton\nimport triton.language as tl\nfrom triton.language.core import _unwrap_if_constexpr\n\n\n"
    "@tl.constexpr\ndef get_int_t(num_bits: tl.constexpr) -> tl.dtype:\n"
    "    num_bits = _unwrap_if_constexpr(num_bits)\n    return tl.core.get_int_dtype(num_bits, True)\n")
_PRIVATE_COPIED = (
    "import triton\nimport triton.language as tl\n\n\ndef unwrap_if_constexpr(o):\n"
    "    return o.value if isinstance(o, tl.constexpr) else o\n\n\n"
    "@tl.constexpr\ndef get_int_t(num_bits: tl.constexpr) -> tl.dtype:\n"
    "    num_bits = unwrap_if_constexpr(num_bits)\n    return tl.core.get_int_dtype(num_bits, True)\n")
_TRAINER_DEFAULTS = (
    "from packaging.version import Version\n\n\n"
    "def patch_trainer(source):\n    replacements = {\n        \"weight_decay\": 0.01,\n"
    "        \"warmup_ratio\": 0.1,\n        \"seed\": 3407,\n    }\n"
    "    return apply(source, replacements)\n")
_WARMUP_BY_VERSION = (
    "from packaging.version import Version\n\n"
    "try:\n    from transformers import __version__ as _raw\n\n    transformers_version = Version(_raw)\n"
    "except Exception:\n    transformers_version = Version(\"0.0.0\")\n\n\n"
    "def patch_trainer(source):\n    replacements = {\n        \"weight_decay\": 0.01,\n"
    "        \"seed\": 3407,\n    }\n"
    "    if transformers_version >= Version(\"5.0.0\"):\n        replacements[\"warmup_steps\"] = 0.1\n"
    "    else:\n        replacements[\"warmup_ratio\"] = 0.1\n"
    "    return apply(source, replacements)\n")

@pytest.mark.parametrize(("old", "new", "path", "expected"), [
    (_COPY, _COPY_GIVEN_UP, "pkg/ops/m.py", "dependency-wiring"),
    (_COPY, _COPY_GIVEN_UP.replace("return None", "return Strategy.GROUP"), "pkg/ops/m.py", "core-logic"),
    (_DOC, _LAZY, "pkg/sparse/__init__.py", "dependency-wiring"),
    (_DOC, _LAZY.replace("        from .blk128 import attn_fwd\n\n", "        attn_fwd = 1\n"),
     "pkg/sparse/__init__.py", "core-logic"),
    (_FWD, _ALIAS, "pkg/ops/m.py", "data-contract"),
    (_FWD, _ALIAS.replace("**kwargs)\n", "**kwargs) * 2\n"), "pkg/ops/m.py", "core-logic"),
    (_IN_CLASS, _TYPE_CHECKED, "pkg/ops/m.py", "dependency-wiring"),
    (_IN_CLASS, _TYPE_CHECKED.replace("return x\n", "return x * 2\n"), "pkg/ops/m.py", "core-logic"),
    (_TYPED_UTILS, _TYPED_UTILS_CHECKED, "pkg/ops/m.py", "dependency-wiring"),
    (_TYPED_UTILS.replace("T = TypeVar('T', pd.Series, pd.DataFrame)", "LIMIT = 3"), _TYPED_UTILS_CHECKED,
     "pkg/ops/m.py", "configuration"),
    (_LAZY_TEST, _SKIPPED_TEST, "tests/test_next.py", "dependency-wiring"),
    (_LAZY_TEST, _SKIPPED_TEST.replace("    NextConfig is None,\n", "    sys.platform == 'win32',\n"),
     "tests/test_next.py", "test-coverage"),
    (_STRATEGY, _STRATEGY.replace("import Inputs\n", "import Inputs, InputsDelta\n").replace(
        "inputs: 'Inputs') -> None:", "inputs: 'Inputs',\n               delta: 'InputsDelta') -> None:"),
     "pkg/ops/m.py", "data-contract"),
    (_PROBE, _PROBE.replace("    import torch_npu\n", "    try:\n        import torch_npu\n"
                            "    except Exception:\n        return False\n"), "pkg/ops/m.py",
     "dependency-wiring"),
    (_COUNT, _COUNT.replace("return False", "return 0"), "pkg/ops/m.py", "core-logic"),
    (_MESH, _MESH_LAZY, "pkg/ops/m.py", "dependency-wiring"),
    (_XLA, _XLA.replace("as xm\n", "as xm\n    import torch_xla.runtime as xr\n").replace(
        "xm.xrt_world_size()", "xr.world_size()"), "pkg/ops/m.py", "dependency-wiring"),
    (_NORM, _NORM_WRAPPED, "pkg/ops/m.py", "core-logic"),
    (_WARM_UP, _WARM_UP.replace("import torch_npu\n", "").replace(
        "        x = torch.rand(2).npu()\n        torch_npu.matmul_add(x, x)\n", ""), "pkg/ops/m.py",
     "core-logic"),
    (_LOADER_ARGS, _LOADER_ARGS.replace("    return Loader", _GATE + "    return Loader"), "pkg/ops/m.py",
     "configuration"),
    (_LOADER_ARGS, _LOADER_ARGS.replace("    return Loader", _GATE.replace(
        "torchdata_version = ", "torchdata_version: Version = ") + "    return Loader"), "pkg/ops/m.py",
     "configuration"),
    (_OLD_GATE, _OLD_GATE.replace("    def fwd", "    def bwd(x):\n        return -x\n\n    def fwd"),
     "pkg/ops/m.py", "core-logic"),
    (_QUACK, _QUACK.replace("import quack.activation\n", "").replace(
        "quack.activation.sub_packed", "cute.arch.sub_packed"), "pkg/ops/m.py", "dependency-wiring"),
    (_EXPORT, _EXPORT.replace("    d.pop(", "    if Version(transformers.__version__) < Version('5.0'):\n"
                              "        d.pop("), "pkg/ops/m.py", "configuration"),
    (_EXPORT, _EXPORT.replace("    d.pop(", "    if d.get('push'):\n        d.pop("), "pkg/ops/m.py",
     "core-logic"),
    (_PATCH, _PATCH.replace("Remove once vLLM is fixed.", "Fixed in vLLM 0.11.1.").replace(
        "    import vllm.utils\n", "    import vllm.utils\n" + _EARLY_RETURN), "pkg/ops/m.py",
     "configuration"),
    (_PATCH, _PATCH.replace("Remove once vLLM is fixed.", "Only when enabled.").replace(
        "    import vllm.utils\n", "    import vllm.utils\n\n    if not vllm.utils.enabled:\n"
        "        return\n"), "pkg/ops/m.py", "core-logic"),
    (_FIELDS, _FIELDS.replace("    \"\"\"\n", "    - `sampling`: sequential.\n    \"\"\"\n") + _SAMPLER,
     "pkg/ops/m.py", "configuration"),
    (_FIELDS, _FIELDS.replace("    \"\"\"\n", "    - `scale`: doubled.\n    \"\"\"\n")
     + "\n    def scaled(self):\n        return self.lr * 2\n", "pkg/ops/m.py", "core-logic"),
    (_OLD_PARSE, _OLD_PARSE.replace("from packaging.version import parse as parse_version\n", "").replace(
        "parse_version(", "Version("), "tests/test_mixed.py", "dependency-wiring"),
    (_OLD_PARSE, _OLD_PARSE.replace("assert run() == 2", "assert run() == 3"), "tests/test_mixed.py",
     "test-coverage"),
    (_LOCAL_DESTROY, "from pkg.config import Config\nfrom pkg.patches import destroy_groups\n\n\n"
                     "Config.destroy = destroy_groups\n", "pkg/ops/m.py", "dependency-wiring"),
    (_JUDGE, _JUDGE.replace("import transformers\n", "import transformers\n"
                            "from packaging.version import Version\n"
                            + _SHIM.format(test="Version(transformers.__version__) >= Version('5')")).replace(
        "        import blender\n", "        _ensure_blender_imports()\n        import blender\n"),
     "pkg/ops/m.py", "dependency-wiring"),
    (_JUDGE, _JUDGE.replace("import transformers\n", "import transformers\n"
                            + _SHIM.format(test="transformers.offline")).replace(
        "        import blender\n", "        _ensure_blender_imports()\n        import blender\n"),
     "pkg/ops/m.py", "core-logic"),
    (_ARGUMENTS, _ARGUMENTS.replace("dataclass\n\n\n", "dataclass\nfrom typing import Optional\n\n\n")
     + "    config: Optional[str] = None\n", "pkg/ops/m.py", "configuration"),
    (_NVFP4, _NVFP4.replace(", torch_version_at_least", "").replace(
        "        if not torch_version_at_least('2.8.0'):\n            raise RuntimeError('needs 2.8')\n", ""),
     "pkg/ops/m.py", "configuration"),
    (_NVFP4.replace("torch_version_at_least('2.8.0')", "self.sm"), _NVFP4.replace(
        "        if not torch_version_at_least('2.8.0'):\n            raise RuntimeError('needs 2.8')\n", ""),
     "pkg/ops/m.py", "core-logic"),
    (_LOWERING, _LOWERING.replace("from pkg.utils import torch_version_at_least\n\n", "").replace(
        "if torch_version_at_least('2.8.0'):\n    ", "").replace("\n    register", "\nregister"),
     "pkg/ops/m.py", "configuration"),
    (_LOWERING.replace("torch_version_at_least('2.8.0')", "torch.config.fast"), _LOWERING.replace(
        "if torch_version_at_least('2.8.0'):\n    ", "").replace("\n    register", "\nregister"),
     "pkg/ops/m.py", "core-logic"),
    (_ALIASES, _ALIASES.replace("A.__module__", "if sys.version_info < (3, 14):\n    A.__module__").replace(
        "C.__module__", "if sys.version_info < (3, 14):\n    C.__module__"), "pkg/ops/m.py", "configuration"),
    (_DTYPES, _DTYPES_KEPT, "pkg/ops/m.py", "configuration"),
    (_DTYPES, _DTYPES_KEPT.replace("    torch.fp4: 'f4',\n", "    torch.fp4: 'fp4',\n"), "pkg/ops/m.py",
     "core-logic"),
    (_DTYPES, _DTYPES_KEPT.replace("DEFAULT = torch.fp4", "DEFAULT = torch.fp8"), "pkg/ops/m.py",
     "core-logic"),
    (_SETUP, _SETUP_ASSERTS, "setup.py", "configuration"),
    (_SETUP, _SETUP_ASSERTS.replace("if sources and sm100:", "if sources:"), "setup.py", "infrastructure"),
    (_HOOKS, _HOOKS_PICKED, "pkg/ops/m.py", "configuration"),
    (_HOOKS, _HOOKS_PICKED.replace("version.parse(deepspeed.__version__) >= version.parse('0.16.4')",
                                   "offload.fast"), "pkg/ops/m.py", "core-logic"),
    (_UPLOADER, _UPLOADER.replace("    run(", "    try:\n        import libcloud\n\n        del libcloud\n"
                                  "    except ImportError:\n        pytest.skip('needs libcloud')\n    run("),
     "tests/test_uploader.py", "dependency-wiring"),
    (_UPLOADER, _UPLOADER.replace("    run(", "    pytest.importorskip('libcloud')\n    run("),
     "tests/test_uploader.py", "dependency-wiring"),
    (_UPLOADER, _UPLOADER.replace("    run(", "    try:\n        import libcloud\n"
                                  "    except ValueError:\n        pytest.skip('bad libcloud')\n    run("),
     "tests/test_uploader.py", "test-coverage"),
    (_HOOKS, _HOOKS_KEPT_FIRST, "pkg/ops/m.py", "configuration"),
    (_HOOKS, _HOOKS_KEPT_FIRST.replace("version.parse(deepspeed.__version__)", "offload.size"),
     "pkg/ops/m.py", "core-logic"),
    (_INT_MM, _INT_MM.replace("if ipex and torch.__version__ >= (2, 7):",
                              "if version.parse(torch.__version__) >= version.parse('2.9') or ipex:"),
     "pkg/ops/m.py", "configuration"),
    (_INT_MM, _INT_MM.replace("if ipex and torch.__version__ >= (2, 7):", "if ipex and torch.fast:"),
     "pkg/ops/m.py", "core-logic"),
    (_CHECKS, _CHECKS_NEW, "pkg/ops/m.py", "data-contract"),
    (_CHECKS, _CHECKS_NEW.replace("    return a\n\n\ndef dequantize", "    return a\n\n\n"
                                  "def size(a):\n    return torch._check_is_size(a)\n\n\ndef dequantize"),
     "pkg/ops/m.py", "core-logic"),
    (_SKIPS, _SKIPS.replace("import pytest\n", "import sys\n\nimport pytest\n").replace(
        "def test_compile", "@pytest.mark.skipif(sys.version_info >= (3, 14), reason='no compile')\n"
        "def test_compile"), "tests/test_compile.py", "test-coverage"),
    (_SKIPS, _SKIPS.replace("import pytest\n", "import sys\n\nimport pytest\n").replace(
        "    assert", "    sys.path.insert(0, 'tests')\n    assert"), "tests/test_compile.py",
     "dependency-wiring"),
    (_BLOOM, _BLOOM_CHECKED, "pkg/ops/m.py", "configuration"),
    (_BLOOM, _BLOOM_CHECKED.replace("if major > 4 or (major == 4 and minor > 43):", "if config.strict:"),
     "pkg/ops/m.py", "core-logic"),
    (_AUTOSP, _AUTOSP.split("\n    try:")[0] + "\n", "pkg/ops/m.py", "configuration"),
    (_AUTOSP.replace("        if Version(", "        transformers.logging.set_verbosity_error()\n"
                     "        if Version("), _AUTOSP.split("\n    try:")[0] + "\n", "pkg/ops/m.py",
     "core-logic"),
    (_CXX, _CXX_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_CXX, _CXX_CHOSEN.replace("else '-std=c++17'", "else '-std=c++14'"), "pkg/ops/m.py", "core-logic"),
    (_COMPILED, _COMPILED.replace("@compiler.disable", "@compiler.enable(min_version='2.7.0')"),
     "pkg/ops/m.py", "configuration"),
    (_COMPILED, _COMPILED.replace("@compiler.disable", "@compiler.enable(mode='max')"), "pkg/ops/m.py",
     "core-logic"),
    (_LEAF, _LEAF_STAND_IN, "pkg/ops/m.py", "dependency-wiring"),
    (_LEAF, _LEAF_STAND_IN.replace("def treespec_leaf():", "def leaf():").replace(
        "[treespec_leaf()", "[leaf()"), "pkg/ops/m.py", "core-logic"),
    (_ALLOC, _ALLOC_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_ALLOC, _ALLOC_CHOSEN.replace("    if major == 2 and minor >= 9:", "    if config.fast:"),
     "pkg/ops/m.py", "core-logic"),
    (_TF32, _TF32_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_TF32, _TF32_CHOSEN.replace("cudnn.allow_tf32 = True", "cudnn.fast = True"), "pkg/ops/m.py",
     "core-logic"),
    (_WRAPPER, _WRAPPER_PASSING, "pkg/ops/m.py", "data-contract"),
    (_WRAPPER, _WRAPPER_PASSING.replace("> 256", "> 128"), "pkg/ops/m.py", "core-logic"),
    (_OPTIM, _OPTIM_DEFAULTED, "pkg/ops/m.py", "data-contract"),
    (_OPTIM.replace("group.get('alpha')", "group.get('alpha', 1.0)"), _OPTIM_DEFAULTED.replace(
        "config.get('alpha', 0.0))", "config['alpha'])"), "pkg/ops/m.py", "configuration"),
    (_CXX, _CXX_NAMED, "pkg/ops/m.py", "configuration"),
    (_CXX, _CXX_NAMED.replace("else '-std=c++17'", "else '-std=c++14'"), "pkg/ops/m.py", "core-logic"),
    (_PROBED, _PROBED_ADAPTED, "pkg/ops/m.py", "data-contract"),
    (_PROBED, _PROBED_ADAPTED.replace("result = _is_available(name)", "result = name in INSTALLED"),
     "pkg/ops/m.py", "core-logic"),
    (_REPLACEMENTS, _REPLACEMENTS.replace("    }", "        'aux_loss_coef': 0.0,\n    }"), "pkg/ops/m.py",
     "configuration"),
    (_REPLACEMENTS, _REPLACEMENTS.replace("    }", "        'aux_loss_coef': trainer.coef,\n    }"),
     "pkg/ops/m.py", "core-logic"),
    ("def loaded(name):\n    names = [\n        'LlamaRMSNorm',\n    ]\n    return name in names\n",
     "def loaded(name):\n    names = [\n        'LlamaRMSNorm',\n        'Phi3RMSNorm',\n    ]\n"
     "    return name in names\n", "pkg/ops/m.py", "core-logic"),
    ("def check(role):\n    assert role in ['sytem', 'user']\n",
     "def check(role):\n    assert role in ['system', 'user']\n", "pkg/ops/m.py", "core-logic"),
    (_FLOATS, _FLOATS_IMPORTED, "pkg/ops/m.py", "dependency-wiring"),
    (_FLOATS, _FLOATS_IMPORTED.replace("    ]\n", "    ]\n    FLOATS.append(detect())\n", 1),
     "pkg/ops/m.py", "core-logic"),
    (_FLAGS, _FLAGS_PATCHED, "pkg/ops/m.py", "dependency-wiring"),
    (_FLAGS, _FLAGS_PATCHED + "    return tiu\n", "pkg/ops/m.py", "core-logic"),
    (_RESTORING_TEST.split("\n\n\ndef test_guard")[0] + "\n", _RESTORING_TEST, "tests/test_sdpa.py",
     "test-coverage"),
    (_REGISTRY, _REGISTERED, "pkg/ops/m.py", "dependency-wiring"),
    (_REGISTRY, _REGISTERED.replace("SUPPORTED.append(B)", "SUPPORTED.append(wrap(B))"), "pkg/ops/m.py",
     "core-logic"),
    (_REGISTRY, _REGISTERED.replace("    SUPPORTED.append(B)\n", "    B.cache.clear()\n"), "pkg/ops/m.py",
     "core-logic"),
    ("import os\n\n__all__ = ['run', '__version__']", "import os\n\n__all__ = ['run', '__version__']\n\n"
     "if os.getenv('HUB') == 'true':\n    from hub import patch_hub\n\n    patch_hub()\n", "pkg/__init__.py",
     "dependency-wiring"),
    (_ENCODING, _ENCODING_CHOSEN, "pkg/ops/m.py", "dependency-wiring"),
    (_ENCODING, _ENCODING_CHOSEN.replace(_HARMONY_IMPORT, "    os.environ['HARMONY'] = '1'\n"),
     "pkg/ops/m.py", "configuration"),
    (_COMPARED, _PARSED, "pkg/ops/m.py", "configuration"),
    (_COMPARED, _PARSED.replace("v if version", "block if version").replace("else block", "else v"),
     "pkg/ops/m.py", "core-logic"),
    (_NPU, _NPU_UNWRAPPED, "pkg/__init__.py", "dependency-wiring"),
    (_NPU, _NPU_UNWRAPPED.replace("        pass\n", "        print('nested tensors stay wrapped')\n"),
     "pkg/__init__.py", "core-logic"),
    (_LIMITS, _LIMITS_READ, "pkg/ops/m.py", "data-contract"),
    (_LIMITS, _LIMITS_READ.replace("get_max_position_embeddings", "get_max_model_len"), "pkg/ops/m.py",
     "core-logic"),
    (_KERNELS, _KERNELS_OFF, "pkg/ops/m.py", "configuration"),
    (_KERNELS, _KERNELS_OFF.replace("= False\n", "= False\n            torch.npu.empty_cache()\n"),
     "pkg/ops/m.py", "core-logic"),
    (_BUILDER, _BUILDER_OPTION, "pkg/ops/m.py", "configuration"),
    (_BUILDER, _BUILDER_OPTION.replace("self.cfg.save_only_model", "self.model.save_only"), "pkg/ops/m.py",
     "data-contract"),
    (_ENGINE, _ENGINE_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_ENGINE.replace("Engine(**engine_args)", "engine_args"),
     _ENGINE_CHOSEN.replace("Engine(**engine_args)", "engine_args"), "pkg/ops/m.py", "configuration"),
    (_WORKERS, _WORKERS_KEPT, "pkg/ops/m.py", "configuration"),
    (_WORKERS, _WORKERS_KEPT.replace("rank=args.rank", "rank=0"), "pkg/ops/m.py", "core-logic"),
    (_OMNI, _OMNI_NARROWED, "pkg/ops/m.py", "configuration"),
    (_OMNI, _OMNI_NARROWED.replace("logger.warning_rank0('patched for transformers 4.57')",
                                   "modeling.enable_fused_experts()"), "pkg/ops/m.py", "core-logic"),
    (_LOSS, _LOSS_FORWARDED, "pkg/ops/m.py", "data-contract"),
    (_LOSS, _LOSS_FORWARDED.replace("*args, **kwargs)\n", "*args, **kwargs) * 2\n"), "pkg/ops/m.py",
     "core-logic"),
    (_AUDIO, _AUDIO_FALLBACK, "pkg/ops/m.py", "data-contract"),
    (_AUDIO, _AUDIO.replace("getattr(processor, 'feature_extractor', None)",
                            "getattr(processor, 'feature_extractor', None) or default_extractor()"),
     "pkg/ops/m.py", "core-logic"),
    (_FP8, _FP8.replace("patch_fp8()", "patch_fp8(self.cfg.fp8_all_gather)"), "pkg/ops/m.py",
     "data-contract"),
    (_DECODE, _DECODE_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_DECODE, _DECODE_CHOSEN.replace("_V5 = int(transformers.__version__.split('.')[0]) >= 5",
                                     "_V5 = transformers.fast_tokenizers"), "pkg/ops/m.py", "core-logic"),
    (_REPLY, _REPLY_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_REPLY, _REPLY_CHOSEN.replace("r = tok.batch_decode(out)[0]\n", "r = tok.batch_decode(out)\n"),
     "pkg/ops/m.py", "core-logic"),
    (_RAY, _RAY_ENV, "pkg/ops/m.py", "configuration"),
    (_RAY, _RAY_ENV.replace("'NCCL_DEBUG', 'WARN')", "'NCCL_DEBUG', 'INFO')"), "pkg/ops/m.py", "core-logic"),
    (_OFFLOAD, _OFFLOAD_CHOSEN, "pkg/ops/m.py", "configuration"),
    (_OFFLOAD, _OFFLOAD_CHOSEN.replace("raise NotImplementedError", "raise ValueError"), "pkg/ops/m.py",
     "core-logic"),
    (_CLIP, _CLIP_EITHER, "pkg/ops/m.py", "core-logic"),
    (_QUANT, _QUANT_SKIPPED, "pkg/ops/m.py", "configuration"),
    (_BUILDER, _BUILDER.replace("        return", "        kwargs['seed'] += self.rank\n        return"),
     "pkg/ops/m.py", "core-logic"),
    (_BUILDER, _BUILDER.replace("        return", "        kwargs['seed'] = kwargs['seed'] + self.rank\n"
                                "        return"), "pkg/ops/m.py", "core-logic"),
    (_BUILDER, _BUILDER.replace("kwargs['seed'] = self.cfg.seed", "kwargs['seed'] = self.rank"),
     "pkg/ops/m.py", "core-logic"),
    (_RUNTIME, _RUNTIME.replace("        'NCCL_CUMEM_ENABLE': '0',\n", "        'NCCL_CUMEM_ENABLE': '0',\n"
                                "        'RAY_EXPERIMENTAL_NOSET_HIP_VISIBLE_DEVICES': '1',\n"),
     "pkg/ops/m.py", "configuration"),
    (_RUNTIME, _RUNTIME.replace("        'NCCL_CUMEM_ENABLE': '0',\n", "        'NCCL_CUMEM_ENABLE': '0',\n"
                                "        'model': 'qwen',\n"), "pkg/ops/m.py", "core-logic"),
    (_MLP, _MLP_WRAPPED, "pkg/ops/m.py", "data-contract"),
    (_MLP, _MLP.replace("self.proj.linear.weight", "self.proj.linear.bias"), "pkg/ops/m.py", "core-logic"),
    (_MLP.replace("return 2", "return self.proj.linear.weight"),
     _MLP_WRAPPED.replace("return 2", "return self.proj.linear.weight"), "pkg/ops/m.py", "core-logic"),
    (_HIDDEN, _HIDDEN.replace("config.hidden_size", "config.text_config.hidden_size"), "pkg/ops/m.py",
     "data-contract"),
    (_NUMA, _NUMA_MOVED, "pkg/ops/m.py", "data-contract"),
    (_NUMA, _NUMA_MOVED.replace("== 2", "== 4"), "pkg/ops/m.py", "core-logic"),
    (_NUMA, _NUMA_MOVED.replace("set_membind_nodes(node)", "set_membind_nodes(0)"),
     "pkg/ops/m.py", "core-logic"),
    (_LSE, _LSE.replace("torch.norm(", "torch.linalg.vector_norm("), "pkg/ops/m.py", "data-contract"),
    (_LSE, _LSE.replace("torch.log(1 + torch.exp(block - lse))", "torch.log1p(torch.exp(block - lse))"),
     "pkg/ops/m.py", "core-logic"),
    (_DTYPE, _DTYPE.replace("self.dtype", "self.config.dtype"), "pkg/ops/m.py", "core-logic"),
    (_PROCESSOR, _PROCESSOR.replace("            'size': {'height': 336, 'width': 336},\n", ""),
     "pkg/ops/m.py", "configuration"),
    (_PROCESSOR.replace("336}", "336, 'crop': h}"),
     _PROCESSOR.replace("            'size': {'height': 336, 'width': 336},\n", ""),
     "pkg/ops/m.py", "core-logic"),
    (_PROCESSOR, _PROCESSOR.replace("        },\n", "            'pad': {'multiple': 14},\n        },\n"),
     "pkg/ops/m.py", "configuration"),
    (_PROCESSOR, _PROCESSOR.replace("        },\n", "            'pad': {'multiple': size},\n        },\n"),
     "pkg/ops/m.py", "core-logic"),
    (_GETENV, _GETENV_PATCHED, "pkg/ops/m.py", "dependency-wiring"),
    (_GETENV, _GETENV_PATCHED.replace("os.getenv = current\n", "os.getenv = current\n    return current\n"),
     "pkg/ops/m.py", "core-logic"),
    (_RESTORING_TEST.split("\n\n\ndef test_guard")[0] + "\n",
     _RESTORING_TEST.replace("    try:\n", "    try:\n        import math\n\n"), "tests/test_sdpa.py",
     "test-coverage"),
    (_VERSION_PRINTED, _VERSION_PRINTED.replace("print('version={}'.format(__version__), flush=True)",
                                                "logger.info('version={}'.format(__version__))"),
     "pkg/ops/m.py", "core-logic"),
    (_LORA, _LORA_VOCAB, "pkg/ops/m.py", "data-contract"),
    (_LORA, _LORA_VOCAB.replace("(request, **kwargs)", "(request, kwargs)"), "pkg/ops/m.py", "core-logic"),
    (_GROUPS.format(extra=", merge=False"), _GROUPS.format(extra=""), "pkg/ops/m.py", "data-contract"),
    (_GROUPS.format(extra=", merge=False"),
     _GROUPS.format(extra="").replace("model(group)", "model(group, n)"), "pkg/ops/m.py", "core-logic"),
    (_ZIP.format(extra=""), _ZIP.format(extra=", strict=True"), "pkg/ops/m.py", "core-logic"),
    (_WORKER_OLD, _WORKER.format(imports="from vllm.outputs import Batch\n",
                                 batch="Union['AbstractBatch', Batch]", result="Optional[AbstractOutput]"),
     "pkg/ops/m.py", "data-contract"),
    (_WORKER_OLD, _WORKER.format(imports="", batch="AbstractBatch", result="AbstractOutput | None"),
     "pkg/ops/m.py", "core-logic"),
    (_CACHE.format(body=_CACHE_OLD), _CACHE.format(body=_CACHE_NEW), "pkg/ops/m.py", "data-contract"),
    (_CACHE.format(body=_CACHE_OLD), _CACHE.format(body=_CACHE_NEW.replace(
        ".to(device)\n            cache.value", ".to(device, True)\n            cache.value")),
     "pkg/ops/m.py", "core-logic"),
    (_KV.format(field="use_cache", rest=""), _KV.format(field="use_kv_cache", rest=""), "pkg/ops/m.py",
     "data-contract"),
    (_KV.format(field="use_cache", rest="    return model_args.use_cache\n"),
     _KV.format(field="use_kv_cache", rest="    return model_args.use_cache\n"), "pkg/ops/m.py",
     "core-logic"),
    (_RESUMED.format(value="req_data.resumed_from_preemption[i]", rest=""),
     _RESUMED.format(value="req_id in req_data.resumed_req_ids", rest=""), "pkg/ops/m.py", "data-contract"),
    (_RESUMED.format(value="req_data.resumed_from_preemption[i]", rest=_STILL_READ),
     _RESUMED.format(value="req_id in req_data.resumed_req_ids", rest=_STILL_READ), "pkg/ops/m.py",
     "core-logic"),
    (_LOG.format(method="warning_once"), _LOG.format(method="warning_rank0_once"), "pkg/ops/m.py",
     "core-logic"),
    (_KV.format(field="use_cache", rest=_READ_ALREADY), _KV.format(field="use_kv_cache", rest=_READ_ALREADY),
     "pkg/ops/m.py", "core-logic"),
    (_PACK.format(value="List[List[int]]", stages="'pt'"), _PACK.format(value="List[Any]", stages="'pt'"),
     "pkg/ops/m.py", "core-logic"),
    (_PACK.format(value="Any", stages="'pt'"), _PACK.format(value="Any", stages="'pt', 'kto'"),
     "pkg/ops/m.py", "core-logic"),
    (_CACHE.format(body=_CACHE_OLD), _CACHE.format(body=_CACHE_OLD + "        if hasattr(cache, 'layers'):\n"
                                                   "            cache.layers[idx].keys = None\n"),
     "pkg/ops/m.py", "core-logic"),
    (_ADAPT.format(extra=""), _ADAPT.format(extra=_AUTO_REGISTERED), "pkg/ops/m.py", "dependency-wiring"),
    (_AT_EXIT.format(extra=""), _AT_EXIT.format(extra="    atexit.register(close_store)\n"), "pkg/ops/m.py",
     "core-logic"),
    (_EXAMPLE.format(top=_TOP_IMPORT, inner=""), _EXAMPLE.format(top="", inner=_INNER_IMPORT),
     "examples/run_model.py", "dependency-wiring"),
    (_EXAMPLE.format(top=_TOP_IMPORT, inner=""),
     _EXAMPLE.format(top=_TOP_IMPORT, inner="    args.model = args.model.strip()\n"), "examples/run_model.py",
     "core-logic"),
    (_EXAMPLE.format(top=_TOP_IMPORT, inner=""),
     _EXAMPLE.format(top=_TOP_IMPORT + "from trl.core import set_seed\n", inner="    set_seed(args.seed)\n"),
     "examples/run_model.py", "dependency-wiring"),
    (_TOKENIZER.format(imports="import sentencepiece as spm", check=""),
     _TOKENIZER.format(imports=_SPM_GUARDED, check=_SPM_MISSING + "            raise ModuleNotFoundError(\n"
                       "                'pip install sentencepiece'\n            )\n\n"),
     "pkg/ops/m.py", "dependency-wiring"),
    (_TOKENIZER.format(imports="import sentencepiece as spm", check=""),
     _TOKENIZER.format(imports=_SPM_GUARDED, check=_SPM_MISSING + "            self.fast = False\n\n"),
     "pkg/ops/m.py", "core-logic"),
    (_FLASH_GUARDED_TOGETHER, _FLASH_GUARDED_APART, "pkg/ops/attn.py", "dependency-wiring"),
    (_FLASH_GUARDED_TOGETHER,
     _FLASH_GUARDED_APART.replace("raise sink_error", "raise sink_error\n        q = q * 2"),
     "pkg/ops/attn.py", "core-logic"),
    (_ACCELERATOR, _ACCELERATOR.replace("is_accelerate_available():", _NEWER).replace(
        "available\n\n", "available\nfrom pkg.utils import check_if_transformers_greater\n\n"),
     "pkg/ops/m.py", "dependency-wiring"),
    (_ACCELERATOR, _ACCELERATOR.replace("    if is_accelerate_available():", "    if " + _NEWER).replace(
        "available\n\n", "available\nfrom pkg.utils import check_if_transformers_greater\n\n"),
     "pkg/ops/m.py", "configuration"),
    (_KERNEL_CHOICE, _KERNEL_CHOICE.replace("use_v2=False", "use_v2=True"), "pkg/ops/m.py", "configuration"),
    (_KERNEL_CHOICE, _KERNEL_CHOICE.replace("use_v2=False", "use_v2=False, fast=True"), "pkg/ops/m.py",
     "data-contract"),
    (_KERNEL_CHOICE, _KERNEL_CHOICE.replace("use_v1: bool = True", "use_v1: Optional[bool] = None").replace(
        "    model = read(path)\n", "    model = read(path)\n" + _RESOLVED), "pkg/ops/m.py", "configuration"),
    (_KERNEL_CHOICE, _KERNEL_CHOICE.replace("use_v1: bool = True", "use_v1: Optional[bool] = None").replace(
        "    model = read(path)\n",
        "    model = read(path)\n" + _RESOLVED.replace("use_v1 = False", "model = None")),
     "pkg/ops/m.py", "core-logic"),
    (_KERNEL_CHOICE, _KERNEL_CHOICE.replace("use_v1: bool = True", "use_v1: str = 'v1'"), "pkg/ops/m.py",
     "core-logic"),
    (_KERNEL_CHOICE.replace("use_v2=False):", "\n    use_v2=False,\n):  "),
     _KERNEL_CHOICE.replace("use_v2=False):", "\n    use_v2=None,\n):").replace(
         "    model = read(path)\n",
         "    model = read(path)\n    if use_v2 is None:\n        use_v2 = not use_v1\n"),
     "pkg/ops/m.py", "configuration"),
    (_PROCESSORS, _PROCESSORS_PICKED, "pkg/ops/m.py", "data-contract"),
    (_PROCESSORS, _PROCESSORS_PICKED.replace("vllm.sample.init_procs(n)", "vllm.sample.make(n)"),
     "pkg/ops/m.py", "core-logic"),
    (_KV_CACHE, _KV_CACHE_ALWAYS, "pkg/ops/m.py", "configuration"),
    (_KV_CACHE, _KV_CACHE_ALWAYS.replace("use_fused = False\n", "use_fused = None\n"), "pkg/ops/m.py",
     "core-logic"),
    (_FORCED, _FORCED.replace("FORCE_DEVICE", "INC_TARGET_DEVICE"), "pkg/ops/m.py", "configuration"),
    (_FORCED, _FORCED.replace("FORCE_DEVICE", "INC_TARGET_DEVICE").replace("lower()", "upper()"),
     "pkg/ops/m.py", "core-logic"),
    (_AWQ, _AWQ_BACKEND, "pkg/ops/m.py", "configuration"),
    (_AWQ.replace("AwqConfig", "AwqLinear"), _AWQ_BACKEND.replace("AwqConfig", "AwqLinear"), "pkg/ops/m.py",
     "data-contract"),
    ("abc123\n", "def456\n", ".buildkite/vllm_lkg.version", "configuration"),
    ("echo abc\nrun\n", "echo abc\nbuild\n", ".buildkite/run.sh", "infrastructure"),
    (MATRIX, MATRIX.replace("0.13.0", "0.13.1").replace("0-13-0", "0-13-1"), "docker/build_matrix.yaml",
     "configuration"),
    (MATRIX, MATRIX.replace("0.13.0", "0.13.1") + "  CUDA: 12.1\n", "docker/build_matrix.yaml",
     "infrastructure"),
    ("steps:\n  - uses: actions/checkout@v3\n", "steps:\n  - uses: actions/checkout@v4\n",
     ".github/workflows/ci.yml", "infrastructure"),
    (_PLUGINS, _PLUGINS.replace("os.getenv('XLA_REGISTER_PLUGINS')",
                                "os.getenv('XLA_REGISTER_PLUGINS', '0' if has_cuda() else '1')"),
     "pkg/__init__.py", "configuration"),
    (_PLUGINS.replace("os.getenv", "read_flag"),
     _PLUGINS.replace("os.getenv('XLA_REGISTER_PLUGINS')", "read_flag('XLA_REGISTER_PLUGINS', has_cuda())"),
     "pkg/__init__.py", "data-contract"),
    (_TRAINER_DEFAULTS, _WARMUP_BY_VERSION, "pkg/rl.py", "configuration"),
    (_TRAINER_DEFAULTS.replace('"seed": 3407', '"seed": 42'), _WARMUP_BY_VERSION, "pkg/rl.py", "core-logic"),
    (_V1_REQUIRED, _V1_REQUIRED.replace(_V1_CHECK, "        if"), "pkg/platform.py", "configuration"),
    (_V1_REQUIRED.replace("os.getenv(\"USE_V1\", \"1\")", "config.use_v1"),
     _V1_REQUIRED.replace(_V1_CHECK, "        if"), "pkg/platform.py", "core-logic"),
    (_ALIASED, _ALIASED.replace(_AFTER_ALIASES, "\nsetattr(pkg.legacy, 'scaler', pkg.runtime.scaler)\n"
                                "sys.modules['pkg.legacy.scaler'] = pkg.runtime.scaler" + _AFTER_ALIASES),
     "pkg/__init__.py", "dependency-wiring"),
    (_ALIASED,
     _ALIASED.replace(_AFTER_ALIASES, "\nsetattr(pkg.legacy, 'scaler', make_scaler())" + _AFTER_ALIASES),
     "pkg/__init__.py", "core-logic"),
    (_ADDON_LOADED, _FMS_ADDON_LOADED, "pkg/loader.py", "dependency-wiring"),
    (_ADDON_LOADED, _FMS_ADDON_LOADED.replace("kind = 'gptq_aiu'", "kind = 'gptq'"), "pkg/loader.py",
     "core-logic"),
    ("import os\n\n\ndef run(x):\n    return x\n",
     "import os\nimport warnings\n\n\ndef run(x):\n    warnings.warn('run is deprecated')\n    return x\n",
     "pkg/loader.py", "core-logic"),
    (_PROBES, _PROBES_PILLOW, "pkg/utils/import_utils.py", "dependency-wiring"),
    (_PROBES,
     _PROBES_PILLOW.replace("        _pillow_available = False\n", "        IMAGE_BACKEND = 'cv2'\n"),
     "pkg/utils/import_utils.py", "core-logic"),
    (_INT8_PREPARED, _KBIT_PREPARED, "pkg/models.py", "dependency-wiring"),
    (_INT8_PREPARED,
     _KBIT_PREPARED.replace("        else:\n", "        else:\n            cfg.kbit = True\n"),
     "pkg/models.py", "core-logic"),
    (_PACKED_SAVE, _PACKED_SAVE.replace(_PACKED_TEST, _PRESENCE + _PACKED_TEST[11:]), "pkg/modules.py",
     "data-contract"),
    (_PACKED_SAVE, _PACKED_SAVE.replace(_PACKED_TEST, _PRESENCE + "self.weight.packed:\n"), "pkg/modules.py",
     "core-logic"),
    (_GATED_PROCESSOR, _GATED_PROCESSOR.replace("'4.57.4'", "'5.0.0.dev0'"), "pkg/pipelines/glm.py",
     "configuration"),
    (_GATED_PROCESSOR, _GATED_PROCESSOR.replace("'4.57.4'", "'5.0.0.dev0'").replace(
        "    from transformers import", "    from transformers.models.glm import"), "pkg/pipelines/glm.py",
     "dependency-wiring"),
    (_BNB_FLAGS, _BNB_FLAGS_PARSED, "pkg/quantization/bnb.py", "configuration"),
    (_BNB_FLAGS, _BNB_FLAGS_PARSED.replace(
        "    IS_8BIT = BNB_VERSION >= Version('0.37.2')\n",
        "    IS_8BIT = BNB_VERSION >= Version('0.37.2')\n    bnb.enable()\n"),
     "pkg/quantization/bnb.py", "core-logic"),
    (_OP_BUILT, _KERNEL_INITIALISED, "pkg/schemes/fp8.py", "data-contract"),
    (_OP_BUILT, _KERNEL_INITIALISED.replace("        self.linear = init", "        self.enabled = True\n"
                                                                       "        self.linear = init"),
     "pkg/schemes/fp8.py", "core-logic"),
    (_TUNER, _TUNER_BY_VERSION, "pkg/utils/libentry.py", "configuration"),
    (_TUNER, _TUNER_BY_VERSION.replace("major_version == 2 or (major_version == 3 and minor_version <= 1)",
                                       "fn.fast"), "pkg/utils/libentry.py", "core-logic"),
    (_PRIVATE_IMPORTED, _PRIVATE_COPIED, "pkg/ops/sort.py", "dependency-wiring"),
    (_PRIVATE_IMPORTED, _PRIVATE_COPIED.replace("num_bits, True)", "num_bits, False)"), "pkg/ops/sort.py",
     "core-logic"),
    (_POOLER_BUILT, _POOLER_PROBED, "pkg/runner.py", "data-contract"),
    (_POOLER_BUILT, _POOLER_PROBED.replace("Pooler.for_embed(", "build_pooler("), "pkg/runner.py",
     "core-logic"),
], ids=["local-copy-given-up", "copy-given-up-and-logic-changed", "module-getattr-imports",
        "module-getattr-computes", "forwarding-alias", "wrapper-that-computes",
        "headers-pushed-down-by-import-block", "pushed-down-and-body-changed",
        "imports-type-checked-with-type-variable-dropped", "imports-type-checked-with-setting-dropped",
        "skipif-over-several-lines-tests-guarded-import", "skipif-tests-something-else",
        "parameter-added-with-its-annotation-import", "availability-probe-changed",
        "other-function-changed-alike", "import-moved-behind-version-check-that-raises",
        "deprecated-module-api-replaced-through-new-import", "imported-name-wrapped-anew",
        "code-using-a-removed-import-removed",
        "version-gate-added", "version-gate-added-with-an-annotated-version",
        "code-added-inside-an-old-version-gate",
        "library-call-taken-from-another-imported-module",
        "statement-put-under-version-check", "statement-put-under-other-check",
        "early-return-for-fixed-versions-with-its-docstring", "early-return-on-a-setting",
        "config-field-added-with-its-docstring", "method-added-with-its-docstring",
        "test-follows-renamed-import", "test-assertion-changed",
        "documented-local-copy-given-up", "dependency-patched-for-new-versions",
        "module-attribute-set-on-a-setting", "field-added-with-its-typing-import",
        "version-check-dropped-with-its-import", "setting-check-dropped",
        "statements-taken-out-of-a-version-gate", "statements-taken-out-of-a-setting-check",
        "statements-each-put-under-a-version-check", "version-choices-kept-without-their-checks",
        "entry-written-with-another-value", "default-changed-as-the-check-went",
        "minimum-version-asserted-and-its-test-dropped", "test-dropped-with-another-condition",
        "version-picks-the-old-call-or-its-replacement", "setting-picks-the-old-call-or-another",
"test-skipped-where-a-package-is-missing", "test-importorskip",
        "skipped-on-another-error",
                "locals-bound-to-versions-pick-the-old-call-first", "locals-bound-to-other-values-pick",
        "versions-an-if-tests-rewritten", "version-test-rewritten-to-a-setting",
        "deprecated-call-replaced-by-another", "old-call-still-made-elsewhere",
        "test-skipped-with-a-standard-library-import", "test-put-on-the-import-path",
        "version-check-on-names-bound-from-a-version", "check-on-a-setting-beside-version-names",
        "import-only-to-check-its-version-removed", "import-used-beside-its-version-check-removed",
        "value-chosen-by-version-old-one-kept", "value-chosen-by-version-old-one-changed",
        "decorator-applied-from-a-version", "decorator-applied-in-another-mode",
        "stand-in-defined-for-a-failed-import", "helper-defined-beside-a-failed-import",
        "version-picks-the-new-setting-or-the-old-one", "setting-picks-the-new-setting-or-the-old-one",
        "version-picks-new-settings-or-the-old-ones-under-a-new-if", "old-settings-not-all-kept",
        "wrapper-passes-on-arguments-it-now-takes", "wrapper-passes-them-on-and-checks-otherwise",
        "keys-read-with-defaults", "default-of-a-key-read-changed",
        "value-chosen-by-version-through-a-name", "value-chosen-through-a-name-old-one-changed",
        "calls-routed-through-an-adapter-of-the-import", "calls-routed-through-another-function",
        "literal-entry-added-to-a-table-of-defaults", "computed-entry-added",
        "name-added-to-a-list", "entry-fixed-in-a-one-line-list",
        "list-kept-as-the-stand-in-for-its-import", "stand-in-list-extended-at-run-time",
        "function-patching-what-it-imports", "function-returning-what-it-imports",
        "test-restoring-what-it-imports",
        "import-probed-and-registered", "import-probed-and-something-built-from-it",
        "import-probed-and-acted-on", "import-set-up-beside-a-line-end-added",
        "import-chosen-by-version-and-set-up", "setting-chosen-by-version",
        "version-compared-as-versions-not-strings", "version-comparison-rewritten-and-branches-swapped",
        "imported-module-unwrapped-at-import", "imported-module-unwrapped-and-failure-reported",
        "attribute-read-through-an-accessor-named-for-it", "attribute-replaced-by-another-computation",
        "kernel-flag-turned-off-on-a-platform", "flag-turned-off-and-cache-emptied",
        "option-passed-on-to-a-call", "computed-value-passed-on-to-a-call",
        "keyword-chosen-by-version-out-of-a-dict-display", "entries-chosen-by-version-in-a-returned-dict",
        "version-check-dropped-its-new-branch-kept", "version-check-dropped-and-new-branch-changed",
        "version-range-narrowed-and-a-warning-logged", "version-range-narrowed-and-code-added",
        "forwarding-override-added", "override-added-that-computes",
        "attribute-read-falls-back-on-another-attribute", "attribute-read-falls-back-on-a-call",
        "imported-patch-given-an-option",
        "call-chosen-by-a-version-name-the-module-binds", "call-chosen-by-a-setting-the-module-binds",
        "old-call-kept-under-else-of-a-version-name", "old-call-changed-under-else",
        "default-read-from-the-environment", "default-changed-as-it-is-read-from-the-environment",
        "version-added-to-a-condition-and-its-message-reworded", "version-added-and-exception-changed",
        "one-flag-or-another-required", "list-of-modules-set-as-a-keyword-setting",
        "keyword-value-augmented", "keyword-value-made-from-its-old-one",
        "keyword-given-another-computed-value",
        "environment-variable-added-to-a-runtime-env", "string-entry-added-to-a-dict",
        "weight-reached-through-a-wrapper", "another-attribute-read",
        "wrapper-reached-where-the-old-path-is-still-read", "config-field-read-from-a-nested-config",
        "module-api-reorganised-calls-follow", "module-api-calls-follow-and-a-test-changed",
        "module-api-call-follows-without-its-argument",
        "call-moved-to-another-namespace-in-an-expression", "call-swapped-within-a-namespace",
        "own-attribute-read-through-a-config",
        "settings-dict-entry-removed", "entry-with-a-computed-setting-removed",
        "settings-dict-entry-added", "entry-with-a-computed-setting-added",
        "function-patching-a-module-the-module-imports", "function-patching-and-returning",
        "test-restoring-in-finally-what-it-imports",
        "message-naming-the-version-logged-instead-of-printed",
        "keyword-entries-of-a-call-set-by-attribute", "entries-of-a-dict-passed-whole",
        "keyword-dropped-from-a-loop-header", "loop-header-and-body-changed", "built-in-given-a-keyword",
        "parameter-annotated-with-one-more-type", "annotations-spelled-otherwise",
        "attribute-layout-probed-old-kept-under-else", "attribute-layout-probed-old-changed",
        "field-renamed-throughout", "field-renamed-where-the-old-one-is-still-read",
        "field-replaced-by-another-of-the-same-object", "field-replaced-but-still-read",
        "method-renamed-on-an-object", "field-the-file-read-before-read-instead",
        "built-in-types-of-an-annotation-changed", "literal-values-added-to-an-annotation",
        "attribute-probed-with-nothing-kept-under-else",
        "model-registered-with-an-imported-registry", "exit-handler-registered-with-the-standard-library",
        "example-imports-moved-into-main", "example-logic-changed", "example-calls-what-it-imports-anew",
        "import-guarded-and-its-absence-refused", "import-guarded-and-its-absence-worked-around",
        "imports-guarded-apart-each-error-raised-where-used", "imports-guarded-apart-and-code-added",
        "import-and-its-use-gated-on-a-version", "use-alone-gated-on-a-version",
        "parameter-default-changed", "parameter-added", "default-made-none-and-resolved-in-the-body",
        "default-made-none-and-other-state-set", "parameter-retyped-with-its-default",
        "default-changed-where-a-header-spans-lines",
        "adapter-reaches-the-name-no-longer-imported", "function-added-beside-a-dropped-import",
        "version-test-dropped-and-its-message-reworded", "version-test-dropped-and-the-branch-changed",
        "environment-variable-renamed", "environment-variable-renamed-and-code-changed",
        "option-added-to-a-class-of-options", "parameter-added-to-another-class",
        "commit-pinned-in-a-version-file", "word-changed-in-a-ci-script",
        "versions-bumped-through-a-build-matrix", "versions-bumped-and-an-entry-added",
        "ci-action-bumped", "environment-variable-given-a-default", "other-call-given-an-argument",
        "setting-moved-under-a-version-read-in-a-try", "setting-gated-and-another-removed",
        "check-of-an-environment-variable-dropped", "check-of-a-configuration-field-dropped",
        "module-aliased-under-its-old-name", "module-attribute-set-to-what-a-call-makes",
        "add-on-imported-from-its-new-package-and-the-log-says-so",
        "add-on-imported-anew-and-its-kind-changed",
        "warning-added-elsewhere-than-the-import", "package-probed-and-refined-by-its-metadata",
        "package-probed-and-a-setting-chosen", "renamed-function-imported-under-else-and-followed",
        "renamed-function-imported-under-else-beside-code", "attribute-looked-up-before-the-test-reads-it",
        "attribute-looked-up-and-the-test-changed", "version-an-import-is-gated-on-raised-to-a-dev-release",
        "version-raised-and-the-import-moved", "flags-set-from-versions-compared-as-versions",
        "flags-set-from-versions-and-a-call-added", "class-a-dependency-dropped-replaced-by-its-factory",
        "factory-taken-and-a-flag-set", "defaults-filled-in-for-old-versions-only",
        "defaults-filled-in-on-another-test", "private-helper-of-a-dependency-copied-under-a-public-name",
        "helper-copied-and-its-caller-changed", "imported-class-probed-for-its-old-factory",
        "imported-class-probed-and-something-else-built"])
def test_adaptations_and_their_near_misses(old: str, new: str, path: str, expected: str) -> None:
    """Each shape of adaptation, and a change that looks like it but alters what code does."""
    assert _change_type(old, new, path) == expected


_TYPE_MAP = ("import torch\n\nfrom pkg.utils import is_torch_version\n\nTYPES = {{\n    \"i8\": torch.int8,\n"
           "{unsigned}    \"f16\": torch.float16,\n}}\n{gated}")


@pytest.mark.parametrize(("gated", "expected"), [
    ("\nif is_torch_version(\">=\", \"2.4.0\"):\n    TYPES.update({{\"u16\": torch.uint16}})\n",
     "configuration"),
    # near miss: the entry given another value on the way
    ("\nif is_torch_version(\">=\", \"2.4.0\"):\n    TYPES.update({{\"u16\": torch.int32}})\n", "core-logic"),
], ids=["entry-moved-under-a-version-check", "entry-moved-and-changed"])
def test_a_mapping_entry_added_only_for_versions_that_have_it_is_configuration(gated: str,
                                                                               expected: str) -> None:
    old = _TYPE_MAP.format(unsigned="    \"u16\": torch.uint16,\n", gated="")
    assert _change_type(old, _TYPE_MAP.format(unsigned="", gated=gated)) == expected


_PER_MODULE = ("class {config}(BaseConfig):\n    \"\"\"A config per module name.\"\"\"\n\n"
               "    def __init__(self, table):\n        self.table = table\n\n\n"
               "def quantize(model, config):\n    if isinstance(config, {config}):\n"
               "        return {handler}(model, config)\n    return model\n\n\n"
               "def {handler}(model, config: {config}):\n    for name, module in model.named_modules():\n"
               "        chosen = config.table.get(name)\n        if chosen is not None:\n"
               "            apply(module, chosen)\n{extra}    return model\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "data-contract"),
    # near miss: the helper renamed with the class also does more
    ("    log(model)\n", "core-logic"),
], ids=["class-renamed-with-its-helper", "helper-renamed-and-changed"])
def test_a_public_class_renamed_with_the_helpers_that_name_it_is_a_contract(extra: str,
                                                                            expected: str) -> None:
    old = _PER_MODULE.format(config="PerModuleConfig", handler="_per_module_handler", extra="")
    new = _PER_MODULE.format(config="FqnToConfig", handler="_fqn_to_config_handler", extra=extra)
    assert _change_type(old, new) == expected


_VERSION_FLAG = ("import torch\nfrom packaging import version\n\n__all__ = [\n    \"compute_error\",\n"
                 "    \"TORCH_VERSION_AFTER_{flag}\",\n]\n\n\n"
                 "def compute_error(x, y):\n    return (x - y).norm()\n\n\n"
                 "if version.parse(torch.__version__) >= version.parse(\"{version}\"):\n"
                 "    TORCH_VERSION_AFTER_{flag} = True\nelse:\n    TORCH_VERSION_AFTER_{flag} = False\n")


@pytest.mark.parametrize(("flag", "version", "expected"), [
    ("2_3", "2.3.0.dev", "configuration"),
    # near miss: the flag renamed, the version it checks kept
    ("2_3", "2.4.0.dev", "dependency-wiring"),
], ids=["version-lowered-and-its-flag-renamed", "flag-renamed-alone"])
def test_a_version_check_lowered_with_the_flag_that_names_it_is_configuration(flag: str, version: str,
                                                                              expected: str) -> None:
    old = _VERSION_FLAG.format(flag="2_4", version="2.4.0.dev")
    assert _change_type(old, _VERSION_FLAG.format(flag=flag, version=version), "pkg/utils.py") == expected


_SKIPPED_BY_FLAG = ("import unittest\n\nfrom pkg.utils import TORCH_VERSION_AFTER_{flag}\n\n\n"
                    "class TestInt4(unittest.TestCase):\n"
                    "    @unittest.skipIf(not TORCH_VERSION_AFTER_{flag}, \"int4 requires torch nightly.\")\n"
                    "{extra}"
                    "    def test_int4(self):\n        self.assertTrue(run_int4())\n\n"
                    "    @unittest.skipIf(not TORCH_VERSION_AFTER_{flag}, \"int4 requires torch nightly.\")\n"
                    "    def test_int4_grouped(self):\n        self.assertTrue(run_int4(group=32))\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("    @unittest.skip(\"flaky test\")\n", "test-coverage"),
    # near miss: the renamed flag followed, nothing else
    ("", "dependency-wiring"),
], ids=["flag-followed-and-a-test-skipped", "flag-followed-alone"])
def test_a_test_skipped_beside_a_renamed_version_flag_changes_coverage(extra: str, expected: str) -> None:
    old = _SKIPPED_BY_FLAG.format(flag="2_4", extra="")
    new = _SKIPPED_BY_FLAG.format(flag="2_3", extra=extra)
    assert _change_type(old, new, "tests/test_int4.py") == expected


_CAST = ("import torch\n\n\ndef {name}(inp, fp8_type):\n    scale = 448.0 / inp.abs().max()\n"
         "    scale_inv = 1.0 / scale\n    ret = (scale * inp.float()).to(fp8_type)\n"
         "    return ret, {returned}\n")


@pytest.mark.parametrize(("name", "returned", "expected"), [
    ("cast_to_fp8", "torch.unsqueeze(scale_inv, dim=0)", "data-contract"),
    ("cast_to_fp8", "scale_inv.view(1, -1)", "data-contract"),
    # near misses: the value computed otherwise; a private function's result
    ("cast_to_fp8", "scale_inv * 2", "core-logic"),
    ("_cast_to_fp8", "torch.unsqueeze(scale_inv, dim=0)", "core-logic"),
], ids=["unsqueezed", "viewed", "computed-otherwise", "private-function"])
def test_a_public_function_returning_a_value_reshaped_is_a_contract(name: str, returned: str,
                                                                    expected: str) -> None:
    old = _CAST.format(name=name, returned="scale_inv")
    assert _change_type(old, _CAST.format(name=name, returned=returned)) == expected


_BACKEND = ("class AttentionBackend:\n    @staticmethod\n    def get_name():\n        return \"ascend\"\n"
            "{method}")
_SIZES = "\n    @staticmethod\n    def {name}():\n        return [128]\n"
_HYBRID_RUNNER = ("class ModelRunner:\n    def allocate(self, backend, spec):\n"
           "        if hasattr(backend, \"{name}\") and self.hybrid:\n"
           "            block_size = backend.{name}()[0]\n            return spec.block_size // block_size\n"
           "        return spec.block_size\n")


@pytest.mark.parametrize(("called", "added", "expected"), [
    ("get_kernel_block_sizes", "get_kernel_block_sizes", "data-contract"),
    # near misses: the caller and the other backend go to a method the change did not rename
    ("get_default_block_sizes", "get_default_block_sizes", "core-logic"),
], ids=["callers-and-a-backend-follow-the-rename", "another-method-called-and-added"])
def test_code_following_a_method_renamed_elsewhere_in_the_change_is_a_contract(called: str, added: str,
                                                                               expected: str) -> None:
    facts = _facts(
        _diff("pkg/attention/base.py", _BACKEND.format(method=_SIZES.format(name="get_block_size")),
              _BACKEND.format(method=_SIZES.format(name="get_kernel_block_sizes"))),
        _diff("pkg/attention/mla.py", _BACKEND.format(method=""),
              _BACKEND.format(method=_SIZES.format(name=added))),
        _diff("pkg/worker/runner.py", _HYBRID_RUNNER.format(name="get_block_size"),
              _HYBRID_RUNNER.format(name=called)))
    assert [f.change_type for f in facts.files[1:]] == [expected, expected]


_PATCHED = ("from unittest.mock import MagicMock, patch\n\nfrom pkg.config.container import Container\n\n\n"
            "@patch(\"{target}\")\ndef test_from_yaml(mock_conf):\n    mock_conf.create.return_value = {{}}\n"
            "    assert Container.from_yaml(\"c.yaml\") is not None\n")


@pytest.mark.parametrize(("target", "expected"), [
    ("omegaconf.OmegaConf", "dependency-wiring"),
    # near miss: another name patched
    ("pkg.config.container.yaml", "test-coverage"),
], ids=["same-name-patched-where-it-is-now-imported", "another-name-patched"])
def test_a_mock_patched_where_its_name_is_now_imported_follows_the_import(target: str, expected: str) -> None:
    old = _PATCHED.format(target="pkg.config.container.OmegaConf")
    assert _change_type(old, _PATCHED.format(target=target), "tests/test_container.py") == expected


_EAGER_VOCAB = ("import os\n\nfrom transformers.models.gpt2 import bytes_to_unicode\n\n"
                "byte_encoder = bytes_to_unicode()\n\n\n"
                "def token_bytes_to_string(b):\n"
                "    return \"\".join([byte_encoder[ord(c)] for c in b.decode(\"latin-1\")])\n\n\n"
                "def generate_vocab(encoder, ranks):\n    vocab = {}\n    for token, rank in ranks.items():\n"
                "        vocab[token_bytes_to_string(token)] = rank\n    return vocab\n")
_LAZY_VOCAB = ("import os\n\n\ndef generate_vocab(encoder, ranks):\n"
               "    from transformers.models.gpt2 import bytes_to_unicode\n\n"
               "    byte_encoder = bytes_to_unicode()\n\n"
               "    def token_bytes_to_string(b):\n"
               "        return \"\".join([byte_encoder[ord(c)] for c in b.decode(\"{codec}\")])\n\n"
               "    vocab = {{}}\n    for token, rank in ranks.items():\n"
               "        vocab[token_bytes_to_string(token)] = rank\n    return vocab\n")


@pytest.mark.parametrize(("codec", "expected"), [
    ("latin-1", "dependency-wiring"),
    # near miss: the helper changed on its way in
    ("utf-8", "core-logic"),
], ids=["helpers-moved-in-with-the-import", "helper-moved-and-changed"])
def test_module_code_moved_into_the_function_that_now_imports_what_it_needs_follows_the_import(
        codec: str, expected: str) -> None:
    assert _change_type(_EAGER_VOCAB, _LAZY_VOCAB.format(codec=codec)) == expected


_TILING = ("from pkg.utils import check_shared_mem\n\n\ndef chunk_bwd(q, k, v):\n    BT = 64\n{choice}"
           "    BK = min(k.shape[-1], CONST_TILING)\n    return launch(q, k, v, BT, BK)\n")
_TILING_BY_GPU = ("    if check_shared_mem(\"hopper\", k.device.index):\n        CONST_TILING = 128\n"
                  "    elif check_shared_mem(\"ada\", k.device.index):\n        CONST_TILING = 64\n"
                  "    else:\n        CONST_TILING = 32\n")


@pytest.mark.parametrize(("choice", "expected"), [
    (_TILING_BY_GPU, "configuration"),
    # near miss: a branch also does something
    (_TILING_BY_GPU + "        warn_small_tiles()\n", "core-logic"),
], ids=["tiles-chosen-by-shared-memory", "a-branch-also-calls"])
def test_kernel_tiles_chosen_anew_by_the_hardware_are_configuration(choice: str, expected: str) -> None:
    old = _TILING.format(choice="    CONST_TILING = 64 if check_shared_mem() else 32\n")
    assert _change_type(old, _TILING.format(choice=choice)) == expected


_CACHE_KWARGS = ("from pkg.utils.helpers import {imports}\n\n\n"
                 "{decorator}def get_cache_kwargs(module, default=None):\n"
                 "    \"\"\"The kwargs a cache takes.\"\"\"\n    kwargs = dict(default or {{}})\n"
                 "    kwargs.update(module.cache_args)\n    return kwargs\n\n\n"
                 "def get_cache_init_kwargs(module):\n    return get_cache_kwargs(module)\n")


@pytest.mark.parametrize(("imports", "decorator", "expected"), [
    ("deprecated, patch_attr", "@deprecated(\"pkg.offload.get_cache_init_kwargs\")\n", "data-contract"),
    # near miss: another decorator
    ("cached, patch_attr", "@cached\n", "core-logic"),
], ids=["marked-deprecated", "decorated-otherwise"])
def test_a_public_function_marked_deprecated_is_a_contract(imports: str, decorator: str,
                                                           expected: str) -> None:
    old = _CACHE_KWARGS.format(imports="patch_attr", decorator="")
    assert _change_type(old, _CACHE_KWARGS.format(imports=imports, decorator=decorator)) == expected


_PVWATTS = ("import numpy as np\n{imports}\n\n"
            "{decorator}def pvwatts_dc(effective_irradiance, temp_cell, pdc0):\n"
            "    \"\"\"DC power.\"\"\"\n    return np.maximum(effective_irradiance * pdc0 / 1000, 0)\n")


@pytest.mark.parametrize(("imports", "decorator", "expected"), [
    ("from pkg._deprecation import renamed_kwarg_warning\n",
     "@renamed_kwarg_warning(\n    \"0.13.0\", \"g_poa_effective\", \"effective_irradiance\")\n",
     "data-contract"),
    # near miss: a decorator that renames what the function returns says nothing of its parameters
    ("from pkg.frames import renamed_columns\n", "@renamed_columns(\n    {\"p\": \"power\"})\n",
     "dependency-wiring"),
], ids=["renamed-keyword-warning-removed", "other-decorator-removed"])
def test_a_decorator_warning_of_a_renamed_parameter_removed_is_a_contract(imports: str, decorator: str,
                                                                          expected: str) -> None:
    old = _PVWATTS.format(imports=imports, decorator=decorator)
    assert _change_type(old, _PVWATTS.format(imports="", decorator="")) == expected


_GHI = ("from pkg._deprecation import deprecated\n\n\n"
        "def {name}(surface_tilt, poa_global):\n    \"\"\"Estimate GHI from POA.\"\"\"\n"
        "    ratio = poa_global / max(surface_tilt, 1)\n    estimate = ratio * 0.9\n"
        "    return estimate + 1\n{alias}")


@pytest.mark.parametrize(("prefix", "expected"), [
    ("", "data-contract"),
    # near miss: a private function, which no caller outside is told anything of
    ("_", "core-logic"),
], ids=["public", "private"])
def test_a_function_renamed_with_its_old_name_a_deprecated_alias_is_a_contract(prefix: str,
                                                                               expected: str) -> None:
    alias = (f"\n\n{prefix}ghi_2023 = deprecated(since=\"0.15\", name=\"ghi_2023\", "
             f"alternative=\"ghi_2024\")({prefix}ghi_2024)\n")
    old = _GHI.format(name=f"{prefix}ghi_2023", alias="")
    assert _change_type(old, _GHI.format(name=f"{prefix}ghi_2024", alias=alias)) == expected


_EPW = ("from pkg._deprecation import deprecated\n\n\n"
        "def read_epw(filename):\n    with open(filename) as data:\n        return {parse}(data)\n\n\n"
        "def {parse}(data):\n    {rows} = [line.split(',') for line in data]\n    meta = {rows}.pop(0)\n"
        "    table = [row[4:] for row in {rows}]\n    return table, meta\n{alias}")


@pytest.mark.parametrize(("private", "expected"), [
    ("_parse_epw", "data-contract"),
    # near miss: the private function is mostly new code, not the public one's under a new name
    ("_parse_rows", "core-logic"),
], ids=["made-private-behind-deprecated-alias", "new-code-behind-it"])
def test_a_function_made_private_behind_a_deprecated_alias_is_a_contract(private: str, expected: str) -> None:
    old = _EPW.format(parse="parse_epw", alias="", rows="rows")
    alias = ("\n\nparse_epw = deprecated(since=\"0.13.0\", name=\"parse_epw\", "
             "alternative=\"read_epw\")(read_epw)\n")
    new = _EPW.format(parse=private, alias=alias, rows="rows") if private == "_parse_epw" else _EPW.format(
        parse=private, alias=alias, rows="records").replace(
        "    return table, meta\n", "    for row in table:\n        row.reverse()\n"
        + "".join(f"        row.append(meta[{n}])\n" for n in range(12)) + "    return table, meta\n")
    assert _change_type(old, new) == expected


_MULTINOMIAL = ("from pkg.distributions.util import {imported}\n\n\nclass Multinomial:\n"
            "    def sample(self, key, size=()):\n"
            "        return {called}(key, {first}, {second}, shape=size + self.batch_shape)\n")


@pytest.mark.parametrize(("imported", "called", "expected"), [
    ("multinomial", "multinomial", "data-contract"),
    # near miss: the same function, imported as it was, given its arguments the other way round
    ("multinomial_rvs", "multinomial_rvs", "core-logic"),
], ids=["callee-imported-anew", "callee-as-it-was"])
def test_calls_of_a_function_imported_anew_given_their_arguments_reordered_are_a_contract(
        imported: str, called: str, expected: str) -> None:
    old = _MULTINOMIAL.format(imported="multinomial_rvs", called="multinomial_rvs", first="self.total_count",
                          second="self.probs")
    new = _MULTINOMIAL.format(imported=imported, called=called, first="self.probs", second="self.total_count")
    assert _change_type(old, new) == expected


_MARKED_TESTS = ("import rasterio\n{imports}\n\n{mark}def test_blocks(path):\n"
                 "    with rasterio.open(path) as src:\n{check}        assert src.block_shapes\n")


@pytest.mark.parametrize(("mark", "check", "expected"), [
    ("@requires_gdal2\n", "", "test-coverage"),
    # near miss: what goes with the import is a line of the test's code, not a mark on it
    ("", "        requires_gdal2(src)\n", "dependency-wiring"),
], ids=["skip-mark-dropped", "a-call-dropped"])
def test_a_test_that_drops_the_marks_it_imported_covers_more(mark: str, check: str, expected: str) -> None:
    old = _MARKED_TESTS.format(imports="\nfrom .conftest import requires_gdal2\n", mark=mark, check=check)
    new = _MARKED_TESTS.format(imports="", mark="", check="")
    assert _change_type(old, new, path="tests/test_blocks.py") == expected


_LINTED_FIXTURE = "import torchvision.transforms.v2\n\ntorchvision.transforms.v2.ToTensor\n{defined}"


@pytest.mark.parametrize(("path", "defined", "expected"), [
    ("tests/fixtures/vision/checker/to_tensor.py", "", "test-coverage"),
    # near misses: a fixture module that runs (it defines a function), and a test module
    ("tests/fixtures/vision/checker/to_tensor.py", "\n\ndef make():\n    return 1\n", "dependency-wiring"),
    ("tests/vision/test_to_tensor.py", "", "dependency-wiring"),
], ids=["code-to-lint", "fixture-defining-a-function", "test-module"])
def test_an_import_added_to_code_a_test_hands_the_product_is_a_case(path: str, defined: str,
                                                                    expected: str) -> None:
    """torchfix #4641 adds `from torchvision.transforms.v2 import *` to a file its tests lint."""
    old = _LINTED_FIXTURE.format(defined=defined)
    new = old.replace("\n\ntorchvision", "\nfrom torchvision.transforms.v2 import *\n\ntorchvision", 1)
    assert _change_type(old, new, path=path) == expected


_MODEL_CARD = ("import transformers.models as hf_models\nfrom .mlp import MLPModel\n{imports}\n"
               "type_to_module_mapping = {{\n    hf_models.gpt2.GPT2Model: gpt2_mapping,\n{entry}"
               "    MLPModel: mlp_mapping,\n}}\n{registered}")
_GUARDED_BLIP = ("\nenable_blip = True\ntry:\n    from .blip.modelings_blip import BlipWrapper\n"
                 "except:\n    print('Failed to import blip model, skipping.')\n    enable_blip = False\n")


@pytest.mark.parametrize(("registered", "expected"), [
    ("if enable_blip:\n    type_to_module_mapping[BlipWrapper] = blip_mapping\n", "dependency-wiring"),
    # near miss: what runs under the flag does more than use what was imported
    ("if enable_blip:\n    type_to_module_mapping[BlipWrapper] = blip_mapping\n    warm_up_blip()\n",
     "core-logic"),
], ids=["registered-under-the-flag", "more-under-the-flag"])
def test_what_uses_an_import_put_under_the_flag_its_guard_sets_is_wiring(registered: str,
                                                                         expected: str) -> None:
    """pyvene #180: the BLIP wrappers are imported in a `try` that sets `enable_blip`, and
    registered under `if enable_blip:` instead of in the dict."""
    old = _MODEL_CARD.format(imports="from .blip.modelings_blip import BlipWrapper\n",
                             entry="    BlipWrapper: blip_mapping,\n", registered="")
    new = _MODEL_CARD.format(imports=_GUARDED_BLIP, entry="", registered=registered)
    assert _change_type(old, new, path="pyvene/models/intervenable_modelcard.py") == expected


_TRAIN_CONFIG = ("from typing_extensions import TypedDict\n\n\nclass TrainConfig(TypedDict{total}):\n"
                 "    epsilon: float\n{added}    logprob_calculation_chunk_size: int\n")


@pytest.mark.parametrize(("total", "expected"), [
    (", total=False", "configuration"),
    # near miss: every key of the dict must be given
    ("", "data-contract"),
], ids=["keys-optional", "keys-required"])
def test_a_key_a_typed_dict_of_optional_settings_gains_is_configuration(total: str, expected: str) -> None:
    """ART #132: `TrainConfig(TypedDict, total=False)` gains `epsilon_high: float | None`."""
    old = _TRAIN_CONFIG.format(total=total, added="")
    new = _TRAIN_CONFIG.format(total=total, added="    epsilon_high: float | None\n")
    assert _change_type(old, new, path="src/art/dev/train.py") == expected


_COST = ("{imports}from litellm import completion_cost\n\n\ndef cost_of(model, content):\n    try:\n"
         "        cost = completion_cost(model=model, completion=content)\n    except Exception:\n"
         "        log('no cost')\n{handler}    return cost\n")


@pytest.mark.parametrize(("imports", "handler", "expected"), [
    ("", "", "core-logic"),
    # near miss: the value was bound there before, reached through the module's other name
    ("import numpy\n", "        cost = numpy.nan\n", "dependency-wiring"),
], ids=["value-bound-anew", "value-reached-otherwise"])
def test_a_function_binding_anew_a_value_of_a_module_imported_anew_computes_otherwise(
        imports: str, handler: str, expected: str) -> None:
    """RD-Agent #912: the cost left unbound when it cannot be computed is NaN, numpy imported for it."""
    old = _COST.format(imports=imports, handler=handler)
    new = _COST.format(imports="import numpy as np\n", handler="        cost = np.nan\n")
    assert _change_type(old, new, path="rdagent/oai/backend/litellm.py") == expected


_BACKWARD_MODE = ("from enum import Enum\n\n\nclass BackwardMode(Enum):\n    UNROLL = 0\n"
                  "    IMPLICIT = 1\n{member}\n    @staticmethod\n    def resolve(key):\n"
                  "        if isinstance(key, BackwardMode):\n{shim}            return key\n"
                  "        return BackwardMode[key.upper()]\n")
_FULL_SHIM = "            if key == BackwardMode.FULL:\n                return BackwardMode.UNROLL\n"


@pytest.mark.parametrize(("member", "expected"), [
    ("", "data-contract"),
    # near miss: the member stays; what it resolves to changes
    ("    FULL = -1\n", "core-logic"),
], ids=["member-removed", "member-kept"])
def test_an_enumeration_losing_a_member_is_a_data_contract_change(member: str, expected: str) -> None:
    """theseus #332 removes the deprecated `BackwardMode.FULL` and the branch that mapped it."""
    old = _BACKWARD_MODE.format(member="    FULL = -1\n", shim=_FULL_SHIM)
    new = _BACKWARD_MODE.format(member=member, shim="")
    assert _change_type(old, new, path="theseus/optimizer/nonlinear/nonlinear_optimizer.py") == expected


_HELPERS_PACKAGE = ("from .record_storage import (\n    RecordStorage,\n{imported}    is_live,\n)\n\n"
                    "{listed} = [\n    {first},\n    {second},\n{exported}]\n")


@pytest.mark.parametrize(("listed", "first", "second", "entry", "expected"), [
    ("__all__", '"RecordStorage"', '"is_live"', '    "check_pydantic_v2",\n', "dependency-wiring"),
    # near miss: a list the tests run over gains the new helper as a case
    ("CHECKS", "RecordStorage", "is_live", "    check_pydantic_v2,\n", "test-coverage"),
], ids=["exported", "listed-as-a-case"])
def test_a_package_of_test_helpers_exporting_a_new_one_is_wiring(listed: str, first: str, second: str,
                                                               entry: str, expected: str) -> None:
    """promptflow #2185: `recording_utilities/__init__.py` imports and exports `check_pydantic_v2`,
    which `record_storage.py` adds."""
    def helpers(imported: str, exported: str) -> str:
        return _HELPERS_PACKAGE.format(imported=imported, listed=listed, first=first, second=second,
                                       exported=exported)
    storage = "def is_live():\n    return True\n"
    facts = _facts(_diff("tests/recording_utilities/__init__.py", helpers("", ""),
                         helpers("    check_pydantic_v2,\n", entry)),
                   _diff("tests/recording_utilities/record_storage.py", storage,
                         storage + "\n\ndef check_pydantic_v2():\n    return True\n"))
    assert facts.files[0].change_type == expected


_PY2_MODULE = ("{future}import param\n\n\nclass Plot({base}):\n    def __dir__(self):\n"
               "        return sorted({dirs})\n\n    def describe(self, n, v):\n        return {text}\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("f'{n}={v}'", "dependency-wiring"),
    # near miss: the text the method returns is another one, not the same one spelled anew
    ("f'{n}: {v}'", "core-logic"),
], ids=["respelled-as-newer-python", "text-changed"])
def test_code_spelled_as_newer_python_beside_an_import_dropped_is_the_import(text: str,
                                                                             expected: str) -> None:
    old = _PY2_MODULE.format(future="from __future__ import absolute_import\n\n", base="object",
                             dirs="[k for k in super(Plot, self).__dir__()]", text="'%s=%s' % (n, v)")
    new = _PY2_MODULE.format(future="", base="", dirs="k for k in super().__dir__()", text=text)
    assert _change_type(old, new.replace("class Plot():", "class Plot:")) == expected


_ORCA = ("{typing}from ase.calculators.orca import ORCA\n{sella}\n\n"
         "def write_inputs(atoms, vertical=0, scf_max_iter: {annotation} = None):\n"
         "    return ORCA(atoms, vertical, scf_max_iter)\n")
_SELLA_IMPORTED = "from sella import Sella\n"
_SELLA_PROBED = "\ntry:\n    from sella import Sella\nexcept ImportError:\n    Sella = None\n"


@pytest.mark.parametrize(("annotation", "expected"), [
    ("Optional[int]", "dependency-wiring"),
    ("int | None", "dependency-wiring"),
    # near miss: the parameter takes another type
    ("Optional[float]", "core-logic"),
], ids=["optional-spelled-out", "union-with-none", "another-type"])
def test_a_none_default_annotated_optional_beside_an_import_probed_is_the_import(annotation: str,
                                                                                  expected: str) -> None:
    """`scf_MaxIter: int = None` became `Optional[int] = None` as the import of sella was
    made optional: the parameter took None all along; type checkers want it said."""
    old = _ORCA.format(typing="", sella=_SELLA_IMPORTED, annotation="int")
    new = _ORCA.format(typing="from typing import Optional\n", sella=_SELLA_PROBED, annotation=annotation)
    assert _change_type(old, new, path="omol/orca/calc.py") == expected


_PATCHER = "def patch(library, {params}logo=False):\n    return library, extension, logo\n"


@pytest.mark.parametrize(("params", "call", "expected"), [
    ("name='holoplot', extension=None, ", "patch('dask', 'bokeh')", "data-contract"),
    # the parameter the call now names stays where it was: the call names what it passed, as
    # its callee's interface changed
    ("extension=None, name='holoplot', ", "patch('dask', 'bokeh')", "data-contract"),
    # near miss: the call is given anew what the parameter, where it was, sets
    ("extension=None, name='holoplot', ", "patch('dask')", "configuration"),
], ids=["parameter-inserted-before", "parameter-added-after", "option-given-anew"])
def test_a_call_naming_what_it_passed_follows_its_callee(params: str, call: str,
                                                        expected: str) -> None:
    library = _diff("holoplot/__init__.py", _PATCHER.format(params="extension=None, "),
                    _PATCHER.format(params=params))
    caller = _diff("holoplot/dask.py", f"from . import patch\n\n{call}\n",
                   "from . import patch\n\npatch('dask', extension='bokeh')\n")
    assert _facts(library, caller).files[1].change_type == expected


_CRS_INIT = ("{imports}from pyproj._crs import _CRS\n\n\n"
             "class CRS(_CRS):\n    def __init__(self, projparams):\n"
             "        if isinstance(projparams, {kind}):\n            projparams = _prepare(projparams)\n"
             "        super().__init__(projparams)\n")


@pytest.mark.parametrize(("kind", "expected"), [
    ("str", "dependency-wiring"),
    # near miss: what the test now reads is the instance's own class, not a built-in
    ("type(self)", "core-logic"),
], ids=["built-in-in-its-place", "other-class-in-its-place"])
def test_a_built_in_in_the_place_of_a_name_no_longer_imported_follows_the_import(kind: str,
                                                                                 expected: str) -> None:
    old = _CRS_INIT.format(imports="from pyproj.compat import string_types\n", kind="string_types")
    assert _change_type(old, _CRS_INIT.format(imports="", kind=kind)) == expected


_REDSHIFT = ("from pkg.decorators import deprecated, validated\n\n\nclass Spectrum:\n    @property\n"
             "    def redshift(self):\n        return self._redshift\n\n    @redshift.setter\n{decorator}"
             "    def redshift(self, val):\n        self.shift_spectrum_to(redshift=val)\n")


@pytest.mark.parametrize(("decorator", "expected"), [
    ("    @deprecated('1.8.0', alternative='shift_spectrum_to')\n", "data-contract"),
    # near miss: the setter gains a decorator that checks its value
    ("    @validated\n", "core-logic"),
], ids=["setter-marked-deprecated", "setter-validated"])
def test_a_property_setter_marked_deprecated_is_a_contract(decorator: str, expected: str) -> None:
    old = _REDSHIFT.format(decorator="")
    assert _change_type(old, _REDSHIFT.format(decorator=decorator)) == expected


_QUANTITY_MODEL = ("import numpy as np\nfrom astropy import units as u\n\n{flag}\n\nclass QuantityModel:\n"
                   "    def __call__(self, *args):\n        result = self.model(*args)\n"
                   "        return u.Quantity(result, self.return_units, copy={copy})\n")


@pytest.mark.parametrize(("flag", "expected"), [
    ("_COPY_IF_NEEDED = False if np.__version__.startswith(\"1.\") else None\n", "configuration"),
    # near miss: the value passed now is read from the environment, not chosen by a version
    ("_COPY_IF_NEEDED = os.environ.get(\"COPY\") == \"1\"\n", "core-logic"),
], ids=["chosen-by-version", "read-from-environment"])
def test_a_literal_passed_replaced_by_a_value_chosen_by_version_is_configuration(flag: str,
                                                                                 expected: str) -> None:
    old = _QUANTITY_MODEL.format(flag="", copy="False")
    assert _change_type(old, _QUANTITY_MODEL.format(flag=flag, copy="_COPY_IF_NEEDED")) == expected


_BYTE_TOKENIZER = ("import tensorflow as tf\n{imports}\nfrom pkg.utils import {helper}\n\n\n"
                   "class ByteTokenizer:\n"
                   "    def __init__(self, vocab):\n{check}        self.vocab = vocab\n\n"
                   "    def tokenize(self, text):\n        return tf_text.regex_split(text, self.vocab)\n")
_TF_TEXT_GUARDED = "try:\n    import tensorflow_text as tf_text\nexcept ImportError:\n    tf_text = None\n"


@pytest.mark.parametrize(("helper", "expected"), [
    ("assert_tf_text_installed", "dependency-wiring"),
    # near miss: what the constructor now calls checks its input, not that a package is there
    ("validate_vocabulary", "core-logic"),
], ids=["package-demanded", "input-checked"])
def test_an_import_guarded_with_a_call_demanding_the_package_where_used_is_wiring(helper: str,
                                                                                  expected: str) -> None:
    old = _BYTE_TOKENIZER.format(imports="import tensorflow_text as tf_text\n", helper=helper, check="")
    new = _BYTE_TOKENIZER.format(imports=_TF_TEXT_GUARDED, helper=helper,
                            check=f"        {helper}(self.__class__.__name__)\n")
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("assert_tf_text_installed", "dependency-wiring"),
    # near miss: a function of the module's own work added beside the guard
    ("detokenize_all", "core-logic"),
], ids=["demanding-function", "other-function"])
def test_a_function_demanding_an_optional_package_beside_its_guard_is_wiring(name: str,
                                                                            expected: str) -> None:
    old = "import tensorflow as tf\n\n\ndef tensor_to_list(inputs):\n    return inputs.numpy().tolist()\n"
    new = old.replace("import tensorflow as tf\n", "import tensorflow as tf\n\n" + _TF_TEXT_GUARDED) + (
        f"\n\ndef {name}(symbol_name):\n    if tf_text is None:\n"
        "        raise ImportError(f\"{symbol_name} requires tensorflow-text\")\n")
    assert _change_type(old, new) == expected


_KV_HOOK = ("def calibrate_kv_cache_input_hook(module, args, kwargs):\n"
            "    kv_cache = getattr(module, \"kv_cache\")\n    kwargs[\"{key}\"] = {value}\n"
            "    kwargs[\"use_cache\"] = False\n    return args, kwargs\n")


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("past_key_values", "kv_cache", "data-contract"),
    # near miss: the same keyword given another value
    ("past_key_value", "kv_cache.clone()", "core-logic"),
], ids=["keyword-renamed", "value-changed"])
def test_a_keyword_argument_set_under_another_name_is_a_contract(key: str, value: str, expected: str) -> None:
    old = _KV_HOOK.format(key="past_key_value", value="kv_cache")
    assert _change_type(old, _KV_HOOK.format(key=key, value=value)) == expected


def test_a_module_renamed_unchanged_follows_its_importers(tmp_path: Path) -> None:
    """Renaming a module changes only where it is imported from: dependency-wiring. A renamed
    module whose code changed, and a renamed test, are judged by what changed in them."""
    functions = "".join(f"def f{n}(x):\n    return x + {n}\n\n\n" for n in range(12))
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"pkg/router/sglang_router.py": functions, "pkg/edit.py": functions,
                            "tests/test_a.py": "def test_a():\n    assert 1\n"})
    builder.git("mv", "pkg/router/sglang_router.py", "pkg/router/inner_sglang_router.py")
    builder.git("mv", "pkg/edit.py", "pkg/edited.py")
    builder.git("mv", "tests/test_a.py", "tests/test_b.py")
    builder.write("pkg/edited.py", functions.replace("x + 3", "x * 3"))
    repo = GitRepo(builder.root)
    facts = analyze(repo.read_change(repo.meta(builder.commit("rename (#2)"))), AnalysisConfig())
    kinds = {file.path: (file.status, file.change_type) for file in facts.files}
    assert kinds == {"pkg/router/inner_sglang_router.py": ("renamed", "dependency-wiring"),
                     "pkg/edited.py": ("renamed", "core-logic"),
                     "tests/test_b.py": ("renamed", "test-coverage")}


def test_a_header_renamed_unchanged_follows_its_includers(tmp_path: Path) -> None:
    """A C++ header or a kernel source moved to another folder unchanged changes where it is
    included from; a moved one whose code changed is judged by what changed."""
    kernel = "".join(f"template <typename T>\nT f{n}(T x) {{\n  return x + {n};\n}}\n\n" for n in range(12))
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"kernels/gather_axis.h": kernel, "kernels/scatter.cu": kernel,
                            "kernels/indexing/indexing.h": kernel})
    builder.git("mv", "kernels/gather_axis.h", "kernels/indexing/gather_axis.h")
    builder.git("mv", "kernels/scatter.cu", "kernels/indexing/scatter.cu")
    builder.write("kernels/indexing/scatter.cu", kernel.replace("x + 3", "x * 3"))
    repo = GitRepo(builder.root)
    facts = analyze(repo.read_change(repo.meta(builder.commit("move (#2)"))), AnalysisConfig())
    kinds = {file.path: (file.status, file.change_type) for file in facts.files}
    assert kinds == {"kernels/indexing/gather_axis.h": ("renamed", "dependency-wiring"),
                     "kernels/indexing/scatter.cu": ("renamed", "core-logic")}


_BINDING_CALL = (
    "import torch\n\n\ndef attend(q, k, scale):\n    out = torch.empty_like(q)\n"
    "{before}    ops.attention(\n        {q},\n        {k},\n        scale={scale},\n    )\n    return out\n"
)


def _binding_call(before: str = "", q: str = "q", k: str = "k", scale: str = "scale") -> str:
    return _BINDING_CALL.format(before=before, q=q, k=k, scale=scale)


@pytest.mark.parametrize(("new", "expected"), [
    (_binding_call(q='q.contiguous() if q.device.type == "xpu" else q', k="k.contiguous()"), "data-contract"),
    (_binding_call(before="    q = q.int()\n    k = k.to(torch.int32)\n"), "data-contract"),
    (_binding_call(q="q.contiguous()", scale="scale * 2"), "core-logic"),
    (_binding_call(before="    q = q.int()\n    total = q.sum()\n"), "core-logic"),
    (_binding_call(before="    q_ids = q.int()\n"), "core-logic"),
    (_binding_call(q="q.float() * 2"), "core-logic"),
    (_binding_call().replace("return out\n", "return out.contiguous()\n"), "data-contract"),
    (_binding_call().replace("return out\n", "return out.float() * 2\n"), "core-logic"),
    (_binding_call().replace("return out\n", "return out.numpy().astype(int)\n").replace(
        "    out = torch", "    out = np.asarray(q)\n    out = torch"), "core-logic"),
    (_binding_call().replace("return out\n", "return out.astype(int)\n"), "data-contract"),
], ids=["arguments-converted-for-a-backend", "ids-cast-in-place", "converted-beside-another-argument",
        "cast-beside-other-code", "converted-into-a-new-name", "converted-for-arithmetic",
        "result-made-contiguous", "result-converted-for-arithmetic", "result-converted-beside-other-code",
        "result-given-another-dtype"])
def test_data_converted_before_it_is_passed_on_is_a_data_contract_change(new: str, expected: str) -> None:
    assert _change_type(_binding_call(), new) == expected


_SOS = ("import torch\nimport torch.nn.functional as F\n\n\nclass GPT2(torch.nn.Module):\n"
        "    def forward(self, x, h):\n        batch = x.size(1)\n"
        "        sos = torch.ones(1, batch, self.dim, device=x.device) * self.sos\n"
        "        probs = F.softmax(h, dim=-1)\n        return torch.cat([sos, probs], axis=0)\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("device=x.device)", "device=x.device, dtype=x.dtype)", "core-logic"),
    # near miss: a library function that is handed data, not one that makes it, given a dtype
    ("dim=-1)", "dim=-1, dtype=torch.float32)", "data-contract"),
], ids=["dtype-given", "softmax-given-a-dtype"])
def test_arrays_the_code_makes_in_another_type_are_no_interface(old: str, new: str, expected: str) -> None:
    """`torch.ones(1, batch, dim, device=x.device)` became `torch.ones(..., dtype=x.dtype)`: the
    code makes its own tensor in the type it needs (FP16 runs); no library changed a signature."""
    assert _change_type(_SOS, _SOS.replace(old, new), "pkg/models/gpt2.py") == expected


_LOADER_PARAMS = ("def loader(dataset, bs):\n    set_seed(0)\n{params}"
                  "    return DataLoader(dataset, **params)\n")
_PARAMS_ON_ONE_LINE = '    params = {"batch_size": bs, "shuffle": True, "collate_fn": dataset.collate}\n'
_PARAMS_SPREAD = ('    params = {{\n        "batch_size": {size},\n        "shuffle": False,\n'
                  '        "collate_fn": dataset.{collate},\n    }}\n')


@pytest.mark.parametrize(("new", "expected"), [
    (_PARAMS_SPREAD.format(size="bs", collate="collate"), "configuration"),
    (_PARAMS_ON_ONE_LINE.replace("True", "False"), "configuration"),
    (_PARAMS_SPREAD.format(size="bs", collate="pad"), "core-logic"),
    (_PARAMS_SPREAD.format(size="bs * 2", collate="collate"), "core-logic"),
], ids=["setting-changed-and-dict-spread-over-lines", "setting-changed-in-a-one-line-dict",
        "setting-and-another-entry-changed", "setting-and-a-computed-entry-changed"])
def test_a_setting_changed_in_a_dict_however_laid_out_is_configuration(new: str, expected: str) -> None:
    old = _LOADER_PARAMS.format(params=_PARAMS_ON_ONE_LINE)
    assert _change_type(old, _LOADER_PARAMS.format(params=new)) == expected


_RESULTS_DIR = ("import pathlib\n\nimport torch\n{imports}\nruns = [1, 2]\n{stamp}"
                "output_dir = pathlib.Path({where})\noutput_dir.mkdir(exist_ok=True)\n")


@pytest.mark.parametrize(("imports", "stamp", "where", "expected"), [
    ("import datetime\n", 'today = datetime.date.today().strftime("%Y%m%d")\n',
     'f"results_attention_{today}"', "configuration"),
    ("from flag_bench.paths import RESULTS\n", "", "RESULTS", "dependency-wiring"),
    ("import flag_bench\n", "today = flag_bench.stamp()\n", 'f"results_attention_{today}"',
     "dependency-wiring"),
], ids=["path-dated-with-the-standard-library", "path-now-an-imported-constant",
        "path-dated-by-an-imported-package"])
def test_a_setting_computed_with_a_standard_module_imported_for_it_is_configuration(
        imports: str, stamp: str, where: str, expected: str) -> None:
    old = _RESULTS_DIR.format(imports="", stamp="", where='"results_attention"')
    new = _RESULTS_DIR.format(imports=imports, stamp=stamp, where=where)
    assert _change_type(old, new, "benchmark/attention_benchmark.py") == expected


_STEPS = "".join(f"        y{i} = x * {i}\n" for i in range(12))
_COMMS = ("import torch\n\n\nclass {cls}(torch.autograd.Function):\n    @staticmethod\n"
          "    def forward(ctx, x):\n{steps}        return x\n{helper}")
_COMMS_HELPER = "\n\ndef reduce_region(x):\n    return _Reduce.apply(x)\n"
_CALLER = "from pkg.comms import {name}\n\n\ndef run(x):\n    return {call}(x)\n"


@pytest.mark.parametrize(("caller_old", "caller_new", "expected"), [
    (_CALLER.format(name="reduce_region", call="reduce_region"),
     _CALLER.format(name="Reduce", call="Reduce.apply"), "data-contract"),
    # near misses: the other file stops using what this one took away, importing nothing in
    # its place; the other file never imported it
    (_CALLER.format(name="reduce_region", call="reduce_region"), "def run(x):\n    return x\n", "core-logic"),
    ("from pkg.comms import other\n\n\ndef run(x):\n    return other(x)\n",
     "from pkg.comms import other\n\n\ndef run(x):\n    return other(x) + 1\n", "core-logic"),
], ids=["removed-helper-replaced-elsewhere", "removed-helper-dropped-elsewhere", "other-file-unrelated"])
def test_a_public_function_removed_that_other_files_stop_importing_is_a_contract_change(
        caller_old: str, caller_new: str, expected: str) -> None:
    old = _COMMS.format(cls="_Reduce", steps=_STEPS, helper=_COMMS_HELPER)
    new = _COMMS.format(cls="Reduce", steps=_STEPS.replace("x *", "x +"), helper="")
    facts = _facts(_diff("pkg/comms.py", old, new), _diff("pkg/linear.py", caller_old, caller_new))
    assert facts.files[0].change_type == expected


def test_a_function_a_script_stops_defining_follows_no_interface() -> None:
    script = ("import sys\n\n\ndef {name}(argv):\n" + _STEPS.replace("x *", "len(argv) *")
              + "        return argv\n\n\nif __name__ == '__main__':\n    {name}(sys.argv)\n")
    old, new = script.format(name="main"), script.format(name="convert_checkpoint")
    caller = "from scripts.convert import {name}\n\n\ndef test_convert():\n    assert {name}([])\n"
    uses = _diff("pkg/convert_api.py", caller.format(name="main"), caller.format(name="convert_checkpoint"))
    facts = _facts(_diff("scripts/convert.py", old, new), uses)
    assert facts.files[0].change_type == "core-logic"


_MANAGER = ("class Manager:\n    def __init__(self, tp, dp):\n{fields}        self.grid = build(tp, dp)\n"
            "        self.world = tp * dp\n\n    def __str__(self):\n        return f'TP({{self.{tp}}})'\n")
_READER = "import pkg.pgm as pgm\n\n\ndef split(x):\n    n = pgm.manager.{field}\n    return x // n{more}\n"


@pytest.mark.parametrize(("read_before", "read_now", "expected"), [
    ("tp_size", "tp_world_size", "data-contract"),
    # near miss: the other file reads something else than the fields this one stops setting
    ("world", "world", "core-logic"),
], ids=["fields-dropped-and-reads-follow", "reads-unrelated"])
def test_fields_an_object_stops_setting_that_other_files_stop_reading_are_a_contract_change(
        read_before: str, read_now: str, expected: str) -> None:
    old = _MANAGER.format(fields="        self.tp_size = tp\n        self.dp_size = dp\n", tp="tp_size")
    new = _MANAGER.format(fields="        self.tp_world_size = group_size(tp)\n", tp="tp_world_size")
    facts = _facts(_diff("pkg/pgm.py", old, new),
                   _diff("pkg/split.py", _READER.format(field=read_before, more=""),
                         _READER.format(field=read_now, more=" + 1")))
    assert facts.files[0].change_type == expected


_OPTIONS = ("class Compressor:\n    def adjust(self):\n"
            "        if self.compile and self.nvfp:\n            self.compile = False\n"
            "            logger.warning('compile off for nvfp')\n{added}\n    def run(self):\n"
            "        logger.warning_once('extension on')\n        return self.quantize()\n")
_SWITCH_OFF = ("        if self.compile and self.super_group is not None:\n            self.compile = False\n"
               "            logger.warning('compile off for super groups')\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_OPTIONS.format(added=_SWITCH_OFF), "configuration"),
    (_OPTIONS.format(added=_SWITCH_OFF).replace("logger.warning_once", "logger.info"), "configuration"),
    (_OPTIONS.format(added=_SWITCH_OFF.replace("self.compile = False\n",
                                               "self.compile = False\n            self.cache.clear()\n")),
     "core-logic"),
    (_OPTIONS.format(added=_SWITCH_OFF.replace("self.compile = False", "self.ready = False")), "core-logic"),
    (_OPTIONS.format(added=_SWITCH_OFF).replace("return self.quantize()", "return self.quantize(2)"),
     "core-logic"),
], ids=["option-switched-off-where-it-cannot-apply", "switched-off-and-a-message-changed",
        "switched-off-and-a-cache-cleared", "another-flag-set-than-tested",
        "switched-off-and-a-call-changed"])
def test_an_option_switched_off_where_it_cannot_apply_is_configuration(new: str, expected: str) -> None:
    assert _change_type(_OPTIONS.format(added=""), new) == expected


_MESSAGE = ("from pydantic import BaseModel\n\n\nclass Message({base}):\n    content: {content}\n"
            "    role: str = '{role}'\n{extra}\n    def to_dict(self):\n"
            "        data = {{'role': self.role}}\n"
            "{more}        data['content'] = self.content\n        return data\n")


def _message(base: str = "BaseModel", content: str = "str", role: str = "user", extra: str = "",
             more: str = "") -> str:
    return _MESSAGE.format(base=base, content=content, role=role, extra=extra, more=more)


_TOOL_FIELD = "    tool_calls: list[dict] | None = None\n"
_TOOL_ENTRY = "        if self.tool_calls is not None:\n            data['tool_calls'] = self.tool_calls\n"


@pytest.mark.parametrize(("new", "expected"), [
    (_message(extra=_TOOL_FIELD, more=_TOOL_ENTRY), "data-contract"),
    (_message(content="str | None", more=_TOOL_ENTRY), "data-contract"),
    (_message(base="Serializer", extra=_TOOL_FIELD, more=_TOOL_ENTRY), "core-logic"),
    (_message(role="system", more=_TOOL_ENTRY), "core-logic"),
    (_message(extra=_TOOL_FIELD, more=_TOOL_ENTRY).replace("class Message", "class MessageConfig"),
     "core-logic"),
    (_message(content="list[str]", more=_TOOL_ENTRY).replace("class Message", "class MessageConfig"),
     "data-contract"),
    (_message(content="Body", more=_TOOL_ENTRY), "core-logic"),
    (_message(content="Literal['a', 'b', 'c']", more=_TOOL_ENTRY)
     .replace("class Message", "class MessageConfig"), "core-logic"),
], ids=["data-model-field-added-and-used", "data-model-field-type-changed", "plain-class-annotation-added",
        "data-model-default-changed", "options-class-field-added", "options-class-field-retyped",
        "data-model-field-type-named-otherwise", "options-class-literal-value-added"])
def test_fields_of_a_data_model_are_its_contract(new: str, expected: str) -> None:
    old = _message(base="Serializer") if "Serializer" in new else _message()
    if "MessageConfig" in new:
        old = old.replace("class Message", "class MessageConfig")
    if "content: Body" in new:
        old = old.replace("content: str", "content: Content")
    if "Literal" in new:
        old = old.replace("content: str", "content: Literal['a', 'b']")
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("pkg/finetune_config.py", "configuration"),
    ("pkg/config.py", "configuration"),
    ("pkg/acceleration_configs/odm.py", "configuration"),
    ("pkg/messages.py", "data-contract"),
    ("pkg/data/odm.py", "data-contract"),
], ids=["settings-module", "config-module", "package-of-settings", "near-miss-module-of-messages",
        "near-miss-package-of-data"])
def test_a_field_added_to_a_section_of_a_module_of_settings_is_configuration(path: str,
                                                                            expected: str) -> None:
    """Of a module or a package of settings."""
    old = "from pydantic import BaseModel\n\n\nclass General(BaseModel):\n    base_model: str\n" \
          "    output_dir: str\n"
    new = old.replace("    output_dir", "    gaudi_config_name: Optional[str] = None\n    output_dir")
    assert _change_type(old, new, path) == expected


@pytest.mark.parametrize(("new", "expected"), [
    (_message(base="Serializer", content="list[str]"), "data-contract"),
    (_message(base="Serializer", extra=_TOOL_FIELD), "configuration"),
], ids=["attribute-retyped", "near-miss-attribute-added"])
def test_a_plain_class_that_retypes_an_attribute_changes_its_contract(new: str, expected: str) -> None:
    assert _change_type(_message(base="Serializer"), new) == expected


@pytest.mark.parametrize(("base", "old", "new"), [
    ("Serializer", "t.List[str]", "list[str]"),
    ("BaseModel", "Optional[str]", "str | None"),
    ("BaseModel", "Union[str, bytes]", "str | bytes"),
], ids=["typing-list-as-built-in", "optional-as-union", "union-as-operator"])
def test_a_type_spelled_otherwise_is_no_new_type(base: str, old: str, new: str) -> None:
    before = _message(base=base, content=old)
    assert _change_type(before, _message(base=base, content=new)) != "data-contract"
    # near miss: what the field holds changes
    assert _change_type(before, _message(base=base, content="int")) == "data-contract"


_COMMAND = ("import typer\n\napp = typer.Typer()\n\n\n@app.command()\ndef serve(\n    model: str,\n"
            "    port: int = 3000,\n{gained}) -> None:\n    bento = ensure_bento(model)\n"
            "    local_serve(bento, port=port{passed})\n")


@pytest.mark.parametrize(("default", "expected"), [
    ("typer.Option(\n        None,\n        '--env',\n        help='Variables to pass.',\n    )",
     "configuration"),
    ("None", "data-contract"),
], ids=["command-line-option", "near-miss-plain-parameter"])
def test_options_a_command_gains_and_passes_on_are_configuration(default: str, expected: str) -> None:
    old = _COMMAND.format(gained="", passed="")
    new = _COMMAND.format(gained=f"    env: Optional[list[str]] = {default},\n", passed=", cli_envs=env")
    assert _change_type(old, new) == expected


_LAUNCH = ("def serve(bento: BentoInfo, port: int = 3000) -> None:\n    prepare(bento)\n"
           "    cmd, env = serve_command(bento, port=port)\n    venv = ensure_venv(bento, env)\n"
           "    run_command(cmd, env=env, venv=venv)\n")


def test_a_header_laid_out_anew_weighs_only_what_it_gained() -> None:
    new = _LAUNCH.replace(
        "def serve(bento: BentoInfo, port: int = 3000) -> None:\n",
        "def serve(\n    bento: BentoInfo,\n    port: int = 3000,\n    cli_envs: list[str] | None = None,\n"
        ") -> None:\n").replace(
        "    venv = ensure_venv", "    if cli_envs:\n        for env_var in cli_envs:\n"
        "            key, value = env_var.split('=', 1)\n            env[key] = value\n"
        "    venv = ensure_venv")
    assert _change_type(_LAUNCH, new) == "core-logic"
    # near miss: the same header, with nothing done with what it gained but pass it on
    passed_on = _LAUNCH.replace(
        "def serve(bento: BentoInfo, port: int = 3000) -> None:\n",
        "def serve(\n    bento: BentoInfo,\n    port: int = 3000,\n    cli_envs: list[str] | None = None,\n"
        ") -> None:\n").replace("venv=venv)", "venv=venv, extra=cli_envs)")
    assert _change_type(_LAUNCH, passed_on) == "data-contract"


_FORWARD = ("def forward(self, images, use_cache):\n    if self.training:\n        self.steps += 1\n"
            "{added}    return self.model(images, use_cache=use_cache)\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("    if self.checkpointing and use_cache:\n        logger.warning_once('no cache')\n"
     "        use_cache = False\n", "configuration"),
    ("    if self.model.config.tp > 1:\n        self.model.config.tp = 1\n", "configuration"),
    ("    if images is not None and not any(images):\n        images = None\n", "core-logic"),
    ("    if self.communicator is not None:\n        self.communicator = None\n", "core-logic"),
    ("    if images and use_cache:\n        images = 'none'\n", "core-logic"),
    ("    if not use_cache:\n        from torch._dynamo import config as dynamo_config\n\n"
     "        dynamo_config.use_recursive_dict_tags_for_guards = False\n", "configuration"),
    ("    if not use_cache:\n        from torch._dynamo import reset, config as dynamo_config\n\n"
     "        dynamo_config.use_recursive_dict_tags_for_guards = False\n", "core-logic"),
], ids=["local-flag-switched-off", "configuration-field-set", "data-cleared", "state-cleared",
        "local-data-set-to-a-string", "configuration-imported-and-set", "more-imported-than-set"])
def test_options_overridden_in_some_case_and_data_reset(added: str, expected: str) -> None:
    assert _change_type(_FORWARD.format(added=""), _FORWARD.format(added=added)) == expected


_HELP_CHECK = ("import subprocess\n\n\ndef supports(flag):\n    result = subprocess.run(\n"
               "        ['server', '--help'],\n        capture_output=True,\n        timeout=30,\n    )\n"
               "    return flag in result.stdout\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_HELP_CHECK.replace("timeout=30,", "timeout=90,  # slow start-up"), "configuration"),
    (_HELP_CHECK.replace("capture_output=True", "capture_output=False"), "configuration"),
    (_HELP_CHECK.replace("timeout=30,", "timeout=90,").replace("'--help'", "'-h'"), "core-logic"),
    ("import subprocess\n\n\ndef supports(flag):\n    return scores.softmax(dim=0)\n", "core-logic"),
    (_HELP_CHECK.replace("    return", "    warnings.warn('slow', stacklevel=3)\n    return"), "core-logic"),
], ids=["keyword-number-changed", "keyword-bool-changed", "keyword-and-an-argument-changed",
        "dimension-keyword-changed", "message-keyword-changed"])
def test_numbers_and_bools_a_call_is_given_by_keyword_are_settings(new: str, expected: str) -> None:
    old = new.replace("dim=0", "dim=-1").replace("stacklevel=3", "stacklevel=2") \
        if "softmax" in new or "warn" in new else _HELP_CHECK
    assert _change_type(old, new) == expected



_TUNED = (
    "import triton\nimport triton.language as tl\n\n\n"
    "@triton.autotune(\n    configs=[triton.Config({}, num_warps=w) for w in [2, 4]],\n"
    "    key=['BT', 'BK'],\n)\n@triton.jit\n"
    "def _kernel(x_ptr, T: tl.constexpr, BT: tl.constexpr, BK: tl.constexpr):\n"
    "    offs = tl.arange(0, BT)\n    tl.store(x_ptr + offs, tl.load(x_ptr + offs) * 2)\n"
)


@pytest.mark.parametrize(("new", "expected"), [
    (_TUNED.replace("key=['BT', 'BK']", "key=['BT']"), "configuration"),
    (_TUNED.replace("@triton.jit\n", "@triton.jit(do_not_specialize=['T'])\n")
     .replace("x_ptr, T: tl.constexpr,", "x_ptr, T,"), "configuration"),
    (_TUNED.replace("[2, 4]]", "[2, 4, 8]]"), "configuration"),
    (_TUNED.replace("key=['BT', 'BK']", "key=['BT']").replace("* 2)", "* 3)"), "core-logic"),
    (_TUNED.replace("x_ptr, T: tl.constexpr,", "x_ptr, n,"), "core-logic"),
], ids=["autotune-key-changed", "parameter-no-longer-specialised", "configs-widened",
        "tuned-and-computes-otherwise", "parameter-renamed"])
def test_how_a_kernel_is_compiled_and_tuned_is_configuration(new: str, expected: str) -> None:
    assert _change_type(_TUNED, new) == expected


_BUCKETED = (
    "import math\nimport triton\nimport triton.language as tl\n\n\n"
    "@triton.autotune(\n    configs=[triton.Config({}, num_warps=w) for w in [2, 4]],\n"
    "    key=['M', 'N'],\n)\n@triton.jit\n"
    "def _kernel(\n    x_ptr,\n    M,\n    N,\n    BLOCK: tl.constexpr,\n):\n"
    "    offs = tl.arange(0, BLOCK)\n    tl.store(x_ptr + offs, tl.load(x_ptr + offs) * 2)\n"
)
_HEURISTIC = "@triton.heuristics(values={'CLOSEST_M': lambda args: 2 ** math.ceil(math.log2(args['M']))})\n"


def _bucketed(heuristic: str, times: str) -> str:
    return _BUCKETED.replace("@triton.autotune(", heuristic + "@triton.autotune(") \
        .replace("key=['M', 'N']", "key=['CLOSEST_M', 'N']") \
        .replace("    BLOCK: tl.constexpr,\n", "    CLOSEST_M: tl.constexpr,\n    BLOCK: tl.constexpr,\n") \
        .replace("* 2)", f"* {times})")


@pytest.mark.parametrize(("new", "expected"), [
    (_bucketed(_HEURISTIC, "2"), "configuration"),
    (_bucketed(_HEURISTIC, "CLOSEST_M"), "core-logic"),
    (_bucketed("", "2"), "core-logic"),
], ids=["tuned-by-a-supplied-bucket", "the-kernel-reads-what-is-supplied", "a-parameter-the-caller-passes"])
def test_a_parameter_a_heuristic_supplies_for_the_autotune_key_alone_is_tuning(new: str,
                                                                               expected: str) -> None:
    assert _change_type(_BUCKETED, new) == expected


_WARPS = "from pkg.utils import IS_HOPPER\n\nNUM_WARPS = [2, 4] if IS_HOPPER else [2, 4, 8]\n\n\n" \
    "def run(x):\n    return launch(x, NUM_WARPS)\n"


@pytest.mark.parametrize(("new", "expected"), [
    (_WARPS.replace("IS_HOPPER\n", "IS_HOPPER, IS_INTEL\n").replace(
        "NUM_WARPS = [2, 4] if IS_HOPPER else [2, 4, 8]\n",
        "if IS_HOPPER:\n    NUM_WARPS = [2, 4]\nelif IS_INTEL:\n    NUM_WARPS = [2, 4, 8, 16]\n"
        "else:\n    NUM_WARPS = [2, 4, 8]\n"), "configuration"),
    (_WARPS.replace("NUM_WARPS = [2, 4] if IS_HOPPER else [2, 4, 8]\n",
                    "NUM_WARPS = [2, 4] if IS_HOPPER else [2, 4, 8]\nif IS_HOPPER:\n    NUM_WARPS += [16]\n"),
     "configuration"),
    (_WARPS.replace("IS_HOPPER\n", "IS_HOPPER, pick_warps\n").replace(
        "[2, 4] if IS_HOPPER else [2, 4, 8]", "pick_warps(IS_HOPPER)"), "dependency-wiring"),
    (_WARPS.replace("NUM_WARPS = [2, 4] if IS_HOPPER else [2, 4, 8]\n",
                    "if IS_HOPPER:\n    NUM_WARPS = [2, 4]\n    register(NUM_WARPS)\nelse:\n"
                    "    NUM_WARPS = [2, 4, 8]\n"), "core-logic"),
    (_WARPS.replace("IS_HOPPER\n", "IS_HOPPER, is_amd\n")
     .replace("= [2, 4] if IS_HOPPER", "= [2] if is_amd else [2, 4] if IS_HOPPER"), "configuration"),
], ids=["chosen-by-a-platform-flag-imported", "extended-on-a-platform", "made-by-a-function-imported",
        "a-branch-also-calls", "chosen-by-a-flag-named-in-lower-case"])
def test_settings_chosen_by_a_platform_flag_are_configuration(new: str, expected: str) -> None:
    assert _change_type(_WARPS, new) == expected


_CHECK = ("def check_environments():\n    required = version.parse('3.2.0')\n"
          "    if version.parse(triton.__version__) < required:\n"
          "        logger.warning('Triton is below the recommended 3.2.0 version.')\n")


_BLOCKS = "def blocks(n):\n    size = min(32, n)\n    return size\n"
_BANNER = ('UI_STRINGS = {\n    "en": {\n        "banner_link": "Click here",\n'
           '        "banner_suffix": "to view docs for the latest stable release (v0.18.0).",\n    },\n}\n')
_HPU_DEEPSPEED = ('_HPU_DEEPSPEED_AVAILABLE = (\n    # pip install git+https://github.com/HabanaAI/DeepSpeed.git@1.15.0\n'
                  '    RequirementCache("deepspeed==0.12.4+hpu.synapse.v1.15.0")\n)\n\n\n'
                  'class HPUDeepSpeedStrategy:\n    def __init__(self):\n'
                  '        if not _HPU_DEEPSPEED_AVAILABLE:\n            raise MisconfigurationException(\n'
                  '                "Install it with `pip install git+https://github.com/HabanaAI/DeepSpeed.git@1.15.0`."\n'
                  '            )\n        self.stage = 2\n')


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_CHECK, _CHECK.replace("3.2.0", "3.3.0"), "configuration"),
    (_CHECK, _CHECK.replace("'3.2.0'", "'3.3'"), "configuration"),
    (_HPU_DEEPSPEED, _HPU_DEEPSPEED.replace("v1.15.0", "v1.15.1").replace("@1.15.0", "@1.15.1"),
     "configuration"),
    (_BLOCKS, _BLOCKS.replace("32", "64"), "core-logic"),
    (_CHECK, _CHECK.replace("def check_environments():\n", "def check_environments():\n    x = 1\n")
     .replace("3.2.0", "3.3.0"), "core-logic"),
], ids=["version-raised-with-its-message", "version-shortened", "local-version-with-its-v-raised",
        "a-number-not-a-version", "a-statement-added-too"])
def test_a_version_a_check_asks_for_raised_is_configuration(old: str, new: str, expected: str) -> None:
    assert _change_type(old, new) == expected


def test_a_release_a_sentence_of_the_documentation_names_is_no_version_a_check_asks_for() -> None:
    new = _BANNER.replace("v0.18.0", "v0.23.0")
    assert _change_type(_BANNER, new, path="docs/hooks/macros_main.py") == "docs"


_TRAINING_EXAMPLE = ("def validate(pipeline, args):\n    with torch.autocast('cuda'):\n"
                     "        return pipeline(args)\n\n\n"
                     "def main(args):\n    pipeline = load(args)\n    return validate(pipeline, args)\n")


@pytest.mark.parametrize(("new", "path", "status", "expected"), [
    (_TRAINING_EXAMPLE.replace("'cuda'", "device.type"), "examples/sdxl/train.py", "modified", "core-logic"),
    (_TRAINING_EXAMPLE.replace("pipeline, args)", "pipeline, args, autocast=True)"), "examples/sdxl/train.py",
     "modified", "core-logic"),
    (_TRAINING_EXAMPLE.replace("'cuda'", "device.type"), "examples/sdxl/train.py", "added", "docs"),
    (_TRAINING_EXAMPLE.replace("'cuda'", "device.type"), "docs/source/conf.py", "modified", "docs"),
    (_TRAINING_EXAMPLE.replace("    pipeline = load", "    # load it\n    pipeline = load"),
     "examples/sdxl/train.py", "modified", "docs"),
    (_TRAINING_EXAMPLE.replace("'cuda'", "device.type"), "scripts/sdxl_example.py", "modified", "core-logic"),
], ids=["example-does-otherwise", "example-function-takes-more", "example-added",
        "documentation-build-script", "example-comment", "script-named-an-example"])
def test_an_example_script_is_judged_as_code(new: str, path: str, status: str, expected: str) -> None:
    old = None if status == "added" else _TRAINING_EXAMPLE
    assert _change_type(old, new, path=path, status=status) == expected


_QUANTIZER = ("class {name}:\n    def __init__(self, config):\n        self.config = config\n\n"
              "    def preprocess(self, model):\n        return model\n")
_STATE_DICT_HOOKS = (
    "    def update_state_dict(self, state_dict):\n        return state_dict\n\n"
    "    def state_dict_and_metadata(self, state_dict, safe=False):\n        return state_dict, {}\n\n"
    "    @property\n    def supports_parallel_loading(self):\n        return True\n")


@pytest.mark.parametrize(("name", "added", "expected"), [
    ("BaseQuantizer", _STATE_DICT_HOOKS, "data-contract"),
    ("Quantizer(ABC)", _STATE_DICT_HOOKS, "data-contract"),
    ("BaseQuantizer", "    def convert(self, model):\n        \"\"\"Subclasses convert the model.\"\"\"\n"
     "        raise NotImplementedError\n", "data-contract"),
    ("Quantizer", _STATE_DICT_HOOKS, "core-logic"),
    ("BaseQuantizer", "    def update_state_dict(self, state_dict):\n"
     "        return {k: v.cpu() for k, v in state_dict.items()}\n\n"
     "    def state_dict_and_metadata(self, state_dict, safe=False):\n"
     "        return self.flatten(state_dict), {}\n", "core-logic"),
], ids=["hooks-of-a-base-class", "hooks-of-an-abstract-class", "hook-to-implement",
        "hooks-of-a-class-not-a-base", "methods-doing-work"])
def test_methods_added_for_subclasses_to_override_are_a_data_contract(name: str, added: str,
                                                                      expected: str) -> None:
    old = _QUANTIZER.format(name=name)
    assert _change_type(old, old + "\n" + added) == expected


def test_a_function_bound_under_an_availability_flag_is_not_a_setting() -> None:
    old = "from pkg import HAS_VLLM, vllm_ops\n\nscaled_quant = vllm_ops.scaled_fp8_quant\n"
    new = "from pkg import HAS_VLLM, vllm_ops\n\nif HAS_VLLM:\n    scaled_quant = vllm_ops.scaled_fp8_quant\n"
    assert _change_type(old, new) == "dependency-wiring"
    limit = "from pkg import IS_HOPPER\n\nLIMIT = [2]\n"
    chosen = limit.replace("LIMIT = [2]", "if IS_HOPPER:\n    LIMIT = [4]")
    assert _change_type(limit, chosen) == "configuration"


@pytest.mark.parametrize(("old", "expected"), [
    (_binding_call(k="k.to(q.dtype)"), "data-contract"),
    (_binding_call().replace("return out\n", "return out.contiguous()\n"), "data-contract"),
    (_binding_call(k="k.to(q.dtype) * 2"), "core-logic"),
], ids=["argument-no-longer-cast", "result-no-longer-made-contiguous", "arithmetic-dropped"])
def test_data_no_longer_converted_before_it_is_passed_on_is_a_data_contract_change(old: str,
                                                                                  expected: str) -> None:
    assert _change_type(old, _binding_call()) == expected


_EMBEDDING = ("import math\n\nfrom pkg.platform import DEVICE{platform}\n{probe}\n\n"
              "def embed(t, dim):\n{fast}    half = dim // 2\n    return math.exp(t) * half\n")
_FAST_PATH = "    if HAS_FAST_EMBED:\n        return fast_embed(t, dim)\n"
_EMBED_PROBE = ("\ntry:\n    from sgl_kernel import timestep_embedding as fast_embed\n\n"
                "    HAS_FAST_EMBED = PLATFORM == 'cuda'\nexcept ImportError:\n    HAS_FAST_EMBED = False\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_EMBEDDING.format(platform=", PLATFORM", probe=_EMBED_PROBE, fast=_FAST_PATH), "dependency-wiring"),
    (_EMBEDDING.format(platform=", PLATFORM", probe=_EMBED_PROBE.replace("PLATFORM == 'cuda'", "probe()"),
                       fast=_FAST_PATH), "core-logic"),
    (_EMBEDDING.format(platform="", probe="\nHAS_FAST_EMBED = DEVICE == 'cuda'\n",
                       fast=_FAST_PATH.replace("fast_embed(t, dim)", "t * dim")), "core-logic"),
], ids=["fast-path-where-an-optional-kernel-imports", "flag-computed-by-a-call", "flag-not-set-by-an-import"])
def test_a_path_taken_where_an_optional_kernel_imports_is_dependency_wiring(new: str, expected: str) -> None:
    assert _change_type(_EMBEDDING.format(platform="", probe="", fast=""), new) == expected


_PRUNE = ("{future}import os\n\n\n@cached\ndef prune(output_dir{a}, total_limit{b}){r}:\n"
          "    if total_limit is None:\n        return\n    os.remove(output_dir)\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_PRUNE.format(future="", a="", b="", r=""), "dependency-wiring"),
    (_PRUNE.format(future="", a="", b="", r="").replace("total_limit)", "total_limit, keep=1)"),
     "data-contract"),
    (_PRUNE.format(future="from __future__ import annotations\n\n", a="", b="", r=""), "core-logic"),
    (_PRUNE.format(future="", a=": str", b=": Tensor", r=" -> None"), "data-contract"),
], ids=["annotations-that-needed-it-dropped-with-it", "a-parameter-added-too", "annotations-dropped-alone",
        "another-type-taken"])
def test_annotations_follow_the_future_import_that_decides_how_they_are_read(new: str, expected: str) -> None:
    future = "from __future__ import annotations\n\n"
    old = _PRUNE.format(future=future, a=": str", b=": int | None", r=" -> None")
    assert _change_type(old, new) == expected


_GATHER = ("from triton.experimental import gluon\nfrom triton.experimental.gluon import language as gl\n\n\n"
           "@gluon.jit\ndef _gather(desc, slot, bufs):\n    safe = gl.where(slot >= 0, slot, 0)\n"
           "    gl.amd.tdm.async_gather(desc, {lib}bufs.index(0))\n    local_gather(desc, {local}safe)\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_GATHER.format(lib="safe, ", local="0, "), "data-contract"),
    (_GATHER.format(lib="safe, 0, ", local=""), "core-logic"),
    (_GATHER.format(lib="", local="0, "), "core-logic"),
], ids=["constant-dropped-from-a-library-call", "constant-dropped-from-a-local-call", "value-dropped-too"])
def test_a_constant_a_library_call_no_longer_takes_is_a_data_contract(new: str, expected: str) -> None:
    assert _change_type(_GATHER.format(lib="safe, 0, ", local="0, "), new) == expected


def test_what_a_kernels_tuning_reads_is_imported_for_it_and_values_imported_are_wiring() -> None:
    tuned = _TUNED.replace("import triton\n", "import triton\nfrom pkg import utils\n")
    helper = tuned.replace("from pkg import utils\n", "from pkg import utils\nfrom pkg.utils import smem\n") \
        .replace("for w in [2, 4]]", "for w in ([2, 4] if smem() else [1])]")
    assert _change_type(tuned, helper) == "configuration"
    value = _WARPS.replace("IS_HOPPER\n", "IS_HOPPER, DEFAULT_WARPS\n")
    assert _change_type(_WARPS, value.replace("else [2, 4, 8]", "else DEFAULT_WARPS")) == "dependency-wiring"


_INIT_DEVICE = ("from lx_platform.base import global_var\nfrom transformers import cache_utils\n\n\n"
                "def init_device(platform='cuda'):\n    device = pick(platform)\n"
                "{set}    global_var.DEVICE = device\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("    cache_utils.HybridCache = cache_utils.Cache\n", "dependency-wiring"),
    ("    global_var.PLATFORM = platform\n", "core-logic"),
], ids=["a-dependency-patched", "a-global-of-the-project-set"])
def test_only_a_module_from_outside_the_project_is_patched(added: str, expected: str) -> None:
    path = "lx_platform/base/base.py"
    assert _change_type(_INIT_DEVICE.format(set=""), _INIT_DEVICE.format(set=added), path=path) == expected


_META = ("import torch\nfrom torch.library import Library, impl\n\nm = Library('npu', 'IMPL', 'Meta')\n\n\n"
         "@impl(m, 'npu_gather')\ndef npu_gather_meta(x):\n    return torch.empty_like(x)\n\n{gated}\n\n"
         "@impl(m, 'npu_add')\ndef npu_add_meta(x):\n    return torch.empty_like(x)\n")
_EXPONENTIAL = "@impl(m, 'npu_exponential_')\ndef npu_exponential__meta(self, lambd=1):\n    return {value}\n"


@pytest.mark.parametrize(("test", "expected"), [
    ("_is_pytorch_version_ge('2.6.0')", "configuration"),
    # near miss: the gate tested whether the op was asked for
    ("_op_enabled('npu_exponential_')", "core-logic"),
], ids=["version-gate-lifted", "other-gate-lifted"])
def test_a_registration_taken_out_of_a_version_check_is_configuration(test: str, expected: str) -> None:
    """op-plugin !4016 registers `npu_sim_exponential_`'s meta kernel whatever the PyTorch version."""
    body = _EXPONENTIAL.format(value="torch.empty_like(self)")
    old = _META.format(gated=f"if {test}:\n" + textwrap.indent(body, "    "))
    new = _META.format(gated="\n" + body)
    assert _change_type(old, new, path="op_plugin/python/meta/_meta_registrations.py") == expected


_GATHER_CONVERTER = ("import torch\n\nfrom pkg.graph import Tensor\n{imported}\n\n"
                     "def convert_gather(self, dim, index):\n{promoted}"
                     "    return ge.GatherElements(self, index, dim=dim)\n")


@pytest.mark.parametrize(("module", "expected"), [
    ("pkg.utils", "core-logic"),
    # near miss: what a dependency offers, called where the code called nothing, is reached anew
    ("npu_helpers.utils", "dependency-wiring"),
], ids=["own-package-under-python", "a-dependency"])
def test_a_package_under_python_is_the_projects_own(module: str, expected: str) -> None:
    """TorchAir (`python/torchair/...`) promotes gather's indices with its own `dtype_promote`."""
    old = _GATHER_CONVERTER.format(imported="", promoted="")
    new = _GATHER_CONVERTER.format(imported=f"from {module} import dtype_promote\n",
                                   promoted="    index = dtype_promote(index, target_dtype=torch.int64)\n")
    assert _change_type(old, new, path="python/pkg/converters/gather.py") == expected


_MOE_LAUNCH = ("import triton\n\nfrom pkg import envs\n{imported}\n\n@triton.jit\ndef moe_kernel(a, b, N):\n"
               "    pass\n\n\ndef invoke_moe(a, b, grid):\n    n = a.size(1)\n{launch}    return b\n")
_OWN_LAUNCH = "moe_kernel[grid](\n    a,\n    b,\n    n,\n)\n"


@pytest.mark.parametrize(("chosen", "expected"), [
    ("moe_triton_kernel(grid, a, b, n)", "dependency-wiring"),
    # near miss: the new branch computes on its own, with nothing imported
    ("b.zero_()", "core-logic"),
], ids=["the-imported-kernel-chosen-by-a-setting", "other-work-chosen"])
def test_a_kernel_an_import_brings_chosen_before_the_files_own_is_wiring(chosen: str, expected: str) -> None:
    old = _MOE_LAUNCH.format(imported="", launch=textwrap.indent(_OWN_LAUNCH, "    "))
    new = _MOE_LAUNCH.format(imported="from mcoplib.triton_fused_moe import moe_triton_kernel\n",
                             launch=f"    if envs.USE_PRECOMPILED_KERNEL:\n        {chosen}\n    else:\n"
                             + textwrap.indent(_OWN_LAUNCH, "        "))
    assert _change_type(old, new, path="pkg/layers/fused_moe.py") == expected


_LAUNCHER = ("import argparse\n\nlogger = None\n{constant}\n\ndef main():\n"
             "    parser = argparse.ArgumentParser(\n"
             "        epilog=\"\"\"\nexamples:\n  serve --pipeline omni\n{example}\"\"\")\n"
             "    source = parser.add_mutually_exclusive_group(required={required})\n"
             "    source.add_argument(\"--config\", type=str)\n"
             "    source.add_argument(\"--pipeline\", type=str{default})\n"
             "    args = parser.parse_args()\n"
             "    if args.config:\n        return load(args.config)\n"
             "{read}"
             "    return resolve({name}, model=args.model)\n")
_LAUNCHER_BEFORE = _LAUNCHER.format(constant="", example="", required="True", default="", read="",
                                    name="args.pipeline")
_LAUNCHER_DEFAULTED = dict(constant="DEFAULT_PIPELINE = \"omni\"\n", example="  serve --model m\n",
                           required="False", default=", default=DEFAULT_PIPELINE",
                           read="    pipeline = args.pipeline or DEFAULT_PIPELINE\n", name="pipeline")


@pytest.mark.parametrize(("new", "expected"), [
    (_LAUNCHER.format(**_LAUNCHER_DEFAULTED), "configuration"),
    (_LAUNCHER.format(**_LAUNCHER_DEFAULTED | dict(
        read="    pipeline = args.pipeline or DEFAULT_PIPELINE\n"
             "    if pipeline == \"omni\":\n        warm_up()\n")),
     "core-logic"),
], ids=["the-option-defaulted-and-read-with-it", "and-branched-on"])
def test_an_option_given_a_default_with_the_code_reading_it_is_configuration(new: str, expected: str) -> None:
    assert _change_type(_LAUNCHER_BEFORE, new, path="pkg/serve/launcher.py") == expected


_NCCL = ("import ctypes\n\nncclResult_t = ctypes.c_int\nncclComm_t = ctypes.c_void_p\n\n\n"
         "class NCCLLibrary:\n    exported_functions = [\n"
         "        Function(\"ncclGroupEnd\", ncclResult_t, []),\n{prototype}    ]\n\n"
         "    def __init__(self, path):\n        self.lib = ctypes.CDLL(path)\n        self._funcs = {{}}\n\n"
         "    def ncclGroupEnd(self):\n        self.check(self._funcs[\"ncclGroupEnd\"]())\n{method}")
_DEREGISTER = ("        Function(\"ncclCommWindowDeregister\", ncclResult_t,\n"
               "                 [ncclComm_t, ctypes.c_void_p]),\n")
_DEREGISTER_METHOD = ("\n    def ncclCommWindowDeregister(self, comm, window):\n"
                      "        self.check(self._funcs[\"ncclCommWindowDeregister\"](comm, window))\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_NCCL.format(prototype=_DEREGISTER, method=_DEREGISTER_METHOD), "data-contract"),
    (_NCCL.format(prototype="", method="").replace(
        "self.check(self._funcs", "self.log()\n        self.check(self._funcs"), "core-logic"),
], ids=["a-c-function-declared-and-bound", "a-binding-method-that-does-more"])
def test_a_c_function_declared_for_ctypes_with_its_method_is_the_bindings_contract(
        new: str, expected: str) -> None:
    before = _NCCL.format(prototype="", method="")
    assert _change_type(before, new, path="pkg/comm/pynccl_wrapper.py") == expected


_ACCELERATOR_HOTFIX = ("import torch\n\n\ndef compile_fn(fn):\n    return torch.compile(fn)\n\n\n"
                "torch.accelerator.empty_cache = torch.cuda.empty_cache\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("torch.accelerator.max_memory_allocated = torch.cuda.max_memory_allocated\n", "dependency-wiring"),
    ("torch._dynamo.config.cache_size_limit = 256\n", "configuration"),
], ids=["an-api-supplied-from-another-module", "a-dependency-setting-given-a-value"])
def test_a_module_level_patch_binding_code_is_wiring_and_one_binding_a_value_a_setting(
        added: str, expected: str) -> None:
    path = "pkg/hotfix/fix_compile.py"
    assert _change_type(_ACCELERATOR_HOTFIX, _ACCELERATOR_HOTFIX + added, path=path) == expected


_QUANTIZE = ("import torch\nfrom torchao.quant_api import quantize_, is_linear\n\n\n"
             "def to_fp8(module, filter_fn=is_linear):\n    quantize_(module, filter_fn=filter_fn)\n"
             "    return module\n")
_QUANTIZE_LAZY = ("import torch\n\n\ndef to_fp8(module, filter_fn=None):\n"
                  "    from torchao.quant_api import quantize_, is_linear\n\n"
                  "    if filter_fn is None:\n        filter_fn = is_linear\n"
                  "    quantize_(module, filter_fn=filter_fn)\n    return module\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_QUANTIZE_LAZY, "dependency-wiring"),
    # the module-level import stays: the default is a choice, resolved in the body
    (_QUANTIZE_LAZY.replace("import torch\n", "import torch\nfrom torchao.quant_api import is_linear\n"),
     "configuration"),
], ids=["import-moved-in-with-it", "import-kept-at-module-level"])
def test_a_default_deferred_with_its_import_follows_the_import(new: str, change_type: str) -> None:
    assert _change_type(_QUANTIZE, new) == change_type


_DISTRI = ("class DistriConfig:\n    def __init__(\n        self,\n        world_size: int = 1,\n    ):\n"
           "        self.world_size = world_size\n        if self.world_size > 1:\n"
           "            degree = self.world_size\n            set_groups(degree)\n")
_DISTRI_DEGREE = _DISTRI.replace("        world_size: int = 1,\n",
                                 "        world_size: int = 1,\n        degree: int = 0,\n").replace(
    "            degree = self.world_size\n",
    "            if degree == 0:\n                degree = self.world_size\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_DISTRI_DEGREE, "configuration"),
    # near miss: the value it falls back to changes too
    (_DISTRI_DEGREE.replace("                degree = self.world_size\n",
                            "                degree = self.world_size // 2\n"), "data-contract"),
], ids=["old-assignment-kept-for-the-default", "fallback-changed"])
def test_an_option_whose_default_keeps_the_old_assignment_is_configuration(new: str,
                                                                         change_type: str) -> None:
    assert _change_type(_DISTRI, new) == change_type


_SOFTMAX = ("class Softmax(Operation):\n    def __init__(self, axis=None):\n        super().__init__()\n"
            "        self.axis = axis if axis is not None else -1\n\n    def call(self, x):\n"
            "        return softmax(x, axis=self.axis)\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_SOFTMAX.replace("axis=None", "axis=-1").replace(" if axis is not None else -1", ""), "configuration"),
    # near miss: the signature's default is another value than the one the body filled in
    (_SOFTMAX.replace("axis=None", "axis=0").replace(" if axis is not None else -1", ""), "core-logic"),
], ids=["default-moved-into-the-signature", "default-changed-with-it"])
def test_a_default_the_body_filled_in_moved_into_the_signature_is_configuration(new: str,
                                                                                change_type: str) -> None:
    assert _change_type(_SOFTMAX, new) == change_type


_CLUSTER_WEIGHTS = ("class ClusterWeights(Wrapper):\n    def __init__(self,\n                 layer,\n"
                    "                 number_of_clusters,\n                 cluster_centroids_init,\n"
                    "                 preserve_sparsity=False,\n                 **kwargs):\n"
                    "        self.cluster_centroids_init = cluster_centroids_init\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_CLUSTER_WEIGHTS.replace("cluster_centroids_init,", "cluster_centroids_init=KMEANS_PLUS_PLUS,"),
     "configuration"),
    # near misses: a default taken away, which callers must now pass; None given, which makes the
    # parameter one callers may leave out; a parameter added without one
    (_CLUSTER_WEIGHTS.replace("preserve_sparsity=False,", "preserve_sparsity,"), "data-contract"),
    (_CLUSTER_WEIGHTS.replace("cluster_centroids_init,", "cluster_centroids_init=None,"), "data-contract"),
    (_CLUSTER_WEIGHTS.replace("cluster_centroids_init,", "cluster_centroids_init,\n                 seed,"),
     "data-contract"),
], ids=["default-given", "default-taken-away", "none-given", "parameter-added"])
def test_a_parameter_given_a_default_where_it_had_none_is_configuration(new: str, change_type: str) -> None:
    assert _change_type(_CLUSTER_WEIGHTS, new) == change_type


_EXPERIMENTAL_CLUSTER = ("from .cluster import _cluster_weights\n{imports}\n\n"
                         "def cluster_weights(to_cluster, number_of_clusters, cluster_centroids_init,\n"
                         "                    preserve_sparsity, **kwargs):\n"
                         "    return _cluster_weights(to_cluster, number_of_clusters,\n"
                         "                            cluster_centroids_init,\n"
                         "                            preserve_sparsity, **kwargs)\n")
_DEFAULTED_HEADER = ("def cluster_weights(\n    to_cluster,\n    number_of_clusters,\n"
                     "    cluster_centroids_init=CentroidInitialization.KMEANS_PLUS_PLUS,\n"
                     "    preserve_sparsity=False,\n    **kwargs):\n")


@pytest.mark.parametrize(("alias", "change_type"), [
    ("CentroidInitialization = cluster_config.CentroidInitialization\n", "configuration"),
    # near miss: the module binds something else beside the defaults
    ("CentroidInitialization = cluster_config.CentroidInitialization\nREGISTRY = build_registry()\n",
     "data-contract"),
], ids=["defaults-read-from-an-alias", "other-binding-beside"])
def test_parameters_given_defaults_an_alias_names_are_configuration(alias: str, change_type: str) -> None:
    old = _EXPERIMENTAL_CLUSTER.format(imports="")
    new = _EXPERIMENTAL_CLUSTER.format(imports="from . import cluster_config\n\n" + alias).replace(
        "def cluster_weights(to_cluster, number_of_clusters, cluster_centroids_init,\n"
        "                    preserve_sparsity, **kwargs):\n", _DEFAULTED_HEADER)
    assert _change_type(old, new) == change_type


_SETUP_CHECK = ("import shutil\n\nCMAKE = shutil.which('cmake')\n\n{top}\n"
                "class CmakeBuild:\n    def run(self):\n{inner}        build(CMAKE)\n")
_CMAKE_ASSERT = "assert CMAKE, 'Could not find cmake in PATH'\n"


@pytest.mark.parametrize(("new", "change_type"), [
    (_SETUP_CHECK.format(top="", inner="        " + _CMAKE_ASSERT), "infrastructure"),
    # near miss: the message reworded where the check is
    (_SETUP_CHECK.format(top=_CMAKE_ASSERT.replace("Could not", "Cannot"), inner=""), "docs"),
], ids=["check-moved-into-the-build", "message-reworded"])
def test_a_check_moved_elsewhere_with_its_message_runs_elsewhere(new: str, change_type: str) -> None:
    assert _change_type(_SETUP_CHECK.format(top=_CMAKE_ASSERT, inner=""), new, path="setup.py") == change_type


_OPTIMIZER_WRAPPER = ("class MemoryEfficientFP16Optimizer(Base):\n"
                      "    def __init__(self, cfg, params, optimizer):\n"
                      "        super().__init__(cfg.optimizer)\n        self.wrapped_optimizer = optimizer\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_OPTIMIZER_WRAPPER.replace("cfg.optimizer", 'getattr(cfg, "optimizer", None)'), "data-contract"),
    # near miss: another attribute read with the default
    (_OPTIMIZER_WRAPPER.replace("cfg.optimizer", 'getattr(cfg, "optim", None)'), "core-logic"),
], ids=["read-defaulted", "other-attribute"])
def test_an_attribute_read_with_a_default_takes_objects_without_it(new: str, change_type: str) -> None:
    assert _change_type(_OPTIMIZER_WRAPPER, new) == change_type


_TRANSLATE = ("import torch\n{imports}\n\ndef main(translator, tokens, lengths):\n"
              "    return translator.generate(\n        {tokens},\n        {lengths},\n    )\n")
_VARIABLE_IMPORT = "from torch.autograd import Variable\n"


@pytest.mark.parametrize(("imports", "lengths", "change_type"), [
    ("", "lengths", "dependency-wiring"),
    # near misses: the wrapper still imported; the argument changed beside it
    (_VARIABLE_IMPORT, "lengths", "data-contract"),
    ("", "lengths.cuda()", "core-logic"),
], ids=["wrapper-gone-with-its-import", "wrapper-still-imported", "argument-changed"])
def test_calls_unwrapped_from_a_name_no_longer_imported_follow_the_dependency(imports: str, lengths: str,
                                                                              change_type: str) -> None:
    old = _TRANSLATE.format(imports=_VARIABLE_IMPORT, tokens="Variable(tokens)", lengths="Variable(lengths)")
    new = _TRANSLATE.format(imports=imports, tokens="tokens", lengths=lengths)
    assert _change_type(old, new) == change_type


_XGB_CONVERT = ("def convert(container, js_trees, objective):\n    attr_pairs = {{'n_targets': 1}}\n"
                "    if objective == 'binary:logistic':\n        attr_pairs['post_transform'] = 'LOGISTIC'\n"
                "{added}    container.add_node('TreeEnsembleClassifier', **attr_pairs)\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("        if js_trees[0].get('leaf', None) == 0:\n            attr_pairs['base_values'] = [0.5]\n",
     "core-logic"),
    # near miss: an option of the converter decides the attribute
    ("        if container.target_opset >= 3:\n            attr_pairs['base_values'] = [0.5]\n",
     "configuration"),
], ids=["tested-on-the-data", "tested-on-an-option"])
def test_a_keyword_set_for_an_element_of_the_data_is_logic(added: str, change_type: str) -> None:
    assert _change_type(_XGB_CONVERT.format(added=""), _XGB_CONVERT.format(added=added)) == change_type


_MODEL_UTIL = ("from ..proto import onnx_proto\n\n\n{added}def make_tensor(name, shape):\n"
               "    return onnx_proto.TensorProto(name=name, dims=shape)\n")
_ACCESSOR = ("def get_domain():\n    \"\"\"\n    The model domain, read when asked for.\n    \"\"\"\n"
             "    from ... import __domain__\n    return __domain__\n\n\n")


@pytest.mark.parametrize(("added", "change_type"), [
    (_ACCESSOR, "dependency-wiring"),
    # near miss: the function computes something from what it imports
    (_ACCESSOR.replace("    return __domain__", "    return __domain__.lower()"), "core-logic"),
], ids=["import-handed-on", "import-used"])
def test_a_function_that_imports_a_name_and_returns_it_loads_it_when_asked(added: str,
                                                                          change_type: str) -> None:
    assert _change_type(_MODEL_UTIL.format(added=""), _MODEL_UTIL.format(added=added)) == change_type


_TRAINING_ARGS = ("from dataclasses import dataclass, field\nfrom typing import Optional\n\n\n"
                  "@dataclass\nclass TrainingArgumentsMixin:\n"
                  "    zero_1: bool = field(default=False)\n"
                  "    optlevel: int = field(\n        default=2,\n"
                  "        metadata={\"choices\": [1, 2, 3]},\n    )\n\n"
                  "    def __post_init__(self):\n        setup()\n"
                  "        set_optlevel(self.optlevel)\n        self.ready = True\n")
_OPTLEVEL_UNSET = _TRAINING_ARGS.replace(
    "    optlevel: int = field(\n        default=2,\n",
    "    optlevel: Optional[int] = field(\n        default=None,\n").replace(
    "        set_optlevel(self.optlevel)\n",
    "        if self.optlevel is not None:\n            set_optlevel(self.optlevel)\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_OPTLEVEL_UNSET, "configuration"),
    (_OPTLEVEL_UNSET.replace("Optional[int]", "int | None"), "configuration"),
    # near misses: the call under the test changed too; the field now holds another type;
    # the class holds no options
    (_OPTLEVEL_UNSET.replace("            set_optlevel(self.optlevel)\n",
                             "            set_optlevel(self.optlevel, strict=True)\n"), "core-logic"),
    (_OPTLEVEL_UNSET.replace("Optional[int]", "Optional[str]"), "data-contract"),
], ids=["optional", "union-with-none", "call-changed-too", "type-changed"])
def test_an_option_that_may_now_be_left_unset_is_configuration(new: str, change_type: str) -> None:
    assert _change_type(_TRAINING_ARGS, new) == change_type


def test_a_data_model_whose_field_may_now_be_none_changes_its_contract() -> None:
    old = _TRAINING_ARGS.replace("class TrainingArgumentsMixin", "class BatchRecord")
    new = _OPTLEVEL_UNSET.replace("class TrainingArgumentsMixin", "class BatchRecord")
    assert _change_type(old, new) == "data-contract"


_CLI = ("def parse_args(parser):\n    group = parser.add_argument_group('shapes')\n"
        "    group.add_argument(\n        '--height',\n        type=int,\n        help='Height.',\n    )\n"
        "    return parser\n")
_CLI_OPTION = _CLI.replace("    return parser\n",
                           "    group.add_argument(\n        '--num_image_per_prompt',\n"
                           "        type=int,\n        default=1,\n        help='Images per prompt.',\n"
                           "    )\n    return parser\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_CLI_OPTION, "configuration"),
    # near misses: what the parser does with the options changes beside it; another call
    (_CLI_OPTION.replace("    return parser\n", "    parser.set_defaults(func=export)\n    return parser\n"),
     "core-logic"),
    (_CLI.replace("    return parser\n", "    group.add_mutually_exclusive_group()\n    return parser\n"),
     "core-logic"),
    (_CLI.replace("        type=int,\n        help='Height.',\n",
                  "        type=int,\n        default=512,\n        help='Height in pixels.',\n"),
     "configuration"),
    (_CLI.replace("        '--height',\n", "        '--image-height',\n"), "configuration"),
    (_CLI_OPTION.replace("help='Height.'", "help='Height in pixels.'"), "configuration"),
    (_CLI_OPTION.replace("'--height'", "'--image-height'"), "configuration"),
], ids=["option-declared", "defaults-set-too", "other-call", "option-given-a-default", "option-renamed",
        "option-declared-beside-a-help-reworded", "option-declared-beside-a-rename"])
def test_a_command_line_option_declared_is_configuration(new: str, change_type: str) -> None:
    assert _change_type(_CLI, new) == change_type


_PARSER = ("def build_arguments_parser():\n    parser = argparse.ArgumentParser(\n"
           "        description='Server configurations',\n"
           "        epilog='These can be set through the environment: (port, timeout{listed}).',\n    )\n"
           "    parser.add_argument('--port', type=int, default=8000)\n{added}    return parser\n")
_SIZE_OPTION = "    parser.add_argument('--max-request-size', type=int, default=10 * 1024 * 1024)\n"


@pytest.mark.parametrize(("new", "change_type"), [
    (_PARSER.format(listed=", max_request_size", added=_SIZE_OPTION), "configuration"),
    # near miss: the parser is built otherwise, not only told otherwise
    (_PARSER.format(listed=", max_request_size", added=_SIZE_OPTION).replace(
        "    )\n", "        add_help=False,\n    )\n", 1), "core-logic"),
], ids=["epilog-lists-the-option", "parser-built-otherwise"])
def test_an_option_declared_with_the_parser_s_text_telling_of_it_is_configuration(
        new: str, change_type: str) -> None:
    assert _change_type(_PARSER.format(listed="", added=""), new, path="mosec/args.py") == change_type


_GENERATE = ("def setup_arg_parser(parser):\n    parser.add_argument('--eos-token', type=str, default=None)\n"
             "    return parser\n\n\ndef main(args, tokenizer, config):\n    x = 1\n"
             "    if args.eos_token is not None:\n        config['eos_token'] = args.eos_token\n"
             "    return tokenizer\n")


_COMPILE_CLI = ("import argparse\n\n\ndef main(argv):\n    parser = argparse.ArgumentParser()\n\n"
                "    def _check_{name}(value):\n        if not value.isidentifier():\n"
                "            raise ValueError(value)\n        return value\n\n"
                "    parser.add_argument('--{flag}', type=_check_{name}, default='')\n"
                "    parsed = parser.parse_args(argv)\n    return compile_model({name}=parsed.{name})\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("        if not value.isidentifier():\n", "configuration"),
    ("        if not value.isalnum():\n", "core-logic"),  # the check itself changed
], ids=["helper-renamed-with-it", "helper-rewritten"])
def test_an_option_renamed_with_the_helper_named_for_it_is_configuration(body: str, expected: str) -> None:
    old = _COMPILE_CLI.format(name="prefix_symbols", flag="prefix-symbols")
    new = _COMPILE_CLI.format(name="system_lib_prefix", flag="system-lib-prefix").replace(
        "        if not value.isidentifier():\n", body)
    assert _change_type(old, new, "pkg/cli/compile.py") == expected


@pytest.mark.parametrize(("reader", "expected"), [
    ("    for token in args.extra_eos_token:\n        tokenizer.add_eos_token(token)\n", "configuration"),
    ("    for token in args.stop_tokens:\n        tokenizer.add_eos_token(token)\n", "core-logic"),
], ids=["readers-follow", "reads-another-name"])
def test_an_option_renamed_with_its_readers_is_configuration(reader: str, expected: str) -> None:
    new = _GENERATE.replace("'--eos-token', type=str,", "'--extra-eos-token', type=str, nargs='+',").replace(
        "    if args.eos_token is not None:\n        config['eos_token'] = args.eos_token\n", reader)
    assert _change_type(_GENERATE, new) == expected


_COMPILE = ("import os\n\n\nclass DecoderModel:\n    def compile(self, model):\n"
            "        flags = os.environ.get('CC_FLAGS', '')\n"
            "        os.environ['CC_FLAGS'] = flags + ' --model-type=transformer-inference'\n"
            "        model.to_device()\n        os.environ['CC_FLAGS'] = flags\n")
_DIFFUSERS_EXPORT = ("from pathlib import Path\n\nfrom ..utils import is_diffusers_available\n\n\n"
                     "def export(path):\n    return Path(path)\n")
_EXPORT_FUSED = _DIFFUSERS_EXPORT.replace(
    "\n\n\ndef export",
    "\n\nif is_diffusers_available():\n    import os\n\n    os.environ['FUSE_SOFTMAX'] = '1'\n\n\ndef export")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_COMPILE, _COMPILE.replace("transformer-inference", "transformer"), "configuration"),
    (_DIFFUSERS_EXPORT, _EXPORT_FUSED, "configuration"),
    # near misses: the variable now takes a value computed otherwise; one set to what the code
    # computes; the value set under the test is not a constant
    (_COMPILE, _COMPILE.replace("flags + ' --model-type=transformer-inference'", "flags.strip()"),
     "core-logic"),
    (_DIFFUSERS_EXPORT, _EXPORT_FUSED.replace("'1'", "str(os.getpid())"), "core-logic"),
    (_DIFFUSERS_EXPORT, _EXPORT_FUSED.replace("    os.environ['FUSE_SOFTMAX'] = '1'\n",
                                    "    os.environ['FUSE_SOFTMAX'] = '1'\n    patch_attention()\n"),
     "core-logic"),
], ids=["flag-string-changed", "variable-set-where-available", "value-computed-otherwise",
        "value-not-constant", "more-under-the-test"])
def test_environment_variables_set_to_constants_are_configuration(old: str, new: str,
                                                                  change_type: str) -> None:
    assert _change_type(old, new) == change_type


_WANDB_SETUP = ("import os\n\n\ndef init_wandb_training(training_args):\n"
                "    if training_args.wandb_project is not None:\n"
                "        os.environ['WANDB_PROJECT'] = training_args.wandb_project\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("    if training_args.wandb_run_group is not None:\n"
     "        os.environ['WANDB_RUN_GROUP'] = training_args.wandb_run_group\n", "configuration"),
    ("    if training_args.wandb_run_group:\n"
     "        os.environ['WANDB_RUN_GROUP'] = training_args.wandb_run_group\n", "configuration"),
    # near misses: the value exported is another attribute than the one tested; it is computed
    ("    if training_args.wandb_run_group is not None:\n"
     "        os.environ['WANDB_RUN_GROUP'] = training_args.output_dir\n", "core-logic"),
    ("    if training_args.wandb_run_group is not None:\n"
     "        os.environ['WANDB_RUN_GROUP'] = make_group(training_args.wandb_run_group)\n", "core-logic"),
], ids=["exported-when-not-none", "exported-when-set", "another-attribute-exported", "value-computed"])
def test_an_option_exported_to_the_environment_where_given_is_configuration(added: str,
                                                                           change_type: str) -> None:
    """`if args.wandb_run_group is not None: os.environ["WANDB_RUN_GROUP"] =
    args.wandb_run_group` beside the same for the project: what the run is told to run under."""
    assert _change_type(_WANDB_SETUP, _WANDB_SETUP + added, "pkg/utils/wandb_logging.py") == change_type


_LOADED_BY_PATH = ('import torch\nfrom pathlib import Path\n\n'
                   'so_files = list(Path(__file__).parent.glob("_C*.so"))\n'
                   'assert len(so_files) == 1, f"Expected one _C*.so file, found {{len(so_files)}}"\n'
                   'torch.ops.load_library(so_files[0])\n{more}\nfrom . import ops\n')


@pytest.mark.parametrize(("more", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the module also sets something up beside the load
    ("warm_up(torch.ops.extension_cpp)\n", "core-logic"),
], ids=["library-found-and-loaded", "more-set-up"])
def test_a_library_found_by_path_and_loaded_in_place_of_its_import_is_dependency_wiring(
        more: str, change_type: str) -> None:
    """`from . import _C, ops` became a glob for `_C*.so`, an assert that it found one, and
    `torch.ops.load_library(...)`: how the compiled library is loaded, finding it included."""
    old = "import torch\nfrom . import _C, ops\n"
    assert _change_type(old, _LOADED_BY_PATH.format(more=more), "extension_cpp/__init__.py") == change_type


_TOKENIZE = ("def tokenize(tokenizer, message):\n    tokens = tokenizer.encode_user_message(message)\n"
             "{inserted}    masks = [False] * len(tokens)\n    return tokens, masks\n")


@pytest.mark.parametrize(("inserted", "change_type"), [
    ("    if isinstance(tokens, tuple):\n        tokens = tokens[0]\n", "data-contract"),
    ("    if isinstance(tokens, (tuple, list)):\n        tokens = tokens[0]\n", "data-contract"),
    # near misses: a string's first character; more done where it is a tuple
    ("    if isinstance(tokens, str):\n        tokens = tokens[0]\n", "core-logic"),
    ("    if isinstance(tokens, tuple):\n        tokens = tokens[0]\n        log(tokens)\n", "core-logic"),
], ids=["tuple", "tuple-or-list", "string", "more-done"])
def test_the_element_taken_where_a_call_now_returns_several_is_a_data_contract_change(
        inserted: str, change_type: str) -> None:
    """`if isinstance(curr_tokens, tuple): curr_tokens = curr_tokens[0]`, as newer
    `mistral_common` returns text tokens, image tokens and spans: the result's layout changed."""
    old, new = _TOKENIZE.format(inserted=""), _TOKENIZE.format(inserted=inserted)
    assert _change_type(old, new, "pkg/data/tokenize.py") == change_type


_NETWORK = ("import torch.nn as nn\n\n\nclass YOLOConfiguration:\n    def get_network(self):\n"
            "        result = nn.ModuleList()\n        num_inputs = [3]\n"
            "        for layer_config in self.layer_configs:\n"
            "            module, num_outputs = create_layer(layer_config, num_inputs)\n"
            "            result.append(module)\n        return result\n")


@pytest.mark.parametrize(("read", "change_type"), [
    ('self.global_config.get("channels", 3)', "configuration"),
    # near miss: a value the code is handed, not its configuration
    ('self.batch.get("channels", 3)', "core-logic"),
], ids=["constant-made-an-option", "read-from-data"])
def test_a_constant_now_looked_up_in_the_configuration_is_configuration(read: str, change_type: str) -> None:
    """`num_inputs = [3]` became `[self.global_config.get("channels", 3)]`: the user may now set
    what was fixed, as with a default read from the environment."""
    new = _NETWORK.replace("num_inputs = [3]", f"num_inputs = [{read}]")
    assert _change_type(_NETWORK, new, "pkg/models/yolo_config.py") == change_type


_SESSION = ("import os\nimport ssl\n\nimport aiohttp\nimport certifi\n\n\ndef create_http_session(timeout):\n"
            "    ssl_context = ssl.create_default_context(cafile=certifi.where())\n"
            "    connector = aiohttp.TCPConnector(ssl=ssl_context)\n\n"
            "    return aiohttp.ClientSession(\n        connector=connector,\n"
            "        timeout=timeout,\n    )\n")
_PROXY = "        connector=connector,\n        proxy={value},\n"


@pytest.mark.parametrize(("new", "change_type"), [
    (_SESSION.replace("cafile=certifi.where()", "cafile=os.getenv('SSL_CERT_FILE') or certifi.where()"),
     "configuration"),
    (_SESSION.replace("        connector=connector,\n",
                      _PROXY.format(value="os.getenv('HTTPS_PROXY') or os.getenv('HTTP_PROXY') or None")),
     "configuration"),
    # near misses: the value is found otherwise first; the proxy falls back on one the code builds
    (_SESSION.replace("cafile=certifi.where()", "cafile=find_bundle() or certifi.where()"), "core-logic"),
    (_SESSION.replace("        connector=connector,\n",
                      _PROXY.format(value="os.getenv('HTTPS_PROXY') or build_proxy()")), "data-contract"),
], ids=["value-read-from-the-environment-first", "variables-read-in-turn-given-anew",
        "value-found-otherwise-first", "fallback-built"])
def test_settings_read_from_the_environment_in_turn_are_configuration(new: str, change_type: str) -> None:
    """`cafile=certifi.where()` became `cafile=os.getenv("SSL_CERT_FILE") or certifi.where()`,
    and a session is given `proxy=os.getenv("HTTPS_PROXY") or os.getenv("HTTP_PROXY") or None`:
    what the user's environment says, where it says anything."""
    assert _change_type(_SESSION, new, "pkg/download.py") == change_type


_CPU_COUNT = ("import os\n\n\ndef default_cpu_count():\n    count = {read}\n    return count\n")


@pytest.mark.parametrize(("read", "change_type"), [
    ("int(os.environ.get('MAX_UTIL', os.cpu_count()))", "configuration"),
    # near miss: the count no longer read from the environment
    ("int(os.cpu_count())", "core-logic"),
], ids=["setting-read-as-an-integer", "setting-no-longer-read"])
def test_a_setting_read_from_the_environment_another_way_is_configuration(read: str,
                                                                          change_type: str) -> None:
    """`os.environ.get("NV_INGEST_MAX_UTIL", n)` became `int(os.environ.get(...))`: how the setting
    is taken from the environment."""
    old = _CPU_COUNT.format(read="os.environ.get('MAX_UTIL', os.cpu_count())")
    assert _change_type(old, _CPU_COUNT.format(read=read), "pkg/stage_builders.py") == change_type


_DOWNLOADS = ("import os\nfrom typing import Optional\n\nfrom hub import download\n\n\n"
              "def install(repo_id, revision):\n    return download(\n        repo_id,\n"
              "        revision=revision,\n    )\n\n\n"
              "def variant():\n    name = 'torch'\n    arch = 'x86_64'\n    return name + arch\n\n\n"
              "def metadata(repo_id):\n    return download(repo_id, 'build.toml')\n")
_DOWNLOADS_CACHED = _DOWNLOADS.replace(
    "\n\n\ndef install",
    "\nCACHE_DIR: Optional[str] = os.environ.get('KERNELS_CACHE', None)\n\n\ndef install").replace(
    "        repo_id,\n        revision=revision,\n", "        repo_id,\n        cache_dir=CACHE_DIR,\n"
    "        revision=revision,\n").replace("download(repo_id, 'build.toml')",
                                           "download(repo_id, 'build.toml', cache_dir=CACHE_DIR)")


@pytest.mark.parametrize(("new", "change_type"), [
    (_DOWNLOADS_CACHED, "configuration"),
    # near misses: a call given the setting also changes what it downloads; the value passed
    # on is computed, not read from the environment
    (_DOWNLOADS_CACHED.replace("'build.toml', cache_dir", "'metadata.json', cache_dir"), "core-logic"),
    (_DOWNLOADS_CACHED.replace("os.environ.get('KERNELS_CACHE', None)", "find_cache_dir()"), "core-logic"),
], ids=["setting-passed-on", "call-changed-too", "setting-computed"])
def test_a_setting_read_from_the_environment_and_passed_on_is_configuration(new: str,
                                                                           change_type: str) -> None:
    assert _change_type(_DOWNLOADS, new) == change_type


_HF_LOADER = ("class CausalLM:\n    def __init__(self, model_config, config):\n"
              "        if model_config.pretrained:\n            for k, v in model_config.items():\n"
              "                setattr(config, k, v)\n\n"
              "            init_device = model_config.get('init_device', 'cpu')\n"
              "            model = AutoModelForCausalLM.from_pretrained(\n"
              "                model_config.path,\n                config=config)\n"
              "            self.model = model\n")
_HF_LOADER_8BIT = _HF_LOADER.replace(
    "\n\n            init_device",
    "\n\n            load_in_8bit = model_config.get('load_in_8bit', False)\n\n"
    "            init_device").replace(
    "                config=config)",
    "                load_in_8bit=load_in_8bit,\n                config=config)")


@pytest.mark.parametrize(("new", "change_type"), [
    (_HF_LOADER_8BIT, "configuration"),
    # near misses: the key is read from the model, not from a configuration (a key read with a
    # default); the call given it also loads another path
    (_HF_LOADER_8BIT.replace("load_in_8bit = model_config.get(", "load_in_8bit = model.get("),
     "data-contract"),
    (_HF_LOADER_8BIT.replace("model_config.path,\n", "model_config.local_path,\n"), "core-logic"),
], ids=["option-inserted-and-passed-on", "read-from-a-model", "call-changed-too"])
def test_an_option_looked_up_in_a_configuration_and_passed_on_is_configuration(new: str,
                                                                               change_type: str) -> None:
    """`load_in_8bit = model_config.get("load_in_8bit", False)` put into a block, and handed
    to the loader by keyword: how the model loads is the user's to set."""
    assert _change_type(_HF_LOADER, new) == change_type


_BINS = ("class CodecConfig:\n    @staticmethod\n    def for_model(model_name):\n"
         "        family_7b = [\n            'mistral-7b',\n            'longchat-7b',\n        ]\n"
         "        family_9b = ['glm-4-9b']\n        if model_name in family_7b:\n"
         "            return CodecConfig(first_layers=10, first_bins=32)\n"
         "        elif model_name in family_9b:\n"
         "            return CodecConfig(first_layers=8, first_bins=16)\n"
         "        raise ValueError(model_name)\n")
_BINS_8B = _BINS.replace("            'longchat-7b',\n", "            'longchat-7b', 'qwen-7b',\n").replace(
    "        family_9b =", "        family_8b = ['llama-3.1-8b']\n        family_9b =").replace(
    "        elif model_name in family_9b:", "        elif model_name in family_8b:\n"
    "            return CodecConfig(\n                first_layers=12,\n"
    "                first_bins=32,\n            )\n"
    "        elif model_name in family_9b:")


@pytest.mark.parametrize(("new", "change_type"), [
    (_BINS_8B, "configuration"),
    # near misses: the new case works its settings out; it is told by a call, not by a name; it
    # makes something else than the other cases (a new choice, not settings for one)
    (_BINS_8B.replace("first_layers=12", "first_layers=layers(model_name)"), "core-logic"),
    (_BINS_8B.replace("            return CodecConfig(\n                first_layers=12",
                      "            return FastCodec(\n                first_layers=12"), "core-logic"),
    (_BINS_8B.replace("elif model_name in family_8b:", "elif is_llama(model_name):"), "core-logic"),
], ids=["case-added", "settings-worked-out", "made-otherwise", "case-told-by-a-call"])
def test_a_table_of_settings_given_one_more_case_is_configuration(new: str, change_type: str) -> None:
    """Tuned settings for one more model family: an `elif` that tests the name against a list
    of names and returns settings, and the list itself."""
    assert _change_type(_BINS, new) == change_type


_SCRIPT_RUN = ("if __name__ == '__main__':\n    args = parse()\n    BATCH = 8\n"
               "    latencies = run(args, BATCH)\n"
               "    tokens_per_sec = args.tokens / (latencies / 1e6)\n    print(tokens_per_sec)\n")


_ANY_RUN = ("if __name__ == '__main__':", "if True:")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_SCRIPT_RUN, _SCRIPT_RUN.replace("1e6", "1e3"), "core-logic"),
    # near misses: a constant the run binds is a setting; so is a computed value outside the run
    (_SCRIPT_RUN, _SCRIPT_RUN.replace("BATCH = 8", "BATCH = 16"), "configuration"),
    (_SCRIPT_RUN.replace(*_ANY_RUN), _SCRIPT_RUN.replace(*_ANY_RUN).replace("1e6", "1e3"), "configuration"),
], ids=["computed-in-the-run", "constant-in-the-run", "computed-outside-a-run"])
def test_what_a_script_computes_when_run_is_no_setting(old: str, new: str, change_type: str) -> None:
    """`tokens_per_sec = num_tokens / (latencies / 1e6)` under `if __name__ == '__main__':`
    became `/ 1e3`: a unit fixed in what the script computes, not a module setting."""
    assert _change_type(old, new, path="scripts/benchmark_pipelines.py") == change_type


_GATE_OPTIONS = ("import argparse\n\n\ndef main(argv):\n    parser = argparse.ArgumentParser()\n"
                 "    parser.add_argument('--lgtm-user', default='alice')\n"
                 "    return parser.parse_args(argv)\n")


@pytest.mark.parametrize(("path", "change_type"), [
    (".github/scripts/ci_gate/__main__.py", "infrastructure"),
    # near miss: the same option of a release script outside CI's folders
    ("scripts/release.py", "configuration"),
], ids=["ci-script", "release-script"])
def test_an_option_of_a_ci_script_is_the_pipelines(path: str, change_type: str) -> None:
    """Who may approve a CI run is how the pipeline works, not a setting of the product."""
    new = _GATE_OPTIONS.replace("default='alice'", "default='alice,bob'")
    assert _change_type(_GATE_OPTIONS, new, path=path) == change_type


_DEVICE_DEFAULTS = ("import argparse\n\nimport torch\n\n\ndef encode(tokenizer, text, device='cuda'):\n"
                    "    return torch.tensor(tokenizer.encode(text), device=device)\n\n\n"
                    "if __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n"
                    "    parser.add_argument('--device', type=str, default='cuda')\n"
                    "    args = parser.parse_args()\n")
_DETECTED = "default_device = 'cuda' if torch.cuda.is_available() else 'cpu'\n\n\n"
_DEVICE_DETECTED = _DEVICE_DEFAULTS.replace("import torch\n\n\n", "import torch\n\n" + _DETECTED).replace(
    "device='cuda'", "device=default_device").replace("default='cuda'", "default=default_device")


@pytest.mark.parametrize(("new", "change_type"), [
    (_DEVICE_DETECTED, "configuration"),
    # near misses: the new default is worked out by a call; the option is renamed too
    (_DEVICE_DETECTED.replace("'cuda' if torch.cuda.is_available() else 'cpu'", "detect_device()"),
     "core-logic"),
    (_DEVICE_DETECTED.replace("'--device', type=str", "'--dev', type=str"), "core-logic"),
], ids=["defaults-detected", "default-computed", "option-renamed"])
def test_defaults_given_a_setting_the_module_binds_are_configuration(new: str, change_type: str) -> None:
    """`device='cuda'` became `device=default_device`, bound to a choice between constants, and
    the command line's `--device` default with it."""
    assert _change_type(_DEVICE_DEFAULTS, new, path="generate.py") == change_type


_SERVER_OPTIONS = ("import argparse\n\nfrom pkg.server import Server\n\n\ndef main():\n"
                   "    parser = argparse.ArgumentParser()\n"
                   "    parser.add_argument('--use_auth_token', type=str, default=None)\n"
                   "    parser.add_argument('--load_in_8bit', type=bool, default=None)\n"
                   "    args = vars(parser.parse_args())\n"
                   "    use_auth_token = args.pop('use_auth_token')\n"
                   "    args['use_auth_token'] = True if use_auth_token in ('True', '') else use_auth_token\n"
                   "    Server(**args).run()\n")
_SERVER_OPTIONS_PARSED = _SERVER_OPTIONS.replace(
    "'--use_auth_token', type=str, default=None", "'--use_auth_token', action='store_true'").replace(
    "'--load_in_8bit', type=bool", "'--load_in_8bit', type=str").replace(
    "    use_auth_token = args.pop('use_auth_token')\n"
    "    args['use_auth_token'] = True if use_auth_token in ('True', '') else use_auth_token\n",
    "    load_in_8bit = args.pop('load_in_8bit')\n    if load_in_8bit is not None:\n"
    "        args['load_in_8bit'] = load_in_8bit.lower() in ['true', '1']\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_SERVER_OPTIONS_PARSED, "configuration"),
    # near miss: the value given is handed to the product's own code to load
    (_SERVER_OPTIONS_PARSED.replace("load_in_8bit.lower() in ['true', '1']", "quantizer_for(load_in_8bit)"),
     "core-logic"),
], ids=["values-normalised", "value-loaded"])
def test_options_declared_anew_and_their_values_put_in_another_form_are_configuration(
        new: str, change_type: str) -> None:
    """`--load_in_8bit` takes a string now, which the command turns into a bool once parsed,
    and `--use_auth_token` became a flag that needs no such turning."""
    assert _change_type(_SERVER_OPTIONS, new, path="pkg/cli/run_server.py") == change_type


_STUB = ("from enum import Enum\n\n\nclass Backend(Enum):\n    CUDA = 'cuda'\n\n\n"
         "class Metadata:\n    @property\n    def version(self) -> str: ...\n"
         "    @property\n    def backend(self) -> Backend: ...\n")
_STUB_INFO = _STUB.replace("\n\n\nclass Metadata:", "\n\n\nclass BackendInfo:\n    @property\n"
                           "    def archs(self) -> list[str]: ...\n\n\nclass Metadata:").replace(
    "def backend(self) -> Backend", "def backend(self) -> BackendInfo")


@pytest.mark.parametrize(("path", "new", "change_type"), [
    ("pkg/bindings.pyi", _STUB_INFO, "data-contract"),
    # near misses: the same change in a module; a stub's docstring
    ("pkg/bindings.py", _STUB_INFO, "core-logic"),
    ("pkg/bindings.pyi",
     _STUB.replace("class Metadata:\n", "class Metadata:\n    \"\"\"What a build says.\"\"\"\n\n"),
     "docs"),
], ids=["stub", "module", "stub-docstring"])
def test_a_type_stub_changes_an_interface(path: str, new: str, change_type: str) -> None:
    assert _change_type(_STUB, new, path=path) == change_type


_SPARSE = "from .csr import CSRTensor\nfrom .blocksparse import BlockSparseTensor\n"


@pytest.mark.parametrize(("new", "change_type"), [
    ("import logging\n\ntry:\n    from .blocksparse import BlockSparseTensor\nexcept ImportError as e:\n"
     "    logging.warning(f'Triton is not available: {e}')\nfrom .csr import CSRTensor\n",
     "dependency-wiring"),
    ("import warnings\n\ntry:\n    from .blocksparse import BlockSparseTensor\nexcept ImportError:\n"
     "    warnings.warn('no Triton')\nfrom .csr import CSRTensor\n", "dependency-wiring"),
    # near misses: the handler does something besides telling; it catches more than import errors
    ("import logging\n\ntry:\n    from .blocksparse import BlockSparseTensor\nexcept ImportError as e:\n"
     "    logging.warning('no Triton')\n    disable_sparse_kernels()\nfrom .csr import CSRTensor\n",
     "core-logic"),
    ("import logging\n\ntry:\n    from .blocksparse import BlockSparseTensor\nexcept Exception as e:\n"
     "    logging.warning(f'no block-sparse tensors: {e}')\nfrom .csr import CSRTensor\n", "core-logic"),
], ids=["import-failure-logged", "import-failure-warned", "handler-acts-too", "other-errors-caught"])
def test_an_import_whose_failure_is_only_told_is_dependency_wiring(new: str, change_type: str) -> None:
    assert _change_type(_SPARSE, new, path="pkg/sparse/__init__.py") == change_type


@pytest.mark.parametrize(("handler", "change_type"), [
    ("    print('an older layout')\n    try:\n        from .kernels.blocksparse import BlockSparseTensor\n"
     "    except:\n        raise ImportError('no BlockSparseTensor')\n", "dependency-wiring"),
    ("    from .kernels.blocksparse import BlockSparseTensor\n", "dependency-wiring"),
    # near misses: the handler only tells; it acts instead of importing
    ("    print('no block-sparse tensors')\n", "core-logic"),
    ("    try:\n        disable_sparse_kernels()\n    except:\n"
     "        raise ImportError('no BlockSparseTensor')\n",
     "core-logic"),
], ids=["next-source-tried", "other-source", "only-told", "acts-instead"])
def test_an_import_tried_from_another_source_under_any_error_is_dependency_wiring(
        handler: str, change_type: str) -> None:
    new = ("try:\n    from .blocksparse import BlockSparseTensor\nexcept:\n" + handler
           + "from .csr import CSRTensor\n")
    assert _change_type(_SPARSE, new, path="pkg/sparse/__init__.py") == change_type


_CACHED_ENGINE = ("class Engine:\n    def __init__(self, model):\n        self.cache = Cache(\n"
                  "            layers=len(model.layers),\n            kv_heads=model.{field},\n        )\n")
_MODEL = ("class Model:\n    def __init__(self, config):\n        self.layers = []\n"
          "        self.num_heads = config.heads\n")


@pytest.mark.parametrize(("model", "change_type"), [
    (_MODEL, "data-contract"),
    (_MODEL + "        self.num_key_value_heads = config.kv_heads\n", "core-logic"),
    (_MODEL.replace("self.num_heads", "self.num_key_value_heads"), "data-contract"),
], ids=["field-renamed-upstream", "field-the-change-sets-elsewhere", "field-the-change-renames-elsewhere"])
def test_a_field_renamed_to_one_the_change_sets_follows_no_upstream_rename(model: str,
                                                                          change_type: str) -> None:
    facts = _facts(_diff("pkg/engine.py", _CACHED_ENGINE.format(field="num_heads"),
                         _CACHED_ENGINE.format(field="num_key_value_heads")),
                   _diff("pkg/model.py", _MODEL, model))
    assert facts.files[0].change_type == change_type


_PROJECTION = "        y = self.linear(x)\n" + "".join(f"        y = self.linear{n}(y)\n" for n in range(6))
_HEADS = ("class Heads:\n    def forward(self, x, head):\n        logits = head(x)\n" + _PROJECTION
          + "        return logits, self.act(y)\n")
_HEADS_SEGMENTED = ("class Heads:\n    def forward(self, x, head{parameter}):\n        logits = head(x)\n"
                    "        if segments is not None:\n            y = torch.empty(x.shape[0], self.width)\n"
                    "            for start, end, w in zip(segments.starts, segments.ends, self.weights):\n"
                    "                y[start:end] = x[start:end] @ w\n            y = y * self.scale\n"
                    "        else:\n            y = self.linear(x) + self.bias\n"
                    "            y = y * self.gate(x)\n"
                    "        y = y.clamp(-self.limit, self.limit)\n        logits = logits.float()\n"
                    "        y = y.to(logits.dtype)\n        return logits, self.act(y)\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_HEADS_SEGMENTED.format(parameter=", segments=None"), "core-logic"),
    # near misses: the parameter it gains must be given; an optional one is all it gains
    (_HEADS_SEGMENTED.format(parameter=", segments"), "data-contract"),
    (_HEADS.replace("head):", "head, scale=1.0):").replace("self.act(y)", "self.act(y) * scale"),
     "data-contract"),
    (_HEADS.replace("head):", "head, project=True):").replace(_PROJECTION, "        y = x.float()\n"
                                                                  "        if project:\n"
                                                                  + textwrap.indent(_PROJECTION, "    ")
                                                                  + "        y = y.to(x.dtype)\n"),
     "data-contract"),
], ids=["optional-parameter-beside-new-behaviour", "required-parameter", "optional-parameter-threaded",
        "statement-put-under-the-option"])
def test_a_parameter_with_a_default_weighs_only_where_it_is_named(new: str, change_type: str) -> None:
    assert _change_type(_HEADS, new) == change_type


_DEVICE = ("import os\n\nimport torch\n\n\ndef get_device():\n    device = torch.device('cpu')\n"
           "    if is_hpu():\n{switch}        device = torch.device('hpu')\n    return device\n")
_REDUCED = "\nALLOW_REDUCED = os.getenv('ALLOW_REDUCED_PRECISION', 'true').lower() in ['true', '1']\n"


_REDUCING = "        if {test}:\n            torch._C._set_math_sdp_allow_fp16_bf16_reduction({value})\n"
_MATMUL = "        if hpu_is_old():\n            torch.set_float32_matmul_precision('high')\n"


@pytest.mark.parametrize(("setting", "switch", "change_type"), [
    (_REDUCED, _REDUCING.format(test="ALLOW_REDUCED", value="True"), "configuration"),
    ("", _MATMUL, "configuration"),
    # near misses: the setter is given what the code computes; the setting read is not tested
    (_REDUCED, _REDUCING.format(test="ALLOW_REDUCED", value="device"), "core-logic"),
    (_REDUCED, _MATMUL, "core-logic"),
], ids=["library-switched-by-an-environment-setting", "library-switched-in-a-case", "setter-given-a-value",
        "environment-setting-left-untested"])
def test_a_library_switched_in_some_case_is_configuration(setting: str, switch: str,
                                                         change_type: str) -> None:
    old = _DEVICE.format(switch="")
    new = _DEVICE.format(switch=switch).replace("\n\n\ndef get_device", setting + "\n\ndef get_device")
    assert _change_type(old, new) == change_type


_CHUNK = ('def chunk(q, k, scale=None{flag}):\n    """Attention over chunks.\n\n    Args:\n'
          '        q: queries of shape `{shape}`.\n        k: keys of shape `{shape}`.\n{doc}'
          '    """\n{before}    o = kernel(q, k, scale)\n{after}    return o\n')


@pytest.mark.parametrize(("new", "change_type"), [
    (_CHUNK.format(flag=", head_first=True", shape="[B, H, T, K]` if `head_first` else `[B, T, H, K]",
                   doc="        head_first: whether heads come before time.\n",
                   before="    if not head_first:\n        q = q.transpose(1, 2)\n"
                          "        k = k.transpose(1, 2)\n        scale = scale or q.shape[-1] ** -0.5\n",
                   after="    if not head_first:\n        o = o.transpose(1, 2)\n"
                         "        o = o.contiguous()\n"),
     "data-contract"),
    # near miss: the docstring describes other parameters anew; the code changes what it does
    (_CHUNK.format(flag=", on_done=None", shape="[B, T, H, K]` in any float dtype",
                   doc="        on_done: called with the output\n            once it is computed.\n",
                   before="    q = q.float()\n    k = k.float()\n    scale = scale or q.shape[-1] ** -0.5\n"
                          "    q = q * scale\n    q, k = q.contiguous(), k.contiguous()\n"
                          "    k = k.transpose(-1, -2)\n    q = q.clamp(-1e4, 1e4)\n"
                          "    k = k.clamp(-1e4, 1e4)\n"
                          "    q = torch.nan_to_num(q)\n    k = torch.nan_to_num(k)\n",
                   after="    o = o.to(q.dtype)\n    o = o.contiguous()\n"
                         "    if on_done is not None:\n        on_done(o)\n"),
     "core-logic"),
], ids=["layout-option-documented", "other-parameters-described-anew"])
def test_the_docstring_of_a_function_given_an_option_documents_its_interface(new: str,
                                                                             change_type: str) -> None:
    old = _CHUNK.format(flag="", shape="[B, H, T, K]", doc="", before="", after="")
    assert _change_type(old, new) == change_type


_OPTION_LOSS = ("class Loss:\n"
                "    def forward(self, x, weight, target, bias=None, ignore_index=-100, beta=0.1{flag}):\n"
                "{doc}        y = self.project(x)\n"
                "        return fused_loss(y, weight, target, bias, ignore_index, beta=beta{passed})\n")


def test_a_docstring_written_with_an_option_tells_the_whole_interface() -> None:
    doc = ('        """The fused loss.\n\n        Args:\n            x (Tensor): input, `[B*T, H]`.\n'
           '            weight (Tensor): projection, `[V, H]`.\n'
           '            target (Tensor): labels, `[B*T]`.\n'
           '            bias (Tensor, optional): projection bias, `[V]`.\n'
           '            ignore_index (int): label to ignore.\n            beta (float): temperature.\n'
           '            chunk_size (int): rows per chunk.\n        """\n')
    old = _OPTION_LOSS.format(flag="", doc="", passed="")
    new = _OPTION_LOSS.format(flag=", chunk_size=1", doc=doc, passed=", chunk_size=chunk_size")
    assert _change_type(old, new) == "data-contract"


_EXPORT_COMMAND = ("def parse_args(parser):\n    group = parser.add_argument_group('export')\n"
                   "    group.add_argument('--model', type=str)\n{declared}\n\n"
                   "class ExportCommand:\n    def run(self):\n        kwargs = {{}}\n"
                   "        if self.args.model:\n            kwargs['model'] = self.args.model\n{passed}"
                   "        export(**kwargs)\n")
_DTYPE_OPTION = "    group.add_argument('--dtype', type=str, choices=['float32', 'bfloat16'])\n"


@pytest.mark.parametrize(("passed", "change_type"), [
    ("        if self.args.dtype:\n            kwargs['dtype'] = self.args.dtype\n", "configuration"),
    # near misses: the value passed on is computed; another option than the one declared
    ("        if self.args.dtype:\n            kwargs['dtype'] = to_torch(self.args.dtype)\n", "core-logic"),
    ("        if self.args.device:\n            kwargs['device'] = self.args.device\n", "core-logic"),
], ids=["option-declared-and-passed-on", "option-converted", "undeclared-option-passed-on"])
def test_an_option_declared_and_passed_on_is_configuration(passed: str, change_type: str) -> None:
    old = _EXPORT_COMMAND.format(declared="", passed="")
    assert _change_type(old, _EXPORT_COMMAND.format(declared=_DTYPE_OPTION, passed=passed)) == change_type


_FP4 = ('import torch\n{imports}\n\n{guard}@triton.jit\n'
        '{indent}def _cast_kernel(x_ptr, n, BLOCK: tl.constexpr):\n'
        '{indent}    """Round each value to FP4.\n\n{indent}    One block per program.\n{indent}    """\n'
        '{indent}    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)\n'
        '{indent}    x = tl.load(x_ptr + offs, mask=offs < n)\n'
        '{indent}    tl.store(x_ptr + offs, x, mask=offs < n)\n\n\n'
        'def cast(x):\n{refusal}    if {test}:\n        out = torch.empty_like(x)\n'
        '        _cast_kernel[(1,)](x, x.numel(), 1024)\n        return out\n    return x.round()\n')
_TRITON_TRIED = ("\ntry:\n    import triton\n    import triton.language as tl\n\n"
                 "    _triton_available = True\nexcept ImportError:\n    _triton_available = False\n")
_PLAIN_IMPORT = "import triton\nimport triton.language as tl\n"


@pytest.mark.parametrize(("new", "change_type"), [
    (_FP4.format(imports=_TRITON_TRIED, guard="if _triton_available:\n\n    ", indent="    ", refusal="",
                 test="_triton_available and x.is_cuda"), "dependency-wiring"),
    (_FP4.format(imports=_TRITON_TRIED, guard="if _triton_available:\n\n    ", indent="    ",
                 refusal="    if not _triton_available:\n        raise RuntimeError('no Triton')\n",
                 test="x.is_cuda"), "dependency-wiring"),
    # near misses: the kernel changed on the way under the flag; the flag tested is no import's
    (_FP4.format(imports=_TRITON_TRIED, guard="if _triton_available:\n\n    ", indent="    ", refusal="",
                 test="_triton_available and x.is_cuda").replace("x, mask=offs < n", "x * 2, mask=offs < n"),
     "core-logic"),
    (_FP4.format(imports=_PLAIN_IMPORT + "\n_fast = torch.cuda.is_available()\n",
                 guard="if _fast:\n\n    ", indent="    ", refusal="", test="_fast and x.is_cuda"),
     "core-logic"),
], ids=["kernel-and-call-put-under-the-flag", "kernel-put-under-the-flag-and-a-refusal",
        "kernel-changed-under-the-flag", "flag-of-no-import"])
def test_code_put_under_the_flag_of_an_import_tried_is_dependency_wiring(new: str, change_type: str) -> None:
    old = _FP4.format(imports=_PLAIN_IMPORT, guard="", indent="", refusal="", test="x.is_cuda")
    assert _change_type(old, new) == change_type


def test_a_function_only_put_under_a_flag_weighs_least_among_key_symbols() -> None:
    old = _FP4.format(imports=_PLAIN_IMPORT, guard="", indent="", refusal="", test="x.is_cuda")
    new = _FP4.format(imports=_TRITON_TRIED, guard="if _triton_available:\n\n    ", indent="    ",
                      refusal="", test="_triton_available and x.is_cuda")
    facts = _facts(_diff("pkg/ops/m.py", old, new))
    weights = {s.qualname: s.weight for s in facts.files[0].symbols}
    assert weights == {"_cast_kernel": 1, "cast": 2}
    assert facts.key_symbols[:2] == ["cast", "_cast_kernel"]


_FACTORY = ("class Factory:\n    def __init__(self, scheme):\n        self.scheme = scheme\n\n"
            "    def create(self, module):\n        size = get_size(module, self.scheme.{field})\n"
            "        return build(size)\n")
_SCHEME = "class Scheme(BaseModel):\n    kind: str = 'hadamard'\n{fields}    precision: str = 'fp32'\n"


@pytest.mark.parametrize(("scheme_before", "scheme_after", "change_type"), [
    ("    block_size: Optional[int] = None\n    head_dim: Optional[int] = None\n",
     "    head_dim: Optional[int] = None\n", "data-contract"),
    # near miss: the class still declares the field the factory read; it reads another one now
    ("    block_size: Optional[int] = None\n    head_dim: Optional[int] = None\n",
     "    block_size: Optional[int] = None\n    head_dim: Optional[int] = 64\n", "core-logic"),
], ids=["kept-object-field-renamed", "kept-object-reads-another-field"])
def test_a_field_of_a_kept_object_follows_a_rename_the_change_makes(scheme_before: str, scheme_after: str,
                                                                    change_type: str) -> None:
    facts = _facts(
        _diff("pkg/factory.py", _FACTORY.format(field="block_size"), _FACTORY.format(field="head_dim")),
        _diff("pkg/scheme.py", _SCHEME.format(fields=scheme_before), _SCHEME.format(fields=scheme_after)))
    assert facts.files[0].change_type == change_type


_TENSORIZER = ("class LabelTensorizer(Tensorizer):\n    def initialize(self, builder):\n"
               "        self.{field} = builder.make_vocab()\n        self.pad_idx = -1\n")
_LABELS_READER = ("class DocModel(Model):\n    @classmethod\n    def from_config(cls, config, tensorizers):\n"
           "        vocab = tensorizers[\"tokens\"].vocab\n        labels = tensorizers[\"labels\"].{read}\n"
           "        return cls(Embedding(len(vocab)), Decoder(len(labels)))\n")


@pytest.mark.parametrize(("declared", "change_type"), [
    ("vocab", "data-contract"),
    ("labels", "core-logic"),
], ids=["field-renamed-to-its-kind's-name", "old-field-still-declared"])
def test_a_reader_follows_a_field_renamed_to_the_name_other_objects_of_its_kind_use(
        declared: str, change_type: str) -> None:
    facts = _facts(
        _diff("pytext/models/doc_model.py", _LABELS_READER.format(read="labels"),
              _LABELS_READER.format(read="vocab")),
        _diff("pytext/data/tensorizers.py", _TENSORIZER.format(field="labels"),
              _TENSORIZER.format(field=declared)
              + ("" if declared == "vocab" else "        self.vocab = {}\n")))
    assert facts.files[0].change_type == change_type


_CONFIGS = ("class Buffer:\n    num_sms = 20\n\n    @staticmethod\n    def get_config(num_ranks):\n"
            "        config_map = {{\n            8: Config(Buffer.num_sms, 6, 256, 6, 128),\n"
            "            16: Config(Buffer.num_sms, 36, 288, 20, 128),\n{entries}"
            "            64: Config(Buffer.num_sms, 20, 288, 28, 128),\n        }}\n"
            "        return config_map[num_ranks]\n")


@pytest.mark.parametrize(("entries", "change_type"), [
    ("            32: Config(Buffer.num_sms, 32, 288, 8, 128),\n"
     "            48: Config(Buffer.num_sms, 32, 288, 8, 128),\n", "configuration"),
    ("            32: Config(Buffer.num_sms, 30, 288, 32, 128),\n", "configuration"),
    # near miss: an entry built otherwise than the others
    ("            32: Config(Buffer.num_sms // 2, 32, 288, 32, 128, fast=True),\n", "core-logic"),
], ids=["entries-added-alike", "entry-retuned", "entry-built-otherwise"])
def test_entries_alike_in_a_table_of_values_are_configuration(entries: str, change_type: str) -> None:
    old = _CONFIGS.format(entries="            32: Config(Buffer.num_sms, 32, 288, 32, 128),\n")
    assert _change_type(old, _CONFIGS.format(entries=entries)) == change_type


_COMMUNICATOR = ("class Buffer:\n    def __init__(self, group, num_bytes=0{comm}):\n"
                 "        check(group)\n{setup}"
                 "        self.runtime = Runtime(self.rank, self.size, num_bytes)\n"
                 + "".join(f"        {name} = {{gather}}\n        self.runtime.sync({name})\n"
                           for name in ("ids", "handles", "peers", "roots")))
_BY_GROUP = ("        self.rank = group.rank()\n        self.size = group.size()\n")


@pytest.mark.parametrize(("setup", "change_type"), [
    ("        if group is not None:\n" + textwrap.indent(_BY_GROUP, "    ")
     + "            gather = lambda obj: all_gather(obj, group)\n"
     "        elif comm is not None:\n            self.rank = comm.Get_rank()\n"
     "            self.size = comm.Get_size()\n            gather = comm.allgather\n"
     "        else:\n            raise ValueError('a group or a communicator')\n", "core-logic"),
], ids=["statements-kept-under-another-test"])
def test_statements_kept_under_a_test_of_no_option_gained_are_no_interface(setup: str,
                                                                          change_type: str) -> None:
    old = _COMMUNICATOR.format(comm="", setup=_BY_GROUP, gather="all_gather(self.runtime.id(), group)")
    new = _COMMUNICATOR.format(comm=", comm=None", setup=setup, gather="gather(self.runtime.id())")
    assert _change_type(old, new) == change_type


_TWELVE_ARGUMENTS = "".join(f"        arg{n},\n" for n in range(12))
_RUN = ("def run(x{option}):\n    major = {capability}\n    arch = str(major)\n{checks}{call}")


def test_a_call_passing_an_option_on_counts_both_its_sides_as_interface() -> None:
    """The call that hands the gained option on, laid out anew under a `with`, is about the
    option on its old side too, beside code the change added."""
    old = _RUN.format(option="", capability="torch.cuda.get_device_capability()", checks="",
                      call="    return module(arch).run(\n" + _TWELVE_ARGUMENTS + "    )\n")
    call = ("    with torch.cuda.device(x.device):\n        return module(arch).run(\n"
            + textwrap.indent(_TWELVE_ARGUMENTS, "    ") + "            workspace=workspace,\n        )\n")
    new = _RUN.format(option=", workspace=None", capability="capability(x.device)",
                      checks="".join(f"    check{n}(x)\n" for n in range(30)), call=call)
    assert _change_type(old, new) == "data-contract"


_ARCH = ("import os\n\nif __name__ == '__main__':\n    root = os.getenv('ROOT')\n{line}"
         "    flags = ['-O3']\n    setup(name='ep', flags=flags)\n")


@pytest.mark.parametrize(("line", "change_type"), [
    ("    if os.getenv('TORCH_CUDA_ARCH_LIST', None) is None:\n"
     "        os.environ['TORCH_CUDA_ARCH_LIST'] = '9.0'\n", "configuration"),
    ("    if 'TORCH_CUDA_ARCH_LIST' not in os.environ:\n        os.environ['TORCH_CUDA_ARCH_LIST'] = '9.0'\n",
     "configuration"),
    # near miss: the test is of something else than the environment
    ("    if root is None:\n        os.environ['TORCH_CUDA_ARCH_LIST'] = '9.0'\n", "infrastructure"),
], ids=["set-unless-read", "set-unless-present", "set-under-another-test"])
def test_an_environment_variable_set_only_where_unset_is_configuration(line: str, change_type: str) -> None:
    old = _ARCH.format(line="    os.environ['TORCH_CUDA_ARCH_LIST'] = '9.0'\n")
    assert _change_type(old, _ARCH.format(line=line), path="setup.py") == change_type


_REQUIRES = ("from setuptools import setup\n\n\ndef _install_requires():\n    return [{requirements}]\n\n\n"
             "setup(name='ct', install_requires=_install_requires())\n")


@pytest.mark.parametrize(("requirements", "change_type"), [
    ('"torch>=1.7.0", "pydantic>=2.0", "frozendict", "loguru"', "configuration"),
    # near miss: a list of names of which none is a requirement with a version
    ('"torch", "pydantic", "frozendict", "loguru"', "infrastructure"),
], ids=["requirement-added-beside-pinned-ones", "names-only"])
def test_a_requirement_added_to_a_list_of_requirements_is_configuration(requirements: str,
                                                                        change_type: str) -> None:
    old = _REQUIRES.format(requirements=requirements.rsplit(", ", 1)[0])
    assert _change_type(old, _REQUIRES.format(requirements=requirements), path="setup.py") == change_type


_ROLE_CHECKS = "def check(x, role):\n    y = prepare(x)\n{statement}    return y\n"


@pytest.mark.parametrize(("old", "new", "change_type"), [
    ("    assert x < 32, 'To many heads'\n", "    assert x < 32, 'Too many heads'\n", "docs"),
    ("    raise ValueError(\n        f'Unknwon role {role}'\n    )\n",
     "    raise ValueError(\n        f'Unknown role {role}'\n    )\n", "docs"),
    ("    logger.warning('falling back to teh CPU')\n", "    logger.warning('falling back to the CPU')\n",
     "docs"),
    # near misses: the strings are compared, or handed to code; the error raised is another; the
    # message shows a value it did not
    ("    assert role in ['sytem', 'user'], 'bad role'\n",
     "    assert role in ['system', 'user'], 'bad role'\n", "core-logic"),
    ("    register('To many')\n", "    register('Too many')\n", "core-logic"),
    ("    raise ValueError('Unknwon role')\n", "    raise KeyError('Unknown role')\n", "core-logic"),
    ("    raise ValueError(f'unknown role, one of {ROLES}')\n",
     "    raise ValueError(f'role={role} is not one of {ROLES}')\n", "core-logic"),
], ids=["assertion-message", "raised-message-over-lines", "logged-message", "compared-strings",
        "string-handed-on", "other-error", "message-shows-another-value"])
def test_a_message_said_otherwise_is_docs(old: str, new: str, change_type: str) -> None:
    assert _change_type(_ROLE_CHECKS.format(statement=old), _ROLE_CHECKS.format(statement=new)) == change_type


_OFFSET_NORM = (
    "class RMSNorm(nn.Module):\n    def __init__(self, hidden_size, eps=1e-6, offset=0.0{option}):\n"
    "        super().__init__()\n{weight}{checks}        self.eps, self.offset = eps, offset\n\n"
    "    def extra_repr(self):\n        return f'{{tuple(self.weight.shape)}}, eps={{self.eps}}'\n")


def test_code_held_by_a_test_of_the_option_the_object_keeps_is_interface() -> None:
    """The option gained is kept on the object and tested there (`if self.elementwise_affine:`);
    the code put under that test is about the option as much as under `if elementwise_affine:`,
    beside checks the change adds."""
    old = _OFFSET_NORM.format(option="", checks="",
                              weight="        self.weight = nn.Parameter(torch.ones(hidden_size))\n")
    checks = "".join(f"        check{n}(hidden_size)\n" for n in range(6))
    new = _OFFSET_NORM.format(option=", elementwise_affine=True", checks=checks, weight=(
        "        self.elementwise_affine = elementwise_affine\n        if self.elementwise_affine:\n"
        "            self.weight = nn.Parameter(torch.ones(hidden_size))\n        else:\n"
        "            self.register_parameter('weight', None)\n"))
    assert _change_type(old, new) == "data-contract"


_ENCODER_STATE = ("from pkg import max_utils\n\n\nclass Checkpointer:\n"
                  "    def create_encoder_state(self, model, params):\n"
                  "        state, shardings = max_utils.setup_initial_state(model=model, params=None)\n"
                  "        state = state.replace(params=params)\n"
                  "        return state, shardings\n")


@pytest.mark.parametrize(("returned", "change_type"), [
    ("max_utils.setup_initial_state", "core-logic"),
    # near miss: what it returns now is another call's single value
    ("max_utils.setup_state_only", "data-contract"),
], ids=["the-call-it-unpacked", "another-call"])
def test_returning_the_call_a_function_unpacked_keeps_its_tuple(returned: str, change_type: str) -> None:
    """`state, shardings = setup_initial_state(...)` and `return state, shardings` became
    `return setup_initial_state(..., params=params)`: the callers unpack the same two values."""
    new = ("from pkg import max_utils\n\n\nclass Checkpointer:\n"
           "    def create_encoder_state(self, model, params):\n"
           f"        return {returned}(model=model, params=params)\n")
    assert _change_type(_ENCODER_STATE, new) == change_type


_REPORTED = ("{module}\n\nimport torch\n\n\ndef cast(a, message):\n    if a.dtype != torch.float16:\n"
             "        {call}(message)\n    return a.half()\n")


@pytest.mark.parametrize(("was", "now", "change_type"), [
    (("import warnings", "warnings.warn"), ("import logging", "logging.debug"), "core-logic"),
    # near misses: the same function moved to another module of the standard library, and the
    # same class read through its module
    (("import imp", "imp.reload"), ("import importlib", "importlib.reload"), "dependency-wiring"),
    (("from pathlib import Path", "Path"), ("import pathlib", "pathlib.Path"), "dependency-wiring"),
], ids=["warning-made-a-debug-log", "same-function-moved", "same-class-through-its-module"])
def test_another_facility_of_the_standard_library_is_the_code_s_own_choice(
        was: tuple[str, str], now: tuple[str, str], change_type: str) -> None:
    """`warnings.warn(...)` became `logging.debug(...)`: the message is no warning any more,
    which is what the code does, not a name it follows."""
    old = _REPORTED.format(module=was[0], call=was[1])
    assert _change_type(old, _REPORTED.format(module=now[0], call=now[1])) == change_type


_LOGGED = ("from pkg.utils import logger\n\n\nclass Runner:\n    def __init__(self, config):\n"
           "        self._config = config\n        logger.{level}('Runner uses config: %s.', config)\n"
           "        logger.{level}('Runner will run: %s', config.jobs)\n")


@pytest.mark.parametrize(("was", "now", "change_type"), [
    ("info", "debug", "core-logic"),
    ("warning", "error", "core-logic"),
    # near miss: the spelling a deprecation asks for, the same level
    ("warn", "warning", "data-contract"),
], ids=["info-made-debug", "warning-made-error", "warn-respelled-warning"])
def test_a_logger_called_at_another_level_follows_no_rename(was: str, now: str, change_type: str) -> None:
    """`logger.info(...)` became `logger.debug(...)` on a logger the project imports: the code
    says less, and no library renamed a thing."""
    assert _change_type(_LOGGED.format(level=was), _LOGGED.format(level=now), "pkg/runner.py") == change_type


_VIDEO_EXPORT = ("import imageio\n\n\ndef export_to_video(frames, path: str, fps: int = 10) -> str:\n"
           "    with imageio.get_writer(path, fps=fps) as writer:\n"
           "        for frame in frames:\n            writer.append_data(frame)\n"
           "    return path\n")


@pytest.mark.parametrize(("new", "change_type"), [
    ("import mediapy\n\n\ndef export_to_video(frames, path: str, fps: int = 10):\n"
     "    mediapy.write_video(path=path, images=frames, fps=fps)\n", "data-contract"),
    # near miss: written otherwise, the path is still handed back
    ("import mediapy\n\n\ndef export_to_video(frames, path: str, fps: int = 10) -> str:\n"
     "    mediapy.write_video(path=path, images=frames, fps=fps)\n    return path\n", "core-logic"),
], ids=["result-dropped", "result-kept"])
def test_a_function_that_stops_returning_what_it_declared_changes_its_contract(new: str,
                                                                              change_type: str) -> None:
    """`export_to_video(...) -> str` returned the video's path; rewritten on mediapy it returns
    nothing, and whoever read the path gets None."""
    assert _change_type(_VIDEO_EXPORT, new, path="pkg/utils/export_utils.py") == change_type


_GP_INFERENCE = ("def gp_inference(k_train, y_train):\n    def predict_fn(get=None, nngp_test_test=None):\n"
                 "        return solve(k_train, y_train, get, nngp_test_test)\n    return {returned}\n")


@pytest.mark.parametrize(("returned", "change_type"), [
    ("predict_fn", "data-contract"),
    # near miss: the inner function is the outer one's own helper, not handed back
    ("predict_fn(get='ntk')", "core-logic"),
], ids=["returned-function-reshaped", "inner-helper-reshaped"])
def test_a_function_handing_back_a_function_that_takes_other_parameters_changes_its_contract(
        returned: str, change_type: str) -> None:
    old = _GP_INFERENCE.format(returned=returned)
    new = old.replace("nngp_test_test", "k_test_test")
    assert _change_type(old, new, path="pkg/predict.py") == change_type


_STEP = ("import cutlass.cute as cute\n\n\nclass Step:\n    def kernel(self, a, b):\n"
         "        x = cute.{fragment}(a)\n        y = cute.{fragment}(b, F)\n        z = {exp}\n"
         "        return x, y, z\n")


@pytest.mark.parametrize(("exp", "change_type"), [
    ("cute.math.exp(a * b, fastmath=True)", "data-contract"),
    # near misses: the function kept its name and is told otherwise; the value given is computed
    ("cute.arch.exp(a * b, fastmath=True)", "core-logic"),
    ("cute.math.exp(a * b, fastmath=self.fast)", "core-logic"),
], ids=["renamed-and-given-a-constant", "same-function-given-a-constant", "renamed-and-given-a-value"])
def test_a_renamed_api_given_a_constant_to_do_what_the_old_did_is_followed(exp: str,
                                                                           change_type: str) -> None:
    old = _STEP.format(fragment="make_fragment_like", exp="cute.arch.exp(a * b)")
    assert _change_type(old, _STEP.format(fragment="make_rmem_tensor_like", exp=exp)) == change_type


_TRAINER = ("class Trainer:\n    def init_model(self, model, parallel_context, dpg):\n        x = 1\n"
            "        check_model_has_grad(model=model, {keyword})\n        return model\n")


@pytest.mark.parametrize(("keyword", "change_type"), [
    ("parallel_context=parallel_context", "data-contract"),
    # near miss: the parameter keeps its name and is handed another value
    ("dpg=parallel_context.dpg", "core-logic"),
], ids=["own-named-variable-under-a-renamed-keyword", "other-value-under-the-same-keyword"])
def test_a_variable_handed_to_its_renamed_parameter_follows_the_signature(keyword: str,
                                                                          change_type: str) -> None:
    assert _change_type(_TRAINER.format(keyword="dpg=dpg"), _TRAINER.format(keyword=keyword)) == change_type


_MAMBA3 = ("import torch\n\n{imports}\n\nclass Mamba3:\n    def __init__(self, is_mimo):\n"
           "        self.is_mimo = is_mimo\n        if not self.is_mimo:\n            self.rank = 1\n{check}"
           "        self.width = 4\n")
_KERNEL_TRIED = ("try:\n    from ops.tilelang import mimo_combined\nexcept ImportError:\n"
                 "    mimo_combined = None\n")


@pytest.mark.parametrize(("check", "change_type"), [
    ("        else:\n            assert mimo_combined is not None, 'install TileLang'\n",
     "dependency-wiring"),
    # near miss: what is asserted is no import's fallback
    ("        else:\n            assert self.width is not None, 'width first'\n", "core-logic"),
], ids=["assertion-on-the-import-fallback", "assertion-on-something-else"])
def test_an_assertion_that_an_optional_kernel_imported_is_dependency_wiring(check: str,
                                                                           change_type: str) -> None:
    old = _MAMBA3.format(imports="from ops.tilelang import mimo_combined\n", check="")
    assert _change_type(old, _MAMBA3.format(imports=_KERNEL_TRIED, check=check)) == change_type


_BWD = ("import triton\nimport triton.language as tl\n\n\n@triton.jit\n"
        "def bwd_kernel(q_ptr, s_ptr, o_ptr):\n    q = tl.load(q_ptr)\n    s = tl.load(s_ptr)\n"
        "    acc = tl.dot(q, {states})\n    tl.store(o_ptr, acc)\n")


def test_a_tile_no_longer_converted_in_a_kernel_is_its_own_arithmetic() -> None:
    """Near miss of the data no longer converted before it is handed to another component."""
    assert _change_type(_BWD.format(states="s.to(q.dtype)"), _BWD.format(states="s")) == "core-logic"


_WHEEL = ("from packaging.version import parse\n\n\ndef get_wheel_url(torch_cuda):\n"
          "    torch_cuda_version = parse(torch_cuda)\n{choice}"
          "    return f'cu{{torch_cuda_version.major}}'\n")


@pytest.mark.parametrize(("choice", "change_type"), [
    ("    if torch_cuda_version.major == 11:\n        torch_cuda_version = parse('11.8')\n"
     "    elif torch_cuda_version.major == 12:\n        torch_cuda_version = parse('12.3')\n"
     "    elif torch_cuda_version.major == 13:\n        torch_cuda_version = parse('13.0')\n"
     "    else:\n        raise ValueError('unsupported CUDA')\n", "configuration"),
    # near miss: a branch does something besides choosing the version
    ("    if torch_cuda_version.major == 11:\n        torch_cuda_version = parse('11.8')\n"
     "    else:\n        download_toolkit()\n        torch_cuda_version = parse('12.3')\n", "infrastructure"),
], ids=["version-cases-spelled-out", "branch-acts-too"])
def test_a_version_chosen_case_by_case_is_configuration(choice: str, change_type: str) -> None:
    old = _WHEEL.format(choice="    torch_cuda_version = parse('11.8') if torch_cuda_version.major == 11 "
                               "else parse('12.3')\n")
    assert _change_type(old, _WHEEL.format(choice=choice), path="setup.py") == change_type


_EXTENSIONS = ("import sys\n\next_modules = []\nif '--cuda_ext' in sys.argv:\n"
               "    _, major, minor = get_cuda_bare_metal_version(CUDA_HOME)\n"
               "{flags}    if {gate}:\n        cc_flag.append('arch=compute_80,code=sm_80')\n{build}")
_BUILD = ("ext_modules.append(\n    CUDAExtension(\n        name='fused_dense',\n"
          "        sources=['dense.cu'],\n    )\n)\n")


@pytest.mark.parametrize(("gate", "build", "change_type"), [
    ("int(major) >= 11", _BUILD, "configuration"),
    # near misses: the `if` tests no version; the build changes as it moves
    ("torch.cuda.is_available()", _BUILD, "infrastructure"),
    ("int(major) >= 11", _BUILD.replace("'dense.cu'", "'dense.cu', 'dense_16bit.cu'"), "infrastructure"),
], ids=["build-moved-under-a-version-check", "moved-under-another-test", "moved-and-changed"])
def test_a_build_moved_under_a_version_check_is_configuration(gate: str, build: str,
                                                              change_type: str) -> None:
    old = _EXTENSIONS.format(flags="    cc_flag = []\n", gate=gate, build=textwrap.indent(_BUILD, "    "))
    moved = "        cc_flag = []\n" + textwrap.indent(build, "        ")
    new = _EXTENSIONS.format(flags="", gate=gate, build=moved)
    assert _change_type(old, new, path="setup.py") == change_type


_MOE_OUTPUTS = ("from typing import Tuple, Union\n\n"
                "from transformers.modeling_outputs import BaseOutput{moe}\n{tried}\n\n"
                "def moe_forward(x, router){result}:\n    logits = router(x)\n    return {returned}\n")
_TRIED = "try:\n    from transformers.modeling_outputs import MoeOutput\nexcept ImportError:\n    pass\n"


@pytest.mark.parametrize(("result", "returned", "change_type"), [
    ("", "logits", "dependency-wiring"),
    # near miss: the function's code changes beside its annotation
    ("", "logits.float()", "core-logic"),
], ids=["annotation-stops-naming-it", "code-changes-too"])
def test_annotations_that_stop_naming_an_import_made_conditional_follow_it(result: str, returned: str,
                                                                          change_type: str) -> None:
    old = _MOE_OUTPUTS.format(moe=", MoeOutput", tried="", result=" -> Union[Tuple, MoeOutput]",
                              returned="logits")
    new = _MOE_OUTPUTS.format(moe="", tried=_TRIED, result=result, returned=returned)
    assert _change_type(old, new) == change_type


_DECODER = ("from typing import Optional\n{top}try:\n    import av\n{tried}    AVAILABLE = True\n"
            "except ImportError:\n    AVAILABLE = False\n\n\n"
            "class Decoder:\n    def __init__(self, data):\n{refuse}        self.data = data\n\n"
            "    def frames(self, seeker: Optional[{annotation}] = None):\n        x = 1\n"
            "        return seeker.seek({seek})\n")


@pytest.mark.parametrize(("seek", "expected"), [
    ("x", "dependency-wiring"),
    ("x + 1", "core-logic"),  # the code changes beside
], ids=["quoted", "code-changes-too"])
def test_an_annotation_quoted_for_an_import_moved_into_a_try_follows_it(seek: str, expected: str) -> None:
    old = _DECODER.format(top="from pkg.fastseek import Fastseek\n", tried="", annotation="Fastseek",
                          refuse="", seek="x")
    new = _DECODER.format(top="", tried="    from pkg.fastseek import Fastseek\n", annotation='"Fastseek"',
                          refuse="        if not AVAILABLE:\n            raise ImportError('install av')\n",
                          seek=seek)
    assert _change_type(old, new) == expected


_PACK_STATE = ("from pkg import utils\n\nLOCAL = {{}}\n\n\ndef pack(state, attr):\n"
               "    if attr['op'] in {table}:\n        state = pack_one(state)\n    return state\n")


@pytest.mark.parametrize(("table", "called", "change_type"), [
    ("utils.prepack.MODULES", "utils.prepack.MODULES()", "data-contract"),
    # near misses: called with an argument; a table of this module's own; a function's name
    # tested, now called
    ("utils.prepack.MODULES", "utils.prepack.MODULES(attr)", "core-logic"),
    ("LOCAL", "LOCAL()", "core-logic"),
    ("utils.is_xpu_available", "utils.is_xpu_available()", "core-logic"),
], ids=["imported-table-now-built-by-a-call", "called-with-an-argument", "own-table-called",
        "function-now-called"])
def test_an_imported_table_now_called_follows_its_interface(table: str, called: str,
                                                            change_type: str) -> None:
    assert _change_type(_PACK_STATE.format(table=table), _PACK_STATE.format(table=called)) == change_type


_INITIALIZERS = ("class Context:\n    def init_groups(self, parallel_config, world_size):\n"
                 "        initializers = []\n{gqa}"
                 "        initializers.append(WeightInitializer(world_size))\n        return initializers\n")


@pytest.mark.parametrize(("gate", "change_type"), [
    ('if "gqa" in parallel_config and parallel_config["gqa"] is True:', "configuration"),
    # near miss: the `if` tests what the code computes with, no option
    ("if world_size > 1:", "core-logic"),
], ids=["put-under-an-option", "put-under-a-computed-test"])
def test_a_statement_put_under_an_option_is_configuration(gate: str, change_type: str) -> None:
    old = _INITIALIZERS.format(gqa="        initializers.append(GQAInitializer(world_size))\n")
    gated = f"        {gate}\n            initializers.append(GQAInitializer(world_size))\n"
    new = _INITIALIZERS.format(gqa=gated)
    assert _change_type(old, new) == change_type


_CUSTOM_OP = ('import torch\n\n\n@torch.library.custom_op("lib::update", mutates_args={mutated})\n'
              "def update(x: torch.Tensor, state: torch.Tensor, out: torch.Tensor) -> None:\n"
              "    kernels.update(x, state, out)\n")
_CACHED = "import functools\n\n\n@functools.lru_cache(maxsize={size})\ndef table():\n    return build()\n"
_GUARDED_OP = ("import torch\nfrom pkg.guard import torch_compile_guard\n\n\n@torch_compile_guard({given})\n"
               "def backward(dout: torch.Tensor, dq: torch.Tensor) -> torch.Tensor:\n"
               "    return kernels.backward(dout, dq)\n")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_CUSTOM_OP.format(mutated='{"out"}'), _CUSTOM_OP.format(mutated='{"out", "state"}'), "data-contract"),
    (_GUARDED_OP.format(given="gen_fake=fake"),
     _GUARDED_OP.format(given='\n    mutates_args=["dq", "dk", "dv"], gen_fake=fake\n'), "data-contract"),
    # near miss: a decorator that registers no op is given other arguments
    (_CACHED.format(size=8), _CACHED.format(size=None), "core-logic"),
], ids=["op-declared-to-mutate-more", "own-registrar-told-what-it-mutates", "cache-decorator-resized"])
def test_what_an_op_registration_declares_is_its_contract(old: str, new: str, change_type: str) -> None:
    """aiter #1712 tells its compile guard that the flash attention backward writes dq, dk and dv."""
    assert _change_type(old, new) == change_type


_PIPELINE = ("from transformers import pipeline\n\n\ndef hf_provider(model_path, mii_config):\n"
             "    x = 1\n    return pipeline(\n        model=model_path,\n"
             "        torch_dtype=mii_config.dtype,\n"
             "{passed}    )\n")


@pytest.mark.parametrize(("passed", "change_type"), [
    ("        trust_remote_code=mii_config.trust_remote_code,\n", "configuration"),
    # near miss: what is passed anew is computed, not an option as the configuration holds it
    ("        trust_remote_code=allowed(mii_config),\n", "data-contract"),
    ("        cache_dir=os.environ.get('HF_HOME', None),\n", "configuration"),
], ids=["option-passed-on", "computed-value-passed", "environment-variable-passed-on"])
def test_an_option_passed_on_to_a_call_is_configuration(passed: str, change_type: str) -> None:
    """An option a configuration holds, or a variable of the environment."""
    assert _change_type(_PIPELINE.format(passed=""), _PIPELINE.format(passed=passed)) == change_type


_CONVERTER = ("import struct\n\n\ndef write_header(fout, hparams):\n    x = 1\n"
              "    fout.write(struct.pack(\"i\", hparams[\"n_head\"]))\n"
              "    fout.write(struct.pack(\"f\", {base}))  # freq_base\n{field}"
              "    fout.write(struct.pack(\"i\", hparams[\"bos\"]))\n")


@pytest.mark.parametrize(("field", "base", "change_type"), [
    ("    fout.write(struct.pack(\"f\", 1.0))  # rope_factor\n", "10000.0", "data-contract"),
    # near miss: the same layout, a value written otherwise
    ("", "500000.0", "core-logic"),
], ids=["field-written-anew", "value-written-otherwise"])
def test_a_field_added_to_a_packed_binary_layout_is_a_contract_change(field: str, base: str,
                                                                       change_type: str) -> None:
    """The runtime that reads the file reads its fields in turn."""
    old = _CONVERTER.format(field="", base="10000.0")
    assert _change_type(old, _CONVERTER.format(field=field, base=base)) == change_type


_HPARAMS = ("def write_header(fout, hparams):\n    x = 1\n"
            "    fout.write(pack(hparams[\"kv_channels\"]))\n")


@pytest.mark.parametrize(("read", "change_type"), [
    ('hparams["kv_channels"] if "kv_channels" in hparams else hparams["hidden_size"] // 8', "data-contract"),
    # near miss: what the test asks is another key
    ('hparams["kv_channels"] if "legacy" in hparams else hparams["hidden_size"] // 8', "core-logic"),
], ids=["key-read-if-present", "other-key-tested"])
def test_a_key_read_only_where_present_is_given_a_default(read: str, change_type: str) -> None:
    new = _HPARAMS.replace('pack(hparams["kv_channels"])', f"pack({read})")
    assert _change_type(_HPARAMS, new) == change_type


_DISPATCH = ("def attention(q, k, arch):\n    if arch == \"sm80\":\n        return kernel_a(q, k)\n"
             "    elif arch == \"sm90\":\n        return kernel_b(q, k)\n{branch}"
             "    else:\n        raise ValueError(arch)\n")


@pytest.mark.parametrize(("branch", "change_type"), [
    ('    elif arch == "sm120":\n        return kernel_a(q, k, per_warp=True)\n', "configuration"),
    ("    elif torch.cuda.get_device_capability()[0] == 12:\n        return kernel_a(q, k)\n",
     "configuration"),
    # near miss: the branch tests what the caller asked for, not the platform
    ('    elif mode == "fast":\n        return kernel_a(q, k, per_warp=True)\n', "core-logic"),
], ids=["architecture-named", "capability-read", "option-of-the-call"])
def test_a_branch_added_for_one_more_architecture_is_configuration(branch: str, change_type: str) -> None:
    assert _change_type(_DISPATCH.format(branch=""), _DISPATCH.format(branch=branch)) == change_type


_RELEASE = ("from setuptools import setup, find_packages\n\nsetup(\n    name='kernels',\n"
            "    version='{version}',\n    packages=find_packages(),\n"
            "    package_data={{'': [{data}]}},\n    classifiers=[\n"
            "        'Development Status :: {status}',\n        'Programming Language :: Python :: 3',\n"
            "    ],\n)\n")


@pytest.mark.parametrize(("version", "status", "data", "change_type"), [
    ("1.0.4", "4 - Beta", "'a.so'", "configuration"),
    # near miss: what the release packages changes with it
    ("1.0.4", "4 - Beta", "'*.so'", "infrastructure"),
], ids=["release-declared", "packaged-files-changed"])
def test_a_build_script_declaring_its_release_anew_is_configuration(version: str, status: str, data: str,
                                                                      change_type: str) -> None:
    old = _RELEASE.format(version="1.0.3", status="3 - Alpha", data="'a.so'")
    new = _RELEASE.format(version=version, status=status, data=data)
    assert _change_type(old, new, path="setup.py") == change_type
    # near miss: the same metadata laid out anew declares nothing
    assert _change_type(old, old.replace("'", '"'), path="setup.py") == "infrastructure"


_BOUND_REQUIREMENTS = ("from setuptools import setup\n\n{bound}\nsetup(\n    name='speed',\n"
                       "    packages=['speed'],\n{passed})\n")


@pytest.mark.parametrize(("bound", "passed", "change_type"), [
    ("requirements = ['einops', 'gguf']\n", "    install_requires=requirements,\n", "configuration"),
    # near miss: what a name bound the same way gives the build is how it builds
    ("commands = {'build_ext': BuildExt}\n", "    cmdclass=commands,\n", "infrastructure"),
], ids=["requirements-bound-to-a-name", "commands-bound-to-a-name"])
def test_requirements_a_build_script_passes_by_name_are_declared(bound: str, passed: str,
                                                                 change_type: str) -> None:
    old = _BOUND_REQUIREMENTS.format(bound="", passed="")
    assert _change_type(old, _BOUND_REQUIREMENTS.format(bound=bound, passed=passed),
                        path="setup.py") == change_type


@pytest.mark.parametrize(("helper", "passed", "change_type"), [
    ("def read_requirements():\n    with open('requirements.txt') as req:\n"
     "        return [line.strip() for line in req if line.strip()]\n\n",
     "    install_requires=read_requirements(),\n", "configuration"),
    # near miss: what a helper computes for the build's commands is how it builds
    ("def commands():\n    return {'build_ext': BuildExt}\n\n", "    cmdclass=commands(),\n",
     "infrastructure"),
], ids=["requirements-read-from-a-file", "commands-from-a-helper"])
def test_requirements_a_build_script_reads_from_a_file_are_declared(helper: str, passed: str,
                                                                    change_type: str) -> None:
    old = _BOUND_REQUIREMENTS.format(bound="", passed="")
    assert _change_type(old, _BOUND_REQUIREMENTS.format(bound=helper, passed=passed),
                        path="setup.py") == change_type


@pytest.mark.parametrize(("new", "change_type"), [
    ("author='AMD Research', author_email='brevitas@amd.com',", "configuration"),
    # near miss: where the packages are found is how it builds
    ("author='A. Pappalardo', package_dir={'': 'src'},", "infrastructure"),
], ids=["maker-declared-anew", "package-folder-declared"])
def test_a_build_script_naming_its_maker_anew_is_configuration(new: str, change_type: str) -> None:
    old = _RELEASE.format(version="1.0.3", status="3 - Alpha", data="'a.so'")
    written = old.replace("    version=", "    author='A. Pappalardo',\n    version=")
    assert _change_type(written, old.replace("    version=", f"    {new}\n    version="),
                        path="setup.py") == change_type


_ROPE = ("class Config:\n    def prepare(self, rs):\n        scaling_type = rs.get('type')\n"
         "        if {test}:\n            self.long_factor = rs['long_factor']\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("scaling_type == 'su' or scaling_type == 'longrope'", "configuration"),
    ("scaling_type in ('su', 'longrope')", "configuration"),
    # near misses: the test asks something else too; the value accepted is replaced, not added
    ("scaling_type == 'su' or self.long_factor is None", "core-logic"),
    ("scaling_type == 'longrope'", "core-logic"),
], ids=["one-more-value-or", "one-more-value-in", "another-condition", "value-replaced"])
def test_a_setting_that_accepts_one_more_value_is_configuration(test: str, change_type: str) -> None:
    old = _ROPE.format(test="scaling_type == 'su'")
    assert _change_type(old, _ROPE.format(test=test)) == change_type


_PTB_TAG = ("def _spacy_pos_to_ptb(pos, text):\n    ptb_tag = pos\n    if {test}:\n        ptb_tag = ':'\n"
            "    return ptb_tag\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("text in ['...', '\u2014']", "core-logic"),
    # near miss: the value accepted anew is a word, as a setting's are
    ("text in ['...', 'colon']", "configuration"),
], ids=["one-more-mark", "one-more-word"])
def test_a_test_of_text_accepting_one_more_mark_is_core_logic(test: str, change_type: str) -> None:
    """nlp-architect #322 tags an em dash as `:` beside an ellipsis: what text is, not an option."""
    assert _change_type(_PTB_TAG.format(test="text == '...'"), _PTB_TAG.format(test=test)) == change_type


_COLLECT = ("def main(config, model, tokenizer, data):\n    mask = build(data)\n{computed}"
            "    model.collect_first_block_input(data, mask, {passed}config.calib.type)\n    return model\n")


@pytest.mark.parametrize(("computed", "passed", "change_type"), [
    ("    padding_side = tokenizer.get_tokenizer().padding_side\n", "padding_side, ", "data-contract"),
    # near miss: the name bound anew is not what the call is given
    ("    padding_side = tokenizer.get_tokenizer().padding_side\n", "mask, ", "core-logic"),
], ids=["argument-computed-for-the-call", "binding-not-passed"])
def test_a_call_given_an_argument_computed_for_it_follows_an_interface(computed: str, passed: str,
                                                                        change_type: str) -> None:
    old = _COLLECT.format(computed="", passed="")
    assert _change_type(old, _COLLECT.format(computed=computed, passed=passed)) == change_type


_EXTENSION = ("import os\nfrom setuptools import setup\nfrom torch.utils import cpp_extension\n\n"
              "extra_cflags = ['-O3']\n{flags}\nextra_compile_args = {{\n    'cxx': extra_cflags,\n"
              "    'nvcc': {nvcc},\n}}\n\nsetup(name='ext', ext_modules=[cpp_extension.CUDAExtension("
              "'ext', ['ext.cpp'], extra_compile_args=extra_compile_args)])\n")


@pytest.mark.parametrize(("gate", "change_type"), [
    ("if torch_version.hip:", "configuration"),
    # near miss: the flag is added for what the build compiles, not for a platform or a version
    ("if len(extra_cflags) > 1:", "infrastructure"),
], ids=["flag-for-a-platform", "flag-for-a-computed-case"])
def test_a_build_flag_for_a_platform_after_its_list_was_named_is_configuration(gate: str,
                                                                                change_type: str) -> None:
    old = _EXTENSION.format(flags="", nvcc="['-lineinfo', '-O3']")
    flags = f"extra_cuda_cflags = ['-lineinfo', '-O3']\n\n{gate}\n    extra_cuda_cflags += ['-DHIP_HALF']\n"
    new = _EXTENSION.format(flags=flags, nvcc="extra_cuda_cflags")
    new = new.replace("import os\n", "import os\nfrom torch import version as torch_version\n")
    assert _change_type(old, new, path="setup.py") == change_type


_VISION_BUILD = ("class VisionModel:\n    def build_model(self):\n"
                 "        self.vlm_config = AutoConfig.from_pretrained(self.path)\n"
                 "{before}        self.vlm = AutoModel.from_pretrained(self.path, config=self.vlm_config)\n"
                 "        self.model_config = self.vlm_config.llm_config\n{after}")
_NO_CACHE = "        if hasattr(self.{config}, 'use_cache'):\n            self.{config}.use_cache = False\n"


@pytest.mark.parametrize(("before", "change_type"), [
    (_NO_CACHE.format(config="vlm_config"), "configuration"),
    # near miss: what the override replaces computed something, it set no option
    ("        self.vlm_config = normalise(self.vlm_config)\n", "core-logic"),
], ids=["override-moved-to-another-configuration", "computation-replaced"])
def test_an_option_override_made_on_another_configuration_is_configuration(before: str,
                                                                            change_type: str) -> None:
    old = _VISION_BUILD.format(before=before, after="")
    new = _VISION_BUILD.format(before="", after=_NO_CACHE.format(config="model_config"))
    assert _change_type(old, new) == change_type


_VLLM_ENGINE = ("from packaging import version\n\n\nclass {name}(TypedDict, total=False):\n"
           "    tensor_parallel_size: int\n{fields}\n\nclass Engine:\n"
           "    def sanitize(self, config):\n        config.setdefault('tensor_parallel_size', 1)\n"
           "{gate}        return config\n")
_MULTI_NODE = ("        if self.n_worker > 1 and VLLM_VERSION >= version.parse('0.11.0'):\n"
               "            config.setdefault('nnodes', self.n_worker)\n")


@pytest.mark.parametrize(("name", "change_type"), [
    ("VLLMModelConfig", "configuration"),
    # near miss: the class whose fields are added carries data between components, no options
    ("CompletionChunk", "data-contract"),
], ids=["options-declared-for-a-version", "data-fields-added"])
def test_options_declared_and_set_for_a_version_are_configuration(name: str, change_type: str) -> None:
    old = _VLLM_ENGINE.format(name=name, fields="", gate="")
    new = _VLLM_ENGINE.format(name=name, fields="    nnodes: int\n", gate=_MULTI_NODE)
    assert _change_type(old, new) == change_type


_MIGRATION = ("from alembic import op\nimport sqlalchemy as sa\n\nrevision = '43034740c36f'\n"
              "{down}\n\ndef upgrade() -> None:\n"
              "    op.add_column('clusters', sa.Column('k8s_volume_mounts', sa.JSON(), nullable=True))\n\n\n"
              "def downgrade() -> None:\n    op.drop_column('clusters', 'k8s_volume_mounts')\n")


@pytest.mark.parametrize(("down", "change_type"), [
    ("down_revision = '53667f33f000'", "data-contract"),
    # near miss: functions of those names in a module that follows no revision
    ("", "core-logic"),
], ids=["alembic-migration", "upgrade-helpers"])
def test_a_database_migration_changes_the_data_contract(down: str, change_type: str) -> None:
    new = _MIGRATION.format(down=down)
    path = "pkg/migrations/versions/add_mounts.py"
    assert _change_type(None, new, path=path, status="added") == change_type


@pytest.mark.parametrize(("old_import", "change_type"), [
    ("from .version import __version__ as __version__\n", "configuration"),
    # near miss: what the module stops importing is no version
    ("from .version import git_commit\n", "dependency-wiring"),
], ids=["version-written-here", "other-name-dropped"])
def test_a_version_written_where_it_was_imported_is_configuration(old_import: str, change_type: str) -> None:
    rest = "from .ops import *\nfrom .util import *\n"
    old = rest + old_import
    new = '__version__ = "1.0.2"\n\n' + rest
    assert _change_type(old, new, path="python/flux/__init__.py") == change_type


@pytest.mark.parametrize(("imported", "change_type"), [
    ("version as __version__", "configuration"),
    # near miss: what the module imports in the version's place is no version
    ("git_commit", "dependency-wiring"),
], ids=["version-imported-from-generated-module", "other-name-imported"])
def test_a_version_imported_where_it_was_written_is_configuration(imported: str, change_type: str) -> None:
    rest = "from .ops import *\nfrom .util import *\n"
    old = rest + '__version__ = "1.8.1"\n'
    new = rest + (f"try:\n    from .version import {imported}\n"
                  "except ImportError:\n    __version__ = \"Unknown\"\n")
    assert _change_type(old, new, path="gpytorch/__init__.py") == change_type


@pytest.mark.parametrize(("old_version", "change_type"), [
    ("from . import version\n\n__version__ = version.__version__\n", "dependency-wiring"),
    # near miss: the version was written out where it is now read from the generated module
    ('__version__ = "0.7.22"\n', "configuration"),
], ids=["version-module-renamed", "version-written-before"])
def test_the_version_read_from_a_renamed_module_is_wiring(old_version: str, change_type: str) -> None:
    rest = "from .util import load, save\n"
    new = rest + "from . import _version\n\n__version__ = _version.__version__\n"
    assert _change_type(rest + old_version, new, path="src/coffea/__init__.py") == change_type


def test_the_version_imported_where_none_was_written_is_wiring() -> None:
    rest = "from numpyro.primitives import sample\n"
    added = rest + "from numpyro.version import __version__  # noqa: F401\n"
    assert _change_type(rest, added, path="numpyro/__init__.py") == "dependency-wiring"


def test_a_version_import_dropped_with_its_fallback_is_configuration() -> None:
    rest = "from pyro.params import param_with_module_name\n\n\ndef sample(name):\n    return name\n"
    dropped = ("version_prefix = '0.2.0-a0'\n\ntry:\n    from pyro._version import __version__\n"
               "except ImportError:\n    __version__ = version_prefix\n\n\n")
    assert _change_type(rest.replace("\n\n\ndef", "\n" + dropped + "def"), rest) == "configuration"
    # near miss: what goes beside the version is an import of code
    code = dropped.replace("from pyro._version import __version__", "from pyro._native import kernels")
    assert _change_type(rest.replace("\n\n\ndef", "\n" + code + "def"), rest) != "configuration"


@pytest.mark.parametrize(("new", "expected"), [
    ("import altair\n\nproject = \"Vega-Altair\"\nversion = altair.__version__\n", "configuration"),
    # near miss: the page names another project, the release it documents as it was
    ("import altair\n\nproject = \"Altair\"\nversion = \"6.2.0dev\"\n", "docs"),
], ids=["release-read-from-the-package", "project-renamed"])
def test_a_documentation_site_reading_the_package_release_is_configuration(new: str,
                                                                             expected: str) -> None:
    old = "import altair\n\nproject = \"Vega-Altair\"\nversion = \"6.2.0dev\"\n"
    assert _change_type(old, new, path="doc/conf.py") == expected


_PREDATES = ("\n\ndef _version_predates(lib, version):\n"
             "    return Version(lib.__version__) < Version(version)\n")
_RULES_TEST = ("import pandas as pd\n{imports}\n\ndef test_variable_type():\n    s = pd.Series([1, 2])\n"
               "{body}    assert variable_type(s) == \"numeric\"\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("    if not _version_predates(pd, \"1.0.0\"):\n        s = s.astype(\"Int64\")\n", "dependency-wiring"),
    # near miss: the test now exercises the helper the change adds
    ("    assert _version_predates(pd, \"99.0\")\n", "test-coverage"),
], ids=["version-gate-through-the-helper", "helper-tested"])
def test_a_test_checking_versions_through_a_helper_the_change_adds_follows_the_import(body: str,
                                                                                     expected: str) -> None:
    utils = "from packaging.version import Version\n"
    gate = "    if Version(pd.__version__) >= Version(\"1.0.0\"):\n        s = s.astype(\"Int64\")\n"
    old = _RULES_TEST.format(imports="from packaging.version import Version\n", body=gate)
    new = _RULES_TEST.format(imports="from seaborn.utils import _version_predates\n", body=body)
    facts = _facts(_diff("tests/_core/test_rules.py", old, new),
                   _diff("seaborn/utils.py", utils, utils + _PREDATES))
    assert facts.files[0].change_type == expected


_SCHEMAS = ("from typing import Optional\nfrom pydantic import BaseModel\n\n\n"
            "class Volume(BaseModel):\n    name: str\n\n\n{added}"
            "class Cluster(BaseModel):\n    name: str\n")
_MOUNT = ("class K8sVolumeMount({base}):\n    name: str\n    mount_path: str\n    read_only: bool = False\n"
          "    sub_path: Optional[str] = None\n\n\n")


@pytest.mark.parametrize(("base", "change_type"), [
    ("BaseModel", "data-contract"),
    # near miss: a class added that declares no data shape by its base
    ("object", "core-logic"),
], ids=["schema-added", "plain-class-added"])
def test_a_schema_added_beside_others_is_a_data_contract_change(base: str, change_type: str) -> None:
    old = _SCHEMAS.format(added="")
    new = _SCHEMAS.format(added=_MOUNT.format(base=base))
    assert _change_type(old, new, path="pkg/schemas/clusters.py") == change_type


_LOGGER = "from functools import cache\n\n\n@cache\ndef logger():\n{body}"
_LOGGER_OLD = "    from vllm.logger import init_logger\n    return init_logger('ext')\n"


@pytest.mark.parametrize(("caught", "change_type"), [("ImportError", "dependency-wiring"),
                                                     ("ValueError", "core-logic")],
                         ids=["import-failure-falls-back", "other-failure-handled"])
def test_what_a_function_does_where_its_import_fails_follows_the_import(caught: str,
                                                                        change_type: str) -> None:
    new = ("    try:\n        from vllm.logger import init_logger\n        return init_logger('ext')\n"
           f"    except {caught}:\n        import logging\n        return logging.getLogger('ext')\n")
    assert _change_type(_LOGGER.format(body=_LOGGER_OLD), _LOGGER.format(body=new)) == change_type


_GAUDI = "import habana_frameworks.torch.utils.experimental as htexp\n{rest}"
_GAUDI_CHECK = "def is_gaudi2():\n    return current_platform.is_hpu() and htexp.kind() == 2\n"


@pytest.mark.parametrize(("fallback", "change_type"), [
    ("    def is_gaudi2():\n        return htexp.kind() == 2\n", "dependency-wiring"),
    # near miss: the function is defined anew for every platform, no import tried
    (None, "core-logic"),
], ids=["function-defined-again-where-the-import-fails", "function-rewritten"])
def test_a_function_defined_again_where_its_import_fails_follows_the_import(fallback: str | None,
                                                                             change_type: str) -> None:
    old = _GAUDI.format(rest="from vllm.platforms import current_platform\n\n\n" + _GAUDI_CHECK)
    if fallback is None:
        new = _GAUDI.format(rest="\n\ndef is_gaudi2():\n    return htexp.kind() == 2\n")
    else:
        tried = textwrap.indent(_GAUDI_CHECK, "    ")
        new = _GAUDI.format(rest="\ntry:\n    from vllm.platforms import current_platform\n\n"
                                 f"{tried}except ImportError:\n{fallback}")
    assert _change_type(old, new) == change_type


_GENERATOR = ("{top}class NeMoLM:\n    def __init__(self, model):\n{tried}        self.model = model\n\n"
              "    def generate_until(self, requests):\n        return {call}(self.model, requests)\n")


@pytest.mark.parametrize(("caught", "change_type"), [("ModuleNotFoundError", "dependency-wiring"),
                                                     ("RuntimeError", "core-logic")],
                         ids=["import-kept-on-the-instance-where-it-works", "import-kept-whatever-fails"])
def test_an_import_kept_on_the_instance_follows_the_import(caught: str, change_type: str) -> None:
    old = _GENERATOR.format(top="from nemo.text_generation import generate\n\n\n", tried="", call="generate")
    tried = ("        try:\n            from nemo.text_generation import generate\n\n"
             f"            self.generate = generate\n        except {caught}:\n"
             "            raise Exception('nemo is not installed')\n")
    new = _GENERATOR.format(top="", tried=tried, call="self.generate")
    assert _change_type(old, new) == change_type


_MODEL_TYPE = "def set_model_config(cfg):\n    global params\n{body}"
_MODEL_TYPE_READ = "params['model_type'] = cfg.hf_config.model_type\n"


@pytest.mark.parametrize(("otherwise", "change_type"), [
    ("    else:\n        params['model_type'] = cfg.model_type\n", "data-contract"),
    # near miss: where the attribute is missing, a constant stands in; the object is read no other way
    ("    else:\n        params['model_type'] = 'llama'\n", "core-logic"),
], ids=["old-layout-kept-under-the-probe-new-one-under-else", "constant-under-else"])
def test_an_attribute_probed_for_the_old_layout_reads_the_new_one_otherwise(otherwise: str,
                                                                            change_type: str) -> None:
    new = f"    if hasattr(cfg, 'hf_config'):\n        {_MODEL_TYPE_READ}{otherwise}"
    assert _change_type(_MODEL_TYPE.format(body="    " + _MODEL_TYPE_READ),
                        _MODEL_TYPE.format(body=new)) == change_type


_CHAT_MODEL = ("class VLLM:\n    def __init__(self, pretrained, device='cuda',{gained} **kwargs):\n"
               "        self.pretrained = pretrained\n{kept}        self.device = device\n\n"
               "    def apply_chat_template(self, history):\n"
               "        return self.tokenizer.apply_chat_template(\n"
               "            history,\n            tokenize=False,\n{passed}        )\n")


@pytest.mark.parametrize(("default", "change_type"), [("False", "configuration"), ("None", "data-contract")],
                         ids=["switch-passed-on", "value-passed-on"])
def test_a_switch_passed_on_to_what_a_class_calls_is_configuration(default: str, change_type: str) -> None:
    old = _CHAT_MODEL.format(gained="", kept="", passed="")
    new = _CHAT_MODEL.format(gained=f" enable_thinking={default},",
                             kept="        self.enable_thinking = enable_thinking\n",
                             passed="            enable_thinking=self.enable_thinking,\n")
    assert _change_type(old, new) == change_type




_SERVER_RUN = ("class Server:\n    def run(self, port=8000,{gained} **kwargs):\n"
               "        self.setup(port)\n{step}        self.serve(**kwargs)\n")


@pytest.mark.parametrize(("default", "step", "change_type"), [
    ("True", "        if write_client:\n            self.write_client()\n", "configuration"),
    ("False", "        if not write_client:\n            self.write_client()\n", "configuration"),
    # near misses: a switch whose default skips the step; a value, not a switch; a switch that
    # gates a step the function did not take
    ("False", "        if write_client:\n            self.write_client()\n", "data-contract"),
    ("None", "        if write_client:\n            self.write_client()\n", "data-contract"),
    ("True", "        if write_client:\n            self.write_script()\n", "data-contract"),
], ids=["switch-gates-a-step", "switch-off-gates-a-step", "default-skips-the-step", "value-gates-a-step",
         "switch-gates-a-new-step"])
def test_a_switch_that_gates_a_step_a_function_took_is_configuration(default: str, step: str,
                                                                     change_type: str) -> None:
    old = _SERVER_RUN.format(gained="", step="        self.write_client()\n")
    assert _change_type(old, _SERVER_RUN.format(gained=f" write_client={default},", step=step)) == change_type


_ROTATE_LAYERS = "".join(
    f"class {name}(torch.nn.Module):\n    def __init__(self, n, m{{gained}}):\n        super().__init__()\n"
    "        self.weight = torch.nn.Parameter(torch.empty(n, m))\n{step}\n"
    for name in ("LowRankRotateLayer", "SubspaceLowRankRotateLayer"))


@pytest.mark.parametrize(("step", "change_type"), [
    ("        if init_orth:\n            torch.nn.init.orthogonal_(self.weight)\n", "configuration"),
    # near miss: the switch gates a step the constructors did not take
    ("        if init_orth:\n            torch.nn.init.xavier_uniform_(self.weight)\n", "data-contract"),
], ids=["same-step-gated-in-each-class", "other-step-gated"])
def test_the_same_step_gated_by_a_switch_in_two_classes_is_configuration(step: str, change_type: str) -> None:
    """pyvene #160: both low-rank rotate layers take `init_orth=True` and initialise orthogonally
    only when it is on; the line they gate is the same in each class."""
    old = _ROTATE_LAYERS.format(gained="", step="        torch.nn.init.orthogonal_(self.weight)\n")
    new = _ROTATE_LAYERS.format(gained=", init_orth=True", step=step)
    assert _change_type(old, new, path="pyvene/models/layers.py") == change_type


_COLLATE = "def collate(x, num_proc=None{gained}):\n    return run(\n        x,\n{keywords}    )\n"


@pytest.mark.parametrize(("tokenizer", "expected"), [
    ("tok", "configuration"),
    # near miss: a keyword given another value beside the switch
    ("processor", "data-contract"),
], ids=["keywords-aligned-anew", "keyword-given-another-value"])
def test_a_switch_passed_on_beside_keywords_aligned_anew_is_configuration(tokenizer: str,
                                                                         expected: str) -> None:
    old = _COLLATE.format(gained="", keywords="        tokenizer = tok,\n        num_proc  = num_proc,\n")
    new = _COLLATE.format(gained=", last_only=False",
                          keywords=f"        tokenizer  = {tokenizer},\n        num_proc   = num_proc,\n"
                                   "        last_only  = last_only,\n")
    assert _change_type(old, new) == expected


_JOB_CACHE = ("class JobCache:\n    {prefix}def {name}(self, job_id):\n        if job_id in self.jobs:\n"
              "            return self.jobs[job_id]\n        return self.load(job_id)\n")


@pytest.mark.parametrize(("name", "prefix", "expected"), [
    ("get_job", "async ", "data-contract"),
    # near misses: a private method; one whose header is the same
    ("_get_job", "async ", "core-logic"),
    ("get_job", "", "core-logic"),
], ids=["public-method-made-async", "private-method-made-async", "body-changed"])
def test_a_public_function_made_async_changes_how_it_is_called(name: str, prefix: str,
                                                                expected: str) -> None:
    old = _JOB_CACHE.format(prefix="", name=name)
    new = _JOB_CACHE.format(prefix=prefix, name=name).replace("self.load(job_id)", "self.fetch(job_id)")
    assert _change_type(old, new) == expected


_ENGINES = ("class EngineMixin:\n    def step(self):\n        return self.run()\n{mixin}\n\n"
            "class Helper:\n    def help(self):\n        return 1\n{helper}\n\n"
            "class Engine(EngineMixin, Base):\n    def __init__(self):\n        self.x = 1\n{engine}\n\n"
            "class DecodeEngine(EngineMixin, Base):\n    def __init__(self):\n        self.y = 2\n{engine}")
_METRICS = "\n    async def get_metrics(self) -> str:\n        return Exporter.METRICS_TXT\n"


@pytest.mark.parametrize(("mixin", "helper", "expected"), [
    (_METRICS, "", "core-logic"),
    # near miss: the method goes to a class the others do not derive from
    ("", _METRICS, "data-contract"),
], ids=["hoisted-into-the-base", "moved-to-another-class"])
def test_a_method_hoisted_into_a_base_class_is_still_there(mixin: str, helper: str, expected: str) -> None:
    old = _ENGINES.format(mixin="", helper="", engine=_METRICS)
    assert _change_type(old, _ENGINES.format(mixin=mixin, helper=helper, engine="")) == expected


_LORA_LOAD = ("class Manager:\n    def load(self, model):\n        mapper = None\n"
              "        if model.mapper is not None:\n            mapper = model.mapper\n{probe}"
              "        return self.loader(mapper)\n")


@pytest.mark.parametrize(("probe", "expected"), [
    ("            unstack = getattr(mapper, 'get_unstacked_mapper', None)\n"
     "            if callable(unstack):\n                mapper = unstack()\n", "data-contract"),
    # near misses: a value read with a default, not called; a call made where a flag says so
    ("            unstack = getattr(mapper, 'unstacked', None)\n"
     "            if unstack is not None:\n                mapper = unstack\n", "core-logic"),
    ("            unstack = self.unstack\n            if self.flat:\n                mapper = unstack()\n",
     "core-logic"),
], ids=["method-probed-then-called", "attribute-read-with-a-default", "call-under-a-flag"])
def test_a_method_an_object_may_lack_called_where_it_is_there_follows_an_api(probe: str,
                                                                            expected: str) -> None:
    assert _change_type(_LORA_LOAD.format(probe=""), _LORA_LOAD.format(probe=probe)) == expected


_PASSES_TEST = ("{imports}import torch\n\n\n{marker}def test_pipeline_passes():\n"
                "    assert torch.ones(2).sum() == 2\n")


@pytest.mark.parametrize(("imports", "marker", "change_type"), [
    ("import pytest\n", "pytest", "test-coverage"),
    # near miss: the marker is the project's, what it marks follows that import
    ("from colossalai import fx\n", "fx", "dependency-wiring"),
], ids=["test-marked-to-skip", "test-marked-by-a-dependency"])
def test_a_test_marked_to_skip_covers_less(imports: str, marker: str, change_type: str) -> None:
    old = _PASSES_TEST.format(imports="", marker="")
    new = _PASSES_TEST.format(imports=imports, marker=f"@{marker}.mark.skip('skip in CI')\n")
    assert _change_type(old, new, "tests/test_fx/test_passes.py") == change_type


_ENDPOINT_CONFIG = ("from dataclasses import dataclass\n\n\n@dataclass\nclass EndpointModelConfig:\n"
                    "    region: str\n    instance_size: str\n{field}"
                    "    framework: str = 'pytorch'\n{method}")
_DTYPE_ARGS = ("\n    def get_dtype_args(self):\n        dtype = {reads}.lower()\n"
               "        if dtype in ['awq', 'gptq']:\n            return {{'QUANTIZE': dtype}}\n"
               "        return {{}}\n")


@pytest.mark.parametrize(("reads", "change_type"), [("self.model_dtype", "configuration"),
                                                    ("self.region", "core-logic")],
                         ids=["method-working-out-the-new-option", "method-reading-an-old-field"])
def test_an_option_worked_out_where_it_is_declared_is_configuration(reads: str, change_type: str) -> None:
    new = _ENDPOINT_CONFIG.format(field="    model_dtype: str\n", method=_DTYPE_ARGS.format(reads=reads))
    assert _change_type(_ENDPOINT_CONFIG.format(field="", method=""), new) == change_type


_ARG_INIT = ("import torch\n\n\ndef arg_init(args):\n{check}    if hasattr(args, {name}):\n"
             "        args.quantize = load(args.quantize)\n    return args\n")


@pytest.mark.parametrize(("name", "change_type"), [("'quantize'", "configuration"),
                                                   ("'quantize_file'", "core-logic")],
                         ids=["line-beside-requoted", "line-beside-changed"])
def test_a_line_only_laid_out_anew_beside_a_version_check_is_no_change(name: str, change_type: str) -> None:
    check = "    if not (torch.__version__ > '2.3'):\n        raise RuntimeError('PyTorch 2.3 or newer')\n\n"
    old = _ARG_INIT.format(check="", name='"quantize"')
    assert _change_type(old, _ARG_INIT.format(check=check, name=name)) == change_type


_AUTOMODEL_KWARGS = ("class TorchORTBackend:\n    def automodel_kwargs(self):\n        kwargs = {{}}\n"
                     "        if self.config.torch_dtype is not None:\n"
                     "            kwargs['torch_dtype'] = getattr(torch, self.config.torch_dtype)\n{handed}"
                     "        return kwargs\n")


@pytest.mark.parametrize(("handed", "change_type"), [
    ("        if self.config.attn_implementation is not None:\n"
     "            kwargs['attn_implementation'] = self.config.attn_implementation\n", "configuration"),
    # near miss: what is handed on is worked out from the option
    ("        if self.config.attn_implementation is not None:\n"
     "            kwargs['attn_implementation'] = pick(self.config.attn_implementation)\n", "core-logic"),
], ids=["option-handed-on-where-set", "option-worked-on-before-handed-on"])
def test_an_option_handed_on_where_it_is_set_is_configuration(handed: str, change_type: str) -> None:
    old = _AUTOMODEL_KWARGS.format(handed="")
    assert _change_type(old, _AUTOMODEL_KWARGS.format(handed=handed)) == change_type


_POLICY_DICT = ("from typing import Optional, TypedDict\n\n\nclass PolicyConfig(TypedDict):\n"
                "    model_name: str\n    generation: {generation}\n    precision: str\n")
_TRAINER_OPTIONS = ("from dataclasses import dataclass\nfrom typing import Optional\n\n\n@dataclass\n"
                    "class TrainerConfig:\n    steps: int = 10\n    generation: {generation}\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_POLICY_DICT.format(generation="GenerationConfig"),
     _POLICY_DICT.format(generation="Optional[GenerationConfig]"), "data-contract"),
    (_TRAINER_OPTIONS.format(generation="GenerationConfig = GenerationConfig()"),
     _TRAINER_OPTIONS.format(generation="Optional[GenerationConfig] = None"), "configuration"),
    (_POLICY_DICT.format(generation="GenerationConfig"),
     _POLICY_DICT.format(generation="SamplingConfig"), "configuration"),
], ids=["field-without-default-admits-none", "option-may-be-left-unset", "type-named-otherwise"])
def test_a_field_of_options_that_must_be_given_and_may_be_none_changes_its_type(
        old: str, new: str, expected: str) -> None:
    assert _change_type(old, new) == expected


_GEMMA_WRAP = ("import logging\n\n\ndef training_args(model):\n    cls = None\n"
               "    if isinstance(model, Gemma):\n"
               "{added}        cls = 'GemmaDecoderLayer'\n    return cls\n")
_XLA_IMPORT = "        from torch_xla import __version__ as xla_version\n"
_XLA_WARNING = ("        if xla_version == '2.3.0':\n"
                "            logger.log_once('Gemma may fail on torch-xla 2.3.0')\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("        logger = logging.get_logger(__name__)\n" + _XLA_IMPORT + _XLA_WARNING, "configuration"),
    (_XLA_IMPORT + _XLA_WARNING, "configuration"),
    ("        cls = logging.get_logger(__name__)\n" + _XLA_IMPORT + _XLA_WARNING.replace("logger.", "cls."),
     "core-logic"),
], ids=["helper-only-the-check-reads", "check-alone", "helper-read-after-the-check"])
def test_a_version_check_added_with_what_only_it_reads_is_configuration(added: str, expected: str) -> None:
    assert _change_type(_GEMMA_WRAP.format(added=""), _GEMMA_WRAP.format(added=added)) == expected


_FLASH_CHECKED = "def check(self):\n    x = 1\n{block}    return x\n"
_WINDOW_CHECK = ("    if self.window is not None and 'flash' in self.attention:\n"
                 "        flash = Version(version('flash-attn'))\n"
                 "        assert flash >= Version('2.3.0'), 'flash-attn 2.3.0 has windows'\n")
_WINDOW_AND_ALIBI_CHECKS = ("    if 'flash' in self.attention:\n"
                            "        flash = Version(version('flash-attn'))\n"
                            "        if self.window is not None:\n"
                            "            assert flash >= Version('2.3.0'), 'flash-attn 2.3.0 has windows'\n"
                            "        if self.pos_emb == 'alibi':\n"
                            "            if not flash >= Version('2.4.0.post1'):\n"
                            "                print('ALiBi falls back to Triton below 2.4.0.post1')\n")


@pytest.mark.parametrize(("block", "expected"), [
    (_WINDOW_AND_ALIBI_CHECKS, "configuration"),
    (_WINDOW_AND_ALIBI_CHECKS.replace("                print(", "                self.use_triton = True\n"
                                                            "                print("), "core-logic"),
    (_WINDOW_AND_ALIBI_CHECKS + "        x = 2\n", "core-logic"),
], ids=["checks-laid-out-anew", "a-check-that-sets-state", "work-beside-the-checks"])
def test_version_checks_laid_out_anew_are_configuration(block: str, expected: str) -> None:
    old = _FLASH_CHECKED.format(block=_WINDOW_CHECK)
    assert _change_type(old, _FLASH_CHECKED.format(block=block)) == expected


_PRETRAINED_MODEL = ("import torch\n\n\nclass Mistral(PreTrainedModel):\n    def forward(self, x):\n"
                     "        return x\n{added}")
_DTYPE_DEFAULTED = ("\n    @classmethod\n    def from_pretrained(cls, path, *model_args, **kwargs):\n"
                    "        if 'torch_dtype' not in kwargs:\n"
                    "            logger.warning_once('bfloat16 by default')\n"
                    "        torch_dtype = kwargs.pop('torch_dtype', torch.bfloat16)\n"
                    "        return super().from_pretrained(path, *model_args, torch_dtype={passed},"
                    " **kwargs)\n")


@pytest.mark.parametrize(("added", "expected"), [
    (_DTYPE_DEFAULTED.format(passed="torch_dtype"), "configuration"),
    (_DTYPE_DEFAULTED.format(passed="torch.float16"), "core-logic"),
    (_DTYPE_DEFAULTED.format(passed="torch_dtype").replace(
        "        torch_dtype =", "        path = resolve(path)\n        torch_dtype ="), "core-logic"),
], ids=["keyword-defaulted-and-passed-on", "keyword-popped-and-replaced", "override-does-more"])
def test_an_override_giving_a_keyword_a_default_is_configuration(added: str, expected: str) -> None:
    old = _PRETRAINED_MODEL.format(added="")
    assert _change_type(old, _PRETRAINED_MODEL.format(added=added)) == expected


_LOSS_OPTION = ("import argparse\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument(\n        '--loss-fn',\n        default='kl_div',\n"
                "        help=('Loss: kl_div, ce or tv, or a JSON dict of weights.'),\n    )\n"
                "    return parser.parse_args()\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_LOSS_OPTION.replace("kl_div, ce or tv", "kl_div, rkl, ce or tv"), "docs"),
    # near miss: the default changed with the help
    (_LOSS_OPTION.replace("kl_div, ce or tv", "rkl, ce or tv").replace("default='kl_div'", "default='rkl'"),
     "configuration"),
], ids=["help-reworded", "default-changed-too"])
def test_the_help_of_an_option_said_otherwise_is_docs(new: str, expected: str) -> None:
    assert _change_type(_LOSS_OPTION, new) == expected


_WARNING_CLASS = ("class BaseWarning(Exception):\n    message = ''\n\n\n"
                  "class TensorOperationInWrapper(BaseWarning):\n    {name} = (\n"
                  "        'A tensor operation outside of the loop will not be fused '\n"
                  "        'in the generated kernel.'\n    )\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("message", "docs"),
    # near miss: a name for a setting, not a message
    ("pattern", "configuration"),
], ids=["message-reworded", "setting-reworded"])
def test_the_text_a_warning_class_names_its_message_said_otherwise_is_docs(name: str, expected: str) -> None:
    """`message` of `TensorOperationInWrapper` gains a sentence on how to silence it."""
    old = _WARNING_CLASS.format(name=name)
    new = old.replace("kernel.'", "kernel.\\n'\n        'Pass ignore_warnings to silence it.'")
    assert _change_type(old, new, "helion/exc.py") == expected


_ENHANCE_FIELD = ("from dataclasses import dataclass, field\n\n\n"
                  "@dataclass\nclass VADArguments:\n    audio_enhancement: bool = field(\n"
                  "        default=False,\n        metadata={\n"
                  "            \"help\": \"Reduces noise and cancels echo.\"\n        },\n    )\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_ENHANCE_FIELD.replace(" and cancels echo", ""), "docs"),
    # near miss: the default changed with the help
    (_ENHANCE_FIELD.replace(" and cancels echo", "").replace("default=False", "default=True"),
     "configuration"),
], ids=["help-reworded", "default-changed-too"])
def test_the_help_of_a_field_of_an_arguments_dataclass_said_otherwise_is_docs(new: str,
                                                                            expected: str) -> None:
    """`metadata={"help": ...}` of a field HfArgumentParser turns into `--audio_enhancement`: what
    `--help` prints about the option."""
    assert _change_type(_ENHANCE_FIELD, new) == expected


_OFFLOAD_PARAMS = ("import os\n\n\nclass InferParams:\n    def __init__(self):\n"
                   "        self.moe_cpu_threads = 4\n        self.moe_cpu_offload = {value}\n")


@pytest.mark.parametrize(("value", "expected"), [
    ("int(os.environ.get('EXL3_MOE_CPU_OFFLOAD', 0))", "configuration"),
    # near miss: the value read is computed with, not only converted
    ("int(os.environ.get('EXL3_MOE_CPU_OFFLOAD', 0)) * 2", "core-logic"),
], ids=["read-and-converted", "read-and-computed"])
def test_a_constant_read_from_the_environment_and_converted_is_configuration(value: str,
                                                                             expected: str) -> None:
    old, new = (_OFFLOAD_PARAMS.format(value=text) for text in ("0", value))
    assert _change_type(old, new, path="exllamav3/model/config.py") == expected


_FACTORS = ("import tensorflow as tf\n\n\nclass BytePairCache(tf.Module):\n    def __init__(self, base):\n"
            "        super().__init__()\n"
            "        self.factors = tf.pow({base}, tf.range(0, 8, dtype=tf.int64))\n"
            "        self.key2id = {{}}\n")


@pytest.mark.parametrize(("old_base", "new_base", "expected"), [
    ("256", "tf.constant(256, dtype=tf.int64)", "core-logic"),
    # near misses: the call given an argument it was not given before; what the code was given,
    # passed on in another form
    ("256", "256, 2", "data-contract"),
    ("base", "tf.constant(base, dtype=tf.int64)", "data-contract"),
], ids=["literal-converted", "argument-added", "parameter-converted"])
def test_a_literal_handed_through_a_conversion_is_no_call_reshaped(old_base: str, new_base: str,
                                                                   expected: str) -> None:
    old, new = (_FACTORS.format(base=value) for value in (old_base, new_base))
    assert _change_type(old, new, path="pkg/tokenizers/byte_pair_tokenizer.py") == expected


_USE_CASES = ("import textwrap\n\n\ndef usecases():\n    return [\n        UseCase(\n"
              "            title='Zero shot function calling',\n            notes=textwrap.dedent(\n"
              "                \"\"\"\n"
              "                - The tool call format for the mdoel is the same either way.\n"
              "                \"\"\"\n            ),\n            config={'hidden_szie': 64},\n"
              "        ),\n    ]\n")


@pytest.mark.parametrize(("new", "expected"), [
    (_USE_CASES.replace("the mdoel is", "the model is"), "docs"),
    # near misses: a key of the mapping handed to a call respelled names the data otherwise for
    # the callee; prose said otherwise says something else
    (_USE_CASES.replace("hidden_szie", "hidden_size"), "data-contract"),
    (_USE_CASES.replace("the mdoel is the same", "the model is different"), "core-logic"),
], ids=["prose-respelled", "key-respelled", "prose-said-otherwise"])
def test_a_word_of_prose_respelled_in_a_string_is_docs(new: str, expected: str) -> None:
    assert _change_type(_USE_CASES, new) == expected


_DIFF_WARNING = ("def warn_of(diff, messages):\n    if len(diff) > 100:\n        messages.append(\n"
                 "            '======> WARNING! Git diff {words} store '\n"
                 "            '({{}}kb), skipping'.format(1))\n")


@pytest.mark.parametrize(("words", "expected"), [
    ("too large to", "docs"),
    # near miss: a word taken out with a letter, not one letter
    ("large to", "core-logic"),
], ids=["letter-added", "word-dropped"])
def test_a_short_word_respelled_by_a_letter_in_a_message_is_docs(words: str, expected: str) -> None:
    """ClearML #932: `Git diff to large to store` became `too large`."""
    old = _DIFF_WARNING.format(words="to large to")
    assert _change_type(old, _DIFF_WARNING.format(words=words)) == expected


_WINDOWS = ("def close_windows(history, matches):\n    for entry in history:\n"
            "        entry['content'] = (\n            entry['content'][:1] +\\\n"
            "            f'Outdated window with {{len(matches)}} lines {word}...\\n' +\\\n"
            "            entry['content'][2:]\n        )\n    return history")


@pytest.mark.parametrize(("word", "expected"), [
    ("omitted", "docs"),
    # near miss: the text says something else
    ("dropped", "core-logic"),
], ids=["typo-fixed", "text-said-otherwise"])
def test_a_typo_fixed_in_a_formatted_string_beside_a_newline_at_the_end_is_docs(word: str,
                                                                                 expected: str) -> None:
    """`f'... {len(matches)} lines ommitted...'` became `omitted`, and the file gained the newline
    it lacked at its end: the prose the agent is shown, spelled right."""
    old = _WINDOWS.format(word="ommitted")
    assert _change_type(old, _WINDOWS.format(word=word) + "\n", "agent/history_processors.py") == expected


_GRADER = ('"""Grade with `python -m pkg.evals{dot}grade`."""\n\nGRADER_TEMPLATE = """\n'
           "Return a json object with the field criteria_met.\n"
           "- If any criterion is not met, the answer should be false. Only return true {word} all are met.\n"
           '"""\n')


@pytest.mark.parametrize(("word", "expected"), [
    ("if", "docs"),
    # near miss: a word of the prompt replaced by another, not retyped
    ("when", "configuration"),
], ids=["one-letter-retyped", "word-replaced"])
def test_a_two_letter_word_retyped_in_a_prompt_beside_a_docstring_fix_is_docs(word: str,
                                                                               expected: str) -> None:
    old = _GRADER.format(dot="", word="is")
    assert _change_type(old, _GRADER.format(dot=".", word=word), path="pkg/evals/grade.py") == expected


_HF_TEST = ("import pytest\nimport torch\n{imports}\n\n{decorator}def test_auto_classes(model_path):\n"
            "    x = 1\n")
_VERSION_SKIP = ("@pytest.mark.skipif(\n"
                 "    version.parse(transformers.__version__) >= version.parse('4.40.0'),\n"
                 "    reason='auto classes are in transformers from 4.40.0',\n)\n")


@pytest.mark.parametrize(("imports", "decorator", "expected"), [
    ("import transformers\nfrom packaging import version\n", _VERSION_SKIP, "test-coverage"),
    # near miss: a skip on whether an optional package imported, the import guarded anew
    ("try:\n    import flash_attn\n    HAS_FLASH = True\nexcept ImportError:\n    HAS_FLASH = False\n",
     "@pytest.mark.skipif(\n    not HAS_FLASH,\n    reason='no flash-attn',\n)\n", "dependency-wiring"),
    ("try:\n    import flash_attn\n    HAS_FLASH = True\nexcept ImportError:\n    HAS_FLASH = False\n",
     "@pytest.mark.skipif(\n    not HAS_FLASH,\n    reason='not in this version of flash-attn',\n)\n",
     "dependency-wiring"),
], ids=["skipped-on-a-version", "skipped-without-a-package", "reason-naming-a-version"])
def test_a_test_skipped_on_a_version_it_imports_to_read_is_test_coverage(
        imports: str, decorator: str, expected: str) -> None:
    old = _HF_TEST.format(imports="", decorator="")
    new = _HF_TEST.format(imports=imports, decorator=decorator)
    assert _change_type(old, new, path="tests/test_hf.py") == expected


_DFLASH_FORWARD = ("import torch\nfrom speculators.models.utils import {names}\n\n\nclass DFlash:\n"
                   "    {decorator}\n    def forward(self, hidden_states):\n"
                   "        return self.layer(hidden_states)\n")


@pytest.mark.parametrize(("names", "decorator", "expected"), [
    ("conditional_torch_compile, resolve_layers", "@conditional_torch_compile", "configuration"),
    # near miss: a decorator that compiles nothing
    ("cache_outputs, resolve_layers", "@cache_outputs", "dependency-wiring"),
], ids=["compiled-where-supported", "another-decorator"])
def test_a_function_compiled_by_a_wrapper_that_compiles_only_where_it_can_is_configuration(
        names: str, decorator: str, expected: str) -> None:
    old = _DFLASH_FORWARD.format(names="resolve_layers", decorator="@torch.compile")
    assert _change_type(old, _DFLASH_FORWARD.format(names=names, decorator=decorator)) == expected


_LOCK_WAIT = ("import os\nimport fcntl\nimport xm\nimport xr\n\n\n"
              "def wait_for_lock(lock_path, timeout=10.0):\n    fd = {open_call}\n    x = 1\n    return fd\n")


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("os.open(lock_path, os.O_RDONLY)", "os.open(lock_path, os.O_RDWR)", "core-logic"),
    # near miss: a library's function called under its new name
    ("xm.xrt_open(lock_path)", "xr.open_shared(lock_path)", "data-contract"),
    ("os.open(lock_path, fcntl.get_flags())", "os.open(lock_path, fcntl.get_lock_flags())", "data-contract"),
], ids=["another-flag-of-the-standard-library", "library-function-renamed",
        "standard-library-function-renamed"])
def test_another_name_of_the_standard_library_is_no_upstream_rename(was: str, now: str,
                                                                   expected: str) -> None:
    old = _LOCK_WAIT.format(open_call=was)
    assert _change_type(old, _LOCK_WAIT.format(open_call=now)) == expected


_QUANTIZE_FLAGS = ("from pkg.config import FLAGS\n\n\ndef main(argv):\n    if FLAGS.{test}:\n"
                   "        bits = 8 if 'int8' in FLAGS.{kind} else 4\n        return bits\n    return 16\n")
_C_CALL = ("import ctypes as ct\n\n\ndef quantize(lib, blocksize, n):\n"
           "    lib.quantize(ct.c_int32(blocksize), {size})\n    return n\n")


@pytest.mark.parametrize(("template", "old_values", "new_values", "expected"), [
    (_QUANTIZE_FLAGS, {"test": "quantize_type", "kind": "quantize_type"},
     {"test": "quantize_weights", "kind": "quantize_type"}, "core-logic"),
    # near misses: the old flag is read nowhere any more, as after a rename upstream; a function
    # the module still calls elsewhere called no more here
    (_QUANTIZE_FLAGS, {"test": "quantize_type", "kind": "bits_type"},
     {"test": "quantize_weights", "kind": "bits_type"}, "data-contract"),
    (_C_CALL.replace("ct.c_int32(blocksize)", "ct.c_int(blocksize)"), {"size": "ct.c_int(n)"},
     {"size": "ct.c_int32(n)"}, "data-contract"),
], ids=["old-flag-still-read", "old-flag-gone", "function-still-called"])
def test_another_flag_tested_where_the_old_one_is_still_read_is_a_choice(
        template: str, old_values: dict[str, str], new_values: dict[str, str], expected: str) -> None:
    assert _change_type(template.format(**old_values), template.format(**new_values)) == expected


_TRAIN_CALL = ("import argparse\n\n\ndef main(args):\n    trainer = Trainer(\n        model,\n"
               "        train_call_kwargs={{\n            'use_off_policy_tokens': {value},\n"
               "            'ttt_steps': args.ttt_steps,\n        }},\n    )\n    return trainer\n\n\n"
               "def parse_args():\n    parser = argparse.ArgumentParser()\n"
               "    parser.add_argument('--ttt-steps', type=int, default=3)\n{option}"
               "    return parser.parse_args()\n")
_OFF_POLICY = "    parser.add_argument('--use-off-policy-tokens', action='store_true', default=False)\n"


@pytest.mark.parametrize(("value", "option", "expected"), [
    ("args.use_off_policy_tokens", _OFF_POLICY, "configuration"),
    # near misses: the value read from elsewhere; the option read but not declared
    ("detect_off_policy(args)", _OFF_POLICY, "core-logic"),
    ("args.use_off_policy_tokens", "", "core-logic"),
], ids=["option-declared-and-read-for-a-constant", "value-computed", "option-not-declared"])
def test_an_option_declared_and_read_where_a_constant_stood_is_configuration(
        value: str, option: str, expected: str) -> None:
    old = _TRAIN_CALL.format(value="False", option="")
    assert _change_type(old, _TRAIN_CALL.format(value=value, option=option)) == expected


_STORE_CONFIG = ("import os\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass StoreConfig:\n"
                 "    protocol: str\n    master_server_address: str\n{fields}\n    @staticmethod\n"
                 "    def load_from_env() -> 'StoreConfig':\n        return StoreConfig(\n"
                 "            protocol=os.getenv('MOONCAKE_PROTOCOL', 'tcp'),\n"
                 "            master_server_address=os.getenv('MOONCAKE_MASTER'),\n{given}        )\n")
_OFFLOAD_FIELDS = "    enable_ssd_offload: bool = False\n    ssd_offload_path: str = ''\n"
_OFFLOAD_GIVEN = ("            enable_ssd_offload=os.getenv('MOONCAKE_OFFLOAD', 'false') == 'true',\n"
                  "            ssd_offload_path=os.getenv('MOONCAKE_OFFLOAD_PATH', ''),\n")


@pytest.mark.parametrize(("fields", "given", "expected"), [
    (_OFFLOAD_FIELDS, _OFFLOAD_GIVEN, "configuration"),
    # near miss: a keyword the class declares no field for
    (_OFFLOAD_FIELDS, _OFFLOAD_GIVEN + "            retries=int(os.getenv('MOONCAKE_RETRIES', '3')),\n",
     "core-logic"),
], ids=["options-added-and-built-with", "built-with-another-keyword"])
def test_options_added_to_a_class_that_builds_itself_with_them_are_configuration(
        fields: str, given: str, expected: str) -> None:
    old = _STORE_CONFIG.format(fields="", given="")
    assert _change_type(old, _STORE_CONFIG.format(fields=fields, given=given)) == expected


_STORE_SETUP = ("class StoreService:\n    def start(self):\n        ret = self.store.setup(\n"
                "            self.config.protocol,\n            self.config.master_server_address{more}\n"
                "        )\n        return ret\n")


@pytest.mark.parametrize(("more", "expected"), [
    (",\n            None,\n            self.config.enable_ssd_offload,\n"
     "            self.config.ssd_offload_path",
     "configuration"),
    # near misses: a value no configuration holds; only a placeholder
    (",\n            None,\n            self.pick_offload_path()", "data-contract"),
    (",\n            None", "data-contract"),
], ids=["options-appended", "computed-value-appended", "placeholder-only"])
def test_options_a_call_is_given_after_its_arguments_are_configuration(more: str, expected: str) -> None:
    old = _STORE_SETUP.format(more="")
    assert _change_type(old, _STORE_SETUP.format(more=more)) == expected


_FSDP_WRAP = ("import torch\nfrom packaging import version\n\n\ndef main(model):\n    policy = None\n"
              "{choice}    wrapped = FSDP(\n        model,\n        limit_all_gathers=True,\n{keyword}    )\n"
              "{after}    return wrapped\n")
_INIT_CHOICE = ("    if version.parse(torch.__version__) >= version.parse('2.1.0'):\n"
                "        def init(module):\n            module.to_empty(device='cuda')\n\n"
                "        param_init_fn = init\n    else:\n        param_init_fn = None\n")
_INIT_HANDED_ON = "        param_init_fn=param_init_fn,\n"
_RESET_WHERE_CHOSEN = "    if param_init_fn is not None:\n        model.reset_parameters()\n"


@pytest.mark.parametrize(("keyword", "after", "expected"), [
    (_INIT_HANDED_ON, _RESET_WHERE_CHOSEN, "configuration"),
    # near misses: a keyword handing on what no check chose; a test of more than the choice
    ("        param_init_fn=build_init(model),\n", _RESET_WHERE_CHOSEN, "core-logic"),
    (_INIT_HANDED_ON, _RESET_WHERE_CHOSEN.replace("is not None:", "is not None and model.big:"),
     "core-logic"),
], ids=["choice-handed-on-and-tested", "other-value-handed-on", "choice-tested-with-more"])
def test_what_a_version_check_chooses_handed_on_is_configuration(keyword: str, after: str,
                                                                 expected: str) -> None:
    old = _FSDP_WRAP.format(choice="", keyword="", after="")
    assert _change_type(old, _FSDP_WRAP.format(choice=_INIT_CHOICE, keyword=keyword, after=after)) == expected


_SPECULATOR_OPTIONS = ("import argparse\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n"
                       "    parser.add_argument('--speculator-type', default='eagle3')\n"
                       "    parser.add_argument('--draft-arch', type=str, default={arch})\n"
                       "    parser.add_argument('--norm-output', action={action}, default={norm})\n"
                       "    args = parser.parse_args()\n{fill}    return args\n")
_DEFAULTS_FILLED = ("    is_eagle3 = args.speculator_type == 'eagle3'\n    if args.draft_arch is None:\n"
                    "        args.draft_arch = 'llama' if is_eagle3 else 'qwen3'\n"
                    "    if args.norm_output is None:\n        args.norm_output = is_eagle3\n")


@pytest.mark.parametrize(("fill", "expected"), [
    (_DEFAULTS_FILLED, "configuration"),
    # near misses: a default worked out by a call; a default given to an option declared elsewhere
    (_DEFAULTS_FILLED.replace("'llama' if is_eagle3 else 'qwen3'", "detect_arch(args)"), "core-logic"),
    (_DEFAULTS_FILLED + "    if args.model is None:\n        args.model = 'llama-3'\n", "core-logic"),
], ids=["defaults-filled-in-by-another-option", "default-worked-out-by-a-call", "undeclared-option-filled"])
def test_option_defaults_filled_in_once_parsed_are_configuration(fill: str, expected: str) -> None:
    old = _SPECULATOR_OPTIONS.format(arch="'qwen3'", action="'store_true'", norm="False", fill="")
    new = _SPECULATOR_OPTIONS.format(arch="None", action="argparse.BooleanOptionalAction", norm="None",
                                     fill=fill)
    assert _change_type(old, new) == expected


_TUNNEL_CHECK = ("import os\n\n\ndef update_tunnel(cluster):\n    x = 1\n    if '$' in {read}:\n"
                 "        raise ValueError('identity cannot be resolved')\n    return x\n")


@pytest.mark.parametrize(("read", "expected"), [
    ("(cluster['ssh'].get('identity') or '')", "data-contract"),
    # near miss: the fallback worked out by a call
    ("(cluster['ssh'].get('identity') or find_identity())", "core-logic"),
], ids=["key-read-or-a-constant", "key-read-or-a-call"])
def test_a_key_read_that_falls_back_on_a_constant_with_or_tolerates_older_data(read: str,
                                                                              expected: str) -> None:
    old = _TUNNEL_CHECK.format(read="cluster['ssh']['identity']")
    assert _change_type(old, _TUNNEL_CHECK.format(read=read)) == expected


_WARP_LEADER = "def is_warp_leader():\n    x = 1\n{body}"
_CUDA_CHAIN = ("    if cutlass.const_expr(cutlass.CUDA_VERSION.major) == 12:\n"
               "        return elect(T.bool())\n"
               "    elif cutlass.const_expr(cutlass.CUDA_VERSION.major) == 13:\n        return elect()\n"
               "    else:\n        raise ValueError('CUDA 12 or 13')\n")


@pytest.mark.parametrize(("chain", "expected"), [
    (_CUDA_CHAIN, "configuration"),
    # near miss: one test of the chain checks no version
    (_CUDA_CHAIN.replace("elif cutlass.const_expr(cutlass.CUDA_VERSION.major) == 13", "elif use_sync"),
     "core-logic"),
], ids=["elif-chain-on-versions", "chain-testing-an-option"])
def test_the_block_an_elif_chain_on_versions_chose_kept_alone_is_configuration(chain: str,
                                                                               expected: str) -> None:
    old = _WARP_LEADER.format(body=chain)
    assert _change_type(old, _WARP_LEADER.format(body="    return elect()\n")) == expected


_DOWN_PROJ_SPLITS = ("import os\n\n\ndef optimize(model):\n    x = 1\n{flag}    n = 2 if {test} else 1\n"
                     "    return n\n")
_ARL_FLAG = ("    if os.environ.get('NPU_ARL', '0') == '1':\n"
             "        os.environ['NPU_DISABLE_COMPILE_OPT'] = '1'\n")
_MTL_TEST = "(model.size == 18944 or os.environ.get('NPU_MTL', '0') == '1')"


@pytest.mark.parametrize(("flag", "test", "expected"), [
    (_ARL_FLAG, _MTL_TEST, "configuration"),
    ("", _MTL_TEST, "configuration"),
    # near miss: the test gains a clause that reads no environment
    ("", "(model.size == 18944 or model.big)", "core-logic"),
], ids=["flag-sets-environment-and-test-reads-one", "test-reads-a-flag", "test-reads-the-model"])
def test_settings_that_now_follow_flags_of_the_environment_are_configuration(flag: str, test: str,
                                                                             expected: str) -> None:
    old = _DOWN_PROJ_SPLITS.format(flag="", test="model.size == 18944")
    assert _change_type(old, _DOWN_PROJ_SPLITS.format(flag=flag, test=test)) == expected


_MEGABLOX = ("class MoeBlock:\n    def megablox(self, inputs, kernel):\n        x = 1\n"
             "        {binding}\n        return gmm(inputs, kernel, tile_size)\n")


@pytest.mark.parametrize(("binding", "expected"), [
    ("tile_size = (512, 1024, 1024)", "configuration"),
    # near misses: the name is bound to what is computed, or a number inside a computation changes
    ("tile_size = pick_tiles(inputs.shape)", "core-logic"),
    ("tile_size = (512, 512 * inputs.shape[0], 512)", "core-logic"),
], ids=["numbers-retuned", "numbers-replaced-by-a-computation", "number-inside-a-computation"])
def test_a_name_bound_to_other_numbers_is_configuration(binding: str, expected: str) -> None:
    old = _MEGABLOX.format(binding="tile_size = (512, 512, 512)")
    assert _change_type(old, _MEGABLOX.format(binding=binding)) == expected


_RECIPE = ("def pretrain_config(**user_kwargs):\n    recommended = {{\n        \"tensor_parallel\": 2,\n"
           "        \"expert_parallel\": {recommended},\n        \"sequence_parallel\": True,\n    }}\n"
           "    return build(**{{**recommended, **user_kwargs}})\n\n\n"
           "def model_config(\n    tensor_parallel: int = 2,\n    expert_parallel: int = {default},\n"
           "    sequence_parallel: bool = True,\n) -> dict:\n    return {{\"ep\": expert_parallel}}\n")


@pytest.mark.parametrize(("recommended", "default", "expected"), [
    ("8", "8", "configuration"),
    # near miss: the default now names a value computed elsewhere
    ("8", "default_expert_parallel()", "core-logic"),
], ids=["recipe-and-defaults-retuned", "default-computed"])
def test_defaults_retuned_beside_a_table_of_settings_are_configuration(recommended: str, default: str,
                                                                       expected: str) -> None:
    old = _RECIPE.format(recommended="4", default="4")
    assert _change_type(old, _RECIPE.format(recommended=recommended, default=default)) == expected


_OVERRIDES = ("def set_user_overrides(config, args):\n    if args.micro_batch_size:\n"
              "        config.train.micro_batch_size = args.micro_batch_size\n{added}"
              "    if args.lr:\n        config.optimizer.lr = args.lr\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("    if args.timeout_minutes:\n        config.dist.timeout_minutes = args.timeout_minutes\n",
     "configuration"),
    # near miss: the option is computed into another field
    ("    if args.timeout_minutes:\n        config.dist.timeout_seconds = args.timeout_minutes * 60\n",
     "core-logic"),
], ids=["option-handed-to-its-field", "option-computed-into-another-field"])
def test_an_option_handed_on_to_the_field_of_its_name_is_configuration(added: str, expected: str) -> None:
    assert _change_type(_OVERRIDES.format(added=""), _OVERRIDES.format(added=added)) == expected


_VISION_LAYER = ("from flax import linen as nn\n\n\nclass VisionEmbedder(nn.Module):\n"
                 "    config: Config\n{field}    proj_dim: int = 1152\n\n    def setup(self):\n"
                 "        self.proj = nn.Dense(self.proj_dim)\n")


@pytest.mark.parametrize(("field", "expected"), [
    ("    mesh: Mesh\n", "data-contract"),
    # near miss: the field comes with its default, a setting
    ("    mesh_axes: int = 2\n", "configuration"),
], ids=["field-without-a-value", "field-with-a-default"])
def test_a_field_a_class_must_now_be_given_is_its_contract(field: str, expected: str) -> None:
    assert _change_type(_VISION_LAYER.format(field=""), _VISION_LAYER.format(field=field)) == expected


_CONVERTER_MAIN = ("import sys\n\nimport jax\n\n\nif __name__ == '__main__':\n    args, rest = parse()\n"
                   "    model_args = [sys.argv[0]] + rest\n{added}"
                   "    jax.config.update('jax_platforms', 'cpu')\n    main(model_args)\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("    sys.argv = model_args\n", "core-logic"),
    # near miss: an imported library's function replaced is a patch of that dependency
    ("    jax.numpy.einsum = fast_einsum\n", "dependency-wiring"),
], ids=["process-arguments-set", "library-function-replaced"])
def test_setting_the_process_arguments_patches_no_dependency(added: str, expected: str) -> None:
    assert _change_type(_CONVERTER_MAIN.format(added=""), _CONVERTER_MAIN.format(added=added)) == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("docker/Dockerfile.ci", "infrastructure"),
    # near miss: a build matrix's versions are what the build ships
    ("docker/build_matrix.yaml", "configuration"),
], ids=["dockerfile-base-image-bumped", "build-matrix-bumped"])
def test_a_dockerfile_base_image_bumped_is_infrastructure(path: str, expected: str) -> None:
    old = "FROM nvcr.io/nvidia/pytorch:25.09-py3\nWORKDIR /opt/app\n"
    assert _change_type(old, old.replace("25.09", "25.11"), path) == expected


_CACHE_FREE = ("import vllm\n\n\nclass Module:\n    def __init__(self):\n"
               "        self.vllm_version = vllm.__version__\n\n    def empty_cache(self):\n        x = 1\n"
               "{block}        self.clear()\n")
_FREE_ENGINE = ("        for engine in self.worker.cache_engine:\n            engine.gpu_cache = None\n"
                "        self.worker.cache_engine = None\n")


def _indented(block: str) -> str:
    return "".join("    " + line + "\n" for line in block.splitlines())


@pytest.mark.parametrize(("test", "expected"), [
    ("hasattr(self.worker, 'cache_engine') and self.worker.cache_engine is not None", "data-contract"),
    # near misses: the probe is of another attribute, or the test probes nothing
    ("hasattr(self.worker, 'gpu_cache')", "core-logic"),
    ("self.worker.ready", "core-logic"),
], ids=["probed-attribute-read-within", "other-attribute-probed", "no-probe"])
def test_code_kept_for_objects_with_the_attribute_it_reads_is_a_contract(test: str, expected: str) -> None:
    """The module binds `self.vllm_version` from a version: `self` is no version name, so an
    `if` that reads `self` tests no version."""
    old = _CACHE_FREE.format(block=_FREE_ENGINE)
    new = _CACHE_FREE.format(block=f"        if {test}:\n" + _indented(_FREE_ENGINE))
    assert _change_type(old, new) == expected


_QUANT_LOADER = ("class Loader:\n    def load(self, model, model_config):\n        x = 1\n"
                 "        if {test}:\n            model = quantize(model, model_config.quantization_config)\n"
                 "        return model\n")


@pytest.mark.parametrize(("probe", "expected"), [
    ("hasattr(model_config, 'quantization_config')", "data-contract"),
    # near misses: another attribute probed; a condition that is no probe
    ("hasattr(model_config, 'dtype')", "core-logic"),
    ("model_config.enabled", "core-logic"),
], ids=["attribute-probed-before-its-read", "other-attribute-probed", "other-condition"])
def test_a_test_that_probes_first_for_the_attribute_it_reads_stands_objects_without_it(
        probe: str, expected: str) -> None:
    test = "model_config.quantization_config is not None"
    old = _QUANT_LOADER.format(test=test)
    assert _change_type(old, _QUANT_LOADER.format(test=f"{probe} and {test}")) == expected


_PACKAGE_INIT = ("import os\n\nos.environ['TOKENIZERS_PARALLELISM'] = 'false'\n{added}"
                 "DEVICE_TARGET = os.environ.get('DEVICE_TARGET', None)\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("if 'RANK_TABLE_FILE' in os.environ:\n    del os.environ['RANK_TABLE_FILE']\n", "configuration"),
    # near miss: an entry of something else is deleted
    ("if 'RANK_TABLE_FILE' in os.environ:\n    del CACHE['RANK_TABLE_FILE']\n", "core-logic"),
], ids=["environment-variable-unset", "cache-entry-deleted"])
def test_unsetting_an_environment_variable_is_configuration(added: str, expected: str) -> None:
    assert _change_type(_PACKAGE_INIT.format(added=""), _PACKAGE_INIT.format(added=added)) == expected


_LOAD_CHECKPOINT = ("def load_checkpoint(model, args):\n    load_dir = args.load\n    if args.deepspeed:\n"
                    "{bound}        loaded, state = model[0].load_checkpoint(load_dir{passed})\n"
                    "    return loaded\n")


@pytest.mark.parametrize(("bound", "expected"), [
    ("        load_states = False if args.no_load_optim else True\n", "configuration"),
    # near miss: the choice is on the model's state, not on an option: the call is given a keyword
    ("        load_states = False if model[0].empty else True\n", "data-contract"),
], ids=["option-chosen-and-passed", "state-chosen-and-passed"])
def test_a_choice_on_an_option_passed_on_by_keyword_is_configuration(bound: str, expected: str) -> None:
    old = _LOAD_CHECKPOINT.format(bound="", passed="")
    new = _LOAD_CHECKPOINT.format(bound=bound, passed=", load_optimizer_states=load_states")
    assert _change_type(old, new) == expected


_RING = ("def ring_forward(q, k, cu_seqlens, max_seqlen):\n    out, lse = None, None\n{flag}"
         "    for step in range(4):\n        block_out, block_lse = attn(q, k)\n{flatten}"
         "        out, lse = update(out, lse, block_out, block_lse)\n{unflatten}    return out, lse\n")
_FLATTEN = "        block_lse = flatten_lse(block_lse, cu_seqlens=cu_seqlens)\n"
_UNFLATTEN = "    lse = unflatten_lse(lse, cu_seqlens, max_seqlen)\n"


@pytest.mark.parametrize(("test", "expected"), [
    ("block_lse.dim() == 3", "data-contract"),
    ("len(block_lse.shape) == 3", "data-contract"),
    # near misses: the test is of a value, not of a rank; of a rank against a name
    ("block_lse.numel() == 3", "core-logic"),
    ("block_lse.dim() == rank", "core-logic"),
], ids=["dim-called", "shape-length", "value-tested", "rank-against-a-name"])
def test_old_code_kept_for_a_tensor_of_the_old_rank_is_a_contract(test: str, expected: str) -> None:
    """flash-attn now returns the varlen lse flat; the ring still flattens the old 3-d one, and
    a flag set where it did keeps the old unflattening for it."""
    old = _RING.format(flag="", flatten=_FLATTEN, unflatten=_UNFLATTEN)
    new = _RING.format(
        flag="    old_lse = False\n",
        flatten=f"        if {test}:\n            old_lse = True\n    {_FLATTEN}",
        unflatten=f"    if old_lse:\n    {_UNFLATTEN}    else:\n        lse = lse.squeeze(-1).t()\n")
    assert _change_type(old, new) == expected


_BENCH = ("import argparse\n\nparser = argparse.ArgumentParser()\n"
          "parser.add_argument('--ring_impl_type', type=str, default='basic')\n{option}"
          "args = parser.parse_args()\n\n\ndef benchmark(q):\n    if args.use_async:\n"
          "        attn = Async()\n    else:\n{built}    return attn(q)\n")
_ATTN_TYPE = ("parser.add_argument('--attn_type', type=str, default='fa', choices=['fa', 'fa3'],"
              " help='attention type')\n")


@pytest.mark.parametrize(("built", "expected"), [
    ("        attn_type = AttnImpl.from_string(args.attn_type)\n"
     "        attn = LongContextAttention(ring_impl_type=args.ring_impl_type, attn_type=attn_type)\n",
     "configuration"),
    ("        attn = LongContextAttention(ring_impl_type=args.ring_impl_type, attn_type=args.attn_type)\n",
     "configuration"),
    # near misses: the name handed on is bound from the data too; the keyword given is no option
    ("        attn_type = pick(args.attn_type, q)\n"
     "        attn = LongContextAttention(ring_impl_type=args.ring_impl_type, attn_type=attn_type)\n",
     "core-logic"),
    ("        attn = LongContextAttention(ring_impl_type=args.ring_impl_type, attn_type=q.dtype)\n",
     "core-logic"),
], ids=["bound-from-the-option", "option-itself", "bound-from-data-too", "not-an-option"])
def test_an_option_declared_and_given_to_a_call_is_configuration(built: str, expected: str) -> None:
    built_before = "        attn = LongContextAttention(ring_impl_type=args.ring_impl_type)\n"
    old, new = _BENCH.format(option="", built=built_before), _BENCH.format(option=_ATTN_TYPE, built=built)
    assert _change_type(old, new, path="benchmark/bench_attn.py") == expected


_SERVER = ("import argparse\n\nparser = argparse.ArgumentParser()\n"
           "parser.add_argument('--tokenizer', type=str)\n{option}args = parser.parse_args()\n\n"
           "if args.tokenizer is None:\n{unset}\n")


@pytest.mark.parametrize(("unset", "expected"), [
    ("    args.tokenizer = hf_hub_download(args.hf_repo, 'tokenizer.model')", "configuration"),
    # near miss: the value drawn from no option
    ("    args.tokenizer = hf_hub_download('kyutai/moshi', 'tokenizer.model')", "core-logic"),
], ids=["drawn-from-the-option-declared", "drawn-from-nothing-declared"])
def test_an_option_left_unset_given_a_value_drawn_from_the_option_declared_is_configuration(
        unset: str, expected: str) -> None:
    """`--tokenizer`, refused when left unset, is downloaded from the repository `--hf-repo` names:
    a default for one option drawn from another."""
    old = _SERVER.format(option="", unset="    raise ValueError('--tokenizer must be set')")
    new = _SERVER.format(option="parser.add_argument('--hf-repo', type=str, default='kyutai/moshi')\n",
                         unset=unset)
    assert _change_type(old, new, path="server.py") == expected


_CALL_OVER_LINES = ("        attn = LongContextAttention(\n            ring_impl_type=args.ring_impl_type,\n"
                    "{given})\n")


@pytest.mark.parametrize(("given", "expected"), [
    ("            attn_type=args.attn_type,\n", "configuration"),
    # near miss: the keyword given on its own line is no option
    ("            attn_type=q.dtype,\n", "core-logic"),
], ids=["option-given-on-a-line-of-its-own", "not-an-option"])
def test_an_option_declared_and_given_on_a_line_put_into_a_call_is_configuration(given: str,
                                                                                 expected: str) -> None:
    """`self.repo.gc(..., not_in_remote=...)` gains `dry=self.args.dry,` on a line of its own as
    `--dry` is declared: the change removed no line, and the call it put a line into is still
    the statement it hands the option on in."""
    old = _BENCH.format(option="", built=_CALL_OVER_LINES.format(given=""))
    new = _BENCH.format(option=_ATTN_TYPE, built=_CALL_OVER_LINES.format(given=given))
    assert _change_type(old, new, path="benchmark/bench_attn.py") == expected


@pytest.mark.parametrize(("old", "expected"), [
    (_CLI_OPTION, "configuration"),
    # near miss: what the parser does with the options goes with the option
    (_CLI_OPTION.replace("    return parser\n", "    parser.set_defaults(func=export)\n    return parser\n"),
     "core-logic"),
], ids=["option-removed", "option-removed-with-what-the-parser-does"])
def test_a_command_line_option_no_longer_declared_is_configuration(old: str, expected: str) -> None:
    assert _change_type(old, _CLI) == expected


_SPLIT = ("def split(trace, backward):\n    backward = dce(backward)\n{added}"
          "    return trace, backward\n")
_IMPORTS_AND_CALLS = "    from pkg.executors.te import sync_fp8_meta\n\n    sync_fp8_meta(trace, backward)\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_SPLIT.format(added=""), _SPLIT.format(added=_IMPORTS_AND_CALLS), "core-logic"),
    (_SPLIT.format(added=""),
     "from torch._dynamo import OptimizedModule\n\n\n" + _SPLIT.format(
         added="    from pkg.executors.te import run_unpatched\n\n"
               "    if isinstance(trace, OptimizedModule):\n        return run_unpatched(trace, backward)\n"),
     "core-logic"),
    # near miss: the function-local import only takes the place of a reach into a module
    ("import pkg.executors.te as te\n\n\n" + _SPLIT.format(added="    te.sync_fp8_meta(trace, backward)\n"),
     "import pkg.executors.te as te\n\n\n" + _SPLIT.format(added=_IMPORTS_AND_CALLS),
     "dependency-wiring"),
    # near miss: what it calls is named for what it does to imports
    (_SPLIT.format(added=""),
     _SPLIT.format(added=_IMPORTS_AND_CALLS.replace("sync_fp8_meta", "revert_import")), "dependency-wiring"),
], ids=["function-imports-what-it-calls-anew", "function-returns-what-it-imports-and-calls-anew",
        "function-imports-what-it-called-through-a-module",
        "function-imports-a-call-that-works-imports"])
def test_a_function_that_imports_what_it_now_calls_does_something_new(old: str, new: str,
                                                                       expected: str) -> None:
    assert _change_type(old, new) == expected


_EVALUATE = ("{imports}\n\nclass Dataset:\n    def evaluate(self):\n        if not self.goldens:\n"
             "            raise ValueError('no goldens')\n{cleared}        return run(self.goldens)\n")
_TRACER_IMPORTED = "from pkg.tracing import trace_manager\n"


@pytest.mark.parametrize(("old", "expected"), [
    (_EVALUATE.format(imports="", cleared=""), "core-logic"),
    # near miss: the call reached the object through its module before
    (_EVALUATE.format(imports="import pkg.tracing\n",
                      cleared="        pkg.tracing.trace_manager.traces.clear()\n"), "dependency-wiring"),
], ids=["method-called-anew", "method-reached-otherwise"])
def test_a_method_of_an_object_imported_anew_from_the_project_called_anew_does_something_new(
        old: str, expected: str) -> None:
    """`trace_manager.integration_traces_to_evaluate.clear()` added to `evaluate` with the import
    of `trace_manager`: each run starts without the traces of the one before."""
    new = _EVALUATE.format(imports=_TRACER_IMPORTED, cleared="        trace_manager.traces.clear()\n")
    assert _change_type(old, new, "pkg/dataset.py") == expected


_ESTIMATE = ("from pkg.config import build_config\n{imported}\n\n"
             "def estimate(model_path):\n    config = build_config(model_path)\n"
             "{called}    return run(config)\n")


@pytest.mark.parametrize(("imported", "expected"), [
    ("from pkg.models import resolve_fmha_compat\n", "core-logic"),
    ("from .models import resolve_fmha_compat\n", "core-logic"),
    # near miss: what it calls anew comes from another package: code following a dependency
    ("from accelerate.utils import resolve_fmha_compat\n", "dependency-wiring"),
], ids=["own-package", "own-package-relative", "other-package"])
def test_code_calling_anew_what_it_imports_from_its_own_package_does_something_new(imported: str,
                                                                                  expected: str) -> None:
    old = _ESTIMATE.format(imported="", called="")
    new = _ESTIMATE.format(imported=imported, called="    resolve_fmha_compat(config, model_path)\n")
    assert _change_type(old, new) == expected



@pytest.mark.parametrize(("imported", "expected"), [
    ("from .models import resolve_fmha_compat\n", "core-logic"),
    # near miss: what it computes with comes from another package
    ("from accelerate.utils import resolve_fmha_compat\n", "dependency-wiring"),
], ids=["own-package", "other-package"])
def test_code_computing_anew_with_what_it_imports_from_its_own_package_does_something_new(
        imported: str, expected: str) -> None:
    old = _ESTIMATE.format(imported="", called="")
    new = _ESTIMATE.format(imported=imported, called="    config = resolve_fmha_compat(config, model_path)\n")
    assert _change_type(old, new) == expected

def test_a_fix_from_its_own_package_called_on_import_wires_the_modules_imported_after_it() -> None:
    old = "from .import_fixes import fix_message_factory\n\nfix_message_factory()\n\nimport trl\n"
    new = ("from .import_fixes import fix_message_factory, fix_torch_check_is_size\n\n"
           "fix_message_factory()\nfix_torch_check_is_size()\n\nimport trl\n")
    assert _change_type(old, new, path="unsloth/__init__.py") == "dependency-wiring"


_TRANSFORM = ("def transform(prologue, computation):\n    names = []\n"
              "    for out, arg in zip({outputs}, computation.args):\n        names.append(out.name)\n"
              "    return names\n")
_LAYERS = "def run(layers, hidden):\n    for layer in layers:\n        hidden = {call}\n    return hidden\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_TRANSFORM.format(outputs="prologue.output"), _TRANSFORM.format(outputs="prologue.output[0]"),
     "data-contract"),
    (_LAYERS.format(call="layer(hidden)[0]"), _LAYERS.format(call="layer(hidden)"), "data-contract"),
    # near misses: another element taken; a slice, not an element
    (_LAYERS.format(call="layer(hidden)[0]"), _LAYERS.format(call="layer(hidden)[1]"), "core-logic"),
    (_TRANSFORM.format(outputs="prologue.output"), _TRANSFORM.format(outputs="prologue.output[:2]"),
     "core-logic"),
], ids=["element-taken-from-what-was-whole", "result-read-whole", "other-element", "slice"])
def test_a_value_read_as_an_element_of_a_tuple_is_a_data_contract(old: str, new: str, expected: str) -> None:
    assert _change_type(old, new) == expected


_DATASET = ("class TextDataset:\n    def load(self, messages):\n"
            "        return {call}(messages, tokenize=False)\n{helper}")
_SAFE = ("\n    def _apply_template(self, messages, **extra):\n        try:\n"
         "            return self.processor.apply_chat_template(messages, tokenize=False, **extra)\n"
         "        except {error}:\n            pass\n"
         "        return self.processor.apply_chat_template(messages, tokenize=False)\n")


@pytest.mark.parametrize(("error", "expected"), [
    ("TypeError", "data-contract"),
    ("(TypeError, ValueError)", "data-contract"),
    # near miss: a call retried where the value is refused is no probe of the signature
    ("ValueError", "core-logic"),
], ids=["type-error", "type-error-among-others", "value-error"])
def test_a_call_retried_with_fewer_arguments_where_they_are_refused_keeps_a_contract(error: str,
                                                                                    expected: str) -> None:
    old = _DATASET.format(call="self.processor.apply_chat_template", helper="")
    new = _DATASET.format(call="self._apply_template", helper=_SAFE.format(error=error))
    assert _change_type(old, new) == expected


_REPRO = ("import sys\n\n\nclass Kernel:\n    def __call__(self, *args):\n        return self.run(*args)\n"
          "{helper}")
_PRINT_REPRO = ("\n    def _print_repro(self, args):\n        try:\n            lines = source(self.fn)\n"
                "            start = 0\n            while start < len(lines):\n                start += 1\n"
                "        except ({error}):\n            lines = []\n"
                "        assert len(args) == {retry}\n        print(lines, file=sys.stderr)\n")


@pytest.mark.parametrize(("error", "retry", "expected"), [
    ("OSError, TypeError", "len(self.names)", "core-logic"),
    # near miss: the call made in the `try` made again after it, where TypeError was caught
    ("OSError, TypeError", "len(source(self.fn, args))", "data-contract"),
], ids=["builtin-on-both-sides", "callee-called-again"])
def test_a_builtin_called_in_a_try_and_after_it_retries_no_call(error: str, retry: str,
                                                                expected: str) -> None:
    new = _REPRO.format(helper=_PRINT_REPRO.format(error=error, retry=retry))
    assert _change_type(_REPRO.format(helper=""), new) == expected


_WANDB_INIT = ("def init_secondary(args, run_id{params}):\n    if run_id is None:\n        return\n"
               "    start(run_id)\n")
_ROLLOUT = ("from pkg.wandb import init_secondary\n\n\nclass Manager:\n"
            "    def __init__(self, args, run_id):\n        self.args = args\n"
            "        init_secondary(args, run_id, {given})\n")


@pytest.mark.parametrize(("params", "given", "expected"), [
    (", router_addr=None", "timeout=self.wait, router_addr=self.addr", "core-logic"),
    (", router_addr=None", "timeout=self.wait, router_addr='local'", "configuration"),
    # near misses: a parameter the callee now requires, which every caller must pass; a keyword
    # given anew beside one given another value, as where a parameter's meaning moved
    (", router_addr", "timeout=self.wait, router_addr=self.addr", "data-contract"),
    (", router_addr=None", "timeout=self.addr, router_addr=self.wait", "data-contract"),
], ids=["optional-parameter", "optional-parameter-given-a-constant", "required-parameter",
         "other-keyword-given-another-value"])
def test_a_call_given_a_keyword_its_callee_takes_anew_with_a_default_opts_into_it(
        params: str, given: str, expected: str) -> None:
    callee = _diff("pkg/wandb.py", _WANDB_INIT.format(params=", timeout=1"),
                   _WANDB_INIT.format(params=", timeout=1" + params))
    caller = _diff("pkg/rollout.py", _ROLLOUT.format(given="timeout=self.wait"), _ROLLOUT.format(given=given))
    assert _facts(callee, caller).files[1].change_type == expected


_GPT_MODEL = ("from openai import OpenAI\n\n\nclass GPTModel:\n"
              "    def __init__(self, model_name, temperature=0):\n        self.model_name = model_name\n"
              "        self.temperature = temperature\n\n    def generate(self, prompt):\n"
              "        completion = OpenAI().chat.completions.create(\n            model=self.model_name,\n"
              "            messages=[prompt],\n{given}        )\n        return completion.choices[0]\n")


@pytest.mark.parametrize(("given", "expected"), [
    ("            temperature=self.temperature,\n", "configuration"),
    # near miss: the value handed on is not the setting of that name
    ("            temperature=self.model_name,\n", "data-contract"),
], ids=["own-setting-by-its-name", "another-field"])
def test_a_call_given_anew_the_setting_its_object_keeps_under_that_name_is_configuration(
        given: str, expected: str) -> None:
    """`completions.create(...)` gains `temperature=self.temperature`: the model's setting,
    kept since it was made, now reaches the calls it was meant for."""
    old, new = _GPT_MODEL.format(given=""), _GPT_MODEL.format(given=given)
    assert _change_type(old, new, "models/openai_model.py") == expected


_TE_CACHE = ("{imports}\n\nclass HFInferenceParams(InferenceParams):\n"
             "    def reorder_cache(self, beam_idx):\n        self.cache = self.cache[beam_idx]\n{added}")
_COMPILEABLE = ("\n    @property\n    def is_compileable(self) -> bool:\n"
                "        \"\"\"Not compatible with torch.compile.\"\"\"\n        return {answer}\n")


@pytest.mark.parametrize(("imports", "answer", "expected"), [
    ("from transformer_engine.pytorch import InferenceParams", "False", "data-contract"),
    # near misses: the base is the project's own; the method computes its answer
    ("from models.cache import InferenceParams", "False", "core-logic"),
    ("from transformer_engine.pytorch import InferenceParams", "self.cache is None", "core-logic"),
], ids=["dependency-base", "own-base", "answer-computed"])
def test_a_capability_a_dependency_s_subclass_answers_anew_is_a_contract(imports: str, answer: str,
                                                                        expected: str) -> None:
    """`is_compileable` returning False added to a cache built on Transformer Engine's
    `InferenceParams`: transformers 5 asks it of every cache handed to `generate()`."""
    old = _TE_CACHE.format(imports=imports, added="")
    new = _TE_CACHE.format(imports=imports, added=_COMPILEABLE.format(answer=answer))
    assert _change_type(old, new, "models/modeling_llama_te.py") == expected


_EMBEDDER = ("from transformers import AutoModel, AutoTokenizer\n\n\ndef load(model_id, cache_dir):\n"
             "    tokenizer = AutoTokenizer.from_pretrained(model_id{given}, cache_dir=cache_dir)\n"
             "    model = AutoModel.from_pretrained(model_id, {neighbour}, cache_dir=cache_dir)\n"
             "    return tokenizer, model\n")


@pytest.mark.parametrize(("neighbour", "given", "expected"), [
    ("trust_remote_code=True", ", trust_remote_code=True", "configuration"),
    # near misses: a keyword no call of the file was given before; None, which a call passes
    # where its callee comes to require the keyword; a name, not a setting spelled out
    ("trust_remote_code=True", ", use_fast=True", "data-contract"),
    ("revision=None", ", revision=None", "data-contract"),
    ("dtype=object", ", dtype=object", "data-contract"),
], ids=["given-as-the-other-call-is", "given-anew", "none-given-alike", "name-given-alike"])
def test_a_call_given_the_setting_its_neighbour_was_given_all_along_is_configuration(
        neighbour: str, given: str, expected: str) -> None:
    """The tokenizer is loaded with `trust_remote_code=True`, as the model beside it always was."""
    old, new = (_EMBEDDER.format(given=text, neighbour=neighbour) for text in ("", given))
    assert _change_type(old, new, "model/local/embedder.py") == expected


_SERVE = "def serve(app, args):\n    app.run(debug=False, port=args.port{given})\n"


@pytest.mark.parametrize(("given", "expected"), [
    (', host="0.0.0.0"', "configuration"),
    (", workers=4", "configuration"),
    # near misses: what a call passes where the callee's signature now asks (`weights_only=True`,
    # `pad_len=None`)
    (", host=None", "data-contract"),
    (", threaded=True", "data-contract"),
], ids=["address", "count", "none", "boolean"])
def test_a_call_given_a_keyword_spelled_out_as_a_string_or_number_sets_an_option(
        given: str, expected: str) -> None:
    caller = _diff("pkg/server.py", _SERVE.format(given=""), _SERVE.format(given=given))
    assert _facts(caller).files[0].change_type == expected


@pytest.mark.parametrize(("given", "expected"), [
    (', host="0.0.0.0"', "configuration"),
    # near miss: the keyword taken away passed on what the function was given
    (", workers=args.workers", "data-contract"),
], ids=["address-dropped", "argument-dropped"])
def test_a_call_no_longer_given_a_string_or_number_leaves_the_default(given: str, expected: str) -> None:
    """CogVLM #6: `demo.launch(server_port=7860)` became `demo.launch()`."""
    caller = _diff("pkg/server.py", _SERVE.format(given=given), _SERVE.format(given=""))
    assert _facts(caller).files[0].change_type == expected


_CROSS = "import torch\n\n\ndef exp_map(w, v):\n    x = 1\n    return torch.cross(w, v{given})\n"


@pytest.mark.parametrize(("given", "expected"), [
    (", dim=1", "core-logic"),
    # near miss: a number given anew under another name sets an option
    (", out_size=3", "configuration"),
], ids=["axis", "size"])
def test_a_call_given_anew_the_axis_it_computes_over_changes_what_it_computes(
        given: str, expected: str) -> None:
    """`torch.cross(w, v)` became `torch.cross(w, v, dim=1)` (theseus #217): the product is taken
    along another axis, a fix of the computation, not an option chosen."""
    caller = _diff("pkg/geometry/se3.py", _CROSS.format(given=""), _CROSS.format(given=given))
    assert _facts(caller).files[0].change_type == expected


_INIT_DATA = ("def init_data(batch_size, num_workers=8, drop_last=True):\n    x = 1\n"
              "    loader = make_videodataset(\n        batch_size=batch_size,\n{given}    )\n"
              "    return loader\n")


@pytest.mark.parametrize(("given", "expected"), [
    ("        drop_last=drop_last,\n", "configuration"),
    # near miss: the parameter handed on is a count, not a switch
    ("        num_workers=num_workers,\n", "data-contract"),
], ids=["switch", "count"])
def test_a_call_handed_its_function_s_switch_by_name_sets_an_option(given: str, expected: str) -> None:
    """I-JEPA #11: `init_data` took `drop_last=True` and now hands it to the video loader."""
    caller = _diff("src/datasets/data_manager.py", _INIT_DATA.format(given=""),
                   _INIT_DATA.format(given=given))
    assert _facts(caller).files[0].change_type == expected


_BUILD_DLL = ("def build_dll(dll_path, mode):\n    cuda_enabled = 'WP_ENABLE_CUDA=1'\n"
              "    if mode == 'debug':\n"
              "        cpp_flags = f'-O0 -g -D_DEBUG {{CPU}}-D{{cuda_enabled}} -fPIC'\n"
              "    if mode == 'release':\n"
              "        cpp_flags = f'-O3 -DNDEBUG {{CPU}}-D{{cuda_enabled}} -fPIC'\n"
              "    {command} = f'g++ {{cpp_flags}} -o {{dll_path}}'\n    run(command)\n")


@pytest.mark.parametrize(("command", "expected"), [
    ("command", "configuration"),
    # near miss: the command line is built otherwise too
    ("cpp_command", "core-logic"),
], ids=["flags-only", "command-beside"])
def test_a_build_function_spelling_other_flags_is_configuration(command: str, expected: str) -> None:
    old = _BUILD_DLL.replace("{{CPU}}", "-DWP_CPU ").format(command="command")
    new = _BUILD_DLL.replace("{{CPU}}", "").format(command=command).replace("run(command)", f"run({command})")
    assert _change_type(old, new, path="pkg/build_dll.py") == expected


_LLAMA_PATCH = ("import os\n\n\ndef patch_llama({params}use_tp=False):\n    if use_tp:\n"
                "        enable({passed})\n")
_PARSE = ("import argparse\n\nfrom pkg.patch import patch_llama\n\n\ndef parse():\n"
          "    args = argparse.ArgumentParser().parse_args()\n"
          "    if args.fast:\n        patch_llama({given}use_tp=(args.tp_num > 1))\n    return args\n")


@pytest.mark.parametrize(("params", "expected"), [
    ("fsdp_num, ", "data-contract"),
    # near miss: a parameter taken anew with a default, which the call opts into with an option
    ("fsdp_num=1, ", "configuration"),
], ids=["required-parameter", "optional-parameter"])
def test_an_option_passed_where_the_callee_now_requires_it_follows_the_interface(params: str,
                                                                                 expected: str) -> None:
    callee = _diff("pkg/patch.py", _LLAMA_PATCH.format(params="", passed=""),
                   _LLAMA_PATCH.format(params=params, passed="fsdp_num"))
    caller = _diff("pkg/arguments.py", _PARSE.format(given=""),
                   _PARSE.format(given="fsdp_num=args.fsdp_num, "))
    assert _facts(callee, caller).files[1].change_type == expected


def test_an_option_the_called_function_takes_with_a_default_is_opted_into() -> None:
    """A near miss of the test above: another function of the change requires the name, the one
    called takes it with a default (`LigerRMSNorm(..., in_place=False)` beside a new
    `rms_norm_backward(..., in_place)`): an option set, not an interface followed."""
    callee = _diff("pkg/patch.py", _LLAMA_PATCH.format(params="", passed=""),
                   _LLAMA_PATCH.format(params="fsdp_num=1, ", passed="fsdp_num"))
    other = _diff("pkg/shard.py", "def shard(x):\n    return x\n",
                  "def shard(x, fsdp_num):\n    return x[fsdp_num]\n")
    caller = _diff("pkg/arguments.py", _PARSE.format(given=""),
                   _PARSE.format(given="fsdp_num=args.fsdp_num, "))
    assert _facts(callee, other, caller).files[2].change_type == "configuration"


_PREFIX_CLI = ("import argparse\n\nfrom pkg.compiler import compile\n\n\ndef main():\n"
        "    parser = argparse.ArgumentParser()\n    parser.add_argument(\"--model\", type=str)\n"
        "    parser.add_argument(\"--{option}\", type=str, default=\"\")\n    parsed = parser.parse_args()\n"
        "    compile(model=parsed.model, {keyword}=parsed.{keyword})\n")
_PREFIX_COMPILE = "def compile(model, {keyword}):\n    build(model)\n    link({keyword})\n"


def test_an_option_renamed_with_the_parameter_it_is_passed_to_stays_a_setting() -> None:
    """A near miss of the test above: the call stops passing the keyword it passed, as where a
    command-line option is renamed with what reads it."""
    callee = _diff("pkg/compiler.py", _PREFIX_COMPILE.format(keyword="prefix_symbols"),
                   _PREFIX_COMPILE.format(keyword="system_lib_prefix"))
    caller = _diff("pkg/cli.py", _PREFIX_CLI.format(option="prefix-symbols", keyword="prefix_symbols"),
                   _PREFIX_CLI.format(option="system-lib-prefix", keyword="system_lib_prefix"))
    assert _facts(callee, caller).files[1].change_type == "configuration"


_NORM_KERNEL = ("import triton\nimport triton.language as tl\n\n\n{decorator}"
                "def norm_kernel(x_ptr, r_ptr, n{param}):\n    x = tl.load(x_ptr)\n{body}"
                "    tl.store(x_ptr, x)\n\n\ndef norm(x, residual=None):\n"
                "    norm_kernel[(1,)](x, residual, x.numel(){given})\n    return x\n")


@pytest.mark.parametrize(("decorator", "expected"), [
    ("@triton.jit\n", "core-logic"),
    ("@triton.autotune(configs=[])\n@triton.jit\n", "core-logic"),
    # near miss: a public function of Python, which other modules may call
    ("", "data-contract"),
], ids=["jit", "autotuned", "plain-function"])
def test_a_triton_kernel_given_a_parameter_by_its_launcher_changes_no_interface(decorator: str,
                                                                                expected: str) -> None:
    old = _NORM_KERNEL.format(decorator=decorator, param="", body="    x = x + tl.load(r_ptr)\n", given="")
    new = _NORM_KERNEL.format(decorator=decorator, param=", HAS_RESIDUAL: tl.constexpr",
                              body="    if HAS_RESIDUAL:\n        x = x + tl.load(r_ptr)\n",
                              given=", HAS_RESIDUAL=residual is not None")
    assert _change_type(old, new) == expected


_EVENTS = "{header}\n    BEFORE_SETUP = \"before_setup\"\n    AFTER_SETUP = \"after_setup\"\n"
_TRIGGERS = ("from pkg.events import EventTypes\n\n\ndef setup(runner, api, options):\n    api.setup()\n"
             "    runner.trigger({read}, api=api)\n"
             "    runner.trigger(EventTypes.AFTER_SETUP{value}, api=api)\n")


@pytest.mark.parametrize(("header", "expected"), [
    ("class EventTypes(Enum):", "data-contract"),
    ("class EventTypes(str, enum.Enum):", "data-contract"),
    # near miss: another base that keeps the members what they were
    ("class EventTypes(Names):", "core-logic"),
], ids=["enum", "string-enum", "other-base"])
def test_a_class_made_an_enum_changes_what_its_members_are(header: str, expected: str) -> None:
    old = "import dataclasses\n\n\n" + _EVENTS.format(header="@dataclasses.dataclass\nclass EventTypes:")
    new = "import enum\nfrom enum import Enum\n\n\n" + _EVENTS.format(header=header)
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("read", "expected"), [
    ("EventTypes.BEFORE_SETUP.value", "data-contract"),
    # near miss: the value of an option read, not a member of a class
    ("options.stage.value", "core-logic"),
], ids=["members-read-by-value", "field-read-by-value"])
def test_members_read_by_their_value_follow_a_class_made_an_enum(read: str, expected: str) -> None:
    old = _TRIGGERS.format(read=read.removesuffix(".value"), value="")
    new = _TRIGGERS.format(read=read, value=".value" if expected == "data-contract" else "")
    assert _change_type(old, new) == expected


_CONVERT = ("import argparse\n\n\ndef load_missing(path, keys):\n    found = read(path)\n"
            "    found = [k for k in found if k not in keys]\n    return found\n\n\n"
            "def save(model, path):\n    model.save(path)\n\n\n"
            "def main():\n    args = argparse.ArgumentParser().parse_args()\n{main}\n\n"
            "if __name__ == '__main__':\n    main()\n")


@pytest.mark.parametrize(("path", "expected"), [
    ("tools/smooth/convert_weights.py", "core-logic"),
    ("convert_weights.py", "core-logic"),
    # near miss: a module of a package, whose functions others import
    ("pkg/smooth/convert_weights.py", "data-contract"),
], ids=["script-in-a-tooling-folder", "script-at-the-root", "module-of-a-package"])
def test_functions_a_script_drops_are_no_interface(path: str, expected: str) -> None:
    old = _CONVERT.format(main="    keys = load_missing(args.path, set())\n    save(args.model, keys)")
    new = _CONVERT.split("def load_missing")[0] + "def main():" + _CONVERT.split("def main():")[1].format(
        main="    args.model.save_pretrained(args.path)")
    assert _change_type(old, new, path=path) == expected


_LLM_TEST = ("import pytest\nimport torch\n\n{imports}\n\ndef test_llm():\n"
             "    assert LlamaConfig(num_hidden_layers=1)\n")
_PLAIN = "from transformers import LlamaConfig\n"
_SKIPPED = ("try:\n    from transformers import LlamaConfig\nexcept ModuleNotFoundError:\n"
            "    pytest.skip('transformers is missing', allow_module_level=True)\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_SKIPPED, _PLAIN, "dependency-wiring"),
    (_PLAIN, _SKIPPED, "dependency-wiring"),
    # near miss: the skip was on another error than a missing module
    (_SKIPPED.replace("ModuleNotFoundError", "ValueError"), _PLAIN, "test-coverage"),
], ids=["skip-dropped", "skip-added", "skip-on-another-error"])
def test_a_test_skipped_where_a_module_is_not_found_follows_its_import(old: str, new: str,
                                                                        expected: str) -> None:
    path = "tests/test_llm.py"
    assert _change_type(_LLM_TEST.format(imports=old), _LLM_TEST.format(imports=new), path=path) == expected



_RESPOND = ("def respond(\n    state,\n    temperature,\n    top_p,\n    apply_rate_limit=True,\n"
            "{option}):\n    ip = get_ip(state)\n    log(ip)\n"
            "{gate}    return stream_iter(state, temperature, top_p)\n")
_RECOMMENDED = ("config = state.model.get('recommended', None)\nif config is not None:\n"
                "    temperature = config.get('temperature', temperature)\n"
                "    top_p = config.get('top_p', top_p)\n")


_REFUSAL = "raise ValueError('either recommended settings or a temperature')\n"


@pytest.mark.parametrize(("old_gate", "gated", "change_type"), [
    ("", _RECOMMENDED, "core-logic"),
    # near misses: the statements were there, and the option now decides on them; the option
    # refuses what it is given with
    (textwrap.indent(_RECOMMENDED, "    "), _RECOMMENDED, "data-contract"),
    ("", _REFUSAL, "data-contract"),
], ids=["gate-over-new-code", "gate-over-old-code", "check-that-refuses"])
def test_an_option_gating_code_written_anew_is_part_of_what_the_function_does(
        old_gate: str, gated: str, change_type: str) -> None:
    old = _RESPOND.format(option="", gate=old_gate)
    new = _RESPOND.format(option="    use_recommended=False,\n",
                          gate="    if use_recommended:\n" + textwrap.indent(gated, "        "))
    assert _change_type(old, new) == change_type


_DECODE_REQUEST = ("message DecodeRequest {{\n  int32 priority = 3;\n{comment}  int32 max_tokens = 4;\n"
                   "{field}}}\n")
_COMMENT = "  // The longest output of a sequence, beside its prefill.\n"


@pytest.mark.parametrize(("old", "new", "path", "change_type"), [
    (_DECODE_REQUEST.format(comment="", field=""), _DECODE_REQUEST.format(comment=_COMMENT, field=""),
     "pkg/proto/serve.proto", "docs"),
    ("# run the tests\npytest\n", "# run the unit tests\n\npytest\n", ".buildkite/run.sh", "docs"),
    # near misses: a field added beside the comment; a step commented out; another interpreter
    ("#!/bin/sh\npytest\n", "#!/bin/bash\npytest\n", ".buildkite/run.sh", "infrastructure"),
    (_DECODE_REQUEST.format(comment="", field=""),
     _DECODE_REQUEST.format(comment=_COMMENT, field="  int32 min_tokens = 5;\n"), "pkg/proto/serve.proto",
     "data-contract"),
    ("steps:\n  - run: pytest\n", "steps:\n  # - run: pytest\n", ".github/workflows/ci.yml",
     "infrastructure"),
    ("/// - disableSafety: skip checks\nfunc generate() {}\n",
     "/// - configuration: how to generate\nfunc generate() {}\n", "swift/Pipeline.swift", "docs"),
    ("/// - disableSafety: skip checks\nfunc generate() {}\n",
     "/// - configuration: how to generate\nfunc generate(count: Int) {}\n", "swift/Pipeline.swift",
     "core-logic"),
], ids=["proto-field-explained", "script-comment-reworded", "interpreter-changed", "proto-field-added",
        "step-commented-out", "swift-doc-comment", "swift-function-changed-too"])
def test_a_text_file_whose_comments_alone_changed_is_docs(old: str, new: str, path: str,
                                                          change_type: str) -> None:
    assert _change_type(old, new, path=path) == change_type


_EXAMPLE_LAUNCH = ("#!/bin/bash\nMBS=1\nFSDP_NUM=1\n{option}\ntorchrun --nproc_per_node 8 train.py \\\n"
           "    --mbs $MBS --fsdp_num $FSDP_NUM{passed}\n")


@pytest.mark.parametrize(("old", "new", "status", "change_type"), [
    (_EXAMPLE_LAUNCH.format(option="", passed=""),
     _EXAMPLE_LAUNCH.format(option="SP_NUM=2", passed=" --sp_num $SP_NUM"), "modified", "configuration"),
    (_EXAMPLE_LAUNCH.format(option="", passed=""),
     _EXAMPLE_LAUNCH.format(option="export XLA_CACHE=./cache/", passed=""), "modified", "configuration"),
    # near misses: a new launch script is a page of the examples; a comment alone reworded
    (None, _EXAMPLE_LAUNCH.format(option="", passed=""), "added", "docs"),
    (_EXAMPLE_LAUNCH.format(option="# one node", passed=""),
     _EXAMPLE_LAUNCH.format(option="# a single node", passed=""), "modified", "docs"),
], ids=["option-passed-on", "environment-set", "new-script", "comment-reworded"])
def test_a_changed_example_launch_script_changes_how_the_example_runs(old: str | None, new: str, status: str,
                                                                      change_type: str) -> None:
    assert _change_type(old, new, path="examples/run.sh", status=status) == change_type


_SIMULATION = ("import json\n\n\ndef simulate(rate):\n    conversations = []\n"
               "    loaded = json.load(open({path}, 'r'))\n    return loaded, rate\n")


_HOME_PATH = "'/home/hanq/data/ShareGPT_V3.json'"


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_HOME_PATH, "'~/data/ShareGPT_V3.json'", "configuration"),
    (_HOME_PATH, "'./data/ShareGPT_V3.json'", "configuration"),
    ("'CompVis/stable-diffusion-v1-4'", "'runwayml/stable-diffusion-v1-5'", "configuration"),
    # near misses: a URL; the path now worked out by a call
    ("'https://example.com/data/ShareGPT_V3.json'", "'https://example.org/data/ShareGPT_V3.json'",
     "core-logic"),
    (_HOME_PATH, "os.path.expanduser('~/data/ShareGPT_V3.json')", "core-logic"),
], ids=["home-folder", "relative", "model-on-a-hub", "url", "path-computed"])
def test_a_file_path_written_anew_is_configuration(old: str, new: str, change_type: str) -> None:
    assert _change_type(_SIMULATION.format(path=old), _SIMULATION.format(path=new)) == change_type


_BENCHMARK = ("def benchmark(q, k, v, D_HEAD, provider):\n    x = 1\n    if provider == 'triton':\n"
              "{bound}        fn = lambda: flex_attention(q, k, v, scale=0.5{passed})\n        return fn\n")


@pytest.mark.parametrize(("bound", "passed", "expected"), [
    ("        options = {'num_stages': 2, 'num_warps': 16 if D_HEAD == 128 else 8, 'CONTIGUOUS': True}\n",
     ", kernel_options=options", "configuration"),
    ("        options = {'num_stages': 2, 'mask': make_mask(q)}\n", ", kernel_options=options",
     "data-contract"),
    ("        options = {'num_stages': 2}\n", ", kernel_options=options, block_mask=mask", "data-contract"),
], ids=["settings", "a-value-computed", "another-keyword-too"])
def test_a_dict_of_settings_handed_to_a_call_is_configuration(
        bound: str, passed: str, expected: str) -> None:
    old = _BENCHMARK.format(bound="", passed="")
    assert _change_type(old, _BENCHMARK.format(bound=bound, passed=passed), "pkg/bench_ops.py") == expected


_PREPARE = ("from pkg.{module} import {names}\n\n\ndef prepare(files, aggregator):\n    x = 1\n"
            "    pool = AggregatorPool(num_workers=4, aggregator=aggregator{passed})\n    return pool\n")


@pytest.mark.parametrize(("module", "expected"), [
    ("webdataset.config", "configuration"),
    ("webdataset.utils", "data-contract"),  # a constant, not one of the settings
], ids=["settings-module", "another-module"])
def test_a_call_given_a_constant_of_a_module_of_settings_is_configuration(module: str, expected: str) -> None:
    old = _PREPARE.format(module=module, names="MAIN_FOLDER", passed="")
    new = _PREPARE.format(module=module, names="INDEX_BATCH_SIZE, MAIN_FOLDER",
                          passed=", batch_size=INDEX_BATCH_SIZE")
    assert _change_type(old, new, "pkg/media/prepare.py") == expected


def test_an_option_whose_type_follows_a_renamed_import_is_dependency_wiring() -> None:
    cli = ("from .serve import {name}\n\n\ndef main(parser):\n    x = 1\n"
           "    parser.add_argument('--overrides', type={name}.from_str, default='')\n    return parser\n")
    old, new = cli.format(name="EngineAndModelConfigOverride"), cli.format(name="EngineConfigOverride")
    assert _change_type(old, new, "pkg/cli/calibrate.py") == "dependency-wiring"



_WAIT = ("class Executor:\n    def wait(self, count: int, timeout: float | None = None) -> {returns}:\n"
         "        \"\"\"Wait for `count` results.\"\"\"\n        return self._engine.wait(count, timeout)\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("dict[str, Any]", "list[dict[str, Any] | None]", "data-contract"),
    ("Tensor", "tuple[Tensor, Tensor]", "data-contract"),
    ("Optional[List[int]]", "Dict[str, int]", "data-contract"),
    # the same kind of container, spelled otherwise or said more precisely
    ("Dict[str, Any]", "dict[str, Any]", "core-logic"),
    ("dict", "Mapping[str, int]", "core-logic"),
    ("Optional[list[int]]", "list[int] | None", "core-logic"),
    ("_Backend", "AttentionBackendEnum", "core-logic"),
    # what was any type is now named
    ("Any", "list[int]", "core-logic"),
])
def test_a_result_of_another_kind_of_container_is_a_data_contract_change(old: str, new: str,
                                                                         expected: str) -> None:
    """A public method that handed back one batch (a mapping) and now hands back a list of
    them changes what every caller does with the result, however alike the names inside."""
    assert _change_type(_WAIT.format(returns=old), _WAIT.format(returns=new)) == expected


_VALIDATE = ("def validate_args(args):\n    assert args.max_len > 0, \"max_len must be positive\"\n"
             "{check}    return args\n")
_OPTIONS_CLASS = ("@dataclass\nclass EngineConfig:\n    offload: bool = field(default=False)\n{field}\n"
                  "    def __post_init__(self):\n        if self.offload and self.pp > 1:\n"
                  "            raise ValueError(\"offload takes no pipeline\")\n{check}")
_POLICY_FIELD = "    policy: str = field(default=\"default\", metadata={\"help\": \"when to reshard\"})\n"
_POLICY_CHECK = ("        valid = (\"default\", \"always\", \"never\")\n"
                 "        if self.policy not in valid:\n"
                 "            raise ValueError(f\"bad {self.policy}\")\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_VALIDATE.format(check="    if args.prefill is not None:\n        assert not args.fault_tolerance\n"),
     _VALIDATE.format(check=""), "configuration"),
    (_VALIDATE.format(check=""), _VALIDATE.format(check="    if args.tp > 8:\n"
                                                        "        logger.warning(\"tp over 8\")\n"
                                                        "        raise ValueError(args.tp)\n"),
     "configuration"),
    (_OPTIONS_CLASS.format(field="", check=""),
     _OPTIONS_CLASS.format(field=_POLICY_FIELD, check=_POLICY_CHECK),
     "configuration"),
    # a check of what the code computes, and a check that also does something else
    (_VALIDATE.format(check=""), _VALIDATE.format(check="    assert batch.shape[0] == args.bs\n"),
     "core-logic"),
    (_VALIDATE.format(check=""), _VALIDATE.format(check="    if args.tp > 8:\n        shard(args)\n"),
     "core-logic"),
    (_VALIDATE.format(check=""), _VALIDATE.format(check="    if args.tp > 8:\n        raise ValueError(\n"
                                                        "            load(args.tp))\n"), "configuration"),
    (_OPTIONS_CLASS.format(field="", check="").replace("EngineConfig", "Engine"),
     _OPTIONS_CLASS.format(field="", check=_POLICY_CHECK).replace("EngineConfig", "Engine"), "core-logic"),
])
def test_checks_of_the_options_given_are_configuration(old: str, new: str, expected: str) -> None:
    """Which combinations of options a program refuses is part of its options: an `assert` or
    a `raise` on `args`, or on the fields of a class of options in its `__post_init__`."""
    assert _change_type(old, new) == expected


_REGISTER = ("import requests\n\n\nclass Engine:\n    def register(self):\n{body}\n"
             "    def launch(self):\n        self.process = start(self.args)\n        return self.process\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("        response = requests.post(\n            f\"http://{self.router}/add_worker?url={self.url}\"\n"
     "        )\n        response.raise_for_status()\n",
     "        response = requests.post(\n"
     "            f\"http://{self.router}/workers\", json={\"url\": self.url}\n"
     "        )\n        response.raise_for_status()\n", "data-contract"),
    ("        for url in get(f\"{self.router}/list_workers\")[\"urls\"]:\n"
     "            post(f\"{url}/abort\")\n",
     "        for worker in get(f\"{self.router}/workers\")[\"workers\"]:\n"
     "            post(f\"{worker['url']}/abort\")\n", "data-contract"),
    # the same endpoint given more, a request added beside the others, another setting read
    ("        requests.post(f\"{self.router}/workers\", json={\"url\": self.url})\n",
     "        requests.post(f\"{self.router}/workers\", json={\"url\": self.url, \"priority\": 1})\n",
     "core-logic"),
    ("        requests.post(f\"{self.router}/workers\", json={\"url\": self.url})\n",
     "        requests.post(f\"{self.router}/workers\", json={\"url\": self.url})\n"
     "        requests.get(f\"{self.router}/health\")\n", "core-logic"),
    ("        self.mode = self.args.get(\"serve/mode\")\n",
     "        self.mode = self.args.get(\"serve/kind\")\n",
     "configuration"),
])
def test_requests_for_other_paths_of_a_service_are_a_data_contract_change(old: str, new: str,
                                                                          expected: str) -> None:
    """A client that asks another service for other paths (SGLang's router moved its workers
    to `/workers`) follows that service's interface."""
    assert _change_type(_REGISTER.format(body=old), _REGISTER.format(body=new)) == expected


_INIT = ("def init(args):\n    torch.manual_seed(args.seed)\n{block}"
         "    if getattr(args, 'custom_init_path', None):\n        load(args.custom_init_path)()\n")


@pytest.mark.parametrize(("guard", "expected"), [
    ("args.tp_comm_overlap", "core-logic"),
    ("self.config.overlap", "core-logic"),
    # what a platform probe or a version loads and sets up is how it is wired
    ("is_npu_available()", "dependency-wiring"),
    ("version.parse(megatron.__version__) >= version.parse('0.12')", "dependency-wiring"),
])
def test_what_an_option_turns_on_is_done_not_loaded(guard: str, expected: str) -> None:
    """An import a block makes to call what it imports, under an option (`if
    args.tp_comm_overlap:`), runs new code where the user asks for it."""
    block = (f"    if {guard}:\n"
             "        from megatron.training.initialize import _initialize_tp_communicators\n\n"
             "        _initialize_tp_communicators()\n\n")
    assert _change_type(_INIT.format(block=""), _INIT.format(block=block)) == expected


_WANDB = ("import wandb\n\n\nclass Logger:\n    def init(self):\n        wandb.init(\n"
          "            project=self.config.project,\n            resume=\"allow\",\n{extra}        )\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("            settings=wandb.Settings(start_method=\"fork\"),\n", "", "configuration"),
    ("", "            settings=wandb.Settings(start_method=\"thread\", x_primary=True),\n", "configuration"),
    # an object of options built of what the code has is data it hands on
    ("            settings=wandb.Settings(mode=self.mode),\n", "", "data-contract"),
])
def test_an_object_of_options_handed_to_a_call_is_configuration(old: str, new: str, expected: str) -> None:
    """A call that stops being handed `settings=wandb.Settings(start_method="fork")` is set up
    otherwise; it is not called otherwise."""
    assert _change_type(_WANDB.format(extra=old), _WANDB.format(extra=new)) == expected


def test_the_declarations_of_aten_operators_are_a_data_contract() -> None:
    """`native_functions.yaml` declares the ops Python calls and the kernel a backend registers
    for each; another YAML file beside it holds settings."""
    old = "- func: gcd(Tensor self, Tensor other) -> Tensor\n  dispatch:\n    XPU: gcd_xpu\n"
    new = old.replace("gcd_xpu", "gcd")
    assert _change_type(old, new, "yaml/native/native_functions.yaml") == "data-contract"
    assert _change_type(old, new, "yaml/native/options.yaml") == "configuration"


_ORCHESTRATOR_CONFIG = ("from pydantic import BaseModel\n\n\n{added}"
                        "class OrchestratorConfig(BaseModel):\n    seed: int = 0\n{field}")
_MIX = ("class EnvMixConfig(BaseModel):\n    \"\"\"How environments are mixed.\"\"\"\n\n"
        "    strategy: Literal[\"interleave\", \"concatenate\"] = \"interleave\"\n"
        "    seed: int | None = None\n\n\n")


@pytest.mark.parametrize(("added", "field", "expected"), [
    (_MIX, "    env_mix: EnvMixConfig = EnvMixConfig()\n", "configuration"),
    # a model of data added, and a class of options that computes
    (_MIX.replace("EnvMixConfig", "EnvMixRecord"), "    env_mix: EnvMixRecord = EnvMixRecord()\n",
     "data-contract"),
    (_MIX.replace("    seed: int | None = None\n", "    def weights(self):\n        return [1.0]\n"),
     "    env_mix: EnvMixConfig = EnvMixConfig()\n", "data-contract"),
])
def test_a_class_of_options_added_with_its_field_is_configuration(added: str, field: str,
                                                                  expected: str) -> None:
    """Options grouped in a class of their own (`EnvMixConfig`) and given to the configuration
    that holds them are options all the same."""
    old = _ORCHESTRATOR_CONFIG.format(added="", field="")
    assert _change_type(old, _ORCHESTRATOR_CONFIG.format(added=added, field=field)) == expected


_GROUP = ("def orchestrate(config):\n    env = EnvGroup(\n        envs=config.envs,\n"
          "        map_kwargs=dict(writer_batch_size=1),\n{extra}    )\n    return env\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("        mix_strategy=config.env_mix.strategy,\n"
     "        mix_kwargs=dict(\n            seed=config.env_mix.seed,\n"
     "            probabilities=config.env_mix.probabilities,\n        ),\n", "configuration"),
    # a dict of what the code computes is data it hands on
    ("        mix_strategy=config.env_mix.strategy,\n"
     "        mix_kwargs=dict(seed=next_seed(config)),\n", "data-contract"),
])
def test_a_dict_of_options_handed_to_a_call_is_configuration(extra: str, expected: str) -> None:
    assert _change_type(_GROUP.format(extra=""), _GROUP.format(extra=extra)) == expected


_OPTIONS_TABLE = ("import nncf\n\nOPTIONS = {\"INT8\": {\"mode\": nncf.Mode.INT8}}\n\n"
                  "if \"INT8_ASYM\" in nncf.Mode.__members__:\n"
                  "    OPTIONS[\"INT8_ASYM\"] = {\"mode\": nncf.Mode.INT8_ASYM}\n<added>\n\n"
                  "def get_options(name):\n    return OPTIONS[name]\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("\nif \"INT8_SYM\" in nncf.Mode.__members__:\n"
     "    OPTIONS[\"INT8_SYM\"] = {\"mode\": nncf.Mode.INT8_SYM}\n", "configuration"),
    ("\nif \"INT8_SYM\" in nncf.Mode.__members__:\n    register(nncf.Mode.INT8_SYM)\n", "core-logic"),
])
def test_an_entry_of_a_table_of_settings_set_where_a_library_offers_it_is_configuration(
        added: str, expected: str) -> None:
    old, new = _OPTIONS_TABLE.replace("<added>", ""), _OPTIONS_TABLE.replace("<added>", added)
    assert _change_type(old, new) == expected


_CLIENTS = ("import httpx\nfrom openai import AsyncOpenAI\n{imports}\n\n"
            "def setup_clients(urls):\n    return [AsyncOpenAI(base_url=url) for url in urls]\n{added}")


@pytest.mark.parametrize(("imports", "added", "expected"), [
    ("from prime_evals import AsyncEvalsClient\n",
     "\n\ndef setup_evals_client() -> AsyncEvalsClient:\n    return AsyncEvalsClient()\n", "core-logic"),
    # an import that code which was there now reaches
    ("from prime_evals import AsyncEvalsClient\n", "", "dependency-wiring"),
])
def test_a_function_written_on_top_of_a_new_import_is_code_of_its_own(imports: str, added: str,
                                                                       expected: str) -> None:
    """A factory the change adds for the client a new package offers does something new, though
    every line of it names what the import binds."""
    old = _CLIENTS.format(imports="", added="")
    new = _CLIENTS.format(imports=imports, added=added)
    if not added:
        new = new.replace("AsyncOpenAI(base_url=url)", "AsyncEvalsClient(base_url=url)")
    assert _change_type(old, new) == expected


_ONNX_EXPORT = ("from pkg.utils import is_torch_version, logging\n\n\n"
           "def export_pytorch(model, args, path, opset):\n    with torch.no_grad():\n{choice}"
           "        onnx_export(\n            model,\n            args,\n            f=path,\n"
           "            opset_version=opset,\n{given}        )\n    return path\n")


@pytest.mark.parametrize(("choice", "given", "expected"), [
    ("        if is_torch_version(\">=\", \"2.9\"):\n            dynamo_kwargs = {\"dynamo\": False}\n"
     "        else:\n            dynamo_kwargs = {}\n", "            **dynamo_kwargs,\n", "configuration"),
    # a choice made on something else, and keywords the dict does not name
    ("        if model.is_scripted:\n            dynamo_kwargs = {\"dynamo\": False}\n"
     "        else:\n            dynamo_kwargs = {}\n", "            **dynamo_kwargs,\n", "core-logic"),
    ("        if is_torch_version(\">=\", \"2.9\"):\n            dynamo_kwargs = {\"external_data\": True}\n"
     "        else:\n            dynamo_kwargs = {}\n", "            **dynamo_kwargs,\n", "core-logic"),
])
def test_keywords_a_call_is_given_only_for_some_versions_are_configuration(choice: str, given: str,
                                                                           expected: str) -> None:
    """`dynamo=False` passed to `torch.onnx.export` only from torch 2.9, where its default
    changed, through a dict an `if` on the version binds."""
    old = _ONNX_EXPORT.format(choice="", given="            dynamo=False,\n")
    assert _change_type(old, _ONNX_EXPORT.format(choice=choice, given=given)) == expected


def test_a_subclass_of_options_that_only_sets_constants_is_a_model_supported() -> None:
    old = ("from packaging import version\n\n\n@register(\"llama\")\nclass LlamaOnnxConfig(TextConfig):\n"
           "    MIN_TRANSFORMERS_VERSION = version.parse(\"4.40.0\")\n")
    new = old + ("\n\n@register(\"glm\")\nclass GLMOnnxConfig(LlamaOnnxConfig):\n"
                 "    MIN_TRANSFORMERS_VERSION = version.parse(\"4.46.0\")\n")
    assert _change_type(old, new) == "core-logic"


_RATIOS = ("from pydantic import BaseModel, Field, model_validator\n\n\n"
           "class EnvConfig(BaseModel):\n    name: str = \"env\"\n"
           "    ratio: float | None = Field(None, gt=0)\n\n\n"
           "class TrainConfig(BaseModel):\n    env: list[EnvConfig] = []\n\n"
           "    @model_validator(mode=\"after\")\n    def validate_env_ratios(self):\n"
           "        ratios = [env.ratio for env in self.env]\n        if all(r is None for r in ratios):\n"
           "            return self\n        if any(r is None for r in ratios):\n"
           "            raise ValueError(\"all envs or none set a ratio\")\n        return self\n")


@pytest.mark.parametrize(("classes", "expected"), [
    (("EnvConfig", "TrainConfig"), "configuration"),
    # the validator of a model of data checks the data it carries
    (("EnvRecord", "TrainRecord"), "data-contract"),
])
def test_a_validator_of_a_class_of_options_is_a_check_of_the_options(classes: tuple[str, str],
                                                                     expected: str) -> None:
    """An option given a default where it could be unset, and the pydantic validator that
    refused a mix of set and unset values dropped with it, change how the program is set up."""
    old = _RATIOS.replace("EnvConfig", classes[0]).replace("TrainConfig", classes[1])
    start = old.index("\n    @model_validator")
    new = old[:start + 1].replace("float | None = Field(None, gt=0)", "float = Field(1.0, gt=0)")
    assert _change_type(old, new) == expected


_DOCS_CONVERTER = ("def as_ids(tokenizer, no, yes):\n"
                   "    return [tokenizer(no).input_ids, tokenizer(yes).input_ids]\n\n\n"
                   "def upload(tokenizer, yes, no):\n    return as_ids(tokenizer, yes, no)\n{main}")


@pytest.mark.parametrize(("main", "expected_type", "expected_keys"), [
    ("\n\nif __name__ == \"__main__\":\n    upload(None, \"1\", \"0\")\n", "core-logic", ["upload"]),
    # a module the documentation's build imports (a hook, its conf.py) is part of the pages
    ("", "docs", ["upload"]),
])
def test_a_script_the_documentation_holds_is_judged_as_code(main: str, expected_type: str,
                                                            expected_keys: list[str]) -> None:
    """`docs/lm_head_to_classifier/convert_lm.py` passed no and yes the other way round: a fix
    of what the script does, and the function it fixed is what the change is about."""
    old = _DOCS_CONVERTER.format(main=main)
    new = old.replace("as_ids(tokenizer, yes, no)", "as_ids(tokenizer, no, yes)")
    facts = _facts(_diff("docs/convert/convert_lm.py", old, new))
    assert (facts.files[0].change_type, facts.key_symbols) == (expected_type, expected_keys)


def test_the_constants_of_a_page_build_are_no_key_symbols() -> None:
    facts = _facts(_diff("docs/conf.py", "project = 'pkg'\nrelease = '1.0'\n",
                         "project = 'pkg'\nrelease = '1.1'\n"))
    assert facts.key_symbols == []


_OPTIONAL = ("from pkg.probe import OptionalImports\n\nCHECK_TORCH = OptionalImports(\"torch\", \"torch\")\n"
             "CHECK_PIL = OptionalImports(\"PIL\", \"vision\")\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("CHECK_AIOHTTP = OptionalImports(\"aiohttp\", \"server\")\n", "dependency-wiring"),
    ("_HAS_APEX = importlib.util.find_spec(\"apex\") is not None\n", "dependency-wiring"),
    ("FLASH_ATTN_AVAILABLE = RequirementCache(\"flash-attn>=2.0\")\n", "dependency-wiring"),
    # a constant set by a call that asks nothing of what is installed
    ("DEFAULT_PORT = get_port(\"server\")\n", "configuration"),
])
def test_a_constant_that_probes_for_a_package_wires_a_dependency(added: str, expected: str) -> None:
    """`CHECK_AIOHTTP = OptionalImports("aiohttp", "server")` beside the other checks: the
    module now looks for one more optional package."""
    assert _change_type(_OPTIONAL, _OPTIONAL + added) == expected


_RESOLVERS = ("import requests\n\n\n{sync}def resolve_images(images):\n"
              "    return [requests.get(url).content for url in images]\n")
_HANDLER = ("import asyncio\n\nfrom pkg.vision import resolve_images\n\n\n"
            "class BatchHandler:\n    async def image_embed(self, images):\n        x = 1\n"
            "        items = await {call}\n        return await self._schedule(items)\n")


@pytest.mark.parametrize(("sync", "expected"), [
    ("async ", "data-contract"),
    # the same call rewritten while the function stays as it was
    ("", "core-logic"),
])
def test_calls_of_a_function_made_a_coroutine_follow_it(sync: str, expected: str) -> None:
    """`resolve_images` became a coroutine in `pkg/vision.py`: its caller awaits it instead of
    running it in a thread."""
    old_handler = _HANDLER.format(call="asyncio.to_thread(resolve_images, images)")
    new_handler = _HANDLER.format(call="resolve_images(images)")
    resolvers = _diff("pkg/vision.py", _RESOLVERS.format(sync=""), _RESOLVERS.format(sync=sync)
                      .replace("requests.get(url).content", "fetch(url)"))
    facts = _facts(resolvers, _diff("pkg/handler.py", old_handler, new_handler))
    assert facts.files[1].change_type == expected


_HUB_LOAD = ("import torch\n\n\ndef build(arch):\n    x = 1\n"
             "    model = torch.hub.load('{repo}', arch, num_classes=0)\n    return model\n")


@pytest.mark.parametrize(("repo", "expected"), [
    ("facebookresearch/xcit:main", "configuration"),
    # near miss: another repository loaded
    ("facebookresearch/deit:main", "core-logic"),
], ids=["branch-pinned", "another-repository"])
def test_a_repository_loaded_at_a_named_revision_is_a_pin(repo: str, expected: str) -> None:
    old = _HUB_LOAD.format(repo="facebookresearch/xcit")
    assert _change_type(old, _HUB_LOAD.format(repo=repo)) == expected


_MOE_LAYER = ("import torch\n{imports}\n\n\nclass MoEMlp(torch.nn.Module):\n"
              "    def forward(self, x):\n        return tutel_moe.moe_layer(x)\n")


@pytest.mark.parametrize(("imports", "expected"), [
    ("try:\n    from tutel import moe as tutel_moe\nexcept:\n    tutel_moe = None\n"
     "    print('Tutel has not been installed.')", "dependency-wiring"),
    # near misses: the `try` runs more than the import; the handler binds nothing in its place
    ("try:\n    from tutel import moe as tutel_moe\n    tutel_moe.init()\nexcept:\n    tutel_moe = None",
     "core-logic"),
    ("try:\n    from tutel import moe as tutel_moe\nexcept:\n    print('Tutel has not been installed.')",
     "core-logic"),
], ids=["bare-except", "try-runs-more", "handler-binds-nothing"])
def test_an_import_tried_under_a_bare_except_that_stands_in_for_it_is_a_probe(imports: str,
                                                                              expected: str) -> None:
    old = _MOE_LAYER.format(imports="from tutel import moe as tutel_moe")
    assert _change_type(old, _MOE_LAYER.format(imports=imports), "models/moe.py") == expected


_HELLO = ("import os\nimport torch\n{early}import argparse\n\n{late}from tutel import moe\n\n"
          "x = torch.tensor(data, requires_grad={grad}, device=device)\n")


@pytest.mark.parametrize(("grad", "expected"), [
    ("False", "configuration"),
    # the imports sorted and nothing else: that is what the change is about
    ("True", "dependency-wiring"),
])
def test_an_import_sorted_among_the_imports_beside_another_change_is_layout(grad: str, expected: str) -> None:
    old = _HELLO.format(early="from tutel import system\n", late="", grad="True")
    new = _HELLO.format(early="", late="from tutel import system\n", grad=grad)
    assert _change_type(old, new, path="pkg/examples/helloworld.py") == expected


def test_imports_a_license_header_pushed_down_are_no_change_of_them() -> None:
    old = "from invoke import Collection, task\n\n\n\n@task\ndef build(c):\n    c.run('make')\n"
    new = ("# Copyright (c) 2024, NVIDIA CORPORATION.\n#\n# SPDX-License-Identifier: Apache-2.0\n\n"
           "from invoke import Collection, task\n\n\n@task\ndef build(c):\n    c.run('make')\n")
    assert _change_type(old, new, path="tasks.py") == "docs"


_SEQUENCE = ("class Sequence:\n    def __init__(self, tokens):\n        self.tokens = tokens\n"
             "        self.cached = 0\n\n    def {name}(self):\n        return (self.tokens, self.cached)\n\n"
             "    def size(self):\n        return len(self.tokens)\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("__getstate__", "data-contract"),
    ("__reduce__", "data-contract"),
    # the same edit to a method that pickles nothing
    ("snapshot", "core-logic"),
])
def test_how_an_object_is_pickled_is_its_contract(name: str, expected: str) -> None:
    """What a sequence pickled to tensor-parallel workers carries now depends on whether it
    was prefilled."""
    old = _SEQUENCE.format(name=name)
    new = old.replace("(self.tokens, self.cached)", "(self.tokens, self.cached if self.prefilled else 0)")
    assert _change_type(old, new) == expected


_DATA_PROTO = ("import io\n\nimport torch\n\n\nclass DataProto:\n    def __getstate__(self):\n"
               "        buffer = io.BytesIO()\n{prepare}        torch.save({saved}, buffer)\n"
               "        return buffer.getvalue(), self.meta_info\n")


@pytest.mark.parametrize(("returned", "expected"), [
    ("        return buffer.getvalue(), self.meta_info\n", "core-logic"),
    # near miss: what it returns changes too
    ("        return buffer.getvalue(), self.meta_info, self.non_tensor_batch\n", "data-contract"),
], ids=["same-state-made-otherwise", "other-state-returned"])
def test_a_pickling_method_returning_the_same_state_keeps_the_contract(returned: str, expected: str) -> None:
    """`__getstate__` stops consolidating the batch in place and saves a consolidated copy."""
    old = _DATA_PROTO.format(prepare="        self.batch = self.batch.consolidate()\n", saved="self.batch")
    new = _DATA_PROTO.format(prepare="        batch = self.batch.consolidate()\n", saved="batch")
    new = new.replace("        return buffer.getvalue(), self.meta_info\n", returned)
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("init", "expected"), [
    ("    def __init__(self):\n        super().__init__()\n\n", "core-logic"),
    ("    def __init__(self, dim):\n        super().__init__(dim)\n\n", "core-logic"),
    # one that did more than its base class's
    ("    def __init__(self):\n        super().__init__()\n        self.scale = 2.0\n\n", "data-contract"),
])
def test_a_method_removed_that_only_called_its_base_class_changes_nothing(init: str, expected: str) -> None:
    old = f"class SiluAndMul(nn.Module):\n\n{init}    def forward(self, x):\n        return x\n"
    new = "class SiluAndMul(nn.Module):\n\n    def forward(self, x):\n        return x\n"
    assert _change_type(old, new, path="pkg/layers/activation.py") == expected


_CLIENT = ("import os\n\n\nclass Api:\n    def __init__(self):\n        self.client = Client(\n"
           "            provider_data={{\n"
           "                \"openai_api_key\": os.environ.get(\"OPENAI_API_KEY\", \"\"),\n"
           "{entry}            }},\n        )\n")


@pytest.mark.parametrize(("entry", "expected"), [
    ("                \"tavily_search_api_key\": os.environ.get(\"TAVILY_SEARCH_API_KEY\", \"\"),\n",
     "configuration"),
    # an entry computed otherwise is what the client is handed anew
    ("                \"session\": make_session(),\n", "core-logic"),
])
def test_entries_read_from_the_environment_added_to_a_dict_are_settings(entry: str, expected: str) -> None:
    assert _change_type(_CLIENT.format(entry=""), _CLIENT.format(entry=entry)) == expected


_DEFAULT_DTYPES = ("if args.dtype == 'float32':\n    torch.set_default_dtype(torch.float32)\n{added}"
           "elif args.dtype == 'float16':\n    torch.set_default_dtype(torch.float16)\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("elif args.dtype == 'float64':\n    torch.set_default_dtype(torch.float64)\n", "configuration"),
    # a branch that does something no other branch does
    ("elif args.dtype == 'float64':\n    model = convert_to_double(model)\n", "core-logic"),
])
def test_a_branch_for_one_more_value_of_a_setting_is_configuration(added: str, expected: str) -> None:
    old = "import torch\n\n" + _DEFAULT_DTYPES.format(added="")
    new = "import torch\n\n" + _DEFAULT_DTYPES.format(added=added)
    assert _change_type(old, new, path="pkg/run.py") == expected


_FAST_CUMSUM = ("import os\n\n{name} = int(os.environ.get('{variable}', '1')) {compare} 0\n\n\n"
                "def get_cumsum_kernel(samples):\n    if {name}:\n        print('slow cumsum')\n"
                "    return samples\n")


@pytest.mark.parametrize(("compare", "expected"), [
    ("==", "configuration"),
    # the switch now means the opposite: not a name alone changed
    ("!=", "core-logic"),
])
def test_a_setting_read_from_a_renamed_variable_into_a_renamed_name_is_configuration(
        compare: str, expected: str) -> None:
    old = _FAST_CUMSUM.format(name="disable_gate_opt", variable="GATE", compare="==")
    new = _FAST_CUMSUM.format(name="disable_fast_cumsum", variable="FAST_CUMSUM", compare=compare)
    assert _change_type(old, new, path="pkg/jit_kernels/gating.py") == expected


_OPTIONAL_SCHEMAS = ("from pkg.imports import CHECK_PYDANTIC\n\nif {test}:\n"
            "    from pydantic import BaseModel, HttpUrl\n\n    DataURIorURL = HttpUrl\n"
            "else:\n    class BaseModel:\n        pass\n{stand_in}\n\n"
            "class Usage(BaseModel):\n    tokens: int\n")


@pytest.mark.parametrize(("test", "expected"), [
    ("CHECK_PYDANTIC.is_available", "dependency-wiring"),
    ("is_pydantic_available()", "dependency-wiring"),
    # a device checked: what the else binds is code for the other devices
    ("torch.cuda.is_available()", "configuration"),
])
def test_a_stand_in_where_an_optional_package_is_missing_wires_a_dependency(test: str,
                                                                          expected: str) -> None:
    """infinity's schemas bind `DataURIorURL = None` where pydantic is not installed, so the
    server can import the name whether or not it is."""
    old = _OPTIONAL_SCHEMAS.format(test=test, stand_in="")
    new = _OPTIONAL_SCHEMAS.format(test=test, stand_in="\n    DataURIorURL = None  # type: ignore\n")
    assert _change_type(old, new, path="pkg/schemas.py") == expected


_LINKED = ("from setuptools import setup\nfrom torch.utils.cpp_extension import CUDAExtension\n\n\n"
           "def build_kernels_extension():\n    return CUDAExtension(\n        name='kernels',\n"
           "        sources={sources},\n        libraries={libraries},\n    )\n")


@pytest.mark.parametrize(("sources", "libraries", "change_type"), [
    ("['gemm.cu']", "['hipblaslt', 'hipblas']", "configuration"),
    # near misses: what the extension compiles changes; the same libraries laid out anew
    ("['gemm.cu', 'moe.cu']", "['hipblaslt']", "infrastructure"),
    ("['gemm.cu']", '["hipblaslt"]', "infrastructure"),
], ids=["library-linked", "source-compiled", "same-libraries"])
def test_a_build_script_linking_other_libraries_is_configuration(sources: str, libraries: str,
                                                                 change_type: str) -> None:
    old = _LINKED.format(sources="['gemm.cu']", libraries="['hipblaslt']")
    new = _LINKED.format(sources=sources, libraries=libraries)
    assert _change_type(old, new, path="setup.py") == change_type


_TILE_CONFIG = ("def grouped_gemm_config(m, n):\n    if m > n:\n        return 128, 128, 64\n    else:\n"
                "{comment}        {names} = {values}\n        group_m = 4\n    return {names}\n")


@pytest.mark.parametrize(("comment", "names", "values", "change_type"), [
    ("        # 64 spills registers\n", "BLOCK_M, BLOCK_N, BLOCK_K", "256, 256, 32", "configuration"),
    ("", "BLOCK_M, BLOCK_N, BLOCK_K", "256, 128, 64", "configuration"),
    # near misses: the tile computed; names that are not constants
    ("", "BLOCK_M, BLOCK_N, BLOCK_K", "256, 256, pick_k(m)", "core-logic"),
    ("", "block_m, block_n, block_k", "256, 256, 32", "core-logic"),
], ids=["retuned-under-a-comment", "retuned", "computed", "lower-case-names"])
def test_constants_of_a_kernel_given_other_numbers_in_a_function_are_configuration(
        comment: str, names: str, values: str, change_type: str) -> None:
    old = _TILE_CONFIG.format(comment="", names=names, values="256, 256, 64")
    new = _TILE_CONFIG.format(comment=comment, names=names, values=values)
    assert _change_type(old, new) == change_type


_PRETRAIN_CALL = ("from megatron.training import pretrain\n\n\ndef run_train(provider, model):\n"
                  "{probe}    pretrain(provider, model{passed})\n")


@pytest.mark.parametrize(("probe", "passed", "change_type"), [
    ("    import inspect\n    kwargs = {}\n    if \"store\" in inspect.signature(pretrain).parameters:\n"
     "        kwargs[\"store\"] = None\n", ", **kwargs", "data-contract"),
    ("    import inspect\n    sig = inspect.signature(pretrain)\n    kwargs = {}\n"
     "    if \"store\" in sig.parameters:\n        kwargs[\"store\"] = None\n", ", **kwargs",
     "data-contract"),
    ("    import inspect\n    parameters = inspect.signature(pretrain).parameters\n    kwargs = {}\n"
     "    if \"store\" in parameters:\n        kwargs[\"store\"] = None\n", ", **kwargs", "data-contract"),
    ("    import inspect\n    name = (\n        \"store\"\n"
     "        if \"store\" in inspect.signature(pretrain).parameters\n        else \"saver\"\n    )\n"
     "    kwargs = {name: None}\n", ", **kwargs", "data-contract"),
    ("    import inspect\n    taken = inspect.getfullargspec(pretrain).args\n    kwargs = {}\n"
     "    if 'store' in taken:\n        kwargs['store'] = None\n", ", **kwargs", "data-contract"),
    # near misses: the signature only logged; whatever keywords the callee takes passed on; a
    # feature turned on where the callee supports it
    ("    import inspect\n    taken = inspect.getfullargspec(pretrain).args\n    kwargs = {}\n"
     "    if 'store' in OPTIONS:\n        kwargs['store'] = None\n", ", **kwargs", "core-logic"),
    ("    import inspect\n    log(inspect.signature(pretrain))\n    kwargs = {'store': None}\n",
     ", **kwargs", "core-logic"),
    ("    import inspect\n    sig = inspect.signature(pretrain)\n"
     "    kwargs = {k: v for k, v in OPTIONS.items() if k in sig.parameters}\n", ", **kwargs", "core-logic"),
    ("    import inspect\n    packs = \"pack\" in inspect.signature(pretrain).parameters\n",
     ", pack=packs", "core-logic"),
], ids=["probed-inline", "probed-through-a-name", "probed-through-its-parameters",
        "keyword-named-by-the-probe", "argument-names-bound-first", "signature-logged",
        "names-bound-and-another-mapping-probed", "any-keyword-taken", "feature-where-supported"])
def test_a_call_given_only_what_the_callees_signature_takes_is_a_contract(probe: str, passed: str,
                                                                         change_type: str) -> None:
    old = _PRETRAIN_CALL.format(probe="", passed=", store=None")
    assert _change_type(old, _PRETRAIN_CALL.format(probe=probe, passed=passed)) == change_type


_OP_CALLER = ("import torch\n\n\ndef _empty(device):\n    return torch.Tensor().to(device)\n\n\n"
              "def gemm_impl(a, b, out_dtype):\n    args = (\n        a,\n{scale_a}        b,\n{scale_b}"
              "        out_dtype,\n    )\n    return torch.ops.turbo_ext.hipblaslt_gemm(*args)\n")
_OP_BINDINGS = ('#include <torch/library.h>\n\nTORCH_LIBRARY(turbo_ext, m) {{\n'
                '    m.def("hipblaslt_gemm(Tensor A, {scales}Tensor B, ScalarType dtype) -> Tensor");\n}}\n')


@pytest.mark.parametrize(("bindings_changed", "change_type"), [
    (True, "data-contract"),
    # near miss: the op's schema stays as it was
    (False, "core-logic"),
], ids=["schema-changed-beside", "schema-kept"])
def test_python_code_calling_an_op_whose_schema_the_change_declares_anew_is_a_contract(
        bindings_changed: bool, change_type: str) -> None:
    old = _OP_CALLER.format(scale_a="        _empty(a.device),\n", scale_b="        _empty(b.device),\n")
    new = _OP_CALLER.format(scale_a="", scale_b="")
    files = [_diff("turbo/gemm_impl.py", old, new)]
    if bindings_changed:
        files.append(_diff("csrc/bindings.cpp", _OP_BINDINGS.format(scales="Tensor scale_a, "),
                           _OP_BINDINGS.format(scales="")))
    facts = _facts(*files)
    assert facts.files[0].change_type == change_type


_WRAPPED_OP = ("import torch\nfrom torch.library import triton_op\n\n\n"
               "@triton_op(\"fp8::matmul\", mutates_args=())\ndef {impl}(a, b, block):\n"
               "    out = torch.empty_like(a)\n    grid = (a.shape[0] // block,)\n"
               "    launch(grid, a, b, out)\n"
               "    check(out)\n    scale(out, block)\n    return out\n{wrapper}")


@pytest.mark.parametrize(("wrapper", "change_type"), [
    ("\n\ndef matmul(a, b, block):\n    \"\"\"Block-scaled FP8 matmul.\"\"\"\n"
     "    return torch.ops.fp8.matmul(a, b, block)\n", "data-contract"),
    ("\n\ndef matmul(a, b, block):\n    return _matmul(a, b, block)\n", "data-contract"),
    # near miss: the public function computes on its own beside the private one
    ("\n\ndef matmul(a, b, block):\n    out = a @ b\n    return out * block\n", "core-logic"),
], ids=["through-the-op", "through-the-function", "computes-itself"])
def test_a_public_function_kept_as_a_wrapper_over_its_code_moved_to_a_registered_op_is_a_contract(
        wrapper: str, change_type: str) -> None:
    old = _WRAPPED_OP.format(impl="matmul", wrapper="")
    assert _change_type(old, _WRAPPED_OP.format(impl="_matmul", wrapper=wrapper)) == change_type


_SEARCH = ("import torch\n\n\n{decorator}def {impl}(a, v, side{flag}):\n"
           "    out = torch.empty_like(v)\n    n = a.shape[0]\n    launch(a, v, n, side, out)\n"
           "    check(out)\n    scale(out, n)\n    record(out)\n    return out\n{wrapper}")


@pytest.mark.parametrize(("decorator", "change_type"), [
    ("@triton_op(\"ops::search\", mutates_args=())\n", "data-contract"),
    # near miss: the code moved to a private helper that registers nothing, shared in the module
    ("", "core-logic"),
], ids=["registered", "private-helper"])
def test_a_public_function_wrapping_its_code_moved_to_a_private_helper_keeps_its_interface(
        decorator: str, change_type: str) -> None:
    old = _SEARCH.format(decorator="", impl="search", flag="", wrapper="")
    wrapper = "\n\ndef search(a, v, side):\n    return _search(a, v, side, True)\n"
    new = _SEARCH.format(decorator=decorator, impl="_search", flag=", increasing", wrapper=wrapper)
    assert _change_type(old, new) == change_type


_SMS = ("import torch\n\n\ndef num_sms():\n    if {test}:\n"
        "        return torch.cuda.get_device_properties(0).multi_processor_count\n"
        "    if is_xpu():\n        return torch.xpu.get_device_properties(0).max_compute_units\n"
        "    raise RuntimeError('unknown backend')\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("is_cuda() or is_hip()", "configuration"),
    ("is_cuda() or torch.version.hip is not None", "configuration"),
    # near misses: a condition of the call's own; the platform taken away
    ("is_cuda() or force", "core-logic"),
    ("is_hip()", "core-logic"),
], ids=["probe-admitted", "version-attribute-admitted", "own-condition", "platform-swapped"])
def test_an_if_that_admits_one_more_platform_is_configuration(test: str, change_type: str) -> None:
    assert _change_type(_SMS.format(test="is_cuda()"), _SMS.format(test=test)) == change_type


_TO_DEVICE = ("import torch\n\n\ndef load_model(model, device='cpu'):\n    if {test}:\n"
              "        model = model.float()\n    return model.to(device)\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("device == 'cpu' or device == torch.device('cpu')", "core-logic"),
    # near miss: another platform admitted
    ("device == 'cpu' or device == 'mps'", "configuration"),
], ids=["same-platform-named-otherwise", "another-platform-admitted"])
def test_a_platform_test_that_admits_its_platform_named_otherwise_admits_none(test: str,
                                                                             change_type: str) -> None:
    old = _TO_DEVICE.format(test="device == 'cpu'")
    assert _change_type(old, _TO_DEVICE.format(test=test)) == change_type


_TRAIN_SCRIPT = ("import os\n\nimport torch\n{imports}\n\n{decorator}def main() -> None:\n"
                 "    rank = int(os.environ.get('RANK', 0))\n    torch.manual_seed(rank)\n    train(rank)\n")


@pytest.mark.parametrize(("imports", "decorator", "change_type"), [
    ("from torch.distributed.elastic.multiprocessing.errors import record\n", "@record\n", "core-logic"),
    # near miss: the decorator was there, now imported from elsewhere
    ("from torch.distributed.elastic.multiprocessing.errors import record\n", "", "dependency-wiring"),
], ids=["decorator-put-on", "import-only"])
def test_a_decorator_put_on_a_function_with_its_import_changes_what_it_does(imports: str, decorator: str,
                                                                          change_type: str) -> None:
    old = _TRAIN_SCRIPT.format(imports="", decorator="")
    assert _change_type(old, _TRAIN_SCRIPT.format(imports=imports, decorator=decorator),
                        path="pkg/train.py") == change_type


_DISTRIBUTIONS_PATCH = ("import importlib.metadata\n\n{guard}{keep}\n    def _patched_distributions():\n"
                        "        for distribution in {source}():\n"
                        "            if distribution.metadata is not None:\n"
                        "                yield distribution\n\n"
                        "    importlib.metadata.distributions = _patched_distributions\n{mark}")
_KEPT = "    _original_distributions = importlib.metadata.distributions\n"
_LOGGING = "import logging\n\nlogger = logging.getLogger(__name__)\n"


@pytest.mark.parametrize(("guard", "keep", "mark", "change_type"), [
    ("if not hasattr(importlib.metadata, '_distributions_patched'):\n", _KEPT,
     "    importlib.metadata._distributions_patched = True\n", "dependency-wiring"),
    ("if hasattr(importlib.metadata, 'distributions'):\n", _KEPT, "", "dependency-wiring"),
    # near misses: the replacement computes what the module then uses, beside the patch; a
    # function set where the module had none, nothing of it kept, adds to what it offers
    ("if hasattr(importlib.metadata, 'distributions'):\n", _KEPT,
     "    logger.info(count(_patched_distributions()))\n", "core-logic"),
    ("if hasattr(importlib.metadata, 'entry_points'):\n", "", "", "core-logic"),
], ids=["applied-once", "where-the-module-has-it", "used-beside", "added-where-nothing-was"])
def test_a_module_function_replaced_by_a_patch_under_a_probe_is_dependency_wiring(
        guard: str, keep: str, mark: str, change_type: str) -> None:
    source = "_original_distributions" if keep else "importlib.metadata.entry_points"
    new = _DISTRIBUTIONS_PATCH.format(guard=guard, keep=keep, source=source, mark=mark) + "\n" + _LOGGING
    assert _change_type(_LOGGING, new, path="pkg/util/logging.py") == change_type


_VERSION_FALLBACK = ("try:\n    from pkg.generated_version import is_release, version\nexcept Exception:\n"
                     "    # otherwise, fall back to version info in this file\n    version = {version}\n"
                     "    is_release = False\n")


@pytest.mark.parametrize(("version", "change_type"), [
    ('"1.1.0"', "configuration"),
    # near miss: the fallback now reads the version from elsewhere
    ('read_version("VERSION")', "dependency-wiring"),
], ids=["fallback-version-raised", "fallback-read-otherwise"])
def test_the_version_an_import_fallback_spells_raised_is_configuration(version: str,
                                                                        change_type: str) -> None:
    old = _VERSION_FALLBACK.format(version='"0.13.0"')
    assert _change_type(old, _VERSION_FALLBACK.format(version=version), path="pkg/version.py") == change_type


_LIT_TEST = ("from pkg.compiler import compile_kernel\n\n\ndef test_read():\n    compile_kernel('read')\n"
             "    # CHECK-LABEL: func.func @read\n    # {check}\n")


@pytest.mark.parametrize(("check", "path", "change_type"), [
    ("CHECK: %[[ID:.+]] = gpu.block_id x", "lit_tests/kernel/codegen.py", "test-coverage"),
    ("CHECK-DAG: %[[ID:.+]] = gpu.block_id x", "pkg/ops/m.py", "test-coverage"),
    # near miss: a comment of prose reworded in the same place
    ("the workgroup id comes from the gpu dialect", "lit_tests/kernel/codegen.py", "docs"),
], ids=["check-line-in-lit-tests", "check-line-elsewhere", "prose-comment"])
def test_a_lit_tests_expected_output_changed_is_test_coverage(check: str, path: str,
                                                              change_type: str) -> None:
    """A FileCheck directive is what the test expects the compiler to print, though Python
    reads it as a comment."""
    old = _LIT_TEST.format(check="CHECK: %[[ID:.+]] = stream.dispatch.workgroup.id[0] : index"
                           if check.startswith("CHECK") else "the workgroup id comes from the stream dialect")
    assert _change_type(old, _LIT_TEST.format(check=check), path=path) == change_type


_EDGES = ("@dataclass\nclass EdgeWeight:\n    delay: int = 0\n\n\n"
          "@dataclass\nclass Edge:\n    weight: EdgeWeight = None\n\n\n")
_SCHEDULER_USING_EDGES = ("class Scheduler:\n    def schedule(self, edges: list[Edge]):\n"
                          "        return sorted(edges, key=lambda e: e.weight.delay)\n")


@pytest.mark.parametrize(("new_tail", "change_type"), [
    (_SCHEDULER_USING_EDGES, "dependency-wiring"),
    # near miss: the module's own code changes beside the move
    (_SCHEDULER_USING_EDGES.replace("e.weight.delay", "-e.weight.delay"), "data-contract"),
], ids=["classes-moved-and-imported-back", "moved-and-code-changed"])
def test_classes_moved_to_the_module_they_are_now_imported_from_are_dependency_wiring(
        new_tail: str, change_type: str) -> None:
    old = "from dataclasses import dataclass\n\nimport torch.fx as fx\n\n\n" + _EDGES + _SCHEDULER_USING_EDGES
    new = "import torch.fx as fx\n\nfrom .graph_utils import Edge, EdgeWeight\n\n\n" + new_tail
    assert _change_type(old, new, path="pkg/scheduling/modulo.py") == change_type


_EMITTER = ("from ..ir import (\n    arith_d,\n    gpu_d,\n{extra}    vector_d,\n)\n\n\n"
            "class Emitter:\n    def emit_ids(self):\n        self.ids = [\n{calls}        ]\n")


@pytest.mark.parametrize(("extra", "calls", "change_type"), [
    ("", "            gpu_d.block_id(gpu_d.Dimension.x),\n            gpu_d.block_id(gpu_d.Dimension.y),\n",
     "core-logic"),
    # near miss: the module the calls now reach is what the import statement brings in anew
    ("    xla_d,\n", "            xla_d.dispatch_id(0),\n            xla_d.dispatch_id(1),\n",
     "dependency-wiring"),
], ids=["calls-turn-to-a-name-imported-all-along", "calls-turn-to-a-name-imported-anew"])
def test_calls_turned_to_another_name_the_same_import_kept_are_core_logic(
        extra: str, calls: str, change_type: str) -> None:
    old = _EMITTER.format(extra="    stream_d,\n", calls="            stream_d.dispatch_id(0),\n"
                          "            stream_d.dispatch_id(1),\n")
    assert _change_type(old, _EMITTER.format(extra=extra, calls=calls), path="pkg/codegen/emitter.py") \
        == change_type


_ARRAY_MODULE = "import importlib.util\n\nfrom _lib import device_array\n\n__all__ = [\"device_array\"]\n"


@pytest.mark.parametrize(("tail", "change_type"), [
    ("np_present = importlib.util.find_spec('numpy') is not None\nif np_present:\n"
     "    from . import _nputils as nputils\n\n    __all__.append('nputils')\n", "dependency-wiring"),
    ("np_present = importlib.util.find_spec('numpy') is not None\nif np_present:\n"
     "    from . import _nputils as nputils\n\n    __all__ += ['nputils']\n", "dependency-wiring"),
    # near miss: what the block exports is not what it imported
    ("np_present = importlib.util.find_spec('numpy') is not None\nif np_present:\n"
     "    from . import _nputils as nputils\n\n    __all__.append('fill_randn')\n", "core-logic"),
], ids=["appended", "added-to", "exports-something-else"])
def test_a_module_exporting_what_a_probe_lets_it_import_is_dependency_wiring(tail: str,
                                                                             change_type: str) -> None:
    assert _change_type(_ARRAY_MODULE, _ARRAY_MODULE + "\n" + tail, path="pkg/array/__init__.py") \
        == change_type


_TENSOR_CLASS = ("class InferenceTensor:\n    def reshape(self, *args):\n"
                 "        from ..ops import reshape\n\n"
                 "        return reshape(self, *args)\n{added}")


@pytest.mark.parametrize(("old", "new", "change_type"), [
    (_TENSOR_CLASS.format(added=""), _TENSOR_CLASS.format(
        added="\n    def repeat(self, *sizes):\n        from ..ops import repeat\n\n"
              "        return repeat(self, *sizes)\n"),
     "core-logic"),
    # near miss: a module-level function named for what it now imports where it is called
    ("from flash_attn import flash_attn_func\n\n\n"
     "def attention(q, k, v):\n    return flash_attn_func(q, k, v)\n",
     "def flash_attn_func(*args):\n    from flash_attn import flash_attn_func\n\n"
     "    return flash_attn_func(*args)\n\n\n"
     "def attention(q, k, v):\n    return flash_attn_func(q, k, v)\n", "dependency-wiring"),
], ids=["method-added-over-an-op-it-imports", "function-loading-what-it-is-named-for"])
def test_a_method_added_over_what_it_imports_is_what_the_class_offers_anew(old: str, new: str,
                                                                          change_type: str) -> None:
    assert _change_type(old, new, path="pkg/types/tensors.py") == change_type


_DISPATCHED_OVERRIDES = ("from .signatures import cat\n\n\n{decorator}def {name}(tensors, dim):\n"
                         "    shards = [t.shards for t in tensors]\n"
              "    return ReplicatedTensor(ts=shards)\n\n\ndef helper(x):\n    return x\n")


@pytest.mark.parametrize(("decorator", "change_type"), [
    ("@cat.override(AllOfType(SplitTensor))\n", "core-logic"),
    ("@register_kernel('cat')\n", "core-logic"),
    # near miss: a public function callers reach by name
    ("", "data-contract"),
], ids=["override", "registered-kernel", "plain-function"])
def test_a_function_registered_with_a_dispatcher_renamed_keeps_its_interface(decorator: str,
                                                                             change_type: str) -> None:
    old = _DISPATCHED_OVERRIDES.format(decorator=decorator, name="cat_sharded")
    new = _DISPATCHED_OVERRIDES.format(decorator=decorator, name="cat_split").replace(
        "    return x\n", "    return x\n\n\ndef cat_replicated(tensors, dim):\n    return tensors[0]\n")
    assert _change_type(old, new, path="pkg/ops/sharded_impls.py") == change_type


_TENSORDICT = ("class TensorDictBase:\n    def {name}(self, key, default, **kwargs):\n"
               "        \"\"\"Insert key with a value of default if key is not in the dictionary.\"\"\"\n"
               "        if key not in self.keys():\n            self.set(key, default, **kwargs)\n"
               "        return self.get(key)\n\n    def keys(self):\n        return list(self._dict)\n")


@pytest.mark.parametrize(("forward", "change_type"), [
    ("return self.setdefault(key, default, **kwargs)", "data-contract"),
    # near misses: the old name now calls a method the class had all along, or passes on less
    ("return self.keys()", "core-logic"),
    ("return self.setdefault(key, None)", "core-logic"),
], ids=["renamed-and-kept", "calls-an-old-method", "passes-on-less"])
def test_a_method_renamed_with_its_old_name_handing_over_is_a_contract_change(forward: str,
                                                                             change_type: str) -> None:
    old = _TENSORDICT.format(name="set_default")
    new = _TENSORDICT.format(name="setdefault").replace(
        "class TensorDictBase:\n",
        "class TensorDictBase:\n    def set_default(self, key, default, **kwargs):\n"
        f"        warn('set_default is deprecated')\n        {forward}\n\n")
    assert _change_type(old, new, path="pkg/tensordict.py") == change_type


_OP_BUILDER = ("from .builder import SYCLOpBuilder\n\n\nclass InferenceBuilder(SYCLOpBuilder):\n"
               "    NAME = 'transformer_inference'\n\n"
               "    def sources(self):\n        return ['csrc/pt_binding.cpp']\n{extra}")


@pytest.mark.parametrize(("old_extra", "new_extra", "change_type"), [
    ("", "\n    def cxx_args(self):\n        args = super().cxx_args()\n"
         "        args.append('-DBF16_AVAILABLE')\n        return args\n", "configuration"),
    ("\n    def extra_ldflags(self):\n        return []\n", "", "configuration"),
    # near miss: a method that is not about flags changes beside them
    ("", "\n    def cxx_args(self):\n        args = super().cxx_args()\n"
         "        args.append('-DBF16_AVAILABLE')\n        return args\n\n"
         "    def is_compatible(self):\n        return self.sycl_available()\n", "core-logic"),
], ids=["compile-flag-added", "link-flags-left-to-the-base", "flags-and-a-check"])
def test_the_flags_an_extension_is_built_with_are_configuration(old_extra: str, new_extra: str,
                                                               change_type: str) -> None:
    assert _change_type(_OP_BUILDER.format(extra=old_extra), _OP_BUILDER.format(extra=new_extra),
                        path="pkg/op_builder/transformer_inference.py") == change_type


_DISTRIBUTE = ("def distribute_tensor(tensor, device_mesh=None, placements=None):\n"
               "    device_mesh = get_global_device_mesh() if device_mesh is None else device_mesh\n"
               "{moved}    return DTensor.from_local(tensor, device_mesh, placements)\n")


@pytest.mark.parametrize(("moved", "change_type"), [
    ("    tensor = tensor.to(device_mesh.device_type)\n", "core-logic"),
    ("    tensor = tensor.to('cuda', non_blocking=True)\n", "core-logic"),
    # near miss: the tensor handed on is of another type
    ("    tensor = tensor.to(torch.float32)\n", "data-contract"),
], ids=["moved-to-the-mesh-device", "moved-to-cuda", "converted-to-float"])
def test_a_tensor_moved_to_another_device_is_not_converted(moved: str, change_type: str) -> None:
    assert _change_type(_DISTRIBUTE.format(moved=""), _DISTRIBUTE.format(moved=moved),
                        path="spmd/__init__.py") == change_type


_DANCER_EXAMPLE = ("import torch\nfrom diffsynth.pipelines.wan_video import WanVideoPipeline, ModelConfig\n\n"
                   "pipe = WanVideoPipeline.from_pretrained(\n    torch_dtype=torch.bfloat16,\n"
                   "    model_configs=[ModelConfig(model_id=\"Wan-AI/{model}\",\n"
                   "                               origin_file_pattern=\"global_model.safetensors\")],\n"
                   ")\nvideo = pipe(prompt=\"dance\", seed=0, num_frames=149)\n"
                   "save_video(video, \"video_{model}.mp4\", fps={fps})\n")


@pytest.mark.parametrize(("model", "fps", "change_type"), [
    ("Wan2.2-Dancer-14B", "7.5", "configuration"),
    # near miss: the example now runs something else too
    ("Wan2.2-Dancer-14B", "7.5 * pipe.frame_stride()", "core-logic"),
], ids=["model-and-paths-renamed", "call-added"])
def test_an_example_run_on_another_model_or_path_is_configuration(model: str, fps: str,
                                                                   change_type: str) -> None:
    old = _DANCER_EXAMPLE.format(model="WanToDance-14B", fps="7.5")
    assert _change_type(old, _DANCER_EXAMPLE.format(model=model, fps=fps),
                        path="examples/wanvideo/model_inference/dancer.py") == change_type


_CMAKE_BUILD = ("add_library(ccl_bindings SHARED ${{SOURCES}})\n"
                "target_compile_options(ccl_bindings PUBLIC -Wall)\n\n"
                "if(COMPUTE_BACKEND STREQUAL \"dpcpp\")\n    add_subdirectory(./gpu)\n{added}endif()\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("    add_definitions(-DUSE_GPU)\n", "configuration"),
    ("    set(CMAKE_CXX_FLAGS \"${CMAKE_CXX_FLAGS} -fsycl\")  # SYCL kernels\n", "configuration"),
    ("    foreach(arch ${ROCM_ARCHS})\n      list(APPEND HIP_HCC_FLAGS --amdgpu-target=${arch})\n"
     "    endforeach()\n", "configuration"),
    ("    if (NOT DEFINED ADDRESS_SANITIZER AND DEFINED ENV{ADDRESS_SANITIZER})\n"
     "        set(ADDRESS_SANITIZER $ENV{ADDRESS_SANITIZER})\n    endif()\n"
     "    if (ADDRESS_SANITIZER)\n        add_compile_options(-mcmodel=large)\n"
     "        add_link_options(-mcmodel=large)\n    endif()\n", "configuration"),
    # near misses: the build gains a step; a variable set from another's value
    ("    add_subdirectory(./xpu_kernels)\n", "infrastructure"),
    ("    set(KERNEL_DIR $ENV{HOME})\n    add_subdirectory(${KERNEL_DIR})\n", "infrastructure"),
], ids=["definition-added", "flags-appended", "flags-listed-per-target", "sanitizer-options-from-environment",
        "subdirectory-added", "folder-from-environment"])
def test_a_definition_or_option_the_code_is_compiled_with_is_configuration(added: str,
                                                                           change_type: str) -> None:
    assert _change_type(_CMAKE_BUILD.format(added=""), _CMAKE_BUILD.format(added=added),
                        path="src/CMakeLists.txt") == change_type


@pytest.mark.parametrize(("old", "new", "change_type"), [
    ("rocm_setup_version( VERSION 0.3.0.0 )\n", "rocm_setup_version( VERSION 0.3.0.0 NO_GIT_TAG_VERSION )\n",
     "configuration"),
    ("rocm_set_soversion(rocalution ${rocalution_SOVERSION})\n", "rocm_set_soversion(rocalution \"1.0.0\")\n",
     "configuration"),
    ("rocm_setup_version( VERSION 0.3.0.0 )\n", "rocm_setup_version( VERSION 0.4.0.0 )\n", "configuration"),
    # near miss: a command that installs what the version names
    ("rocm_install( TARGETS rocfft )\n", "rocm_install( TARGETS rocfft COMPONENT runtime )\n",
     "infrastructure"),
], ids=["git-hash-left-out", "soversion-set", "version-bumped", "install-command"])
def test_the_command_setting_the_projects_version_up_is_configuration(old: str, new: str,
                                                                       change_type: str) -> None:
    head = "project(rocfft LANGUAGES CXX)\ninclude( ROCMSetupVersion )\n\n"
    tail = "\nadd_subdirectory( library )\n"
    assert _change_type(head + old + tail, head + new + tail, path="CMakeLists.txt") == change_type


@pytest.mark.parametrize(("added", "change_type"), [
    ("option(WITH_TENSOR_CORE \"Use tensor cores\" OFF)\nif(WITH_TENSOR_CORE)\n"
     "    add_definitions(-DWITH_TENSOR_CORE)\nendif()\n", "configuration"),
    ("option(WITH_TENSOR_CORE \"Use tensor cores\" OFF)\n", "configuration"),
    ("set(MLX_BUILD_METAL ON)\n", "configuration"),
    ("# CMake list of machine targets\n"
     "set( AMDGPU_TARGETS gfx803;gfx900;gfx906 CACHE STRING \"List of machine types to target\" )\n",
     "configuration"),
    # near misses: the option decides a step of the build; a variable the build sets for itself
    ("option(WITH_TENSOR_CORE \"Use tensor cores\" OFF)\nif(WITH_TENSOR_CORE)\n"
     "    add_subdirectory(./tensor_core)\nendif()\n", "infrastructure"),
    ("set(KERNEL_SOURCES gemm.cpp trsm.cpp)\n", "infrastructure"),
], ids=["option-adds-definition", "option-alone", "switch-set", "cache-entry", "option-adds-subdirectory",
        "variable-set"])
def test_a_build_option_declared_or_adding_a_definition_is_configuration(added: str,
                                                                          change_type: str) -> None:
    old = "project(turbo)\n\nadd_library(ops SHARED ${SOURCES})\n"
    new = old.replace("\nadd_library", f"\n{added}add_library")
    assert _change_type(old, new, path="CMakeLists.txt") == change_type


_WORKSPACE = ('load("@bazel_tools//tools/build_defs/repo:http.bzl", "http_archive")\n\n'
              'LLVM_COMMIT = "{commit}"\n\nLLVM_SHA256 = "{sha}"\n\n'
              'http_archive(\n    name = "llvm-raw",\n    urls = ["{url}"],\n)\n')
_LLVM_URL = "https://github.com/llvm/llvm-project/archive/{commit}.tar.gz"


@pytest.mark.parametrize(("path", "url", "change_type"), [
    ("WORKSPACE.bazel", _LLVM_URL, "configuration"),
    # near misses: the archive is fetched from elsewhere too; a CI pipeline's pins are of its tools
    ("WORKSPACE.bazel", "https://mirror.example.com/llvm.tar.gz", "infrastructure"),
    (".github/workflows/WORKSPACE.bazel", _LLVM_URL, "infrastructure"),
], ids=["commit-and-checksum-pinned", "archive-moved", "ci-pipeline"])
def test_a_dependency_pinned_to_another_commit_is_configuration(path: str, url: str,
                                                                change_type: str) -> None:
    old = _WORKSPACE.format(commit="9b79acedd689c34d3505ac351c732aa44e22fc86", sha="5e3150bf1d6e87" * 4,
                            url=_LLVM_URL)
    new = _WORKSPACE.format(commit="765206e050453018e861637a08a4520f29238074", sha="2b6964c988c6f8" * 4,
                            url=url)
    assert _change_type(old, new, path=path) == change_type


_SPHINX_CONF = 'project = "MLX C"\nauthor = "MLX Contributors"\nversion = "0.4.0"\nrelease = version\n' \
    'html_theme = "sphinx_book_theme"\n'


@pytest.mark.parametrize(("new", "change_type"), [
    (_SPHINX_CONF.replace("0.4.0", "0.4.1"), "configuration"),
    # near miss: the site's theme changed
    (_SPHINX_CONF.replace("sphinx_book_theme", "furo"), "docs"),
], ids=["version-bumped", "theme-changed"])
def test_the_release_a_documentation_site_names_bumped_is_configuration(new: str, change_type: str) -> None:
    assert _change_type(_SPHINX_CONF, new, path="docs/src/conf.py") == change_type


_CPACK = 'project(hipcub)\n{more}set(CPACK_DEBIAN_PACKAGE_DEPENDS "{package} (>= 2.10.1)")\n' \
    'add_library(hipcub INTERFACE)\n'


@pytest.mark.parametrize(("more", "change_type"), [
    ("", "configuration"),
    # near miss: the build gains a step beside it
    ("add_subdirectory(docs)\n", "infrastructure"),
], ids=["package-dependency-renamed", "build-step-added"])
def test_what_a_package_requires_of_others_is_configuration(more: str, change_type: str) -> None:
    old = _CPACK.format(more="", package="rocprim-devel")
    assert _change_type(old, _CPACK.format(more=more, package="rocprim-dev"),
                        path="CMakeLists.txt") == change_type


_ROCJPEG_BUILD = ('project(rocjpeg)\nset(CMAKE_CXX_COMPILER ${{ROCM_PATH}}/{compiler}/bin/clang++)\n'
                  'set(rocJPEG_RPM_PACKAGE_LIST "rocm-hip-runtime, libva{packages}")\n'
                  'add_library(rocjpeg SHARED ${{SOURCES}})\n{more}')
_ROCJPEG_VALUES = {"compiler": "llvm", "packages": "", "more": ""}


@pytest.mark.parametrize(("changed", "path", "change_type"), [
    ({"compiler": "lib/llvm"}, "CMakeLists.txt", "configuration"),
    ({"compiler": "lib/llvm"}, "samples/jpegDecode/CMakeLists.txt", "configuration"),
    ({"packages": ", mesa-amdgpu-dri-drivers"}, "CMakeLists.txt", "configuration"),
    # near miss: a library built beside the compiler's new path
    ({"compiler": "lib/llvm", "more": "add_library(rocjpeg_static STATIC ${SOURCES})\n"}, "CMakeLists.txt",
     "infrastructure"),
], ids=["compiler-path", "example-compiler-path", "rpm-packages-listed", "target-added"])
def test_the_compiler_and_the_packages_a_cmake_build_names_are_configuration(
        changed: dict[str, str], path: str, change_type: str) -> None:
    """`set(CMAKE_CXX_COMPILER ${ROCM_PATH}/llvm/bin/clang++)` became `.../lib/llvm/...`; a
    package list CPack is handed names one more: what the build is made with, or requires."""
    new = _ROCJPEG_BUILD.format(**(_ROCJPEG_VALUES | changed))
    assert _change_type(_ROCJPEG_BUILD.format(**_ROCJPEG_VALUES), new, path=path) == change_type


_CMAKE_PROJECT = ("cmake_minimum_required(VERSION {minimum} FATAL_ERROR)\nset(ONNX2TRT_MAJOR 8)\n"
                  "set(ONNX2TRT_MINOR 0)\n{version}CPMAddPackage(\n    NAME libcudacxx\n"
                  "    GIT_TAG {tag}\n)\nadd_library(nvonnxparser SHARED ${{SOURCES}})\n"
                  "set_target_properties(nvonnxparser PROPERTIES\n"
                  "  VERSION   {property}\n  SOVERSION ${{ONNX2TRT_MAJOR}}\n){more}\n")
_CMAKE_VALUES = {"minimum": "3.20.1", "version": "", "tag": "1.3.0-rc0",
                 "property": "${ONNX2TRT_MAJOR}.${ONNX2TRT_MINOR}", "more": ""}


@pytest.mark.parametrize(("changed", "path", "change_type"), [
    ({"tag": "1.3.0"}, "CMakeLists.txt", "configuration"),
    ({"tag": "release-1.8.1"}, "cmake/Dependencies.cmake", "configuration"),
    ({"version": 'set(ONNX2TRT_VERSION "${ONNX2TRT_MAJOR}.${ONNX2TRT_MINOR}" CACHE STRING "version")\n',
      "property": "${ONNX2TRT_VERSION}"}, "CMakeLists.txt", "configuration"),
    ({"minimum": "3.23.1"}, "cpp/examples/downstream/CMakeLists.txt", "configuration"),
    ({"minimum": "3.25"}, "CMakeLists.txt", "configuration"),
    # near misses: another package fetched; a target added beside the version; an example's build steps
    ({"tag": "1.3.0", "more": "\nadd_subdirectory(tests)"}, "CMakeLists.txt", "infrastructure"),
    ({"property": "${ONNX2TRT_VERSION}", "more": "\nadd_executable(onnx2trt main.cpp)"}, "CMakeLists.txt",
     "infrastructure"),
    ({"more": "\nadd_executable(downstream main.cpp)"}, "cpp/examples/downstream/CMakeLists.txt", "docs"),
], ids=["release-candidate-released", "tag-pinned", "version-variable", "example-minimum-version",
        "minimum-version-of-other-length", "step-beside-tag",
        "target-beside-version", "example-target"])
def test_versions_a_cmake_build_names_are_configuration(changed: dict[str, str], path: str,
                                                        change_type: str) -> None:
    assert _change_type(_CMAKE_PROJECT.format(**_CMAKE_VALUES),
                        _CMAKE_PROJECT.format(**{**_CMAKE_VALUES, **changed}), path=path) == change_type


_WARNINGS = ("target_compile_options(stdexec_flags INTERFACE\n"
             "                       $<$<CXX_COMPILER_ID:GNU>:-Wno-non-template-friend>{more})\n"
             "add_executable(example main.cpp)\n")


@pytest.mark.parametrize(("more", "change_type"), [
    ("\n                       $<$<CXX_COMPILER_ID:MSVC>:/wd4100 /wd4127>", "configuration"),
    # near miss: a source given to the target over several lines
    ("\n                       $<$<CXX_COMPILER_ID:MSVC>:/wd4100>)\ntarget_sources(example PRIVATE\n"
     "    extra.cpp", "infrastructure"),
], ids=["option-on-a-continued-line", "sources-added"])
def test_options_given_on_a_line_of_a_command_written_over_several_are_configuration(
        more: str, change_type: str) -> None:
    new = _WARNINGS.format(more=more)
    assert _change_type(_WARNINGS.format(more=""), new, path="CMakeLists.txt") == change_type


_WRAPPERS = ("option(BUILD_FILE_REORG_BACKWARD_COMPATIBILITY \"Wrap headers\" ON)\nif({test})\n"
             "  rocm_wrap_header_dir(${{CMAKE_SOURCE_DIR}}/library/include)\nendif()\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("BUILD_FILE_REORG_BACKWARD_COMPATIBILITY AND NOT WIN32", "configuration"),
    # near miss: the step is taken on another option
    ("BUILD_FILE_REORG_BACKWARD_COMPATIBILITY AND BUILD_CLIENTS", "infrastructure"),
], ids=["platform-excluded", "other-option"])
def test_a_build_step_taken_on_other_platforms_is_configuration(test: str, change_type: str) -> None:
    old = _WRAPPERS.format(test="BUILD_FILE_REORG_BACKWARD_COMPATIBILITY")
    assert _change_type(old, _WRAPPERS.format(test=test), path="CMakeLists.txt") == change_type


_GPU_ARCHS = "set(GPU_ARCHS 70 75)\n{added}if (CUDA_VERSION VERSION_GREATER_EQUAL 11.0)\n" \
    "  list(APPEND GPU_ARCHS 80)\nendif()\nadd_library(plugins SHARED ${{SOURCES}})\n"


@pytest.mark.parametrize(("added", "change_type"), [
    ("string(REGEX MATCH \"aarch64\" IS_ARM \"${TRT_PLATFORM_ID}\")\nif (IS_ARM)\n"
     "  list(APPEND GPU_ARCHS 72)\nendif()\n", "configuration"),
    # near miss: the platform decides which sources are built
    ("string(REGEX MATCH \"aarch64\" IS_ARM \"${TRT_PLATFORM_ID}\")\nif (IS_ARM)\n"
     "  list(APPEND SOURCES arm_kernels.cu)\nendif()\n", "infrastructure"),
], ids=["architecture-added-for-a-platform", "sources-added-for-a-platform"])
def test_gpu_architectures_a_build_compiles_for_are_configuration(added: str, change_type: str) -> None:
    assert _change_type(_GPU_ARCHS.format(added=""), _GPU_ARCHS.format(added=added),
                        path="CMakeLists.txt") == change_type


_MAKEFILE = ("LIBNAME := libnccl.so\n{variable}LDFLAGS += -L${{CUDA_LIB}} -l{library} -lpthread\n"
             "CUDACODE := -gencode=arch=compute_50,code=sm_50 \\\n"
             "            -gencode=arch=compute_52,code=sm_52{arch}\n\n"
             "lib : $(LIBDIR)/$(LIBNAME){target}\n\n$(LIBDIR)/$(LIBNAME) : $(LIBOBJ)\n"
             "\t$(CXX) -shared -o $@ $(LIBOBJ) $(LDFLAGS)\n")
_MAKE_PLAIN = {"variable": "", "library": "cudart_static", "arch": "", "target": ""}


@pytest.mark.parametrize(("changed", "change_type"), [
    ({"variable": "CUDARTLIB ?= cudart_static\n", "library": "$(CUDARTLIB)"}, "configuration"),
    ({"arch": " \\\n            -gencode=arch=compute_53,code=sm_53"}, "configuration"),
    # near miss: the build makes one more target
    ({"variable": "PKGTARGET := nccl.pc\n", "target": " $(PKGDIR)/$(PKGTARGET)"}, "infrastructure"),
], ids=["library-chosen-by-a-variable", "architecture-added", "target-added"])
def test_what_a_makefile_sets_in_its_variables_is_configuration(changed: dict[str, str],
                                                                 change_type: str) -> None:
    new = _MAKEFILE.format(**(_MAKE_PLAIN | changed))
    assert _change_type(_MAKEFILE.format(**_MAKE_PLAIN), new, path="src/Makefile") == change_type


_BAZEL_MACRO = ("def tf_cc_library(name, srcs = [], deps = []):\n    oss_deps = [\n"
                "        \"@com_google_absl//absl/strings:cord\",\n{entry}    ]\n"
                "    native.cc_library(name = name, srcs = srcs, deps = deps + oss_deps)\n")


@pytest.mark.parametrize(("entry", "change_type"), [
    ("        \"@com_google_absl//absl/types:variant\",\n", "configuration"),
    # near miss: a target of the repository's own, which follows how it lays out its code
    ("        \"//tensorflow_text/core/kernels:variant_util\",\n", "infrastructure"),
], ids=["external-target", "own-target"])
def test_a_bazel_rule_that_gains_a_dependency_on_another_repository_is_configuration(
        entry: str, change_type: str) -> None:
    old, new = _BAZEL_MACRO.format(entry=""), _BAZEL_MACRO.format(entry=entry)
    assert _change_type(old, new, path="tensorflow_text/tftext.bzl") == change_type


_BAZEL_BUILD = ("py_strict_library(\n    name = \"cluster\",\n    srcs = [\"cluster.py\"],\n    deps = [\n"
                "{entry}        \":cluster_wrapper\",\n        # tensorflow dep1,\n    ],\n){rule}\n")


@pytest.mark.parametrize(("entry", "rule", "change_type"), [
    ("        \":cluster_config\",\n", "", "dependency-wiring"),
    ("        \"//tensorflow_model_optimization/python/core/clustering/keras:cluster_config\",\n", "",
     "dependency-wiring"),
    ("        \":cluster_config\",\n        \"@llvm-project//mlir:Shape\",\n", "", "dependency-wiring"),
    # near misses: a test target added beside it; targets of other repositories alone
    ("        \":cluster_config\",\n", "\n\npy_test(\n    name = \"cluster_test\",\n)", "infrastructure"),
    ("        \"@llvm-project//mlir:Shape\",\n", "", "configuration"),
], ids=["sibling-target", "own-package-target", "with-external-target", "rule-added", "external-alone"])
def test_a_bazel_build_file_following_imports_of_its_own_code_is_wiring(entry: str, rule: str,
                                                                         change_type: str) -> None:
    old, new = _BAZEL_BUILD.format(entry="", rule=""), _BAZEL_BUILD.format(entry=entry, rule=rule)
    assert _change_type(old, new, path="tensorflow_model_optimization/clustering/keras/BUILD") == change_type


@pytest.mark.parametrize(("new_entry", "change_type"), [
    ("        \":cluster_config\",\n", "dependency-wiring"),
    # near miss: the placeholder of an external dependency gives way to another repository's target
    ("        \"@llvm-project//mlir:Shape\",\n", "infrastructure"),
], ids=["placeholder-for-own-target", "placeholder-for-external-target"])
def test_a_dependency_placeholder_comment_replaced_by_an_own_target_is_wiring(new_entry: str,
                                                                           change_type: str) -> None:
    old = _BAZEL_BUILD.format(entry="        # numpy dep,\n", rule="")
    new = _BAZEL_BUILD.format(entry=new_entry, rule="")
    assert _change_type(old, new, path="tensorflow_probability/python/layers/BUILD") == change_type


_FRAMES = ("def _frame_repr(self):\n    return self.__class__.__name__ + ':' + str(self.data.shape)\n\n\n"
           "@dataclass\nclass Frame:\n    data: Tensor\n    pts_seconds: float\n\n"
           "    def __repr__(self):\n        return _frame_repr(self)\n\n\n")
_FRAME_DECODER = ("class VideoDecoder:\n    def get_frame_at(self, index: int) -> Frame:\n"
            "        data, pts = self._decode(index)\n        return Frame(data, pts)\n")


@pytest.mark.parametrize(("imported_back", "change_type"), [
    ("from torchcodec import Frame\n", "dependency-wiring"),
    # the module stops offering what moved and does not take it back: what imported it from
    # here must follow it
    ("", "data-contract"),
], ids=["moved-out-with-its-helper-and-imported-back", "moved-out-only"])
def test_definitions_moved_out_with_their_helper_and_imported_back_are_dependency_wiring(
        imported_back: str, change_type: str) -> None:
    header = "from dataclasses import dataclass\n\nfrom torch import Tensor\n\n\n"
    old_decoder = header + _FRAMES + _FRAME_DECODER
    new_decoder = "from torch import Tensor\n\n" + imported_back + "\n\n" + _FRAME_DECODER
    new_frames = header + _FRAMES
    facts = _facts(_diff("src/torchcodec/decoders/_video_decoder.py", old_decoder, new_decoder),
                   _diff("src/torchcodec/_frame.py", None, new_frames, status="added"))
    assert facts.files[0].change_type == change_type


_LOAD_ERROR = ("def load_extension():\n    traceback = collect()\n    raise RuntimeError(\n{message}"
               "        f\"{{traceback}}\"\n    )\n")


@pytest.mark.parametrize(("message", "change_type"), [
    ('        """Could not load libtorchcodec. Likely causes:\n          1. FFmpeg is not installed.\n'
     '          2. PyTorch 2.4 is not installed.\n        """\n', "docs"),
    ('        """Could not load libtorchcodec. Likely causes:\n          1. FFmpeg is not installed.\n'
     '        """\n', "docs"),
], ids=["message-rewritten-over-several-lines", "message-shortened"])
def test_a_message_rewritten_as_a_string_over_several_lines_is_docs(message: str, change_type: str) -> None:
    old = _LOAD_ERROR.format(message='        "Could not load libtorchcodec. "\n'
                                     '        "Is FFmpeg properly installed? "\n')
    assert _change_type(old, _LOAD_ERROR.format(message=message), path="pkg/ops.py") == change_type


def test_an_error_raised_otherwise_beside_a_message_over_several_lines_is_core_logic() -> None:
    old = _LOAD_ERROR.format(message='        "Could not load libtorchcodec. "\n')
    new = _LOAD_ERROR.replace("RuntimeError", "ImportError").format(
        message='        """Could not load libtorchcodec.\n          Is FFmpeg installed?\n        """\n')
    assert _change_type(old, new, path="pkg/ops.py") == "core-logic"


_COMPAT = ("import dask\nfrom packaging.version import parse as parseVersion\n\n"
           "_dask_version = parseVersion(dask.__version__)\n"
           "DASK_P2P_ERROR = _dask_version < parseVersion('2023.10.0')\n")
_COMPAT_PROBED = (_COMPAT.replace("parseVersion", "parse_version")
                  + "\ntry:\n    import cudf\n\n    CURRENT_CUDF_VERSION = parse_version(cudf.__version__)\n"
                  "except (ImportError, TypeError):\n    CURRENT_CUDF_VERSION = parse_version('24.10.0')\n\n"
                  "MINHASH_PERMUTED_AVAILABLE = CURRENT_CUDF_VERSION >= parse_version('24.12.0')\n{extra}")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the module also does something with what it probed
    ("dask.config.set({'dataframe.shuffle.method': 'p2p'})\n", "core-logic"),
], ids=["version-probed-and-flag-set", "probed-and-acted-on"])
def test_a_dependencys_version_probed_and_a_flag_set_from_it_is_configuration(extra: str,
                                                                              change_type: str) -> None:
    assert _change_type(_COMPAT, _COMPAT_PROBED.format(extra=extra), path="nemo_curator/_compat.py") \
        == change_type


_RULES = ("from .ops import UPat, PatternMatcher, Ops\n\n"
          "constant_folder = PatternMatcher([\n"
          "  (UPat(Ops.GEP, name='gep'), lambda gep: gep.src[0]),\n{extra}"
          "])\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("  (UPat(Ops.ADD, dtype='bool', name='x'), lambda x: x.replace(op=Ops.OR)),\n", "core-logic"),
    ("  (UPat(Ops.MUL, dtype='bool', name='x'),\n    lambda x: x.replace(op=Ops.AND)),\n", "core-logic"),
    # near miss: an entry of a table of values, with no function in it
    ("  (UPat(Ops.MUL, dtype='bool', name='x'), 4),\n", "configuration"),
], ids=["rule-added-on-one-line", "rule-added-over-two-lines", "value-added"])
def test_a_rule_written_as_a_function_in_a_module_level_table_is_code(extra: str, change_type: str) -> None:
    assert _change_type(_RULES.format(extra=""), _RULES.format(extra=extra), path="pkg/codegen/rewrite.py") \
        == change_type


def test_a_table_of_rules_a_module_assigns_is_a_key_symbol() -> None:
    extra = "  (UPat(Ops.ADD, dtype='bool', name='x'), lambda x: x.replace(op=Ops.OR)),\n"
    facts = _facts(_diff("pkg/codegen/rewrite.py", _RULES.format(extra=""), _RULES.format(extra=extra)))
    assert facts.key_symbols == ["constant_folder"]
    # near miss: a module's lower-case name bound to a value is no symbol of it
    plain = "from .ops import Ops\n\nfolded_ops = [Ops.GEP]\n"
    facts = _facts(_diff("pkg/codegen/rewrite.py", plain, plain.replace("[Ops.GEP]", "[Ops.GEP, Ops.ADD]")))
    assert facts.files[0].symbols == []


_PROBED_INIT = ("__all__ = []\n\ntry:\n    from .ep_moe_fused import fused_ep_moe\n"
                "    __all__ += ['fused_ep_moe']\nexcept ImportError as e:\n    import warnings\n"
                "    warnings.warn(f'ep_moe_fused unavailable: {{e}}')\n{extra}")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the package's module also does something when imported
    ("\nregister_kernels()\n", "core-logic"),
], ids=["probed-import-and-exports", "exports-and-a-call"])
def test_an_added_package_that_lists_its_exports_and_probes_its_imports_is_dependency_wiring(
        extra: str, change_type: str) -> None:
    assert _change_type(None, _PROBED_INIT.format(extra=extra), "pkg/function/amd/__init__.py",
                        "added") == change_type


_TUTORIAL = ('"""\nAll-gather\n==========\n\n.. code-block:: bash\n\n{setup}'
             '    bash ./launch.sh ./tutorials/02-allgather.py\n"""\nimport sys\n\nimport torch\n\n\n'
             'if __name__ == "__main__":\n    if {test}:\n        print("Skip: needs sm90")\n'
             '        sys.exit()\n    run()\n')


@pytest.mark.parametrize(("test", "change_type"), [
    ("torch.cuda.get_device_capability()[0] < 9", "configuration"),
    # near miss: the test is of something else than the device's version
    ("torch.cuda.device_count() < 9", "core-logic"),
], ids=["capability-test-rewritten", "other-test-rewritten"])
def test_a_compute_capability_test_rewritten_beside_a_docstring_edit_is_configuration(
        test: str, change_type: str) -> None:
    old = _TUTORIAL.format(setup="    source ./scripts/setenv.sh\n", test=test.replace("<", "<="))
    new = _TUTORIAL.format(setup="", test=test)
    assert _change_type(old, new, path="tutorials/02-allgather.py") == change_type


def test_a_setting_read_from_the_environment_by_a_function_of_no_arguments_stays_configuration() -> None:
    old = ("import os\n\nenvironment_variables = {\n"
           "    'PORT': lambda: int(os.getenv('PORT', '8000')),\n}\n")
    new = old.replace("}\n", "    'HOST': lambda: os.getenv('HOST', 'localhost'),\n"
                           "    'PAIR': lambda: tuple(map(lambda x, t: t(x),\n"
                           "        os.getenv('PAIR', '1,2').split(','), (int, int))),\n}\n")
    assert _change_type(old, new, path="pkg/envs.py") == "configuration"
    # the table is named as the constant it is, not as code
    assert [(s.qualname, s.kind) for s in _facts(_diff("pkg/envs.py", old, new)).files[0].symbols] \
        == [("environment_variables", "constant")]


_FEATURE = ("class Feature:\n    def __init__(self, name: str, {parameters}):\n"
            "        self.name = name\n{body}")
_LLAVA = ("from .feature import Feature\n\n\nclass Llava(Feature):\n    def __init__(self):\n"
          "        super().__init__('llava', {arguments})\n")


@pytest.mark.parametrize(("new_parameters", "new_body", "expected"), [
    ("optimization_level: int = 2", "        self.default_patches = optimization_level == 0\n",
     "data-contract"),
    # near miss: the base still takes the keyword the subclass stops passing
    ("default_patches: bool = False, optimization_level: int = 2",
     "        self.default_patches = default_patches\n", "core-logic"),
], ids=["keyword-the-base-lost", "keyword-the-base-keeps"])
def test_a_subclass_that_stops_passing_a_keyword_its_base_lost_follows_the_interface(
        new_parameters: str, new_body: str, expected: str) -> None:
    base_old = _FEATURE.format(parameters="default_patches: bool = False, optimization_level: int = None",
                               body="        self.default_patches = default_patches\n")
    base_new = _FEATURE.format(parameters=new_parameters, body=new_body)
    facts = _facts(_diff("pkg/feature.py", base_old, base_new),
                   _diff("pkg/llava.py", _LLAVA.format(arguments="default_patches=True"),
                         _LLAVA.format(arguments="0")))
    assert facts.files[1].change_type == expected


_LAZY_INIT = ("from typing import TYPE_CHECKING\n\nfrom transformers.utils import _LazyModule\n\n\n"
              "_import_structure = {{\n    'modeling': ['FuriosaModel'],\n{extra}}}\n\n"
              "if TYPE_CHECKING:\n    from .modeling import FuriosaModel\n{typed}else:\n    import sys\n\n"
              "    sys.modules[__name__] = _LazyModule(\n"
              "        __name__, globals()['__file__'], _import_structure)\n{tail}")


@pytest.mark.parametrize(("tail", "expected"), [
    ("", "dependency-wiring"),
    # near miss: the package's module also does something else when imported
    ("\nregister_kernels()\n", "core-logic"),
], ids=["lazy-package", "lazy-package-and-a-call"])
def test_a_package_made_to_load_its_submodules_lazily_is_dependency_wiring(tail: str, expected: str) -> None:
    old = "from .modeling import (\n    FuriosaModel,\n)\n"
    new = _LAZY_INIT.format(extra="    'quantization': ['FuriosaQuantizer'],\n",
                            typed="    from .quantization import FuriosaQuantizer\n", tail=tail)
    assert _change_type(old, new, path="optimum/furiosa/__init__.py") == expected


@pytest.mark.parametrize(("new_line", "expected"), [
    ("#  Copyright 2023 The HuggingFace Team. All rights reserved.", "docs"),
    # near miss: a line of the build changed
    ("CHECK_DIRS := optimum tests examples", "infrastructure"),
], ids=["comment", "variable"])
def test_a_makefile_whose_comments_alone_changed_is_docs(new_line: str, expected: str) -> None:
    old = ("#  Copyright 2021 The HuggingFace Team. All rights reserved.\nCHECK_DIRS := optimum tests\n\n"
           "style:\n\truff $(CHECK_DIRS)\n")
    new = old.replace(old.splitlines()[0 if new_line.startswith("#") else 1], new_line)
    assert _change_type(old, new, path="Makefile") == expected


def test_a_file_that_stops_passing_a_lost_keyword_among_much_else_it_rewrites_is_judged_by_the_rest() -> None:
    base_old = _FEATURE.format(parameters="default_patches: bool = False, optimization_level: int = None",
                               body="        self.default_patches = default_patches\n")
    base_new = _FEATURE.format(parameters="optimization_level: int = 2",
                               body="        self.default_patches = optimization_level == 0\n")
    rest = "".join(f"        self.step{n} = {{value}} * {n}\n" for n in range(6))
    llava_old = _LLAVA.format(arguments="default_patches=True") + rest.format(value="1")
    llava_new = _LLAVA.format(arguments="0") + rest.format(value="2")
    facts = _facts(_diff("pkg/feature.py", base_old, base_new), _diff("pkg/llava.py", llava_old, llava_new))
    assert facts.files[1].change_type == "core-logic"


_PREPARER_TEST = ("import unittest\n\nimport torch\n{imports}\n\nclass PreparerTest(unittest.TestCase):\n"
                  "    def test_prepare_write(self):\n        entry = prepare_write('/foo', torch.ones(4))\n"
                  "{checks}        self.assertEqual(len(entry.io_reqs), 1)\n")


@pytest.mark.parametrize(("imports", "checks", "expected"), [
    ("import snapshot.manifest as manifest\n",
     "        self.assertEqual(entry, manifest.Shard(offsets=[0], sizes=[4]))\n", "test-coverage"),
    # near miss: the test follows a module moved, checking what it checked
    ("import snapshot.entries as manifest\n",
     "        self.assertEqual(entry.shards, manifest.Shard(offsets=[0], sizes=[4]))\n", "dependency-wiring"),
], ids=["assertion-added-with-its-import", "import-followed"])
def test_a_test_that_imports_what_a_new_assertion_checks_covers_something(imports: str, checks: str,
                                                                           expected: str) -> None:
    followed = "entries" in imports
    old = _PREPARER_TEST.format(imports="import snapshot.manifest as manifest\n" if followed else "",
                                checks=checks if followed else "")
    new = _PREPARER_TEST.format(imports=imports, checks=checks)
    assert _change_type(old, new, path="tests/test_preparer.py") == expected


_RESPONDER = ("class Responder:\n    def {name}(self, output, {parameter}):\n        text = output.text\n"
              "        return text[{start}:]\n\n    def generate(self, outputs):\n        responses = []\n"
              "        for output in outputs:\n"
              "            responses.append(self.{name}(output, {argument}))\n"
              "        return responses\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("_create_response", "core-logic"),
    # near miss: a public method's callers elsewhere pass what it no longer takes
    ("create_response", "data-contract"),
], ids=["private-method", "public-method"])
def test_a_file_following_its_own_private_method_that_takes_other_parameters_follows_no_interface(
        name: str, expected: str) -> None:
    old = _RESPONDER.format(name=name, parameter="previous=None", start="len(previous or '')",
                            argument="previous=None")
    new = _RESPONDER.format(name=name, parameter="state=None", start="(state or {}).get('length', 0)",
                            argument="state={}")
    assert _change_type(old, new, path="src/model.py") == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("jinja2.Template(\n    \"\"\"\n__global__ void {{name}}(float* out) {{\n"
     "  out[0] = {body};\n}}\n\"\"\"\n)",
     "core-logic"),
    # near miss: a string of the module that names a setting
    ("\"{body}\"", "configuration"),
], ids=["template", "setting"])
def test_a_template_the_code_fills_in_is_code_not_a_setting(value: str, expected: str) -> None:
    module = "import jinja2\n\nSRC_TEMPLATE = " + value + "\n\n\ndef render(name):\n    return SRC_TEMPLATE\n"
    old, new = module.format(body="1.0f"), module.format(body="__hfma(a, b, c)")
    assert _change_type(old, new, path="pkg/backend/cuda/gemm.py") == expected


@pytest.mark.parametrize(("old_line", "new_line", "expected"), [
    ("EXPECTED_NUM_TESTS=3", "EXPECTED_NUM_TESTS=6", "infrastructure"),
    # near miss: the numbers that changed spell a version
    ("TRITON_VERSION=2.3.1", "TRITON_VERSION=3.0.0", "configuration"),
], ids=["count", "version"])
def test_a_build_script_whose_count_changed_bumps_no_version(old_line: str, new_line: str,
                                                             expected: str) -> None:
    script = "#!/bin/bash\nset -e\n{line}\npython3 run_tests.py\n"
    old, new = script.format(line=old_line), script.format(line=new_line)
    assert _change_type(old, new, path="ci/L0_backend/test.sh") == expected


_CANN_BUILD = ("#!/bin/bash\nset -ex\n\n# Usage:\n# export CANN_VERSION={version}\n\n"
               "CANN_VERSION=${{1:-{version}}}{comment}\n"
               "DOCKER_VERSION=${{CANN_VERSION//[^0-9]/}}{digits}\n"
               "DOCKER_VERSION=${{DOCKER_VERSION:0:3}}\n{extra}docker build -t npu:${{DOCKER_VERSION}} .\n")
_CANN_BASE = {"version": "6.0.0.alpha003", "comment": "", "digits": "", "extra": ""}


@pytest.mark.parametrize(("changed", "expected"), [
    ({"version": "6.0.0.alpha005", "comment": " # default 6.0.0.alpha005", "digits": " # 600005",
      "extra": "# DOCKER_VERSION=${DOCKER_VERSION:0:2} # 605\n"}, "configuration"),
    # near miss: beside the version, the script sets up more
    ({"version": "6.0.0.alpha005", "comment": " # default 6.0.0.alpha005",
      "extra": "export ASCEND_HOME=/usr/local/Ascend\n"}, "infrastructure"),
], ids=["version-bumped-with-comments", "version-bumped-and-code-changed"])
def test_a_version_bumped_beside_comments_about_it_is_configuration(changed: dict[str, str],
                                                                    expected: str) -> None:
    old, new = (_CANN_BUILD.format(**{**_CANN_BASE, **values}) for values in ({}, changed))
    assert _change_type(old, new, path="backends/npu/tools/dockerfile/build-x86_64.sh") == expected


_LIBRARY_LOAD = ("import unittest\n\nimport torch\n\ntry:\n    from pkg import open_source  # noqa: F401\n"
                 "except Exception:\n{loads}\n\nclass MetricOpsTest(unittest.TestCase):\n"
                 "    def test_auc(self):\n        self.assertTrue(torch.ops.pkg.auc(torch.ones(2)) >= 0)\n")
_LOAD_ONE = "    torch.ops.load_library('//pkg:metric_ops')\n"
_LOAD_EITHER = ("    try:\n        torch.ops.load_library('//pkg:metric_ops')\n    except Exception:\n"
                "        if torch.version.hip:\n            torch.ops.load_library('//pkg:metric_ops_hip')\n"
                "        else:\n            {last}\n")


@pytest.mark.parametrize(("last", "expected"), [
    ("torch.ops.load_library('//pkg:metric_ops')", "dependency-wiring"),
    # near miss: the fallback does something besides loading a library
    ("torch.manual_seed(0)", "test-coverage"),
], ids=["libraries-loaded", "fallback-runs-code"])
def test_a_module_that_changes_which_native_library_it_loads_is_dependency_wiring(last: str,
                                                                                  expected: str) -> None:
    old = _LIBRARY_LOAD.format(loads=_LOAD_ONE)
    new = _LIBRARY_LOAD.format(loads=_LOAD_EITHER.format(last=last))
    assert _change_type(old, new, path="pkg/test/metric_ops_test.py") == expected


_CHECKPOINTER = ("from dataclasses import dataclass\nfrom typing import ClassVar\n\n\n@dataclass\n"
                 "class Checkpointer:\n    work_dir: str\n{added}    save_overwrite: bool = False\n\n"
                 "    def save(self):\n        return wait_for(self.work_dir, timeout=10.0)\n")


@pytest.mark.parametrize(("added", "expected"), [
    ("    FS_TIMEOUT: ClassVar[float] = 120.0\n", "configuration"),
    # near miss: a field each instance carries is the data model's contract
    ("    fs_timeout: float = 120.0\n", "data-contract"),
], ids=["class-variable-added", "instance-field-added"])
def test_a_class_variable_of_a_data_model_is_no_field(added: str, expected: str) -> None:
    old, new = (_CHECKPOINTER.format(added=text) for text in ("", added))
    assert _facts(_diff("pkg/train/checkpoint.py", old, new)).files[0].change_type == expected


_RUNNABLE_BASE = ("class RunnableConfig:\n    def parse_and_run(self, parsed):\n"
                  "        runnable = self._get_runnable({passed})\n        runnable()\n\n"
                  "    def _get_runnable(self{taken}):\n        return self.run\n")
_RUNNABLE_TRAINER = ("from pkg.runnable import RunnableConfig\n\n\nclass TrainerConfig(RunnableConfig):\n"
                     "    def _get_runnable(self{taken}):\n        trainer = Trainer(self)\n"
                     "        return trainer.run\n")


@pytest.mark.parametrize(("base_follows", "base_also_takes", "expected"), [
    (True, "", "data-contract"),
    (True, ", verbose=False", "data-contract"),
    # near miss: a private method of one class alone takes other parameters
    (False, "", "core-logic"),
], ids=["hook-reshaped-in-base-and-override", "same-parameter-dropped-from-unlike-hooks",
        "private-method-reshaped-alone"])
def test_a_hook_reshaped_alike_in_a_base_and_its_override_is_their_contract(
        base_follows: bool, base_also_takes: str, expected: str) -> None:
    old_base = _RUNNABLE_BASE.format(passed="parsed", taken=", parsed" + base_also_takes)
    new_base = _RUNNABLE_BASE.format(passed="", taken=base_also_takes) if base_follows \
        else old_base.replace("runnable()", "runnable()\n        return runnable")
    old_trainer, new_trainer = (_RUNNABLE_TRAINER.format(taken=taken) for taken in (", parsed", ""))
    facts = _facts(_diff("pkg/runnable.py", old_base, new_base),
                   _diff("pkg/trainer.py", old_trainer, new_trainer))
    assert facts.files[1].change_type == expected


_LAZY_ATTRS = ('_LAZY_ATTRS: dict[str, tuple[str, str]] = {{\n'
               '    "AutoModelForCausalLM": ("mypkg._transformers.auto_model", "AutoModelForCausalLM"),\n'
               '{entry}}}\n\n\ndef __getattr__(name):\n    module, attr = _LAZY_ATTRS[name]\n'
               '    return getattr(importlib.import_module(module), attr)\n')


@pytest.mark.parametrize(("entry", "expected"), [
    ('    "AutoModelForTokenClassification": (\n        "mypkg._transformers.auto_model",\n'
     '        "AutoModelForTokenClassification",\n    ),\n', "dependency-wiring"),
    # near miss: a table of settings whose values name no module of the package
    ('    "max_tokens": ("tokens", "4096"),\n', "configuration"),
], ids=["lazy-export-listed", "settings-entry-added"])
def test_a_name_the_package_exports_lazily_is_import_wiring(entry: str, expected: str) -> None:
    old, new = (_LAZY_ATTRS.format(entry=text) for text in ("", entry))
    assert _facts(_diff("mypkg/__init__.py", old, new)).files[0].change_type == expected


_EXTENSION_SETUP = ("from setuptools import setup\nfrom torch.utils import cpp_extension\n\n"
             "setup(name='quiptools_cuda',\n"
             "      ext_modules=[cpp_extension.CUDAExtension('quiptools_cuda', {sources}{flags})],\n"
             "      cmdclass={{'build_ext': cpp_extension.BuildExtension}})\n")
_NVCC_FLAGS = ",\n          extra_compile_args={'cxx': ['-g'], 'nvcc': ['-O2', '-arch=sm_86', '-lineinfo']}"


@pytest.mark.parametrize(("sources", "flags", "change_type"), [
    ("['wrapper.cpp', 'quiptools.cu']", _NVCC_FLAGS, "configuration"),
    # near miss: the flags come with another source to compile
    ("['wrapper.cpp', 'quiptools.cu', 'gemv.cu']", _NVCC_FLAGS, "infrastructure"),
], ids=["compile-flags-given", "flags-and-a-source-added"])
def test_flags_an_extension_is_compiled_with_are_configuration(sources: str, flags: str,
                                                               change_type: str) -> None:
    old = _EXTENSION_SETUP.format(sources="['wrapper.cpp', 'quiptools.cu']", flags="")
    new = _EXTENSION_SETUP.format(sources=sources, flags=flags)
    assert _change_type(old, new, path="quiptools/setup.py") == change_type


_ARCH_FLAGS = ("from packaging.version import Version\n\nHAS_SM90 = False\n{flag}\n"
               "nvcc_cuda_version = Version(get_nvcc_version())\n{gate}\n"
               "for capability in compute_capabilities:\n    num = capability[0] + capability[2]\n"
               "    NVCC_FLAGS += ['-gencode', f'arch=compute_{{num}},code=sm_{{num}}']\n\n"
               "ext_modules = [CUDAExtension('qattn', ['qattn.cu'],\n"
               "                             extra_compile_args={{'nvcc': NVCC_FLAGS}})]\n")
_SAGE_GATE = ("if nvcc_cuda_version < Version('12.8'):\n"
              "    warnings.warn('CUDA 12.8 or higher is required')\n"
              "    SAGE2PP_ENABLED = False\nif SAGE2PP_ENABLED:\n    CXX_FLAGS += ['-DSAGE2PP_ENABLED']\n")


@pytest.mark.parametrize(("gate", "expected"), [
    (_SAGE_GATE, "configuration"),
    # near miss: what the version decides is another extension to build
    (_SAGE_GATE.replace("    CXX_FLAGS += ['-DSAGE2PP_ENABLED']\n",
                        "    ext_modules.append(CUDAExtension('sage2pp', ['sage2pp.cu']))\n"),
     "infrastructure"),
], ids=["flag-chosen-by-version", "extension-chosen-by-version"])
def test_build_flags_chosen_by_a_version_are_configuration(gate: str, expected: str) -> None:
    old = _ARCH_FLAGS.format(flag="", gate="")
    new = _ARCH_FLAGS.format(flag="SAGE2PP_ENABLED = True\n", gate=gate)
    assert _change_type(old, new, path="setup.py") == expected


_ROCM_FLAGS = ("import os\n\ncxx_flags = ['-O3']\nnvcc_flags = ['-O3']\n"
               "if os.getenv('USE_ROCM'):\n    cxx_flags.append('-DDISABLE_SM90_FEATURES')\n"
               "{flags}"
               "    device_arch = os.getenv('TORCH_CUDA_ARCH_LIST', 'gfx942')\n")
_ALWAYS = "    cxx_flags.append('-DNO_AGGRESSIVE_ATOMIC')\n    nvcc_flags.append('-DNO_AGGRESSIVE_ATOMIC')\n"


@pytest.mark.parametrize(("flags", "expected"), [
    ("    if int(os.getenv('NO_AGGRESSIVE_ATOMIC', 0)):\n" + _ALWAYS.replace("    ", "        "),
     "configuration"),
    # near miss: under the same test, the build also compiles another source
    ("    if int(os.getenv('NO_AGGRESSIVE_ATOMIC', 0)):\n" + _ALWAYS.replace("    ", "        ")
     + "        sources.append('atomic_fallback.cu')\n", "infrastructure"),
], ids=["flags-asked-for", "source-asked-for-too"])
def test_flags_once_always_given_now_asked_for_by_the_environment_are_configuration(
        flags: str, expected: str) -> None:
    old = _ROCM_FLAGS.format(flags=_ALWAYS)
    assert _change_type(old, _ROCM_FLAGS.format(flags=flags), path="ep/setup.py") == expected


_HIP_SETTINGS = ("def make_extensions(settings, use_hip):\n    if use_hip:\n"
                 "        settings['define_macros'].append(('__HIP_PLATFORM_AMD__', '1'))\n{more}"
                 "        settings['extra_compile_args'].append('-std=c++11')\n"
                 "    return [Extension('core', ['core.pyx'], **settings)]\n")


@pytest.mark.parametrize(("more", "standard", "expected"), [
    ("        settings['define_macros'].append(('THRUST_DEVICE_SYSTEM', 'THRUST_DEVICE_SYSTEM_HIP'))\n",
     "c++14", "configuration"),
    # near miss: the settings also gain a source to compile
    ("        settings['sources'].append('hip_shim.cpp')\n", "c++14", "infrastructure"),
], ids=["macro-added-and-standard-swapped", "source-added"])
def test_macros_appended_to_a_settings_entry_and_a_flag_swapped_are_configuration(
        more: str, standard: str, expected: str) -> None:
    old = _HIP_SETTINGS.format(more="")
    new = _HIP_SETTINGS.format(more=more).replace("c++11", standard)
    assert _change_type(old, new, path="setup.py") == expected


_MAC_FLAGS = ("import platform\nimport sys\n\n\ndef get_extensions():\n"
              "    extra_compile_args = {{'cxx': ['-O3']}}\n    extra_link_args = []\n{mac}"
              "    return [CppExtension('x', ['x.cpp'], extra_compile_args=extra_compile_args)]\n")
_MAC_ARM = ("    if sys.platform == 'darwin' and platform.machine() == 'arm64':\n"
            "        extra_compile_args['cxx'] += ['-arch', 'arm64']\n"
            "        extra_link_args += ['-arch', 'arm64']\n")


@pytest.mark.parametrize(("more", "expected"), [
    ("        extra_compile_args['cxx'] += ['-D_LIBCPP_DISABLE_AVAILABILITY']\n", "configuration"),
    # near miss: macOS builds also compile another source
    ("        extra_sources['cxx'] += ['mac_shim.cpp']\n", "infrastructure"),
], ids=["flag-added-to-a-compilers-entry", "source-added"])
def test_flags_added_to_a_compilers_entry_of_a_dict_of_flags_are_configuration(more: str,
                                                                                expected: str) -> None:
    mac = "    if sys.platform == 'darwin':\n" + more + "        if platform.machine() == 'arm64':\n" \
        + "".join("    " + line + "\n" for line in _MAC_ARM.splitlines()[1:])
    new = _MAC_FLAGS.format(mac=mac)
    assert _change_type(_MAC_FLAGS.format(mac=_MAC_ARM), new, path="setup.py") == expected


def test_a_build_script_added_with_its_flags_is_infrastructure() -> None:
    new = _ARCH_FLAGS.format(flag="SAGE2PP_ENABLED = True\n", gate=_SAGE_GATE)
    facts = _facts(_diff("setup.py", None, new, "added"))
    assert (facts.files[0].change_type, facts.warnings) == ("infrastructure", [])


_TRAINING_LOOP = ("import wandb\n\n\ndef training_loop(\n    run_dir='.',\n    wandb_mode='offline',\n"
                  "    wandb_name='CorrDiff',\n{param}):\n    if wandb_mode != 'disabled':\n"
                  "        wandb.init(\n            name=wandb_name,\n            mode=wandb_mode,\n{given}"
                  "            save_code=True,\n        )\n    return run_dir\n")


@pytest.mark.parametrize(("param", "given", "expected"), [
    ("    wandb_group='CorrDiff-Group',\n", "            group=wandb_group,\n", "configuration"),
    # near miss: the new parameter's default is worked out, not set
    ("    wandb_group=default_group(),\n", "            group=wandb_group,\n", "core-logic"),
    # near miss: the new parameter is given to the call worked on, not handed on as it is
    ("    wandb_group='CorrDiff-Group',\n", "            group=wandb_group.lower(),\n", "core-logic"),
], ids=["setting-handed-on", "default-computed", "value-worked-on"])
def test_a_setting_an_example_takes_and_hands_on_to_a_call_is_configuration(param: str, given: str,
                                                                            expected: str) -> None:
    old = _TRAINING_LOOP.format(param="", given="")
    new = _TRAINING_LOOP.format(param=param, given=given)
    assert _change_type(old, new, path="examples/corrdiff/training/training_loop.py") == expected


_COMPILE_SCRIPT = ("#!/bin/bash\nset -e\nmkdir -p ${{BUILD_PATH}}\ncd ${{BUILD_PATH}}\n"
                   "cmake -G Ninja {options} ${{SRC_ROOT}} ${{WITH_GPU}}\n{build}\n")


@pytest.mark.parametrize(("options", "build", "path", "change_type"), [
    ("-D CMAKE_BUILD_TYPE=Release -D CUDA_INCLUDE_DIRS=/usr/local/cuda/include", "ninja", "tools/compile.sh",
     "configuration"),
    # near miss: the script runs another command
    ("-DCMAKE_BUILD_TYPE=Release", "make -j8", "tools/compile.sh", "infrastructure"),
    # near miss: a CI pipeline's script, whose options are the pipeline's
    ("-D CMAKE_BUILD_TYPE=Release -D CUDA_INCLUDE_DIRS=/usr/local/cuda/include", "ninja",
     ".github/workflows/scripts/compile.sh", "infrastructure"),
], ids=["options-given", "command-replaced", "ci-pipeline"])
def test_a_build_script_running_its_commands_with_other_options_is_configuration(
        options: str, build: str, path: str, change_type: str) -> None:
    old = _COMPILE_SCRIPT.format(options="-DCMAKE_BUILD_TYPE=Release", build="ninja")
    assert _change_type(old, _COMPILE_SCRIPT.format(options=options, build=build), path=path) == change_type


_LINT_SCRIPT = ("{shebang}\n\nexport PREFIX=\"\"\nset -x\n\n"
                "${{PREFIX}}black --check --diff $SOURCE_FILES\n"
                "${{PREFIX}}isort --check --diff --project=httpx{recursive} $SOURCE_FILES\n")


@pytest.mark.parametrize(("shebang", "change_type"), [
    ("#!/bin/sh -e", "configuration"),
    ("#!/usr/bin/env bash", "configuration"),
    # near miss: a script without a suffix that another interpreter runs
    ("#!/usr/bin/env perl", "infrastructure"),
], ids=["sh", "bash-through-env", "perl"])
def test_a_shell_script_named_without_a_suffix_running_a_tool_with_other_options_is_configuration(
        shebang: str, change_type: str) -> None:
    old = _LINT_SCRIPT.format(shebang=shebang, recursive=" --recursive")
    new = _LINT_SCRIPT.format(shebang=shebang, recursive="")
    assert _change_type(old, new, path="scripts/check") == change_type


_CONDA_BUILD = ("#!/bin/bash\nset -ex\nsetup_conda_pytorch_constraint\n"
                "conda build $CONDA_CHANNEL_FLAGS -c defaults -c conda-forge --no-anaconda-upload "
                "--python \"$PYTHON_VERSION\" packaging/pytorch3d\n"
                "printf \"Build finished. Run: ./run model.pte -z tokenizer.model -i <prompt>\"\n")


@pytest.mark.parametrize(("path", "old", "new", "change_type"), [
    ("packaging/build_conda.sh", "-c conda-forge", "-c conda-forge -c fvcore -c iopath", "configuration"),
    # near misses: the command builds another recipe; a message that spells options; a script
    # that runs the tests, whose options are its procedure
    ("packaging/build_conda.sh", "packaging/pytorch3d", "packaging/pytorch3d_nightly", "infrastructure"),
    ("packaging/build_conda.sh", "-z tokenizer.model", "-z tokenizer.model -l <version>", "infrastructure"),
    ("scripts/test.sh", "-c conda-forge", "-c conda-forge -c fvcore -c iopath", "infrastructure"),
], ids=["options-with-values-added", "recipe-replaced", "message-reworded", "test-script"])
def test_a_build_command_given_options_with_their_values_is_configuration(
        path: str, old: str, new: str, change_type: str) -> None:
    assert _change_type(_CONDA_BUILD, _CONDA_BUILD.replace(old, new), path=path) == change_type


_SAMPLE_RUN = ("#!/bin/bash\nCUDA_VISIBLE_DEVICES=7 python opensora/sample/sample_t2v.py \\\n"
               "    --num_frames 29 \\\n    --cache_dir \"../cache_dir\" \\\n"
               "    --text_encoder_name google/mt5-xxl\n")


@pytest.mark.parametrize(("path", "change_type"), [
    ("scripts/text_condition/sample_t2v.sh", "configuration"),
    # near miss: a script named for nothing it runs of the product
    ("scripts/text_condition/check_t2v.sh", "infrastructure"),
], ids=["script-running-the-product", "script-named-otherwise"])
def test_an_option_of_a_run_of_the_product_given_another_value_is_configuration(path: str,
                                                                               change_type: str) -> None:
    """`--cache_dir "../cache_dir" \\` became `"./cache_dir"` on a line continuing the command a
    sampling script runs: a setting of the run."""
    new = _SAMPLE_RUN.replace("../cache_dir", "./cache_dir")
    assert _change_type(_SAMPLE_RUN, new, path=path) == change_type


_RADIUS_SEARCH = ("import warp as wp\n\n\ndef count_neighbors(\n    grid: wp.HashGrid,\n"
                  "    device: {device} | None,\n    radius: float,\n) -> int:\n"
                  "    return wp.launch(count, dim=1, inputs=[grid, radius], device=device)\n")


@pytest.mark.parametrize(("device", "expected"), [
    ("wp.Device", "dependency-wiring"),
    # near miss: the parameter takes another type
    ("wp.Stream", "data-contract"),
], ids=["same-name-reached-otherwise", "another-type"])
def test_what_a_dependency_moved_reached_by_its_new_path_is_dependency_wiring(device: str,
                                                                              expected: str) -> None:
    old = _RADIUS_SEARCH.format(device="wp.context.Device")
    assert _change_type(old, _RADIUS_SEARCH.format(device=device)) == expected


_PERTURBED = ("import jax\nimport jax.tree_util as jtu\n\n\ndef nondifferentiable_input(x, name):\n"
              "    if any(is_perturbed(xi) for xi in jax.tree_leaves(x)):\n"
              "        raise ValueError(name)\n\n\ndef leaves(x):\n    return jtu.tree_leaves(x)\n")


@pytest.mark.parametrize(("reached", "expected"), [
    ("jtu.tree_leaves", "dependency-wiring"),
    # near miss: another function of the module the alias names
    ("jtu.tree_flatten", "data-contract"),
], ids=["same-function-through-an-alias-of-its-module", "another-function"])
def test_a_function_reached_through_the_alias_of_its_new_module_is_dependency_wiring(
        reached: str, expected: str) -> None:
    """`jax.tree_leaves(x)` became `jtu.tree_leaves(x)`, `jtu` being `jax.tree_util`: the same
    function reached where JAX keeps it now, its top-level alias going away."""
    new = _PERTURBED.replace("in jax.tree_leaves(x)", f"in {reached}(x)")
    assert _change_type(_PERTURBED, new) == expected


_FUSED_SOFTMAX = ("import torch\n\n\nclass {name}(torch.autograd.Function):\n    @staticmethod\n"
                  "    def forward(ctx, x, scale):\n        ctx.scale = scale\n        return x * scale\n\n"
                  "    @staticmethod\n    def backward(ctx, grad):\n"
                  "        return grad * ctx.scale, None\n\n\n"
                  "def fused_softmax(x, scale):\n    if x.size(-1) > {limit}:\n"
                  "        return torch.softmax(x * scale, -1)\n    return {name}.apply(x, scale)\n")


@pytest.mark.parametrize(("old_name", "new_name", "expected"), [
    ("_FusedUpeerSoftmax", "_FusedUpperSoftmax", "core-logic"),
    # near miss: the class is public, and whoever imported it by its old name breaks
    ("FusedUpeerSoftmax", "FusedUpperSoftmax", "data-contract"),
], ids=["private-class-respelled", "public-class-respelled"])
def test_the_methods_of_a_private_class_are_no_interface(old_name: str, new_name: str, expected: str) -> None:
    """`_FusedScaleUpeerTriangMaskSoftmaxFunction` respelled, its `forward` and `backward` with
    it: a private class's methods are reached through the class alone."""
    old = _FUSED_SOFTMAX.format(name=old_name, limit=2048)
    assert _change_type(old, _FUSED_SOFTMAX.format(name=new_name, limit=2048)) == expected


_LAYER_HELPER = ("import tensorflow_io as tfio\n\n\nclass TextIOLayerHelper:\n    def func(self, filename):\n"
                 "        return tfio.IOLayer.text(filename)\n")


@pytest.mark.parametrize(("reached", "expected"), [
    ("tfio.experimental.IOLayer.text", "dependency-wiring"),
    # near miss: another member of the class
    ("tfio.IOLayer.kafka", "test-coverage"),
], ids=["class-reached-through-a-submodule", "another-member"])
def test_a_class_moved_into_a_submodule_reached_there_is_dependency_wiring(reached: str,
                                                                          expected: str) -> None:
    new = _LAYER_HELPER.replace("tfio.IOLayer.text", reached)
    assert _change_type(_LAYER_HELPER, new, path="tests/test_io_layer_eager.py") == expected


_PULLBACK = "import jax\n\n\ndef pullback(fn, tree):\n" \
    "    flat, out = jax.flatten_fun_nokwargs(wrap(fn), tree)\n    return flat, out\n"


@pytest.mark.parametrize(("call", "expected"), [
    ("jax.api_util.flatten_fun_nokwargs(\n        wrap(fn), tree)", "dependency-wiring"),
    # near miss: the call rewrapped is given another argument too
    ("jax.api_util.flatten_fun_nokwargs(\n        wrap(fn), tree, True)", "data-contract"),
], ids=["moved-name-call-rewrapped", "call-given-more"])
def test_a_call_reached_by_a_new_module_path_over_other_lines_follows_the_dependency(call: str,
                                                                                    expected: str) -> None:
    new = _PULLBACK.replace("jax.flatten_fun_nokwargs(wrap(fn), tree)", call)
    assert _change_type(_PULLBACK, new) == expected


def test_another_member_reached_through_an_imported_module_is_no_move_of_it() -> None:
    old = "import services\n\n\nclass Settings:\n    model_service: str = services.Kinds.AUDIO.value\n"
    new = old.replace("AUDIO", "IMAGE")
    assert _change_type(old, new) != "dependency-wiring"


_DECODE_STEP = ("import tensorflow as tf\n\n\ndef decode(finished, lengths, outputs, zeros, state, cur):\n"
           "    lengths = tf.where(finished, lengths, lengths + 1)\n"
           "    emit = tf.nest.map_structure(\n"
           "        lambda out, zero: {where}(finished, zero, out),\n        outputs, zeros)\n"
           "    state = state if cur is None else {where}(finished, cur, state)\n"
           "    return emit, lengths, state\n")


@pytest.mark.parametrize(("where", "change_type"), [
    ("tf.compat.v1.where", "data-contract"),
    # near miss: the same name reached through another module of the package
    ("tf.experimental.numpy.where", "dependency-wiring"),
], ids=["kept-in-compat-namespace", "another-namespace"])
def test_a_call_kept_in_its_modules_compatibility_namespace_follows_the_api_though_others_remain(
        where: str, change_type: str) -> None:
    old = _DECODE_STEP.format(where="tf.where")
    assert _change_type(old, _DECODE_STEP.format(where=where), path="pkg/decoder.py") == change_type


def test_calls_kept_in_a_compatibility_namespace_and_laid_out_anew_follow_the_api() -> None:
    old = _DECODE_STEP.format(where="tf.where")
    new = _DECODE_STEP.format(where="tf.compat.v1.where").replace("outputs, zeros)",
                                                                  "outputs,\n        zeros)")
    assert _change_type(old, new, path="pkg/decoder.py") == "data-contract"


_INSTRUCTION_SETS = ("{imports}import platform\n\n\ndef supported_instruction_sets():\n"
                     "    import numpy\n    if {test}:\n        return {{'AVX2'}}\n    return set()\n")
_VERSION_IMPORT = "from packaging.version import Version\n"
_VERSION_TEST = 'Version(numpy.__version__) >= Version("1.19")'


@pytest.mark.parametrize(("imports", "test", "change_type"), [
    ("from distutils.version import LooseVersion\n", 'LooseVersion(numpy.__version__) >= "1.19"',
     "dependency-wiring"),
    # near miss: a test that compared strings now compares versions
    ("", 'numpy.__version__ >= "1.19"', "configuration"),
], ids=["test-made-with-the-new-import", "test-corrected"])
def test_a_version_test_made_with_what_another_import_brings_follows_that_import(
        imports: str, test: str, change_type: str) -> None:
    old = _INSTRUCTION_SETS.format(imports=imports, test=test)
    new = _INSTRUCTION_SETS.format(imports=_VERSION_IMPORT, test=_VERSION_TEST)
    assert _change_type(old, new, path="pkg/loader.py") == change_type


_POOL = ("import torch\nfrom torch import nn\n\nfrom pkg import SparseTensor\n\n\n"
         "class GlobalAvgPool(nn.Module):\n    def forward(self, input: SparseTensor) -> {returns}:\n"
         "        return global_avg_pool(input)\n")


@pytest.mark.parametrize(("returns", "expected"), [
    ("torch.Tensor", "data-contract"),
    # near miss: the same type, spelled as a string
    ("'SparseTensor'", "core-logic"),
], ids=["another-type", "same-type-quoted"])
def test_a_result_annotated_with_another_type_the_module_still_names_is_a_data_contract_change(
        returns: str, expected: str) -> None:
    old, new = _POOL.format(returns="SparseTensor"), _POOL.format(returns=returns)
    assert _change_type(old, new, path="pkg/nn/pooling.py") == expected


def test_a_parameter_annotated_with_a_type_that_stands_in_for_the_old_one_keeps_its_interface() -> None:
    restore = ("from pathlib import Path\n\nfrom .aliases import PathOrStr\n\n\nclass Trainer:\n"
               "    def save(self, path: Path) -> None:\n        write(path)\n\n"
               "    def restore(self, load_path: {annotation}) -> None:\n        read(load_path)\n")
    old, new = restore.format(annotation="Path"), restore.format(annotation="PathOrStr")
    assert _change_type(old, new, path="pkg/train.py") == "core-logic"


_CTYPES_BINDING = """\
import ctypes

lib = ctypes.CDLL("libamd_smi.so")


class amdsmi_board_info_t(ctypes.Structure):
    _fields_ = [("serial", ctypes.c_uint64), ("name", ctypes.c_char * {name_size})]


lib.amdsmi_get_temp_metric.restype = ctypes.c_int
lib.amdsmi_get_temp_metric.argtypes = [ctypes.c_void_p, {sensor}, ctypes.POINTER(ctypes.c_int64)]
TIMEOUT_MS = {timeout}
"""


@pytest.mark.parametrize(("changed", "change_type"), [
    ({"sensor": "amdsmi_temperature_type_t"}, "data-contract"),
    ({"name_size": "256"}, "data-contract"),
    # near miss: a setting beside the binding
    ({"timeout": "500"}, "configuration"),
], ids=["argument-type", "struct-field", "setting"])
def test_what_ctypes_is_told_of_a_c_interface_is_a_contract(changed: dict[str, str],
                                                            change_type: str) -> None:
    values = {"sensor": "ctypes.c_uint32", "name_size": "64", "timeout": "100"}
    assert _change_type(_CTYPES_BINDING.format(**values),
                        _CTYPES_BINDING.format(**{**values, **changed})) == change_type


_LIBRARY_LOADER = """\
import ctypes
import os


def {name}():
    try:
        import rapids_logger
{loads}
        rapids_logger.load_library()
    except ModuleNotFoundError:
        pass
    return ctypes.CDLL(os.path.join(os.path.dirname(__file__), "lib64", "libkvikio.so"))
"""
_LOADS_CUFILE = """\
        from cuda.pathfinder import load_nvidia_dynamic_lib
        ctypes.CDLL("librt.so.1", mode=ctypes.RTLD_GLOBAL)
        load_nvidia_dynamic_lib("cufile")"""


@pytest.mark.parametrize(("name", "change_type"), [
    ("load_library", "dependency-wiring"),
    ("_load_cuda_libs", "dependency-wiring"),
    # near miss: a function named for something else
    ("initialize", "core-logic"),
], ids=["load-library", "load-cuda-libs", "other-function"])
def test_what_a_library_loader_loads_is_wiring(name: str, change_type: str) -> None:
    old = _LIBRARY_LOADER.format(name=name, loads="")
    assert _change_type(old, _LIBRARY_LOADER.format(name=name, loads=_LOADS_CUFILE)) == change_type


_GET_PARAMS = """\
class XGBModel:
    def get_params(self, deep=False):
        params = dict(self.kwargs)
{extra}        return params
"""


@pytest.mark.parametrize(("extra", "change_type"), [
    ("        if 'validate_parameters' not in params.keys():\n"
     "            params['validate_parameters'] = False\n",
     "configuration"),
    ("        if isinstance(params, dict) and \\\n           'validate_parameters' not in params:\n"
     "            params['validate_parameters'] = 1\n", "configuration"),
    # near miss: the key is given what a call computes, not a setting
    ("        if 'seed' not in params:\n            params['seed'] = draw_seed(params)\n", "core-logic"),
], ids=["key-given-default", "key-given-default-beside-a-type-test", "key-given-computed-value"])
def test_a_key_given_its_default_where_missing_is_configuration(extra: str, change_type: str) -> None:
    assert _change_type(_GET_PARAMS.format(extra=""), _GET_PARAMS.format(extra=extra),
                        path="python-package/xgboost/sklearn.py") == change_type


_MERGE = "def merge(kwargs, params):\n{comment}    if isinstance(kwargs, {kind}):{trailing}\n" \
         "        params.update(kwargs)\n    return params\n"


@pytest.mark.parametrize(("kind", "change_type"), [
    ("dict", "docs"),
    # near miss: the code under the comment changed too
    ("Mapping", "core-logic"),
], ids=["comment-moved-above", "comment-moved-and-code-changed"])
def test_a_trailing_comment_moved_onto_its_own_line_is_docs(kind: str, change_type: str) -> None:
    old = _MERGE.format(comment="", kind="dict", trailing="  # a dict updates the parameters")
    new = _MERGE.format(comment="    # a dict updates the parameters\n", kind=kind, trailing="")
    assert _change_type(old, new) == change_type


_HIPCC = ('if(NOT BUILD_CUDA)\n    if(CMAKE_CXX_COMPILER MATCHES ".*/hipcc$")\n        set(FLAGS "-O3")\n'
          '    else()\n        message({level} "\'hipcc\' compiler required to compile for ROCm {what}.")\n'
          '    endif()\nendif()\n# {comment}\ncmake_minimum_required(VERSION 3.5 FATAL_ERROR)\n')


@pytest.mark.parametrize(("level", "what", "comment", "change_type"), [
    ("FATAL_ERROR", "software", "ROCm platform requires Ubuntu", "docs"),
    ("FATAL_ERROR", "platform", "AMD ROCm software requires Ubuntu", "docs"),
    # near miss: the build now goes on where it stopped
    ("WARNING", "platform", "ROCm platform requires Ubuntu", "infrastructure"),
], ids=["message-reworded", "comment-reworded", "message-level-changed"])
def test_what_a_cmake_build_says_reworded_is_docs(level: str, what: str, comment: str,
                                                  change_type: str) -> None:
    old = _HIPCC.format(level="FATAL_ERROR", what="platform", comment="ROCm platform requires Ubuntu")
    new = _HIPCC.format(level=level, what=what, comment=comment)
    assert _change_type(old, new, path="CMakeLists.txt") == change_type


_MAKEVARS = "PKG_CPPFLAGS = -I$(PKGROOT)/include\n{pic}\nOBJECTS = \\\n    boosting/gbdt.o \\\n{objects}" \
            "    network/linkers_socket.o\n"


@pytest.mark.parametrize(("path", "pic", "objects", "change_type"), [
    ("R-package/src/Makevars.in", "", "    network/ifaddrs_patch.o \\\n", "configuration"),
    ("R-package/src/Makevars.win.in", "", "    network/ifaddrs_patch.o \\\n", "configuration"),
    # near miss: what goes is a file the build compiles, not a flag
    ("R-package/src/Makevars.in", "CPICFLAGS = -fPIC\n", "", "infrastructure"),
], ids=["pic-flag-dropped", "pic-flag-dropped-windows", "object-dropped"])
def test_the_flags_an_r_package_is_built_with_are_configuration(path: str, pic: str, objects: str,
                                                               change_type: str) -> None:
    old = _MAKEVARS.format(pic="CPICFLAGS = -fPIC\n", objects="    network/ifaddrs_patch.o \\\n")
    assert _change_type(old, _MAKEVARS.format(pic=pic, objects=objects), path=path) == change_type


_CONFIGURE = 'OPENMP_CXXFLAGS=""\n\nif test `uname -s` = "Linux"\nthen\n  OPENMP_CXXFLAGS="{flags}"\n' \
             '  ac_pkg_openmp={probe}\nfi\n'


@pytest.mark.parametrize(("flags", "probe", "change_type"), [
    ("\\$(SHLIB_OPENMP_CXXFLAGS)", "yes", "configuration"),
    # near miss: what changes is a result the script works with, not a flag
    ("\\$(SHLIB_OPENMP_CFLAGS)", "no", "infrastructure"),
], ids=["flags-variable-set", "probe-result-set"])
def test_flags_a_configure_script_sets_are_configuration(flags: str, probe: str, change_type: str) -> None:
    old = _CONFIGURE.format(flags="\\$(SHLIB_OPENMP_CFLAGS)", probe="yes")
    assert _change_type(old, _CONFIGURE.format(flags=flags, probe=probe),
                        path="R-package/configure.ac") == change_type


@pytest.mark.parametrize(("old", "new", "change_type"), [
    ("fc3bc097c941c812f481cff42594f2da1ae79097\n", "ea55c160a36d658eae61a4c7aeda6cb55dd54dec\n",
     "configuration"),
    # near miss: a short word is no commit's hash
    ("fc3bc0\n", "ea55c1\n", "test-coverage"),
], ids=["commit-pinned-anew", "short-word-changed"])
def test_a_file_holding_a_commit_alone_pins_it(old: str, new: str, change_type: str) -> None:
    assert _change_type(old, new, path="test/onnx/.onnxrt-commit") == change_type


_TOX = ("[tox]\nenvlist = {envs}\n\n[gh-actions]\npython =\n    3.11: py311\n\n[testenv]\n"
        "extras =\n    test\n{extras}deps =\n    astropy=={astropy}\n"
        "setenv =\n    HOME = {{envtmpdir}}\n{env}commands =\n    pytest {{posargs}}\n")
_TOX_BEFORE = {"envs": "py311", "extras": "", "astropy": "4.2.0", "env": ""}


@pytest.mark.parametrize(("changed", "change_type"), [
    ({"envs": "py311, py312"}, "configuration"),
    ({"astropy": "4.2.1"}, "configuration"),
    ({"envs": "py311, py312", "extras": "    animate\n"}, "configuration"),
    # near misses: how the tests run, and the extras alone that the environments install
    ({"env": "    MPLBACKEND = Agg\n"}, "infrastructure"),
    ({"envs": "py311, py312", "env": "    MPLBACKEND = Agg\n"}, "infrastructure"),
    ({"extras": "    animate\n"}, "infrastructure"),
], ids=["python-added", "dependency-pinned-anew", "python-added-with-its-extras", "variable-set",
        "python-added-and-variable-set", "extra-installed"])
def test_a_tox_file_naming_other_pythons_or_dependencies_is_configuration(changed: dict[str, str],
                                                                          change_type: str) -> None:
    new = _TOX.format(**(_TOX_BEFORE | changed))
    assert _change_type(_TOX.format(**_TOX_BEFORE), new, path="tox.ini") == change_type


_ROXYGEN = "#' @name lgb.train\n#' @description {description}\nlgb.train <- function(params, data) {{\n" \
           "  {body}\n}}\n"


@pytest.mark.parametrize(("description", "body", "change_type"), [
    ("Low-level R interface to train a LightGBM model.", "Booster$new(params, data)", "docs"),
    # near miss: the function's body changed with its documentation
    ("Low-level R interface to train a LightGBM model.", "Booster$new(params = params, train_set = data)",
     "core-logic"),
], ids=["roxygen-reworded", "roxygen-and-body"])
def test_an_r_function_whose_documentation_comments_alone_changed_is_docs(description: str, body: str,
                                                                          change_type: str) -> None:
    old = _ROXYGEN.format(description="Logic to train with LightGBM", body="Booster$new(params, data)")
    assert _change_type(old, _ROXYGEN.format(description=description, body=body),
                        path="R-package/R/lgb.train.R") == change_type



_PACKAGE = ('rocm_create_package(\n  NAME rocthrust\n  DESCRIPTION "Radeon Open Compute Thrust library"\n'
            '  MAINTAINER "{maintainer}"\n)\n{more}')


@pytest.mark.parametrize(("maintainer", "more", "change_type"), [
    ("rocthrust-maintainer@amd.com", "", "configuration"),
    # near miss: the build also installs another folder
    ("rocthrust-maintainer@amd.com", "install(DIRECTORY include DESTINATION include)\n", "infrastructure"),
], ids=["maintainer-changed", "maintainer-and-install-step"])
def test_who_maintains_a_package_the_build_makes_is_configuration(maintainer: str, more: str,
                                                                  change_type: str) -> None:
    old = _PACKAGE.format(maintainer="Saad Rahim <saad.rahim@amd.com>", more="")
    assert _change_type(old, _PACKAGE.format(maintainer=maintainer, more=more),
                        path="CMakeLists.txt") == change_type


_LIBRARY = ("add_library( rocblas\n  ${{rocblas_source}}\n)\n\n"
            "{added}target_link_libraries( rocblas PRIVATE hip::device )\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ('message(STATUS "ger_kernels.cpp is compiled with -v")\n'
     'SET_SOURCE_FILES_PROPERTIES( blas2/ger_kernels.cpp PROPERTIES COMPILE_FLAGS "-v" )\n', "configuration"),
    # near miss: a source is given to another target, a step of the build
    ('message(STATUS "ger_kernels.cpp is built apart")\nadd_library( ger OBJECT blas2/ger_kernels.cpp )\n',
     "infrastructure"),
], ids=["source-compiled-with-flag", "source-built-apart"])
def test_flags_one_source_is_compiled_with_are_configuration(added: str, change_type: str) -> None:
    assert _change_type(_LIBRARY.format(added=""), _LIBRARY.format(added=added),
                        path="library/src/CMakeLists.txt") == change_type


_BUMP = ('#!/bin/bash\nOLD_VERSION="{old}"\nNEW_VERSION="{new}"\n\nOLD_TENSILE_HASH="{old_hash}"\n'
         'NEW_TENSILE_HASH="{new_hash}"\n\nsed -i "s/${{OLD_VERSION}}/${{NEW_VERSION}}/g" {target}\n')


@pytest.mark.parametrize(("target", "change_type"), [
    ("CMakeLists.txt", "configuration"),
    # near miss: the script also rewrites another file
    ("CMakeLists.txt docs/conf.py", "infrastructure"),
], ids=["versions-and-hashes", "versions-hashes-and-a-step"])
def test_a_release_scripts_versions_and_hashes_are_configuration(target: str, change_type: str) -> None:
    old = _BUMP.format(old="2.28.0", new="2.29.0", old_hash="80a6271365c9a6d91f9850175022c9eeebdd27f1",
                       new_hash="efb7d485af43175b83bdfda094b61b5653ba2dae", target="CMakeLists.txt")
    new = _BUMP.format(old="2.30.0", new="2.31.0", old_hash="b68edc65aaeed08c71b2b8622f69f83498b57d7a",
                       new_hash="f8a03abb87ab897d3e9a005c2b88c5a50d3c5718", target=target)
    assert _change_type(old, new, path="bump_develop_version.sh") == change_type


_TORCH_VERSION = ('TORCH_VERSION: Tuple[int, ...] = '
                  'tuple(int(x) for x in torch.__version__.split(".")[:{parts}])\n')
_QUANTIZATION = ("from typing import Tuple\n\nimport torch\n\n{gated}__all__ = [\"skipped\"]\n\n"
                 + _TORCH_VERSION.format(parts=2)
                 + "\n\ndef skipped(m):\n    return isinstance(m, {observer})\n")
_GATED = (_TORCH_VERSION + "if TORCH_VERSION >= (1, 11):\n"
          "    from torch.ao.quantization import ObserverBase\n"
          "else:\n    from torch.quantization import ObserverBase\n\n")


@pytest.mark.parametrize(("parts", "change_type"), [
    ("2", "dependency-wiring"),
    # near miss: the constant moved up is computed otherwise
    ("3", "core-logic"),
], ids=["version-bound-again-above-its-imports", "version-bound-otherwise"])
def test_a_constant_bound_again_above_the_imports_that_test_it_is_no_change_of_its_own(
        parts: str, change_type: str) -> None:
    old = _QUANTIZATION.format(gated="", observer="torch.quantization.ObserverBase")
    new = _QUANTIZATION.format(gated=_GATED.format(parts=parts), observer="ObserverBase")
    assert _change_type(old, new, path="fvcore/common/checkpoint.py") == change_type


_ACCOUNTANT = ("class Accountant:\n    def get_epsilon(\n{header}    ) -> float:\n"
               '        """Return epsilon."""\n        if delta_error is None:\n'
               "            delta_error = delta / 1000\n{body}"
               "        return compute(delta, eps_error, delta_error)\n")
_ONE_LINE = "        self, delta: float, *, eps_error: float = 0.01, delta_error: float = None\n"
_LAID_OUT = ("        self,\n        delta: float,\n        *,\n        eps_error: float = 0.01,\n"
             "        delta_error: float = None,\n        **kwargs,\n")


@pytest.mark.parametrize(("body", "change_type"), [
    ("", "data-contract"),
    # near miss: the function also computes anew
    ("".join(f"        eps_error = adjust{n}(eps_error, delta)\n" for n in range(6)), "core-logic"),
], ids=["parameter-gained", "parameter-gained-and-code-changed"])
def test_a_header_laid_out_anew_as_it_gains_a_parameter_weighs_what_it_gained(
        body: str, change_type: str) -> None:
    old = _ACCOUNTANT.format(header=_ONE_LINE, body="")
    new = _ACCOUNTANT.format(header=_LAID_OUT, body=body)
    assert _change_type(old, new, path="opacus/accountants/prv.py") == change_type


_RANDOM_SPLIT = ("import torch\n{imported}\n\ndef main(args):\n    data = load(args)\n{choice}"
          "    return torch.utils.data.random_split(data, [8, 2], generator=generator)\n")
_INLINE = ('    generator = (\n        prng.create_random_device_generator("/dev/urandom") if args.secure_rng'
           " else None\n    )\n")
_WRITTEN_OUT = ("    if args.secure_rng:\n        try:\n            import torchcsprng as prng\n"
                "        except ImportError as e:\n"
                '            raise ImportError("install torchcsprng for a secure RNG") from e\n\n'
                '        generator = prng.create_random_device_generator("/dev/urandom")\n\n'
                "    else:\n        generator = {otherwise}\n")


@pytest.mark.parametrize(("otherwise", "change_type"), [
    ("None", "dependency-wiring"),
    # near miss: the other branch now chooses another value
    ("torch.Generator()", "core-logic"),
], ids=["same-choice", "other-choice"])
def test_a_choice_written_out_to_hold_an_import_follows_the_import(otherwise: str, change_type: str) -> None:
    old = _RANDOM_SPLIT.format(imported="import torchcsprng as prng\n", choice=_INLINE)
    new = _RANDOM_SPLIT.format(imported="", choice=_WRITTEN_OUT.format(otherwise=otherwise))
    assert _change_type(old, new, path="opacus/data.py") == change_type


@pytest.mark.parametrize(("path", "change_type"), [
    ("recipes/benchmarks/inference_throughput/vllm/parameters.json", "configuration"),
    # near miss: what a benchmark's script does
    ("recipes/benchmarks/inference_throughput/vllm/parameters.txt", "core-logic"),
], ids=["settings", "text"])
def test_what_a_benchmark_runs_with_is_configuration(path: str, change_type: str) -> None:
    old = '{\n    "SAFE_CHECK": true,\n    "TOKENIZER_PATH": "../../tokenizer",\n    "TOP_P": 0.9\n}\n'
    new = '{\n    "SAFE_CHECK": true,\n    "TOP_P": 0.9\n}\n'
    assert _change_type(old, new, path=path) == change_type


_ADAM = ("class FP16Adam:\n    def update(self, step, data, grad, exp_avg):\n"
         "        lr = self.lr * step\n{comment}        self.ds_opt_adam.adam_update(self.opt_id, step, lr,\n"
         "                                     {args})\n        return data\n")


@pytest.mark.parametrize(("args", "change_type"), [
    ("data.view(-1), grad.view(-1),\n                                     exp_avg.view(-1)", "data-contract"),
    # near miss: other values handed over
    ("data, grad * 2,\n                                     exp_avg", "core-logic"),
], ids=["flattened", "other-values"])
def test_arguments_handed_over_in_another_shape_are_a_contract_change(args: str, change_type: str) -> None:
    old = _ADAM.format(comment="", args="data,\n                                     grad, exp_avg")
    new = _ADAM.format(comment="        # the kernel takes flat tensors\n", args=args)
    assert _change_type(old, new, path="patrickstar/ops/fp16_cpu_adam.py") == change_type


_DXDISPATCH = ("cmake_minimum_required(VERSION {version})\nproject(dxdispatch LANGUAGES CXX)\n\n"
               "include(cmake/fmt.cmake)\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("if(MSVC)\n    add_compile_options(/guard:cf /Qspectre /GS)\n    add_link_options(/GUARD:CF)\nendif()\n",
     "configuration"),
    # near miss: beside the version, the build gains a step
    ("add_subdirectory(tools)\n", "infrastructure"),
], ids=["version-and-flags", "version-and-step"])
def test_a_version_and_flags_the_build_takes_are_configuration(added: str, change_type: str) -> None:
    old = _DXDISPATCH.format(version="3.18")
    new = _DXDISPATCH.format(version="3.19") + added
    assert _change_type(old, new, path="DxDispatch/CMakeLists.txt") == change_type


@pytest.mark.parametrize(("path", "change_type"), [
    (".pre-commit-config.yaml", "infrastructure"),
    # near miss: the same version in a file the project's dependencies are read from
    ("environment.yml", "configuration"),
], ids=["hook-bumped", "dependency-bumped"])
def test_a_hook_pre_commit_runs_bumped_is_infrastructure(path: str, change_type: str) -> None:
    old = "repos:\n- repo: https://github.com/igorshubovych/markdownlint-cli\n  rev: v0.42.0\n"
    assert _change_type(old, old.replace("v0.42.0", "v0.43.0"), path=path) == change_type


_FED_CLIENT = ("class Client:\n    def __init__(self, args):\n        self.cell = Cell(\n"
           "            name=args.name,\n            timeout=args.get(\"maint_msg_timeout\", {default}),\n"
           "        )\n        self.ready = True\n")


@pytest.mark.parametrize(("default", "change_type"), [
    ("30.0", "configuration"),
    ("True", "configuration"),
    # near miss: the key read is another one
    ("5.0).real", "core-logic"),
], ids=["number", "bool", "value-computed-from-the-read"])
def test_the_default_of_a_key_read_changed_is_configuration(default: str, change_type: str) -> None:
    old = _FED_CLIENT.format(default="5.0")
    assert _change_type(old, _FED_CLIENT.format(default=default), path="pkg/client.py") == change_type


_QUANT_OPTIONS = ("from packaging import version\n\nfrom ort import __version__ as ort_version\n\n"
                  "_OPTIONS = {{\n    \"per_channel\": Param(type_=bool, default_value=False),\n"
                  "{entry}}}\n\n\ndef run(config):\n    run_config = dict(config)\n{gate}"
                  "    return quantize(**run_config)\n")
_OPTIMIZE_ENTRY = ("    \"optimize_model\": Param(\n        type_=bool,\n        default_value=False,\n"
                   "        description=\"Optimize the model first.\",\n    ),\n")


@pytest.mark.parametrize(("gate", "change_type"), [
    ("    if version.parse(ort_version) < version.parse(\"1.16.0\"):\n"
     "        run_config[\"optimize_model\"] = False\n", "configuration"),
    # near miss: the key the version's code sets is another one
    ("    if version.parse(ort_version) < version.parse(\"1.16.0\"):\n"
     "        run_config[\"per_channel\"] = False\n", "core-logic"),
], ids=["removed-option-set-by-version", "another-key-set"])
def test_an_option_dropped_from_a_table_and_set_by_version_is_configuration(gate: str,
                                                                          change_type: str) -> None:
    old = _QUANT_OPTIONS.format(entry=_OPTIMIZE_ENTRY, gate="")
    new = _QUANT_OPTIONS.format(entry="", gate=gate)
    assert _change_type(old, new, path="pkg/passes/quantize.py") == change_type


_LAYOUT_CONFIG = ("from dataclasses import dataclass\nfrom typing import Optional\n\n"
                  "from pkg.dtypes import {names}\n\n\n@dataclass\nclass StretchedConfig(BaseConfig):\n"
                  "    bits: int = 4\n    layout: {field}\n    version: int = 2\n")


@pytest.mark.parametrize(("old_field", "names", "new_field", "change_type"), [
    ("Layout = QDQLayout()", "CpuLayout, Layout", "Optional[Layout] = None", "configuration"),
    # near misses: the default is now a layout imported anew, or read through another class
    ("Layout = QDQLayout()", "CpuLayout, Layout, PlainLayout", "Layout = PlainLayout()", "dependency-wiring"),
    ("Layout = QDQLayout.default()", "CpuLayout, Layout", "Layout = CpuLayout.default()",
     "dependency-wiring"),
], ids=["default-unset", "default-imported-anew", "default-reached-elsewhere"])
def test_a_default_given_up_with_the_import_it_spelled_is_configuration(
        old_field: str, names: str, new_field: str, change_type: str) -> None:
    old = _LAYOUT_CONFIG.format(names="CpuLayout, Layout, QDQLayout", field=old_field)
    new = _LAYOUT_CONFIG.format(names=names, field=new_field)
    assert _change_type(old, new, path="pkg/prototype/quant/config.py") == change_type


_COMPILE_OPTIONS = ("import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
                    "def compile_model(onnx_path, **compiler_options):\n"
                    "    chunk = compiler_options.pop(\"chunk_size\", None)\n{dropped}"
                    "    return run_compiler(onnx_path, chunk, **compiler_options)\n")


@pytest.mark.parametrize(("dropped", "change_type"), [
    ("    for removed in (\"compile_only\", \"compile-only\"):\n        if removed in compiler_options:\n"
     "            logger.warning(f\"{removed} is deprecated and ignored\")\n"
     "            compiler_options.pop(removed, None)\n", "configuration"),
    # near miss: the option taken out is put to use
    ("    for removed in (\"compile_only\", \"compile-only\"):\n        if removed in compiler_options:\n"
     "            onnx_path = export(compiler_options.pop(removed, None))\n", "core-logic"),
], ids=["options-dropped", "option-used"])
def test_options_taken_out_before_they_are_passed_on_is_configuration(dropped: str, change_type: str) -> None:
    old = _COMPILE_OPTIONS.format(dropped="")
    new = _COMPILE_OPTIONS.format(dropped=dropped)
    assert _change_type(old, new, path="pkg/base/model.py") == change_type


_PRUNING_READER = ("class FilterPruningController:\n    def __init__(self, params):\n"
                   "        self.steps = params.get('pruning_steps', 10)\n"
                   "        self.importance = IMPORTANCE.get(params.get('{key}', 'L2'))\n")
_PRUNING_JSON = '{{\n  "pruning_steps": 15,\n  "{key}": "{value}"\n}}\n'


@pytest.mark.parametrize(("settings_key", "value", "change_type"), [
    ("filter_importance", "geometric_median", "configuration"),
    # near miss: the settings files keep the old key and change its value
    ("weight_importance", "L1", "core-logic"),
], ids=["read-as-the-settings-now-spell-it", "settings-keep-the-old-key"])
def test_a_key_read_under_the_name_the_settings_files_now_give_it_is_configuration(
        settings_key: str, value: str, change_type: str) -> None:
    reader = _diff("pkg/pruning/algo.py", _PRUNING_READER.format(key="weight_importance"),
                   _PRUNING_READER.format(key="filter_importance"))
    settings = _diff("examples/configs/resnet50_pruning.json",
                     _PRUNING_JSON.format(key="weight_importance", value="geometric_median"),
                     _PRUNING_JSON.format(key=settings_key, value=value))
    assert _facts(reader, settings).files[0].change_type == change_type


_AIO_CONSTANTS = ('AIO_BLOCK_SIZE = "block_size"\nAIO_BLOCK_SIZE_DEFAULT = 1048576\n'
                  '{name} = "{key}"\n{name}_DEFAULT = 1\n')
_AIO_READER = ("from pkg.swap.constants import *\n\n\nclass OptimizerSwapper:\n"
               "    def __init__(self, aio_config):\n        self.block = aio_config[AIO_BLOCK_SIZE]\n"
               "        self.aligned_bytes = 1024 * aio_config[{name}]{extra}\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the reader also computes its alignment otherwise
    (" * 2", "core-logic"),
], ids=["renamed-setting-followed", "alignment-changed-too"])
def test_code_following_constants_renamed_elsewhere_in_the_change_is_configuration(extra: str,
                                                                                  change_type: str) -> None:
    constants = _diff("pkg/swap/constants.py",
                      _AIO_CONSTANTS.format(name="AIO_THREAD_COUNT", key="thread_count"),
                      _AIO_CONSTANTS.format(name="AIO_INTRA_OP_PARALLELISM", key="intra_op_parallelism"))
    reader = _diff("pkg/swap/optimizer_utils.py", _AIO_READER.format(name="AIO_THREAD_COUNT", extra=""),
                   _AIO_READER.format(name="AIO_INTRA_OP_PARALLELISM", extra=extra))
    assert _facts(constants, reader).files[1].change_type == change_type


_POPPED_OPTIONS = ("def download(model_id, **kwargs):\n    force = kwargs.pop(\"force_download\", False)\n"
                   "    resume = kwargs.pop(\"resume_download\", {default})\n"
                   "    return fetch(model_id, force=force, resume=resume)\n")


@pytest.mark.parametrize(("default", "change_type"), [
    ("None", "configuration"),
    # near miss: the default is now read from another option
    ("force", "core-logic"),
], ids=["none", "another-option"])
def test_the_default_of_a_key_taken_out_changed_is_configuration(default: str, change_type: str) -> None:
    old = _POPPED_OPTIONS.format(default="False")
    assert _change_type(old, _POPPED_OPTIONS.format(default=default), path="pkg/hub.py") == change_type


def test_a_test_dropping_the_cases_of_what_the_change_removes_covers_less() -> None:
    table = ("import pytest\n\nfrom pkg.drivers.tcp import TcpDriver\n{imports}\n\n"
             "@pytest.mark.parametrize(\"scheme, expected\", [\n    (\"tcp\", TcpDriver),\n{cases}])\n"
             "def test_driver_loading(scheme, expected):\n    assert load(scheme) is expected\n")
    old = table.format(imports="from pkg.drivers.uds import UdsDriver\n", cases="    (\"uds\", UdsDriver),\n")
    dropped = table.format(imports="", cases="")
    renamed = table.format(imports="from pkg.drivers.unix import UnixDriver\n",
                           cases="    (\"uds\", UnixDriver),\n")
    removed = _diff("pkg/drivers/uds.py", "class UdsDriver:\n    pass\n", None, "deleted")
    added = _diff("pkg/drivers/unix.py", None, "class UnixDriver:\n    pass\n", "added")
    test = "tests/test_drivers.py"
    assert _facts(_diff(test, old, dropped), removed).files[0].change_type == "test-coverage"
    # near miss: the driver renamed, and the test follows the rename
    assert _facts(_diff(test, old, renamed), removed, added).files[0].change_type == "dependency-wiring"


_SYNCLIB = "import torch\n{imports}\n\ndef sync(state):\n    return all_gather(state)\n{copied}"
_COPIED = ("\n\ndef _gather_equal(result, world_size):\n    out = [torch.zeros_like(result)] * world_size\n"
           "    dist.all_gather(out, result)\n    return out\n\n\n"
           "def all_gather(result, group=None):\n    if not dist.is_initialized():\n        return [result]\n"
           "    size = dist.get_world_size(group)\n    if result.ndim == 0:\n"
           "        return _gather_equal(result, size)\n    padded = pad(result, size)\n"
           "    return _gather_equal(padded, size)\n")


@pytest.mark.parametrize(("copied", "change_type"), [
    (_COPIED, "dependency-wiring"),
    # near miss: beside the copy, a function of the module's own
    (_COPIED + "\n\ndef summary(state):\n    return {k: v.sum() for k, v in state.items()}\n",
     "data-contract"),
], ids=["copy-with-its-helper", "copy-and-a-function-of-its-own"])
def test_a_dependency_s_function_copied_in_with_its_helpers_is_dependency_wiring(copied: str,
                                                                                change_type: str) -> None:
    old = _SYNCLIB.format(imports="from torchtnt.utils.distributed import all_gather\n", copied="")
    new = _SYNCLIB.format(imports="from torch import distributed as dist\n", copied=copied)
    assert _change_type(old, new, path="torcheval/metrics/synclib.py") == change_type


_BUILD_ORT = ("import subprocess\n\n\ndef build_ort(build_dir):\n    args = [\n        'python',\n"
              "        'tools/build.py',\n        '--build_dir', build_dir,\n        '--enable_training',\n"
              "{options}    ]\n    subprocess.check_call(args)\n")


@pytest.mark.parametrize(("options", "path", "change_type"), [
    ("        '--build_eager_mode',\n", "src/eager/setup.py", "configuration"),
    # near misses: the build is handed a value the script computes; a CI script's options
    ("        '--cmake_extra_defines', define(build_dir),\n", "src/eager/setup.py", "infrastructure"),
    ("        '--build_eager_mode',\n", "tests/ci_build/build_ort.py", "infrastructure"),
], ids=["options-written-otherwise", "option-given-a-computed-value", "options-of-a-ci-script"])
def test_other_options_written_into_a_build_command_are_configuration(options: str, path: str,
                                                                      change_type: str) -> None:
    old = _BUILD_ORT.format(options="        '--cmake_extra_defines', 'ENABLE_EAGER_MODE=ON',\n")
    assert _change_type(old, _BUILD_ORT.format(options=options), path=path) == change_type


_NVCC_ARGS = ("import os\n\n\ndef build_cuda_extensions():\n    arch_flags = []\n{read}"
              "    extra_compile_args = {{\n        'nvcc': [\n            '-O3',\n{option}"
              "        ] + arch_flags,\n    }}\n    return extra_compile_args\n")


@pytest.mark.parametrize(("read", "option", "change_type"), [
    ('    nvcc_threads = os.getenv("NVCC_THREADS") or "4"\n', '            f"--threads={nvcc_threads}",\n',
     "configuration"),
    # near miss: the value handed to the compiler is computed by the script
    ("    nvcc_threads = count_threads()\n", '            f"--threads={nvcc_threads}",\n',
     "infrastructure"),
], ids=["read-from-the-environment", "computed"])
def test_a_compiler_option_read_from_the_environment_is_configuration(read: str, option: str,
                                                                      change_type: str) -> None:
    """VPTQ #98: nvcc is told `--threads=$NVCC_THREADS`, four by default."""
    old = _NVCC_ARGS.format(read="", option="")
    assert _change_type(old, _NVCC_ARGS.format(read=read, option=option), path="setup.py") == change_type


_EVALUATORS = ("class DefaultTask(LightningModule):\n    def reset(self):\n        assert (\n"
               "            not {path}.distributed_backend\n"
               "            or {path}.distributed_backend.lower() in ['ddp']\n        )\n"
               "        self.evaluators = []\n")


@pytest.mark.parametrize(("path", "change_type"), [
    ("self.trainer._accelerator_connector", "data-contract"),
    # near misses: another field read; the object's own field made protected
    ("self.trainer.strategy_connector", "core-logic"),
    ("self._accelerator_connector", "core-logic"),
], ids=["field-of-a-held-object-made-protected", "another-field", "own-field-made-protected"])
def test_a_field_a_library_made_protected_followed_is_a_contract_change(path: str, change_type: str) -> None:
    held = "self.trainer." if path.count(".") == 2 else "self."
    old = _EVALUATORS.format(path=held + "accelerator_connector")
    assert _change_type(old, _EVALUATORS.format(path=path), path="d2go/runner/task.py") == change_type


_RUNNER_FIELD = ("class Runner:\n    def __init__(self, vllm_config):\n"
                 "        model_config = vllm_config.model_config\n"
                 "        self.raw_input_supported = (\n            model_config.{field})\n{rest}")


@pytest.mark.parametrize(("rest", "change_type"), [
    ("", "data-contract"),
    ("        self.legacy = model_config.raw_input_supported\n", "core-logic"),
], ids=["kept-under-its-old-name-on-self", "old-field-still-read"])
def test_a_field_renamed_upstream_is_followed_though_self_keeps_the_old_name(rest: str,
                                                                           change_type: str) -> None:
    assert _change_type(_RUNNER_FIELD.format(field="raw_input_supported", rest=rest),
                        _RUNNER_FIELD.format(field="raw_input_only_model", rest=rest)) == change_type


_LAYER = ("def forward(self, query, forward_context):\n    meta = forward_context.attn_metadata\n"
          "    kv_cache = self.kv_cache[{index}]\n    return self.impl(query, kv_cache, meta)\n")


@pytest.mark.parametrize(("others", "change_type"), [
    (1, "data-contract"),
    (0, "core-logic"),
], ids=["field-given-up-alike-elsewhere", "only-this-file"])
def test_a_field_read_made_a_constant_where_other_files_stop_reading_it_too(others: int,
                                                                            change_type: str) -> None:
    diffs = [_diff(f"pkg/layers/attn{n}.py", _LAYER.format(index="forward_context.virtual_engine"),
                   _LAYER.format(index="0")) for n in range(others + 1)]
    assert _facts(*diffs).files[0].change_type == change_type


_PLUGIN = ("from pkg.utils.imports import {flag}\n\n\nclass Precision:\n    def __init__(self, precision):\n"
           "        if not {flag}:\n            raise OSError(\"the plugin requires {release}\")\n"
           "        self.precision = precision\n")
_SYNAPSE_FLAGS = ("from packaging.version import Version\n\nfrom pkg.utils.resources import {reader}\n\n"
          "{flag} = Version({reader}()) >= Version(\"{version}\")\n")
_VERSION_READER = "def {reader}():\n    return run('hl-smi')\n"


@pytest.mark.parametrize(("new", "change_type"), [
    (_PLUGIN.format(flag="_SYNAPSE_GREATER_EQUAL_1_11_0", release="Synapse AI >= 1.11.0"), "configuration"),
    (_PLUGIN.format(flag="_SYNAPSE_GREATER_EQUAL_1_11_0", release="Synapse AI >= 1.11.0").replace(
        "self.precision = precision", "self.precision = precision.lower()"), "core-logic"),
    (_PLUGIN.format(flag="_GAUDI2_AVAILABLE", release="Gaudi 2"), "core-logic"),
], ids=["another-release-required", "and-code-changed", "flag-without-a-version"])
def test_a_check_that_tests_a_flag_naming_another_version_requires_another_release(new: str,
                                                                                  change_type: str) -> None:
    old = _PLUGIN.format(flag="_GAUDI_GREATER_EQUAL_1_1_0", release="Gaudi >= 1.1")
    assert _change_type(old, new) == change_type


def test_a_version_flag_raised_with_the_reader_renamed_elsewhere_is_configuration() -> None:
    old_flags = _SYNAPSE_FLAGS.format(reader="get_gaudi_version", flag="_GAUDI_GREATER_EQUAL_1_1_0",
                                      version="1.1.0")
    new_flags = _SYNAPSE_FLAGS.format(reader="get_synapse_version", flag="_SYNAPSE_GREATER_EQUAL_1_11_0",
                              version="1.11.0")
    reader = _diff("pkg/utils/resources.py", _VERSION_READER.format(reader="get_gaudi_version"),
                   _VERSION_READER.format(reader="get_synapse_version"))
    assert _facts(_diff("pkg/utils/imports.py", old_flags, new_flags), reader).files[0].change_type \
        == "configuration"
    # near miss: the reader now is another function the change does not rename
    other = _SYNAPSE_FLAGS.format(reader="get_driver_version", flag="_SYNAPSE_GREATER_EQUAL_1_11_0",
                          version="1.11.0")
    gaudi = _VERSION_READER.format(reader="get_gaudi_version")
    driver = _VERSION_READER.format(reader="get_driver_version")
    kept = _diff("pkg/utils/resources.py", gaudi, gaudi + "\n\n" + driver)
    assert _facts(_diff("pkg/utils/imports.py", old_flags, other), kept).files[0].change_type \
        != "configuration"


_COLORMAPS = ("import matplotlib\nfrom packaging.version import Version\n\n\ndef colormap(name):\n"
              "    {flag} = Version(matplotlib.__version__) >= Version(\"{version}\")\n    if {flag}:\n"
              "        return matplotlib.colormaps[name]\n    return matplotlib.cm.get_cmap(name)\n")


@pytest.mark.parametrize(("flag", "version", "change_type"), [
    ("MPL_361", "3.6.1", "configuration"),
    # near miss: the flag renamed, the version it asks for the same
    ("HAS_COLORMAPS", "3.6", "core-logic"),
], ids=["another-release-required", "flag-only-renamed"])
def test_a_flag_bound_from_a_version_check_renamed_with_the_version_it_asks_for(
        flag: str, version: str, change_type: str) -> None:
    old = _COLORMAPS.format(flag="MPL_36", version="3.6")
    assert _change_type(old, _COLORMAPS.format(flag=flag, version=version)) == change_type


_TEST_IMAGE = "FROM nvidia/cuda:12.1.0-devel-ubuntu22.04\nRUN apt-get update\nRUN pip install {packages}\n"


@pytest.mark.parametrize(("packages", "expected"), [
    ("transformers==4.48.* accelerate datasets", "configuration"),
    # near miss: the image installs another package too
    ("transformers accelerate datasets peft", "infrastructure"),
], ids=["release-pinned", "package-added"])
def test_an_image_installing_other_releases_of_its_packages_is_configuration(packages: str,
                                                                             expected: str) -> None:
    old = _TEST_IMAGE.format(packages="transformers accelerate datasets")
    path = "tests/bettertransformer/Dockerfile_bettertransformer_gpu"
    assert _change_type(old, _TEST_IMAGE.format(packages=packages), path) == expected


_NIXL = ("from vllm.distributed import nixl_connector\n\nlogger = init_logger()\n\n"
         "nixl_connector.{table} = {{\"cuda\": (\"cuda\", ), \"hpu\": (\"{buffer}\", )}}\n")


@pytest.mark.parametrize(("new", "change_type"), [
    (_NIXL.format(table="_NIXL_SUPPORTED_DEVICE", buffer="cpu"), "data-contract"),
    (_NIXL.format(table="_NIXL_SUPPORTED_XPUS", buffer="hpu"), "configuration"),
], ids=["dependency-table-renamed", "dependency-table-set-otherwise"])
def test_a_dependency_setting_assigned_under_its_new_name_follows_the_rename(new: str,
                                                                           change_type: str) -> None:
    assert _change_type(_NIXL.format(table="_NIXL_SUPPORTED_XPUS", buffer="cpu"), new) == change_type


_VLLM_IMAGE = ("FROM python:3.12\nARG VLLM_REPO=https://github.com/vllm-project/vllm.git\n"
               "RUN git clone $VLLM_REPO /workspace/vllm\n{checkout}"
               "RUN pip install -r requirements/tpu.txt\n")


@pytest.mark.parametrize(("checkout", "expected"), [
    ("", "configuration"),
    ("RUN git checkout 3f2a9c1d\n", "configuration"),
    # near miss: the image runs other build steps
    ("RUN pip install ninja\n", "infrastructure"),
], ids=["release-unpinned", "commit-pinned", "build-step-changed"])
def test_a_dependency_checkout_in_an_image_is_its_pin(checkout: str, expected: str) -> None:
    old = _VLLM_IMAGE.format(checkout="RUN git checkout v0.11.1rc1\n")
    assert _change_type(old, _VLLM_IMAGE.format(checkout=checkout), "docker/Dockerfile") == expected


@pytest.mark.parametrize(("reset", "expected"), [
    ("RUN git reset e7a1b5ea1ff4412792eeb606a639e0dde422053a --hard\n", "configuration"),
    # near miss: the image resets the clone, to no commit named
    ("RUN git reset --hard\n", "infrastructure"),
], ids=["other-commit", "no-commit"])
def test_a_dependency_clone_reset_to_another_commit_in_an_image_is_its_pin(reset: str, expected: str) -> None:
    """RD-Agent #735 builds qlib at another commit: `RUN git reset <sha> --hard`."""
    old = _VLLM_IMAGE.format(checkout="RUN git reset 4d621bff99bb403231e26bb1dddae6e77d2af170 --hard\n")
    assert _change_type(old, _VLLM_IMAGE.format(checkout=reset), "docker/Dockerfile") == expected


@pytest.mark.parametrize(("branch", "expected"), [
    ("-b 0.8.0", "configuration"),
    ("--branch=v1.2", "configuration"),
    # near miss: another branch, no release named on either side
    ("-b dev", "infrastructure"),
], ids=["release-tag", "release-tag-long-option", "other-branch"])
def test_a_dependency_cloned_at_a_release_in_an_image_is_its_pin(branch: str, expected: str) -> None:
    """LightLLM #1156 builds NIXL at its 0.8.0 tag, not its main branch."""
    image = ("FROM ubuntu:22.04\nRUN cd /src && git clone https://github.com/ai-dynamo/nixl.git {} && \\\n"
             "    cd nixl\n")
    assert _change_type(image.format("-b main"), image.format(branch), "docker/Dockerfile.nixl") == expected


_MIXER = ("from vllm.config import get_current_vllm_config\n"
          "from vllm.model_executor.layers.mamba.mamba_mixer2 import MambaMixer2\n\n\n"
          "class HPUMambaMixer2({base}):\n    def __init__(self, n_groups):\n"
          "        super().__init__()\n"
          "        self.n_groups = n_groups\n{added}\n    def forward(self, x):\n"
          "        return x * self.n_groups{read}\n")
_NUM_SPEC = "        self.num_spec = get_current_vllm_config().num_speculative_tokens\n"


@pytest.mark.parametrize(("base", "read", "change_type"), [
    ("MambaMixer2", "", "data-contract"),
    ("MambaMixer2", " + self.num_spec", "core-logic"),
    ("nn.Module", "", "core-logic"),
], ids=["field-for-the-dependency-base", "field-read-here", "base-not-a-dependency"])
def test_a_field_set_for_a_dependency_base_class_is_its_interface(base: str, read: str,
                                                                  change_type: str) -> None:
    # where the module reads the field, setting it fixes the module's own code
    old = _MIXER.format(base=base, added="", read=read)
    new = _MIXER.format(base=base, added=_NUM_SPEC, read=read)
    assert _change_type(old, new) == change_type


_EMBED_MODEL = ("class Model:\n    def {method}(self, input_ids):\n        return self.embed(input_ids)\n\n"
                "    def forward(self, x):\n        return x\n")
_EMBED_LOADER = ("import functools\n\n\ndef get_model(graphdef):\n"
                 "    def run_{method}(graphdef, state, *args):\n"
                 "        model = merge(graphdef, state)\n        return model.{method}(*args){extra}\n\n"
                 "    {method}_fn = functools.partial(run_{method},\n{indent}graphdef)\n"
                 "    register(\"{method}_fn\", {method}_fn)\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "data-contract"),
    (" * 2", "core-logic"),
], ids=["wrapper-renamed-after-the-method", "wrapper-also-scales"])
def test_code_named_after_a_method_the_change_renamed_follows_the_rename(extra: str,
                                                                        change_type: str) -> None:
    old_loader = _EMBED_LOADER.format(method="get_input_embeddings", extra="", indent=" " * 40)
    new_loader = _EMBED_LOADER.format(method="embed_input_ids", extra=extra, indent=" " * 40)
    model = _diff("pkg/models/model.py", _EMBED_MODEL.format(method="get_input_embeddings"),
                  _EMBED_MODEL.format(method="embed_input_ids"))
    loader = _diff("pkg/models/loader.py", old_loader, new_loader.replace(",\n" + " " * 40, ", "))
    assert _facts(loader, model).files[0].change_type == change_type

_MODEL_REGISTRATION = ("register_model(\n    ModelMeta(\n        'keye_vl_1_5',\n"
                       "        architectures=['KeyeVL'],\n        requires=[{requires}],\n    ))\n")


@pytest.mark.parametrize(("requires", "change_type"), [
    ("'keye_vl_utils>=1.5.2', 'transformers==4.52.4'", "configuration"),
    ("'keye_vl_utils>=1.6.0'", "configuration"),
    # near miss: a string that names no version
    ("'keye_vl_utils>=1.5.2', 'vision'", "core-logic"),
], ids=["requirement-pinned", "requirement-raised", "other-string-added"])
def test_a_requirement_a_registration_declares_pinned_is_configuration(requires: str,
                                                                      change_type: str) -> None:
    old = _MODEL_REGISTRATION.format(requires="'keye_vl_utils>=1.5.2'")
    new = _MODEL_REGISTRATION.format(requires=requires)
    assert _change_type(old, new, "swift/model/models/mllm.py") == change_type


_MODEL_MODULE = ("import warnings\n\nfrom .mapping import PEFT_TYPE_TO_TUNER_MAPPING\n\n\n"
                 "def get_model_status(model):\n    return model.status\n")
_DEPRECATED_NAME = ("\n\ndef __getattr__(name):\n    if name == \"PEFT_TYPE_TO_MODEL_MAPPING\":\n"
                    "        warnings.warn(\"use PEFT_TYPE_TO_TUNER_MAPPING\", {category})\n"
                    "        return PEFT_TYPE_TO_TUNER_MAPPING\n"
                    "    raise AttributeError(f\"module {{__name__!r}} has no attribute {{name!r}}\")\n")


@pytest.mark.parametrize(("category", "change_type"), [
    ("category=DeprecationWarning", "data-contract"),
    ("FutureWarning", "data-contract"),
    # near miss: a loader that warns of something else
    ("RuntimeWarning", "core-logic"),
], ids=["deprecated-name-served", "future-warning", "other-warning"])
def test_a_module_getattr_serving_a_deprecated_name_keeps_an_interface(category: str,
                                                                       change_type: str) -> None:
    new = _MODEL_MODULE + _DEPRECATED_NAME.format(category=category)
    assert _change_type(_MODEL_MODULE, new, "src/peft/peft_model.py") == change_type


_CONFTEST = ("import random\nimport sys\nfrom pathlib import Path\n\nrandom.seed(787)\n\n{paths}")
_ONE_PATH = ("_MODELS_TESTS_DIR = Path(__file__).resolve().parent / \"models\"\n"
             "if str(_MODELS_TESTS_DIR) not in sys.path:\n    sys.path.insert(0, str(_MODELS_TESTS_DIR))\n")
_PATHS = ("_TESTS_DIR = Path(__file__).resolve().parent\n_MODELS_TESTS_DIR = _TESTS_DIR / \"models\"\n"
          "_REPO_ROOT = _TESTS_DIR.parent\n\n# helpers import as models.x and as tests.x\n"
          "for path in (_REPO_ROOT, _TESTS_DIR, _MODELS_TESTS_DIR):\n    if str(path) not in sys.path:\n"
          "        sys.path.insert(0, str(path))\n")


@pytest.mark.parametrize(("paths", "change_type"), [
    (_PATHS, "dependency-wiring"),
    # near miss: the seed the tests run with changes too
    (_PATHS + "random.seed(1)\n", "test-coverage"),
], ids=["import-paths-set", "and-seed-changed"])
def test_folders_put_on_the_import_path_are_dependency_wiring(paths: str, change_type: str) -> None:
    assert _change_type(_CONFTEST.format(paths=_ONE_PATH), _CONFTEST.format(paths=paths),
                        "tests/conftest.py") == change_type


_SPEC_RUNNER = ("import torch\nfrom vllm.v1.kv_cache_interface import FullAttentionSpec\n\n"
                "from pkg.compat import dataclass_fields\n\n\nclass Runner:\n    def set_blocks(self):\n"
                "{probe}        self.spec = FullAttentionSpec(\n            block_size=self.block_size,\n"
                "            dtype=torch.float16{spread})\n")
_MLA_PROBE = ("        if \"use_mla\" in dataclass_fields(FullAttentionSpec):\n"
              "            kwargs = {\"use_mla\": False}\n        else:\n            kwargs = {}\n")


@pytest.mark.parametrize(("probe", "change_type"), [
    (_MLA_PROBE, "data-contract"),
    (_MLA_PROBE.replace("dataclass_fields(FullAttentionSpec)", "self.options"), "core-logic"),
], ids=["keywords-chosen-by-the-class-fields", "keywords-chosen-by-own-options"])
def test_keywords_chosen_by_probing_the_callee_fit_its_interface(probe: str, change_type: str) -> None:
    old = _SPEC_RUNNER.format(probe="", spread="")
    new = _SPEC_RUNNER.format(probe=probe, spread=",\n            **kwargs")
    assert _change_type(old, new) == change_type



_LAZY_CLI = ("import sys\nfrom functools import partial\n\n{loaders}\ndef main():\n{imports}"
             "    command = sys.argv[1]\n    commands = {{\n        \"api\": {api},\n"
             "        \"chat\": {chat},\n        \"version\": partial(print, VERSION),\n    }}\n"
             "    commands[command]()\n")
_EAGER_COMMANDS = "    from .api.app import run_api\n    from .chat.chat_model import run_chat\n"
_COMMAND_LOADERS = ("\ndef _run_api():\n    from .api.app import run_api\n    return run_api()\n\n\n"
                    "def _run_chat():\n    from .chat.chat_model import run_chat\n"
                    "    return run_chat(){extra}\n\n")
_LOADER_DOING_MORE = "\n\n\ndef _run_eval():\n    from .eval import run_eval\n    return run_eval(sys.argv)"


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: one of the new functions does more than load and call
    (_LOADER_DOING_MORE, "core-logic"),
], ids=["commands-loaded-when-run", "a-function-that-does-more"])
def test_commands_that_import_what_they_run_when_run_are_dependency_wiring(extra: str,
                                                                            change_type: str) -> None:
    kept = "    from . import launcher\n", "    from .extras.env import VERSION\n"
    old = _LAZY_CLI.format(imports=kept[0] + _EAGER_COMMANDS + kept[1], loaders="", api="run_api",
                           chat="run_chat")
    new = _LAZY_CLI.format(imports="".join(kept), loaders=_COMMAND_LOADERS.format(extra=extra),
                           api="_run_api", chat="_run_chat")
    assert _change_type(old, new, "src/pkg/cli.py") == change_type


_CHAT_ENGINES = ("from .hf_engine import HfEngine\n{eager}\n\nclass ChatModel:\n"
                 "    def __init__(self, backend):\n        if backend == 'hf':\n"
                 "            self.engine = HfEngine()\n        elif backend == 'vllm':\n{vllm}")
_VLLM_EAGER = "            self.engine = VllmEngine()\n"
_VLLM_HINTED = ("            try:\n                from .vllm_engine import VllmEngine\n"
                "                self.engine = VllmEngine(){extra}\n            except ImportError as e:\n"
                "                raise ImportError('vLLM is not installed: pip install vllm') from e\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the guarded code does something new
    ("\n                self.engine.warm_up()", "core-logic"),
], ids=["import-hinted-where-used", "guarded-code-changed"])
def test_an_import_moved_where_used_with_an_install_hint_is_dependency_wiring(extra: str,
                                                                               change_type: str) -> None:
    old = _CHAT_ENGINES.format(eager="from .vllm_engine import VllmEngine", vllm=_VLLM_EAGER)
    new = _CHAT_ENGINES.format(eager="", vllm=_VLLM_HINTED.format(extra=extra))
    assert _change_type(old, new, "src/pkg/chat/chat_model.py") == change_type


_LINEAR_NAMES = ("import bitsandbytes as bnb\nimport torch\nfrom peft import get_peft_model\n{imports}\n\n"
                 "def find_all_linear_names(model):\n    cls = (bnb.nn.Linear4bit, torch.nn.Linear{listed})\n"
                 "    return [n for n, m in model.named_modules() if isinstance(m, cls){extra}]\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the function also picks the modules otherwise
    (" and n != 'lm_head'", "core-logic"),
], ids=["name-dropped-with-its-import", "modules-picked-otherwise"])
def test_a_name_dropped_from_a_list_with_its_import_lets_go_of_a_dependency(extra: str,
                                                                             change_type: str) -> None:
    old = _LINEAR_NAMES.format(imports="from peft.tuners.lora import QuantLinear\n", listed=", QuantLinear",
                               extra="")
    assert _change_type(old, _LINEAR_NAMES.format(imports="", listed="", extra=extra)) == change_type


_IMGHDR = ("from os import PathLike\n{imported}\n__all__ = ['what']\n\n{call}"
           "\ndef what(file, h=None):\n    return None\n")


@pytest.mark.parametrize(("imported", "call", "change_type"), [
    ("import warnings\n", "warnings._deprecated(__name__, remove=(3, 13))\n\n", "core-logic"),
    # near miss: what goes with the import is a call that only names it
    ("from imghdr_compat import register\n", "register(__name__)\n\n", "dependency-wiring"),
], ids=["warning-dropped", "registration-dropped"])
def test_a_module_no_longer_warning_on_import_changes_what_it_does(imported: str, call: str,
                                                                 change_type: str) -> None:
    """Metaflow #2509: the vendored imghdr drops `warnings._deprecated(...)` with `import warnings`."""
    old = _IMGHDR.format(imported=imported, call=call)
    new = _IMGHDR.format(imported="", call="")
    assert _change_type(old, new, "metaflow/_vendor/imghdr/__init__.py") == change_type


_DISPATCHES = ("from pkg.dtypes.plain import _linear_check, _linear_impl, _plain_check, _plain_impl\n"
               "{imports}\n\n"
               "def register_dispatches():\n    for check, impl in [\n        (\n            _linear_check,\n"
               "            _linear_impl,\n        ),\n{entry}        (\n            _plain_check,\n"
               "            _plain_impl,\n        ),\n    ]:\n        register(check, impl)\n\n\n"
               "def embedding(args, kwargs):\n{embedding}    return default_embedding(args, kwargs)\n")
_QDQ_IMPORTS = "".join(f"from pkg.dtypes.q_dq import (\n    {name} as _qdq_{alias},\n)\n" for name, alias in (
    ("_embedding_check", "check"), ("_embedding_impl", "impl"), ("_linear_check", "linear_check"),
    ("_linear_impl", "linear_impl")))
_QDQ_ENTRY = "        (\n            _qdq_linear_check,\n            _qdq_linear_impl,\n        ),\n"
_QDQ_EMBEDDING = "    if _qdq_check(args, kwargs):\n        return _qdq_impl(args, kwargs)\n\n"


@pytest.mark.parametrize(("also_removed", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the embedding also stops checking its arguments
    ("    validate(args)\n", "core-logic"),
], ids=["uses-dropped-with-imports", "other-code-dropped-too"])
def test_uses_removed_with_the_imports_they_named_let_go_of_a_dependency(also_removed: str,
                                                                         change_type: str) -> None:
    old = _DISPATCHES.format(imports=_QDQ_IMPORTS, entry=_QDQ_ENTRY, embedding=_QDQ_EMBEDDING + also_removed)
    new = _DISPATCHES.format(imports="", entry="", embedding="")
    assert _change_type(old, new, path="pkg/dtypes/ops.py") == change_type


_VERSION_SKIPPED = ("import unittest\n\nimport numpy as np\n{imports}\n\n"
                    "class TestMetrics(unittest.TestCase):\n"
                    "    def test_bleu(self):\n        self.assertTrue(np.isclose(bleu(), 1.0))\n\n"
                    "{skip}    def test_glue(self):\n        self.assertEqual(glue(), 1)\n")


def test_a_version_skip_dropped_with_the_import_it_tested_covers_more() -> None:
    old = _VERSION_SKIPPED.format(imports="import tensorflow as tf\n",
                                  skip="    @unittest.skipIf(tf.__version__ <= '2.2.0', 'no transformers')\n")
    new = _VERSION_SKIPPED.format(imports="", skip="")
    assert _change_type(old, new, path="test/test_metrics.py") == "test-coverage"


_ROUTED = ("class MoE(nn.Module):\n    def forward(self, hidden_states):\n"
           "        shape = hidden_states.shape\n        router_logits = self.gate(hidden_states)\n{route}"
           "        out = self.experts(hidden_states, topk_indices, topk_weights)\n"
           "        return out.view(*shape)\n")
_ROUTE = "        topk_indices, topk_weights = self.route_tokens_to_experts(router_logits)\n"
_ROUTE_EITHER = ("        if isinstance(router_logits, tuple):  # transformers >= 5.13\n"
                 "            _, topk_weights, topk_indices = {taken}\n        else:\n    " + _ROUTE)


@pytest.mark.parametrize(("taken", "change_type"), [
    ("router_logits", "data-contract"),
    # near miss: the new branch routes otherwise, without taking the value apart
    ("self.route_top1(hidden_states)", "core-logic"),
], ids=["tuple-taken-apart", "routed-otherwise"])
def test_code_that_also_takes_a_value_of_another_type_apart_adapts_to_a_dependency(taken: str,
                                                                                   change_type: str) -> None:
    new = _ROUTED.format(route=_ROUTE_EITHER.format(taken=taken))
    assert _change_type(_ROUTED.format(route=_ROUTE), new) == change_type



_DS_EVAL = ("class Strategy:\n    def eval_config(self):\n        {mapping} = make_config(self.stage)\n"
            "        {mapping}[\"micro_batch\"] = self.micro_batch\n"
            "        {mapping}[\"train_batch_size\"] = {value}\n"
            "        return {mapping}\n")


@pytest.mark.parametrize(("mapping", "value", "change_type"), [
    ("ds_config", "self.train_batch_size * self.ring_attn_size", "configuration"),
    ("eval_cfg", "2 * self.train_batch_size", "configuration"),
    # near misses: a mapping of another kind; the entry set is another
    ("cache", "self.train_batch_size * self.ring_attn_size", "core-logic"),
    ("ds_config", "self.train_batch_size\n        ds_config[\"steps\"] = self.steps", "core-logic"),
], ids=["deepspeed-config", "cfg", "cache", "entry-added"])
def test_entries_of_a_configuration_given_other_values_are_configuration(mapping: str, value: str,
                                                                          change_type: str) -> None:
    old = _DS_EVAL.format(mapping=mapping, value="self.train_batch_size")
    assert _change_type(old, _DS_EVAL.format(mapping=mapping, value=value)) == change_type


_ENV_CHECKS = ("from packaging import version\n\n\ndef check_env():\n    if not cuda_graphs():\n"
               "        raise RuntimeError('no CUDA graphs')\n{old}\n\nclass RuntimeConfig:\n"
               "    def __post_init__(self):\n{call}        if self.use_cuda_graph:\n"
               "            check_env()\n")
_DIFFUSERS_TRIED = ("    try:\n        import diffusers\n\n"
                    "        if version.parse(diffusers.__version__) > version.parse('0.30.2'):\n"
                    "            raise RuntimeError('diffusers >= 0.31.0 is needed')\n"
                    "    except ImportError:\n"
                    "        raise ImportError('diffusers is not installed')\n")
_CHECK_PACKAGES = ("\n\ndef check_packages():\n    import diffusers\n\n"
                   "    if not version.parse(diffusers.__version__) > version.parse('0.30.2'):\n"
                   "        raise RuntimeError('diffusers > 0.30.2 is needed')\n{extra}")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the function moved into does more than check
    ("    os.environ['DIFFUSERS_SLICING'] = '1'\n", "core-logic"),
], ids=["check-moved-to-its-function", "function-does-more"])
def test_a_version_check_moved_into_a_function_of_its_own_is_configuration(extra: str,
                                                                             change_type: str) -> None:
    old = _ENV_CHECKS.format(old=_DIFFUSERS_TRIED, call="")
    new = _ENV_CHECKS.format(old=_CHECK_PACKAGES.format(extra=extra), call="        check_packages()\n")
    assert _change_type(old, new) == change_type


_WEIGHTS_IMPORT = "from vllm.weight_utils import weights_iterator\n"
_WRAP = "def wrap(path):\n    yield from weights_iterator(path)\n"
_PATCHES = "if vllm.__version__ < '0.2.5':\n    patch(wrap)\nelse:\n    patch_lazily(wrap)\n"
_VLLM_WORKER = "class Worker:\n    def __init__(self):\n        import vllm\n{body}"


@pytest.mark.parametrize(("test", "extra", "change_type"), [
    ("vllm.__version__ < '0.4.1'", "", "dependency-wiring"),
    # near miss: the gated block does more than the code it holds now
    ("vllm.__version__ < '0.4.1'", "register_loader(wrap)\n", "core-logic"),
], ids=["import-moved-in-with-its-code", "gate-adds-code"])
def test_code_put_under_a_version_test_with_the_import_it_uses_follows_the_import(
        test: str, extra: str, change_type: str) -> None:
    patched = textwrap.indent(_PATCHES, " " * 8)
    old = _WEIGHTS_IMPORT + "\n\n" + _WRAP + "\n\n" + _VLLM_WORKER.format(body=patched)
    block = _WEIGHTS_IMPORT + "\n" + _WRAP + "\n" + _PATCHES + extra
    gated = f"if {test}:\n" + textwrap.indent(block, " " * 4)
    new = _VLLM_WORKER.format(body=textwrap.indent(gated, " " * 8))
    assert _change_type(old, new) == change_type


_PLAN_READER = ("class Recipe:\n    def __init__(self, cfg):\n"
                "        self.{field} = instantiate(cfg.get('{key}', None))\n"
                "        if self.tp_dim > 1 and self.{field} is None:\n"
                "            raise ValueError('{message}')\n\n    def setup(self, model):\n"
                "        parallelize(model, parallelize_plan=self.{field}){extra}\n")
_PLAN_YAML = "tp_dim: 1\n{key}:\n  _component_: models.llama3.base_tp_plan\n"


@pytest.mark.parametrize(("settings_key", "extra", "change_type"), [
    ("tensor_parallel_plan", "", "configuration"),
    # near misses: the settings files keep the old key; the reader does more
    ("parallelize_plan", "", "core-logic"),
    ("tensor_parallel_plan", "\n        model.compile()", "core-logic"),
], ids=["nested-key-renamed", "settings-keep-the-old-key", "reader-does-more"])
def test_a_key_read_as_a_field_under_the_name_the_settings_now_give_it_is_configuration(
        settings_key: str, extra: str, change_type: str) -> None:
    reader = _diff("recipes/full_finetune.py",
                   _PLAN_READER.format(field="parallelize_plan", key="parallelize_plan",
                                       message="Parallelism plan need to be provided", extra=""),
                   _PLAN_READER.format(field="tensor_parallel_plan", key="tensor_parallel_plan",
                                       message="Tensor Parallel plan needs to be provided", extra=extra))
    settings = _diff("recipes/configs/70B_full.yaml", _PLAN_YAML.format(key="parallelize_plan"),
                     _PLAN_YAML.format(key=settings_key))
    assert _facts(reader, settings).files[0].change_type == change_type


_NESTED_GATHER = ("import transformers\nfrom packaging.version import Version\n\n"
           "if Version(transformers.__version__) >= Version('{v}'):\n"
           "    from transformers.trainer_pt_utils import nested_gather\n\n\n"
           "def mean_loss(loss, mode):\n    if Version(transformers.__version__) >= Version('{v}'):\n"
           "        return nested_gather(loss, mode).mean()\n    return loss.mean()\n")


def test_an_import_under_a_version_test_that_now_tests_another_version_is_configuration() -> None:
    # near miss of an import moved under a version test: it was under one already
    old, new = _NESTED_GATHER.format(v="5.2.0.dev0"), _NESTED_GATHER.format(v="5.2.0")
    assert _change_type(old, new) == "configuration"


_ABORT = ("import sglang_router\nfrom packaging.version import parse\n\n\nasync def abort(router):\n"
          "{body}    return True\n")
_WORKERS_LOOP = ("response = await get(f'{router}/workers')\nfor worker in response['workers']:\n"
                 "    await post(f\"{worker['url']}/abort_request\", {'abort_all': True})\n")
_LIST_WORKERS = ("response = await get(f'{router}/list_workers')\nfor url in response['urls']:\n"
                 "    logger.info(f'Abort request for {url}')\n")


@pytest.mark.parametrize(("kept", "change_type"), [
    (_WORKERS_LOOP, "configuration"),
    # near miss: what newer versions run changes too
    (_WORKERS_LOOP.replace("{'abort_all': True}", "{'abort_all': False}"), "core-logic"),
], ids=["old-api-for-old-versions", "newer-path-changed"])
def test_a_version_test_choosing_an_old_api_over_the_loop_that_was_there_is_configuration(
        kept: str, change_type: str) -> None:
    old = _ABORT.format(body=textwrap.indent(_WORKERS_LOOP, " " * 4))
    gated = ("if parse(sglang_router.__version__) <= parse('0.2.1'):\n"
             + textwrap.indent(_LIST_WORKERS, " " * 4) + "else:\n" + textwrap.indent(kept, " " * 4))
    assert _change_type(old, _ABORT.format(body=textwrap.indent(gated, " " * 4))) == change_type


_PERF_LOG = ("def log_perf(log_dict, wait, train):\n    total = wait + train\n    {line}\n"
             "    return log_dict\n")


@pytest.mark.parametrize(("old_line", "new_line", "change_type"), [
    ("log_dict['perf/total_train_time'] = total", "log_dict['perf/step_time'] = total", "core-logic"),
    # near miss: a path the data is written to
    ("dump(total, 'runs/perf/total.json')", "dump(total, 'outputs/perf/total.json')", "configuration"),
], ids=["metric-renamed", "path-written-to"])
def test_a_key_spelled_like_a_path_is_no_path_set(old_line: str, new_line: str, change_type: str) -> None:
    assert _change_type(_PERF_LOG.format(line=old_line), _PERF_LOG.format(line=new_line)) == change_type


_VLLM_PLUGIN = "import os\n\nimport vllm\n\n\ndef plugin():\n{check}    patch_workers()\n"
_DEV_ACCEPTED = ("if vllm.__version__ != compatible_version() \\\n"
                 "        and not vllm.__version__.startswith('0.1.dev'):\n"
                 "    logger.warning('ignoring the plugin')\n    return\n")
_SWITCHED = ("if not int(os.getenv('PLUGIN_SKIP_VERSION_CHECK', '0')):\n"
             "    compatible = compatible_version()\n"
             "    if vllm.__version__ != compatible:\n        logger.warning('ignoring the plugin')\n"
             "{extra}        return\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the refusal now does something besides
    ("        unpatch_workers()\n", "core-logic"),
], ids=["check-rewritten-under-an-environment-switch", "refusal-acts"])
def test_a_version_check_that_returns_rewritten_under_an_environment_switch_is_configuration(
        extra: str, change_type: str) -> None:
    old = _VLLM_PLUGIN.format(check=textwrap.indent(_DEV_ACCEPTED, " " * 4))
    new = _VLLM_PLUGIN.format(check=textwrap.indent(_SWITCHED.format(extra=extra), " " * 4))
    assert _change_type(old, new) == change_type


_CHECKPOINTS = ("class OCR:\n    def __init__(self, name):\n        models = {{\n"
                "            'FCE': {{\n                'config': 'fcenet/fcenet_r50.py',\n"
                "                'ckpt':\n{ckpt}            }},\n        }}\n"
                "        self.model = models[name]\n")


@pytest.mark.parametrize(("ckpt", "change_type"), [
    ("                'fcenet/' +\n                'fcenet_r50_20211022-e326d7ec.pth'\n", "configuration"),
    # near miss: the file name now computed by a call
    ("                'fcenet/' + latest('fcenet_r50')\n", "core-logic"),
], ids=["path-added-up-from-literals", "path-computed"])
def test_a_path_written_as_literals_added_up_is_a_path_set(ckpt: str, change_type: str) -> None:
    old = _CHECKPOINTS.format(ckpt="                'fcenet/fcenet_r50-d435c061.pth'\n")
    assert _change_type(old, _CHECKPOINTS.format(ckpt=ckpt)) == change_type


@pytest.mark.parametrize(("rest", "change_type"), [
    ("warnings.simplefilter('once', DeprecationWarning)\n"
     "warnings.warn('Registries moved to pkg.models.builder', DeprecationWarning)\n", "dependency-wiring"),
    # near miss: the module also builds something of its own
    ("warnings.warn('Registries moved to pkg.models.builder', DeprecationWarning)\n"
     "EXTRA = build_registry('extra')\n", "core-logic"),
], ids=["re-exports-that-warn", "builds-a-registry"])
def test_an_added_module_that_re_exports_and_warns_it_is_the_old_place_is_wiring(rest: str,
                                                                                change_type: str) -> None:
    new = ("import warnings\n\nfrom .builder import BACKBONES, HEADS\n\n"
           "__all__ = ['BACKBONES', 'HEADS']\n\n" + rest)
    assert _facts(_diff("pkg/models/registry.py", None, new, "added")).files[0].change_type == change_type


_TYPING = ("from typing import List, Optional\n\n\nclass SamplingResult:\n    pass\n\n\n{aliases}")


@pytest.mark.parametrize(("removed", "change_type"), [
    ("SamplingResultList = List[SamplingResult]\nOptSamplingResultList = Optional[SamplingResultList]\n",
     "data-contract"),
    # near miss: a setting of the module
    ("default_sampler = 'random'\n", "configuration"),
], ids=["type-aliases", "setting"])
def test_type_aliases_taken_away_are_the_types_signatures_take(removed: str, change_type: str) -> None:
    assert _change_type(_TYPING.format(aliases="TIMEOUT = 5\n" + removed),
                        _TYPING.format(aliases="TIMEOUT = 5\n"), "pkg/utils/typing.py") == change_type


_HEAD = ("from typing import List, Union\n\n{imports}\n\n\nclass BBoxHead:\n"
         "    def get_targets(self, sampling_results: {annotation}, cfg: {cfg}) -> tuple:\n"
         "        return [res.pos_priors for res in sampling_results], cfg\n")


@pytest.mark.parametrize(("imports", "annotation", "cfg", "change_type"), [
    ("from det.models.samplers import SamplingResult", "List[SamplingResult]", "dict", "dependency-wiring"),
    # near misses: the annotation names another type besides, no import tells of it; and another
    # parameter takes another type besides
    ("from det.core.utils import SamplingResultList", "List[dict]", "dict", "data-contract"),
    ("from det.models.samplers import SamplingResult", "List[SamplingResult]", "Union[dict, str]",
     "data-contract"),
], ids=["annotation-follows-the-import", "annotation-changed-alone", "another-parameter-widened"])
def test_annotations_respelled_with_what_the_imports_now_bring_follow_them(
        imports: str, annotation: str, cfg: str, change_type: str) -> None:
    old = _HEAD.format(imports="from det.core.utils import SamplingResultList",
                       annotation="SamplingResultList", cfg="dict")
    assert _change_type(old, _HEAD.format(imports=imports, annotation=annotation, cfg=cfg)) == change_type


_REGRESSION_HEAD = ("class RegressionHead:\n    def __init__(self, n):\n        self.n = n\n{register}\n"
                    "    def forward(self, x):\n        return x * self.n\n{hook}")
_STATE_HOOK = ("\n    def {name}(self, state_dict, prefix, *args):\n"
               "        for key in list(state_dict):\n"
               "            if key.startswith(prefix + 'loss.'):\n"
               "                state_dict[key.replace('loss.', 'loss_module.')] = state_dict.pop(key)\n")


@pytest.mark.parametrize(("name", "change_type"), [
    ("_load_state_dict_pre_hook", "data-contract"),
    # near miss: a helper of another kind taken away
    ("_rename_keys", "core-logic"),
], ids=["state-dict-hook", "helper"])
def test_a_state_dict_hook_taken_away_changes_how_old_checkpoints_are_read(name: str,
                                                                           change_type: str) -> None:
    old = _REGRESSION_HEAD.format(register="", hook=_STATE_HOOK.format(name=name))
    assert _change_type(old, _REGRESSION_HEAD.format(register="", hook="")) == change_type


@pytest.mark.parametrize(("register", "change_type"), [
    ("        self._register_load_state_dict_pre_hook(self._load_state_dict_pre_hook)\n", "data-contract"),
    # near miss: another hook registered
    ("        self.register_forward_hook(self._load_state_dict_pre_hook)\n", "core-logic"),
], ids=["registered", "forward-hook"])
def test_a_state_dict_hook_registered_reads_old_checkpoints(register: str, change_type: str) -> None:
    hook = _STATE_HOOK.format(name="_load_state_dict_pre_hook")
    old = _REGRESSION_HEAD.format(register="", hook=hook)
    assert _change_type(old, _REGRESSION_HEAD.format(register=register, hook=hook)) == change_type


_AFFINE = ("import cv2\n\n\nclass RandomAffine:\n    def __call__(self, image, mat):\n        x = 1\n"
           "        image = cv2.warpAffine(image, mat, ({size}))\n        return image\n")


@pytest.mark.parametrize(("size", "change_type"), [
    ("self.size.item(), self.size.item()", "data-contract"),
    # near miss: the size is another
    ("self.size * 2, self.size * 2", "core-logic"),
], ids=["items-converted", "items-changed"])
def test_values_of_a_tuple_passed_on_converted_change_the_data_handed_across(size: str,
                                                                              change_type: str) -> None:
    assert _change_type(_AFFINE.format(size="self.size, self.size"), _AFFINE.format(size=size)) == change_type


_VALIDATION = ("from diffusers.training_utils import (\n    cast_training_params,\n    {name},\n)\n\n\n"
               "def log_validation(pipe, prompts):\n    videos = [pipe(p) for p in prompts]\n"
               "    {call}\n    return videos\n")


@pytest.mark.parametrize(("call", "change_type"), [
    ("free_memory()", "data-contract"),
    # near miss: the same arguments given to the function now imported
    ("free_memory([pipe])", "dependency-wiring"),
], ids=["other-arguments", "same-arguments"])
def test_a_function_imported_in_place_of_another_and_called_otherwise_is_another_interface(
        call: str, change_type: str) -> None:
    old = _VALIDATION.format(name="clear_objs_and_retain_memory", call="clear_objs_and_retain_memory([pipe])")
    assert _change_type(old, _VALIDATION.format(name="free_memory", call=call)) == change_type


_GAUSS = ("import numpy as np\n\n\ndef gauss_filter(sigma):\n    half_size = np.ceil(sigma * 3)\n"
          "    size = {size}\n    return np.zeros((size, size)), {scalar}\n")


@pytest.mark.parametrize(("size", "scalar", "change_type"), [
    ("int(2 * half_size + 1)", "np.asscalar(half_size)", "data-contract"),
    ("np.int(2 * half_size + 1)", "half_size.item()", "data-contract"),
    # near miss: another builtin, that rounds otherwise
    ("round(2 * half_size + 1)", "np.asscalar(half_size)", "core-logic"),
], ids=["builtin-for-the-alias", "method-of-the-value", "other-builtin"])
def test_functions_a_library_dropped_replaced_by_builtins_or_methods_follow_it(size: str, scalar: str,
                                                                                change_type: str) -> None:
    old = _GAUSS.format(size="np.int(2 * half_size + 1)", scalar="np.asscalar(half_size)")
    assert _change_type(old, _GAUSS.format(size=size, scalar=scalar)) == change_type


@pytest.mark.parametrize(("path", "change_type"), [
    ("pkg/model.pyi", "data-contract"),
    # near miss: a module of code added
    ("pkg/model_types.py", "core-logic"),
], ids=["stub", "module"])
def test_an_added_stub_declares_an_interface(path: str, change_type: str) -> None:
    new = ("from typing import overload\n\n\nclass Model:\n    @overload\n"
           "    def encode(self, s: str) -> bytes: ...\n"
           "    @overload\n    def encode(self, s: list[str]) -> list[bytes]: ...\n")
    assert _facts(_diff(path, None, new, "added")).files[0].change_type == change_type


@pytest.mark.parametrize(("keyword", "change_type"), [
    ("name='pyro-ppl'", "configuration"),
    # near miss: what the build packages
    ("packages=find_packages(exclude=('docs*',))", "infrastructure"),
], ids=["distribution-name", "packages"])
def test_the_name_a_package_is_published_under_is_its_metadata(keyword: str, change_type: str) -> None:
    old = "from setuptools import setup, find_packages\n\nsetup(\n    name='pyro',\n    version='0.0.1',\n" \
          "    packages=find_packages(exclude=('tests*',)),\n)\n"
    key = keyword.split("=", 1)[0]
    new = "\n".join(f"    {keyword}," if line.startswith(f"    {key}=") else line
                    for line in old.splitlines()) + "\n"
    assert _facts(_diff("setup.py", old, new)).files[0].change_type == change_type


@pytest.mark.parametrize(("keyword", "change_type"), [
    ('packages=["hmmlearn"]', "infrastructure"),
    # near miss: the Python it needs, bound the same way
    ('python_requires=">=3.8"', "configuration"),
], ids=["packages", "python-requires"])
def test_what_options_bound_for_setup_package_is_how_it_builds(keyword: str, change_type: str) -> None:
    old = ("from setuptools import setup\n\nsetup_options = dict(\n    name='hmmlearn',\n"
           "    packages=[\"hmmlearn\", \"hmmlearn.utils\"],\n    python_requires=\">=3.6\",\n)\n\n"
           "if __name__ == '__main__':\n    setup(**setup_options)\n")
    key = keyword.split("=", 1)[0]
    new = "\n".join(f"    {keyword}," if line.startswith(f"    {key}=") else line
                    for line in old.splitlines()) + "\n"
    assert _facts(_diff("setup.py", old, new)).files[0].change_type == change_type


_ENCODE = ("import numpy as np\nfrom typing import overload\n\n\nclass Model:\n{overloads}"
           "    def encode(\n        self,\n        sentences: {types},\n    ) -> np.ndarray:\n"
           "        return np.stack([self.embed(s) for s in sentences])\n")
_OVERLOAD = ("    @overload\n    def encode(\n        self,\n        sentences: str,\n"
             "    ) -> np.ndarray: ...\n\n")


@pytest.mark.parametrize(("overloads", "types", "change_type"), [
    ("", "str | list[str] | np.ndarray", "data-contract"),
    # near miss: the overload kept, the implementation's body alone changed
    (_OVERLOAD, "str | list[str]", "core-logic"),
], ids=["implementation-widened", "body-changed"])
def test_overloads_dropped_as_the_implementation_takes_more_types_is_an_interface(
        overloads: str, types: str, change_type: str) -> None:
    old = _ENCODE.format(overloads=_OVERLOAD, types="str | list[str]")
    new = _ENCODE.format(overloads=overloads, types=types)
    if overloads:
        new = new.replace("self.embed(s)", "self.embed(s.strip())")
    assert _change_type(old, new) == change_type


_MASKS = "import numpy as np\n\n\ndef map_masks(masks, h, w):\n    x = len(masks)\n    return {call}, x\n"


@pytest.mark.parametrize(("call", "change_type"), [
    ("np.zeros((h, w), dtype=bool)", "data-contract"),
    # near miss: an array of another size made
    ("np.zeros((h, w + 1), dtype=np.bool)", "core-logic"),
], ids=["builtin-for-the-alias", "other-array"])
def test_a_library_alias_of_a_builtin_replaced_by_the_builtin_follows_the_library(call: str,
                                                                                  change_type: str) -> None:
    assert _change_type(_MASKS.format(call="np.zeros((h, w), dtype=np.bool)"), _MASKS.format(call=call)) \
        == change_type


_COLUMNS = ("def string_columns(features):\n    n = len(features)\n    return n, [\n"
            "        column for column, feature in features.items()\n        if {test}\n    ]\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("isinstance(feature, dict) or (isinstance(feature, Value) and feature.dtype == 'string')",
     "data-contract"),
    ("isinstance(feature, (Value, dict)) and feature.dtype == 'string'", "data-contract"),
    # near miss: another value let through, of no type tested
    ("feature is None or (isinstance(feature, Value) and feature.dtype == 'string')", "core-logic"),
], ids=["type-test-beside", "more-types-named", "none-let-through"])
def test_a_test_that_lets_values_of_another_type_through_takes_data_of_another_shape(
        test: str, change_type: str) -> None:
    old = _COLUMNS.format(test="isinstance(feature, Value) and feature.dtype == 'string'")
    assert _change_type(old, _COLUMNS.format(test=test)) == change_type


_LOAD_CLASS = ("def load_class(ref, repo):\n    x = 1\n    try:\n        return {call}(ref, repo)\n"
               "    except {caught}:\n        pass\n    return default_class(ref)\n")


@pytest.mark.parametrize(("call", "change_type"), [
    ("get_class_from_dynamic_module", "dependency-wiring"),
    ("importlib.import_module", "dependency-wiring"),
    # near miss: a call that computes, whose failures are caught otherwise
    ("compute_class", "core-logic"),
], ids=["class-from-remote-code", "module-by-name", "computed"])
def test_the_errors_caught_around_an_import_made_by_a_call_are_wiring(call: str, change_type: str) -> None:
    old = _LOAD_CLASS.format(call=call, caught="OSError")
    assert _change_type(old, _LOAD_CLASS.format(call=call, caught="(OSError, ValueError)")) == change_type


_OUTPUTS = ("def convert_outputs(model, inputs_outputs):\n    _, tensors = inputs_outputs\n{added}"
            "    return tensors, model\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("    if hasattr(tensors, 'to_tuple'):\n        tensors = tensors.to_tuple()\n", "data-contract"),
    # near miss: what the method is there for is done besides
    ("    if hasattr(tensors, 'to_tuple'):\n        log_outputs(tensors)\n", "core-logic"),
], ids=["converted-where-it-can-be", "logged"])
def test_a_value_converted_by_a_method_only_some_versions_have_takes_another_shape(
        added: str, change_type: str) -> None:
    assert _change_type(_OUTPUTS.format(added=""), _OUTPUTS.format(added=added)) == change_type


_FETCH = ("def fetch_model(model_name):\n    revision = 'main'\n    hf_model_name = '{name}'\n"
          "    return download(model_name, hf_model_name, revision)\n")


@pytest.mark.parametrize(("name", "change_type"), [
    ("pytorch_model.bin", "configuration"),
    # near miss: a name that is no file's
    ("pytorch_model", "core-logic"),
], ids=["weights-file", "other-name"])
def test_the_name_of_a_weights_file_set_anew_is_a_path_set(name: str, change_type: str) -> None:
    assert _change_type(_FETCH.format(name="model.bin"), _FETCH.format(name=name)) == change_type


_JAPANESE = ("def build_tokenizer(kind):\n    try:\n        import {module}\n"
             "    except ModuleNotFoundError:\n        log.warning('install {module} first')\n"
             "    splitter = {module}.SentenceTokenizer()\n"
             "    words = {module}.WordTokenizer(kind)\n    {module}_tokens = words.tokenize(splitter)\n"
             "    return list(map(str, {module}_tokens)){extra}\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "dependency-wiring"),
    # near miss: the tokens also filtered
    (" if {module}_tokens else []", "core-logic"),
], ids=["package-renamed", "tokens-filtered"])
def test_code_that_spells_a_renamed_package_anew_follows_the_import(extra: str, change_type: str) -> None:
    old = _JAPANESE.format(module="tiny_tokenizer", extra="")
    new = _JAPANESE.format(module="konoha", extra=extra.format(module="konoha"))
    assert _change_type(old, new) == change_type


_MOVE = ("def move(obj, device):\n    x = device\n    if isinstance(obj, dict):\n"
         "        return {{k: move(v, x) for k, v in obj.items()}}\n{branch}"
         "    elif isinstance(obj, tuple):\n        return tuple(move(i, x) for i in obj)\n"
         "    return obj\n")


@pytest.mark.parametrize(("branch", "change_type"), [
    ("    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):\n"
     "        return obj.__class__(*[move(i, x) for i in obj])\n", "data-contract"),
    # near miss: a branch on another condition than a type
    ("    elif obj is None:\n        return default_value(x)\n", "core-logic"),
], ids=["type-case-first", "other-case"])
def test_a_branch_for_values_of_a_type_put_before_the_old_cases_handles_another_shape(
        branch: str, change_type: str) -> None:
    assert _change_type(_MOVE.format(branch=""), _MOVE.format(branch=branch)) == change_type


_OPTIONAL_LABEL = ("from monai.utils import {helper}\n\nlabel, _ = {helper}({path!r}, name='label')\n\n\n"
                   "def count(x):\n    return label(x)\n")


@pytest.mark.parametrize(("helper", "change_type"), [
    ("optional_import", "dependency-wiring"),
    # near miss: a call that looks a name up, imports nothing
    ("lookup", "configuration"),
], ids=["optional-import", "lookup"])
def test_a_module_an_import_helper_is_given_anew_is_wiring(helper: str, change_type: str) -> None:
    old = _OPTIONAL_LABEL.format(helper=helper, path="scipy.ndimage.measurements")
    assert _change_type(old, _OPTIONAL_LABEL.format(helper=helper, path="scipy.ndimage")) == change_type


_TEST_DATA_URL = ("from monai.utils import optional_import\n\n{imported}\nFILE_URL = {url!r}\n\n\n"
                  "def test_read():\n    assert read(FILE_URL)\n")


def test_a_test_that_sets_its_data_anew_beside_an_import_helper_covers_it() -> None:
    old = _TEST_DATA_URL.format(imported="_, has_cim = optional_import('cucim')\n", url="http://a/b.tiff")
    new = _TEST_DATA_URL.format(imported="cucim, has_cim = optional_import('cucim')\n"
                                "has_cim = has_cim and hasattr(cucim, 'CuImage')\n", url="https://c/d.tiff")
    assert _change_type(old, new, "tests/test_reader.py") == "test-coverage"


_WSI_READER = ("from monai.utils import optional_import\n\n"
               "openslide, has_osl = optional_import('openslide')\n\n\n"
               "class Reader:\n    def __init__(self, lib):\n        self.lib = lib\n"
               "        if lib == 'openslide':\n"
               "            if has_osl:\n                self.reader = openslide.OpenSlide\n")


@pytest.mark.parametrize(("now", "change_type"), [
    ("            self.reader, *_ = optional_import('openslide', name='OpenSlide')\n", "dependency-wiring"),
    # near miss: the reader made otherwise
    ("            self.reader = make_reader(lib)\n", "core-logic"),
], ids=["imported-where-used", "made"])
def test_what_an_import_flag_handed_on_imported_where_it_is_used_is_wiring(
        now: str, change_type: str) -> None:
    new = _WSI_READER.split("            if has_osl")[0] + now
    assert _change_type(_WSI_READER, new) == change_type


_FILL_HOLES = ("from monai.utils import optional_import\n\n"
               "ndimage, _ = optional_import('scipy.ndimage')\n\n\n"
               "def fill(mask, threshold):\n    binary = mask > threshold\n"
               "    filled = ndimage.{function}(binary)\n"
               "    return filled\n")


@pytest.mark.parametrize(("function", "change_type"), [
    ("binary_fill_holes", "dependency-wiring"),
    # near miss: another function of the submodule
    ("morphology.binary_closing", "core-logic"),
], ids=["same-function", "other-function"])
def test_a_function_reached_through_another_module_of_its_package_is_wiring(
        function: str, change_type: str) -> None:
    old = _FILL_HOLES.format(function="morphology.binary_fill_holes")
    assert _change_type(old, _FILL_HOLES.format(function=function)) == change_type


_STRTOBOOL = ("import os\n\n\ndef {name}(val):\n    val = val.lower()\n    if val in ('y', 'yes', '1'):\n"
              "        return True\n    if val in ('n', 'no', '0'):\n        return False\n"
              "    raise ValueError(val)\n\n\n"
              "def flag(name):\n    return bool({name}(os.environ.get(name, 'no')))\n")


@pytest.mark.parametrize(("name", "change_type"), [
    ("_strtobool", "dependency-wiring"),
    # near miss: a function of another name, the module's own
    ("parse_flag", "core-logic"),
], ids=["copy", "own-function"])
def test_an_imported_function_replaced_by_a_copy_of_it_is_wiring(name: str, change_type: str) -> None:
    old = ("import os\nfrom distutils.util import strtobool\n\n\n"
           "def flag(name):\n    return bool(strtobool(os.environ.get(name, 'no')))\n")
    assert _change_type(old, _STRTOBOOL.format(name=name)) == change_type


_FX_WRAP = ("import torch\nfrom transformers.modeling_outputs import BaseModelOutputWithPast, \\\n"
            "    CausalLMOutputWithPast\n"
            "from transformers.pytorch_utils import ALL_LAYERNORM_LAYERS{imported}\n"
            "from transformers.utils import (\n    is_torch_fx_available,\n)\n"
            "try:\n    from flash_attn.bert_padding import pad_input, unpad_input  # noqa\n"
            "except:\n    pass\n"
            "{computed}if is_torch_fx_available():\n    if not is_torch_greater_or_equal_than_1_13:\n"
            "        import torch.fx\n\n\ndef norms():\n    return {norms}\n")
_FLAG_COMPUTED = ("from packaging import version\n"
                  "parsed_torch_version_base = version.parse(version.parse(torch.__version__).base_version)\n"
                  "is_torch_greater_or_equal_than_1_13 = "
                  "parsed_torch_version_base >= version.parse(\"1.13\")\n")


@pytest.mark.parametrize(("norms", "expected"), [
    ("ALL_LAYERNORM_LAYERS", "dependency-wiring"),
    # near miss: code besides changed
    ("list(ALL_LAYERNORM_LAYERS)", "core-logic"),
], ids=["flag-computed-in-the-file", "and-code-besides-changed"])
def test_a_version_flag_no_longer_imported_computed_in_the_file_is_wiring(norms: str, expected: str) -> None:
    old = _FX_WRAP.format(imported=", is_torch_greater_or_equal_than_1_13", computed="",
                          norms="ALL_LAYERNORM_LAYERS")
    new = _FX_WRAP.format(imported="", computed=_FLAG_COMPUTED, norms=norms)
    assert _change_type(old, new) == expected


_STUDY_ASK = ("class Study:\n    def ask(self):\n        return 1\n\n{decorator}    def _ask(self):\n"
              "        return self.ask()\n\n    def tell(self, v):\n        return v\n")


@pytest.mark.parametrize(("decorator", "change_type"), [
    ("    @deprecated_func('2.5.0', '4.0.0')\n", "data-contract"),
    # near miss: a private helper that was never deprecated
    ("", "core-logic"),
], ids=["deprecated", "helper"])
def test_a_deprecated_method_removed_changes_the_interface(decorator: str, change_type: str) -> None:
    new = "class Study:\n    def ask(self):\n        return 1\n\n    def tell(self, v):\n        return v\n"
    assert _change_type(_STUDY_ASK.format(decorator=decorator), new) == change_type


_RECOVER = ("class Brain:\n    def _recover(self, path):\n        saved = load(path)\n"
            "        self.step = saved['step']\n{read}")


@pytest.mark.parametrize(("test", "change_type"), [
    ("'optimizer_step' not in saved", "data-contract"),
    # near miss: a branch on the state of the object
    ("self.step == 0", "core-logic"),
], ids=["key-missing", "other-test"])
def test_a_key_read_only_where_the_saved_data_holds_it_takes_older_data(test: str, change_type: str) -> None:
    old = _RECOVER.format(read="        self.optimizer_step = saved['optimizer_step']\n")
    new = _RECOVER.format(read=f"        if {test}:\n            warn('old checkpoint')\n"
                          "            self.optimizer_step = self.step\n        else:\n"
                          "            self.optimizer_step = saved['optimizer_step']\n")
    assert _change_type(old, new) == change_type


_FETCH_CONFIG = ("@dataclass\nclass FetchConfig:\n    overwrite: bool = False\n"
                 "    {field}: bool = False\n\n\n"
                 "def fetch(source, config):\n    kwargs = {{'repo_id': {source}, {key!r}: config.{field}}}\n"
                 "    return download(**kwargs)\n")


@pytest.mark.parametrize(("source", "change_type"), [
    ("source", "data-contract"),
    # near miss: what is fetched changes too
    ("source.lower()", "core-logic"),
], ids=["renamed-alone", "source-lowered"])
def test_a_field_of_a_public_class_renamed_with_its_reads_changes_the_interface(
        source: str, change_type: str) -> None:
    old = _FETCH_CONFIG.format(field="use_auth_token", key="use_auth_token", source="source")
    assert _change_type(old, _FETCH_CONFIG.format(field="token", key="token", source=source)) == change_type


_CAPABILITY = ("import torch\n\n\ndef pytorch_after(major, minor):\n    return True\n\n\n"
               "def {name}(major, minor=0):\n{body}")


@pytest.mark.parametrize(("name", "body", "change_type"), [
    ("compute_capabilities_after", "    current = torch.cuda.get_device_capability()\n"
     "    ver = parse_version(f'{current[0]}.{current[1]}')\n"
     "    return ver >= parse_version(f'{major}.{minor}')\n",
     "configuration"),
    # near miss: a function named so that computes, reading no version
    ("blocks_after", "    current = torch.cuda.get_device_capability()\n    return current[0] * 2 + minor\n",
     "core-logic"),
], ids=["version-check", "arithmetic"])
def test_functions_added_to_compare_versions_are_configuration(
        name: str, body: str, change_type: str) -> None:
    old = "import torch\n\n\ndef pytorch_after(major, minor):\n    return True\n"
    assert _change_type(old, _CAPABILITY.format(name=name, body=body)) == change_type


_SPLIT_TOKENS = ("def split_tokens(tokens, tokenizer):\n"
                 "    split_by_space = {language} not in {{'zh', 'ja'}}\n    return split_by_space\n")


@pytest.mark.parametrize(("language", "change_type"), [
    ("getattr(tokenizer, 'language_code', tokenizer.language)", "data-contract"),
    # near miss: the fallback is a constant, not the attribute read before
    ("getattr(tokenizer, 'language_code', 'en')", "core-logic"),
], ids=["other-attribute-first", "constant-fallback"])
def test_an_attribute_read_first_where_the_object_has_it_keeps_objects_of_either_version(
        language: str, change_type: str) -> None:
    old = _SPLIT_TOKENS.format(language="tokenizer.language")
    assert _change_type(old, _SPLIT_TOKENS.format(language=language), "timing.py") == change_type


_PARAGRAPH = ("def paragraph_to_element(paragraph):\n    text = paragraph.text\n"
              "    style_name = {style}\n    return text, style_name\n")


@pytest.mark.parametrize(("style", "change_type"), [
    ("paragraph.style and paragraph.style.name", "data-contract"),
    # near miss: the guard tests another object than the one whose attribute is read
    ("paragraph.text and paragraph.style.name", "core-logic"),
], ids=["read-where-there", "other-object-tested"])
def test_an_attribute_read_only_where_its_object_is_there_keeps_objects_without_it(
        style: str, change_type: str) -> None:
    old = _PARAGRAPH.format(style="paragraph.style.name")
    assert _change_type(old, _PARAGRAPH.format(style=style), "partition/docx.py") == change_type


_CACHE_REGISTRY = ("from caches import InMemoryCache, NoopCache, register\n\n\n{makers}"
                   "register('none', {none})\nregister('memory', {memory})\n")
_CACHE_MAKERS = ("def create_noop_cache(**_kwargs):\n    \"\"\"A cache that keeps nothing.\"\"\"\n"
                 "    return NoopCache()\n\n\n"
                 "def create_memory_cache(**kwargs):\n    {body}\n\n\n")


@pytest.mark.parametrize(("body", "change_type"), [
    ("return InMemoryCache(**kwargs)", "data-contract"),
    # near miss: the function computes what it returns, not only the class's instance
    ("return InMemoryCache(**kwargs).warm()", "core-logic"),
], ids=["makers", "maker-that-does-more"])
def test_classes_handed_on_through_functions_that_make_them_adapt_them_to_the_receiver(
        body: str, change_type: str) -> None:
    old = _CACHE_REGISTRY.format(makers="", none="NoopCache", memory="InMemoryCache")
    new = _CACHE_REGISTRY.format(makers=_CACHE_MAKERS.format(body=body), none="create_noop_cache",
                                 memory="create_memory_cache")
    assert _change_type(old, new, "cache/factory.py") == change_type


_LLM_CONVERTER = ("class Converter:\n"
              "    def __init__(self, session=None, {w}_client=None, {w}_model=None):\n"
              "        self.session = session\n        self._{w}_client = {w}_client\n"
              "        self._{w}_model = {w}_model\n\n"
              "    def convert(self, path, **kwargs):\n        text = read(path)\n"
              "        {w}_client = kwargs.get('{w}_client', self._{w}_client)\n"
              "        {w}_model = kwargs.get('{w}_model', self._{w}_model)\n"
              "        if {w}_client is not None and {w}_model is not None:\n"
              "            text += self._describe_with_{w}(path, {w}_client, {w}_model)\n"
              "        if {w}_client is None:\n            log('no {w} client given')\n"
              "        if {w}_model is None:\n            log('no {w} model given')\n"
              "        {tail}\n        return text\n\n"
              "    def _describe_with_{w}(self, path, client, model):\n"
              "        prompt = '{W} caption'\n        return client.create(model=model, prompt=prompt)\n")


@pytest.mark.parametrize(("tail", "change_type"), [
    ("text = text.strip()", "data-contract"),
    # near miss: the method also does something new, beside following the renaming
    ("text = normalize(text, width=80)", "core-logic"),
], ids=["renaming-carried-through", "new-work-beside"])
def test_code_that_spells_the_new_names_of_renamed_parameters_carries_the_renaming(
        tail: str, change_type: str) -> None:
    old = _LLM_CONVERTER.format(w="mlm", W="MLM", tail="text = text.strip()")
    new = _LLM_CONVERTER.format(w="llm", W="LLM", tail=tail)
    assert _change_type(old, new, "markitdown/_markitdown.py") == change_type


_FUSED_BLOCK = ("try:\n    from flash_attn.ops.rms_norm import RMSNorm, dropout_add_rms_norm\n"
                "except ImportError:\n    RMSNorm, dropout_add_rms_norm = None, None\n\n\n"
                "class Block:\n    def forward(self, hidden_states):\n"
                "        fused_add_norm_fn = (dropout_add_rms_norm if {test}\n"
                "                             else dropout_add_layer_norm)\n"
                "        return fused_add_norm_fn(hidden_states, self.norm1.weight)\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("RMSNorm and isinstance(self.norm1, RMSNorm)", "dependency-wiring"),
    # near miss: the test now also checks a setting, not whether the import worked
    ("self.fused and isinstance(self.norm1, RMSNorm)", "core-logic"),
], ids=["import-flag-checked-first", "setting-checked-first"])
def test_a_conditional_expression_that_first_checks_what_an_optional_import_set_follows_the_import(
        test: str, change_type: str) -> None:
    old = _FUSED_BLOCK.format(test="isinstance(self.norm1, RMSNorm)")
    assert _change_type(old, _FUSED_BLOCK.format(test=test), "flash_attn/modules/block.py") == change_type


_FA3_LOADER = ("import torch\n\n\ndef _load_flash_attention_3():\n    if not torch.cuda.is_available():\n"
               "        return None\n    major, _ = torch.cuda.get_device_capability()\n"
               "    if {test}:\n        return None\n    from kernels import get_kernel\n"
               "    return get_kernel('varunneal/flash-attention-3').flash_attn_interface\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("major != 9", "configuration"),
    # near miss: the test reads another value than the capability
    ("torch.cuda.device_count() != 9", "core-logic"),
], ids=["capability-checked-otherwise", "other-value-tested"])
def test_a_test_of_the_compute_capability_checked_otherwise_is_configuration(
        test: str, change_type: str) -> None:
    old = _FA3_LOADER.format(test="major < 9")
    assert _change_type(old, _FA3_LOADER.format(test=test), "nanochat/flash_attention.py") == change_type


_RANK_ZERO_PRINT = ("from nanochat.common import print0\n\nusing_fa3 = USE_FA3\nif using_fa3:\n"
                    "    print0({message})\nelse:\n    print0('SDPA fallback')\n")


@pytest.mark.parametrize(("message", "change_type"), [
    ('"Using Flash Attention 3: efficient, new and awesome."', "docs"),
    # near miss: the call now shows another value
    ("f'Using Flash Attention 3 on {DEVICE}'", "core-logic"),
], ids=["message-reworded", "value-shown"])
def test_a_message_printed_on_the_first_rank_alone_reworded_is_docs(message: str, change_type: str) -> None:
    old = _RANK_ZERO_PRINT.format(message='"Using Flash Attention 3 (Hopper GPU detected), efficient."')
    assert _change_type(old, _RANK_ZERO_PRINT.format(message=message), "nanochat/report.py") == change_type


_TOOL_TEMPLATES = ("def get_function_description(function):\n    tool_desc_template = {{\n"
                   "        'zh': '### {{name}}: {{description}} 输入参数：{{parameters}}',\n"
                   "        'en': '### {{name}}: {{description}} {en}{{parameters}}'\n"
                   "    }}\n    return tool_desc_template['en'].format(**function)\n")


@pytest.mark.parametrize(("en", "change_type"), [
    ("Parameters: ", "docs"),
    # near miss: the template now fills in a field it did not
    ("Parameters: {args_format} ", "core-logic"),
], ids=["full-width-colon-typed-half-width", "field-added"])
def test_a_full_width_sign_typed_in_its_ascii_form_in_prose_is_a_typo_fixed(en: str,
                                                                             change_type: str) -> None:
    old = _TOOL_TEMPLATES.format(en="Parameters：")
    assert _change_type(old, _TOOL_TEMPLATES.format(en=en), "qwen_agent/utils/utils.py") == change_type


_FILE_LIKE_IO = ("import os\nfrom typing import {typing}\n\nimport torch\n\n{chosen}\n\n"
                 "def load_safetensors(filename):\n    return torch.load(filename)\n")
_FILE_LIKE_CHOSEN = ('if hasattr(torch.serialization, "FILE_LIKE"):\n'
                     "    FileLike = torch.serialization.FILE_LIKE\n"
                     'elif hasattr(torch.types, "FileLike"):\n    FileLike = torch.types.FileLike\n'
                     "else:\n    FileLike = {fallback}\n")


@pytest.mark.parametrize(("chosen", "change_type"), [
    (_FILE_LIKE_CHOSEN.format(fallback="Union[str, os.PathLike, IO[bytes]]"), "dependency-wiring"),
    # near miss: the branches bind different names, what the module does depending on torch
    (_FILE_LIKE_CHOSEN.format(fallback="Union[str, os.PathLike, IO[bytes]]").replace(
        "    FileLike = torch.types.FileLike", "    PathLike = torch.types.FileLike"), "core-logic"),
], ids=["name-taken-where-torch-has-it", "names-bound-apart"])
def test_a_name_taken_from_wherever_a_dependency_keeps_it_follows_the_dependency(
        chosen: str, change_type: str) -> None:
    old = _FILE_LIKE_IO.format(typing="Union", chosen="")
    new = _FILE_LIKE_IO.format(typing="Union, IO", chosen=chosen)
    assert _change_type(old, new, "ChatTTS/utils/io.py") == change_type


_MEMORY_TESTS = ("import pytest\n{imported}\nfrom crewai.memory import ShortTermMemory\n\n\n"
                 "{marker}def test_search(memory):\n    assert memory.search('x') == []\n\n\n"
                 "{marker}def test_save(memory):\n    memory.save('x')\n")
_WARNINGS_IMPORT = "from pydantic.warnings import PydanticDeprecatedSince211\n"


@pytest.mark.parametrize(("marker", "change_type"), [
    ('@pytest.mark.filterwarnings("error", category=PydanticDeprecatedSince211)\n', "test-coverage"),
    # near miss: a marker that names nothing the module stops importing leaves the import alone gone
    ("", "dependency-wiring"),
], ids=["markers-taken-off", "import-alone"])
def test_markers_taken_off_tests_with_the_import_they_named_change_what_the_tests_check(
        marker: str, change_type: str) -> None:
    old = _MEMORY_TESTS.format(imported=_WARNINGS_IMPORT, marker=marker)
    new = _MEMORY_TESTS.format(imported="", marker="")
    assert _change_type(old, new, "tests/memory/short_term_memory_test.py") == change_type


_MANAGER_NAME = ("class Crew:\n    def _create_manager_agent(self):\n        self.manager_llm = (\n"
                 "            getattr(self.manager_llm, 'model_name', None)\n{fallback}"
                 "            or getattr(self.manager_llm, 'deployment_name', None)\n"
                 "            or {last}\n        )\n        return Agent(llm=self.manager_llm)\n")


@pytest.mark.parametrize(("fallback", "change_type"), [
    ("            or getattr(self.manager_llm, 'model', None)\n", "data-contract"),
    # near miss: another object's attribute is tried, not the manager's
    ("            or getattr(self.default_llm, 'model', None)\n", "core-logic"),
], ids=["another-attribute-of-the-object", "attribute-of-another-object"])
def test_another_attribute_tried_before_the_object_itself_keeps_objects_of_either_kind(
        fallback: str, change_type: str) -> None:
    old = _MANAGER_NAME.format(fallback="", last="self.manager_llm")
    new = _MANAGER_NAME.format(fallback=fallback, last="self.manager_llm")
    assert _change_type(old, new, "crewai/crew.py") == change_type


_FLOW_TELEMETRY = ("{top}from opentelemetry import trace\n\n\nclass Telemetry:\n"
              "    def flow_creation_span(self, flow_name):\n{local}"
              "        span = trace.get_tracer('crewai').start_span('Flow Creation')\n{recorded}"
              "        self._add_attribute(span, 'flow_name', flow_name)\n        span.end()\n")
_VERSION_RECORDED = "        self._add_attribute(span, 'crewai_version', get_crewai_version())\n"


@pytest.mark.parametrize(("old", "change_type"), [
    (_FLOW_TELEMETRY.format(top="", local="", recorded=""), "core-logic"),
    # near miss: the import moved into the function, what it records as it was
    (_FLOW_TELEMETRY.format(top="from crewai_core.version import get_crewai_version\n", local="",
                       recorded=_VERSION_RECORDED), "dependency-wiring"),
], ids=["value-recorded-anew", "import-made-lazy"])
def test_a_call_handing_on_what_a_function_imported_where_it_is_called_returns_is_new_behaviour(
        old: str, change_type: str) -> None:
    new = _FLOW_TELEMETRY.format(top="", local="        from crewai_core.version import get_crewai_version\n",
                            recorded=_VERSION_RECORDED)
    assert _change_type(old, new, "lib/crewai-core/src/crewai_core/telemetry.py") == change_type


_LOADING_LOG = ("import logging\n\nLOGGER = logging.getLogger(__name__)\n\n\n"
              "class Processor:\n    def __init__(self, processor_id, params=None):\n"
              "        LOGGER.info({message})\n        self.processor = load(processor_id, params)\n")


@pytest.mark.parametrize(("old_message", "new_message", "change_type"), [
    ('"Loading %s".format(processor_id)', 'f"Loading {processor_id}"', "docs"),
    ('"Loading %s" % processor_id', 'f"Loading processor {processor_id}"', "docs"),
    # near miss: the message shows another value
    ('"Loading %s".format(processor_id)', 'f"Loading {params}"', "core-logic"),
], ids=["format-call", "percent", "other-value"])
def test_a_message_formatted_another_way_showing_the_same_values_is_reworded(
        old_message: str, new_message: str, change_type: str) -> None:
    old, new = _LOADING_LOG.format(message=old_message), _LOADING_LOG.format(message=new_message)
    assert _change_type(old, new, "controlnet_aux/processor.py") == change_type


_LINEART = ("import cv2\nimport numpy as np\n\n\nclass LineartDetector:\n"
            "    def __call__(self, image, W, H):\n        line = self.model(image)[0, 0] * 127.5\n"
            "        line = line.cpu().numpy(){converted}\n        {after}\n        return line\n")


@pytest.mark.parametrize(("after", "change_type"), [
    ("line = cv2.resize(line, (W, H), interpolation=cv2.INTER_CUBIC)", "data-contract"),
    # near miss: the converted local is the function's own arithmetic, handed to no call
    ("line = line * 2", "core-logic"),
], ids=["handed-to-a-call", "computed-with"])
def test_a_local_converted_then_handed_to_a_call_converts_what_the_callee_is_given(
        after: str, change_type: str) -> None:
    old = _LINEART.format(converted="", after=after)
    new = _LINEART.format(converted=".astype(np.uint8)", after=after)
    assert _change_type(old, new, "controlnet_aux/lineart_anime/__init__.py") == change_type


_GYM_STEP = ("class GymWrapper:\n    def _step(self, action):\n        if self._done:\n"
             "            return self.reset()\n{conversion}"
             "        observation, reward, self._done, info = self._env.step(action)\n"
             "        return observation, reward\n")


@pytest.mark.parametrize(("conversion", "change_type"), [
    ("        action = action.item() if self._discrete else action\n", "data-contract"),
    # near miss: the name is bound to another value where the condition holds, not converted
    ("        action = self._noop if self._discrete else action\n", "core-logic"),
], ids=["converted-where-discrete", "replaced-where-discrete"])
def test_a_name_converted_in_place_only_where_a_condition_holds_converts_what_is_handed_on(
        conversion: str, change_type: str) -> None:
    old = _GYM_STEP.format(conversion="")
    assert _change_type(old, _GYM_STEP.format(conversion=conversion), "environments/gym_wrapper.py") \
        == change_type


_EXCEPTIONS = ("class ConversionError(Exception):\n    \"\"\"A converter failed.\"\"\"\n{init}\n\n"
               "class UnsupportedFormat(Exception):\n    pass\n")
_EXCEPTION_INIT = ("\n    def __init__(self{parameters}):\n        self.attempts = []\n"
                   "        message = 'conversion failed'\n        if self.attempts:\n"
                   "            message += ' after attempts'\n        super().__init__(message)\n")


@pytest.mark.parametrize(("parameters", "change_type"), [
    (", message=None, attempts=None", "data-contract"),
    # near miss: a constructor that takes nothing is made as it was
    ("", "core-logic"),
], ids=["constructor-taking-values", "constructor-taking-nothing"])
def test_a_constructor_given_to_a_class_that_had_none_is_how_it_is_made_now(
        parameters: str, change_type: str) -> None:
    old = _EXCEPTIONS.format(init="    pass")
    new = _EXCEPTIONS.format(init=_EXCEPTION_INIT.format(parameters=parameters))
    assert _change_type(old, new, "markitdown/_exceptions.py") == change_type


_LOG_SERVICE = ("class LogService:\n    _stub: Stub\n{declared}\n"
                "    def __init__(self, system):\n        self._url = system.settings.require('url')\n"
                "{stored}        self._stub = Stub(self._url)\n\n"
                "    def push_logs(self, request):\n        response = self._stub.PushLogs(request{given})\n"
                "        return response.count\n\n"
                "    def pull_logs(self, request):\n        response = self._stub.PullLogs(request{given})\n"
                "        return response.records\n")


@pytest.mark.parametrize(("value", "change_type"), [
    ("system.settings.require('log_timeout_seconds')", "configuration"),
    # near miss: the field holds a value the code computes, not a setting
    ("compute_timeout(system)", "core-logic"),
], ids=["setting-stored-and-passed", "computed-value-stored"])
def test_a_setting_stored_on_the_object_and_passed_to_its_calls_is_configuration(
        value: str, change_type: str) -> None:
    old = _LOG_SERVICE.format(declared="", stored="", given="")
    new = _LOG_SERVICE.format(declared="    _timeout: int\n", stored=f"        self._timeout = {value}\n",
                              given=", timeout=self._timeout")
    assert _change_type(old, new, "logservice/logservice.py") == change_type


_HTTP_CLIENT = ("class Client:\n    def __init__(self, verify=True, cert=None,{gained} http2=False):\n"
                "        self._transport = self._init_transport(\n"
                "            verify=verify, cert=cert,{passed} http2=http2)\n\n"
                "    def _init_transport(self, verify=True, cert=None,{gained} http2=False):\n"
                "        return HTTPTransport(\n{call}        )\n")


@pytest.mark.parametrize(("call", "change_type"), [
    ("            verify=verify,\n            cert=cert,\n            http1=http1,\n"
     "            http2=http2,\n", "configuration"),
    # near miss: the call laid out anew is given another value besides
    ("            verify=False,\n            cert=cert,\n            http1=http1,\n"
     "            http2=http2,\n", "core-logic"),
], ids=["switch-threaded-through", "other-value-given"])
def test_a_switch_threaded_through_a_helper_into_a_call_laid_out_anew_is_configuration(
        call: str, change_type: str) -> None:
    old = _HTTP_CLIENT.format(gained="", passed="",
                              call="            verify=verify, cert=cert, http2=http2\n")
    new = _HTTP_CLIENT.format(gained=" http1=True,", passed=" http1=http1,", call=call)
    assert _change_type(old, new, "httpx/_client.py") == change_type


_STREAMED_DELTA = ("def stream(chunks):\n    text = ''\n    for chunk in chunks:\n"
                   "        text += {delta}\n    return text\n")


@pytest.mark.parametrize(("delta", "change_type"), [
    ('chunk.choices[0].delta.content if chunk.choices[0].delta else ""', "data-contract"),
    # near miss: the test is of another object than the one whose attribute is read
    ('chunk.choices[0].delta.content if chunk.choices else ""', "core-logic"),
], ids=["read-where-there", "other-object-tested"])
def test_an_attribute_read_in_a_conditional_only_where_its_object_is_there_keeps_objects_without_it(
        delta: str, change_type: str) -> None:
    old = _STREAMED_DELTA.format(delta='chunk.choices[0].delta.content or ""')
    assert _change_type(old, _STREAMED_DELTA.format(delta=delta), "llm/chat_openai.py") == change_type


_UNFLATTEN_PARAMS = ("def unflatten_master_params(model_params, master_params):\n"
              "    return _unflatten_dense_tensors(master_params[0].detach(), {params})\n")


@pytest.mark.parametrize(("params", "change_type"), [
    ("tuple(tensor for tensor in model_params)", "data-contract"),
    # near miss: each element computed anew, not only the container made a tuple
    ("tuple(tensor.float() for tensor in model_params)", "core-logic"),
], ids=["elements-gathered-into-a-tuple", "elements-computed"])
def test_a_value_s_elements_gathered_into_a_built_in_container_convert_the_data_handed_on(
        params: str, change_type: str) -> None:
    old = _UNFLATTEN_PARAMS.format(params="model_params")
    assert _change_type(old, _UNFLATTEN_PARAMS.format(params=params), "fp16_util.py") == change_type


_WINRATE = ("def pairwise_to_winrate(preferences):\n"
            "    return get_winrate(annotations=[{record} for p in preferences])\n")


@pytest.mark.parametrize(("old_record", "new_record", "change_type"), [
    ("dict(preferences=p)", "dict(preference=p)", "data-contract"),
    ('{"preferences": p}', '{"preference": p}', "data-contract"),
    # near miss: the value filed changes, under the same key
    ("dict(preferences=p)", "dict(preferences=p - 1)", "core-logic"),
], ids=["dict-keyword-renamed", "dict-key-renamed", "value-changed"])
def test_keys_of_a_mapping_handed_to_a_call_renamed_change_the_data_handed_across(
        old_record: str, new_record: str, change_type: str) -> None:
    old, new = _WINRATE.format(record=old_record), _WINRATE.format(record=new_record)
    assert _change_type(old, new, "metrics/winrate.py") == change_type


_UTILS = "import datasets\n{imports}\n\ndef check_imports(modules):\n    return modules\n{added}"
_AT_LEAST = ("\n\ndef check_pkg_atleast_version(package, atleast_version):\n"
             "    curr_version = pkg_resources.get_distribution(package).version\n"
             "    least = pkg_resources.parse_version(atleast_version)\n"
             "    return pkg_resources.parse_version(curr_version) > least\n")


@pytest.mark.parametrize(("added", "change_type"), [
    (_AT_LEAST, "configuration"),
    # near miss: the import serves a function that compares no versions
    ("\n\ndef package_location(package):\n    return pkg_resources.get_distribution(package).location\n",
     "core-logic"),
], ids=["version-check-with-its-import", "other-function-with-its-import"])
def test_a_version_check_added_with_the_import_it_uses_is_configuration(added: str, change_type: str) -> None:
    old = _UTILS.format(imports="", added="")
    assert _change_type(old, _UTILS.format(imports="import pkg_resources\n", added=added)) == change_type


_STFT = ("import torch\n\n\ndef spectrum(x, n):\n    y = x.float()\n"
         "    stft = torch.stft(y, n, return_complex={flag})\n"
         "{converted}    return stft.abs()\n")


@pytest.mark.parametrize(("converted", "change_type"), [
    ("    stft = torch.view_as_real(stft)\n", "data-contract"),
    # near miss: the input converted, not what the call returns
    ("    y = torch.view_as_real(y)\n", "core-logic"),
], ids=["result-converted", "input-converted"])
def test_a_call_asked_for_another_form_then_converted_back_takes_another_shape(
        converted: str, change_type: str) -> None:
    old = _STFT.format(flag="False", converted="")
    assert _change_type(old, _STFT.format(flag="True", converted=converted)) == change_type


_GO = ("def str_to_action(board, s):\n    return to_action(board, board.str_to_coord({coord}))\n\n\n"
       "class GoState:\n    def __repr__(self):\n        return 'To play: {{}}'.format({board})\n")


@pytest.mark.parametrize(("coord", "board", "change_type"), [
    ("s.encode()", "self.board.__repr__().decode()", "data-contract"),
    # near miss: another argument passed, not the old one converted
    ("s.strip()", "self.board.__repr__().strip()", "core-logic"),
], ids=["bytes-and-text", "stripped"])
def test_text_handed_across_as_bytes_and_back_takes_another_shape(
        coord: str, board: str, change_type: str) -> None:
    old = _GO.format(coord="s", board="six.u(self.board.__repr__())")
    assert _change_type(old, _GO.format(coord=coord, board=board)) == change_type


_CONVERT_POINT = ("import torch\n\n\ndef convert_point(arr, rt_mat):\n    n = arr.size(0)\n{added}"
                  "    return arr @ rt_mat.t() + n\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("    if not isinstance(rt_mat, torch.Tensor):\n        rt_mat = arr.new_tensor(rt_mat)\n",
     "data-contract"),
    # near miss: a value of another type refused, not converted
    ("    if not isinstance(rt_mat, torch.Tensor):\n        raise TypeError(rt_mat)\n", "core-logic"),
], ids=["converted", "refused"])
def test_a_value_made_the_type_the_code_reads_where_it_is_not_takes_other_data(
        added: str, change_type: str) -> None:
    assert _change_type(_CONVERT_POINT.format(added=""), _CONVERT_POINT.format(added=added)) == change_type


_RUNNER_REGISTRY = ("from mmengine.registry import RUNNERS as ROOT, Registry\n\n"
             "RUNNERS = Registry(\n    'runner', parent=ROOT, locations=[{location!r}])\n"
             "LOOPS = Registry('loop', parent=ROOT, locations=['mmselfsup.engine.hooks'])\n")


@pytest.mark.parametrize(("location", "change_type"), [
    ("mmselfsup.engine", "dependency-wiring"),
    # near miss: another package's modules, not where the project's own are looked for
    ("mmdet.engine", "configuration"),
], ids=["own-module", "other-package"])
def test_the_modules_of_the_project_named_anew_as_strings_are_wiring(location: str, change_type: str) -> None:
    old = _RUNNER_REGISTRY.format(location="mmselfsup.engine.runner")
    new = _RUNNER_REGISTRY.format(location=location)
    assert _change_type(old, new, "mmselfsup/registry.py") == change_type


_CHECKPOINT = ("import torch\n\n\ndef attempt_load(w):\n    ckpt = torch.load(w)\n"
               "    ckpt = ({read} or ckpt['model']).float()\n    return ckpt.eval()\n")


@pytest.mark.parametrize(("read", "change_type"), [
    ("ckpt.get('ema')", "data-contract"),
    # near miss: the key taken out, still required
    ("ckpt.pop('ema')", "core-logic"),
], ids=["read-with-get", "popped"])
def test_a_key_read_with_get_takes_data_without_it(read: str, change_type: str) -> None:
    assert _change_type(_CHECKPOINT.format(read="ckpt['ema']"), _CHECKPOINT.format(read=read)) == change_type


_PASCAL = ("def summarize(metrics, names):\n    out = {{}}\n    for idx, name in enumerate(names):\n"
           "        out['precision/' + name] = {first}[idx]\n"
           "        out['recall/' + name] = metrics[{key!r}][idx]\n    return out\n")


_WARMUP = ("class WhisperHandler:\n    def warmup(self, features):\n"
           "        warmup_kwargs = {{\n            'min_new_tokens': self.gen_kwargs[{key!r}],\n"
           "            'max_new_tokens': self.gen_kwargs[{other!r}],\n"
           "            **self.gen_kwargs,\n        }}\n"
           "        self.model.generate(features, **warmup_kwargs)\n")


@pytest.mark.parametrize(("other", "change_type"), [
    ("max_new_tokens", "core-logic"),
    # near miss: the key read anew was read nowhere before
    ("max_length", "data-contract"),
], ids=["new-key-read-before", "new-key-read-nowhere-before"])
def test_a_key_read_in_place_of_another_that_was_read_out_of_the_same_holder_is_no_key_renamed(
        other: str, change_type: str) -> None:
    """`self.gen_kwargs["min_new_tokens"]` became `self.gen_kwargs["max_new_tokens"]`, which the
    next line read all along: the code reads another value of the same data."""
    old = _WARMUP.format(key="min_new_tokens", other=other)
    assert _change_type(old, _WARMUP.format(key="max_new_tokens", other=other)) == change_type


@pytest.mark.parametrize(("first", "change_type"), [
    ("metrics['per_class_precision']", "core-logic"),
    # near misses: the other read goes elsewhere, the old key read nowhere now; the old key still
    # read, but out of another holder
    ("metrics.get('precision')", "data-contract"),
    ("names['per_class_precision']", "data-contract"),
], ids=["old-key-still-read", "old-key-read-nowhere", "old-key-read-out-of-another-holder"])
def test_another_key_read_where_the_old_one_is_still_read_is_no_key_renamed(first: str,
                                                                             change_type: str) -> None:
    old = _PASCAL.format(first=first, key="per_class_precision")
    assert _change_type(old, _PASCAL.format(first=first, key="per_class_recall")) == change_type


@pytest.mark.parametrize(("holder", "change_type"), [
    ("indexer.tokens_to_indices(tokens, self.vocab)", "data-contract"),
    # near miss: a key of the program's options, a setting
    ("config", "core-logic"),
], ids=["call-result", "options"])
def test_keys_read_out_of_data_handed_across_renamed_change_the_interface(
        holder: str, change_type: str) -> None:
    template = ("def embed(self, indexer, config, tokens):\n    x = 1\n    ids = {holder}[{key!r}]\n"
                "    return self.model(ids)\n")
    old = template.format(holder=holder, key="tokens")
    assert _change_type(old, template.format(holder=holder, key="elmo_tokens")) == change_type


_LOOP_CALLBACK = ("class LoopCallback(Callback):\n    def iterations(self, trainer):\n"
                  "        return {path}.batch_idx + 1\n\n    def updates(self, trainer):\n"
                  "        return trainer.global_step + 1\n")


@pytest.mark.parametrize(("path", "change_type"), [
    ("trainer.fit_loop", "data-contract"),
    # near miss: the object's own field read through another it holds
    ("self.fit_loop", "core-logic"),
], ids=["handed-object", "own-object"])
def test_a_field_renamed_on_the_way_through_an_object_the_code_is_handed_changes_the_interface(
        path: str, change_type: str) -> None:
    old = _LOOP_CALLBACK.format(path=path.replace("fit_loop", "train_loop"))
    assert _change_type(old, _LOOP_CALLBACK.format(path=path)) == change_type


_NOTEBOOK_CHECK = ("import warnings\n\n{top}import tensorflow as tf\n\ntry:\n{inner}"
                   "    class_name = IPython.get_ipython().__class__.__name__\n"
                   "    IS_NOTEBOOK = 'Terminal' not in class_name\n"
                   "except {caught}:\n    IS_NOTEBOOK = False\n")


@pytest.mark.parametrize(("top", "inner", "change_type"), [
    ("", "    import IPython\n\n", "dependency-wiring"),
    # near miss: the import stays where it was, the handler catches more for the code it guards
    ("import IPython\n", "", "core-logic"),
], ids=["import-moved-in", "import-kept"])
def test_a_handler_that_now_catches_the_failure_of_an_import_moved_into_its_try_is_wiring(
        top: str, inner: str, change_type: str) -> None:
    old = _NOTEBOOK_CHECK.format(top="import IPython\n", inner="", caught="NameError")
    new = _NOTEBOOK_CHECK.format(top=top, inner=inner, caught="(NameError, ImportError)")
    assert _change_type(old, new) == change_type


_HASHABLE = ("{imports}import jax.numpy as jnp\n\n\ndef _hashable(x):\n    if isinstance(x, {types}):\n"
             "        return x.tobytes()\n    return x\n")


@pytest.mark.parametrize(("types", "change_type"), [
    ("(np.ndarray, jnp.ndarray)", "data-contract"),
    # near miss: one type tested in place of the other, what the new import brings
    ("np.ndarray", "dependency-wiring"),
], ids=["widened", "replaced"])
def test_a_type_test_widened_with_what_an_import_added_brings_takes_other_data(
        types: str, change_type: str) -> None:
    old = _HASHABLE.format(imports="", types="jnp.ndarray")
    assert _change_type(old, _HASHABLE.format(imports="import numpy as np\n", types=types)) == change_type


_MASK_STORED = ("import k2\n\n\nclass Compiler:\n    def compile(self, topo):\n        x = 1\n"
                "        {target} = (\n            topo.labels != topo.aux_labels\n        ){conversion}\n"
                "        return k2.compose(topo, x)\n")


@pytest.mark.parametrize(("target", "conversion", "expected"), [
    ("topo._is_repeat_token_", ".int()", "data-contract"),
    ("self.masks[0]", ".contiguous()", "data-contract"),
    ("mask", ".int()", "core-logic"),
    ("topo._is_repeat_token_", ".int() * 2", "core-logic"),
], ids=["stored-on-a-handed-object", "stored-in-a-table", "kept-in-a-local-name", "converted-for-arithmetic"])
def test_a_value_converted_before_it_is_stored_on_an_object_changes_the_data_handed_across(
        target: str, conversion: str, expected: str) -> None:
    old = _MASK_STORED.format(target=target, conversion="")
    assert _change_type(old, _MASK_STORED.format(target=target, conversion=conversion)) == expected


_RETRIED = ("import backoff\n\ntry:\n    import cohere\n{bound}except ImportError:\n{fallback}"
            "    print('cohere is not installed')\n\n\nclass Cohere:\n"
            "    @backoff.on_exception(backoff.expo, ({caught}), max_time=1000)\n"
            "    def request(self, prompt):\n        return self.client.generate(prompt)\n")


@pytest.mark.parametrize(("bound", "fallback", "caught", "expected"), [
    ("    cohere_api_error = cohere.CohereAPIError\n", "    cohere_api_error = Exception\n",
     "cohere_api_error", "dependency-wiring"),
    ("    cohere_api_error = cohere.CohereAPIError\n", "    cohere_api_error = Exception\n", "RuntimeError",
     "core-logic"),
    ("    cohere_api_error = cohere.errors(strict=True)\n", "    cohere_api_error = Exception\n",
     "cohere_api_error", "core-logic"),
], ids=["uses-the-name-its-import-binds", "catches-something-else", "binds-what-a-call-computes"])
def test_code_reading_the_name_an_import_block_binds_to_part_of_the_module_follows_the_import(
        bound: str, fallback: str, caught: str, expected: str) -> None:
    old = _RETRIED.format(bound="", fallback="", caught="cohere.CohereAPIError")
    assert _change_type(old, _RETRIED.format(bound=bound, fallback=fallback, caught=caught)) == expected


_VECTORS = ("from thinc.api import Model\n\n\ndef init(model: Model, X=None):\n"
            "    {name} = model.attrs[\"vectors\"].{field}\n    if {name} is None:\n"
            "        raise ValueError(\"vectors unset\")\n    model.set_dim(\"nV\", {name}.shape[0] + 1)\n"
            "    return model\n")


@pytest.mark.parametrize(("name", "field", "expected"), [
    ("vector_table", "obj", "data-contract"),
    ("vectors", "data", "core-logic"),
    ("vector_table", "load()", "core-logic"),
], ids=["field-renamed-beside-a-variable", "variable-renamed-alone", "method-called-otherwise"])
def test_a_field_read_from_what_an_expression_gives_renamed_follows_the_data_handed_over(
        name: str, field: str, expected: str) -> None:
    old = _VECTORS.format(name="vector_table", field="fetch()" if field.endswith("()") else "data")
    assert _change_type(old, _VECTORS.format(name=name, field=field)) == expected


_CSV_GATES = ("import pandas as pd\nfrom packaging import version\n\n"
              "PANDAS_VERSION = version.parse(pd.__version__)\n"
              "NEW_1_3 = [\"encoding_errors\"]\nNEW_2_0 = [\"date_format\"]\n{constant}\n\n"
              "def read_kwargs(kwargs):\n    kwargs = dict(kwargs)\n{gates}    return kwargs\n")
_GATE_1_3 = ("    if not (PANDAS_VERSION.major >= 1 and PANDAS_VERSION.minor >= 3):\n"
             "        for name in NEW_1_3:\n"
             "            del kwargs[name]\n")
_GATE_2_0 = ("    if not PANDAS_VERSION.major >= 2:\n        for name in NEW_2_0:\n"
             "            del kwargs[name]\n")
_GATE_2_2 = ("    if PANDAS_VERSION.release >= (2, 2):\n        for name in DEPRECATED_2_2:\n"
             "            if kwargs[name] is None:\n                del kwargs[name]\n")
_NOT_A_GATE = "    if kwargs.get(\"sep\") is None:\n        kwargs[\"sep\"] = \",\"\n"


@pytest.mark.parametrize(("gates", "expected"), [
    (_GATE_1_3 + _GATE_2_0 + _GATE_2_2, "configuration"),
    (_GATE_1_3 + _GATE_2_0 + _NOT_A_GATE, "core-logic"),
    (_GATE_1_3.replace(">= 3", ">= 4") + _GATE_2_0 + _GATE_2_2, "core-logic"),
], ids=["gates-reordered-and-one-added", "gates-reordered-beside-other-code", "moved-gate-rewritten"])
def test_version_gates_put_in_another_order_beside_a_new_one_are_version_checks(gates: str,
                                                                                 expected: str) -> None:
    old = _CSV_GATES.format(constant="", gates=_GATE_2_0 + _GATE_1_3)
    new = _CSV_GATES.format(constant="DEPRECATED_2_2 = [\"verbose\"]\n", gates=gates)
    assert _change_type(old, new) == expected



_CYTHON_CRS = ("from collections import namedtuple\n\n\ncdef class _CRS:\n    def to_3d(self, name=None):\n"
               "        \"\"\"\n        .. versionadded:: {release}\n        \"\"\"\n"
               "        cdef int axis = 3\n        return self._promote(axis{extra})\n\n\n"
               "CRSInfo = namedtuple(\"CRSInfo\", [\"code\"])\n"
               "CRSInfo.__doc__ = \"\"\"\n.. versionadded:: {release}\n\"\"\"\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "docs"),
    # near miss: a line of code changed beside the docstrings
    (", name", "core-logic"),
], ids=["docstrings-alone", "docstrings-and-code"])
def test_a_cython_source_whose_docstrings_alone_changed_is_docs(extra: str, expected: str) -> None:
    old = _CYTHON_CRS.format(release="3.1", extra="")
    new = _CYTHON_CRS.format(release="3.1.0", extra=extra)
    assert _change_type(old, new, "pyproj/_crs.pyx") == expected


_CYTHON_OPS = ("import numpy\nfrom numpy cimport ndarray\n{imports}\ncimport numpy as np\n\n\n"
               "cdef class Ops:\n    def alloc(self, shape):\n        return numpy.zeros(shape{extra})\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "dependency-wiring"),
    (", dtype='f'", "core-logic"),
], ids=["imports-tried-alone", "imports-beside-code"])
def test_a_cython_source_whose_imports_alone_changed_follows_them(extra: str, expected: str) -> None:
    old = _CYTHON_OPS.format(imports="from collections import Sized", extra="")
    new = _CYTHON_OPS.format(imports="try:\n    # Python >= 3.3\n    from collections.abc import Sized\n"
                                     "except ImportError:\n    from collections import Sized", extra=extra)
    assert _change_type(old, new, "pkg/neural/ops.pyx") == expected


_EXTRAS = ("from setuptools import setup\n\n\ndef get_install_requires():\n    return [\n"
           "        \"numba>=0.51.0\",\n        \"packaging\",\n{core}    ]\n\n\n"
           "def get_extras_require():\n    return {{\n        \"dev\": [\n            \"pytest\",\n"
           "            \"scipy>=1.0\",\n{dev}        ],\n    }}\n\n\n"
           "setup(name=\"rl\", install_requires=get_install_requires(),\n"
           "      extras_require=get_extras_require())\n")


@pytest.mark.parametrize(("core", "dev", "change_type"), [
    ("        \"pettingzoo>=1.22\",\n", "", "configuration"),
    ("", "            \"pettingzoo>=1.22\",\n", "infrastructure"),
], ids=["moved-from-the-extras-to-what-is-installed", "put-back-where-it-was"])
def test_a_requirement_moved_between_the_lists_of_a_build_script_is_configuration(core: str, dev: str,
                                                                                  change_type: str) -> None:
    old = _EXTRAS.format(core="", dev="            \"pettingzoo>=1.22\",\n")
    new = _EXTRAS.format(core=core, dev=dev).replace("\"packaging\",", "'packaging',")
    assert _change_type(old, new, path="setup.py") == change_type


_PAGE = ("import io\nimport os\n\nfrom setuptools import setup\n\nhere = os.path.dirname(__file__)\n"
         "DESCRIPTION = 'Version control for AI'\n{bound}\n"
         "setup(name='aim', description=DESCRIPTION, long_description={given},\n"
         "      install_requires=['numpy>=1.0'])\n")
_README_READ = ("try:\n    with io.open(os.path.join(here, 'README.md'), encoding='utf-8') as f:\n"
                "        LONG_DESCRIPTION = f.read()\nexcept FileNotFoundError:\n"
                "    LONG_DESCRIPTION = DESCRIPTION\n")


@pytest.mark.parametrize(("bound", "expected"), [
    ("LONG_DESCRIPTION = DESCRIPTION\n", "configuration"),
    ("LONG_DESCRIPTION = DESCRIPTION\nhere = os.getcwd()\n", "infrastructure"),
], ids=["page-text-bound-otherwise", "beside-what-the-build-reads"])
def test_a_build_script_binding_what_its_release_page_says_otherwise_is_configuration(
        bound: str, expected: str) -> None:
    old = _PAGE.format(bound=_README_READ, given="LONG_DESCRIPTION")
    new = _PAGE.format(bound=bound, given="LONG_DESCRIPTION")
    assert _change_type(old, new, path="setup.py") == expected


_TF_CHECK = ("from packaging.version import parse\n\nimport tensorflow as tf\n\n\n"
             "def check_tf_version(){result}:\n"
             "    if parse(tf.__version__) < parse(\"{version}\"):\n"
             "        raise ImportError(\"The TensorFlow package version needs to be at least {version}\")\n")


@pytest.mark.parametrize(("result", "version", "expected"), [
    (" -> None", "2.3.0", "core-logic"),
    ("", "2.4.0", "configuration"),
], ids=["header-annotated", "version-raised"])
def test_a_version_check_whose_header_alone_changed_checks_nothing_anew(result: str, version: str,
                                                                       expected: str) -> None:
    old = _TF_CHECK.format(result="", version="2.3.0")
    assert _change_type(old, _TF_CHECK.format(result=result, version=version)) == expected


_GYM_WRAPPERS = ("from pl_bolts.utils import _GYM_AVAILABLE\n"
                 "from pl_bolts.utils.warnings import warn_missing_pkg\n\n"
                 "{imports}\n\n\nclass ToTensor({base}):\n    def observation(self, obs):\n"
                 "        return obs\n")
_GYM_GUARDED = ("if _GYM_AVAILABLE:\n    from gym import Wrapper\nelse:  # pragma: no-cover\n"
                "    {said}\n    Wrapper = object")


@pytest.mark.parametrize(("said", "expected"), [
    ("warn_missing_pkg('gym')", "dependency-wiring"),
    ("register_fallback('gym')", "data-contract"),
], ids=["says-what-is-missing", "does-something-else"])
def test_an_import_guard_that_says_what_is_missing_is_still_an_import_block(said: str, expected: str) -> None:
    old = _GYM_WRAPPERS.format(imports="import gym", base="gym.Wrapper")
    new = _GYM_WRAPPERS.format(imports=_GYM_GUARDED.format(said=said), base="Wrapper")
    assert _change_type(old, new) == expected


_COMET = ("import optuna\nfrom optuna._{module} import {decorator}\n\n\n@{decorator}({versions})\n"
          "class CometCallback:\n    def __call__(self, study, trial):\n        return trial.number\n")


@pytest.mark.parametrize(("module", "decorator", "versions", "expected"), [
    ("deprecated", "deprecated_class", '"4.9.0", "6.0.0"', "data-contract"),
    ("experimental", "experimental_func", '"4.0.0"', "dependency-wiring"),
], ids=["marked-deprecated", "marked-otherwise"])
def test_a_class_marked_deprecated_in_place_of_experimental_tells_its_callers_to_move(
        module: str, decorator: str, versions: str, expected: str) -> None:
    old = _COMET.format(module="experimental", decorator="experimental_class", versions='"4.0.0"')
    assert _change_type(old, _COMET.format(module=module, decorator=decorator, versions=versions)) == expected


_FAIRSEQ = ("import torch\nfrom fairseq.models.bart import BARTModel\n\n\ndef convert(args):\n"
            "    bart = BARTModel.from_pretrained(args.path)\n    vocab_size = len(bart.task.dictionary)\n"
            "    return {read}, vocab_size\n")


@pytest.mark.parametrize(("read", "expected"), [
    ("bart.cfg.model", "data-contract"),
    ("bart.args.model", "core-logic"),
], ids=["reached-through-another-field", "reached-deeper-into-the-same-field"])
def test_a_field_now_reached_through_another_field_follows_the_data_handed_over(read: str,
                                                                                 expected: str) -> None:
    old = _FAIRSEQ.format(read="bart.args")
    assert _change_type(old, _FAIRSEQ.format(read=read)) == expected


_BUNDLE = ("class InBody:\n    def init(self, name, conf):\n        self.name = name\n"
           "        version = conf.get(\"inbody\"{default})\n        return self.download(name, version)\n")


@pytest.mark.parametrize(("default", "expected"), [
    (', "0.3.7"', "configuration"),
    (', "latest-stable"', "data-contract"),
], ids=["a-version-by-default", "another-text-by-default"])
def test_a_key_read_given_a_version_by_default_pins_a_release(default: str, expected: str) -> None:
    assert _change_type(_BUNDLE.format(default=""), _BUNDLE.format(default=default)) == expected


_RECORDED = ("import numpy as np\n\nfrom ..utils import record_import_error, safe_isinstance\n\n"
             "try:\n    import torch  # noqa: F401\nexcept ImportError as e:\n    {handled}\n\n\n"
             "class Image:\n    def __call__(self, x):\n        if safe_isinstance(x, \"torch.Tensor\"):\n"
             "            x = x.cpu().numpy()\n        return np.asarray(x)\n")


@pytest.mark.parametrize(("handled", "expected"), [
    ('record_import_error("torch", "torch could not be imported!", e)', "dependency-wiring"),
    ('record_import_error("torch", "torch could not be imported!", None)', "core-logic"),
], ids=["error-recorded", "something-else-recorded"])
def test_an_import_whose_handler_records_its_error_is_an_import_block(handled: str, expected: str) -> None:
    tried = "try:\n    import torch  # noqa: F401\nexcept ImportError as e:\n    \n\n\n"
    new = _RECORDED.format(handled="").replace(tried, "\n")
    assert _change_type(_RECORDED.format(handled=handled), new) == expected


_COMPOSE = ("from .._compat import SK_VERSION\nfrom packaging.version import parse\n\n__all__ = []\n\n"
            "if SK_VERSION >= parse(\"0.20.0\"):\n"
            "    from ._column_transformer import ColumnTransformer  # noqa\n\n"
            "    __all__.extend([\"ColumnTransformer\"])\n\n{tidied}")


@pytest.mark.parametrize(("tidied", "expected"), [
    ("del SK_VERSION\ndel parse\n", "dependency-wiring"),
    ("del ColumnTransformer.fit\n", "core-logic"),
], ids=["imported-names-deleted", "something-else-deleted"])
def test_deleting_the_names_that_chose_an_import_is_part_of_the_import(tidied: str, expected: str) -> None:
    old = "from ._column_transformer import ColumnTransformer\n\n__all__ = [\"ColumnTransformer\"]\n"
    assert _change_type(old, _COMPOSE.format(tidied=tidied), "dask_ml/compose/__init__.py") == expected


_TRIALS = ("class Trials(object):\n    \"\"\"Trials run so far.\"\"\"\n\n    {attribute}\n\n"
           "    def __init__(self, exp_key=None):\n        self._ids = set()\n"
           "        self.exp_key = exp_key\n")


@pytest.mark.parametrize(("attribute", "expected"), [
    ("synchronous = False", "data-contract"),
    ("blocking = True", "configuration"),
], ids=["attribute-renamed", "attribute-set-anew"])
def test_a_class_attribute_renamed_is_what_users_of_the_class_read(attribute: str, expected: str) -> None:
    assert _change_type(_TRIALS.format(attribute="blocking = False"), _TRIALS.format(attribute=attribute),
                        "hyperopt/base.py") == expected


_INDEXING = ("import numpy as np\nimport scipy.sparse as sp\nfrom sklearn.utils.fixes import np_version\n\n\n"
             "def _array_indexing(array, key, key_dtype, axis):\n"
             "    \"\"\"Index an array or a sparse matrix alike.\"\"\"\n"
             "    if {test}:\n        if key_dtype == \"bool\":\n            key = np.asarray(key)\n"
             "    return array[key] if axis == 0 else array[:, key]\n")


@pytest.mark.parametrize(("dropped", "expected"), [
    ("np_version < (1, 12)", "configuration"),
    ("key_dtype is None", "core-logic"),
], ids=["version-operand-dropped", "other-operand-dropped"])
def test_a_condition_that_stops_testing_a_version_is_a_version_check_dropped(dropped: str,
                                                                            expected: str) -> None:
    old = _INDEXING.format(test=f"{dropped} or sp.issparse(array)")
    new = _INDEXING.format(test="sp.issparse(array)")
    assert _change_type(old, new, "dask_ml/model_selection/utils.py") == expected


_SUPPORTED = ("import pandas\nimport warnings\n{imported}\n__pandas_version__ = \"{pinned}\"\n\n"
              "if {test}:\n"
              "    warnings.warn(f\"pandas {{pandas.__version__}} is not {{__pandas_version__}}\")\n"
              "{tidied}")


@pytest.mark.parametrize(("tidied", "expected"), [
    ("\n# to not pollute namespace\ndel version\n", "configuration"),
    ("\npandas.options.mode.copy_on_write = True\n", "core-logic"),
], ids=["import-deleted-after-the-check", "something-else-done-after-it"])
def test_a_version_check_rewritten_with_the_release_it_names_is_a_version_check(tidied: str,
                                                                              expected: str) -> None:
    old = _SUPPORTED.format(imported="", pinned="2.0.2", test="pandas.__version__ != __pandas_version__",
                            tidied="")
    test = "version.parse(pandas.__version__).release[:2] != version.parse(__pandas_version__).release[:2]"
    new = _SUPPORTED.format(imported="from packaging import version\n", pinned="2.0", test=test,
                            tidied=tidied)
    assert _change_type(old, new, "modin/pandas/__init__.py") == expected


_METRIC = ("class NoiseSensitivity(Metric):\n    _required_columns = {{\"user_input\", \"{column}\"}}\n\n"
           "    async def _ascore(self, row, callbacks):\n"
           "        return await self._score(row[\"user_input\"], row[\"{read}\"], callbacks)\n")


@pytest.mark.parametrize(("column", "expected"), [
    ("reference", "data-contract"),
    ("answer", "core-logic"),
], ids=["required-column-renamed-alike", "required-column-named-otherwise"])
def test_a_key_renamed_where_it_is_read_and_where_it_is_required_is_the_data_handed_over(
        column: str, expected: str) -> None:
    old = _METRIC.format(column="ground_truth", read="ground_truth")
    assert _change_type(old, _METRIC.format(column=column, read="reference"),
                        "src/ragas/metrics/_noise_sensitivity.py") == expected


_NUMPY_ALIAS = ("import sys\n\nimport numpy as np\nimport numpy.typing as npt\n\n{gate}\n"
                "    NumpyArray = npt.NDArray[np.float32]  # type: ignore\n{otherwise}\n"
                "    NumpyArray = np.ndarray  # type: ignore\n")


@pytest.mark.parametrize(("gate", "otherwise", "expected"), [
    ("if sys.version_info >= (3, 8):", "else:", "configuration"),
    ("if hasattr(npt, \"NDArray\"):", "else:", "core-logic"),
], ids=["version-named", "still-probed"])
def test_a_probe_replaced_by_a_test_of_the_version_names_the_releases(gate: str, otherwise: str,
                                                                      expected: str) -> None:
    old = _NUMPY_ALIAS.format(gate="try:", otherwise="except AttributeError:")
    new = _NUMPY_ALIAS.format(gate=gate, otherwise=otherwise)
    assert _change_type(old, new, "qdrant_client/conversions/common_types.py") == expected


_MODEL_CLIENT = ("import os\n\nfrom . import _model_info\n\n\nclass Client:\n"
                 "    def __init__(self, **kwargs):\n        copied_args = dict(kwargs)\n{case}"
                 "        self._client = make_client(copied_args)\n")


@pytest.mark.parametrize(("done", "expected"), [
    ("            if \"api_key\" not in copied_args and \"ANTHROPIC_API_KEY\" in os.environ:\n"
     "                copied_args[\"api_key\"] = os.environ[\"ANTHROPIC_API_KEY\"]\n", "configuration"),
    ("            copied_args = translate(copied_args)\n", "core-logic"),
], ids=["keys-defaulted-for-a-model", "arguments-translated-for-a-model"])
def test_keys_given_defaults_for_one_kind_of_model_are_settings(done: str, expected: str) -> None:
    case = ("        if copied_args[\"model\"].startswith(\"claude-\"):\n"
            "            if \"base_url\" not in copied_args:\n"
            "                copied_args[\"base_url\"] = _model_info.ANTHROPIC_OPENAI_BASE_URL\n" + done)
    assert _change_type(_MODEL_CLIENT.format(case=""), _MODEL_CLIENT.format(case=case),
                        "autogen_ext/models/openai/_openai_client.py") == expected


_MATCHING = ("import logging\n\nlogger = logging.getLogger(__name__)\n\ntry:\n"
             "    from rapidfuzz import fuzz\nexcept ImportError:\n    fuzz = None\n\n\n"
             "def similarity(a, b):\n    if not fuzz:\n{refusal}    return fuzz.ratio(a, b)\n")
_MISSING = "\"rapidfuzz is missing. Run 'pip install haystack[{extra}]'.\""


@pytest.mark.parametrize(("refusal", "expected"), [
    (f"        raise ImportError(\n            {_MISSING.format(extra='metrics')}\n        )\n", "docs"),
    # near miss: the call is given another argument besides; the refusal still guards the import
    (f"        raise ImportError(\n            {_MISSING.format(extra='metrics')}, a\n        )\n",
     "dependency-wiring"),
], ids=["message-reworded-over-three-lines", "message-reworded-and-an-argument-added"])
def test_a_message_reworded_with_its_call_laid_over_several_lines_is_docs(refusal: str,
                                                                         expected: str) -> None:
    old = _MATCHING.format(refusal=f"        raise ImportError({_MISSING.format(extra='eval')})\n")
    new = _MATCHING.format(refusal=refusal)
    assert _change_type(old, new, "haystack/utils/context_matching.py") == expected


_SOFT_DEPS = ("class BaseObject:\n    def _handle_numpy2_softdeps(self):\n"
              "        \"\"\"Bound numpy for soft deps.\"\"\"\n"
              "        {name} = {value}\n        deps = self.get_tag(\"python_dependencies\", [])\n"
              "        return [dep for dep in deps if dep in {name}]\n")


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("NOT_NP2_COMPATIBLE", '["prophet"]', "configuration"),
    ("not_np2_compatible", '["prophet"]', "core-logic"),
    # a literal Python refuses to evaluate is no constant, and the file is still analysed
    ("NOT_NP2_COMPATIBLE", "{[\"prophet\"]}", "core-logic"),
], ids=["constant-in-capitals", "variable", "unhashable-literal"])
def test_a_constant_a_function_binds_for_itself_is_a_setting(name: str, value: str, expected: str) -> None:
    old = _SOFT_DEPS.format(name=name, value='["prophet", "numba"]')
    new = _SOFT_DEPS.format(name=name, value=value)
    assert _change_type(old, new, "sktime/base/_base.py") == expected


_BATCH_PRODUCT = ("import tensorflow as tf\n\n\ndef project(a, b):\n    scale = 2\n{body}"
                  "    return c * scale\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("    c = tf.matmul(a, b, transpose_a=True)\n", "data-contract"),
    # the call laid out on one line where it took two
    ("    c = tf.matmul(a, b, transpose_a=True)  # batched\n", "data-contract"),
    # near miss: the keyword is given another value as well; the call asks for something else
    ("    c = tf.matmul(a, b, transpose_a=False)\n", "core-logic"),
], ids=["keyword-respelled", "keyword-respelled-over-fewer-lines", "keyword-given-another-value"])
def test_a_call_following_an_upstream_rename_may_respell_its_keywords(body: str, expected: str) -> None:
    before = "    c = tf.batch_matmul(a, b, adj_x=True)\n" if "batched" not in body \
        else "    c = tf.batch_matmul(a, b,\n                        adj_x=True)  # batched\n"
    assert _change_type(_BATCH_PRODUCT.format(body=before), _BATCH_PRODUCT.format(body=body),
                        "gpflow/conditionals.py") == expected


_REGISTRY_LOOKUP = ("import torch\n\n{imports}\n\n\nclass _SetPreprocessing(torch.nn.Module):\n"
                    "    def __init__(self, metadata):\n        super().__init__()\n"
                    "        self.tokenizer = {lookup}\n")


@pytest.mark.parametrize(("registry", "expected"), [
    ("from ludwig.utils.strings_utils import tokenizer_registry\n", "dependency-wiring"),
    # near miss: the registry handed over was the module's own; the new call is given less
    ("tokenizer_registry = {}\n", "core-logic"),
], ids=["registry-imported", "registry-of-its-own"])
def test_a_lookup_handed_an_imported_registry_may_become_a_function_that_holds_it(registry: str,
                                                                              expected: str) -> None:
    old = _REGISTRY_LOOKUP.format(
        imports="from ludwig.utils.misc_utils import get_from_registry\n" + registry,
        lookup='get_from_registry(metadata["tokenizer"], tokenizer_registry)()')
    new = _REGISTRY_LOOKUP.format(
        imports="from ludwig.utils.tokenizers import get_tokenizer_from_registry\n"
        + ("" if registry.startswith("from") else registry),
        lookup='get_tokenizer_from_registry(metadata["tokenizer"])()')
    assert _change_type(old, new, "ludwig/features/set_feature.py") == expected


_WHYLOGS_CALLBACK = ("from ludwig.callbacks import Callback\n{imports}\n\nclass WhyLogsCallback(Callback):\n"
                     "    def on_start(self, df):\n        session = {call}(self.path)\n"
                     "        session.log_dataframe(df)\n")


@pytest.mark.parametrize(("loader", "expected"), [
    ("LazyLoader", "dependency-wiring"),
    # near miss: an object of the project's that is not named for loading
    ("SessionFactory", "core-logic"),
], ids=["lazy-loader", "other-factory"])
def test_a_module_bound_by_a_lazy_loader_is_an_import(loader: str, expected: str) -> None:
    old = _WHYLOGS_CALLBACK.format(imports="from whylogs import get_or_create_session\n",
                                   call="get_or_create_session")
    new = _WHYLOGS_CALLBACK.format(
        imports=f"from ludwig.utils.package_utils import {loader}\n\n"
        f"whylogs = {loader}(\"whylogs\", globals(), \"whylogs\")\n", call="whylogs.get_or_create_session")
    assert _change_type(old, new, "ludwig/contribs/whylogs/__init__.py") == expected


_LOCAL_MODELS = ("import pytest\n\nfrom autogluon.timeseries.models.local import (\n"
                 "    ADIDAModel,\n{imported}    AutoARIMAModel,\n)\n\n"
                 "SEASONAL_MODELS = [\n{listed}    AutoARIMAModel,\n]\n\n\n"
                 "@pytest.mark.parametrize(\"model_class\", SEASONAL_MODELS)\n"
                 "def test_seasonal(model_class):\n"
                 "    assert model_class(seasonal_period=4).fit() is not None\n")


@pytest.mark.parametrize(("imported", "listed", "expected"), [
    ("    ARIMAModel,\n", "    ARIMAModel,\n", "test-coverage"),
    # near miss: the import alone; nothing runs over the name it brings
    ("    ARIMAModel,\n", "", "dependency-wiring"),
], ids=["case-listed-with-its-import", "import-alone"])
def test_a_test_listing_one_case_more_with_its_import_covers_more(imported: str, listed: str,
                                                                  expected: str) -> None:
    old = _LOCAL_MODELS.format(imported="", listed="")
    new = _LOCAL_MODELS.format(imported=imported, listed=listed)
    assert _change_type(old, new, "timeseries/tests/unittests/models/test_local.py") == expected


_TASK_DEFAULTS = ("from habitat.config import Config as CN\n\n_C = CN()\n_C.TASK = CN()\n"
                  "_C.TASK.TYPE = \"Nav-v0\"\n"
                  "{success}_C.TASK.SENSORS = []\n_C.DATASET = CN()\n_C.DATASET.SPLIT = \"train\"\n{marked}")


@pytest.mark.parametrize(("marked", "expected"), [
    ("_C.register_deprecated_key(\"TASK.SUCCESS_DISTANCE\")\n", "data-contract"),
    # near miss: the key is registered, not marked to go
    ("_C.register_key(\"TASK.SUCCESS_DISTANCE\")\n", "core-logic"),
], ids=["key-marked-deprecated", "key-registered"])
def test_a_module_marking_a_name_deprecated_keeps_it_for_its_users(marked: str, expected: str) -> None:
    old = _TASK_DEFAULTS.format(success="_C.TASK.SUCCESS_DISTANCE = 0.2\n", marked="")
    new = _TASK_DEFAULTS.format(success="", marked=marked)
    assert _change_type(old, new, "habitat/config/default.py") == expected


_PREDICTOR_INIT = ("import logging\n\nlogger = logging.getLogger(__name__)\n\n\nclass TimeSeriesPredictor:\n"
                   "    def __init__(self, target=None, **kwargs):\n        self.target = target\n{handled}"
                   "        if len(kwargs) > 0:\n"
                   "            raise TypeError(f\"unexpected keyword {{kwargs}}\")\n")


@pytest.mark.parametrize(("message", "expected"), [
    ("`ignore_time_index` has been deprecated", "data-contract"),
    # near miss: what goes said the argument was refused for another reason
    ("`ignore_time_index` is not supported on Windows", "core-logic"),
], ids=["deprecated-argument", "argument-refused-otherwise"])
def test_the_handling_of_a_deprecated_input_removed_narrows_what_callers_pass(message: str,
                                                                            expected: str) -> None:
    handled = (f"        if \"ignore_time_index\" in kwargs:\n            kwargs.pop(\"ignore_time_index\")\n"
               f"            logger.warning(\"{message}\")\n")
    old = _PREDICTOR_INIT.format(handled=handled)
    new = _PREDICTOR_INIT.format(handled="")
    assert _change_type(old, new, "timeseries/src/autogluon/timeseries/predictor.py") == expected


_VERSION_FILE = ("import os\n\n\nclass TabularPredictor:\n    _version_file_name = \"{name}\"\n\n"
                 "    @classmethod\n    def _load_version_file(cls, path):\n"
                 "        version_path = os.path.join(path, cls._version_file_name)\n{load}")


@pytest.mark.parametrize(("load", "expected"), [
    ("        try:\n            return read(version_path)\n        except OSError:\n"
     "            return read(os.path.join(path, \"__version__\"))\n", "data-contract"),
    # near miss: the fallback opens a third name, not the one given up
    ("        try:\n            return read(version_path)\n        except OSError:\n"
     "            return read(os.path.join(path, \"VERSION\"))\n", "core-logic"),
], ids=["old-name-read-where-the-new-one-fails", "another-name-read"])
def test_a_stored_name_changed_with_the_old_one_still_read_is_a_contract(load: str, expected: str) -> None:
    old = _VERSION_FILE.format(name="__version__", load="        return read(version_path)\n")
    new = _VERSION_FILE.format(name="version.txt", load=load)
    assert _change_type(old, new, "tabular/src/autogluon/tabular/predictor/predictor.py") == expected


_OPTIONAL_ARROW = ("import pandas as pd\n\nfrom dask._compatibility import import_optional_dependency\n\n"
                   "{binding}\n\n"
                   "def is_pyarrow_string_dtype(dtype):\n{guard}"
                   "    return dtype in (pd.StringDtype(\"pyarrow\"), pd.ArrowDtype(pa.string()))\n")


@pytest.mark.parametrize(("guard", "expected"), [
    ("    if pa is None:\n        return False\n", "dependency-wiring"),
    # near miss: the early return tested the argument; what the function does changed
    ("    if dtype is None:\n        return False\n", "core-logic"),
], ids=["return-where-the-module-is-missing", "return-on-the-argument"])
def test_a_return_where_an_optional_module_is_missing_goes_with_its_import(guard: str, expected: str) -> None:
    old = _OPTIONAL_ARROW.format(binding="pa = import_optional_dependency(\"pyarrow\")", guard=guard)
    new = _OPTIONAL_ARROW.format(binding="import_optional_dependency(\"pyarrow\")\nimport pyarrow as pa",
                                 guard="")
    assert _change_type(old, new, "dask/dataframe/_pyarrow.py") == expected


_DESCRIBE_GATED = ("from dask.dataframe._compat import {flag}\n\n\nclass Frame:\n"
                   "    def describe(self, include=None, datetime_is_numeric=None):\n"
                   "        if {flag}:\n            if datetime_is_numeric is None:\n"
                   "                datetime_is_numeric = True\n{first}"
                   "            else:\n                raise TypeError(\"datetime_is_numeric is removed\")\n"
                   "        else:\n            datetime_is_numeric = bool(datetime_is_numeric)\n{second}"
                   "        return self._meta.describe(include=include, {passed})\n")


@pytest.mark.parametrize(("flag", "expected"), [
    ("PANDAS_GE_200", "configuration"),
    # near miss: the flag names no release; the keyword is passed on a setting of the program's
    ("USE_NUMERIC", "core-logic"),
], ids=["flag-of-a-release", "flag-of-a-setting"])
def test_a_keyword_passed_only_for_some_releases_under_an_old_gate_is_configuration(flag: str,
                                                                                   expected: str) -> None:
    old = _DESCRIBE_GATED.format(flag=flag, first="", second="",
                                 passed="datetime_is_numeric=datetime_is_numeric")
    new = _DESCRIBE_GATED.format(
        flag=flag, first="                numeric_kwarg = {}\n",
        second="            numeric_kwarg = {\"datetime_is_numeric\": datetime_is_numeric}\n",
        passed="**numeric_kwarg")
    assert _change_type(old, new, "dask/dataframe/core.py") == expected


_MORPH_FEATURES = ("import re\n\n\nclass JapaneseTokenizer:\n    def __call__(self, text):\n"
                   "        doc = self.tokenize(text)\n"
                   "        for token, dtoken in zip(doc, self.detailed(text)):\n"
                   "            {holder} = {{}}\n            if dtoken.inf:\n"
                   "                {holder}[\"{key}\"] = dtoken.inf\n"
                   "            token.morph = MorphAnalysis(self.vocab, {holder})\n        return doc\n")


@pytest.mark.parametrize(("holder", "expected"), [
    ("morph", "data-contract"),
    # near miss: what is written is the program's options, which are settings
    ("config", "core-logic"),
], ids=["key-written-into-data-handed-on", "key-of-the-options"])
def test_keys_written_into_data_it_hands_on_renamed_are_a_contract(holder: str, expected: str) -> None:
    old = _MORPH_FEATURES.format(holder=holder, key="inflection")
    new = _MORPH_FEATURES.format(holder=holder, key="Inflection")
    assert _change_type(old, new, "spacy/lang/ja/__init__.py") == expected


_LOADED_VECTORS = ("from gensim import utils\n\n\nclass FastTextKeyedVectors(utils.SaveLoad):\n"
                   "    def __init__(self, vector_size, compatible_hash=True):\n"
                   "        self.vector_size = vector_size\n"
                   "        self.compatible_hash = compatible_hash\n{added}")


@pytest.mark.parametrize(("added", "expected"), [
    ("\n    @classmethod\n    def load(cls, fname, **kwargs):\n"
     "        model = super(FastTextKeyedVectors, cls).load(fname, **kwargs)\n"
     "        if not hasattr(model, 'compatible_hash'):\n            model.compatible_hash = False\n"
     "        return model\n", "data-contract"),
    # near miss: the field is given to what the method was handed, nothing loaded
    ("\n    @classmethod\n    def adopt(cls, other, **kwargs):\n"
     "        model = cls.convert(other, **kwargs)\n"
     "        if not hasattr(model, 'compatible_hash'):\n            model.compatible_hash = False\n"
     "        return model\n", "core-logic"),
], ids=["field-given-to-what-it-loads", "field-given-to-what-it-converts"])
def test_a_field_given_to_loaded_objects_that_lack_it_keeps_saved_data_loadable(added: str,
                                                                               expected: str) -> None:
    old = _LOADED_VECTORS.format(added="")
    assert _change_type(old, _LOADED_VECTORS.format(added=added), "gensim/models/keyedvectors.py") == expected


_SETUP_VERSION = ("import os\n\nfrom setuptools import setup\n\n{helpers}\nNAME = \"pyqlib\"\n"
                  "{version}\n{flags}\n"
                  "setup(\n    name=NAME,\n    version=VERSION,\n    install_requires=[\"numpy\"],\n)\n")
_VERSION_READER_HELPERS = ("def read(rel_path):\n"
                           "    with open(os.path.join(os.path.dirname(__file__), rel_path)) as fp:\n"
                           "        return fp.read()\n\n\ndef get_version(rel_path):\n"
                           "    for line in read(rel_path).splitlines():\n"
                           "        if line.startswith(\"__version__\"):\n"
                           "            return line.split('\"')[1]\n"
                           "    raise RuntimeError(\"no version\")\n\n")


@pytest.mark.parametrize(("flags", "expected"), [
    ("", "configuration"),
    # near miss: the build is also given flags; how it builds changed
    ("os.environ[\"CFLAGS\"] = \"-O3\"\n", "infrastructure"),
], ids=["helpers-serve-the-version", "build-flags-set-too"])
def test_a_build_script_that_only_changes_how_it_reads_its_version_sets_it(flags: str, expected: str) -> None:
    old = _SETUP_VERSION.format(helpers="", version="VERSION = \"0.8.0\"", flags="")
    new = _SETUP_VERSION.format(helpers=_VERSION_READER_HELPERS,
                                version="VERSION = get_version(\"qlib/__init__.py\")", flags=flags)
    assert _change_type(old, new, "setup.py") == expected


_SETUP_IMPORTING = ("from os import path\n\nfrom setuptools import setup\n{reading}\n"
                    "with open(path.join(path.dirname(__file__), 'README.md')) as f:\n"
                    "    long_description = f.read()\n\n"
                    "setup(\n    name='pyod',\n    version=__version__,\n"
                    "    long_description=long_description,\n)\n")


@pytest.mark.parametrize(("reading", "expected"), [
    ("\nexec(open(path.join('pyod', 'version.py')).read())\n", "configuration"),
    # near miss: what is run is code the script runs for the build, no version it reads
    ("\nexec(open(path.join('pyod', 'version.py')).read())\nexec(open('build_ext.py').read())\n",
     "infrastructure"),
], ids=["version-executed-from-its-file", "build-code-executed-too"])
def test_a_build_script_reading_its_version_from_a_file_in_place_of_the_package_sets_it(
        reading: str, expected: str) -> None:
    old = _SETUP_IMPORTING.format(reading="from pyod import __version__\n")
    assert _change_type(old, _SETUP_IMPORTING.format(reading=reading), "setup.py") == expected


_MXNET_REQUIRED = ("__version__ = '0.8.0'\n\n"
                   "from .utils.version import _require_mxnet_version, _deprecate_python2\n"
                   "_deprecate_python2()\n{call}\n\nfrom . import data\n")


@pytest.mark.parametrize(("call", "expected"), [
    ("_require_mxnet_version('1.4.0', '2.0.0')", "configuration"),
    # near miss: the call is given a path besides, not a release
    ("_require_mxnet_version('1.4.0', 'mxnet/lib')", "data-contract"),
], ids=["release-given", "path-given"])
def test_a_call_given_a_release_number_besides_pins_versions(call: str, expected: str) -> None:
    upstream = ("def _require_mxnet_version(mx_version):\n    return mx_version\n",
                "def _require_mxnet_version(mx_version, max_mx_version='2.0.0'):\n    return mx_version\n")
    old = _MXNET_REQUIRED.format(call="_require_mxnet_version('1.4.0')")
    facts = _facts(_diff("gluoncv/__init__.py", old, _MXNET_REQUIRED.format(call=call)),
                   _diff("gluoncv/utils/version.py", *upstream))
    assert facts.files[0].change_type == expected


_SAMPLED = ("import random\n\n\nclass Graph:\n    def phase2(self, remaining):\n"
            "        rng = random.Random(0)\n        u, v = sorted(rng.sample({argument}, 2))\n"
            "        return u, v\n")


@pytest.mark.parametrize(("argument", "expected"), [
    ("list(remaining.keys())", "data-contract"),
    # near miss: another value is sampled, not the same one made a list
    ("list(remaining.values())", "core-logic"),
], ids=["made-a-list", "other-values"])
def test_an_argument_made_a_built_in_type_before_it_is_passed_converts_the_data(
        argument: str, expected: str) -> None:
    old = _SAMPLED.format(argument="remaining.keys()")
    assert _change_type(old, _SAMPLED.format(argument=argument)) == expected


_PARTS_INDEX = ("import pandas as pd\n\n\ndef index_for_parts(orig_idx, index_arrays):\n"
                "    return pd.MultiIndex.from_arrays(\n"
                "        index_arrays, names={names} + [None]\n    )\n")


@pytest.mark.parametrize(("names", "expected"), [
    ("list(orig_idx.names)", "data-contract"),
    # near miss: other names are handed on, not the same ones made a list
    ("list(orig_idx.levels)", "core-logic"),
], ids=["operand-made-a-list", "other-operand"])
def test_an_operand_of_an_argument_made_a_built_in_type_converts_the_data(names: str, expected: str) -> None:
    old = _PARTS_INDEX.format(names="orig_idx.names")
    assert _change_type(old, _PARTS_INDEX.format(names=names)) == expected


_BOUNDS = ("import numpy as np\n\n\nclass Points:\n    def bounds_dask(self, ddf):\n"
           "        r = ddf.map_partitions(lambda df: np.array([[\n"
           "            np.nanmin(df[self.x].values){low},\n"
           "            np.nanmax(df[self.x].values){high}]]\n"
           "        )).compute()\n        return r\n")


@pytest.mark.parametrize(("low", "high", "expected"), [
    (".item()", ".item()", "data-contract"),
    # near miss: the elements handed on are other values, not the same ones converted
    (" - 1", " + 1", "core-logic"),
], ids=["elements-made-scalars", "elements-computed-otherwise"])
def test_the_elements_of_a_list_handed_on_converted_convert_the_data(low: str, high: str,
                                                                      expected: str) -> None:
    old = _BOUNDS.format(low="", high="")
    assert _change_type(old, _BOUNDS.format(low=low, high=high)) == expected


_BACKEND_ENUM = ("import os\nfrom enum import Enum\n\n\n"
                 "class BackendType(Enum):\n    {member} = \"{member}\"\n"
                 "    Finch = \"Finch\"\n\n\nclass Backend:\n"
                 "    def __init__(self, backend=BackendType.{member}):\n        self.backend = backend\n\n"
                 "    def module(self):\n        if self.backend == BackendType.{member}:\n"
                 "            import sparse.{package} as backend_module\n"
                 "        else:\n            import sparse.finch_backend as backend_module\n"
                 "        return backend_module\n")


@pytest.mark.parametrize(("package", "expected"), [
    ("numba_backend", "data-contract"),
    # near miss: the package imported is another one, not the one named for the member
    ("jax_backend", "core-logic"),
], ids=["package-renamed-alike", "other-package"])
def test_an_enum_member_renamed_with_the_names_spelled_from_it_changes_the_interface(
        package: str, expected: str) -> None:
    old = _BACKEND_ENUM.format(member="PyData", package="pydata_backend")
    new = _BACKEND_ENUM.format(member="Numba", package=package)
    assert _change_type(old, new, "sparse/__init__.py") == expected


_BACKEND_BENCH = ("import sparse\n\nBACKEND = sparse.backend_var.get()\n\n\nclass SpMv:\n"
                  "    def setup(self, lazy_mode):\n        if sparse.BackendType.{member} == BACKEND:\n"
                  "            if lazy_mode:\n                raise NotImplementedError(\"{message}\")\n"
                  "            self.fn = sparse.matmul\n")


@pytest.mark.parametrize(("message", "expected"), [
    ("Numba doesn't have lazy mode", "data-contract"),
    # near miss: the message says something else, not the new name where it had the old one
    ("lazy mode is coming", "core-logic"),
], ids=["message-follows", "message-rewritten"])
def test_a_message_naming_a_renamed_member_may_follow_the_rename(message: str, expected: str) -> None:
    old = _BACKEND_BENCH.format(member="PyData", message="PyData doesn't have lazy mode")
    new = _BACKEND_BENCH.format(member="Numba", message=message)
    assert _change_type(old, new, "benchmarks/benchmark_backends.py") == expected



_CONTOURS = ("from ._shared.utils import deprecate_kwarg\n\n\n{decorator}"
             "def find_contours(image, level=None):\n    return [image, level]\n")


@pytest.mark.parametrize(("decorator", "expected"), [
    ("@deprecate_kwarg({'array': 'image'}, removed_version='0.20')\n", "data-contract"),
    # near miss: the decorator that goes only cached, it deprecated nothing
    ("@functools.cache\n", "core-logic"),
], ids=["deprecation-decorator-removed", "other-decorator-removed"])
def test_a_public_function_that_loses_its_deprecation_decorator_changes_its_interface(
        decorator: str, expected: str) -> None:
    old = _CONTOURS.format(decorator=decorator)
    assert _change_type(old, _CONTOURS.format(decorator="")) == expected


_CYTHON_HEADER = ("{directives}# Warning: this file is auto-generated. DO NOT EDIT!\n\n"
                  "from .defs cimport *\n\n\ncdef int close(hid_t obj) except -1:\n"
                  "    return H5Oclose(obj{extra})\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "configuration"),
    # near miss: the code changes beside it
    (", 0", "core-logic"),
], ids=["directive-dropped", "code-changed-too"])
def test_a_cython_source_whose_compiler_directives_alone_changed_is_configured_otherwise(
        extra: str, expected: str) -> None:
    old = _CYTHON_HEADER.format(directives="# cython: language_level=3\n", extra="")
    assert _change_type(old, _CYTHON_HEADER.format(directives="", extra=extra), "h5py/h5o.pyx") == expected


_SETUP_CALL = ("from setuptools import setup\n\nCMDCLASS = {{}}\n\nsetup(\n    name='h5py',\n"
               "    install_requires=['numpy>=1.6.1'],\n{extra}    cmdclass=CMDCLASS,\n)\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("    setup_requires=['pkgconfig'],\n", "configuration"),
    # near miss: the build is told something else, not what it requires
    ("    zip_safe=False,\n", "infrastructure"),
], ids=["requirement-without-version", "build-option"])
def test_a_build_script_that_requires_another_package_is_configured_otherwise(extra: str,
                                                                              expected: str) -> None:
    assert _change_type(_SETUP_CALL.format(extra=""), _SETUP_CALL.format(extra=extra), "setup.py") == expected


_COMMON_DOC = ("from . import lineshapes\n\n{name} = \"\"\"\n    nan_policy : str, optional\n"
               "        How to handle NaN values in data.\n{extra}\n    \"\"\"\n\n\n"
               "def model(x):\n    return lineshapes.step(x)\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("COMMON_INIT_DOC", "docs"),
    # near miss: a text the program runs on, not one docstrings are made of
    ("COMMON_INIT_TEMPLATE", "configuration"),
], ids=["named-for-documentation", "named-otherwise"])
def test_a_text_bound_to_a_name_for_documentation_is_documentation(name: str, expected: str) -> None:
    old = _COMMON_DOC.format(name=name, extra="    missing : str, optional\n        Synonym for nan_policy.")
    assert _change_type(old, _COMMON_DOC.format(name=name, extra="")) == expected


_FETCHERS = ("\"\"\"Helper functions to download datasets.\"\"\"\n\n{imports}"
             "from .struct import fetch_icbm152_2009, load_mni152_template\n\n"
             "__all__ = ['fetch_icbm152_2009', 'load_mni152_template']\n{warning}")


@pytest.mark.parametrize(("imports", "expected"), [
    ("from warnings import warn\n", "core-logic"),
    # near miss: what the module loads changes beside the warning
    ("from warnings import warn\nfrom .func import fetch_abide_pcp\n", "dependency-wiring"),
], ids=["warning-imported", "module-loaded-too"])
def test_a_warning_added_with_the_import_that_says_it_is_no_loading(imports: str, expected: str) -> None:
    old = _FETCHERS.format(imports="", warning="")
    new = _FETCHERS.format(imports=imports,
                           warning="\nwarn('Fetchers will return strings in 0.9.', FutureWarning)\n")
    assert _change_type(old, new) == expected


_MESH_INFO = ("from warnings import warn\n\n\n"
              "def _full_brain_info(volume_img, mesh='fsaverage5', threshold=None):\n"
              "    info = {{'mesh': mesh, 'threshold': threshold}}\n    info['volume'] = volume_img\n"
              "    info['title'] = str(volume_img)\n    info['cut'] = threshold or 0\n    return info\n\n\n"
              "def full_brain_info(volume_img, mesh='fsaverage5', threshold=None):\n"
              "    warn(category=DeprecationWarning,\n"
              "         message='full_brain_info is renamed _full_brain_info')\n"
              "    return _full_brain_info(volume_img, {passed})\n")
_MESH_INFO_BEFORE = ("def full_brain_info(volume_img, mesh='fsaverage5', threshold=None):\n"
                     "    info = {'mesh': mesh, 'threshold': threshold}\n    info['volume'] = volume_img\n"
                     "    info['title'] = str(volume_img)\n    info['cut'] = threshold or 0\n"
                     "    return info\n")


@pytest.mark.parametrize(("passed", "expected"), [
    ("mesh=mesh, threshold=threshold", "data-contract"),
    # near miss: the old name drops what it was given, and does something else
    ("mesh=mesh, threshold=0.5", "core-logic"),
], ids=["all-handed-on", "threshold-fixed"])
def test_a_function_renamed_private_behind_its_old_name_that_warns_keeps_the_interface(
        passed: str, expected: str) -> None:
    assert _change_type(_MESH_INFO_BEFORE, _MESH_INFO.format(passed=passed)) == expected


_SCORING = ("import numpy as np\n{imports}\n\n\ndef cross_val_multiscore(estimator, X, y, scoring=None):\n"
            "    from sklearn.base import clone\n{binding}\n"
            "    scorer = check_scoring(estimator, scoring=scoring)\n"
            "    return scorer(clone(estimator), X, y)\n")


@pytest.mark.parametrize(("binding", "expected"), [
    ("    check_scoring = _get_check_scoring()", "dependency-wiring"),
    # near miss: the name is bound from a call named for something else, which computes it
    ("    check_scoring = _make_scorer_checker()", "core-logic"),
], ids=["getter-named-for-it", "other-call"])
def test_an_import_handed_to_a_getter_named_for_it_is_loaded_otherwise(binding: str,
                                                                       expected: str) -> None:
    old = _SCORING.format(imports="", binding="    from sklearn.metrics.scorer import check_scoring")
    getter = binding.split("= ")[1].rstrip("()")
    new = _SCORING.format(imports=f"from ..fixes import {getter}", binding=binding)
    assert _change_type(old, new) == expected


_BINSUMS = ("import numpy as np\n\n\ndef check_cola(win, nperseg, step):\n    x = 1\n"
            "    binsums = np.sum({argument}, axis=0)\n    return binsums.max() < x\n")


@pytest.mark.parametrize(("argument", "expected"), [
    ("[win[ii * step:(ii + 1) * step] for ii in range(nperseg // step)]", "data-contract"),
    # near miss: the list holds other slices
    ("[win[ii:ii + step] for ii in range(nperseg // step)]", "core-logic"),
], ids=["generator-made-a-list", "other-elements"])
def test_a_generator_passed_as_a_list_converts_the_data(argument: str, expected: str) -> None:
    old = _BINSUMS.format(argument="(win[ii * step:(ii + 1) * step] for ii in range(nperseg // step))")
    assert _change_type(old, _BINSUMS.format(argument=argument)) == expected


_ONETIME = ("{imports}\n\ndef auto_attr(func):\n    return property(func)\n\n\nsetattr_on_read = {value}\n")


@pytest.mark.parametrize(("imports", "value", "expected"), [
    ("from nibabel.deprecated import deprecate_with_version",
     "deprecate_with_version('setattr_on_read is now auto_attr', since='3.2', until='5.0')(auto_attr)",
     "data-contract"),
    # near miss: the alias is wrapped by something that caches, not by what deprecates: a value
    # the module sets otherwise
    ("from functools import lru_cache", "lru_cache(maxsize=None)(auto_attr)", "configuration"),
], ids=["wrapped-as-deprecated", "wrapped-otherwise"])
def test_an_alias_wrapped_as_deprecated_is_kept_for_its_users(imports: str, value: str,
                                                              expected: str) -> None:
    facts = _facts(_diff("nibabel/onetime.py", _ONETIME.format(imports="", value="auto_attr"),
                         _ONETIME.format(imports=imports, value=value)))
    assert facts.files[0].change_type == expected
    assert ("setattr_on_read" in facts.key_symbols) == (expected == "data-contract")


_XPRESS = ("class XPRESS:\n    def import_solver(self):\n        import xpress\n{body}"
           "        self.interface = xpress\n")


@pytest.mark.parametrize(("handler", "expected"), [
    ("            self.version = xpress.getversion()\n", "data-contract"),
    # near miss: where the new name is missing the version is given up on, not read the old way
    ("            self.version = None\n", "core-logic"),
], ids=["old-name-in-the-handler", "nothing-in-the-handler"])
def test_a_method_tried_under_its_new_name_first_follows_the_library(handler: str, expected: str) -> None:
    old = _XPRESS.format(body="        self.version = xpress.getversion()\n")
    new = _XPRESS.format(body="        try:\n            self.version = xpress.getVersion()\n"
                              "        except AttributeError:\n" + handler)
    assert _change_type(old, new) == expected


_COLOURS = "def plot_series(self, cols):\n    x = 1\n{body}    return [cmap(i) for i in range(10)]\n"


@pytest.mark.parametrize(("tried", "expected"), [
    ("        cmap = plt.get_cmap('tab10', 10)\n", "data-contract"),
    # near miss: the call tried first is given other arguments too
    ("        cmap = plt.get_cmap('tab20', 10)\n", "core-logic"),
], ids=["reached-through-another-object", "other-arguments"])
def test_a_function_tried_where_the_library_moved_it_first_follows_the_library(tried: str,
                                                                               expected: str) -> None:
    old = _COLOURS.format(body="    cmap = plt.cm.get_cmap('tab10', 10)\n")
    new = _COLOURS.format(body="    try:\n" + tried + "    except AttributeError:\n"
                               "        cmap = plt.cm.get_cmap('tab10', 10)\n")
    assert _change_type(old, new) == expected


_ASSIGNMENT_COST = ("import torch\n\n\nclass Head:\n"
                    "    def get_assignments(self, cls_preds, obj_preds, n):\n        x = 1\n"
                    "        {bound} = cls_preds.float().sigmoid_() * obj_preds{cast}.sigmoid_()\n"
                    "        return cost\n")


@pytest.mark.parametrize(("bound", "expected"), [
    ("cost", "core-logic"),
    # near miss: the product is stored on the object, handed across
    ("self.cost", "data-contract"),
], ids=["operand-cast-in-local-arithmetic", "stored-on-the-object"])
def test_an_operand_cast_in_arithmetic_bound_to_a_local_name_converts_no_data_handed_across(
        bound: str, expected: str) -> None:
    old = _ASSIGNMENT_COST.format(bound=bound, cast="")
    assert _change_type(old, _ASSIGNMENT_COST.format(bound=bound, cast=".float()")) == expected


_ORDINAL = ("class OrdinalEncoder:\n    def ordinal_encoding(self, X, col):\n        x = 1\n"
            "        X[col] = X[col].astype(int){reached}.reshape(-1, )\n        return X\n")


@pytest.mark.parametrize(("reached", "expected"), [
    (".values", "data-contract"),
    # near miss: another field of the series is reshaped
    (".index", "core-logic"),
], ids=["values-reshaped", "index-reshaped"])
def test_a_method_called_on_the_array_a_series_holds_converts_the_data(reached: str, expected: str) -> None:
    old = _ORDINAL.format(reached="")
    assert _change_type(old, _ORDINAL.format(reached=reached)) == expected


_MONDRIAN = ("import numpy as np\n\n\ndef mondrian(shape, nx, rstate):\n    x = 1\n"
             "    xp = np.sort(np.round(rstate.rand({count}) * shape[0]).astype(np.{dtype}))\n"
             "    return xp\n")


@pytest.mark.parametrize(("path", "count", "dtype", "expected"), [
    ("demo/fswavedecn_mondrian.py", "nx - 1", "int64", "data-contract"),
    ("doc/source/pyplots/mondrian_demo.py", "nx - 1", "int64", "data-contract"),
    # near miss: the example draws another number of values
    ("demo/fswavedecn_mondrian.py", "nx + 1", "int", "core-logic"),
], ids=["demo", "docs-plot-script", "other-count"])
def test_an_example_following_a_renamed_dtype_follows_the_interface(path: str, count: str, dtype: str,
                                                                   expected: str) -> None:
    old = _MONDRIAN.format(count="nx - 1", dtype="int")
    assert _change_type(old, _MONDRIAN.format(count=count, dtype=dtype), path=path) == expected


_ASTROPY_CONFTEST = ("import os\n\n\ndef pytest_configure(config):\n"
                     "    config.option.astropy_header = True\n{setup}")


@pytest.mark.parametrize(("setup", "expected"), [
    ("from astropy.tests.helper import enable_deprecations_as_exceptions\n"
     "enable_deprecations_as_exceptions()\n", "test-coverage"),
    # near miss: only an import nothing used goes
    ("from astropy.tests.helper import enable_deprecations_as_exceptions\n", "dependency-wiring"),
], ids=["setup-call-dropped", "unused-import-dropped"])
def test_a_call_a_test_module_made_on_import_dropped_changes_how_tests_run(setup: str, expected: str) -> None:
    old = _ASTROPY_CONFTEST.format(setup=setup)
    assert _change_type(old, _ASTROPY_CONFTEST.format(setup=""), path="regions/conftest.py") == expected


_FFT_FALLBACK = ("try:\n    import scipy\n    fftmodule = scipy.fft\n"
                 "    next_fast_len = fftmodule.next_fast_len\n"
                 "except ImportError:\n    fftmodule = np.fft\n\n    def next_fast_len(n):\n"
                 "        \"\"\"Round up to a power of two; slower than scipy's.\"\"\"\n"
                 "        return 2**ceil(np.log2(n))\n")
_FFT_CWT = ("from math import ceil\n\nimport numpy as np\n\n{fallback}\n\ndef cwt(data, size):\n"
            "    n = next_fast_len(size)\n    fft_data = {module}.fft(data, n)\n"
            "    return {module}.ifft(fft_data)\n")


@pytest.mark.parametrize(("rounding", "module", "expected"), [
    ("2**ceil(np.log2(n))", "np.fft", "dependency-wiring"),
    # near misses: the function kept rounds otherwise; the transform comes from elsewhere
    ("2**ceil(np.log2(n + 1))", "np.fft", "core-logic"),
    ("2**ceil(np.log2(n))", "pyfftw.interfaces.numpy_fft", "core-logic"),
], ids=["fallback-kept-alone", "fallback-changed", "other-module"])
def test_an_optional_import_dropped_for_its_fallback_is_wiring(rounding: str, module: str,
                                                              expected: str) -> None:
    old = _FFT_CWT.format(fallback=_FFT_FALLBACK, module="fftmodule")
    kept = f"def next_fast_len(n):\n    \"\"\"Round up to a power of two.\"\"\"\n    return {rounding}\n"
    assert _change_type(old, _FFT_CWT.format(fallback=kept, module=module), path="pywt/_cwt.py") == expected


_MOON = ("from astropy.coordinates import get_body, get_sun{dropped}\n\n\nclass MoonSeparationConstraint:\n"
         "    def compute_constraint(self, times, observer):\n        x = 1\n"
         "        moon = {call}times, location=observer.location)\n        sun = get_sun(times)\n"
         "        return moon.separation(sun)\n")


@pytest.mark.parametrize(("call", "expected"), [
    ('get_body("moon", ', "data-contract"),
    # near miss: the moon is computed by a method of the module's own
    ("self._moon(", "core-logic"),
], ids=["same-dependency-name-imported-already", "own-method"])
def test_a_dependency_name_dropped_for_another_it_imported_already_follows_its_interface(
        call: str, expected: str) -> None:
    old = _MOON.format(dropped=", get_moon", call="get_moon(")
    new = _MOON.format(dropped="", call=call)
    assert _change_type(old, new, path="astroplan/constraints.py") == expected


_MPLHEP_INIT = "import os\n\nfrom .plot import histplot\n{read}"
_READS_VERSION_FILE = ("try:\n    _base_dir = os.path.dirname(os.path.abspath(__file__))\n"
                       "except NameError:\n    _base_dir = None\n"
                       "with open(os.path.join(_base_dir, '.VERSION')) as version_file:\n"
                       "    {name} = version_file.read().strip()\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("__version__", "configuration"),
    # near miss: what the file gives is the module's text, not its version
    ("__doc__", "core-logic"),
], ids=["version-read-from-file", "docstring-read-from-file"])
def test_the_version_read_from_a_file_is_configuration(name: str, expected: str) -> None:
    new = _MPLHEP_INIT.format(read=_READS_VERSION_FILE.format(name=name))
    assert _change_type(_MPLHEP_INIT.format(read=""), new, path="mplhep/__init__.py") == expected


@pytest.mark.parametrize(("first", "expected"), [
    ("from .observer import *", "dependency-wiring"),
    # near miss: the block the guard held opened with a call, not an import
    ("configure_logging()", "core-logic"),
], ids=["import-guard-dropped", "call-guard-dropped"])
def test_a_guard_of_imports_dropped_with_its_block_kept_is_wiring(first: str, expected: str) -> None:
    old = (f"from .utils import *\n\nif not _ASTROPY_SETUP_:\n    {first}\n    from .moon import *\n\n"
           "    download_IERS_A()\n")
    new = f"from .utils import *\n\n{first}\nfrom .moon import *\n\ndownload_IERS_A()\n"
    assert _change_type(old, new, path="astroplan/__init__.py") == expected


@pytest.mark.parametrize(("also", "expected"), [
    ("", "dependency-wiring"),
    # near miss: the block also sets how the package logs
    ("    set_log_level('WARNING')\n", "core-logic"),
], ids=["version-read-from-metadata-instead", "logging-set-beside"])
def test_the_version_read_from_another_source_is_wiring(also: str, expected: str) -> None:
    rest = '"""Connectivity."""\nfrom .utils import set_log_level\n\n'
    old = rest + "from ._version import __version__  # noqa: F401\n"
    new = (rest + 'try:\n    from importlib.metadata import version\n\n    __version__ = version("mne")\n'
           f'{also}except Exception:\n    __version__ = "0.0.0"\n')
    assert _change_type(old, new, path="mne_connectivity/__init__.py") == expected


_ATTRS_CLASS = ("import attr\n\n\n@attr.s(slots=True, {keywords}, repr=False)\nclass Particle:\n"
                "    pdgid = attr.ib()\n")


@pytest.mark.parametrize(("keywords", "expected"), [
    ("eq=False, order=False", "data-contract"),
    # near miss: the same keyword given another value
    ("cmp=True", "core-logic"),
], ids=["decorator-keyword-renamed", "decorator-value-changed"])
def test_a_decorator_given_a_dependencys_renamed_keywords_follows_its_interface(keywords: str,
                                                                                expected: str) -> None:
    old = _ATTRS_CLASS.format(keywords="cmp=False")
    assert _change_type(old, _ATTRS_CLASS.format(keywords=keywords), path="particle/particle.py") == expected


_VOSI_TABLE = ("from astropy.utils import deprecated\n\n\nclass Element:\n    pass\n\n\n"
               "class {name}(Element):\n    def __init__(self, config=None, pos=None, **kwargs):\n"
               "        self.config = config\n        self.pos = pos\n"
               "        self.name = kwargs.get('name')\n"
               "        self.title = kwargs.get('title')\n        self.columns = []\n\n"
               "    def describe(self):\n        print(self.name)\n        print(self.title)\n"
               "        for column in self.columns:\n            print(column)\n\n"
               "    def parse(self, iterator, config):\n        for start, tag, data, pos in iterator:\n"
               "            if start and tag == 'column':\n                self.columns.append(data)\n"
               "            elif start and tag == 'name':\n                self.name = data\n"
               "            elif not start and tag == 'table':\n                break\n"
               "        if not self.name:\n            raise ValueError(pos)\n\n"
               "    def __repr__(self):\n        return '<{name} name=\"{{}}\">'.format(self.name)\n\n\n"
               "class TableSchema(Element):\n    def __init__(self):\n        self.tables = []\n\n"
               "    def table(self, config, pos, data):\n        table = {name}(config, pos, **data)\n"
               "        self.tables.append(table)\n{alias}")


@pytest.mark.parametrize(("body", "expected"), [
    ("    pass\n", "data-contract"),
    # near miss: the subclass under the old name does something of its own
    ("    def describe(self):\n        print('a table')\n", "core-logic"),
], ids=["old-name-kept-as-deprecated-subclass", "subclass-of-its-own"])
def test_a_class_renamed_its_old_name_kept_as_a_subclass_is_a_contract(body: str, expected: str) -> None:
    old = _VOSI_TABLE.format(name="Table", alias="")
    alias = ('\n\n@deprecated("1.5", alternative="VODataServiceTable")\n'
             f"class Table(VODataServiceTable):\n{body}")
    new = _VOSI_TABLE.format(name="VODataServiceTable", alias=alias)
    assert _change_type(old, new, path="pyvo/io/vosi/vodataservice.py") == expected


@pytest.mark.parametrize(("fallback", "expected"), [
    ("    pass\n", "configuration"),
    # near miss: where the package is missing, the module does something else
    ("    use_bundled_metrics()\n", "core-logic"),
], ids=["version-from-metadata-where-written", "other-work-beside"])
def test_the_version_read_from_metadata_where_it_was_written_is_configuration(fallback: str,
                                                                              expected: str) -> None:
    rest = ("from xskillscore.core import use_bundled_metrics\n"
            "from xskillscore.core.deterministic import mae\n\n")
    old = rest + '__version__ = "0.0.26"\n'
    new = ("from importlib.metadata import PackageNotFoundError, version\n\n" + rest
           + 'try:\n    __version__ = version("xskillscore")\nexcept PackageNotFoundError:\n' + fallback)
    assert _change_type(old, new, path="xskillscore/__init__.py") == expected


_XSKILLSCORE_CONF = ("import os\nimport sys\n\nimport xskillscore\n\nproject = 'xskillscore'\n{said}"
                     "extensions = [{extensions}]\n{version}\n")


@pytest.mark.parametrize(("said", "extensions", "expected"), [
    ("print('xskillscore: %s' % xskillscore.__version__)\n", "'sphinx.ext.autodoc'", "configuration"),
    # near miss: the docs are also built with another extension
    ("", "'sphinx.ext.autodoc', 'sphinx.ext.napoleon'", "docs"),
], ids=["version-read-from-package", "extension-added-beside"])
def test_the_version_the_docs_read_from_the_package_is_configuration(said: str, extensions: str,
                                                                     expected: str) -> None:
    old = _XSKILLSCORE_CONF.format(said="", extensions="'sphinx.ext.autodoc'", version="version = '0.0.17'")
    new = _XSKILLSCORE_CONF.format(said=said, extensions=extensions,
                                   version="version = xskillscore.__version__")
    assert _change_type(old, new, path="docs/source/conf.py") == expected


_ADD_NANS = ('import numpy as np\n\n\ndef add_nans_to_weights(m):\n    """Add {word} in empty rows.\n\n'
             '    Empty rows become {word}s, not zeros.\n    """\n    x = 1\n    for k in range(len(m)):\n'
             '        m[k] = [np.{name}] if m[k] == [] else m[k]\n    return m\n')


@pytest.mark.parametrize(("name", "expected"), [
    ("nan", "data-contract"),
    # near miss: the rows are filled with a second value too
    ("nan, 0.0", "core-logic"),
], ids=["alias-renamed-docstring-reworded", "second-value"])
def test_a_library_name_respelled_beside_a_reworded_docstring_is_followed(name: str, expected: str) -> None:
    old = _ADD_NANS.format(word="NaN", name="NaN")
    assert _change_type(old, _ADD_NANS.format(word="nan", name=name), path="xesmf/smm.py") == expected


_PRECISION = ("import numpy as np\n\n\ndef {name}(tau):\n    sigma = 1 / tau**0.5\n    return sigma\n\n\n"
              + "".join(f"class {dist}:\n    def _parametrization(self, mu, sigma=None, tau=None):\n"
                        f"        self.mu = mu\n        if tau is not None:\n"
                        f"            sigma = {{call}}\n        self.sigma = sigma\n"
                        f"        self.params = (self.mu, self.sigma)\n"
                        f"        self.support = (-np.inf, np.inf)\n\n\n"
                        for dist in ("Normal", "HalfNormal", "SkewNormal", "StudentT", "Logistic")))


@pytest.mark.parametrize(("old_name", "new_name", "expected"), [
    ("from_tau", "from_precision", "data-contract"),
    # near miss: a helper of the module's own renamed
    ("_from_tau", "_from_precision", "core-logic"),
], ids=["function-renamed-callers-follow", "private-helper-renamed"])
def test_a_function_renamed_in_place_with_its_callers_following_is_a_contract(old_name: str, new_name: str,
                                                                              expected: str) -> None:
    old = _PRECISION.format(name=old_name, call=f"{old_name}(tau)")
    new = _PRECISION.format(name=new_name, call=f"{new_name}(tau)")
    assert _change_type(old, new, path="preliz/distributions/continuous.py") == expected


_SPARK_FUNCTIONS = ('"""Cleaning functions for pyspark."""\nimport re\n\n'
                   "from janitor.utils import import_message\n\n{imported}\n\n\ndef clean_names(df):\n"
                   "    return df.toDF(*[re.sub('-', '_', c) for c in df.columns])\n")


@pytest.mark.parametrize(("handler", "expected"), [
    ('    import_message("spark", "pyspark", "conda install -c conda-forge pyspark")\n', "dependency-wiring"),
    # near miss: the handler does work of its own with what the module has
    ("    import_message(clean_names)\n", "core-logic"),
], ids=["handler-says-what-to-install", "handler-does-work"])
def test_an_import_put_under_a_try_whose_handler_says_what_to_install_is_wiring(handler: str,
                                                                                expected: str) -> None:
    old = _SPARK_FUNCTIONS.format(imported="from pyspark.sql import DataFrame")
    guarded = "try:\n    from pyspark.sql import DataFrame\nexcept ImportError:\n" + handler.rstrip("\n")
    new = _SPARK_FUNCTIONS.format(imported=guarded)
    assert _change_type(old, new, path="janitor/spark/functions.py") == expected


_PERSIST = ('import json\n\n\ndef dump(obj, file):\n    with open(file, "w") as f:\n'
            '        json.dump(obj, f)\n\n\ndef load(file):\n    with open(file) as f:\n'
            '        return json.load(f)\n{tail}')


@pytest.mark.parametrize(("tail", "expected"), [
    ('\n\n# TODO: remove "save" in favor of "dump"\nsave = dump\n', "data-contract"),
    # near miss: what goes is a setting the module reads
    ("\n\nPROTOCOL = 4\n", "configuration"),
], ids=["alias-of-a-function-dropped", "setting-dropped"])
def test_an_alias_of_a_function_dropped_is_a_contract(tail: str, expected: str) -> None:
    old, new = _PERSIST.format(tail=tail), _PERSIST.format(tail="")
    assert _change_type(old, new, path="skops/io/_persist.py") == expected


_FFMPEG_GETTER = ("_ffmpeg_api = None\n\n\ndef _get_ffmpeg_api():\n    global _ffmpeg_api\n"
                  "    if _ffmpeg_api is None:\n        try:\n            import imageio_ffmpeg\n"
                  "        except ImportError:\n            raise ImportError('pip install imageio-ffmpeg')\n"
                  "{setup}        _ffmpeg_api = imageio_ffmpeg\n    return _ffmpeg_api\n\n\n")
_FFMPEG_FORMAT = ("import logging\n{imported}\nlogger = logging.getLogger(__name__)\n\n\n{getter}"
                  "class FfmpegFormat:\n    def _open(self, request):\n        x = 1\n"
                  "        self._ffmpeg_api = {api}\n        return self._ffmpeg_api.read_frames(request)\n")


@pytest.mark.parametrize(("setup", "expected"), [
    ("", "dependency-wiring"),
    # near miss: the getter also set the module up, which no code does any more
    ("        imageio_ffmpeg.set_log_level('error')\n", "core-logic"),
], ids=["getter-replaced-by-import", "getter-that-set-up"])
def test_a_getter_that_imported_replaced_by_a_top_level_import_is_wiring(setup: str, expected: str) -> None:
    getter = _FFMPEG_GETTER.format(setup=setup)
    old = _FFMPEG_FORMAT.format(imported="", getter=getter, api="_get_ffmpeg_api()")
    new = _FFMPEG_FORMAT.format(imported="import imageio_ffmpeg\n", getter="", api="imageio_ffmpeg")
    assert _change_type(old, new, path="imageio/plugins/ffmpeg.py") == expected


@pytest.mark.parametrize(("length", "expected"), [
    ("len(e)", "data-contract"),
    # near miss: another builtin in its place, which counts nothing
    ("abs(e)", "core-logic"),
], ids=["alen-became-len", "other-builtin"])
def test_numpys_alen_given_way_to_len_follows_numpy(length: str, expected: str) -> None:
    template = ("import numpy as np\n\n\ndef _start_count_stride(elem):\n    sdim = []\n    x = 1\n"
                "    for e in elem:\n        sdim.append({length})\n    return sdim\n")
    old = template.format(length="np.alen(e)")
    assert _change_type(old, template.format(length=length), path="netCDF4/utils.py") == expected


_ARGSORT = ("import numpy as np\nfrom packaging.version import Version\n\n{flag}\n\n\n"
            "def _sparse_to_arrays(sparray, ids=None):\n{kwds}    x = 1\n"
            "    sorter = sparray.row.argsort({spread})\n"
            "    return sparray.row[sorter], ids\n")


@pytest.mark.parametrize(("flag", "expected"), [
    ('NUMPY_GE_2 = Version(np.__version__) >= Version("2.0.0")', "configuration"),
    # near miss: the flag is the module's own setting, not a version
    ("NUMPY_GE_2 = True", "core-logic"),
], ids=["keywords-given-from-numpy-2", "keywords-given-by-a-setting"])
def test_keywords_given_only_for_some_versions_are_configuration(flag: str, expected: str) -> None:
    old = _ARGSORT.format(flag="", kwds="", spread="")
    new = _ARGSORT.format(flag=flag, kwds='    argsort_kwds = {"stable": True} if NUMPY_GE_2 else {}\n',
                          spread="**argsort_kwds")
    assert _change_type(old, new, path="libpysal/graph/_utils.py") == expected


@pytest.mark.parametrize(("radius", "expected"), [
    ("np.ptp(vor.points)", "data-contract"),
    # near miss: another function of the library, which measures something else
    ("np.std(vor.points)", "core-logic"),
], ids=["method-became-module-function", "other-function"])
def test_a_method_an_array_lost_given_way_to_the_librarys_function_follows_it(radius: str,
                                                                              expected: str) -> None:
    template = ("import numpy as np\n\n\ndef voronoi_regions(vor, radius=None):\n    x = 1\n"
                "    if radius is None:\n        radius = {radius}.max() * 2\n    return radius\n")
    old = template.format(radius="vor.points.ptp()")
    assert _change_type(old, template.format(radius=radius), path="libpysal/cg/voronoi.py") == expected


@pytest.mark.parametrize(("handed", "expected"), [
    ("idxs.to_numpy()", "data-contract"),
    # near miss: what is handed on is the raw neighbours, not the series' data
    ("neighbors", "core-logic"),
], ids=["values-became-to-numpy", "other-data"])
def test_a_series_data_handed_on_through_to_numpy_instead_of_values_converts_it(handed: str,
                                                                                 expected: str) -> None:
    template = ("import numpy as np\nimport pandas as pd\n\n\ndef _edges(neighbors):\n"
                "    idxs = pd.Series(neighbors).explode()\n    return np.unique({handed})\n")
    old = template.format(handed="idxs.values")
    assert _change_type(old, template.format(handed=handed), path="libpysal/graph/_utils.py") == expected


_DATABASE = ("from sunpy.database.database import Database, split_database\n{imports}\n{call}\n"
             "__all__ = ['Database', 'split_database']\n")


@pytest.mark.parametrize(("imports", "call", "expected"), [
    ("from sunpy.util.exceptions import warn_deprecated\n",
     "warn_deprecated('The sunpy.database module is no longer actively maintained.')\n", "core-logic"),
    ("from sunpy.util import deprecate\n",
     "deprecate(('sunpy.database will be removed by August 2024. '\n"
     "           'Please use sunpy.net instead!'),"
     " version='2024.8.0', category=FutureWarning)\n", "core-logic"),
    # near miss: what is called keeps a name for the module's users
    ("from sunpy.util.decorators import register_deprecated_name\n",
     "register_deprecated_name('split_database', 'sunpy.database.split')\n", "data-contract"),
], ids=["only-warns", "deprecate-says-why", "keeps-a-name"])
def test_a_module_that_warns_on_import_does_something_on_import(imports: str, call: str,
                                                                expected: str) -> None:
    old = _DATABASE.format(imports="", call="")
    assert _change_type(old, _DATABASE.format(imports=imports, call=call), "sunpy/database/__init__.py") \
        == expected


_MOUSE_MOVE = ("class GraphicsView:\n    def mouseMoveEvent(self, ev):\n        lpos = ev.position()\n"
               "        x = 1\n        self.sigSceneMouseMoved.emit(self.mapToScene({argument}))\n")


@pytest.mark.parametrize(("argument", "expected"), [
    ("lpos.toPoint()", "data-contract"),
    # near miss: a method given an argument, which computes with the value
    ("lpos.toward(origin)", "core-logic"),
], ids=["turned-into-a-point", "computed-with"])
def test_a_value_turned_into_another_type_by_a_method_named_for_it_converts_the_data(
        argument: str, expected: str) -> None:
    old = _MOUSE_MOVE.format(argument="lpos")
    assert _change_type(old, _MOUSE_MOVE.format(argument=argument)) == expected


_FORMULAS = ("FORMULAS = {{\n{entries}    \"a + b\": (True,\n              [\"a\", \"b\"]),\n}}\n\n\n"
             "def terms(formula):\n    return FORMULAS[formula]\n")


@pytest.mark.parametrize(("key", "expected"), [
    ("(a + b + c) ** 2", "configuration"),
    # the same table with a plain key reads alike
    ("c_and_d", "configuration"),
], ids=["key-with-pattern-syntax", "plain-key"])
def test_entries_removed_whose_keys_are_not_patterns_are_still_read(key: str, expected: str) -> None:
    """Keys of removed entries are matched as text, not as regular expressions."""
    old = _FORMULAS.format(entries=f"    {key!r}: (True,\n              [\"a\", \"b\", \"c\"]),\n")
    assert _change_type(old, _FORMULAS.format(entries="")) == expected


_OPTIONAL_TORCH = ("from typing import TYPE_CHECKING\n{probe}\n{guard}\n    import torch\n"
                   "    from torch.utils.data import DataLoader, Sampler\n{otherwise}\n"
                   "    {stand_in}\n\n\ndef load(x):\n    return DataLoader(x)\n")


@pytest.mark.parametrize(("guard", "stand_in", "expected"), [
    ('if find_spec("torch") or TYPE_CHECKING:', "Sampler, DataLoader = object, object", "dependency-wiring"),
    ('if find_spec("torch") or TYPE_CHECKING:', "class DataLoader:\n        pass", "dependency-wiring"),
    # near miss: a setting decides whether the import runs, not whether the package is there
    ("if TORCH_ENABLED or TYPE_CHECKING:", "class DataLoader:\n        pass", "core-logic"),
], ids=["names-bound-at-once", "class-in-its-stead", "setting-tested"])
def test_a_package_probed_with_find_spec_guards_its_import_as_a_try_did(guard: str, stand_in: str,
                                                                        expected: str) -> None:
    old = _OPTIONAL_TORCH.format(probe="", guard="try:", otherwise="except ImportError:", stand_in=stand_in)
    new = _OPTIONAL_TORCH.format(probe="from importlib.util import find_spec\n", guard=guard,
                                 otherwise="else:", stand_in=stand_in)
    assert _change_type(old, new) == expected


_ZARR_SHIMS = ("import sys\n\n{guard}\n    from ._io.zarr import read_zarr\nelse:\n"
               "    def read_zarr(*args, **kw):\n        {shim}\n")


@pytest.mark.parametrize(("guard", "expected"), [
    ('if "zarr" in sys.modules:', "dependency-wiring"),
    # near miss: a test of something other than whether a package was imported
    ('if "zarr" in sys.argv:', "core-logic"),
], ids=["already-imported", "named-on-the-command-line"])
def test_a_package_imported_already_guards_the_import_its_shim_stands_in_for(guard: str,
                                                                            expected: str) -> None:
    old = _ZARR_SHIMS.format(guard=guard,
                             shim="from ._io.zarr import read_zarr\n        return read_zarr(*args)")
    new = _ZARR_SHIMS.format(guard=guard, shim='raise ImportError("zarr is not installed")')
    assert _change_type(old, new) == expected


_AWKWARD_COMPAT = ("try:\n    import awkward\n\n    AwkArray = awkward.Array\nexcept ImportError:\n\n"
                   "    class {stand_in}:\n        pass\n\n\n"
                   "try:\n    from cupy import ndarray as CupyArray\n{registered}"
                   "except ImportError:\n\n    class CupyArray:\n        pass\n")
_DASK_REGISTERED = ("    try:\n        import dask.array as da\n{dask}"
                    "    except ImportError:\n        pass\n{otherwise}")


@pytest.mark.parametrize(("registered", "expected"), [
    ("CupyArray", "dependency-wiring"),
    # near miss: what is registered is made there, not what the import brought
    ("make_array()", "core-logic"),
], ids=["what-was-imported", "something-made"])
def test_stand_ins_and_registrations_of_guarded_imports_are_wiring(registered: str, expected: str) -> None:
    register = f"        da.register_chunk_type({registered})\n"
    old = _AWKWARD_COMPAT.format(stand_in="AwkArray",
                                 registered=_DASK_REGISTERED.format(dask=register, otherwise=""))
    new = _AWKWARD_COMPAT.format(stand_in="AwkArray", registered=_DASK_REGISTERED.format(
        dask="", otherwise="    else:\n" + register))
    assert _change_type(old, new) == expected


_FORM_ATTRIBUTE = ("from awkward.typing import Self{final}\n\n\nclass EmptyArray(Content):\n"
                   "    {declared} = EmptyForm{value}\n\n    def _form_with_key(self, getkey):\n"
                   "        return self.{declared_name}(form_key=getkey(self))\n")


@pytest.mark.parametrize(("value", "expected"), [
    ("", "data-contract"),
    # near miss: the field is bound to another value as it is renamed
    ("()", "core-logic"),
], ids=["renamed-with-a-type", "bound-to-another-value"])
def test_a_class_attribute_renamed_and_annotated_renames_what_users_read(value: str, expected: str) -> None:
    old = _FORM_ATTRIBUTE.format(final="", declared="Form", value="", declared_name="Form")
    new = _FORM_ATTRIBUTE.format(final=", Final", declared="form_cls: Final", value=value,
                                 declared_name="form_cls")
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("Tuple[Any, ...]", "tuple[Any, ...]", "dependency-wiring"),
    ("Optional[Tuple[str, int]]", "tuple[str, int] | None", "dependency-wiring"),
    # near miss: another type than before
    ("Tuple[Any, ...]", "tuple[int, ...]", "configuration"),
], ids=["built-in-generic", "optional-as-union", "another-type"])
def test_typing_generics_spelled_as_built_ins_change_only_the_import(was: str, now: str,
                                                                     expected: str) -> None:
    old = f"from typing import Any, Optional, Tuple, TypeAlias\n\nKernelKeyType: TypeAlias = {was}\n"
    new = f"from typing import Any, TypeAlias\n\nKernelKeyType: TypeAlias = {now}\n"
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("bound", "expected"), [
    ('lazy.load("matplotlib.ticker")', "dependency-wiring"),
    # near miss: a file loaded, not a module
    ('torch.load("ticker.pt")', "core-logic"),
], ids=["module-loaded-lazily", "file-loaded"])
def test_a_module_bound_by_lazy_loader_is_an_import(bound: str, expected: str) -> None:
    old = "from matplotlib.ticker import Formatter\n\n\nclass TimeFormatter(Formatter):\n    pass\n"
    new = (f"import lazy_loader as lazy\nimport torch\n\nmplticker = {bound}\n\n\n"
           "class TimeFormatter(mplticker.Formatter):\n    pass\n")
    assert _change_type(old, new) == expected


_MOVED_ALIASES = ('"""Core.\n\n.. autosummary::\n{listed}"""\nfrom .audio import load\n'
                  "{imports}{aliases}")


@pytest.mark.parametrize(("wrapper", "expected"), [
    ("_moved('librosa.sequence.dtw', '0.6.1', '0.7')", "data-contract"),
    ("_deprecated(since='0.6.1')", "data-contract"),
    # near miss: a wrapper given no release of a deprecation, a registration
    ("_registered('librosa.sequence.dtw')", "dependency-wiring"),
], ids=["moved-in-release", "deprecated", "registered"])
def test_names_bound_to_deprecation_wrappers_removed_are_what_callers_were_told_would_go(
        wrapper: str, expected: str) -> None:
    old = _MOVED_ALIASES.format(listed="    load\n    dtw\n", imports=(
        "from ..util.decorators import moved as _moved, deprecated as _deprecated\n"
        "from ..util.decorators import registered as _registered\n"
        "from ..sequence import dtw as _dtw\n"), aliases=f"\ndtw = {wrapper}(_dtw)\n")
    new = _MOVED_ALIASES.format(listed="    load\n", imports="", aliases="")
    assert _change_type(old, new, "librosa/core/__init__.py") == expected


_EMPTY_FORM = ("class EmptyForm:\n    def to_NumpyForm(self, {params}):\n        return make({made})\n")
_CLING = ("import numpy as np\n\n\ndef togenerator(form):\n    return generate(form.to_NumpyForm({given}))\n")


@pytest.mark.parametrize(("given", "expected"), [
    ('primitive="float64"', "data-contract"),
    # near miss: the call given an argument it gave before beside the new one, a constant
    # opting into what the callee offers anew
    ('np.dtype(np.float64), primitive="float64"', "configuration"),
], ids=["argument-given-otherwise", "argument-added"])
def test_a_call_giving_otherwise_what_a_reshaped_method_takes_follows_it(given: str, expected: str) -> None:
    callee = _diff("pkg/forms/emptyform.py", _EMPTY_FORM.format(params="dtype", made="dtype"),
                   _EMPTY_FORM.format(params="dtype=None, *, primitive=None", made="primitive or dtype"))
    caller = _diff("pkg/connect/cling.py", _CLING.format(given="np.dtype(np.float64)"),
                   _CLING.format(given=given))
    assert _facts(callee, caller).files[1].change_type == expected


_SPARSE_DATASET = ("import warnings\n\n\ndef sparse_dataset(group):\n    return group\n{shim}")
_DEPR = ('\n\n_depr_msg = """\\\n{message}\n"""\n\n\nclass SparseDataset:\n    """Kept for old users."""\n\n'
         "    def __new__(cls, group):\n        warnings.warn(FutureWarning(_depr_msg), stacklevel=2)\n"
         "        return sparse_dataset(group)\n")


@pytest.mark.parametrize(("message", "expected"), [
    ("SparseDataset is deprecated; use sparse_dataset.", "data-contract"),
    # near miss: a warning of something other than the class going
    ("Reading a sparse dataset of a newer encoding.", "core-logic"),
], ids=["deprecated-class-kept", "other-warning"])
def test_a_class_added_to_warn_its_users_it_is_deprecated_keeps_a_public_name(message: str,
                                                                              expected: str) -> None:
    old = _SPARSE_DATASET.format(shim="")
    assert _change_type(old, _SPARSE_DATASET.format(shim=_DEPR.format(message=message))) == expected


_CONNECTIVITY = ("def umap(X):\n    {targets} = fuzzy_simplicial_set({given})\n{taken}"
                 "    return connectivities.tocsr()\n")


@pytest.mark.parametrize(("given", "expected"), [
    ("X, 15", "data-contract"),
    # near miss: the call given other values too
    ("X, 30", "core-logic"),
], ids=["same-call", "other-arguments"])
def test_every_value_unpacked_where_the_first_was_taken_follows_what_the_callee_returns(
        given: str, expected: str) -> None:
    old = _CONNECTIVITY.format(targets="connectivities", given="X, 15", taken=(
        "    if isinstance(connectivities, tuple):\n        connectivities = connectivities[0]\n"))
    new = _CONNECTIVITY.format(targets="connectivities, _sigmas, _rhos", given=given, taken="")
    assert _change_type(old, new) == expected


_CHECK_VERSIONS = ("from packaging import version\n\n\ndef check_versions():\n{imports}"
                   "    if version.parse(anndata_version) < version.parse(\"0.6.10\"):\n"
                   "        from .. import __version__\n\n        raise ImportError(__version__)\n{checked}")
_UMAP_CHECK = ("    if umap_version < version.parse(\"0.3.0\"):\n        from . import __version__\n\n"
               "        logg.warning(f\"Scanpy {__version__} needs umap >= 0.3.0\")\n")


def test_a_version_check_importing_only_what_its_message_names_is_a_check() -> None:
    old = _CHECK_VERSIONS.format(imports="    from .._compat import pkg_version\n\n"
                                 "    umap_version = pkg_version(\"umap-learn\")\n\n", checked=_UMAP_CHECK)
    new = _CHECK_VERSIONS.format(imports="", checked="")
    assert _change_type(old, new) == "configuration"


@pytest.mark.parametrize(("now", "expected"), [
    ('self.group["indptr"][:]', "data-contract"),
    ('self.group["indptr"][()]', "data-contract"),
    # near miss: a part of it taken
    ('self.group["indptr"][1:]', "core-logic"),
], ids=["whole-slice", "empty-index", "part-taken"])
def test_a_dataset_read_whole_before_it_is_stored_converts_the_data(now: str, expected: str) -> None:
    old = "class SparseDataset:\n    def to_backed(self, mtx):\n        mtx.indptr = self.group[\"indptr\"]\n"
    assert _change_type(old, old.replace('self.group["indptr"]', now)) == expected


_POSITIONALS = ("{imports}\n\n\n@old_positionals(\"log\")\ndef highly_variable_genes(log=False):\n"
                "    return log\n\n\n@{decorator}(\"log\", \"show\")\n"
                "def filter_genes_dispersion(result, *, log=False, show=None):\n    return result\n")


@pytest.mark.parametrize(("imported", "expected"), [
    ("from .._compat import old_positionals", "dependency-wiring"),
    # near miss: the decorator in its place is defined here, not imported
    ("def old_positionals(*names):\n    return lambda func: func", "core-logic"),
], ids=["imported-name-in-its-place", "own-function-in-its-place"])
def test_a_name_another_import_binds_in_place_of_one_no_longer_imported_follows_the_import(
        imported: str, expected: str) -> None:
    old = _POSITIONALS.format(imports=f"from legacy_api_wrap import legacy_api\n{imported}",
                              decorator="legacy_api")
    new = _POSITIONALS.format(imports=imported, decorator="old_positionals")
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("now", "expected"), [
    ("float", "data-contract"),
    # near miss: another type in its place
    ("int", "core-logic"),
], ids=["built-in-standing-for-it", "another-type"])
def test_a_numpy_abstract_type_given_way_to_the_built_in_follows_numpy(now: str, expected: str) -> None:
    old = "import numpy as np\n\n\ndef log1p_array(X):\n    X = X.astype(np.floating)\n    return X\n"
    assert _change_type(old, old.replace("np.floating", now)) == expected


_LITERAL_COMPAT = ("try:\n    from typing import Literal\nexcept ImportError:\n\n"
                   "    class LiteralMeta(type):\n        pass\n\n"
                   "    class Literal(metaclass={meta}):\n        pass\n\n\nSHAPE = 1\n")


@pytest.mark.parametrize(("meta", "expected"), [
    ("LiteralMeta", "dependency-wiring"),
    # near miss: the class in the handler is not what the stand-in is made with
    ("type", "data-contract"),
], ids=["metaclass-of-the-stand-in", "class-of-its-own"])
def test_a_class_only_a_stand_in_uses_goes_with_the_guarded_import(meta: str, expected: str) -> None:
    assert _change_type(_LITERAL_COMPAT.format(meta=meta), "SHAPE = 1\n") == expected


_FILL_NONE = ("def {helper}(array, value):\n    return array.fillna(value)\n\n\n"
              "def fill_none(array, value, axis=MISSING):\n    if axis is MISSING:\n"
              "        return {helper}(array, value)\n    return array.fill(value, axis)\n")


@pytest.mark.parametrize(("helper", "expected"), [
    ("_fill_none_deprecated", "data-contract"),
    # near miss: the helper removed is not named for what was deprecated
    ("_fill_none_flat", "core-logic"),
], ids=["deprecated-behaviour-removed", "helper-removed"])
def test_a_function_named_deprecated_removed_takes_the_old_behaviour_away(helper: str, expected: str) -> None:
    new = "def fill_none(array, value, axis=MISSING):\n    return array.fill(value, axis)\n"
    assert _change_type(_FILL_NONE.format(helper=helper), new) == expected


_TICKS = ("def frequency_ticks(locs, *args, **kwargs):\n    {name} = kwargs.pop('{name}', None)\n"
          "    return ticker(locs, *args, **kwargs), {name}\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("freq_fmt", "data-contract"),
    # near miss: the same keyword read, the local name aside
    ("fmt", "core-logic"),
], ids=["keyword-renamed", "same-keyword"])
def test_a_keyword_read_out_of_kwargs_renamed_is_the_functions_interface(name: str, expected: str) -> None:
    old = _TICKS.format(name="fmt")
    new = _TICKS.format(name=name).replace("return ticker(", "return tick(") if name == "fmt" \
        else _TICKS.format(name=name)
    assert _change_type(old, new) == expected


_CONFUSION = ("from pandas.api.types import {imported}\n\n\ndef confusion_matrix(orig, new):\n"
              "    if {test}:\n        orig = orig.cat.codes\n    return orig, new\n")


@pytest.mark.parametrize(("imported", "test", "expected"), [
    ("CategoricalDtype", "isinstance(orig.dtype, CategoricalDtype)", "data-contract"),
    # near misses: the same call reached under the name another import brings; a flag imported
    # and read in place of the call
    ("is_categorical_dtype as is_categorical", "is_categorical(orig)", "dependency-wiring"),
    ("ORIG_IS_CATEGORICAL", "ORIG_IS_CATEGORICAL", "dependency-wiring"),
], ids=["used-not-called", "same-call-renamed", "flag-read"])
def test_a_call_of_an_import_given_way_to_a_type_test_with_another_is_another_interface(
        imported: str, test: str, expected: str) -> None:
    old = _CONFUSION.format(imported="is_categorical_dtype", test="is_categorical_dtype(orig)")
    assert _change_type(old, _CONFUSION.format(imported=imported, test=test)) == expected


@pytest.mark.parametrize(("demand", "expected"), [
    ('error_on_missing_dependencies("sparse", "xarray")', "dependency-wiring"),
    # near miss: a call that works with what the block imported, not one that demands a package
    ('compute_statistics("sparse", "xarray")', "core-logic"),
], ids=["refuses-where-missing", "computes"])
def test_a_call_refusing_to_load_without_packages_is_part_of_the_guarded_import(demand: str,
                                                                               expected: str) -> None:
    old = "try:\n    import sparse\nexcept ImportError:\n    sparse = None\n"
    new = f"try:\n    import sparse\n\n    {demand}\nexcept ImportError:\n    sparse = None\n"
    assert _change_type(old, new) == expected


_AWKWARD_BACKEND = ("try:\n    import awkward\n{checked}except {caught}:\n    awkward = None\n")


@pytest.mark.parametrize(("checked", "expected"), [
    ("\n    _import_awkward()\n", "dependency-wiring"),
    # near miss: the block calls what loads data, not what checks the package
    ("\n    _import_awkward_records(path)\n", "core-logic"),
], ids=["package-checked", "data-loaded"])
def test_a_package_checked_where_it_is_imported_is_part_of_the_import(checked: str, expected: str) -> None:
    old = _AWKWARD_BACKEND.format(checked="", caught="ModuleNotFoundError")
    assert _change_type(old, _AWKWARD_BACKEND.format(checked=checked, caught="ImportError")) == expected


@pytest.mark.parametrize(("bound", "expected"), [
    ("(CSRDataset, CSCDataset)", "dependency-wiring"),
    # near miss: a value made of what was imported
    ("CSRDataset.from_group(CSCDataset)", "core-logic"),
], ids=["several-imported-names", "value-made"])
def test_a_name_bound_to_several_imported_names_is_part_of_the_import(bound: str, expected: str) -> None:
    old = ("try:\n    from anndata._core.sparse_dataset import SparseDataset\nexcept ImportError:\n"
           "    from anndata.experimental import CSCDataset, CSRDataset\n\n    SparseDataset = {bound}\n")
    new = ("try:\n    from anndata.experimental import CSCDataset, CSRDataset\n\n"
           "    SparseDataset = {bound}\nexcept ImportError:\n"
           "    from anndata._core.sparse_dataset import SparseDataset\n")
    assert _change_type(old.format(bound=bound), new.format(bound=bound)) == expected


_MIXIN = ("{imports}\n\nclass RNASeqMixin:\n"
          "    {decorator}def posterior_predictive_sample(self, n=1) -> {kind}:\n"
          "        import sparse\n\n        return sparse.GCXS(n)\n")


@pytest.mark.parametrize(("decorator", "expected"), [
    ('@dependencies("sparse")\n    ', "dependency-wiring"),
    # near miss: a decorator given a name of its own, not a package's
    ('@cached("samples")\n    ', "core-logic"),
], ids=["package-demanded", "cached"])
def test_a_decorator_demanding_packages_wires_what_it_decorates(decorator: str, expected: str) -> None:
    old = _MIXIN.format(imports="import sparse\nfrom scvi.utils import de_dsp", decorator="",
                        kind="sparse.GCXS")
    new = _MIXIN.format(imports="from scvi.utils import cached, de_dsp, dependencies\n\ntry:\n"
                        "    from sparse import GCXS\nexcept ImportError:\n    GCXS = type(None)",
                        decorator=decorator, kind="GCXS")
    assert _change_type(old, new) == expected


_SETTINGS_READ = ("try:\n    from scanpy.plotting.legacy import mpl_settings as _mpl_settings\n\n"
                  "    def default_frameon() -> bool:\n        return {read}\n\n"
                  "except ImportError:\n    from scanpy import settings as _sc_settings\n\n"
                  "    def default_frameon() -> bool:\n        return _sc_settings._frameon\n")


@pytest.mark.parametrize(("read", "expected"), [
    ("_mpl_settings.FRAMEON", "dependency-wiring"),
    # near miss: the function works out a value of its own
    ("_mpl_settings.FRAMEON and not _sc_settings._frameon", "core-logic"),
], ids=["reads-what-was-imported", "computes"])
def test_a_function_handing_back_what_its_guarded_import_brought_is_wiring(read: str, expected: str) -> None:
    old = "from scanpy import settings as _sc_settings\n"
    assert _change_type(old, _SETTINGS_READ.format(read=read)) == expected


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("PathLike = Union[os.PathLike, str]", "PathLike: TypeAlias = os.PathLike | str", "dependency-wiring"),
    ("ok = isinstance(score, (str, int))", "ok = isinstance(score, str | int)", "dependency-wiring"),
    ("pairs = dict(zip(keys, values))", "pairs = dict(zip(keys, values, strict=False))", "dependency-wiring"),
    # near miss: zip now told the lengths must match, which raises where they do not
    ("pairs = dict(zip(keys, values))", "pairs = dict(zip(keys, values, strict=True))", "configuration"),
], ids=["type-alias", "union-in-type-test", "zip-not-strict", "zip-strict"])
def test_code_spelled_as_python_3_10_spells_it_changes_only_the_imports(was: str, now: str,
                                                                        expected: str) -> None:
    old = f"import os\nfrom typing import Any, Union\n\n{was}\n"
    new = f"import os\nfrom typing import Any, TypeAlias\n\n{now}\n"
    assert _change_type(old, new) == expected


@pytest.mark.parametrize(("added", "expected"), [
    ("\n", "docs"),
    # near miss: a blank line between statements of code
    (None, "core-logic"),
], ids=["blank-line-in-docstring", "blank-line-in-code"])
def test_a_blank_line_put_into_a_docstring_is_documentation(added: str | None, expected: str) -> None:
    old = ('class FCLayers:\n    """\n    Fully-connected layers.\n    Parameters\n    """\n\n'
           "    x = 1\n    y = 2\n")
    new = old.replace("layers.\n", "layers.\n" + added) if added else old.replace("x = 1\n", "x = 1\n\n")
    assert _change_type(old, new) == expected


_LATENT = ("def get_latent(model, loader):\n    latent = []\n    for batch in loader:\n"
           "        latent += [{value}]\n    return latent\n")


@pytest.mark.parametrize(("now", "expected"), [
    ("model.encode(batch).numpy()", "data-contract"),
    # near miss: a tensor only moved to another device keeps its type and layout
    ("model.encode(batch).cpu()", "core-logic"),
], ids=["converted", "moved"])
def test_values_gathered_into_a_list_converted_change_the_data_handed_back(now: str, expected: str) -> None:
    old = _LATENT.format(value="model.encode(batch)")
    assert _change_type(old, _LATENT.format(value=now)) == expected


_FROM_PRETRAINED = ("class Pipeline:\n    @classmethod\n    def from_pretrained(cls, path, **kwargs):\n"
                    "        kwargs['bf16'] = True\n{read}        return cls.load(path, **kwargs)\n")


@pytest.mark.parametrize(("read", "expected"), [
    ("        scale = kwargs.pop('scale', 1.0)\n        cls.scale = scale\n", "data-contract"),
    # near miss: a keyword only read, and handed on as before
    ("        scale = kwargs.get('scale', 1.0)\n        cls.scale = scale\n", "core-logic"),
], ids=["keyword-taken", "keyword-read"])
def test_a_keyword_taken_out_of_kwargs_anew_is_the_functions_interface(read: str, expected: str) -> None:
    assert _change_type(_FROM_PRETRAINED.format(read=""), _FROM_PRETRAINED.format(read=read)) == expected


_DOCS_CONF = "project = 'pyhf'\nversion = u'0.1.{n}'\nrelease = u'0.1.{n}'\n{comment}"


@pytest.mark.parametrize(("comment", "expected"), [
    ("# html_title = u'pyhf v0.1.{n}'\n", "configuration"),
    # near miss: the comment says something else now
    ("# html_title = u'pyhf docs {n}, draft'\n", "docs"),
], ids=["numbers-alone", "reworded"])
def test_a_commented_line_bumped_beside_the_release_a_site_documents_is_configuration(comment: str,
                                                                                      expected: str) -> None:
    old = _DOCS_CONF.format(n=0, comment=comment.format(n=0).replace("draft", "final"))
    new = _DOCS_CONF.format(n=1, comment=comment.format(n=1))
    assert _change_type(old, new, "docs/conf.py") == expected


_HIST = ("import warnings\n\n\ndef _compute_getitem(self, i):\n    return self.{called}(i).size{more}\n"
         "{stand_in}\n\ndef _expand(h):\n{bound}    h.axes = property(lambda self: self.{called}(0))\n")
_AXIS_STAND_IN = ("\n\ndef axis(self, value):\n"
                  "    warnings.warn(\".axis() is deprecated, use axes[]\", category=DeprecationWarning)\n"
                  "    return self._axis(value)\n")


@pytest.mark.parametrize(("more", "expected"), [
    ("", "data-contract"),
    # near miss: a call site changed otherwise too
    (" + 1", "core-logic"),
], ids=["callers-follow-the-rename", "caller-changed-otherwise"])
def test_a_deprecated_name_kept_while_its_callers_use_the_private_one_is_a_contract(
        more: str, expected: str) -> None:
    old = _HIST.format(called="axis", more="", stand_in="", bound="")
    new = _HIST.format(called="_axis", more=more, stand_in=_AXIS_STAND_IN, bound="    h.axis = axis\n")
    assert _change_type(old, new) == expected


_SHIFT_STAND_IN = ("try:\n    from window_ops.shift import shift_array\nexcept ImportError:\n"
                   "    import numpy as np\n\n    def shift_array(x, offset):\n        if offset >= x.size:\n"
                   "            return np.full_like(x, np.nan)\n{added}        out = np.empty_like(x)\n"
                   "        out[offset:] = x[:-offset]\n        return out\n")
_ZERO_OFFSET = "        if offset == 0:\n            return x.copy()\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    (_SHIFT_STAND_IN.format(added=""), _SHIFT_STAND_IN.format(added=_ZERO_OFFSET), "core-logic"),
    # near miss: the stand-in is written anew, with the import it stands in for
    ("import numpy as np\n", "import numpy as np\n\n" + _SHIFT_STAND_IN.format(added=""),
     "dependency-wiring"),
    # near miss: what the stand-in imports changed
    (_SHIFT_STAND_IN.format(added=""), _SHIFT_STAND_IN.format(added="        import math\n"),
     "dependency-wiring"),
], ids=["body-rewritten", "stand-in-added", "import-inside"])
def test_what_a_stand_in_for_a_missing_package_does_is_its_code(old: str, new: str, expected: str) -> None:
    assert _change_type(old, new) == expected


_FITTED = ("import sys\nfrom sklearn.utils.validation import check_is_fitted\n\n\nclass Mixin:\n"
           "    def transform(self, X):\n{first}        return X.dot(self.components_.T)\n\n"
           "    def get_metric(self):\n{second}        return self.components_.T.copy()\n")
_FITTED_GATE = ("        if sys.version_info.minor < 5:\n            check_is_fitted(self, '{names}')\n"
          "        else:\n            check_is_fitted(self)\n")


@pytest.mark.parametrize(("second", "expected"), [
    ("        check_is_fitted(self, 'components_')\n", "configuration"),
    # near miss: the second method's call is not one of the blocks it replaces
    ("        check_is_fitted(self, 'preprocessor_')\n", "core-logic"),
], ids=["a-block-of-each-kept", "other-call-in-one"])
def test_version_checks_in_several_methods_each_giving_way_to_a_block_are_dropped(second: str,
                                                                                 expected: str) -> None:
    gate = _FITTED_GATE.format(names="components_")
    old = _FITTED.format(first=gate, second=gate)
    new = _FITTED.format(first="        check_is_fitted(self, 'components_')\n", second=second)
    assert _change_type(old, new, "metric_learn/base_metric.py") == expected


_FOURIER = ("import numpy as np\nimport torch\n\n\nclass FourierTransform:\n    @staticmethod\n"
            "    def fourier_transform(tensor):\n        try:\n            {tried}\n"
            "            return torch.fft.fftshift(torch.fft.fftn(tensor))\n"
            "        except {caught}:\n"
            "            return torch.from_numpy(np.fft.fftshift(np.fft.fftn(tensor)))\n")


@pytest.mark.parametrize(("tried", "expected"), [
    ("import torch.fft", "dependency-wiring"),
    # near miss: the try imports nothing, so what it catches is how the code fails
    ("tensor = torch.as_tensor(tensor)", "core-logic"),
], ids=["import-probe", "no-import"])
def test_an_import_probe_catching_other_errors_is_how_the_dependency_is_probed(tried: str,
                                                                             expected: str) -> None:
    old = _FOURIER.format(tried=tried, caught="ModuleNotFoundError")
    new = _FOURIER.format(tried=tried, caught="(ModuleNotFoundError, AttributeError)")
    assert _change_type(old, new, "src/torchio/transforms/fourier.py") == expected


_JOINT = ("import warnings\nimport matplotlib as mpl\n\n\nclass JointPlotVisualizer:\n"
          "    def __init__(self, ax=None):\n{check}        else:\n"
          "            warnings.warn(\"{{}} requires matplotlib {wanted}\".format(type(self).__name__))\n"
          "        self.ax = ax\n")


@pytest.mark.parametrize(("bound", "expected"), [
    ("major = int(mpl.__version__.split('.')[0])", "configuration"),
    # near miss: the name tested is bound to the axes' count, not to a version
    ("major = len(mpl.rcParams['axes.prop_cycle'])", "core-logic"),
], ids=["bound-to-the-version", "bound-to-something-else"])
def test_a_version_test_rewritten_through_a_name_bound_to_the_version_checks_versions(bound: str,
                                                                                      expected: str) -> None:
    old = _JOINT.format(check="        if mpl.__version__ == \"2.0.0\":\n            pass\n", wanted="2.0.0.")
    new = _JOINT.format(check=f"        {bound}\n        if major >= 2:\n            pass\n",
                        wanted="major version 2 or greater.")
    assert _change_type(old, new, "yellowbrick/features/jointplot.py") == expected


_OPTIMIZER = ("import logging\n\nLOG = logging.getLogger(__name__)\n\n\nclass OptimizerWrapper:\n"
              "    def __init__(self, optim, scheduler):\n        self._optim = optim\n"
              "        self._lr_scheduler = scheduler\n\n"
              "    def {name}(self, state_dict):\n{body}")


@pytest.mark.parametrize(("name", "expected"), [
    ("load_state_dict", "data-contract"),
    # near miss: a step that skips what it is not given, not a loader of saved state
    ("step", "core-logic"),
], ids=["loader", "not-a-loader"])
def test_a_loader_reading_only_the_keys_saved_state_has_loads_older_saves(name: str, expected: str) -> None:
    old = _OPTIMIZER.format(name=name, body="        self._optim.load_state_dict(state_dict[\"optim\"])\n"
                            "        if self._lr_scheduler:\n"
                            "            self._lr_scheduler.load_state_dict(state_dict[\"lr_scheduler\"])\n")
    new = _OPTIMIZER.format(name=name, body="        if \"optim\" in state_dict:\n"
                            "            self._optim.load_state_dict(state_dict[\"optim\"])\n"
                            "        else:\n            LOG.warning(\"Skip loading optimizer state.\")\n"
                            "        if self._lr_scheduler:\n"
                            "            if \"lr_scheduler\" in state_dict:\n"
                            "                self._lr_scheduler.load_state_dict(\n"
                            "                    state_dict[\"lr_scheduler\"])\n")
    assert _change_type(old, new, "d3rlpy/optimizers/optimizers.py") == expected


_CLIP_CONVERTER = ("import torch\n\n\ndef {name}(checkpoint, max_length):\n"
                   "    new_sd = dict(checkpoint)\n{body}    return new_sd\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("convert_clip_checkpoint", "data-contract"),
    # near miss: a function that makes position ids, converting no saved weights
    ("make_position_ids", "core-logic"),
], ids=["converter", "not-a-converter"])
def test_a_converter_taking_a_value_from_a_key_where_saved_weights_have_it_loads_their_layout(
        name: str, expected: str) -> None:
    old = _CLIP_CONVERTER.format(name=name, body="    new_sd[\"position_ids\"] = torch.arange(max_length)\n")
    new = _CLIP_CONVERTER.format(name=name, body="    OTHER_KEY = \"encoder.position_ids\"\n"
                                 "    if OTHER_KEY in new_sd:\n        position_ids = new_sd[OTHER_KEY]\n"
                                 "        del new_sd[OTHER_KEY]\n    else:\n"
                                 "        position_ids = torch.arange(max_length)\n"
                                 "    new_sd[\"position_ids\"] = position_ids\n")
    assert _change_type(old, new, "library/model_util.py") == expected


_CODEBOOK = ("import torch\nfrom torch import nn\n\n\nclass Codebook(nn.Module):\n"
             "    def __init__(self, dim):\n        super().__init__()\n        self.dim = dim\n"
             "        self.register_buffer('mean', {mean})\n{extra}\n"
             "    def forward(self, x):\n        return x - self.mean\n")


@pytest.mark.parametrize(("mean", "extra", "expected"), [
    ("torch.empty(1, dim)", "", "data-contract"),
    ("torch.empty(1, dim), persistent=False", "", "core-logic"),
    # near miss: a buffer registered anew, state the module gains
    ("None", "        self.register_buffer('initted', torch.tensor([False]))\n", "core-logic"),
], ids=["none-buffer-given-a-tensor", "none-buffer-given-a-tensor-not-saved", "buffer-added"])
def test_buffers_a_module_saves_registered_otherwise_change_its_state_dict(mean: str, extra: str,
                                                                            expected: str) -> None:
    old = _CODEBOOK.format(mean="None", extra="")
    assert _change_type(old, _CODEBOOK.format(mean=mean, extra=extra), "pkg/codebook.py") == expected


_REMAP = ("def {name}(model, checkpoint_model, logger):\n"
          "    attn_mask_keys = [k for k in checkpoint_model.keys() if 'attn_mask' in k]\n"
          "    for k in attn_mask_keys:\n        del checkpoint_model[k]\n"
          "{renamed}    return checkpoint_model\n")
_RPE_RENAMED = ("    rpe_mlp_keys = [k for k in checkpoint_model.keys() if 'rpe_mlp' in k]\n"
                "    for k in rpe_mlp_keys:\n"
                "        checkpoint_model[k.replace('rpe_mlp', 'cpb_mlp')] = checkpoint_model.pop(k)\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("remap_pretrained_keys_swin", "data-contract"),
    # near miss: a function that tidies a mapping of its own, no saved weights
    ("tidy_columns", "core-logic"),
], ids=["checkpoint-remapper", "other-function"])
def test_a_remapper_of_saved_weights_renaming_keys_loads_checkpoints_saved_under_old_names(
        name: str, expected: str) -> None:
    old, new = _REMAP.format(name=name, renamed=""), _REMAP.format(name=name, renamed=_RPE_RENAMED)
    assert _change_type(old, new, "utils_simmim.py") == expected


_GRID_SAMPLER = ("import torch\nimport torch.nn.functional as F\n{imports}\n\nclass Sampler:\n"
            "    def __init__(self, mode):\n        self.mode = mode\n{gate}\n"
            "    def forward(self, features, grid):\n"
            "        return {call}(input=features, grid=grid, mode={mode})\n")
_GRID_SAMPLE_GATE = ("        if torch.__version__ >= '1.3':\n"
         "            self.grid_sample = partial(F.grid_sample, align_corners=True)\n"
         "        else:\n            self.grid_sample = F.grid_sample\n")


@pytest.mark.parametrize(("mode", "expected"), [
    ("self.mode", "configuration"),
    # near miss: the call site computes its arguments otherwise too
    ("self.mode.lower()", "core-logic"),
], ids=["callee-chosen-by-version", "arguments-changed-too"])
def test_a_callee_chosen_by_a_version_test_in_place_of_the_library_s_is_configuration(
        mode: str, expected: str) -> None:
    old = _GRID_SAMPLER.format(imports="", gate="", call="F.grid_sample", mode="self.mode")
    new = _GRID_SAMPLER.format(imports="from functools import partial\n", gate=_GRID_SAMPLE_GATE,
                               call="self.grid_sample", mode=mode)
    assert _change_type(old, new, "models/sampler.py") == expected


_MIN_SNR = ("def loss_weight(log_snr, gamma):\n    snr = log_snr.exp()\n"
            "    return snr.clamp({keyword}=gamma) / snr\n")


@pytest.mark.parametrize(("keyword", "expected"), [
    ("max", "core-logic"),
    # near miss: a keyword renamed as a library renames one, not the range's other end
    ("minimum", "data-contract"),
], ids=["other-end-of-the-range", "keyword-renamed"])
def test_a_call_given_the_other_end_of_a_range_computes_another_value(keyword: str, expected: str) -> None:
    old = _MIN_SNR.format(keyword="min")
    assert _change_type(old, _MIN_SNR.format(keyword=keyword), "diffusion/continuous.py") == expected


_SPARSEMAX = ("import torch\n\n\nclass LayerwiseAttention(torch.nn.Module):\n"
              "    def __init__(self, layer_transformation):\n        super().__init__()\n"
              "        self.transform_fn = torch.softmax\n        if layer_transformation == \"sparsemax\":\n"
              "{warning}            from entmax import sparsemax\n"
              "            self.transform_fn = sparsemax\n")


@pytest.mark.parametrize(("warning", "expected"), [
    ("warnings.warn(\n                \"sparsemax is deprecated in favour of softmax.\",\n"
     "                DeprecationWarning,\n            )", "core-logic"),
    # near miss: the message says what the import needs, as a block that loads a package may
    ("warnings.warn(\n                \"sparsemax needs the entmax package.\",\n            )",
     "dependency-wiring"),
], ids=["deprecation-warning", "message-about-the-import"])
def test_a_deprecation_warning_dropped_from_a_block_that_imports_is_behaviour_not_wiring(
        warning: str, expected: str) -> None:
    old = _SPARSEMAX.format(warning=f"            import warnings\n            {warning}\n")
    assert _change_type(old, _SPARSEMAX.format(warning=""), "modules/attention.py") == expected


_PREDICT = ("import torch\n\n\ndef predict(predictions):\n"
            "    scores = torch.cat([{read} for pred in predictions], dim=0).tolist()\n    return scores\n")


@pytest.mark.parametrize(("read", "expected"), [
    ('pred["scores"]', "data-contract"),
    # near miss: another key of the object read, not the field's name
    ('pred["logits"]', "core-logic"),
], ids=["field-read-as-key", "other-key"])
def test_a_field_read_as_a_key_takes_a_mapping_where_an_object_was_handed(read: str, expected: str) -> None:
    old = _PREDICT.format(read="pred.scores")
    assert _change_type(old, _PREDICT.format(read=read), "models/base.py") == expected


_UNET_ARGS = ("def make_encoder_args(encoder_args):\n    return tuple(\n"
              "        (in_chan, kernel_size, {padding} if padding == \"auto\" else padding)\n"
              "        for in_chan, kernel_size, padding in encoder_args\n    )\n")


@pytest.mark.parametrize(("padding", "expected"), [
    ("tuple([n // 2 for n in kernel_size])", "data-contract"),
    # near miss: the branch computes another padding, of the same type
    ("[n // 2 + 1 for n in kernel_size]", "core-logic"),
], ids=["branch-converted", "branch-recomputed"])
def test_a_branch_of_a_value_handed_on_converted_changes_the_data_handed_across(
        padding: str, expected: str) -> None:
    old = _UNET_ARGS.format(padding="[n // 2 for n in kernel_size]")
    assert _change_type(old, _UNET_ARGS.format(padding=padding), "masknn/unet.py") == expected


_UTTERANCE = ("def parse_utterance(row, recording):\n{probe}"
              "    segment = Segment(recording, gender=row.gender,\n"
              "                      custom={{\"age\": row.age, {accent}}})\n    return segment\n")
_ACCENT_OLD = '\"accent\": row.accent if row.accent != \"nan\" else None'


@pytest.mark.parametrize(("fallback", "expected"), [
    ("row.accent", "data-contract"),
    # near miss: the other branch reads another object, not the row under its older name
    ("defaults.accent", "core-logic"),
], ids=["field-read-under-either-name", "other-branch-reads-elsewhere"])
def test_a_field_read_under_the_name_the_data_has_follows_either_version_of_its_schema(
        fallback: str, expected: str) -> None:
    probe = ("    if \"accents\" in row:\n        accents = row.accents\n"
             f"    else:\n        accents = {fallback}\n")
    old = _UTTERANCE.format(probe="", accent=_ACCENT_OLD)
    new = _UTTERANCE.format(probe=probe, accent='\"accents\": accents')
    assert _change_type(old, new, "recipes/commonvoice.py") == expected


_RESUME = ("import torch\n{imports}\n\n\ndef resume(model, checkpoint_name):\n"
           "    adapters_weights = torch.load(checkpoint_name)\n    {call}\n    return model\n")


@pytest.mark.parametrize(("imports", "expected"), [
    ("from peft import set_peft_model_state_dict", "data-contract"),
    # near misses: the callee is the project's own, imported relatively or by the package's name
    ("from .state import set_peft_model_state_dict", "core-logic"),
    ("from alpaca.state import set_peft_model_state_dict", "core-logic"),
], ids=["dependency-callee", "own-callee", "own-callee-by-package-name"])
def test_a_dependency_call_whose_result_no_longer_replaces_the_object_follows_the_callee(
        imports: str, expected: str) -> None:
    old = _RESUME.format(imports=imports, call="model = set_peft_model_state_dict(model, adapters_weights)")
    new = _RESUME.format(imports=imports, call="set_peft_model_state_dict(model, adapters_weights)")
    assert _change_type(old, new, "alpaca/finetune.py") == expected


_STREAM = ("{imports}\n\n\nclass MLXModel:\n    def process(self, prompt, chunks):\n        output = ''\n"
           "        for t in {source}:\n            output += {read}\n        return output\n")


@pytest.mark.parametrize(("imports", "source", "expected"), [
    ("from mlx_lm import stream_generate", "stream_generate(self.model, prompt)", "data-contract"),
    # near misses: the generator is the project's own; the name is bound from no call
    ("from .generation import stream_generate", "stream_generate(self.model, prompt)", "core-logic"),
    ("from mlx_lm import stream_generate", "chunks", "core-logic"),
], ids=["dependency-yields-responses", "own-generator", "loop-over-a-parameter"])
def test_what_a_dependency_yields_read_through_a_field_follows_the_dependency(imports: str, source: str,
                                                                               expected: str) -> None:
    """`output += t` became `output += t.text` in `for t in stream_generate(...)`, as mlx-lm came
    to yield response objects: the dependency hands back data of another shape."""
    old = _STREAM.format(imports=imports, source=source, read="t")
    new = _STREAM.format(imports=imports, source=source, read="t.text")
    assert _change_type(old, new, "llm/mlx_model.py") == expected


_SYMBOLS = ("import re\n\nSYMBOLS_MAPPING = {{\n    \"(\": \"\",\n{entries}}}\n\n\n"
            "def clean(text):\n    for old, new in SYMBOLS_MAPPING.items():\n"
            "        text = text.replace(old, new)\n    return text\n")


@pytest.mark.parametrize(("entries", "expected"), [
    ("    \";\": \",\",\n    \"~\": \"\",\n", "core-logic"),
    # near miss: a table keyed by words sets values
    ("    \"colon\": \",\",\n", "configuration"),
], ids=["characters-mapped", "words-mapped"])
def test_a_map_of_characters_the_code_rewrites_text_with_is_logic(entries: str, expected: str) -> None:
    """`SYMBOLS_MAPPING` of a text cleaner gains `";": ","`: what the cleaner does to text."""
    new = _SYMBOLS.format(entries=entries)
    assert _change_type(_SYMBOLS.format(entries=""), new, "tts/clean.py") == expected


_VOCAB = ("class {name}:\n    def __init__(self, text_tokens_dict_size=704):\n"
          "        self.text_tokens_dict_size = text_tokens_dict_size\n\n    @property\n"
          "    def is_multilingual(self):\n        return self.text_tokens_dict_size == {size}\n\n"
          "    @classmethod\n    def multilingual(cls):\n        return cls(text_tokens_dict_size={size})\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("T3Config", "configuration"),
    # near miss: a class of the model, not of its settings
    ("T3Model", "core-logic"),
], ids=["settings-class", "model-class"])
def test_numbers_a_class_of_settings_gives_its_methods_are_configuration(name: str, expected: str) -> None:
    """`T3Config.multilingual()` builds the config with a vocabulary of 2454 where it said 2352."""
    old, new = _VOCAB.format(name=name, size=2352), _VOCAB.format(name=name, size=2454)
    assert _change_type(old, new, "tts/t3_config.py") == expected


_WEIGHT_LOG = ("class Trainer:\n    def backward(self, loss):\n        loss.backward()\n{read}"
               "        if frequency > 0:\n            self.log_weights()\n")
_FREQUENCY = "frequency = self.config['logger'].get('log_weight_table', -1)"


@pytest.mark.parametrize(("otherwise", "expected"), [
    ("            frequency = -1\n", "data-contract"),
    # near miss: another value computes what it reads
    ("            frequency = self.default_frequency()\n", "core-logic"),
], ids=["stand-in-constant", "computed-otherwise"])
def test_a_read_put_under_a_test_of_the_value_s_type_takes_it_in_another_form(otherwise: str,
                                                                              expected: str) -> None:
    """The logger's settings may now be a name (`"tensorboard"`), not a dict: the read of its
    weight-table frequency happens only for a dict."""
    read = (f"        if isinstance(self.config['logger'], dict):\n            {_FREQUENCY}\n"
            f"        else:\n{otherwise}")
    old = _WEIGHT_LOG.format(read=f"        {_FREQUENCY}\n")
    assert _change_type(old, _WEIGHT_LOG.format(read=read), "trainers/base_trainer.py") == expected


_PARLER = ("class ParlerHandler:\n    def process(self, sentence):\n{taken}"
           "        tokens = self.tokenizer(sentence).input_ids\n"
           "        return self.model.generate(tokens)\n")


@pytest.mark.parametrize(("taken", "expected"), [
    ("        if isinstance(sentence, tuple):\n            sentence, _ = sentence\n\n", "data-contract"),
    ("        if isinstance(sentence, dict):\n            sentence = sentence['text']\n", "data-contract"),
    # near misses: the parameter rebound from something else; a local's type tested
    ("        if isinstance(sentence, tuple):\n            sentence = self.join(sentence)\n", "core-logic"),
    ("        tokens = None\n        if isinstance(tokens, tuple):\n            tokens, _ = tokens\n",
     "core-logic"),
], ids=["pair-unpacked", "entry-taken", "rebound-from-a-call", "local-tested"])
def test_a_parameter_taken_apart_when_given_in_another_form_is_a_contract(taken: str, expected: str) -> None:
    """`if isinstance(llm_sentence, tuple): llm_sentence, _ = llm_sentence` put first in a TTS
    handler's `process`: it now takes the (sentence, language) pairs the language model sends."""
    new = _PARLER.format(taken=taken)
    assert _change_type(_PARLER.format(taken=""), new, "tts/parler_handler.py") == expected


_FEASIBLE = ("import numpy as np\n\n\ndef split_by_feasibility(pop):\n"
             "    F, CV, b = pop.get(\"F\", \"CV\", {key})\n    return np.where(b)[0], np.where(~b)[0]\n\n\n"
             "def has_feasible(pop):\n    return np.any(pop.get({key}))\n")


@pytest.mark.parametrize(("key", "expected"), [
    ("\"FEAS\"", "data-contract"),
    # near miss: what is read is named by a variable now, not a key renamed
    ("FEASIBLE_KEY", "core-logic"),
], ids=["key-renamed", "key-from-a-name"])
def test_keys_read_with_get_renamed_follow_the_data(key: str, expected: str) -> None:
    old = _FEASIBLE.format(key="\"feasible\"")
    assert _change_type(old, _FEASIBLE.format(key=key), "pymoo/core/survival.py") == expected


_MULTITASK = ("from sklearn.linear_model import MultiTaskLasso as MultiTaskLasso_sklearn\n"
              "from sklearn.linear_model._base import LinearModel, RegressorMixin\n\n\n"
              "class MultiTaskLasso({bases}):\n    \"\"\"Multi-task Lasso.\"\"\"\n\n"
              "    def __init__(self, alpha=1.0, tol=1e-4):\n{init}\n\n"
              "    def fit(self, X, Y):\n        return self\n")


@pytest.mark.parametrize(("bases", "expected"), [
    ("LinearModel, RegressorMixin", "data-contract"),
    # near miss: a base only added beside the one it had
    ("MultiTaskLasso_sklearn, RegressorMixin", "core-logic"),
], ids=["base-dropped", "base-added"])
def test_a_public_class_that_stops_deriving_from_a_base_changes_its_interface(bases: str,
                                                                            expected: str) -> None:
    old = _MULTITASK.format(bases="MultiTaskLasso_sklearn",
                            init="        super().__init__(alpha=alpha, tol=tol)")
    new = _MULTITASK.format(bases=bases, init="        self.alpha = alpha\n        self.tol = tol")
    assert _change_type(old, new, "skglm/estimators.py") == expected


_PYDANTIC_DOC = ("from pydantic import BaseModel, ConfigDict\n\nfrom .compat import is_pydantic_v2\n\n\n"
                 "class BaseDoc(BaseModel):\n    id: str = ''\n\n    if is_pydantic_v2:\n{v2}\n    else:\n\n"
                 "        class Config:\n            validate_assignment = True\n\n"
                 "    def summary(self):\n        return self.id\n")


@pytest.mark.parametrize(("v2", "expected"), [
    ("        model_config = ConfigDict(validate_assignment=True)\n", "data-contract"),
    # near miss: the class of settings kept under v2, given another setting
    ("        class Config:\n            validate_assignment = False\n", "configuration"),
], ids=["model-config-declared", "config-class-kept"])
def test_a_model_that_declares_pydantic_2s_model_config_follows_pydantic(v2: str, expected: str) -> None:
    old = _PYDANTIC_DOC.format(v2="        class Config:\n            validate_assignment = True\n")
    assert _change_type(old, _PYDANTIC_DOC.format(v2=v2)) == expected


_VAD_OPTIONS = ("from dataclasses import dataclass\nfrom typing import NamedTuple\n\n\n"
                "{decorator}class {name}{bases}:\n    threshold: float = 0.5\n"
                "    min_speech_duration_ms: int = 0\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("VadOptions", "data-contract"),
    # near miss: a private class, no one's interface: its settings, declared otherwise
    ("_VadOptions", "configuration"),
], ids=["public-tuple-made-a-dataclass", "private-tuple-made-a-dataclass"])
def test_a_public_class_that_stops_being_a_tuple_changes_its_interface(name: str, expected: str) -> None:
    old = _VAD_OPTIONS.format(decorator="", name=name, bases="(NamedTuple)")
    assert _change_type(old, _VAD_OPTIONS.format(decorator="@dataclass\n", name=name, bases="")) == expected


_ACTIONS = "{indent}class Actions(IntEnum):\n{indent}    left = 0\n{indent}    right = 1\n"
_ENVIRONMENT = "class MiniGridEnv:\n{member}\n    def __init__(self):\n        self.actions = {actions}\n"


@pytest.mark.parametrize(("nested", "expected"), [
    (True, "data-contract"),
    # near miss: a module-level class of the same name, which the import binds in its place
    (False, "dependency-wiring"),
], ids=["class-member", "module-level"])
def test_a_class_member_taken_out_for_an_import_is_gone_from_the_class(nested: bool, expected: str) -> None:
    if nested:
        old_body = _ENVIRONMENT.format(member=_ACTIONS.format(indent="    "), actions="MiniGridEnv.Actions")
    else:
        old_body = _ACTIONS.format(indent="") + "\n\n" + _ENVIRONMENT.format(member="", actions="Actions")
    old = "from enum import IntEnum\n\n\n" + old_body
    new = "from minigrid.core.actions import Actions\n\n\n" \
        + _ENVIRONMENT.format(member="", actions="Actions")
    assert _change_type(old, new, "minigrid/minigrid_env.py") == expected


_ORBIT_SETUP = ("from setuptools import setup\n\n{bound}\n\nsetup(\n{author}"
                "    description=DESCRIPTION,\n    packages={packages},\n)\n")


@pytest.mark.parametrize(("packages", "expected"), [
    ("['orbit']", "configuration"),
    # near miss: the call also packages otherwise
    ("['orbit', 'orbit.models']", "infrastructure"),
], ids=["metadata-only", "packages-too"])
def test_metadata_bound_and_given_to_setup_anew_is_the_release_page(packages: str, expected: str) -> None:
    old = _ORBIT_SETUP.format(bound="DESCRIPTION = 'Orbit is a package for bayesian time series.'\n"
                                    "AUTHOR = 'Edwin Ng <edwinng@uber.com>'",
                              author="    author=AUTHOR,\n    author_email='edwinng@uber.com',\n",
                              packages="['orbit']")
    new = _ORBIT_SETUP.format(bound="DESCRIPTION = 'Orbit is a package for Bayesian time series.'",
                              author="    author='Edwin Ng, Zhishi Wang',\n"
                                     "    author_email='zhishiw@uber.com',\n",
                              packages=packages)
    assert _change_type(old, new, "setup.py") == expected


_RNG_CLASS = ("import numpy as np\n\n\nclass RandomNumberGenerator(np.random.Generator):\n"
              "    def rand(self, *size):\n        return self.random(size)\n{added}")
_CONSTRUCTOR = ("\n    @staticmethod\n    def _generator_ctor(bit_generator_name=\"MT19937\"):\n"
                "        from numpy.random._pickle import BitGenerators\n"
                "        if bit_generator_name not in BitGenerators:\n"
                "            raise ValueError(f\"{bit_generator_name} is not a known BitGenerator.\")\n"
                "        generator = BitGenerators[bit_generator_name]()\n"
                "        seeded = RandomNumberGenerator(generator)\n"
                "        seeded.bit_generator.state = generator.state\n"
                "        return seeded\n")


@pytest.mark.parametrize(("reduced", "expected"), [
    ("RandomNumberGenerator._generator_ctor", "data-contract"),
    # near miss: the helper is not what pickling hands over, so it is code of its own
    ("np.random.default_rng", "core-logic"),
], ids=["constructor-pickled", "constructor-unused"])
def test_the_constructor_reduce_hands_to_pickle_is_part_of_the_pickled_form(reduced: str,
                                                                          expected: str) -> None:
    reduce = ("\n    def __reduce__(self):\n"
              "        _, init_args, *args = np.random.Generator.__reduce__(self)\n"
              f"        return ({reduced}, init_args, *args)\n")
    old = _RNG_CLASS.format(added="")
    new = _RNG_CLASS.format(added=reduce + _CONSTRUCTOR)
    assert _change_type(old, new, "gym/utils/seeding.py") == expected


_ORIENT = ("import shapely\n{imported}\n\n{check}    orient_polygons = shapely.orient_polygons\nelse:\n"
           "    def orient_polygons(geometry):\n"
           "        return shapely.reverse(shapely.normalize(geometry))\n")


@pytest.mark.parametrize(("unpacked", "expected"), [
    ("shapely.__version__.split(\".\")", "configuration"),
    # near miss: the names unpacked are the geometry's bounds, not parts of a version
    ("shapely.bounds(shapely.box(0, 0, 2, 1))[:3]", "core-logic"),
], ids=["version-parts", "other-values"])
def test_a_test_of_version_parts_unpacked_rewritten_as_a_version_comparison_checks_versions(
        unpacked: str, expected: str) -> None:
    old = _ORIENT.format(imported="",
                         check=f"a, b, c = {unpacked}\nif int(a) > 2 or (int(a) == 2 and int(b) > 0):\n")
    new = _ORIENT.format(imported="from packaging.version import Version",
                         check="if Version(shapely.__version__) >= Version(\"2.1.0\"):\n")
    assert _change_type(old, new, "esda/shape.py") == expected


_ADDRESS = ("from warnings import warn\n\n\n"
            "def graph_from_address(address, dist=1000, return_coords={default}):\n"
            "{gate}    point = geocode(address)\n    graph = graph_from_point(point, dist)\n"
            "    if return_coords:\n        return graph, point\n    return graph\n")


@pytest.mark.parametrize(("otherwise", "expected"), [
    ("        warn(\"return_coords is deprecated and will be removed.\", stacklevel=2)\n", "data-contract"),
    # near miss: where it is given, it is used otherwise, not warned of
    ("        dist = dist * 2\n", "core-logic"),
], ids=["warned-where-given", "used-where-given"])
def test_a_parameter_defaulted_to_none_that_warns_where_given_is_deprecated(otherwise: str,
                                                                          expected: str) -> None:
    old = _ADDRESS.format(default="False", gate="")
    gate = "    if return_coords is None:\n        return_coords = False\n    else:\n" + otherwise
    assert _change_type(old, _ADDRESS.format(default="None", gate=gate), "osmnx/graph.py") == expected


_SIMPLE_NORM = ("from astropy.visualization import simple_norm\n\n\nclass WcsNDMap:\n"
         "    def plot(self, data, stretch='linear', **kwargs):\n"
         "        lo, hi = kwargs.pop('vmin', None), kwargs.pop('vmax', None)\n{norm}"
         "        return norm\n")
_OLD_SIMPLE_NORM = "        norm = simple_norm(data, stretch, min_cut=lo, max_cut=hi)\n"


@pytest.mark.parametrize(("tried", "expected"), [
    ("        norm = simple_norm(data, stretch, vmin=lo, vmax=hi)\n", "data-contract"),
    # near miss: the call tried computes otherwise, not only with other keyword names
    ("        norm = simple_norm(data[data > 0], stretch, min_cut=lo, max_cut=hi)\n", "core-logic"),
], ids=["keywords-renamed", "other-data"])
def test_a_call_tried_with_new_keywords_before_the_old_call_follows_the_callee(tried: str,
                                                                              expected: str) -> None:
    new = _SIMPLE_NORM.format(norm="        try:\n    " + tried + "        except TypeError:\n    "
                              + _OLD_SIMPLE_NORM)
    old = _SIMPLE_NORM.format(norm=_OLD_SIMPLE_NORM)
    assert _change_type(old, new, "gammapy/maps/wcs/ndmap.py") == expected


_STEP_LENGTH = ("import jax.numpy as jnp\n\n\ndef feasible_step_length(x, lower, *, offset={default}):\n"
         "{resolve}    return (1 - offset) * (x - lower)\n")


@pytest.mark.parametrize(("default", "expected"), [
    ("jnp.array(0.0)", "dependency-wiring"),
    # near miss: a literal default, which costs nothing when the module loads
    ("0.0", "configuration"),
], ids=["computed-at-import", "literal"])
def test_a_default_computed_at_import_now_computed_when_called_is_deferred(default: str,
                                                                          expected: str) -> None:
    old = _STEP_LENGTH.format(default=default, resolve="")
    new = _STEP_LENGTH.format(default="None", resolve=f"    if offset is None:\n        offset = {default}\n")
    assert _change_type(old, new, "optimistix/_misc.py") == expected


_LOG1P = ("import warnings\n\nimport numpy as np\n\n\ndef log1p(data, copy=False):\n"
          "    \"\"\"Logarithmize the data matrix.\"\"\"\n{body}")
_OWN_LOG1P = ("    adata = data.copy() if copy else data\n    np.log1p(adata.X, out=adata.X)\n"
              "    return adata if copy else None\n")
_SCANPY_LOG1P = ("    from scanpy.pp import log1p as scanpy_log1p\n\n"
                 "    res = scanpy_log1p(data, copy=copy)\n    return res if copy else None\n")


@pytest.mark.parametrize(("warned", "expected"), [
    ("    warnings.warn(\"`log1p` is deprecated; use `scanpy.pp.log1p`.\", DeprecationWarning)\n",
     "data-contract"),
    # near miss: the work given to the library without telling callers to move
    ("", "core-logic"),
], ids=["deprecated-for-the-library", "only-delegated"])
def test_a_function_deprecated_for_a_librarys_own_hands_it_all_it_takes(warned: str, expected: str) -> None:
    old = _LOG1P.format(body=_OWN_LOG1P)
    new = _LOG1P.format(body=warned + _SCANPY_LOG1P)
    assert _change_type(old, new, "scvelo/preprocessing/utils.py") == expected


_GEMM_OPERATOR = ("import argparse\n\nfrom kernels import fp8_row\n\n\ndef parse_args(args):\n"
                  "    parser = argparse.ArgumentParser()\n"
                  "    parser.add_argument('--use_tma', action='store_true')\n"
                  "{option}    return parser.parse_args(args)\n\n\nclass Operator:\n"
                  "    def __init__(self, extra_args):\n        gemm_args = parse_args(extra_args)\n"
                  "        self.use_tma = gemm_args.use_tma\n{kept}\n"
                  "    def triton(self, xq, wq):\n        return lambda: fp8_row(\n            xq,\n"
                  "            wq,\n            tma_persistent=self.use_tma,\n{given}        )\n")


@pytest.mark.parametrize(("kept", "given", "expected"), [
    ("        self.warp_specialization = gemm_args.warp_specialization\n",
     "            use_warp_specialization=self.warp_specialization,\n", "configuration"),
    # near misses: what the instance keeps is made from the data too; the keyword is given no option
    ("        self.warp_specialization = pick(gemm_args.warp_specialization, extra_args)\n",
     "            use_warp_specialization=self.warp_specialization,\n", "core-logic"),
    ("        self.warp_specialization = gemm_args.warp_specialization\n",
     "            use_warp_specialization=xq.is_contiguous(),\n", "core-logic"),
], ids=["kept-on-the-instance-and-given", "kept-from-data-too", "given-no-option"])
def test_an_option_kept_on_the_instance_and_given_to_a_call_is_configuration(kept: str, given: str,
                                                                            expected: str) -> None:
    """TritonBench's FP8 GEMM gains `--warp_specialization`, keeps it as
    `self.warp_specialization` and gives it to the kernel's call by keyword: an option of the
    callee exposed on the command line."""
    old = _GEMM_OPERATOR.format(option="", kept="", given="")
    option = "    parser.add_argument('--warp_specialization', action='store_true')\n"
    new = _GEMM_OPERATOR.format(option=option, kept=kept, given=given)
    assert _change_type(old, new, path="tritonbench/operators/fp8_gemm/operator.py") == expected


_EMBEDDING_OPERATOR = ("from tritonbench.utils.triton_op import BenchmarkOperator\n\n\n"
                       "class Operator{bases}:\n    def __init__(self, tb_args, extra_args=None):\n"
                       "        super().__init__(tb_args, extra_args)\n        self.baseline_op = None\n"
                       "{switch}\n    def get_input_iter(self):\n{reads}        yield 32, 512\n")


@pytest.mark.parametrize(("bases", "reads", "expected"), [
    ("(BenchmarkOperator)", "", "configuration"),
    # near misses: the module reads the switch itself; a class derived from nothing
    ("(BenchmarkOperator)", "        if self.reset_dynamo:\n            reset()\n", "core-logic"),
    ("", "", "core-logic"),
], ids=["read-by-the-base", "read-here", "no-base"])
def test_a_switch_a_subclass_turns_on_for_its_base_is_configuration(bases: str, reads: str,
                                                                    expected: str) -> None:
    """TritonBench's embedding operator sets `self.reset_dynamo = True` in its `__init__`; its
    base class resets dynamo before each input when the switch is on."""
    old = _EMBEDDING_OPERATOR.format(bases=bases, switch="", reads=reads)
    new = _EMBEDDING_OPERATOR.format(bases=bases, switch="        self.reset_dynamo = True\n", reads=reads)
    assert _change_type(old, new, path="tritonbench/operators/embedding/operator.py") == expected


_LLM_CONFIG = ("from taskweaver.config.module_config import ModuleConfig\n\n\n"
               "class LLMModuleConfig(ModuleConfig):\n    def _configure(self) -> None:\n"
               "        self.api_type = self._get_str('api_type', 'openai')\n"
               "        self.embedding_api_type = {lookup}\n        self.count = 0\n")


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("self._get_str('embedding_api_type', self.api_type)",
     "self._get_str('embedding_api_type', 'sentence_transformer')", "configuration"),
    ("self._get_enum('embedding_api_type', options=['openai', 'ollama'], default='openai')",
     "self._get_enum('embedding_api_type', options=['openai', 'ollama', 'qwen'], default='openai')",
     "configuration"),
    # near misses: the default now drawn from data; a lookup in a record of data
    ("self._get_str('embedding_api_type', self.api_type)",
     "self._get_str('embedding_api_type', self.api_type or self.model_type)", "core-logic"),
    ("batch.get('embedding_api_type', self.api_type)", "batch.get('embedding_api_type', 'openai')",
     "core-logic"),
], ids=["default", "choices", "default-from-data", "data-record"])
def test_the_default_or_choices_an_option_is_looked_up_with_are_configuration(was: str, now: str,
                                                                              expected: str) -> None:
    """TaskWeaver's `embedding_api_type` defaults to `"sentence_transformer"` instead of the chat
    API's type; its `response_format` allows `"json_schema"` besides."""
    old, new = _LLM_CONFIG.format(lookup=was), _LLM_CONFIG.format(lookup=now)
    assert _change_type(old, new, path="taskweaver/llm/base.py") == expected


_VISION_PLUGIN = ("from taskweaver.plugin import Plugin, register_plugin\n\n\n@register_plugin\n"
           "class VisionWebBrowser(Plugin):\n{setup}\n    def __call__(self, request):\n{call}"
           "        return self.planner.run(request)\n")
_SET_UP = "        key = self.config.get('api_key')\n        self.planner = VisionPlanner(api_key=key)\n"


@pytest.mark.parametrize(("init", "set_up", "expected"), [
    ("    def __init__(self, name, ctx, config):\n        super().__init__(name, ctx, config)\n" + _SET_UP,
     _SET_UP, "core-logic"),
    # near misses: the constructor took something its base does not; a field it set is set no more
    ("    def __init__(self, name, ctx, config, key):\n"
     "        super().__init__(name, ctx, config)\n" + _SET_UP, _SET_UP, "data-contract"),
    ("    def __init__(self, name, ctx, config):\n        super().__init__(name, ctx, config)\n" + _SET_UP
     + "        self.timeout = 30\n", _SET_UP, "data-contract"),
], ids=["handed-all-to-the-base", "took-more", "field-no-longer-set"])
def test_a_constructor_removed_that_handed_all_it_took_to_its_base_keeps_the_interface(
        init: str, set_up: str, expected: str) -> None:
    """TaskWeaver's vision web plugin sets its planner up on first call instead of in an
    `__init__` that first gave its name, context and configuration to `Plugin.__init__`: the
    plugin is made as it was, and still holds its planner."""
    old = _VISION_PLUGIN.format(setup=init, call="")
    new = _VISION_PLUGIN.format(setup="    planner = None\n\n    def _init(self):\n" + set_up,
                         call="        if self.planner is None:\n            self._init()\n")
    assert _change_type(old, new, path="project/plugins/vision_web_explorer.py") == expected


_TOP_K_GATE = ("import torch\n\n\nclass TopKGate(torch.nn.Module):\n"
               "    def __init__(self, model_dim, num_experts, **kwargs):\n        super().__init__()\n"
               "        self.wg = torch.nn.Linear(model_dim, num_experts, bias=False)\n{kept}"
               "        input_dropout_p = kwargs.get('input_dropout_p', 0)\n\n"
               "    def apply_on_expert_fn(self, indices_s, locations_s, gates_s, capacity):\n"
               "        self._fdr.update(indices_s, locations_s, gates_s, capacity=capacity{given})\n"
               "        return self._fdr.encode(indices_s)\n")


@pytest.mark.parametrize(("kept", "given", "expected"), [
    ("        self.is_postnorm = kwargs.get('is_postnorm', True)\n", ", is_postnorm=self.is_postnorm",
     "configuration"),
    # near misses: the keyword given no option; the value kept is looked up in data
    ("        self.is_postnorm = kwargs.get('is_postnorm', True)\n", ", is_postnorm=gates_s[0].is_cuda",
     "core-logic"),
    ("        self.is_postnorm = gates.get('is_postnorm', True)\n", ", is_postnorm=self.is_postnorm",
     "core-logic"),
], ids=["keyword-option-kept-and-passed-on", "keyword-given-no-option", "looked-up-in-data"])
def test_a_keyword_option_kept_on_the_instance_and_passed_on_is_configuration(kept: str, given: str,
                                                                              expected: str) -> None:
    """Tutel's TopKGate reads `is_postnorm` from its keyword arguments, keeps it as
    `self.is_postnorm`, and hands it to the dispatcher's `update`."""
    old = _TOP_K_GATE.format(kept="", given="")
    new = _TOP_K_GATE.format(kept=kept, given=given)
    assert _change_type(old, new, path="tutel/impls/moe_layer.py") == expected


_CONCAT_WRAPPER = ("import numpy as np\nimport tree\n\n{imports}from acme.wrappers import base\n\n\n{copy}"
                   "class ConcatObservationWrapper(base.EnvironmentWrapper):\n"
                   "    def __init__(self, environment):\n        spec = environment.observation_spec()\n"
                   "        dummy_obs = {zeros}(spec)\n        self._spec = dummy_obs.shape\n")
_ZEROS_LIKE_COPY = ("def _zeros_like(nest, dtype=None):\n"
                    "    return tree.map_structure(lambda x: np.zeros(x.shape, x.dtype), nest)\n\n\n")


@pytest.mark.parametrize(("copy", "zeros", "expected"), [
    (_ZEROS_LIKE_COPY, "_zeros_like", "dependency-wiring"),
    # near misses: the function written is another one; the module's function still called
    (_ZEROS_LIKE_COPY.replace("_zeros_like", "_ones_like"), "_ones_like", "core-logic"),
    (_ZEROS_LIKE_COPY, "utils.zeros_like", "core-logic"),
], ids=["copy-of-the-module-function", "another-function", "module-still-called"])
def test_a_function_of_a_module_no_longer_imported_copied_into_the_file_is_dependency_wiring(
        copy: str, zeros: str, expected: str) -> None:
    """Acme's observation wrapper stops importing `acme.jax.utils` (and with it JAX) and makes
    its dummy observation with a NumPy `_zeros_like` of its own."""
    imports = "from acme.jax import utils\n" if zeros.startswith("utils.") else ""
    old = _CONCAT_WRAPPER.format(imports="from acme.jax import utils\n", copy="", zeros="utils.zeros_like")
    new = _CONCAT_WRAPPER.format(imports=imports, copy=copy, zeros=zeros)
    assert _change_type(old, new, path="acme/wrappers/concatenate_observations.py") == expected


_TRAINER_CONFIG = ("from arctic_training.registry import get_registered_trainer\n\n\nclass TrainerConfig:\n"
                   "    type: str = 'sft'\n{property}\n    @property\n    def checkpoint_dir(self):\n"
                   "        return 'out'\n")
_TRAINER_PROPERTY = ("\n    @property\n    def trainer(self):\n"
                     "        return get_registered_trainer(self.type)(config=self)\n")
_RUN_SCRIPT = ("from arctic_training.config.trainer import get_config\n"
               "from arctic_training.registry import get_registered_trainer\n\n\n"
               "def run_script(path):\n    config = get_config(path)\n{made}    trainer.train()\n{after}")


@pytest.mark.parametrize(("kept", "after", "expected"), [
    ("", "", "data-contract"),
    # near misses: the property stays; the script still reads it elsewhere
    (_TRAINER_PROPERTY, "", "core-logic"),
    ("", "    return config.trainer\n", "core-logic"),
], ids=["property-removed", "property-kept", "still-read"])
def test_reads_of_a_property_the_change_removed_replaced_follow_the_interface(kept: str, after: str,
                                                                            expected: str) -> None:
    """ArcticTraining drops `TrainerConfig.trainer`, which made a trainer anew each time it was
    read; the script that read it makes the trainer from the registry itself."""
    config = _diff("arctic_training/config/trainer.py", _TRAINER_CONFIG.format(property=_TRAINER_PROPERTY),
                   _TRAINER_CONFIG.format(property=kept))
    script = _diff("arctic_training/cli.py",
                   _RUN_SCRIPT.format(made="    trainer = config.trainer\n", after=after),
                   _RUN_SCRIPT.format(made="    trainer = get_registered_trainer(config.type)(config)\n",
                                      after=after))
    assert _facts(config, script).files[1].change_type == expected


_ENTROPIES = ("import torch\n\n\ndef calculate_entropies(tokens, model, batch_size{gained}):\n"
              "    entropies = []\n    preds = []\n"
              "    for split in torch.split(tokens.flatten(), batch_size):\n"
              "        pred = model(split)\n        preds.append(pred)\n"
              "        entropies.append(entropy(pred))\n"
              "    concat = torch.cat(entropies, dim=0).reshape(tokens.shape)\n"
              "    concat_preds = torch.cat(preds, dim=0)\n{returned}")
_ENTROPIES_BEFORE = ("import torch\n\n\ndef calculate_entropies(tokens, model, batch_size):\n"
                     "    with torch.no_grad():\n        entropies = []\n"
                     "        for split in torch.split(tokens.flatten(), batch_size):\n"
                     "            entropies.append(entropy(model(split)))\n"
                     "        concat = torch.cat(entropies, dim=0).reshape(tokens.shape)\n"
                     "    return concat\n")


@pytest.mark.parametrize(("returned", "expected"), [
    ("    return concat, concat_preds\n", "data-contract"),
    # near miss: it still hands back one value
    ("    return concat\n", "core-logic"),
], ids=["returns-more-values", "returns-as-before"])
def test_a_function_that_gains_an_option_and_returns_more_values_changes_its_contract(returned: str,
                                                                                    expected: str) -> None:
    """BLT's `calculate_entropies` gains `enable_grad=False` and now returns the predictions
    beside the entropies: every caller unpacks something else."""
    new = _ENTROPIES.format(gained=", enable_grad: bool = False", returned=returned)
    assert _change_type(_ENTROPIES_BEFORE, new, path="bytelatent/data/patcher.py") == expected


_SHARD_CONSTANTS = "LONG_CONTEXT_PAGE_SIZE = 1024\n{name} = 256\nMOE_TKG_INTERMEDIATE_PER_TP = 128\n"
_SHARD_READER = ("import math\n\nfrom nxdi.models.config import InferenceConfig, {name}\n\n\n"
                 "class Qwen3MoeInferenceConfig(InferenceConfig):\n"
                 "    def maybe_pad_intermediate(self, size, tp):\n"
                 "        per_tp = size // tp\n        if per_tp % {name} != 0:\n"
                 "            return math.ceil(per_tp / {name}) * {name} * tp{extra}\n        return size\n")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the reader pads otherwise too, beside the import it follows
    (" + 1", "dependency-wiring"),
], ids=["renamed-constant-imported-and-followed", "padding-changed-too"])
def test_a_constant_renamed_elsewhere_imported_and_read_by_its_new_name_is_configuration(
        extra: str, change_type: str) -> None:
    """NeuronX Distributed Inference spells `SHARD_ON_INTERMEDIATE_DIMENTION_PER_TP` as
    `..._DIMENSION_PER_TP`; Qwen3-MoE imports and reads it by the new name."""
    old_name, new_name = "SHARD_ON_INTERMEDIATE_DIMENTION_PER_TP", "SHARD_ON_INTERMEDIATE_DIMENSION_PER_TP"
    constants = _diff("nxdi/models/config.py", _SHARD_CONSTANTS.format(name=old_name),
                      _SHARD_CONSTANTS.format(name=new_name))
    reader = _diff("nxdi/models/qwen3_moe/modeling_qwen3_moe.py",
                   _SHARD_READER.format(name=old_name, extra=""),
                   _SHARD_READER.format(name=new_name, extra=extra))
    assert _facts(constants, reader).files[1].change_type == change_type


_FINETUNE_MAIN = ("import jax\nimport tensorflow as tf\n\n\ndef main(_):\n"
                  "    mesh = jax.sharding.Mesh(jax.devices(), 'batch')\n"
                  "{switch}    train(mesh)\n")


@pytest.mark.parametrize(("switch", "expected"), [
    ("    tf.config.set_visible_devices([], 'GPU')\n", "configuration"),
    ("    torch.set_float32_matmul_precision('high')\n", "configuration"),
    # near miss: the setter is given what the code computes
    ("    tf.config.set_visible_devices(jax.devices()[:1], 'GPU')\n", "core-logic"),
], ids=["devices-hidden", "precision-set", "given-computed-devices"])
def test_a_call_that_switches_how_a_library_computes_is_configuration(switch: str, expected: str) -> None:
    """Octo's finetuning hides the GPUs from TensorFlow, which only loads its data."""
    old, new = _FINETUNE_MAIN.format(switch=""), _FINETUNE_MAIN.format(switch=switch)
    assert _change_type(old, new, path="finetune.py") == expected


_LANG_EAGER = ("import os\nfrom transformers import AutoTokenizer, CLIPTextModelWithProjection\n\n"
               "NAME = 'openai/clip-vit-large-patch14'\n"
               "lang_emb_model = CLIPTextModelWithProjection.from_pretrained(NAME)\n"
               "tz = AutoTokenizer.from_pretrained(NAME)\n\n\ndef get_lang_emb(lang):\n    if lang is None:\n"
               "        return None\n    tokens = tz(text=lang, return_tensors='pt')\n"
               "    return lang_emb_model(**tokens).text_embeds\n")
_LANG_LAZY = ("import os\n\nNAME = 'openai/clip-vit-large-patch14'\nlang_emb_model = None\ntz = None\n\n\n"
              "def _load_lang_emb_model():\n    global lang_emb_model, tz\n    if lang_emb_model is None:\n"
              "        from transformers import AutoTokenizer, CLIPTextModelWithProjection\n"
              "        lang_emb_model = CLIPTextModelWithProjection.from_pretrained(NAME)\n"
              "        tz = AutoTokenizer.from_pretrained(NAME)\n    return lang_emb_model, tz\n\n\n"
              "def get_lang_emb(lang):\n    if lang is None:\n        return None\n"
              "    lang_emb_model, tz = _load_lang_emb_model()\n"
              "    tokens = tz(text=lang, return_tensors='pt')\n"
              "    return lang_emb_model(**tokens){extra}.text_embeds\n")


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "dependency-wiring"),
    # near miss: the embedding is read otherwise too
    ("[0]", "core-logic"),
], ids=["loaded-on-first-use", "read-otherwise-too"])
def test_a_dependency_imported_and_built_on_first_use_instead_of_at_load_is_dependency_wiring(
        extra: str, expected: str) -> None:
    """robomimic stops importing transformers and loading CLIP when its language module loads;
    a function does both on the first embedding asked for."""
    new = _LANG_LAZY.format(extra=extra)
    assert _change_type(_LANG_EAGER, new, path="robomimic/utils/lang_utils.py") == expected


_FLAG_UTILS = "import torch\n\n{flag} = torch.__version__ >= '2.3.0.dev'\n"
_FLAG_READER = ("from .utils import {flag}\n\n{own} = [\n    'Int8DynActInt4WeightQuantizer',\n]\n\n"
                "__all__ = [\n    'Quantizer',\n] + ({own} if {flag} else [])\n\n\n"
                "def swap(model):\n    return model\n\n\nif {flag}:\n"
                "    from .quant_primitives import group_quantize_tensor_symmetric\n\n"
                "    def quantize(model):\n        return group_quantize_tensor_symmetric(model)\n")


def test_a_flag_renamed_elsewhere_followed_with_a_name_of_the_file_made_from_it_is_configuration() -> None:
    """torchao's #99 lowers its version flag to `TORCH_VERSION_AFTER_2_3`; `quant_api.py`
    imports it by the new name and renames its own `_AFTER_TORCH_2_4_ONLY` list to match."""
    utils = _diff("torchao/quantization/utils.py", _FLAG_UTILS.format(flag="TORCH_VERSION_AFTER_2_4"),
                  _FLAG_UTILS.format(flag="TORCH_VERSION_AFTER_2_3"))
    reader = _diff("torchao/quantization/quant_api.py",
                   _FLAG_READER.format(flag="TORCH_VERSION_AFTER_2_4", own="_AFTER_TORCH_2_4_ONLY"),
                   _FLAG_READER.format(flag="TORCH_VERSION_AFTER_2_3", own="_AFTER_TORCH_2_3_ONLY"))
    assert _facts(utils, reader).files[1].change_type == "configuration"


_PORT_READ = ("import os\nimport torch\n{imports}\n\nclass MemoryManager:\n    def __init__(self, size):\n"
              "        self.size = size\n{read}        self.name = f\"{{port}}_can_use\"\n")


@pytest.mark.parametrize(("imports", "read", "change_type"), [
    ("import re\n", "        from torch.distributed.distributed_c10d import _default_pg_init_method\n\n"
     "        port = re.search(r\":(\\d+)$\", _default_pg_init_method).group(1)\n", "core-logic"),
    # near miss: the same variable, read through the project's settings module
    ("from pkg import envs\n", "        port = envs.get(\"_NCCL_PORT_\")\n", "dependency-wiring"),
], ids=["value-from-elsewhere", "same-variable-through-settings"])
def test_an_environment_read_replaced_by_a_value_computed_elsewhere_is_behaviour(imports: str, read: str,
                                                                              change_type: str) -> None:
    """LightLLM #440 takes the NCCL port from torch's process-group address, no longer from
    `_NCCL_PORT_`, which the backend stopped setting."""
    old = _PORT_READ.format(imports="", read="        port = os.environ.get(\"_NCCL_PORT_\", None)\n")
    assert _change_type(old, _PORT_READ.format(imports=imports, read=read)) == change_type


_CHAT_STREAM = ("async def chat(request, manager):\n    results = manager.generate(request)\n"
                "    async for {target} in results:\n        await send(output)\n")


@pytest.mark.parametrize(("target", "change_type"), [
    ("output, metadata, _", "data-contract"),
    # near miss: the same two values, named otherwise
    ("output, meta", "core-logic"),
], ids=["one-more-value", "renamed"])
def test_a_loop_unpacking_another_number_of_yielded_values_follows_the_generator(target: str,
                                                                                change_type: str) -> None:
    """LightLLM #175: the chat endpoint takes the three values the results generator yields."""
    old = _CHAT_STREAM.format(target="output, metadata")
    assert _change_type(old, _CHAT_STREAM.format(target=target)) == change_type


_COLORS = "app = make_app()\n\n{lines}_RESET = \"\\033[0m\"\n"


@pytest.mark.parametrize(("old", "change_type"), [
    ("_COLORS = {2: \"\\033[32m\", 3: \"\\033[36m\"}\n" * 2, "core-logic"),
    # near miss: the binding removed gave another value, which the next one overrode
    ("_COLORS = {2: \"\\033[31m\", 3: \"\\033[36m\"}\n_COLORS = {2: \"\\033[32m\", 3: \"\\033[36m\"}\n",
     "configuration"),
], ids=["repeated-binding", "other-value-overridden"])
def test_a_repeated_binding_removed_sets_nothing(old: str, change_type: str) -> None:
    """LightLLM #1380 removes the second of two identical `_ACCESS_LOG_STATUS_COLORS = {...}`."""
    new = _COLORS.format(lines="_COLORS = {2: \"\\033[32m\", 3: \"\\033[36m\"}\n")
    assert _change_type(_COLORS.format(lines=old), new) == change_type


_COMPILE_SWITCH = ("import math\n{imports}\nlogger = get_logger()\n{constant}\n\ndef prefill(q, k):\n"
                   "    if not {read}:\n        return q @ k\n    return fused(q, k)\n")


@pytest.mark.parametrize(("constant", "change_type"), [
    ("_COMPILE = os.getenv(\"COMPILE_MODEL\", \"True\").lower() in (\"true\", \"1\")\n", "dependency-wiring"),
    # near miss: the constant held a value of its own, which the settings module does not serve
    ("_COMPILE = True\n", "core-logic"),
], ids=["environment-read-served-by-settings", "own-value-given-up"])
def test_a_constant_read_from_the_environment_given_up_for_a_settings_module_is_wiring(
        constant: str, change_type: str) -> None:
    """vLLM RBLN #25 reads `envs.RBLN_COMPILE_MODEL` where a module constant read `COMPILE_MODEL`."""
    old = _COMPILE_SWITCH.format(imports="import os\n", constant=constant, read="_COMPILE")
    new = _COMPILE_SWITCH.format(imports="import pkg.settings as envs\n", constant="",
                                 read="envs.RBLN_COMPILE")
    assert _change_type(old, new) == change_type


_ENVS_MODULE = ("import os\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                "    RBLN_TP_SIZE: int = 1\n\nenvironment_variables = {{\n"
                "    \"RBLN_TP_SIZE\": lambda: int(os.environ.get(\"TP_SIZE\", 1)),\n}}\n"
                "\n\ndef __getattr__(name):\n    if name in environment_variables:\n"
                "        return environment_variables[name]()\n    raise AttributeError(name)\n{extra}")


@pytest.mark.parametrize(("extra", "change_type"), [
    ("", "configuration"),
    # near miss: the module also does work of its own
    ("\n\ndef pick_devices(count):\n    return list(range(count))\n", "core-logic"),
], ids=["settings-alone", "with-a-helper"])
def test_a_new_module_serving_environment_settings_is_configuration(extra: str, change_type: str) -> None:
    """vLLM RBLN #25 adds `rbln_envs.py`, vLLM's settings table extended with its own."""
    new = _ENVS_MODULE.format(extra=extra)
    assert _change_type(None, new, "pkg/rbln_envs.py", status="added") == change_type


_PLATFORM_HOOK = ("import vllm.envs as envs\n\n\nclass NpuPlatform:\n    @classmethod\n"
                  "    def pre_register_and_update(cls, parser=None):\n        if envs.VLLM_USE_V1:\n{patch}"
                  "            import pkg.v1.attention.layer  # noqa\n")


@pytest.mark.parametrize(("patch", "change_type"), [
    ("            import vllm.v1.executor.multiproc_executor as mp\n"
     "            mp.EXECUTE_MODEL_TIMEOUT_S = None\n\n",
     "configuration"),
    ("            import torch._dynamo.config\n"
     "            torch._dynamo.config.cache_size_limit = 256\n\n",
     "configuration"),
    # near misses: a function of the dependency replaced; a value of a module not of settings
    ("            import vllm.v1.executor.multiproc_executor as mp\n"
     "            mp.run_worker = run_worker\n\n",
     "dependency-wiring"),
    ("            import torch._dynamo.eval_frame\n"
     "            torch._dynamo.eval_frame.cache_size_limit = 256\n\n",
     "dependency-wiring"),
], ids=["setting-given-a-value", "settings-module-value", "function-replaced", "module-value"])
def test_a_setting_of_an_imported_dependency_given_a_value_is_configuration(patch: str,
                                                                           change_type: str) -> None:
    """vLLM RBLN #111 turns off vLLM's executor timeout for large models; dlinfer #79 raises
    Dynamo's cache size limit."""
    assert _change_type(_PLATFORM_HOOK.format(patch=""), _PLATFORM_HOOK.format(patch=patch),
                        "pkg/platform.py") == change_type


_DEVICE_FLAGS = ("class Platform:\n    @classmethod\n    def check_and_update_config(cls, model_class):\n"
                 "        if model_class.__module__.startswith(\n"
                 "            \"models.demos.llama3\"\n        ):\n"
                 "            cls.sample_on_device = True  # type: ignore[attr-defined]\n\n{added}"
                 "        cls.capabilities = getattr(model_class, \"capabilities\", None)\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("        if model_class.__module__.startswith(\n            \"models.demos.deepseek_v3\"\n        ):\n"
     "            cls.sample_on_device = True  # type: ignore[attr-defined]\n\n", "configuration"),
    # near miss: the case added sets another field than the one before it does
    ("        if model_class.__module__.startswith(\n            \"models.demos.deepseek_v3\"\n        ):\n"
     "            cls.paged = True  # type: ignore[attr-defined]\n\n", "core-logic"),
], ids=["another-case-alike", "another-field"])
def test_a_case_added_like_the_one_before_it_is_a_setting(added: str, change_type: str) -> None:
    """Tenstorrent's vLLM #348 lets DeepSeek sample on the device, as a Llama generator did."""
    old = _DEVICE_FLAGS.format(added="")
    assert _change_type(old, _DEVICE_FLAGS.format(added=added), "vllm/platforms/tt.py") == change_type


_MESH_GRID = ("import os\n\n\ndef get_mesh_grid():\n    grids = {{\n        \"N300\": (1, 2),\n"
              "        \"T3K\": (1, 8),\n{added}        \"TG\": (8, 4),\n    }}\n"
              "    return grids[os.environ.get(\"MESH_DEVICE\")]\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("        \"P300x2\": (1, 4),\n", "configuration"),
    # near miss: the entry added is computed, not a value written out as the others are
    ("        \"P300x2\": compute_grid(2),\n", "core-logic"),
], ids=["entry-alike", "entry-computed"])
def test_an_entry_keyed_anew_in_a_table_of_values_is_a_setting(added: str, change_type: str) -> None:
    """Tenstorrent's vLLM #338 maps the P300x2 mesh to a 1 x 4 grid."""
    old = _MESH_GRID.format(added="")
    assert _change_type(old, _MESH_GRID.format(added=added), "vllm/v1/worker/tt_worker.py") == change_type


_TEXT_CONFIG = ("class Runner:\n    def __init__(self, model_config):\n        self.rope = bool(\n"
                "            uses_mrope({read}))\n        self.ready = True\n")


@pytest.mark.parametrize(("read", "change_type"), [
    ("model_config.hf_config.get_text_config()", "data-contract"),
    # near miss: the getter of another field
    ("model_config.hf_config.get_vision_config()", "core-logic"),
], ids=["getter", "getter-of-another-field"])
def test_a_field_read_through_its_getter_follows_the_object(read: str, change_type: str) -> None:
    """Tenstorrent's vLLM #318 asks the Hugging Face config for `get_text_config()`."""
    old = _TEXT_CONFIG.format(read="model_config.hf_config.text_config")
    assert _change_type(old, _TEXT_CONFIG.format(read=read)) == change_type


_MOE_ARGS = ("import argparse\n\n\ndef parse_args(argv):\n    from pkg.moe import BACKENDS{imported}\n\n"
             "    parser = argparse.ArgumentParser()\n    parser.add_argument(\n        \"--moe-backend\",\n"
             "{typed}        default=\"auto\",\n        choices=[\"auto\"] + BACKENDS,\n    )\n"
             "    args = parser.parse_args(argv)\n{checked}    return args\n")


@pytest.mark.parametrize(("old", "change_type"), [
    (_MOE_ARGS.format(imported=", validate_backend", typed="        type=validate_backend,\n", checked=""),
     "configuration"),
    # near miss: the check dropped ran on the parsed arguments, outside the option's declaration
    (_MOE_ARGS.format(imported=", validate_backend", typed="",
                      checked="    validate_backend(args.moe_backend)\n"),
     "dependency-wiring"),
], ids=["option-type-dropped", "check-after-parsing-dropped"])
def test_an_option_declared_without_the_converter_it_imported_is_configuration(old: str,
                                                                              change_type: str) -> None:
    """mini-SGLang #75: `--moe-backend` no longer converts its value with `validate_moe_backend`,
    which refused the default `auto`."""
    new = _MOE_ARGS.format(imported="", typed="", checked="")
    assert _change_type(old, new, "pkg/server/args.py") == change_type


_SCHEDULER_FORWARD = ("from pkg.env import ENV\n\n\nclass Scheduler:\n    def _forward(self, batch):\n"
                      "        batch.input_ids = self.token_pool[batch.mapping]\n{gated}"
                      "        return self.engine.forward_batch(batch)\n")


@pytest.mark.parametrize(("gated", "change_type"), [
    ("        if ENV.OVERLAP_EXTRA_SYNC:  # NOTE: a workaround\n            self.stream.synchronize()\n",
     "configuration"),
    # near miss: the step a field of the scheduler gated, no setting
    ("        if self.needs_sync:\n            self.stream.synchronize()\n", "core-logic"),
], ids=["setting-gate", "field-gate"])
def test_a_step_a_setting_switched_on_removed_is_configuration(gated: str, change_type: str) -> None:
    """mini-SGLang #103 drops `OVERLAP_EXTRA_SYNC` and the stream sync it switched on."""
    old = _SCHEDULER_FORWARD.format(gated=gated)
    assert _change_type(old, _SCHEDULER_FORWARD.format(gated="")) == change_type


_NEURON_WORKER = ("from vllm.worker.worker_base import {base}\n\n\nclass NeuronWorker({base}):\n"
                  "    def init_device(self):\n        self.device = 'neuron'\n{added}")


@pytest.mark.parametrize(("base", "added", "change_type"), [
    ("LocalOrDistributedWorkerBase", "\n    def execute_worker(self, worker_input):\n        pass\n",
     "data-contract"),
    ("LocalOrDistributedWorkerBase", "\n    def pin_prompt_adapter(self, adapter_id):\n"
     "        raise NotImplementedError(\"Soft prompt is not supported on Neuron.\")\n", "data-contract"),
    # near miss: a method that does work of its own
    ("LocalOrDistributedWorkerBase", "\n    def execute_worker(self, worker_input):\n"
     "        self.cache.swap(worker_input.blocks)\n", "core-logic"),
], ids=["no-op", "refusal", "own-work"])
def test_a_method_a_base_asks_for_filled_in_as_a_stub_is_its_interface(base: str, added: str,
                                                                       change_type: str) -> None:
    """AWS Neuron's vLLM #7175 gives the Neuron worker the `execute_worker` its base declares; #6313
    the prompt-adapter methods of the executor interface, each refusing."""
    old = _NEURON_WORKER.format(base=base, added="")
    assert _change_type(old, _NEURON_WORKER.format(base=base, added=added), "vllm/worker/neuron_worker.py") \
        == change_type


_NEURON_CONFIG = ("def _get_default_neuron_config(model_config, batch_size):\n    neuron_config = {maker}(\n"
                  "        tp_degree=model_config.tp,\n        batch_size=batch_size,\n{added}"
                  "        enable_bucketing=True,\n    )\n    return neuron_config\n")


@pytest.mark.parametrize(("maker", "added", "change_type"), [
    ("dict", "        ctx_batch_size=1,\n        is_continuous_batching=True,\n", "configuration"),
    ("NeuronConfig", "        ctx_batch_size=1,\n", "configuration"),
    # near miss: the keyword given a value computed from what the function takes
    ("dict", "        ctx_batch_size=batch_size // 2,\n", "core-logic"),
], ids=["dict-literals", "config-literal", "computed-value"])
def test_settings_built_with_literals_are_configuration(maker: str, added: str, change_type: str) -> None:
    """AWS Neuron's vLLM #18274: the default Neuron configs batch continuously."""
    old = _NEURON_CONFIG.format(maker=maker, added="")
    assert _change_type(old, _NEURON_CONFIG.format(maker=maker, added=added)) == change_type


_RNG_STATE = ("import torch\nfrom torch import _C\n\n\ndef _set_cuda_rng_state(new_state, device=-1):\n"
              "{body}    _lazy_call(cb)\n")
_OLD_RNG_CALLBACK = ("def cb():\n    with device_ctx_manager(device):\n"
                     "        _C._cuda_setRNGState(new_state)\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("hasattr(_C, '_cuda_setRNGState') and callable(_C._cuda_setRNGState)", "data-contract"),
    # near miss: the choice is the caller's, not what the dependency has
    ("device == -1", "core-logic"),
], ids=["dependency-probed", "argument-tested"])
def test_the_old_call_kept_where_the_dependency_still_has_it_follows_its_api(test: str,
                                                                            change_type: str) -> None:
    """ROCm Megatron-LM #8 sets the CUDA RNG state through the default generator where torch._C
    has no `_cuda_setRNGState`."""
    old = _RNG_STATE.format(body=textwrap.indent(_OLD_RNG_CALLBACK, "    "))
    new_branch = ("def cb():\n    idx = torch.cuda.current_device()\n"
                  "    torch.cuda.default_generators[idx].set_state(new_state)\n")
    body = (f"if {test}:\n" + textwrap.indent(_OLD_RNG_CALLBACK, "    ") + "else:\n"
            + textwrap.indent(new_branch, "    "))
    new = _RNG_STATE.format(body=textwrap.indent(body, "    "))
    assert _change_type(old, new, "mpu/random.py") == change_type


_KV_PRECISION = ("import openvino as ov\n\n\nclass Platform:\n    @classmethod\n"
                 "    def check_and_update_config(cls, cache_config, precision):\n"
                 "        if precision == \"u8\":\n            cache_config.cache_dtype = {u8}\n"
                 "        else:\n            cache_config.cache_dtype = {dynamic}\n")


@pytest.mark.parametrize(("u8", "dynamic", "change_type"), [
    ("\"u8\"", "\"dynamic\"", "data-contract"),
    # near miss: another value set
    ("\"i8\"", "\"dynamic\"", "core-logic"),
], ids=["members-by-name", "other-member"])
def test_members_of_an_imported_type_handed_on_by_name_change_the_data(u8: str, dynamic: str,
                                                                       change_type: str) -> None:
    """vLLM OpenVINO #10 hands the cache dtype on as a string; an `ov.Type` does not pickle."""
    old = _KV_PRECISION.format(u8="ov.Type.u8", dynamic="ov.Type.dynamic")
    new = _KV_PRECISION.format(u8=u8, dynamic=dynamic)
    assert _change_type(old, new, "pkg/platform.py") == change_type


def test_an_input_named_anew_beside_another_is_no_setting() -> None:
    """Near miss of the table keyed anew: optimum #1638 gives SAM's export an `input_labels` input
    shaped as `input_points` is; the entry names an input, with strings in its value, not a value
    of a table of settings."""
    inputs = ("class SamOnnxConfig:\n    @property\n    def inputs(self):\n        inputs = {{\n"
              "            \"pixel_values\": {{0: \"batch_size\"}},\n"
              "            \"input_points\": {{0: \"batch_size\", 1: \"point_batch_size\"}},\n{added}"
              "        }}\n        return inputs\n")
    new = inputs.format(added="            \"input_labels\": {0: \"batch_size\", 1: \"point_batch_size\"},\n")
    path = "optimum/exporters/onnx/model_configs.py"
    assert _change_type(inputs.format(added=""), new, path) == "core-logic"


_KV_BUDGET = ("def get_num_available_blocks(model, devices):\n"
              "    if \"Llama-3.1-8B\" in model and devices == 1:\n        max_tokens = 32768\n"
              "{added}    elif \"Mistral-7B\" in model and devices == 1:\n"
              "        max_tokens = 65536\n    else:\n        max_tokens = 131072\n"
              "    return max_tokens // 32\n")


@pytest.mark.parametrize(("added", "change_type"), [
    ("    elif \"Qwen3-8B\" in model and devices == 1:\n        # as Llama 8B\n"
     "        max_tokens = 32768\n", "configuration"),
    # near miss: the branch computes its value
    ("    elif \"Qwen3-8B\" in model and devices == 1:\n        max_tokens = 32768 * devices\n",
     "core-logic"),
], ids=["case-given-a-value", "case-computing-a-value"])
def test_a_case_given_its_value_of_a_setting_is_configuration(added: str, change_type: str) -> None:
    """Tenstorrent's vLLM #302 gives Qwen3-8B on N150 the KV budget Llama 8B has there."""
    old = _KV_BUDGET.format(added="")
    new = _KV_BUDGET.format(added=added)
    assert _change_type(old, new, "vllm/worker/tt_worker.py") == change_type


@pytest.mark.parametrize(("old_test", "new_test", "value"), [
    ("y.dtype == np.object", "y.dtype == object", "2"),
    ("text == '...'", "text in ['...', '—']", "':'"),
], ids=["test-spelled-otherwise", "text-mapped"])
def test_a_branch_test_respelled_or_mapping_text_is_no_setting(old_test: str, new_test: str,
                                                                value: str) -> None:
    """Near misses of a case given its value of a setting: tsfresh #1018 spells NumPy's object
    type anew in a test (no case named anew); NLP Architect #322 maps one more mark to a tag (a
    branch binding text maps values)."""
    template = ("def kind(y, text):\n    if {test}:\n        n = {value}\n    else:\n        n = 1\n"
                "    return n\n")
    old = template.format(test=old_test, value=value)
    assert _change_type(old, template.format(test=new_test, value=value)) != "configuration"


_KUNLUN_CUSTOM_OPS = ("import torch\nfrom torch.library import custom_op, impl\n\n\n"
                      "@custom_op(\"_C::rms_norm\", mutates_args=())\n"
                      "def rms_norm(x: torch.Tensor) -> None:\n    pass\n{added}")


@pytest.mark.parametrize(("added", "change_type"), [
    ("\n\n@custom_op(\"_C::fused_qk_norm_rope\", mutates_args=())\n"
     "def fused_qk_norm_rope(qkv: torch.Tensor, eps: float) -> None:\n    pass\n\n\n"
     "@impl(\"_C::fused_qk_norm_rope\", \"CUDA\")\n"
     "def fused_qk_norm_rope_xpu(qkv: torch.Tensor, eps: float) -> None:\n    ...\n", "data-contract"),
    # near miss: an op registered with the kernel it runs
    ("\n\n@custom_op(\"_C::fused_qk_norm_rope\", mutates_args=())\n"
     "def fused_qk_norm_rope(qkv: torch.Tensor, eps: float) -> None:\n"
     "    torch.ops.xspeedgate_ops.fused_qk_norm_rope(qkv, eps)\n", "core-logic"),
], ids=["schema-only", "op-with-kernel"])
def test_ops_declared_with_empty_bodies_are_their_schemas(added: str, change_type: str) -> None:
    """vLLM Kunlun #224 declares `fused_qk_norm_rope` and `rms_norm_per_block_quant` as custom
    ops whose bodies only pass, for graph capture."""
    old = _KUNLUN_CUSTOM_OPS.format(added="")
    assert _change_type(old, _KUNLUN_CUSTOM_OPS.format(added=added), "vllm_kunlun/ops/_custom_ops.py") \
        == change_type


_KUNLUN_FLASH_MLA = ("import torch\nimport xtorch_ops\n\n\ndef flash_mla(q, kv, out):\n"
                     "    {call}(\n        q_c=q,\n        kv_cache=kv,\n        out=out,\n    )\n"
                     "    return out\n\n\ndef norm(x):\n    return xtorch_ops.rmsnorm(x)\n")


@pytest.mark.parametrize(("call", "change_type"), [
    ("torch.ops._C.fwd_kvcache_mla", "dependency-wiring"),
    # near miss: another op of the registry, not the one the package offered
    ("torch.ops._C.fwd_kvcache_mla_v2", "data-contract"),
], ids=["same-op", "other-op"])
def test_an_op_called_through_the_registry_instead_of_its_package_is_wiring(call: str,
                                                                          change_type: str) -> None:
    """vLLM Kunlun #119 calls the MLA and MQA kernels as `torch.ops._C.*`, where it called
    `xtorch_ops.*`, having registered the ops under those names."""
    old = _KUNLUN_FLASH_MLA.format(call="xtorch_ops.fwd_kvcache_mla")
    assert _change_type(old, _KUNLUN_FLASH_MLA.format(call=call), "vllm_kunlun/ops/attention/flashmla.py") \
        == change_type


_RL_ROLLOUT_ENGINE = ("from vllm import LLM, SamplingParams\n\n\nclass VLLMInferEngine:\n"
                      "    def __init__(self, sampling_config, max_num_seqs, torchair_graph):\n"
                      "        try:\n            self.sampling_params = SamplingParams(\n"
                      "                top_p=sampling_config.get('top_p', 1.0),\n"
                      "                detokenize=sampling_config.get('detokenize', False){sampling}\n"
                      "            )\n        except Exception as e:\n"
                      "            raise ValueError('bad sampling config') from e\n"
                      "        self.max_num_seqs = max_num_seqs\n"
                      "        self.torchair_graph = torchair_graph\n"
                      "        self.cache = {{}}\n        self.engine = None\n"
                      "        self.llm = LLM(\n{seed}            max_num_seqs=max_num_seqs,\n"
                      "            {handed}={{\n                \"torchair_graph_config\": {{\n"
                      "                    \"enabled\": torchair_graph,\n"
                      "                    \"graph_batch_sizes\": {sizes},\n"
                      "                }},\n            }}\n        )\n")
_RL_ENGINE_PARTS = {"sampling": "", "seed": "            seed=1234,\n", "sizes": "[max_num_seqs]",
                    "handed": "additional_config"}


@pytest.mark.parametrize(("changed", "change_type"), [
    ({"sampling": ",\n                seed=sampling_config.get('seed', None)", "seed": ""}, "configuration"),
    ({"sizes": "[max_num_seqs] if torchair_graph else []"}, "configuration"),
    # near miss: the seed read from what the engine was given, not from a configuration
    ({"sampling": ",\n                seed=self.seed", "seed": ""}, "data-contract"),
    # near miss: the dict handed on is not named for a configuration
    ({"sizes": "[max_num_seqs] if torchair_graph else []", "handed": "graph_inputs"}, "core-logic"),
], ids=["seed-from-config", "entry-valued-anew", "seed-from-field", "inputs-valued-anew"])
def test_settings_read_from_the_configuration_or_handed_on_in_one_are_configuration(
        changed: dict[str, str], change_type: str) -> None:
    """MindSpeed-RL !359 takes the sampling seed from the sampling config instead of a fixed 1234;
    !493 gives torchair graph batch sizes only when torchair graphs are on."""
    handed = changed.get("handed", _RL_ENGINE_PARTS["handed"])
    old = _RL_ROLLOUT_ENGINE.format(**(_RL_ENGINE_PARTS | {"handed": handed}))
    new = _RL_ROLLOUT_ENGINE.format(**(_RL_ENGINE_PARTS | changed))
    assert _change_type(old, new, "mindspeed_rl/models/rollout/vllm_engine.py") == change_type


_NPU_OPTIONS = ("from dataclasses import dataclass\n\n\n@dataclass\nclass NPUOptions:\n"
                "    compile_mode: str = \"simd\"\n    simt_stack_limit: int = None\n{field}\n\n"
                "def compile_options(opt: NPUOptions):\n    flags = []\n    if opt.simt_stack_limit:\n"
                "        flags += [f\"--simt-stack-limit={{opt.simt_stack_limit}}\"]\n"
                "{use}    return flags\n")


@pytest.mark.parametrize(("use", "change_type"), [
    ("    if opt.enable_simt_reorder_instruction:\n"
     "        flags += [\"--enable-simt-reorder-instruction=true\"]\n", "configuration"),
    ("    if opt.enable_simt_reorder_instruction:\n"
     "        flags.append(\"--enable-simt-reorder-instruction=true\")\n", "configuration"),
    # near miss: what the option switches on is work, not a flag handed on
    ("    if opt.enable_simt_reorder_instruction:\n        flags = reorder(flags)\n", "core-logic"),
], ids=["flag-added", "flag-appended", "work-switched"])
def test_an_option_added_and_handed_on_as_a_flag_is_configuration(use: str, change_type: str) -> None:
    """Triton Ascend !1400 adds `enable_simt_reorder_instruction` to the NPU options, passed to
    the NPU compiler as a flag when set."""
    old = _NPU_OPTIONS.format(field="", use="")
    field = "    enable_simt_reorder_instruction: bool = False\n"
    assert _change_type(old, _NPU_OPTIONS.format(field=field, use=use), "backend/compiler.py") == change_type


_TOP_P = ("import torch\n\n\ndef _apply_top_p(logits_sort, p):\n    probs_sort = {call}\n"
          "    probs_sum = probs_sort.cumsum(axis=-1)\n    return probs_sum <= 1 - p\n")


@pytest.mark.parametrize(("call", "change_type"), [
    ("logits_sort.softmax(-1)", "data-contract"),
    # near miss: the axis left out, the callee's default taking over
    ("logits_sort.softmax()", "core-logic"),
], ids=["axis-by-position", "axis-left-out"])
def test_an_axis_passed_by_position_instead_of_by_keyword_follows_the_callee(call: str,
                                                                            change_type: str) -> None:
    """vLLM MindSpore !180 passes softmax its dimension by position, as MSAdapter takes it."""
    old = _TOP_P.format(call="logits_sort.softmax(axis=-1)")
    assert _change_type(old, _TOP_P.format(call=call), "vllm_mindspore/model_executor/layers/sampler.py") \
        == change_type


_GCU_PARSER_DEFAULTS = ("import vllm.envs as envs\n\n\nclass GCUPlatform:\n    @classmethod\n"
                        "    def pre_register_and_update(cls, parser=None):\n"
                        "        parser.set_defaults(device='gcu')\n{defaults}")
_ASYNC_DEFAULT = ("key = \"--disable-async-output-proc\"\nif key in parser._option_string_actions:\n"
                  "    parser._option_string_actions[key].default = True\n")


@pytest.mark.parametrize(("test", "change_type"), [
    ("not envs.VLLM_USE_V1", "configuration"),
    # near miss: the gate tested what the parser holds, no setting
    ("parser.prog", "core-logic"),
], ids=["setting-gate", "parser-gate"])
def test_a_gate_on_a_setting_lifted_from_over_its_steps_is_configuration(test: str, change_type: str) -> None:
    """vLLM GCU TR-59258 turns async output processing off by default whatever the engine, where
    it did so only for the V0 engine."""
    gated = f"if {test}:\n" + textwrap.indent(_ASYNC_DEFAULT, "    ")
    old = _GCU_PARSER_DEFAULTS.format(defaults=textwrap.indent(gated, " " * 8))
    new = _GCU_PARSER_DEFAULTS.format(defaults=textwrap.indent(_ASYNC_DEFAULT, " " * 8))
    assert _change_type(old, new, "vllm_gcu/gcu.py") == change_type


_GCU_MOE_ALIGN = ("import torch\n{imports}\n\ndef moe_align_block_size(topk_ids, expert_map):\n"
                  "    sorted_ids = torch.sort(topk_ids)\n    expert_ids = {gather}\n"
                  "    return sorted_ids, expert_ids\n")


@pytest.mark.parametrize(("old_gather", "new_gather", "change_type"), [
    ("expert_map[topk_ids.to(torch.int64)]", "torch_gcu.gcu.efficient.gcu_index(expert_map, [topk_ids])",
     "core-logic"),
    # near miss: the old line called what the new import serves
    ("torch.index_select(expert_map, 0, topk_ids)",
     "torch_gcu.gcu.efficient.gcu_index(expert_map, [topk_ids])", "dependency-wiring"),
], ids=["value-read", "function-called"])
def test_a_kernel_imported_to_replace_indexing_is_logic(old_gather: str, new_gather: str,
                                                       change_type: str) -> None:
    """vLLM GCU ARD-2916 gathers expert ids with torch_gcu's efficient index instead of tensor
    indexing, which read `torch.int64` but called nothing of `torch`."""
    old = _GCU_MOE_ALIGN.format(imports="", gather=old_gather)
    new = _GCU_MOE_ALIGN.format(imports="import torch_gcu\n", gather=new_gather)
    assert _change_type(old, new, "vllm_gcu/kernels/fused_moe.py") == change_type


_QAIC_VERSIONS = ('#!/bin/bash\nTORCH_VERSION_PYT="2.10.0+cpu"\n{device}\nVLLM_DIR="$(pwd)/vllm"\n'
                  'log() {{\n  echo "$1"\n}}\n')


@pytest.mark.parametrize(("device", "change_type"), [
    ('VLLM_TARGET_DEVICE_PYT="empty"', "configuration"),
    # near misses: a value the script works out when it runs; a list it works through
    ('VLLM_TARGET_DEVICE_PYT="$(detect_device)"', "infrastructure"),
    ("VLLM_TARGET_DEVICE_PYT=cpu,empty", "infrastructure"),
], ids=["constant-set", "value-computed", "list-set"])
def test_a_constant_a_build_script_sets_is_configuration(device: str, change_type: str) -> None:
    """vLLM QAIC #49 builds vLLM for an empty target device, where a user could choose and the
    default was the CPU."""
    old = _QAIC_VERSIONS.format(device='VLLM_TARGET_DEVICE_PYT="${VLLM_TARGET_DEVICE_PYT:-cpu}"')
    assert _change_type(old, _QAIC_VERSIONS.format(device=device), path="scripts/utility.sh") == change_type


_MS_ADVANCE_STEP = ("import os\n\n\nclass MsAttentionMetadata:\n"
                    "    def advance_step(self, model_input, num_seqs):\n"
                    "        self.max_len = max(self.seq_lens)\n{step}")
_ADVANCE_OP = "advance_step_op(model_input, self.seq_lens_tensor, num_seqs)\n"


@pytest.mark.parametrize(("test", "change_type"), [
    ('os.getenv("vLLM_USE_NPU_ADV_STEP_FLASH_OP", "on") != "off"', "configuration"),
    # near miss: the branch chosen by the data at hand
    ("num_seqs > 1", "core-logic"),
], ids=["environment-choice", "data-choice"])
def test_a_choice_by_a_setting_given_up_for_one_branch_is_configuration(test: str, change_type: str) -> None:
    """vLLM MindSpore !741 always advances a step with `advance_step_op`, where
    `vLLM_USE_NPU_ADV_STEP_FLASH_OP` chose the AscendC op by default."""
    chosen = (f"if {test}:\n    npu_ops.adv_step_flash(model_input, num_seqs)\nelse:\n"
              + textwrap.indent(_ADVANCE_OP, "    "))
    old = _MS_ADVANCE_STEP.format(step=textwrap.indent(chosen, " " * 8))
    new = _MS_ADVANCE_STEP.format(step=textwrap.indent(_ADVANCE_OP, " " * 8))
    assert _change_type(old, new, "vllm_mindspore/attention/backends/ms_attn.py") == change_type


_HPU_MROPE = ("import torch\n\n\nclass HPUMRotaryEmbedding(MRotaryEmbedding):\n"
              "    def forward_oot(self, positions, query, key){returns}:\n{body}")
_NATIVE_ROPE = "        return self.forward_native(positions, query, key)\n"
_KERNEL_ROPE = ("        query = apply_rotary_pos_emb(query, self.cos, self.sin)\n"
                "        key = apply_rotary_pos_emb(key, self.cos, self.sin)\n        return query, key\n")


@pytest.mark.parametrize(("returns", "change_type"), [
    (" -> tuple[torch.Tensor, torch.Tensor]", "core-logic"),
    # near miss: nothing says the call handed back a pair before
    ("", "data-contract"),
], ids=["declared-a-pair", "undeclared"])
def test_a_pair_returned_where_a_call_was_by_a_function_declared_to_return_one_is_logic(
        returns: str, change_type: str) -> None:
    """vLLM Gaudi #167 runs the HPU M-RoPE kernel again where it returned the native forward's
    result; the method says it returns a pair either way."""
    old = _HPU_MROPE.format(returns=returns, body=_NATIVE_ROPE)
    new = _HPU_MROPE.format(returns=returns, body=_KERNEL_ROPE)
    assert _change_type(old, new, "vllm_gaudi/ops/hpu_rotary_embedding.py") == change_type


_RMSNORM_LAUNCH = ("import triton\n\n\ndef rmsnorm_forward(x, weight, eps):\n    N = x.shape[-1]\n"
                   "    BLOCK_SIZE = triton.next_power_of_2(N)\n"
                   "    {name} = min(max(BLOCK_SIZE // 256, 1), {cap})\n"
                   "    _rms_norm_kernel[(x.shape[0],)](x, weight, eps, BLOCK_SIZE={name})\n")


@pytest.mark.parametrize(("name", "change_type"), [
    ("num_warps", "configuration"),
    # near miss: a number of what the kernel computes over
    ("rows", "core-logic"),
], ids=["warps-capped", "rows-capped"])
def test_a_kernel_launch_tuned_by_its_numbers_is_configuration(name: str, change_type: str) -> None:
    """LightLLM #946 launches its RMSNorm kernel with at most 4 warps, where it took 8."""
    old = _RMSNORM_LAUNCH.format(name=name, cap=8)
    assert _change_type(old, _RMSNORM_LAUNCH.format(name=name, cap=4), "lightllm/triton_kernel/rmsnorm.py") \
        == change_type


_ENV_SCRIPT = ('export MACA_PATH=/opt/maca\nexport PATH=${{MACA_PATH}}/bin:${{PATH}}\n'
               'export LD_LIBRARY_PATH=${{MACA_PATH}}/lib:${{LD_LIBRARY_PATH}}{tail}')


@pytest.mark.parametrize(("tail", "change_type"), [
    ("", "configuration"),
    # near miss: a step the script runs goes with the switch
    ("\nmake kernels", "infrastructure"),
], ids=["switch-unexported", "step-dropped-too"])
def test_a_switch_an_environment_script_no_longer_exports_is_configuration(
        tail: str, change_type: str) -> None:
    """vLLM MetaX's `env.sh` stops exporting VLLM_INSTALL_PUNICA_KERNELS=1; its last line lost its
    line break on the way, which changes nothing."""
    old = _ENV_SCRIPT.format(tail="\n\nexport VLLM_INSTALL_PUNICA_KERNELS=1" + tail)
    assert _change_type(old, _ENV_SCRIPT.format(tail=""), path="env.sh") == change_type


_ACL_CONFIG = ("from pkg.configs.option_base import OptionValue, IntRangeValue, NpuBaseConfig\n{constant}\n\n"
               "class _AclGraphConfig(NpuBaseConfig):\n    def __init__(self):\n"
               "        self._static_kernel = OptionValue(False, [True, False])\n{field}"
               "        super().__init__()\n\n"
               "    def as_dict(self):\n        options = {{}}\n"
               "        options['_static_kernel'] = self._static_kernel.value\n{entry}"
               "        return options\n")


@pytest.mark.parametrize(("value", "expected"), [
    ("IntRangeValue(0, 0, INT64_MAX)", "configuration"),
    # near miss: the field holds what the constructor works out
    ("probe_device()", "core-logic"),
], ids=["option-object-of-values", "value-computed"])
def test_options_a_class_of_options_gains_in_its_constructor_are_configuration(
        value: str, expected: str) -> None:
    """TorchAir !2423 gives its ACL graph options a symbol index and a range of symbol values."""
    old = _ACL_CONFIG.format(constant="", field="", entry="")
    new = _ACL_CONFIG.format(constant="INT64_MAX = 2 ** 63 - 1\n",
                             field=f"        self._sym_index = {value}\n",
                             entry="        options['_sym_index'] = self._sym_index.value\n")
    assert _change_type(old, new, path="pkg/configs/experimental_config.py") == expected


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("MustExistedPathValue", "MustExistedPathValue('./')", "configuration"),
    # near miss: the field now holds what the constructor works out
    ("MustExistedPathValue", "find_export_dir()", "core-logic"),
], ids=["option-object-given-its-default", "value-computed"])
def test_a_field_of_a_class_of_options_set_anew_to_an_option_of_values_is_configuration(
        was: str, now: str, expected: str) -> None:
    """TorchAir !723 gives its export config's path an option object defaulting to `./`, where
    it held the option class."""
    old = _ACL_CONFIG.format(constant="", field=f"        self.export_path_dir = {was}\n", entry="")
    new = _ACL_CONFIG.format(constant="", field=f"        self.export_path_dir = {now}\n", entry="")
    assert _change_type(old, new, path="pkg/configs/export_config.py") == expected


_MULTINODE = ('"""Multi-node check.\n\n  python run.py --role master --tp {tp}{usage}\n"""\nimport argparse\n'
              'import subprocess\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n'
              '    parser.add_argument("--tp", type=int, default={tp})\n{option}'
              '    return parser.parse_args()\n\n\n'
              'def run_master(args):\n    print(f"TP: {{args.tp}}{shown}")\n'
              '    cmd = [\n        "python", "-m", "sglang.launch_server",\n        "--tp",\n'
              '        str(args.tp),\n{passed}    ]\n    subprocess.run(cmd)\n')


@pytest.mark.parametrize(("passed", "expected"), [
    ('        "--pp-size",\n        str(args.pp),\n', "configuration"),
    # near miss: the command is worked out from the option
    ('        *pipeline_flags(args.pp, cmd),\n', "core-logic"),
], ids=["option-passed-on", "option-computed-with"])
def test_an_option_an_example_gains_with_its_default_passed_to_what_it_runs_is_configuration(
        passed: str, expected: str) -> None:
    """The FlagOS SGLang plugin's multi-node examples #23 take a pipeline parallel size (2 by
    default) and hand it to the server they launch."""
    old = _MULTINODE.format(tp=8, usage="", option="", shown="", passed="")
    option = '    parser.add_argument("--pp", type=int, default=2)\n'
    new = _MULTINODE.format(tp=2, usage=" --pp 2", option=option, shown="    PP: {args.pp}", passed=passed)
    assert _change_type(old, new, path="examples/multinode.py") == expected


_METADATA_BUILDER = ("from typing import ClassVar\n\nfrom vllm.v1.attention.backends.utils import "
                     "AttentionMetadataBuilder\n\n\nclass FlashAttentionMetadataBuilder(\n"
                     "        AttentionMetadataBuilder[FlashAttentionMetadata]):\n"
                     "    cudagraph_support = 1\n{declared}\n"
                     "    def __init__(self, spec):\n        self.spec = spec\n{read}")


@pytest.mark.parametrize(("read", "expected"), [
    ("", "data-contract"),
    # near miss: the class reads the attribute itself, a setting of its own
    ("        self.threshold = self.reorder_batch_threshold\n", "configuration"),
], ids=["declared-for-the-base", "read-by-the-class"])
def test_an_attribute_a_class_derived_from_a_dependencys_declares_for_it_is_a_data_contract(
        read: str, expected: str) -> None:
    """vLLM MetaX's FlashAttention builder declares `reorder_batch_threshold`, so vLLM's runner
    calls its `reorder_batch`."""
    old = _METADATA_BUILDER.format(declared="", read=read)
    new = _METADATA_BUILDER.format(declared="\n    reorder_batch_threshold: ClassVar[int] = 1\n", read=read)
    assert _change_type(old, new, path="vllm_metax/v1/attention/backends/flash_attn.py") == expected


_PLATFORM_CONFIG = ("class MacaPlatform(Platform):\n    @classmethod\n"
                    "    def check_and_update_config(cls, vllm_config):\n"
                    "        model_config = vllm_config.model_config\n"
                    "        parallel_config = vllm_config.parallel_config\n"
                    "        if parallel_config.worker_cls == 'auto':\n"
                    "            parallel_config.worker_cls = 'vllm.v1.worker.gpu_worker.Worker'\n{case}")


@pytest.mark.parametrize(("target", "expected"), [
    ("model_config.model_arch_config.is_mm_prefix_lm", "configuration"),
    # near miss: a flag of the platform's own, which its code branches on
    ("cls.use_prefix_lm", "core-logic"),
], ids=["configuration-field-set-for-a-model", "own-flag-set"])
def test_a_configuration_field_given_a_literal_for_some_models_is_configuration(
        target: str, expected: str) -> None:
    """vLLM MetaX runs Gemma 4 models without the multimodal prefix LM, a flash attention hotfix."""
    case = ("        if model_config is not None:\n"
            "            if model_config.hf_config.model_type in ('gemma4_text', 'gemma4'):\n"
            f"                {target} = False\n")
    old = _PLATFORM_CONFIG.format(case="")
    assert _change_type(old, _PLATFORM_CONFIG.format(case=case), path="vllm_metax/platform.py") == expected


_PREPARE_FINALIZE = ("import torch\n{imported}\n\ndef {name}(moe, quant_config):\n"
                     "    if moe.use_deepep:\n        return DeepEPPrepareAndFinalize(moe)\n"
                     "    return None\n{patch}")
_PATCHED_IN = "\n\nall2all_utils.maybe_make_prepare_finalize = maca_maybe_make_prepare_finalize\n"


@pytest.mark.parametrize(("patch", "expected"), [
    (_PATCHED_IN, "dependency-wiring"),
    # near miss: renamed, and nothing stands in the old name's place
    ("", "data-contract"),
], ids=["renamed-into-the-dependency", "renamed-only"])
def test_a_function_renamed_and_bound_to_a_dependencys_name_for_it_patches_it_in(
        patch: str, expected: str) -> None:
    """vLLM MetaX renames its `maybe_make_prepare_finalize` and binds it in vLLM's `all2all_utils`,
    so vLLM's MoE layers build MetaX's DeepEP prepare-finalize."""
    old = _PREPARE_FINALIZE.format(imported="", name="maybe_make_prepare_finalize", patch="")
    imported = "from vllm.model_executor.layers.fused_moe import all2all_utils\n" if patch else ""
    new = _PREPARE_FINALIZE.format(imported=imported, name="maca_maybe_make_prepare_finalize", patch=patch)
    assert _change_type(old, new, path="vllm_metax/patch/customized_prepare_finalize.py") == expected
