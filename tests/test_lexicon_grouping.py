"""The lexicon's alternations grouped by first literal (`lexicon._by_first`) match exactly what
the ungrouped alternations match: every list of every word file, case-sensitive and not, on the
seed articles; and random lists with case variants, escapes and one-character words."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

from checker import lexicon
from checker.lexicon import _by_first, _join

_DATA = Path(lexicon.__file__).parent / "data"
_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _word_lists(name: str) -> list[str]:
    return [k for k in lexicon.lists(name) if isinstance(lexicon._file(name)[k].get("words"), list)]  # type: ignore[union-attr]


@cache
def _text(name: str) -> str:
    # the first 4,000 characters of each seed: prose of both scripts, short enough for 800 scans
    parts = [p.read_text(encoding="utf-8")[:4000] for p in sorted(_SEEDS.glob("*")) if p.is_file()]
    # every word of the file's lists too, in both cases, so each branch meets a match
    for key in _word_lists(name):
        parts += [f" {e.word} {e.word.upper()} x{e.word}y " for e in lexicon.entries(name, key)]
    return "\n".join(parts)


def _spans(source: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(source, text, flags)]


def _ungrouped(monkeypatch: pytest.MonkeyPatch, build: object, *args: str) -> str:
    with monkeypatch.context() as m:
        m.setattr(lexicon, "_by_first", lambda written: written)
        return build(*args)  # type: ignore[operator,no-any-return]


@pytest.mark.parametrize("name", sorted(p.stem for p in _DATA.glob("*.toml")))
def test_every_list_matches_as_before(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _text(name)
    grouped_any = False
    for key in _word_lists(name):
        for build in (lexicon._alternation, lexicon._latin_alternation):
            new = build(name, key)
            old = _ungrouped(monkeypatch, build, name, key)
            grouped_any |= new != old
            for flags in (0, re.IGNORECASE):
                assert _spans(new, text, flags) == _spans(old, text, flags), (name, key, flags)
    if name == "mood":
        assert grouped_any  # the test compares two different sources somewhere


def test_grouping_shape() -> None:
    assert _by_first(["estimates", "expected", "plan", "e"]) == ["e(?:stimates|xpected|)", "plan"]
    # a first letter in two cases: their order would matter under IGNORECASE, so left as written
    assert _by_first(["Ab", "ac", "ad"]) == ["Ab", "ac", "ad"]
    # a quantified first literal or a branch with its own bar is no prefix
    assert _by_first(["s?ab", "sc"]) == ["s?ab", "sc"]
    assert _by_first(["ab|c", "ad"]) == ["ab|c", "ad"]


def test_random_lists_match_as_before() -> None:
    rng = random.Random(5)
    alphabet = "aAbBeEkK\u212a\u017fsS預预計-. "
    for _ in range(300):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(2, 9))}
        sources = {re.escape(w): len(w) for w in words}
        text = "".join(rng.choice(alphabet) for _ in range(200))
        new = _join(sources)
        old = "(?:" + "|".join(sorted(sources, key=lambda s: (-sources[s], s))) + ")"
        for flags in (0, re.IGNORECASE):
            assert _spans(new, text, flags) == _spans(old, text, flags), (words, flags)
