"""The restated-statement path of number.conflict: a sentence of one article retold in another.

Run on demand (not a test):

    .venv/bin/python benchmarks/restated.py                # 40 trials
    .venv/bin/python benchmarks/restated.py --trials 60 --show 5

For each trial: take a sentence with a figure from one real article (corpus/real), and a second
clean article published within a week of it (digests retell the same week's news; a moving
figure may change over months, and the rule then stays silent on purpose). Retell the sentence
in the second article as a drafting pipeline would: lightly reworded (punctuation changed, a
word swapped, and, for Chinese, converted to the other script half of the time), once with one
figure changed (a digit slipped, a scale off, a rounding gone wrong) and once with it unchanged.
The changed retelling must be flagged on the changed figure; the unchanged one must give no
finding on the inserted paragraph. Both figures are printed for every trial shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions, load_inputs
from checker.extract.quantities.restated import Told, told

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared/corpus/real"
TODAY = dt.date(2026, 12, 6)
RULE = "number.conflict"

# light rewording a pipeline leaves: (from, to), tried in order, the first that applies is used
_SWAPS = (
    ("发布", "推出"),
    ("發布", "推出"),
    ("宣布", "表示"),
    ("已经", "已"),
    ("已經", "已"),
    ("目前", "当前"),
    ("能够", "可以"),
    ("能夠", "可以"),
    ("超过", "逾"),
    ("超過", "逾"),
    ("的", "之"),
    (" announced ", " said "),
    (" now ", " currently "),
    (" the ", " this "),
    (" a ", " one "),
    (" and ", " & "),
)
_PUNCT = (("，", ","), ("：", ":"), ("。", "！"), ("、", "，"), (", ", " - "), (". ", "; "))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Source:
    path: Path
    text: str
    published: dt.date | None
    sentences: list[Told]


@cache
def _converter(config: str) -> Any:
    from opencc import OpenCC

    return OpenCC(config)


def _load(path: Path) -> Source | None:
    cfg = Config(root=ROOT, select=[RULE])
    docs, _errors = load_inputs([str(path)], cfg)
    if not docs:
        return None
    found: list[Told] = []
    for doc in docs:
        found.extend(t for t in told(doc) if any(f.unit and f.unit != "%" for f in t.figures))
    text = path.read_text(encoding="utf-8")
    return Source(path, text, docs[0].published, found)


def _reword(sentence: str, rng: random.Random, script: bool) -> str:
    out = sentence
    for a, b in rng.sample(_PUNCT, len(_PUNCT)):
        if a in out:
            out = out.replace(a, b, 1)
            break
    for a, b in _SWAPS:
        if a in out:
            out = out.replace(a, b, 1)
            break
    if script and any("\u4e00" <= c <= "\u9fff" for c in out):
        converted: str = _converter("s2t" if rng.random() < 0.5 else "t2s").convert(out)
        out = converted
    return out


def _change(figure: str, rng: random.Random) -> str | None:
    """The figure with its number changed as a slip would: digits swapped, a digit off, a scale."""
    m = _NUMBER.search(figure)
    if m is None:
        return None
    num = m.group()
    digits = num.replace(".", "")
    choices: list[str] = []
    if len(digits) >= 2 and digits[0] != digits[1]:
        swapped = num[1] + num[0] + num[2:] if num[1] != "." else num  # 754 -> 574
        if swapped != num and not swapped.startswith("0"):
            choices.append(swapped)
    last = int(num[-1])
    choices.append(num[:-1] + str((last + rng.choice((2, 3, 4))) % 10))  # 7.5 -> 7.8
    value = float(num)
    if "." in num:
        choices.append(f"{value * rng.choice((1.4, 2.0, 0.6)):.{len(num.split('.')[1])}f}")
    else:
        choices.append(str(round(value * rng.choice((1.5, 2, 10)))))
    new = rng.choice(choices)
    try:
        if abs(float(new) - value) <= 0.1 * max(abs(value), 1e-9):
            return None  # within what rounding allows: not a different figure
    except ValueError:
        return None
    return figure[: m.start()] + new + figure[m.end() :]


def _insert(text: str, rng: random.Random, paragraph: str) -> tuple[str, int] | None:
    body = 0
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        body = end + 4 if end > 0 else 0
    starts = [m.end() for m in re.finditer(r"\n\n", text) if m.start() >= body]
    if not starts:
        return None
    at = rng.choice(starts)
    return text[:at] + paragraph + "\n\n" + text[at:], at


def _findings(folder: Path) -> list[tuple[str, int, int]]:
    cfg = Config(root=ROOT, select=[RULE])
    docs, _errors = load_inputs([str(folder)], cfg)
    report = Engine(cfg, RunOptions(today=TODAY)).run(docs)
    return [(f.path, f.span.start, f.span.end) for f in report.findings if f.rule == RULE]


def _write(folder: Path, rel: Path, text: str) -> Path:
    target = folder / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=40)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    paths = [p for p in sorted(REAL.rglob("*.md")) if p.name != "README.md" and p.stat().st_size > 400]
    rng.shuffle(paths)
    sources = [s for s in (_load(p) for p in paths[:600]) if s is not None]
    with_sentences = [s for s in sources if s.sentences]
    caught = changed_done = quiet = same_done = shown = 0
    for trial in range(args.trials * 5):
        if changed_done >= args.trials:
            break
        src = rng.choice(with_sentences)
        near = [
            s
            for s in sources
            if s.path != src.path
            and (s.published is None or src.published is None or abs((s.published - src.published).days) <= 7)
        ]
        if not near:
            continue
        dst = rng.choice(near)
        told_ = rng.choice(src.sentences)
        figures = [f for f in told_.figures if f.unit and f.unit != "%"]
        figure = rng.choice(figures)
        sentence = told_.sentence
        if figure.text not in sentence:
            continue
        new_figure = _change(figure.text, rng)
        if new_figure is None:
            continue
        reworded = _reword(sentence.replace(figure.text, "\x00", 1), rng, script=rng.random() < 0.5)
        if "\x00" not in reworded:
            continue
        with tempfile.TemporaryDirectory(prefix="restated-") as tmp:
            folder = Path(tmp)
            src_rel, dst_rel = src.path.relative_to(REAL), dst.path.relative_to(REAL)
            _write(folder / "clean", src_rel, src.text)
            _write(folder / "clean", dst_rel, dst.text)
            if _findings(folder / "clean"):
                continue  # not clean together: a hit would prove nothing
            results: dict[str, bool] = {}
            for kind, fig in (("changed", new_figure), ("same", figure.text)):
                made = _insert(dst.text, rng, reworded.replace("\x00", fig))
                if made is None:
                    break
                new_text, at = made
                run = folder / kind
                _write(run, src_rel, src.text)
                target = _write(run, dst_rel, new_text)
                para_end = at + len(reworded) + len(fig)
                hits = [h for h in _findings(run) if Path(h[0]).resolve() == target.resolve()]
                results[kind] = any(at <= a and b <= para_end for _, a, b in hits)
            if len(results) < 2:
                continue
            changed_done += 1
            same_done += 1
            caught += results["changed"]
            quiet += not results["same"]
            if (not results["changed"] or results["same"]) and shown < args.show:
                shown += 1
                what = "missed" if not results["changed"] else "false alarm on the unchanged retelling"
                print(f"  {what}: {src_rel} -> {dst_rel}: {figure.text!r} -> {new_figure!r}")
                print(f"    source:   {sentence[:150]}")
                print(f"    retold:   {reworded.replace(chr(0), new_figure)[:150]}")
            elif trial % 7 == 0 and shown < args.show:
                shown += 1
                retold = reworded.replace(chr(0), new_figure)[:110]
                print(f"  caught: {src_rel}: {figure.text!r} -> {new_figure!r}: {retold}")
    print(f"changed figure caught: {caught}/{changed_done} ({100 * caught / max(changed_done, 1):.0f}%)")
    print(f"unchanged retelling quiet: {quiet}/{same_done} ({100 * quiet / max(same_done, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
