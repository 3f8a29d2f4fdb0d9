"""core/corpus_phase.py and forked.fork_call: the corpus rules that read no whole-run analysis run
in a forked child at --jobs 2; the outcomes are those of one process, a failing child costs no
hang and no result."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from checker.core import corpus_phase, forked, shipping
from checker.core.config import Config
from checker.core.engine import Engine, RunOptions
from checker.core.model import Hit, Severity, Span
from checker.core.phases import FilePhase, FileResult, FileTask, WorkerSetup
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.input.documents import Document

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="the corpus phase forks only on Linux")


@pytest.fixture
def no_other_thread() -> None:
    if threading.active_count() != 1:
        pytest.skip("another thread of the test session is alive: no fork")


PARENT = os.getpid()


class _Rule(CorpusRule[None]):
    """A corpus rule whose hits say which process ran it (message: rule id, `here` or `child`)."""

    meta: ClassVar[RuleMeta] = RuleMeta("test.free", Severity.INFO, "reads nothing")
    reads_analyses: ClassVar[tuple[type, ...] | None] = ()
    fail_in_child: ClassVar[str] = ""  # "exit": dies in a child; "always": raises anywhere

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> None:
        return None

    def check(self, collected: list[tuple[Document, None]], ctx: RunContext) -> Iterator[Hit]:
        where = "here" if os.getpid() == PARENT else "child"
        if where == "child" and self.fail_in_child == "exit":
            os._exit(3)  # the child dies without a word
        if self.fail_in_child == "always":
            raise ValueError(f"{self.meta.id} fails")
        for n in range(3):
            yield Hit(Span(n, n + 1), f"{self.meta.id} {where}")


def _rule(rid: str, reads: tuple[type, ...] | None, fail: str = "") -> _Rule:
    cls = type(
        "R",
        (_Rule,),
        {"meta": RuleMeta(rid, Severity.INFO, "test"), "reads_analyses": reads, "fail_in_child": fail},
    )
    return cls()


def _run(rules: list[_Rule], processes: int) -> list[corpus_phase.RuleOutcome]:
    ctx = RunContext(today=dt.date(2026, 1, 1), processes=processes)
    after: list[int] = []
    out = corpus_phase.check_corpus_rules(rules, {r.meta.id: [] for r in rules}, ctx, after=after.append)
    # the engine frees analyses after each rule this process ran, in order
    assert after == sorted(after) and all(rules[n].reads_analyses != () or processes == 1 for n in after)
    return out


def _messages(outcomes: list[corpus_phase.RuleOutcome]) -> list[list[str]]:
    return [[h.message for h in o.hits] for o in outcomes]


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_rules_reading_no_analysis_run_in_a_child_and_come_back_in_rule_order() -> None:
    rules = [_rule("a.free", ()), _rule("b.names", None), _rule("c.free", ()), _rule("d.names", (int,))]
    two = _run(rules, 2)
    assert _messages(two) == [
        ["a.free child"] * 3,
        ["b.names here"] * 3,
        ["c.free child"] * 3,
        ["d.names here"] * 3,
    ]
    one = _run(rules, 1)
    assert [[m.replace(" child", " here") for m in ms] for ms in _messages(two)] == _messages(one)
    assert [[h.span for h in o.hits] for o in two] == [[h.span for h in o.hits] for o in one]


def test_one_process_or_nothing_to_run_beside_keeps_everything_here() -> None:
    rules = [_rule("a.free", ()), _rule("b.names", None)]
    assert _messages(_run(rules, 1)) == [["a.free here"] * 3, ["b.names here"] * 3]
    # every rule free of analyses: nothing would run beside the child's share
    assert corpus_phase.independent([_rule("a.free", ()), _rule("c.free", ())]) == []
    assert corpus_phase.independent([_rule("a.free", ()), _rule("b.names", None)]) == [0]


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_a_rule_raising_in_the_child_is_a_crash_as_in_one_process() -> None:
    rules = [_rule("a.free", (), fail="always"), _rule("b.names", None)]
    for processes in (1, 2):
        out = _run(rules, processes)
        assert [c.rule for c in out[0].crashes] == ["a.free"]
        assert "ValueError: a.free fails" in out[0].crashes[0].error
        assert out[0].hits == [] and _messages(out)[1] == ["b.names here"] * 3


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_a_child_that_dies_is_redone_here() -> None:
    rules = [_rule("a.free", (), fail="exit"), _rule("b.names", None)]
    out = _run(rules, 2)
    assert _messages(out) == [["a.free here"] * 3, ["b.names here"] * 3]
    assert out[0].crashes == []


def _pid() -> int:
    return os.getpid()


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_fork_call_runs_in_a_child_or_here() -> None:
    started = forked.fork_call(_pid, processes=2)
    assert started.in_child
    assert started.result() != os.getpid()
    assert forked.fork_call(_pid, processes=1).result() == os.getpid()


@needs_fork
@pytest.mark.usefixtures("no_other_thread")
def test_a_big_value_travels_and_a_discarded_child_is_reaped(tmp_path: Path) -> None:
    big = forked.fork_call(lambda: ["x" * 1000 for _ in range(1000)], processes=2)  # past a pipe's buffer
    assert big.result() == ["x" * 1000 for _ in range(1000)]
    marker = tmp_path / "pid"

    def blocks() -> list[str]:
        marker.write_text(str(os.getpid()))
        return ["y" * 1000 for _ in range(1000)]  # its write blocks: nobody reads

    waiting = forked.fork_call(blocks, processes=2)
    for _ in range(500):
        if marker.exists() and marker.read_text():
            break
        __import__("time").sleep(0.01)
    child = int(marker.read_text())
    waiting.discard()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped: no such child any more


# --- a worker's result as it travels (core/shipping.py) ------------------------------------------

ARTICLE = """# OpenAI 发布 GPT-5

