"""Compiled regex programs kept between runs, as Python keeps bytecode in `.pyc` files.

checker's patterns (cue lists folded into both scripts, some kilobytes long) cost about 0.5 s of
compiling in every run that uses them, most of it in `re`'s pure-Python compiler. A compiled
pattern is the source text plus a program of integers that `re` hands to its C engine; this
module keeps those programs in one JSON file in the user's cache directory and rebuilds a
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
import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from checker.cachefiles import cache_folder, read_tagged, write_atomic

_FORMAT = 2
_MAX_ENTRIES = 5000  # a long-lived cache across versions is trimmed to what one run used

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
    return folder / f"regex-programs-{sys.implementation.name}{version}-{_MAGIC}.json"


class ProgramCache:
    """The programs read from `path` once, and the ones compiled in this process."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._read: dict[str, list[Any]] | None = None
        self._new: dict[str, list[Any]] = {}
        self._used: set[str] = set()
        # the patterns built in this process: a source asked for twice (two modules' `\d`) is
        # served again, not compiled as new (which rewrote the whole file at every exit)
        self._built: dict[str, re.Pattern[str]] = {}
        self._lock = threading.Lock()

    def _entries(self) -> dict[str, list[Any]]:
        if self._read is None:
            self._read = _read(self.path) if self.path is not None else {}
        return self._read

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if not _AVAILABLE or self.path is None:
            return re.compile(source, flags)
        key = f"{flags}:{source}"
        built = self._built.get(key)
        if built is not None:
            return built
        with self._lock:
            # a program is read once per process: dropped from memory when used (save re-reads)
            entry = self._entries().pop(key, None) or self._new.get(key)
        if entry is not None:
            try:
                pattern = _build(source, entry)
            except Exception:
                pass  # a corrupt program: compile it afresh
            else:
                self._used.add(key)
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
            self._used.add(key)
            self._built[key] = pattern
        return pattern

    def save(self) -> None:
        """Write the programs back when this process compiled new ones (atomic: a temporary file
        renamed over the old one, so two runs at once leave one of their files whole)."""
        if self.path is None or not self._new:
            return
        with self._lock:
            table = {**_read(self.path), **self._new}  # another run may have saved meanwhile
            if len(table) > _MAX_ENTRIES:
                table = {k: v for k, v in table.items() if k in self._used}
            self._new = {}
        # ASCII: read back as bytes, no wide string (a source with U+10FFFF made the whole
        # file's text four bytes a character: 20 MB held while reading 2.5 MB)
        write_atomic(self.path, json.dumps({"format": _FORMAT, "programs": table}).encode("ascii"))


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


def _read(path: Path) -> dict[str, list[Any]]:
    """The file's programs, each checked for shape; an unreadable or odd file is an empty cache."""
    out: dict[str, list[Any]] = {}
    for key, entry in read_tagged(path, _FORMAT, "programs").items():
        if _well_formed(entry):
            out[key] = entry
    return out


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
