"""The two phases of a run, and `--jobs`: the per-document phase in a process pool.

Phase 1, per file (`FilePhase.check_file`): load and segment it, then per document the document rules
and the corpus rules' `collect` -> `DocumentRecord`s (core/records.py). Files are
independent, so phase 1 runs in any order, in any process: here in-process or in a
`ProcessPoolExecutor` (core/runner.py; spawn-safe: a worker is set up from a picklable
`WorkerSetup`); a distributed executor could map `check_file` over `FileTask`s the same way.
Phase 2 (`Engine.finish`) runs once, in the main process, over the records in input order:
whole-run analyses, the corpus rules' `check`, findings. Output does not depend on --jobs.
The document rules' hits of unchanged files come from the cache (core/resultcache.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core.config import Config
from checker.core.model import Hit
from checker.core.records import DocumentRecord, RuleCrash
from checker.core.rule import CorpusRule, DocumentRule, Rule, RunContext
from checker.input.documents import Document
from checker.input.load import InputError, InputFile, load_documents
from checker.text.view import views_kept

if TYPE_CHECKING:
    from checker.core.resultcache import CacheReader

log = logging.getLogger("checker.cache")


def default_jobs() -> int:
    """The cores this process may use."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return int(count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class FileTask:
    """One file for the per-document phase: its names and how to read it."""

    path: str  # as reported
    fs_path: str | None  # None: stdin (in-process only)
    archived: bool = False
    size: int = 0  # bytes, to choose between in-process and the pool


@dataclass
class FileResult:
    """What the per-document phase gives back for one file."""

    path: str
    records: list[DocumentRecord] = field(default_factory=list)
    error: InputError | None = None
    store: tuple[str, str] | None = None  # (cache key, JSON value) for the main process to write
    cache_hit: bool = False

    # sent back from a pool worker with its documents' names as columns (core/shipping.py)
    def __getstate__(self) -> dict[str, Any]:
        from checker.core.shipping import result_state

        return result_state(self.__dict__)

    def __setstate__(self, state: dict[str, Any]) -> None:
        from checker.core.shipping import result_from_state

        self.__dict__.update(result_from_state(state))


@dataclass(unsafe_hash=True)
class WorkerSetup:
    """All a worker needs to build the same per-document phase as the main process."""

    cfg: Config
    today: dt.date
    online: bool
    extra_select: list[str] | None
    extra_ignore: list[str]
    cache_path: str | None = None
    run_key: str = ""


@dataclass
class CacheStats:
    """Hits and misses of the cache of unchanged files in one run."""

    hits: int = 0
    misses: int = 0
    written: int = 0


class FilePhase:
    """Phase 1 for one process: the document work plus the cache reader."""

    def __init__(self, work: DocumentWork, setup: WorkerSetup) -> None:
        self.work = work
        self.setup = setup
        self.cache: CacheReader | None = None
        if setup.cache_path:
            from checker.core.resultcache import CacheReader  # sqlite3: only a run with the cache

            self.cache = CacheReader(Path(setup.cache_path))

    def check_file(self, task: FileTask) -> FileResult:
        # one file's reader views kept while it is loaded and checked, then released
        with views_kept():
            return self._check_file(task)

    def _check_file(self, task: FileTask) -> FileResult:
        inp = InputFile(task.path, Path(task.fs_path) if task.fs_path is not None else None)
        try:
            docs = load_documents(inp, max_bytes=self.setup.cfg.for_path(task.path).max_file_size)
        except InputError as exc:
            return FileResult(task.path, error=exc)
        for d in docs:
            d.archived = task.archived
        key = None
        cached = None
        if self.cache is not None and not task.archived and docs:
            from checker.core.resultcache import file_key

            key = file_key(self.setup.run_key, task.path, docs[0].source.text)
            cached = self.cache.lookup(key, [d.id for d in docs])
        if cached is not None:
            for d in docs:
                for name, value in cached[d.id][1].items():
                    d.cached(name, lambda _d, v=value: v)  # type: ignore[misc]
        records = [self.work.record(d, cached[d.id][0] if cached is not None else None) for d in docs]
        result = FileResult(task.path, records, cache_hit=cached is not None)
        if key is not None and cached is None and not any(r.crashes for r in records):
            from checker.core.resultcache import encode

            value = encode(records)  # a crash is never cached: it must be reported again
            if value is not None:
                result.store = (key, value)
        return result


class DocumentWork:
    """The per-document phase of one process: document rules, then the corpus rules' collect.

    Its context has no whole-run analyses (only those that read no document, like the KB's
    SubjectNames) and no archive: what needs every document is the corpus phase's."""

    def __init__(self, rules: Sequence[Rule], ctx: RunContext, skipped: Callable[[Rule, str], bool]) -> None:
        self.ctx = ctx
        # per-file ignores and rules a file's own (nearer) config leaves out: Engine._skipped
        self.skipped = skipped
        self.doc_rules = [r for r in rules if isinstance(r, DocumentRule)]
        self.corpus_rules = [r for r in rules if isinstance(r, CorpusRule)]

    def record(self, doc: Document, cached_hits: list[tuple[str, Hit]] | None = None) -> DocumentRecord:
        rec = DocumentRecord(doc)
        if not doc.archived:
            if cached_hits is not None:
                rec.hits = list(cached_hits)
                rec.from_cache = True
            else:
                for rule in self.doc_rules:
                    if self.skipped(rule, doc.path):
                        continue
                    got = _guarded(rec, rule.meta.id, doc.id, partial(rule.check, doc, self.ctx), listed=True)
                    if isinstance(got, list):
                        rec.hits.extend((rule.meta.id, h) for h in got)
        # collected right after the document's own rules: the per-segment readings they
        # made (reader views, sentences) are still in the caches
        for crule in self.corpus_rules:
            got = _guarded(rec, crule.meta.id, doc.id, partial(crule.collect, doc, self.ctx, archived=doc.archived))
            if got is not FAILED:
                rec.collected.append((crule.meta.id, got))
        doc.keep_cached(CORPUS_CACHE_KEYS)
        return rec


FAILED = object()

# the per-document extractions the corpus phase reads again (NameIndex, name.typo's slips,
# the links of link.dead): measured by recording which cache keys the corpus phase asks for.
# Any other is dropped after phase 1 (a quarter of the memory of a run); one missing from
# this list is recomputed, never wrong.
CORPUS_CACHE_KEYS = frozenset({"names", "names.cjk", "links"})


def _guarded(rec: DocumentRecord, rid: str, doc_id: str, call: Callable[[], object], *, listed: bool = False) -> object:
    """Run one rule on one document; a crash is recorded (and fails the run), never raised."""
    started = time.perf_counter()
    try:
        got = call()
        return list(got) if listed else got  # type: ignore[call-overload]
    except Exception as exc:
        rec.crashes.append(RuleCrash(rid, doc_id, f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        return FAILED
    finally:
        rec.seconds[rid] = rec.seconds.get(rid, 0.0) + time.perf_counter() - started
