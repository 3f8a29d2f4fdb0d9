"""Settle each document's publication date and where it came from.

The loader has already read the front matter `date` and a dated entry header; this
step gathers every other place where a document states its own date, keeps them all
(`publication_statements(doc)`, read by date.mismatch and date.undated) and picks
the most reliable one for `doc.published` / `published_source` / `published_span`.

Order of reliability, most reliable first, and why:

1. ``front-matter`` (`date:`): machine-read metadata; the site sorts, links and
   archives the article by it.
2. ``entry-header`` (`[2025-03-13]` of a dated entry): the same, for collections.
3. ``path`` (`2025-12-15.md`, `20251215-092748/`, `2026-01-27-ai-news.md`): written
   by the publishing pipeline, and for Jekyll/Hugo sites it *is* the date metadata.
   Only the file name and its own folder are read, so that a dated folder higher up
   (an archive of 2024) does not date every file below it.
4. ``metadata`` (`更新日期:2025-02-12`, `**發布日期：** 2026年4月7日`, `報告日期：`,
   `Published:` in the first lines): a labelled statement of the date, but typed
   into the text, so it can be a placeholder or a guess.
5. ``title`` (front-matter title, entry title, or the first heading: "AI 每日日報 -
   2025年12月15日 星期一", "每日科技新闻汇总 | 20250314"): written by the same
   generator as the body and often copied from a template or an earlier day.
6. ``heading`` (one of the first three headings or paragraphs, if a heading, a line
   wholly in bold or a plain-text file's first line, such as "# 每日AI新闻摘要
   (2025年10月4日)" or "**最佳拍档 - 科技前沿速递 (2025年3月14日)**").
7. ``body`` ("今日是 2025年12月15日", "今天（2026年3月1日）" in the introduction, the
   first 6,000 characters): prose, the most likely to be invented by a language model.
8. ``dateline`` ("香港2025年2月11日 /美通社/" in the first lines): dates the source
   press release, not the article, so it is used only when nothing else dates the
   document (and date.mismatch reports it only when it is after the publication date).

A title or heading date counts only when no verb around it makes it an event or a
plan ("OpenAI 於2025年8月7日發布 GPT-5" as a title is news, not a date line), and only
as a digest's own date: the line names the digest (日報, 週記, 摘要, daily, …) or, in
the title, the date stands alone between separators ("| 20250314 |"). So "| 1月19日大限
|" (a topic) and "**訪談重點整理 (2024/1/22)**" (the interview's date) do not date the
document. Statements without a year ("AI资讯早知道:5月14日全球AI动态全览") are kept
with `date=None`; date.undated reports them.

Only the title, the first lines and the "今日是…" phrases are read here, not the whole
document: the loader settles every document of every run, and a full extraction
belongs to the rules that need one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from checker.core.model import Span
from checker.extract.temporal import Kind, Mood, Precision, TemporalMention, head_mentions, scan_text
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import alternation, substring_gate, words
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN
from checker.text.view import fold

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_KIND_ABSOLUTE: Final = Kind.ABSOLUTE
_KIND_RELATIVE: Final = Kind.RELATIVE
_MOOD_LABEL: Final = Mood.LABEL
_MOOD_UNKNOWN: Final = Mood.UNKNOWN
_PRECISION_DAY: Final = Precision.DAY
_SEGMENTKIND_HEADING: Final = SegmentKind.HEADING
_SEGMENTKIND_PARAGRAPH: Final = SegmentKind.PARAGRAPH

SOURCES = ("front-matter", "entry-header", "path", "metadata", "title", "heading", "body", "dateline")
RANK = {name: i for i, name in enumerate(SOURCES)}

_HEAD_LINES = 14  # labelled metadata and datelines are read in the first lines only
_BODY_CHARS = 6000  # "今日是…" is looked for in the first characters after them (the introduction)
_PATH_DATE = lazy_compile(r"(?<![0-9])((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![0-9])")
# a two-digit year in a file name, 25-07-26 (YY-MM-DD, years 2020-2039; DD-MM-YY only when
# that reading is the date the metadata states)
_PATH_DATE_YY = lazy_compile(r"(?<![0-9])(2\d|3\d)[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?![0-9])")
# the words around a date: checker/lexicon/data/published.toml
_METADATA = lazy_compile(rf"{alternation('published', 'label')}[ \t*_]*[:：][ \t*_]*$", re.IGNORECASE)


def _labelled(before: str) -> bool:
    """_METADATA.search(before), tried only when `before` ends in its colon (the cheap test)."""
    return before.rstrip(" \t*_\n")[-1:] in (":", "：") and _METADATA.search(before) is not None


_METADATA_NOT = lazy_compile(rf"^[ \t*_]*[(（][^)）]{{0,12}}{alternation('published', 'not-label')}")
_BODY = lazy_compile(
    rf"{alternation('published', 'today-is', 'today-is-en')}[ \t*_]*$"
    rf"|(?P<rel>{alternation('published', 'today')})[ \t*_]*[(（][ \t*_]*$"
)
_YESTERDAY = words("published", "yesterday")
_WIRE = alternation("published", "wire")
_DATELINE_AFTER = lazy_compile(rf"^[ \t*_]*(?:/|／)?[ \t]*(?:{_WIRE}|{alternation('published', 'reported')}|--|—)")
_DATELINE_BEFORE = lazy_compile(rf"^[ \t>*_]*[{HAN}A-Za-z ,.]{{0,12}}$")


# how each publication-date source is named in messages
SOURCE_NAMES: dict[str, str] = {
    "front-matter": "front matter",
    "entry-header": "entry header",
    "path": "file name",
    "metadata": "date line",
    "title": "title",
    "heading": "heading",
    "body": "body",
    "dateline": "dateline",
}


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class DateStatement:
    """One place where the document states its own date."""

    source: str  # one of SOURCES
    date: dt.date | None  # None when the statement has no year
    span: Span | None  # None for the path
    text: str  # as written (the path component for `path`)
    month: int | None = None
    day: int | None = None

    @property
    def rank(self) -> int:
        return RANK[self.source]

    def describe(self) -> str:
        where = SOURCE_NAMES[self.source]
        return f"{where} {self.text!r}" if self.source != "front-matter" else f"front matter date {self.text!r}"


def settle_publication(doc: Document) -> None:
    """Fill doc.published / published_source / published_span from the most reliable statement."""
    statements = publication_statements(doc)
    dated = [s for s in statements if s.date is not None]
    if not dated:
        return
    best = min(dated, key=lambda s: s.rank)
    if doc.published is None or RANK.get(doc.published_source or "", 99) > best.rank:
        doc.published = best.date
        doc.published_source = best.source
        doc.published_span = best.span


def publication_statements(doc: Document) -> list[DateStatement]:
    """Every statement of the document's own date, most reliable first."""
    return doc.cached("published.statements", _gather)


