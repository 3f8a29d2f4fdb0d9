"""Temporal mentions: every date expression of a document, found by our own grammar.

Public API (the date rules and date.stale / date.anachronism read only this):

    extract_dates(doc, anchor=...) -> list[TemporalMention]
        Every mention in the document's prose (headings, paragraphs, table rows), its
        title and its front-matter title/description, in source order, resolved
        against `anchor` (default: the document's publication date; pass --today for
        an undated document). Cached per document and anchor.
    presented_as_new(mention, anchor) -> bool
        The mention dates an event to the anchor day itself (今日發布, today, the
        publication date written out): the thing is presented as new.
    novelty_claims(doc) -> list[NoveltyClaim]
        Phrases that present something as just released (今日發布, 剛剛推出, 最新發布,
        just released, launched today), with or without a date.
    scan_text(text, kind=..., anchor=..., to_source=...) -> list[TemporalMention]
        Mentions in a bare string (tests, other extractors, a few lines of a document).
    head_mentions(doc, limit) -> list[TemporalMention]
        Mentions before a source offset, unresolved (checker.input.published reads the title
        and the first lines with it, without extracting the whole document).

Each mention has its source span, the text as written, its kind (absolute, partial,
relative), precision (day, week, month, quarter, season, year), a normalised value
(2025-12-15, XXXX-05-14, 2025-Q3, 2025-H1), the period it means (`start`/`end`), an
attached weekday, its mood (event, plan, label, unknown, with the deciding cue), its
place in a range, and whether it is inside a Markdown link text (a cited headline).

Segments of kind CODE, HTML and COMMENT are never read; URLs, inline code and HTML
tags inside prose are blanked before matching (checker.extract.temporal.text). The whole
document is read as one string (see `Layout`), so each pattern runs once per document:
over the 17 MB real corpus the extraction takes about 1.5 s of CPU.

Module map: text.py (offset-preserving folding and masking), grammar.py (the
patterns), mood.py (event or plan), resolve.py (calendar periods against an anchor),
model.py (the value types).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.core.model import Span
from checker.extract.temporal import grammar, mood, resolve
from checker.extract.temporal.grammar import EN_WEEKDAYS, ZH_WEEKDAY, Raw
from checker.extract.temporal.model import (
    Kind,
    Mood,
    Precision,
    TemporalMention,
    WeekdayMark,
)
from checker.extract.temporal.text import MASK, prepare
from checker.input.documents import Document, SegmentKind

__all__ = [
    "Kind",
    "Mood",
    "NoveltyClaim",
    "Precision",
    "TemporalMention",
    "WeekdayMark",
    "extract_dates",
    "head_mentions",
    "layout",
    "novelty_claims",
    "presented_as_new",
    "scan_text",
]

_FM_KEYS = re.compile(r"^(title|description|summary|excerpt|subtitle)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Found:
    """A mention before resolution: what the text states, and its mood."""

    raw: Raw
    span: Span
    text: str
    unit_kind: str
    mood: Mood
    cue: str | None
    weekday: WeekdayMark | None
    range_role: str | None
    in_link_text: bool
    context: tuple[int, int] | None = None  # (year, month) of an earlier full date in the same piece


@dataclass(frozen=True, slots=True)
class NoveltyClaim:
    span: Span
    text: str
    cue: str


_DEFAULT = object()
_AS_OF = frozenset({"截至", "截止", "截至於", "截止於"})


def extract_dates(doc: Document, anchor: dt.date | object | None = _DEFAULT) -> list[TemporalMention]:
    """Every temporal mention of `doc`, resolved against `anchor` (default doc.published)."""
    a = doc.published if anchor is _DEFAULT else anchor
    assert a is None or isinstance(a, dt.date)
    return doc.cached(f"temporal@{a}", lambda d: [resolve_found(f, a) for f in found_mentions(d)])


def found_mentions(doc: Document) -> list[Found]:
    return doc.cached("temporal.found", lambda d: _find_in_layout(layout(d)))


def scan_text(
    text: str,
    *,
    kind: str = "paragraph",
    anchor: dt.date | None = None,
    to_source: Callable[[int, int], Span] | None = None,
) -> list[TemporalMention]:
    """Mentions in a bare string: offsets into it, or mapped by `to_source`.

    For tests, for other extractors, and for reading a few lines of a document (its
    title, its first lines) without extracting the whole of it.
    """
    lay = Layout(text)
    lay.add(0, len(text), kind, 0, to_source)
    return [resolve_found(f, anchor) for f in _find_in_layout(lay)]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the layout text that is read, with its kind and its way back to the source."""

    start: int
    end: int
    kind: str  # "title", "front-matter", "heading", "paragraph", "table"
    src_start: int  # source offset of `start` when the piece is a copy of the source
    to_source: Callable[[int, int], Span] | None  # otherwise: piece-relative offsets to a source span


