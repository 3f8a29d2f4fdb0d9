"""The entry of a checker process (the console script and `python -m checker`).

Loading checker's modules allocates some hundred thousand objects that live until the process
ends (functions, classes, patterns, word lists); with the collector's default first-generation
threshold (700) it walked them about 80 times while they loaded (~5 ms of a one-draft run's
~0.3 s of CPU), to free nothing. The threshold is raised while `checker.cli` loads and restored
after: a check run then sets its own (checker/core/runner.py), the editor server and the viewer
keep the default. After `main`, every object alive is moved to the collector's permanent
generation: the process ends next, and the collections run at shutdown would traverse them all
once more (~0.04 s of a draft). The objects the CLI's import made are frozen the same way as
soon as it is loaded (they live as long). Then the process ends without the interpreter's teardown
(`_end_now`: output flushed and atexit handlers run first). Not in `cli.main`: tests call that
in-process.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading

_LOADING_THRESHOLD = (100_000, 20, 100)


def process_main() -> int:
    before = gc.get_threshold()
    gc.set_threshold(*_LOADING_THRESHOLD)
    try:
        from checker import cli
    finally:
        # what the CLI's modules allocated lives until the process ends: frozen, never walked by
        # a collection (the first ones after the restored threshold walked all of it, ~3-5 ms)
        gc.freeze()
        gc.set_threshold(*before)
    code = cli.main()
    gc.freeze()
    _end_now(code)
    return code  # (where the process could not end at once: the interpreter's usual exit)


def _end_now(code: int) -> None:
    """End the process without the interpreter's teardown, which frees every module and object
    one by one for nothing: 0.08 s of the seeds' ~1.05 s of CPU (0.17 s of wall on a busy
    machine). What an exit must do is done first: the output flushed, the atexit handlers run
    (the lexicon store and the regex programs are saved there, logging is flushed). Not while
    another thread lives (the interpreter's exit joins it), nor when the output cannot be
    flushed (the usual exit then reports it as before)."""
    if threading.active_count() != 1 or not 0 <= code <= 255:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()  # (each handler's error is printed, as at the usual exit)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    finally:
        os._exit(code)
