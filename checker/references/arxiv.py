"""arXiv API (Atom feed): does an id exist, what is its title and first-version date.

A well-formed id that does not exist comes back either as an entry without `<id>` or as
a feed with `totalResults` 0; an id arXiv cannot parse comes back as an entry titled
"Error". All three are NOT_FOUND for that id. Users have reported anomalously empty
answers, so an empty answer is asked once more (bypassing the cache) before it counts.
arXiv asks for one request every three seconds on a single connection (see settings).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome, parse_iso_date

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_feed(body: bytes) -> list[dict[str, str]] | None:
    """Entries of an arXiv Atom feed ({id, title, published}), or None if not a feed."""
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, LookupError, ValueError):  # an unknown or multi-byte declared encoding
        return None
    if root.tag != f"{ATOM}feed":
        return None
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        entries.append(
            {
                "id": _norm(entry.findtext(f"{ATOM}id") or ""),
                "title": _norm(entry.findtext(f"{ATOM}title") or ""),
                "summary": _norm(entry.findtext(f"{ATOM}summary") or ""),
                "published": _norm(entry.findtext(f"{ATOM}published") or ""),
            }
        )
    return entries


class ArxivClient(SourceClient):
    source = "arxiv"

    def _query(self, params: dict[str, str | int], refresh: bool = False) -> Fetched:
        return self.fetch(
            "/api/query?" + urlencode(params, quote_via=quote, safe=":"), accept="application/atom+xml", refresh=refresh
        )

    def paper(self, arxiv_id: str) -> LookupResult:
        got = self._query({"id_list": arxiv_id})
        result = self._paper_from(arxiv_id, got)
        if result.not_found and "error" not in result.detail and not got.from_cache:
            # arXiv sometimes answers a real id with an empty feed: ask once more, fresh
            got = self._query({"id_list": arxiv_id}, refresh=True)
            result = self._paper_from(arxiv_id, got)
        return result

    def _paper_from(self, arxiv_id: str, got: Fetched) -> LookupResult:
        failed = self.transport_unknown(arxiv_id, got)
        if failed:
            return failed
        entries = parse_feed(got.body) if got.status == 200 else None
        if entries is None:
            return self.result(arxiv_id, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        for entry in entries:
            if entry["title"] == "Error" or "/api/errors" in entry["id"]:
                return self.result(arxiv_id, Outcome.NOT_FOUND, f"arXiv error: {entry['summary']}", got)
        real = [e for e in entries if e["id"] and e["title"]]
        if not real:
            return self.result(arxiv_id, Outcome.NOT_FOUND, "no such paper (empty answer)", got)
        entry = real[0]
        return LookupResult(
            self.source,
            arxiv_id,
            Outcome.FOUND,
            f"paper \u201c{entry['title'][:120]}\u201d",
            url=f"https://arxiv.org/abs/{arxiv_id}",
            status=got.status,
            released=parse_iso_date(entry["published"]),
            facts={"title": entry["title"]},
            from_cache=got.from_cache,
        )

    def title(self, title: str) -> LookupResult:
        """Is there a paper with exactly this title (whitespace and case aside)?"""
        words = re.sub(r"[^\w\s-]", " ", title).split()
        got = self._query({"search_query": 'ti:"' + " ".join(words) + '"', "start": 0, "max_results": 5})
        failed = self.transport_unknown(title, got)
        if failed:
            return failed
        entries = parse_feed(got.body) if got.status == 200 else None
        if entries is None:
            return self.result(title, Outcome.UNKNOWN, f"unexpected answer ({got.describe()})", got)
        wanted = _norm(title).casefold()
        for entry in entries:
            if entry["id"] and _norm(entry["title"]).casefold() == wanted:
                return LookupResult(
                    self.source,
                    title,
                    Outcome.FOUND,
                    f"paper {entry['id'].rsplit('/', 1)[-1]}",
                    url=entry["id"],
                    status=got.status,
                    released=parse_iso_date(entry["published"]),
                    from_cache=got.from_cache,
                )
        return self.result(title, Outcome.NOT_FOUND, f"no paper titled so ({len(entries)} near matches)", got)
