"""Session 11's faster ways to the same answer in the text rules: the literal gates of
text.llm-residue, the sentence and clause ends led by a class; each compared with what it replaced."""

from __future__ import annotations

import random
import re
from pathlib import Path

from checker.extract import residue_talk
from checker.extract.residue_lines import YEAR_X, LineGates, line_gates
from checker.lexicon import substring_gate, words
from checker.text import sentences
from tests.fixtures import one_document, prose_lines

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


def test_talk_lines_by_words_are_the_lines_the_pivot_and_english_gates_hit() -> None:
    gates = LineGates(prose_lines(*_TEXTS))
    p = residue_talk._for(gates.joined)
    before = gates.hit(p.PIVOT_ZH) | gates.hit(p.GATE_EN, lowered=True)
    assert residue_talk.talk_lines(gates) == before
    assert {0, 1, 2, 3, 4, 13} <= before  # the gates saw lines to find


def test_strong_lines_by_words_are_the_lines_the_strong_regex_hit() -> None:
    brackets = "|".join(f"{re.escape(b)}(?:假|插|請|请|填|待)" for b in "[［【")
    regex = re.compile(rf"{substring_gate(words('residue', 'strong_gate')).pattern}|{brackets}|年\s*[XxＸ]")
    gates = LineGates(prose_lines(*_TEXTS))
    by_words = gates.named(line_gates()).get("strong", set()) | gates.hit(YEAR_X)
    assert by_words == gates.hit(regex)
    assert {5, 6, 7, 12} <= by_words and 8 not in by_words  # 「年」 and 「X月」 on two lines are not one


def test_confirmed_searches_only_the_lines_given() -> None:
    gates = LineGates(prose_lines("ab", "xab", "b"))
    assert gates.confirmed(re.compile("ab"), [1, 2]) == {1}
    assert gates.confirmed(re.compile("ab"), []) == set()


_SENTENCE_TEXTS = [
    "",
    "。。",
    "  x. y  ",
    "v1.5 is out. ok",
    "a.\n.b. 1.2. x). \"q\". .. 'z'.",
    "3.14. A.B. end.",
    "第一句。第二句！第三句？｜表格|cell；分号;\n新行，逗号,顿号、冒号：colon: 完",
    "GPT-5.1 發布了。Claude 4.5 (Anthropic). Done.\tNext",
    "x" * 700 + "。" + "，".join(["y" * 50] * 30),
]


def test_led_end_patterns_match_what_the_breaks_and_full_stop_matched() -> None:
    breaks = {
        sentences.SENTENCE_END: sentences.SENTENCE_BREAKS,
        sentences.CLAUSE_END: sentences.CLAUSE_BREAKS,
        sentences.CLAUSE_END_NO_COLON: r"[。！？!?；;\n|｜，,]+",
    }
    for led, brk in breaks.items():
        old = re.compile(brk + sentences._FULL_STOP)
        assert led.pattern != old.pattern
        for text in _SENTENCE_TEXTS:
            assert [m.span() for m in led.finditer(text)] == [m.span() for m in old.finditer(text)]
            for pos, end in ((1, len(text)), (2, max(2, len(text) - 1)), (5, 12)):
                got = [m.span() for m in led.finditer(text, pos, end)]
                assert got == [m.span() for m in old.finditer(text, pos, end)]
    assert [m.group() for m in sentences.SENTENCE_END.finditer("v1.5 is out. ok。！")] == [".", "。！"]


def test_sentences_in_one_loop_are_the_pieces_of_the_generator() -> None:
    for text in _SENTENCE_TEXTS:
        for ends in (sentences.SENTENCE_END, sentences.CLAUSE_END):
            assert sentences._all_pieces(text, ends) == tuple(sentences._pieces(text, ends))
    assert sentences.sentences("A b. C d。 ") == ((0, 3), (5, 8))


_LINK_TEXTS = [
    "see https://a.org/x and HTTP://B.ORG, www.c.com/p; whttps://no hhttp://x wwww.d.org",
    "詳見https://e.org/中文 ``code `x` here`` and `https://f.org` then ```a``b```",
    "line [t] (https://g.org/a b)\n[u]**(https://h.org)\n[v (AI News)] tail\n[w](https://i.org/x y)",
    "` lone backtick\nhttp://j.org\n",
]


