"""The shared HTTP session against a real loopback server: cache, retries, pacing,
concurrency caps, timeouts, and failures that never raise."""

from __future__ import annotations

import itertools
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.core.config import ConfigError
from checker.references.http import HttpClient, user_agent
from checker.references.settings import parse_settings

from .recorded.server import Answer, FixtureServer, reference_config


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


def _client(server: FixtureServer, cache_dir: Path | None, **extra: object) -> HttpClient:
    return HttpClient(parse_settings(reference_config(server, cache_dir, **extra)))


def test_second_run_is_served_from_the_cache(server: FixtureServer, tmp_path: Path) -> None:
    urls = [f"{server.url}/pypi/pypi/triton/json", f"{server.url}/web/blog/jade-1-release", f"{server.url}/web/moved"]
    first = _client(server, tmp_path)
    statuses = [first.get(u).status for u in urls]
    assert statuses == [200, 404, 200]
    asked = server.count()
    assert asked == 4  # the redirect is a hop of its own
    first.close()
    server.reset_counts()
    second = _client(server, tmp_path)  # a new run: a new session on the same cache file
    again = [second.get(u) for u in urls]
    assert [g.status for g in again] == statuses
    assert all(g.from_cache for g in again)
    assert server.count() == 0
    assert second.stats.requests == 0 and second.stats.cache_hits == 4


def test_server_errors_are_not_cached(server: FixtureServer, tmp_path: Path) -> None:
    for _ in range(2):
        client = _client(server, tmp_path, retries=0)
        assert client.get(f"{server.url}/web/server-error").status == 500
    assert server.count() == 2


def test_retries_with_backoff_until_success(server: FixtureServer) -> None:
    client = _client(server, None, retries=2)
    got = client.get(f"{server.url}/web/flaky")
    assert got.status == 200
    assert server.count("/web/flaky") == 3


def test_retry_after_is_honoured(server: FixtureServer) -> None:
    server.add("GET", "/web/slow-down", Answer(429, {"Retry-After": "1"}, b"wait"), Answer(200, {}, b"ok"))
    client = _client(server, None, retries=1)
    started = time.monotonic()
    got = client.get(f"{server.url}/web/slow-down")
    assert got.status == 200
    gap = server.requests[1].at - server.requests[0].at
    assert gap >= 0.95 and time.monotonic() - started < 5


def test_long_retry_after_gives_up_at_once(server: FixtureServer) -> None:
    client = _client(server, None, retries=3, **{"max-retry-wait": 5})
    started = time.monotonic()
    got = client.get(f"{server.url}/web/busy")  # Retry-After: 3600
    assert got.status == 429
    assert server.count("/web/busy") == 1 and time.monotonic() - started < 2


def test_minimum_interval_per_source(server: FixtureServer) -> None:
    client = _client(server, None, **{"rate-limits": {"default": 0, "pypi": 0.3}})
    for name in ("triton", "torch", "no-such-package-xyz"):
        client.get(f"{server.url}/pypi/pypi/{name}/json")
    times = [r.at for r in server.requests]
    assert all(b - a >= 0.28 for a, b in itertools.pairwise(times))
    # another source is not held back by pypi's pace
    started = time.monotonic()
    client.get(f"{server.url}/web/ok")
    assert time.monotonic() - started < 0.25


def test_concurrency_cap_per_host(server: FixtureServer) -> None:
    for i in range(6):
        server.add("GET", f"/web/slow{i}", Answer(200, {}, b"ok", delay=0.1))
    urls = [f"{server.url}/web/slow{i}" for i in range(6)]
    capped = _client(server, None, **{"host-concurrency": 1, "workers": 6})
    capped.map_bounded(capped.get, urls)
    assert server.max_in_flight == 1
    server.reset_counts()
    for i in range(6):  # fresh answers for the second client
        server.add("GET", f"/web/slow{i}", Answer(200, {}, b"ok", delay=0.1))
    wide = _client(server, None, **{"host-concurrency": 3, "workers": 6})
    started = time.monotonic()
    results = wide.map_bounded(wide.get, urls)
    assert [r.status for r in results] == [200] * 6
    assert 2 <= server.max_in_flight <= 3
    assert time.monotonic() - started < 0.1 * 6


