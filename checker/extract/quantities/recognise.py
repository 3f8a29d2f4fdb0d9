"""Quantity mentions: numbers with their scale, unit, hedge and the interval they imply.

A quantity is what a sentence says a value is: 「約 550 萬美元」, "$13 billion", 「百亿」,
「超過 30 億」, "30–40%", 「2048 塊 H800」. Each carries the interval its precision
and hedge allow (550 萬 is 545–555 萬; 約 550 萬 is wider; 2000 is any of
1500–2500; 超過 30 億 has no upper end), so that two statements conflict only
when their intervals cannot overlap. Dates, versions (GPT-4, Qwen3-1.7B, H800),
list numbering, footnote marks, times of day and years are not quantities.

Each quantity is attributed (checker/attribution.py): a subject, a measure, a time
and a modality, with the words they were taken from. Extraction runs once per
document and is cached with `doc.cached("quantities", extract_quantities)`.

Why by hand: number parsers (e.g. for English) know neither Chinese scale words nor
CJK-specific hedges, and none attaches precision intervals; the grammar of digest
prose is small enough for a few patterns.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from checker.core.model import Span
from checker.extract.quantities import attribute as at
from checker.extract.quantities.attribute import Attribution, Entity
from checker.input.documents import Document, Segment, SegmentKind
from checker.text.cjknum import CN_DIGITS

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
        lowest = 1
    return float(value), float(lowest)


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


@dataclass(frozen=True, slots=True)
class Quantity:
    """One stated value. `low`/`high` bound what the statement allows (half-open, may be inf)."""

    span: Span  # source span of the number with its scale and unit
    text: str  # the words as read (emphasis removed)
    value: float  # in base units: 5.5e6 for 550 萬, 22 for 22 %
    low: float
    high: float
    unit: str  # "USD", "CNY", "%", "pp", "x", "gpus", "params", "tokens", "users", "" ...
    hedge: str | None  # "approx", "near", "lower", "upper", "range", "plus"
    role: str  # "value", "change" (增長 22 %), "from" (從 45 % ...), "past" (曾…), "compare" (比…高), "list"
    sentence: str  # clean text of the sentence, for quotes
    line: int
    segment: int  # index into doc.segments
    zone: str  # "summary" (headline list, heading, description) or "body"
    sentence_key: tuple[int, int]  # (segment, offset): figures of one sentence are never compared
    measure: Attribution | None = None
    subject: Attribution | None = None
    qualifier: str | None = None  # benchmark or chip named beside the figure
    time: Attribution | None = None
    forecast: bool = False
    pair: Quantity | None = None  # for "from X to Y": the other end
    notes: tuple[str, ...] = field(default=())


# --- cleaning: the text a reader sees, with a map back to the segment view ----------------------

_STRIP = re.compile(
    r"!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)"  # images
    r"|\[\[?\d{1,3}\]?\](?:\(#[^)]*\))?"  # footnote marks [20], [[3]](#ref-3)
    r"|\]\([^)\s]{0,2000}\)"  # the target of a link: keep its text
    r"|<[^<>\n]{0,400}>"  # HTML tags
    r"|https?://[^\s)\]>」，。]+"  # bare URLs
    r"|\*\*|\*|__|~~|`|\["
)
_BREAK_TAG = re.compile(r"<(?:br|/p|p|/li|li|/div|div|/h\d|h\d|/tr|tr|/td|td)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CleanText:
    """A view without Markdown emphasis, link targets, tags and URLs, mapped back by runs."""

    text: str
    starts: list[int]  # clean offset where each copied run starts
    origins: list[int]  # the view offset it was copied from

    def to_view(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.origins[k] + (i - self.starts[k])


def clean_text(view: str) -> CleanText:
    """Read what a reader sees: 「**19.5** 万美元」 is 「19.5 万美元」."""
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = 0
    length = 0
    for m in _STRIP.finditer(view):
        if m.start() > pos:
            starts.append(length)
            origins.append(pos)
            parts.append(view[pos : m.start()])
            length += m.start() - pos
        token = m.group(0)
        if token.startswith("<") and _BREAK_TAG.match(token):
            starts.append(length)
            origins.append(m.start())
            parts.append("\n")
            length += 1
        pos = m.end()
    starts.append(length)
    origins.append(pos)
    parts.append(view[pos:])
    return CleanText("".join(parts), starts, origins)


_SENTENCE_END = re.compile(r"[。！？!?；;\n|｜]+|(?<=[a-z0-9)\]\"'])\.(?=\s|$)(?<!\d\.\d)")


_STOPS = ("。", "！", "？", "!", "?", "；", ";", "\n", "|", "｜", ". ")


def number_sentences(text: str) -> list[tuple[int, int]]:
    """Only the sentences that hold a digit or a Chinese scale word: most hold none, and
    finding the few by their numbers is several times faster than splitting everything."""
    out: list[tuple[int, int]] = []
    covered = 0
    for m in _HAS_NUM.finditer(text):
        p = m.start()
        if p < covered:
            continue
        start = max(
            text.rfind(stop, covered, p) + len(stop) if text.rfind(stop, covered, p) >= 0 else covered
            for stop in _STOPS
        )
        end_m = _SENTENCE_END.search(text, p)
        end = end_m.start() if end_m else len(text)
        if end <= p:  # the number sits right at a sentence end (e.g. "3." in "v3.")
            end = end_m.end() if end_m else len(text)
        out.extend(_bounded(text, start, end))
        covered = max(end, p + 1)
    return out


_LONGEST_SENTENCE = 600  # characters; real sentences are far shorter
_PIECE_BREAKS = ("，", "；", "、", ", ", "; ", " ")


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at clause breaks into pieces of at most _LONGEST_SENTENCE characters.

    A "sentence" with no stop (thousands of figures on one line, a table flattened to a
    paragraph) would make every per-figure look-back read the whole line: quadratic.
    """
    out: list[tuple[int, int]] = []
    while end - start > _LONGEST_SENTENCE:
        limit = start + _LONGEST_SENTENCE
        cut = max(text.rfind(b, start + 1, limit) for b in _PIECE_BREAKS)
        cut = cut + 1 if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


