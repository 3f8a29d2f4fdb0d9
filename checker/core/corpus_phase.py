"""The corpus rules' `check` of phase 2, split between this process and a forked child.

At `--jobs 2` the corpus phase used one core: the name rules (name.typo's setup over the run's
index, then its judgements, half of them in a child by `forked.split_map`) and, after them, the
other corpus rules. A corpus rule that reads no whole-run analysis (`reads_analyses == ()`:
number.conflict, the link rules) depends on nothing the others build, so those rules run
together in a forked child while this process runs the rest; their hits come back by pickle
and are put in the rules' order, so the findings are those of one process.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.core.forked import fork_call
from checker.core.model import Hit
from checker.core.records import RuleCrash
from checker.core.rule import CorpusRule, RunContext
from checker.input.documents import Document

Collected = dict[str, list[tuple[Document, object]]]


@dataclass
class RuleOutcome:
    """One corpus rule's check: its hits, its crash if it raised, its CPU seconds."""

    hits: list[Hit] = field(default_factory=list)
    crashes: list[RuleCrash] = field(default_factory=list)
    seconds: float = 0.0


def check_rule(rule: CorpusRule[Any], collected: Collected, ctx: RunContext) -> RuleOutcome:
    """One rule's `check`; a crash is recorded (and fails the run), never raised."""
    out = RuleOutcome()
    started = time.perf_counter()
    try:
        out.hits = list(rule.check(collected[rule.meta.id], ctx))
    except Exception as exc:  # a crashing rule must fail the run loudly, not pass it
        out.crashes.append(RuleCrash(rule.meta.id, "(corpus)", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    out.seconds = time.perf_counter() - started
    return out


def independent(rules: Sequence[CorpusRule[Any]]) -> list[int]:
    """The positions of the rules that may run in a child: those that read no whole-run analysis,
    when some rule that reads one stays here (else there is nothing to run beside them)."""
    free = [n for n, r in enumerate(rules) if r.reads_analyses == ()]
    return free if 0 < len(free) < len(rules) else []


def check_corpus_rules(
    rules: Sequence[CorpusRule[Any]],
    collected: Collected,
    ctx: RunContext,
    after: Callable[[int], None] = lambda _n: None,
) -> list[RuleOutcome]:
    """Every rule's outcome, in the rules' order. `after(n)` is called once rule n has run here
    (the engine frees the analyses no later rule reads)."""
    aside = independent(rules) if ctx.processes > 1 else []
    outcomes: dict[int, RuleOutcome] = {}
    if not aside:
        for n, rule in enumerate(rules):
            outcomes[n] = check_rule(rule, collected, ctx)
            after(n)
        return [outcomes[n] for n in range(len(rules))]
    # the child's share starts first: it runs while this process builds the name index
    child = fork_call(lambda: [check_rule(rules[n], collected, ctx) for n in aside], processes=ctx.processes)
    try:
        for n, rule in enumerate(rules):
            if n not in aside:
                outcomes[n] = check_rule(rule, collected, ctx)
                after(n)
    except BaseException:
        child.discard()
        raise
    outcomes.update(zip(aside, child.result(), strict=True))
    return [outcomes[n] for n in range(len(rules))]
