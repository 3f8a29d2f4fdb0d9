from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CHECKER_SHARED", ROOT.parent / "shared"))
# the suite compiles its patterns afresh: no compiled-regex programs read from or written to the
# user's cache (tests/test_regex_cache.py gives the program cache its own files)
os.environ.setdefault("CHECKER_REGEX_CACHE", "0")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs of the suite neither read nor fill the user's caches (unchanged files, KB index)."""
    if "CHECKER_CACHE_DIR" not in os.environ:
        os.environ["CHECKER_CACHE_DIR"] = str(tmp_path_factory.mktemp("checker-cache"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A run's own cache folder (CHECKER_CACHE_DIR), empty at the start of the test."""
    d = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(d))
    return d
