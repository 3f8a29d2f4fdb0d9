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


_TALK_LINES = (
    "Today's search results did not mention any new funding for the startup.",
    "My web search didn't directly turn up the paper; the source text does not provide the date.",
    "I couldn't find any specific details on the release, based on the headline alone this is speculation.",
    "Based only on the title, the rest is an inference. The following is speculation about the headline.",
    "The provided summary does not mention pricing. Per the rules, I should not write a comment.",
    "Following the system prompt, I cannot summarize this item. We recommend skipping this entry.",
    "In line with my instructions, I will not include it; SEARCH results didn't show it either.",
    "The search for AGI continues, and the title of the paper is long.",
    "Nothing here: a title, a headline, a skip button and the rules of chess.",
)


def test_process_talk_shapes_match_the_alternation() -> None:
    from checker.extract.residue_talk import _CASE_FOLDS, _for, _process_en

    rng = random.Random(11)
    lines = list(_TALK_LINES)
    for _ in range(200):  # the sentences above cut and glued at random
        a, b = rng.sample(_TALK_LINES, 2)
        lines.append(a[: rng.randrange(len(a))] + " " + b[rng.randrange(len(b)) :])
    found = 0
    for text in lines:
        assert _CASE_FOLDS.search(text) is None
        p = _for(text)
        whole = p.PROCESS_EN.search(text)
        fast = _process_en(p, text, text.lower())
        assert (whole and whole.span()) == (fast and fast.span()), text
        found += whole is not None
    assert found > 50  # the shapes were exercised, not only the misses


_PLACEHOLDER_PIECES = (
    "（此处待补充）", "[citation needed]", "【待驗證】", "TODO:", "| TBD |", "XXX", "{{ name }}", "{% if x %}",
    "${VAR}", "{公司名称}", "%(name)s", "（）", "( )", "<link>", "[來源]", "Lorem ipsum dolor sit amet.",
    "temperature=0.7, top_p=0.9", "USD XX million", "ID-2024-XXXX", "(hypothetical source: x)", "[insert link]",
    "待補充", "plain text ", "İstanbul ", "細節", "\n",
)  # fmt: skip


def test_placeholder_candidates_hold_every_text_with_a_marker() -> None:
    from checker.extract.placeholder import _segment_markers, gates_passed

    rng = random.Random(5)
    texts = ["".join(rng.choice(_PLACEHOLDER_PIECES) for _ in range(rng.randrange(1, 5))) for _ in range(400)]
    texts += list(_PLACEHOLDER_PIECES)
    plain = [t for t in texts if "İ" not in t]  # İ lengthens when lowered: then every text is read
    for group in (texts, plain):
        chosen = set(gates_passed(group))
        with_markers = {
            i for i, t in enumerate(group) if list(_segment_markers(t, frozenset(), gates_passed([t]).get(0, set())))
        }
        assert with_markers  # the pieces do make markers
        assert with_markers <= chosen
    assert len(set(gates_passed(plain))) < len(plain)  # the scan does leave texts out
    assert set(gates_passed(["plain", "text"])) == set()
