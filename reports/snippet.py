"""The flagged span in its line, cut to the terminal's width in display cells.

A CJK character takes two cells of a terminal, a Latin one one, a combining mark none, so
windows are measured with rich's `cell_len`, never in code points: an 80-column terminal
then shows the flagged phrase whole, with as much context on each side as fits, and an
ellipsis where the line was cut (never half of a wide character). Without colour a caret
line marks the span, aligned by the same cell widths.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from checker.core.neutralise import visible

ELLIPSIS = "…"
INSERTION = "⎀"  # an empty span (something missing here) is shown as this mark
MIN_WIDTH = 24  # below this many cells a snippet is unreadable anyway: use at least this
# characters looked at on each side per cell of width: a snippet never walks a whole
# megabyte-long line (only zero-width characters could make more than one a cell needed)
REACH_PER_CELL = 4


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
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


def _piece(ch: str) -> tuple[str, int]:
    """A character as shown (controls as visible escapes) and its width in cells."""
    if ch.isprintable():
        return ch, get_character_cell_size(ch)
    shown = visible(ch)
    return shown, cell_len(shown)


def _fit(pieces: Iterable[str], budget: int, more: bool) -> tuple[list[str], bool]:
    """The pieces (in reading order away from the span) that fit `budget` cells, and whether
    any were left out (then one cell is kept for the ellipsis). `more`: the text went on
    beyond what was given."""
    out: list[tuple[str, int]] = []
    used = 0
    cut = more
    for ch in pieces:
        shown, w = _piece(ch)
        if used + w > budget:
            cut = True
            break
        out.append((shown, w))
        used += w
    if cut:
        while out and used > budget - 1:
            used -= out.pop()[1]
    return [shown for shown, _ in out], cut


def _take_right(text: str, budget: int, more: bool = False) -> tuple[str, bool]:
    """The longest start of `text` that fits `budget` cells, and whether it was cut."""
    pieces, cut = _fit(text, max(budget, 0), more)
    return "".join(pieces), cut


def _take_left(text: str, budget: int, more: bool = False) -> tuple[str, bool]:
    """The longest end of `text` that fits `budget` cells, and whether it was cut."""
    pieces, cut = _fit(reversed(text), max(budget, 0), more)
    return "".join(reversed(pieces)), cut


def window(line: str, start: int, end: int, width: int, *, more_left: bool = False, more_right: bool = False) -> Window:
    """Cut `line` (one line of the source, or a piece of it: `more_left`/`more_right` say
    that it went on) to `width` cells around `line[start:end]`, centred on the span: the
    span first (cut only when it alone is wider than the screen), then half of what is left
    on each side, a side that needs less giving the rest to the other."""
    width = max(width, MIN_WIDTH)
    before, after = line[:start], line[end:]
    if _measure(line[start:end], width - 2) > width - 2:
        # the span alone is wider than the screen: a little of what led to it, then its start
        left, cut_left = _take_left(before, min(_measure(before, 12), 12), more_left)
        used = cell_len(left) + (1 if cut_left else 0)
        span, _ = _take_right(line[start:end], width - used)
        return Window(left, span, "", cut_left, True, False)
    span = "".join(_piece(ch)[0] for ch in line[start:end])
    rest = width - cell_len(span or INSERTION)
    left_need = _measure(before, rest) + (rest if more_left else 0)
    right_need = _measure(after, rest) + (rest if more_right else 0)
    left_budget = rest // 2
    right_budget = rest - left_budget
    if left_need < left_budget:
        right_budget += left_budget - left_need
        left_budget = left_need
    elif right_need < right_budget:
        left_budget += right_budget - right_need
        right_budget = right_need
    left, cut_left = _take_left(before, left_budget, more_left)
    right, cut_right = _take_right(after, right_budget, more_right)
    return Window(left, span, right, cut_left, False, cut_right)


def _measure(text: str, cap: int) -> int:
    """Display width of `text`, counted no further than `cap` + 1 cells (enough to compare)."""
    used = 0
    for ch in text:
        used += _piece(ch)[1]
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
