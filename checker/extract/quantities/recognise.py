"""Quantity mentions: numbers with their scale, unit, hedge and the interval they imply.

A quantity is what a sentence says a value is: 「約 550 萬美元」, "$13 billion", 「百亿」,
「超過 30 億」, "30–40%", 「2048 塊 H800」. Each carries the interval its precision
and hedge allow (550 萬 is 545–555 萬; 約 550 萬 is wider; 2000 is any of
1500–2500; 超過 30 億 has no upper end), so that two statements conflict only
when their intervals cannot overlap. Dates, versions (GPT-4, Qwen3-1.7B, H800),
list numbering, footnote marks, times of day and years are not quantities.

Numbers are parsed by numerals.py from the reader view (checker/text/view.py: markup
deleted, URLs and code blanked); each is attributed (attribute.py, cues.py): a subject,
a measure, a time and a modality, with the words they were taken from. Extraction runs
once per document and is cached with `doc.cached("quantities", extract_quantities)`.

Why by hand: number parsers (e.g. for English) know neither Chinese scale words nor
CJK-specific hedges, and none attaches precision intervals; the grammar of digest
prose is small enough for a few patterns.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from checker.core.model import Span
from checker.extract.quantities import attribute as at
from checker.extract.quantities import cues
from checker.extract.quantities import lexwords as lw
from checker.extract.quantities.attribute import Attribution, Entity
from checker.extract.quantities.measure import pick_measure, refine_unit
from checker.extract.quantities.numerals import RawNumber, interval_of, numbers_in
from checker.extract.quantities.prefixes import PrefixScan, gated_search
from checker.extract.quantities.subject import SentenceNames
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile
from checker.text.script import has_han
from checker.text.sentences import SENTENCE_END, bounded
from checker.text.view import MASK, ReaderView, reader_view


# Not frozen: a frozen dataclass sets each of its 20 fields through object.__setattr__ (~9 us
# per figure here, a tenth of the extraction on a line of figures). A Quantity is still never
# changed once made: its variants are made with dataclasses.replace.
@dataclass(slots=True)
class Quantity:
    """One stated value. `low`/`high` bound what the statement allows (half-open, may be inf)."""

    span: Span  # source span of the number with its scale and unit
    text: str  # the words as read (emphasis removed)
    value: float  # in base units: 5.5e6 for 550 萬, 22 for 22 %
    low: float
    high: float
    unit: str  # "USD", "CNY", "%", "pp", "x", "gpus", "params", "tokens", "users", "" ...
    hedge: str | None  # "approx", "near", "lower", "upper", "range", "plus"
    role: str  # "value", "change" (增長 22 %), "from" (從 45 % ...), "past" (曾…), "compare" (比…高), "list"
    sentence: str  # clean text of the sentence, for quotes
    line: int
    segment: int  # index into doc.segments
    zone: str  # "summary" (headline list, heading, description) or "body"
    sentence_key: tuple[int, int]  # (segment, offset): figures of one sentence are never compared
    measure: Attribution | None = None
    subject: Attribution | None = None
    qualifier: str | None = None  # benchmark or chip named beside the figure
    time: Attribution | None = None
    forecast: bool = False
    pair: Quantity | None = None  # for "from X to Y": the other end
    notes: tuple[str, ...] = field(default=())

    # Written out: in a module compiled by mypyc (this one is) the dataclass decorator's own
    # __init__ is interpreted, a Python frame and a slot descriptor call per field for every
    # figure; this one is native. The fields' order and defaults (docs/developing.md, "The
    # compiled build").
    def __init__(
        self,
        span: Span,
        text: str,
        value: float,
        low: float,
        high: float,
        unit: str,
        hedge: str | None,
        role: str,
        sentence: str,
        line: int,
        segment: int,
        zone: str,
        sentence_key: tuple[int, int],
        measure: Attribution | None = None,
        subject: Attribution | None = None,
        qualifier: str | None = None,
        time: Attribution | None = None,
        forecast: bool = False,
        pair: Quantity | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        self.span, self.text, self.value, self.low, self.high = span, text, value, low, high
        self.unit, self.hedge, self.role, self.sentence, self.line = unit, hedge, role, sentence, line
        self.segment, self.zone, self.sentence_key, self.measure = segment, zone, sentence_key, measure
        self.subject, self.qualifier, self.time, self.forecast = subject, qualifier, time, forecast
        self.pair, self.notes = pair, notes

    def __reduce__(self) -> tuple[type[Quantity], tuple[Any, ...]]:
        # rebuilt through __init__: a compiled class's __new__ calls it without arguments
        return Quantity, (
            *(self.span, self.text, self.value, self.low, self.high, self.unit, self.hedge, self.role),
            *(self.sentence, self.line, self.segment, self.zone, self.sentence_key, self.measure),
            *(self.subject, self.qualifier, self.time, self.forecast, self.pair, self.notes),
        )


# --- sentences with a number -------------------------------------------------------------------

# where a sentence starts, looking back from a number (the stops of SENTENCE_END, as strings)
_STOPS = ("。", "！", "？", "!", "?", "；", ";", "\n", "|", "｜", ". ")
# the last stop of a stretch: the greedy `.*` backs off from its end (no two stops can overlap,
# so the last occurrence is the last match of a scan)
_LAST_STOP = lazy_compile("(?s:.*)(?:" + "|".join(re.escape(stop) for stop in _STOPS) + ")")


def number_sentences(text: str) -> list[tuple[int, int]]:
    """Only the sentences that hold a digit or a Chinese scale word: most hold none, and
    finding the few by their numbers is several times faster than splitting everything."""
    out: list[tuple[int, int]] = []
    covered = 0
    while (m := _HAS_NUM.search(text, covered)) is not None:
        p = m.start()
        # the sentence starts after the last stop in [covered, p) (stops never overlap: the last
        # found backwards is the last of a scan); each stretch is read once, as `covered` only
        # grows past p (all stops of a text, listed per text, cost more than the numbers' stretches)
        last = _LAST_STOP.match(text, covered, p)
        start = last.end() if last else covered
        end_m = SENTENCE_END.search(text, p)
        end = end_m.start() if end_m else len(text)
        if end <= p:  # the number sits right at a sentence end (e.g. "3." in "v3.")
            end = end_m.end() if end_m else len(text)
        out.extend(bounded(text, start, end))
        covered = max(end, p + 1)
    return out


# --- attribution in context ---------------------------------------------------------------------


class _Context:
    """What a document says above a sentence: its title, the heading, the list item's title.

    Names are looked up lazily: most numbers have no measure and never need a subject.
    """

    def __init__(self, doc: Document, headings: list[str]) -> None:
        self._doc = doc
        self._headings = headings  # clean text of every heading, for the document topic
        self._title: list[Entity] | None = None
        self._topic: Entity | bool | None = False
        self.heading = ""
        self.item = ""

    @property
    def title_entities(self) -> list[Entity]:
        if self._title is None:
            self._title = at.find_entities(self._doc.title or "")
        return self._title

    @property
    def heading_entities(self) -> list[Entity]:
        return _entities_cached(self.heading)

    @property
    def item_entities(self) -> list[Entity]:
        return _entities_cached(self.item)

    @property
    def topic(self) -> Entity | None:
        if self._topic is False:
            counts: Counter[str] = Counter()
            first: dict[str, Entity] = {}
            for h in self._headings:
                for e in _entities_cached(h):
                    if at.is_subject(e):
                        counts[e.key] += 1
                        first.setdefault(e.key, e)
            self._topic = _topic(counts, first)
        return self._topic if isinstance(self._topic, Entity) else None

    def time(self) -> Attribution | None:
        return (at.find_time(self.item) if self.item else None) or (
            at.find_time(reader_view(self.heading).masked) if self.heading else None
        )


@lru_cache(maxsize=4096)
def _entities_cached(text: str) -> list[Entity]:
    return at.find_entities(reader_view(text).masked) if text else []


_CLAUSE_CHARS = "，、：:（）()—,"


def _digit_comma(text: str, i: int) -> bool:
    """The comma of 2,048: not a clause break."""
    return i > 0 and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit()


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest commas, colons, brackets."""
    a = 0
    for c in _CLAUSE_CHARS:
        i = text.rfind(c, a, start)
        while i >= 0 and c == "," and _digit_comma(text, i):
            i = text.rfind(c, a, i)
        if i >= a:
            a = i + 1
    b = len(text)
    for c in _CLAUSE_CHARS:
        i = text.find(c, end, b)
        while i >= 0 and c == "," and _digit_comma(text, i):
            i = text.find(c, i + 1, b)
        if i >= 0:
            b = i
    return a, b


