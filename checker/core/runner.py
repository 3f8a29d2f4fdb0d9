"""A whole `checker check` run: discover the files, phase 1 in-process or in a process pool
(`--jobs`), the cache of unchanged files, then phase 2 (`Engine.finish`). The phases
themselves are core/phases.py."""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import gc
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from checker.core.engine import Engine, Report, RunOptions
from checker.core.phases import CacheStats, FilePhase, FileResult, FileTask, WorkerSetup
from checker.input.discover import Discovery
from checker.input.load import InputError, InputFile
from checker.input.source import SourceFile

log = logging.getLogger("checker.cache")

# less text than this is checked in-process: a spawned worker cost ~1.3 s of CPU before its
# first result (imports 0.95 s, first compiles of the word lists ~0.4 s; measured in session
# 8), a forked one still the compiles, and a MB of articles ~2.7 s of CPU then (corpus/real:
# 47 s for 17.7 MB), so two workers only won from ~1 MB (not measured again since)
POOL_MIN_BYTES = 1_000_000

# The corpus phase forks (core/forked.py: the rules that read no analysis beside the name rules,
# half of name.typo's judging) only from this much input: a fork and the pages it then copies
# cost more than the little work they take over. The seeds (460 KB) at --jobs 2: the main
# process alone spent 0.12 s of CPU in the corpus phase, more than the whole phase at --jobs 1
# (0.105 s), and the run 0.08 s more CPU in all
CORPUS_FORK_MIN_BYTES = 1_000_000


def corpus_processes(tasks: Sequence[FileTask], jobs: int) -> int:
    """The processes the corpus phase may use: the run's --jobs, or one for a small input."""
    return jobs if sum(t.size for t in tasks) >= CORPUS_FORK_MIN_BYTES else 1


# A run allocates millions of small objects that live until its end (segments, views, mentions);
# the cyclic collector walked each of them at least once to free almost nothing: on corpus/real
# 29 first-generation and one second-generation collections cost 0.45 s of CPU and found 12,400
# objects in cycles (about ten per document); on every hostile shape of benchmarks/pathological.py
# at 500k characters they found ~380, as many as a run of one draft. So the collector is off while
# a run lasts (reference counting frees everything else; the few cycles wait for the caller's next
# collection, or for the process's end): corpus/real 14.1 -> 13.5 s on one core, 8.8 -> 8.4 s at
# --jobs 2, the same peak memory (405 MB). The thresholds are raised too (GC_THRESHOLD), for code
# that turns the collector back on inside a run.
GC_THRESHOLD = (50_000, 20, 100)


def fewer_collections() -> None:
    """The collector's state for a check run: off, GC_THRESHOLD if turned on (a pool worker keeps
    it for its life)."""
    gc.set_threshold(*GC_THRESHOLD)
    gc.disable()


@contextlib.contextmanager
def collections_for_a_run() -> Iterator[None]:
    """`fewer_collections` while a run lasts, the caller's thresholds and collector state after
    (the editor server and the viewer live on)."""
    before = gc.get_threshold()
    was_enabled = gc.isenabled()
    fewer_collections()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if was_enabled:
            # the run's survivors are moved to the oldest generation first: turned on with
            # them all counted as young, the collector's next step walked every one at once
            # (0.3 s after corpus/real); a full collection of the caller (a server) sees them
            gc.freeze()
            gc.unfreeze()
            gc.enable()


# --- the pool ----------------------------------------------------------------------------------

_WORKER: FilePhase | None = None


def _init_worker(setup: WorkerSetup) -> None:
    global _WORKER
    fewer_collections()
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
    little text; otherwise in this process and a pool of `jobs - 1` workers."""
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
    results = _pooled(tasks, local, jobs - 1, progress)
    for i, task in enumerate(tasks):
        if results[i] is None:
            results[i] = local.check_file(task)
    return [r for r in results if r is not None]


# tasks queued per worker: enough that a worker never waits for this process to hand it the
# next file while it checks one itself
IN_FLIGHT = 3
# whether this process checks files too while the workers run (tests turn it off to see the
# workers alone give the same report)
MAIN_CHECKS_TOO = True


def _start_method() -> str:
    """ "fork" where forked.can_fork says it is safe (Linux, no other thread: a fork with a
    progress bar's refresh thread alive could copy a lock it holds): a forked worker starts with
    this process's imports, which a spawned one loads again; else "spawn", the same everywhere."""
    import multiprocessing

    from checker.core.forked import can_fork

    return "fork" if can_fork() and "fork" in multiprocessing.get_all_start_methods() else "spawn"


# A worker's result travels through one pipe that a thread of this process drains; with Linux's
# default 64 KB buffer, a result of a few MB is written in many pieces, and between two pieces the
# worker waits for that thread to get the GIL from this process's own checking (up to the 5 ms
# switch interval each time): at --jobs 2 on corpus/real, 5 s of the worker's wall went to sending
# 0.34 s of CPU. A pipe of 1 MB (Linux's limit for a user, /proc/sys/fs/pipe-max-size) takes most
# results in one write.
RESULT_PIPE_BYTES = 1 << 20


def _widen_result_pipe(pool: object) -> None:
    """The pool's result pipe made RESULT_PIPE_BYTES large where the platform allows (Linux); the
    default size elsewhere or on any refusal (a smaller limit): the results are the same."""
    try:
        import fcntl

        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError) as exc:
        log.debug("result pipe left at its size (%s)", exc)


