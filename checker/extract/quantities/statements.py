"""Statements: quantities reduced to what comparing them needs (number.conflict).

A statement is a quantity with a confident subject, a measure and a unit, with where it
stands (document, zone, sentence) and the document's publication date.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace

from checker.core.model import Span
from checker.extract.quantities.attribute import family_of, find_entities, is_subject, names_one_model
from checker.extract.quantities.lexwords import Lazy
from checker.extract.quantities.recognise import Quantity, extract_quantities
from checker.extract.quantities.subjects import SubjectNames
from checker.input.documents import Document
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile

# Measures that are a fixed property of one versioned thing: a later article cannot
# legitimately give another value (unlike revenue, users or valuation, which move).
# Moving figures that are still one number at one time (unlike "investment" or "funding",
# of which a company has many): compared across documents of the same day or period.
SNAPSHOT_MEASURES = frozenset(
    {
        "revenue",
        "profit",
        "valuation",
        "market-cap",
        "users",
        "weekly-active-users",
        "monthly-active-users",
        "daily-active-users",
        "funding",
        "price",
        "employees",
    }
)
# Of those, figures for a period (2024 revenue) rather than a point in time (a valuation, a user
# count): only these are compared across documents of different days, for the same stated period.
FLOW_MEASURES = frozenset({"revenue", "profit"})
# Too loose to compare at all: a company makes many investments and has many costs.
LOOSE_MEASURES = frozenset({"investment", "cost", "growth"})
# Measures whose figure so often names another model ("超越 72B 的大模型") that the subject
# must be named in the same clause.
SIZE_MEASURES = frozenset({"parameters", "active-parameters", "context"})
# A size in a model's name (「LFM2-2.6B-Exp」): the model is still one model, and its stated
# size is held against the name (conflicts.against_name) as well as against other statements.
STATIC_MEASURES = frozenset(
    {"training-cost", "parameters", "active-parameters", "gpu-count", "context", "accuracy", "score"}
)
# Measures whose value means nothing without the benchmark it was measured on.
NEEDS_QUALIFIER = frozenset({"accuracy", "score"})


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Statement:
    """A quantity reduced to what comparing needs, with where it stands."""

    doc_id: str
    path: str
    archived: bool
    line: int
    span: Span
    text: str
    quote: str
    subject: str
    subject_words: str
    subject_source: str
    measure: str
    measure_words: str
    measure_source: str
    qualifier: str | None
    time: str | None
    unit: str
    low: float
    high: float
    value: float
    kind: str  # "value", "change", "from" (start of "from X to Y"), "past" (曾…), "delta" (X to Y as a change),
    # "compare" (「相較GPT-5.4，GPT-5.5 … 高23%」: a difference against a named rival, kept in its qualifier)
    zone: str  # "summary" or "body"
    sentence: tuple[int, int]
    forecast: bool
    published: dt.date | None
    confidence: float
    delta_pp: float = math.nan  # for "delta": the change in percentage points
    delta_rel: float = math.nan  # and the relative change in percent
    frame: str = ""  # the sentence with its numbers masked: the same words retell the same event

    @property
    def family(self) -> str:
        """The name without its version: "qwen3" for "qwen3-1.7b"."""
        return family_of(self.subject)


_SERIES = Lazy(
    lambda: rf"(?:系列|家族)(?:模型|包含|包括|共|有|中)|版本[：:]|{alternation('quantities', 'series')}", re.IGNORECASE
)

# What a bare number counts when the measure says it: 「参数量达 7B」, 「得分 88.5」.
_IMPLIED_UNIT = {
    "parameters": "params",
    "active-parameters": "params",
    "context": "tokens",
    "users": "users",
    "weekly-active-users": "users",
    "monthly-active-users": "users",
    "daily-active-users": "users",
    "score": "points",
}


def _one_model(key: str, kind: str | None) -> bool:
    if kind is not None:
        if kind == "model":
            return True
        if kind in ("company", "model-family", "person", "architecture"):
            return False
    return names_one_model(key)


_MONEY = frozenset({"USD", "EUR", "HKD", "JPY", "GBP", "TWD", "KRW", "CNY", "?money"})
_GENERIC = Lazy(lambda: rf"^(?:{alternation('quantities', 'generic-subject')})$", re.IGNORECASE)


def _unit_class(unit: str) -> str:
    """Figures that one sentence may set side by side: amounts of money, percentages, sizes."""
    if unit in _MONEY:
        return "money"
    if unit in ("%", "pp"):
        return "%"
    return unit


# Money measures whose word, right after a figure, says what the figure is (「100 億估值」).
_MONEY_MEASURES = ("valuation", "funding", "revenue", "profit", "market-cap", "price")
_AFTER = Lazy(
    lambda: "|".join(
        rf"(?P<{m.replace('-', '_')}>{alternation('quantities', 'measure-' + m)})" for m in _MONEY_MEASURES
    ),
    re.IGNORECASE,
)


def _named_after(q: Quantity, measure: str) -> bool:
    """Whether the words right after a money figure name another money measure than its own."""
    if _unit_class(q.unit) != "money" or measure not in _MONEY_MEASURES:
        return False
    at = q.sentence.find(q.text.strip())
    if at < 0:
        return False
    end = at + len(q.text.strip())
    m = _AFTER.match(q.sentence[end : end + 12].lstrip(" 的"))
    return m is not None and m.lastgroup is not None and m.lastgroup.replace("_", "-") != measure


def _side_by_side(a: Quantity, b: Quantity) -> bool:
    """Whether `b` is another figure of `a`'s kind: money or sizes, of one measure (or of none),
    and not the size in `a`'s own name (「Falcon H1R 7B … 7亿参数」)."""
    kind = _unit_class(a.unit)
    if kind not in ("money", "params") or kind != _unit_class(b.unit):
        return False
    if a.measure is not None and b.measure is not None and a.measure.key != b.measure.key:
        return False  # 「年收入飙升至百亿并计划投入万亿」: two measures, each with its own word
    return not (a.subject is not None and b.text.strip() in a.subject.words)


