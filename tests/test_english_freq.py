"""The bundled English frequency list answers as wordfreq did.

tests/data/wordfreq_answers.json holds wordfreq 3.1.1's `zipf_frequency(word, "en")` for every
word the seeds, validation and real corpus runs asked (recorded by
`scripts/build_english_freq.py --check --asked ...`, which also compares 60,000 more words
and made-up strings while wordfreq is installed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from checker.extract.names.index import word_zipf
from checker.text import english_freq

ANSWERS = Path(__file__).parent / "data" / "wordfreq_answers.json"


def test_every_recorded_answer_is_given_again() -> None:
    recorded: dict[str, float] = json.loads(ANSWERS.read_text(encoding="utf-8"))
    assert len(recorded) > 10000
    wrong = {w: (z, english_freq.zipf(w)) for w, z in recorded.items() if english_freq.zipf(w) != z}
    assert not wrong, list(wrong.items())[:10]


def test_known_points_of_the_scale() -> None:
    assert english_freq.zipf("the") > 7.0
    assert 3.0 <= english_freq.zipf("model") < 6.0
    assert english_freq.zipf("zorvexqa") == 0.0  # unknown: Zipf 0
    assert english_freq.zipf("") == 0.0
    # several tokens: the rarest dominates, so the whole is rarer than either part
    assert 0.0 < english_freq.zipf("flash-lite") < min(english_freq.zipf("flash"), english_freq.zipf("lite"))
    # digits are smashed to zeroes and priced by wordfreq's year curve: 2024 is commoner than 1724
    assert english_freq.zipf("2024") > english_freq.zipf("1724") > 0.0
    assert english_freq.zipf("don’t") == english_freq.zipf("don't") > 5.0  # curly quotes uncurled


def test_word_zipf_lowercases_and_reads_the_bundled_list() -> None:
    assert word_zipf("Apple") == english_freq.zipf("apple") > 4.0


def test_top_words_are_ordered_and_leave_out_digit_runs() -> None:
    top = english_freq.top_words(30000)
    assert len(top) == 30000 == len(set(top))
    assert top[:3] == ["the", "to", "and"]
    assert not any(w[0].isdigit() and len(w) > 1 and w[1] in "0123456789.," for w in top)
    zipfs = [english_freq.zipf(w) for w in top[:2000] if w.isalpha()]
    assert zipfs == sorted(zipfs, reverse=True)


def _fresh_frequencies(monkeypatch: pytest.MonkeyPatch, folder: Path, off: bool = False) -> Mapping[str, float]:
    """english_freq._frequencies() computed anew with the cache folder `folder`."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    monkeypatch.setenv("CHECKER_LEXICON_CACHE", "0" if off else "1")
    english_freq._frequencies.cache_clear()
    try:
        return english_freq._frequencies()
    finally:
        english_freq._frequencies.cache_clear()


def test_the_stored_sorted_index_answers_as_the_dict(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from checker.text.english_freq_index import SortedIndex

    built = _fresh_frequencies(monkeypatch, tmp_path / "off", off=True)
    assert isinstance(built, dict)
    assert not (tmp_path / "off" / "lexicon-lists").exists()
    stored = _fresh_frequencies(monkeypatch, tmp_path / "on")
    assert isinstance(stored, SortedIndex)
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("english-freq-*.txt")
    assert len(stored) == len(built)
    # every word gives the same frequency, and made-up or odd keys none
    assert all(stored.get(w) == f for w, f in built.items())
    for odd in ("zorvexqa", "", "a b", "x\ny", "\udc80", "\uffff" * 3, "aaaaa"):
        assert stored.get(odd) == built.get(odd)
    assert (stored.get("the"), "the" in stored) == (built["the"], True)
    # the second run reads the file as written
    again = _fresh_frequencies(monkeypatch, tmp_path / "on")
    assert isinstance(again, SortedIndex) and again.get("model") == built["model"]
    assert path.stat().st_size > 1_000_000


def test_a_damaged_index_file_is_rebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from checker.text.english_freq_index import SortedIndex

    built = _fresh_frequencies(monkeypatch, tmp_path / "off", off=True)
    assert isinstance(built, dict)
    _fresh_frequencies(monkeypatch, tmp_path / "on")
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("english-freq-*.txt")
    whole = path.read_bytes()
    header, body = whole.split(b"\n", 1)
    damaged = [
        whole[: len(whole) // 2],  # truncated
        header + b"\n" + body.replace(b"model ", b"modal ", 1),  # a changed word
        b"\xff\x00 not an index",
        header.replace(b"checker-english-freq-1", b"checker-english-freq-0") + b"\n" + body,
        b"",
    ]
    for bad in damaged:
        path.write_bytes(bad)
        got = _fresh_frequencies(monkeypatch, tmp_path / "on")
        assert isinstance(got, SortedIndex)
        assert got.get("model") == built["model"] and got.get("modal") == built.get("modal")
        assert path.read_bytes() == whole  # written again, whole
    path.unlink()
    path.mkdir()  # a folder where the file should be: answers still come (built in memory)
    got = _fresh_frequencies(monkeypatch, tmp_path / "on")
    assert got.get("model") == built["model"]


def test_top_words_read_only_the_head_of_the_list() -> None:
    multi_digit = english_freq._patterns()["multi_digit"]
    full = [w for bucket in english_freq._buckets() for w in bucket if not multi_digit.match(w)]
    assert english_freq.top_words(30000) == full[:30000]
    assert english_freq.top_words(10**9) == full


def test_plain_ascii_words_skip_the_tokenizer_with_the_same_tokens() -> None:
    """The fast path (ASCII letters, maybe joined by hyphens) gives wordfreq's tokenizer's answer;
    other shapes still go through it."""
    token = english_freq._patterns()["token"]
    words = ["Hello", "GPT", "iPhone", "a", "Z", "Kubernetes", "OpenAI", "xyzzyq", "flash-lite", "Hopper-Eco", "a-b-c"]
    words += [w for w in english_freq.top_words(3000) if w.isascii() and w.isalpha()]
    for w in words:
        assert english_freq._tokens(w) == [t.strip("'").casefold() for t in token.findall(w.casefold())], w
    assert english_freq._tokens("don't") == ["don't"] and english_freq._tokens("a--b") == ["a", "b"]
    assert english_freq._tokens("-ab") == ["ab"] and english_freq._tokens("gpt4") == ["gpt4"]
