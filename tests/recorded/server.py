"""A real HTTP server on 127.0.0.1 that replays the recorded API answers in this folder.

Each `<source>.json` holds a list of exchanges `{method, path, status, headers, body}`
(`body` is JSON, or `text` for a text body; `then` lists later answers to the same
request, for retries; `delay` sleeps before answering; `drip` and `header_drip` send the
body or the headers one byte per that many seconds, a slow-drip host). Source files are
mounted under `/<source>`, so a client configured with `pypi = "http://127.0.0.1:PORT/pypi"`
asks `/pypi/pypi/triton/json`. Queries match whatever the parameter order.

The server counts every request (method, path, headers, time), so tests can assert on
what went over the wire: a second cached run must make none.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

HERE = Path(__file__).parent
SOURCES = ("pypi", "huggingface", "github", "wikidata", "wikipedia", "arxiv", "crossref", "doi", "web")


def route_key(method: str, path: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    parts = urlsplit(path)
    return method.upper(), parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    # seconds between body bytes: a slow-drip host (headers at once, then one byte at a
    # time); the handler stops by itself after the body or when the client hangs up
    drip: float = 0.0
    # the same for the status line and headers (their bytes one at a time)
    header_drip: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


def _answer(raw: dict[str, Any]) -> Answer:
    headers = dict(raw.get("headers", {}))
    if "body" in raw:
        body = json.dumps(raw["body"], ensure_ascii=False).encode("utf-8")
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
    else:
        body = str(raw.get("text", "")).encode("utf-8")
        if body:
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
    return Answer(
        int(raw.get("status", 200)),
        headers,
        body,
        float(raw.get("delay", 0.0)),
        float(raw.get("drip", 0.0)),
        float(raw.get("header_drip", 0.0)),
    )


class FixtureServer:
    """Routes -> answers; start() on a free port; `requests` lists every request seen."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Answer]] = {}
        # answers for paths no route matches, by path prefix (benchmarks: "nothing known")
        self.fallbacks: list[tuple[str, Answer]] = []
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._served: Counter[tuple[str, str, tuple[tuple[str, str], ...]]] = Counter()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- routes -----------------------------------------------------------------------------

    def add(self, method: str, path: str, *answers: Answer) -> None:
        self.routes[route_key(method, path)] = list(answers)

    def add_json(self, method: str, path: str, status: int = 200, body: Any = None, **headers: str) -> None:
        self.add(method, path, _answer({"status": status, "body": body, "headers": headers}))

    def load(self, *sources: str) -> FixtureServer:
        """Mount the recorded exchanges of each source under /<source>."""
        for source in sources or SOURCES:
            for raw in json.loads((HERE / f"{source}.json").read_text(encoding="utf-8")):
                answers = [_answer(raw), *(_answer(more) for more in raw.get("then", []))]
                self.add(raw.get("method", "GET"), f"/{source}{raw['path']}", *answers)
        return self

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def bases(self) -> dict[str, str]:
        """`[references]` base URLs pointing every source at this server."""
        return {s: f"{self.url}/{s}" for s in SOURCES if s != "web"}

    def start(self) -> FixtureServer:
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()
            self._served.clear()
            self.max_in_flight = 0

    def count(self, path_prefix: str = "") -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path.startswith(path_prefix))

    # --- serving ----------------------------------------------------------------------------

    def answer_for(self, method: str, path: str, headers: dict[str, str]) -> Answer:
        key = route_key(method, path)
        with self._lock:
            self.requests.append(Seen(method, path, headers, time.monotonic()))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            answers = self.routes.get(key)
            head_from_get = answers is None and method == "HEAD"
            if head_from_get:
                answers = self.routes.get(route_key("GET", path))
            if answers is None:
                for prefix, answer in self.fallbacks:
                    if path.startswith(prefix):
                        return answer
                return Answer(404, {"Content-Type": "application/json"}, b'{"error": "no fixture for this path"}')
            n = self._served[key]
            self._served[key] += 1
        return answers[min(n, len(answers) - 1)]

    def done(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _make_handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm and
            # delayed ACKs add 40 ms to every answer
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self, with_body: bool) -> None:
            try:
                answer = server.answer_for(self.command, self.path, dict(self.headers.items()))
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.header_drip:
                    head = f"HTTP/1.1 {answer.status} OK\r\nX-Pad: {'a' * 40}\r\nContent-Length: 0\r\n\r\n"
                    for byte in head.encode("ascii"):
                        self.wfile.write(bytes([byte]))
                        time.sleep(answer.header_drip)
                    return
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value.replace("{server}", f"http://127.0.0.1:{server.port}"))
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if with_body and answer.drip:
                    for i in range(len(answer.body)):
                        self.wfile.write(answer.body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(answer.drip)
                elif with_body:
                    self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                pass
            finally:
                server.done()

        def do_GET(self) -> None:
            self._serve(True)

        def do_HEAD(self) -> None:
            self._serve(False)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


def reference_config(server: FixtureServer, cache_dir: Path | None, **extra: Any) -> dict[str, Any]:
    """A `[references]` table for tests: every source on the server, loopback allowed,
    no pacing, quick retries; `cache_dir` None disables the cache."""
    raw: dict[str, Any] = {
        **server.bases(),
        "allow-hosts": ["127.0.0.1"],
        "rate-limits": {"default": 0},
        "retries": 2,
        "backoff": 0.01,
        "timeout": 5,
        "connect-timeout": 2,
        "contact": "checker-tests@example.org",
    }
    if cache_dir is None:
        raw["cache"] = False
    else:
        raw["cache-dir"] = str(cache_dir)
    raw.update(extra)
    return raw
