"""NamePrefixes: the cut-off name a front-matter value ends in (markdown.broken's truncated values)."""

from __future__ import annotations

import pytest

from checker.extract.structure import NamePrefixes

NAMES = ["Anthropic", "Anthropic Claude", "Spark Desk", "Spark", "Gemini", "Gemma", "通义千问", "GPT-4o"]


@pytest.mark.parametrize(
    ("fragment", "name"),
    [
        ("Anthropi", "Anthropic"),  # the shortest name it starts
        ("Gemi", "Gemini"),
        ("Gem", "Gemma"),  # equal length: the first in order, the same every run
        ("通义千", "通义千问"),
        ("通义", "通义千问"),  # Han: two characters are enough
        ("Anthropic", None),  # a whole name is no fragment
        ("Spark", None),
        ("Spark De", "Spark Desk"),
        ("GPT-", None),  # cut after a hyphen: not inside a word
        ("An", None),  # Latin: three characters at least
        ("Claude", None),  # not a prefix of any name
    ],
)
def test_fragments(fragment: str, name: str | None) -> None:
    prefixes = NamePrefixes(NAMES)
    assert prefixes.get(fragment) == name
    assert (fragment in prefixes) is (name is not None)
