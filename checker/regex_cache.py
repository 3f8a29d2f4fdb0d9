"""Compiled regular expressions kept between runs (imported first by checker.cli).

checker compiles about 600 regexes on every run (date grammar, cue lexicons folded into both
scripts, name shapes), and Python's pure-Python regex compiler makes that most of the start-up
of a one-draft run (0.7 s CPU of ~1.5 s). The compiler's output for a pattern is a list of
integers that `_sre.compile` turns into a Pattern in microseconds, so the lists are stored as
JSON in the user cache directory (next to the KB index) and reused while the interpreter,
its regex engine (`_sre.MAGIC`, `CODESIZE`) and the pattern are the same.

Hand-written: no library stores compiled `re` programs (pickling a Pattern recompiles it).
It leans on one CPython internal (`re._compiler.compile`, the same from 3.11 to 3.13), so it
switches itself on only where a probe compiled both ways agrees, and it falls back to the
ordinary compiler on anything unexpected: the result is always the Pattern `re` would build.
`_sre.compile` validates the code it is given; the cache file is JSON (never pickle or marshal)
in a directory private to the user. CHECKER_REGEX_CACHE=0 switches it off.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import base64
import contextlib
import json
import os
import re
import sys
import time
from array import array
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

_ENGINE = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}-v2"
# an array type as wide as the engine's code words ("" if none: the cache stays off)
_CODE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "")
_WORTH = 0.003  # seconds of compiling that make rewriting the file worth it
_LIMIT = 4000  # entries kept; patterns built from article text must not grow the file forever
_original = _compiler.compile
_stored: dict[str, list[Any]] | None = None  # read on the first compile
_added: dict[str, list[Any]] = {}
_used: set[str] = set()
_cost = [0.0]  # CPU seconds spent compiling what the file did not have
_path: Path | None = None


def cache_file() -> Path:
    from platformdirs import user_cache_dir  # imported by install(), before any compile is routed here

    base = Path(os.environ.get("CHECKER_CACHE_DIR") or user_cache_dir("checker"))
    return base / "regex" / f"{_ENGINE}.json"


def _program(pattern: str, flags: int) -> list[Any]:
    """What `re._compiler.compile` computes before it calls `_sre.compile`."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # the code as base64 of its machine words: read back 3x faster than a JSON list of ints
    packed = base64.b64encode(array(_CODE, code).tobytes()).decode("ascii")
    return [flags | p.state.flags, p.state.groups - 1, packed, groupindex, indexgroup]


def _build(pattern: str, entry: list[Any]) -> re.Pattern[str]:
    flags, groups, packed, groupindex, indexgroup = entry
    code = array(_CODE, base64.b64decode(packed, validate=True)).tolist()
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    return compiled


def _load() -> dict[str, list[Any]]:
    with contextlib.suppress(OSError, ValueError, RecursionError):
        data = json.loads((_path or cache_file()).read_bytes())
        if isinstance(data, dict) and data.get("engine") == _ENGINE and isinstance(data.get("entries"), dict):
            entries: dict[str, list[Any]] = data["entries"]
            return entries
    return {}


def _valid(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 5
        and isinstance(entry[0], int)
        and isinstance(entry[1], int)
        and isinstance(entry[2], str)  # the code it holds is checked by _sre.compile
        and isinstance(entry[3], dict)
        and all(isinstance(k, str) and type(v) is int for k, v in entry[3].items())
        and isinstance(entry[4], list)
        and all(g is None or isinstance(g, str) for g in entry[4])
    )


def _compile(p: Any, flags: int = 0) -> Any:
    global _stored
    if not isinstance(p, str) or flags & re.DEBUG:
        return _original(p, flags)
    if _stored is None:
        _stored = _load()
    key = f"{flags}:{p}"
    entry = _stored.get(key) or _added.get(key)
    if entry is not None:
        with contextlib.suppress(Exception):  # a wrong entry (old or damaged file): compile anew
            if _valid(entry):
                compiled = _build(p, entry)
                _used.add(key)
                return compiled
    started = time.process_time()
    try:
        entry = _program(p, flags)
        compiled = _build(p, entry)
    except re.error:
        raise
    except Exception:
        return _original(p, flags)
    _added[key] = entry
    _used.add(key)
    _cost[0] += time.process_time() - started
    return compiled


def _save() -> None:
    """Write the programs of this run (and earlier ones, up to the limit) if any were new."""
    if _cost[0] < _WORTH:
        return  # only cheap patterns were new (a library's set-ordered class): not worth a rewrite
    entries = dict(_stored or {})
    entries.update(_added)
    if len(entries) > _LIMIT:
        entries = {k: v for k, v in entries.items() if k in _used}
    path = _path or cache_file()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"engine": _ENGINE, "entries": entries}, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)  # atomic: two runs writing at once leave one whole file
    except OSError:
        pass  # a read-only or missing cache directory only costs the compile time


def _agrees() -> bool:
    """A probe compiled by `re` and rebuilt from its stored program behave the same."""
    probe = r"(?P<y>\d{4})年(?:(?P<m>1[0-2]|0?[1-9])月)?|(?i:Q[1-4])\b|[^\W\d]+"
    try:
        entry = json.loads(json.dumps(_program(probe, re.IGNORECASE)))
        mine, theirs = _build(probe, entry), _original(probe, re.IGNORECASE)
    except Exception:
        return False
    text = "2025年12月 q3 Abc 20x"
    return (
        mine.flags == theirs.flags
        and mine.groupindex == theirs.groupindex
        and [m.span() for m in mine.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    )


def install() -> None:
    """Route `re`'s compiles through the stored programs (once; a no-op where unsupported)."""
    if _compiler.compile is not _original or os.environ.get("CHECKER_REGEX_CACHE", "1") == "0":
        return
    if sys.implementation.name != "cpython" or not _CODE or not _agrees():
        return
    global _path
    _path = cache_file()
    _compiler.compile = _compile
    atexit.register(_save)


install()
