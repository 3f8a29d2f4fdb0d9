"""The number family: the same quantity told two ways."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.quantities.attribute import family_of, find_entities, is_subject, names_one_model, normalise_name
from checker.extract.quantities.recognise import Quantity, extract_quantities
from checker.input.documents import DEFAULT_SCOPE, Document, SegmentKind

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
# size is held against the name (_against_name) as well as against other statements.
_SIZE_IN_NAME = re.compile(r"(?<![a-z])\d+(?:\.\d+)?[bmt](?![a-z])")
STATIC_MEASURES = frozenset(
    {"training-cost", "parameters", "active-parameters", "gpu-count", "context", "accuracy", "score"}
)
# Measures whose value means nothing without the benchmark it was measured on.
NEEDS_QUALIFIER = frozenset({"accuracy", "score"})

MEASURE_NAMES = {
    "training-cost": "training cost",
    "parameters": "parameter count",
    "active-parameters": "active parameter count",
    "margin": "margin",
    "gpu-count": "GPU count",
    "context": "context length",
    "accuracy": "accuracy",
    "score": "score",
    "revenue": "revenue",
    "profit": "profit",
    "valuation": "valuation",
    "market-cap": "market value",
    "funding": "funding",
    "investment": "investment",
    "users": "users",
    "weekly-active-users": "weekly active users",
    "monthly-active-users": "monthly active users",
    "daily-active-users": "daily active users",
    "share": "share",
    "downloads": "downloads",
    "employees": "employees",
    "price": "price",
    "cost": "cost",
}


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class ConflictOptions:
    min_confidence: float = 0.8  # subject attribution needed (clause 0.9, sentence 0.8 … topic 0.4)
    max_evidence: int = 5  # other statements listed per finding
    same_day_dynamic: bool = True  # compare moving figures (revenue, users) across documents of one day
    same_sentence: bool = True  # compare any figures of one long sentence told word for word, dated or not


_SERIES = re.compile(
    r"(?:系列|家族)(?:模型|包含|包括|共|有|中)|多个版本|多個版本|版本[：:]|versions|family|variants|sizes",
    re.IGNORECASE,
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

_PATH_DATE = re.compile(r"(20\d{2})[-_/.]?(\d{2})[-_/.]?(\d{2})")


def publication_date(doc: Document) -> dt.date | None:
    """The document's date: as the loader settled it, else a date in the file name."""
    if doc.published is not None:
        return doc.published
    if doc.entry_date is not None:
        return doc.entry_date
    # the file name, else its folder: "2025-12/2025-12-08.md", "20251215-092748/article.md"
    parts = doc.path.replace("\\", "/").rsplit("/", 2)
    m = _PATH_DATE.search(parts[-1]) or (_PATH_DATE.search(parts[-2]) if len(parts) > 1 else None)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _fmt(value: float) -> str:
    if abs(value) >= 100 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}"


class SubjectNames:
    """Canonical subjects from the knowledge base, when there is one (checker/kb.py).

    The KB unifies what spelling cannot ("深度求索" and "DeepSeek", "輝達" and "NVIDIA")
    and says whether a name is one model or a company; without it the patterns of
    checker/attribution.py decide alone.
    """

    def __init__(self, kb: Any = None) -> None:
        self._kb = kb
        self._cache: dict[str, tuple[str, str | None]] = {}

    def resolve(self, key: str) -> tuple[str, str | None]:
        """(canonical key, KB kind or None) of a subject key."""
        if self._kb is None:
            return key, None
        if key not in self._cache:
            entry = self._kb.lookup(key)
            self._cache[key] = (normalise_name(entry.name), entry.kind) if entry is not None else (key, None)
        return self._cache[key]


def subject_names(ctx: RunContext | None) -> SubjectNames:
    """The run's knowledge base if checker.extract.kb is installed and loads, else patterns only."""
    if ctx is None:
        return SubjectNames()
    cached = ctx.scratch.get("number.subject-names")
    if isinstance(cached, SubjectNames):
        return cached
    try:  # optional: the knowledge base is another module's, and may be absent or broken
        from checker.extract.kb import get_kb

        names = SubjectNames(get_kb(ctx))
    except Exception:  # a broken KB must not stop number checks
        names = SubjectNames()
    ctx.scratch["number.subject-names"] = names
    return names


