"""The entry of a checker process (the console script and `python -m checker`).

Loading checker's modules allocates some hundred thousand objects that live until the process
ends (functions, classes, patterns, word lists); with the collector's default first-generation
threshold (700) it walked them about 80 times while they loaded (~5 ms of a one-draft run's
~0.3 s of CPU), to free nothing. The threshold is raised while `checker.cli` loads and restored
after: a check run then sets its own (checker/core/runner.py), the editor server and the viewer
keep the default. After `main`, every object alive is moved to the collector's permanent
generation: the process ends next, and the collections run at shutdown would traverse them all
once more (~0.04 s of a draft). The objects the CLI's import made are frozen the same way as
soon as it is loaded (they live as long). Objects are still released by reference counting and atexit
handlers still run. Not in `cli.main`: tests call that in-process.
"""

from __future__ import annotations

import gc

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
    return code
