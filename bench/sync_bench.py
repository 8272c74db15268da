"""Benchmark: full sync from an empty store, then reports, against baselines measured in the same run.

    python bench/sync_bench.py PATH_TO_REPO [--reports 30] [--pydriller-commits 200]

Prints: changes/s of `prdossier sync`, its ratio to `git log --first-parent -p` over the same
commits (the issue's baseline) and to the physical floor (read and `ast.parse` every changed
Python blob once), report wall time p50/p95 (a fresh process each, from a synced store), peak
RSS, and the ratio to PyDriller's changes/s extracting changed methods (when it is installed:
`pip install -e '.[bench]'`). The package's bytecode is compiled first, as `pip install .` leaves
it: an editable install run with PYTHONDONTWRITEBYTECODE would otherwise compile every module
in every report process.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pygit2
from pygit2.enums import DiffOption, SortMode


def first_parent(repo: pygit2.Repository) -> list[pygit2.Commit]:
    walker = repo.walk(repo.head.target, SortMode.TOPOLOGICAL | SortMode.REVERSE)
    walker.simplify_first_parent()
    return list(walker)


def changed_sides(repo: pygit2.Repository,
                  commits: list[pygit2.Commit]) -> Iterator[pygit2.DiffFile]:
    """Both sides of every changed path of every commit against its first parent."""
    zero = pygit2.Oid(hex="0" * 40)
    for commit in commits:
        base = commit.parents[0].tree if commit.parents else None
        diff = (repo.diff(base, commit.tree, flags=DiffOption.SKIP_BINARY_CHECK) if base
                else commit.tree.diff_to_tree(flags=DiffOption.SKIP_BINARY_CHECK, swap=True))
        for delta in diff.deltas:
            yield from (side for side in (delta.old_file, delta.new_file) if side.id != zero)


def git_log_baseline(path: Path, excluded: list[str]) -> float:
    pathspec = ["--", "."] + [f":(exclude){p}" for p in excluded] if excluded else []
    started = time.perf_counter()
    subprocess.run(["git", "-C", str(path), "log", "--first-parent", "-p", *pathspec],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def missing_blob_paths(repo: pygit2.Repository, commits: list[pygit2.Commit]) -> list[str]:
    """Paths whose blobs a partial clone lacks; `git log -p` stops at them, so both skip them."""
    paths: set[str] = set()
    for side in changed_sides(repo, commits):
        if not repo.odb.exists(side.id):
            paths.add(side.path)
    return sorted(paths)


def parse_floor(repo: pygit2.Repository, commits: list[pygit2.Commit]) -> float:
    started = time.perf_counter()
    seen: set[pygit2.Oid] = set()
    for side in changed_sides(repo, commits):
        if side.path.endswith(".py") and side.id not in seen and repo.odb.exists(side.id):
            seen.add(side.id)
            with contextlib.suppress(SyntaxError, ValueError):
                ast.parse(repo[side.id].data)
    return time.perf_counter() - started


def compile_package() -> None:
    import prdossier

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(prdossier.__file__).parent)],
                   check=True)


def prdossier(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "prdossier", *args], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def pydriller_rate(path: Path, shas: list[str]) -> float | None:
    try:
        from pydriller import Repository
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as front:
        # PyDriller (GitPython) wants a work tree; a `.git` file pointing at the repository gives
        # it one without checking anything out, which also suits bare and partial clones.
        (Path(front) / ".git").write_text(f"gitdir: {path}\n")
        started = time.perf_counter()
        count = 0
        for commit in Repository(front, only_commits=shas).traverse_commits():
            for modified in commit.modified_files:
                _ = modified.changed_methods
            count += 1
        return count / (time.perf_counter() - started)


def readable_commits(repo: pygit2.Repository, commits: list[pygit2.Commit]) -> list[pygit2.Commit]:
    """The commits whose changed blobs are all present: PyDriller stops at a missing one."""
    return [c for c in commits if all(repo.odb.exists(side.id) for side in changed_sides(repo, [c]))]


def evenly_spaced(commits: list[pygit2.Commit], count: int) -> list[str]:
    """`count` commits spread over the whole history (early commits are smaller than late
    ones, so a slice from one end would flatter one side); 0 takes them all."""
    if count <= 0 or count >= len(commits):
        return [str(c.id) for c in commits]
    step = len(commits) / count
    return [str(commits[int(i * step)].id) for i in range(count)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--pydriller-commits", type=int, default=200,
                        help="commits PyDriller analyses, spread over the history; 0: all")
    args = parser.parse_args()
    args.repo = args.repo.resolve()
    repo = pygit2.Repository(pygit2.discover_repository(str(args.repo)))
    commits = first_parent(repo)
    excluded = missing_blob_paths(repo, commits)
    baseline = git_log_baseline(args.repo, excluded)
    floor = parse_floor(repo, commits)
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite3")
        sync_seconds = prdossier("sync", "--repo", str(args.repo), "--db", db)
        sync_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with sqlite3.connect(db) as conn:
            numbers = [row[0] for row in conn.execute(
                "SELECT number FROM changes WHERE number IS NOT NULL ORDER BY position DESC")]
        sample = numbers[: args.reports]
        first = [prdossier("report", str(n), "--repo", str(args.repo), "--db", db) for n in sample]
        cached = [prdossier("report", str(n), "--repo", str(args.repo), "--db", db) for n in sample]
    rate = len(commits) / sync_seconds
    print(f"repository          {args.repo} ({len(commits)} first-parent commits)")
    if excluded:
        print(f"missing blobs       {len(excluded)} paths left out of the git log baseline")
    print(f"git log -p          {baseline:.2f}s")
    print(f"parse floor         {floor:.2f}s (read + ast.parse each changed Python blob once)")
    print(f"prdossier sync      {sync_seconds:.2f}s = {rate:.1f} changes/s")
    print(f"  ratio to git log  {sync_seconds / baseline:.2f}x (target <= 3x)")
    print(f"  ratio to floor    {sync_seconds / floor:.2f}x")
    print(f"peak RSS            {sync_rss_mb:.0f} MB (largest single process)")
    if sample:
        print(f"report, first       p50 {statistics.median(first):.3f}s  "
              f"p95 {percentile(first, 0.95):.3f}s  ({len(sample)} PRs, new process each)")
        print(f"report, cached      p50 {statistics.median(cached):.3f}s  "
              f"p95 {percentile(cached, 0.95):.3f}s")
    shas = evenly_spaced(readable_commits(repo, commits), args.pydriller_commits)
    driller = pydriller_rate(Path(repo.path).resolve(), shas)
    if driller is None:
        print("pydriller           not installed (pip install -e '.[bench]')")
    else:
        print(f"pydriller           {driller:.1f} changes/s on {len(shas)} commits spread over "
              f"the history; prdossier/pydriller = {rate / driller:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
