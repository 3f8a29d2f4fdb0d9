"""The year a list heading gives to the year-less dates below it ("*   **2021 年：**", "### 2021").

`ListYears.year_of` answers as `list_year` (kept as the reference: tests compare the two, and
it reads the rare line that holds a line break other than "\\n") without copying the text from
the heading to each date: the headings of a piece are found once, the whole lines between a
heading and a date are read once per heading as the dates move down, and the date's own line
is read once (where its first non-blank character is). A long line of year-less dates below a
year heading was quadratic: each date copied the line up to itself.
"""

from __future__ import annotations

import bisect
import re

from checker.text.lazy_regex import lazy_compile
from checker.text.view import MASK

MASK_CHARS = MASK + " \t"

# a list item or heading that is only a year: "*   **2021 年：**", "### 2021"; the items
# indented below it (or the lines up to the next heading) take that year
YEAR_HEAD = lazy_compile(
    r"(?m)^(?P<indent>[ \t]*)(?:[-*+][ \t]+|#{1,6}[ \t]+)[*_ \t]*(?P<y>(?:19|20)\d\d)[ \t]*年?[*_ \t]*[:：]?[*_ \t]*$"
)
LIST_REACH = 3000
_NEWLINE = lazy_compile(r"\n")
_SPACES = lazy_compile(r"\s*")  # \s is str.isspace (what str.strip() removes)
_MASKS = lazy_compile(f"[{re.escape(MASK_CHARS)}]*")
# the line breaks of str.splitlines other than "\n": a line holding one is read by list_year
_OTHER_BREAKS = lazy_compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class LineStarts:
    """Where the line holding an offset starts, by bisection in the text's newlines (listed on
    the first question): a search back per date was quadratic on a long line of dates."""

    __slots__ = ("newlines", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines: list[int] | None = None

    def start_of(self, at: int) -> int:
        """One past the last newline before `at` (0 when there is none)."""
        if self.newlines is None:
            self.newlines = [m.start() for m in _NEWLINE.finditer(self.text)]
        k = bisect.bisect_left(self.newlines, at) - 1
        return self.newlines[k] + 1 if k >= 0 else 0


def _closes(line: str, indent: int, heading: bool) -> bool:
    """Whether `line` (between a year heading and a date) ends the heading's list or section."""
    if not line.strip() or line.strip(MASK_CHARS) == "":
        return False
    if heading and line.lstrip().startswith("#"):
        return True  # a later heading closes the year's section
    return not heading and len(line) - len(line.lstrip()) <= indent  # back at the heading's level


def _head_shape(head: re.Match[str]) -> tuple[int, bool]:
    return len(head.group("indent").expandtabs(4)), "#" in head.group(0)


def list_year(text: str, piece_start: int, at: int, lines: LineStarts) -> tuple[int, int] | None:
    """(year, 1) from the enclosing list heading of the year-less date at `at`, or None."""
    lo = max(0, piece_start - LIST_REACH)
    line_start = lines.start_of(at)
    heads = list(YEAR_HEAD.finditer(text, lo, line_start))
    if not heads:
        return None
    head = heads[-1]
    indent, heading = _head_shape(head)
    if any(_closes(line, indent, heading) for line in text[head.end() : at].splitlines()):
        return None
    return int(head.group("y")), 1


class _Line:
    """One line's leading characters: where its first non-blank and first unmasked characters
    are, and its first line break other than "\\n" (or its end)."""

    __slots__ = ("blank_to", "masked_to", "other_break", "start")

    def __init__(self, text: str, start: int) -> None:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        self.start = start
        self.blank_to = _end_of(_SPACES, text, start, end)
        self.masked_to = _end_of(_MASKS, text, start, end)
        other = _OTHER_BREAKS.search(text, start, end)
        self.other_break = other.start() if other else end

    def past_lead(self, at: int) -> bool:
        """`at` lies past the line's blank and masked lead, up to its first other break: where
        every date of the line gets the same answer."""
        return self.blank_to < at <= self.other_break and at > self.masked_to


def _end_of(run: re.Pattern[str], text: str, start: int, end: int) -> int:
    m = run.match(text, start, end)
    return m.end() if m else start


class ListYears:
    """`list_year` for the dates of one layout in source order, linear on a long line."""

    __slots__ = ("_heads", "_line", "_line_answer", "_lines", "_progress", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines = LineStarts(text)
        self._heads: tuple[int, list[int], list[re.Match[str]]] | None = None  # (piece start, starts, heads)
        self._progress: dict[int, tuple[int, bool]] = {}  # head start -> (lines read up to, still open)
        self._line: _Line | None = None
        # the answer for the dates of one line past its blank and masked lead, up to its first
        # other break: it depends only on the piece and the line (issue 17's "year list" has
        # 140,000 dates on one line), so it is worked out once per (piece, line)
        self._line_answer: tuple[int, int, tuple[int, int] | None] | None = None

    def year_of(self, piece_start: int, piece_end: int, at: int) -> tuple[int, int] | None:
        """`list_year` of the date at `at` of the piece [piece_start, piece_end)."""
        line_start = self._lines.start_of(at)
        known = self._line_answer
        if known is not None and known[0] == piece_start and known[1] == line_start:
            line = self._line
            if line is not None and line.start == line_start and line.past_lead(at):
                return known[2]
        answer = self._year_of(piece_start, piece_end, at, line_start)
        line = self._line
        if line is not None and line.start == line_start and line.past_lead(at):
            self._line_answer = (piece_start, line_start, answer)
        return answer

    def _year_of(self, piece_start: int, piece_end: int, at: int, line_start: int) -> tuple[int, int] | None:
        text = self.text
        if self._heads is None or self._heads[0] != piece_start:
            lo = max(0, piece_start - LIST_REACH)
            # a heading ends before its line's "\n": one found up to the piece's end is one
            # found up to any line start after it, and none straddles a line start
            found = list(YEAR_HEAD.finditer(text, lo, max(lo, piece_end)))
            self._heads = (piece_start, [h.start() for h in found], found)
        _, starts, found = self._heads
        k = bisect.bisect_left(starts, line_start) - 1
        if k < 0:
            return None
        head = found[k]
        indent, heading = _head_shape(head)
        line = self._line
        if line is None or line.start != line_start:
            line = self._line = _Line(text, line_start)
        if at > line.other_break:
            return list_year(text, piece_start, at, self._lines)
        if not self._open_to(head, line_start, indent, heading):
            return None
        # the date's own line up to the date: blank or masked is skipped, else it must be below
        if at > line.blank_to and at > line.masked_to:
            if heading and text[line.blank_to] == "#":
                return None
            if not heading and line.blank_to - line_start <= indent:
                return None
        return int(head.group("y")), 1

    def _open_to(self, head: re.Match[str], line_start: int, indent: int, heading: bool) -> bool:
        """No whole line between `head` and `line_start` closes it (read once per heading)."""
        read_to, still_open = self._progress.get(head.start(), (head.end(), True))
        if line_start < read_to:  # (dates come in order: only a new heading's lines start over)
            read_to, still_open = head.end(), True
        if still_open and read_to < line_start:
            still_open = not any(_closes(s, indent, heading) for s in self.text[read_to:line_start].splitlines())
        self._progress[head.start()] = (max(read_to, line_start), still_open)
        return still_open
