"""The loading part's fast paths (s13) read exactly as the slower code they replace."""

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
    differ = [
        (t, p) for t in texts for p in range(len(t) + 1) if starts_sentence(t, p) != _by_pattern(t, p)
    ]
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
