"""Session 11's literal gates of text.llm-residue: the lines one Aho-Corasick pass names (then
confirmed by the pivot pattern) are the lines the regex gates named before."""

from __future__ import annotations

import re

from checker.extract import residue_talk
from checker.extract.prose import ProseLine
from checker.extract.residue_lines import YEAR_X, LineGates, line_gates
from checker.input.documents import Segment
from checker.lexicon import substring_gate, words

_TEXTS = [
    "今日的搜索中没有发现相关报道",
    "原文摘要未提供具體數字",
    "以下為根據標題的推測",
    "The search results did not mention it.",
    "Based on the title alone, I guess",
    "【待补】來源",
    "［假設］",
    "2025年 X月發布",
    "年",
    "X月",
    "新聞資訊有限",
    "plain line with nothing",
    "希望對您有幫助",
    "İstanbul SEARCH",
    "",
]


def _lines(*texts: str) -> list[ProseLine]:
    seg = Segment.__new__(Segment)
    return [ProseLine(t, seg, 0, len(t)) for t in texts]


def test_talk_lines_by_words_are_the_lines_the_pivot_and_english_gates_hit() -> None:
    gates = LineGates(_lines(*_TEXTS))
    p = residue_talk._for(gates.joined)
    before = gates.hit(p.PIVOT_ZH) | gates.hit(p.GATE_EN, lowered=True)
    assert residue_talk.talk_lines(gates) == before
    assert {0, 1, 2, 3, 4, 13} <= before  # the gates saw lines to find


def test_strong_lines_by_words_are_the_lines_the_strong_regex_hit() -> None:
    brackets = "|".join(f"{re.escape(b)}(?:假|插|請|请|填|待)" for b in "[［【")
    regex = re.compile(rf"{substring_gate(words('residue', 'strong_gate')).pattern}|{brackets}|年\s*[XxＸ]")
    gates = LineGates(_lines(*_TEXTS))
    by_words = gates.named(line_gates()).get("strong", set()) | gates.hit(YEAR_X)
    assert by_words == gates.hit(regex)
    assert {5, 6, 7, 12} <= by_words and 8 not in by_words  # 「年」 and 「X月」 on two lines are not one


def test_confirmed_searches_only_the_lines_given() -> None:
    gates = LineGates(_lines("ab", "xab", "b"))
    assert gates.confirmed(re.compile("ab"), [1, 2]) == {1}
    assert gates.confirmed(re.compile("ab"), []) == set()
