"""Numerals: a number with its scale, hedge, range and unit, as an interval.

「約 550 萬美元」, "$13 billion", 「百亿」, "30–40%": the value, the precision unit its digits
imply (550 萬 is 545–555 萬; 2000 is any of 1500–2500) and its hedge. Dates, versions
(GPT-4, Qwen3-1.7B), list numbers, ordinals and years are not quantities. Attribution
(what the number measures, of whom) is recognise.py's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from checker.extract.quantities import lexwords as lw
from checker.extract.quantities.attribute import trie_pattern
from checker.lexicon import alternation, words
from checker.text.cjknum import CN_DIGITS
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN_CHAR

# --- values -------------------------------------------------------------------------------------

_CN_DIGITS = CN_DIGITS
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_CN_SCALES = {
    "万": 1e4,
    "萬": 1e4,
    "十万": 1e5,
    "十萬": 1e5,
    "百万": 1e6,
    "百萬": 1e6,
    "千万": 1e7,
    "千萬": 1e7,
    "亿": 1e8,
    "億": 1e8,
    "十亿": 1e9,
    "十億": 1e9,
    "百亿": 1e10,
    "百億": 1e10,
    "千亿": 1e11,
    "千億": 1e11,
    "万亿": 1e12,
    "萬億": 1e12,
    "兆": 1e12,
}
_CN_PLACE = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}


def _cn_scale(word: str) -> float:
    """The scale a scale word after digits states: 「十万」 1e5, 「万亿」 1e12; a word `_CN_SCALES`
    does not list (「十万亿」, 「万億」 in mixed scripts) is the product of its characters
    (a KeyError there was an internal error on a plain figure)."""
    found = _CN_SCALES.get(word)
    if found is not None:
        return found
    scale = 1.0
    for ch in word:
        scale *= _CN_PLACE[ch]
    return scale


_LATIN_SCALES = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "B": 1e9,
    "T": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}


def parse_chinese_numeral(text: str) -> tuple[float, float] | None:
    """Value and precision unit of a Chinese numeral (八千亿 -> 8e11, unit 1e11; 百亿 -> 1e10)."""
    total = 0
    section = 0  # below the current 万/亿 group
    digit: int | None = None
    lowest = math.inf  # place value of the lowest stated digit
    pending_place = 1
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            place = _CN_SMALL[ch]
            d = 1 if digit is None else digit
            section += d * place
            if d:
                lowest = min(lowest, place * pending_place)
            digit = None
        elif ch in _CN_BIG:
            big = _CN_BIG[ch]
            if digit is not None:
                section += digit
                if digit:
                    lowest = min(lowest, 1)
                digit = None
            if section == 0 and total == 0:
                section = 1
                lowest = min(lowest, 1)
            # lowest place so far was counted in units of this section
            if total and total < big:
                total = (total + section) * big
            else:
                total += section * big
            lowest = lowest * big if lowest != math.inf else big
            section = 0
            pending_place = 1
        else:
            return None
    if digit is not None:
        section += digit
        if digit:
            lowest = min(lowest, 1)
    value = total + section
    if value == 0:
        return None
    if lowest == math.inf:
        lowest = 1.0
    return float(value), float(lowest)


@lru_cache(maxsize=4096)  # the same few numerals ("1", "10", "2025") recur all through a run
def arabic_precision(num: str) -> tuple[float, float]:
    """Value and precision unit of an Arabic numeral: 550 -> unit 10, 19.5 -> 0.1, 2,048 -> 1."""
    plain = num.replace(",", "")
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return float(plain), 10.0**-decimals
    value = float(plain)
    stripped = plain.rstrip("0")
    zeros = len(plain) - len(stripped) if stripped else 0
    # trailing zeros may or may not be significant ("2000" is any of 1500–2500), but a figure
    # of one or two digits is not that loose: "10 亿" is not 5–15 亿; cap at a quarter either way
    return value, min(10.0**zeros, value / 2) if value else 1.0


# --- the quantity record ------------------------------------------------------------------------


_CODES = ("usd", "hkd", "twd", "eur", "gbp", "cny")  # quantities.toml [sign-*]: a sign or word before a figure


@cache
def _currency_signs() -> dict[str, str]:
    return {w: code.upper() for code in _CODES for w in lw.word_set(f"sign-{code}")}


def _signs() -> str:
    return lw.plain(*(f"sign-{code}" for code in _CODES))


_NUMBER_BODY = (
    r"(?P<pct>百分之)?"
    r"(?:(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两兩三四五六七八九十百千万萬亿億]*[十百千万萬亿億][零〇一二两兩三四五六七八九十百千万萬亿億]*))"
)
_NUMBER = lw.Lazy(lambda: rf"(?P<cur>{_signs()} ?)?" + _NUMBER_BODY)
# `_NUMBER` at a digit or a numeral: no sign starts there (checked: `_sign_at_numeral`), so the
# same match without trying the sign words first (the cur group never takes part)
_NUMBER_AT_NUMERAL = lw.Lazy(lambda: r"(?P<cur>(?!))?" + _NUMBER_BODY)
_NUM_HINT = lazy_compile(r"[0-9十百千万萬亿億]")
_CN_NUMERAL_CHARS = frozenset("零〇一二两兩三四五六七八九十百千万萬亿億")
_PARTICLES = frozenset("并並和与與及的了但而或")


@cache
def _sign_at_numeral() -> bool:
    """Whether a currency sign or word starts with a digit or a Chinese numeral."""
    return any(w[:1].isdigit() or w[:1] in _CN_NUMERAL_CHARS for w in _currency_signs())


@cache
def _cur_last() -> frozenset[str]:
    """The last characters of the currency signs and words, of 百分之 and of a space."""
    return frozenset(w[-1] for w in _currency_signs()) | {"之", " "}


_CUR_BEFORE = lw.Lazy(lambda: rf"(?:{_signs()} ?)?(?:百分之)?$")
_AFTER_AR = lazy_compile(
    r"(?P<sp> ?)(?P<plus0>多|余|餘)?(?P<cns>[十百千]?[万萬][亿億]|[十百千]?[亿億]|[十百千]?[万萬]|兆(?![瓦赫位字比]))?"
    r"(?P<lat>(?<=\d)(?:bn|mn|[kKMBT])(?![A-Za-z0-9])|(?<= )(?:thousand|million|billion|trillion)\b"
    r"|(?<=\d) (?:thousand|million|billion|trillion)\b)?"
    r"(?P<plus>多|余|餘|\+(?!\d))?"
)
# what any part of `_AFTER_AR` can start with, after its optional space: a scale, 多/余/餘 or "+"
_AFTER_AR_FIRST = frozenset("多余餘十百千万萬亿億兆bmkKMBTt+")
_UNIT = lw.Lazy(
    lambda: (
        r" ?(?:"
        rf"(?P<pct>{alternation('quantities', 'unit-percent')})"
        rf"|(?P<pp>{alternation('quantities', 'unit-points')})"
        rf"|(?P<USD>{alternation('quantities', 'currency-usd')})"
        rf"|(?P<EUR>{alternation('quantities', 'currency-eur')})"
        rf"|(?P<HKD>{alternation('quantities', 'currency-hkd')})"
        rf"|(?P<JPY>{alternation('quantities', 'currency-jpy')})"
        rf"|(?P<GBP>{alternation('quantities', 'currency-gbp')})"
        rf"|(?P<TWD>{alternation('quantities', 'currency-twd')})"
        rf"|(?P<KRW>{alternation('quantities', 'currency-krw')})"
        rf"|(?P<CNY>{alternation('quantities', 'currency-cny')})"
        rf"|(?P<x>{lw.plain('unit-times', end=True)}|x(?![A-Za-z0-9]))"
        rf"|(?P<params>{lw.plain('unit-params', end=True)})"
        rf"|(?P<tokens>{lw.plain('unit-tokens', end=True)})"
        r"|(?P<bw>[TGMP]B/s)"
        r"|(?P<flops>[TPEG]?FLOPS\b|TOPS\b)"
        r"|(?P<bytes>[TGMPK]B\b)"
        rf"|(?P<nm>{lw.plain('unit-nm', end=True)})"
        rf"|(?P<W>[kMG]?W\b|{lw.plain('unit-watts')})"
        rf"|(?P<dur>{lw.plain('unit-duration', end=True)})"
        rf"|(?P<score>{lw.plain('unit-score', end=True)})"
        rf"|(?P<cls>{lw.plain('unit-classifier')})"
        rf"|(?P<en>{lw.plain('unit-noun', end=True)})"
        r")"
    )
)


class Suffix:
    """Does a text end with one of these words (before trailing spaces)?

    Python's re has no backward search: a `words\\s*$` pattern is tried at every
    position of the prefix. Matching the reversed prefix against a trie of reversed
    words costs one attempt. English words must not continue a longer word.
    """

    def __init__(self, words: str | Iterable[str] | Callable[[], Iterable[str]]) -> None:
        # a callable is read on first use (a lexicon list: no lexicon work at import)
        self._words = words
        self._re: re.Pattern[str] | None = None
        # the last characters of the words (lower case): most prefixes end with none of them,
        # and this set says so without reversing the prefix or running the trie
        self._lasts: frozenset[str] | None = None

    def _pattern(self) -> re.Pattern[str]:
        if self._re is None:
            words = self._words() if callable(self._words) else self._words
            items = [w.replace("_", " ") for w in words.split()] if isinstance(words, str) else list(words)
            reversed_words = [w.lower()[::-1] for w in items]
            self._re = lazy_compile(trie_pattern(reversed_words))
            # an empty word matches anywhere: then no gate
            self._lasts = None if "" in reversed_words else frozenset(w[0] for w in reversed_words)
        return self._re

    def lasts(self) -> frozenset[str] | None:
        """The last characters (lower case) the words can end with; None: any (an empty word)."""
        self._pattern()
        return self._lasts

    def may_end(self, last: str) -> bool:
        """Whether a text whose last non-space character, lower-cased, is `last` can end with
        one of the words (`match` says None otherwise): several lists asked of one prefix
        share the one look at its end."""
        self._pattern()
        return self._lasts is None or last in self._lasts

    def match(self, text: str) -> str | None:
        """The word the text ends with, or None."""
        tail = text[-24:].rstrip()
        pattern = self._re or self._pattern()  # (a method call per match saved once built)
        # (the first character of the lowered reversed tail is its last character lowered)
        if self._lasts is not None and tail[-1:].lower()[:1] not in self._lasts:
            return None
        rev = tail[::-1].lower()
        m = pattern.match(rev)
        if m is None:
            return None
        word = m.group(0)
        nxt = rev[m.end() : m.end() + 1]
        if word[-1:].isascii() and word[-1:].isalpha() and nxt.isascii() and nxt.isalpha():
            return None  # "so" in "also"
        return word[::-1]

    def strip(self, text: str) -> str:
        """The text without the word it ends with (and trailing spaces)."""
        word = self.match(text)
        stripped = text.rstrip()
        return stripped[: len(stripped) - len(word)] if word else stripped


def _lexicon(key: str) -> Callable[[], frozenset[str]]:
    return lambda: words("quantities", key)


_HEDGE_BEFORE = tuple((name, Suffix(_lexicon(f"hedge-{name}"))) for name in ("approx", "near", "lower", "upper"))
_FROM_WORD = Suffix(_lexicon("from-word"))
_ORDINAL = Suffix(_lexicon("ordinal"))


@cache
def _not_near() -> tuple[str, ...]:
    return tuple(words("quantities", "not-near"))


@cache
def _not_ordinal() -> tuple[str, ...]:
    return tuple(words("quantities", "not-ordinal"))


def _hedge_after_source(name: str) -> Callable[[], str]:
    return lambda: rf"\s*{alternation('quantities', f'hedge-after-{name}')}"


# the hedges after a figure (approx, lower, upper: tried in that order at one position, each
# branch with its own \s* as each list alone), one attempt per figure instead of three
_HEDGE_AFTER_ANY = lw.Lazy(
    lambda: "|".join(f"(?P<{name}>{_hedge_after_source(name)()})" for name in ("approx", "lower", "upper"))
)
_HEDGE_TAIL = lw.Lazy(
    lambda: rf"\s*{alternation('quantities', 'hedge-after-approx', 'hedge-after-lower', 'hedge-after-upper')}"
)
_VAGUE = frozenset("数數几幾上成近好")
_RANGE = lazy_compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*")
_DATE_AFTER = lazy_compile(
    r"\s*(?:年(?!代)|月|日|号|號|点|點|时|時(?!间|間)|:\d|：\d"
    r"|/\d{1,2}(?![\d.])(?!\s*[%％万萬亿億])|-\d{1,2}(?![\d.])(?!\s*[%％万萬亿億倍])|\.\d{1,2}\.)"
)
# "GPT-4", "Qwen3-1.7B", "H800", "v1.2", "@2x": a number inside a name or an address
_ID_AFTER = lazy_compile(r"[A-Za-z0-9_]|\.[A-Za-z0-9]|-[A-Za-z]")
# 「3.0版本」, 「財富500強」: quantities.toml [version-after]; 大 only if not 大模型
_NOT_A_FIGURE_AFTER = lw.Lazy(lambda: rf"\s?(?:{lw.plain('version-after')}|大(?!模型))")
_DATE_BEFORE = lazy_compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]$")


def _date_before(before: str) -> bool:
    """「2024-05-」 just before the number; the pattern is tried only when `before` ends as a date
    part does (`$` also matches before a final newline): a search per number tried 30 places."""
    last = before[-2:-1] if before.endswith("\n") else before[-1:]
    return last in ("-", "/", ".") and _DATE_BEFORE.search(before) is not None


_YEAR = lazy_compile(r"^(?:19|20)\d{2}$")
_LIST_START = lazy_compile(r"^\s*\d{1,3}\s*[.)、．]\s*\D")
_IDIOM_CN = lw.Lazy(lambda: lw.plain("idiom-numeral"))


@dataclass(slots=True)
class RawNumber:
    """A number as read from the text, before units and roles are attached."""

    start: int  # clean offsets in the segment
    end: int
    text: str
    value: float
    unit_size: float  # precision unit in base units
    unit: str
    hedge: str | None
    cls: str | None = None
    scale: float = 1.0

    def __init__(  # native (the dataclass's own is interpreted in a compiled module): recognise.Quantity
        self,
        start: int,
        end: int,
        text: str,
        value: float,
        unit_size: float,
        unit: str,
        hedge: str | None,
        cls: str | None = None,
        scale: float = 1.0,
    ) -> None:
        self.start, self.end, self.text, self.value, self.unit_size = start, end, text, value, unit_size
        self.unit, self.hedge, self.cls, self.scale = unit, hedge, cls, scale

    def __reduce__(self) -> tuple[type[RawNumber], tuple[Any, ...]]:
        fields = (self.start, self.end, self.text, self.value, self.unit_size, self.unit, self.hedge, self.cls)
        return RawNumber, (*fields, self.scale)


# What follows a figure that makes it a date part: `_DATE_AFTER`'s one-character branches
# (「2025年」, 「8月」, 「21日」), tested before anything else: a date's numbers are a third of the
# numbers a digest holds, and each went through every other test first to the same None.
_DATE_CHARS = frozenset("年月日号號点點时時")
_DATE_NOT = {"年": "代", "時": "间間"}


def _date_char_after(text: str, pos: int) -> bool:
    """`_DATE_AFTER` matching at `pos` with no space: the character there and its guard."""
    ch = text[pos : pos + 1]
    if ch not in _DATE_CHARS:
        return False
    guard = _DATE_NOT.get(ch)
    following = text[pos + 1 : pos + 2]
    return guard is None or not following or following not in guard


class _UnitAt:
    """`_UNIT.match(text, pos)` asked up to four times at one position per number: matched once."""

    __slots__ = ("_m", "_pos", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = -1
        self._m: re.Match[str] | None = None

    def __call__(self, pos: int) -> re.Match[str] | None:
        if pos != self._pos:
            self._pos, self._m = pos, _UNIT.match(self._text, pos)
        return self._m


def _parse_number(text: str, m: re.Match[str], unit_at: _UnitAt | None = None) -> RawNumber | None:
    """One number with what follows it (scale, plus, unit); None when it is not a quantity.
    `unit_at`: the unit matcher of `text`, shared by the numbers of one sentence."""
    start, pos = m.start(), m.end()
    cur_g, pct_g, num, raw_cn = m.group("cur", "pct", "ar", "cn")
    cur = (cur_g or "").strip()
    if unit_at is None:
        unit_at = _UnitAt(text)
    if num:
        if text[pos : pos + 1] in _DATE_CHARS and _date_char_after(text, pos):
            return None  # 「2025年」, 「8月」: what `_DATE_AFTER` below says, with no scale before it
        if cur == "" and pct_g is None:
            before = text[max(0, start - 30) : start]
            if _inside_name(before) or _ordinal(before) or _date_before(before):
                return None
        # `_AFTER_AR` (all optional) only where one of its parts can start: most figures skip it
        nxt = text[pos : pos + 2] if text.startswith(" ", pos) else text[pos : pos + 1]
        tail = _AFTER_AR.match(text, pos) if nxt[-1:] in _AFTER_AR_FIRST else None
        groups: tuple[str | None, ...] = tail.groups() if tail is not None else (None,) * 5
        _sp, plus0, cns, lat, plus_g = groups
        # (the space tested here first: `_after_name` needs one, and most figures have none)
        versioned = cur == "" and pct_g is None and not (cns or lat) and before[-1:] == " " and _after_name(before)
        if versioned and not unit_at(pos):
            return None  # "Claude 3.5", "Gemini 2.5 Pro": a version after a name
        value, unit_size = arabic_precision(num)
        plus = plus_g or (plus0 if cns else None)
        scale = 1.0
        if cns:
            scale = _cn_scale(cns)
        elif lat:
            scale = _LATIN_SCALES[lat.strip()]
        if tail is not None and (cns or lat or plus):
            pos = tail.end()
        value *= scale
        unit_size *= scale
        if not (cns or lat) and _ID_AFTER.match(text, pos) and not unit_at(pos):
            return None  # 4o, 3D, 5G, 1.2.3
        if not (cns or lat) and _DATE_AFTER.match(text, pos):
            return None
        if not (cns or lat) and _NOT_A_FIGURE_AFTER.match(text[pos : pos + 3]):
            return None  # 「3.0版本」, 「財富500強」: a version, a generation, a ranking
        if _YEAR.match(num) and not (cns or lat) and not cur:
            unit_m = unit_at(pos)
            if unit_m is None or unit_m.lastgroup in ("dur", "score"):
                return None  # a year
    else:
        if start > 0 and text[start - 1] in "0123456789-.,":
            return None  # the scale of a number that was not taken ("3-5亿" read as an id)
        if _IDIOM_CN.match(text, m.start("cn")):
            return None
        if start > 0 and text[start - 1] in _VAGUE:
            return None  # 数百万, 几十亿, 上千
        parsed = parse_chinese_numeral(raw_cn)
        if parsed is None:
            return None
        value, unit_size = parsed
        scale = 1.0
        plus = None
        if text[pos : pos + 1] in ("多", "余", "餘"):
            plus = text[pos]
            pos += 1
    hedge = "plus" if plus else None
    unit = ""
    cls = None
    if pct_g:
        unit = "%"
    unit_m = unit_at(pos)
    if unit_m is not None and not unit:
        group = unit_m.lastgroup or ""
        word = unit_m.group(group)
        if group == "pct":
            unit = "%"
        elif group == "pp":
            unit = "pp"
        elif group in ("USD", "EUR", "HKD", "JPY", "GBP", "TWD", "KRW", "CNY"):
            unit = group
        elif group == "x":
            unit = "x"
        elif group == "params":
            unit = "params"
        elif group == "tokens":
            unit = "tokens"
        elif group in ("bw", "flops", "bytes", "W", "nm", "dur", "score"):
            unit = word.strip() if group != "score" else "points"
        elif group == "cls":
            cls = word
            unit = "cls:" + word
        elif group == "en":
            unit = "en:" + word.lower().rstrip("s")
        pos = unit_m.end()
    if cur:
        unit = _currency_signs().get(cur, unit)  # a sign before the figure names its currency
    if raw_cn and not unit:
        # a bare Chinese numeral is too often a word (三大, 十分, 万能) to stand alone:
        # only 「百亿」「两千万」 ending a phrase count
        following = text[pos : pos + 1]
        glued = HAN_CHAR.match(following) and following not in _PARTICLES  # 「万能」, not 「百亿并…」
        if len(raw_cn) < 2 or not re.search(r"[万萬亿億兆]$", raw_cn) or glued:
            return None
    return RawNumber(start, pos, text[start:pos], value, unit_size, unit, hedge, cls, scale)


def _interval(raw: RawNumber) -> tuple[float, float]:
    """What a statement allows, from its precision and hedge (half-open)."""
    v, u = raw.value, raw.unit_size
    half = u / 2
    if raw.hedge == "approx":
        w = max(half, abs(v) * 0.15)  # 「約 500 萬」 allows 425–575 萬
        return v - w, v + w
    if raw.hedge == "near":
        return v - max(half, abs(v) * 0.15), v + half
    if raw.hedge == "lower":
        return v - half, math.inf
    if raw.hedge == "upper":
        return -math.inf, v + half
    if raw.hedge == "plus":
        return v, v + u
    return v - half, v + half


@cache
def _hedge_lasts() -> frozenset[str] | None:
    """The last characters of every hedge word before a figure (None: a list with no gate)."""
    out: set[str] = set()
    for _name, suffix in _HEDGE_BEFORE:
        lasts = suffix.lasts()
        if lasts is None:
            return None
        out |= lasts
    return frozenset(out)


def _hedge_before(prefix: str) -> str | None:
    last = prefix[-24:].rstrip()[-1:].lower()[:1]  # as Suffix.match reads it
    gate = _hedge_lasts()
    if gate is not None and last not in gate:
        return None  # most figures: no hedge list has a word ending there (one set look-up, not four)
    for name, suffix in _HEDGE_BEFORE:
        if not suffix.may_end(last):
            continue
        word = suffix.match(prefix)
        if word is not None:
            if word == "近" and prefix.rstrip().endswith(_not_near()):
                continue
            return name
    return None


_NOT_NAME_CHAR = lazy_compile(r"[^A-Za-z0-9_]")


def _inside_name(before: str) -> bool:
    """ "GPT-4", "Qwen3-1.7B", "H800", "v1.2", "@2x", "12:30": a number inside a name or address."""
    if not before:
        return False
    c = before[-1]
    if (c.isascii() and c.isalpha()) or c in "_./@#=":
        return True
    if c == ":":
        return len(before) > 1 and before[-2].isdigit()
    if c == "-":
        token = _NOT_NAME_CHAR.split(before[:-1])[-1]
        return any(ch.isalpha() for ch in token)
    return False


_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LATIN_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _after_name(before: str) -> bool:
    """A capitalised word and one space before the number: "Claude 3.5", "iPhone 16"."""
    if not before.endswith(" ") or before.endswith("  "):
        return False
    # the Latin letters right before the space, read back to a capital (no split and lists per figure)
    i = len(before) - 1
    while i > 0 and before[i - 1] in _LATIN:
        i -= 1
        if before[i] in _LATIN_UPPER:
            return True
    return False


def _ordinal(before: str) -> bool:
    word = _ORDINAL.match(before)
    return word is not None and not (word == "前" and before.rstrip().endswith(_not_ordinal()))


def _hedge_after(text: str, pos: int) -> str | None:
    """The first hedge list (approx, lower, upper) with a word at `pos` (after spaces)."""
    m = _HEDGE_AFTER_ANY.match(text, pos)
    return None if m is None else m.lastgroup


# what `_inside_name` reads as a name or address glued to the digits after it
_NAME_GLUE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_./@#=")
_ASCII_DIGITS = frozenset("0123456789")
_AR_RUN = lazy_compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # `_NUMBER`'s `ar`


def numbers_in(text: str) -> list[RawNumber]:
    """Every quantity in a clean sentence, with hedges and ranges resolved."""
    if _LIST_START.match(text):
        # "1. item": drop the list number, keep the rest
        lead = re.match(r"^\s*\d{1,3}\s*[.)、．]", text)
        skip = lead.end() if lead else 0
    else:
        skip = 0
    out: list[RawNumber] = []
    pos = skip
    unit_at = _UnitAt(text)  # one memo of the unit after a position, for every number of the text
    cur_last, sign_at_numeral = _cur_last(), _sign_at_numeral()  # (cached: read once, not per hint)
    while True:
        hint = _NUM_HINT.search(text, pos)
        if hint is None:
            break
        b = hint.start()
        while b > pos and text[b - 1] in _CN_NUMERAL_CHARS:
            b -= 1  # 八千亿: the hint is 千, the numeral starts at 八
        glued = text[b - 1] if b > pos else ""
        if glued in _NAME_GLUE and text[b] in _ASCII_DIGITS and glued not in cur_last:
            # "V3", "H800", "v1.2": digits glued to a name, which `_parse_number` turns down
            # (`_inside_name`, or `_date_char_after` before it) after a match, a slice and its tests
            run = _AR_RUN.match(text, b)  # (where `_NUMBER` ends there: no sign starts with a digit)
            assert run is not None  # text[b] is a digit
            pos = run.end()
            continue
        # a currency sign or word just before (「US$ 13」, 「人民币50亿」, 「百分之二十」); most have none
        # (after a space, only when a sign ends before it: else the search finds the empty match at b)
        signed = glued in cur_last and (glued != " " or (b - 2 >= pos and text[b - 2] in cur_last))
        cur = _CUR_BEFORE.search(text, max(pos, b - 8), b) if glued and signed else None
        if cur is not None or sign_at_numeral:
            m = _NUMBER.match(text, cur.start() if cur else b)
        else:
            m = _NUMBER_AT_NUMERAL.match(text, b)
        if m is None or not (m.group("ar") or m.group("cn")):
            pos = hint.end()
            continue
        raw = _parse_number(text, m, unit_at)
        if raw is None:
            pos = m.end() if m.end() > m.start() else m.start() + 1
            continue
        prefix = text[max(0, raw.start - 14) : raw.start]
        hb = _hedge_before(prefix)
        ha = _hedge_after(text, raw.end)
        if raw.hedge is None:
            raw.hedge = hb or ha
        if ha:
            tail = _HEDGE_TAIL.match(text, raw.end)
            if tail:
                raw.end = tail.end()
                raw.text = text[raw.start : raw.end]
        # a range: "30–40%", "3000万至5000万美元"; not "从 45% 到 67%"
        rng = None if _FROM_WORD.match(text[max(0, raw.start - 6) : raw.start]) else _RANGE.match(text, raw.end)
        m2 = _NUMBER.match(text, rng.end()) if rng else None
        other = _parse_number(text, m2, unit_at) if m2 else None
        if other is not None:
            merged = _merge_range(text, raw, other)
            if merged is not None:
                raw = merged
        out.append(raw)
        pos = raw.end if raw.end > m.start() else m.start() + 1
    return out


def _merge_range(text: str, first: RawNumber, second: RawNumber) -> RawNumber | None:
    """Both ends of "30–40%" as one quantity; the first end borrows the second's scale and unit."""
    if first.unit and second.unit and first.unit != second.unit:
        return None
    lo = first
    if (first.scale == 1.0 and second.scale != 1.0) or not first.unit:
        factor = second.scale / first.scale
        lo = RawNumber(
            first.start,
            first.end,
            first.text,
            first.value * factor,
            first.unit_size * factor,
            second.unit,
            first.hedge,
            second.cls,
            second.scale,
        )
    if lo.value >= second.value:
        return None  # "2024-25", "10-3": not a range of one quantity
    # the ends of a range are its precision: "30–40%" is 29.5–40.5, not 25–45
    unit = min(lo.unit_size, second.unit_size, (second.value - lo.value) / 10)
    low = lo.value - unit / 2
    high = second.value + unit / 2
    return RawNumber(
        first.start,
        second.end,
        text[first.start : second.end],
        (low + high) / 2,
        high - low,
        second.unit or first.unit,
        "range",
        second.cls,
        second.scale,
    )


def interval_of(raw: RawNumber) -> tuple[float, float]:
    if raw.hedge == "range":
        half = raw.unit_size / 2
        return raw.value - half, raw.value + half
    return _interval(raw)
