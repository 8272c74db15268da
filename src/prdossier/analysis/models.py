"""The facts the analysis computes for one change. Narration only phrases these."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct, field

from prdossier.sources.models import ChangeMeta, FileStatus, Note

Category = Literal["source", "test", "infra", "docs", "config", "benchmark"]
ChangeType = Literal[
    "deletion", "dependency-wiring", "data-contract", "configuration",
    "infrastructure", "test-coverage", "docs", "core-logic",
]
SymbolStatus = Literal["added", "removed", "changed", "moved"]
Severity = Literal["critical", "high", "medium", "low"]


class DefaultChange(Struct, kw_only=True):
    """A parameter given another default value, each as written."""

    parameter: str
    old: str
    new: str


EditKind = Literal[
    "call-replaced", "read-replaced", "keywords-added", "keywords-removed", "keywords-changed", "raise-added",
    "raise-removed", "test-changed", "branch-added", "branch-removed", "call-added",
    "call-removed", "attribute-set", "attribute-unset",
]


class BodyEdit(Struct, kw_only=True):
    """One thing a changed function or method does differently, read from its syntax tree on
    both sides, code as written: a callee (`subject`) called anew, no longer, or instead of
    another (`was`); an attribute read instead of another of the same object (`self.x`);
    keyword arguments a callee it still calls is given anew, no longer, or
    with other values (`items`, `name=value`, a changed one `name=old → new`); an exception
    raised anew or no longer; the test of an `if` (or of a conditional expression) added,
    dropped, or changed from `was`; an
    attribute of the object (`self.x`) set anew or no longer."""

    kind: EditKind
    subject: str
    was: str | None = None
    items: list[str] = field(default_factory=list)


class SymbolChange(Struct, kw_only=True):
    qualname: str
    kind: str
    status: SymbolStatus
    path: str
    start_line: int
    end_line: int
    weight: int
    old_path: str | None = None
    old_qualname: str | None = None
    signature_changed: bool = False
    parameters_changed: bool = False  # names, order, kinds or defaults; not only annotations
    async_change: Literal["added", "removed"] | None = None  # a Python function's `async`
    decorators_added: list[str] = field(default_factory=list)
    decorators_removed: list[str] = field(default_factory=list)
    defaults_changed: list[DefaultChange] = field(default_factory=list)
    edits: list[BodyEdit] = field(default_factory=list)  # of a changed function or method
    # changed in its comments (`#` or native ones) or docstring, and a function maybe in gaining a
    # return annotation, and nothing else
    code_unchanged: bool = False
    # a function changed in the annotations of its header alone, its decorators and body the same
    annotations_only: bool = False

    @property
    def renamed_in_place(self) -> bool:
        """Moved within its own file under another name: a class renamed, or a method another
        class of the file took over."""
        return self.status == "moved" and self.old_path == self.path and self.old_qualname is not None


class ImportChange(Struct, kw_only=True):
    """An import statement added, removed, or moved to another guard or scope; `names` are
    the names it binds and `module` the module it reads them from."""

    statement: str
    names: list[str]
    module: str
    status: Literal["added", "removed", "moved"]
    line: int
    context: str
    old_context: str | None = None


class FileFacts(Struct, kw_only=True):
    path: str
    old_path: str | None
    status: FileStatus
    module: str
    category: Category
    change_type: ChangeType
    language: str
    additions: int
    deletions: int
    symbols: list[SymbolChange] = field(default_factory=list)
    imports: list[ImportChange] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # every code line added or removed was only laid out anew (quotes, line breaks, commas):
    # the syntax trees are the same, so no symbol changed
    layout_only: bool = False


class Excerpt(Struct, kw_only=True):
    """A stretch of the new code and what it shows: a key symbol, import statements that
    changed, or else the file's densest hunk (`hunk_added`/`hunk_removed` lines). `cut_at` is
    the number of lines kept when the stretch was longer."""

    path: str
    start_line: int
    end_line: int
    code: str
    symbol: SymbolChange | None = None
    imports: list[ImportChange] = field(default_factory=list)
    hunk_added: int = 0
    hunk_removed: int = 0
    cut_at: int | None = None


class Reference(Struct, kw_only=True):
    """A PR or issue the change's text points to."""

    number: int
    repo: str | None
    relation: Literal["closes", "depends-on", "follow-up", "reverts", "mentions"]
    text: str


