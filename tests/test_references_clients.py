"""Each source client against its recorded answers: found, not found (as each service
says it), and unknown (rate limits, server errors, bodies that are not what they should be)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.core.model import Span
from checker.extract.links import Link, LinkKind
from checker.references import ReferenceServices, parse_settings
from checker.references.pypi import version_matches
from checker.references.result import Outcome

from .recorded.server import FixtureServer, reference_config


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


@pytest.fixture
def refs(server: FixtureServer) -> ReferenceServices:
    return ReferenceServices(parse_settings(reference_config(server, None)))


def test_pypi(refs: ReferenceServices) -> None:
    found = refs.pypi.version("triton", "2.3")
    assert found.found and found.released == dt.date(2024, 4, 24) and found.facts["version"] == "2.3.0"
    assert refs.pypi.version("Triton", "2.4").outcome is Outcome.NOT_FOUND  # the project is listed in full
    assert refs.pypi.version("torch", "2.1").released == dt.date(2023, 10, 4)
    assert refs.pypi.project("no-such-package-xyz")[0].outcome is Outcome.NOT_FOUND
    assert refs.pypi.project("broken")[0].outcome is Outcome.UNKNOWN  # truncated JSON


def test_pypi_follows_the_redirect_to_the_canonical_name(refs: ReferenceServices, server: FixtureServer) -> None:
    got = refs.http.get(f"{server.url}/pypi/pypi/scikit_learn/json")
    assert got.status == 200 and got.final_url.endswith("/pypi/scikit-learn/json") and got.hops[0][0] == 301


@pytest.mark.parametrize(
    ("candidate", "wanted", "match"),
    [
        ("2.3.0", "2.3", True),
        ("2.3.1", "2.3", True),
        ("2.30.0", "2.3", False),
        ("2.3.0rc1", "2.3", False),
        ("v2.3.0", "2.3", True),
        ("2.3", "2.3.0", False),
    ],
)
def test_version_matching(candidate: str, wanted: str, match: bool) -> None:
    assert version_matches(candidate, wanted) is match


def test_huggingface(refs: ReferenceServices) -> None:
    model = refs.huggingface.model("deepseek-ai/DeepSeek-R1")
    assert model.found and model.released == dt.date(2025, 1, 20)
    floor = refs.huggingface.model("google-bert/bert-base-uncased")
    assert floor.found and floor.released is None  # 2022-03-02T23:29:04 is a floor, not a date
    missing = refs.huggingface.model("nobody/JADE-1")
    assert missing.outcome is Outcome.NOT_FOUND and "RepoNotFound" in missing.detail
    gated = refs.huggingface.model("some-org/gated-model")
    assert gated.outcome is Outcome.UNKNOWN  # a bare 401 may be private or gated
    assert refs.huggingface.search("DeepSeek-R1").found
    assert refs.huggingface.search("JADE-1").outcome is Outcome.NOT_FOUND
    busy = refs.huggingface.search("Busy-Model")
    assert busy.outcome is Outcome.UNKNOWN and "429" in busy.detail


def test_github(refs: ReferenceServices) -> None:
    repo = refs.github.repo("triton-lang/triton")
    assert repo.found and repo.released == dt.date(2014, 8, 30)
    release = refs.github.release("triton-lang/triton", "2.3")
    assert release.found and release.released == dt.date(2024, 4, 24) and release.facts["tag"] == "v2.3.0"
    assert refs.github.release("triton-lang/triton", "9.9").outcome is Outcome.UNKNOWN  # tags without releases
    assert refs.github.repo("nobody/nothing").outcome is Outcome.NOT_FOUND
    limited = refs.github.repo("busy/repo")
    assert limited.outcome is Outcome.UNKNOWN and "rate-limited" in limited.detail
    moved = refs.github.repo("old-owner/renamed")
    assert moved.found and "now triton-lang/triton" in moved.detail


def test_wikidata_and_wikipedia(refs: ReferenceServices) -> None:
    gpt5 = refs.wikidata.search("GPT-5")
    # the deprecated 2024 statement is ignored; the normal one gives the date at day precision
    assert gpt5.found and gpt5.released == dt.date(2025, 8, 7) and gpt5.precision == "day"
    assert refs.wikidata.search("JADE-1").outcome is Outcome.NOT_FOUND
    assert refs.wikipedia.summary("GPT-5").found
    assert refs.wikipedia.summary("JADE-1").outcome is Outcome.NOT_FOUND
    assert refs.wikipedia.summary("Mercury").outcome is Outcome.UNKNOWN  # disambiguation


def test_arxiv(refs: ReferenceServices, server: FixtureServer) -> None:
    paper = refs.arxiv.paper("2501.12948")
    assert paper.found and paper.released == dt.date(2025, 1, 22)
    assert "Incentivizing Reasoning Capability in LLMs via Reinforcement Learning" in paper.detail
    before = server.count("/arxiv/api/query")
    for missing in ("2512.99999", "2501.99999"):  # totalResults 0; an entry without <id>
        assert refs.arxiv.paper(missing).outcome is Outcome.NOT_FOUND
    assert server.count("/arxiv/api/query") - before == 4  # each empty answer is asked twice
    error = refs.arxiv.paper("1234.12345")
    assert error.outcome is Outcome.NOT_FOUND and "incorrect id format" in error.detail
    assert refs.arxiv.title("Attention Is All You Need").found


def test_dois(refs: ReferenceServices) -> None:
    assert refs.doi.handle("10.1038/s41586-021-03819-2").found
    assert refs.doi.handle("10.1038/nature99999999").outcome is Outcome.NOT_FOUND
    assert refs.crossref.work("10.1038/s41586-021-03819-2").released == dt.date(2021, 7, 15)
    # Crossref's 404 for a DataCite DOI is not "not found"; doi.org says it exists
    assert refs.crossref.work("10.5281/zenodo.7000001").outcome is Outcome.UNKNOWN
    assert refs.check_doi("10.5281/zenodo.7000001").found
    assert refs.check_doi("10.1000/flaky").outcome is Outcome.UNKNOWN


def _url(target: str) -> Link:
    return Link(LinkKind.URL, target, Span(0, len(target)), target, "bare")


@pytest.mark.parametrize(
    ("path", "outcome", "fragment"),
    [
        ("/web/ok", Outcome.FOUND, "HTTP 200"),
        ("/web/blog/jade-1-release", Outcome.NOT_FOUND, "404"),
        ("/web/gone", Outcome.NOT_FOUND, "410 Gone"),
        ("/web/head-405", Outcome.FOUND, "HTTP 200"),
        ("/web/forbidden", Outcome.UNKNOWN, "access restricted"),
        ("/web/busy", Outcome.UNKNOWN, "429"),
        ("/web/server-error", Outcome.UNKNOWN, "500"),
        ("/web/moved-dead", Outcome.NOT_FOUND, "final URL"),
        ("/web/loop", Outcome.UNKNOWN, "redirects"),
        ("/web/to-private", Outcome.UNKNOWN, "refused"),
    ],
)
def test_url_liveness(
    refs: ReferenceServices, server: FixtureServer, path: str, outcome: Outcome, fragment: str
) -> None:
    result = refs.check_link(_url(server.url + path))
    assert result.outcome is outcome and fragment in result.detail


def test_bot_wall_hosts_are_not_fetched(refs: ReferenceServices) -> None:
    result = refs.check_link(_url("https://x.com/someone/status/1987676721039208706"))
    assert result.outcome is Outcome.UNKNOWN and "not checked" in result.detail
    assert refs.http.stats.requests == 0


def test_links_are_routed_by_kind(refs: ReferenceServices, tmp_path: Path) -> None:
    doi = refs.check_link(Link(LinkKind.DOI, "10.1038/nature99999999", Span(0, 1), "10.1038/nature99999999", "doi"))
    assert doi.source == "doi" and doi.not_found
    arxiv = refs.check_link(_url("https://arxiv.org/abs/2501.12948"))
    assert arxiv.source == "arxiv" and arxiv.found
    nature = refs.check_link(_url("https://www.nature.com/articles/s41586-021-03819-2"))
    assert nature.source == "doi" and nature.found


@pytest.mark.network
@pytest.mark.skipif(os.environ.get("CHECKER_LIVE_TESTS") != "1", reason="live: set CHECKER_LIVE_TESTS=1")
def test_live_pypi_and_arxiv(tmp_path: Path) -> None:
    """Optional: the real PyPI and arXiv answer as the recorded fixtures say they do."""
    live = ReferenceServices(parse_settings({"cache-dir": str(tmp_path)}))
    triton = live.pypi.version("triton", "2.3")
    assert triton.found and triton.released is not None and triton.released.year == 2024
    assert live.pypi.project("no-such-package-checker-live-test")[0].outcome is Outcome.NOT_FOUND
    assert live.arxiv.paper("2501.12948").found
