"""What the date rules need beside the mentions: the date a document is checked against and
where it came from, how to write a date or weekday the way the article wrote it, and the small
tests on mentions (a weekday that fits a nearby year, a mention that needs an anchor)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache
from typing import Final

from checker.core.model import Evidence
from checker.extract.temporal import Kind, Mood, Precision, TemporalMention, WeekdayMark
from checker.extract.temporal.model import safe_date
from checker.input.documents import Document
from checker.input.published import SOURCE_NAMES, DateStatement
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_KIND_PARTIAL: Final = Kind.PARTIAL
_KIND_RELATIVE: Final = Kind.RELATIVE
_MOOD_LABEL: Final = Mood.LABEL
_PRECISION_DAY: Final = Precision.DAY
_PRECISION_MONTH: Final = Precision.MONTH
_PRECISION_QUARTER: Final = Precision.QUARTER
_PRECISION_YEAR: Final = Precision.YEAR

ZH_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def anchor_of(doc: Document, today: dt.date) -> tuple[dt.date, str]:
    """The date a document is checked against, and a phrase saying where it came from."""
    if doc.published is not None:
        return doc.published, f"the publication date {doc.published.isoformat()} ({source_phrase(doc)})"
    return today, f"--today {today.isoformat()} (the document has no publication date)"


_PART_WORDS = {
    "M-EARLY": "early",
    "M-MID": "mid",
    "M-LATE": "late",
    "EARLY": "early",
    "MID": "mid",
    "LATE": "late",
    "SPRING": "spring",
    "SUMMER": "summer",
    "AUTUMN": "autumn",
    "WINTER": "winter",
}


def describe(m: TemporalMention) -> str:
    """The period a mention was read as, in words a reader knows (never XXXX-12-M-LATE)."""
    if m.start is None or m.end is None:
        return m.text
    if m.precision is _PRECISION_DAY:
        return m.start.isoformat()
    part = m.value.rsplit("-", 1)[-1] if m.value else ""
    if m.value.endswith(("M-EARLY", "M-MID", "M-LATE")):
        part = "M-" + part
    word = _PART_WORDS.get(part)
    span = f"{m.start.isoformat()} to {m.end.isoformat()}"
    if m.precision is _PRECISION_MONTH:
        month = f"{m.start.year:04d}-{m.start.month:02d}"
        return f"{word} {month} ({span})" if word else month
    if m.precision is _PRECISION_QUARTER:
        return f"{m.start.year:04d}-Q{(m.start.month - 1) // 3 + 1} ({span})"
    if m.precision is _PRECISION_YEAR:
        return f"{m.start.year:04d}"
    return f"{word + ' ' if word else ''}{m.start.year:04d} ({span})"


_ZONED = lazy_compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$")


def zoned_publication(doc: Document) -> tuple[dt.date, str] | None:
    """A publication time with a time zone in the front matter (publishedAtCST:
    2026-07-31T13:00:00+08:00), as the date in its own zone: it beats a file name dated in
    another zone (2026-07-30.zh.md, Pacific time), which may be a day earlier."""
    fm = doc.front_matter
    if not isinstance(fm, dict):
        return None
    best: tuple[dt.date, str] | None = None
    for key, value in fm.items():
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            day = value.date()
        elif isinstance(value, str) and (m := _ZONED.match(value.strip())):
            day_or_none = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if day_or_none is None:
                continue
            day = day_or_none
        else:
            continue
        if best is None or day > best[0]:
            best = (day, str(key))
    return best


def source_phrase(doc: Document) -> str:
    src = doc.published_source or "document"
    name = SOURCE_NAMES.get(src, src)
    if doc.published_span is not None:
        return f"{name}, line {doc.source.line_of(doc.published_span.start)}"
    if src == "path":
        return f"{name} {doc.path.rsplit('/', 1)[-1]!r}"
    return name


def publication_evidence(doc: Document, anchor: dt.date, phrase: str) -> Evidence:
    line = doc.source.line_of(doc.published_span.start) if doc.published_span is not None else None
    return Evidence("publication-date", phrase, path=doc.path, document=doc.id, line=line, value=anchor.isoformat())


def fits_nearby_year(m: TemporalMention, weekday: int, anchor: dt.date | None) -> bool:
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
        full = EN_WEEKDAYS[weekday]
        core = text.strip("() ,.")
        word = full if len(core) > 3 else full[:3]
        return text.replace(core, word)
    zh = ZH_WEEKDAYS[weekday]
    if weekday == 6 and text.rstrip("()（） ").endswith("天"):
        zh = "天"
    # replace the last weekday character, keep prefix and brackets
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "一二三四五六日天":
            return text[:i] + zh + text[i + 1 :]
    return text


# --- date.mismatch ---------------------------------------------------------------------------


def chosen_statement(statements: list[DateStatement], doc: Document) -> DateStatement | None:
    for s in statements:
        if s.source == doc.published_source and s.date == doc.published:
            return s
    return None


def disagrees(s: DateStatement, published: dt.date) -> bool:
    if s.date is None:
        return s.month is not None and s.day is not None and (s.month, s.day) != (published.month, published.day)
    if s.source == "dateline":
        return s.date > published  # a press release dated after the article that reprints it
    return s.date != published


_DIGITS = lazy_compile(r"\d+")


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


_PRESENTER = lazy_compile(rf"[ \t*_，,]*(?:{alternation('temporal', 'presenter-today')})")
_NOWADAYS = lazy_compile(rf"[ \t*_]*(?:{alternation('temporal', 'nowadays-today')}|[：:])")
_NOWADAYS_BEFORE = lazy_compile(rf"(?:{alternation('temporal', 'nowadays-before')})[ \t]*$")
_RECURRING = lazy_compile(rf"(?:{alternation('temporal', 'recurring')})[ \t]*$")
_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》"}
_QUOTE_MARK = lazy_compile('[“”「」『』《》"]')
_BAD_YEAR = lazy_compile(r"(?<![0-9])(?P<y>\d{1,6})[ \t]*年[ \t]*$")


def generic_day(doc: Document, m: TemporalMention) -> bool:
    """今天 that is no date: the presenter's today (今天我们来聊聊, 希望今天的分享), nowadays
    (今天的AI, 今天還不存在), a quoted saying or slogan ("Step Into Tomorrow"), or a recurring
    date (每年6月)."""
    text = doc.source.text
    before = text[max(0, m.span.start - 12) : m.span.start]
    if _RECURRING.search(before):
        return True
    if _inside_quotes(doc, m.span.start):
        return True
    if m.kind is not _KIND_RELATIVE or m.offset_days not in (0, 1):
        return False
    after = text[m.span.end : m.span.end + 12]
    if m.offset_days == 0 and _NOWADAYS_BEFORE.search(before):
        return True
    return bool(_PRESENTER.match(after) or _NOWADAYS.match(after))


def _inside_quotes(doc: Document, offset: int) -> bool:
    """Whether a quotation opened earlier on the offset's line is still open there. Counted by
    bisecting the document's quote positions, found once: copying and counting the line per
    mention was quadratic on one long line."""
    marks = doc.cached("temporal.quote_marks", _quote_marks)
    if not marks:  # most documents of dates quote nothing: no line look-up, no bisection
        return False
    source = doc.source
    line_start = source.line_starts[source.line_of(offset) - 1]

    def count(ch: str) -> int:
        at = marks.get(ch, [])
        return bisect.bisect_left(at, offset) - bisect.bisect_left(at, line_start)

    # a quotation whose opening mark the document never uses is open nowhere
    return any(o in marks and count(o) > count(c) for o, c in _OPEN_QUOTES.items()) or (
        '"' in marks and count('"') % 2 == 1
    )


def _quote_marks(doc: Document) -> dict[str, list[int]]:
    return _file_quote_marks(doc.source.text)


@lru_cache(maxsize=2)
def _file_quote_marks(text: str) -> dict[str, list[int]]:
    """Per file, not per document: the entries of one file share it (each scanned the whole
    file again). Never changed by a reader."""
    out: dict[str, list[int]] = {}
    for q in _QUOTE_MARK.finditer(text):
        out.setdefault(q.group(), []).append(q.start())
    return out


def unreadable_year(doc: Document, m: TemporalMention) -> str | None:
    """The year written before a year-less date that the grammar could not read (2204年7月22日)."""
    if m.kind is not _KIND_PARTIAL:
        return None
    bad = _BAD_YEAR.search(doc.source.text, max(0, m.span.start - 10), m.span.start)
    return bad.group("y") if bad else None


def needs_anchor(m: TemporalMention) -> bool:
    """今天, 本週, 去年, or 5月14日 with no year in its paragraph; not 三年後 (counted from
    whatever the sentence is about) nor a label."""
    if m.mood is _MOOD_LABEL or m.counted:
        return False
    if m.kind is _KIND_RELATIVE:
        return True
    return m.kind is _KIND_PARTIAL and m.context_year is None
