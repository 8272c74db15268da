from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepoBuilder

MODEL_V1 = '''\
import torch
from sgl_kernel import dsv3_router_gemm

from .utils import is_cuda

_is_cuda = is_cuda()


class Layer:
    def __init__(self, quant):
        if quant:
            self._gfx95_quant_format = "fp8"

    def forward(self, x):
        return dsv3_router_gemm(x, self._gfx95_quant_format)


def helper(a, b):
    return a + b
'''

KERNEL_IMPORT = "from sgl_kernel import dsv3_router_gemm\n"
# PR #12 of the sample history moves the CUDA-only kernel import under the platform guard.
MODEL_V2 = MODEL_V1.replace(KERNEL_IMPORT, "").replace(
    "_is_cuda = is_cuda()\n", f"_is_cuda = is_cuda()\n\nif _is_cuda:\n    {KERNEL_IMPORT}")


@pytest.fixture
def sample_repo(tmp_path: Path) -> GitRepoBuilder:
    """A small history: two squash-merged PRs, a plain commit, and a GitHub merge commit."""
    repo = GitRepoBuilder(tmp_path / "sample")
    repo.commit("Initial import", {
        "python/pkg/models/layer.py": MODEL_V1,
        "python/pkg/models/utils.py": "def is_cuda():\n    return True\n",
        "README.md": "# sample\n",
    })
    repo.commit("[NPU]Guard the CUDA-only kernel import (#12)\n\n## Motivation\n"
                "The kernel package is missing on NPU, see #7.\n",
                {"python/pkg/models/layer.py": MODEL_V2})
    repo.commit("docs: typo", {"README.md": "# sample repo\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("Add scaling", {"python/pkg/models/utils.py":
                                "def is_cuda():\n    return True\n\n\ndef scale(x, factor=2):\n"
                                "    return x * factor\n",
                                "tests/test_utils.py": "from pkg.models.utils import scale\n\n\n"
                                "def test_scale():\n    assert scale(2) == 4\n"})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "feature", "-m",
             "Merge pull request #15 from ada/feature\n\n[AMD][Kernel] Add a scale helper")
    return repo