def _one_model(key: str, kind: str | None) -> bool:
    if kind is not None:
        if kind == "model":
            return True
        if kind in ("company", "model-family", "person", "architecture"):
            return False
    return names_one_model(key)


def statements(doc: Document, min_confidence: float, names: SubjectNames | None = None) -> list[Statement]:
    """The comparable statements of a document: a confident subject, a measure and a unit."""
    names = names or SubjectNames()
    quantities = doc.cached("quantities", extract_quantities)
    published = publication_date(doc)
    out: list[Statement] = []
    for q in quantities:
        measure, subject = q.measure, q.subject
        if measure is None or subject is None or subject.confidence < min_confidence:
            continue
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
_RIVAL_CUE = re.compile(r"相較|相较|相比|比起|較之|较之|compared (?:to|with)|relative to|\bvs\.?|比", re.IGNORECASE)
_DIFFERENCE = re.compile(
    r"(?:高|低|多|少|快|慢|提升|提高|降低|减少|減少|高出|领先|領先|higher|lower|more|less|faster|better|by)\s*(?:了|约|約)?\s*$",
    re.IGNORECASE,
)


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


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
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


# --- comparing ----------------------------------------------------------------------------------


@dataclass
class _Conflict:
    others: list[Statement] = field(default_factory=list)
    reason: str = ""  # "value" or "pp-vs-percent" or "change"


def _times_compatible(a: Statement, b: Statement, same_doc: bool) -> bool:
    if a.time == b.time:
        return True
    return same_doc and (a.time is None or b.time is None)


def _subjects_compatible(a: Statement, b: Statement, same_doc: bool) -> bool:
    if a.subject == b.subject:
        return True
    if not same_doc:
        return False
    short, long = sorted((a.subject, b.subject), key=len)
    # "qwen3" and "qwen3-1.7b" in one article: the shorter names the longer's family
    return long.startswith(short + "-")


def _comparable(a: Statement, b: Statement, opts: ConflictOptions) -> bool:
    same_doc = a.doc_id == b.doc_id
    if a.archived and b.archived:
        return False
    if a.measure != b.measure or a.forecast != b.forecast:
        return False
    if a.qualifier != b.qualifier and not (same_doc and (a.qualifier is None or b.qualifier is None)):
        return False
    if same_doc and not _static(a) and a.zone == b.zone and "delta" not in (a.kind, b.kind):
        # one article may tell a moving figure's history (seed round, then A round); only a
        # summary held against its body is a like-for-like restatement
        return False
    if a.kind == b.kind == "value" and a.measure in NEEDS_QUALIFIER and None in (a.qualifier, b.qualifier):
        return False  # a score without its benchmark
    if same_doc and a.sentence == b.sentence:
        return False  # 「包含 117B 和 21B 參數版本」: one sentence lists, it does not contradict itself
    if not same_doc:
        if a.measure in NEEDS_QUALIFIER and a.qualifier is None:
            return False
        if a.forecast:
            return False
        if not (_static(a) and _static(b)):
            if a.measure not in SNAPSHOT_MEASURES:
                return False
            explicit = a.time == b.time and ((a.measure in FLOW_MEASURES and _period(a.time)) or _as_of(a.time))
            same_day = opts.same_day_dynamic and a.published is not None and a.published == b.published
            if not (explicit or same_day):
                return False
    return _times_compatible(a, b, same_doc) and _subjects_compatible(a, b, same_doc)


def _retold(a: Statement, b: Statement) -> bool:
    """Two documents telling one sentence with other figures, where no date tells them apart."""
    return a.doc_id != b.doc_id and not (a.archived and b.archived) and None in (a.published, b.published)


def _static(s: Statement) -> bool:
    """A fixed fact: a model's size, or the amount of one named funding round."""
    return s.measure in STATIC_MEASURES or (s.measure == "funding" and (s.qualifier or "").startswith("round:"))


