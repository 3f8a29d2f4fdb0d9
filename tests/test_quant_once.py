"""Work the number.conflict path does once: the crowded figures of a document, a disagreeing
statement per conflict, and a quantity record made without per-field setattr."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from checker.rules.number.conflict import ConflictOptions

from checker.core.model import Span
from checker.extract.quantities import conflicts, statements
from checker.extract.quantities.recognise import Quantity, extract_quantities
from checker.extract.quantities.restated import told
from checker.extract.quantities.statements import Statement, crowded_of
from checker.input.documents import Document

from .fixtures import one_document


def _doc(tmp_path: Path, text: str) -> Document:
    return one_document(tmp_path, text, "a.md")


def _statement(i: int, doc: str = "d") -> Statement:
    return Statement(
        doc_id=doc,
        path=f"{doc}.md",
        archived=False,
        line=1,
        span=Span(i, i + 3),
        text=str(i),
        quote=str(i),
        subject="deepseek-v3",
        subject_words="DeepSeek-V3",
        subject_source="clause",
        measure="training-cost",
        measure_words="訓練成本",
        measure_source="clause",
        qualifier=None,
        time=None,
        unit="USD",
        low=i - 0.5,
        high=i + 0.5,
        value=float(i),
        kind="value",
        zone="body",
        sentence=(0, 0),
        forecast=False,
        published=None,
        confidence=0.9,
    )


def test_crowded_is_found_once_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc(tmp_path, "以超过$500亿估值进行$20亿融资，DeepSeek-V3 的訓練成本為 550 萬美元。\n")
    calls = 0
    real = statements.crowded

    def counting(qs: list[Quantity]) -> set[int]:
        nonlocal calls
        calls += 1
        return real(qs)

    monkeypatch.setattr(statements, "crowded", counting)
    statements.statements(doc, 0.8)
    told(doc)
    assert calls == 1
    # and it is what crowded() says of the document's quantities: the two money figures side by side
    assert crowded_of(doc) == real(doc.cached("quantities", extract_quantities))
    assert len(crowded_of(doc)) == 2


def test_a_disagreeing_statement_is_listed_once() -> None:
    """The same statement (or an equal one) added twice to a conflict is one piece of evidence."""
    finder = conflicts.Finder(ConflictOptions())
    a, b = _statement(1, "a"), _statement(5, "b")
    finder.add(0, 1, a, b, "value")
    finder.add(0, 1, a, dataclasses.replace(b), "change")  # equal, not the same object
    finder.add(0, 2, a, _statement(9, "c"), "change")
    assert [s.value for s in finder.found[0].others] == [5.0, 9.0]
    assert finder.found[0].reason == "value"  # the first reason stays
    assert finder.found[1].others == [a]


def test_quantities_are_plain_records_that_variants_copy(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "DeepSeek-V3 的訓練成本為 550 萬美元。\n")
    (q,) = [q for q in extract_quantities(doc) if q.unit == "USD"]
    listed = dataclasses.replace(q, role="list")
    assert listed.role == "list" and q.role == "value"  # the original is left as it was
    assert q.value == pytest.approx(5.5e6) and q.low < q.value < q.high
