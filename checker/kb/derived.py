"""Structures derived from the whole KB, kept between runs beside the compiled index.

A few lookups walk every KB name once per process (the product lines, the phrases of KB names,
the versioned name prefixes): ~0.25 s that a five-article run pays in full and a corpus run
amortises. Each depends only on the KB's content and the code that derives it, so it is stored
as JSON in the KB cache folder under the compiled index's key (a digest of the KB files) and a
digest of that code: a changed KB or deriving code is a new file, never a stale answer.

A KB with entries added after the compiled index (the config's `knowledge-base` files, tests
building their own) has no `content_key`: then the value is built in memory only. The same trust
as the other stored files (checker/cachefiles.py): JSON only, the caller checks every value's
shape (`decode` returns None for a wrong one and the value is built afresh), writes atomic.
Hand-written: `functools.cache` lasts one process, and no library keeps a keyed JSON memo
beside checker's other caches.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from checker.cachefiles import code_digest, mark_used, read_tagged, remove_stale, write_atomic
from checker.extract import kb as kb_module
from checker.extract.kb import KnowledgeBase

_FORMAT = 1
T = TypeVar("T")


@lru_cache(maxsize=1)
def _entry_code() -> str | None:
    """A digest of checker/extract/kb.py: every derived value reads its `Entry` (names, dates,
    keys), so a change there is a new file for every kind."""
    return code_digest(kb_module.__name__)


def _path(kind: str, kb: KnowledgeBase, code: str | None) -> Path | None:
    """Where `kind` of this KB is stored; None when it is not (no content key or code digest,
    the store switched off, no cache folder)."""
    key = kb.content_key
    entry_code = _entry_code()
    if key is None or code is None or entry_code is None or os.environ.get("CHECKER_LEXICON_CACHE", "1") == "0":
        return None
    try:
        from checker.kb.index import cache_dir

        return cache_dir() / f"derived-{kind}-{key[:16]}-{code}-{entry_code[:8]}.json"
    except Exception:  # no home: build in memory only
        return None


def stored(
    kind: str,
    kb: KnowledgeBase,
    code: str | None,
    build: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T | None],
) -> T:
    """`kind` of `kb`: decoded from its stored file when there is a well-formed one, else built
    and stored (`code`: a digest of the deriving code, checker.cachefiles.code_digest, with every
    module it reads beyond checker/extract/kb.py, which the file name covers too)."""
    path = _path(kind, kb, code)
    if path is not None:
        table = read_tagged(path, _FORMAT, "value")
        got = decode(table["data"]) if "data" in table else None
        if got is not None:
            mark_used(path)
            return got
    value = build()
    encoded = encode(value) if path is not None else None
    if path is not None and encoded is not None:  # (None: this value cannot be stored)
        data = {"format": _FORMAT, "value": {"data": encoded}}
        if write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")):
            remove_stale(path, f"derived-{kind}-*.json")
    return value


def str_list(value: Any) -> list[str] | None:
    """`value` when it is a list of strings, else None."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None
