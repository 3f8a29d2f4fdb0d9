"""Quality of the date rules on the real corpus: injected errors, rates, a reading sample.

Run on demand (not a test; it reads ../shared and never writes there):

    .venv/bin/python benchmarks/dates_quality.py                  # everything below
    .venv/bin/python benchmarks/dates_quality.py --show 30        # plus 30 findings per rule to read
    .venv/bin/python benchmarks/dates_quality.py --no-dateparser  # skip the dateparser comparison

1. Untouched corpus: findings of date.future / date.mismatch / date.weekday / date.undated
   per 10k characters, and the time the four rules take.
2. Injected errors, each into an in-memory copy of one real article (the bytes on disk are
   never changed), then the document is rebuilt through the real loader and the rule run:
   - weekday: a wrong weekday written after a full date (星期X / 週X / (X) / , Mon);
   - future: an event's date (a date followed by 發布了/推出/宣布/released… within the
     sentence, found by a test independent of the extractor's own classifier) moved 3 to
     60 days past the publication date, written in the same style;
   - mismatch: the front-matter date, the entry header or the first heading date moved
     1 to 30 days away from the other statements.
   Recall per kind = injected errors reported at the injected place / injected errors.
3. dateparser: `search_dates` over the first 3,000 characters of sample Chinese articles,
   what it returns that our grammar does not (the issue's "measure, do not assume").

The same documents and offsets are drawn on every run (seeded).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from checker.rules.date.future import DateFuture
from checker.rules.date.mismatch import DateMismatch
from checker.rules.date.weekday import DateWeekday

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions, load_inputs
from checker.core.model import Finding, Hit
from checker.core.rule import DocumentRule, RunContext
from checker.extract.temporal import Kind, Precision, TemporalMention, extract_dates, scan_text
from checker.extract.temporal.dating import restyle
from checker.input.documents import Document
from checker.input.load import build_documents
from checker.input.published import publication_statements, settle_publication
from checker.input.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
RULES = ("date.future", "date.mismatch", "date.weekday", "date.undated")
TODAY = dt.date(2026, 11, 23)
SEED = 20251215
PER_KIND = 200


# --- helpers ---------------------------------------------------------------------------------


def rebuild(path: str, text: str) -> list[Document]:
    """Documents of an in-memory text, through the real loader."""
    source = SourceFile(path, text, len(text.encode("utf-8")))
    docs = build_documents(source)
    for d in docs:
        settle_publication(d)
    return docs


def hits_of(rule: DocumentRule, docs: list[Document]) -> list[tuple[Document, Hit]]:
    ctx = RunContext(today=TODAY)
    return [(d, h) for d in docs for h in rule.check(d, ctx)]


def source_name(path: str) -> str:
    parts = Path(path).parts
    return parts[parts.index("real") + 1] if "real" in parts else Path(path).name


_ZH_WD = "一二三四五六日"
_EN_WD = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- 1. untouched corpus ---------------------------------------------------------------------


def untouched(paths: list[str]) -> tuple[list[Finding], int, float]:
    cfg = Config(root=ROOT)
    docs, _ = load_inputs(paths, cfg)
    chars = sum(len(s.text) for s in {id(d.source): d.source for d in docs}.values())
    opts = RunOptions(today=TODAY, extra_select=list(RULES))
    started = time.perf_counter()
    report = Engine(cfg, opts).run(docs)
    elapsed = time.perf_counter() - started
    assert not report.crashes, report.crashes[0].trace
    return report.findings, chars, elapsed


# --- 2. injections ---------------------------------------------------------------------------


class Injection:
    def __init__(self, kind: str, path: str, text: str, span: tuple[int, int], note: str, value: str = "") -> None:
        self.kind, self.path, self.text, self.span, self.note = kind, path, text, span, note
        self.value = value  # the injected date, ISO


def weekday_injections(docs: list[Document], rng: random.Random) -> list[Injection]:
    out: list[Injection] = []
    pool = [
        (d, m)
        for d in docs
        for m in extract_dates(d)
        if m.precision is Precision.DAY
        and m.start is not None
        and m.weekday is None
        and m.kind is not Kind.RELATIVE
        and m.range_role is None
        and m.segment_kind != "title"
        and m.year is not None
    ]
    rng.shuffle(pool)
    seen: set[str] = set()
    for d, m in pool:
        if d.path in seen or len(out) >= PER_KIND:
            continue
        seen.add(d.path)
        assert m.start is not None
        wrong = (m.start.weekday() + rng.randint(1, 6)) % 7
        english = m.text[:1].isalpha() and m.text[:1].isascii()
        style = rng.choice(["星期", "週", "周", "("]) if not english else ","
        mark = {"(": f"({_ZH_WD[wrong]})", ",": f", {_EN_WD[wrong]}"}.get(style, f" {style}{_ZH_WD[wrong]}")
        text = d.source.text
        pos = m.span.end
        out.append(
            Injection("weekday", d.path, text[:pos] + mark + text[pos:], (pos, pos + len(mark)), f"{m.text}{mark}")
        )
    return out


_EVENT_AFTER = re.compile(
    r"^[^。！？!?\n]{0,15}?(?:發布了|发布了|推出了|宣布|宣佈|發表了|发表了|上線了|上线了|開源了|开源了"
    r"|released|launched|announced|unveiled)"
)
_EVENT_BEFORE = re.compile(r"(?:released|launched|announced|unveiled|發布於|发布于|推出於|推出于)[ \t]*(?:on[ \t]+)?$")
_PLANNY = re.compile(r"將|将|預計|预计|計劃|计划|will|expected|plans|若|如果")


def future_injections(docs: list[Document], rng: random.Random) -> list[Injection]:
    out: list[Injection] = []
    pool: list[tuple[Document, TemporalMention]] = []
    for d in docs:
        if d.published is None:
            continue
        text = d.source.text
        for m in extract_dates(d):
            if m.precision is not Precision.DAY or m.kind is Kind.RELATIVE or m.segment_kind == "title":
                continue
            if m.range_role is not None or m.in_link_text:
                continue
            after = text[m.span.end : m.span.end + 40]
            line_start = text.rfind("\n", 0, m.span.start) + 1
            before = text[max(line_start, m.span.start - 30) : m.span.start]
            told = _EVENT_AFTER.match(after) or _EVENT_BEFORE.search(before)
            if told and not _PLANNY.search(before + after[:20]):
                pool.append((d, m))
    rng.shuffle(pool)
    seen: set[str] = set()
    for d, m in pool:
        if d.path in seen or len(out) >= PER_KIND:
            continue
        assert d.published is not None
        if m.kind is Kind.PARTIAL:
            # a year-less date is future only within the publication month (see resolve.py)
            last = (d.published.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if last.day - d.published.day < 2:
                continue
            new = d.published + dt.timedelta(days=rng.randint(2, last.day - d.published.day))
        else:
            new = d.published + dt.timedelta(days=rng.randint(3, 60))
        written = _write_like(m.text, new)
        if written is None:
            continue
        seen.add(d.path)
        text = d.source.text
        out.append(
            Injection(
                "future",
                d.path,
                text[: m.span.start] + written + text[m.span.end :],
                (m.span.start, m.span.start + len(written)),
                f"{m.text} -> {written}",
            )
        )
    return out


_EN_MONTHS = tuple(calendar.month_name)[1:]  # January .. December


def _write_like(text: str, date: dt.date) -> str | None:
    if re.search(r"[A-Za-z]", text):
        year = f", {date.year}" if re.search(r"\d{4}", text) else ""
        return f"{_EN_MONTHS[date.month - 1]} {date.day}{year}"
    written = restyle(text, date)
    return written if isinstance(written, str) else None


def mismatch_injections(docs: list[Document], rng: random.Random) -> list[Injection]:
    """Move one statement of the document's date away from the others."""
    out: list[Injection] = []
    pool = [d for d in docs if d.published is not None]
    rng.shuffle(pool)
    seen: set[str] = set()
    for d in pool:
        if len(out) >= PER_KIND or d.path in seen:
            continue
        statements = [s for s in publication_statements(d) if s.span is not None and s.date is not None]
        others = [s for s in publication_statements(d) if s.date is not None]
        if len(others) < 2 and not (statements and statements[0].source in ("front-matter", "entry-header")):
            continue  # nothing for a moved date to disagree with
        target = rng.choice(statements) if statements else None
        if target is None or target.span is None or target.date is None:
            continue
        if len(others) < 2:
            continue
        shift = rng.choice([-1, 1]) * rng.randint(1, 30)
        new = target.date + dt.timedelta(days=shift)
        written = _write_statement(d.source.text[target.span.start : target.span.end], target.date, new)
        if written is None:
            continue
        seen.add(d.path)
        text = d.source.text
        out.append(
            Injection(
                "mismatch",
                d.path,
                text[: target.span.start] + written + text[target.span.end :],
                (target.span.start, target.span.start + len(written)),
                f"{target.source}: {target.text} -> {written}",
                new.isoformat(),
            )
        )
    return out


