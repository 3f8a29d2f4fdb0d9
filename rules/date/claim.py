"""date.claim: a dated launch statement that the knowledge base contradicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.fixes import written_fix
from checker.core.model import Applicability, Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.dateclaims import DateClaim, dated_launches
from checker.extract.kb import Entry, PartialDate, get_kb
from checker.extract.names.extract import names_of
from checker.extract.releases import claimed_entry
from checker.extract.temporal import Precision
from checker.input.documents import Document
from checker.text.script import has_han


@dataclass(frozen=True)
class ClaimOptions:
    tolerance_days: int = 1  # time zones: a launch late on the 7th in California is the 8th in Beijing
    announce_grace_days: int = 90  # how long before a release-only KB date an unrecorded announcement may lie
    release_grace_days: int = 120  # how long after an announce-only KB date an unrecorded release may lie


class DateClaimRule(DocumentRule):
    """
    What it flags
        An explicit dated statement that a product was released, launched or announced
        on a date the knowledge base contradicts beyond the date's precision:
        「2025年8月21日，OpenAI正式宣布GPT-5面向所有用戶推出」 when GPT-5 shipped on
        2025-08-07; 「2024年7月，谷歌DeepMind推出AG1」 when AlphaGeometry (AG1) was
        announced in January 2024. The date must govern the launch verb (in its clause,
        or opening the sentence) and the product must be the verb's object or subject.

    Why it matters
        A wrong launch date is a factual error readers repeat; in digests written by a
        model it is typically a date borrowed from another event (a rollout, an update, a
        sibling product).

    Flagged
        2024年7月，谷歌DeepMind推出AlphaGeometry，將語言模型和符號引擎結合。

    Passes
        2025年8月7日，OpenAI發布GPT-5 (the KB date); 2025年9月，GPT-5在歐洲上線 (a
        rollout to a region); 2025年11月，OpenAI推出GPT-5.1 (another product of the
        family); GPT-5 was announced in August 2025 (the right month).

    Options
        tolerance-days: days of slack on either side of a day-precise date, for time
        zones (default 1).
        announce-grace-days: when the KB knows only a release date, how many days
        before it an announcement may lie unrecorded (default 90).
        release-grace-days: when the KB knows only an announcement date, how many days
        after it a release may lie unrecorded (default 120).

    Fix
        Unsafe: the claimed date is replaced by the knowledge base's, written at the
        claim's precision in its style ("2024年7月" -> "2024年5月"). A date of an event
        changes what the article claims, and the knowledge base may be the one that is
        wrong, so a person reads it first.

    Known limits
        Only products the knowledge base dates, by exact name or alias (a size or variant
        the KB does not list is not read as its family), and only statements whose date
        is written with its year. A date after a relative clause ("GPT-4o, released in
        May 2024,") and launches told over several sentences are not read. The KB's
        announced and released dates both count as right; a date between them is
        accepted.
    """

    meta = RuleMeta("date.claim", Severity.WARNING, "a dated launch statement that the knowledge base contradicts")
    Options = ClaimOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        kb = get_kb(ctx)
        mentions = names_of(doc, kb)
        reported: set[tuple[str, int]] = set()
        for claim in dated_launches(doc, mentions):
            entry = claimed_entry(claim.mention.text, kb, doc, claim.segment)
            if entry is None or claim.date.start is None or claim.date.end is None:
                continue
            window = self._window(entry)
            if window is None:
                continue
            lo, hi = window
            if claim.date.end >= lo and claim.date.start <= hi:
                continue
            key = (entry.name, claim.date.span.start)
            if key in reported:
                continue
            reported.add(key)
            yield self._hit(claim, entry, doc, claim.date.end < lo)

    def _window(self, entry: Entry) -> tuple[dt.date, dt.date] | None:
        """The days a launch claim may name: announced..released, with the slack."""
        ann, rel = entry.announced, entry.released
        if ann is None and rel is None:
            return None
        tol = dt.timedelta(days=self.options.tolerance_days)
        if ann is not None:
            lo = ann.earliest()
        else:
            assert rel is not None
            lo = rel.earliest() - dt.timedelta(days=self.options.announce_grace_days)
        if rel is not None:
            hi = rel.latest()
        else:
            assert ann is not None
            hi = ann.latest() + dt.timedelta(days=self.options.release_grace_days)
        return lo - tol, hi + tol

    def _hit(self, claim: DateClaim, entry: Entry, doc: Document, early: bool) -> Hit:
        t = claim.date
        kb_date = (entry.announced or entry.released) if early else (entry.released or entry.announced)
        assert kb_date is not None
        label = "announced" if kb_date is entry.announced else "released"
        dates = ", ".join(f"{n} {d}" for n, d in (("announced", entry.announced), ("released", entry.released)) if d)
        name = claim.mention.text if claim.mention.text == entry.name else f"{claim.mention.text} ({entry.name})"
        when = "on" if t.precision is Precision.DAY else "in"
        sentence = doc.segments[claim.segment].text[slice(*claim.sentence)].strip()
        return Hit(
            t.span,
            f"'{name}' is told as {_verb_en(claim.verb)} {when} {t.text.strip()} ({t.value}), "
            f"but the knowledge base has it {dates}",
            evidence=(
                Evidence("claim", f"dated launch: {sentence[:160]}"),
                entry.evidence(),
            ),
            suggestion=(right := _written_like(kb_date, t.text, t.precision)),
            fix=written_fix(doc.source, t.span, t.text, right, Applicability.UNSAFE),
            verdict=Verdict.CONTRADICTED,
            confidence=0.8 if label == "released" or entry.announced is not None else 0.7,
        )


def _verb_en(verb: str) -> str:
    if verb.isascii():
        return verb.lower()
    return "announced" if verb in ("宣布", "公布", "亮相") else "launched"


def _written_like(date: PartialDate, text: str, precision: Precision) -> str:
    """The KB date at the precision of the claim (or the KB's, when coarser), written as the claim is."""
    year = date.year
    month = date.month if precision in (Precision.DAY, Precision.MONTH, Precision.QUARTER) else None
    day = date.day if precision is Precision.DAY and month is not None else None
    if has_han(text):
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if month is None:
        return str(year)
    name = dt.date(year, month, 1).strftime("%B")
    return f"{name} {day}, {year}" if day else f"{name} {year}"