OpenAI 今天发布了 GPT-5，Anthropic 的 Claude Opus 4.1 与 Google 的 Gemini 2.5 Pro 随后跟进。
“Claude Code” 的用户说 DeepSeek-V3 也很强；Mistral Large 2 和 Llama 3.1 405B 没有更新。
"""


def _file_result(tmp_path: Path) -> FileResult:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    cfg = Config(root=tmp_path)
    opts = RunOptions(today=dt.date(2026, 1, 1))
    setup = WorkerSetup(cfg, opts.today, False, None, [])
    phase = FilePhase(Engine(cfg, opts).document_work(), setup)
    return phase.check_file(FileTask("a.md", str(path)))


def test_a_result_travels_with_its_names_as_columns_and_arrives_equal(tmp_path: Path) -> None:
    result = _file_result(tmp_path)
    (rec,) = result.records
    names = rec.doc.cached_value("names")
    assert isinstance(names, list) and len(names) >= 5  # the article's names were extracted
    slots = [n for n, (_rid, value) in enumerate(rec.collected) if value is names]
    assert slots  # name.unverified collects the document's own list
    columns = shipping.pack_mentions(names)
    assert columns is not None and len(columns[0]) == len(names)

    back: FileResult = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    (got,) = back.records
    assert got.doc.cached_value("names") == names
    assert [type(m) for m in got.doc.cached_value("names")] == [type(m) for m in names]
    assert all(got.collected[n][1] is got.doc.cached_value("names") for n in slots)
    assert [rid for rid, _ in got.collected] == [rid for rid, _ in rec.collected]
    assert got.hits == rec.hits and got.doc.segments == rec.doc.segments
    assert got.doc._cache.keys() == rec.doc._cache.keys()
    # the worker's own objects are untouched by the packing
    assert rec.doc.cached_value("names") is names and all(rec.collected[n][1] is names for n in slots)


def test_mentions_of_another_type_travel_as_they_are() -> None:
    assert shipping.pack_mentions([("not", "a", "mention")]) is None
