"""One PR's page as GitHub's API gives it: the thread bundle, fetched or imported.

The bundle is made of the API's own JSON (docs/import-format.md), so an export made with
`curl` or `gh api` can be imported as is. Only the fields read here are validated; the rest
is kept untouched in the store.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from prdossier.errors import UserError
from prdossier.sources.github import GitHubClient, NotFound

BUNDLE_FORMAT = "prdossier-pr-thread/1"

_THREADS_QUERY = """
query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: 25) { nodes { number title url } }
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { isResolved isOutdated path comments(first: 100) { nodes { databaseId } } }
      }
    }
  }
}
"""


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GhUser(_Lenient):
    login: str
    type: str = "User"

    @property
    def is_bot(self) -> bool:
        return self.type == "Bot" or self.login.endswith("[bot]")


class GhLabel(_Lenient):
    name: str


class GhRef(_Lenient):
    sha: str


class GhPull(_Lenient):
    number: int
    user: GhUser | None = None
    labels: list[GhLabel] = []
    html_url: str | None = None
    updated_at: str | None = None
    head: GhRef


class GhReview(_Lenient):
    id: int
    user: GhUser | None = None
    body: str | None = None
    state: str
    submitted_at: str | None = None
    html_url: str | None = None


class GhReviewComment(_Lenient):
    id: int
    in_reply_to_id: int | None = None
    user: GhUser | None = None
    body: str = ""
    path: str
    line: int | None = None
    start_line: int | None = None
    original_line: int | None = None
    original_start_line: int | None = None
    original_commit_id: str | None = None
    created_at: str
    html_url: str | None = None


class GhIssueComment(_Lenient):
    id: int
    user: GhUser | None = None
    body: str | None = None
    created_at: str
    html_url: str | None = None


class GhThreadComment(_Lenient):
    database_id: int | None = Field(None, alias="databaseId")


class GhThreadComments(_Lenient):
    nodes: list[GhThreadComment] = []


class GhReviewThread(_Lenient):
    is_resolved: bool = Field(False, alias="isResolved")
    is_outdated: bool = Field(False, alias="isOutdated")
    comments: GhThreadComments = GhThreadComments()


class GhIssueRef(_Lenient):
    number: int
    title: str = ""


class GhFile(_Lenient):
    filename: str
    previous_filename: str | None = None
    status: str = "modified"
    patch: str | None = None


class PullThread(_Lenient):
    """The bundle: `pull` is required, every list may be absent."""

    format: Literal["prdossier-pr-thread/1"] = BUNDLE_FORMAT
    repository: str
    pull: GhPull
    reviews: list[GhReview] = []
    review_comments: list[GhReviewComment] = []
    issue_comments: list[GhIssueComment] = []
    review_threads: list[GhReviewThread] | None = None
    closing_issues: list[GhIssueRef] = []
    compares: dict[str, list[GhFile]] = Field(default_factory=dict)
    notes: list[str] = []


def parse_bundle(data: bytes | str, origin: str) -> PullThread:
    try:
        return PullThread.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise UserError(f"{origin}: not a PR thread bundle ({where}: {first['msg']})") from None


def fetch_pull_thread(client: GitHubClient, number: int) -> dict[str, Any]:
    """Everything the review section needs for PR `number`, as a bundle of the API's JSON."""
    pull = client.get_object(f"pulls/{number}")
    comments = client.get_list(f"pulls/{number}/comments")
    bundle: dict[str, Any] = {
        "format": BUNDLE_FORMAT, "repository": client.repo, "pull": pull,
        "reviews": client.get_list(f"pulls/{number}/reviews"),
        "review_comments": comments,
        "issue_comments": client.get_list(f"issues/{number}/comments"),
        "notes": [],
    }
    _add_threads(client, number, bundle)
    head = pull.get("head", {}).get("sha")
    bundle["compares"] = _compares(client, comments, head, bundle["notes"])
    return bundle


def _add_threads(client: GitHubClient, number: int, bundle: dict[str, Any]) -> None:
    """Resolved and outdated states exist only in GraphQL, which needs a token."""
    if not client.authenticated:
        bundle["notes"].append("no token: resolved/outdated state of review threads unknown")
        return
    owner, name = client.repo.split("/")
    threads: list[Any] = []
    cursor = None
    while True:
        data = client.graphql(_THREADS_QUERY, {"owner": owner, "name": name, "number": number,
                                               "cursor": cursor})
        pull = (data.get("repository") or {}).get("pullRequest") or {}
        page = pull.get("reviewThreads") or {}
        threads.extend(page.get("nodes") or [])
        bundle["closing_issues"] = (pull.get("closingIssuesReferences") or {}).get("nodes") or []
        info = page.get("pageInfo") or {}
        if not info.get("hasNextPage"):
            break
        cursor = info.get("endCursor")
    bundle["review_threads"] = threads


def _compares(client: GitHubClient, comments: list[Any], head: str | None,
              notes: list[str]) -> dict[str, list[Any]]:
    """For each commit a review comment was written on, what changed from it to the PR's head:
    the evidence that a comment was `fixed`."""
    originals = sorted({c.get("original_commit_id") for c in comments
                        if c.get("original_commit_id") and c.get("in_reply_to_id") is None}
                       - {head, None})
    compares: dict[str, list[Any]] = {}
    for sha in originals:
        try:
            compare = client.get_object(f"compare/{sha}...{head}")
        except NotFound:
            notes.append(f"commit {sha[:10]} is gone (force-pushed); its comments' fixes unknown")
            continue
        commented = {c.get("path") for c in comments if c.get("original_commit_id") == sha}
        compares[sha] = [f for f in compare.get("files") or []
                         if f.get("filename") in commented or f.get("previous_filename") in commented]
    return compares
