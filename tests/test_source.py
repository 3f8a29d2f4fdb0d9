from __future__ import annotations

from checker.core.model import Span
from checker.input.source import SourceFile


def test_lines_and_columns_with_crlf_cr_bom_tab_zwj_nul() -> None:
    text = "\ufeffa\r\nb\tc\rd\u200de\x00f\n\nlast"
    src = SourceFile("x", text)
    assert src.line_count == 5
    assert src.position(0) == (1, 1)  # the BOM is a column of its own
    assert src.position(text.index("a")) == (1, 2)
    assert src.position(text.index("c")) == (2, 3)  # a tab is one column
    assert src.position(text.index("e")) == (3, 3)  # after a lone CR, a new line; ZWJ is a column
    assert src.position(text.index("f")) == (3, 5)  # NUL is a column
    assert src.line_text(2) == "b\tc"
    assert src.line_text(4) == ""
    assert src.position(text.index("last")) == (5, 1)


def test_locate_end_is_exclusive_and_on_the_last_character_line() -> None:
    src = SourceFile("x", "ab\ncd\n")
    loc = src.locate(Span(1, 5))  # "b\ncd"
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 2, 2, 3)
    loc = src.locate(Span(0, 3))  # "ab\n": ends with the break of line 1
    assert (loc.line, loc.end_line, loc.end_column) == (1, 1, 4)


def test_empty_span_and_empty_text() -> None:
    src = SourceFile("x", "")
    assert src.line_count == 1
    loc = src.locate(Span(0, 0))
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 1, 1, 1)