_CLAUSE_BREAK = lazy_compile(f"[{re.escape(_CLAUSE_CHARS)}]")


class _ClauseBreaks:
    """The clause breaks of one sentence, found once: `_clause_bounds` per figure searched the
    sentence for every break character (a sentence of hundreds of figures read it hundreds of times)."""

    def __init__(self, text: str) -> None:
        self._end = len(text)
        self._at = [
            m.start() for m in _CLAUSE_BREAK.finditer(text) if m.group() != "," or not _digit_comma(text, m.start())
        ]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """What `_clause_bounds(text, start, end)` gives: after the last break before `start`,
        up to the first break at or after `end`."""
        k = bisect.bisect_left(self._at, start)
        a = self._at[k - 1] + 1 if k else 0
        k = bisect.bisect_left(self._at, end)
        return a, self._at[k] if k < len(self._at) else self._end


def _subject_from_context(ctx: _Context) -> Attribution | None:
    """No name in the sentence: the item's, the heading's, the title's, the document's topic."""
    for ents, src, conf in (
        (ctx.item_entities, "item", 0.7),
        (ctx.heading_entities, "heading", 0.6),
        (ctx.title_entities, "title", 0.6),
    ):
        subj = [e for e in ents if at.is_subject(e)]
        if subj:
            return Attribution(subj[0].key, subj[0].text, src, conf)
    if ctx.topic is not None:
        return Attribution(ctx.topic.key, ctx.topic.text, "topic", 0.4)
    return None


