"""`prdossier sync --github`: the review threads of the merged PRs, fetched into the store;
without a clone, each PR's change too, analysed from the API's patches.

Each PR's thread is committed as soon as it is fetched, so a stop (rate limit, Ctrl-C, a
failing server) keeps everything fetched; a re-run skips threads whose PR has not been
updated since and asks for the rest conditionally (ETags), which GitHub does not count.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from prdossier.cli.linking import link_pending
from prdossier.cli.session import Session
from prdossier.cli.sync import analyse_diff
from prdossier.errors import UserError
from prdossier.sources.github import (
    DEFAULT_API_URL,
    GitHubClient,
    GitHubError,
    RateLimited,
    Waiter,
    check_repo_name,
)
from prdossier.sources.github_change import change_from_api, change_sha
from prdossier.sources.pull_thread import fetch_pull_thread

Progress = Callable[[int, int], None]


@dataclass
class ThreadSyncResult:
    listed: int = 0
    fetched: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    stopped: str | None = None
    requests: int = 0
    seconds: float = 0.0


def read_token(token_file: Path | None) -> str | None:
    """From --token-file, else GITHUB_TOKEN; None when neither is set."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UserError(f"cannot read token file {token_file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise UserError(f"token file {token_file} is not text") from None
        if not token:
            raise UserError(f"token file {token_file} is empty")
        return token
    return os.environ.get("GITHUB_TOKEN", "").strip() or None


def checked_name(repo: str) -> str:
    try:
        return check_repo_name(repo)
    except GitHubError as exc:
        raise UserError(str(exc)) from None


def open_client(session: Session, repo: str, token: str | None, api_url: str | None,
                wait: Waiter, max_wait: float) -> GitHubClient:
    return GitHubClient(repo, token=token, api_url=api_url or DEFAULT_API_URL,
                        cache=session.store.page_cache(), wait=wait, max_wait=max_wait)


def fetch_threads(session: Session, client: GitHubClient, since: datetime,
                  on_progress: Progress | None = None) -> ThreadSyncResult:
    """Every merged PR's thread; without a clone, the PR's change too, analysed and linked."""
    started = time.perf_counter()
    result = ThreadSyncResult()
    try:
        pulls = list(client.merged_pulls_since(since))
    except GitHubError as exc:
        result.stopped = f"listing the merged PRs of {client.repo}: {exc}"
        return _finished(result, client, started)
    result.listed = len(pulls)
    analysed = session.store.current_shas(session.repo_id, session.analysis_key)
    for done, pull in enumerate(pulls, 1):
        if _up_to_date(session, pull, analysed):
            result.unchanged += 1
        else:
            try:
                _fetch_one(session, client, pull)
            except RateLimited as exc:
                result.stopped = str(exc)
                break
            except GitHubError as exc:
                result.failed.append(f"#{pull['number']}: {exc}")
            else:
                result.fetched += 1
            session.store.commit()
        if on_progress:
            on_progress(done, len(pulls))
    if session.repo is None:
        link_pending(session)
    return _finished(result, client, started)


def _up_to_date(session: Session, pull: dict[str, Any], analysed: set[str]) -> bool:
    stored = session.store.pull_thread_updated_at(session.repo_id, int(pull["number"]))
    if stored != pull.get("updated_at"):
        return False
    return session.repo is not None or change_sha(pull) in analysed


def _fetch_one(session: Session, client: GitHubClient, pull: dict[str, Any]) -> None:
    number = int(pull["number"])
    bundle = fetch_pull_thread(client, number)
    if session.repo is None:
        change = change_from_api(client, bundle["pull"])
        facts = analyse_diff(change, session.config, None)
        merged = datetime.fromisoformat(facts.meta.merged_at)
        session.store.save_facts(session.repo_id, int(merged.timestamp()), facts,
                                 session.analysis_key)
    session.store.save_pull_thread(session.repo_id, number, pull.get("updated_at"),
                                   json.dumps(bundle).encode())


def _finished(result: ThreadSyncResult, client: GitHubClient, started: float) -> ThreadSyncResult:
    result.requests = client.requests
    result.seconds = time.perf_counter() - started
    return result


def import_bundle(session: Session, path: Path) -> tuple[int, int]:
    """Store an exported PR thread; (PR number, review comments) for the summary line."""
    from prdossier.sources.pull_thread import parse_bundle

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    thread = parse_bundle(data, str(path))
    session.store.save_pull_thread(session.repo_id, thread.pull.number, thread.pull.updated_at,
                                   data)
    session.store.commit()
    return thread.pull.number, len(thread.review_comments)
