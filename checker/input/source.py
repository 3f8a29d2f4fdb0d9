"""A decoded source file and the derivation of lines and columns from offsets.

Line breaks are CRLF, LF and a lone CR, the same breaks markdown-it normalises,
so its line maps and our lines agree. Every other character (BOM, tabs, NUL,
zero-width joiners) is one column: nothing is stripped or expanded, so a
finding's text is always `text[start:end]` of what was read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from checker.core.model import Location, Span
from checker.text.lazy_regex import lazy_compile

_BREAK = lazy_compile(r"\r\n|\n|\r")


@dataclass(eq=False)
class SourceFile:
    """The text of one input file (or stdin) as decoded, plus its line index."""

    path: str
    text: str
    size_bytes: int = 0
    # offsets at which each line starts; line_starts[0] == 0
    line_starts: list[int] = field(init=False, repr=False)
    # offset just past each line's content (before its break)
    line_ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        ends: list[int] = []
        for m in _BREAK.finditer(self.text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(self.text))
        self.line_starts = starts
        self.line_ends = ends

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
        line, col = self.position(span.start)
        if span.end == span.start:
            return Location(line, col, line, col)
        # the end is exclusive: place it on the line of its last character
        end_line, end_col = self.position(span.end - 1)
        return Location(line, col, end_line, end_col + 1)

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