# --- documents ----------------------------------------------------------------------------------

_PROSE_CODE = lazy_compile(r"[{}();=<>$\\]|^\s*(?:def|class|import|from|return|const|let|var|function)\b", re.MULTILINE)


_DESCRIPTION = lazy_compile(r"^(?:description|excerpt|summary)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


# The kinds bound once: `SegmentKind.HEADING` is a look-up through the enum's metaclass (~0.4 us,
# ten times a comparison), asked several times for each of a document's segments.
_HEADING = SegmentKind.HEADING
_PARAGRAPH = SegmentKind.PARAGRAPH
_CODE = SegmentKind.CODE
_FRONT_MATTER = SegmentKind.FRONT_MATTER
_PROSE_KINDS = frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE})
_SUMMARY_KINDS = frozenset({SegmentKind.CODE, SegmentKind.HEADING, SegmentKind.FRONT_MATTER})


def _segment_text(seg: Segment) -> str | None:
    """The text to read in a segment; fenced summaries of headlines count as prose."""
    if seg.kind in _PROSE_KINDS:
        return seg.text
    if seg.kind == _CODE:
        body = seg.text
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.strip().startswith(("```", "~~~"))]
        prose = sum(has_han(ln) for ln in lines)
        if lines and not _PROSE_CODE.search("\n".join(lines)) and prose >= 0.8 * len(lines):
            # keep offsets: blank the fence lines
            return re.sub(r"^[ \t]*(?:`{3,}|~{3,})[^\n]*", lambda m: " " * len(m.group(0)), body, flags=re.MULTILINE)
    if seg.kind == _FRONT_MATTER:
        # only the description: a summary an editor wrote, worth holding against the body
        chars = [c if c == "\n" else " " for c in seg.text]
        for m in _DESCRIPTION.finditer(seg.text):
            chars[m.start(1) : m.end(1)] = m.group(1)
        kept = "".join(chars)
        return kept if kept.strip() else None
    return None


