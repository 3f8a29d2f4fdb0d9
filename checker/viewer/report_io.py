"""Read a saved JSON report back into findings, and find the source lines it points at.

A report names its files by the path given on the command line (relative to where
`checker check` ran) and, since the viewer came along, the SHA-256 of each file's text.
The files are looked up relative to the current directory, then to the report's own
folder. A file whose hash no longer matches (or, for reports without hashes, whose
flagged spans no longer hold the flagged text) is *stale*: its lines are not shown,
because showing them would point the editor at the wrong place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.model import Evidence, Finding, Location, Severity, Span, Verdict
from checker.input.source import SourceFile


class ReportError(Exception):
    pass


# why a file's lines cannot be shown
CHANGED = "changed since the report was written"
MISSING = "cannot be read"


@dataclass
class SavedDocument:
    path: str
    id: str
    title: str | None
    published: str | None
    published_source: str | None
    source: SourceFile | None = None
    stale: bool = False  # the file changed since the report was written (or cannot be read)
    line_start: int | None = None
    line_end: int | None = None
    sha256: str | None = None


@dataclass
class SavedReport:
    path: str
    data: dict[str, Any]
    today: dt.date
    online: bool
    documents: list[SavedDocument]
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    stale_paths: set[str] = field(default_factory=set)
    # path -> CHANGED or MISSING, for every stale path
    stale_reasons: dict[str, str] = field(default_factory=dict)
    files: _Files | None = field(default=None, repr=False)
    _by_path: dict[str, list[Finding]] = field(default_factory=dict, repr=False)
    _checked: dict[str, SourceFile | None] = field(default_factory=dict, repr=False)
    _docs: dict[str, SavedDocument] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __post_init__(self) -> None:
        for f in [*self.findings, *self.suppressed]:
            self._by_path.setdefault(f.path, []).append(f)
        self._docs = {d.id: d for d in self.documents}

    def document(self, doc_id: str) -> SavedDocument | None:
        return self._docs.get(doc_id)

    def source(self, path: str) -> SourceFile | None:
        """The text of `path` as it was when the report was written, or None when it changed
        or cannot be read. The first call per path reads the file, places the findings of
        that file (their spans come from lines and columns) and checks them."""
        with self._lock:
            if path in self._checked:
                return self._checked[path]
            src, reason = self.files.get(path) if self.files is not None else (None, MISSING)
            findings = self._by_path.get(path, [])
            if src is not None:
                for f in findings:
                    f.span = _span(f.location, src)
            # reports without hashes: the flagged text must still stand where the report says
            if reason is None and src is not None and any(src.slice(f.span) != f.text for f in findings):
                reason = CHANGED
            shown = src if reason is None else None
            if reason is not None:
                self.stale_paths.add(path)
                self.stale_reasons[path] = reason
            for d in self.documents:
                if d.path == path:
                    d.stale = reason is not None
                    d.source = shown
            self._checked[path] = shown
            return shown

    def check_all(self) -> None:
        """Read and check every file with a finding (load_report does this unless lazy)."""
        for path in list(self._by_path):
            self.source(path)


class _Files:
    """Reads report files on demand (a week of digests is thousands of files; most have no findings)."""

    def __init__(self, bases: list[Path], hashes: dict[str, str]) -> None:
        self.bases = bases
        self.hashes = hashes
        self._cache: dict[str, tuple[SourceFile | None, str | None]] = {}

    def _candidates(self, path: str) -> list[Path]:
        p = Path(path)
        if p.is_absolute():
            return [p]
        return [b / p for b in self.bases]

    def get(self, path: str) -> tuple[SourceFile | None, str | None]:
        """(source, None) when the file is as reported; (None or source, reason) when not."""
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> tuple[SourceFile | None, str | None]:
        expected = self.hashes.get(path)
        changed: SourceFile | None = None
        for candidate in self._candidates(path):
            try:
                data = candidate.read_bytes()
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            src = SourceFile(path, text, len(data))
            if expected is None or hashlib.sha256(data).hexdigest() == expected:
                return src, None
            changed = changed or src
        if changed is not None:
            return changed, CHANGED
        return None, MISSING


def _span(loc: Location, source: SourceFile | None) -> Span:
    if source is None or loc.line > source.line_count or loc.end_line > source.line_count:
        return Span(0, 0)
    start = source.line_starts[loc.line - 1] + loc.column - 1
    end = source.line_starts[loc.end_line - 1] + loc.end_column - 1
    if 0 <= start <= end <= len(source.text):
        return Span(start, end)
    return Span(0, 0)


def finding_from_dict(d: dict[str, Any], source: SourceFile | None) -> Finding:
    loc = Location(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"]))
    verdict = d.get("verdict")
    return Finding(
        rule=str(d["rule"]),
        severity=Severity.parse(str(d["severity"])),
        path=str(d["path"]),
        document=str(d["document"]),
        span=_span(loc, source),
        location=loc,
        text=str(d["text"]),
        message=str(d["message"]),
        evidence=tuple(
            Evidence(
                str(e.get("kind", "")),
                str(e.get("detail", "")),
                e.get("path"),
                e.get("document"),
                e.get("line"),
                e.get("url"),
                e.get("value"),
            )
            for e in d.get("evidence", [])
        ),
        suggestion=d.get("suggestion"),
        confidence=d.get("confidence"),
        verdict=Verdict(verdict) if verdict else None,
        fingerprint=str(d.get("fingerprint", "")),
        suppressed_by=d.get("suppressed_by"),
    )


def _read_json(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("findings"), list):
        raise ReportError(f"{path}: not a checker report (version 1)")
    return data


def _documents(data: dict[str, Any]) -> list[SavedDocument]:
    out: list[SavedDocument] = []
    for d in data.get("documents", []):
        if not isinstance(d, dict):
            continue
        out.append(
            SavedDocument(
                str(d.get("path")),
                str(d.get("id")),
                d.get("title"),
                d.get("published"),
                d.get("published_source"),
                line_start=d.get("line_start"),
                line_end=d.get("line_end"),
                sha256=d.get("sha256"),
            )
        )
    return out


def load_report(path: str, base: Path | None = None, *, lazy: bool = False) -> SavedReport:
    """Read a report; files are looked up relative to `base` (default: the cwd), then the report's
    folder. With `lazy`, files are read when first asked for (SavedReport.source), so that a
    viewer can draw before a thousand files are read; call check_all() to read the rest."""
    data = _read_json(path)
    docs = _documents(data)
    bases = [base or Path.cwd()]
    report_dir = Path(path).resolve().parent
    if report_dir not in bases:
        bases.append(report_dir)
    files = _Files(bases, {d.path: d.sha256 for d in docs if d.sha256})
    try:
        raw = [*data["findings"], *data.get("suppressed", [])]
        parsed = [finding_from_dict(f, None) for f in raw]
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportError(f"{path}: malformed finding ({exc})") from None
    findings, suppressed = parsed[: len(data["findings"])], parsed[len(data["findings"]) :]
    run = data.get("run", {})
    try:
        today = dt.date.fromisoformat(str(run.get("today")))
    except ValueError:
        today = dt.date.today()
    saved = SavedReport(path, data, today, bool(run.get("online")), docs, findings, suppressed, files=files)
    if not lazy:
        saved.check_all()
    return saved
