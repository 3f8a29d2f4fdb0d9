"""Dated launch claims: a date that governs a launch verb whose object is a named product
("2024年7月，谷歌DeepMind推出AG1", "OpenAI于2025年8月7日发布GPT-5", "OpenAI released GPT-4o on
May 13, 2024"). Read by date.claim, which compares the date with the knowledge base.

The date governs the verb when it stands in the verb's clause before it (no other launch verb
between), in a clause of its own right before the verb's clause (「2024年7月，…推出…」), or
right after the verb or its object (「发布于2024年3月」, "released X on May 13, 2024"). The
product is the first name after the verb (「推出 AG1」, "launched GPT-5"), or, when nothing
follows the verb in its clause, the name right before it (「GPT-5于8月7日发布」). Clauses that
tell a later event about the product (a rollout to a region, an update, a price change, an
open-sourcing, a paper version: checker/lexicon/data/dateclaim.toml) and sentences in a plan,
forecast, rumour or negation are not claims.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from checker.extract.names.extract import Mention
from checker.extract.temporal import Kind, Mood, Precision, TemporalMention, extract_dates
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import alternation, cue_pattern
from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import clauses, sentences

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_KIND_ABSOLUTE: Final = Kind.ABSOLUTE
_KIND_PARTIAL: Final = Kind.PARTIAL
_MOOD_LABEL: Final = Mood.LABEL
_MOOD_PLAN: Final = Mood.PLAN
_PRECISION_WEEK: Final = Precision.WEEK


def _cue(*keys: str) -> str:
    return alternation("dateclaim", *keys)


_VERB = lazy_compile(rf"(?P<verb>{_cue('launch', 'launch-en')})", re.IGNORECASE)
_LATER = cue_pattern("dateclaim", "later")
_NOT_FACT = cue_pattern("mood", "plan", "forecast", "hedge", "condition", "rumour", "not-yet", "question")
# A clause that holds only the date: 「2024年7月，」 "In May 2024,"
_LEAD_ONLY = lazy_compile(rf"^[\s*_>\-+#\d.)、]*(?:{_cue('lead')})?[\s*_]*$", re.IGNORECASE)
# Between the verb (or its object) and a date after it: 「发布于」, "on", "in", "back in"
_DATE_AFTER = lazy_compile(rf"^[\s*_]*(?:{_cue('after-date')})?[\s*_]*$", re.IGNORECASE)
_QUOTE_OPEN = "[\\s*_「“\"'《]*"
_QUOTE_CLOSE = "[\\s*_」”\"'》]*"
# Between a launch verb and its object: 「推出了全新的」, "its new", 「发布的」 (a dated relative clause)
_OBJECT_GAP = lazy_compile(rf"^{_QUOTE_OPEN}(?:{_cue('object-gap')}\s*)*{_QUOTE_OPEN}$", re.IGNORECASE)
# After the object, the clause may only end, gloss it or go on in a new phrase
_OBJECT_END = lazy_compile(
    rf"^{_QUOTE_CLOSE}(?:{_cue('object-head')})?{_QUOTE_CLOSE}"
    rf"(?:$|[（(:：—\-，,。；;]|\s*{_cue('object-follow')})",
    re.IGNORECASE,
)
# Before the verb, the name as its subject: 「GPT-5于2025年8月7日发布」, "GPT-5 was released in"
_SUBJECT_GAP_ZH = 20
_SUBJECT_GAP_EN = 40
_SUBJECT_FILL = lazy_compile(rf"^{_QUOTE_CLOSE}(?:{_cue('subject-fill')})?[^，,。；;！!？?\n]*$", re.IGNORECASE)
_SUBJECT_AUX_EN = lazy_compile(rf"^[\s*_]*{_cue('subject-aux-en')}", re.IGNORECASE)
_REST_AFTER_SUBJECT = lazy_compile(rf"^[\s*_了。！!]*(?:{_cue('after-date')})?")
_OBJECT_REACH_ZH = 12
_OBJECT_REACH_EN = 30


_Placed = tuple[int, int, TemporalMention]
_READ = frozenset((SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE))


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A date governing a launch verb whose object is a named product."""

    mention: Mention
    date: TemporalMention
    verb: str
    segment: int
    sentence: tuple[int, int]  # view offsets in the segment