def _zone(seg: Segment) -> str:
    """Where a statement stands: a summary (fenced headline list, heading, description) or the body."""
    if seg.kind in _SUMMARY_KINDS:
        return "summary"
    return "body"


def _topic(entity_counts: Counter[str], first: dict[str, Entity]) -> Entity | None:
    """The name the headings keep coming back to, if one clearly dominates."""
    if not entity_counts:
        return None
    (key, n), *rest = entity_counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n >= 3 and n >= 2 * second:
        return first[key]
    return None


_ITEM_TITLE = lazy_compile(r"^\s*(?:\*\*|__)(?P<t>[^*\n]{2,80})(?:\*\*|__)")
_LABEL = lazy_compile(r"^\s*(?P<t>[^：:\n]{1,14})[：:]")
# A digit that can start a figure (not inside a URL or a name like GPT-4), or a Chinese numeral
# with its scale: a cheap test that lets most segments skip cleaning altogether.
# Two searches, each starting with one character class the regex engine scans for in C: a digit
# not after a letter, digit or /=._-%#; a Chinese numeral (none is a digit) before a scale word.
# (`(?:^|[^...])\d` tried its alternation at every position, twice the cost; one class for both,
# with the branches behind it, tried them at every 一 and 十 of a text: 12% more than two searches.)
_DIGIT_IN_PROSE = lazy_compile(r"\d(?<![A-Za-z0-9/=._\-%#]\d)")
_SCALED_NUMERAL = lazy_compile(r"[零〇一二两兩三四五六七八九十百千][十百千万萬亿億兆]")
# `_DIGIT_IN_PROSE` at a digit that is not ASCII (「２０２５」): the one kind `_HAS_NUM` does not see
_WIDE_DIGIT_IN_PROSE = lazy_compile(r"[^\D0-9](?<![A-Za-z0-9/=._\-%#].)")


def _num_in_prose(text: str, first: int = 0) -> bool:
    """Whether `_DIGIT_IN_PROSE` or `_SCALED_NUMERAL` finds something in `text`, where `first` is
    `_HAS_NUM`'s first match: before it there is no ASCII digit and no scale word (the second
    character of a scaled numeral), so both searches start there (their look-behinds still see
    the text before), but for a digit that is not ASCII, looked for before it only in a text
    that can hold one. (The prefix was read three times; an ASCII text has no scaled numeral.)"""
    if _DIGIT_IN_PROSE.search(text, first) is not None:
        return True
    if text.isascii():
        return False
    return (
        _WIDE_DIGIT_IN_PROSE.search(text, 0, first) is not None
        or _SCALED_NUMERAL.search(text, max(0, first - 1)) is not None
    )


_HAS_NUM = lazy_compile(r"[0-9十百千万萬亿億兆]")
_CHANGE_AFTER = lw.Lazy(lambda: rf"[^，,。；;]{{0,6}}?{alternation('quantities', 'change-after')}", re.IGNORECASE)
_TEST_LABEL = lazy_compile(r"^\s*(?P<t>[^：:\n]{2,40}?)\s*[：:]")
_NAMED_TEST = lw.Lazy(lambda: rf"[A-Za-z]{{2}}|{lw.plain('test-noun')}", re.IGNORECASE)  # not just 「成績：」
_CUMULATIVE = lw.Lazy(lambda: alternation("quantities", "cumulative"), re.IGNORECASE)
_MODIFIER = lazy_compile(r"(?:[在的其之中于於上]*)([\u4e00-\u9fff]{2,6})$")
_ROUND = lw.Lazy(
    lambda: rf"({lw.plain('round-named')}|Pre-?A\+?|[A-K]\+?)\s?{lw.plain('round-noun')}|Series\s([A-K])|(seed) round",
    re.IGNORECASE,
)


