"""doi.org handle API: is a DOI registered at all (any registration agency).

`GET {base}/api/handles/<doi>` with the slash NOT percent-encoded (the proxy answers 404
to %2F). responseCode 1 = registered; 100 "Handle Not Found" (HTTP 404) = not registered,
and the body must say so: a bare 404 is not enough.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.result import LookupResult, Outcome
from checker.references.shape import as_dict, dicts, get_dict, get_int, get_list, get_str


class DoiClient(SourceClient):
    source = "doi"

    def handle(self, doi: str) -> LookupResult:
        got = self.fetch("/api/handles/" + quote(doi, safe="/"))
        failed = self.transport_unknown(doi, got)
        if failed:
            return failed
        return self.shaped(doi, got, lambda data: self._handle(doi, got, as_dict(data)))

    def _handle(self, doi: str, got: Fetched, data: dict[str, Any]) -> LookupResult:
        code = get_int(data, "responseCode")
        if code == 1:
            target = None
            for value in dicts(get_list(data, "values") or [], "`values`"):
                if get_str(value, "type") == "URL":
                    target = get_str(get_dict(value, "data") or {}, "value")
                    break
            return self.result(
                doi,
                Outcome.FOUND,
                "registered" + (f", resolves to {target}" if target else ""),
                got,
                facts={"target": target},
            )
        if code == 100:
            return self.result(doi, Outcome.NOT_FOUND, "DOI not registered (handle not found)", got)
        return self.unexpected(doi, got, f"responseCode {code}")
