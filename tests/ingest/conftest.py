"""A local HTTP server on 127.0.0.1 for the fetch and ingest tests."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Page:
    data: bytes
    content_type: str
    last_modified: str = "Tue, 30 Jan 2018 12:00:00 GMT"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.data).hexdigest()[:16] + '"'


@dataclass
class LocalServer:
    """Serves ``pages`` by path; a few special paths misbehave on purpose."""

    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    #: Requests per path, and how many of them were answered 304.
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    user_agents: list[str] = field(default_factory=list)
    #: Set when the test ends: the slow paths stop at once, and no thread outlives it.
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, data: bytes, content_type: str = "text/html") -> str:
        self.pages[path] = Page(data, content_type)
        return self.url(path)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            path = self.path
            server.hits[path] += 1
            server.user_agents.append(self.headers.get("User-Agent", ""))
            if path.startswith("/redirect/"):
                left = int(path.rsplit("/", 1)[1])
                target = f"/redirect/{left - 1}" if left > 0 else "/feed.rss"
                self._redirect(target)
            elif path == "/to-file":
                self._redirect("file:///etc/passwd")
            elif path == "/silent":
                server.stop.wait(3)  # longer than any test's timeout
                self._send(200, b"late", "text/plain")
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(30):
                        self.wfile.write(b"<p>slow</p>")
                        self.wfile.flush()
                        if server.stop.wait(0.1):
                            break
                except OSError:
                    pass
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(10_000):
                        self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
                except OSError:
                    pass
            elif path in server.pages:
                page = server.pages[path]
                if self.headers.get("If-None-Match") == page.etag:
                    server.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", page.etag)
                    self.end_headers()
                    return
                self._send(200, page.data, page.content_type, page)
            else:
                self._send(404, b"not here", "text/plain")

        def _redirect(self, target: str) -> None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: int, body: bytes, kind: str, page: Page | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if page:
                self.send_header("ETag", page.etag)
                self.send_header("Last-Modified", page.last_modified)
            self.end_headers()
            with contextlib.suppress(OSError):  # the client may have given up
                self.wfile.write(body)

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    # Each request's thread is joined when the server closes: a test leaves none
    # behind (a process running threads is not forked: briefgen.parallel.can_fork).
    httpd.daemon_threads = False
    httpd.block_on_close = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the developer's environment must not sit between the tests
    # and their local server.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
