"""text.script-mix: Simplified and Traditional Chinese mixed within one document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.script_mix import script_count
from checker.input.documents import Document
from checker.text.script import mostly_chinese


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ScriptMixOptions:
    """text.script-mix's options (config keys: the field names in kebab-case)."""

    min_chars: int = 5  # fewer minority-script characters than this are ignored
    min_share: float = 0.03  # nor a minority below this share of all script-specific characters


class ScriptMix(DocumentRule):
    """
    What it flags
        A document that mixes Simplified and Traditional Chinese: characters that
        OpenCC converts in one direction only, counted in context (phrase
        dictionaries, so 皇后 is not Simplified). Reported once per document, at the
        first run of the minority script, with both counts and examples.

    Why it matters
        A digest in one script with paragraphs in the other was usually pasted from a
        machine translation or another source without conversion; readers notice.

    Flagged
        本期介紹最新的模型。这个模型由团队发布，开发者们可以下载使用，效果很好。

    Passes
        本期介紹最新的模型。這個模型由團隊發布。

    Options
        min-chars: fewest minority-script characters that count (default 5).
        min-share: smallest share of the minority among all script-specific
        characters (default 0.03), so one quoted mainland name in Traditional text
        is not reported.

    Fix
        None: converting text between scripts needs a person's read (names, quotations).

    Known limits
        Characters used identically in both scripts say nothing, nor do characters
        that only a phrase dictionary converts (局限 -> 侷限: 局 is Traditional too);
        Japanese kanji may count as Traditional. Code, URLs and front matter are not
        read, nor documents mostly in English (fewer Han characters than 15% of their
        Latin letters), whose Chinese names are quoted in their own scripts.
    """

    meta = RuleMeta(
        "text.script-mix",
        Severity.INFO,
        "Simplified and Traditional Chinese mixed within one document",
    )
    Options = ScriptMixOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if not mostly_chinese(doc):
            return  # an English document quoting Chinese names in their own scripts
        count = script_count(doc.segments_in(self.meta.scope), self.options.min_chars)
        if count is None:
            return
        runs, joined, trad_pos, simp_pos = count.runs, count.joined, count.trad_pos, count.simp_pos
        total = len(trad_pos) + len(simp_pos)
        minority, majority_name, minority_name = (
            (simp_pos, "Traditional", "Simplified")
            if len(trad_pos) >= len(simp_pos)
            else (trad_pos, "Simplified", "Traditional")
        )
        if len(minority) < self.options.min_chars or len(minority) / max(total, 1) < self.options.min_share:
            return
        span = count.span_around(minority[0])  # a readable example
        examples = "".join(dict.fromkeys(joined[i] for i in minority))[:8]
        majority_n = total - len(minority)
        # one look-up per segment, not per Han run (a long entry holds thousands of runs)
        lines = {doc.source.line_of(start) for start in {s.span.start for s, _, _ in runs}}
        yield Hit(
            span,
            f"{minority_name} Chinese in a {majority_name} document: {len(minority)} {minority_name}-only "
            f"and {majority_n} {majority_name}-only characters (e.g. {examples})",
            evidence=(
                Evidence(
                    "count",
                    f"{majority_n} {majority_name}-only, {len(minority)} {minority_name}-only characters "
                    f"(OpenCC t2s/s2t) in {len(lines)} lines",
                    value={"traditional": len(trad_pos), "simplified": len(simp_pos)},
                ),
            ),
            verdict=Verdict.INCONSISTENT,
            key=f"{minority_name}:{doc.id}",
        )
