"""Crossref REST API: `GET {base}/works/<url-encoded DOI>`.

Crossref answers only for DOIs it registered: its 404 is not proof that a DOI does not
exist (DataCite DOIs such as Zenodo's or arXiv's answer 404 there), so a Crossref miss is
reported as UNKNOWN and existence is settled by doi.org (doi.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome
from checker.references.shape import as_dict, as_list, as_number, get_dict, get_list, strings


def _date_parts(field: object) -> dt.date | None:
    """`{"date-parts": [[2021, 7, 15]]}` as a date; None when absent. Parts that are not
    small whole numbers (a string, a 400-digit number) are a shape error."""
    if field is None:
        return None
    parts_list = get_list(as_dict(field, "a date"), "date-parts") or []
    if not parts_list or parts_list[0] is None:
        return None
    parts = as_list(parts_list[0], "`date-parts`")
    if not parts or parts[0] is None:  # Crossref writes [[null]] for an unknown date
        return None
    numbers = [as_number(p, "a date part") for p in parts[:3]]
    try:
        return dt.date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, OverflowError):
        return None


class CrossrefClient(SourceClient):
    source = "crossref"

    def work(self, doi: str) -> LookupResult:
        got = self.fetch("/works/" + quote(doi, safe=""))
        failed = self.transport_unknown(doi, got)
        if failed:
            return failed
        if got.status == 404:
            return self.result(
                doi, Outcome.UNKNOWN, "not a Crossref DOI (HTTP 404; other agencies are not asked here)", got
            )
        if got.status != 200:
            return self.unexpected(doi, got, "not a work")
        return self.shaped(doi, got, lambda data: self._work(doi, got, as_dict(data)))

    def _work(self, doi: str, got: Fetched, data: dict[str, Any]) -> LookupResult:
        message = get_dict(data, "message", required=True)
        titles = strings(get_list(message, "title") or [], "`title`")
        title = titles[0] if titles else ""
        issued = _date_parts(message.get("published-online")) or _date_parts(message.get("issued"))
        return LookupResult(
            self.source,
            doi,
            Outcome.FOUND,
            f"work \u201c{title[:120]}\u201d",
            url=f"https://doi.org/{doi}",
            status=got.status,
            released=issued,
            facts={"title": title},
            from_cache=got.from_cache,
        )
