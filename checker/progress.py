"""The progress of a `checker check` run: rich bars on stderr (files read, documents checked,
look-ups done), shown only on a terminal, only without --quiet, and only once the run has
lasted about a second, so that quick runs and CI logs print nothing but the report."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported when a bar is first shown: a CI run or a quick one never pays for it
    from rich.progress import Progress, TaskID

LABELS = {"files": "files read", "documents": "documents checked", "lookups": "look-ups done"}
DELAY_S = 1.0


class RunProgress:
    """Call it as `progress(kind, n, total)` (RunOptions.progress); `lookups` is a factory in
    the shape checker/references/progress.py expects, so that look-ups share the same bars
    (two live displays on one stderr would overwrite each other)."""

    def __init__(self, stream: TextIO, *, enabled: bool, delay_s: float = DELAY_S) -> None:
        self.stream = stream
        self.enabled = enabled
        self.delay_s = delay_s
        self.started = time.monotonic()
        self._state: dict[str, tuple[int, int]] = {}  # label -> (done, total)
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_terminal(cls, stream: TextIO, *, quiet: bool) -> RunProgress:
        tty = bool(getattr(stream, "isatty", lambda: False)())
        return cls(stream, enabled=tty and not quiet)

    def __call__(self, kind: str, n: int, total: int) -> None:
        self.update(LABELS.get(kind, kind), n, total)

    def update(self, label: str, n: int, total: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._state[label] = (n, total)
            if self._bar is None and time.monotonic() - self.started < self.delay_s:
                return
            self._show()

    def _show(self) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,  # the bars go away; the report stays
            )
            self._bar.start()
        for label, (n, total) in self._state.items():
            if label not in self._tasks:
                self._tasks[label] = self._bar.add_task(label, total=total)
            self._bar.update(self._tasks[label], completed=n, total=total)

    def lookups(self, description: str, total: int) -> _Lookups:
        return _Lookups(self, description, total)

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


class _Lookups:
    """One batch of look-ups as a task of the shared bars (advance/close, thread-safe)."""

    def __init__(self, owner: RunProgress, description: str, total: int) -> None:
        self.owner = owner
        self.label = f"{LABELS['lookups']}: {description}"
        self.total = total
        self.done = 0
        self._lock = threading.Lock()

    def advance(self) -> None:
        with self._lock:
            self.done += 1
            done = self.done
        self.owner.update(self.label, done, self.total)

    def close(self) -> None:
        return None
