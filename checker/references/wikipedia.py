"""Wikipedia REST API page summary: does a page exist, what is it.

`GET {base}/api/rest_v1/page/summary/<Title>` (spaces to `_`, percent-encoded). 404 with
the body type `…/errors/not_found` = no such page. A disambiguation page is not a match.
The base may contain `{lang}` (the default `https://{lang}.wikipedia.org`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome
from checker.references.shape import as_dict, get_dict, get_str


class WikipediaClient(SourceClient):
    source = "wikipedia"

    def summary(self, title: str, lang: str = "en") -> LookupResult:
        path = "/api/rest_v1/page/summary/" + quote(title.strip().replace(" ", "_"), safe="")
        got = self.http.get(self.base.replace("{lang}", lang) + path, headers={"Accept": "application/json"})
        query = f"{lang}:{title}"
        failed = self.transport_unknown(query, got)
        if failed:
            return failed
        if got.status == 404:
            data = got.json()
            kind = data.get("type") if isinstance(data, dict) else None
            if isinstance(kind, str) and kind.endswith("not_found"):
                return self.result(query, Outcome.NOT_FOUND, "no such page (HTTP 404)", got)
            return self.result(query, Outcome.UNKNOWN, "HTTP 404 without the not-found body", got)
        if got.status != 200:
            return self.unexpected(query, got, "not a page summary")
        return self.shaped(query, got, lambda data: self._summary(query, got, as_dict(data)))

    def _summary(self, query: str, got: Fetched, data: dict[str, Any]) -> LookupResult:
        if get_str(data, "type") == "disambiguation":
            return self.result(query, Outcome.UNKNOWN, "a disambiguation page, not one thing", got)
        desktop = get_dict(get_dict(data, "content_urls") or {}, "desktop") or {}
        page = get_str(desktop, "page") or got.final_url
        title = get_str(data, "title", required=True)
        desc = get_str(data, "description") or title
        return LookupResult(
            self.source,
            query,
            Outcome.FOUND,
            f"page {title}: {desc}",
            url=page,
            status=got.status,
            facts={"wikibase_item": get_str(data, "wikibase_item")},
            from_cache=got.from_cache,
        )
