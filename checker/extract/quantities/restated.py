"""Restated statements (number.conflict): one sentence told in two documents with another figure.

Digests copy each other: the same sentence, lightly reworded (punctuation, a word swapped, the
other script), turns up in another article or another entry. When every word agrees and one
figure does not, one of the two is wrong; that is the strongest signal a digest gives, and it
needs no subject or measure attribution at all. Sentences are normalised (Simplified, lower
case, no spaces or punctuation, the figures blanked), blocked by their rarest character
n-grams so that only sentences sharing a rare stretch of words are compared (near-linear),
and compared with rapidfuzz.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

from checker.core.model import Span
from checker.extract.quantities.attribute import simplify
from checker.extract.quantities.recognise import Quantity, extract_quantities
from checker.extract.quantities.statements import STATIC_MEASURES, crowded_of
from checker.input.documents import Document
from checker.text.lazy_regex import lazy_compile

# A sentence shorter than this (normalised) is a formula any day fills in with its own figure
# (「週活躍用戶已達 # 億」), not one event told once.
MIN_FRAME = 30
SIMILARITY = 90.0  # rapidfuzz ratio of two frames that tell one statement
_GRAM = 4  # characters per blocking n-gram
_KEYS = 4  # rarest n-grams a sentence is indexed by
_BUCKET = 48  # an n-gram in more sentences than this is not rare: boilerplate, not a block
_NEAR_DAYS = 7  # a moving figure retold within a week is the same news
_NOT_WORD = lazy_compile(r"[^\w#]+")
_DIGITS = lazy_compile(r"\d+(?:\.\d+)?")


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Figure:
    """One figure of a sentence."""

    span: Span
    text: str
    unit: str
    low: float
    high: float
    value: float
    numbers: tuple[str, ...]  # the digits as written: the two ends of a range
    hedge: str | None  # 约, up to, 超过: the same words bound both figures alike
    static: bool  # a fixed property (a model's size): any date may be compared

    # native: the dataclass's own __init__ is interpreted in a compiled module (recognise.Quantity)
    def __init__(
        self,
        span: Span,
        text: str,
        unit: str,
        low: float,
        high: float,
        value: float,
        numbers: tuple[str, ...],
        hedge: str | None,
        static: bool,
    ) -> None:
        self.span, self.text, self.unit, self.low, self.high = span, text, unit, low, high
        self.value, self.numbers, self.hedge, self.static = value, numbers, hedge, static

    def __reduce__(self) -> tuple[type[Figure], tuple[Any, ...]]:
        fields = (self.span, self.text, self.unit, self.low, self.high, self.value, self.numbers, self.hedge)
        return Figure, (*fields, self.static)


@dataclass(slots=True, unsafe_hash=True)
class Told:
    """One sentence with figures: its frame (the words without the figures) and the figures."""

    doc_id: str
    path: str
    archived: bool
    line: int
    published: dt.date | None
    sentence: str
    frame: str
    figures: tuple[Figure, ...]
    digits: tuple[str, ...]  # the numbers left in the frame (versions, dates): they must agree

    def __init__(  # native, as Figure's
        self,
        doc_id: str,
        path: str,
        archived: bool,
        line: int,
        published: dt.date | None,
        sentence: str,
        frame: str,
        figures: tuple[Figure, ...],
        digits: tuple[str, ...],
    ) -> None:
        self.doc_id, self.path, self.archived, self.line, self.published = doc_id, path, archived, line, published
        self.sentence, self.frame, self.figures, self.digits = sentence, frame, figures, digits

    def __reduce__(self) -> tuple[type[Told], tuple[Any, ...]]:
        fields = (self.doc_id, self.path, self.archived, self.line, self.published, self.sentence, self.frame)
        return Told, (*fields, self.figures, self.digits)


def told(doc: Document) -> list[Told]:
    """The sentences of a document that hold figures, as frames. Use through doc.cached."""
    quantities = doc.cached("quantities", extract_quantities)
    skip = crowded_of(doc)
    by_sentence: dict[tuple[int, int], list[tuple[int, Quantity]]] = defaultdict(list)
    for n, q in enumerate(quantities):
        by_sentence[q.sentence_key].append((n, q))
    out: list[Told] = []
    for members in by_sentence.values():
        if not any(q.unit for _, q in members):
            continue  # no figure with a unit: never told (below), and its frame costs an OpenCC pass
        members.sort(key=lambda m: m[1].span.start)
        sentence = members[0][1].sentence
        parts: list[str] = []
        figures: list[Figure] = []
        at = 0
        for n, q in members:
            text = q.text.strip()
            k = sentence.find(text, at) if text else -1
            if k < 0:
                break
            parts.append(sentence[at:k])
            parts.append("#")
            at = k + len(text)
            static = q.measure is not None and q.measure.key in STATIC_MEASURES and n not in skip
            numbers = tuple(_DIGITS.findall(text.replace(",", "")))
            figures.append(Figure(q.span, text, q.unit, q.low, q.high, q.value, numbers, q.hedge, static))
        else:
            parts.append(sentence[at:])
            frame = _NOT_WORD.sub("", simplify("".join(parts)).lower())
            if len(frame) >= MIN_FRAME:  # (a figure has a unit: checked above)
                out.append(
                    Told(
                        doc.id,
                        doc.path,
                        doc.archived,
                        members[0][1].line,
                        doc.published,
                        " ".join(sentence.split()),
                        frame,
                        tuple(figures),
                        tuple(_DIGITS.findall(frame)),
                    )
                )
    return out


@dataclass(slots=True, unsafe_hash=True)
class Restated:
    """A figure of `here` that the same statement in `there` gives otherwise."""

    here: Told
    there: Told
    figure: Figure
    other: Figure


def _grams(frame: str) -> set[str]:
    """The n-grams of a frame that hold no blanked figure: those of the stretches between them."""
    # sliced in a native loop (this module is compiled): 1.7 times as fast as the regex engine's
    # empty look-ahead match at each position (`(?=([^#]{4}))`), which was faster interpreted
    out: set[str] = set()
    for part in frame.split("#"):
        for i in range(len(part) - _GRAM + 1):
            out.add(part[i : i + _GRAM])
    return out


def _candidates(items: list[Told]) -> Iterator[tuple[int, int]]:
    """Pairs of sentences of different documents that share one of their rarest n-grams."""
    # a frame told in several documents (digests copy each other) is cut into n-grams once;
    # the sets are shared, never changed
    by_frame: dict[str, set[str]] = {}
    grams = [by_frame[t.frame] if t.frame in by_frame else by_frame.setdefault(t.frame, _grams(t.frame)) for t in items]
    df: Counter[str] = Counter(chain.from_iterable(grams))  # counted in C
    # most n-grams are in one sentence only: a set intersection in C drops them (a test per
    # n-gram of every sentence in Python was most of this function's time)
    rare = {g: n for g, n in df.items() if 1 < n <= _BUCKET}
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, gs in enumerate(grams):
        # the rarest first (ties by the n-gram): pairs built by zip and map in C, no key function
        shared = gs & rare.keys()
        for _, g in sorted(zip(map(rare.__getitem__, shared), shared, strict=True))[:_KEYS]:
            buckets[g].append(i)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (i, j) if i < j else (j, i)
                if pair not in seen and items[i].doc_id != items[j].doc_id:
                    seen.add(pair)
                    yield pair


def _unit_class(unit: str) -> str:
    return "money" if unit in ("USD", "EUR", "HKD", "JPY", "GBP", "TWD", "KRW", "CNY", "?money") else unit


def _differing(a: Told, b: Told) -> list[tuple[Figure, Figure]] | None:
    """The figures that disagree, position by position; None when the two cannot be aligned."""
    if len(a.figures) != len(b.figures) or a.digits != b.digits:
        return None  # another version, another date: another statement
    out: list[tuple[Figure, Figure]] = []
    for fa, fb in zip(a.figures, b.figures, strict=True):
        if _unit_class(fa.unit) != _unit_class(fb.unit):
            return None
        if fa.unit and fb.unit and _disagree(fa, fb):
            out.append((fa, fb))
    return out


def _disagree(fa: Figure, fb: Figure) -> bool:
    """Two figures in the same words: beyond rounding, or the same bound or range told otherwise.

    The words around them are the same, so 「up to 13 times」 against 「up to 15 times」 or
    「飙升6分至55分」 against 「飙升9分至55分」 disagree although the intervals overlap.
    """
    if fa.high <= fb.low or fb.high <= fa.low:
        return True
    if len(fa.numbers) > 1 and len(fa.numbers) == len(fb.numbers):
        return fa.numbers != fb.numbers  # a range: each end as written
    if fa.hedge is None or fa.hedge != fb.hedge:
        return False  # 「1.2万」 against 「12,345」: rounding, not another figure
    return not math.isclose(fa.value, fb.value, rel_tol=0.01)


def _same_time(a: Told, b: Told, fa: Figure, fb: Figure) -> bool:
    """A moving figure (users, revenue, a price, an unknown count) may change between dates."""
    if fa.static and fb.static:
        return True
    if a.published is None or b.published is None:
        return True  # undated: the same words tell the same event
    return abs((a.published - b.published).days) <= _NEAR_DAYS


@cache
def _fuzz() -> Any:
    from rapidfuzz import fuzz

    return fuzz


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's ratio, loaded at the first pair compared (a draft has none)."""
    return float(_fuzz().ratio(a, b))


