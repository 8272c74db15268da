"""The cyclic garbage collector during bulk analysis: paused, and run at a fixed pace."""

from __future__ import annotations

import ctypes
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

    The C heap is tuned too, for the rest of the process: freed trees and texts otherwise stay
    in it, and over a history of thousands of changes a worker held twice its live data.
    """

    def __init__(self, every: int = COLLECT_EVERY) -> None:
        self.every = every
        self.done = 0
        self._was_enabled = gc.isenabled()
        gc.disable()
        _map_large_blocks_apart()

    def tick(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            gc.collect(0)
            _return_free_memory()

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


def _c_library() -> ctypes.CDLL | None:
    """The symbols already loaded into the process, the C library's among them; looked up
    there, not by `ctypes.util.find_library`, which runs `ldconfig` on every start."""
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # TypeError: Windows takes no null name
        return None


_libc = _c_library()
_malloc_trim = getattr(_libc, "malloc_trim", None)
_mallopt = getattr(_libc, "mallopt", None)
_M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 << 10


def _map_large_blocks_apart() -> None:
    """Keep blocks of `LARGE_BLOCK` and more (a module's text, its list of lines) out of the
    heap, each in its own mapping that goes back to the system when freed. glibc otherwise
    raises that threshold to the largest block freed so far, and the heap holds on to them."""
    if _mallopt is not None:
        _mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)


def _return_free_memory() -> None:
    """Hand the C heap's free pages back to the system, which glibc otherwise keeps mapped
    once the heap has grown for a change of many or huge files."""
    if _malloc_trim is not None:
        _malloc_trim(0)