def _gather(doc: Document) -> list[DateStatement]:
    out: list[DateStatement] = []
    if doc.published is not None and doc.published_source in ("front-matter", "entry-header"):
        span = doc.published_span
        text = doc.source.slice(span) if span else doc.published.isoformat()
        out.append(DateStatement(doc.published_source, doc.published, span, text.strip("'\" ")))
    if doc.entry_number is None:
        out.extend(_path_statements(doc.path, doc.published))
    out.extend(_text_statements(doc))
    out.sort(key=lambda s: (s.rank, s.span.start if s.span else -1))
    return out


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _path_statements(path: str, known: dt.date | None = None) -> list[DateStatement]:
    parts = PurePath(path).parts
    for part in reversed(parts[-2:]):
        m = _PATH_DATE.search(part)
        if m:
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return [DateStatement("path", d, None, part)]
        m = _PATH_DATE_YY.search(part)
        if m:
            yy, mm, dd = (int(g) for g in m.groups())
            readings = [_date_or_none(2000 + yy, mm, dd), _date_or_none(2000 + dd, mm, yy)]
            # YY-MM-DD, unless the DD-MM-YY reading is the date the metadata states
            read = readings[1] if known is not None and readings[1] == known else readings[0]
            if read is not None:
                return [DateStatement("path", read, None, part)]
    return []


