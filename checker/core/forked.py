"""Part of a corpus-phase loop in a forked child process, while this process does the rest.

The corpus phase (`Engine.finish`) runs in the main process after every document is read: at
`--jobs 2` the other core idles through it. A loop over documents whose per-document work
reads only what is already built (name.typo's judgement of each document against the run's
index) can give its second half to a forked child: the child starts with everything in memory
(no pickling of the index, which would cost more than the work) and sends back only its
results. Where fork is not safe (another platform, another thread alive) or fails, the whole
loop runs here: the results are the same either way.

The pickle read here comes from this run's own child through a pipe, never from a file.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, NoReturn, TypeVar

log = logging.getLogger("checker.forked")

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Fork copies every lock as it stands: only on Linux, with no other thread alive."""
    return sys.platform == "linux" and threading.active_count() == 1 and hasattr(os, "fork")


def split_map(
    items: Sequence[T],
    work: Callable[[Sequence[T]], list[R]],
    *,
    processes: int,
    min_items: int = 64,
    weight: Callable[[T], int] | None = None,
) -> list[R]:
    """`work(items)`, with the second half of `items` done by a forked child when the run may use
    two processes or more (`processes`, the run's --jobs). `work` must be a pure function of its
    items: its results in item order, and no effect on this process that a later step reads
    (the child's effects stay in the child). `weight`: an item's share of the work, so that
    the halves take about as long (else they hold as many items)."""
    if processes < 2 or len(items) < min_items or not can_fork():
        return work(items)
    half = _half(items, weight)
    second = fork_call(lambda: work(items[half:]), processes=processes)
    try:
        first = work(items[:half])
    except BaseException:
        second.discard(kill=False)  # the child finishes its half, then is reaped
        raise
    return first + second.result()


def _half(items: Sequence[T], weight: Callable[[T], int] | None) -> int:
    """Where `split_map` cuts `items`: where the first part reaches half of the total weight (the
    first half of corpus/real holds 1.5 times the names of the second: by count, this process
    judged for 0.45 s while the child was done after 0.33 s), never leaving a part empty."""
    if weight is None:
        return len(items) // 2
    weights = [weight(item) for item in items]
    total, run = sum(weights), 0
    for n, w in enumerate(weights):
        run += w
        if 2 * run >= total:
            return min(max(n + 1, 1), len(items) - 1)
    return len(items) // 2


class Forked(Generic[R]):
    """`work()` started in a forked child (`fork_call`); `result()` gives its value, computed
    here instead when there was no child or the child failed."""

    def __init__(self, work: Callable[[], R], pid: int = 0, read_end: int = -1) -> None:
        self._work = work
        self._pid = pid  # 0: no child, `result()` runs the work here
        self._read_end = read_end

    @property
    def in_child(self) -> bool:
        return self._pid != 0

    def result(self) -> R:
        if self._pid == 0:
            return self._work()
        payload = b""
        try:
            with os.fdopen(self._read_end, "rb", closefd=False) as inp:
                payload = inp.read()
        finally:
            os.close(self._read_end)
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
        if os.waitstatus_to_exitcode(status) == 0 and payload:
            with contextlib.suppress(Exception):
                value: R = pickle.loads(payload)  # written by this run's own child, never a file
                return value
        log.warning("a forked part of the corpus phase failed: done in this process")
        return self._work()

    def discard(self, *, kill: bool = True) -> None:
        """No result wanted (this process failed meanwhile): the child is ended (or, `kill=False`,
        left to finish, its write ending on a broken pipe) and reaped."""
        if self._pid == 0:
            return
        os.close(self._read_end)  # the child's write ends with a broken pipe
        if kill:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = 0


def fork_call(work: Callable[[], R], *, processes: int) -> Forked[R]:
    """Start `work()` in a forked child while this process goes on with something else (the
    corpus rules that read no whole-run analysis, beside the name rules). The same contract as
    `split_map`'s `work`: a pure function whose value comes back by pickle; one process, no
    safe fork or a failed child: it runs in this process when `result()` is asked."""
    if processes < 2 or not can_fork():
        return Forked(work)
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:
        log.info("no pipe for the corpus phase (%s): one process", exc)
        return Forked(work)
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        log.info("no fork for the corpus phase (%s): one process", exc)
        return Forked(work)
    if pid == 0:  # pragma: no cover - the child
        # a collection here would walk (and copy, page by page) the parent's whole heap; the
        # child lives for one piece of work and its garbage goes with it
        gc.disable()
        _child(read_end, write_end, work)
    os.close(write_end)
    return Forked(work, pid, read_end)


def _child(read_end: int, write_end: int, work: Callable[[], object]) -> NoReturn:  # pragma: no cover
    """The child: its value pickled into the pipe, then gone at once (no clean-up handlers, no
    flush of buffers it shares with the parent)."""
    code = 0
    try:
        os.close(read_end)
        payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(BrokenPipeError), os.fdopen(write_end, "wb") as out:
            out.write(payload)
    except BaseException:  # any failure: the parent does this half itself
        code = 1
    os._exit(code)
