"""Regexes compiled on their first use, so a run pays only for the patterns it runs.

checker declares some 700 patterns at import (cue lists folded into both scripts make several of
them kilobytes long); compiling them all cost about 0.4 s of every start, and a one-file draft
uses about 70 of them. `lazy_compile(source)` returns a stand-in that compiles on the first
method call, then keeps the compiled pattern's bound methods in its own slots: after that,
`P.search(text)` is the C method itself, with no Python frame in between (a delegating method
would cost a call per search, and the corpus runs millions).

Hand-written (as breezy's `lazy_regex` is): `re` has no lazy mode, and a library for ~40 lines
would add a dependency to every start.

The stand-in is typed as `re.Pattern[str]` so annotations stay as they are. It answers every
attribute of a Pattern, but it is not one: `isinstance(p, re.Pattern)` is False and `re.sub(p, ...)`
refuses it; call the method instead (`p.sub(...)`), as checker does everywhere.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from types import FrameType
from typing import Any, cast

from checker.text.regex_cache import programs

# a compiled pattern's methods: each slot first holds a trigger that compiles, then the bound method
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A regex that compiles itself on first use; then as fast as the compiled pattern.

    No `__getattr__`: a class with one loses CPython's fast attribute paths, which cost more per
    search (about 0.2 us) than the start-up saving is worth on a corpus run."""

    __slots__ = ("_source", "_flags", "_compiled", "_home", *_METHODS)
    _compiled: re.Pattern[str]
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]
    scanner: Callable[..., Any]

    def __init__(
        self, source: str | Callable[[], str], flags: int = 0, home: dict[str, Any] | str | None = None
    ) -> None:
        self._source = source
        self._flags = flags
        self._home = home
        for name in _METHODS:
            setattr(self, name, partial(self._first_call, name))

    def _first_call(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.compiled, name)(*args, **kwargs)

    @property
    def compiled(self) -> re.Pattern[str]:
        try:
            return self._compiled
        except AttributeError:
            pass
        source = self._source if isinstance(self._source, str) else self._source()
        compiled = programs().compile(source, self._flags)
        self._compiled = compiled
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))
        home = self._home
        if home is not None:
            # in the compiled modules that hold it: made there (see lazy_compile) or imported
            _swap_compiled(self, compiled)
        if isinstance(home, dict):
            # the module's global now names the compiled pattern itself: a method call through
            # the stand-in costs ~0.1 us more (CPython 3.11 cannot specialise it, nor mypyc's
            # PyObject_VectorcallMethod), and a corpus run makes millions; references copied
            # elsewhere keep the (working) stand-in
            for key, value in list(home.items()):
                if value is self:
                    home[key] = compiled
        self._home = None
        return compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled.groupindex

    def __reduce__(self) -> tuple[Any, ...]:
        return (re.compile, (self.compiled.pattern, self._flags))

    def __repr__(self) -> str:
        source = self._source if isinstance(self._source, str) else "<built on first use>"
        return f"lazy_compile({source!r:.60})"


def lazy_compile(source: str | Callable[[], str], flags: int = 0, *, depth: int = 1) -> re.Pattern[str]:
    """`re.compile(source, flags)` deferred to the first use. `source` may be a function that
    builds the pattern text (a lexicon alternation), which is then deferred too. The module
    `depth` frames up (the caller's, by default) gets the compiled pattern in place of the
    stand-in wherever one of its globals names it."""
    caller = sys._getframe(depth)
    home: dict[str, Any] | str | None = caller.f_globals
    if caller.f_globals.get("__name__") == "importlib._bootstrap":
        # a module compiled by mypyc runs its top level without a frame of its own: the caller
        # is the import machinery creating it. Its globals (which its code reads by name at each
        # use) are found by its name at the first use; the stand-ins stayed there before
        home = _module_being_created(caller)
    return cast("re.Pattern[str]", LazyPattern(source, flags, home))


# the stand-ins of compiled modules, by id: [(the module's globals, the global's name)], and how
# many modules were loaded when they were last listed
_COMPILED_PLACES: dict[int, list[tuple[dict[str, Any], str]]] = {}
_LISTED_AT = [-1]


def _swap_compiled(stand_in: LazyPattern, compiled: re.Pattern[str]) -> None:
    """The compiled pattern in place of `stand_in` in the compiled modules that hold it (its own,
    or one that imported it). Its own is not known by its frame (mypyc imports the modules of one
    package's library without the import machinery: they are all seen as the first one), so the
    compiled modules' globals are listed once, and again only when modules were loaded since
    (~0.2 ms each time)."""
    places = _COMPILED_PLACES.pop(id(stand_in), None)
    if places is None and len(sys.modules) != _LISTED_AT[0]:
        _LISTED_AT[0] = len(sys.modules)
        _COMPILED_PLACES.clear()
        from checker.native import choose_build

        for name in choose_build().compiled:
            module = sys.modules.get(name)
            for key, value in vars(module).items() if module is not None else ():
                if value.__class__ is LazyPattern and value._home is not None:
                    _COMPILED_PLACES.setdefault(id(value), []).append((vars(module), key))
        places = _COMPILED_PLACES.pop(id(stand_in), None)
    for home, key in places or ():
        if home.get(key) is stand_in:
            home[key] = compiled


def _module_being_created(frame: FrameType | None) -> str | None:
    """The name of the module whose spec the import machinery's frames hold:
    `_call_with_frames_removed(create_dynamic, spec)`, then `create_module(spec)`."""
    for _ in range(3):
        if frame is None:
            return None
        local = frame.f_locals
        args = local.get("args")
        spec = args[0] if isinstance(args, tuple) and args else local.get("spec")
        name = getattr(spec, "name", None)
        if isinstance(name, str):
            return name
        frame = frame.f_back
    return None
