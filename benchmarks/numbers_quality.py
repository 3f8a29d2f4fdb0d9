"""Quality and speed of number.conflict on the real corpus (run on demand; prints figures).

    .venv/bin/python benchmarks/numbers_quality.py [--corpus ../shared/corpus/real] [--sample 200]
        [--seed 7] [--read 30] [--misses 15] [--no-scale] [--no-same-sentence]

1. Untouched corpus: findings per 10k characters, and `--read` findings printed in full for
   a hand-read (the count of real conflicts is written down by the reader, not computed).
2. Restated figures: sentences that give a figure of a named subject (chosen by a simple
   pattern of this script, not by the rule's extractor) are copied into a new in-memory
   article of the same day, once with the figure changed beyond rounding (recall: the copy
   must be flagged with the original as evidence) and once unchanged (control: no finding
   on the copy). Nothing under ../shared is modified: copies live in memory only.
3. Speed: collect + check over the corpus and over the corpus twice (fresh documents).

The copies repeat their sentence word for word, which the rule's same-sentence option takes as
the same event retold even without a date; `--no-same-sentence` measures recall without it
(a paraphrased restatement in an undated article gets no help from that option).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checker.rules.number.conflict import ConflictOptions, NumberConflict

from checker.core.config import Config
from checker.core.engine import Engine, Report, RunOptions, load_inputs
from checker.extract.quantities.recognise import extract_quantities
from checker.extract.quantities.statements import statements
from checker.input.documents import Document, SegmentKind
from checker.input.load import build_documents
from checker.input.source import SourceFile
from checker.text.view import reader_view

# A figure of a named subject: a name, a few characters, a measure word, a number with its unit.
_NAME = (
    r"(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?: [A-Z0-9][A-Za-z0-9.]*)?"
    r"|英伟达|英偉達|谷歌|微软|微軟|阿里巴巴|腾讯|騰訊|百度|字节跳动|字節跳動|华为|華為|小米|月之暗面|智谱|智譜)"
)
_MEASURE = (
    r"(?:估值|营收|營收|收入|融资|融資|训练成本|訓練成本|参数|參數|用户|用戶|月活|周活|週活|准确率|準確率|"
    r"市值|净利润|淨利潤|得分|valuation|revenue|valued at|users|parameters)"
)
_NUMBER = (
    r"(?<![A-Za-z0-9.\-])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<tail>\s?(?:万|萬|亿|億|兆|[KMBT]\b| (?:million|billion|trillion))"
    r"\s?(?:美元|元|參數|参数|用户|用戶|parameters|users)?"
    r"|\s?(?:美元|%|參數|参数|个用户|名用户|parameters|users))"
)
# name … measure … figure (「OpenAI 的估值达 5000 亿美元」) or name … figure measure (「Copilot 达到 2000 万用户」);
# the figure must end its phrase (not 「90% 财富 100 强」).
_END = r"(?=[\s，。,;；、）)的!！?？]|$)"
_FIGURE = re.compile(
    rf"(?P<name>{_NAME})[^，。,;；\n]{{0,8}}?(?P<measure>{_MEASURE})[^，。,;；\n\d]{{0,6}}?(?:\$\s?)?{_NUMBER}{_END}"
    rf"|(?P<name2>{_NAME})[^，。,;；\n\d]{{0,8}}?(?P<num2>\d+(?:\.\d+)?)\s?(?:万|萬|亿|億)\s?(?P<measure2>用户|用戶|參數|参数)"
)
# Not a subject: generic words, single letters (「B轮」), benchmarks.
_NOT_A_NAME = re.compile(
    r"^(?:AI|AGI|GPU|API|LLM|CEO|App|APP|X|YouTube|GitHub|[A-Z]|.*(?:Bench|Eval|Arena|Test|QA).*)$"
)
# A forecast or a plan is not a statement of fact to restate.
_FORECAST = re.compile(r"预计|預計|计划|計劃|有望|将|將|预期|預期|目标|目標|will|expected|plans?")
# A bound ("突破 300 亿", "不到 10%") restated with another value can still hold: not sampled.
_BOUND = re.compile(
    r"(?:超过|超過|逾|超|至少|突破|多于|高于|不到|不足|少于|低于|最多|最高|more than|over|at least|"
    r"under|less than|up to)\s*$"
)


@dataclass
class Figure:
    doc: Document
    sentence: str
    heading: str
    num_start: int  # in the sentence
    num_end: int
    number: str
    measure: str
    source: str  # corpus folder


def load(paths: list[str]) -> list[Document]:
    docs, errors = load_inputs(paths, Config(root=Path(".")))
    for e in errors:
        print(f"  (skipped {e})", file=sys.stderr)
    return docs


OPTIONS = ConflictOptions()  # set from the command line in main()


def run(docs: list[Document]) -> Report:
    engine = Engine(
        Config(root=Path("."), select=["number.conflict"]),
        RunOptions(today=dt.date(2026, 11, 23)),
        rules=[NumberConflict(OPTIONS)],
    )
    return engine.run(docs)


def figures(docs: list[Document]) -> list[Figure]:
    out: list[Figure] = []
    for doc in docs:
        heading = doc.title or ""
        for seg in doc.segments:
            if seg.kind == SegmentKind.HEADING:
                heading = reader_view(seg.text).text.strip()
                continue
            if seg.kind != SegmentKind.PARAGRAPH:
                continue
            text = reader_view(seg.text).text
            for sent in re.split(r"(?<=[。！？!?])|\n", text):
                m = _FIGURE.search(sent)
                if m is None:
                    continue
                g = "" if m.group("name") else "2"
                if (
                    len(sent) < 300
                    and not _BOUND.search(sent[: m.start("num" + g)])
                    and not _NOT_A_NAME.match(m.group("name" + g))
                    and not _FORECAST.search(sent)
                ):
                    lead = len(sent) - len(sent.lstrip())
                    out.append(
                        Figure(
                            doc,
                            sent.strip(),
                            heading,
                            m.start("num" + g) - lead,
                            m.end("num" + g) - lead,
                            m.group("num" + g),
                            m.group("measure" + g),
                            "/".join(doc.path.split("/")[:-1]),
                        )
                    )
    return out


def attributed_figures(docs: list[Document]) -> list[Figure]:
    """Figures the rule itself can compare: the statements it collects (value kind)."""
    out: list[Figure] = []
    for doc in docs:
        # stated as a value: no bound (「超過」), no forecast, a currency where there is money
        kept = {
            (s.span.start, s.span.end)
            for s in statements(doc, 0.8)
            if s.kind == "value" and s.low > -math.inf and s.high < math.inf and not s.forecast and s.unit != "?money"
        }
        headings = {
            i: reader_view(seg.text).text.strip()
            for i, seg in enumerate(doc.segments)
            if seg.kind == SegmentKind.HEADING
        }
        for q in extract_quantities(doc):
            if (q.span.start, q.span.end) not in kept or q.measure is None:
                continue
            # the heading above the figure's block (not the block itself when the figure is in a heading)
            heading = next((headings[i] for i in range(q.segment - 1, -1, -1) if i in headings), doc.title or "")
            num = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", q.text)
            k = q.sentence.find(q.text)
            if num is None or k < 0:
                continue
            out.append(
                Figure(
                    doc,
                    q.sentence,
                    heading,
                    k + num.start(),
                    k + num.end(),
                    num.group(0),
                    q.measure.key,
                    "/".join(doc.path.split("/")[:-1]),
                )
            )
    return out


def recall(docs: list[Document], base: Report, sample: list[Figure], label: str, misses: int) -> None:
    """Inject a changed copy and a same-value copy of each figure; report what was flagged."""
    changed_docs = [restated(fig, changed(fig.number), n, "changed") for n, fig in enumerate(sample)]
    control_docs = [restated(fig, fig.number, n, "control") for n, fig in enumerate(sample)]
    rep_changed = run([*docs, *changed_docs])
    rep_control = run([*docs, *control_docs])
    hits: dict[str, list[str]] = {}
    for f in rep_changed.findings:
        if f.path.startswith("injected/"):
            hits.setdefault(f.path, []).extend(e.document or "" for e in f.evidence)
    caught = [n for n, fig in enumerate(sample) if fig.doc.id in hits.get(changed_docs[n].path, [])]
    dated = [n for n, fig in enumerate(sample) if fig.doc.published is not None]
    print(
        f"  [{label}] recall (copy flagged with the original as evidence): {len(caught)}/{len(sample)} "
        f"= {len(caught) / max(len(sample), 1):.1%}"
    )
    print(
        f"    of dated originals: {sum(1 for n in caught if n in dated)}/{len(dated)}; undated: "
        f"{sum(1 for n in caught if n not in dated)}/{len(sample) - len(dated)}"
    )
    by_measure: Counter[str] = Counter(fig.measure for fig in sample)
    caught_measure: Counter[str] = Counter(sample[n].measure for n in caught)
    print("    by measure: " + ", ".join(f"{m} {caught_measure[m]}/{c}" for m, c in by_measure.most_common()))
    control_findings = [f for f in rep_control.findings if f.path.startswith("injected/")]
    # a copy repeats its original, so it also repeats any conflict the original already has with
    # a third document: those findings are inherited, not caused by the copy
    flagged_originals = {(f.document, f.text) for f in base.findings}
    original_of = {control_docs[n].path: sample[n].doc.id for n in range(len(sample))}
    inherited = [f for f in control_findings if (original_of[f.path], f.text) in flagged_originals]
    own = [f for f in control_findings if f not in inherited]
    print(
        f"    same-value controls: {len(own)} false findings on {len(control_docs)} copies "
        f"(+{len(inherited)} inherited from conflicts the original already has)"
    )
    for f in control_findings[:10]:
        tag = "inherited" if f in inherited else "FALSE"
        print(f"      ! [{tag}] {f.path}:{f.location.line} «{f.text}» {f.message}")
    # dated originals first: moving figures of undated documents are left out by design
    missed = sorted((n for n in range(len(sample)) if n not in caught), key=lambda n: n not in dated)[:misses]
    if missed:
        print(f"    first {len(missed)} misses:")
        for n in missed:
            fig = sample[n]
            tag = "dated" if n in dated else "undated"
            print(f"      - [{tag}] {fig.doc.path}: «{fig.sentence[:110]}» ({fig.number} -> {changed(fig.number)})")


def changed(number: str) -> str:
    """Another value beyond any rounding or hedge: x1.6, at the same precision."""
    plain = number.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = float(plain) * 1.6
    text = f"{value:.{decimals}f}"
    return text if text != plain else f"{float(plain) * 2:.{decimals}f}"


def restated(fig: Figure, number: str, n: int, kind: str) -> Document:
    sent = fig.sentence[: fig.num_start] + number + fig.sentence[fig.num_end :]
    date = fig.doc.published
    front = f"---\ntitle: {kind} {n}\ndate: {date.isoformat()}\n---\n\n" if date else ""
    # the heading gives the copy its context, unless it restates the figure itself
    heading = f"# {fig.heading}\n\n" if fig.heading and fig.number not in fig.heading else ""
    text = f"{front}{heading}{sent}\n"
    path = f"injected/{kind}-{n:04d}.md"
    (doc,) = build_documents(SourceFile(path, text, len(text.encode())), "markdown")
    if date and doc.published is None:
        doc.published = date
    return doc


def per_10k(report: Report, docs: list[Document]) -> float:
    chars = sum(len(d.text) for d in docs)
    return len(report.findings) / chars * 1e4 if chars else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus/real")
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--read", type=int, default=30)
    ap.add_argument("--misses", type=int, default=15)
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--no-same-sentence", action="store_true", help="recall without the same-sentence option")
    args = ap.parse_args()
    global OPTIONS
    OPTIONS = ConflictOptions(same_sentence=not args.no_same_sentence)

    t0 = time.perf_counter()
    docs = load([args.corpus])
    print(
        f"corpus: {len(docs)} documents, {sum(len(d.text) for d in docs):,} characters "
        f"(loaded in {time.perf_counter() - t0:.1f} s)"
    )

    # 1. the untouched corpus
    base = run(docs)
    print(
        f"\n[untouched] {len(base.findings)} findings, {per_10k(base, docs):.4f} per 10k characters, "
        f"{len(base.crashes)} crashes"
    )
    rng = random.Random(args.seed)
    shown = base.findings if len(base.findings) <= args.read else rng.sample(base.findings, args.read)
    for k, f in enumerate(sorted(shown, key=lambda f: (f.path, f.location.line)), 1):
        print(f"  #{k} {f.path}:{f.location.line} «{f.text}» {f.message}")
        for e in f.evidence:
            where = f" [{e.document}:{e.line}]" if e.line else ""
            print(f"       - {e.kind}{where}: {e.detail[:160]}")

    # 2. restated figures and same-value controls
    figs = figures(docs)
    rng = random.Random(args.seed)
    sample = rng.sample(figs, min(args.sample, len(figs)))
    print(
        f"\n[restated] {len(figs)} figures found by this script's own pattern "
        f"(a name, a measure word, a number); sample {len(sample)}"
    )
    recall(docs, base, sample, "pattern sample", args.misses)
    own = attributed_figures(docs)
    rng = random.Random(args.seed)
    sample2 = rng.sample(own, min(args.sample, len(own)))
    print(
        f"\n[restated] {len(own)} figures the rule collects, stated as values (no bound, no forecast); "
        f"sample {len(sample2)}"
    )
    recall(docs, base, sample2, "collected sample", args.misses)

    # 3. twice the corpus costs about twice the time
    if not args.no_scale:
        print("\n[speed] collect + check of number.conflict (process time, fresh documents)")
        times = []
        for copies in (1, 2):
            fresh = [d for c in range(copies) for d in _copy(load([args.corpus]), c)]
            rule = NumberConflict(OPTIONS)
            start = time.process_time()
            from checker.core.rule import RunContext

            ctx = RunContext(today=dt.date(2026, 11, 23))
            collected = [(d, rule.collect(d, ctx)) for d in fresh]
            hits_n = sum(1 for _ in rule.check(collected, ctx))
            times.append(time.process_time() - start)
            print(f"  {copies}x corpus: {len(fresh)} documents, {times[-1]:.2f} s, {hits_n} hits")
        print(f"  ratio 2x/1x: {times[1] / times[0]:.2f}")
    return 0


def _copy(docs: list[Document], c: int) -> list[Document]:
    if c == 0:
        return docs
    for d in docs:
        d.id = f"copy{c}/{d.id}"
        d.path = f"copy{c}/{d.path}"
    return docs


if __name__ == "__main__":
    sys.exit(main())