def _text_statements(doc: Document) -> list[DateStatement]:
    """Dated statements in the title, the first lines and "今日是…" phrases of the body.

    Only these places are read; their dates come from the document's extraction
    (`head_mentions`), which the date rules read again, and from a few lines after each
    "今日是…" cue.
    """
    src = doc.source
    head_limit = src.line_starts[min(doc.first_line - 1 + _HEAD_LINES, src.line_count - 1)]
    head_spans = _head_spans(doc)
    out: list[DateStatement] = []
    seen_title = False
    line_texts: dict[int, str] = {}

    def add(source: str, m: TemporalMention, d: dt.date | None) -> None:
        out.append(DateStatement(source, d, m.span, m.text, m.month, m.day))

    def after_of(m: TemporalMention, line_text: str, line_start: int) -> str:
        # the text after a date (read in the first lines and the title), cut only in the
        # branch that reads it (each reads it at most once; most dates read none of it)
        return _line_after(line_text, m.span.end - line_start, len(line_text))

    for m in _candidate_mentions(doc, head_limit):
        if m.precision is not _PRECISION_DAY or m.kind is _KIND_RELATIVE or m.range_role is not None:
            continue
        stated = m.start if m.kind is _KIND_ABSOLUTE else None
        line = src.line_of(m.span.start)
        line_start = src.line_starts[line - 1]
        line_text = line_texts.get(line)
        if line_text is None:  # once per line: a line of thousands of dates must stay linear
            line_text = line_texts[line] = fold(src.text[line_start : src.line_ends[line - 1]])
        # folded: a label written with Kangxi radicals (⽇期：) is 日期：. Cut from the line folded
        # once: fold is one-to-one, so these are the characters a fold of the cut text gives
        before = _line_before(line_text, 0, m.span.start - line_start)
        undecided = m.mood in (_MOOD_UNKNOWN, _MOOD_LABEL) and not m.in_link_text
        if (doc.title_span is not None and doc.title_span.contains(m.span)) or m.segment_kind == "title":
            if not seen_title and undecided and _dates_the_line(line_text, before, after_of(m, line_text, line_start)):
                add("title", m, stated)
                seen_title = True
        elif (
            m.span.start < head_limit
            and _labelled(before)
            and not _METADATA_NOT.match(after_of(m, line_text, line_start))
        ):
            add("metadata", m, stated)
        elif _BODY_GATE.search(before) and (body := _BODY.search(before)):
            # 昨天（12月23日）says the document is of the day after
            yesterday = body.group("rel") in _YESTERDAY
            shift = dt.timedelta(days=1 if yesterday else 0)
            if stated is not None:
                add("body", m, stated + shift)
            elif m.month is not None and m.day is not None:
                shifted = _shift_month_day(m.month, m.day, shift.days)
                out.append(DateStatement("body", None, m.span, m.text, shifted[0], shifted[1]))
        elif (
            m.span.start < head_limit
            and _DATELINE_BEFORE.match(before)
            and _DATELINE_AFTER.match(after_of(m, line_text, line_start))
        ):
            add("dateline", m, stated)
        elif (
            undecided
            and any(s.contains(m.span) for s in head_spans)
            and not _CITATION.search(before)
            and _DIGEST_WORD.search(line_text)
        ):
            # below the title, only a line that names the digest dates it: a bold
            # "訪談重點整理 (2024/1/22)" dates the interview, not the article
            add("heading", m, stated)
    return _first_per_source(out)


# a digest names itself: 日報, 週記, 摘要, daily, … (the date is then the digest's own)
_DIGEST_WORD = lazy_compile(alternation("published", "digest"))
# the date stands alone between separators: "| 20250314 |", "- 2025年12月15日 星期一", "(2025年3月14日)"
_ALONE_BEFORE = lazy_compile(r"(?:^|[|｜:：(（【\[\-–—]|\s[-–—]\s)[ \t*_#]*$")
_ALONE_AFTER = lazy_compile(
    r"^[ \t*_]*(?:[(（]?(?:星期|週|周|禮拜|礼拜)?[一二三四五六日天][)）]?|[A-Z][a-z]+day)?[ \t*_]*"
    r"(?:$|[|｜)）】\]]|\s[-–—]\s)"
)


_DATELINE_BODY = (
    rf"[ \t>*_-]*[{HAN}A-Za-z ,.]{{0,12}}(?:(?:19|20)\d\d[ \t]*年[ \t]*)?\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日"
    rf"[ \t*_]*(?:/|／)?[ \t]*{_WIRE}"
)
_DATELINE_LINE = lazy_compile("^" + _DATELINE_BODY)
# the same, for .match(text, line_start, date_start): match() is anchored at its start and
# endpos ends the text there, so it answers as on the copied line before the date without
# the copy (a copy per date of a 2 MB line of dates cost seconds, growing with the line)
_DATELINE_AT = lazy_compile(_DATELINE_BODY)


