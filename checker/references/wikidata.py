"""Wikidata: `wbsearchentities` (labels and aliases) and `wbgetentities` (claims).

Search answers 200 with `"search": []` when no label or alias matches: authoritative for
that text, not proof that nothing exists (items may lack labels in the language asked),
so both English and Chinese are searched. A hit counts only when its label or alias
equals the name (case, spaces and hyphens aside). Dates: publication date P577, else
inception P571, at their stated precision (9 year, 10 month, 11 day); deprecated
statements are ignored and preferred ones win.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from checker.references.base import SourceClient
from checker.references.result import LookupResult, Outcome

PRECISION = {9: "year", 10: "month", 11: "day"}


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def wikidata_time(value: dict[str, Any]) -> tuple[dt.date, str] | None:
    """A Wikidata time value as (date, precision), or None below year precision."""
    text = str(value.get("time", ""))
    precision = PRECISION.get(int(value.get("precision", 0) or 0))
    if precision is None or len(text) < 11 or text[0] != "+":  # BCE dates say nothing here
        return None
    try:
        year, month, day = int(text[1:5]), int(text[6:8]), int(text[9:11])
        return dt.date(year, max(month, 1), max(day, 1)), precision
    except ValueError:
        return None


def claim_dates(entity: dict[str, Any], prop: str) -> list[tuple[dt.date, str]]:
    statements = [s for s in entity.get("claims", {}).get(prop, []) if isinstance(s, dict)]
    preferred = [s for s in statements if s.get("rank") == "preferred"]
    chosen = preferred or [s for s in statements if s.get("rank") != "deprecated"]
    out = []
    for st in chosen:
        value = st.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict):
            parsed = wikidata_time(value)
            if parsed:
                out.append(parsed)
    return out


class WikidataClient(SourceClient):
    source = "wikidata"

    def search(self, name: str, languages: tuple[str, ...] = ("en", "zh")) -> LookupResult:
        """Is there an item labelled (or aliased) `name`? FOUND carries its ids and date."""
        wanted = _key(name)
        ids: list[str] = []
        last = None
        unknowns = []
        for lang in languages:
            params = {
                "action": "wbsearchentities",
                "search": name,
                "language": lang,
                "uselang": lang,
                "type": "item",
                "limit": 10,
                "format": "json",
            }
            got = self.fetch("/w/api.php?" + urlencode(params))
            last = got
            failed = self.transport_unknown(name, got)
            data = got.json() if failed is None else None
            if failed is not None or got.status != 200 or not isinstance(data, dict) or "search" not in data:
                unknowns.append(failed.detail if failed else f"unexpected answer ({got.describe()})")
                continue
            for hit in data["search"]:
                if not isinstance(hit, dict):
                    continue
                texts = [hit.get("label"), (hit.get("match") or {}).get("text"), *(hit.get("aliases") or [])]
                if any(isinstance(t, str) and _key(t) == wanted for t in texts) and hit.get("id") not in ids:
                    ids.append(str(hit.get("id")))
            if ids:
                break
        assert last is not None
        if not ids:
            if unknowns:
                return self.result(name, Outcome.UNKNOWN, "; ".join(unknowns), last)
            return self.result(name, Outcome.NOT_FOUND, f"no item labelled so ({'/'.join(languages)})", last)
        return self.entity_dates(name, ids[:5])

    def entity_dates(self, query: str, ids: list[str]) -> LookupResult:
        params = {
            "action": "wbgetentities",
            "ids": "|".join(ids),
            "props": "labels|descriptions|claims",
            "languages": "en|zh",
            "format": "json",
        }
        got = self.fetch("/w/api.php?" + urlencode(params))
        page = f"https://www.wikidata.org/wiki/{ids[0]}"
        failed = self.transport_unknown(query, got)
        data = got.json() if failed is None else None
        if failed is not None or not isinstance(data, dict) or not isinstance(data.get("entities"), dict):
            # the search already matched a label: the item exists even if its claims did not load
            return LookupResult(self.source, query, Outcome.FOUND, f"item {ids[0]}", url=page, status=got.status)
        best: tuple[dt.date, str] | None = None
        best_id = ids[0]
        descriptions = []
        for qid in ids:
            entity = data["entities"].get(qid)
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            desc = (entity.get("descriptions", {}).get("en") or {}).get("value")
            if desc:
                descriptions.append(f"{qid}: {desc}")
            dates = claim_dates(entity, "P577") or claim_dates(entity, "P571")
            for d in dates:
                if best is None or d[0] < best[0]:
                    best, best_id = d, qid
        detail = f"item {', '.join(ids[:3])}" + (f" ({descriptions[0]})" if descriptions else "")
        return LookupResult(
            self.source,
            query,
            Outcome.FOUND,
            detail,
            url=f"https://www.wikidata.org/wiki/{best_id}",
            status=got.status,
            released=best[0] if best else None,
            precision=best[1] if best else "day",
            facts={"ids": ids},
            from_cache=got.from_cache,
        )
