"""A small multi-backend package written to disk, for the project-level rules and commands."""

from __future__ import annotations

from pathlib import Path

PYPROJECT = """\
[project]
name = "pkg"
dependencies = ["torch>=2.4"]

[project.optional-dependencies]
amd = ["amd-aiter>=0.1"]
dev = ["pyzmq"]
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "pkg/__init__.py": "from pkg.models import layer\n",
    "pkg/models/__init__.py": "",
    # unguarded CUDA-only import, reached from `import pkg`
    "pkg/models/layer.py": (
        "import torch\n"
        "from sgl_kernel import gemm\n\n\n"
        "class Layer:\n"
        "    def __init__(self, quant):\n"
        "        if quant:\n"
        "            self.fmt = 'fp8'\n"
        "        if quant:\n"
        "            self.scale = 2\n"
        "        else:\n"
        "            self.scale = 1\n\n"
        "    def forward(self, x):\n"
        "        return gemm(x, self.fmt) * self.scale\n"
    ),
    # every import here is protected, or declared for users, or only a dev tool
    "pkg/models/guarded.py": (
        "from typing import TYPE_CHECKING\n\n"
        "from pkg.utils import is_cuda\n\n"
        "import zmq\n\n"
        "if is_cuda():\n"
        "    from sgl_kernel import gemm\n"
        "try:\n"
        "    import aiter\n"
        "except ImportError:\n"
        "    aiter = None\n"
        "if TYPE_CHECKING:\n"
        "    import tvm_ffi\n\n\n"
        "def run(m: 'tvm_ffi.Module'):\n"
        "    import deep_gemm\n"
        "    return deep_gemm.run(m)\n"
    ),
    "pkg/utils.py": "def is_cuda():\n    return True\n",
    # a runtime import used only in annotations
    "pkg/launcher.py": (
        "import tvm_ffi\n"
        "import torch\n\n\n"
        "def launch(module: tvm_ffi.Module) -> torch.Tensor:\n"
        "    return torch.zeros(1)\n"
    ),
    # importers of the layer: they fail with it
    "pkg/serving/__init__.py": "",
    "pkg/serving/engine.py": "from pkg.models.layer import Layer\n",
    "pkg/serving/api.py": "from pkg.serving.engine import Layer\n",
    "pkg/serving/cli.py": "from pkg.serving import api\n",
    # a registry that loads modules by name in a loop
    "pkg/registry.py": (
        "import importlib\n\n"
        "MODELS = ['layer', 'guarded']\n\n\n"
        "def load():\n"
        "    return [importlib.import_module(f'pkg.models.{name}') for name in MODELS]\n"
    ),
    "tests/test_layer.py": "import sgl_kernel\n",
}


def write_project(root: Path, files: dict[str, str] | None = None) -> Path:
    for path, text in (files or FILES).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


MM_WITH_OUT_DTYPE = (
    "from typing import overload\n\n@overload\n"
    "def mm(input, mat2, *, out=None): ...\n@overload\n"
    "def mm(input, mat2, out_dtype, *, out=None): ...\n"
    "def add(input, other, *, alpha=1): ...\n")
MM_WITHOUT = "def mm(input, mat2, *, out=None): ...\ndef add(input, other, *, alpha=1): ...\n"


def fake_torch(site: Path, version: str, stub: str) -> Path:
    """A site-packages folder holding a torch distribution: metadata and stubs, no binary."""
    (site / "torch" / "_C").mkdir(parents=True)
    (site / "torch" / "__init__.py").write_text("from torch._C._VariableFunctions import *\n")
    (site / "torch" / "_C" / "__init__.py").write_text("")
    (site / "torch" / "_C" / "_VariableFunctions.pyi").write_text(stub)
    meta = site / f"torch-{version}.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: torch\nVersion: {version}\n")
    return site
