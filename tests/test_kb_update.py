"""`checker kb update` end to end against a loopback server serving a models.dev-shaped
api.json (no mocks of requests, no network): a name only the served data knows is
unknown before the update and known after, offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import main
from checker.extract.kb import load_kb

from .recorded.server import FixtureServer

API = {
    "zorblax": {
        "id": "zorblax",
        "name": "Zorblax AI",
        "models": {
            "zorblax-nova-9": {"id": "zorblax-nova-9", "name": "Zorblax Nova 9", "release_date": "2026-09-14"},
        },
    },
    "openrouter": {
        "id": "openrouter",
        "name": "OpenRouter",
        "models": {
            "zorblax/zorblax-nova-9-mini": {"id": "zorblax/zorblax-nova-9-mini", "name": "Zorblax: Nova 9 Mini"},
            "junk": "not a model",
        },
    },
    "broken": ["not", "a", "provider"],
}


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    srv.add_json("GET", "/modelsdev/api.json", body=API)
    yield srv
    srv.stop()


@pytest.fixture
def config(server: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "checker.toml"
    path.write_text(
        "[references]\n"
        f'modelsdev = "{server.url}/modelsdev"\n'
        f'epoch = "{server.url}/epoch"\n'
        'allow-hosts = ["127.0.0.1"]\n'
        "retries = 0\n"
        f'cache-dir = "{tmp_path / "http"}"\n',
        encoding="utf-8",
    )
    return str(path)


def _lookup(name: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["kb", "lookup", name])
    return code, json.loads(capsys.readouterr().out.splitlines()[-1])


def test_update_makes_a_served_name_known(
    server: FixtureServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _lookup("Zorblax Nova 9", capsys)[0] == 1
    before = load_kb().horizon
    assert main(["kb", "update", "--config", config]) == 0
    capsys.readouterr()
    assert server.count("/modelsdev/api.json") == 1
    assert server.count("/epoch") == 3  # asked, 404: the Epoch part of the copy stays empty
    code, row = _lookup("zorblax-nova-9", capsys)
    assert code == 0
    assert row["name"] == "Zorblax Nova 9" and row["released"] == "2026-09-14" and row["maker"] == "Zorblax AI"
    mini = _lookup("Nova 9 Mini", capsys)  # the aggregator's "Zorblax: " prefix is not part of the name
    assert mini[0] == 0 and mini[1]["released"] is None  # aggregator listing dates are not release dates
    kb = load_kb()
    assert kb.horizon is not None and before is not None and kb.horizon > before
    assert kb.lookup("Claude Opus 4.7") is not None  # the bundled data stays under the copy


def test_update_with_nothing_served_is_an_error_and_changes_nothing(
    server: FixtureServer, config: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    server.routes.clear()
    assert main(["kb", "update", "--config", config]) == 2
    assert "no source answered" in capsys.readouterr().err
    assert not (tmp_path / "cache" / "kb" / "update.json").exists()


def test_update_refuses_a_private_address_without_allow_hosts(
    server: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "checker.toml"
    path.write_text(
        f'[references]\nmodelsdev = "{server.url}/modelsdev"\ncache = false\nretries = 0\n', encoding="utf-8"
    )
    assert main(["kb", "update", "--config", str(path)]) == 2
    assert server.count() == 0  # the SSRF guard stopped it before the server