# --- numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?P<cur>(?:US\$|HK\$|NT\$|\$|¥|￥|€|£|RMB|USD|人民币|人民幣|新台幣|新台币) ?)?"
    r"(?P<pct>百分之)?"
    r"(?:(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两兩三四五六七八九十百千万萬亿億]*[十百千万萬亿億][零〇一二两兩三四五六七八九十百千万萬亿億]*))"
)
_NUM_HINT = re.compile(r"[0-9十百千万萬亿億]")
_CN_NUMERAL_CHARS = frozenset("零〇一二两兩三四五六七八九十百千万萬亿億")
_PARTICLES = frozenset("并並和与與及的了但而或")
_CUR_LAST = frozenset("$¥￥€£DB币幣之 ")
_CUR_BEFORE = re.compile(r"(?:(?:US\$|HK\$|NT\$|\$|¥|￥|€|£|RMB|USD|人民币|人民幣|新台幣|新台币) ?)?(?:百分之)?$")
_AFTER_AR = re.compile(
    r"(?P<sp> ?)(?P<plus0>多|余|餘)?(?P<cns>[十百千]?[万萬][亿億]|[十百千]?[亿億]|[十百千]?[万萬]|兆(?![瓦赫位字比]))?"
    r"(?P<lat>(?<=\d)(?:bn|mn|[kKMBT])(?![A-Za-z0-9])|(?<= )(?:thousand|million|billion|trillion)\b"
    r"|(?<=\d) (?:thousand|million|billion|trillion)\b)?"
    r"(?P<plus>多|余|餘|\+(?!\d))?"
)
_UNIT = re.compile(
    r" ?(?:"
    r"(?P<pct>%|％|percent\b|per cent\b)"
    r"|(?P<pp>个百分点|個百分點|百分点|百分點|percentage points?\b|pp\b|ppt\b)"
    r"|(?P<USD>美元|美金|美刀|US dollars?\b|dollars?\b|USD\b)"
    r"|(?P<EUR>欧元|歐元|euros?\b|EUR\b)"
    r"|(?P<HKD>港元|港币|港幣|HKD\b)"
    r"|(?P<JPY>日元|日圆|日圓|円|JPY\b)"
    r"|(?P<GBP>英镑|英鎊|pounds?\b|GBP\b)"
    r"|(?P<TWD>新台币|新台幣|台币|台幣|TWD\b)"
    r"|(?P<KRW>韩元|韓元|KRW\b)"
    r"|(?P<CNY>元人民币|元人民幣|人民币|人民幣|元|块钱|塊錢|yuan\b|RMB\b|CNY\b)"
    r"|(?P<x>倍|x(?![A-Za-z0-9])|×|times\b|-fold\b|fold\b)"
    r"|(?P<params>参数|參數|个参数|個參數|parameters?\b|params\b)"
    r"|(?P<tokens>tokens?\b|Tokens?\b|词元|詞元)"
    r"|(?P<bw>[TGMP]B/s)"
    r"|(?P<flops>[TPEG]?FLOPS\b|TOPS\b)"
    r"|(?P<bytes>[TGMPK]B\b)"
    r"|(?P<nm>nm\b|纳米|奈米)"
    r"|(?P<W>[kMG]?W\b|千瓦|兆瓦|瓦)"
    r"|(?P<dur>毫秒|秒钟|秒鐘|秒|分钟|分鐘|小时|小時|个小时|個小時|天|周|週|个月|個月|年(?!代|级|級)|ms\b|"
    r"seconds?\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b)"
    r"|(?P<score>分(?![钟鐘之享析别別类類布配开開])|points?\b)"
    r"|(?P<cls>[个個款家项項篇条條次台部位名人张張块塊颗顆枚卡片行字页頁轮輪层層种種座所辆輛架场場套份本集期例只支首段句户戶])"
    r"|(?P<en>GPUs?\b|chips?\b|users?\b|employees?\b|stars?\b|downloads?\b|models?\b|papers?\b|companies\b|"
    r"customers?\b|developers?\b|people\b|subscribers?\b)"
    r")"
)
_GPU_NOUN = re.compile(r"GPU|显卡|顯卡|芯片|晶片|加速卡|[HAB]\d{2,3}|GB\d{3}|昇腾|昇騰|Ascend|TPU|卡", re.IGNORECASE)
_GPU_HOURS = re.compile(r"(?:GPU|卡)\s?(?:小时|小時|时|時|hours?)", re.IGNORECASE)
_MAKER = re.compile(r"^\s*(?:英伟达|英偉達|輝達|辉达|NVIDIA|Nvidia|AMD|华为|華為|谷歌|Google)?\s*")
_USER_NOUN = re.compile(r"用户|用戶|使用者|users?|订阅|訂閱", re.IGNORECASE)
_CLS_PEOPLE = {"人", "名", "位"}


class Suffix:
    """Does a text end with one of these words (before trailing spaces)?

    Python's re has no backward search: a `words\\s*$` pattern is tried at every
    position of the prefix. Matching the reversed prefix against a trie of reversed
    words costs one attempt. English words must not continue a longer word.
    """

    def __init__(self, words: str) -> None:
        items = [w.replace("_", " ") for w in words.split()]
        self._re = re.compile(at.trie_pattern([w.lower()[::-1] for w in items]))

    def match(self, text: str) -> str | None:
        """The word the text ends with, or None."""
        rev = text[-24:].rstrip()[::-1].lower()
        m = self._re.match(rev)
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


