"""The reference services of an --online run: link checks, name verification and
release look-ups, on one HTTP client, remembered for the run (and in the HTTP cache
across runs).

Placed into the run context by the CLI (`build_services`):
- `references`: this ReferenceServices (link.dead, link.refused, date rules);
- `name_verifier`: a callable `(name, kind) -> NameVerification` for name.unverified.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.core.model import Evidence
from checker.extract.links import Link, LinkKind, arxiv_in_url, arxiv_problem, doi_in_url
from checker.references.arxiv import ArxivClient
from checker.references.crossref import CrossrefClient
from checker.references.doi import DoiClient
from checker.references.github import GitHubClient
from checker.references.http import HttpClient
from checker.references.huggingface import HuggingFaceClient
from checker.references.progress import ProgressFactory, null_progress
from checker.references.pypi import PyPIClient
from checker.references.result import LookupResult, Outcome
from checker.references.settings import ReferenceSettings
from checker.references.urlcheck import UrlChecker
from checker.references.wikidata import WikidataClient
from checker.references.wikipedia import WikipediaClient
from checker.text.lazy_regex import lazy_compile

SOURCE_NAMES = {
    "pypi": "PyPI",
    "huggingface": "Hugging Face",
    "github": "GitHub",
    "wikidata": "Wikidata",
    "wikipedia": "Wikipedia",
    "arxiv": "arXiv",
    "crossref": "Crossref",
    "doi": "doi.org",
    "url": "the link",
}

_VERSION_TAIL = lazy_compile(r"^(?P<base>.+?)[\s\-_]+v?(?P<version>\d+(?:\.\d+){0,3})$")
_REPO = lazy_compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
PACKAGE_KINDS = frozenset({"package", "library", "framework", "software", "tool", "sdk"})
MODEL_KINDS = frozenset({"model", "llm", "model-family", "family"})
PAPER_KINDS = frozenset({"paper", "article", "preprint"})


@dataclass(frozen=True)
class NameVerification:
    """The online answer for one name: found somewhere, not found anywhere asked, or unknown.

    NOT_FOUND needs at least one authoritative "not found" and no "found"; UNKNOWN means
    no source could give an answer (all rate-limited, unreachable, ...).
    """

    name: str
    kind: str | None
    outcome: Outcome
    results: tuple[LookupResult, ...]

    @property
    def found(self) -> bool:
        return self.outcome is Outcome.FOUND

    @property
    def not_found(self) -> bool:
        return self.outcome is Outcome.NOT_FOUND

    def evidence(self) -> tuple[Evidence, ...]:
        """One evidence item per source asked, with its answer."""
        return tuple(r.evidence() for r in self.results)

    def summary(self) -> str:
        """ "Hugging Face: not found (…); Wikidata: rate-limited (…)" for a message."""
        return "; ".join(
            f"{SOURCE_NAMES.get(r.source, r.source)}: {r.outcome.value} ({r.detail})" for r in self.results
        )

    @property
    def released(self) -> LookupResult | None:
        """The found answer with the earliest release date, if any gave one."""
        dated = [r for r in self.results if r.found and r.released is not None]
        return min(dated, key=lambda r: r.released or dt.date.max) if dated else None


def combine(results: Sequence[LookupResult]) -> Outcome:
    if any(r.found for r in results):
        return Outcome.FOUND
    if any(r.not_found for r in results):
        return Outcome.NOT_FOUND
    return Outcome.UNKNOWN


class ReferenceServices:
    def __init__(self, settings: ReferenceSettings, http: HttpClient | None = None) -> None:
        self.settings = settings
        self.http = http or HttpClient(settings)
        self.pypi = PyPIClient(self.http)
        self.huggingface = HuggingFaceClient(self.http)
        self.github = GitHubClient(self.http)
        self.wikidata = WikidataClient(self.http)
        self.wikipedia = WikipediaClient(self.http)
        self.arxiv = ArxivClient(self.http)
        self.crossref = CrossrefClient(self.http)
        self.doi = DoiClient(self.http)
        self.urls = UrlChecker(self.http)
        self.progress: ProgressFactory = null_progress
        self._memo: dict[str, Any] = {}
        self._lock = threading.Lock()

    # --- memo -------------------------------------------------------------------------------

    def _remember(self, key: str, compute: Callable[[], Any]) -> Any:
        """Each question is asked once per run, whichever rule asks it first."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._lock:
            return self._memo.setdefault(key, value)

    def _many(self, description: str, keys: list[str], compute: Callable[[str], Any]) -> dict[str, Any]:
        todo = [k for k in dict.fromkeys(keys) if k not in self._memo]
        if todo:
            bar = self.progress(description, len(todo))
            try:
                self.http.map_bounded(lambda k: self._remember(k, lambda: compute(k)), todo, progress=bar.advance)
            finally:
                bar.close()
        return {k: self._memo[k] for k in keys}

    # --- links ------------------------------------------------------------------------------

    @staticmethod
    def link_key(link: Link) -> str:
        return f"{link.kind.value}:{link.target}"

    def check_links(self, links: Iterable[Link]) -> dict[str, LookupResult]:
        """Every link checked once (concurrently, paced per host); keyed by link_key."""
        by_key = {self.link_key(link): link for link in links}
        return self._many("checking links", list(by_key), lambda key: self._check_link(by_key[key]))

    def check_link(self, link: Link) -> LookupResult:
        result: LookupResult = self._remember(self.link_key(link), lambda: self._check_link(link))
        return result

    def _check_link(self, link: Link) -> LookupResult:
        with self.http.lookup():  # HEAD, GET, redirects and DOI fallbacks share one deadline
            return self._route_link(link)

    def _route_link(self, link: Link) -> LookupResult:
        if link.kind is LinkKind.DOI:
            return self.check_doi(link.target)
        if link.kind is LinkKind.ARXIV:
            return self.arxiv.paper(link.target)
        doi = doi_in_url(link.target)
        if doi is not None:
            return self.check_doi(doi)
        arxiv_id = arxiv_in_url(link.target)
        if arxiv_id is not None and arxiv_problem(arxiv_id) is None:
            return self.arxiv.paper(arxiv_id)
        return self.urls.check(link.target)

    def check_doi(self, doi: str) -> LookupResult:
        """doi.org settles existence for every agency; Crossref is asked when it cannot."""
        handle = self.doi.handle(doi)
        if handle.outcome is not Outcome.UNKNOWN:
            return handle
        work = self.crossref.work(doi)
        return work if work.found else handle

    # --- names ------------------------------------------------------------------------------

    def verify_name(self, name: str, kind: str | None = None) -> NameVerification:
        key = f"name:{(kind or '').lower()}:{name.strip().casefold()}"
        verification: NameVerification = self._remember(key, lambda: self._verify(name, kind))
        return verification

    def verify_names(self, pairs: Iterable[tuple[str, str | None]]) -> list[NameVerification]:
        """Many names at once, concurrently (a warm-up for rules that ask one by one)."""
        items = list(pairs)
        keys = [f"name:{(k or '').lower()}:{n.strip().casefold()}" for n, k in items]
        lookup = dict(zip(keys, items, strict=True))
        done = self._many("verifying names", keys, lambda key: self._verify(*lookup[key]))
        return [done[k] for k in keys]

    def _verify(self, name: str, kind: str | None) -> NameVerification:
        results = [self._ask(ask) for ask in self._questions(name.strip(), (kind or "").lower())]
        return NameVerification(name, kind, combine(results), tuple(results))

    def _ask(self, ask: Callable[[], LookupResult]) -> LookupResult:
        """One source asked: one look-up, with its own deadline."""
        with self.http.lookup():
            return ask()

    def _questions(self, name: str, kind: str) -> list[Callable[[], LookupResult]]:
        """The sources that fit a name's shape and kind, most telling first."""
        if _REPO.match(name):
            asks = [lambda: self.github.repo(name)]
            if kind in MODEL_KINDS or not kind:
                asks.append(lambda: self.huggingface.model(name))
            return asks
        if kind in PACKAGE_KINDS:
            m = _VERSION_TAIL.match(name)
            if m:
                return [
                    lambda: self.pypi.version(m.group("base"), m.group("version")),
                    lambda: self.wikidata.search(name),
                ]
            return [lambda: self.pypi.project(name)[0], lambda: self.wikidata.search(name)]
        if kind in PAPER_KINDS:
            return [lambda: self.arxiv.title(name)]
        if kind in MODEL_KINDS:
            return [lambda: self.huggingface.search(name), lambda: self.wikidata.search(name)]
        return [lambda: self.wikidata.search(name), lambda: self.huggingface.search(name)]

    # --- releases ---------------------------------------------------------------------------

    def release(
        self,
        name: str,
        version: str | None = None,
        *,
        pypi: str | None = None,
        github: str | None = None,
        wikidata: str | None = None,
    ) -> list[LookupResult]:
        """What the sources say about when `name` (`version`) was released.

        `pypi` / `github` / `wikidata` name the thing in each source (a knowledge-base
        entry knows them); without them only Wikidata is searched by name.
        """
        key = f"release:{name}:{version}:{pypi}:{github}:{wikidata}"
        results: list[LookupResult] = self._remember(key, lambda: self._release(name, version, pypi, github, wikidata))
        return results

    def _release(
        self, name: str, version: str | None, pypi: str | None, github: str | None, wikidata: str | None
    ) -> list[LookupResult]:
        asks: list[Callable[[], LookupResult]] = []
        if pypi:
            asks.append(lambda: self.pypi.version(pypi, version) if version else self.pypi.project(pypi)[0])
        if github and version:
            asks.append(lambda: self.github.release(github, version))
        if wikidata:
            asks.append(lambda: self.wikidata.entity_dates(name, [wikidata]))
        elif not version:
            asks.append(lambda: self.wikidata.search(name))
        return [self._ask(ask) for ask in asks]

    def close(self) -> None:
        self.http.close()


