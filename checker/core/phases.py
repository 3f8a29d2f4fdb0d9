"""The two phases of a run, and `--jobs`: the per-document phase in a process pool.

Phase 1, per file (`check_file`): load and segment it, then per document the document rules
and the corpus rules' `collect` -> `DocumentRecord`s (core/records.py). Files are
independent, so phase 1 runs in any order, in any process: here in-process or in a
`ProcessPoolExecutor` (spawn-safe: a worker is set up from a picklable `WorkerSetup`); a
distributed executor could map `check_file` over `FileTask`s the same way.
Phase 2 (`Engine.finish`) runs once, in the main process, over the records in input order:
whole-run analyses, the corpus rules' `check`, findings. Output does not depend on --jobs.
The document rules' hits of unchanged files come from the cache (core/resultcache.py).
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import logging
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core.config import Config
from checker.core.model import Hit
from checker.core.records import DocumentRecord, RuleCrash
from checker.core.resultcache import CacheReader, encode, file_key
from checker.core.rule import CorpusRule, DocumentRule, Rule, RunContext
from checker.input.documents import Document
from checker.input.load import InputError, InputFile, load_documents

if TYPE_CHECKING:
    from checker.core.engine import Engine, Report

log = logging.getLogger("checker.cache")

# less text than this is checked in-process: a worker costs ~1.3 s of CPU before its first
# result (imports 0.95 s, first compiles of the word lists ~0.4 s; measured), and a MB of
# articles ~2.7 s of CPU (corpus/real: 47 s for 17.7 MB), so two workers only win from ~1 MB
POOL_MIN_BYTES = 1_000_000


def default_jobs() -> int:
    """The cores this process may use."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return int(count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class FileTask:
    path: str  # as reported
    fs_path: str | None  # None: stdin (in-process only)
    archived: bool = False
    size: int = 0  # bytes, to choose between in-process and the pool


@dataclass
class FileResult:
    path: str
    records: list[DocumentRecord] = field(default_factory=list)
    error: InputError | None = None
    store: tuple[str, str] | None = None  # (cache key, JSON value) for the main process to write
    cache_hit: bool = False


@dataclass(frozen=True)
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
    hits: int = 0
    misses: int = 0
    written: int = 0


class FilePhase:
    """Phase 1 for one process: the document work plus the cache reader."""

    def __init__(self, work: DocumentWork, setup: WorkerSetup) -> None:
        self.work = work
        self.setup = setup
        self.cache = CacheReader(Path(setup.cache_path)) if setup.cache_path else None

    def check_file(self, task: FileTask) -> FileResult:
        inp = InputFile(task.path, Path(task.fs_path) if task.fs_path is not None else None)
        try:
            docs = load_documents(inp, max_bytes=self.setup.cfg.max_file_size)
        except InputError as exc:
            return FileResult(task.path, error=exc)
        for d in docs:
            d.archived = task.archived
        key = None
        cached = None
        if self.cache is not None and not task.archived and docs:
            key = file_key(self.setup.run_key, task.path, docs[0].source.text)
            cached = self.cache.lookup(key, [d.id for d in docs])
        if cached is not None:
            for d in docs:
                for name, value in cached[d.id][1].items():
                    d.cached(name, lambda _d, v=value: v)  # type: ignore[misc]
        records = [self.work.record(d, cached[d.id][0] if cached is not None else None) for d in docs]
        result = FileResult(task.path, records, cache_hit=cached is not None)
        if key is not None and cached is None and not any(r.crashes for r in records):
            value = encode(records)  # a crash is never cached: it must be reported again
            if value is not None:
                result.store = (key, value)
        return result


class DocumentWork:
    """The per-document phase of one process: document rules, then the corpus rules' collect.

    Its context has no whole-run analyses (only those that read no document, like the KB's
    SubjectNames) and no archive: what needs every document is the corpus phase's."""

    def __init__(self, cfg: Config, rules: Sequence[Rule], ctx: RunContext) -> None:
        self.cfg = cfg
        self.ctx = ctx
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
                    if self.cfg.ignored_for_path(rule.meta.id, doc.path):
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


# --- the pool ----------------------------------------------------------------------------------

_WORKER: FilePhase | None = None


def _init_worker(setup: WorkerSetup) -> None:
    global _WORKER
    from checker.core.engine import Engine, RunOptions

    opts = RunOptions(
        today=setup.today, online=setup.online, extra_select=setup.extra_select, extra_ignore=setup.extra_ignore
    )
    _WORKER = FilePhase(Engine(setup.cfg, opts).document_work(), setup)


def _work(task: FileTask) -> FileResult:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.check_file(task)


