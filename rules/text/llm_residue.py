"""text.llm-residue: leftover assistant chatter in an AI-assisted draft."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.fixes import delete_lines_fix, replacement_fix
from checker.core.model import Applicability, Evidence, Fix, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.residue import all_chatter, document_residue
from checker.extract.residue_kinds import CONFIDENCE, DESCRIBE
from checker.input.documents import Document, SegmentKind
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class LlmResidueOptions:
    """text.llm-residue's options (config keys: the field names in kebab-case)."""

    edge_lines: int = 4  # how many prose lines at each end of a document count as its edges
    generation_tags: str = "stray"  # which "[model=…]" tags count: all, stray (not the last line), off

    def __post_init__(self) -> None:
        if self.generation_tags not in ("all", "stray", "off"):
            raise ValueError(f"option 'generation-tags' must be all, stray or off, not {self.generation_tags!r}")


class LlmResidue(DocumentRule):
    """
    What it flags
        Leftover assistant chatter in an AI-assisted draft, as whole lines or blocks:
        openers that answer a request ("好的，以下是整理後的文稿：", "您好！這是一份根據您提供
        的文稿整理出的概要", "Sure! Here's the revised version:"), with the list of edits
        they announce up to the label of the reworked text ("**整理後的文稿：**"); closers
        addressed to the requester ("希望這個版本對您有幫助！", "如果您需要進一步的修改，
        請隨時告訴我", "I hope this helps"); notes on the edit with their list ("改進說明：",
        "整理說明：", "主要修改說明", "Changes made:") and offers of more help; and,
        anywhere, words to the requester ("以上整理基於您提供的文本內容", "根據您的要求進行了
        全面補充"), an assistant speaking of itself ("As an AI language model", "作為您的
        專業文件整理員") and blanks left to fill in ("[假設當前年份]", "2024年X月X日").

        A drafting pipeline talking about its own work, anywhere: its search and inputs
        ("虽然在今日的搜索中没有发现…的具体新闻", "原文摘要未提供具體…", "the search results did
        not mention …"), a guess from a headline ("以下為根據標題的推測"), its rules or its
        refusal published as commentary ("依照規則不應撰寫評論，建議略過"); an English reasoning
        trace ("Okay, I've got a handle on the request's core… I'm now integrating the user
        feedback"), as one block with its step headings; and a generation tag left in the
        text ("[model=gemini-2.5-flash,0]", see generation-tags).

        Lines are recognised by their shape, not by a phrase list: where they stand (the
        first or last lines of a document or dated entry, a heading with a list under
        it), whom they address (您, the polite "you" of an assistant to its requester;
        these digests call their readers 你 or 大家) and what they talk about (the draft
        itself: 文稿, 這個版本, 整理後的…, revised version). Weaker shapes ("希望能對您有
        幫助！" without talk of the draft, "說明：" over a list of edits, "这个版本更易于
        理解") count only in a document or entry that also has a strong one. A strong
        opener or closer is chatter wherever it stands ("以上内容已为您整理完毕，如需调整请
        随时告诉我" at the top, "好的，以下是整理後的文稿：" at the end); weak ones still need
        the edges. When a line mixes residue and content, only the residue sentences are
        flagged.

    Why it matters
        Published chatter tells every reader the article was pasted from a chatbot
        without a read; it is the most embarrassing defect a digest can ship.

    Flagged
        好的，以下是整理後的文稿：
        希望這個版本對您有幫助！如果您需要進一步的修改，請隨時告訴我。

    Passes
        感謝你的到訪，希望這裡的內容能為你帶來一些啟發或幫助。
        Here's the project link: https://example.org/project
        雖然具體的數字報導中尚未揭露，但效率更高、成本更低。

    Options
        edge-lines: how many prose lines at the start and at the end of a document or
        entry are searched for weak openers and closers (default 4). Strong ones, notes
        on the edit, labels, words to the requester, self-references, blanks, process
        talk and traces are searched everywhere.
        generation-tags: which "[model=…]" tags count: "stray" (default) flags a tag
        anywhere but on the last line of a document or entry, "all" flags every tag,
        "off" none. The default is a decision on evidence: sumsjp/BestPartners ends every
        one of its 250 summaries and every index entry with a body with such a tag, on
        the last line, and readers see it as plain text: a provenance note the publisher
        appends on purpose (like "本文由 AI 生成"), not a slip. A tag in the middle of the
        text is a pipeline's leftover. A publisher who wants no tags sets "all".

    Fix
        Safe or unsafe. Chatter that fills whole lines (openers, closers, edit notes with their lists,
        words to the requester, reasoning traces): the lines are deleted with their line
        breaks (chatter at the top of a file takes the `---` under it along, so the file
        does not start with a front-matter fence). Safe when nothing but Markdown markup (a list bullet, a quote mark,
        emphasis) shares those lines and each sentence of an opener or closer line is
        chatter on its own cues; unsafe when one of them is not (it may sum up the
        article) or the flagged sentences are part of a line with content (the rest of
        the line is kept). A stray generation tag is deleted
        (safe). No fix for blanks to fill in or process talk: they need rewriting.

    Known limits
        An unusual wording away from the edges is missed, and so are titles the
        assistant prefixed ("文稿整理：…") and summaries that call their source "這份文稿".
        A closer can only be told from an author's own sign-off by its talk of the draft
        or by other residue in the same document: "希望這份整理對大家有用" alone passes.
        Promotional lines to readers ("家人们", "为您提供") are not chatter to a requester
        and pass. Quoted chatter inside an article about chatbots is flagged unless
        suppressed. Process talk is read from the pipeline's own words (today's search,
        the summary it was given, its rules): "雖然這次沒有找到更多細節" with no search named
        passes, and so does a news item that a company "did not mention pricing". A
        reasoning trace is read in English only, and needs one line where the narrating
        I works on the request, the user, the prompt or its output; apostrophes typed
        as ’ in the English process-talk phrases are missed.
    """

    meta = RuleMeta(
        "text.llm-residue",
        Severity.ERROR,
        "leftover assistant chatter from an AI-assisted draft (openers, closers, edit notes)",
    )
    Options = LlmResidueOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        read = document_residue(doc, self.options.edge_lines, self.options.generation_tags)
        if read is None:
            return  # weak shapes alone are not enough
        lines, found, strong = read
        unit = "entry" if doc.entry_number is not None else "document"
        strong_line = doc.source.line_of(lines[strong.first].span.start)
        edge = self.options.edge_lines
        n = sum(1 for x in lines if x.segment.kind is not SegmentKind.CODE)  # not a swallowing fence's lines
        for r in found:
            count = r.last - r.first + 1
            if r.first < n:
                detail = f"{DESCRIBE[r.kind]}: prose line {r.first + 1} of {n} of the {unit}"
            else:  # read after a code fence that is never closed: readers see it as code
                at = doc.source.line_of(lines[r.first].span.start)
                detail = f"{DESCRIBE[r.kind]}: line {at}, after a code fence that is never closed"
            if r.kind in ("opener", "closer") and (r.first < edge or r.first >= n - edge):
                detail += f" ({'opening' if r.first < edge else 'closing'} lines)"
            if count > 1:
                detail += f", with the {count - 1} lines that belong to it"
            if not r.strong:
                detail += f"; counted because the {unit} also has {DESCRIBE[strong.kind]} (line {strong_line})"
            action = "delete " + ("these lines" if count > 1 else "the flagged sentences" if r.part else "the line")
            if r.kind == "placeholder":
                action = "fill in the blank or delete the line"
            elif r.kind == "process talk":
                action = "rewrite " + ("the line" if r.part is None else "the flagged sentence")
                action += " without the pipeline's talk about its own work"
            elif r.kind == "generation tag" and r.part is not None:
                action = "delete the tag"
            if r.part is not None:
                line = lines[r.first]
                span = line.segment.to_source(line.start + r.part[0], line.start + r.part[1])
                detail += "; the rest of the line is content"
            else:
                span = Span(lines[r.first].span.start, lines[r.last].span.end)
            yield Hit(
                span,
                f"leftover assistant chatter ({r.kind}): {action} before publishing",
                fix=_deletion(doc.source, span, r.kind),
                evidence=(Evidence("pattern", detail),),
                verdict=Verdict.SUSPICIOUS,
                confidence=CONFIDENCE.get(r.kind, 0.9) if r.strong else 0.75,
            )


