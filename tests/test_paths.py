"""A path's category, from where the file sits and what it is called."""

from __future__ import annotations

import pytest

from prdossier.analysis.paths import category


@pytest.mark.parametrize(("path", "expected"), [
    ("vllm_ascend/ops/gdn.py", "source"),
    ("tests/ut/ops/test_moe_mlp.py", "test"),
    ("tests/e2e/nightly/multi_node/scripts/run.sh", "infra"),
    ("tests/e2e/nightly/config/DeepSeek-V3_2.yaml", "test"),
    ("benchmark/scripts/benchmark_qwen2vl_mrope.py", "benchmark"),
    ("benchmark/test_unary_pointwise_perf.py", "benchmark"),
    ("tests/benchmark/test_perf.py", "test"),
    ("kernels/src/kernels/cli/benchmark.py", "source"),
    ("optimum/commands/benchmark_export.py", "source"),
    ("benchmarks/cli/run.py", "benchmark"),
    ("scripts/benchmark_moe.py", "benchmark"),
    ("pkg/test_utils.py", "test"),
    ("docs/hooks/macros_main.py", "docs"),
    ("docs/contributing/tests/other_tests.md", "docs"),
    ("tests/docs/expected.md", "test"),
    ("README.md", "docs"),
    ("site/404.html", "docs"),
    ("site/CNAME", "docs"),
    ("python/site_utils.py", "source"),
    ("assets/logo.png", "docs"),
    ("docs/images/architecture.svg", "docs"),
    ("tests/fixtures/cat.jpg", "test"),
    ("requirements.txt", "config"),
    ("requirements-dev.txt", "config"),
    ("dev/fmt-requirements.txt", "config"),
    ("requirements/runtime_cuda.txt", "config"),
    ("pyproject.toml", "config"),
    (".github/workflows/configs/nightly_config.yaml", "infra"),
    (".github/workflows/test_onnxruntime.yml", "infra"),
    (".github/scripts/test_matrix.py", "test"),
    ("setup.py", "infra"),
    ("install_dev.py", "infra"),
    ("setup_kernels.py", "infra"),
    ("pkg/install.py", "source"),
    ("docker/Dockerfile.npu", "infra"),
    ("scripts/release.py", "infra"),
    ("tools/ci/assert_dsl_floor.py", "infra"),
    ("trl/scripts/env.py", "source"),
    ("autotest/tools/pipeline/pipeline_chat_script.py", "test"),
    ("examples/sentence-transformers/requirements.txt", "config"),
    ("docs/requirements.txt", "config"),
    ("VERSION", "config"),
    ("version.txt", "config"),
    (".buildkite/vllm_lkg.version", "infra"),
    (".azure-pipelines/unit-test-cuda.yml", "infra"),
    (".azure-pipelines/scripts/ut/run_ut_cuda.sh", "infra"),
    (".azure_pipelines/scripts/update_versions_json.py", "infra"),
    (".pipelines/templates/build.yml", "infra"),
    (".gitlab-ci.yml", "infra"),
    ("azure-pipelines.yml", "infra"),
    ("configs/train.yml", "config"),
    ("pkg/version.py", "source"),
    ("pkg/conversion", "source"),
])
def test_category(path: str, expected: str) -> None:
    assert category(path) == expected
