"""What a number is about: its subject, its measure, its time and its modality.

The quantity extractor (checker/quantities.py) finds the numbers; this module reads
the words around them. Everything here is pattern and lexicon work on mixed
Chinese (both scripts) and English text, written by hand because no library tags
"the training cost of DeepSeek-V3" in a Traditional-Chinese digest. Each result
keeps the words it was taken from, so that a finding can show why it grouped two
statements together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from checker.extract.quantities import lexwords as lw
from checker.extract.quantities.prefixes import PrefixScan
from checker.lexicon import alternation, words
from checker.text.lazy_regex import lazy_compile

# --- results ------------------------------------------------------------------------------------


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Attribution:
    """One attributed property: normalised `key`, the `words` it came from, and where."""

    key: str
    words: str
    source: str  # "clause", "sentence", "label", "item", "heading", "title", "topic", "unit"
    confidence: float

    # native: the dataclass's own __init__ is interpreted in a compiled module (recognise.Quantity)
    def __init__(self, key: str, words: str, source: str, confidence: float) -> None:
        self.key, self.words, self.source, self.confidence = key, words, source, confidence

    def __reduce__(self) -> tuple[type[Attribution], tuple[str, str, str, float]]:
        return Attribution, (self.key, self.words, self.source, self.confidence)


@dataclass(slots=True, unsafe_hash=True)
class Entity:
    """A named thing in a sentence (clean-text offsets)."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # "org", "product", "benchmark", "chip", "media", "variant"

    def __init__(self, start: int, end: int, text: str, key: str, kind: str) -> None:  # native
        self.start, self.end, self.text, self.key, self.kind = start, end, text, key, kind

    def __reduce__(self) -> tuple[type[Entity], tuple[int, int, str, str, str]]:
        return Entity, (self.start, self.end, self.text, self.key, self.kind)


# --- normalisation ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # imported lazily: only documents with numbers need it

    return opencc.OpenCC("t2s.json")


_FROM_3000 = lazy_compile("[\u3000-\U0010ffff]")  # nothing below U+3000 differs between the scripts


@lru_cache(maxsize=65536)
def simplify(text: str) -> str:
    """Traditional to Simplified (OpenCC), so that 英偉達 and 英伟达 meet."""
    if _FROM_3000.search(text) is None:  # (in C: a generator over the characters cost 30 µs a text)
        return text
    out: str = _t2s().convert(text)
    return out


# Aliases that spelling cannot unify (translations, nicknames, Taiwan/mainland names).
# Keys are Simplified, lower case, without spaces or hyphens.
_ALIASES: dict[str, str] = {
    "英伟达": "nvidia",
    "辉达": "nvidia",
    "深度求索": "deepseek",
    "谷歌": "google",
    "微软": "microsoft",
    "苹果": "apple",
    "苹果公司": "apple",
    "亚马逊": "amazon",
    "特斯拉": "tesla",
    "台积电": "tsmc",
    "阿里巴巴": "alibaba",
    "阿里": "alibaba",
    "阿里云": "alibabacloud",
    "腾讯": "tencent",
    "百度": "baidu",
    "字节跳动": "bytedance",
    "字节": "bytedance",
    "华为": "huawei",
    "小米": "xiaomi",
    "月之暗面": "moonshot",
    "智谱": "zhipu",
    "智谱ai": "zhipu",
    "通义千问": "qwen",
    "千问": "qwen",
    "豆包": "doubao",
    "文心一言": "ernie",
    "三星": "samsung",
    "英特尔": "intel",
    "超威": "amd",
    "高通": "qualcomm",
    "脸书": "meta",
    "软银": "softbank",
    "甲骨文": "oracle",
    "博通": "broadcom",
    "美光": "micron",
    "海力士": "skhynix",
    "sk海力士": "skhynix",
    "摩尔线程": "moorethreads",
    "寒武纪": "cambricon",
    "商汤": "sensetime",
    "美团": "meituan",
    "京东": "jd",
    "快手": "kuaishou",
    "抖音": "douyin",
    "宇树": "unitree",
    "宇树科技": "unitree",
    "智元": "agibot",
    "稀宇": "minimax",
    "星际之门": "stargate",
    "chatgpt": "chatgpt",
    "openai": "openai",
    "x.ai": "xai",
}

# Chinese names, generic capitalised words and media names: quantities.toml [cjk-name],
# [not-a-name], [media] (compared in lower case)


def _generic() -> frozenset[str]:
    return lw.word_set("not-a-name", lower=True)


def _media() -> frozenset[str]:
    return lw.word_set("media", lower=True)


# Benchmarks qualify a score ("MATH-500 準確率"); they are not its subject.
@cache
def _benchmarks() -> tuple[str, ...]:
    """quantities.toml [benchmark], lower case: a name that starts with one is a benchmark."""
    return tuple(sorted(lw.word_set("benchmark", lower=True)))


