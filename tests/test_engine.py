"""Engine behaviour that needs a rule of its own: a crashing rule fails the run loudly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import cli
from checker.core import engine
from checker.core.model import Hit, Severity
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document


class Boom(DocumentRule):
    """A rule that raises."""

    meta = RuleMeta("test.boom", Severity.WARNING, "raises")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        raise RuntimeError("kaboom")


def test_a_rule_that_raises_exits_2_naming_rule_and_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "a.md"
    p.write_text("text\n", encoding="utf-8")
    monkeypatch.setattr(engine, "select_rules", lambda cfg, opts: [Boom()])
    code = cli.main(["check", str(p), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "test.boom" in err and "a.md" in err and "kaboom" in err
