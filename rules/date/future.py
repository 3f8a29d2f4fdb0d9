"""date.future: an event dated after the document's publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.temporal import Kind, Mood, Precision, TemporalMention, extract_stated
from checker.extract.temporal.dating import anchor_of, describe, publication_evidence, zoned_publication
from checker.input.documents import Document
from checker.input.published import dateline_around

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_KIND_RELATIVE: Final = Kind.RELATIVE
_MOOD_EVENT: Final = Mood.EVENT


@dataclass(frozen=True)
class FutureOptions:
    grace_days: int = 0  # days after the anchor that still count as not future (time zones)
    coarse: bool = False  # also flag quarter, season and year dates


_COARSE = frozenset({Precision.QUARTER, Precision.SEASON, Precision.YEAR})


class DateFuture(DocumentRule):
    """
    What it flags
        An event told as done or happening (發布, 宣布, 推出, 上線, 開源, 生效,
        released, launched, announced) whose date is after the document's publication
        date, or after --today when the document has none. Plans, forecasts,
        schedules, deadlines and conditions (將於, 預計, 計劃, 截至, 若, will, expected,
        by) are never flagged, nor dates inside 《…》 titles or fiscal-year labels.

    Why it matters
        A digest of 2025-12-15 that reports something "released on 2025-12-20" was
        written with a wrong date, or invented the event: either way the reader is
        misled about what has happened.

    Flagged
        (published 2025-12-15) 2025年12月20日，谷歌正式發布了 Gemini 3。
        (published 2025-09-05) OpenAI 於 2025年10月3日 推出 Sora 2。

    Passes
        (published 2025-12-15) OpenAI 預計於 2026年1月 推出新模型。
        2026年底编程AI将接近人类顶尖程序员水平。
        預計最快將於 2027 年量產。

    Options
        grace-days: days after the publication date that still pass (default 0).
        coarse: also check quarter, season and year dates (default false: "發布了對2026年的
        預測" names a year without dating an event, and such phrases outnumber real
        errors in the corpus).

    Fix
        None: whether the date or the tense is wrong needs the story's source.

    Known limits
        A date followed straight by a bare launch verb and not narrated with 于/在
        ("新设计9月30日正式发布") is read as a schedule in headline style and passes, even
        when the writer meant it as done.
        A date without a year (12月20日) takes the year that puts an event on or before
        the publication month, so it is flagged only when it falls later in the same
        month. The event/plan decision reads cue words around the date; a date with no
        cue at all is not flagged, nor a date in the text of a Markdown link (a cited
        headline).
    """

    meta = RuleMeta("date.future", Severity.ERROR, "an event dated after the document's publication date")
    Options = FutureOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        anchor, phrase = anchor_of(doc, ctx.today)
        limit = anchor + dt.timedelta(days=self.options.grace_days)
        zoned = zoned_publication(doc)
        if zoned is not None and anchor < zoned[0] <= anchor + dt.timedelta(days=1):
            # the file name is dated in another time zone than the article's own timestamp
            limit = max(limit, zoned[0] + dt.timedelta(days=self.options.grace_days))
        src = doc.source
        published: Evidence | None = None  # the same for every hit: built once (a line of dates has thousands)
        for m in extract_stated(doc, anchor):  # (relative dates are no candidates)
            if not self._candidate(m) or m.start is None or m.start <= limit:
                continue
            line = src.line_of(m.span.start)
            if dateline_around(src.text, src.line_starts[line - 1], m.span.start, m.span.end, src.line_ends[line - 1]):
                continue  # a reprinted press release, dated by its own dateline
            if m.precision in _COARSE and not self.options.coarse:
                continue
            if doc.published is None and m.year_inferred and m.context_year is None:
                continue  # a year taken from --today: the finding would depend on the run's month
            when = describe(m)
            days = (m.start - anchor).days
            if published is None:
                published = publication_evidence(doc, anchor, phrase)
            inferred = " (year inferred)" if m.year_inferred else ""
            yield Hit(
                m.span,
                f"event dated {when}{inferred} is {days} day{'s' if days != 1 else ''} after {phrase}",
                evidence=(
                    Evidence(
                        "mention",
                        f"{m.text!r} read as {when}{_year_source(m)}, an event (cue {m.cue!r})",
                        path=doc.path,
                        document=doc.id,
                        line=line,
                        value=m.value,
                    ),
                    published,
                ),
                verdict=Verdict.CONTRADICTED,
                confidence=0.8 if m.year_inferred else 0.9,
            )

    @staticmethod
    def _candidate(m: TemporalMention) -> bool:
        # a cited title ([…10月22日登場](url)) announces in the headline style, where
        # a bare verb is also used for what is scheduled
        return (
            m.mood is _MOOD_EVENT
            and m.kind is not _KIND_RELATIVE
            and m.segment_kind != "title"
            and m.range_role != "end"
            and not m.in_link_text
            and m.ahead is None
        )


def _year_source(m: TemporalMention) -> str:
    if not m.year_inferred or m.start is None:
        return ""
    if m.context_year is not None:
        return f" (year {m.start.year} from an earlier date or heading)"
    return f" (year {m.start.year} inferred)"
