"""The core value types shared by loading, extraction, rules, the engine and reporters.

Offsets into `SourceFile.text` (half-open, in code points) are the single truth for
positions; lines and columns are derived from them by `SourceFile.locate`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

# The value types below (Span, Location, Evidence, Fix, Hit) are plain slotted dataclasses that
# hash and compare by value (unsafe_hash), not frozen ones: a frozen dataclass sets each field
# through object.__setattr__, two to three times the cost of building a plain one, and a run
# builds several per date, name and finding (issue 17: 2 MB of dated weekdays makes 160,000
# findings). No code assigns to them once built; treat them as immutable. Their hashes are the
# frozen ones' (the hash of the tuple of fields), so sets and dicts keep their order.


class Severity(enum.IntEnum):
    """Ordered, so that `--fail-on` is a comparison."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (error, warning, info)") from None

    @property
    def label(self) -> str:
        return _SEVERITY_LABELS[self]  # Enum.name is a slow descriptor: read once per finding


_SEVERITY_LABELS = {s: s.name.lower() for s in Severity}


class Verdict(enum.StrEnum):
    """What kind of doubt a finding expresses (report.schema.json `verdict`)."""

    CONTRADICTED = "contradicted"
    INCONSISTENT = "inconsistent"
    LIKELY_ERROR = "likely-error"
    UNVERIFIED = "unverified"
    SUSPICIOUS = "suspicious"
    UNDETERMINED = "undetermined"


@dataclass(slots=True, order=True, unsafe_hash=True)
class Span:
    """Half-open range of code-point offsets into a SourceFile's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # a worker's records hold ~400k spans: pickled as (start, end), a third of the
        # default's CPU for slotted dataclasses (~4.7 -> 1.5 us a round trip)
        return (Span, (self.start, self.end))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """1-based line and code-point column; `end_column` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True, unsafe_hash=True)
class Evidence:
    """Why a finding was raised: another mention, a date, a knowledge-base entry, a look-up."""

    kind: str
    detail: str
    path: str | None = None
    document: str | None = None
    line: int | None = None
    url: str | None = None
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        # spelt out, not a getattr loop: a report of 100,000 findings reads these per finding
        if self.path is not None:
            out["path"] = self.path
        if self.document is not None:
            out["document"] = self.document
        if self.line is not None:
            out["line"] = self.line
        if self.url is not None:
            out["url"] = self.url
        if self.value is not None:
            out["value"] = self.value
        return out


# Enum.value is a slow descriptor (~0.8 us, as Enum.name above) and round(x, 3) costs ~1.6 us
# (it goes through a decimal string): a report of 160,000 findings reads both per finding, so
# to_dict reads them from these tables (the same str and float objects' values)
_VERDICT_VALUES = {v: v.value for v in Verdict}
_ROUNDED: dict[float, float] = {}  # confidence -> round(confidence, 3); rules use a few values


def _round3(x: float) -> float:
    if type(x) is not float or x == 0.0:  # an int 1 and 1.0 (0.0 and -0.0) are one key, not one output
        return round(x, 3)
    r = _ROUNDED.get(x)
    if r is None:
        if len(_ROUNDED) >= 4096:  # a rule computing continuous confidences: stay bounded
            _ROUNDED.clear()
        r = _ROUNDED[x] = round(x, 3)
    return r


class Applicability(enum.StrEnum):
    """How safe a fix is to apply without a person reading it (ruff's terms).

    `safe` fixes keep the meaning (a casing, a misspelt name, a leftover chatter line);
    `unsafe` ones may change what the article claims (a number, the date of an event)
    and are applied only with `--unsafe-fixes`.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


_APPLICABILITY_VALUES = {a: a.value for a in Applicability}


@dataclass(slots=True, unsafe_hash=True)
class Fix:
    """One edit that resolves a finding: replace the source text in `span` with `replacement`.

    `span` is in source offsets (like Finding.span) and may differ from the flagged span
    (deleting a whole residue line, say). An empty replacement deletes.
    """

    span: Span
    replacement: str
    applicability: Applicability = Applicability.SAFE
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "replacement": self.replacement,
            "applicability": _APPLICABILITY_VALUES[self.applicability],
            "description": self.description,
        }


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """What a rule yields. Only the engine turns hits into findings.

    `document` is required for hits of corpus rules (they see many documents) and
    ignored for document rules. `key` optionally replaces the flagged text in the
    fingerprint, for rules whose flagged span is long or volatile.
    """

    span: Span
    message: str
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None
    confidence: float | None = None
    verdict: Verdict | None = None
    document: str | None = None
    key: str | None = None
    fix: Fix | None = None


@dataclass(slots=True)
class Finding:
    """A hit placed in a file, with the rule's configured severity and a fingerprint."""

    rule: str
    severity: Severity
    path: str
    document: str
    span: Span
    location: Location
    text: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None
    confidence: float | None = None
    verdict: Verdict | None = None
    fingerprint: str = ""
    suppressed_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.start, self.span.end, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.label,
            "path": self.path,
            "document": self.document,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": [e.to_dict() for e in self.evidence],
            "fingerprint": self.fingerprint,
        }
        if self.confidence is not None:
            out["confidence"] = _round3(self.confidence)
        if self.verdict is not None:
            out["verdict"] = _VERDICT_VALUES[self.verdict]
        if self.suppressed_by is not None:
            out["suppressed_by"] = self.suppressed_by
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        return out
