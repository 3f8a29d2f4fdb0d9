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
