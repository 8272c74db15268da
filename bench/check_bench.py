"""Benchmark: `prdossier check` over a whole tree against the floor measured in the same run.

    python bench/check_bench.py PATH_TO_REPO [--rev HEAD] [--jobs 2]

The floor is reading every Python file of the tree from git and `ast.parse`-ing it once, in
one process. The target is under 10 s for a 1,000-module package on a 2-core machine.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import subprocess
import sys
import time
from pathlib import Path

from prdossier.sources.git import GitRepo


def parse_floor(repo: Path, rev: str) -> tuple[float, int]:
    tree = GitRepo(repo).tree_at(rev)
    started = time.perf_counter()
    files = tree.files(lambda path: path.endswith(".py"))
    for file in files:
        data = tree.read(file)
        if data is not None:
            with contextlib.suppress(SyntaxError, ValueError):
                ast.parse(data)
    return time.perf_counter() - started, len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    floor, modules = parse_floor(args.repo, args.rev)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "prdossier", "check", str(args.repo), "--rev", args.rev,
                    "--jobs", str(args.jobs), "--format", "json", "-o", "/dev/null"],
                   stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    print(f"check: {modules} Python files in {elapsed:.2f}s with {args.jobs} jobs "
          f"({elapsed / modules * 1000:.1f} s per 1,000 modules; target < 10)")
    print(f"floor (read + ast.parse once, 1 process): {floor:.2f}s; check / floor = {elapsed / floor:.2f}x")


if __name__ == "__main__":
    main()