def extract_quantities(doc: Document) -> list[Quantity]:
    """All quantities of a document, attributed. Use through doc.cached("quantities", ...)."""
    prepared: list[tuple[int, Segment, str]] = []
    headings: list[str] = []
    for i, seg in enumerate(doc.segments):
        raw_text = _segment_text(seg)
        if raw_text is None:
            continue
        prepared.append((i, seg, raw_text))
        if seg.kind == _HEADING:
            headings.append(raw_text)
    ctx = _Context(doc, headings)
    out: list[Quantity] = []
    for i, seg, raw_text in prepared:
        if seg.kind == _HEADING:
            ctx.heading, ctx.item = raw_text, ""  # read only if a figure needs its names
        hint = _HAS_NUM.search(raw_text)
        if hint is None or not _num_in_prose(raw_text, hint.start()):
            continue  # digits only inside links, names and ids: nothing to read
        view = reader_view(raw_text)  # the text a reader sees, URLs and code blanked
        if seg.kind == _PARAGRAPH:
            item = _ITEM_TITLE.match(raw_text)
            ctx.item = item.group("t") if item else ""
        out.extend(_segment_quantities(doc, i, seg, view, ctx))
    return out


# A sentence (at most LONGEST characters) with more digit runs than this is no prose: the
# corpora's most is 33. Reading each of its figures costs ~150 µs (cues, clause, measure): a
# 2 MB line of 「1萬2萬…」 or 「1%2%…」 took minutes.
_MOST_FIGURES = 64
_DIGIT_RUN = lazy_compile(r"\d+")
_SENTENCE_REACH = 300  # characters before a figure searched for sentence-wide cues


def _role(sent: str, raw: RawNumber, clause: tuple[int, int]) -> str:
    """Is the number the value itself, a change, the start of "from X to Y", or a comparison?"""
    prefix = sent[clause[0] : raw.start]
    # one search over the clause and one over the whole sentence before the figure
    near_cue = gated_search(cues.CLAUSE_CUES.compiled, prefix)
    # bounded: a "sentence" with no stop (thousands of links on one line) must stay linear.
    # Begun at the first place a cue can start, then the engine's own search: a PrefixScan built
    # per sentence and its loop in Python over every such place cost more (corpus/real: 0.03 s
    # of 0.07 s, the same matches); the gate keeps a stretch with no such place (a line of
    # Chinese figures) at one scan of a character class
    far_cue = gated_search(cues.SENTENCE_CUES.compiled, sent, max(0, raw.start - _SENTENCE_REACH), raw.start)
    if (near_cue and near_cue.lastgroup == "compare") or (far_cue and far_cue.lastgroup == "compare"):
        return "compare"
    if near_cue or far_cue:
        return "past"  # 「曾估值 28 億」: a value of before, comparable only with values of before
    if gated_search(cues.FROM_AHEAD.compiled, prefix):
        return "from"  # 「從 45%」, 「估值从去年的约 4000 亿」
    near = sent[max(clause[0], raw.start - 12) : raw.start]
    if not cues.TO_WORD.match(near) and cues.CHANGE_VERB.match(cues.CHANGE_FILLER.strip(near)):
        return "change"
    if raw.unit in ("%", "pp", "x") and _CHANGE_AFTER.match(sent, raw.end):
        return "change"
    return "value"


