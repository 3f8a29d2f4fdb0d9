"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from checker.core.neutralise import markdown_code, markdown_text
from checker.core.reporting import ReportSettings, plural

if TYPE_CHECKING:
    from checker.core.engine import Report

MAX_ROWS = 50
_ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    findings = report.findings
    by_sev = Counter(f.severity.label for f in findings)
    w = stream.write
    w("## checker report\n\n")
    if not findings:
        w(f"No findings in {plural(len(report.documents), 'document')}")
        w(f" ({len(report.suppressed)} suppressed).\n" if report.suppressed else ".\n")
        return
    w(
        f"**{plural(len(findings), 'finding')}** in {plural(len(report.documents), 'document')}: "
        f"{by_sev['error']} error, {by_sev['warning']} warning, {by_sev['info']} info"
    )
    w(f"; {len(report.suppressed)} suppressed.\n\n" if report.suppressed else ".\n\n")
    w("| rule | findings |\n|---|---:|\n")
    for rule, n in sorted(Counter(f.rule for f in findings).items(), key=lambda kv: (-kv[1], kv[0])):
        w(f"| `{rule}` | {n} |\n")
    w("\n| | where | rule | message | suggestion |\n|---|---|---|---|---|\n")
    for f in findings[:MAX_ROWS]:
        sug = markdown_code(f.suggestion) if f.suggestion else ""
        w(
            f"| {_ICON[f.severity.label]} | {markdown_code(f'{f.path}:{f.location.line}')} | `{f.rule}` "
            f"| {markdown_text(f.message)} | {sug} |\n"
        )
    if len(findings) > MAX_ROWS:
        w(f"\n…and {len(findings) - MAX_ROWS} more; see the full report (JSON or SARIF).\n")
