"""The address guard: nothing private is fetched, before the request or on any redirect."""

from __future__ import annotations

import ipaddress
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.references.http import HttpClient
from checker.references.settings import parse_settings
from checker.references.ssrf import AddressGuard, Refused, address_problem

from .recorded.server import Answer, FixtureServer, reference_config


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load("web", "github").start()
    yield srv
    srv.stop()


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_classes(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


def _fake_resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]

    return resolve


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.net/x", "scheme"),
        ("gopher://internal:70/", "scheme"),
        ("http://user:secret@public.example/", "credentials"),
        ("http://127.0.0.1:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://intranet.corp/", "private"),
        ("http://mixed.example/", "private"),  # one public and one private address
        ("http:///nohost", "no host"),
    ],
)
def test_refused_before_any_request(url: str, reason: str) -> None:
    guard = AddressGuard(
        resolver=_fake_resolver({"intranet.corp": ["10.0.0.5"], "mixed.example": ["93.184.216.34", "192.168.0.2"]})
    )
    with pytest.raises(Refused, match=reason):
        guard.check_url(url)


def test_numeric_host_tricks_resolve_to_loopback() -> None:
    # 2130706433 and 0x7f.1 are 127.0.0.1 to the system resolver: no network is needed
    guard = AddressGuard()
    for url in ("http://2130706433/", "http://0x7f.1/", "http://127.1/"):
        with pytest.raises(Refused, match="loopback"):
            guard.check_url(url)


def test_allow_hosts_by_name_suffix_and_network() -> None:
    guard = AddressGuard(("127.0.0.1", "*.internal.test", "10.0.0.0/8"), resolver=_fake_resolver({}))
    guard.check_url("http://127.0.0.1:9/")
    guard.check_url("http://api.internal.test/")
    guard.check_url("http://10.2.3.4/")
    with pytest.raises(Refused):
        guard.check_url("http://192.168.0.1/")


def test_public_name_passes() -> None:
    guard = AddressGuard(resolver=_fake_resolver({"pypi.org": ["151.101.0.223", "2a04:4e42::223"]}))
    guard.check_url("https://pypi.org/pypi/triton/json")


def _client(server: FixtureServer, tmp_path: Path, **extra: object) -> HttpClient:
    return HttpClient(parse_settings(reference_config(server, tmp_path, **extra)))


def test_loopback_link_refused_unless_allowed(server: FixtureServer, tmp_path: Path) -> None:
    strict = _client(server, tmp_path / "a", **{"allow-hosts": []})
    got = strict.get(f"{server.url}/web/ok")
    assert got.refused and got.status is None and "loopback" in (got.error or "")
    assert server.count() == 0  # never fetched
    allowed = _client(server, tmp_path / "b")
    assert allowed.get(f"{server.url}/web/ok").status == 200
    assert server.count() == 1


@pytest.mark.parametrize(("path", "reason"), [("/web/to-private", "private"), ("/web/to-metadata", "link-local")])
def test_redirect_from_allowed_host_to_private_address_refused(
    server: FixtureServer, tmp_path: Path, path: str, reason: str
) -> None:
    client = _client(server, tmp_path, cache=False)
    got = client.get(server.url + path)
    assert got.refused and reason in (got.error or "")
    assert got.hops == ((302, server.url + path),)
    assert server.count() == 1  # the redirect was read; its target was never asked


def test_redirect_to_loopback_under_another_name_refused(server: FixtureServer, tmp_path: Path) -> None:
    server.add_json("GET", "/web/to-localhost", 302, None, Location=f"http://localhost:{server.port}/web/ok")
    got = _client(server, tmp_path, cache=False).get(f"{server.url}/web/to-localhost")
    assert got.refused and "loopback" in (got.error or "")
    assert server.count("/web/ok") == 0


def test_dns_rebinding_caught_by_the_connection(server: FixtureServer, tmp_path: Path) -> None:
    # the guard's resolver says "public", the connection really reaches 127.0.0.1
    settings = parse_settings(reference_config(server, None, **{"allow-hosts": []}))
    guard = AddressGuard((), resolver=_fake_resolver({"localhost": ["93.184.216.34"]}))
    client = HttpClient(settings, guard=guard)
    got = client.get(f"http://localhost:{server.port}/web/ok")
    assert got.refused and "loopback" in (got.error or "")
    assert server.count() == 0


def test_token_goes_only_to_its_host_and_never_into_the_cache(
    server: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret_token_for_tests")
    server.add_json("GET", "/github/repos/a/b", 302, None, Location=f"http://localhost:{server.port}/web/ok")
    client = _client(server, tmp_path, **{"allow-hosts": ["127.0.0.1", "localhost"]})
    got = client.get(f"{server.url}/github/repos/a/b", auth_host="127.0.0.1")
    assert got.status == 200
    first, second = server.requests
    assert first.headers.get("Authorization") == "Bearer ghp_secret_token_for_tests"
    assert "Authorization" not in second.headers
    db = Path(tmp_path) / "http_cache.sqlite"
    for part in (db, Path(str(db) + "-wal")):  # the write-ahead log holds recent answers
        if part.exists():
            assert b"ghp_secret_token_for_tests" not in part.read_bytes()
    with sqlite3.connect(db) as conn:  # and no stored request carries it either
        rows = conn.execute("select value from responses").fetchall()
    # stored as JSON text (never pickled): search the text
    assert rows and all("ghp_secret" not in (r[0] if isinstance(r[0], str) else r[0].decode()) for r in rows)


def test_response_bodies_are_capped(server: FixtureServer, tmp_path: Path) -> None:
    server.add("GET", "/web/huge", Answer(200, {"Content-Type": "text/plain"}, b"x" * 300_000))
    client = _client(server, tmp_path, cache=False, **{"max-body": 1000})
    got = client.get(f"{server.url}/web/huge")
    assert got.status == 200 and len(got.body) == 1000
    assert got.header("X-Checker-Truncated") == "1"
