"""GitHub's REST and GraphQL APIs over httpx: pagination, rate limits, retries, ETags.

The token travels only in the Authorization header: it is never part of a URL, a cache key, a
message or an exception, so it cannot reach a log, the store or a report.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx

DEFAULT_API_URL = "https://api.github.com"
MAX_RATE_LIMIT_WAITS = 5
SECONDARY_LIMIT_WAIT = 60.0
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class GitHubError(Exception):
    """The API could not give what was asked; the message is one line, without the token."""


class NotFound(GitHubError):
    """GitHub answered 404: no such object, or the token cannot see it."""


class RateLimited(GitHubError):
    """The rate limit resets later than the caller is willing to wait."""


@dataclass(frozen=True)
class CachedPage:
    etag: str
    body: bytes
    next_url: str | None


class PageCache(Protocol):
    """Where fetched pages are kept, keyed by URL, so a re-fetch can be conditional."""

    def get(self, url: str) -> CachedPage | None: ...

    def put(self, url: str, page: CachedPage) -> None: ...


Waiter = Callable[[float, str], None]


def sleep_waiter(seconds: float, reason: str) -> None:
    time.sleep(seconds)


def check_repo_name(name: str) -> str:
    if not _REPO.match(name):
        raise GitHubError(f"not a GitHub repository name (owner/name): {name!r}")
    return name


def web_url_for(api_url: str | None, repo: str) -> str:
    """The repository's page: github.com, or the Enterprise host of an `/api/v3` root."""
    base = (api_url or DEFAULT_API_URL).rstrip("/")
    if base == DEFAULT_API_URL:
        return f"https://github.com/{repo}"
    return f"{base.removesuffix('/api/v3')}/{repo}"


def graphql_url(api_url: str) -> str:
    """github.com serves GraphQL at /graphql; GitHub Enterprise at /api/graphql beside /api/v3."""
    base = api_url.rstrip("/")
    if base.endswith("/api/v3"):
        return base.removesuffix("/v3") + "/graphql"
    return base + "/graphql"


