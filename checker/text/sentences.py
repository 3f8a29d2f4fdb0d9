"""One sentence and clause splitter for every extractor and rule.

A sentence ends at 。！？!?；; a line break, a table cell bar (| ｜), or a full stop after a
letter, digit or closing bracket that is followed by space or the end (not the dot of "v1.5"
or "3.14"). A clause also ends at ，,、：:. Sentences longer than LONGEST are cut at clause
breaks: a "sentence" with no stop (thousands of figures on one line, a table flattened into a
paragraph) would otherwise make every per-item look-back read the whole line (quadratic).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checker.text.lazy_regex import lazy_compile

# the runs of break characters of a sentence and of a clause (regex sources, shared with the
# indexed look-up of checker.extract.temporal.bounds)
SENTENCE_BREAKS = r"[。！？!?；;\n|｜]+"
CLAUSE_BREAKS = r"[。！？!?；;\n|｜，,、：:]+"
# a dot after a letter, digit or closing bracket; a full stop when space or the end follows
# and it is no decimal point: not "v1.5"
_BEFORE_DOT = r"[A-Za-z0-9)\]\"']"
_STOP_AFTER = r"(?=\s|$)(?<!\d\.\d)"
DOT_AFTER_WORD = rf"(?<={_BEFORE_DOT})\."
_FULL_STOP = rf"|{DOT_AFTER_WORD}{_STOP_AFTER}"


def _led(breaks: str) -> str:
    """`breaks + _FULL_STOP` led by one class of its first characters (the breaks and the dot),
    then the run of breaks or the full stop's conditions: the same matches, but a pattern that
    opens with a class is scanned for it in C, where a branch opening with a run or a
    look-behind is tried at every position (3.5x faster on the real corpus's segments)."""
    cls = breaks[1 : breaks.index("]")]
    return rf"[{cls}.](?:(?<=[^.])[{cls}]*|(?<={_BEFORE_DOT}\.){_STOP_AFTER})"


SENTENCE_END = lazy_compile(_led(SENTENCE_BREAKS))  # SENTENCE_BREAKS + _FULL_STOP
CLAUSE_END = lazy_compile(_led(CLAUSE_BREAKS))  # CLAUSE_BREAKS + _FULL_STOP
# a clause that runs on through a label or a list: 「OpenAI：發布 GPT-5」 keeps its verb
CLAUSE_END_NO_COLON = lazy_compile(_led(r"[。！？!?；;\n|｜，,]+"))
LONGEST = 600  # characters; real sentences are far shorter
REACH = 200  # how far `Boundaries` looks for the nearest break on either side
_PIECE_BREAKS = ("，", "；", "、", ", ", "; ", " ")


def _pieces(text: str, ends: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The trimmed, non-empty spans between `ends`, each cut to at most LONGEST, in order."""
    start = 0
    for m in ends.finditer(text):
        yield from _piece(text, start, m.start())
        start = m.end()
    yield from _piece(text, start, len(text))


def _piece(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """[start, end) trimmed, when not empty; cut at clause breaks when longer than LONGEST."""
    if end - start > LONGEST:
        yield from _trimmed(text, bounded(text, start, end))
        return
    # str.strip trims what str.isspace calls space (the same test as `_trim`), in C: most
    # pieces are short, and the character-by-character loop cost more than the split itself
    piece = text[start:end]
    kept = piece.lstrip()
    if kept:
        a = end - len(kept)
        yield a, a + len(kept.rstrip())


def _trimmed(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for a, b in spans:
        a, b = _trim(text, a, b)
        if b > a:
            yield a, b


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _all_pieces(text: str, ends: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """`tuple(_pieces(text, ends))` in one loop: the generators' frames per piece cost more than
    the split itself (some 60,000 texts of the real corpus)."""
    out: list[tuple[int, int]] = []
    append = out.append
    start = 0
    for m in ends.finditer(text):
        end = m.start()
        if end - start > LONGEST:
            out.extend(_trimmed(text, bounded(text, start, end)))
        else:
            kept = text[start:end].lstrip()  # str.strip trims what `_trim` does, in C
            if kept:
                a = end - len(kept)
                append((a, a + len(kept.rstrip())))
        start = m.end()
    out.extend(_piece(text, start, len(text)))
    return tuple(out)


@lru_cache(maxsize=512)  # every mention of a segment asks for the same text's sentences
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (start, end), stops and surrounding space excluded."""
    return _all_pieces(text, SENTENCE_END)


@lru_cache(maxsize=512)
def clauses(text: str, *, colons: bool = True) -> tuple[tuple[int, int], ...]:
    """Clause spans (start, end), breaks and surrounding space excluded. colons=False: a
    clause does not end at ：/: or 、 (a label or a list leading into its verb)."""
    return _all_pieces(text, CLAUSE_END if colons else CLAUSE_END_NO_COLON)


def first_clause(text: str, *, colons: bool = True) -> tuple[int, int] | None:
    """`clauses(text, colons=colons)[0]` (None when there is none), without splitting the
    rest of the text: a reader of headlines needs only their first clause."""
    return next(_pieces(text, CLAUSE_END if colons else CLAUSE_END_NO_COLON), None)


def bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at clause breaks into pieces of at most LONGEST characters."""
    out: list[tuple[int, int]] = []
    while end - start > LONGEST:
        limit = start + LONGEST
        cut = max(text.rfind(b, start + 1, limit) for b in _PIECE_BREAKS)
        cut = cut + 1 if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


# What may stand right before the first word of a sentence: a stop or colon, the start of the
# text or of a line, a list, quote, table or heading marker, a numbered-list number ("1. ", "2) ").
# As a pattern (tests/test_sentences.py checks `starts_sentence` against it); the function reads
# the same from the window's last characters with str methods (a regex call per capitalised word
# of the corpus cost more than the test itself)
OPENER = r"(?:[.!?。！？:：;；]\s*|^\s*|[\n\r]\s*|[-*+>|#]\s+|\d+[.)]\s+)$"
_OPENER_REACH = 6  # characters looked back: a marker and its spaces
_OPENER_LAST = frozenset(".!?。！？:：;；")  # the stops an opener can end in (else it ends in space)
_MARKERS = frozenset("-*+>|#")


def starts_sentence(text: str, pos: int) -> bool:
    """Whether `pos` is where a sentence's first word stands (so it is capitalised for grammar,
    not because it is a name): after a stop, a colon, a line or list-item start."""
    if not pos:
        return True
    # every opener ends in a space or a stop: a name after a letter or a CJK character (most
    # of them) needs no more
    before = text[pos - 1]
    if before in _OPENER_LAST:
        return True
    if not before.isspace():
        return False
    # OPENER searched in the window: str.rstrip strips what \s matches (str.isspace)
    window = text[max(0, pos - _OPENER_REACH) : pos]
    kept = window.rstrip()
    if not kept:  # ^\s*$
        return True
    last = kept[-1]
    if last in _OPENER_LAST or last in _MARKERS:  # a stop, or a marker before space
        return True
    space = window[len(kept) :]
    if "\n" in space or "\r" in space:  # a line start
        return True
    return last == ")" and len(kept) > 1 and kept[-2].isdecimal()  # "2) "; "2. " ends in a stop


def sentence_around(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The bounds of the sentence holding [start, end), looking at most REACH characters out."""
    b = Boundaries(text)
    return b.before(start, clause=False), b.after(start if end is None else end)


class Boundaries:
    """Sentence and clause boundaries around a position, looked up on demand and bounded by
    REACH (so that a look-up per item stays linear on a line with no stop)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def before(self, pos: int, *, clause: bool) -> int:
        lo = max(0, pos - REACH)
        last = lo
        for m in (CLAUSE_END if clause else SENTENCE_END).finditer(self.text, lo, pos):
            last = m.end()
        return last

    def after(self, pos: int, *, clause: bool = False) -> int:
        hi = min(len(self.text), pos + REACH)
        m = (CLAUSE_END if clause else SENTENCE_END).search(self.text, pos, hi)
        return m.start() if m else hi
