"""date.stale: a thing presented as new whose known release is long before the article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.kb import get_kb
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.keys import name_key
from checker.extract.releases import Release, maker_present, release_of, sized_release, split_version
from checker.extract.temporal.novelty import (
    UPDATE_VERBS,
    Claim,
    dated_elsewhere,
    headline_claims,
    is_daily_news,
    novelty_clauses,
    subject_of,
)
from checker.input.documents import Document
from checker.input.published import trusted_published


@dataclass(frozen=True)
class StaleOptions:
    threshold_days: int = 30  # how long before the publication date a "new" thing must be
    announced_only_days: int = 180  # the same when only an announcement date is known
    headlines: bool = True  # in a daily digest, a headline telling a release counts as "new"


class DateStale(DocumentRule):
    """
    What it flags
        A product, model, chip or version presented as new in the article (今日發布,
        今日更新, 剛剛發布, 本週發布, 則發布了, just released, launched today, this week,
        last week released; in a daily digest also a
        headline or list item telling a release, 「- OpenAI釋出 GPT-5 預覽版」) whose
        known release is well before the article's publication date: seed 000's
        「OpenAI 今日更新 Triton 2.3」 in an article of 2025-12-15, when Triton 2.3.0
        came out in 2024.

    Why it matters
        Old news told as today's news is the typical error of a digest written by a
        model from stale memory; readers act on it as new.

    Flagged
        ---
        date: 2025-12-15
        ---
        OpenAI 今日更新 Triton 2.3，強化對稀疏張量運算的支援

    Passes
        OpenAI 今日發布 GPT-5.2 (released that month); Google 今日更新 Gemini 應用 (an
        update of an existing product, no version); DeepSeek 今日發布 V4，性能超越 GPT-5
        (GPT-5 is what it is compared with).

    Options
        threshold-days: how many days before the publication date the known release
        must lie (default 30; month- and year-precise dates count from their last day).
        announced-only-days: the same when only an announcement date is known (180).
        headlines: read the headlines of daily digests as "new" (default true).

    Fix
        None: the suggestion (say when it came out, or drop the claim) is a rewrite.

    Known limits
        Release dates come from the knowledge base (offline) and, with --online, from
        PyPI/GitHub (framework versions) and Wikidata; a name none of them dates is not
        checked. Only the clause that carries the "new" cue is read, so 「今日（…），
        OpenAI 宣布 Triton 釋出 2.3 版本」 spread over several clauses is missed; only
        names with a version number are checked (a size after it is read as its
        release: Llama 3.2 3B Instruct is Llama 3.2) (Sora, Codex and LongCat each name
        several releases), and a short name such as o3 only when its maker is named in
        the paragraph. Articles whose date comes only from a heading or the prose are
        skipped.
    """

    meta = RuleMeta(
        "date.stale", Severity.WARNING, "a thing presented as new whose known release is long before the article"
    )
    Options = StaleOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        published = trusted_published(doc)
        if published is None:
            return
        kb = get_kb(ctx)
        mentions = names_of(doc, kb)
        reported: set[str] = set()
        claims = novelty_clauses(doc)
        if self.options.headlines and is_daily_news(doc):
            claims = [*claims, *headline_claims(doc)]
        for claim in claims:
            for m in subject_of(claim, doc, mentions):
                if m.key in reported:
                    continue
                if not any(ch.isdigit() for ch in m.text):
                    continue  # a release is named by its version: Sora, Codex, LongCat name many things
                if claim.verb in UPDATE_VERBS and split_version(m.text) is None:
                    continue
                release = release_of(m.text, kb, ctx, first_public=False)
                sized = sized_release(m.text) if release is None else None
                if sized is not None:  # Llama 3.2 3B Instruct is Llama 3.2
                    release = release_of(sized, kb, ctx, first_public=False)
                if release is None or not maker_present(m.text, release, kb, doc.segments[m.segment].text):
                    continue
                if dated_elsewhere(claim, doc, published):
                    continue
                limit = self.options.announced_only_days if release.announced_only else self.options.threshold_days
                gap = (published - release.last).days
                if gap <= limit:
                    continue
                reported.add(m.key)
                yield self._hit(m, claim, doc, release, published, gap)

    def _hit(self, m: Mention, claim: Claim, doc: Document, release: Release, published: dt.date, gap: int) -> Hit:
        what = "announced" if release.announced_only else "released"
        if claim.cue == "headline":
            cue = f"a headline of a digest of {published.isoformat()}"
        elif claim.cue.lower() == "today":
            cue = f"{claim.verb} today"
        else:
            cue = f"{claim.cue}…{claim.verb}"
        clause = doc.segments[claim.segment].text[claim.start : claim.end].strip()
        name = m.text if name_key(m.text) == name_key(release.name) else f"{m.text} ({release.name})"
        return Hit(
            m.span,
            f"'{name}' is presented as new ({cue}), but it was {what} {release.shown} "
            f"({release.source}), {gap} days before this article of {published.isoformat()}",
            evidence=(
                Evidence("claim", f"presented as new: {clause[:120]}"),
                Evidence(
                    "publication-date",
                    f"publication date {published.isoformat()} ({doc.published_source or 'document'})",
                ),
                *release.evidence,
            ),
            suggestion=f"say when it came out ({release.shown}), or drop the claim that it is new",
            verdict=Verdict.CONTRADICTED,
            confidence=0.85 if release.source == "knowledge base" else 0.75,
        )