def crowded(quantities: list[Quantity]) -> set[int]:
    """Indices of figures that share their sentence with another figure of the same kind (money, sizes).

    「以超过$500亿估值进行$20亿融资」, 「从Phi-3-mini-3.8B到Hermes-3-405B」, 「7B→14B→32B」,
    「Voxtral 24B … Voxtral Mini 3B」, 「累计融资19亿美元、估值210亿美元」: a sentence that sets
    two figures of one kind side by side compares models, rounds, a part and its whole, or
    a before and an after; which figure belongs to which subject and measure is a guess, and
    a guess is no ground for telling a writer that two statements disagree. The two ends of
    「從 45% 飙至 67%」 are one statement (a pair) and do not crowd each other.
    """
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, q in enumerate(quantities):
        if q.unit:
            by_sentence.setdefault(q.sentence_key, []).append(i)
    out: set[int] = set()
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        for i in members:
            a = quantities[i]
            for j in members:
                b = quantities[j]
                if i == j or a.pair is b or b.pair is a or not _side_by_side(a, b):
                    continue
                if a.high <= b.low or b.high <= a.low:
                    out.add(i)
                    break
    return out


def crowded_of(doc: Document) -> set[int]:
    """`crowded` of the document's quantities, found once: statements and the restated frames
    both ask (on a line of thousands of figures it was a tenth of the rule's time)."""
    return doc.cached("crowded", lambda d: crowded(d.cached("quantities", extract_quantities)))


def statements(doc: Document, min_confidence: float, names: SubjectNames | None = None) -> list[Statement]:
    """The comparable statements of a document: a confident subject, a measure and a unit."""
    names = names or SubjectNames()
    quantities = doc.cached("quantities", extract_quantities)
    published = doc.published
    out: list[Statement] = []
    skip = crowded_of(doc)
    for n, q in enumerate(quantities):
        measure, subject = q.measure, q.subject
        if measure is None or subject is None or subject.confidence < min_confidence:
            continue
        if n in skip or _GENERIC.search(subject.key.strip()):
            continue  # side by side with another figure of its kind; or 「Seed 轮」 taken for a name
        if _named_after(q, measure.key):
            continue  # 「融資但 100 億估值」: the word right after the figure names another measure
        if measure.key in LOOSE_MEASURES:
            continue
        if q.role == "compare":
            rival = _rival(q)
            if rival is None:
                continue
            q = replace(q, qualifier=f"{q.qualifier}|vs:{rival}")
        elif q.role not in ("value", "change", "from", "past"):
            continue
        key, kind = names.resolve(subject.key)
        if measure.key in STATIC_MEASURES and not _one_model(key, kind):
            continue  # a parameter count of "Google" or "Claude": which model?
        if measure.key in SIZE_MEASURES and (subject.source not in ("clause", "label") or _SERIES.search(q.sentence)):
            continue  # 「LLaMA 7B、13B、34B」, 「Gemma 4 系列包含…31B、26B」: sizes of other models
        unit = _IMPLIED_UNIT.get(measure.key, "") if not q.unit else q.unit
        if not unit or unit.startswith(("cls:", "en:")):
            continue  # a bare number, or a count of things the measure does not name
        q = replace(q, unit=unit, subject=replace(subject, key=key))
        out.append(_statement(doc, q, published, q.role))
        if q.role == "from" and q.pair is not None:
            out.extend(_delta(doc, q, q.pair, published))
    return out


