"""text.damaged: characters that show text was lost or mangled on its way into the file."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from checker.core.fixes import edits_fix
from checker.core.model import Evidence, Fix, Hit, Severity, Span, Verdict
from checker.core.reporting import plural
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.damage import (
    CONTROL,
    RADICAL,
    Garble,
    char_name,
    damage_gates,
    line_list,
    mojibake,
    vowel_stripped,
)
from checker.extract.script_mix import leans_simplified, to_simplified
from checker.input.documents import Document, Segment, SegmentKind
from checker.input.source import SourceFile
from checker.text.view import MASK, reader_view


class TextDamaged(DocumentRule):
    """
    What it flags
        Text damaged on its way into the file: NUL bytes and other control characters
        where characters were lost (PDF extraction turns digits into NUL: "Sora \\x00" for
        "Sora 2"), the replacement character U+FFFD left by a failed decoding, and
        Kangxi radicals standing in for ideographs (⽇ for 日, ⽉ for 月), words with their
        vowels stripped by a pipeline (a run of at least four Latin words, three quarters
        of them without a/e/i/o/u, three of those three letters or longer, none an acronym,
        a known vowelless word, unit or abbreviation), and mojibake: UTF-8 read as Latin-1
        or Windows-1252 (ä¸­æ–‡ for 中文, â€™ for ’). One finding per kind per document,
        at the first occurrence, with the count and the lines.

    Why it matters
        Readers see boxes or wrong characters, and every other check (dates, numbers,
        names) reads past the damaged words: 2025年9⽉3⽇ is not a date to a search engine.

    Flagged
        從OpenAI發布 Sora \\x00及其社交應用  (a NUL byte where "2" was)
        2025年9⽉3⽇  (Kangxi radicals ⽉ ⽇)
        Th nw mdl ws rlsd n Jn fr ll dvlprs  (vowels stripped)
        ä¸­æ–‡ 模型發布  (mojibake; suggestion 中文)

    Passes
        從OpenAI發布 Sora 2及其社交應用，2025年9月3日
        輝達 RTX 5090 採用 HBM，由 TSMC 代工  (acronyms)
        By my count, Mr. Lynch's gym sync ran at 3 GHz  (known vowelless words and units)
        Commenters "grbg cllctr" and "thx bt nt sr"  (a quoted run: handles and quotations stay as written)
        Le café « Noël », “CAFÉ”  (real accents)

    Options
        none

    Fix
        Safe, for what can be restored exactly: radical signs are replaced by the
        ideographs they stand for (⼈ -> 人, in the document's script), all of them at
        once and only when every one maps to an ideograph; mojibake runs by the text
        their bytes were (ä¸­æ–‡ -> 中文). No fix for control and replacement characters
        or vowel-stripped words: what was lost must come from the original.

    Known limits
        It cannot tell what the lost characters were; the suggestion for radicals is
        their Unicode compatibility form (NFKC), which is the intended ideograph, in the
        document's script (⼾ is 戶, 户 in Simplified text); most signs of the CJK radicals
        supplement (⻘, ⻓) have none and are named "unmapped"; for mojibake it is the
        decoded text. Vowel stripping is read in Latin words only, and
        not in a run that opens a quotation; the known vowelless words are in
        checker/lexicon/data/damage.toml.
    """

    meta = RuleMeta(
        "text.damaged",
        Severity.WARNING,
        "text lost or mangled in extraction: NUL and control characters, U+FFFD, Kangxi radicals for ideographs",
        scope=frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE, SegmentKind.FRONT_MATTER}),
    )

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        controls: list[Span] = []
        names: set[str] = set()
        radicals: list[Span] = []
        garbled: list[tuple[Span, Garble]] = []
        moji: list[tuple[Span, Garble]] = []
        segments = list(doc.segments_in(self.meta.scope))
        views = [reader_view(seg.text) for seg in segments]  # kept while the file is checked
        gates = damage_gates([seg.text for seg in segments], views)
        for k in sorted(gates.chars | gates.stripped | gates.mojibake):
            seg, view = segments[k], views[k]
            if k in gates.stripped:
                for g in vowel_stripped(view.masked):
                    garbled.append((self._source(seg, view.segment_span(g.start, g.end)), g))
            if k in gates.mojibake:
                for g in mojibake(view.text):
                    if MASK not in view.masked[g.start : g.end]:  # not in code or a URL (percent-decoded paths)
                        moji.append((self._source(seg, view.segment_span(g.start, g.end)), g))
            if k in gates.chars:
                for m in CONTROL.finditer(seg.text):
                    controls.append(seg.to_source(m.start(), m.end()))
                    # named from the text as read: in HTML the source is an entity (&#0;, &#xD800;)
                    names.add(char_name(m.group(0)))
                for m in RADICAL.finditer(seg.text):
                    radicals.append(seg.to_source(m.start(), m.end()))
        src = doc.source
        if controls:
            first = controls[0]
            lines = sorted({src.line_of(s.start) for s in controls})
            # U+FFFD is no control character: a reader sees it as a replacement mark
            noun = (
                "replacement character"
                if names == {"U+FFFD"}
                else "control or replacement character"
                if "U+FFFD" in names
                else "control character"
            )
            yield Hit(
                first,
                f"{plural(len(controls), noun)} ({', '.join(sorted(names))}) in "
                f"{plural(len(lines), 'line')}: text was lost here (first of them); "
                "restore it from the original",
                evidence=(Evidence("count", f"lines {line_list(lines)}", value=len(controls)),),
                verdict=Verdict.LIKELY_ERROR,
                key="control",
            )
        if radicals:
            first = radicals[0]
            chars = "".join(dict.fromkeys(src.slice(s) for s in radicals))
            simplified = leans_simplified(doc.text)
            pairs = ", ".join(f"{c}→{i}" if (i := _ideograph(c, simplified)) else f"{c} unmapped" for c in chars[:6])
            lines = sorted({src.line_of(s.start) for s in radicals})
            yield Hit(
                first,
                f"{plural(len(radicals), 'radical sign')} used in place of ideographs ({pairs})"
                f" in {plural(len(lines), 'line')}",
                evidence=(Evidence("count", f"lines {line_list(lines)}", value=len(radicals)),),
                suggestion=_ideograph(src.slice(first), simplified),
                fix=_radicals_fix(src, radicals, simplified),
                verdict=Verdict.LIKELY_ERROR,
                key="radical",
            )
        if garbled:
            span, g = garbled[0]
            lines = sorted({src.line_of(s.start) for s, _ in garbled})
            yield Hit(
                span,
                f"{plural(len(garbled), 'run')} of words with their vowels stripped "
                f'("{" ".join(g.words[:8])}") in {plural(len(lines), "line")}: '
                "text garbled by a pipeline; restore it from the original",
                evidence=(Evidence("count", f"lines {line_list(lines)}", value=len(garbled)),),
                verdict=Verdict.LIKELY_ERROR,
                confidence=0.8,
                key="vowels",
            )
        if moji:
            span, g = moji[0]
            lines = sorted({src.line_of(s.start) for s, _ in moji})
            yield Hit(
                span,
                f'{plural(len(moji), "run")} of mojibake ("{g.words[0]}" is the UTF-8 of '
                f'"{g.suggestion}" read as Latin-1) in {plural(len(lines), "line")}',
                evidence=(Evidence("count", f"lines {line_list(lines)}", value=len(moji)),),
                suggestion=g.suggestion,
                verdict=Verdict.LIKELY_ERROR,
                key="mojibake",
                fix=edits_fix(
                    src,
                    [(s, m.suggestion) for s, m in moji if m.suggestion and src.slice(s) == m.words[0]],
                    description="decode the mojibake",
                )
                if all(m.suggestion and src.slice(s) == m.words[0] for s, m in moji)
                else None,
            )

    @staticmethod
    def _source(seg: Segment, span: tuple[int, int]) -> Span:
        return seg.to_source(*span)


def _radicals_fix(src: SourceFile, radicals: list[Span], simplified: bool) -> Fix | None:
    """Every radical sign replaced by its ideograph, as one fix; None when one has none."""
    edits = [(s, _ideograph(src.slice(s), simplified)) for s in radicals]
    if any(i is None for _, i in edits):
        return None
    return edits_fix(src, [(s, i) for s, i in edits if i is not None], description="write the ideographs")


def _ideograph(radical: str, simplified: bool) -> str | None:
    """The ideograph a radical sign stands for (its compatibility form), in the document's script
    (⼾ is 戶, 户 in Simplified text); None when Unicode gives none (most of the CJK radicals
    supplement: ⻘ for 青), rather than the sign itself as its own fix."""
    ideograph = unicodedata.normalize("NFKC", radical)
    if ideograph == radical:
        return None
    return to_simplified(ideograph) if simplified else ideograph
