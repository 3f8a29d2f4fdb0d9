"""Wikipedia REST API page summary: does a page exist, what is it.

`GET {base}/api/rest_v1/page/summary/<Title>` (spaces to `_`, percent-encoded). 404 with
the body type `…/errors/not_found` = no such page. A disambiguation page is not a match.
The base may contain `{lang}` (the default `https://{lang}.wikipedia.org`).
"""

from __future__ import annotations

from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.result import LookupResult, Outcome


class WikipediaClient(SourceClient):
    source = "wikipedia"

    def summary(self, title: str, lang: str = "en") -> LookupResult:
        path = "/api/rest_v1/page/summary/" + quote(title.strip().replace(" ", "_"), safe="")
        got = self.http.get(self.base.replace("{lang}", lang) + path, headers={"Accept": "application/json"})
        query = f"{lang}:{title}"
        failed = self.transport_unknown(query, got)
        if failed:
            return failed
        data = got.json()
        if got.status == 404:
            kind = str(data.get("type", "")) if isinstance(data, dict) else ""
            if kind.endswith("not_found"):
                return self.result(query, Outcome.NOT_FOUND, "no such page (HTTP 404)", got)
            return self.result(query, Outcome.UNKNOWN, "HTTP 404 without the not-found body", got)
        if got.status != 200 or not isinstance(data, dict):
            return self.result(query, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        if data.get("type") == "disambiguation":
            return self.result(query, Outcome.UNKNOWN, "a disambiguation page, not one thing", got)
        page = ((data.get("content_urls") or {}).get("desktop") or {}).get("page") or got.final_url
        desc = data.get("description") or data.get("title")
        return LookupResult(
            self.source,
            query,
            Outcome.FOUND,
            f"page {data.get('title')}: {desc}",
            url=page,
            status=got.status,
            facts={"wikibase_item": data.get("wikibase_item")},
            from_cache=got.from_cache,
        )
