"""The date grammar: regular expressions over prepared prose, one family per shape.

Why a grammar of our own: `dateparser.search.search_dates` over free Chinese text
turns "在提供與現有" into 2040-12-15 and "Triton 2.3" into 2025-02-03 (see
benchmarks/dates_quality.py, which measures it on the real corpus). Every pattern
here needs a date's own markers (年/月/日/號, a month name, an ISO separator with a
four-digit year, a relative word), so versions (GPT-4.5, Triton 2.3), amounts (30%,
2.3倍) and bare numbers are never candidates. English month names are mapped with a
twelve-entry table: dateparser would do the same work a thousand times slower to
import and run.

The output is a list of `Raw` matches with the fields the text states; resolving
them against an anchor date happens in `checker.extract.temporal.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from checker.extract.temporal.model import Precision
from checker.extract.temporal.patterns import (
    _BEFORE_NOT,
    _CN_NUMERALS,
    _CN_UNIT,
    _CN_YMD,
    _COMPACT,
    _DAY_CONT,
    _EN_DAY,
    _EN_DMY,
    _EN_MDY,
    _EN_MY,
    _EN_PARTS,
    _EN_Q_LEAD,
    _EN_Q_TRAIL,
    _EN_YEAR_AFTER,
    _EN_YEAR_PRE,
    _FISCAL_FY,
    _FISCAL_YEAR,
    _HOT,
    _HOT_EN,
    _HOT_EN_WORDS,
    _ISO,
    _ISO_MONTH,
    _MD_SLASH,
    _MONTHS,
    _RE_EN_AGO,
    _RE_EN_DAY,
    _RE_EN_REL,
    _RE_REL_COUNT,
    _RE_REL_DAY,
    _RE_REL_MONTH,
    _RE_REL_WEEK,
    _RE_REL_YEAR,
    _REL_DAY,
    _UNIT_PRECISION,
    _WEEK_WORD,
    _YEAR_GLUED,
    _YEAR_ONLY_TAIL,
    _YEAR_RANGE,
    _YEAR_WORD,
    _YMD,
    EN_WEEKDAYS,
    ZH_WEEKDAY,
    cn_number,
    word_number,
)
from checker.text.lazy_regex import lazy_compile

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_PRECISION_DAY: Final = Precision.DAY
_PRECISION_MONTH: Final = Precision.MONTH
_PRECISION_QUARTER: Final = Precision.QUARTER
_PRECISION_SEASON: Final = Precision.SEASON
_PRECISION_WEEK: Final = Precision.WEEK
_PRECISION_YEAR: Final = Precision.YEAR

# --- the raw match -----------------------------------------------------------------------


@dataclass(slots=True)
class Raw:
    """What one pattern read; offsets are view offsets of the segment."""

    start: int
    end: int
    family: str  # "ymd", "iso", "compact", "md-slash", "en", "quarter", "years", "rel-*", "fiscal"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: Precision = _PRECISION_DAY
    part: str | None = None  # Q1..Q4, H1, H2, EARLY, MID, LATE, SPRING..WINTER, M-EARLY, M-MID, M-LATE
    # relative: unit ("day", "week", "month", "year") and count from the anchor
    rel_unit: str | None = None
    rel_count: int | None = None
    rel_weekday: int | None = None
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def relative(self) -> bool:
        return self.rel_unit is not None


def _season_part(word: str) -> str | None:
    for ch, name in (("春", "SPRING"), ("夏", "SUMMER"), ("秋", "AUTUMN"), ("冬", "WINTER")):
        if word.startswith(ch):
            return name
    return None


def year_part(word: str) -> tuple[str | None, Precision]:
    """The part of a year named after 年 (第三季度, 上半年, 年底, 夏天), with its precision."""
    w = word.replace(" ", "").replace("\t", "")
    if not w or w == "度" or w == "年内":
        return None, _PRECISION_YEAR
    if w.startswith("Q") or ("季" in w and not w.startswith(("春", "夏", "秋", "冬", "前三"))):
        digit = re.search(r"[1-4一二三四]", w)
        q = cn_number(digit.group(0)) if digit else None
        return (f"Q{q}", _PRECISION_QUARTER) if q else (None, _PRECISION_YEAR)
    if w.startswith("前三"):
        return "Q1-3", _PRECISION_SEASON
    if w == "上半年":
        return "H1", _PRECISION_SEASON
    if w == "下半年":
        return "H2", _PRECISION_SEASON
    if w in ("初", "年初"):
        return "EARLY", _PRECISION_SEASON
    if w in ("底", "年底", "末", "年末"):
        return "LATE", _PRECISION_SEASON
    if w == "同期":
        return None, _PRECISION_YEAR
    season = _season_part(w)
    if season:
        return season, _PRECISION_SEASON
    return None, _PRECISION_YEAR


_MONTH_PARTS = {"上旬": "M-EARLY", "初": "M-EARLY", "中旬": "M-MID", "下旬": "M-LATE", "底": "M-LATE", "末": "M-LATE"}


def month_part(word: str | None) -> str | None:
    if not word:
        return None
    return _MONTH_PARTS.get(word)  # (a module constant: a dict literal here was built per date)


# --- scanning ------------------------------------------------------------------------------


def scan(text: str) -> list[Raw]:
    """Every date expression in a prepared text, longest match first where they overlap."""
    found: list[Raw] = []
    windows: dict[str, list[tuple[int, int]]] = {"cjk": [], "cn": [], "count": [], "ago": [], "dmy": []}
    n = len(text)
    for hit in _HOT.finditer(text):
        _dispatch(text, hit.start(), hit.end(), hit.group(0), found, windows)
    if any(w in text for w in _HOT_EN_WORDS):
        for hit in _HOT_EN.finditer(text):
            _english_relative_at(text, hit.start(), hit.group(0), found)
    if " ago" in text:
        windows["ago"].extend((i - 16, i + 8) for i in _find_all(text, " ago"))
    for key, pattern_list in _WINDOWED.items():
        spans = _merge_windows(windows[key], n)
        for pattern, build in pattern_list:
            for lo, hi in spans:
                for m in _ymd_matches(text, lo, hi) if key == "cjk" else pattern.finditer(text, lo, hi):
                    raw = build(text, m)
                    if raw is not None:
                        found.append(raw)
    if not found:
        return found
    found.extend(_day_continuations(text, found))
    return _resolve_overlaps(found)


_DIGIT_RUN = lazy_compile(r"[0-9]+")


def _ymd_matches(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """`_YMD.finditer(text, lo, hi)` (the "cjk" windows' pattern), tried only where a run of
    ASCII digits starts: every match starts with one, after no digit (its look-behind, which also
    made the engine try the whole pattern at every position of the window). After a match
    ending in a non-digit, the next run starts where it ends or later."""
    out: list[re.Match[str]] = []
    last = lo
    for run in _DIGIT_RUN.finditer(text, lo, hi):
        at = run.start()
        if at < last:
            continue
        m = _YMD.match(text, at, hi)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def scan_compact(text: str, lo: int, hi: int) -> list[Raw]:
    """20250314: eight digits are a date only in titles and headings."""
    return [
        Raw(m.start(), m.end(), "compact", int(m.group("y")), int(m.group("m")), int(m.group("d")))
        for m in _COMPACT.finditer(text, lo, hi)
    ]


def merge(found: list[Raw], extra: list[Raw]) -> list[Raw]:
    return _resolve_overlaps([*found, *extra])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _merge_windows(windows: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """`_merge` of the windows clamped to [0, n]. A marker's window sits at fixed offsets from it
    and markers come left to right, so the starts are already in order: one pass merges them,
    with no clamped copy and no sort of a window per date (issue 17's "year list" has 140,000).
    Clamping after merging gives the same spans: every window starts before n and ends after 0."""
    out: list[tuple[int, int]] = []
    if not windows:
        return out
    lo, hi = windows[0]
    for a, b in windows:
        if a < lo:  # not in order after all: the general way
            return _merge([(max(0, a), min(n, b)) for a, b in windows])
        if a <= hi:
            if b > hi:
                hi = b
            continue
        out.append((max(0, lo), min(n, hi)))
        lo, hi = a, b
    out.append((max(0, lo), min(n, hi)))
    return out


def _resolve_overlaps(found: list[Raw]) -> list[Raw]:
    """Longest first, then earliest; a fiscal label beats the year it contains."""
    if not found:
        return []
    order = sorted(found, key=lambda r: (-(r.end - r.start) - (100 if r.family == "fiscal" else 0), r.start))
    # the characters the kept intervals cover (they never overlap), one byte each: a sorted
    # list with an insert per interval was quadratic on a document of dates. (Every pattern
    # reads at least one character, so no interval is empty.)
    taken = bytearray(max(r.end for r in found))
    kept: list[Raw] = []
    for r in order:
        if taken.find(1, r.start, r.end) >= 0:
            continue
        taken[r.start : r.end] = b"\x01" * (r.end - r.start)
        kept.append(r)
    kept.sort(key=lambda r: r.start)
    return kept


def _letter_before(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isascii() and text[pos - 1].isalpha()


def _dispatch(text: str, s: int, e: int, h: str, found: list[Raw], windows: dict[str, list[tuple[int, int]]]) -> None:
    """Try the patterns that can start at (or end just before) the marker `h` at [s, e)."""
    c = h[0]
    if len(h) == 2 and h[1] in "前后後以之":
        windows["count"].append((s - 8, e + 3))
    if c in "年月":
        windows["cjk"].append((s - 10, e + 22))
        if s > 0 and text[s - 1] in _CN_NUMERALS:
            windows["cn"].append((s - 10, e + 12))
    elif h in ("前天", "前年"):
        _relative_at(text, s, h, found)
    elif c in "12" and len(h) == 4:
        _years_at(text, s, found)
    elif h in _MONTH_ABBR:
        _english_month_at(text, s, found)
        windows["dmy"].append((s - 10, e + 12))
    elif c in "QH":
        m = _EN_Q_LEAD.match(text, s)
        if m and not (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()):
            found.append(_quarter_raw(m))
    elif h == "FY":
        m = _FISCAL_FY.match(text, s)
        if m and not _letter_before(text, s):
            found.append(Raw(m.start(), m.end(), "fiscal", precision=_PRECISION_YEAR))
    elif c in "(（":
        m = _MD_SLASH.search(text, max(0, s - 8), s)
        if m:
            found.append(
                Raw(
                    m.start(),
                    m.start() + len(m.group(0).rstrip(" \t")),
                    "md-slash",
                    None,
                    int(m.group("m")),
                    int(m.group("d")),
                )
            )
    elif c.isascii():
        _english_relative_at(text, s, h, found)
    else:
        _relative_at(text, s, h, found)


_MONTH_ABBR = frozenset(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))


# the character right after the year each year-led pattern needs (see patterns.py): 2025-2026,
# 2025 年至 2026; 2025H1, 2025上半年; 2025 財年, 2025 fiscal; 2025 Q3
_AFTER_RANGE_YEAR = frozenset(" \t年-–—~至到")
_AFTER_GLUED_YEAR = frozenset("上下QH")
_AFTER_FISCAL_YEAR = frozenset(" \t年財财會会Ff")
_AFTER_Q_YEAR = frozenset(" \tQH")


def _years_at(text: str, s: int, found: list[Raw]) -> None:
    """Patterns led by a four-digit year: ISO dates, ranges, 2025Q3, 2025財年, "in 2025"."""
    nxt = text[s + 4 : s + 5]
    if nxt in ("-", "/", "."):
        m = _ISO.match(text, s)
        if m and not (m.group("sep") == "." and _looks_like_version(text, s)):
            found.append(Raw(m.start(), m.end(), "iso", int(m.group("y")), int(m.group("m")), int(m.group("d"))))
        else:
            m = _ISO_MONTH.match(text, s)
            if m:
                found.append(
                    Raw(m.start(), m.end(), "iso", int(m.group("y")), int(m.group("m")), precision=_PRECISION_MONTH)
                )
    # each pattern below needs one of these right after the year's four digits
    m = _YEAR_RANGE.match(text, s) if nxt in _AFTER_RANGE_YEAR else None
    if m:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2 <= y1 + 50:
            # two mentions: each year is its own endpoint
            a = Raw(m.start("y1"), m.end("y1"), "years", y1, precision=_PRECISION_YEAR, extras={"range": "start"})
            b = Raw(m.start("y2"), m.end(), "years", y2, precision=_PRECISION_YEAR, extras={"range": "end"})
            found.extend((a, b))
    m = _YEAR_GLUED.match(text, s) if nxt in _AFTER_GLUED_YEAR else None
    if m:
        part, prec = year_part(m.group("ypart"))
        if m.group("ypart").startswith("H"):
            part, prec = m.group("ypart"), _PRECISION_SEASON
        found.append(Raw(m.start(), m.end(), "ymd", int(m.group("y")), precision=prec, part=part))
    m = _FISCAL_YEAR.match(text, s) if nxt in _AFTER_FISCAL_YEAR else None
    if m:
        found.append(Raw(m.start(), m.end(), "fiscal", precision=_PRECISION_YEAR))
    m = _EN_Q_TRAIL.match(text, s) if nxt in _AFTER_Q_YEAR else None
    if m and not (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()):
        found.append(_quarter_raw(m))
    if s > 0 and text[s - 1] in " \t" and _EN_YEAR_AFTER.match(text, s + 4):
        pre = _EN_YEAR_PRE.search(text, max(0, s - 16), s)
        if pre is not None:
            part = _EN_PARTS.get(pre.group("pre").lower().rstrip("-"))
            start = pre.start("pre") if part else s
            found.append(
                Raw(
                    start,
                    s + 4,
                    "en-year",
                    int(text[s : s + 4]),
                    precision=_PRECISION_SEASON if part else _PRECISION_YEAR,
                    part=part,
                )
            )


def _quarter_raw(m: re.Match[str]) -> Raw:
    q = m.group("q")
    prec = _PRECISION_QUARTER if q.startswith("Q") else _PRECISION_SEASON
    return Raw(m.start(), m.end(), "quarter", int(m.group("y")), precision=prec, part=q)


def _english_month_at(text: str, s: int, found: list[Raw]) -> None:
    if _letter_before(text, s):
        return
    m = _EN_MDY.match(text, s)
    if m:
        mon = _MONTHS[m.group("mon")[:3].lower()]
        y = int(m.group("y")) if m.group("y") else None
        found.append(Raw(m.start(), m.end(), "en", y, mon, int(m.group("d"))))
        return
    m = _EN_MY.match(text, s)
    if m:
        mon = _MONTHS[m.group("mon")[:3].lower()]
        found.append(Raw(m.start(), m.end(), "en", int(m.group("y")), mon, precision=_PRECISION_MONTH))


def _relative_at(text: str, s: int, h: str, found: list[Raw]) -> None:
    prev = text[s - 1] if s > 0 else "\n"
    if h in _REL_DAY:
        m = _RE_REL_DAY.match(text, s)
        if m and prev not in _BEFORE_NOT["rel-day"]:
            found.append(Raw(m.start(), m.end(), "rel-day", rel_unit="day", rel_count=_REL_DAY[m.group("w")]))
    elif h in _YEAR_WORD:
        m = _RE_REL_YEAR.match(text, s)
        if m and prev not in _BEFORE_NOT["rel-year"]:
            found.append(_rel_year_raw(m))
    elif h.endswith("月"):
        m = _RE_REL_MONTH.match(text, s)
        if m and prev not in _BEFORE_NOT["rel-month"]:
            w = m.group("w")
            count = 0 if w[0] in "本这這" else (-1 if w[0] == "上" else 1)
            raw = Raw(m.start(), m.end(), "rel-month", rel_unit="month", rel_count=count, precision=_PRECISION_MONTH)
            day = int(m.group("d")) if m.group("d") else (cn_number(m.group("cd")) if m.group("cd") else None)
            if day:
                raw.day, raw.precision = day, _PRECISION_DAY
            raw.part = month_part(m.group("mpart"))
            found.append(raw)
    else:
        m = _RE_REL_WEEK.match(text, s)
        if m:
            wd = m.group("wd")
            raw = Raw(
                m.start(),
                m.end(),
                "rel-week",
                rel_unit="week",
                rel_count=_WEEK_WORD[m.group("w")],
                precision=_PRECISION_DAY if wd else _PRECISION_WEEK,
            )
            if wd:
                raw.rel_weekday = ZH_WEEKDAY[wd]
            found.append(raw)


def _english_relative_at(text: str, s: int, h: str, found: list[Raw]) -> None:
    if _letter_before(text, s):
        return
    m = _RE_EN_DAY.match(text, s)
    if m:
        found.append(Raw(m.start(), m.end(), "rel-day", rel_unit="day", rel_count=_EN_DAY[m.group("w").lower()]))
        return
    m = _RE_EN_REL.match(text, s)
    if m is None:
        return
    w, u = m.group("w").lower(), m.group("u")
    count = {"this": 0, "last": -1, "next": 1}[w]
    if u in ("week", "month", "year"):
        found.append(Raw(m.start(), m.end(), f"rel-{u}", rel_unit=u, rel_count=count, precision=_UNIT_PRECISION[u]))
    else:
        raw = Raw(m.start(), m.end(), "rel-week", rel_unit="week", rel_count=count)
        raw.rel_weekday = EN_WEEKDAYS.index(u.lower())
        raw.extras["en-weekday"] = "1"  # "last Tuesday": the latest Tuesday before the anchor
        found.append(raw)


def _build_ymd(text: str, m: re.Match[str]) -> Raw | None:
    # the groups by one call (a call per group was a third of the cost of a date)
    y_s, mo_1, mo_2, d_1, d_2, mp_1, mp_2 = m.group("y", "m", "m2", "d", "d2", "mpart", "mpart2")
    mo_s, d_s = mo_1 or mo_2, d_1 or d_2
    raw = _ymd_raw(
        text, m, int(y_s) if y_s else None, int(mo_s) if mo_s else None, int(d_s) if d_s else None, mp_1 or mp_2
    )
    return raw if raw.end > raw.start else None


def _build_cn_ymd(text: str, m: re.Match[str]) -> Raw | None:
    y = cn_number(m.group("y")) if m.group("y") else None
    if y is not None and not 1900 <= y <= 2099:
        return None
    mo_s, d_s = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    mpart = m.group("mpart") or m.group("mpart2")
    # a Chinese month alone (五月) is a date only with 份 or a day: 五月天 is a band
    if y is None and d_s is None and not (m.group("fen") or m.group("fen2")) and mpart is None:
        return None
    mo = cn_number(mo_s) if mo_s else None
    d = cn_number(d_s) if d_s else None
    raw = _ymd_raw(text, m, y, mo, d, mpart, family="cn")
    return raw if raw.end > raw.start else None


def _build_count(text: str, m: re.Match[str]) -> Raw | None:
    n = cn_number(m.group("n"))
    if not n:
        return None
    unit = _CN_UNIT[m.group("u")]
    sign = -1 if m.group("dir") in ("前", "以前", "之前") else 1
    return Raw(
        m.start(),
        m.end(),
        "rel-count",
        rel_unit=unit,
        rel_count=sign * n,
        precision=_UNIT_PRECISION[unit],
        extras={"counted": "1"},
    )


def _build_ago(text: str, m: re.Match[str]) -> Raw | None:
    n = word_number(m.group("n"))
    if not n:
        return None
    unit = m.group("u")
    return Raw(
        m.start(),
        m.end(),
        "rel-count",
        rel_unit=unit,
        rel_count=-n,
        precision=_UNIT_PRECISION[unit],
        extras={"counted": "1"},
    )


def _build_dmy(text: str, m: re.Match[str]) -> Raw | None:
    mon = _MONTHS[m.group("mon")[:3].lower()]
    return Raw(m.start(), m.end(), "en", int(m.group("y")), mon, int(m.group("d")))


def _find_all(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


_WINDOWED = {
    "cjk": [(_YMD, _build_ymd)],
    "cn": [(_CN_YMD, _build_cn_ymd)],
    "count": [(_RE_REL_COUNT, _build_count)],
    "ago": [(_RE_EN_AGO, _build_ago)],
    "dmy": [(_EN_DMY, _build_dmy)],
}


def _day_continuations(text: str, found: list[Raw]) -> list[Raw]:
    """3月10日至12日, 2026年2月7日至22日: the second day inherits year and month."""
    out: list[Raw] = []
    for r in found:
        if r.precision is not _PRECISION_DAY or r.month is None:
            continue
        m = _DAY_CONT.match(text, r.end)
        if m is None:
            continue
        d = int(m.group("d"))
        if r.day is not None and d <= r.day:
            continue
        cont = Raw(m.start("d"), m.end(), r.family, r.year, r.month, d)
        out.append(cont)
    return out


def _ymd_raw(
    text: str, m: re.Match[str], y: int | None, mo: int | None, d: int | None, mpart: str | None, *, family: str = "ymd"
) -> Raw:
    start, end = m.start(), m.end()
    # trailing space is matched by the optional parts; the span ends at the last marker
    while end > start and text[end - 1] in " \t":
        end -= 1
    if mo is None:
        raw = Raw(start, end, family, year=y, precision=_PRECISION_YEAR)
        tail = _YEAR_ONLY_TAIL.match(text, end)
        if tail:
            part, prec = year_part(tail.group("ypart"))
            if tail.group("ypart") == "度":
                raw.extras["label"] = "年度"
            raw.part, raw.precision = part, prec
            raw.end = tail.end()
        elif text.startswith("代", end):
            raw.extras["label"] = "年代"  # 1990年代: a decade
        return raw
    if d is not None:
        return Raw(start, end, family, year=y, month=mo, day=d, precision=_PRECISION_DAY)
    part = month_part(mpart)
    return Raw(start, end, family, year=y, month=mo, precision=_PRECISION_MONTH, part=part)


def _looks_like_version(text: str, pos: int) -> bool:
    """2024.10.1 after 'v', 'version' or a product name is a calendar version, still a date;
    but a dotted triple glued to letters (Qwen2025.1.5) is not."""
    before = text[max(0, pos - 8) : pos]
    return bool(re.search(r"(?:[vV]|[Vv]ersion|版本?)[ \t]*$", before))


def _rel_year_raw(m: re.Match[str]) -> Raw:
    raw = Raw(
        m.start(), m.end(), "rel-year", rel_unit="year", rel_count=_YEAR_WORD[m.group("w")], precision=_PRECISION_YEAR
    )
    mo = int(m.group("m")) if m.group("m") else (cn_number(m.group("cm")) if m.group("cm") else None)
    if mo:
        raw.month, raw.precision = mo, _PRECISION_MONTH
        day = int(m.group("d")) if m.group("d") else (cn_number(m.group("cd")) if m.group("cd") else None)
        if day:
            raw.day, raw.precision = day, _PRECISION_DAY
        else:
            raw.part = month_part(m.group("mpart"))
    elif m.group("ypart"):
        raw.part, raw.precision = year_part(m.group("ypart"))
    return raw
