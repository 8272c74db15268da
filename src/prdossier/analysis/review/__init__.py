"""The review section's facts: a PR's threads, what each is about, what became of it, grouped
by topic, with the claims the analysis contradicts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.models import (
    Contradiction,
    ReviewCategory,
    ReviewFacts,
    ReviewOutcome,
    ReviewThreadFacts,
    ReviewTopic,
)
from prdossier.analysis.project import Project
from prdossier.analysis.pysymbols import ModuleSymbols, parse_cached
from prdossier.analysis.review.claims import import_contradiction, keyword_contradiction
from prdossier.analysis.review.classify import category, severity
from prdossier.analysis.review.outcome import (
    Reply,
    Verdict,
    changed_lines,
    conversation_verdict,
    inline_verdict,
)
from prdossier.analysis.review.text import CommentText, read_comment
from prdossier.analysis.signatures import signatures_for
from prdossier.sources.pull_thread import GhReviewComment, GhUser, PullThread
from prdossier.sources.tree import SourceTree, decode_source

MIN_WORDS = 4
UNSETTLED_FIRST: tuple[ReviewOutcome, ...] = ("unanswered", "answered", "outdated", "accepted",
                                              "fixed")
FINDING_SEVERITIES = ("critical", "high")
FINDING_CATEGORIES = ("correctness", "security")
_CATEGORY_ORDER: tuple[ReviewCategory, ...] = ("security", "correctness", "performance", "design",
                                               "style", "other")


def review_facts(thread: PullThread, head: SourceTree | None,
                 config: AnalysisConfig) -> ReviewFacts:
    checker = _Checker(head, config)
    author = _login(thread.pull.user)
    threads = [*_inline_threads(thread, checker), *_conversation(thread, author)]
    threads.sort(key=lambda t: t.id)
    return ReviewFacts(
        source=thread.repository,
        url=thread.pull.html_url,
        labels=[label.name for label in thread.pull.labels],
        closes=[f"#{issue.number} {issue.title}".strip() for issue in thread.closing_issues],
        reviewers=_reviewers(thread, author),
        approvals=_approvals(thread),
        threads=len(threads),
        unresolved_findings=sum(is_unresolved_finding(t) for t in threads),
        topics=_topics(threads),
        notes=list(thread.notes),
    )


def is_unresolved_finding(thread: ReviewThreadFacts) -> bool:
    """An unanswered thread that reports a defect: a high or critical severity, or a
    correctness or security remark on a line of code."""
    if thread.outcome != "unanswered" or thread.contradiction:
        return False
    return thread.severity in FINDING_SEVERITIES or (
        thread.path is not None and thread.category in FINDING_CATEGORIES)


class _Checker:
    """The PR's head tree: symbols at a commented line, and review claims to check."""

    def __init__(self, head: SourceTree | None, config: AnalysisConfig) -> None:
        self.head = head
        self.config = config
        self._tables: dict[str, ModuleSymbols | None] = {}
        self._project: Project | None = None

    def table(self, path: str) -> ModuleSymbols | None:
        if path not in self._tables:
            self._tables[path] = self._read(path)
        return self._tables[path]

    def _read(self, path: str) -> ModuleSymbols | None:
        if self.head is None or not path.endswith(".py"):
            return None
        file = self.project.python_files.get(path)
        data = self.head.read(file) if file else None
        return parse_cached(decode_source(data)) if data is not None else None

    @property
    def project(self) -> Project:
        if self._project is None:
            assert self.head is not None
            self._project = Project(self.head, self.config)
        return self._project

    def symbol(self, path: str, line: int | None) -> str | None:
        table = self.table(path)
        return table.owner(line) if table is not None and line is not None else None

    def contradiction(self, text: CommentText, path: str, line: int | None,
                      lines: range | None, code_changed: bool) -> Contradiction | None:
        table = self.table(path)
        if table is None:
            return None
        if lines is not None and not code_changed:
            found = import_contradiction(text, table, range(lines.start - 1, lines.stop + 1),
                                         self.project.guards)
            if found is not None:
                return found
        return keyword_contradiction(text, table, line, self.project.dependencies,
                                     signatures_for(tuple(self.config.signature_paths)))


def _inline_threads(thread: PullThread, checker: _Checker) -> list[ReviewThreadFacts]:
    replies: dict[int, list[GhReviewComment]] = defaultdict(list)
    roots = []
    for comment in sorted(thread.review_comments, key=lambda c: (c.created_at, c.id)):
        if comment.in_reply_to_id is None:
            roots.append(comment)
        else:
            replies[comment.in_reply_to_id].append(comment)
    orphaned = set(replies) - {root.id for root in roots}
    for deleted in sorted(orphaned):  # the first comment was deleted: its first reply leads
        first, *rest = replies.pop(deleted)
        roots.append(first)
        replies[first.id] = rest
    states = {}
    for node in thread.review_threads or []:
        ids = [c.database_id for c in node.comments.nodes if c.database_id is not None]
        if ids:
            states[ids[0]] = (node.is_resolved, node.is_outdated)
    return [_inline(root, replies[root.id], states.get(root.id), thread, checker) for root in roots]


