"""`prdossier sync`: analyse every change of the first-parent history not yet in the store."""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from prdossier.analysis.analyze import analyze
from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.description import describe
from prdossier.analysis.models import ChangeFacts
from prdossier.cli.collector import PacedCollector, paced_map
from prdossier.cli.linking import link_pending
from prdossier.cli.session import Session
from prdossier.errors import UserError
from prdossier.sources.git import GitRepo
from prdossier.sources.models import ChangeDiff, ChangeMeta, Note
from prdossier.sources.tree import SourceTree

POOL_THRESHOLD = 24
# A worker's parse cache pays when it gets runs of consecutive commits: a file's new side is
# the old side of the next commit that changes it. Runs of 8 left most of those pairs split
# between the two workers; runs of 48 parse a quarter fewer files, and 13% less wall time on
# Liger-Kernel, while the progress bar still moves about once a second.
CHUNK_SIZE = 48
COMMIT_EVERY_SECONDS = 2.0


@dataclass
class SyncResult:
    total: int
    analysed: int = 0
    skipped: list[str] = field(default_factory=list)
    linked: int = 0
    interrupted: bool = False
    seconds: float = 0.0


Outcome = tuple[int, str, ChangeFacts | None, str | None]


def analyse_change(repo: GitRepo, config: AnalysisConfig, sha: str) -> ChangeFacts:
    """Facts of one change; a change the analysis cannot read gets a UserError."""
    meta = repo.meta(sha)
    return analyse_diff(repo.read_change(meta), config, repo.tree_at(sha))


def analyse_diff(change: ChangeDiff, config: AnalysisConfig, head: SourceTree | None) -> ChangeFacts:
    try:
        return analyze(change, config, head)
    except Exception as exc:  # a defect in one change's analysis must not stop the others
        return _failed_facts(change.meta, Note.failure("analysis-failed", exc))


def _failed_facts(meta: ChangeMeta, warning: Note) -> ChangeFacts:
    return ChangeFacts(meta=meta, files=[], key_symbols=[], excerpts=[], idioms=[], risks=[],
                       description=describe(meta), warnings=[warning])


def run_sync(session: Session, jobs: int,
             on_progress: Callable[[int, int], None] | None = None) -> SyncResult:
    shas = session.history
    done = session.store.current_shas(session.repo_id, session.analysis_key)
    todo = [(position, sha) for position, sha in enumerate(shas) if sha not in done]
    result = SyncResult(total=len(todo))
    started = last_commit = time.monotonic()
    store = session.store
    try:
        for position, sha, facts, skipped in _outcomes(session, todo, jobs):
            if facts is not None:
                store.save_facts(session.repo_id, position, facts, session.analysis_key)
                result.analysed += 1
            else:
                store.save_skipped(session.repo_id, sha, skipped or "")
                result.skipped.append(f"{sha[:10]}: {skipped}")
            if time.monotonic() - last_commit > COMMIT_EVERY_SECONDS:
                store.commit()
                last_commit = time.monotonic()
            if on_progress:
                on_progress(result.analysed + len(result.skipped), result.total)
        store.commit()
        result.linked = link_pending(session)
    except KeyboardInterrupt:
        result.interrupted = True
    finally:
        store.commit()
        result.seconds = time.monotonic() - started
    return result


def _outcomes(session: Session, todo: list[tuple[int, str]], jobs: int) -> Iterator[Outcome]:
    assert session.repo is not None, "only a clone has a history to walk"
    repo = session.repo
    if jobs <= 1 or len(todo) < POOL_THRESHOLD:
        yield from paced_map(lambda item: _one(repo, session.config, *item), todo)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker,
                      initargs=(str(repo.git_dir), session.config)) as pool:
        try:
            yield from pool.imap_unordered(_work, todo, chunksize=CHUNK_SIZE)
        except BaseException:
            pool.terminate()
            raise


def _one(repo: GitRepo, config: AnalysisConfig, position: int, sha: str) -> Outcome:
    try:
        return position, sha, analyse_change(repo, config, sha), None
    except UserError as exc:
        return position, sha, None, str(exc)


_worker: dict[str, object] = {}


def _init_worker(git_dir: str, config: AnalysisConfig) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["repo"] = GitRepo(Path(git_dir))
    _worker["config"] = config
    _worker["collector"] = PacedCollector()  # the worker process ends with the pool


def _work(item: tuple[int, str]) -> Outcome:
    repo = _worker["repo"]
    config = _worker["config"]
    collector = _worker["collector"]
    assert isinstance(repo, GitRepo) and isinstance(config, AnalysisConfig)
    assert isinstance(collector, PacedCollector)
    outcome = _one(repo, config, *item)
    collector.tick()
    return outcome
