"""Finding statements that disagree (number.conflict): grouping, sweeping, and the findings.

Statements are grouped by a normalised key and swept by interval, never compared all pairs.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from checker.core.model import Evidence, Hit, Verdict
from checker.extract.quantities.statements import (
    FLOW_MEASURES,
    NEEDS_QUALIFIER,
    SNAPSHOT_MEASURES,
    STATIC_MEASURES,
    Statement,
)
from checker.text.lazy_regex import lazy_compile


class FinderOptions(Protocol):
    """The options of number.conflict the finder reads."""

    @property
    def max_evidence(self) -> int: ...
    @property
    def same_day_dynamic(self) -> bool: ...
    @property
    def same_sentence(self) -> bool: ...


_SIZE_IN_NAME = lazy_compile(r"(?<![a-z])\d+(?:\.\d+)?[bmt](?![a-z])")

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


def fmt(value: float) -> str:
    if abs(value) >= 100 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}"


# --- comparing ----------------------------------------------------------------------------------


@dataclass
class Conflict:
    """The statements one statement disagrees with, and why."""

    others: list[Statement] = field(default_factory=list)
    reason: str = ""  # "value" or "pp-vs-percent" or "change"
    # `others` as a set, for `Finder.add`: a test on the list compared every field of every
    # statement found so far (quadratic in a document that contradicts itself thousands of times)
    seen: set[Statement] = field(default_factory=set, repr=False, compare=False)

    def note(self, other: Statement, reason: str) -> None:
        """`other` disagrees (once; the first reason stays)."""
        if other not in self.seen:
            self.seen.add(other)
            self.others.append(other)
            self.reason = self.reason or reason


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


def _comparable(a: Statement, b: Statement, opts: FinderOptions) -> bool:
    same_doc = a.doc_id == b.doc_id
    if a.archived and b.archived:
        return False
    if a.measure != b.measure or a.forecast != b.forecast:
        return False
    if a.qualifier != b.qualifier and not (same_doc and (a.qualifier is None or b.qualifier is None)):
        return False
    if "cumulative" in (a.qualifier, b.qualifier) and a.qualifier != b.qualifier:
        return False  # 「累计融资19亿美元」 is every round so far, not the 7亿 of this one
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


class Finder:
    """Groups statements by a normalised key and finds the ones that disagree; never all pairs."""

    def __init__(self, opts: FinderOptions) -> None:
        self.opts = opts
        self.found: dict[int, Conflict] = defaultdict(Conflict)

    def add(self, a: int, b: int, sa: Statement, sb: Statement, reason: str) -> None:
        self.found[a].note(sb, reason)
        self.found[b].note(sa, reason)

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


_BARE_SIZE = lazy_compile(r"\s*\d+(?:\.\d+)?\s*[BMTbmt]\s*$")
_SIZE_SCALE = {"m": 1e6, "b": 1e9, "t": 1e12}


def against_name(s: Statement) -> Hit | None:
    """「Falcon H1R 7B … 7亿参数」: a parameter count off by more than twice the size in the name.

    Names round (「C2S-Scale 27B」 has 270亿, 「Qwen3-30B」 30.5B), so only a factor of two or
    more counts: the error it finds is a scale word gone wrong (亿 for 十亿, M for B).
    """
    if s.measure != "parameters" or s.kind != "value" or s.unit != "params":
        return None
    if _BARE_SIZE.match(s.text):
        return None  # a bare 「3B」 is as likely another model's name (「Voxtral Mini 3B」) as a size
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
                f"{measure_words(s)}; allows {allowed_range(s)}",
            ),
        ),
        verdict=Verdict.INCONSISTENT,
        confidence=s.confidence,
        document=s.doc_id,
        key=f"{s.subject}|{s.measure}|{s.text.strip()}|name",
    )


def measure_words(s: Statement) -> str:
    if s.measure_source == "unit":
        return f"measure from the unit of {s.measure_words}"
    return f"measure {s.measure_words}"


def where_of(s: Statement, other: Statement) -> str:
    if other.doc_id == s.doc_id:
        return f"on line {other.line}"
    tag = " (archive)" if other.archived else ""
    return f"in {other.doc_id}{tag} line {other.line}"


def finite(x: float) -> float | None:
    return None if math.isinf(x) or math.isnan(x) else x


def allowed_range(s: Statement) -> str:
    if s.kind == "delta":
        return f"{fmt(s.delta_pp)} points, {fmt(s.delta_rel)}%"
    lo = "-∞" if math.isinf(s.low) else _num(s.low)
    hi = "∞" if math.isinf(s.high) else _num(s.high)
    return f"{lo}–{hi} {s.unit}"


def _num(x: float) -> str:
    for scale, word in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(x) >= scale:
            return f"{x / scale:.4g}{word}"
    return f"{x:.4g}"
