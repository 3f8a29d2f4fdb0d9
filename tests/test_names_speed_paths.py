"""The faster name paths of issue 17 (session 11) give what the per-token ones gave: variant
words found by one scan, the lowercase KB names' grouped gate, a KB date kept per run."""

from __future__ import annotations

import re
from pathlib import Path

from checker.extract.kb import load_kb
from checker.extract.names.extract import _by_first_letter, extract_names
from checker.extract.names.tokens import _tokens

from .fixtures import one_document


def _texts(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.cls) for t in _tokens(text)]


def test_variant_words_continue_a_token_and_each_other() -> None:
    assert _texts("use o4 mini now") == [("o4", "versioned"), ("mini", "word")]
    # a chain: each variant word one space after the one before
    assert _texts("Gemini 2.5 flash lite") == [
        ("Gemini", "title"),
        ("2.5", "version"),
        ("flash", "word"),
        ("lite", "word"),
    ]


def test_a_variant_word_after_no_token_is_no_token() -> None:
    assert _texts("a mini pc") == []  # "a" is a lowercase word, no token: "mini" continues nothing
    assert _texts("GPT-4o  mini") == [("GPT-4o", "versioned")]  # two spaces: not one name
    assert _texts("GPT-4o minimal") == [("GPT-4o", "versioned")]  # a longer word is no variant
    assert _texts("o3 mini-x") == [("o3", "versioned"), ("mini-x", "word")]  # a token of its own


def test_a_percentage_is_no_version() -> None:
    assert _texts("Hopper-Eco 40% and 4.5") == [
        ("Hopper-Eco", "hyphenated"),
        ("40", "stop"),
        ("4.5", "version"),
    ]


def test_the_grouped_gate_finds_what_the_plain_alternation_finds() -> None:
    names = ["vllm", "verl", "cursor", "custom", "ollama", "auto"]
    grouped = re.compile(_by_first_letter(names))
    plain = re.compile("|".join(re.escape(n) for n in names))
    for text in ["we use vllm", "verl-x", "a custom cursor", "nothing", "ollam", "automatic"]:
        assert (grouped.search(text) is None) == (plain.search(text) is None), text


def test_names_in_quoted_and_plain_segments(tmp_path: Path) -> None:
    kb = load_kb()
    doc = one_document(tmp_path, "# T\n\nOpenAI 發布 GPT-4o mini。\n\n他說「我們用 Claude 寫程式，很好用」。\n")
    found = [(m.text, m.quoted) for m in extract_names(doc, kb)]
    assert ("GPT-4o mini", False) in found
    assert ("Claude", True) in found  # inside a quoted sentence
    for m in extract_names(doc, kb):
        assert doc.source.slice(m.span) == m.text