def test_bare_url_and_inline_code_patterns_match_what_the_branch_first_ones_matched() -> None:
    from checker.extract import links

    old_bare = re.compile(rf"(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)[^{links._STOP}]+")
    old_code = re.compile(r"(`+)[^`\n](?:.*?[^`])?\1(?!`)")
    for text in _LINK_TEXTS:
        assert [m.span() for m in links._BARE.finditer(text)] == [m.span() for m in old_bare.finditer(text)]
        assert [m.span() for m in links._INLINE_CODE.finditer(text)] == [m.span() for m in old_code.finditer(text)]
    assert [m.group() for m in links._BARE.finditer(_LINK_TEXTS[0])][:2] == ["https://a.org/x", "HTTP://B.ORG,"]


def test_hit_lines_are_the_lines_a_search_per_line_hits() -> None:
    from checker.extract.line_scan import hit_lines

    for text in _LINK_TEXTS:
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        for gate in (re.compile(r"\]\(https?://[^()\s]+[ \t]"), re.compile(r"[)）]\]"), re.compile("http")):
            assert hit_lines(text, gate) == [(a, b) for a, b in lines if gate.search(text, a, b)]
    text = _LINK_TEXTS[2]
    a = text.index("[v (AI")
    assert hit_lines(text, re.compile(r"[)）]\]")) == [(a, text.index("\n", a))]


_TRADITIONAL_PIECES = (
    "完成瞭", "隻有", "之后", "頭發", "干淨", "關系", "這里", "皇后", "公里", "瞭解", "三隻貓", "發布", "頭髮",
    "未干預", "台風", "鬧鍾", "放松", "餘下", "冗余", "麵包", "面包", "乾淨", "幹部", "這裡", "臺灣", "製作",
    "這項功能已經", "，", "。", "還沒有", "團隊把設定改了", "我們",
)  # fmt: skip


def test_conversion_reads_back_only_sentences_with_a_possible_slip_and_finds_the_same(tmp_path: Path) -> None:
    from checker.extract import conversion

    rng = random.Random(11)
    lines = ["".join(rng.choice(_TRADITIONAL_PIECES) for _ in range(rng.randrange(2, 9))) for _ in range(400)]
    doc = one_document(tmp_path, "\n\n".join(lines) + "\n")
    tab = conversion.table()

    def slips() -> list[tuple[object, ...]]:
        found = conversion.conversion_slips(doc.segments)
        return [(s.span, s.wrong, s.right, s.written, s.reading, s.by_phrase) for s in found]

    gated = slips()
    assert tab.slip_candidates.pattern != tab.candidates.pattern
    # every candidate segment and sentence read back, as before
    tab.__dict__["slip_candidates"], tab.__dict__["raw_slip_candidates"] = tab.candidates, tab.raw_candidates
    try:
        every = slips()
    finally:
        del tab.__dict__["slip_candidates"], tab.__dict__["raw_slip_candidates"]
    assert gated == every
    assert {s[1] for s in gated} >= {"瞭", "隻", "后"}  # slips were there to find


def test_texts_passing_only_partial_placeholder_gates_have_no_markers() -> None:
    from checker.extract import placeholder

    words = sorted(
        {w for ws in (*placeholder._WRITTEN_GATES.values(), *placeholder._LOWERED_GATES.values()) for w in ws}
    )
    words += ["[來源]", "[假設連結]", "<link>", "TODO:", "{{ title }}", "（）", "[待補]", "source: [link]"]
    rng = random.Random(12)
    seen = {True: 0, False: 0}
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 5)))
        has = placeholder.gates_passed([text]).get(0, set())
        inert = placeholder._inert(has)
        seen[inert] += 1
        if inert:
            assert list(placeholder._segment_markers(text, frozenset(), has)) == []
    assert seen[True] > 100 and seen[False] > 100
    assert placeholder._inert({"brackets", "close", "lt"}) and not placeholder._inert({"brackets", "close", "label"})
