"""The answer of every look-up: found, not found, or unknown, with its evidence.

Only NOT_FOUND is an authoritative negative that may back a finding; UNKNOWN (timeouts,
429, 5xx, bot walls, refused addresses, ambiguous 401/403) is shown in the evidence and
never becomes a finding by itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from checker.core.model import Evidence


class Outcome(enum.StrEnum):
    FOUND = "found"
    NOT_FOUND = "not-found"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LookupResult:
    """One question put to one source.

    `released` is the earliest release date the source gives for the thing asked about
    (at `precision`: "day", "month" or "year"); `facts` holds what else the source said.
    """

    source: str  # "pypi", "huggingface", "github", "wikidata", "wikipedia", "arxiv", ...
    query: str  # what was asked, as the user would recognise it
    outcome: Outcome
    detail: str  # one line for the evidence: "HTTP 404", "2 versions match", "rate-limited"
    url: str | None = None  # the address asked (or the public page of the answer)
    status: int | None = None
    released: dt.date | None = None
    precision: str = "day"
    facts: dict[str, Any] = field(default_factory=dict)
    from_cache: bool = False

    @property
    def found(self) -> bool:
        return self.outcome is Outcome.FOUND

    @property
    def not_found(self) -> bool:
        return self.outcome is Outcome.NOT_FOUND

    def evidence(self) -> Evidence:
        """The look-up as evidence of a finding ("pypi: triton 2.3 -> found (2024-04-...)")."""
        when = f", released {self.released.isoformat()}" if self.released else ""
        cached = " (cached)" if self.from_cache else ""
        return Evidence(
            "reference",
            f"{self.source}: {self.query} -> {self.outcome.value}: {self.detail}{when}{cached}",
            url=self.url,
            value={"source": self.source, "outcome": self.outcome.value, "status": self.status},
        )


def unknown(source: str, query: str, detail: str, url: str | None = None, status: int | None = None) -> LookupResult:
    return LookupResult(source, query, Outcome.UNKNOWN, detail, url=url, status=status)


def parse_iso_date(value: object) -> dt.date | None:
    """The date part of an ISO 8601 timestamp ("2024-04-19T17:30:05.123Z"), or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
