"""The files checker keeps in its cache folder between runs (the results cache, the KB index,
compiled regex programs, built word lists): where the folder is, how a file is written and read
back, when an old one goes. All of it is best effort: a file that cannot be read is rebuilt, one
that cannot be written is skipped; neither is an error of the run."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

STALE_S = 7 * 24 * 3600  # a stored file unused this long is another version's: removed


def cache_folder() -> Path:
    """`CHECKER_CACHE_DIR`, else the user's cache directory for checker. May raise (no home)."""
    chosen = os.environ.get("CHECKER_CACHE_DIR")
    if chosen:  # platformdirs (~5 ms to import) only when it is asked
        return Path(chosen)
    from platformdirs import user_cache_dir  # here: a run that keeps nothing does not load it

    return Path(user_cache_dir("checker"))


def read_tagged(path: Path, fmt: int, field: str) -> dict[str, Any]:
    """The `field` table of a JSON file `{"format": fmt, field: {...}}`; {} when the file is
    missing, unreadable, not JSON, or of another format or shape. The caller checks entries."""
    import orjson  # (parses these files 1.5-2x faster than json: the KB phrases are 0.5 MB)

    try:
        raw = orjson.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # orjson.JSONDecodeError is a ValueError
        return {}
    if not isinstance(raw, dict) or raw.get("format") != fmt or not isinstance(raw.get(field), dict):
        return {}
    table: dict[str, Any] = raw[field]
    return table


def write_atomic(path: Path, data: bytes) -> bool:
    """`data` into `path`: the folder created private to the user, a temporary file of this
    process renamed over `path`, so two runs saving at once leave one whole file (no fsync: a
    lost cache file is rebuilt). False when it could not be written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    return True


def remove_stale(keep: Path, pattern: str) -> None:
    """Files beside `keep` matching `pattern` (built from other data or code) unused for a week:
    another checkout or an older version may still read a recent one (`mark_used`)."""
    stale = time.time() - STALE_S
    with contextlib.suppress(OSError):
        for old in keep.parent.glob(pattern):
            if old != keep and old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)


def mark_used(path: Path) -> None:
    """Touch a stored file this run read (at most daily): `remove_stale` goes by modification
    time, and must not remove a file still in use."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > 24 * 3600:
            os.utime(path)


def code_digest(*modules: str) -> str | None:
    """A digest of the source files of these modules (dotted names, imported) that build a stored
    value (its part of the key: a store's file name covers only its own code and data); None when
    a source cannot be read (then nothing is stored: a changed builder could not be told)."""
    h = hashlib.sha256()
    for name in modules:
        try:
            h.update(module_source(name).read_bytes())
        except (OSError, KeyError, AttributeError, TypeError):
            return None
        h.update(b"\0")
    return h.hexdigest()[:16]


def module_source(name: str) -> Path:
    """The .py file of a module (its package imported), also when it runs compiled (mypyc): the
    extension does not change with the code (a package library holds it), and a module that
    another compiled module of its package imports gets a `__file__` and spec origin that name
    no file (its folder twice), so the path is built from the package's own folder."""
    package, _, leaf = name.rpartition(".")
    return Path(sys.modules[package].__path__[0]) / f"{leaf}.py"