def restated(items: list[Told]) -> list[Restated]:
    """Every figure that differs between two near-identical sentences of different documents."""
    found: list[Restated] = []
    # a frame retold with three or more values is a formula filled in each time (a weekly count)
    values: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    pairs: list[tuple[int, int, list[tuple[Figure, Figure]]]] = []
    # one document that tells one frame with two values lists two things (「性能是 … 的 3.3 倍」,
    # 「… 的 14 倍」 of two chips): the frame is a formula there, not one statement
    in_doc: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for t in items:
        in_doc[(t.doc_id, t.frame)].add(tuple(f.text for f in t.figures))
    for i, j in _candidates(items):
        a, b = items[i], items[j]
        if a.archived and b.archived:
            continue
        if len(in_doc[(a.doc_id, a.frame)]) > 1 or len(in_doc[(b.doc_id, b.frame)]) > 1:
            continue
        if _ratio(a.frame, b.frame) < SIMILARITY:
            continue
        diff = _differing(a, b)
        if diff is None:
            continue
        values[i].add(tuple(f.text for f in b.figures))
        values[j].add(tuple(f.text for f in a.figures))
        if diff:
            pairs.append((i, j, diff))
    for i, j, diff in pairs:
        a, b = items[i], items[j]
        own_a, own_b = tuple(f.text for f in a.figures), tuple(f.text for f in b.figures)
        if len(values[i] | {own_a}) > 2 or len(values[j] | {own_b}) > 2:
            continue
        for fa, fb in diff:
            if _same_time(a, b, fa, fb):
                found.append(Restated(a, b, fa, fb))
                found.append(Restated(b, a, fb, fa))
    return found
