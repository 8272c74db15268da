"""The cyclic garbage collector during bulk analysis: paused, and run at a fixed pace."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

COLLECT_EVERY = 64
Item = TypeVar("Item")
Result = TypeVar("Result")


class PacedCollector:
    """Turns automatic collection off until `close`; `tick` after each unit of work collects
    once every `every` units.

    Parsing allocates millions of syntax-tree nodes. The automatic collector answers each
    few hundred allocations by traversing the young objects, and every so often the whole
    growing heap, although the analysis makes no reference cycles: reference counting frees
    each tree. That traversal took a third of sync's time. The rare cycle a library makes is
    found by the next paced collection, which looks only at the objects made since the one
    before: the survivors of earlier ones (the parse cache, the project's summaries) are
    long-lived, and traversing them again each time cost 8% of sync.
    """

    def __init__(self, every: int = COLLECT_EVERY) -> None:
        self.every = every
        self.done = 0
        self._was_enabled = gc.isenabled()
        gc.disable()

    def tick(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            gc.collect(0)

    def close(self) -> None:
        if self._was_enabled:
            gc.enable()


def paced_map(work: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
    """`map` in this process, with the collector paced."""
    collector = PacedCollector()
    try:
        for item in items:
            yield work(item)
            collector.tick()
    finally:
        collector.close()
