"""Build checker/data/english_freq.txt.xz, the bundled English word-frequency list, from wordfreq.

Run by the team when wordfreq's data changes (wordfreq is not a dependency of checker: its
58 MB install holds 40+ languages, checker reads English only):

    pip install 'wordfreq==3.1.1'
    python scripts/build_english_freq.py            # writes the data file
    python scripts/build_english_freq.py --check    # compares every answer with wordfreq's

The file is wordfreq's "large" English list unchanged: line i holds, space-separated and in
wordfreq's order, the words whose frequency is i centibels below 1 (Zipf 9 - i/100). The data
is CC BY-SA 4.0 (see NOTICE): the bundled file is a copy of it and stays under that licence.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "checker" / "data" / "english_freq.txt.xz"
# the words the corpus runs and tests asked, with wordfreq's answers: tests/test_english_freq.py reads it
ANSWERS = ROOT / "tests" / "data" / "wordfreq_answers.json"


def build() -> None:
    import wordfreq

    pack = wordfreq.get_frequency_list("en", "large")
    for bucket in pack:
        # a space or newline inside a word would break the line format
        assert not any(" " in w or "\n" in w for w in bucket)
    text = "\n".join(" ".join(bucket) for bucket in pack) + "\n"
    OUT.write_bytes(lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    print(f"{OUT.relative_to(ROOT)}: {sum(map(len, pack)):,} words, {OUT.stat().st_size:,} bytes")


def _samples(asked: list[str]) -> list[str]:
    """The words to compare: those given, every word of the list's first 30,000, and made-up
    strings of the shapes checker passes (letters with - + . ' digits, accents, CJK, quotes)."""
    import wordfreq

    rng = random.Random(13)
    alphabet = string.ascii_lowercase * 3 + "-+.'_:,0123456789 " + "éü’中文ー@"
    made = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    top = wordfreq.top_n_list("en", 30000)
    parts = [w for w in top if w.isalpha()][:3000]
    joined = [f"{rng.choice(parts)}{rng.choice('-+.')}{rng.choice(parts)}" for _ in range(5000)]
    numbers = [f"gpt{rng.randint(0, 99999)}" for _ in range(500)] + [f"{rng.randint(1900, 2100)}" for _ in range(300)]
    return sorted({*asked, *top, *made, *joined, *numbers, "", " ", "'", "don’t", "ﬁne", "İstanbul"})


def check(asked_file: Path | None) -> int:
    import wordfreq

    from checker.text import english_freq

    asked = list(json.loads(asked_file.read_text())["asked"]) if asked_file else []
    words = _samples(asked)
    wrong = [(w, wordfreq.zipf_frequency(w, "en"), english_freq.zipf(w)) for w in words]
    wrong = [t for t in wrong if t[1] != t[2]]
    top_ok = english_freq.top_words(30000) == wordfreq.top_n_list("en", 30000)
    print(f"{len(words):,} words compared, {len(wrong)} differ; top_n_list(30000) identical: {top_ok}")
    for t in wrong[:20]:
        print("  differs:", t)
    if asked:
        ANSWERS.parent.mkdir(exist_ok=True)
        record = {w: wordfreq.zipf_frequency(w, "en") for w in sorted(asked)}
        ANSWERS.write_text(json.dumps(record, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{ANSWERS.relative_to(ROOT)}: {len(record):,} recorded answers")
    return 1 if wrong or not top_ok else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the bundled answers with wordfreq's")
    parser.add_argument("--asked", type=Path, help="JSON {'asked': {word: zipf}} of words a run asked (recorded)")
    args = parser.parse_args()
    if args.check:
        return check(args.asked)
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