_HEDGE_BEFORE = (
    ("approx", Suffix("大约 大約 约 約 大概 估计 估計 approximately about around roughly approx approx. some ~ ～ ≈")),
    ("near", Suffix("将近 將近 接近 逼近 近 几乎 幾乎 nearly almost close_to")),
    (
        "lower",
        Suffix(
            "超过 超過 逾 超 多于 多於 高于 高於 至少 起码 起碼 不少于 不少於 不止 突破 more_than over "
            "at_least above exceeds exceeded exceeding exceed upwards_of north_of > ≥"
        ),
    ),
    (
        "upper",
        Suffix(
            "不到 不足 少于 少於 低于 低於 最多 至多 最高 不超过 不超過 less_than under below fewer_than "
            "at_most up_to < ≤"
        ),
    ),
)
_NOT_NEAR = ("最近", "附近")
_CHANGE_VERB = Suffix(
    "增长 增長 增加 提升 提高 上涨 上漲 上升 飙升 飆升 暴涨 暴漲 跃升 躍升 猛增 大增 激增 涨 漲 增 升 "
    "下降 下跌 降低 减少 減少 缩减 縮減 缩小 縮小 下滑 暴跌 跌 降 减 減 节省 節省 提速 加速 改善 优化 優化 "
    "蒸发 蒸發 缩水 縮水 高 低 高出 快 慢 wiped_out lost "
    "同比 环比 環比 rose rise rises risen grew grow grows grown increase increased increases jump jumped jumps "
    "surge surged soar soared climb climbed fell drop dropped drops decline declined decrease decreased cut "
    "improve improved boost boosted boosts gain gained gains up down by"
)
_CHANGE_FILLER = Suffix("了 了约 了約 约 約 近 超 超过 超過 逾 达 達 高达 高達 about nearly over more_than by")
_TO_WORD = Suffix("至 到 达 達 为 為 成 to reach reached reaches reaching hit 至了 到了 达了 達了")
_FROM_WORD = Suffix("从 從 由 from")
_ORDINAL = Suffix("第 No No. # Top 排名 前 Day Vol Vol. Ep Ep. Part")
_NOT_ORDINAL = ("目前", "此前", "之前", "以前", "提前", "当前", "當前", "眼前", "先前", "事前", "日前")
_HEDGE_AFTER = (
    ("approx", re.compile(r"\s*(?:左右|上下(?!文)|之谱|之譜)")),
    ("lower", re.compile(r"\s*(?:以上|有余|有餘|\+)")),
    ("upper", re.compile(r"\s*(?:以下|以内|以內)")),
)
_HEDGE_TAIL = re.compile(r"\s*(?:左右|上下(?!文)|之谱|之譜|以上|有余|有餘|\+|以下|以内|以內)")
_VAGUE = frozenset("数數几幾上成近好")
_RANGE = re.compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*")
# A figure about something else than its subject: a rival, a benchmark opponent, the old way.
_COMPARE = re.compile(
    r"比|相比|相较|相較|较之|較之|than|compared|versus|\bvs\b|对比|對比|超出|领先|領先|传统|傳統|traditional|"
    r"媲美|匹敌|匹敵|相当于|相當於|rival|comparable|outperform|beat|击败|擊敗|碾压|碾壓|打平|超越|surpass|"
    r"硬刚|硬剛|对标|對標|挑战|挑戰|合併|合并|combined|加起来|加起來|together",
    re.IGNORECASE,
)
# The start of "from X to Y": 「從 45%」, 「估值从去年的约 4000 亿」.
_FROM_AHEAD = re.compile(r"(?:从|從|由|\bfrom)[^，,。；;从從由\d%％]{0,8}$", re.IGNORECASE)
# A comparison opening the sentence: 「相較GPT-5.4，GPT-5.5 … 高23%」.
_COMPARE_LEAD = re.compile(r"相較|相较|相比|比起|較之|较之|compared (?:to|with)|relative to", re.IGNORECASE)
# A figure from before (anywhere earlier in the sentence): 「五个月前估值 4000 亿」, "a year ago".
_PAST = re.compile(
    r"个月前|個月前|年前|天前|周前|週前|\bago\b|去年|前年|last year|上一轮|上一輪|上轮|上輪|last round|合併前|合并前",
    re.IGNORECASE,
)
# Weaker cues of the past that hold only for their own clause (「原本寂寂無名，但本月…」).
_PAST_CLAUSE = re.compile(r"原本|原先|以往|此前|之前|曾经|曾經|曾|previously|earlier|formerly|once", re.IGNORECASE)
_CLAUSE_CUES = re.compile(f"(?P<compare>{_COMPARE.pattern})|(?P<past>{_PAST_CLAUSE.pattern})", re.IGNORECASE)
_SENTENCE_CUES = re.compile(f"(?P<compare>{_COMPARE_LEAD.pattern})|(?P<past>{_PAST.pattern})", re.IGNORECASE)
_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "HK$": "HKD",
    "NT$": "TWD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "RMB": "CNY",
    "人民币": "CNY",
    "人民幣": "CNY",
    "新台幣": "TWD",
    "新台币": "TWD",
}
_PER = re.compile(r"\s*(?:/|每|per\b)")
_PER_BEFORE = re.compile(r"(?:每|per |/)[^，,。；;\d]{0,8}$")
_DATE_AFTER = re.compile(
    r"\s*(?:年(?!代)|月|日|号|號|点|點|时|時(?!间|間)|:\d|：\d"
    r"|/\d{1,2}(?![\d.])(?!\s*[%％万萬亿億])|-\d{1,2}(?![\d.])(?!\s*[%％万萬亿億倍])|\.\d{1,2}\.)"
)
# "GPT-4", "Qwen3-1.7B", "H800", "v1.2", "@2x": a number inside a name or an address
_ID_AFTER = re.compile(r"[A-Za-z0-9_]|\.[A-Za-z0-9]|-[A-Za-z]")
_DATE_BEFORE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_LIST_START = re.compile(r"^\s*\d{1,3}\s*[.)、．]\s*\D")
_IDIOM_CN = re.compile(
    r"(?:万卡|萬卡|千卡|十万卡|十萬卡|百万卡|百萬卡|千万|千萬|万一|萬一|百度|千问|千問|万物|萬物|百川|千帆|万象|萬象|百模|千行百业|千行百業|万众|萬眾|百家|"
    r"千里|万里|萬里|百花|百年|千年|万年|萬年|十分|百倍|千方百计|百分百|一千零一|千人千面|万事|萬事)"
)


@dataclass(slots=True)
class _Raw:
    start: int  # clean offsets in the segment
    end: int
    text: str
    value: float
    unit_size: float  # precision unit in base units
    unit: str
    hedge: str | None
    cls: str | None = None
    scale: float = 1.0


