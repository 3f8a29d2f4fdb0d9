"""The cache of unchanged files (like ruff's): the document rules' hits of each file, keyed by
its path and content and by everything else that changes a document's result.

One SQLite file (`results.sqlite`) in the user's cache directory (CHECKER_CACHE_DIR or the
platform's, beside the online cache and the KB index), in WAL mode so that two runs can share
it; the main process writes, in one transaction per run, and workers only read. Values are
JSON, never pickle: a cache restored by CI from an untrusted branch must not be able to run
code. A cache that is corrupt, of a foreign schema, in place of a directory or unwritable is
no error: the run goes on without it (a warning says why), with the same results.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from checker import __version__
from checker.cachefiles import cache_folder
from checker.core.model import Hit
from checker.core.records import DocumentRecord, RecordError, hit_from_json, hit_to_json
from checker.core.runcache import CREATE as RUNS_TABLE
from checker.core.runcache import count as count_runs

SCHEMA = 1
FILE_NAME = "results.sqlite"
_CREATE = (
    "create table if not exists meta (name text primary key, value text not null)",
    "create table if not exists records (key text primary key, value text not null)",
    RUNS_TABLE,
)


# a file's cached results per document: the document rules' hits, and extractions the corpus
# phase reads again (by cache key: see EXTRACTIONS)
Cached = tuple[list[tuple[str, Hit]], dict[str, Any]]


class CacheUnusable(Exception):
    """Why the cache cannot be used this run (shown as a warning)."""


def default_path() -> Path:
    return cache_folder() / FILE_NAME


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    return sqlite3.connect(path, timeout=10)


def open_for_run(path: Path) -> Path:
    """Create or check the cache file; its path when usable, else CacheUnusable with the reason."""
    try:
        if path.exists() or path.is_symlink():
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode):
                raise CacheUnusable(f"{path} is not a regular file")
        else:
            # private to the user: the cache holds what the user's articles say
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.closing(_connect(path, read_only=False)) as conn:
            conn.execute("pragma journal_mode=wal")
            with conn:
                for sql in _CREATE:
                    conn.execute(sql)
                conn.execute("insert or ignore into meta values ('schema', ?)", (str(SCHEMA),))
            row = conn.execute("select value from meta where name = 'schema'").fetchone()
            if row is None or row[0] != str(SCHEMA):
                raise CacheUnusable(f"{path} holds a cache of another schema ({row[0] if row else 'none'})")
            conn.execute("select key, value from records limit 1").fetchall()
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    except sqlite3.Error as exc:
        raise CacheUnusable(f"{path} is not a usable cache ({exc})") from None
    except OSError as exc:
        raise CacheUnusable(f"{path}: {exc.strerror or exc}") from None
    return path


class CacheReader:
    """Read side, one per process (workers open their own connection)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self.broken = False

    def lookup(self, key: str, doc_ids: Sequence[str]) -> dict[str, Cached] | None:
        """The cached hits per document id, or None (a miss, or a value of the wrong shape)."""
        if self.broken:
            return None
        try:
            if self._conn is None:
                self._conn = _connect(self.path, read_only=True)
            row = self._conn.execute("select value from records where key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.broken = True  # gone or damaged since the run checked it: read nothing more
            return None
        if row is None or not isinstance(row[0], str):
            return None
        try:
            return decode(row[0], doc_ids)
        except (RecordError, ValueError, RecursionError):
            return None


def decode(text: str, doc_ids: Sequence[str]) -> dict[str, Cached]:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("v") != SCHEMA or not isinstance(data.get("documents"), list):
        raise RecordError("not a record of this schema")
    out: dict[str, Cached] = {}
    for entry in data["documents"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise RecordError("a document entry of the wrong shape")
        if not isinstance(entry.get("hits"), list):
            raise RecordError("a document entry of the wrong shape")
        hits: list[tuple[str, Hit]] = []
        for pair in entry["hits"]:
            if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
                raise RecordError("a hit entry of the wrong shape")
            hits.append((pair[0], hit_from_json(pair[1])))
        extractions: dict[str, Any] = {}
        raw = entry.get("extractions", {})
        if not isinstance(raw, dict):
            raise RecordError("extractions of the wrong shape")
        for name, value in raw.items():
            codec = EXTRACTIONS.get(name)
            if codec is None:
                raise RecordError(f"unknown extraction {name!r}")
            extractions[name] = codec[1](value)
        out[entry["id"]] = (hits, extractions)
    if list(out) != list(doc_ids):
        raise RecordError("the file's documents differ from the record's")
    return out


def encode(records: Iterable[DocumentRecord]) -> str | None:
    """The JSON value of one file's records; None when a hit has no exact JSON form."""
    try:
        docs = [_record_json(r) for r in records]
        return json.dumps({"v": SCHEMA, "documents": docs}, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _record_json(r: DocumentRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.doc.id, "hits": [[rid, hit_to_json(h)] for rid, h in r.hits]}
    extractions = {}
    for name, (to_json, _) in EXTRACTIONS.items():
        value = r.doc.cached_value(name)
        if value is not None:
            extractions[name] = to_json(value)
    if extractions:
        out["extractions"] = extractions
    return out


def _mentions_to_json(value: Any) -> list[list[Any]]:
    return [[m.text, m.key, m.span.start, m.span.end, m.segment, m.start, m.end, m.shape, *m[7:]] for m in value]


def _mentions_from_json(raw: Any) -> list[Any]:
    from checker.core.model import Span
    from checker.extract.names.extract import Mention

    if not isinstance(raw, list):
        raise RecordError("names of the wrong shape")
    out = []
    for m in raw:
        if (
            not isinstance(m, list)
            or len(m) != 11
            or not all(isinstance(v, str) for v in (m[0], m[1], m[7]))
            or not all(type(v) is int for v in m[2:7])
            or not all(type(v) is bool for v in m[8:])
        ):
            raise RecordError("a name of the wrong shape")
        out.append(Mention(m[0], m[1], Span(m[2], m[3]), m[4], m[5], m[6], m[7], m[8], m[9], m[10]))
    return out


# extractions cached with the hits (doc.cached key -> to JSON, from JSON): what the corpus phase
# of a rerun would otherwise extract again. The names of a document depend on its text and the
# KB only, both in the key. (A Mention is a NamedTuple of 10 fields: text, key, span, segment,
# start, end, shape, quoted, sentence_start, in_kb.)
EXTRACTIONS: dict[str, tuple[Any, Any]] = {"names": (_mentions_to_json, _mentions_from_json)}


def store(path: Path, items: Sequence[tuple[str, str]]) -> str | None:
    """Write new records in one transaction; the reason when that failed (the run is unaffected)."""
    if not items:
        return None
    try:
        with contextlib.closing(_connect(path, read_only=False)) as conn, conn:
            conn.executemany("insert or replace into records values (?, ?)", items)
    except (sqlite3.Error, OSError) as exc:
        return f"could not write {path} ({exc})"
    return None


def file_key(run_key: str, path: str, text: str) -> str:
    h = hashlib.sha256()
    for part in (run_key, path):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def run_key(cfg: Any, rules: Sequence[Any], *, today: str, online: bool) -> str:
    """Everything besides a file's own path and text that changes its document rules' hits."""
    parts: dict[str, Any] = {
        "version": __version__,
        "code": _code_fingerprint(),
        "config": dataclasses.asdict(cfg),
        "rules": [[r.meta.id, repr(r.options)] for r in rules],
        "today": today,
        "online": online,
        "kb": [_file_stamp(Path(p)) for p in cfg.knowledge_base] + [_kb_user_copy()],
    }
    raw = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _file_stamp(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{path}"


def _kb_user_copy() -> str:
    from checker.kb.index import user_copy

    try:
        st = user_copy().stat()
    except OSError:
        return "none"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _code_fingerprint() -> str:
    """Sizes and times of checker's own files (code, word lists, KB data): a changed installed
    or edited checker never reads results of another (the version alone is not bumped per edit)."""
    import checker
    import checker.reports
    import checker.rules

    h = hashlib.sha256()
    roots = [Path(checker.__file__).parent, *(Path(p) for p in checker.rules.__path__)]
    roots += [Path(p) for p in checker.reports.__path__]
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".sqlite")):
                    continue
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(dirpath, name))
                    h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def info(path: Path) -> list[str]:
    """`checker cache info`: where the cache of unchanged files is and what it holds."""
    if not path.exists():
        return [f"results cache: {path} (empty: no run yet)"]
    try:
        with contextlib.closing(_connect(path, read_only=True)) as conn:
            n = int(conn.execute("select count(*) from records").fetchone()[0])
            runs = count_runs(conn)
    except (sqlite3.Error, OSError) as exc:
        return [f"results cache: {path} (unusable: {exc}; runs go without it)"]
    size = sum(p.stat().st_size for p in _files(path) if p.exists())
    return [f"results cache: {path}", f"size: {size / 1024:.1f} KiB, {n} files, {runs} unchanged runs"]


def clear(path: Path) -> int:
    """Delete the cache (and SQLite's side files); the number of files it held, -1 if none."""
    if not path.exists() and not path.is_symlink():
        return -1
    n = 0
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(_connect(path, read_only=True)) as conn:
        n = int(conn.execute("select count(*) from records").fetchone()[0])
    for p in _files(path):
        if p.is_dir() and not p.is_symlink():
            continue  # never remove a folder someone put there
        p.unlink(missing_ok=True)
    return n


def _files(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def cmd_cache(args: Any) -> None:
    """The cache of unchanged files' part of `checker cache info|clear` (before the online cache's)."""
    from checker.text.regex_cache import cache_path

    path = default_path()
    programs = cache_path()
    if args.action == "clear":
        n = clear(path)
        print(f"checker: removed {n} cached files ({path})" if n >= 0 else f"checker: no results cache at {path}")
        if programs is not None and programs.is_file():
            programs.unlink()
            print(f"checker: removed the compiled regex programs ({programs})")
        built = built_data_files(path.parent)
        for f in built:
            with contextlib.suppress(OSError):
                f.unlink()
        if built:
            print(f"checker: removed {len(built)} files of built data ({path.parent})")
        return
    for line in info(path):
        print(line)
    if programs is not None and programs.is_file():
        print(f"regex programs: {programs} ({programs.stat().st_size / 1024:.1f} KiB; rebuilt when missing)")
    built = built_data_files(path.parent)
    if built:
        size = sum(f.stat().st_size for f in built)
        kib = size / 1024
        print(f"built data: {len(built)} files, {kib:.1f} KiB (KB index, word lists; rebuilt when missing)")


# what runs build from the bundled data and keep in the cache folder (each rebuilt when missing):
# the KB index, the lexicon's OpenCC spellings, built lists and the English frequency index, and
# what checker/kb/derived.py keeps beside the KB index
_BUILT = (("kb", "index-*.json"), ("lexicon", "*.json"), ("lexicon-lists", "lists-*.json"),
          ("lexicon-lists", "english-freq-*.txt"), ("kb", "derived-*.json"))  # fmt: skip


def built_data_files(folder: Path) -> list[Path]:
    """The regular files of `_BUILT` in the cache folder (never a folder or a link)."""
    out: list[Path] = []
    for sub, pattern in _BUILT:
        with contextlib.suppress(OSError):
            out += [f for f in sorted((folder / sub).glob(pattern)) if f.is_file() and not f.is_symlink()]
    return out
