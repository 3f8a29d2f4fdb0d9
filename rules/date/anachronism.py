"""date.anachronism: a thing mentioned in an article published before it existed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.kb import KnowledgeBase, get_kb
from checker.extract.names.extract import names_of
from checker.extract.releases import Release, kb_release, maker_present, online_release
from checker.extract.temporal.novelty import told_as_released
from checker.input.documents import Document
from checker.input.published import trusted_published


@dataclass(frozen=True)
class AnachronismOptions:
    margin_days: int = 3  # how many days before the thing's first public date the article must be


@lru_cache(maxsize=4)
def _releases(kb: KnowledgeBase) -> dict[str, Release | None]:
    """The KB's dates by the name as written, kept per KB: a corpus repeats its names (19k
    look-ups of the real corpus's mentions, a few thousand distinct)."""
    return {}


class DateAnachronism(DocumentRule):
    """
    What it flags
        A product, model, chip or version mentioned as existing in an article published
        before that thing was first announced or released: an article dated 2025-09-25
        that describes Claude Sonnet 4.5 (announced 2025-09-29) as available.

    Why it matters
        Either the publication date is wrong (the article was written later and
        back-dated, or its date was mistyped) or the text was edited after the fact;
        both mislead readers and archives.

    Flagged
        ---
        date: 2024-03-01
        ---
        我們用 GPT-5 測試了這個工具。

    Passes
        OpenAI 預計明年推出 GPT-6 (a plan or rumour, not a thing that exists); names
        the knowledge base gives no date for.

    Options
        margin-days: how many days before the thing's first public date the article must
        be (default 3: sources date announcements and releases a few days apart).

    Fix
        None: the article's date or the passage needs a person's check.

    Known limits
        Uses the earliest public date the knowledge base knows (announced, else
        released) and, with --online, PyPI/GitHub/Wikidata for names it cannot date.
        Clauses that speak of plans, rumours or the next generation are skipped, but a
        forecast without such a word is reported; only mentions told as released
        (發布了 X, X 已上線, X was released) are read. Articles whose date comes only
        from a heading or the prose are skipped.
    """

    meta = RuleMeta("date.anachronism", Severity.WARNING, "a thing mentioned in an article published before it existed")
    Options = AnachronismOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        published = trusted_published(doc)
        if published is None:
            return
        kb = get_kb(ctx)
        reported: set[str] = set()
        releases = _releases(kb)
        for m in names_of(doc, kb):
            if m.key in reported or m.quoted:
                continue
            if not m.in_kb and not ctx.online:
                continue  # the KB has no entry with its key, so no date (most names of a document)
            # the knowledge base is a dictionary look-up: ask it before reading the sentence
            if m.text in releases:
                release = releases[m.text]
            else:
                release = releases[m.text] = kb_release(m.text, kb, first_public=True)
            if release is None and not ctx.online:
                continue
            if release is not None and (release.first - published).days <= self.options.margin_days:
                continue
            if not told_as_released(doc.segments[m.segment].text, m.start, m.end):
                continue  # before any online look-up, which costs requests
            if release is None:
                release = online_release(m.text, kb, ctx)
            if release is None or not maker_present(m.text, release, kb, doc.segments[m.segment].text):
                continue
            early = (release.first - published).days
            if early <= self.options.margin_days:
                continue
            reported.add(m.key)
            yield Hit(
                m.span,
                f"'{m.text}' first appeared {release.shown} ({release.source}), {early} days after this "
                f"article's date {published.isoformat()}",
                evidence=(
                    Evidence(
                        "publication-date",
                        f"publication date {published.isoformat()} ({doc.published_source or 'document'})",
                    ),
                    *release.evidence,
                ),
                suggestion="check the article's date, or whether this passage was added later",
                verdict=Verdict.INCONSISTENT,
                confidence=0.8 if release.source == "knowledge base" else 0.7,
            )
