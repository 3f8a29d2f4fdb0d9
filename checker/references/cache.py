"""The response cache of online look-ups: a file that cannot run code and never stops a run.

requests-cache pickles responses by default, and unpickling runs code: a cache restored in CI
from an untrusted branch would then run that branch's code. Responses are stored as JSON
instead (requests-cache's `json` serializer); an old pickled entry fails to decode as JSON and
is treated as a miss, so it is never unpickled. The cache directory is created private to the
user. A cache that cannot be used (random bytes, a truncated or foreign SQLite file, a folder
in its place, a read-only directory) degrades to an uncached session with one warning: the
run goes on, slower.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import requests

from checker.core.neutralise import for_stderr

SERIALIZER = "json"


def ensure_private_dir(folder: Path) -> None:
    """Create the cache folder (and missing parents) readable by the user only."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask


def probe(path: Path) -> str | None:
    """Why the cache file at `path` cannot be used, or None when it can (or does not exist yet)."""
    if path.exists() and not path.is_file():
        return "not a regular file"
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "not readable and writable"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "its folder is not writable"
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5)
        try:
            tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
            if tables and "responses" not in tables:
                return "a SQLite file of another program"
            conn.execute("begin immediate")
            conn.execute("rollback")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"not a usable SQLite file ({exc})"
    return None


def cached_session(path: Path, options: Mapping[str, Any]) -> requests.Session | None:
    """A requests-cache session on `path` with the JSON serializer, or None (after a warning on
    stderr) when the cache cannot be used."""
    try:
        ensure_private_dir(path.parent)
    except OSError as exc:
        _warn(path, f"cannot create its folder ({exc.strerror or exc})")
        return None
    reason = probe(path)
    if reason is not None:
        _warn(path, reason)
        return None
    import requests_cache

    try:
        session: requests.Session = requests_cache.CachedSession(
            str(path), backend="sqlite", serializer=SERIALIZER, **options
        )
    except (sqlite3.Error, OSError, ValueError) as exc:
        _warn(path, f"cannot be opened ({exc})")
        return None
    return session


def _warn(path: Path, reason: str) -> None:
    print(
        f"checker: warning: response cache {for_stderr(str(path))} {for_stderr(reason)}; running without the cache",
        file=sys.stderr,
    )