def starts_with_dateline(line: str) -> bool:
    """「上海2025年10月8日 /美通社/ --」: a reprinted press release that carries its own date."""
    return bool(_DATELINE_LINE.match(line))


def is_dateline(before: str, after: str) -> bool:
    """The date between `before` (from the line start) and `after` (to the line end) is a dateline."""
    return bool(_DATELINE_AFTER.match(after) and _DATELINE_BEFORE.match(before))


# Both dateline patterns allow at most 12 characters between the line's leading markers and the
# date (_DATELINE_LINE: its place name, then a digit; _DATELINE_BEFORE: the place name, then the
# end): a date further into its line is neither, and its line need not be copied to say so
_LINE_MARKS = lazy_compile(r"[ \t>*_-]*")  # _DATELINE_LINE's leading markers
_BEFORE_MARKS = lazy_compile(r"[ \t>*_]*")  # _DATELINE_BEFORE's
_PLACE_REACH = 12 + 1  # the place name, and the final "\n" `$` may stand before
_DIGIT = lazy_compile(r"\d")


def _run_end(run: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    m = run.match(text, lo, hi)  # (a run matches the empty string: never None)
    return m.end() if m else lo


def dateline_around(text: str, line_start: int, start: int, end: int, line_end: int) -> bool:
    """`starts_with_dateline(before) or is_dateline(before, after)` for the date at [start, end)
    of the line [line_start, line_end) of `text` (before/after: the line's text around the date),
    without copying a long line once per date (a line of thousands of dates stays linear)."""
    place = _run_end(_LINE_MARKS, text, line_start, start)
    if _DIGIT.search(text, place, min(start, place + _PLACE_REACH)) and _DATELINE_AT.match(text, line_start, start):
        return True
    place = _run_end(_BEFORE_MARKS, text, line_start, start)
    if start - place > _PLACE_REACH:
        return False
    return is_dateline(text[line_start:start], text[end:line_end])


_BEFORE_REACH = 80  # characters; every cue read from the text before a date is shorter


def _line_before(text: str, line_start: int, start: int) -> str:
    """The line's text before a date, at most _BEFORE_REACH characters of it: the cue
    patterns are anchored at its end, and a line of thousands of dates must stay linear.
    A cut prefix starts with NUL so that patterns anchored at the line's start fail on it
    as they would on the whole line."""
    if start - line_start <= _BEFORE_REACH:
        return text[line_start:start]
    return "\x00" + text[start - _BEFORE_REACH : start]


def _line_after(text: str, end: int, line_end: int) -> str:
    """The line's text after a date, at most _BEFORE_REACH characters of it (the cue patterns
    are anchored at its start); a cut text ends with NUL so that `$` fails on it as it would
    on the whole line."""
    if line_end - end <= _BEFORE_REACH:
        return text[end:line_end]
    return text[end : end + _BEFORE_REACH] + "\x00"


def _dates_the_line(line: str, before: str, after: str) -> bool:
    """A date in a title or first heading dates the document only in a digest's title
    ("AI 每日日報 - 2025年12月15日") or standing alone ("| 20250314 |"), not as a topic
    ("| 1月19日大限 |")."""
    return bool(_DIGEST_WORD.search(line)) or bool(_ALONE_BEFORE.search(before) and _ALONE_AFTER.match(after))


_CITATION = lazy_compile(r"[,，][ \t]*$")  # (Hugging Face, 2024/02/19): the date of a source
# every branch starts with a literal, so the engine skips from candidate to candidate in C
_BODY_HOT = lazy_compile(alternation("published", "today", "today-is-en"))  # 是 is read by _BODY_FOLLOW
_BODY_FOLLOW = lazy_compile(r"[ \t*_]*(?:是|為|为|[(（])")
# every branch of _BODY holds one of these words: the cheap test before it, once per date
_BODY_GATE = substring_gate(words("published", "today", "today-is", "today-is-en"))


def _shift_month_day(month: int, day: int, days: int) -> tuple[int, int]:
    try:
        d = dt.date(2001, month, day) + dt.timedelta(days=days)  # a year without 29 February
    except ValueError:
        return month, day
    return d.month, d.day


def _candidate_mentions(doc: Document, head_limit: int) -> list[TemporalMention]:
    """Mentions of the places a document dates itself: title, first lines, 今日是…"""
    found: list[TemporalMention] = []
    seen: set[tuple[int, int]] = set()

    def read(text: str, kind: str, to_source: Callable[[int, int], Span]) -> None:
        for m in scan_text(text, kind=kind, to_source=to_source):
            key = (m.span.start, m.span.end)
            if key not in seen:
                seen.add(key)
                found.append(m)

    src = doc.source
    for m in head_mentions(doc, head_limit):
        seen.add((m.span.start, m.span.end))
        found.append(m)
    cues = _find_cues(src.text, head_limit, min(doc.span.end, head_limit + _BODY_CHARS))
    if not cues:
        return found
    prose = [seg for seg in doc.segments if seg.kind in _PROSE]
    starts = [seg.span.start for seg in prose]
    for pos, end in cues:
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0 or pos >= prose[k].span.end or len(prose[k].view.runs) != 1:
            continue  # not in prose, or an HTML view whose offsets are not the source's
        seg = prose[k]
        a = pos - seg.span.start
        b = min(len(seg.text), end - seg.span.start + 30)
        read(seg.text[a:b], _PROSE[seg.kind], _shifted(seg.span.start + a))
    return found


_BOLD_LINE = lazy_compile(r"^[ \t]*\*\*[^*\n]+\*\*[ \t]*$")


def _head_spans(doc: Document) -> list[Span]:
    """Where a digest dates itself near its top: the first three headings or paragraphs,
    if a heading, a line wholly in bold, or the first line of a plain-text file."""
    out: list[Span] = []
    prose: list[Segment] = []
    for s in doc.segments:
        if s.kind is _SEGMENTKIND_HEADING or s.kind is _SEGMENTKIND_PARAGRAPH:
            prose.append(s)
            if len(prose) == 3:
                break
    for k, seg in enumerate(prose):
        first_line = seg.text.split("\n", 1)[0]
        if (
            seg.kind is _SEGMENTKIND_HEADING
            or _BOLD_LINE.match(first_line)
            or (k == 0 and doc.format == "text" and len(first_line.strip()) <= 60)
        ):
            out.append(seg.to_source(0, len(first_line)))
    return out


# _BODY_HOT's words as plain substrings: a scan in C with no lookahead at every position, so
# that the introductions without any of them (most) are not read by the guarded pattern
_BODY_WORDS = substring_gate(words("published", "today", "today-is-en"))


def _find_cues(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if _BODY_WORDS.search(text, lo, hi) is None:
        return out
    for m in _BODY_HOT.finditer(text, lo, hi):
        follow = _BODY_FOLLOW.match(text, m.end())
        if m.group(0).endswith("is") or follow:
            out.append((m.start(), follow.end() if follow else m.end()))
    return out


def _shifted(offset: int) -> Callable[[int, int], Span]:
    return lambda s, e: Span(offset + s, offset + e)


_PROSE = {_SEGMENTKIND_HEADING: "heading", _SEGMENTKIND_PARAGRAPH: "paragraph", SegmentKind.TABLE: "table"}


def _first_per_source(statements: list[DateStatement]) -> list[DateStatement]:
    """One statement per value and wording: a heading that repeats the title is the title."""
    seen: set[tuple[dt.date | None, int | None, int | None, str]] = set()
    out: list[DateStatement] = []
    for s in sorted(statements, key=lambda s: (s.rank, s.span.start if s.span else -1)):
        key = (s.date, s.month, s.day, s.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(s)
    return out


# Where a publication date counts for date.stale and date.anachronism: written by the pipeline
# or as a labelled date, not a date guessed from a heading or the prose.
TRUSTED_PUBLICATION = frozenset({"front-matter", "entry-header", "path", "metadata", "title"})


def trusted_published(doc: Document) -> dt.date | None:
    """`doc.published` when it comes from a trusted place (TRUSTED_PUBLICATION), else None."""
    if doc.published is None or doc.published_source not in TRUSTED_PUBLICATION:
        return None
    return doc.published