def _pooled(
    tasks: Sequence[FileTask],
    local: FilePhase,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[FileResult | None]:
    """Phase 1 shared between this process and `workers` worker processes. This process checks
    files too (the smallest, from the end of the queue; the workers take the biggest first):
    it has imported and built everything already, and its results need no pickling (per
    spawned worker saved: ~1 s of start-up; per file: its records' pickling both ways, ~12% of its
    check). None where a worker failed (the caller checks those files in-process)."""
    # imported here: a run on one draft never starts a pool (~15 ms of its start)
    import concurrent.futures as cf
    import multiprocessing

    total = len(tasks)
    results: list[FileResult | None] = [None] * total
    pending = collections.deque(sorted(range(total), key=lambda i: -tasks[i].size))
    done = 0

    def finished(i: int, result: FileResult | None) -> None:
        nonlocal done
        results[i] = result
        done += 1
        if progress:
            progress(done, total)

    ctx = multiprocessing.get_context(_start_method())
    try:
        with cf.ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(local.setup,)
        ) as pool:
            _widen_result_pipe(pool)  # before the first submit starts the worker
            running: dict[cf.Future[FileResult], int] = {}

            def top_up() -> None:
                while pending and len(running) < workers * IN_FLIGHT:
                    i = pending.popleft()
                    running[pool.submit(_work, tasks[i])] = i

            def collect(timeout: float | None) -> None:
                ready, _ = cf.wait(list(running), timeout=timeout, return_when=cf.FIRST_COMPLETED)
                for fut in ready:
                    i = running.pop(fut)
                    try:
                        finished(i, fut.result())
                    except Exception as exc:
                        # a worker died (killed, out of memory) or its result did not travel:
                        # that file is checked again in-process by the caller
                        log.warning("a worker failed on %s (%s); checking it in-process", tasks[i].path, exc)
                        finished(i, None)

            top_up()
            while pending and MAIN_CHECKS_TOO:
                i = pending.pop()
                finished(i, local.check_file(tasks[i]))
                collect(0)
                top_up()
            while running:
                collect(None)
                top_up()
    except (OSError, cf.process.BrokenProcessPool) as exc:  # no pool at all (no semaphores, no fork)
        log.warning("no worker processes (%s); checking in-process", exc)
    return results


# --- a whole run -------------------------------------------------------------------------------


