"""Sentence and clause boundaries of one text, found by one scan and looked up by bisection.

`checker.text.sentences.Boundaries` runs a regex over up to REACH characters per look-up;
the temporal extraction asks five look-ups per date, and a document of dates (issue 17:
2 MB of 2025年1月1日、…) spends most of its time there. `IndexedBoundaries` gives the same
answers (tests/test_temporal_fast.py compares the two on random texts) from the breaks of
the whole text, listed once: a stop run (。！？…, or with ，,、：: for a clause) and a full
stop (a "." after a letter, digit or closing bracket, before a space or the end).
"""

from __future__ import annotations

import bisect
import re

from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import CLAUSE_BREAKS, DOT_AFTER_WORD, REACH, SENTENCE_BREAKS, Boundaries

# the break runs of sentences.SENTENCE_END and CLAUSE_END (without their full-stop branch)
_SENTENCE_RUN = lazy_compile(SENTENCE_BREAKS)
_CLAUSE_RUN = lazy_compile(CLAUSE_BREAKS)
# the full-stop branch: the character after it is read per look-up (the end of the searched
# window counts as the end of the text for `$`)
_DOT = lazy_compile(DOT_AFTER_WORD)
_WS = lazy_compile(r"\s")
# SENTENCE_BREAKS' characters, each also one of CLAUSE_BREAKS' (tests/test_temporal_fast.py checks)
SENTENCE_CHARS = frozenset("。！？!?；;\n|｜")


def _runs(text: str, runs: re.Pattern[str]) -> _Breaks:
    starts: list[int] = []
    ends: list[int] = []
    for m in runs.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return _Breaks(starts, ends)


def _sentence_runs(text: str, clause: _Breaks) -> _Breaks:
    """The sentence-break runs, read inside the clause-break runs: each lies in one (its
    characters are clause breaks too, and what ends it is not a sentence break), so the text
    is not scanned a second time."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in zip(clause.starts, clause.ends, strict=True):
        if e - s == 1:  # most runs: one 「，」 or line break
            if text[s] in SENTENCE_CHARS:
                starts.append(s)
                ends.append(e)
            continue
        i = s
        while i < e:
            if text[i] in SENTENCE_CHARS:
                j = i + 1
                while j < e and text[j] in SENTENCE_CHARS:
                    j += 1
                starts.append(i)
                ends.append(j)
                i = j
            else:
                i += 1
    return _Breaks(starts, ends)


def _full_stops(text: str) -> list[int]:
    """Every _DOT followed by a space or the end, found from the "." characters: _DOT's leading
    look-behind made the engine try it at every position."""
    n = len(text)
    out: list[int] = []
    i = text.find(".")
    while i >= 0:
        if _DOT.match(text, i) is not None and (i + 1 == n or _WS.match(text, i + 1) is not None):
            out.append(i)
        i = text.find(".", i + 1)
    return out


class _Breaks:
    """The runs of break characters of one kind, as parallel sorted lists."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts = starts
        self.ends = ends

    def last_end(self, lo: int, pos: int) -> int:
        """1 + the last break character in [lo, pos), or -1."""
        k = bisect.bisect_left(self.starts, pos) - 1
        if k < 0:
            return -1
        e = min(self.ends[k], pos)
        return e if e > lo else -1

    def first(self, pos: int, hi: int) -> int:
        """The first break character in [pos, hi), or -1."""
        k = bisect.bisect_right(self.ends, pos)
        if k == len(self.starts):
            return -1
        j = max(self.starts[k], pos)
        return j if j < hi else -1


