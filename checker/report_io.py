"""Read a saved JSON report back into findings, and find the source lines it points at."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import Evidence, Finding, Location, Severity, Span, Verdict
from checker.source import SourceFile


class ReportError(Exception):
    pass


@dataclass
class SavedDocument:
    path: str
    id: str
    title: str | None
    published: str | None
    published_source: str | None
    source: SourceFile | None = None
    stale: bool = False  # the file changed since the report was written


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


def _finding(d: dict[str, Any], source: SourceFile | None) -> Finding:
    loc = Location(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"]))
    span = Span(0, 0)
    if source is not None and loc.line <= source.line_count and loc.end_line <= source.line_count:
        start = source.line_starts[loc.line - 1] + loc.column - 1
        end = source.line_starts[loc.end_line - 1] + loc.end_column - 1
        if 0 <= start <= end <= len(source.text):
            span = Span(start, end)
    verdict = d.get("verdict")
    return Finding(
        rule=str(d["rule"]),
        severity=Severity.parse(str(d["severity"])),
        path=str(d["path"]),
        document=str(d["document"]),
        span=span,
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


def load_report(path: str, base: Path | None = None) -> SavedReport:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("findings"), list):
        raise ReportError(f"{path}: not a checker report (version 1)")
    base = base or Path.cwd()
    sources: dict[str, SourceFile | None] = {}

    def source_for(p: str) -> SourceFile | None:
        if p not in sources:
            fs = Path(p) if Path(p).is_absolute() else base / p
            try:
                sources[p] = SourceFile(p, fs.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError):
                sources[p] = None
        return sources[p]

    try:
        findings = [_finding(f, source_for(f["path"])) for f in data["findings"]]
        suppressed = [_finding(f, source_for(f["path"])) for f in data.get("suppressed", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportError(f"{path}: malformed finding ({exc})") from None
    stale: set[str] = set()
    for f in [*findings, *suppressed]:
        src = sources.get(f.path)
        if src is None or src.slice(f.span) != f.text:
            stale.add(f.path)
    docs = [
        SavedDocument(
            str(d.get("path")),
            str(d.get("id")),
            d.get("title"),
            d.get("published"),
            d.get("published_source"),
            source_for(str(d.get("path"))),
            str(d.get("path")) in stale,
        )
        for d in data.get("documents", [])
    ]
    run = data.get("run", {})
    try:
        today = dt.date.fromisoformat(str(run.get("today")))
    except ValueError:
        today = dt.date.today()
    return SavedReport(path, data, today, bool(run.get("online")), docs, findings, suppressed, stale)
