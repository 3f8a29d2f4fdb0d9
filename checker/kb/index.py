"""The compiled KB: generated data + the user's refreshed copy + the hand-written overlay,
merged once and stored as JSON (never pickle) in the user cache, keyed by a hash of the
inputs' bytes. A run reads one JSON file and builds the lookup tables from stored keys,
instead of parsing TOML and normalising every name again.

Merge order (later wins on a name): the bundled `generated.json`, the user copy written by
`checker kb update`, then the overlay (`checker/data/kb/*.toml`): an overlay entry replaces
every generated entry that shares one of its name keys and takes their aliases (provider
ids) that no other overlay entry claims.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.extract.kb import SCHEMA_VERSION, Entry, KBError, PartialDate, bundled_paths, parse_data
from checker.extract.names.keys import name_key

log = logging.getLogger("checker.kb")

INDEX_FORMAT = 2  # bump when the compiled layout or the merge changes
_FIELDS = ("name", "kind", "source", "maker", "family", "aliases", "announced", "released", "note", "origin")


def cache_dir() -> Path:
    """Where the user copy and the compiled index live (CHECKER_CACHE_DIR or the platform's)."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("CHECKER_CACHE_DIR") or user_cache_dir("checker")) / "kb"


def generated_file() -> Path:
    from importlib import resources

    return Path(str(resources.files("checker") / "data" / "kb" / "generated.json"))


def user_copy() -> Path:
    """The copy `checker kb update` writes (same format as generated.json)."""
    return cache_dir() / "update.json"


def read_generated(raw: bytes, origin: str) -> tuple[list[Entry], dict[str, Any]]:
    """Entries and header of a generated file; KBError when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise KBError(origin, "", f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise KBError(origin, "", "not a generated KB file (no `entries` list)")
    items: list[dict[str, Any]] = []
    origins: list[str] = []
    for e in data["entries"]:
        if isinstance(e, dict):
            items.append({k: v for k, v in e.items() if k in _FIELDS and k != "origin"})
            origins.append(str(e["origin"]) if isinstance(e.get("origin"), str) else origin)
    entries, _ = parse_data({"schema": SCHEMA_VERSION, "version": str(data.get("version", "")), "entry": items}, origin)
    out = [_with_origin(e, o) for e, o in zip(entries, origins, strict=True)]
    header = {k: v for k, v in data.items() if k != "entries"}
    return out, header


def _with_origin(e: Entry, origin: str) -> Entry:
    return Entry(e.name, e.kind, e.source, e.maker, e.family, e.aliases, e.announced, e.released, e.note, origin)


def merge_layers(generated: Iterable[Entry], overlay: Iterable[Entry]) -> list[Entry]:
    """Generated entries (later ones win on equal names) under the overlay (see the module doc)."""
    gen: dict[str, Entry] = {}
    for e in generated:
        old = gen.get(e.key)
        if old is not None:  # an update's entry replaces the bundled one and keeps its ids
            e = _with_aliases(e, old.names)
        gen[e.key] = e
    by_key: dict[str, str] = {}
    for e in gen.values():
        for n in e.names:
            by_key.setdefault(name_key(n), e.key)
    overlay = list(overlay)
    claimed = {name_key(n) for e in overlay for n in e.names}
    out_over: list[Entry] = []
    for e in overlay:
        taken = {by_key[k] for k in (name_key(n) for n in e.names) if k in by_key}
        extra: list[str] = []
        for gk in sorted(taken):
            g = gen.pop(gk, None)
            if g is not None:
                extra.extend(n for n in g.names if name_key(n) not in claimed)
        out_over.append(_with_aliases(e, extra) if extra else e)
    return [*gen.values(), *out_over]


def _with_aliases(e: Entry, more: Iterable[str]) -> Entry:
    own = {name_key(n) for n in e.names}
    add = [n for n in dict.fromkeys(more) if name_key(n) not in own and not own.add(name_key(n))]  # type: ignore[func-returns-value]
    return Entry(
        e.name, e.kind, e.source, e.maker, e.family, (*e.aliases, *add), e.announced, e.released, e.note, e.origin
    )


def _date(d: PartialDate | None) -> str | None:
    return str(d) if d else None


def compile_layers(inputs: list[tuple[str, bytes]]) -> dict[str, Any]:
    """The compiled index of the given files (generated JSON first, then TOML overlay)."""
    import tomllib

    generated: list[Entry] = []
    overlay: list[Entry] = []
    versions: list[str] = []
    horizons: list[str] = []
    sources: dict[str, Any] = {}
    for origin, raw in inputs:
        if origin.endswith(".json"):
            entries, header = read_generated(raw, origin)
            generated.extend(entries)
            if isinstance(header.get("horizon"), str):
                horizons.append(header["horizon"])
            if isinstance(header.get("sources"), dict):
                sources.update(header["sources"])
            version = str(header.get("version", ""))
        else:
            try:
                data = tomllib.loads(raw.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise KBError(origin, "", f"not valid TOML: {exc}") from None
            entries, version = parse_data(data, origin)
            overlay.extend(entries)
        if version:
            versions.append(version)
    merged = merge_layers(generated, overlay)
    rows = []
    for e in merged:
        row = [
            e.name,
            e.kind,
            e.source,
            e.maker,
            e.family,
            list(e.aliases),
            _date(e.announced),
            _date(e.released),
            e.note,
            e.origin,
        ]
        rows.append([row, [name_key(n) for n in e.names]])
    return {
        "format": INDEX_FORMAT,
        "version": max(versions) if versions else "",
        "horizon": max(horizons, key=lambda h: PartialDate.parse(h).latest()) if horizons else None,
        "sources": sources,
        "rows": rows,
    }


def inputs(*, bundled: bool = True) -> list[tuple[str, bytes]]:
    """The files the compiled KB is made of, with their bytes (the cache key)."""
    paths: list[Path] = []
    if bundled:
        gen = generated_file()
        if gen.is_file():
            paths.append(gen)
        if user_copy().is_file():
            paths.append(user_copy())
        paths.extend(bundled_paths())
    out = []
    for p in paths:
        try:
            out.append((str(p), p.read_bytes()))
        except OSError as exc:
            raise KBError(str(p), "", exc.strerror or str(exc)) from None
    return out


def load_compiled(*, bundled: bool = True) -> dict[str, Any]:
    """The compiled index: from the cache when its key matches, else compiled and stored."""
    files = inputs(bundled=bundled)
    digest = hashlib.sha256(f"{INDEX_FORMAT}".encode())
    for origin, raw in files:
        digest.update(Path(origin).name.encode() + b"\0" + hashlib.sha256(raw).digest())
    key = digest.hexdigest()[:32]
    path = cache_dir() / f"index-{key}.json"
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
            return data
    data = compile_layers(files)
    _store(path, data)
    return data


def _store(path: Path, data: dict[str, Any]) -> None:
    """Write the index atomically; old indexes go. A read-only cache is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("index-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.debug("knowledge base index not cached at %s: %s", path, exc)


def entries_of(data: dict[str, Any]) -> list[tuple[Entry, list[str]]]:
    """The compiled rows as entries with their stored name keys."""
    out = []
    for row, keys in data["rows"]:
        name, kind, source, maker, family, aliases, ann, rel, note, origin = row
        out.append(
            (
                Entry(
                    name,
                    kind,
                    source,
                    maker,
                    family,
                    tuple(aliases),
                    PartialDate.parse(ann) if ann else None,
                    PartialDate.parse(rel) if rel else None,
                    note,
                    origin,
                ),
                keys,
            )
        )
    return out


def horizon_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value).latest()
    except ValueError:
        return None
