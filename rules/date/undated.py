"""date.undated: no publication date can be determined, or it has no year."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.temporal import Kind, TemporalMention, extract_dates
from checker.extract.temporal.dating import generic_day, needs_anchor, unreadable_year
from checker.extract.temporal.frame import document_frame, figurative_day, needed_rank
from checker.input.documents import Document
from checker.input.published import publication_statements

_NEAR_BEFORE, _NEAR_AFTER = 300, 40  # characters around a date in which a stated year places it


class DateUndated(DocumentRule):
    """
    What it flags
        A document with no publication date that nonetheless leans on one: it says
        今天, 本週, 去年 or gives dates without a year (5月14日), or it dates itself
        without a year ("AI资讯早知道:5月14日全球AI动态全览"). Reported once per
        document, at the year-less date line or the first date that needs an anchor.
        The other date rules then run against --today.

    Why it matters
        Without a year, "今天" and "5月14日" cannot be placed in time: readers (and
        the date rules) have to guess.

    Flagged
        AI资讯早知道:5月14日全球AI动态全览
        (no date anywhere) 谷歌今天發布了新模型。

    Passes
        a document with front matter `date`, a dated entry header, a dated file name or
        a dated title; an undated document that never needs its date (no relative
        dates, every date with its year).

    Options
        None.

    Fix
        None: the date to add is not known to the rule.

    Known limits
        Only the places listed in checker/published.py count as a document's date; a
        date given only in the middle of the prose does not. A date with a year stated up
        to 300 characters before it (or 40 after) counts as placed by its context, even
        when that year belongs to another statement; so does a date the document states
        anywhere as finely as the mention needs (any year places 去年 and 5月14日, a
        month places 本月, a day places 上週 and 今天), even when that date is some other
        event's. 今天, 昨天 and 明天 count only with a news verb in their clause (走向明天
        and 比今天更多 are no dates). A relative date inside reported speech (要求員工匯報
        上週工作) is still read as the document's.
    """

    meta = RuleMeta("date.undated", Severity.INFO, "no publication date can be determined, or it has no year")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if doc.published is not None:
            return
        yearless = next((s for s in publication_statements(doc) if s.date is None and s.span is not None), None)
        today = ctx.today.isoformat()
        if yearless is not None:
            assert yearless.span is not None
            yield self._hit(
                doc,
                yearless.span,
                f"the document dates itself {yearless.text!r} without a year; date rules used --today {today}",
                f"{yearless.describe()} has no year",
            )
            return
        mentions = extract_dates(doc, None)
        # a year stated in a heading or the title places the year-less dates below it
        year_stated = any(m.year is not None and m.segment_kind in ("title", "heading") for m in mentions)
        # a year stated close before (or just after) a date lets a reader place it: "2025年Q4 …
        # 管理人員與去年同期持平" (read by an independent reader as placed)
        years = sorted(m.span.start for m in mentions if m.year is not None and m.kind is not Kind.RELATIVE)

        def placed_nearby(m: TemporalMention) -> bool:
            k = bisect.bisect_left(years, m.span.start - _NEAR_BEFORE)
            return k < len(years) and years[k] <= m.span.start + _NEAR_AFTER

        def needy(m: TemporalMention) -> bool:
            return (
                needs_anchor(m)
                and not figurative_day(doc.source.text, m)  # (the cheaper test first: both only read)
                and not generic_day(doc, m)
                and not (year_stated and m.kind is Kind.PARTIAL)
                and not placed_nearby(m)
            )

        # one finding at most, so the mentions are read lazily (a line of 今日 holds thousands,
        # each needing two look-ups). First an impossible year written before a year-less date
        # (Kind.PARTIAL: what unreadable_year reads), reported wherever it stands; the year is
        # read before `needy`, which most documents then never ask
        bad = next(
            (
                (m, y)
                for m in mentions
                if m.kind is Kind.PARTIAL and (y := unreadable_year(doc, m)) is not None and needy(m)
            ),
            None,
        )
        if bad is not None:
            m, bad_year = bad
            yield self._hit(
                doc,
                m.span,
                f"no publication date: the year {bad_year!r} before {m.text!r} is not a possible year;"
                f" date rules used --today {today}",
                f"the date on line {doc.source.line_of(m.span.start)} is written with the year {bad_year}",
            )
            return
        # a date the document states elsewhere, as fine as the mention needs, places it
        frame = document_frame(mentions, ctx.today.year + 1)
        first = next((m for m in mentions if needy(m) and not frame.places(needed_rank(m))), None)
        if first is None:
            return
        what = "a relative date" if first.kind is Kind.RELATIVE else "a date without a year"
        yield self._hit(
            doc,
            first.span,
            f"no publication date: {what} ({first.text!r}) cannot be placed in time; date rules used --today {today}",
            f"the first {what.removeprefix('a ')} the document leaves unplaced is on line"
            f" {doc.source.line_of(first.span.start)}; {frame.describe()}",
        )

    def _hit(self, doc: Document, span: Span, message: str, detail: str) -> Hit:
        consulted = "front matter, entry header, file and folder name, date lines, title, first headings"
        return Hit(
            span,
            message,
            evidence=(
                Evidence("consulted", f"no publication date found in: {consulted}", path=doc.path, document=doc.id),
                Evidence("mention", detail, path=doc.path, document=doc.id, line=doc.source.line_of(span.start)),
            ),
            suggestion="add a `date:` to the front matter or a full date to the title",
            verdict=Verdict.UNDETERMINED,
            key=f"undated:{doc.id}",
        )
