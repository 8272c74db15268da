"""A GitHub-shaped HTTP server on loopback: scripted answers per path, every request recorded."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    """One scripted answer. `body` is JSON-encoded unless it is bytes; with an `etag`, a request
    carrying it gets 304."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class GitHubServer:
    """`answers[path]` is a list used in order, its last answer repeating; `path` includes the
    query string. POST /graphql is answered from `answers["graphql"]`."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Answer]] = {}
        self.seen: list[Seen] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"

    def add(self, path: str, *answers: Answer) -> None:
        self.answers.setdefault(path, []).extend(answers)

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def _answer(self, key: str) -> Answer:
        queue = self.answers.get(key)
        if not queue:
            return Answer({"message": "Not Found"}, status=404)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._serve(self.path)

            def do_POST(self) -> None:
                self._serve("graphql" if self.path.endswith("/graphql") else self.path)

            def _serve(self, key: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                answer = server._answer(key)
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                    self.send_response(304)
                    self.send_header("ETag", answer.etag)
                    self.end_headers()
                    return
                data = (answer.body if isinstance(answer.body, bytes)
                        else json.dumps(answer.body).encode())
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if answer.etag:
                    self.send_header("ETag", answer.etag)
                for name, value in answer.headers.items():
                    self.send_header(name, value.replace("{url}", server.url))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[GitHubServer]:
        thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._http.shutdown()
            self._http.server_close()
