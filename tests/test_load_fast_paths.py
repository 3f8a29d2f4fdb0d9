"""The loading fast paths (segments, fences, plain YAML, starts_sentence) read exactly as the
slower code they replace."""

from __future__ import annotations

import itertools
import random
import re

from checker.text.sentences import OPENER, starts_sentence

_OPENER_RE = re.compile(OPENER)


def _by_pattern(text: str, pos: int) -> bool:
    """starts_sentence as it was: OPENER searched in the six characters before `pos`."""
    if not pos:
        return True
    before = text[pos - 1]
    if not before.isspace() and before not in ".!?。！？:：;；":
        return False
    return bool(_OPENER_RE.search(text[max(0, pos - 6) : pos]))


def test_starts_sentence_reads_as_the_opener_pattern() -> None:
    alphabet = ["a", "Z", "1", "٣", ".", ")", "(", "-", "*", "+", ">", "|", "#", "。", "：", ";", "?", " ", "\t",
                "\n", "\r", "\u3000", "\xa0", "字"]  # fmt: skip
    # every text of up to four of these characters, then longer random ones
    texts = ["".join(t) for n in range(1, 5) for t in itertools.product(alphabet, repeat=n)]
    rng = random.Random(13)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 12))) for _ in range(20000)]
    differ = [(t, p) for t in texts for p in range(len(t) + 1) if starts_sentence(t, p) != _by_pattern(t, p)]
    assert differ == []


def test_starts_sentence_cases() -> None:
    assert starts_sentence("Hello", 0)
    assert starts_sentence("end. Then", 5)
    assert starts_sentence("1) Then", 3)
    assert starts_sentence("- Then", 2)
    assert starts_sentence("x\n  Then", 4)
    assert not starts_sentence("x) Then", 3)
    assert not starts_sentence("the Then", 4)
    assert not starts_sentence("theThen", 3)


# values that open with a digit, "." or "+", and bools: the plain reader reads the strings and plain
# decimals PyYAML's implicit resolvers leave so, and declines every other
NUMERIC_VALUES = ["30", "0", "007", "0o7", "1_000", "12345678901234567890", "06-01-Daily", "06-01", "1.5", ".5",
                  ".inf", ".nan", "+1", "+x", "1e5", "1.0e+5", "0b101", "0x1F", "0xZZ", "1:30", "190:20:30",
                  "1:30.5", "2025-08-01 08:00:00 +0800", "2025-08-01 08:00:00 +08:00", "2025-8-1 8:00:00",
                  "2025-08-01", "2025-08-01x", "2025/08/01", "3 天", "3 days", "5%", "1,000", "1.2.3", "v1",
                  "0.5 stars", "12 Monkeys", "+", ".", "..", "9" * 30, "1_", "0_1", "12:30", "1:2:3",
                  "2025-08-01 08:00:00 +08", "2025-08-01 08:00:00+0800", "1:", "1: x",
                  "true", "True", "TRUE", "tRue", "yes", "Off", "OFF", "oFF", "y", "N", "null", "~", "1:a"]  # fmt: skip


def test_numeric_plain_values_as_pyyaml_or_declined() -> None:
    from checker.input.frontmatter import _loader_class
    from checker.input.plain_yaml import read_plain

    accepted = 0
    for value in NUMERIC_VALUES:
        for raw in (f"weight: {value}", f"title: x\nlinkTitle: {value}\n"):
            plain = read_plain(raw)
            if plain is None:
                continue
            loader = _loader_class()(raw)
            try:
                data = loader.get_single_data()
                assert not loader.bad_values
            finally:
                loader.dispose()
            assert data == plain, raw
            assert [type(v) for v in data.values()] == [type(v) for v in plain.values()], raw
            accepted += 1
    assert accepted >= 20  # "30", "06-01-Daily", "3 days", ... take the fast path


def test_fence_runs_are_the_fence_pattern_matches() -> None:
    from checker.input.segment import FENCE, _fence_runs

    fence = re.compile(FENCE, re.MULTILINE)
    alphabet = ["`", "`", "~", "~", " ", "\t", "\n", "\r", "a", "x"]
    rng = random.Random(5)
    texts = ["".join(t) for n in range(1, 7) for t in itertools.product(["`", "~", " ", "\n", "a"], repeat=n)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 40))) for _ in range(30000)]
    for text in texts:
        for start, end in ((0, len(text)), (min(2, len(text)), len(text)), (0, max(0, len(text) - 2))):
            want = [(m.start(1), m.end(1)) for m in fence.finditer(text, start, end)]
            assert [(m.start(), m.end()) for m in _fence_runs(text, start, end)] == want, (text, start, end)


def test_field_by_field_builders_equal_the_constructors() -> None:
    import pickle

    from checker.core.model import Span
    from checker.input.blockscan import BlockToken, _token
    from checker.input.documents import Run, Segment, SegmentKind, TextView, new_run, new_segment
    from checker.text.view import ReaderView, _new_view

    assert new_run(0, 2, 5, 7) == Run(0, 2, 5, 7)
    view = TextView.of_source("abcdefgh", 5, 7)
    assert view == TextView("fg", (Run(0, 2, 5, 7),)) and view.starts == (0,)
    built = new_segment(SegmentKind.HEADING, Span(5, 7), view, frozenset({"list"}), 2)
    made = Segment(SegmentKind.HEADING, Span(5, 7), view, frozenset({"list"}), 2)
    assert built == made and built.text == made.text == "fg" and hash(built) == hash(made)
    assert pickle.loads(pickle.dumps(built)) == made
    assert _token("heading_open", [0, 1], "#", "h2") == BlockToken("heading_open", [0, 1], "#", "h2")
    assert _new_view("a", "b", (0,), (3,)) == ReaderView("a", "b", (0,), (3,))
