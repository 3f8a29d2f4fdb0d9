"""The viewer's source pane without a terminal: the window of lines shown and its rendering."""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from checker.core.model import Evidence, Finding, Severity
from checker.input.source import SourceFile
from checker.viewer.filters import short_path

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT_BEFORE = 3  # lines shown above the flagged line (it stays near the top of the pane)
CONTEXT_AFTER = 60  # lines rendered below it; the pane scrolls (more costs time on every move)


def visible(s: str) -> str:
    """One character for one character (offsets stay valid); control characters made harmless."""
    return "".join(c if c.isprintable() else (" " if c == "\t" else "\ufffd") for c in s)


@dataclass(frozen=True)
class SourceView:
    """What the source pane shows: a window of a file's lines and the findings to mark in it."""

    source: SourceFile
    first: int
    last: int
    marks: tuple[Finding, ...] = ()
    selected: Finding | None = None
    focus_line: int | None = None  # a line shown for an evidence jump


def window(source: SourceFile, line: int, lo: int | None = None, hi: int | None = None) -> tuple[int, int]:
    lo = max(1, lo or 1)
    hi = min(source.line_count, hi or source.line_count)
    line = min(max(line, lo), hi)
    return max(lo, line - CONTEXT_BEFORE), min(hi, line + CONTEXT_AFTER)


def _on_line(f: Finding, start: int, end: int) -> bool:
    """Whether a finding's span touches the line [start, end] (an empty span counts where it sits)."""
    if f.span.start > end:
        return False
    return f.span.end > start or (f.span.start == f.span.end and f.span.start >= start)


MEASURE = Console(width=80, file=io.StringIO(), color_system=None, legacy_windows=False)


def render_source(view: SourceView, width: int | None = None) -> Text:
    """The window with a gutter of line numbers and marks. Given a `width`, lines are wrapped
    here so that continuations hang under the text, not the gutter (a rich Table does the same
    but costs ten times as much per move through the list)."""
    src = view.source
    digits = len(str(view.last))
    sel = view.selected
    out = Text()
    for n in range(view.first, view.last + 1):
        span = src.line_span(n)
        line = Text(visible(src.text[span.start : span.end]))
        marked = False
        for f in view.marks:
            if f is sel or not _on_line(f, span.start, span.end):
                continue
            a, b = max(f.span.start, span.start) - span.start, min(f.span.end, span.end) - span.start
            line.stylize(f"underline {SEVERITY_STYLE[f.severity]}", a, max(b, a + 1))
            marked = True
        gutter = " "
        if sel is not None and sel.location.line <= n <= sel.location.end_line:
            a = max(sel.span.start, span.start) - span.start
            b = min(sel.span.end, span.end) - span.start
            line.stylize("reverse bold", a, max(b, a + 1))
            gutter = "▶"
        elif view.focus_line == n:
            line.stylize("on grey23")
            gutter = "→"
        elif marked:
            gutter = "•"
        pieces = [line]
        if width is not None and width > digits + 8 and line.cell_len > width - digits - 3:
            pieces = list(line.wrap(MEASURE, width - digits - 3, overflow="fold"))
        for i, piece in enumerate(pieces):
            if i == 0:
                out.append(f"{n:>{digits}} ", style="dim")
                out.append(gutter + " ", style="bold")
            else:
                out.append(" " * (digits + 3))
            out.append_text(piece)
            out.append("\n")
    out.rstrip()
    return out


def evidence_label(e: Evidence, root: str = "") -> Text:
    text = Text()
    text.append(f"{e.kind}: ", style="dim")
    text.append(visible(e.detail))
    if e.document or e.path:
        where = short_path(e.document or e.path or "", root)
        text.append(f"  → {where}{':' + str(e.line) if e.line else ''}", style="cyan")
    elif e.url:
        text.append(f"  {e.url}", style="blue underline")
    return text
