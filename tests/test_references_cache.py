"""The response cache cannot run code and never stops a run (against the loopback server)."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.references.http import HttpClient
from checker.references.settings import parse_settings

from .recorded.server import FixtureServer, reference_config


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().load().start()
    yield srv
    srv.stop()


def _client(server: FixtureServer, cache_dir: Path) -> HttpClient:
    return HttpClient(parse_settings(reference_config(server, cache_dir)))


class _Payload:
    """Unpickling this creates a file: proof that a pickle from the cache was run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _cache_file(cache_dir: Path) -> Path:
    return cache_dir / "http_cache.sqlite"


def test_a_poisoned_pickle_in_the_cache_is_never_run(server: FixtureServer, tmp_path: Path) -> None:
    url = f"{server.url}/pypi/pypi/triton/json"
    first = _client(server, tmp_path)
    assert first.get(url).status == 200
    first.close()
    marker = tmp_path / "pwned"
    with sqlite3.connect(_cache_file(tmp_path)) as conn:
        rows = conn.execute("select count(*) from responses").fetchone()[0]
        assert rows >= 1
        conn.execute("update responses set value = ?", (pickle.dumps(_Payload(marker)),))
    server.reset_counts()
    second = _client(server, tmp_path)
    got = second.get(url)
    assert got.status == 200 and not got.from_cache  # the entry was a miss, asked again
    assert not marker.exists()


@pytest.mark.parametrize("damage", ["random bytes", "truncated", "foreign schema", "a folder"])
def test_a_broken_cache_degrades_to_no_cache(
    damage: str, server: FixtureServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _cache_file(tmp_path)
    if damage == "random bytes":
        path.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        first = _client(server, tmp_path)
        first.get(f"{server.url}/pypi/pypi/triton/json")
        first.close()
        for side in ("-wal", "-shm"):
            Path(str(path) + side).unlink(missing_ok=True)
        data = path.read_bytes()
        path.write_bytes(data[:100])
    elif damage == "foreign schema":
        with sqlite3.connect(path) as conn:
            conn.execute("create table notes (body text)")
    else:
        path.mkdir()
    client = _client(server, tmp_path)
    assert client.get(f"{server.url}/pypi/pypi/triton/json").status == 200
    err = capsys.readouterr().err
    assert "running without the cache" in err and str(path) in err


def test_the_cache_folder_is_private(server: FixtureServer, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    client = _client(server, folder)
    client.get(f"{server.url}/pypi/pypi/triton/json")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
