"""The flagged span in its line, cut to the terminal's width in display cells.

A CJK character takes two cells of a terminal, a Latin one one, a combining mark none, so
windows are measured with rich's `cell_len`, never in code points: an 80-column terminal
then shows the flagged phrase whole, with as much context on each side as fits, and an
ellipsis where the line was cut (never half of a wide character). Without colour a caret
line marks the span, aligned by the same cell widths.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from checker.core.neutralise import visible

ELLIPSIS = "…"
INSERTION = "⎀"  # an empty span (something missing here) is shown as this mark
MIN_WIDTH = 24  # below this many cells a snippet is unreadable anyway: use at least this
# at most this many characters per cell of budget are looked at on each side, so that one
# snippet never walks a whole megabyte-long line (zero-width characters take no cell)
_SCAN_PER_CELL = 4


@dataclass(frozen=True)
class Window:
    """What of a line is shown: the left context, the span, the right context (display
    strings, control characters made visible), and whether each edge was cut."""

    left: str
    span: str
    right: str
    cut_left: bool
    cut_span: bool
    cut_right: bool

    @property
    def span_shown(self) -> str:
        return (self.span or INSERTION) + (ELLIPSIS if self.cut_span else "")

    def caret_offset(self) -> int:
        """Cells from the start of the snippet text to the first caret."""
        return (1 if self.cut_left else 0) + cell_len(self.left)

    def caret_width(self) -> int:
        return max(1, cell_len(self.span_shown))


def _take_right(text: str, budget: int) -> tuple[str, bool]:
    """The longest start of `text` that fits `budget` cells, and whether it was cut; when
    cut, one cell is kept for the ellipsis."""
    shown = [visible(ch) for ch in text[: max(0, budget) * _SCAN_PER_CELL + 1]]
    total = sum(cell_len(s) for s in shown)
    if total <= budget and len(shown) == len(text):
        return "".join(shown), False
    out: list[str] = []
    used = 0
    for piece in shown:
        w = cell_len(piece)
        if used + w > budget - 1:
            break
        out.append(piece)
        used += w
    return "".join(out), True


def _take_left(text: str, budget: int) -> tuple[str, bool]:
    """The longest end of `text` that fits `budget` cells (one cell kept for the ellipsis
    when cut), and whether it was cut."""
    reach = max(0, budget) * _SCAN_PER_CELL + 1
    tail = text[-reach:] if len(text) > reach else text
    shown = [visible(ch) for ch in tail]
    total = sum(cell_len(s) for s in shown)
    if total <= budget and len(tail) == len(text):
        return "".join(shown), False
    out: list[str] = []
    used = 0
    for piece in reversed(shown):
        w = cell_len(piece)
        if used + w > budget - 1:
            break
        out.append(piece)
        used += w
    return "".join(reversed(out)), True


def window(line: str, start: int, end: int, width: int) -> Window:
    """Cut `line` (one line of the source) to `width` cells around `line[start:end]`,
    centred on the span: the span first (cut only when it alone is wider than the line),
    then half of what is left on each side, a side that needs less giving the rest to the
    other."""
    width = max(width, MIN_WIDTH)
    before, after = line[:start], line[end:]
    if _measure(line[start:end], width - 2) > width - 2:
        # the span alone is wider than the screen: a little of what led to it, then its start
        left, cut_left = _take_left(before, min(_measure(before, 12), 12))
        used = cell_len(left) + (1 if cut_left else 0)
        span, _ = _take_right(line[start:end], width - used)
        return Window(left, span, "", cut_left, True, False)
    span = "".join(visible(ch) for ch in line[start:end])
    rest = width - cell_len(span or INSERTION)
    left_need = _measure(before, rest)
    right_need = _measure(after, rest)
    left_budget = rest // 2
    right_budget = rest - left_budget
    if left_need < left_budget:
        right_budget += left_budget - left_need
        left_budget = left_need
    elif right_need < right_budget:
        left_budget += right_budget - right_need
        right_budget = right_need
    left, cut_left = _take_left(before, left_budget)
    right, cut_right = _take_right(after, right_budget)
    return Window(left, span, right, cut_left, False, cut_right)


def _measure(text: str, cap: int) -> int:
    """Display width of `text`, counted no further than `cap` + 1 cells (enough to compare)."""
    used = 0
    for ch in text[: cap * _SCAN_PER_CELL + 1]:
        used += cell_len(visible(ch))
        if used > cap:
            break
    return used


def render(win: Window, gutter: str, *, carets: bool) -> list[Text]:
    """The snippet line (gutter, context, the span highlighted) and, with `carets`, the line
    of ^ under the span."""
    text = Text()
    text.append(gutter, style="dim")
    if win.cut_left:
        text.append(ELLIPSIS, style="dim")
    text.append(win.left)
    text.append(win.span or INSERTION, style="reverse bold")
    if win.cut_span:
        text.append(ELLIPSIS, style="reverse")
    text.append(win.right)
    if win.cut_right:
        text.append(ELLIPSIS, style="dim")
    lines = [text]
    if carets:
        blank = " " * (cell_len(gutter) - 2) + "│ " if gutter.endswith("│ ") else " " * cell_len(gutter)
        mark = Text(blank, style="dim")
        mark.append(" " * win.caret_offset() + "^" * win.caret_width(), style="bold")
        lines.append(mark)
    return lines