class IndexedBoundaries(Boundaries):
    """`Boundaries` with the same answers, from breaks listed once for the whole text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._clause = _runs(text, _CLAUSE_RUN)
        self._sentence = _sentence_runs(text, self._clause)
        # full stops followed by a space (or at the very end): stops wherever the window ends
        self._stops = _full_stops(text)
        # the last look-up of before_both: mood.classify and mood.ahead ask it for the same date
        self._last_both: tuple[int, tuple[int, int]] = (-1, (0, 0))

    def _dot_at(self, i: int) -> bool:
        """A full stop at i when the searched window ends right after it (`$` matches there)."""
        return i > 0 and self.text[i] == "." and bool(_DOT.match(self.text, i))

    def before(self, pos: int, *, clause: bool) -> int:
        if not 0 < pos <= len(self.text):
            return super().before(pos, clause=clause)
        lo = max(0, pos - REACH)
        last = (self._clause if clause else self._sentence).last_end(lo, pos)
        if pos - 1 >= lo and self._dot_at(pos - 1):
            return pos
        k = bisect.bisect_left(self._stops, pos - 1) - 1  # stops with i + 1 < pos
        if k >= 0 and self._stops[k] >= lo:
            last = max(last, self._stops[k] + 1)
        return last if last > lo else lo

    def before_both(self, pos: int) -> tuple[int, int]:
        """(before(pos, clause=False), before(pos, clause=True)), with the full-stop look-ups
        shared: the mood of every date reads both."""
        if self._last_both[0] == pos:
            return self._last_both[1]
        both = self._before_both(pos)
        self._last_both = (pos, both)
        return both

    # _before_both and after inline _Breaks.last_end / first and _dot_at (same arithmetic): they
    # run once or twice per date, and the calls cost as much as the look-ups (2.2 -> 1.0 us)
    def _before_both(self, pos: int) -> tuple[int, int]:
        text = self.text
        if not 0 < pos <= len(text):
            return super().before(pos, clause=False), super().before(pos, clause=True)
        lo = pos - REACH if pos > REACH else 0
        if pos > 1 and text[pos - 1] == "." and _DOT.match(text, pos - 1):  # a full stop right before
            return pos, pos
        stops = self._stops
        k = bisect.bisect_left(stops, pos - 1) - 1  # stops with i + 1 < pos
        stop = stops[k] + 1 if k >= 0 and stops[k] >= lo else -1
        both = [stop, stop]  # (sentence, clause): the later of the stop and the last break run's end
        for i, breaks in enumerate((self._sentence, self._clause)):
            k = bisect.bisect_left(breaks.starts, pos) - 1
            if k >= 0:
                e = breaks.ends[k]
                if e > pos:
                    e = pos
                if e > lo and e > both[i]:
                    both[i] = e
        sentence, clause = both
        return (sentence if sentence > lo else lo), (clause if clause > lo else lo)

    def after(self, pos: int, *, clause: bool = False) -> int:
        text = self.text
        n = len(text)
        if not 0 <= pos <= n:
            return super().after(pos, clause=clause)
        hi = pos + REACH if pos + REACH < n else n
        breaks = self._clause if clause else self._sentence
        first = -1
        k = bisect.bisect_right(breaks.ends, pos)  # the first break character in [pos, hi)
        if k < len(breaks.starts):
            j = breaks.starts[k]
            if j < pos:
                j = pos
            if j < hi:
                first = j
        stops = self._stops
        k = bisect.bisect_left(stops, pos)  # stops with i + 1 < hi
        if k < len(stops) and stops[k] + 1 < hi and (first < 0 or stops[k] < first):
            first = stops[k]
        if first < 0 and hi - 1 >= pos and hi > 1 and text[hi - 1] == "." and _DOT.match(text, hi - 1):
            first = hi - 1
        return first if first >= 0 else hi


def boundaries_for(text: str, dates: int) -> Boundaries:
    """The cheaper of the two for `dates` dates in `text`: five look-ups of up to REACH
    characters per date, or one scan of the whole text (a document of dates)."""
    return IndexedBoundaries(text) if dates * 2 * REACH > len(text) else Boundaries(text)


def sentence_and_clause_before(bounds: Boundaries, pos: int) -> tuple[int, int]:
    """The starts of the sentence and of the clause that `pos` is in (see Boundaries.before)."""
    if isinstance(bounds, IndexedBoundaries):
        return bounds.before_both(pos)
    return bounds.before(pos, clause=False), bounds.before(pos, clause=True)