def run_files(
    tasks: Sequence[FileTask],
    local: FilePhase,
    *,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Phase 1 over every file, results in input order: in-process for one job, stdin or
    little text; in a pool of `jobs` spawned workers otherwise."""
    total = len(tasks)
    use_pool = (
        jobs > 1
        and total >= 2
        and sum(t.size for t in tasks) >= POOL_MIN_BYTES
        and all(t.fs_path is not None for t in tasks)
    )
    if not use_pool:
        out: list[FileResult] = []
        for n, task in enumerate(tasks, 1):
            out.append(local.check_file(task))
            if progress:
                progress(n, total)
        return out
    results: list[FileResult | None] = [None] * total
    ctx = multiprocessing.get_context("spawn")  # no fork: safe with threads, same on every platform
    try:
        with cf.ProcessPoolExecutor(
            max_workers=min(jobs, total), mp_context=ctx, initializer=_init_worker, initargs=(local.setup,)
        ) as pool:
            futures = {pool.submit(_work, t): i for i, t in enumerate(tasks)}
            for done, fut in enumerate(cf.as_completed(futures), 1):
                try:
                    results[futures[fut]] = fut.result()
                except Exception as exc:
                    # a worker died (killed, out of memory) or its result did not travel:
                    # that file is checked again in-process below
                    log.warning("a worker failed on %s (%s); checking it in-process", tasks[futures[fut]].path, exc)
                if progress:
                    progress(done, total)
    except (OSError, cf.process.BrokenProcessPool) as exc:  # no pool at all (no semaphores, no fork)
        log.warning("no worker processes (%s); checking in-process", exc)
    for i, task in enumerate(tasks):
        if results[i] is None:
            results[i] = local.check_file(task)
    return [r for r in results if r is not None]


# --- a whole run -------------------------------------------------------------------------------


def check_paths(
    engine: Engine,
    paths: Sequence[str],
    archive_paths: Sequence[str],
    *,
    jobs: int,
    cache_path: Path | None,
    stdin_name: str = "-",
    notes: list[str] | None = None,
    warn: Callable[[str], None] = lambda _msg: None,
) -> tuple[Report | None, list[InputError], CacheStats]:
    """Discover, run phase 1 over every file (the archive's too), then phase 2. Input errors
    (any file) give no report: the caller exits 2 naming them."""
    from checker.core import resultcache
    from checker.core.archive import Archive
    from checker.input.load import discover

    started = time.perf_counter()
    cfg, opts = engine.cfg, engine.opts
    errors: list[InputError] = []
    tasks: list[FileTask] = []
    for group, archived in ((paths, False), (archive_paths, True)):
        if archived and not group:
            continue
        try:
            found = [i for i in discover(group, stdin_name=stdin_name, notes=notes) if not cfg.excluded(i.path)]
        except InputError as exc:
            errors.append(exc)
            continue
        tasks.extend(_task(i, archived) for i in found)
    stats = CacheStats()
    key = ""
    if cache_path is not None:
        try:
            resultcache.open_for_run(cache_path)
            key = resultcache.run_key(cfg, engine.rules, today=opts.today.isoformat(), online=opts.online)
        except resultcache.CacheUnusable as exc:
            warn(f"cache of unchanged files not used: {exc}")
            cache_path = None
    setup = WorkerSetup(
        cfg,
        opts.today,
        opts.online,
        opts.extra_select,
        list(opts.extra_ignore),
        str(cache_path) if cache_path is not None else None,
        key,
    )
    local = FilePhase(engine.document_work(), setup)
    progress = opts.progress
    # online services (HTTP session, look-up budget) live in the main process
    results = run_files(
        tasks,
        local,
        jobs=1 if opts.online else jobs,
        progress=(lambda n, t: progress("files checked", n, t)) if progress else None,
    )
    errors.extend(r.error for r in results if r.error is not None)
    if errors:
        return None, errors, stats
    checked = [rec for r, t in zip(results, tasks, strict=True) if not t.archived for rec in r.records]
    archived_records = [rec for r, t in zip(results, tasks, strict=True) if t.archived for rec in r.records]
    stats.hits = sum(1 for r, t in zip(results, tasks, strict=True) if r.cache_hit and not t.archived)
    stats.misses = sum(1 for r, t in zip(results, tasks, strict=True) if not r.cache_hit and not t.archived)
    if cache_path is not None:
        items = [r.store for r in results if r.store is not None]
        failed = resultcache.store(cache_path, items)
        if failed:
            warn(f"cache of unchanged files not updated: {failed}")
        else:
            stats.written = len(items)
        log.info("cache of unchanged files: %d read, %d checked, %d written", stats.hits, stats.misses, stats.written)
    archive = Archive(list(archive_paths), [rec.doc for rec in archived_records]) if archive_paths else None
    return engine.finish(checked, archived_records, archive, started=started), [], stats


def _task(inp: InputFile, archived: bool) -> FileTask:
    if inp.fs_path is None:
        return FileTask(inp.path, None, archived)
    try:
        size = inp.fs_path.stat().st_size
    except OSError:
        size = 0  # the worker reports why it cannot be read
    return FileTask(inp.path, str(inp.fs_path), archived, size)