class Idiom(Struct, kw_only=True):
    """A recognised change pattern. `subject` is the code it is about (an import statement, an
    attribute, a decorator, a dependency, a module); `context` and `was` what it is now and was
    before (a guard, a loader, a version range), where the pattern has them; `form` tells the
    variants of one pattern apart (a pin added, removed or changed)."""

    idiom: str
    path: str
    start_line: int
    end_line: int
    symbol: str | None
    subject: str
    context: str | None = None
    was: str | None = None
    form: str | None = None


class Finding(Struct, kw_only=True):
    """A rule's finding as the report contract shows it."""

    rule: str
    code: str
    severity: Severity
    path: str
    line: int
    message: str
    evidence: str
    affected: list[str] = field(default_factory=list)


class Risk(Finding, kw_only=True):
    """A finding as a rule makes it. `message` is its English sentence, as `check` prints it;
    `form` names the parts that sentence is made of ('+'-joined) and `args` what fills them,
    so a report can say the same in its own language."""

    form: str = ""
    args: dict[str, str] = field(default_factory=dict)


def risk_order(risk: Risk) -> tuple[str, int, str, str]:
    """The order risks are listed in: by place, then rule; the message settles a tie, so two
    findings on one line come the same way in every run."""
    return risk.path, risk.line, risk.code, risk.message


class Description(Struct, kw_only=True):
    """What the PR's own text says: the motivating part of its body, and what it points to."""

    motivation: str
    commit_messages: list[str]
    references: list[Reference]
    reverts_commit: str | None = None


class ChangeFacts(Struct, kw_only=True):
    meta: ChangeMeta
    files: list[FileFacts]
    key_symbols: list[str]
    excerpts: list[Excerpt]
    idioms: list[Idiom]
    risks: list[Risk]
    description: Description
    warnings: list[Note]
    rules_run: list[str] = field(default_factory=list)


SCORE_THRESHOLD = 0.3  # a PR is related when its link scores at least this
LinkType = Literal["prerequisite", "follow-up", "same-series", "same-area", "revert", "referenced"]
ReasonKind = Literal[
    "references", "referenced-by", "reverts", "reverted-by", "inverse-diff", "same-series",
    "fixes", "fixed-by", "shared-symbols", "shared-files", "same-tag", "merged-apart",
]


class LinkReason(Struct, kw_only=True):
    """One checkable fact behind a link, seen from the PR the link belongs to."""

    kind: ReasonKind
    items: list[str] = field(default_factory=list)
    detail: str = ""


class RelatedLink(Struct, kw_only=True):
    """Another PR, and why it belongs in this PR's context."""

    sha: str
    number: int
    title: str
    type: LinkType
    score: float
    reasons: list[LinkReason]


ReviewCategory = Literal["correctness", "performance", "design", "style", "security", "other"]
ReviewOutcome = Literal["fixed", "answered", "accepted", "unanswered", "outdated"]
OutcomeBasis = Literal["lines-changed", "file-removed", "agreeing-reply", "reply", "resolved",
                       "outdated", "approved-later", "nothing"]


class Contradiction(Struct, kw_only=True):
    """A review claim the analysis disproves, with the line that shows it: a keyword the
    pinned release accepts (`target`, `keyword`, `distribution`, `version`, `specifier`), or an
    import said to fail that is guarded (`target` the module, `guard` where it sits)."""

    kind: Literal["keyword-accepted", "import-guarded"]
    line: int
    code: str
    target: str
    keyword: str = ""
    distribution: str = ""
    version: str = ""
    specifier: str = ""
    guard: str = ""


class ReviewThreadFacts(Struct, kw_only=True):
    """One review thread (an inline thread, a review's body, or a PR comment) and its fate."""

    id: int
    url: str | None
    author: str
    bot: bool
    path: str | None
    line: int | None
    symbol: str | None
    category: ReviewCategory
    severity: str | None
    outcome: ReviewOutcome
    outcome_basis: OutcomeBasis
    outcome_detail: str
    excerpt: str
    mentions: list[str]
    replies: int
    contradiction: Contradiction | None = None


class ReviewTopic(Struct, kw_only=True):
    """Threads about the same file and symbol, or naming the same code."""

    topic: str
    path: str | None
    symbol: str | None
    category: ReviewCategory
    outcome: ReviewOutcome
    threads: list[ReviewThreadFacts]


class ReviewFacts(Struct, kw_only=True):
    """`source` is the GitHub repository; `labels`, `url` and the issues it `closes` ("#N title",
    as GitHub links them) are the PR's own."""

    source: str
    url: str | None
    labels: list[str]
    closes: list[str]
    reviewers: list[str]
    approvals: list[str]
    threads: int
    unresolved_findings: int
    topics: list[ReviewTopic]
    notes: list[str]
