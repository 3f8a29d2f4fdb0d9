"""CPU time of `checker check` (all rules) on hostile inputs at N, 2N and 4N bytes, with ratios.

Run on demand (not a test):

    .venv/bin/python benchmarks/pathological.py --kb 250          # 250, 500, 1000 KB per shape
    .venv/bin/python benchmarks/pathological.py --kb 2000 --once  # each shape once at 2 MB
    .venv/bin/python benchmarks/pathological.py --only links,dates

Every shape of issue 17 (and the earlier one-line shapes: N maker names, Title Case words,
figures, dated weekdays, links/DOIs, launched names) grows by repeating a unit, so its text
is linear in N. Time is the child's CPU time (user + system, `getrusage`): the machine is
shared, wall time measures the neighbours. A 2N/N ratio near 2 is linear; above 2.3 some
path grows faster than the input. Targets (issue 17): 2 MB < 10 s, 20 MB < 100 s, every
2N/N <= 2.3. tests/test_pathological.py runs small versions of every shape.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# child_env.py sits beside this script; tests load this file by path, without benchmarks/ on sys.path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_env import user_env, warm_bytecode

ROOT = Path(__file__).resolve().parent.parent
REAL_ARTICLE = ROOT.parent / "shared/corpus/real/aitechdaily__aitechdaily.github.io/2025-08-21-daily-ai-news.md"
_FALLBACK_ARTICLE = (
    "---\ntitle: 每日 AI 新聞\ndate: 2025-08-21\n---\n\n# 每日 AI 新聞\n\n"
    "## OpenAI 發布 GPT-5\n\nOpenAI 於 8 月 7 日發布 GPT-5，訓練成本約 5 億美元，較上一代提升 35%。"
    "詳見 [官方公告](https://openai.com/index/introducing-gpt-5/)。\n\n"
    "## Google 推出 Gemini 2.5\n\nGoogle 宣布 Gemini 2.5 Pro 於 2025 年 6 月 17 日（星期二）正式上線。\n\n"
)


def _repeat(unit: Callable[[int], str], size: int, sep: str = "", head: str = "# T\n\n", tail: str = "\n") -> str:
    """head + unit(0) + sep + unit(1) ... until the text holds `size` characters."""
    parts: list[str] = [head]
    n = len(head) + len(tail)
    i = 0
    while n < size:
        piece = unit(i) + sep
        parts.append(piece)
        n += len(piece)
        i += 1
    return "".join(parts) + tail


def _article() -> str:
    try:
        return REAL_ARTICLE.read_text(encoding="utf-8")
    except OSError:
        return _FALLBACK_ARTICLE


def shapes() -> dict[str, tuple[str, Callable[[int], str]]]:
    """name -> (file suffix, make(size in characters) -> text)."""
    rng = random.Random(17)
    article = _article()
    zh_rest = article.split("\n---\n", 1)[-1] if article.startswith("---") else article

    def articles(size: int) -> str:
        # a real article, its front matter once, its body repeated (the "19 MB file" of issue 17)
        return _repeat(lambda i: zh_rest + "\n", size, head=article[: len(article) - len(zh_rest)], tail="")

    return {
        # the one-line shapes of the first version of this benchmark
        "maker names": (".md", lambda s: _repeat(lambda i: "OpenAI Sam Altman Google", s, " ")),
        "title case words": (".md", lambda s: _repeat(lambda i: f"Alpha{chr(65 + i % 26)}", s, " ")),
        "figures": (
            ".md",
            lambda s: _repeat(lambda i: f"DeepSeek-V3 的訓練成本為 {rng.randint(500, 600)} 萬美元", s, "，"),
        ),
        "dated weekdays": (
            ".md",
            lambda s: _repeat(
                lambda i: f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三 發布",
                s,
                "，",
                head="---\ndate: 2025-06-01\n---\n\n",
            ),
        ),
        "links dois": (
            ".md",
            lambda s: _repeat(
                lambda i: f"[x](https://example{i}.com/a/{i}) arXiv:2501.{i % 99999:05d} doi:10.1000/{i}", s, " "
            ),
        ),
        "launched names": (".md", lambda s: _repeat(lambda i: f"公司今日發布 Zorvex-{i} 模型", s, "。")),
        # issue 17's hostile shapes
        "markdown links": (".md", lambda s: _repeat(lambda i: f"[t](https://example.com/p/{i})", s, " ")),
        "links lines": (
            ".md",
            lambda s: _repeat(lambda i: f"- [Item {i}](https://site{i % 97}.example.org/{i})", s, "\n"),
        ),
        "real article x k": (".md", articles),
        "backtick runs": (".md", lambda s: _repeat(lambda i: "`" * (1 + i % 7) + " a", s, " ")),
        "backtick lines": (".md", lambda s: _repeat(lambda i: "``` x `` y ` z", s, "\n")),
        "details closed": (".md", lambda s: _repeat(lambda i: f"<details><summary>{i}</summary>x</details>", s, "\n")),
        "details open": (".md", lambda s: _repeat(lambda i: f"<details><summary>{i}</summary>x", s, "\n")),
        "unknown directives": (".md", lambda s: _repeat(lambda i: f"<!-- checker: ignore bogus.rule{i} -->", s, "\n")),
        "directive pairs": (
            ".md",
            lambda s: _repeat(
                lambda i: f"<!-- checker: disable name.typo -->\nText {i}.\n<!-- checker: enable name.typo -->", s, "\n"
            ),
        ),
        "html entities": (
            ".html",
            lambda s: _repeat(
                lambda i: f"&amp;&#{32 + i % 5000};&#x{i % 0xD000 + 32:x};&nbsp;&lt;b&gt;",
                s,
                " ",
                head="<html><body><p>",
                tail="</p></body></html>\n",
            ),
        ),
        "dates": (".md", lambda s: _repeat(lambda i: f"{2020 + i % 7}年{1 + i % 12}月{1 + i % 28}日", s, "、")),
        "iso dates": (".md", lambda s: _repeat(lambda i: f"{2020 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}", s, " ")),
        # year-less dates on one line below a year heading: each takes the heading's year
        "year list": (
            ".md",
            lambda s: _repeat(lambda i: f"{1 + i % 12} 月底發布", s, "，", head="*   **2021 年：**\n    "),
        ),
        # a run of hyphenated or dotted lowercase words before a domain: the reader view's domain
        # branch re-read the rest of the run from every start (quadratic; 40 kB of "a." took 17 s)
        "hyphen run": (".md", lambda s: _repeat(lambda i: "a", s, "-", tail=" see x.com\n")),
        "dotted labels": (".md", lambda s: _repeat(lambda i: "ab-cd", s, ".", tail=" see x.com\n")),
        "numbers": (".md", lambda s: _repeat(lambda i: f"{rng.randint(1, 10**6)}", s, " ")),
        "wan chains": (".md", lambda s: _repeat(lambda i: f"{1 + i % 9}萬", s, "")),
        "percent chains": (".md", lambda s: _repeat(lambda i: f"{i % 100}%", s, "")),
        "comma digit runs": (".md", lambda s: _repeat(lambda i: "123,456", s, ",")),
        "one long line": (".md", lambda s: _repeat(lambda i: zh_rest.replace("\n", " "), s, " ")),
    }


def _cpu_run(path: Path, timeout: float) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(
            [
                sys.executable, "-m", "checker", "check", str(path),
                "--fail-on", "never", "--quiet", "--color", "never", "--today", "2026-12-06",
                "--format", "json", "--output", str(path.with_suffix(".json")), "--no-cache",
            ],
            capture_output=True, text=True, check=False, timeout=timeout, env=user_env(),
        )  # fmt: skip
        code = proc.returncode
        if code not in (0, 1) or "internal error" in proc.stderr:
            print(f"    {path.name}: exit {code}: {proc.stderr.strip()[:300]}")
    except subprocess.TimeoutExpired:
        return float("inf"), -9
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=250, help="N: size of the smallest input of each shape, KB")
    parser.add_argument("--once", action="store_true", help="each shape at N only (no 2N, 4N)")
    parser.add_argument("--only", default="", help="comma-separated shape names (default: all)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    args = parser.parse_args()
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    warm_bytecode()  # children run with bytecode, as an installed copy does (benchmarks/child_env.py)
    factors = (1,) if args.once else (1, 2, 4)
    cols = "".join(f"{f'{f}N s':>9}" for f in factors)
    ratios = "" if args.once else f"{'2N/N':>7}{'4N/2N':>7}"
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.md"
        empty.write_text("# T\n", encoding="utf-8")
        startup = min(_cpu_run(empty, args.timeout)[0] for _ in range(2))
        # ratios are of the time above start-up (imports, KB): at small N it would hide the growth
        print(f"N = {args.kb} KB (characters); CPU seconds per run; start-up {startup:.2f} s, left out of the ratios")
        print(f"{'shape':<20}{cols}{ratios}  exit")
        for name, (suffix, make) in shapes().items():
            if wanted and name not in wanted:
                continue
            times: list[float] = []
            codes: set[int] = set()
            for f in factors:
                path = Path(tmp) / (name.replace(" ", "-") + suffix)
                path.write_text(make(args.kb * 1000 * f), encoding="utf-8")
                cpu, code = _cpu_run(path, args.timeout)
                times.append(cpu)
                codes.add(code)
            cells = "".join(f"{t:>9.2f}" for t in times)
            work = [max(t - startup, 0.01) for t in times]
            rat = "" if args.once else f"{work[1] / work[0]:>7.2f}{work[2] / work[1]:>7.2f}"
            flag = "  !" if (not args.once and work[1] / work[0] > 2.3) or times[-1] > 10 else ""
            print(f"{name:<20}{cells}{rat}  {','.join(map(str, sorted(codes)))}{flag}", flush=True)


if __name__ == "__main__":
    main()
