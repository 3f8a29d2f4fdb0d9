"""The speed paths of the lexicon, the residue line gates and the script count give what the
plain versions give (session 7: each is a faster way to the same answer)."""

from __future__ import annotations

import re

import pytest

from checker.extract.residue_lines import LineGates
from checker.extract.script_mix import _SHARED_IN_PRACTICE, _changed
from checker.lexicon import Entry, _join, alternation
from tests.fixtures import prose_lines

SAMPLES = [
    "Will william xWill will. WILL 会在 大年会在 会在大年 我们会在明天 I'll will",
    "ok_will _will 9will will9 Feel free; feel freely, hope-ful Hope.",
    "",
]


def _old(entries: list[Entry]) -> str:
    """The alternation as written before fast_source: guards in front, a lookahead lead."""
    return _join({e.source(): len(e.word) for e in entries}, {e.word[:1] for e in entries})


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_fast_source_matches_what_the_guarded_source_matches(flags: int) -> None:
    entries = [Entry("will"), Entry("会在", not_after="大年", not_before="大"), Entry("Feel free"), Entry("hope")]
    entries += [Entry("a.b"), Entry(" x"), Entry("9will")]
    fast = {e.source(): e.fast_source() for e in entries}
    new = _join({e.source(): len(e.word) for e in entries}, {e.word[:1] for e in entries}, fast)
    old = _old(entries)
    assert new != old
    for text in SAMPLES:
        got = [m.span() for m in re.finditer(new, text, flags)]
        assert got == [m.span() for m in re.finditer(old, text, flags)]
    found = [m.group() for m in re.finditer(new, SAMPLES[0], flags)]
    # whole words only, and 会在 neither after 大年 nor before 大
    tail = ["会在", "会在", "will"]  # 我们会在明天; not 大年会在 nor 会在大年
    assert found == (["Will", "will", "WILL", *tail] if flags else ["will", *tail])


def test_uncased_literal_lists_drop_the_lookahead() -> None:
    cjk = [Entry("希望"), Entry("但愿", not_after="不")]
    src = _join({e.source(): 2 for e in cjk}, {"希", "但"}, {e.source(): e.fast_source() for e in cjk})
    assert not src.startswith("(?:(?=")  # the engine's own first-literal test does the gating
    latin = [Entry("hope")]
    src = _join({e.source(): 4 for e in latin}, {"h"}, {e.source(): e.fast_source() for e in latin})
    assert src.startswith("(?:(?=[h])")  # a cased first letter may be compiled with IGNORECASE


def test_lexicon_alternation_still_finds_guarded_words() -> None:
    pattern = re.compile(alternation("residue", "closer_gate_en"))
    assert [m.group() for m in pattern.finditer("I hope so. Let me know; hopefully not; shope")] == ["hope", "Let me"]


def test_line_gates_name_the_lines_hit_and_never_join_two_lines() -> None:
    gates = LineGates(prose_lines("no match here", "希望對您有幫助", "年", "X月", "İstanbul HOPE"))
    assert gates.hit(re.compile("希望|您")) == {1}
    assert gates.hit(re.compile(r"年\s*X")) == set()  # 「年」 ending one line and 「X月」 opening the next
    assert gates.hit(re.compile("hope"), lowered=True) == {4}
    assert gates.hit(re.compile("istanbul|i̇stanbul"), lowered=True) == {4}


def test_changed_positions_equal_a_character_by_character_comparison() -> None:
    text = ("这是简体字。" * 30) + "發布了" + ("一二三" * 40) + "后台"
    converted = text.replace("这", "這").replace("发", "發").replace("简", "簡").replace("后", "後")
    one_way = re.compile("[这发简]")  # 后 converts only in a phrase here
    naive = [
        i
        for i, (a, b) in enumerate(zip(text, converted, strict=True))
        if a != b and a not in _SHARED_IN_PRACTICE and one_way.match(a)
    ]
    assert _changed(text, converted, one_way) == naive
    assert naive  # the comparison saw differences to find
    assert _changed(text, text, one_way) == []
