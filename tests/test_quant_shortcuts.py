"""The shortcuts of the quantity reader give what the long way gave (numerals, names, restated)."""

from __future__ import annotations

import pytest

from checker.extract.quantities import cues, numerals
from checker.extract.quantities.attribute import find_entities
from checker.extract.quantities.measure import unit_fits
from checker.extract.quantities.numerals import numbers_in
from checker.extract.quantities.prefixes import gated_search
from checker.extract.quantities.recognise import number_sentences
from checker.extract.quantities.restated import _grams
from checker.extract.quantities.subject import SentenceNames


def _read(text: str) -> list[tuple[str, float, str, str | None]]:
    return [(r.text, r.value, r.unit, r.hedge) for r in numbers_in(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("成本 3十万亿美元", 3e13),  # a scale word _CN_SCALES does not list: was a KeyError
        ("投资 3万億美元", 3e12),  # the two scripts mixed in one scale word
        ("投资 3萬亿美元", 3e12),
        ("估值 5千万美元", 5e7),
    ],
)
def test_every_scale_word_after_digits_has_a_scale(text: str, value: float) -> None:
    found = numbers_in(text)
    assert [r.value for r in found] == [value]


def test_digits_glued_to_a_name_are_skipped_but_the_figure_after_is_read() -> None:
    assert _read("DeepSeek-V3 的訓練成本為 550 萬美元") == [("550 萬美元", 5.5e6, "USD", None)]
    assert _read("H800 共 2048 塊") == [("2048 塊", 2048.0, "cls:塊", None)]
    # a currency word ending in a letter is no name: 「RMB50亿」 is a figure
    assert _read("RMB50亿") == [("RMB50亿", 5e9, "CNY", None)]
    assert _read("US$13 billion") == [("US$13 billion", 1.3e10, "USD", None)]


def test_date_parts_are_no_figures_and_their_guards_hold() -> None:
    assert _read("2025年8月21日營收 30 億美元") == [("30 億美元", 3e9, "USD", None)]
    # 時间 is no time of day: the 5 stays a number
    assert [t for t, *_ in _read("時間 5時间 20 萬人")] == ["5", "20 萬人"]
    assert numerals._date_char_after("8月", 1)
    assert numerals._date_char_after("2025年", 4)  # the end of the text is no 代
    assert not numerals._date_char_after("90年代", 2)
    assert not numerals._date_char_after("5時間", 1)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [("约 500 万左右", "approx"), ("30 億以上", "lower"), ("100 人以下", "upper"), ("300 萬美元", None)],
)
def test_hedges_after_a_figure_in_one_match(text: str, hedge: str | None) -> None:
    assert [h for *_, h in _read(text)] == [hedge]


def test_bracketed_names_found_by_the_sentence_brackets() -> None:
    sent = "Gemini 3.1 Pro（Google，2月19日）：得分 77.1%，而 (Claude) 未公布"
    names = SentenceNames(sent, find_entities(sent))
    keys = [e.key for e in names._names]
    google = keys.index("google")
    score = sent.index("77.1")
    # Google opens no bracket of its own: it is inside one closed before the score
    assert names._in_closed_parens(google, score)
    assert not names._in_closed_parens(google, sent.index("）"))  # not yet closed there
    assert not names._in_closed_parens(keys.index("gemini-3.1-pro"), score)
    claude = keys.index("claude")
    assert names._in_closed_parens(claude, len(sent))
    assert not names._in_closed_parens(claude, sent.index(")"))  # its bracket closes at `upto`, not before


def test_grams_are_the_windows_of_the_parts_between_figures() -> None:
    assert _grams("abcdef#gh#ijklm") == {"abcd", "bcde", "cdef", "ijkl", "jklm"}
    assert _grams("abc") == set()


def test_gated_search_finds_what_search_finds() -> None:
    pattern = cues.CLAUSE_CUES.compiled
    texts = ["比上一代高", "相較於 GPT-4", "訓練成本為", "than GPT-4", "Sam 曾估值", "", "超越 Llama 的 3 倍"]
    for text in texts:
        want, got = pattern.search(text), gated_search(pattern, text)
        assert (want and (want.span(), want.lastgroup)) == (got and (got.span(), got.lastgroup))
    assert gated_search(cues.FROM_AHEAD.compiled, "估值从去年的约 ") is not None
    assert gated_search(cues.FROM_AHEAD.compiled, "訓練成本為 ") is None


@pytest.mark.parametrize(
    ("measure", "unit", "fits"),
    [
        ("users", "people", True),
        ("users", "gpus", False),
        ("gpu-count", "gpus", True),
        ("downloads", "cls:次", True),
        ("employees", "cls:名", True),
        ("accuracy", "points", False),
        ("score", "points", True),
        ("no-such-measure", "", False),
        ("revenue", "USD", True),
        ("parameters", "params", True),
        ("active-parameters", "tokens", False),
    ],
)
def test_unit_fits_table(measure: str, unit: str, fits: bool) -> None:
    assert unit_fits(measure, unit, "value") is fits


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("今天天氣好。營收 30 億美元。完", ["營收 30 億美元"]),
        ("v3. 版本 5 個", ["v3", "版本 5 個"]),  # ". " is a stop: the next sentence starts after it
        ("a. b 7! c 8", ["b 7", " c 8"]),
        ("no stop 12 here", ["no stop 12 here"]),
        ("x｜y 9｜z", ["y 9"]),
    ],
)
def test_number_sentences_start_after_the_last_stop(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in number_sentences(text)] == sentences
