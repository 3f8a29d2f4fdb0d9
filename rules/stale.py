"""date.stale and date.anachronism: a thing's known release date against the article's date.

Release dates come from the knowledge base (checker.extract.kb) offline and, with --online, from
PyPI (a package version's first upload), GitHub releases and Wikidata (P577/P571) for
names the knowledge base has no date for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.kb import KnowledgeBase, PartialDate, get_kb
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.keys import name_key
from checker.extract.temporal import Kind, extract_dates
from checker.input.documents import Document, Segment

# --- what a name denotes -----------------------------------------------------------------------

# Kinds whose KB entry is one release: a date says when *that* thing came out.
SPECIFIC_KINDS = frozenset({"model", "chip", "system", "device"})
# Kinds whose entry is a long-lived project: only a written version pins a release.
VERSIONED_KINDS = frozenset({"framework", "software"})
_VERSION = re.compile(r"(?<![\w.])v?(?P<v>\d+(?:\.\d+){1,3})$")

# PyPI and GitHub names of frameworks, for --online release look-ups of versions the KB
# does not list (the KB has no field for them; keys are checker.extract.names.keys keys).
PACKAGES: dict[str, tuple[str, str | None]] = {
    "triton": ("triton", "triton-lang/triton"),
    "openaitriton": ("triton", "triton-lang/triton"),
    "pytorch": ("torch", "pytorch/pytorch"),
    "torch": ("torch", "pytorch/pytorch"),
    "tensorflow": ("tensorflow", "tensorflow/tensorflow"),
    "jax": ("jax", "jax-ml/jax"),
    "keras": ("keras", "keras-team/keras"),
    "langchain": ("langchain", "langchain-ai/langchain"),
    "llamaindex": ("llama-index", "run-llama/llama_index"),
    "transformers": ("transformers", "huggingface/transformers"),
    "diffusers": ("diffusers", "huggingface/diffusers"),
    "vllm": ("vllm", "vllm-project/vllm"),
    "sglang": ("sglang", "sgl-project/sglang"),
    "deepspeed": ("deepspeed", "deepspeedai/DeepSpeed"),
    "numpy": ("numpy", "numpy/numpy"),
}


@dataclass(frozen=True)
class Release:
    """When a named thing first came out, per one source."""

    name: str
    first: dt.date  # the earliest day the date can mean
    last: dt.date  # the latest day it can mean
    shown: str  # as shown in messages: "2024-04", "2025-08-07"
    source: str  # "knowledge base", "PyPI", ...
    evidence: tuple[Evidence, ...]
    announced_only: bool = False


def split_version(text: str) -> tuple[str, str] | None:
    """ "Triton 2.3" -> ("Triton", "2.3"); None without a trailing version."""
    m = _VERSION.search(text.strip())
    if not m:
        return None
    base = text[: m.start()].strip(" -_")
    return (base, m.group("v")) if base else None


def kb_release(text: str, kb: KnowledgeBase, *, first_public: bool) -> Release | None:
    """The KB's date for exactly this name (not its family), when it denotes one release.

    first_public: the earliest public date (announced, else released), for "existed by";
    otherwise the release date (announced only when no release date is known).
    """
    entry = kb.lookup(text)  # by the key of a name or alias: never a family for a version
    if entry is None:
        return None
    if entry.kind not in SPECIFIC_KINDS and not (entry.kind in VERSIONED_KINDS and split_version(text)):
        return None
    date: PartialDate | None
    if first_public:
        date = entry.first_date
        announced_only = False
    else:
        date = entry.released or entry.announced
        announced_only = entry.released is None and entry.announced is not None
    if date is None:
        return None
    return Release(
        entry.name, date.earliest(), date.latest(), str(date), "knowledge base", (entry.evidence(),), announced_only
    )


def online_release(text: str, kb: KnowledgeBase, ctx: RunContext) -> Release | None:
    """Release date from the reference sources (--online), for names the KB cannot date."""
    services = ctx.services.references if ctx.online else None
    if services is None:
        return None
    parts = split_version(text)
    if parts is not None:
        base, version = parts
        family = kb.lookup(base)
        key = name_key(family.name if family is not None else base)
        if key not in PACKAGES and name_key(base) not in PACKAGES:
            return None
        pypi, github = PACKAGES.get(key) or PACKAGES[name_key(base)]
        results = services.release(text, version, pypi=pypi, github=github)
    else:
        # only things the KB knows as one release but cannot date: a Wikidata search on any
        # unknown name would cost requests per mention and match the wrong items
        entry = kb.lookup(text)
        if entry is None or entry.kind not in SPECIFIC_KINDS:
            return None
        results = services.release(entry.name)
    dated = [(r.released, r) for r in results if r.found and r.released is not None]
    if not dated:
        return None
    when, best = min(dated, key=lambda pair: pair[0])
    last = when if best.precision == "day" else _end_of(when, best.precision)
    shown = when.isoformat() if best.precision == "day" else when.isoformat()[: 7 if best.precision == "month" else 4]
    return Release(
        text, when, last, shown, _SOURCE_NAMES.get(best.source, best.source), tuple(r.evidence() for r in results)
    )


_SOURCE_NAMES = {"pypi": "PyPI", "github": "GitHub", "wikidata": "Wikidata", "huggingface": "Hugging Face"}


def _end_of(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def release_of(text: str, kb: KnowledgeBase, ctx: RunContext, *, first_public: bool) -> Release | None:
    return kb_release(text, kb, first_public=first_public) or online_release(text, kb, ctx)


# --- clauses and cues --------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,；;。！？!?\n|｜]|(?<=[a-z\)])\.\s")
_NEW_ZH = re.compile(
    r"(?P<cue>今日|今天|今晨|本日|剛剛|刚刚|甫)[^，,。；;！!？?\n]{0,8}?"
    r"(?P<verb>發布|发布|發佈|推出|上線|上线|釋出|释出|亮相|問世|问世|面世|登場|登场|首發|首发|更新|升級|升级)"
    r"|(?P<cue2>剛|刚)(?:正式)?(?P<verb2>發布|发布|發佈|推出|上線|上线|釋出|释出|更新)"
)
_NEW_EN = re.compile(
    r"(?<![A-Za-z])(?P<cue>just|newly)\s+(?:been\s+)?(?P<verb>released|launched|unveiled|announced|shipped"
    r"|updated|dropped)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<verb2>released|launched|unveiled|announced|shipped|rolled out|updated)\s+(?:on\s+)?"
    r"(?P<cue2>today)"
    r"(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<cue3>today)[,]?\s+(?:\w+\s+){0,4}?(?P<verb3>released|launched|unveiled|announced|rolled out"
    r"|updated)(?![A-Za-z])",
    re.IGNORECASE,
)
# an update is news about an existing thing; only a written version makes it "a new release"
_UPDATE_VERBS = frozenset({"更新", "升級", "升级", "updated"})
# the name is compared with, or contrasted to, the new thing
_COMPARE = re.compile(
    r"超越|超過|超过|媲美|比肩|對比|对比|相比|相較|相较|不如|優於|优于|勝過|胜过|than|vs\.?|versus|like|compared|surpass",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"將|将|即將|即将|預計|预计|計劃|计划|傳聞|传闻|傳出|传出|爆料|或將|或将|有望|will|expected|upcoming|rumou?red|plans?\b|soon",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """A clause that presents something as new (view offsets in its segment)."""

    segment: int
    start: int  # the clause
    end: int
    cue: str
    verb: str
    cue_start: int  # where the cue words begin
    verb_end: int  # where the verb ends


@lru_cache(maxsize=512)
def clauses(text: str) -> list[tuple[int, int]]:
    """Clause boundaries of a segment's text (cached: every name in a segment asks)."""
    out = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def novelty_clauses(doc: Document) -> list[Claim]:
    """Clauses presenting something as released today (今日發布, 今日更新, just released)."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        for index, seg in enumerate(d.segments):
            if seg.kind.value not in ("heading", "paragraph", "table"):
                continue
            out.extend(_segment_claims(index, seg))
        return out

    return doc.cached("stale.claims", compute)


# the "just released" is remembered, not reported: 兩年前GPT-4剛發布時, back when it launched
_PAST = re.compile(
    r"年前|個月前|个月前|天前|去年|前年|當年|当年|當時|当时|那時|那时|曾經|曾经|回顧|回顾|以來|以来|自從|自从"
    r"|今年|年初|年中|上半年|下半年|此前|早前|先前|之前"
    r"|ago|back when|back in|recall|since|earlier|previously",
    re.IGNORECASE,
)


def _segment_claims(index: int, seg: Segment) -> Iterator[Claim]:
    text = seg.text
    # the cue words as plain substrings first: the patterns are slow to try at every position
    low = text.lower()
    regexes = []
    if any(c in text for c in "今本剛刚甫"):
        regexes.append(_NEW_ZH)
    if "today" in low or "just" in low or "newly" in low:
        regexes.append(_NEW_EN)
    # neither pattern crosses a clause end, so a segment without a match anywhere has none
    if not any(r.search(text) for r in regexes):
        return
    for a, b in clauses(text):
        clause = text[a:b]
        for regex in regexes:
            m = regex.search(clause)
            if m is None:
                continue
            groups = {k: (v, m.start(k), m.end(k)) for k, v in m.groupdict().items() if v}
            cue = next(v for k, v in groups.items() if k.startswith("cue"))
            verb = next(v for k, v in groups.items() if k.startswith("verb"))
            if _PLAN.search(clause[: m.start()]) or _PAST.search(clause):
                continue  # 將於今日發布 (a plan); 兩年前剛發布時 (a memory)
            yield Claim(index, a, b, cue[0], verb[0], a + min(cue[1], verb[1]), a + max(cue[2], verb[2]))
            break


# A headline of a daily digest reports the day's news even without "today":
# 「- OpenAI釋出 **GPT-5** 預覽版，…」 in an AI日報 of 2026-03-01.
_RELEASE_VERB = re.compile(
    r"(?P<verb>發布|发布|發佈|推出|上線|上线|釋出|释出|亮相|問世|问世|面世|首發|首发"
    r"|releases|released|launches|launched|unveils|unveiled|introduces|introduced|debuts|rolls out)",
    re.IGNORECASE,
)
_DAILY = re.compile(r"日報|日报|每日|早報|早报|晚報|晚报|速遞|速递|快報|快报|daily|news", re.IGNORECASE)
_LEAD = re.compile(r"^[\s*_#>\-+\d.)、]*")


def is_daily_news(doc: Document) -> bool:
    """A digest of one day's news: its title says so, or its prose speaks of today."""
    title = doc.title or ""
    return bool(_DAILY.search(title) or novelty_clauses(doc))


