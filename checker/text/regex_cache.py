"""Compiled regex programs kept between runs, as Python keeps bytecode in `.pyc` files.

checker's patterns (cue lists folded into both scripts, some kilobytes long) cost about 0.5 s of
compiling in every run that uses them, most of it in `re`'s pure-Python compiler. A compiled
pattern is the source text plus a program of integers that `re` hands to its C engine; this
module keeps those programs in one file in the user's cache directory (a line of JSON each) and rebuilds a
pattern from its program with the same C call `re.compile` ends in. The result is the same
`re.Pattern` (`==` to the freshly compiled one, which a test checks).

Hand-written, against CPython's private compiler (`re._parser`, `re._compiler._code`,
`_sre.compile`): no library keeps regex programs, and `re` has no public hook. It is made safe
to be wrong: the file is keyed by the Python version and the engine's magic number, read as
plain JSON (never unpickled), checked for shape, and `_sre.compile` validates every program
(a corrupt one raises, then the pattern is compiled as usual). Any failure falls back to
`re.compile`; nothing here can change what a pattern matches.
"""

from __future__ import annotations

import array
import atexit
import base64
import hashlib
import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

import orjson

from checker.cachefiles import cache_folder, mark_used, remove_stale, write_atomic

_FORMAT = 3
_MAX_ENTRIES = 5000  # a long-lived cache across versions is trimmed to what one run used
# The file is a header line, then one line per program: the digest of its key, a space, and the
# JSON of [key, flags, program, groups, groupindex]. A run reads the whole file but parses the
# JSON of only the programs it asks for: after a corpus run the file holds ~1,600 programs
# (10 MB), and parsing all of them cost a one-draft run ~28 ms of the ~0.3 s it takes.
_HEADER = json.dumps({"format": _FORMAT}).encode("ascii")
_DIGEST = 32  # hex digits of a key's digest at the start of its line

try:  # CPython's private compiler; without it (another interpreter) patterns compile as usual
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    # programs are kept as 32-bit words, as _sre's code words are on CPython
    _AVAILABLE = hasattr(_compiler, "_code") and hasattr(_parser, "parse") and _sre.CODESIZE == 4
    _MAGIC = int(getattr(_sre, "MAGIC", 0))
except ImportError:  # pragma: no cover - CPython always has them
    _AVAILABLE = False
    _MAGIC = 0


def cache_path() -> Path | None:
    """The programs' file, beside the results cache; None when there is no place for it."""
    if os.environ.get("CHECKER_REGEX_CACHE", "1") == "0":
        return None
    try:
        folder = cache_folder()
    except Exception:
        return None
    version = "".join(str(v) for v in sys.version_info[:3])
    return folder / f"regex-programs-{sys.implementation.name}{version}-{_MAGIC}.jsonl"


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_DIGEST // 2).hexdigest().encode("ascii")


