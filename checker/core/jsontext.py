"""Indented JSON text, as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, but fast.

The standard library's encoder drops to pure Python as soon as an indent is asked for (about 1 s
for a report of 40,000 findings); orjson writes the same text in Rust. The two agree on every value
a report holds: str keys, ints within 64 bits, floats rounded to 3 decimals (model.py, reporting.py:
their shortest forms are Python's repr), and strings escaped alike (`"`, `\\`, control characters;
everything else raw UTF-8). What orjson refuses (a lone surrogate, an int past 64 bits, a non-str
key) goes to the standard library, which writes it as before.
"""

from __future__ import annotations

import json

import orjson


def dumps_indented(value: object) -> str:
    """`value` as JSON text indented by two spaces, with no trailing newline."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, indent=2)


def dumps_indented_bytes(value: object) -> bytes:
    """`dumps_indented(value)` encoded as UTF-8, without the decode and encode of 100+ MB of
    report text in between (orjson writes UTF-8 bytes)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
