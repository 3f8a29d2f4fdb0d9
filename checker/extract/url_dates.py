"""date.mismatch's reading of URL dates: a table row or list item whose cited URL carries a date in
its path (/2026/04/23/, 2026-04-23, 20260423) and whose own text states the cited article's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.core.model import Span
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import words
from checker.text.lazy_regex import lazy_compile

# a stated date: 2026-04-25, 2026/4/25, 2026.04.25, 2026年4月25日
_STATED = lazy_compile(
    r"(?<![0-9])(20[0-9]{2})\s*(?:[-/.]|年)\s*(1[0-2]|0?[1-9])\s*(?:[-/.]|月)\s*(3[01]|[12][0-9]|0?[1-9])(?:日|号|號)?(?![0-9])"
)
# _STATED without its edges: a necessary condition, searched fast (sre scans for the literal "20"
# first; _STATED's leading look-behind makes it try the whole pattern at every position)
_STATED_HINT = lazy_compile(
    r"20[0-9]{2}\s*(?:[-/.]|年)\s*(?:1[0-2]|0?[1-9])\s*(?:[-/.]|月)\s*(?:3[01]|[12][0-9]|0?[1-9])"
)
_URL = lazy_compile(r"https?://[^\s)\]|>\"'<]+")
# dates in a URL path: /2026/04/23/ (news CMS), 2026-04-23 or 2026_04_23 (slugs), 20260423 at the
# start of a path segment (ids that begin with the day: /202605180207.aspx), or alone after - or _
# (a longer digit run there is a random id's timestamp, vsep6cj9-20260318090017, not the publication)
_PATH_DATE = lazy_compile(
    r"(?:/(?P<y1>20[0-9]{2})/(?P<m1>0[1-9]|1[0-2])/(?P<d1>0[1-9]|[12][0-9]|3[01])(?=[/\-_.]|$))"
    r"|(?:(?<![0-9])(?P<y2>20[0-9]{2})(?P<s>[-_])(?P<m2>0[1-9]|1[0-2])(?P=s)(?P<d2>0[1-9]|[12][0-9]|3[01])(?![0-9]))"
    r"|(?:(?:(?<=/)|(?<=[\-_])(?=[0-9]{8}(?![0-9])))(?P<y3>20[0-9]{2})(?P<m3>0[1-9]|1[0-2])(?P<d3>0[1-9]|[12][0-9]|3[01]))"
)
_CELL_SPLIT = lazy_compile(r"(?<!\\)\|")
_MARKUP = lazy_compile(r"[*_`\s]+")
_LABELLED = lazy_compile(r"[：:]\s*\**\s*$")


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class UrlDate:
    """A date written in a link's path."""

    date: dt.date
    text: str  # as written in the path
    span: Span  # in the source


@dataclass(slots=True, unsafe_hash=True)
class RowDates:
    """A table row's stated date and the label that makes it the article's date."""

    stated: dt.date
    stated_text: str
    stated_span: Span
    label: str  # the column header or label that makes it the article's date
    strict: bool  # the label names the publication (發布日期), not just a date (日期)
    url: UrlDate
    line: int


@lru_cache(maxsize=1)
def _labels() -> tuple[frozenset[str], frozenset[str]]:
    strict = frozenset(w.lower() for w in words("published", "source-date"))
    loose = frozenset(w.lower() for w in words("published", "source-date-loose"))
    return strict, loose


def _label_kind(cell: str) -> bool | None:
    """True for a publication-date label, False for a bare date label, None for anything else."""
    text = _MARKUP.sub(" ", cell).strip().lower()
    strict, loose = _labels()
    if text in strict:
        return True
    if text in loose:
        return False
    return None


def url_dates(url: str, start: int) -> list[UrlDate]:
    """The dates in a URL's path (not its query: a search link's words are not a date). A first
    of the month that is a whole path segment names an edition (a monthly bulletin, an API
    version: /bulletin/2026/2026-04-01), not a day of publication, and is not read."""
    path_end = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    host_end = url.find("/", url.find("//") + 2)
    if host_end < 0 or host_end >= path_end:
        return []
    out: list[UrlDate] = []
    for m in _PATH_DATE.finditer(url, host_end, path_end):
        y = m.group("y1") or m.group("y2") or m.group("y3")
        mo = m.group("m1") or m.group("m2") or m.group("m3")
        d = m.group("d1") or m.group("d2") or m.group("d3")
        try:
            date = dt.date(int(y), int(mo), int(d))
        except ValueError:
            continue
        a, b = m.span()
        if m.group("y2") and d == "01" and url[a - 1 : a] == "/" and (b == path_end or url[b] == "/"):
            continue
        if m.group("y1"):
            a += 1
        out.append(UrlDate(date, url[a:b], Span(start + a, start + b)))
    return out


