"""Workers walk contiguous stretches of the work, steal half of the longest one left, and a
worker that dies is reported, not waited for."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

import pytest

from prdossier.cli.stretches import Stretches, spread
from prdossier.errors import UserError


def test_each_index_is_claimed_once_in_order_then_stolen_from_the_longest_stretch() -> None:
    stretches = Stretches(multiprocessing.get_context("fork"), total=10, workers=2)
    assert [stretches.claim(0) for _ in range(5)] == [0, 1, 2, 3, 4]
    assert stretches.claim(1) == 5
    # worker 0 is done; worker 1 has 6..9 left, so worker 0 takes the middle and what follows
    assert [stretches.claim(0) for _ in range(2)] == [8, 9]
    assert [stretches.claim(1) for _ in range(2)] == [6, 7]
    assert stretches.claim(0) is None and stretches.claim(1) is None


def test_spread_returns_every_result_once() -> None:
    def setup() -> Callable[[int], int]:
        return lambda item: item * item

    assert sorted(spread(list(range(50)), 3, setup)) == [n * n for n in range(50)]


def test_a_worker_hands_its_stretch_to_a_fresh_process_after_its_share() -> None:
    def setup() -> Callable[[int], tuple[int, int]]:
        return lambda item: (item, os.getpid())

    results = list(spread(list(range(40)), 2, setup, items_per_process=6))
    assert sorted(item for item, _ in results) == list(range(40))
    processes = {pid for _, pid in results}
    assert len(processes) >= 40 // 6
    assert all(sum(pid == p for _, pid in results) <= 6 for p in processes)


def test_a_worker_that_dies_is_reported() -> None:
    def setup() -> Callable[[int], int]:
        def work(item: int) -> int:
            if item == 7:
                os._exit(3)
            return item
        return work

    with pytest.raises(UserError, match="exit status 3"):
        list(spread(list(range(20)), 2, setup))
