"""Turn what the text states into calendar periods, against an anchor date.

An absolute mention needs no anchor. A partial one (12月15日) takes its year from the
anchor, by tense, as HeidelTime does for news: an event in a later month than the
anchor's belongs to the previous year (a digest reports the past), a plan in an
earlier month to the next year, anything else to the nearest year. So a year-less
date is "future" only within the anchor's own month. Relative mentions are counted
from the anchor (今天 = the anchor, 上週三 = Wednesday of the previous Monday-to-Sunday
week, "last Tuesday" = the latest Tuesday before the anchor).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Final

from checker.extract.temporal.grammar import Raw
from checker.extract.temporal.model import Mood, month_bounds, safe_date

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_MOOD_EVENT: Final = Mood.EVENT
_MOOD_PLAN: Final = Mood.PLAN

Period = tuple[dt.date, dt.date]

_PARTS: dict[str, tuple[int, int]] = {  # first and last month
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1-3": (1, 9),
    "EARLY": (1, 3),
    "MID": (5, 8),
    "LATE": (10, 12),
    "SPRING": (3, 5),
    "SUMMER": (6, 8),
    "AUTUMN": (9, 11),
}


# the periods are pure functions of a few small values, and a document repeats them (a list of
# dates below one year heading, a table of days): each is computed once (immutable dates)
@lru_cache(maxsize=4096)
def year_period(year: int, part: str | None) -> Period | None:
    if not 1 <= year <= 9998:
        return None
    if part == "WINTER":  # 2025年冬天: December 2025 to February 2026
        return dt.date(year, 12, 1), month_bounds(year + 1, 2)[1]
    if part in _PARTS:
        a, b = _PARTS[part]
        return dt.date(year, a, 1), month_bounds(year, b)[1]
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@lru_cache(maxsize=4096)
def month_period(year: int, month: int, part: str | None) -> Period | None:
    if not (1 <= month <= 12 and 1 <= year <= 9998):
        return None
    first, last = month_bounds(year, month)
    if part == "M-EARLY":
        return first, first.replace(day=10)
    if part == "M-MID":
        return first.replace(day=11), first.replace(day=20)
    if part == "M-LATE":
        return first.replace(day=21), last
    return first, last


def stated_period(raw: Raw, year: int) -> Period | None:
    """The period of a mention whose year is `year` (written or inferred)."""
    if raw.month is None:
        return year_period(year, raw.part)
    if raw.day is None:
        return month_period(year, raw.month, raw.part)
    return day_period(year, raw.month, raw.day)


@lru_cache(maxsize=4096)
def day_period(year: int, month: int, day: int) -> Period | None:
    d = safe_date(year, month, day)
    return (d, d) if d else None


def infer_year(raw: Raw, anchor: dt.date, mood: Mood) -> int:
    """The year of a year-less month/day, by tense (see the module docstring)."""
    assert raw.month is not None
    month = raw.month
    if mood is _MOOD_EVENT:
        return anchor.year - 1 if month > anchor.month else anchor.year
    if mood is _MOOD_PLAN:
        return anchor.year + 1 if month < anchor.month else anchor.year
    best = anchor.year
    best_gap: int | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(y, month, raw.day or 15)
        if d is None:
            continue
        gap = abs((d - anchor).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    last = month_bounds(y, m + 1)[1].day
    return dt.date(y, m + 1, min(d.day, last))


def relative_period(raw: Raw, anchor: dt.date) -> Period | None:
    unit, count = raw.rel_unit, raw.rel_count or 0
    try:
        if unit == "day":
            d = anchor + dt.timedelta(days=count)
            return d, d
        if unit == "week":
            return _week_period(raw, anchor, count)
        if unit == "month":
            if raw.extras.get("counted"):
                d = add_months(anchor, count)
                return month_period(d.year, d.month, None)
            d = add_months(anchor.replace(day=1), count)
            if raw.day is not None:
                day = safe_date(d.year, d.month, raw.day)
                return (day, day) if day else None
            return month_period(d.year, d.month, raw.part)
        if unit == "year":
            year = anchor.year + count
            if raw.extras.get("counted"):
                return year_period(year, None)
            if raw.month is not None:
                if raw.day is not None:
                    day = safe_date(year, raw.month, raw.day)
                    return (day, day) if day else None
                return month_period(year, raw.month, raw.part)
            return year_period(year, raw.part)
    except (OverflowError, ValueError):
        return None
    return None


def _week_period(raw: Raw, anchor: dt.date, count: int) -> Period:
    if raw.extras.get("counted"):
        d = anchor + dt.timedelta(weeks=count)
        return d, d
    if raw.rel_weekday is not None and raw.extras.get("en-weekday"):
        # English "last Tuesday" / "next Tuesday": the nearest one before / after the anchor
        delta = (anchor.weekday() - raw.rel_weekday) % 7
        if count < 0:
            d = anchor - dt.timedelta(days=delta or 7)
        elif count > 0:
            d = anchor + dt.timedelta(days=((raw.rel_weekday - anchor.weekday()) % 7) or 7)
        else:
            d = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=raw.rel_weekday)
        return d, d
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=count)
    if raw.rel_weekday is not None:
        d = monday + dt.timedelta(days=raw.rel_weekday)
        return d, d
    return monday, monday + dt.timedelta(days=6)
