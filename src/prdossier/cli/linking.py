"""Link the stored PRs that are not linked yet to every PR linked before them."""

from __future__ import annotations

from collections.abc import Callable

from prdossier.cli.session import Session


def link_pending(session: Session, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Links for every unlinked PR, oldest first; returns how many PRs were linked.

    Each PR is compared with the PRs linked before it and its links are stored for both ends,
    so a new PR updates its neighbours' links without the history being linked again.
    """
    store = session.store
    if not store.has_unlinked(session.repo_id):
        return 0
    from prdossier.analysis.related import Corpus, link  # not loaded when nothing is pending

    linked, pending = store.pr_digests(session.repo_id)
    corpus = Corpus()
    for digest in linked:
        corpus.add(digest)
    done = 0
    try:
        for digest in pending:
            store.save_links(session.repo_id, digest.sha, link(digest, corpus))
            corpus.add(digest)
            done += 1
            if on_progress:
                on_progress(done, len(pending))
    finally:
        store.commit()
    return done
