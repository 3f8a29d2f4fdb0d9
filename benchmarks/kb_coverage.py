"""KB coverage: of the real product names that digests mention, how many does the KB know?

Run on demand (not a test):

    .venv/bin/python benchmarks/kb_coverage.py                    # counts, validation corpus
    .venv/bin/python benchmarks/kb_coverage.py --corpus real      # counts, development corpus
    .venv/bin/python benchmarks/kb_coverage.py --sample 100 --seed 1 --out cov/validation.tsv
    .venv/bin/python benchmarks/kb_coverage.py --score cov/validation.tsv

Population. The documents of the corpus (`load_inputs` with the default `Config`) that are
articles (`is_article`: no README, changelog, `_site/` output) and are dated (`doc.published`)
on or before the KB's horizon (`load_kb().horizon`): a name launched after the horizon cannot
be in the KB, so later articles would measure staleness, not coverage. Undated articles are
left out for the same reason.

"Product-like" names. The mentions of `names_of(doc, kb)` whose *intrinsic* shape (the shape
the extractor gives the text without a KB) is one of

- "versioned": letters with digits or a separate version number (GPT-4o, H100, Gemini Ultra 2.0),
  starting with a letter (not "41.814Z", "26-28-hour": numbers with units),
- "camel": inner capitals (DeepSeek, ChatGPT, LangChain),
- "hyphenated": capitalised parts joined by hyphens (Hub-Vision-Pro),
- "acronym": an all-capitals token of 2+ letters (NVIDIA, RTX), except the generic acronyms
  of the lexicon (names.toml `generic-acronym`: AI, LLM, GPU, API, ...).

Left out: "title" (plain capitalised words: people, places, headings, English words) and
lowercase words. The shape is recomputed without the KB on purpose: the extractor labels a
mention "kb" when the KB knows it, and the "lower" and "cjk" shapes exist only for KB names, so
taking them in would admit known plain words ("Gemini", "cursor", 輝達) while excluding unknown
ones ("Gemini Ultra", "manus", 豆包) and inflate the coverage. For the same reason CJK names
are not measured at all (the extractor finds only the CJK names the KB knows), nor the content
of 《》 and name quotes (mostly titles of books, papers and articles; shape "bracketed"), nor
any mention with Han characters in it. Quoted mentions are kept.

Mentions are deduplicated by name key (`Mention.key`); the sample is uniform over the distinct
names (not weighted by how often they occur), each shown at its first occurrence (documents in
path order).

Known. `kb.knows(name)`, or a KB family followed only by routine parts as name.unverified
counts it (`candidates._family_known`: "Qwen3 32B", "Gemini 3.1 Flash" when the KB has
"Gemini 3.1 Pro", "Docker Desktop 4.50"). The sample TSV has no KB column (the judge must not
see it); the answer is written to FILE + ".kb".

Judgements: real (a real product, model, chip, framework, company, service ...), not-product
(a word, acronym, person, event, identifier ...), invented (no such thing exists), unsure.
`--score` prints the share of the real names the KB knows (target >= 90%), the real names it
does not know, and the invented names it "knows" (should be none).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.core.config import Config  # noqa: E402
from checker.core.engine import load_inputs  # noqa: E402
from checker.extract.kb import KnowledgeBase, load_kb  # noqa: E402
from checker.extract.names.candidates import _family_known  # noqa: E402
from checker.extract.names.extract import Mention, _run_shape, names_of  # noqa: E402
from checker.extract.names.keys import has_han  # noqa: E402
from checker.extract.names.tokens import _tokens  # noqa: E402
from checker.input.documents import Document, is_article  # noqa: E402
from checker.lexicon import words  # noqa: E402
from checker.text.sentences import sentence_around  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpus"
PRODUCT_SHAPES = frozenset({"versioned", "camel", "hyphenated", "acronym"})
KB_ONLY_SHAPES = frozenset({"lower", "cjk", "bracketed"})
GENERIC_ACRONYMS = words("names", "generic-acronym")
JUDGEMENTS = ("real", "not-product", "invented", "unsure")
SAMPLE_COLUMNS = ["id", "name", "where", "sentence", "judgement"]
KB_COLUMNS = ["id", "name", "key", "known", "how", "entry"]


def intrinsic_shape(text: str) -> str | None:
    """The shape the extractor would give `text` with no KB (None for no name)."""
    toks = _tokens(text)
    return _run_shape(toks, None) if toks else None


def product_like(m: Mention) -> bool:
    if m.shape in KB_ONLY_SHAPES or m.text in GENERIC_ACRONYMS or has_han(m.text):
        return False
    shape = intrinsic_shape(m.text)
    if shape == "versioned" and not m.text[:1].isalpha():
        return False  # "41.814Z", "26-28-hour": a number with a unit, no name in front
    return shape in PRODUCT_SHAPES


def known_how(name: str, kb: KnowledgeBase) -> tuple[str, str]:
    """("exact" | "family" | "", the KB entry's name)."""
    entry = kb.lookup(name)
    if entry is not None:
        return "exact", entry.name
    if _family_known(name, kb):
        return "family", ""
    return "", ""


@dataclass
class Occurrence:
    name: str
    key: str
    where: str  # path:line, relative to the corpora folder
    sentence: str
    count: int = 1  # mentions with this key
    docs: int = 1  # articles mentioning it


def one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def collect(corpus: Path, kb: KnowledgeBase) -> dict[str, Occurrence]:
    docs, errors = load_inputs([str(corpus)], Config())
    if errors:
        print(f"{len(errors)} load errors (first: {errors[0]})", file=sys.stderr)
    docs = sorted(docs, key=lambda d: (d.path, d.first_line))
    articles = [d for d in docs if is_article(d.path)]
    dated = [d for d in articles if d.published is not None]
    kept: list[Document] = [
        d for d in dated if d.published is not None and (kb.horizon is None or d.published <= kb.horizon)
    ]
    print(f"corpus {corpus}")
    print(f"documents {len(docs)}, articles {len(articles)}, dated {len(dated)}, dated up to the horizon "
          f"{kb.horizon}: {len(kept)}")  # fmt: skip
    names: dict[str, Occurrence] = {}
    shapes: Counter[str] = Counter()
    total = product = 0
    for d in kept:
        seen: set[str] = set()
        for m in names_of(d, kb):
            total += 1
            if not product_like(m):
                continue
            product += 1
            shapes[intrinsic_shape(m.text) or ""] += 1
            occ = names.get(m.key)
            if occ is not None:
                occ.count += 1
                if m.key not in seen:
                    occ.docs += 1
                seen.add(m.key)
                continue
            seen.add(m.key)
            seg = d.segments[m.segment].text
            a, b = sentence_around(seg, m.start, m.end)
            line = d.source.line_of(m.span.start)
            rel = Path(d.path).resolve().relative_to(CORPORA.resolve())
            names[m.key] = Occurrence(m.text, m.key, f"{rel}:{line}", one_line(seg[a:b]))
    known = sum(1 for o in names.values() if known_how(o.name, kb)[0])
    print(f"name mentions {total}, product-like {product} ({dict(shapes.most_common())})")
    print(f"distinct product-like names (by key) {len(names)}, of which the KB knows {known} "
          f"({known / max(len(names), 1):.0%}, before judging)")  # fmt: skip
    return names


def write_sample(names: dict[str, Occurrence], kb: KnowledgeBase, n: int, seed: int, out: Path) -> None:
    rng = random.Random(seed)
    pick = rng.sample(sorted(names), min(n, len(names)))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f, Path(f"{out}.kb").open("w", encoding="utf-8") as g:
        sample = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        answer = csv.writer(g, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        sample.writerow(SAMPLE_COLUMNS)
        answer.writerow(KB_COLUMNS)
        for i, key in enumerate(pick, 1):
            o = names[key]
            how, entry = known_how(o.name, kb)
            sample.writerow([i, o.name, o.where, o.sentence, ""])
            answer.writerow([i, o.name, o.key, "yes" if how else "no", how, entry])
    print(f"wrote {len(pick)} names to {out} (answers: {out}.kb)")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def score(path: Path) -> int:
    judged = {r["id"]: r for r in read_tsv(path)}
    answers = {r["id"]: r for r in read_tsv(Path(f"{path}.kb"))}
    verdicts: Counter[str] = Counter()
    bad: list[str] = []
    for i, r in judged.items():
        j = (r.get("judgement") or "").strip().lower()
        if j not in JUDGEMENTS:
            bad.append(f"{i} {r['name']!r}: {j or '(empty)'}")
            continue
        if i not in answers:
            bad.append(f"{i} {r['name']!r}: not in the .kb file")
            continue
        verdicts[j] += 1
    print(f"{path}: {len(judged)} names; " + ", ".join(f"{k} {verdicts[k]}" for k in JUDGEMENTS))
    if bad:
        print(f"not scored ({len(bad)}):")
        for b in bad:
            print(f"  {b}")

    def ids(judgement: str, known: bool) -> list[str]:
        return [
            i
            for i, r in judged.items()
            if (r.get("judgement") or "").strip().lower() == judgement
            and i in answers
            and (answers[i]["known"] == "yes") == known
        ]

    real_known, real_unknown = ids("real", True), ids("real", False)
    real = len(real_known) + len(real_unknown)
    share = len(real_known) / real if real else 0.0
    print(f"judged real: {real}; the KB knows {len(real_known)} ({share:.1%}; target >= 90%)")
    family = [i for i in real_known if answers[i]["how"] == "family"]
    if family:
        print(f"  of which known as a family with routine parts: {len(family)}")
    print(f"real products the KB does not know ({len(real_unknown)}):")
    for i in real_unknown:
        print(f"  {i}\t{judged[i]['name']}\t{judged[i]['where']}")
    invented = ids("invented", True)
    print(f"invented names the KB 'knows' ({len(invented)}, should be 0):")
    for i in invented:
        print(f"  {i}\t{judged[i]['name']}\t{answers[i]['how']} {answers[i]['entry']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--corpus", default="validation", help="validation (default), real, or a folder")
    ap.add_argument("--sample", type=int, default=0, help="write a sample of N distinct names")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="the sample TSV (answers go to OUT.kb)")
    ap.add_argument("--score", type=Path, help="score a judged sample TSV against its .kb file")
    args = ap.parse_args(argv)
    if args.score:
        return score(args.score)
    corpus = CORPORA / args.corpus if args.corpus in ("validation", "real") else Path(args.corpus)
    kb = load_kb()
    names = collect(corpus, kb)
    if args.sample:
        if args.out is None:
            ap.error("--sample needs --out")
        write_sample(names, kb, args.sample, args.seed, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
