"""Faster ways to the same answer in the text rules and link.invalid (residue, placeholder,
links): each fast path compared with what it replaced (or with the plain definition it stands for)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from checker.extract import damage, links, residue, residue_talk
from checker.extract.literal_scan import GateWords
from checker.extract.residue_lines import LineGates, line_gates
from checker.lexicon import has_cjk
from tests.fixtures import one_document, prose_lines

_LINES = [
    "The research team has published the weights.",  # "search" inside "research": not read
    "Today's search did not mention any pricing.",  # process talk
    "I couldn't find any details on the launch.",  # process talk
    "Based on the title alone, this is a guess.",  # process talk
    "The following is a guess from the headline",
    "The provided summary does not say when.",
    "According to the rules, I should not write commentary.",
    "Per the guidelines the team will ship it.",  # rules word without the refusal
    "Please skip this item.",
    "Today's search results dıd not mention it.",  # ı: IGNORECASE reads "did", the lowered line does not
    "今日的搜索中没有发现相关报道",
    "以下為根據標題的推測",
    "原文摘要未提供具體數字",
    "新聞資訊有限",
    "Gemini [model=gemini-2.5-flash,0] wrote this",
    "[Model: gpt-4o] tag in a CJK line 模型",
    "a [link](https://a.org) and [b] and [c]",
    "İstanbul SEARCH did not turn up anything",
    "plain line",
    "",
]


def test_talk_candidates_hold_every_line_process_talk_finds_something_in() -> None:
    gates = LineGates(prose_lines(*_LINES))
    candidates = residue_talk.talk_candidates(gates)
    assert candidates <= residue_talk.talk_lines(gates)
    found = {i for i, text in enumerate(_LINES) if residue_talk.process_talk(text) is not None}
    assert found <= candidates
    assert {1, 2, 3, 10, 11, 12} <= found
    assert 0 not in candidates  # "research" without a negation is not read at all
    assert 9 in found  # ı: the whole alternation decides


def test_english_shape_groups_hold_a_word_of_every_match() -> None:
    # each shape's word groups are what `_process_en` asks before the shape's search: a match
    # without one of them would be lost
    p = residue_talk._talk(False)
    for text in _LINES:
        lowered = text.lower()
        for needs, shape in p.PROCESS_EN_SHAPES:
            m = shape.search(text)
            if m is not None and not residue_talk._CASE_FOLDS.search(text):
                assert all(any(w in lowered for w in group) for group in needs), (text, needs)


def test_generation_tags_by_one_search_are_the_lines_the_per_line_search_finds() -> None:
    gates = LineGates(prose_lines(*_LINES))
    hit = gates.hit(residue_talk.tag_pattern(gates.joined))
    assert hit == {i for i, text in enumerate(_LINES) if residue_talk.generation_tag(text) is not None}
    assert {14, 15} <= hit


def _words_in(texts: list[str], gates: dict[str, list[str]], lowered: bool) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for k, text in enumerate(texts):
        t = text.lower() if lowered else text
        names = {name for name, ws in gates.items() if any(w in t for w in ws)}
        if names:
            out[k] = names
    return out


def test_gate_words_are_the_words_each_text_holds() -> None:
    rng = random.Random(13)
    alphabet = ["a", "b", "ab", "ba", "(", "[", "X", "İ", "é", "中", " "]
    gates = {"one": ["ab", "("], "two": ["b", "中"], "three": ["aba", "i"]}
    for lowered in (False, True):
        words = GateWords(gates, lowered=lowered)
        for _ in range(200):
            texts = [
                "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(rng.randrange(0, 6))
            ]
            assert words.found(texts) == _words_in(texts, gates, lowered), texts


def test_lowered_lines_keep_each_line_s_offsets() -> None:
    for texts in (["ABC", "Σ", "ΑΣ", "dEf"], ["İx", "AB", "ΣΑ"]):
        gates = LineGates(prose_lines(*texts))
        lowered = gates.lowered
        for k, line in enumerate(gates._lowered_texts):  # each line lowered alone
            start = gates._lowered_starts[k]
            assert lowered[start : start + len(line) + 1] == line + ("\x00" if k < len(texts) - 1 else "")
        assert gates.hit(re.compile("ab|def"), lowered=True) == ({0, 3} if len(texts) == 4 else {1})


def _old_closer_strength(text: str) -> bool | None:
    """closer_strength before session 13 (every search made up front)."""
    p = residue._for(text)
    if p.CLOSER_EN.search(text):
        return True
    you = p.YOU.search(text) is not None
    wish = p.WISH.search(text) is not None
    noun = p.HAS_DRAFT_NOUN.search(text) is not None
    product = p.PRODUCT.search(text) is not None
    pointer = residue.draft_self_strength(text)
    if p.TELL_ME.search(text) and p.TELL_ME_CUE.search(text) and (you or p.NEED_EDIT.search(text)):
        return True
    if p.ANYTIME.search(text) and you and p.NEED_EDIT.search(text):
        return True
    if wish and you and (product or noun or pointer is not None):
        return True
    if wish and product and noun:
        return True
    if pointer and (you or noun or p.EFFECT.search(text)):
        return True
    if wish and ((you and p.HELP.search(text)) or product or noun or pointer is not None):
        return False
    if p.ANYTIME.search(text) and p.IF.search(text) and (p.NEED.search(text) or p.NEED_EDIT.search(text)):
        return False
    if pointer is not None and p.EFFECT.search(text):
        return False
    if p.HOPE_EN.search(text):
        return False
    return None


_CLOSERS = [
    "希望這個版本對您有幫助！",
    "如果您需要進一步的修改，請隨時告訴我",
    "如有其他需求，請隨時提出",
    "这个版本更易于理解和分享",
    "這份整理報告旨在方便您快速掌握",
    "希望能對您有幫助！",
    "Hope this helps!",
    "I hope this helps you with the revised draft.",
    "如您有任何問題，歡迎隨時提出",
    "感謝大家收看，我們下期再見",
    "如果需要更多資訊，可以查看官網",
    "",
]


def test_closer_strength_answers_as_before() -> None:
    for text in _CLOSERS + _LINES:
        assert residue.closer_strength(text) == _old_closer_strength(text), text
    assert residue.closer_strength(_CLOSERS[0]) is True and residue.closer_strength(_CLOSERS[-2]) is None


def test_label_kind_of_a_long_line_is_what_the_stripped_reading_says() -> None:
    texts = [
        "x" * 41,
        "**" + "整理後的文稿" + "很" * 40 + "**",
        "主要修改說明" + " " * 40,
        "主要修改說明" + "\u3000" * 40,
        "# " + "y" * 45,
        "z" * 45 + "：",
        "Changes made:",
        "主要修改說明：",
    ]
    for text in texts:
        assert residue.label_kind(text) == residue._label_kind(text), text
    assert residue.label_kind("主要修改說明" + "\u3000" * 40) == "edit notes"


def test_document_gate_from_a_line_is_the_whole_document_s_gate(tmp_path: Path) -> None:
    texts = [
        "Intro line.\n\nAs an AI language model, I wrote this.\n\nEnd.",
        "開頭。\n\n以上整理基於您提供的文本內容。\n\n結尾。",
        "Nothing here.\n\nStill nothing.",
        "您好\n\n[假設當前年份] 的報告",
    ]
    for k, text in enumerate(texts):
        doc = one_document(tmp_path, text, f"d{k}.md")
        lines = residue.prose_lines(doc, residue.PROSE)
        for line in lines:
            assert residue._gated_from(doc, line) == residue._gated(doc.text)


def test_strong_english_gate_by_branch_hits_the_lines_of_the_alternation() -> None:
    gates = LineGates(prose_lines("an AI model", "you provided it", "your request", "[Your company]", "no", "Titan AI"))
    p = residue._for(gates.joined)
    assert gates.hit_any(p.STRONG_GATE_EN_PARTS) == gates.hit(p.STRONG_GATE_EN) == {0, 1, 2, 3, 5}


def test_ascii_texts_answered_without_a_scan() -> None:
    assert not has_cjk("plain ASCII text")
    assert has_cjk("é 中文") and not has_cjk("café")
    texts = ["ascii only", "Ã©tÃ© mojibake", "", "cafÃ©", "中文"]
    assert (
        list(damage._non_ascii_hits(damage._MOJI_RUN, texts)) == list(damage._hits(damage._MOJI_RUN, texts)) == [1, 3]
    )


def test_possessive_spaced_gate_hits_the_lines_of_the_backtracking_one() -> None:
    from checker.extract.line_scan import hit_lines

    old = re.compile(r"\]\(https?://[^()\s]+[ \t]")
    text = "[a](https://x.org/a b)\n[b](https://y.org/c)\n[c](http://z.org(x) y)\n[d](https://w.org/p\tq)"
    assert hit_lines(text, links._SPACED_GATE) == hit_lines(text, old)
    assert len(hit_lines(text, old)) == 2


def test_line_gates_named_once_per_gate() -> None:
    gates = LineGates(prose_lines(*_LINES))
    first = gates.named(line_gates())
    assert gates.named(line_gates()) is first


_BRACKETED = [
    r"\[來源] and [來源] and ![來源] and x[來源] and \\[link] [link](u) [link]: u",
    r"（來源連結待驗證） \（待確認） \\【待补充】 [citation needed] \[citation needed]",
    "[插入連結] \\[insert link here] 【请插入图片】 [Hypothetical source for X](https://a.org)",
    "（此处待补充Manus相关新闻，稍后更新） [source] a]\\[url] \\\\[來源]",
]


def test_bracket_patterns_opening_with_characters_match_what_the_optional_backslash_matched() -> None:
    from checker.extract import placeholder

    old_open = r"\\?[\[(（【]"
    for cjk in (False, True):
        p = placeholder._patterns(cjk)
        olds = {
            "link_label": p.link_label.pattern.replace(
                r"(?:\\(?<![!\]\w]\\)\[|\[(?<![!\]\w]\[))", r"(?<![!\]\w])\\?\["
            ),
            "insert": p.insert.pattern.replace(r"(?:\\[\[【]|[\[【])", r"\\?[\[【]", 1),
            **{
                name: getattr(p, name).pattern.replace(placeholder._OPEN, old_open)
                for name in ("pending", "here", "citation", "hypothetical")
            },
        }
        for name, old_source in olds.items():
            new = getattr(p, name)
            assert old_source != new.pattern, name
            old = re.compile(old_source, new.flags)
            for text in _BRACKETED:
                assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (name, text)
    assert placeholder._patterns(True).link_label.search(_BRACKETED[0]).start() == 0  # type: ignore[union-attr]
