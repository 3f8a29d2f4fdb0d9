"""Quality and speed of the name rules (name.typo, name.unverified) on the real corpus.

Run on demand (not a test):

    .venv/bin/python benchmarks/names_quality.py            # all figures
    .venv/bin/python benchmarks/names_quality.py --sample 30 # also print 30 findings per rule to read

Prints:
- timing: loading, name extraction, each rule's check, in process (one core);
- the untouched corpus: findings per rule, and per 10k characters per source;
- injected typos: recall of name.typo and the share of right suggestions, for letters
  deleted, swapped and substituted in names that occur at least twice in real articles,
  also split by whether the slip made an English word or a word other articles use
  ("Meta" -> "Meat", "Google" -> "Googl", a ticker): those are undecidable from spelling;
- injected inventions: recall of name.unverified for invented product names introduced
  as launched (「… 今日發布 …」, "… released …").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.config import Config  # noqa: E402
from checker.core.engine import Engine, RunOptions, load_inputs  # noqa: E402
from checker.core.model import Finding  # noqa: E402
from checker.extract.kb import load_kb  # noqa: E402
from checker.extract.names.extract import Mention, extract_names  # noqa: E402
from checker.extract.names.index import common_english, word_zipf  # noqa: E402
from checker.input.documents import Document  # noqa: E402
from checker.input.load import build_documents  # noqa: E402
from checker.input.source import SourceFile  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real"
TODAY = dt.date(2026, 11, 23)


def source_of(path: str) -> str:
    rel = Path(path).resolve().relative_to(CORPUS.resolve())
    return rel.parts[0].split("__")[0] if len(rel.parts) > 1 else "(top)"


def load_corpus() -> list[Document]:
    docs, errors = load_inputs([str(CORPUS)], Config())
    assert not errors, errors
    return docs


def run_rules(docs: list[Document], rules: list[str]) -> tuple[list[Finding], float]:
    for d in docs:
        d._cache.pop("names", None)
    engine = Engine(Config(select=rules), RunOptions(today=TODAY))
    started = time.perf_counter()
    report = engine.run(docs)
    assert not report.crashes, report.crashes[0].trace
    return report.findings, time.perf_counter() - started


# --- timing and the untouched corpus ---------------------------------------------------------------


def timing_and_rates(docs: list[Document]) -> dict[str, list[Finding]]:
    kb = load_kb()
    started = time.perf_counter()
    for d in docs:
        extract_names(d, kb)
    extraction = time.perf_counter() - started
    print(f"name extraction: {extraction:.1f} s for {len(docs)} documents")
    findings: dict[str, list[Finding]] = {}
    _, both = run_rules(docs, ["name"])
    print(f"name.typo + name.unverified (extraction included): {both:.1f} s")
    for rule in ("name.typo", "name.unverified"):
        got, secs = run_rules(docs, [rule])
        findings[rule] = got
        print(f"{rule} alone (extraction included): {secs:.1f} s, {len(got)} findings")
    chars: Counter[str] = Counter()
    for d in docs:
        chars[source_of(d.path)] += len(d.text)
    print("\nfindings per 10k characters, untouched corpus")
    print(f"{'source':<22}{'chars':>11}{'typo':>7}{'/10k':>7}{'unverified':>12}{'/10k':>7}")
    for src in sorted(chars):
        row = [len([f for f in findings[r] if source_of(f.path) == src]) for r in ("name.typo", "name.unverified")]
        per = [n / chars[src] * 10_000 for n in row]
        print(f"{src:<22}{chars[src]:>11,}{row[0]:>7}{per[0]:>7.2f}{row[1]:>12}{per[1]:>7.2f}")
    return findings


def print_sample(findings: list[Finding], docs: list[Document], n: int, seed: int) -> None:
    by_path = {d.path: d for d in docs}
    rng = random.Random(seed)
    pick = sorted(rng.sample(findings, min(n, len(findings))), key=lambda f: (f.path, f.location.line))
    for i, f in enumerate(pick, 1):
        src = by_path[f.path].source
        line = src.line_text(f.location.line)
        col = f.location.column - 1
        context = line[max(0, col - 60) : col + len(f.text) + 60].replace("\n", " ")
        print(f"{i:>2}. {Path(f.path).relative_to(CORPUS)}:{f.location.line}  [{f.text}] -> {f.suggestion}")
        print(f"    …{context}…")


# --- injected typos --------------------------------------------------------------------------------


FIRST_LETTER: list[bool] = []  # whether each mutation touched the first letter of its word


@dataclass
class Injection:
    doc_index: int
    start: int  # offset of the mutated name in the new text
    end: int
    original: str
    typo: str
    kind: str
    first: bool = False


def mutate(word: str, kind: str, rng: random.Random) -> str | None:
    """One slip inside a word: a letter deleted, two neighbours swapped, a letter substituted."""
    if len(word) < 3:
        return None
    i = rng.randrange(len(word))
    FIRST_LETTER.append(i == 0)
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        i = min(i, len(word) - 2)
        if word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i].lower()]
    c = rng.choice(letters)
    return word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1 :]


def mutate_name(name: str, kind: str, rng: random.Random) -> str | None:
    words = [m for m in re.finditer(r"[A-Za-z]{3,}", name)]
    if not words:
        return None
    w = max(words, key=lambda m: len(m.group(0)))
    new = mutate(w.group(0), kind, rng)
    if new is None or new == w.group(0):
        return None
    return name[: w.start()] + new + name[w.end() :]


def name_like(m: Mention) -> bool:
    """A real name rather than a capitalised word: known to the KB, or name-shaped, or a
    word English text does not use ("Image", "Input" are words; a slip in them is no
    name typo). The mutated word has at least four letters (the rule's floor)."""
    words = re.findall(r"[A-Za-z]+", m.text)
    if not words or max(len(w) for w in words) < 4 or m.quoted or m.shape in ("bracketed", "cjk", "lower"):
        return False
    if m.in_kb or m.shape in ("versioned", "camel", "hyphenated", "acronym"):
        return True
    return not common_english(max(words, key=len))


def candidate_names(docs: list[Document], kb_mentions: dict[int, list[Mention]]) -> dict[str, int]:
    """Names (as written) that occur at least twice in the real articles."""
    counts: Counter[str] = Counter()
    for ms in kb_mentions.values():
        for m in ms:
            if name_like(m):
                counts[m.text] += 1
    return {n: c for n, c in counts.items() if c >= 2}


def rebuild(doc: Document, new_text: str) -> Document:
    """The document read again from changed text (only whole-file documents are changed)."""
    built = build_documents(SourceFile(doc.source.path, new_text))
    match = [d for d in built if d.id == doc.id]
    return match[0] if match else built[0]


def inject_typos(docs: list[Document], rounds: int, per_round: int, seed: int, dump: Path | None = None) -> None:
    kb = load_kb()
    rows: list[str] = []
    vocab = {w.casefold() for name, _e in kb.all_names() for w in re.findall(r"[A-Za-z]+", name)}
    rng = random.Random(seed)
    mentions = {i: extract_names(d, kb) for i, d in enumerate(docs)}
    word_docs, word_here = _word_counts(docs, mentions)
    names = candidate_names(docs, mentions)
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses: list[str] = []
    for r in range(rounds):
        pool = [i for i, d in enumerate(docs) if d.entry_number is None]
        rng.shuffle(pool)
        injections: list[Injection] = []
        used: set[str] = set()  # misspelt words injected in this round
        new_docs = list(docs)
        for i in pool:
            if len(injections) >= per_round:
                break
            options = [m for m in mentions[i] if m.text in names and not m.quoted]
            if not options:
                continue
            m = rng.choice(options)
            kind = ("delete", "swap", "substitute")[len(injections) % 3]
            typo = mutate_name(m.text, kind, rng)
            if typo is None or typo in names or _new_words(m.text, typo) & used:
                continue  # the same new typo in two documents would vouch for itself as a name
            used |= _new_words(m.text, typo)
            doc = docs[i]
            text = doc.source.text
            start = m.span.start
            new_text = text[:start] + typo + text[m.span.end :]
            new_doc = rebuild(doc, new_text)
            new_docs[i] = new_doc
            injections.append(Injection(i, start, start + len(typo), m.text, typo, kind, FIRST_LETTER[-1]))
        findings, _ = run_rules(new_docs, ["name.typo"])
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_path[f.path].append(f)
        for inj in injections:
            doc = new_docs[inj.doc_index]
            totals[inj.kind] += 1
            where = "first letter" if inj.first else "inner letters"
            totals[where] += 1
            word = max(re.findall(r"[A-Za-z]{3,}", inj.original), key=len)
            shape = "all-caps word" if word.isupper() else "word < 5 letters" if len(word) < 5 else "other words"
            totals[shape] += 1
            # a slip that makes an English word or a word other articles use is undecidable from
            # spelling alone ("Meta" -> "Meat", "SpaceX" -> "Space", "Google" -> "Googl", a ticker)
            made = sorted(_new_words(inj.original, inj.typo))
            taken = any(word_zipf(w) >= 2.5 or len(word_docs.get(w, ())) > 0 for w in made)
            decidable = "typo makes a word" if taken else "typo makes no word"
            totals[decidable] += 1
            caught = [f for f in by_path[doc.path] if f.span.start < inj.end and inj.start < f.span.end]
            if dump is not None:
                new = sorted(_new_words(inj.original, inj.typo)) or ["?"]
                rows.append(
                    "\t".join(
                        str(x)
                        for x in (
                            inj.kind,
                            inj.original,
                            inj.typo,
                            word,
                            f"{word_zipf(new[0]):.2f}",
                            len(word_docs.get(word.casefold(), ())),
                            word_here.get((doc.id, word.casefold()), 0),
                            word.casefold() in vocab,
                            inj.first,
                            "right"
                            if any(_restores(doc.source.text, f, inj) for f in caught)
                            else "hit"
                            if caught
                            else "miss",
                            doc.path,
                        )
                    )
                )
            if caught:
                hits[inj.kind] += 1
                hits[where] += 1
                hits[shape] += 1
                hits[decidable] += 1
                if any(_restores(doc.source.text, f, inj) for f in caught):
                    right[inj.kind] += 1
            elif len(misses) < 40:
                misses.append(f"{inj.kind}: {inj.original!r} -> {inj.typo!r}")
        print(f"round {r + 1}: {len(injections)} typos injected")
    total = sum(totals[k] for k in ("delete", "swap", "substitute"))
    found = sum(hits[k] for k in ("delete", "swap", "substitute"))
    print("\ninjected typos (name.typo)")
    for kind in (
        "delete",
        "swap",
        "substitute",
        "first letter",
        "inner letters",
        "all-caps word",
        "word < 5 letters",
        "other words",
        "typo makes a word",
        "typo makes no word",
    ):
        t = totals[kind]
        if t:
            share = f"{hits[kind]:>4}/{t:<4} recall {hits[kind] / t:6.1%}"
            extra = f"   right suggestion {right[kind]}/{hits[kind]}" if kind in right else ""
            print(f"  {kind:<18} {share}{extra}")
    if total:
        print(
            f"  all              {found:>4}/{total:<4} recall {found / total:6.1%}   right suggestion "
            f"{sum(right.values())}/{found} = {sum(right.values()) / max(found, 1):.1%}"
        )
    print("  some misses: " + "; ".join(misses[:40]))
    if dump is not None:
        header = "kind\toriginal\ttypo\tword\ttypo_zipf\tword_docs\tword_here\tin_kb\tfirst\tresult\tpath"
        dump.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        print(f"  one row per injection written to {dump}")


def _word_counts(
    docs: list[Document], mentions: dict[int, list[Mention]]
) -> tuple[dict[str, set[str]], Counter[tuple[str, str]]]:
    """Documents per name word, and each document's count of it, on the untouched corpus."""
    where: dict[str, set[str]] = defaultdict(set)
    here: Counter[tuple[str, str]] = Counter()
    for i, d in enumerate(docs):
        for m in mentions[i]:
            for w in re.findall(r"[A-Za-z]+", m.text):
                where[w.casefold()].add(d.id)
                here[(d.id, w.casefold())] += 1
    return where, here


def _new_words(original: str, typo: str) -> set[str]:
    """The misspelt words of a typo, casefolded."""
    return {w.casefold() for w in re.findall(r"[A-Za-z]+", typo)} - {
        w.casefold() for w in re.findall(r"[A-Za-z]+", original)
    }


def _restores(text: str, f: Finding, inj: Injection) -> bool:
    """Whether applying the suggestion gives back the original name (up to separators and
    case): the finding may cover the whole name or just the misspelt word."""
    from checker.extract.names.keys import name_key

    if not f.suggestion:
        return False
    fixed = text[: f.span.start] + f.suggestion + text[f.span.end :]
    shift = len(fixed) - len(text)
    start, end = min(inj.start, f.span.start), max(inj.end, f.span.end) + shift
    restored = fixed[start:end]
    return name_key(restored) == name_key(
        text[start : inj.start] + inj.original + text[inj.end : max(inj.end, f.span.end)]
    )


# --- injected inventions -------------------------------------------------------------------------

_SYLLABLES = ["zor", "vex", "ka", "li", "mo", "ra", "quin", "tal", "nex", "ora", "vy", "dra", "lu", "mir", "sen"]
_ZH_TEMPLATES = [
    "{maker} 今日發布全新模型 {name}，號稱推理能力大幅提升。",
    "{maker}正式推出新一代 AI 晶片 {name}。",
    "{maker} 宣布開源 {name}，支援多模態任務。",
]
_EN_TEMPLATES = [
    "{maker} released {name}, a new open model for coding, today.",
    "{maker} launched {name} this week.",
]


def invented(rng: random.Random) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    shape = rng.randrange(3)
    if shape == 0:
        return f"{stem}-{rng.randint(1, 9)}"
    if shape == 1:
        return f"{stem} {rng.randint(1, 4)}.{rng.randint(0, 9)} Pro"
    return f"{stem}-{rng.choice(['Vision', 'Nova', 'Flux'])}-{rng.choice(['Pro', 'Max', 'X'])}"


def inject_inventions(docs: list[Document], count: int, seed: int) -> None:
    rng = random.Random(seed)
    pool = [i for i, d in enumerate(docs) if d.entry_number is None and d.format == "markdown"]
    rng.shuffle(pool)
    new_docs = list(docs)
    injected: list[tuple[int, str, int, int]] = []
    used: set[str] = set()
    for i in pool[:count]:
        doc = docs[i]
        name = invented(rng)
        if name in used:
            continue
        used.add(name)
        english = source_of(doc.path) == "Rebornbugkiller"
        template = rng.choice(_EN_TEMPLATES if english else _ZH_TEMPLATES)
        line = template.format(maker=rng.choice(["Acme Labs", "Nimbus AI", "Orbita"]), name=name)
        text = doc.source.text.rstrip("\n") + "\n\n" + line + "\n"
        start = text.index(name, len(doc.source.text.rstrip("\n")))
        new_docs[i] = rebuild(doc, text)
        injected.append((i, name, start, start + len(name)))
    findings, _ = run_rules(new_docs, ["name"])
    flagged = {(f.path, f.span.start) for f in findings if f.rule == "name.unverified"}
    near = {(f.path, f.span.start) for f in findings if f.rule == "name.typo"}
    hit = sum(1 for i, _, s, _e in injected if (new_docs[i].path, s) in flagged)
    either = sum(1 for i, _, s, _e in injected if (new_docs[i].path, s) in flagged | near)
    n = max(len(injected), 1)
    print(f"\ninjected inventions (name.unverified): {hit}/{len(injected)} = {hit / n:.1%}")
    print(f"  flagged by name.unverified or, as a near miss of a known name, by name.typo: {either / n:.1%}")
    missed = [name for i, name, s, _e in injected if (new_docs[i].path, s) not in flagged | near]
    print("  missed by both: " + ", ".join(missed[:15]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="print N findings of each rule to read")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--per-round", type=int, default=200)
    parser.add_argument("--skip-injection", action="store_true")
    parser.add_argument("--dump", type=Path, help="write one row per injected typo (TSV) to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = load_corpus()
    print(f"loaded {len(docs)} documents in {time.perf_counter() - started:.1f} s")
    findings = timing_and_rates(docs)
    if args.sample:
        for rule in ("name.typo", "name.unverified"):
            print(f"\n--- {args.sample} findings of {rule} to read (seed {args.seed}) ---")
            print_sample(findings[rule], docs, args.sample, args.seed)
    if not args.skip_injection:
        print()
        inject_typos(docs, args.rounds, args.per_round, args.seed, args.dump)
        inject_inventions(docs, 150, args.seed)


if __name__ == "__main__":
    main()
