"""`checker view REPORT.json` on a terminal: the interactive report viewer (Textual).

Three panes: the findings (grouped by file, rule or severity; filtered by facets and a
text search), the source of the selected finding's document with the flagged span
highlighted and the other findings in view underlined, and the evidence (selecting an
item that points into another document shows that document at that line).

Accepting a finding (`a`) writes its fingerprint to the `--baseline` file in the format
`checker check --baseline` reads (checker/core/baseline.py), so the next run reports it as
suppressed. Everything that is not drawing is plain functions, so that it is tested without a
terminal: filters and grouping in viewer/filters.py, the source pane's rendering in
viewer/source.py, the baseline file in core/baseline.py.
"""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.events import Click, Key, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from checker.core.baseline import BaselineFile
from checker.core.model import Evidence, Finding, Severity
from checker.core.reporting import plural
from checker.viewer.filters import GROUPINGS, Filters, apply_filters, common_dir, grouped, short_path
from checker.viewer.report_io import SavedReport
from checker.viewer.source import MEASURE, SEVERITY_STYLE, SourceView, evidence_label, render_source, visible, window

SEVERITY_MARK = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "I"}
NARROW = 110  # below this width the panes stack vertically (80x24 over SSH)


HELP = """\
[b]checker view[/b] keys

  ↑ ↓ PgUp PgDn   move in the list     Tab   next pane
  /       search (Enter applies; Esc cancels; empty clears)
  n / N   next / previous finding (wraps)
  f       filter by severity, rule, file (with counts)
  g       group by file, rule, severity
  x       clear filters and search
  a       accept into the --baseline file (again: undo)
  c       copy the suggestion or evidence URL
  Enter   on evidence: show the place it points at
  b       back to the finding after such a jump
  ?       help          q   quit

Mouse: click findings, evidence items and filters.
Any key closes this help."""