def _period(time: str | None) -> bool:
    """A stated period (2024, 2025Q3, FY25), not "annualised" or "last year"."""
    return time is not None and any(c.isdigit() for c in time) and not time.startswith(("rel:", "asof:"))


def _as_of(time: str | None) -> bool:
    """A stated point in time: 「截至2024年9月」."""
    return time is not None and time.startswith("asof:")


def _value_units_match(a: Statement, b: Statement) -> bool:
    if a.unit == b.unit:
        return True
    # 「年收入百亿」 over 「130亿美元」: an amount without currency takes the article's
    return a.doc_id == b.doc_id and "?money" in (a.unit, b.unit) and "/per" not in a.unit + b.unit


def _disjoint(a: Statement, b: Statement) -> bool:
    return a.high <= b.low or b.high <= a.low


def _states(own: list[Statement], other: Statement) -> bool:
    """Whether a document itself gives a value compatible with `other` (same key); a bound
    (「突破 2000 万」) is compatible with any larger figure but does not state it."""
    return any(math.isfinite(o.low) and math.isfinite(o.high) and not _disjoint(o, other) for o in own)


def _check_change(change: Statement, delta: Statement) -> str | None:
    """A stated change against "from X to Y": None when they agree, else the kind of conflict."""
    if change.unit == "pp":
        return None if change.low <= delta.delta_pp < change.high else "change"
    if change.unit != "%":
        return None
    if change.low <= delta.delta_rel < change.high or change.low <= delta.delta_rel <= change.high:
        return None
    if change.low <= delta.delta_pp < change.high:
        return "pp-vs-percent"
    return "change"


_WITHIN_LIMIT = 200


