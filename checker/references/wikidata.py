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
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome
from checker.references.shape import ShapeError, as_dict, dicts, get_dict, get_int, get_list, get_str, loads, strings

PRECISION = {9: "year", 10: "month", 11: "day"}


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def wikidata_time(value: dict[str, Any]) -> tuple[dt.date, str] | None:
    """A Wikidata time value as (date, precision), or None below year precision."""
    text = get_str(value, "time") or ""
    precision = PRECISION.get(get_int(value, "precision") or 0)
    if precision is None or len(text) < 11 or text[0] != "+":  # BCE dates say nothing here
        return None
    try:
        year, month, day = int(text[1:5]), int(text[6:8]), int(text[9:11])
        return dt.date(year, max(month, 1), max(day, 1)), precision
    except ValueError:
        return None


def claim_dates(entity: dict[str, Any], prop: str) -> list[tuple[dt.date, str]]:
    claims = get_dict(entity, "claims") or {}
    statements = dicts(get_list(claims, prop) or [], f"the claims {prop}")
    preferred = [s for s in statements if get_str(s, "rank") == "preferred"]
    chosen = preferred or [s for s in statements if get_str(s, "rank") != "deprecated"]
    out = []
    for st in chosen:
        # "somevalue" and "novalue" snaks have no datavalue: no date, not a surprise
        datavalue = get_dict(get_dict(st, "mainsnak") or {}, "datavalue") or {}
        value = datavalue.get("value")
        if isinstance(value, dict):
            parsed = wikidata_time(value)
            if parsed:
                out.append(parsed)
    return out


def search_hits(data: object, wanted: str) -> list[str]:
    """The ids of the hits whose label, matched text or an alias is `wanted` (as _key)."""
    out: list[str] = []
    for hit in dicts(get_list(as_dict(data), "search", required=True), "`search`"):
        match = get_dict(hit, "match") or {}
        aliases = strings(get_list(hit, "aliases") or [], "`aliases`")
        texts = [get_str(hit, "label"), get_str(match, "text"), *aliases]
        qid = get_str(hit, "id", required=True)
        if any(t is not None and _key(t) == wanted for t in texts) and qid not in out:
            out.append(qid)
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
            if failed is not None:
                unknowns.append(failed.detail)
                continue
            if got.status != 200:
                unknowns.append(f"unexpected answer ({got.describe()})")
                continue
            try:
                hits = search_hits(loads(got.body), wanted)
            except ShapeError as exc:
                unknowns.append(f"unexpected answer ({got.describe()}: {exc})")
                continue
            ids.extend(i for i in hits if i not in ids)
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
        if failed is None:
            try:
                return self._dates(query, ids, got, loads(got.body))
            except ShapeError as exc:
                failed = self.unexpected(query, got, exc)
        # the search already matched a label: the item exists even if its claims did not load
        return LookupResult(
            self.source, query, Outcome.FOUND, f"item {ids[0]} (no dates: {failed.detail})", url=page, status=got.status
        )

    def _dates(self, query: str, ids: list[str], got: Fetched, data: object) -> LookupResult:
        entities = get_dict(as_dict(data), "entities", required=True)
        best: tuple[dt.date, str] | None = None
        best_id = ids[0]
        descriptions = []
        for qid in ids:
            entity = get_dict(entities, qid)
            if entity is None or "missing" in entity:
                continue
            desc = get_str(get_dict(get_dict(entity, "descriptions") or {}, "en") or {}, "value")
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
