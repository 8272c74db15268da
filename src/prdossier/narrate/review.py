"""The review section: topics and threads phrased from the review facts."""

from __future__ import annotations

import msgspec

from prdossier.analysis.models import ReviewFacts, ReviewThreadFacts, ReviewTopic
from prdossier.narrate.phrases import Phrases


def review_highlights(review: ReviewFacts, words: Phrases) -> list[dict[str, object]]:
    """One entry per topic: its facts, with `summary` and each thread's `text` in prose."""
    return [_topic(topic, words) for topic in review.topics]


def review_overview(review: ReviewFacts, words: Phrases) -> str:
    text = words.review_overview.format(
        threads=review.threads, source=review.source,
        reviewers=words.list_sep.join(review.reviewers) or words.review_nobody,
        approvals=words.list_sep.join(review.approvals) or words.review_nobody)
    if review.unresolved_findings:
        text += words.review_unresolved.format(count=review.unresolved_findings)
    return text


def review_empty(review: ReviewFacts, words: Phrases) -> str:
    return words.review_empty.format(source=review.source)


def _topic(topic: ReviewTopic, words: Phrases) -> dict[str, object]:
    entry: dict[str, object] = msgspec.to_builtins(topic)
    entry["category_label"] = words.review_categories[topic.category]
    entry["outcome_label"] = words.review_outcomes[topic.outcome]
    entry["summary"] = f"{topic.topic} ({entry['category_label']}, {entry['outcome_label']})"
    entry["threads"] = [_thread(thread, words) for thread in topic.threads]
    return entry


def _thread(thread: ReviewThreadFacts, words: Phrases) -> dict[str, object]:
    entry: dict[str, object] = msgspec.to_builtins(thread)
    entry["text"] = words.review_thread.format(
        who=thread.author, bot=words.review_bot if thread.bot else "",
        severity=words.review_severity.format(severity=thread.severity) if thread.severity else "",
        excerpt=thread.excerpt, outcome=words.review_outcomes[thread.outcome],
        basis=words.review_basis[thread.outcome_basis].format(detail=thread.outcome_detail))
    contradiction = thread.contradiction
    entry["contradiction_text"] = (
        words.review_contradicted[contradiction.kind].format(**msgspec.to_builtins(contradiction))
        if contradiction is not None else None)
    return entry
