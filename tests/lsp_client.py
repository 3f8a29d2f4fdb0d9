"""A small Language Server Protocol client for tests: JSON-RPC 2.0 with Content-Length framing
over a subprocess's stdin/stdout, written here (not pygls's client) so the test checks the
wire format an editor sees, independently of the library the server is built on.

Every wait is bounded; the server's stderr is kept for failure messages.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Message = dict[str, Any]


class LspClient:
    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "checker", "server", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        self.incoming: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self.stderr = b""
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # --- wire -------------------------------------------------------------------------------

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                headers: dict[str, str] = {}
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.rstrip(b"\r\n")
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = out.read(int(headers["content-length"]))
                self.incoming.put(json.loads(body.decode("utf-8")))
        finally:
            self.incoming.put(None)

    def _drain_stderr(self) -> None:
        err = self.proc.stderr
        assert err is not None
        for chunk in iter(lambda: err.read(4096), b""):
            self.stderr += chunk

    def send(self, message: Message) -> None:
        self.send_body(json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8"))

    def send_body(self, body: bytes) -> None:
        """One frame with `body` as it is (a test may send what is not JSON)."""
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self, deadline: float) -> Message:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no message from the server in time; stderr:\n{self.stderr.decode(errors='replace')}")
        try:
            msg = self.incoming.get(timeout=left)
        except queue.Empty:
            raise TimeoutError(
                f"no message from the server in time; stderr:\n{self.stderr.decode(errors='replace')}"
            ) from None
        if msg is None:
            raise ConnectionError(f"the server closed its output; stderr:\n{self.stderr.decode(errors='replace')}")
        if "method" in msg and "id" in msg:
            # a request from the server (registerCapability, workDoneProgress/create): accept it
            self.send({"id": msg["id"], "result": None})
        return msg

    def request(self, method: str, params: Any, timeout: float = 30.0) -> Any:
        self._next_id += 1
        rid = self._next_id
        self.send({"id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next(deadline)
            if msg.get("id") == rid and "method" not in msg:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result")
            if "method" in msg and "id" not in msg:
                self.notifications.append(msg)

    def wait_for(self, method: str, match: Callable[[Any], bool], timeout: float = 60.0) -> Any:
        """The params of the first notification `method` (already received or coming) for which
        `match(params)` holds."""
        for k, msg in enumerate(self.notifications):
            if msg["method"] == method and match(msg.get("params")):
                del self.notifications[k]
                return msg.get("params")
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next(deadline)
            if "method" in msg and "id" not in msg:
                if msg["method"] == method and match(msg.get("params")):
                    return msg.get("params")
                self.notifications.append(msg)

    # --- session ----------------------------------------------------------------------------

    def initialize(self, root: Path, options: dict[str, Any] | None = None, **capabilities: Any) -> Any:
        caps = {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True, "codeDescriptionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
            },
            "workspace": {"workspaceEdit": {"documentChanges": True}},
        }
        caps.update(capabilities)
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": caps,
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def close(self, timeout: float = 20.0) -> int:
        """shutdown, exit, and the server's exit code (killed if it does not end in time)."""
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None, timeout=timeout)
                self.notify("exit", None)
            return self.proc.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, OSError, TimeoutError, ConnectionError):
            self.proc.kill()
            self.proc.wait(timeout=timeout)
            raise
