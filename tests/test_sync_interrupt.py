"""Ctrl-C during sync keeps every change analysed so far, and the next run does only the rest."""

from __future__ import annotations

from pathlib import Path

from prdossier.cli.session import open_session
from prdossier.cli.sync import POOL_THRESHOLD, run_sync
from tests.gitrepo import GitRepoBuilder

COMMITS = 2 * POOL_THRESHOLD + 10
STOP_AFTER = POOL_THRESHOLD


def _history(root: Path) -> GitRepoBuilder:
    builder = GitRepoBuilder(root)
    for n in range(COMMITS):
        builder.commit(f"step {n} (#{n + 1})", {f"pkg/m{n % 7}.py": f"def f():\n    return {n}\n"})
    return builder


def test_interrupted_sync_keeps_completed_work_and_resumes(tmp_path: Path) -> None:
    assert COMMITS > POOL_THRESHOLD  # the worker pool is what runs
    builder = _history(tmp_path / "repo")
    db = str(tmp_path / "store.sqlite3")

    def stop_partway(done: int, total: int) -> None:
        if done == STOP_AFTER:
            raise KeyboardInterrupt

    first = run_sync(open_session(builder.root, db, None, None), jobs=2,
                     on_progress=stop_partway)
    assert first.interrupted
    assert first.analysed == STOP_AFTER

    second = run_sync(open_session(builder.root, db, None, None), jobs=2)
    assert not second.interrupted
    assert (second.total, second.analysed) == (COMMITS - STOP_AFTER, COMMITS - STOP_AFTER)
    assert run_sync(open_session(builder.root, db, None, None), jobs=2).total == 0
