"""The lexicon's built lists and alternations, kept between runs.

Reading the lists (TOML), folding every word into both scripts and writing the alternations
cost about 0.14 s of CPU in every process that uses them (a one-draft run, each `--jobs`
worker), while the result depends only on the data files, the code that builds it and
OpenCC's version. So each result is stored as JSON in the user cache directory, in a file
named by a digest of exactly those inputs: a changed word list, builder or OpenCC is a new
file, never a stale answer. Hand-written: `functools.cache` lasts one process, and no library
keeps a keyed JSON memo beside checker's other caches.

The same trust as the regex program cache: JSON only (never unpickled), every value checked
for shape before use (a wrong one is computed afresh), writes atomic; a writer of the cache
folder could change the word lists, as it could edit the cache of unchanged files.
CHECKER_LEXICON_CACHE=0 switches it off (as it does the stored spellings).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from checker.cachefiles import cache_folder, mark_used, read_tagged, remove_stale, write_atomic

_FORMAT = 1
_FOLDER = "lexicon-lists"


class _Store:
    """The stored results, read on first use; the new ones written back when the process ends."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.read: dict[str, Any] | None = None
        self.new: dict[str, Any] = {}
        self.lock = threading.Lock()

    def _open(self) -> dict[str, Any]:
        if self.read is None:
            self.path = _path()
            self.read = _load(self.path) if self.path is not None else {}
            if self.read and self.path is not None:
                mark_used(self.path)
        return self.read

    def get(self, key: str) -> Any:
        with self.lock:
            return self._open().get(key)

    def put(self, key: str, value: Any) -> None:
        with self.lock:
            self._open()
            if self.path is None:  # switched off or no cache folder
                return
            if not self.new:
                atexit.register(self.save)
            self.new[key] = value

    def save(self) -> None:
        with self.lock:
            if self.path is None or not self.new:
                return
            table = {**_load(self.path), **self.new}  # another process may have saved meanwhile
            self.new = {}
            path = self.path
        if write_atomic(path, json.dumps({"format": _FORMAT, "values": table}).encode("ascii")):
            remove_stale(path, "lists-*.json")


def _path() -> Path | None:
    if os.environ.get("CHECKER_LEXICON_CACHE", "1") == "0":
        return None
    try:
        return cache_folder() / _FOLDER / f"lists-{_digest()}.json"
    except Exception:  # no home, unreadable package files: build in memory only
        return None


def _digest(here: Path | None = None) -> str:
    """What the built values depend on: the data files, the code that builds them, OpenCC
    (`here`: the lexicon package's folder)."""
    import opencc

    here = here or Path(__file__).resolve().parent
    h = hashlib.sha256(f"{_FORMAT}\0{getattr(opencc, '__version__', '?')}\0".encode())
    for part in (here / "__init__.py", here.parent / "text" / "script.py", *sorted((here / "data").glob("*.toml"))):
        h.update(part.name.encode() + b"\0")
        h.update(part.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:20]


def _load(path: Path) -> dict[str, Any]:
    return read_tagged(path, _FORMAT, "values")


_STORE = _Store()


def key(kind: str, *parts: object) -> str:
    return "\x1f".join((kind, *(str(p) for p in parts)))


def stored_text(k: str) -> str | None:
    """A stored regex source, or None (absent or of the wrong shape)."""
    value = _STORE.get(k)
    return value if isinstance(value, str) else None


def stored_rows(k: str) -> list[tuple[str, str, str]] | None:
    """Stored entries as (word, not-after, not-before) rows, or None (absent or malformed)."""
    value = _STORE.get(k)
    if not isinstance(value, list):
        return None
    rows: list[tuple[str, str, str]] = []
    for row in value:
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(s, str) for s in row)):
            return None
        rows.append((row[0], row[1], row[2]))
    return rows


def keep(k: str, value: str | list[Any]) -> None:
    _STORE.put(k, value)


def stored_value(k: str) -> Any:
    """A stored JSON value as read (None when absent): the caller checks its shape."""
    return _STORE.get(k)
