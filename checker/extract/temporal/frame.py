"""What a document tells about its own time without a publication date, and what a relative or
year-less date needs from it.

An undated document that says 去年 or 2月21日 can still be placed by a reader when it states a
year elsewhere ("2026年，人工智能領域…", a title "2025 年預測"); 上週 or 本月底 need more than a
year: a month or a day stated somewhere. date.undated asks for the document's date only when
the document itself does not give what the mention needs (independent reads of the rule on
corpus/real judged year-stated documents as placed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker.extract.temporal.model import Kind, Precision, TemporalMention
from checker.lexicon import cue_pattern
from checker.text.lazy_regex import lazy_compile

# the coarser the precision, the larger its rank: a statement of rank r meets needs of rank >= r
_RANK = {
    Precision.DAY: 0,
    Precision.WEEK: 0,
    Precision.MONTH: 1,
    Precision.QUARTER: 2,
    Precision.SEASON: 2,
    Precision.YEAR: 3,
}
_YEAR_RELATIVE = cue_pattern("temporal", "year-relative")
_MONTH_RELATIVE = cue_pattern("temporal", "month-relative")
_DAY_EVENT = cue_pattern("temporal", "day-event")
_CLAUSE_END = lazy_compile(r"[，,。；;！!？?\n]")
_EVENT_REACH = 24  # characters after 今天 in which its clause's verb stands
_FINEST_WORDS = {0: "a day", 1: "a month", 2: "a quarter or part of a year", 3: "a year"}
# years a digest can mean as its own time; 1956 (達特茅斯會議) places no 去年
_OLDEST_FRAME_YEAR = 1990


@dataclass(frozen=True, slots=True)
class Frame:
    """The finest date a document states with its year (rank as in `_RANK`; None: no year)."""

    finest: int | None

    def places(self, need: int) -> bool:
        return self.finest is not None and self.finest <= need

    def describe(self) -> str:
        """What the document states, for the evidence of a mention it does not place."""
        if self.finest is None:
            return "the document states no date with a year"
        return f"the dates the document states give at most {_FINEST_WORDS[self.finest]}"


def document_frame(mentions: Iterable[TemporalMention], newest_year: int) -> Frame:
    """The finest precision among the dates the document writes with a plausible year."""
    ranks = [
        _RANK[m.precision]
        for m in mentions
        if m.kind is Kind.ABSOLUTE and m.year is not None and _OLDEST_FRAME_YEAR <= m.year <= newest_year
    ]
    return Frame(min(ranks) if ranks else None)


def needed_rank(m: TemporalMention) -> int:
    """How fine a date the document must state to place `m`: a year for 5月14日, 去年 or
    去年11月; a month for 本月 or 上個月; a day for 今天, 上週 or 3 天前."""
    if m.kind is Kind.PARTIAL or _YEAR_RELATIVE.match(m.text):
        return _RANK[Precision.YEAR]
    if _MONTH_RELATIVE.match(m.text):
        return _RANK[Precision.MONTH]
    return _RANK[Precision.DAY]


def figurative_day(text: str, m: TemporalMention) -> bool:
    """今天, 昨天 or 明天 with no news verb in the rest of its clause: "走向明天", "今天的优势明天可能
    被抹平", "比今天更多的内容", "我們今日觀測到的宇宙" say no date; "於今日正式推出" does."""
    if m.kind is not Kind.RELATIVE or m.offset_days not in (-1, 0, 1):
        return False
    tail = text[m.span.end : m.span.end + _EVENT_REACH]
    end = _CLAUSE_END.search(tail)
    return _DAY_EVENT.search(tail[: end.start() if end else len(tail)]) is None
