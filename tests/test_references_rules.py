"""The online rule cases of tests/rules/*.toml (`online = true`), run through the real
loader and engine with the reference services pointed at the loopback fixture server;
plus the CLI wiring (`--online`, `checker cache info|clear`) and failure handling."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from checker.references import build_services, parse_settings

from .fixtures import FIXTURE_DIR, Case, all_cases, run_case
from .recorded.server import FixtureServer, reference_config
from .test_rule_fixtures import _matches

ONLINE = [c for c in all_cases() if c.online]


def _raw_cases() -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for path in FIXTURE_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("case", []):
            out[(data["rule"], raw["name"])] = raw
    return out


RAW = _raw_cases()


def _fill(value: Any, server: FixtureServer) -> Any:
    """Replace {server} in a case's `references` table."""
    if isinstance(value, str):
        return value.replace("{server}", server.url)
    if isinstance(value, dict):
        return {_fill(k, server): _fill(v, server) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, server) for v in value]
    return value


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


def _services(server: FixtureServer, cache: Path | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return build_services(parse_settings(reference_config(server, cache, **(extra or {}))))


def _assert_expected(case: Case, findings: list[Any]) -> None:
    unmatched = [f for f in findings if f.rule == case.rule]
    for exp in case.expect:
        hit = next((f for f in unmatched if _matches(f, exp)), None)
        assert hit is not None, f"expected {exp}, got {[(f.text, f.message) for f in unmatched]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {[(f.text, f.location.line, f.message) for f in unmatched]}"


@pytest.mark.parametrize("case", ONLINE, ids=[c.id for c in ONLINE])
def test_online_case(case: Case, tmp_path: Path, server: FixtureServer) -> None:
    extra = _fill(RAW[(case.rule, case.name)].get("references", {}), server)
    report = run_case(case, tmp_path, services=_services(server, tmp_path / "cache", extra))
    _assert_expected(case, report.findings)


def test_online_cases_exist_for_each_online_rule() -> None:
    rules = {c.rule for c in ONLINE}
    assert {"link.dead", "link.refused"} <= rules


def test_a_second_run_asks_nothing(server: FixtureServer, tmp_path: Path) -> None:
    case = next(c for c in ONLINE if c.rule == "link.dead" and "says nothing" in c.name)
    extra = _fill(RAW[(case.rule, case.name)]["references"], server)
    run_case(case, tmp_path / "one", services=_services(server, tmp_path / "cache", extra))
    first = server.count()
    assert first > 0
    server.reset_counts()
    run_case(case, tmp_path / "two", services=_services(server, tmp_path / "cache", extra))
    # 429 and 5xx answers are never cached: only those are asked again
    asked_again = {r.path for r in server.requests}
    assert asked_again <= {"/web/busy", "/web/server-error", "/doi/api/handles/10.1000/flaky"}, asked_again


def test_unreachable_sources_never_fail_the_run(tmp_path: Path) -> None:
    srv = FixtureServer().start()
    services = _services(srv, None, {"retries": 0})
    srv.stop()  # every source is now unreachable
    case = next(c for c in ONLINE if c.rule == "link.dead" and "404" in c.name)
    report = run_case(case, tmp_path, services=services)
    assert not report.crashes
    assert [f for f in report.findings if f.rule == "link.dead"] == []


def _validate(report: dict[str, Any]) -> None:
    import jsonschema

    from .conftest import SHARED

    schema_path = SHARED / "contracts" / "report.schema.json"
    if schema_path.exists():
        jsonschema.validate(report, json.loads(schema_path.read_text(encoding="utf-8")))


def _write_config(tmp: Path, server: FixtureServer, **extra: Any) -> Path:
    table = reference_config(server, tmp / "cache", **extra)
    lines = ["[references]"] + [f"{json.dumps(k)} = {_toml(v)}" for k, v in table.items()]
    path = tmp / "checker.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def test_cli_online_run_and_cache_commands(
    server: FixtureServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write_config(tmp_path, server, **{"url-map": {"https://www.huggingface.co/": f"{server.url}/web/"}})
    doc = tmp_path / "a.md"
    doc.write_text("[JADE-1](https://www.huggingface.co/blog/jade-1-release)\n", encoding="utf-8")
    args = ["check", str(doc), "--config", str(config), "--select", "link", "--format", "json", "--today", "2026-01-01"]
    assert main([*args, "--online"]) == 0  # warnings do not fail the default --fail-on error
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert [f["rule"] for f in report["findings"]] == ["link.dead"]
    _validate(report)
    assert "online look-ups: 2 requests" in out.err  # HEAD 404, then GET 404
    assert main([*args, "--online"]) == 0
    assert "0 requests, 2 answered from the cache" in capsys.readouterr().err
    assert main(["cache", "info", "--config", str(config)]) == 0
    info = capsys.readouterr().out
    assert "2 answers" in info and f"127.0.0.1:{server.port}" in info
    assert main(["cache", "clear", "--config", str(config)]) == 0
    assert "removed 2 cached answers" in capsys.readouterr().out
    assert not (tmp_path / "cache" / "http_cache.sqlite").exists()
    # offline: no services, no requests
    server.reset_counts()
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == [] and server.count() == 0


def test_unknown_references_key_fails_even_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "checker.toml"
    config.write_text('[references]\npypi-mirror = "https://mirror"\n', encoding="utf-8")
    doc = tmp_path / "a.md"
    doc.write_text("text\n", encoding="utf-8")
    assert main(["check", str(doc), "--config", str(config)]) == 2
    assert "references.pypi-mirror" in capsys.readouterr().err
