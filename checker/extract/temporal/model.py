"""The value types of temporal mentions: what was written, what it means, how sure we are."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass

from checker.core.model import Span


class Kind(enum.StrEnum):
    """How much of the date the text itself states."""

    ABSOLUTE = "absolute"  # the year is written: 2025年12月15日, 2025年第三季度, Dec 15, 2025
    PARTIAL = "partial"  # no year: 12月15日, 10/16(四); the year is inferred from the anchor
    RELATIVE = "relative"  # counted from the anchor: 今天, 上週三, 去年9月, 3 天前, last Tuesday


class Precision(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"  # also 上旬/中旬/下旬, 月初/月底 (the bounds are narrowed)
    QUARTER = "quarter"
    SEASON = "season"  # 夏天, 年底/年初/年中, 上半年 (a part of a year)
    YEAR = "year"


class Mood(enum.StrEnum):
    """What the clause around a date tells about it."""

    EVENT = "event"  # told as done or happening: 發布, 宣布, 推出, released, launched
    PLAN = "plan"  # plan, forecast, schedule, deadline or condition: 將, 預計, 截至, will, by
    LABEL = "label"  # a name, not a time: 《2025全球AI倫理與安全宣言》, 2025財年
    UNKNOWN = "unknown"  # no verb that says either


WEEKDAYS_ZH = "一二三四五六日"


# plain slotted, hashed by value, not frozen (as TemporalMention below): a page of dated
# weekdays builds one per date, and a frozen one sets each field through object.__setattr__
@dataclass(slots=True, unsafe_hash=True)
class WeekdayMark:
    """A weekday written beside a date: 星期一, 週一, (一), Monday."""

    span: Span
    text: str
    weekday: int  # 0 = Monday
    style: str  # the prefix as written ("星期", "週", "周", "禮拜", "礼拜", "(", "（", "en", "en-short")


# Not frozen: a frozen dataclass sets each of these 22 fields through object.__setattr__, three
# times the cost of a plain one, and a document of dates builds one per date per anchor (issue
# 17: 2 MB of dates). It is hashed and compared by value as a frozen one is (unsafe_hash); no
# code assigns to a mention after it is built.
@dataclass(slots=True, unsafe_hash=True)
class TemporalMention:
    """One date expression found in a document.

    `start`/`end` are the first and last day of the period meant, resolved against
    the anchor (the publication date) for partial and relative mentions; they are
    None when the mention needs an anchor and the document has none. `value` is the
    normalised form: an ISO date, month (2025-12), quarter (2025-Q3), season or part
    of a year (2025-H1, 2025-SU, 2025-END), year, with XXXX for a missing year.
    """

    span: Span  # source offsets of the whole expression (weekday included)
    text: str
    kind: Kind
    precision: Precision
    value: str
    start: dt.date | None
    end: dt.date | None
    year: int | None = None  # as written (None when inferred or relative)
    month: int | None = None
    day: int | None = None
    weekday: WeekdayMark | None = None
    mood: Mood = Mood.UNKNOWN
    cue: str | None = None  # the word that decided the mood
    offset_days: int | None = None  # relative day mentions: days from the anchor (今天 = 0)
    range_role: str | None = None  # "start" or "end" of a range (10/16(四)~10/29(三))
    segment_kind: str = "paragraph"
    year_inferred: bool = False
    context_year: int | None = None  # year of an earlier full date in the same paragraph (2026年1月…，2月…)
    counted: bool = False  # 三年前, 16天後: counted from some point, often not from the anchor
    in_link_text: bool = False  # inside [...] of a Markdown link: a cited title
    ahead: str | None = None  # the cue telling the date as announced ahead (生效, 宣布, 據傳), see mood.ahead

    @property
    def date(self) -> dt.date | None:
        """The single day meant, when the precision is a day."""
        return self.start if self.precision is Precision.DAY else None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
