"""Stored values (word lists, tries, pattern readings, KB-derived tables) are keyed by the source
of the code that built them: the digest must read the .py file, in the pure and the compiled
(mypyc) build alike, from any working folder."""

from __future__ import annotations

import hashlib
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cachefiles import code_digest, module_source

# every module whose code keys a stored value (the call sites of code_digest)
_BUILDERS = [
    "checker.extract.quantities.prefixes",
    "checker.extract.quantities.attribute",
    "checker.extract.names.words",
    "checker.extract.names.keys",
    "checker.extract.names.kb_phrases",
    "checker.extract.names.candidates",
    "checker.extract.script_mix",
    "checker.extract.kb",
    "checker.text.english_freq_index",
    "checker.kb.lines",
]


@pytest.mark.parametrize("name", _BUILDERS)
def test_the_digest_of_a_module_is_the_digest_of_its_source(name: str) -> None:
    importlib.import_module(name)
    source = module_source(name)
    assert source.suffix == ".py" and source.is_file(), source
    assert source.name == name.rpartition(".")[2] + ".py"
    assert code_digest(name) == hashlib.sha256(source.read_bytes() + b"\0").hexdigest()[:16]


def test_a_module_without_a_source_gives_no_digest() -> None:
    assert code_digest("checker.no_such_module") is None


def test_the_digest_is_found_from_another_working_folder(tmp_path: Path) -> None:
    """A compiled module imported by another compiled module of its package had a `__file__` and
    spec origin naming its folder twice: the pattern readings and the word lists were never
    stored, and every run rebuilt them."""
    code = (
        "from checker.extract.names import words  # noqa: F401\n"
        "from checker.extract.quantities import attribute  # noqa: F401  (imports prefixes)\n"
        "from checker.extract.quantities import prefixes\n"
        "from checker.cachefiles import code_digest\n"
        "print(prefixes._code_digest(), code_digest('checker.extract.names.words'))\n"
    )
    got = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "None" not in got.stdout.split(), got.stdout
