"""English dates: checker's grammar against dateparser, on every English date span it finds.

Run on demand (not a test; reads ../shared, writes nothing):

    .venv/bin/python benchmarks/english_dates.py [--show 20] [FOLDER ...]

The design card names dateparser as the date library. checker's grammar finds and normalises
date spans itself (extract/temporal/grammar.py: dateparser's `search_dates` over free Chinese
text invents dates, see benchmarks/dates_quality.py). For English spans the grammar has found,
dateparser is a fair second reader of the *normalisation*: this script gives each span (with
the document's anchor as RELATIVE_BASE) to `dateparser.parse` and counts where the two agree,
where dateparser reads nothing, and where they differ, listing the differences to judge by
hand. A difference where dateparser is right is a grammar bug to fix with a fixture.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_FOLDERS = (
    CORPUS / "real" / "Rebornbugkiller__Hextra-AI-Insight-Daily",
    CORPUS / "validation" / "Planeshifter__hackernews-ai-digest",
    CORPUS / "validation" / "eagle-cool__ai-digest",
)
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    ap.add_argument(
        "--prefer",
        default="current_period",
        choices=("past", "current_period", "future"),
        help="dateparser's PREFER_DATES_FROM for year-less dates",
    )
    args = ap.parse_args()

    import dateparser

    from checker.extract.temporal import Precision, extract_dates
    from checker.extract.temporal.dating import anchor_of
    from checker.input.load import InputFile, load_documents

    counts: Counter[str] = Counter()
    diffs: list[str] = []
    today = dt.date(2026, 12, 6)
    for folder in args.folders:
        for path in sorted(folder.rglob("*.md")):
            for doc in load_documents(InputFile(str(path), path)):
                anchor, _ = anchor_of(doc, today)
                base = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
                for m in extract_dates(doc, anchor):
                    if not _LATIN.search(m.text) or _HAN.search(m.text) or m.start is None:
                        continue
                    if m.precision not in (Precision.DAY, Precision.MONTH):
                        continue
                    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": args.prefer}
                    if m.precision is Precision.MONTH:
                        settings["PREFER_DAY_OF_MONTH"] = "first"
                    text = m.text.split("(")[0].strip(" ,")
                    got = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
                    if got is None:
                        counts["dateparser reads nothing"] += 1
                        continue
                    ours = m.start if m.precision is Precision.DAY else m.start.replace(day=1)
                    theirs = got.date() if m.precision is Precision.DAY else got.date().replace(day=1)
                    if ours == theirs:
                        counts["agree"] += 1
                    else:
                        counts["differ"] += 1
                        line = doc.source.line_of(m.span.start)
                        where = f"{path.relative_to(CORPUS)}:{line} {m.text!r}"
                        diffs.append(f"{where}: grammar {ours}, dateparser {theirs} (anchor {anchor})")
    total = sum(counts.values())
    print(f"English day/month date spans: {total}")
    for k, v in counts.most_common():
        print(f"  {k:26} {v:6}  ({v / total:.1%})" if total else f"  {k} {v}")
    for d in diffs[: args.show]:
        print("  " + d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
