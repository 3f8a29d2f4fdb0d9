"""One parametrised test for every should-flag / should-pass case in tests/rules/*.toml.

Each case lists the findings it expects (`expect`): every expectation must be met by a
distinct finding, and there must be no other finding of the rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.core import registry
from checker.core.fixes import declared_fix
from checker.core.model import Finding

from .fixtures import FIXTURE_DIR, Case, all_cases, load_cases, run_case

CASES = all_cases()


def _matches(f: Finding, exp: dict[str, Any]) -> bool:
    checks = {
        "match": lambda v: f.text == v,
        "document": lambda v: f.path == v or f.document.endswith(v),
        "line": lambda v: f.location.line == v,
        "column": lambda v: f.location.column == v,
        "suggestion": lambda v: f.suggestion == v,
        "message_contains": lambda v: v in f.message,
        "evidence_contains": lambda v: any(
            v in (e.detail + " " + (e.path or "") + " " + (e.document or "") + " " + (e.url or "")) for e in f.evidence
        ),
        "verdict": lambda v: f.verdict is not None and f.verdict.value == v,
        "severity": lambda v: f.severity.label == v,
        # `fix = "text"`: the finding's fix puts this text in place; `fix = false`: no fix
        "fix": lambda v: f.fix is None if v is False else f.fix is not None and f.fix.replacement == v,
        "fix_applicability": lambda v: f.fix is not None and f.fix.applicability.value == v,
    }
    for key, value in exp.items():
        if key not in checks:
            raise KeyError(f"unknown expectation key {key!r}")
        if not checks[key](value):
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    if case.online:
        pytest.skip("online case: run against the loopback fixture server by tests/test_references_rules.py")
    report = run_case(case, tmp_path)
    found = [f for f in report.findings if f.rule == case.rule]
    unmatched = list(found)
    for exp in case.expect:
        hit = next((f for f in unmatched if _matches(f, exp)), None)
        assert hit is not None, f"expected {exp}, got {[(f.text, f.message) for f in unmatched]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {[(f.text, f.location.line, f.message) for f in unmatched]}"
    _fixes_as_declared(case.rule, found)


def _fixes_as_declared(rule_id: str, found: list[Finding]) -> None:
    """Every fix a rule makes has the safety its docstring's Fix section declares."""
    declared = declared_fix(registry.get_rule(rule_id).doc_section("Fix"))
    for f in found:
        if f.fix is None:
            continue
        assert declared != "none", f"{rule_id} declares no fix but fixed {f.text!r}"
        assert f.fix.applicability.value in declared, f"{rule_id} declares {declared}, made {f.fix.applicability}"


def test_every_rule_with_a_fix_shows_it_in_a_fixture() -> None:
    shown: set[str] = set()
    for path in FIXTURE_DIR.glob("*.toml"):
        for case in load_cases(path):
            if any(isinstance(e.get("fix"), str) for e in case.expect):
                shown.add(case.rule)
    for rule in registry.all_rules():
        if declared_fix(rule.doc_section("Fix")) != "none" and not rule.meta.online:
            assert rule.meta.id in shown, f"{rule.meta.id}: no fixture case with `fix = ...` in tests/rules"


def test_every_rule_has_flag_and_pass_cases() -> None:
    by_rule: dict[str, list[Case]] = {}
    for path in FIXTURE_DIR.glob("*.toml"):
        for case in load_cases(path):
            by_rule.setdefault(case.rule, []).append(case)
    for rid in registry.rule_ids():
        cases = by_rule.get(rid, [])
        assert any(c.expect for c in cases), f"{rid}: no should-flag case in tests/rules/{rid}.toml"
        assert any(not c.expect for c in cases), f"{rid}: no should-pass case in tests/rules/{rid}.toml"