@collections_for_a_run()
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
    discovery: Discovery | None = None,
) -> tuple[Report | None, list[InputError], CacheStats]:
    """Discover, run phase 1 over every file (the archive's too), then phase 2. Input errors
    (any file) give no report: the caller exits 2 naming them. The collector's thresholds are
    the run's while it lasts (`collections_for_a_run`)."""
    from checker.core.archive import Archive, is_checked
    from checker.core.engine import select_rules
    from checker.input.discover import discover_files

    started = time.perf_counter()
    cfg, opts = engine.cfg, engine.opts
    errors: list[InputError] = []
    tasks: list[FileTask] = []
    disc = discovery or Discovery()
    try:
        for inp, conf in discover_files(paths, cfg, disc, stdin_name=stdin_name, notes=notes):
            if conf is not cfg:
                cfg.by_path[inp.path] = conf  # per-folder config: Config.for_path
            tasks.append(_task(inp, False))
    except InputError as exc:
        errors.append(exc)
    if archive_paths:
        # a file both checked and archived is read once, as checked (it would vouch for itself)
        # (stdin named by --stdin-filename counts: an editor's buffer replaces its stale file)
        read = frozenset(os.path.realpath(t.fs_path or t.path) for t in tasks if (t.fs_path or t.path) != "-")
        try:
            for inp, _conf in discover_files(
                archive_paths, cfg, dataclasses.replace(disc, per_folder=False), notes=notes
            ):
                if is_checked(inp.path, read):
                    if notes is not None:
                        notes.append(f"{inp.path}: checked and also given as archive; read once, as checked")
                    continue
                tasks.append(_task(inp, True))
        except InputError as exc:
            errors.append(exc)
    if cfg.by_path:
        engine.rules = select_rules(cfg, opts)  # several configs: the union of what they enable
    stats = CacheStats()
    key = ""
    if cache_path is not None:
        # here: sqlite3 and the cache's code are not loaded by a --no-cache run (a draft)
        from checker.core import resultcache

        try:
            resultcache.open_for_run(cache_path)
            key = resultcache.run_key(cfg, engine.rules, today=opts.today.isoformat(), online=opts.online)
        except resultcache.CacheUnusable as exc:
            warn(f"cache of unchanged files not used: {exc}")
            cache_path = None
    # CHECKER_LOG=debug asks why the rules decided: a stored run would answer without saying
    rerun = not logging.getLogger("checker").isEnabledFor(logging.DEBUG)
    if cache_path is not None and rerun and not opts.online and tasks and all(t.fs_path is not None for t in tasks):
        unchanged = _unchanged_run(engine, tasks, cache_path, key, started)
        if unchanged is not None:
            stats.hits = sum(1 for t in tasks if not t.archived)
            log.info("cache of unchanged files: %d read, 0 checked, 0 written (the whole run)", stats.hits)
            if opts.progress:
                opts.progress("files checked", len(tasks), len(tasks))
            return unchanged, [], stats
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
        from checker.core import resultcache

        items = [r.store for r in results if r.store is not None]
        failed = resultcache.store(cache_path, items)
        if failed:
            warn(f"cache of unchanged files not updated: {failed}")
        else:
            stats.written = len(items)
        log.info("cache of unchanged files: %d read, %d checked, %d written", stats.hits, stats.misses, stats.written)
    archive = Archive(list(archive_paths), [rec.doc for rec in archived_records]) if archive_paths else None
    # (online: the HTTP session's pool and threads stay in one process)
    processes = 1 if opts.online else corpus_processes(tasks, jobs)
    report = engine.finish(checked, archived_records, archive, started=started, processes=processes)
    if cache_path is not None and not opts.online and not report.crashes:
        _keep_run(engine, report, tasks, results, cache_path, key, warn)
    return report, [], stats


# --- the cache of unchanged runs (core/runcache.py) --------------------------------------------


def _unchanged_run(
    engine: Engine, tasks: Sequence[FileTask], cache_path: Path, key: str, started: float
) -> Report | None:
    """The report of the last run over exactly these inputs, from the cache; None to run."""
    from checker.core import runcache
    from checker.core.records import RecordError
    from checker.input.load import read_source

    sources: dict[str, SourceFile] = {}
    entries: list[tuple[str, bool, str]] = []
    for t in tasks:
        inp = InputFile(t.path, Path(t.fs_path) if t.fs_path is not None else None)
        try:
            src = read_source(inp, max_bytes=engine.cfg.for_path(t.path).max_file_size)
        except InputError:
            return None  # the run reports it
        entries.append((t.path, t.archived, src.text))
        if not t.archived:
            sources[t.path] = src
    value = runcache.lookup(cache_path, runcache.input_key(key, entries))
    if value is None:
        return None
    try:
        documents, active, suppressed = runcache.decode(value, sources, engine.opts.baseline)
    except RecordError as exc:
        log.info("cache of unchanged runs: a value of the wrong shape (%s); running", exc)
        return None
    return engine.report(documents, active, suppressed, started=started)


def _keep_run(
    engine: Engine,
    report: Report,
    tasks: Sequence[FileTask],
    results: Sequence[FileResult],
    cache_path: Path,
    key: str,
    warn: Callable[[str], None],
) -> None:
    """Store this run's findings for a rerun over the same inputs (the texts as phase 1 read them)."""
    from checker.core import runcache

    entries = []
    for t, r in zip(tasks, results, strict=True):
        if not r.records:
            return  # a file without documents: no text to key it by
        entries.append((t.path, t.archived, r.records[0].doc.source.text))
    value = runcache.encode(report.documents, engine.ordered)
    if value is None:
        return
    failed = runcache.store(cache_path, runcache.input_key(key, entries), value)
    if failed:
        warn(f"cache of unchanged files not updated: {failed}")


def _task(inp: InputFile, archived: bool) -> FileTask:
    if inp.fs_path is None:
        return FileTask(inp.path, None, archived)
    try:
        size = inp.fs_path.stat().st_size
    except OSError:
        size = 0  # the worker reports why it cannot be read
    return FileTask(inp.path, str(inp.fs_path), archived, size)