def dated_launches(doc: Document, mentions: list[Mention]) -> list[DateClaim]:
    """Every dated launch claim of the document (cached per document)."""

    def compute(d: Document) -> list[DateClaim]:
        dates = [t for t in extract_dates(d) if _usable(t)]
        if not dates:
            return []
        starts = [t.span.start for t in dates]
        # first the prose segments that hold a usable date and a launch verb (few), then only
        # their names: a document has thousands of names and segments
        dated: dict[int, list[TemporalMention]] = {}
        for index, seg in enumerate(d.segments):
            if seg.kind not in _READ:
                continue
            span = seg.span  # segments do not overlap: the dates inside it (no view mapping needed)
            lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_right(starts, span.end)
            if lo < hi and _VERB.search(seg.text):
                dated[index] = dates[lo:hi]
        if not dated:
            return []
        by_segment: dict[int, list[Mention]] = {}
        for m in mentions:
            if not m.quoted and m.segment in dated:
                by_segment.setdefault(m.segment, []).append(m)
        out: list[DateClaim] = []
        for index, in_segment in dated.items():  # in segment order
            if index in by_segment:
                out.extend(_segment_claims(index, d.segments[index], in_segment, by_segment[index]))
        return out

    return doc.cached("dateclaim.claims", compute)


def _usable(t: TemporalMention) -> bool:
    """A date the text states with its year, as an event: not a plan, a label, a range end,
    a counted or relative date, or a cited headline."""
    if t.start is None or t.end is None or t.counted or t.in_link_text or t.range_role is not None:
        return False
    if t.mood in (_MOOD_PLAN, _MOOD_LABEL) or t.precision is _PRECISION_WEEK:
        return False
    return t.kind is _KIND_ABSOLUTE or (t.kind is _KIND_PARTIAL and t.context_year is not None)


def _view_index(seg: Segment, src: int) -> int:
    """The segment view position of a source offset (the first one at or after it)."""
    view = seg.view
    return bisect.bisect_left(range(len(view.text)), src, key=view.source_offset)


def _segment_claims(
    index: int, seg: Segment, dates: list[TemporalMention], names: list[Mention]
) -> Iterator[DateClaim]:
    text = seg.text  # (dated_launches read only segments where _VERB finds a launch verb)
    placed = [(_view_index(seg, t.span.start), _view_index(seg, t.span.end), t) for t in dates]
    placed_starts = [p[0] for p in placed]  # ascending: the dates come in text order
    by_start = _ByStart(names)
    seen: set[tuple[int, int]] = set()
    for sa, sb in sentences(text):
        # a sentence's dates by bisection (a line of thousands of sentences stays linear)
        lo, hi = bisect.bisect_left(placed_starts, sa), bisect.bisect_right(placed_starts, sb)
        in_sentence = [p for p in placed[lo:hi] if p[1] <= sb]
        if not in_sentence:
            continue
        parts = _merged([(sa + a, sa + b) for a, b in clauses(text[sa:sb], colons=False)], in_sentence)
        for v in _VERB.finditer(text, sa, sb):
            clause = next(((a, b) for a, b in parts if a <= v.start() and v.end() <= b), None)
            if clause is None:
                continue
            mention = _object(text, v.start(), v.end(), clause, by_start)
            if mention is None:
                continue
            date = _governing(text, v.start(), v.end(), clause, parts, in_sentence, mention)
            if date is None:
                continue
            start, end, t = date
            # the dated event must be the launch, not a later event about the product
            lo = min(start, clause[0])
            scope = _blanked(text[lo : max(end, clause[1])], lo, (mention.start, mention.end), (start, end))
            if _LATER.search(scope) or _NOT_FACT.search(scope):
                continue  # a plan, forecast, rumour or negation: 「2026年，OpenAI计划推出…」
            if (mention.start, t.span.start) in seen:
                continue
            seen.add((mention.start, t.span.start))
            yield DateClaim(mention, t, v.group("verb"), index, (sa, sb))


