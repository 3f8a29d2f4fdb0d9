"""checker's hot modules compiled with mypyc; everything else about the package is in pyproject.toml.

`pip install -e .` (or `pip install .`) compiles the modules in COMPILED into C extensions beside
their sources (mypyc ships with mypy, pinned in pyproject.toml's [build-system] requires). The
build is optional at every step: no mypyc, a mypyc error or a C compiler error leaves the affected
modules interpreted and the install succeeds. `CHECKER_PURE_PYTHON=1 pip install -e .` compiles
nothing (for a developer editing these modules). The digest of each compiled source goes to
`checker/data/native-build.json`, which `checker/native.py` reads at start-up to refuse a stale
build (see docs/developing.md, "The compiled build").
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent

# By package, in the order of their share of a corpus run's CPU (cProfile tottime). Modules of one
# package form one mypyc group (a shared library `<package>._native__mypyc`, inside the package so an
# editable install finds it): calls within a group are native C calls.
# Left interpreted, and why (docs/developing.md lists them too):
# - checker/extract/names/vetoes.py: mypyc cannot compile its generic dataclass `Veto(Generic[C])`
# - checker/input/frontmatter.py: a class defined inside a function (the YAML loader)
# - checker/text/lazy_regex.py: finds its caller's module through sys._getframe
# - core/: benchmarks/rule_cpu.py patches the engine's and the phases' module globals and methods
#   (a compiled module's are fixed); the rest of checker/ (temporal/__init__, input/load,
#   published, kb, lexicon, ...) is not tried yet: the first pass took the ~40 modules with most of
#   the profile's own time. quantities' statements and conflicts: ~0.4% of corpus/real's native
#   profile together (statements' loop; conflicts' Finder does not show), too little to pay
# - rules/ and reports/: installed as checker.rules / checker.reports from other folders, which
#   mypyc's module naming does not follow; they are thin (~1 s of ~20 s)
COMPILED = [
    "checker/extract/names/extract.py",
    "checker/extract/names/tokens.py",
    "checker/extract/names/slips.py",
    "checker/extract/names/words.py",
    "checker/extract/names/casing.py",
    "checker/extract/names/index.py",
    "checker/extract/names/pairs.py",
    "checker/extract/names/cited.py",
    "checker/extract/names/keys.py",
    "checker/extract/names/slips_words.py",
    "checker/extract/names/bare.py",
    "checker/extract/quantities/recognise.py",
    "checker/extract/quantities/numerals.py",
    "checker/extract/quantities/restated.py",
    "checker/extract/quantities/attribute.py",
    "checker/extract/quantities/prefixes.py",
    "checker/extract/quantities/measure.py",
    "checker/extract/quantities/subject.py",
    "checker/extract/temporal/grammar.py",
    "checker/extract/temporal/novelty.py",
    "checker/extract/temporal/bounds.py",
    "checker/extract/temporal/layout.py",
    "checker/extract/temporal/mood.py",
    "checker/extract/temporal/finding.py",
    "checker/extract/temporal/judged.py",
    "checker/extract/temporal/listyear.py",
    "checker/extract/temporal/resolve.py",
    "checker/text/view.py",
    "checker/text/sentences.py",
    "checker/input/blockscan.py",
    "checker/input/segment.py",
    "checker/input/documents.py",
    "checker/extract/links.py",
    "checker/extract/link_shapes.py",
    "checker/extract/residue.py",
    "checker/extract/placeholder.py",
    "checker/extract/literal_scan.py",
    "checker/extract/prose.py",
    "checker/extract/script_mix.py",
    "checker/extract/url_dates.py",
    "checker/extract/dateclaims.py",
    "checker/extract/damage.py",
    "checker/extract/residue_lines.py",
    "checker/extract/structure.py",
    # s13 (text): the residue's second reading and the link extractor's line finder
    "checker/extract/residue_talk.py",
    "checker/extract/line_scan.py",
]
MANIFEST = "checker/data/native-build.json"


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _groups(paths: list[str]) -> list[tuple[list[str], str | None]]:
    by_package: dict[str, list[str]] = {}
    for path in paths:
        by_package.setdefault(_module(path).rsplit(".", 1)[0], []).append(path)
    return [(files, f"{package}._native") for package, files in sorted(by_package.items())]


def _warn(message: str) -> None:
    sys.stderr.write(f"checker setup: {message}; those modules stay pure Python\n")


def _extensions() -> list[Any]:
    if os.environ.get("CHECKER_PURE_PYTHON") == "1":
        # a pure install: no extension of an earlier build may shadow the sources
        for old in (ROOT / "checker").rglob("*.so"):
            old.unlink()
        (ROOT / MANIFEST).unlink(missing_ok=True)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        _warn(f"mypyc is not available ({exc})")
        return []
    try:
        # pip builds in an isolated environment without checker's dependencies: their types are Any
        # there, so the build type-checks without pyproject's strict settings (the lint step,
        # `mypy`, keeps them) and reports only the compiled modules' own errors
        flags = ["--config-file=", "--follow-imports=silent", "--ignore-missing-imports"]
        extensions = mypycify([*flags, *COMPILED], separate=_groups(COMPILED), opt_level="3")
    except (Exception, SystemExit) as exc:  # a type or mypyc error: the install goes on uncompiled
        _warn(f"mypyc failed ({exc!r})")
        return []
    for ext in extensions:
        ext.optional = True  # a C compiler error is a warning (setuptools' build_ext)
    return list(extensions)


class OptionalBuildExt(build_ext):
    """build_ext in parallel, keeping only complete groups, then writing the build's manifest."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1  # pip passes no -j; one compile per core

    def run(self) -> None:
        super().run()
        built: dict[str, str] = {}
        names = {_module(p): p for p in COMPILED}
        for ext in self.extensions:
            name = ext.name.removesuffix(".__init__")
            if name not in names:
                continue
            library = self.get_ext_fullpath(name.rsplit(".", 1)[0] + "._native__mypyc")
            target = self.get_ext_fullpath(name)
            if os.path.exists(target) and not os.path.exists(library):
                os.remove(target)  # its group's library failed: the shim alone would not import
            if os.path.exists(target):
                built[name] = hashlib.sha256((ROOT / names[name]).read_bytes()).hexdigest()
        package = Path(self.get_ext_fullpath("checker.x")).parent
        if self.inplace:
            # a module dropped from COMPILED must not stay shadowed by its old .so in the tree
            keep = {Path(self.get_ext_fullpath(ext.name)).resolve() for ext in self.extensions}
            for old in package.rglob("*.so"):
                if old.resolve() not in keep:
                    old.unlink()
        manifest = package / "data" / Path(MANIFEST).name
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps({"modules": built}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if len(built) < len(names):
            _warn(f"{len(names) - len(built)} of {len(names)} modules were not compiled")


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