_CHIP = lazy_compile(r"^(?:[HABL]\d{2,3}[A-Z]?|GB\d{3}|MI\d{3}X?|RTX\s?\d{4}|TPU\s?v\d|M\d(?:\s?(?:Pro|Max|Ultra))?)$")
_VARIANT = lazy_compile(r"^[VvRr]\d(?:\.\d)?$")  # 「DeepSeek … V3」; o3 or K2 are names of their own
_BENCH_WORD = lazy_compile(r"(?:Bench|bench|Eval|Arena|Exam|Gym)(?:\s?\d+(?:\.\d+)?)?$")
# 「在 CyberGym 评测中」: quantities.toml [bench-after] (no right edge: benchmarks) and [bench-after-word]
_BENCH_AFTER = lw.Lazy(
    lambda: rf"\s?的?\s?(?:{lw.plain('bench-after')}|{lw.plain('bench-after-word', end=True)})", re.IGNORECASE
)

_YEAR_WORD = lazy_compile(r"(?:19|20)\d\d")
_LATIN_TOKEN = lazy_compile(
    r"(?<![A-Za-z0-9_@#/.\\-])(?:[A-Za-z][A-Za-z0-9]*(?:[-.'_][A-Za-z0-9]+)*|\d+(?:\.\d+)?[A-Za-z]?)(?![A-Za-z0-9_])"
)
# Words that continue a name ("Claude Opus 4.6") and well-known names that may open an English
# sentence ("Anthropic raised …"): quantities.toml [name-modifier], [known-org]


@cache
def _cjk_name_re() -> re.Pattern[str]:
    from checker.text.regex_cache import programs  # kept between runs like the lazy patterns

    return programs().compile(trie_pattern(sorted(lw.word_set("cjk-name"), key=len, reverse=True)))


@lru_cache(maxsize=65536)  # a name recurs in sentence after sentence: OpenCC and two subs once per name
def normalise_name(text: str) -> str:
    """Key of a name: Simplified, lower case, one "-" between parts ("DeepSeek V3" = "deepseek-v3")."""
    key = re.sub(r"['’]s$", "", simplify(text).lower())  # "SpaceX's" is SpaceX
    key = re.sub(r"[\s\-_·'’]+", "-", key).strip("-")
    return _ALIASES.get(key.replace("-", ""), key)


def family_of(key: str) -> str:
    """The first part of a name key: "qwen3" for "qwen3-1.7b", "deepseek" for "deepseek-v3"."""
    return key.split("-", 1)[0]


@lru_cache(maxsize=65536)
def _kind_of(text: str) -> str | None:
    """Classify a Latin token, or None when it is not a name at all."""
    low = text.lower()
    compact = low.replace(" ", "")
    generic, media = _generic(), _media()
    if low in generic or compact in generic:
        return None
    if low in media or compact in media:
        return "media"
    if low.startswith(_benchmarks()):
        return "benchmark"
    if _CHIP.match(text):
        return "chip"
    if _VARIANT.match(text):
        return "variant"
    has_upper = any(c.isupper() for c in text[1:]) or text[0].isupper()
    has_digit = any(c.isdigit() for c in text)
    if not (has_upper or has_digit):
        return None  # plain lower-case English words
    if text.isdigit():
        return None
    return "product" if has_digit or "-" in text else "org"


