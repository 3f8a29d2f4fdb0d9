"""Plain URL liveness: HEAD, falling back to GET; redirects followed by hand.

2xx = found; 404 and 410 to GET = not found; 401, 403, 999 (LinkedIn), 429, 5xx,
timeouts, TLS and DNS failures = unknown, never dead. Hosts that answer scripts with bot
walls (x.com, mp.weixin.qq.com, ...; `references.unchecked-hosts`) are not fetched.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from checker.references.http import Fetched, HttpClient
from checker.references.result import LookupResult, Outcome

# HEAD answers that many servers give wrongly: ask again with GET before concluding.
HEAD_UNRELIABLE = frozenset({400, 403, 404, 405, 406, 410, 500, 501, 502, 503})
DEAD = frozenset({404, 410})


def host_in(host: str, patterns: tuple[str, ...]) -> bool:
    host = host.lower()
    return any(host == p or host.endswith("." + p) for p in patterns)


class UrlChecker:
    source = "url"

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    def check(self, url: str) -> LookupResult:
        host = (urlsplit(url).hostname or "").lower()
        if host_in(host, self.http.settings.unchecked_hosts):
            return LookupResult(self.source, url, Outcome.UNKNOWN, f"{host} blocks scripts; not checked", url=url)
        got = self.http.get(url, method="HEAD")
        if got.status in HEAD_UNRELIABLE or (
            got.status is None and not got.refused and "timed out" not in (got.error or "")
        ):
            got = self.http.get(url, method="GET")
        return self.classify(url, got)

    def classify(self, url: str, got: Fetched) -> LookupResult:
        facts = {"final_url": got.final_url, "redirects": len(got.hops), "refused": got.refused}
        if got.status is None:
            return LookupResult(self.source, url, Outcome.UNKNOWN, got.error or "no answer", url=url, facts=facts)
        where = f" (final URL {got.final_url})" if got.hops else ""
        if 200 <= got.status < 300:
            outcome, detail = Outcome.FOUND, f"HTTP {got.status}{where}"
        elif got.status in DEAD:
            outcome, detail = (
                Outcome.NOT_FOUND,
                f"HTTP {got.status}{' Gone' if got.status == 410 else ' Not Found'}{where}",
            )
        elif got.status in (401, 403, 999):
            outcome, detail = Outcome.UNKNOWN, f"access restricted (HTTP {got.status}){where}"
        elif got.status == 429:
            outcome, detail = Outcome.UNKNOWN, "rate-limited (HTTP 429)"
        else:
            outcome, detail = Outcome.UNKNOWN, f"HTTP {got.status}{where}"
        return LookupResult(
            self.source, url, outcome, detail, url=url, status=got.status, facts=facts, from_cache=got.from_cache
        )