_NO_FIX = frozenset({"placeholder", "process talk"})  # these need a rewrite, not a deletion
# chatter found by its position or its company: each sentence must be chatter on its own cues
_ONE_SENTENCE = frozenset({"opener", "closer", "draft talk", "self-reference"})
# what may stand around whole-line chatter on its lines: list bullets, quote marks, heading
# marks, emphasis and spaces (deleting them with the chatter loses nothing a reader sees)
_MARKUP = lazy_compile(r"\ufeff?[\s>*_#+\-`~]*(?:\d{1,3}[.)])?[\s*_`~]*")


_RULE_LINE = lazy_compile(r"[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*")


def _with_opening_rule(source: SourceFile, first: int, last: int) -> int:
    """Chatter at the very top of a file, then a horizontal rule (`---`) that set it off from
    the article: the rule goes too, or the file would start with `---` and be read as front
    matter by the next tool (blank lines between them go along)."""
    if source.text[: source.line_starts[first - 1]].strip("\ufeff \t\r\n"):
        return last
    n = last + 1
    while n <= source.line_count and not source.text[source.line_starts[n - 1] : source.line_ends[n - 1]].strip():
        n += 1
    if n <= source.line_count and _RULE_LINE.fullmatch(
        source.text[source.line_starts[n - 1] : source.line_ends[n - 1]]
    ):
        return n
    return last


def _deletion(source: SourceFile, span: Span, kind: str) -> Fix | None:
    """Delete the chatter: its lines when it fills them (safe if only markup shares them),
    else just the flagged sentences (unsafe: the rest of the line is content)."""
    if kind in _NO_FIX:
        return None
    first, last = source.line_of(span.start), source.line_of(max(span.start, span.end - 1))
    before = source.text[source.line_starts[first - 1] : span.start]
    after = source.text[span.end : source.line_ends[last - 1]]
    if _MARKUP.fullmatch(before) and _MARKUP.fullmatch(after):
        last = _with_opening_rule(source, first, last)
        lines = source.text[span.start : span.end].splitlines()
        if kind in _ONE_SENTENCE and not all(all_chatter(line) for line in lines):
            # a closer line that also sums the article up ("这篇文稿介绍了 X 的突破。通过简化……"):
            # a sentence without chatter cues of its own may be content: a reader decides
            return delete_lines_fix(
                source, first, last, Applicability.UNSAFE, "delete the chatter lines (one sentence may be content)"
            )
        return delete_lines_fix(source, first, last, Applicability.SAFE, "delete the chatter lines")
    if kind == "generation tag":
        return replacement_fix(source, span, "", Applicability.SAFE, "delete the generation tag")
    # sentences in a line of content, or lines shared with content: only the flagged text goes
    return replacement_fix(source, span, "", Applicability.UNSAFE, "delete the flagged sentences")
