"""name.typo: a near miss of a name used elsewhere or known to the KB."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.fixes import replacement_fix, with_fix
from checker.core.model import Applicability, Hit, Severity
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.names.index import NameIndex
from checker.extract.names.slips import TypoOptions, TypoSlips
from checker.input.documents import Document


class NameTypo(CorpusRule[None]):
    """
    What it flags
        A name that is a near miss of a better-attested name: one word of it differs
        by a deleted, added, swapped or substituted letter from a name that is more
        frequent in the same document, known to the knowledge base, or used in
        several other documents of the run or the archive ("Hoppe-Eco" where the
        article says "Hopper-Eco" four times; "Anthropc"). A second pass compares
        single words, letter for letter and case-sensitively, with well-attested
        name words: "OpenI CEO" (OpenAI), "Qwne3" (Qwen), "eGmini" (Gemini),
        "ChatGPO" next to ChatGPT; there the finding covers just the misspelt word.
        Also: one slipped word in a name of several words that the KB or another
        document writes in full ("Claud Sonnet 4", "Peter Diamandss"); a CamelCase
        name whose English part the slip broke, against a spelling written once
        elsewhere ("SuperDce" for SuperDec, "QuettMobile") or swapped two letters of
        a long word into pairs English rarely uses ("Draemtime"); and a well-known name
        that lost its first letter with its capital ("pple", "opilot"). Two spellings
        of a rare name one slip apart, each written once in the document and nowhere
        else ("Imperva" ... "Ipmerva"), are reported as inconsistent, on the spelling
        less likely to be meant.
        The suggestion is the intended name or word and the evidence says where it
        stands. Casing variants ("Deepseek" for "DeepSeek") are name.case's.

    Why it matters
        A misspelt product name is the typo readers notice first and search engines
        punish; in a digest it also breaks cross-references between issues.

    Flagged
        NVIDIA 發布 Hopper-Eco 晶片。Hopper-Eco 能耗更低。Hopper-Eco 已量產。推出 Hoppe-Eco 晶片。
        We tested Anthropc's new model.
        據報導，OpenI CEO 今天宣布新的合作。

    Passes
        H100 與 H200 都是 NVIDIA 的晶片。Gemma 2 與 Gemma 3。Claude 3.5 與 Claude 3.7。
        「用cursur，又何必是cursor」
        騰訊把 ClawBot 整合進微信。根據 Stord 的一份報告。

    Options
        max-distance: letter edits allowed in the differing word (default 1).
        min-long-word: words at least this long may differ by two edits (default 12).
        min-word: shortest differing word that can be a typo in the whole-name pass
        (default 5).
        include-quoted: also check names inside quoted sentences (default false).
        casing: also report name.case's casing variants of KB names here (default false).

    Fix
        Unsafe: the flagged name or word is replaced by the suggestion (Orion-Flahs ->
        Orion-Flash), only when the two are a few letter edits apart. Unsafe because the
        suggestion may be wrong: a rare real name one letter from a better-known one
        would become another product, which changes what the article says; a person
        reads each one (--unsafe-fixes, or the diff) before it is applied.

    Known limits
        Only Latin-script names are compared; CJK names are matched exactly. Names
        that differ in their digits are different versions, never typos (a typo in a
        version number is missed). A rare real name one letter from a famous one may
        be flagged when neither the KB nor the run knows it. To keep false alarms rare:
        - a misspelt word must be unknown to English (Wordfreq), or rare in it (Zipf
          under 2.5: "Gork", "Tsla") with the name twice in the document; slips that
          make a word ("Space", "Soya") are missed, except a word of four letters or
          more standing alone in Chinese prose ("Meat" among Metas);
        - a word the document repeats, or another document uses, counts as meant;
        - a replaced letter needs the intended word in the same document, a word of
          eight letters or more, or a KB word of six that twenty other documents use
          ("ChatGPO"); a capital replaced at the start of a short name (Remini/Gemini)
          is another name unless the document writes the name three times and the
          variant once ("Fpple");
        - acronyms need the document's own evidence, except two letters swapped in one
          the KB or five other documents know (UCDA for CUDA); a letter of a short
          acronym is never replaced (QNNs/GNNs);
        - letters added to a name (AdamW, VMamba, OpenAPI), plurals, a capital for a
          small letter (TransNormer) and a slip that leaves an English word part
          (ClawBot, WeUI) are never typos;
        - words that read as pinyin are not compared within names of several words, and
          a given name from the KB needs the document's own evidence (Rihard Jarc);
        - short casing variants (Xai/xAI) and house styles for names mostly in capitals
          (Nvidia, Lamda) are not reported;
        - two real names one letter apart are both established, so these are never slips:
          a base name next to its variant with a capital suffix (NetSurf / NetSurfP); a word
          English text uses, in English prose (Wikimedia / Wikipedia); a one-word name one
          letter replaced from, or a letter added to or dropped at the end of, an ordinary
          English word the document does not write twice as a name (Nuxt / Next, Apstra /
          Astra, Latin "Imaginatio"); a three-letter acronym standing alone (a handle: GTP);
          two acronyms one letter apart (MDUSV / MDUASV); a lowercase product one letter
          from an English word of the run's titles (aily / Daily). Slips of the fingers
          (swaps, a letter lost inside: Nvidai, eGmini, Anthropc) stay findings.
    """

    meta = RuleMeta("name.typo", Severity.WARNING, "a near miss of a name used elsewhere or known to the KB")
    Options = TypoOptions
    reads_analyses = (NameIndex, TypoSlips)  # TypoSlips is built from the NameIndex

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> None:
        return None  # the run's analysis reads every document itself

    def check(self, collected: list[tuple[Document, None]], ctx: RunContext) -> Iterator[Hit]:
        sources = {doc.id: doc.source for doc, _ in collected}
        for hit in TypoSlips.of(ctx, self.options).hits:
            source = sources.get(hit.document or "")
            if source is not None and hit.suggestion is not None:
                written = source.slice(hit.span)
                # the suggestion replaces exactly the flagged text: a slip apart, on one line
                if "\n" not in written and "\r" not in written and 0 < _distance(written, hit.suggestion) <= 3:
                    fix = replacement_fix(
                        source, hit.span, hit.suggestion, Applicability.UNSAFE, f"write {hit.suggestion}"
                    )
                    hit = with_fix(hit, fix)
            yield hit


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import DamerauLevenshtein  # (loaded where a slip is reported)

    return int(DamerauLevenshtein.distance(a, b))
