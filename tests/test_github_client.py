"""The GitHub client against a loopback server: pages, ETags, rate limits, faults, the token."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from prdossier.sources.github import GitHubClient, GitHubError, RateLimited, graphql_url
from prdossier.store.sqlite import Store
from tests.github_server import Answer, GitHubServer

TOKEN = "ghp_s3cr3tTOKENvalue"
COMMENTS = "/repos/o/r/pulls/5/comments?per_page=100"


def client_for(server: GitHubServer, waits: list[tuple[float, str]], *, store: Store | None = None,
               max_wait: float = 60.0, timeout: float = 5.0) -> GitHubClient:
    return GitHubClient("o/r", token=TOKEN, api_url=server.url,
                        cache=store.page_cache() if store else None,
                        wait=lambda seconds, reason: waits.append((seconds, reason)),
                        max_wait=max_wait, backoff=0.01, retries=2, timeout=timeout)


def test_pages_follow_the_link_header_and_a_refetch_is_conditional(tmp_path: Path) -> None:
    server = GitHubServer()
    server.add(COMMENTS, Answer([{"id": 1}], etag='"p1"',
                                headers={"Link": '<{url}/repos/o/r/pulls/5/comments?per_page=100'
                                                 '&page=2>; rel="next"'}))
    server.add(COMMENTS + "&page=2", Answer([{"id": 2}], etag='"p2"'))
    store = Store(tmp_path / "db.sqlite3")
    with server.running():
        first = client_for(server, [], store=store).get_list("pulls/5/comments")
        again = client_for(server, [], store=store).get_list("pulls/5/comments")
    assert first == again == [{"id": 1}, {"id": 2}]
    conditional = [s.headers.get("If-None-Match") for s in server.seen]
    assert conditional == [None, None, '"p1"', '"p2"'], "the second fetch asks with the ETags"
    assert all(s.headers["Authorization"] == f"Bearer {TOKEN}" for s in server.seen)


def test_primary_and_secondary_rate_limits_are_waited_out() -> None:
    server = GitHubServer()
    reset = str(int(time.time()) + 20)
    server.add("/repos/o/r/pulls/1",
               Answer({"message": "API rate limit exceeded"}, status=403,
                      headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}),
               Answer({"message": "You have exceeded a secondary rate limit"}, status=429,
                      headers={"retry-after": "7"}),
               Answer({"number": 1}))
    waits: list[tuple[float, str]] = []
    with server.running():
        assert client_for(server, waits).get_object("pulls/1") == {"number": 1}
    assert [reason for _, reason in waits] == ["GitHub rate limit", "GitHub rate limit"]
    assert 15 <= waits[0][0] <= 22 and waits[1][0] == 7


def test_a_reset_beyond_the_longest_wait_stops_with_a_clear_message() -> None:
    server = GitHubServer()
    server.add("/repos/o/r/pulls/1", Answer(
        {"message": "API rate limit exceeded"}, status=403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 3600)}))
    waits: list[tuple[float, str]] = []
    with server.running(), pytest.raises(RateLimited, match=r"rate limit reached .*run again"):
        client_for(server, waits, max_wait=60).get_object("pulls/1")
    assert waits == []


def test_server_errors_and_timeouts_are_retried_with_backoff() -> None:
    server = GitHubServer()
    server.add("/repos/o/r/pulls/1", Answer({"message": "bad gateway"}, status=502),
               Answer({"number": 1}, delay=1.5), Answer({"number": 1}))
    waits: list[tuple[float, str]] = []
    with server.running():
        pull = client_for(server, waits, timeout=0.5).get_object("pulls/1")
    assert pull == {"number": 1}
    assert [reason for _, reason in waits] == ["GitHub answered 502, retrying",
                                              "ReadTimeout, retrying"]
    assert waits[1][0] == 2 * waits[0][0], "the back-off doubles"


def test_persistent_failures_give_one_line_errors_without_the_token() -> None:
    server = GitHubServer()
    server.add("/repos/o/r/pulls/1", Answer({"message": "bad gateway"}, status=502))
    server.add("/repos/o/r/pulls/2", Answer(b'{"number": 2,'))
    server.add("/repos/o/r/pulls/3", Answer({"message": "Bad credentials"}, status=401))
    messages = []
    with server.running():
        client = client_for(server, [])
        for number in (1, 2, 3, 4):
            with pytest.raises(GitHubError) as caught:
                client.get_object(f"pulls/{number}")
            messages.append(str(caught.value))
    assert messages == [
        "GitHub answered 502 for /repos/o/r/pulls/1 after 3 tries",
        "malformed JSON from GitHub for /repos/o/r/pulls/2",
        "GitHub rejected the token (401 Unauthorized)",
        "not found on GitHub: /repos/o/r/pulls/4",
    ]
    assert not any(TOKEN in message for message in messages)


def test_graphql_errors_and_the_enterprise_endpoint() -> None:
    server = GitHubServer()
    server.add("graphql", Answer({"errors": [{"message": "Could not resolve to a Repository"}]}))
    with server.running(), pytest.raises(GitHubError, match="Could not resolve"):
        client_for(server, []).graphql("query { viewer { login } }", {})
    assert graphql_url("https://github.example.com/api/v3") == "https://github.example.com/api/graphql"
    assert graphql_url("https://api.github.com") == "https://api.github.com/graphql"


def test_a_malformed_repository_name_is_refused() -> None:
    with pytest.raises(GitHubError, match="not a GitHub repository name"):
        GitHubClient("just-a-name", token=None)
