"""The online half of name.unverified: the `name_verifier` service against the loopback
fixture server, alone and inside the knowledge-base engineer's rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.extract.kb import NameQuery, Verification
from checker.references import build_services, parse_settings
from checker.references.result import Outcome

from .fixtures import Case, run_case
from .recorded.server import FixtureServer, reference_config


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


@pytest.fixture
def services(server: FixtureServer, tmp_path: Path) -> dict[str, object]:
    return build_services(parse_settings(reference_config(server, tmp_path / "cache")))


def test_not_found_anywhere_lists_every_source(services: dict[str, object]) -> None:
    verifier = services["name_verifier"]
    result = verifier(NameQuery("JADE-1", "Hugging Face與Cerebras聯合發布JADE-1"))  # type: ignore[operator]
    assert isinstance(result, Verification)
    assert result.status == "not-found"
    details = [e.detail for e in result.evidence]
    assert any(d.startswith("wikidata: JADE-1 -> not-found") for d in details)
    assert any(d.startswith("huggingface: JADE-1 -> not-found") for d in details)


def test_found_on_one_source_is_found(services: dict[str, object]) -> None:
    verification = services["name_verifier"].verify("SmolLM2", "model")  # type: ignore[attr-defined]
    assert verification.outcome is Outcome.FOUND
    hf = verification.results[0]
    assert hf.source == "huggingface" and "HuggingFaceTB/SmolLM2-1.7B-Instruct" in hf.detail
    assert verification.released is hf  # repository created 2024-10-31


def test_unknown_source_is_shown_but_not_found_wins(services: dict[str, object]) -> None:
    verification = services["name_verifier"].verify("Mamba-Vision-Language")  # type: ignore[attr-defined]
    by_source = {r.source: r.outcome for r in verification.results}
    assert by_source == {"wikidata": Outcome.UNKNOWN, "huggingface": Outcome.NOT_FOUND}
    assert verification.outcome is Outcome.NOT_FOUND
    assert "Wikidata: unknown" in verification.summary()


@pytest.mark.parametrize(
    ("name", "kind", "source", "outcome"),
    [
        ("triton-lang/triton", None, "github", Outcome.FOUND),
        ("nobody/nothing", "repo", "github", Outcome.NOT_FOUND),
        ("Triton 2.3", "framework", "pypi", Outcome.FOUND),
        ("hub-vision-pro", "package", "pypi", Outcome.NOT_FOUND),
        ("Attention Is All You Need", "paper", "arxiv", Outcome.FOUND),
        ("FL-Turbo", "paper", "arxiv", Outcome.NOT_FOUND),
    ],
)
def test_sources_follow_the_shape_of_the_name(
    services: dict[str, object], name: str, kind: str | None, source: str, outcome: Outcome
) -> None:
    verification = services["name_verifier"].verify(name, kind)  # type: ignore[attr-defined]
    first = verification.results[0]
    assert (first.source, first.outcome) == (source, outcome)


def test_each_name_is_asked_once_per_run(services: dict[str, object], server: FixtureServer) -> None:
    verifier = services["name_verifier"]
    verifier(NameQuery("JADE-1"))  # type: ignore[operator]
    asked = server.count()
    verifier(NameQuery("JADE-1"))  # type: ignore[operator]
    assert server.count() == asked


def test_name_unverified_rule_uses_the_verifier(services: dict[str, object], tmp_path: Path) -> None:
    case = Case(
        rule="name.unverified",
        name="online",
        documents=[
            {
                "path": "a.md",
                "text": "---\ndate: 2025-09-01\n---\n"
                "1. NVIDIA 今日發布專為能效優化設計的新一代推理晶片 Hopper-Eco。\n"
                "2. Open Thoughts 今日發布 OpenThinker-32B 推理模型。\n",
            }
        ],
        online=True,
    )
    report = run_case(case, tmp_path, services=services)
    flagged = {f.text: f for f in report.findings if f.rule == "name.unverified"}
    assert "OpenThinker-32B" not in flagged  # flagged offline; Hugging Face knows it
    assert "Hopper-Eco" in flagged
    evidence = " ".join(e.detail for e in flagged["Hopper-Eco"].evidence)
    assert "huggingface: Hopper-Eco -> not-found" in evidence and "wikidata: Hopper-Eco -> not-found" in evidence