class ProgramCache:
    """The programs read from `path` once, and the ones compiled in this process."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._read: dict[bytes, bytes] | None = None  # the file's lines, by their keys' digests
        self._new: dict[str, list[Any]] = {}
        self._used: set[bytes] = set()  # digests
        # the patterns built in this process: a source asked for twice (two modules' `\d`) is
        # served again, not compiled as new (which rewrote the whole file at every exit)
        self._built: dict[str, re.Pattern[str]] = {}
        self._lock = threading.Lock()

    def _lines(self) -> dict[bytes, bytes]:
        if self._read is None:
            self._read = _read(self.path) if self.path is not None else {}
            if self._read and self.path is not None:
                mark_used(self.path)  # a file in use is not another run's stale one
        return self._read

    def _stored(self, key: str, digest: bytes) -> list[Any] | None:
        """The program stored for `key` (checked for shape), or None. Read once per process:
        dropped from memory when used (save re-reads the file)."""
        with self._lock:
            line = self._lines().pop(digest, None)
            if line is None:
                return self._new.get(key)
        try:
            # orjson (a dependency): each line holds its pattern's source, up to ~0.1 MB of word list
            row = orjson.loads(line[_DIGEST + 1 :])
        except (ValueError, RecursionError):
            return None
        if isinstance(row, list) and len(row) == 5 and row[0] == key and _well_formed(row[1:]):
            return row[1:]
        return None

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if not _AVAILABLE or self.path is None:
            return re.compile(source, flags)
        key = f"{flags}:{source}"
        built = self._built.get(key)
        if built is not None:
            return built
        digest = _digest(key)
        entry = self._stored(key, digest)
        if entry is not None:
            try:
                pattern = _build(source, entry)
            except Exception:
                pass  # a corrupt program: compile it afresh
            else:
                self._used.add(digest)
                self._built[key] = pattern
                return pattern
        try:
            parsed = _parser.parse(source, flags)
            code = _compiler._code(parsed, flags)
            entry = [flags | parsed.state.flags, _packed(code), parsed.state.groups, dict(parsed.state.groupdict)]
            pattern = _build(source, entry)
        except re.error:
            raise
        except Exception:
            return re.compile(source, flags)  # the private compiler changed: the public one
        with self._lock:
            if not self._new:
                atexit.register(self.save)  # once: the process's new programs, when it ends
            self._new[key] = entry
            self._used.add(digest)
            self._built[key] = pattern
        return pattern

    def save(self) -> None:
        """Write the programs back when this process compiled new ones (atomic: a temporary file
        renamed over the old one, so two runs at once leave one of their files whole)."""
        if self.path is None or not self._new:
            return
        with self._lock:
            table = _read(self.path)  # another run may have saved meanwhile
            for key, entry in self._new.items():
                digest = _digest(key)
                # ASCII JSON: no line break inside a line, and read back as bytes, no wide string
                table[digest] = digest + b" " + json.dumps([key, *entry]).encode("ascii")
            if len(table) > _MAX_ENTRIES:
                table = {k: v for k, v in table.items() if k in self._used}
            self._new = {}
        if write_atomic(self.path, b"\n".join([_HEADER, *table.values()]) + b"\n"):
            # another Python's or format's programs (the format-2 .json file), unused for a week
            remove_stale(self.path, "regex-programs-*")


def _build(source: str, entry: list[Any]) -> re.Pattern[str]:
    flags, packed, groups, groupindex = entry
    code = array.array("I", base64.b64decode(packed, validate=True)).tolist()
    indexgroup: list[str | None] = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(source, flags, code, groups - 1, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def _packed(code: list[int]) -> str:
    """A program as base64 of 32-bit words: a fifth of its size as a JSON list, and one string
    per pattern to parse instead of thousands of numbers."""
    return base64.b64encode(array.array("I", code).tobytes()).decode("ascii")


def _read(path: Path) -> dict[bytes, bytes]:
    """The file's lines by digest, their JSON not parsed yet (each is checked for shape when
    its program is asked for); an unreadable file, or one of another format, is an empty cache."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    lines = raw.split(b"\n")
    if lines[0] != _HEADER:
        return {}
    return {
        line[:_DIGEST]: line
        for line in lines[1:]
        if len(line) > _DIGEST + 1 and line[_DIGEST : _DIGEST + 1] == b" " and line[:_DIGEST].isalnum()
    }


def _well_formed(entry: Any) -> bool:
    if not (isinstance(entry, list) and len(entry) == 4):
        return False
    flags, code, groups, groupindex = entry
    return (
        isinstance(flags, int)
        and isinstance(code, str)  # the words are checked by _sre.compile, which validates programs
        and isinstance(groups, int)
        and 1 <= groups <= 10_000
        and isinstance(groupindex, dict)
        and all(isinstance(k, str) and type(v) is int and 0 < v < groups for k, v in groupindex.items())
    )


_CACHE: ProgramCache | None = None


def programs() -> ProgramCache:
    """The process's program cache (its file is read on the first compile)."""
    global _CACHE
    if _CACHE is None:
        _CACHE = ProgramCache(cache_path())
    return _CACHE
