"""Source offsets (code points into `SourceFile.text`) to LSP line/character positions.

LSP counts characters in the negotiated position encoding: UTF-16 code units unless client
and server agree on another (LSP 3.17 `positionEncoding`). An emoji or a CJK Extension B
ideograph is one code point but two UTF-16 units; a Chinese character of the BMP is one.
Lines break at CRLF, LF and a lone CR, as in LSP and in `SourceFile`.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.core.model import Span
from checker.input.source import SourceFile

UTF16, UTF32, UTF8 = "utf-16", "utf-32", "utf-8"


def units(text: str, encoding: str = UTF16) -> int:
    """Length of `text` in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # a code point above the BMP is a surrogate pair in UTF-16
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class Position:
    """0-based line and character (in the encoding's units), as LSP has them."""

    line: int
    character: int


def position(source: SourceFile, offset: int, encoding: str = UTF16) -> Position:
    offset = max(0, min(offset, len(source.text)))
    line = source.line_of(offset)
    start = source.line_starts[line - 1]
    # an offset inside a line break (between CR and LF) is placed at the end of the line
    end = min(offset, source.line_ends[line - 1])
    return Position(line - 1, units(source.text[start:end], encoding))


def span_range(source: SourceFile, span: Span, encoding: str = UTF16) -> tuple[Position, Position]:
    return position(source, span.start, encoding), position(source, span.end, encoding)


def line_end(source: SourceFile, line: int, encoding: str = UTF16) -> Position:
    """The position just after the content of 1-based `line` (before its break)."""
    return position(source, source.line_ends[line - 1], encoding)