def find_entities(text: str) -> list[Entity]:
    """Names of organisations, products, benchmarks, chips and media in `text`, in order."""
    out: list[Entity] = []
    generic, modifiers = _generic(), lw.word_set("name-modifier", lower=True)
    tokens = list(_LATIN_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        head = tokens[i]
        kind = None if head.group(0)[0].isdigit() else _kind_of(head.group(0))
        if kind is None or (kind == "org" and _english_common(text, head)):
            i += 1
            continue
        # extend over "Opus 4.6", "3 Pro", "Code": one space, a number, a modifier or a capitalised word
        j = i
        while j + 1 < len(tokens) and j - i < 3:
            nxt = tokens[j + 1]
            word = nxt.group(0)
            if text[tokens[j].end() : nxt.start()] != " ":
                break
            low = word.lower()
            if _YEAR_WORD.fullmatch(word):
                break
            if not (word[0].isdigit() or low in modifiers or (word[0].isupper() and low not in generic)):
                break
            j += 1
        words = text[head.start() : tokens[j].end()]
        if j > i:
            kind = _kind_of(words) or kind
        if kind in ("org", "product") and (_BENCH_WORD.search(words) or _BENCH_AFTER.match(text, tokens[j].end())):
            kind = "benchmark"  # 「在 CyberGym 评测中」, "Terminal Bench 2.0"
        elif len(words) < 2:
            i += 1
            continue  # "C" of 「C轮」
        out.append(Entity(head.start(), tokens[j].end(), words, normalise_name(words), kind))
        i = j + 1
    for m in _cjk_name_re().finditer(text):
        name = m.group(0)
        kind = "media" if name.lower() in _media() else "org"
        out.append(Entity(m.start(), m.end(), name, normalise_name(name), kind))
    out.sort(key=lambda e: e.start)
    return out


def _english_common(text: str, token: re.Match[str]) -> bool:
    """A capitalised English word opening a sentence ("Revenue jumped …") is not a name."""
    word = token.group(0)
    if not (word[:1].isupper() and word[1:].islower()) or word.lower() in lw.word_set("known-org"):
        return False
    before = text[: token.start()].rstrip()
    opens = not before or before[-1] in ".!?:;\"'“(（—-*#>"
    after = text[token.end() : token.end() + 2]
    return opens and len(after) == 2 and after[0] == " " and after[1].isascii() and after[1].islower()


# Names of companies and of model families (quantities.toml [family], [known-org]): a parameter
# count or a score needs a model.


def names_one_model(key: str) -> bool:
    """ "deepseek-v3", "claude-mythos-preview": one model; "google", "claude", "英伟达": not."""
    if any(c.isdigit() for c in key):
        return True
    parts = key.split("-")
    return len(parts) >= 2 and key not in lw.word_set("family") and key not in lw.word_set("known-org")


def is_subject(entity: Entity) -> bool:
    return entity.kind in ("org", "product")


# --- measures -----------------------------------------------------------------------------------


@dataclass(slots=True, unsafe_hash=True)
class MeasureWord:
    """A measure's key and whether it is a fixed property of a versioned thing."""

    key: str
    static: bool  # a fixed property of a versioned thing (parameters), not a figure that moves


def trie_pattern(words: list[str]) -> str:
    """One regex for many literal words, as a trie: each position costs one branch test,
    not one per word (Python's re tries alternatives one by one). Longest match wins.

    Kept between runs in the lexicon store (building the tries of the measure, name and unit
    lists in Python cost ~5 ms of every run), keyed by the words and this module's code."""
    from checker.lexicon import built

    k = _trie_key(words)
    got = built.stored_text(k) if k else None
    if got is not None:
        return got
    out = _trie(words)
    if k:
        built.keep(k, out)
    return out


def _trie_key(words: list[str]) -> str | None:
    import hashlib

    from checker.lexicon import built

    code = _code_digest()
    if code is None:
        return None
    # sorted: the trie is the same in any order, and a list read from a set comes in another order
    # in each process (a new key per run: stored again at every exit, ~30 ms, the file growing)
    digest = hashlib.sha256("\n".join(sorted(words)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return built.key("trie", code, len(words), digest)


@cache
def _code_digest() -> str | None:
    from checker.cachefiles import code_digest

    return code_digest(__name__)


def _trie(words: list[str]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


# the measures of quantities.toml's [measure-*] lists, in order: a word in two lists belongs to the later
_MEASURES = (
    "training-cost", "margin", "growth", "profit", "revenue", "valuation", "market-cap", "funding", "investment",
    "parameters", "active-parameters", "context", "accuracy", "score", "users", "weekly-active-users",
    "monthly-active-users", "daily-active-users", "share", "downloads", "employees", "price", "cost",
)  # fmt: skip
# measures whose words name a fixed property of one model
_STATIC_MEASURES = frozenset({"training-cost", "parameters", "active-parameters", "context", "accuracy", "score"})


@cache
def _word_measure() -> dict[str, MeasureWord]:
    return {
        w: MeasureWord(key, key in _STATIC_MEASURES)
        for key in _MEASURES
        for w in sorted(words("quantities", f"measure-{key}"))
    }


# Two tries, matched against lower-cased text: re's fast first-character scan is lost
# with IGNORECASE or with one charset mixing scripts (measured: 8x slower)
_MEASURE_CJK = lw.Lazy(lambda: trie_pattern([w for w in _word_measure() if not w[0].isascii()]))
_MEASURE_EN = lw.Lazy(lambda: trie_pattern([w for w in _word_measure() if w[0].isascii()]))
_ASCII_LETTER = lazy_compile(r"[A-Za-z]")
_TRAINING = lw.Lazy(lambda: alternation("quantities", "training"), re.IGNORECASE)


@dataclass(slots=True, unsafe_hash=True)
class MeasureHit:
    """A measure word found in a sentence."""

    start: int
    end: int
    words: str
    measure: MeasureWord

    def __init__(self, start: int, end: int, words: str, measure: MeasureWord) -> None:  # native
        self.start, self.end, self.words, self.measure = start, end, words, measure

    def __reduce__(self) -> tuple[type[MeasureHit], tuple[int, int, str, MeasureWord]]:
        return MeasureHit, (self.start, self.end, self.words, self.measure)


def find_measures(text: str) -> list[MeasureHit]:
    """Measure words in `text`, in order of position."""
    word_measure = _word_measure()
    out = [MeasureHit(m.start(), m.end(), m.group(0), word_measure[m.group(0)]) for m in _MEASURE_CJK.finditer(text)]
    if _ASCII_LETTER.search(text):
        low = text.lower()
        if len(low) == len(text):  # lower() keeps offsets for all but a few letters (İ)
            for m in _MEASURE_EN.finditer(low):
                a, b = m.start(), m.end()
                # English words need word boundaries; Chinese words have none
                if (a > 0 and low[a - 1].isascii() and low[a - 1].isalpha()) or (
                    b < len(low) and low[b].isascii() and low[b].isalpha()
                ):
                    continue
                out.append(MeasureHit(a, b, text[a:b], word_measure[m.group(0)]))
            out.sort(key=lambda h: h.start)
    return out


@lru_cache(maxsize=16)  # asked once per figure of one sentence, with the same sentence
def training_context(text: str) -> bool:
    return _TRAINING.search(text) is not None


# --- time qualifiers and modality ---------------------------------------------------------------

# the words are quantities.toml's [time-*] lists; quarters, halves and years are structure
_TIME = lw.Lazy(
    lambda: (
        r"(?P<fy>FY\s?'?(?:20)?\d{2})"
        r"|(?P<yq>(?:20\d{2}\s?年?\s?)?(?:Q[1-4]|第[一二三四1-4]季度?|[一二三四1-4]季度|上半年|下半年|前三季度?|H[12]))"
        rf"|(?P<year>20\d{{2}})\s?(?:{lw.plain('time-year-after')}|年(?!\s?\d{{1,2}}\s?月))"
        rf"|{lw.plain('time-year-before')} (?P<year2>20\d{{2}})\b"
        rf"|{lw.plain('time-as-of')}\s?(?P<asof>20\d{{2}})\s?(?:年|-|/)?\s?(?P<asofm>\d{{1,2}})?"
        rf"|(?P<rel>{lw.plain('time-relative')})"
        rf"|(?P<ann>{lw.plain('time-annualised')})"
    ),
    re.IGNORECASE,
)
# plans and forecasts: the one lexicon (mood.toml); a year ahead (「到2030年」) is structure
_FORECAST = lw.Lazy(lambda: rf"{alternation('mood', 'plan', 'forecast')}|到20\d\d年", re.IGNORECASE)
_CQ_DIGIT = {"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}


def find_time(text: str) -> Attribution | None:
    """The time a figure is stated for (year, quarter, annualised), nearest to the end of `text`."""
    found = None
    for found in _TIME.finditer(text):  # noqa: B007 (the last one)
        pass
    return None if found is None else time_of(found)


def time_scan(text: str) -> PrefixScan:
    """For `find_time(text[:p])` at many p of one sentence: `time_of(scan.last(p))`."""
    return PrefixScan(_TIME.compiled, text)


def forecast_scan(text: str) -> PrefixScan:
    """For `is_forecast(text[:p])` at many p of one sentence: `scan.first(p) is not None`."""
    return PrefixScan(_FORECAST.compiled, text)


def time_of(m: re.Match[str] | None) -> Attribution | None:
    """The time a match of the time pattern states."""
    if m is None:
        return None
    g = m.lastgroup
    if g == "fy":
        key = "FY" + re.sub(r"\D", "", m.group(0))[-2:]
    elif g == "yq":
        raw = m.group(0)
        year = re.search(r"20\d{2}", raw)
        q = re.search(r"Q([1-4])|第?([一二三四1-4])季", raw)
        if q:
            part = "Q" + _CQ_DIGIT[q.group(1) or q.group(2)]
        elif "上半年" in raw or "H1" in raw:
            part = "H1"
        elif "下半年" in raw or "H2" in raw:
            part = "H2"
        else:
            part = "9M"
        key = (year.group(0) if year else "") + part
    elif g in ("year", "year2"):
        key = m.group(g)
    elif g in ("asof", "asofm"):
        # 「截至2024年9月」: a point in time, the key for a running total
        key = "asof:" + m.group("asof") + ("-" + m.group("asofm").zfill(2) if m.group("asofm") else "")
    elif g == "rel":
        key = "rel:" + simplify(m.group(0).lower())
    else:
        key = "annualised"
    return Attribution(key, m.group(0), "clause", 0.9)


def is_forecast(text: str) -> bool:
    return _FORECAST.search(text) is not None
