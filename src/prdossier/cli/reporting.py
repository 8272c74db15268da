"""`prdossier report`: resolve an ID, get the change's facts, render them."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Literal

from prdossier.cli.session import Session
from prdossier.errors import UserError

if TYPE_CHECKING:
    from prdossier.analysis.models import ChangeFacts, ReviewFacts
    from prdossier.narrate.report import Language

# The analysis, narration and rendering layers are imported where they are first needed:
# a cached report is then served without loading them, which halves its start-up time.

Format = Literal["md", "json"]
REPORTED_LINKS = 5
_NUMBER = re.compile(r"^#?(\d+)$")


def resolve_id(session: Session, change_id: str) -> str:
    """The commit sha behind `N`, `#N` or a (short) sha."""
    if match := _NUMBER.match(change_id.strip()):
        number = int(match[1])
        sha = session.store.sha_of_number(session.repo_id, number) or _scan_for(session, number)
        if sha:
            return sha
        if session.repo is None:
            raise UserError(f"PR #{number} of {session.name} is not in the store: run "
                            f"`prdossier sync --github {session.name}` (with --github-since "
                            "reaching its merge date)")
        if change_id.startswith("#") or len(change_id) < 7:
            raise UserError(_not_on_history(session, number))
    if session.repo is None:
        raise UserError(f"without a clone, changes are named by PR number, not {change_id!r}")
    return session.repo.resolve(change_id.strip())


def _not_on_history(session: Session, number: int) -> str:
    history = f"the first-parent history of {session.branch or 'HEAD'}"
    if session.repo is not None and session.repo.is_shallow:
        return (f"unknown PR #{number}: not on {history} in this shallow clone "
                "(deepen it with `git fetch --deepen` or `git fetch --unshallow`)")
    return f"unknown PR #{number}: no merged PR with that number on {history}"


def _scan_for(session: Session, number: int) -> str | None:
    for sha in reversed(session.history):
        if session.repo is not None and session.repo.meta(sha).number == number:
            return sha
    return None


def facts_for(session: Session, sha: str) -> ChangeFacts:
    stored = session.store.load_facts(session.repo_id, sha, session.analysis_key)
    if stored is not None:
        return stored
    if session.repo is None:
        raise UserError(f"{sha[:10]} was stored by another version of the analysis: run "
                        f"`prdossier sync --github {session.name}` again")
    from prdossier.cli.sync import analyse_change

    facts = analyse_change(session.repo, session.config, sha)
    position = _position(session, sha)
    session.store.save_facts(session.repo_id, position, facts, session.analysis_key)
    session.store.commit()
    return facts


def _position(session: Session, sha: str) -> int:
    return session.history.index(sha) if sha in session.history else -1


def render_report(session: Session, sha: str, language: Language, fmt: Format) -> str:
    links = linked_json(session, sha, REPORTED_LINKS)
    thread = _pull_thread(session, sha)
    key = _report_key(session, links, thread[0] if thread else "")
    cached = session.store.cached_report(session.repo_id, sha, language, fmt, key)
    if cached is not None:
        return cached
    from prdossier.narrate.narrator import narrate
    from prdossier.narrate.report import RepoRef
    from prdossier.render.json import render_json
    from prdossier.render.markdown import render_markdown

    facts = facts_for(session, sha)
    # A change analysed on the spot is stored and linked only now, so its links can differ.
    links = linked_json(session, sha, REPORTED_LINKS)
    key = _report_key(session, links, thread[0] if thread else "")
    repo = RepoRef(name=session.name, path=session.path, url=session.url)
    related = session.store.decode_links(links)
    review = _review(session, sha, thread[1]) if thread else None
    report = narrate(facts, repo, language, related, session.store.pr_count(session.repo_id),
                     review)
    content = render_json(report) if fmt == "json" else render_markdown(report)
    session.store.save_report(session.repo_id, sha, language, fmt, key, content)
    session.store.commit()
    return content


def linked_json(session: Session, sha: str, limit: int | None = None) -> list[str]:
    """The change's links as stored JSON, best first, after linking any PR not linked yet."""
    from prdossier.cli.linking import link_pending

    link_pending(session)
    return session.store.links_json(session.repo_id, sha, limit)


def _pull_thread(session: Session, sha: str) -> tuple[str, bytes] | None:
    """The stored GitHub thread of the change's PR (digest, bundle), if fetched or imported."""
    number = session.store.number_of(session.repo_id, sha)
    if number is None and session.repo is not None:
        number = session.repo.meta(sha).number
    return session.store.pull_thread(session.repo_id, number) if number is not None else None


def _review(session: Session, sha: str, bundle: bytes) -> ReviewFacts:
    from prdossier.analysis.review import review_facts
    from prdossier.sources.pull_thread import parse_bundle

    thread = parse_bundle(bundle, "stored PR thread")
    head = session.repo.tree_at(sha) if session.repo is not None else None
    return review_facts(thread, head, session.config)


def _report_key(session: Session, links: list[str], thread_digest: str) -> str:
    """A report depends on the facts' key, on the links, which change as PRs are added, and on
    the PR's GitHub thread."""
    digest = hashlib.blake2b("\n".join(links).encode(), digest_size=8).hexdigest()
    return f"{session.report_key}:{digest}:{thread_digest}"