class _Finder:
    """Groups statements by a normalised key and finds the ones that disagree; never all pairs."""

    def __init__(self, opts: ConflictOptions) -> None:
        self.opts = opts
        self.found: dict[int, _Conflict] = defaultdict(_Conflict)

    def add(self, a: int, b: int, sa: Statement, sb: Statement, reason: str) -> None:
        ca = self.found[a]
        if sb not in ca.others:
            ca.others.append(sb)
            ca.reason = ca.reason or reason
        cb = self.found[b]
        if sa not in cb.others:
            cb.others.append(sa)
            cb.reason = cb.reason or reason

    def values(self, stmts: list[Statement]) -> None:
        # across documents: exact key, then an interval sweep inside each group
        groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, s in enumerate(stmts):
            if s.kind in ("value", "from", "change", "past", "compare"):
                groups[self._key(s)].append(i)
        for members in groups.values():
            if len(members) > 1:
                self._sweep(stmts, members, lambda a, b: _comparable(a, b, self.opts))
        # the same sentence word for word in two documents, one of them undated: the same event
        # retold, so even a figure that moves over time must agree
        retold: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, s in enumerate(stmts):
            if self.opts.same_sentence and s.frame and s.kind in ("value", "from", "change", "past", "compare"):
                retold[(s.frame, s.kind, s.subject, s.measure, s.unit, s.qualifier, s.time, s.forecast)].append(i)
        for members in retold.values():
            if len(members) > 1 and len({stmts[i].doc_id for i in members}) > 1:
                self._sweep(stmts, members, _retold)
        # within one document: the family of the name, so that Qwen3 meets Qwen3-1.7B
        per_doc: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, s in enumerate(stmts):
            if s.kind in ("value", "change", "delta"):
                per_doc[(s.doc_id, s.family, s.measure)].append(i)
        for members in per_doc.values():
            if len(members) > 1:
                self._within(stmts, members)

    def _key(self, s: Statement) -> tuple[object, ...]:
        """Statements that may be compared across documents share this key."""
        scope: object = None
        local = s.forecast or (s.measure in NEEDS_QUALIFIER and s.qualifier is None) or s.unit == "?money"
        if local or (not _static(s) and s.measure not in SNAPSHOT_MEASURES):
            scope = s.doc_id  # only within the document
        elif not _static(s) and not (s.measure in FLOW_MEASURES and _period(s.time)) and not _as_of(s.time):
            scope = s.published if (self.opts.same_day_dynamic and s.published) else s.doc_id
        return (s.kind, s.subject, s.measure, s.unit, s.qualifier, s.time, s.forecast, scope)

    def _sweep(
        self, stmts: list[Statement], members: list[int], comparable: Callable[[Statement, Statement], bool]
    ) -> None:
        """Each statement against those whose intervals end before it starts (sorted, bisect)."""
        by_high = sorted(members, key=lambda i: stmts[i].high)
        highs = [stmts[i].high for i in by_high]
        by_doc: dict[str, list[Statement]] = defaultdict(list)
        for i in members:
            by_doc[stmts[i].doc_id].append(stmts[i])
        for i in members:
            s = stmts[i]
            cut = bisect.bisect_right(highs, s.low)  # every one with high <= s.low
            for j in reversed(by_high[max(0, cut - 4 * self.opts.max_evidence) : cut]):
                t = stmts[j]
                if not (comparable(s, t) and _value_units_match(s, t) and _disjoint(s, t)):
                    continue
                if s.doc_id != t.doc_id and (_states(by_doc[s.doc_id], t) or _states(by_doc[t.doc_id], s)):
                    # the document also gives the other value (input and output price, two rounds):
                    # it does not contradict the other document, it says more
                    continue
                self.add(i, j, s, t, "value")

    def _within(self, stmts: list[Statement], members: list[int]) -> None:
        """Pairs inside one document whose keys differ only where one statement is silent."""
        # one document rarely says the same thing of one family this often; past this bound
        # (a machine-made page) the exact-key sweep alone runs, so time stays linear
        members = members[:_WITHIN_LIMIT]
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = stmts[i], stmts[j]
                if a.kind == b.kind and self._key(a) == self._key(b):
                    continue  # already compared in the exact group
                if not _comparable(a, b, self.opts):
                    continue
                reason = self._pair_reason(a, b)
                if reason:
                    self.add(i, j, a, b, reason)

    @staticmethod
    def _pair_reason(a: Statement, b: Statement) -> str | None:
        kinds = {a.kind, b.kind}
        if kinds in ({"value"}, {"from"}, {"past"}):
            return "value" if _value_units_match(a, b) and _disjoint(a, b) else None
        if kinds == {"change"}:
            return "change" if a.unit == b.unit and _disjoint(a, b) else None
        if kinds == {"change", "delta"}:
            change, delta = (a, b) if a.kind == "change" else (b, a)
            return _check_change(change, delta)
        return None


