"""A decoded source file and the derivation of lines and columns from offsets.

Line breaks are CRLF, LF and a lone CR, the same breaks markdown-it normalises,
so its line maps and our lines agree. Every other character (BOM, tabs, NUL,
zero-width joiners) is one column: nothing is stripped or expanded, so a
finding's text is always `text[start:end]` of what was read.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

from checker.core.model import Location, Span
from checker.text.lazy_regex import lazy_compile

_BREAK = lazy_compile(r"\r\n|\n|\r")


@dataclass(eq=False)
class SourceFile:
    """The text of one input file (or stdin) as decoded, plus its line index."""

    path: str
    text: str
    size_bytes: int = 0
    # offsets at which each line starts; line_starts[0] == 0 (arrays of machine integers: a
    # list held an int object per line, 7 MB of the real corpus's peak)
    line_starts: array[int] = field(init=False, repr=False)
    # offset just past each line's content (before its break)
    line_ends: array[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        text = self.text
        if "\r" not in text:
            # LF only (almost every file): split and sum the lengths in C, no Python step per line
            lengths = list(map(len, text.split("\n")))
            starts = array("q", accumulate(map((1).__add__, lengths[:-1]), initial=0))
            self.line_starts = starts
            self.line_ends = array("q", map(add, starts, lengths))
            return
        starts_l = [0]
        ends_l: list[int] = []
        for m in _BREAK.finditer(text):
            ends_l.append(m.start())
            starts_l.append(m.end())
        ends_l.append(len(text))
        self.line_starts = array("q", starts_l)
        self.line_ends = array("q", ends_l)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line containing `offset` (an offset at a break belongs to the line it ends)."""
        return bisect.bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """(1-based line, 1-based code-point column) of an offset."""
        line = self.line_of(offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, span: Span) -> Location:
        return self.locate_range(span.start, span.end)

    def locate_range(self, start: int, end: int) -> Location:
        """The Location of [start, end), its calls written out: the engine places every finding
        with it (160,000 on 2 MB of dated weekdays)."""
        starts = self.line_starts
        line = bisect.bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        if end == start:
            return Location(line, column, line, column)
        # the end is exclusive: place it on the line of its last character
        end_line = bisect.bisect_right(starts, end - 1)
        return Location(line, column, end_line, end - starts[end_line - 1] + 1)

    def line_span(self, line: int) -> Span:
        """Span of a 1-based line's content, without its break."""
        return Span(self.line_starts[line - 1], self.line_ends[line - 1])

    def line_text(self, line: int) -> str:
        span = self.line_span(line)
        return self.text[span.start : span.end]

    def lines_span(self, first: int, last: int) -> Span:
        """Span from the start of line `first` to the end of line `last` (1-based, inclusive)."""
        return Span(self.line_starts[first - 1], self.line_ends[last - 1])

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]
