"""name.unverified: a product, model or chip name that nothing consulted knows."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from functools import partial

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.kb import KnowledgeBase, NameQuery, get_kb, get_name_verifier
from checker.extract.names.candidates import _CANDIDATE_SHAPES, LaunchCandidates, UnverifiedOptions, _family_note
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.index import NameIndex
from checker.extract.names.slips import TypoSlips
from checker.extract.names.vouch import independent_mention, vouching_link
from checker.input.documents import Document
from checker.kb.lines import Claim, claim, may_claim


class NameUnverified(CorpusRule[list[Mention]]):
    """
    What it flags
        Offline (the default), a name introduced as new (a launch word in its clause:
        發布, 推出, 開源, released, launched ...; not a plan) that claims a member of a
        line the knowledge base knows well, when the KB does not list that member, in a
        document dated up to the KB's horizon (its newest release date; an undated
        document is read as of the horizon, less sure). "Knows well": the KB's model
        and chip names that start with the same word (the brand: "Claude 3 Opus",
        "Claude Opus 4.7") show at least 2 versions and at least 3 of them are dated
        (models.dev and Epoch AI list the API model lines release by release; the
        hand-written overlay lists AlphaFold, PaLM), or an architecture of the overlay
        whose chips name it as `family` (Hopper: H100, H800, H20, H200, GH200). A member
        is missing when no listed name has its version with its tier words (a word
        that names a sub-line on its own: Opus, Flash, Ultra): "Claude Opus 3.5",
        "Gemini Ultra 2.0", "AlphaFold 4", "Gemini 15 Pro". A word the line never used
        ("DeepSeek-R1-Safe", "Gemini Robotics-ER 1.6") makes a new sub-line or a third
        party's derivative, not a missing member, unless the line is finished (no new
        member for a year before the document: "PaLM 2-Light", "Hopper-Eco"). The
        evidence lists the line's members with dates and sources; the suggestion is the
        nearest listed member. After the horizon nothing is reported offline (the member
        may be newer than the data); names of lines the KB does not know well are no
        evidence of invention offline ("Hub-Vision-Pro", "FL-Turbo"): option
        unknown-families reports them as before. With --online, every candidate below is
        checked and the registered reference verifier is asked.

        Candidates (also for unknown-families and --online): a name with a
        model/version shape (letters with a version number: "GPT-6",
        "NP-5", "Gemini Ultra 2.0"; also a Capitalised-Hyphenated name of up to
        three parts: "Hub-Vision-Pro", in English prose only with a coined word:
        "Talquin-Flux-Pro") introduced as new by a launch
        word in its clause with no other name in between (發布, 推出, 開源, 釋出,
        released, launched, unveiled ...; not a plan or forecast: 預計, 計劃, 即將,
        will, expected to), that nothing consulted vouches for: not the knowledge
        base, not a link in the same item (paragraph, list item, table row), or in a
        reference the item cites by an in-page anchor ([[18]](#ref-18)), whose URL
        names it (a Hugging Face or GitHub repo, a blog or news slug:
        "huggingface.co/org/Nova-7B-Instruct", "/blog/introducing-nova-2"; case,
        separators and version dots aside), and not an independent document of the
        run or archive (another article saying something else about it; a repost of
        the same sentence, or a README quoting it, is no evidence). A known model family followed only by
        sizes, snapshot dates or variant words ("Qwen3-235B-A22B-Instruct",
        "Llama 3.2 3B", "GPT-5.2 Instant") counts as known, and so does a new version
        of known software ("Kubernetes v1.35", "Claude Code 2.1.215+"). Not products, so never flagged: organisations
        ("F-ISAC"), safety levels and tiers ("ASL-4", "DoD IL4"), identifiers and
        standards ("CVE-2026-1234", "IEEE 802.11be", "HTTP 406"), events of a year
        ("WWDC25", "HDC2025"), and a figure that a date, count or amount follows
        ("Rillet 8月19日", "RSS 4 篇"). Chip part numbers ("QS7001") are products.
        A likely misspelling of a known name is left to name.typo. With
        unknown-families, for a document dated after the horizon the evidence says the
        KB cannot know newer names ("run `checker kb update` or use --online") and the
        confidence is lowered.

    Why it matters
        AI-written digests invent products ("神經元處理器NP-5", "Hub-Vision-Pro").
        A name no reference knows is the cheapest thing for an editor to check
        before publishing.

    Flagged
        Google DeepMind 今日發布 Gemini Ultra 2.0 正式版。
        Isomorphic Labs 宣布利用 AlphaFold 4 发现全新抗生素类别。
        Anthropic 今日推出 Claude Opus 3.5。

    Passes
        Hugging Face 今日發布全新開源模型 Hub-Vision-Pro。
        DeepSeek 發布 DeepSeek-R1。
        阿里開源 Qwen3-235B-A22B-Instruct-2507。
        Nuvola 開源 [Nuvola-7B-Instruct](https://huggingface.co/nuvola-ai/Nuvola-7B-Instruct)。
        Anthropic 發布 ASL-3 防護措施。

    Options
        require-launch: only names next to a launch word (default true).
        include-quoted: also names inside quoted sentences (default false).
        window-before / window-after: how far from the name a launch word may stand
        (default 40 / 20 characters, within the clause).
        unknown-families: offline, also names of lines the KB does not know well (the
        wide behaviour before issue 14; default false).

    Fix
        None; the suggestion names the nearest listed member of the line.

    Known limits
        Offline, invented names of lines the KB does not know ("Hub-Vision-Pro",
        "NP-5", "FL-Turbo") and invented new words on active lines ("GPT-5.6-Cyber")
        go unreported; use --online or unknown-families. A line whose listing lacks a
        real member (a gap in the data) gives a wrong finding: add it to a KB file of
        your own (`knowledge-base` in the config) or run `checker kb update`. With
        unknown-families, "unverified" is not "false": real but recent or obscure
        products are reported. Deliberately conservative: CamelCase names without digits,
        hyphenated English terms, plain words with numbers ("Agent 4") and names
        without a launch word are not checked, so invented names of those shapes
        ("SynapticTech", "Project Glasswing", "Kara 2.4 Pro": Kara is a word to
        Wordfreq) are missed. A link naming an invented product vouches for it, and
        "Vexora 3月底" reads as a date. The source of a document is its folder, not its
        git repository. An invented name one letter from a known one ("Motal-1" next
        to Modal) is reported by name.typo instead.
    """

    meta = RuleMeta(
        "name.unverified",
        Severity.WARNING,
        "a product, model or chip name that no knowledge base, archive or reference source knows",
    )
    Options = UnverifiedOptions
    reads_analyses = (NameIndex, TypoSlips)

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Mention]:
        return names_of(doc, get_kb(ctx))

    def check(self, collected: list[tuple[Document, list[Mention]]], ctx: RunContext) -> Iterator[Hit]:
        kb = get_kb(ctx)
        index = ctx.analysis(NameIndex)
        verifier = get_name_verifier(ctx)
        typos = ctx.analysis(TypoSlips).flagged  # a likely misspelling is name.typo's finding
        candidates = LaunchCandidates(self.options)
        horizon = _horizon(kb)
        n_run = sum(1 for d, _ in collected if not d.archived)
        n_archive = len(collected) - n_run
        # offline, only a line the KB lists well can show a name is not a member (below): a
        # document or a name that can claim none is skipped before the costlier tests
        lines_only = verifier is None and not self.options.unknown_families
        # may_claim per name as written, asked once per run (a corpus repeats its names)
        claimable = functools.cache(partial(may_claim, kb=kb))
        for doc, mentions in collected:
            if doc.archived or (lines_only and not _covered(doc, horizon)):
                continue
            seen: set[str] = set()
            # keys of which some spelling names a known line; the others can yield nothing
            # (a key's first candidate is the one judged, so a key is kept or skipped whole)
            live = (
                # (the shape first, on the tuple: most mentions have none the rule reads)
                {m.key for m in mentions if m.shape in _CANDIDATE_SHAPES and candidates.shaped(m) and claimable(m.text)}
                if lines_only
                else None
            )
            for m in mentions:
                if m.key in seen or (live is not None and m.key not in live):
                    continue
                if not candidates.candidate(doc, m, kb):
                    continue
                seen.add(m.key)
                if (doc.id, m.key) in typos or candidates.known(m, kb, index, doc):
                    continue  # a likely misspelling is name.typo's finding, not an unknown product
                if vouching_link(doc, m) is not None or independent_mention(doc, m, index) is not None:
                    continue  # its own page is linked, or an independent document names it
                line_claim = _line_claim(m, doc, kb, horizon)
                if verifier is None and line_claim is None and not self.options.unknown_families:
                    continue  # offline, only a line the KB lists well can show a name is not a member
                if line_claim is not None:
                    asked: tuple[Evidence, ...] = ()
                    if verifier is not None:  # online, the reference sources are asked as well
                        result = verifier(NameQuery(m.text, doc.segments[m.segment].text, None, doc.published))
                        if result.status == "found":
                            continue
                        asked = result.evidence
                    yield _member_hit(m, doc, line_claim, kb, asked, online=verifier is not None)
                    continue
                evidence = [
                    Evidence(
                        "consulted",
                        f"knowledge base ({len(kb)} entries{', version ' + kb.version if kb.version else ''}): "
                        f"no entry for '{m.text}'{_family_note(m.text, kb)}",
                    ),
                    Evidence("consulted", _run_note(doc, m, index, n_run, n_archive)),
                    Evidence("consulted", "links in the same item: none names it"),
                ]
                confidence = 0.6
                if verifier is not None:
                    seg = doc.segments[m.segment]
                    result = verifier(NameQuery(m.text, seg.text, None, doc.published))
                    if result.status == "found":
                        continue
                    evidence.extend(result.evidence)
                else:
                    evidence.append(Evidence("consulted", "online reference sources: not consulted (offline)"))
                    if horizon is not None and doc.published is not None and doc.published > horizon:
                        # a name newer than the KB cannot be checked offline: say so, and be less sure
                        evidence.append(
                            Evidence(
                                "consulted",
                                f"the knowledge base ends at {horizon.isoformat()}; the document is dated "
                                f"{doc.published.isoformat()}: run `checker kb update` or use --online",
                            )
                        )
                        confidence = 0.3
                yield Hit(
                    m.span,
                    f"'{m.text}' is introduced as new, but nothing consulted knows it",
                    evidence=tuple(evidence),
                    confidence=confidence,
                    verdict=Verdict.UNVERIFIED,
                    document=doc.id,
                )


def _covered(doc: Document, horizon: dt.date | None) -> bool:
    """The KB's data covers the document: dated up to its horizon, or undated."""
    return horizon is not None and (doc.published is None or doc.published <= horizon)


def _line_claim(m: Mention, doc: Document, kb: KnowledgeBase, horizon: dt.date | None) -> Claim | None:
    """What the KB's list of a line it knows well says against the name, for a document the
    data covers: dated up to the KB's horizon, or undated and read as of the horizon (then
    not a version newer than every listed member: it may have come after the data)."""
    if not _covered(doc, horizon):
        return None  # a member newer than the data may well exist
    found = claim(m.text, kb, doc.published or horizon)
    if found is not None and doc.published is None and found.beyond:
        return None
    return found


def _member_hit(
    m: Mention, doc: Document, c: Claim, kb: KnowledgeBase, asked: tuple[Evidence, ...], *, online: bool
) -> Hit:
    line = " ".join(w for w in (c.line.label,) if w)
    evidence = [
        Evidence("knowledge-base", c.evidence, value=c.suggestion),
        Evidence(
            "consulted",
            f"knowledge base ({len(kb)} entries{', version ' + kb.version if kb.version else ''}, "
            f"data up to {kb.horizon.isoformat() if kb.horizon else 'an unknown date'})",
        ),
        Evidence("consulted", "links in the same item and independent documents of the run: none names it"),
    ]
    evidence.extend(asked)
    if not online:
        evidence.append(Evidence("consulted", "online reference sources: not consulted (offline)"))
    if doc.published is None:
        evidence.append(Evidence("consulted", "the document is undated: read as of the knowledge base's horizon"))
    return Hit(
        m.span,
        f"'{m.text}' is introduced as new, but it is no member of the {line} line the knowledge base lists",
        evidence=tuple(evidence),
        suggestion=c.suggestion,
        confidence=0.7 if doc.published is not None else 0.5,
        verdict=Verdict.UNVERIFIED,
        document=doc.id,
    )


def _horizon(kb: object) -> dt.date | None:
    """The KB's newest release date, when the KB tells it (`kb.horizon`: a date or None)."""
    value = getattr(kb, "horizon", None)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _run_note(doc: Document, m: Mention, index: NameIndex, n_run: int, n_archive: int) -> str:
    """What the other documents say: nothing, or only copies of the sentence and non-articles."""
    st = index.by_key.get(m.key)
    others = ((st.docs | st.archived_docs) - {doc.id}) if st is not None else set()
    archive = f"archive ({n_archive} documents)" if n_archive else "no archive given"
    if not others:
        return f"{n_run - 1} other documents of this run, {archive}: not mentioned"
    return (
        f"{n_run - 1} other documents of this run, {archive}: mentioned only in {len(others)} "
        "that repeat this sentence or are no articles (not independent)"
    )
