"""Which prose lines of a document a cheap gate pattern hits, found by one scan of the document.

text.llm-residue reads some 90,000 lines of the real corpus, and each line's checks start with a
gate search (a closer word, a strong word, a pivot of process talk): a regex call and the
line's script test per line and gate. The lines are joined once with NUL, which no gate can
match or cross (the gates are word lists, literals and character classes without NUL), and each
gate runs once over the whole text; a line is then read further only if a gate hit it. A hit is
never a verdict: the per-line check that follows is the one that always decided, so a line
skipped here is one whose own check would have said no.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

from checker.extract.literal_scan import SEP, GateWords
from checker.extract.prose import ProseLine
from checker.lexicon import substring_gate, words


class LineGates:
    """The document's lines joined once; `hit(pattern)` is the set of lines a pattern matches in."""

    def __init__(self, lines: Sequence[ProseLine]) -> None:
        self._texts = [line.text for line in lines]

    @cached_property
    def joined(self) -> str:
        return SEP.join(self._texts)

    @cached_property
    def _lowered_texts(self) -> list[str]:
        # str.lower() can lengthen a few characters (İ): lower each line, joined the same way
        return [t.lower() for t in self._texts]

    @cached_property
    def lowered(self) -> str:
        return SEP.join(self._lowered_texts)

    @cached_property
    def _starts(self) -> list[int]:
        return self._offsets(self._texts)

    @cached_property
    def _lowered_starts(self) -> list[int]:
        return self._offsets(self._lowered_texts)

    @staticmethod
    def _offsets(texts: list[str]) -> list[int]:
        out, pos = [], 0
        for t in texts:
            out.append(pos)
            pos += len(t) + 1
        return out

    def hit(self, pattern: re.Pattern[str], *, lowered: bool = False) -> set[int]:
        """Indices of the lines in which `pattern` has a match (on the lower-cased lines if asked)."""
        text, starts = (self.lowered, self._lowered_starts) if lowered else (self.joined, self._starts)
        out: set[int] = set()
        # after a hit the search resumes at the next line: a line is in or out, and a common gate
        # word met many times in one line then costs one Python step, not one per occurrence
        # (a match never crosses SEP, so the lines found are the same)
        last = len(starts) - 1
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            k = bisect.bisect_right(starts, m.start()) - 1
            out.add(k)
            if k >= last:
                break
            pos = starts[k + 1]
        return out

    def words(self, gate: GateWords) -> set[int]:
        """Indices of the lines that hold a word of `gate` (one Aho-Corasick pass)."""
        if gate.lowered:
            return set(gate.found_joined(self.lowered, self._lowered_starts))
        return set(gate.found_joined(self.joined, self._starts))


@lru_cache(maxsize=1)
def line_gates() -> tuple[re.Pattern[str], GateWords, GateWords]:
    """Plain-literal supersets of the strong, closer and opener gates, for one scan of a whole
    document (LineGates): a literal alternation is scanned in C, where the word lists'
    guarded patterns are tried at every position (0.6 s against 0.1 s on the real corpus); the
    closer and opener words, plain words only, in one Aho-Corasick pass each (literal_scan.py).
    A line they hit is still checked with the real pattern."""
    brackets = "|".join(f"{re.escape(b)}(?:假|插|請|请|填|待)" for b in "[［【")
    strong = re.compile(rf"{substring_gate(words('residue', 'strong_gate')).pattern}|{brackets}|年\s*[XxＸ]")
    closer = GateWords({"closer": sorted(words("residue", "closer_gate", "closer_gate_en"))})
    opener = GateWords(
        {
            "opener": sorted(
                words("residue", "ack", "this_is", "first_person", "ack_en_sure", "ack_en_other", "you")
                | {"Here", "Below", "I've", "I have"}
            )
        }
    )
    return strong, closer, opener
