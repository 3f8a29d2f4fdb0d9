"""The fast indented JSON writes what the standard library writes (reports stay the same bytes)."""

from __future__ import annotations

import json

import pytest

from checker.core.jsontext import dumps_indented

# values of the kinds a report holds, and the awkward ones article text can bring
CASES: list[object] = [
    {},
    [],
    {"a": [], "b": {}, "c": [{}], "d": [[]]},
    {"findings": [{"rule": "name.typo", "line": 3, "confidence": 0.9, "evidence": [{"text": "x"}]}]},
    {"floats": [0.0, 1.0, 0.001, 0.5, 0.123, 12.345, 1234567.891, -0.0]},
    {"ints": [0, -1, 2**63 - 1, -(2**63)]},
    {"text": 'quote " backslash \\ controls \x00\x01\x08\x09\x0a\x0c\x0d\x1b\x1f del \x7f'},
    {"text": "漢字 かな 한글 emoji \U0001f600 line sep \u2028 para sep \u2029 bom \ufeff"},
    {"nested": {"k": [1, "two", None, True, False, {"deep": [0.25]}]}},
    {"ünïcode kéy": "値", "": ""},
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_same_text_as_the_standard_library(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {"big": 2**70},  # past 64 bits: orjson refuses
        {1: "int key"},  # the standard library turns it into "1"
        {"surrogate": "\ud800"},  # a lone surrogate: orjson refuses
    ],
    ids=["big-int", "int-key", "surrogate"],
)
def test_what_orjson_refuses_is_written_by_the_standard_library(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