class NumberConflict(CorpusRule[list[Statement]]):
    """
    What it flags
        Two statements of the same quantity for the same subject that cannot both
        be true: 「DeepSeek-V3 的訓練成本為 550 萬美元」 in one article and 「以 560 萬美元
        投入…訓練出…V3 模型」 in another; a summary line 「準確率飙升22%」 over a body that
        says 「準確率從45%飙至67%」 (22 percentage points, a 49 % rise); a difference
        against a named rival told two ways (「相較GPT-5.4，GPT-5.5 … 高23%」); a
        parameter count a scale word puts far from the size in the model's name
        (「Falcon H1R 7B … 7亿参数」). Within one document (summary against body),
        across the documents of a run, and against the archive. Each disagreeing
        statement is reported once, with the others as evidence.

    Why it matters
        The same figure told differently in two digests is the most common
        consistency error in AI news; readers who notice stop trusting both.

    Flagged
        DeepSeek-V3 的訓練成本為 550 萬美元。 … DeepSeek 以 560 萬美元訓練出 V3 模型。
        PasoDoble 使 Qwen3 準確率飙升22%。 … Qwen3-1.7B 準確率從45%飙至67%。

    Passes
        OpenAI 年收入飙升至百亿 … 年化收入已飙升至 130 亿美元 (百亿 is 50–150 亿).
        總成本約 550 萬美元 … 以 560 萬美元投入 (約 widens the interval).
        GPU 約 2000 塊 … 2048 塊 H800 (a round number).

    Options
        min-confidence: how sure the subject attribution must be, from 0.4 (document
        topic) to 0.9 (named in the same clause); default 0.8 (named earlier in the
        same sentence).
        max-evidence: how many other statements a finding lists (default 5).
        same-day-dynamic: compare figures that move over time (revenue, users,
        valuation) across documents published on the same day (default true);
        otherwise only when both state the same period (2024年, Q3).
        same-sentence: compare the figures of one sentence (30 characters or more)
        told word for word in two documents even when one is undated (default
        true): the same words tell the same event.

    Known limits
        Values are compared as intervals implied by their precision and hedge, not
        against the truth; a group where every statement is wrong the same way passes,
        and two bounds ("超過 30 億", "突破 300 億") never conflict. Figures that move
        over time (revenue, users, valuation, funding, price) are compared across
        documents only for the same stated period (2024年, FY2025, 截至2024年9月) or
        the same publication day, so undated documents are compared only with
        themselves (summary against body), unless two documents tell the same long
        sentence (30 characters or more) word for word with other figures: that is
        one event retold, whatever its date. Model sizes need the model named in the
        same clause (not "Google", not "LLaMA 7B、13B、34B"); scores need their
        benchmark; figures about a rival ("比 GPT-4 高"), earlier values ("曾估值"),
        forecasts and investments are not compared with plain values. A document
        that states both values (input and output price) is not said to contradict
        another. Currencies are not converted. The subject is the nearest name
        before the figure (or the label, or the name the figure describes: 「…的
        SpaceX」); a figure about an unnamed thing is not compared. With the
        knowledge base (checker/kb.py) names are unified through its aliases.
    """

    meta = RuleMeta(
        "number.conflict",
        Severity.WARNING,
        "two statements of the same quantity for the same subject disagree beyond rounding",
        scope=DEFAULT_SCOPE | {SegmentKind.CODE, SegmentKind.FRONT_MATTER},
    )
    Options = ConflictOptions

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Statement]:
        return statements(doc, self.options.min_confidence, subject_names(ctx))

    def check(self, collected: list[tuple[Document, list[Statement]]], ctx: RunContext) -> Iterator[Hit]:
        stmts = [s for _, ss in collected for s in ss]
        finder = _Finder(self.options)
        finder.values(stmts)
        for i in sorted(finder.found, key=lambda k: (stmts[k].path, stmts[k].span.start)):
            s = stmts[i]
            if s.archived:
                continue
            yield self._hit(s, finder.found[i])
        for i, s in enumerate(stmts):
            if i not in finder.found and not s.archived:
                hit = _against_name(s)
                if hit is not None:
                    yield hit

    def _hit(self, s: Statement, conflict: _Conflict) -> Hit:
        others = sorted(conflict.others, key=lambda o: (o.doc_id != s.doc_id, o.path, o.line))
        shown = others[: self.options.max_evidence]
        first = shown[0]
        measure = MEASURE_NAMES.get(s.measure, s.measure)
        subject = s.subject_words
        where = _where(s, first)
        more = f" and {len(others) - 1} other statement{'s' if len(others) > 2 else ''}" if len(others) > 1 else ""
        suggestion = None
        if conflict.reason in ("pp-vs-percent", "change") and "delta" in (s.kind, first.kind):
            if s.kind == "change":
                msg = (
                    f"{subject} {measure}: a change of {s.text.strip()} here, but {first.text} {where} is "
                    f"{_fmt(first.delta_pp)} percentage points, a {_fmt(first.delta_rel)}% relative change"
                )
                if conflict.reason == "pp-vs-percent":
                    msg += " (percentage points written as a percentage)"
                    suggestion = f"{_fmt(first.delta_pp)} 个百分点 (or {_fmt(first.delta_rel)}%)"
            else:
                msg = (
                    f"{subject} {measure}: {s.text} here is {_fmt(s.delta_pp)} percentage points, a "
                    f"{_fmt(s.delta_rel)}% relative change, but {first.text.strip()} {where} calls it "
                    f"a {first.text.strip()} change"
                )
                if conflict.reason == "pp-vs-percent":
                    msg += " (percentage points written as a percentage)"
        else:
            what = {
                "change": "a change of ",
                "from": "a starting value of ",
                "past": "an earlier value of ",
                "compare": "a difference of ",
            }.get(s.kind, "")
            msg = f"{subject} {measure}: {what}{s.text.strip()} here, but {first.text.strip()} {where}{more}"
            agreeing = {o.text.strip() for o in others}
            if len(others) >= 2 and len(agreeing) == 1:
                suggestion = next(iter(agreeing))
        evidence = [
            Evidence(
                "statement",
                f"«{o.quote}» ({o.text.strip()}; subject {o.subject_words} from the {o.subject_source}, "
                f"{_measure_words(o)})",
                path=o.path,
                document=o.doc_id,
                line=o.line,
                value={"text": o.text.strip(), "low": _finite(o.low), "high": _finite(o.high), "unit": o.unit},
            )
            for o in shown
        ]
        evidence.append(
            Evidence(
                "attribution",
                f"this statement: subject {s.subject_words} from the {s.subject_source}, "
                f"{_measure_words(s)}"
                + (f", time {s.time}" if s.time else "")
                + (f", on {s.qualifier}" if s.qualifier else "")
                + f"; allows {_range(s)}",
            )
        )
        return Hit(
            s.span,
            msg,
            evidence=tuple(evidence),
            suggestion=suggestion,
            verdict=Verdict.INCONSISTENT,
            confidence=s.confidence,
            document=s.doc_id,
            key=f"{s.subject}|{s.measure}|{s.text.strip()}",
        )


