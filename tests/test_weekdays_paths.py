"""The speed paths taken for issue 17's "dated weekdays" (a 2 MB line of dated weekdays) give what
the plain versions give (session 12: each is a faster way to the same answer)."""

from __future__ import annotations

import random
from pathlib import Path

from checker.extract.structure import _open_bracket, cut_off_end
from checker.extract.temporal import grammar
from checker.extract.temporal.bounds import IndexedBoundaries
from checker.extract.temporal.judged import DenseMemo, as_zero, judged_dense
from tests.fixtures import one_document


def _open_bracket_per_character(line: str) -> tuple[int, str] | None:
    """_open_bracket as written before: a step per character of the line."""
    stack: list[tuple[int, str]] = []
    pairs = {"]": "[", ")": "(", "）": "（"}
    for i, c in enumerate(line):
        if c in "[(（":
            stack.append((i, c))
        elif c in pairs and stack and stack[-1][1] == pairs[c]:
            stack.pop()
    if not stack:
        return None
    at, c = stack[0]
    if c == "(" and at > 0 and line[at - 1] == "]":
        return at, "link-target"
    if c == "[":
        return at, "link-text"
    return at, "parenthesis"


def test_open_bracket_reads_the_brackets_as_the_character_loop_did() -> None:
    rng = random.Random(12)
    alphabet = "[]()（）a 中】【"
    lines = ["", "no brackets", "[text](https://x.y/a", "a (b [c) d", "（一）二（三", "](x"]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20_000)]
    answers = [_open_bracket(line) for line in lines]
    assert answers == [_open_bracket_per_character(line) for line in lines]
    assert {a[1] for a in answers if a is not None} == {"link-target", "link-text", "parenthesis"}


def test_a_last_line_ending_on_a_comma_needs_eight_prose_characters(tmp_path: Path) -> None:
    # the prose characters are counted up to eight, no longer listed: seven is a label
    for text, cut in (("# T\n\n一二三四五六七，\n", False), ("# T\n\n一二三四五六七八，\n", True)):
        damage = cut_off_end(one_document(tmp_path, text))
        assert (damage is not None) is cut, text
        if damage is not None:
            assert damage.kind == "cut-off-end" and "'，'" in damage.message


def test_dense_keys_from_the_zeroed_document_are_those_of_each_window() -> None:
    """judged_dense keyed by slices of as_zero(text) (one pass per document) holds the same keys
    and gives the same judgements as keys made from each window."""
    rng = random.Random(7)
    text = "，".join(f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三 發布" for _ in range(3000))
    text += "\ud83d\ude00 2025年1月9日\udc00"  # lone surrogates keep their offsets
    zeroed = as_zero(text)
    assert len(zeroed) == len(text) and "1" not in zeroed and zeroed.count("0") >= 8000
    bounds = IndexedBoundaries(text)
    by_window: DenseMemo = {}
    by_document: DenseMemo = {}
    raws = grammar.scan(text)
    for raw in raws:
        alone = judged_dense(text, raw.start, raw.end, bounds, by_window)
        assert judged_dense(text, raw.start, raw.end, bounds, by_document, zeroed) == alone
    assert len(raws) > 3000 and by_document == by_window and len(by_window) < len(raws) * 3 // 4
