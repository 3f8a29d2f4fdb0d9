"""`checker view REPORT.json`: the saved report in the terminal.

This is the static rendering (the terminal reporter over the saved findings); an
interactive viewer takes over on a terminal where one is available.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import Any

from checker import registry
from checker.model import Finding, Severity
from checker.report_io import ReportError, SavedReport, load_report
from checker.reporting import ReportSettings


@dataclass
class _StaticReport:
    """Just what the terminal reporter reads."""

    documents: list[Any]
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)


def filter_findings(
    findings: list[Finding], rules: list[str] | None, severity: str | None, paths: list[str] | None
) -> list[Finding]:
    out = findings
    if rules:
        out = [f for f in out if any(registry.matches(f.rule, r) for r in rules)]
    if severity:
        threshold = Severity.parse(severity)
        out = [f for f in out if f.severity >= threshold]
    if paths:
        out = [f for f in out if any(p in f.path for p in paths)]
    return out


def render_static(saved: SavedReport, findings: list[Finding], color: bool) -> None:
    from checker.reports.terminal import render

    for path in sorted(saved.stale_paths):
        print(
            f"checker: note: {path} changed since the report was written (or cannot be read); "
            "its source lines are not shown",
            file=sys.stderr,
        )
    docs = [d for d in saved.documents if d.source is not None and d.path not in saved.stale_paths]
    report = _StaticReport(docs, findings)
    render(report, sys.stdout, ReportSettings(color=color))  # type: ignore[arg-type]


def cmd_view(args: argparse.Namespace) -> int:
    from checker.cli import use_color

    try:
        saved = load_report(args.report)
    except ReportError as exc:
        print(f"checker: error: {exc}", file=sys.stderr)
        return 2
    findings = filter_findings(saved.findings, args.rule, args.severity, args.path)
    render_static(saved, findings, use_color(args.color, sys.stdout))
    return 0
