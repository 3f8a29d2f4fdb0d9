"""doi.org handle API: is a DOI registered at all (any registration agency).

`GET {base}/api/handles/<doi>` with the slash NOT percent-encoded (the proxy answers 404
to %2F). responseCode 1 = registered; 100 "Handle Not Found" (HTTP 404) = not registered,
and the body must say so: a bare 404 is not enough.
"""

from __future__ import annotations

from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.result import LookupResult, Outcome


class DoiClient(SourceClient):
    source = "doi"

    def handle(self, doi: str) -> LookupResult:
        got = self.fetch("/api/handles/" + quote(doi, safe="/"))
        failed = self.transport_unknown(doi, got)
        if failed:
            return failed
        data = got.json()
        code = data.get("responseCode") if isinstance(data, dict) else None
        if code == 1:
            target = next(
                (
                    v.get("data", {}).get("value")
                    for v in data.get("values", [])
                    if isinstance(v, dict) and v.get("type") == "URL"
                ),
                None,
            )
            return self.result(
                doi,
                Outcome.FOUND,
                "registered" + (f", resolves to {target}" if target else ""),
                got,
                facts={"target": target},
            )
        if code == 100:
            return self.result(doi, Outcome.NOT_FOUND, "DOI not registered (handle not found)", got)
        return self.result(doi, Outcome.UNKNOWN, f"unexpected answer ({got.describe()}, responseCode {code})", got)