class Layout:
    """What is read of a document as one string, so that each pattern runs once per document.

    For Markdown and plain text the string is the document's own text with code, HTML
    blocks and the rest of the front matter blanked, so offsets are source offsets; for
    HTML the segment views are joined. Pieces are kept as parallel lists (a document
    has thousands) and materialised only where a date is found.
    """

    __slots__ = ("ends", "kinds", "mappers", "src_starts", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kinds: list[str] = []
        self.src_starts: list[int] = []
        self.mappers: list[Callable[[int, int], Span] | None] = []

    def add(
        self, start: int, end: int, kind: str, src_start: int, mapper: Callable[[int, int], Span] | None = None
    ) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.kinds.append(kind)
        self.src_starts.append(src_start)
        self.mappers.append(mapper)

    @property
    def pieces(self) -> list[Piece]:
        return [self.piece(k) for k in range(len(self.starts))]

    def piece(self, k: int) -> Piece:
        return Piece(self.starts[k], self.ends[k], self.kinds[k], self.src_starts[k], self.mappers[k])

    def piece_at(self, pos: int) -> Piece | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.starts[k] <= pos < self.ends[k]:
            return self.piece(k)
        return None

    def to_source(self, piece: Piece, start: int, end: int) -> Span:
        if piece.to_source is None:
            return Span(piece.src_start + start - piece.start, piece.src_start + end - piece.start)
        return piece.to_source(start - piece.start, end - piece.start)


def layout(doc: Document) -> Layout:
    return doc.cached("temporal.layout", _layout)


def head_mentions(doc: Document, limit: int) -> list[TemporalMention]:
    """Mentions in the read pieces that start before source offset `limit` (the title,
    the first lines), without extracting the rest of the document; not resolved."""
    if "temporal.found" in doc._cache:
        return [resolve_found(f, None) for f in found_mentions(doc) if f.span.start < limit]
    full = _layout(doc, limit)
    return [resolve_found(f, None) for f in _find_in_layout(full)]


_READ = {SegmentKind.HEADING: "heading", SegmentKind.PARAGRAPH: "paragraph", SegmentKind.TABLE: "table"}
_GAP_RUN = re.compile(r"[^\r\n]+")


def _gap_mask(m: re.Match[str]) -> str:
    return MASK * (m.end() - m.start())


def _layout(doc: Document, limit: int | None = None) -> Layout:
    spans: list[tuple[Span, str, Callable[[int, int], Span] | None]] = []
    if doc.entry_number is not None and doc.title_span is not None:
        spans.append((doc.title_span, "title", None))
    html = doc.format == "html"
    for seg in doc.segments:
        if limit is not None and seg.span.start >= limit:
            break
        kind = _READ.get(seg.kind)
        if kind is not None:
            # Markdown and plain-text views are copies of the source; HTML views are not
            spans.append((seg.span, kind, seg.to_source if html else None))
        elif seg.kind is SegmentKind.FRONT_MATTER:
            for m in _FM_KEYS.finditer(seg.text):
                fm_kind = "title" if m.group(1) == "title" else "front-matter"
                spans.append((seg.to_source(m.start(2), m.end(2)), fm_kind, None))
    spans.sort(key=lambda t: t[0].start)
    if limit is not None:
        spans = [t for t in spans if t[0].start < limit]
    if not html:
        return _identity_layout(doc, spans, limit)
    return _joined_layout(doc, spans)


def _identity_layout(
    doc: Document, spans: list[tuple[Span, str, Callable[[int, int], Span] | None]], limit: int | None = None
) -> Layout:
    src = doc.source.text
    base = doc.span.start
    stop = (
        doc.span.end if limit is None else max(base, min(doc.span.end, max((s.end for s, _, _ in spans), default=base)))
    )
    read: list[tuple[int, int, str]] = []
    pos = base
    for span, kind, _ in spans:
        if span.start < pos or span.end > stop:
            continue  # overlapping or outside the document: read once only
        read.append((span.start, span.end, kind))
        pos = span.end
    # blank what is not read (code, HTML blocks, the rest of the front matter); the gaps
    # between read segments (blank lines, list and heading markers) can stay as they are
    inner = [(a, b) for a, b, kind in read if kind in ("title", "front-matter")]
    hidden: list[tuple[int, int]] = []
    for seg in doc.segments:
        if seg.span.start >= stop:
            break
        if seg.kind not in _READ:
            hidden.extend(_minus(seg.span.start, min(seg.span.end, stop), inner))
    if hidden:
        parts: list[str] = []
        pos = base
        for a, b in sorted(hidden):
            a = max(a, pos)
            if b <= a:
                continue
            parts.append(src[pos:a])
            parts.append(_GAP_RUN.sub(_gap_mask, src[a:b]))
            pos = b
        parts.append(src[pos:stop])
        lay = Layout("".join(parts))
    else:
        lay = Layout(src[base:stop])
    lay.starts = [a - base for a, _, _ in read]
    lay.ends = [b - base for _, b, _ in read]
    lay.kinds = [k for _, _, k in read]
    lay.src_starts = [a for a, _, _ in read]
    lay.mappers = [None] * len(read)
    return lay


def _minus(a: int, b: int, inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[a, b) without the read spans inside it (a front-matter title inside the front matter)."""
    out: list[tuple[int, int]] = []
    for ps, pe in inner:
        if pe <= a or ps >= b:
            continue
        if ps > a:
            out.append((a, ps))
        a = max(a, pe)
    if a < b:
        out.append((a, b))
    return out


# HTML views are joined by a break and a mask character
_JOIN = "\n" + MASK + "\n"


def _joined_layout(doc: Document, spans: list[tuple[Span, str, Callable[[int, int], Span] | None]]) -> Layout:
    views = {seg.span: seg.text for seg in doc.segments if seg.kind in _READ}
    parts: list[str] = []
    lay = Layout("")
    pos = 0
    for span, kind, mapper in spans:
        text = doc.source.slice(span) if mapper is None else views.get(span, "")
        parts.append(text)
        parts.append(_JOIN)
        lay.add(pos, pos + len(text), kind, span.start, mapper)
        pos += len(text) + len(_JOIN)
    lay.text = "".join(parts)
    return lay


def _find_in_layout(lay: Layout) -> list[Found]:
    if not lay.starts:
        return []
    prepared = prepare(lay.text)
    text = prepared.text
    raws = grammar.scan(text)
    extra = [
        r
        for k, kind in enumerate(lay.kinds)
        if kind in ("title", "heading")
        for r in grammar.scan_compact(text, lay.starts[k], lay.ends[k])
    ]
    if extra:
        raws = grammar.merge(raws, extra)
    if not raws:
        return []
    roles = _range_roles(text, raws)
    bounds = mood.Boundaries(text)
    out: list[Found] = []
    context: tuple[int, int, int] | None = None  # (piece start, year, month) of the last full date
    for k, raw in enumerate(raws):
        piece = lay.piece_at(raw.start)
        if piece is None or raw.end > piece.end:
            continue
        in_context = context[1:] if context is not None and context[0] == piece.start else None
        if raw.year is not None and raw.month is not None and not raw.relative:
            context = (piece.start, raw.year, raw.month)
        start, end = raw.start, raw.end
        if roles.get(k) == "start" and k + 1 < len(raws):
            end = raws[k + 1].end
        elif roles.get(k) == "end" and k > 0:
            start = raws[k - 1].start
        cue: str | None
        if raw.family == "fiscal" or raw.extras.get("label"):
            md, cue = Mood.LABEL, raw.extras.get("label", "財年")
        else:
            md, cue = mood.classify(text, start, end, bounds)
            if raw.relative and md is Mood.LABEL:
                md = Mood.UNKNOWN
        weekday = _weekday_mark(text, raw, lay, piece) if not raw.relative else None
        out.append(
            Found(
                raw=raw,
                span=lay.to_source(piece, raw.start, raw.end),
                text=lay.text[raw.start : raw.end],
                unit_kind=piece.kind,
                mood=md,
                cue=cue,
                weekday=weekday,
                range_role=roles.get(k),
                in_link_text=_in_link_text(lay.text, raw.start, raw.end),
                context=in_context if raw.year is None and not raw.relative else None,
            )
        )
    return out


_LINK_OPEN = re.compile(r"(?<!!)\[[^\[\]\n]*$")
_LINK_CLOSE = re.compile(r"[^\[\]\n]*\]\(")


def _in_link_text(text: str, start: int, end: int) -> bool:
    """Inside the [text] of a Markdown link [text](url): a cited title."""
    if "[" not in text[max(0, start - 400) : start]:
        return False
    return bool(_LINK_OPEN.search(text, max(0, start - 400), start) and _LINK_CLOSE.match(text, end))


_CONNECTOR = re.compile(r"[ \t*_]*(?:\([^()\n]{1,6}\))?[ \t*_]*(?:至|到|~|-|–|—|－|～|to|through)[ \t*_]*$")


def _range_roles(text: str, raws: list[Raw]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for k in range(len(raws) - 1):
        a, b = raws[k], raws[k + 1]
        if a.relative or b.relative:
            continue
        if a.extras.get("range") == "start" and b.extras.get("range") == "end":
            roles[k], roles[k + 1] = "start", "end"
            continue
        gap = text[a.end : b.start]
        if len(gap) <= 12 and _CONNECTOR.match(gap):
            roles.setdefault(k, "start")
            roles[k + 1] = "end"
    return roles


# --- weekdays -------------------------------------------------------------------------------

_WD_AFTER_ZH = re.compile(
    r"[ \t*_]*[,，]?[ \t*_]*(?P<o>[(（][ \t]*)?(?P<pre>星期|週|周|禮拜|礼拜)(?P<wd>[一二三四五六日天])(?:[ \t]*[)）])?"
)
_WD_AFTER_BARE = re.compile(r"[ \t]*(?P<o>[(（])(?P<wd>[一二三四五六日])[)）]")
_WD_AFTER_EN = re.compile(
    r"[ \t*_]*,?[ \t]*\(?(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?\)?"
    r"(?![A-Za-z])"
)
_WD_BEFORE_ZH = re.compile(r"(?P<pre>星期|週|周|禮拜|礼拜)(?P<wd>[一二三四五六日天])[ \t]*[(（][ \t*_]*$")
_WD_BEFORE_EN = re.compile(
    r"(?<![A-Za-z])(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"\.?,?[ \t]+$"
)
_EN_SHORT = {w[:3]: i for i, w in enumerate(EN_WEEKDAYS)}


def _weekday_mark(text: str, raw: Raw, lay: Layout, piece: Piece) -> WeekdayMark | None:
    if raw.precision is not Precision.DAY:
        return None
    for pattern, style_of in ((_WD_AFTER_ZH, "zh"), (_WD_AFTER_BARE, "bare"), (_WD_AFTER_EN, "en")):
        m = pattern.match(text, raw.end)
        if m is None:
            continue
        wd_text = m.group("wd")
        if style_of == "en":
            weekday = _EN_SHORT[wd_text[:3].lower()]
            style = "en"
        else:
            weekday = ZH_WEEKDAY[wd_text]
            style = m.group("pre") if style_of == "zh" else "("
        s = m.start("o") if m.groupdict().get("o") else m.start("pre") if style_of == "zh" else m.start("wd")
        e = m.end()
        while e > s and text[e - 1] in " \t*_":
            e -= 1
        if s < piece.start or e > piece.end:
            return None
        return WeekdayMark(lay.to_source(piece, s, e), lay.text[s:e], weekday, style)
    head = text[max(0, raw.start - 16) : raw.start]
    for pattern, style_of in ((_WD_BEFORE_ZH, "zh"), (_WD_BEFORE_EN, "en")):
        m = pattern.search(head)
        if m is None:
            continue
        offset = raw.start - len(head)
        wd_text = m.group("wd")
        if style_of == "en":
            weekday, style = _EN_SHORT[wd_text[:3].lower()], "en"
            s, e = offset + m.start("wd"), offset + m.end("wd")
        else:
            weekday, style = ZH_WEEKDAY[wd_text], m.group("pre")
            s, e = offset + m.start("pre"), offset + m.end("wd")
        if s < piece.start or e > piece.end:
            return None
        return WeekdayMark(lay.to_source(piece, s, e), lay.text[s:e], weekday, style)
    return None


# --- resolution -----------------------------------------------------------------------------


def resolve_found(f: Found, anchor: dt.date | None) -> TemporalMention:
    raw = f.raw
    period: resolve.Period | None = None
    year_inferred = False
    offset: int | None = None
    if raw.relative:
        kind = Kind.RELATIVE
        if anchor is not None:
            period = resolve.relative_period(raw, anchor)
        if raw.rel_unit == "day":
            offset = raw.rel_count
    elif raw.year is not None:
        kind = Kind.ABSOLUTE
        period = resolve.stated_period(raw, raw.year)
    elif raw.family == "fiscal":
        kind = Kind.ABSOLUTE
    else:
        kind = Kind.PARTIAL
        if f.context is not None and raw.month is not None and raw.month >= f.context[1]:
            # the paragraph gave the year: 2025年9月30日发布了 Sora 2，10月1日推出了 App
            period = resolve.stated_period(raw, f.context[0])
            year_inferred = True
        elif anchor is not None and raw.month is not None:
            # 截至3月21日 ("as of") looks back as often as forward: the nearest year
            tense = Mood.UNKNOWN if f.cue in _AS_OF else f.mood
            period = resolve.stated_period(raw, resolve.infer_year(raw, anchor, tense))
            year_inferred = True
    start, end = period if period else (None, None)
    return TemporalMention(
        span=f.span,
        text=f.text,
        kind=kind,
        precision=raw.precision,
        value=_value(raw, kind, start),
        start=start,
        end=end,
        year=raw.year,
        month=raw.month,
        day=raw.day,
        weekday=f.weekday,
        mood=f.mood,
        cue=f.cue,
        offset_days=offset,
        range_role=f.range_role,
        segment_kind=f.unit_kind,
        year_inferred=year_inferred,
        in_link_text=f.in_link_text,
        context_year=f.context[0] if f.context else None,
        counted=bool(raw.extras.get("counted")),
    )


def _value(raw: Raw, kind: Kind, start: dt.date | None) -> str:
    if raw.family == "fiscal":
        return "FY"
    if kind is Kind.RELATIVE:
        if start is None:
            return f"{raw.rel_unit}{raw.rel_count:+d}" if raw.rel_count is not None else "relative"
        y = f"{start.year:04d}"
    else:
        y = f"{raw.year:04d}" if raw.year is not None else "XXXX"
    if raw.precision is Precision.DAY and start is not None and kind is Kind.RELATIVE:
        return start.isoformat()
    if raw.month is not None:
        m = f"{y}-{raw.month:02d}"
        if raw.day is not None:
            return f"{m}-{raw.day:02d}"
        return f"{m}{'-' + raw.part if raw.part else ''}"
    if kind is Kind.RELATIVE and start is not None:
        if raw.precision is Precision.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        if raw.precision is Precision.WEEK:
            iso = start.isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}"
    return f"{y}{'-' + raw.part if raw.part else ''}"


# --- "today" and "new" ----------------------------------------------------------------------


def presented_as_new(mention: TemporalMention, anchor: dt.date | None) -> bool:
    """An event dated to the anchor day itself: 今日發布, released today, or the date written out."""
    if mention.mood is not Mood.EVENT:
        return False
    if mention.kind is Kind.RELATIVE:
        return mention.offset_days == 0
    return anchor is not None and mention.precision is Precision.DAY and mention.start == anchor


_NOVELTY = re.compile(
    r"(?P<cue>今日|今天|今晨|本日|剛剛|刚刚|剛|刚|甫|最新|全新|新近|正式)[ \t*_]{0,2}(?:[^\s，。,.]{0,6}?)"
    r"(?:發布|发布|發佈|推出|上線|上线|開源|开源|釋出|释出|亮相|問世|问世|面世|登場|登场|首發|首发)"
    r"|(?<![A-Za-z])(?P<en>just|newly)[ \t]+(?:been[ \t]+)?(?:released|launched|announced|unveiled|shipped|dropped"
    r"|open-sourced)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:released|launched|announced|unveiled|shipped)[ \t]+(?P<en2>today)(?![A-Za-z])"
)


def novelty_claims(doc: Document) -> list[NoveltyClaim]:
    """Where the prose presents something as new (今日發布, just released)."""

    def compute(d: Document) -> list[NoveltyClaim]:
        lay = layout(d)
        text = prepare(lay.text).text
        out: list[NoveltyClaim] = []
        for m in _NOVELTY.finditer(text):
            piece = lay.piece_at(m.start())
            if piece is None or m.end() > piece.end:
                continue
            cue = m.group("cue") or m.group("en") or m.group("en2") or ""
            out.append(NoveltyClaim(lay.to_source(piece, m.start(), m.end()), lay.text[m.start() : m.end()], cue))
        return out

    return doc.cached("temporal.novelty", compute)
