"""Bulk analysis runs with the cyclic collector paused: it must leave no syntax tree in a cycle."""

from __future__ import annotations

import ast
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.pysymbols import parse_cached
from prdossier.cli.collector import PacedCollector, paced_map
from prdossier.cli.sync import analyse_change
from prdossier.sources.git import GitRepo
from tests.gitrepo import GitRepoBuilder


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection the collector runs while the test does."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


def test_paced_collector_collects_the_young_generation_every_n_ticks_and_restores(
        collections: list[int]) -> None:
    assert gc.isenabled()
    collector = PacedCollector(every=3)
    assert not gc.isenabled()
    for _ in range(7):
        collector.tick()
        [object() for _ in range(5_000)]  # allocations that would trigger automatic passes
    collector.close()
    assert gc.isenabled()
    assert collections == [0, 0]


def test_paced_map_restores_the_collector_when_the_consumer_stops_early() -> None:
    squares = paced_map(lambda n: n * n, range(10))
    assert next(squares) == 0
    assert not gc.isenabled()
    squares.close()
    assert gc.isenabled()


def test_analysis_leaves_no_syntax_tree_in_a_reference_cycle(
        sample_repo: GitRepoBuilder, tmp_path: Path) -> None:
    sample_repo.commit("Probe the device before use (#20)", {"python/pkg/models/utils.py": (
        "import torch\n\n\nclass Probe:\n    def ready(self):\n"
        "        return hasattr(torch, 'npu') and getattr(torch, 'cuda', None) is not None\n\n\n"
        "def is_cuda():\n    return getattr(torch, 'cuda', None) is not None\n")})
    repo = GitRepo(sample_repo.root)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for sha in repo.first_parent_shas(repo.tip(None)):
            analyse_change(repo, AnalysisConfig(), sha)
        parse_cached.cache_clear()  # what the cache held is freed now, or left in a cycle
        gc.collect()
        trees = [item for item in gc.garbage if isinstance(item, ast.AST)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert trees == []
