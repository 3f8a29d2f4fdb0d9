"""Recall on the defects real digests carry: inject each class into clean real articles.

Run on demand (not a test):

    .venv/bin/python benchmarks/wild.py                    # every class, 20 trials each
    .venv/bin/python benchmarks/wild.py --only placeholder --trials 40 --show 3

Each defect class lives in `benchmarks/wild_classes/<module>.py` as a `WildClass`: the rule that
must catch it, the scripts it applies to, and an `inject(text, rng, script)` that returns the new
text and the injected span (offsets into the new text), or None when the article offers no place
for it. For every trial the harness picks a random article of `../shared/corpus/real` in the
wanted script that the rule finds clean, injects one defect at a random place the class chooses,
writes the result under a temporary folder with the article's own relative path (file-name dates
matter), checks it with only that rule selected, and counts the trial caught when a finding of the
rule overlaps the injected span (`whole_document` classes: any finding of the rule). The input files
are never modified; the seed makes every run pick the same trials.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import pkgutil
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions, load_inputs

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared/corpus/real"
TODAY = dt.date(2026, 12, 6)
SCRIPTS = ("hans", "hant", "en")

# inject(text, rng, script) -> (new_text, start, end) or None when the text has no place for it
Injector = Callable[[str, random.Random, str], "tuple[str, int, int] | None"]


@dataclass(frozen=True)
class WildClass:
    name: str
    rule: str
    inject: Injector
    scripts: tuple[str, ...] = SCRIPTS
    whole_document: bool = False
    suffixes: tuple[str, ...] = (".md",)
    extra: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # the rule's options ([rules."id"] keys)


def paragraph_starts(text: str) -> list[int]:
    """Offsets right after a blank line outside the front matter: a safe place for a new paragraph."""
    body = 0
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        body = end + 4 if end > 0 else 0
    out: list[int] = []
    i = text.find("\n\n", body)
    while i >= 0:
        out.append(i + 2)
        i = text.find("\n\n", i + 2)
    return out


def insert_paragraph(text: str, rng: random.Random, paragraph: str) -> tuple[str, int, int] | None:
    """Insert `paragraph` as its own paragraph at a random paragraph start."""
    starts = paragraph_starts(text)
    if not starts:
        return None
    at = rng.choice(starts)
    new = text[:at] + paragraph + "\n\n" + text[at:]
    return new, at, at + len(paragraph)


def script_of(text: str) -> str:
    """hans, hant or en, by which characters OpenCC would change."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if han < 50:
        return "en"
    to_hans = _converter("t2s")
    to_hant = _converter("s2t")
    trad = sum(1 for a, b in zip(text, to_hans.convert(text), strict=False) if a != b)
    simp = sum(1 for a, b in zip(text, to_hant.convert(text), strict=False) if a != b)
    return "hant" if trad > simp else "hans"


@cache
def _converter(config: str) -> Any:
    from opencc import OpenCC  # the project's script converter

    return OpenCC(config)


def load_classes(only: list[str]) -> list[WildClass]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import wild_classes

    out: list[WildClass] = []
    for info in pkgutil.iter_modules(wild_classes.__path__):
        module = importlib.import_module(f"wild_classes.{info.name}")
        for cls in getattr(module, "CLASSES", []):
            if not only or any(o in cls.name or o == info.name for o in only):
                out.append(cls)
    return out


@cache
def articles() -> list[tuple[Path, str, str]]:
    """(path, text, script) of every readable article of corpus/real."""
    out: list[tuple[Path, str, str]] = []
    for path in sorted(REAL.rglob("*")):
        if not path.is_file() or path.name in {"MANIFEST.tsv", "README.md"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if len(text) < 400:
            continue
        out.append((path, text, script_of(text)))
    return out


def findings_of(rule: str, path: Path, options: dict[str, Any] | None = None) -> list[tuple[int, int]]:
    cfg = Config(root=ROOT, select=[rule], rule_options={rule: dict(options)} if options else {})
    docs, _errors = load_inputs([str(path)], cfg)
    report = Engine(cfg, RunOptions(today=TODAY)).run(docs)
    return [(f.span.start, f.span.end) for f in report.findings if f.rule == rule]


def run_class(cls: WildClass, trials: int, seed: int, show: int) -> tuple[int, int]:
    rng = random.Random(f"{seed}:{cls.name}")
    pool = [a for a in articles() if a[2] in cls.scripts and a[0].suffix in cls.suffixes]
    rng.shuffle(pool)
    caught = done = shown = 0
    with tempfile.TemporaryDirectory(prefix="wild-") as tmp:
        for path, text, script in pool:
            if done >= trials:
                break
            rel = path.relative_to(REAL)
            clean_copy = Path(tmp) / "clean" / rel
            clean_copy.parent.mkdir(parents=True, exist_ok=True)
            clean_copy.write_text(text, encoding="utf-8")
            if findings_of(cls.rule, clean_copy, cls.options):
                continue  # not clean for this rule: a hit would prove nothing
            made = cls.inject(text, rng, script)
            if made is None:
                continue
            new, start, end = made
            target = Path(tmp) / "inj" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
            spans = findings_of(cls.rule, target, cls.options)
            hit = bool(spans) if cls.whole_document else any(a < end and start < b for a, b in spans)
            done += 1
            caught += hit
            if not hit and shown < show:
                shown += 1
                print(f"  missed in {rel} ({script}): {new[start:end][:160]!r}")
    return caught, done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", default=[], help="class or module name (repeatable)")
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N missed injections per class")
    args = ap.parse_args(argv)
    classes = load_classes(args.only)
    if not classes:
        print("no defect class matched", file=sys.stderr)
        return 2
    print(f"{'class':32} {'rule':20} caught")
    worst = 1.0
    for cls in classes:
        caught, done = run_class(cls, args.trials, args.seed, args.show)
        share = caught / done if done else 0.0
        worst = min(worst, share)
        print(f"{cls.name:32} {cls.rule:20} {caught}/{done} ({share:.0%})")
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    raise SystemExit(main())
