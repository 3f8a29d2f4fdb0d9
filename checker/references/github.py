"""GitHub REST API: repositories and their releases.

The token comes from the environment variable GITHUB_TOKEN; it is sent only to the
configured API host (never across a redirect to another host), redacted from the cache,
and never printed. 404 = no public repository (private ones answer the same). A 403 or
429 with `x-ratelimit-remaining: 0` is a rate limit: unknown, never "not found".
A release's date is `published_at` (`created_at` is the date of its commit).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.http import Fetched
from checker.references.pypi import version_matches
from checker.references.result import LookupResult, Outcome, parse_iso_date
from checker.references.shape import as_dict, as_list, dicts, get_bool, get_str

HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}


class GitHubClient(SourceClient):
    source = "github"

    def _get(self, path: str) -> Fetched:
        return self.http.get(self.base + path, headers=HEADERS, auth_host=self.host)

    def _limited(self, query: str, got: Fetched) -> LookupResult | None:
        failed = self.transport_unknown(query, got)
        if failed:
            return failed
        if got.status in (403, 429) and (got.header("x-ratelimit-remaining") == "0" or got.header("retry-after")):
            return self.result(query, Outcome.UNKNOWN, f"rate-limited (HTTP {got.status}), not consulted", got)
        if got.status in (401, 403):
            return self.result(query, Outcome.UNKNOWN, f"access refused (HTTP {got.status})", got)
        return None

    def repo(self, full_name: str) -> LookupResult:
        owner, _, name = full_name.partition("/")
        got = self._get(f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}")
        failed = self._limited(full_name, got)
        if failed:
            return failed
        if got.status == 404:
            return self.result(full_name, Outcome.NOT_FOUND, "no public repository (HTTP 404)", got)
        if got.status != 200:
            return self.unexpected(full_name, got, "not a repository")
        return self.shaped(full_name, got, lambda data: self._repo(full_name, got, as_dict(data)))

    def _repo(self, full_name: str, got: Fetched, data: dict[str, Any]) -> LookupResult:
        now = get_str(data, "full_name", required=True)
        created = parse_iso_date(get_str(data, "created_at"))
        moved = f" (now {now})" if now.lower() != full_name.lower() else ""
        return self.result(
            full_name,
            Outcome.FOUND,
            f"repository exists{moved}",
            got,
            released=created,
            facts={"full_name": now, "html_url": get_str(data, "html_url"), "date_kind": "repository-created"},
        )

    def release(self, full_name: str, version: str) -> LookupResult:
        """The earliest published release whose tag is `version` or a patch of it.

        Only the newest 100 releases are read, and tags without a release are not listed,
        so a miss is "unknown", never "not found".
        """
        query = f"{full_name} {version}"
        owner, _, name = full_name.partition("/")
        got = self._get(f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}/releases?per_page=100")
        failed = self._limited(query, got)
        if failed:
            return failed
        if got.status == 404:
            return self.result(query, Outcome.NOT_FOUND, "no public repository (HTTP 404)", got)
        if got.status != 200:
            return self.unexpected(query, got, "not a list of releases")
        return self.shaped(
            query, got, lambda data: self._release(query, version, got, dicts(as_list(data), "releases"))
        )

    def _release(self, query: str, version: str, got: Fetched, releases: list[dict[str, Any]]) -> LookupResult:
        hits = []
        for rel in releases:
            if get_bool(rel, "draft"):
                continue
            tag = get_str(rel, "tag_name", required=True)
            tag_version = tag.rsplit("-", 1)[-1] if not tag[:1].isdigit() and not tag.lower().startswith("v") else tag
            when = parse_iso_date(get_str(rel, "published_at"))
            if when and version_matches(tag_version, version):
                hits.append((when, tag, get_str(rel, "html_url") or ""))
        if not hits:
            return self.result(
                query, Outcome.UNKNOWN, f"no release tagged {version} among the {len(releases)} newest", got
            )
        when, tag, url = min(hits)
        return LookupResult(
            self.source,
            query,
            Outcome.FOUND,
            f"release {tag} published {when.isoformat()}",
            url=url or got.final_url,
            status=got.status,
            released=when,
            facts={"tag": tag},
            from_cache=got.from_cache,
        )
