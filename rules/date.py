"""The date family: future-dated events, self-contradicting publication dates, wrong
weekdays, undated documents. All four read `checker.extract.temporal.extract_dates` and
`checker.input.published.publication_statements`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.temporal import Kind, Mood, Precision, TemporalMention, WeekdayMark, extract_dates
from checker.input.documents import Document
from checker.input.published import (
    SOURCE_NAMES,
    DateStatement,
    is_dateline,
    publication_statements,
    starts_with_dateline,
)

_ZH_WEEKDAYS = "一二三四五六日"
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _anchor(doc: Document, ctx: RunContext) -> tuple[dt.date, str]:
    """The date a document is checked against, and a phrase saying where it came from."""
    if doc.published is not None:
        return doc.published, f"the publication date {doc.published.isoformat()} ({_source_phrase(doc)})"
    return ctx.today, f"--today {ctx.today.isoformat()} (the document has no publication date)"


def _source_phrase(doc: Document) -> str:
    src = doc.published_source or "document"
    name = SOURCE_NAMES.get(src, src)
    if doc.published_span is not None:
        return f"{name}, line {doc.source.line_of(doc.published_span.start)}"
    if src == "path":
        return f"{name} {doc.path.rsplit('/', 1)[-1]!r}"
    return name


def _publication_evidence(doc: Document, anchor: dt.date, phrase: str) -> Evidence:
    line = doc.source.line_of(doc.published_span.start) if doc.published_span is not None else None
    return Evidence("publication-date", phrase, path=doc.path, document=doc.id, line=line, value=anchor.isoformat())


# --- date.future -----------------------------------------------------------------------------


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

    Known limits
        A date without a year (12月20日) takes the year that puts an event on or before
        the publication month, so it is flagged only when it falls later in the same
        month. The event/plan decision reads cue words around the date; a date with no
        cue at all is not flagged, nor a date in the text of a Markdown link (a cited
        headline).
    """

    meta = RuleMeta("date.future", Severity.ERROR, "an event dated after the document's publication date")
    Options = FutureOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        anchor, phrase = _anchor(doc, ctx)
        limit = anchor + dt.timedelta(days=self.options.grace_days)
        src = doc.source
        for m in extract_dates(doc, anchor):
            if not self._candidate(m) or m.start is None or m.start <= limit:
                continue
            line = src.line_of(m.span.start)
            before = src.text[src.line_starts[line - 1] : m.span.start]
            after = src.text[m.span.end : src.line_ends[line - 1]]
            if starts_with_dateline(before) or is_dateline(before, after):
                continue  # a reprinted press release, dated by its own dateline
            if m.precision in _COARSE and not self.options.coarse:
                continue
            when = m.start.isoformat() if m.precision is Precision.DAY else m.value
            days = (m.start - anchor).days
            inferred = " (year inferred)" if m.year_inferred else ""
            yield Hit(
                m.span,
                f"event dated {when}{inferred} is {days} day{'s' if days != 1 else ''} after {phrase}",
                evidence=(
                    Evidence(
                        "mention",
                        f"{m.text!r} read as {when}, an event (cue {m.cue!r})",
                        path=doc.path,
                        document=doc.id,
                        line=doc.source.line_of(m.span.start),
                        value=m.value,
                    ),
                    _publication_evidence(doc, anchor, phrase),
                ),
                verdict=Verdict.CONTRADICTED,
                confidence=0.8 if m.year_inferred else 0.9,
            )

    @staticmethod
    def _candidate(m: TemporalMention) -> bool:
        # a cited title ([…10月22日登場](url)) announces in the headline style, where
        # a bare verb is also used for what is scheduled
        return (
            m.mood is Mood.EVENT
            and m.kind is not Kind.RELATIVE
            and m.segment_kind != "title"
            and m.range_role != "end"
            and not m.in_link_text
        )