KEYS = Text.assemble(
    *(
        part
        for key, what in (
            ("/", "search"),
            ("n/N", "next/prev"),
            ("a", "accept"),
            ("c", "copy"),
            ("f", "filter"),
            ("g", "group"),
            ("?", "help"),
            ("q", "quit"),
        )
        for part in ((key, "bold"), (f" {what}  ", ""))
    )
)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Static { width: auto; max-width: 90%; height: auto; max-height: 90%;
                          border: round $accent; padding: 0 1; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        yield Static(HELP, markup=True)

    def on_key(self, event: Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[None]):
    """Facets with counts; selecting one toggles it (several in a facet are OR-ed)."""

    DEFAULT_CSS = """
    FilterScreen { align: center middle; }
    FilterScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: round $accent;
                              background: $surface; }
    FilterScreen OptionList, FilterScreen OptionList:focus {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis; }
    FilterScreen Static { height: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f,q", "close", "close"),
        Binding("x", "clear", "clear all"),
    ]

    def __init__(self, viewer: ViewerApp) -> None:
        super().__init__()
        self.viewer = viewer

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Enter/click toggles a filter · x clears · Esc closes")
            yield OptionList(*self.options(), id="facets")

    def options(self) -> list[Option]:
        base = self.viewer.base
        flt = self.viewer.filters
        out: list[Option] = []

        def facet(title: str, kind: str, counts: Counter[str], chosen: set[str], label: Any = str) -> None:
            out.append(Option(Text(title, style="bold"), disabled=True))
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                mark = "[x]" if key in chosen else "[ ]"
                out.append(Option(Text(f" {mark} {label(key)}  ({n})"), id=f"{kind}:{key}"))

        facet("Severity", "sev", Counter(f.severity.label for f in base), flt.severities)
        facet("Rule", "rule", Counter(f.rule for f in base), flt.rules)
        facet("File", "path", Counter(f.path for f in base), flt.paths, lambda p: short_path(p, self.viewer.root))
        return out

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, key = (event.option.id or "").partition(":")
        chosen = {
            "sev": self.viewer.filters.severities,
            "rule": self.viewer.filters.rules,
            "path": self.viewer.filters.paths,
        }[kind]
        chosen.symmetric_difference_update({key})
        self._refresh(event.option_index)

    def _refresh(self, index: int) -> None:
        facets = self.query_one("#facets", OptionList)
        facets.set_options(self.options())
        facets.highlighted = index
        self.viewer.refresh_list()

    def action_clear(self) -> None:
        self.viewer.filters.severities.clear()
        self.viewer.filters.rules.clear()
        self.viewer.filters.paths.clear()
        self._refresh(self.query_one("#facets", OptionList).highlighted or 1)

    def action_close(self) -> None:
        self.dismiss(None)


class FindingList(ScrollView, can_focus=True):
    """The findings list: group headings and one line per finding, drawn line by line.

    Written on the Line API rather than with an OptionList because an OptionList measures
    every option before the first frame (about a second for a thousand findings); this draws
    only the rows in view. Headings are skipped by the cursor. Posts `Highlighted(index)`
    with the index into `rows`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "up", show=False),
        Binding("down,j", "move(1)", "down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("home", "edge(-1)", "first", show=False),
        Binding("end", "edge(1)", "last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"finding-list--cursor", "finding-list--heading"}
    DEFAULT_CSS = """
    FindingList { background: $surface; padding: 0 0 0 1; }
    FindingList > .finding-list--cursor { background: $surface-lighten-2; }
    FindingList:focus > .finding-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    FindingList > .finding-list--heading { text-style: bold; color: $text-muted; }
    """

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, formatter: Callable[[Finding], Text], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.formatter = formatter  # a finding's row, made when it first comes into view
        self.rows: list[tuple[Finding | Text, bool]] = []  # (finding or heading, is a finding)
        self._texts: dict[int, Text] = {}
        self.cursor = -1

    def set_rows(self, rows: list[tuple[Finding | Text, bool]], cursor: int) -> None:
        self.rows = rows
        self._texts.clear()
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = -1
        self.move_to(cursor)
        self.refresh()

    def row_text(self, index: int) -> Text:
        if index not in self._texts:
            item = self.rows[index][0]
            self._texts[index] = item if isinstance(item, Text) else self.formatter(item)
        return self._texts[index]

    def redraw_row(self, index: int) -> None:
        self._texts.pop(index, None)
        self.refresh()

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (a finding) and tell the app."""
        if not 0 <= index < len(self.rows) or not self.rows[index][1]:
            return
        changed = index != self.cursor
        self.cursor = index
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(index))

    def _next_finding(self, start: int, step: int) -> int | None:
        i = start
        while 0 <= i < len(self.rows):
            if self.rows[i][1]:
                return i
            i += step
        return None

    def action_move(self, step: int) -> None:
        target = self._next_finding(self.cursor + step, step)
        if target is not None:
            self.move_to(target)

    def action_page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = min(max(self.cursor + step * height, 0), len(self.rows) - 1)
        target = self._next_finding(start, step) or self._next_finding(start, -step)
        if target is not None:
            self.move_to(target)

    def action_edge(self, step: int) -> None:
        start = 0 if step < 0 else len(self.rows) - 1
        target = self._next_finding(start, -step)
        if target is not None:
            self.move_to(target)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self.move_to(offset.y + int(self.scroll_offset.y))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        is_finding = self.rows[index][1]
        line = self.row_text(index).copy()
        line.truncate(width, overflow="ellipsis", pad=True)
        style = base
        if not is_finding:
            style = base + self.get_component_rich_style("finding-list--heading")
        elif index == self.cursor:
            style = base + self.get_component_rich_style("finding-list--cursor")
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, style), width).crop_extend(0, width, style)


class ViewerApp(App[None]):
    """The viewer. `findings` are the report's findings after the command-line filters."""

    TITLE = "checker view"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #status { height: auto; max-height: 2; background: $boost; padding: 0 1; }
    #stale { height: auto; max-height: 2; color: $warning; padding: 0 1; display: none; }
    #stale.shown { display: block; }
    #main { layout: horizontal; height: 1fr; }
    #findings { width: 45%; height: 1fr; border: none; border-top: solid $primary;
                text-wrap: nowrap; text-overflow: ellipsis; }
    #right { width: 1fr; }
    #source { height: 2fr; border: none; border-top: solid $primary; }
    #evidence { height: 1fr; min-height: 4; border: none; border-top: solid $primary; }
    #keys { dock: bottom; height: 1; background: $panel; padding: 0 1; }
    #search { dock: bottom; display: none; margin-bottom: 1; }
    #search.shown { display: block; }
    Screen.narrow #main { layout: vertical; }
    Screen.narrow #findings { width: 100%; height: 2fr; }
    Screen.narrow #right { width: 100%; height: 3fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "search"),
        Binding("n", "step(1)", "next"),
        Binding("N", "step(-1)", "prev", show=False),
        Binding("a", "accept", "accept"),
        Binding("c", "copy", "copy"),
        Binding("f", "filters", "filter"),
        Binding("g", "group", "group"),
        Binding("x", "clear", "clear", show=False),
        Binding("b", "jump_back", "back", show=False),
        Binding("question_mark", "help", "help"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, saved: SavedReport, findings: list[Finding] | None = None, baseline: str | None = None) -> None:
        super().__init__()
        self.saved = saved
        self.base = list(saved.findings if findings is None else findings)
        self.baseline = BaselineFile(baseline)
        self.filters = Filters()
        self.grouping = "file"
        self.root = common_dir(f.path for f in self.base)
        self.shown: list[Finding] = []
        self.selected: Finding | None = None
        self.jumped = False  # the source pane shows an evidence target, not the selection
        self._by_file: dict[str, list[Finding]] = {}
        for f in self.base:
            self._by_file.setdefault(f.path, []).append(f)

    # layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield Static(id="stale")
        with Container(id="main"):
            yield FindingList(self._row, id="findings")
            with Vertical(id="right"):
                yield RichLog(id="source", wrap=False, markup=False, highlight=False, auto_scroll=False)
                yield OptionList(id="evidence")
        yield Input(id="search", placeholder="search (Enter applies, Esc cancels, empty clears)")
        # a plain line rather than Textual's Footer: a dozen widgets less to style at start-up
        yield Static(KEYS, id="keys")

    def on_mount(self) -> None:
        self._set_narrow(self.size.width)
        self.refresh_list()
        self.query_one("#findings", FindingList).focus()
        self._show_stale()
        # the files not shown yet are read and checked after the first frame (a thread started
        # earlier would hold the GIL while that frame is drawn)
        self.set_timer(0.3, lambda: self.run_worker(self._check_files, thread=True, exclusive=True))

    def _check_files(self) -> None:
        self.saved.check_all()
        with contextlib.suppress(RuntimeError):  # the app may have quit meanwhile
            self.call_from_thread(self._show_stale)

    def _show_stale(self) -> None:
        stale = self.query_one("#stale", Static)
        n = len(self.saved.stale_paths)
        if not n:
            return
        stale.update(
            Text(
                f"⚠ {plural(n, 'file')} changed since the report was written or cannot be read: "
                "their lines are not shown; re-run `checker check` for current lines."
            )
        )
        stale.add_class("shown")

    def on_resize(self, event: Resize) -> None:
        self._set_narrow(event.size.width)
        # the source pane was wrapped at the old width
        self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        painted = getattr(self, "_painted", None)
        width = self.query_one("#source", RichLog).scrollable_content_region.width
        if painted is not None and width != getattr(self, "_painted_width", None):
            self._paint(*painted)

    def _set_narrow(self, width: int) -> None:
        self.screen.set_class(width < NARROW, "narrow")

    # the findings list ----------------------------------------------------------------------

    def refresh_list(self, keep: Finding | None = None) -> None:
        """Rebuild the list after a filter or grouping change, keeping the selection if still shown."""
        keep = keep or self.selected
        rows: list[tuple[Finding | Text, bool]] = []
        self._index: dict[int, int] = {}  # id(finding) -> row
        self._row_finding: dict[int, Finding] = {}  # row -> finding
        order: list[Finding] = []
        for key, members in grouped(apply_filters(self.base, self.filters), self.grouping):
            label = short_path(key, self.root) if self.grouping == "file" else key
            rows.append((Text(f"{label} ({len(members)})"), False))
            for f in members:
                self._index[id(f)] = len(rows)
                self._row_finding[len(rows)] = f
                rows.append((f, True))
                order.append(f)
        self.shown = order
        if not rows:
            empty = "no findings match; x clears the filters" if self.filters.active() else "no findings"
            rows.append((Text(empty, style="dim"), False))
        self._update_status()
        target = keep if keep is not None and id(keep) in self._index else (order[0] if order else None)
        listing = self.query_one("#findings", FindingList)
        self.selected = None
        listing.set_rows(rows, self._index[id(target)] if target is not None else -1)
        if target is None:
            self._show_nothing()
        else:
            self.select(target)

    def _row(self, f: Finding) -> Text:
        row = Text()
        if self.grouping == "file":
            row.append(f"{f.location.line:>5}:{f.location.column:<3} ", style="dim")
        else:
            row.append(f"{short_path(f.path, self.root)}:{f.location.line} ", style="dim")
        row.append(SEVERITY_MARK[f.severity], style=SEVERITY_STYLE[f.severity])
        if f.fingerprint in self.baseline.fingerprints:
            row.append(" ✓", style="green")
        if self.grouping != "rule":
            row.append(f" {f.rule}", style="magenta")
        row.append(f"  {visible(f.message)}")
        return row

    def _update_status(self) -> None:
        status = Text()
        status.append(f"{Path(self.saved.path).name}  ", style="bold")
        status.append(f"{len(self.shown)}/{plural(len(self.base), 'finding')}")
        counts = Counter(f.severity for f in self.shown)
        for sev in sorted(Severity, reverse=True):
            status.append(f"  {counts[sev]} {sev.label}", style=SEVERITY_STYLE[sev])
        status.append(f"  · by {self.grouping}")
        accepted = len(self.baseline.fingerprints & {f.fingerprint for f in self.base})
        if accepted:
            status.append(f"  · {accepted} accepted", style="green")
        if self.filters.active():
            status.append(f"  · {self.filters.describe()}", style="italic")
        self.query_one("#status", Static).update(status)

    def on_finding_list_highlighted(self, event: FindingList.Highlighted) -> None:
        target = self._row_finding.get(event.index)
        if target is not None and (target is not self.selected or self.jumped):
            self.select(target)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "evidence" and event.option.id and self.selected is not None:
            kind, _, rest = event.option.id.partition(":")
            if kind == "ev":
                self.follow(self.selected.evidence[int(rest)])
            elif kind == "sugg":
                self.action_copy()

    def select(self, f: Finding) -> None:
        self.selected = f
        self.jumped = False
        self._show_finding(f)
        self._show_evidence(f)

    # the source pane ------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self._paint(Text(""), "")
        self.query_one("#evidence", OptionList).clear_options()

    def _document_bounds(self, doc_id: str) -> tuple[int | None, int | None, str]:
        doc = self.saved.document(doc_id)
        if doc is None:
            return None, None, ""
        about = f" · {doc.title}" if doc.title else ""
        if doc.published:
            about += f" · published {doc.published}"
            if doc.published_source:
                about += f" ({doc.published_source})"
        return doc.line_start, doc.line_end, about

    def _show_finding(self, f: Finding) -> None:
        lo, hi, about = self._document_bounds(f.document)
        self._render_source(f.path, f.location.line, lo, hi, about, f, None)

    def _render_source(
        self,
        path: str,
        line: int,
        lo: int | None,
        hi: int | None,
        about: str,
        sel: Finding | None,
        focus: int | None,
        prefix: str = "",
    ) -> None:
        title = f"{prefix}{short_path(path, self.root)}:{line}{about}"
        src = self.saved.source(path)
        if src is None:
            reason = self.saved.stale_reasons.get(path, "cannot be read")
            msg = Text(f"⚠ {path} {reason}: its lines are not shown.\n", style="bold yellow")
            msg.append("Re-run `checker check` to get a report of the file as it is now.\n", style="yellow")
            if sel is not None:
                msg.append("\nflagged text in the report: ", style="dim")
                msg.append(visible(sel.text), style="reverse")
            self._paint(msg, title)
            return
        first, last = window(src, line, lo, hi)
        in_file = self._by_file.get(path, ())
        marks = tuple(g for g in in_file if first <= g.location.end_line and g.location.line <= last)
        self._paint(SourceView(src, first, last, marks, sel, focus), title)

    def _paint(self, content: SourceView | Text, title: str) -> None:
        """Draw into the source pane. A RichLog renders once and then shows only the lines in view,
        which keeps moving through a long collection file fast (a Static re-renders everything)."""
        self._painted = (content, title)
        pane = self.query_one("#source", RichLog)
        pane.border_title = Text(title)
        pane.clear()
        width = pane.scrollable_content_region.width
        self._painted_width = width
        if width <= 0:
            return  # not laid out yet: the first resize paints it
        if isinstance(content, SourceView):
            text = render_source(content, width or None)
        else:  # a message: wrap it here, the pane itself does not wrap (see render_source)
            text = Text("\n").join(content.wrap(MEASURE, width)) if width > 0 else content
        pane.write(text, width=width if width > 0 else None, expand=True)
        pane.scroll_home(animate=False)

    def _show_evidence(self, f: Finding) -> None:
        ev = self.query_one("#evidence", OptionList)
        head = Text()
        head.append(f"{f.severity.label} ", style=SEVERITY_STYLE[f.severity])
        head.append(f"{f.rule}", style="magenta")
        if f.verdict is not None:
            head.append(f" · {f.verdict.value}")
        if f.confidence is not None:
            head.append(f" · confidence {f.confidence:.2f}")
        if f.fingerprint in self.baseline.fingerprints:
            head.append(" · accepted", style="green")
        head.append(f"\n{visible(f.message)}")
        options = [Option(head, id="msg")]
        if f.suggestion:
            options.append(
                Option(
                    Text.assemble(
                        ("suggestion: ", "green"), (visible(f.suggestion), "bold green"), ("  (c copies)", "dim")
                    ),
                    id="sugg",
                )
            )
        options.extend(Option(evidence_label(e, self.root), id=f"ev:{i}") for i, e in enumerate(f.evidence))
        if not f.evidence:
            options.append(Option(Text("no evidence recorded", style="dim"), disabled=True))
        ev.set_options(options)
        ev.border_title = f"evidence ({len(f.evidence)})"
        ev.highlighted = None

    def follow(self, e: Evidence) -> None:
        """Show where an evidence item points: another document (or another place in this one)."""
        path, doc_id = e.path, e.document
        doc = self.saved.document(doc_id) if doc_id else None
        if path is None and doc is not None:
            path = doc.path
        if path is None:
            if e.url:
                self.copy_to_clipboard(e.url)
                self.notify(f"copied {e.url}")
            return
        line = e.line or (doc.line_start if doc and doc.line_start else 1)
        lo, hi, about = self._document_bounds(doc_id) if doc_id else (None, None, "")
        self.jumped = True
        self._render_source(path, line, lo, hi, about, None, line, prefix="evidence (b: back) → ")

    # actions ----------------------------------------------------------------------------------

    def action_step(self, direction: int) -> None:
        if not self.shown:
            return
        pos = self.shown.index(self.selected) if self.selected in self.shown else -direction
        target = self.shown[(pos + direction) % len(self.shown)]
        # the list posts Highlighted, which selects
        self.query_one("#findings", FindingList).move_to(self._index[id(target)])

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value = self.filters.query
        box.add_class("shown")
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.filters.query = event.value.strip()
        self._close_search()
        self.refresh_list()
        if self.filters.query:
            n = len(self.shown)
            self.notify(f"{plural(n, 'finding')} {'matches' if n == 1 else 'match'} “{self.filters.query}”")

    def on_key(self, event: Key) -> None:
        if event.key == "escape" and self.query_one("#search", Input).has_class("shown"):
            event.stop()
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search", Input).remove_class("shown")
        self.query_one("#findings", FindingList).focus()

    def action_filters(self) -> None:
        self.push_screen(FilterScreen(self))

    def action_group(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.refresh_list()

    def action_clear(self) -> None:
        self.filters = Filters()
        self.refresh_list()

    def action_jump_back(self) -> None:
        if self.jumped and self.selected is not None:
            self.select(self.selected)

    def action_accept(self) -> None:
        f = self.selected
        if f is None:
            return
        try:
            now = self.baseline.toggle(f)
        except (OSError, ValueError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.query_one("#findings", FindingList).redraw_row(self._index[id(f)])
        self._show_evidence(f)
        self._update_status()
        verb = "accepted into" if now else "taken back from"
        self.notify(f"{f.rule} at {Path(f.path).name}:{f.location.line} {verb} {self.baseline.path}")

    def action_copy(self) -> None:
        f = self.selected
        if f is None:
            return
        ev = self.query_one("#evidence", OptionList)
        opt = ev.highlighted_option
        if opt is not None and opt.id and opt.id.startswith("ev:"):
            url = f.evidence[int(opt.id[3:])].url
            if url:
                self.copy_to_clipboard(url)
                self.notify(f"copied {url}")
                return
        if not f.suggestion:
            self.notify("this finding has no suggestion", severity="warning")
            return
        self.copy_to_clipboard(f.suggestion)
        self.notify(f"copied suggestion: {f.suggestion}")

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


def run(saved: SavedReport, findings: list[Finding], baseline: str | None) -> int:
    try:
        app = ViewerApp(saved, findings, baseline)
    except ValueError as exc:  # an unreadable --baseline file: say so before taking the screen
        print(f"checker: error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return 0
