"""date.weekday: a weekday beside a date that falls on another day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

from checker.core.fixes import replacement_fix
from checker.core.model import Applicability, Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.temporal import Kind, Precision, extract_dates
from checker.extract.temporal.dating import EN_WEEKDAYS, fits_nearby_year, weekday_like
from checker.input.documents import Document
from checker.input.published import trusted_published

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_KIND_PARTIAL: Final = Kind.PARTIAL
_PRECISION_DAY: Final = Precision.DAY


class DateWeekday(DocumentRule):
    """
    What it flags
        A weekday written beside a date on which that date does not fall: 2025年12月15日
        星期三, 10/16(五), Monday, December 16, 2025. The suggestion is the right weekday
        in the same style (星期一, 週一, (一), Monday).

    Why it matters
        A wrong weekday means either the date or the weekday is wrong; readers who plan
        by it are misled, and it is a sign of a date edited by hand or invented.

    Flagged
        今日是 2025年12月15日 星期三
        活動時間 10/16(五)

    Passes
        今日是 2025年12月15日 星期一
        10/16(四)~10/29(三)

    Options
        None.

    Fix
        Safe or unsafe: the weekday is replaced by the right one in the same style
        (星期三 -> 星期一). Safe when the date is the document's trusted publication date (front matter,
        entry header, path, metadata or title) stated a second time, so two places agree
        on the date and the weekday is the slip; unsafe otherwise: the weekday is derived
        from the date, and the date may be the wrong one of the two.

    Known limits
        A date without a year is checked in the year inferred from the publication
        date; when the weekday fits the same date a year earlier or later, nothing is
        reported. Undated documents are checked only for dates with a year.
    """

    meta = RuleMeta("date.weekday", Severity.ERROR, "a weekday beside a date that falls on another day")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        trusted = trusted_published(doc)  # read once: a line of dates has thousands of hits
        # what a wrong mark and the right day make of the words, once per pair: a page of dates
        # repeats a few marks (the suggestion, the fix's description, the day's name, the mark)
        words: dict[tuple[str, str, int], tuple[str, str, str, str]] = {}
        for m in extract_dates(doc):
            mark = m.weekday
            if mark is None or m.precision is not _PRECISION_DAY or m.start is None:
                continue
            actual = m.start.weekday()
            if actual == mark.weekday:
                continue
            if m.kind is _KIND_PARTIAL and fits_nearby_year(m, mark.weekday, doc.published):
                continue
            pair = (mark.text, mark.style, actual)
            said = words.get(pair)
            if said is None:
                right = weekday_like(mark, actual)
                said = words[pair] = (right, f"write {right}", EN_WEEKDAYS[actual], mark.text.strip("()（） "))
            right, describe_fix, day_name, written = said
            safety = _safety(doc, m.start, m.span, trusted)
            fix = replacement_fix(doc.source, mark.span, right, safety, describe_fix)
            iso = m.start.isoformat()
            yield Hit(
                mark.span,
                f"{m.text} ({iso}{', year inferred' if m.year_inferred else ''}) is a {day_name}, not {written}",
                evidence=(
                    Evidence(
                        "calendar",
                        f"{iso} falls on a {day_name}",
                        path=doc.path,
                        document=doc.id,
                        line=doc.source.line_of(m.span.start),
                        value=iso,
                    ),
                ),
                suggestion=right,
                verdict=Verdict.CONTRADICTED,
                confidence=0.85 if m.year_inferred else 0.95,
                fix=fix,
            )


def _safety(doc: Document, date: dt.date, span: Span, published: dt.date | None) -> Applicability:
    """Safe when the date agrees with the trusted publication date (`published`) stated elsewhere."""
    own = doc.published_span
    restated = own is None or own.end <= span.start or span.end <= own.start
    return Applicability.SAFE if published == date and restated else Applicability.UNSAFE
