"""IndexedBoundaries (temporal/bounds.py) gives the answers of sentences.Boundaries at every
position of random texts made of breaks, full stops, letters, digits, spaces and Han."""

from __future__ import annotations

import random

import pytest

from checker.extract.temporal.bounds import IndexedBoundaries
from checker.text.sentences import REACH, Boundaries

_ALPHABET = "。！？!?；;\n|｜，,、：:.... ab9)]\"'\t年月日中x.."


def _texts() -> list[str]:
    rng = random.Random(12)
    out = ["", ".", "a.", "a. b", "中文。", "v1.5 and 3.14. Done.", "2025年1月1日、2025年2月2日" * 40]
    for n in (5, 40, REACH - 1, REACH, REACH + 1, 3 * REACH + 17):
        out.extend("".join(rng.choice(_ALPHABET) for _ in range(n)) for _ in range(25))
    # long stretches without any break: the REACH limit decides
    out.append("a" * (2 * REACH) + "." + " " + "b" * (3 * REACH))
    out.append("x" * (REACH + 3) + "a." + "y" * (REACH + 5))
    return out


@pytest.mark.parametrize("clause", [False, True])
def test_same_answers_as_boundaries(clause: bool) -> None:
    for text in _texts():
        plain, indexed = Boundaries(text), IndexedBoundaries(text)
        for pos in range(len(text) + 1):
            assert indexed.before(pos, clause=clause) == plain.before(pos, clause=clause), (text, pos)
            assert indexed.after(pos, clause=clause) == plain.after(pos, clause=clause), (text, pos)


def test_positions_outside_the_text_fall_back() -> None:
    text = "ab. cd，ef"
    plain, indexed = Boundaries(text), IndexedBoundaries(text)
    for pos in (len(text) + 1, len(text) + REACH + 5):
        assert indexed.before(pos, clause=True) == plain.before(pos, clause=True)
        assert indexed.after(pos) == plain.after(pos)


def test_a_line_of_dates_finds_each_clause_start() -> None:
    text = "、".join(["2025年1月1日"] * 100)
    b = IndexedBoundaries(text)
    assert b.before(15, clause=True) == 10  # after the first 、
    assert b.before(20, clause=True) == 20  # right after the second
    assert b.before(20, clause=False) == 0  # no sentence break on the line
    assert b.after(0, clause=True) == 9
