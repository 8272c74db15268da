"""The review section: threads, categories, outcomes, contradicted claims, fetched or imported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.review import review_facts
from prdossier.analysis.review.classify import category, severity
from prdossier.analysis.review.text import read_comment
from prdossier.sources.pull_thread import PullThread
from tests.github_server import Answer, GitHubServer
from tests.pull_threads import (
    COMPARE_FILES,
    HEAD,
    ISSUE_COMMENTS,
    OLD,
    OPS_V2,
    PULL,
    REVIEW_COMMENTS,
    REVIEWS,
    THREADS,
    api_content,
    api_files,
    bundle,
    pr_repo,
)
from tests.test_cli import run

TOKEN = "ghp_reviewTestTokenValue42"
LIST = "/repos/o/r/pulls?per_page=100&state=closed&sort=updated&direction=desc"


def classified(body: str) -> tuple[str, str | None]:
    text = read_comment(body)
    declared = severity(text)
    return category(text, declared), declared


def test_categories_from_wording_bot_markers_and_cited_rules() -> None:
    assert classified("![critical](https://x/critical.svg) Possible SQL injection through "
                      "`name`.") == ("security", "critical")
    assert classified("![medium](https://x/medium-priority.svg) This copies the tensor on "
                      "every step; the overhead shows in the hot path.") == ("performance", "medium")
    assert classified("_⚠️ Potential issue_ | _🟠 Major_\n\n`x` may be None here.") == (
        "correctness", "high")
    assert classified("nit: typo in the docstring") == ("style", None)
    assert classified("Line too long (E501), see PEP 8.") == ("style", None)
    assert classified("Could we move this into a separate module? Long-term this abstraction "
                      "will not scale.") == ("design", None)
    assert classified("Thanks for the PR!") == ("other", None)


def thread_facts(tmp_path: Path) -> dict[int, object]:
    from prdossier.cli.checking import tree_config
    from prdossier.sources.git import GitRepo

    repo = pr_repo(tmp_path / "clone")
    git = GitRepo(repo.root)
    head = git.tree_at("HEAD")
    facts = review_facts(PullThread.model_validate(bundle()), head, tree_config(head, None))
    return {t.id: t for topic in facts.topics for t in topic.threads} | {"facts": facts}


def test_outcomes_categories_and_the_contradicted_claim(tmp_path: Path) -> None:
    threads = thread_facts(tmp_path)
    facts = threads.pop("facts")
    outcomes = {id_: (t.outcome, t.outcome_basis) for id_, t in threads.items()}
    assert outcomes == {
        101: ("answered", "reply"), 201: ("fixed", "lines-changed"),
        301: ("unanswered", "nothing"), 401: ("accepted", "resolved"),
        11: ("accepted", "approved-later")}
    bot = threads[101]
    assert (bot.bot, bot.severity, bot.category, bot.symbol) == (True, "high", "correctness", "f")
    assert bot.contradiction is not None
    assert (bot.contradiction.target, bot.contradiction.keyword, bot.contradiction.version,
            bot.contradiction.line) == ("torch.mm", "out_dtype", "2.9.0", 5)
    assert threads[401].category == "style" and threads[301].category == "correctness"
    assert facts.unresolved_findings == 1, "only #301: #101 is answered and contradicted"
    assert facts.approvals == ["rui"]
    topics = {t.topic: sorted(th.id for th in t.threads) for t in facts.topics}
    assert topics == {"pkg/ops.py · g": [301, 401], "pkg/ops.py · f": [11, 101, 201]}


def test_no_contradiction_without_a_known_signature_and_no_fix_without_evidence(
        tmp_path: Path) -> None:
    data = bundle() | {"compares": {}, "review_threads": None}
    facts = review_facts(PullThread.model_validate(data), None, AnalysisConfig())
    threads = {t.id: t for topic in facts.topics for t in topic.threads}
    assert threads[101].contradiction is None, "without the tree, nothing is claimed"
    assert threads[201].outcome == "outdated", "REST says outdated (line is null), no compare"
    assert threads[401].outcome == "unanswered", "resolved state unknown without GraphQL"


def serve_pr(server: GitHubServer) -> None:
    server.add(LIST, Answer([PULL], etag='"list"'))
    server.add("/repos/o/r/pulls/3", Answer(PULL, etag='"pull"'))
    server.add("/repos/o/r/pulls/3/comments?per_page=100", Answer(REVIEW_COMMENTS))
    server.add("/repos/o/r/pulls/3/reviews?per_page=100", Answer(REVIEWS))
    server.add("/repos/o/r/issues/3/comments?per_page=100", Answer(ISSUE_COMMENTS))
    server.add(f"/repos/o/r/compare/{OLD}...{HEAD}", Answer({"files": COMPARE_FILES}))
    server.add("graphql", Answer({"data": {"repository": {"pullRequest": {
        "closingIssuesReferences": {"nodes": []},
        "reviewThreads": {"pageInfo": {"hasNextPage": False}, "nodes": THREADS}}}}}))


def test_sync_github_then_report_with_the_review_section(tmp_path: Path) -> None:
    repo = pr_repo(tmp_path / "clone")
    db = tmp_path / "store.sqlite3"
    server = GitHubServer()
    serve_pr(server)
    args = ("sync", "--repo", str(repo.root), "--db", str(db), "--github", "o/r",
            "--github-since", "2026-01-01", "--api-url", server.url)
    with server.running():
        first = run(*args, env={"GITHUB_TOKEN": TOKEN})
        again = run(*args, env={"GITHUB_TOKEN": TOKEN})
    assert first.returncode == 0, first.stderr
    assert "1 merged PRs since 2026-01-01, 1 fetched, 0 unchanged" in first.stderr
    assert "0 fetched, 1 unchanged" in again.stderr
    assert server.requests_to(LIST)[-1].headers.get("If-None-Match") == '"list"'
    report = json.loads(run("report", "3", "--repo", str(repo.root), "--db", str(db),
                            "--format", "json", "--lang", "en").stdout)
    review = report["review"]
    assert review["available"] and "approved by: rui" in review["overview"]
    assert [t["outcome"] for t in review["highlights"]] == ["unanswered", "answered"]
    bot = next(th for t in review["highlights"] for th in t["threads"] if th["id"] == 101)
    assert "contradicted by the analysis: `torch.mm` accepts `out_dtype`" in bot["contradiction_text"]
    assert "unresolved-review" in report["risk_tags"]
    markdown = run("report", "3", "--repo", str(repo.root), "--db", str(db)).stdout
    assert "与静态分析不符" in markdown and "未回应" in markdown
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite3*"))
    for text in (first.stdout, first.stderr, again.stderr, markdown):
        assert TOKEN not in text
    assert TOKEN.encode() not in stored


def test_a_rate_limit_stops_cleanly_and_keeps_what_was_fetched(tmp_path: Path) -> None:
    repo = pr_repo(tmp_path / "clone")
    db = tmp_path / "store.sqlite3"
    server = GitHubServer()
    serve_pr(server)
    server.answers[LIST] = [Answer([PULL, PULL | {"number": 4}])]
    server.add("/repos/o/r/pulls/4", Answer({"message": "API rate limit exceeded"}, status=403,
                                            headers={"x-ratelimit-remaining": "0",
                                                     "x-ratelimit-reset": "9999999999"}))
    with server.running():
        stopped = run("sync", "--repo", str(repo.root), "--db", str(db), "--github", "o/r",
                      "--github-since", "2026-01-01", "--api-url", server.url, "--max-wait", "5")
    assert stopped.returncode == 1
    assert "stopped: GitHub rate limit reached" in stopped.stderr
    assert "Traceback" not in stopped.stderr
    rows = sqlite3.connect(db).execute("SELECT number FROM pull_threads").fetchall()
    assert rows == [(3,)]


def test_import_an_exported_thread(tmp_path: Path) -> None:
    repo = pr_repo(tmp_path / "clone")
    db = str(tmp_path / "store.sqlite3")
    exported = tmp_path / "pr3.json"
    exported.write_text(json.dumps(bundle()))
    imported = run("import", str(exported), "--repo", str(repo.root), "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert "imported the thread of PR #3 (5 review comments)" in imported.stderr
    report = json.loads(run("report", "3", "--repo", str(repo.root), "--db", db,
                            "--format", "json").stdout)
    assert report["review"]["available"] and len(report["review"]["highlights"]) == 2
    assert "#2 f overflows in fp16" in report["motivation"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"repository": "o/r", "pull": {"number": "x"}}))
    failed = run("import", str(broken), "--repo", str(repo.root), "--db", db)
    assert failed.returncode == 2
    assert failed.stderr.strip().startswith("prdossier: ") and len(failed.stderr.splitlines()) == 1


def test_without_a_clone_the_change_comes_from_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    server = GitHubServer()
    serve_pr(server)
    server.add("/repos/o/r/pulls/3/files?per_page=100", Answer(api_files()))
    server.add(f"/repos/o/r/contents/pkg/ops.py?ref={HEAD}", Answer(api_content(OPS_V2)))
    with server.running():
        synced = run("sync", "--github", "o/r", "--db", db, "--github-since", "2026-01-01",
                     "--api-url", server.url, cwd=tmp_path, env={"GITHUB_TOKEN": TOKEN})
        report = run("report", "3", "--github", "o/r", "--db", db, "--format", "json",
                     "--lang", "en", cwd=tmp_path)
    assert synced.returncode == 0, synced.stderr
    assert "synced" not in synced.stderr, "no clone, no local history"
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["pr"]["title"] == "Accumulate f in fp32" and data["pr"]["tags"] == ["Kernel"]
    assert data["pr"]["labels"] == ["kernel"] and data["repo"]["name"] == "o/r"
    assert data["repo"]["url"] == f"{server.url}/o/r", "the report keeps the page the sync stored"
    ops = next(f for f in data["files"] if f["path"] == "pkg/ops.py")
    assert (ops["additions"], ops["deletions"]) == (6, 1)
    assert set(data["key_symbols"]) == {"f", "g"}
    assert any("docs/logo.png: GitHub sent no patch" in w for w in data["meta"]["warnings"])
    assert data["review"]["available"]
    missing = run("report", "9", "--github", "o/r", "--db", db, cwd=tmp_path)
    assert missing.returncode == 2 and "not in the store" in missing.stderr


def test_an_import_said_to_fail_is_contradicted_only_when_it_was_already_guarded(
        tmp_path: Path) -> None:
    from prdossier.sources.tree import DiskTree

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "k.py").write_text(
        "from typing import TYPE_CHECKING\n\nimport numpy\n\nif TYPE_CHECKING:\n"
        "    import tvm_ffi\n")
    claim = "This `tvm_ffi` import fails with ImportError where tvm_ffi is not installed."

    def verdict(line: int, compares: dict[str, object], original: int | None = None) -> object:
        root = REVIEW_COMMENTS[0] | {"id": 7, "path": "pkg/k.py", "body": claim, "line": line,
                                     "original_line": original or line, "original_commit_id": OLD,
                                     "user": {"login": "rui"}}
        data = bundle() | {"review_comments": [root], "compares": compares,
                           "review_threads": None}
        facts = review_facts(PullThread.model_validate(data), DiskTree(tmp_path), AnalysisConfig())
        return next(t for topic in facts.topics for t in topic.threads if t.id == 7)

    guarded = verdict(6, {})
    assert guarded.contradiction is not None and guarded.contradiction.kind == "import-guarded"
    assert guarded.contradiction.guard == "if TYPE_CHECKING"
    assert verdict(3, {}).contradiction is None, "numpy is not guarded"
    moved = {OLD: [{"filename": "pkg/k.py", "status": "modified",
                    "patch": "@@ -4,2 +4,3 @@\n \n-import tvm_ffi\n+if TYPE_CHECKING:\n"
                             "+    import tvm_ffi\n"}]}
    fixed = verdict(6, moved, original=5)
    assert fixed.outcome == "fixed" and fixed.contradiction is None, "the guard came after"


def test_a_thread_whose_first_comment_was_deleted_is_still_listed() -> None:
    orphans = [REVIEW_COMMENTS[2] | {"id": 501, "in_reply_to_id": 500, "body": "Why not keep "
                                     "the old `f` as a wrapper? It breaks callers."},
               REVIEW_COMMENTS[2] | {"id": 502, "in_reply_to_id": 500, "user": {"login": "ada"},
                                     "body": "Good point, will do."}]
    data = bundle() | {"review_comments": orphans, "review_threads": None, "compares": {}}
    facts = review_facts(PullThread.model_validate(data), None, AnalysisConfig())
    threads = {t.id: t for topic in facts.topics for t in topic.threads}
    assert threads[501].outcome == "accepted" and threads[501].replies == 1
    assert 502 not in threads


def test_a_bot_command_from_the_author_is_no_answer() -> None:
    later = {"id": 23, "user": {"login": "ada"}, "body": "/gemini review",
             "created_at": "2026-05-01T11:00:00Z"}
    data = bundle() | {"issue_comments": [*ISSUE_COMMENTS, later], "reviews": REVIEWS[:1]}
    facts = review_facts(PullThread.model_validate(data), None, AnalysisConfig())
    review = next(t for topic in facts.topics for t in topic.threads if t.id == 11)
    assert (review.outcome, review.outcome_basis) == ("unanswered", "nothing")


def test_a_force_pushed_commit_is_noted_and_its_comment_not_called_fixed() -> None:
    from prdossier.sources.github import GitHubClient
    from prdossier.sources.pull_thread import fetch_pull_thread

    server = GitHubServer()
    serve_pr(server)
    server.answers[f"/repos/o/r/compare/{OLD}...{HEAD}"] = [Answer({"message": "Not Found"},
                                                                   status=404)]
    with server.running():
        client = GitHubClient("o/r", token=TOKEN, api_url=server.url)
        fetched = fetch_pull_thread(client, 3)
    assert fetched["compares"] == {}
    assert fetched["notes"] == [f"commit {OLD[:10]} is gone (force-pushed); its comments' fixes "
                                "unknown"]
    facts = review_facts(PullThread.model_validate(fetched), None, AnalysisConfig())
    threads = {t.id: t for topic in facts.topics for t in topic.threads}
    assert threads[201].outcome == "outdated"
