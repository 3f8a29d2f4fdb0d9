"""text.conversion: Traditional Chinese written by a naive Simplified-to-Traditional conversion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.fixes import replacement_fix
from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.conversion import conversion_slips
from checker.input.documents import Document


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ConversionOptions:
    """text.conversion's options (config keys: the field names in kebab-case)."""

    phrase_only: bool = False  # report only slips a phrase table decides (not 瞭/隻/髮/麵 alone)


class Conversion(DocumentRule):
    """
    What it flags
        Traditional Chinese produced by a naive character-by-character conversion from
        Simplified: one Simplified character stands for several Traditional words and
        the converter picked the wrong one, or left it as it was (完成瞭 for 完成了,
        隻有 for 只有, 髮布 for 發布, 之后 for 之後, 這里 for 這裡, 冗余 for 冗餘,
        干淨 for 乾淨, 鬧鍾 for 鬧鐘, 台風 for 颱風, 放松 for 放鬆). Each Traditional
        sentence holding such a character is read back to Simplified and converted
        again with OpenCC's phrase tables; a difference at one of these characters is
        reported with the phrase OpenCC reads as the suggestion.

    Why it matters
        Readers of Traditional Chinese see 完成瞭 or 之后 as a misspelling: the draft
        was machine-converted and nobody read it after.

    Flagged
        這項功能已經完成瞭，隻是還沒有發布。
        模型發布之后，團隊把這里的設定改了。

    Passes
        這項功能已經完成了，只是還沒有發布。  (and 皇后, 公里, 頭髮, 瞭解, 三隻貓)
        这里的设定改了。  (Simplified text is not read)

    Options
        phrase-only: report only slips decided by an OpenCC phrase, not the
        characters naive converters over-produce (瞭, 隻, 髮) or leave (后, 余,
        這里) on their own (default false).

    Fix
        Safe: the character is replaced by the one OpenCC reads for the same Simplified
        text (完成瞭 -> 完成了, 之后 -> 之後): the word is the same, only its spelling in
        Traditional script is corrected.

    Known limits
        Variant spellings of one word are house style and pass (裡/裏, 台/臺, 著/着,
        計畫/計劃, 了解/瞭解, 發布/發佈). OpenCC reads phrases greedily from the
        left and misreads word boundaries (此系統 as 此係統, 別只看 as 別隻), so a
        phrase's choice is trusted only for 乾, 幹, 鐘, 颱, 鬆: 頭發, 面包, 關系 and
        定制 are not reported, nor 里 except after 這/那/哪 (里 is also in names).
        Sentences with Simplified-only characters near the slip (quotations), code,
        URLs and front matter are not read.
    """

    meta = RuleMeta(
        "text.conversion",
        Severity.WARNING,
        "Traditional Chinese with characters picked by a naive Simplified-to-Traditional conversion",
    )
    Options = ConversionOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        slips = doc.cached("conversion", lambda d: conversion_slips(d.segments_in(self.meta.scope)))
        for slip in slips:
            if self.options.phrase_only and not slip.by_phrase:
                continue
            how = (
                "OpenCC's phrase tables read"
                if slip.by_phrase
                else f"{slip.wrong} is a naive conversion of the plain character:"
            )
            yield Hit(
                slip.span,
                f"「{slip.wrong}」 looks like a naive Simplified-to-Traditional conversion: "
                f"「{slip.written}」 should read 「{slip.reading}」",
                evidence=(Evidence("opencc", f"{how} 「{slip.reading}」", value={"written": slip.written}),),
                suggestion=slip.right,
                fix=replacement_fix(doc.source, slip.span, slip.right, description=f"write {slip.right}")
                if doc.source.slice(slip.span) == slip.wrong
                else None,
                verdict=Verdict.LIKELY_ERROR,
                confidence=0.8 if slip.by_phrase else 0.9,
            )
