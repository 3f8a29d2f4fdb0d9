"""The cache of unchanged runs: the corpus phase's output for one exact set of inputs.

The cache of unchanged files (resultcache.py) spares the document rules of a file that did not
change, but a rerun would still load and segment every file, collect for the corpus rules and
run the corpus phase (name.typo, name.unverified, number.conflict read every document): ~16 s
of CPU on corpus/real. When nothing changed at all (the run key, and every checked and archived
file's path, role and text), the findings are those of the last such run: they are kept here,
keyed by all of that, and a rerun only reads the files (for the report's documents and hashes)
and this one value. Any change misses and runs both phases.

The value is JSON in the same SQLite file (table `runs`), never pickle; a value of the wrong
shape is a miss. The baseline is not in the key: findings are stored with the reason an inline
directive gave (or none) and `--baseline` is applied when they are read, as Engine._suppress
does. Runs with a rule crash, online runs and stdin are never cached; with CHECKER_LOG=debug
the run goes through both phases (to log why the rules decided) and is stored again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.core.model import Finding, Hit, Location, Severity
from checker.core.records import (
    RecordError,
    hit_from_json,
    hit_to_json,
    json_ints,
    json_list,
    json_opt_str,
    json_str,
)
from checker.input.documents import Document
from checker.input.source import SourceFile

SCHEMA = 1
KEEP = 4  # run entries kept (most recent first): a few folders or configs used in turn
CREATE = "create table if not exists runs (key text primary key, value text not null, stamp real not null)"


def input_key(run_key: str, entries: Sequence[tuple[str, bool, str]]) -> str:
    """The key of one run: its run key plus every (path, archived, text) in input order."""
    h = hashlib.sha256()
    h.update(f"runs/{SCHEMA}\x00{run_key}\x00".encode())
    for path, archived, text in entries:
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\x01" if archived else b"\x00")
        h.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


# --- writing -----------------------------------------------------------------------------------


def encode(documents: Sequence[Document], findings: Sequence[Finding]) -> str | None:
    """The JSON value of a run's report data; None when something has no exact JSON form."""
    try:
        docs = [_document_json(d) for d in documents]
        found = [_finding_json(f) for f in findings]
        return json.dumps({"v": SCHEMA, "documents": docs, "findings": found}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _document_json(d: Document) -> dict[str, Any]:
    if d.source.path != d.path:
        raise ValueError("a document read from another file")
    return {
        "id": d.id,
        "path": d.path,
        "span": [d.span.start, d.span.end],
        "format": d.format,
        "title": d.title,
        "published": d.published.isoformat() if d.published else None,
        "published_source": d.published_source,
    }


def _finding_json(f: Finding) -> dict[str, Any]:
    if f.extra:
        raise TypeError("a finding with extra fields")
    if f.confidence is not None and type(f.confidence) is not float:
        raise TypeError("a confidence that JSON would not give back as it is")  # 1 -> 1.0
    hit = Hit(
        f.span,
        f.message,
        evidence=f.evidence,
        suggestion=f.suggestion,
        confidence=f.confidence,
        verdict=f.verdict,
        fix=f.fix,
    )
    loc = f.location
    return {
        "rule": f.rule,
        "severity": f.severity.label,
        "path": f.path,
        "document": f.document,
        "location": [loc.line, loc.column, loc.end_line, loc.end_column],
        "text": f.text,
        "fingerprint": f.fingerprint,
        # the baseline is applied on reading: only an inline directive's reason is stored
        "reason": None if f.suppressed_by == "baseline" else f.suppressed_by,
        "hit": hit_to_json(hit),
    }


def store(path: Path, key: str, value: str) -> str | None:
    """Keep one run's value (and only the KEEP most recent); the reason when that failed."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=10)) as conn, conn:
            conn.execute(CREATE)
            conn.execute("insert or replace into runs values (?, ?, ?)", (key, value, time.time()))
            conn.execute(
                "delete from runs where key not in (select key from runs order by stamp desc limit ?)", (KEEP,)
            )
    except (sqlite3.Error, OSError) as exc:
        return f"could not write {path} ({exc})"
    return None


# --- reading -----------------------------------------------------------------------------------


def lookup(path: Path, key: str) -> str | None:
    """The stored value of a run, or None (a miss, or a cache that cannot be read)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as conn:
            row = conn.execute("select value from runs where key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None or not isinstance(row[0], str):
        return None
    return row[0]


def decode(
    text: str, sources: dict[str, SourceFile], baseline: set[str]
) -> tuple[list[Document], list[Finding], list[Finding]]:
    """Documents, active and suppressed findings from a stored value (RecordError when it has
    the wrong shape or does not fit the files as read)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise RecordError("not JSON") from None
    if not isinstance(data, dict) or data.get("v") != SCHEMA:
        raise RecordError("not a run of this schema")
    docs = [_document_from_json(raw, sources) for raw in json_list(data.get("documents"))]
    active: list[Finding] = []
    suppressed: list[Finding] = []
    for raw in json_list(data.get("findings")):
        f = _finding_from_json(raw, sources)
        if f.suppressed_by is None and f.fingerprint in baseline:
            f.suppressed_by = "baseline"  # as Engine._suppress: a directive's reason comes first
        (suppressed if f.suppressed_by is not None else active).append(f)
    return docs, active, suppressed


def _document_from_json(raw: Any, sources: dict[str, SourceFile]) -> Document:
    from checker.core.model import Span

    if not isinstance(raw, dict):
        raise RecordError("a document of the wrong shape")
    source = sources.get(json_str(raw.get("path")))
    if source is None:
        raise RecordError("a document of a file not in this run")
    start, end = json_ints(raw.get("span"), 2)
    if not 0 <= start <= end <= len(source.text):
        raise RecordError("a document span outside its file")
    published = json_opt_str(raw.get("published"))
    try:
        date = dt.date.fromisoformat(published) if published is not None else None
    except ValueError:
        raise RecordError("a publication date of the wrong shape") from None
    fmt = json_str(raw.get("format"))
    if fmt not in ("markdown", "text", "html"):
        raise RecordError("an unknown document format")
    # the report reads a document's place, title and date; its segments and extractions are
    # the phases' (none are needed: the findings are already made)
    return Document(
        json_str(raw.get("id")),
        source.path,
        source,
        Span(start, end),
        fmt,
        title=json_opt_str(raw.get("title")),
        published=date,
        published_source=json_opt_str(raw.get("published_source")),
    )


def _finding_from_json(raw: Any, sources: dict[str, SourceFile]) -> Finding:
    if not isinstance(raw, dict):
        raise RecordError("a finding of the wrong shape")
    path = json_str(raw.get("path"))
    if path not in sources:
        raise RecordError("a finding in a file not in this run")
    try:
        severity = Severity.parse(json_str(raw.get("severity")))
    except ValueError:
        raise RecordError("an unknown severity") from None
    hit = hit_from_json(raw.get("hit"))
    line, column, end_line, end_column = json_ints(raw.get("location"), 4)
    return Finding(
        rule=json_str(raw.get("rule")),
        severity=severity,
        path=path,
        document=json_str(raw.get("document")),
        span=hit.span,
        location=Location(line, column, end_line, end_column),
        text=json_str(raw.get("text")),
        message=hit.message,
        evidence=hit.evidence,
        suggestion=hit.suggestion,
        confidence=hit.confidence,
        verdict=hit.verdict,
        fingerprint=json_str(raw.get("fingerprint")),
        suppressed_by=json_opt_str(raw.get("reason")),
        fix=hit.fix,
    )


def count(conn: sqlite3.Connection) -> int:
    """Run entries held (0 in a cache written before runs were kept)."""
    try:
        return int(conn.execute("select count(*) from runs").fetchone()[0])
    except sqlite3.Error:
        return 0