def _inline(root: GhReviewComment, replies: list[GhReviewComment],
            state: tuple[bool, bool] | None, thread: PullThread,
            checker: _Checker) -> ReviewThreadFacts:
    text = read_comment(root.body)
    declared = severity(text)
    commenter = _login(root.user)
    answers = [Reply(_login(r.user), r.body) for r in replies if _login(r.user) != commenter]
    resolved, outdated = state if state else (False, root.line is None and root.original_line is not None)
    changed = None
    if root.original_commit_id and root.original_commit_id != thread.pull.head.sha:
        changed = changed_lines(thread.compares.get(root.original_commit_id, []), root.path)
    written_on = _span(root.original_start_line, root.original_line)
    verdict = inline_verdict(written_on, changed, answers, resolved, outdated)
    line = root.line or root.original_line
    return _facts(root.id, root.html_url, root.user, text, declared, verdict, len(replies),
                  path=root.path, line=line, symbol=checker.symbol(root.path, line),
                  contradiction=checker.contradiction(
                      text, root.path, line, _span(root.start_line, root.line),
                      code_changed=verdict.outcome == "fixed"))


def _span(start: int | None, end: int | None) -> range | None:
    """The commented lines: on the commit the comment was written on (`original_*`), or in the
    PR's head (None when the comment no longer applies there)."""
    if end is None:
        return None
    return range(start or end, end + 1)


@dataclass(frozen=True)
class _Remark:
    id: int
    url: str | None
    user: GhUser | None
    body: str
    at: str
    approved_later: bool


def _conversation(thread: PullThread, author: str) -> list[ReviewThreadFacts]:
    """Review bodies and PR comments by others than the author, answered by the author's later
    comments; bots count only when they declare a severity."""
    remarks = [_Remark(r.id, r.html_url, r.user, r.body or "", r.submitted_at or "",
                       _approved_from(thread, r.user, r.submitted_at or ""))
               for r in thread.reviews if r.body]
    remarks += [_Remark(c.id, c.html_url, c.user, c.body or "", c.created_at, False)
                for c in thread.issue_comments if c.body]
    authored = [(c.created_at, c.body or "") for c in thread.issue_comments
                if _login(c.user) == author and not _is_command(c.body or "")]
    authored += [(r.submitted_at or "", r.body or "") for r in thread.reviews
                 if _login(r.user) == author and r.body]
    authored.sort()
    facts = []
    for remark in remarks:
        text = read_comment(remark.body)
        declared = severity(text)
        if not _substantive(remark, text, author, declared):
            continue
        answers = [Reply(author, body) for at, body in authored if at > remark.at]
        verdict = conversation_verdict(answers, remark.approved_later)
        facts.append(_facts(remark.id, remark.url, remark.user, text, declared, verdict,
                            len(answers), path=None, line=None, symbol=None, contradiction=None))
    return facts


def _substantive(remark: _Remark, text: CommentText, author: str, declared: str | None) -> bool:
    if remark.user is None or _login(remark.user) == author:
        return False
    if _is_command(remark.body) or len(text.prose.split()) < MIN_WORDS:
        return False
    return not remark.user.is_bot or declared is not None


def _is_command(body: str) -> bool:
    """`/gemini review`, `/tag-and-rerun-ci`: instructions to bots, not discussion."""
    return body.lstrip().startswith("/")


def _approved_from(thread: PullThread, user: GhUser | None, since: str) -> bool:
    login = _login(user)
    return any(_login(r.user) == login and r.state == "APPROVED" and (r.submitted_at or "") >= since
               for r in thread.reviews)


def _facts(id_: int, url: str | None, user: GhUser | None, text: CommentText,
           declared: str | None, verdict: Verdict, replies: int, *, path: str | None,
           line: int | None, symbol: str | None,
           contradiction: Contradiction | None) -> ReviewThreadFacts:
    return ReviewThreadFacts(
        id=id_, url=url, author=_login(user), bot=bool(user and user.is_bot), path=path,
        line=line, symbol=symbol, category=category(text, declared), severity=declared,
        outcome=verdict.outcome, outcome_basis=verdict.basis, outcome_detail=verdict.detail,
        excerpt=text.excerpt(),
        mentions=sorted(text.identifiers), replies=replies, contradiction=contradiction)


def _topics(threads: list[ReviewThreadFacts]) -> list[ReviewTopic]:
    groups: dict[tuple[str | None, str | None], list[ReviewThreadFacts]] = {}
    loose: list[ReviewThreadFacts] = []
    for item in threads:
        if item.path is None:
            loose.append(item)
        else:
            groups.setdefault((item.path, item.symbol), []).append(item)
    for item in loose:
        named = set(item.mentions)
        home = next((key for key in groups if key[1] and key[1].rsplit(".", 1)[-1] in named), None)
        groups.setdefault(home or (None, str(item.id)), []).append(item)
    topics = [_topic(key, members) for key, members in groups.items()]
    topics.sort(key=lambda t: (UNSETTLED_FIRST.index(t.outcome), _CATEGORY_ORDER.index(t.category)))
    return topics


def _topic(key: tuple[str | None, str | None], members: list[ReviewThreadFacts]) -> ReviewTopic:
    path, symbol = key
    if path is None:
        symbol = None
        title = members[0].excerpt
    else:
        title = f"{path} · {symbol}" if symbol else path
    return ReviewTopic(
        topic=title, path=path, symbol=symbol,
        category=min((m.category for m in members), key=_CATEGORY_ORDER.index),
        outcome=min((m.outcome for m in members), key=UNSETTLED_FIRST.index),
        threads=members)


def _reviewers(thread: PullThread, author: str) -> list[str]:
    users = [r.user for r in thread.reviews] + [c.user for c in thread.review_comments]
    return sorted({_login(u) for u in users if u is not None} - {author})


def _approvals(thread: PullThread) -> list[str]:
    latest: dict[str, str] = {}
    for review in sorted(thread.reviews, key=lambda r: r.submitted_at or ""):
        if review.user is not None and review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review.user.login] = review.state
    return sorted(login for login, state in latest.items() if state == "APPROVED")


def _login(user: GhUser | None) -> str:
    return user.login if user is not None else "ghost"
