"""SourceFile's line index (built in C for LF-only text) against a plain scan of the breaks."""

from __future__ import annotations

import random
import re

import pytest

from checker.input.source import SourceFile


def _reference(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [0], []
    for m in re.finditer(r"\r\n|\n|\r", text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


_RNG = random.Random(17)
_TEXTS = ["", "\n", "a", "a\n", "\n\n", "ab\ncd", "a\r\nb\rc\n", "x\r", "中文\n\nline\n", "\r\n\r\n"] + [
    "".join(_RNG.choice("ab\n\r中") for _ in range(_RNG.randint(0, 40))) for _ in range(400)
]


@pytest.mark.parametrize("text", _TEXTS)
def test_line_index_matches_a_scan_of_the_breaks(text: str) -> None:
    src = SourceFile("p.md", text)
    starts, ends = _reference(text)
    assert list(src.line_starts) == starts
    assert list(src.line_ends) == ends
    assert src.line_count == len(starts)
    for offset in range(len(text) + 1):
        line, col = src.position(offset)
        assert starts[line - 1] <= offset and col == offset - starts[line - 1] + 1
