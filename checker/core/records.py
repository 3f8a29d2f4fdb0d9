"""What the per-document phase of a run hands to the corpus phase, one record per document.

A run has two phases (core/phases.py): per document (load, read, extract, document rules,
the corpus rules' `collect`), which can run in worker processes or on other machines, and
per corpus (the whole-run analyses, the corpus rules' `check`, findings, suppressions), which
runs once over the records. A `DocumentRecord` is everything the second phase needs of the
first: the document (with its extraction caches), the document rules' hits, the corpus
rules' collected values, crashes and CPU seconds. Records cross process boundaries by
pickle (between our own processes only); the hits also have a JSON form (`hit_to_json`,
`hit_from_json`) for the cache of unchanged files, which never unpickles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.core.model import Applicability, Evidence, Fix, Hit, Span, Verdict
from checker.input.documents import Document


@dataclass
class RuleCrash:
    """A rule that raised: the rule, the file and the error."""

    rule: str
    document: str
    error: str
    trace: str


@dataclass
class DocumentRecord:
    """One document's results of the per-document phase."""

    doc: Document
    hits: list[tuple[str, Hit]] = field(default_factory=list)  # (document rule id, hit)
    collected: list[tuple[str, Any]] = field(default_factory=list)  # (corpus rule id, value)
    crashes: list[RuleCrash] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    from_cache: bool = False  # the document rules' hits came from the cache of unchanged files


class RecordError(ValueError):
    """A cached record of the wrong shape: read as a cache miss."""


def hit_to_json(hit: Hit) -> dict[str, Any]:
    out: dict[str, Any] = {"span": [hit.span.start, hit.span.end], "message": hit.message}
    if hit.evidence:
        out["evidence"] = [_evidence_to_json(e) for e in hit.evidence]
    for key in ("suggestion", "confidence", "document", "key"):
        value = getattr(hit, key)
        if value is not None:
            out[key] = value
    if hit.verdict is not None:
        out["verdict"] = hit.verdict.value
    if hit.fix is not None:
        out["fix"] = hit.fix.to_dict()
    return out


def _evidence_to_json(e: Evidence) -> dict[str, Any]:
    out = e.to_dict()
    if "value" in out:
        # only values JSON gives back unchanged may be cached (a tuple would come back a list)
        out["value"] = _json_exact(out["value"])
    return out


def _json_exact(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return [_json_exact(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _json_exact(v) for k, v in value.items()}
    raise TypeError(f"evidence value of type {type(value).__name__} has no exact JSON form")


def hit_from_json(raw: Any) -> Hit:
    """A hit from its JSON form; RecordError when anything has the wrong type."""
    try:
        if not isinstance(raw, dict):
            raise RecordError("a hit is not an object")
        start, end = json_ints(raw["span"], 2)
        evidence = tuple(_evidence_from_json(e) for e in json_list(raw.get("evidence", [])))
        fix = _fix_from_json(raw["fix"]) if "fix" in raw else None
        verdict = Verdict(json_str(raw["verdict"])) if "verdict" in raw else None
        confidence = raw.get("confidence")
        if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)):
            raise RecordError("confidence is not a number")
        return Hit(
            Span(start, end),
            json_str(raw["message"]),
            evidence=evidence,
            suggestion=json_opt_str(raw.get("suggestion")),
            confidence=float(confidence) if confidence is not None else None,
            verdict=verdict,
            document=json_opt_str(raw.get("document")),
            key=json_opt_str(raw.get("key")),
            fix=fix,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordError(f"cached hit of the wrong shape: {exc}") from None


def _evidence_from_json(raw: Any) -> Evidence:
    if not isinstance(raw, dict):
        raise RecordError("evidence is not an object")
    line = raw.get("line")
    if line is not None and (isinstance(line, bool) or not isinstance(line, int)):
        raise RecordError("evidence line is not an integer")
    return Evidence(
        json_str(raw["kind"]),
        json_str(raw["detail"]),
        path=json_opt_str(raw.get("path")),
        document=json_opt_str(raw.get("document")),
        line=line,
        url=json_opt_str(raw.get("url")),
        value=raw.get("value"),
    )


def _fix_from_json(raw: Any) -> Fix:
    if not isinstance(raw, dict):
        raise RecordError("fix is not an object")
    start, end = json_ints([raw["start"], raw["end"]], 2)
    applicability = Applicability(json_str(raw["applicability"]))
    return Fix(Span(start, end), json_str(raw["replacement"]), applicability, json_str(raw["description"]))


# readers of stored JSON values: a value of the wrong shape is a RecordError (a cache miss)
def json_ints(raw: Any, n: int) -> list[int]:
    if not isinstance(raw, list) or len(raw) != n or not all(type(v) is int for v in raw):
        raise RecordError("expected a list of integers")
    return raw


def json_list(raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise RecordError("expected a list")
    return raw


def json_str(raw: Any) -> str:
    if not isinstance(raw, str):
        raise RecordError("expected a string")
    return raw


def json_opt_str(raw: Any) -> str | None:
    return None if raw is None else json_str(raw)
