"""The fast paths of the text and link rules say the same as the slow ones they stand for."""

from __future__ import annotations

import random

from checker.text.script import HAN_RUN, LATIN_RUN, han_and_latin

# characters at the edges of the Han ranges and of the UTF-8 lead bytes the byte count reads
_EDGES = (
    "\u3000\u303f\u33ff\u3400\u3fff\u4000\u4e2d\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\uff01"
    "\u00e9\u0130azAZ09 \n\U0001f600\U00020000\ud800"
)


def test_han_and_latin_counts_as_the_character_classes() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(_EDGES) for _ in range(rng.randrange(0, 40)))
        han = sum(len(r) for r in HAN_RUN.findall(text))
        latin = sum(len(r) for r in LATIN_RUN.findall(text))
        assert han_and_latin(text) == (han, latin), repr(text)


def test_han_and_latin_on_plain_text() -> None:
    assert han_and_latin("OpenAI 發布了 GPT-5") == (3, 9)
    assert han_and_latin("") == (0, 0)