class GitHubClient:
    """One repository's API. `wait` sleeps through rate-limit resets and retry back-offs (the
    CLI's shows a countdown); a reset further away than `max_wait` seconds raises RateLimited."""

    def __init__(self, repo: str, *, token: str | None, api_url: str = DEFAULT_API_URL,
                 cache: PageCache | None = None, wait: Waiter = sleep_waiter,
                 max_wait: float = 900.0, retries: int = 4, backoff: float = 1.0,
                 timeout: float = 30.0) -> None:
        self.repo = check_repo_name(repo)
        self.api_url = api_url.rstrip("/")
        self.cache = cache
        self.wait = wait
        self.max_wait = max_wait
        self.retries = retries
        self.backoff = backoff
        self.authenticated = token is not None
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
                   "User-Agent": "prdossier"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.http = httpx.Client(headers=headers, timeout=timeout, follow_redirects=True)
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def repo_path(self, path: str) -> str:
        return f"{self.api_url}/repos/{self.repo}/{path}"

    def get_object(self, path: str) -> dict[str, Any]:
        data, _ = self._get_page(self.repo_path(path))
        if not isinstance(data, dict):
            raise GitHubError(f"unexpected answer from GitHub for {path}: not an object")
        return data

    def get_list(self, path: str, params: dict[str, str] | None = None) -> list[Any]:
        return [item for page in self.pages(path, params) for item in page]

    def pages(self, path: str, params: dict[str, str] | None = None) -> Iterator[list[Any]]:
        """The pages of a list, following the `next` links GitHub sends."""
        url: str | None = str(httpx.URL(self.repo_path(path),
                                        params={"per_page": "100", **(params or {})}))
        while url is not None:
            data, url = self._get_page(url)
            if not isinstance(data, list):
                raise GitHubError(f"unexpected answer from GitHub for {path}: not a list")
            yield data

    def graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = self._send("POST", graphql_url(self.api_url),
                              json={"query": query, "variables": variables})
        self._raise_for_status(response, "GraphQL")
        data = _json_of(response, "GraphQL")
        if not isinstance(data, dict) or data.get("errors") or "data" not in data:
            errors = data.get("errors") if isinstance(data, dict) else None
            first = errors[0].get("message", "") if isinstance(errors, list) and errors else ""
            raise GitHubError(f"GitHub GraphQL query failed: {first or 'no data'}")
        return data["data"]

    def merged_pulls_since(self, since: datetime) -> Iterator[dict[str, Any]]:
        """Merged PRs updated since `since`, newest update first (merged ones only)."""
        for page in self.pages("pulls", {"state": "closed", "sort": "updated",
                                         "direction": "desc"}):
            for pull in page:
                merged = pull.get("merged_at")
                if merged and datetime.fromisoformat(merged) >= since:
                    yield pull
            if not page or datetime.fromisoformat(page[-1]["updated_at"]) < since:
                return

    def _get_page(self, url: str) -> tuple[Any, str | None]:
        cached = self.cache.get(url) if self.cache else None
        headers = {"If-None-Match": cached.etag} if cached else {}
        response = self._send("GET", url, headers=headers)
        if response.status_code == 304 and cached is not None:
            return json.loads(cached.body), cached.next_url
        self._raise_for_status(response, _short(url))
        data = _json_of(response, _short(url))
        next_url = response.links.get("next", {}).get("url")
        etag = response.headers.get("etag")
        if self.cache is not None and etag:
            self.cache.put(url, CachedPage(etag=etag, body=response.content, next_url=next_url))
        return data, next_url

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        failures = 0
        limited = 0
        while True:
            try:
                self.requests += 1
                response = self.http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                failures += 1
                self._back_off(failures, f"{type(exc).__name__}, retrying",
                               f"cannot reach {httpx.URL(url).host}: {type(exc).__name__}")
                continue
            wait = _rate_limit_wait(response)
            if wait is not None:
                limited += 1
                if wait > self.max_wait or limited > MAX_RATE_LIMIT_WAITS:
                    raise RateLimited(_rate_limit_message(wait))
                self.wait(wait, "GitHub rate limit")
                continue
            if response.status_code >= 500:
                failures += 1
                self._back_off(failures, f"GitHub answered {response.status_code}, retrying",
                               f"GitHub answered {response.status_code} for {_short(url)}")
                continue
            return response

    def _back_off(self, failures: int, reason: str, failure: str) -> None:
        """Wait twice as long as the time before, or give up after `retries` retries."""
        if failures > self.retries:
            raise GitHubError(f"{failure} after {failures} tries")
        self.wait(self.backoff * 2 ** (failures - 1), reason)

    def _raise_for_status(self, response: httpx.Response, what: str) -> None:
        status = response.status_code
        if status < 400:
            return
        if status == 401:
            raise GitHubError("GitHub rejected the token (401 Unauthorized)")
        if status == 404:
            raise NotFound(f"not found on GitHub: {what}"
                              + ("" if self.authenticated else " (no token: private repositories "
                                 "need GITHUB_TOKEN)"))
        raise GitHubError(f"GitHub answered {status} for {what}: {_message_of(response)}")


def _rate_limit_wait(response: httpx.Response) -> float | None:
    """Seconds to wait when the answer is a primary or secondary rate limit, else None."""
    if response.status_code not in (403, 429):
        return None
    headers = response.headers
    if "retry-after" in headers:
        try:
            return max(float(headers["retry-after"]), 0.0)
        except ValueError:
            return SECONDARY_LIMIT_WAIT
    if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
        try:
            return max(float(headers["x-ratelimit-reset"]) - time.time(), 0.0) + 1.0
        except ValueError:
            return SECONDARY_LIMIT_WAIT
    if "rate limit" in _message_of(response).lower():
        return SECONDARY_LIMIT_WAIT
    return None


def _rate_limit_message(wait: float) -> str:
    reset = time.strftime("%H:%M:%S", time.localtime(time.time() + wait))
    return f"GitHub rate limit reached (resets at {reset}); what was fetched is kept, run again then"


def _message_of(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.reason_phrase
    message = data.get("message") if isinstance(data, dict) else None
    return str(message) if message else response.reason_phrase


def _json_of(response: httpx.Response, what: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise GitHubError(f"malformed JSON from GitHub for {what}") from None


def _short(url: str) -> str:
    parsed = httpx.URL(url)
    return parsed.path + (f"?{parsed.query.decode()}" if parsed.query else "")