_SIZE_SCALE = {"m": 1e6, "b": 1e9, "t": 1e12}


def _against_name(s: Statement) -> Hit | None:
    """「Falcon H1R 7B … 7亿参数」: a parameter count off by more than twice the size in the name.

    Names round (「C2S-Scale 27B」 has 270亿, 「Qwen3-30B」 30.5B), so only a factor of two or
    more counts: the error it finds is a scale word gone wrong (亿 for 十亿, M for B).
    """
    if s.measure != "parameters" or s.kind != "value" or s.unit != "params":
        return None
    sizes = _SIZE_IN_NAME.findall(s.subject)
    if len(sizes) != 1:
        return None  # 「llama-7b-13b」: which one?
    named = float(sizes[0][:-1]) * _SIZE_SCALE[sizes[0][-1]]
    if named / 2 <= s.value <= named * 2:
        return None
    return Hit(
        s.span,
        f"{s.subject_words} parameter count: {s.text.strip()} here ({_num(s.value)}), but the name says "
        f"{sizes[0].upper()} ({_num(named)})",
        evidence=(
            Evidence("name", f"the model's name {s.subject_words} gives its size: {sizes[0].upper()}"),
            Evidence(
                "attribution",
                f"this statement: subject {s.subject_words} from the {s.subject_source}, "
                f"{_measure_words(s)}; allows {_range(s)}",
            ),
        ),
        verdict=Verdict.INCONSISTENT,
        confidence=s.confidence,
        document=s.doc_id,
        key=f"{s.subject}|{s.measure}|{s.text.strip()}|name",
    )


def _measure_words(s: Statement) -> str:
    if s.measure_source == "unit":
        return f"measure from the unit of {s.measure_words}"
    return f"measure {s.measure_words}"


def _where(s: Statement, other: Statement) -> str:
    if other.doc_id == s.doc_id:
        return f"on line {other.line}"
    tag = " (archive)" if other.archived else ""
    return f"in {other.doc_id}{tag} line {other.line}"


def _finite(x: float) -> float | None:
    return None if math.isinf(x) or math.isnan(x) else x


def _range(s: Statement) -> str:
    if s.kind == "delta":
        return f"{_fmt(s.delta_pp)} points, {_fmt(s.delta_rel)}%"
    lo = "-∞" if math.isinf(s.low) else _num(s.low)
    hi = "∞" if math.isinf(s.high) else _num(s.high)
    return f"{lo}–{hi} {s.unit}"


def _num(x: float) -> str:
    for scale, word in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(x) >= scale:
            return f"{x / scale:.4g}{word}"
    return f"{x:.4g}"
