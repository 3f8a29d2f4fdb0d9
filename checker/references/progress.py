"""Progress of long online runs: a rich bar on stderr, only on a terminal, never with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol, TextIO


class Progress(Protocol):
    def advance(self) -> None: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[str, int], Progress]


class NullProgress:
    def advance(self) -> None:
        return None

    def close(self) -> None:
        return None


def null_progress(description: str, total: int) -> Progress:
    return NullProgress()


class RichProgress:
    """One rich progress bar (created per batch of look-ups, closed when it is done)."""

    def __init__(self, description: str, total: int, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichBar

        self._bar = RichBar(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self._task = self._bar.add_task(description, total=total)
        self._bar.start()

    def advance(self) -> None:
        self._bar.advance(self._task)

    def close(self) -> None:
        self._bar.stop()


def progress_factory(*, quiet: bool, stream: TextIO | None = None, minimum: int = 5) -> ProgressFactory:
    """A rich bar on a terminal (for batches of at least `minimum` look-ups), else nothing."""
    out = stream or sys.stderr
    if quiet or not getattr(out, "isatty", lambda: False)():
        return null_progress

    def make(description: str, total: int) -> Progress:
        if total < minimum:
            return NullProgress()
        return RichProgress(description, total, out)

    return make
