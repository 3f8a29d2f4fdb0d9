"""core/forked.py: half of a corpus-phase loop in a forked child, the same results either way."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.core import forked

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="the corpus phase forks only on Linux")


@pytest.fixture
def no_other_thread() -> None:
    if threading.active_count() != 1:
        pytest.skip("another thread of the test session is alive: no fork")


def squares_with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(i * i, os.getpid()) for i in items]


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_the_second_half_runs_in_a_child_and_comes_back_in_order() -> None:
    items = list(range(200))
    out = forked.split_map(items, squares_with_pid, processes=2)
    assert [v for v, _ in out] == [i * i for i in items]
    pids = [p for _, p in out]
    assert set(pids[:100]) == {os.getpid()}
    assert len(set(pids[100:])) == 1 and pids[100] != os.getpid()


def test_one_process_or_few_items_never_fork() -> None:
    items = list(range(200))
    assert {p for _, p in forked.split_map(items, squares_with_pid, processes=1)} == {os.getpid()}
    few = list(range(10))
    assert {p for _, p in forked.split_map(few, squares_with_pid, processes=2)} == {os.getpid()}


def test_no_fork_while_another_thread_lives() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        out = forked.split_map(list(range(200)), squares_with_pid, processes=2)
    finally:
        stop.set()
        other.join()
    assert {p for _, p in out} == {os.getpid()}


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_a_failing_child_half_is_done_here_with_the_same_results() -> None:
    parent = os.getpid()

    def fails_in_the_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child's half fails")
        return [i + 1 for i in items]

    assert forked.split_map(list(range(100)), fails_in_the_child, processes=2) == list(range(1, 101))


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_an_error_in_this_half_reaps_the_child(tmp_path: Path) -> None:
    parent = os.getpid()
    child_pid = tmp_path / "child.pid"

    def fails_here(items: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("this half fails")
        child_pid.write_text(str(os.getpid()))
        return list(items)

    with pytest.raises(ValueError):
        forked.split_map(list(range(100)), fails_here, processes=2)
    with pytest.raises(ChildProcessError):  # that child was waited for: no zombie left behind
        os.waitpid(int(child_pid.read_text()), os.WNOHANG)


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_a_weight_cuts_where_half_of_the_work_lies() -> None:
    # the first 20 items weigh 9 each, the other 180 one each: half of the weight (180 of 360)
    # is reached with the 20th item, so the child takes the 180 light ones
    items = list(range(200))
    out = forked.split_map(items, squares_with_pid, processes=2, weight=lambda i: 9 if i < 20 else 1)
    assert [v for v, _ in out] == [i * i for i in items]
    pids = [p for _, p in out]
    assert set(pids[:20]) == {os.getpid()}
    assert len(set(pids[20:])) == 1 and pids[20] != os.getpid()


def test_the_cut_leaves_neither_part_empty() -> None:
    items = list(range(100))
    assert forked._half(items, None) == 50
    assert forked._half(items, lambda i: 1000 if i == 0 else 0) == 1  # all the weight in the first
    assert forked._half(items, lambda i: 1000 if i == 99 else 0) == 99  # all of it in the last
    assert forked._half(items, lambda i: 0) == 1  # no weight at all: the first item reaches "half"


def test_a_small_input_keeps_the_corpus_phase_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.core import runner
    from checker.core.phases import FileTask

    small = [FileTask("a.md", "a.md", size=400_000), FileTask("b.md", "b.md", size=100_000)]
    assert runner.corpus_processes(small, 2) == 1
    big = [*small, FileTask("c.md", "c.md", size=600_000)]
    assert runner.corpus_processes(big, 2) == 2
    assert runner.corpus_processes(big, 1) == 1
    monkeypatch.setattr(runner, "CORPUS_FORK_MIN_BYTES", 0)
    assert runner.corpus_processes(small, 3) == 3