def headline_claims(doc: Document) -> list[Claim]:
    """The first clause of each heading and list item that tells a release."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        for index, seg in enumerate(d.segments):
            heading = seg.kind.value == "heading"
            if not heading and not (seg.kind.value == "paragraph" and "list" in seg.containers):
                continue
            spans = clauses(seg.text)
            if not spans:
                continue
            a, b = spans[0]
            lead = _LEAD.match(seg.text, a)
            clause = seg.text[a:b]
            m = _RELEASE_VERB.search(clause)
            if m is None or _PLAN.search(clause) or _PAST.search(clause):
                continue
            start = a + m.start("verb")
            out.append(
                Claim(index, lead.end() if lead else a, b, "headline", m.group("verb"), start, a + m.end("verb"))
            )
        return out

    return doc.cached("stale.headlines", compute)


# How far the released thing may stand from the verb: 發布了讓全球矚目的 **GPT-5**.
_OBJECT_GAP_ZH = 15
_OBJECT_GAP_EN = 40
_BEFORE_GAP = re.compile(r"^[\s*_「」“”\"'（(]*(?:正式|已經|已经|已|也)?[\s*_]*$")
# what may follow the released thing in its clause: nothing, a release word, a gloss
_HEAD_AFTER = re.compile(
    r"^[\s*_」”\"']*(?:(?:預覽版|预览版|正式版|測試版|测试版|模型|大模型|版本|版|系列|晶片|芯片|preview|model|models"
    r"|series|version|release|beta|chip)(?![A-Za-z]))?[\s*_」”\"']*"
    r"(?:$|[（(:：—\-及和與与、/&]|(?:and|to|for|with|in|on|at|as|which|that|today|this|by)(?![A-Za-z]))",
    re.IGNORECASE,
)
_NO_OBJECT = re.compile(r"^[\s*_了啦！!。.]*$")


def subject_of(claim: Claim, doc: Document, mentions: list[Mention]) -> list[Mention]:
    """The names the clause presents as new: the object right after the verb (今日釋出
    GPT-5, just released X), or the subject right before the cue when nothing follows the
    verb (GPT-5 今日發布). Not the actor (Qwen3 series just dropped two tools), not what
    the new thing is compared with (超越 GPT-5)."""
    text = doc.segments[claim.segment].text
    latin = claim.verb.isascii()
    out = []
    for m in mentions:
        if m.segment != claim.segment or not (claim.start <= m.start and m.end <= claim.end) or m.quoted:
            continue
        if m.start >= claim.verb_end:
            gap = text[claim.verb_end : m.start]
            if len(gap) > (_OBJECT_GAP_EN if latin else _OBJECT_GAP_ZH) or _COMPARE.search(gap):
                continue
            if not _HEAD_AFTER.match(text[m.end : claim.end]):
                continue  # 「Qwen2.5系列實測報告」: the name modifies what was released
        elif m.end <= claim.cue_start:
            if not _BEFORE_GAP.match(text[m.end : claim.cue_start]):
                continue
            if not _NO_OBJECT.match(text[claim.verb_end : claim.end]):
                continue
        else:
            continue
        out.append(m)
    return out


def dated_elsewhere(claim: Claim, doc: Document, published: dt.date) -> bool:
    """The clause dates its event itself, to another day (百度在6月30日…開源): not "today"."""
    span = doc.segments[claim.segment].to_source(claim.start, claim.end)
    for t in extract_dates(doc):
        if not (span.start <= t.span.start and t.span.end <= span.end) or t.start is None:
            continue
        if t.kind is Kind.RELATIVE and t.offset_days == 0:
            continue
        if t.start <= published <= (t.end or t.start):
            continue
        return True
    return False


def maker_present(text: str, release: Release, kb: KnowledgeBase, segment_text: str) -> bool:
    """Short names (o3, M3, O1) name many things; the KB's one counts only when its
    maker is named in the same paragraph."""
    if len(name_key(text)) > 3:
        return True
    entry = kb.lookup(text)
    if release.source != "knowledge base" or entry is None or not entry.maker:
        return False
    maker = kb.lookup(entry.maker)
    names = maker.names if maker is not None else (entry.maker,)
    folded = segment_text.casefold()
    return any(n.casefold() in folded for n in names)


# Where a publication date counts: written by the pipeline or as a labelled date, not a
# date guessed from a heading or the prose.
TRUSTED_PUBLICATION = frozenset({"front-matter", "entry-header", "path", "metadata", "title"})


def publication_date(doc: Document) -> dt.date | None:
    if doc.published is None or doc.published_source not in TRUSTED_PUBLICATION:
        return None
    return doc.published


# --- date.stale --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleOptions:
    threshold_days: int = 30  # how long before the publication date a "new" thing must be
    announced_only_days: int = 180  # the same when only an announcement date is known
    headlines: bool = True  # in a daily digest, a headline telling a release counts as "new"


class DateStale(DocumentRule):
    """
    What it flags
        A product, model, chip or version presented as new in the article (今日發布,
        今日更新, 剛剛發布, just released, launched today; in a daily digest also a
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

    Known limits
        Release dates come from the knowledge base (offline) and, with --online, from
        PyPI/GitHub (framework versions) and Wikidata; a name none of them dates is not
        checked. Only the clause that carries the "new" cue is read, so 「今日（…），
        OpenAI 宣布 Triton 釋出 2.3 版本」 spread over several clauses is missed; only
        names with a version number are checked (Sora, Codex and LongCat each name
        several releases), and a short name such as o3 only when its maker is named in
        the paragraph. Articles whose date comes only from a heading or the prose are
        skipped.
    """

    meta = RuleMeta(
        "date.stale", Severity.WARNING, "a thing presented as new whose known release is long before the article"
    )
    Options = StaleOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        published = publication_date(doc)
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
                if claim.verb in _UPDATE_VERBS and split_version(m.text) is None:
                    continue
                release = release_of(m.text, kb, ctx, first_public=False)
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
        return Hit(
            m.span,
            f"'{m.text}' is presented as new ({cue}), but it was {what} {release.shown} "
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


# --- date.anachronism --------------------------------------------------------------------------

# Not about a thing that exists: plans, forecasts, rumours, roadmaps, negations.
_NOT_YET = re.compile(
    r"將|将|即將|即将|預計|预计|預期|预期|計劃|计划|計畫|規劃|规划|傳聞|传闻|傳出|传出|謠言|谣言|爆料|曝光|預告|预告"
    r"|或將|或将|有望|可能|猜測|猜测|期待|下一代|下一個|下一个|未來|未来|路線圖|路线图|時間表|时间表|對標|对标"
    r"|沒有|没有|不會|不会|還沒|还没|尚未|未曾|假如|如果|若"
    r"|will|would|expected|upcoming|rumou?r|leak|next[- ]gen|could|may|might|plans?\b|soon|future|roadmap|if\b"
    r"|前奏|前夕|之前|[發发]布前|推出前|上[線线]前|未[發发]布|未推出|未上[線线]|未公[開开]|泄露|洩露|偷跑|傳說|传说"
    r"|据称|據稱|神秘|不是|並非|并非|準備|准备|籌備|筹备"
    r"|not yet|yet to|tease|before|unreleased|rumored|alleged",
    re.IGNORECASE,
)
# A release told as done, next to the name: 發布了 X, X 已上線, released X, X was launched.
_RELEASE_BEFORE = re.compile(
    r"(?:發布|发布|發佈|推出|上線|上线|開源|开源|釋出|释出|亮相|問世|问世|面世|登場|登场|首發|首发"
    r"|released|launched|unveiled|introduced|rolled out|shipped|open-sourced)(?:了|的)?[^，,。；;！!？?\n]{0,12}$",
    re.IGNORECASE,
)
_RELEASE_AFTER = re.compile(
    r"^(?:(?!的)[^，,。；;！!？?\n]){0,6}?(?:已經|已经|已|正式|剛|刚)?(?:發布|发布|發佈|推出|上線|上线|開源|开源|釋出|释出|亮相"
    r"|問世|问世|面世|登場|登场|首發|首发)"
    r"|^\s+(?:was|is now|has been|had been|were)\s+(?:officially\s+)?"
    r"(?:released|launched|unveiled|available|rolled out)",
    re.IGNORECASE,
)


def told_as_released(text: str, start: int, end: int) -> bool:
    """The clause tells the release of the name at [start, end) as done, with no plan,
    rumour, roadmap or negation anywhere in its sentence."""
    if _NOT_YET.search(_sentence_around(text, start, end)):
        return False
    clause = next(((a, b) for a, b in clauses(text) if a <= start and end <= b), (start, end))
    return bool(_RELEASE_BEFORE.search(text[clause[0] : start]) or _RELEASE_AFTER.search(text[end : clause[1]]))


@dataclass(frozen=True)
class AnachronismOptions:
    margin_days: int = 3  # how many days before the thing's first public date the article must be


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
        published = publication_date(doc)
        if published is None:
            return
        kb = get_kb(ctx)
        reported: set[str] = set()
        for m in names_of(doc, kb):
            if m.key in reported or m.quoted:
                continue
            # the knowledge base is a dictionary look-up: ask it before reading the sentence
            release = kb_release(m.text, kb, first_public=True)
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


_SENTENCE_END = re.compile(r"[。！？!?\n]|(?<=[a-z\)])\.\s")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end) (plans are often in another clause of it)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    nxt = _SENTENCE_END.search(text, end)
    return text[left : nxt.start() if nxt else len(text)]
