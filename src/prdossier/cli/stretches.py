"""Work spread over worker processes that each walk one stretch of a list, in order.

Analysing a commit is cheapest right after its predecessor: a file's new side is the old side
of the next commit that changes it, and the project's summary of every file the commit leaves
alone carries over. A pool that deals out small chunks makes each worker summarise again
every file the others changed. Here each worker gets one contiguous stretch of the work; one
that finishes early takes the second half of what is left of the longest stretch. Results
stream back one at a time, so progress moves with every item.

A worker process hands its place to a fresh one after `ITEMS_PER_PROCESS` items. Memory the
analysis frees stays in the process, scattered among what it keeps, and its resident size
grew over a history of thousands of commits by some 65 kB a commit; a fresh process, forked
from the small parent, starts again from there, and loses only its caches' warmth.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, ForkProcess
from multiprocessing.sharedctypes import SynchronizedArray
from typing import Generic, TypeVar

from prdossier.cli.collector import PacedCollector
from prdossier.errors import UserError

ITEMS_PER_PROCESS = 1000
Item = TypeVar("Item")
Result = TypeVar("Result")


class Stretches:
    """The `[next, end)` bounds of each worker's stretch, shared by all of them."""

    def __init__(self, context: ForkContext, total: int, workers: int) -> None:
        self._bounds: SynchronizedArray[int] = context.Array("q", 2 * workers)
        for worker in range(workers):
            self._bounds[2 * worker] = total * worker // workers
            self._bounds[2 * worker + 1] = total * (worker + 1) // workers

    def left(self) -> int:
        """How many items no worker has claimed yet."""
        with self._bounds.get_lock():
            bounds = self._bounds
            return sum(max(0, bounds[2 * w + 1] - bounds[2 * w]) for w in range(len(bounds) // 2))

    def claim(self, worker: int) -> int | None:
        """The next index for `worker`: the next of its stretch, or, once that is done, the
        middle of the longest stretch left, whose second half becomes the worker's."""
        with self._bounds.get_lock():
            bounds = self._bounds
            start, end = bounds[2 * worker], bounds[2 * worker + 1]
            if start < end:
                bounds[2 * worker] = start + 1
                return start
            longest = max(range(len(bounds) // 2), key=lambda w: bounds[2 * w + 1] - bounds[2 * w])
            start, end = bounds[2 * longest], bounds[2 * longest + 1]
            if start >= end:
                return None
            middle = (start + end) // 2
            bounds[2 * longest + 1] = middle
            bounds[2 * worker], bounds[2 * worker + 1] = middle + 1, end
            return middle


class _Worker(Generic[Item, Result]):
    """One forked process: sets itself up, then sends the result of each item it claims, up to
    `limit` items."""

    def __init__(self, index: int, items: list[Item], stretches: Stretches,
                 setup: Callable[[], Callable[[Item], Result]], send: Connection, limit: int) -> None:
        self.index, self.items, self.stretches = index, items, stretches
        self.setup, self.send, self.limit = setup, send, limit

    def __call__(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
        work = self.setup()
        collector = PacedCollector()
        while collector.done < self.limit and (claimed := self.stretches.claim(self.index)) is not None:
            self.send.send(work(self.items[claimed]))
            collector.tick()
        self.send.close()


def spread(items: list[Item], jobs: int, setup: Callable[[], Callable[[Item], Result]],
           items_per_process: int = ITEMS_PER_PROCESS) -> Iterator[Result]:
    """The result of each item, in the order they are done, from `jobs` forked workers; each
    worker process calls `setup` once and applies what it returns to every item it claims,
    and a fresh one takes over its stretch after `items_per_process` items."""
    context = multiprocessing.get_context("fork")
    stretches = Stretches(context, len(items), jobs)
    running: dict[Connection, tuple[int, ForkProcess]] = {}

    def start(index: int) -> None:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_Worker(index, items, stretches, setup, send, items_per_process), daemon=True)
        process.start()
        send.close()  # the worker holds the only writing end, so its exit ends the pipe
        running[receive] = index, process

    try:
        for index in range(jobs):
            start(index)
        while running:
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                try:
                    yield ready.recv()
                except EOFError:
                    index, process = running.pop(ready)
                    _finish(process)
                    if stretches.left():
                        start(index)
    finally:
        for _, process in running.values():
            process.terminate()
            process.join()


def _finish(process: ForkProcess) -> None:
    process.join()
    if process.exitcode != 0:
        raise UserError(f"a worker process stopped with exit status {process.exitcode}; "
                        "what was done before is kept, run the command again to resume")
