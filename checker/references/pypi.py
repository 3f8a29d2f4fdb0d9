"""PyPI JSON API: does a project exist, did a version exist, when was it uploaded.

`GET {base}/pypi/<project>/json`; 404 = no such project (authoritative); a non-canonical
spelling is redirected (301) to the canonical name and followed. A version's release
date is the earliest `upload_time_iso_8601` among its files; a version without files has
no date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from checker.references.base import SourceClient
from checker.references.result import LookupResult, Outcome, parse_iso_date
from checker.references.shape import ShapeError, as_dict, as_list, dicts, get_dict, get_str, loads
from checker.text.lazy_regex import lazy_compile

_PRE = lazy_compile(r"(a|b|rc|alpha|beta|c|pre|preview|dev)\d*", re.IGNORECASE)


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.\s]+", "-", name.strip()).lower()


def version_matches(candidate: str, wanted: str) -> bool:
    """ "2.3" matches 2.3, 2.3.0 and 2.3.1 but not 2.30 or 2.3.0rc1 (unless asked for)."""
    cand = candidate.lower().lstrip("v")
    want = wanted.lower().lstrip("v")
    if cand == want:
        return True
    if not cand.startswith(want + "."):
        return False
    rest = cand[len(want) + 1 :]
    return all(part.isdigit() for part in rest.split(".")) and not _PRE.search(rest)


def release_dates(releases: dict[str, Any]) -> dict[str, dt.date]:
    """Version -> earliest upload date, for versions that have files."""
    out: dict[str, dt.date] = {}
    for version, files in releases.items():
        what = f"the files of {version[:40]}"
        dates = [
            d
            for f in dicts(as_list(files, what) if files is not None else [], what)
            for d in [parse_iso_date(get_str(f, "upload_time_iso_8601") or get_str(f, "upload_time"))]
            if d
        ]
        if dates:
            out[version] = min(dates)
    return out


class PyPIClient(SourceClient):
    source = "pypi"

    def project(self, name: str) -> tuple[LookupResult, dict[str, dt.date]]:
        """The project and its release dates (empty when not found)."""
        query = canonical(name)
        got = self.fetch(f"/pypi/{quote(query, safe='')}/json")
        failed = self.transport_unknown(query, got)
        if failed:
            return failed, {}
        if got.status == 404:
            return self.result(query, Outcome.NOT_FOUND, "no such project (HTTP 404)", got), {}
        if got.status != 200:
            return self.unexpected(query, got, "not a project page"), {}
        try:
            data = as_dict(loads(got.body))
            info = get_dict(data, "info", required=True)
            releases = get_dict(data, "releases") or {}
            dates = release_dates(releases)
            shown, latest = get_str(info, "name"), get_str(info, "version")
        except ShapeError as exc:
            return self.unexpected(query, got, exc), {}
        facts = {"name": shown, "latest": latest, "versions": len(dates)}
        first = min(dates.values()) if dates else None
        detail = f"project {shown} exists ({len(dates)} dated releases, latest {latest})"
        return self.result(query, Outcome.FOUND, detail, got, released=first, facts=facts), dates

    def version(self, name: str, version: str) -> LookupResult:
        """Did `version` (or a patch release of it) exist, and when was it first uploaded?"""
        project, dates = self.project(name)
        query = f"{canonical(name)} {version}"
        if not project.found:
            return LookupResult(
                self.source,
                query,
                project.outcome,
                project.detail,
                url=project.url,
                status=project.status,
                from_cache=project.from_cache,
            )
        matching = {v: d for v, d in dates.items() if version_matches(v, version)}
        if not matching:
            return LookupResult(
                self.source,
                query,
                Outcome.NOT_FOUND,
                f"no release {version} among {len(dates)} dated releases",
                url=project.url,
                status=project.status,
                from_cache=project.from_cache,
            )
        first_version = min(matching, key=lambda v: matching[v])
        when = matching[first_version]
        return LookupResult(
            self.source,
            query,
            Outcome.FOUND,
            f"{first_version} uploaded {when.isoformat()}",
            url=f"https://pypi.org/project/{canonical(name)}/{first_version}/",
            status=project.status,
            released=when,
            facts={"version": first_version},
            from_cache=project.from_cache,
        )