def _parse_number(text: str, m: re.Match[str]) -> _Raw | None:
    """One number with what follows it (scale, plus, unit); None when it is not a quantity."""
    start, pos = m.start(), m.end()
    cur = (m.group("cur") or "").strip()
    if m.group("ar"):
        num = m.group("ar")
        if cur == "" and m.group("pct") is None:
            before = text[max(0, start - 30) : start]
            if _inside_name(before) or _ordinal(before) or _DATE_BEFORE.search(before):
                return None
        tail = _AFTER_AR.match(text, pos)
        assert tail is not None  # every part is optional
        cns, lat = tail.group("cns"), tail.group("lat")
        versioned = cur == "" and m.group("pct") is None and not (cns or lat) and _after_name(before)
        if versioned and not _UNIT.match(text, pos):
            return None  # "Claude 3.5", "Gemini 2.5 Pro": a version after a name
        value, unit_size = arabic_precision(num)
        plus = tail.group("plus") or (tail.group("plus0") if cns else None)
        scale = 1.0
        if cns:
            scale = _CN_SCALES[cns]
        elif lat:
            scale = _LATIN_SCALES[lat.strip()]
        if cns or lat or plus:
            pos = tail.end()
        value *= scale
        unit_size *= scale
        if not (cns or lat) and _ID_AFTER.match(text, pos) and not _UNIT.match(text, pos):
            return None  # 4o, 3D, 5G, 1.2.3
        if not (cns or lat) and _DATE_AFTER.match(text, pos):
            return None
        if not (cns or lat) and re.match(r"\s?(?:版|代|系列|号|號|强|強|大(?!模型))", text[pos : pos + 3]):
            return None  # 「3.0版本」, 「財富500強」: a version, a generation, a ranking
        if _YEAR.match(num) and not (cns or lat) and not cur:
            unit_m = _UNIT.match(text, pos)
            if unit_m is None or unit_m.lastgroup in ("dur", "score"):
                return None  # a year
    else:
        raw_cn = m.group("cn")
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
    if m.group("pct"):
        unit = "%"
    unit_m = _UNIT.match(text, pos)
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
        unit = _CURRENCY_SIGNS.get(cur, unit)  # a sign before the figure names its currency
    if m.group("cn") and not unit:
        # a bare Chinese numeral is too often a word (三大, 十分, 万能) to stand alone:
        # only 「百亿」「两千万」 ending a phrase count
        following = text[pos : pos + 1]
        glued = _CJK.match(following) and following not in _PARTICLES  # 「万能」, not 「百亿并…」
        if len(m.group("cn")) < 2 or not re.search(r"[万萬亿億兆]$", m.group("cn")) or glued:
            return None
    return _Raw(start, pos, text[start:pos], value, unit_size, unit, hedge, cls, scale)


def _interval(raw: _Raw) -> tuple[float, float]:
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


def _hedge_before(prefix: str) -> str | None:
    for name, words in _HEDGE_BEFORE:
        word = words.match(prefix)
        if word is not None:
            if word == "近" and prefix.rstrip().endswith(_NOT_NEAR):
                continue
            return name
    return None


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
        token = re.split(r"[^A-Za-z0-9_]", before[:-1])[-1]
        return any(ch.isalpha() for ch in token)
    return False


def _after_name(before: str) -> bool:
    """A capitalised word and one space before the number: "Claude 3.5", "iPhone 16"."""
    if not before.endswith(" ") or before.endswith("  "):
        return False
    word = before[:-1].rsplit(" ", 1)[-1]
    word = re.split(r"[^A-Za-z]", word)[-1]
    return bool(word) and any(ch.isupper() for ch in word)


def _ordinal(before: str) -> bool:
    word = _ORDINAL.match(before)
    return word is not None and not (word == "前" and before.rstrip().endswith(_NOT_ORDINAL))


def _hedge_after(text: str, pos: int) -> str | None:
    for name, pat in _HEDGE_AFTER:
        if pat.match(text, pos):
            return name
    return None


def numbers_in(text: str) -> list[_Raw]:
    """Every quantity in a clean sentence, with hedges and ranges resolved."""
    if _LIST_START.match(text):
        # "1. item": drop the list number, keep the rest
        lead = re.match(r"^\s*\d{1,3}\s*[.)、．]", text)
        skip = lead.end() if lead else 0
    else:
        skip = 0
    out: list[_Raw] = []
    pos = skip
    while True:
        hint = _NUM_HINT.search(text, pos)
        if hint is None:
            break
        b = hint.start()
        while b > pos and text[b - 1] in _CN_NUMERAL_CHARS:
            b -= 1  # 八千亿: the hint is 千, the numeral starts at 八
        # a currency sign or word just before (「US$ 13」, 「人民币50亿」, 「百分之二十」); most have none
        cur = _CUR_BEFORE.search(text, max(pos, b - 8), b) if b > pos and text[b - 1] in _CUR_LAST else None
        m = _NUMBER.match(text, cur.start() if cur else b)
        if m is None or not (m.group("ar") or m.group("cn")):
            pos = hint.end()
            continue
        raw = _parse_number(text, m)
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
        other = _parse_number(text, m2) if m2 else None
        if other is not None:
            merged = _merge_range(text, raw, other)
            if merged is not None:
                raw = merged
        out.append(raw)
        pos = raw.end if raw.end > m.start() else m.start() + 1
    return out


