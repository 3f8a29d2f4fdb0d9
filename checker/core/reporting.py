"""Shared pieces of the report formats: settings and the JSON-shaped report payload."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from checker.core.jsontext import dumps_indented
from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from checker.core.engine import Report


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ReportSettings:
    """How a report is shown: colour, width and the like."""

    color: bool = False
    width: int | None = None
    show_suppressed: bool = False
    statistics: bool = False
    base_dir: str | None = None  # for SARIF uriBaseId and relative paths


def use_color(choice: str, stream: TextIO) -> bool:
    """`--color auto|always|never`: auto is colour on a terminal unless NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def summary(report: Report) -> dict[str, Any]:
    by_sev = Counter(f.severity.label for f in report.findings)
    by_rule = Counter(f.rule for f in report.findings)
    return {
        "documents": len(report.documents),
        "findings": len(report.findings),
        "by_severity": {k: by_sev.get(k, 0) for k in ("error", "warning", "info")},
        "by_rule": dict(sorted(by_rule.items())),
        "suppressed": len(report.suppressed),
        "elapsed_s": round(report.elapsed_s, 3),
    }


def source_sha256(text: str) -> str:
    """Hash of a file's text as read (UTF-8): `checker view` compares it with the file on disk
    to tell that a file changed since the report was written instead of showing wrong lines."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_entry(doc: Any, digest: str | None = None) -> dict[str, Any]:
    """One `documents` item; `digest` (additive field `sha256`) is the hash of the whole file."""
    entry: dict[str, Any] = {
        "path": doc.path,
        "id": doc.id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": doc.published_source,
        "line_start": doc.first_line,
        "line_end": doc.last_line,
    }
    if digest is not None:
        entry["sha256"] = digest
    return entry


def _digests(report: Report) -> dict[int, str]:
    # several documents (entries) can share one file: hash each file once
    out: dict[int, str] = {}
    for d in report.documents:
        if id(d.source) not in out:
            out[id(d.source)] = source_sha256(d.source.text)
    return out


def payload(report: Report) -> dict[str, Any]:
    """The report as report.schema.json describes it (plus additive fields)."""
    digests = _digests(report)
    return {
        "version": 1,
        "tool": {"name": "checker", "version": report.tool_version},
        "run": {
            "today": report.today.isoformat(),
            "online": report.online,
            "config": report.config_path,
            "rules": [r.meta.id for r in report.rules],
        },
        "documents": [document_entry(d, digests[id(d.source)]) for d in report.documents],
        "findings": [f.to_dict() for f in report.findings],
        "suppressed": [f.to_dict() for f in report.suppressed],
        "summary": summary(report),
    }


def statistics(report: Report) -> list[dict[str, Any]]:
    """Findings per rule, most first (ties by id), with the rule's severity and summary."""
    counts = Counter(f.rule for f in report.findings)
    severity = {f.rule: f.severity.label for f in report.findings}
    summaries = {r.meta.id: r.meta.summary for r in report.rules}
    return [
        {"rule": rule, "severity": severity[rule], "count": n, "summary": summaries.get(rule, "")}
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_statistics(report: Report, stream: TextIO, *, as_json: bool = False) -> None:
    """`--statistics`: one line per rule, like `ruff --statistics` (a JSON list with --format json)."""
    rows = statistics(report)
    if as_json:
        stream.write(dumps_indented(rows) + "\n")
        return
    if rows:
        count_w = max(len(str(r["count"])) for r in rows)
        rule_w = max(len(r["rule"]) for r in rows)
        for r in rows:
            stream.write(f"{r['count']:>{count_w}}\t{r['rule']:<{rule_w}}\t{r['severity']:<7}\t{r['summary']}\n")
    n = len(report.findings)
    tail = f"; {len(report.suppressed)} suppressed" if report.suppressed else ""
    stream.write(f"{plural(n, 'finding')} in {plural(len(report.documents), 'document')}{tail}\n")


def plural(n: int, noun: str) -> str:
    """ "1 document", "2 documents"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


_HORIZON = lazy_compile(r"the knowledge base ends at (\d{4}-\d{2}-\d{2})")


def horizon_note(findings: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The one line a summary gives when findings were made past the knowledge base's horizon
    (name.unverified says so in its evidence): (document, evidence details) per finding."""
    horizon: str | None = None
    documents: set[str] = set()
    for document, details in findings:
        for detail in details:
            m = _HORIZON.search(detail)
            if m:
                horizon = m.group(1)
                documents.add(document)
    if horizon is None:
        return None
    return (
        f"the knowledge base ends at {horizon}: new names in {plural(len(documents), 'document')} dated after it "
        "could not be checked offline (run `checker kb update` or use --online)"
    )
