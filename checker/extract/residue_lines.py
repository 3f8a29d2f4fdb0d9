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

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from checker.extract.literal_scan import SEP, GateWords, text_starts, texts_hit
from checker.extract.prose import ProseLine
from checker.lexicon import words
from checker.text.lazy_regex import lazy_compile


class LineGates:
    """The document's lines joined once; `hit(pattern)` is the set of lines a pattern matches in."""

    def __init__(self, lines: Sequence[ProseLine]) -> None:
        self._texts = [line.text for line in lines]
        self._named: dict[GateWords, dict[str, set[int]]] = {}  # by gate (hashed by identity)
        # built on first use, kept by hand: functools.cached_property needs an instance __dict__,
        # which a compiled (mypyc) class has not, so there it rebuilt the value on every access
        self._joined: str | None = None
        self._lowered_list: list[str] | None = None
        self._lowered: str | None = None
        self._starts_list: list[int] | None = None
        self._lowered_starts_list: list[int] | None = None

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = SEP.join(self._texts)
        return self._joined

    @property
    def _lowered_texts(self) -> list[str]:
        # str.lower() can lengthen a few characters (İ): lower each line, joined the same way
        if self._lowered_list is None:
            self._lowered_list = [t.lower() for t in self._texts]
        return self._lowered_list

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            # lowered at once (NUL stops the final-sigma look-around, so each line lowers as
            # alone) unless a character lengthened: then line by line, the offsets kept per line
            lowered = self.joined.lower()
            if len(lowered) == len(self.joined):
                self._lowered_starts_list = self._starts
            else:
                lowered = SEP.join(self._lowered_texts)
            self._lowered = lowered
        return self._lowered

    @property
    def _starts(self) -> list[int]:
        if self._starts_list is None:
            self._starts_list = text_starts(self._texts)
        return self._starts_list

    @property
    def _lowered_starts(self) -> list[int]:
        self.lowered  # noqa: B018  (sets the starts when the lines lowered at once)
        if self._lowered_starts_list is None:
            self._lowered_starts_list = text_starts(self._lowered_texts)
        return self._lowered_starts_list

    def hit(self, pattern: re.Pattern[str], *, lowered: bool = False) -> set[int]:
        """Indices of the lines in which `pattern` has a match (on the lower-cased lines if asked)."""
        text, starts = (self.lowered, self._lowered_starts) if lowered else (self.joined, self._starts)
        # (a match never crosses SEP: each is in one line)
        return set(texts_hit(pattern, text, starts))

    def hit_any(self, patterns: Iterable[re.Pattern[str]]) -> set[int]:
        """The lines any of `patterns` hits (the branches of one alternation: the lines it hits)."""
        out: set[int] = set()
        for pattern in patterns:
            out |= self.hit(pattern)
        return out

    def words(self, gate: GateWords) -> set[int]:
        """Indices of the lines that hold a word of `gate` (one Aho-Corasick pass)."""
        if gate.lowered:
            return set(gate.found_joined(self.lowered, self._lowered_starts))
        return set(gate.found_joined(self.joined, self._starts))

    def named(self, gate: GateWords) -> dict[str, set[int]]:
        """Each gate of `gate` -> the lines holding one of its words: one Aho-Corasick pass for
        several gates, kept for the next reader of the same gates."""
        got = self._named.get(gate)
        if got is None:
            got = {}
            text, starts = (self.lowered, self._lowered_starts) if gate.lowered else (self.joined, self._starts)
            for k, names in gate.found_joined(text, starts).items():
                for name in names:
                    got.setdefault(name, set()).add(k)
            self._named[gate] = got
        return got

    def confirmed(self, pattern: re.Pattern[str], lines: Iterable[int]) -> set[int]:
        """The lines among `lines` that `hit(pattern)` holds, each searched alone (up to the
        NUL after it) for a pattern that never matches or looks at NUL: a literal gate first
        says which few lines can hold a match."""
        text, starts, texts = self.joined, self._starts, self._texts
        return {k for k in lines if pattern.search(text, starts[k], starts[k] + len(texts[k])) is not None}


# what `年\s*[XxＸ]` (a year left as 202X) needs besides the strong words: searched as a regex,
# led by its literal (a scan in C)
YEAR_X = lazy_compile(r"年\s*[XxＸ]")


# the lists every Chinese process-talk shape turns on (residue_talk's PIVOT_ZH), and the source
# words it also pivots on: the "pivot" gate below must name every line PIVOT_ZH can match
PIVOT_LISTS = ("not_given", "guess", "skip", "no_usable", "rules_word")
PIVOT_SOURCE = "process_source"


@lru_cache(maxsize=1)
def line_gates() -> GateWords:
    """The gates of text.llm-residue's line checks, in one Aho-Corasick pass over the document's
    lines (LineGates.named): "strong" (with YEAR_X: the strong checks' words), "closer",
    "opener" and "pivot" (the words every Chinese process-talk shape turns on: a superset,
    each line it names is then searched with the pivot pattern itself). Plain words, where the
    word lists' guarded patterns are tried at every position (0.6 s against 0.1 s on the real
    corpus). A line they hit is still checked with the real pattern."""
    brackets = [b + c for b in "[［【" for c in "假插請请填待"]
    pivot = words("residue", *PIVOT_LISTS, PIVOT_SOURCE)
    return GateWords(
        {
            "strong": sorted(words("residue", "strong_gate") | set(brackets)),
            "closer": sorted(words("residue", "closer_gate", "closer_gate_en")),
            "opener": sorted(
                words("residue", "ack", "this_is", "first_person", "ack_en_sure", "ack_en_other", "you")
                | {"Here", "Below", "I've", "I have"}
            ),
            "pivot": sorted(pivot | {"有限"}),
        }
    )
