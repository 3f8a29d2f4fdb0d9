"""`checker view REPORT.json`: the saved report in the terminal.

On a terminal (stdin and stdout both TTYs, TERM not "dumb") the interactive viewer of
checker/viewer/app.py opens; otherwise, or with --static, this prints the static rendering
(the terminal reporter over the saved findings), so that `checker view r.json | less`
and CI logs get text rather than escape sequences.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from checker.core import registry
from checker.core.model import Finding, Severity
from checker.core.neutralise import for_stderr
from checker.core.reporting import ReportSettings, use_color
from checker.viewer.report_io import ReportError, SavedReport, load_report


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
            f"checker: note: {for_stderr(str(path))} changed since the report was written (or cannot be read); "
            "its source lines are not shown",
            file=sys.stderr,
        )
    # every document counts in the summary; stale ones have no source, so no lines are shown
    report = _StaticReport(list(saved.documents), findings)
    render(report, sys.stdout, ReportSettings(color=color))


def cmd_view(args: argparse.Namespace) -> int:
    html = getattr(args, "html", None)
    live = not html and interactive(args)
    try:
        # the interactive viewer reads the files as it shows them (its first frame must not wait)
        saved = load_report(args.report, lazy=live)
    except ReportError as exc:
        print(f"checker: error: {for_stderr(str(exc))}", file=sys.stderr)
        return 2
    if html:
        return write_html(saved, html)
    findings = filter_findings(saved.findings, args.rule, args.severity, args.path)
    if live:
        from checker.viewer.app import run

        return run(saved, findings, args.baseline)
    if args.baseline and not args.static:
        print("checker: note: --baseline is used by the interactive viewer only (not on a terminal)", file=sys.stderr)
    render_static(saved, findings, use_color(args.color, sys.stdout))
    return 0


def interactive(args: argparse.Namespace) -> bool:
    """The Textual viewer needs a terminal to read keys from and draw on."""
    if getattr(args, "static", False) or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def write_html(saved: SavedReport, target: str) -> int:
    """`checker view REPORT.json --html OUT`: the HTML page for a report saved by CI."""
    from checker.reports.html import build_page_from_saved

    page = build_page_from_saved(saved)
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)
    for path in sorted(saved.stale_paths):
        reason = saved.stale_reasons.get(path, "changed")
        print(
            f"checker: note: {for_stderr(str(path))} {for_stderr(str(reason))}; its text is left out", file=sys.stderr
        )
    return 0
