"""Where the compiled KB lives: the user copy and the compiled index.

The merge itself is `checker.extract.kb.compile_layers`: generated data, the user's
refreshed copy and the hand-written overlay, merged once and stored here as JSON (never
pickle), keyed by a hash of the inputs' bytes. A run reads one JSON file and builds the
lookup tables from stored keys instead of parsing TOML and normalising every name again.

Merge order (later wins on a name): the bundled `generated.json`, the user copy written by
`checker kb update`, then the overlay (`checker/data/kb/*.toml`): an overlay entry replaces
every generated entry that shares one of its name keys and takes their aliases (provider
ids) that no other overlay entry claims.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from checker.cachefiles import cache_folder, write_atomic

log = logging.getLogger("checker.kb")


def cache_dir() -> Path:
    """Where the user copy and the compiled index live (CHECKER_CACHE_DIR or the platform's)."""
    return cache_folder() / "kb"


def generated_file() -> Path:
    from importlib import resources

    return Path(str(resources.files("checker") / "data" / "kb" / "generated.json"))


def user_copy() -> Path:
    """The copy `checker kb update` writes (same format as generated.json)."""
    return cache_dir() / "update.json"


def read_cached(key: str) -> dict[str, Any] | None:
    """The compiled index stored under `key`, or None."""
    import orjson  # (faster than json on the 0.8 MB index; its errors are ValueErrors)

    with contextlib.suppress(OSError, ValueError):
        data = orjson.loads((cache_dir() / f"index-{key}.json").read_bytes())
        if isinstance(data, dict):
            return data
    return None


def store(key: str, data: dict[str, Any]) -> None:
    _store(cache_dir() / f"index-{key}.json", data)


def _store(path: Path, data: dict[str, Any]) -> None:
    """Write the index atomically; old indexes go. A read-only cache is no error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("index-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    if not write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")):
        log.debug("knowledge base index not cached at %s", path)
