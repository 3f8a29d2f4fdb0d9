"""The shared reading layers: the reader view, the sentence splitter, the lexicon loader."""

from __future__ import annotations

import pytest

from checker.lexicon import LexiconError, cue_pattern, lists, words
from checker.text.script import has_han, is_han
from checker.text.sentences import LONGEST, clauses, sentence_around, sentences, starts_sentence
from checker.text.view import MASK, joined_view, reader_view


@pytest.mark.parametrize(
    ("segment", "reads"),
    [
        ("「**19.5** 万美元」", "「19.5 万美元」"),
        ("2025年**12月**15日", "2025年12月15日"),
        ("[GPT-5](https://openai.com/gpt-5) 发布", "GPT-5 发布"),
        ("a<br>b", "a\nb"),
        ("see ![logo](a.png) here", "see  here"),
        ("plain text, no markup", "plain text, no markup"),
    ],
)
def test_reader_view_deletes_markup_and_maps_back(segment: str, reads: str) -> None:
    view = reader_view(segment)
    assert view.text == reads
    assert len(view.masked) == len(view.text)
    for i, ch in enumerate(view.text):
        if ch != "\n":
            assert segment[view.to_segment(i)] == ch


def test_reader_view_masks_what_is_never_a_statement() -> None:
    view = reader_view("見 `v1.2.3` 與 ＧＰＴ－４ at https://x.org/2025-12-01 ok")
    assert "v1.2.3" in view.text and "v1.2.3" not in view.masked
    assert "GPT-4" in view.masked  # full-width letters folded one to one
    assert "2025" not in view.masked and MASK in view.masked
    start = view.text.index("ok")
    assert view.segment_span(start, start + 2) == (len(view.text) - 2 + 2, len(view.text) + 2)


def test_sentences_and_clauses() -> None:
    text = "OpenAI 发布了 GPT-5。它支持 v1.5 接口，价格下降; Done. Next"
    spans = [text[a:b] for a, b in sentences(text)]
    assert spans == ["OpenAI 发布了 GPT-5", "它支持 v1.5 接口，价格下降", "Done", "Next"]
    assert "价格下降" in [text[a:b] for a, b in clauses(text)]
    a, b = sentence_around(text, text.index("接口"))
    assert text[a:b] == "它支持 v1.5 接口，价格下降"


def test_starts_sentence() -> None:
    text = "Intro: Gemini ships. - Claude too\n1. Grok and Llama"
    for word, starts in (("Intro", True), ("Gemini", True), ("Claude", True), ("Grok", True), ("Llama", False)):
        assert starts_sentence(text, text.index(word)) is starts, word


def test_long_sentences_are_cut() -> None:
    text = "，".join(["一二三四五六七八九十"] * 200)
    assert all(b - a <= LONGEST for a, b in sentences(text))


def test_lexicon_folds_scripts_and_guards() -> None:
    assert {"预计", "預計"} <= words("mood", "forecast")
    pattern = cue_pattern("mood", "plan")
    assert [m.group(0) for m in pattern.finditer("明年將推出 Will ship; William 大會在")] == ["將", "Will"]
    assert "plan" in lists("mood")
    with pytest.raises(LexiconError):
        words("mood", "no-such-list")


def test_script() -> None:
    assert is_han("發") and not is_han("a") and has_han("GPT 發布") and not has_han("GPT")


def test_markup_deleted_at_the_very_start_maps_back() -> None:
    view = reader_view("[6] Google")  # a footnote mark deleted at the very start
    assert view.text == " Google" and view.to_segment(0) == 3 and view.to_segment(1) == 4


def test_joined_view_reads_each_piece_as_its_own_view_and_maps_back() -> None:
    pieces_text = ["**GPT-5** 于 [8月7日](https://x.example/a) 发布", "`code` and 2025年**12月**15日"]
    gap = "\n\n- "
    text = pieces_text[0] + gap + pieces_text[1]
    b = len(pieces_text[0])
    c = b + len(gap)
    view = joined_view(text, [(0, b), (c, len(text))])
    first, second = reader_view(pieces_text[0]), reader_view(pieces_text[1])
    assert view.text == first.text + gap + second.text
    assert view.masked == first.masked + gap + second.masked
    at = view.text.index("12月")
    assert text[view.to_segment(at) : view.to_segment(at) + 3] == "12月"
    s, e = view.segment_span(view.text.index("8月7日"), view.text.index("8月7日") + 4)
    assert text[s:e] == "8月7日"
    assert joined_view("", []).text == ""
