"""The corpus phase frees a whole-run analysis once no corpus rule still to run reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import pytest

from checker.core.analysis import CorpusAnalysis
from checker.core.engine import release_unread
from checker.core.model import Hit, Severity
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.input.documents import Document


class Counted:
    builds = 0

    @classmethod
    def build(cls, documents: Sequence[Document], ctx: RunContext) -> Counted:
        cls.builds += 1
        return cls()


class Other(Counted):
    pass


def _rule(reads: tuple[type, ...] | None) -> CorpusRule[Any]:
    class R(CorpusRule[None]):
        meta: ClassVar[RuleMeta] = RuleMeta("test.reads", Severity.INFO, "reads analyses")
        reads_analyses = reads

        def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> None:
            return None

        def check(self, collected: list[tuple[Document, None]], ctx: RunContext) -> Iterable[Hit]:
            return []

    return R()


@pytest.mark.parametrize(
    ("later", "rebuilt"),
    [
        ([], True),  # no rule left: freed
        ([_rule(())], True),  # the rules left read nothing
        ([_rule((Other,))], True),  # ... or only another analysis
        ([_rule((Counted,))], False),  # one still reads it: kept
        ([_rule(()), _rule(None)], False),  # one has not said what it reads: everything kept
    ],
)
def test_an_analysis_is_freed_when_no_later_rule_reads_it(later: list[CorpusRule[Any]], rebuilt: bool) -> None:
    ctx = RunContext(today=dt.date(2026, 1, 1))
    analyses = CorpusAnalysis()
    Counted.builds = 0
    first = analyses.get(Counted, ctx)
    release_unread(analyses, later)
    again = analyses.get(Counted, ctx)
    assert (again is not first) == rebuilt
    assert Counted.builds == (2 if rebuilt else 1)