def test_read_timeout_is_unknown_not_an_exception(server: FixtureServer) -> None:
    server.add("GET", "/web/hang", Answer(200, {}, b"late", delay=2.0))
    client = _client(server, None, retries=0, timeout=0.3)
    started = time.monotonic()
    got = client.get(f"{server.url}/web/hang")
    assert got.status is None and "timed out" in (got.error or "")
    assert time.monotonic() - started < 1.5


def test_connection_refused_is_unknown_not_an_exception(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = parse_settings({"allow-hosts": ["127.0.0.1"], "retries": 0, "cache": False})
    got = HttpClient(settings).get(f"http://127.0.0.1:{port}/")
    assert got.status is None and got.error and "connection failed" in got.error


def test_user_agent_names_the_tool_and_the_contact(server: FixtureServer) -> None:
    client = _client(server, None)
    client.get(f"{server.url}/web/ok")
    agent = server.requests[0].headers["User-Agent"]
    assert agent.startswith("checker/") and "mailto:checker-tests@example.org" in agent and "python-requests/" in agent


def test_user_agent_without_a_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECKER_CONTACT", raising=False)
    assert "mailto" not in user_agent(parse_settings({}, None))
    monkeypatch.setenv("CHECKER_CONTACT", "ops@newsroom.example")
    assert "mailto:ops@newsroom.example" in user_agent(parse_settings({}, None))


def test_base_url_with_a_path_prefix_is_kept(server: FixtureServer) -> None:
    from checker.references.pypi import PyPIClient

    server.add_json("GET", "/mirror/pypi/pypi/torch/json", 404, {"message": "Not Found"})
    client = _client(server, None, pypi=f"{server.url}/mirror/pypi")
    result = PyPIClient(client).version("torch", "2.1")
    assert result.not_found
    assert server.requests[0].path == "/mirror/pypi/pypi/torch/json"


def test_unknown_references_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"references\.proxy"):
        parse_settings({"proxy": "http://x"}, "checker.toml")
    with pytest.raises(ConfigError, match=r"references\.timeout"):
        parse_settings({"timeout": "fast"}, "checker.toml")
    with pytest.raises(ConfigError, match=r"references\.pypi"):
        parse_settings({"pypi": "ftp://mirror"}, "checker.toml")
    with pytest.raises(ConfigError, match=r"references\.rate-limits\.nosuch"):
        parse_settings({"rate-limits": {"nosuch": 1}}, "checker.toml")
    with pytest.raises(ConfigError, match=r"references\.allow-hosts"):
        parse_settings({"allow-hosts": ["127.0.0.1:8080"]}, "checker.toml")


def test_per_source_settings() -> None:
    settings = parse_settings({"rate-limits": {"default": 1, "arxiv": 5}, "expire-days": {"links": 1}})
    assert settings.intervals["arxiv"] == 5 and settings.intervals["pypi"] == 1
    assert settings.expire_days["links"] == 1 and settings.expire_days["arxiv"] == 30


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.written: list[str] = []

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        return None


def test_progress_bar_only_on_a_terminal_and_not_quiet() -> None:
    from checker.references.progress import NullProgress, RichProgress, progress_factory

    assert isinstance(progress_factory(quiet=False, stream=_Tty(False))("links", 50), NullProgress)  # type: ignore[arg-type]
    assert isinstance(progress_factory(quiet=True, stream=_Tty(True))("links", 50), NullProgress)  # type: ignore[arg-type]
    assert isinstance(progress_factory(quiet=False, stream=_Tty(True))("links", 2), NullProgress)  # type: ignore[arg-type]
    bar = progress_factory(quiet=False, stream=_Tty(True))("links", 50)  # type: ignore[arg-type]
    assert isinstance(bar, RichProgress)
    bar.advance()
    bar.close()