def _blanked(text: str, offset: int, *spans: tuple[int, int]) -> str:
    """The text with the product name and the date blanked ("May 13" is no hedge)."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - offset, 0), min(b - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _merged(parts: list[tuple[int, int]], dates: list[_Placed]) -> list[tuple[int, int]]:
    """Clauses joined where a date runs over their break: "May 13, 2024" is one date."""
    out: list[tuple[int, int]] = []
    for a, b in parts:
        if out and any(p[0] < out[-1][1] and a < p[1] for p in dates):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# A size the name extractor leaves outside the name: "Mistral" + " 7B" is the KB's Mistral 7B
_SIZE_AFTER = lazy_compile(r"[ -]?\d+(?:\.\d+)?[BMK]\b")


def _sized(text: str, m: Mention) -> Mention:
    size = _SIZE_AFTER.match(text, m.end)
    if size is None:
        return m
    return m._replace(text=text[m.start : size.end()], end=size.end())


class _ByStart:
    """A segment's names ordered by start, so that a verb reads only the names of its clause
    (not every name of the segment: a one-line page holds thousands of verbs and names)."""

    def __init__(self, names: list[Mention]) -> None:
        # stable: names with one start keep the mention order (min/max below pick the first)
        order = sorted(range(len(names)), key=lambda k: names[k].start)
        self.names = [names[k] for k in order]
        self.rank = order  # the mention order, for ties
        self.starts = [m.start for m in self.names]

    def first_after(self, lo: int, hi: int) -> Mention | None:
        """The name with the smallest start in [lo, ...) that ends by `hi` (the first listed on a tie)."""
        for k in range(bisect.bisect_left(self.starts, lo), len(self.starts)):
            m = self.names[k]
            if m.start > hi:
                break
            if m.end <= hi:
                return m
        return None

    def last_before(self, lo: int, hi: int) -> Mention | None:
        """The name starting at or after `lo` and ending by `hi` with the largest end (the
        first listed on a tie)."""
        best = -1
        for k in range(bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi)):
            m = self.names[k]
            if m.end > hi:
                continue
            if best < 0 or (m.end, -self.rank[k]) > (self.names[best].end, -self.rank[best]):
                best = k
        return None if best < 0 else self.names[best]


def _object(text: str, vs: int, ve: int, clause: tuple[int, int], names: _ByStart) -> Mention | None:
    """The product the verb launches: the first name after it, else its subject before it."""
    latin = text[vs:ve].isascii()
    first = names.first_after(ve, clause[1])
    if first is not None:
        m = first
        if m.start - ve <= (_OBJECT_REACH_EN if latin else _OBJECT_REACH_ZH) and _OBJECT_GAP.match(text[ve : m.start]):
            m = _sized(text, m)
            return m if _OBJECT_END.match(text[m.end : clause[1]]) else None
        if not latin:
            return None
    subject = names.last_before(clause[0], vs)
    if subject is None:
        return None
    m = _sized(text, subject)
    gap = text[m.end : vs]
    if len(gap) > (_SUBJECT_GAP_EN if latin else _SUBJECT_GAP_ZH) or not _SUBJECT_FILL.match(gap):
        return None
    if latin and not _SUBJECT_AUX_EN.match(gap):
        return None  # "OpenAI released" names the maker, not the product
    if not latin and first is not None:
        return None
    # nothing but the date, a gloss or the clause end after the verb
    rest = text[ve : clause[1]]
    if not _REST_AFTER_SUBJECT.match(rest):
        return None
    return m


def _governing(
    text: str,
    vs: int,
    ve: int,
    clause: tuple[int, int],
    parts: list[tuple[int, int]],
    dates: list[_Placed],
    mention: Mention,
) -> _Placed | None:
    """The date the verb is told on: in its clause before it, in a clause of its own right
    before the verb's clause, or right after the verb or its object."""
    before = [p for p in dates if clause[0] <= p[0] and p[1] <= vs]
    if before:
        p = max(before, key=lambda q: q[1])
        between = text[p[1] : vs]
        if _VERB.search(between):
            return None
        return p
    after = [p for p in dates if ve <= p[0] and p[1] <= clause[1]]
    if after:
        p = min(after, key=lambda q: q[0])
        anchor = mention.end if ve <= mention.start and mention.end <= p[0] else ve
        return p if _DATE_AFTER.match(text[anchor : p[0]]) else None
    if parts.index(clause) != 1:
        return None  # only a date that opens the sentence: 「2024年7月，谷歌推出…」
    lead = parts[0]
    inside = [p for p in dates if lead[0] <= p[0] and p[1] <= lead[1]]
    if len(inside) != 1:
        return None
    p = inside[0]
    rest = text[lead[0] : p[0]] + text[p[1] : lead[1]]
    return p if _LEAD_ONLY.match(rest) else None
