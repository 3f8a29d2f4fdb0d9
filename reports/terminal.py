"""`--format terminal`: findings grouped by file, each with the flagged span highlighted in
its line, the suggestion and the evidence, then a summary table. Colour only on a
terminal and when NO_COLOR is unset."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.core.model import Finding, Severity
from checker.core.neutralise import line_start, visible
from checker.core.reporting import ReportSettings, horizon_note

if TYPE_CHECKING:
    from checker.core.engine import Report
    from checker.input.source import SourceFile

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 30  # characters shown on each side of a flagged span
MAX_SPAN_SHOWN = 120


def snippet(source: SourceFile, f: Finding) -> Text:
    """The flagged span in its (first) line, trimmed to a window around it."""
    line = f.location.line
    line_span = source.line_span(line)
    start = f.span.start
    end = min(f.span.end, line_span.end) if f.span.end > f.span.start else start
    left_from = max(line_span.start, start - CONTEXT)
    right_to = min(line_span.end, end + CONTEXT)
    shown_end = min(end, start + MAX_SPAN_SHOWN)
    text = Text()
    text.append(f"{line:>6} │ ", style="dim")
    if left_from > line_span.start:
        text.append("…", style="dim")
    text.append(visible(source.text[left_from:start]))
    text.append(visible(source.text[start:shown_end]) or "⎀", style="reverse bold")
    if shown_end < end:
        text.append("…", style="reverse")
    text.append(visible(source.text[end:right_to]))
    if right_to < line_span.end:
        text.append("…", style="dim")
    if f.location.end_line > line:
        text.append(f"  (to line {f.location.end_line})", style="dim")
    return text


def render_finding(console: Console, f: Finding, source: SourceFile | None) -> None:
    head = Text("  ")
    head.append(f"{f.location.line}:{f.location.column}".ljust(9), style="bold")
    head.append(f.severity.label.ljust(8), style=_STYLE[f.severity])
    head.append(f.rule.ljust(18), style="magenta")
    head.append(" ")
    head.append(visible(f.message))
    if f.suppressed_by:
        head.append(f"  [suppressed: {f.suppressed_by}]", style="dim")
    console.print(head)
    if source is not None:
        console.print(snippet(source, f))
    if f.suggestion:
        console.print(Text.assemble(("         ╰ suggestion: ", "green"), (visible(f.suggestion), "bold green")))
    for e in f.evidence:
        where = ""
        if e.path:
            where = f" ({e.document or e.path}{':' + str(e.line) if e.line else ''})"
        elif e.url:
            where = f" ({e.url})"
        console.print(
            Text.assemble(
                ("         · ", "dim"), (f"{visible(e.kind)}: ", "dim"), visible(e.detail), (visible(where), "dim")
            )
        )


def make_console(stream: TextIO, settings: ReportSettings) -> Console:
    return Console(
        file=stream,
        force_terminal=settings.color,
        no_color=not settings.color,
        color_system="auto" if settings.color else None,
        width=settings.width or (None if settings.color else 200),
        soft_wrap=not settings.color,
        highlight=False,
        emoji=False,
        markup=False,
    )


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    console = make_console(stream, settings)
    sources = {d.path: d.source for d in report.documents}
    shown = list(report.findings) + (list(report.suppressed) if settings.show_suppressed else [])
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(shown, key=Finding.sort_key):
        by_path[f.path].append(f)
    for path, findings in by_path.items():
        console.print(Text(line_start(path), style="bold underline"))
        for f in findings:
            render_finding(console, f, sources.get(path))
        console.print()
    render_summary(console, report, settings)


def render_summary(console: Console, report: Report, settings: ReportSettings) -> None:
    counts = Counter(f.rule for f in report.findings)
    severities = {f.rule: f.severity for f in report.findings}
    if counts:
        table = Table(title=None, show_edge=False, box=None, pad_edge=False)
        table.add_column("rule", style="magenta")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            sev = severities[rule]
            table.add_row(rule, Text(sev.label, style=_STYLE[sev]), str(n))
        console.print(table)
    by_sev = Counter(f.severity for f in report.findings)
    line = Text()
    n = len(report.findings)
    line.append(f"{n} finding{'s' if n != 1 else ''}", style="bold")
    line.append(
        f" ({by_sev[Severity.ERROR]} error, {by_sev[Severity.WARNING]} warning, {by_sev[Severity.INFO]} info)"
        f" in {len(report.documents)} document{'s' if len(report.documents) != 1 else ''}"
    )
    if report.suppressed:
        line.append(f"; {len(report.suppressed)} suppressed")
    console.print(line)
    note = horizon_note((f.document, (e.detail for e in f.evidence)) for f in report.findings)
    if note is not None:
        console.print(Text("note: " + note))
