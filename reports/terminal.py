"""`--format terminal`: findings grouped by file, each with the flagged span highlighted in
its line, the suggestion and the evidence, then a summary table. Colour only on a
terminal and when NO_COLOR is unset."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, TextIO

from checker.reports.snippet import MIN_WIDTH, REACH_PER_CELL, window
from checker.reports.snippet import render as render_window
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.core.model import Finding, Severity
from checker.core.neutralise import line_start, visible
from checker.core.reporting import ReportSettings, horizon_note, plural

if TYPE_CHECKING:
    from checker.core.engine import Report
    from checker.input.source import SourceFile

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
GUTTER = 9  # cells before a snippet's text: the line number and "│ "
HANG = GUTTER + 2  # where the text of a suggestion or evidence line starts: under its finding
NON_TTY_WIDTH = 200  # a file or a CI log: wide lines, nothing wrapped that need not be


def line_order(f: Finding) -> tuple[str, int, int, int, int, str, str]:
    """Findings of a file in the order of their lines. Lines and columns, not offsets: a
    finding read back from a saved report has no offsets until its file is read (and none
    when the file changed), and for live findings both orders agree."""
    loc = f.location
    return (f.path, loc.line, loc.column, loc.end_line, loc.end_column, f.rule, f.message)


def snippet(source: SourceFile, f: Finding, width: int = NON_TTY_WIDTH, *, carets: bool = False) -> list[Text]:
    """The flagged span in its (first) line, cut to `width` cells around it; with `carets`,
    a line of ^ under the span (for output without colour, where a highlight is invisible)."""
    line = f.location.line
    if not 1 <= line <= source.line_count:
        return []
    line_span = source.line_span(line)
    start = min(max(f.span.start, line_span.start), line_span.end)
    end = min(max(f.span.end, start), line_span.end)
    more = f"  (to line {f.location.end_line})" if f.location.end_line > line else ""
    # a bounded piece of the line: a pathological line of a megabyte is not copied per finding
    reach = max(width, MIN_WIDTH) * REACH_PER_CELL
    lo, hi = max(line_span.start, start - reach), min(line_span.end, end + reach)
    win = window(
        source.text[lo:hi],
        start - lo,
        end - lo,
        width - GUTTER - len(more),
        more_left=lo > line_span.start,
        more_right=hi < line_span.end,
    )
    lines: list[Text] = render_window(win, f"{line:>6} │ ", carets=carets)
    if more:
        lines[0].append(more, style="dim")
    return lines


def hanging(console: Console, width: int, prefix: Text, body: Text, indent: int | None = None) -> list[Text]:
    """`prefix` then `body`, wrapped at `width` with every further line starting under the
    body (or at `indent`): a hanging indent that keeps each finding's lines together."""
    first_room = max(width - cell_len(prefix.plain), 20)
    if cell_len(body.plain) <= first_room:
        return [Text.assemble(prefix, body)]
    at = cell_len(prefix.plain) if indent is None else indent
    room = max(width - at, 20)
    lines = list(body.wrap(console, first_room))
    if len(lines) > 1 and room != first_room:
        # what the first line did not hold, wrapped again at the continuation lines' width
        rest = body[len(lines[0].plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
        lines = [lines[0], *rest.wrap(console, room)]
    out = [Text.assemble(prefix, lines[0] if lines else "")]
    for more in lines[1:]:
        # a wrapped line must not start a workflow command in a CI log (see neutralise.line_start)
        lead = "\\" if more.plain.startswith("::") else ""
        out.append(Text.assemble(" " * at, lead, more))
    return out


def render_finding(console: Console, f: Finding, source: SourceFile | None, *, carets: bool = False) -> None:
    width = console.width
    head = Text("  ")
    head.append(f"{f.location.line}:{f.location.column}".ljust(9), style="bold")
    head.append(f.severity.label.ljust(8), style=_STYLE[f.severity])
    head.append(f.rule.ljust(18), style="magenta")
    head.append(" ")
    body = Text(visible(f.message))
    if f.suppressed_by:
        body.append(f"  [suppressed: {f.suppressed_by}]", style="dim")
    # a message that starts far right on a narrow screen continues under the evidence instead
    lines = hanging(console, width, head, body, None if width - cell_len(head.plain) >= 30 else HANG)
    if source is not None:
        lines += snippet(source, f, width, carets=carets)
    if f.suggestion:
        sugg = Text(" " * GUTTER + "╰ suggestion: ", style="green")
        lines += hanging(console, width, sugg, Text(visible(f.suggestion), "bold green"))
    for e in f.evidence:
        where = ""
        if e.path:
            where = f" ({e.document or e.path}{':' + str(e.line) if e.line else ''})"
        elif e.url:
            where = f" ({e.url})"
        detail = Text.assemble((f"{visible(e.kind)}: ", "dim"), visible(e.detail), (visible(where), "dim"))
        lines += hanging(console, width, Text(" " * GUTTER + "· ", style="dim"), detail)
    # one print per finding: rich's per-call cost dominates on reports of thousands of findings
    console.print(Text("\n").join(lines))


def make_console(stream: TextIO, settings: ReportSettings) -> Console:
    tty = bool(getattr(stream, "isatty", lambda: False)())
    console = Console(
        file=stream,
        force_terminal=settings.color,
        no_color=not settings.color,
        color_system="auto" if settings.color else None,
        # a terminal (with or without colour) is measured; a file or a CI log is wide
        width=settings.width or (None if settings.color or tty else NON_TTY_WIDTH),
        # lines are cut and wrapped here, to the width, with their indents: rich adds nothing
        soft_wrap=True,
        highlight=False,
        emoji=False,
        markup=False,
    )
    # measured once: rich would ask the terminal for its size on every print
    console.size = console.size
    return console


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    console = make_console(stream, settings)
    sources = {d.path: d.source for d in report.documents}
    shown = list(report.findings) + (list(report.suppressed) if settings.show_suppressed else [])
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(shown, key=line_order):
        by_path[f.path].append(f)
    for path, findings in by_path.items():
        console.print(Text(line_start(path), style="bold underline"))
        for f in findings:
            render_finding(console, f, sources.get(path), carets=not settings.color)
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
    line.append(plural(n, "finding"), style="bold")
    line.append(
        f" ({by_sev[Severity.ERROR]} error, {by_sev[Severity.WARNING]} warning, {by_sev[Severity.INFO]} info)"
        f" in {plural(len(report.documents), 'document')}"
    )
    if report.suppressed:
        line.append(f"; {len(report.suppressed)} suppressed")
    console.print(line)
    note = horizon_note((f.document, (e.detail for e in f.evidence)) for f in report.findings)
    if note is not None:
        console.print(Text("note: " + note))
