"""Which of a document's texts hold which gate words: one Aho-Corasick pass over the texts.

A text rule runs its costly patterns behind cheap gates ("is there a bracket, a pending word, a
settings key in this text?"). Searched one regex per gate and per text, the gates cost more than
the patterns they guard (text.placeholder: nine alternations over 8 MB, ~0.55 s on the real
corpus). ahocorasick_rs (Rust) finds every occurrence of every gate word in one pass over the
texts joined (~0.09 s): a gate passes for a text exactly when one of its words occurs in it, as
with the alternation searched before, so the patterns behind it see the same texts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence

import ahocorasick_rs

SEP = "\x00"  # joins the texts: no gate word holds it, so no occurrence crosses two texts


class GateWords:
    """Named lists of plain words; `found(texts)` says which lists each text has a word of."""

    def __init__(self, gates: Mapping[str, Sequence[str]], *, lowered: bool = False) -> None:
        words = sorted({w for ws in gates.values() for w in ws})
        if not words or any(not w or SEP in w for w in words):
            raise ValueError("gate words must be non-empty and hold no NUL")
        self.words = tuple(words)
        self.lowered = lowered  # the words are searched in the lower-cased texts
        self._gates = [frozenset(name for name, ws in gates.items() if w in ws) for w in words]
        # Standard match kind: with overlapping=True every occurrence of every word is reported
        self._automaton = ahocorasick_rs.AhoCorasick(words)

    def found(self, texts: Sequence[str], joined: tuple[str, list[int]] | None = None) -> dict[int, set[str]]:
        """Index of each text that holds a gate word -> the names of the gates it passes
        (`joined`: `join_texts(texts)` when the caller has it)."""
        text, starts = joined or join_texts(texts)
        if self.lowered:
            lowered = text.lower()  # per character (NUL stops the final-sigma look-around)
            if len(lowered) != len(text):
                # str.lower() lengthened a character (İ): lowered one by one, so that the
                # offsets of the joined text stay those of each text
                lowered, starts = join_texts([t.lower() for t in texts])
            text = lowered
        return self.found_joined(text, starts)

    def found_joined(self, joined: str, starts: Sequence[int]) -> dict[int, set[str]]:
        """`found` for texts already joined with SEP (`starts`: where each text starts in `joined`;
        lowered already when the words are)."""
        out: dict[int, set[str]] = {}
        gates = self._gates
        # The matches of one text come together (each lies inside its text): the text's range is
        # kept, and a word met again in it adds nothing, so most matches (the brackets of a line
        # full of links) cost two comparisons and a set look-up, not a bisection and a set union.
        lo, hi = 0, -1  # the range [lo, hi) of the text `got` belongs to
        got: set[str] = set()
        seen: set[int] = set()  # the words met in that text
        last = len(starts) - 1
        for word, start, _ in self._automaton.find_matches_as_indexes(joined, overlapping=True):
            if start < lo or start >= hi:
                k = bisect.bisect_right(starts, start) - 1
                lo, hi = starts[k], (starts[k + 1] if k < last else len(joined) + 1)
                got = out.setdefault(k, set())
                seen = set()
            if word not in seen:
                seen.add(word)
                got |= gates[word]
        return out


def text_starts(texts: Sequence[str]) -> list[int]:
    """Where each text starts in the texts joined with a one-character separator (SEP)."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return starts


def join_texts(texts: Sequence[str]) -> tuple[str, list[int]]:
    """The texts joined with SEP, and where each starts in the joined text."""
    return SEP.join(texts), text_starts(texts)


def texts_hit(pattern: re.Pattern[str], joined: str, starts: Sequence[int]) -> Iterator[int]:
    """The index of each text (the text k starts at `starts[k]` in `joined`) `pattern` matches
    in, in order: a search resumed at the next text after a hit, so a text with many matches
    costs one Python step (a match must not cross two texts: join them with a separator no
    match holds)."""
    last = len(starts) - 1
    pos = 0
    while (m := pattern.search(joined, pos)) is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        yield k
        if k >= last:
            break
        pos = starts[k + 1]