# The first figures of a sentence with a measure ask the engine about their prefix directly: a
# PrefixScan of the whole sentence costs more than the one or two prefixes most sentences ask
# (corpus/real: 0.05 s against 0.12 s, the same answers); from the fifth on, the scan keeps a
# sentence of hundreds of figures linear (each direct ask reads the sentence up to its figure).
_DIRECT_ASKS = 4


class _Measured:
    """What the figures of one sentence that have a measure read from it, each found once.

    The scans answer "the last time word / a plan word / a round before this figure" for each
    figure from one pass over the sentence (prefixes.py): a scan of the sentence up to each
    figure was quadratic in the figures of one sentence (a 2 MB line of figures took 27 s)."""

    __slots__ = ("_cumulative", "_forecast", "_forecasts", "_round", "_time", "_times", "entities", "names", "sent")

    def __init__(self, sent: str) -> None:
        self.sent = sent
        self.entities = at.find_entities(sent)
        self.names = SentenceNames(sent, self.entities)
        self._time: PrefixScan | None = None
        self._forecast: PrefixScan | None = None
        self._times = self._forecasts = 0  # prefixes asked directly so far
        self._cumulative: PrefixScan | None = None
        self._round: PrefixScan | None = None

    def time_before(self, p: int) -> Attribution | None:
        """`at.find_time(sent[:p])`."""
        if self._time is None:
            if self._times < _DIRECT_ASKS:
                self._times += 1
                return at.find_time(self.sent[:p])
            self._time = at.time_scan(self.sent)
        return at.time_of(self._time.last(p))

    def forecast_before(self, p: int) -> bool:
        """`at.is_forecast(sent[:p])`."""
        if self._forecast is None:
            if self._forecasts < _DIRECT_ASKS:
                self._forecasts += 1
                return at.is_forecast(self.sent[:p])
            self._forecast = at.forecast_scan(self.sent)
        return self._forecast.first(p) is not None

    def cumulative_before(self, p: int) -> bool:
        if self._cumulative is None:
            self._cumulative = PrefixScan(_CUMULATIVE.compiled, self.sent)
        return self._cumulative.first(p) is not None

    def round_before(self, p: int) -> re.Match[str] | None:
        """The last named funding round in `sent[:p]`."""
        if self._round is None:
            self._round = PrefixScan(_ROUND.compiled, self.sent)
        return self._round.last(p)


def _qualifier(facts: _Measured, raw: RawNumber, measure: Attribution) -> str | None:
    """What the figure was measured on: a benchmark for a score, a chip for a GPU count, a round."""
    sent, entities = facts.sent, facts.entities
    if measure.key in ("accuracy", "score"):
        near = [e for e in entities if e.kind == "benchmark" and e.end <= raw.start + 1]
        if near:
            return near[-1].key
        # no benchmark named: the words glued to the measure say what was measured
        # (「醫療診斷準確率」, 「總體得分」)
        k = sent.rfind(measure.words, 0, raw.start)
        mod = _MODIFIER.search(sent, max(0, k - 8), k) if k > 0 else None
        if mod:
            return "on:" + at.simplify(mod.group(1))
        # 「Frontier Science Research (科研能力綜合評測)： GPT-5.4得分33.0%」: the label names the test
        label = _TEST_LABEL.match(sent)
        if label and label.end() <= raw.start and _NAMED_TEST.search(label.group("t")):
            return "on:" + at.normalise_name(label.group("t"))
        return None
    if measure.key == "gpu-count":
        chips = [e for e in entities if e.kind == "chip" and raw.end <= e.start <= raw.end + 12]
        return chips[0].key if chips else None
    if measure.key in ("funding", "valuation"):
        if facts.cumulative_before(raw.start):
            return "cumulative"  # 「總計融資 179 億」 is every round so far, not one
        r = facts.round_before(raw.start)
        if r is not None:
            return "round:" + at.simplify((r.group(1) or r.group(2) or r.group(3)).lower())
    return None


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class _Reading:
    """One figure as its sentence alone tells it: what any document holding the sentence reads."""

    raw: RawNumber  # (never changed once read: readings are shared between documents)
    role: str
    low: float
    high: float
    measure: Attribution | None
    subject: Attribution | None  # named in the sentence; None: the document's context may name it
    time: Attribution | None  # stated in the sentence; None: the context may state it
    qualifier: str | None
    forecast: bool

    def __init__(  # native, as Quantity's
        self,
        raw: RawNumber,
        role: str,
        low: float,
        high: float,
        measure: Attribution | None,
        subject: Attribution | None,
        time: Attribution | None,
        qualifier: str | None,
        forecast: bool,
    ) -> None:
        self.raw, self.role, self.low, self.high, self.measure = raw, role, low, high, measure
        self.subject, self.time, self.qualifier, self.forecast = subject, time, qualifier, forecast


