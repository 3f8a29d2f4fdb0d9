"""OpenCC's spellings of the lexicon's words, kept between runs.

Folding every cue word through six OpenCC configurations means loading OpenCC's dictionaries
and some ten thousand conversions on every run (a quarter of a one-draft run's start-up).
The spellings depend only on the word and OpenCC's version, so they are stored as JSON in the
user cache directory (like the KB index) and read back; a missing, damaged or unwritable file
only costs the conversions. CHECKER_LEXICON_CACHE=0 switches it off.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from checker.cachefiles import cache_folder, write_atomic

_stored: dict[str, list[str]] | None = None
_added: dict[str, list[str]] = {}


def _file() -> Path | None:
    if os.environ.get("CHECKER_LEXICON_CACHE", "1") == "0":
        return None
    # the module's own version, as lexicon/built.py keys on it: importlib.metadata's
    # version() costs ~0.035 s of imports (email, zipfile) in every run
    tag = _opencc_version()
    if tag is None:
        return None
    return cache_folder() / "lexicon" / f"opencc-{tag}.json"


def _opencc_version() -> str | None:
    try:
        import opencc
    except ImportError:
        return None
    tag = getattr(opencc, "__version__", None)
    return tag if isinstance(tag, str) and tag else None


def _load() -> dict[str, list[str]]:
    path = _file()
    if path is None:
        return {}
    with contextlib.suppress(OSError, ValueError, RecursionError):
        data = json.loads(path.read_bytes())
        if isinstance(data, dict):
            # a spelling list holds its own word (what follows a kind's tab)
            return {
                k: v
                for k, v in data.items()
                if isinstance(v, list) and all(isinstance(s, str) for s in v) and k.rpartition("\t")[2] in v
            }
    return {}


def spellings(word: str, convert: Callable[[str], set[str]], kind: str = "") -> set[str]:
    """`convert(word)` (the word and its OpenCC spellings), read from the store when known.
    `kind` names the conversion when it is not the lexicon's (KB names fold differently)."""
    global _stored
    if _stored is None:
        _stored = _load()
        atexit.register(_save)
    key = f"{kind}\t{word}" if kind else word
    got = _stored.get(key) or _added.get(key)
    if got is not None:
        return set(got)
    out = convert(word)
    _added[key] = sorted(out)
    return out


def _save() -> None:
    path = _file() if _added else None
    if path is None:
        return
    data = {**(_stored or {}), **_added}
    write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