def _stated(text: str, base: int) -> list[tuple[dt.date, str, Span]]:
    out = []
    for m in _STATED.finditer(text):
        try:
            out.append((dt.date(int(m[1]), int(m[2]), int(m[3])), m.group(0), Span(base + m.start(), base + m.end())))
        except ValueError:
            continue
    return out


def _row_urls(text: str, base: int) -> list[UrlDate]:
    out: list[UrlDate] = []
    for m in _URL.finditer(text):
        out.extend(url_dates(m.group(0), base + m.start()))
    return out


def _judge(
    doc: Document, stated: list[tuple[dt.date, str, Span]], urls: list[UrlDate], label: str, strict: bool
) -> RowDates | None:
    if len(stated) != 1 or not urls:
        return None
    date, text, span = stated[0]
    if len({u.date for u in urls}) != 1:  # the row's URLs disagree among themselves
        return None
    url = urls[0]
    gap = (date - url.date).days
    # a day either way is the time zone between the source and the digest (a story posted late
    # on the 28th in New York is the 29th in Taipei); a bare "date" may be the event's date,
    # which may come before the report, so only a URL earlier than it contradicts
    if abs(gap) < 2 or abs(gap) > 400 or (not strict and gap < 0):
        return None
    return RowDates(date, text, span, label, strict, url, doc.source.line_of(span.start))


def _tables(doc: Document) -> Iterator[list[Segment]]:
    rows: list[Segment] = []
    last = -10
    src = doc.source
    for seg in doc.segments:
        if seg.kind is SegmentKind.TABLE and "table" in seg.containers and "html" not in seg.containers:
            line = src.line_of(seg.span.start)
            if rows and line <= last + 2:
                rows.append(seg)
            else:
                if rows:
                    yield rows
                rows = [seg]
            last = line
        elif rows:
            yield rows
            rows = []
    if rows:
        yield rows


def row_dates(doc: Document) -> Iterator[RowDates]:
    """Table rows whose publication-date column disagrees with the date in the row's URL, and list
    items with a labelled publication date ("Published: 2026-04-25", "發布日期：…") that disagrees
    with the date in the item's URL."""
    if doc.format != "markdown":
        return
    src = doc.source.text
    for rows in _tables(doc):
        header = [c for c in _CELL_SPLIT.split(rows[0].text.strip().strip("|"))]
        cols = [(i, _label_kind(c), c.strip()) for i, c in enumerate(header)]
        dated = [(i, k, c) for i, k, c in cols if k is not None]
        if len(dated) != 1:  # no date column, or two (published and updated): not read
            continue
        col, strict, label = dated[0]
        for seg in rows[1:]:
            row = src[seg.span.start : seg.span.end]
            lead = len(row) - len(row.lstrip())
            body = row.strip()
            skip = 1 if body.startswith("|") else 0
            cells: list[tuple[int, str]] = []
            pos = seg.span.start + lead + skip
            for cell in _CELL_SPLIT.split(body[skip:]):
                cells.append((pos, cell))
                pos += len(cell) + 1
            if len(cells) <= col:
                continue
            at, cell = cells[col]
            stated = _stated(cell, at)
            if len(stated) != 1:
                continue  # what _judge asks first: the row's links are then not read
            urls = [u for i, (p, c) in enumerate(cells) if i != col for u in _row_urls(c, p)]
            found = _judge(doc, stated, urls, label, bool(strict))
            if found is not None:
                yield found
    for seg in doc.segments:
        if seg.kind is not SegmentKind.PARAGRAPH or "list" not in seg.containers:
            continue
        text = src[seg.span.start : seg.span.end]
        # a line is judged only with a stated date and a URL in it, and neither pattern matches
        # in a line what it does not in the item (no anchors; _STATED's edges see no digit across
        # a line break): most items have neither, and are not split and read line by line
        if "http" not in text or _STATED_HINT.search(text) is None or _STATED.search(text) is None:
            continue
        for line_start, line in _lines(text, seg.span.start):
            labelled = [s for s in _stated(line, line_start) if _labelled_before(line[: s[2].start - line_start])]
            if labelled:
                found = _judge(doc, labelled, _row_urls(line, line_start), "label", True)
                if found is not None:
                    yield found


def _lines(text: str, base: int) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield base + pos, line
        pos += len(line)


def _labelled_before(before: str) -> bool:
    """The text before a date ends in a publication label and a colon ("Published: ", "發布日期：")
    or in "published on"."""
    strict, _ = _labels()
    m = _LABELLED.search(before)
    head = before[: m.start()] if m else before
    head = _MARKUP.sub(" ", head).rstrip().lower()
    return any(head.endswith(w) and (m is not None or w.endswith(" on")) for w in strict)
