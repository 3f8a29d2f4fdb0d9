"""Whose figure it is: the name a figure of a sentence is about, read from the sentence's names.

Split from recognise.py (one job per module). The names of a sentence are indexed once
(`SentenceNames`): a sentence of hundreds of figures asked, per figure, for every name before
it and for the brackets around each (a list of all names and a search back to the sentence's
start per name: cubic in the figures of one sentence). Per figure, the nearest name is now
found by bisecting the names' starts and walking back from there, and each name's brackets
are looked up once.
"""

from __future__ import annotations

import bisect
import re

from checker.extract.quantities import attribute as at
from checker.extract.quantities import lexwords as lw
from checker.extract.quantities.attribute import Attribution, Entity
from checker.extract.quantities.numerals import RawNumber
from checker.text.lazy_regex import lazy_compile

# Words for "a model" between a figure or a bracket and the model's name: 「Base LPM 基礎模型（170億參數）」.
_MODEL_NOUN = lw.Lazy(
    lambda: (
        r"\s*(?:(?:[\u4e00-\u9fff]{0,4}"
        rf"{lw.plain('model-noun', 'system-noun', script='han')})"
        rf"|(?:{lw.plain('model-adjective')} )?{lw.plain('model-noun', script='latin')})?\s*"
    ),
    re.IGNORECASE,
)
_NO_CLOSE = 1 << 62  # no closing bracket after a name
_OPEN = lazy_compile(r"[（(]")
_CLOSE = lazy_compile(r"[）)]")


class SentenceNames:
    """The names of one sentence (entities in order of start), indexed for per-figure look-ups."""

    __slots__ = ("_aside", "_closes", "_names", "_opens", "_sent", "_starts", "_variant_starts", "_variants")

    def __init__(self, sent: str, entities: list[Entity]) -> None:
        self._sent = sent
        self._names = [e for e in entities if at.is_subject(e)]
        self._starts = [e.start for e in self._names]  # ascending: entities come sorted by start
        self._variants = [e for e in entities if e.kind == "variant"]
        self._variant_starts = [e.start for e in self._variants]
        # per name (by index): (inside an open bracket, where the next closing bracket is)
        self._aside: dict[int, tuple[bool, int]] = {}
        # where the sentence's brackets open and close, found once when a name's are first asked
        # (a search back to the sentence's start per name read a bracketless sentence per figure)
        self._opens: list[int] | None = None
        self._closes: list[int] = []

    def _in_closed_parens(self, k: int, upto: int) -> bool:
        """「Gemini 3.1 Pro（Google，2月19日）：得分 77.1%」: Google is an aside, not the subject
        (an open bracket before the name, closed after it and before `upto`)."""
        found = self._aside.get(k)
        if found is None:
            if self._opens is None:
                self._opens = [m.start() for m in _OPEN.finditer(self._sent)]
                self._closes = [m.start() for m in _CLOSE.finditer(self._sent)]
            e, opens, closes = self._names[k], self._opens, self._closes
            # the last bracket opened before the name; inside it if none closes between
            o = bisect.bisect_left(opens, e.start) - 1
            inside = o >= 0 and bisect.bisect_left(closes, opens[o]) == bisect.bisect_left(closes, e.start)
            c = bisect.bisect_left(closes, e.end)
            found = self._aside[k] = (inside, closes[c] if c < len(closes) else _NO_CLOSE)
        return found[0] and found[1] < upto

    def _first_after(self, raw: RawNumber, reach: int, clause_end: int, kind: str | None) -> Entity | None:
        """The first name starting in (raw.end, raw.end + reach] and ending in the clause."""
        names = self._names
        for k in range(bisect.bisect_right(self._starts, raw.end), len(names)):
            e = names[k]
            if e.start > raw.end + reach:
                break
            if e.end <= clause_end and (kind is None or e.kind == kind):
                return e
        return None

    def _last_before(self, start: int) -> Entity | None:
        """The last name (in order of start) that ends by `start` and is no bracketed aside."""
        names = self._names
        # a name that ends by `start` starts before it
        for k in range(bisect.bisect_left(self._starts, start) - 1, -1, -1):
            e = names[k]
            if e.end <= start and not self._in_closed_parens(k, start):
                return e
        return None

    def pick(self, raw: RawNumber, clause: tuple[int, int], label: re.Match[str] | None) -> Attribution | None:
        """The nearest name before the number (clause, then sentence), or the name it describes;
        None when the sentence names none (then the document's context)."""
        sent = self._sent
        if sent.startswith("的", raw.end):
            # 「估值 4000 亿美元的 SpaceX」, 「3B 参数的…模型 SmolLM3」: the name the figure describes
            owned = self._first_after(raw, 13, clause[1], None)
            if owned is not None:
                key, words = self._with_variant(owned, raw)
                return Attribution(key, words, "clause", 0.9)
        # 「發布700億參數推論系統K2 Think V2」: no 的, but a noun for a model, then the model's name
        # (not 「10万颗 GB200 NVL72 集群」: without the noun the name may be a part, not the whole)
        product = self._first_after(raw, 8, clause[1], "product")
        if (
            product is not None
            and _MODEL_NOUN.fullmatch(sent, raw.end, product.start)
            and sent[raw.end : product.start].strip()
        ):
            key, words = self._with_variant(product, raw)
            return Attribution(key, words, "clause", 0.9)
        # the names before the figure come in order of start, so those in its clause are their
        # tail: the clause holds one if and only if it holds the last
        before = self._last_before(raw.start)
        if before is None:
            return None
        if before.start >= clause[0]:
            key, words = self._with_variant(before, raw)
            return Attribution(key, words, "clause", 0.9)
        if clause[0] > 0 and sent[clause[0] - 1] in "（(" and _MODEL_NOUN.fullmatch(sent, before.end, clause[0] - 1):
            # 「DeepSeek V4-Pro（約 1.6兆 參數）」: the figure in brackets describes the name before them
            key, words = self._with_variant(before, raw)
            return Attribution(key, words, "clause", 0.9)
        if label is not None and before.end <= label.end():
            # 「V4 Flash：总参数 2840 亿」: the label names what the sentence is about
            key, words = self._with_variant(before, raw)
            return Attribution(key, words, "label", 0.9)
        key, words = self._with_variant(before, raw)
        return Attribution(key, words, "sentence", 0.8)

    def _with_variant(self, chosen: Entity, raw: RawNumber) -> tuple[str, str]:
        """「DeepSeek … 訓練出 … V3 模型」: a bare variant in the sentence refines a family name."""
        if not self._variants or any(map(str.isdigit, chosen.text)):
            return chosen.key, chosen.text
        k = bisect.bisect_left(self._variant_starts, raw.end)
        pick = self._variants[k] if k < len(self._variants) else self._variants[-1]
        return chosen.key + "-" + pick.key, f"{chosen.text} ({pick.text})"