def _merge_range(text: str, first: _Raw, second: _Raw) -> _Raw | None:
    """Both ends of "30–40%" as one quantity; the first end borrows the second's scale and unit."""
    if first.unit and second.unit and first.unit != second.unit:
        return None
    lo = first
    if (first.scale == 1.0 and second.scale != 1.0) or not first.unit:
        factor = second.scale / first.scale
        lo = _Raw(
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
    return _Raw(
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


def interval_of(raw: _Raw) -> tuple[float, float]:
    if raw.hedge == "range":
        half = raw.unit_size / 2
        return raw.value - half, raw.value + half
    return _interval(raw)


# --- attribution in context ---------------------------------------------------------------------


class _Context:
    """What a document says above a sentence: its title, the heading, the list item's title.

    Names are looked up lazily: most numbers have no measure and never need a subject.
    """

    def __init__(self, doc: Document, headings: list[str]) -> None:
        self._doc = doc
        self._headings = headings  # clean text of every heading, for the document topic
        self._title: list[Entity] | None = None
        self._topic: Entity | bool | None = False
        self.heading = ""
        self.item = ""

    @property
    def title_entities(self) -> list[Entity]:
        if self._title is None:
            self._title = at.find_entities(self._doc.title or "")
        return self._title

    @property
    def heading_entities(self) -> list[Entity]:
        return _entities_cached(self.heading)

    @property
    def item_entities(self) -> list[Entity]:
        return _entities_cached(self.item)

    @property
    def topic(self) -> Entity | None:
        if self._topic is False:
            counts: Counter[str] = Counter()
            first: dict[str, Entity] = {}
            for h in self._headings:
                for e in _entities_cached(h):
                    if at.is_subject(e):
                        counts[e.key] += 1
                        first.setdefault(e.key, e)
            self._topic = _topic(counts, first)
        return self._topic if isinstance(self._topic, Entity) else None

    def time(self) -> Attribution | None:
        return (at.find_time(self.item) if self.item else None) or (
            at.find_time(clean_text(self.heading).text) if self.heading else None
        )


@lru_cache(maxsize=4096)
def _entities_cached(text: str) -> list[Entity]:
    return at.find_entities(clean_text(text).text) if text else []


_CLAUSE_CHARS = "，、：:（）()—,"


def _digit_comma(text: str, i: int) -> bool:
    """The comma of 2,048: not a clause break."""
    return i > 0 and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit()


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest commas, colons, brackets."""
    a = 0
    for c in _CLAUSE_CHARS:
        i = text.rfind(c, a, start)
        while i >= 0 and c == "," and _digit_comma(text, i):
            i = text.rfind(c, a, i)
        if i >= a:
            a = i + 1
    b = len(text)
    for c in _CLAUSE_CHARS:
        i = text.find(c, end, b)
        while i >= 0 and c == "," and _digit_comma(text, i):
            i = text.find(c, i + 1, b)
        if i >= 0:
            b = i
    return a, b


_MONEY_MEASURES = frozenset(
    {"revenue", "profit", "valuation", "market-cap", "funding", "investment", "cost", "training-cost", "price"}
)
_CURRENCIES = frozenset({"USD", "EUR", "HKD", "JPY", "GBP", "TWD", "KRW", "CNY", "?money"})
_ACTIVE = re.compile(r"激活|啟用|启用|活跃|活躍|active|activated", re.IGNORECASE)
_MAX_BEFORE = 12  # a measure word further before the number than this is about something else
_MAX_AFTER = 6


def unit_fits(measure: str, unit: str, role: str) -> bool:
    """Whether a unit can express a measure ("營收 22%" is a growth, not a revenue)."""
    if role == "change":
        return unit in ("%", "pp", "x") or unit in _CURRENCIES
    if measure in _MONEY_MEASURES:
        return unit.split("/")[0] in _CURRENCIES and (measure == "price" or not unit.endswith("/per"))
    if measure == "active-parameters":
        return unit in ("params", "")
    return {
        "parameters": unit in ("params", ""),
        "gpu-count": unit == "gpus",
        "users": unit in ("users", "people", ""),
        "context": unit in ("tokens", ""),
        "accuracy": unit == "%",
        "score": unit in ("points", "%", ""),
        "share": unit == "%",
        "margin": unit == "%",
        "weekly-active-users": unit in ("users", "people", ""),
        "monthly-active-users": unit in ("users", "people", ""),
        "daily-active-users": unit in ("users", "people", ""),
        "downloads": unit == "" or unit.startswith("cls:"),
        "employees": unit in ("people", "") or unit.startswith("cls:"),
    }.get(measure, False)


def _pick_measure(
    sent: str,
    raw: _Raw,
    clause: tuple[int, int],
    measures: list[at.MeasureHit],
    label: at.MeasureHit | None,
    role: str,
) -> Attribution | None:
    """The measure word just before the number in its clause, else just after, else the label."""
    lo = max(clause[0], raw.start - _MAX_BEFORE)
    before = [h for h in measures if lo <= h.start and h.end <= raw.start]
    after = [h for h in measures if raw.end <= h.start <= min(clause[1], raw.end + _MAX_AFTER)]
    hit: at.MeasureHit | None = None
    source = "clause"
    if before:
        hit = before[-1]
    elif after:
        hit = after[0]
    elif label is not None:
        hit, source = label, "label"
    unit_measure = _measure_from_unit(raw)
    if hit is None:
        return _active(unit_measure, sent, clause, raw)
    key = hit.measure.key
    if key == "cost" and at.training_context(sent):
        key = "training-cost"
    if key == "parameters" and _ACTIVE.search(sent[clause[0] : raw.start]):
        key = "active-parameters"  # a mixture of experts: 激活 459 億 of 4560 億
    if key in _MONEY_MEASURES and raw.unit == "" and raw.value >= 1e4 and role == "value":
        raw.unit = "?money"  # 「年收入飙升至百亿」: an amount in the article's currency
    if not unit_fits(key, raw.unit, role):
        # "投入 2048 塊 H800": the unit tells what is counted
        return _active(unit_measure, sent, clause, raw)
    return Attribution(key, hit.words, source, 0.9 if source == "clause" else 0.8)


def _active(measure: Attribution | None, sent: str, clause: tuple[int, int], raw: _Raw) -> Attribution | None:
    """「每個 token 都會激活其中 459 億個參數」: the active parameters of a mixture of experts."""
    if measure is not None and measure.key == "parameters" and _ACTIVE.search(sent[clause[0] : raw.start]):
        return Attribution("active-parameters", measure.words, measure.source, measure.confidence)
    return measure


def _measure_from_unit(raw: _Raw) -> Attribution | None:
    if raw.unit == "gpus":
        return Attribution("gpu-count", raw.text, "unit", 0.8)
    if raw.unit == "params":
        return Attribution("parameters", raw.text, "unit", 0.8)
    if raw.unit == "users":
        return Attribution("users", raw.text, "unit", 0.8)
    if raw.unit.endswith("/per") and raw.unit.split("/")[0] in _CURRENCIES:
        return Attribution("price", raw.text, "unit", 0.8)  # 「每月 200 美元」
    return None


def _refine_unit(raw: _Raw, sent: str) -> None:
    """Counted nouns: 「2048 塊英偉達 H800 晶片」 counts GPUs; 「8 億用戶」 counts users."""
    after = re.split(r"[，,。；;、（(]", sent[raw.end : raw.end + 14], maxsplit=1)[0]
    if raw.unit.startswith("cls:"):
        # the counted noun follows the classifier, perhaps after a maker: 「塊英偉達 H800 晶片」
        noun = _MAKER.sub("", after).strip()
        if _GPU_HOURS.match(noun):
            raw.unit = "gpu-hours"  # 「2 亿个 GPU 小时」 is compute, not a GPU count
        elif _GPU_NOUN.match(noun) or raw.cls == "卡":
            raw.unit = "gpus"
        elif raw.cls in _CLS_PEOPLE:
            raw.unit = "users" if _USER_NOUN.match(after.strip()) else "people"
        elif _USER_NOUN.match(after.strip()):
            raw.unit = "users"
    elif (
        raw.unit == ""
        and raw.value >= 1e8
        and re.match(r"\s*(?:参数|參數|的?模型|parameters?|params|model)", after, re.IGNORECASE)
    ):
        raw.unit = "params"
    elif raw.unit == "" and _USER_NOUN.match(after.strip()):
        raw.unit = "users"
    elif raw.unit in ("en:model",) and raw.value >= 1e8:
        raw.unit = "params"
    elif raw.unit == "" and raw.scale in (1e9, 1e12) and re.match(r"\d", raw.text) and raw.text.rstrip()[-1] in "BT":
        raw.unit = "params"  # a bare "70B" in AI news counts parameters ("$13B" has its currency)
    if raw.unit in ("en:gpu", "en:chip"):
        raw.unit = "gpus"
    elif raw.unit in ("en:user", "en:subscriber"):
        raw.unit = "users"
    # a rate ("每百萬 token 0.14 美元", "$20/月", "per user") is never the total
    if raw.unit and (_PER.match(sent, raw.end) or _PER_BEFORE.search(sent, max(0, raw.start - 10), raw.start)):
        raw.unit += "/per"


# Words for "a model" between a figure or a bracket and the model's name: 「Base LPM 基礎模型（170億參數）」.
_MODEL_NOUN = re.compile(
    r"\s*(?:(?:[\u4e00-\u9fff]{0,4}(?:模型|系统|系統))|(?:base |foundation |open |reasoning )?models?)?\s*",
    re.IGNORECASE,
)


def _pick_subject(sent: str, raw: _Raw, entities: list[Entity], ctx: _Context) -> Attribution | None:
    """Nearest name before the number (clause, then sentence), else the item, heading, title, topic."""
    names = [e for e in entities if at.is_subject(e)]
    clause = _clause_bounds(sent, raw.start, raw.end)
    if sent.startswith("的", raw.end):
        # 「估值 4000 亿美元的 SpaceX」, 「3B 参数的…模型 SmolLM3」: the name the figure describes
        owned = [e for e in names if raw.end < e.start <= raw.end + 13 and e.end <= clause[1]]
        if owned:
            key, words = _with_variant(owned[0], entities, raw)
            return Attribution(key, words, "clause", 0.9)
    # 「發布700億參數推論系統K2 Think V2」: no 的, but a noun for a model, then the model's name
    # (not 「10万颗 GB200 NVL72 集群」: without the noun the name may be a part, not the whole)
    owned = [e for e in names if e.kind == "product" and raw.end < e.start <= raw.end + 8 and e.end <= clause[1]]
    if owned and _MODEL_NOUN.fullmatch(sent, raw.end, owned[0].start) and sent[raw.end : owned[0].start].strip():
        key, words = _with_variant(owned[0], entities, raw)
        return Attribution(key, words, "clause", 0.9)
    before = [e for e in names if e.end <= raw.start and not _in_closed_parens(sent, e, raw.start)]
    in_clause = [e for e in before if e.start >= clause[0]]
    if (
        not in_clause
        and before
        and clause[0] > 0
        and sent[clause[0] - 1] in "（("
        and (_MODEL_NOUN.fullmatch(sent, before[-1].end, clause[0] - 1))
    ):
        # 「DeepSeek V4-Pro（約 1.6兆 參數）」: the figure in brackets describes the name before them
        key, words = _with_variant(before[-1], entities, raw)
        return Attribution(key, words, "clause", 0.9)
    label = _LABEL.match(sent)
    if not in_clause and label and before and before[-1].end <= label.end():
        # 「V4 Flash：总参数 2840 亿」: the label names what the sentence is about
        key, words = _with_variant(before[-1], entities, raw)
        return Attribution(key, words, "label", 0.9)
    if in_clause or before:
        chosen, source = (in_clause[-1], "clause") if in_clause else (before[-1], "sentence")
        key, words = _with_variant(chosen, entities, raw)
        return Attribution(key, words, source, 0.9 if source == "clause" else 0.8)
    for ents, src, conf in (
        (ctx.item_entities, "item", 0.7),
        (ctx.heading_entities, "heading", 0.6),
        (ctx.title_entities, "title", 0.6),
    ):
        subj = [e for e in ents if at.is_subject(e)]
        if subj:
            return Attribution(subj[0].key, subj[0].text, src, conf)
    if ctx.topic is not None:
        return Attribution(ctx.topic.key, ctx.topic.text, "topic", 0.4)
    return None


def _in_closed_parens(sent: str, e: Entity, upto: int) -> bool:
    """「Gemini 3.1 Pro（Google，2月19日）：得分 77.1%」: Google is an aside, not the subject."""
    opened = max(sent.rfind("（", 0, e.start), sent.rfind("(", 0, e.start))
    if opened < 0:
        return False
    closed_before = max(sent.rfind("）", opened, e.start), sent.rfind(")", opened, e.start))
    if closed_before >= 0:
        return False
    close = min((i for i in (sent.find("）", e.end, upto), sent.find(")", e.end, upto)) if i >= 0), default=-1)
    return close >= 0


def _with_variant(chosen: Entity, entities: list[Entity], raw: _Raw) -> tuple[str, str]:
    """「DeepSeek … 訓練出 … V3 模型」: a bare variant in the sentence refines a family name."""
    if any(c.isdigit() for c in chosen.text):
        return chosen.key, chosen.text
    variants = [e for e in entities if e.kind == "variant"]
    if not variants:
        return chosen.key, chosen.text
    after = [e for e in variants if e.start >= raw.end]
    pick = after[0] if after else variants[-1]
    return chosen.key + "-" + pick.key, f"{chosen.text} ({pick.text})"


# --- documents ----------------------------------------------------------------------------------

_PROSE_CODE = re.compile(r"[{}();=<>$\\]|^\s*(?:def|class|import|from|return|const|let|var|function)\b", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


_DESCRIPTION = re.compile(r"^(?:description|excerpt|summary)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


def _segment_text(seg: Segment) -> str | None:
    """The text to read in a segment; fenced summaries of headlines count as prose."""
    if seg.kind in (SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE):
        return seg.text
    if seg.kind == SegmentKind.CODE:
        body = seg.text
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.strip().startswith(("```", "~~~"))]
        prose = sum(bool(_CJK.search(ln)) for ln in lines)
        if lines and not _PROSE_CODE.search("\n".join(lines)) and prose >= 0.8 * len(lines):
            # keep offsets: blank the fence lines
            return re.sub(r"^[ \t]*(?:`{3,}|~{3,})[^\n]*", lambda m: " " * len(m.group(0)), body, flags=re.MULTILINE)
    if seg.kind == SegmentKind.FRONT_MATTER:
        # only the description: a summary an editor wrote, worth holding against the body
        chars = [c if c == "\n" else " " for c in seg.text]
        for m in _DESCRIPTION.finditer(seg.text):
            chars[m.start(1) : m.end(1)] = m.group(1)
        kept = "".join(chars)
        return kept if kept.strip() else None
    return None


def _zone(seg: Segment) -> str:
    """Where a statement stands: a summary (fenced headline list, heading, description) or the body."""
    if seg.kind in (SegmentKind.CODE, SegmentKind.HEADING, SegmentKind.FRONT_MATTER):
        return "summary"
    return "body"


def _topic(entity_counts: Counter[str], first: dict[str, Entity]) -> Entity | None:
    """The name the headings keep coming back to, if one clearly dominates."""
    if not entity_counts:
        return None
    (key, n), *rest = entity_counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n >= 3 and n >= 2 * second:
        return first[key]
    return None


_ITEM_TITLE = re.compile(r"^\s*(?:\*\*|__)(?P<t>[^*\n]{2,80})(?:\*\*|__)")
_LABEL = re.compile(r"^\s*(?P<t>[^：:\n]{1,14})[：:]")
# A digit that can start a figure (not inside a URL or a name like GPT-4), or a Chinese numeral
# with its scale: a cheap test that lets most segments skip cleaning altogether.
_NUM_IN_PROSE = re.compile(r"(?:^|[^A-Za-z0-9/=._\-%#])\d|[零〇一二两兩三四五六七八九十百千][十百千万萬亿億兆]")
_HAS_NUM = re.compile(r"[0-9十百千万萬亿億兆]")
_CHANGE_AFTER = re.compile(
    r"[^，,。；;]{0,6}?(?:增长|增長|增幅|涨幅|漲幅|降幅|跌幅|下降|下滑|提升|growth|increase|rise|jump|gain|decline|drop)",
    re.IGNORECASE,
)
_TEST_LABEL = re.compile(r"^\s*(?P<t>[^：:\n]{2,40}?)\s*[：:]")
_NAMED_TEST = re.compile(r"[A-Za-z]{2}|評測|评测|測試|测试|基準|基准", re.IGNORECASE)  # not just 「成績：」
_CUMULATIVE = re.compile(r"总计|總計|累计|累計|总共|總共|总融资|總融資|总额|總額|in total|total", re.IGNORECASE)
_MODIFIER = re.compile(r"(?:[在的其之中于於上]*)([\u4e00-\u9fff]{2,6})$")
_ROUND = re.compile(r"(种子|種子|天使|Pre-?A\+?|[A-K]\+?)\s?(?:轮|輪)|Series\s([A-K])|(seed) round", re.IGNORECASE)


def extract_quantities(doc: Document) -> list[Quantity]:
    """All quantities of a document, attributed. Use through doc.cached("quantities", ...)."""
    prepared: list[tuple[int, Segment, str]] = []
    headings: list[str] = []
    for i, seg in enumerate(doc.segments):
        raw_text = _segment_text(seg)
        if raw_text is None:
            continue
        prepared.append((i, seg, raw_text))
        if seg.kind == SegmentKind.HEADING:
            headings.append(raw_text)
    ctx = _Context(doc, headings)
    out: list[Quantity] = []
    for i, seg, raw_text in prepared:
        if seg.kind == SegmentKind.HEADING:
            ctx.heading, ctx.item = raw_text, ""  # cleaned only if a figure needs its names
        if not _HAS_NUM.search(raw_text) or not _NUM_IN_PROSE.search(raw_text):
            continue  # digits only inside links, names and ids: nothing to read
        clean = clean_text(raw_text)
        if seg.kind == SegmentKind.PARAGRAPH:
            item = _ITEM_TITLE.match(raw_text)
            ctx.item = item.group("t") if item else ""
        out.extend(_segment_quantities(doc, i, seg, clean, ctx))
    return out


_SENTENCE_REACH = 300  # characters before a figure searched for sentence-wide cues


def _role(sent: str, raw: _Raw, clause: tuple[int, int]) -> str:
    """Is the number the value itself, a change, the start of "from X to Y", or a comparison?"""
    prefix = sent[clause[0] : raw.start]
    # one search over the clause and one over the whole sentence before the figure
    near_cue = _CLAUSE_CUES.search(prefix)
    # bounded: a "sentence" with no stop (thousands of links on one line) must stay linear
    far_cue = _SENTENCE_CUES.search(sent, max(0, raw.start - _SENTENCE_REACH), raw.start)
    if (near_cue and near_cue.lastgroup == "compare") or (far_cue and far_cue.lastgroup == "compare"):
        return "compare"
    if near_cue or far_cue:
        return "past"  # 「曾估值 28 億」: a value of before, comparable only with values of before
    if _FROM_AHEAD.search(prefix):
        return "from"  # 「從 45%」, 「估值从去年的约 4000 亿」
    near = sent[max(clause[0], raw.start - 12) : raw.start]
    if not _TO_WORD.match(near) and _CHANGE_VERB.match(_CHANGE_FILLER.strip(near)):
        return "change"
    if raw.unit in ("%", "pp", "x") and _CHANGE_AFTER.match(sent, raw.end):
        return "change"
    return "value"


def _qualifier(sent: str, raw: _Raw, entities: list[Entity], measure: Attribution | None) -> str | None:
    """What the figure was measured on: a benchmark for a score, a chip for a GPU count, a round."""
    if measure is None:
        return None
    if measure.key in ("accuracy", "score"):
        near = [e for e in entities if e.kind == "benchmark" and e.end <= raw.start + 1]
        if near:
            return near[-1].key
        # no benchmark named: the words glued to the measure say what was measured
        # (「醫療診斷準確率」, 「總體得分」)
        k = sent.rfind(measure.words, 0, raw.start)
        mod = _MODIFIER.search(sent, max(0, k - 8), k) if k > 0 else None
        if mod:
            return "on:" + at.simplify(mod.group(1))
        # 「Frontier Science Research (科研能力綜合評測)： GPT-5.4得分33.0%」: the label names the test
        label = _TEST_LABEL.match(sent)
        if label and label.end() <= raw.start and _NAMED_TEST.search(label.group("t")):
            return "on:" + at.normalise_name(label.group("t"))
        return None
    if measure.key == "gpu-count":
        chips = [e for e in entities if e.kind == "chip" and raw.end <= e.start <= raw.end + 12]
        return chips[0].key if chips else None
    if measure.key in ("funding", "valuation"):
        if _CUMULATIVE.search(sent, 0, raw.start):
            return "cumulative"  # 「總計融資 179 億」 is every round so far, not one
        rounds = list(_ROUND.finditer(sent[: raw.start]))
        if rounds:
            r = rounds[-1]
            return "round:" + at.simplify((r.group(1) or r.group(2) or r.group(3)).lower())
    return None


def _segment_quantities(
    doc: Document, seg_index: int, seg: Segment, cleaned: CleanText, ctx: _Context
) -> list[Quantity]:
    out: list[Quantity] = []
    zone = _zone(seg)
    clean = cleaned.text
    for s_start, s_end in number_sentences(clean):
        sent = clean[s_start:s_end]
        raws = numbers_in(sent)
        if not raws:
            continue
        entities: list[Entity] | None = None
        measures = at.find_measures(sent)
        label_m = _LABEL.match(sent)
        label = None
        if label_m:
            # 「訓練成本：約 550 萬美元」: a label that is itself a measure word
            lab = [h for h in measures if label_m.end() - 3 <= h.end <= label_m.end()]
            label = lab[-1] if lab else None
        found: list[Quantity] = []
        for raw in raws:
            _refine_unit(raw, sent)
            clause = _clause_bounds(sent, raw.start, raw.end)
            role = _role(sent, raw, clause)
            low, high = interval_of(raw)
            measure = _pick_measure(sent, raw, clause, measures, label, role)
            subject = time = qualifier = None
            if measure is not None:
                # only a figure with a measure can be compared: find its subject and time
                if entities is None:
                    entities = at.find_entities(sent)
                subject = _pick_subject(sent, raw, entities, ctx)
                # before the figure, else after it in its clause ("… for fiscal year 2024")
                time = at.find_time(sent[: raw.start]) or at.find_time(sent[raw.end : clause[1]]) or ctx.time()
                qualifier = _qualifier(sent, raw, entities, measure)
            a = seg.to_source(cleaned.to_view(s_start + raw.start), cleaned.to_view(s_start + raw.end - 1) + 1)
            found.append(
                Quantity(
                    span=a,
                    text=raw.text,
                    value=raw.value,
                    low=low,
                    high=high,
                    unit=raw.unit,
                    hedge=raw.hedge,
                    role=role,
                    sentence=sent.strip(),
                    line=doc.source.line_of(a.start),
                    segment=seg_index,
                    zone=zone,
                    sentence_key=(seg_index, s_start),
                    measure=measure,
                    subject=subject,
                    qualifier=qualifier,
                    time=time,
                    forecast=measure is not None and at.is_forecast(sent[: raw.start]),
                )
            )
        out.extend(_link_from_to(_mark_lists(found, sent, raws), sent, raws))
    return out


_LIST_SEP = re.compile(r"\s*(?:和|与|與|及|以及|、|,|，|/|或|or|and)\s*$", re.IGNORECASE)


def _mark_lists(found: list[Quantity], sent: str, raws: list[_Raw]) -> list[Quantity]:
    """「在8k和16k上下文設置下」, "(14B, 8B, 3B)": figures listed side by side are options, not claims."""
    listed: set[int] = set()
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        same_measure = (a.measure.key if a.measure else None) == (b.measure.key if b.measure else None)
        if a.unit == b.unit and same_measure and _LIST_SEP.match(sent[raws[k].end : raws[k + 1].start]):
            listed.update((k, k + 1))
    return [replace(q, role="list") if k in listed and q.role == "value" else q for k, q in enumerate(found)]


def _link_from_to(found: list[Quantity], sent: str, raws: list[_Raw]) -> list[Quantity]:
    """「從 45% 飆至 67%」: tie the two ends together so that a change can be checked."""
    result = list(found)
    for k, q in enumerate(found):
        if q.role != "from" or k + 1 >= len(found):
            continue
        nxt = found[k + 1]
        between = sent[raws[k].end : raws[k + 1].start]
        if len(between) <= 12 and q.unit in (nxt.unit, "", "?money") and re.search(r"至|到|为|為|to|→|->", between):
            # 「估值从4000亿飙至8000亿美元」: the start takes the end's unit
            start = replace(q, unit=nxt.unit, measure=q.measure or nxt.measure, subject=q.subject or nxt.subject)
            result[k] = replace(start, pair=nxt)
            result[k + 1] = replace(nxt, pair=start)
    return result