# 「相較GPT-5.4，… 高23%」: the cue that names the rival, and the words of a difference before the figure
_RIVAL_CUE = Lazy(lambda: alternation("quantities", "rival-cue"), re.IGNORECASE)
_DIFFERENCE = Lazy(lambda: rf"{alternation('quantities', 'difference')}\s*(?:了|约|約)?\s*$", re.IGNORECASE)


def _rival(q: Quantity) -> str | None:
    """The named rival of a relative difference (「相較GPT-5.4，GPT-5.5 … 高23%」), else None.

    Only differences of a fixed property of one model, in % or points, with the rival named
    right after the cue and the subject named in the figure's clause: anything looser (「碾压
    72B 模型」, 「超越傳統方法」) is about the rival or an unnamed thing, not a restatable figure.
    """
    assert q.measure is not None and q.subject is not None
    if q.unit not in ("%", "pp") or q.measure.key not in STATIC_MEASURES or q.subject.source != "clause":
        return None
    if q.measure.key in NEEDS_QUALIFIER and q.qualifier is None:
        return None
    at_figure = q.sentence.find(q.text)
    if at_figure < 0 or not _DIFFERENCE.search(q.sentence, max(0, at_figure - 8), at_figure):
        return None
    cue = None
    for m in _RIVAL_CUE.finditer(q.sentence, 0, at_figure):
        cue = m
    if cue is None:
        return None
    rivals = [e for e in find_entities(q.sentence[cue.end() : at_figure]) if is_subject(e)]
    if not rivals or rivals[0].start > 3 or rivals[0].key == q.subject.key:
        return None
    return rivals[0].key


def _statement(doc: Document, q: Quantity, published: dt.date | None, kind: str) -> Statement:
    assert q.measure is not None and q.subject is not None
    return Statement(
        doc_id=doc.id,
        path=doc.path,
        archived=doc.archived,
        line=q.line,
        span=q.span,
        text=q.text,
        quote=_quote(q.sentence, q.text),
        subject=q.subject.key,
        subject_words=q.subject.words,
        subject_source=q.subject.source,
        measure=q.measure.key,
        measure_words=q.measure.words,
        measure_source=q.measure.source,
        qualifier=q.qualifier,
        time=q.time.key if q.time else None,
        unit=q.unit,
        low=q.low,
        high=q.high,
        value=q.value,
        kind=kind,
        zone=q.zone,
        sentence=q.sentence_key,
        forecast=q.forecast,
        published=published,
        confidence=min(q.subject.confidence, q.measure.confidence),
        frame=_frame(q.sentence),
    )


_DIGITS = lazy_compile(r"\d+(?:[.,]\d+)*")
# shorter sentences (「ChatGPT 的週活躍用戶已達 # 億。」) are formulas that any month may fill in
# with its own figure, not one event told once
_MIN_FRAME = 30


def _frame(sentence: str) -> str:
    """「目前ChatGPT的全球週活躍用戶已達 #億」: the words of a sentence without its figures."""
    frame = _DIGITS.sub("#", "".join(sentence.split()))
    return frame if len(frame) >= _MIN_FRAME else ""


def _delta(doc: Document, a: Quantity, b: Quantity, published: dt.date | None) -> list[Statement]:
    """「從 45% 飆至 67%」 states a change: 22 percentage points, a 49 % relative rise."""
    if a.unit != "%" or b.unit != "%" or a.value <= 0:
        return []
    # the measure and subject were read at the start ("從 45%"), the end may have none
    base = _statement(doc, replace(b, measure=a.measure, subject=a.subject), published, "delta")
    pp = b.value - a.value
    return [
        replace(
            base,
            span=Span(min(a.span.start, b.span.start), max(a.span.end, b.span.end)),
            text=f"{a.text.strip()} → {b.text.strip()}",
            delta_pp=pp,
            delta_rel=pp / a.value * 100,
        )
    ]


def _quote(sentence: str, text: str, width: int = 70) -> str:
    s = " ".join(sentence.split())
    if len(s) <= width:
        return s
    k = max(s.find(text.strip()), 0)
    a = max(0, k - width // 2)
    b = min(len(s), a + width)
    return ("…" if a else "") + s[a:b] + ("…" if b < len(s) else "")
