"""The shortcuts of the name path give what the long way gives (issue 17, session 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.extract.kb import load_kb
from checker.extract.names.bare import bare_words
from checker.extract.names.extract import extract_names
from checker.input.documents import Document
from checker.text.view import _collapsed, reader_view

from .fixtures import one_document


def _doc(tmp_path: Path, text: str) -> Document:
    return one_document(tmp_path, text, "doc.md")


def test_collapsed_keeps_the_last_origin_of_each_start() -> None:
    assert _collapsed([0, 0, 3, 3, 3, 5], [0, 2, 4, 6, 7, 9]) == ((0, 3, 5), (2, 7, 9))
    assert _collapsed([0, 2, 4], [0, 3, 6]) == ((0, 2, 4), (0, 3, 6))


def test_consecutive_deletions_map_back_past_all_of_them() -> None:
    view = reader_view("a **[b**](x) c")
    assert view.text == "a b c"
    assert view.to_segment(view.text.index("b")) == 5  # after "**[", not inside it


def test_bare_words_are_found_within_one_segment(tmp_path: Path) -> None:
    # "pple" stands only across the break between two paragraphs ("...pp" / "le..."): no word
    doc = _doc(tmp_path, "# T\n\nWe like the pp\n\nle of it.\n")
    assert list(bare_words(doc, frozenset({"pple"}))) == []
    doc = _doc(tmp_path, "# T\n\nNothing here.\n\nThey sell pple phones.\n")
    found = list(bare_words(doc, frozenset({"pple"})))
    assert [b.text for b in found] == ["pple"]
    assert doc.source.slice(found[0].span) == "pple"


def test_bare_word_gate_agrees_with_the_pattern(tmp_path: Path) -> None:
    # the Aho-Corasick gate must pass exactly the segments where _BARE_WORD finds a word
    from checker.extract.names.bare import _BARE_WORD, _segments_with_words

    vocab = frozenset({"pple", "opilot"})
    texts = [
        "Apple and Copilot",  # inside capitalised words: no bare word
        "a pple.com link, v.pple, @opilot, pple-x, pple/x, x/pple",
        "pple.",  # a full stop then the end: a word
        "they sell pple",
        "opilot.x and pplex and xpple",
        "",
        "\x00pple\x00",  # a NUL in the article is no segment break for the pattern
    ]
    want = {i for i, t in enumerate(texts) if vocab & set(_BARE_WORD.findall(t))}
    assert _segments_with_words(texts, vocab) == want == {2, 3, 6}
    assert _segments_with_words(texts, frozenset()) == set()
    # words inside and at the start of other words: the longest at each start is the run itself
    vocab = frozenset({"pple", "pples", "ation", "nation", "tion", "info"})
    texts = ["information", "the nation.", "Nation and ation", "pples", "pplesx pple", "xnation tion-x"]
    want = {i for i, t in enumerate(texts) if vocab & set(_BARE_WORD.findall(t))}
    assert _segments_with_words(texts, vocab) == want == {1, 2, 3, 4}


def test_bare_word_gate_agrees_with_the_pattern_on_random_texts() -> None:
    import random

    from checker.extract.names.bare import _BARE_WORD, _segments_with_words

    vocab = frozenset({"pple", "pples", "ation", "opilot", "ab"})  # ("ab": too short to be found)
    pieces = [
        "pple",
        "pples",
        "ation",
        "ab",
        "x",
        "A",
        "1",
        ".",
        "-",
        "/",
        "@",
        " ",
        "é",
        "中",
        "\x00",
        "\x01",
        "\ud800",
    ]
    rng = random.Random(17)
    for _ in range(300):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 4))]
        want = {i for i, t in enumerate(texts) if vocab & set(_BARE_WORD.findall(t))}
        assert _segments_with_words(texts, vocab) == want, texts


def test_lone_numbers_are_no_names_but_continue_one(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "# T\n\n2025 年 12 月，Gemini 2.5 Pro 與 40% 的 3 個模型。\n")
    names = [m.text for m in extract_names(doc, load_kb())]
    assert "Gemini 2.5 Pro" in names
    assert not any(n.strip().isdigit() or n in ("2025", "12", "3") for n in names)


def test_pairwise_near_agrees_with_the_deletion_index() -> None:
    from checker.extract.names.words import _PAIRWISE_MOST, _pairwise_near, _WordNeighbours

    few = ["imperva", "ipmerva", "impera", "imperval", "other", "imperxa"]
    index = _WordNeighbours.build(few)
    near = _pairwise_near(few)
    for w in few:
        assert near(w) == index.near(w)
    assert near("imperva") == {"ipmerva", "impera", "imperval", "imperxa"}
    many = [f"word{chr(97 + i % 26)}{chr(97 + i // 26)}x" for i in range(_PAIRWISE_MOST + 10)]
    many = [w for w in many if w.isalpha()] + ["wordaax", "wordabx", "wordbax"]
    near_many = _pairwise_near(many)
    index_many = _WordNeighbours.build(many)
    assert near_many("wordaax") == index_many.near("wordaax") != set()


def test_neighbours_are_indexed_on_the_first_question_only() -> None:
    from checker.extract.names.words import _LazyNeighbours

    asked: list[int] = []

    def words() -> list[str]:
        asked.append(1)
        return ["gemini", "claude", "anthropic"]

    lazy = _LazyNeighbours(words)
    assert asked == []
    assert lazy.near("gemnii") == {"gemini"}
    assert lazy.near("anthropc") == {"anthropic"}
    assert asked == [1]


def test_one_token_parts_agree_with_the_long_way() -> None:
    # _one_token_parts answers a run of one token by its class: the same as _run_parts
    from checker.extract.names.extract import _CLASS_PARTS, _one_token_parts, _run_parts
    from checker.extract.names.tokens import _Tok, _token_class

    kb = load_kb()
    words = ["Gemini", "GPT-4o", "NVIDIA", "OpenAI", "Hub-Vision-Pro", "Zorvex-12", "5x", "10k", "3d", "o3"]
    words += ["vllm", "cursor", "pro", "2025", "4.5", "40B", "H100", "DeepSeek-R1", "x2", "AI", "kimi"]
    classes = set()
    for word in words:
        tok = _Tok(word, 0, len(word), _token_class(word))
        classes.add(tok.cls)
        assert _one_token_parts(tok, kb) == _run_parts([tok], kb), word
        assert _CLASS_PARTS.get(tok.cls, _run_parts([tok], kb)) == _run_parts([tok], kb), word
    assert {"title", "acronym", "camel", "hyphenated", "versioned", "word"} <= classes
    assert _one_token_parts(_Tok("5x", 0, 2, "versioned"), kb) == ()  # a figure with a unit
    assert _one_token_parts(_Tok("Zorvex-12", 0, 9, "versioned"), kb) == ((0, 0, "versioned"),)


def test_name_pairs_answer_as_the_words_helpers(tmp_path: Path) -> None:
    # the run's memo of pair questions (names/pairs.py) gives what the helpers give, for each
    # casing of the query (the memo keeps the intended spelling per key and casing tests)
    from checker.extract.names.extract import names_of
    from checker.extract.names.index import NameIndex
    from checker.extract.names.keys import name_key
    from checker.extract.names.pairs import NamePairs
    from checker.extract.names.words import _differing_word, _ref_surface

    kb = load_kb()
    doc = _doc(tmp_path, "# T\n\nNvidia and NVIDIA ship Hopper-Eco chips; Gemma 3 and GPT-4o too.\n")
    index = NameIndex()
    index.add(doc, names_of(doc, kb))
    pairs = NamePairs(kb, index)
    keys = [name_key(n) for n in ("Nvidia", "Hopper-Eco", "Gemma 3", "OpenAI", "No Such Name")]
    for query in ("Nvidai", "NVIDAI", "nvidai", "Hoppe-Eco", "gemma 3", "x"):
        for key in keys:
            assert pairs.ref_surface(query, key) == _ref_surface(query, key, kb, index), (query, key)
    assert pairs.ref_surface("NVIDAI", name_key("Nvidia")) != pairs.ref_surface("Nvidai", name_key("Nvidia"))
    for a, b in [
        ("Gemma 2", "Gemma 3"),
        ("Hoppe-Eco", "Hopper-Eco"),
        ("GPT-4", "GPT-4o"),
        ("Geoffery Hinton", "Geoffrey Hinton"),
        ("A B", "C D"),
    ]:
        assert pairs.differing_word(a, b) == _differing_word(a, b), (a, b)
        assert pairs.differing_word(a, b) == _differing_word(a, b)  # (asked again: from the memo)
    assert pairs.differing_word("Hoppe-Eco", "Hopper-Eco") == ("Hoppe", "Hopper")
    # both questions at once, as _best asks them: the answer of the helpers, asked twice
    fresh = NamePairs(kb, index)
    for query in ("Nvidai", "NVIDAI", "Hoppe-Eco", "Gemma 2", "gemma 3", "x"):
        for key in keys:
            ref = _ref_surface(query, key, kb, index)
            differing = None if ref is None else _differing_word(query, ref)
            want = None if ref is None or differing is None else (ref, differing)
            assert fresh.intended(query, key) == want == fresh.intended(query, key), (query, key)
    assert fresh.intended("Hoppe-Eco", name_key("Hopper-Eco")) == ("Hopper-Eco", ("Hoppe", "Hopper"))


def test_bare_words_keep_drops_words_and_their_segments(tmp_path: Path, monkeypatch: Any) -> None:
    # name.typo keeps only the rare rests: a segment whose words `keep` drops all is not masked
    import checker.extract.names.bare as bare

    doc = _doc(tmp_path, "# T\n\nThey sell pple phones.\n\nAn opilot here, pple there.\n")
    vocab = frozenset({"pple", "opilot"})
    assert [b.text for b in bare_words(doc, vocab)] == ["pple", "opilot", "pple"]
    from checker.extract.names.extract import masked_segment

    asked: list[str] = []

    def masked(text: str) -> str:
        asked.append(text)
        return masked_segment(text)

    monkeypatch.setattr(bare, "masked_segment", masked)
    kept = list(bare_words(doc, vocab, lambda w: w == "opilot"))
    assert [b.text for b in kept] == ["opilot"]
    assert doc.source.slice(kept[0].span) == "opilot"
    assert asked == ["An opilot here, pple there."]  # the first paragraph holds no kept word
    assert list(bare_words(doc, vocab, lambda w: False)) == []


_RUN_TEXTS = [
    "Claude 3.7 Sonnet and GPT-4o beat The Model on 40% of H100 GPUs",
    "NVIDIA H100/H200 in the GB300 NVL72, o3 and v2 and x-ray e.g. OpenAI CEO Sam Altman",
    "Gemini\u00a0Ultra 2.0 \nDeepSeek R1 at 5x, 10k, 2025 Snapdragon 8 Gen 3 image-to-3D TRELLIS.2",
    "The In A. B.C. U.S. AI GLM-5 Hopper-Eco 40% Hopper-Eco 4'  Ab  Cd\tEf \n\nGh",
    "開源搜索 Agent MiroThinker 1.5 與 Qwen2.5-VL，以及 Llama 3 和 x.ai 的 gpt-oss-120b",
    "",
]


def test_plain_runs_are_the_runs_of_the_plain_tokens() -> None:
    # the one-pass runs of a text without variant words or lowercase KB names are `_runs` of
    # `_tokens`, token for token (each text with and without known lowercase words)
    from checker.extract.names.tokens import _VARIANT_ANY, _plain_runs, _runs, _tokens

    for text in _RUN_TEXTS:
        assert _VARIANT_ANY.search(text) is None, text
        for known in (frozenset(), frozenset({"xray", "eg"})):
            assert list(_plain_runs(text, known)) == list(_runs(text, _tokens(text), known)), text
    assert [[t.text for t in run] for run in _plain_runs(_RUN_TEXTS[0])] == [
        ["Claude", "3.7", "Sonnet"],
        ["GPT-4o"],
        ["Model"],
        ["H100", "GPUs"],
    ]


def test_name_key_of_letters_and_digits_skips_no_separator() -> None:
    # the alphanumeric shortcut of name_key: no character it lets through is one the two
    # patterns would remove (a separator, a dot), in any script
    import sys

    from checker.extract.names.keys import _DOT_NOT_BETWEEN_DIGITS, _SEPARATORS, name_key

    removed = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c.isalnum() and (_SEPARATORS.search(c) or _DOT_NOT_BETWEEN_DIGITS.search(c))
    ]
    assert removed == []
    assert name_key("Claude") == "claude" and name_key("GPT-4.1") == "gpt4.1" and name_key("ＧＰＴ４") == "gpt4"
    assert name_key("英偉達") == name_key("英伟达") and name_key("DeepSeek_R1") == "deepseekr1"


def test_name_key_deletes_the_ascii_separators_the_pattern_removes() -> None:
    # an ASCII key loses its separators by a translate table: exactly the ASCII characters
    # _SEPARATORS matches, and the key is the patterns' key
    from checker.extract.names.keys import _ASCII_SEPARATORS, _DOT_NOT_BETWEEN_DIGITS, _SEPARATORS, name_key

    assert sorted(_ASCII_SEPARATORS) == [c for c in range(128) if _SEPARATORS.fullmatch(chr(c))]
    for c in map(chr, range(128)):
        for text in (f"Ab{c}Cd", f"x{c}1.5", f"{c}.v2{c}", f"1{c}.2"):
            expected = _DOT_NOT_BETWEEN_DIGITS.sub("", _SEPARATORS.sub("", text.lower()))
            assert name_key(text) == expected, repr(text)


def test_cjk_finder_finds_what_the_cjk_pattern_finds() -> None:
    # Aho-Corasick, leftmost-longest, gives the pattern's matches (longest name first at each
    # position), in code points, past characters outside the BMP too
    from checker.extract.names.extract import _cjk_finder, _cjk_names, _cjk_of

    kb = load_kb()
    pattern, finder = _cjk_of(kb), _cjk_finder(kb)
    assert pattern is not None and finder is not None
    names = _cjk_names(kb)
    texts = ["😀".join(names[i : i + 7]) + "和" + "".join(names[i : i + 3]) for i in range(0, len(names), 5)]
    texts += ["百度的文心一言與通義千問，輝達和英偉達。😀文心", "no han here", ""]
    for text in texts:
        want = [m.span() for m in pattern.finditer(text)]
        assert [(a, b) for _, a, b in finder.find_matches_as_indexes(text)] == want, text
    assert any(pattern.search(t) for t in texts[:3])
