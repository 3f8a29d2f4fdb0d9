"""lazy_compile: a regex compiled on first use that answers as the compiled pattern does."""

from __future__ import annotations

import pickle
import re
import types
from typing import Any

import pytest

from checker.text import lazy_regex
from checker.text.lazy_regex import LazyPattern, lazy_compile

TEXT = "GPT-5 on 2025-08-07, GPT-4o on 2024-05-13"
SOURCE = r"(?P<name>GPT-\w+) on (?P<date>\d{4}-\d\d-\d\d)"


def test_every_method_answers_as_the_compiled_pattern() -> None:
    lazy, real = lazy_compile(SOURCE), re.compile(SOURCE)
    assert lazy.search(TEXT).group("name") == real.search(TEXT).group("name")  # type: ignore[union-attr]
    assert lazy.match(TEXT).span() == real.match(TEXT).span()  # type: ignore[union-attr]
    assert lazy.fullmatch("GPT-5 on 2025-08-07") is not None
    assert lazy.fullmatch(TEXT) is None
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in real.finditer(TEXT)]
    assert lazy.findall(TEXT) == real.findall(TEXT)
    assert lazy.sub(r"\g<date>", TEXT) == real.sub(r"\g<date>", TEXT)
    assert lazy.subn("x", TEXT) == real.subn("x", TEXT)
    assert lazy.split(TEXT) == real.split(TEXT)
    assert lazy.search(TEXT, 10) is not None and lazy.search(TEXT, 10, 20) is None
    assert (lazy.pattern, lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        real.pattern,
        real.flags,
        real.groups,
        dict(real.groupindex),
    )


def test_nothing_is_compiled_or_built_before_the_first_use() -> None:
    built: list[str] = []

    def source() -> str:
        built.append("built")
        return r"\d+"

    pattern = lazy_compile(source, re.IGNORECASE)
    assert built == [] and not hasattr(pattern, "_compiled")
    assert pattern.findall("a1b22") == ["1", "22"]
    assert pattern.findall("3") == ["3"]
    assert built == ["built"]  # built once


def test_the_defining_module_gets_the_compiled_pattern() -> None:
    home = types.ModuleType("home")
    exec("from checker.text.lazy_regex import lazy_compile\nP = lazy_compile('a+')\nQ = P", home.__dict__)
    held: Any = home.P  # a reference taken before the first use keeps working
    assert isinstance(held, LazyPattern)
    assert held.search("baa").group() == "aa"  # type: ignore[union-attr]
    now: Any = home.P
    assert isinstance(now, re.Pattern) and home.Q is now
    assert held.search("caaa").group() == "aaa"  # type: ignore[union-attr]


def test_a_lazy_pattern_pickles_as_a_pattern() -> None:
    restored = pickle.loads(pickle.dumps(lazy_compile("z+", re.IGNORECASE)))
    assert isinstance(restored, re.Pattern) and restored.search("aZZ").group() == "ZZ"  # type: ignore[union-attr]


def test_a_bad_pattern_fails_on_first_use_with_re_error() -> None:
    pattern = lazy_compile("(unclosed")
    with pytest.raises(re.error):
        pattern.search("x")


def test_a_module_of_the_build_gets_the_compiled_pattern_too() -> None:
    # in the compiled build a module's top level has no frame of its own and one package's
    # modules are imported by its library without the import machinery (tokens by bare's
    # import): the swap finds them by the build's module list; interpreted, by the frame
    from checker.extract.names import bare, tokens

    for module, name in ((bare, "_BARE_WORD"), (tokens, "_TOKEN")):
        pattern: Any = getattr(module, name)
        pattern.search("")  # (a no-op once swapped)
        assert isinstance(getattr(module, name), re.Pattern), (module.__name__, name)


def test_the_module_being_created_is_read_from_the_import_frames() -> None:
    spec = types.SimpleNamespace(name="pkg.mod")
    create = types.SimpleNamespace(f_locals={"self": object(), "spec": spec}, f_back=None)
    removed = types.SimpleNamespace(f_locals={"f": print, "args": (spec,), "kwds": {}}, f_back=create)
    assert lazy_regex._module_being_created(removed) == "pkg.mod"  # type: ignore[arg-type]
    assert lazy_regex._module_being_created(create) == "pkg.mod"  # type: ignore[arg-type]
    assert lazy_regex._module_being_created(None) is None
    elsewhere = types.SimpleNamespace(f_locals={"x": 1}, f_back=None)
    assert lazy_regex._module_being_created(elsewhere) is None  # type: ignore[arg-type]
