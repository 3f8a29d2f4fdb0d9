"""The text rules' batched readings give what one call per piece gave (session 10's CPU work)."""

from __future__ import annotations

import random

from checker.extract.conversion import convert_each
from checker.extract.script_mix import _converter

_PIECES = (
    "完成瞭", "隻有", "之后", "頭發", "干淨", "關系", "這里", "皇后", "公里", "瞭解", "三隻貓", "發布",
    "计算机", "軟件", "头发", "干预", "未干預", "台風", "鬧鍾", "放松", "OpenAI", " ", "，", "“", "\r", "",
)  # fmt: skip


def test_one_conversion_of_joined_texts_is_each_text_converted_alone() -> None:
    rng = random.Random(10)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 8))) for _ in range(300)]
    for config in ("t2s.json", "s2t.json"):
        alone = [str(_converter(config).convert(t)) for t in texts]
        assert convert_each(config, texts) == alone
        assert alone != texts  # the pieces do convert


def test_a_text_with_a_line_break_is_converted_alone() -> None:
    texts = ["頭發\n之后", "隻有"]
    assert convert_each("t2s.json", texts) == [str(_converter("t2s.json").convert(t)) for t in texts]
    assert convert_each("s2t.json", []) == []


def test_gate_words_find_each_text_that_holds_a_word_of_each_gate() -> None:
    from checker.extract.literal_scan import GateWords
    from checker.extract.placeholder import _LOWERED_GATES, _WRITTEN_GATES

    rng = random.Random(12)
    pieces = [w for ws in (*_WRITTEN_GATES.values(), *_LOWERED_GATES.values()) for w in ws]
    pieces += ["İ", "SOURCE", "Temperature", "𝕏", "\x00", "plain ", "待補", "文字"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 4))) for _ in range(500)]
    for gates, lowered in ((_WRITTEN_GATES, False), (_LOWERED_GATES, True)):
        found = GateWords(gates, lowered=lowered).found(texts)
        for k, text in enumerate(texts):
            seen = text.lower() if lowered else text
            expected = {name for name, words in gates.items() if any(w in seen for w in words)}
            assert found.get(k, set()) == expected, text
        assert 0 < len(found) < len(texts)


def test_line_gates_find_the_same_lines_by_words_as_by_a_literal_alternation() -> None:
    from typing import Any, cast

    from checker.extract.literal_scan import GateWords
    from checker.extract.prose import ProseLine
    from checker.extract.residue_lines import LineGates, line_gates
    from checker.lexicon import substring_gate, words

    closer = sorted(words("residue", "closer_gate", "closer_gate_en"))
    rng = random.Random(13)
    pieces = [*closer[::3], "Here", "您", "plain ", "。", "İ"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4))) for _ in range(400)]
    gates = LineGates([ProseLine(t, cast(Any, None), 0, len(t)) for t in texts])
    by_words = gates.words(GateWords({"closer": closer}))
    assert by_words == gates.hit(substring_gate(closer))
    assert 0 < len(by_words) < len(texts)
    assert gates.named(line_gates()).get("closer", set()) == by_words  # the closer gate of the one pass


def test_damage_gates_are_the_texts_each_reading_can_find_something_in() -> None:
    from checker.extract.damage import _BARE_CONSONANTS, _DAMAGED_CHAR, _MOJI_RUN, _STRIPPED_MIN, damage_gates
    from checker.text.view import reader_view

    rng = random.Random(14)
    pieces = ["LLM ", "GPT", "xyz ", "Th frst wrd ", "hello ", "\ufffd", "\x07", "⼈", "Ã©", "é", "\n", "模型", "a"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8))) for _ in range(300)]
    views = [reader_view(t) for t in texts]
    gates = damage_gates(texts, views)
    assert gates.chars == {k for k, t in enumerate(texts) if _DAMAGED_CHAR.search(t)}
    assert gates.mojibake == {k for k, v in enumerate(views) if _MOJI_RUN.search(v.text)}
    counts = [len(_BARE_CONSONANTS.findall(v.masked)) for v in views]
    assert gates.stripped == {k for k, n in enumerate(counts) if n >= _STRIPPED_MIN}
    assert gates.stripped and gates.chars and gates.mojibake


def test_a_document_without_candidate_sentences_does_not_load_opencc() -> None:
    from checker.extract import conversion

    conversion._converter.cache_clear()
    assert conversion.convert_each("s2t.json", []) == []
    assert conversion._read_back([], conversion.table()) == []
    assert conversion._converter.cache_info().currsize == 0
