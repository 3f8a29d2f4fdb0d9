"""The language server: pygls handles the protocol, `Session` the checks.

Checks run on one worker thread (the engine is CPU-bound and not shared between threads), so
the protocol loop keeps answering code actions while a check runs. Opening and saving check at
once; typing checks after a pause (`debounce`, 0.3 s): each change cancels the check it would
make stale, and a result computed for an older version of the buffer is dropped.

initializationOptions (all optional): `today` (YYYY-MM-DD, the date treated as "now", as
`check --today`), `debounce` (seconds), `docsBaseUrl` (where rule pages are).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from checker import __version__
from checker.input.load import InputError
from checker.server.convert import SOURCE, Action, actions, code_action, diagnostic, overlaps
from checker.server.positions import UTF8, UTF16, UTF32
from checker.server.session import Buffer, CheckResult, Session, SessionError

log = logging.getLogger("checker.server")

DEFAULT_DEBOUNCE = 0.3
# the negotiated positionEncoding (pygls picks it from the client's list) -> ours
_ENCODINGS: dict[str, str] = {
    str(lsp.PositionEncodingKind.Utf8.value): UTF8,
    str(lsp.PositionEncodingKind.Utf16.value): UTF16,
    str(lsp.PositionEncodingKind.Utf32.value): UTF32,
}


class CheckerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("checker", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.session = Session()
        self.debounce = DEFAULT_DEBOUNCE
        self.docs_base: str | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker-check")
        self.pending: dict[str, asyncio.Task[None]] = {}
        # the last published actions of each buffer, for the version they were computed on
        self.results: dict[str, tuple[int | None, list[Action]]] = {}
        self.shown_errors: set[str] = set()

    @property
    def encoding(self) -> str:
        kind = self.workspace.position_encoding
        value = kind.value if isinstance(kind, lsp.PositionEncodingKind) else kind
        return _ENCODINGS.get(str(value or ""), UTF16)

    def configure(self, params: lsp.InitializeParams) -> None:
        opts: Any = params.initialization_options
        root = self.workspace.root_path
        self.session = Session(default_root=Path(root) if root else None)
        if not isinstance(opts, dict):
            return
        today = opts.get("today")
        if isinstance(today, str):
            try:
                self.session.fixed_today = dt.date.fromisoformat(today)
            except ValueError:
                self.show(lsp.MessageType.Warning, f"checker: initializationOptions.today {today!r} is not YYYY-MM-DD")
        debounce = opts.get("debounce")
        if isinstance(debounce, int | float) and not isinstance(debounce, bool) and 0 <= debounce <= 10:
            self.debounce = float(debounce)
        base = opts.get("docsBaseUrl")
        if isinstance(base, str) and base:
            self.docs_base = base

    def show(self, kind: lsp.MessageType, message: str) -> None:
        self.window_show_message(lsp.ShowMessageParams(kind, message))

    def note(self, message: str) -> None:
        self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Info, message))

    # --- scheduling ------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    def _buffer(self, uri: str) -> Buffer:
        doc = self.workspace.get_text_document(uri)
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        return Buffer(uri, Path(fs_path) if fs_path else None, doc.source, doc.language_id or "", doc.version)

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        buffer = self._buffer(uri)
        others = {}
        for other_uri in list(self.workspace.text_documents):
            if other_uri != uri and other_uri.startswith("file:"):
                other = self._buffer(other_uri)
                if other.path is not None and other.format() is not None:
                    others[other.path] = other
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.worker, self.session.check, buffer, others)
        except SessionError as exc:
            self._failed(uri, buffer.version, str(exc), popup=True)
            return
        except InputError as exc:
            self._failed(uri, buffer.version, f"checker cannot read this buffer: {exc.reason}", popup=False)
            return
        except Exception as exc:  # a bug of ours ends in a message, never in a dead server
            self.window_log_message(
                lsp.LogMessageParams(lsp.MessageType.Error, f"checker: internal error: {exc}\n{traceback.format_exc()}")
            )
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        self._publish(result)

    def _failed(self, uri: str, version: int | None, message: str, *, popup: bool) -> None:
        if popup and message not in self.shown_errors:
            self.shown_errors.add(message)  # once per distinct error, not on every keystroke
            self.show(lsp.MessageType.Error, message)
        at = lsp.Position(0, 0)
        diag = lsp.Diagnostic(lsp.Range(at, at), message, severity=lsp.DiagnosticSeverity.Error, source=SOURCE)
        self.results[uri] = (version, [])
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [diag], version=version))

    def _publish(self, result: CheckResult) -> None:
        buf = result.buffer
        current = self.workspace.text_documents.get(buf.uri)
        if current is None or current.version != buf.version:
            return  # closed, or changed since: a newer check follows
        for note in result.notes:
            self.note(f"checker: {note}")
        diagnostics: list[lsp.Diagnostic] = []
        found: list[Action] = []
        if result.source is not None:
            for f in result.findings:
                diag = diagnostic(
                    f, result.source, buf.uri, result.root, encoding=self.encoding, docs_base=self.docs_base
                )
                diagnostics.append(diag)
                found.extend(actions(f, diag, result.source, result.documents, encoding=self.encoding))
        self.results[buf.uri] = (buf.version, found)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(buf.uri, diagnostics, version=buf.version))

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        version, found = self.results.get(uri, (None, []))
        doc = self.workspace.text_documents.get(uri)
        if doc is None or doc.version != version:
            return []  # the buffer changed since the check: its edits would land in the wrong place
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        only = params.context.only
        out = []
        for action in found:
            if only and not any(action.kind == k or action.kind.startswith(f"{k}.") for k in only):
                continue
            if overlaps(action.diagnostic.range, params.range):
                out.append(code_action(action, uri, version, document_changes=versioned))
        return out


def build_server() -> CheckerServer:
    server = CheckerServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: CheckerServer, params: lsp.InitializeParams) -> None:
        ls.configure(params)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: CheckerServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)  # a queued check is not waited for

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: CheckerServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: CheckerServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    async def did_save(ls: CheckerServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CheckerServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
    )
    def code_action(ls: CheckerServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    return server


class _OneLine(logging.Formatter):
    """pygls logs a client's malformed message with its traceback; the client is also told
    (window/showMessage), so the editor's log gets one line (CHECKER_DEBUG=1: the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"checker server: {record.name}: {record.getMessage()}"


def _quiet_library_logs() -> None:
    if os.environ.get("CHECKER_DEBUG") or os.environ.get("CHECKER_LOG"):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.propagate = False


def serve() -> int:
    """`checker server`: speak LSP on stdin/stdout until the client says exit."""
    _quiet_library_logs()
    build_server().start_io()
    return 0
