"""Bounded look-ups against a slow-drip loopback host: headers at once, then one byte at a
time, each byte well inside the read timeout. The per-look-up deadline and the run's
budget stop it; the handler stops by itself after its (short) body."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from checker.core.config import ConfigError
from checker.core.model import Span
from checker.extract.links import Link, LinkKind
from checker.references import ReferenceServices, parse_settings
from checker.references.http import HttpClient
from checker.references.result import Outcome

from .recorded.server import Answer, FixtureServer, reference_config

DRIP = 0.25  # seconds between bytes: never trips a 1 s read timeout
BYTES = 40  # 10 s in all if nobody stops it
MARGIN = 1.0


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    for i in range(4):
        srv.add("GET", f"/web/drip{i}", Answer(200, {"Content-Type": "text/html"}, b"x" * BYTES, drip=DRIP))
        srv.add("HEAD", f"/web/drip{i}", Answer(405))  # so that a link check asks GET
    srv.add("GET", "/web/ok", Answer(200, {}, b"ok"))
    yield srv
    srv.stop()


def _link(url: str) -> Link:
    return Link(LinkKind.URL, url, Span(0, len(url)), url, "bare")


def _services(server: FixtureServer, **extra: object) -> ReferenceServices:
    raw = reference_config(server, None, retries=0, timeout=1, **extra)
    return ReferenceServices(parse_settings(raw))


def test_slow_drip_body_stops_at_the_deadline(server: FixtureServer) -> None:
    client = HttpClient(parse_settings(reference_config(server, None, retries=0, timeout=1, deadline=1.5)))
    started = time.monotonic()
    got = client.get(f"{server.url}/web/drip0")
    took = time.monotonic() - started
    assert got.status is None and "deadline (1.5 s)" in (got.error or "")
    assert took < 1.5 + MARGIN, took  # without the deadline: BYTES * DRIP = 10 s


def test_slow_drip_headers_stop_at_the_deadline(server: FixtureServer) -> None:
    server.add("GET", "/web/drip-headers", Answer(200, header_drip=DRIP))  # about 20 s of headers
    client = HttpClient(parse_settings(reference_config(server, None, retries=1, timeout=1, deadline=1.5)))
    started = time.monotonic()
    got = client.get(f"{server.url}/web/drip-headers")
    took = time.monotonic() - started
    assert got.status is None and "deadline (1.5 s)" in (got.error or ""), got.error
    assert took < 1.5 + MARGIN, took
    assert server.count("/web/drip-headers") == 1  # no retry once the time is spent


def test_a_retry_that_would_pass_the_deadline_is_not_waited_for(server: FixtureServer) -> None:
    server.add("GET", "/web/later", Answer(503, {"Retry-After": "3"}), Answer(200, {}, b"ok"))
    client = HttpClient(parse_settings(reference_config(server, None, retries=2, deadline=1)))
    started = time.monotonic()
    got = client.get(f"{server.url}/web/later")
    assert got.status is None and "deadline (1 s)" in (got.error or ""), got.error
    assert time.monotonic() - started < 1.0 and server.count("/web/later") == 1


def test_slow_drip_link_is_unknown_within_the_deadline(server: FixtureServer) -> None:
    refs = _services(server, deadline=1.5)
    started = time.monotonic()
    result = refs.check_link(_link(f"{server.url}/web/drip1"))  # HEAD 405, then GET drips
    assert result.outcome is Outcome.UNKNOWN and "deadline" in result.detail
    assert time.monotonic() - started < 1.5 + MARGIN
    # the next look-up has a deadline of its own
    assert refs.check_link(_link(f"{server.url}/web/ok")).found


def test_a_look_up_shares_one_deadline_across_its_requests(server: FixtureServer) -> None:
    refs = _services(server, deadline=1.5)
    started = time.monotonic()
    with refs.http.lookup():
        first = refs.http.get(f"{server.url}/web/drip0")
        second = refs.http.get(f"{server.url}/web/drip1")
    assert first.status is None and second.status is None
    assert "deadline" in (second.error or "")
    assert time.monotonic() - started < 1.5 + MARGIN
    assert server.count("/web/drip1") == 0  # no time left: not asked at all


def test_the_run_budget_ends_the_remaining_look_ups_without_a_request(server: FixtureServer) -> None:
    refs = _services(server, deadline=30, **{"run-deadline": 1.0, "workers": 1})
    links = [_link(f"{server.url}/web/drip{i}") for i in range(3)] + [_link(f"{server.url}/web/ok")]
    started = time.monotonic()
    results = refs.check_links(links)
    took = time.monotonic() - started
    assert took < 1.0 + MARGIN, took  # without the budget: 3 * 10 s
    assert all(r.outcome is Outcome.UNKNOWN for r in results.values())
    spent = [r for r in results.values() if r.detail == "the run's look-up time budget is spent"]
    assert len(spent) == 4  # the one cut short says so too
    assert server.count("/web/drip1") == 0 and server.count("/web/drip2") == 0 and server.count("/web/ok") == 0


def test_waiting_for_a_turn_is_not_counted_against_the_deadline(server: FixtureServer) -> None:
    # one request per 0.6 s to this host: the third look-up waits 1.2 s for its turn, more
    # than its 1 s deadline, and still gets its answer
    refs = _services(server, deadline=1.0, **{"rate-limits": {"default": 0.6}, "workers": 3})
    for i in range(3):
        server.add("GET", f"/web/page{i}", Answer(200, {}, b"ok"))
    results = refs.check_links([_link(f"{server.url}/web/page{i}") for i in range(3)])
    assert all(r.found for r in results.values()), [r.detail for r in results.values()]


@pytest.mark.parametrize("key", ["deadline", "run-deadline"])
def test_deadline_keys_are_validated(key: str) -> None:
    assert getattr(parse_settings({key: 7}), key.replace("-", "_")) == 7.0
    for bad in ("soon", 0, -1, True, float("inf"), float("nan"), 10**7):
        with pytest.raises(ConfigError, match=rf"references\.{key}"):
            parse_settings({key: bad}, "checker.toml")
