"""name.case: a known name in another casing, or one name cased two ways in one document."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.fixes import replacement_fix, with_fix
from checker.core.model import Hit, Severity
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.kb import get_kb
from checker.extract.names.casing import CaseOptions, casing_hits
from checker.extract.names.cited import cited_heading, in_link_text
from checker.extract.names.extract import names_of
from checker.extract.names.vetoes import CASE_VETOES, CasingCase, first_veto
from checker.input.documents import Document


class NameCase(DocumentRule):
    """
    What it flags
        A name written in another casing than its maker's: a knowledge-base name with
        an inner capital written without it or with capitals moved ("Deepseek" for
        DeepSeek, "Minimax" for MiniMax, "Openai" for OpenAI, "Arxiv" for arXiv), and
        one name cased two ways in the same document ("AgentKit" ... "Agentkit"): the
        spelling written less often (on a tie, the one with fewer capitals) is
        reported, with the other as evidence. The suggestion is the maker's spelling
        or the document's other one.

    Why it matters
        Brand casing is the first thing a careful reader notices and the first thing a
        house style guide fixes; two casings of one name in one article read as two
        names. It is info, not an error: the name is right, only its capitals differ.

    Flagged
        Deepseek 今天更新了模型。
        Openai 與 OpenAI 是同一家公司。
        We compared Minimax and Anthropic on long contexts.

    Passes
        DEEPSEEK 發布新模型（a title in capitals）。pip install openai; deepseek-ai/DeepSeek-V3.
        Nvidia 與 NVIDIA（a house style for a name in capitals）。ArXiv 上的論文（a sentence's capital）。
        [Deepseek R1 is out](https://example.com/post)（a cited title）。

    Options
        min-length: shortest word compared (default 5: Xai vs xAI, Arm vs ARM clash in
        case only).
        within-document: also report one name cased two ways in a document (default true).
        include-quoted: also check quotations and cited titles: link texts of table
        rows and headings that cite a source (default false).

    Fix
        Safe: the flagged word is replaced by the suggested spelling (Deepseek -> DeepSeek),
        only when the two differ in letter case alone; a casing changes no meaning. No fix
        when one name is cased two ways equally often (there is no suggestion then). A
        spelling is reported, and fixed, where it first stands in a document: later
        copies of it are reported by the next run (run --fix again). A word that is also
        a common term (minimax the algorithm) is fixed to the brand like any other:
        check the diff.

    Known limits
        Only Latin words of mixed case are compared: words in capitals (shouting titles)
        or in small letters (handles, package names, "openai" in prose) are never
        reported, nor a capital added at the start (ArXiv). A maker that styles its name
        both ways is known only when the knowledge base lists both spellings. A word
        that is also an English word and a brand (Minimax the algorithm) is read as the
        brand when the KB knows it. Not reported: the link text of a table row (a cited
        title in a table of sources, cased by its author), a heading that cites a source's
        title (its next line links the source as "Submission URL", "Source", 原文 ...,
        or the page repeats the heading elsewhere, as a video title in its <summary>) and
        a title-case English word made from an acronym (Lidar next to LiDAR).
    """

    meta = RuleMeta("name.case", Severity.INFO, "a known name in another casing, or one name cased two ways")
    Options = CaseOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        kb = get_kb(ctx)
        for hit in casing_hits(doc, names_of(doc, kb), kb, self.options):
            written = doc.source.slice(hit.span)
            if not self.options.include_quoted and _vetoed(doc, hit, written):
                continue
            if hit.suggestion is not None and written.lower() == hit.suggestion.lower():
                fix = replacement_fix(doc.source, hit.span, hit.suggestion, description=f"write {hit.suggestion}")
                hit = with_fix(hit, fix)
            yield hit


def _vetoed(doc: Document, hit: Hit, written: str) -> bool:
    """Whether a veto of vetoes.CASE_VETOES silences the finding (a cited title in a table of
    sources, an acronym become a word)."""
    other = hit.suggestion
    if other is None:  # a tie: the other spelling is the evidence's
        detail = hit.evidence[0].detail if hit.evidence else ""
        other = detail.split("'")[1] if detail.count("'") >= 2 else None
    case = CasingCase(
        written, other, _in_table_row(doc, hit) and in_link_text(doc, hit.span), cited_heading(doc, hit.span)
    )
    return first_veto(CASE_VETOES, case, f"casing '{written}'") is not None


def _in_table_row(doc: Document, hit: Hit) -> bool:
    """Whether the finding's line is a Markdown table row (a table of sources or references)."""
    text = doc.source.text
    start = text.rfind("\n", 0, hit.span.start) + 1
    return text[start : start + 1] == "|" or text[start : hit.span.start].lstrip().startswith("|")