def _write_statement(written: str, old: dt.date, new: dt.date) -> str | None:
    iso = old.isoformat()
    if iso in written:
        return written.replace(iso, new.isoformat(), 1)
    if written.startswith("[") and written.endswith("]"):
        return f"[{new.isoformat()}]"
    return _write_like(written, new)


def detected(inj: Injection, rule: DocumentRule) -> bool:
    docs = rebuild(inj.path, inj.text)
    a, b = inj.span
    for _, h in hits_of(rule, docs):
        if h.span.start < b + 2 and a - 2 < h.span.end:
            return True
        # a moved statement that wins may be reported at the one it now disagrees with
        if inj.kind == "mismatch" and any(e.value == inj.value for e in h.evidence):
            return True
    return False


def run_injections(docs: list[Document]) -> dict[str, tuple[int, int, list[str]]]:
    results: dict[str, tuple[int, int, list[str]]] = {}
    makers: list[tuple[str, Callable[[list[Document], random.Random], list[Injection]], DocumentRule]] = [
        ("weekday", weekday_injections, DateWeekday()),
        ("future", future_injections, DateFuture()),
        ("mismatch", mismatch_injections, DateMismatch()),
    ]
    for kind, make, rule in makers:
        injections = make(docs, random.Random(SEED))
        missed: list[str] = []
        found = 0
        for inj in injections:
            if detected(inj, rule):
                found += 1
            else:
                missed.append(f"{source_name(inj.path)}: {inj.note}")
        results[kind] = (found, len(injections), missed)
    return results