# --- date.weekday ----------------------------------------------------------------------------


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

    Known limits
        A date without a year is checked in the year inferred from the publication
        date; when the weekday fits the same date a year earlier or later, nothing is
        reported. Undated documents are checked only for dates with a year.
    """

    meta = RuleMeta("date.weekday", Severity.ERROR, "a weekday beside a date that falls on another day")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        for m in extract_dates(doc):
            mark = m.weekday
            if mark is None or m.precision is not Precision.DAY or m.start is None:
                continue
            actual = m.start.weekday()
            if actual == mark.weekday:
                continue
            if m.kind is Kind.PARTIAL and _fits_nearby_year(m, mark.weekday, doc.published):
                continue
            right = weekday_like(mark, actual)
            yield Hit(
                mark.span,
                f"{m.text} ({m.start.isoformat()}{', year inferred' if m.year_inferred else ''}) is a "
                f"{_EN_WEEKDAYS[actual]}, not {mark.text.strip('()（） ')}",
                evidence=(
                    Evidence(
                        "calendar",
                        f"{m.start.isoformat()} falls on a {_EN_WEEKDAYS[actual]}",
                        path=doc.path,
                        document=doc.id,
                        line=doc.source.line_of(m.span.start),
                        value=m.start.isoformat(),
                    ),
                ),
                suggestion=right,
                verdict=Verdict.CONTRADICTED,
                confidence=0.85 if m.year_inferred else 0.95,
            )


def _fits_nearby_year(m: TemporalMention, weekday: int, anchor: dt.date | None) -> bool:
    """The weekday is right for the same day a year earlier or later, still within half a
    year of the publication date: the inferred year may be the wrong one."""
    assert m.start is not None and m.month is not None and m.day is not None
    for y in (m.start.year - 1, m.start.year + 1):
        try:
            other = dt.date(y, m.month, m.day)
        except ValueError:
            continue
        near = anchor is None or abs((other - anchor).days) <= 183
        if other.weekday() == weekday and near:
            return True
    return False


def weekday_like(mark: WeekdayMark, weekday: int) -> str:
    """The right weekday written the way the wrong one was."""
    text = mark.text
    if mark.style == "en":
        full = _EN_WEEKDAYS[weekday]
        core = text.strip("() ,.")
        word = full if len(core) > 3 else full[:3]
        return text.replace(core, word)
    zh = _ZH_WEEKDAYS[weekday]
    if weekday == 6 and text.rstrip("()（） ").endswith("天"):
        zh = "天"
    # replace the last weekday character, keep prefix and brackets
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "一二三四五六日天":
            return text[:i] + zh + text[i + 1 :]
    return text


# --- date.mismatch ---------------------------------------------------------------------------


class DateMismatch(DocumentRule):
    """
    What it flags
        A document whose own statements of its date disagree: the front matter, the
        entry header [YYYY-MM-DD], the file or folder name, a labelled date line
        (更新日期:, 發布日期:, 日期:), the title or first heading, "今日是…" / "今天（…）"
        in the body, a dateline. The most reliable statement dates the document (see
        checker/published.py for the order); each other value is reported once, at its
        first place, with both dates and both places.

    Why it matters
        An entry headed [2025-03-13] whose title says 20250314, or a post dated
        2025-09-05 whose body says 日期: 2025年10月5日, tells readers two different
        days; every relative date ("今天", "本週") in it is then ambiguous.

    Flagged
        [2025-03-13] 每日科技新闻汇总 | 20250314
        (front matter date 2025-09-05) **日期**: 2025年10月5日

    Passes
        title "AI 每日日報 - 2025年12月15日 星期一", date: "2025-12-15"
        香港2025年2月11日 /美通社/ in an article of 2025-02-12 (a dateline dates the
        source press release, so an earlier one is fine)

    Options
        None.

    Known limits
        A title or heading date counts only when no verb near it makes it the date of
        a reported event. A dateline is reported only when it is after the publication
        date. Statements without a year are compared by month and day.
    """

    meta = RuleMeta("date.mismatch", Severity.ERROR, "the document's own statements of its date disagree")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        published = doc.published
        if published is None:
            return
        statements = publication_statements(doc)
        chosen = _chosen(statements, doc)
        by_value: dict[tuple[int | None, int, int], list[DateStatement]] = {}
        for s in statements:
            if s is chosen or not _disagrees(s, published):
                continue
            key = (
                s.date.year if s.date else None,
                s.date.month if s.date else s.month or 0,
                s.date.day if s.date else s.day or 0,
            )
            by_value.setdefault(key, []).append(s)
        for group in by_value.values():
            hit = self._hit(doc, published, chosen, group)
            if hit is not None:
                yield hit

    def _hit(
        self, doc: Document, published: dt.date, chosen: DateStatement | None, group: list[DateStatement]
    ) -> Hit | None:
        first = min(group, key=lambda s: (s.span is None, s.rank))
        where_pub = chosen.describe() if chosen else (doc.published_source or "document")
        other = first.date.isoformat() if first.date else f"{first.month:02d}-{first.day:02d} (no year)"
        evidence = [
            Evidence(
                "publication-date",
                f"{where_pub} dates the document {published.isoformat()}",
                path=doc.path,
                document=doc.id,
                line=doc.source.line_of(chosen.span.start) if chosen and chosen.span else None,
                value=published.isoformat(),
            ),
        ]
        for s in group:
            evidence.append(
                Evidence(
                    "date-statement",
                    f"{s.describe()} says {s.date.isoformat() if s.date else s.text}",
                    path=doc.path,
                    document=doc.id,
                    line=doc.source.line_of(s.span.start) if s.span else None,
                    value=s.date.isoformat() if s.date else None,
                )
            )
        if first.span is not None:
            span, flagged = first.span, first
            suggestion = restyle(first.text, published) if first.date or first.month else None
        elif chosen is not None and chosen.span is not None:  # the file name disagrees: point at the winner
            span, flagged, suggestion = chosen.span, chosen, None
        else:
            return None  # nothing in the text to point at
        message = (
            f"{first.describe()} dates the document {other}, but {where_pub} says {published.isoformat()}"
            if flagged is first
            else f"{where_pub} dates the document {published.isoformat()}, but {first.describe()} says {other}"
        )
        return Hit(
            span, message, evidence=tuple(evidence), suggestion=suggestion, verdict=Verdict.INCONSISTENT, confidence=0.9
        )


def _chosen(statements: list[DateStatement], doc: Document) -> DateStatement | None:
    for s in statements:
        if s.source == doc.published_source and s.date == doc.published:
            return s
    return None


def _disagrees(s: DateStatement, published: dt.date) -> bool:
    if s.date is None:
        return s.month is not None and s.day is not None and (s.month, s.day) != (published.month, published.day)
    if s.source == "dateline":
        return s.date > published  # a press release dated after the article that reprints it
    return s.date != published


_DIGITS = re.compile(r"\d+")


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def restyle(text: str, date: dt.date) -> str | None:
    """`date` written like `text` (20250314, 2025年3月14日, 2025-03-14, 3月14日, Dec 15, 2025)."""
    if re.search(r"[A-Za-z]", text):
        return _restyle_english(text, date)
    runs = list(_DIGITS.finditer(text))
    if len(runs) == 1 and len(runs[0].group(0)) == 8:
        return date.strftime("%Y%m%d")
    values = [date.year, date.month, date.day]
    if len(runs) == 2:
        values = [date.month, date.day]
    elif len(runs) != 3:
        return None
    out, pos = [], 0
    for run, value in zip(runs, values, strict=True):
        width = len(run.group(0)) if run.group(0).startswith("0") or len(run.group(0)) == 4 else 1
        out.append(text[pos : run.start()])
        out.append(f"{value:0{width}d}")
        pos = run.end()
    out.append(text[pos:])
    return "".join(out)


def _restyle_english(text: str, date: dt.date) -> str | None:
    name = re.search(r"[A-Z][a-z]+", text)
    if name is None:
        return None
    month = _MONTH_NAMES[date.month - 1]
    word = month if len(name.group(0)) > 4 else month[:3]
    has_year = re.search(r"\d{4}", text) is not None
    if re.match(r"\d", text):  # 15 December 2025
        return f"{date.day} {word}" + (f" {date.year}" if has_year else "")
    dot = "." if text[name.end() : name.end() + 1] == "." else ""
    return f"{word}{dot} {date.day}" + (f", {date.year}" if has_year else "")


# --- date.undated ----------------------------------------------------------------------------


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

    Known limits
        Only the places listed in checker/published.py count as a document's date; a
        date given only in the middle of the prose does not.
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
        needy = next((m for m in extract_dates(doc, None) if _needs_anchor(m)), None)
        if needy is None:
            return
        what = "a relative date" if needy.kind is Kind.RELATIVE else "a date without a year"
        yield self._hit(
            doc,
            needy.span,
            f"no publication date: {what} ({needy.text!r}) cannot be placed in time; date rules used --today {today}",
            f"first {what} in the document, line {doc.source.line_of(needy.span.start)}",
        )

    def _hit(self, doc: Document, span: Span, message: str, detail: str) -> Hit:
        consulted = "front matter, entry header, file and folder name, date lines, title, first headings, body"
        return Hit(
            span,
            message,
            evidence=(
                Evidence("consulted", f"no dated statement found in: {consulted}", path=doc.path, document=doc.id),
                Evidence("mention", detail, path=doc.path, document=doc.id, line=doc.source.line_of(span.start)),
            ),
            suggestion="add a `date:` to the front matter or a full date to the title",
            verdict=Verdict.UNDETERMINED,
            key=f"undated:{doc.id}",
        )


def _needs_anchor(m: TemporalMention) -> bool:
    """今天, 本週, 去年, or 5月14日 with no year in its paragraph; not 三年後 (counted from
    whatever the sentence is about) nor a label."""
    if m.mood is Mood.LABEL or m.counted:
        return False
    if m.kind is Kind.RELATIVE:
        return True
    return m.kind is Kind.PARTIAL and m.context_year is None
