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
from checker.references.result import LookupResult, Outcome


def _date_parts(field: Any) -> dt.date | None:
    try:
        parts = field["date-parts"][0]
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (KeyError, IndexError, TypeError, ValueError):
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
        data = got.json()
        message = data.get("message") if isinstance(data, dict) else None
        if got.status != 200 or not isinstance(message, dict):
            return self.result(doi, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        title = (message.get("title") or [""])[0]
        issued = _date_parts(message.get("published-online")) or _date_parts(message.get("issued"))
        return LookupResult(
            self.source,
            doi,
            Outcome.FOUND,
            f"work \u201c{str(title)[:120]}\u201d",
            url=f"https://doi.org/{doi}",
            status=got.status,
            released=issued,
            facts={"title": title},
            from_cache=got.from_cache,
        )
