"""`prdossier sync`: analyse every change of the first-parent history not yet in the store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from prdossier.analysis.analyze import analyze
from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.description import describe
from prdossier.analysis.models import ChangeFacts
from prdossier.cli.collector import paced_map
from prdossier.cli.linking import link_pending
from prdossier.cli.session import Session
from prdossier.cli.stretches import spread
from prdossier.errors import UserError
from prdossier.sources.git import GitRepo
from prdossier.sources.models import ChangeDiff, ChangeMeta, Note
from prdossier.sources.tree import SourceTree

POOL_THRESHOLD = 24
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
    git_dir, config = session.repo.git_dir, session.config
    if jobs <= 1 or len(todo) < POOL_THRESHOLD:
        repo = session.repo
        yield from paced_map(lambda item: _one(repo, config, *item), todo)
        return

    def setup() -> Callable[[tuple[int, str]], Outcome]:
        repo = GitRepo(git_dir)  # a repository handle is not shared across a fork
        return lambda item: _one(repo, config, *item)

    session.repo.release()  # each worker would start from the parent's caches, unused there
    yield from spread(todo, jobs, setup)


def _one(repo: GitRepo, config: AnalysisConfig, position: int, sha: str) -> Outcome:
    try:
        return position, sha, analyse_change(repo, config, sha), None
    except UserError as exc:
        return position, sha, None, str(exc)