@dataclass(slots=True, unsafe_hash=True)
class _SentenceReading:
    """The figures of one sentence, its raw numbers and its text for quotes."""

    figures: tuple[_Reading, ...]
    raws: list[RawNumber]
    quoted: str  # for quotes: URLs and code left out

    def __init__(self, figures: tuple[_Reading, ...], raws: list[RawNumber], quoted: str) -> None:
        self.figures, self.raws, self.quoted = figures, raws, quoted  # native, as Quantity's


# Digests copy each other: a quarter of the real corpus's sentences with figures recur (in other
# documents of the run, in the summary of their own); a sentence is read once. Only what the
# sentence itself says is kept; the context (heading, item, title) is applied per document.
@lru_cache(maxsize=4096)
def _read_sentence(sent: str) -> _SentenceReading | None:
    # (more than _MOST_FIGURES digit runs need a separator after each: a shorter sentence has fewer)
    if len(sent) > 2 * _MOST_FIGURES and len(_DIGIT_RUN.findall(sent)) > _MOST_FIGURES:
        return None  # a table or a dump of figures run together, not prose: no claim to read
    raws = numbers_in(sent)
    if not raws:
        return None
    facts: _Measured | None = None  # read only for a figure with a measure
    measures = at.find_measures(sent)
    label_m = _LABEL.match(sent)
    label = None
    if label_m:
        # 「訓練成本：約 550 萬美元」: a label that is itself a measure word
        lab = [h for h in measures if label_m.end() - 3 <= h.end <= label_m.end()]
        label = lab[-1] if lab else None
    breaks = _ClauseBreaks(sent)
    measure_starts = [h.start for h in measures]
    figures: list[_Reading] = []
    for raw in raws:
        refine_unit(raw, sent)
        clause = breaks.bounds(raw.start, raw.end)
        role = _role(sent, raw, clause)
        low, high = interval_of(raw)
        measure = pick_measure(sent, raw, clause, measures, label, role, measure_starts)
        subject = time = qualifier = None
        if measure is not None:
            # only a figure with a measure can be compared: find its subject and time
            if facts is None:
                facts = _Measured(sent)
            subject = facts.names.pick(raw, clause, label_m)
            # before the figure, else after it in its clause ("… for fiscal year 2024")
            time = facts.time_before(raw.start) or at.find_time(sent[raw.end : clause[1]])
            qualifier = _qualifier(facts, raw, measure)
        forecast = facts is not None and measure is not None and facts.forecast_before(raw.start)
        figures.append(_Reading(raw, role, low, high, measure, subject, time, qualifier, forecast))
    return _SentenceReading(tuple(figures), raws, sent.replace(MASK, "").strip())


def _flat(seg: Segment, view: ReaderView) -> tuple[int, int] | None:
    """(source start, length) when a view offset is a source offset less that start (capped at
    the length): a reader view that deleted nothing of a segment copied as it is (most figures).
    What `seg.to_source(*view.segment_span(...))` gives there, without its two look-ups per end."""
    if view.starts != (0,) or view.origins != (0,) or len(seg.view.runs) != 1:
        return None
    run = seg.view.runs[0]
    length = run.src_end - run.src_start
    if run.view_start != 0 or run.view_end != length:
        return None
    return run.src_start, length


