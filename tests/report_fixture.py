"""A small, fixed report for the viewer and HTML tests: two digests and three demo rules.

The demo rules live here (not in rules/) so that the screens the tests assert on do not
change when the real rules are tuned: what is tested is the viewer, not the rules. The
report goes through the real loader, engine and JSON reporter.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.core.config import Config
from checker.core.engine import Engine, Report, RunOptions, load_inputs
from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.reporting import ReportSettings
from checker.core.rule import CorpusRule, DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document

TODAY = dt.date(2025, 3, 20)

ARTICLES = {
    "articles/2025-03-13-digest.md": """\
---
title: AI 日报 2025-03-13
date: 2025-03-13
---

# AI 日报 2025-03-13

好的，以下是修改后的版本：

NVIDIA 发布 Hopper-Eco 芯片，能耗降低 40%。

Hopper-Eco 将于下月量产。TODO 核对数字
""",
    "articles/2025-03-14-digest.md": """\
---
title: AI 日报 2025-03-14
date: 2025-03-14
---

# AI 日报 2025-03-14

NVIDIA 的 Hoppe-Eco 芯片开始出货。

希望这个版本对您有帮助！
""",
}


def _find(doc: Document, pattern: str) -> Iterator[re.Match[str]]:
    text = doc.source.text
    for m in re.finditer(pattern, text):
        if doc.span.start <= m.start() < doc.span.end:
            yield m


class DemoResidue(DocumentRule):
    """Leftover assistant chatter (demo)."""

    meta = RuleMeta("demo.residue", Severity.ERROR, "leftover assistant chatter (demo)")

    def check(self, doc: Document, ctx: RunContext) -> Iterable[Hit]:
        for m in _find(doc, r"好的，以下是修改后的版本：|希望这个版本对您有帮助！"):
            yield Hit(
                Span(m.start(), m.end()),
                "leftover assistant chatter: delete the line before publishing",
                evidence=(Evidence("pattern", "an assistant's opener or closer"),),
                verdict=Verdict.SUSPICIOUS,
            )


class DemoTodo(DocumentRule):
    """An editor's TODO left in the text (demo)."""

    meta = RuleMeta("demo.todo", Severity.INFO, "a TODO left in the text (demo)")

    def check(self, doc: Document, ctx: RunContext) -> Iterable[Hit]:
        for m in _find(doc, r"TODO"):
            yield Hit(Span(m.start(), m.end()), "an editor's TODO is still in the text")


class DemoTypo(CorpusRule[list[tuple[str, int, int]]]):
    """A near miss of a name another document spells differently (demo)."""

    meta = RuleMeta("demo.typo", Severity.WARNING, "near miss of a name used in another document (demo)")

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[tuple[str, int, int]]:
        return [(m.group(), m.start(), doc.source.line_of(m.start())) for m in _find(doc, r"Hoppe?r?-Eco")]

    def check(self, collected: list[tuple[Document, list[tuple[str, int, int]]]], ctx: RunContext) -> Iterable[Hit]:
        right = [(doc, line) for doc, found in collected for name, _, line in found if name == "Hopper-Eco"]
        for doc, found in collected:
            for name, start, _ in found:
                if name != "Hoppe-Eco" or not right:
                    continue
                other, line = right[0]
                yield Hit(
                    Span(start, start + len(name)),
                    "'Hoppe-Eco' looks like a misspelling of 'Hopper-Eco'",
                    evidence=(
                        Evidence("mention", f"'Hopper-Eco' is written {len(right)} times", other.path, other.id, line),
                        Evidence("reference", "vendor page", url="https://example.com/hopper-eco"),
                    ),
                    suggestion="Hopper-Eco",
                    confidence=0.9,
                    verdict=Verdict.LIKELY_ERROR,
                    document=doc.id,
                )


RULES = (DemoResidue, DemoTodo, DemoTypo)


def write_articles(root: Path) -> list[str]:
    for rel, text in ARTICLES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(ARTICLES)


def run_demo(root: Path, baseline: set[str] | None = None) -> Report:
    """Check the demo articles under `root` (paths are relative: run with the cwd at `root`)."""
    cfg = Config(root=root)
    docs, errors = load_inputs(sorted(ARTICLES), cfg)
    assert not errors, errors
    opts = RunOptions(today=TODAY, baseline=baseline or set())
    return Engine(cfg, opts, rules=[r() for r in RULES]).run(docs)


def render(report: Report, fmt: str) -> str:
    from checker.reports import get_renderer

    out = io.StringIO()
    get_renderer(fmt)(report, out, ReportSettings())
    return out.getvalue()


def write_report(root: Path, name: str = "report.json") -> Path:
    """Articles plus their JSON report, in `root`; the cwd must be `root`."""
    write_articles(root)
    target = root / name
    target.write_text(render(run_demo(root), "json"), encoding="utf-8")
    return target
