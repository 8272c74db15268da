"""Benchmark: link every PR of a synced history, then a few new ones incrementally.

    python bench/link_bench.py PATH_TO_REPO --db STORE [--incremental 20]

Syncs the repository into STORE first when it is not there yet (that part is not timed).
Prints the time to link every PR from scratch, its ratio to the floor measured in the same
run (reading the PRs' files, symbols, tags and references from the store once), and the time
per PR when the last N PRs arrive as new ones.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from prdossier.cli.linking import link_pending
from prdossier.cli.session import Session, open_session


def unlink(session: Session, shas: list[str] | None) -> None:
    """Forget the links of `shas` (of every PR when None), as if those PRs were new."""
    db, repo_id = session.store.db, session.repo_id
    if shas is None:
        db.execute("DELETE FROM links WHERE repo_id=?", (repo_id,))
        db.execute("UPDATE changes SET linked=0 WHERE repo_id=?", (repo_id,))
    else:
        for sha in shas:
            db.execute("DELETE FROM links WHERE repo_id=? AND (sha=? OR other_sha=?)",
                       (repo_id, sha, sha))
            db.execute("UPDATE changes SET linked=0 WHERE repo_id=? AND sha=?", (repo_id, sha))
    db.commit()


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--incremental", type=int, default=20)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "prdossier", "sync", "--repo", str(args.repo),
                    "--db", str(args.db)], check=True)
    session = open_session(args.repo, str(args.db), None, None)
    store, repo_id = session.store, session.repo_id
    prs = store.pr_count(repo_id)

    floor = timed(lambda: store.pr_digests(repo_id))
    unlink(session, None)
    full = timed(lambda: link_pending(session))
    links = store.db.execute("SELECT count(*) FROM links WHERE repo_id=?", (repo_id,)).fetchone()[0]
    newest = [row[0] for row in store.db.execute(
        "SELECT sha FROM changes WHERE repo_id=? AND number IS NOT NULL "
        "ORDER BY position DESC LIMIT ?", (repo_id, args.incremental))]
    unlink(session, newest)
    incremental = timed(lambda: link_pending(session))

    print(f"PRs linked from scratch:  {prs} in {full:.2f}s ({prs / full:.0f} PRs/s), "
          f"{links // 2} links")
    print(f"floor (read the indexes): {floor:.2f}s; linking / floor = {full / floor:.1f}x")
    print(f"incremental: {len(newest)} new PRs in {incremental:.2f}s "
          f"({incremental / max(len(newest), 1) * 1000:.0f} ms per PR, reading the indexes included)")


if __name__ == "__main__":
    main()
