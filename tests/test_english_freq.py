"""The bundled English frequency list answers as wordfreq did.

tests/data/wordfreq_answers.json holds wordfreq 3.1.1's `zipf_frequency(word, "en")` for every
word the seeds, validation and real corpus runs asked (recorded by
`scripts/build_english_freq.py --check --asked ...`, which also compares 60,000 more words
and made-up strings while wordfreq is installed).
"""

from __future__ import annotations

import json
from pathlib import Path

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
