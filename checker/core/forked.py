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
import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeVar

log = logging.getLogger("checker.forked")

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Fork copies every lock as it stands: only on Linux, with no other thread alive."""
    return sys.platform == "linux" and threading.active_count() == 1 and hasattr(os, "fork")


def split_map(
    items: Sequence[T], work: Callable[[Sequence[T]], list[R]], *, processes: int, min_items: int = 64
) -> list[R]:
    """`work(items)`, with the second half of `items` done by a forked child when the run may use
    two processes or more (`processes`, the run's --jobs). `work` must be a pure function of its
    items: its results in item order, and no effect on this process that a later step reads
    (the child's effects stay in the child)."""
    if processes < 2 or len(items) < min_items or not can_fork():
        return work(items)
    half = len(items) // 2
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:
        log.info("no pipe for the corpus phase (%s): one process", exc)
        return work(items)
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        log.info("no fork for the corpus phase (%s): one process", exc)
        return work(items)
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        _child(read_end, write_end, lambda: work(items[half:]))
    os.close(write_end)
    payload = b""
    try:
        first = work(items[:half])
        with os.fdopen(read_end, "rb", closefd=False) as inp:
            payload = inp.read()
    finally:
        # on an error here the closed pipe ends the child's write: it exits and is reaped
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        log.warning("the forked half of a corpus-phase loop failed: done in this process")
        return first + work(items[half:])
    second: list[R] = pickle.loads(payload)  # written by this run's own child, never a file
    return first + second


def _child(read_end: int, write_end: int, work: Callable[[], list[R]]) -> NoReturn:  # pragma: no cover
    """The child: its half pickled into the pipe, then gone at once (no clean-up handlers, no
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