def _segment_quantities(doc: Document, seg_index: int, seg: Segment, view: ReaderView, ctx: _Context) -> list[Quantity]:
    out: list[Quantity] = []
    zone = _zone(seg)
    clean = view.masked
    flat = _flat(seg, view)
    # what the context (item, heading, title, topic) names and dates is the segment's: read once
    # for all its figures that need it (a search of the item and heading per figure before)
    ctx_subject: Attribution | None = None
    ctx_time: Attribution | None = None
    read_subject = read_time = False
    for s_start, s_end in number_sentences(clean):
        sent = clean[s_start:s_end]
        reading = _read_sentence(sent)
        if reading is None:
            continue
        found: list[Quantity] = []
        for r in reading.figures:
            raw = r.raw
            subject, time = r.subject, r.time
            if r.measure is not None:
                if subject is None:
                    if not read_subject:
                        ctx_subject, read_subject = _subject_from_context(ctx), True
                    subject = ctx_subject
                if time is None:
                    if not read_time:
                        ctx_time, read_time = ctx.time(), True
                    time = ctx_time
            if flat is None:
                a = seg.to_source(*view.segment_span(s_start + raw.start, s_start + raw.end))
            else:
                a = Span(flat[0] + min(s_start + raw.start, flat[1]), flat[0] + min(s_start + raw.end, flat[1]))
            # positional (the order of Quantity's fields): keywords cost a look-up per field
            found.append(
                Quantity(
                    a,
                    raw.text,
                    raw.value,
                    r.low,
                    r.high,
                    raw.unit,
                    raw.hedge,
                    r.role,
                    reading.quoted,
                    doc.source.line_of(a.start),
                    seg_index,
                    zone,
                    (seg_index, s_start),
                    r.measure,
                    subject,
                    r.qualifier,
                    time,
                    r.forecast,
                )
            )
        out.extend(_link_from_to(_mark_lists(found, sent, reading.raws), sent, reading.raws))
    return out


_LIST_SEP = lw.Lazy(lambda: rf"\s*{lw.plain('list-separator')}\s*$", re.IGNORECASE)


def _mark_lists(found: list[Quantity], sent: str, raws: list[RawNumber]) -> list[Quantity]:
    """「在8k和16k上下文設置下」, "(14B, 8B, 3B)": figures listed side by side are options, not claims."""
    if len(found) < 2:
        return found  # most sentences: one figure, nothing to list (and no copy of the list)
    listed: set[int] = set()
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        same_measure = (a.measure.key if a.measure else None) == (b.measure.key if b.measure else None)
        if a.unit == b.unit and same_measure and _LIST_SEP.match(sent[raws[k].end : raws[k + 1].start]):
            listed.update((k, k + 1))
    return [replace(q, role="list") if k in listed and q.role == "value" else q for k, q in enumerate(found)]


def _link_from_to(found: list[Quantity], sent: str, raws: list[RawNumber]) -> list[Quantity]:
    """「從 45% 飆至 67%」: tie the two ends together so that a change can be checked."""
    if len(found) < 2:
        return found  # no second end to tie to
    result = list(found)
    for k, q in enumerate(found):
        if q.role != "from" or k + 1 >= len(found):
            continue
        nxt = found[k + 1]
        between = sent[raws[k].end : raws[k + 1].start]
        if len(between) <= 12 and q.unit in (nxt.unit, "", "?money") and re.search(r"至|到|为|為|to|→|->", between):
            # 「估值从4000亿飙至8000亿美元」: the start takes the end's unit
            start = replace(q, unit=nxt.unit, measure=q.measure or nxt.measure, subject=q.subject or nxt.subject)
            result[k] = replace(start, pair=nxt)
            result[k + 1] = replace(nxt, pair=start)
    return result