# --- 3. dateparser ---------------------------------------------------------------------------


def dateparser_probe(docs: list[Document], n: int = 20) -> None:
    try:
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - dateparser is a dependency
        print("dateparser not installed")
        return
    rng = random.Random(SEED)
    zh = [d for d in docs if re.search(r"[\u4e00-\u9fff]{20}", d.text[:2000])]
    sample = rng.sample(zh, min(n, len(zh)))
    total = ours_overlap = absurd = 0
    examples: list[str] = []
    started = time.perf_counter()
    for d in sample:
        text = d.text[:3000]
        ours = [(m.span.start - d.span.start, m.span.end - d.span.start) for m in scan_text(text)]
        try:
            found = search_dates(text, languages=["zh", "en"]) or []
        except Exception as exc:  # dateparser raises on some inputs
            examples.append(f"error {type(exc).__name__}")
            continue
        for phrase, when in found:
            total += 1
            pos = text.find(phrase)
            if any(a < pos + len(phrase) and pos < b for a, b in ours):
                ours_overlap += 1
                continue
            if not re.search(r"[年月日号號]|\d{4}|[A-Z][a-z]{2}", phrase) or when.year > 2030:
                absurd += 1
                if len(examples) < 12:
                    examples.append(f"{phrase!r} -> {when.date().isoformat()}")
    elapsed = time.perf_counter() - started
    seed = CORPUS.parent / "seeds" / "000_0ca78439a81582af.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")[:3000]
        ours = [(m.span.start, m.span.end) for m in scan_text(text)]
        odd = [
            (p, w.date().isoformat())
            for p, w in search_dates(text, languages=["zh", "en"]) or []
            if not any(a < text.find(p) + len(p) and text.find(p) < b for a, b in ours)
        ]
        print(f"\n## dateparser on seed 000 (first 3,000 characters): {len(odd)} results our grammar does not have")
        for p, w in odd[:10]:
            print(f"    {p!r} -> {w}")
    print(
        f"  {total} results in {elapsed:.1f} s; {ours_overlap} overlap a mention of our grammar; "
        f"{total - ours_overlap} do not, of which {absurd} have no date marker at all or a year after 2030"
    )
    for e in examples:
        print(f"    {e}")


# --- reading sample --------------------------------------------------------------------------


def show(findings: list[Finding], n: int) -> None:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    rng = random.Random(SEED)
    for rule in RULES:
        items = by_rule.get(rule, [])
        picked = items if len(items) <= n else rng.sample(items, n)
        print(f"\n## {rule}: {len(picked)} of {len(items)} findings")
        for k, f in enumerate(sorted(picked, key=lambda f: (f.path, f.location.line)), 1):
            line = Path(f.path).read_text(encoding="utf-8", errors="replace").splitlines()[f.location.line - 1]
            col = f.location.column - 1
            context = line[max(0, col - 60) : col + 60].replace("\x00", "@")
            print(f"{k:3}. {source_name(f.path)} {Path(f.path).name}:{f.location.line}  [{f.text}]  {f.message}")
            print(f"     … {context} …")


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(CORPUS)])
    parser.add_argument("--show", type=int, default=0, help="print N findings of each rule to read by hand")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args(argv)
    if not Path(args.paths[0]).exists():
        print(f"corpus not found: {args.paths[0]}", file=sys.stderr)
        return 2

    findings, chars, elapsed = untouched(args.paths)
    counts = Counter(f.rule for f in findings)
    docs_with = {r: len({f.document for f in findings if f.rule == r}) for r in RULES}
    print(f"## untouched corpus: {chars:,} characters, the four date rules in {elapsed:.2f} s (engine run)")
    print(f"  {'rule':15} {'findings':>8} {'per 10k chars':>14} {'documents':>10}")
    for rule in RULES:
        print(f"  {rule:15} {counts[rule]:8} {counts[rule] / chars * 10_000:14.4f} {docs_with[rule]:10}")

    cfg = Config(root=ROOT)
    docs, _ = load_inputs(args.paths, cfg)
    print("\n## injected errors (in-memory copies; recall = reported at the injected place)")
    results = run_injections(docs)
    for kind, (found, total, missed) in results.items():
        rate = found / total if total else 0.0
        print(f"  {kind:9} {found:4} / {total:4} = {rate:6.1%}")
        for m in missed[:8]:
            print(f"      missed: {m}")

    if not args.no_dateparser:
        dateparser_probe(docs)
    if args.show:
        show(findings, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
