"""The per-finding fast paths of the report write exactly what the plain expressions wrote."""

from __future__ import annotations

import json
import math
import random

from checker.core import model
from checker.core.model import Applicability, Evidence, Finding, Fix, Location, Severity, Span, Verdict


def test_rounded_confidences_are_round_to_three_places_every_time() -> None:
    rng = random.Random(3)
    values: list[float] = [0.8, 0.85, 0.9, 0.95, 1.0, 0.0, -0.0, 0.12345, 0.0005, 2 / 3]
    values += [rng.random() for _ in range(5000)]
    for _ in range(2):  # the second pass reads the table
        for x in values:
            got, want = model._round3(x), round(x, 3)
            assert repr(got) == repr(want), x
    # an int and the equal float, -0.0 and 0.0 keep their own forms
    assert repr(model._round3(1)) == "1" and repr(model._round3(1.0)) == "1.0"
    assert repr(model._round3(-0.0)) == "-0.0" and repr(model._round3(0.0)) == "0.0"
    assert math.isnan(model._round3(float("nan")))
    assert len(model._ROUNDED) <= 4096


def test_finding_dict_holds_the_enum_values() -> None:
    for verdict in Verdict:
        for applicability in Applicability:
            f = Finding(
                rule="date.weekday",
                severity=Severity.ERROR,
                path="a.md",
                document="a.md",
                span=Span(0, 3),
                location=Location(1, 1, 1, 4),
                text="星期三",
                message="m",
                evidence=(Evidence("calendar", "d", value="2025-01-01"),),
                confidence=0.95,
                verdict=verdict,
                fix=Fix(Span(0, 3), "星期日", applicability, "write 星期日"),
            )
            d = f.to_dict()
            assert d["verdict"] == verdict.value and type(d["verdict"]) is str
            assert d["fix"]["applicability"] == applicability.value and type(d["fix"]["applicability"]) is str
            assert d["confidence"] == 0.95
            assert json.loads(json.dumps(d)) == d