class NameVerifier:
    """The `name_verifier` service of name.unverified (checker.extract.kb.NameVerifier):
    `verifier(NameQuery)` -> checker.extract.kb.Verification; `verifier.verify(name, kind)` gives
    the full NameVerification."""

    def __init__(self, services: ReferenceServices) -> None:
        self.services = services

    def __call__(self, query: Any, kind: str | None = None) -> Any:
        from checker.extract.kb import Verification

        if isinstance(query, str):
            name = query
        else:
            name, kind = query.name, getattr(query, "kind_hint", None) or kind
        result = self.services.verify_name(name, kind)
        found = next((r for r in result.results if r.found), None)
        canonical = None
        if found is not None:
            ids = found.facts.get("ids") or [found.facts.get("id") or found.facts.get("full_name")]
            canonical = str(ids[0]) if ids and ids[0] else None
        return Verification(result.outcome.value, result.evidence(), canonical)

    def verify(self, name: str, kind: str | None = None) -> NameVerification:
        return self.services.verify_name(name, kind)

    def many(self, pairs: Iterable[tuple[str, str | None]]) -> list[NameVerification]:
        return self.services.verify_names(pairs)


def build_services(settings: ReferenceSettings, progress: ProgressFactory | None = None) -> dict[str, Any]:
    """The entries an --online run adds to ctx.services."""
    services = ReferenceServices(settings)
    if progress is not None:
        services.progress = progress
    return {"references": services, "name_verifier": NameVerifier(services)}
