"""What every source client shares: its base URL, the one HTTP client, and the mapping
of transport failures to "unknown"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from checker.references.http import Fetched, HttpClient
from checker.references.result import LookupResult, Outcome
from checker.references.shape import ShapeError, loads


class SourceClient:
    source = "?"

    def __init__(self, http: HttpClient, base: str | None = None) -> None:
        self.http = http
        self.base = (base or http.settings.base(self.source)).rstrip("/")

    @property
    def host(self) -> str:
        return (urlsplit(self.base.replace("{lang}", "en")).hostname or "").lower()

    def fetch(self, path: str, *, accept: str = "application/json", refresh: bool = False) -> Fetched:
        return self.http.get(self.base + path, headers={"Accept": accept}, refresh=refresh)

    def transport_unknown(self, query: str, got: Fetched) -> LookupResult | None:
        """UNKNOWN for answers that say nothing about the thing asked: no answer at all,
        a refused address, rate limits and server errors."""
        if got.status is None:
            return LookupResult(self.source, query, Outcome.UNKNOWN, got.error or "no answer", url=got.url)
        if got.status == 429:
            return self.result(query, Outcome.UNKNOWN, "rate-limited (HTTP 429), not consulted", got)
        if got.status >= 500:
            return self.result(query, Outcome.UNKNOWN, f"server error (HTTP {got.status})", got)
        return None

    def shaped(self, query: str, got: Fetched, read: Callable[[Any], LookupResult]) -> LookupResult:
        """`read` the JSON body; an answer of another shape (wrong types, missing keys, not
        JSON, nested too deep) is UNKNOWN with the reason, never an exception."""
        try:
            return read(loads(got.body))
        except ShapeError as exc:
            return self.unexpected(query, got, exc)

    def unexpected(self, query: str, got: Fetched, problem: ShapeError | str) -> LookupResult:
        return self.result(query, Outcome.UNKNOWN, f"unexpected answer ({got.describe()}: {problem})", got)

    def result(self, query: str, outcome: Outcome, detail: str, got: Fetched, **kw: object) -> LookupResult:
        return LookupResult(
            self.source,
            query,
            outcome,
            detail,
            url=got.final_url,
            status=got.status,
            from_cache=got.from_cache,
            **kw,  # type: ignore[arg-type]
        )
